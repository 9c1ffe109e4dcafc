/**
 * Keeps known secret values out of what a run writes: journal events (and so the postmortem, the
 * job summary and the issue, which are made from them), errors and log lines. Field names cannot
 * say everything: a token quoted inside an HTTP client's error is found by its value.
 */
import type { JournalEvent } from "../journal/events.ts";
import { REDACTED } from "./redact.ts";

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
  // How it looks inside a JSON string, and in a URL (a token in `?key=` is percent-encoded,
  // a form body writes spaces as `+`).
  const forms = [
    ...new Set(
      known.flatMap((s) => [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2)]),
    ),
  ];
  const text = (value: string) => forms.reduce((out, secret) => out.split(secret).join(REDACTED), value);
  // Each string value on its own, never the event's JSON text: a secret like "1795" or "true"
  // would otherwise cut into a timestamp, a boolean or a key and corrupt (or fail to parse) the event.
  const values = (v: unknown): unknown =>
    typeof v === "string"
      ? text(v)
      : Array.isArray(v)
        ? v.map(values)
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, values(x)]))
          : v;
  return {
    text,
    event: (event) => (forms.length === 0 ? event : (values(event) as JournalEvent)),
  };
}

