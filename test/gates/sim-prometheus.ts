import { startPrometheusApi, type PrometheusApi } from "../../sdk/sim/prometheus-api/index.ts";
import { TimeSeriesStore } from "../../sdk/sim/tsdb.ts";
import type { SeriesSpec } from "../helpers/prometheus-server.ts";

/**
 * The simulator's Prometheus serving the same history a real one is backfilled with
 * (`openMetrics(series, fromMs, toMs, stepMs)`): every series sampled every `stepMs`.
 * @example const sim = await startSimPrometheus(series, T0, T0 + 119 * MIN); ... await sim.close();
 */
export function startSimPrometheus(series: SeriesSpec[], fromMs: number, toMs: number, stepMs = 15_000): Promise<PrometheusApi> {
  const store = new TimeSeriesStore();
  for (const s of series) {
    const labels = { __name__: s.name, ...s.labels };
    for (let t = fromMs; t <= toMs; t += stepMs) store.append(labels, t, s.value(t));
  }
  return startPrometheusApi({ store, now: () => toMs });
}
