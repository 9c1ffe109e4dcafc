/**
 * Checks of the numbers a plan gives a gate, made when the gate is declared: a success rate of 50
 * (a percentage where a fraction belongs) could never pass, and `consecutive: 0` would pass on
 * nothing. Found at load or preview, not at the gate, after traffic has moved.
 */
import { InvalidPlanError, type FieldIssue } from "../errors.ts";
import { promRangeMs, toMs } from "../util/duration.ts";
import type { GatePolicy } from "./gate.ts";

const isCount = (v: unknown, min: number) => typeof v === "number" && Number.isInteger(v) && v >= min;

/** Problems with a gate policy's fields, each with its path. */
function policyIssues(policy: Partial<GatePolicy> | undefined, at: string): FieldIssue[] {
  if (!policy) return [];
  const path = (field: string) => (at ? `${at}.${field}` : field);
  const issues: FieldIssue[] = [];
  for (const field of ["interval", "timeout"] as const) {
    const d = policy[field];
    if (d === undefined) continue;
    try {
      if (toMs(d) <= 0) issues.push({ path: path(field), message: `must be longer than 0 (got ${JSON.stringify(d)})` });
    } catch {
      issues.push({ path: path(field), message: `${JSON.stringify(d)} is not a duration; write it like "10s" or "5m"` });
    }
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
 * @param fractions fields that must be between 0 and 1, e.g. { min: 0.99 }
 * @param positives fields that must be numbers above 0, e.g. { maxMs: 500 }
 * @param numbers fields that must be numbers (NaN is not one), e.g. { max: 1000 }
 * @example
 * checkGateOptions("gates.successRate", opts, { fractions: { min: opts.min } });
 * // InvalidPlanError: gates.successRate got invalid options:
 * //   - min: must be a fraction between 0 and 1, e.g. 0.99 for 99% (got 50)
 */
export function checkGateOptions(
  gate: string,
  opts: CheckedTraffic,
  { fractions = {}, positives = {}, numbers = {} }: { fractions?: Record<string, unknown>; positives?: Record<string, unknown>; numbers?: Record<string, unknown> } = {},
): void {
  const issues: FieldIssue[] = [];
  for (const [field, v] of Object.entries(fractions)) {
    if (!(typeof v === "number" && v >= 0 && v <= 1)) issues.push({ path: field, message: `must be a fraction between 0 and 1, e.g. 0.99 for 99% (got ${v})` });
  }
  for (const [field, v] of Object.entries(positives)) {
    if (!(typeof v === "number" && v > 0 && Number.isFinite(v))) issues.push({ path: field, message: `must be a number above 0 (got ${v})` });
  }
  for (const [field, v] of Object.entries(numbers)) {
    if (v !== undefined && !(typeof v === "number" && !Number.isNaN(v))) issues.push({ path: field, message: `must be a number (got ${v})` });
  }
  if (opts.window !== undefined && !(typeof opts.window === "string" && promRangeMs(opts.window))) {
    issues.push({ path: "window", message: `must be a Prometheus range like "1m" or "30s" (got ${JSON.stringify(opts.window)})` });
  }
  if (opts.minRequests !== undefined && !isCount(opts.minRequests, 1)) {
    issues.push({ path: "minRequests", message: `must be a whole number of requests, 1 or more (got ${opts.minRequests})` });
  }
  issues.push(...policyIssues(opts.policy, "policy"));
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
