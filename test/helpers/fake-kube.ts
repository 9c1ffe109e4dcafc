import { KubeConflict, type KubeObject, type KubePort, type ObjectRef } from "../../sdk/ports/kube.ts";
import { ObjectStore, StoreConflict } from "../../sdk/sim/store.ts";
import { applyMergePatch } from "../../sdk/util/merge-patch.ts";

/**
 * A KubePort straight over an ObjectStore (no HTTP), with failure switches so engine tests can
 * pick exactly which call fails: lost write races, rejected writes, a controller reverting writes.
 */
export function createFakeKube(store = new ObjectStore()) {
  const switches = {
    /** The next N patches answer 409. */
    conflicts: 0,
    /** Patches to objects of this kind throw this error. */
    rejectPatch: undefined as undefined | { kind: string; error: Error },
    /** After each patch, a "GitOps controller" puts this object back as it was. */
    revert: undefined as undefined | { kind: string },
  };
  const calls: { op: string; ref: string }[] = [];
  const key = (r: { apiVersion: string; kind: string; namespace?: string; name: string }) => ({ apiVersion: r.apiVersion, kind: r.kind, namespace: r.namespace, name: r.name });
  const kube: KubePort = {
    async get(ref) {
      calls.push({ op: "get", ref: `${ref.kind}/${ref.name}` });
      return store.get(key(ref));
    },
    async list(o) {
      calls.push({ op: "list", ref: o.kind });
      return store.list(o.apiVersion, o.kind, o.namespace, o.labelSelector);
    },
    async patch(ref: ObjectRef, patch: object, options = {}) {
      calls.push({ op: "patch", ref: `${ref.kind}/${ref.name}` });
      if (switches.conflicts > 0) {
        switches.conflicts--;
        throw new KubeConflict("the object has been modified");
      }
      if (switches.rejectPatch?.kind === ref.kind) throw switches.rejectPatch.error;
      const current = store.get(key(ref))!;
      try {
        const updated = store.update(applyMergePatch(current, patch) as KubeObject, { expectedResourceVersion: options.resourceVersion });
        if (switches.revert?.kind === ref.kind) store.update({ ...current, metadata: { ...current.metadata, resourceVersion: undefined } } as KubeObject);
        return updated;
      } catch (err) {
        if (err instanceof StoreConflict) throw new KubeConflict(err.message);
        throw err;
      }
    },
    async proxyGet() {
      return { status: 200, body: "ok" };
    },
  };
  return { kube, store, switches, calls };
}

/** A namespace with a VirtualService (subsets stable/release at 10/90) and its DestinationRule. */
export function seedRoute(store: ObjectStore, split: Record<string, number> = { stable: 10, release: 90 }) {
  store.create({
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { name: "checkout-api", namespace: "prod" },
    spec: { host: "checkout-api", subsets: Object.keys(split).map((name) => ({ name, labels: { version: name } })) },
  });
  store.create({
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "checkout-api", namespace: "prod" },
    spec: {
      hosts: ["checkout-api"],
      http: [{ name: "primary", route: Object.entries(split).map(([subset, weight]) => ({ destination: { host: "checkout-api", subset }, weight })) }],
    },
  });
}
