import { describe, expect, it } from "vitest";
import { createProgressPrinter, formatEvent } from "../../sdk/cli/progress.ts";
import { istio, plan } from "../../sdk/index.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";

describe("the CLI's live progress", () => {
  it("prints a step's error as one plain line: a newline or an escape in it cannot forge another", () => {
    const lines: string[] = [];
    const printer = createProgressPrinter((l) => lines.push(l), () => 0);
    const error = { name: "KubeApiError", message: "denied\n::error::all good, nothing to see\u001b[2J" };
    printer.onEvent({ type: "step-finished", at: 0, stepId: "s1", name: "isolate", outcome: "failed", durationMs: 5, error } as never);
    printer.onProgress("waiting for rollout of Deployment prod/x: pod says \u001b[31mready\u001b[0m\nnext");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^00:00:00 ✘ isolate \(5ms\): denied ::error::all good/);
    for (const line of lines) expect(line).not.toMatch(/[\n\u001b]/);
  });

  it("says once, on its first line, that its times are UTC", () => {
    const lines: string[] = [];
    const printer = createProgressPrinter((l) => lines.push(l), () => 0);
    const at = Date.parse("2026-11-24T03:00:00Z");
    printer.onEvent({ type: "plan-started", at, runId: "r", plan: { name: "checkout-api-rollback" }, mode: "run", inputs: {}, target: { kind: "sim", scenario: "cold-jvm" }, sdkVersion: "1.0.0" });
    printer.onEvent({ type: "step-started", at: at + 1000, stepId: 1, name: "isolate" });
    expect(lines).toEqual(["03:00:00 UTC running plan checkout-api-rollback on the simulator (scenario cold-jvm)", "03:00:01 ▶ isolate"]);
  });

  it("tells where a route was found from where the run put it", async () => {
    const route = istio.virtualService({ namespace: "prod", name: "checkout-api" });
    const p = plan({ name: "isolate" }, async (run) => void (await run.step("isolate", () => route.shift({ stable: 100, release: 0 }))));
    const r = await rehearse(p, { scenario: "cold-jvm" });
    const traffic = r.events.filter((e) => e.type === "traffic").map((e) => formatEvent(e)!.slice(9));
    expect(traffic[0]).toBe("  ⇄ VirtualService prod/checkout-api: stable=10% release=90% (as found)");
    expect(traffic.at(-1)).toBe("  ⇄ VirtualService prod/checkout-api: stable=100% release=0% (read back, verified)");
  });
});
