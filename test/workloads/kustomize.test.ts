import { execFile } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runPlan } from "../../sdk/engine/runner.ts";
import { ingressNginx, kustomize, plan } from "../../sdk/index.ts";
import { formatReport } from "../../sdk/cli/report.ts";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { createClientNodeKube, loadKubeConfig } from "../../sdk/kube/client-node-port.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { startKubeApiServer, type KubeApiServer } from "../../sdk/sim/kube-api/index.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import type { KubeObject } from "../../sdk/ports/kube.ts";
import { renderPostmortem } from "../../sdk/postmortem/index.ts";
import { tempDir } from "../kube/helpers.ts";
import { http, kubectl } from "../sim/kube-api-fixtures.ts";
import { routerCases } from "../traffic/router-cases.ts";

/**
 * A Kustomize base + prod overlay in a throwaway git repository with two release commits
 * (v1.9.4, then v2.0.0), rendered by the real `kubectl kustomize` and server-side applied to the
 * loopback API server.
 */

const run = promisify(execFile);
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const OVERLAY = "deploy/overlays/prod";

async function repoWithTwoReleases(): Promise<string> {
  const { dir, cleanup } = await tempDir("kustomize-repo");
  cleanups.push(cleanup);
  await cp("test/workloads/fixtures/kustomize", join(dir, "deploy"), { recursive: true });
  const git = (...args: string[]) => run("git", ["-C", dir, "-c", "user.name=Firebreak Test", "-c", "user.email=test@firebreak.invalid", ...args], { timeout: 20_000 });
  await git("init", "-q", "-b", "main");
  await git("add", ".");
  await git("commit", "-q", "-m", "release 1.9.4");
  await git("tag", "v1.9.4");
  const file = join(dir, OVERLAY, "kustomization.yaml");
  await writeFile(file, (await readFile(file, "utf8")).replace('newTag: "1.9.4"', 'newTag: "2.0.0"').replace("mode=safe", "mode=fast"));
  await git("commit", "-q", "-am", "release 2.0.0");
  await git("tag", "v2.0.0");
  return dir;
}

async function cluster(): Promise<{ api: KubeApiServer; store: ObjectStore }> {
  const store = new ObjectStore();
  store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "prod" } });
  const api = await startKubeApiServer({ store });
  cleanups.push(() => api.close());
  return { api, store };
}

/** A port whose kubeconfig context's namespace is prod: where kubectl apply puts a manifest that names none. */
function kubeInProd(api: KubeApiServer) {
  const config = parse(api.kubeconfig());
  config.contexts[0].context.namespace = "prod";
  return createClientNodeKube(loadKubeConfig({ kind: "inline", content: stringify(config) }));
}

async function applyPlan(api: KubeApiServer, overlay: ReturnType<typeof kustomize.overlay>, mode: "run" | "preview", force = false) {
  const kube = kubeInProd(api);
  return runPlan(plan({ name: "kustomize" }, async (r) => void (await r.step("apply overlay", () => overlay.apply({ force })))), {
    mode,
    inputs: {},
    kube,
    clock: createVirtualClock(),
    target: { kind: "cluster" },
  });
}

const changes = (events: JournalEvent[]) => events.filter((e) => e.type === "change").map((e) => e.type === "change" && `${e.object.kind} ${e.field}: ${JSON.stringify(e.before)} → ${JSON.stringify(e.after)}`);
const image = (store: ObjectStore) => store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" })?.spec.template.spec.containers[0].image;
const mode = (store: ObjectStore) => (store.get({ apiVersion: "v1", kind: "ConfigMap", namespace: "prod", name: "checkout-flags" })?.data as { mode?: string } | undefined)?.mode;

describe("kustomize.overlay().render(): real kubectl kustomize at a git ref", () => {
  it("renders the overlay as it was at each ref, and the working tree without one", async () => {
    const repo = await repoWithTwoReleases();
    const at = async (ref?: string) => (await kustomize.overlay({ path: OVERLAY, repo, ...(ref ? { ref } : {}) }).render()).objects;
    const old = await at("v1.9.4");
    expect(old.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual(["ConfigMap prod/checkout-flags", "Service prod/checkout-api", "Deployment prod/checkout-api"]);
    expect(old[2]!.spec.template.spec.containers[0].image).toBe("registry.example.com/checkout-api:1.9.4");
    expect((await at("HEAD~1"))[2]!.spec.template.spec.containers[0].image).toBe("registry.example.com/checkout-api:1.9.4");
    expect((await at("main"))[2]!.spec.template.spec.containers[0].image).toBe("registry.example.com/checkout-api:2.0.0");
    // an uncommitted edit shows without a ref, and not at HEAD
    const file = join(repo, OVERLAY, "kustomization.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace('newTag: "2.0.0"', 'newTag: "2.0.1-hotfix"'));
    expect((await at())[2]!.spec.template.spec.containers[0].image).toBe("registry.example.com/checkout-api:2.0.1-hotfix");
    expect((await at("HEAD"))[2]!.spec.template.spec.containers[0].image).toBe("registry.example.com/checkout-api:2.0.0");
    // the repository was only read: no worktrees, the edit still there
    expect((await run("git", ["-C", repo, "worktree", "list"])).stdout.trim().split("\n")).toHaveLength(1);
    expect((await run("git", ["-C", repo, "status", "--porcelain"])).stdout.trim()).toBe(`M ${OVERLAY}/kustomization.yaml`);
  });

  it("renders at a ref an overlay whose base is a git submodule, at the commit the ref pins; names the fix when it is not checked out", async () => {
    const { dir: root, cleanup } = await tempDir("kustomize-submodule");
    cleanups.push(cleanup);
    const git = (cwd: string, ...args: string[]) =>
      run("git", ["-C", cwd, "-c", "user.name=T", "-c", "user.email=t@firebreak.invalid", "-c", "protocol.file.allow=always", ...args], { timeout: 20_000 });
    const [base, app] = [join(root, "platform-base"), join(root, "app")];
    await cp("test/workloads/fixtures/kustomize/base", base, { recursive: true });
    await git(base, "init", "-q", "-b", "main");
    await git(base, "add", ".");
    await git(base, "commit", "-q", "-m", "base");
    await cp("test/workloads/fixtures/kustomize/overlays", join(app, "deploy/overlays"), { recursive: true });
    const file = join(app, OVERLAY, "kustomization.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("../../base", "../../../vendor/base"));
    await git(app, "init", "-q", "-b", "main");
    await git(app, "submodule", "add", "-q", base, "vendor/base");
    await git(app, "add", ".");
    await git(app, "commit", "-q", "-m", "release 1.9.4");
    await git(app, "tag", "v1.9.4");
    const overlay = kustomize.overlay({ path: OVERLAY, repo: app, ref: "v1.9.4" });
    expect((await overlay.render()).objects.map((o) => `${o.kind} ${o.metadata.name}`)).toEqual(["ConfigMap checkout-flags", "Service checkout-api", "Deployment checkout-api"]);
    await git(app, "submodule", "deinit", "-q", "-f", "vendor/base");
    await expect(overlay.render()).rejects.toThrow(/vendor\/base in .* is a git submodule pinned at [0-9a-f]{12}, which is not checked out here: run git submodule update --init --recursive/);
  });

  it("renders at a ref the files .gitattributes leaves out of release archives (export-ignore), and those a sparse checkout leaves out", async () => {
    const repo = await repoWithTwoReleases();
    const git = (...args: string[]) => run("git", ["-C", repo, "-c", "user.name=T", "-c", "user.email=t@firebreak.invalid", ...args], { timeout: 20_000 });
    await writeFile(join(repo, ".gitattributes"), "deploy/ export-ignore\n");
    await git("add", ".gitattributes");
    await git("commit", "-q", "-m", "release tarballs leave deploy/ out");
    const image = async () => (await kustomize.overlay({ path: OVERLAY, repo, ref: "HEAD" }).render()).objects.find((o) => o.kind === "Deployment")!.spec.template.spec.containers[0].image;
    expect(await image()).toBe("registry.example.com/checkout-api:2.0.0");
    await git("sparse-checkout", "set", "--no-cone", "/.gitattributes");
    expect(await image()).toBe("registry.example.com/checkout-api:2.0.0");
  });

  it("a ref missing from a shallow clone (actions/checkout's default) says to fetch the history", async () => {
    const repo = await repoWithTwoReleases();
    const { dir, cleanup } = await tempDir("kustomize-shallow");
    cleanups.push(cleanup);
    await run("git", ["clone", "-q", "--depth", "1", `file://${repo}`, join(dir, "checkout")], { timeout: 20_000 });
    await expect(kustomize.overlay({ path: OVERLAY, repo: join(dir, "checkout"), ref: "HEAD~1" }).render()).rejects.toThrow(
      /has no commit 'HEAD~1': it is a shallow clone \(actions\/checkout fetches one commit unless told otherwise\)\. Give actions\/checkout `fetch-depth: 0`, or run git fetch --unshallow --tags origin first\.$/,
    );
  });

  it("names a ref that does not exist, a path that does not render, and a missing kubectl", async () => {
    const repo = await repoWithTwoReleases();
    await expect(kustomize.overlay({ path: OVERLAY, repo, ref: "v9.9.9" }).render()).rejects.toThrow(/has no commit 'v9.9.9': fetch it first \(git fetch --tags origin\)/);
    await expect(kustomize.overlay({ path: "deploy/overlays/staging", repo, ref: "v1.9.4" }).render()).rejects.toThrow(/^Kustomize overlay deploy\/overlays\/staging at v1.9.4 did not render: .*deploy\/overlays\/staging/);
    await expect(kustomize.overlay({ path: OVERLAY, repo, kubectl: "/opt/none/kubectl" }).render()).rejects.toThrow(/needs kubectl .* '\/opt\/none\/kubectl' was not found\. Install it/);
  });
});

describe("kustomize.overlay().apply(): server-side apply, each change journaled", () => {
  it("a misspelt option is refused before anything renders, rather than applied without it", async () => {
    await expect(kustomize.overlay({ path: OVERLAY }).apply({ forse: true } as never)).rejects.toThrow(
      `Kustomize overlay ${OVERLAY}.apply() got an invalid option:\n  - forse: is not an option (did you mean force?); the options are: force`,
    );
  });

  it("preview shows each field that differs from the live objects, and writes nothing", async () => {
    const repo = await repoWithTwoReleases();
    const { api, store } = await cluster();
    expect((await applyPlan(api, kustomize.overlay({ path: OVERLAY, repo, ref: "v2.0.0" }), "run")).status).toBe("succeeded");
    const writes = () => api.requests.filter((r) => r.method === "PATCH" && !r.path.includes("dryRun=All")).length;
    const before = writes();

    const preview = await applyPlan(api, kustomize.overlay({ path: OVERLAY, repo, ref: "v1.9.4" }), "preview");
    expect(preview.status, preview.error?.message).toBe("succeeded");
    expect(changes(preview.events)).toEqual([
      'ConfigMap data.mode: "fast" → "safe"',
      'Deployment spec.template.spec.containers[0].image: "registry.example.com/checkout-api:2.0.0" → "registry.example.com/checkout-api:1.9.4"',
    ]);
    expect(writes()).toBe(before);
    expect(image(store)).toBe("registry.example.com/checkout-api:2.0.0");
  });

  it("preview of an overlay that creates the namespace its objects live in shows them created, as the run does", async () => {
    const { api, store } = await cluster();
    const { dir, cleanup } = await tempDir("namespace-overlay");
    cleanups.push(cleanup);
    await writeFile(join(dir, "kustomization.yaml"), stringify({ namespace: "payments", resources: ["namespace.yaml", "flags.yaml"] }));
    await writeFile(join(dir, "namespace.yaml"), stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: "payments" } }));
    await writeFile(join(dir, "flags.yaml"), stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "flags" }, data: { mode: "safe" } }));
    const created = (events: JournalEvent[]) => events.flatMap((e) => (e.type === "change" && e.field === "data" ? [`${e.object.kind} ${e.object.namespace}/${e.object.name} ${JSON.stringify(e.after)}`] : []));

    const preview = await applyPlan(api, kustomize.overlay({ path: dir }), "preview");
    expect(preview.status, preview.error?.message).toBe("succeeded");
    expect(created(preview.events)).toEqual(['ConfigMap payments/flags {"mode":"safe"}']);
    expect(store.get({ apiVersion: "v1", kind: "Namespace", name: "payments" })).toBeUndefined();

    const applied = await applyPlan(api, kustomize.overlay({ path: dir }), "run");
    expect(applied.status, applied.error?.message).toBe("succeeded");
    expect(created(applied.events)).toEqual(created(preview.events));
  });

  it("an object the overlay names no namespace for is journaled in the context's namespace, where it went", async () => {
    const { api, store } = await cluster();
    const { dir, cleanup } = await tempDir("no-namespace-overlay");
    cleanups.push(cleanup);
    await writeFile(join(dir, "kustomization.yaml"), stringify({ resources: ["flags.yaml"] }));
    await writeFile(join(dir, "flags.yaml"), stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "flags" }, data: { mode: "safe" } }));
    const changed = (events: JournalEvent[]) => [...new Set(events.flatMap((e) => (e.type === "change" ? [`${e.object.kind} ${e.object.namespace}/${e.object.name}`] : [])))];

    for (const m of ["preview", "run"] as const) {
      const result = await applyPlan(api, kustomize.overlay({ path: dir }), m);
      expect(result.status, result.error?.message).toBe("succeeded");
      expect(changed(result.events)).toEqual(["ConfigMap prod/flags"]);
    }
    expect(store.get({ apiVersion: "v1", kind: "ConfigMap", namespace: "prod", name: "flags" })?.data).toEqual({ mode: "safe" });
  });

  it("a Secret the overlay generates is journaled as changed, without its values (base64 hides nothing)", async () => {
    const repo = await repoWithTwoReleases();
    const file = join(repo, OVERLAY, "kustomization.yaml");
    await writeFile(file, `${await readFile(file, "utf8")}secretGenerator:\n  - name: checkout-db\n    literals:\n      - password=hunter2-s3cret\n`);
    await run("git", ["-C", repo, "-c", "user.name=T", "-c", "user.email=t@firebreak.invalid", "commit", "-q", "-am", "db password"], { timeout: 20_000 });
    const { api } = await cluster();
    for (const m of ["preview", "run"] as const) {
      const result = await applyPlan(api, kustomize.overlay({ path: OVERLAY, repo }), m);
      expect(result.status, result.error?.message).toBe("succeeded");
      expect(changes(result.events).filter((c) => (c as string).startsWith("Secret data"))).toEqual(['Secret data: undefined → {"password":"[redacted]"}']);
      const everything = JSON.stringify(result.events) + renderPostmortem(result.events);
      for (const leak of ["hunter2-s3cret", Buffer.from("hunter2-s3cret").toString("base64")]) expect(everything).not.toContain(leak);
    }
  });

  it("run puts the objects back as they were at the ref, verified, and a second apply changes nothing", async () => {
    const repo = await repoWithTwoReleases();
    const { api, store } = await cluster();
    const created = await applyPlan(api, kustomize.overlay({ path: OVERLAY, repo, ref: "v2.0.0" }), "run");
    expect(created.status, created.error?.message).toBe("succeeded");
    expect(image(store)).toBe("registry.example.com/checkout-api:2.0.0");

    const rollback = await applyPlan(api, kustomize.overlay({ path: OVERLAY, repo, ref: "v1.9.4" }), "run");
    expect(rollback.status, rollback.error?.message).toBe("succeeded");
    expect(image(store)).toBe("registry.example.com/checkout-api:1.9.4");
    expect(mode(store)).toBe("safe");
    expect(rollback.events.filter((e) => e.type === "change").every((e) => e.type === "change" && e.applied && e.action === `apply ${OVERLAY} at v1.9.4`)).toBe(true);
    expect(rollback.events.find((e) => e.type === "note")).toMatchObject({ text: expect.stringMatching(/^Kustomize overlay deploy\/overlays\/prod at v1.9.4 \(commit [0-9a-f]{12}\): 3 objects to apply$/) });
    // every object is now managed by firebreak
    const managers = store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" })!.metadata.managedFields as { manager: string }[];
    expect(managers.map((m) => m.manager)).toEqual(["firebreak"]);

    const again = await applyPlan(api, kustomize.overlay({ path: OVERLAY, repo, ref: "v1.9.4" }), "run");
    expect(changes(again.events)).toEqual([]);
  });

  it("fields another manager applied (kubectl --server-side) conflict, until the plan says force", async () => {
    const repo = await repoWithTwoReleases();
    const { api, store } = await cluster();
    const rendered = (await kustomize.overlay({ path: OVERLAY, repo, ref: "v2.0.0" }).render()).objects;
    const { dir, cleanup } = await tempDir("manifests");
    cleanups.push(cleanup);
    await writeFile(join(dir, "all.yaml"), rendered.map((o) => stringify(o)).join("---\n"));
    const applied = await kubectl(api, ["apply", "--server-side", "-f", join(dir, "all.yaml")]);
    expect(applied.code, applied.stderr).toBe(0);

    const refused = await applyPlan(api, kustomize.overlay({ path: OVERLAY, repo, ref: "v1.9.4" }), "run");
    expect(refused.status).toBe("failed-safe");
    expect(refused.error?.message).toMatch(/^Kubernetes API answered 409 for ConfigMap prod\/checkout-flags: .*conflict.*"kubectl".*apply with \{ force: true \} to take them over/s);
    expect(image(store)).toBe("registry.example.com/checkout-api:2.0.0");

    const forced = await applyPlan(api, kustomize.overlay({ path: OVERLAY, repo, ref: "v1.9.4" }), "run", true);
    expect(forced.status, forced.error?.message).toBe("succeeded");
    expect(image(store)).toBe("registry.example.com/checkout-api:1.9.4");
  });
});

describe("kustomize.overlay().apply() of a route the run shifted", () => {
  const canaryIngress = (weight: string) => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "checkout-api-canary", namespace: "prod", annotations: { "nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": weight } },
    spec: { rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "checkout-api-canary", port: { number: 80 } } } }] } }] },
  });
  const primaryIngress = { ...canaryIngress("0"), metadata: { name: "checkout-api", namespace: "prod" } };
  primaryIngress.spec = { rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "checkout-api", port: { number: 80 } } } }] } }] };

  it.each([
    ["run", "its namespace"],
    ["preview", "its namespace"],
    ["run", "no namespace (the context's)"],
    ["preview", "no namespace (the context's)"],
  ] as const)("that puts the route back to Git's weight is the run's own change: failed-unsafe naming the step, with no controller blamed (%s, manifest with %s)", async (mode, namespace) => {
    const { api, store } = await cluster();
    store.create(primaryIngress);
    store.create(canaryIngress("20"));
    // the overlay holds the canary at Git's 20%
    const { dir, cleanup } = await tempDir("ingress-overlay");
    cleanups.push(cleanup);
    await writeFile(join(dir, "kustomization.yaml"), stringify({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: ["canary.yaml"] }));
    const manifest = canaryIngress("20");
    if (namespace !== "its namespace") delete (manifest.metadata as { namespace?: string }).namespace;
    await writeFile(join(dir, "canary.yaml"), stringify(manifest));
    const route = ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-api-canary" });
    const kube = kubeInProd(api);
    const result = await runPlan(
      plan({ name: "isolate" }, async (run) => {
        await run.step("isolate", () => route.shift({ "checkout-api-canary": 0, "checkout-api": 100 }));
        await run.step("apply", () => kustomize.overlay({ path: dir }).apply({ force: true }));
      }),
      { mode, inputs: {}, kube, clock: createVirtualClock(), target: { kind: "cluster" } },
    );
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe).toEqual([
      `Ingress prod/checkout-api-canary (nginx canary) no longer holds the split this run wrote (checkout-api-canary=0, checkout-api=100): it is at checkout-api-canary=20, checkout-api=80 (rewritten by the run's step "apply" (apply of Kustomize overlay ${dir})). ` +
        "No controller changed it: a later step of this plan did. If traffic must not stay there, set the split again, and in the plan, shift the route after that step.",
    ]);
  });

  it.each(["run", "preview"] as const)("without force, is refused over the weight the run's shift patched, and the preview foresees it (%s)", async (mode) => {
    const { api, store } = await cluster();
    // created as kubectl creates them, so the server tracks who owns which field
    for (const ingress of [primaryIngress, canaryIngress("20")]) {
      expect((await http(api, "POST", "/apis/networking.k8s.io/v1/namespaces/prod/ingresses?fieldManager=kubectl-create", ingress)).status).toBe(201);
    }
    const { dir, cleanup } = await tempDir("ingress-overlay");
    cleanups.push(cleanup);
    await writeFile(join(dir, "kustomization.yaml"), stringify({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: ["canary.yaml"] }));
    await writeFile(join(dir, "canary.yaml"), stringify(canaryIngress("20")));
    const route = ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-api-canary" });
    const result = await runPlan(
      plan({ name: "isolate" }, async (run) => {
        await run.step("isolate", () => route.shift({ "checkout-api-canary": 0, "checkout-api": 100 }));
        await run.step("apply", () => kustomize.overlay({ path: dir }).apply());
      }),
      { mode, inputs: {}, kube: kubeInProd(api), clock: createVirtualClock(), target: { kind: "cluster" } },
    );
    const why = 'An earlier step of this run patched them (field manager "firebreak", an Update), and server-side apply will not take them from a patch: apply with { force: true }';
    if (mode === "run") {
      expect(result.error?.message).toMatch(/^Kubernetes API answered 409 for Ingress prod\/checkout-api-canary: Apply failed with 1 conflict: conflict with "firebreak" using networking.k8s.io\/v1: .metadata.annotations.nginx.ingress.kubernetes.io\/canary-weight\. /);
      expect(result.error?.message).toContain(why);
    } else {
      expect(result.events.find((e) => e.type === "note" && e.stops)).toMatchObject({
        text: `the run would stop here: Kubernetes API answered 409 for Ingress prod/checkout-api-canary: the manifest sets metadata.annotations["nginx.ingress.kubernetes.io/canary-weight"] otherwise. ${why} to let the manifest's values win (then shift or scale again after it, if the plan still needs its own), or leave them out of the manifest.`,
      });
      // the apply's changes are not shown as if it went through
      expect(changes(result.events)).toEqual(['Ingress metadata.annotations["nginx.ingress.kubernetes.io/canary-weight"]: "20" → "0"']);
    }
    expect(store.get({ apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "prod", name: "checkout-api-canary" })?.metadata.annotations?.["nginx.ingress.kubernetes.io/canary-weight"]).toBe(mode === "run" ? "0" : "20");
  });
});

/**
 * The rules of a route as most are written: unnamed, told apart (if at all) by their match. Each
 * match's keys are in an order other than the API server's (it serves them sorted), as a manifest
 * or a scenario may write them.
 */
const unnamedRuleCases = [
  {
    case: routerCases.find((c) => c.name === "Istio VirtualService")!,
    noun: "http route",
    withRules: (o: KubeObject, http: unknown[]) => ({ ...o, spec: { ...o.spec, http } }),
    rule: (path: string, stable: number, release: number) => ({
      match: [{ uri: { prefix: path }, ignoreUriCase: true }],
      route: [
        { destination: { host: "checkout-api", subset: "stable" }, weight: stable },
        { destination: { host: "checkout-api", subset: "release" }, weight: release },
      ],
    }),
  },
  {
    case: routerCases.find((c) => c.name === "Gateway API HTTPRoute")!,
    noun: "rule",
    withRules: (o: KubeObject, rules: unknown[]) => ({ ...o, spec: { ...o.spec, rules } }),
    rule: (path: string, stable: number, release: number) => ({
      matches: [{ path: { value: path, type: "PathPrefix" } }],
      backendRefs: [
        { group: "", kind: "Service", name: "checkout-api-stable", port: 8080, weight: stable },
        { group: "", kind: "Service", name: "checkout-api-release", port: 8080, weight: release },
      ],
    }),
  },
];

describe.each(unnamedRuleCases)("kustomize.overlay().apply() rewriting the unnamed rules of a $case.name the run shifted", (m) => {
  const c = m.case;
  const label = `${c.ref.kind} prod/checkout-api`;
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator(c.scenario);
  });
  afterEach(() => sim.close());

  /** Seeds the route with `rules`, isolates it, then applies an overlay whose manifest gives it `applied`. */
  const isolateThenApply = async (rules: unknown[], applied: unknown[]) => {
    sim.store.update(m.withRules(sim.store.get(c.ref)!, rules));
    const { dir, cleanup } = await tempDir("route-overlay");
    cleanups.push(cleanup);
    const manifest = { apiVersion: c.ref.apiVersion, kind: c.ref.kind, metadata: { name: c.ref.name, namespace: c.ref.namespace }, spec: m.withRules(sim.store.get(c.ref)!, applied).spec };
    await writeFile(join(dir, "kustomization.yaml"), stringify({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: ["route.yaml"] }));
    await writeFile(join(dir, "route.yaml"), stringify(manifest));
    const result = await runPlan(
      plan({ name: "isolate" }, async (run) => {
        await run.step("isolate", () => c.route().shift({ [c.stable]: 100, [c.release]: 0 }));
        await run.step("apply overlay", () => kustomize.overlay({ path: dir }).apply({ force: true }));
      }),
      { mode: "run", inputs: {}, kube: sim.kube, clock: sim.clock, target: { kind: "sim" } },
    );
    return { result, by: `rewritten by the run's step "apply overlay" (apply of Kustomize overlay ${dir})` };
  };
  const notes = (events: JournalEvent[]) => events.flatMap((e) => (e.type === "note" ? [e.text] : []));
  /** The rows of the postmortem's traffic table: "| minute | time | stable % | release % | error rate % |". */
  const trafficRows = (postmortem: string) => postmortem.split("\n").filter((l) => /^\| (start|\d+\.\d+)/.test(l));

  it("an unnamed rule whose match the manifest changed is still the one read: the journal, the final check, the postmortem and the report say what it holds", async () => {
    const { result, by } = await isolateThenApply([m.rule("/", 10, 90)], [m.rule("/v2", 10, 90)]);
    const split = `${c.stable}=10, ${c.release}=90`;
    expect(result.status).toBe("failed-unsafe");
    expect(result.events.find((e) => e.type === "traffic" && e.changedBy)).toMatchObject({ split: { [c.stable]: 10, [c.release]: 90 }, verified: true, changedBy: by });
    expect(notes(result.events)).toContain(`${label} was ${by}; it holds ${split}, not ${c.stable}=100, ${c.release}=0 as the run last shifted it`);
    expect(result.unsafe).toEqual([
      `${label} no longer holds the split this run wrote (${c.stable}=100, ${c.release}=0): it is at ${split} (${by}). ` +
        "No controller changed it: a later step of this plan did. If traffic must not stay there, set the split again, and in the plan, shift the route after that step.",
    ]);
    const postmortem = renderPostmortem(result.events);
    expect(postmortem).toContain(`The plan completed, but ${label} is at 90% ${c.release}, 10% ${c.stable}, not 100% to ${c.stable} as the run left it (${by})`);
    expect(trafficRows(postmortem).at(-1)).toMatch(/\| 10 \| 90 \| no data \|$/);
    expect(formatReport(result, {}, 3)).toContain(`Traffic: ${label}: ${c.stable}=10%, ${c.release}=90% (NOT as the run left it: ${c.stable}=100%, ${c.release}=0%)`);
  });

  it("of several unnamed rules, the one the run shifted is found by its match, whatever order the API server serves its keys in", async () => {
    const { result, by } = await isolateThenApply([m.rule("/api", 10, 90), m.rule("/web", 10, 90)], [m.rule("/api", 10, 90), m.rule("/web", 50, 50)]);
    expect(result.unsafe).toEqual([expect.stringContaining(`: it is at ${c.stable}=10, ${c.release}=90 (${by}). No controller changed it`)]);
  });

  it("several unnamed rules, none with the match the run shifted: says it cannot tell which took its place and what to check, not 0% nor gone", async () => {
    const { result, by } = await isolateThenApply([m.rule("/", 10, 90)], [m.rule("/v1", 50, 50), m.rule("/v2", 10, 90)]);
    const why = new RegExp(
      `^${label} has no ${m.noun} matching .* any more, the one the run shifted, and 2 of its ${m.noun}s send to ${c.stable} or ${c.release} \\(.*\\): the run cannot tell which of them took its place\\. ` +
        `Check which of them users reach \\(a request takes the first whose match it meets\\) and what it sends to ${c.stable} or ${c.release}; give each ${m.noun} its own name`,
    );
    expect(result.status).toBe("failed-unsafe");
    const edit = result.events.find((e) => e.type === "traffic" && e.changedBy);
    expect(edit).toMatchObject({ split: {}, verified: false, drift: { written: { [c.stable]: 100, [c.release]: 0 }, unreadable: expect.stringMatching(why) }, changedBy: by });
    expect(notes(result.events)).toContainEqual(expect.stringContaining(`${label} was ${by}; the run last shifted it to ${c.stable}=100, ${c.release}=0, and cannot read what it holds now: ${label} has no ${m.noun} matching`));
    expect(result.unsafe).toEqual([expect.stringContaining(`${label} no longer holds the split this run wrote (${c.stable}=100, ${c.release}=0): ${label} has no ${m.noun} matching`)]);
    expect(result.unsafe![0]).toContain("the run cannot tell which of them took its place");
    const postmortem = renderPostmortem(result.events);
    expect(postmortem).toContain(`The plan completed, but ${label} has lost the part the run shifted (${label} has no ${m.noun} matching`);
    expect(trafficRows(postmortem).at(-1)).toMatch(/\| unknown \| unknown \| no data \|$/);
    expect(postmortem).toContain("Times the run could not read the split (unknown in the table; the journal's notes say why) are drawn at 0%.");
    const report = formatReport(result, {}, 3);
    expect(report).toContain(`Traffic: ${label}: no split the run can read (NOT as the run left it: ${c.stable}=100%, ${c.release}=0%)`);
    expect(report).not.toContain(": gone");
  });
});
