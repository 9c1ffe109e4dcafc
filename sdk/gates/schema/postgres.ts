import type { Client } from "pg";
import { InvalidPlanError } from "../../errors.ts";
import type { DatabasePort, HistoryRequest } from "../../ports/database.ts";
import { LAYOUTS, TOOLS, type History, type MigrationTool } from "./history.ts";
import { shown, URL_FIX, urlProblem } from "./database-url.ts";

/** A database that does not answer within this is treated like an unreachable Prometheus: an error round. */
const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 5_000;
/** How long a goodbye may take once the history is read: past it, the socket is dropped. */
const END_TIMEOUT_MS = 1_000;

/** Where the plan put the URL, for messages that cannot quote it. */
const urlSource = (req: HistoryRequest) => ("urlEnv" in req.database ? `the database URL in ${req.database.urlEnv}` : "the database URL (database.url)");

/** The URL, refused when unset or when pg would misread it: a mistake in the plan's setup, not a database that is down. */
function resolveUrl(req: HistoryRequest): string {
  let url: string | undefined;
  if ("url" in req.database) url = req.database.url;
  else {
    url = (req.env ?? process.env)[req.database.urlEnv];
    if (!url) throw new InvalidPlanError(`gates.schema: the environment variable ${req.database.urlEnv} is not set; it should hold the database URL`);
  }
  const problem = urlProblem(url);
  if (problem) throw new InvalidPlanError(`gates.schema: ${urlSource(req)} cannot be read: ${problem}; ${URL_FIX}`);
  return url;
}

/**
 * A refusal of the login or of the database: a mistake in the URL, which connecting again would
 * meet again, not a database that is down. SQLSTATE 28P01 and 28000 (the login), 3D000 (no such database).
 */
function refusal(err: unknown, req: HistoryRequest, at: string): InvalidPlanError | undefined {
  const { code, message } = err as { code?: string; message?: string };
  if (code === "28P01" || code === "28000") {
    return new InvalidPlanError(`gates.schema: PostgreSQL at ${at} refused the login of ${urlSource(req)} (${code}: ${message}): check its user and password; ${URL_FIX}`);
  }
  if (code === "3D000") return new InvalidPlanError(`gates.schema: PostgreSQL at ${at} has no such database (${code}: ${message}): check the database name at the end of ${urlSource(req)}`);
  return undefined;
}

async function connect(url: string, req: HistoryRequest): Promise<Client> {
  // pg loads only when a plan uses a schema gate
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS, application_name: "firebreak" });
  try {
    await client.connect();
  } catch (err) {
    throw refusal(err, req, shown(url)) ?? new Error(`PostgreSQL at ${shown(url)} is unreachable: ${(err as Error).message || (err as { code?: string }).code}`, { cause: err });
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

const notTheToolsTable = (tool: MigrationTool, table: string, why: string) =>
  new InvalidPlanError(
    `gates.schema: ${table} is not a ${tool} history table (${why}): another tool made a table of that name${tool === "golang-migrate" ? " (Rails' schema_migrations has no dirty column)" : ""}. ` +
      `The gate reads the history tables of ${TOOLS.join(", ")}: set tool and table to the one your migrations write`,
  );

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
    const code = (err as { code?: string }).code;
    if (code === "42P01") throw new InvalidPlanError(`gates.schema: there is no ${t} history table ${name} in this database; check the database URL, tool and table`);
    // undefined_column: a table of the tool's name that another tool made
    if (code === "42703") throw notTheToolsTable(t, name, (err as Error).message);
    throw err;
  }
  return { tool: t, table: name, query, ordering: layout.ordering, complete: layout.complete, ...layout.read(rows) };
}

/**
 * Ends the session, without waiting on a link that went silent: `end()` waits for the server to
 * close the socket, which a dropped link or a NAT that black-holes never does, and would hold the
 * gate's round (and the run) forever with the history already read.
 */
async function disconnect(client: Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    client.end().then(
      () => true,
      () => true,
    ),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), END_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  // pg has no public way to drop a connection: its socket is `connection.stream`
  if (!ended) (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

/**
 * The database port over PostgreSQL: connects with `pg` (loaded only when a schema gate runs),
 * reads the tool's history table, and disconnects.
 */
export function createPostgresDatabases(): DatabasePort {
  return {
    async readHistory(req) {
      const url = resolveUrl(req);
      const client = await connect(url, req);
      try {
        return { history: await readHistory(client, req.tool, req.table), location: shown(url) };
      } finally {
        await disconnect(client);
      }
    },
  };
}
