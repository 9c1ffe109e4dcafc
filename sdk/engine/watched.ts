import { asOperation, programWatch } from "./context.ts";

/**
 * One of the program's operations (`step "isolate"`, `gate "release healthy"`,
 * `VirtualService prod/checkout-api.shift()`) failed and nothing of the program was waiting on it.
 */
export type OnUntakenFailure = (operation: string, error: unknown) => void;

/** What a run watches of the operations its program starts. */
export interface ProgramWatch {
  /** The operations started and not settled yet. */
  underway: Set<Underway>;
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
export function leftRunning(watch: ProgramWatch): string[] {
  return [...new Set([...watch.underway].filter((u) => u.step || !u.takenUp()).map((u) => u.operation))];
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
 */
export function watched<T>(watch: ProgramWatch, operation: string, work: Promise<T>, kind: "step" | "operation" = "operation"): Promise<T> {
  const promise = new WatchedPromise<T>((resolve, reject) => void work.then(resolve, reject));
  const entry: Underway = { operation, step: kind === "step", takenUp: () => promise.takenUp };
  watch.underway.add(entry);
  const settled = () => void watch.underway.delete(entry);
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
        const result = asOperation(() => method.apply(handle, args));
        return result instanceof Promise ? watched(watch, `${label}.${name}()`, result) : result;
      },
    });
  }
  return handle;
}
