import { MetricsQueryError, MetricsUnavailableError } from "../errors.ts";
import type { Evidence } from "../journal/events.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import { verdict, type GateRound, type Verdict } from "./gate.ts";

/**
 * One instant query's answer, the value of its one series: a finite number, or which kind of
 * "no data" it was. No kind is ever a pass.
 */
export type Reading = { query: string; warnings: string[] } & ({ value: number } | { value: null; missing: "empty vector" | "NaN" | "+Inf" | "-Inf" });

/**
 * Runs an instant query at `at` (ms). An empty vector, NaN and ±Inf (a ratio over 0) come back as
 * `value: null` with the reason, never as a number: +Inf is at least any `min`, so read as a number
 * it would pass; errors (unreachable, rejected query) are thrown. So is an answer of several series
 * (a MetricsQueryError): summed, per-pod ratios of 0.5 and 0.6 would pass a min of 0.99 as 1.1, and
 * only the plan knows whether they add up, or which one speaks for the rest.
 * @example const r = await read(metrics, 'sum(up{job="api"})', clock.now());
 */
export async function read(metrics: MetricsPort, query: string, at: number): Promise<Reading> {
  const r = await metrics.query(query, at);
  if (!r.samples.length) return { query, warnings: r.warnings, value: null, missing: "empty vector" };
  if (r.samples.length > 1) throw new MetricsQueryError(query, severalSeries(r.samples.map((s) => s.labels)));
  const v = r.samples[0]!.value;
  if (Number.isFinite(v)) return { query, warnings: r.warnings, value: v };
  return { query, warnings: r.warnings, value: null, missing: Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf" };
}

/** How many series an answer held, with the label sets of the first two, and how to make them one. */
function severalSeries(labelSets: Record<string, string>[]): string {
  const shown = labelSets.slice(0, 2).map((l) => `{${Object.entries(l).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ")}}`);
  const more = labelSets.length > 2 ? ` and ${labelSets.length - 2} more` : "";
  return (
    `answered ${labelSets.length} series (${shown.join(", ")}${more}), and a gate judges one number: ` +
    "aggregate them in the query as the bound means them, e.g. sum(…) for a total, max(…) for the worst of a max bound, min(…) for the worst of a min bound"
  );
}

/**
 * The metrics port of a round. Without one the gate cannot see anything: an error, not a pass.
 * @example const metrics = requireMetrics(round);
 */
export function requireMetrics(r: GateRound): MetricsPort {
  if (!r.ctx.metrics) throw new MetricsUnavailableError("(none)", "no metrics provider is configured; pass --prometheus URL (CLI) or prometheus-url (action)");
  return r.ctx.metrics;
}

/** Each query of a round may repeat the same warning; say it once. */
const warningNote = (warnings: string[]) => `Prometheus warned: ${[...new Set(warnings)].join("; ")}`;

/**
 * The verdict of a threshold check. Prometheus warnings (a Thanos partial response, a failed
 * remote read, a malformed histogram) go into the reason, and turn a pass into inconclusive:
 * a pass on possibly partial data is not a pass. A failure stays a failure.
 * @example return judge(rate >= min, `success rate ${rate} ...`, reading.warnings, { at, indicator: "success-rate", value: rate });
 */
export function judge(pass: boolean, reason: string, warnings: string[], evidence: Omit<Evidence, "phase" | "reason">): Verdict {
  if (!warnings.length) return verdict(pass ? "passed" : "failed", reason, evidence);
  if (!pass) return verdict("failed", `${reason} (${warningNote(warnings)})`, evidence);
  return verdict("inconclusive", `${reason}, but ${warningNote(warnings)}: not a pass on possibly partial data`, evidence);
}

/**
 * An inconclusive verdict on evidence that can neither pass nor fail the bound (a latency bound
 * inside one histogram bucket), with Prometheus's warnings beside the reason.
 * @example return undecided(`p99 latency is somewhere in (250ms, 500ms] …`, warnings, evidence);
 */
export function undecided(reason: string, warnings: string[], evidence: Omit<Evidence, "phase" | "reason">): Verdict {
  return verdict("inconclusive", warnings.length ? `${reason} (${warningNote(warnings)})` : reason, evidence);
}

/**
 * An inconclusive verdict for a reading without a value, saying which kind of "no data" it was.
 * @example if (r.value === null) return noData(r, `the p99 histogram of ${subject} has no observations`, evidence);
 */
export function noData(r: Reading & { value: null }, what: string, evidence: Omit<Evidence, "phase" | "reason" | "value" | "query">): Verdict {
  const reason = `no data (${r.missing}): ${what}${r.warnings.length ? ` (${warningNote(r.warnings)})` : ""}`;
  return verdict("inconclusive", reason, { ...evidence, query: r.query, value: null });
}
