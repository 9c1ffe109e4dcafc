/**
 * A gate's evaluations, round by round, as the postmortem's evidence table shows them: a run of
 * rounds in which one indicator of one subject kept the same verdict is one row (its time span,
 * the range of its values, the last reason), so a warm-up watched for two minutes reads as "passed
 * from 03:00:18 to 03:01:36, 28 ms" and the rows where the verdict changed stand out.
 */
import type { Evidence } from "../../journal/events.ts";

/** Rounds in a row with the same verdict that are shown as one; fewer are shown one by one. */
export const ROUNDS_TO_COLLAPSE = 3;

/** One row of the evidence table: a single evaluation, or a run of `count` with the same verdict. */
export interface EvidenceRow {
  first: Evidence;
  /** The run's last evaluation: its reason is the row's. */
  last: Evidence;
  count: number;
  /** The values measured (no data counted apart). */
  values: number[];
  noData: number;
  samples: number[];
}

/** What must stay the same for evaluations to share a row. */
const sameRun = (a: Evidence, b: Evidence) =>
  a.indicator === b.indicator && a.window === b.window && a.subject === b.subject && a.threshold === b.threshold && a.unit === b.unit && a.phase === b.phase;

/**
 * Groups each indicator's consecutive evaluations with the same verdict, in the order each run
 * began; runs shorter than {@link ROUNDS_TO_COLLAPSE} are split back into single rows.
 *
 * @example
 * evidenceRows(gate.evidence).map((r) => r.count); // [16, 11, 5]: probe latency passed throughout; pods ready inconclusive, then passed
 */
export function evidenceRows(evidence: readonly Evidence[]): EvidenceRow[] {
  const runs: Evidence[][] = [];
  // the open run of each indicator (of a subject), which the next evaluation of it joins or ends
  const open = new Map<string, Evidence[]>();
  for (const e of evidence) {
    const key = JSON.stringify([e.indicator, e.window, e.subject]);
    const run = open.get(key);
    if (run && sameRun(run[0]!, e)) run.push(e);
    else {
      const started = [e];
      runs.push(started);
      open.set(key, started);
    }
  }
  return runs.flatMap((run) => (run.length >= ROUNDS_TO_COLLAPSE ? [rowOf(run)] : run.map((e) => rowOf([e]))));
}

function rowOf(run: Evidence[]): EvidenceRow {
  const values = run.flatMap((e) => (e.value === null ? [] : [e.value]));
  return {
    first: run[0]!,
    last: run.at(-1)!,
    count: run.length,
    values,
    noData: run.length - values.length,
    samples: run.flatMap((e) => (e.samples === undefined ? [] : [e.samples])),
  };
}
