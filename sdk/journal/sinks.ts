import { closeSync, openSync, readFileSync, writeSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { JournalEvent, JournalSink } from "./events.ts";

/**
 * Appends events to a JSON Lines file, one synchronous write per event, so a crash loses at most
 * the event in flight and the post step (or a later resume) can read everything before it.
 */
export function createFileJournal(path: string): JournalSink {
  // opened on the first event: a run refused before it starts (a bad input) leaves an earlier journal as it was
  let fd: number | undefined;
  let closed = false;
  return {
    append(event) {
      if (closed) return;
      if (fd === undefined) {
        mkdirSync(dirname(path), { recursive: true });
        fd = openSync(path, "w"); // one journal per run
      }
      writeSync(fd, JSON.stringify(event) + "\n");
    },
    close() {
      if (fd !== undefined && !closed) closeSync(fd);
      closed = true;
    },
  };
}

/** Keeps events in memory (tests, preview). */
export function createMemoryJournal(): JournalSink & { events: JournalEvent[] } {
  const events: JournalEvent[] = [];
  return { events, append: (e) => void events.push(e), close() {} };
}

/**
 * Reads a journal file. A torn last line (the process died mid-write) is dropped, not fatal:
 * the postmortem must still be written from everything before it.
 */
export function readJournal(path: string): JournalEvent[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const events: JournalEvent[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    try {
      events.push(JSON.parse(line) as JournalEvent);
    } catch {
      // only the last line can be torn; anything after it is not ours
      break;
    }
  }
  return events;
}
