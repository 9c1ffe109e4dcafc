/**
 * `npm run bench`: prints figures and ratios against their targets. Benchmarks never fail the
 * build; they tell. `--quick` runs each once (as CI does, to keep them from rotting).
 */
import { flagshipRehearsal, stepOverhead, type Figure } from "./engine.ts";
import { kubeBenchmarks } from "./kube.ts";
import { actionColdStart } from "./action-cold-start.ts";
import { simModel } from "./sim-model.ts";

const quick = process.argv.includes("--quick");

function print(section: string, figures: Figure[]) {
  console.log(`\n${section}`);
  for (const f of figures) {
    const verdict = f.target ? `  target ${f.target}: ${f.ok ? "met" : "NOT MET"}` : "";
    console.log(`  ${f.name.padEnd(58)} ${String(f.value).padStart(10)} ${f.unit}${verdict}`);
  }
}

print("Engine", await stepOverhead(quick ? 1 : 5));
print("Rehearsal", await flagshipRehearsal());
print("Simulator model", simModel(quick ? 1 : 5));
print("Kubernetes, on one loopback API server (Firebreak vs kubectl)", await kubeBenchmarks(quick));
print("GitHub Action: cold start to a verified isolation", await actionColdStart(quick ? 1 : 5));
