import { InvalidPlanError, UnknownDestinationError } from "../../errors.ts";
import { checkOneOf } from "../../plan/check-option.ts";
import type { KubeObject, KubePort, ListOptions, ObjectRef } from "../../ports/kube.ts";
import type { RouteState, TrafficRouter } from "../router.ts";
import { toPercentages, type Split } from "../split.ts";
import { ruleIdentity, shiftedRule, splitRule, takesSplit, type RuleReader } from "../split-rule.ts";
import { refuseMissingServices } from "./backend-services.ts";
import { pendingVerdict, refuseUnaccepted } from "./gateway-status.ts";
import { profileList, profileRefusal, readProfiles } from "./linkerd-profiles.ts";

export interface HttpRouteOptions {
  namespace: string;
  name: string;
  context?: string;
  /** Only the rule with this `name` (Gateway API 1.2+) or index is shifted (default: every rule with backendRefs). */
  rule?: string | number;
  /**
   * Whose metrics describe the route's traffic: the mesh or gateway behind it, for the built-in
   * gates. Default "linkerd"; "istio" for Istio's gateway mode. Others: gate with gates.query.
   */
  metrics?: HttpRouteMetrics;
}

/** The meshes whose built-in indicators can describe an HTTPRoute's traffic. */
const HTTP_ROUTE_METRICS = ["linkerd", "istio"] as const;
export type HttpRouteMetrics = (typeof HTTP_ROUTE_METRICS)[number];

interface BackendRef {
  name: string;
  namespace?: string;
  port?: number;
  weight?: number;
  group?: string;
  kind?: string;
  [k: string]: unknown;
}
interface Rule {
  name?: string;
  backendRefs?: BackendRef[];
  matches?: { path?: { type?: string; value?: string }; headers?: unknown[]; queryParams?: unknown[]; method?: string }[];
  [k: string]: unknown;
}

interface Filter {
  type?: string;
  requestMirror?: { backendRef?: { name?: string; namespace?: string } };
}

type Match = NonNullable<Rule["matches"]>[number];
/** Whether a match selects some users of its paths (by header, query parameter or method). */
const selectsUsers = (m: Match) => !!m.headers?.length || !!m.queryParams?.length || !!m.method;

/** A rule every request matches: no matches, or only the path prefix "/" the CRD defaults to. */
const catchAll = (r: Rule) => !r.matches?.length || r.matches.some((m) => (m.path === undefined || (m.path.type === "PathPrefix" && m.path.value === "/")) && !selectsUsers(m));

/** Whether a rule pins some users, not every user of its paths. */
const pinsUsers = (r: Rule) => (r.matches ?? []).some(selectsUsers);

/**
 * Gateway API `HTTPRoute`: weights on `spec.rules[].backendRefs[].weight`, destinations named by
 * backend Service. Weights there are relative, not percentages; Firebreak writes percentages
 * (summing to 100) so the object reads the same to people and tools.
 */
export function httpRouteRouter(options: HttpRouteOptions): TrafficRouter {
  checkOneOf("gatewayApi.httpRoute", "metrics", options.metrics, HTTP_ROUTE_METRICS, "the built-in gates know no other; behind another gateway, gate with gates.query({ promql, ... }) on its metrics");
  const ref: ObjectRef = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: options.namespace, name: options.name, ...(options.context ? { context: options.context } : {}) };
  const object = `HTTPRoute ${options.namespace}/${options.name}`;
  const part = options.rule !== undefined ? `rule '${options.rule}'` : undefined;
  const label = part ? `${object} (${part})` : object;
  const serviceList: ListOptions = { apiVersion: "v1", kind: "Service", namespace: options.namespace, ...(options.context ? { context: options.context } : {}) };

  const selectedIndexes = (route: KubeObject): number[] => {
    const rules: Rule[] = route.spec?.rules ?? [];
    const picked = rules
      .map((r, i) => ({ r, i }))
      .filter(({ r, i }) => (options.rule === undefined ? (r.backendRefs?.length ?? 0) > 0 : options.rule === i || options.rule === r.name))
      .map(({ i }) => i);
    if (!picked.length) {
      const names = rules.map((r, i) => r.name ?? `#${i}`).join(", ") || "(none)";
      throw new InvalidPlanError(options.rule === undefined ? `${object} has no rule with backendRefs to shift.` : `${object} has no rule '${options.rule}'; rules are: ${names}.`);
    }
    return picked;
  };

  /**
   * Refuses a rule naming one backend twice (the same Service name in two namespaces, blue/green,
   * or on two ports): destinations go by name, so their weights could be neither read nor set apart.
   */
  const refuseTwinBackends = (route: KubeObject) => {
    for (const i of selectedIndexes(route)) {
      const rule: Rule = route.spec.rules[i];
      const refs = rule.backendRefs ?? [];
      const twin = refs.find((b, j) => refs.findIndex((o) => o.name === b.name) !== j);
      if (!twin) continue;
      const same = refs.filter((b) => b.name === twin.name).map((b) => `${b.kind ?? "Service"} ${b.namespace ?? options.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ""}`);
      throw new InvalidPlanError(
        `${object} rule ${rule.name ? `'${rule.name}'` : `#${i}`} names backend '${twin.name}' ${same.length} times (${same.join(", ")}): Firebreak names a backend by its name, ` +
          "so it cannot read or set their weights apart (a shift would give them all the same). Give each version a Service of its own name, or point the handle at another rule.",
      );
    }
  };

  const backendNames = (r: Rule) => (r.backendRefs ?? []).map((b) => b.name);
  const linkerd = (options.metrics ?? "linkerd") === "linkerd";
  /**
   * Refuses a mesh route some of whose clients route by a Linkerd ServiceProfile for its parent
   * Service (in its namespace: every client; in a client's: those there), which Linkerd's proxies
   * then follow, ignoring the HTTPRoute: a shift would verify while they do not move. What it
   * could not read is returned, for the journal (see readProfiles).
   */
  const refuseServiceProfiles = async (route: KubeObject, kube: KubePort): Promise<string | undefined> => {
    if (!linkerd) return undefined;
    const check = await readProfiles(kube, parentServiceRefs(route), options.namespace, object, options.context);
    if (check.found.length) throw profileRefusal(object, check.found);
    return check.unchecked;
  };

  /** The Services the route attaches to in the mesh (GAMMA): parentRefs of kind Service. */
  const parentServiceRefs = (route: KubeObject): { name: string; namespace: string }[] =>
    ((route.spec?.parentRefs ?? []) as { kind?: string; group?: string; name: string; namespace?: string }[])
      .filter((p) => p.kind === "Service" && (p.group ?? "") === "")
      .map((p) => ({ name: p.name, namespace: p.namespace ?? options.namespace }));
  const parentServices = (route: KubeObject): string[] => parentServiceRefs(route).filter((p) => p.namespace === options.namespace).map((p) => p.name);
  /**
   * Refuses weight to the route's parent Service: as a backend it means all of its endpoints, the
   * pods of every version it selects, so its share still reaches a release "isolated" at 0%.
   */
  const refuseParentWeight = (route: KubeObject, split: Split) => {
    const parents = parentServices(route);
    const parent = parents.find((p) => split[p]! > 0);
    if (parent === undefined) return;
    const versions = [...new Set([...selectedRules(route).flatMap(backendNames), ...Object.keys(split)])].filter((d) => !parents.includes(d));
    throw new InvalidPlanError(
      `${label}: backend '${parent}' is the route's parent Service: as a backend it means every pod it selects, whichever version, ` +
        `so its ${split[parent]}% keeps reaching the versions given 0%. Give the weight to the version Services instead (${versions.map((v) => `'${v}'`).join(", ") || "one Service per version"}), and 0 to '${parent}'.`,
    );
  };
  /**
   * A RequestMirror copies every request, side effects and all: none to a backend taken to 0%,
   * whether the rule mirrors (rules[].filters) or one of its backends does (backendRefs[].filters).
   */
  const dropMirrorsTo = (rule: Rule, split: Split): void => {
    const drained = (f: Filter) => {
      const to = f.type === "RequestMirror" ? f.requestMirror?.backendRef : undefined;
      return to !== undefined && (to.namespace ?? options.namespace) === options.namespace && split[to.name ?? ""] === 0;
    };
    for (const holder of [rule, ...(rule.backendRefs ?? [])] as { filters?: Filter[] }[]) {
      if (!holder.filters?.some(drained)) continue;
      const kept = holder.filters.filter((f) => !drained(f));
      if (kept.length) holder.filters = kept;
      else delete holder.filters;
    }
  };
  const ruleSplit = (r: Rule): Split => toPercentages(Object.fromEntries((r.backendRefs ?? []).map((b) => [b.name, b.weight ?? 1])));
  const reader: RuleReader<Rule> = { identityOf: (r) => ruleIdentity(r.name, r.matches), splitOf: ruleSplit, destinationsOf: backendNames, object, noun: "rule", nameField: "rules[].name, Gateway API 1.2+" };
  const selectedRules = (route: KubeObject) => selectedIndexes(route).map((i) => route.spec.rules[i] as Rule);
  const splitHolder = (route: KubeObject, want?: string[]) => splitRule(selectedRules(route), backendNames, catchAll, want);
  const splitOf = (route: KubeObject, want?: string[], rule?: string): Split => ruleSplit(rule ? shiftedRule(selectedRules(route), rule, reader, want ?? []) : splitHolder(route, want));

  return {
    type: "gateway-api",
    metrics: options.metrics ?? "linkerd",
    ref,
    label,
    ...(part ? { part } : {}),
    destinationNoun: "backend",
    splitOf: (route, _state, want, rule) => splitOf(route, want, rule),
    ruleOf: (route, want) => reader.identityOf(splitHolder(route, want)),
    // a mesh route is most often named like its parent Service: that one's ServiceProfiles, in any namespace, are read with the route
    readsAhead: () => [{ list: serviceList }, ...(linkerd ? [{ list: profileList({ name: options.name, namespace: options.namespace }, options.context) }] : [])],
    async inspect(route: KubeObject, kube: KubePort, want?: string[]): Promise<RouteState> {
      refuseUnaccepted(route, object);
      refuseTwinBackends(route);
      const refs = selectedIndexes(route).flatMap((i) => (route.spec.rules[i].backendRefs ?? []) as BackendRef[]);
      // Any Service in the namespace can become a backend; the route's own refs certainly can.
      const [services, unchecked] = await Promise.all([kube.list(serviceList), refuseServiceProfiles(route, kube)]);
      const destinations = [...new Set([...refs.map((b) => b.name), ...services.map((s) => s.metadata.name)])];
      return { object: route, split: splitOf(route, want), destinations, related: services, ...(unchecked ? { unchecked: [unchecked] } : {}) };
    },
    patchFor(state, split) {
      const unknown = Object.keys(split).filter((d) => !state.destinations.includes(d));
      if (unknown.length) throw new UnknownDestinationError(label, unknown, state.destinations, "backend");
      refuseParentWeight(state.object, split);
      const selected = selectedIndexes(state.object);
      // A backend another rule already sends to: the same reference (its namespace, kind and port).
      const elsewhere = (name: string) => selected.flatMap((i) => (state.object.spec.rules[i].backendRefs ?? []) as BackendRef[]).find((b) => b.name === name);
      const localService = (name: string) => {
        const b = elsewhere(name);
        return !b || ((b.kind ?? "Service") === "Service" && (b.group ?? "") === "" && (b.namespace ?? options.namespace) === options.namespace);
      };
      refuseMissingServices(label, options.namespace, split, state.related, localService, "the gateway answers 500 to");
      const rules: Rule[] = structuredClone(state.object.spec.rules);
      // A Service backend needs its Service's port: the one the route already uses, when that Service has it.
      const portOf = (name: string, usual: number | undefined): number | undefined => {
        const ports: number[] = (state.related.find((s) => s.metadata.name === name)?.spec?.ports ?? []).map((p: { port: number }) => p.port);
        return usual !== undefined && (ports.length === 0 || ports.includes(usual)) ? usual : ports[0];
      };
      /**
       * A backend another rule sends to, where that rule finds it (namespace, kind, group), on this
       * rule's port when its Service has it (a gRPC rule on 9090 stays on 9090). A Service of another
       * namespace, whose ports are not read, keeps the port that rule uses.
       */
      const likeElsewhere = (same: BackendRef, own: number | undefined): BackendRef => {
        const port = localService(same.name) ? portOf(same.name, own ?? same.port) : same.port;
        return { group: same.group ?? "", kind: same.kind ?? "Service", name: same.name, ...(same.namespace ? { namespace: same.namespace } : {}), ...(port !== undefined ? { port } : {}) };
      };
      const holder = splitHolder(state.object, Object.keys(split));
      for (const i of selected) {
        const existing = rules[i]!.backendRefs ?? [];
        dropMirrorsTo(rules[i]!, split);
        // Named, a rule takes the split; otherwise one of its shape only (not /static to another Service: see takesSplit).
        if (options.rule === undefined && !takesSplit(state.object.spec.rules[i], holder, { destinationsOf: backendNames, splitOf: ruleSplit, pins: pinsUsers }, split)) continue;
        const next = existing.map((b) => ({ ...b, weight: split[b.name] ?? 0 }));
        for (const [name, weight] of Object.entries(split)) {
          if (existing.some((b) => b.name === name)) continue;
          const same = elsewhere(name);
          if (same) {
            next.push({ ...likeElsewhere(same, existing[0]?.port), weight });
            continue;
          }
          const port = portOf(name, existing[0]?.port);
          // written as the API server stores it (the CRD defaults group and kind): otherwise the
          // read-back differs from what was written and fails verification
          next.push({ group: "", kind: "Service", name, ...(port ? { port } : {}), weight });
        }
        rules[i]!.backendRefs = next;
      }
      return { spec: { rules } };
    },
    pendingVerdict: (before, now) => pendingVerdict(before, now, object),
    withoutObject: () => ({ text: "its parents route none of its requests by weight: a Gateway answers 404 for them; in a mesh (GAMMA) they go to every pod of the parent Service" }),
    metricScope(state, destination) {
      // Linkerd counts a backend's requests on its Deployment (named like the backend) and users'
      // requests on the Service they address: in the mesh mode (GAMMA) that is the route's parent Service.
      if ((options.metrics ?? "linkerd") !== "linkerd") return { namespace: options.namespace, service: destination };
      const parent = (state.object.spec?.parentRefs ?? []).find((p: { kind?: string; group?: string }) => p.kind === "Service" && (p.group ?? "") === "");
      return { namespace: options.namespace, service: parent?.name ?? destination, version: destination };
    },
  };
}
