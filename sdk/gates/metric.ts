import { MetricsUnavailableError } from "../errors.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import type { Route } from "../traffic/route.ts";
import { indicatorsFor, type Scope } from "./indicators/index.ts";
import { verdict, type Gate, type GatePolicy, type GateRound, type Verdict } from "./gate.ts";

/** Which requests a metric gate judges: a route's destination, or an explicit mesh scope. */
export type Target = { route: Route; destination: string } | { mesh: string; namespace: string; service: string; version?: string };

interface Common {
  /** Rate window, default "1m". */
  window?: string;
  /** No verdict below this many requests in the window (inconclusive instead). Default 50. */
  minRequests?: number;
  policy?: Partial<GatePolicy>;
}

export type SuccessRateOptions = Target & Common & { /** e.g. 0.99 */ min: number };
export type LatencyOptions = Target & Common & { /** default 0.99 */ quantile?: number; /** milliseconds */ maxMs: number };

async function resolve(target: Target): Promise<{ mesh: string; scope: Scope; subject: string }> {
  if ("route" in target) {
    const s = await target.route.metricScope(target.destination);
    return { mesh: target.route.router.type, scope: s, subject: target.destination };
  }
  return { mesh: target.mesh, scope: target, subject: target.version ?? target.service };
}

const subjectOf = (t: Target) => ("route" in t ? t.destination : (t.version ?? t.service));

function requireMetrics(r: GateRound): MetricsPort {
  if (!r.ctx.metrics) throw new MetricsUnavailableError("(none)", "no metrics provider is configured; pass --prometheus URL (CLI) or prometheus-url (action)");
  return r.ctx.metrics;
}

/** Sum of an instant vector, or null for an empty vector / NaN: "no data" is never a number. */
async function scalar(metrics: MetricsPort, query: string, at: number): Promise<number | null> {
  const r = await metrics.query(query, at);
  if (!r.samples.length) return null;
  const v = r.samples.reduce((s, x) => s + x.value, 0);
  return Number.isNaN(v) ? null : v;
}

/** Counts requests and decides "too few to judge" the same way for every metric gate. */
async function withTraffic(
  r: GateRound,
  target: Target,
  opts: Common,
  judge: (metrics: MetricsPort, scope: Scope, mesh: string, requests: number, window: string, subject: string, base: { at: number; window: string; samples: number }) => Promise<Verdict>,
): Promise<Verdict> {
  const metrics = requireMetrics(r);
  const window = opts.window ?? "1m";
  const minRequests = opts.minRequests ?? 50;
  const { mesh, scope, subject } = await resolve(target);
  const ind = indicatorsFor(mesh);
  const at = r.ctx.clock.now();
  const query = ind.requests(scope, window);
  const requests = await scalar(metrics, query, at);
  if (requests === null) {
    return verdict("inconclusive", `no data: ${subject} has no requests recorded in the last ${window} (empty result) — is it receiving traffic?`, {
      at, indicator: "requests", subject, query, window, value: null, threshold: `>= ${minRequests} requests`, samples: 0,
    });
  }
  if (requests < minRequests) {
    return verdict("inconclusive", `too few requests: ${Math.round(requests)} in ${window} to ${subject} (need ${minRequests} for a verdict)`, {
      at, indicator: "requests", subject, query, window, value: Math.round(requests), threshold: `>= ${minRequests} requests`, samples: Math.round(requests),
    });
  }
  return judge(metrics, scope, mesh, requests, window, subject, { at, window, samples: Math.round(requests) });
}

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * Passes when the share of non-5xx responses of a version is at least `min`, over `window`, with
 * at least `minRequests` requests. No data and too few requests are inconclusive, not a pass.
 * @example gates.successRate({ route: vs, destination: "release", min: 0.99 })
 */
export function successRate(opts: SuccessRateOptions): Gate {
  return {
    kind: "success-rate",
    description: `success rate of ${subjectOf(opts)} >= ${opts.min} over ${opts.window ?? "1m"} (at least ${opts.minRequests ?? 50} requests)`,
    policy: opts.policy,
    evaluate: (r) =>
      withTraffic(r, opts, opts, async (metrics, scope, mesh, requests, window, subject, base) => {
        const query = indicatorsFor(mesh).errors(scope, window);
        // No 5xx series at all means no errors (Prometheus has no zero-valued series for them).
        const errors = (await scalar(metrics, query, base.at)) ?? 0;
        const rate = round4(1 - errors / requests);
        const pass = rate >= opts.min;
        return verdict(
          pass ? "passed" : "failed",
          `success rate ${rate} ${pass ? ">=" : "<"} ${opts.min} over ${window} (${base.samples} requests, ${Math.round(errors)} failed)`,
          { ...base, indicator: "success-rate", subject, query, value: rate, threshold: `>= ${opts.min}` },
        );
      }),
  };
}

/**
 * Passes when the latency quantile of a version stays under `maxMs`.
 * @example gates.latency({ route: vs, destination: "release", quantile: 0.99, maxMs: 500 })
 */
export function latency(opts: LatencyOptions): Gate {
  const q = opts.quantile ?? 0.99;
  const label = `p${Math.round(q * 1000) / 10}`;
  return {
    kind: "latency",
    description: `${label} latency of ${subjectOf(opts)} < ${opts.maxMs}ms over ${opts.window ?? "1m"} (at least ${opts.minRequests ?? 50} requests)`,
    policy: opts.policy,
    evaluate: (r) =>
      withTraffic(r, opts, opts, async (metrics, scope, mesh, _requests, window, subject, base) => {
        const query = indicatorsFor(mesh).latency(scope, q, window);
        const value = await scalar(metrics, query, base.at);
        if (value === null) {
          return verdict("inconclusive", `no data: the latency histogram of ${subject} is empty or NaN`, {
            ...base, indicator: `latency-${label}`, subject, query, value: null, unit: "ms", threshold: `< ${opts.maxMs}ms`,
          });
        }
        const pass = value < opts.maxMs;
        return verdict(pass ? "passed" : "failed", `${label} latency ${Math.round(value)}ms ${pass ? "<" : ">="} ${opts.maxMs}ms over ${window}`, {
          ...base, indicator: `latency-${label}`, subject, query, value: Math.round(value * 10) / 10, unit: "ms", threshold: `< ${opts.maxMs}ms`,
        });
      }),
  };
}

export interface QueryGateOptions {
  /** Shown in the journal and postmortem. */
  name: string;
  promql: string;
  /** Pass when the value is at most / at least this. */
  max?: number;
  min?: number;
  policy?: Partial<GatePolicy>;
}

/**
 * Any PromQL with a threshold. An empty vector or NaN is inconclusive: never a pass.
 * @example gates.query({ name: "queue lag", promql: 'max(kafka_consumergroup_lag{group="checkout"})', max: 1000 })
 */
export function query(opts: QueryGateOptions): Gate {
  const bound = [opts.min !== undefined ? `>= ${opts.min}` : "", opts.max !== undefined ? `<= ${opts.max}` : ""].filter(Boolean).join(" and ");
  return {
    kind: "query",
    description: `${opts.name} ${bound}`,
    policy: opts.policy,
    async evaluate(r) {
      const metrics = requireMetrics(r);
      const at = r.ctx.clock.now();
      const value = await scalar(metrics, opts.promql, at);
      const base = { at, indicator: opts.name, query: opts.promql, threshold: bound };
      if (value === null) return verdict("inconclusive", `no data: the query returned an empty vector or NaN`, { ...base, value: null });
      const pass = (opts.min === undefined || value >= opts.min) && (opts.max === undefined || value <= opts.max);
      return verdict(pass ? "passed" : "failed", `${opts.name} = ${value} (${pass ? "within" : "outside"} ${bound})`, { ...base, value });
    },
  };
}
