import { InvalidSplitError, type FieldIssue } from "../errors.ts";

/** Destination name → percent of traffic. Integers, summing to 100. */
export type Split = Record<string, number>;

/** Checks a split is integers 0–100 summing to 100; throws InvalidSplitError naming each problem and the split as given. */
export function validateSplit(route: string, split: Split): void {
  const issues: FieldIssue[] = [];
  const entries = Object.entries(split ?? {});
  if (entries.length === 0) issues.push({ path: "(split)", message: "it names no destination" });
  for (const [dest, w] of entries) {
    // String(): JSON.stringify shows NaN and Infinity as null
    if (typeof w !== "number" || !Number.isInteger(w)) issues.push({ path: dest, message: `weight ${typeof w === "number" ? String(w) : JSON.stringify(w)} is not a whole number from 0 to 100` });
    else if (w < 0 || w > 100) issues.push({ path: dest, message: `weight ${w} is outside 0..100` });
  }
  // summed only when every weight is a number: with "100" (a string) among them, "sum to 0" misleads
  const weights = entries.map(([, w]) => w);
  if (weights.length && weights.every((w) => typeof w === "number" && Number.isFinite(w))) {
    const sum = weights.reduce((s, w) => s + w, 0);
    if (sum !== 100) issues.push({ path: "(sum)", message: `weights sum to ${sum}, not 100` });
  }
  if (issues.length) throw new InvalidSplitError(route, issues, formatSplit(split ?? {}));
}

/** "stable=100, release=0" */
export function formatSplit(split: Split): string {
  return Object.entries(split)
    .map(([d, w]) => `${d}=${w}`)
    .join(", ");
}

/** True when both name the same weights (destinations missing from one count as 0). */
export function sameSplit(a: Split, b: Split): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

/**
 * Relative weights (Gateway API, SMI: "not a percentage") as whole percentages summing to 100,
 * by largest remainder. All-zero weights read as all zero. A destination with any weight reads at
 * least 1% (999 and 1 read 99 and 1): a route still sending a trickle to the release must not read
 * as isolated from it, nor verify as such.
 */
export function toPercentages(weights: Record<string, number>): Split {
  const names = Object.keys(weights);
  const total = names.reduce((s, n) => s + weights[n]!, 0);
  if (total <= 0) return Object.fromEntries(names.map((n) => [n, 0]));
  const raw = names.map((n) => (100 * weights[n]!) / total);
  const floors = raw.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  for (const [, i] of raw.map((r, i) => [r - floors[i]!, i] as const).sort((a, b) => b[0] - a[0])) {
    if (left-- <= 0) break;
    floors[i]!++;
  }
  for (const [i, n] of names.entries()) {
    if (weights[n]! <= 0 || floors[i]! > 0) continue;
    floors[floors.indexOf(Math.max(...floors))]!--;
    floors[i] = 1;
  }
  return Object.fromEntries(names.map((n, i) => [n, floors[i]!]));
}
