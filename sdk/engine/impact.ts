import { CancelledError, describeError } from "../errors.ts";
import { indicatorsFor } from "../gates/indicators/index.ts";
import { sampleSpacingMs } from "../gates/sampling.ts";
import { unlessAborted } from "./cut-short.ts";
import { lastTrafficChange } from "../journal/traffic-changes.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import type { EngineContext } from "./context.ts";

/** A service whose user impact the run reports. */
export interface ImpactScope {
  mesh: string;
  namespace: string;
  service: string;
}

const sumOf = (samples: { value: number }[]) => samples.reduce((s, x) => s + (Number.isFinite(x.value) ? x.value : 0), 0);

async function instant(metrics: MetricsPort, query: string, at: number): Promise<number | null> {
  const r = await metrics.query(query, at);
  return r.samples.length ? sumOf(r.samples) : null;
}

interface ImpactQueries {
  total: (window: string) => string;
  errors: (window: string) => string;
}

/** Requests and 5xx over `range` up to `to`, summed over the services; requests is null when none has data. */
async function countsOver(metrics: MetricsPort, queries: ImpactQueries[], range: string, to: number) {
  let requests: number | null = null;
  let failed = 0;
  for (const q of queries) {
    const t = await instant(metrics, q.total(range), to);
    if (t === null) continue;
    requests = (requests ?? 0) + t;
    failed += (await instant(metrics, q.errors(range), to)) ?? 0;
  }
  return { requests, failed };
}

/** The port's queries, each given up (a CancelledError) as soon as `signal` aborts. */
function cutShortBy(signal: AbortSignal | undefined, metrics: MetricsPort): MetricsPort {
  if (!signal) return metrics;
  const measured = <T>(answer: Promise<T>) => unlessAborted(signal, answer, "measured");
  return { url: metrics.url, query: (...a) => measured(metrics.query(...a)), queryRange: (...a) => measured(metrics.queryRange(...a)) };
}

/** A range shorter than this holds too few scrapes for a rate at any usual interval; nor is it ever shorter than two of them. */
const SHORTEST_WINDOW_MS = 10_000;

/** A PromQL range of `ms`, to the millisecond: one rounded up to whole seconds would count traffic from before it. */
const rangeOf = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

/** The window a run from `planFrom` to `to` is measured over: its own, or the shortest one that holds enough samples. */
function windowOf(planFrom: number, to: number, shortestMs: number) {
  const windowMs = Math.max(shortestMs, to - planFrom);
  const from = to - windowMs;
  return {
    windowMs,
    range: rangeOf(windowMs),
    base: { type: "impact" as const, from, to, query: "", ...(from < planFrom ? { beforePlanMs: planFrom - from } : {}) },
  };
}

/**
 * Where the window the end of the run is judged on starts: its last chart step, but none of it
 * before its last traffic change, so it measures where the run left users. Never shorter than a
 * rate needs: a change nearer the end than that falls inside it, and the postmortem says so.
 */
const endFrom = (to: number, stepMs: number, shortestMs: number, lastChange = -Infinity) => Math.min(to - shortestMs, Math.max(to - stepMs, lastChange));

/**
 * Measures what users went through while the plan ran: requests and 5xx at the edge over the
 * run's window, the error rate over time for the chart, and the error rate where the run left
 * them (see endFrom). Missing data is reported as such.
 * Every range holds at least two scrapes of the users' series (a rate needs two samples): a run
 * shorter than that is measured over a window that starts before it, and the event says by how
 * much, so no report passes those requests off as the plan's; the chart's steps are no shorter.
 * Aborting `signal` (a Ctrl-C once the plan has finished) gives the queries up, and the event says so.
 */
export async function measureImpact(ctx: EngineContext, planFrom: number, to: number, signal?: AbortSignal): Promise<void> {
  const scopes = [...ctx.impactScopes.values()];
  let { base } = windowOf(planFrom, to, SHORTEST_WINDOW_MS);
  if (!scopes.length) return void ctx.journal.emit({ ...base, requests: null, failed: null, series: [], reason: "the plan touched no traffic route" });
  if (!ctx.metrics) return void ctx.journal.emit({ ...base, requests: null, failed: null, series: [], reason: "no metrics provider is configured (--prometheus URL)" });
  const metrics = cutShortBy(signal, ctx.metrics);
  try {
    const queries = scopes.map((s) => {
      const ind = indicatorsFor(s.mesh);
      return { total: (w: string) => ind.userRequests(s, w), errors: (w: string) => ind.userErrors(s, w), samples: (r: string) => ind.userSamples(s, r) };
    });
    const spacings = await Promise.all(queries.map((q) => sampleSpacingMs(metrics, q.samples, to)));
    const shortestMs = Math.max(SHORTEST_WINDOW_MS, ...spacings.map((ms) => 2 * (ms ?? 0)));
    const measured = windowOf(planFrom, to, shortestMs);
    const { windowMs, range: window } = measured;
    base = { ...measured.base, query: queries.map((q) => q.errors(window)).join(" + ") };
    const { requests, failed } = await countsOver(metrics, queries, window, to);
    const stepS = Math.max(shortestMs / 1000, Math.ceil(windowMs / 60_000));
    const endsFrom = endFrom(to, stepS * 1000, shortestMs, lastTrafficChange(ctx.journal.events));
    const atEnd = await countsOver(metrics, queries, rangeOf(to - endsFrom), to);
    const byTime = new Map<number, { requests: number; failed: number }>();
    for (const q of queries) {
      const [tot, err] = await Promise.all([
        metrics.queryRange(q.total(`${stepS}s`), base.from, to, stepS),
        metrics.queryRange(q.errors(`${stepS}s`), base.from, to, stepS),
      ]);
      for (const p of tot.series.flatMap((s) => s.points)) {
        const e = byTime.get(p.at) ?? { requests: 0, failed: 0 };
        e.requests += Number.isFinite(p.value) ? p.value : 0;
        byTime.set(p.at, e);
      }
      for (const p of err.series.flatMap((s) => s.points)) {
        const e = byTime.get(p.at) ?? { requests: 0, failed: 0 };
        e.failed += Number.isFinite(p.value) ? p.value : 0;
        byTime.set(p.at, e);
      }
    }
    const series = [...byTime.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([at, v]) => ({ at, requests: Math.round(v.requests), errorRate: v.requests > 0 ? v.failed / v.requests : null }));
    ctx.journal.emit({
      ...base,
      requests: requests === null ? null : Math.round(requests),
      failed: requests === null ? null : Math.round(failed),
      series,
      ...(atEnd.requests !== null ? { end: { from: endsFrom, requests: Math.round(atEnd.requests), errorRate: atEnd.requests > 0 ? atEnd.failed / atEnd.requests : null } } : {}),
      ...(requests === null ? { reason: "no requests were recorded for the plan's services in its window" } : {}),
    });
  } catch (err) {
    const reason = err instanceof CancelledError ? err.message : `metrics query failed: ${describeError(err).message}`;
    ctx.journal.emit({ ...base, requests: null, failed: null, series: [], reason });
  }
}
