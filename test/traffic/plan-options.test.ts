import { describe, expect, it } from "vitest";
import { canary, istio, plan, type Gate, type Route } from "../../sdk/index.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import type { Run } from "../../sdk/engine/run.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
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

describe("shift capacity", () => {
  it("refuses a misspelt capacity before writing, instead of skipping the check", async () => {
    const { result, weights } = await onFakeRoute((run) => run.step("shift", () => vs().shift({ stable: 50, release: 50 }, { capacity: "chek" as "check" })));
    expect(result.error?.message).toBe('VirtualService prod/checkout-api.shift() got an invalid option:\n  - capacity: "chek" is not accepted; use "check" or "skip"');
    expect(weights).toEqual([10, 90]);
  });
});
