import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CoreV1Api, PatchStrategy } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { asClient, type ClientObject, deployment, type Harness, http, NS, rejection, startHarness, virtualService } from "./kube-api-fixtures.ts";

let h: Harness;
let writes = 0;
beforeEach(async () => {
  writes = 0;
  h = await startHarness({
    afterWrite: () => writes++,
    podProxy: ({ pod, port, scheme, path }) => (pod === "web-1" ? { status: 200, body: `pod ${pod}:${port} ${path}${scheme === "https" ? " over https" : ""}` } : undefined),
  });
});
afterEach(() => h.api.close());

const vsRef = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "checkout", namespace: NS } };

describe("client-node KubernetesObjectApi against the simulator", () => {
  it("reads an object through discovery, at any served version of its CRD", async () => {
    const vs = await h.objects.read<ClientObject>(vsRef);
    expect(vs.spec.http[0].route.map((r: { weight: number }) => r.weight)).toEqual([90, 10]);
    const alpha = await h.objects.read<ClientObject>({ ...vsRef, apiVersion: "networking.istio.io/v1alpha3" });
    expect(alpha.apiVersion).toBe("networking.istio.io/v1alpha3");
    expect(alpha.metadata!.uid).toBe(vs.metadata!.uid);
  });

  it("lists with label and field selectors, as a XList with a resourceVersion", async () => {
    await h.objects.create(asClient(deployment("web")));
    await h.objects.create(asClient({ ...deployment("batch"), metadata: { name: "batch", namespace: NS, labels: { app: "batch", tier: "jobs" } } }));
    const names = async (labelSelector?: string, fieldSelector?: string) =>
      (await h.objects.list("apps/v1", "Deployment", NS, undefined, undefined, undefined, fieldSelector, labelSelector)).items.map((d) => d.metadata!.name);
    expect(await names()).toEqual(["batch", "checkout-api", "web"]);
    expect(await names("app=web")).toEqual(["web"]);
    expect(await names("app!=web")).toEqual(["batch", "checkout-api"]);
    expect(await names("app in (web,batch)")).toEqual(["batch", "web"]);
    expect(await names("app notin (web,batch)")).toEqual(["checkout-api"]);
    expect(await names("tier")).toEqual(["batch"]);
    expect(await names("!tier")).toEqual(["checkout-api", "web"]);
    expect(await names(undefined, "metadata.name=web")).toEqual(["web"]);

    const raw = await http(h.api, "GET", `/apis/apps/v1/namespaces/${NS}/deployments`);
    expect(raw.json).toMatchObject({ kind: "DeploymentList", apiVersion: "apps/v1", metadata: { resourceVersion: h.store.resourceVersion } });
    expect((await http(h.api, "GET", `/apis/apps/v1/deployments?labelSelector=${encodeURIComponent("app in (web")}`)).status).toBe(400);
    expect((await http(h.api, "GET", `/apis/apps/v1/deployments?fieldSelector=spec.replicas%3D3`)).json.message).toBe("field label not supported: spec.replicas");
  });

  it("pages a list with limit and continue", async () => {
    for (const n of ["a", "b", "c"]) await h.objects.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: n, namespace: NS } });
    const first = await http(h.api, "GET", `/api/v1/namespaces/${NS}/configmaps?limit=2`);
    expect(first.json.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(["a", "b"]);
    expect(first.json.metadata.remainingItemCount).toBe(1);
    const next = await http(h.api, "GET", `/api/v1/namespaces/${NS}/configmaps?limit=2&continue=${first.json.metadata.continue}`);
    expect(next.json.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(["c"]);
    expect(next.json.metadata.continue).toBeUndefined();
  });

  it("creates (201) and refuses a second create with AlreadyExists", async () => {
    const created = await h.objects.create(asClient(deployment("web")));
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.metadata?.resourceVersion).toBeTruthy();
    expect(writes).toBe(1);
    const { code, status } = await rejection(h.objects.create(asClient(deployment("web"))));
    expect(code).toBe(409);
    expect(status).toMatchObject({
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      reason: "AlreadyExists",
      message: 'deployments.apps "web" already exists',
      details: { name: "web", group: "apps", kind: "deployments" },
      code: 409,
    });
  });

  it("refuses a create in a namespace that does not exist", async () => {
    const { code, status } = await rejection(h.objects.create(asClient({ ...deployment("web"), metadata: { name: "web", namespace: "nowhere" } })));
    expect(code).toBe(404);
    expect(status.message).toBe('namespaces "nowhere" not found');
  });

  it("guards a merge patch with the resourceVersion it carries: stale is 409 Conflict", async () => {
    const vs = await h.objects.read<ClientObject>(vsRef);
    const stale = vs.metadata!.resourceVersion!;
    const patchWeights = (weights: [number, number], resourceVersion: string) =>
      h.objects.patch<ClientObject>(
        { ...vsRef, metadata: { ...vsRef.metadata, resourceVersion }, spec: virtualService("checkout", weights).spec },
        undefined,
        undefined,
        "firebreak",
        undefined,
        PatchStrategy.MergePatch,
      );
    const patched = await patchWeights([50, 50], stale);
    expect(patched.spec.http[0].route[1].weight).toBe(50);
    expect(patched.metadata!.resourceVersion).not.toBe(stale);

    const { code, status } = await rejection(patchWeights([0, 100], stale));
    expect(code).toBe(409);
    expect(status).toMatchObject({
      reason: "Conflict",
      message:
        'Operation cannot be fulfilled on virtualservices.networking.istio.io "checkout": the object has been modified; please apply your changes to the latest version and try again',
      details: { name: "checkout", group: "networking.istio.io", kind: "virtualservices" },
      code: 409,
    });
    // the store saw the first patch only
    expect(h.store.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: NS, name: "checkout" })!.spec.http[0].route[1].weight).toBe(50);
  });

  it("replaces with PUT, honouring the resourceVersion precondition", async () => {
    const current = await h.objects.read<ClientObject>({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "checkout-api", namespace: NS } });
    current.spec.replicas = 5;
    const replaced = await h.objects.replace(current);
    expect(replaced.spec.replicas).toBe(5);
    expect(replaced.metadata!.generation).toBe(2);
    const { code } = await rejection(h.objects.replace(current));
    expect(code).toBe(409);
  });

  it("deletes: Status for built-ins, the object for custom resources; 404 after", async () => {
    const del = await http(h.api, "DELETE", `/apis/apps/v1/namespaces/${NS}/deployments/checkout-api`);
    expect(del.json).toMatchObject({ kind: "Status", status: "Success", details: { name: "checkout-api", group: "apps", kind: "deployments" } });
    const delVs = await http(h.api, "DELETE", `/apis/networking.istio.io/v1/namespaces/${NS}/virtualservices/checkout`);
    expect(delVs.json.kind).toBe("VirtualService");
    const { code, status } = await rejection(h.objects.read<ClientObject>(vsRef));
    expect(code).toBe(404);
    expect(status.message).toBe('virtualservices.networking.istio.io "checkout" not found');
  });

  it("honours dryRun=All: answers as if written, stores nothing", async () => {
    const res = await http(h.api, "POST", `/apis/apps/v1/namespaces/${NS}/deployments?dryRun=All`, deployment("web"));
    expect(res.status).toBe(201);
    expect(res.json.metadata.uid).toBeTruthy();
    const patch = await http(h.api, "PATCH", `/apis/apps/v1/namespaces/${NS}/deployments/checkout-api?dryRun=All`, { spec: { replicas: 9 } }, { "Content-Type": "application/merge-patch+json" });
    expect(patch.json.spec.replicas).toBe(9);
    expect(h.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: NS, name: "web" })).toBeUndefined();
    expect(h.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: NS, name: "checkout-api" })!.spec.replicas).toBe(3);
    expect(writes).toBe(0);
  });

  it("answers 404 for an API group that is not installed, as a cluster without the CRD does", async () => {
    const { message } = await rejection(h.objects.list("gateway.networking.k8s.io/v1", "Gateway", NS));
    expect(message).toMatch(/Unrecognized API version and kind|Failed to fetch resource metadata/);
    const res = await http(h.api, "GET", `/apis/security.istio.io/v1/namespaces/${NS}/authorizationpolicies`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "the server could not find the requested resource", reason: "NotFound", code: 404 });
    expect((await http(h.api, "GET", "/apis/security.istio.io/v1")).status).toBe(404);
  });

  it("serves only the CRDs of its crdDir: without Istio's, VirtualService is a 404 group", async () => {
    const dir = mkdtempSync(join(tmpdir(), "firebreak-crds-"));
    copyFileSync(fileURLToPath(new URL("../../sdk/sim/crds/split.smi-spec.io_trafficsplits.yaml", import.meta.url)), join(dir, "smi.yaml"));
    const bare = await startHarness({ crdDir: dir });
    try {
      expect((await http(bare.api, "GET", "/apis/networking.istio.io/v1")).status).toBe(404);
      expect((await rejection(bare.objects.read(vsRef))).message).toMatch(/Failed to fetch resource metadata for networking\.istio\.io\/v1\/VirtualService/);
      expect((await http(bare.api, "GET", "/apis/split.smi-spec.io/v1alpha2")).json.resources[0]).toMatchObject({ name: "trafficsplits", kind: "TrafficSplit", shortNames: ["ts"] });
    } finally {
      await bare.api.close();
    }
  });

  it("serves discovery with short names and subresources", async () => {
    const apps = await http(h.api, "GET", "/apis/apps/v1");
    const deploy = apps.json.resources.find((r: { name: string }) => r.name === "deployments");
    expect(deploy).toMatchObject({ singularName: "deployment", namespaced: true, kind: "Deployment", shortNames: ["deploy"] });
    expect(deploy.verbs).toEqual(expect.arrayContaining(["get", "list", "patch", "create", "update", "delete", "watch"]));
    expect(apps.json.resources.find((r: { name: string }) => r.name === "deployments/scale")).toMatchObject({ group: "autoscaling", version: "v1", kind: "Scale" });
    const istio = await http(h.api, "GET", "/apis/networking.istio.io/v1beta1");
    expect(istio.json.resources.find((r: { name: string }) => r.name === "virtualservices").shortNames).toEqual(["vs"]);
    const groups = await http(h.api, "GET", "/apis");
    expect(groups.json.groups.find((g: { name: string }) => g.name === "networking.istio.io").preferredVersion.version).toBe("v1");
    expect(groups.json.groups.map((g: { name: string }) => g.name)).toEqual(
      expect.arrayContaining(["apps", "networking.k8s.io", "gateway.networking.k8s.io", "split.smi-spec.io"]),
    );
    expect((await http(h.api, "GET", "/version")).json.minor).toBe("32");
  });

  it("proxies GETs to pods through the hook; 404 for no pod, 503 when nothing answers", async () => {
    const core = h.kc.makeApiClient(CoreV1Api);
    for (const name of ["web-1", "web-2"]) {
      await core.createNamespacedPod({ namespace: NS, body: { metadata: { name }, spec: { containers: [{ name: "app", image: "web:1", ports: [{ containerPort: 8080 }] }] } } });
    }
    expect(await core.connectGetNamespacedPodProxyWithPath({ name: "web-1:9090", namespace: NS, path: "metrics" })).toBe("pod web-1:9090 /metrics");
    expect((await http(h.api, "GET", `/api/v1/namespaces/${NS}/pods/web-1/proxy/healthz?full=1`)).text).toBe("pod web-1:8080 /healthz?full=1");
    expect((await rejection(core.connectGetNamespacedPodProxyWithPath({ name: "ghost:8080", namespace: NS, path: "healthz" }))).code).toBe(404);
    const down = await http(h.api, "GET", `/api/v1/namespaces/${NS}/pods/web-2:8080/proxy/healthz`);
    expect(down.status).toBe(503);
    expect(down.json.message).toMatch(/error trying to reach service: dial tcp .*:8080: connect: connection refused/);
    // the scheme goes first in the name part, http or https as the API server accepts
    expect((await http(h.api, "GET", `/api/v1/namespaces/${NS}/pods/https:web-1:9090/proxy/metrics`)).text).toBe("pod web-1:9090 /metrics over https");
    const badScheme = await http(h.api, "GET", `/api/v1/namespaces/${NS}/pods/ftp:web-1:9090/proxy/metrics`);
    expect([badScheme.status, badScheme.json.message]).toEqual([400, 'invalid pod request "ftp:web-1:9090"']);
  });

  it("streams watch events of the kind", async () => {
    const controller = new AbortController();
    const res = await fetch(`${h.api.url}/apis/apps/v1/namespaces/${NS}/deployments?watch=true&timeoutSeconds=5`, { signal: controller.signal });
    const reader = res.body!.getReader();
    const lines: string[] = [];
    const readLine = async () => {
      let buf = "";
      while (!buf.includes("\n")) buf += new TextDecoder().decode((await reader.read()).value);
      lines.push(...buf.trim().split("\n"));
    };
    await readLine();
    await h.objects.create(asClient(deployment("web")));
    await readLine();
    controller.abort();
    expect(lines.map((l) => [JSON.parse(l).type, JSON.parse(l).object.metadata.name])).toEqual([
      ["ADDED", "checkout-api"],
      ["ADDED", "web"],
    ]);
  });
});
