import { execFile } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import { runPlan, type RunResult } from "../../sdk/engine/runner.ts";
import { createClientNodeKube, loadKubeConfig } from "../../sdk/kube/client-node-port.ts";
import type { Plan } from "../../sdk/plan/plan.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { startKubeApiServer, type KubeApiServer } from "../../sdk/sim/kube-api/index.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { tempDir } from "../kube/helpers.ts";

/** A loopback cluster that the real helm binary installs a chart into, release by release. */

const run = promisify(execFile);
const FIXTURE_CHART = "test/workloads/fixtures/helm/checkout-api";

export interface HelmCluster {
  api: KubeApiServer;
  store: ObjectStore;
  dir: string;
  /** Runs the real helm against the loopback server. */
  helm(args: string[], env?: Record<string, string>): Promise<string>;
  /** The fixture chart with its version and appVersion set, as a directory helm can install. */
  chart(version: string, appVersion: string): Promise<string>;
  /** Runs a plan against this cluster through the client-node port, with the helm binary given. */
  run(plan: Plan<any>, mode?: "run" | "preview"): Promise<RunResult>;
  image(): string | undefined;
  close(): Promise<void>;
}

/**
 * The real helm against the API server `kubeconfig` reaches, its kubeconfig and homes kept in
 * `dir`; `env` (HELM_DRIVER) goes on top of this process's environment.
 */
export async function helmAgainst(helmBinary: string, kubeconfig: string, dir: string): Promise<(args: string[], env?: Record<string, string>) => Promise<string>> {
  const file = join(dir, "kubeconfig");
  await writeFile(file, kubeconfig);
  return async (args, env = {}) => {
    const { stdout } = await run(helmBinary, [...args, "--kubeconfig", file], {
      timeout: 60_000,
      env: { ...process.env, HELM_CACHE_HOME: join(dir, "cache"), HELM_CONFIG_HOME: join(dir, "config"), HELM_DATA_HOME: join(dir, "data"), ...env },
    });
    return stdout;
  };
}

export async function startHelmCluster(helmBinary: string): Promise<HelmCluster> {
  const store = new ObjectStore();
  store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "prod" } });
  const api = await startKubeApiServer({ store });
  const tmp = await tempDir("helm-cluster");
  const helm = await helmAgainst(helmBinary, api.kubeconfig(), tmp.dir);
  const kube = createClientNodeKube(loadKubeConfig({ kind: "inline", content: api.kubeconfig() }));
  return {
    api,
    store,
    dir: tmp.dir,
    helm,
    async chart(version, appVersion) {
      const dir = join(tmp.dir, `chart-${version}`);
      await cp(FIXTURE_CHART, dir, { recursive: true });
      const meta = await readFile(join(dir, "Chart.yaml"), "utf8");
      await writeFile(join(dir, "Chart.yaml"), meta.replace(/^version: .*$/m, `version: ${version}`).replace(/^appVersion: .*$/m, `appVersion: "${appVersion}"`));
      return dir;
    },
    run: (plan, mode = "run") => runPlan(plan, { mode, inputs: {}, kube, clock: createVirtualClock(), target: { kind: "cluster" } }),
    image: () => store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" })?.spec.template.spec.containers[0].image,
    async close() {
      await api.close();
      await tmp.cleanup();
    },
  };
}

/** Revision 1: chart 1.0.0 with app 1.9.4; revision 2: chart 2.0.0 with app 2.0.0, the bad release (with `bad`, only it). */
export async function installTwoReleases(c: HelmCluster, extra: string[] = [], env: Record<string, string> = {}, bad: string[] = []): Promise<void> {
  await c.helm(["install", "checkout-api", await c.chart("1.0.0", "1.9.4"), "-n", "prod", ...extra], env);
  await c.helm(["upgrade", "checkout-api", await c.chart("2.0.0", "2.0.0"), "-n", "prod", "--set", "image=registry.example.com/checkout-api:2.0.0", ...extra, ...bad], env);
}

/**
 * A chart repository served over HTTP holding `charts` (packaged with the real helm), added to the
 * cluster's helm as `name` (helm repo add): its config and cache are in HELM_CONFIG_HOME and
 * HELM_CACHE_HOME under `c.dir`, as a workflow's `helm repo add` step leaves them on the runner.
 */
export async function addChartRepo(c: HelmCluster, name: string, charts: string[]): Promise<{ close(): Promise<void> }> {
  const dir = join(c.dir, `repo-${name}`);
  for (const chart of charts) await c.helm(["package", chart, "-d", dir]);
  const server = createServer((req, res) => {
    readFile(join(dir, (req.url ?? "").replace(/^\/+/, "").replaceAll("..", ""))).then(
      (body) => res.end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await c.helm(["repo", "index", dir, "--url", url]);
  await c.helm(["repo", "add", name, url]);
  return { close: () => new Promise((done) => server.close(() => done())) };
}
