import { z } from "zod";

/**
 * A scenario is the world the simulator starts from and the faults it plays: the services and their
 * request streams, the Deployments with their revision history, the mesh routes, the database's
 * schema version, and how each image behaves (latency, errors, warm-up, schema compatibility).
 * Scenario files (YAML or JSON) are validated with this schema; the built-in ones are in
 * `scenarios/`.
 */

/** The simulator puts every name in Kubernetes object names and label values: 63 characters at most. */
const name = z
  .string()
  .max(63, "must be 63 characters or fewer, as Kubernetes names and label values are: shorten it")
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
    /** The app serves HTTPS only on its port (its readiness probe says scheme HTTPS); plain HTTP to it answers 400. */
    httpsOnly: z.boolean().optional(),
  })
  .strict();

/** A chart version: SemVer 2, as Helm requires of Chart.yaml's `version`. */
const chartVersion = z.string().regex(/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, "must be a SemVer version such as 1.4.0, as Helm requires of a chart's version");

/** The Deployment was installed and upgraded by Helm: one release record per history entry. */
export const helmReleaseSchema = z
  .object({
    /** Release name (default: the Deployment's name). */
    release: name.max(53, "must be 53 characters or fewer, as Helm release names are").optional(),
    /** Chart name (default: the release name). */
    chart: name.optional(),
    /** The chart version each revision was deployed from, one per history entry (default 0.1.0, 0.2.0, …). */
    chartVersions: z.array(chartVersion).optional(),
    /** Where Helm kept the records (its HELM_DRIVER): Secrets, or ConfigMaps. */
    storage: z.enum(["secret", "configmap"]).default("secret"),
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
    /** A HorizontalPodAutoscaler (autoscaling/v2, named as the Deployment) that keeps its replicas within these bounds. */
    autoscaler: z
      .object({ minReplicas: z.number().int().min(1).default(1), maxReplicas: z.number().int().min(1) })
      .strict()
      .refine((a) => a.maxReplicas >= a.minReplicas, { message: "maxReplicas must be at least minReplicas", path: ["maxReplicas"] })
      .optional(),
    /** Helm manages it: a release record for every revision, as `helm install` and `helm upgrade` left them. */
    helm: helmReleaseSchema.optional(),
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

/** Destination → weight, whole percentages (the superRefine checks they sum to 100). */
const splitSchema = z.record(z.string(), z.number().int().min(0).max(100));

/**
 * Backend Service name → the pods' `version` label it selects (the simulator creates one Service
 * per version, selecting `app: <service>, version: <version>`). A backend left out selects the
 * version of the Deployment named like it.
 */
const backendsSchema = z.record(name, name).default({});

export const istioRouteSchema = z
  .object({
    kind: z.literal("istio"),
    /** VirtualService name; its DestinationRule is named `<service>`. */
    name,
    service: name,
    /** Subset name → weight. Each subset selects pods with `version: <subset's version>`. */
    split: splitSchema,
    /** Subset name → the pods' version label it selects (defaults to the subset name). */
    subsets: z.record(z.string(), name).default({}),
  })
  .strict();

/** Gateway API HTTPRoute attached to the Service `service` (the mesh mode Linkerd uses); Linkerd metrics. */
export const httpRouteSchema = z
  .object({
    kind: z.literal("httproute"),
    /** HTTPRoute name. */
    name,
    /** The Service callers address (the route's parentRef). */
    service: name,
    /** Backend Service → weight. */
    split: splitSchema,
    backends: backendsSchema,
  })
  .strict();

/** SMI TrafficSplit (the Linkerd SMI extension) of the apex Service `service`; Linkerd metrics. */
export const trafficSplitRouteSchema = z
  .object({
    kind: z.literal("trafficsplit"),
    /** TrafficSplit name. */
    name,
    /** The apex Service callers address. */
    service: name,
    /** Backend Service → weight. */
    split: splitSchema,
    backends: backendsSchema,
  })
  .strict();

/** ingress-nginx: a primary Ingress and a canary Ingress for the same host; ingress-nginx metrics. */
export const nginxCanaryRouteSchema = z
  .object({
    kind: z.literal("nginx-canary"),
    /** The primary Ingress. */
    name,
    /** The canary Ingress (default `<name>-canary`). */
    canaryName: name.optional(),
    /** The service whose requests enter through the host. */
    service: name,
    /** Default `<service>.example.com`. */
    host: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a DNS name").optional(),
    /** Exactly two backend Services → weight: the canary's (its `canary-weight`) and the primary's. */
    split: splitSchema,
    /** Which backend of `split` the canary Ingress sends to; the other is the primary Ingress's. */
    canary: name,
    backends: backendsSchema,
  })
  .strict();

/** A route of the scenario's world, by `kind`. */
export const routeSchema = z.discriminatedUnion("kind", [istioRouteSchema, httpRouteSchema, trafficSplitRouteSchema, nginxCanaryRouteSchema]);

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
    routes: z.array(routeSchema).default([]),
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
        /**
         * How far Prometheus's clock is ahead of the runner's (negative: behind), in seconds. It
         * stamps its samples and answers "now" on its own clock, as a Prometheus whose host has
         * drifted from NTP does.
         */
        prometheusClockSkewSeconds: z.number().min(-3600).max(3600).default(0),
        /**
         * Seconds the cluster takes to act on a write, as a busy control plane and mesh do: until
         * then controllers, kubelets and proxies go on as before it (a Deployment's status still
         * describes its previous generation, a route's status too, traffic follows the old weights).
         */
        controlPlaneLagSeconds: z.number().min(0).max(60).default(0),
      })
      .strict()
      .default({ readinessSeconds: 5, warmupSeconds: 10, coldLatencyFactor: 20, coldErrorRate: 0.05, schemaMismatchErrorRate: 0.4, prometheusClockSkewSeconds: 0, controlPlaneLagSeconds: 0 }),
  })
  .strict()
  .superRefine((s, ctx) => {
    const named = new Map<string, (string | number)[]>();
    for (const o of namedObjects(s)) {
      const first = named.get(`${o.kind}/${o.name}`);
      if (first) ctx.addIssue({ code: "custom", path: o.path, message: `a second ${o.kind} named '${o.name}' (the first is ${first.join(".")}): the simulator creates one per name; rename one` });
      else named.set(`${o.kind}/${o.name}`, o.path);
    }
    const services = new Set(s.services.map((x) => x.name));
    s.deployments.forEach((d, i) => {
      if (!services.has(d.service)) ctx.addIssue({ code: "custom", path: ["deployments", i, "service"], message: `no service '${d.service}' in services` });
      d.history.forEach((img, j) => {
        if (!(img in s.images)) ctx.addIssue({ code: "custom", path: ["deployments", i, "history", j], message: `image '${img}' is not described in images` });
      });
      const versions = d.helm?.chartVersions;
      if (versions && versions.length !== d.history.length) {
        ctx.addIssue({ code: "custom", path: ["deployments", i, "helm", "chartVersions"], message: `${versions.length} chart versions for ${d.history.length} revisions in history: give one per revision, oldest first` });
      }
    });
    s.routes.forEach((r, i) => {
      const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path: ["routes", i, ...path], message });
      if (!services.has(r.service)) issue(["service"], `no service '${r.service}' in services`);
      const sum = Object.values(r.split).reduce((a, b) => a + b, 0);
      if (sum !== 100) issue(["split"], `weights sum to ${sum}, not 100`);
      // each destination selects pods by `app: <service>, version: <version>`: one no Deployment runs gets traffic nowhere
      const versions = [...new Set(s.deployments.filter((d) => d.service === r.service).map((d) => d.version))];
      const noun = r.kind === "istio" ? "subset" : "backend";
      for (const destination of Object.keys(r.split)) {
        const version = r.kind === "istio" ? (r.subsets[destination] ?? destination) : backendVersion(s, r, destination);
        if (!version) issue(["split", destination], `backend '${destination}' selects no version: name it like a Deployment or map it in backends`);
        else if (!versions.includes(version)) {
          issue(
            ["split", destination],
            `${noun} '${destination}' selects version '${version}', which no Deployment of service '${r.service}' runs (its versions: ${versions.join(", ") || "none"}): fix the name, or map it in ${noun}s`,
          );
        }
      }
      if (r.kind === "istio") return;
      if (r.kind === "nginx-canary") {
        const names = Object.keys(r.split);
        if (names.length !== 2) issue(["split"], `an nginx canary splits between exactly two backends, not ${names.length}`);
        if (!names.includes(r.canary)) issue(["canary"], `'${r.canary}' is not one of the split's backends: ${names.join(", ")}`);
      }
    });
  });

const ROUTE_OBJECT_KIND = { istio: "VirtualService", httproute: "HTTPRoute", trafficsplit: "TrafficSplit" } as const;

/** The Kubernetes objects the simulator creates under a scenario's names (an nginx canary route makes two Ingresses). */
function namedObjects(s: {
  services: { name: string }[];
  deployments: { name: string; helm?: { release?: string | undefined } | undefined }[];
  routes: ({ kind: keyof typeof ROUTE_OBJECT_KIND; name: string } | { kind: "nginx-canary"; name: string; canaryName?: string | undefined })[];
}): { kind: string; name: string; path: (string | number)[] }[] {
  return [
    ...s.services.map((x, i) => ({ kind: "Service", name: x.name, path: ["services", i, "name"] })),
    ...s.deployments.map((x, i) => ({ kind: "Deployment", name: x.name, path: ["deployments", i, "name"] })),
    // Helm names its release records after the release: two releases of one name would share them
    ...s.deployments.flatMap((x, i) => (x.helm ? [{ kind: "Helm release", name: x.helm.release ?? x.name, path: ["deployments", i, "helm", ...(x.helm.release ? ["release"] : [])] }] : [])),
    ...s.routes.flatMap((r, i) =>
      r.kind === "nginx-canary"
        ? [
            { kind: "Ingress", name: r.name, path: ["routes", i, "name"] },
            { kind: "Ingress", name: r.canaryName ?? `${r.name}-canary`, path: ["routes", i, r.canaryName ? "canaryName" : "name"] },
          ]
        : [{ kind: ROUTE_OBJECT_KIND[r.kind], name: r.name, path: ["routes", i, "name"] }],
    ),
  ];
}

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ImageBehaviour = z.output<typeof imageBehaviourSchema>;
export type ScenarioRoute = Scenario["routes"][number];

/**
 * The `version` label a backend Service of a Gateway API, SMI or nginx route selects: as mapped in
 * `backends`, else the version of the Deployment named like the backend.
 */
export function backendVersion(
  scenario: { deployments: readonly { name: string; version: string }[] },
  route: { backends?: Record<string, string> | undefined },
  backend: string,
): string | undefined {
  return route.backends?.[backend] ?? scenario.deployments.find((d) => d.name === backend)?.version;
}
