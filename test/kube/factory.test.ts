import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { stringify } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { createKube } from "../../sdk/kube/index.ts";
import { setEnv, tempDir } from "./helpers.ts";

/** createKube picks the lean port for static credentials and client-node for the rest, and the lean path never loads client-node. */

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function kubeconfig(user: Record<string, unknown>, name = "prod"): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server: "https://10.0.0.1:6443", "certificate-authority-data": Buffer.from("not a real CA").toString("base64") } }],
    users: [{ name, user }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
  });
}

const EXEC = { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", "prod"] } };
const AUTH_PROVIDER = { "auth-provider": { name: "oidc", config: { "client-id": "k8s" } } };

describe("createKube picks the port", () => {
  it.each([
    ["a token", { token: "t0ken" }],
    ["a token file", { tokenFile: "/var/run/token" }],
    ["a client certificate and key", { "client-certificate-data": "Y2VydA==", "client-key-data": "a2V5" }],
    ["a username and password", { username: "admin", password: "secret" }],
    ["an exec plugin (EKS, GKE, AKS)", EXEC],
  ])("%s: the lean port", async (_name, user) => {
    const kube = await createKube({ kind: "inline", content: kubeconfig(user) });
    expect({ implementation: kube.implementation, context: kube.context, server: kube.server }).toEqual({ implementation: "http", context: "prod", server: "https://10.0.0.1:6443" });
  });

  it.each([
    ["an auth provider (OIDC)", AUTH_PROVIDER, /auth-provider needs client-node/],
    ["an exec plugin of the retired v1alpha1 protocol", { exec: { ...EXEC.exec, apiVersion: "client.authentication.k8s.io/v1alpha1" } }, /speaks client.authentication.k8s.io\/v1alpha1, which needs client-node/],
    ["an exec plugin alongside a token", { ...EXEC, token: "t0ken" }, /exec plugin and token both/],
  ])("%s: client-node, saying why", async (_name, user, reason) => {
    const kube = await createKube({ kind: "inline", content: kubeconfig(user) });
    expect(kube.implementation).toBe("client-node");
    expect(kube.reason).toMatch(reason);
    expect(kube.server).toBe("https://10.0.0.1:6443");
  });

  it("KUBECONFIG naming several files (merged as kubectl merges them): the lean port", async () => {
    const d = await tempDir("merge");
    cleanups.push(d.cleanup);
    await writeFile(join(d.dir, "a"), kubeconfig({ token: "a" }));
    await writeFile(join(d.dir, "b"), kubeconfig({ token: "b" }, "dr"));
    cleanups.push(setEnv({ KUBECONFIG: `${join(d.dir, "a")}:${join(d.dir, "b")}` }));
    const kube = await createKube({ kind: "default" });
    expect({ implementation: kube.implementation, context: kube.context }).toEqual({ implementation: "http", context: "prod" });
  });

  it("no kubeconfig anywhere (an empty secret on a runner): an error, not client-node's http://localhost:8080", async () => {
    const d = await tempDir("nohome");
    cleanups.push(d.cleanup);
    cleanups.push(setEnv({ KUBECONFIG: undefined, HOME: d.dir }));
    const none = "There is no kubeconfig: KUBECONFIG is unset, ~/.kube/config does not exist, and this is not a pod with a service account.";
    await expect(createKube({ kind: "default" })).rejects.toThrow(none);
    const { loadKubeConfig } = await import("../../sdk/kube/kubeconfig.ts");
    expect(() => loadKubeConfig({ kind: "default" })).toThrow(none);
  });
});

describe("the lean path does not load client-node", () => {
  /** Runs createKube in a fresh Node process and lists the modules it loaded, through a module hook. */
  async function loadedModules(content: string): Promise<{ implementation: string; modules: string[] }> {
    const d = await tempDir("loaded");
    cleanups.push(d.cleanup);
    const log = join(d.dir, "loaded.log");
    await writeFile(join(d.dir, "hooks.mjs"), 'import { appendFileSync } from "node:fs";\nexport async function load(url, context, next) { appendFileSync(process.env.LOADED_LOG, url + "\\n"); return next(url, context); }\n');
    await writeFile(join(d.dir, "register.mjs"), 'import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n');
    const script = `const { createKube } = await import(${JSON.stringify(new URL("sdk/kube/index.ts", `file://${ROOT}`).href)});
const kube = await createKube({ kind: "inline", content: process.env.KC });
console.log(kube.implementation);`;
    await writeFile(join(d.dir, "probe.mjs"), script);
    await writeFile(log, "");
    const { stdout } = await run(process.execPath, ["--import", "tsx", "--import", join(d.dir, "register.mjs"), join(d.dir, "probe.mjs")], {
      cwd: ROOT,
      env: { ...process.env, KC: content, LOADED_LOG: log },
      timeout: 30_000,
    });
    return { implementation: stdout.trim(), modules: (await readFile(log, "utf8")).split("\n").filter(Boolean) };
  }

  it("a token kubeconfig: the lean port, and no module of @kubernetes/client-node is evaluated", async () => {
    const { implementation, modules } = await loadedModules(kubeconfig({ token: "t0ken" }));
    expect(implementation).toBe("http");
    expect(modules.some((m) => m.includes("sdk/kube/http-port.ts"))).toBe(true);
    expect(modules.filter((m) => m.includes("@kubernetes/client-node"))).toEqual([]);
  });

  it("an auth-provider kubeconfig loads client-node (so the check above can see it)", async () => {
    const { implementation, modules } = await loadedModules(kubeconfig(AUTH_PROVIDER));
    expect(implementation).toBe("client-node");
    expect(modules.some((m) => m.includes("@kubernetes/client-node"))).toBe(true);
  });
});
