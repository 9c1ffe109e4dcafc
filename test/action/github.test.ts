import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHub, type GitHubPort } from "../../action/github.ts";
import { startGitHubApi, type GitHubApiServer } from "../helpers/github-api-server.ts";

const TOKEN = "ghs_port_test_token";
let gh: GitHubApiServer;
let port: GitHubPort;

beforeAll(async () => {
  gh = await startGitHubApi({ token: TOKEN, collaborators: ["octocat"] });
  port = createGitHub({ token: TOKEN, apiUrl: gh.url, owner: "acme", repo: "shop" });
});
afterAll(() => gh.close());

describe("the GitHub port, against GitHub's OpenAPI description", () => {
  it("creates missing labels once, and leaves existing ones alone", async () => {
    await port.ensureLabels([{ name: "incident", color: "d73a4a", description: "Firebreak incident" }, { name: "severity:sev2", color: "b60205", description: "Incident severity" }]);
    await port.ensureLabels([{ name: "incident", color: "000000", description: "changed" }]);
    expect(gh.labels.get("incident")).toEqual({ name: "incident", color: "d73a4a", description: "Firebreak incident" });
    expect(gh.labels.get("severity:sev2")?.color).toBe("b60205");
    expect(gh.requests.filter((r) => r.operation === "issues/create-label")).toHaveLength(2);
    expect(gh.failures).toEqual([]);
  });

  it("files, finds by marker among labelled issues, updates and comments", async () => {
    await port.createIssue({ title: "unrelated", body: "quotes another run's marker: <!-- firebreak:incident=acme/shop/runs/8 -->", labels: ["incident"], assignees: [] });
    const created = await port.createIssue({ title: "Postmortem", body: "<!-- firebreak:incident=acme/shop/runs/7 -->\n# hi", labels: ["incident"], assignees: ["octocat"] });
    expect(created).toMatchObject({ number: 2, url: "https://github.com/acme/shop/issues/2" });
    const found = await port.findIssueByMarker("<!-- firebreak:incident=acme/shop/runs/7 -->", "incident");
    expect(found?.number).toBe(2);
    expect(await port.findIssueByMarker("<!-- firebreak:incident=acme/shop/runs/8 -->", "incident")).toBeUndefined();
    const updated = await port.updateIssue(2, { title: "Postmortem 2", body: "<!-- firebreak:incident=acme/shop/runs/7 -->\nnew" });
    expect(updated.title).toBe("Postmortem 2");
    expect(await port.comment(2, "attempt 2")).toMatch(/^https:\/\/github\.com\/acme\/shop\/issues\/2#issuecomment-/);
    expect(gh.issues[1]).toMatchObject({ body: "<!-- firebreak:incident=acme/shop/runs/7 -->\nnew", comments: ["attempt 2"], assignees: ["octocat"] });
    expect(gh.failures).toEqual([]);
  });

  it("surfaces GitHub's refusal of an unknown assignee as a 422, and says who can be assigned", async () => {
    await expect(port.createIssue({ title: "t", body: "b", labels: [], assignees: ["nobody-here"] })).rejects.toMatchObject({ status: 422 });
    expect(await port.canBeAssigned("octocat")).toBe(true);
    expect(await port.canBeAssigned("nobody-here")).toBe(false);
    expect(gh.requests.filter((r) => r.operation === "issues/check-user-can-be-assigned").map((r) => r.path)).toEqual(["/repos/acme/shop/assignees/octocat", "/repos/acme/shop/assignees/nobody-here"]);
    expect(gh.failures).toEqual([]);
  });
});

describe("the stand-in itself", () => {
  it("rejects what GitHub's description does not allow", async () => {
    const bad = await fetch(`${gh.url}/repos/acme/shop/issues`, {
      method: "POST",
      headers: { authorization: `token ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ body: "a body but no title", labels: "incident" }),
    });
    expect(bad.status).toBe(422);
    const unknown = await fetch(`${gh.url}/repos/acme/shop/postmortems`, { headers: { authorization: `token ${TOKEN}` } });
    expect(unknown.status).toBe(404);
    expect(gh.failures.join("\n")).toMatch(/POST \/repos\/\{owner\}\/\{repo\}\/issues: body/);
    expect(gh.failures.join("\n")).toMatch(/GET \/repos\/acme\/shop\/postmortems: no such operation/);
    gh.failures.length = 0;
  });
});
