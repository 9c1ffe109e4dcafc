import { afterEach, describe, expect, it } from "vitest";
import { deployment, istio, plan, type Run } from "../../sdk/index.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import { renderPostmortem, summarizeRun } from "../../sdk/postmortem/index.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";

const route = istio.virtualService({
  namespace: "prod",
  name: "checkout-api",
  backends: { stable: deployment({ namespace: "prod", name: "checkout-api-stable" }), release: deployment({ namespace: "prod", name: "checkout-api" }) },
});

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function isolateThen(after: (run: Run) => Promise<void>) {
  sim = await startSimulator("cold-jvm");
  const result = await runPlan(
    plan({ name: "isolate" }, async (run) => {
      await run.step("isolate", () => route.shift({ stable: 100, release: 0 }));
      await after(run);
    }),
    { mode: "run", inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim", scenario: "cold-jvm" } },
  );
  const s = summarizeRun(result.events);
  return { result, s, impact: s.impact!, planMs: s.durationMs };
}

describe("user impact over the plan's window", () => {
  it("a run of minutes is measured over exactly its own window, to the millisecond", async () => {
    const { impact, s } = await isolateThen((run) => run.pause(181_500));
    expect(impact.requests).toBeGreaterThan(0);
    expect(impact.from).toBe(s.startedAt);
    expect(impact.beforePlanMs).toBeUndefined();
    expect(impact.query).toContain(`[${impact.to - impact.from}ms]`);
  });

  it("a run of seconds says how much of its window lies before the plan, instead of passing those requests off as the plan's", async () => {
    const { result, impact, planMs } = await isolateThen(async () => {});
    expect(planMs).toBeLessThan(10_000);
    expect(impact.to - impact.from).toBe(10_000);
    expect(impact.beforePlanMs).toBe(10_000 - planMs);
    const section = renderPostmortem(result.events).split("## Impact")[1]!;
    expect(section).toMatch(/\(10s, the plan's \S+ and the \S+ before it started: shorter windows hold too few samples\)/);
  });
});
