import type { ListTypeAt } from "./list-types.ts";
import { isObject, jsonEqual } from "./json.ts";
import { ApiError, badRequest } from "./status.ts";
import { withoutNulls } from "../../util/merge-patch.ts";
import { setField } from "../../util/field-path.ts";

/**
 * The three non-apply patch formats kube-apiserver accepts: JSON merge patch (RFC 7386), JSON
 * patch (RFC 6902) and strategic merge patch (built-in kinds only; lists of objects merged by
 * their patchMergeKey, `$patch`/`$retainKeys`/`$deleteFromPrimitiveList`/`$setElementOrder`
 * directives).
 */

type Obj = Record<string, unknown>;

/**
 * RFC 7386: objects merge recursively, null deletes, anything else (lists included) replaces. A
 * value placed where there was nothing to merge into loses its null fields, inside lists too, as
 * kube-apiserver's merge patch (evanphx/json-patch's pruneNulls) does.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch) || !isObject(target)) return withoutNulls(structuredClone(patch));
  const out: Obj = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    // a "__proto__" key is a field like any other (a Go map's), not the object's prototype
    else setField(out, k, mergePatch(Object.hasOwn(out, k) ? out[k] : undefined, v));
  }
  return out;
}

/** 422 with the patch library's message in the causes, as apiserver answers a JSON patch that does not apply. */
function patchDoesNotApply(message: string): ApiError {
  return new ApiError({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: "the server rejected our request due to an error in our request",
    reason: "Invalid",
    details: { causes: [{ reason: "UnexpectedServerResponse", message }] },
    code: 422,
  });
}

interface Op {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function parsePointer(p: unknown): string[] {
  if (typeof p !== "string" || (p !== "" && !p.startsWith("/"))) throw badRequest(`invalid JSON pointer: ${String(p)}`);
  return p === "" ? [] : p.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function parent(doc: unknown, segs: string[], op: string, path: string): { container: Obj | unknown[]; key: string } {
  let at: unknown = doc;
  for (const s of segs.slice(0, -1)) {
    at = Array.isArray(at) ? at[Number(s)] : isObject(at) ? at[s] : undefined;
    if (at === undefined) throw patchDoesNotApply(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  }
  if (!isObject(at) && !Array.isArray(at)) throw patchDoesNotApply(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return { container: at, key: segs.at(-1)! };
}

function arrayIndex(arr: unknown[], key: string, forAdd: boolean, op: string, path: string): number {
  if (forAdd && key === "-") return arr.length;
  const i = /^(0|[1-9]\d*)$/.test(key) ? Number(key) : NaN;
  if (Number.isNaN(i) || i > arr.length || (!forAdd && i === arr.length)) {
    throw patchDoesNotApply(`${op} operation does not apply: doc is missing path: "${path}": index out of range`);
  }
  return i;
}

function get(doc: unknown, segs: string[], op: string, path: string): unknown {
  if (!segs.length) return doc;
  const { container, key } = parent(doc, segs, op, path);
  const v = Array.isArray(container) ? container[arrayIndex(container, key, false, op, path)] : container[key];
  if (v === undefined) throw patchDoesNotApply(`${op} operation does not apply: doc is missing key: ${path}: missing value`);
  return v;
}

function remove(doc: unknown, segs: string[], op: string, path: string): unknown {
  const { container, key } = parent(doc, segs, op, path);
  if (Array.isArray(container)) return container.splice(arrayIndex(container, key, false, op, path), 1)[0];
  if (!(key in container)) throw patchDoesNotApply(`${op} operation does not apply: doc is missing key: ${path}: missing value`);
  const v = container[key];
  delete container[key];
  return v;
}

function add(doc: unknown, segs: string[], value: unknown, op: string, path: string): unknown {
  if (!segs.length) return value;
  const { container, key } = parent(doc, segs, op, path);
  if (Array.isArray(container)) container.splice(arrayIndex(container, key, true, op, path), 0, value);
  else container[key] = value;
  return doc;
}

/** RFC 6902. A malformed patch is a 400; one that does not apply to the object a 422. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let doc = structuredClone(target);
  for (const raw of ops as Op[]) {
    if (!isObject(raw) || typeof raw.op !== "string") throw badRequest("Unexpected kind: missing op");
    const { op, path } = raw;
    const segs = parsePointer(path);
    switch (op) {
      case "add":
        doc = add(doc, segs, structuredClone(raw.value), op, path);
        break;
      case "remove":
        remove(doc, segs, op, path);
        break;
      case "replace":
        if (!segs.length) doc = structuredClone(raw.value);
        else {
          get(doc, segs, op, path);
          const { container, key } = parent(doc, segs, op, path);
          if (Array.isArray(container)) container[arrayIndex(container, key, false, op, path)] = structuredClone(raw.value);
          else container[key] = structuredClone(raw.value);
        }
        break;
      case "move":
      case "copy": {
        const fromSegs = parsePointer(raw.from);
        const v = op === "move" ? remove(doc, fromSegs, op, String(raw.from)) : structuredClone(get(doc, fromSegs, op, String(raw.from)));
        doc = add(doc, segs, v, op, path);
        break;
      }
      case "test":
        if (!jsonEqual(get(doc, segs, op, path), raw.value)) throw patchDoesNotApply(`testing value ${path} failed: test failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}

const DIRECTIVE = "$patch";
const RETAIN_KEYS = "$retainKeys";
const DELETE_FROM = "$deleteFromPrimitiveList/";
const ELEMENT_ORDER = "$setElementOrder/";

/** Removes SMP directives from a value that is being set rather than merged. */
function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((e) => !(isObject(e) && e[DIRECTIVE] !== undefined && Object.keys(e).length === 1)).map(stripDirectives);
  if (!isObject(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith("$")) out[k] = stripDirectives(x);
  return out;
}

function mergeList(original: unknown, patch: unknown[], listTypeAt: ListTypeAt, path: string[]): unknown[] {
  if (patch.some((e) => isObject(e) && e[DIRECTIVE] === "replace")) return stripDirectives(patch) as unknown[];
  const lt = listTypeAt(path);
  const base = Array.isArray(original) ? structuredClone(original) : [];
  if (lt.type === "set") return [...base, ...patch.filter((p) => !base.some((b) => jsonEqual(b, p)))];
  if (lt.type === "atomic") return stripDirectives(patch) as unknown[];
  const key = lt.mergeKey;
  const out = base;
  for (const p of patch) {
    if (!isObject(p)) throw badRequest(`unable to find api field in struct for the merge key "${key}" in list ${path.join(".")}`);
    const i = out.findIndex((o) => isObject(o) && o[key] === p[key]);
    if (p[DIRECTIVE] === "delete") {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) out[i] = strategicMerge(out[i] as Obj, p, listTypeAt, path);
    else out.push(stripDirectives(p));
  }
  return out;
}

function orderBy(list: unknown[], order: unknown[], mergeKey: string | undefined): unknown[] {
  const id = (v: unknown) => JSON.stringify(mergeKey && isObject(v) ? v[mergeKey] : v);
  const rank = new Map(order.map((o, i) => [id(o), i]));
  return [...list].sort((a, b) => (rank.get(id(a)) ?? Infinity) - (rank.get(id(b)) ?? Infinity));
}

/**
 * Strategic merge patch of a built-in object. `path` is the field path of `original` (for the
 * list types below it).
 */
export function strategicMerge(original: Obj, patch: Obj, listTypeAt: ListTypeAt, path: string[] = []): Obj {
  if (patch[DIRECTIVE] === "replace") return stripDirectives(patch) as Obj;
  const out: Obj = isObject(original) ? structuredClone(original) : {};
  const orders: [string, unknown[]][] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS) continue;
    if (k.startsWith(DELETE_FROM)) {
      const field = k.slice(DELETE_FROM.length);
      if (Array.isArray(out[field]) && Array.isArray(v)) out[field] = (out[field] as unknown[]).filter((x) => !v.some((d) => jsonEqual(d, x)));
      continue;
    }
    if (k.startsWith(ELEMENT_ORDER)) {
      if (Array.isArray(v)) orders.push([k.slice(ELEMENT_ORDER.length), v]);
      continue;
    }
    const at = [...path, k];
    if (v === null || (isObject(v) && v[DIRECTIVE] === "delete")) delete out[k];
    else if (isObject(v)) out[k] = strategicMerge(isObject(out[k]) ? (out[k] as Obj) : {}, v, listTypeAt, at);
    else if (Array.isArray(v)) out[k] = mergeList(out[k], v, listTypeAt, at);
    else out[k] = v;
  }
  for (const [field, order] of orders) {
    const lt = listTypeAt([...path, field]);
    if (Array.isArray(out[field])) out[field] = orderBy(out[field] as unknown[], order, lt.type === "map" ? lt.mergeKey : undefined);
  }
  const retain = patch[RETAIN_KEYS];
  if (Array.isArray(retain)) for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  return out;
}
