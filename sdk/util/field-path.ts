/**
 * Field paths as changes are journaled: `spec.http[0].route[1].weight`, and keys that are not
 * plain identifiers quoted: `metadata.annotations["nginx.ingress.kubernetes.io/canary-weight"]`.
 */

const PLAIN = /^[A-Za-z_$][\w$-]*$/;

export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (PLAIN.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** The value at a path, or undefined where the path leads nowhere. */
export function valueAt(obj: unknown, path: string): unknown {
  const tokens = path.match(/\[\d+\]|\["(?:[^"\\]|\\.)*"\]|[^.[\]]+/g) ?? [];
  let v: unknown = obj;
  for (const t of tokens) {
    if (v === null || typeof v !== "object") return undefined;
    const key = t.startsWith('["') ? (JSON.parse(t.slice(1, -1)) as string) : t.startsWith("[") ? Number(t.slice(1, -1)) : t;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}
