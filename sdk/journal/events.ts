/**
 * The journal: typed events, one JSON object per line, appended while a plan runs. It is the single
 * source of truth for the CLI's report, the action's job summary and the postmortem; each of those
 * is a pure function of these events.
 */

export type RunMode = "preview" | "run";

/**
 * How a run ended.
 * - succeeded: the program returned.
 * - failed-safe: it failed, and the declared safe state was restored and verified.
 * - failed-unsafe: it failed and the safe state could not be restored: `unsafe` says what is left where.
 * - cancelled: SIGINT/SIGTERM or an abort; the safe state was restored (or `unsafe` says what is left).
 */
export type RunStatus = "succeeded" | "failed-safe" | "failed-unsafe" | "cancelled";

/** Verdict phases, as in Argo Rollouts' analysis: a gate passes only on evidence. */
export type GatePhase = "passed" | "failed" | "inconclusive" | "error";

export interface JournalObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  context?: string;
}

/** One measurement behind a verdict. */
export interface Evidence {
  /** ms since epoch, when it was measured. */
  at: number;
  /** What was measured: "success-rate", "latency-p99", "probe-latency", "pods-ready", … */
  indicator: string;
  /** Which version/subset/pod it is about. */
  subject?: string;
  /** The PromQL or the probe URL, when there is one. */
  query?: string;
  /** The window the value covers, e.g. "1m". */
  window?: string;
  /** null when there was no data (empty vector, NaN): never a pass. */
  value: number | null;
  unit?: string;
  /** Human form of the bound, e.g. ">= 0.99" or "< 300ms". */
  threshold?: string;
  /** Requests (or probes) the value is based on, when known. */
  samples?: number;
  phase: GatePhase;
  reason?: string;
}

interface Base {
  /** ms since epoch on the run's clock (virtual in the simulator). */
  at: number;
  /** The step this happened in, when inside one. */
  stepId?: number;
}

export type JournalEvent =
  | (Base & {
      type: "plan-started";
      runId: string;
      plan: { name: string; description?: string; file?: string };
      mode: RunMode;
      /** Inputs after validation, secrets redacted. */
      inputs: Record<string, unknown>;
      target: { kind: "sim" | "cluster"; scenario?: string; detail?: string };
      sdkVersion: string;
    })
  | (Base & {
      type: "step-started";
      stepId: number;
      name: string;
      parentId?: number;
      /**
       * Set on the step the engine itself runs once the plan failed or was cancelled, to put the
       * declared safe states back: not one of the plan's steps. Its outcome is failed when a safe
       * state could not be restored (see the safe-state-restore events in it), not the plan's error.
       */
      restore?: true;
    })
  | (Base & {
      type: "step-finished";
      stepId: number;
      name: string;
      /** cancelled: cut short by a cancel (a CancelledError), not failed by its own doing. */
      outcome: "succeeded" | "failed" | "cancelled";
      durationMs: number;
      error?: { name: string; message: string };
    })
  | (Base & {
      type: "change";
      object: JournalObjectRef;
      /** Dotted path with indices, e.g. "spec.http[0].route[1].weight". */
      field: string;
      before: unknown;
      after: unknown;
      /** false in preview: recorded, not written. */
      applied: boolean;
      /** Why, in words: "shift traffic", "scale", "roll back to revision 3", "restore safe state". */
      action: string;
      /** When before or after is redacted: a keyed hash of each value as it was, to tell whether the run left the field changed. */
      digests?: { before: string; after: string };
    })
  | (Base & {
      type: "traffic";
      route: JournalObjectRef;
      /**
       * The split read back after a verified write (or intended, in preview); or, read again later
       * (before a gate round, at the end of the run), the split found there: see `drift`.
       */
      split: Record<string, number>;
      verified: boolean;
      /**
       * Set when the route, read again, no longer holds the split the run last wrote (something
       * else changed it since): that split. `split` is then what was found: empty if the object is
       * gone, or if the part of it the run shifted is (`unreadable` says which).
       */
      drift?: { written: Record<string, number>; unreadable?: string };
      /** Set when a step of the run itself rewrote or deleted the route since its last shift: what it did and, if deleted, where traffic goes. */
      changedBy?: string;
      /** Set on the split as the run first read the route, before it wrote anything there: where traffic started. */
      initial?: true;
    })
  | (Base & {
      type: "gate";
      name: string;
      /** gate kind, e.g. "success-rate", "warmup", "pods-ready", "all". */
      kind: string;
      description: string;
      phase: GatePhase;
      reason: string;
      /** true for run.gate (a failure fails the plan), false for run.check (the program branches). */
      enforced: boolean;
      /** true when the run was cancelled before the gate reached a verdict (phase is then inconclusive). */
      cancelled?: boolean;
      startedAt: number;
      evidence: Evidence[];
    })
  | (Base & {
      type: "note";
      text: string;
      /** Preview only: the run would stop at this point, for the reason the text gives (helm missing, or refusing). */
      stops?: true;
    })
  | (Base & {
      type: "pause";
      /** How long the program asked to pause. */
      durationMs: number;
      reason?: string;
      /**
       * Set on a second event of the same pause, journaled when a cancel cut it short (the first
       * was journaled as it began): how long it had paused, and when it began (the first one's `at`).
       */
      cancelled?: { afterMs: number; startedAt: number };
    })
  | (Base & { type: "wait"; object: JournalObjectRef; what: string; durationMs: number; outcome: "done" | "timeout" | "failed" | "skipped" })
  | (Base & { type: "safe-state-declared"; description: string; route: JournalObjectRef; split: Record<string, number> })
  | (Base & {
      type: "safe-state-restore";
      description: string;
      outcome: "restored" | "failed";
      detail?: string;
    })
  | (Base & { type: "recommendation"; text: string; reason: string })
  | (Base & {
      type: "impact";
      /** The window over which user impact was measured: the plan's run, or the shortest window that holds it. */
      from: number;
      to: number;
      /** How much of the window lies before the plan started, when the run was shorter than the shortest window. */
      beforePlanMs?: number;
      /** Requests served and failed during the window (5xx), summed over the plan's services. */
      requests: number | null;
      failed: number | null;
      /** Error rate over time, for the chart. */
      series: { at: number; errorRate: number | null; requests: number | null }[];
      /**
       * Requests and their error rate at the end of the run, from `from` to `to`: its last chart
       * step, starting no earlier than its last traffic change (see lastTrafficChange) unless that
       * leaves too little for a rate. Absent from journals written before it was measured.
       */
      end?: { from: number; requests: number; errorRate: number | null };
      query: string;
      /** Why it is missing, when requests is null. */
      reason?: string;
    })
  /** The run's last event: nothing is journaled after it, even by a branch of the program that is answered late. */
  | (Base & {
      type: "plan-finished";
      status: RunStatus;
      durationMs: number;
      error?: { name: string; message: string };
      /** What is left where, when status is failed-unsafe (or cancelled without restore). */
      unsafe?: string[];
    });

export type JournalEventType = JournalEvent["type"];

/** Every event type this version writes: a journal with any other was written by another version. */
export const JOURNAL_EVENT_TYPES: ReadonlySet<string> = new Set(
  Object.keys({
    "plan-started": true, "step-started": true, "step-finished": true, change: true, traffic: true, gate: true, note: true,
    pause: true, wait: true, "safe-state-declared": true, "safe-state-restore": true, recommendation: true, impact: true, "plan-finished": true,
  } satisfies Record<JournalEventType, true>),
);

/** Where events go. Implementations must persist each event before `append` returns. */
export interface JournalSink {
  append(event: JournalEvent): void;
  close(): void;
}
