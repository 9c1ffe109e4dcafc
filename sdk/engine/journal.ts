import type { JournalEvent, JournalObjectRef, JournalSink } from "../journal/events.ts";
import type { Clock } from "../ports/clock.ts";
import type { ObjectRef } from "../ports/kube.ts";
import { redactChange } from "../util/redact.ts";
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
    const full = this.scrub ? this.scrub.event(stamped) : stamped;
    // Closed at plan-finished: a branch of the program the run gave up on (its read answered late)
    // adds nothing after the run's last word, here or on disk, nor to what listeners print.
    if (this.over) return full;
    this.sink?.append(full);
    this.events.push(full);
    for (const l of this.listeners) l(full);
    return full;
  }

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
