import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  array,
  discriminatedUnion,
  literal,
  number,
  object,
  optional,
  providerUrlProblem,
  quoted,
  record,
  refuseIssues,
  shownProviderUrl,
  string,
  tuple,
  union,
  unknown,
  unknownKeys
} from "./chunk-ZT6CORZH.js";
import {
  MAX_REQUEST_TIMEOUT,
  requestTimeoutMs
} from "./chunk-6RCF7MMO.js";
import {
  MetricsQueryError,
  MetricsUnavailableError,
  UsageError
} from "./chunk-O5XZOHUO.js";

// sdk/metrics/prometheus.ts
var sampleValue = tuple([number(), string()]), labels = record(string(), string()), histogramSample = tuple([number(), record(string(), unknown())]), apiResponse = discriminatedUnion("status", [
  object({
    status: literal("success"),
    data: discriminatedUnion("resultType", [
      object({
        resultType: literal("vector"),
        result: array(union([object({ metric: labels, value: sampleValue }), object({ metric: labels, histogram: histogramSample })]))
      }),
      object({ resultType: literal("scalar"), result: sampleValue }),
      object({
        resultType: literal("matrix"),
        result: array(object({ metric: labels, values: optional(array(sampleValue)), histograms: optional(array(histogramSample)) }))
      }),
      object({ resultType: literal("string"), result: sampleValue })
    ]),
    warnings: optional(array(string()))
  }),
  object({ status: literal("error"), errorType: string(), error: string(), warnings: optional(array(string())) })
]), num = (s) => s === "+Inf" ? 1 / 0 : s === "-Inf" ? -1 / 0 : Number(s), DEFAULT_TIMEOUT_MS = 1e4, NATIVE_HISTOGRAMS = "answered native histogram samples, not numbers; a gate needs a number out of them, e.g. histogram_quantile(0.99, sum(rate(metric[1m]))) or histogram_count(sum(rate(metric[1m])))", seconds = (ms) => (ms / 1e3).toFixed(3);
function redirected(location, asked, base) {
  if (!location) return "a redirect without a Location";
  let to;
  try {
    to = new URL(location, asked);
  } catch {
    return "a redirect to a Location that is no URL";
  }
  let api = asked.pathname.slice(base.pathname.length), keptApi = to.pathname.endsWith(`/${api}`), https = asked.protocol === "http:" && to.protocol === "https:" ? " (likely https://)" : "", advice = keptApi || https ? `use that URL${https}` : "if that is a sign-in page, a proxy in front of Prometheus wants credentials (headers, bearerToken); else use that URL";
  return `redirected to ${to.origin}${keptApi ? to.pathname.slice(0, -api.length) : to.pathname}: ${advice}`;
}
var OPTIONS = ["url", "headers", "bearerToken", "basicAuth", "params", "timeoutMs"];
function optionIssues(options) {
  let issues = [...unknownKeys(options, OPTIONS), ...unknownKeys(options.basicAuth, ["username", "password"], "basicAuth")], t = options.timeoutMs;
  return t !== void 0 && (typeof t != "number" || requestTimeoutMs(t) === void 0) && issues.push({ path: "timeoutMs", message: `must be milliseconds above 0, at most ${MAX_REQUEST_TIMEOUT}, e.g. 10000 for 10 s (got ${quoted(t)})` }), issues;
}
function createPrometheus(options) {
  let problem = providerUrlProblem(options.url);
  if (problem) throw new UsageError(`Prometheus URL ${shownProviderUrl(options.url)} ${problem}`);
  refuseIssues("Prometheus client", optionIssues(options), UsageError);
  let base = new URL(options.url), query = base.search;
  base.search = "", base.hash = "", base.pathname.endsWith("/") || (base.pathname += "/");
  let givenAuth = [options.bearerToken && "bearerToken", options.basicAuth && "basicAuth", Object.keys(options.headers ?? {}).find((h) => h.toLowerCase() === "authorization")].filter(Boolean);
  if (givenAuth.length > 1) throw new UsageError(`Prometheus client: ${givenAuth.join(" and ")} each set the Authorization header, and only one can be sent; give one of them`);
  let timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS, headers = { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded", ...options.headers };
  options.bearerToken && (headers.Authorization = `Bearer ${options.bearerToken}`), options.basicAuth && (headers.Authorization = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString("base64")}`);
  let shownUrl = `${base.origin}${base.pathname}`, fail = (res, text, promql, asked, parsed) => {
    let status = res.statusCode ?? 0;
    if (status === 401 || status === 403) {
      let said = parsed?.status === "error" ? `, ${parsed.errorType}: ${parsed.error}` : "";
      return new MetricsUnavailableError(shownUrl, `HTTP ${status}${said}`, { refused: !0 });
    }
    if (status >= 300 && status < 400) return new MetricsUnavailableError(shownUrl, `HTTP ${status}: ${redirected(res.headers.location, asked, base)}`);
    if (parsed?.status === "error")
      return parsed.errorType === "timeout" || parsed.errorType === "unavailable" || parsed.errorType === "too_many_requests" || status >= 500 || status === 429 ? new MetricsUnavailableError(shownUrl, `HTTP ${status} ${parsed.errorType}: ${parsed.error}`) : new MetricsQueryError(promql, `${parsed.errorType}: ${parsed.error}`);
    let hint = status === 404 ? " (check the URL's path prefix)" : "";
    return new MetricsUnavailableError(shownUrl, `HTTP ${status}${hint}, not a Prometheus API answer: ${text.slice(0, 200)}`);
  }, call = (path, params, promql) => new Promise((resolve, reject) => {
    let url = new URL(path, base);
    url.search = query;
    let body = new URLSearchParams({ timeout: seconds(timeoutMs), ...options.params, ...params }).toString(), send = process.getBuiltinModule(url.protocol === "https:" ? "node:https" : "node:http").request, req = send(url, { method: "POST", headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) } }, (res) => {
      let chunks = [];
      res.on("data", (c) => chunks.push(c)), res.on("end", () => {
        clearTimeout(deadline);
        let text = Buffer.concat(chunks).toString("utf8"), parsed;
        try {
          parsed = apiResponse.parse(JSON.parse(text));
        } catch {
          parsed = void 0;
        }
        parsed?.status === "success" ? resolve(parsed) : reject(fail(res, text, promql, url, parsed));
      }), res.on("error", (err) => reject(new MetricsUnavailableError(shownUrl, err.message, { cause: err })));
    }), deadline = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on("error", (err) => {
      clearTimeout(deadline), reject(new MetricsUnavailableError(shownUrl, err.message, { cause: err }));
    }), req.end(body);
  });
  return {
    url: shownUrl,
    async query(promql, at) {
      let r = await call("api/v1/query", { query: promql, ...at !== void 0 ? { time: seconds(at) } : {} }, promql), d = r.data;
      if (d.resultType !== "vector" && d.resultType !== "scalar")
        throw new MetricsQueryError(promql, `answered a ${d.resultType === "matrix" ? "range vector (matrix)" : d.resultType}; a gate needs an instant vector or a scalar, e.g. sum(increase(metric[1m])) rather than metric[1m]`);
      let samples = d.resultType === "scalar" ? [{ labels: {}, value: num(d.result[1]) }] : d.result.map((s) => {
        if (!("value" in s)) throw new MetricsQueryError(promql, NATIVE_HISTOGRAMS);
        return { labels: s.metric, value: num(s.value[1]) };
      });
      return { at: at ?? Date.now(), samples, warnings: r.warnings ?? [] };
    },
    async queryRange(promql, startMs, endMs, stepSeconds) {
      let r = await call("api/v1/query_range", { query: promql, start: seconds(startMs), end: seconds(endMs), step: String(stepSeconds) }, promql), d = r.data;
      if (d.resultType !== "matrix") throw new MetricsQueryError(promql, `expected a matrix, got ${d.resultType}`);
      if (d.result.some((s) => s.histograms?.length)) throw new MetricsQueryError(promql, NATIVE_HISTOGRAMS);
      return {
        series: d.result.map((s) => ({ labels: s.metric, points: (s.values ?? []).map(([t, v]) => ({ at: Math.round(t * 1e3), value: num(v) })) })),
        warnings: r.warnings ?? []
      };
    },
    async now() {
      let r = await call("api/v1/query", { query: "time()" }, "time()");
      if (r.data.resultType !== "scalar") throw new MetricsQueryError("time()", `answered a ${r.data.resultType}, not the scalar every PromQL engine gives`);
      return Math.round(num(r.data.result[1]) * 1e3);
    }
  };
}

export {
  createPrometheus
};
