import { describe, expect, it } from "vitest";
import { clipMarkdown, DEFAULT_MAX_CHARS, downsample, fitToBudget, keepEnds, STAGES, type Detail } from "../../sdk/postmortem/budget.ts";
import { renderPostmortem } from "../../sdk/postmortem/index.ts";
import { failedSafe, hugeJournal, JournalBuilder, route } from "./fixtures.ts";

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
        // where the budget is tight, the action items point at the lines rather than repeat them
        if (maxChars === DEFAULT_MAX_CHARS) expect(actions).toContain(`- [ ] Return to a safe state: ${line}\n`);
      }
      if (maxChars < DEFAULT_MAX_CHARS) expect(actions).toContain('- [ ] Return to a safe state: each of the 30 objects listed as not in the safe state under "What is left where"\n');
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

describe("the size budget: what is left where, and its action items, stay whatever the budget", () => {
  const ALL_HEADINGS = [
    "## Summary", "## What is left where", "## Context", "## Impact", "## Timeline", "## Traffic and errors", "## Steps", "## Changes", "## Gate evidence",
    "## Recommendations", "## Root cause", "## Trigger", "## Detection", "## What went well", "## What went badly", "## Where we got lucky", "## Action items",
  ];
  const part = (markdown: string, heading: string) => {
    const from = markdown.indexOf(`\n## ${heading}\n`);
    const to = markdown.indexOf("\n## ", from + 4);
    return markdown.slice(from, to === -1 ? undefined : to);
  };

  /** A failed-safe run whose step applied `count` ConfigMaps, ten long fields each: all left changed beyond the restored traffic. */
  function appliedConfigMaps(count: number, value = 300) {
    const j = new JournalBuilder().start("kustomize-rollback");
    j.add({ type: "safe-state-declared", description: "all on stable", route, split: { stable: 100, release: 0 } });
    j.step("apply overlay");
    for (let i = 0; i < count; i++) {
      for (let f = 0; f < 10; f++) {
        const object = { apiVersion: "v1", kind: "ConfigMap", namespace: "prod", name: `checkout-config-${i}` };
        j.add({ type: "change", object, field: `data.key${f}`, before: "x".repeat(value), after: "y".repeat(value), applied: true, action: "kustomize apply" });
      }
    }
    j.after(1_000).endStep({ name: "Error", message: "apply failed" });
    j.add({ type: "safe-state-restore", description: "all on stable", outcome: "restored" });
    return j.finish("failed-safe", { error: { name: "Error", message: "apply failed" } }).events;
  }

  it("keeps every section and names every object left changed, with fewer fields and shorter values, each still an action item", () => {
    const report = renderPostmortem(appliedConfigMaps(20));
    expect(report.length).toBeLessThanOrEqual(DEFAULT_MAX_CHARS);
    expect(headings(report)).toEqual(ALL_HEADINGS);
    const left = part(report, "What is left where");
    const actions = part(report, "Action items");
    for (let i = 0; i < 20; i++) {
      expect(left).toMatch(new RegExp(`\\n> - ConfigMap prod/checkout-config-${i} \\(data\\.key0="y+… \\(302 characters; see the journal\\), was "x+… \\(302 characters; see the journal\\); .*; and 5 more fields \\(see the journal\\)\\)\\n`));
      expect(actions).toContain(`\n- [ ] Keep or undo what the run left changed: ConfigMap prod/checkout-config-${i} (data.key0=`);
    }
    expect(actions).toContain('- [ ] Investigate why step "apply overlay" failed: apply failed');
    expect(balanced(report)).toBe(true);
  });

  it("names each of many objects left changed once, and points the action items at them", () => {
    const report = renderPostmortem(appliedConfigMaps(100));
    expect(report.length).toBeLessThanOrEqual(DEFAULT_MAX_CHARS);
    expect(headings(report)).toEqual(ALL_HEADINGS);
    expect(part(report, "What is left where").match(/^> - ConfigMap prod\/checkout-config-\d+ \(/gm)).toHaveLength(100);
    expect(part(report, "Action items")).toContain('\n- [ ] Keep or undo what the run left changed: each of the 100 objects listed as left changed under "What is left where"\n');
  });

  it("cuts the error page a failed restore quotes, and keeps every action item", () => {
    const page = `<html><head><title>502 Bad Gateway</title></head><body>${"<p>upstream connect error or disconnect/reset before headers</p>".repeat(500)}</body></html>`;
    const j = new JournalBuilder().start("checkout-api-rollback");
    j.add({ type: "safe-state-declared", description: "all on stable", route, split: { stable: 100, release: 0 } });
    j.step("canary").split(50, 50).after(1_000).endStep({ name: "Error", message: "boom" });
    j.add({ type: "safe-state-restore", description: "all on stable", outcome: "failed", detail: page });
    const unsafe = [`VirtualService prod/checkout-api is at stable=50% release=50%, not the safe state stable=100% release=0%: ${page}`];
    const report = renderPostmortem(j.finish("failed-unsafe", { error: { name: "Error", message: "boom" }, unsafe }).events);
    expect(page.length).toBeGreaterThan(32_000);
    expect(report.length).toBeLessThanOrEqual(DEFAULT_MAX_CHARS);
    expect(headings(report)).toEqual(ALL_HEADINGS);
    const start = "VirtualService prod/checkout-api is at stable=50% release=50%, not the safe state stable=100% release=0%: &lt;html&gt;&lt;head&gt;&lt;title&gt;502 Bad Gateway";
    expect(part(report, "What is left where")).toContain(`\n> - ${start}`);
    const actions = part(report, "Action items").trim().split("\n").slice(2);
    expect(actions[0]).toMatch(new RegExp(`^- \\[ \\] Return to a safe state: ${start.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*…$`));
    expect(actions.slice(1)).toEqual(['- [ ] Investigate why step "canary" failed: boom', "- [ ] Complete the five whys, trigger and detection above, and give each action item an owning team"]);
  });

  it("as a last resort cuts the sections one at a time, keeping every heading, the Summary and the action items", () => {
    const j = new JournalBuilder().start("scale-down-all");
    j.add({ type: "safe-state-declared", description: "all on stable", route, split: { stable: 100, release: 0 } });
    j.step("scale");
    for (let i = 0; i < 3_000; i++) j.add({ type: "change", object: { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: `svc-${i}` }, field: "spec.replicas", before: 3, after: 0, applied: true, action: "scale" });
    j.after(1_000).endStep({ name: "Error", message: "boom" });
    j.add({ type: "safe-state-restore", description: "all on stable", outcome: "restored" });
    const events = j.finish("failed-safe", { error: { name: "Error", message: "boom" } }).events;
    const report = renderPostmortem(events, { artifactUrl: ARTIFACT });
    expect(report.length).toBeLessThanOrEqual(DEFAULT_MAX_CHARS);
    expect(headings(report)).toEqual(ALL_HEADINGS);
    expect(part(report, "Summary")).toBe(part(renderPostmortem(events, { maxChars: Infinity }), "Summary"));
    expect(part(report, "What is left where")).toMatch(/\n> - Deployment prod\/svc-0 \(spec\.replicas=0, was 3\)\n[\s\S]*\n\n_… the rest of this section was cut to fit the size budget, see the \[journal artifact\]\([^)]+\)_\n$/);
    expect(part(report, "Timeline")).toBe(`\n## Timeline\n\n_… the rest of this section was cut to fit the size budget, see the [journal artifact](${ARTIFACT})_\n`);
    expect(part(report, "Action items").trim().split("\n").slice(2)).toEqual([
      '- [ ] Keep or undo what the run left changed: each of the 3000 objects listed as left changed under "What is left where"',
      '- [ ] Investigate why step "scale" failed: boom',
      "- [ ] Complete the five whys, trigger and detection above, and give each action item an owning team",
    ]);
    expect(balanced(report)).toBe(true);
  });
});

describe("fitToBudget", () => {
  it("shrinks in order: evidence, then timeline, then chart, then everything", () => {
    expect(STAGES.map((s) => s.name)).toEqual([
      "full", "evidence", "timeline", "chart", "tight", "minimal", "action items point at what is left where",
      "sections of 2000", "sections of 800", "what is left where, shorter", "sections of 300", "what is left where, shortest", "sections of 0",
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
