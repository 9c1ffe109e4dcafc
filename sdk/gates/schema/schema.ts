import type { Client } from "pg";
import { InvalidPlanError } from "../../errors.ts";
import type { EngineContext } from "../../engine/context.ts";
import type { Deployment } from "../../workloads/deployment.ts";
import { verdict, type Gate, type GatePolicy, type Verdict } from "../gate.ts";
import { LAYOUTS, TOOLS, type History, type MigrationTool } from "./history.ts";
import { standing, type Expectation } from "./judge.ts";

/** Where the database is: a URL, or the name of an environment variable holding one (read when the gate runs). */
export type DatabaseOptions = { url: string } | { urlEnv: string };

/** The annotation a workload's pod template carries to say which schema version its image was built for. */
export const SCHEMA_ANNOTATION = "firebreak.dev/schema-version";

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

/** A database that does not answer within this is treated like an unreachable Prometheus: an error round. */
const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 5_000;

/** host:port/database, never credentials. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "(unparsable database URL)";
  }
}

function resolveUrl(opts: SchemaOptions): string {
  if ("url" in opts.database) return opts.database.url;
  const value = (opts.env ?? process.env)[opts.database.urlEnv];
  if (!value) throw new InvalidPlanError(`gates.schema: the environment variable ${opts.database.urlEnv} is not set; it should hold the database URL`);
  return value;
}

async function connect(url: string): Promise<Client> {
  // pg loads only when a plan uses a schema gate
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS, application_name: "firebreak" });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL at ${shown(url)} is unreachable: ${(err as Error).message || (err as { code?: string }).code}`, { cause: err });
  }
  client.on("error", () => {}); // a connection dropped after the query is not this gate's problem
  return client;
}

const quoteTable = (name: string, escape: (s: string) => string) => name.split(".").map(escape).join(".");

async function detect(client: Client): Promise<MigrationTool> {
  const names = TOOLS.map((t) => LAYOUTS[t].table);
  const found = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = ANY(current_schemas(false)) AND table_name = ANY($1)", [names]);
  const tools = TOOLS.filter((t) => found.rows.some((r: { table_name: string }) => r.table_name === LAYOUTS[t].table));
  if (tools.length === 1) return tools[0]!;
  throw new InvalidPlanError(
    tools.length
      ? `gates.schema: found the history tables of ${tools.join(" and ")}; say which one with tool: "${tools[0]}"`
      : `gates.schema: found no migration history table on the search path (looked for ${names.join(", ")}); set tool and table`,
  );
}

async function readHistory(client: Client, tool: MigrationTool | "auto", table: string | undefined): Promise<History> {
  const { escapeIdentifier } = (await import("pg")).default;
  const t = tool === "auto" ? await detect(client) : tool;
  const layout = LAYOUTS[t];
  const name = table ?? layout.table;
  const query = layout.sql.replace("{table}", quoteTable(name, escapeIdentifier));
  let rows: Record<string, unknown>[];
  try {
    rows = (await client.query(query)).rows;
  } catch (err) {
    if ((err as { code?: string }).code === "42P01") throw new InvalidPlanError(`gates.schema: there is no ${t} history table ${name} in this database; check the database URL, tool and table`);
    throw err;
  }
  return { tool: t, table: name, query, ordering: layout.ordering, complete: layout.complete, ...layout.read(rows) };
}

/** The target's expectation and how messages name it. */
async function expectation(ctx: EngineContext, e: SchemaOptions["expect"]): Promise<{ expect: Expectation; target: string }> {
  if ("maxVersion" in e) return { expect: e, target: `version ${e.maxVersion}` };
  if ("migrations" in e) return { expect: e, target: `the target (built with ${e.migrations.length} migrations, the last ${e.migrations.at(-1) ?? "none"})` };
  const annotation = e.annotation ?? SCHEMA_ANNOTATION;
  let template = (await e.fromWorkload.get()).spec?.template;
  let where = e.fromWorkload.label;
  if (e.revision !== undefined) {
    const rev = (await e.fromWorkload.revisions()).find((r) => r.revision === e.revision);
    if (!rev) throw new InvalidPlanError(`gates.schema: ${e.fromWorkload.label} has no revision ${e.revision}`);
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
  return verdict("passed", `schema matches ${target}: ${h.applied.at(-1) ?? "no migrations"} is the latest in ${h.table}`, { ...evidence, value: 0, unit: "migrations" });
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
  const what = "fromWorkload" in opts.expect ? `${opts.expect.fromWorkload.label}'s ${opts.expect.annotation ?? SCHEMA_ANNOTATION}` : "maxVersion" in opts.expect ? `version ${opts.expect.maxVersion}` : "the target's migrations";
  return {
    kind: "schema",
    description: `database schema (${opts.tool}) not ahead of ${what}`,
    // The schema does not change by waiting: one round decides.
    policy: { interval: "5s", timeout: "30s", consecutive: 1, failureLimit: 0, ...opts.policy },
    async evaluate({ ctx }) {
      const url = resolveUrl(opts);
      const { expect, target } = await expectation(ctx, opts.expect);
      const client = await connect(url);
      try {
        const history = await readHistory(client, opts.tool, opts.table);
        return judgeHistory(history, expect, target, { at: ctx.clock.now(), subject: shown(url) });
      } finally {
        await client.end().catch(() => {});
      }
    },
  };
}
