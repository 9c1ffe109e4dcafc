/**
 * The legs of a matrix job (one workflow run, one job id, one step id, a plan per service) are
 * told apart by the incident-key input: each files its own postmortem issue, and a re-run of one
 * leg finds its own issue again, on a loopback GitHub that checks every request against GitHub's
 * OpenAPI description.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidentId, journalPathFor, readContext } from "../../action/context.ts";
import { createGitHub } from "../../action/github.ts";
import { readSettings } from "../../action/inputs.ts";
import { filePostmortem } from "../../action/postmortem.ts";
import { startGitHubApi, type GitHubApiServer } from "../helpers/github-api-server.ts";
import { cancelled, failedSafe } from "../postmortem/fixtures.ts";
import { runnerInputs } from "./helpers.ts";

const TOKEN = "ghs_matrixLegsToken0123456789";
let gh: GitHubApiServer;
beforeAll(async () => {
  gh = await startGitHubApi({ token: TOKEN });
});
afterAll(() => gh?.close());

/** One leg of `strategy.matrix.service: [checkout, payments]`: the runner's variables are the same for both. */
function leg(service: string, attempt = 1) {
  const raw = runnerInputs({ plan: `plans/${service}-rollback.ts`, "incident-key": service }, TOKEN);
  const settings = readSettings((name) => raw[name] ?? "");
  const env = { GITHUB_REPOSITORY: "acme/shop", GITHUB_RUN_ID: "777", GITHUB_RUN_ATTEMPT: String(attempt), GITHUB_JOB: "rollback", GITHUB_ACTION: "firebreak", GITHUB_API_URL: gh.url, RUNNER_TEMP: "/home/runner/_temp" };
  return { settings, ctx: readContext(env, settings.incidentKey) };
}
const logger = { info: () => {}, warning: () => {} };

describe("matrix legs of one workflow run", () => {
  it("each file their own postmortem issue, and a re-run of one leg updates only its own", async () => {
    const checkout = leg("checkout");
    const payments = leg("payments");
    expect(incidentId(checkout.ctx)).toBe("acme/shop/runs/777/rollback/firebreak/checkout");
    expect(journalPathFor(checkout.ctx)).not.toBe(journalPathFor(payments.ctx)); // one self-hosted runner's temp directory

    const checkoutUrl = await filePostmortem({ ...checkout, events: failedSafe(), logger, github: createGitHub });
    const paymentsUrl = await filePostmortem({ ...payments, events: cancelled({ restored: true }), logger, github: createGitHub });
    expect(paymentsUrl).not.toBe(checkoutUrl);
    expect(gh.issues.map((i) => [i.body.split("\n")[0], i.title])).toEqual([
      ["<!-- firebreak:incident=acme/shop/runs/777/rollback/firebreak/checkout -->", "Postmortem: checkout-api-rollback — failed-safe (run 777)"],
      ["<!-- firebreak:incident=acme/shop/runs/777/rollback/firebreak/payments -->", "Postmortem: checkout-api-rollback — cancelled (run 777)"],
    ]);
    expect(gh.issues[0]!.body).toContain("plans/checkout-rollback.ts");

    const rerun = await filePostmortem({ ...leg("payments", 2), events: failedSafe(), logger, github: createGitHub });
    expect(rerun).toBe(paymentsUrl);
    expect(gh.issues).toHaveLength(2);
    expect(gh.issues[0]!.comments).toEqual([]);
    expect(gh.issues[1]!.comments).toEqual([expect.stringMatching(/^<!-- firebreak:attempt-comment=2 -->\nAttempt 2 of the .* ended \*\*failed-safe\*\*/)]);
    expect(gh.failures).toEqual([]);
  });
});
