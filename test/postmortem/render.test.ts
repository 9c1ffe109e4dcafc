import { describe, expect, it } from "vitest";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { renderPostmortem, summarizeRun, type PostmortemOptions } from "../../sdk/postmortem/index.ts";
import { renderJobSummary } from "../../action/summary.ts";
import { loadPlan } from "../../sdk/loader/load-plan.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";
import { cancelled, failedSafe, failedUnsafe, JournalBuilder, releaseTrain, route, succeededCanary, T0, truncated } from "./fixtures.ts";

const CONTEXT: PostmortemOptions = {
  dispatchedBy: "octocat",
  planFile: ".firebreak/checkout-api-rollback.ts",
  commitSha: "4f2a9c1e",
  runUrl: "https://github.com/acme/shop/actions/runs/42",
  repository: "acme/shop",
};

/** The `## ` headings of a rendered postmortem, in order. */
function headings(markdown: string): string[] {
  return markdown.split("\n").filter((l) => l.startsWith("## ")).map((l) => l.slice(3));
}

/** The body of one `## ` section, up to the next one. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  expect(start, `section ${heading}`).toBeGreaterThan(-1);
  const from = start + heading.length + 5;
  const end = markdown.indexOf("\n## ", from);
  return markdown.slice(from, end === -1 ? undefined : end).trim();
}

/** The Markdown outside fenced code blocks and code spans: where text could be interpreted. */
function outsideCode(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, "").replace(/(?<![\\`])(`+)(?!`)[^\n]*?(?<![\\`])\1(?!`)/g, "");
}

const ALWAYS = [
  "Summary", "Context", "Impact", "Timeline", "Traffic and errors", "Steps", "Changes", "Gate evidence", "Recommendations",
  "Root cause", "Trigger", "Detection", "What went well", "What went badly", "Where we got lucky", "Action items",
];
const WITH_LEFT_WHERE = [ALWAYS[0]!, "What is left where", ...ALWAYS.slice(1)];

describe("renderPostmortem: structure", () => {
  it("puts the incident marker on the first line and the title on the second", () => {
    const [first, second] = renderPostmortem(failedSafe()).split("\n");
    expect(first).toBe("<!-- firebreak:incident=run-20261122-100000-a1b2 -->");
    expect(second).toBe("# Postmortem: checkout-api-rollback — failed-safe");
    expect(renderPostmortem(failedSafe(), { marker: "acme/shop:checkout-api" }).split("\n")[0]).toBe(
      "<!-- firebreak:incident=acme/shop:checkout-api -->",
    );
  });

  it.each([
    ["succeeded", succeededCanary, ALWAYS],
    ["failed-safe (the rollback stays)", failedSafe, WITH_LEFT_WHERE],
    ["failed-unsafe", failedUnsafe, WITH_LEFT_WHERE],
    ["cancelled, not restored", () => cancelled(), WITH_LEFT_WHERE],
    ["cancelled, restored", () => cancelled({ restored: true }), ALWAYS],
    ["truncated (nothing was restored)", truncated, WITH_LEFT_WHERE],
  ] as const)("has the sections in order (%s)", (_name, fixture, expected) => {
    expect(headings(renderPostmortem(fixture()))).toEqual(expected);
  });

  it("titles a truncated journal with its unknown status", () => {
    const markdown = renderPostmortem(truncated());
    expect(markdown.split("\n")[1]).toBe(
      "# Postmortem: checkout-api-rollback — unknown (the run did not finish: journal ends at 2026-11-22 10:01:28 UTC)",
    );
    expect(section(markdown, "Summary")).toContain("**Status: UNKNOWN**: the run did not finish: journal ends at 2026-11-22 10:01:28 UTC.");
    expect(section(markdown, "Steps")).toContain("canary 1% :active, t3");
    expect(section(markdown, "Action items")).toContain("- [ ] Find out why the run stopped writing its journal at 2026-11-22 10:01:28 UTC");
  });

  it("says what a run killed part way had left changed: it never got to restore anything", () => {
    expect(section(renderPostmortem(truncated()), "What is left where")).toMatchInlineSnapshot(`
      "> [!CAUTION]
      > The run did not finish, so nothing was restored. When its journal ends (2026-11-22 10:01:28 UTC), it had left these changed; check each in the cluster before anything else:
      >
      > - Deployment prod/checkout-api (spec.template.spec.containers\\[0\\].image="registry.example.com/checkout-api:1.9.0", was "registry.example.com/checkout-api:2.0.0")
      > - VirtualService prod/checkout-api (spec.http\\[0\\].route\\[0\\].weight=99, was 10; spec.http\\[0\\].route\\[1\\].weight=1, was 90)"
    `);
  });

  it("says what a run killed after restoring its safe state restored, and leaves the restored route out", async () => {
    const { plan } = await loadPlan("examples/checkout-api-rollback.ts");
    const r = await rehearse(plan, { scenario: "schema-from-the-future", inputs: { revision: "2" } });
    expect(r.status).toBe("failed-safe");
    // a second Ctrl-C, or the job's timeout, while the run measured its impact: no impact, no plan-finished
    const killed = r.events.slice(0, -2);
    expect(r.events.slice(-2).map((e) => e.type)).toEqual(["impact", "plan-finished"]);
    const markdown = renderPostmortem(killed);
    const left = section(markdown, "What is left where");
    expect(left).toMatch(/^> \[!CAUTION\]\n> The run did not finish, but its safe state \(all checkout traffic on the stable pool\) was restored before its journal ends \([^)]+\)\. Beyond it, the run had left these changed; check each in the cluster before anything else:\n/);
    expect(left).not.toContain("nothing was restored");
    expect(left).not.toContain("VirtualService");
    expect(left).toContain("> - Deployment prod/checkout-api-stable (spec.replicas=");
    expect(section(markdown, "Summary")).toContain("(the runner crashed or was killed), after the safe state (100% to stable) was restored;");
    const summary = renderJobSummary(summarizeRun(killed), { incidentId: "acme/shop/runs/1" });
    expect(summary).toContain("### Left changed (the run did not finish, after it restored the safe state, which covers traffic only; check each in the cluster)");
    expect(summary).not.toContain("nothing was restored");
    expect(summary).not.toMatch(/^- VirtualService/m);
  });

  it("reports a preview's journal without asking about gates it never evaluated, and charts its splits as intended", async () => {
    const { plan } = await loadPlan("examples/checkout-api-rollback.ts");
    const r = await rehearse(plan, { scenario: "cold-jvm", inputs: { revision: "2" }, mode: "preview" });
    expect(r.events.some((e) => e.type === "gate" && e.reason === "not evaluated in preview")).toBe(true);
    const markdown = renderPostmortem(r.events);
    expect(section(markdown, "Action items")).not.toContain("Investigate why gate");
    const traffic = section(markdown, "Traffic and errors");
    expect(traffic).toContain('title "Intended traffic (preview), VirtualService prod/checkout-api"');
    expect(traffic).toMatch(/^Route VirtualService prod\/checkout-api\. A preview: these are the splits the run would set, in order; nothing was written and no traffic moved\./);
  });

  it("puts what is left where right after the summary, as a caution", () => {
    expect(section(renderPostmortem(failedUnsafe()), "What is left where")).toMatchInlineSnapshot(`
      "> [!CAUTION]
      > The safe state was not restored. Check and fix each of these before anything else:
      >
      > - VirtualService prod/checkout-api routes 50% to release (2.0.0) and 50% to stable
      > - Deployment prod/checkout-api runs 2.0.0 at 8 replicas"
    `);
    expect(section(renderPostmortem(failedUnsafe()), "Action items")).toContain(
      "- [ ] Return to a safe state: VirtualService prod/checkout-api routes 50% to release (2.0.0) and 50% to stable",
    );
  });

  it("takes the peak error rate from inside the plan's window: the sample at its start is the rate before it", () => {
    const series = [0.27, 0.004, 0.002].map((errorRate, i) => ({ at: i * 30_000, errorRate, requests: 12_000 }));
    const events = failedSafe().map((e): JournalEvent => (e.type === "impact" ? { ...e, series: series.map((p) => ({ ...p, at: e.from + p.at })) } : e));
    expect(section(renderPostmortem(events), "Impact")).toContain("Peak error rate: 0.4% at 10:00:30 UTC (2 samples).");
  });

  it("never calls a few failed requests 0%", () => {
    const events = failedSafe().map((e): JournalEvent => (e.type === "impact" ? { ...e, requests: 250_000, failed: 3, series: [{ at: e.from + 10_000, errorRate: 0.00001, requests: 250_000 }] } : e));
    const impact = section(renderPostmortem(events), "Impact");
    expect(impact).toContain("**3 of 250,000 requests failed (<0.01%)**");
    expect(impact).toContain("Peak error rate: <0.01% at 10:00:10 UTC (1 sample).");
  });

  it("says impact was not measured when there is no impact event, or no data", () => {
    expect(section(renderPostmortem(failedUnsafe()), "Impact")).toBe("Not measured: the journal has no impact measurement.");
    const events = failedSafe().map((e): JournalEvent =>
      e.type === "impact" ? { ...e, requests: null, failed: null, series: [], reason: "Prometheus returned an empty vector" } : e,
    );
    expect(section(renderPostmortem(events), "Impact")).toMatch(/^Not measured: Prometheus returned an empty vector\.\n\nMeasured with:/);
  });

  it("blames what raised the run's error, not a failed check the plan acted on, and asks about it in the action items", () => {
    const j = new JournalBuilder().start("check-then-roll-back");
    j.after(60_000).gate("release still healthy", "failed", "success rate 0.7 < 0.99", [], false); // the plan branched on it
    j.step("isolate").split(100, 0).endStep();
    const thrown = { name: "RolloutFailedError", message: "Deployment prod/checkout-api: 3 of 8 pods in CrashLoopBackOff" };
    j.after(5_000).step("roll back").step("wait for rollout").endStep(thrown).endStep(thrown);
    const markdown = renderPostmortem(j.finish("failed-safe", { error: thrown }).events);
    expect(section(markdown, "Summary")).toContain(`after step "wait for rollout" failed: ${thrown.message}.`);
    const items = section(markdown, "Action items").split("\n");
    expect(items).toContain(`- [ ] Investigate why step "wait for rollout" failed: ${thrown.message}`);
    expect(items.join("\n")).not.toMatch(/step "roll back"|release still healthy/);
  });

  it("blames a canary stage's check when the stage failed on it, once, without the step that carried it", () => {
    const j = new JournalBuilder().start("canary");
    j.step("canary 10%").split(90, 10).after(60_000).gate("canary 10%", "failed", "success rate 0.7 < 0.99", [], false);
    j.split(100, 0).endStep({ name: "GateFailedError", message: 'Gate "canary 10%" failed: success rate 0.7 < 0.99' });
    const markdown = renderPostmortem(j.finish("failed-safe", { error: { name: "GateFailedError", message: 'Gate "canary 10%" failed: success rate 0.7 < 0.99' } }).events);
    expect(section(markdown, "Summary")).toContain('after check "canary 10%" failed: success rate 0.7 &lt; 0.99.');
    expect(section(markdown, "Action items").split("\n").filter((l) => l.includes("canary 10%"))).toEqual([
      '- [ ] Investigate why check "canary 10%" failed: success rate 0.7 &lt; 0.99',
    ]);
  });

  it("says where a gate ran when another gate has its name, as in a plan that loops over services", () => {
    const markdown = renderPostmortem(releaseTrain());
    const gateHeadings = markdown.split("\n").filter((l) => l.startsWith("### ") && section(markdown, "Gate evidence").includes(l));
    expect(gateHeadings).toEqual([
      '### Gate "payments warm": passed',
      '### Check "canary 5%" in "bring payments back": passed',
      '### Check "canary 5%" in "bring ledger back": failed',
    ]);
    expect(section(markdown, "Summary")).toContain('after check "canary 5%" in "bring ledger back" failed: success rate 0.7 &lt; 0.99.');
    expect(section(markdown, "Action items")).toContain('- [ ] Investigate why check "canary 5%" in "bring ledger back" failed: success rate 0.7 &lt; 0.99');
  });

  it("keeps the split the run started from in the traffic chart when the isolation came at once", () => {
    const j = new JournalBuilder().start("isolate");
    j.add({ type: "traffic", route, split: { stable: 10, release: 90 }, verified: true }); // as found
    j.step("isolate").split(100, 0).endStep();
    const chart = section(renderPostmortem(j.after(60_000).impact([0.27, 0.01]).finish("succeeded").events), "Traffic and errors");
    expect(chart).toContain('x-axis "minutes since start" ["start", "0.00", "0.50"]');
    expect(chart).toContain("| start | 10:00:00 | 10 | 90 |");
    expect(chart).toContain("| 0.00 | 10:00:00 | 100 | 0 |");
  });

  it("keeps a split the run held only for a moment (shifted, then cancelled and put back at once) in the chart and its table", () => {
    const j = new JournalBuilder().start("half-then-cancel");
    j.add({ type: "traffic", route, split: { stable: 10, release: 90 }, verified: true }); // as found
    j.step("half to release").split(50, 50).endStep();
    j.after(200).split(88, 12, "restore safe state").after(6_000).split(100, 0, "restore safe state");
    const chart = section(renderPostmortem(j.finish("cancelled", { error: { name: "CancelledError", message: "received SIGINT" } }).events), "Traffic and errors");
    expect(chart).toContain('x-axis "minutes since start" ["start", "0.00", "0.00 (2)", "0.10"]');
    expect(chart).toContain("  line [10, 50, 88, 100]");
    expect(chart).toContain("| 0.00 | 10:00:00 | 50 | 50 |");
    expect(chart).toContain("| 0.00 (2) | 10:00:00 | 88 | 12 |");
  });

  it("draws no error-rate line when nothing measured it, rather than a flat 0%", () => {
    const j = new JournalBuilder().start("isolate");
    j.step("isolate").split(100, 0).endStep().after(60_000);
    j.add({ type: "impact", from: T0, to: j.now, requests: null, failed: null, series: [], query: "", reason: "no --prometheus given" });
    const chart = section(renderPostmortem(j.finish("succeeded").events), "Traffic and errors");
    expect(chart).toContain("Lines in order: 1. stable weight, 2. release weight (all in %). No error rate was measured, so none is drawn.");
    expect(chart).toContain('title "Traffic, VirtualService prod/checkout-api"');
    expect(chart.match(/^ {2}line \[/gm)).toHaveLength(2);
  });

  it("says which error-rate points had no data, since the chart draws them at 0%", () => {
    const j = new JournalBuilder().start("isolate");
    j.step("isolate").split(100, 0).endStep().after(60_000);
    const series = [0.2, null, 0.01].map((errorRate, i) => ({ at: T0 + i * 30_000, errorRate, requests: errorRate === null ? null : 1_000 }));
    j.add({ type: "impact", from: T0, to: j.now, requests: 2_000, failed: 210, series, query: "q" });
    const chart = section(renderPostmortem(j.finish("succeeded").events), "Traffic and errors");
    expect(chart).toContain("3. error rate (all in %). Times without error-rate data (no data in the table) are drawn at 0%.");
    expect(chart).toContain("| 0.50 | 10:00:30 | 100 | 0 | no data |");
  });

  it("dates the end of a window that crosses midnight UTC, so 00:00:30 is not read as before 23:59:00", () => {
    const shift = 13 * 3_600_000 + 59 * 60_000; // the fixture's 10:00:00 start becomes 23:59:00
    const events = failedSafe().map((e): JournalEvent =>
      e.type === "impact"
        ? { ...e, at: e.at + shift, from: e.from + shift, to: e.to + shift, series: e.series.map((p) => ({ ...p, at: p.at + shift })) }
        : { ...e, at: e.at + shift },
    );
    const markdown = renderPostmortem(events);
    expect(section(markdown, "Summary")).toContain("- **Window:** 2026-11-22 23:59:00 UTC → 2026-11-23 00:00:30 UTC");
    expect(section(markdown, "Impact")).toContain("between 2026-11-22 23:59:00 UTC and 2026-11-23 00:00:30 UTC (1m 30s, the plan's window)");
  });
});

describe("renderPostmortem: the failed-safe run, section by section", () => {
  const markdown = renderPostmortem(failedSafe(), CONTEXT);

  it("Summary", () => {
    expect(section(markdown, "Summary")).toMatchInlineSnapshot(`
      "**Status: FAILED-SAFE**: the plan failed; the declared safe state was restored and verified.

      Traffic was returned to the safe state (100% to stable) after gate "canary 1%" failed: success rate 0.58 &lt; 0.99. 1 other object stays as the run changed it: see "What is left where".

      - **Plan:** checkout-api-rollback: Return checkout-api to a healthy state
      - **Target:** sim, scenario schema-from-the-future
      - **Mode:** run
      - **Window:** 2026-11-22 10:00:00 UTC → 10:01:30 UTC
      - **Duration:** 1m 30s"
    `);
  });

  it("Context", () => {
    expect(section(markdown, "Context")).toMatchInlineSnapshot(`
      "| Item | Value |
      | --- | --- |
      | Run id | \`run-20261122-100000-a1b2\` |
      | Dispatched by | octocat |
      | Repository | \`acme/shop\` |
      | Commit | \`4f2a9c1e\` |
      | Plan file | \`.firebreak/checkout-api-rollback.ts\` |
      | Run | [workflow run](https://github.com/acme/shop/actions/runs/42) |
      | Firebreak | \`0.1.0\` |
      | Input \`release\` | \`checkout-api\` |
      | Input \`toRevision\` | \`2\` |
      | Input \`token\` | \`[redacted]\` |"
    `);
  });

  it("Impact", () => {
    expect(section(markdown, "Impact")).toMatchInlineSnapshot(`
      "**9,648 of 48,000 requests failed (20.1%)** between 10:00:00 and 10:01:30 UTC (1m 30s, the plan's window).

      Peak error rate: 27% at 10:00:30 UTC (3 samples).

      Measured with:

      \`\`\`promql
      sum(rate(istio_requests_total{destination_workload="checkout-api",response_code!~"5.."}[1m])) / sum(rate(istio_requests_total{destination_workload="checkout-api"}[1m]))
      \`\`\`"
    `);
  });

  it("Timeline", () => {
    expect(section(markdown, "Timeline")).toMatchInlineSnapshot(`
      "| Time (UTC) | Offset | Event |
      | --- | --- | --- |
      | 10:00:00 | +0:00 | Plan "checkout-api-rollback" started (run on sim, scenario schema-from-the-future) |
      | 10:00:01 | +0:01 | Step "declare safe state" started |
      | 10:00:01 | +0:01 | Safe state declared: all traffic to the stable pool (1.9.4) (100% to stable on VirtualService prod/checkout-api) |
      | 10:00:01 | +0:01 | Step "declare safe state" succeeded in 0ms |
      | 10:00:02 | +0:02 | Step "roll back release to 1.9.0" started |
      | 10:00:02 | +0:02 | Deployment prod/checkout-api: spec.template.spec.containers\\[0\\].image registry.example.com/checkout-api:2.0.0 → registry.example.com/checkout-api:1.9.0 (roll back to revision 2) |
      | 10:00:27 | +0:27 | Waited 25s for Deployment prod/checkout-api: rollout complete (8/8 ready) |
      | 10:00:27 | +0:27 | Step "roll back release to 1.9.0" succeeded in 25s |
      | 10:00:28 | +0:28 | Step "canary 1%" started |
      | 10:00:28 | +0:28 | VirtualService prod/checkout-api: spec.http\\[0\\].route\\[0\\].weight 10 → 99 (shift traffic) |
      | 10:00:28 | +0:28 | VirtualService prod/checkout-api: spec.http\\[0\\].route\\[1\\].weight 90 → 1 (shift traffic) |
      | 10:00:28 | +0:28 | Note: release pods report ready; watching the first 1% of traffic |
      | 10:01:28 | +1:28 | Paused 1m: let the canary take traffic |
      | 10:01:28 | +1:28 | Gate "canary 1%" (success-rate) failed: success rate 0.58 &lt; 0.99 |
      | 10:01:28 | +1:28 | Step "canary 1%" failed after 1m: GateFailedError: Gate "canary 1%" failed: success rate 0.58 &lt; 0.99 |
      | 10:01:30 | +1:30 | VirtualService prod/checkout-api: spec.http\\[0\\].route\\[0\\].weight 99 → 100 (restore safe state) |
      | 10:01:30 | +1:30 | VirtualService prod/checkout-api: spec.http\\[0\\].route\\[1\\].weight 1 → 0 (restore safe state) |
      | 10:01:30 | +1:30 | Safe state restored: all traffic to the stable pool (1.9.4) |
      | 10:01:30 | +1:30 | Plan finished: failed-safe after 1m 30s (GateFailedError: Gate "canary 1%" failed: success rate 0.58 &lt; 0.99) |"
    `);
  });

  it("Traffic and errors", () => {
    expect(section(markdown, "Traffic and errors")).toMatchInlineSnapshot(`
      "Route VirtualService prod/checkout-api. Lines in order: 1. stable weight, 2. release weight, 3. error rate (all in %). The chart starts at the route's first recorded split (10:00:28 UTC); error-rate samples before it count only toward Impact.

      \`\`\`mermaid
      xychart-beta
        title "Traffic and error rate, VirtualService prod/checkout-api"
        x-axis "minutes since start" ["0.47", "0.50", "1.00", "1.50"]
        y-axis "percent" 0 --> 100
        line [99, 99, 99, 100]
        line [1, 1, 1, 0]
        line [27, 27, 26, 0.4]
      \`\`\`

      | Minute | Time (UTC) | stable % | release % | Error rate % |
      | --- | --- | --- | --- | --- |
      | 0.47 | 10:00:28 | 99 | 1 | 27 |
      | 0.50 | 10:00:30 | 99 | 1 | 27 |
      | 1.00 | 10:01:00 | 99 | 1 | 26 |
      | 1.50 | 10:01:30 | 100 | 0 | 0.4 |"
    `);
  });

  it("Steps", () => {
    expect(section(markdown, "Steps")).toMatchInlineSnapshot(`
      "\`\`\`mermaid
      gantt
        title Steps
        dateFormat x
        axisFormat %H:%M:%S
        todayMarker off
        section declare safe state
          declare safe state :done, t1, 1795341601000, 1795341601001
        section roll back release to 1.9.0
          roll back release to 1.9.0 :done, t2, 1795341602000, 1795341627000
        section canary 1%
          canary 1% :crit, t3, 1795341628000, 1795341688000
      \`\`\`

      Failed steps are marked critical; steps the journal does not see finish are marked active. Times are shown in the viewer's time zone."
    `);
  });

  it("Changes", () => {
    expect(section(markdown, "Changes")).toMatchInlineSnapshot(`
      "### Deployment prod/checkout-api

      | Time (UTC) | Field | Before → after | Action | Applied |
      | --- | --- | --- | --- | --- |
      | 10:00:02 | \`spec.template.spec.containers[0].image\` | \`registry.example.com/checkout-api:2.0.0\` → \`registry.example.com/checkout-api:1.9.0\` | roll back to revision 2 | yes |

      ### VirtualService prod/checkout-api

      | Time (UTC) | Field | Before → after | Action | Applied |
      | --- | --- | --- | --- | --- |
      | 10:00:28 | \`spec.http[0].route[0].weight\` | \`10\` → \`99\` | shift traffic | yes |
      | 10:00:28 | \`spec.http[0].route[1].weight\` | \`90\` → \`1\` | shift traffic | yes |
      | 10:01:30 | \`spec.http[0].route[0].weight\` | \`99\` → \`100\` | restore safe state | yes |
      | 10:01:30 | \`spec.http[0].route[1].weight\` | \`1\` → \`0\` | restore safe state | yes |"
    `);
  });

  it("Gate evidence", () => {
    expect(section(markdown, "Gate evidence")).toMatchInlineSnapshot(`
      "### Gate "canary 1%": failed

      success-rate gate (a failure fails the plan), evaluated 10:00:28 to 10:01:28 UTC.
      Checks: success rate of release &gt;= 0.99 over 1m (canary 1%). Verdict: success rate 0.58 &lt; 0.99.

      | Time (UTC) | Indicator | Subject | Value | Threshold | Samples | Phase | Reason |
      | --- | --- | --- | --- | --- | --- | --- | --- |
      | 10:00:58 to 10:01:28, 4 rounds | success-rate (1m) | release | 0.57 to 0.61 | &gt;= 0.99 | 120 to 123 | failed |  |

      <details><summary>Query</summary>

      \`\`\`promql
      sum(rate(istio_requests_total{destination_workload="checkout-api",response_code!~"5.."}[1m])) / sum(rate(istio_requests_total{destination_workload="checkout-api"}[1m]))
      \`\`\`

      </details>"
    `);
  });

  it("Recommendations and Action items", () => {
    expect(section(markdown, "Recommendations")).toMatchInlineSnapshot(`"- A rollback did not restore health: the data or dependency state may have moved ahead of the rolled-back version (schema migrations, cache or queue formats). Roll forward with a fix instead (Firebreak's examples/checkout-api-roll-forward.ts is a plan for it). _(derived from the journal: gate "canary 1%" failed after "roll back to revision 2" on Deployment prod/checkout-api)_"`);
    expect(section(markdown, "Action items")).toMatchInlineSnapshot(`
      "- [ ] Keep or undo what the run left changed: Deployment prod/checkout-api (spec.template.spec.containers\\[0\\].image="registry.example.com/checkout-api:1.9.0", was "registry.example.com/checkout-api:2.0.0")
      - [ ] Roll forward with a fix that works with the current data and dependency state, instead of rolling Deployment prod/checkout-api back (Firebreak's examples/checkout-api-roll-forward.ts is a plan for it)
      - [ ] Investigate why gate "canary 1%" failed: success rate 0.58 &lt; 0.99
      - [ ] Complete the five whys, trigger and detection above, and give each action item an owning team"
    `);
  });

  it("the blameless prompts", () => {
    expect(section(markdown, "Root cause")).toMatchInlineSnapshot(`
      "_Five whys: start from the symptom and ask why until you reach a cause a change to a system or process can fix. This review is blameless: describe systems, roles and decisions, not people._

      1.
      2.
      3.
      4.
      5."
    `);
    expect(section(markdown, "What went badly")).toMatchInlineSnapshot(`
      "_What slowed the response or made it worse._

      -"
    `);
  });
});

describe("renderPostmortem: the restore of the safe state, a step of the engine's own", () => {
  it("shows the restore in the Gantt chart, in a section marked as Firebreak's, for how long it took", () => {
    const gantt = section(renderPostmortem(failedSafe({ restoreStep: true })), "Steps").split("\n");
    expect(gantt.slice(gantt.indexOf("  section canary 1%"), gantt.indexOf("```", 1))).toEqual([
      "  section canary 1%",
      "    canary 1% :crit, t3, 1795341628000, 1795341688000",
      "  section restore the safe state (by Firebreak)",
      "    restore the safe state :done, t4, 1795341688000, 1795341690000",
    ]);
  });

  it("puts the restore's writes between its start and its finish in the timeline", () => {
    const rows = section(renderPostmortem(failedSafe({ restoreStep: true })), "Timeline").split("\n");
    const from = rows.findIndex((r) => r.includes('Step "restore the safe state" started'));
    expect(rows.slice(from, from + 5).map((r) => r.split(" | ")[2]!.replace(/ \|$/, ""))).toEqual([
      'Step "restore the safe state" started (by Firebreak)',
      "VirtualService prod/checkout-api: spec.http\\[0\\].route\\[0\\].weight 99 → 100 (restore safe state)",
      "VirtualService prod/checkout-api: spec.http\\[0\\].route\\[1\\].weight 1 → 0 (restore safe state)",
      "Safe state restored: all traffic to the stable pool (1.9.4)",
      'Step "restore the safe state" succeeded in 2s',
    ]);
  });

  it("marks a restore that failed critical, and still blames the gate that failed the plan, asking nothing about the restore's step", () => {
    const [legacy, stepped] = [renderPostmortem(failedUnsafe()), renderPostmortem(failedUnsafe({ restoreStep: true }))];
    expect(section(stepped, "Steps")).toContain("  section restore the safe state (by Firebreak)\n    restore the safe state :crit, t3, ");
    for (const heading of ["Summary", "What is left where", "Action items"]) expect(section(stepped, heading)).toBe(section(legacy, heading));
    expect(section(stepped, "Action items")).toContain('Investigate why gate "canary 50%" errored');
  });
});

describe("docs/sample-postmortem.md", () => {
  it("is the failed-safe run's postmortem, as this version journals it (update with vitest -u)", async () => {
    const sample = renderPostmortem(failedSafe({ restoreStep: true }), { ...CONTEXT, artifactUrl: "https://github.com/acme/shop/actions/runs/42/artifacts/7" });
    await expect(sample).toMatchFileSnapshot("../../docs/sample-postmortem.md");
  });
});

describe("renderPostmortem: blameless", () => {
  it("shows who dispatched the run only in the Context table", () => {
    const markdown = renderPostmortem(failedSafe(), CONTEXT);
    const lines = markdown.split("\n").filter((l) => l.includes("octocat"));
    expect(lines).toEqual(["| Dispatched by | octocat |"]);
    expect(renderPostmortem(failedSafe())).not.toContain("Dispatched by");
  });

  it("names no person in generated text, whatever the options", () => {
    const withPerson = renderPostmortem(failedSafe(), CONTEXT);
    const without = renderPostmortem(failedSafe(), { ...CONTEXT, dispatchedBy: undefined });
    expect(withPerson.replace("| Dispatched by | octocat |\n", "")).toBe(without);
    expect(without).not.toMatch(/@[A-Za-z0-9]/);
  });
});

describe("renderPostmortem: hostile text from the plan, its inputs and remote systems", () => {
  const evil = "x\n## Injected @octocat #123 <img src=x onerror=alert(1)> | `code` [link](https://evil.example) ```";
  const j = new JournalBuilder().start(`plan ${evil}`, { inputs: { [`in|put ${evil}`]: evil, "@team": "#1" } });
  j.step(`step ${evil}`).add({ type: "note", text: `# ${evil}` }).split(50, 50, `action ${evil}`);
  j.add({ type: "safe-state-declared", description: evil, route, split: { [`dest ${evil}`]: 100 } });
  j.gate(`gate ${evil}`, "failed", `reason ${evil}`, [{ at: j.now, indicator: evil, subject: evil, value: 0.5, threshold: evil, phase: "failed", reason: evil, query: `up ${evil}` }]);
  j.endStep({ name: "GateFailedError", message: `message ${evil}` });
  j.add({ type: "recommendation", text: `- ${evil}`, reason: evil });
  const events = j.finish("failed-unsafe", { error: { name: "Error", message: evil }, unsafe: [`> ${evil}`] }).events;
  const markdown = renderPostmortem(events, { ...CONTEXT, dispatchedBy: "@octocat" });
  const text = outsideCode(markdown);

  it("adds no headings", () => {
    expect(headings(text)).toEqual(WITH_LEFT_WHERE);
    // the title, the changed object and the gate are the only other headings
    expect(text.split("\n").filter((l) => /^#{1,6}\s/.test(l))).toHaveLength(WITH_LEFT_WHERE.length + 3);
  });

  it("adds no HTML outside our own marker and <details>", () => {
    const tags = [...text.matchAll(/<\/?[a-z!][^>]*>?/gi)].map((m) => m[0]);
    expect(new Set(tags)).toEqual(new Set(["<!-- firebreak:incident=run-20261122-100000-a1b2 -->", "<details>", "<summary>", "</summary>", "</details>"]));
  });

  it("mentions nobody and links no issue", () => {
    expect(text).not.toMatch(/@[A-Za-z0-9]/);
    expect(text).not.toMatch(/#\d/);
  });

  it("adds no links and keeps every table row's column count", () => {
    expect(text).not.toMatch(/[^\\]\]\(https:\/\/evil/);
    const rows = markdown.split("\n").filter((l) => l.startsWith("| "));
    for (const row of rows) {
      const cells = row.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length - 2;
      const header = rows.find((r) => r.startsWith("| Time (UTC) | Indicator"))!;
      if (row.includes("0.5 |")) expect(cells).toBe(header.split("|").length - 2);
    }
    const timeline = section(markdown, "Timeline").split("\n");
    for (const row of timeline) expect(row.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length - 2).toBe(3);
  });

  it("keeps hostile text out of the Mermaid blocks' syntax", () => {
    const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(2);
    for (const block of blocks) expect(block.replace(" --> ", " ")).not.toMatch(/[<>`#@;]|\[link/);
    const gantt = blocks[1]!.split("\n");
    for (const line of gantt.filter((l) => l.startsWith("    "))) expect(line).toMatch(/^ {4}[^:]+ :(done|crit|active), t\d+, \d+, \d+$/);
    for (const line of gantt.filter((l) => l.startsWith("  section"))) expect(line).not.toContain(":");
  });
});
