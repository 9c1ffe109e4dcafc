import type { KubeObject } from "../../ports/kube.ts";
import type { ListTypeAt } from "./list-types.ts";
import { isObject, stableJson } from "./json.ts";
import { ApiError } from "./status.ts";

/**
 * Field ownership (`metadata.managedFields`, FieldsV1) and server-side apply, after
 * structured-merge-diff: every write records which manager set which fields; an apply that would
 * change a field another manager owns is a 409 conflict unless forced; fields a manager stops
 * applying are removed unless someone else owns them.
 */

type Obj = Record<string, unknown>;

/** A managedFields entry as the API server writes it. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time: string;
  fieldsType: "FieldsV1";
  fieldsV1: Obj;
  subresource?: string;
}

/** Which part of the object a write may touch: all of it (no status subresource), all but status, or only status. */
export type WriteScope = "all" | "main" | "status";

/** A field path as FieldsV1 segments (`f:spec`, `k:{"name":"app"}`, `v:"x"`, `.`), JSON-encoded to be a Set member. */
type PathKey = string;

/** Metadata the server owns: never part of anyone's field set. */
const SERVER_METADATA = new Set(["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"]);

/** Every owned leaf of an object with its value (stable JSON), keyed by FieldsV1 path. */
function leaves(obj: Obj, listTypeAt: ListTypeAt, scope: WriteScope): Map<PathKey, string> {
  const out = new Map<PathKey, string>();
  const walk = (v: unknown, segs: string[], names: string[]) => {
    if (isObject(v) && Object.keys(v).length) {
      for (const [k, x] of Object.entries(v)) walk(x, [...segs, `f:${k}`], [...names, k]);
      return;
    }
    if (Array.isArray(v) && v.length) {
      const lt = listTypeAt(names);
      if (lt.type === "set") {
        for (const x of v) out.set(JSON.stringify([...segs, `v:${stableJson(x)}`]), "");
        return;
      }
      if (lt.type === "map" && v.every(isObject)) {
        for (const el of v as Obj[]) {
          const key = `k:${stableJson(Object.fromEntries(lt.keys.filter((k) => el[k] !== undefined).map((k) => [k, el[k]])))}`;
          out.set(JSON.stringify([...segs, key, "."]), "");
          for (const [f, x] of Object.entries(el)) walk(x, [...segs, key, `f:${f}`], [...names, f]);
        }
        return;
      }
    }
    out.set(JSON.stringify(segs), stableJson(v));
  };
  for (const [k, v] of Object.entries(obj)) {
    if (k === "apiVersion" || k === "kind") continue;
    if ((scope === "main" && k === "status") || (scope === "status" && k !== "status")) continue;
    if (k === "metadata" && isObject(v)) {
      for (const [mk, mv] of Object.entries(v)) if (!SERVER_METADATA.has(mk)) walk(mv, ["f:metadata", `f:${mk}`], ["metadata", mk]);
      continue;
    }
    walk(v, [`f:${k}`], [k]);
  }
  return out;
}

function toFieldsV1(paths: Iterable<PathKey>): Obj {
  const root: Obj = {};
  for (const p of paths) {
    let node = root;
    for (const seg of JSON.parse(p) as string[]) node = (node[seg] ??= {}) as Obj;
  }
  return root;
}

function fromFieldsV1(tree: unknown): Set<PathKey> {
  const out = new Set<PathKey>();
  const walk = (node: Obj, prefix: string[]) => {
    for (const [seg, child] of Object.entries(node)) {
      if (seg === "." || !isObject(child) || !Object.keys(child).length) out.add(JSON.stringify([...prefix, seg]));
      else walk(child, [...prefix, seg]);
    }
  };
  if (isObject(tree)) walk(tree, []);
  return out;
}

interface Owner {
  entry: ManagedFieldsEntry;
  set: Set<PathKey>;
}

function owners(obj: KubeObject | undefined): Owner[] {
  const list = obj?.metadata.managedFields;
  if (!Array.isArray(list)) return [];
  return (list as ManagedFieldsEntry[]).map((entry) => ({ entry, set: fromFieldsV1(entry.fieldsV1) }));
}

function encode(list: Owner[]): ManagedFieldsEntry[] {
  return list.filter((o) => o.set.size).map((o) => ({ ...o.entry, fieldsV1: toFieldsV1(o.set) }));
}

function ownerFor(list: Owner[], e: Omit<ManagedFieldsEntry, "fieldsV1" | "fieldsType">): Owner {
  // a manager is identified as the field manager does: name, operation, subresource, and for updates the apiVersion
  const match = (o: Owner) =>
    o.entry.manager === e.manager &&
    o.entry.operation === e.operation &&
    (o.entry.subresource ?? "") === (e.subresource ?? "") &&
    (e.operation === "Apply" || o.entry.apiVersion === e.apiVersion);
  let o = list.find(match);
  if (!o) {
    o = { entry: { ...e, fieldsType: "FieldsV1", fieldsV1: {} }, set: new Set() };
    list.push(o);
  }
  o.entry = { ...o.entry, apiVersion: e.apiVersion, time: e.time };
  return o;
}

/** Common inputs of ownership tracking. */
export interface OwnershipContext {
  manager: string;
  apiVersion: string;
  /** RFC 3339, seconds. */
  time: string;
  listTypeAt: ListTypeAt;
  scope: WriteScope;
  subresource?: string;
}

/** Update managers kept per object (the field manager's DefaultMaxUpdateManagers); older ones merge into "ancient-changes". */
export const MAX_UPDATE_MANAGERS = 10;

function capUpdateManagers(list: Owner[]): Owner[] {
  const updaters = list.filter((o) => o.entry.operation === "Update").sort((a, b) => a.entry.time.localeCompare(b.entry.time));
  if (updaters.length <= MAX_UPDATE_MANAGERS) return list;
  const merged = new Set(updaters.slice(0, updaters.length - MAX_UPDATE_MANAGERS + 1));
  const oldest = [...merged].at(-1)!.entry;
  const bucket: Owner = {
    entry: { manager: "ancient-changes", operation: "Update", apiVersion: oldest.apiVersion, time: oldest.time, fieldsType: "FieldsV1", fieldsV1: {} },
    set: new Set([...merged].flatMap((o) => [...o.set])),
  };
  return [bucket, ...list.filter((o) => !merged.has(o))];
}

/**
 * Records a non-apply write (create, update, patch) in `next.metadata.managedFields`: the manager
 * takes the fields it changed; others lose them, without conflict.
 */
export function recordUpdate(old: KubeObject | undefined, next: KubeObject, ctx: OwnershipContext): void {
  delete next.metadata.managedFields;
  // as the server's skip-non-applied manager: an object nobody tracked so far stays untracked until applied
  if (old && !(old.metadata.managedFields as unknown[] | undefined)?.length) return;
  const before = old ? leaves(old, ctx.listTypeAt, ctx.scope) : new Map<PathKey, string>();
  const after = leaves(next, ctx.listTypeAt, ctx.scope);
  const changed = [...after].filter(([p, v]) => before.get(p) !== v).map(([p]) => p);
  const removed = [...before.keys()].filter((p) => !after.has(p));
  const list = owners(old);
  for (const o of list) for (const p of [...changed, ...removed]) o.set.delete(p);
  if (changed.length) {
    const self = ownerFor(list, { manager: ctx.manager, operation: "Update", apiVersion: ctx.apiVersion, time: ctx.time, ...(ctx.subresource ? { subresource: ctx.subresource } : {}) });
    for (const p of changed) self.set.add(p);
  }
  const entries = encode(capUpdateManagers(list));
  if (entries.length) next.metadata.managedFields = entries;
}

/** `.spec.template.spec.containers[name="app"].image`, as conflict messages print a path. */
function printPath(p: PathKey): string {
  let out = "";
  for (const seg of JSON.parse(p) as string[]) {
    if (seg === ".") continue;
    if (seg.startsWith("f:")) out += `.${seg.slice(2)}`;
    else if (seg.startsWith("v:")) out += `[=${seg.slice(2)}]`;
    else if (seg.startsWith("k:")) {
      const keys = JSON.parse(seg.slice(2)) as Obj;
      out += `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}]`;
    }
  }
  return out;
}

function printManager(e: ManagedFieldsEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  return e.operation === "Update" ? `${s} using ${e.apiVersion}` : s;
}

function conflictError(conflicts: { entry: ManagedFieldsEntry; path: PathKey }[]): ApiError {
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0]!.entry)}: ${printPath(conflicts[0]!.path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) byManager.set(printManager(c.entry), [...(byManager.get(printManager(c.entry)) ?? []), printPath(c.path)]);
    const lines = [...byManager.keys()].sort().flatMap((m) => [`conflicts with ${m}:`, ...byManager.get(m)!.map((p) => `- ${p}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
  }
  return new ApiError({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason: "Conflict",
    details: { causes: conflicts.map((c) => ({ reason: "FieldManagerConflict", message: `conflict with ${printManager(c.entry)}`, field: printPath(c.path) })) },
    code: 409,
  });
}

/** Finds the element a `k:`/`v:` segment names in a list. */
function findElement(list: unknown[], seg: string): number {
  if (seg.startsWith("v:")) return list.findIndex((x) => stableJson(x) === seg.slice(2));
  const keys = JSON.parse(seg.slice(2)) as Obj;
  return list.findIndex((x) => isObject(x) && Object.entries(keys).every(([k, v]) => stableJson(x[k]) === stableJson(v)));
}

/** Deletes the field or list element at a FieldsV1 path, if present. */
function removePath(obj: Obj, p: PathKey): void {
  const segs = (JSON.parse(p) as string[]).filter((s) => s !== ".");
  let parent: unknown = obj;
  for (const [i, seg] of segs.entries()) {
    const last = i === segs.length - 1;
    if (seg.startsWith("f:")) {
      if (!isObject(parent)) return;
      if (last) delete parent[seg.slice(2)];
      else parent = parent[seg.slice(2)];
    } else {
      if (!Array.isArray(parent)) return;
      const at = findElement(parent, seg);
      if (at < 0) return;
      if (last) parent.splice(at, 1);
      else parent = parent[at];
    }
  }
}

/** Merges an applied configuration into the live object: lists by their list type, config wins. */
function mergeApplied(live: unknown, config: unknown, listTypeAt: ListTypeAt, names: string[]): unknown {
  if (isObject(config)) {
    const out: Obj = isObject(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(config)) {
      if (v === null) delete out[k];
      else out[k] = mergeApplied(out[k], v, listTypeAt, [...names, k]);
    }
    return out;
  }
  if (Array.isArray(config) && Array.isArray(live)) {
    const lt = listTypeAt(names);
    if (lt.type === "set") return [...live, ...config.filter((c) => !live.some((l) => stableJson(l) === stableJson(c)))];
    if (lt.type === "map") {
      const out = [...live];
      for (const c of config) {
        const seg = isObject(c) ? `k:${stableJson(Object.fromEntries(lt.keys.filter((k) => c[k] !== undefined).map((k) => [k, c[k]])))}` : "";
        const at = seg ? findElement(out, seg) : -1;
        if (at >= 0) out[at] = mergeApplied(out[at], c, listTypeAt, names);
        else out.push(structuredClone(c));
      }
      return out;
    }
  }
  return structuredClone(config);
}

/**
 * Server-side apply of `config` by `ctx.manager` onto `live` (undefined: create). Throws a 409 with
 * FieldManagerConflict causes when another manager owns a field the config changes, unless `force`.
 */
export function serverSideApply(live: KubeObject | undefined, config: KubeObject, force: boolean, ctx: OwnershipContext): KubeObject {
  const base: KubeObject = live ?? { apiVersion: config.apiVersion, kind: config.kind, metadata: { name: config.metadata.name, ...(config.metadata.namespace ? { namespace: config.metadata.namespace } : {}) } };
  const applied = leaves(config, ctx.listTypeAt, ctx.scope);
  const current = leaves(base, ctx.listTypeAt, ctx.scope);
  const list = owners(live);
  // an object nobody has claimed fields of yet: everything in it belongs to whoever wrote it before
  if (live && !list.length && current.size) {
    list.push({ entry: { manager: "before-first-apply", operation: "Update", apiVersion: live.apiVersion, time: ctx.time, fieldsType: "FieldsV1", fieldsV1: {} }, set: new Set(current.keys()) });
  }
  const self = ownerFor(list, { manager: ctx.manager, operation: "Apply", apiVersion: ctx.apiVersion, time: ctx.time, ...(ctx.subresource ? { subresource: ctx.subresource } : {}) });
  const conflicts: { entry: ManagedFieldsEntry; path: PathKey }[] = [];
  for (const o of list) {
    if (o === self) continue;
    for (const p of o.set) if (applied.has(p) && !p.endsWith('"."]') && applied.get(p) !== current.get(p)) conflicts.push({ entry: o.entry, path: p });
  }
  if (conflicts.length && !force) throw conflictError(conflicts);
  for (const c of conflicts) list.find((o) => o.entry === c.entry)!.set.delete(c.path);
  const ownedByOthers = new Set(list.filter((o) => o !== self).flatMap((o) => [...o.set]));
  const dropped = [...self.set].filter((p) => !applied.has(p) && !ownedByOthers.has(p));
  const result = structuredClone(base) as Obj;
  // children before parents, so a removed element's fields do not matter
  for (const p of dropped.sort((a, b) => b.length - a.length)) removePath(result, p);
  const { metadata: configMeta, apiVersion: _v, kind: _k, ...configRest } = config;
  // a write to one scope ignores what the config says about the other (status vs the rest)
  if (ctx.scope === "main") delete configRest.status;
  const body = ctx.scope === "status" ? { status: configRest.status } : configRest;
  const merged = mergeApplied(result, body, ctx.listTypeAt, []) as KubeObject;
  if (ctx.scope !== "status") {
    const metaRest = Object.fromEntries(Object.entries(configMeta).filter(([k]) => !SERVER_METADATA.has(k)));
    merged.metadata = mergeApplied(result.metadata, metaRest, ctx.listTypeAt, ["metadata"]) as KubeObject["metadata"];
  }
  self.set = new Set(applied.keys());
  merged.metadata.managedFields = encode(list);
  return merged;
}
