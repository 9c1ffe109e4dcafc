import { describe, expect, it } from "vitest";
import { evaluateGate } from "../../sdk/gates/evaluate.ts";
import type { Gate, Verdict } from "../../sdk/gates/gate.ts";
import type { EngineContext } from "../../sdk/engine/context.ts";
import { Journal } from "../../sdk/engine/journal.ts";
import { createEngineContext } from "../../sdk/engine/context.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import type { GatePhase } from "../../sdk/journal/events.ts";
import { journalEventProblem } from "../../sdk/journal/schema.ts";

function context(mode: "run" | "preview" = "run"): EngineContext {
  const clock = createVirtualClock(0);
  return createEngineContext({ mode, kube: {} as never, clock, signal: new AbortController().signal, journal: new Journal(undefined, clock), progress: () => {} });
}

/** A gate that answers the given phases in order, then repeats the last one. */
function scripted(phases: (GatePhase | "throw")[]): Gate & { rounds: number } {
  const g = {
    rounds: 0,
    kind: "scripted",
    description: "scripted",
    async evaluate(): Promise<Verdict> {
      const p = phases[Math.min(g.rounds++, phases.length - 1)]!;
      if (p === "throw") throw new Error("connection refused");
      return { phase: p, reason: p, evidence: [{ at: 0, indicator: "x", value: p === "passed" ? 1 : 0, phase: p }] };
    },
  };
  return g;
}

describe("gate policy", () => {
  it("passes only after the required passes in a row", async () => {
    const ctx = context();
    const gate = scripted(["passed", "failed", "passed", "passed", "passed"]);
    const v = await evaluateGate(ctx, "g", gate, { consecutive: 3, failureLimit: 5, interval: "5s" }, true);
    expect(v.phase).toBe("passed");
    expect(gate.rounds).toBe(5);
    expect(ctx.clock.now()).toBe(20_000);
  });

  it("fails when failed rounds exceed the failure limit", async () => {
    const v = await evaluateGate(context(), "g", scripted(["failed", "failed", "failed"]), { failureLimit: 1 }, true);
    expect(v.phase).toBe("failed");
    expect(v.evidence).toHaveLength(2);
  });

  it("refuses a policy override that could pass on nothing, before any round", async () => {
    const gate = scripted(["passed"]);
    await expect(evaluateGate(context(), "canary 10%", gate, { consecutive: 0 }, true)).rejects.toThrow(
      'gate "canary 10%" got an invalid policy:\n  - policy.consecutive: must be a whole number of passing rounds, 1 or more (got 0)',
    );
  });

  it("retries provider errors up to the limit, then ends in error — never a pass", async () => {
    const gate = scripted(["throw"]);
    const v = await evaluateGate(context(), "g", gate, { consecutiveErrorLimit: 2 }, true);
    expect(v.phase).toBe("error");
    expect(v.reason).toBe("connection refused");
    expect(gate.rounds).toBe(3);
  });

  it("runs out of time inconclusive when there is never enough data", async () => {
    const ctx = context();
    const v = await evaluateGate(ctx, "g", scripted(["inconclusive"]), { timeout: "1m", interval: "10s" }, true);
    expect(v.phase).toBe("inconclusive");
    expect(v.reason).toMatch(/^did not pass within 1m; last round: inconclusive/);
    expect(ctx.clock.now()).toBeLessThanOrEqual(60_000);
  });

  it("a streak of passes cut short by the timeout is not a pass", async () => {
    const v = await evaluateGate(context(), "g", scripted(["inconclusive", "inconclusive", "passed"]), { consecutive: 3, interval: "10s", timeout: "30s" }, true);
    expect(v.phase).toBe("inconclusive");
    expect(v.reason).toContain("needed 3 passing rounds in a row, had 2");
  });

  it("refuses, before any round and in preview, passes in a row that cannot fit in the timeout", async () => {
    const gate = { ...scripted(["passed"]), policy: { consecutive: 10, interval: "1m" } };
    for (const mode of ["run", "preview"] as const) {
      await expect(evaluateGate(context(mode), "release healthy", gate, {}, true)).rejects.toThrow(
        'gate "release healthy" got an invalid policy:\n  - policy.consecutive: 10 passing rounds 1m apart take 9m, longer than the timeout of 5m, ' +
          "so the gate could never pass: lower consecutive or interval, or make timeout at least 9m",
      );
    }
    expect(gate.rounds).toBe(0);
    // the run's overrides are judged with the gate's own policy: a longer timeout makes room
    expect((await evaluateGate(context(), "release healthy", gate, { timeout: "9m" }, true)).phase).toBe("passed");
  });

  it("journals the verdict with every round's evidence", async () => {
    const ctx = context();
    await evaluateGate(ctx, "warm", scripted(["failed", "passed"]), { failureLimit: 3 }, false);
    const gateEvent = ctx.journal.events.find((e) => e.type === "gate");
    expect(gateEvent).toMatchObject({ name: "warm", phase: "passed", enforced: false });
    expect(gateEvent && "evidence" in gateEvent && gateEvent.evidence.map((e) => e.phase)).toEqual(["failed", "passed"]);
  });

  it("journals what a custom gate measured as the journal file can hold it: NaN and Infinity are no data, and the file reads back the same", async () => {
    const ctx = context();
    const odd: Gate = {
      kind: "custom",
      description: "queue lag below 1000",
      evaluate: async () => ({ phase: "inconclusive", reason: "lag is NaN", evidence: [{ at: Number.NaN, indicator: "lag", value: Number.NaN, samples: Number.POSITIVE_INFINITY, phase: "inconclusive" }] }),
    };
    await evaluateGate(ctx, "queue drained", odd, { timeout: "10s", interval: "10s" }, false);
    const gateEvent = ctx.journal.events.find((e) => e.type === "gate")!;
    const written = JSON.parse(JSON.stringify(gateEvent));
    expect(journalEventProblem(written)).toBeUndefined();
    expect(written).toEqual(gateEvent);
    // two rounds, 10s apart: a time that is no number is the round's
    expect(written.evidence).toEqual([0, 10_000].map((at) => ({ at, indicator: "lag", value: null, phase: "inconclusive" })));
  });

  it("is not evaluated in preview, and says so", async () => {
    const ctx = context("preview");
    const gate = scripted(["failed"]);
    const v = await evaluateGate(ctx, "g", gate, {}, true);
    expect(gate.rounds).toBe(0);
    expect(v.reason).toContain("not evaluated in preview");
    expect(ctx.journal.events[0]).toMatchObject({ type: "gate", phase: "inconclusive", reason: "not evaluated in preview" });
  });
});
