import { describe, expect, it } from "vitest";
import { loadPlan } from "../../sdk/loader/load-plan.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";

/**
 * The examples on a cluster whose control plane and mesh take 3 s to act on a write, as a busy
 * one does: a Deployment's status still describes its previous generation, a route's status its
 * previous spec, and traffic follows the old weights. The plans wait for the controllers rather
 * than trust a status the write has not reached yet, and end as they do on a prompt cluster.
 */
const lagging = (name: string) => {
  const s = builtinScenarios[name]!;
  return { ...s, name: `${name}-lagging`, faults: { ...s.faults, controlPlaneLagSeconds: 3 } };
};

const cases = [
  { plan: "examples/checkout-api-rollback.ts", scenario: "cold-jvm", route: "prod/checkout-api", split: { stable: 0, release: 100 }, waits: "waiting for the deployment controller to observe the new spec" },
  { plan: "examples/linkerd-httproute-rollback.ts", scenario: "linkerd-cold-jvm", route: "prod/checkout-api", split: { "checkout-api-stable": 0, "checkout-api-release": 100 }, waits: "waiting for the status of HTTPRoute prod/checkout-api" },
  { plan: "examples/ingress-nginx-rollback.ts", scenario: "nginx-cold-jvm", route: "prod/checkout-api-canary", split: { "checkout-api-canary": 100, "checkout-api": 0 }, waits: "waiting for the deployment controller to observe the new spec" },
];

describe("examples on a control plane that lags 3 s behind each write", () => {
  for (const c of cases) {
    it(`${c.plan} under ${c.scenario} waits for the controllers and ends as on a prompt cluster`, async () => {
      const { plan } = await loadPlan(c.plan);
      const progress: string[] = [];
      const r = await rehearse(plan, { scenario: lagging(c.scenario), inputs: { revision: "2" }, onProgress: (m) => progress.push(m) });
      expect(r.status, r.error?.message).toBe("succeeded");
      expect(r.finalSplits[c.route]).toEqual(c.split);
      expect(progress.some((m) => m.includes(c.waits)), progress.join("\n")).toBe(true);
    }, 60_000);
  }
});
