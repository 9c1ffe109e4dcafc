import type { JournalEvent, JournalObjectRef, JournalSink } from "../journal/events.ts";
import type { Clock } from "../ports/clock.ts";
import type { ObjectRef } from "../ports/kube.ts";
import { redactChange } from "../util/redact.ts";
import { sameJson } from "../util/diff.ts";
import type { Scrubber } from "../util/scrub.ts";
import { currentStepId } from "./context.ts";

/** An object as events name it: without the empty namespace or context a ref may carry. */
export const journalRef = ({ apiVersion, kind, namespace, name, context }: ObjectRef): JournalObjectRef => ({
  apiVersion, kind, name, ...(namespace ? { namespace } : {}), ...(context ? { context } : {}),
});

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as the engine emits it: time and step are filled in. */
export type NewEvent = DistributiveOmit<JournalEvent, "at" | "stepId"> & { stepId?: number };

/**
 * The run's journal: stamps each event with the clock and the current step, persists it through
 * the sink, keeps it in memory for the report, and tells listeners (the CLI's live progress).
 * Secrets are taken out here, before any of them sees an event: a change's secret-looking values,
 * and known secret values anywhere. They never reach the file, the postmortem or the logs.
 */
export class Journal {
  readonly events: JournalEvent[] = [];
  private listeners = new Set<(e: JournalEvent) => void>();
  private over = false;

  constructor(
    private sink: JournalSink | undefined,
    private clock: Clock,
    /** Takes known secret values (the plan's secret inputs, the caller's tokens) out of every event. */
    private scrub?: Scrubber,
  ) {}

  emit(event: NewEvent): JournalEvent {
    const stepId = event.stepId ?? currentStepId();
    const stamped = { at: this.clock.now(), ...(event.type === "change" ? redactChange(event) : event), ...(stepId !== undefined ? { stepId } : {}) } as JournalEvent;
    const scrubbed = this.scrub ? this.scrub.event(stamped) : stamped;
    const full = event.type === "change" && scrubbed.type === "change" && !scrubbed.digests ? { ...scrubbed, ...this.digests(event, scrubbed) } : scrubbed;
    // Closed at plan-finished: a branch of the program the run gave up on (its read answered late)
    // adds nothing after the run's last word, here or on disk, nor to what listeners print.
    if (this.over) return full;
    this.sink?.append(full);
    this.events.push(full);
    for (const l of this.listeners) l(full);
    return full;
  }

  /**
   * For a change whose values are shown hidden (`shown`: "[redacted]" → "[redacted]"), what still
   * says whether the run left the field changed (netChanges): each `raw` value's keyed hash, under
   * a key this journal made and keeps nowhere, so a hash cannot be checked against guesses.
   */
  digests(raw: { before: unknown; after: unknown }, shown: { before: unknown; after: unknown }): { digests?: { before: string; after: string } } {
    if (sameJson(raw.before, shown.before) && sameJson(raw.after, shown.after)) return {};
    // node:crypto only here, when something was hidden: loading it costs the action's cold start 4 ms
    const crypto = process.getBuiltinModule("node:crypto");
    this.digestKey ??= crypto.randomBytes(32);
    const digest = (v: unknown) => crypto.createHmac("sha256", this.digestKey!).update(JSON.stringify(v) ?? "undefined").digest("base64url").slice(0, 22);
    return { digests: { before: digest(raw.before), after: digest(raw.after) } };
  }
  private digestKey: Buffer | undefined;

  onEvent(listener: (e: JournalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True once closed at plan-finished: the run has said its last word. */
  get closed(): boolean {
    return this.over;
  }

  close(): void {
    this.over = true;
    this.sink?.close();
  }
}

/**
 * Preview only: notes that the run would stop at this point, and why (`reason`: what it would stop
 * with). The preview goes on past it, to show the rest of the plan.
 * @example foreseeStop(ctx.journal, new HelmNotInstalledError("rollback").message);
 */
export const foreseeStop = (journal: Journal, reason: string) => journal.emit({ type: "note", text: `the run would stop here: ${reason}`, stops: true });
