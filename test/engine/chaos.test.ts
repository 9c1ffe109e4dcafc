import fc from "fast-check";
import { describe } from "vitest";
import { createFakeKube, type RequestFault } from "../helpers/fake-kube.ts";
import { caseOf, keepsThePromise, seed, type ClusterFor } from "./chaos-cases.ts";

/** The promise (chaos-cases.ts) against the in-process fake KubePort, its faults as a production port reports them once its retries are spent. */

const faultOf: fc.Arbitrary<RequestFault> = fc.oneof(
  fc.constantFrom<RequestFault>({ kind: "500" }, { kind: "403" }, { kind: "409" }, { kind: "reset" }),
  fc.record({ kind: fc.constant("timeout" as const), landed: fc.boolean() }),
);

const fakeCluster: ClusterFor<RequestFault> = async (c, clock, onRequest) => {
  const fake = createFakeKube(undefined, clock);
  seed(fake.store);
  fake.switches.faults = new Map(c.faults);
  fake.switches.onRequest = onRequest;
  return { kube: fake.kube, store: fake.store, close: async () => {} };
};

describe("the run's promise to production under faults", () => {
  keepsThePromise("ends every generated run in a known state, truthfully reported, with no unhandled rejection", caseOf(faultOf), fakeCluster, {
    numRuns: Number(process.env.CHAOS_RUNS ?? 1000),
    seed: Number(process.env.CHAOS_SEED ?? 2),
  });
});
