import { CancelledError, InvalidPlanError } from "../errors.ts";
import { asOperation, lateCall, programWatch } from "./context.ts";
import type { Journal } from "./journal.ts";

/**
 * One of the program's operations (`step "isolate"`, `gate "release healthy"`,
 * `VirtualService prod/checkout-api.shift()`) failed and nothing of the program was waiting on it.
 */
export type OnUntakenFailure = (operation: string, error: unknown) => void;

/** What a run watches of the operations its program starts. */
export interface ProgramWatch {
  /** The operations started and not settled yet. */
  underway: Set<Underway>;
  /**
   * Operations that wait in a run (a gate, a check, a pause) and settled before the program took
   * them up: in a preview, where they do not wait, they are what a run would find still running.
   */
  settledWaits: Set<Underway>;
  onUntakenFailure: OnUntakenFailure;
}

interface Underway {
  operation: string;
  /** A step: it runs the program's own code, awaited or not. */
  step: boolean;
  takenUp(): boolean;
}

/**
 * What the program left running when it returned: its steps still underway (a step whose promise
 * it only chained, e.g. with `.catch`, still runs), and the operations it never took up. Those
 * inside a step are awaited by the step: it is the step that was left.
 */
function leftRunning(watch: ProgramWatch, preview: boolean): string[] {
  const left = [...watch.underway].filter((u) => u.step || !u.takenUp());
  if (preview) left.push(...[...watch.settledWaits].filter((u) => !u.takenUp()));
  return [...new Set(left.map((u) => u.operation))];
}

/**
 * A program returned while these operations ran (`step "canary"`, `VirtualService prod/checkout-api.shift()`):
 * it did not await them, and they would change the cluster after the run ended.
 */
function unawaitedError(operations: string[]): InvalidPlanError {
  const many = operations.length > 1;
  return new InvalidPlanError(
    `${operations.join(", ")} ${many ? "were" : "was"} still running when the plan's program returned: await ${many ? "them" : "it"} ` +
      `(await run.step(...), or await Promise.all([...]) of what runs together). What is not awaited would go on changing the cluster after the run ends; the run stopped it.`,
  );
}

/** The runner's side of the watch over one run's program (see {@link watchProgram}). */
export interface WatchedProgram {
  watch: ProgramWatch;
  /** Rejects with the first operation that failed untaken while the program ran: the run stops there. */
  failed: Promise<never>;
  /** Once the program has returned: throws an operation's untaken failure, or the operations it left running. */
  returned(): Promise<void>;
  /** The program is over (returned or failed): later failures are the run's stopping, not the program's. */
  over(): void;
}

/**
 * Watches a run's program. An operation (a step, a gate, a shift) that fails with nothing of the
 * program waiting on it stops the run where it failed, as if the program had awaited it, rather
 * than let the program go on (or the process crash); the journal gets an action item to await it.
 * One cut short by a cancel is the cancel's doing: the program meets the cancel itself.
 */
export function watchProgram(journal: Journal, preview = false): WatchedProgram {
  let over = false;
  let untaken: { error: unknown } | undefined;
  let failAside: (err: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => (failAside = reject));
  const watch: ProgramWatch = {
    underway: new Set(),
    settledWaits: new Set(),
    onUntakenFailure: (operation, err) => {
      if (over || untaken || err instanceof CancelledError) return;
      untaken = { error: err };
      journal.emit({
        type: "recommendation",
        text: `Await ${operation} in the plan (await it, or await Promise.all([...]) of what runs together)`,
        reason: "it failed while the program was not awaiting it; the run stopped at that failure instead of letting the program go on",
      });
      failAside(err);
    },
  };
  return {
    watch,
    failed,
    async returned() {
      // an operation that failed, untaken, as the program returned is judged a tick after its failure
      await new Promise((judged) => process.nextTick(judged));
      if (untaken) throw untaken.error;
      over = true;
      const left = leftRunning(watch, preview);
      if (left.length) throw unawaitedError(left);
    },
    over: () => void (over = true),
  };
}

/**
 * A promise that knows whether the program took it up: awaiting it, chaining it or passing it to
 * Promise.all each call `then`. Promises it derives are plain ones.
 */
class WatchedPromise<T> extends Promise<T> {
  static override get [Symbol.species]() {
    return Promise;
  }
  takenUp = false;
  override then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    this.takenUp = true;
    return super.then(onFulfilled, onRejected);
  }
}

/**
 * What the program gets for one of its operations: underway until it settles, and with its
 * failure handled, so one the program never takes up does not crash the process as an unhandled
 * rejection but goes to `onUntakenFailure`. Judged once the microtasks its failure queued have run,
 * when Node would call it unhandled (an await that comes later is too late for Node too).
 * `kind`: "step" runs the program's own code; "wait" waits in a run but not in a preview (a gate,
 * a check, a pause), so a preview judges one the program left untaken as a run would find it.
 */
export function watched<T>(watch: ProgramWatch, operation: string, work: Promise<T>, kind: "step" | "operation" | "wait" = "operation"): Promise<T> {
  const promise = new WatchedPromise<T>((resolve, reject) => void work.then(resolve, reject));
  const entry: Underway = { operation, step: kind === "step", takenUp: () => promise.takenUp };
  watch.underway.add(entry);
  const settled = () => {
    watch.underway.delete(entry);
    if (kind === "wait") watch.settledWaits.add(entry);
  };
  Promise.prototype.then.call(promise, settled, (err: unknown) => {
    settled();
    process.nextTick(() => promise.takenUp || watch.onUntakenFailure(operation, err));
  });
  return promise;
}

/**
 * A handle as plans get it: a method the program calls in a run that returns a promise returns a
 * watched one. A call the program forgot to await (`run.step("isolate", () => { vs.shift(…) })`:
 * braces and no return) that fails then stops the run instead of crashing the process, and one still
 * running when the program returns fails the run. Calls the SDK makes itself are not watched. The
 * handle is changed in place, so its own code sees the same object.
 *
 * @example return watchedHandle({ label, async apply() { … } }, label);
 */
export function watchedHandle<H extends object>(handle: H, label: string): H {
  for (const [name, property] of Object.entries(Object.getOwnPropertyDescriptors(handle))) {
    const method = property.value;
    if (typeof method !== "function") continue;
    Object.defineProperty(handle, name, {
      ...property,
      value(...args: unknown[]) {
        const watch = programWatch();
        if (!watch) return method.apply(handle, args);
        const operation = `${label}.${name}()`;
        const late = lateCall(operation);
        if (late) return watched(watch, operation, Promise.reject(late));
        const result = asOperation(() => method.apply(handle, args));
        return result instanceof Promise ? watched(watch, operation, result) : result;
      },
    });
  }
  return handle;
}
