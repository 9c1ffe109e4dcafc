import { InvalidPlanError, UnknownDestinationError } from "../../errors.ts";
import { checkOneOf } from "../../plan/check-option.ts";
import type { KubeObject, KubePort, ListOptions, ObjectRef } from "../../ports/kube.ts";
import type { RouteState, TrafficRouter } from "../router.ts";
import { toPercentages, type Split } from "../split.ts";
import { refuseMissingServices } from "./backend-services.ts";

/** The versions Linkerd's SMI extension serves TrafficSplit at (its CRD), the default first. */
const SMI_API_VERSIONS = ["split.smi-spec.io/v1alpha2", "split.smi-spec.io/v1alpha1"] as const;

export interface TrafficSplitOptions {
  namespace: string;
  name: string;
  context?: string;
  /**
   * v1alpha2 (default, numeric weights) or v1alpha1 (weights may be quantities like "500m"). A
   * TrafficSplit with `spec.matches` (v1alpha3 and later) is refused when read: it splits only some requests.
   */
  apiVersion?: (typeof SMI_API_VERSIONS)[number];
}

const DECIMAL_SUFFIXES: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
/** A Kubernetes quantity: a number, then a binary or decimal SI suffix or a decimal exponent ("1e3"). */
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

/**
 * A TrafficSplit backend's weight as a number: v1alpha1 weights may be Kubernetes quantities
 * ("500m" is 0.5, "1k" 1000, "1Ki" 1024, "1e3" 1000). undefined when it is none (or negative).
 * @example smiWeight("500m") // 0.5
 */
export function smiWeight(w: unknown): number | undefined {
  if (typeof w === "number") return w >= 0 ? w : undefined;
  const m = QUANTITY.exec(typeof w === "string" ? w : "");
  if (!m) return undefined;
  const [, number, suffix, exponent] = m;
  const value = Number(number) * (exponent !== undefined ? 10 ** Number(exponent) : (BINARY_SUFFIXES[suffix ?? ""] ?? DECIMAL_SUFFIXES[suffix ?? ""]!));
  return value >= 0 ? value : undefined;
}

/** Every backend's weight, refusing one that is not a quantity: reading it as 0 would show a backend drained that is not. */
function weightsOf(ts: KubeObject, label: string): Record<string, number> {
  return Object.fromEntries(
    (ts.spec?.backends ?? []).map((b: { service: string; weight: unknown }) => {
      const weight = smiWeight(b.weight);
      if (weight === undefined) {
        throw new InvalidPlanError(
          `${label}: backend '${b.service}' has weight ${JSON.stringify(b.weight)}, which is not a Kubernetes quantity Firebreak can read ` +
            `(a non-negative number, optionally with a suffix: m, k, M, G, T, P, E; Ki … Ei; or an exponent like 1e3). Write it as a plain number.`,
        );
      }
      return [b.service, weight];
    }),
  );
}

/**
 * Refuses a TrafficSplit with `spec.matches` (SMI v1alpha3 and later): it splits only the requests
 * its HTTPRouteGroups select, and a shift through it moves none of the others.
 */
function refuseMatches(ts: KubeObject, label: string): void {
  const matches: { kind?: string; name?: string }[] = Array.isArray(ts.spec?.matches) ? ts.spec.matches : [];
  if (!matches.length) return;
  const apex = ts.spec?.service ?? "the apex service";
  throw new InvalidPlanError(
    `${label} splits only the requests its spec.matches select (${matches.map((m) => `${m.kind ?? "HTTPRouteGroup"} ${m.name ?? "(unnamed)"}`).join(", ")}): ` +
      `the other requests to ${apex} do not go through it, so a shift here would leave them where they are (isolating the release through it would not isolate it). ` +
      `Point the handle at a TrafficSplit without matches, one that splits all of ${apex}'s traffic, or remove spec.matches from this one.`,
  );
}

/** SMI `TrafficSplit` (the Linkerd SMI extension): `spec.backends[].weight` per backend Service. */
export function trafficSplitRouter(options: TrafficSplitOptions): TrafficRouter {
  checkOneOf("smi.trafficSplit", "apiVersion", options.apiVersion, SMI_API_VERSIONS, "the versions Linkerd's SMI extension serves; v1alpha3 and later split by spec.matches, which a shift cannot isolate through");
  const ref: ObjectRef = {
    apiVersion: options.apiVersion ?? SMI_API_VERSIONS[0],
    kind: "TrafficSplit",
    namespace: options.namespace,
    name: options.name,
    ...(options.context ? { context: options.context } : {}),
  };
  const label = `TrafficSplit ${options.namespace}/${options.name}`;
  /** Any Service of the namespace can become a backend. */
  const serviceList: ListOptions = { apiVersion: "v1", kind: "Service", namespace: options.namespace, ...(options.context ? { context: options.context } : {}) };
  const splitOf = (ts: KubeObject): Split => toPercentages(weightsOf(ts, label));

  return {
    type: "smi",
    metrics: "linkerd",
    ref,
    label,
    destinationNoun: "backend",
    splitOf,
    readsAhead: () => [{ list: serviceList }],
    async inspect(ts: KubeObject, kube: KubePort): Promise<RouteState> {
      refuseMatches(ts, label);
      const services = await kube.list(serviceList);
      const own = (ts.spec?.backends ?? []).map((b: { service: string }) => b.service);
      const destinations = [...new Set<string>([...own, ...services.map((s) => s.metadata.name).filter((n) => n !== ts.spec?.service)])];
      return { object: ts, split: splitOf(ts), destinations, related: services };
    },
    patchFor(state, split) {
      const unknown = Object.keys(split).filter((d) => !state.destinations.includes(d));
      if (unknown.length) throw new UnknownDestinationError(label, unknown, state.destinations, "backend");
      refuseMissingServices(label, options.namespace, split, state.related, () => true, "Linkerd fails");
      const existing: { service: string }[] = state.object.spec?.backends ?? [];
      const names = [...existing.map((b) => b.service), ...Object.keys(split).filter((d) => !existing.some((b) => b.service === d))];
      return { spec: { backends: names.map((service) => ({ service, weight: split[service] ?? 0 })) } };
    },
    withoutObject: () => ({ text: "Linkerd sends the apex Service's requests to every pod it selects" }),
    // users address the apex service; a backend's own requests are its Deployment's (named like it)
    metricScope: (state, destination) => ({ namespace: options.namespace, service: state.object.spec?.service ?? destination, version: destination }),
  };
}
