/**
 * Mermaid diagram text for the postmortem: an `xychart-beta` line chart and a `gantt` chart. Every
 * label goes through `mermaidLabel`, so text from a plan can neither break the diagram's syntax nor
 * close the fenced block around it.
 */
import { mermaidLabel } from "./escape.ts";
import { numberText } from "./format.ts";

/** A line chart over categorical x values. */
export interface LineChart {
  title: string;
  xLabel: string;
  /** One category per point, e.g. minutes since start. */
  x: string[];
  yLabel: string;
  yMin: number;
  yMax: number;
  /** One series per line, each with one value per x category. */
  lines: number[][];
}

/**
 * Renders a line chart as a fenced `xychart-beta` block. Lines have no legend in Mermaid: say in
 * the text which line is which (and keep a table beside it: GitHub renders xychart only recently).
 *
 * @example
 * xyLineChart({ title: "Traffic", xLabel: "minutes", x: ["0", "1"], yLabel: "%", yMin: 0, yMax: 100, lines: [[0, 100]] });
 */
export function xyLineChart(chart: LineChart): string {
  const quoted = (text: string) => `"${mermaidLabel(text, 80)}"`;
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  title ${quoted(chart.title)}`,
    `  x-axis ${quoted(chart.xLabel)} [${chart.x.map(quoted).join(", ")}]`,
    `  y-axis ${quoted(chart.yLabel)} ${numberText(chart.yMin)} --> ${numberText(chart.yMax)}`,
    ...chart.lines.map((series) => `  line [${series.map((v) => numberText(v, 2)).join(", ")}]`),
    "```",
  ];
  return lines.join("\n");
}

/** A task bar in a Gantt chart. */
export interface GanttTask {
  name: string;
  /** ms since epoch. */
  start: number;
  end: number;
  status: "done" | "crit" | "active";
}

/**
 * Renders a Gantt chart with `dateFormat x` (ms timestamps). Zero-length tasks get 1 ms so they
 * still show as a mark.
 *
 * @example
 * ganttChart("Steps", [{ name: "plan", tasks: [{ name: "canary 1%", start: 0, end: 60_000, status: "done" }] }]);
 */
export function ganttChart(title: string, sections: { name: string; tasks: GanttTask[] }[]): string {
  const lines = ["```mermaid", "gantt", `  title ${mermaidLabel(title, 80)}`, "  dateFormat x", "  axisFormat %H:%M:%S", "  todayMarker off"];
  let id = 0;
  for (const section of sections) {
    lines.push(`  section ${mermaidLabel(section.name)}`);
    for (const task of section.tasks) {
      id += 1;
      const end = Math.max(task.end, task.start + 1);
      lines.push(`    ${taskLabel(task.name)} :${task.status}, t${id}, ${task.start}, ${end}`);
    }
  }
  lines.push("```");
  return lines.join("\n");
}

/** Gantt keywords a task line must not start with, or Mermaid reads the line as that statement. */
const GANTT_KEYWORDS = /^(title|section|dateformat|axisformat|tickinterval|excludes|includes|todaymarker|inclusiveenddates|topaxis|weekday|weekend|click|call|acc)/i;

/**
 * A task's text, prefixed where Mermaid would misread it: a keyword, a leading digit ("2026-11-24
 * hotfix" parses as a date and breaks the chart) or a "%" at its start ("1% canary" is dropped).
 */
function taskLabel(name: string): string {
  const label = mermaidLabel(name);
  return GANTT_KEYWORDS.test(label) || /^\P{L}/u.test(label) || label.slice(0, 2).includes("%") ? `step ${label}` : label;
}
