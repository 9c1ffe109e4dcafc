import { describe, expect, it } from "vitest";
import { InvalidPlanError } from "../../sdk/errors.ts";
import { podsReady } from "../../sdk/gates/pods-ready.ts";
import { schema } from "../../sdk/gates/schema/schema.ts";
import { warmup } from "../../sdk/gates/warmup.ts";
import { deployment } from "../../sdk/workloads/deployment.ts";
import { helm } from "../../sdk/workloads/helm.ts";

// Plans load without type checking: each of these would otherwise surface only when the gate first
// ran, after traffic had moved, or never (a misspelt option left at its default).
const workload = deployment({ namespace: "prod", name: "checkout-api" });
const chart = helm.release({ namespace: "prod", name: "checkout" });
const database = { urlEnv: "DATABASE_URL" };

describe("gates over a Deployment's pods refuse wrong options when declared", () => {
  it("podsReady: a misspelt option, a Helm release for the workload, a fractional restart count", () => {
    expect(() => podsReady({ workload, for: "60s", maxRestart: 1 } as never)).toThrow(
      "gates.podsReady got an invalid option:\n  - maxRestart: is not an option (did you mean maxRestarts?); the options are: workload, for, maxRestarts",
    );
    expect(() => podsReady({ workload: chart } as never)).toThrow(
      'workload: must be a deployment() handle (got Helm release prod/checkout); give the Deployment whose pods to read, e.g. workload: deployment({ namespace: "prod", name: "checkout-api" })',
    );
    expect(() => podsReady({ for: "60s" } as never)).toThrow("workload: is missing; give the Deployment whose pods to read");
    expect(() => podsReady({ workload, maxRestarts: 0.5 })).toThrow("maxRestarts: must be a whole number of restarts, 0 or more (got 0.5)");
    expect(() => podsReady({ workload, maxRestarts: Number.NaN })).toThrow("maxRestarts: must be a whole number of restarts, 0 or more (got NaN)");
    expect(podsReady({ workload, for: "30s", maxRestarts: 2 }).description).toBe("all pods of Deployment prod/checkout-api ready for 30s with at most 2 restarts");
  });

  it("warmup: a misspelt option, a missing maxLatency, a port or path it could never probe, a scheme it does not speak", () => {
    expect(() => warmup({ workload, maxLatency: "300ms", consecutve: 3 } as never)).toThrow("consecutve: is not an option (did you mean consecutive?)");
    expect(() => warmup({ workload } as never)).toThrow('maxLatency: is missing; give the slowest answer a warm pod may give, e.g. maxLatency: "300ms"');
    expect(() => warmup({ workload, maxLatency: "300ms", port: 80800, path: "healthz" })).toThrow(
      new InvalidPlanError("gates.warmup got invalid options:", [
        { path: "port", message: "must be a port number, 1-65535 (got 80800)" },
        { path: "path", message: 'must be an HTTP path starting with "/", e.g. "/healthz" (got "healthz")' },
      ]),
    );
    // no answer is 0ms fast: every round would fail until the timeout
    expect(() => warmup({ workload, maxLatency: "0ms", port: Number.NaN })).toThrow(
      new InvalidPlanError("gates.warmup got invalid options:", [
        { path: "maxLatency", message: 'must be longer than 0 (got "0ms")' },
        { path: "port", message: "must be a port number, 1-65535 (got NaN)" },
      ]),
    );
    expect(() => warmup({ workload, maxLatency: "fast" })).toThrow('maxLatency: "fast" is not a duration; write it like "10s" or "5m"');
    expect(() => warmup({ workload, maxLatency: "300ms", scheme: "HTTPS" as never })).toThrow('scheme: "HTTPS" is not accepted; use "http" or "https"');
    expect(() => warmup({ workload: chart, maxLatency: "300ms" } as never)).toThrow("workload: must be a deployment() handle (got Helm release prod/checkout)");
    expect(() => warmup({ workload, maxLatency: "300ms", port: 8443, path: "/ready", scheme: "https" })).not.toThrow();
  });
});

describe("gates.schema refuses wrong options when declared", () => {
  it("lists every problem at once: a misspelt tool, a database with no URL, a number for a version", () => {
    expect(() => schema({ database: { uri: "postgres://u:hunter2@db/app" }, tool: "flywy", expect: { maxVersion: 1.1 } } as never)).toThrow(
      new InvalidPlanError("gates.schema got invalid options:", [
        { path: "database.uri", message: "is not an option (did you mean url?); the options are: url, urlEnv" },
        { path: "expect.maxVersion", message: 'must be the version as text, in quotes, e.g. maxVersion: "1.10" (got 1.1; as a number 1.10 would read 1.1)' },
        { path: "tool", message: '"flywy" is not a tool the gate reads (did you mean "flyway"?); give "flyway", "liquibase", "prisma", "knex", "golang-migrate", "alembic", or "auto" to find the one history table there is' },
      ]),
    );
  });

  it("never quotes the database URL, which may hold a password", () => {
    const refused = () => schema({ database: { url: "postgres://u:hunter2@db/app", urlEnv: "DATABASE_URL" }, tool: "flyway", expect: { maxVersion: "42" } });
    expect(refused).toThrow("database: give url or urlEnv, not both");
    expect(refused).not.toThrow(/hunter2/);
    // the URL given where the object belongs
    const bare = () => schema({ database: "postgres://u:hunter2@db/app", tool: "flyway", expect: { maxVersion: "42" } } as never);
    expect(bare).toThrow('database: must be an object (got text, not shown: it may hold a password); give database: { urlEnv: "DATABASE_URL" }');
    expect(bare).not.toThrow(/hunter2/);
  });

  it("names the forms of expect when it is missing, mixed or misspelt, and checks the workload it reads", () => {
    expect(() => schema({ database, tool: "flyway" } as never)).toThrow('expect: is missing; give expect: { maxVersion: "42" }, expect: { migrations: ["41", "42"] } or expect: { fromWorkload: release, revision: 3 }');
    expect(() => schema({ database, tool: "flyway", expect: { maxVersion: "42", fromWorkload: workload } } as never)).toThrow("expect: gives maxVersion and fromWorkload: give one of them");
    expect(() => schema({ database, tool: "flyway", expect: { fromWorkoad: workload, revision: 3 } } as never)).toThrow("expect.fromWorkoad: is not an option (did you mean fromWorkload?)");
    expect(() => schema({ database, tool: "flyway", expect: { fromWorkload: chart, revision: "3" } } as never)).toThrow(
      new InvalidPlanError("gates.schema got invalid options:", [
        { path: "expect.fromWorkload", message: 'must be a deployment() handle (got Helm release prod/checkout); give the Deployment whose pods to read, e.g. expect.fromWorkload: deployment({ namespace: "prod", name: "checkout-api" })' },
        { path: "expect.revision", message: 'must be a revision number, 1 or more (got "3")' },
      ]),
    );
    expect(() => schema({ database, tool: "flyway", expect: { fromWorkload: workload, revision: Number.NaN } })).toThrow("expect.revision: must be a revision number, 1 or more (got NaN)");
    expect(() => schema({ database, tool: "flyway", expect: { migrations: [] } })).toThrow("expect.migrations: must list the target's migration ids as text");
    expect(() => schema({ database, expect: { maxVersion: "42" } } as never)).toThrow('tool: is missing; give "flyway"');
  });

  it("takes each documented form", () => {
    for (const expect_ of [{ maxVersion: "42" }, { migrations: ["41", "42"] }, { fromWorkload: workload }, { fromWorkload: workload, revision: 3, annotation: "example.com/schema" }]) {
      expect(() => schema({ database, tool: "auto", expect: expect_, table: "app.flyway_schema_history", policy: { timeout: "1m" } })).not.toThrow();
    }
    expect(() => schema({ database: { url: "postgres://db/app" }, tool: "alembic", expect: { maxVersion: "ae10" } })).not.toThrow();
  });
});
