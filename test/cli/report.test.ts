import { describe, expect, it } from "vitest";
import { formatReport } from "../../sdk/cli/report.ts";
import { JournalBuilder, route } from "../postmortem/fixtures.ts";

describe("the CLI's final report", () => {
  it("keeps text from the plan and remote systems to one line each, without terminal escapes", () => {
    // an error quoted from a remote system: a newline that would start a GitHub Actions workflow command, an ANSI clear-screen
    const message = "admission webhook said no\n::error::all good\u001b[2J";
    const j = new JournalBuilder().start("checkout-api-rollback");
    j.add({ type: "safe-state-declared", description: "all traffic on stable", route, split: { stable: 100, release: 0 } });
    j.after(1_000).split(50, 50).add({ type: "safe-state-restore", description: "all traffic on stable", outcome: "failed", detail: message });
    const unsafe = [`VirtualService prod/checkout-api routes 50% to release: ${message}`];
    const events = j.finish("failed-unsafe", { error: { name: "KubeApiError", message }, unsafe }).events;
    const report = formatReport({ runId: "r", mode: "run", status: "failed-unsafe", events, unsafe }, {}, 3);
    expect(report).not.toMatch(/\u001b|^::/m);
    expect(report).toContain("  ‼ VirtualService prod/checkout-api routes 50% to release: admission webhook said no ::error::all good[2J");
  });

  it("never calls a few failed requests 0.00%", () => {
    const j = new JournalBuilder().start("checkout-api-rollback").after(60_000);
    const events = j.add({ type: "impact", from: j.now - 60_000, to: j.now, requests: 250_000, failed: 3, series: [], query: "q" }).finish("succeeded").events;
    expect(formatReport({ runId: "r", mode: "run", status: "succeeded", events }, {}, 0)).toContain("User impact: 3 of 250,000 requests failed (<0.01%) during the plan");
  });
});
