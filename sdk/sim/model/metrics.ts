import type { Labels, TimeSeriesStore } from "../tsdb.ts";

/**
 * Istio's standard request metrics, kept as counters per label set and sampled into the TSDB like
 * Prometheus scraping the mesh: istio_requests_total from both reporters, and the destination
 * reporter's istio_request_duration_milliseconds histogram.
 */

/** Istio's default duration buckets (ms), from its stats filter. */
export const ISTIO_DURATION_BUCKETS_MS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
] as const;

/** The workload every simulated request comes from. */
const SOURCE_WORKLOAD = "istio-ingressgateway";

// Bounds as Envoy's Prometheus endpoint writes them (plain decimals: "0.5", "1800000"), which is what Istio users query.
const LE_LABELS = [...ISTIO_DURATION_BUCKETS_MS.map(String), "+Inf"];

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

/** The series of one response code of one workload, created on its first request. */
interface CodeSeries {
  destination: Counter;
  source: Counter;
  histogram: Histogram;
}

/** Records what one workload version answered; obtained once per routing change, called every tick. */
export interface WorkloadRecorder {
  /** `ok` 200s and `errors` 500s with the given mean latency, and `shed` 503s (UO) refused at once. */
  record(ok: number, errors: number, shed: number, meanLatencyMs: number): void;
}

/** The mesh metrics of one namespace. */
export interface MeshMetrics {
  /** The recorder of requests that reached pods of `workload` (both reporters, and the duration histogram). */
  workload(service: string, workload: string, version: string): WorkloadRecorder;
  /** Requests the ingress gateway could not send anywhere (UH: no healthy upstream, NC: no cluster): source reporter only. */
  unrouted(service: string, version: string, flags: "UH" | "NC", count: number): void;
  /** Appends every counter, and the given gauges, to the TSDB at `at`. */
  sample(tsdb: TimeSeriesStore, at: number, gauges: Iterable<{ labels: Labels; value: number }>): void;
}

/** Empty mesh metrics for the services of `namespace`. */
export function createMeshMetrics(namespace: string): MeshMetrics {
  // flat lists in creation order: sampling walks them without keys, and the order is deterministic
  const counters: Counter[] = [];
  const histograms: Histogram[] = [];
  const recorders = new Map<string, WorkloadRecorder>();
  const unroutedCounters = new Map<string, Counter>();
  const fractions = new Float64Array(ISTIO_DURATION_BUCKETS_MS.length);

  const requestLabels = (reporter: string, service: string, workload: string, version: string, code: string, flags: string): Labels => ({
    __name__: "istio_requests_total",
    reporter,
    source_workload: SOURCE_WORKLOAD,
    destination_service_name: service,
    destination_service_namespace: namespace,
    destination_service: `${service}.${namespace}.svc.cluster.local`,
    destination_workload: workload,
    destination_workload_namespace: namespace,
    destination_version: version,
    destination_canonical_service: service,
    response_code: code,
    response_flags: flags,
  });

  const counter = (labels: Labels): Counter => {
    const c = { labels, value: 0 };
    counters.push(c);
    return c;
  };

  const codeSeries = (service: string, workload: string, version: string, code: string, flags: string): CodeSeries => {
    const base = {
      reporter: "destination",
      destination_service_name: service,
      destination_service_namespace: namespace,
      destination_workload: workload,
      destination_version: version,
      response_code: code,
    };
    const histogram: Histogram = {
      bucketLabels: LE_LABELS.map((le) => ({ __name__: "istio_request_duration_milliseconds_bucket", ...base, le })),
      buckets: LE_LABELS.map(() => 0),
      sumLabels: { __name__: "istio_request_duration_milliseconds_sum", ...base },
      sum: 0,
      countLabels: { __name__: "istio_request_duration_milliseconds_count", ...base },
      count: 0,
    };
    histograms.push(histogram);
    return {
      destination: counter(requestLabels("destination", service, workload, version, code, flags)),
      source: counter(requestLabels("source", service, workload, version, code, flags)),
      histogram,
    };
  };

  /** Adds `count` requests; `within[i]` is the share answered within bucket i (null: all of them, at once). */
  const add = (series: CodeSeries, count: number, within: Float64Array | null, meanLatencyMs: number) => {
    series.destination.value += count;
    series.source.value += count;
    const h = series.histogram;
    for (let i = 0; i < ISTIO_DURATION_BUCKETS_MS.length; i++) h.buckets[i]! += within ? count * within[i]! : count;
    h.buckets[ISTIO_DURATION_BUCKETS_MS.length]! += count;
    h.sum += count * meanLatencyMs;
    h.count += count;
  };

  const createRecorder = (service: string, workload: string, version: string): WorkloadRecorder => {
    let ok: CodeSeries | undefined;
    let errors: CodeSeries | undefined;
    let shed: CodeSeries | undefined;
    return {
      record(nOk, nErrors, nShed, meanLatencyMs) {
        if (nOk > 0 || nErrors > 0) {
          // expected shares of an exponential distribution: P(latency <= le) = 1 - exp(-le/mean)
          for (let i = 0; i < ISTIO_DURATION_BUCKETS_MS.length; i++) fractions[i] = -Math.expm1(-ISTIO_DURATION_BUCKETS_MS[i]! / meanLatencyMs);
        }
        if (nOk > 0) add((ok ??= codeSeries(service, workload, version, "200", "-")), nOk, fractions, meanLatencyMs);
        if (nErrors > 0) add((errors ??= codeSeries(service, workload, version, "500", "-")), nErrors, fractions, meanLatencyMs);
        if (nShed > 0) add((shed ??= codeSeries(service, workload, version, "503", "UO")), nShed, null, 0);
      },
    };
  };

  return {
    workload(service, workload, version) {
      const key = `${service}|${workload}|${version}`;
      let r = recorders.get(key);
      if (!r) recorders.set(key, (r = createRecorder(service, workload, version)));
      return r;
    },

    unrouted(service, version, flags, count) {
      if (!(count > 0)) return;
      const key = `${service}|${version}|${flags}`;
      let c = unroutedCounters.get(key);
      if (!c) unroutedCounters.set(key, (c = counter(requestLabels("source", service, "unknown", version, "503", flags))));
      c.value += count;
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
