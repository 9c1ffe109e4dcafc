import { InvalidPlanError, type FieldIssue } from "../../errors.ts";
import { SCHEMA_ANNOTATION } from "../../workloads/annotations.ts";
import type { EngineContext } from "../../engine/context.ts";
import { revisionNumbered, revisionText, type Deployment } from "../../workloads/deployment.ts";
import { verdict, type Gate, type GatePolicy, type Verdict } from "../gate.ts";
import { checkPace, checkPolicy, workloadIssues } from "../options.ts";
import { TOOLS, type History, type MigrationTool } from "./history.ts";
import { isCount, quoted, refuseIssues, unknownKeys } from "../../plan/check-option.ts";
import { closest } from "../../util/closest.ts";
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

const nonEmptyText = (v: unknown): v is string => typeof v === "string" && v !== "";

/** Problems with where the database is: one of `url` and `urlEnv`, as text. */
function databaseIssues(database: unknown): FieldIssue[] {
  const example = `database: { urlEnv: "DATABASE_URL" } (the URL read from that environment variable, keeping the password out of the plan) or database: { url: "postgres://…" }`;
  if (!database || typeof database !== "object") {
    // a string here is most likely the URL itself, password and all: never quoted
    const got = typeof database === "string" ? "text, not shown: it may hold a password" : quoted(database);
    return [{ path: "database", message: `${database === undefined ? "is missing" : `must be an object (got ${got})`}; give ${example}` }];
  }
  const given = database as Record<string, unknown>;
  const misspelt = unknownKeys(given, ["url", "urlEnv"], "database");
  const named = (["url", "urlEnv"] as const).filter((k) => given[k] !== undefined);
  if (named.length > 1) return [...misspelt, { path: "database", message: "give url or urlEnv, not both" }];
  if (!named.length) return misspelt.length ? misspelt : [{ path: "database", message: `names no database; give ${example}` }];
  // the URL may hold a password: never quote it
  return nonEmptyText(given[named[0]!]) ? misspelt : [...misspelt, { path: `database.${named[0]}`, message: "must be non-empty text" }];
}

/** Problems with what the target expects: a `maxVersion`, its `migrations`, or a workload's annotation. */
function expectIssues(expect: unknown): FieldIssue[] {
  const forms = `expect: { maxVersion: "42" }, expect: { migrations: ["41", "42"] } or expect: { fromWorkload: release, revision: 3 }`;
  if (!expect || typeof expect !== "object") return [{ path: "expect", message: `${expect === undefined ? "is missing" : `must be an object (got ${quoted(expect)})`}; give ${forms}` }];
  const e = expect as Record<string, unknown>;
  const named = ["maxVersion", "migrations", "fromWorkload"].filter((k) => k in e);
  if (named.length > 1) return [{ path: "expect", message: `gives ${named.join(" and ")}: give one of them, as ${forms}` }];
  if ("maxVersion" in e) {
    // a number would lose what makes versions differ: 1.10 is 1.1
    const issues = unknownKeys(e, ["maxVersion"], "expect");
    return nonEmptyText(e.maxVersion) ? issues : [...issues, { path: "expect.maxVersion", message: `must be the version as text, in quotes, e.g. maxVersion: "1.10" (got ${quoted(e.maxVersion)}; as a number 1.10 would read 1.1)` }];
  }
  if ("migrations" in e) {
    const issues = unknownKeys(e, ["migrations"], "expect");
    const ok = Array.isArray(e.migrations) && e.migrations.length > 0 && e.migrations.every(nonEmptyText);
    return ok ? issues : [...issues, { path: "expect.migrations", message: `must list the target's migration ids as text, e.g. ["41", "42"] (got ${quoted(e.migrations)})` }];
  }
  if ("fromWorkload" in e) {
    const issues = [...unknownKeys(e, ["fromWorkload", "annotation", "revision"], "expect"), ...workloadIssues(e.fromWorkload, "expect.fromWorkload")];
    if (e.revision !== undefined && !isCount(e.revision, 1)) issues.push({ path: "expect.revision", message: `must be a revision number, 1 or more (got ${quoted(e.revision)})` });
    if (e.annotation !== undefined && !nonEmptyText(e.annotation)) issues.push({ path: "expect.annotation", message: `must be an annotation name (got ${quoted(e.annotation)})` });
    return issues;
  }
  const misspelt = unknownKeys(e, ["maxVersion", "migrations", "fromWorkload", "annotation", "revision"], "expect");
  return misspelt.length ? misspelt : [{ path: "expect", message: `says nothing the target expects; give ${forms}` }];
}

/** Problems with a schema gate's options, all at once: it is declared before traffic moves. */
function schemaIssues(opts: SchemaOptions): FieldIssue[] {
  const issues = [...unknownKeys(opts, ["database", "tool", "expect", "table", "env", "policy"]), ...databaseIssues(opts?.database), ...expectIssues(opts?.expect)];
  const tools: readonly unknown[] = [...TOOLS, "auto"];
  if (!tools.includes(opts?.tool)) {
    const meant = typeof opts?.tool === "string" ? closest(opts.tool, tools as string[]) : undefined;
    const given = opts?.tool === undefined ? "is missing" : `${quoted(opts.tool)} is not a tool the gate reads${meant ? ` (did you mean "${meant}"?)` : ""}`;
    issues.push({ path: "tool", message: `${given}; give ${TOOLS.map((t) => `"${t}"`).join(", ")}, or "auto" to find the one history table there is` });
  }
  if (opts?.table !== undefined && !nonEmptyText(opts.table)) issues.push({ path: "table", message: `must be the history table's name, e.g. "flyway_schema_history" or "migrations.flyway_schema_history" (got ${quoted(opts.table)})` });
  return issues;
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
  refuseIssues("gates.schema", schemaIssues(opts));
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
