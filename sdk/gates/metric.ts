import { InvalidPlanError, MetricsQueryError, MetricsUnavailableError } from "../errors.ts";
import type { Gate, GatePolicy, GateRound } from "./gate.ts";
import { checkGateOptions, TARGET_OPTIONS, TRAFFIC_OPTIONS } from "./options.ts";
import { judge, noData, read, requireMetrics } from "./measure.ts";
import { checkTarget, countTraffic, DEFAULT_MIN_REQUESTS, DEFAULT_WINDOW, subjectOf, type Target, type Traffic, type TrafficOptions } from "./traffic.ts";

export type { Target } from "./traffic.ts";
export type SuccessRateOptions = Target & TrafficOptions & { /** e.g. 0.99 */ min: number };
export type LatencyOptions = Target & TrafficOptions & { /** default 0.99 */ quantile?: number; /** milliseconds */ maxMs: number };

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;
const over = (o: TrafficOptions) => `over ${o.window ?? DEFAULT_WINDOW} (at least ${o.minRequests ?? DEFAULT_MIN_REQUESTS} requests)`;

/**
 * Passes when the share of non-5xx responses of a version is at least `min`, over `window`, with
 * at least `minRequests` requests. No data, NaN and too few requests are inconclusive, never a pass;
 * an unreachable Prometheus is an error round.
 * @example gates.successRate({ route: vs, destination: "release", min: 0.99 })
 */
export function successRate(opts: SuccessRateOptions): Gate {
  checkGateOptions("gates.successRate", opts, { fractions: { min: opts.min }, known: [...TARGET_OPTIONS, ...TRAFFIC_OPTIONS, "min"] });
  return {
    kind: "success-rate",
    description: `success rate of ${subjectOf(opts)} >= ${opts.min} ${over(opts)}`,
    policy: opts.policy,
    preflight: (r) => checkTarget(r, opts, opts),
    async evaluate(r) {
      const t = await countTraffic(r, opts, opts);
      if ("phase" in t) return t;
      const errors = await read(requireMetrics(r), t.ind.errors(t.scope, t.base.window), t.base.at);
      const evidence = { ...t.base, indicator: "success-rate", threshold: `>= ${opts.min}` };
      // No 5xx series at all means no errors (Prometheus has no zero-valued series for them); NaN or ±Inf is no data.
      if (errors.value === null && errors.missing !== "empty vector") return noData(errors, `the 5xx count of ${t.subject} is ${errors.missing}`, evidence);
      const failed = errors.value ?? 0;
      // judged unrounded: 98.996% is not 0.99; shown with the digits that make the verdict visible
      const exact = 1 - failed / t.requests;
      const pass = exact >= opts.min;
      const rate = round4(exact) >= opts.min === pass ? round4(exact) : Number(exact.toPrecision(6));
      return judge(
        pass,
        `success rate ${rate} ${pass ? ">=" : "<"} ${opts.min} over ${t.base.window} (${t.base.samples} requests, ${Math.round(failed)} failed)`,
        [...t.warnings, ...errors.warnings],
        { ...evidence, query: errors.query, value: rate },
      );
    },
  };
}

/**
 * Passes when the latency quantile of a version stays under `maxMs` (every mesh's indicator is in
 * milliseconds, ingress-nginx's seconds included). An empty or NaN histogram is inconclusive.
 * @example gates.latency({ route: vs, destination: "release", quantile: 0.99, maxMs: 500 })
 */
export function latency(opts: LatencyOptions): Gate {
  const q = opts.quantile ?? 0.99;
  if (!(q > 0 && q < 1)) throw new InvalidPlanError(`gates.latency: quantile ${q} must be between 0 and 1 (e.g. 0.99 for p99)`);
  checkGateOptions("gates.latency", opts, { positives: { maxMs: opts.maxMs }, known: [...TARGET_OPTIONS, ...TRAFFIC_OPTIONS, "quantile", "maxMs"] });
  const label = `p${Math.round(q * 1000) / 10}`;
  return {
    kind: "latency",
    description: `${label} latency of ${subjectOf(opts)} < ${opts.maxMs}ms ${over(opts)}`,
    policy: opts.policy,
    preflight: (r) => checkTarget(r, opts, opts),
    async evaluate(r) {
      const t = await countTraffic(r, opts, opts);
      if ("phase" in t) return t;
      const reading = await read(requireMetrics(r), t.ind.latency(t.scope, q, t.base.window), t.base.at);
      const evidence = { ...t.base, indicator: `latency-${label}`, unit: "ms", threshold: `< ${opts.maxMs}ms` };
      // +Inf is histogram_quantile's answer for a quantile in the +Inf bucket: a latency past the last bound, judged below
      if (reading.value === null && reading.missing !== "+Inf") return noData(reading, `the latency histogram of ${t.subject} has no observations in ${t.base.window}`, evidence);
      const ms = reading.value ?? Infinity;
      const warnings = [...t.warnings, ...reading.warnings];
      const shownEvidence = { ...evidence, query: reading.query, value: Math.round(ms * 10) / 10 };
      const top = Number.isFinite(ms) ? await lastFiniteBucketMs(r, t) : null;
      // histogram_quantile answers the last finite bound for a quantile in +Inf: all it says is "above it"
      if (!Number.isFinite(ms) || (top !== null && ms >= top)) {
        const past = `${label} latency is past the histogram's last finite bucket${top === null ? "" : ` (${Math.round(top)}ms)`}`;
        const why =
          top !== null && top < opts.maxMs
            ? `, so it cannot be shown below ${opts.maxMs}ms over ${t.base.window}: add a bucket at or above ${opts.maxMs}ms, or give a maxMs below ${Math.round(top)}ms`
            : ` >= ${opts.maxMs}ms over ${t.base.window}`;
        return judge(false, past + why, warnings, shownEvidence);
      }
      const pass = ms < opts.maxMs;
      return judge(pass, `${label} latency ${Math.round(ms)}ms ${pass ? "<" : ">="} ${opts.maxMs}ms over ${t.base.window}`, warnings, shownEvidence);
    },
  };
}

/** The latency histogram's highest finite bucket bound in ms, or null when it shows none. */
async function lastFiniteBucketMs(r: GateRound, t: Traffic): Promise<number | null> {
  const { samples } = await requireMetrics(r).query(t.ind.latencyBuckets(t.scope, t.base.window), t.base.at);
  const bounds = samples.map((s) => Number(s.labels.le)).filter(Number.isFinite);
  return bounds.length ? Math.max(...bounds) * t.ind.bucketUnitMs : null;
}

/**
 * A query Prometheus rejects (a typo, a range vector where a number belongs) or that answers
 * several series, as the plan's mistake: every round would fail the same way.
 */
const asPlanMistake = (opts: QueryGateOptions, err: unknown) =>
  err instanceof MetricsQueryError ? new InvalidPlanError(`gates.query "${opts.name}": ${err.message}. Fix its promql: every round would fail the same way.`) : err;

/**
 * Asks Prometheus the gate's query once: a mistake in it (see asPlanMistake) is named before the
 * plan moves traffic; an empty answer (a misspelt metric name or label) is noted. A provider that
 * cannot answer now is left to the gate's rounds.
 */
async function checkQuery(r: GateRound, opts: QueryGateOptions): Promise<void> {
  const metrics = requireMetrics(r);
  try {
    const reading = await read(metrics, opts.promql, r.ctx.clock.now());
    // not a mistake for sure: a metric may have no series until the release takes traffic
    if (reading.value === null && reading.missing === "empty vector") {
      r.ctx.journal.emit({
        type: "note",
        text: `gates.query "${opts.name}": no series match its promql now, so every round would be inconclusive until some do. Check the metric name and labels: ${opts.promql}`,
      });
    }
  } catch (err) {
    if (!(err instanceof MetricsUnavailableError)) throw asPlanMistake(opts, err);
  }
}

export interface QueryGateOptions {
  /** Shown in the journal and postmortem. */
  name: string;
  promql: string;
  /** Pass when the value is at most / at least this (one or both). */
  max?: number;
  min?: number;
  policy?: Partial<GatePolicy>;
}

/**
 * Any PromQL with a threshold, answering one series (or a scalar). A query that answers several,
 * or that Prometheus rejects, is refused in preview and in a run's first round (the run's first
 * look at it); later, when it was fine before, it is an error round. An empty vector, NaN or ±Inf
 * is inconclusive: never a pass.
 * @example gates.query({ name: "queue lag", promql: 'max(kafka_consumergroup_lag{group="checkout"})', max: 1000 })
 */
export function query(opts: QueryGateOptions): Gate {
  if (opts.min === undefined && opts.max === undefined) {
    throw new InvalidPlanError(`gates.query "${opts.name}": give min, max or both; a query without a bound would pass on any number`);
  }
  checkGateOptions(`gates.query "${opts.name}"`, opts, { numbers: { min: opts.min, max: opts.max }, known: ["name", "promql", "max", "min", "policy"] });
  if (opts.min !== undefined && opts.max !== undefined && opts.min > opts.max) {
    throw new InvalidPlanError(`gates.query "${opts.name}": min ${opts.min} is above max ${opts.max}, so no value could pass; swap them`);
  }
  const bound = [opts.min !== undefined ? `>= ${opts.min}` : "", opts.max !== undefined ? `<= ${opts.max}` : ""].filter(Boolean).join(" and ");
  return {
    kind: "query",
    description: `${opts.name} ${bound}`,
    policy: opts.policy,
    // a preview without a metrics provider, or with a query Prometheus rejects, must say so: the run would only find out mid-plan
    preflight: (r) => checkQuery(r, opts),
    async evaluate(r) {
      const at = r.ctx.clock.now();
      const reading = await read(requireMetrics(r), opts.promql, at).catch((err: unknown) => {
        // a series more later may be a pod's brief overlap in a rollout; on the first look it is the query
        throw r.round === 1 ? asPlanMistake(opts, err) : err;
      });
      const evidence = { at, indicator: opts.name, threshold: bound };
      if (reading.value === null) {
        // ±Inf is what a ratio over 0 gives (no requests to divide by): it would pass a min, or a max
        const what = reading.missing === "empty vector" || reading.missing === "NaN" ? "the query has no value" : "the query has no finite value (a division by zero?)";
        return noData(reading, `${opts.name}: ${what}`, evidence);
      }
      const value = reading.value;
      const pass = (opts.min === undefined || value >= opts.min) && (opts.max === undefined || value <= opts.max);
      return judge(pass, `${opts.name} = ${value} (${pass ? "within" : "outside"} ${bound})`, reading.warnings, { ...evidence, query: opts.promql, value });
    },
  };
}
