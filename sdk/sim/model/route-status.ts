import { kubeTime } from "../kube-time.ts";
import { isDeepStrictEqual } from "node:util";
import type { KubeObject } from "../../ports/kube.ts";
import type { ObjectStore } from "../store.ts";
import { resolveBackend, type BackendRef } from "./backend-refs.ts";
import { listAny, ROUTE_API_VERSIONS } from "./routes.ts";

/**
 * The Gateway API controller of the simulated cluster (Linkerd's policy controller, for routes
 * attached to a Service): after a route changes it reports, per parent, Accepted and ResolvedRefs
 * in status.parents, for the generation it saw, with the reasons the Gateway API spec names.
 */

const CONTROLLER = "linkerd.io/policy-controller";
const condition = (type: string, status: boolean, reason: string, message: string, generation: number, at: string) => ({
  type,
  status: status ? "True" : "False",
  reason,
  message,
  observedGeneration: generation,
  lastTransitionTime: at,
});

/** The status the controller reports on `route` now. */
function reportOn(store: ObjectStore, route: KubeObject, at: string): object[] {
  const namespace = route.metadata.namespace ?? "";
  const generation = route.metadata.generation ?? 1;
  const refs: BackendRef[] = (route.spec?.rules ?? []).flatMap((r: any) => r?.backendRefs ?? []);
  const unresolved = refs.map((b) => resolveBackend(store, namespace, b)).find((r) => "reason" in r);
  const resolved = unresolved && "reason" in unresolved ? condition("ResolvedRefs", false, unresolved.reason, unresolved.message, generation, at) : condition("ResolvedRefs", true, "ResolvedRefs", "", generation, at);
  return (route.spec?.parentRefs ?? []).map((parentRef: object) => ({
    parentRef,
    controllerName: CONTROLLER,
    conditions: [condition("Accepted", true, "Accepted", "", generation, at), resolved],
  }));
}

/** A condition as it was: its lastTransitionTime stays while its status does not change. */
function keepTransitionTime(previous: any[], parent: any): any {
  const before = previous.find((p) => isDeepStrictEqual(p.parentRef, parent.parentRef))?.conditions ?? [];
  const conditions = parent.conditions.map((c: any) => {
    const was = before.find((b: any) => b?.type === c.type);
    return was?.status === c.status && was?.lastTransitionTime ? { ...c, lastTransitionTime: was.lastTransitionTime } : c;
  });
  return { ...parent, conditions };
}

/**
 * Writes the report on every HTTPRoute whose report has changed: its spec did, or what its
 * backendRefs resolve to (a ReferenceGrant or a Service created or deleted), as a controller that
 * watches those too. Most reconciles write nothing. Other controllers' entries are kept.
 */
export function reportRouteStatus(store: ObjectStore, now: number): void {
  for (const route of listAny(store, ROUTE_API_VERSIONS.httproute, "HTTPRoute")) {
    if (!route.spec?.parentRefs?.length) continue;
    const parents: any[] = route.status?.parents ?? [];
    const ours = parents.filter((p) => p?.controllerName === CONTROLLER);
    const report = reportOn(store, route, kubeTime(now)).map((p) => keepTransitionTime(ours, p));
    if (isDeepStrictEqual(report, ours)) continue;
    const others = parents.filter((p) => p?.controllerName !== CONTROLLER);
    store.update({ ...route, status: { parents: [...others, ...report] } }, { statusOnly: true });
  }
}
