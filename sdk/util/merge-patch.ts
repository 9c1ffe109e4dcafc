import { isObject } from "./diff.ts";
import { setField } from "./field-path.ts";

/**
 * JSON merge patch (RFC 7386): what the engine sends, and how preview predicts the result. A value
 * placed where there was none to merge into loses its null fields, at any depth and inside lists,
 * as kube-apiserver's merge patch (evanphx/json-patch) prunes them: the object read back has no
 * such keys.
 */
export function applyMergePatch<T>(target: T, patch: unknown): T {
  const into = target !== null && typeof target === "object" && !Array.isArray(target) ? target : undefined;
  if (patch === null || typeof patch !== "object" || Array.isArray(patch) || !into) return withoutNulls(structuredClone(patch)) as T;
  const base: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(into)) setField(base, key, value);
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete base[key];
    else setField(base, key, applyMergePatch(Object.hasOwn(base, key) ? base[key] : undefined, value));
  }
  return base as T;
}

/** `v` without the null fields of its objects, at any depth (a list keeps its null items). */
export function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) if (value !== null) setField(out, key, withoutNulls(value));
  return out;
}

/**
 * The merge patch that turns `current` into `target`: keys missing from target become null,
 * arrays and scalars are replaced whole. (Used where a field must be replaced exactly, such as a
 * Deployment's pod template on rollback.)
 */
export function mergePatchFrom(current: unknown, target: unknown): unknown {
  if (!isObject(current) || !isObject(target)) return structuredClone(target);
  const patch: Record<string, unknown> = {};
  const own = (o: Record<string, unknown>, key: string) => (Object.hasOwn(o, key) ? o[key] : undefined);
  for (const key of Object.keys(current)) if (!Object.hasOwn(target, key)) setField(patch, key, null);
  for (const [key, value] of Object.entries(target)) {
    if (JSON.stringify(own(current, key)) === JSON.stringify(value)) continue;
    setField(patch, key, mergePatchFrom(own(current, key), value));
  }
  return patch;
}

/**
 * The parts of `value` at the fields `shape` has (objects followed key by key; an array or scalar
 * of `shape` takes `value`'s whole): as a merge patch, what a server-side apply of `shape` sets,
 * with the values the server answered (its defaults filled in).
 * @example fieldsOf({ spec: { replicas: 3, paused: false } }, { spec: { replicas: 3 } }) // { spec: { replicas: 3 } }
 */
export function fieldsOf(value: unknown, shape: unknown): unknown {
  if (!isObject(value) || !isObject(shape)) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) if (Object.hasOwn(value, key)) setField(out, key, fieldsOf(value[key], shape[key]));
  return out;
}
