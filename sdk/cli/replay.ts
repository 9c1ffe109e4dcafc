import { UsageError } from "../errors.ts";
import type { Gate } from "../gates/gate.ts";
import { replayGate } from "../gates/replay.ts";
import { loadModuleFile } from "../loader/load-plan.ts";
import type { ReplayCommand } from "./args.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import { openTarget } from "./targets.ts";

const isGate = (v: unknown): v is Gate =>
  typeof v === "object" && v !== null && typeof (v as Gate).evaluate === "function" && typeof (v as Gate).kind === "string";

/** Picks the gate to replay from a module's exports: the one named, or the only one. */
export function pickGate(exports: Record<string, unknown>, file: string, name?: string): Gate {
  const gates = Object.entries(exports).filter(([, v]) => isGate(v)) as [string, Gate][];
  if (name) {
    const found = gates.find(([n]) => n === name);
    if (!found) throw new UsageError(`${file} exports no gate named '${name}'; it exports: ${gates.map(([n]) => n).join(", ") || "(no gates)"}`);
    return found[1];
  }
  if (gates.length === 1) return gates[0]![1];
  throw new UsageError(
    gates.length
      ? `${file} exports several gates (${gates.map(([n]) => n).join(", ")}); pick one with --gate NAME`
      : `${file} exports no gate; export one, e.g. export const releaseSuccess = gates.successRate({ mesh: "istio", ... })`,
  );
}

/** Where the history is: the simulator's Prometheus, or the one named (a replay reads no cluster). */
async function metricsOf(cmd: ReplayCommand): Promise<{ metrics: MetricsPort; close(): Promise<void> }> {
  if (cmd.target === "sim") {
    const sim = await openTarget({ target: "sim", scenario: cmd.scenario, prometheusHeaders: {} });
    return { metrics: sim.metrics!, close: () => sim.close() };
  }
  if (!cmd.prometheus) throw new UsageError("firebreak gate replay needs a metrics provider: --prometheus URL");
  const { createPrometheus } = await import("../metrics/prometheus.ts");
  return { metrics: createPrometheus({ url: cmd.prometheus, headers: cmd.prometheusHeaders }), close: async () => {} };
}

const time = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

/**
 * `firebreak gate replay`: prints every change of verdict over the window, then the summary.
 * Exit 1 when the gate would have failed, 2 when the replay cannot tell (Prometheus unreachable,
 * no round with data), 0 when it would have passed.
 */
export async function replay(cmd: ReplayCommand, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const { exports, warnings } = await loadModuleFile(cmd.file);
  for (const w of warnings) err(`firebreak: warning: ${w}`);
  const gate = pickGate(exports, cmd.file, cmd.gate);
  const target = await metricsOf(cmd);
  try {
    out(`Replaying ${gate.description}\n  over ${time(cmd.from)} → ${time(cmd.to)} against ${target.metrics.url}`);
    let last = "";
    const result = await replayGate(gate, {
      metrics: target.metrics,
      from: cmd.from,
      to: cmd.to,
      ...(cmd.step ? { step: cmd.step } : {}),
      onRound: (r) => {
        // one line per change of verdict: a two-hour window stays readable
        const line = `${r.verdict.phase}: ${r.verdict.reason}`;
        if (r.verdict.phase !== last) out(`  ${time(r.at)}  ${line}`);
        last = r.verdict.phase;
      },
    });
    out(`\n${result.summary}`);
    if (result.caught) return 1;
    // "Not caught" from a gate that never saw its data is no evidence it would have passed: a real
    // run would have failed closed at its timeout.
    if (result.incomplete || result.counts.passed === 0) {
      out(
        result.incomplete
          ? "The replay cannot tell whether the gate would have passed: check --prometheus and that the window's history is still kept."
          : "The replay cannot tell whether the gate would have passed: no round had the data to pass. Check the gate's labels (namespace, service, version) and the window.",
      );
      return 2;
    }
    return 0;
  } finally {
    await target.close();
  }
}
