import { createHash } from "node:crypto";
import type { ResourceTable } from "./resources.ts";
import { pathNotFound } from "./status.ts";

/**
 * The OpenAPI documents kubectl needs before it writes (`apply`, `create -f`, `replace -f`): its
 * validation step downloads /openapi/v2 (protobuf) and checks in /openapi/v3 whether the server
 * supports `fieldValidation` for the kind's PATCH. We serve the paths with their parameters and no
 * type schemas: kubectl then leaves validation to the server (which does it) and computes
 * strategic merge patches from its compiled-in types.
 */

const V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
const TITLE = "Kubernetes";
const VERSION = "v1.32.0";

/** Protobuf of a length-delimited field (wire type 2). */
function field(no: number, payload: Buffer): Buffer {
  const len: number[] = [];
  let n = payload.length;
  do {
    len.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n);
  return Buffer.concat([Buffer.from([(no << 3) | 2, ...len]), payload]);
}

/** gnostic openapi_v2.Document{swagger: "2.0", info: {title, version}}: no definitions, so kubectl's client-side schema check skips every kind. */
const V2_DOCUMENT = Buffer.concat([field(1, Buffer.from("2.0")), field(2, Buffer.concat([field(1, Buffer.from(TITLE)), field(2, Buffer.from(VERSION))]))]);

const queryParam = (name: string, type = "string") => ({ name, in: "query", schema: { type, uniqueItems: true } });
const PATCH_PARAMETERS = [queryParam("dryRun"), queryParam("fieldManager"), queryParam("fieldValidation"), queryParam("force", "boolean")];

function gvDocument(table: ResourceTable, group: string, version: string) {
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const paths: Record<string, object> = {};
  for (const t of table.at(group, version)) {
    const at = `${prefix}${t.namespaced ? "/namespaces/{namespace}" : ""}/${t.plural}/{name}`;
    paths[at] = {
      patch: {
        operationId: `patch${t.kind}`,
        "x-kubernetes-action": "patch",
        "x-kubernetes-group-version-kind": { group, version, kind: t.kind },
        parameters: PATCH_PARAMETERS,
        responses: { "200": { description: "OK" } },
      },
    };
  }
  return { openapi: "3.0.0", info: { title: TITLE, version: VERSION }, paths, components: { schemas: {} } };
}

const hashOf = (doc: unknown) => createHash("sha512").update(JSON.stringify(doc)).digest("hex").slice(0, 128).toUpperCase();

/** The OpenAPI answer for `segments` (under "openapi"), or undefined when the path is not OpenAPI. */
export function openapi(table: ResourceTable, segments: string[], accept: string): { body: unknown; contentType: string } | undefined {
  if (segments[0] !== "openapi") return undefined;
  if (segments[1] === "v2" && segments.length === 2) {
    if (accept.includes("protobuf")) return { body: V2_DOCUMENT, contentType: V2_PROTOBUF };
    return { body: { swagger: "2.0", info: { title: TITLE, version: VERSION }, paths: {}, definitions: {} }, contentType: "application/json" };
  }
  if (segments[1] !== "v3") throw pathNotFound();
  const gvs = table.groups().flatMap((g) => g.versions.map((v) => ({ group: g.name, version: v, key: g.name ? `apis/${g.name}/${v}` : `api/${v}` })));
  if (segments.length === 2) {
    const paths = Object.fromEntries(gvs.map((gv) => [gv.key, { serverRelativeURL: `/openapi/v3/${gv.key}?hash=${hashOf(gvDocument(table, gv.group, gv.version))}` }]));
    return { body: { paths }, contentType: "application/json" };
  }
  const wanted = segments.slice(2).join("/");
  const gv = gvs.find((x) => x.key === wanted);
  if (!gv) throw pathNotFound();
  return { body: gvDocument(table, gv.group, gv.version), contentType: "application/json" };
}
