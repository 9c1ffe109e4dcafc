import { describe, expect, it } from "vitest";
import { renderJobSummary } from "../../action/summary.ts";
import { summarizeRun } from "../../sdk/postmortem/summary.ts";
import { Journal } from "../../sdk/engine/journal.ts";
import { createMemoryJournal } from "../../sdk/journal/sinks.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { failedSafe, failedUnsafe, JournalBuilder, releaseTrain, T0, truncated } from "../postmortem/fixtures.ts";

const options = { incidentId: "acme/shop/runs/42", journalPath: "/tmp/run-42-attempt-1.jsonl", runUrl: "https://github.com/acme/shop/actions/runs/42" };

/** Cells of a Markdown table row, honouring `\|` escapes. */
const cells = (row: string) => row.replace(/\\\|/g, "").split("|").length - 2;

describe("the job summary", () => {
  it("shows status, final split, steps with durations, changes, gates and a timeline", () => {
    expect(renderJobSummary(summarizeRun(failedSafe()), options)).toMatchInlineSnapshot(`
      "## 🟧 Firebreak: checkout-api-rollback — failed-safe

      Traffic was returned to the safe state (100% to stable) after gate "canary 1%" failed: success rate 0.58 &lt; 0.99. 1 other object stays as the run changed it: see "What is left where".

      |  |  |
      | --- | --- |
      | Status | **failed-safe** |
      | Mode | run |
      | Target | \`sim (scenario schema-from-the-future)\` |
      | Duration | 1m 30s |
      | Incident | \`acme/shop/runs/42\` |
      | Error | \`GateFailedError: Gate "canary 1%" failed: success rate 0.58 < 0.99\` |
      | Journal | \`/tmp/run-42-attempt-1.jsonl\` |
      | Run | [workflow run](https://github.com/acme/shop/actions/runs/42) |

      ### Left changed (the safe state covers traffic only)

      - Deployment prod/checkout-api (spec.template.spec.containers\\[0\\].image="registry.example.com/checkout-api:1.9.0", was "registry.example.com/checkout-api:2.0.0")

      ### Recommendations

      - A rollback did not restore health: the data or dependency state may have moved ahead of the rolled-back version (schema migrations, cache or queue formats). Roll forward with a fix instead (Firebreak's examples/checkout-api-roll-forward.ts is a plan for it).

      ### Traffic

      | Route | Final split | Verified |
      | --- | --- | --- |
      | \`VirtualService prod/checkout-api\` | 100% to stable | yes |

      ### Steps

      | Step | Outcome | Duration |
      | --- | --- | --- |
      | declare safe state | ✅ succeeded | 0ms |
      | roll back release to 1.9.0 | ✅ succeeded | 25s |
      | canary 1% | ❌ failed: Gate "canary 1%" failed: success rate 0.58 &lt; 0.99 | 1m |

      ### Changes

      | Object | Field | Before → after | Writes |
      | --- | --- | --- | --- |
      | \`Deployment prod/checkout-api\` | \`spec.template.spec.containers[0].image\` | \`registry.example.com/checkout-api:2.0.0\` → \`registry.example.com/checkout-api:1.9.0\` | 1: roll back to revision 2 |
      | \`VirtualService prod/checkout-api\` | \`spec.http[0].route[0].weight\` | \`10\` → \`100\` | 2: shift traffic; restore safe state |
      | \`VirtualService prod/checkout-api\` | \`spec.http[0].route[1].weight\` | \`90\` → \`0\` | 2: shift traffic; restore safe state |

      ### Gates

      | Gate | Verdict | Reason |
      | --- | --- | --- |
      | canary 1% | failed | success rate 0.58 &lt; 0.99 |

      ### Timeline

      \`\`\`mermaid
      gantt
        title checkout-api-rollback
        dateFormat x
        axisFormat %H:%M:%S
        todayMarker off
        section steps
          declare safe state :done, t1, 1795341601000, 1795341601001
          roll back release to 1.9.0 :done, t2, 1795341602000, 1795341627000
          canary 1% :crit, t3, 1795341628000, 1795341688000
      \`\`\`
      "
    `);
  });

  it("shows each changed field once, from before the run to where it leaves it, with its writes", () => {
    const j = new JournalBuilder().start("checkout-api-rollback");
    j.after(1_000).step("canary").split(99, 1).split(90, 10).split(10, 90, "return traffic to stable").endStep();
    const text = renderJobSummary(summarizeRun(j.finish("failed-safe").events), options);
    expect(text).toContain("| `VirtualService prod/checkout-api` | `spec.http[0].route[0].weight` | `10` → `10` | 3, back where it was: shift traffic; return traffic to stable |");
    expect(text.match(/spec\.http\[0\]\.route\[0\]\.weight/g)).toHaveLength(1);

    const preview = new JournalBuilder().start("checkout-api-rollback", { mode: "preview" });
    preview.after(1_000).step("isolate").split(100, 0, "shift traffic", false).endStep();
    expect(renderJobSummary(summarizeRun(preview.finish("succeeded").events), options)).toContain("| `10` → `100` | 1: shift traffic (not applied) |");
  });

  it("tells a secret written twice and left changed from one put back, though both show [redacted]", () => {
    /** The password as the engine journals two writes of it: redacted, with a digest of each value. */
    const twoWrites = (...values: [string, string, string]) => {
      const sink = createMemoryJournal();
      const journal = new Journal(sink, createVirtualClock());
      const secret = { apiVersion: "v1", kind: "Secret", namespace: "prod", name: "checkout-db" };
      journal.emit({ type: "plan-started", runId: "r1", plan: { name: "rotate" }, mode: "run", inputs: {}, target: { kind: "sim" }, sdkVersion: "0.1.0" });
      journal.emit({ type: "change", object: secret, field: "data.password", before: values[0], after: values[1], applied: true, action: "helm rollback to revision 3" });
      journal.emit({ type: "change", object: secret, field: "data.password", before: values[1], after: values[2], applied: true, action: "helm upgrade" });
      journal.emit({ type: "plan-finished", status: "succeeded", durationMs: 2_000 });
      return renderJobSummary(summarizeRun(sink.events), options).split("\n").find((l) => l.includes("data.password"));
    };
    expect(twoWrites("b2xk", "bWlk", "bmV3")).toBe("| `Secret prod/checkout-db` | `data.password` | `[redacted]` → `[redacted]` | 2: helm rollback to revision 3; helm upgrade |");
    expect(twoWrites("b2xk", "bWlk", "b2xk")).toBe("| `Secret prod/checkout-db` | `data.password` | `[redacted]` → `[redacted]` | 2, back where it was: helm rollback to revision 3; helm upgrade |");
  });

  it("says where a gate ran when another gate has its name", () => {
    const md = renderJobSummary(summarizeRun(releaseTrain()), options);
    const rows = md.slice(md.indexOf("### Gates")).split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Gate ") && !l.startsWith("| ---")).slice(0, 3);
    expect(rows.map((r) => r.split(" | ")[0])).toEqual(["| payments warm", "| canary 5% (in bring payments back)", "| canary 5% (in bring ledger back)"]);
  });

  it("recommends a look when users were still failing as the run ended, before the traffic tables", () => {
    const events = new JournalBuilder().start("rollback").step("isolate").split(100, 0).endStep().after(300_000).impact([0.3, 0.33, 0.33], 30_000, { from: T0 + 270_000, errorRate: 0.33 }).finish("succeeded").events;
    const md = renderJobSummary(summarizeRun(events), options);
    expect(md).toMatch(/### Recommendations\n\n- Users were still failing when the run ended: 33% of requests from 10:04:30 to 10:05:00 UTC, after its last traffic change\./);
    expect(md.indexOf("### Recommendations")).toBeLessThan(md.indexOf("### Traffic"));
  });

  it("lists the engine's restore of the safe state as a step of its own, marked as Firebreak's, in the steps and the timeline", () => {
    const text = renderJobSummary(summarizeRun(failedSafe({ restoreStep: true })), options);
    expect(text).toContain("| canary 1% | ❌ failed: Gate \"canary 1%\" failed: success rate 0.58 &lt; 0.99 | 1m |\n| restore the safe state (by Firebreak) | ✅ succeeded | 2s |\n");
    expect(text).toContain("    restore the safe state (by Firebreak) :done, t4, 1795341688000, 1795341690000\n");
    // the outcome still names the gate that failed the plan
    expect(text).toContain('Traffic was returned to the safe state (100% to stable) after gate "canary 1%" failed');
    const unsafe = renderJobSummary(summarizeRun(failedUnsafe({ restoreStep: true })), options);
    expect(unsafe).toContain("| restore the safe state (by Firebreak) | ❌ failed | 1s |");
    expect(unsafe).toContain("    restore the safe state (by Firebreak) :crit, t3, ");
  });

  it("says what is left where when the safe state was not restored", () => {
    const text = renderJobSummary(summarizeRun(failedUnsafe()), options);
    expect(text).toContain("### ⚠️ Left where it should not be");
    expect(text).toContain("- VirtualService prod/checkout-api routes 50% to release (2.0.0) and 50% to stable");
    expect(text).toMatch(/^## 🟥 Firebreak: checkout-api-rollback — failed-unsafe/);
  });

  it("reports a run that did not finish, with its unfinished step", () => {
    const text = renderJobSummary(summarizeRun(truncated()), options);
    expect(text).toMatch(/^## ❔ Firebreak: checkout-api-rollback — unknown \(the run did not finish: journal ends at /);
    expect(text).toContain("| canary 1% | ⏳ unfinished |  |");
    expect(text).toContain(":active, t3,");
    // nothing was restored: the route is listed as the run left it, not as outside a restored safe state
    expect(text).toContain("### Left changed (the run did not finish: nothing was restored; check each in the cluster)");
    expect(text).not.toContain("the safe state covers traffic only");
  });

  it("escapes Markdown and HTML a plan puts in step names and errors", () => {
    const evil = "<img src=x onerror=alert(1)> | @octocat `x` [link](http://evil) #12";
    const j = new JournalBuilder().start("checkout-api-rollback");
    j.after(1_000).step(evil).split(100, 0, evil).endStep({ name: "Error", message: evil });
    const text = renderJobSummary(summarizeRun(j.finish("failed-safe", { error: { name: "Error", message: evil } }).events), options);
    // Code spans show text verbatim (no HTML, no mentions); everything outside them is escaped.
    const outsideCode = text.replace(/(`+)[^`][\s\S]*?\1/g, "");
    expect(outsideCode).toContain("onerror"); // the step name is shown…
    expect(outsideCode).not.toContain("<img"); // …but not as HTML
    expect(outsideCode).not.toMatch(/@octocat/); // a zero-width joiner stops the mention
    expect(outsideCode).not.toMatch(/[^\\]\[link\]/);
    for (const row of text.split("\n").filter((l) => l.startsWith("| ") && l.includes("img"))) {
      const header = text.split("\n").slice(0, text.split("\n").indexOf(row)).findLast((l) => l.startsWith("| ") && l.includes("---"));
      expect(cells(row)).toBe(cells(header!));
    }
  });

  it("stays under GitHub's 1 MiB step-summary limit however long the run's messages, opening with its status", () => {
    const long = "connection reset by peer; ".repeat(800); // 20 KB, as a verbose client error can be
    const j = new JournalBuilder().start("checkout-api-rollback");
    for (let i = 0; i < 300; i++) j.after(1_000).step(`stage ${i}`).gate(`stage ${i}`, "error", long, []).endStep({ name: "Error", message: long });
    const events = j.finish("failed-unsafe", { error: { name: "Error", message: long }, unsafe: Array.from({ length: 300 }, (_, i) => `VirtualService prod/r${i}: ${long}`) }).events;
    const text = renderJobSummary(summarizeRun(events), options);
    expect(Buffer.byteLength(text, "utf8")).toBeLessThan(1024 * 1024);
    expect(text.split("\n")[0]).toBe("## 🟥 Firebreak: checkout-api-rollback — failed-unsafe");
    expect(text).toContain("_100 more objects are in the journal._");
  });
});
