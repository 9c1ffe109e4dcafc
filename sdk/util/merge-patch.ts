/** JSON merge patch (RFC 7386): what the engine sends, and how preview predicts the result. */
export function applyMergePatch<T>(target: T, patch: unknown): T {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return structuredClone(patch) as T;
  const base: Record<string, unknown> =
    target !== null && typeof target === "object" && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete base[key];
    else base[key] = applyMergePatch(base[key], value);
  }
  return base as T;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The merge patch that turns `current` into `target`: keys missing from target become null,
 * arrays and scalars are replaced whole. (Used where a field must be replaced exactly, such as a
 * Deployment's pod template on rollback.)
 */
export function mergePatchFrom(current: unknown, target: unknown): unknown {
  if (!isPlainObject(current) || !isPlainObject(target)) return structuredClone(target);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(current)) if (!(key in target)) patch[key] = null;
  for (const [key, value] of Object.entries(target)) {
    if (JSON.stringify(current[key]) === JSON.stringify(value)) continue;
    patch[key] = mergePatchFrom(current[key], value);
  }
  return patch;
}
