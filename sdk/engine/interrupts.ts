/**
 * What an interrupt (SIGINT, SIGTERM, a cancelled job) means depends on where the run is: while
 * the plan's program runs it cancels it, and the engine restores the safe state; once the program
 * (and any restore) is over there is nothing to restore, so it only cuts what the run reads
 * and measures at its end short, and the report comes at once. The CLI and the action word and act on it.
 */
export type Interrupted = "cancelled" | "report-cut-short" | "again";

/**
 * What the first interrupt once the program is over did, as the CLI and the action both say it:
 * what it cut short, and what that leaves the responder to check.
 */
export const REPORT_CUT_SHORT =
  "the plan has finished; cutting short the re-read of the routes it shifted and the user-impact measurement, to report at once. " +
  "A route not re-read is reported not verified: it may no longer hold the split the run left there. " +
  "Check each such route on the cluster before relying on it (kubectl get <kind> <name> -n <namespace> -o yaml).";

export interface RunInterrupts {
  /** For `RunOptions.signal`: aborted by the first interrupt while the program runs. */
  cancel: AbortSignal;
  /** For `RunOptions.reportSignal`: aborted by the first interrupt once the program is over. */
  cutReport: AbortSignal;
  /** For `RunOptions.onReporting`. */
  reporting: () => void;
  /** Takes one interrupt; says what it did ("again" for every one after the first). */
  interrupt: () => Interrupted;
  /** Whether any interrupt came. */
  readonly interrupted: boolean;
  /** Whether the program (and any restore) is over. */
  readonly reportingStarted: boolean;
}

/**
 * @example
 * const interrupts = createRunInterrupts();
 * runPlan(plan, { ..., signal: interrupts.cancel, reportSignal: interrupts.cutReport, onReporting: interrupts.reporting });
 * process.on("SIGINT", () => say(interrupts.interrupt()));
 */
export function createRunInterrupts(): RunInterrupts {
  const cancel = new AbortController();
  const cutReport = new AbortController();
  let reporting = false;
  let count = 0;
  return {
    cancel: cancel.signal,
    cutReport: cutReport.signal,
    reporting: () => void (reporting = true),
    interrupt() {
      if (++count > 1) return "again";
      (reporting ? cutReport : cancel).abort();
      return reporting ? "report-cut-short" : "cancelled";
    },
    get interrupted() {
      return count > 0;
    },
    get reportingStarted() {
      return reporting;
    },
  };
}
