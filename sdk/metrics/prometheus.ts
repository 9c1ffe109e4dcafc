import * as z from "zod/mini";
import { MetricsQueryError, MetricsUnavailableError, UsageError, type FieldIssue } from "../errors.ts";
import type { InstantResult, MetricsPort, RangeResult } from "../ports/metrics.ts";
import { providerUrlProblem, shownProviderUrl } from "./provider-url.ts";
import { quoted, refuseIssues, unknownKeys } from "../plan/check-option.ts";
import { MAX_REQUEST_TIMEOUT, requestTimeoutMs } from "../util/duration.ts";

export interface PrometheusOptions {
  /** Base URL, including any path prefix (Thanos, Mimir `/prometheus`, managed services). */
  url: string;
  /** Extra headers, e.g. `X-Scope-OrgID` for Mimir/Cortex tenants. */
  headers?: Record<string, string>;
  bearerToken?: string;
  basicAuth?: { username: string; password: string };
  /**
   * Extra form parameters sent with every query, e.g. `{ partial_response: "false" }` for Thanos,
   * so a partial answer is an error rather than a warning.
   */
  params?: Record<string, string>;
  /** Per request, from sending it to the last byte of the answer. Default 10 s. */
  timeoutMs?: number;
}

const sampleValue = z.tuple([z.number(), z.string()]);
const labels = z.record(z.string(), z.string());
/** A native histogram's sample: `histogram` (instant) or `histograms` (range) in place of numbers. */
const histogramSample = z.tuple([z.number(), z.record(z.string(), z.unknown())]);
const apiResponse = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("success"),
    data: z.discriminatedUnion("resultType", [
      z.object({
        resultType: z.literal("vector"),
        result: z.array(z.union([z.object({ metric: labels, value: sampleValue }), z.object({ metric: labels, histogram: histogramSample })])),
      }),
      z.object({ resultType: z.literal("scalar"), result: sampleValue }),
      z.object({
        resultType: z.literal("matrix"),
        result: z.array(z.object({ metric: labels, values: z.optional(z.array(sampleValue)), histograms: z.optional(z.array(histogramSample)) })),
      }),
      z.object({ resultType: z.literal("string"), result: sampleValue }),
    ]),
    warnings: z.optional(z.array(z.string())),
  }),
  z.object({ status: z.literal("error"), errorType: z.string(), error: z.string(), warnings: z.optional(z.array(z.string())) }),
]);
type ApiResponse = z.infer<typeof apiResponse>;

/**
 * Prometheus writes "NaN", "+Inf" and "-Inf"; Number() reads "+Inf" as NaN, which would turn a
 * latency past the last bucket into "no data" instead of a failure.
 */
const num = (s: string) => (s === "+Inf" ? Infinity : s === "-Inf" ? -Infinity : Number(s));
/**
 * Prometheus's own query timeout is 2 minutes; a gate round (2-3 queries, every 10 s by default)
 * should call a provider that slow unhealthy long before: an error round, retried by the policy.
 */
const DEFAULT_TIMEOUT_MS = 10_000;
const NATIVE_HISTOGRAMS =
  "answered native histogram samples, not numbers; a gate needs a number out of them, " +
  "e.g. histogram_quantile(0.99, sum(rate(metric[1m]))) or histogram_count(sum(rate(metric[1m])))";
const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * Where a redirect points, as the client's URL to give instead: node:http does not follow it, and
 * "unreachable" alone sent users looking at the network (an http:// URL to an https-only server).
 * Without credentials or query string, as every URL in messages.
 */
function redirected(location: string | undefined, asked: URL, base: URL): string {
  if (!location) return "a redirect without a Location";
  let to: URL;
  try {
    to = new URL(location, asked);
  } catch {
    return "a redirect to a Location that is no URL";
  }
  // the API path asked for, kept in the redirect: the client's URL is what comes before it
  const api = asked.pathname.slice(base.pathname.length);
  const keptApi = to.pathname.endsWith(`/${api}`);
  const https = asked.protocol === "http:" && to.protocol === "https:" ? " (likely https://)" : "";
  // elsewhere, e.g. oauth2-proxy's /oauth2/start: a sign-in page, not Prometheus moved
  const advice = keptApi || https ? `use that URL${https}` : "if that is a sign-in page, a proxy in front of Prometheus wants credentials (headers, bearerToken); else use that URL";
  return `redirected to ${to.origin}${keptApi ? to.pathname.slice(0, -api.length) : to.pathname}: ${advice}`;
}

const OPTIONS = ["url", "headers", "bearerToken", "basicAuth", "params", "timeoutMs"];

/**
 * Options the client would misread: a misspelt key (`timeotMs`, `bearer`) left its option at the
 * default, and a timeout that is no number of milliseconds in reach (`"10s"`, 0, NaN, 1e12, past
 * which Node's timer fires at once) made every query "unreachable".
 */
function optionIssues(options: PrometheusOptions): FieldIssue[] {
  const issues = [...unknownKeys(options, OPTIONS), ...unknownKeys(options.basicAuth, ["username", "password"], "basicAuth")];
  const t = options.timeoutMs;
  if (t !== undefined && (typeof t !== "number" || requestTimeoutMs(t) === undefined)) {
    issues.push({ path: "timeoutMs", message: `must be milliseconds above 0, at most ${MAX_REQUEST_TIMEOUT}, e.g. 10000 for 10 s (got ${quoted(t)})` });
  }
  return issues;
}

/**
 * The metrics port over the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`), with
 * node:http rather than fetch: it loads in a fraction of the time, which counts on the incident path.
 * Queries are POSTed form-encoded, so long PromQL never hits URL length limits. Unreachable, slow
 * (past `timeoutMs`) and 5xx answers throw MetricsUnavailableError, rejected queries
 * MetricsQueryError; warnings come back with the result for the gate to show.
 * @example
 * const metrics = createPrometheus({ url: "https://mimir.example/prometheus", headers: { "X-Scope-OrgID": "team-a" }, bearerToken: token });
 * const { samples, warnings } = await metrics.query('sum(rate(http_requests_total[1m]))');
 */
export function createPrometheus(options: PrometheusOptions): MetricsPort {
  const problem = providerUrlProblem(options.url);
  if (problem) throw new UsageError(`Prometheus URL ${shownProviderUrl(options.url)} ${problem}`);
  refuseIssues("Prometheus client", optionIssues(options), UsageError);
  // The API's paths go under the URL's path; its query string (an API key a gateway reads) goes on every request.
  const base = new URL(options.url);
  const query = base.search;
  base.search = "";
  base.hash = "";
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  const givenAuth = [options.bearerToken && "bearerToken", options.basicAuth && "basicAuth", Object.keys(options.headers ?? {}).find((h) => h.toLowerCase() === "authorization")].filter(Boolean);
  if (givenAuth.length > 1) throw new UsageError(`Prometheus client: ${givenAuth.join(" and ")} each set the Authorization header, and only one can be sent; give one of them`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded", ...options.headers };
  if (options.bearerToken) headers.Authorization = `Bearer ${options.bearerToken}`;
  if (options.basicAuth) headers.Authorization = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString("base64")}`;
  const shownUrl = `${base.origin}${base.pathname}`; // never credentials or query strings in messages

  const fail = (res: { statusCode?: number; headers: { location?: string } }, text: string, promql: string, asked: URL, parsed?: ApiResponse): Error => {
    const status = res.statusCode ?? 0;
    // before Prometheus's JSON: a proxy or Mimir may refuse credentials in it, which says nothing of the query
    if (status === 401 || status === 403) {
      // a proxy's own page is not quoted: some echo the credentials they refused
      const said = parsed?.status === "error" ? `, ${parsed.errorType}: ${parsed.error}` : "";
      return new MetricsUnavailableError(shownUrl, `HTTP ${status}${said}`, { refused: true });
    }
    if (status >= 300 && status < 400) return new MetricsUnavailableError(shownUrl, `HTTP ${status}: ${redirected(res.headers.location, asked, base)}`);
    if (parsed?.status === "error") {
      // overload (429, Mimir's "too many outstanding requests") is the provider's trouble, not the query's
      const busy = parsed.errorType === "timeout" || parsed.errorType === "unavailable" || parsed.errorType === "too_many_requests";
      if (busy || status >= 500 || status === 429) return new MetricsUnavailableError(shownUrl, `HTTP ${status} ${parsed.errorType}: ${parsed.error}`);
      return new MetricsQueryError(promql, `${parsed.errorType}: ${parsed.error}`);
    }
    const hint = status === 404 ? " (check the URL's path prefix)" : "";
    return new MetricsUnavailableError(shownUrl, `HTTP ${status}${hint}, not a Prometheus API answer: ${text.slice(0, 200)}`);
  };

  const call = (path: string, params: Record<string, string>, promql: string): Promise<ApiResponse & { status: "success" }> =>
    new Promise((resolve, reject) => {
      const url = new URL(path, base);
      url.search = query;
      // Prometheus's own `timeout` too: a query this client gave up on stops on the server, not 2 minutes later
      const body = new URLSearchParams({ timeout: seconds(timeoutMs), ...options.params, ...params }).toString();
      // getBuiltinModule, not an ESM import: the ESM facade of node:http loads undici (see sdk/kube/http-port.ts)
      const send = process.getBuiltinModule(url.protocol === "https:" ? "node:https" : "node:http").request;
      const req = send(url, { method: "POST", headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          clearTimeout(deadline);
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: ApiResponse | undefined;
          try {
            parsed = apiResponse.parse(JSON.parse(text));
          } catch {
            parsed = undefined;
          }
          if (parsed?.status === "success") resolve(parsed);
          else reject(fail(res, text, promql, url, parsed));
        });
        res.on("error", (err) => reject(new MetricsUnavailableError(shownUrl, err.message, { cause: err })));
      });
      // A whole-request deadline: a server that trickles bytes must not hold a gate past it.
      const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      req.on("error", (err) => {
        clearTimeout(deadline);
        reject(new MetricsUnavailableError(shownUrl, err.message, { cause: err }));
      });
      req.end(body);
    });

  return {
    url: shownUrl,
    async query(promql, at): Promise<InstantResult> {
      const r = await call("api/v1/query", { query: promql, ...(at !== undefined ? { time: seconds(at) } : {}) }, promql);
      const d = r.data;
      if (d.resultType !== "vector" && d.resultType !== "scalar") {
        // read as "no data", a range vector would keep a gate waiting out its timeout for nothing
        throw new MetricsQueryError(promql, `answered a ${d.resultType === "matrix" ? "range vector (matrix)" : d.resultType}; a gate needs an instant vector or a scalar, e.g. sum(increase(metric[1m])) rather than metric[1m]`);
      }
      const samples =
        d.resultType === "scalar"
          ? [{ labels: {}, value: num(d.result[1]) }]
          : d.result.map((s) => {
              if (!("value" in s)) throw new MetricsQueryError(promql, NATIVE_HISTOGRAMS);
              return { labels: s.metric, value: num(s.value[1]) };
            });
      return { at: at ?? Date.now(), samples, warnings: r.warnings ?? [] };
    },
    async queryRange(promql, startMs, endMs, stepSeconds): Promise<RangeResult> {
      const r = await call("api/v1/query_range", { query: promql, start: seconds(startMs), end: seconds(endMs), step: String(stepSeconds) }, promql);
      const d = r.data;
      if (d.resultType !== "matrix") throw new MetricsQueryError(promql, `expected a matrix, got ${d.resultType}`);
      if (d.result.some((s) => s.histograms?.length)) throw new MetricsQueryError(promql, NATIVE_HISTOGRAMS);
      return {
        series: d.result.map((s) => ({ labels: s.metric, points: (s.values ?? []).map(([t, v]) => ({ at: Math.round(t * 1000), value: num(v) })) })),
        warnings: r.warnings ?? [],
      };
    },
    async now() {
      // no `time` parameter: Prometheus evaluates at its own now
      const r = await call("api/v1/query", { query: "time()" }, "time()");
      if (r.data.resultType !== "scalar") throw new MetricsQueryError("time()", `answered a ${r.data.resultType}, not the scalar every PromQL engine gives`);
      return Math.round(num(r.data.result[1]) * 1000);
    },
  };
}
