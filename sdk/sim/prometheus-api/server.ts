/**
 * The simulator's Prometheus: the real Prometheus HTTP API (the endpoints Firebreak uses) on
 * 127.0.0.1, answering PromQL over the simulator's `TimeSeriesStore` on virtual time, so the
 * production Prometheus client runs against it unchanged. Fault switches make it refuse
 * connections or answer slowly.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { evaluateInstant, evaluateRange, PromQLError, type Value } from "../promql/index.ts";
import type { TimeSeriesStore } from "../tsdb.ts";
import { formatFloatF, formatSampleValue, parseDurationParam, parseTimeParam, unixSeconds } from "./format.ts";

export interface PrometheusApiOptions {
  store: TimeSeriesStore;
  /** Virtual now, ms since epoch: the default `time` of instant queries. */
  now: () => number;
}

export interface PrometheusApi {
  /** Base URL, e.g. `http://127.0.0.1:39113` (no trailing slash). */
  readonly url: string;
  readonly faults: {
    /** true: stop listening and drop open connections (clients get ECONNREFUSED); false: listen again on the same port. */
    down(on: boolean): Promise<void>;
    /**
     * Delay every answer by `ms` (0 turns it off). A query whose `timeout` (default 2m) is shorter
     * than the delay gets Prometheus's 503 timeout error once its timeout has passed.
     */
    slow(ms: number): void;
  };
  /** The `query` parameter of every query and query_range request received, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Prometheus refuses range queries with more points than this per series (web/api/v1: "maximum resolution"). */
export const MAX_POINTS_PER_SERIES = 11_000;
/** Prometheus's default `--query.timeout`, the timeout of queries that do not pass one. */
export const DEFAULT_QUERY_TIMEOUT_MS = 2 * 60_000;
/** The Prometheus release whose API and PromQL semantics the simulator reproduces. */
const BUILD_INFO = {
  version: "2.42.0",
  revision: "firebreak-simulator",
  branch: "firebreak",
  buildUser: "firebreak",
  buildDate: "20230131-00:00:00",
  goVersion: "go1.19.5",
};
const HTTP_STATUS = { bad_data: 400, execution: 422, timeout: 503, internal: 500 } as const;

type ErrorType = keyof typeof HTTP_STATUS;
type Answer = { status: number; body: string; contentType: string; headers?: Record<string, string> };

class ApiError extends Error {
  constructor(
    readonly type: ErrorType,
    message: string,
  ) {
    super(message);
  }
}

const json = (status: number, payload: unknown): Answer => ({ status, body: JSON.stringify(payload), contentType: "application/json" });
const text = (status: number, body: string, headers?: Record<string, string>): Answer => ({
  status,
  body,
  contentType: "text/plain; charset=utf-8",
  headers,
});
const invalidParam = (name: string, message: string) => new ApiError("bad_data", `invalid parameter "${name}": ${message}`);

/** Each path: its methods, and either the API it serves or a fixed text body. */
const ROUTES: Record<string, { methods: string[]; api?: "query" | "query_range" | "buildinfo"; body?: string }> = {
  "/api/v1/query": { methods: ["GET", "POST"], api: "query" },
  "/api/v1/query_range": { methods: ["GET", "POST"], api: "query_range" },
  "/api/v1/status/buildinfo": { methods: ["GET"], api: "buildinfo" },
  "/-/ready": { methods: ["GET", "HEAD"], body: "Prometheus Server is Ready.\n" },
  "/-/healthy": { methods: ["GET", "HEAD"], body: "Prometheus Server is Healthy.\n" },
};

/**
 * Starts the simulator's Prometheus HTTP API on 127.0.0.1 (a free port).
 *
 * @example
 * const prom = await startPrometheusApi({ store, now: clock.now });
 * const res = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent("up")}`);
 * await prom.faults.down(true); // the client now sees ECONNREFUSED
 * await prom.close();
 */
export async function startPrometheusApi(options: PrometheusApiOptions): Promise<PrometheusApi> {
  const requests: string[] = [];
  const pending = new Set<NodeJS.Timeout>();
  let delayMs = 0;

  const server = createServer((req, res) => {
    readForm(req)
      .then((form) => {
        const { answer: result, timeoutMs } = answer(req, form);
        // A query slower than its timeout is abandoned, as Prometheus abandons a slow evaluation.
        const late = delayMs > timeoutMs;
        const timer = setTimeout(
          () => {
            pending.delete(timer);
            send(res, late ? timedOut() : result);
          },
          late ? timeoutMs : delayMs,
        );
        pending.add(timer);
      })
      .catch((err: unknown) => send(res, json(500, { status: "error", errorType: "internal", error: String(err) })));
  });

  function answer(req: IncomingMessage, form: URLSearchParams): { answer: Answer; timeoutMs: number } {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = ROUTES[path];
    const plain = (a: Answer) => ({ answer: a, timeoutMs: Infinity });
    if (!route) return plain(text(404, "404 page not found\n"));
    if (!route.methods.includes(req.method ?? "")) {
      return plain(text(405, "Method Not Allowed\n", { Allow: [...route.methods, "OPTIONS"].join(", ") }));
    }
    if (route.body !== undefined) return plain(text(200, route.body));
    if (route.api === "buildinfo") return plain(json(200, { status: "success", data: BUILD_INFO }));
    const query = form.get("query") ?? "";
    requests.push(query);
    const timeoutMs = parseDurationParam(form.get("timeout") ?? "") ?? DEFAULT_QUERY_TIMEOUT_MS;
    try {
      const data = route.api === "query" ? instantQuery(query, form) : rangeQuery(query, form);
      return { answer: json(200, { status: "success", data }), timeoutMs };
    } catch (err) {
      if (err instanceof ApiError) return { answer: errorAnswer(err.type, err.message), timeoutMs };
      if (!(err instanceof PromQLError)) throw err;
      // Prometheus prefixes parse errors of instant queries only.
      const prefix = route.api === "query" && err.type === "bad_data" ? 'invalid parameter "query": ' : "";
      return { answer: errorAnswer(err.type, prefix + err.message), timeoutMs };
    }
  }

  function instantQuery(query: string, form: URLSearchParams): unknown {
    const timeText = form.get("time");
    let at = options.now();
    if (timeText !== null && timeText !== "") {
      const parsed = parseTimeParam(timeText);
      if (parsed === undefined) {
        throw invalidParam("time", `Invalid time value for 'time': cannot parse ${JSON.stringify(timeText)} to a valid timestamp`);
      }
      at = parsed;
    }
    readTimeout(form);
    return resultData(evaluateInstant(query, options.store, at), at);
  }

  function rangeQuery(query: string, form: URLSearchParams): unknown {
    const time = (name: string) => {
      const raw = form.get(name) ?? "";
      const ms = parseTimeParam(raw);
      if (ms === undefined) throw invalidParam(name, `cannot parse ${JSON.stringify(raw)} to a valid timestamp`);
      return ms;
    };
    const [start, end] = [time("start"), time("end")];
    if (end < start) throw invalidParam("end", "end timestamp must not be before start time");
    const rawStep = form.get("step") ?? "";
    const stepExact = parseDurationParam(rawStep);
    if (stepExact === undefined) throw invalidParam("step", `cannot parse ${JSON.stringify(rawStep)} to a valid duration`);
    // The engine steps in whole milliseconds.
    const step = Math.trunc(stepExact);
    if (step <= 0) {
      throw invalidParam("step", "zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    if (Math.trunc((end - start) / stepExact) > MAX_POINTS_PER_SERIES) {
      throw new ApiError(
        "bad_data",
        "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)",
      );
    }
    readTimeout(form);
    return resultData(evaluateRange(query, options.store, start, end, step), start);
  }

  await listen(0);
  const port = (server.address() as AddressInfo).port;

  function listen(onPort: number): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(onPort, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  }

  function stop(): Promise<void> {
    for (const timer of pending) clearTimeout(timer);
    pending.clear();
    if (!server.listening) return Promise.resolve();
    return new Promise((resolve) => {
      // One more turn of the event loop lets in-process clients see their pooled sockets close,
      // so their next request is refused rather than sent down a dead keep-alive connection.
      server.close(() => setImmediate(resolve));
      server.closeAllConnections();
    });
  }

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults: {
      down: (on) => (on ? stop() : server.listening ? Promise.resolve() : listen(port)),
      slow: (ms) => {
        delayMs = Math.max(0, ms);
      },
    },
    close: stop,
  };
}

/** The `timeout` parameter in ms (Prometheus's default when absent); bad_data when unreadable. */
function readTimeout(form: URLSearchParams): number {
  const raw = form.get("timeout");
  if (raw === null || raw === "") return DEFAULT_QUERY_TIMEOUT_MS;
  const ms = parseDurationParam(raw);
  if (ms === undefined) throw invalidParam("timeout", `cannot parse ${JSON.stringify(raw)} to a valid duration`);
  return ms;
}

function resultData(value: Value, atMs: number): unknown {
  switch (value.type) {
    case "scalar":
      return { resultType: "scalar", result: [unixSeconds(atMs), formatFloatF(value.value)] };
    case "string":
      return { resultType: "string", result: [unixSeconds(atMs), value.value] };
    case "vector":
      return {
        resultType: "vector",
        result: value.samples.map((s) => ({ metric: s.labels, value: [unixSeconds(atMs), formatSampleValue(s.value)] })),
      };
    case "matrix":
      return {
        resultType: "matrix",
        result: value.series.map((s) => ({
          metric: s.labels,
          values: s.points.map(([t, v]) => [unixSeconds(t), formatSampleValue(v)]),
        })),
      };
  }
}

const errorAnswer = (type: ErrorType, error: string): Answer => json(HTTP_STATUS[type], { status: "error", errorType: type, error });
const timedOut = (): Answer => errorAnswer("timeout", "query timed out in expression evaluation");

/** URL query parameters, overridden by a form-encoded body, as Go's Request.FormValue reads them. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const form = new URL(req.url ?? "/", "http://localhost").searchParams;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const type = req.headers["content-type"] ?? "";
  if (req.method !== "POST" || !type.startsWith("application/x-www-form-urlencoded")) return form;
  const body = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
  for (const key of new Set(body.keys())) form.set(key, body.get(key)!);
  return form;
}

function send(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  res.writeHead(answer.status, { "Content-Type": answer.contentType, ...answer.headers });
  res.end(answer.body);
}
