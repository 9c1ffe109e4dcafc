import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import { runPlan } from "../../sdk/engine/runner.ts";
import { deployment, ingressNginx, plan } from "../../sdk/index.ts";
import { createKube } from "../../sdk/kube/index.ts";
import { decodeBuiltIn } from "../../sdk/sim/kube-api/builtin-schema.ts";
import { kubeconfigFor } from "../../sdk/sim/kube-api/kubeconfig.ts";
import { groupVersion, loadResourceTable } from "../../sdk/sim/kube-api/resources.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";
import { holdingClock, startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";

/**
 * What Firebreak itself writes to built-in kinds is what a real API server takes without dropping
 * a field: every write of a plan that shifts an ingress-nginx canary, scales a Deployment past its
 * autoscaler's floor, sets an image and rolls back goes through with fieldValidation=Strict, and
 * what the simulator's controllers store decodes cleanly (else a client's next patch would drop it).
 */

let sim: Simulator | undefined;
let front: { url: string; writes: string[]; close(): Promise<void> } | undefined;
afterEach(async () => {
  await front?.close();
  await sim?.close();
});

/** A front to the API server that asks for fieldValidation=Strict on every write, as kubectl does. */
async function strictFront(target: string): Promise<NonNullable<typeof front>> {
  const writes: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", target);
    if (req.method !== "GET") {
      url.searchParams.set("fieldValidation", "Strict");
      writes.push(`${req.method} ${url.pathname}`);
    }
    const upstream = request(url, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    writes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const namespace = "prod";
const release = deployment({ namespace, name: "checkout-api" });
const route = ingressNginx.canary({
  namespace,
  canaryIngress: "checkout-api-canary",
  backends: { "checkout-api": deployment({ namespace, name: "checkout-api-stable" }), "checkout-api-canary": release },
});

it("a plan's writes to Ingress, HorizontalPodAutoscaler and Deployment pass fieldValidation=Strict", async () => {
  const world = builtinScenarios["nginx-cold-jvm"]!;
  sim = await startSimulator({
    ...world,
    deployments: world.deployments!.map((d) => (d.name === "checkout-api" ? { ...d, autoscaler: { minReplicas: 4, maxReplicas: 12 } } : d)),
  });
  front = await strictFront(sim.kubeApi.url);
  const kube = holdingClock(await createKube({ kind: "inline", content: kubeconfigFor(front.url, undefined) }), sim.clock);

  const result = await runPlan(
    plan({ name: "own-writes" }, async (run) => {
      await run.step("isolate", () => route.shift({ "checkout-api": 100, "checkout-api-canary": 0 }));
      await run.step("scale past the autoscaler's floor", () => release.scale(10));
      await run.step("roll forward", () => release.setImage("registry.example.com/checkout-api:2.0.1"));
      await run.step("roll back", () => release.rollback({ toRevision: 2 }));
    }),
    { mode: "run", inputs: {}, kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" } },
  );

  expect(result.status, result.error?.message).toBe("succeeded");
  expect(new Set(front.writes)).toEqual(
    new Set([
      "PATCH /apis/networking.k8s.io/v1/namespaces/prod/ingresses/checkout-api-canary",
      "PATCH /apis/autoscaling/v2/namespaces/prod/horizontalpodautoscalers/checkout-api",
      "PATCH /apis/apps/v1/namespaces/prod/deployments/checkout-api",
      "PATCH /apis/apps/v1/namespaces/prod/deployments/checkout-api-stable",
    ]),
  );
  const changed = result.events.flatMap((e) => (e.type === "change" ? [`${e.field}: ${JSON.stringify(e.after)}`] : []));
  expect(changed).toEqual(
    expect.arrayContaining([
      'metadata.annotations["nginx.ingress.kubernetes.io/canary-weight"]: "0"',
      "spec.minReplicas: 10",
      "spec.replicas: 10",
      'spec.template.spec.containers[0].image: "registry.example.com/checkout-api:2.0.1"',
      'spec.template.metadata.annotations["firebreak.dev/schema-version"]: "41"',
      'spec.template.spec.containers[0].image: "registry.example.com/checkout-api:1.9.0"',
    ]),
  );

  sim.clock.advance(120_000);
  const table = await loadResourceTable(new URL("../../sdk/sim/crds", import.meta.url).pathname);
  const problems = table.all
    .filter((t) => !t.crd)
    .flatMap((t) => t.versions.flatMap((v) => sim!.store.list(groupVersion(t.group, v), t.kind).map((o) => ({ name: `${t.kind} ${o.metadata.name}`, ...decodeBuiltIn(structuredClone(o), t, v) }))))
    .filter((d) => d.typeError || d.unknownFields.length);
  expect(problems).toEqual([]);
});
