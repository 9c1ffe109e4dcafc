import { kubeTime } from "../kube-time.ts";
import type { KubeObject } from "../../ports/kube.ts";
import { SCHEMA_ANNOTATION } from "../../workloads/annotations.ts";
import type { Scenario } from "../scenario.ts";
import type { ObjectStore } from "../store.ts";
import { defaultPodTemplate } from "./pod-defaults.ts";
import { POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, controllerRef, podTemplateHash, REVISION_HISTORY_ANNOTATION } from "./meta.ts";
import { seedRoutes, servicePort, servicesOf } from "./seed-routes.ts";
import { seedHelmRelease } from "./helm-releases.ts";

// How far apart the seeded revisions were rolled out: only creation timestamps and ReplicaSet age order depend on it.
const REVISION_SPACING_MS = 24 * 3600_000;

type ScenarioDeployment = Scenario["deployments"][number];

/**
 * One revision of a scenario Deployment as its author wrote it (what a chart renders, or `kubectl
 * apply` sends): no server defaults, status or bookkeeping. With an autoscaler, replicas are left to
 * it, as charts that enable one leave them out.
 */
export function authoredDeployment(scenario: Scenario, d: ScenarioDeployment, image: string): KubeObject {
  const port = servicePort(scenario, d.service);
  const { schema, httpsOnly } = scenario.images[image] ?? {};
  const selector = { app: d.service, version: d.version };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    // app and version come last: they are the selector, an extra label must not override them
    metadata: { name: d.name, labels: { ...d.labels, ...selector } },
    spec: {
      ...(d.autoscaler ? {} : { replicas: d.replicas }),
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels: { ...d.labels, ...selector },
          // what a build pipeline stamps on the template: the last migration the image expects
          ...(schema ? { annotations: { [SCHEMA_ANNOTATION]: String(schema.max) } } : {}),
        },
        spec: {
          containers: [
            {
              name: d.service,
              image,
              ports: [{ name: "http", containerPort: port, protocol: "TCP" }],
              readinessProbe: { httpGet: { path: "/healthz", port, ...(httpsOnly ? { scheme: "HTTPS" } : {}) } },
            },
          ],
        },
      },
    },
  };
}

/**
 * The pod template of one revision of a scenario Deployment, defaulted as the API server stores it,
 * so a client that restores an old revision's template gets exactly the old ReplicaSet back.
 */
function podTemplate(scenario: Scenario, d: ScenarioDeployment, image: string): Record<string, any> {
  return defaultPodTemplate(authoredDeployment(scenario, d, image).spec.template);
}

/**
 * Writes the scenario's world into the store at virtual time `at`: the Namespace, Services (one per
 * service, and one per backend of a Gateway API, SMI or nginx route), Deployments with one
 * ReplicaSet per history entry (as the Deployment controller leaves them), and the routes (see
 * seed-routes.ts). Pods are left to the ReplicaSet controller.
 */
export function seedScenario(store: ObjectStore, scenario: Scenario, at: number): void {
  const namespace = scenario.namespace;
  store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace, creationTimestamp: kubeTime(at) }, status: { phase: "Active" } });

  [...servicesOf(scenario)].forEach(([name, { selector, port }], i) => {
    store.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace, labels: { app: selector.app ?? name }, creationTimestamp: kubeTime(at) },
      spec: {
        type: "ClusterIP",
        clusterIP: `10.96.${Math.floor(i / 200)}.${10 + (i % 200)}`,
        selector,
        ports: [{ name: "http", port, targetPort: port, protocol: "TCP" }],
      },
    });
  });

  for (const d of scenario.deployments) {
    seedDeployment(store, scenario, d, at);
    if (d.autoscaler) seedAutoscaler(store, namespace, d.name, d.autoscaler, at);
  }
  seedRoutes(store, scenario, at);
}

/** The Deployment's HorizontalPodAutoscaler, as `kubectl autoscale` makes it (CPU at 80%, the default target). */
function seedAutoscaler(store: ObjectStore, namespace: string, name: string, bounds: { minReplicas: number; maxReplicas: number }, at: number): void {
  store.create({
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name, namespace, creationTimestamp: kubeTime(at) },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
      ...bounds,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } }],
    },
  });
}

function seedDeployment(store: ObjectStore, scenario: Scenario, d: ScenarioDeployment, at: number): void {
  const namespace = scenario.namespace;
  const n = d.history.length;
  const revisionAt = (revision: number) => at - (n - revision) * REVISION_SPACING_MS;
  const authored = authoredDeployment(scenario, d, d.history[n - 1]!);
  // a Helm release's Deployment carries Helm's ownership marks and field ownership, as helm applied it
  const helm = d.helm ? seedHelmRelease(store, scenario, d, revisionAt, (image) => authoredDeployment(scenario, d, image)) : undefined;
  const deployment = store.create({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: d.name,
      namespace,
      labels: { ...authored.metadata.labels, ...helm?.labels },
      annotations: { [REVISION_ANNOTATION]: String(n), ...helm?.annotations },
      creationTimestamp: kubeTime(revisionAt(1)),
      ...(helm ? { managedFields: helm.managedFields } : {}),
    },
    spec: {
      replicas: d.replicas,
      selector: authored.spec.selector,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: defaultPodTemplate(authored.spec.template),
    },
  });

  // A history that returns to an earlier image reuses that revision's ReplicaSet, as a rollback does.
  const byHash = new Map<string, { image: string; revisions: number[] }>();
  d.history.forEach((image, i) => {
    const hash = podTemplateHash(podTemplate(scenario, d, image));
    const entry = byHash.get(hash) ?? { image, revisions: [] };
    entry.revisions.push(i + 1);
    byHash.set(hash, entry);
  });
  for (const [hash, { image, revisions }] of byHash) {
    const revision = revisions[revisions.length - 1]!;
    const template = podTemplate(scenario, d, image);
    template.metadata.labels[POD_TEMPLATE_HASH_LABEL] = hash;
    const rs: KubeObject = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${d.name}-${hash}`,
        namespace,
        labels: { ...template.metadata.labels },
        annotations: {
          [REVISION_ANNOTATION]: String(revision),
          ...(revisions.length > 1 ? { [REVISION_HISTORY_ANNOTATION]: revisions.slice(0, -1).join(",") } : {}),
        },
        ownerReferences: [controllerRef(deployment)],
        creationTimestamp: kubeTime(revisionAt(revisions[0]!)),
      },
      spec: {
        replicas: revision === n ? d.replicas : 0,
        selector: { matchLabels: { app: d.service, version: d.version, [POD_TEMPLATE_HASH_LABEL]: hash } },
        template,
      },
    };
    store.create(rs);
  }
}
