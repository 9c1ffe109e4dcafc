import { InvalidPlanError, MetricsQueryError, MetricsUnavailableError } from "../errors.ts";
import type { Gate, GatePolicy, GateRound } from "./gate.ts";
import { checkGateOptions, TARGET_OPTIONS, TRAFFIC_OPTIONS, windowAfterShift } from "./options.ts";
import { judge, noData, read, requireMetrics, undecided } from "./measure.ts";
import { bucketsOf, heldBucket, straddled, type Bucket, type HeldBucket } from "./histogram.ts";
import { indicatorsFor, type MeshIndicators } from "./indicators/index.ts";
import { checkTarget, countTraffic, DEFAULT_MIN_REQUESTS, DEFAULT_WINDOW, subjectOf, type Target, type TrafficOptions } from "./traffic.ts";

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
    waitAfterShift: windowAfterShift(opts, opts),
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
 * Passes when the latency quantile of a version is shown under `maxMs` (every mesh's indicator is
 * in milliseconds, ingress-nginx's seconds included). Judged by the histogram's buckets, not by
 * `histogram_quantile`'s interpolation inside one (see histogram.ts): passes when the bucket holding
 * the quantile ends at or below `maxMs`, fails when it starts at or above it, and is inconclusive
 * when `maxMs` lies inside it, saying which bounds would decide. An empty or NaN histogram is
 * inconclusive; a quantile past the last finite bucket fails.
 * @example gates.latency({ route: vs, destination: "release", quantile: 0.99, maxMs: 500 })
 */
export function latency(opts: LatencyOptions): Gate {
  const q = opts.quantile ?? 0.99;
  if (!(q > 0 && q < 1)) throw new InvalidPlanError(`gates.latency: quantile ${q} must be between 0 and 1 (e.g. 0.99 for p99)`);
  checkGateOptions("gates.latency", opts, { positives: { maxMs: opts.maxMs }, known: [...TARGET_OPTIONS, ...TRAFFIC_OPTIONS, "quantile", "maxMs"] });
  const label = `p${Math.round(q * 1000) / 10}`;
  const maxMs = opts.maxMs;
  return {
    kind: "latency",
    description: `${label} latency of ${subjectOf(opts)} < ${maxMs}ms ${over(opts)}`,
    policy: opts.policy,
    waitAfterShift: windowAfterShift(opts, opts),
    async preflight(r) {
      await checkTarget(r, opts, opts);
      // a bound no bucket holds is told before traffic moves: the rounds only say so when the quantile lands beside it
      const { mesh, scope } = "route" in opts ? { mesh: opts.route.router.metrics, scope: await opts.route.metricScope(opts.destination) } : { mesh: opts.mesh, scope: opts };
      const ind = indicatorsFor(mesh);
      const answer = await requireMetrics(r)
        .query(ind.latencyBuckets(scope, opts.window ?? DEFAULT_WINDOW), r.ctx.clock.now())
        .catch((err: unknown) => (err instanceof MetricsUnavailableError || err instanceof MetricsQueryError ? null : Promise.reject(err)));
      const note = answer && boundNote(ind, subjectOf(opts), label, maxMs, bucketsOf(answer.samples, ind.bucketUnitMs));
      if (note) r.ctx.journal.emit({ type: "note", text: note });
    },
    async evaluate(r) {
      const t = await countTraffic(r, opts, opts);
      if ("phase" in t) return t;
      const metrics = requireMetrics(r);
      const reading = await read(metrics, t.ind.latency(t.scope, q, t.base.window), t.base.at);
      const evidence = { ...t.base, indicator: `latency-${label}`, unit: "ms", threshold: `< ${maxMs}ms` };
      // +Inf is histogram_quantile's answer for a quantile in the +Inf bucket: a latency past the last bound, judged below
      if (reading.value === null && reading.missing !== "+Inf") return noData(reading, `the latency histogram of ${t.subject} has no observations in ${t.base.window}`, evidence);
      const ms = reading.value ?? Infinity;
      const answer = await metrics.query(t.ind.latencyBuckets(t.scope, t.base.window), t.base.at);
      const buckets = bucketsOf(answer.samples, t.ind.bucketUnitMs);
      const warnings = [...t.warnings, ...reading.warnings, ...answer.warnings];
      const shownEvidence = { ...evidence, query: reading.query, value: Math.round(ms * 10) / 10 };
      if (!r.state.has(BOUND_NOTED)) {
        r.state.set(BOUND_NOTED, true);
        const note = boundNote(t.ind, t.subject, label, maxMs, buckets);
        if (note) r.ctx.journal.emit({ type: "note", text: note });
      }
      const held = heldBucket(q, buckets);
      if (!held && ms === Infinity) return judge(false, `${label} latency is past the histogram's last finite bucket >= ${maxMs}ms over ${t.base.window}`, warnings, shownEvidence);
      // a second query: buckets without observations where the quantile had some (data that changed between the reads) decide nothing
      if (!held) return undecided(`the latency histogram of ${t.subject} has no buckets to place ${label} in over ${t.base.window}`, warnings, shownEvidence);
      // histogram_quantile answers the last finite bound for a quantile in +Inf: all it says is "above it"
      if (held.upperMs === Infinity) {
        const top = held.lowerMs;
        const past = `${label} latency is past the histogram's last finite bucket (${fmt(top)}ms)`;
        const why =
          top < maxMs
            ? `, so it cannot be shown below ${maxMs}ms over ${t.base.window}: add a bucket at or above ${maxMs}ms, or give a maxMs below ${fmt(top)}ms`
            : ` >= ${maxMs}ms over ${t.base.window}`;
        return judge(false, past + why, warnings, shownEvidence);
      }
      if (held.upperMs <= maxMs) {
        // every request of the quantile's bucket took at most maxMs; the interpolated number is only shown
        const reason =
          Math.round(ms) < maxMs
            ? `${label} latency ${Math.round(ms)}ms < ${maxMs}ms over ${t.base.window}`
            : `${label} latency at most ${maxMs}ms over ${t.base.window}: it lies in the ${bucketName(t.ind, held)}`;
        return judge(true, reason, warnings, shownEvidence);
      }
      if (held.lowerMs >= maxMs) return judge(false, `${label} latency ${Math.round(ms)}ms >= ${maxMs}ms over ${t.base.window}`, warnings, shownEvidence);
      return undecided(
        `${label} latency is somewhere in the ${bucketName(t.ind, held)} over ${t.base.window} (histogram_quantile interpolates ${Math.round(ms)}ms), ` +
          `and maxMs ${maxMs} lies inside that bucket, so it can be shown neither under ${maxMs}ms nor over it: ${boundFix(t.ind, held, maxMs)}`,
        warnings,
        shownEvidence,
      );
    },
  };
}

/** Round state: the gate has said whether its bound lies inside a bucket (once a run). */
const BOUND_NOTED = "latency-bound-noted";

/** A bound in ms without float noise (ingress-nginx's 0.1 s × 1000). */
const fmt = (ms: number) => String(Number(ms.toPrecision(12)));

/** "(250, 500] bucket of istio_request_duration_milliseconds", with the bounds as the histogram writes them. */
const bucketName = (ind: MeshIndicators, b: HeldBucket) => `(${b.lowerLe}, ${b.upperLe}] bucket of ${ind.histogram}`;

/** "give maxMs 250 or 500, or add a bucket at 400": the bounds that decide, or the bucket that would. */
function boundFix(ind: MeshIndicators, b: HeldBucket, maxMs: number): string {
  const bounds = [b.lowerMs > 0 ? fmt(b.lowerMs) : null, Number.isFinite(b.upperMs) ? fmt(b.upperMs) : null].filter(Boolean);
  const le = fmt(maxMs / ind.bucketUnitMs);
  return `give maxMs ${bounds.join(" or ")}, or add a bucket at ${le}${ind.bucketUnitMs === 1 ? "" : ` (${maxMs}ms)`}`;
}

/**
 * What a `maxMs` no bucket bound matches means for the gate, for the preview and the run's first
 * look at the buckets; null when it is a bound. Between two bounds, rounds whose quantile lands
 * in that bucket are inconclusive; past the last finite one, the gate passes only under it.
 */
function boundNote(ind: MeshIndicators, subject: string, label: string, maxMs: number, buckets: Bucket[]): string | null {
  const b = straddled(maxMs, buckets);
  if (!b) return null;
  const what = `gates.latency on ${subject}: maxMs ${maxMs}`;
  if (b.upperMs === Infinity) {
    return (
      `${what} is past the last finite bucket (le=${b.lowerLe}) of ${ind.histogram}, so a round passes only when ${label} is at most ${fmt(b.lowerMs)}ms and fails above it. ` +
      `Give maxMs ${fmt(b.lowerMs)}, or add a bucket at ${fmt(maxMs / ind.bucketUnitMs)}`
    );
  }
  const passes = b.lowerMs > 0 ? `passes only when ${label} is at most ${fmt(b.lowerMs)}ms` : "can never pass";
  return (
    `${what} lies inside the ${bucketName(ind, b)}, so a round ${passes}, fails only when it is over ${fmt(b.upperMs)}ms, ` +
    `and is inconclusive in between. ${capitalize(boundFix(ind, b, maxMs))}`
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

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
