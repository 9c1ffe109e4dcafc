import { describe, expect, it } from "vitest";
import { canary, deployment, gates, gatewayApi, helm, ingressNginx, istio, kustomize, plan, smi, type Gate, type Route } from "../../sdk/index.ts";
import { runPlan, type RunResult } from "../../sdk/engine/runner.ts";
import type { Run } from "../../sdk/engine/run.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";
import { createFakeKube, seedRoute } from "../helpers/fake-kube.ts";

/**
 * Plans are loaded without type checking: a misspelt string option reaches the runtime. Each is
 * refused, naming the option, the value and the accepted ones, before the cluster changes.
 */

const VS_REF = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" };
const failing: Gate = { kind: "test", description: "always fails", evaluate: async () => ({ phase: "failed", reason: "the release is broken", evidence: [] }) };

/** Runs `program` against a fake cluster holding the istio route at stable 10 / release 90. */
async function onFakeRoute(program: (run: Run) => Promise<unknown>) {
  const fake = createFakeKube();
  seedRoute(fake.store);
  const result = await runPlan(plan({ name: "options" }, async (run) => void (await program(run))), {
    mode: "run", inputs: {}, kube: fake.kube, clock: createVirtualClock(), target: { kind: "sim" },
  });
  const weights = fake.store.get(VS_REF)!.spec.http[0].route.map((r: { weight: number }) => r.weight);
  return { result, weights };
}

const onSim = async (sim: Simulator, program: (run: Run) => Promise<unknown>): Promise<RunResult> =>
  runPlan(plan({ name: "options" }, async (run) => void (await program(run))), {
    mode: "run", inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" },
  });

const vs = (): Route => istio.virtualService({ namespace: "prod", name: "checkout-api" });

describe("canary onFailure", () => {
  it("refuses a misspelt onFailure before the first stage, instead of returning as if asked to", async () => {
    const { result, weights } = await onFakeRoute((run) => canary(run, { route: vs(), stable: "stable", canary: "release", gate: failing, onFailure: "fial" as "fail" }));
    expect(result.status).toBe("failed-safe");
    expect(result.error?.name).toBe("InvalidPlanError");
    expect(result.error?.message).toBe('canary got an invalid option:\n  - onFailure: "fial" is not accepted; use "fail" or "return"');
    expect(weights).toEqual([10, 90]);
  });
});

describe("canary checks what every stage needs before the first moves traffic", () => {
  const base = () => ({ route: vs(), stable: "stable", canary: "release" });
  it.each([
    ["no gate", { gate: undefined }, "canary needs a gate to judge each stage before the next, e.g. gate: gates.successRate({ route, destination: \"release\", min: 0.99 }) (got none)."],
    ["a gate factory returning nothing", { gate: () => undefined }, "canary needs a gate to judge each stage before the next, e.g. gate: gates.successRate({ route, destination: \"release\", min: 0.99 }) (got a function that returned undefined for 1%)."],
    ["a pause written in words", { gate: failing, pause: "5 minutes" }, 'canary pause: "5 minutes" is not a duration;'],
    ["a gate policy that can never pass", { gate: failing, gateOptions: { consecutive: 0 } }, "canary got an invalid policy:"],
    [
      "a gate valid alone whose passes in a row gateOptions leave no time for",
      { gate: { ...failing, policy: { interval: "1m" } }, gateOptions: { consecutive: 7 } },
      'gate "canary 1%" got an invalid policy:\n  - gateOptions.consecutive: 7 passing rounds 1m apart take 6m, longer than the timeout of 5m, so the gate could never pass: lower consecutive or interval, or make timeout at least 6m',
    ],
    [
      "a hold longer than the stage gate's timeout",
      { gate: { ...failing, holds: { ms: 600_000, option: "for", what: "pods that turn ready during the gate" } } },
      'gate "canary 1%" got an invalid policy:\n  - policy.timeout: for is 10m, longer than the timeout of 5m',
    ],
    [
      "a gate whose window of requests after the shift the pause and timeout cannot fill",
      { gate: gates.successRate({ route: vs(), destination: "release", min: 0.99, window: "10m" }), pause: "1m" },
      "canary 1%: its gate waits for a 10m window of requests to release from after the stage's shift, and the stage gives it 6m (the pause of 1m, then the gate's timeout of 5m), " +
        'so gate "canary 1%" could never pass: give the gate a window of at most 6m, or lengthen pause or gateOptions.timeout by 4m',
    ],
    [
      "a combination one of whose gates needs more time after the shift, counting its passes in a row",
      { gate: gates.all(gates.compare({ route: vs(), canary: "release", stable: "stable", maxErrorRatio: 2, window: "5m" }), failing), gateOptions: { consecutive: 3, interval: "1m" } },
      "canary 1%: its gate waits for a 5m window of requests to release from after the stage's shift, then 2 more passing rounds 1m apart, and the stage gives it 6m",
    ],
  ])("refuses %s, leaving traffic where it was", async (_, extra, message) => {
    const { result, weights } = await onFakeRoute((run) => canary(run, { ...base(), ...extra } as never));
    expect(result.error?.message).toContain(message);
    expect(result.status).toBe("failed-safe");
    expect(weights).toEqual([10, 90]);
  });
});

describe("canary refuses a window of requests after the shift only where it could never fill", () => {
  const judged = async (gate: Gate) => onFakeRoute((run) => canary(run, { route: vs(), stable: "stable", canary: "release", gate, pause: "1m" }));
  it("refuses the gate's route's 10m window after a 1m pause and a 5m timeout, but judges what may pass in time", async () => {
    const tooLong = await judged(gates.successRate({ route: vs(), destination: "release", min: 0.99, window: "10m" }));
    expect(tooLong.result.error?.message).toContain('so gate "canary 1%" could never pass');
    expect(tooLong.weights).toEqual([10, 90]);
    for (const gate of [
      gates.successRate({ route: vs(), destination: "release", min: 0.99, window: "6m" }),
      // another gate of the combination needs no wait: it may pass the stage
      gates.any(gates.latency({ route: vs(), destination: "release", maxMs: 300, window: "10m" }), gates.successRate({ route: vs(), destination: "release", min: 0.99 })),
      // which routes serve an explicit scope is only known once the run reads them
      gates.successRate({ mesh: "istio", namespace: "prod", service: "checkout-api", version: "release", min: 0.99, window: "10m" }),
    ]) {
      const r = await judged(gate);
      // judged at the stage: no metrics here, so every round is an error, and traffic goes back to stable
      expect(r.result.error?.message, gate.description).toMatch(/^Gate "canary 1%" error: /);
      expect(r.weights).toEqual([100, 0]);
    }
  });
});

describe("shift capacity", () => {
  it("refuses a misspelt capacity before writing, instead of skipping the check", async () => {
    const { result, weights } = await onFakeRoute((run) => run.step("shift", () => vs().shift({ stable: 50, release: 50 }, { capacity: "chek" as "check" })));
    expect(result.error?.message).toBe('VirtualService prod/checkout-api.shift() got an invalid option:\n  - capacity: "chek" is not accepted; use "check" or "skip"');
    expect(weights).toEqual([10, 90]);
  });
});

describe("backends keyed by a destination the route lacks", () => {
  const canaryWeight = (sim: Simulator) =>
    sim.store.get({ apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "prod", name: "checkout-api-canary" })!.metadata.annotations!["nginx.ingress.kubernetes.io/canary-weight"];

  it("are refused when the safe state is declared, before anything changes, so the run ends safe", async () => {
    const sim = await startSimulator("nginx-cold-jvm");
    try {
      const route = ingressNginx.canary({
        namespace: "prod",
        canaryIngress: "checkout-api-canary",
        backends: { "checkout-api": deployment({ namespace: "prod", name: "checkout-api-stable" }), "checkout-api-canry": deployment({ namespace: "prod", name: "checkout-api" }) },
      });
      const result = await onSim(sim, async (run) => {
        await run.safeState(route, { "checkout-api": 100, "checkout-api-canary": 0 });
        await run.step("isolate", () => route.shift({ "checkout-api": 50, "checkout-api-canary": 50 }));
      });
      expect(result.status).toBe("failed-safe");
      expect(result.error?.message).toBe(
        "Ingress prod/checkout-api-canary (nginx canary) has no backend 'checkout-api-canry' (named in its backends); backends are: 'checkout-api-canary', 'checkout-api'. " +
          "Key each backend by the backend its Deployment serves: a misspelt key leaves the capacity of the one it meant unchecked, and a shift that needs it refused.",
      );
      expect(canaryWeight(sim)).toBe("90");
    } finally {
      await sim.close();
    }
  });

  it("do not block the restore of the safe state when the route lost the destination during the run", async () => {
    const sim = await startSimulator("cold-jvm");
    try {
      const DR = { ...VS_REF, kind: "DestinationRule" };
      const setSubsets = (names: string[]) => {
        const dr = sim.store.get(DR)!;
        sim.store.update({ ...dr, spec: { ...dr.spec, subsets: names.map((name) => ({ name, labels: { version: name } })) } });
      };
      setSubsets(["stable", "release", "legacy"]);
      const route = istio.virtualService({ namespace: "prod", name: "checkout-api", backends: { stable: deployment({ namespace: "prod", name: "checkout-api-stable" }), legacy: deployment({ namespace: "prod", name: "checkout-api" }) } });
      const result = await onSim(sim, async (run) => {
        await run.safeState(route, { stable: 100, release: 0 });
        await run.step("retire legacy", () => setSubsets(["stable", "release"]));
        throw new Error("the plan fails after that");
      });
      expect(result.status, result.error?.message).toBe("failed-safe");
      expect(sim.store.get(VS_REF)!.spec.http[0].route.map((r: { weight: number }) => r.weight)).toEqual([100, 0]);
    } finally {
      await sim.close();
    }
  });
});

describe("gatewayApi.httpRoute metrics", () => {
  it("refuses metrics the built-in gates do not know when the handle is made, pointing to gates.query", () => {
    expect(() => gatewayApi.httpRoute({ namespace: "prod", name: "checkout", metrics: "envoy" as "istio" })).toThrow(
      'gatewayApi.httpRoute got an invalid option:\n  - metrics: "envoy" is not accepted; use "linkerd" or "istio" ' +
        "(the built-in gates know no other; behind another gateway, gate with gates.query({ promql, ... }) on its metrics)",
    );
    expect(gatewayApi.httpRoute({ namespace: "prod", name: "checkout", metrics: "istio" }).router.metrics).toBe("istio");
  });
});

describe("smi.trafficSplit apiVersion", () => {
  it("refuses an SMI version Linkerd's TrafficSplit CRD does not serve when the handle is made, naming the ones it does", () => {
    expect(() => smi.trafficSplit({ namespace: "prod", name: "checkout", apiVersion: "split.smi-spec.io/v1alpha3" as "split.smi-spec.io/v1alpha2" })).toThrow(
      'smi.trafficSplit got an invalid option:\n  - apiVersion: "split.smi-spec.io/v1alpha3" is not accepted; use "split.smi-spec.io/v1alpha2" or "split.smi-spec.io/v1alpha1" ' +
        "(the versions Linkerd's SMI extension serves; v1alpha3 and later split by spec.matches, which a shift cannot isolate through)",
    );
    expect(smi.trafficSplit({ namespace: "prod", name: "checkout", apiVersion: "split.smi-spec.io/v1alpha1" }).ref.apiVersion).toBe("split.smi-spec.io/v1alpha1");
  });
});

describe("a misspelt option key", () => {
  // each would otherwise leave its option at its default without a word
  it("is refused when a handle is made, naming the option it likely meant", () => {
    expect(() => istio.virtualService({ namespace: "prod", name: "checkout-api", backend: {} } as never)).toThrow(
      "istio.virtualService got invalid options:\n  - backend: is not an option (did you mean backends?); the options are: namespace, name, context, httpRoute, apiVersion, rootNamespace, backends, fullFleet",
    );
  });

  it.each([
    ["a shift's", (run: Run) => run.step("s", () => vs().shift({ stable: 50, release: 50 }, { capacityTimout: "1m" } as never)), "VirtualService prod/checkout-api.shift() got an invalid option:\n  - capacityTimout: is not an option (did you mean capacityTimeout?)"],
    ["a canary's", (run: Run) => canary(run, { route: vs(), stable: "stable", canary: "release", gate: failing, stage: [1, 100] } as never), "canary got an invalid option:\n  - stage: is not an option (did you mean stages?)"],
    ["a gate policy's", (run: Run) => run.gate("g", failing, { timout: "20m" } as never), 'gate "g" got an invalid policy:\n  - policy.timout: is not an option (did you mean timeout?)'],
    ["a scale's", (run: Run) => run.step("s", () => deployment({ namespace: "prod", name: "checkout-api" }).scale(3, { autoscale: "leave" } as never)), "Deployment prod/checkout-api: scale(3) got an invalid option:\n  - autoscale: is not an option (did you mean autoscaler?)"],
    ["a rollout wait's", (run: Run) => run.step("s", () => deployment({ namespace: "prod", name: "checkout-api" }).waitForRollout({ timout: "5m" } as never)), "Deployment prod/checkout-api.waitForRollout() got an invalid option:\n  - timout: is not an option (did you mean timeout?)"],
  ])("in %s options is refused before anything is written", async (_, program, message) => {
    const { result, weights } = await onFakeRoute(program);
    expect(result.error?.message).toContain(message);
    expect(weights).toEqual([10, 90]);
  });
});

describe("a count or revision given wrong", () => {
  it("a count given as text is shown as the text it is, with an example", async () => {
    const { result } = await onFakeRoute((run) => run.step("s", () => deployment({ namespace: "prod", name: "checkout-api" }).scale("3" as never)));
    expect(result.error?.message).toBe('Deployment prod/checkout-api: scale("3"): replicas must be a whole number >= 0, e.g. scale(3)');
  });

  it("and a rollback without a revision says how to give one, not 'has no revision undefined'", async () => {
    const { result } = await onFakeRoute((run) => run.step("s", () => deployment({ namespace: "prod", name: "checkout-api" }).rollback({} as never)));
    expect(result.error?.message).toBe("Deployment prod/checkout-api.rollback(): toRevision must be a revision number (got none), e.g. rollback({ toRevision: 2 }); revisions() lists them");
  });
});

describe("route and workload handles", () => {
  it("name the option they need when it is missing, when the handle is made", () => {
    const made = (make: () => unknown) => {
      try {
        make();
        return "made";
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(made(() => ingressNginx.canary({ namespace: "shop", name: "x" } as never))).toBe(
      "ingressNginx.canary got invalid options:\n  - canaryIngress: is missing\n  - name: is not an option; the options are: namespace, canaryIngress, stableIngress, context, backends, fullFleet",
    );
    expect(made(() => istio.virtualService({ namespace: "prod" } as never))).toBe("istio.virtualService got invalid options:\n  - name: is missing");
    expect(made(() => gatewayApi.httpRoute({ name: "checkout" } as never))).toBe("gatewayApi.httpRoute got invalid options:\n  - namespace: is missing");
    expect(made(() => smi.trafficSplit({ namespace: "prod", name: "" }))).toBe('smi.trafficSplit got invalid options:\n  - name: must be a name (got "")');
    // a preview showed "Deployment prod/undefined spec: (none) → {replicas: 3}" and the run met a 405
    expect(made(() => deployment({ namespace: "prod", nme: "checkout-api" } as never))).toBe(
      "deployment got invalid options:\n  - name: is missing\n  - nme: is not an option (did you mean name?); the options are: namespace, name, context",
    );
    expect(made(() => deployment({ name: "checkout-api" } as never))).toBe("deployment got invalid options:\n  - namespace: is missing");
    expect(made(() => helm.release({ namespace: "prod" } as never))).toBe("helm.release got invalid options:\n  - name: is missing");
    expect(made(() => kustomize.overlay({ pth: "deploy/prod" } as never))).toBe(
      "kustomize.overlay got invalid options:\n  - path: is missing\n  - pth: is not an option (did you mean path?); the options are: path, ref, repo, context, kubectl",
    );
  });
});
