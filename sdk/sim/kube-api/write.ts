import { randomUUID } from "node:crypto";
import type { KubeObject } from "../../ports/kube.ts";
import { kubeTime } from "../kube-time.ts";
import { StoreAlreadyExists, StoreConflict, StoreNotFound } from "../store.ts";
import { checkNameMatches, decodeBody, decodeObject } from "./body.ts";
import { type ApiReply, type ApiRequest, present, type ServerContext } from "./context.ts";
import { jsonEqual } from "./json.ts";
import { recordUpdate } from "./managed-fields.ts";
import type { ResourceRoute } from "./routes.ts";
import { list } from "./read.ts";
import { alreadyExists, conflict, failure, internalError, invalid, notFound, success } from "./status.ts";
import { checkWrite, isDryRun, ownershipOf, scopeOf } from "./write-checks.ts";

/** Create, replace and delete of whole objects, as the generic registry store does them. */

const resourceOf = (route: ResourceRoute) => ({ group: route.group, plural: route.type.plural });

/** Random suffix of generateName (apiserver's SimpleNameGenerator alphabet). */
function nameSuffix(): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  return Array.from({ length: 5 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");
}

/** The 404 of a namespaced write into a namespace that does not exist. */
export function requireNamespace(ctx: ServerContext, route: ResourceRoute): void {
  if (route.type.namespaced && route.namespace !== undefined && !ctx.objects.namespaceExists(route.namespace)) {
    throw notFound({ group: "", plural: "namespaces" }, route.namespace);
  }
}

/** Stores a new object (or, for dryRun, shows it as it would be stored). */
export function commitCreate(ctx: ServerContext, route: ResourceRoute, obj: KubeObject, dryRun: boolean): KubeObject {
  if (ctx.objects.get(route.type, obj.metadata.namespace, obj.metadata.name)) throw alreadyExists(resourceOf(route), obj.metadata.name);
  if (dryRun) {
    return { ...obj, metadata: { ...obj.metadata, uid: randomUUID(), creationTimestamp: kubeTime(ctx.objects.store.now()), generation: 1 } };
  }
  try {
    const created = ctx.objects.store.create(obj);
    ctx.afterWrite();
    return created;
  } catch (err) {
    if (err instanceof StoreAlreadyExists) throw alreadyExists(resourceOf(route), obj.metadata.name);
    throw err;
  }
}

/** Writes `next` over `old` (kept at old's stored apiVersion); a stale `expectedRv` is a 409. */
export function commitUpdate(ctx: ServerContext, route: ResourceRoute, old: KubeObject, next: KubeObject, expectedRv: string | undefined, dryRun: boolean): KubeObject {
  if (expectedRv !== undefined && expectedRv !== old.metadata.resourceVersion) throw conflict(resourceOf(route), old.metadata.name);
  if (dryRun) return next;
  // an update that changes nothing writes nothing: the resourceVersion stays
  if (jsonEqual({ ...next, apiVersion: old.apiVersion }, old)) return present(old, route.apiVersion);
  const key = { apiVersion: old.apiVersion, kind: old.kind, namespace: old.metadata.namespace, name: old.metadata.name };
  const toStore = { ...next, apiVersion: old.apiVersion };
  // defaults added on read are no spec change: an unchanged spec is written back as stored, so generation stays
  const raw = ctx.objects.store.get(key);
  if (raw && jsonEqual(next.spec, old.spec)) toStore.spec = raw.spec;
  try {
    const stored = ctx.objects.store.update(toStore, { expectedResourceVersion: old.metadata.resourceVersion! });
    ctx.afterWrite();
    return present(stored, route.apiVersion);
  } catch (err) {
    if (err instanceof StoreConflict) throw conflict(resourceOf(route), old.metadata.name);
    if (err instanceof StoreNotFound) throw notFound(resourceOf(route), old.metadata.name);
    throw err;
  }
}

/** POST to a collection. */
export function create(ctx: ServerContext, req: ApiRequest): ApiReply {
  const { route } = req;
  const dryRun = isDryRun(req.query);
  const obj = decodeObject(req);
  requireNamespace(ctx, route);
  const meta = obj.metadata as KubeObject["metadata"] & { generateName?: string };
  if (!meta.name && typeof meta.generateName === "string" && meta.generateName) meta.name = `${meta.generateName}${nameSuffix()}`;
  // what etcd3's store answers (a plain error, hence 500) when a client re-creates an object it read
  if (meta.resourceVersion) throw internalError("resourceVersion should not be set on objects to be created");
  for (const f of ["uid", "creationTimestamp", "generation", "managedFields", "deletionTimestamp"]) delete meta[f];
  if (scopeOf(route) === "main") delete obj.status;
  const { object, warnings } = checkWrite(req, obj, undefined);
  recordUpdate(undefined, object, ownershipOf(ctx, req));
  return { status: 201, body: commitCreate(ctx, route, object, dryRun), headers: { Warning: warnings.map(warning) } };
}

/** A `Warning` header value (RFC 7234 form, agent "-"). */
export const warning = (text: string) => `299 - ${JSON.stringify(text)}`;

/** The object a write of `incoming` to the route's scope makes of `old`. */
export function scopedObject(route: ResourceRoute, old: KubeObject, incoming: KubeObject): KubeObject {
  const scope = scopeOf(route);
  if (scope === "status") return { ...structuredClone(old), apiVersion: route.apiVersion, status: incoming.status };
  const next = structuredClone(incoming);
  if (scope === "main") {
    if (old.status === undefined) delete next.status;
    else next.status = structuredClone(old.status);
  }
  for (const f of ["uid", "creationTimestamp", "generation"]) {
    if (old.metadata[f] !== undefined) next.metadata[f] = old.metadata[f];
  }
  return next;
}

/** The 409 of a write whose uid precondition names another incarnation of the object. */
export function checkUid(route: ResourceRoute, old: KubeObject, uid: unknown): void {
  if (uid !== undefined && uid !== "" && uid !== old.metadata.uid) {
    throw failure(409, "Conflict", `Operation cannot be fulfilled on ${route.type.plural}${route.group ? `.${route.group}` : ""} "${old.metadata.name}": Precondition failed: UID in precondition: ${String(uid)}, UID in object meta: ${old.metadata.uid}`, {
      name: old.metadata.name,
      ...(route.group ? { group: route.group } : {}),
      kind: route.type.plural,
    });
  }
}

/** PUT of an object (or of its status). */
export function replace(ctx: ServerContext, req: ApiRequest): ApiReply {
  const { route } = req;
  const dryRun = isDryRun(req.query);
  const incoming = decodeObject(req);
  checkNameMatches(incoming, route);
  const old = ctx.objects.get(route.type, route.namespace, route.name!);
  if (!old) throw notFound(resourceOf(route), route.name!);
  const rv = incoming.metadata.resourceVersion;
  // custom resources (unlike most built-ins) refuse unconditional updates
  if (route.type.crd && !rv) {
    throw invalid(route.type.kind, route.group, route.name!, [{ field: "metadata.resourceVersion", reason: "FieldValueInvalid", message: "Invalid value: 0x0: must be specified for an update" }]);
  }
  checkUid(route, old, incoming.metadata.uid);
  const next = scopedObject(route, old, incoming);
  const { object, warnings } = checkWrite(req, next, old);
  recordUpdate(old, object, ownershipOf(ctx, req));
  return { status: 200, body: commitUpdate(ctx, route, old, object, rv || undefined, dryRun), headers: { Warning: warnings.map(warning) } };
}

/** Kinds whose DELETE answers with the object rather than a Status (ReturnDeletedObject). */
const returnsDeletedObject = (route: ResourceRoute) => route.type.crd !== undefined || (route.group === "" && (route.type.kind === "Pod" || route.type.kind === "Namespace"));

function deleteOne(ctx: ServerContext, route: ResourceRoute, old: KubeObject): void {
  if (route.group === "" && route.type.kind === "Namespace") {
    // the namespace controller's job, done at once: everything in it goes with it
    for (const t of ctx.table.all) {
      if (!t.namespaced) continue;
      for (const o of ctx.objects.list(t, old.metadata.name)) ctx.objects.store.delete({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name });
    }
  }
  ctx.objects.store.delete({ apiVersion: old.apiVersion, kind: old.kind, namespace: old.metadata.namespace, name: old.metadata.name });
}

/** DELETE of one object, honouring DeleteOptions preconditions. */
export function remove(ctx: ServerContext, req: ApiRequest): ApiReply {
  const { route } = req;
  const dryRun = isDryRun(req.query);
  const old = ctx.objects.get(route.type, route.namespace, route.name!);
  if (!old) throw notFound(resourceOf(route), route.name!);
  const options = req.body.length ? (decodeBody(req) as { preconditions?: { uid?: string; resourceVersion?: string } } | null) : undefined;
  checkUid(route, old, options?.preconditions?.uid);
  const rv = options?.preconditions?.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) throw conflict(resourceOf(route), old.metadata.name);
  if (!dryRun) {
    deleteOne(ctx, route, old);
    ctx.afterWrite();
  }
  const body = returnsDeletedObject(route) ? present(old, route.apiVersion) : success(resourceOf(route), old.metadata.name, old.metadata.uid);
  return { status: 200, body };
}

/** DELETE of a collection (with the list's selectors): answers the list of what was deleted. */
export function removeCollection(ctx: ServerContext, req: ApiRequest): ApiReply {
  const dryRun = isDryRun(req.query);
  const matched = list(ctx, req).body as { items: KubeObject[] };
  if (!dryRun && matched.items.length) {
    for (const o of matched.items) {
      const stored = ctx.objects.get(req.route.type, o.metadata.namespace, o.metadata.name);
      if (stored) deleteOne(ctx, req.route, stored);
    }
    ctx.afterWrite();
  }
  return { status: 200, body: matched };
}
