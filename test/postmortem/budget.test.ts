import { describe, expect, it } from "vitest";
import { clipMarkdown, DEFAULT_MAX_CHARS, downsample, fitToBudget, keepEnds, STAGES, type Detail } from "../../sdk/postmortem/budget.ts";
import { renderPostmortem } from "../../sdk/postmortem/index.ts";
import { failedSafe, hugeJournal } from "./fixtures.ts";

const ARTIFACT = "https://github.com/acme/shop/actions/runs/42/artifacts/7";

function headings(markdown: string): string[] {
  return markdown.split("\n").filter((l) => l.startsWith("## "));
}

/** Fenced blocks and <details> all closed. */
function balanced(markdown: string): boolean {
  let fence: string | undefined;
  let details = 0;
  for (const line of markdown.split("\n")) {
    const ticks = /^`{3,}/.exec(line)?.[0];
    if (!fence && ticks) fence = ticks;
    else if (fence && ticks && ticks.length >= fence.length && /^`+$/.test(line)) fence = undefined;
    else if (!fence && line.startsWith("<details>")) details++;
    else if (!fence && line.startsWith("</details>")) details--;
  }
  return fence === undefined && details === 0;
}

describe("the size budget", () => {
  const events = hugeJournal(5_000);
  const full = renderPostmortem(events, { maxChars: Infinity });
  const fitted = renderPostmortem(events, { artifactUrl: ARTIFACT });

  it("uses a synthetic journal far over GitHub's limit", () => {
    expect(events.length).toBeGreaterThanOrEqual(5_000);
    expect(full.length).toBeGreaterThan(20 * 65_536);
    expect(DEFAULT_MAX_CHARS).toBe(65_000);
  });

  it("fits the default budget and keeps every heading", () => {
    expect(fitted.length).toBeLessThanOrEqual(DEFAULT_MAX_CHARS);
    expect(headings(fitted)).toEqual(headings(full));
    expect(fitted.split("\n")[0]).toBe(full.split("\n")[0]);
    expect(balanced(fitted)).toBe(true);
  });

  it("keeps the first and last rows and says where the rest is", () => {
    const timeline = fitted.slice(fitted.indexOf("## Timeline"), fitted.indexOf("## Traffic and errors")).trim().split("\n");
    expect(timeline[4]).toContain('Plan "checkout-api-soak" started');
    expect(timeline.at(-1)).toContain("Plan finished: succeeded");
    expect(fitted).toContain(`more events, see the [journal artifact](${ARTIFACT})`);
    expect(fitted).toMatch(/\| … \|( {2}\|){6} … 10 more rows, see the \[journal artifact\]/);
    expect(fitted).toContain("gates, all passed, see the [journal artifact]");
    expect(fitted).toMatch(/Downsampled to \d+ of \d+ points/);
  });

  it("says the journal artifact without a link when none is given", () => {
    expect(renderPostmortem(events)).toMatch(/more events, see the journal artifact \|/);
  });

  it.each([40_000, 20_000, 8_000, 3_000])("keeps every heading and closes every block at %i characters", (maxChars) => {
    const small = renderPostmortem(events, { maxChars });
    expect(small.length).toBeLessThanOrEqual(maxChars);
    expect(headings(small)).toEqual(headings(full));
    expect(balanced(small)).toBe(true);
  });

  it("still returns something within an absurd budget", () => {
    const tiny = renderPostmortem(events, { maxChars: 500 });
    expect(tiny.length).toBeLessThanOrEqual(500);
    expect(tiny.split("\n")[0]).toBe("<!-- firebreak:incident=run-20261122-100000-a1b2 -->");
    expect(balanced(tiny)).toBe(true);
  });

  it("cuts evidence, never what is left where: every object and its fields stay, in full", () => {
    const unsafe = Array.from({ length: 30 }, (_, i) => `Deployment prod/svc-${i} runs registry.example.com/svc-${i}:2.0.0 at 8 replicas, not the ${"1.9.4 ".repeat(20)}it ran before`);
    const ended = events.map((e) => (e.type === "plan-finished" ? { ...e, status: "failed-unsafe" as const, unsafe, error: { name: "Error", message: "boom" } } : e));
    for (const maxChars of [DEFAULT_MAX_CHARS, 20_000]) {
      const report = renderPostmortem(ended, { maxChars });
      expect(report.length).toBeLessThanOrEqual(maxChars);
      const left = report.slice(report.indexOf("## What is left where"), report.indexOf("## Context"));
      const actions = report.slice(report.indexOf("## Action items"));
      for (const line of unsafe) {
        expect(left).toContain(`> - ${line}\n`);
        expect(actions).toContain(`- [ ] Return to a safe state: ${line}\n`);
      }
    }
  });

  it("keeps the Summary's own sentences whole at every stage, clipping only what the plan or a remote system wrote in them", () => {
    const error = { name: "Error", message: `upstream connect error or disconnect/reset before headers. ${"reset reason: overflow; ".repeat(80)}` };
    const unsafe = ["TrafficSplit prod/ledger was left changed (spec.backends[1].weight=10, was 0); the plan declared no safe state for it"];
    const restore = { type: "safe-state-restore", at: events.at(-1)!.at, description: "all traffic to stable", outcome: "restored" } as const;
    const ended = [...events.slice(0, -1), restore, { ...events.at(-1)!, status: "failed-unsafe" as const, error, unsafe }];
    const summary = (markdown: string) => markdown.slice(markdown.indexOf("## Summary"), markdown.indexOf("- **Plan:**")).trim().split("\n");
    for (const maxChars of [DEFAULT_MAX_CHARS, 20_000, 8_000]) {
      const [, , status, , outcome] = summary(renderPostmortem(ended, { maxChars }));
      expect(status).toBe('**Status: FAILED-UNSAFE**: the plan failed; its safe state was restored, but a route it shifted has none of its own and is left as it is: act on "What is left where" first.');
      expect(outcome).toMatch(/^The plan failed after the plan stopped: upstream connect error or disconnect\/reset before headers\. reset reason: overflow; [^\n]*…; the safe state \(100% to stable\) was restored, but the run shifted a route that has no safe state of its own, left as it is: see "What is left where"\.$/);
      expect(outcome!.length).toBeLessThan(600);
    }
  });

  it("leaves a small journal untouched", () => {
    expect(renderPostmortem(failedSafe())).toBe(renderPostmortem(failedSafe(), { maxChars: Infinity }));
  });
});

describe("fitToBudget", () => {
  it("shrinks in order: evidence, then timeline, then chart, then everything", () => {
    expect(STAGES.map((s) => s.name)).toEqual([
      "full", "evidence", "timeline", "chart", "tight", "minimal", "sections of 2000", "sections of 800", "sections of 300", "sections of 0",
    ]);
    const seen: Detail[] = [];
    const render = (detail: Detail) => {
      seen.push(detail);
      return "x".repeat(seen.length < 4 ? 100 : 10);
    };
    expect(fitToBudget(render, 50)).toBe("x".repeat(10));
    expect(seen.map((d) => [d.evidenceRows, d.timelineRows, d.chartPoints])).toEqual([
      [Infinity, Infinity, Infinity],
      [6, Infinity, Infinity],
      [6, 80, Infinity],
      [6, 80, 40],
    ]);
  });
});

describe("clipMarkdown", () => {
  const body = ["intro", "", "```mermaid", "gantt", "  a :done, t1, 1, 2", "```", "", "<details><summary>Query</summary>", "", "```promql", "up", "```", "", "</details>", "", "tail"].join("\n");

  it("returns short text as it is", () => {
    expect(clipMarkdown(body, 1_000, "cut")).toBe(body);
  });

  it("cuts before a code block or <details> it would leave open", () => {
    expect(clipMarkdown(body, 40, "cut")).toBe("intro\n\ncut");
    expect(clipMarkdown(body, 90, "cut")).toBe("intro\n\n```mermaid\ngantt\n  a :done, t1, 1, 2\n```\n\ncut");
    expect(clipMarkdown(body, 3, "cut")).toBe("cut");
  });
});

describe("keepEnds and downsample", () => {
  it("keeps the ends", () => {
    expect(keepEnds([1, 2, 3, 4, 5], 2)).toEqual({ head: [1], omitted: 3, tail: [5] });
    expect(keepEnds([1, 2, 3, 4, 5], 3)).toEqual({ head: [1, 2], omitted: 2, tail: [5] });
    expect(keepEnds([1, 2], 5)).toEqual({ head: [1, 2], omitted: 0, tail: [] });
  });

  it("picks evenly spaced points including the first and last", () => {
    expect(downsample([0, 1, 2, 3, 4, 5, 6, 7, 8], 3)).toEqual([0, 4, 8]);
    expect(downsample([0, 1, 2], 5)).toEqual([0, 1, 2]);
    expect(downsample([0, 1, 2], 1)).toEqual([0]);
  });
});
