import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { runPlan } from "../../sdk/engine/runner.ts";
import { gatewayApi, istio, plan, type Route } from "../../sdk/index.ts";
import { MissingCrdError } from "../../sdk/errors.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { PORTS, startApi, tempDir } from "./helpers.ts";

/** A cluster without a mesh's CRDs: discovery answers 404 for the group, and the plan says which mesh is missing. */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A loopback server serving only the CRD files named (from sdk/sim/crds). */
async function clusterWith(crdFiles: string[]) {
  const crds = await tempDir("crds");
  cleanups.push(crds.cleanup);
  for (const f of crdFiles) await copyFile(join("sdk/sim/crds", f), join(crds.dir, f));
  const { api, kube } = await startApi({ crdDir: crds.dir });
  cleanups.push(() => api.close());
  return { api, kube };
}

const isolate = (route: Route) =>
  plan({ name: "isolate" }, async (run) => {
    await run.step("isolate", () => route.shift({ stable: 100, release: 0 }));
  });

async function failure(route: Route, kube: Awaited<ReturnType<typeof clusterWith>>["kube"]) {
  const result = await runPlan(isolate(route), { mode: "run", inputs: {}, kube, clock: createVirtualClock(), target: { kind: "cluster" } });
  expect(result.status).toBe("failed-safe");
  return result.error!;
}

describe("a mesh that is not installed", () => {
  it("Istio: names Istio and the kind, and says what to do", async () => {
    const { kube, api } = await clusterWith(["gateway.networking.k8s.io_httproutes.yaml", "split.smi-spec.io_trafficsplits.yaml"]);
    const error = await failure(istio.virtualService({ namespace: "prod", name: "checkout-api" }), kube);
    expect(error).toEqual({
      name: "MissingCrdError",
      message:
        "The cluster does not serve VirtualService (networking.istio.io/v1): Istio is not installed, or its CRD is missing. Install it, or use the router for the mesh this cluster runs.",
    });
    // what the server said: the group is not there
    expect(api.requests).toContainEqual({ method: "GET", path: "/apis/networking.istio.io/v1", status: 404 });
  });

  it("Gateway API: names the Gateway API", async () => {
    const { kube } = await clusterWith(["networking.istio.io_virtualservices_destinationrules.yaml"]);
    const error = await failure(gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), kube);
    expect(error.name).toBe("MissingCrdError");
    expect(error.message).toMatch(/does not serve HTTPRoute \(gateway.networking.k8s.io\/v1\): the Gateway API is not installed/);
  });

  it("is a typed error a caller can branch on", async () => {
    const { kube } = await clusterWith([]);
    const err = await kube.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingCrdError);
    expect(err).toMatchObject({ code: "missing-crd", provider: "Istio", kind: "VirtualService" });
  });
});

describe.each(PORTS)("a mesh older than the API version the plan asks for ($name)", ({ make }) => {
  /** Istio before 1.22: its CRDs serve v1beta1 and v1alpha3, not v1. */
  async function olderIstio() {
    const crds = await tempDir("crds");
    cleanups.push(crds.cleanup);
    const file = "networking.istio.io_virtualservices_destinationrules.yaml";
    const docs = parseAllDocuments(await readFile(join("sdk/sim/crds", file), "utf8")).map((d) => d.toJS());
    for (const crd of docs) for (const v of crd.spec.versions) if (v.name === "v1") v.served = false;
    await writeFile(join(crds.dir, file), docs.map((d) => JSON.stringify(d)).join("\n---\n"));
    const { api } = await startApi({ crdDir: crds.dir });
    cleanups.push(() => api.close());
    return make(api.kubeconfig());
  }

  it("names the versions the cluster serves and the way out, instead of 'not installed'", async () => {
    const kube = await olderIstio();
    const err = await kube.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingCrdError);
    expect((err as Error).message).toBe(
      "The cluster does not serve VirtualService (networking.istio.io/v1): Istio is installed, but serves networking.istio.io at v1beta1, v1alpha3 only. " +
        "Name a version it serves (the router's apiVersion option, e.g. networking.istio.io/v1beta1), or upgrade Istio.",
    );
  });
});
