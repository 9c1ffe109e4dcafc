import { describe, expect, it } from "vitest";
import { all, any } from "../../sdk/gates/compose.ts";
import { successRate } from "../../sdk/gates/metric.ts";
import { InvalidPlanError } from "../../sdk/errors.ts";

describe("gates.all / gates.any", () => {
  it("refuse to be declared with no gates: all() would pass on no evidence, any() could never pass", () => {
    const perService: ReturnType<typeof successRate>[] = []; // e.g. built from a config list that came out empty
    expect(() => all(...perService)).toThrow(
      new InvalidPlanError(
        "gates.all() was given no gates; a gate with nothing to measure would pass on nothing: give it at least one (a list built from configuration may have come out empty)",
      ),
    );
    expect(() => any(...perService)).toThrow("gates.any() was given no gates; a gate with nothing to measure could never pass");
    const one = successRate({ mesh: "istio", namespace: "prod", service: "checkout-api", min: 0.99 });
    expect(all(one).description).toBe(`all of: ${one.description}`);
  });
});
