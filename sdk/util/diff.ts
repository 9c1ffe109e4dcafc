import { childPath } from "./field-path.ts";

/** One field that differs between two versions of an object. */
export interface FieldChange {
  /** Dotted path with indices: "spec.http[0].route[1].weight". */
  field: string;
  before: unknown;
  after: unknown;
}

/** A JSON object: not null, not an array. */
export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Field-level differences between two JSON values, at the deepest level where they differ.
 * Arrays of equal length are compared element by element; otherwise the array is one change.
 * `metadata.resourceVersion`, `metadata.generation`, `metadata.managedFields` and `status` are
 * bookkeeping, not intent, and are ignored.
 */
export function diffObjects(before: unknown, after: unknown, path = ""): FieldChange[] {
  if (path === "status" || path === "metadata.resourceVersion" || path === "metadata.generation" || path === "metadata.managedFields") return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffObjects(before[k], after[k], childPath(path, k)));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => diffObjects(b, after[i], childPath(path, i)));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: path, before, after }];
}

/**
 * Whether two JSON values are equal as JSON: keys in any order (a real API server serves a custom
 * resource with its keys sorted, not as they were written), and a key holding undefined is no key.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
    const [ka, kb] = [keys(a), keys(b)];
    return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
  }
  return a === b;
}
