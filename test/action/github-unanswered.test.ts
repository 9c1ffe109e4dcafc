/**
 * A GitHub that takes the connection and never answers (an overloaded GitHub Enterprise, a proxy
 * that swallows requests): the steps give up within the time they give GitHub, say that GitHub
 * did not answer (not a made-up 500), and the plan's outcome is in the job summary before the
 * issue is even asked for. The times are the tests' own (milliseconds); the action's are 15 s a
 * request, 30 s in all in the main step and 90 s in the post step.
 */
import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { createServer as createHttpServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHub, GITHUB_REQUEST_TIMEOUT_MS } from "../../action/github.ts";
import { MAIN_FILING_LIMITS, POST_FILING_LIMITS } from "../../action/postmortem.ts";
import { startGitHubApi, type GitHubApiServer } from "../helpers/github-api-server.ts";
import { pretendJob } from "./in-process.ts";

const TOKEN = "ghs_unansweredToken0123456789abcd";

/** A server that accepts every connection and says nothing. */
async function silentGitHub() {
  const sockets: Socket[] = [];
  let waiting: (() => void)[] = [];
  const server: Server = createTcpServer((socket) => {
    sockets.push(socket);
    waiting.forEach((resolve) => resolve());
    waiting = [];
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    /** Resolves at the next connection. */
    nextConnection: () => new Promise<void>((resolve) => waiting.push(resolve)),
    close: () => {
      sockets.forEach((s) => s.destroy());
      server.close();
    },
  };
}

/** Fails the test at `ms` rather than waiting for GitHub's 300 s. */
const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms).unref())]);

let silent: Awaited<ReturnType<typeof silentGitHub>>;
beforeAll(async () => {
  silent = await silentGitHub();
});
afterAll(() => silent?.close());

describe("a GitHub that never answers", () => {
  it("is given 15 s a request, and 30 s in all in the main step, 90 s in the post step", () => {
    expect(GITHUB_REQUEST_TIMEOUT_MS).toBe(15_000);
    expect(MAIN_FILING_LIMITS).toEqual({ requestMs: 15_000, totalMs: 30_000 });
    expect(POST_FILING_LIMITS).toEqual({ requestMs: 15_000, totalMs: 90_000 });
  });

  it("gives each request the time it is given, and says GitHub did not answer", async () => {
    const port = createGitHub({ token: TOKEN, apiUrl: silent.url, owner: "acme", repo: "shop", requestTimeoutMs: 300 });
    const started = Date.now();
    const err = await within(5_000, port.findIssueByMarker("<!-- firebreak:incident=acme/shop/runs/1 -->", "incident").catch((e: Error) => e));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((err as Error).message).toBe("GitHub did not answer GET /repos/acme/shop/issues within 300ms");
    expect((err as { status?: number }).status).toBeUndefined();
  });

  it("gives up on an answer whose headers came and whose body never ends", async () => {
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": "1000" });
      res.write("[");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = createGitHub({ token: TOKEN, apiUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, owner: "acme", repo: "shop", requestTimeoutMs: 300 });
      const err = await within(5_000, port.findIssueByMarker("<!-- firebreak:incident=acme/shop/runs/1 -->").catch((e: Error) => e));
      expect((err as Error).message).toBe("GitHub did not answer GET /repos/acme/shop/issues within 300ms");
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("main step: the job summary and the failed step come at once, and the filing gives up within its time, saying GitHub did not answer", { timeout: 60_000 }, async () => {
    const job = pretendJob("7101", { plan: "examples/checkout-api-rollback.ts", target: "sim", scenario: "schema-from-the-future", postmortem: "always" }, { apiUrl: silent.url, token: TOKEN });
    let summaryWhenAsked: string | undefined;
    let askedAt = 0;
    void silent.nextConnection().then(() => {
      summaryWhenAsked = job.summary();
      askedAt = Date.now();
    });
    const main = await within(30_000, job.main({ filingLimits: { requestMs: 400, totalMs: 1_000 } }));
    // GitHub was asked only once the outcome was written
    expect(summaryWhenAsked).toMatch(/^## 🟧 Firebreak: checkout-api-rollback — failed-safe/);
    expect(Date.now() - askedAt).toBeLessThan(2_500);
    expect(main.failed).toBe(true);
    expect(main.log).toContain("::error::Plan checkout-api-rollback ended failed-safe");
    expect(main.log).toContain(
      "::warning::Could not file the postmortem issue (the post step tries again): Cannot file the postmortem issue in acme/shop (GitHub did not answer GET /repos/acme/shop/issues within 400ms).",
    );
    expect(main.log).not.toMatch(/answered 500|Headers Timeout/);
    expect(job.outputs()).toMatchObject({ status: "failed-safe" });
    expect(job.outputs()["postmortem-url"]).toBeUndefined();

    // the post step tries again, as long as it is given, and says the same
    const post = await within(10_000, job.post({ filingLimits: { requestMs: 400, totalMs: 1_500 } }));
    expect(post.ms).toBeLessThan(2_500);
    expect(post.log).toMatch(/::warning::Firebreak post step: Cannot file the postmortem issue in acme\/shop \(GitHub did not answer GET \/repos\/acme\/shop\/issues within 400ms\)\./);
    expect(post.failed).toBe(false);
  });
});

describe("a GitHub that answers, slowly", () => {
  let slow: GitHubApiServer;
  beforeAll(async () => {
    slow = await startGitHubApi({ token: TOKEN });
  });
  afterAll(() => slow?.close());

  it("main step: stops filing once the time it gives the whole filing is up, and says so", { timeout: 60_000 }, async () => {
    slow.delayMs = 250;
    const job = pretendJob("7102", { plan: "examples/checkout-api-rollback.ts", target: "sim", scenario: "schema-from-the-future", postmortem: "always" }, { apiUrl: slow.url, token: TOKEN });
    const main = await within(30_000, job.main({ filingLimits: { requestMs: 1_000, totalMs: 600 } }));
    expect(main.log).toMatch(
      /::warning::Could not file the postmortem issue \(the post step tries again\): Cannot file the postmortem issue in acme\/shop \(GitHub did not answer in time: filing the postmortem issue took longer than the 600ms it is given \(gave up on (GET|POST) \/repos\/acme\/shop\/[a-z/]+\)\)\./,
    );
    expect(slow.failures).toEqual([]);
  });

  it("main step: writes the summary before it asks GitHub, then replaces it with one that links the issue", { timeout: 60_000 }, async () => {
    slow.delayMs = 100;
    const job = pretendJob("7103", { plan: "examples/checkout-api-rollback.ts", target: "sim", scenario: "schema-from-the-future", postmortem: "always" }, { apiUrl: slow.url, token: TOKEN });
    const summaries: string[] = [];
    slow.onRequest = () => void (summaries.length === 0 && summaries.push(job.summary()));
    const main = await job.main();
    slow.onRequest = undefined;
    const url = job.outputs()["postmortem-url"]!;
    expect(url).toMatch(/^https:\/\/github\.com\/acme\/shop\/issues\/\d+$/);
    expect(main.log).toContain(`Postmortem filed: ${url}`);
    expect(summaries[0]).toMatch(/^## 🟧 Firebreak: checkout-api-rollback — failed-safe/);
    expect(summaries[0]).not.toContain(url);
    // one summary, now with the issue's link
    expect(job.summary().match(/^## 🟧 Firebreak/gm)).toHaveLength(1);
    expect(job.summary()).toContain(url);
    expect(slow.failures).toEqual([]);
  });
});
