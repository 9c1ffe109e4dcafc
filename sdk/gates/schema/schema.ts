import { InvalidPlanError } from "../../errors.ts";
import { SCHEMA_ANNOTATION } from "../../workloads/annotations.ts";
import type { EngineContext } from "../../engine/context.ts";
import { revisionNumbered, revisionText, type Deployment } from "../../workloads/deployment.ts";
import { verdict, type Gate, type GatePolicy, type Verdict } from "../gate.ts";
import { checkPace, checkPolicy } from "../options.ts";
import type { History, MigrationTool } from "./history.ts";
import type { DatabaseOptions } from "../../ports/database.ts";
import { createPostgresDatabases } from "./postgres.ts";
import { standing, type Expectation } from "./judge.ts";

export type { DatabaseOptions };

export { SCHEMA_ANNOTATION };

export interface SchemaOptions {
  database: DatabaseOptions;
  /** Whose history table to read; "auto" finds the one table that exists. */
  tool: MigrationTool | "auto";
  /**
   * What the rollback target was built for: its last migration (`maxVersion`, for Liquibase a
   * changeset id or tag), every migration it knows (`migrations`), or the annotation on a
   * workload's pod template (of `revision`, when given: the one a rollback would go back to).
   */
  expect: Expectation | { fromWorkload: Deployment; annotation?: string; revision?: number };
  /** The history table, when not the tool's default name or not on the search path ("schema.table"). */
  table?: string;
  /** Where `database.urlEnv` is looked up. Default: the process environment. */
  env?: Record<string, string | undefined>;
  policy?: Partial<GatePolicy>;
}

/** The target's expectation and how messages name it. */
async function expectation(ctx: EngineContext, e: SchemaOptions["expect"]): Promise<{ expect: Expectation; target: string }> {
  if ("maxVersion" in e) return { expect: e, target: `version ${e.maxVersion}` };
  if ("migrations" in e) return { expect: e, target: `the target (built with ${e.migrations.length} migrations, the last ${e.migrations.at(-1) ?? "none"})` };
  const annotation = e.annotation ?? SCHEMA_ANNOTATION;
  let template = (await e.fromWorkload.get()).spec?.template;
  let where = e.fromWorkload.label;
  if (e.revision !== undefined) {
    const history = await e.fromWorkload.revisions();
    const rev = revisionNumbered(history, e.revision);
    if (!rev) throw new InvalidPlanError(`gates.schema: ${e.fromWorkload.label} has no revision ${e.revision}; revisions are: ${history.map(revisionText).join(", ")}`);
    const rs = await ctx.kube.get({ apiVersion: "apps/v1", kind: "ReplicaSet", namespace: e.fromWorkload.ref.namespace, name: rev.replicaSet, context: e.fromWorkload.ref.context });
    template = rs?.spec?.template;
    where = `${e.fromWorkload.label} revision ${e.revision}`;
  }
  const value: string | undefined = template?.metadata?.annotations?.[annotation];
  if (!value) throw new InvalidPlanError(`gates.schema: ${where} has no ${annotation} annotation on its pod template; add it at build time (the last migration the image expects)`);
  return { expect: { maxVersion: value }, target: `${where} (${annotation}: ${value})` };
}

const list = (ids: string[]) => (ids.length > 5 ? `${ids.slice(0, 5).join(", ")} and ${ids.length - 5} more` : ids.join(", "));

/** The verdict on a history read from the database. */
function judgeHistory(h: History, e: Expectation, target: string, base: { at: number; subject: string }): Verdict {
  const evidence = { ...base, indicator: "schema", query: h.query, samples: h.applied.length, threshold: `no migrations beyond ${target}` };
  if (h.broken) return verdict("failed", `the schema is half-migrated (${h.tool}): ${h.broken}`, { ...evidence, value: null });
  const s = standing(h, e);
  if (s.undecidable) return verdict("inconclusive", `cannot compare the schema with ${target}: ${s.undecidable}`, { ...evidence, value: null });
  if (s.ahead.length) return verdict("failed", `schema is ahead of ${target}: ${list(s.ahead)}; roll forward instead`, { ...evidence, value: s.ahead.length, unit: "migrations" });
  if (s.behind.length) {
    return verdict("failed", `schema is behind ${target}: ${list(s.behind)} not applied; migrate before switching to it`, { ...evidence, value: s.behind.length, unit: "migrations missing" });
  }
  const latest = h.applied.at(-1) ?? (h.baseline !== undefined ? `the baseline ${h.baseline}` : "no migrations");
  return verdict("passed", `schema matches ${target}: ${latest} is the latest in ${h.table}`, { ...evidence, value: 0, unit: "migrations" });
}

/**
 * A rollback does not rewind the database. This gate reads the applied migrations from
 * PostgreSQL (the history table of Flyway, Liquibase, Prisma, Knex, golang-migrate or Alembic)
 * and fails when the schema is ahead of what the rollback target was built for
 * ("schema is ahead of …; roll forward instead"), behind it, or half-migrated. An unreachable
 * database is an error round; orders it cannot decide (Alembic without a revision list) are
 * inconclusive. `pg` is loaded only when the gate runs.
 * @example
 * const safe = await run.check("schema allows rollback", gates.schema({
 *   database: { urlEnv: "DATABASE_URL" }, tool: "flyway",
 *   expect: { fromWorkload: release, revision: 3 },
 * }));
 * if (safe.phase !== "passed") return rollForward();
 */
export function schema(opts: SchemaOptions): Gate {
  checkPolicy("gates.schema", opts.policy);
  // The schema does not change by waiting: one round decides.
  const policy = { interval: "5s", timeout: "30s", consecutive: 1, failureLimit: 0, ...opts.policy };
  checkPace("gates.schema", policy);
  const what = "fromWorkload" in opts.expect ? `${opts.expect.fromWorkload.label}'s ${opts.expect.annotation ?? SCHEMA_ANNOTATION}` : "maxVersion" in opts.expect ? `version ${opts.expect.maxVersion}` : "the target's migrations";
  return {
    kind: "schema",
    description: `database schema (${opts.tool}) not ahead of ${what}`,
    policy,
    async evaluate({ ctx }) {
      const { expect, target } = await expectation(ctx, opts.expect);
      const databases = ctx.databases ?? createPostgresDatabases();
      const { history, location } = await databases.readHistory({ database: opts.database, tool: opts.tool, ...(opts.table ? { table: opts.table } : {}), ...(opts.env ? { env: opts.env } : {}) });
      return judgeHistory(history, expect, target, { at: ctx.clock.now(), subject: location });
    },
  };
}
