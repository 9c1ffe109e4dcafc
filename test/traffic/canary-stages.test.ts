import { describe, expect, it } from "vitest";
import { canary, deployment, gates, istio, plan, type Gate, type Route } from "../../sdk/index.ts";
import type { Run } from "../../sdk/engine/run.ts";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";

/**
 * A canary's stage between its shift and its gate's verdict, on the simulator's checkout-api
 * (stable 10 / release 90 at the start): whatever stops it, traffic ends on stable, as the README
 * promises for a gate that does not pass.
 */

const route = (): Route =>
  istio.virtualService({
    namespace: "prod",
    name: "checkout-api",
    backends: { stable: deployment({ namespace: "prod", name: "checkout-api-stable" }), release: deployment({ namespace: "prod", name: "checkout-api" }) },
  });

/** Isolates the release, then runs a canary judged by `gate`; with `safeState`, declares stable as the safe state first. */
const canaryPlan = (gate: (vs: Route) => Gate, extra: { safeState?: boolean; onFailure?: "fail" | "return" } = {}) =>
  plan({ name: "canary-stages" }, async (run: Run) => {
    const vs = route();
    if (extra.safeState) await run.safeState(vs, { stable: 100, release: 0 }, "stable");
    await run.step("isolate", () => vs.shift({ stable: 100, release: 0 }));
    const result = await canary(run, { route: vs, stable: "stable", canary: "release", gate: gate(vs), ...(extra.onFailure ? { onFailure: extra.onFailure } : {}) });
    run.note(`canary returned ${JSON.stringify(result)}`);
  });

/** The journal's writes of the release's weight, each with the step it was made in. */
function releaseWeights(events: JournalEvent[]): { step: string | undefined; to: unknown; action: string }[] {
  const steps = new Map<number, string>();
  const out: { step: string | undefined; to: unknown; action: string }[] = [];
  for (const e of events) {
    if (e.type === "step-started") steps.set(e.stepId, e.name);
    if (e.type === "change" && e.object.kind === "VirtualService" && e.field === "spec.http[0].route[1].weight") {
      out.push({ step: e.stepId === undefined ? undefined : steps.get(e.stepId), to: e.after, action: e.action });
    }
  }
  return out;
}

describe("a canary stage whose gate throws", () => {
  it("returns traffic to stable before the error fails the plan, even with no safe state and onFailure: \"return\"", async () => {
    // a destination the route lacks: the gate's first round throws, naming the route's destinations
    const r = await rehearse(canaryPlan((vs) => gates.successRate({ route: vs, destination: "relase", min: 0.99 }), { onFailure: "return" }), { scenario: "cold-jvm" });
    expect(r.error?.name).toBe("UnknownDestinationError");
    expect(r.error?.message).toContain("relase");
    expect(r.finalSplits["prod/checkout-api"]).toEqual({ stable: 100, release: 0 });
    expect(releaseWeights(r.events).slice(-2)).toEqual([
      { step: "canary 1%", to: 1, action: "shift traffic" },
      { step: "canary 1%", to: 0, action: "return traffic to stable: canary 1% not judged (UnknownDestinationError)" },
    ]);
    // the program got no verdict to branch on: the error is the stage's
    expect(r.events.some((e) => e.type === "note" && e.text.startsWith("canary returned"))).toBe(false);
    const finished = r.events.find((e) => e.type === "step-finished" && e.name === "canary 1%");
    expect(finished).toMatchObject({ outcome: "failed", error: { name: "UnknownDestinationError" } });
  }, 60_000);

  it("returns traffic to stable itself, before the safe state is restored; a cancel is left to the safe-state restore", async () => {
    // a query answering one series per version: refused in its first round, the run's first look at it
    const perVersion = gates.query({ name: "requests", promql: 'sum by (destination_version) (istio_requests_total{destination_service_name="checkout-api"})', min: 1 });
    const r = await rehearse(canaryPlan(() => perVersion, { safeState: true }), { scenario: "cold-jvm" });
    expect(r.status).toBe("failed-safe");
    expect(r.error?.name).toBe("InvalidPlanError");
    expect(r.error?.message).toMatch(/^gates\.query "requests": .* answered 2 series/);
    expect(r.finalSplits["prod/checkout-api"]).toEqual({ stable: 100, release: 0 });
    expect(releaseWeights(r.events).slice(-2)).toEqual([
      { step: "canary 1%", to: 1, action: "shift traffic" },
      { step: "canary 1%", to: 0, action: "return traffic to stable: canary 1% not judged (InvalidPlanError)" },
    ]);

    // a cancel during the stage's pause: the canary writes nothing more, the engine restores the safe state
    const abort = new AbortController();
    const cancelled = await rehearse(canaryPlan((vs) => gates.successRate({ route: vs, destination: "release", min: 0.99 }), { safeState: true }), {
      scenario: "cold-jvm",
      signal: abort.signal,
      onProgress: (m) => m.startsWith("pause 1m") && abort.abort(),
    });
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.finalSplits["prod/checkout-api"]).toEqual({ stable: 100, release: 0 });
    expect(releaseWeights(cancelled.events).slice(-2)).toEqual([
      { step: "canary 1%", to: 1, action: "shift traffic" },
      { step: "restore the safe state", to: 0, action: "restore safe state" },
    ]);
  }, 60_000);
});
