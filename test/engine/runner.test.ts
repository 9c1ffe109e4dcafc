import { describe, expect, it } from "vitest";
import { deployment, gatewayApi, gates, istio, plan, z, type Route } from "../../sdk/index.ts";
import type { Gate } from "../../sdk/gates/gate.ts";
import type { KubePort } from "../../sdk/ports/kube.ts";
import type { MetricsPort } from "../../sdk/ports/metrics.ts";
import { runPlan, type RunOptions } from "../../sdk/engine/runner.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { createFakeKube, seedRoute } from "../helpers/fake-kube.ts";
import { ForbiddenError, KubeApiError, PlanInputError } from "../../sdk/errors.ts";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { renderPostmortem, summarizeRun } from "../../sdk/postmortem/index.ts";
import { formatReport } from "../../sdk/cli/report.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";
import { route as flagshipRoute } from "../../examples/checkout-api.ts";

const vs = istio.virtualService({ namespace: "prod", name: "checkout-api" });

function setup() {
  const fake = createFakeKube();
  seedRoute(fake.store);
  const clock = createVirtualClock();
  const options = (extra: Partial<RunOptions> = {}): RunOptions => ({ mode: "run", inputs: {}, kube: fake.kube, clock, target: { kind: "sim" }, ...extra });
  const weights = () =>
    Object.fromEntries(
      fake.store.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" })!.spec.http[0].route.map(
        (r: { destination: { subset: string }; weight: number }) => [r.destination.subset, r.weight],
      ),
    );
  return { fake, clock, options, weights };
}

/** checkout-api's VirtualService with backends: per subset, the name of its Deployment in prod. */
const vsWith = (backends: Record<string, string>) =>
  istio.virtualService({ namespace: "prod", name: "checkout-api", backends: Object.fromEntries(Object.entries(backends).map(([subset, name]) => [subset, deployment({ namespace: "prod", name })])) });

const of = <T extends JournalEvent["type"]>(events: JournalEvent[], type: T) => events.filter((e): e is Extract<JournalEvent, { type: T }> => e.type === type);

const ISTIO_5XX = 'response_code=~"5.."';
const LINKERD_FAILURES = 'classification="failure"';
/** Prometheus answering 1000 requests to any query, and no errors to one that selects them by `errors`. */
const healthyMetrics = (errors: string): MetricsPort => ({
  url: "http://prometheus.test",
  query: async (q, at) => ({ at: at ?? 0, samples: q.includes(errors) ? [] : [{ labels: {}, value: 1000 }], warnings: [] }),
  queryRange: async () => ({ series: [], warnings: [] }),
});

const shiftPlan = (split: Record<string, number>, route: Route = vs) =>
  plan({ name: "shift" }, async (run) => {
    await run.step("shift", () => route.shift(split));
  });

/** A plan that shifts to 50/50, then cancels itself from a step that never hears the cancel (a hand-written wait). */
const deafToCancel = (cancel: AbortController) =>
  plan({ name: "p" }, async (run) => {
    await run.safeState(vs, { stable: 100, release: 0 });
    await run.step("canary", () => vs.shift({ stable: 50, release: 50 }));
    await run.step("poll the status page", async () => {
      cancel.abort();
      await new Promise(() => {}); // never hears the cancel
    });
  });

describe("run", () => {
  it("writes the split, reads it back and journals each field before → after", async () => {
    const { options, weights } = setup();
    const result = await runPlan(shiftPlan({ stable: 100, release: 0 }), options());
    expect(result.status).toBe("succeeded");
    expect(weights()).toEqual({ stable: 100, release: 0 });
    expect(of(result.events, "change").map((c) => [c.field, c.before, c.after, c.applied])).toEqual([
      ["spec.http[0].route[0].weight", 10, 100, true],
      ["spec.http[0].route[1].weight", 90, 0, true],
    ]);
    // the split it started from, then the one read back after the write
    expect(of(result.events, "traffic")).toMatchObject([
      { split: { stable: 10, release: 90 }, verified: true },
      { split: { stable: 100, release: 0 }, verified: true },
    ]);
  });

  it("checks capacity on the pools a shift involves; a declared pool it does not involve may be missing", async () => {
    const { fake, options, weights } = setup();
    const pool = (name: string, track: string, ready: number) =>
      fake.store.create({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name, namespace: "prod" },
        spec: { replicas: ready, selector: { matchLabels: { track } }, template: { metadata: { labels: { track } }, spec: { containers: [{ name: "app", image: `app:${track}` }] } } },
        status: { replicas: ready, readyReplicas: ready, availableReplicas: ready, updatedReplicas: ready },
      });
    pool("checkout-api-stable", "stable", 20);
    pool("checkout-api", "release", 10);
    const route = istio.virtualService({
      namespace: "prod",
      name: "checkout-api",
      backends: {
        stable: deployment({ namespace: "prod", name: "checkout-api-stable" }),
        release: deployment({ namespace: "prod", name: "checkout-api" }),
        canary: deployment({ namespace: "prod", name: "checkout-api-canary" }), // not deployed
      },
    });
    const result = await runPlan(shiftPlan({ stable: 100, release: 0 }, route), options());
    expect(result.status).toBe("succeeded");
    expect(weights()).toEqual({ stable: 100, release: 0 });
  });

  it("refuses a shift whose capacity check a misspelt backend would quietly turn off", async () => {
    const { fake, options, weights } = setup();
    const route = vsWith({ stabel: "checkout-api-stable", release: "checkout-api" });
    const result = await runPlan(shiftPlan({ stable: 100, release: 0 }, route), options());
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toBe(
      "VirtualService prod/checkout-api has no subset 'stabel' (named in its backends); subsets are: 'stable', 'release'. " +
        "Key each backend by the subset its Deployment serves: without one for stable, this shift cannot check its capacity.",
    );
    expect(fake.calls.filter((c) => c.op === "patch")).toHaveLength(0);
    expect(weights()).toEqual({ stable: 10, release: 90 });
  });

  it("refuses a handle the program calls after it has finished (from a setTimeout), so it cannot change the cluster after the run", async () => {
    const { fake, options, weights } = setup();
    let late: Promise<unknown> | undefined;
    const p = plan({ name: "late" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await new Promise<void>((scheduled) => {
        setTimeout(() => void (late = vs.shift({ stable: 0, release: 100 })), 0);
        scheduled();
      });
    });
    const result = await runPlan(p, options());
    await new Promise((r) => setTimeout(r, 10));
    await expect(late).rejects.toThrow("VirtualService prod/checkout-api.shift() was called after the plan's program had finished, and was refused: await it inside the program.");
    expect(result.status).toBe("succeeded");
    expect(weights()).toEqual({ stable: 10, release: 90 });
    expect(fake.calls.filter((c) => c.op === "patch")).toEqual([]);
  });

  it("previews a gate, check or pause the program does not await as the run would meet it: still running when the program returns", async () => {
    const { options } = setup();
    const p = plan({ name: "p" }, async (run) => {
      void run.pause("1m", "soak");
      await run.step("isolate", () => vs.shift({ stable: 100, release: 0 }));
    });
    const message = 'run.pause("1m") was still running when the plan\'s program returned: await it';
    expect((await runPlan(p, options({ mode: "preview" }))).error?.message).toMatch(new RegExp(`^${message.replace(/[()."]/g, "\\$&")}`));
    expect((await runPlan(p, options())).error?.message).toMatch(new RegExp(`^${message.replace(/[()."]/g, "\\$&")}`));
  });

  it("says a plan threw nothing useful (throw undefined), and how to throw instead", async () => {
    const { options } = setup();
    const result = await runPlan(plan({ name: "p" }, async () => {
      throw undefined;
    }), options());
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toBe('the plan threw undefined, not an Error: throw new Error("what went wrong") instead');
  });

  it("reports a route shifted with no safe state for it unsafe, also when another route has one", async () => {
    const { fake, options, weights } = setup();
    seedRoute(fake.store, { stable: 80, release: 20 }, "payments");
    const payments = istio.virtualService({ namespace: "prod", name: "payments" });
    const p = plan({ name: "two-routes" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("isolate checkout", () => vs.shift({ stable: 100, release: 0 }));
      await run.step("half payments", () => payments.shift({ stable: 50, release: 50 }));
      throw new Error("boom");
    });
    const result = await runPlan(p, options());
    expect(weights()).toEqual({ stable: 100, release: 0 });
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe).toEqual([
      "VirtualService prod/payments was left changed (spec.http[0].route[0].weight=50, was 80; spec.http[0].route[1].weight=50, was 20); the plan declared no safe state for it",
    ]);
    const summary = summarizeRun(result.events);
    expect(summary.leftChanged).toEqual([]); // said once, as unsafe
    expect(formatReport(result, {}, 3)).toContain("VirtualService prod/payments was left changed");
  });

  it("restores the safe state past a backend naming a Deployment that is not there: the shift needing it fails, the restore does not", async () => {
    const { fake, options, weights } = setup();
    const route = vsWith({ stable: "ghost", release: "checkout-api" });
    const p = plan({ name: "isolate" }, async (run) => {
      await run.safeState(route, { stable: 100, release: 0 });
      await run.step("isolate", () => route.shift({ stable: 100, release: 0 }));
    });
    const result = await runPlan(p, options());
    expect(result.error?.message).toBe("Deployment prod/ghost was not found; there are none in that namespace.");
    expect(result.status).toBe("failed-safe");
    expect(weights()).toEqual({ stable: 100, release: 0 });
    expect(of(result.events, "note").map((n) => n.text)).toContain(
      "capacity not checked for VirtualService prod/checkout-api: a backend could not be read (Deployment prod/ghost was not found; there are none in that namespace.); the restore goes ahead without the check",
    );
    expect(fake.calls.filter((c) => c.op === "patch")).toHaveLength(1);
  });

  it("fails a gate on a subset the route lacks at once, naming the subsets, instead of waiting out its timeout", async () => {
    const { options, clock } = setup();
    const noData: MetricsPort = { url: "http://prometheus.test", query: async (_q, at) => ({ at: at ?? 0, samples: [], warnings: [] }), queryRange: async () => ({ series: [], warnings: [] }) };
    const p = plan({ name: "gate-typo" }, async (run) => {
      await run.gate("release healthy", gates.successRate({ route: vs, destination: "relase", min: 0.99 }));
    });
    const started = clock.now();
    const result = await runPlan(p, options({ metrics: noData }));
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toBe("VirtualService prod/checkout-api has no subset 'relase'; subsets are: 'stable', 'release'.");
    expect(clock.now() - started).toBe(0); // no rounds waited for
    const preview = await runPlan(p, options({ mode: "preview", metrics: noData }));
    expect(preview.error?.message).toBe("VirtualService prod/checkout-api has no subset 'relase'; subsets are: 'stable', 'release'.");
  });

  it("previews a gate without a metrics provider as the failure the run would meet", async () => {
    const { options } = setup();
    const p = plan({ name: "gate-without-prometheus" }, async (run) => {
      await run.gate("release healthy", gates.successRate({ route: vs, destination: "release", min: 0.99 }));
    });
    const preview = await runPlan(p, options({ mode: "preview" }));
    expect(preview.status).toBe("failed-safe");
    expect(preview.error?.message).toMatch(/no metrics provider is configured; pass --prometheus URL \(CLI\) or prometheus-url \(action\)/);
  });

  it("judges a gate after a shift only on traffic after it: no verdict until its window holds none from before", async () => {
    const { options, clock } = setup();
    const healthy = healthyMetrics(ISTIO_5XX);
    const p = plan({ name: "shift-then-gate" }, async (run) => {
      await run.step("1% to release", () => vs.shift({ stable: 99, release: 1 }));
      await run.gate("release healthy", gates.successRate({ route: vs, destination: "release", min: 0.99 }));
    });
    const started = clock.now();
    const result = await runPlan(p, options({ metrics: healthy }));
    expect(result.status).toBe("succeeded");
    const [gate] = of(result.events, "gate");
    expect(gate!.evidence.map((e) => e.phase)).toEqual(["inconclusive", "inconclusive", "inconclusive", "inconclusive", "inconclusive", "inconclusive", "passed"]);
    expect(gate!.evidence[0]!.reason).toBe("0ms since VirtualService prod/checkout-api last shifted: waiting for a 1m window of traffic after it");
    expect(clock.now() - started).toBe(60_000);
  });

  it("waits the same way on an explicit mesh scope the shifted route serves, and not on another service's", async () => {
    const { options } = setup();
    const healthy = healthyMetrics(ISTIO_5XX);
    const scoped = (service: string, version?: string) => gates.successRate({ mesh: "istio", namespace: "prod", service, ...(version ? { version } : {}), min: 0.99 });
    const p = plan({ name: "shift-then-gate-on-scopes" }, async (run) => {
      await run.step("50% to release", () => vs.shift({ stable: 50, release: 50 }));
      await run.check("the release version", scoped("checkout-api", "release"), { timeout: "5s" });
      await run.check("the whole service", scoped("checkout-api"), { timeout: "5s" });
      await run.check("another service", scoped("payments", "release"), { timeout: "5s" });
      await run.check("another mesh's metrics", gates.successRate({ mesh: "linkerd", namespace: "prod", service: "checkout-api", version: "release", min: 0.99 }), {
        timeout: "5s",
      });
    });
    const result = await runPlan(p, options({ metrics: healthy }));
    const [version, service, other, linkerd] = of(result.events, "gate");
    for (const waited of [version!, service!]) {
      expect(waited.phase).toBe("inconclusive");
      expect(waited.evidence[0]!.reason).toBe("0ms since VirtualService prod/checkout-api last shifted: waiting for a 1m window of traffic after it");
    }
    // judged at once (linkerd's failure count is not in this stub's terms: a verdict all the same)
    expect(other!.evidence.map((e) => e.reason)).toEqual(["success rate 1 >= 0.99 over 1m (1000 requests, 0 failed)"]);
    expect(linkerd!.evidence).toHaveLength(1);
    expect(linkerd!.evidence[0]!.reason).not.toMatch(/last shifted/);
  });

  it("waits on a scope only after a shift of a route that sends to it, not of one whose namespace merely holds its Service", async () => {
    const { options, fake } = setup();
    for (const name of ["checkout-stable", "checkout-release", "payments"]) {
      fake.store.create({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "prod" }, spec: { ports: [{ port: 80 }] } });
    }
    fake.store.create({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "checkout", namespace: "prod" },
      spec: { parentRefs: [{ kind: "Gateway", name: "edge" }], rules: [{ backendRefs: [{ name: "checkout-stable", port: 80, weight: 90 }, { name: "checkout-release", port: 80, weight: 10 }] }] },
    });
    const healthy = healthyMetrics(LINKERD_FAILURES);
    const route = gatewayApi.httpRoute({ namespace: "prod", name: "checkout" });
    const scoped = (service: string) => gates.successRate({ mesh: "linkerd", namespace: "prod", service, min: 0.99 });
    const routeReads = () => fake.calls.filter((c) => c.ref === "HTTPRoute/checkout").length;
    let readsForPayments = -1;
    const p = plan({ name: "isolate-then-gate-on-scopes" }, async (run) => {
      await run.step("isolate the release", () => route.shift({ "checkout-stable": 100, "checkout-release": 0 }));
      await run.check("the release", scoped("checkout-release"), { timeout: "5s" });
      const before = routeReads();
      await run.check("payments, which the route does not send to", scoped("payments"), { timeout: "5s" });
      readsForPayments = routeReads() - before;
    });
    const result = await runPlan(p, options({ metrics: healthy }));
    const [release, payments] = of(result.events, "gate");
    expect(release!.evidence[0]!.reason).toBe("0ms since HTTPRoute prod/checkout last shifted: waiting for a 1m window of traffic after it");
    expect(payments!.evidence.map((e) => e.reason)).toEqual(["success rate 1 >= 0.99 over 1m (1000 requests, 0 failed)"]);
    // nor is the route read again for it
    expect(readsForPayments).toBe(0);
  });

  it("rejects a bad split before writing anything, naming each problem", async () => {
    const { options, fake, weights } = setup();
    const result = await runPlan(shiftPlan({ stable: 60.5, release: 50 }), options());
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toContain("stable: weight 60.5 is not a whole number from 0 to 100");
    expect(result.error?.message).toContain("weights sum to 110.5, not 100");
    expect(fake.calls.filter((c) => c.op === "patch")).toHaveLength(0);
    expect(weights()).toEqual({ stable: 10, release: 90 });
  });

  it("names the subsets that exist when a split names one that doesn't", async () => {
    const { options } = setup();
    const result = await runPlan(shiftPlan({ "v1-stable": 100, release: 0 }), options());
    expect(result.error?.message).toBe("VirtualService prod/checkout-api has no subset 'v1-stable'; subsets are: 'stable', 'release'.");
  });

  it("names the VirtualServices that exist when the route is missing", async () => {
    const { options } = setup();
    const missing = istio.virtualService({ namespace: "prod", name: "checkout" });
    const result = await runPlan(shiftPlan({ stable: 100 }, missing), options());
    expect(result.error?.message).toBe("VirtualService prod/checkout was not found; existing ones in that namespace: checkout-api.");
  });

  it("appends what the target knows about a missing object, named as the error names it", async () => {
    const { options } = setup();
    const payments = gatewayApi.httpRoute({ namespace: "shop", name: "payments" });
    const asked: string[] = [];
    const explainMissing = (object: string) => (asked.push(object), `Scenario x lacks ${object}.`);
    const result = await runPlan(shiftPlan({ stable: 100 }, payments), { ...options({ target: { kind: "sim", scenario: "x" } }), explainMissing });
    expect(result.error?.message).toBe("HTTPRoute shop/payments was not found; there are none in that namespace. Scenario x lacks HTTPRoute shop/payments.");
    expect(asked).toEqual(["HTTPRoute shop/payments"]);
  });

  it("re-reads and retries when it loses a write race, then gives up with a clear error", async () => {
    const { options, fake, weights } = setup();
    fake.switches.conflicts = 2;
    expect((await runPlan(shiftPlan({ stable: 100, release: 0 }), options())).status).toBe("succeeded");
    expect(weights()).toEqual({ stable: 100, release: 0 });
    fake.switches.conflicts = 99;
    const result = await runPlan(shiftPlan({ stable: 50, release: 50 }), options());
    expect(result.error?.name).toBe("ConflictError");
    expect(result.error?.message).toContain("5 conflicting writes");
  });

  it("fails verification when something reverts the write (a GitOps controller)", async () => {
    const { options, fake } = setup();
    fake.switches.revert = { kind: "VirtualService" };
    const result = await runPlan(shiftPlan({ stable: 100, release: 0 }), options());
    expect(result.error?.name).toBe("VerificationError");
    expect(result.error?.message).toContain("GitOps");
  });

  it("validates inputs before anything runs", async () => {
    const { options, fake } = setup();
    const p = plan({ name: "p", inputs: z.object({ revision: z.coerce.number().int().positive() }) }, async () => {});
    await expect(runPlan(p, options({ inputs: { revision: "-3" } }))).rejects.toThrow(PlanInputError);
    await expect(runPlan(p, options({ inputs: { revision: "two" } }))).rejects.toThrow(/revision: Invalid input: expected number/);
    expect(fake.calls).toHaveLength(0);
  });

  it("reads a number or boolean the plan declares (z.number(), z.boolean()) from key=value text, and nothing else from it", async () => {
    const { options } = setup();
    let got: unknown;
    const p = plan({ name: "p", inputs: z.object({ replicas: z.number().int(), dryRun: z.boolean(), reason: z.string() }) }, async (_run, inputs) => void (got = inputs));
    await runPlan(p, options({ inputs: { replicas: "3", dryRun: "false", reason: "42" } }));
    expect(got).toEqual({ replicas: 3, dryRun: false, reason: "42" }); // a string stays text, even when it reads as a number
    await expect(runPlan(p, options({ inputs: { replicas: "three", dryRun: "no", reason: "x" } }))).rejects.toThrow(
      'Plan "p" got invalid inputs:\n  - replicas: Invalid input: expected number, received string\n  - dryRun: Invalid input: expected boolean, received string',
    );
    await expect(runPlan(p, options({ inputs: { replicas: "2.5", dryRun: "true", reason: "x" } }))).rejects.toThrow(/replicas: Invalid input: expected int, received number/);
  });

  it("reads numbers in any way JSON writes them, and lists and objects the plan declares from their JSON text", async () => {
    const { options } = setup();
    let got: unknown;
    const inputs = z.object({ budget: z.number(), share: z.number(), hosts: z.array(z.string()), limits: z.object({ rps: z.number() }), label: z.string() });
    const p = plan({ name: "p", inputs }, async (_run, given) => void (got = given));
    await runPlan(p, options({ inputs: { budget: "1e3", share: ".5", hosts: '["shop.example.com","api.example.com"]', limits: '{"rps":400}', label: "[not json" } }));
    expect(got).toEqual({ budget: 1000, share: 0.5, hosts: ["shop.example.com", "api.example.com"], limits: { rps: 400 }, label: "[not json" });
    await expect(runPlan(p, options({ inputs: { budget: "1e3", share: ".5", hosts: "shop.example.com", limits: "{}", label: "x" } }))).rejects.toThrow(`hosts: Invalid input: expected array, received string (give it as JSON, e.g. hosts=["a","b"])`);
  });

  it("keeps a secret input out of the journal, the error and the postmortem wherever it turns up (an HTTP client's error quoting it)", async () => {
    const { options } = setup();
    const p = plan({ name: "p", secrets: ["statusPageKey"], inputs: z.object({ statusPageKey: z.string(), reason: z.string() }) }, async (run, { statusPageKey }) => {
      run.note(`posting to the status page as ${statusPageKey.slice(0, 3)}…`);
      await run.step("post status page", async () => {
        throw new Error(`GET https://status.example.com/api/incidents?key=${statusPageKey} failed: 401`);
      });
    });
    const result = await runPlan(p, options({ inputs: { statusPageKey: "sk_live_SUPERSECRET", reason: "checkout 5xx" } }));
    expect(result.error?.message).toMatch(/^GET https:\/\/status.example.com\/api\/incidents\?key=\[redacted\] failed: 401/);
    expect(JSON.stringify(result.events)).not.toContain("SUPERSECRET");
    expect(renderPostmortem(result.events)).not.toContain("SUPERSECRET");
    expect(JSON.stringify(result.events)).toContain("checkout 5xx"); // only secrets go
  });

  it("keeps what an input holds secret by its shape (a URL's password, a PEM key) out of notes and errors too, not only the inputs table", async () => {
    const { options } = setup();
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
    const p = plan({ name: "p", inputs: z.object({ databaseUrl: z.string(), signing: z.string() }) }, async (run, { databaseUrl, signing }) => {
      run.note(`connecting to ${databaseUrl}`);
      await run.step("check the signing key", async () => {
        throw new Error(`cannot parse ${signing} for ${databaseUrl}`);
      });
    });
    const result = await runPlan(p, options({ inputs: { databaseUrl: "postgres://checkout:hunter2%2Fpass@db:5432/shop", signing: pem } }));
    const written = JSON.stringify(result.events) + renderPostmortem(result.events);
    for (const secret of ["hunter2", "MIIEvQ"]) expect(written).not.toContain(secret);
    expect(result.error?.message).toMatch(/^cannot parse \[redacted\] for postgres:\/\/checkout:\[redacted\]@db:5432\/shop/);
    expect(written).toContain("connecting to postgres://checkout:[redacted]@db:5432/shop");
  });

  it("keeps a secret input the schema turns into a number out of the journal, given or defaulted", async () => {
    const { options } = setup();
    const inputs = z.object({ pagerPin: z.coerce.number(), vaultPin: z.number().default(5551234) });
    const p = plan({ name: "p", secrets: ["pagerPin", "vaultPin"], inputs }, async (run, { pagerPin, vaultPin }) => {
      run.note(`paging with ${pagerPin}`);
      throw new Error(`vault rejected pin ${vaultPin}`);
    });
    const result = await runPlan(p, options({ inputs: { pagerPin: "918273" } }));
    expect(result.error?.message).toMatch(/^vault rejected pin \[redacted\]/);
    expect(JSON.stringify(result.events)).not.toContain("918273");
    expect(JSON.stringify(result.events)).not.toContain("5551234");
  });

  it("refuses a plan whose secrets would go unredacted: a misspelt `secrets` key, or a name no input has", () => {
    const inputs = z.object({ statusPageKey: z.string(), db: z.object({ dsn: z.string() }).optional() });
    expect(() => plan({ name: "p", secret: ["statusPageKey"], inputs } as never, async () => {})).toThrow(
      "plan(...) got invalid metadata:\n  - secret: is not an option (did you mean secrets?); the options are: name, description, inputs, secrets",
    );
    expect(() => plan({ name: "p", secrets: ["statusPagKey", "dsn"], inputs }, async () => {})).toThrow(
      'plan(...) got invalid metadata:\n  - secrets.0: "statusPagKey" names no input (did you mean "statusPageKey"?); the inputs are: statusPageKey, db, dsn. A secret left unnamed would be logged as it is',
    );
    // a schema of another zod (zod 3's has no _zod): said how to get the right one
    expect(() => plan({ name: "p", inputs: { _def: { typeName: "ZodObject" }, parse: () => ({}) } as never }, async () => {})).toThrow(
      'inputs: must be a zod 4 schema, e.g. z.object({ ... }) with import { z } from "firebreak" (a zod 3 schema, or none, is not one)',
    );
    // a schema that takes any key cannot say which names are inputs
    expect(() => plan({ name: "p", secrets: ["anything"], inputs: z.record(z.string(), z.string()) }, async () => {})).not.toThrow();
  });

  it("says an input the plan needs was not given, rather than what type undefined is not", async () => {
    const { options } = setup();
    const p = plan(
      { name: "p", inputs: z.object({ revision: z.coerce.number().int().describe("Deployment revision to roll back to"), reason: z.string(), note: z.string().optional() }) },
      async () => {},
    );
    await expect(runPlan(p, options({ inputs: {} }))).rejects.toThrow(
      'Plan "p" got invalid inputs:\n' +
        "  - revision: not given, and the plan needs it (Deployment revision to roll back to)\n" +
        "  - reason: not given, and the plan needs it\n" +
        "Pass each input as --input key=value (CLI) or in the action's `inputs`.",
    );
  });

  it("refuses inputs the plan does not declare, unless its schema takes any key", async () => {
    const { options } = setup();
    const declared = plan({ name: "p", inputs: z.object({ revision: z.coerce.number(), hotfix: z.string().optional() }) }, async () => {});
    await expect(runPlan(declared, options({ inputs: { revision: "2", hotifx: "app:2.0.1" } }))).rejects.toThrow(
      "hotifx: not an input of this plan; its inputs are: revision, hotfix",
    );
    const open = plan({ name: "p", inputs: z.record(z.string(), z.string()) }, async () => {});
    const passthrough = plan({ name: "p", inputs: z.looseObject({ revision: z.string() }) }, async () => {});
    expect((await runPlan(open, options({ inputs: { anything: "x" } }))).status).toBe("succeeded");
    expect((await runPlan(passthrough, options({ inputs: { revision: "2", extra: "x" } }))).status).toBe("succeeded");
  });
});

describe("steps", () => {
  it("journal a step run inside another as inside it, so the postmortem shows where it ran", async () => {
    const { options } = setup();
    const p = plan({ name: "p" }, async (run) => {
      await run.step("isolate", () => run.step("shift to stable", () => vs.shift({ stable: 100, release: 0 })));
      await run.step("verify", async () => {});
    });
    const result = await runPlan(p, options());
    expect(of(result.events, "step-started").map((s) => [s.name, s.parentId])).toEqual([
      ["isolate", undefined],
      ["shift to stable", 1],
      ["verify", undefined],
    ]);
    expect(renderPostmortem(result.events)).toContain('Step "shift to stable" started (in "isolate")');
  });

  it("fail the run when the program returns with a step still running (a missing await), and write nothing after", async () => {
    const { options, weights, clock } = setup();
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("isolate", () => vs.shift({ stable: 50, release: 50 }));
      void run.step("send to release", async () => {
        await run.pause("1m");
        await vs.shift({ stable: 0, release: 100 });
      });
    });
    const result = await runPlan(p, options());
    await clock.sleep(120_000); // the forgotten step wakes up after the run has ended
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toMatch(/^step "send to release" was still running when the plan's program returned: await it/);
    expect(weights()).toEqual({ stable: 100, release: 0 });
    expect(result.events.at(-1)?.type).toBe("plan-finished");
  });

  it("journal nothing after plan-finished when a branch the run gave up on gets its answer late (a slow API server)", async () => {
    const { options, fake, clock } = setup();
    let answer!: () => void;
    const slow = new Promise<void>((r) => (answer = r));
    let holdNextRuleRead = false;
    const kube: KubePort = {
      ...fake.kube,
      async get(ref) {
        if (holdNextRuleRead && ref.kind === "DestinationRule") {
          holdNextRuleRead = false;
          await slow;
        }
        return fake.kube.get(ref);
      },
    };
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("shift while the other half fails", () => {
        holdNextRuleRead = true; // the shift's read of the DestinationRule is answered after the run is over
        return Promise.all([vs.shift({ stable: 50, release: 50 }), Promise.reject(new Error("the other half failed"))]);
      });
    });
    const heard: JournalEvent[] = [];
    const result = await runPlan(p, options({ kube, onEvent: (e) => heard.push(e) }));
    answer();
    await clock.sleep(60_000); // the abandoned shift goes on now
    expect(result.status).toBe("failed-safe");
    expect(result.events.at(-1)?.type).toBe("plan-finished");
    expect(heard.at(-1)?.type).toBe("plan-finished");
  });

  it("print no progress after plan-finished when a branch the run gave up on gets its answer late", async () => {
    const { options, clock } = setup();
    let answer!: () => void;
    const slow = new Promise<void>((r) => (answer = r));
    // a gate whose measurement is answered after the run is over
    const late: Gate = { kind: "custom", description: "release healthy", evaluate: async () => (await slow, { phase: "passed", reason: "fine", evidence: [] }) };
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("check while the other half fails", () => Promise.all([run.check("release healthy", late), Promise.reject(new Error("the other half failed"))]));
    });
    const printed: string[] = [];
    const result = await runPlan(p, options({ onEvent: (e) => printed.push(e.type), onProgress: (m) => printed.push(`progress: ${m}`) }));
    answer();
    await clock.sleep(60_000);
    expect(result.status).toBe("failed-safe");
    expect(printed.at(-1)).toBe("plan-finished");
  });

  it("fail the run, and restore, when a step nobody awaits fails while the program goes on: it does not crash the process", async () => {
    const { options, weights, clock } = setup();
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      const warm = run.step("warm the release", async () => {
        await vs.shift({ stable: 90, release: 10 });
        throw new Error("release pods crash-looping");
      });
      await run.pause("5m", "soak"); // the step fails while the program waits here
      await vs.shift({ stable: 0, release: 100 }); // never reached: the run stopped at the failure
      await warm;
    });
    const result = await runPlan(p, options());
    await clock.sleep(600_000); // had the program gone on, its write would land now
    expect(result.status).toBe("failed-safe");
    // the step's own error, as had the program awaited it, and an action item to await it
    expect(result.error?.message).toMatch(/^release pods crash-looping \(at test\/engine\/runner\.test\.ts:\d+:\d+\)$/);
    expect(of(result.events, "recommendation")).toMatchObject([{ text: expect.stringMatching(/^Await step "warm the release" in the plan/), reason: expect.stringMatching(/not awaiting it/) }]);
    expect(weights()).toEqual({ stable: 100, release: 0 });
    expect(of(result.events, "step-finished")).toMatchObject([{ name: "warm the release", outcome: "failed" }, { name: "restore the safe state", outcome: "succeeded" }]);
    expect(of(result.events, "pause").filter((p) => !p.cancelled)).toHaveLength(1); // the program's wait was cut short: no later step or shift
    expect(result.events.at(-1)?.type).toBe("plan-finished");
  });

  it("fail the run, and restore, when a gate nobody awaits fails while the program pauses: the gate is named as the cause", async () => {
    const { options, weights } = setup();
    const errorsHigh: Gate = { kind: "custom", description: "release error rate < 1%", evaluate: async () => ({ phase: "failed", reason: "5% of requests failed", evidence: [] }) };
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("canary", () => vs.shift({ stable: 50, release: 50 }));
      const healthy = run.gate("release healthy", errorsHigh, { failureLimit: 0 });
      await run.pause("5m", "soak");
      await healthy;
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("failed-safe");
    expect(result.error).toEqual({ name: "GateFailedError", message: 'Gate "release healthy" failed: 5% of requests failed' });
    expect(of(result.events, "recommendation").map((r) => r.text)).toEqual(['Await gate "release healthy" in the plan (await it, or await Promise.all([...]) of what runs together)']);
    expect(weights()).toEqual({ stable: 100, release: 0 });
  });

  it("fail the run, and restore, when a shift the program forgot to return from its step fails (braces, no return)", async () => {
    const { options, weights } = setup();
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("canary", () => {
        vs.shift({ stable: 50, canary: 50 }); // no such subset: refused after the step has "finished"
      });
      await run.pause("5m", "soak");
      await run.step("promote", () => vs.shift({ stable: 0, release: 100 }));
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("failed-safe");
    expect(result.error?.name).toBe("UnknownDestinationError");
    expect(of(result.events, "recommendation").map((r) => r.text)).toEqual(["Await VirtualService prod/checkout-api.shift() in the plan (await it, or await Promise.all([...]) of what runs together)"]);
    expect(of(result.events, "step-started").map((s) => s.name)).toEqual(["canary", "restore the safe state"]); // never promoted
    expect(weights()).toEqual({ stable: 100, release: 0 });
  });

  it("fail the run, and restore, when the program returns with a shift it did not await still running", async () => {
    const { fake, options, weights, clock } = setup();
    // an API server that takes 5s to answer a write: the shift is still on the wire when the program returns
    const slowWrites = { ...fake.kube, patch: async (...a: Parameters<typeof fake.kube.patch>) => (await clock.sleep(5_000), fake.kube.patch(...a)) };
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      void vs.shift({ stable: 0, release: 100 });
    });
    const result = await runPlan(p, options({ kube: slowWrites }));
    await clock.sleep(60_000);
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toMatch(/^VirtualService prod\/checkout-api\.shift\(\) was still running when the plan's program returned: await it/);
    expect(weights()).toEqual({ stable: 100, release: 0 });
  });

  it("fail the run when a step nobody awaits fails just as the program returns: not reported as succeeded", async () => {
    const { options } = setup();
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      void run.step("check the release", async () => {
        throw new Error("release image not found");
      });
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toMatch(/^release image not found/);
    expect(of(result.events, "recommendation").map((r) => r.text)).toEqual(['Await step "check the release" in the plan (await it, or await Promise.all([...]) of what runs together)']);
  });

  it("start nothing when cancelled before the plan starts: no safe state put over a world the plan never touched", async () => {
    const { fake, options, weights } = setup();
    const cancel = new AbortController();
    cancel.abort(); // the responder cancelled while the plan loaded
    const journaled: JournalEvent[] = [];
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("canary", () => vs.shift({ stable: 90, release: 10 }));
    });
    await expect(runPlan(p, options({ signal: cancel.signal, onEvent: (e) => journaled.push(e) }))).rejects.toMatchObject({
      name: "CancelledError",
      message: "the run was cancelled before its plan started: nothing was changed",
    });
    expect(journaled).toEqual([]);
    expect(weights()).toEqual({ stable: 10, release: 90 });
    expect(fake.calls).toEqual([]); // not even a read
  });

  it("end cancelled and restored, not crashed, when a cancel cuts short a pause the program has not awaited yet", async () => {
    const { options, weights } = setup();
    const cancel = new AbortController();
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("canary", () => vs.shift({ stable: 90, release: 10 }));
      const soak = run.pause("10m", "soak");
      await run.step("watch", async () => {
        cancel.abort(); // the responder cancels the workflow here
        await run.pause("1m");
      });
      await soak;
    });
    const result = await runPlan(p, options({ signal: cancel.signal }));
    expect(result.status).toBe("cancelled");
    expect(of(result.events, "recommendation")).toEqual([]); // the cancel, not the plan, cut the pause short
    expect(weights()).toEqual({ stable: 100, release: 0 });
  });

  it("restore the safe state when a cancelled step is deaf to run.signal, once its grace is over, rather than wait for it", async () => {
    const { options, weights } = setup();
    const cancel = new AbortController();
    const p = deafToCancel(cancel);
    const result = await runPlan(p, options({ signal: cancel.signal, cancelGraceMs: 20 }));
    expect(result.status).toBe("cancelled");
    expect(result.error?.message).toBe("the plan's program did not stop within 20ms of the cancel (a step awaits something deaf to run.signal): the safe state is restored without it");
    expect(weights()).toEqual({ stable: 100, release: 0 });
  });

  it("leave a step's failure to the program when it takes the step up later, as it may (a catch, or an await after other work)", async () => {
    const { options } = setup();
    const p = plan({ name: "p" }, async (run) => {
      const optional = run.step("optional warm-up", async () => {
        throw new Error("no warm-up endpoint");
      });
      const outcome = await optional.then(() => "warmed", () => "skipped");
      run.note(`warm-up ${outcome}`);
      await run.step("isolate", () => vs.shift({ stable: 100, release: 0 }));
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("succeeded");
    expect(of(result.events, "note").map((n) => n.text)).toContain("warm-up skipped");
  });

  it("refuse a pause given no duration (a misspelt option), saying how to write one", async () => {
    const { options } = setup();
    const soak = {} as { minutes?: string };
    const result = await runPlan(plan({ name: "p" }, async (run) => run.pause(soak.minutes!, "soak")), options());
    expect(result.status).toBe("failed-safe");
    expect(result.error).toEqual({ name: "InvalidPlanError", message: 'run.pause: undefined is not a duration; write it like "250ms", "30s", "5m" or "1m30s", or as milliseconds' });
  });
});

describe("the restore of the safe state, a step of the engine's own", () => {
  /** The restore's step, from its step-started to its step-finished. */
  const restoreStep = (events: JournalEvent[]) => {
    const start = events.findIndex((e) => e.type === "step-started" && e.restore);
    const end = events.findIndex((e, i) => i > start && e.type === "step-finished" && e.stepId === events[start]!.stepId);
    return start < 0 ? [] : events.slice(start, end + 1);
  };
  /** On thin-stable-pool (2 stable pods): everyone to the release, then a failure; restoring scales the stable pool up first. */
  const smokeTestFails = plan({ name: "release-then-smoke" }, async (run) => {
    await run.safeState(flagshipRoute, { stable: 100, release: 0 }, "all traffic on stable");
    await run.step("all to release", () => flagshipRoute.shift({ stable: 0, release: 100 }));
    await run.step("smoke test", async () => {
      throw new Error("smoke test failed");
    });
  });

  for (const mode of ["run", "preview"] as const) {
    it(`holds every event of the restore, its capacity scale-up too, after the program's steps (${mode})`, async () => {
      const r = await rehearse(smokeTestFails, { scenario: "thin-stable-pool", mode });
      expect(r.status).toBe("failed-safe");
      const restore = restoreStep(r.events);
      expect(restore[0]).toEqual({ type: "step-started", stepId: 3, name: "restore the safe state", restore: true, at: expect.any(Number) });
      expect(restore.filter((e) => e.stepId !== 3)).toEqual([]);
      const writes = restore.flatMap((e) => (e.type === "change" ? [`${e.object.name} ${e.field}: ${e.action}`] : []));
      // the stable pool's autoscaler held and the pool scaled up first; in a run, the route then moves back in steps as pods turn ready
      expect(writes.slice(0, 3)).toEqual([
        "checkout-api-stable spec.minReplicas: hold Deployment prod/checkout-api-stable at 9 replicas or more",
        "checkout-api-stable spec.maxReplicas: hold Deployment prod/checkout-api-stable at 9 replicas or more",
        "checkout-api-stable spec.replicas: scale to 9",
      ]);
      expect(writes.at(-1)).toBe("checkout-api spec.http[0].route[1].weight: restore safe state");
      expect(restore.at(-2)).toMatchObject({ type: "safe-state-restore", outcome: "restored" });
      expect(restore.at(-1)).toMatchObject({ type: "step-finished", name: "restore the safe state", outcome: "succeeded" });
    });
  }

  it("fails when a safe state does not come back, without taking the blame from the plan's failing step", async () => {
    const { options, fake } = setup();
    const errorsHigh: Gate = { kind: "custom", description: "release error rate < 1%", evaluate: async () => ({ phase: "failed", reason: "5% of requests failed", evidence: [] }) };
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("canary", async () => {
        await vs.shift({ stable: 50, release: 50 });
        fake.switches.rejectPatch = { kind: "VirtualService", error: new Error("admission webhook denied the request") };
        await run.gate("release healthy", errorsHigh, { failureLimit: 0 });
      });
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("failed-unsafe");
    expect(restoreStep(result.events).at(-1)).toEqual({ type: "step-finished", stepId: 2, name: "restore the safe state", outcome: "failed", durationMs: 0, at: expect.any(Number) });
    expect(summarizeRun(result.events).outcome).toBe('The plan failed after gate "release healthy" failed: 5% of requests failed, and the safe state (100% to stable) could not be restored: see "What is left where".');
    const actions = renderPostmortem(result.events).split("## Action items")[1]!;
    expect(actions).toContain('Investigate why gate "release healthy" failed');
    expect(actions).not.toContain("restore the safe state");
  });

  it("is there when a cancelled program is deaf to run.signal: the restore goes on without it", async () => {
    const { options, weights } = setup();
    const cancel = new AbortController();
    const p = deafToCancel(cancel);
    const result = await runPlan(p, options({ signal: cancel.signal, cancelGraceMs: 20 }));
    expect(result.status).toBe("cancelled");
    expect(weights()).toEqual({ stable: 100, release: 0 });
    expect(of(result.events, "step-finished").map((e) => `${e.name}: ${e.outcome}`)).toEqual(["canary: succeeded", "restore the safe state: succeeded"]);
    expect(restoreStep(result.events).filter((e) => e.type === "change")).toHaveLength(2);
  });
});

describe("safe state", () => {
  const failing = plan({ name: "failing" }, async (run) => {
    await run.safeState(vs, { stable: 100, release: 0 });
    await run.step("canary", () => vs.shift({ stable: 50, release: 50 }));
    throw new Error("boom");
  });

  it("is restored and verified when the program throws: failed-safe", async () => {
    const { options, weights } = setup();
    const result = await runPlan(failing, options());
    expect(result.status).toBe("failed-safe");
    expect(weights()).toEqual({ stable: 100, release: 0 });
    expect(of(result.events, "safe-state-restore")).toMatchObject([{ outcome: "restored" }]);
  });

  /** The run's options for an API that answers the read-back of the restore's write (which lands) with `error`, once. */
  const readBackOfRestoreFails = ({ fake, options }: ReturnType<typeof setup>, error: Error) => {
    let restoring = false;
    let readBackFails = false;
    const kube = {
      ...fake.kube,
      patch: async (...a: Parameters<typeof fake.kube.patch>) => {
        const written = await fake.kube.patch(...a);
        readBackFails = restoring;
        return written;
      },
      get: async (ref: Parameters<typeof fake.kube.get>[0]) => {
        if (!readBackFails) return fake.kube.get(ref);
        readBackFails = restoring = false;
        throw error;
      },
    };
    const onEvent = (e: JournalEvent) => void (e.type === "note" && e.text.startsWith("failed: ") && (restoring = true));
    return options({ kube, onEvent });
  };

  it("is tried again when the API fails its restore once (the write landed, its read-back answered 500): failed-safe, not failed-unsafe", async () => {
    const t = setup();
    const result = await runPlan(failing, readBackOfRestoreFails(t, new KubeApiError(500, "VirtualService prod/checkout-api", "Internal error occurred: etcdserver: request timed out")));
    expect(t.weights()).toEqual({ stable: 100, release: 0 });
    expect(result.status).toBe("failed-safe");
    expect(result.unsafe).toBeUndefined();
    expect(of(result.events, "safe-state-restore")).toMatchObject([{ outcome: "restored" }]);
    expect(of(result.events, "traffic").at(-1)).toMatchObject({ split: { stable: 100, release: 0 }, verified: true });
  });

  it("is reported restored when its write landed though the restore failed for good: the route read again holds it", async () => {
    const t = setup();
    const result = await runPlan(failing, readBackOfRestoreFails(t, new ForbiddenError("get", "virtualservices.networking.istio.io", "prod")));
    expect(t.weights()).toEqual({ stable: 100, release: 0 });
    expect(result.status).toBe("failed-safe");
    expect(of(result.events, "safe-state-restore")).toMatchObject([{ outcome: "restored", detail: expect.stringMatching(/^read again, it holds the safe state, though the restore failed: Forbidden/) }]);
    expect(of(result.events, "traffic").at(-1)).toMatchObject({ split: { stable: 100, release: 0 }, verified: true });
  });

  it("is restored only once a shift of another route, whose read-back is still on the wire, is recorded: nothing is journaled after the run ends", async () => {
    const { options, fake, clock } = setup();
    for (const name of ["checkout-stable", "checkout-release"]) fake.store.create({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "prod" }, spec: { ports: [{ port: 80 }] } });
    fake.store.create({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "checkout", namespace: "prod" },
      spec: { parentRefs: [{ kind: "Gateway", name: "edge" }], rules: [{ backendRefs: [{ name: "checkout-stable", port: 80, weight: 90 }, { name: "checkout-release", port: 80, weight: 10 }] }] },
    });
    const route = gatewayApi.httpRoute({ namespace: "prod", name: "checkout" });
    // the read-back of the HTTPRoute's first write takes 5s to come back
    let slowReadBack: boolean | undefined;
    const kube = {
      ...fake.kube,
      patch: async (...a: Parameters<typeof fake.kube.patch>) => ((slowReadBack ??= a[0].kind === "HTTPRoute" || undefined), fake.kube.patch(...a)),
      get: async (ref: Parameters<typeof fake.kube.get>[0]) => {
        if (slowReadBack && ref.kind === "HTTPRoute") (slowReadBack = false), await clock.sleep(5_000);
        return fake.kube.get(ref);
      },
    };
    const p = plan({ name: "isolate-both" }, async (run) => {
      await run.safeState(route, { "checkout-stable": 100, "checkout-release": 0 });
      await Promise.all([
        run.step("half of the HTTPRoute", () => route.shift({ "checkout-stable": 50, "checkout-release": 50 })),
        run.step("isolate the VirtualService", async () => {
          await run.pause("1s");
          await vs.shift({ stable: 100, canary: 0 }); // no such subset: fails while the HTTPRoute's read-back is on the wire
        }),
      ]);
    });
    const result = await runPlan(p, options({ kube }));
    await clock.sleep(60_000);
    expect(result.status).toBe("failed-safe");
    expect(result.events.at(-1)?.type).toBe("plan-finished");
    const order = result.events.filter((e) => e.type === "step-finished" || e.type === "safe-state-restore").map((e) => (e.type === "step-finished" ? e.name : e.type));
    expect(order).toEqual(["isolate the VirtualService", "half of the HTTPRoute", "safe-state-restore", "restore the safe state"]);
  });

  it("is no more patient restoring than the plan was: a plan that gave capacity 30s is not held another 5m", async () => {
    const { fake, clock, options } = setup();
    const pool = (name: string, ready: number) =>
      fake.store.create({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: "prod" }, spec: { replicas: ready }, status: { readyReplicas: ready, replicas: ready } });
    pool("checkout-api-stable", 2); // carries 10% today; 100% needs 20 ready pods, and none will come up
    pool("checkout-api", 18);
    const route = istio.virtualService({
      namespace: "prod",
      name: "checkout-api",
      backends: { stable: deployment({ namespace: "prod", name: "checkout-api-stable" }), release: deployment({ namespace: "prod", name: "checkout-api" }) },
    });
    const t0 = clock.now();
    const result = await runPlan(
      plan({ name: "isolate" }, async (run) => {
        await run.safeState(route, { stable: 100, release: 0 });
        await run.step("isolate", () => route.shift({ stable: 100, release: 0 }, { capacityTimeout: "30s" }));
      }),
      options(),
    );
    expect(result.status).toBe("failed-unsafe");
    expect(result.error?.message).toMatch(/has 2 ready of the 20 pods needed .*waited 30s/);
    expect(result.unsafe![0]).toMatch(/waited 30s/);
    expect(clock.now() - t0).toBeLessThanOrEqual(64_000); // two waits of 30s, polled every 2s
  });

  it("a later declaration for the same route replaces the earlier one: the run ends on the latest", async () => {
    const { options, weights } = setup();
    const p = plan({ name: "promote-a-fix" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 }, "before the fix: all on stable");
      await run.step("promote the fix", () => vs.shift({ stable: 0, release: 100 }));
      await run.safeState(vs, { stable: 0, release: 100 }, "fix promoted: stay on it");
      await run.step("warm the caches", async () => {
        throw new Error("cache warm-up script failed");
      });
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("failed-safe");
    expect(weights()).toEqual({ stable: 0, release: 100 });
    expect(of(result.events, "safe-state-restore")).toMatchObject([{ description: "fix promoted: stay on it", outcome: "restored" }]);
  });

  it("is kept per http route for handles on different http routes of one VirtualService: both are restored", async () => {
    const { fake, options } = setup();
    const ref = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" };
    const seeded = fake.store.get(ref)!;
    const mobile = { ...seeded.spec.http[0], name: "mobile", match: [{ headers: { "x-client": { exact: "app" } } }] };
    fake.store.update({ ...seeded, spec: { ...seeded.spec, http: [mobile, seeded.spec.http[0]] } });
    const web = istio.virtualService({ namespace: "prod", name: "checkout-api", httpRoute: "primary" });
    const app = istio.virtualService({ namespace: "prod", name: "checkout-api", httpRoute: "mobile" });
    const p = plan({ name: "two-canaries" }, async (run) => {
      await run.safeState(web, { stable: 100, release: 0 });
      await run.safeState(app, { stable: 100, release: 0 });
      await run.step("canary", async () => {
        await web.shift({ stable: 50, release: 50 });
        await app.shift({ stable: 50, release: 50 });
      });
      throw new Error("boom");
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("failed-safe");
    const weightsOf = (i: number) => fake.store.get(ref)!.spec.http[i].route.map((e: { weight: number }) => e.weight);
    expect([weightsOf(0), weightsOf(1)]).toEqual([[100, 0], [100, 0]]);
    expect(of(result.events, "safe-state-restore").map((e) => e.outcome)).toEqual(["restored", "restored"]);
  });

  it("says what is left where when it cannot be restored: failed-unsafe", async () => {
    const { options, fake, weights } = setup();
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("canary", () => vs.shift({ stable: 50, release: 50 }));
      fake.switches.rejectPatch = { kind: "VirtualService", error: new Error("admission webhook denied the request") };
      throw new Error("boom");
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("failed-unsafe");
    expect(weights()).toEqual({ stable: 50, release: 50 });
    expect(result.unsafe).toEqual([
      "VirtualService prod/checkout-api is at stable=50, release=50, not the safe state stable=100, release=0: admission webhook denied the request",
    ]);
  });

  it("pins an unexpected error to the plan's line that threw it; a Firebreak error keeps its own words", async () => {
    const { options } = setup();
    const config: { stages?: number[] } = {};
    const typo = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("walk", () => vs.shift({ stable: 100 - config.stages![0]!, release: config.stages![0]! }));
    });
    const result = await runPlan(typo, options());
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toMatch(/^Cannot read properties of undefined \(reading '0'\) \(at test\/engine\/runner\.test\.ts:\d+:\d+\)$/);
    const own = await runPlan(shiftPlan({ "v1-stable": 100 }), options());
    expect(own.error?.message).toBe("VirtualService prod/checkout-api has no subset 'v1-stable'; subsets are: 'stable', 'release'.");
  });

  it("without a declared safe state, reports each field left changed: its value now, and before the run", async () => {
    const { options } = setup();
    const p = plan({ name: "p" }, async () => {
      await vs.shift({ stable: 50, release: 50 });
      await vs.shift({ stable: 80, release: 20 });
      throw new Error("boom");
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe).toEqual([
      "VirtualService prod/checkout-api was left changed (spec.http[0].route[0].weight=80, was 10; spec.http[0].route[1].weight=20, was 90); the plan declared no safe state to return to",
    ]);
    expect(of(result.events, "step-started")).toEqual([]); // nor a step restoring none
    // the report does not speak of a safe state the plan never had
    const summary = summarizeRun(result.events);
    expect(summary.outcome).toMatch(/^The plan failed after the plan stopped: boom \(at [^)]+\), and it declared no safe state to return to: what it changed is left as it is \(see "What is left where"\)\.$/);
    expect(renderPostmortem(result.events).split("\n").find((l) => l.startsWith("**Status:"))).toBe(
      '**Status: FAILED-UNSAFE**: the plan failed; the plan declared no safe state, so what it changed is left as it is: act on "What is left where" first.',
    );
  });

  it("stays restored when another branch of the plan's Promise.all tries to write afterwards", async () => {
    const { options, weights, clock } = setup();
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await Promise.all([
        run.step("fails", async () => {
          await vs.shift({ stable: 50, release: 50 });
          throw new Error("boom");
        }),
        run.step("keeps going", async () => {
          await clock.sleep(60_000); // still waiting when the other branch fails and the engine restores
          await vs.shift({ stable: 0, release: 100 });
        }),
      ]);
    });
    const result = await runPlan(p, options());
    await clock.sleep(120_000); // let the sibling branch wake up and try its write
    expect(result.status).toBe("failed-safe");
    expect(weights()).toEqual({ stable: 100, release: 0 });
  });

  it("refuses a second shift of a route while one is underway (a plan's Promise.all), and restores", async () => {
    const { options, weights } = setup();
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await Promise.all([run.step("all to release", () => vs.shift({ stable: 0, release: 100 })), run.step("a third to stable", () => vs.shift({ stable: 30, release: 70 }))]);
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toBe(
      'VirtualService prod/checkout-api: step "a third to stable" shifts it to stable=30, release=70 while step "all to release" is still shifting it: two shifts of one route at once leave it at whichever writes last. ' +
        "Await one before starting the other (not Promise.all); shifts of different routes may run together.",
    );
    expect(weights()).toEqual({ stable: 100, release: 0 });
  });

  it("says so plainly when the two shifts are in one step", async () => {
    const { options } = setup();
    const p = plan({ name: "p" }, async (run) => {
      await run.step("both", () => Promise.all([vs.shift({ stable: 0, release: 100 }), vs.shift({ stable: 30, release: 70 })]));
    });
    const result = await runPlan(p, options());
    expect(result.error?.message).toMatch(/^VirtualService prod\/checkout-api: step "both" shifts it to stable=30, release=70 while another shift of its own is still underway: two shifts/);
  });

  it("is restored on cancellation, and the run ends cancelled, also when the plan catches the cancel and returns", async () => {
    for (const catches of [false, true]) {
      const { options, weights } = setup();
      const abort = new AbortController();
      const p = plan({ name: "p" }, async (run) => {
        await run.safeState(vs, { stable: 100, release: 0 });
        await vs.shift({ stable: 50, release: 50 });
        setImmediate(() => abort.abort());
        const paused = run.pause("10m");
        await (catches ? paused.catch(() => run.note("pause cut short; giving up")) : paused);
      });
      const result = await runPlan(p, options({ signal: abort.signal }));
      expect(result.status).toBe("cancelled");
      expect(weights()).toEqual({ stable: 100, release: 0 });
      expect(of(result.events, "safe-state-restore")).toMatchObject([{ outcome: "restored" }]);
    }
  });

  it("a cancel whose restore fails ends failed-unsafe, not cancelled: what is left outranks why it stopped", async () => {
    const { options, fake, weights } = setup();
    const abort = new AbortController();
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await vs.shift({ stable: 50, release: 50 });
      fake.switches.rejectPatch = { kind: "VirtualService", error: new Error("admission webhook denied the request") };
      setImmediate(() => abort.abort());
      await run.pause("10m");
    });
    const result = await runPlan(p, options({ signal: abort.signal }));
    expect(result.status).toBe("failed-unsafe");
    expect(weights()).toEqual({ stable: 50, release: 50 });
    expect(summarizeRun(result.events).outcome).toBe(
      'The run was cancelled, and the safe state (100% to stable) could not be restored: see "What is left where".',
    );
  });
});

describe("a route put back after the run's verified write (a GitOps controller, Flagger)", () => {
  const VS_REF = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" };
  /** Plays the controller: sets the route's weights behind the run's back. */
  const putBack = (fake: ReturnType<typeof setup>["fake"], split: Record<string, number>) => {
    const obj = fake.store.get(VS_REF)!;
    const route = obj.spec.http[0].route.map((r: { destination: { subset: string } }) => ({ ...r, weight: split[r.destination.subset] }));
    fake.store.update({ ...obj, spec: { ...obj.spec, http: [{ ...obj.spec.http[0], route }] } });
  };
  const advice = /\(Argo CD with selfHeal, Flux, Flagger\)\. Pause it for this object \(`argocd app set <app> --sync-policy none`;.*Flagger: spec\.suspend: true on the Canary\), then set the split again\.$/;

  it("is found when the program is over: failed-unsafe, not verified, and the responder is told the split written, the one found and what to do", async () => {
    const { options, fake } = setup();
    const p = plan({ name: "isolate" }, async (run) => {
      await run.step("isolate", () => vs.shift({ stable: 100, release: 0 }));
      putBack(fake, { stable: 10, release: 90 }); // Argo CD self-heal, seconds later
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("failed-unsafe");
    expect(result.error?.name).toBe("RouteDriftError");
    expect(result.unsafe).toHaveLength(1);
    expect(result.unsafe![0]).toMatch(/^VirtualService prod\/checkout-api no longer holds the split this run wrote \(stable=100, release=0\): it is at stable=10, release=90\. /);
    expect(result.unsafe![0]).toMatch(advice);
    // journaled: the split found, not verified, with the one written; and a note that says why
    expect(of(result.events, "traffic").at(-1)).toMatchObject({ split: { stable: 10, release: 90 }, verified: false, drift: { written: { stable: 100, release: 0 } } });
    expect(of(result.events, "note").at(-1)!.text).toBe(result.unsafe![0]);
    const s = summarizeRun(result.events);
    expect(s.outcome).toBe(
      'The plan completed, but VirtualService prod/checkout-api is at 90% release, 10% stable, not 100% to stable as the run left it: see "What is left where".',
    );
    const report = formatReport(result, {}, 3);
    expect(report).toContain("Traffic: VirtualService prod/checkout-api: stable=10%, release=90% (NOT as the run left it: stable=100%, release=0%)");
    expect(report).not.toContain("(verified)");
    expect(renderPostmortem(result.events)).toContain("**Status: FAILED-UNSAFE**: a route no longer holds the split the run left it at");
  });

  it("is found when the restored safe state is put back: failed-unsafe, though the restore itself verified", async () => {
    const { options, fake } = setup();
    const p = plan({ name: "p" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("canary", () => vs.shift({ stable: 50, release: 50 }));
      throw new Error("boom");
    });
    // the controller syncs the route back to Git's 50/50 once the restore has verified
    const result = await runPlan(p, options({ onEvent: (e) => e.type === "safe-state-restore" && putBack(fake, { stable: 50, release: 50 }) }));
    expect(of(result.events, "safe-state-restore")).toMatchObject([{ outcome: "restored" }]);
    expect(result.status).toBe("failed-unsafe");
    expect(result.error?.message).toMatch(/^boom/); // why the run failed stays the cause
    expect(result.unsafe![0]).toMatch(/^VirtualService prod\/checkout-api no longer holds the split this run wrote \(stable=100, release=0\): it is at stable=50, release=50\. /);
    expect(summarizeRun(result.events).outcome).toMatch(
      /^The plan failed after the plan stopped: boom \(at [^)]*\); the safe state \(100% to stable\) was restored, but VirtualService prod\/checkout-api is at 50% stable, 50% release, not 100% to stable as the run left it: see "What is left where"\.$/,
    );
  });

  it("is not reported by a gate that reads the route while the run's own shift of it is on the wire (a plan's Promise.all)", async () => {
    const { options, fake } = setup();
    const healthy = healthyMetrics(ISTIO_5XX);
    // the second shift's write lands, and its answer comes back only after someone else read the route
    let patches = 0;
    let readDuringWrite: (() => void) | undefined;
    const kube = {
      ...fake.kube,
      get: async (ref: Parameters<typeof fake.kube.get>[0]) => {
        const obj = await fake.kube.get(ref);
        if (ref.kind === "VirtualService") readDuringWrite?.();
        return obj;
      },
      patch: async (...a: Parameters<typeof fake.kube.patch>) => {
        const written = await fake.kube.patch(...a);
        if (++patches === 2) await new Promise<void>((done) => ((readDuringWrite = done), setTimeout(done, 500)));
        readDuringWrite = undefined;
        return written;
      },
    };
    const p = plan({ name: "canary" }, async (run) => {
      await run.step("1% to release", () => vs.shift({ stable: 99, release: 1 }));
      await Promise.all([
        run.step("10% to release", () => vs.shift({ stable: 90, release: 10 })),
        run.check("release healthy", gates.successRate({ route: vs, destination: "release", min: 0.99 }), { timeout: "5s" }),
      ]);
    });
    const result = await runPlan(p, options({ metrics: healthy, kube }));
    expect(patches).toBe(2);
    const [gate] = of(result.events, "gate");
    expect(gate!.reason).not.toMatch(/no longer holds/);
    expect(gate!.phase).not.toBe("error");
    expect(of(result.events, "traffic").filter((t) => t.drift)).toEqual([]);
    expect(result.status).toBe("succeeded");
  });

  it("fails a gate judging the route's traffic at its next round, without waiting out its timeout: it would judge weights the plan did not set", async () => {
    const { options, fake, clock, weights } = setup();
    const healthy = healthyMetrics(ISTIO_5XX);
    const p = plan({ name: "canary" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("1% to release", () => vs.shift({ stable: 99, release: 1 }));
      await run.gate("release healthy", gates.successRate({ route: vs, destination: "release", min: 0.99 }));
    });
    // Flagger's analysis takes the route back to its primary as soon as the run has verified its write
    const onEvent = (e: JournalEvent) => e.type === "traffic" && e.split.release === 1 && putBack(fake, { stable: 100, release: 0 });
    const started = clock.now();
    const result = await runPlan(p, options({ metrics: healthy, onEvent }));
    const [gate] = of(result.events, "gate");
    expect(gate).toMatchObject({ phase: "error" });
    expect(gate!.evidence).toHaveLength(1);
    expect(gate!.reason).toMatch(/^VirtualService prod\/checkout-api no longer holds the split this run wrote \(stable=99, release=1\): it is at stable=100, release=0\. /);
    expect(clock.now() - started).toBe(0);
    // the safe state went back, and holds at the end
    expect(result.status).toBe("failed-safe");
    expect(weights()).toEqual({ stable: 100, release: 0 });
  });

  it("is read and reported once a round by gates combined with gates.all, not once per gate in it", async () => {
    const { options, fake } = setup();
    const healthy = healthyMetrics(ISTIO_5XX);
    const release = { route: vs, destination: "release" };
    let routeReadsInRound = -1;
    const p = plan({ name: "canary" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 });
      await run.step("1% to release", () => vs.shift({ stable: 99, release: 1 }));
      const before = fake.calls.filter((c) => c.op === "get" && c.ref === "VirtualService/checkout-api").length;
      try {
        await run.gate("release healthy", gates.all(gates.successRate({ ...release, min: 0.99 }), gates.latency({ ...release, maxMs: 500 })));
      } finally {
        routeReadsInRound = fake.calls.filter((c) => c.op === "get" && c.ref === "VirtualService/checkout-api").length - before;
      }
    });
    const onEvent = (e: JournalEvent) => e.type === "traffic" && e.split.release === 1 && putBack(fake, { stable: 100, release: 0 });
    const result = await runPlan(p, options({ metrics: healthy, onEvent }));
    expect(of(result.events, "gate")).toMatchObject([{ phase: "error" }]);
    expect(of(result.events, "note").filter((n) => n.text.startsWith("VirtualService prod/checkout-api no longer holds"))).toHaveLength(1);
    expect(of(result.events, "traffic").filter((t) => t.drift)).toHaveLength(1);
    // each gate reads the route once to learn where its destination's requests are counted; the drift check once for both
    expect(routeReadsInRound).toBe(2 + 1);
  });

  it("is found when the part of the route the run shifted is gone: the run still finishes, failed-unsafe, saying what is missing", async () => {
    const { options, fake } = setup();
    const primary = istio.virtualService({ namespace: "prod", name: "checkout-api", httpRoute: "primary" });
    const p = plan({ name: "isolate" }, async (run) => {
      await run.step("isolate", () => primary.shift({ stable: 100, release: 0 }));
      // the controller syncs Git's version of the route, where the http route has another name
      const obj = fake.store.get(VS_REF)!;
      fake.store.update({ ...obj, spec: { ...obj.spec, http: [{ ...obj.spec.http[0], name: "default" }] } });
    });
    const result = await runPlan(p, options());
    expect(of(result.events, "plan-finished")).toHaveLength(1);
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe![0]).toMatch(
      /^VirtualService prod\/checkout-api \(http route 'primary'\) no longer holds the split this run wrote \(stable=100, release=0\): VirtualService prod\/checkout-api has no http route named 'primary'; http routes are: default\. /,
    );
    // the report says what is missing, not that the route is gone
    expect(summarizeRun(result.events).outcome).toMatch(/ has lost the part the run shifted \(VirtualService prod\/checkout-api has no http route named 'primary'; http routes are: default\), not 100% to stable/);
  });

  it("does not fail another handle's shift of the object when the part the run shifted first is gone", async () => {
    const { options, fake, weights } = setup();
    const primary = istio.virtualService({ namespace: "prod", name: "checkout-api", httpRoute: "primary" });
    const p = plan({ name: "isolate" }, async (run) => {
      await run.step("isolate", () => primary.shift({ stable: 100, release: 0 }));
      const obj = fake.store.get(VS_REF)!;
      fake.store.update({ ...obj, spec: { ...obj.spec, http: [{ ...obj.spec.http[0], name: "default" }] } });
      await run.step("isolate the whole route", () => vs.shift({ stable: 90, release: 10 }));
    });
    const result = await runPlan(p, options());
    expect(of(result.events, "step-finished").map((s) => s.outcome)).toEqual(["succeeded", "succeeded"]);
    expect(weights()).toEqual({ stable: 90, release: 10 });
    // the part the first handle shifted is reported at the end, as missing
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe).toHaveLength(1);
    expect(result.unsafe![0]).toMatch(/^VirtualService prod\/checkout-api \(http route 'primary'\) no longer holds .*: VirtualService prod\/checkout-api has no http route named 'primary'/);
  });

  it("is found when the route is gone, and says to put it back before setting its split", async () => {
    const { options, fake } = setup();
    const p = plan({ name: "isolate" }, async (run) => {
      await run.step("isolate", () => vs.shift({ stable: 100, release: 0 }));
      fake.store.delete(VS_REF); // pruned by a GitOps sync
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe![0]).toMatch(/^VirtualService prod\/checkout-api no longer holds the split this run wrote \(stable=100, release=0\): it is gone\. /);
    expect(result.unsafe![0]).toMatch(/then set the split again \(a route that is gone must first be put back: synced from Git, or kubectl apply\)\.$/);
  });

  it("is not reported when the route still holds the run's last split, however many times the run shifted it", async () => {
    const { options, fake } = setup();
    const p = plan({ name: "p" }, async (run) => {
      await vs.shift({ stable: 50, release: 50 });
      putBack(fake, { stable: 100, release: 0 }); // by hand, to where the plan goes next: its shift writes nothing
      await vs.shift({ stable: 100, release: 0 });
    });
    const result = await runPlan(p, options());
    expect(result.status).toBe("succeeded");
    expect(of(result.events, "traffic").every((t) => t.verified && !t.drift)).toBe(true);
    // one read of the route once the program is over, besides the shifts' own
    const gets = fake.calls.filter((c) => c.op === "get" && c.ref === "VirtualService/checkout-api").length;
    expect(gets).toBe(2 + 1 + 1);
  });

  it("is read again when a shift's write landed but its answer was lost: the journal says where the route is, and the run that it left it there", async () => {
    const { options, fake, weights } = setup();
    // the API server commits the write, then the load balancer times the request out
    const kube = {
      ...fake.kube,
      patch: async (...a: Parameters<typeof fake.kube.patch>) => {
        await fake.kube.patch(...a);
        throw new KubeApiError(0, "VirtualService prod/checkout-api", "the API server at https://k8s.test did not answer patch within 30s.");
      },
    };
    const result = await runPlan(shiftPlan({ stable: 50, release: 50 }), options({ kube }));
    expect(weights()).toEqual({ stable: 50, release: 50 });
    expect(result.error?.message).toMatch(/did not answer patch within 30s/);
    expect(of(result.events, "traffic").at(-1)).toMatchObject({ split: { stable: 50, release: 50 }, verified: true });
    expect(of(result.events, "note").map((n) => n.text)).toContain("VirtualService prod/checkout-api holds stable=50, release=50, read again: the run's write of it landed, though its answer was lost");
    // the plan declared no safe state: what it left changed is said, as for a write that was answered
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe).toEqual(["VirtualService prod/checkout-api was left at stable=50, release=50 by a write whose answer was lost; the plan declared no safe state to return to"]);
  });

  it("whose write's answer was lost and that cannot be read again is said to be at either split, not at the one before", async () => {
    const { options, fake } = setup();
    let apiDown = false;
    const kube = {
      ...fake.kube,
      get: async (ref: Parameters<typeof fake.kube.get>[0]) => (apiDown ? Promise.reject(new Error("connect ECONNREFUSED")) : fake.kube.get(ref)),
      patch: async (...a: Parameters<typeof fake.kube.patch>) => {
        await fake.kube.patch(...a);
        apiDown = true;
        throw new KubeApiError(0, "VirtualService prod/checkout-api", "cannot reach the API server at https://k8s.test: ECONNRESET.");
      },
    };
    const result = await runPlan(shiftPlan({ stable: 50, release: 50 }), options({ kube }));
    expect(of(result.events, "note").at(-1)!.text).toBe(
      "VirtualService prod/checkout-api could not be read again to confirm where it is: stable=10, release=90 as the run last confirmed, or stable=50, release=50 if its write whose answer was lost landed: connect ECONNREFUSED",
    );
  });

  it("that cannot be read again is not reported as verified, and the journal says why", async () => {
    const { options, fake } = setup();
    let apiDown = false;
    const kube = { ...fake.kube, get: async (ref: Parameters<typeof fake.kube.get>[0]) => (apiDown ? Promise.reject(new Error("connect ECONNREFUSED")) : fake.kube.get(ref)) };
    const p = plan({ name: "isolate" }, async (run) => {
      await run.step("isolate", () => vs.shift({ stable: 100, release: 0 }));
      apiDown = true;
    });
    const result = await runPlan(p, options({ kube }));
    expect(result.status).toBe("succeeded"); // nothing says it moved
    expect(of(result.events, "traffic").at(-1)).toMatchObject({ split: { stable: 100, release: 0 }, verified: false });
    expect(of(result.events, "note").at(-1)!.text).toBe(
      "VirtualService prod/checkout-api could not be read again to confirm it still holds stable=100, release=0: connect ECONNREFUSED",
    );
    expect(formatReport(result, {}, 0)).toContain("Traffic: VirtualService prod/checkout-api: stable=100%, release=0%\n");
  });

  it("is not reported for a handle whose part of the route another handle of the run shifted since", async () => {
    const { options, fake } = setup();
    const primary = istio.virtualService({ namespace: "prod", name: "checkout-api", httpRoute: "primary" });
    const p = plan({ name: "p" }, async () => {
      await vs.shift({ stable: 50, release: 50 });
      await primary.shift({ stable: 100, release: 0 });
    });
    const result = await runPlan(p, options());
    expect(result.status, result.unsafe?.join("\n")).toBe("succeeded");
    // the object is read once for both handles
    expect(fake.calls.filter((c) => c.op === "get" && c.ref === "VirtualService/checkout-api")).toHaveLength(2 + 2 + 1);
  });
});

describe("preview", () => {
  it("writes nothing, and shows each stage's change against the previous one", async () => {
    const { options, fake, weights } = setup();
    const p = plan({ name: "p" }, async (run) => {
      for (const w of [1, 10, 50, 100]) await run.step(`canary ${w}%`, () => vs.shift({ release: w, stable: 100 - w }, { capacity: "skip" }));
    });
    const result = await runPlan(p, options({ mode: "preview" }));
    expect(result.status).toBe("succeeded");
    expect(fake.calls.filter((c) => c.op === "patch")).toHaveLength(0);
    expect(weights()).toEqual({ stable: 10, release: 90 });
    const releaseWeights = of(result.events, "change")
      .filter((c) => c.field === "spec.http[0].route[1].weight")
      .map((c) => `${c.before}→${c.after}`);
    expect(releaseWeights).toEqual(["90→1", "1→10", "10→50", "50→100"]);
    expect(of(result.events, "change").every((c) => !c.applied)).toBe(true);
  });

  it("predicts how a failing run would end: what it would put back, or leave changed", async () => {
    const { options, fake, weights } = setup();
    const failing = (safe: boolean) =>
      plan({ name: "p" }, async (run) => {
        if (safe) await run.safeState(vs, { stable: 100, release: 0 });
        await run.step("half to release", () => vs.shift({ stable: 50, release: 50 }, { capacity: "skip" }));
        throw new Error("oops midway");
      });
    const unsafe = await runPlan(failing(false), options({ mode: "preview" }));
    expect(unsafe.status).toBe("failed-unsafe");
    expect(unsafe.unsafe).toEqual([
      "VirtualService prod/checkout-api would be left changed (spec.http[0].route[0].weight=50, was 10; spec.http[0].route[1].weight=50, was 90); the plan declared no safe state to return to",
    ]);
    const safe = await runPlan(failing(true), options({ mode: "preview" }));
    expect(safe.status).toBe("failed-safe");
    expect(of(safe.events, "safe-state-restore")).toMatchObject([{ outcome: "restored" }]);
    expect(of(safe.events, "change").at(-1)).toMatchObject({ field: "spec.http[0].route[1].weight", before: 50, after: 0, applied: false });
    expect(fake.calls.filter((c) => c.op === "patch")).toHaveLength(0);
    expect(weights()).toEqual({ stable: 10, release: 90 });
  });
});
