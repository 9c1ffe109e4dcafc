import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  InvalidSplitError
} from "./chunk-O5XZOHUO.js";

// sdk/traffic/split.ts
function validateSplit(route, split) {
  let issues = [], entries = Object.entries(split ?? {});
  entries.length === 0 && issues.push({ path: "(split)", message: "it names no destination" });
  for (let [dest, w] of entries)
    typeof w != "number" || !Number.isInteger(w) ? issues.push({ path: dest, message: `weight ${typeof w == "number" ? String(w) : JSON.stringify(w)} is not a whole number from 0 to 100` }) : (w < 0 || w > 100) && issues.push({ path: dest, message: `weight ${w} is outside 0..100` });
  let weights = entries.map(([, w]) => w);
  if (weights.length && weights.every((w) => typeof w == "number" && Number.isFinite(w))) {
    let sum = weights.reduce((s, w) => s + w, 0);
    sum !== 100 && issues.push({ path: "(sum)", message: `weights sum to ${sum}, not 100` });
  }
  if (issues.length) throw new InvalidSplitError(route, issues, formatSplit(split ?? {}));
}
function formatSplit(split) {
  return Object.entries(split).map(([d, w]) => `${d}=${w}`).join(", ");
}
function sameSplit(a, b) {
  return [.../* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}
function toPercentages(weights) {
  let names = Object.keys(weights), total = names.reduce((s, n) => s + weights[n], 0);
  if (total <= 0) return Object.fromEntries(names.map((n) => [n, 0]));
  let raw = names.map((n) => 100 * weights[n] / total), floors = raw.map(Math.floor), left = 100 - floors.reduce((a, b) => a + b, 0);
  for (let [, i] of raw.map((r, i2) => [r - floors[i2], i2]).sort((a, b) => b[0] - a[0])) {
    if (left-- <= 0) break;
    floors[i]++;
  }
  for (let [i, n] of names.entries())
    weights[n] <= 0 || floors[i] > 0 || (floors[floors.indexOf(Math.max(...floors))]--, floors[i] = 1);
  return Object.fromEntries(names.map((n, i) => [n, floors[i]]));
}

export {
  validateSplit,
  formatSplit,
  sameSplit,
  toPercentages
};
