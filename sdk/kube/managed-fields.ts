import type { KubeObject } from "../ports/kube.ts";
import { childPath } from "../util/field-path.ts";
import { isObject, sameJson } from "../util/diff.ts";

type Obj = Record<string, unknown>;

/**
 * The fields a field manager owns in an object, from its `metadata.managedFields`, as journal field
 * paths (`spec.replicas`, `metadata.annotations["a/b"]`, `spec.http[0]`). FieldsV1 names list items
 * by key (`k:{"name":"app"}`), index (`i:0`) or value (`v:"x"`): each is found in the object to
 * give its index; an item the object no longer holds owns nothing.
 * @example fieldsOwnedBy(deployment, "firebreak") // ["spec.replicas"]
 */
export function fieldsOwnedBy(object: KubeObject, manager: string): string[] {
  const out = new Set<string>();
  const walk = (tree: Obj, value: unknown, path: string) => {
    for (const [seg, child] of Object.entries(tree)) {
      if (seg === ".") {
        out.add(path);
        continue;
      }
      const at = step(seg, value);
      if (at === undefined) continue;
      const next = childPath(path, at);
      if (isObject(child) && Object.keys(child).length) walk(child, (value as Record<string | number, unknown>)[at], next);
      else out.add(next);
    }
  };
  for (const e of entriesOf(object)) if (e.manager === manager && isObject(e.fieldsV1)) walk(e.fieldsV1, object, "");
  return [...out];
}

/** The field managers of an object, in the order its `metadata.managedFields` lists them. */
export function fieldManagers(object: KubeObject): string[] {
  return [...new Set(entriesOf(object).flatMap((e) => (typeof e.manager === "string" ? [e.manager] : [])))];
}

const entriesOf = (object: KubeObject): { manager?: unknown; fieldsV1?: unknown }[] => (Array.isArray(object.metadata.managedFields) ? object.metadata.managedFields : []);

/** The key or index a FieldsV1 segment names in `value`; undefined when the object holds no such item. */
function step(seg: string, value: unknown): string | number | undefined {
  const [kind, rest] = [seg.slice(0, 2), seg.slice(2)];
  if (kind === "f:") return rest;
  if (!Array.isArray(value)) return undefined;
  if (kind === "i:") return Number(rest);
  const wanted: unknown = JSON.parse(rest);
  const i = kind === "k:" ? value.findIndex((item) => isObject(item) && isObject(wanted) && Object.entries(wanted).every(([k, v]) => sameJson(item[k], v))) : value.findIndex((item) => sameJson(item, wanted));
  return i < 0 ? undefined : i;
}
