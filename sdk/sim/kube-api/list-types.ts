import type { ResourceType } from "./resources.ts";

/**
 * How a list field merges, which both strategic merge patch and server-side apply need: atomic
 * (replaced whole), a set of scalars, or a map keyed by some fields of its elements. Built-in kinds
 * carry this in their Go struct tags (patchMergeKey, listType); custom resources in their schema
 * (x-kubernetes-list-type, x-kubernetes-list-map-keys).
 */
export type ListType =
  | { type: "atomic" }
  | { type: "set" }
  /** `keys` identify an element for apply; `mergeKey` is the one strategic merge patch uses. */
  | { type: "map"; keys: string[]; mergeKey: string };

/** The list type of the field at a path of field names (list indexes left out). */
export type ListTypeAt = (fieldPath: readonly string[]) => ListType;

const ATOMIC: ListType = { type: "atomic" };
const map = (keys: string[], mergeKey = keys[0]!): ListType => ({ type: "map", keys, mergeKey });

/** Struct tags of core/v1 and meta/v1 lists, by field name (kube 1.32). */
const BUILT_IN_LISTS: Record<string, ListType> = {
  containers: map(["name"]),
  initContainers: map(["name"]),
  ephemeralContainers: map(["name"]),
  env: map(["name"]),
  volumes: map(["name"]),
  volumeMounts: map(["mountPath"]),
  volumeDevices: map(["devicePath"]),
  imagePullSecrets: map(["name"]),
  hostAliases: map(["ip"]),
  resourceClaims: map(["name"]),
  conditions: map(["type"]),
  ownerReferences: map(["uid"]),
  topologySpreadConstraints: map(["topologyKey", "whenUnsatisfiable"]),
  finalizers: { type: "set" },
};

const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);

/** List semantics of built-in kinds (and every object's metadata), from their Go struct tags. */
export const builtInListTypes: ListTypeAt = (path) => {
  const field = path.at(-1) ?? "";
  if (field === "ports") {
    // container ports merge on containerPort; a Service's on port
    return CONTAINER_LISTS.has(path.at(-2) ?? "") ? map(["containerPort", "protocol"], "containerPort") : map(["port", "protocol"], "port");
  }
  return BUILT_IN_LISTS[field] ?? ATOMIC;
};

type Schema = {
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  "x-kubernetes-list-type"?: string;
  "x-kubernetes-list-map-keys"?: string[];
};

function schemaListType(root: Schema, path: readonly string[]): ListType {
  let s: Schema | undefined = root;
  for (const name of path) {
    while (s?.items) s = s.items;
    s = s?.properties?.[name] ?? (typeof s?.additionalProperties === "object" ? s.additionalProperties : undefined);
    if (!s) return ATOMIC;
  }
  const kind = s["x-kubernetes-list-type"];
  if (kind === "set") return { type: "set" };
  if (kind === "map" && s["x-kubernetes-list-map-keys"]?.length) return map(s["x-kubernetes-list-map-keys"]);
  // structural schemas default to atomic lists
  return ATOMIC;
}

/** List semantics for objects of a resource at one version. */
export function listTypesFor(t: ResourceType, version: string): ListTypeAt {
  const schema = t.crd?.schemas[version] as Schema | undefined;
  return (path) => (!schema || path[0] === "metadata" ? builtInListTypes(path) : schemaListType(schema, path));
}
