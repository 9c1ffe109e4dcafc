import { InvalidPlanError } from "../errors.ts";
import type { DatabasePort } from "../ports/database.ts";
import type { ClusterModel } from "./model/index.ts";
import type { Scenario } from "./scenario.ts";

/**
 * The simulator's database, as a schema gate sees it: a Flyway history with migrations 1..N,
 * where N is the model's schema version (which a rollback does not rewind). Any database URL in
 * the plan refers to it, so plans rehearse unchanged.
 */
export function createSimulatedDatabases(scenario: Scenario, model: ClusterModel): DatabasePort {
  return {
    async readHistory(req) {
      const version = model.schemaVersion;
      if (version === undefined) {
        throw new InvalidPlanError(`scenario ${scenario.name} has no database; add database: { schemaVersion: N } to it to rehearse schema gates`);
      }
      if (req.tool !== "flyway" && req.tool !== "auto") {
        throw new InvalidPlanError(`the simulator's database keeps a Flyway history; use tool: "flyway" (or "auto") to rehearse, not "${req.tool}"`);
      }
      return {
        location: `simulated database (scenario ${scenario.name})`,
        history: {
          tool: "flyway",
          table: "flyway_schema_history",
          query: "SELECT version, type, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank",
          applied: Array.from({ length: version }, (_, i) => String(i + 1)),
          complete: true,
          ordering: "version",
        },
      };
    },
  };
}
