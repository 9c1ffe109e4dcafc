/**
 * A release train gone bad: payments and ledger went out together, and both fail. One plan, a loop
 * over the train: stop the bleeding on every service at once, roll every release back at once,
 * then bring users back one service at a time, so a gate that fails points at one service.
 * payments is split by an Istio VirtualService, ledger by Linkerd's SMI TrafficSplit: each
 * router is a `Route`, and the program does not care which.
 *
 * Rehearsed on a world of its own, a scenario file (see docs/scenarios.md):
 *   firebreak run examples/release-train-rollback.ts --scenario examples/scenarios/release-train.yaml
 */
import { canary, deployment, gates, istio, plan, smi, type Deployment, type Route, type Run } from "firebreak";

const namespace = "shop";

/** One service of the train: its route, the release pool to roll back, and the route's names for the two pools. */
interface Service {
  name: string;
  route: Route;
  release: Deployment;
  stable: string;
  canary: string;
  /** The Deployment revision before the train. */
  revision: number;
}

function service(name: string, route: (pools: { stable: Deployment; release: Deployment }) => Route, names: { stable: string; canary: string; release?: string }): Service {
  const pools = { stable: deployment({ namespace, name: `${name}-stable` }), release: deployment({ namespace, name: names.release ?? name }) };
  return { name, route: route(pools), release: pools.release, stable: names.stable, canary: names.canary, revision: 1 };
}

const train: Service[] = [
  service("payments", ({ stable, release }) => istio.virtualService({ namespace, name: "payments", backends: { stable, release } }), { stable: "stable", canary: "release" }),
  service(
    "ledger",
    ({ stable, release }) => smi.trafficSplit({ namespace, name: "ledger", backends: { "ledger-stable": stable, "ledger-release": release } }),
    { stable: "ledger-stable", canary: "ledger-release", release: "ledger-release" },
  ),
];

const onStable = (s: Service) => ({ [s.stable]: 100, [s.canary]: 0 });

/** Warm pods first, then users back by stages, judged on the release's own requests. */
async function bringBack(run: Run, s: Service): Promise<void> {
  await run.gate(`${s.name} warm`, gates.warmup({ workload: s.release, maxLatency: "300ms", consecutive: 5, timeout: "5m" }));
  await canary(run, {
    route: s.route,
    stable: s.stable,
    canary: s.canary,
    stages: [5, 25, 100],
    gate: gates.successRate({ route: s.route, destination: s.canary, min: 0.99, minRequests: 50 }),
  });
}

export default plan(
  { name: "release-train-rollback", description: "Roll back every service of the 14:00 release train, then bring users back one service at a time." },
  async (run) => {
    for (const s of train) await run.safeState(s.route, onStable(s), `every ${s.name} request on its stable pool`);
    await run.step("isolate the train", () => Promise.all(train.map((s) => s.route.shift(onStable(s)))));
    await run.step("roll the train back", () =>
      Promise.all(
        train.map(async (s) => {
          await s.release.rollback({ toRevision: s.revision });
          await s.release.waitForRollout({ timeout: "5m" });
        }),
      ),
    );
    for (const s of train) await run.step(`bring ${s.name} back`, () => bringBack(run, s));
  },
);
