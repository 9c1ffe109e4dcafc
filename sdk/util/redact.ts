/** Input names that hold secrets: their values never reach logs, journals or issues. */
const SECRET_NAME = /(token|secret|password|passwd|pwd|credential|api[-_]?key|private[-_]?key|auth|cookie|session|kubeconfig)/i;

export const REDACTED = "[redacted]";

/**
 * A copy of `values` with secrets replaced: fields whose name looks secret, fields listed in
 * `secretKeys` (from the plan's `secrets` option), and any string equal to a known secret value.
 */
export function redactInputs(
  values: Record<string, unknown>,
  secretKeys: readonly string[] = [],
  secretValues: readonly string[] = [],
): Record<string, unknown> {
  const known = secretValues.filter((s) => s.length >= 4);
  const walk = (v: unknown, key: string): unknown => {
    if (SECRET_NAME.test(key) || secretKeys.includes(key)) return REDACTED;
    if (typeof v === "string") return known.reduce((s, secret) => s.split(secret).join(REDACTED), v);
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, walk(v, k)]));
}
