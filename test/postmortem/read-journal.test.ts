import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidJournalError } from "../../sdk/errors.ts";
import { readJournal } from "../../sdk/journal/sinks.ts";
import { summarizeRun } from "../../sdk/postmortem/index.ts";
import { failedSafe } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "firebreak-journal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = failedSafe().map((e) => JSON.stringify(e));

function journalFile(text: string): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, text);
  return file;
}

describe("readJournal", () => {
  it("drops a last line torn by a crash mid-write and reads everything before it", () => {
    const file = journalFile([...lines.slice(0, 10), lines[10]!.slice(0, 25)].join("\n"));
    expect(readJournal(file)).toHaveLength(10);
  });

  it("refuses a damaged line further up instead of reporting a finished run as cut short", () => {
    const file = journalFile([...lines.slice(0, 5), '{"type":"note","at":1', ...lines.slice(5)].join("\n") + "\n");
    expect(() => readJournal(file)).toThrow(InvalidJournalError);
    expect(() => readJournal(file)).toThrow(`${file} line 6 is not JSON: only the last line can be cut short by a crash`);
  });

  it.each([
    ["JSON null", "null"],
    ["a log line", '{"level":"info","msg":"deployed"}'],
    ["a number", "42"],
  ])("refuses a file that is not a journal (%s), naming the line", (_, first) => {
    const file = journalFile(`${first}\n${lines.join("\n")}\n`);
    expect(() => readJournal(file)).toThrow(`${file} line 1 is not a Firebreak journal event`);
  });

  it("refuses an event type from another Firebreak version, saying which version wrote the journal", () => {
    const started = JSON.parse(lines[0]!);
    const file = journalFile([JSON.stringify({ ...started, sdkVersion: "0.9.0" }), '{"type":"rollout-paused","at":1}', ...lines.slice(1)].join("\n"));
    expect(() => readJournal(file)).toThrow(`${file} line 2 has an event of type 'rollout-paused', which this Firebreak does not know: the journal was written by Firebreak 0.9.0`);
  });

  it("refuses two runs in one file rather than mixing their events into one report", () => {
    const second = lines.map((l) => l.replace("run-20261122-100000-a1b2", "run-2"));
    const file = journalFile([...lines, ...second].join("\n"));
    expect(() => readJournal(file)).toThrow(`${file} line ${lines.length + 1} starts a second run (run-2) after run-20261122-100000-a1b2`);
  });

  it("reads a journal saved with a byte-order mark or CRLF line ends", () => {
    const file = journalFile(`\uFEFF${lines.join("\r\n")}\r\n`);
    expect(summarizeRun(readJournal(file)).status).toBe("failed-safe");
  });
});
