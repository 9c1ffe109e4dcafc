import { readFileSync } from "node:fs";
import { InvalidJournalError } from "../errors.ts";
import { SDK_VERSION } from "../plan/plan.ts";
import { JOURNAL_EVENT_TYPES, type JournalEvent } from "./events.ts";
// Apart from the sinks: a run writes its journal, only a report reads one, so the schema (built when
// this module loads) stays off the incident path's cold start.
import { journalEventProblem } from "./schema.ts";

/**
 * Reads a journal file. A torn last line (the process died mid-write) is dropped, not fatal: the
 * postmortem must still be written from everything before it. Anything else that is not one run's
 * events (a damaged line further up, another file, two runs in one file, an event type or an event
 * shaped differently from what this Firebreak version writes) is an {@link InvalidJournalError} naming the line: a report made from part of
 * the events would state a wrong outcome.
 */
export function readJournal(path: string): JournalEvent[] {
  const lines = readFileSync(path, "utf8").replace(/^\uFEFF/, "").split("\n");
  const last = lines.findLastIndex((line) => line.trim() !== "");
  const events: JournalEvent[] = [];
  let version: string | undefined;
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const fail = (problem: string) => new InvalidJournalError(path, i + 1, problem);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // a first line that is no event at all: another file (a postmortem .md, the plan .ts), not a damaged journal
      if (!events.length) throw notAJournal(path);
      if (i === last) break; // torn by a crash mid-write
      throw fail("is not JSON: only the last line can be cut short by a crash, so the file was damaged or written by two processes at once. Repair or remove that line to report on the rest");
    }
    const event = value as Partial<JournalEvent> | null;
    if (typeof event !== "object" || event === null || typeof event.type !== "string" || typeof event.at !== "number") {
      if (!events.length) throw notAJournal(path);
      throw fail(`is not a Firebreak journal event (an object with "type" and "at"): is ${path} a journal written by firebreak run --journal or the action (its journal-path output)?`);
    }
    if (!JOURNAL_EVENT_TYPES.has(event.type)) {
      throw fail(`has an event of type '${event.type}', which this Firebreak does not know${version ? `: the journal was written by Firebreak ${version}; read it with that version` : ""}`);
    }
    const problem = journalEventProblem(event);
    if (problem) {
      const cause = version && version !== SDK_VERSION ? `the journal was written by Firebreak ${version}: read it with that version, or` : "the line was edited or damaged:";
      throw fail(`has a ${event.type} event this Firebreak cannot read: ${problem}. Firebreak ${SDK_VERSION} does not write that; ${cause} repair or remove that line to report on the rest`);
    }
    if (event.type === "plan-started") {
      const earlier = events.find((e) => e.type === "plan-started");
      if (earlier) throw fail(`starts a second run (${event.runId}) after ${earlier.runId}: a journal holds one run; split the file before line ${i + 1}`);
      version = event.sdkVersion;
    }
    events.push(event as JournalEvent);
  }
  return events;
}

/** A file whose first line is no journal event: not one a run wrote, whatever else it is. */
const notAJournal = (path: string) =>
  new InvalidJournalError(
    path,
    1,
    `is no Firebreak journal event, so ${path} is not a journal: give the .jsonl file a run wrote (firebreak run --journal, default .firebreak/runs/<run-id>.jsonl; the action's journal-path output)`,
  );
