import type { KubeObject } from "../../ports/kube.ts";
import { checkNameMatches, decodeBody, objectFor } from "./body.ts";
import { type ApiReply, type ApiRequest, present, type ServerContext } from "./context.ts";
import { listTypesFor } from "./list-types.ts";
import { recordUpdate, serverSideApply } from "./managed-fields.ts";
import { jsonPatch, mergePatch, strategicMerge } from "./patch.ts";
import { badRequest, conflict, invalid, notFound, unsupportedMediaType } from "./status.ts";
import { checkWrite, isDryRun, ownershipOf } from "./write-checks.ts";
import { checkUid, commitCreate, commitUpdate, requireNamespace, scopedObject, warning } from "./write.ts";

/** PATCH of an object or its status: JSON patch, merge patch, strategic merge patch, server-side apply. */

/** RFC 6902 JSON patch. */
export const JSON_PATCH = "application/json-patch+json";
/** RFC 7386 JSON merge patch. */
export const MERGE_PATCH = "application/merge-patch+json";
/** Strategic merge patch (built-in kinds). */
export const STRATEGIC_PATCH = "application/strategic-merge-patch+json";
/** Server-side apply. */
export const APPLY_PATCH = "application/apply-patch+yaml";

/** Patch types a resource accepts: custom resources have no Go struct tags, so no strategic merge. */
export function patchTypesFor(builtIn: boolean): string[] {
  return builtIn ? [JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH, APPLY_PATCH] : [JSON_PATCH, MERGE_PATCH, APPLY_PATCH];
}

/** PatchOptions validation, which the server runs before it looks at the object. */
export function checkPatchOptions(req: ApiRequest): void {
  const causes = [];
  if (req.contentType === APPLY_PATCH) {
    if (!req.query.get("fieldManager")) causes.push({ field: "fieldManager", reason: "FieldValueRequired", message: "Required value: is required for apply patch" });
  } else if (req.query.has("force")) {
    causes.push({ field: "force", reason: "FieldValueForbidden", message: "Forbidden: may not be specified for non-apply patch" });
  }
  if (causes.length) throw invalid("PatchOptions", "meta.k8s.io", "", causes);
}

/** Applies a non-apply patch document to `current`. */
export function applyPatchDocument(req: ApiRequest, current: KubeObject): unknown {
  const doc = decodeBody({ body: req.body, contentType: "application/json" });
  if (req.contentType === JSON_PATCH) return jsonPatch(current, doc);
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw badRequest(`json: cannot unmarshal ${Array.isArray(doc) ? "array" : typeof doc} into Go value of type map[string]interface {}`);
  if (req.contentType === MERGE_PATCH) return mergePatch(current, doc);
  return strategicMerge(current as unknown as Record<string, unknown>, doc as Record<string, unknown>, listTypesFor(req.route.type, req.route.version));
}

function apply(ctx: ServerContext, req: ApiRequest, dryRun: boolean): ApiReply {
  const { route } = req;
  const config = objectFor(route, decodeBody(req));
  checkNameMatches(config, route);
  if (config.metadata.managedFields !== undefined) throw badRequest("metadata.managedFields must be nil");
  const force = req.query.get("force") === "true";
  const ownership = ownershipOf(ctx, req);
  const old = ctx.objects.get(route.type, route.namespace, route.name!);
  const rv = config.metadata.resourceVersion;
  if (!old) {
    if (route.subresource) throw notFound({ group: route.group, plural: route.type.plural }, route.name!);
    requireNamespace(ctx, route);
    if (rv) throw conflict({ group: route.group, plural: route.type.plural }, route.name!);
    const { object, warnings } = checkWrite(req, serverSideApply(undefined, config, force, ownership), undefined);
    return { status: 201, body: commitCreate(ctx, route, object, dryRun), headers: { Warning: warnings.map(warning) } };
  }
  if (rv && rv !== old.metadata.resourceVersion) throw conflict({ group: route.group, plural: route.type.plural }, route.name!);
  checkUid(route, old, config.metadata.uid);
  const merged = serverSideApply(present(old, route.apiVersion), config, force, ownership);
  const { object, warnings } = checkWrite(req, scopedObject(route, old, merged), old);
  object.metadata.managedFields = merged.metadata.managedFields;
  return { status: 200, body: commitUpdate(ctx, route, old, object, undefined, dryRun), headers: { Warning: warnings.map(warning) } };
}

/** PATCH of an object or its status subresource. */
export function patch(ctx: ServerContext, req: ApiRequest): ApiReply {
  const { route } = req;
  if (!patchTypesFor(!route.type.crd).includes(req.contentType)) throw unsupportedMediaType(patchTypesFor(!route.type.crd));
  checkPatchOptions(req);
  const dryRun = isDryRun(req.query);
  if (req.contentType === APPLY_PATCH) return apply(ctx, req, dryRun);

  const old = ctx.objects.get(route.type, route.namespace, route.name!);
  if (!old) throw notFound({ group: route.group, plural: route.type.plural }, route.name!);
  const current = present(old, route.apiVersion);
  const patched = objectFor(route, applyPatchDocument(req, current));
  if (patched.metadata.name !== old.metadata.name) {
    throw badRequest(`the name of the object (${String(patched.metadata.name)}) does not match the name on the URL (${route.name})`);
  }
  // a resourceVersion the patch sets is a precondition (optimistic concurrency)
  const rv = patched.metadata.resourceVersion;
  if (rv !== undefined && rv !== old.metadata.resourceVersion) throw conflict({ group: route.group, plural: route.type.plural }, route.name!);
  checkUid(route, old, patched.metadata.uid);
  const { object, warnings } = checkWrite(req, scopedObject(route, old, patched), old);
  recordUpdate(old, object, ownershipOf(ctx, req));
  return { status: 200, body: commitUpdate(ctx, route, old, object, undefined, dryRun), headers: { Warning: warnings.map(warning) } };
}
