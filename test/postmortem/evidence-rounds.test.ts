import { describe, expect, it } from "vitest";
import type { Evidence, GatePhase } from "../../sdk/journal/events.ts";
import { renderPostmortem } from "../../sdk/postmortem/index.ts";
import { JournalBuilder } from "./fixtures.ts";

const T = Date.UTC(2026, 10, 24, 3, 0, 0);
const round = (i: number, indicator: string, value: number | null, phase: GatePhase, reason: string): Evidence => ({
  at: T + i * 5_000, indicator, subject: "Deployment prod/checkout-api", value, unit: "ms", threshold: indicator === "probe-latency" ? "< 300ms" : "8 ready for 1m", samples: 8, phase, reason,
});

/** The Gate evidence table's rows (header and separator dropped). */
function evidenceTable(evidence: Evidence[]): string[] {
  const j = new JournalBuilder().start("checkout-api-rollback");
  j.after(1_000).step("watch").gate("warm and steady", evidence.at(-1)!.phase, "done", evidence).endStep();
  const md = renderPostmortem(j.finish("succeeded").events);
  const section = md.slice(md.indexOf("## Gate evidence"));
  return section.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Time") && !l.startsWith("| ---"));
}

describe("the gate evidence table", () => {
  it("shows a run of rounds with the same verdict as one row, and where the verdict changed", () => {
    // a warm-up watched for 80 s: probes pass throughout, pods ready is inconclusive until its minute is up
    const evidence = Array.from({ length: 17 }, (_, i) => [
      round(i, "probe-latency", i === 0 ? 241 : 28, "passed", `slowest pod in ${i === 0 ? 241 : 28}ms < 300ms`),
      round(i, "pods-ready", i * 5_000, i < 12 ? "inconclusive" : "passed", `all 8 pods ready, for ${i * 5}s`),
    ]).flat();
    expect(evidenceTable(evidence)).toEqual([
      "| 03:00:00 to 03:01:20, 17 rounds | probe-latency | Deployment prod/checkout-api | 28 to 241 ms | &lt; 300ms | 8 | passed | slowest pod in 28ms &lt; 300ms |",
      "| 03:00:00 to 03:00:55, 12 rounds | pods-ready | Deployment prod/checkout-api | 0 to 55000 ms | 8 ready for 1m | 8 | inconclusive | all 8 pods ready, for 55s |",
      "| 03:01:00 to 03:01:20, 5 rounds | pods-ready | Deployment prod/checkout-api | 60000 to 80000 ms | 8 ready for 1m | 8 | passed | all 8 pods ready, for 80s |",
    ]);
  });

  it("keeps short runs round by round, and says in how many rounds there was no data", () => {
    const flapping = [round(0, "probe-latency", 28, "passed", "ok"), round(1, "probe-latency", 28, "passed", "ok"), round(2, "probe-latency", 400, "failed", "slow"), round(3, "probe-latency", 28, "passed", "ok")];
    expect(evidenceTable(flapping).map((r) => r.split(" | ")[0])).toEqual(["| 03:00:00", "| 03:00:05", "| 03:00:10", "| 03:00:15"]);
    const gaps = [0, 1, 2, 3].map((i) => round(i, "probe-latency", i % 2 ? null : 30, "inconclusive", "waiting"));
    expect(evidenceTable(gaps)).toEqual(["| 03:00:00 to 03:00:15, 4 rounds | probe-latency | Deployment prod/checkout-api | 30 ms; no data in 2 | &lt; 300ms | 8 | inconclusive | waiting |"]);
    expect(evidenceTable([0, 1, 2].map((i) => round(i, "probe-latency", null, "inconclusive", "no pods")))[0]).toContain("| no data |");
  });
});
