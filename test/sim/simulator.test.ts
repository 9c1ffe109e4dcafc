import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveScenario } from "../../sdk/sim/load-scenario.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";

describe("scenarios", () => {
  it("lists the built-in ones when a name is unknown", () => {
    expect(() => resolveScenario("cold-jvmm")).toThrow(/Unknown scenario 'cold-jvmm'.*Built-in scenarios: cold-jvm, schema-from-the-future, thin-stable-pool, healthy/);
    // a name every object has is not a scenario
    expect(() => resolveScenario("toString")).toThrow(/Unknown scenario 'toString'/);
  });
  it("names every mistake in a scenario file with its path", () => {
    let message = "";
    try {
      resolveScenario("test/sim/fixtures/bad-scenario.yaml");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("Scenario test/sim/fixtures/bad-scenario.yaml is invalid:");
    expect(message).toContain("images.checkout:1.0.latencyMs: Too small");
    expect(message).toContain("deployments.0.history.0: image 'checkout:9.9' is not described in images");
    expect(message).toContain("routes.0.split: weights sum to 90, not 100");
  });
});

describe("the simulator", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator("cold-jvm");
  });
  afterAll(() => sim.close());

  it("serves the model over the real Kubernetes API, to the production client", async () => {
    const vs = await sim.kube.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" });
    expect(vs?.spec.http[0].route.map((r: { weight: number }) => r.weight)).toEqual([10, 90]);
    expect(sim.kubeApi.requests.some((r) => r.path.startsWith("/apis/networking.istio.io/v1/namespaces/prod/virtualservices/checkout-api"))).toBe(true);
  });

  it("serves its metrics over the Prometheus HTTP API, with history from before the plan", async () => {
    const r = await sim.metrics.query('sum(rate(istio_requests_total{reporter="source",destination_service_name="checkout-api"}[1m]))', sim.clock.now());
    expect(r.samples[0]!.value).toBeCloseTo(400, 0);
  });

  it("moves the world only when virtual time moves, and charges a probe's latency to it", async () => {
    const pods = await sim.kube.list({ apiVersion: "v1", kind: "Pod", namespace: "prod", labelSelector: "version=release" });
    const t0 = sim.clock.now();
    const answer = await sim.kube.proxyGet({ namespace: "prod", name: pods[0]!.metadata.name, port: 8080 }, "/healthz");
    expect(answer.status).toBe(200);
    const charged = sim.clock.now() - t0;
    expect(charged).toBeGreaterThan(0);
    expect(charged).toBeLessThan(200); // a warm pod
    await sim.clock.sleep(60_000);
    expect(sim.clock.now() - t0).toBe(60_000 + charged);
  });
});
