import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderJobSummary } from "../../action/summary.ts";
import { formatEvent } from "../../sdk/cli/progress.ts";
import { readJournal } from "../../sdk/journal/read-journal.ts";
import { loadPlan } from "../../sdk/loader/load-plan.ts";
import { renderPostmortem, summarizeRun } from "../../sdk/postmortem/index.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";
import { istio, plan } from "../../sdk/index.ts";
import { formatReport } from "../../sdk/cli/report.ts";

/** Runs the flagship plan on cold-jvm and cancels it when a progress line matches. */
async function cancelFlagshipWhen(matches: (message: string) => boolean) {
  const { plan } = await loadPlan("examples/checkout-api-rollback.ts");
  const abort = new AbortController();
  const r = await rehearse(plan, {
    scenario: "cold-jvm",
    signal: abort.signal,
    onProgress: (m) => {
      if (matches(m)) abort.abort();
    },
  });
  expect(r.status).toBe("cancelled");
  return r;
}

describe("a cancelled run's report", () => {
  it("keeps the rounds a gate measured before the cancel, and asks no one to investigate the gate", async () => {
    let rounds = 0;
    const r = await cancelFlagshipWhen((m) => /round \d+/.test(m) && ++rounds === 3);
    const gate = summarizeRun(r.events).gates.at(-1)!;
    expect(gate).toMatchObject({ phase: "inconclusive", cancelled: true });
    expect(gate.reason).toMatch(/^cancelled after 3 rounds; last round: /);
    expect(gate.evidence.length).toBeGreaterThanOrEqual(3);
    const markdown = renderPostmortem(r.events);
    expect(markdown).not.toContain("No gates or checks were evaluated.");
    expect(markdown.split("## Action items")[1]).not.toContain(`"${gate.name}"`);
  });

  it("says the pause the cancel cut short lasted 0ms of its 1m, and its step was cancelled, not failed: no one is asked to investigate it", async () => {
    const r = await cancelFlagshipWhen((m) => m.startsWith("pause 1m"));
    const markdown = renderPostmortem(r.events);
    expect(markdown).toContain("| Paused 0ms of 1m (cut short): let 1% of traffic reach release |");
    expect(markdown).not.toContain("Paused 1m");
    expect(markdown).toContain('| Step "canary 1%" cancelled after 0ms: CancelledError: the run was cancelled |');
    expect(markdown).toContain("Steps a cancel cut short are marked active too.");
    expect(markdown.split("## Action items")[1]).not.toMatch(/Investigate why step/);
    expect(renderJobSummary(summarizeRun(r.events), { incidentId: "acme/shop/runs/1" })).toContain("| canary 1% | ⏹️ cancelled: the run was cancelled | 0ms |");
    const live = r.events.map(formatEvent).filter((line) => line?.includes("cut short"));
    expect(live).toEqual([expect.stringMatching(/ {3}pause cut short after 0ms of 1m$/), expect.stringMatching(/ ■ canary 1% cut short \(0ms\): the run was cancelled$/)]);
  });

  it("shows the restore that follows the cancel as Firebreak's step, after the step the cancel cut short", async () => {
    const r = await cancelFlagshipWhen((m) => m.startsWith("pause 1m"));
    expect(summarizeRun(r.events).steps.slice(-2).map((st) => `${st.name}: ${st.outcome}`)).toEqual(["canary 1%: cancelled", "restore the safe state: succeeded"]);
    expect(renderPostmortem(r.events)).toContain("  section restore the safe state (by Firebreak)\n    restore the safe state :done, ");
  });

  it("is written to a journal firebreak postmortem reads back as it was", async () => {
    const r = await cancelFlagshipWhen((m) => m.startsWith("pause 1m"));
    const path = join(mkdtempSync(join(tmpdir(), "firebreak-")), "journal.jsonl");
    writeFileSync(path, r.events.map((e) => JSON.stringify(e)).join("\n") + "\n");
    expect(readJournal(path)).toEqual(r.events);
  });

  it("says what it leaves changed beyond the restored traffic: the scaled pool and the half-done rollback", async () => {
    const r = await cancelFlagshipWhen((m) => m.includes("waiting for rollout"));
    const s = summarizeRun(r.events);
    expect(s.outcome).toMatch(/^The run was cancelled; traffic was returned to the safe state \(100% to stable\)\. 2 other objects stay as the run changed them: see "What is left where"\.$/);
    expect(s.leftChanged).toEqual([
      expect.stringMatching(/^Deployment prod\/checkout-api-stable \(spec\.replicas=\d+, was \d+\)$/),
      expect.stringMatching(/^Deployment prod\/checkout-api \(.*spec\.template\.spec\.containers\[0\]\.image="[^"]+:1\.9\.\d+", was "[^"]+:2\.0\.0"/),
    ]);
    expect(renderPostmortem(r.events)).toContain("> The safe state covers traffic only. The run leaves these as it changed them; keep or undo each on purpose:");
  });

  it("with no safe state declared, says it restored none: it changed nothing, or put back what it changed itself", async () => {
    const vs = istio.virtualService({ namespace: "prod", name: "checkout-api" });
    const waiting = plan({ name: "no-safe-state" }, async (run) => {
      await run.step("wait for a human", () => run.pause("10m", "hold"));
    });
    const shiftedBack = plan({ name: "no-safe-state" }, async (run) => {
      await run.step("canary", async () => {
        await vs.shift({ stable: 90, release: 10 });
        await vs.shift({ stable: 10, release: 90 });
      });
      await run.step("wait for a human", () => run.pause("10m", "hold"));
    });
    const cancelAtPause = async (p: typeof waiting) => {
      const abort = new AbortController();
      const r = await rehearse(p, { scenario: "cold-jvm", signal: abort.signal, onProgress: (m) => m.startsWith("pause") && abort.abort() });
      expect(r.status).toBe("cancelled");
      return r;
    };
    const untouched = await cancelAtPause(waiting);
    const markdown = renderPostmortem(untouched.events);
    expect(markdown).toContain("**Status: CANCELLED**: the run was cancelled; it declared no safe state, and left nothing changed.\n\nThe run was cancelled before it changed anything; it declared no safe state.\n");
    expect(markdown).not.toMatch(/safe state was restored|returned to the safe state/);
    expect(formatReport(untouched, {}, 130).split("\n")[2]).toBe("The run was cancelled before it changed anything; it declared no safe state.");
    expect(renderJobSummary(summarizeRun(untouched.events), { incidentId: "acme/shop/runs/1" })).not.toMatch(/safe state was restored|returned to the safe state/);
    const putBack = await cancelAtPause(shiftedBack);
    expect(summarizeRun(putBack.events).outcome).toBe("The run was cancelled; it declared no safe state, and had put back what it changed itself.");
  });
});
