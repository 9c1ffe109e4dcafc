import { closeSync, openSync, writeSync, mkdirSync } from "node:fs";
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
