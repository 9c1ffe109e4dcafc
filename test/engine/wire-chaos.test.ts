import fc from "fast-check";
import { describe } from "vitest";
import { wellKnownResource } from "../../sdk/kube/discovery.ts";
import { createKube } from "../../sdk/kube/index.ts";
import { TRANSIENT_ATTEMPTS } from "../../sdk/kube/port-core.ts";
import type { KubePort } from "../../sdk/ports/kube.ts";
import { startKubeApiServer, type Fault, type KubeApiServer } from "../../sdk/sim/kube-api/index.ts";
import { holdingClock } from "../../sdk/sim/simulator.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { caseOf, keepsThePromise, seed, type ClusterFor } from "./chaos-cases.ts";

/**
 * The promise (chaos-cases.ts) across the wire: the same generated plans, run through the HTTP
 * port the action uses against the strict loopback API server (CRD validation, resourceVersion
 * preconditions), failed by the server's own fault injection. Each case gets a server of its own
 * over a fresh store (starting one takes under a millisecond once the CRDs are loaded), closed after.
 */

/** The port's deadline, in real time: short, so a case with a hung request still takes milliseconds. */
const DEADLINE_MS = 60;

/** A fault of one of `kinds`, lasting one of `times` matching requests. */
const lasting = (kinds: Fault[], times: number[]) =>
  fc.record({ fault: fc.constantFrom(...kinds), times: fc.constantFrom(...times) }).map(({ fault, times }): Fault => ({ ...fault, times }));

/**
 * Faults the port does not retry: a 403, a 409 (the engine re-reads and writes again), a request
 * held past the port's deadline (each costs that deadline in real time: once or twice). Faults it
 * retries (429, 500, 503, a dropped connection, an answer lost after the write landed) are mostly
 * outlived and now and then outlast every attempt; each such case waits out the port's real
 * backoff (1.3 s), so they are rare enough to keep the file fast.
 */
const faultOf: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 2, arbitrary: lasting([{ kind: "status", status: 403 }, { kind: "status", status: 409 }], [1, 2, TRANSIENT_ATTEMPTS]) },
  { weight: 1, arbitrary: lasting([{ kind: "timeout", ms: DEADLINE_MS + 40 }], [1, 2]) },
  {
    weight: 5,
    arbitrary: lasting(
      [{ kind: "status", status: 429, retryAfterSeconds: 0 }, { kind: "status", status: 500 }, { kind: "status", status: 503 }, { kind: "drop" }, { kind: "lose-answer" }],
      [...Array(9).fill(1), TRANSIENT_ATTEMPTS],
    ),
  },
);

/** The URL path of an object, or of its collection for a ref without a name: the kinds a chaos plan touches are all well known. */
function pathOf(ref: { apiVersion: string; kind: string; namespace?: string; name?: string }): string {
  const resource = wellKnownResource(ref.apiVersion, ref.kind);
  if (!resource) throw new Error(`${ref.kind} is not a well-known kind: the wire chaos property cannot aim a fault at its requests`);
  const base = ref.apiVersion.includes("/") ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
  return `${base}${ref.namespace ? `/namespaces/${ref.namespace}` : ""}/${resource.name}${ref.name ? `/${ref.name}` : ""}`;
}

/**
 * The port with each get, list and patch numbered as the fake numbers them: `onRequest` hears the
 * number first, then the fault scheduled for it is injected at the server for that call's method
 * and path, so the call's first request on the wire meets it (or, now and then, a request to the
 * same object already under way: a fault on the wire all the same).
 */
function faulting(kube: KubePort, api: KubeApiServer, faults: Map<number, Fault>, onRequest: (n: number) => void): KubePort {
  let requests = 0;
  const announce = (method: string, path: string) => {
    const n = ++requests;
    onRequest(n);
    const fault = faults.get(n);
    if (fault) api.faults.inject({ ...fault, method, path });
  };
  return {
    ...kube,
    get: (ref) => (announce("GET", pathOf(ref)), kube.get(ref)),
    list: (o) => (announce("GET", pathOf(o)), kube.list(o)),
    patch: (ref, patch, options) => (announce("PATCH", pathOf(ref)), kube.patch(ref, patch, options)),
  };
}

const wireCluster: ClusterFor<Fault> = async (c, clock, onRequest) => {
  const store = new ObjectStore(clock.now);
  store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "prod" } });
  seed(store);
  const api = await startKubeApiServer({ store });
  const port = await createKube({ kind: "inline", content: api.kubeconfig() }, { requestTimeoutMs: DEADLINE_MS });
  // virtual time stands still while a request is on the wire, as in the simulator
  return { kube: holdingClock(faulting(port, api, new Map(c.faults), onRequest), clock), store, close: () => api.close() };
};

describe("the run's promise to production under faults on the wire", () => {
  const numRuns = Number(process.env.WIRE_CHAOS_RUNS ?? 150);
  keepsThePromise(
    "ends every generated run against the loopback API server in a known state, truthfully reported",
    caseOf(faultOf),
    wireCluster,
    { numRuns, seed: Number(process.env.WIRE_CHAOS_SEED ?? 2) },
    // about 0.1 s a case alone, slower beside other suites; a retried fault outlasting the port costs 1.3 s
    Math.max(60_000, numRuns * 300),
  );
});
