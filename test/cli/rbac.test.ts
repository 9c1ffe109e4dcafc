import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../sdk/cli/main.ts";
import { accessOf, deriveRbac, rolesFor, withImplied, type RbacDerivation, type RbacRoles } from "../../sdk/cli/rbac.ts";
import { runPlan, type RunResult } from "../../sdk/engine/runner.ts";
import { createClientNodeKube, loadKubeConfig } from "../../sdk/kube/client-node-port.ts";
import { loadPlan } from "../../sdk/loader/load-plan.ts";
import { createPrometheus } from "../../sdk/metrics/prometheus.ts";
import type { Plan } from "../../sdk/plan/plan.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { startKubeApiServer, type RbacPolicy } from "../../sdk/sim/kube-api/index.ts";
import { resolveScenario } from "../../sdk/sim/load-scenario.ts";
import { createClusterModel } from "../../sdk/sim/model/index.ts";
import { startPrometheusApi } from "../../sdk/sim/prometheus-api/index.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { TimeSeriesStore } from "../../sdk/sim/tsdb.ts";
import { ensureHelm } from "../helpers/tools.ts";
import { deployment, gates, istio, plan, z } from "../../sdk/index.ts";
import { startSimulator } from "../../sdk/sim/simulator.ts";
import type { ScenarioInput } from "../../sdk/sim/scenario.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";
import { checkoutWorld } from "../../sdk/sim/scenarios/checkout-world.ts";

/**
 * `firebreak rbac`: the Role the flagship plan needs, derived by rehearsal, is exactly enough —
 * the plan succeeds against an API server that enforces it, and fails naming the verb and
 * resource when any one rule is taken away.
 */

const FLAGSHIP = "examples/checkout-api-rollback.ts";
const INPUTS = { revision: "2" };
let flagship: Plan<any>;
let derived: RbacDerivation;
beforeAll(async () => {
  flagship = (await loadPlan(FLAGSHIP)).plan;
  derived = await deriveRbac(flagship, { scenario: "cold-jvm", inputs: INPUTS });
}, 60_000);

/** The simulator's world and model, with an API server that enforces `rbac` (what startSimulator builds, plus RBAC). */
async function runUnder(rbac: RbacPolicy, world: { plan?: Plan<any>; inputs?: Record<string, string>; scenario?: string | ScenarioInput; crdDir?: string } = {}): Promise<RunResult> {
  const { plan = flagship, inputs = INPUTS } = world;
  const scenario = resolveScenario(world.scenario ?? "cold-jvm");
  const startMs = Date.parse(scenario.startAt);
  const clock = createVirtualClock(startMs);
  const store = new ObjectStore(clock.now);
  const tsdb = new TimeSeriesStore();
  const model = createClusterModel({ scenario, store, tsdb, startMs });
  clock.onAdvance((_from, to) => model.advanceTo(to));
  const api = await startKubeApiServer({
    store,
    rbac,
    ...(world.crdDir ? { crdDir: world.crdDir } : {}),
    afterWrite: () => model.reconcile(),
    podProxy: (req) => {
      const answer = model.probe(req);
      if (!answer) return undefined;
      clock.advance(answer.latencyMs);
      return { status: answer.status, body: answer.body };
    },
  });
  const prometheus = await startPrometheusApi({ store: tsdb, now: clock.now });
  try {
    return await runPlan(plan, {
      mode: "run",
      inputs,
      kube: createClientNodeKube(loadKubeConfig({ kind: "inline", content: api.kubeconfig() })),
      metrics: createPrometheus({ url: prometheus.url }),
      clock,
      target: { kind: "sim", scenario: scenario.name },
    });
  } finally {
    await Promise.all([api.close(), prometheus.close()]);
  }
}

/** The generated roles as the loopback server's RBAC policy: each Role's rules in its namespace, the ClusterRole's everywhere. */
const policyOf = (roles: RbacRoles): RbacPolicy => ({
  user: "system:serviceaccount:prod:firebreak",
  rules: [...roles.roles.flatMap((r) => r.rules.map((rule) => ({ ...rule, namespaces: [r.namespace] }))), ...roles.clusterRules],
});

describe("firebreak rbac for the flagship plan", () => {
  it("is one Role in prod: reads, the patches, the pod proxy for the warm-up probes, and holding an autoscaler", () => {
    expect(derived.rehearsals).toEqual([
      { mode: "preview", status: "succeeded" },
      { mode: "run", status: "succeeded" },
    ]);
    expect(derived.yaml).toMatchInlineSnapshot(`
      "# Least privilege for plan "checkout-api-rollback", derived by rehearsing it on the simulator (scenario cold-jvm; preview and run).
      # Bind it to the service account the plan runs as, e.g.:
      #   kubectl create rolebinding firebreak-checkout-api-rollback --role=firebreak-checkout-api-rollback --serviceaccount=<namespace>:<service-account> -n prod
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata:
        name: firebreak-checkout-api-rollback
        namespace: prod
      rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [list]
        - apiGroups: [""]
          resources: [pods/proxy]
          verbs: [get]
        - apiGroups: [apps]
          resources: [deployments]
          verbs: [get, patch]
        - apiGroups: [apps]
          resources: [replicasets]
          verbs: [list]
        # get, patch: scale() holds a Deployment's HorizontalPodAutoscaler at the count it sets (unless autoscaler: "leave")
        # on a cluster where it has one, whether or not the rehearsal's scenario had one
        - apiGroups: [autoscaling]
          resources: [horizontalpodautoscalers]
          verbs: [get, list, patch]
        - apiGroups: [networking.istio.io]
          resources: [destinationrules]
          verbs: [get, list]
        - apiGroups: [networking.istio.io]
          resources: [virtualservices]
          verbs: [get, patch]
      "
    `);
  });

  it("is enough: the plan succeeds against an API server enforcing exactly that Role", async () => {
    const result = await runUnder(policyOf(derived.roles));
    expect(result.status, result.error?.message).toBe("succeeded");
  }, 60_000);

  it("is enough where the Deployment has an autoscaler cold-jvm lacks: scale() holds it (thin-stable-pool)", async () => {
    const result = await runUnder(policyOf(derived.roles), { scenario: "thin-stable-pool" });
    expect(result.status, result.error?.message).toBe("succeeded");
    const held = result.events.flatMap((e) => (e.type === "change" && e.object.kind === "HorizontalPodAutoscaler" ? [e.field] : []));
    expect(held).toContain("spec.minReplicas");
  }, 60_000);

  it("is the same Role whether or not the scenario has an autoscaler", async () => {
    const onThinPool = await deriveRbac(flagship, { scenario: "thin-stable-pool", inputs: INPUTS });
    expect(onThinPool.roles).toEqual(derived.roles);
  }, 60_000);

  it("holding that autoscaler needs patch, and get to read it back: without either the run stops at the scale, naming it", async () => {
    for (const verb of ["patch", "get"]) {
      const rules = derived.roles.roles[0]!.rules.map((r) => (r.resources[0] === "horizontalpodautoscalers" ? { ...r, verbs: r.verbs.filter((v) => v !== verb) } : r));
      const result = await runUnder(policyOf({ roles: [{ namespace: "prod", rules }], clusterRules: [] }), { scenario: "thin-stable-pool" });
      expect(result.error?.message).toMatch(new RegExp(`may not ${verb} horizontalpodautoscalers.autoscaling in namespace prod`));
    }
  }, 60_000);

  it("and each rule is needed: without it the plan fails, naming the verb and resource it lacked", async () => {
    const rules = derived.roles.roles[0]!.rules;
    const failures: string[] = [];
    for (let i = 0; i < rules.length; i++) {
      const without: RbacRoles = { roles: [{ namespace: "prod", rules: rules.filter((_, j) => j !== i) }], clusterRules: [] };
      const result = await runUnder(policyOf(without));
      expect(result.status, `without ${JSON.stringify(rules[i])}`).not.toBe("succeeded");
      failures.push(result.error?.message.match(/may not \S+ \S+ in namespace prod/)?.[0] ?? `(no permission named: ${result.error?.message})`);
    }
    expect(failures).toEqual([
      "may not list pods in namespace prod",
      "may not get pods/proxy in namespace prod",
      "may not get deployments.apps in namespace prod",
      "may not list replicasets.apps in namespace prod",
      "may not list horizontalpodautoscalers.autoscaling in namespace prod",
      "may not list destinationrules.networking.istio.io in namespace prod",
      "may not get virtualservices.networking.istio.io in namespace prod",
    ]);
  }, 120_000);

  it("a missing write permission names the verb, and the message says how to fix it", async () => {
    const rules = derived.roles.roles[0]!.rules.map((r) => (r.resources[0] === "virtualservices" ? { ...r, verbs: ["get"] } : r));
    const result = await runUnder(policyOf({ roles: [{ namespace: "prod", rules }], clusterRules: [] }));
    expect(result.status).toBe("failed-unsafe");
    expect(result.error).toEqual({
      name: "ForbiddenError",
      message:
        "Forbidden: the service account may not patch virtualservices.networking.istio.io in namespace prod. Grant it (see `firebreak rbac <plan.ts>`). " +
        'Server said: virtualservices.networking.istio.io "checkout-api" is forbidden: User "system:serviceaccount:prod:firebreak" cannot patch resource "virtualservices" in API group "networking.istio.io" in the namespace "prod"',
    });
  }, 60_000);
});

describe("firebreak rbac for a Helm plan", () => {
  it("adds what helm itself asks of the API server (its release records), and that Role is enough for the real helm", async () => {
    vi.stubEnv("FIREBREAK_HELM", ensureHelm());
    const { plan } = await loadPlan("examples/helm-release-rollback.ts");
    const { roles } = await deriveRbac(plan, { scenario: "cold-jvm", inputs: {} });
    const rules = roles.roles[0]!.rules;
    expect(rules.find((r) => r.resources.includes("secrets"))).toEqual({ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "create", "update"] });
    const result = await runUnder(policyOf(roles), { plan, inputs: {} });
    expect(result.status, result.error?.message).toBe("succeeded");
    const withoutSecrets = await runUnder(policyOf({ roles: [{ namespace: "prod", rules: rules.filter((r) => !r.resources.includes("secrets")) }], clusterRules: [] }), { plan, inputs: {} });
    expect(withoutSecrets.error?.message).toMatch(/may not list secrets in namespace prod/);
  }, 120_000);
});

describe("firebreak rbac for a Linkerd plan", () => {
  it("grants the list of ServiceProfiles across namespaces a mesh route's shift reads, though the scenario serves none, and that is enough where they are served", async () => {
    const { plan } = await loadPlan("examples/linkerd-httproute-rollback.ts");
    const { roles, rehearsals } = await deriveRbac(plan, { scenario: "linkerd-cold-jvm", inputs: INPUTS });
    expect(rehearsals.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
    expect(roles.clusterRules).toEqual([{ apiGroups: ["linkerd.io"], resources: ["serviceprofiles"], verbs: ["list"] }]);
    // a cluster running Linkerd serves ServiceProfiles: under that Role the check is made, nothing left unchecked
    const crds = await mkdtemp(join(tmpdir(), "firebreak-crds-"));
    try {
      for (const f of (await readdir("sdk/sim/crds")).filter((f) => f.endsWith(".yaml"))) await copyFile(join("sdk/sim/crds", f), join(crds, f));
      await copyFile("test/traffic/fixtures/linkerd.io_serviceprofiles.yaml", join(crds, "linkerd.io_serviceprofiles.yaml"));
      const result = await runUnder(policyOf(roles), { plan, scenario: "linkerd-cold-jvm", crdDir: crds });
      expect(result.status, result.error?.message).toBe("succeeded");
      expect(result.events.filter((e) => e.type === "note" && e.text.includes("ServiceProfile"))).toEqual([]);
    } finally {
      await rm(crds, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("firebreak rbac for writes a rehearsal does not send", () => {
  const route = istio.virtualService({ namespace: "prod", name: "checkout-api", backends: { stable: deployment({ namespace: "prod", name: "checkout-api-stable" }), release: deployment({ namespace: "prod", name: "checkout-api" }) } });
  const stable = deployment({ namespace: "prod", name: "checkout-api-stable" });
  const release = deployment({ namespace: "prod", name: "checkout-api" });

  it("grants a write the scenario did not need (it already held the count asked for): a cluster in another state needs it", async () => {
    const hold = plan({ name: "hold-stable", inputs: z.object({ replicas: z.coerce.number() }) }, async (run, { replicas }) => {
      await run.step(`stable pool at ${replicas}`, () => stable.scale(replicas, { autoscaler: "leave" }));
    });
    const sim = await startSimulator("cold-jvm");
    const current = (await sim.kube.get(stable.ref))!.spec.replicas as number;
    await sim.close();
    const { roles, rehearsals } = await deriveRbac(hold, { scenario: "cold-jvm", inputs: { replicas: String(current) } });
    expect(rehearsals.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
    expect(roles.roles[0]!.rules.find((r) => r.resources.includes("deployments"))?.verbs).toEqual(["get", "patch"]);
    const elsewhere = await runUnder(policyOf(roles), { plan: hold, inputs: { replicas: String(current + 2) } });
    expect(elsewhere.status, elsewhere.error?.message).toBe("succeeded");
  }, 60_000);

  it("grants the patch of a rollback to the revision the scenario already runs (kubectl's skipped rollback)", async () => {
    const rollBack = plan({ name: "roll-back", inputs: z.object({ revision: z.coerce.number() }) }, async (run, { revision }) => {
      await run.step(`roll back to ${revision}`, () => release.rollback({ toRevision: revision }));
    });
    const { roles } = await deriveRbac(rollBack, { scenario: "cold-jvm", inputs: { revision: "3" } });
    expect(roles.roles[0]!.rules.find((r) => r.resources.includes("deployments"))?.verbs).toEqual(["get", "patch"]);
    const elsewhere = await runUnder(policyOf(roles), { plan: rollBack, inputs: { revision: "2" } });
    expect(elsewhere.status, elsewhere.error?.message).toBe("succeeded");
  }, 60_000);

  it("grants the writes of the path the preview follows (every gate passes) where the run's scenario fails the gate", async () => {
    const onlyIfHealthy = plan({ name: "grow-if-healthy" }, async (run) => {
      const verdict = await run.check("the release answers", gates.successRate({ route, destination: "release", min: 0.99, minRequests: 100 }));
      if (verdict.phase === "passed") await run.step("grow the release", () => release.scale(6, { autoscaler: "leave" }));
    });
    const { roles } = await deriveRbac(onlyIfHealthy, { scenario: "cold-jvm", inputs: {} });
    expect(roles.roles[0]!.rules.find((r) => r.resources.includes("deployments"))?.verbs).toContain("patch");
    // the same world with 2.0.0 fixed: the release answers, the gate passes, the plan takes the preview's path
    const fixed = { ...builtinScenarios.healthy!, name: "release-fixed", images: { ...checkoutWorld.images, "registry.example.com/checkout-api:2.0.0": { latencyMs: 35, schema: { min: 41, max: 42 } } } };
    const healthy = await runUnder(policyOf(roles), { plan: onlyIfHealthy, inputs: {}, scenario: fixed });
    expect(healthy.status, healthy.error?.message).toBe("succeeded");
    expect(healthy.events.some((e) => e.type === "change" && e.field === "spec.replicas")).toBe(true);
  }, 60_000);
});

describe("requests → accesses → roles", () => {
  it("rehearses a schema gate against the simulator's database: the roll-forward path's permissions are in the Role", async () => {
    const forward = await deriveRbac(flagship, { scenario: "schema-from-the-future", inputs: { ...INPUTS, hotfix: "registry.example.com/checkout-api:2.0.1" } });
    expect(forward.rehearsals.find((r) => r.mode === "run")).toMatchObject({ status: "succeeded" });
    const rules = JSON.stringify(rolesFor(forward.accesses));
    expect(rules).toContain('"pods/proxy"');
  }, 60_000);

  it("reads RBAC's view of each request: group, resource/subresource, verb, namespace", () => {
    expect(accessOf("GET", "/api/v1/namespaces/prod/pods?labelSelector=app%3Dx", 200)).toEqual([{ group: "", resource: "pods", verb: "list", namespace: "prod" }]);
    expect(accessOf("GET", "/api/v1/namespaces/prod/pods/web-1:8080/proxy/healthz", 200)).toEqual([{ group: "", resource: "pods/proxy", verb: "get", namespace: "prod" }]);
    expect(accessOf("GET", "/apis/apps/v1/namespaces/prod/deployments?watch=true", 200)).toEqual([{ group: "apps", resource: "deployments", verb: "watch", namespace: "prod" }]);
    expect(accessOf("PUT", "/api/v1/namespaces/prod/secrets/sh.helm.release.v1.x.v1", 200)).toEqual([{ group: "", resource: "secrets", verb: "update", namespace: "prod" }]);
    // server-side apply that creates needs create too
    expect(accessOf("PATCH", "/api/v1/namespaces/prod/configmaps/flags?fieldManager=firebreak", 201).map((a) => a.verb)).toEqual(["patch", "create"]);
    // cluster-scoped: a Namespace itself, and lists across namespaces
    expect(accessOf("GET", "/api/v1/namespaces/prod", 200)).toEqual([{ group: "", resource: "namespaces", verb: "get" }]);
    expect(accessOf("GET", "/apis/apps/v1/deployments", 200)).toEqual([{ group: "apps", resource: "deployments", verb: "list" }]);
    // discovery and OpenAPI are every user's
    for (const path of ["/api", "/api/v1", "/apis", "/apis/apps/v1", "/openapi/v3", "/version"]) expect(accessOf("GET", path, 200)).toEqual([]);
  });

  it("a list of autoscalers (scale() looking for one) implies holding it: get and patch, in that namespace", () => {
    const list = accessOf("GET", "/apis/autoscaling/v2/namespaces/prod/horizontalpodautoscalers", 200);
    expect(rolesFor(withImplied(list)).roles).toEqual([
      { namespace: "prod", rules: [{ apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: ["get", "list", "patch"] }] },
    ]);
    // other reads imply nothing
    const reads = [...accessOf("GET", "/apis/apps/v1/namespaces/prod/replicasets", 200), ...accessOf("GET", "/apis/autoscaling/v2/namespaces/prod/horizontalpodautoscalers/web", 200)];
    expect(withImplied(reads)).toEqual(reads);
  });

  it("puts cluster-wide accesses in a ClusterRole, namespaced ones in a Role per namespace", () => {
    const roles = rolesFor([
      ...accessOf("GET", "/api/v1/namespaces/prod/secrets?labelSelector=owner%3Dhelm", 200),
      ...accessOf("POST", "/api/v1/namespaces/prod/secrets", 201),
      ...accessOf("GET", "/apis/apps/v1/namespaces/staging/deployments/web", 200),
      ...accessOf("GET", "/api/v1/namespaces/prod", 200),
    ]);
    expect(roles).toEqual({
      roles: [
        { namespace: "prod", rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["list", "create"] }] },
        { namespace: "staging", rules: [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get"] }] },
      ],
      clusterRules: [{ apiGroups: [""], resources: ["namespaces"], verbs: ["get"] }],
    });
  });
});

describe("the command", () => {
  const out: string[] = [];
  const err: string[] = [];
  beforeAll(() => {
    vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
  });
  afterAll(() => vi.restoreAllMocks());

  it("prints the roles on stdout and exits 0", async () => {
    const code = await main(["rbac", FLAGSHIP, "--input", "revision=2"]);
    expect(code).toBe(0);
    expect(out.join("")).toContain("kind: Role\nmetadata:\n  name: firebreak-checkout-api-rollback\n  namespace: prod");
  }, 60_000);

  it("refuses --target: it never touches a cluster", async () => {
    expect(await main(["rbac", FLAGSHIP, "--target", "cluster"])).toBe(2);
    expect(err.join("")).toMatch(/rehearses the plan on the simulator; it never touches a cluster/);
  });
});
