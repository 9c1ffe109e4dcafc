import { expect, it, vi } from "vitest";
import { runPlan } from "../../sdk/engine/runner.ts";
import { plan } from "../../sdk/index.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { createFakeKube, seedRoute } from "../helpers/fake-kube.ts";

/**
 * A plan importing "firebreak" from one place and a shared package of handles that imports it from
 * its own node_modules: two copies of the SDK in one process.
 */
it("a handle from another copy of the SDK acts inside the run this copy started", async () => {
  vi.resetModules();
  const other: typeof import("../../sdk/index.ts") = await import("../../sdk/index.ts");
  const route = other.istio.virtualService({ namespace: "prod", name: "checkout-api" });
  expect(other.plan).not.toBe(plan); // a copy indeed
  const fake = createFakeKube();
  seedRoute(fake.store, { stable: 10, release: 90 });
  const result = await runPlan(
    plan({ name: "isolate" }, async (run) => {
      await run.step("isolate", () => route.shift({ stable: 100, release: 0 }));
    }),
    { mode: "run", inputs: {}, kube: fake.kube, clock: createVirtualClock(), target: { kind: "sim" } },
  );
  expect(result.status, result.error?.message).toBe("succeeded");
  expect(result.events.filter((e) => e.type === "traffic").map((e) => e.type === "traffic" && e.split)).toContainEqual({ stable: 100, release: 0 });
});
