import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { KubeConfig, type KubernetesObject, KubernetesObjectApi } from "@kubernetes/client-node";
import type { KubeObject } from "../../sdk/ports/kube.ts";
import { startKubeApiServer, type KubeApiServer, type KubeApiServerOptions } from "../../sdk/sim/kube-api/index.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";

/** An object as client-node types it, with the parts the tests read. */
export type ClientObject = KubernetesObject & { spec?: any; status?: any; data?: any };
/** Our wire type as client-node's (its ObjectMeta types timestamps as Date). */
export const asClient = (o: KubeObject) => o as unknown as ClientObject;

/** Shared world of the kube-api tests: namespace prod with a Deployment, a VirtualService and a DestinationRule. */

export const NS = "prod";

export function deployment(name = "checkout-api", replicas = 3): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: NS, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, version: "v2" } },
        spec: {
          containers: [
            { name: "app", image: "registry.example.com/checkout:2.4.1", ports: [{ containerPort: 8080 }] },
            { name: "envoy", image: "istio/proxyv2:1.24.0" },
          ],
        },
      },
    },
  };
}

export function virtualService(name = "checkout", weights: [number, number] = [90, 10]): KubeObject {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name, namespace: NS },
    spec: {
      hosts: ["checkout.prod.svc.cluster.local"],
      http: [
        {
          route: [
            { destination: { host: "checkout", subset: "stable" }, weight: weights[0] },
            { destination: { host: "checkout", subset: "canary" }, weight: weights[1] },
          ],
        },
      ],
    },
  };
}

export function destinationRule(name = "checkout"): KubeObject {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { name, namespace: NS },
    spec: {
      host: "checkout",
      subsets: [
        { name: "stable", labels: { version: "v1" } },
        { name: "canary", labels: { version: "v2" } },
      ],
    },
  };
}

/** A store holding the seed, written directly (as the simulator's world builder does). */
export function seededStore(): ObjectStore {
  const store = new ObjectStore();
  store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: NS }, status: { phase: "Active" } });
  store.create(deployment());
  store.create(virtualService());
  store.create(destinationRule());
  return store;
}

/** A running server over a fresh seeded store, with client-node pointed at it. */
export interface Harness {
  api: KubeApiServer;
  store: ObjectStore;
  kc: KubeConfig;
  objects: KubernetesObjectApi;
}

export async function startHarness(options: Partial<KubeApiServerOptions> = {}): Promise<Harness> {
  const store = options.store ?? seededStore();
  const api = await startKubeApiServer({ ...options, store });
  const kc = new KubeConfig();
  kc.loadFromString(api.kubeconfig());
  return { api, store, kc, objects: KubernetesObjectApi.makeApiClient(kc) };
}

/** Raw HTTP against the server, for what the clients hide (status codes, headers, Status bodies). */
export async function http(api: KubeApiServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const run = promisify(execFile);

/** Runs the real kubectl against the server with a throwaway kubeconfig and discovery cache. */
export async function kubectl(api: KubeApiServer, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const dir = await mkdtemp(join(tmpdir(), "firebreak-kubectl-"));
  try {
    const config = join(dir, "kubeconfig");
    await writeFile(config, api.kubeconfig());
    const { stdout, stderr } = await run("kubectl", ["--kubeconfig", config, "--cache-dir", join(dir, "cache"), ...args], { timeout: 20_000 });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? "", stderr: e.stderr ?? "", code: typeof e.code === "number" ? e.code : 1 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The HTTP code and Status body of a client-node call that must fail. */
export async function rejection(call: Promise<unknown>): Promise<{ code: number; status: any; message: string }> {
  try {
    await call;
  } catch (err) {
    const e = err as { code?: number; body?: unknown; message?: string };
    let status: any = e.body;
    if (typeof e.body === "string") {
      try {
        status = JSON.parse(e.body);
      } catch {
        status = e.body;
      }
    }
    return { code: e.code ?? 0, status, message: e.message ?? String(err) };
  }
  throw new Error("expected the call to fail");
}
