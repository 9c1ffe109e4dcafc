import { describe, expect, it } from "vitest";
import { INPUT_NAMES, readSettings, secretValues, type InputName } from "../../action/inputs.ts";
import { actionYml, runnerInputs } from "./helpers.ts";
import { pretendJob } from "./in-process.ts";

const settingsFor = (given: Partial<Record<InputName, string>>) => {
  const inputs = runnerInputs({ plan: "plans/rollback.ts", ...given }, "ghs_token_1234");
  return readSettings((name) => inputs[name] ?? "");
};
const errorFor = (given: Partial<Record<InputName, string>>) => {
  try {
    settingsFor(given);
  } catch (err) {
    return (err as Error).message;
  }
  return "no error";
};

describe("action inputs", () => {
  it("reads exactly the inputs action.yml declares", () => {
    expect([...INPUT_NAMES].sort()).toEqual(Object.keys(actionYml().inputs).sort());
  });

  it("gives a run against the cluster that files on failure, by default", () => {
    expect(settingsFor({})).toEqual({
      plan: "plans/rollback.ts",
      inputs: {},
      mode: "run",
      target: "cluster",
      requestTimeoutMs: 30_000,
      prometheusHeaders: {},
      githubToken: "ghs_token_1234",
      postmortem: "on-failure",
      labels: ["incident", "postmortem"],
      assignees: [],
    });
  });

  it("needs prometheus-url against a cluster, or none for a plan without metric gates, before anything runs", () => {
    expect(errorFor({ "prometheus-url": "" })).toBe(
      'Input "prometheus-url": required when target is cluster: the plan\'s gates and the user-impact report read it, and without it the run would change the cluster, then stop at its first gate. For a plan without metric gates, set it to none (got "")',
    );
    expect(settingsFor({ "prometheus-url": "none" }).prometheusUrl).toBeUndefined();
    expect(settingsFor({ "prometheus-url": "https://prometheus.example" }).prometheusUrl).toBe("https://prometheus.example");
    expect(errorFor({ "prometheus-url": "", target: "sim", scenario: "cold-jvm" })).toBe("no error");
  });

  it("takes the plan's inputs as JSON or as key=value lines", () => {
    expect(settingsFor({ inputs: '{"revision": 2, "reason": "bad=release"}' }).inputs).toEqual({ revision: 2, reason: "bad=release" });
    expect(settingsFor({ inputs: "revision=2\n# why\nreason = 5xx after 2.0 = bad\n\n" }).inputs).toEqual({ revision: "2", reason: "5xx after 2.0 = bad" });
    // the same key in two objects is no repetition
    expect(settingsFor({ inputs: '{"routes": [{"name": "a"}, {"name": "b"}]}' }).inputs).toEqual({ routes: [{ name: "a" }, { name: "b" }] });
  });

  it("parses lists, headers, the postmortem repository and severity", () => {
    const s = settingsFor({
      labels: "incident, sev-review\npostmortem",
      assignees: "@octocat, hubot, my-app[bot], mona-cat_octo",
      "prometheus-headers": "X-Scope-OrgID: team-a\nAuthorization: Bearer abc:def",
      "postmortem-repo": "acme/incidents",
      severity: "sev2",
      target: "sim",
      scenario: "cold-jvm",
      "request-timeout": "1m30s",
    });
    expect(s).toMatchObject({
      labels: ["incident", "sev-review", "postmortem"],
      assignees: ["octocat", "hubot", "my-app[bot]", "mona-cat_octo"],
      prometheusHeaders: { "X-Scope-OrgID": "team-a", Authorization: "Bearer abc:def" },
      postmortemRepo: { owner: "acme", repo: "incidents" },
      severity: "sev2",
      scenario: "cold-jvm",
      requestTimeoutMs: 90_000,
    });
  });

  it("fails on each bad value with one line naming the input", () => {
    const cases: [Partial<Record<InputName, string>>, string][] = [
      [{ plan: "" }, 'Input "plan": required: the path of the plan\'s .ts file in the repository (got "")'],
      [{ plan: "plans/rollback.js" }, 'Input "plan": must be a .ts file (the plan, e.g. plans/checkout-rollback.ts) (got "plans/rollback.js")'],
      [{ mode: "dry-run" }, 'Input "mode": must be preview or run (got "dry-run")'],
      [{ target: "prod" }, 'Input "target": must be cluster or sim (got "prod")'],
      [{ target: "sim" }, 'Input "scenario": required when target is sim (a built-in scenario name, e.g. cold-jvm) (got "")'],
      [{ postmortem: "sometimes" }, 'Input "postmortem": must be always, on-failure or never (got "sometimes")'],
      [{ "postmortem-repo": "incidents" }, 'Input "postmortem-repo": must be owner/name (got "incidents")'],
      [{ "request-timeout": "soon" }, 'Input "request-timeout": must be a duration up to 1h, like 10s or 1m (got "soon")'],
      [{ "request-timeout": "1000h" }, 'Input "request-timeout": must be a duration up to 1h, like 10s or 1m (got "1000h")'],
      [{ "request-timeout": "0s" }, 'Input "request-timeout": must be a duration up to 1h, like 10s or 1m (got "0s")'],
      [{ "prometheus-url": "prometheus:9090" }, 'Input "prometheus-url": must be an http(s) URL, e.g. http://prometheus.monitoring:9090, or none (got "prometheus:9090")'],
      [{ "prometheus-url": "http://[::1" }, 'Input "prometheus-url": must be an http(s) URL, e.g. http://prometheus.monitoring:9090, or none (got "http://[::1")'],
      // a password in the URL is not shown, as the SDK's messages do not show it
      [{ "prometheus-url": "htps://admin:promPass99@prom.example.com" }, 'Input "prometheus-url": must be an http(s) URL, e.g. http://prometheus.monitoring:9090, or none (got "htps://…@prom.example.com")'],
      [{ inputs: "revision=3\nrevision=2" }, 'Input "inputs": line 2 sets revision again; give each input once'],
      [{ assignees: "octocat, not a user" }, 'Input "assignees": each assignee must be a GitHub user name (got "octocat, not a user")'],
      [{ inputs: "revision=2\nreason" }, 'Input "inputs": line 2 is not key=value (give JSON or one key=value per line)'],
      [{ inputs: "{revision: 2}" }, 'Input "inputs": not valid JSON: check that every key and string value is in double quotes (the value is not shown: it may hold secrets)'],
      [{ inputs: "[1, 2]" }, 'Input "inputs": JSON must be an object'],
      // JSON.parse would keep the last silently: a revision typed over without removing the first
      [{ inputs: '{"revision": 2, "reason": "checkout 5xx", "revision": 3}' }, 'Input "inputs": revision is given twice; give each input once'],
      [{ inputs: '{\n\t"reason": "5xx",\n\t"re\\u0076ision": 2,\n\t"revision": 3\n}' }, 'Input "inputs": revision is given twice; give each input once'],
      [{ inputs: '{"target": {"namespace": "prod", "namespace": "staging"}}' }, 'Input "inputs": namespace is given twice; give each input once'],
      [{ "prometheus-headers": '{"X-Scope-OrgID": "team-a", "X-Scope-OrgID": "team-b"}' }, 'Input "prometheus-headers": X-Scope-OrgID is given twice; give each header once'],
      [{ "prometheus-headers": "Authorization: Bearer a\nauthorization: Bearer b" }, 'Input "prometheus-headers": Authorization and authorization are one header (names are not case-sensitive); give each header once'],
      [{ "prometheus-headers": "X-Scope-OrgID team-a" }, 'Input "prometheus-headers": line 1 is not key:value (give JSON or one key:value per line)'],
      // a rehearsal that forgot target: sim must not go to the real cluster
      [{ scenario: "cold-jvm" }, 'Input "scenario": only used with target: sim; with target: cluster the plan runs against the real cluster. Set target: sim to rehearse, or remove scenario (got "cold-jvm")'],
      // headers Node would refuse at the first gate, mid-rollback
      [{ "prometheus-headers": "Authorization Bearer: s3cr3t" }, 'Input "prometheus-headers": "Authorization Bearer" is not a header name: use letters, digits and - (e.g. X-Scope-OrgID)'],
      [{ "prometheus-headers": "X-Scope-OrgID: \u201cteam-a\u201d" }, 'Input "prometheus-headers": the value of X-Scope-OrgID has a character a header cannot carry (a line break, or a typographic quote pasted from a document); the value is not shown: it may hold secrets'],
      [{ "prometheus-headers": '{"X-Scope-OrgID": {"team": "a"}}' }, 'Input "prometheus-headers": the value of X-Scope-OrgID must be a string (the value is not shown: it may hold secrets)'],
      [{ severity: "sev\n2" }, 'Input "severity": must be one line of at most 41 characters (it becomes the label severity:<value>), e.g. sev2 (got "sev\\n2")'],
      [{ "incident-key": "eu west" }, 'Input "incident-key": must be up to 64 letters, digits, \'.\', \'_\' or single \'-\', e.g. a matrix value such as eu-west (got "eu west")'],
      [{ "incident-key": "eu--west" }, 'Input "incident-key": must be up to 64 letters, digits, \'.\', \'_\' or single \'-\', e.g. a matrix value such as eu-west (got "eu--west")'],
      [{ "incident-key": "x".repeat(65) }, `Input "incident-key": must be up to 64 letters, digits, '.', '_' or single '-', e.g. a matrix value such as eu-west (got "${"x".repeat(65)}")`],
    ];
    for (const [given, message] of cases) {
      const actual = errorFor(given);
      expect(actual).toEqual(message);
      expect(actual).not.toContain("\n");
    }
  });

  it("takes an incident key to tell matrix legs apart, by default the leg's index in a matrix job", () => {
    expect(settingsFor({ "incident-key": " payments " }).incidentKey).toBe("payments");
    // evaluated by the runner from the strategy context; local-action passes it unevaluated
    const byDefault = actionYml().inputs["incident-key"]!.default!;
    expect(byDefault).toMatch(/^\$\{\{ .*strategy\.job-index.* \}\}$/);
    expect(settingsFor({ "incident-key": byDefault }).incidentKey).toBeUndefined();
  });

  it("never echoes a secret input in its error", () => {
    expect(errorFor({ inputs: "api-key=hunter2-secret\noops" })).not.toContain("hunter2");
    expect(errorFor({ "prometheus-headers": "Authorization Bearer s3cr3t-value" })).not.toContain("s3cr3t");
    // JSON.parse's own message quotes the text around the mistake
    expect(errorFor({ "prometheus-headers": '{"Authorization": Bearer s3cr3tvalue}' })).not.toMatch(/s3c|Bearer/);
    expect(errorFor({ inputs: '{"api-key": hunter2-secret}' })).not.toMatch(/hun/);
    expect(errorFor({ inputs: '{"api-key": "hunter2-secret", "api-key": "hunter3-secret"}' })).toBe('Input "inputs": api-key is given twice; give each input once');
  });

  it("lists the secrets to mask: token, header values, kubeconfig and the credentials inside it", () => {
    const kubeconfig = [
      "apiVersion: v1",
      "users:",
      "- name: ci",
      "  user:",
      "    token: eyJhbGciOiJSUzI1NiJ9.payload.sig",
      "    client-key-data: LS0tLS1CRUdJTi1LRVk=",
    ].join("\n");
    const s = settingsFor({ kubeconfig, "prometheus-headers": '{"Authorization": "Bearer prom-secret"}' });
    // the token alone too: a server refusing it may quote it back ("invalid token prom-secret")
    expect(secretValues(s)).toEqual(["ghs_token_1234", "Bearer prom-secret", "prom-secret", kubeconfig, "eyJhbGciOiJSUzI1NiJ9.payload.sig", "LS0tLS1CRUdJTi1LRVk="]);
  });

  it("masks each credential of a kubeconfig given as JSON or flow-style YAML, not only the whole of it", () => {
    const user = {
      token: "eyJhbGciOiJSUzI1NiJ9.json.sig",
      password: "hunter2-kube",
      "client-key-data": "S0VZLWRhdGEtanNvbg==",
      "client-certificate-data": "Q0VSVC1kYXRhLWpzb24=",
      "auth-provider": { name: "oidc", config: { "client-id": "checkout-oidc", "client-secret": "oidc-client-s3cret", "id-token": "oidc.id.t0ken", "refresh-token": "oidc-refresh-t0ken", "idp-issuer-url": "https://sso.example.com" } },
      exec: { apiVersion: "client.authentication.k8s.io/v1", command: "aws", env: [{ name: "AWS_SECRET_ACCESS_KEY", value: "aws-s3cret-key" }, { name: "AWS_PROFILE", value: "production" }] },
    };
    const json = JSON.stringify({ apiVersion: "v1", kind: "Config", clusters: [{ name: "c", cluster: { server: "https://k8s.example.com" } }], users: [{ name: "u", user }] });
    const secrets = secretValues(settingsFor({ kubeconfig: json }));
    for (const secret of ["eyJhbGciOiJSUzI1NiJ9.json.sig", "hunter2-kube", "S0VZLWRhdGEtanNvbg==", "Q0VSVC1kYXRhLWpzb24=", "oidc-client-s3cret", "oidc.id.t0ken", "oidc-refresh-t0ken", "aws-s3cret-key"]) {
      expect(secrets).toContain(secret);
    }
    // what names the cluster, the provider or the profile is no secret: masking it would blank it across the log
    for (const plain of ["checkout-oidc", "https://sso.example.com", "production", "oidc"]) expect(secrets).not.toContain(plain);

    const flow = 'apiVersion: v1\nkind: Config\nclusters: [{ name: c, cluster: { server: "https://k8s.example.com" } }]\nusers: [{ name: u, user: { token: FlowStyleKubeToken123, client-key-data: "Rmxvdy1rZXk=" } }]\n';
    expect(secretValues(settingsFor({ kubeconfig: flow }))).toEqual(expect.arrayContaining(["FlowStyleKubeToken123", "Rmxvdy1rZXk="]));
    // a kubeconfig YAML cannot read (the run refuses it) still has its credential lines masked
    const broken = "users:\n- name: u\n  user:\n    token: BrokenKubeToken123\n  [unclosed";
    expect(secretValues(settingsFor({ kubeconfig: broken }))).toContain("BrokenKubeToken123");
  });

  it("has the runner mask a JSON kubeconfig's token in the step's log", { timeout: 60_000 }, async () => {
    const kubeconfig = JSON.stringify({ apiVersion: "v1", kind: "Config", "current-context": "x", contexts: [{ name: "x", context: { cluster: "c", user: "u" } }], clusters: [{ name: "c", cluster: { server: "http://127.0.0.1:1" } }], users: [{ name: "u", user: { token: "JsonKubeT0kenValue" } }] });
    const job = pretendJob("7301", { plan: "examples/checkout-api-rollback.ts", target: "cluster", kubeconfig, postmortem: "never" }, { apiUrl: "http://127.0.0.1:1", token: "ghs_token_1234" });
    const main = await job.main();
    expect(main.log.split("\n")).toContain("::add-mask::JsonKubeT0kenValue");
  });

  it("masks Prometheus's credentials, not its tenant: a tenant named like a namespace would blank that name everywhere", () => {
    const s = settingsFor({
      "prometheus-url": "https://reader:p%40ss-w0rd@mimir.example.com/prometheus",
      "prometheus-headers": "X-Scope-OrgID: prod\nthanos-tenant: shop\nX-Api-Key: k3y-value",
    });
    // the password as written and decoded, and the Basic credential the client sends for it
    expect(secretValues(s)).toEqual(["ghs_token_1234", "k3y-value", "p%40ss-w0rd", "p@ss-w0rd", Buffer.from("reader:p@ss-w0rd").toString("base64")]);
  });
});
