import type { KubeObject } from "../../ports/kube.ts";
import { decodeBody } from "./body.ts";
import { type ApiReply, type ApiRequest, type ServerContext } from "./context.ts";
import { recordUpdate } from "./managed-fields.ts";
import { APPLY_PATCH, applyPatchDocument, checkPatchOptions, JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH } from "./patching.ts";
import { badRequest, cannotHandle, conflict, invalid, invalidValue, notFound, unsupportedMediaType } from "./status.ts";
import { checkWrite, isDryRun, ownershipOf } from "./write-checks.ts";
import { checkUid, commitUpdate } from "./write.ts";

/**
 * The scale subresource (autoscaling/v1 Scale) of Deployments and ReplicaSets: what `kubectl scale`
 * and autoscalers read and write instead of the whole object.
 */

const SCALE_PATCH_TYPES = [JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH];

/** The Scale view of a workload. */
export function scaleOf(obj: KubeObject): KubeObject {
  const matchLabels = (obj.spec?.selector?.matchLabels ?? {}) as Record<string, string>;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: {
      replicas: obj.status?.replicas ?? 0,
      selector: Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`).join(","),
    },
  };
}

/** Checks a Scale a client sent and returns its replicas. */
function replicasOf(scale: unknown, name: string): number {
  const replicas = (scale as { spec?: { replicas?: unknown } } | null)?.spec?.replicas;
  if (replicas === undefined || replicas === null) return 0;
  if (typeof replicas !== "number" || !Number.isInteger(replicas)) {
    throw cannotHandle("Scale", "v1", `json: cannot unmarshal ${typeof replicas === "number" ? `number ${replicas}` : typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
  }
  if (replicas < 0) throw invalid("Scale", "autoscaling", name, [invalidValue("spec.replicas", replicas, "must be greater than or equal to 0")]);
  return replicas;
}

/** GET, PUT or PATCH of …/scale. */
export function scale(ctx: ServerContext, req: ApiRequest): ApiReply {
  const { route } = req;
  const old = ctx.objects.get(route.type, route.namespace, route.name!);
  if (!old) throw notFound({ group: route.group, plural: route.type.plural }, route.name!);
  if (req.method === "GET") return { status: 200, body: scaleOf(old) };

  const dryRun = isDryRun(req.query);
  let wanted: KubeObject;
  if (req.method === "PUT") {
    wanted = decodeBody(req) as KubeObject;
    if (!wanted || typeof wanted !== "object") throw badRequest("the object provided is unrecognized (must be of type Scale)");
  } else {
    if (req.contentType === APPLY_PATCH || !SCALE_PATCH_TYPES.includes(req.contentType)) throw unsupportedMediaType(SCALE_PATCH_TYPES);
    checkPatchOptions(req);
    wanted = applyPatchDocument(req, scaleOf(old)) as KubeObject;
  }
  const replicas = replicasOf(wanted, old.metadata.name);
  const rv = wanted.metadata?.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) throw conflict({ group: route.group, plural: route.type.plural }, old.metadata.name);
  checkUid(route, old, wanted.metadata?.uid);

  const next = structuredClone(old);
  next.apiVersion = route.apiVersion;
  next.spec = { ...next.spec, replicas };
  const mainRoute = { ...route };
  delete mainRoute.subresource;
  const { object } = checkWrite({ ...req, route: mainRoute }, next, old);
  recordUpdate(old, object, ownershipOf(ctx, req));
  return { status: 200, body: scaleOf(commitUpdate(ctx, mainRoute, old, object, undefined, dryRun)) };
}
