/**
 * The public API a plan imports from "firebreak", all but `z` (zod): `index.ts` adds it for
 * packages; the plan loader adds it only for plans that use it, since zod takes longer to load
 * than the rest of the incident path (the action's cold start).
 */
export { plan, SDK_VERSION, type Plan, type PlanMeta } from "./plan/plan.ts";
export type { Run } from "./engine/run.ts";
export { istio, gatewayApi, smi, ingressNginx } from "./traffic/handles.ts";
export { canary, DEFAULT_STAGES, type CanaryOptions, type CanaryResult } from "./traffic/canary.ts";
export type { Route, RouteOptions, ShiftOptions } from "./traffic/route.ts";
export type { Split } from "./traffic/split.ts";
export { deployment, type Deployment, type DeploymentOptions, type DeploymentRevision, type ScaleOptions, type WaitOptions } from "./workloads/deployment.ts";
export { kustomize, type KustomizeApplyOptions, type KustomizeApplyResult, type KustomizeOverlay, type KustomizeOverlayOptions } from "./workloads/kustomize.ts";
export { helm, type HelmRelease, type HelmReleaseOptions, type HelmRevision, type HelmUpgradeOptions } from "./workloads/helm.ts";
export { gates, type Gate, type GatePolicy, type Verdict } from "./gates/index.ts";
export type { Duration } from "./util/duration.ts";
export * from "./errors.ts";
export type { JournalEvent, RunStatus, GatePhase, Evidence } from "./journal/events.ts";
