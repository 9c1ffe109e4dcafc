import { afterAll, beforeAll } from "vitest";
import type { Gate } from "../../sdk/gates/gate.ts";
import { createPrometheus } from "../../sdk/metrics/prometheus.ts";
import { gateContext, roundOf } from "./support.ts";
import { startPrometheusApi, type PrometheusApi } from "../../sdk/sim/prometheus-api/index.ts";
import { TimeSeriesStore } from "../../sdk/sim/tsdb.ts";
import { havePrometheus, openMetrics, startPrometheus, type SeriesSpec } from "../helpers/prometheus-server.ts";

/**
 * The simulator's Prometheus serving the same history a real one is backfilled with
 * (`openMetrics(series, fromMs, toMs, stepMs)`): every series sampled every `stepMs`.
 * @example const sim = await startSimPrometheus(series, T0, T0 + 119 * MIN); ... await sim.close();
 */
export function startSimPrometheus(series: SeriesSpec[], fromMs: number, toMs: number, stepMs = 15_000): Promise<PrometheusApi> {
  const store = new TimeSeriesStore();
  for (const s of series) {
    const labels = { __name__: s.name, ...s.labels };
    for (let t = fromMs; t <= toMs; t += stepMs) if (s.scraped?.(t) ?? true) store.append(labels, t, s.value(t));
  }
  return startPrometheusApi({ store, now: () => toMs });
}

/**
 * A real Prometheus (where installed) and the simulator's, each holding `series` sampled every
 * `stepMs` from `fromMs` to `toMs`: for `describe.each`, so a behaviour is shown on both.
 * @example describe.each(prometheusesHolding(series, T0, T0 + 119 * MIN))("… on $name", ({ start }) => { … });
 */
export function prometheusesHolding(series: SeriesSpec[], fromMs: number, toMs: number, stepMs = 15_000) {
  return [
    ...(havePrometheus ? [{ name: "a real Prometheus", start: () => startPrometheus(openMetrics(series, fromMs, toMs, stepMs)) }] : []),
    { name: "the simulator's Prometheus", start: () => startSimPrometheus(series, fromMs, toMs, stepMs).then((sim) => ({ url: sim.url, stop: sim.close })) },
  ];
}

/**
 * In a `describe.each(prometheusesHolding(…))` block: starts that Prometheus before the tests and
 * stops it after; `metrics()` is a client of it, `judge(gate)` one round of a gate at `at`.
 * @example const { metrics, judge } = servedBy(start, AT);
 */
export function servedBy(start: () => Promise<{ url: string; stop(): Promise<void> }>, at: number) {
  let prom: { url: string; stop(): Promise<void> } | undefined;
  beforeAll(async () => {
    prom = await start();
  });
  afterAll(() => prom?.stop());
  const metrics = () => createPrometheus({ url: prom!.url, timeoutMs: 5_000 });
  const judge = (gate: Gate) => gate.evaluate(roundOf(gateContext({ metrics: metrics(), at })));
  return { metrics, judge };
}
