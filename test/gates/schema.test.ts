import pg from "pg";
import { connect, createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withContext } from "../../sdk/engine/context.ts";
import { InvalidPlanError } from "../../sdk/errors.ts";
import { evaluateGate } from "../../sdk/gates/evaluate.ts";
import { schema, type SchemaOptions } from "../../sdk/gates/schema/schema.ts";
import { createPostgresDatabases } from "../../sdk/gates/schema/postgres.ts";
import { deployment } from "../../sdk/workloads/deployment.ts";
import { createFakeKube } from "../helpers/fake-kube.ts";
import { havePostgres, POSTGRES_MISSING, startPostgres, type PostgresServer } from "../helpers/postgres-server.ts";
import { freePort } from "../helpers/prometheus-server.ts";
import { gateContext, roundOf } from "./support.ts";
import { seedDeployment } from "./workload.ts";

/** Each tool's history table as the tool itself creates it on PostgreSQL. */
const DDL = {
  flyway: `CREATE TABLE flyway_schema_history (
    installed_rank integer NOT NULL, version varchar(50), description varchar(200) NOT NULL, type varchar(20) NOT NULL,
    script varchar(1000) NOT NULL, checksum integer, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),
    execution_time integer NOT NULL, success boolean NOT NULL, CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank))`,
  liquibase: `CREATE TABLE databasechangelog (
    id varchar(255) NOT NULL, author varchar(255) NOT NULL, filename varchar(255) NOT NULL, dateexecuted timestamp NOT NULL,
    orderexecuted integer NOT NULL, exectype varchar(10) NOT NULL, md5sum varchar(35), description varchar(255), comments varchar(255),
    tag varchar(255), liquibase varchar(20), contexts varchar(255), labels varchar(255), deployment_id varchar(10))`,
  prisma: `CREATE TABLE "_prisma_migrations" (
    "id" varchar(36) NOT NULL, "checksum" varchar(64) NOT NULL, "finished_at" timestamptz, "migration_name" varchar(255) NOT NULL,
    "logs" text, "rolled_back_at" timestamptz, "started_at" timestamptz NOT NULL DEFAULT now(), "applied_steps_count" integer NOT NULL DEFAULT 0,
    CONSTRAINT "_prisma_migrations_pkey" PRIMARY KEY ("id"))`,
  knex: `CREATE TABLE knex_migrations (id serial PRIMARY KEY, name varchar(255), batch integer, migration_time timestamptz);
    CREATE TABLE knex_migrations_lock ("index" serial PRIMARY KEY, is_locked integer)`,
  "golang-migrate": `CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)`,
  alembic: `CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))`,
};

const flywayRow = (rank: number, version: string, success = true, type = "SQL") =>
  `INSERT INTO flyway_schema_history VALUES (${rank}, '${version}', 'v${version}', '${type}', 'V${version}__x.sql', 1, 'app', now(), 10, ${success})`;
const liquibaseRow = (order: number, id: string, tag: string | null = null, exectype = "EXECUTED") =>
  `INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, tag) VALUES ('${id}', 'dev', 'changelog.xml', now(), ${order}, '${exectype}', ${tag ? `'${tag}'` : "NULL"})`;
const prismaRow = (name: string, minute: number, state: "done" | "rolled-back" | "unfinished" = "done") =>
  `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, rolled_back_at, applied_steps_count)
   VALUES ('${name}', 'c', '${name}', now() + interval '${minute} minutes', ${state === "unfinished" ? "NULL" : "now()"}, ${state === "rolled-back" ? "now()" : "NULL"}, 1)`;

describe.skipIf(!havePostgres)(`schema gate on a real PostgreSQL${havePostgres ? "" : ` (skipped: ${POSTGRES_MISSING})`}`, () => {
  let server: PostgresServer;
  let n = 0;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  /** A fresh database with the given statements run in it; returns its URL. */
  async function database(...sql: string[]): Promise<string> {
    const name = `db${++n}`;
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const c = new pg.Client({ connectionString: server.url(name) });
    await c.connect();
    for (const s of sql) await c.query(s);
    await c.end();
    return server.url(name);
  }
  const check = (opts: SchemaOptions) => schema(opts).evaluate(roundOf(gateContext()));

  describe("Flyway (flyway_schema_history)", () => {
    const history = [DDL.flyway, flywayRow(1, "1"), flywayRow(2, "1.1"), flywayRow(3, "1.9"), flywayRow(4, "1.10"), flywayRow(5, "2")];

    it("fails a target the database has moved past, naming the migrations, and says to roll forward", async () => {
      const url = await database(...history);
      const v = await check({ database: { url }, tool: "flyway", expect: { maxVersion: "1.9" } });
      expect(v.phase).toBe("failed");
      expect(v.reason).toBe("schema is ahead of version 1.9: 1.10, 2; roll forward instead");
      expect(v.evidence[0]).toMatchObject({ indicator: "schema", value: 2, samples: 5, subject: expect.stringMatching(/^127\.0\.0\.1:\d+\/db\d+$/) });
      expect(v.evidence[0]!.query).toBe('SELECT version, type, success FROM "flyway_schema_history" WHERE version IS NOT NULL ORDER BY installed_rank');
    });

    it("passes when the target was built for the latest version (1.1 = 1.1.0 style versions compare as numbers)", async () => {
      const url = await database(...history);
      expect(await check({ database: { url }, tool: "flyway", expect: { maxVersion: "2.0" } })).toMatchObject({
        phase: "passed",
        reason: "schema matches version 2.0: 2 is the latest in flyway_schema_history",
      });
    });

    it("judges by the highest version applied, not the last installed: an out-of-order hotfix (V3 after V4) is not 'behind V4'", async () => {
      const url = await database(DDL.flyway, flywayRow(1, "1"), flywayRow(2, "2"), flywayRow(3, "4"), flywayRow(4, "3"));
      expect(await check({ database: { url }, tool: "flyway", expect: { maxVersion: "4" } })).toMatchObject({ phase: "passed" });
    });

    it("does not count a migration undone (flyway undo) or marked deleted (flyway repair) as applied", async () => {
      // V3 applied then undone (UNDO_SQL), V4 applied then its script removed and repaired away (DELETE)
      const url = await database(DDL.flyway, flywayRow(1, "1"), flywayRow(2, "2"), flywayRow(3, "3"), flywayRow(4, "3", true, "UNDO_SQL"), flywayRow(5, "4"), flywayRow(6, "4", true, "DELETE"));
      expect(await check({ database: { url }, tool: "flyway", expect: { maxVersion: "2" } })).toMatchObject({ phase: "passed", reason: "schema matches version 2: 2 is the latest in flyway_schema_history" });
      expect(await check({ database: { url }, tool: "flyway", expect: { migrations: ["1", "2", "3"] } })).toMatchObject({ phase: "failed", reason: "schema is behind the target (built with 3 migrations, the last 3): 3 not applied; migrate before switching to it" });
    });

    it("takes a baseline migration (B5__) and a baseline marker as covering the versions below them, and the marker as no migration", async () => {
      const baselineMigration = await database(DDL.flyway, flywayRow(1, "5", true, "SQL_BASELINE"), flywayRow(2, "6"));
      expect(await check({ database: { url: baselineMigration }, tool: "flyway", expect: { migrations: ["1", "2", "3", "4", "5", "6"] } })).toMatchObject({ phase: "passed" });
      // `flyway baseline -baselineVersion=3` on a database that existed, then V4 and V5: the target ships only V4 and V5
      const baselined = await database(DDL.flyway, flywayRow(1, "3", true, "BASELINE"), flywayRow(2, "4"), flywayRow(3, "5"));
      expect(await check({ database: { url: baselined }, tool: "flyway", expect: { migrations: ["4", "5"] } })).toMatchObject({ phase: "passed" });
      const onlyBaselined = await database(DDL.flyway, flywayRow(1, "3", true, "BASELINE"));
      expect(await check({ database: { url: onlyBaselined }, tool: "flyway", expect: { maxVersion: "3" } })).toMatchObject({ phase: "passed", reason: "schema matches version 3: the baseline 3 is the latest in flyway_schema_history" });
    });

    it("fails a half-migrated schema before comparing anything", async () => {
      const url = await database(DDL.flyway, flywayRow(1, "1"), flywayRow(2, "2", false));
      const v = await check({ database: { url }, tool: "flyway", expect: { maxVersion: "2" } });
      expect(v).toMatchObject({ phase: "failed", reason: "the schema is half-migrated (flyway): migration 2 failed (success = false): run `flyway repair` or fix it by hand first" });
    });
  });

  it("Liquibase (databasechangelog): a tag names the target; changesets run after it are ahead", async () => {
    const url = await database(DDL.liquibase, liquibaseRow(1, "001-users"), liquibaseRow(2, "002-orders", "release-41"), liquibaseRow(3, "003-email"), liquibaseRow(4, "004-index"));
    expect(await check({ database: { url }, tool: "liquibase", expect: { maxVersion: "release-41" } })).toMatchObject({
      phase: "failed",
      reason: "schema is ahead of version release-41: 003-email, 004-index; roll forward instead",
    });
    const unknown = await check({ database: { url }, tool: "liquibase", expect: { maxVersion: "release-40" } });
    expect(unknown.phase).toBe("inconclusive");
    expect(unknown.reason).toContain("release-40 is neither a changeset id nor a tag in databasechangelog");
  });

  it("Prisma (_prisma_migrations): rolled-back migrations do not count, unfinished ones are half-migrated", async () => {
    const url = await database(
      DDL.prisma,
      prismaRow("20240101000000_init", 1),
      prismaRow("20240201000000_orders", 2),
      prismaRow("20240215000000_oops", 3, "rolled-back"),
      prismaRow("20240301000000_email", 4),
    );
    const v = await check({ database: { url }, tool: "prisma", expect: { migrations: ["20240101000000_init", "20240201000000_orders"] } });
    expect(v).toMatchObject({ phase: "failed", reason: "schema is ahead of the target (built with 2 migrations, the last 20240201000000_orders): 20240301000000_email; roll forward instead" });
    const broken = await database(DDL.prisma, prismaRow("20240101000000_init", 1), prismaRow("20240201000000_orders", 2, "unfinished"));
    expect((await check({ database: { url: broken }, tool: "prisma", expect: { maxVersion: "20240201000000" } })).reason).toContain("20240201000000_orders started but never finished");
  });

  it("Knex (knex_migrations): file names compare by their timestamp, with or without the extension", async () => {
    const url = await database(
      DDL.knex,
      `INSERT INTO knex_migrations (name, batch, migration_time) VALUES ('20240101000000_init.js', 1, now()), ('20240201000000_orders.js', 1, now()), ('20240301000000_email.js', 2, now())`,
    );
    expect(await check({ database: { url }, tool: "knex", expect: { maxVersion: "20240201000000_orders.js" } })).toMatchObject({
      phase: "failed",
      reason: "schema is ahead of version 20240201000000_orders.js: 20240301000000_email; roll forward instead",
    });
    expect((await check({ database: { url }, tool: "knex", expect: { migrations: ["20240101000000_init", "20240201000000_orders.js", "20240301000000_email.ts"] } })).phase).toBe("passed");
  });

  it("golang-migrate (schema_migrations): only the current version, and whether it is dirty", async () => {
    const url = await database(DDL["golang-migrate"], "INSERT INTO schema_migrations VALUES (20240301000000, false)");
    expect(await check({ database: { url }, tool: "golang-migrate", expect: { maxVersion: "20240201000000" } })).toMatchObject({
      phase: "failed",
      reason: "schema is ahead of version 20240201000000: 20240301000000; roll forward instead",
    });
    const behind = await check({ database: { url }, tool: "golang-migrate", expect: { maxVersion: "20240401000000" } });
    expect(behind).toMatchObject({ phase: "failed", reason: "schema is behind version 20240401000000: 20240401000000 not applied; migrate before switching to it" });
    // the same target given as its list of migrations reads the same: behind, though it knows the current one
    const list = ["20240201000000", "20240301000000", "20240401000000"];
    expect(await check({ database: { url }, tool: "golang-migrate", expect: { migrations: list } })).toMatchObject({
      phase: "failed",
      reason: "schema is behind the target (built with 3 migrations, the last 20240401000000): 20240401000000 not applied; migrate before switching to it",
    });
    const dirty = await database(DDL["golang-migrate"], "INSERT INTO schema_migrations VALUES (20240301000000, true)");
    expect((await check({ database: { url: dirty }, tool: "golang-migrate", expect: { maxVersion: "20240301000000" } })).reason).toContain("dirty at version 20240301000000");
  });

  it("says a table of the tool's name is another tool's (Rails' schema_migrations is not golang-migrate's), instead of a raw SQL error", async () => {
    const url = await database("CREATE TABLE schema_migrations (version varchar NOT NULL PRIMARY KEY)", "INSERT INTO schema_migrations VALUES ('20240101120000'), ('20240301000000')");
    await expect(check({ database: { url }, tool: "auto", expect: { maxVersion: "20240101120000" } })).rejects.toThrow(
      'gates.schema: schema_migrations is not a golang-migrate history table (column "dirty" does not exist): another tool made a table of that name (Rails\' schema_migrations has no dirty column). ' +
        "The gate reads the history tables of flyway, liquibase, prisma, knex, golang-migrate, alembic: set tool and table to the one your migrations write",
    );
  });

  it("Alembic (alembic_version): revisions have no order, so a list decides and a lone version may not", async () => {
    const url = await database(DDL.alembic, "INSERT INTO alembic_version VALUES ('ae1027a6acf')");
    expect(await check({ database: { url }, tool: "alembic", expect: { migrations: ["1975ea83b712", "27c6a30d7c24"] } })).toMatchObject({
      phase: "failed",
      reason: "schema is ahead of the target (built with 2 migrations, the last 27c6a30d7c24): ae1027a6acf; roll forward instead",
    });
    expect((await check({ database: { url }, tool: "alembic", expect: { maxVersion: "ae1027a6acf" } })).phase).toBe("passed");
    const other = await check({ database: { url }, tool: "alembic", expect: { maxVersion: "27c6a30d7c24" } });
    expect(other.phase).toBe("inconclusive");
    expect(other.reason).toContain("alembic revisions have no order; list the target's revisions (expect.migrations)");
  });

  it("finds the tool by its table, and asks when there are several", async () => {
    const url = await database(DDL.alembic, "INSERT INTO alembic_version VALUES ('ae1027a6acf')");
    expect((await check({ database: { url }, tool: "auto", expect: { maxVersion: "ae1027a6acf" } })).phase).toBe("passed");
    const both = await database(DDL.alembic, DDL["golang-migrate"]);
    await expect(check({ database: { url: both }, tool: "auto", expect: { maxVersion: "1" } })).rejects.toThrow(
      'gates.schema: found the history tables of golang-migrate and alembic; say which one with tool: "golang-migrate"',
    );
  });

  it("reads the target's version from the annotation of the revision a rollback would go back to", async () => {
    const url = await database(...[DDL.flyway, flywayRow(1, "1"), flywayRow(2, "2"), flywayRow(3, "3")]);
    const fake = createFakeKube();
    seedDeployment(fake.store, {
      replicas: 2,
      revisions: [
        { revision: 3, hash: "aaa", image: "checkout:1.4", annotations: { "firebreak.dev/schema-version": "2" } },
        { revision: 4, hash: "bbb", image: "checkout:1.5", annotations: { "firebreak.dev/schema-version": "3" } },
      ],
    });
    const ctx = gateContext({ kube: fake.kube });
    const release = deployment({ namespace: "prod", name: "checkout-api" });
    const gate = (revision?: number) => schema({ database: { urlEnv: "CHECKOUT_DB" }, env: { CHECKOUT_DB: url }, tool: "flyway", expect: { fromWorkload: release, ...(revision ? { revision } : {}) } });
    const back = await withContext(ctx, () => gate(3).evaluate(roundOf(ctx)));
    expect(back).toMatchObject({ phase: "failed", reason: "schema is ahead of Deployment prod/checkout-api revision 3 (firebreak.dev/schema-version: 2): 3; roll forward instead" });
    expect((await withContext(ctx, () => gate().evaluate(roundOf(ctx)))).phase).toBe("passed");
  });

  it("finds a revision renumbered by a rollback by its old number (a plan run again), and lists the ones there are", async () => {
    const url = await database(...[DDL.flyway, flywayRow(1, "1"), flywayRow(2, "2")]);
    const fake = createFakeKube();
    seedDeployment(fake.store, {
      replicas: 2,
      revisions: [
        { revision: 4, hash: "bbb", image: "checkout:1.5", annotations: { "firebreak.dev/schema-version": "3" } },
        { revision: 5, hash: "aaa", image: "checkout:1.4", annotations: { "firebreak.dev/schema-version": "2" }, formerly: [3] },
      ],
    });
    const ctx = gateContext({ kube: fake.kube });
    const release = deployment({ namespace: "prod", name: "checkout-api" });
    const gate = (revision: number) => schema({ database: { url }, tool: "flyway", expect: { fromWorkload: release, revision } });
    expect(await withContext(ctx, () => gate(3).evaluate(roundOf(ctx)))).toMatchObject({ phase: "passed" });
    await expect(withContext(ctx, () => gate(2).evaluate(roundOf(ctx)))).rejects.toThrow(
      "gates.schema: Deployment prod/checkout-api has no revision 2; revisions are: 4 (checkout:1.5), 5 (checkout:1.4; formerly 3)",
    );
  });

  it("refuses a URL pg would misread, naming where it is and the fix, never quoting it, without connecting", async () => {
    const port = await freePort();
    const fix =
      "write it as postgres://user:password@host:5432/database, with special characters in the user and password percent-encoded (# as %23, / as %2F, ? as %3F, @ as %40, % as %25)";
    const cases: [string, string][] = [
      [`postgres://app:S3cret#Pa55@127.0.0.1:${port}/app`, "it does not parse as a URL, as when a # / or ? in the password is not percent-encoded"],
      [`postgres://app:S3cret/Pa55@127.0.0.1:${port}/app`, "it does not parse as a URL, as when a # / or ? in the password is not percent-encoded"],
      [`postgres://app:5432#Pa55@127.0.0.1:${port}/app`, "a # / or ? in the user or password, not percent-encoded, ends them early"],
      [`host=127.0.0.1 port=${port} dbname=app user=app password=S3cretPa55`, "it is not a postgres:// URL (the keyword form host=… dbname=… and JDBC URLs are not read)"],
    ];
    for (const [url, problem] of cases) {
      const gate = schema({ database: { urlEnv: "CHECKOUT_DATABASE_URL" }, env: { CHECKOUT_DATABASE_URL: url }, tool: "flyway", expect: { maxVersion: "1" } });
      const err = (await evaluateGate(gateContext(), "schema", gate, {}, true).catch((e: unknown) => e)) as Error;
      expect(err).toEqual(new InvalidPlanError(`gates.schema: the database URL in CHECKOUT_DATABASE_URL cannot be read: ${problem}; ${fix}`));
      expect(err.message).not.toMatch(/S3cret|Pa55/);
    }
  });

  it("says a refused login or a missing database is one, with the fix, and stops the gate instead of retrying it as a database that is down", async () => {
    const at = new URL(server.url());
    const url = (user: string, db: string) => `postgres://${user}:S3cretPa55@${at.host}/${db}`;
    const gate = (u: string) => schema({ database: { url: u }, tool: "flyway", expect: { maxVersion: "1" } });
    const login = (await evaluateGate(gateContext(), "schema", gate(url("nobody", "postgres")), {}, true).catch((e: unknown) => e)) as Error;
    expect(login).toBeInstanceOf(InvalidPlanError);
    expect(login.message).toBe(
      `gates.schema: PostgreSQL at ${at.hostname}:${at.port}/postgres refused the login of the database URL (database.url) (28000: role "nobody" does not exist): check its user and password; ` +
        "write it as postgres://user:password@host:5432/database, with special characters in the user and password percent-encoded (# as %23, / as %2F, ? as %3F, @ as %40, % as %25)",
    );
    await expect(evaluateGate(gateContext(), "schema", gate(url("postgres", "nope")), {}, true)).rejects.toThrow(
      new InvalidPlanError(`gates.schema: PostgreSQL at ${at.hostname}:${at.port}/nope has no such database (3D000: database "nope" does not exist): check the database name at the end of the database URL (database.url)`),
    );
  });

  it("answers once the history is read, though the link then goes silent (a dropped link, a NAT that black-holes the goodbye)", async () => {
    const url = new URL(await database("CREATE TABLE flyway_schema_history (installed_rank int, version varchar(50), type varchar(20), success boolean)", "INSERT INTO flyway_schema_history VALUES (1, '41', 'SQL', true)"));
    const sockets: Socket[] = [];
    // forwards both ways until the client says goodbye (Terminate, 'X'): then nothing, and nothing closed
    const proxy = createServer({ allowHalfOpen: true }, (client) => {
      const upstream = connect(Number(url.port), url.hostname);
      sockets.push(client, upstream);
      let silent = false;
      client.on("data", (d: Buffer) => {
        if (d[0] === 0x58) silent = true;
        if (!silent) upstream.write(d);
      });
      upstream.on("data", (d: Buffer) => void (silent || client.write(d)));
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const through = `postgres://postgres@127.0.0.1:${(proxy.address() as { port: number }).port}${url.pathname}`;
      const outcome = await Promise.race([
        createPostgresDatabases().readHistory({ database: { url: through }, tool: "flyway" }).then((h) => h.history.applied),
        new Promise((resolve) => setTimeout(() => resolve("still waiting after 10 s"), 10_000)),
      ]);
      expect(outcome).toEqual(["41"]);
    } finally {
      sockets.forEach((s) => s.destroy());
      proxy.close();
    }
  }, 20_000);

  it("an unreachable database or a missing variable is an error round, never a pass", async () => {
    const port = await freePort();
    const v = await evaluateGate(gateContext(), "schema", schema({ database: { url: `postgres://app:pw@127.0.0.1:${port}/app` }, tool: "flyway", expect: { maxVersion: "1" } }), { consecutiveErrorLimit: 0 }, true);
    expect(v.phase).toBe("error");
    expect(v.reason).toBe(`PostgreSQL at 127.0.0.1:${port}/app is unreachable: connect ECONNREFUSED 127.0.0.1:${port}`);
    await expect(check({ database: { urlEnv: "NOPE_DB" }, env: {}, tool: "flyway", expect: { maxVersion: "1" } })).rejects.toThrow("the environment variable NOPE_DB is not set");
  });
});
