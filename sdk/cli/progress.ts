import type { JournalEvent } from "../journal/events.ts";
import { refString } from "../ports/kube.ts";
import { formatMs } from "../util/duration.ts";
import { plainText } from "../postmortem/escape.ts";
import { stepTitle } from "../postmortem/format.ts";

const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const show = (v: unknown) => (v === undefined ? "(none)" : typeof v === "string" ? v : JSON.stringify(v));

/**
 * One line per journal event, as it happens: the current step, every change, the verified split,
 * each gate verdict. What a responder watches while the plan runs.
 */
export function formatEvent(e: JournalEvent): string | undefined {
  const t = time(e.at);
  switch (e.type) {
    case "plan-started":
      // the clock of every line after it: said once, so a responder elsewhere does not read it as local time
      return `${t} UTC ${e.mode === "preview" ? "previewing" : "running"} plan ${e.plan.name} on ${e.target.kind === "sim" ? `the simulator (scenario ${e.target.scenario})` : `cluster ${e.target.detail ?? ""}`}`;
    case "step-started":
      return `${t} ▶ ${stepTitle(e)}`;
    case "step-finished":
      if (e.outcome === "cancelled") return `${t} ■ ${e.name} cut short (${formatMs(e.durationMs)}): ${e.error?.message ?? "cancelled"}`;
      return e.outcome === "succeeded" ? `${t} ✔ ${e.name} (${formatMs(e.durationMs)})` : `${t} ✘ ${e.name} (${formatMs(e.durationMs)}): ${e.error?.message ?? "failed"}`;
    case "change":
      return `${t}   ~ ${refString(e.object)} ${e.field}: ${show(e.before)} → ${show(e.after)}${e.applied ? "" : " (preview)"}`;
    case "traffic":
      return `${t}   ⇄ ${refString(e.route)}: ${Object.entries(e.split).map(([d, w]) => `${d}=${w}%`).join(" ")}${e.initial ? " (as found)" : e.verified ? " (read back, verified)" : ""}`;
    case "gate":
      return `${t}   ◆ gate "${e.name}" ${e.phase}: ${e.reason}`;
    case "note":
      return `${t}   note: ${e.text}`;
    case "pause":
      if (e.cancelled) return `${t}   pause cut short after ${formatMs(e.cancelled.afterMs)} of ${formatMs(e.durationMs)}`;
      return `${t}   pause ${formatMs(e.durationMs)}${e.reason ? `: ${e.reason}` : ""}`;
    case "wait":
      return e.outcome === "skipped" ? undefined : `${t}   waited ${formatMs(e.durationMs)} for ${refString(e.object)} ${e.what}`;
    case "safe-state-declared":
      return `${t}   safe state: ${e.description}`;
    case "safe-state-restore":
      return `${t}   ${e.outcome === "restored" ? "↩ safe state restored" : "‼ safe state NOT restored"}: ${e.description}${e.detail ? ` (${e.detail})` : ""}`;
    case "recommendation":
      return `${t}   recommendation: ${e.text}`;
    case "impact":
    case "plan-finished":
      return undefined; // in the final report
  }
}

/**
 * Prints events and transient progress as lines. Every line is made plain text: step names, error
 * messages and API answers come from plans and servers, and a newline or an ANSI escape in them
 * would forge lines (in GitHub Actions, a line starting `::` is a workflow command).
 */
export function createProgressPrinter(print: (line: string) => void, now: () => number) {
  const write = (line: string) => print(plainText(line));
  let lastTransient = "";
  return {
    onEvent(e: JournalEvent) {
      const line = formatEvent(e);
      if (line) write(line);
    },
    onProgress(message: string) {
      // Gate rounds and waits repeat; print each distinct message once.
      if (message === lastTransient) return;
      lastTransient = message;
      if (/^(gate|waiting)/.test(message)) write(`${time(now())}   … ${message}`);
    },
  };
}
