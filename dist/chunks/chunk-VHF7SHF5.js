import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  CancelledError
} from "./chunk-CGM6U6GF.js";

// sdk/ports/clock.ts
function createSystemClock() {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      let timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort), resolve();
      }, ms), onAbort = () => {
        clearTimeout(timer), reject(new CancelledError());
      };
      signal?.addEventListener("abort", onAbort, { once: !0 });
    })
  };
}
function createVirtualClock(startMs = Date.UTC(2026, 10, 24, 3, 0, 0)) {
  let now = startMs, seq = 0, scheduled = !1, sleepers = [], listeners = /* @__PURE__ */ new Set(), moveTo = (to) => {
    if (to <= now) return;
    let from = now;
    now = to;
    for (let l of listeners) l(from, to);
  }, wakeNext = () => {
    if (scheduled = !1, sleepers.length === 0) return;
    sleepers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    let next = sleepers.shift();
    moveTo(next.due), next.resolve(), schedule();
  }, schedule = () => {
    scheduled || sleepers.length === 0 || (scheduled = !0, setImmediate(wakeNext));
  };
  return {
    now: () => now,
    advance: (ms) => moveTo(now + Math.max(0, ms)),
    onAdvance(listener) {
      return listeners.add(listener), () => listeners.delete(listener);
    },
    sleep(ms, signal) {
      return signal?.aborted ? Promise.reject(new CancelledError()) : new Promise((resolve, reject) => {
        let sleeper = {
          due: now + Math.max(0, ms),
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener("abort", onAbort), resolve();
          }
        }, onAbort = () => {
          let i = sleepers.indexOf(sleeper);
          i >= 0 && sleepers.splice(i, 1), reject(new CancelledError());
        };
        signal?.addEventListener("abort", onAbort, { once: !0 }), sleepers.push(sleeper), schedule();
      });
    }
  };
}

export {
  createSystemClock,
  createVirtualClock
};
