/**
 * Live progress in the workflow log: one collapsible group per top-level step, the CLI's line per
 * event inside it, and annotations for what a responder must not miss (failed gates, a safe state
 * not restored, the plan's recommendations, where a preview foresees the run stopping).
 */
import { formatEvent } from "../sdk/cli/progress.ts";
import type { JournalEvent } from "../sdk/journal/events.ts";
import { plainText } from "../sdk/postmortem/escape.ts";
import { stepTitle } from "../sdk/postmortem/format.ts";

/** The slice of `@actions/core` progress needs (a fake in tests). */
export interface Logger {
  info(message: string): void;
  startGroup(name: string): void;
  endGroup(): void;
  error(message: string, properties?: { title?: string }): void;
  warning(message: string, properties?: { title?: string }): void;
  notice(message: string, properties?: { title?: string }): void;
}

/** Receives the engine's events and transient progress. */
export interface ProgressReporter {
  onEvent(event: JournalEvent): void;
  onProgress(message: string): void;
  /** Closes a group left open (the run ended inside a step). */
  close(): void;
}

/**
 * Creates the reporter. Every line goes through `scrub` (secrets out) and is made one plain line.
 *
 * @example
 * const progress = createProgressReporter(core, scrub.text);
 * await runPlan(plan, { ..., onEvent: progress.onEvent, onProgress: progress.onProgress });
 * progress.close();
 */
export function createProgressReporter(log: Logger, scrub: (text: string) => string): ProgressReporter {
  const clean = (text: string) => scrub(plainText(text));
  let open = false;
  let lastProgress = "";
  // A preview evaluates no gate: its "inconclusive" lines say so, and annotating each would cry wolf.
  let preview = false;
  const topLevel = new Set<number>();
  const end = () => {
    if (open) log.endGroup();
    open = false;
  };
  return {
    onEvent(e) {
      const line = formatEvent(e);
      if (e.type === "step-started" && e.parentId === undefined) {
        end();
        topLevel.add(e.stepId);
        log.startGroup(clean(stepTitle(e)));
        open = true;
      }
      if (e.type === "plan-started") preview = e.mode === "preview";
      if (line) log.info(clean(line));
      if (e.type === "gate" && e.phase !== "passed" && !preview) {
        const message = clean(`${e.enforced ? "Gate" : "Check"} "${e.name}" ${e.phase}: ${e.reason}`);
        if (e.enforced && e.phase !== "inconclusive") log.error(message, { title: "Firebreak gate" });
        else log.warning(message, { title: e.enforced ? "Firebreak gate" : "Firebreak check" });
      } else if (e.type === "safe-state-restore" && e.outcome === "failed") {
        log.error(clean(`Safe state NOT restored: ${e.description}${e.detail ? ` (${e.detail})` : ""}`), { title: "Firebreak safe state" });
      } else if (e.type === "recommendation") {
        log.notice(clean(e.text), { title: "Firebreak recommendation" });
      } else if (e.type === "note" && e.stops) {
        log.warning(clean(e.text), { title: "Firebreak preview: the run would stop" });
      } else if ((e.type === "step-finished" && topLevel.has(e.stepId)) || e.type === "plan-finished") {
        end();
      }
    },
    onProgress(message) {
      // Other progress repeats what the events say; gate rounds and waits repeat: each distinct one once.
      if (message === lastProgress || !/^(gate|waiting)/.test(message)) return;
      lastProgress = message;
      log.info(clean(`  … ${message}`));
    },
    close: end,
  };
}
