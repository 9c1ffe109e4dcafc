/**
 * The one-sentence outcome of a run, for the top of every report. Plain text.
 */
import { CancelledError } from "../errors.ts";
import { causeOf } from "./blame.ts";
import { gatePlaces, gateText } from "./gate-places.ts";
import { clockTime, dateTime, phaseVerb, plural, splitText } from "./format.ts";
import type { RunSummary } from "./summary.ts";

/** Shortens a piece of text the plan, its inputs or a remote system wrote (a postmortem clips them to its size budget). */
export type ClipText = (text: string) => string;

const whole: ClipText = (text) => text;

/**
 * Says what happened and where traffic is, in one sentence. `clipText` is applied to the parts
 * from the plan, its inputs or remote systems (names, reasons, error messages), never to the
 * sentence around them.
 *
 * @example
 * describeOutcome(summarizeRun(events));
 * // 'Traffic was returned to the safe state (100% to stable) after gate "canary 1%" failed: success rate 0.58 < 0.99.'
 * describeOutcome(summary, (text) => clip(text, 300)); // a 32 KB error page in it is cut, the sentence is not
 */
export function describeOutcome(s: RunSummary, clipText: ClipText = whole): string {
  const u = clipText;
  const cause = failureCause(s, u);
  const safe = s.safeState.declared ? ` (${splitText(s.safeState.declared.split)})` : "";
  switch (s.status) {
    case "succeeded": {
      if (s.mode === "preview") {
        const fields = s.changes.reduce((n, o) => n + o.changes.length, 0);
        const stop = wouldStopAt(s, u);
        return `The preview completed: ${plural(fields, "change")} would be made; nothing was written.${stop ? ` The run would stop at ${stop}: see its note.` : ""}`;
      }
      // gates (run.gate) and checks (run.check, e.g. canary stages) are both evidence the plan acted on
      const count = (enforced: boolean) => {
        const all = s.gates.filter((g) => g.enforced === enforced);
        return { all: all.length, passed: all.filter((g) => g.phase === "passed").length };
      };
      const [g, c] = [count(true), count(false)];
      const parts = [
        ...(g.all ? [`${g.passed} of ${plural(g.all, "gate")}`] : []),
        ...(c.all ? [`${c.passed} of ${plural(c.all, "check")}`] : []),
      ];
      const gates = parts.length ? `${parts.join(" and ")} passed` : "no gates were evaluated";
      const where = s.finalSplits.map((r) => `${splitText(r.split)} on ${r.name}${r.changedBy ? ` (${u(r.changedBy)})` : ""}`).join("; ");
      return `The plan completed: ${gates}${where ? `, and traffic ends at ${where}` : ""}.`;
    }
    case "failed-safe": {
      const changed = s.changes.some((o) => o.changes.some((c) => c.applied));
      if (!changed && s.safeState.restores.length === 0) return `The plan failed before it changed anything: ${cause ?? "an error"}.`;
      // failed-safe without one: what it changed, it had put back itself
      if (!s.safeState.declared && !s.safeState.restores.length) return `The plan put back what it had changed itself (it declared no safe state), after ${cause ?? "the plan failed"}.`;
      return `Traffic was returned to the safe state${safe} after ${cause ?? "the plan failed"}.${alsoLeft(s)}`;
    }
    case "failed-unsafe": {
      const drift = driftText(s, u);
      const why = wasCancelled(s) ? `The run was cancelled${cancelReason(s, u)}` : `The plan failed after ${cause ?? "an error"}`;
      // the program completed, or its safe state was restored: only the routes put back since are unsafe
      if (drift && s.error?.name === "RouteDriftError") return `The plan completed, but ${drift}: see "What is left where".`;
      if (drift && s.safeState.restores.length && s.safeState.restores.every((r) => r.outcome === "restored")) {
        return `${why}; the safe state${safe} was restored, but ${drift}: see "What is left where".`;
      }
      if (!s.safeState.declared) return `${why}, and it declared no safe state to return to: what it changed is left as it is (see "What is left where").`;
      // every declared safe state came back: what is unsafe is a route shifted without one of its own
      if (s.safeState.restores.length && s.safeState.restores.every((r) => r.outcome === "restored")) {
        return `${why}; the safe state${safe} was restored, but the run shifted a route that has no safe state of its own, left as it is: see "What is left where".`;
      }
      return `${why}, and the safe state${safe} could not be restored: see "What is left where".`;
    }
    case "cancelled": {
      // a journal from before failed-unsafe outranked cancelled may still say cancelled with unsafe
      if (s.unsafe.length > 0) return `The run was cancelled${cancelReason(s, u)}, and the safe state${safe} was not restored: see "What is left where".`;
      // without a safe state a cancel restores nothing: the run ends cancelled only when it leaves nothing changed
      if (!s.safeState.declared && !s.safeState.restores.length) {
        const changed = s.changes.some((o) => o.changes.some((c) => c.applied));
        return changed
          ? `The run was cancelled${cancelReason(s, u)}; it declared no safe state, and had put back what it changed itself.`
          : `The run was cancelled${cancelReason(s, u)} before it changed anything; it declared no safe state.`;
      }
      return `The run was cancelled${cancelReason(s, u)}; traffic was returned to the safe state${safe}.${alsoLeft(s)}`;
    }
    case "unknown": {
      const last = s.finalSplits
        .map((r) => `${splitText(r.split)} on ${r.name}${r.rewrittenAt !== undefined ? `, which the run wrote again at ${clockTime(r.rewrittenAt)} UTC and did not read back (see "What is left where")` : ""}`)
        .join("; ");
      // killed after (or while) restoring: its journal says how far the restore got
      const restore = !s.safeState.restores.length
        ? ""
        : s.safeState.restores.every((r) => r.outcome === "restored")
          ? `, after the safe state${safe} was restored`
          : `, after the safe state${safe} could not be restored`;
      return (
        `The journal ends at ${dateTime(s.finishedAt)} without a plan-finished event (the runner crashed or was killed)${restore}` +
        `${last ? `; the last recorded split was ${last}` : ""}: check the cluster before acting on this report.`
      );
    }
  }
}

/** The routes found away from where the run left them, as a clause; undefined when there are none. */
function driftText(s: RunSummary, u: ClipText): string | undefined {
  if (!s.drifted.length) return undefined;
  return s.drifted
    .map((r) => `${r.name} ${Object.keys(r.split).length ? `is at ${splitText(r.split)}` : r.drift!.unreadable ? `has lost the part the run shifted (${sentence(u(r.drift!.unreadable))})` : "is gone"}, not ${splitText(r.drift!.written)} as the run left it${r.changedBy ? ` (${u(r.changedBy)})` : ""}`)
    .join("; ");
}

/** What made the run fail, as a clause: the gate or step that raised the run's error, else the error. */
function failureCause(s: RunSummary, u: ClipText): string | undefined {
  const cause = causeOf(s);
  switch (cause?.kind) {
    case "gate":
      return `${u(gateText(cause.gate, gatePlaces(s.gates, s.steps)))} ${phaseVerb(cause.gate.phase)}: ${sentence(u(cause.gate.reason))}`;
    case "step":
      // the run's error is the step's, with the plan's line that threw it when the runner pinned one
      return `step "${u(cause.step.name)}" failed: ${sentence(u(s.error!.message))}`;
    case "error":
      // a plan's own `throw new Error(…)` speaks for itself; a typed error keeps its name
      return `${cause.error.name === "Error" ? "the plan stopped" : u(cause.error.name)}: ${sentence(u(cause.error.message))}`;
    case undefined:
      return undefined;
  }
}

/** Whether the run ended because it was cancelled (SIGINT/SIGTERM, the workflow's cancel). */
export function wasCancelled(s: RunSummary): boolean {
  return s.error?.name === "CancelledError";
}

/** Why it was cancelled, in brackets, unless it only says it was. */
function cancelReason(s: RunSummary, u: ClipText): string {
  return s.error && s.error.message !== new CancelledError().message ? ` (${sentence(u(s.error.message))})` : "";
}

/** A sentence on what the run leaves changed beyond the restored safe state, if anything. */
function alsoLeft(s: RunSummary): string {
  const n = s.leftChanged.length;
  return n ? ` ${plural(n, "other object")} ${n === 1 ? "stays" : "stay"} as the run changed ${n === 1 ? "it" : "them"}: see "What is left where".` : "";
}

/** Text to embed mid-sentence: without its final period. */
function sentence(text: string): string {
  return text.trim().replace(/[.]+$/, "");
}

/** Where a preview foresaw the run stopping (the first such note): 'step "helm rollback"', or undefined. */
export function wouldStopAt(s: RunSummary, clipText: ClipText = whole): string | undefined {
  const note = s.notes.find((n) => n.stops);
  if (!note) return undefined;
  const step = s.steps.find((st) => st.id === note.stepId);
  return step ? `step "${clipText(step.name)}"` : "the plan's program";
}
