import { parse as parseYaml } from "yaml";
import type { KubeObject } from "../../ports/kube.ts";
import type { ApiRequest } from "./context.ts";
import type { ResourceRoute } from "./routes.ts";
import { badRequest, failure, unsupportedMediaType } from "./status.ts";
import { isObject } from "./json.ts";
import { decodeProtobufObject, PROTOBUF, PROTOBUF_KINDS } from "./protobuf.ts";

/**
 * Request bodies: decoding JSON or YAML, and the checks that come with decoding an object for an
 * endpoint (apiVersion and kind present and matching the URL, namespace and name consistent).
 */

const JSON_TYPES = new Set(["application/json", ""]);
const YAML_TYPES = new Set(["application/yaml", "application/apply-patch+yaml"]);

/** Parses a request body as JSON (or YAML, for YAML media types). */
export function decodeBody(req: Pick<ApiRequest, "body" | "contentType">): unknown {
  const text = req.body.toString("utf8");
  if (YAML_TYPES.has(req.contentType)) {
    try {
      return parseYaml(text, { maxAliasCount: 100 });
    } catch (err) {
      throw badRequest(`error converting YAML to JSON: ${(err as Error).message.split("\n")[0]}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`the object provided is unrecognized: ${(err as Error).message}`);
  }
}

/** Decodes the body of a create or update into an object for the route's kind. */
export function decodeObject(req: ApiRequest): KubeObject {
  // Go typed clients (client-go 1.33+) send Secrets and ConfigMaps as protobuf
  if (req.contentType === PROTOBUF && !req.route.type.crd && PROTOBUF_KINDS.includes(req.route.type.kind)) {
    return objectFor(req.route, decodeProtobufObject(req.body, req.route.type.kind));
  }
  if (!JSON_TYPES.has(req.contentType) && req.contentType !== "application/yaml") {
    throw unsupportedMediaType(["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"]);
  }
  return objectFor(req.route, decodeBody(req));
}

/**
 * Checks a decoded value is an object of the route's kind. Built-in kinds default a missing
 * apiVersion/kind from the URL (their decoder does); custom resources need both.
 */
export function objectFor(route: ResourceRoute, value: unknown): KubeObject {
  const t = route.type;
  if (!isObject(value)) throw badRequest(`the object provided is unrecognized (must be of type ${t.kind})`);
  if (t.crd) {
    if (!value.kind) throw failure(400, "BadRequest", `Object 'Kind' is missing in '${JSON.stringify(value).slice(0, 200)}'`);
    if (!value.apiVersion) throw failure(400, "BadRequest", `Object 'apiVersion' is missing in '${JSON.stringify(value).slice(0, 200)}'`);
  }
  const obj = { apiVersion: route.apiVersion, kind: t.kind, ...value } as KubeObject;
  if (obj.apiVersion !== route.apiVersion) {
    throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${route.apiVersion})`);
  }
  if (obj.kind !== t.kind) throw badRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (${t.kind})`);
  if (obj.metadata === undefined || obj.metadata === null) obj.metadata = {} as KubeObject["metadata"];
  if (!isObject(obj.metadata)) throw badRequest(`${t.kind} in version "${route.version}" cannot be handled as a ${t.kind}: json: cannot unmarshal into Go struct field ${t.kind}.metadata of type v1.ObjectMeta`);
  if (t.namespaced) {
    const ns = obj.metadata.namespace;
    if (ns && route.namespace !== undefined && ns !== route.namespace) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    if (route.namespace !== undefined) obj.metadata.namespace = route.namespace;
  } else delete obj.metadata.namespace;
  return obj;
}

/** The name in the body must be the one in the URL (PUT, apply). */
export function checkNameMatches(obj: KubeObject, route: ResourceRoute): void {
  if (obj.metadata.name !== route.name) {
    throw badRequest(`the name of the object (${obj.metadata.name ?? ""}) does not match the name on the URL (${route.name})`);
  }
}
