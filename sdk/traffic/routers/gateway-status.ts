import { InvalidPlanError, RouteRejectedError } from "../../errors.ts";
import type { KubeObject } from "../../ports/kube.ts";

/**
 * What a Gateway API controller reports on an HTTPRoute, per parent (status.parents): whether the
 * parent accepted it (Accepted) and whether every backendRef resolved (ResolvedRefs).
 */
interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}
interface RouteParentStatus {
  parentRef?: { kind?: string; namespace?: string; name?: string };
  conditions?: Condition[];
}

/** The conditions whose False means the parent sends none, or not all, of the route's requests where its rules say. */
const VERDICT_CONDITIONS = ["Accepted", "ResolvedRefs"];

const parentsOf = (route: KubeObject): RouteParentStatus[] => route.status?.parents ?? [];
const parentName = (p: RouteParentStatus, route: KubeObject) => `${p.parentRef?.kind ?? "Gateway"} ${p.parentRef?.namespace ?? route.metadata.namespace}/${p.parentRef?.name}`;
/** A condition about the route's spec as it is (or a later one): an older verdict may be about a spec since fixed. */
const current = (c: Condition, route: KubeObject) => c.observedGeneration === undefined || route.metadata.generation === undefined || c.observedGeneration >= route.metadata.generation;
const statusCommand = (route: KubeObject) => `kubectl get httproute -n ${route.metadata.namespace} ${route.metadata.name} -o yaml`;

/**
 * Refuses a route that every parent reporting on it has not accepted (for its current spec). No
 * Gateway or mesh routes any of its requests then, so a shift would move nobody and still read
 * back, and verify, as written.
 */
export function refuseUnaccepted(route: KubeObject, object: string): void {
  const parents = parentsOf(route);
  const refusal = (p: RouteParentStatus) => p.conditions?.find((c) => c.type === "Accepted" && c.status === "False" && current(c, route));
  const refusals = parents.map(refusal);
  if (!parents.length || refusals.some((r) => !r)) return;
  const why = parents.map((p, i) => `${parentName(p, route)}: ${refusals[i]!.reason ?? "not accepted"}${refusals[i]!.message ? ` (${refusals[i]!.message})` : ""}`);
  throw new InvalidPlanError(
    `${object} is not accepted by any of its parents (${why.join("; ")}): none of its requests are routed by it, so its weights would move nobody. ` +
      `Fix what its status says (kubectl describe httproute -n ${route.metadata.namespace} ${route.metadata.name}), or point the handle at the route that carries the traffic.`,
  );
}

/**
 * The parents whose controller keeps this route's status: those reporting on its spec as it is.
 * Only their verdict on a write is awaited: a parent without status (no controller writes it) or
 * with status behind the spec (a leftover entry of a controller since uninstalled) would never give one.
 */
function reporting(route: KubeObject): string[] {
  const generation = route.metadata.generation;
  if (generation === undefined) return [];
  return parentsOf(route)
    .filter((p) => p.conditions?.some((c) => c.observedGeneration === generation))
    .map((p) => parentName(p, route));
}

/**
 * The backends a rule of the route sends nothing to in `before` and something to in `now` (by the
 * rule's place: a shift rewrites weights, not the order of rules). A header rule's 1% to a backend
 * is not the catch-all's 10%.
 */
function backendsRaised(before: KubeObject, now: KubeObject): string[] {
  const carrying = (route: KubeObject) =>
    ((route.spec?.rules ?? []) as { backendRefs?: { name: string; weight?: number }[] }[]).flatMap((r, i) =>
      (r.backendRefs ?? []).filter((b) => (b.weight ?? 1) > 0).map((b) => ({ key: `${i} ${b.name}`, name: b.name })),
    );
  const was = new Set(carrying(before).map((b) => b.key));
  return carrying(now)
    .filter((b) => !was.has(b.key))
    .map((b) => b.name);
}

/**
 * The gateway's verdict on a write of a route: undefined once every parent that reported on
 * `before` (the route as read) reported on the written generation, or when none did; else what
 * is still awaited. Throws RouteRejectedError when a parent's Accepted or ResolvedRefs is False
 * for the written generation, and was not, for the same reason, before.
 */
export function pendingVerdict(before: KubeObject, now: KubeObject, object: string): string | undefined {
  const awaited = reporting(before);
  if (!awaited.length) return undefined;
  const generation = now.metadata.generation;
  // A refusal the parent already reported before the write (a /v0 rule to a Service long gone) is
  // not this write's doing, unless it names a backend the write gave traffic it did not have.
  const raised = backendsRaised(before, now);
  const names = (message = "") => raised.some((b) => new RegExp(`(^|[^a-z0-9-])${b}([^a-z0-9-]|$)`).test(message));
  const already = (p: RouteParentStatus, c: Condition) =>
    !names(c.message) &&
    parentsOf(before).some(
      (b) => parentName(b, before) === parentName(p, now) && b.conditions?.some((o) => o.type === c.type && o.status === "False" && o.reason === c.reason && o.message === c.message),
    );
  for (const p of parentsOf(now)) {
    const refusal = p.conditions?.find((c) => VERDICT_CONDITIONS.includes(c.type ?? "") && c.status === "False" && current(c, now) && !already(p, c));
    if (refusal) {
      throw new RouteRejectedError(
        object,
        parentName(p, now),
        refusal.type!,
        refusal.reason ?? "no reason given",
        refusal.message ?? "",
        `Its requests to what it could not resolve fail (the gateway answers 500 for that share). ` +
          `Fix the reference (a ReferenceGrant for a backend in another namespace; a Service, not another kind), or shift to backends it resolves; see ${statusCommand(now)} (status.parents).`,
      );
    }
  }
  const answered = parentsOf(now)
    .filter((p) => p.conditions?.some((c) => c.type === "Accepted" && c.observedGeneration !== undefined && c.observedGeneration >= generation!))
    .map((p) => parentName(p, now));
  const behind = awaited.filter((p) => !answered.includes(p));
  if (!behind.length) return undefined;
  const parents = behind.join(", ");
  return (
    `the gateway controller to report on ${object} generation ${generation} (parents: ${parents}); it did not. ` +
    `The weights are written, but whether the gateway routes them is unknown: check status.parents with ${statusCommand(now)}, and the gateway controller's logs.`
  );
}
