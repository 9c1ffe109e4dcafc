/**
 * Kubernetes `Status` objects: the body of every error the API server sends. Messages, reasons and
 * details follow k8s.io/apimachinery/pkg/api/errors so that clients (client-go, client-node,
 * kubectl) print and classify them exactly as they do for a real cluster.
 */

/** One entry of `details.causes`. */
export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

/** A `meta/v1 Status` with `status: Failure`. */
export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

/** Thrown anywhere below the router; the router answers with its Status (and Retry-After when the details carry one). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? `HTTP ${status.code}`);
  }
}

/** What errors name an object by: its resource (plural) and group. */
export interface ResourceName {
  group: string;
  plural: string;
}

/** `deployments.apps`, or `pods` for the core group, as the API server prints a resource. */
export function qualifiedResource(r: ResourceName): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** `Deployment.apps`, or `Pod` for the core group, as Invalid errors print a kind. */
export function qualifiedKind(kind: string, group: string): string {
  return group ? `${kind}.${group}` : kind;
}

/** An ApiError with a Failure Status of any code and reason. */
export function failure(code: number, reason: string | undefined, message: string, details?: Status["details"]): ApiError {
  // the field order of the server's JSON
  return new ApiError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, ...(reason ? { reason } : {}), ...(details ? { details } : {}), code });
}

function objectDetails(r: ResourceName, name?: string): Status["details"] {
  return { ...(name !== undefined ? { name } : {}), ...(r.group ? { group: r.group } : {}), kind: r.plural };
}

/** 404: `deployments.apps "x" not found`. */
export const notFound = (r: ResourceName, name: string) =>
  failure(404, "NotFound", `${qualifiedResource(r)} "${name}" not found`, objectDetails(r, name));

/** The 404 of a path no API serves, e.g. an API group whose CRD is not installed. */
export const pathNotFound = () => failure(404, "NotFound", "the server could not find the requested resource");

/** 409 on create: `deployments.apps "x" already exists`. */
export const alreadyExists = (r: ResourceName, name: string) =>
  failure(409, "AlreadyExists", `${qualifiedResource(r)} "${name}" already exists`, objectDetails(r, name));

/** 409 on a stale write: the optimistic-concurrency message clients retry on. */
export const conflict = (r: ResourceName, name: string) =>
  failure(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualifiedResource(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    objectDetails(r, name),
  );

/** 400 BadRequest. */
export const badRequest = (message: string) => failure(400, "BadRequest", message);

/** 403 Forbidden, `why` being the authorizer's reason. */
export const forbidden = (r: ResourceName, name: string | undefined, why: string) =>
  failure(
    403,
    "Forbidden",
    `${qualifiedResource(r)}${name !== undefined ? ` "${name}"` : ""} is forbidden: ${why}`,
    objectDetails(r, name),
  );

/** 401 for a missing or wrong bearer token. */
export const unauthorized = () => failure(401, "Unauthorized", "Unauthorized");

/** 405 for a verb the resource does not serve. */
export const methodNotAllowed = () => failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", {});

/** 415 for a body (or patch) type the resource does not accept. */
export const unsupportedMediaType = (accepted: string[]) =>
  failure(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`,
  );

/** 500 for an error that is not an API error. */
export const internalError = (message: string) =>
  failure(500, "InternalError", `Internal error occurred: ${message}`, { causes: [{ message }] });

/** A field problem, as `field.Error` renders it: `spec.replicas: Invalid value: -1: must be …`. */
export interface FieldError {
  field: string;
  /** FieldValueInvalid, FieldValueRequired, FieldValueNotSupported, FieldValueDuplicate, FieldValueTooLong, FieldValueTooMany, FieldValueForbidden. */
  reason: string;
  /** The message after the field, e.g. `Invalid value: -1: must be greater than or equal to 0`. */
  message: string;
}

/** Formats a value as field errors quote it (Go's %v of a JSON value, close enough). */
export function quoteValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "null";
  return JSON.stringify(value);
}

/** A FieldValueInvalid field error. */
export const invalidValue = (field: string, value: unknown, detail: string): FieldError => ({
  field,
  reason: "FieldValueInvalid",
  message: `Invalid value: ${quoteValue(value)}: ${detail}`,
});

/** A FieldValueRequired field error. */
export const requiredValue = (field: string, detail?: string): FieldError => ({
  field,
  reason: "FieldValueRequired",
  message: detail ? `Required value: ${detail}` : "Required value",
});

/** 422 Invalid for a kind (`Deployment.apps "x" is invalid: …`). */
export function invalid(kind: string, group: string, name: string, errors: FieldError[]): ApiError {
  const rendered = errors.map((e) => `${e.field}: ${e.message}`);
  const list = rendered.length === 1 ? rendered[0]! : `[${rendered.join(", ")}]`;
  return failure(422, "Invalid", `${qualifiedKind(kind, group)} "${name}" is invalid: ${list}`, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: errors.map((e) => ({ reason: e.reason, message: e.message, field: e.field })),
  });
}

/** Status answered for a successful delete of kinds that do not return the object. */
export function success(r: ResourceName, name: string, uid: string | undefined): Status {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    details: { name, ...(r.group ? { group: r.group } : {}), kind: r.plural, ...(uid ? { uid } : {}) },
    code: 200,
  };
}

/** 400 for a body that does not decode into the kind (wrong JSON types, unknown fields under Strict). */
export const cannotHandle = (kind: string, version: string, detail: string) =>
  badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${detail}`);
