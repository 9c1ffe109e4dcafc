import { describe, expect, it } from "vitest";
import { ganttChart, xyLineChart } from "../../sdk/postmortem/mermaid.ts";

describe("xyLineChart", () => {
  it("renders a fenced xychart-beta block with quoted labels", () => {
    expect(
      xyLineChart({ title: 'Traffic: "prod"', xLabel: "minutes since start", x: ["0.00", "0.50"], yLabel: "percent", yMin: 0, yMax: 100, lines: [[10, 100], [0.123456, 0]] }),
    ).toMatchInlineSnapshot(`
      "\`\`\`mermaid
      xychart-beta
        title "Traffic prod"
        x-axis "minutes since start" ["0.00", "0.50"]
        y-axis "percent" 0 --> 100
        line [10, 100]
        line [0.12, 0]
      \`\`\`"
    `);
  });
});

describe("ganttChart", () => {
  it("renders ms timestamps, statuses and safe labels", () => {
    expect(
      ganttChart("Steps", [
        { name: "canary: 1% ; #1", tasks: [{ name: "canary: 1%", start: 1_000, end: 61_000, status: "crit" }] },
        { name: "title looks like a keyword", tasks: [{ name: "section two", start: 61_000, end: 61_000, status: "active" }] },
      ]),
    ).toMatchInlineSnapshot(`
      "\`\`\`mermaid
      gantt
        title Steps
        dateFormat x
        axisFormat %H:%M:%S
        todayMarker off
        section canary 1% 1
          canary 1% :crit, t1, 1000, 61000
        section title looks like a keyword
          step section two :active, t2, 61000, 61001
      \`\`\`"
    `);
  });

  it("prefixes a task Mermaid would misread: a leading digit (a date) or a % at its start (a comment)", () => {
    const tasks = ["1% canary", "% of traffic back", "2026-11-24 hotfix", "roll back"].map((name, i) => ({ name, start: i * 1000, end: i * 1000 + 500, status: "done" as const }));
    const lines = ganttChart("Steps", [{ name: "run", tasks }]).split("\n").filter((l) => l.startsWith("    "));
    expect(lines).toEqual([
      "    step 1% canary :done, t1, 0, 500",
      "    step % of traffic back :done, t2, 1000, 1500",
      "    step 2026-11-24 hotfix :done, t3, 2000, 2500",
      "    roll back :done, t4, 3000, 3500",
    ]);
  });
});
