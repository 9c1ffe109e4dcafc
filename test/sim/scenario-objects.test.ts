import { describe, expect, it } from "vitest";
import { loadPlan } from "../../sdk/loader/load-plan.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";
import { missingFromScenario } from "../../sdk/sim/scenario-objects.ts";

describe("an object the rehearsal's scenario lacks", () => {
  it("names the built-in scenario whose world has it", () => {
    expect(missingFromScenario("cold-jvm", "HorizontalPodAutoscaler prod/checkout-api-stable")).toBe(
      "The simulator's scenario cold-jvm does not have it; the built-in scenario thin-stable-pool does: rehearse with --scenario thin-stable-pool.",
    );
  });

  it("names every built-in scenario that has it, but not the one rehearsed", () => {
    expect(missingFromScenario("cold-jvm", "Ingress prod/checkout-api-canary")).toBe(
      "The simulator's scenario cold-jvm does not have it; the built-in scenarios nginx-cold-jvm, nginx-schema-from-the-future do: rehearse with one of them (--scenario nginx-cold-jvm).",
    );
    expect(missingFromScenario("nginx-cold-jvm", "HTTPRoute prod/checkout-api")).toContain("the built-in scenarios linkerd-cold-jvm, linkerd-schema-from-the-future do");
  });

  it("says how to write a scenario file when no built-in one has it", () => {
    expect(missingFromScenario("cold-jvm", "HTTPRoute shop/payments")).toBe(
      "The simulator's scenario cold-jvm does not have it: rehearse with a scenario file that has it (--scenario FILE, described in docs/scenarios.md; `firebreak scenarios NAME` prints a built-in one to start from).",
    );
  });

  it("reaches the responder: the nginx example rehearsed on cold-jvm fails safe and points at the nginx scenarios", async () => {
    const { plan } = await loadPlan("examples/ingress-nginx-rollback.ts");
    const result = await rehearse(plan, { scenario: "cold-jvm", inputs: { revision: "2" } });
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toMatch(/^Ingress prod\/checkout-api-canary was not found; .* the built-in scenarios nginx-cold-jvm, nginx-schema-from-the-future do: rehearse with one of them \(--scenario nginx-cold-jvm\)\.$/);
    expect(result.events.filter((e) => e.type === "change")).toEqual([]);
  });
});
