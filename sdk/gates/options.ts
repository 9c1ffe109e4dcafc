/**
 * Checks of the numbers a plan gives a gate, made when the gate is declared: a success rate of 50
 * (a percentage where a fraction belongs) could never pass, and `consecutive: 0` would pass on
 * nothing. Found at load or preview, not at the gate, after traffic has moved.
 */
import { InvalidPlanError, type FieldIssue } from "../errors.ts";
import { formatMs, promRangeMs, toMs } from "../util/duration.ts";
import { DEFAULT_POLICY, type GatePolicy, type Hold, type ShiftWait } from "./gate.ts";
import { DEFAULT_WINDOW, type Target } from "./traffic.ts";
import type { Route } from "../traffic/route.ts";
import { durationIssue, isCount, quoted, unknownKeys } from "../plan/check-option.ts";

/** Problems with a gate policy's fields, each with its path. */
function policyIssues(policy: Partial<GatePolicy> | undefined, at: string): FieldIssue[] {
  if (!policy) return [];
  const path = (field: string) => (at ? `${at}.${field}` : field);
  const issues: FieldIssue[] = unknownKeys(policy, Object.keys(DEFAULT_POLICY), at);
  for (const field of ["interval", "timeout"] as const) {
    const issue = policy[field] === undefined ? undefined : durationIssue(policy[field], path(field));
    if (issue) issues.push(issue);
  }
  if (policy.consecutive !== undefined && !isCount(policy.consecutive, 1)) {
    issues.push({ path: path("consecutive"), message: `must be a whole number of passing rounds, 1 or more (got ${policy.consecutive})` });
  }
  for (const field of ["failureLimit", "consecutiveErrorLimit"] as const) {
    const v = policy[field];
    if (v !== undefined && !isCount(v, 0) && v !== Number.POSITIVE_INFINITY) {
      issues.push({ path: path(field), message: `must be a whole number of rounds, 0 or more (got ${v})` });
    }
  }
  return issues;
}

/** The fields that set how long a streak of passing rounds takes. */
type Pace = Pick<GatePolicy, "interval" | "timeout" | "consecutive">;

/**
 * A policy whose passes in a row cannot fit in its timeout: 10 passing rounds 1m apart take 9m, and
 * a 5m gate would wait them out only to end not passed. `policy`'s fields are valid.
 */
function paceIssue(policy: Pace, at: string): FieldIssue | undefined {
  const needMs = (policy.consecutive - 1) * toMs(policy.interval);
  const timeoutMs = toMs(policy.timeout);
  if (needMs <= timeoutMs) return undefined;
  return {
    path: at ? `${at}.consecutive` : "consecutive",
    message:
      `${policy.consecutive} passing rounds ${formatMs(toMs(policy.interval))} apart take ${formatMs(needMs)}, longer than the timeout of ` +
      `${formatMs(timeoutMs)}, so the gate could never pass: lower consecutive or interval, or make timeout at least ${formatMs(needMs)}`,
  };
}

/** A timeout shorter than the span a gate's evidence must cover (pods ready `for` 10m under a 5m timeout). */
function holdIssue(hold: Hold, timeout: GatePolicy["timeout"], at: string): FieldIssue | undefined {
  const timeoutMs = toMs(timeout);
  if (hold.ms <= timeoutMs) return undefined;
  return {
    path: at ? `${at}.timeout` : "timeout",
    message:
      `${hold.option} is ${formatMs(hold.ms)}, longer than the timeout of ${formatMs(timeoutMs)}, so ${hold.what} could never pass it: ` +
      `lower ${hold.option}, or make timeout at least ${formatMs(hold.ms)}`,
  };
}

/**
 * Throws an InvalidPlanError when a gate's whole policy (with its defaults, and the run's overrides
 * where they meet the gate's own) cannot pass before its timeout: its passes in a row, or the span
 * its evidence must cover (`hold`), take longer.
 * @param at where the plan wrote the fields, as for checkPolicy
 * @example checkPace(`gate "canary 10%"`, { interval: "1m", timeout: "5m", consecutive: 10 }); // throws: policy.consecutive: 10 passing rounds 1m apart take 9m, …
 */
export function checkPace(gate: string, policy: Pace, at = "policy", hold?: Hold): void {
  const issues = [paceIssue(policy, at), hold && holdIssue(hold, policy.timeout, at)].filter((i): i is FieldIssue => i !== undefined);
  if (issues.length) throw new InvalidPlanError(`${gate} got an invalid policy:`, issues);
}

/** The options naming what a request-based gate measures: a route's destination, or a mesh service's version. */
export const TARGET_OPTIONS = ["route", "destination", "mesh", "namespace", "service", "version"] as const;
/** The options every request-based gate takes besides its target (see {@link CheckedTraffic}). */
export const TRAFFIC_OPTIONS = ["window", "minRequests", "policy"] as const;

/**
 * The `waitAfterShift` of a gate over `target`'s requests: a shift of the route it names starts
 * its `window` afresh, for every round counts requests from after the run's last shift of a route
 * serving them. An explicit mesh scope's routes are not known before the run reads the cluster: none told.
 * @example { ...gate, waitAfterShift: windowAfterShift(opts, opts) }
 */
export function windowAfterShift(target: Target, opts: { window?: string }): (route: Route) => ShiftWait | undefined {
  const window = opts.window ?? DEFAULT_WINDOW;
  return (route) =>
    "route" in target && target.route?.key === route.key ? { ms: promRangeMs(window) ?? 0, what: `a ${window} window of requests to ${target.destination}` } : undefined;
}

/** The fields every gate over traffic takes (window, minRequests, policy). */
export interface CheckedTraffic {
  window?: string;
  minRequests?: number;
  policy?: Partial<GatePolicy>;
}

/**
 * Throws an InvalidPlanError listing every problem with a gate's options, named after the gate.
 *
 * @param gate the gate's call, e.g. "gates.successRate"
 * @param fractions fields that must be between 0 and 1, e.g. { min: 0.99 }; a `min` among them is the
 *   lowest share that passes, so 0, which every share meets (all requests failed included), is refused
 * @param positives fields that must be numbers above 0, e.g. { maxMs: 500 }
 * @param numbers fields that must be finite numbers, e.g. { max: 1000 }: NaN is none, and a bound of ±Infinity always or never passes
 * @param known every option the gate takes: any other is refused as misspelt (`windw`)
 * @example
 * checkGateOptions("gates.successRate", opts, { fractions: { min: opts.min }, known: [...TARGET_OPTIONS, ...TRAFFIC_OPTIONS, "min"] });
 * // InvalidPlanError: gates.successRate got invalid options:
 * //   - min: must be a fraction between 0 and 1, e.g. 0.99 for 99% (got 50)
 */
export function checkGateOptions(
  gate: string,
  opts: CheckedTraffic,
  { fractions = {}, positives = {}, numbers = {}, known }: { fractions?: Record<string, unknown>; positives?: Record<string, unknown>; numbers?: Record<string, unknown>; known: readonly string[] },
): void {
  const issues: FieldIssue[] = unknownKeys(opts, known);
  for (const [field, v] of Object.entries(fractions)) {
    if (!(typeof v === "number" && v >= 0 && v <= 1)) issues.push({ path: field, message: `must be a fraction between 0 and 1, e.g. 0.99 for 99% (got ${v})` });
    else if (field === "min" && v === 0) {
      issues.push({ path: field, message: "0 passes on any share, 0 included (every request failed): give the lowest share to accept, above 0, e.g. 0.99 for 99%" });
    }
  }
  for (const [field, v] of Object.entries(positives)) {
    if (!(typeof v === "number" && v > 0 && Number.isFinite(v))) issues.push({ path: field, message: `must be a number above 0 (got ${v})` });
  }
  for (const [field, v] of Object.entries(numbers)) {
    if (v !== undefined && !(typeof v === "number" && Number.isFinite(v))) issues.push({ path: field, message: `must be a finite number (got ${quoted(v)})` });
  }
  if (opts.window !== undefined && !(typeof opts.window === "string" && promRangeMs(opts.window))) {
    issues.push({ path: "window", message: `must be a Prometheus range like "1m", "30s" or "1m30s", units largest first (got ${quoted(opts.window)})` });
  }
  if (opts.minRequests !== undefined && !isCount(opts.minRequests, 1)) {
    issues.push({ path: "minRequests", message: `must be a whole number of requests, 1 or more (got ${opts.minRequests})` });
  }
  const policyProblems = policyIssues(opts.policy, "policy");
  issues.push(...policyProblems);
  // how long the passes take is judged on fields that are right
  const pace = policyProblems.length ? undefined : paceIssue({ ...DEFAULT_POLICY, ...opts.policy }, "policy");
  if (pace) issues.push(pace);
  if (issues.length) throw new InvalidPlanError(`${gate} got invalid options:`, issues);
}

/**
 * Throws an InvalidPlanError when a gate's policy is wrong.
 * @param at where the plan wrote the fields: "policy" (default), or "" when they are the gate's own options
 * @example checkPolicy(`gate "canary 10%"`, { consecutive: 0 }); // throws: policy.consecutive: must be …
 */
export function checkPolicy(gate: string, policy: Partial<GatePolicy> | undefined, at = "policy"): void {
  const issues = policyIssues(policy, at);
  if (issues.length) throw new InvalidPlanError(`${gate} got an invalid policy:`, issues);
}

/**
 * Problems with the `workload` of a gate that reads a Deployment's pods: it takes a deployment()
 * handle. A Helm release's handle is the likely slip (its rollback is what the gate follows); it has
 * no pods of its own, and the gate would fail only when it first ran, after traffic had moved.
 * @param at where the plan wrote it, e.g. "expect.fromWorkload"
 */
export function workloadIssues(workload: unknown, at = "workload"): FieldIssue[] {
  const given = workload as { ref?: { kind?: unknown }; label?: unknown; get?: unknown } | null | undefined;
  if (given?.ref?.kind === "Deployment" && typeof given.get === "function") return [];
  const example = `${at}: deployment({ namespace: "prod", name: "checkout-api" })`;
  if (given === undefined) return [{ path: at, message: `is missing; give the Deployment whose pods to read, e.g. ${example}` }];
  const what = typeof given?.label === "string" ? given.label : given && typeof given === "object" ? "an object" : quoted(given);
  return [{ path: at, message: `must be a deployment() handle (got ${what}); give the Deployment whose pods to read, e.g. ${example}` }];
}
