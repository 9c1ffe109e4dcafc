import { describe, expect, it } from "vitest";
import type { GitHubPort } from "../../action/github.ts";
import { readSettings, type InputName } from "../../action/inputs.ts";
import { readContext } from "../../action/context.ts";
import { filePostmortem, IssueFilingError } from "../../action/postmortem.ts";
import { failedSafe } from "../postmortem/fixtures.ts";
import { runnerInputs } from "./helpers.ts";

/** A GitHub whose every call fails as the given answer. */
function refusing(status: number, message: string): GitHubPort {
  const fail = async (): Promise<never> => {
    throw Object.assign(new Error(`${message} - https://docs.github.com/rest/issues/issues`), { status });
  };
  return { findIssueByMarker: fail, createIssue: fail, updateIssue: fail, comment: fail, findComment: fail, addLabels: fail, addAssignees: fail, canBeAssigned: fail, ensureLabels: fail };
}

const file = (github: GitHubPort, given: Partial<Record<InputName, string>>) => {
  const raw = runnerInputs({ plan: "plans/rollback.ts", postmortem: "always", ...given }, "ghs_token_1234");
  const settings = readSettings((name) => raw[name] ?? "");
  const logger = { info: () => {}, warning: () => {} };
  return filePostmortem({ settings, ctx: readContext({ GITHUB_REPOSITORY: "acme/shop", GITHUB_RUN_ID: "42" }), events: failedSafe(), logger, github: () => github }).catch((e: unknown) => e);
};

describe("filing the postmortem when GitHub refuses", () => {
  it("names the other repository and the token it needs, and does not promise a retry that would fail the same way", async () => {
    const err = await file(refusing(404, "Not Found"), { "postmortem-repo": "acme/postmortems" });
    expect(err).toBeInstanceOf(IssueFilingError);
    expect(err).toMatchObject({ retryable: false });
    expect((err as Error).message).toBe(
      "Cannot file the postmortem issue in acme/postmortems (GitHub answered 404: Not Found - https://docs.github.com/rest/issues/issues): " +
        "postmortem-repo is acme/postmortems: give the action a github-token with issues: write there (a fine-grained token or a GitHub App's; the workflow's own token reaches only its repository).",
    );
  });

  it("does not warn on a run that succeeded under on-failure when it cannot look for an earlier attempt's issue", async () => {
    const { succeededCanary } = await import("../postmortem/fixtures.ts");
    const raw = runnerInputs({ plan: "plans/rollback.ts", postmortem: "on-failure" }, "ghs_token_1234");
    const said: string[] = [];
    const url = await filePostmortem({
      settings: readSettings((name) => raw[name] ?? ""),
      ctx: readContext({ GITHUB_REPOSITORY: "acme/shop", GITHUB_RUN_ID: "42" }),
      events: succeededCanary(),
      logger: { info: (m) => said.push(`info: ${m}`), warning: (m) => said.push(`warning: ${m}`) },
      github: () => refusing(403, "Resource not accessible by integration"),
    });
    expect(url).toBeUndefined();
    expect(said).toEqual([expect.stringMatching(/^info: No postmortem issue: the run succeeded and postmortem is on-failure; an earlier attempt's issue could not be looked for: /)]);
  });

  it("says which permission the workflow lacks in its own repository; a 5xx may be tried again", async () => {
    const denied = await file(refusing(403, "Resource not accessible by integration"), {});
    expect((denied as Error).message).toMatch(/^Cannot file the postmortem issue in acme\/shop \(GitHub answered 403: .*\): give the workflow permissions: issues: write/);
    expect(await file(refusing(502, "Bad Gateway"), {})).toMatchObject({ retryable: true });
  });
});
