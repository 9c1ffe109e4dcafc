import { describe, expect, it, vi } from "vitest";
import type { GitHubPort, IssueRef, LabelSpec } from "../../action/github.ts";
import { fileIncidentIssue, GITHUB_BODY_LIMIT, incidentIssue, issueBody, type IssueContext, type IssueSettings } from "../../action/issue.ts";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { renderPostmortem } from "../../sdk/postmortem/index.ts";
import { cancelled, failedSafe, hugeJournal, JournalBuilder, previewRun, succeededCanary, truncated } from "../postmortem/fixtures.ts";

// renderPostmortem as it is, counting its calls: a long run's postmortem takes a while to render
vi.mock("../../sdk/postmortem/index.ts", async (original) => {
  const real = await original<typeof import("../../sdk/postmortem/index.ts")>();
  return { ...real, renderPostmortem: vi.fn(real.renderPostmortem) };
});

/** A hand-written GitHub with failure switches, recording each call's arguments. */
function fakeGitHub(options: { collaborators?: string[]; failOn?: keyof GitHubPort } = {}) {
  const issues: IssueRef[] = [];
  const calls: [string, unknown][] = [];
  const labels = new Set<string>();
  const comments: { number: number; body: string }[] = [];
  const guard = (name: keyof GitHubPort) => {
    if (options.failOn === name) throw Object.assign(new Error(`${name} failed`), { status: 502 });
  };
  const port: GitHubPort = {
    async findIssueByMarker(marker, label) {
      calls.push(["findIssueByMarker", { marker, label }]);
      guard("findIssueByMarker");
      return issues.find((i) => i.body.startsWith(marker)); // as the real port: the body's first line
    },
    async createIssue(issue) {
      calls.push(["createIssue", { ...issue, body: `${issue.body.length} chars` }]);
      guard("createIssue");
      const refused = issue.assignees.find((a) => options.collaborators && !options.collaborators.includes(a));
      if (refused) throw Object.assign(new Error(`Validation Failed: Could not resolve to a User with the login of '${refused}'.`), { status: 422 });
      const ref = { number: issues.length + 1, url: `https://github.com/acme/shop/issues/${issues.length + 1}`, title: issue.title, body: issue.body, labels: issue.labels, assignees: issue.assignees };
      issues.push(ref);
      return ref;
    },
    async updateIssue(number, change) {
      calls.push(["updateIssue", { number, title: change.title }]);
      guard("updateIssue");
      const issue = issues.find((i) => i.number === number)!;
      Object.assign(issue, change);
      return issue;
    },
    async comment(number, body) {
      calls.push(["comment", { number, body }]);
      guard("comment");
      comments.push({ number, body });
      return `https://github.com/acme/shop/issues/${number}#issuecomment-${comments.length}`;
    },
    async findComment(number, marker) {
      calls.push(["findComment", { number, marker }]);
      const at = comments.findIndex((c) => c.number === number && c.body.startsWith(marker));
      return at < 0 ? undefined : `https://github.com/acme/shop/issues/${number}#issuecomment-${at + 1}`;
    },
    async addLabels(number, names) {
      calls.push(["addLabels", { number, names }]);
      issues.find((i) => i.number === number)!.labels.push(...names);
    },
    async addAssignees(number, logins) {
      calls.push(["addAssignees", { number, logins }]);
      const issue = issues.find((i) => i.number === number)!;
      issue.assignees.push(...logins.filter((l) => !options.collaborators || options.collaborators.includes(l)));
      return issue.assignees;
    },
    async canBeAssigned(login) {
      calls.push(["canBeAssigned", login]);
      return !options.collaborators || options.collaborators.includes(login);
    },
    async ensureLabels(specs: LabelSpec[]) {
      calls.push(["ensureLabels", specs.map((l) => l.name)]);
      specs.forEach((l) => labels.add(l.name));
    },
  };
  return { port, issues, calls, options };
}

const ctx = (attempt = 1): IssueContext => ({
  incidentId: "acme/shop/runs/42",
  repository: "acme/shop",
  runId: "42",
  runAttempt: attempt,
  runUrl: `https://github.com/acme/shop/actions/runs/42${attempt > 1 ? `/attempts/${attempt}` : ""}`,
  commitSha: "0123456789abcdef0123456789abcdef01234567",
  dispatchedBy: "octocat",
  planFile: "plans/checkout-api-rollback.ts",
});
const settings: IssueSettings = { policy: "on-failure", labels: ["incident", "postmortem"], assignees: ["octocat"], severity: "sev2" };

describe("filing the postmortem issue", () => {
  it("creates one issue: labels made first, then the issue with title, labels and assignees", async () => {
    const gh = fakeGitHub();
    const result = await fileIncidentIssue(gh.port, failedSafe(), ctx(), settings);
    expect(result).toEqual({ filed: true, action: "created", number: 1, url: "https://github.com/acme/shop/issues/1", commented: false, warnings: [] });
    expect(gh.calls).toEqual([
      ["findIssueByMarker", { marker: "<!-- firebreak:incident=acme/shop/runs/42 -->", label: "incident" }],
      ["ensureLabels", ["incident", "postmortem", "severity:sev2"]],
      ["createIssue", { title: "Postmortem: checkout-api-rollback — failed-safe (run 42)", body: expect.stringMatching(/^\d+ chars$/), labels: ["incident", "postmortem", "severity:sev2"], assignees: ["octocat"] }],
    ]);
    const body = gh.issues[0]!.body;
    expect(body.split("\n")[0]).toBe("<!-- firebreak:incident=acme/shop/runs/42 -->");
    for (const heading of ["## Summary", "## Context", "## Impact", "## Timeline", "## Changes", "## Gate evidence", "## Action items"]) expect(body).toContain(heading);
    expect(body).toContain("| Dispatched by | octocat |");
    expect(body).toContain("`0123456789abcdef0123456789abcdef01234567`");
    expect(body).toContain("[workflow run](https://github.com/acme/shop/actions/runs/42)");
  });

  it("updates and comments on a new attempt of the same run, never filing a duplicate", async () => {
    const gh = fakeGitHub();
    await fileIncidentIssue(gh.port, failedSafe(), ctx(1), settings);
    const second = await fileIncidentIssue(gh.port, cancelled({ restored: true }), ctx(2), settings);
    expect(second).toMatchObject({ filed: true, action: "updated", number: 1, commented: true });
    expect(gh.issues).toHaveLength(1);
    expect(gh.issues[0]!.title).toBe("Postmortem: checkout-api-rollback — cancelled (run 42)");
    expect(gh.calls.at(-1)).toEqual([
      "updateIssue",
      { number: 1, title: "Postmortem: checkout-api-rollback — cancelled (run 42)" },
    ]);
    expect(gh.calls.filter(([name]) => name === "comment")).toEqual([
      [
        "comment",
        {
          number: 1,
          body: "<!-- firebreak:attempt-comment=2 -->\nAttempt 2 of the [workflow run](https://github.com/acme/shop/actions/runs/42/attempts/2) ended **cancelled**. The description now reports this attempt.",
        },
      ],
    ]);
    // The same attempt filing again (main step, then post step) only refreshes the body.
    const again = await fileIncidentIssue(gh.port, cancelled({ restored: true }), ctx(2), settings);
    expect(again).toMatchObject({ action: "updated", commented: false });
    expect(gh.calls.filter(([name]) => name === "comment")).toHaveLength(1);
  });

  it("under on-failure, a re-run that succeeds brings the earlier attempt's issue up to date instead of leaving it failed", async () => {
    const gh = fakeGitHub();
    await fileIncidentIssue(gh.port, failedSafe(), ctx(1), settings);
    const second = await fileIncidentIssue(gh.port, succeededCanary(), ctx(2), settings);
    expect(second).toMatchObject({ filed: true, action: "updated", number: 1, commented: true });
    expect(gh.issues[0]!.title).toMatch(/— succeeded \(run 42\)$/);
    expect(gh.calls.filter(([name]) => name === "comment")).toEqual([["comment", { number: 1, body: expect.stringContaining("ended **succeeded**") }]]);
  });

  it("leaves another incident's issue alone when it quotes this run's markers (in a plan input)", async () => {
    const gh = fakeGitHub();
    const quoting = new JournalBuilder().start("checkout-api-rollback", { inputs: { reason: "see <!-- firebreak:incident=acme/shop/runs/42 --> <!-- firebreak:attempt=1 -->" } });
    await fileIncidentIssue(gh.port, quoting.finish("failed-safe").events, { ...ctx(), incidentId: "acme/shop/runs/300", runId: "300" }, settings);
    const before = { ...gh.issues[0]! };
    const quotingAttempt2 = new JournalBuilder().start("checkout-api-rollback", { inputs: { reason: "<!-- firebreak:attempt=2 -->" } }).finish("failed-safe").events;
    const mine = await fileIncidentIssue(gh.port, quotingAttempt2, ctx(1), settings);
    expect(mine).toMatchObject({ action: "created", number: 2 });
    expect(gh.issues[0]).toEqual(before);
    // and the attempt an issue reports is read from its trailer, not from a quote of it
    const again = await fileIncidentIssue(gh.port, quotingAttempt2, ctx(2), settings);
    expect(again).toMatchObject({ action: "updated", number: 2, commented: true });
  });

  it("comments once per attempt, when the comment failed or its answer was lost and the post step files again", async () => {
    const gh = fakeGitHub();
    const comments = () => gh.calls.filter(([name]) => name === "comment");
    await fileIncidentIssue(gh.port, failedSafe(), ctx(1), settings);
    // attempt 2's comment fails: the description is left reporting attempt 1, and the post step comments
    gh.options.failOn = "comment";
    await expect(fileIncidentIssue(gh.port, cancelled({ restored: true }), ctx(2), settings)).rejects.toThrow("comment failed");
    expect(gh.issues[0]!.title).toMatch(/— failed-safe \(run 42\)$/);
    gh.options.failOn = undefined;
    expect(await fileIncidentIssue(gh.port, cancelled({ restored: true }), ctx(2), settings)).toMatchObject({ action: "updated", commented: true });
    expect(comments()).toHaveLength(2); // the one that failed, and the one that landed
    // attempt 3's comment lands but the update fails: the post step finds the comment and does not post it again
    gh.options.failOn = "updateIssue";
    await expect(fileIncidentIssue(gh.port, succeededCanary(), ctx(3), settings)).rejects.toThrow("updateIssue failed");
    gh.options.failOn = undefined;
    expect(await fileIncidentIssue(gh.port, succeededCanary(), ctx(3), settings)).toMatchObject({ action: "updated" });
    expect(comments().map(([, c]) => (c as { body: string }).body.split("\n")[0])).toEqual([
      "<!-- firebreak:attempt-comment=2 -->",
      "<!-- firebreak:attempt-comment=2 -->",
      "<!-- firebreak:attempt-comment=3 -->",
    ]);
    expect(gh.issues[0]!.title).toMatch(/— succeeded \(run 42\)$/);
  });

  it("an edited description gets one comment per attempt, whatever the number of filings", async () => {
    const gh = fakeGitHub();
    await fileIncidentIssue(gh.port, failedSafe(), ctx(1), settings);
    gh.issues[0]!.body += "\n1. Reviewed by the on-call.";
    const first = await fileIncidentIssue(gh.port, cancelled({ restored: true }), ctx(2), settings);
    const again = await fileIncidentIssue(gh.port, cancelled({ restored: true }), ctx(2), settings);
    expect(again).toMatchObject({ action: "commented", commentUrl: (first as { commentUrl: string }).commentUrl });
    expect(gh.calls.filter(([name]) => name === "comment")).toHaveLength(1);
  });

  it("comments instead of replacing a description whose trailer carries no hash of what was written (an earlier Firebreak's)", async () => {
    const gh = fakeGitHub();
    await fileIncidentIssue(gh.port, failedSafe(), ctx(1), settings);
    const issue = gh.issues[0]!;
    issue.body = issue.body.replace(/<!-- firebreak:attempt=1 sha256=[0-9a-f]{64} -->/, "<!-- firebreak:attempt=1 -->");
    const before = issue.body;
    expect(await fileIncidentIssue(gh.port, cancelled({ restored: true }), ctx(2), settings)).toMatchObject({ action: "commented", number: 1 });
    expect(issue.body).toBe(before);
    expect(gh.calls.filter(([name]) => name === "updateIssue")).toEqual([]);
  });

  it("renders the postmortem once per filing: for the description, or for the comment when people edited it", async () => {
    const gh = fakeGitHub();
    const renders = vi.mocked(renderPostmortem);
    const filing = async (attempt: number) => {
      renders.mockClear();
      await fileIncidentIssue(gh.port, cancelled({ restored: true }), ctx(attempt), settings);
      return renders.mock.calls.length;
    };
    expect(await filing(1)).toBe(1); // created
    expect(await filing(2)).toBe(1); // description replaced
    gh.issues[0]!.body += "\n1. Reviewed by the on-call.";
    expect(await filing(3)).toBe(1); // commented
    expect(gh.calls.filter(([name]) => name === "comment").at(-1)).toEqual(["comment", { number: 1, body: expect.stringContaining("this attempt's postmortem follows.\n\n<!-- firebreak:incident=acme/shop/runs/42 -->") }]);
  });

  it("files unassigned, with a warning, when GitHub refuses the assignees", async () => {
    const gh = fakeGitHub({ collaborators: [] });
    const result = await fileIncidentIssue(gh.port, failedSafe(), ctx(), settings);
    expect(result).toMatchObject({ filed: true, action: "created", warnings: [expect.stringMatching(/^GitHub refused the assignees octocat \(.*\); the issue was filed unassigned\.$/)] });
    expect(gh.issues).toHaveLength(1);
  });

  it("drops only the assignees GitHub refuses, and bots, keeping the rest", async () => {
    const gh = fakeGitHub({ collaborators: ["octocat", "hubot"] });
    const result = await fileIncidentIssue(gh.port, failedSafe(), ctx(), { ...settings, assignees: ["my-app[bot]", "octocat", "ghost", "hubot"] });
    expect(result).toMatchObject({
      filed: true,
      warnings: [
        "my-app[bot] left off the issue: a GitHub App's bot cannot be assigned.",
        expect.stringMatching(/^GitHub refused the assignees ghost \(.*'ghost'.*\); the issue was filed for octocat, hubot\.$/),
      ],
    });
    expect(gh.calls.filter(([name]) => name === "createIssue").map(([, a]) => (a as { assignees: string[] }).assignees)).toEqual([["octocat", "ghost", "hubot"], ["octocat", "hubot"]]);
  });

  it("lets other API failures through for the caller to report", async () => {
    await expect(fileIncidentIssue(fakeGitHub({ failOn: "findIssueByMarker" }).port, failedSafe(), ctx(), settings)).rejects.toThrow("findIssueByMarker failed");
  });

  it("files per policy: never; on-failure skips success; never for previews or plans that never started", async () => {
    const file = (events: JournalEvent[], policy: IssueSettings["policy"]) => fileIncidentIssue(fakeGitHub().port, events, ctx(), { ...settings, policy });
    expect(await file(failedSafe(), "never")).toEqual({ filed: false, reason: "postmortem is never" });
    expect(await file(succeededCanary(), "on-failure")).toEqual({ filed: false, reason: "the run succeeded and postmortem is on-failure" });
    expect(await file(succeededCanary(), "always")).toMatchObject({ filed: true });
    expect(await file(truncated(), "on-failure")).toMatchObject({ filed: true });
    expect(await file(previewRun(), "always")).toEqual({ filed: false, reason: "a preview changes nothing" });
    expect(await file([], "always")).toMatchObject({ filed: false, reason: expect.stringContaining("never started") });
  });

  it("titles a journal without plan-finished as did not finish", () => {
    expect(incidentIssue(truncated(), ctx(), settings).title).toBe("Postmortem: checkout-api-rollback — did not finish (run 42)");
  });

  it("keeps the body under GitHub's 65,536-character limit for a very long run", () => {
    const body = issueBody(hugeJournal(20_000), ctx());
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    for (const heading of ["## Summary", "## Timeline", "## Gate evidence", "## Action items"]) expect(body).toContain(heading);
    expect(body).toContain("https://github.com/acme/shop/actions/runs/42#artifacts"); // offered where rows were cut
  });

  it("keeps every heading and the checklist when a run left a 35 KB ConfigMap value changed, naming its length instead", () => {
    const cm = { apiVersion: "v1", kind: "ConfigMap", namespace: "prod", name: "checkout-nginx" };
    const conf = (upstream: string) => Array.from({ length: 900 }, (_, i) => `location /v${i} { proxy_pass ${upstream}; }`).join("\n");
    // a Kustomize step rewrote the ConfigMap, then the runner died: the post step files from this journal
    const j = new JournalBuilder().start("checkout-api-rollback").step("apply overlay");
    j.add({ type: "change", object: cm, field: "data.nginx\\.conf", before: conf("http://v2"), after: conf("http://v1"), applied: true, action: "apply deploy/overlays/prod" });
    const body = issueBody(j.after(1_000).events, ctx());
    expect(conf("http://v1").length).toBeGreaterThan(35_000);
    for (const heading of ["## Summary", "## What is left where", "## Timeline", "## Changes", "## Action items"]) expect(body).toContain(heading);
    const items = body.slice(body.indexOf("## Action items")).match(/^- \[ \] .*/gm) ?? [];
    expect(items.find((i) => i.includes("Keep or undo what the run left changed: ConfigMap prod/checkout-nginx"))).toMatch(/… \(3\d,\d{3} characters; see the journal\)/);
    expect(body.length).toBeLessThan(20_000);
  });

  it("escapes injection through inputs and notes", () => {
    const j = new JournalBuilder().start("checkout-api-rollback", { inputs: { reason: "| broke <script>x</script> @octocat ping #1" } });
    j.after(1_000).add({ type: "note", text: "# not a heading [click](javascript:alert(1)) @security-team" });
    const body = issueBody(j.finish("failed-safe").events, ctx());
    const outsideCode = body.replace(/(`+)[^`][\s\S]*?\1/g, "");
    expect(outsideCode).toContain("not a heading"); // the note is shown…
    expect(outsideCode).not.toMatch(/<script|@security-team|@octocat|^# not a heading|[^\\]\]\(javascript/m); // …inert
  });
});
