import { checkoutWorld, linkerdCheckoutWorld, nginxCheckoutWorld } from "./checkout-world.ts";
import type { ScenarioInput } from "../scenario.ts";

/** Rolled-back pods report ready after 5 s but need 90 s to warm up. */
const coldJvmFaults = { readinessSeconds: 5, warmupSeconds: 90, coldLatencyFactor: 20, coldErrorRate: 0.05, schemaMismatchErrorRate: 0.4 };
/** Pods warm in 10 s; an image built for another schema fails 40% of requests. */
const quickWarmFaults = { readinessSeconds: 5, warmupSeconds: 10, coldLatencyFactor: 20, coldErrorRate: 0.05, schemaMismatchErrorRate: 0.4 };

const COLD_JVM =
  "Rolled-back pods report ready after 5 s but need 90 s to warm up: until then their latency is up to 20x and some requests time out.";
const SCHEMA_FROM_THE_FUTURE =
  "Release 2.0.0 migrated the database to schema 42. The rollback target 1.9.0 was built for schema 41 and fails 40% of requests against it: a rollback cannot fix this, a roll forward can.";

/** The scenarios `--scenario NAME` knows without a file. */
export const builtinScenarios: Record<string, ScenarioInput> = {
  "cold-jvm": {
    ...checkoutWorld,
    name: "cold-jvm",
    description: COLD_JVM,
    database: { schemaVersion: 41 },
    faults: coldJvmFaults,
  },
  "schema-from-the-future": {
    ...checkoutWorld,
    name: "schema-from-the-future",
    description: SCHEMA_FROM_THE_FUTURE,
    database: { schemaVersion: 42 },
    faults: quickWarmFaults,
  },
  "thin-stable-pool": {
    ...checkoutWorld,
    name: "thin-stable-pool",
    description:
      "As cold-jvm, but the stable pool's autoscaler (2 to 4 replicas) has scaled it down to 2 pods: sending everyone to it at once would shed most requests, so isolation must scale it up first, past the autoscaler's maximum, and shift in steps.",
    database: { schemaVersion: 41 },
    deployments: checkoutWorld.deployments.map((d) => (d.name === "checkout-api-stable" ? { ...d, replicas: 2, autoscaler: { minReplicas: 2, maxReplicas: 4 } } : d)),
    faults: coldJvmFaults,
  },
  healthy: {
    ...checkoutWorld,
    name: "healthy",
    description: "No extra faults: pods warm in 10 s and the database is on schema 41.",
    database: { schemaVersion: 41 },
  },
  "linkerd-cold-jvm": {
    ...linkerdCheckoutWorld,
    name: "linkerd-cold-jvm",
    description: `cold-jvm on Linkerd: a Gateway API HTTPRoute splits checkout-api between the backend Services checkout-api-stable and checkout-api-release. ${COLD_JVM}`,
    database: { schemaVersion: 41 },
    faults: coldJvmFaults,
  },
  "linkerd-schema-from-the-future": {
    ...linkerdCheckoutWorld,
    name: "linkerd-schema-from-the-future",
    description: `schema-from-the-future on Linkerd with a Gateway API HTTPRoute. ${SCHEMA_FROM_THE_FUTURE}`,
    database: { schemaVersion: 42 },
    faults: quickWarmFaults,
  },
  "nginx-cold-jvm": {
    ...nginxCheckoutWorld,
    name: "nginx-cold-jvm",
    description: `cold-jvm behind ingress-nginx: the canary Ingress checkout-api-canary sends 90% of shop.example.com to the release. ${COLD_JVM}`,
    database: { schemaVersion: 41 },
    faults: coldJvmFaults,
  },
  "nginx-schema-from-the-future": {
    ...nginxCheckoutWorld,
    name: "nginx-schema-from-the-future",
    description: `schema-from-the-future behind ingress-nginx canary Ingresses. ${SCHEMA_FROM_THE_FUTURE}`,
    database: { schemaVersion: 42 },
    faults: quickWarmFaults,
  },
};
