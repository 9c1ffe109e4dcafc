/**
 * Keeps known secret values out of everything the action writes: log lines, journal events (and so
 * the job summary and the postmortem, which are made from them). The runner masks `setSecret`
 * values in the log only; the journal is a file and the issue is public to the repository.
 */
import type { JournalEvent, JournalSink } from "../sdk/journal/events.ts";
import { REDACTED } from "../sdk/util/redact.ts";

/** Replaces secret values in text and in journal events. */
export interface Scrubber {
  text(value: string): string;
  event(event: JournalEvent): JournalEvent;
}

/**
 * A scrubber for the given secrets (values shorter than 4 characters are ignored: replacing them
 * would mangle ordinary words and hide nothing worth hiding).
 *
 * @example
 * const scrub = createScrubber([token]);
 * scrub.text(`token is ${token}`); // "token is [redacted]"
 */
export function createScrubber(secrets: readonly string[]): Scrubber {
  // Longest first, so a secret that contains another is replaced whole.
  const known = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  const forms = known.flatMap((s) => {
    const encoded = JSON.stringify(s).slice(1, -1); // how it looks inside a JSON string
    return encoded === s ? [s] : [s, encoded];
  });
  const text = (value: string) => forms.reduce((out, secret) => out.split(secret).join(REDACTED), value);
  return {
    text,
    event: (event) => {
      if (forms.length === 0) return event;
      const json = JSON.stringify(event);
      const clean = text(json);
      return clean === json ? event : (JSON.parse(clean) as JournalEvent);
    },
  };
}

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
