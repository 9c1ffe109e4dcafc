/**
 * The post step's filing when GitHub rate-limits or fails the issue: it waits as long as GitHub
 * asked (within a minute) and tries once more, on a loopback GitHub that checks every request
 * against GitHub's OpenAPI description. Sleeping is recorded, not done.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readContext } from "../../action/context.ts";
import { createGitHub } from "../../action/github.ts";
import { readSettings } from "../../action/inputs.ts";
import { filePostmortemPatiently, type FilingPatience } from "../../action/postmortem.ts";
import { startGitHubApi, type GitHubApiServer } from "../helpers/github-api-server.ts";
import { failedSafe } from "../postmortem/fixtures.ts";
import { runnerInputs } from "./helpers.ts";

const TOKEN = "ghs_rateLimitToken0123456789abcd";
const SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
const NOW = Date.parse("2026-11-24T03:20:00Z");
let gh: GitHubApiServer;
beforeAll(async () => {
  gh = await startGitHubApi({ token: TOKEN });
});
afterAll(() => gh?.close());

/** Files run `runId`'s postmortem from the post step; returns what it logged and how long it slept. */
async function post(runId: string, notBefore?: number) {
  const raw = runnerInputs({ plan: "plans/rollback.ts", postmortem: "always" }, TOKEN);
  const said: string[] = [];
  const slept: number[] = [];
  const patience: FilingPatience = { ...(notBefore ? { notBefore } : {}), now: () => NOW, sleep: async (ms) => void slept.push(ms) };
  const url = await filePostmortemPatiently(
    {
      settings: readSettings((name) => raw[name] ?? ""),
      ctx: readContext({ GITHUB_REPOSITORY: "acme/shop", GITHUB_RUN_ID: runId, GITHUB_JOB: "plan", GITHUB_ACTION: "firebreak", GITHUB_API_URL: gh.url }),
      events: failedSafe(),
      logger: { info: (m) => said.push(`info: ${m}`), warning: (m) => said.push(`warning: ${m}`) },
      github: createGitHub,
    },
    patience,
  ).catch((e: unknown) => e);
  return { url, said, slept, issues: gh.issues.filter((i) => i.body.includes(`firebreak:incident=acme/shop/runs/${runId}/`)) };
}

describe("the post step when GitHub rate-limits the postmortem issue", () => {
  it("waits the retry-after GitHub sent, then files the issue once", async () => {
    gh.fail("issues/create", 403, 1, { message: SECONDARY, headers: { "retry-after": "30" } });
    const { url, said, slept, issues } = await post("3001");
    expect(slept).toEqual([30_000]);
    expect(said).toContain("info: Waiting 30s for GitHub's rate limit before filing the postmortem issue.");
    expect(issues).toHaveLength(1);
    expect(url).toBe(`https://github.com/acme/shop/issues/${issues[0]!.number}`);
    expect(gh.failures).toEqual([]);
  });

  it("first waits out the limit the main step met, as long as is left of it", async () => {
    const { slept, issues } = await post("3002", NOW + 12_500);
    expect(slept).toEqual([12_500]);
    expect(issues).toHaveLength(1);
  });

  it("does not sit out a primary limit that resets in 40 minutes: the warning says when it lifts", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 40 * 60);
    gh.fail("issues/list-for-repo", 403, 1, { message: "API rate limit exceeded for installation ID 42.", headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset } });
    const { url, slept, issues } = await post("3003");
    expect(slept).toEqual([]);
    expect(issues).toEqual([]);
    expect((url as Error).message).toMatch(/^GitHub's rate limit \(GitHub answered 403: API rate limit exceeded for installation ID 42\..*\); it lifts at \d{4}-\d\d-\d\dT/);
    expect((url as Error).message).toContain(new Date(Number(reset) * 1000).toISOString().slice(0, 16));
  });

  it("tries a 502 again at once, and files one issue", async () => {
    gh.fail("issues/create", 502, 1);
    const { url, slept, issues } = await post("3004");
    expect(slept).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(typeof url).toBe("string");
  });
});
