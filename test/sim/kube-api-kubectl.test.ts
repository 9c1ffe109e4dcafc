import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, http, kubectl, NS, startHarness } from "./kube-api-fixtures.ts";

/** The real kubectl binary (1.32) against the simulator: discovery, tables, patches, apply. */

const hasKubectl = (() => {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

let h: Harness;
// no token: client-go sends user credentials over TLS only, so kubectl never sends one to http://
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.api.close());

const vsIn = (name: string) => h.store.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: NS, name });

function manifest(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "firebreak-manifest-")), "m.yaml");
  writeFileSync(file, text);
  return file;
}

describe.skipIf(!hasKubectl)("kubectl against the simulator", () => {
  it("gets virtualservices as a table, by plural and by short name", async () => {
    const r = await kubectl(h.api, ["get", "virtualservices", "-n", NS]);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")[0]).toMatch(/^NAME\s+GATEWAYS\s+HOSTS\s+AGE$/);
    expect(r.stdout).toMatch(/^checkout\s+\["checkout\.prod\.svc\.cluster\.local"\]/m);
    expect((await kubectl(h.api, ["get", "vs", "checkout", "-n", NS, "-o", "name"])).stdout.trim()).toBe("virtualservice.networking.istio.io/checkout");
  });

  it("gets deployments as JSON", async () => {
    const r = await kubectl(h.api, ["get", "deploy", "-n", NS, "-o", "json"]);
    const list = JSON.parse(r.stdout);
    expect(list.kind).toBe("List");
    expect(list.items.map((d: { metadata: { name: string } }) => d.metadata.name)).toEqual(["checkout-api"]);
    expect(list.items[0].spec.template.spec.containers[0].image).toBe("registry.example.com/checkout:2.4.1");
  });

  it("patches a virtualservice with --type=merge, changing the store", async () => {
    const patch = { spec: { http: [{ route: [{ destination: { host: "checkout", subset: "stable" }, weight: 100 }] }] } };
    const r = await kubectl(h.api, ["patch", "virtualservice", "checkout", "-n", NS, "--type=merge", "-p", JSON.stringify(patch)]);
    expect(r.stdout.trim()).toBe("virtualservice.networking.istio.io/checkout patched");
    expect(vsIn("checkout")!.spec.http[0].route).toEqual([{ destination: { host: "checkout", subset: "stable" }, weight: 100 }]);
    expect(vsIn("checkout")!.metadata.managedFields).toBeUndefined();
  });

  it("shows the webhook's denial of a bad split", async () => {
    const patch = { spec: { http: [{ route: [{ destination: { host: "checkout", subset: "stable" }, weight: 100 }, { destination: { host: "checkout", subset: "canary" }, weight: -10 }] }] } };
    const r = await kubectl(h.api, ["patch", "vs", "checkout", "-n", NS, "--type=merge", "-p", JSON.stringify(patch)]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('admission webhook "validation.istio.io" denied the request: configuration is invalid: weight -10 < 0');
  });

  it("applies manifests client-side and server-side, and scales", async () => {
    const file = manifest(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ${NS}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: web, image: "nginx:1.27"}\n`,
    );
    expect((await kubectl(h.api, ["apply", "-f", file])).stdout.trim()).toBe("deployment.apps/web created");
    expect((await kubectl(h.api, ["apply", "-f", file])).stdout.trim()).toBe("deployment.apps/web unchanged");
    expect((await kubectl(h.api, ["apply", "--server-side", "-f", file])).stdout.trim()).toBe("deployment.apps/web serverside-applied");
    expect((await kubectl(h.api, ["scale", "deploy/web", "-n", NS, "--replicas=4"])).stdout.trim()).toBe("deployment.apps/web scaled");
    // the scale (kubectl sends no fieldManager, so it is named after its user agent) now owns replicas
    const conflict = await kubectl(h.api, ["apply", "--server-side", "-f", file]);
    expect(conflict.stderr).toContain('conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
    expect((await kubectl(h.api, ["apply", "--server-side", "--force-conflicts", "-f", file])).code).toBe(0);
    expect(h.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: NS, name: "web" })!.spec.replicas).toBe(2);
  });

  it("waits for a rollout over a watch", async () => {
    const status = (s: object) =>
      http(h.api, "PATCH", `/apis/apps/v1/namespaces/${NS}/deployments/checkout-api/status`, { status: s }, { "Content-Type": "application/merge-patch+json" });
    const generation = h.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: NS, name: "checkout-api" })!.metadata.generation;
    await status({ observedGeneration: generation, replicas: 3, updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1 });
    const watching = () => h.api.requests.some((r) => r.path.includes("/deployments?") && r.path.includes("watch=true") && r.status === 200);
    expect(watching()).toBe(false);
    const rollout = kubectl(h.api, ["rollout", "status", "deploy/checkout-api", "-n", NS, "--timeout=15s"]);
    for (let waited = 0; !watching() && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    await status({ updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3 });
    const r = await rollout;
    expect(r.stdout).toContain("Waiting for deployment \"checkout-api\" rollout to finish: 1 out of 3 new replicas have been updated...");
    expect(r.stdout).toContain('deployment "checkout-api" successfully rolled out');
    expect(r.code).toBe(0);
  });

  it("refuses unknown fields, as kubectl asks for strict field validation", async () => {
    const file = manifest(`apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: typo\n  namespace: ${NS}\nspec:\n  hosts: [typo]\n  htp: []\n`);
    const r = await kubectl(h.api, ["apply", "-f", file]);
    expect(r.stderr).toContain('strict decoding error: unknown field "spec.htp"');
  });

  it("reports a missing object and a kind the cluster does not serve", async () => {
    expect((await kubectl(h.api, ["get", "vs", "nope", "-n", NS])).stderr).toContain('Error from server (NotFound): virtualservices.networking.istio.io "nope" not found');
    expect((await kubectl(h.api, ["get", "gateways.networking.istio.io", "-n", NS])).stderr).toContain('the server doesn\'t have a resource type "gateways"');
  });
});
