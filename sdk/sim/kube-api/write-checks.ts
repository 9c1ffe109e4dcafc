import type { KubeObject } from "../../ports/kube.ts";
import { kubeTime } from "../kube-time.ts";
import { admit } from "./admission.ts";
import { decodeBuiltIn } from "./builtin-schema.ts";
import { defaultBuiltIn, validateBuiltIn } from "./builtins.ts";
import type { ApiRequest, ServerContext } from "./context.ts";
import { checkCustomResource } from "./crd-validation.ts";
import { listTypesFor } from "./list-types.ts";
import { type OwnershipContext, type WriteScope } from "./managed-fields.ts";
import { metadataTypeError, nameRuleFor, pruneMetadata, validateMetadata } from "./meta.ts";
import type { ResourceRoute } from "./routes.ts";
import { badRequest, cannotHandle, type FieldError, invalid } from "./status.ts";

/**
 * The path every write takes before storage, in kube-apiserver's order: decode checks (400),
 * pruning and defaulting, field validation mode, object validation (422), validating webhooks.
 */

/** A write that passed: the object to store and the warnings to send back. */
export interface CheckedWrite {
  object: KubeObject;
  warnings: string[];
}

/** Which part of the object the route writes. */
export function scopeOf(route: ResourceRoute): WriteScope {
  if (route.subresource === "status") return "status";
  return route.type.subresources.status ? "main" : "all";
}

type FieldValidation = "Strict" | "Warn" | "Ignore";

function fieldValidation(query: URLSearchParams): FieldValidation {
  const v = query.get("fieldValidation") ?? "Warn";
  if (v !== "Strict" && v !== "Warn" && v !== "Ignore") {
    throw badRequest(`fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
  }
  return v;
}

/** Runs the checks on `obj` (the object as it would be stored); `old` is the stored one for updates. */
export function checkWrite(req: ApiRequest, obj: KubeObject, old: KubeObject | undefined): CheckedWrite {
  const { route } = req;
  const t = route.type;
  const mode = fieldValidation(req.query);
  const metadataError = metadataTypeError(obj);
  if (metadataError) throw cannotHandle(t.kind, route.version, metadataError);

  let object = obj;
  const unknown = pruneMetadata(object);
  const errors: FieldError[] = [];
  if (t.crd) {
    const check = checkCustomResource(t.crd.schemas[route.version]!, object);
    object = check.object;
    unknown.push(...check.unknownFields);
    errors.push(...check.errors);
  } else {
    const decoded = decodeBuiltIn(object, t, route.version);
    if (decoded.typeError) throw cannotHandle(t.kind, route.version, decoded.typeError);
    unknown.push(...decoded.unknownFields);
    defaultBuiltIn(object, t, old === undefined);
  }
  if (unknown.length && mode === "Strict") {
    throw cannotHandle(t.kind, route.version, `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(", ")}`);
  }
  const warnings = mode === "Warn" ? unknown.map((f) => `unknown field "${f}"`) : [];

  errors.unshift(...validateMetadata(object, nameRuleFor(t.kind, t.group)));
  if (!t.crd) errors.push(...validateBuiltIn(object, old, t));
  if (errors.length) throw invalid(t.kind, t.group, object.metadata.name ?? "", errors);

  const denied = admit(object, t);
  if (denied) throw denied;
  return { object, warnings };
}

/** Field manager of a write: the fieldManager parameter, else the client's user-agent name, as the server derives it. */
function managerOf(req: ApiRequest): string {
  const m = req.query.get("fieldManager");
  if (m !== null) {
    if (m.length > 128) throw badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
    return m;
  }
  return req.userAgent.split("/")[0] || "unknown";
}

/** Ownership context of a write. */
export function ownershipOf(ctx: ServerContext, req: ApiRequest, manager = managerOf(req)): OwnershipContext {
  return {
    manager,
    apiVersion: req.route.apiVersion,
    time: kubeTime(ctx.objects.store.now()),
    listTypeAt: listTypesFor(req.route.type, req.route.version),
    scope: scopeOf(req.route),
    ...(req.route.subresource && req.route.subresource !== "proxy" ? { subresource: req.route.subresource } : {}),
  };
}

/** True for `dryRun=All`; any other dryRun value is refused as the server refuses it. */
export function isDryRun(query: URLSearchParams): boolean {
  const values = query.getAll("dryRun");
  for (const v of values) if (v !== "All") throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  return values.length > 0;
}
