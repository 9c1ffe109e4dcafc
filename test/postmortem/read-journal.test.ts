import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidJournalError } from "../../sdk/errors.ts";
import { readJournal } from "../../sdk/journal/read-journal.ts";
import { SDK_VERSION } from "../../sdk/plan/plan.ts";
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
    expect(() => readJournal(file)).toThrow(`${file} line 1 is no Firebreak journal event, so ${file} is not a journal`);
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

  it("refuses an event missing a field, naming the line, the event type and the field, instead of crashing in the report", () => {
    const started = '{"type":"plan-started","at":1,"runId":"r","plan":{"name":"x"},"mode":"run","inputs":{},"target":{"kind":"sim"},"sdkVersion":"1.0.0"}';
    const file = journalFile(`${started}\n{"type":"traffic","at":2,"route":{"kind":"VirtualService","namespace":"prod","name":"x"}}\n`);
    expect(() => readJournal(file)).toThrow(InvalidJournalError);
    expect(() => readJournal(file)).toThrow(
      `${file} line 2 has a traffic event this Firebreak cannot read: route.apiVersion is missing (a string). Firebreak ${SDK_VERSION} does not write that; the journal was written by Firebreak 1.0.0: read it with that version, or repair or remove that line to report on the rest`,
    );
    const noSplit = journalFile(`${started}\n{"type":"traffic","at":2,"route":{"apiVersion":"networking.istio.io/v1","kind":"VirtualService","name":"x"},"verified":true}\n`);
    expect(() => readJournal(noSplit)).toThrow(`${noSplit} line 2 has a traffic event this Firebreak cannot read: split is missing (a number per destination).`);
  });

  const events = failedSafe();
  const lineOf = (type: string) => events.findIndex((e) => e.type === type);
  it.each([
    ["gate", (e: any) => (e.evidence[1].value = "0.57"), 'evidence[1].value is "0.57", not a number'],
    ["step-finished", (e: any) => (e.outcome = "ok"), 'outcome is "ok", not one of "succeeded", "failed", "cancelled"'],
    ["change", (e: any) => (e.applied = "yes"), 'applied is "yes", not true or false'],
    ["traffic", (e: any) => (e.split.stable = "100%"), 'split.stable is "100%", not a number'],
    ["impact", (e: any) => (e.series = {}), "series is an object, not a list"],
    ["plan-finished", (e: any) => (e.error = "GateFailedError"), 'error is "GateFailedError", not an object'],
  ])("refuses a field of the wrong type (%s event), saying which and what it should be", (type, damage, problem) => {
    const damaged = lines.map((line, i) => {
      if (i !== lineOf(type)) return line;
      const event = JSON.parse(line);
      damage(event);
      return JSON.stringify(event);
    });
    const file = journalFile(damaged.join("\n") + "\n");
    expect(() => readJournal(file)).toThrow(`${file} line ${lineOf(type) + 1} has a ${type} event this Firebreak cannot read: ${problem}. Firebreak ${SDK_VERSION} does not write that; the line was edited or damaged: repair or remove that line to report on the rest`);
  });

  it("keeps fields it does not know, so a journal from a newer minor version still reads", () => {
    const gate = lineOf("gate");
    const newer = lines.map((line, i) => (i === gate ? JSON.stringify({ ...JSON.parse(line), retries: 2, evidence: [{ ...(events[gate] as any).evidence[0], source: "thanos" }] }) : line));
    const read = readJournal(journalFile(newer.join("\n")));
    expect(read[gate]).toMatchObject({ type: "gate", retries: 2, evidence: [{ source: "thanos" }] });
    expect(summarizeRun(read).status).toBe("failed-safe");
  });
});
