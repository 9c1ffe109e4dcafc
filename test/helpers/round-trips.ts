import type { KubePort } from "../../sdk/ports/kube.ts";

/**
 * Counts how many round trips deep some work is against `kube`: calls are held at a gate and let
 * through a wave at a time, each wave once the one before has been answered. Calls that go out
 * together (concurrently) are one wave; a call that needs an earlier answer is the next.
 *
 * @example
 * const { port, depthOf } = roundTrips(fake.kube);
 * const { depth } = await depthOf(() => runPlan(p, { ...options, kube: port }));
 */
export function roundTrips(kube: KubePort) {
  let held: (() => void)[] = [];
  let answers: Promise<unknown>[] = [];
  const gate = <T>(call: () => Promise<T>): Promise<T> => {
    const answer = new Promise<void>((release) => held.push(release)).then(call);
    answers.push(answer.catch(() => {}));
    return answer;
  };
  const port: KubePort = {
    ...kube,
    get: (ref) => gate(() => kube.get(ref)),
    list: (options) => gate(() => kube.list(options)),
    patch: (ref, patch, options) => gate(() => kube.patch(ref, patch, options)),
  };
  /** Runs `work` through the gate; `depth` is the number of waves it took. */
  async function depthOf<T>(work: () => Promise<T>): Promise<{ result: T; depth: number }> {
    let done = false;
    const result = work().finally(() => (done = true));
    let depth = 0;
    // bounded: a wave per turn at most, and no work here is a thousand round trips deep
    for (let turn = 0; turn < 1000 && !done; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!held.length) continue;
      depth++;
      const [wave, waiting] = [held, answers];
      [held, answers] = [[], []];
      wave.forEach((release) => release());
      await Promise.all(waiting);
    }
    return { result: await result, depth };
  }
  return { port, depthOf };
}
