import { describe, expect, test } from "vitest";
import { condition, createWorld, isReady, requests, revision } from "./model-fixtures.ts";

describe("seeding the cold-jvm scenario", () => {
  const w = createWorld("thin-stable-pool");

  test("namespace, service and Istio routes", () => {
    expect(w.store.get({ apiVersion: "v1", kind: "Namespace", name: "prod" })).toBeDefined();
    const svc = w.store.get({ apiVersion: "v1", kind: "Service", namespace: "prod", name: "checkout-api" })!;
    expect(svc.spec.selector).toEqual({ app: "checkout-api" });
    expect(svc.spec.ports[0].port).toBe(8080);

    const dr = w.store.get({ apiVersion: "networking.istio.io/v1", kind: "DestinationRule", namespace: "prod", name: "checkout-api" })!;
    expect(dr.spec).toEqual({
      host: "checkout-api",
      subsets: [
        { name: "stable", labels: { version: "stable" } },
        { name: "release", labels: { version: "release" } },
      ],
    });
    const vs = w.store.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" })!;
    expect(vs.spec).toEqual({
      hosts: ["checkout-api"],
      http: [
        {
          name: "primary",
          route: [
            { destination: { host: "checkout-api", subset: "stable" }, weight: 10 },
            { destination: { host: "checkout-api", subset: "release" }, weight: 90 },
          ],
        },
      ],
    });
  });

  test("deployments carry the current image, selector, strategy and revision", () => {
    const d = w.deployment("checkout-api");
    // Helm deployed it: its ownership marks sit beside the app's labels
    expect(d.metadata.labels).toEqual({ app: "checkout-api", version: "release", "app.kubernetes.io/managed-by": "Helm" });
    expect(d.metadata.annotations).toEqual({ "deployment.kubernetes.io/revision": "3", "meta.helm.sh/release-name": "checkout-api", "meta.helm.sh/release-namespace": "prod" });
    expect(d.spec.selector).toEqual({ matchLabels: { app: "checkout-api", version: "release" } });
    expect(d.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } });
    const [container] = d.spec.template.spec.containers;
    expect(container).toMatchObject({
      name: "checkout-api",
      image: "registry.example.com/checkout-api:2.0.0",
      readinessProbe: { httpGet: { path: "/healthz", port: 8080 } },
    });
    expect(revision(w.deployment("checkout-api-stable"))).toBe(1);
  });

  test("one ReplicaSet per revision, owned by the Deployment, only the current one scaled", () => {
    const d = w.deployment("checkout-api");
    const sets = w.replicaSets("checkout-api");
    expect(sets.map(revision)).toEqual([1, 2, 3]);
    expect(sets.map((rs) => rs.spec.replicas)).toEqual([0, 0, 8]);
    expect(sets.map((rs) => rs.spec.template.spec.containers[0].image)).toEqual([
      "registry.example.com/checkout-api:1.8.2",
      "registry.example.com/checkout-api:1.9.0",
      "registry.example.com/checkout-api:2.0.0",
    ]);
    for (const rs of sets) {
      const hash = rs.metadata.labels?.["pod-template-hash"];
      expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
      expect(rs.metadata.name).toBe(`checkout-api-${hash}`);
      expect(rs.spec.selector.matchLabels["pod-template-hash"]).toBe(hash);
      expect(rs.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: "Deployment", name: "checkout-api", uid: d.metadata.uid, controller: true })]);
    }
    expect(sets[2]!.status).toMatchObject({ replicas: 8, readyReplicas: 8, availableReplicas: 8 });
  });

  test("the current pods are running, ready and warm", () => {
    const current = w.replicaSets("checkout-api")[2]!;
    const pods = w.pods("app=checkout-api,version=release");
    expect(pods).toHaveLength(8);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(new RegExp(`^${current.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: "ReplicaSet", name: current.metadata.name, uid: current.metadata.uid });
      expect(pod.status.phase).toBe("Running");
      expect(isReady(pod)).toBe(true);
      expect(pod.status.containerStatuses[0]).toMatchObject({ ready: true, restartCount: 0, image: "registry.example.com/checkout-api:2.0.0" });
      expect(pod.status.containerStatuses[0].imageID).toMatch(/@sha256:[0-9a-f]{64}$/);
      // warm: started before the warm history began
      expect(Date.parse(pod.status.containerStatuses[0].state.running.startedAt)).toBeLessThan(w.startMs - 300_000 - 90_000);
    }
    expect(w.pods("version=stable")).toHaveLength(2);
  });

  test("deployment status is complete", () => {
    const d = w.deployment("checkout-api");
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 8, updatedReplicas: 8, readyReplicas: 8, availableReplicas: 8, unavailableReplicas: 0 });
    expect(condition(d, "Available")).toMatchObject({ status: "True", reason: "MinimumReplicasAvailable" });
    expect(condition(d, "Progressing")).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable" });
  });

  test("the warm history has metrics up to the start", () => {
    const [series] = w.tsdb.select([{ name: "__name__", op: "=", value: "istio_requests_total" }, { name: "response_code", op: "=", value: "200" }], 0, w.startMs);
    const times = series!.samples.map(([t]) => t);
    expect(times[0]).toBe(w.startMs - 300_000 + 5000);
    expect(times.at(-1)).toBe(w.startMs);
    expect(times[1]! - times[0]!).toBe(5000);

    // 2.0.0 fails 30% of the release subset's 360 rps; 1.9.4 serves the stable subset's 40 rps cleanly
    const from = w.startMs - 60_000;
    const release = w.increase(requests("release"), from, w.startMs);
    expect(release / 60).toBeCloseTo(360, 6);
    expect(w.increase(requests("release", { response_code: "500" }), from, w.startMs) / release).toBeCloseTo(0.3, 6);
    expect(w.increase(requests("stable"), from, w.startMs) / 60).toBeCloseTo(40, 6);
    expect(w.increase(requests("stable", { response_code: "500" }), from, w.startMs)).toBe(0);
    expect(w.valueAt({ __name__: "kube_deployment_status_replicas_available", namespace: "prod", deployment: "checkout-api" }, w.startMs)).toBe(8);
  });

  test("labels of requests and durations are Istio's", () => {
    const [s] = w.tsdb.select([{ name: "__name__", op: "=", value: "istio_requests_total" }, { name: "reporter", op: "=", value: "destination" }, { name: "destination_version", op: "=", value: "release" }, { name: "response_code", op: "=", value: "200" }], 0, w.startMs);
    expect(s!.labels).toEqual({
      __name__: "istio_requests_total",
      reporter: "destination",
      source_workload: "istio-ingressgateway",
      destination_service_name: "checkout-api",
      destination_service_namespace: "prod",
      destination_service: "checkout-api.prod.svc.cluster.local",
      destination_workload: "checkout-api",
      destination_workload_namespace: "prod",
      destination_version: "release",
      destination_canonical_service: "checkout-api",
      response_code: "200",
      response_flags: "-",
    });
    const buckets = w.tsdb.select([{ name: "__name__", op: "=", value: "istio_request_duration_milliseconds_bucket" }, { name: "destination_version", op: "=", value: "stable" }, { name: "response_code", op: "=", value: "200" }], 0, w.startMs);
    expect(buckets.map((b) => b.labels.le)).toEqual(["0.5", "1", "5", "10", "25", "50", "100", "250", "500", "1000", "2500", "5000", "10000", "30000", "60000", "300000", "600000", "1800000", "3600000", "+Inf"]);
    // warm 1.9.4 answers in 28 ms on average: 1 - e^(-25/28) of requests within 25 ms
    const at = (le: string) => w.valueAt({ __name__: "istio_request_duration_milliseconds_bucket", destination_version: "stable", response_code: "200", le }, w.startMs);
    expect(at("25") / at("+Inf")).toBeCloseTo(1 - Math.exp(-25 / 28), 6);
    const sum = w.valueAt({ __name__: "istio_request_duration_milliseconds_sum", destination_version: "stable", response_code: "200" }, w.startMs);
    const count = w.valueAt({ __name__: "istio_request_duration_milliseconds_count", destination_version: "stable", response_code: "200" }, w.startMs);
    expect(sum / count).toBeCloseTo(28, 6);
  });

  test("exposes the database schema version", () => {
    expect(w.model.schemaVersion).toBe(41);
    expect(createWorld("schema-from-the-future").model.schemaVersion).toBe(42);
  });
});
