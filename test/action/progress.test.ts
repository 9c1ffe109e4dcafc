import { describe, expect, it } from "vitest";
import { createProgressReporter, type Logger } from "../../action/progress.ts";
import { Journal } from "../../sdk/engine/journal.ts";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { createScrubber } from "../../sdk/util/scrub.ts";
import { createMemoryJournal } from "../../sdk/journal/sinks.ts";
import { failedSafe, failedUnsafe } from "../postmortem/fixtures.ts";

function recordingLogger() {
  const lines: string[] = [];
  const logger: Logger = {
    info: (m) => lines.push(m.replace(/^\d\d:\d\d:\d\d /, "")),
    startGroup: (m) => lines.push(`::group::${m}`),
    endGroup: () => lines.push("::endgroup::"),
    error: (m, p) => lines.push(`::error title=${p?.title}::${m}`),
    warning: (m, p) => lines.push(`::warning title=${p?.title}::${m}`),
    notice: (m, p) => lines.push(`::notice title=${p?.title}::${m}`),
  };
  return { logger, lines };
}

describe("progress in the workflow log", () => {
  it("groups each top-level step and annotates a failed gate", () => {
    const { logger, lines } = recordingLogger();
    const progress = createProgressReporter(logger, (t) => t);
    failedSafe().forEach(progress.onEvent);
    progress.close();
    expect(lines.filter((l) => l.startsWith("::"))).toEqual([
      "::group::declare safe state",
      "::endgroup::",
      "::group::roll back release to 1.9.0",
      "::endgroup::",
      "::group::canary 1%",
      '::error title=Firebreak gate::Gate "canary 1%" failed: success rate 0.58 < 0.99',
      "::endgroup::",
    ]);
    expect(lines).toContain("  ↩ safe state restored: all traffic to the stable pool (1.9.4)");
  });

  it("groups the engine's restore of the safe state as a step of its own, marked as Firebreak's", () => {
    const { logger, lines } = recordingLogger();
    const progress = createProgressReporter(logger, (t) => t);
    failedSafe({ restoreStep: true }).forEach(progress.onEvent);
    progress.close();
    const group = lines.indexOf("::group::restore the safe state (by Firebreak)");
    expect(lines.slice(group + 1, lines.indexOf("::endgroup::", group)).map((l) => l.trim())).toEqual([
      "▶ restore the safe state (by Firebreak)",
      "~ VirtualService prod/checkout-api spec.http[0].route[0].weight: 99 → 100",
      "~ VirtualService prod/checkout-api spec.http[0].route[1].weight: 1 → 0",
      "⇄ VirtualService prod/checkout-api: stable=100% release=0% (read back, verified)",
      "↩ safe state restored: all traffic to the stable pool (1.9.4)",
      "✔ restore the safe state (2s)",
    ]);
  });

  it("annotates no gate in a preview, where none is evaluated: the log lines say so", () => {
    const { logger, lines } = recordingLogger();
    const progress = createProgressReporter(logger, (t) => t);
    const preview = failedSafe().map((e) =>
      e.type === "plan-started" ? { ...e, mode: "preview" as const } : e.type === "gate" ? { ...e, phase: "inconclusive" as const, reason: "not evaluated in preview" } : e,
    );
    preview.forEach(progress.onEvent);
    expect(lines.filter((l) => /^::(error|warning)/.test(l))).toEqual([]);
    expect(lines.some((l) => l.includes('gate "canary 1%" inconclusive: not evaluated in preview'))).toBe(true);
  });

  it("annotates where a preview foresees the run stopping, and no other note", () => {
    const { logger, lines } = recordingLogger();
    const progress = createProgressReporter(logger, (t) => t);
    const stop = "the run would stop here: helm rollback to revision 2 of Helm release prod/checkout-api needs the helm CLI";
    const preview = failedSafe().flatMap((e): JournalEvent[] =>
      e.type === "plan-started" ? [{ ...e, mode: "preview" as const }] : e.type === "step-started" ? [e, { type: "note" as const, at: e.at, stepId: e.stepId, text: stop, stops: true as const }] : [e],
    );
    preview.forEach(progress.onEvent);
    expect(lines.filter((l) => l.startsWith("::warning"))[0]).toBe(`::warning title=Firebreak preview: the run would stop::${stop}`);
    expect(lines.filter((l) => l.startsWith("::warning") && !l.includes(stop))).toEqual([]);
    expect(preview.filter((e) => e.type === "note" && !e.stops).length).toBeGreaterThan(0);
  });

  it("annotates a safe state that was not restored, and the plan's recommendation", () => {
    const { logger, lines } = recordingLogger();
    const progress = createProgressReporter(logger, (t) => t);
    failedUnsafe().forEach(progress.onEvent);
    expect(lines).toContain("::error title=Firebreak safe state::Safe state NOT restored: all traffic to the stable pool (1.9.4) (admission webhook denied the write to VirtualService prod/checkout-api)");
    expect(lines.some((l) => l.startsWith("::notice title=Firebreak recommendation::Make release"))).toBe(true);
    expect(lines.filter((l) => l === "::endgroup::")).toHaveLength(lines.filter((l) => l.startsWith("::group::")).length);
  });

  it("keeps secrets and control characters out of log lines and the journal", () => {
    const token = "ghs_SECRET_token_value_123";
    const scrub = createScrubber([token, 'quote"and\\slash']);
    const { logger, lines } = recordingLogger();
    const progress = createProgressReporter(logger, scrub.text);
    const memory = createMemoryJournal();
    const journal = new Journal(memory, createVirtualClock(), scrub);
    const events = failedSafe().map((e) => (e.type === "note" ? { ...e, text: `token ${token} and quote"and\\slash\u001b[2J` } : e));
    for (const e of events) {
      journal.emit(e);
      progress.onEvent(e);
    }
    expect(lines.join("\n")).not.toContain(token);
    expect(lines.join("\n")).not.toContain("\u001b");
    expect(lines).toContain("  note: token [redacted] and [redacted][2J");
    expect(JSON.stringify(memory.events)).not.toContain(token);
    expect(JSON.stringify(memory.events)).not.toContain('quote\\"and\\\\slash');
    expect(journal.events).toEqual(memory.events);
  });
});
