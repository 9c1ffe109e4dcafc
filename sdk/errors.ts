/**
 * The Firebreak error family. Every error a plan author or responder can act on is one of these:
 * its `name` says what kind of problem it is, its message says what is wrong and how to fix it.
 * Anything else that escapes a plan is a bug or an unexpected failure of the environment.
 */
import { fileURLToPath } from "node:url";

/** What a caller can branch on, besides `instanceof`. */
export type FirebreakErrorCode =
  | "invalid-plan"
  | "invalid-input"
  | "plan-load"
  | "invalid-split"
  | "unknown-destination"
  | "not-found"
  | "missing-crd"
  | "forbidden"
  | "conflict"
  | "verification"
  | "route-drift"
  | "capacity"
  | "route-rejected"
  | "route-status-timeout"
  | "rollout-timeout"
  | "rollout-failed"
  | "deployment-paused"
  | "autoscaler-managed"
  | "revision-not-found"
  | "gate-failed"
  | "metrics-unavailable"
  | "metrics-query"
  | "kube-api"
  | "cancelled"
  | "usage"
  | "invalid-journal"
  | "issue-filing";

export class FirebreakError extends Error {
  override name = "FirebreakError";
  readonly code: FirebreakErrorCode;
  constructor(code: FirebreakErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** One problem with a plan's declared data, with the path to the offending field. */
export interface FieldIssue {
  path: string;
  message: string;
}

function listIssues(issues: FieldIssue[]): string {
  return issues.map((i) => `  - ${i.path || "(root)"}: ${i.message}`).join("\n");
}

/** The plan file itself is wrong: it would do something impossible or unsafe. */
export class InvalidPlanError extends FirebreakError {
  override name = "InvalidPlanError";
  constructor(message: string, readonly issues: FieldIssue[] = []) {
    super("invalid-plan", issues.length ? `${message}\n${listIssues(issues)}` : message);
  }
}

/** The inputs given to a plan do not match its `inputs` schema. */
export class PlanInputError extends FirebreakError {
  override name = "PlanInputError";
  constructor(readonly planName: string, readonly issues: FieldIssue[]) {
    super(
      "invalid-input",
      `Plan "${planName}" got invalid inputs:\n${listIssues(issues)}\n` +
        `Pass each input as --input key=value (CLI) or in the action's \`inputs\`.`,
    );
  }
}

/** A plan file could not be loaded: missing, not TypeScript we can read, or no default-exported plan. */
export class PlanLoadError extends FirebreakError {
  override name = "PlanLoadError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("plan-load", message, options);
  }
}

/** Weights that cannot be a traffic split (not integers, not summing to 100, negative). */
export class InvalidSplitError extends FirebreakError {
  override name = "InvalidSplitError";
  /** `given` is the split as the plan wrote it ("stable=99, release=0"). */
  constructor(readonly route: string, readonly issues: FieldIssue[], given: string) {
    // One line, as progress lines and annotations show it; a problem of the whole split ("(sum)") needs no path.
    const problems = issues.map((i) => (i.path.startsWith("(") ? i.message : `${i.path}: ${i.message}`)).join("; ");
    super("invalid-split", `Invalid traffic split for ${route} (${given}): ${problems}. A split gives each destination a whole percent from 0 to 100, all adding up to 100.`);
  }
}

/** A split names a destination the route cannot send traffic to. */
export class UnknownDestinationError extends FirebreakError {
  override name = "UnknownDestinationError";
  constructor(
    readonly route: string,
    readonly unknown: string[],
    readonly known: string[],
    what = "destination",
    /** Where the plan named them, when not in a split, and how to put it right. */
    namedIn?: { where: string; fix: string },
    /** Where the route's router says they may be instead (see TrafficRouter.unknownAside). */
    aside?: string,
  ) {
    super(
      "unknown-destination",
      `${route} has no ${what} ${unknown.map((u) => `'${u}'`).join(", ")}${namedIn ? ` (named in ${namedIn.where})` : ""}; ` +
        `${what}s are: ${known.length ? known.map((k) => `'${k}'`).join(", ") : "(none)"}.${namedIn ? ` ${namedIn.fix}` : ""}${aside ? ` ${aside}` : ""}`,
    );
  }
}

/** The object a plan refers to does not exist. */
export class ObjectNotFoundError extends FirebreakError {
  override name = "ObjectNotFoundError";
  constructor(readonly object: string, readonly existing?: string[]) {
    super(
      "not-found",
      existing === undefined
        ? `${object} was not found. Check the namespace and name in the plan.`
        : `${object} was not found; ${existing.length ? `existing ones in that namespace: ${existing.join(", ")}` : "there are none in that namespace"}.`,
    );
  }
}

/**
 * The cluster does not serve the API of a traffic object: its mesh or CRD is not installed, or
 * (`servedVersions`, in the server's order of preference) it serves the group at other versions only.
 */
export class MissingCrdError extends FirebreakError {
  override name = "MissingCrdError";
  constructor(readonly apiVersion: string, readonly kind: string, readonly provider: string, readonly servedVersions: string[] = []) {
    const group = apiVersion.split("/")[0];
    super(
      "missing-crd",
      servedVersions.length
        ? `The cluster does not serve ${kind} (${apiVersion}): ${provider} is installed, but serves ${group} at ${servedVersions.join(", ")} only. ` +
            `Name a version it serves (the router's apiVersion option, e.g. ${group}/${servedVersions[0]}), or upgrade ${provider}.`
        : `The cluster does not serve ${kind} (${apiVersion}): ${provider} is not installed, or its CRD is missing. ` +
            `Install it, or use the router for the mesh this cluster runs.`,
    );
  }
}

/** The credentials lack a permission the plan needs. */
export class ForbiddenError extends FirebreakError {
  override name = "ForbiddenError";
  constructor(readonly verb: string, readonly resource: string, readonly namespace: string | undefined, detail = "") {
    super(
      "forbidden",
      `Forbidden: the service account may not ${verb} ${resource}${namespace ? ` in namespace ${namespace}` : ""}. ` +
        `Grant it (see \`firebreak rbac <plan.ts>\`).${detail ? ` Server said: ${detail}` : ""}`,
    );
  }
}

/** A write kept losing to concurrent writers. */
export class ConflictError extends FirebreakError {
  override name = "ConflictError";
  constructor(readonly object: string, readonly attempts: number) {
    super(
      "conflict",
      `${object} kept changing under us (${attempts} conflicting writes). ` +
        `Another controller or person is editing it: stop them, then run the plan again.`,
    );
  }
}

/** Read back after a write, the object does not say what we wrote. */
export class VerificationError extends FirebreakError {
  override name = "VerificationError";
  constructor(readonly object: string, readonly expected: unknown, readonly actual: unknown) {
    super(
      "verification",
      `${object} did not verify after the write: expected ${JSON.stringify(expected)}, read back ${JSON.stringify(actual)}. ` +
        `A controller may be reverting it (a GitOps sync?), or an admission webhook rewriting it (a mutating policy): ` +
        `pause the controller and run the plan again, or write the value the webhook leaves.`,
    );
  }
}

/** A route the run shifted, as read again later: the split the run last wrote there, and the one found. */
export interface RouteDrift {
  /** "VirtualService prod/checkout-api" */
  route: string;
  written: string;
  /** The split found; undefined when the object is gone, or holds none the run can read (`unreadable`). */
  found?: string;
  /** Why the object found holds no split the run can read: the part of it the run shifted is gone. */
  unreadable?: string;
  /** Set when it is as a step of this run left it: 'deleted by the run's step "roll back" (…): …'. */
  changedBy?: string;
}

/**
 * Routes that no longer hold the split the run wrote and verified: something changed them since,
 * most likely a controller that owns them, or a later step of the plan itself (a Helm rollback to
 * a chart without the route). Production is then in a state no shift of the plan chose.
 */
export class RouteDriftError extends FirebreakError {
  override name = "RouteDriftError";
  constructor(readonly drifts: RouteDrift[]) {
    const gone = drifts.some((d) => d.found === undefined && !d.unreadable) ? ` (a route that is gone must first be put back: synced from Git, or kubectl apply)` : "";
    super(
      "route-drift",
      `${drifts.map((d) => `${d.route} no longer holds the split this run wrote (${d.written}): ${d.found !== undefined ? `it is at ${d.found}` : (d.unreadable?.replace(/\.$/, "") ?? "it is gone")}${d.changedBy ? ` (${d.changedBy})` : ""}`).join("; ")}. ` +
        (drifts.every((d) => d.changedBy)
          ? `No controller changed it: a later step of this plan did. If traffic must not stay there, set the split again${gone}, and in the plan, shift the route after that step.`
          : `Something changed it after the run's verified write, most likely a controller that owns it (Argo CD with selfHeal, Flux, Flagger). ` +
            `Pause it for this object (\`argocd app set <app> --sync-policy none\`; \`flux suspend kustomization <name>\`; Flagger: spec.suspend: true on the Canary), ` +
            `then set the split again${gone}.`),
    );
  }
}

/**
 * The rule of a route the run shifted cannot be told apart when the route is read again: it is
 * gone, or several rules now have its name or match conditions and split differently.
 */
export class ShiftedRuleError extends FirebreakError {
  override name = "ShiftedRuleError";
  constructor(message: string) {
    super("route-drift", message);
  }
}

/** A destination cannot take the traffic a shift would send it. */
export class CapacityError extends FirebreakError {
  override name = "CapacityError";
  constructor(message: string) {
    super("capacity", message);
  }
}

/** The controller behind a route refused the route as a shift wrote it: the share sent to what it refused fails. */
export class RouteRejectedError extends FirebreakError {
  override name = "RouteRejectedError";
  constructor(
    readonly route: string,
    readonly parent: string,
    readonly condition: string,
    readonly reason: string,
    readonly detail: string,
    fix: string,
  ) {
    super("route-rejected", `${route}: ${parent} reports ${condition}: False (${reason}${detail ? `: ${detail}` : ""}) for the route as this shift wrote it. ${fix}`);
  }
}

/** The controller behind a route did not report on a shift's write in time: whether it routes it is unknown. */
export class RouteStatusTimeoutError extends FirebreakError {
  override name = "RouteStatusTimeoutError";
  constructor(readonly route: string, readonly waitedMs: number, waitingFor: string) {
    super("route-status-timeout", `${route}: waited ${Math.round(waitedMs / 1000)}s for ${waitingFor}`);
  }
}

export class RolloutTimeoutError extends FirebreakError {
  override name = "RolloutTimeoutError";
  constructor(readonly object: string, readonly waitedMs: number, readonly lastStatus: string) {
    super(
      "rollout-timeout",
      `${object} did not finish rolling out within ${Math.round(waitedMs / 1000)}s: ${lastStatus}. ` +
        `Check its pods (kubectl describe), or raise the timeout.`,
    );
  }
}

/** A rollout that waiting will not finish: a crash loop, an image that cannot be pulled, a paused Deployment. */
export class RolloutFailedError extends FirebreakError {
  override name = "RolloutFailedError";
  constructor(readonly object: string, readonly waitedMs: number, readonly lastStatus: string) {
    super("rollout-failed", `${object} cannot finish rolling out: ${lastStatus}`);
  }
}

/** A change to a paused Deployment's pod template: it would roll nothing out, so it is refused before it is written. */
export class DeploymentPausedError extends FirebreakError {
  override name = "DeploymentPausedError";
  constructor(readonly object: string, readonly action: string, resumeCommand: string) {
    super(
      "deployment-paused",
      `${object} is paused (kubectl rollout pause): ${action} would change its pod template but roll nothing out, so nothing was changed. ` +
        `Resume it first (that rolls out the template it holds now, if it differs from its pods'): ${resumeCommand}`,
    );
  }
}

export class AutoscalerManagedError extends FirebreakError {
  override name = "AutoscalerManagedError";
  constructor(readonly autoscaler: string, readonly manager: string, readonly object: string, readonly replicas: number) {
    super(
      "autoscaler-managed",
      `${object} is scaled by ${autoscaler}, which ${manager} manages: raising its minReplicas to hold ${replicas} replicas would be put back by ${manager}, ` +
        `so nothing was changed. Raise the floor on ${manager} (KEDA: spec.minReplicaCount), or scale with { autoscaler: "leave" } to set the count until the autoscaler moves it.`,
    );
  }
}

export class RevisionNotFoundError extends FirebreakError {
  override name = "RevisionNotFoundError";
  constructor(readonly object: string, readonly revision: number, readonly available: string[], why = "") {
    super(
      "revision-not-found",
      `${object} has no revision ${revision}; revisions are: ${available.length ? available.join(", ") : "(none)"}.${why ? ` ${why}` : ""}`,
    );
  }
}

/** A gate (run.gate) did not pass. Carries the verdict so the journal and postmortem show the evidence. */
export class GateFailedError extends FirebreakError {
  override name = "GateFailedError";
  constructor(readonly gate: string, readonly phase: string, readonly reason: string) {
    super("gate-failed", `Gate "${gate}" ${phase}: ${reason}`);
  }
}

/** The metrics provider could not be reached or timed out. A gate never passes on this. */
export class MetricsUnavailableError extends FirebreakError {
  override name = "MetricsUnavailableError";
  /** `refused`: the provider answered, and refused the credentials (401/403): the URL and network are fine. */
  constructor(readonly url: string, detail: string, options?: { cause?: unknown; refused?: boolean }) {
    super(
      "metrics-unavailable",
      options?.refused
        ? `Prometheus at ${url} refused the request: ${detail}. Check the credentials (--prometheus-header / prometheus-headers, or the URL's user:password): a token that expired, a tenant not allowed.`
        : `Prometheus at ${url} is unreachable: ${detail}. Check the URL (--prometheus / prometheus-url) and network access.`,
      options,
    );
  }
}

/** The metrics provider answered with an error (bad query, server error). */
export class MetricsQueryError extends FirebreakError {
  override name = "MetricsQueryError";
  constructor(readonly query: string, detail: string) {
    super("metrics-query", `Prometheus rejected the query ${query}: ${detail}`);
  }
}

/** Any other Kubernetes API failure, with status and the server's message. */
export class KubeApiError extends FirebreakError {
  override name = "KubeApiError";
  constructor(readonly status: number, readonly object: string, detail: string, options?: { cause?: unknown }) {
    super("kube-api", `Kubernetes API ${status ? `answered ${status}` : "failed"} for ${object}: ${detail}`, options);
  }
}

export class CancelledError extends FirebreakError {
  override name = "CancelledError";
  constructor(reason = "the run was cancelled") {
    super("cancelled", reason);
  }
}

/** A CLI or action invocation that makes no sense. */
export class UsageError extends FirebreakError {
  override name = "UsageError";
  constructor(message: string, readonly issues: FieldIssue[] = []) {
    super("usage", issues.length ? `${message}\n${listIssues(issues)}` : message);
  }
}

/** A journal file that cannot be read as one run's events: damaged, another file, or another Firebreak's format. */
export class InvalidJournalError extends FirebreakError {
  override name = "InvalidJournalError";
  constructor(readonly file: string, readonly line: number, problem: string) {
    super("invalid-journal", `${file} line ${line} ${problem}`);
  }
}

/** Message of anything thrown, for journals and logs. */
export function describeError(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message };
  // `throw undefined` or `throw "boom"`: no stack to say where, so the report says what was thrown
  if (err === undefined || err === null) return { name: "Error", message: `the plan threw ${err}, not an Error: throw new Error("what went wrong") instead` };
  return { name: "Error", message: String(err) };
}

/** This file's directory: stack frames under it are the SDK's, not a plan's. */
const SDK_DIR = fileURLToPath(new URL(".", import.meta.url));

/**
 * Where in a plan's own `.ts` files an unexpected error was thrown, relative to the working
 * directory, e.g. "plans/rollback.ts:12:5"; undefined when no frame of the stack is in one.
 * A TypeError's message alone ("Cannot read properties of undefined") does not say where.
 *
 * @example
 * planFrame(new TypeError("x is not a function")); // "plans/rollback.ts:12:5" when thrown there
 */
export function planFrame(err: unknown): string | undefined {
  const stack = err instanceof Error ? (err.stack ?? "") : "";
  for (const [, path, line, column] of stack.matchAll(/(?:\(|at )(?:file:\/\/)?(\/[^\s()]+\.m?ts):(\d+):(\d+)\)?$/gm)) {
    if (path!.startsWith(SDK_DIR) || path!.includes("/node_modules/")) continue;
    const cwd = `${process.cwd()}/`;
    return `${path!.startsWith(cwd) ? path!.slice(cwd.length) : path}:${line}:${column}`;
  }
  return undefined;
}
