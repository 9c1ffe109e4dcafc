import { z } from "zod";

/**
 * A scenario is the world the simulator starts from and the faults it plays: the services and their
 * request streams, the Deployments with their revision history, the mesh routes, the database's
 * schema version, and how each image behaves (latency, errors, warm-up, schema compatibility).
 * Scenario files (YAML or JSON) are validated with this schema; the built-in ones are in
 * `scenarios/`.
 */

const name = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes name (lower case, digits, '-', '.')");

export const imageBehaviourSchema = z
  .object({
    /** Mean request latency once warm. */
    latencyMs: z.number().positive().default(25),
    /** Share of requests that fail (5xx) once warm, e.g. a bug in a bad release. */
    errorRate: z.number().min(0).max(1).default(0),
    /** Database schema versions this build works with (inclusive). Outside it, see faults.schemaMismatchErrorRate. */
    schema: z.object({ min: z.number().int(), max: z.number().int() }).optional(),
    /** The container crashes this many seconds after start, over and over (CrashLoopBackOff). */
    crashAfterSeconds: z.number().positive().optional(),
  })
  .strict();

export const deploymentSchema = z
  .object({
    name,
    /** The Service whose traffic it serves. */
    service: name,
    /** The pods' `version` label: the subset / per-version metrics key. */
    version: name,
    replicas: z.number().int().min(0),
    /** Images of revisions 1..n; the last one is running now. */
    history: z.array(z.string().min(1)).min(1),
    /** Extra pod labels. */
    labels: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export const serviceSchema = z
  .object({
    name,
    /** Requests per second arriving at this service (through its route). */
    rps: z.number().positive(),
    /** Requests per second one ready pod can serve; beyond it, requests are shed with 503. */
    podCapacityRps: z.number().positive().default(50),
    port: z.number().int().positive().default(8080),
  })
  .strict();

export const istioRouteSchema = z
  .object({
    kind: z.literal("istio"),
    /** VirtualService name; its DestinationRule is named `<service>`. */
    name,
    service: name,
    /** Subset name → weight. Each subset selects pods with `version: <subset's version>`. */
    split: z.record(z.string(), z.number().int().min(0).max(100)),
    /** Subset name → the pods' version label it selects (defaults to the subset name). */
    subsets: z.record(z.string(), name).default({}),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name,
    description: z.string().min(1),
    namespace: name.default("prod"),
    /** Virtual time the run starts at (ISO 8601). */
    startAt: z.iso.datetime().default("2026-11-24T03:00:00Z"),
    /** How much history the world has before the plan starts (metrics exist for it). */
    warmHistorySeconds: z.number().int().min(0).max(3600).default(300),
    database: z.object({ schemaVersion: z.number().int() }).strict().optional(),
    images: z.record(z.string(), imageBehaviourSchema),
    services: z.array(serviceSchema).min(1),
    deployments: z.array(deploymentSchema).min(1),
    routes: z.array(istioRouteSchema).default([]),
    faults: z
      .object({
        /** Seconds from container start to readiness probe success. */
        readinessSeconds: z.number().min(0).default(5),
        /** Seconds from container start until a pod is warm (full speed, no cold errors). */
        warmupSeconds: z.number().min(0).default(10),
        /** Latency multiplier of a just-started pod (decays to 1 when warm). */
        coldLatencyFactor: z.number().min(1).default(20),
        /** Extra error rate of a just-started pod (decays to 0 when warm): timeouts of a cold JVM. */
        coldErrorRate: z.number().min(0).max(1).default(0.05),
        /** Error rate of an image whose `schema` range excludes the database's schema version. */
        schemaMismatchErrorRate: z.number().min(0).max(1).default(0.4),
      })
      .strict()
      .default({ readinessSeconds: 5, warmupSeconds: 10, coldLatencyFactor: 20, coldErrorRate: 0.05, schemaMismatchErrorRate: 0.4 }),
  })
  .strict()
  .superRefine((s, ctx) => {
    const services = new Set(s.services.map((x) => x.name));
    s.deployments.forEach((d, i) => {
      if (!services.has(d.service)) ctx.addIssue({ code: "custom", path: ["deployments", i, "service"], message: `no service '${d.service}' in services` });
      d.history.forEach((img, j) => {
        if (!(img in s.images)) ctx.addIssue({ code: "custom", path: ["deployments", i, "history", j], message: `image '${img}' is not described in images` });
      });
    });
    s.routes.forEach((r, i) => {
      if (!services.has(r.service)) ctx.addIssue({ code: "custom", path: ["routes", i, "service"], message: `no service '${r.service}' in services` });
      const sum = Object.values(r.split).reduce((a, b) => a + b, 0);
      if (sum !== 100) ctx.addIssue({ code: "custom", path: ["routes", i, "split"], message: `weights sum to ${sum}, not 100` });
    });
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ImageBehaviour = z.output<typeof imageBehaviourSchema>;
