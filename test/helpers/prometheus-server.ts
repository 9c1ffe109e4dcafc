import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** Ready in about 0.2 s on this machine (FACTS.md); a loaded CI runner gets plenty of slack. */
const READY_TIMEOUT_MS = 15_000;
/** Prometheus flushes the head on SIGTERM; with backfilled blocks only that takes well under a second. */
const STOP_TIMEOUT_MS = 5_000;
const POLL_MS = 50;

const onPath = (bin: string) => (process.env.PATH ?? "").split(delimiter).some((dir) => dir && existsSync(join(dir, bin)));

/** True when the real `prometheus` and `promtool` binaries are installed (`.ci/run` installs them). */
export const havePrometheus = onPath("prometheus") && onPath("promtool");
export const PROMETHEUS_MISSING = "prometheus/promtool not installed: `apt-get install -y prometheus` (CI's .ci/run does) to run these tests";

/** One backfilled series: its value at each scrape time (counters are cumulative). */
export interface SeriesSpec {
  name: string;
  labels: Record<string, string>;
  value: (atMs: number) => number;
  /** Scrape times at which the series has a sample (default: every one), e.g. only after it was created. */
  scraped?: (atMs: number) => boolean;
}

/**
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`: every series sampled every
 * `stepMs` from `fromMs` to `toMs`, grouped by metric name as the format requires.
 */
export function openMetrics(series: SeriesSpec[], fromMs: number, toMs: number, stepMs = 15_000): string {
  const byName = new Map<string, SeriesSpec[]>();
  for (const s of series) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  const lines: string[] = [];
  for (const [name, group] of byName) {
    lines.push(`# TYPE ${name} unknown`);
    for (const s of group) {
      const labels = Object.entries(s.labels)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(",");
      for (let t = fromMs; t <= toMs; t += stepMs) if (s.scraped?.(t) ?? true) lines.push(`${name}{${labels}} ${formatValue(s.value(t))} ${t / 1000}`);
    }
  }
  lines.push("# EOF");
  return `${lines.join("\n")}\n`;
}

const formatValue = (v: number) => (Number.isNaN(v) ? "NaN" : v === Infinity ? "+Inf" : v === -Infinity ? "-Inf" : String(v));

/** A free TCP port on 127.0.0.1 (the kernel picks it). */
export async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((resolve, reject) => srv.once("error", reject).listen(0, "127.0.0.1", resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

export interface PrometheusServer {
  url: string;
  /** Milliseconds from spawn to /-/ready. */
  readyMs: number;
  /** SIGKILL, for "Prometheus went away mid-gate"; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (SIGKILL after a bound), then removes the data directory. Safe to call twice. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess, withinMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), withinMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function waitReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode} before it was ready:\n${stderr()}`);
    const status = await new Promise<number>((resolve) => {
      const req = request(`${url}/-/ready`, { timeout: 1_000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("timeout", () => req.destroy());
      req.on("error", () => resolve(0));
      req.end();
    });
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`prometheus at ${url} was not ready within ${READY_TIMEOUT_MS} ms:\n${stderr()}`);
}

/**
 * Starts the real `prometheus` on 127.0.0.1 with a free port and a temporary data directory,
 * backfilled first with `openmetrics` (queryable at once, no scraping to wait for).
 * @example
 * const prom = await startPrometheus(openMetrics(series, from, to));
 * afterAll(() => prom.stop());
 */
export async function startPrometheus(openmetrics?: string): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), "firebreak-prom-"));
  const data = join(dir, "data");
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    writeFileSync(join(dir, "prometheus.yml"), "global:\n  evaluation_interval: 1h\n");
    if (openmetrics) {
      writeFileSync(join(dir, "data.om"), openmetrics);
      const r = spawnSync("promtool", ["tsdb", "create-blocks-from", "openmetrics", join(dir, "data.om"), data], { encoding: "utf8", timeout: 30_000 });
      if (r.status !== 0) throw new Error(`promtool backfill failed (${r.status ?? r.signal}):\n${r.stderr}${r.stdout}`);
    }
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const started = Date.now();
    const child = spawn(
      "prometheus",
      [
        `--config.file=${join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${data}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // backfilled history may be old: never let retention drop it during a test
        "--storage.tsdb.retention.time=100y",
        "--log.level=warn",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr!.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4_000)));
    const kill = async () => {
      child.kill("SIGKILL");
      await exited(child, STOP_TIMEOUT_MS);
    };
    try {
      await waitReady(url, child, () => stderr);
    } catch (err) {
      await kill();
      throw err;
    }
    const readyMs = Date.now() - started;
    return {
      url,
      readyMs,
      kill,
      async stop() {
        child.kill("SIGTERM");
        if (!(await exited(child, STOP_TIMEOUT_MS))) await kill();
        cleanup();
      },
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}

/**
 * An HTTP proxy on 127.0.0.1 that holds every request for `delayMs` before passing it on: a
 * Prometheus that is up but too slow to answer.
 */
export async function startSlowProxy(targetUrl: string, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(targetUrl);
  const server: Server = createServer((req, res) => {
    const timer = setTimeout(() => {
      const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on("error", () => res.destroy());
      req.pipe(upstream);
    }, delayMs);
    res.on("close", () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
