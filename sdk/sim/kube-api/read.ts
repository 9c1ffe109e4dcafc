import type { KubeObject } from "../../ports/kube.ts";
import { type ApiReply, type ApiRequest, present, type ServerContext } from "./context.ts";
import { parseFieldSelector, parseLabelSelector } from "./selectors.ts";
import { badRequest, failure, notFound } from "./status.ts";
import { TABLE_CONTENT_TYPE, toTable, wantsTable } from "./table.ts";

/** GET of one object and LIST of a collection (selectors, pagination, Table output). */

/** GET of one object. */
export function get(ctx: ServerContext, req: ApiRequest): ApiReply {
  const { route } = req;
  const obj = ctx.objects.get(route.type, route.namespace, route.name!);
  if (!obj) throw notFound({ group: route.group, plural: route.type.plural }, route.name!);
  const served = present(obj, route.apiVersion);
  if (wantsTable(req.accept)) return { status: 200, body: toTable(route, [served], ctx.objects.store.resourceVersion, req.query), contentType: TABLE_CONTENT_TYPE };
  return { status: 200, body: served };
}

/** Objects of the route's collection that match the request's selectors, served at its version. */
export function matching(ctx: ServerContext, req: ApiRequest): KubeObject[] {
  const { route } = req;
  const byLabel = parseLabelSelector(req.query.get("labelSelector"));
  const byField = parseFieldSelector(req.query.get("fieldSelector"), route.type);
  return ctx.objects
    .list(route.type, route.namespace)
    .filter((o) => byLabel(o) && byField(o))
    .map((o) => present(o, route.apiVersion));
}

/** The continue token: where the next page starts. Opaque to clients, as the real one is. */
interface ContinueToken {
  rv: string;
  start: number;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as ContinueToken;
    if (typeof t.rv === "string" && Number.isInteger(t.start) && t.start >= 0) return t;
  } catch {
    // fall through to the 400
  }
  throw badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
}

/** LIST of a collection. */
export function list(ctx: ServerContext, req: ApiRequest): ApiReply {
  const { route, query } = req;
  const all = matching(ctx, req);
  const rv = ctx.objects.store.resourceVersion;
  let start = 0;
  const token = query.get("continue");
  if (token) {
    const t = decodeContinue(token);
    // the store keeps no history, so a page of an older snapshot cannot be served consistently
    if (t.rv !== rv) {
      throw failure(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
    }
    start = t.start;
  }
  const limitParam = query.get("limit");
  const limit = limitParam ? Number(limitParam) : 0;
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`limit: Invalid value: ${limitParam}`);
  const end = limit > 0 ? Math.min(all.length, start + limit) : all.length;
  const items = all.slice(start, end);
  const metadata: Record<string, unknown> = { resourceVersion: rv };
  if (end < all.length) {
    metadata.continue = Buffer.from(JSON.stringify({ rv, start: end } satisfies ContinueToken)).toString("base64url");
    metadata.remainingItemCount = all.length - end;
  }
  if (wantsTable(req.accept)) {
    const table = toTable(route, items, rv, query) as { metadata: Record<string, unknown> };
    table.metadata = metadata;
    return { status: 200, body: table, contentType: TABLE_CONTENT_TYPE };
  }
  // typed (built-in) lists encode their items without apiVersion and kind; unstructured ones keep them
  const encoded = route.type.crd ? items : items.map(({ apiVersion: _v, kind: _k, ...rest }) => rest);
  return { status: 200, body: { kind: route.type.listKind, apiVersion: route.apiVersion, metadata, items: encoded } };
}
