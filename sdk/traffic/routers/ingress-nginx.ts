import { InvalidPlanError, UnknownDestinationError } from "../../errors.ts";
import type { KubeObject, KubePort, ListOptions, ObjectRef } from "../../ports/kube.ts";
import type { RouteState, TrafficRouter } from "../router.ts";
import { toPercentages, type Split } from "../split.ts";
import { refuseMissingServices } from "./backend-services.ts";

export interface NginxCanaryOptions {
  namespace: string;
  /** The canary Ingress: the one annotated `nginx.ingress.kubernetes.io/canary: "true"`. */
  canaryIngress: string;
  /** The primary Ingress for the same host and path. Default: the one in the namespace (not a canary) routing the canary's host and path, else its host. */
  stableIngress?: string;
  context?: string;
}

/** ingress-nginx's canary annotations (a canary Ingress has `canary: "true"`), and the default of `canary-weight-total`. */
export const NGINX_CANARY_ANNOTATIONS = {
  canary: "nginx.ingress.kubernetes.io/canary",
  weight: "nginx.ingress.kubernetes.io/canary-weight",
  total: "nginx.ingress.kubernetes.io/canary-weight-total",
  defaultTotal: 100,
} as const;
const { canary: CANARY, weight: WEIGHT, total: TOTAL } = NGINX_CANARY_ANNOTATIONS;

/** Whether ingress-nginx takes an Ingress for a canary: its `canary` annotation is true as Go's ParseBool reads it ("true", "True", "1", …). */
export const isNginxCanary = (ing: KubeObject): boolean => ["1", "t", "T", "true", "TRUE", "True"].includes(ing.metadata.annotations?.[CANARY] ?? "");

/** An integer annotation as ingress-nginx parses it (Go's Atoi): anything else is unset. */
const intAnnotation = (v: string | undefined): number | undefined => (v !== undefined && /^[+-]?\d+$/.test(v.trim()) ? Number(v) : undefined);

/**
 * The canary's weight out of its total, as ingress-nginx routes by them: its balancer sends a
 * request to the canary when `random(total) <= weight`, and takes a `canary-weight-total` only
 * above 100 (a total of 10 still means out of 100). An unreadable weight is 0.
 */
export function nginxCanaryWeight(annotations: Record<string, string>): { weight: number; total: number } {
  const total = Math.max(NGINX_CANARY_ANNOTATIONS.defaultTotal, intAnnotation(annotations[TOTAL]) ?? 0);
  const weight = Math.min(total, Math.max(0, intAnnotation(annotations[WEIGHT]) ?? 0));
  return { weight, total };
}

/**
 * Canary rules ingress-nginx applies before the weight (header, then cookie, then weight): a request
 * whose header or cookie says "always" (or carries canary-by-header-value) goes to the canary, one
 * saying "never" to the primary, whatever the weight. A shift to 0% or 100% removes them, or some
 * users stay where the plan took everyone else away from.
 */
const BY_REQUEST = ["canary-by-header", "canary-by-header-value", "canary-by-header-pattern", "canary-by-cookie"].map((a) => `nginx.ingress.kubernetes.io/${a}`);

/**
 * Session affinity: a canary takes the primary's `affinity: cookie` unless it says
 * `affinity-canary-behavior: legacy` (default "sticky"), and balancer.lua sends a session pinned to
 * the canary there before it reads the weight, so draining the canary to 0% leaves those users on it.
 */
const AFFINITY = "nginx.ingress.kubernetes.io/affinity";
const AFFINITY_CANARY_BEHAVIOR = "nginx.ingress.kubernetes.io/affinity-canary-behavior";
/** What a drain of the canary writes beside the weight: `legacy`, when the primary pins sessions, so they follow the weight. */
const unpinSessions = (primary: KubeObject, share: number): Record<string, string> =>
  share === 0 && primary.metadata.annotations?.[AFFINITY] === "cookie" ? { [AFFINITY_CANARY_BEHAVIOR]: "legacy" } : {};

const backendOf = (ing: KubeObject): string | undefined =>
  ing.spec?.rules?.[0]?.http?.paths?.[0]?.backend?.service?.name ?? ing.spec?.defaultBackend?.service?.name;
const hostOf = (ing: KubeObject): string | undefined => ing.spec?.rules?.[0]?.host;
type IngressPath = { path?: string; pathType?: string; backend?: { service?: { name?: string } } };
/** A path's type as ingress-nginx compares them: it reads an unset or ImplementationSpecific one as Prefix. */
const nginxPathType = (pathType: string | undefined): string => (pathType === "Exact" ? "Exact" : "Prefix");
/** Every "host/path" an Ingress routes ("shop.example.com/api"; "*" for any host), with its pathType as written and its backend Service. */
export const pathsOf = (ing: KubeObject): { location: string; pathType?: string; service?: string }[] =>
  (ing.spec?.rules ?? []).flatMap((r: { host?: string; http?: { paths?: IngressPath[] } }) =>
    (r.http?.paths ?? []).map((p) => ({ location: `${r.host ?? "*"}${p.path ?? "/"}`, pathType: p.pathType, service: p.backend?.service?.name })),
  );
/** The canary's paths the primary routes under another pathType: ingress-nginx merges a canary only into a location of equal path and pathType. */
export const pathTypeMismatches = (primary: KubeObject, canary: KubeObject): { location: string; canary?: string; primary?: string }[] =>
  pathsOf(canary).flatMap((c) => {
    const p = pathsOf(primary).find((q) => q.location === c.location);
    return p && nginxPathType(p.pathType) !== nginxPathType(c.pathType) ? [{ location: c.location, canary: c.pathType, primary: p.pathType }] : [];
  });
export const locationsOf = (ing: KubeObject): string[] => pathsOf(ing).map((p) => p.location);
/** The primary's backend for the requests the canary shares: the one at the canary's host and path. */
const primaryBackendOf = (primary: KubeObject, canary: KubeObject): string | undefined => {
  const location = locationsOf(canary)[0];
  return pathsOf(primary).find((p) => p.location === location)?.service ?? backendOf(primary);
};

/** Refuses a canary whose paths the primary routes under another pathType: nginx ignores it there, and its weight would move nobody. */
function refusePathTypes(label: string, primary: KubeObject, canary: KubeObject): void {
  const mismatches = pathTypeMismatches(primary, canary);
  if (!mismatches.length) return;
  const said = mismatches.map((m) => `${m.location} is pathType ${m.canary ?? "(unset)"} in the canary, ${m.primary ?? "(unset)"} in ${primary.metadata.name}`);
  throw new InvalidPlanError(
    `${label}: ${said.join("; ")}. ingress-nginx merges a canary only into a location of the same path and pathType (it reads an unset or ImplementationSpecific one as Prefix) and ignores it elsewhere, so its weight would move nobody there. ` +
      `Give the canary's paths the primary's pathType.`,
  );
}

/**
 * Why a canary that shares a host and path with another cannot be shifted, or undefined: ingress-
 * nginx's balancer takes only one canary per location, so a weight written here may move nobody
 * (a drain included: the other may be the one served). Said when a shift writes, not when the
 * route is read, so that its split can still be read and reported.
 */
function otherCanaries(label: string, canary: KubeObject, all: KubeObject[]): string | undefined {
  const mine = locationsOf(canary);
  const others = all.filter((i) => i.metadata.name !== canary.metadata.name && isNginxCanary(i) && locationsOf(i).some((l) => mine.includes(l)));
  if (!others.length) return undefined;
  const said = others.map((o) => `${o.metadata.name} (canary-weight ${nginxCanaryWeight(o.metadata.annotations ?? {}).weight})`);
  return (
    `${label} shares ${mine.filter((l) => others.some((o) => locationsOf(o).includes(l))).join(", ")} with the canary Ingress(es) ${said.join(", ")}: ` +
    "ingress-nginx routes a host and path to only one canary, so a weight written to this one may move nobody. " +
    `Delete the other canary Ingress(es) or set their ${CANARY} annotation to "false".`
  );
}

/**
 * ingress-nginx canary: the canary Ingress's `canary-weight` annotation (out of
 * `canary-weight-total`, default 100 and never less: see {@link nginxCanaryWeight}) sends that
 * share to its backend; the rest goes to the primary Ingress's backend. Destinations are the two backend Services. A shift that takes the
 * canary to 0% or 100% also removes its header and cookie rules (see {@link BY_REQUEST}); one to 0%
 * unpins the sessions of a primary with affinity from it (see {@link AFFINITY}).
 */
export function nginxCanaryRouter(options: NginxCanaryOptions): TrafficRouter {
  const ref: ObjectRef = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: options.namespace, name: options.canaryIngress, ...(options.context ? { context: options.context } : {}) };
  const label = `Ingress ${options.namespace}/${options.canaryIngress} (nginx canary)`;
  /** Where the primary Ingress is found. */
  const ingressList: ListOptions = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: options.namespace, ...(options.context ? { context: options.context } : {}) };
  /** Where the canary's backend Service must be before it takes any traffic. */
  const serviceList: ListOptions = { apiVersion: "v1", kind: "Service", namespace: options.namespace, ...(options.context ? { context: options.context } : {}) };

  const pair = (state: RouteState) => ({ canary: backendOf(state.object)!, stable: primaryBackendOf(state.related[0]!, state.object)! });
  /** Canary Ingresses as read that share their location with another (see otherCanaries): why a shift is refused. */
  const sharedLocations = new WeakMap<KubeObject, string>();

  const splitOf = (ing: KubeObject, stableBackend?: string): Split => {
    const a = ing.metadata.annotations ?? {};
    const { weight, total } = nginxCanaryWeight(a);
    const pct = isNginxCanary(ing) ? toPercentages({ canary: weight, primary: total - weight }).canary! : 0;
    return { [backendOf(ing) ?? "canary"]: pct, ...(stableBackend ? { [stableBackend]: 100 - pct } : {}) };
  };

  return {
    type: "ingress-nginx",
    metrics: "ingress-nginx",
    ref,
    label,
    destinationNoun: "backend",
    splitOf: (ing, state) => splitOf(ing, primaryBackendOf(state.related[0]!, ing)),
    readsAhead: () => [{ list: ingressList }, { list: serviceList }],
    async inspect(ing: KubeObject, kube: KubePort): Promise<RouteState> {
      if (!isNginxCanary(ing)) {
        const value = ing.metadata.annotations?.[CANARY];
        throw new InvalidPlanError(
          `${label} is not a canary Ingress: ${value === undefined ? "it lacks the annotation" : `its annotation is ${CANARY}: ${JSON.stringify(value)}, not`} ${CANARY}: "true". Point canaryIngress at the canary one.`,
        );
      }
      const [all, services] = await Promise.all([kube.list(ingressList), kube.list(serviceList)]);
      const location = locationsOf(ing)[0];
      // the one routing the canary's host and path (a host's / and /api may be two Ingresses), else one for its host
      const primaries = all.filter((i) => i.metadata.name !== ing.metadata.name && !isNginxCanary(i));
      const stable = options.stableIngress
        ? all.find((i) => i.metadata.name === options.stableIngress)
        : (primaries.find((i) => location !== undefined && locationsOf(i).includes(location)) ?? primaries.find((i) => hostOf(i) === hostOf(ing)));
      if (!stable || !backendOf(stable) || !backendOf(ing)) {
        throw new InvalidPlanError(
          `${label}: no primary Ingress for host ${hostOf(ing) ?? "(none)"} with a backend Service; Ingresses in ${options.namespace}: ${all.map((i) => i.metadata.name).join(", ")}. Set stableIngress.`,
        );
      }
      // ingress-nginx merges a canary into the primary's location for the same host and path, and
      // drops one that has none ("unable to find real backend for alternative backend")
      if (location && !locationsOf(stable).includes(location)) {
        throw new InvalidPlanError(
          `${label} routes ${location}, which its primary Ingress ${stable.metadata.name} does not (it routes ${locationsOf(stable).join(", ") || "nothing"}): ` +
            "ingress-nginx applies a canary only to a host and path of the primary's and ignores this one, so its weight would move nobody. " +
            `Give the canary the primary's host and path, or set stableIngress to the Ingress that routes ${location}.`,
        );
      }
      refusePathTypes(label, stable, ing);
      const shared = otherCanaries(label, ing, all);
      if (shared) sharedLocations.set(ing, shared);
      const stableName = primaryBackendOf(stable, ing)!;
      // related: the primary Ingress, then the namespace's Services
      return { object: ing, split: splitOf(ing, stableName), destinations: [backendOf(ing)!, stableName], related: [stable, ...services] };
    },
    patchFor(state, split) {
      const shared = sharedLocations.get(state.object);
      if (shared) throw new InvalidPlanError(shared);
      const { canary, stable } = pair(state);
      const unknown = Object.keys(split).filter((d) => d !== canary && d !== stable);
      if (unknown.length) throw new UnknownDestinationError(label, unknown, [canary, stable], "backend");
      const annotations = state.object.metadata.annotations ?? {};
      const { total } = nginxCanaryWeight(annotations);
      const share = split[canary] ?? 0;
      const weight = (share * total) / 100;
      if (!Number.isInteger(weight)) {
        throw new InvalidPlanError(`${label}: ${share}% is not a whole weight out of ${TOTAL} ${total} (it is ${weight}). Use a share that is, or set ${TOTAL} to 100.`);
      }
      // without the canary's Service nginx has no endpoints for it and keeps its share on the primary
      if (nginxCanaryWeight(annotations).weight === 0) {
        refuseMissingServices(label, options.namespace, { [canary]: share }, state.related.slice(1), () => true, "ingress-nginx keeps on the primary");
      }
      const byRequest = share === 0 || share === 100 ? BY_REQUEST.filter((a) => a in annotations) : [];
      return { metadata: { annotations: { [WEIGHT]: String(weight), ...unpinSessions(state.related[0]!, share), ...Object.fromEntries(byRequest.map((a) => [a, null])) } } };
    },
    withoutObject(state) {
      const { canary, stable } = pair(state);
      return { split: { [canary]: 0, [stable]: 100 }, text: `ingress-nginx sends all of ${hostOf(state.object) ?? "its host"} to the primary Ingress's backend ${stable}` };
    },
    // ingress-nginx labels every request of the host with the primary's backend, canary-routed ones
    // too: that is the users' service; the destination picks primary-served or canary-served ones
    metricScope: (state, destination) => ({ namespace: options.namespace, service: pair(state).stable, version: destination }),
  };
}
