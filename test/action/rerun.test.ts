/**
 * A re-run (a new attempt of the workflow run) on the postmortem issue people have been working
 * in: what they wrote stays, the new attempt's labels and assignees are applied, on a loopback
 * GitHub that checks every request against GitHub's OpenAPI description.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readContext } from "../../action/context.ts";
import { createGitHub } from "../../action/github.ts";
import { readSettings, type InputName } from "../../action/inputs.ts";
import { GITHUB_BODY_LIMIT } from "../../action/issue.ts";
import { filePostmortem } from "../../action/postmortem.ts";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { startGitHubApi, type GitHubApiServer } from "../helpers/github-api-server.ts";
import { cancelled, failedSafe, JournalBuilder, route, successEvidence } from "../postmortem/fixtures.ts";
import { runnerInputs } from "./helpers.ts";

const TOKEN = "ghs_rerunToken0123456789abcdef";
let gh: GitHubApiServer;
beforeAll(async () => {
  gh = await startGitHubApi({ token: TOKEN, collaborators: ["octocat", "hubot"] });
});
afterAll(() => gh?.close());

/** Files attempt `attempt` of run `runId` with the given inputs; returns what it logged. */
async function attempt(runId: string, n: number, events: JournalEvent[], given: Partial<Record<InputName, string>>) {
  const raw = runnerInputs({ plan: "plans/rollback.ts", ...given }, TOKEN);
  const said: string[] = [];
  const url = await filePostmortem({
    settings: readSettings((name) => raw[name] ?? ""),
    ctx: readContext({ GITHUB_REPOSITORY: "acme/shop", GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: String(n), GITHUB_JOB: "plan", GITHUB_ACTION: "firebreak", GITHUB_API_URL: gh.url }),
    events,
    logger: { info: (m) => said.push(`info: ${m}`), warning: (m) => said.push(`warning: ${m}`) },
    github: createGitHub,
  });
  return { url, said };
}

const issueOf = (runId: string) => gh.issues.find((i) => i.body.startsWith(`<!-- firebreak:incident=acme/shop/runs/${runId}/`))!;

describe("a re-run on the postmortem issue", () => {
  it("keeps the description people edited, adds the attempt's postmortem as a comment, and applies its labels and assignees", async () => {
    await attempt("900", 1, failedSafe(), { severity: "sev3", assignees: "octocat" });
    const issue = issueOf("900");
    // Responders fill in the review on GitHub (its web editor saves CRLF line ends).
    const WRITTEN = "1. The 2.0.0 migration added a NOT NULL column that 1.9.x cannot write.";
    issue.body = issue.body.replace("\n1.\n", `\n${WRITTEN}\n`).replace("- [ ] ", "- [x] ").replace(/\n/g, "\r\n");
    issue.title = "Checkout 5xx after 2.0.0";
    const edited = issue.body;

    const second = await attempt("900", 2, cancelled({ restored: true }), { severity: "sev1", assignees: "octocat, hubot, ghost" });
    expect(second.url).toBe(`https://github.com/acme/shop/issues/${issue.number}`);
    expect(gh.issues.filter((i) => i.body.includes("firebreak:incident=acme/shop/runs/900/"))).toHaveLength(1);
    expect(issue.body).toBe(edited);
    expect(issue.title).toBe("Checkout 5xx after 2.0.0");
    expect(issue.comments).toHaveLength(1);
    const comment = issue.comments[0]!;
    expect(comment).toMatch(/^<!-- firebreak:attempt-comment=2 -->\nAttempt 2 of the \[workflow run\]\(https:\/\/github\.com\/acme\/shop\/actions\/runs\/900\/attempts\/2\) ended \*\*cancelled\*\*\. The description was edited since Firebreak wrote it, so it stays as it is; this attempt's postmortem follows\.\n\n/);
    for (const heading of ["## Summary", "## Timeline", "## Action items"]) expect(comment).toContain(heading);
    expect(comment.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);

    expect(issue.labels).toEqual(["incident", "postmortem", "severity:sev3", "severity:sev1"]);
    expect(gh.labels.get("severity:sev1")).toEqual({ name: "severity:sev1", color: "b60205", description: "Incident severity" });
    expect(issue.assignees).toEqual(["octocat", "hubot"]);
    expect(second.said).toEqual([
      "warning: GitHub did not assign ghost to the issue: only users with access to the repository can be assigned.",
      expect.stringMatching(/^info: Postmortem of attempt 2 added as a comment: https:\/\/github\.com\/acme\/shop\/issues\/\d+#issuecomment-\d+ \(the issue's description was edited since Firebreak wrote it, so it stays as it is\)$/),
    ]);
    expect(gh.failures).toEqual([]);
  });

  it("comments once when GitHub fails to add a label after the comment, saying so in a warning rather than filing again", async () => {
    await attempt("903", 1, failedSafe(), {});
    const issue = issueOf("903");
    issue.body = issue.body.replace("\n1.\n", "\n1. The migration was not backward compatible.\n");
    gh.fail("issues/add-labels", 500, 1);

    const second = await attempt("903", 2, cancelled({ restored: true }), { severity: "sev1", assignees: "octocat" });
    expect(second.url).toBe(`https://github.com/acme/shop/issues/${issue.number}`);
    expect(issue.comments).toHaveLength(1);
    expect(issue.labels).toEqual(["incident", "postmortem"]);
    expect(issue.assignees).toEqual(["octocat"]); // what failed did not stop the rest
    expect(second.said).toEqual([
      `warning: Postmortem issue #${issue.number} reports this attempt, but GitHub did not add the labels severity:sev1 (GitHub answered 500: Server Error - https://docs.github.com/rest): add them on the issue by hand.`,
      expect.stringMatching(/^info: Postmortem of attempt 2 added as a comment: /),
    ]);
    expect(gh.failures).toEqual([]);
  });

  it("replaces a description nobody edited, even one GitHub's editor saved with CRLF line ends", async () => {
    await attempt("901", 1, failedSafe(), {});
    const issue = issueOf("901");
    issue.body = issue.body.replace(/\n/g, "\r\n");
    const second = await attempt("901", 2, cancelled({ restored: true }), {});
    expect(second.said).toEqual([`info: Postmortem updated: ${second.url} (commented on this attempt)`]);
    expect(issue.title).toMatch(/— cancelled \(run 901\)$/);
    expect(issue.body).not.toContain("\r\n");
    expect(issue.body.trimEnd()).toMatch(/<!-- firebreak:attempt=2 sha256=[0-9a-f]{64} -->$/);
    expect(issue.comments).toEqual([expect.stringMatching(/ended \*\*cancelled\*\*\. The description now reports this attempt\.$/)]);
    expect(gh.requests.filter((r) => r.path.startsWith(`/repos/acme/shop/issues/${issue.number}/`)).map((r) => r.operation)).toEqual(["issues/list-comments", "issues/create-comment"]); // labels and assignees already there
    expect(gh.failures).toEqual([]);
  });

  it("keeps the title people gave the issue while it brings the description they left alone up to date", async () => {
    await attempt("902", 1, failedSafe(), {});
    const issue = issueOf("902");
    issue.title = "SEV2: checkout 5xx after 2.0.0";
    await attempt("902", 2, cancelled({ restored: true }), {});
    expect(issue.title).toBe("SEV2: checkout 5xx after 2.0.0");
    expect(issue.body.trimEnd()).toMatch(/<!-- firebreak:attempt=2 sha256=[0-9a-f]{64} -->$/);
    expect(gh.failures).toEqual([]);
  });
});

describe("a re-run when the issue lost its incident label", () => {
  it("finds the first attempt's issue by its marker alone, puts the label back, and files no duplicate", async () => {
    await attempt("904", 1, failedSafe(), {});
    const issue = issueOf("904");
    // someone deleted the label in the repository's settings: GitHub takes it off every issue
    gh.labels.delete("incident");
    issue.labels = issue.labels.filter((l) => l !== "incident");

    const second = await attempt("904", 2, cancelled({ restored: true }), {});
    expect(second.url).toBe(`https://github.com/acme/shop/issues/${issue.number}`);
    expect(gh.issues.filter((i) => i.body.includes("firebreak:incident=acme/shop/runs/904/"))).toHaveLength(1);
    expect(issue.comments).toEqual([expect.stringMatching(/ended \*\*cancelled\*\*\. The description now reports this attempt\.$/)]);
    expect(issue.labels).toContain("incident");
    expect(gh.labels.get("incident")).toMatchObject({ color: "d73a4a" });
    expect(gh.failures).toEqual([]);
  });
});

describe("a re-run when people wrote above the hidden marker", () => {
  const marker = (runId: string) => `<!-- firebreak:incident=acme/shop/runs/${runId}/plan/firebreak -->`;
  const issuesOf = (runId: string) => gh.issues.filter((i) => i.body.split(/\r?\n/).includes(marker(runId)));

  it("finds the issue under a status line people added on top, comments on it and files no duplicate", async () => {
    await attempt("910", 1, failedSafe(), {});
    const [issue] = issuesOf("910");
    issue!.body = "**Status: mitigated, IC @alice**\r\n\r\n" + issue!.body.replace(/\n/g, "\r\n");

    const second = await attempt("910", 2, cancelled({ restored: true }), {});
    expect(issuesOf("910")).toHaveLength(1);
    expect(second.url).toBe(`https://github.com/acme/shop/issues/${issue!.number}`);
    expect(issue!.body.startsWith("**Status: mitigated, IC @alice**")).toBe(true); // theirs: commented, not replaced
    expect(issue!.comments).toEqual([expect.stringMatching(/^<!-- firebreak:attempt-comment=2 -->\nAttempt 2 of the .* ended \*\*cancelled\*\*\. The description was edited since Firebreak wrote it/)]);
    expect(gh.failures).toEqual([]);
  });

  it("is not misled by a newer issue whose plan wrote that marker into its report: inputs, notes, step names, errors, queries", async () => {
    await attempt("912", 1, failedSafe(), {});
    const [own] = issuesOf("912");
    own!.body = "Status: monitoring\n\n" + own!.body;
    // another incident's plan, filed later, puts run 912's marker on lines of their own wherever it can
    const forged = `\n${marker("912")}\n`;
    const j = new JournalBuilder().start(`forger${forged}`, { inputs: { reason: forged, note: marker("912") } });
    j.after(1_000).step(`declare${forged}`).add({ type: "safe-state-declared", description: `safe${forged}`, route, split: { stable: 100, release: 0 } }).endStep();
    j.after(1_000).step(`canary${forged}`).split(99, 1).add({ type: "note", text: forged });
    j.gate(`canary${forged}`, "failed", `reason${forged}`, successEvidence([0.5, 0.4], j.now, () => "failed").map((e) => ({ ...e, query: forged })));
    j.endStep({ name: "GateFailedError", message: forged });
    j.add({ type: "recommendation", text: forged, reason: forged });
    const events = j.impact([0.2, 0.1]).finish("failed-safe", { error: { name: "GateFailedError", message: forged } }).events;
    events.forEach((e) => e.type === "impact" && (e.query = forged));
    await attempt("911", 1, events, {});
    const other = gh.issues.at(-1)!;
    expect(other.body).toContain(marker("912")); // in its code blocks, verbatim
    const otherBefore = JSON.stringify(other);

    const rerun = await attempt("912", 2, cancelled({ restored: true }), {});
    expect(rerun.url).toBe(`https://github.com/acme/shop/issues/${own!.number}`);
    expect(JSON.stringify(other)).toBe(otherBefore);
    expect(own!.comments).toHaveLength(1);
    expect(gh.failures).toEqual([]);
  });

  it("posts one comment per attempt even when people wrote above the comment's own marker before the post step filed again", async () => {
    await attempt("913", 1, failedSafe(), {});
    const issue = gh.issues.at(-1)!;
    // the main step of attempt 2 comments, then GitHub fails the description's update: the post step files again
    gh.fail("issues/update", 502, 1);
    await expect(attempt("913", 2, cancelled({ restored: true }), {})).rejects.toThrow(/GitHub answered 502/);
    expect(issue.comments).toHaveLength(1);
    issue.comments[0] = "Ack, @bob is on it.\n\n" + issue.comments[0];
    await attempt("913", 2, cancelled({ restored: true }), {});
    expect(issue.comments).toHaveLength(1);
    expect(issue.body.trimEnd()).toMatch(/<!-- firebreak:attempt=2 sha256=[0-9a-f]{64} -->$/);
    expect(gh.failures).toEqual([]);
  });
});

describe("a re-run once hundreds of newer incident issues were filed", () => {
  it("finds the first attempt's issue through GitHub's search, by its run id and then its marker, and files no duplicate", async () => {
    await attempt("920", 1, failedSafe(), {});
    const issue = gh.issues.at(-1)!;
    // a busy repository: 520 newer incident issues (5 pages of 100 and more), two naming the run without being its issue
    gh.issues.push({ number: gh.issues.length + 1, title: "Flaky deploy in run 920", body: "see https://github.com/acme/shop/actions/runs/920", labels: ["incident"], assignees: [], state: "open", comments: [] });
    for (let k = 0; k < 520; k++) gh.issues.push({ number: gh.issues.length + 1, title: `Postmortem: other — failed-safe (run ${5000 + k})`, body: `<!-- firebreak:incident=acme/shop/runs/${5000 + k}/plan/firebreak -->\n`, labels: ["incident"], assignees: [], state: "closed", comments: [] });
    gh.issues.push({ number: gh.issues.length + 1, title: "Follow-up of run 920", body: "> <!-- firebreak:incident=acme/shop/runs/920/plan/firebreak -->", labels: ["incident"], assignees: [], state: "open", comments: [] });
    const count = gh.issues.length;

    const second = await attempt("920", 2, cancelled({ restored: true }), {});
    expect(second.url).toBe(`https://github.com/acme/shop/issues/${issue.number}`);
    expect(gh.issues).toHaveLength(count);
    expect(issue.comments).toHaveLength(1);
    const searched = gh.requests.filter((r) => r.operation === "search/issues-and-pull-requests");
    expect(searched.map((r) => r.query.q)).toEqual(['repo:acme/shop is:issue label:"incident" in:title,body "920"']);
    expect(gh.failures).toEqual([]);
  });
});
