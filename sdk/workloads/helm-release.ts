import { isDeepStrictEqual } from "node:util";
import { loadAll } from "js-yaml";
import type { KubeObject } from "../ports/kube.ts";

/**
 * Helm's release records, read straight from the cluster without the helm binary. Helm 3 and 4
 * store each revision of a release as a Secret `sh.helm.release.v1.<name>.v<revision>` of type
 * `helm.sh/release.v1`, labelled owner=helm, name, status and version; its `release` key holds
 * the release as JSON, gzipped, then base64-encoded (inside the Secret's own base64). With
 * HELM_DRIVER=configmap the same record sits in a ConfigMap's data.
 */

/** Secret type Helm gives release records. */
export const HELM_RELEASE_TYPE = "helm.sh/release.v1";

/** One container image a rendered manifest asks for, with where it sits in its object. */
export interface ManifestImage {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  container: string;
  image: string;
  /** Field path within the object: "spec.template.spec.containers[0].image". */
  field: string;
}

/** One revision of a Helm release. */
export interface HelmRevision {
  revision: number;
  /** As Helm recorded it: deployed, superseded, failed, pending-upgrade, pending-rollback, uninstalled, … */
  status: string;
  /** Chart name. */
  chart: string;
  chartVersion: string;
  appVersion?: string;
  description?: string;
  /** When Helm last deployed this revision (ISO 8601). */
  updated?: string;
  /** The user-supplied values of this revision. */
  values: Record<string, unknown>;
  /** The rendered manifest Helm applied. */
  manifest: string;
  /** Every container image in the manifest. */
  images: ManifestImage[];
  /** Every object in the manifest: what Helm applies (or, once another revision is live, deletes). */
  objects: ManifestObject[];
}

/** One object of a rendered manifest. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** A release record that cannot be read. */
export class HelmRecordError extends Error {
  override name = "HelmRecordError";
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

/** Where each workload kind keeps its pod spec. */
const POD_SPEC: Record<string, string[]> = {
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
  Pod: ["spec"],
};

/** The documents of a rendered multi-document manifest, as Helm renders it: those before a malformed one still count. */
function manifestDocs(manifest: string): KubeObject[] {
  const docs: KubeObject[] = [];
  try {
    // js-yaml, as the kubeconfig: on the incident path it loads in a third of the time of `yaml`
    loadAll(manifest, (doc) => {
      if (doc && typeof doc === "object" && (doc as KubeObject).kind) docs.push(doc as KubeObject);
    });
  } catch {
    // best effort: the documents before a malformed one are kept
  }
  return docs;
}

/**
 * Every container image of the workloads in a rendered multi-document manifest.
 * @example
 * manifestImages(revision.manifest, "prod").map((i) => `${i.kind}/${i.name} ${i.container}=${i.image}`);
 */
export function manifestImages(manifest: string, defaultNamespace?: string): ManifestImage[] {
  return imagesIn(manifestDocs(manifest), defaultNamespace);
}

/** Each object of a revision's manifest as written, with its ref (the release's namespace filled in). */
export function manifestObjects(rev: HelmRevision): { ref: ManifestObject; object: KubeObject }[] {
  // the same parse that made rev.objects, so the two line up one to one
  return manifestDocs(rev.manifest).map((object, i) => ({ ref: rev.objects[i]!, object }));
}

function objectIn(obj: KubeObject, defaultNamespace?: string): ManifestObject {
  const namespace = obj.metadata?.namespace ?? defaultNamespace;
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata?.name, ...(namespace ? { namespace } : {}) };
}

function imagesIn(docs: KubeObject[], defaultNamespace?: string): ManifestImage[] {
  const out: ManifestImage[] = [];
  for (const obj of docs) {
    const path = POD_SPEC[obj.kind];
    if (!path) continue;
    let spec: any = obj;
    for (const k of path) spec = spec?.[k];
    for (const list of ["initContainers", "containers"] as const) {
      (spec?.[list] ?? []).forEach((c: { name: string; image: string }, i: number) => {
        out.push({
          ...objectIn(obj, defaultNamespace),
          container: c.name,
          image: c.image,
          field: `${path.join(".")}.${list}[${i}].image`,
        });
      });
    }
  }
  return out;
}

/**
 * Decodes Helm's encoding of a release: base64, then gzip when it starts with gzip's magic, then JSON.
 * @example
 * decodeReleaseData(Buffer.from(secret.data.release, "base64").toString()).info.status; // "deployed"
 */
export function decodeReleaseData(encoded: string): any {
  const raw = Buffer.from(encoded, "base64");
  const json = raw.subarray(0, 3).equals(GZIP_MAGIC) ? process.getBuiltinModule("node:zlib").gunzipSync(raw) : raw; // zlib on first use: most plans never read a release
  return JSON.parse(json.toString("utf8"));
}

/**
 * Reads one release record (a Secret or ConfigMap Helm wrote) into a revision.
 * @example
 * const [secret] = await kube.list({ apiVersion: "v1", kind: "Secret", namespace: "prod", labelSelector: "owner=helm,name=checkout-api" });
 * decodeHelmRecord(secret).chartVersion; // "2.0.0"
 */
export function decodeHelmRecord(record: KubeObject): HelmRevision {
  const where = `${record.kind} ${record.metadata.namespace}/${record.metadata.name}`;
  const field = (record.data as Record<string, string> | undefined)?.release;
  if (typeof field !== "string") throw new HelmRecordError(`${where} has no 'release' data: it is not a Helm release record`);
  let rel: any;
  try {
    // a Secret's data is base64 on the wire, around Helm's own base64; a ConfigMap's is Helm's alone
    rel = decodeReleaseData(record.kind === "Secret" ? Buffer.from(field, "base64").toString("utf8") : field);
  } catch (err) {
    throw new HelmRecordError(`${where}: the release record is not base64 → gzip → JSON as Helm writes it (${(err as Error).message})`);
  }
  const labels = record.metadata.labels ?? {};
  return releaseRevision(rel, { namespace: record.metadata.namespace, version: labels.version, status: labels.status });
}

/**
 * A release as Helm encodes it (a record's JSON, or what `helm upgrade --dry-run -o json` prints)
 * as a revision; `fallback` fills what an older record leaves out.
 * @example
 * releaseRevision(JSON.parse(await runHelm(helmPath, connection, ["upgrade", …, "--dry-run=server", "-o", "json"]))).images;
 */
export function releaseRevision(rel: any, fallback: { namespace?: string; version?: string; status?: string } = {}): HelmRevision {
  const meta = rel.chart?.metadata ?? {};
  const manifest: string = rel.manifest ?? "";
  const docs = manifestDocs(manifest);
  const namespace: string | undefined = rel.namespace ?? fallback.namespace;
  return {
    revision: Number(rel.version ?? fallback.version),
    status: String(rel.info?.status ?? fallback.status ?? "unknown"),
    chart: String(meta.name ?? ""),
    chartVersion: String(meta.version ?? ""),
    ...(meta.appVersion ? { appVersion: String(meta.appVersion) } : {}),
    ...(rel.info?.description ? { description: String(rel.info.description) } : {}),
    ...(rel.info?.last_deployed ? { updated: String(rel.info.last_deployed) } : {}),
    values: (rel.config ?? {}) as Record<string, unknown>,
    manifest,
    images: imagesIn(docs, namespace),
    objects: docs.map((o) => objectIn(o, namespace)),
  };
}

/** Statuses of a revision that was live and healthy as far as Helm knew. */
const GOOD = new Set(["deployed", "superseded"]);

/**
 * The revision a revision copied when Helm made it by a rollback ("Rollback to 1"), if it did.
 * @example
 * rolledBackTo(revision); // 1 for the revision `helm rollback checkout-api 1` made
 */
export function rolledBackTo(r: HelmRevision): number | undefined {
  const m = /^Rollback to (\d+)$/.exec(r.description ?? "");
  return m ? Number(m[1]) : undefined;
}

/**
 * Whether Helm made a revision by a rollback, done ("Rollback to 1") or failed: a failed rollback's
 * record says `Rollback "checkout-api" failed: …` instead (a field conflict, a hook that timed out).
 */
const isRollback = (r: HelmRevision) => rolledBackTo(r) !== undefined || /^Rollback ".*" failed: /s.test(r.description ?? "");

/**
 * The newest revision before the current (highest) one that Helm recorded as deployed or
 * superseded, and that no rollback has since left: what a rollback should go back to. The
 * revision live when someone rolled back (the one before a rollback's record) was left for a
 * reason, even when that rollback failed and it is still the one deployed.
 * @example
 * lastGoodRevision(history)?.revision; // 1 when 2 is current, or 2 when 3 failed
 */
export function lastGoodRevision(history: HelmRevision[]): HelmRevision | undefined {
  const sorted = [...history].sort((a, b) => a.revision - b.revision);
  const current = sorted.at(-1);
  const leftBehind = new Set(sorted.filter(isRollback).map((r) => r.revision - 1));
  return sorted.filter((r) => r.revision < (current?.revision ?? 0) && GOOD.has(r.status) && !leftBehind.has(r.revision)).at(-1);
}

/**
 * The revision whose values `helm upgrade --reset-then-reuse-values` reuses: the newest deployed
 * one (after a failed upgrade, the one before it), else the newest, as Helm picks it.
 * @example
 * upgradeBase(history).values.image; // revision 2's image when 3 failed
 */
export function upgradeBase(history: HelmRevision[]): HelmRevision | undefined {
  const sorted = [...history].sort((a, b) => a.revision - b.revision);
  return sorted.findLast((r) => r.status === "deployed") ?? sorted.at(-1);
}

/** Whether two revisions are the same release: chart, version, values and rendered manifest (an upgrade from one to the other would only add a copy). */
export function sameRelease(a: HelmRevision, b: HelmRevision): boolean {
  return a.chart === b.chart && a.chartVersion === b.chartVersion && a.manifest === b.manifest && isDeepStrictEqual(a.values, b.values);
}

/**
 * "checkout-api-2.0.0 (app 2.0.0)", how `helm history` shows a revision's chart.
 * @example
 * chartText(revision); // "checkout-api-2.0.0 (app 2.0.0)"
 */
export function chartText(r: HelmRevision): string {
  return `${r.chart}-${r.chartVersion}${r.appVersion ? ` (app ${r.appVersion})` : ""}`;
}
