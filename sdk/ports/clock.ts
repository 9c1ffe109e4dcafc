import { CancelledError } from "../errors.ts";

/**
 * All waiting goes through a Clock, so the same engine code runs on the wall clock against a real
 * cluster and on virtual time against the simulator (a 10-minute canary in well under a second).
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with CancelledError when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The longest delay setTimeout takes (2^31-1 ms, about 24.8 days): Node fires a longer one at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The wall clock. A sleep longer than one timer can wait chains timers until the whole time has passed. */
export function createSystemClock(): Clock {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(new CancelledError());
        let timer: ReturnType<typeof setTimeout>;
        const wait = (left: number) => {
          timer = setTimeout(() => {
            if (left > MAX_TIMER_MS) return wait(left - MAX_TIMER_MS);
            signal?.removeEventListener("abort", onAbort);
            resolve();
          }, Math.min(left, MAX_TIMER_MS));
        };
        const onAbort = () => {
          clearTimeout(timer);
          reject(new CancelledError());
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        wait(ms);
      }),
  };
}

/** A clock whose time only moves when something sleeps on it. */
export interface VirtualClock extends Clock {
  /** Called with (from, to) each time virtual time jumps forward, before sleepers wake. */
  onAdvance(listener: (from: number, to: number) => void): () => void;
  /** Move time forward by `ms` now (the simulator uses it to charge a probe's latency). */
  advance(ms: number): void;
  /**
   * Time does not move while `work` is underway: a request to the simulated cluster takes
   * milliseconds, so a sleep started beside it (a pause while a shift is on the wire) wakes after
   * it answers, as it would in the world. Returns `work`.
   */
  hold<T>(work: Promise<T>): Promise<T>;
}

interface Sleeper {
  due: number;
  seq: number;
  resolve: () => void;
}

/**
 * Virtual time: a sleep registers a wake-up at now + ms; after the current turn of the event loop
 * the clock jumps to the earliest wake-up and resolves it. Sleepers started together wake in due
 * order, so concurrent waits (parallel isolation of several routes) keep their relative timing.
 */
export function createVirtualClock(startMs = Date.UTC(2026, 10, 24, 3, 0, 0)): VirtualClock {
  let now = startMs;
  let seq = 0;
  let scheduled = false;
  let holds = 0;
  const sleepers: Sleeper[] = [];
  const listeners = new Set<(from: number, to: number) => void>();

  const moveTo = (to: number) => {
    if (to <= now) return;
    const from = now;
    now = to;
    for (const l of listeners) l(from, to);
  };

  const wakeNext = () => {
    scheduled = false;
    if (sleepers.length === 0 || holds > 0) return; // the last hold to end schedules it again
    sleepers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    const next = sleepers.shift()!;
    moveTo(next.due);
    next.resolve();
    schedule();
  };

  const schedule = () => {
    if (scheduled || sleepers.length === 0) return;
    scheduled = true;
    setImmediate(wakeNext);
  };

  return {
    now: () => now,
    advance: (ms) => moveTo(now + Math.max(0, ms)),
    hold(work) {
      holds++;
      const release = () => {
        holds--;
        schedule();
      };
      work.then(release, release);
      return work;
    },
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(new CancelledError());
      return new Promise<void>((resolve, reject) => {
        const sleeper: Sleeper = {
          due: now + Math.max(0, ms),
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          const i = sleepers.indexOf(sleeper);
          if (i >= 0) sleepers.splice(i, 1);
          reject(new CancelledError());
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        sleepers.push(sleeper);
        schedule();
      });
    },
  };
}
