/**
 * Differential test: the same samples loaded into a real Prometheus (backfilled with promtool) and
 * into the simulator; every query must give the same answer, digit for digit.
 *
 * Evaluation times are deliberately off the 15 s sample grid: Prometheus 2.x selects the closed
 * window [t − range, t], the simulator (per its spec, like Prometheus 3) the left-open (t − range, t];
 * the two differ only when a sample sits exactly on t − range.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TimeSeriesStore, type Labels } from "../../sdk/sim/tsdb.ts";
import { startPrometheusApi, type PrometheusApi } from "../../sdk/sim/prometheus-api/index.ts";
import { countOf } from "../../sdk/gates/indicators/types.ts";

const onPath = (bin: string) => (process.env.PATH ?? "").split(delimiter).some((dir) => existsSync(join(dir, bin)));
const available = onPath("prometheus") && onPath("promtool");
const title = available
  ? "the simulator answers like a real Prometheus"
  : "the simulator answers like a real Prometheus — SKIPPED: no `prometheus`/`promtool` on PATH (apt-get install -y prometheus)";

const T0 = 1_700_000_000_000; // in the past, so the TSDB takes the backfilled block as it is
const STEP = 15_000;
const SAMPLES = 81; // 20 minutes
const ISTIO_LE = ["0.5", "1", "5", "10", "25", "50", "100", "250", "500", "1000", "2500", "5000", "10000", "30000", "60000", "300000", "600000", "1800000", "3600000", "+Inf"];

/** Deterministic pseudo-random numbers (a 32-bit LCG), so both sides load identical data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The scenario: Istio request counters (with a pod restart), duration buckets, a gauge, short-lived series. */
function generate(): { labels: Labels; samples: [number, number][] }[] {
  const rnd = random(42);
  const series: { labels: Labels; samples: [number, number][] }[] = [];
  const counter = (labels: Labels, perStep: () => number, opts: { from?: number; to?: number; resetAt?: number } = {}) => {
    const samples: [number, number][] = [];
    let v = Math.floor(rnd() * 1000);
    for (let i = opts.from ?? 0; i < (opts.to ?? SAMPLES); i++) {
      if (i === opts.resetAt) v = 0;
      samples.push([T0 + i * STEP, v]);
      v += perStep();
    }
    series.push({ labels, samples });
  };
  const requests = { __name__: "istio_requests_total", destination_service_name: "checkout-api" };
  for (const version of ["release", "canary"]) {
    for (const pod of ["a", "b"]) {
      for (const [code, rps] of [["200", 90], ["404", 4], ["503", version === "canary" ? 20 : 2]] as const) {
        const labels = { ...requests, reporter: "destination", destination_version: version, pod, response_code: code };
        // pod b restarts at sample 40: its 200s counter resets
        const resetAt = pod === "b" && code === "200" ? 40 : undefined;
        counter(labels, () => Math.round(rps * 15 * (0.8 + 0.4 * rnd())), { resetAt });
      }
    }
  }
  counter({ ...requests, reporter: "source", destination_version: "release", pod: "a", response_code: "503" }, () => 500);
  for (const pod of ["a", "b"]) {
    let cumulative = 0;
    const weights = ISTIO_LE.map(() => {
      cumulative += rnd() < 0.6 ? Math.floor(rnd() * 30) : 0;
      return cumulative;
    });
    for (const [i, le] of ISTIO_LE.entries()) {
      counter({ __name__: "istio_request_duration_milliseconds_bucket", pod, le }, () => weights[i]! + (i === ISTIO_LE.length - 1 ? 3 : 0));
    }
  }
  for (const pod of ["a", "b"]) {
    series.push({ labels: { __name__: "queue_depth", pod }, samples: Array.from({ length: SAMPLES }, (_, i) => [T0 + i * STEP, Math.round(rnd() * 1000) / 10]) });
  }
  counter({ __name__: "late_total", pod: "a" }, () => 30, { from: 40 });
  counter({ __name__: "early_stop_total", pod: "a" }, () => 30, { to: 48 });
  for (const v of REGEX_PROBE_VALUES) {
    series.push({ labels: { __name__: "regex_probe", v }, samples: Array.from({ length: SAMPLES }, (_, i) => [T0 + i * STEP, 1]) });
  }
  return series;
}

/** Label values on which Go's RE2 and JavaScript's RegExp disagree: case folding, Unicode classes, \v, \r, \n. */
const REGEX_PROBE_VALUES = ["abc", "ABC", "Abc", "αβγ", "café", "x_1", "a b", "a\nb", "a\rb", "a\vb", "a\u00a0b", "k", "\u212a", "s", "\u017f"];

const ISTIO_SUCCESS_RATE =
  'sum(rate(istio_requests_total{reporter="destination",destination_service_name="checkout-api",destination_version="release",response_code!~"5.."}[1m]))' +
  ' / sum(rate(istio_requests_total{reporter="destination",destination_service_name="checkout-api",destination_version="release"}[1m]))';

const QUERIES = [
  ISTIO_SUCCESS_RATE,
  "rate(istio_requests_total[1m])",
  "increase(istio_requests_total[5m])",
  "irate(istio_requests_total[1m])",
  "rate(istio_requests_total[1m] offset 2m)",
  "delta(queue_depth[2m])",
  "increase(late_total[5m])",
  "rate(early_stop_total[5m])",
  "histogram_quantile(0.95, sum by (le) (rate(istio_request_duration_milliseconds_bucket[1m])))",
  "histogram_quantile(0.5, sum by (le, pod) (rate(istio_request_duration_milliseconds_bucket[5m])))",
  "histogram_quantile(0.99, istio_request_duration_milliseconds_bucket)",
  "avg_over_time(queue_depth[5m])",
  "max_over_time(queue_depth[5m])",
  "min_over_time(queue_depth[2m])",
  "sum_over_time(queue_depth[5m])",
  "count_over_time(queue_depth[1m])",
  "sum by (destination_version) (rate(istio_requests_total[1m]))",
  "avg without (pod) (queue_depth)",
  "max(queue_depth)",
  "min(queue_depth)",
  "count by (response_code) (istio_requests_total)",
  "topk(3, rate(istio_requests_total[1m]))",
  "bottomk by (pod) (1, queue_depth)",
  "queue_depth > bool 50",
  "queue_depth > 50",
  "100 - queue_depth",
  "queue_depth % 7",
  "queue_depth ^ 0.5",
  "-queue_depth",
  "2 ^ 0.5 * 3 - 1 / 3",
  'rate(istio_requests_total{response_code="503"}[1m]) / ignoring(response_code) rate(istio_requests_total{response_code="200"}[1m])',
  "sum by (destination_version, pod) (rate(istio_requests_total[1m])) / on(destination_version) group_left sum by (destination_version) (rate(istio_requests_total[1m]))",
  "queue_depth and on(pod) queue_depth > 50",
  "queue_depth unless queue_depth > 50",
  "queue_depth > 1000 or vector(0)",
  // the gates' counts: a series created inside the window (late_total from 600 s on) counts whole
  countOf(["late_total"], "1m"),
  countOf(["late_total", "early_stop_total"], "5m"),
  countOf(['istio_requests_total{destination_version="canary"}', 'istio_requests_total{pod="b"}'], "1m"),
  "count_over_time(late_total[1h] offset 1m)",
  "max_over_time(late_total[1m]) unless count_over_time(late_total[1h] offset 1m)",
  "late_total unless late_total offset 1m",
  "(sum(increase(late_total[1m])) or vector(0)) + (sum(late_total unless late_total offset 1m) or vector(0))",
  "abs(delta(queue_depth[1m]))",
  "ceil(queue_depth / 3)",
  "floor(queue_depth / 3)",
  "clamp_min(queue_depth, 40)",
  "clamp_max(queue_depth, 40)",
  "scalar(max(queue_depth))",
  "vector(time())",
  "time()",
  'absent(nope{job="x"})',
  "absent(queue_depth)",
  "queue_depth[1m]",
  // regexps JavaScript takes and Go's RE2 refuses
  'queue_depth{pod=~"(?!a).*"}',
  "queue_depth{pod=~`(a)\\1`}",
  'queue_depth{pod=~"a{1001}"}',
  'queue_depth{pod=~"(?<p>a)"}',
  'queue_depth{pod=~"("}',
  `queue_depth{pod=~"${"(".repeat(1001)}a${")".repeat(1001)}"}`, // past Go's nesting limit of 1000
  // regexps Go's RE2 reads differently from JavaScript, or JavaScript cannot read
  'regex_probe{v=~"(?i)abc"}',
  'regex_probe{v=~"(?i)k|(?i)s"}',
  'regex_probe{v=~"[[:alpha:]]+"}',
  'regex_probe{v!~"[[:^alpha:]]*"}',
  'regex_probe{v=~"\\\\pL+"}',
  'regex_probe{v=~"\\\\p{Greek}+"}',
  'regex_probe{v=~"a.b"}',
  'regex_probe{v=~"(?s)a.b"}',
  'regex_probe{v=~"a\\\\sb"}',
  'regex_probe{v=~"a\\\\Sb"}',
  "regex_probe{v=~`\\Qa b\\E|(?P<name>x)_1`}",
];
const TIMES = [307.5, 607.5, 745.25, 1195.5].map((s) => (T0 + s * 1000) / 1000);

describe.skipIf(!available)(title, () => {
  let dir: string;
  let prometheus: ChildProcess | undefined;
  let realUrl: string;
  let sim: PrometheusApi;

  beforeAll(async () => {
    const data = generate();
    dir = mkdtempSync(join(tmpdir(), "firebreak-prom-"));
    // OpenMetrics wants each family's samples together and each series in time order.
    const lines = data.flatMap(({ labels, samples }) => {
      const { __name__: name, ...rest } = labels;
      const body = Object.entries(rest).map(([k, v]) => `${k}="${openMetricsEscape(v)}"`).join(",");
      return samples.map(([t, v]) => `${name}{${body}} ${v} ${t / 1000}`);
    });
    writeFileSync(join(dir, "data.om"), `${lines.join("\n")}\n# EOF\n`);
    const backfill = spawnSync("promtool", ["tsdb", "create-blocks-from", "openmetrics", join(dir, "data.om"), join(dir, "tsdb")], { encoding: "utf8" });
    expect(backfill.status, backfill.stderr).toBe(0);
    writeFileSync(join(dir, "prometheus.yml"), "global: {}\n");
    const port = await freePort();
    realUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      "prometheus",
      [
        `--config.file=${join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(dir, "tsdb")}`,
        `--web.listen-address=127.0.0.1:${port}`,
        "--storage.tsdb.retention.time=100y", // the data is from 2023: keep it
        "--log.level=error",
      ],
      { stdio: "ignore" },
    );
    await waitReady(realUrl);

    const store = new TimeSeriesStore();
    for (const { labels, samples } of data) for (const [t, v] of samples) store.append(labels, t, v);
    sim = await startPrometheusApi({ store, now: () => T0 });
  });

  afterAll(async () => {
    prometheus?.kill();
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(QUERIES)("%s", async (query) => {
    for (const time of TIMES) {
      const params = new URLSearchParams({ query, time: String(time) });
      const [real, ours] = await Promise.all([fetchJson(`${realUrl}/api/v1/query?${params}`), fetchJson(`${sim.url}/api/v1/query?${params}`)]);
      expect(normalise(ours), `${query} at ${time}`).toEqual(normalise(real));
    }
  });

  it("answers a range query the same", async () => {
    const params = new URLSearchParams({ query: ISTIO_SUCCESS_RATE, start: String(TIMES[0]), end: String(TIMES[3]), step: "37" });
    const [real, ours] = await Promise.all([fetchJson(`${realUrl}/api/v1/query_range?${params}`), fetchJson(`${sim.url}/api/v1/query_range?${params}`)]);
    expect(ours).toEqual(real);
  });
});

/** A label value in OpenMetrics text, which escapes only `\\`, `"` and newline (JSON would escape more). */
const openMetricsEscape = (v: string) => v.replace(/[\\"\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));

/** Results in a canonical order (the API does not promise one for instant vectors). */
function normalise(body: { data?: { resultType: string; result: unknown } }): unknown {
  const result = body.data?.result;
  if (!Array.isArray(result) || body.data!.resultType === "scalar" || body.data!.resultType === "string") return body;
  const key = (r: { metric: Labels }) => JSON.stringify(Object.entries(r.metric).sort());
  return { ...body, data: { ...body.data, result: [...(result as { metric: Labels }[])].sort((a, b) => key(a).localeCompare(key(b))) } };
}

async function fetchJson(url: string): Promise<{ data?: { resultType: string; result: unknown } }> {
  return (await fetch(url)).json() as Promise<{ data?: { resultType: string; result: unknown } }>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Prometheus at ${url} did not become ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
