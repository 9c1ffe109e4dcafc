/**
 * The action's cold start: from process start to a verified isolation (100% of checkout-api's
 * traffic to the stable pool, written and read back) on a loopback Kubernetes API, running the
 * committed bundle (`dist/main.js`) the way the runner does, under Node 24 when it is installed.
 * Against the floor: a bare Node script that sends the same single write with `node:http`.
 * Target: within 2x of the floor, i.e. nothing a plan does not use is loaded on the incident path.
 *
 * Measured twice: with an isolation plan that takes no inputs, and with the same plan declaring
 * its inputs with `z`, which loads zod (the loader gives plans zod only when they use it).
 * Once with the token from an exec plugin, as EKS hands it out (no target).
 * And twice more, action and floor alike (no target): through a TLS front, as every real API
 * server speaks HTTPS (the TLS modules, the handshakes and the CA check are paid by both), and through
 * a proxy that makes the API server {@link DISTANT_RTT_MS} ms away: what round trips cost against a
 * real cluster.
 *
 *   npx tsx bench/action-cold-start.ts [runs]
 *   FIREBREAK_BENCH_CPU_PROF=DIR npx tsx bench/action-cold-start.ts 1   # a V8 CPU profile of each run
 *   FIREBREAK_BENCH_DIST=/tmp/other/dist npx tsx bench/action-cold-start.ts   # another build of dist/
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { connect, createServer as createTcpServer, type AddressInfo, type Server as NetServer, type Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Figure } from "./engine.ts";
import { ensureNode24 } from "../test/helpers/tools.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DIST = process.env.FIREBREAK_BENCH_DIST ?? join(ROOT, "dist");
const NODE24 = ensureNode24();
/** A cold start that takes longer than this is a hang, not a figure. */
const RUN_TIMEOUT_MS = 30_000;
/** The ratio the issue asks for: the action within 2x of a bare write. */
const TARGET_RATIO = 2;
/** The round trip to the "distant" API server: a cluster in another region of the same continent. */
const DISTANT_RTT_MS = 30;

const VS_PATH = "/apis/networking.istio.io/v1/namespaces/prod/virtualservices/checkout-api";
const ISOLATE = { spec: { http: [{ route: [{ destination: { host: "checkout-api", subset: "stable" }, weight: 100 }, { destination: { host: "checkout-api", subset: "release" }, weight: 0 }] }] } };

const PLAN = `import { plan } from "firebreak";
import { route } from "./checkout-api.ts";

export default plan({ name: "isolate-checkout-api" }, async (run) => {
  await run.step("isolate: 100% to stable", () => route.shift({ stable: 100, release: 0 }));
});
`;

/** The same isolation, with inputs declared through zod (a reason, journaled as a note). */
const PLAN_WITH_INPUTS = `import { plan, z } from "firebreak";
import { route } from "./checkout-api.ts";

export default plan({ name: "isolate-checkout-api", inputs: z.object({ reason: z.string().default("incident") }) }, async (run, { reason }) => {
  run.note(reason);
  await run.step("isolate: 100% to stable", () => route.shift({ stable: 100, release: 0 }));
});
`;

const HANDLES = `import { deployment, istio } from "firebreak";
export const route = istio.virtualService({
  namespace: "prod",
  name: "checkout-api",
  backends: { stable: deployment({ namespace: "prod", name: "checkout-api-stable" }), release: deployment({ namespace: "prod", name: "checkout-api" }) },
});
`;

type Obj = Record<string, any>;

function deploymentObject(name: string, track: string, replicas: number): Obj {
  const labels = { app: "checkout-api", track };
  return {
    apiVersion: "apps/v1", kind: "Deployment",
    metadata: { name, namespace: "prod", uid: `uid-${name}`, resourceVersion: "1", generation: 1, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "app", image: `checkout-api:${track}` }] } } },
    status: { observedGeneration: 1, replicas, readyReplicas: replicas, availableReplicas: replicas, updatedReplicas: replicas },
  };
}

/**
 * The objects of a cluster mid-incident: 90% of checkout-api's traffic on the broken release, and
 * a stable pool sized to take all of it (so isolating is one write, as the floor's).
 */
function world(): Map<string, Obj> {
  const objects = new Map<string, Obj>();
  objects.set(VS_PATH, {
    apiVersion: "networking.istio.io/v1", kind: "VirtualService",
    metadata: { name: "checkout-api", namespace: "prod", resourceVersion: "1", generation: 1 },
    spec: { hosts: ["checkout-api"], http: [{ route: [{ destination: { host: "checkout-api", subset: "stable" }, weight: 10 }, { destination: { host: "checkout-api", subset: "release" }, weight: 90 }] }] },
  });
  objects.set("/apis/networking.istio.io/v1/namespaces/prod/destinationrules/checkout-api", {
    apiVersion: "networking.istio.io/v1", kind: "DestinationRule",
    metadata: { name: "checkout-api", namespace: "prod", resourceVersion: "1" },
    spec: { host: "checkout-api", subsets: [{ name: "stable", labels: { track: "stable" } }, { name: "release", labels: { track: "release" } }] },
  });
  objects.set("/apis/apps/v1/namespaces/prod/deployments/checkout-api-stable", deploymentObject("checkout-api-stable", "stable", 20));
  objects.set("/apis/apps/v1/namespaces/prod/deployments/checkout-api", deploymentObject("checkout-api", "release", 10));
  return objects;
}

const discovery: Record<string, Obj> = {
  "/apis/networking.istio.io/v1": { kind: "APIResourceList", groupVersion: "networking.istio.io/v1", resources: [
    { name: "virtualservices", singularName: "virtualservice", namespaced: true, kind: "VirtualService", verbs: ["get", "list", "patch"] },
    { name: "destinationrules", singularName: "destinationrule", namespaced: true, kind: "DestinationRule", verbs: ["get", "list"] },
  ] },
  "/apis/apps/v1": { kind: "APIResourceList", groupVersion: "apps/v1", resources: [{ name: "deployments", singularName: "deployment", namespaced: true, kind: "Deployment", verbs: ["get", "list", "patch"] }] },
  "/api/v1": { kind: "APIResourceList", groupVersion: "v1", resources: [{ name: "pods", singularName: "pod", namespaced: true, kind: "Pod", verbs: ["get", "list"] }] },
};

/**
 * A minimal Kubernetes API: discovery, get, list and merge-patch over the objects above. It notes
 * when the write came in and when the route was first read back isolated after it.
 */
async function startFakeKube() {
  let objects = world();
  const marks: { write?: number; verified?: number } = {};
  const unknown: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0]!
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method === "PATCH" && objects.has(path)) {
        const patch = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Obj;
        const current = objects.get(path)!;
        const next = { ...current, spec: patch.spec ? { ...current.spec, ...patch.spec } : current.spec, metadata: { ...current.metadata, resourceVersion: String(Number(current.metadata.resourceVersion) + 1) } };
        objects.set(path, next);
        if (path === VS_PATH) marks.write ??= performance.now();
        return send(200, next);
      }
      if (req.method === "GET" && objects.has(path)) {
        const obj = objects.get(path)!;
        if (path === VS_PATH && marks.write !== undefined && obj.spec.http[0].route[0].weight === 100) marks.verified ??= performance.now();
        return send(200, obj);
      }
      if (req.method === "GET" && discovery[path]) return send(200, discovery[path]);
      if (req.method === "GET") {
        const items = [...objects.entries()].filter(([p]) => p.startsWith(`${path}/`) && !p.slice(path.length + 1).includes("/")).map(([, o]) => o);
        if (items.length || /\/(pods|replicasets|destinationrules)$/.test(path)) return send(200, { kind: "List", apiVersion: "v1", metadata: { resourceVersion: "1" }, items });
      }
      unknown.push(`${req.method} ${req.url}`);
      send(404, { kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404, message: `${path} not found` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    marks,
    unknown,
    reset() {
      objects = world();
      delete marks.write;
      delete marks.verified;
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/**
 * A front on loopback for the API server at `port`: each connection it takes (`server` hands them to
 * the returned handler) opens one to `port`, and `relay` carries the bytes between the two. Nagle
 * is off on both sides, as a real API server (Go) has it: with it on, a TLS handshake's small
 * records wait out delayed ACKs (40 ms here).
 */
async function startFront(scheme: "http" | "https", port: number, relay: (client: Socket, upstream: Socket) => void, listen: (onConnection: (client: Socket) => void) => NetServer) {
  const sockets = new Set<Socket>();
  const server = listen((client) => {
    const upstream = connect({ port, host: "127.0.0.1", noDelay: true });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s)).on("error", () => {});
    }
    relay(client, upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}

/**
 * A TCP proxy to `port` on loopback that puts the API server `rttMs` away: a connection's first
 * bytes go through one round trip after it opened (TCP's handshake), and every chunk takes half a
 * round trip each way, in order.
 */
function startDistantProxy(port: number, rttMs: number) {
  const delayed = (client: Socket, upstream: Socket) => {
    const openAt = performance.now() + rttMs;
    /** One direction: each act half a round trip after its chunk came in, never before the one before it. */
    const direction = () => {
      let chain = Promise.resolve();
      return (act: () => void) => {
        const due = Math.max(openAt, performance.now()) + rttMs / 2;
        chain = chain.then(() => new Promise<void>((resolve) => setTimeout(resolve, due - performance.now()))).then(act);
      };
    };
    const [up, down] = [direction(), direction()];
    client.on("data", (c: Buffer) => up(() => upstream.write(c))).on("end", () => up(() => upstream.end()));
    upstream.on("data", (c: Buffer) => down(() => client.write(c))).on("end", () => down(() => client.end()));
  };
  return startFront("http", port, delayed, (onConnection) => createTcpServer({ noDelay: true }, onConnection));
}

/**
 * A TLS front to `port` on loopback with a fresh self-signed certificate for 127.0.0.1 (written to
 * `dir`), as a cluster's API server presents one signed by the cluster's CA.
 */
async function startTlsFront(port: number, dir: string) {
  const key = join(dir, "tls.key");
  const cert = join(dir, "tls.crt");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=kubernetes", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore", timeout: 20_000 });
  const tls = { key: readFileSync(key), cert: readFileSync(cert), noDelay: true };
  const front = await startFront("https", port, (client, upstream) => client.pipe(upstream).pipe(client), (onConnection) => createTlsServer(tls, onConnection));
  return { ...front, ca: tls.cert.toString("utf8") };
}

/** The token as EKS hands it out: from an exec plugin (here a shell script that prints it). */
const EXEC_PLUGIN = `#!/bin/sh
echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"bench-token"}}'
`;

/**
 * `ca`: the CA that signed the server's certificate (HTTPS); none: plain HTTP, unchecked.
 * `plugin`: the path of an exec plugin that gives the token; none: the token itself.
 */
const kubeconfig = (server: string, ca?: string, plugin?: string) => `apiVersion: v1
kind: Config
clusters: [{ name: bench, cluster: { server: "${server}", ${ca ? `certificate-authority-data: ${Buffer.from(ca).toString("base64")}` : "insecure-skip-tls-verify: true"} } }]
users: [{ name: bench, user: ${plugin ? `{ exec: { apiVersion: client.authentication.k8s.io/v1, command: ${plugin}, interactiveMode: Never } }` : "{ token: bench-token }"} }]
contexts: [{ name: bench, context: { cluster: bench, user: bench } }]
current-context: bench
`;

function runProcess(node: string, args: string[], options: { cwd: string; env: Record<string, string> }): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(node, args, options);
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c));
    child.stderr.on("data", (c: Buffer) => (output += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => Number((ms / 1000).toFixed(3));

/**
 * Measures the action's cold start against the bare-write floor, `runs` times each (medians).
 *
 * @example
 * for (const f of await actionColdStart(5)) console.log(f.name, f.value, f.unit);
 */
export async function actionColdStart(runs = 5): Promise<Figure[]> {
  const node = existsSync(NODE24) ? NODE24 : process.execPath;
  const kube = await startFakeKube();
  const distant = await startDistantProxy(Number(new URL(kube.url).port), DISTANT_RTT_MS);
  const base = mkdtempSync(join(tmpdir(), "firebreak-bench-"));
  const tls = await startTlsFront(Number(new URL(kube.url).port), base);
  const workspace = join(base, "workspace");
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, "isolate.ts"), PLAN);
  writeFileSync(join(workspace, "isolate-with-inputs.ts"), PLAN_WITH_INPUTS);
  writeFileSync(join(workspace, "checkout-api.ts"), HANDLES);
  const plugin = join(base, "get-token.sh");
  writeFileSync(plugin, EXEC_PLUGIN, { mode: 0o755 });
  const files = { GITHUB_OUTPUT: join(base, "output"), GITHUB_STATE: join(base, "state"), GITHUB_STEP_SUMMARY: join(base, "summary.md") };
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: base,
    INPUT_PLAN: "isolate.ts", INPUT_INPUTS: "", INPUT_MODE: "run", INPUT_TARGET: "cluster", INPUT_SCENARIO: "",
    INPUT_KUBECONFIG: kubeconfig(kube.url), INPUT_CONTEXT: "", "INPUT_REQUEST-TIMEOUT": "30s", "INPUT_PROMETHEUS-URL": "none", "INPUT_PROMETHEUS-HEADERS": "",
    "INPUT_GITHUB-TOKEN": "", INPUT_POSTMORTEM: "never", "INPUT_POSTMORTEM-REPO": "", INPUT_LABELS: "incident", INPUT_ASSIGNEES: "", INPUT_SEVERITY: "",
    GITHUB_REPOSITORY: "acme/shop", GITHUB_RUN_ID: "1", GITHUB_WORKSPACE: workspace, RUNNER_TEMP: join(base, "temp"),
    ...files,
    ...(process.env.FIREBREAK_BENCH_CPU_PROF ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-interval=100 --cpu-prof-dir=${process.env.FIREBREAK_BENCH_CPU_PROF}` } : {}),
  };
  const bareWrite = `const r = require("node:http").request(process.argv[1] + "${VS_PATH}", { method: "PATCH", headers: { "content-type": "application/merge-patch+json", authorization: "Bearer bench-token" } }, (res) => res.resume());
r.end(${JSON.stringify(JSON.stringify(ISOLATE))});`;
  /** The same write over HTTPS, checking the server's certificate against the CA in FLOOR_CA. */
  const bareTlsWrite = bareWrite.replace('require("node:http")', 'require("node:https")').replace("{ method:", "{ ca: process.env.FLOOR_CA, method:");
  const action: { verified: number; total: number }[] = [];
  const withInputs: number[] = [];
  const floor: number[] = [];
  const far = { action: [] as number[], floor: [] as number[] };
  const https = { action: [] as number[], floor: [] as number[] };
  const exec: number[] = [];
  /** Runs the committed bundle on a plan; returns when the isolation was read back, from the spawn. */
  const runAction = async (plan: string, server = kube.url, ca?: string, execPlugin?: string) => {
    for (const f of Object.values(files)) writeFileSync(f, "");
    kube.reset();
    const t0 = performance.now();
    const run = await runProcess(node, [join(DIST, "main.js")], { cwd: workspace, env: { ...env, INPUT_PLAN: plan, INPUT_KUBECONFIG: kubeconfig(server, ca, execPlugin) } });
    if (run.code !== 0 || kube.marks.verified === undefined) {
      throw new Error(`the action did not isolate (exit ${run.code}; unknown requests: ${kube.unknown.join(", ") || "none"}):\n${run.output}`);
    }
    return { verified: kube.marks.verified - t0, total: performance.now() - t0 };
  };
  /** Runs the floor; returns when the write arrived, from the spawn. */
  const runFloor = async (server = kube.url, ca?: string) => {
    kube.reset();
    const t0 = performance.now();
    await runProcess(node, ["-e", ca ? bareTlsWrite : bareWrite, server], { cwd: workspace, env: { PATH: env.PATH, ...(ca ? { FLOOR_CA: ca } : {}) } });
    if (kube.marks.write === undefined) throw new Error("the bare write did not arrive");
    return kube.marks.write - t0;
  };
  try {
    for (let i = 0; i < runs; i++) {
      action.push(await runAction("isolate.ts"));
      withInputs.push((await runAction("isolate-with-inputs.ts")).verified);
      floor.push(await runFloor());
      far.action.push((await runAction("isolate.ts", distant.url)).verified);
      far.floor.push(await runFloor(distant.url));
      https.action.push((await runAction("isolate.ts", tls.url, tls.ca)).verified);
      https.floor.push(await runFloor(tls.url, tls.ca));
      exec.push((await runAction("isolate.ts", kube.url, undefined, plugin)).verified);
    }
  } finally {
    await tls.close();
    await distant.close();
    await kube.close();
    rmSync(base, { recursive: true, force: true });
  }
  const verified = median(action.map((a) => a.verified));
  const write = median(floor);
  const ratio = Number((verified / write).toFixed(2));
  return [
    { name: `action: process start → verified isolation (${node === NODE24 ? "Node 24" : process.version})`, value: seconds(verified), unit: "s" },
    { name: "action: the same, plan with inputs declared with z (loads zod)", value: seconds(median(withInputs)), unit: "s" },
    { name: "action: whole main step (outputs, job summary, exit)", value: seconds(median(action.map((a) => a.total))), unit: "s" },
    { name: "floor: bare node:http script, process start → the write", value: seconds(write), unit: "s" },
    { name: "action cold start / floor", value: ratio, unit: "x", target: `<= ${TARGET_RATIO}x`, ok: ratio <= TARGET_RATIO },
    { name: "action, HTTPS API server (TLS front, CA checked)", value: seconds(median(https.action)), unit: "s" },
    { name: "floor, the same write over HTTPS", value: seconds(median(https.floor)), unit: "s" },
    { name: "HTTPS: action / floor", value: Number((median(https.action) / median(https.floor)).toFixed(2)), unit: "x" },
    { name: "action, token from an exec plugin (a shell script)", value: seconds(median(exec)), unit: "s" },
    { name: `action, API server ${DISTANT_RTT_MS} ms away (a delaying proxy)`, value: seconds(median(far.action)), unit: "s" },
    { name: `floor, the same server ${DISTANT_RTT_MS} ms away`, value: seconds(median(far.floor)), unit: "s" },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await actionColdStart(Number(process.argv[2] ?? 5));
  for (const f of figures) {
    const verdict = f.target ? `  target ${f.target}: ${f.ok ? "met" : "NOT MET"}` : "";
    console.log(`${f.name.padEnd(64)} ${String(f.value).padStart(8)} ${f.unit}${verdict}`);
  }
}
