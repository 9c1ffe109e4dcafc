import { describe, expect, it } from "vitest";
import { rolloutStatus } from "../../sdk/workloads/rollout-status.ts";

/**
 * The verdicts a real controller-manager leaves in a Deployment's status that the simulator's
 * controller does not: each one as kube-controller-manager writes it.
 */

const deployment = (status: object) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { namespace: "prod", name: "checkout-api", generation: 4, annotations: { "deployment.kubernetes.io/revision": "4" } },
  spec: { replicas: 3, progressDeadlineSeconds: 600 },
  status: { observedGeneration: 4, ...status },
});

const rsNamed = (name: string) => ({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { namespace: "prod", name } });

describe("rolloutStatus", () => {
  it("a rollback of a rollout that timed out is not failed by the verdict on the ReplicaSet it abandoned", () => {
    // kube-controller-manager keeps Progressing=False (ProgressDeadlineExceeded) after a rollback to an
    // existing ReplicaSet until it sees progress; kubectl rollout status fails right then.
    const d = deployment({
      replicas: 4,
      updatedReplicas: 0,
      availableReplicas: 3,
      conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "checkout-api-7d9f8b6c5" has timed out progressing.' }],
    });
    expect(rolloutStatus(d, [], rsNamed("checkout-api-5b7c9d8f4"))).toEqual({ done: false, failed: false, message: "0 of 3 updated replicas" });
    expect(rolloutStatus(d, [], rsNamed("checkout-api-7d9f8b6c5"))).toMatchObject({ done: false, failed: true });
  });
});

describe("rolloutStatus: a paused Deployment", () => {
  const replicaSet = (template: object) => ({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { namespace: "prod", name: "checkout-api-5b7c9d8f4" }, spec: { template } });
  const template = (image: string, hash?: string) => ({ metadata: { labels: { app: "checkout-api", ...(hash ? { "pod-template-hash": hash } : {}) } }, spec: { containers: [{ name: "app", image }] } });
  const paused = (status: object, image = "checkout-api:1.9.4") => {
    const d = deployment(status);
    return { ...d, spec: { ...d.spec, paused: true, template: template(image) } };
  };

  it("still scales (the controller scales a paused Deployment): waiting for that is not a failure", () => {
    const scalingUp = paused({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
    scalingUp.spec.replicas = 5;
    expect(rolloutStatus(scalingUp, [], replicaSet(template("checkout-api:1.9.4", "5b7c9d8f4")))).toEqual({ done: false, failed: false, message: "3 of 5 updated replicas" });
  });

  it("fails at once when its template is not rolled out (the controller will not, paused), or old pods are left", () => {
    const rs = replicaSet(template("checkout-api:1.9.4", "5b7c9d8f4"));
    const newTemplate = paused({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 }, "checkout-api:2.0.1");
    expect(rolloutStatus(newTemplate, [], rs)).toMatchObject({ done: false, failed: true, message: expect.stringMatching(/^it is paused/) });
    const halfway = paused({ replicas: 4, updatedReplicas: 2, availableReplicas: 3 });
    expect(rolloutStatus(halfway, [], rs)).toMatchObject({ done: false, failed: true, message: expect.stringMatching(/^it is paused/) });
  });
});

describe("rolloutStatus: containers that will not start", () => {
  const rolledOutHalfway = deployment({ replicas: 4, updatedReplicas: 1, availableReplicas: 3 });
  const pod = (status: object, containers = ["app"]) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { namespace: "prod", name: "checkout-api-5b7c9d8f4-x2x9q" },
    spec: { containers: containers.map((name) => ({ name, image: `${name}:1` })) },
    status,
  });

  it("a crash-looping sidecar is named, and the logs command shows its logs, not the first container's", () => {
    const sidecarCrashing = pod(
      {
        phase: "Running",
        containerStatuses: [
          { name: "app", restartCount: 0, state: { running: {} } },
          { name: "envoy", restartCount: 4, state: { waiting: { reason: "CrashLoopBackOff" } } },
        ],
      },
      ["app", "envoy"],
    );
    expect(rolloutStatus(rolledOutHalfway, [sidecarCrashing], rsNamed("checkout-api-5b7c9d8f4"))).toEqual({
      done: false,
      failed: true,
      message: "pod checkout-api-5b7c9d8f4-x2x9q is in CrashLoopBackOff (container envoy, restarts: 4); see why: kubectl logs --previous checkout-api-5b7c9d8f4-x2x9q -c envoy -n prod",
    });
  });

  it("an init container in CrashLoopBackOff (a migration that fails) fails the rollout at once", () => {
    const migrating = pod({
      phase: "Pending",
      initContainerStatuses: [{ name: "migrate", restartCount: 3, state: { waiting: { reason: "CrashLoopBackOff" } } }],
      containerStatuses: [{ name: "app", restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }],
    });
    expect(rolloutStatus(rolledOutHalfway, [migrating], rsNamed("checkout-api-5b7c9d8f4"))).toEqual({
      done: false,
      failed: true,
      message: "pod checkout-api-5b7c9d8f4-x2x9q is in CrashLoopBackOff (init container migrate, restarts: 3); see why: kubectl logs --previous checkout-api-5b7c9d8f4-x2x9q -c migrate -n prod",
    });
  });
});

describe("rolloutStatus: a Deployment being deleted", () => {
  it("held by a finalizer (foreground deletion), it fails at once: its rollout will never finish", () => {
    const d = deployment({ replicas: 4, updatedReplicas: 1, availableReplicas: 3 });
    const deleting = { ...d, metadata: { ...d.metadata, deletionTimestamp: "2026-11-24T03:12:00Z", finalizers: ["foregroundDeletion"] } };
    expect(rolloutStatus(deleting, [], rsNamed("checkout-api-5b7c9d8f4"))).toMatchObject({ done: false, failed: true, message: expect.stringMatching(/^it was deleted while its rollout was awaited/) });
  });
});

describe("rolloutStatus: pods the ReplicaSet cannot create", () => {
  // kube-controller-manager copies the new ReplicaSet's FailedCreate (a ResourceQuota, an admission
  // webhook) to the Deployment as ReplicaFailure; nothing else in its status says why it is stuck
  const replicaFailure = {
    type: "ReplicaFailure",
    status: "True",
    reason: "FailedCreate",
    message: 'pods "checkout-api-5b7c9d8f4-" is forbidden: exceeded quota: compute, requested: cpu=2, used: cpu=10, limited: cpu=10',
  };
  const stuck = (progressing: object) =>
    deployment({ replicas: 3, updatedReplicas: 0, availableReplicas: 3, conditions: [progressing, replicaFailure] });

  it("says why while it waits (a quota freed by old pods going away lets it go on), so a timeout says it too", () => {
    const d = stuck({ type: "Progressing", status: "True", reason: "NewReplicaSetCreated", message: 'Created new replica set "checkout-api-5b7c9d8f4"' });
    expect(rolloutStatus(d, [], rsNamed("checkout-api-5b7c9d8f4"))).toEqual({
      done: false,
      failed: false,
      message: `0 of 3 updated replicas; its pods cannot be created (FailedCreate): ${replicaFailure.message}`,
    });
  });

  it("says why when its progress deadline passes", () => {
    const d = stuck({ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "checkout-api-5b7c9d8f4" has timed out progressing.' });
    expect(rolloutStatus(d, [], rsNamed("checkout-api-5b7c9d8f4"))).toMatchObject({
      failed: true,
      message: expect.stringContaining(`has timed out progressing; its pods cannot be created (FailedCreate): ${replicaFailure.message}; see why`),
    });
  });
});
