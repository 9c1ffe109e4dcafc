/**
 * Keeps known secret values out of everything the action writes: log lines, journal events (and so
 * the job summary and the postmortem, which are made from them). The runner masks `setSecret`
 * values in the log only; the journal is a file and the issue is public to the repository.
 */
import type { JournalEvent, JournalSink } from "../sdk/journal/events.ts";
import type { Scrubber } from "../sdk/util/scrub.ts";

/**
 * A journal sink that scrubs each event before the inner sink persists it, and keeps the scrubbed
 * events: they are what the job summary and the postmortem are made from.
 *
 * @example
 * const journal = scrubbedJournal(createFileJournal(path), scrub);
 * await runPlan(plan, { ..., journal });
 * renderJobSummary(summarizeRun(journal.events), ...);
 */
export function scrubbedJournal(inner: JournalSink, scrub: Scrubber): JournalSink & { events: JournalEvent[] } {
  const events: JournalEvent[] = [];
  return {
    events,
    append(event) {
      const clean = scrub.event(event);
      events.push(clean);
      inner.append(clean);
    },
    close: () => inner.close(),
  };
}
