import { describe, expect, it } from "vitest";
import { all, any } from "../../sdk/gates/compose.ts";
import { evaluateGate } from "../../sdk/gates/evaluate.ts";
import type { Gate } from "../../sdk/gates/gate.ts";
import { query, successRate } from "../../sdk/gates/metric.ts";
import { CancelledError, InvalidPlanError, MetricsUnavailableError } from "../../sdk/errors.ts";
import type { MetricsPort } from "../../sdk/ports/metrics.ts";
import { gateContext } from "./support.ts";

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

describe("a child gate that throws", () => {
  /** Prometheus answering one series of 1, but 503 for a query on a store that is down, and several series for a query over pods. */
  const metrics: MetricsPort = {
    url: "http://prometheus/",
    async query(promql, at) {
      if (promql.includes("thanos_only")) throw new MetricsUnavailableError("http://prometheus/", "HTTP 503 store unavailable");
      const one = { labels: {}, value: 1 };
      return { at: at ?? 0, samples: promql.includes("by (pod)") ? [one, { labels: { pod: "b" }, value: 1 }] : [one], warnings: [] };
    },
    async queryRange() {
      return { series: [], warnings: [] };
    },
  };
  const primary = () => query({ name: "primary", promql: "vector(1)", min: 1 });
  const unreachable = () => query({ name: "fallback", promql: "thanos_only", min: 1 });
  const down = "Prometheus at http://prometheus/ is unreachable: HTTP 503 store unavailable. Check the URL (--prometheus / prometheus-url) and network access.";

  it("in gates.any, is that child's error round: another child that passed passes the round; a mistake in the plan or a cancel still stops the gate", async () => {
    const v = await evaluateGate(gateContext({ metrics, at: 1_000_000 }), "either source", any(primary(), unreachable()), {}, true);
    expect(v.phase).toBe("passed");
    expect(v.reason).toBe(`[query] passed: primary = 1 (within >= 1); [query] error: ${down}`);
    expect(v.evidence.map((e) => [e.indicator, e.phase])).toEqual([["primary", "passed"], ["query", "error"]]);
    const several = query({ name: "per pod", promql: "sum by (pod) (up)", min: 1 });
    await expect(evaluateGate(gateContext({ metrics, at: 1_000_000 }), "either", any(primary(), several), {}, true)).rejects.toThrow(
      /^gates\.query "per pod": .*answered 2 series/,
    );
    const cancelled: Gate = { kind: "test", description: "cancelled", evaluate: async () => Promise.reject(new CancelledError()) };
    await expect(evaluateGate(gateContext({ metrics, at: 1_000_000 }), "either", any(primary(), cancelled), {}, true)).rejects.toBeInstanceOf(CancelledError);
  });

  it("in gates.any, ends the gate in error when no child passes, after the rounds in error the policy tolerates", async () => {
    const ctx = gateContext({ metrics, at: 1_000_000 });
    const v = await evaluateGate(ctx, "either source", any(unreachable(), unreachable()), {}, true);
    expect(v.phase).toBe("error");
    expect(v.reason).toBe(`[query] error: ${down}; [query] error: ${down}`);
    expect(v.evidence).toHaveLength(6); // 3 rounds of 2 children: consecutiveErrorLimit 2 tolerates two
  });

  it("in gates.all, still fails it closed: an error round, though the other child passed", async () => {
    const v = await evaluateGate(gateContext({ metrics, at: 1_000_000 }), "both sources", all(primary(), unreachable()), {}, true);
    expect(v.phase).toBe("error");
    expect(v.reason).toContain(`[query] error: ${down}`);
    expect(v.evidence.filter((e) => e.phase === "error")).toHaveLength(3);
  });
});
