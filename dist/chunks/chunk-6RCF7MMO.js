import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  InvalidPlanError
} from "./chunk-O5XZOHUO.js";

// sdk/util/duration.ts
var UNIT_MS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5, y: 31536e6 }, WRITE_IT = 'write it like "250ms", "30s", "5m" or "1m30s"';
function toMs(d, what = "duration") {
  if (typeof d == "number") {
    if (!Number.isFinite(d) || d < 0) throw new InvalidPlanError(`${what}: ${d} is not a duration; use milliseconds >= 0 or a string like "30s"`);
    return d;
  }
  if (typeof d != "string") throw new InvalidPlanError(`${what}: ${String(d)} is not a duration; ${WRITE_IT}, or as milliseconds`);
  let text = d.trim(), parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join("") !== text)
    throw new InvalidPlanError(`${what}: "${d}" is not a duration; ${WRITE_IT}`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
}
var MAX_REQUEST_TIMEOUT = "1h";
function requestTimeoutMs(given) {
  try {
    let ms = toMs(given);
    return ms > 0 && ms <= toMs(MAX_REQUEST_TIMEOUT) ? ms : void 0;
  } catch {
    return;
  }
}
function formatMs(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  let tenths = Math.round(ms / 100) / 10;
  if (tenths < 60) return `${tenths}s`;
  let total = Math.round(ms / 1e3), [h, m, s] = [Math.floor(total / 3600), Math.floor(total % 3600 / 60), total % 60];
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}`;
}
function promRangeMs(text) {
  if (!(!/^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/.test(text) || !text))
    return [...text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)].reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
}

export {
  toMs,
  MAX_REQUEST_TIMEOUT,
  requestTimeoutMs,
  formatMs,
  promRangeMs
};
