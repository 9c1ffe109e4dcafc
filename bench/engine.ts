/**
 * Engine benchmarks: the overhead the engine adds per step, and the wall time of the flagship
 * rehearsal (a ~6-minute canary in virtual time) on the simulator.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { plan } from "../sdk/index.ts";
import { runPlan } from "../sdk/engine/runner.ts";
import { createFileJournal } from "../sdk/journal/sinks.ts";
import { loadPlan } from "../sdk/loader/load-plan.ts";
import { rehearse } from "../sdk/sim/rehearse.ts";
import { startSimulator } from "../sdk/sim/simulator.ts";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ok?: boolean;
}

const manySteps = (n: number) =>
  plan({ name: "many-steps" }, async (run) => {
    for (let i = 0; i < n; i++) await run.step(`step ${i}`, () => run.note(`step ${i} done`));
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Per-step overhead: a 1,000-step plan on the simulator, journal on disk, minus an empty plan. */
export async function stepOverhead(repeats = 5): Promise<Figure[]> {
  const sim = await startSimulator("healthy");
  const dir = mkdtempSync(join(tmpdir(), "firebreak-bench-"));
  try {
    const timeOf = async (n: number) => {
      const t0 = performance.now();
      await runPlan(manySteps(n), { mode: "run", inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" }, journal: createFileJournal(join(dir, `j-${n}.jsonl`)) });
      return performance.now() - t0;
    };
    await timeOf(1000); // warm the JIT
    const empty = median(await Promise.all([...Array(repeats)].map(() => timeOf(0))));
    const full: number[] = [];
    for (let i = 0; i < repeats; i++) full.push(await timeOf(1000));
    const perStep = (median(full) - empty) / 1000;
    return [
      { name: `1,000-step plan, wall (median of ${repeats})`, value: +median(full).toFixed(1), unit: "ms" },
      { name: "engine overhead per step", value: +perStep.toFixed(4), unit: "ms", target: "< 0.2 ms", ok: perStep < 0.2 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sim.close();
  }
}

/** The flagship plan rehearsed under cold-jvm: wall time against the virtual time it covers. */
export async function flagshipRehearsal(): Promise<Figure[]> {
  const { plan: flagship } = await loadPlan("examples/checkout-api-rollback.ts");
  const t0 = performance.now();
  const r = await rehearse(flagship, { scenario: "cold-jvm", inputs: { revision: "2" } });
  const wall = performance.now() - t0;
  return [
    { name: `flagship rehearsal (cold-jvm, ${r.status}), simulated time`, value: +(r.virtualMs / 1000).toFixed(0), unit: "s" },
    { name: "flagship rehearsal, wall (incl. simulator start)", value: +wall.toFixed(0), unit: "ms", target: "< 1000 ms", ok: wall < 1000 },
    { name: "speed-up over real time", value: +(r.virtualMs / wall).toFixed(0), unit: "x" },
  ];
}
