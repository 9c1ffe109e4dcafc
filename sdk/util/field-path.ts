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

/** A path's keys and indices, in order. */
function keysOf(path: string): (string | number)[] {
  const tokens = path.match(/\[\d+\]|\["(?:[^"\\]|\\.)*"\]|[^.[\]]+/g) ?? [];
  return tokens.map((t) => (t.startsWith('["') ? (JSON.parse(t.slice(1, -1)) as string) : t.startsWith("[") ? Number(t.slice(1, -1)) : t));
}

/** Whether one path is the other or a field inside it: a write to either touches both. */
export const overlaps = (a: string, b: string): boolean => {
  const inside = (path: string, outer: string) => path === outer || path.startsWith(`${outer}.`) || path.startsWith(`${outer}[`);
  return inside(a, b) || inside(b, a);
};

/** The value at a path, or undefined where the path leads nowhere. */
export function valueAt(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const key of keysOf(path)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/**
 * Sets an own property even for keys like "__proto__": JSON can carry any key, and a plain
 * assignment of that one would change the object's prototype instead of adding a field.
 */
export function setField(obj: object, key: string | number, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A copy of `obj` holding `value` at `path`, objects made on the way where it leads nowhere yet.
 * @example withValueAt(deployment, "spec.replicas", 10)
 */
export function withValueAt<T>(obj: T, path: string, value: unknown): T {
  const copy = structuredClone(obj);
  const keys = keysOf(path);
  let node = copy as Record<string | number, unknown>;
  for (const key of keys.slice(0, -1)) {
    if (!Object.hasOwn(node, key) || node[key] === null || typeof node[key] !== "object") setField(node, key, {});
    node = node[key] as Record<string | number, unknown>;
  }
  setField(node, keys.at(-1)!, structuredClone(value));
  return copy;
}
