import { createEngineContext, type EngineContext } from "../../sdk/engine/context.ts";
import { Journal } from "../../sdk/engine/journal.ts";
import type { GateRound } from "../../sdk/gates/gate.ts";
import { createVirtualClock, type VirtualClock } from "../../sdk/ports/clock.ts";
import type { KubePort } from "../../sdk/ports/kube.ts";
import type { MetricsPort } from "../../sdk/ports/metrics.ts";

/** A run-mode engine context on a virtual clock starting at `at` (or on `clock`, e.g. a simulator's). */
export function gateContext(parts: { metrics?: MetricsPort; kube?: KubePort; at?: number; clock?: VirtualClock; mode?: "run" | "preview" } = {}): EngineContext & { clock: VirtualClock } {
  const clock = parts.clock ?? createVirtualClock(parts.at ?? 0);
  const ctx = createEngineContext({
    mode: parts.mode ?? "run",
    kube: parts.kube ?? ({} as KubePort),
    ...(parts.metrics ? { metrics: parts.metrics } : {}),
    clock,
    signal: new AbortController().signal,
    journal: new Journal(undefined, clock),
  });
  return Object.assign(ctx, { clock });
}

/** One round of a gate in `ctx`, with fresh round state. */
export const roundOf = (ctx: EngineContext, round = 1): GateRound => ({ ctx, round, startedAt: ctx.clock.now(), state: new Map() });

/** Counters, as Prometheus sees them: rates (per second) over time integrated into a running total. */
export type Segments = [fromMs: number, perSecond: number][];

/**
 * A counter's value at `t`, for per-second rates that change at the given times (sorted).
 * @example counterAt([[t0, 10], [t0 + 60_000, 2]], t0 + 90_000) // 660
 */
export function counterAt(segments: Segments, t: number): number {
  let total = 0;
  segments.forEach(([from, rate], i) => {
    const until = Math.min(t, segments[i + 1]?.[0] ?? Infinity);
    if (until > from) total += ((until - from) / 1000) * rate;
  });
  return total;
}

/** The value of piecewise-constant `segments` at `t` (0 before the first). */
const valueAt = (segments: Segments, t: number) => segments.filter(([from]) => from <= t).at(-1)?.[1] ?? 0;

/**
 * Rates times a share that may change over time (e.g. the share of requests that failed):
 * a new piece starts wherever either one changes.
 * @example scaled([[t0, 10]], [[t0, 0.01], [t1, 0.5]]) // [[t0, 0.1], [t1, 5]]
 */
export function scaled(rates: Segments, share: number | Segments): Segments {
  const shares: Segments = typeof share === "number" ? [[rates[0]?.[0] ?? 0, share]] : share;
  const times = [...new Set([...rates, ...shares].map(([t]) => t))].sort((a, b) => a - b);
  return times.map((t) => [t, valueAt(rates, t) * valueAt(shares, t)]);
}
