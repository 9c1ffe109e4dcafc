import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));

// sdk/errors.ts
import { fileURLToPath } from "node:url";
var FirebreakError = class extends Error {
  name = "FirebreakError";
  code;
  constructor(code, message, options) {
    super(message, options), this.code = code;
  }
};
function listIssues(issues) {
  return issues.map((i) => `  - ${i.path || "(root)"}: ${i.message}`).join(`
`);
}
var InvalidPlanError = class extends FirebreakError {
  constructor(message, issues = []) {
    super("invalid-plan", issues.length ? `${message}
${listIssues(issues)}` : message);
    this.issues = issues;
  }
  issues;
  name = "InvalidPlanError";
}, PlanInputError = class extends FirebreakError {
  constructor(planName, issues) {
    super(
      "invalid-input",
      `Plan "${planName}" got invalid inputs:
${listIssues(issues)}
Pass each input as --input key=value (CLI) or in the action's \`inputs\`.`
    );
    this.planName = planName;
    this.issues = issues;
  }
  planName;
  issues;
  name = "PlanInputError";
}, PlanLoadError = class extends FirebreakError {
  name = "PlanLoadError";
  constructor(message, options) {
    super("plan-load", message, options);
  }
}, InvalidSplitError = class extends FirebreakError {
  /** `given` is the split as the plan wrote it ("stable=99, release=0"). */
  constructor(route, issues, given) {
    let problems = issues.map((i) => i.path.startsWith("(") ? i.message : `${i.path}: ${i.message}`).join("; ");
    super("invalid-split", `Invalid traffic split for ${route} (${given}): ${problems}. A split gives each destination a whole percent from 0 to 100, all adding up to 100.`);
    this.route = route;
    this.issues = issues;
  }
  route;
  issues;
  name = "InvalidSplitError";
}, UnknownDestinationError = class extends FirebreakError {
  constructor(route, unknown, known, what = "destination", namedIn, aside) {
    super(
      "unknown-destination",
      `${route} has no ${what} ${unknown.map((u) => `'${u}'`).join(", ")}${namedIn ? ` (named in ${namedIn.where})` : ""}; ${what}s are: ${known.length ? known.map((k) => `'${k}'`).join(", ") : "(none)"}.${namedIn ? ` ${namedIn.fix}` : ""}${aside ? ` ${aside}` : ""}`
    );
    this.route = route;
    this.unknown = unknown;
    this.known = known;
  }
  route;
  unknown;
  known;
  name = "UnknownDestinationError";
}, ObjectNotFoundError = class extends FirebreakError {
  constructor(object, existing) {
    super(
      "not-found",
      existing === void 0 ? `${object} was not found. Check the namespace and name in the plan.` : `${object} was not found; ${existing.length ? `existing ones in that namespace: ${existing.join(", ")}` : "there are none in that namespace"}.`
    );
    this.object = object;
    this.existing = existing;
  }
  object;
  existing;
  name = "ObjectNotFoundError";
}, MissingCrdError = class extends FirebreakError {
  constructor(apiVersion, kind, provider, servedVersions = []) {
    let group = apiVersion.split("/")[0];
    super(
      "missing-crd",
      servedVersions.length ? `The cluster does not serve ${kind} (${apiVersion}): ${provider} is installed, but serves ${group} at ${servedVersions.join(", ")} only. Name a version it serves (the router's apiVersion option, e.g. ${group}/${servedVersions[0]}), or upgrade ${provider}.` : `The cluster does not serve ${kind} (${apiVersion}): ${provider} is not installed, or its CRD is missing. Install it, or use the router for the mesh this cluster runs.`
    );
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.provider = provider;
    this.servedVersions = servedVersions;
  }
  apiVersion;
  kind;
  provider;
  servedVersions;
  name = "MissingCrdError";
}, ForbiddenError = class extends FirebreakError {
  constructor(verb, resource, namespace, detail = "") {
    super(
      "forbidden",
      `Forbidden: the service account may not ${verb} ${resource}${namespace ? ` in namespace ${namespace}` : ""}. Grant it (see \`firebreak rbac <plan.ts>\`).${detail ? ` Server said: ${detail}` : ""}`
    );
    this.verb = verb;
    this.resource = resource;
    this.namespace = namespace;
  }
  verb;
  resource;
  namespace;
  name = "ForbiddenError";
}, ConflictError = class extends FirebreakError {
  constructor(object, attempts) {
    super(
      "conflict",
      `${object} kept changing under us (${attempts} conflicting writes). Another controller or person is editing it: stop them, then run the plan again.`
    );
    this.object = object;
    this.attempts = attempts;
  }
  object;
  attempts;
  name = "ConflictError";
}, VerificationError = class extends FirebreakError {
  constructor(object, expected, actual) {
    super(
      "verification",
      `${object} did not verify after the write: expected ${JSON.stringify(expected)}, read back ${JSON.stringify(actual)}. A controller may be reverting it (a GitOps sync?), or an admission webhook rewriting it (a mutating policy): pause the controller and run the plan again, or write the value the webhook leaves.`
    );
    this.object = object;
    this.expected = expected;
    this.actual = actual;
  }
  object;
  expected;
  actual;
  name = "VerificationError";
}, RouteDriftError = class extends FirebreakError {
  constructor(drifts) {
    let gone = drifts.some((d) => d.found === void 0 && !d.unreadable) ? " (a route that is gone must first be put back: synced from Git, or kubectl apply)" : "";
    super(
      "route-drift",
      `${drifts.map((d) => `${d.route} no longer holds the split this run wrote (${d.written}): ${d.found !== void 0 ? `it is at ${d.found}` : d.unreadable?.replace(/\.$/, "") ?? "it is gone"}${d.changedBy ? ` (${d.changedBy})` : ""}`).join("; ")}. ` + (drifts.every((d) => d.changedBy) ? `No controller changed it: a later step of this plan did. If traffic must not stay there, set the split again${gone}, and in the plan, shift the route after that step.` : `Something changed it after the run's verified write, most likely a controller that owns it (Argo CD with selfHeal, Flux, Flagger). Pause it for this object (\`argocd app set <app> --sync-policy none\`; \`flux suspend kustomization <name>\`; Flagger: spec.suspend: true on the Canary), then set the split again${gone}.`)
    );
    this.drifts = drifts;
  }
  drifts;
  name = "RouteDriftError";
}, ShiftedRuleError = class extends FirebreakError {
  name = "ShiftedRuleError";
  constructor(message) {
    super("route-drift", message);
  }
}, CapacityError = class extends FirebreakError {
  name = "CapacityError";
  constructor(message) {
    super("capacity", message);
  }
}, RouteRejectedError = class extends FirebreakError {
  constructor(route, parent, condition, reason, detail, fix) {
    super("route-rejected", `${route}: ${parent} reports ${condition}: False (${reason}${detail ? `: ${detail}` : ""}) for the route as this shift wrote it. ${fix}`);
    this.route = route;
    this.parent = parent;
    this.condition = condition;
    this.reason = reason;
    this.detail = detail;
  }
  route;
  parent;
  condition;
  reason;
  detail;
  name = "RouteRejectedError";
}, RouteStatusTimeoutError = class extends FirebreakError {
  constructor(route, waitedMs, waitingFor) {
    super("route-status-timeout", `${route}: waited ${Math.round(waitedMs / 1e3)}s for ${waitingFor}`);
    this.route = route;
    this.waitedMs = waitedMs;
  }
  route;
  waitedMs;
  name = "RouteStatusTimeoutError";
}, RolloutTimeoutError = class extends FirebreakError {
  constructor(object, waitedMs, lastStatus) {
    super(
      "rollout-timeout",
      `${object} did not finish rolling out within ${Math.round(waitedMs / 1e3)}s: ${lastStatus}. Check its pods (kubectl describe), or raise the timeout.`
    );
    this.object = object;
    this.waitedMs = waitedMs;
    this.lastStatus = lastStatus;
  }
  object;
  waitedMs;
  lastStatus;
  name = "RolloutTimeoutError";
}, RolloutFailedError = class extends FirebreakError {
  constructor(object, waitedMs, lastStatus) {
    super("rollout-failed", `${object} cannot finish rolling out: ${lastStatus}`);
    this.object = object;
    this.waitedMs = waitedMs;
    this.lastStatus = lastStatus;
  }
  object;
  waitedMs;
  lastStatus;
  name = "RolloutFailedError";
}, DeploymentPausedError = class extends FirebreakError {
  constructor(object, action, resumeCommand) {
    super(
      "deployment-paused",
      `${object} is paused (kubectl rollout pause): ${action} would change its pod template but roll nothing out, so nothing was changed. Resume it first (that rolls out the template it holds now, if it differs from its pods'): ${resumeCommand}`
    );
    this.object = object;
    this.action = action;
  }
  object;
  action;
  name = "DeploymentPausedError";
}, AutoscalerManagedError = class extends FirebreakError {
  constructor(autoscaler, manager, object, replicas) {
    super(
      "autoscaler-managed",
      `${object} is scaled by ${autoscaler}, which ${manager} manages: raising its minReplicas to hold ${replicas} replicas would be put back by ${manager}, so nothing was changed. Raise the floor on ${manager} (KEDA: spec.minReplicaCount), or scale with { autoscaler: "leave" } to set the count until the autoscaler moves it.`
    );
    this.autoscaler = autoscaler;
    this.manager = manager;
    this.object = object;
    this.replicas = replicas;
  }
  autoscaler;
  manager;
  object;
  replicas;
  name = "AutoscalerManagedError";
}, RevisionNotFoundError = class extends FirebreakError {
  constructor(object, revision, available, why = "") {
    super(
      "revision-not-found",
      `${object} has no revision ${revision}; revisions are: ${available.length ? available.join(", ") : "(none)"}.${why ? ` ${why}` : ""}`
    );
    this.object = object;
    this.revision = revision;
    this.available = available;
  }
  object;
  revision;
  available;
  name = "RevisionNotFoundError";
}, GateFailedError = class extends FirebreakError {
  constructor(gate, phase, reason) {
    super("gate-failed", `Gate "${gate}" ${phase}: ${reason}`);
    this.gate = gate;
    this.phase = phase;
    this.reason = reason;
  }
  gate;
  phase;
  reason;
  name = "GateFailedError";
}, MetricsUnavailableError = class extends FirebreakError {
  /** `refused`: the provider answered, and refused the credentials (401/403): the URL and network are fine. */
  constructor(url, detail, options) {
    super(
      "metrics-unavailable",
      options?.refused ? `Prometheus at ${url} refused the request: ${detail}. Check the credentials (--prometheus-header / prometheus-headers, or the URL's user:password): a token that expired, a tenant not allowed.` : `Prometheus at ${url} is unreachable: ${detail}. Check the URL (--prometheus / prometheus-url) and network access.`,
      options
    );
    this.url = url;
  }
  url;
  name = "MetricsUnavailableError";
}, MetricsQueryError = class extends FirebreakError {
  constructor(query, detail) {
    super("metrics-query", `Prometheus rejected the query ${query}: ${detail}`);
    this.query = query;
  }
  query;
  name = "MetricsQueryError";
}, KubeApiError = class extends FirebreakError {
  constructor(status, object, detail, options) {
    super("kube-api", `Kubernetes API ${status ? `answered ${status}` : "failed"} for ${object}: ${detail}`, options);
    this.status = status;
    this.object = object;
  }
  status;
  object;
  name = "KubeApiError";
}, CancelledError = class extends FirebreakError {
  name = "CancelledError";
  constructor(reason = "the run was cancelled") {
    super("cancelled", reason);
  }
}, UsageError = class extends FirebreakError {
  constructor(message, issues = []) {
    super("usage", issues.length ? `${message}
${listIssues(issues)}` : message);
    this.issues = issues;
  }
  issues;
  name = "UsageError";
}, InvalidJournalError = class extends FirebreakError {
  constructor(file, line, problem) {
    super("invalid-journal", `${file} line ${line} ${problem}`);
    this.file = file;
    this.line = line;
  }
  file;
  line;
  name = "InvalidJournalError";
};
function describeError(err) {
  return err instanceof Error ? { name: err.name, message: err.message } : err == null ? { name: "Error", message: `the plan threw ${err}, not an Error: throw new Error("what went wrong") instead` } : { name: "Error", message: String(err) };
}
var SDK_DIR = fileURLToPath(new URL(".", import.meta.url));
function planFrame(err) {
  let stack = err instanceof Error ? err.stack ?? "" : "";
  for (let [, path, line, column] of stack.matchAll(/(?:\(|at )(?:file:\/\/)?(\/[^\s()]+\.m?ts):(\d+):(\d+)\)?$/gm)) {
    if (path.startsWith(SDK_DIR) || path.includes("/node_modules/")) continue;
    let cwd = `${process.cwd()}/`;
    return `${path.startsWith(cwd) ? path.slice(cwd.length) : path}:${line}:${column}`;
  }
}

export {
  FirebreakError,
  InvalidPlanError,
  PlanInputError,
  PlanLoadError,
  InvalidSplitError,
  UnknownDestinationError,
  ObjectNotFoundError,
  MissingCrdError,
  ForbiddenError,
  ConflictError,
  VerificationError,
  RouteDriftError,
  ShiftedRuleError,
  CapacityError,
  RouteRejectedError,
  RouteStatusTimeoutError,
  RolloutTimeoutError,
  RolloutFailedError,
  DeploymentPausedError,
  AutoscalerManagedError,
  RevisionNotFoundError,
  GateFailedError,
  MetricsUnavailableError,
  MetricsQueryError,
  KubeApiError,
  CancelledError,
  UsageError,
  InvalidJournalError,
  describeError,
  planFrame
};
