import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TimeSeriesStore } from "../../sdk/sim/tsdb.ts";
import { startPrometheusApi, type PrometheusApi } from "../../sdk/sim/prometheus-api/index.ts";
import { formatFloatF, formatSampleValue, parseTimeParam } from "../../sdk/sim/prometheus-api/format.ts";

const T0 = Date.parse("2026-11-24T03:00:00Z");
const NOW = T0 + 300_000;
const secs = (ms: number) => ms / 1000;

let api: PrometheusApi;

beforeEach(async () => {
  const store = new TimeSeriesStore();
  for (let s = 0; s <= 300; s += 15) {
    store.append({ __name__: "http_requests_total", code: "200", pod: "a" }, T0 + s * 1000, 9 * s);
    store.append({ __name__: "http_requests_total", code: "500", pod: "a" }, T0 + s * 1000, s);
  }
  api = await startPrometheusApi({ store, now: () => NOW });
});
afterEach(() => api.close());

async function get(path: string, params: Record<string, string> = {}) {
  const res = await fetch(`${api.url}${path}?${new URLSearchParams(params)}`);
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}
const getJson = async (path: string, params: Record<string, string>) => {
  const r = await get(path, params);
  return { status: r.status, json: JSON.parse(r.body) };
};

describe("/api/v1/query", () => {
  it("answers an instant query at now() by default, in Prometheus's JSON", async () => {
    const r = await get("/api/v1/query", { query: 'http_requests_total{code="500"}' });
    expect(r.status).toBe(200);
    expect(r.type).toBe("application/json");
    expect(JSON.parse(r.body)).toEqual({
      status: "success",
      data: {
        resultType: "vector",
        result: [{ metric: { __name__: "http_requests_total", code: "500", pod: "a" }, value: [secs(NOW), "300"] }],
      },
    });
  });

  it("takes time as Unix seconds or RFC 3339, via GET or a form-encoded POST", async () => {
    const q = "sum(rate(http_requests_total[1m]))";
    const a = await getJson("/api/v1/query", { query: q, time: String(secs(T0 + 120_000)) });
    const b = await getJson("/api/v1/query", { query: q, time: "2026-11-24T03:02:00Z" });
    const res = await fetch(`${api.url}/api/v1/query`, {
      method: "POST",
      body: new URLSearchParams({ query: q, time: "2026-11-24T04:02:00+01:00" }),
    });
    const c = await res.json();
    const [[t, v]] = a.json.data.result.map((r: { value: [number, string] }) => r.value);
    expect(t).toBe(secs(T0 + 120_000));
    expect(Number(v)).toBeCloseTo(10, 12);
    expect(b.json).toEqual(a.json);
    expect(c).toEqual(a.json);
    expect(api.requests).toEqual([q, q, q]);
  });

  it("writes scalars, strings, NaN and infinities the way Prometheus does", async () => {
    const data = async (query: string) => (await getJson("/api/v1/query", { query, time: "1700000000" })).json.data;
    expect(await data("0.95")).toEqual({ resultType: "scalar", result: [1700000000, "0.95"] });
    expect(await data("1e21")).toEqual({ resultType: "scalar", result: [1700000000, "1000000000000000000000"] });
    expect(await data('"hello"')).toEqual({ resultType: "string", result: [1700000000, "hello"] });
    expect((await data("vector(0/0)")).result[0].value).toEqual([1700000000, "NaN"]);
    expect((await data("vector(1/0)")).result[0].value).toEqual([1700000000, "+Inf"]);
    expect((await data("vector(-1/0)")).result[0].value).toEqual([1700000000, "-Inf"]);
    expect((await data("vector(1e-7)")).result[0].value).toEqual([1700000000, "1e-07"]);
    expect((await data("http_requests_total[30s]")).resultType).toBe("matrix");
  });

  it("answers an empty vector when nothing matches", async () => {
    const r = await getJson("/api/v1/query", { query: 'sum(rate(http_requests_total{code="503"}[1m]))' });
    expect(r).toEqual({ status: 200, json: { status: "success", data: { resultType: "vector", result: [] } } });
  });

  it("reports bad queries and parameters as bad_data (400), failed evaluation as execution (422)", async () => {
    expect(await getJson("/api/v1/query", { query: "sum(rate(x[1m])" })).toEqual({
      status: 400,
      json: { status: "error", errorType: "bad_data", error: 'invalid parameter "query": 1:16: parse error: unclosed left parenthesis' },
    });
    expect(await getJson("/api/v1/query", { query: "up", time: "yesterday" })).toEqual({
      status: 400,
      json: {
        status: "error",
        errorType: "bad_data",
        error: `invalid parameter "time": Invalid time value for 'time': cannot parse "yesterday" to a valid timestamp`,
      },
    });
    expect((await getJson("/api/v1/query", { query: "up", timeout: "soon" })).json.error).toBe(
      'invalid parameter "timeout": cannot parse "soon" to a valid duration',
    );
    const exec = await getJson("/api/v1/query", { query: "http_requests_total / on(pod) http_requests_total" });
    expect(exec.status).toBe(422);
    expect(exec.json.errorType).toBe("execution");
    expect(exec.json.error).toMatch(/^found duplicate series for the match group \{pod="a"\}/);
  });
});

describe("/api/v1/query_range", () => {
  it("evaluates each step and answers a matrix", async () => {
    const r = await getJson("/api/v1/query_range", {
      query: 'http_requests_total{code="500"}',
      start: String(secs(T0)),
      end: String(secs(T0 + 60_000)),
      step: "30s",
    });
    expect(r).toEqual({
      status: 200,
      json: {
        status: "success",
        data: {
          resultType: "matrix",
          result: [
            {
              metric: { __name__: "http_requests_total", code: "500", pod: "a" },
              values: [
                [secs(T0), "0"],
                [secs(T0 + 30_000), "30"],
                [secs(T0 + 60_000), "60"],
              ],
            },
          ],
        },
      },
    });
  });

  it("takes step in seconds, and refuses more than 11,000 points like Prometheus", async () => {
    const params = { query: "vector(1)", start: "1700000000" };
    expect((await getJson("/api/v1/query_range", { ...params, end: "1700011000", step: "1" })).status).toBe(200);
    expect(await getJson("/api/v1/query_range", { ...params, end: "1700011001", step: "1" })).toEqual({
      status: 400,
      json: {
        status: "error",
        errorType: "bad_data",
        error: "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)",
      },
    });
  });

  it.each([
    [{ end: "1700000060", step: "15" }, 'invalid parameter "start": cannot parse "" to a valid timestamp'],
    [{ start: "1700000060", end: "1700000000", step: "15" }, 'invalid parameter "end": end timestamp must not be before start time'],
    [{ start: "1700000000", end: "1700000060", step: "0" }, 'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer'],
    [{ start: "1700000000", end: "1700000060", step: "often" }, 'invalid parameter "step": cannot parse "often" to a valid duration'],
  ])("refuses %j", async (params, error) => {
    expect(await getJson("/api/v1/query_range", { query: "up", ...params })).toEqual({
      status: 400,
      json: { status: "error", errorType: "bad_data", error },
    });
  });

  it("refuses range vectors, and reports parse errors without the parameter prefix", async () => {
    const range = { start: "1700000000", end: "1700000060", step: "15" };
    expect((await getJson("/api/v1/query_range", { query: "up[1m]", ...range })).json.error).toBe(
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    );
    expect((await getJson("/api/v1/query_range", { query: "up +", ...range })).json.error).toBe(
      "1:5: parse error: unexpected end of input",
    );
  });
});

describe("the rest of the surface", () => {
  it("serves buildinfo, readiness and health like Prometheus", async () => {
    const info = await getJson("/api/v1/status/buildinfo", {});
    expect(info.json.status).toBe("success");
    expect(Object.keys(info.json.data)).toEqual(["version", "revision", "branch", "buildUser", "buildDate", "goVersion"]);
    expect(await get("/-/ready")).toMatchObject({ status: 200, body: "Prometheus Server is Ready.\n" });
    expect(await get("/-/healthy")).toMatchObject({ status: 200, body: "Prometheus Server is Healthy.\n" });
    expect(await get("/api/v1/labels")).toMatchObject({ status: 404, body: "404 page not found\n" });
    const put = await fetch(`${api.url}/api/v1/query`, { method: "PUT" });
    expect([put.status, put.headers.get("allow")]).toEqual([405, "GET, POST, OPTIONS"]);
  });
});

describe("faults", () => {
  it("down(true) refuses connections; down(false) listens again on the same port", async () => {
    await get("/-/ready"); // leave a keep-alive connection open: going down must break it too
    await api.faults.down(true);
    // The kept-alive socket is cut (Node 20's fetch reports UND_ERR_SOCKET for it); a new connection is refused.
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const failed = await fetch(`${api.url}/-/ready`).catch((err: Error) => err);
      expect(failed).toBeInstanceOf(Error);
      codes.push(((failed as Error).cause as { code?: string }).code);
    }
    expect(codes.every((c) => c === "ECONNREFUSED" || c === "UND_ERR_SOCKET")).toBe(true);
    expect(codes.at(-1)).toBe("ECONNREFUSED");
    await api.faults.down(false);
    expect((await get("/-/ready")).status).toBe(200);
  });

  it("slow(ms) delays answers; past the query's timeout it answers 503 timeout", async () => {
    api.faults.slow(300);
    const started = Date.now();
    expect((await get("/api/v1/query", { query: "vector(1)" })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(await getJson("/api/v1/query", { query: "vector(1)", timeout: "0.1" })).toEqual({
      status: 503,
      json: { status: "error", errorType: "timeout", error: "query timed out in expression evaluation" },
    });
    api.faults.slow(0);
    const quick = Date.now();
    await get("/-/healthy");
    expect(Date.now() - quick).toBeLessThan(250);
  });
});

describe("value and time formats", () => {
  it.each([
    [0.95, "0.95", "0.95"],
    [1e21, "1e+21", "1000000000000000000000"],
    [3.3333333333333335e299, "3.3333333333333335e+299", `33333333333333335${"0".repeat(283)}`],
    [1e-6, "0.000001", "0.000001"],
    [1.5e-7, "1.5e-07", "0.00000015"],
    [-0, "-0", "-0"],
    [-42.5, "-42.5", "-42.5"],
    [123456789012, "123456789012", "123456789012"],
  ])("%d → sample %s, scalar %s", (v, sample, scalar) => {
    expect(formatSampleValue(v)).toBe(sample);
    expect(formatFloatF(v)).toBe(scalar);
  });

  it("reads times like Prometheus (fractions rounded to the ms, RFC 3339 offsets)", () => {
    expect(parseTimeParam("1700000300.1234")).toBe(1700000300123);
    expect(parseTimeParam("1700000300.0006")).toBe(1700000300001);
    expect(parseTimeParam("1700000300.0005")).toBe(1700000300000); // the float is 0.000499…, as in Go
    expect(parseTimeParam("2026-11-24T03:00:00.123456Z")).toBe(T0 + 123);
    expect(parseTimeParam("2026-11-24T04:00:00+01:00")).toBe(T0);
    expect(parseTimeParam("2026-11-24 03:00:00")).toBeUndefined();
    expect(parseTimeParam("")).toBeUndefined();
  });
});
