import { afterEach, describe, expect, it } from "vitest";
import { createRunInterrupts } from "../../sdk/engine/interrupts.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import { istio, plan } from "../../sdk/index.ts";
import type { MetricsPort } from "../../sdk/ports/metrics.ts";
import { summarizeRun } from "../../sdk/postmortem/index.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";

const route = istio.virtualService({ namespace: "prod", name: "checkout-api" });
const isolate = plan({ name: "isolate" }, async (run) => {
  await run.step("isolate", () => route.shift({ stable: 100, release: 0 }));
});

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Runs the isolation on cold-jvm; with `onQuery`, against a Prometheus that never answers. */
async function runWith(
  interrupts: ReturnType<typeof createRunInterrupts>,
  hooks: { onStep?: () => void; onQuery?: () => void; onRouteReadAfter?: () => void } = {},
) {
  sim = await startSimulator("cold-jvm");
  const simKube = sim.kube;
  const onRouteReadAfter = hooks.onRouteReadAfter;
  // once the program is over, an API server that never answers a read of the route
  const kube: typeof simKube = onRouteReadAfter
    ? { ...simKube, get: (ref) => (interrupts.reportingStarted && ref.kind === "VirtualService" ? (onRouteReadAfter(), new Promise(() => {})) : simKube.get(ref)) }
    : simKube;
  const onQuery = hooks.onQuery;
  const silent: MetricsPort | undefined = onQuery && {
    url: sim.metrics.url,
    query: () => (onQuery(), new Promise(() => {})),
    queryRange: () => (onQuery(), new Promise(() => {})),
  };
  return runPlan(isolate, {
    mode: "run", inputs: {}, kube, metrics: silent ?? sim.metrics, clock: sim.clock, target: { kind: "sim", scenario: "cold-jvm" },
    signal: interrupts.cancel, reportSignal: interrupts.cutReport, onReporting: interrupts.reporting,
    onEvent: (e) => void (e.type === "step-started" && hooks.onStep?.()),
  });
}

describe("an interrupt", () => {
  it("while the program runs cancels it: traffic goes back to the safe state", async () => {
    const interrupts = createRunInterrupts();
    const result = await runWith(interrupts, { onStep: () => expect(interrupts.interrupt()).toBe("cancelled") });
    expect(result.status).toBe("cancelled");
    expect(interrupts.cutReport.aborted).toBe(false);
  });

  it("once the program is over cuts the impact measurement short and leaves the run's status alone", async () => {
    const interrupts = createRunInterrupts();
    const result = await runWith(interrupts, { onQuery: () => queueMicrotask(() => interrupts.interrupt()) });
    expect(result.status).toBe("succeeded");
    expect(interrupts.cancel.aborted).toBe(false);
    expect(summarizeRun(result.events).impact).toMatchObject({ requests: null, reason: "cut short by an interrupt while it was measured" });
    expect(interrupts.interrupt()).toBe("again");
  });

  it("once the program is over cuts reading the shifted routes again short too: not verified, and the journal says why", async () => {
    const interrupts = createRunInterrupts();
    const result = await runWith(interrupts, { onRouteReadAfter: () => queueMicrotask(() => interrupts.interrupt()) });
    expect(result.status).toBe("succeeded");
    const traffic = result.events.filter((e) => e.type === "traffic");
    expect(traffic.at(-1)).toMatchObject({ split: { stable: 100, release: 0 }, verified: false });
    expect(result.events.filter((e) => e.type === "note").map((e) => e.text)).toContain(
      "VirtualService prod/checkout-api could not be read again to confirm it still holds stable=100, release=0: cut short by an interrupt while it was read",
    );
  }, 10_000);
});
