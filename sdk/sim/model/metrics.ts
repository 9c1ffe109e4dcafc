import type { Labels, TimeSeriesStore } from "../tsdb.ts";
import { dialectOf, type MeshDialect, type MetricChannel, type Outcome, type UnroutedFlags } from "./mesh-dialects.ts";

/**
 * Request metrics kept as counters per label set and sampled into the TSDB like Prometheus scraping
 * the mesh: requests and a duration histogram per response, in the dialect of the mesh that
 * carried them (Istio, Linkerd or ingress-nginx; see mesh-dialects.ts).
 */

export { ISTIO_DURATION_BUCKETS_MS, LINKERD_LATENCY_BUCKETS_MS, NGINX_DURATION_BUCKETS_S, type MetricChannel } from "./mesh-dialects.ts";

interface Counter {
  labels: Labels;
  value: number;
}

interface Histogram {
  bucketLabels: Labels[];
  buckets: number[];
  sumLabels: Labels;
  sum: number;
  countLabels: Labels;
  count: number;
}

/** The series one kind of response of one workload increments, created on its first request. */
interface ResponseSeries {
  counters: Counter[];
  histogram: Histogram;
}

/** Records what one workload version answered; obtained once per routing change, called every tick. */
export interface WorkloadRecorder {
  /** `ok` 200s and `errors` 500s with the given mean latency, and `shed` 503s refused at once. */
  record(ok: number, errors: number, shed: number, meanLatencyMs: number): void;
}

/** Counts requests that no pod took; obtained once per routing change. */
export interface UnroutedRecorder {
  add(count: number): void;
}

/** The request metrics of one namespace. */
export interface MeshMetrics {
  /** The recorder of requests that reached pods of `workload` through `channel`. */
  workload(channel: MetricChannel, workload: string, version: string): WorkloadRecorder;
  /** The recorder of requests for `channel` that no pod could take (UH: no ready pod, NC: no such destination). */
  unrouted(channel: MetricChannel, version: string, flags: UnroutedFlags): UnroutedRecorder;
  /** Appends every counter, and the given gauges, to the TSDB at `at`. */
  sample(tsdb: TimeSeriesStore, at: number, gauges: Iterable<{ labels: Labels; value: number }>): void;
}

const keyOf = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");

/** Empty metrics for the services of `namespace`. */
export function createMeshMetrics(namespace: string): MeshMetrics {
  // Flat lists in creation order: sampling walks them without keys, and the order is deterministic.
  // Keyed by label set too: two recorders that name the same series (ingress-nginx has no workload
  // label) share it, as Prometheus would see one series.
  const counters: Counter[] = [];
  const counterByKey = new Map<string, Counter>();
  const histograms: Histogram[] = [];
  const histogramByKey = new Map<string, Histogram>();
  const recorders = new Map<string, WorkloadRecorder>();
  const unrouted = new Map<string, UnroutedRecorder>();

  const counter = (labels: Labels): Counter => {
    const key = keyOf(labels);
    let c = counterByKey.get(key);
    if (!c) {
      counterByKey.set(key, (c = { labels, value: 0 }));
      counters.push(c);
    }
    return c;
  };

  const histogram = (d: MeshDialect, base: Labels): Histogram => {
    const key = `${d.histogram}|${keyOf(base)}`;
    let h = histogramByKey.get(key);
    if (!h) {
      h = {
        bucketLabels: d.le.map((le) => ({ __name__: `${d.histogram}_bucket`, ...base, le })),
        buckets: d.le.map(() => 0),
        sumLabels: { __name__: `${d.histogram}_sum`, ...base },
        sum: 0,
        countLabels: { __name__: `${d.histogram}_count`, ...base },
        count: 0,
      };
      histogramByKey.set(key, h);
      histograms.push(h);
    }
    return h;
  };

  /** Adds `count` responses; `within[i]` is the share answered within bucket i (null: all of them, at once). */
  const add = (d: MeshDialect, series: ResponseSeries, count: number, within: Float64Array | null, meanLatencyMs: number) => {
    for (const c of series.counters) c.value += count;
    const h = series.histogram;
    const n = d.boundsMs.length;
    for (let i = 0; i < n; i++) h.buckets[i]! += within ? count * within[i]! : count;
    h.buckets[n]! += count;
    h.sum += count * meanLatencyMs * d.unit;
    h.count += count;
  };

  const createRecorder = (channel: MetricChannel, workload: string, version: string): WorkloadRecorder => {
    const d = dialectOf(channel);
    const fractions = new Float64Array(d.boundsMs.length);
    const series: Partial<Record<Outcome, ResponseSeries>> = {};
    const seriesOf = (outcome: Outcome): ResponseSeries => {
      const s = d.served(channel, namespace, workload, version, outcome);
      return (series[outcome] = { counters: s.counters.map(counter), histogram: histogram(d, s.histogram) });
    };
    return {
      record(nOk, nErrors, nShed, meanLatencyMs) {
        if (nOk > 0 || nErrors > 0) {
          // expected shares of an exponential distribution: P(latency <= le) = 1 - exp(-le/mean)
          for (let i = 0; i < fractions.length; i++) fractions[i] = -Math.expm1(-d.boundsMs[i]! / meanLatencyMs);
        }
        if (nOk > 0) add(d, series.ok ?? seriesOf("ok"), nOk, fractions, meanLatencyMs);
        if (nErrors > 0) add(d, series.error ?? seriesOf("error"), nErrors, fractions, meanLatencyMs);
        if (nShed > 0) add(d, series.shed ?? seriesOf("shed"), nShed, null, 0);
      },
    };
  };

  const channelKey = (channel: MetricChannel) => JSON.stringify(channel);

  return {
    workload(channel, workload, version) {
      const key = `${channelKey(channel)}|${workload}|${version}`;
      let r = recorders.get(key);
      if (!r) recorders.set(key, (r = createRecorder(channel, workload, version)));
      return r;
    },

    unrouted(channel, version, flags) {
      const key = `${channelKey(channel)}|${version}|${flags}`;
      let r = unrouted.get(key);
      if (!r) {
        let targets: Counter[] | undefined; // created on the first request, like every series
        r = {
          add(count) {
            if (!(count > 0)) return;
            targets ??= dialectOf(channel).unrouted(channel, namespace, version, flags).map(counter);
            for (const c of targets) c.value += count;
          },
        };
        unrouted.set(key, r);
      }
      return r;
    },

    sample(tsdb, at, gauges) {
      for (const c of counters) tsdb.append(c.labels, at, c.value);
      for (const h of histograms) {
        for (let i = 0; i < h.bucketLabels.length; i++) tsdb.append(h.bucketLabels[i]!, at, h.buckets[i]!);
        tsdb.append(h.sumLabels, at, h.sum);
        tsdb.append(h.countLabels, at, h.count);
      }
      for (const g of gauges) tsdb.append(g.labels, at, g.value);
    },
  };
}
