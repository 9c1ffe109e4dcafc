import { checkoutWorld } from "./checkout-world.ts";
import type { ScenarioInput } from "../scenario.ts";

/** The scenarios `--scenario NAME` knows without a file. */
export const builtinScenarios: Record<string, ScenarioInput> = {
  "cold-jvm": {
    ...checkoutWorld,
    name: "cold-jvm",
    description:
      "Rolled-back pods report ready after 5 s but need 90 s to warm up: until then their latency is up to 20x and some requests time out.",
    database: { schemaVersion: 41 },
    faults: { readinessSeconds: 5, warmupSeconds: 90, coldLatencyFactor: 20, coldErrorRate: 0.05, schemaMismatchErrorRate: 0.4 },
  },
  "schema-from-the-future": {
    ...checkoutWorld,
    name: "schema-from-the-future",
    description:
      "Release 2.0.0 migrated the database to schema 42. The rollback target 1.9.0 was built for schema 41 and fails 40% of requests against it: a rollback cannot fix this, a roll forward can.",
    database: { schemaVersion: 42 },
    faults: { readinessSeconds: 5, warmupSeconds: 10, coldLatencyFactor: 20, coldErrorRate: 0.05, schemaMismatchErrorRate: 0.4 },
  },
  "thin-stable-pool": {
    ...checkoutWorld,
    name: "thin-stable-pool",
    description:
      "As cold-jvm, but the stable pool was scaled down to 2 pods: sending everyone to it at once would shed most requests, so isolation must scale it up first and shift in steps.",
    database: { schemaVersion: 41 },
    deployments: checkoutWorld.deployments.map((d) => (d.name === "checkout-api-stable" ? { ...d, replicas: 2 } : d)),
    faults: { readinessSeconds: 5, warmupSeconds: 90, coldLatencyFactor: 20, coldErrorRate: 0.05, schemaMismatchErrorRate: 0.4 },
  },
  healthy: {
    ...checkoutWorld,
    name: "healthy",
    description: "No extra faults: pods warm in 10 s and the database is on schema 41.",
    database: { schemaVersion: 41 },
  },
};
