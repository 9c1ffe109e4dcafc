import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveScenario } from "../../sdk/sim/load-scenario.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";

describe("scenarios", () => {
  it("lists the built-in ones when a name is unknown", () => {
    expect(() => resolveScenario("cold-jvmm")).toThrow(/Unknown scenario 'cold-jvmm'.*Built-in scenarios: cold-jvm, schema-from-the-future, thin-stable-pool, healthy/);
    // a name every object has is not a scenario
    expect(() => resolveScenario("toString")).toThrow(/Unknown scenario 'toString'/);
  });
  it("says a directory is not a scenario file, instead of failing to parse it", () => {
    expect(() => resolveScenario("test/sim/fixtures")).toThrow("Scenario test/sim/fixtures is a directory; give a scenario file (.yaml or .json) or a built-in scenario's name");
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

describe("scenario names", () => {
  it("refuses a name the simulator would create twice, or that is longer than Kubernetes takes, saying where and what to do", () => {
    const message = (() => {
      try {
        resolveScenario("test/sim/fixtures/name-clashes.yaml");
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message?.split("\n")).toEqual([
      "Scenario test/sim/fixtures/name-clashes.yaml is invalid:",
      "  - deployments.1.version: must be 63 characters or fewer, as Kubernetes names and label values are: shorten it",
      "  - services.1.name: a second Service named 'app' (the first is services.0.name): the simulator creates one per name; rename one",
      "  - deployments.1.name: a second Deployment named 'app' (the first is deployments.0.name): the simulator creates one per name; rename one",
      "  - routes.1.name: a second VirtualService named 'app' (the first is routes.0.name): the simulator creates one per name; rename one",
      "  - routes.4.name: a second Ingress named 'shop-canary' (the first is routes.3.name): the simulator creates one per name; rename one",
    ]);
  });

  it("refuses a scenario file that calls itself like a built-in one", () => {
    expect(() => resolveScenario("test/sim/fixtures/named-like-builtin.yaml")).toThrow(
      "Scenario test/sim/fixtures/named-like-builtin.yaml is named 'cold-jvm', as a built-in scenario is: its journal and postmortem could not be told apart from that one's. Give it a name of its own.",
    );
  });

  it("gives every built-in scenario the name it is listed under", () => {
    for (const [name, scenario] of Object.entries(builtinScenarios)) expect(resolveScenario(scenario).name).toBe(name);
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

  it("holds its clock while a request is on the wire: a sleep started beside it wakes after the answer, as in the world", async () => {
    const t0 = sim.clock.now();
    let answeredAt: number | undefined;
    const read = sim.kube.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" }).then(() => (answeredAt = sim.clock.now()));
    const query = sim.metrics.query("up", t0);
    await sim.clock.sleep(120_000); // a plan's pause beside a shift
    await Promise.all([read, query]);
    expect(answeredAt).toBe(t0);
    expect(sim.clock.now()).toBe(t0 + 120_000);
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
