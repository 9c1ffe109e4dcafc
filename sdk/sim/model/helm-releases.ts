import { gzipSync } from "node:zlib";
import { stringify } from "yaml";
import type { KubeObject } from "../../ports/kube.ts";
import { HELM_RELEASE_TYPE } from "../../workloads/helm-release.ts";
import { builtInListTypes } from "../kube-api/list-types.ts";
import { serverSideApply, type ManagedFieldsEntry } from "../kube-api/managed-fields.ts";
import type { Scenario } from "../scenario.ts";
import type { ObjectStore } from "../store.ts";
import { kubeTime } from "../kube-time.ts";

/**
 * A scenario Deployment that Helm manages, as `helm install` and one `helm upgrade` per later
 * history entry leave it (Helm 4): a release record per revision (a Secret, or a ConfigMap under
 * HELM_DRIVER=configmap), and on the Deployment Helm's ownership marks and its server-side-apply
 * field ownership. The real helm binary can then read, roll back and upgrade the release on the
 * simulator's API server, and `helm.release(...)` reads the same records a cluster would hold.
 */

type ScenarioDeployment = Scenario["deployments"][number];

/** What Helm leaves on each object it applies, beside the chart's own fields. */
export interface HelmOwnership {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  managedFields: ManagedFieldsEntry[];
}

/** The tag of an image reference, as charts set appVersion; undefined for a digest or no tag. */
const tagOf = (image: string) => (image.includes("@") ? undefined : /:([^:/]+)$/.exec(image)?.[1]);

/** Helm's storage encoding of a release: JSON, gzipped, base64. A Secret's data adds its own base64 around it. */
export function encodeHelmRelease(release: unknown): string {
  return gzipSync(JSON.stringify(release)).toString("base64");
}

/** A revision's manifest as `helm template` prints it: the template's source, then the rendered object. */
const manifestOf = (chart: string, object: unknown) => `---\n# Source: ${chart}/templates/deployment.yaml\n${stringify(object)}`;

/** The chart's template that rendered `manifest`: the same, with the image taken from the values. */
const templateOf = (manifest: string, image: string) => manifest.replace(stringify({ image }).trim(), "image: {{ .Values.image }}").replace(/^---\n# Source: .*\n/, "");

/**
 * Writes the release records of `d`'s Helm release into the store and returns the ownership its
 * live Deployment carries. `authored(image)` is the Deployment a revision's chart rendered.
 */
export function seedHelmRelease(
  store: ObjectStore,
  scenario: Scenario,
  d: ScenarioDeployment,
  revisionAt: (revision: number) => number,
  authored: (image: string) => KubeObject,
): HelmOwnership {
  const namespace = scenario.namespace;
  const release = d.helm?.release ?? d.name;
  const chart = d.helm?.chart ?? release;
  const n = d.history.length;
  d.history.forEach((image, i) => {
    const revision = i + 1;
    const manifest = manifestOf(chart, authored(image));
    const status = revision === n ? "deployed" : "superseded";
    const record = {
      name: release,
      info: {
        // Helm's own times (Go's time.Time) keep their fraction; Kubernetes' drop it
        first_deployed: new Date(revisionAt(1)).toISOString(),
        last_deployed: new Date(revisionAt(revision)).toISOString(),
        description: revision === 1 ? "Install complete" : "Upgrade complete",
        status,
      },
      chart: {
        metadata: { name: chart, version: d.helm?.chartVersions?.[i] ?? `0.${revision}.0`, apiVersion: "v2", ...(tagOf(image) ? { appVersion: tagOf(image) } : {}) },
        lock: null,
        templates: [{ name: "templates/deployment.yaml", data: Buffer.from(templateOf(manifest, image)).toString("base64") }],
        values: { image },
        schema: null,
        files: null,
      },
      // what the pipeline passed to `helm upgrade --set image=…`
      config: { image },
      manifest,
      version: revision,
      namespace,
      apply_method: "ssa",
    };
    const metadata = {
      name: `sh.helm.release.v1.${release}.v${revision}`,
      namespace,
      labels: { name: release, owner: "helm", status, version: String(revision), modifiedAt: String(Math.floor(revisionAt(n) / 1000)) },
      creationTimestamp: kubeTime(revisionAt(revision)),
    };
    const encoded = encodeHelmRelease(record);
    // a Secret's data is base64 on the wire, around Helm's own; a ConfigMap holds Helm's string as it is
    store.create(
      d.helm?.storage === "configmap"
        ? { apiVersion: "v1", kind: "ConfigMap", metadata, data: { release: encoded } }
        : { apiVersion: "v1", kind: "Secret", type: HELM_RELEASE_TYPE, metadata, data: { release: Buffer.from(encoded).toString("base64") } },
    );
  });

  const labels = { "app.kubernetes.io/managed-by": "Helm" };
  const annotations = { "meta.helm.sh/release-name": release, "meta.helm.sh/release-namespace": namespace };
  // the current revision's object, with the marks helm adds, as the server recorded helm's apply of it
  const current = authored(d.history[n - 1]!);
  const applied: KubeObject = {
    ...current,
    metadata: { ...current.metadata, namespace, labels: { ...current.metadata.labels, ...labels }, annotations },
  };
  const { managedFields } = serverSideApply(undefined, applied, false, {
    manager: "helm",
    apiVersion: "apps/v1",
    time: kubeTime(revisionAt(n)),
    listTypeAt: builtInListTypes,
    scope: "main",
  }).metadata;
  return { labels, annotations, managedFields: managedFields as ManagedFieldsEntry[] };
}
