/**
 * The migration history tables of the tools the schema gate reads, as each tool creates them on
 * PostgreSQL, and how to read "what has been applied, in order" out of each.
 */

export type MigrationTool = "flyway" | "liquibase" | "prisma" | "knex" | "golang-migrate" | "alembic";

/**
 * How a tool's migrations are ordered, which decides what "ahead of a version" can mean:
 * - version: comparable versions (Flyway "1.2.10", golang-migrate 20240101120000, and the
 *   timestamp prefixes of Prisma's and Knex's migration names);
 * - applied: only the order they were applied in (Liquibase changesets);
 * - none: no order at all (Alembic revision hashes).
 */
export type Ordering = "version" | "applied" | "none";

export interface History {
  tool: MigrationTool;
  table: string;
  /** The SQL that read it, for the evidence. */
  query: string;
  /** Applied migrations, oldest first (golang-migrate and Alembic record only the current one). */
  applied: string[];
  /** Liquibase tags by changeset id, so a target can be named by tag. */
  tags?: Map<string, string>;
  /** A Flyway baseline (marker or baseline migration): versions up to it count as applied although they have no row. */
  baseline?: string;
  /** Whether the table lists every migration (true) or only where the schema is now (false). */
  complete: boolean;
  ordering: Ordering;
  /** A half-applied state the tool itself flags: no verdict about versions makes sense then. */
  broken?: string;
}

type Row = Record<string, unknown>;

interface Layout {
  table: string;
  /** Columns and order: `{table}` is replaced by the quoted table name. */
  sql: string;
  ordering: Ordering;
  complete: boolean;
  read(rows: Row[]): Pick<History, "applied" | "tags" | "baseline" | "broken">;
}

const str = (v: unknown) => String(v);

/**
 * Flyway rows that take an applied version back out: an undo migration (Teams' `flyway undo`, type
 * UNDO_SQL, UNDO_JDBC or UNDO_SCRIPT) and a repair's DELETE marking a vanished migration deleted.
 */
const FLYWAY_REVERSALS = /^(UNDO_\w+|DELETE)$/;

/**
 * Where a Flyway history starts: `flyway baseline`'s BASELINE marker (no migration ran), or a
 * baseline migration (B5__, type SQL_BASELINE or JDBC_BASELINE) that stands for every version up to it.
 */
const FLYWAY_BASELINES = /BASELINE$/;

/**
 * The versions a Flyway history leaves applied, in installed order: each reversal cancels its
 * version, and a BASELINE marker is none.
 */
function flywayApplied(rows: Row[]): string[] {
  const applied: string[] = [];
  for (const r of rows) {
    const version = str(r.version);
    if (r.type === "BASELINE") continue;
    if (!FLYWAY_REVERSALS.test(str(r.type))) applied.push(version);
    else if (applied.includes(version)) applied.splice(applied.lastIndexOf(version), 1);
  }
  return applied;
}

/** Knex records file names; a target may list them with or without the extension. */
export const withoutExtension = (name: string) => name.replace(/\.(c|m)?(js|ts)$/, "");

export const LAYOUTS: Record<MigrationTool, Layout> = {
  // Flyway: one row per migration; repeatable ones have no version; success = false is a failed one;
  // an undo or a repair's DELETE row un-applies its version.
  flyway: {
    table: "flyway_schema_history",
    sql: "SELECT version, type, success FROM {table} WHERE version IS NOT NULL ORDER BY installed_rank",
    ordering: "version",
    complete: true,
    read: (rows) => {
      const failed = rows.find((r) => r.success === false);
      const baseline = rows.findLast((r) => r.success !== false && FLYWAY_BASELINES.test(str(r.type)));
      return {
        applied: flywayApplied(rows.filter((r) => r.success !== false)),
        ...(baseline ? { baseline: str(baseline.version) } : {}),
        ...(failed ? { broken: `migration ${str(failed.version)} failed (success = false): run \`flyway repair\` or fix it by hand first` } : {}),
      };
    },
  },
  // Liquibase: one row per changeset, in orderexecuted; a tag marks a point to roll back to.
  liquibase: {
    table: "databasechangelog",
    sql: "SELECT id, tag, exectype FROM {table} ORDER BY orderexecuted",
    ordering: "applied",
    complete: true,
    read: (rows) => {
      const failed = rows.find((r) => r.exectype === "FAILED");
      return {
        applied: rows.filter((r) => r.exectype !== "FAILED").map((r) => str(r.id)),
        tags: new Map(rows.filter((r) => r.tag).map((r) => [str(r.tag), str(r.id)])),
        ...(failed ? { broken: `changeset ${str(failed.id)} is recorded as FAILED` } : {}),
      };
    },
  },
  // Prisma: started_at/finished_at per migration; a rolled-back one no longer counts.
  prisma: {
    table: "_prisma_migrations",
    sql: "SELECT migration_name, finished_at, rolled_back_at FROM {table} ORDER BY started_at, migration_name",
    ordering: "version",
    complete: true,
    read: (rows) => {
      const live = rows.filter((r) => r.rolled_back_at === null);
      const unfinished = live.find((r) => r.finished_at === null);
      return {
        applied: live.filter((r) => r.finished_at !== null).map((r) => str(r.migration_name)),
        ...(unfinished ? { broken: `migration ${str(unfinished.migration_name)} started but never finished: \`prisma migrate resolve\` it first` } : {}),
      };
    },
  },
  // Knex: one row per migration file, in the order (and batches) they ran.
  knex: {
    table: "knex_migrations",
    sql: "SELECT name FROM {table} ORDER BY id",
    ordering: "version",
    complete: true,
    read: (rows) => ({ applied: rows.map((r) => withoutExtension(str(r.name))) }),
  },
  // golang-migrate: a single row, the current version, and whether the last migration broke halfway.
  "golang-migrate": {
    table: "schema_migrations",
    sql: "SELECT version, dirty FROM {table}",
    ordering: "version",
    complete: false,
    read: (rows) => {
      const row = rows[0];
      if (!row) return { applied: [] };
      return {
        applied: [str(row.version)],
        ...(row.dirty === true ? { broken: `the schema is dirty at version ${str(row.version)} (a migration failed halfway): fix it and \`migrate force\` first` } : {}),
      };
    },
  },
  // Alembic: one row per head, the revision the schema is at.
  alembic: {
    table: "alembic_version",
    sql: "SELECT version_num FROM {table}",
    ordering: "none",
    complete: false,
    read: (rows) => ({ applied: rows.map((r) => str(r.version_num)) }),
  },
};

export const TOOLS = Object.keys(LAYOUTS) as MigrationTool[];

/**
 * The part of a migration id that orders it: the whole version for Flyway and golang-migrate,
 * the leading timestamp of a Prisma or Knex migration name ("20240101120000_add_email").
 */
export function versionKey(tool: MigrationTool, id: string): string {
  return tool === "prisma" || tool === "knex" ? (/^\d+/.exec(id)?.[0] ?? id) : id;
}

/**
 * Compares versions part by part, numbers as numbers: "1.10" > "1.9", "20240102" > "20240101",
 * "1.1" = "1.1.0".
 * @example compareVersions("1.10", "1.9") // 1
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[._-]/);
  const pb = b.split(/[._-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    // a missing part is 0: Flyway's "1.1" and "1.1.0" are the same version
    const x = pa[i] ?? "0";
    const y = pb[i] ?? "0";
    const d = /^\d+$/.test(x) && /^\d+$/.test(y) ? Math.sign(Number(BigInt(x) - BigInt(y))) : x.localeCompare(y);
    if (d) return d;
  }
  return 0;
}
