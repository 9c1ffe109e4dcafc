import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { istio, plan, type Run } from "../../sdk/index.ts";
import { runPlan, type RunOptions } from "../../sdk/engine/runner.ts";
import { createFileJournal } from "../../sdk/journal/sinks.ts";
import { readJournal } from "../../sdk/journal/read-journal.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { renderPostmortem } from "../../sdk/postmortem/index.ts";
import { createFakeKube, seedRoute } from "../helpers/fake-kube.ts";

const vs = istio.virtualService({ namespace: "prod", name: "checkout-api" });

function options(extra: Partial<RunOptions> = {}): RunOptions {
  const fake = createFakeKube();
  seedRoute(fake.store);
  return { mode: "run", inputs: {}, kube: fake.kube, clock: createVirtualClock(), target: { kind: "sim" }, ...extra };
}

/** Calls the way a plan loaded without type checks can make them: anything goes. */
const loose = (run: Run) => run as unknown as Record<keyof Run, (...args: unknown[]) => unknown>;

describe("run's calls, given arguments a type check would have caught", () => {
  it("refuse a recommendation without its reason when it is made, and the journal stays one firebreak postmortem reads", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "firebreak-")), "journal.jsonl");
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("isolate", () => vs.shift({ stable: 100, release: 0 }));
      loose(run).recommend("Roll forward to 2.0.1 once it is built");
    });
    const result = await runPlan(p, options({ journal: createFileJournal(path) }));
    expect(result.status).toBe("failed-safe");
    expect(result.error).toEqual({
      name: "InvalidPlanError",
      message: 'run.recommend() got an invalid argument:\n  - reason: is missing; e.g. run.recommend("Roll forward to 2.0.1", "1.9.0 fails against the schema 2.0.0 migrated")',
    });
    const markdown = renderPostmortem(readJournal(path));
    expect(markdown).toContain("run.recommend() got an invalid argument");
  });

  it.each([
    ["a step named by a number", (run: Run) => loose(run).step(42, () => {}), 'run.step() got an invalid argument:\n  - name: must be text (got 42); e.g. run.step("isolate", () => vs.shift({ stable: 100, release: 0 }))'],
    ["a step given the shift's promise, not a function", (run: Run) => loose(run).step("isolate", Promise.resolve()), "  - fn: must be a function doing the step's work (got a promise); e.g. run.step("],
    ["a pause whose reason is not text", (run: Run) => loose(run).pause("1m", { why: "soak" }), '  - reason: must be text (got an object); e.g. run.pause("1m", "let 1% of traffic reach release")'],
    ["a safe state whose description is not text", (run: Run) => loose(run).safeState(vs, { stable: 100, release: 0 }, 100), "run.safeState() got an invalid argument:\n  - description: must be text (got 100); e.g. run.safeState(vs,"],
    ["a safe state without a route", (run: Run) => loose(run).safeState(undefined, { stable: 100, release: 0 }), "  - route: is missing; e.g. run.safeState(vs,"],
    ["a recommendation with empty text", (run: Run) => loose(run).recommend("", "the fix is built"), "  - text: is empty; e.g. run.recommend("],
    ["a gate without its gate", (run: Run) => loose(run).gate("release healthy", undefined), 'run.gate() got an invalid argument:\n  - gate: is missing; e.g. run.gate("release healthy", gates.successRate('],
    ["a check named by nothing, of a gate's options", (run: Run) => loose(run).check(undefined, { min: 0.99 }), "run.check() got invalid arguments:\n  - name: is missing; e.g. run.check(\"fix healthy\", gates.successRate({ route: vs, destination: \"release\", min: 0.99 }))\n  - gate: must be a gate made by gates (got an object)"],
  ])("refuse %s, in preview too, naming the argument and a right call", async (_, call, message) => {
    for (const mode of ["preview", "run"] as const) {
      const result = await runPlan(plan({ name: "p" }, async (run) => void (await call(run))), options({ mode }));
      expect(result.status).toBe("failed-safe");
      expect(result.error?.name).toBe("InvalidPlanError");
      expect(result.error?.message).toContain(message);
    }
  });

  it("writes a note of anything as text, an error as its name and message: a note never stops a plan", async () => {
    const result = await runPlan(
      plan({ name: "p" }, async (run) => {
        loose(run).note(new Error("status page timed out"));
        loose(run).note({ paged: "db-oncall" });
        loose(run).note(undefined);
      }),
      options(),
    );
    expect(result.status).toBe("succeeded");
    expect(result.events.flatMap((e) => (e.type === "note" ? [e.text] : []))).toEqual(["Error: status page timed out", '{"paged":"db-oncall"}', "undefined"]);
  });
});
