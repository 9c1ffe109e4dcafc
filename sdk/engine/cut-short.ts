import { CancelledError } from "../errors.ts";

/**
 * `answer`, or a CancelledError ("cut short by an interrupt while it was <doing>") as soon as
 * `signal` aborts: what the run asks once its program is over must not hold the report.
 * @example await unlessAborted(reportSignal, kube.get(ref), "read")
 */
export function unlessAborted<T>(signal: AbortSignal | undefined, answer: Promise<T>, doing: string): Promise<T> {
  if (!signal) return answer;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new CancelledError(`cut short by an interrupt while it was ${doing}`));
    signal.addEventListener("abort", abort, { once: true });
    // handled even when given up: a request failing later must not be an unhandled rejection
    answer.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
    if (signal.aborted) abort();
  });
}
