import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MetricsQueryError, MetricsUnavailableError, UsageError } from "../../sdk/errors.ts";
import { createPrometheus } from "../../sdk/metrics/prometheus.ts";
import { freePort } from "../helpers/prometheus-server.ts";

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  form: Record<string, string>;
}

/** A loopback stand-in for Prometheus: records each request, answers with the current handler. */
let server: Server;
let url: string;
let seen: Seen[] = [];
let answer: (res: ServerResponse) => void;

const json = (status: number, body: unknown) => (res: ServerResponse) => {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
};
const vector = (value: string, warnings?: string[]) =>
  json(200, { status: "success", data: { resultType: "vector", result: [{ metric: { pod: "a" }, value: [1_700_000_000, value] }] }, ...(warnings ? { warnings } : {}) });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method!, path: req.url!, headers: req.headers, form: Object.fromEntries(new URLSearchParams(body)) });
      answer(res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
);
const reset = (a: (res: ServerResponse) => void) => {
  seen = [];
  answer = a;
};

describe("Prometheus client: its URL", () => {
  it.each([
    ["127.0.0.1:9090", 'Prometheus URL "127.0.0.1:9090" must start with http:// or https://, e.g. http://prometheus.monitoring:9090'],
    ["ftp://prometheus:21", 'Prometheus URL "ftp://prometheus:21" must start with http:// or https://, e.g. http://prometheus.monitoring:9090'],
    ["http://[::1", 'Prometheus URL "http://[::1" is not a URL; write it like http://prometheus.monitoring:9090'],
    ["admin:hunter2@prometheus:9090", 'Prometheus URL "…@prometheus:9090" must start with http:// or https://, e.g. http://prometheus.monitoring:9090'],
  ])("refuses %s when made, naming the fix and never a password", (bad, message) => {
    expect(() => createPrometheus({ url: bad })).toThrow(new UsageError(message));
  });
});

describe("Prometheus client: a URL with a path prefix and a query string", () => {
  it("asks under the prefix, with the query string on every request (a gateway's API key), and never shows it", async () => {
    reset(vector("1"));
    await createPrometheus({ url: `${url}/prom?api_key=abc123#frag` }).query("up");
    expect(seen.map((r) => r.path)).toEqual(["/prom/api/v1/query?api_key=abc123"]);
    reset(json(500, {}));
    const err = (await createPrometheus({ url: `${url}/prom?api_key=abc123` }).query("up").catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(`Prometheus at ${url}/prom/ is unreachable`);
    expect(err.message).not.toContain("abc123");
  });
});

describe("Prometheus client: its options", () => {
  it("refuses, when made, a timeout that is no number of milliseconds in reach, and a misspelt key, rather than calling every query unreachable", () => {
    for (const timeoutMs of ["10s", 0, -5, Number.NaN, 1e12]) {
      expect(() => createPrometheus({ url: "http://prometheus:9090", timeoutMs } as never)).toThrow(
        new UsageError("Prometheus client got an invalid option:", [{ path: "timeoutMs", message: `must be milliseconds above 0, at most 1h, e.g. 10000 for 10 s (got ${timeoutMs === "10s" ? '"10s"' : timeoutMs})` }]),
      );
    }
    // the misspelt credential's value is never shown
    expect(() => createPrometheus({ url: "http://prometheus:9090", timeotMs: 5000, bearer: "s3cret-token" } as never)).toThrow(
      new UsageError("Prometheus client got invalid options:", [
        { path: "timeotMs", message: "is not an option (did you mean timeoutMs?); the options are: url, headers, bearerToken, basicAuth, params, timeoutMs" },
        { path: "bearer", message: "is not an option; the options are: url, headers, bearerToken, basicAuth, params, timeoutMs" },
      ]),
    );
    expect(() => createPrometheus({ url: "http://prometheus:9090", timeoutMs: 3_600_000 })).not.toThrow();
  });
});

describe("Prometheus client: what it sends", () => {
  it("POSTs the query form-encoded under the URL's path prefix, with the evaluation time in seconds", async () => {
    reset(vector("1"));
    await createPrometheus({ url: `${url}/prometheus` }).query('sum(rate(x{a="b"}[1m]))', 1_700_000_000_500);
    expect(seen[0]).toMatchObject({ method: "POST", path: "/prometheus/api/v1/query", form: { query: 'sum(rate(x{a="b"}[1m]))', time: "1700000000.500" } });
    expect(seen[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("sends a bearer token, tenant headers and extra parameters (Mimir, Thanos)", async () => {
    reset(vector("1"));
    const m = createPrometheus({ url, bearerToken: "s3cret", headers: { "X-Scope-OrgID": "team-a" }, params: { partial_response: "false" } });
    await m.query("up");
    expect(seen[0]!.headers.authorization).toBe("Bearer s3cret");
    expect(seen[0]!.headers["x-scope-orgid"]).toBe("team-a");
    expect(seen[0]!.form).toEqual({ query: "up", partial_response: "false", timeout: "10.000" });
  });

  it("sends basic auth", async () => {
    reset(vector("1"));
    await createPrometheus({ url, basicAuth: { username: "grafana", password: "p:w" } }).query("up");
    expect(Buffer.from(seen[0]!.headers.authorization!.replace(/^Basic /, ""), "base64").toString()).toBe("grafana:p:w");
  });

  it("asks Prometheus to stop a query when the client stops waiting for it", async () => {
    reset(vector("1"));
    await createPrometheus({ url, timeoutMs: 2_500 }).query("up");
    expect(seen[0]!.form.timeout).toBe("2.500");
  });

  it.each([
    [{ bearerToken: "t", basicAuth: { username: "u", password: "p" } }, "bearerToken and basicAuth"],
    [{ bearerToken: "t", headers: { authorization: "Bearer other" } }, "bearerToken and authorization"],
  ])("refuses two credentials for the one Authorization header, naming both and never a secret", (auth, named) => {
    const make = () => createPrometheus({ url, ...auth });
    expect(make).toThrow(new UsageError(`Prometheus client: ${named} each set the Authorization header, and only one can be sent; give one of them`));
  });

  it("asks range queries with start, end and step", async () => {
    reset(json(200, { status: "success", data: { resultType: "matrix", result: [{ metric: {}, values: [[1_700_000_000, "1"], [1_700_000_010, "NaN"]] }] } }));
    const r = await createPrometheus({ url }).queryRange("up", 1_700_000_000_000, 1_700_000_010_000, 10);
    expect(seen[0]!.form).toEqual({ query: "up", start: "1700000000.000", end: "1700000010.000", step: "10", timeout: "10.000" });
    expect(r.series[0]!.points).toEqual([{ at: 1_700_000_000_000, value: 1 }, { at: 1_700_000_010_000, value: Number.NaN }]);
  });
});

describe("Prometheus client: what it makes of the answer", () => {
  it("keeps NaN and ±Inf as numbers, and scalars as one sample", async () => {
    reset(vector("NaN"));
    expect((await createPrometheus({ url }).query("x")).samples[0]!.value).toBeNaN();
    reset(vector("+Inf"));
    expect((await createPrometheus({ url }).query("x")).samples[0]!.value).toBe(Infinity);
    reset(json(200, { status: "success", data: { resultType: "scalar", result: [1_700_000_000, "0.25"] } }));
    expect((await createPrometheus({ url }).query("scalar(x)")).samples).toEqual([{ labels: {}, value: 0.25 }]);
  });

  it("returns Prometheus's warnings with the result", async () => {
    reset(vector("3", ["partial response: store 10.0.0.7:10901 unreachable"]));
    expect((await createPrometheus({ url }).query("x")).warnings).toEqual(["partial response: store 10.0.0.7:10901 unreachable"]);
  });

  it("turns a rejected query into MetricsQueryError with Prometheus's words", async () => {
    reset(json(400, { status: "error", errorType: "bad_data", error: 'parse error: unexpected "}"' }));
    const err = await createPrometheus({ url }).query("x}").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MetricsQueryError);
    expect((err as Error).message).toBe('Prometheus rejected the query x}: bad_data: parse error: unexpected "}"');
  });

  it("treats 5xx and query timeouts as unavailable, not as a bad query", async () => {
    reset(json(503, { status: "error", errorType: "unavailable", error: "too many queries" }));
    await expect(createPrometheus({ url }).query("x")).rejects.toBeInstanceOf(MetricsUnavailableError);
    reset(json(422, { status: "error", errorType: "timeout", error: "query timed out in expression evaluation" }));
    await expect(createPrometheus({ url }).query("x")).rejects.toThrow(/unreachable: HTTP 422 timeout/);
  });

  it("treats a rate limit (429, Mimir's too many outstanding requests) as the provider's trouble, not the query's", async () => {
    reset(json(429, { status: "error", errorType: "too_many_requests", error: "too many outstanding requests" }));
    await expect(createPrometheus({ url }).query("sum(up)")).rejects.toBeInstanceOf(MetricsUnavailableError);
  });

  it("refuses a range vector for an instant query, saying how to write it, instead of reading it as no data", async () => {
    reset(json(200, { status: "success", data: { resultType: "matrix", result: [{ metric: {}, values: [[1_700_000_000, "1"]] }] } }));
    const err = await createPrometheus({ url }).query("up[1m]").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MetricsQueryError);
    expect((err as Error).message).toMatch(/answered a range vector \(matrix\); a gate needs an instant vector or a scalar, e\.g\. sum\(increase\(metric\[1m\]\)\)/);
  });

  it("refuses native histogram samples, saying how to read a number out of them, instead of calling Prometheus unreachable", async () => {
    const histogram = { count: "12", sum: "3.5", buckets: [[0, "0.1", "0.2", "12"]] };
    reset(json(200, { status: "success", data: { resultType: "vector", result: [{ metric: {}, histogram: [1_700_000_000, histogram] }] } }));
    const err = await createPrometheus({ url }).query("sum(rate(http_request_duration_seconds[1m]))").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MetricsQueryError);
    expect((err as Error).message).toMatch(/answered native histogram samples, not numbers; .*e\.g\. histogram_quantile\(0\.99, sum\(rate\(metric\[1m\]\)\)\)/);
    reset(json(200, { status: "success", data: { resultType: "matrix", result: [{ metric: {}, histograms: [[1_700_000_000, histogram]] }] } }));
    await expect(createPrometheus({ url }).queryRange("http_request_duration_seconds", 1_700_000_000_000, 1_700_000_010_000, 10)).rejects.toThrow(/answered native histogram samples/);
  });

  it("says to check credentials on 401/403 and the path prefix on 404, never showing credentials, nor a proxy's page that may echo them", async () => {
    reset((res) => res.writeHead(401, { "Content-Type": "text/html" }).end("<h1>Unauthorized: Basic YWRtaW46aHVudGVyMg==</h1>"));
    const withUser = url.replace("http://", "http://admin:hunter2@");
    const err = (await createPrometheus({ url: `${withUser}/prom?token=abc` }).query("x").catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(MetricsUnavailableError);
    expect(err.message).toBe(
      `Prometheus at ${url}/prom/ refused the request: HTTP 401. Check the credentials (--prometheus-header / prometheus-headers, or the URL's user:password): a token that expired, a tenant not allowed.`,
    );
    expect(err.message).not.toMatch(/hunter2|admin|token=abc|YWRtaW46/);
    reset((res) => res.writeHead(404).end("404 page not found"));
    await expect(createPrometheus({ url }).query("x")).rejects.toThrow("HTTP 404 (check the URL's path prefix)");
  });

  it("says credentials, not the query, on a 401/403 in Prometheus's own JSON (Mimir, prom-label-proxy)", async () => {
    reset(json(401, { status: "error", errorType: "unauthorized", error: "invalid bearer token" }));
    const err = (await createPrometheus({ url, bearerToken: "s3cret-token" }).query("sum(up)").catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(MetricsUnavailableError);
    expect(err.message).toBe(
      `Prometheus at ${url}/ refused the request: HTTP 401, unauthorized: invalid bearer token. Check the credentials (--prometheus-header / prometheus-headers, or the URL's user:password): a token that expired, a tenant not allowed.`,
    );
    reset(json(403, { status: "error", errorType: "forbidden", error: "tenant not allowed" }));
    await expect(createPrometheus({ url }).query("sum(up)")).rejects.toThrow("refused the request: HTTP 403, forbidden: tenant not allowed");
  });

  it("names where a redirect points, under the path prefix, rather than calling Prometheus unreachable", async () => {
    reset((res) => res.writeHead(301, { Location: "https://user:pw@prom.example/prom/api/v1/query?x=1" }).end());
    await expect(createPrometheus({ url: `${url}/prom` }).query("x")).rejects.toThrow("HTTP 301: redirected to https://prom.example/prom/: use that URL (likely https://)");
    reset((res) => res.writeHead(302, { Location: "/oauth2/start?rd=%2Fapi%2Fv1%2Fquery" }).end());
    await expect(createPrometheus({ url }).query("x")).rejects.toThrow(
      `HTTP 302: redirected to ${url}/oauth2/start: if that is a sign-in page, a proxy in front of Prometheus wants credentials (headers, bearerToken); else use that URL`,
    );
  });

  it("gives up on a server that does not answer within the timeout", async () => {
    reset(() => {}); // never answers
    const t0 = Date.now();
    await expect(createPrometheus({ url, timeoutMs: 200 }).query("x")).rejects.toThrow(/unreachable: no answer within 200 ms/);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it("gives up on a server that trickles its answer past the timeout", async () => {
    reset((res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      const timer = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(timer));
    });
    await expect(createPrometheus({ url, timeoutMs: 300 }).query("x")).rejects.toThrow(/no answer within 300 ms/);
  });

  it("reports a refused connection as unreachable", async () => {
    const port = await freePort();
    await expect(createPrometheus({ url: `http://127.0.0.1:${port}` }).query("x")).rejects.toThrow(new RegExp(`Prometheus at http://127.0.0.1:${port}/ is unreachable: connect ECONNREFUSED`));
  });
});
