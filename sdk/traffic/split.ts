import { InvalidSplitError, type FieldIssue } from "../errors.ts";

/** Destination name → percent of traffic. Integers, summing to 100. */
export type Split = Record<string, number>;

/** Checks a split is integers 0–100 summing to 100; throws InvalidSplitError naming each problem. */
export function validateSplit(route: string, split: Split): void {
  const issues: FieldIssue[] = [];
  const entries = Object.entries(split ?? {});
  if (entries.length === 0) issues.push({ path: "(split)", message: "is empty; give at least one destination with weight 100" });
  for (const [dest, w] of entries) {
    if (typeof w !== "number" || !Number.isInteger(w)) issues.push({ path: dest, message: `weight ${JSON.stringify(w)} is not an integer` });
    else if (w < 0 || w > 100) issues.push({ path: dest, message: `weight ${w} is outside 0..100` });
  }
  const sum = entries.reduce((s, [, w]) => s + (typeof w === "number" ? w : 0), 0);
  if (entries.length && sum !== 100) issues.push({ path: "(sum)", message: `weights sum to ${sum}, not 100` });
  if (issues.length) throw new InvalidSplitError(route, issues);
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
