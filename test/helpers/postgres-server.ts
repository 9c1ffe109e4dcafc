import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./prometheus-server.ts";

/** initdb takes 1-2 s here; pg_ctl's own wait (-t) bounds the start. Both get slack for busy CI runners. */
const INITDB_TIMEOUT_MS = 60_000;
const START_TIMEOUT_S = 30;
const STOP_TIMEOUT_S = 10;

/** The newest PostgreSQL server binaries from Debian (`/usr/lib/postgresql/<major>/bin`), if any. */
function findBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root).filter((d) => existsSync(join(root, d, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  return majors[0] && join(root, majors[0], "bin");
}

const BIN = findBin();
/** True when PostgreSQL's server binaries are installed (`.ci/run` installs them). */
export const havePostgres = BIN !== undefined;
export const POSTGRES_MISSING = "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: `apt-get install -y postgresql` (CI's .ci/run does) to run these tests";

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user. */
const asRoot = process.getuid?.() === 0;

function run(tool: string, args: string[], timeoutMs: number): string {
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", join(BIN!, tool), ...args]] : [join(BIN!, tool), args];
  const r = spawnSync(cmd, argv, { encoding: "utf8", timeout: timeoutMs });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed (${r.status ?? r.signal}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

export interface PostgresServer {
  /** Connection URL of a database on this server (trust auth on loopback; default database "postgres"). */
  url(database?: string): string;
  /** Milliseconds for initdb + start. */
  startMs: number;
  /** Fast shutdown, then removes the cluster's directory. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster: initdb in a temporary directory, started with pg_ctl on
 * 127.0.0.1 and a free port (no Unix socket outside the directory), trust authentication.
 * @example
 * const pg = await startPostgres();
 * afterAll(() => pg.stop());
 */
export async function startPostgres(): Promise<PostgresServer> {
  if (!BIN) throw new Error(POSTGRES_MISSING);
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), "firebreak-pg-"));
  const data = join(dir, "data");
  if (asRoot) {
    const ids = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    chownSync(dir, Number(ids.stdout.trim()), Number(gid.stdout.trim()));
  }
  let running = false;
  const pgCtlStop = (mode: string) => run("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", String(STOP_TIMEOUT_S), "stop"], (STOP_TIMEOUT_S + 5) * 1000);
  const stop = async () => {
    try {
      if (running) {
        running = false;
        try {
          pgCtlStop("fast");
        } catch {
          pgCtlStop("immediate");
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions"], INITDB_TIMEOUT_MS);
    const port = await freePort();
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`;
    running = true; // from here on, a failed start may still have left a server behind
    try {
      run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", String(START_TIMEOUT_S), "start"], (START_TIMEOUT_S + 5) * 1000);
    } catch (err) {
      const log = existsSync(join(dir, "log")) ? readFileSync(join(dir, "log"), "utf8").slice(-2_000) : "";
      throw new Error(`${(err as Error).message}\n${log}`);
    }
    return { url: (db = "postgres") => `postgres://postgres@127.0.0.1:${port}/${db}`, startMs: Date.now() - started, stop };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
