import { describe, expect, it } from "vitest";
import { istio, plan } from "../../sdk/index.ts";
import { runPlan, type RunOptions } from "../../sdk/engine/runner.ts";
import { createSystemClock, createVirtualClock, type Clock } from "../../sdk/ports/clock.ts";
import { renderPostmortem } from "../../sdk/postmortem/index.ts";
import { createFakeKube, seedRoute } from "../helpers/fake-kube.ts";

const vs = istio.virtualService({ namespace: "prod", name: "checkout-api" });

function options(mode: RunOptions["mode"], clock: Clock = createVirtualClock(), extra: Partial<RunOptions> = {}): RunOptions {
  const fake = createFakeKube();
  seedRoute(fake.store);
  return { mode, inputs: {}, kube: fake.kube, clock, target: { kind: "sim" }, ...extra };
}

/** The most rounds the plans below may take: without a bound, a preview that never ends would hang the test run. */
const MAX_ROUNDS = 5_000;

describe("run.pause in preview", () => {
  it("moves run.now() on by the pause, so a preview of a loop polling until a deadline ends after as many rounds as the run", async () => {
    const rounds: Record<string, number> = {};
    const polling = plan({ name: "poll" }, async (run) => {
      const deadline = run.now() + 120_000;
      let round = 0;
      while (run.now() < deadline && round < MAX_ROUNDS) {
        round++;
        await vs.split();
        await run.pause("10s");
      }
      rounds[run.mode] = round;
    });
    for (const mode of ["run", "preview"] as const) expect((await runPlan(polling, options(mode))).status).toBe("succeeded");
    expect(rounds).toEqual({ run: 12, preview: 12 });
  });

  it("does not wait on the wall clock: an hour's pause previews at once, an hour later by run.now()", async () => {
    let paused = 0;
    const p = plan({ name: "soak" }, async (run) => {
      const before = run.now();
      await run.pause("1h", "soak");
      paused = run.now() - before;
    });
    const started = Date.now();
    const result = await runPlan(p, options("preview", createSystemClock()));
    expect(result.status).toBe("succeeded");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(paused).toBeGreaterThanOrEqual(3_600_000);
    expect(paused).toBeLessThan(3_605_000);
  });

  it("is cut short by a cancel: a preview looping on pauses alone ends cancelled", async () => {
    const abort = new AbortController();
    let rounds = 0;
    const p = plan({ name: "forever" }, async (run) => {
      setTimeout(() => abort.abort(), 0); // the responder's Ctrl-C, heard between two turns of the event loop
      while (rounds < MAX_ROUNDS) {
        rounds++;
        await run.pause("10s");
      }
    });
    const result = await runPlan(p, options("preview", createVirtualClock(), { signal: abort.signal }));
    expect(result.status).toBe("cancelled");
    expect(rounds).toBeLessThan(MAX_ROUNDS); // stopped by the cancel, not by the bound
  });
});

describe("run.pause cut short by a cancel", () => {
  it("journals how long it lasted: the postmortem says 3m of 10m, not 10m", async () => {
    const clock = createVirtualClock();
    const abort = new AbortController();
    void clock.sleep(180_000).then(() => abort.abort()); // the responder cancels 3 minutes into the soak
    const p = plan({ name: "soak" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("soak", () => run.pause("10m", "soak"));
    });
    const result = await runPlan(p, options("run", clock, { signal: abort.signal }));
    expect(result.status).toBe("cancelled");
    expect(result.events.filter((e) => e.type === "pause")).toMatchObject([
      { durationMs: 600_000, reason: "soak" },
      { durationMs: 600_000, reason: "soak", cancelled: { afterMs: 180_000 } },
    ]);
    const markdown = renderPostmortem(result.events);
    expect(markdown).toContain("Paused 3m of 10m (cut short): soak");
    expect(markdown).toContain('Step "soak" cancelled after 3m');
  });
});
