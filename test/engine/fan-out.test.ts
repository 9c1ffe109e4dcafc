import { afterEach, describe, expect, it } from "vitest";
import { istio, plan } from "../../sdk/index.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import { createKube } from "../../sdk/kube/index.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { startKubeApiServer, type KubeApiServer } from "../../sdk/sim/kube-api/index.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { seedRoute } from "../helpers/fake-kube.ts";

const SERVICES = Array.from({ length: 100 }, (_, i) => `svc-${String(i).padStart(3, "0")}`);
const vsRef = (name: string) => ({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name });

let api: KubeApiServer | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** Request lines as the API server saw them, with names of objects folded: "GET …/virtualservices/{name}". */
const shapes = (requests: KubeApiServer["requests"]) => requests.map((r) => `${r.method} ${r.path.split("?")[0]!.replace(/(virtualservices|destinationrules)\/[^/]+$/, "$1/{name}")}`);
const counts = (lines: string[]) => Object.fromEntries([...new Set(lines)].map((l) => [l, lines.filter((x) => x === l).length]));

describe("100 services isolated in one step, over the production port", () => {
  it("read their routes and rules with a list a kind, and again at the end with one list that still finds the one a controller put back", async () => {
    const store = new ObjectStore();
    for (const name of SERVICES) seedRoute(store, { stable: 10, release: 90 }, name);
    api = await startKubeApiServer({ store });
    const kube = await createKube({ kind: "inline", content: api.kubeconfig() });
    const routes = SERVICES.map((name) => istio.virtualService({ namespace: "prod", name }));
    let programOver = 0;
    const isolate = plan({ name: "isolate" }, async (run) => {
      await run.step("isolate 100", () => Promise.all(routes.map((r) => r.shift({ stable: 100, release: 0 }))));
      // Argo CD's self-heal puts one back before the run reads them again
      const obj = store.get(vsRef("svc-042"))!;
      const [stable, release] = obj.spec.http[0].route;
      store.update({ ...obj, spec: { ...obj.spec, http: [{ ...obj.spec.http[0], route: [{ ...stable, weight: 10 }, { ...release, weight: 90 }] }] } });
      programOver = api!.requests.length;
    });
    const result = await runPlan(isolate, { mode: "run", inputs: {}, kube, clock: createVirtualClock(), target: { kind: "cluster" } });

    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe).toEqual([expect.stringMatching(/^VirtualService prod\/svc-042 no longer holds the split this run wrote \(stable=100, release=0\): it is at stable=10, release=90\./)]);
    const step = counts(shapes(api.requests.slice(0, programOver)));
    // the routes and rules read with one list each (not 200 gets), each route patched once and read
    // back: by a get, or with others whose answers came back in the same turn, by a list
    expect(step["GET /apis/networking.istio.io/v1/namespaces/prod/destinationrules"]).toBe(1);
    expect(step["GET /apis/networking.istio.io/v1/namespaces/prod/destinationrules/{name}"]).toBeUndefined();
    expect(step["PATCH /apis/networking.istio.io/v1/namespaces/prod/virtualservices/{name}"]).toBe(100);
    expect(programOver).toBeLessThanOrEqual(2 + 100 + 100);
    expect(shapes(api.requests.slice(programOver))).toEqual(["GET /apis/networking.istio.io/v1/namespaces/prod/virtualservices"]);
  });
});
