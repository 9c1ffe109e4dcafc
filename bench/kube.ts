/**
 * Kubernetes benchmarks, side by side on one loopback API server (the simulator's strict one):
 * one isolation by Firebreak (read the route and the pools, check capacity, patch, read back,
 * verify) against one `kubectl patch --type=merge` of the same VirtualService (a Go binary that
 * neither checks nor verifies); and 100 services isolated in one step (writes concurrent) against
 * a single isolation and against a shell loop of 100 `kubectl patch` calls.
 *
 * The API server runs on a worker thread, as a real one runs in its own process: its CPU (decoding,
 * CRD validation, storage) is not charged to the client, and concurrent writes can overlap.
 *
 * This module is also the "tiny script" Firebreak runs as a fresh process: bundled with esbuild,
 * `node kube.mjs --isolate KUBECONFIG NAME…` evaluates only what an isolation needs (the heavy
 * imports are dynamic), like a deployed Firebreak. And it is the API worker's entry.
 */
import { readFileSync } from "node:fs";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { runPlan, type RunResult } from "../sdk/engine/runner.ts";
import { deployment, istio, plan } from "../sdk/index.ts";
import { createKube } from "../sdk/kube/index.ts";
import { createSystemClock } from "../sdk/ports/clock.ts";
import type { KubeObject, KubePort } from "../sdk/ports/kube.ts";
import type { ObjectStore } from "../sdk/sim/store.ts";
import type { Figure } from "./engine.ts";

const NS = "prod";
/** Services seeded for the fan-out figure: the issue's "100 services isolated in one step". */
const FAN_OUT = 100;
/** The service the single-isolation figures shift. */
const SINGLE = "checkout-api";
const ISOLATED = { stable: 100, release: 0 };
const INCIDENT = { stable: 10, release: 90 };
const WORKER_ROLE = "firebreak-bench-kube-api";

/**
 * One plan step isolating every named service (100% to `stable`), the writes concurrent. Each
 * shift reads the route, its DestinationRules and both pools, checks the stable pool can take
 * everyone, patches guarded by resourceVersion, reads back and verifies.
 * @example await isolate(kube, ["checkout-api"]);
 */
export async function isolate(kube: KubePort, names: string[]): Promise<RunResult> {
  const routes = names.map((name) =>
    istio.virtualService({
      namespace: NS,
      name,
      backends: { stable: deployment({ namespace: NS, name: `${name}-stable` }), release: deployment({ namespace: NS, name }) },
    }),
  );
  const isolation = plan({ name: "isolate" }, async (run) => {
    await run.step(`isolate ${names.length} service(s)`, async () => {
      await Promise.all(routes.map((r) => r.shift(ISOLATED)));
    });
  });
  return runPlan(isolation, { mode: "run", inputs: {}, kube, clock: createSystemClock(), target: { kind: "cluster" } });
}

/** The production KubePort for kubeconfig text (static credentials here: the lean node:http port, as in the action). */
const kubeFor = (kubeconfig: string) => createKube({ kind: "inline", content: kubeconfig });

function virtualService(name: string, split: Record<string, number>): KubeObject {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name, namespace: NS },
    spec: { hosts: [name], http: [{ name: "primary", route: Object.entries(split).map(([subset, weight]) => ({ destination: { host: name, subset }, weight })) }] },
  };
}

/** VirtualService, DestinationRule and two warm pools (10 and 8 ready pods) per service, written straight into the store. */
function seedService(store: ObjectStore, name: string): void {
  store.create({
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { name, namespace: NS },
    spec: { host: name, subsets: Object.keys(INCIDENT).map((s) => ({ name: s, labels: { version: s } })) },
  });
  store.create(virtualService(name, INCIDENT));
  for (const [pool, version, replicas] of [[`${name}-stable`, "stable", 10], [name, "release", 8]] as const) {
    const labels = { app: name, version };
    store.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: pool, namespace: NS, labels, generation: 1 },
      spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "app", image: `${name}:1` }] } } },
      status: { observedGeneration: 1, replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas },
    });
  }
}

/** What the API worker is asked: put splits back to the incident's, or stop. */
type ApiMessage = { reset: string[] } | { close: true };

/** Worker side: a loopback API server over a store holding the services. */
async function serveApi(names: string[]): Promise<void> {
  const { ObjectStore } = await import("../sdk/sim/store.ts");
  const { startKubeApiServer } = await import("../sdk/sim/kube-api/index.ts");
  const store = new ObjectStore();
  store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: NS } });
  for (const name of names) seedService(store, name);
  const api = await startKubeApiServer({ store });
  parentPort!.on("message", async (m: ApiMessage) => {
    if ("close" in m) {
      await api.close();
      parentPort!.close();
      return;
    }
    for (const name of m.reset) {
      const vs = store.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: NS, name })!;
      store.update({ ...vs, spec: virtualService(name, INCIDENT).spec });
    }
    parentPort!.postMessage("reset");
  });
  parentPort!.postMessage(api.kubeconfig());
}

/** Main side: starts the API worker; `reset` puts splits back (untimed) so every timed write changes something. */
async function startApiWorker(names: string[]) {
  // the worker loads this .ts module through tsx, as `npm run bench` loads it
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { role: WORKER_ROLE, names } });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const fail = (err: Error) => reject(err);
      worker.once("error", fail);
      worker.once("message", (m: string) => {
        worker.off("error", fail);
        resolve(m);
      });
    });
  const kubeconfig = await next();
  const send = (m: ApiMessage) => worker.postMessage(m);
  return {
    kubeconfig,
    async reset(list: string[]) {
      const done = next();
      send({ reset: list });
      await done;
    },
    async close() {
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      send({ close: true });
      await exited;
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => +x.toFixed(x < 10 ? 2 : 0);
const ratio = (x: number) => +x.toFixed(1);

/**
 * The figures: medians of a few runs. `quick` (CI) runs fewer, and times the kubectl loop over a
 * fifth of the services and scales it (the figure's name says so).
 * @example print("Kubernetes", await kubeBenchmarks(false));
 */
export async function kubeBenchmarks(quick: boolean): Promise<Figure[]> {
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { fileURLToPath } = await import("node:url");
  const { build } = await import("esbuild");
  const exec = promisify(execFile);

  const names = Array.from({ length: FAN_OUT }, (_, i) => `svc-${String(i).padStart(3, "0")}`);
  const api = await startApiWorker([SINGLE, ...names]);
  const dir = mkdtempSync(join(tmpdir(), "firebreak-bench-kube-"));
  const kubeconfig = join(dir, "kubeconfig");
  writeFileSync(kubeconfig, api.kubeconfig);
  const kube = await kubeFor(api.kubeconfig);

  const timed = async (list: string[], f: () => Promise<unknown>) => {
    await api.reset(list);
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  const repeat = async (n: number, f: () => Promise<number>) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(await f());
    return median(out);
  };
  const mustSucceed = (r: RunResult) => {
    if (r.status !== "succeeded") throw new Error(`isolation ${r.status}: ${r.error?.message}`);
  };
  /** The same merge patch Firebreak sends: the VirtualService's http routes. */
  const kubectlArgs = (name: string) => {
    const patch = JSON.stringify({ spec: { http: virtualService(name, ISOLATED).spec.http } });
    return ["--kubeconfig", kubeconfig, "--cache-dir", join(dir, "cache"), "-n", NS, "patch", "virtualservice.networking.istio.io", name, "--type=merge", "-p", patch];
  };
  /** `for n in …; do kubectl patch … "$n" …; done`, each service's patch built by the shell. */
  const shellLoop = (list: string[]) => {
    const quoted = (a: string) => `"${a.replace(/[\\"$`]/g, "\\$&").replaceAll("@NAME@", "$n")}"`;
    return `for n in ${list.join(" ")}; do kubectl ${kubectlArgs("@NAME@").map(quoted).join(" ")} >/dev/null || exit 1; done`;
  };

  try {
    const runs = quick ? 3 : 7;
    await exec("kubectl", kubectlArgs(SINGLE)); // discovery cache warm, as on a responder's laptop
    const kubectl = await repeat(runs, () => timed([SINGLE], () => exec("kubectl", kubectlArgs(SINGLE))));

    mustSucceed(await isolate(kube, [SINGLE])); // JIT and connections warm
    const inProcess = await repeat(runs, () => timed([SINGLE], async () => mustSucceed(await isolate(kube, [SINGLE]))));

    const bundle = join(dir, "bundle", "kube.mjs");
    const t0 = performance.now();
    await build({
      entryPoints: [fileURLToPath(import.meta.url)],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outdir: join(dir, "bundle"),
      outExtension: { ".js": ".mjs" },
      // as the action's bundle: what a run may not need (client-node, the simulator) goes to chunks its dynamic imports load
      splitting: true,
      external: ["esbuild"],
      logLevel: "error",
      // client-node's dependencies are CommonJS: give them a require
      banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
    });
    const buildMs = performance.now() - t0;
    const fresh = await repeat(runs, () => timed([SINGLE], () => exec(process.execPath, [bundle, "--isolate", kubeconfig, SINGLE])));

    await timed(names, async () => mustSucceed(await isolate(kube, names))); // JIT warm for the fan-out's paths too
    const fanOut = await repeat(quick ? 1 : 3, () => timed(names, async () => mustSucceed(await isolate(kube, names))));
    const fanOutFresh = await repeat(quick ? 1 : 3, () => timed(names, () => exec(process.execPath, [bundle, "--isolate", kubeconfig, ...names])));

    const looped = quick ? names.slice(0, FAN_OUT / 5) : names;
    const loop = ((await timed(looped, () => exec("bash", ["-c", shellLoop(looped)]))) * FAN_OUT) / looped.length;

    return [
      { name: "kubectl patch --type=merge, one VirtualService", value: ms(kubectl), unit: "ms" },
      { name: "Firebreak isolation in-process (check, patch, verify)", value: ms(inProcess), unit: "ms" },
      { name: "  to kubectl patch", value: ratio(inProcess / kubectl), unit: "x", target: "<= 3x", ok: inProcess / kubectl <= 3 },
      { name: "Firebreak isolation as a fresh process (esbuild bundle)", value: ms(fresh), unit: "ms" },
      { name: "  to kubectl patch", value: ratio(fresh / kubectl), unit: "x", target: "<= 3x", ok: fresh / kubectl <= 3 },
      { name: "  (building the bundle, once)", value: ms(buildMs), unit: "ms" },
      { name: `${FAN_OUT} services isolated in one step, in-process`, value: ms(fanOut), unit: "ms" },
      { name: "  to one isolation in-process", value: ratio(fanOut / inProcess), unit: "x", target: "< 3x", ok: fanOut / inProcess < 3 },
      { name: `${FAN_OUT} services isolated in one step, fresh process`, value: ms(fanOutFresh), unit: "ms" },
      { name: "  to one isolation as a fresh process", value: ratio(fanOutFresh / fresh), unit: "x", target: "< 3x", ok: fanOutFresh / fresh < 3 },
      { name: quick ? `shell loop of kubectl patch (${looped.length} timed, x${FAN_OUT / looped.length})` : `shell loop of ${FAN_OUT} kubectl patch`, value: ms(loop), unit: "ms" },
      { name: `  ${FAN_OUT} in one step in-process, times faster`, value: ratio(loop / fanOut), unit: "x", target: ">= 10x", ok: loop / fanOut >= 10 },
      { name: `  ${FAN_OUT} in one step as a fresh process, times faster`, value: ratio(loop / fanOutFresh), unit: "x", target: ">= 10x", ok: loop / fanOutFresh >= 10 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  }
}

// Entry points: the fresh-process isolation, and the API worker.
if (process.argv[2] === "--isolate") {
  const [path, ...names] = process.argv.slice(3);
  const r = await isolate(await kubeFor(readFileSync(path!, "utf8")), names);
  if (r.status !== "succeeded") {
    console.error(r.error?.message ?? r.status);
    process.exit(1);
  }
} else if (!isMainThread && workerData?.role === WORKER_ROLE) {
  await serveApi(workerData.names);
}
