import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "../errors.ts";
import { readJournal } from "../journal/read-journal.ts";
import { renderPostmortem } from "../postmortem/index.ts";

/**
 * `firebreak postmortem <journal.jsonl> [--postmortem FILE]`: the postmortem of a run from its
 * journal alone — for a run killed before it wrote its report (SIGKILL, a second signal, a lost
 * terminal), or one to report again. Returns where it went, or undefined when printed.
 */
export function postmortemFromJournal(cmd: { journal: string; postmortem?: string }, out: (s: string) => void): string | undefined {
  if (!existsSync(cmd.journal) || !statSync(cmd.journal).isFile()) {
    throw new UsageError(`${cmd.journal}: no such journal file; firebreak run writes one where --journal says (default .firebreak/runs/<run-id>.jsonl)`);
  }
  const events = readJournal(cmd.journal);
  if (!events.some((e) => e.type === "plan-started")) throw new UsageError(`${cmd.journal} holds no run (no plan-started event): is it the journal of a run that started?`);
  const markdown = renderPostmortem(events);
  if (!cmd.postmortem) {
    out(markdown);
    return undefined;
  }
  mkdirSync(dirname(cmd.postmortem), { recursive: true });
  writeFileSync(cmd.postmortem, markdown);
  return cmd.postmortem;
}
