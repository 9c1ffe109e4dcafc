import type { History, MigrationTool } from "../gates/schema/history.ts";

/** Where a database is: a URL, or the name of an environment variable holding one (read when used). */
export type DatabaseOptions = { url: string } | { urlEnv: string };

export interface HistoryRequest {
  database: DatabaseOptions;
  /** Whose history table to read; "auto" finds the one table that exists. */
  tool: MigrationTool | "auto";
  /** The history table, when not the tool's default name ("schema.table"). */
  table?: string;
  /** Where `database.urlEnv` is looked up. Default: the process environment. */
  env?: Record<string, string | undefined>;
}

/**
 * The database port: reads which migrations a database has applied. Production reads
 * PostgreSQL's migration history tables; the simulator answers from its model, whose schema a
 * rollback does not rewind.
 */
export interface DatabasePort {
  readHistory(request: HistoryRequest): Promise<{ history: History; location: string }>;
}
