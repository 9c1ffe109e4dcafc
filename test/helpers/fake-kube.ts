import { ForbiddenError, KubeApiError } from "../../sdk/errors.ts";
import type { Clock } from "../../sdk/ports/clock.ts";
import { KubeConflict, refString, type KubeObject, type KubePort, type ObjectRef } from "../../sdk/ports/kube.ts";
import { ObjectStore, StoreConflict } from "../../sdk/sim/store.ts";
import { applyMergePatch } from "../../sdk/util/merge-patch.ts";

/**
 * How one request fails, as a production port reports it once its own retries are spent: the
 * server's 500 or 403, a 409 (patches only: a lost write race), a connection reset, or no answer
 * within the port's 30 s deadline (on the `clock` the fake was given), the write landing first when `landed`.
 */
export type RequestFault = { kind: "500" } | { kind: "403" } | { kind: "409" } | { kind: "reset" } | { kind: "timeout"; landed?: boolean };

const FAKE_SERVER = "https://fake-kube.test (context fake)";

function faultError(fault: RequestFault, ref: Pick<ObjectRef, "kind" | "namespace" | "name">, op: string): Error {
  const object = refString(ref);
  switch (fault.kind) {
    case "500":
      return new KubeApiError(500, object, "Internal error occurred: etcdserver: request timed out");
    case "403":
      return new ForbiddenError(op, `${ref.kind.toLowerCase()}s`, ref.namespace);
    case "409":
      return new KubeConflict("the object has been modified; please apply your changes to the latest version and try again");
    case "reset":
      return new KubeApiError(0, object, `cannot reach the API server at ${FAKE_SERVER}: ECONNRESET.`);
    case "timeout":
      return new KubeApiError(0, object, `the API server at ${FAKE_SERVER} did not answer ${op} within 30s.`);
  }
}

/**
 * A KubePort straight over an ObjectStore (no HTTP), with failure switches so engine tests can
 * pick exactly which call fails: lost write races, rejected writes, a controller reverting writes,
 * the n-th request failing. `clock`: what a request that times out waits on (default: it does not wait).
 */
export function createFakeKube(store = new ObjectStore(), clock?: Clock) {
  let requests = 0;
  const switches = {
    /** The next N patches answer 409. */
    conflicts: 0,
    /** Patches to objects of this kind throw this error. */
    rejectPatch: undefined as undefined | { kind: string; error: Error },
    /** After each patch, a "GitOps controller" puts this object back as it was. */
    revert: undefined as undefined | { kind: string },
    /** By request number (1-based; every get, list and patch counts): how that request fails. A 409 fails only a patch. */
    faults: new Map<number, RequestFault>(),
    /** Told each request's number before it is served (a test cancels the run at one). */
    onRequest: undefined as undefined | ((n: number) => void),
  };
  /** Counts the request and fails it if a fault is set for its number; `land` makes a patch's write, for a timeout after it landed. */
  const serve = async (ref: Pick<ObjectRef, "kind" | "namespace" | "name">, op: string, land?: () => void) => {
    const n = ++requests;
    switches.onRequest?.(n);
    const fault = switches.faults.get(n);
    if (!fault || (fault.kind === "409" && op !== "patch")) return;
    if (fault.kind === "timeout") {
      if (fault.landed) land?.();
      await clock?.sleep(30_000);
    }
    throw faultError(fault, ref, op);
  };
  const calls: { op: string; ref: string }[] = [];
  const key = (r: { apiVersion: string; kind: string; namespace?: string; name: string }) => ({ apiVersion: r.apiVersion, kind: r.kind, namespace: r.namespace, name: r.name });
  const kube: KubePort = {
    async get(ref) {
      calls.push({ op: "get", ref: `${ref.kind}/${ref.name}` });
      await serve(ref, "get");
      return store.get(key(ref));
    },
    async list(o) {
      calls.push({ op: "list", ref: o.kind });
      await serve({ kind: o.kind, namespace: o.namespace, name: "(list)" }, "list");
      return store.list(o.apiVersion, o.kind, o.namespace, o.labelSelector);
    },
    async patch(ref: ObjectRef, patch: object, options = {}) {
      calls.push({ op: "patch", ref: `${ref.kind}/${ref.name}` });
      const land = () => {
        const current = store.get(key(ref))!;
        if (!options.resourceVersion || current.metadata.resourceVersion === options.resourceVersion) store.update(applyMergePatch(current, patch) as KubeObject);
      };
      await serve(ref, "patch", land);
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

/** A namespace with a VirtualService (subsets stable/release at 10/90) and its DestinationRule, both named after the host `name`. */
export function seedRoute(store: ObjectStore, split: Record<string, number> = { stable: 10, release: 90 }, name = "checkout-api") {
  store.create({
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { name, namespace: "prod" },
    spec: { host: name, subsets: Object.keys(split).map((subset) => ({ name: subset, labels: { version: subset } })) },
  });
  store.create({
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name, namespace: "prod" },
    spec: {
      hosts: [name],
      http: [{ name: "primary", route: Object.entries(split).map(([subset, weight]) => ({ destination: { host: name, subset }, weight })) }],
    },
  });
}
