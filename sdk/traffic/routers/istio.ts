import { ForbiddenError, InvalidPlanError, UnknownDestinationError } from "../../errors.ts";
import { matchesLabels, selectorOf, type KubeObject, type KubePort, type ListOptions, type ObjectRef } from "../../ports/kube.ts";
import type { RouteState, TrafficRouter } from "../router.ts";
import { toPercentages, type Split } from "../split.ts";
import { ruleIdentity, shiftedRule, splitRule, takesSplit, type RuleReader } from "../split-rule.ts";
import { clientsOf, lookUpSubset, serviceOf, unseenRoute } from "./istio-rule-lookup.ts";

export interface IstioVirtualServiceOptions {
  namespace: string;
  name: string;
  /** kubeconfig context, when the plan acts on several clusters. */
  context?: string;
  /** Only the `http` routes with this name are shifted (default: every http route). */
  httpRoute?: string;
  /** Default networking.istio.io/v1 (Istio 1.22+); use v1beta1 for older control planes. */
  apiVersion?: string;
  /**
   * The mesh's root namespace (meshConfig.rootNamespace, default istio-system): proxies take a
   * host's DestinationRule from there when neither their namespace nor the host's has one.
   */
  rootNamespace?: string;
}

interface Destination {
  host: string;
  subset?: string;
  port?: unknown;
}
interface RouteEntry {
  destination: Destination;
  weight?: number;
  [k: string]: unknown;
}
interface HttpRoute {
  name?: string;
  route?: RouteEntry[];
  [k: string]: unknown;
}

const destName = (d: Destination) => d.subset ?? d.host;

/**
 * A mirror sends a copy of every request to its destination, side effects and all (database
 * writes, charges): a shift that takes a destination to 0% stops mirroring to it too.
 */
function dropMirrorsTo(h: HttpRoute, split: Split, onSplitHost: (host: string) => boolean): void {
  const drained = (d: Destination | undefined) => d !== undefined && onSplitHost(d.host) && split[destName(d)] === 0;
  if (drained(h.mirror as Destination | undefined)) {
    delete h.mirror;
    delete h.mirrorPercentage;
    delete h.mirrorPercent;
  }
  if (Array.isArray(h.mirrors)) {
    const kept = (h.mirrors as { destination: Destination }[]).filter((m) => !drained(m.destination));
    if (kept.length) h.mirrors = kept;
    else delete h.mirrors;
  }
}
const shortHost = (host: string) => host.split(".")[0]!;

/** What an http route's match may select by while still taking every user of its path. */
const PATH_MATCH_KEYS = new Set(["uri", "ignoreUriCase", "name", "port", "gateways", "authority", "scheme"]);
/** Whether an http route selects some users (by header, query parameter, method, source): a pin. */
const pinsUsers = (h: HttpRoute) => ((h.match as Record<string, unknown>[] | undefined) ?? []).some((m) => Object.keys(m).some((k) => !PATH_MATCH_KEYS.has(k)));

/**
 * Istio reports a pod's canonical revision as `destination_version`: the first of these pod labels
 * it has (else "latest"). The labels a subset selects by are labels its pods have.
 */
const CANONICAL_REVISION_LABELS = ["service.istio.io/canonical-revision", "app.kubernetes.io/version", "version"];
const canonicalRevision = (labels: Record<string, string> | undefined) => CANONICAL_REVISION_LABELS.map((l) => labels?.[l]).find((v) => v !== undefined);

type Labels = Record<string, string>;

/**
 * Istio VirtualService: weights on `spec.http[].route[].weight`, destinations named by subset
 * (checked against the DestinationRule) or by host.
 */
export function istioVirtualServiceRouter(options: IstioVirtualServiceOptions): TrafficRouter {
  const ref: ObjectRef = {
    apiVersion: options.apiVersion ?? "networking.istio.io/v1",
    kind: "VirtualService",
    namespace: options.namespace,
    name: options.name,
    ...(options.context ? { context: options.context } : {}),
  };
  const object = `VirtualService ${options.namespace}/${options.name}`;
  const part = options.httpRoute ? `http route '${options.httpRoute}'` : undefined;
  const label = part ? `${object} (${part})` : object;
  const rulesIn = (namespace: string): ListOptions => ({ apiVersion: ref.apiVersion, kind: "DestinationRule", namespace, ...(options.context ? { context: options.context } : {}) });
  const ruleNamed = (name: string, namespace = options.namespace): ObjectRef => ({ ...rulesIn(namespace), name });
  const rootNamespace = options.rootNamespace ?? "istio-system";
  const hostService = (host: string) => serviceOf(host, options.namespace);
  const hostKey = (host: string) => {
    const at = hostService(host);
    return `${at.namespace}/${at.name}`;
  };
  /**
   * Whether a host is one the split is about: the hosts of the http route holding it. Subsets are
   * named per host, and a VirtualService of a shared gateway host may route the storefront's
   * "stable" beside checkout's: those are not this split's.
   */
  const onHostsOf = (holder: HttpRoute) => {
    const hosts = new Set((holder.route ?? []).map((e) => hostKey(e.destination.host)));
    return (host: string) => hosts.has(hostKey(host));
  };
  /** Whether a DestinationRule is the one of a route's host (its subsets are that Service's). */
  const ruleOfHost = (rule: KubeObject, host: string) => {
    const a = hostService(host);
    const b = serviceOf(rule.spec?.host ?? "", rule.metadata.namespace ?? options.namespace);
    return a.name === b.name && a.namespace === b.namespace;
  };

  /**
   * A delegating route sends its requests to the http routes of another VirtualService: the
   * weights live there, so that one is the route to shift.
   */
  /** "VirtualService prod/checkout-api, which holds the weights: point the router at it, e.g. …", for the delegates among `routes`. */
  const delegatesOf = (routes: HttpRoute[]): string | undefined => {
    const delegates = routes.flatMap((h) => (h.delegate ? [h.delegate as { name?: string; namespace?: string }] : []));
    if (!delegates.length) return undefined;
    const names = [...new Set(delegates.map((d) => `${d.namespace ?? options.namespace}/${d.name}`))];
    const [ns, name] = names[0]!.split("/");
    const which = names.length > 1 ? `VirtualServices ${names.join(", ")}, which hold the weights: point the router at the one to shift` : `VirtualService ${names[0]}, which holds the weights: point the router at it`;
    return `${which}, e.g. istio.virtualService({ namespace: "${ns}", name: "${name}" })`;
  };
  const refuseDelegates = (routes: HttpRoute[]): void => {
    if (!routes.length || routes.some((h) => !h.delegate)) return;
    throw new InvalidPlanError(`${label} delegates its http routes to ${delegatesOf(routes)}.`);
  };

  const selected = (vs: KubeObject): HttpRoute[] => {
    const http: HttpRoute[] = vs.spec?.http ?? [];
    const named = options.httpRoute ? http.filter((h) => h.name === options.httpRoute) : http;
    refuseDelegates(named);
    const picked = options.httpRoute ? named : http.filter((h) => h.route?.length);
    if (!picked.length) {
      const names = http.map((h) => h.name ?? "(unnamed)").join(", ") || "(none)";
      throw new InvalidPlanError(
        options.httpRoute
          ? `${object} has no http route named '${options.httpRoute}'; http routes are: ${names}.`
          : `${object} has no http route with destinations to shift.`,
      );
    }
    return picked;
  };

  // Istio's weights are relative ("the relative proportion of traffic"): 1 and 9 are 10% and 90%.
  const ruleSplit = (h: HttpRoute): Split => {
    const entries = h.route ?? [];
    return toPercentages(Object.fromEntries(entries.map((e) => [destName(e.destination), e.weight ?? (entries.length === 1 ? 100 : 0)])));
  };
  const destinationsOf = (h: HttpRoute) => (h.route ?? []).map((e) => destName(e.destination));
  const reader: RuleReader<HttpRoute> = { identityOf: (h) => ruleIdentity(h.name, h.match as unknown[] | undefined), splitOf: ruleSplit, destinationsOf, object, noun: "http route", nameField: "http[].name" };
  const splitHolder = (vs: KubeObject, want?: string[]) => splitRule(selected(vs), destinationsOf, (h) => !h.match, want);
  /** The http route holding the split a state was read with. */
  const stateHolder = (state: RouteState) => splitHolder(state.object, Object.keys(state.split));
  const splitOf = (vs: KubeObject, want?: string[], rule?: string): Split => ruleSplit(rule ? shiftedRule(selected(vs), rule, reader, want ?? []) : splitHolder(vs, want));

  /**
   * Where a destination the http route does not name yet goes: as another route of the object
   * names it, else the subset of the host whose DestinationRule defines it, on the port the route
   * already uses for that host (a gateway without it looks for the host on its own port).
   */
  const newDestination = (state: RouteState, dest: string, existing: RouteEntry[]): Destination => {
    const onSplitHost = onHostsOf(stateHolder(state));
    const all = selected(state.object)
      .flatMap((h) => h.route ?? [])
      .filter((e) => onSplitHost(e.destination.host));
    const elsewhere = all.find((e) => destName(e.destination) === dest);
    if (elsewhere) return structuredClone(elsewhere.destination);
    const rule = state.related.find((r) => (r.spec?.subsets ?? []).some((s: { name: string }) => s.name === dest));
    const sibling = rule ? [...existing, ...all].find((e) => ruleOfHost(rule, e.destination.host)) : existing[0];
    const host = sibling?.destination.host ?? rule?.spec.host ?? dest;
    // keys in the order the API server serves a custom resource's (sorted): the journal shows it as the cluster will
    return { host, ...(sibling?.destination.port !== undefined ? { port: sibling.destination.port } : {}), ...(host !== dest ? { subset: dest } : {}) };
  };

  /**
   * The proxies that follow the route must see it (else a shift changes nothing they route), and
   * a subset the shift gives more traffic must be one they resolve (else every request sent there
   * fails). A subset whose share stays or falls is left to Istio: such a shift makes it no worse.
   */
  const refuseUnseen = (state: RouteState, split: Split) => {
    const clients = clientsOf(state.object);
    for (const client of clients) {
      const why = unseenRoute(state.object, client);
      if (why) throw new InvalidPlanError(`${label}: ${why}`);
    }
    for (const dest of Object.keys(split).filter((d) => split[d]! > (state.split[d] ?? 0))) {
      const { host, subset } = newDestination(state, dest, []);
      if (subset === undefined) continue;
      const rules = state.related.filter((r) => ruleOfHost(r, host));
      const service = hostService(host);
      for (const client of clients) {
        const found = lookUpSubset(rules, service, subset, client, rootNamespace);
        if ("why" in found) throw new InvalidPlanError(`${label}: ${found.why}`);
        if ("noRule" in found) {
          const unread = state.unread ? `, and ${state.unread}` : "";
          throw new InvalidPlanError(
            `${label}: no DestinationRule for ${service.namespace}/${service.name} that ${client.who} see defines subset '${subset}' ` +
              `(they look in ${found.noRule.join(", ")}, in that order${unread}), so Istio answers 503 (cluster_not_found) to every request it would send there. ` +
              `Define '${subset}' in a DestinationRule for ${service.name} in ${service.namespace}, or give '${subset}' 0%.`,
          );
        }
      }
    }
  };

  return {
    type: "istio",
    metrics: "istio",
    ref,
    label,
    ...(part ? { part } : {}),
    destinationNoun: "subset",
    splitOf: (vs, _state, want, rule) => splitOf(vs, want, rule),
    ruleOf: (vs, want) => reader.identityOf(splitHolder(vs, want)),

    // A VirtualService is usually named like its host, and so is the host's DestinationRule.
    readsAhead: (want) => (want ? [{ get: ruleNamed(shortHost(options.name)) }] : [{ list: rulesIn(options.namespace) }]),

    async inspect(vs: KubeObject, kube: KubePort, want?: string[]): Promise<RouteState> {
      const entries = selected(vs).flatMap((h) => h.route ?? []);
      const hosts = [...new Set(entries.map((e) => e.destination.host))];
      const forHosts = (rules: KubeObject[]) => rules.filter((r) => hosts.some((h) => ruleOfHost(r, h)));
      /** Whether every wanted destination is a host or a subset one of `rules` defines. */
      const defineAllWanted = (rules: KubeObject[]) => {
        const defined = new Set([...rules.flatMap((r) => (r.spec?.subsets ?? []).map((s: { name: string }) => s.name)), ...hosts]);
        return (want ?? []).every((d) => defined.has(d));
      };
      const state = (rules: KubeObject[], unread?: string): RouteState => {
        const subsets = new Set(entries.map((e) => destName(e.destination)));
        for (const rule of rules) for (const s of rule.spec?.subsets ?? []) subsets.add(s.name);
        return { object: vs, split: splitOf(vs, want), destinations: [...subsets], related: rules, ...(unread ? { unread } : {}) };
      };
      // The DestinationRule for each host names the subsets a route may use. It is usually named
      // after its host, in the host's namespace: reading that one is one small GET, where listing
      // the namespace's rules reads every service's (a hundred in a namespace of a hundred services).
      // The proxies that follow the route look for a host's rule in their own namespace first (see
      // lookUpSubset): a gateway's, elsewhere than the host, are listed beside it, in the same round trip.
      const clients = clientsOf(vs).map((c) => c.namespace);
      if (want) {
        const elsewhere = clients.filter((ns) => !hosts.some((h) => hostService(h).namespace === ns));
        const [named, near] = await Promise.all([
          Promise.all(hosts.map(hostService).map((h) => kube.get(ruleNamed(h.name, h.namespace)))),
          Promise.all(elsewhere.map((ns) => kube.list(rulesIn(ns)))),
        ]);
        const rules = forHosts([...named.filter((r): r is KubeObject => r !== undefined), ...near.flat()]);
        if (defineAllWanted(rules)) return state(rules);
      }
      // a rule for a host may live in the VirtualService's namespace or in the host's (a gateway's route to prod)
      const namespaces = [...new Set([options.namespace, ...hosts.map((h) => hostService(h).namespace), ...clients])];
      const rules = forHosts((await Promise.all(namespaces.map((ns) => kube.list(rulesIn(ns))))).flat());
      // Proxies with no rule for a host there take the root namespace's. Read only for a wanted
      // subset defined nowhere else (rare): most plans' Roles need nothing outside their namespaces.
      if (defineAllWanted(rules) || namespaces.includes(rootNamespace)) return state(rules);
      try {
        return state([...rules, ...forHosts(await kube.list(rulesIn(rootNamespace)))]);
      } catch (err) {
        // a Role confined to the plan's namespaces: a subset this leaves unresolved is refused, saying so
        if (!(err instanceof ForbiddenError)) throw err;
        return state(rules, `the service account may not list DestinationRules in ${rootNamespace}, the root namespace (grant it, or set rootNamespace if the mesh's is another)`);
      }
    },

    /**
     * A subset's pods are its Service's selector plus the subset's labels: when none has them,
     * Istio answers 503 ("no healthy upstream") to every request sent there. A Deployment about to
     * bring them (replicas set, pods not created yet, or scaled by this preview) counts.
     */
    async checkServed(state: RouteState, receiving: string[], kube: KubePort) {
      for (const dest of receiving) {
        const { host, subset } = newDestination(state, dest, []);
        const rule = state.related.find((r) => ruleOfHost(r, host) && (r.spec?.subsets ?? []).some((s: { name: string }) => s.name === subset));
        const subsetLabels: Labels = (rule?.spec.subsets ?? []).find((s: { name: string }) => s.name === subset)?.labels ?? {};
        // a subset without labels is its Service's pods, whatever they are
        if (!rule || !Object.keys(subsetLabels).length) continue;
        const at = hostService(host);
        const where = { namespace: at.namespace, ...(options.context ? { context: options.context } : {}) };
        // one round trip: the subset's pods are filtered by the Service's selector once both are read
        const [service, candidates] = await Promise.all([
          kube.get({ apiVersion: "v1", kind: "Service", name: at.name, ...where }),
          kube.list({ apiVersion: "v1", kind: "Pod", labelSelector: selectorOf(subsetLabels), ...where }),
        ]);
        // a host that is no Service with a selector (a ServiceEntry, hand-made endpoints): its pods are not ours to count
        if (!service || !Object.keys(service.spec?.selector ?? {}).length) continue;
        const labels: Labels = { ...service.spec.selector, ...subsetLabels };
        if (candidates.some((p) => !p.metadata.deletionTimestamp && matchesLabels(p.metadata.labels, labels))) continue;
        const deployments = await kube.list({ apiVersion: "apps/v1", kind: "Deployment", ...where });
        if (deployments.some((d) => (d.spec?.replicas ?? 1) > 0 && matchesLabels(d.spec?.template?.metadata?.labels, labels))) continue;
        throw new InvalidPlanError(
          `${label}: subset '${subset}' selects pods labelled ${selectorOf(labels)} (Service ${at.namespace}/${at.name}'s selector and the subset's labels in ` +
            `DestinationRule ${rule.metadata.namespace}/${rule.metadata.name}), and no pod has them, so Istio answers 503 to every request it would send there. ` +
            `Fix the subset's labels in the DestinationRule, start pods that carry them, or give '${subset}' 0%.`,
        );
      }
    },

    patchFor(state: RouteState, split: Split) {
      const unknown = Object.keys(split).filter((d) => !state.destinations.includes(d));
      if (unknown.length) throw new UnknownDestinationError(label, unknown, state.destinations, "subset", undefined, this.unknownAside!(state.object));
      refuseUnseen(state, split);
      const live: HttpRoute[] = state.object.spec?.http ?? [];
      const http: HttpRoute[] = structuredClone(live);
      const targets = new Set(selected(state.object));
      const holder = splitHolder(state.object, Object.keys(split));
      const onSplitHost = onHostsOf(holder);
      // Named, an http route takes the split whatever it routes; otherwise only one on the split's
      // hosts (not /static to another service) and of its shape (see takesSplit).
      const takes = (h: HttpRoute) =>
        options.httpRoute !== undefined ||
        ((h.route ?? []).every((e) => onSplitHost(e.destination.host)) && takesSplit(h, holder, { destinationsOf, splitOf: ruleSplit, pins: pinsUsers }, split));
      http.forEach((h, i) => {
        if (!targets.has(live[i]!)) return;
        // a mirror to a drained subset goes from every http route shifted or not: it copies requests, side effects and all
        dropMirrorsTo(h, split, onSplitHost);
        if (!takes(live[i]!)) return;
        const existing = h.route ?? [];
        const byName = new Map(existing.map((e) => [destName(e.destination), e]));
        const next: RouteEntry[] = existing.map((e) => ({ ...e, weight: split[destName(e.destination)] ?? 0 }));
        for (const [dest, weight] of Object.entries(split)) {
          if (!byName.has(dest)) next.push({ destination: newDestination(state, dest, existing), weight });
        }
        h.route = next;
      });
      return { spec: { http } };
    },

    // a root VirtualService delegating some of its http routes: the subsets asked for may be a delegate's
    unknownAside(vs) {
      const delegating = (vs.spec?.http ?? []).filter((h: HttpRoute) => h.delegate && (options.httpRoute === undefined || h.name === options.httpRoute));
      const to = delegatesOf(delegating);
      return to && `It delegates ${delegating.length > 1 ? "some http routes" : "an http route"} to ${to}.`;
    },

    withoutObject: () => ({ text: "Istio balances its hosts' requests over every pod of their Services, whatever their subset" }),

    metricScope(state, destination) {
      const holder = stateHolder(state);
      const onSplitHost = onHostsOf(holder);
      const entry = selected(state.object)
        .flatMap((h) => h.route ?? [])
        .find((e) => destName(e.destination) === destination && onSplitHost(e.destination.host));
      const host = entry?.destination.host ?? holder.route?.[0]?.destination.host ?? options.name;
      const rule = state.related.find((r) => ruleOfHost(r, host));
      const subset = (rule?.spec?.subsets ?? []).find((s: { name: string }) => s.name === destination);
      const service = hostService(host);
      return {
        service: service.name,
        namespace: service.namespace,
        // a subset that selects by none of those labels leaves its pods' revision unknown: its name stands in
        version: canonicalRevision(subset?.labels) ?? destination,
      };
    },
  };
}
