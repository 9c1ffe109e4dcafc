import { describe, expect, it } from "vitest";
import { fieldsOwnedBy } from "../../sdk/kube/managed-fields.ts";
import type { KubeObject } from "../../sdk/ports/kube.ts";

/** A Deployment as the API server serves it: Helm applied it, Firebreak scaled it and set an image, kubectl added a finalizer. */
const deployment: KubeObject = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "checkout-api",
    namespace: "prod",
    finalizers: ["example.com/hold"],
    annotations: { "firebreak.dev/held-by": "run-1", "meta.helm.sh/release-name": "checkout-api" },
    managedFields: [
      {
        manager: "helm",
        operation: "Apply",
        apiVersion: "apps/v1",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:metadata": { "f:annotations": { "f:meta.helm.sh/release-name": {} } }, "f:spec": { "f:replicas": {}, "f:template": { "f:spec": { "f:containers": { 'k:{"name":"app"}': { ".": {}, "f:image": {}, "f:name": {} } } } } } },
      },
      {
        manager: "firebreak",
        operation: "Update",
        apiVersion: "apps/v1",
        fieldsType: "FieldsV1",
        fieldsV1: {
          "f:metadata": { "f:annotations": { "f:firebreak.dev/held-by": {} } },
          "f:spec": { "f:replicas": {}, "f:template": { "f:spec": { "f:containers": { 'k:{"name":"app"}': { "f:image": {} }, 'k:{"name":"gone"}': { "f:image": {} } } } } },
        },
      },
      { manager: "kubectl-edit", operation: "Update", apiVersion: "apps/v1", fieldsType: "FieldsV1", fieldsV1: { "f:metadata": { "f:finalizers": { '.': {}, 'v:"example.com/hold"': {} } } } },
    ],
  },
  spec: {
    replicas: 0,
    template: { spec: { containers: [{ name: "sidecar", image: "istio/proxyv2:1.24.0" }, { name: "app", image: "registry.example.com/checkout-api:1.9.4" }] } },
  },
};

describe("fieldsOwnedBy: a field manager's fields from managedFields, as journal paths", () => {
  it("names fields by key, list items by their index in the object, and quotes keys that are not identifiers", () => {
    expect(fieldsOwnedBy(deployment, "firebreak")).toEqual(['metadata.annotations["firebreak.dev/held-by"]', "spec.replicas", "spec.template.spec.containers[1].image"]);
  });

  it("a list item the object no longer holds owns nothing; '.' owns the node itself; a set's values are found by value", () => {
    expect(fieldsOwnedBy(deployment, "kubectl-edit")).toEqual(["metadata.finalizers", "metadata.finalizers[0]"]);
    expect(fieldsOwnedBy(deployment, "helm")).toContain("spec.template.spec.containers[1]");
  });

  it("a manager with no entry, or an object without managedFields, owns nothing", () => {
    expect(fieldsOwnedBy(deployment, "kube-controller-manager")).toEqual([]);
    expect(fieldsOwnedBy({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } }, "firebreak")).toEqual([]);
  });
});
