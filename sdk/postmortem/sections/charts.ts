/**
 * The two charts: traffic weights with the error rate over time (Mermaid `xychart-beta` plus the
 * same data as a table, since GitHub renders xychart only recently), and the steps as a `gantt`.
 */
import { downsample, keepEnds } from "../budget.ts";
import { clockTime, numberText, stepTitle } from "../format.ts";
import { ganttChart, xyLineChart, type GanttTask } from "../mermaid.ts";
import type { RouteHistory, RunSummary, SplitPoint, StepSummary } from "../summary.ts";
import { md, moreLine, table, type RenderContext, type Section } from "./shared.ts";

interface ChartRow {
  at: number;
  /** Weight (%) per destination; null where the run could not read the split (which rule it shifted is not known). */
  weights: (number | null)[];
  /** Error rate in %, null without data. */
  errorRate: number | null;
}

/**
 * Traffic and errors: per route, each destination's weight and the error rate over time.
 *
 * @example
 * trafficSection(summary, ctx).body; // "Route VirtualService prod/checkout-api. Lines in order: …"
 */
export function trafficSection(s: RunSummary, ctx: RenderContext): Section {
  const heading = "Traffic and errors";
  const series = s.impact?.series ?? [];
  const routes: (RouteHistory | undefined)[] = s.trafficHistory.length ? s.trafficHistory.slice(0, ctx.detail.listRows) : [undefined];
  if (s.trafficHistory.length === 0 && series.length === 0) {
    return { heading, body: "No traffic splits or error-rate samples were recorded." };
  }
  const parts = routes.map((route) => routeChart(s, ctx, route));
  const left = s.trafficHistory.length - routes.length;
  if (left > 0) parts.push(moreLine(ctx, left, "routes"));
  return { heading, body: parts.join("\n\n") };
}

function routeChart(s: RunSummary, ctx: RenderContext, route: RouteHistory | undefined): string {
  const destinations = route ? [...new Set(route.points.flatMap((p) => Object.keys(p.split)))] : [];
  const recorded = chartRows(s, route, destinations);
  const span = (recorded.at(-1)?.at ?? s.startedAt) - s.startedAt;
  const minute = (at: number) => ((at - s.startedAt) / 60_000).toFixed(span > 10 * 60_000 ? 1 : 2);
  // The split the run found keeps a label of its own, so a change made at once still shows.
  const startHidden = recorded.length > 1 && minute(recorded[0]!.at) === minute(recorded[1]!.at);
  const all = onePointPerLabel(recorded.map((r, i) => ({ ...r, label: i === 0 && startHidden ? "start" : minute(r.at) })));
  const rows = downsample(all, ctx.detail.chartPoints);
  // Mermaid draws no gaps: an error rate nobody measured would show as a flat 0%, so it is drawn
  // only when some sample had data, and the gaps are named
  const measured = rows.some((r) => r.errorRate !== null);
  if (!route && !measured) return "Error-rate samples were recorded, but none had data: no chart.";
  const names = [...destinations.map((d) => `${d} weight`), ...(measured ? ["error rate"] : [])];
  // a preview wrote nothing: its splits are the ones the run would set, and no user got them
  const preview = s.mode === "preview";
  const title = route ? `${preview ? "Intended traffic (preview)" : `Traffic${measured ? " and error rate" : ""}`}, ${route.name}` : "Error rate";
  const chart = xyLineChart({
    title,
    xLabel: "minutes since start",
    x: rows.map((r) => r.label),
    yLabel: "percent",
    yMin: 0,
    yMax: 100,
    lines: [...destinations.map((_, i) => rows.map((r) => r.weights[i] ?? 0)), ...(measured ? [rows.map((r) => r.errorRate ?? 0)] : [])],
  });
  const pct = (v: number | null, none = "no data") => (v === null ? none : numberText(v, 2));
  const data = table(
    ["Minute", "Time (UTC)", ...destinations.map((d) => `${md(ctx, d)} %`), "Error rate %"],
    rows.map((r) => [r.label, clockTime(r.at), ...r.weights.map((w) => pct(w, "unknown")), pct(r.errorRate)]),
  );
  const earlier = (s.impact?.series ?? []).filter((p) => p.at < (recorded[0]?.at ?? -Infinity)).length;
  const intro =
    `${route ? `Route ${md(ctx, route.name)}. ` : ""}${route && preview ? "A preview: these are the splits the run would set, in order; nothing was written and no traffic moved. " : ""}Lines in order: ${names.map((n, i) => `${i + 1}. ${md(ctx, n)}`).join(", ")} (all in %).` +
    (!measured
      ? " No error rate was measured, so none is drawn."
      : rows.some((r) => r.errorRate === null)
        ? " Times without error-rate data (no data in the table) are drawn at 0%."
        : "") +
    (rows.some((r) => r.weights.includes(null)) ? " Times the run could not read the split (unknown in the table; the journal's notes say why) are drawn at 0%." : "") +
    (earlier ? ` The chart starts at the route's first recorded split (${clockTime(recorded[0]!.at)} UTC); error-rate samples before it count only toward Impact.` : "") +
    (rows.length < all.length ? ` Downsampled to ${rows.length} of ${all.length} points; the journal has them all.` : "");
  return [intro, "", chart, "", data].join("\n");
}

/**
 * One point per x label, as a category axis merges equal labels: of rows that share a label the
 * latest wins while the split stays the same, and each other split gets a label of its own
 * ("0.00 (2)"). A split held for less than a label's span (shifted, then put back at once) is
 * traffic users got: it must not vanish from the chart and the table.
 */
function onePointPerLabel<R extends ChartRow & { label: string }>(rows: R[]): R[] {
  const out: R[] = [];
  let shared: string | undefined;
  let count = 0;
  for (const row of rows) {
    const last = out.at(-1);
    if (!last || row.label !== shared) {
      [shared, count] = [row.label, 1];
      out.push(row);
    } else if (row.weights.every((w, i) => w === last.weights[i])) {
      out[out.length - 1] = { ...row, label: last.label };
    } else {
      count += 1;
      out.push({ ...row, label: `${row.label} (${count})` });
    }
  }
  return out;
}

/** The times at which a split was recorded or the error rate sampled, from the route's first split on. */
function chartRows(s: RunSummary, route: RouteHistory | undefined, destinations: string[]): ChartRow[] {
  const points = route?.points ?? [];
  const series = s.impact?.series ?? [];
  const from = points[0]?.at ?? -Infinity;
  const times = [...new Set([...points.map((p) => p.at), ...series.map((p) => p.at).filter((at) => at >= from)])].sort((a, b) => a - b);
  const rows: ChartRow[] = [];
  let p = -1;
  let e = -1;
  const row = (at: number, point: SplitPoint | undefined): ChartRow => {
    const rate = series[e]?.errorRate;
    // an empty split read as unreadable is one nobody knows, not 0% everywhere
    const split = point?.drift?.unreadable ? undefined : point?.split;
    return {
      at,
      weights: destinations.map((d) => (split ? (split[d] ?? 0) : null)),
      errorRate: rate === undefined || rate === null ? null : rate * 100,
    };
  };
  for (const at of times) {
    while (e + 1 < series.length && series[e + 1]!.at <= at) e++;
    while (p + 1 < points.length && points[p + 1]!.at <= at) {
      p++;
      // a split replaced within the same millisecond (found, then isolated at once) still gets its row
      if (p + 1 < points.length && points[p + 1]!.at <= at) rows.push(row(at, points[p]));
    }
    rows.push(row(at, points[p]));
  }
  return rows;
}

/**
 * Steps: a Mermaid Gantt chart (dateFormat x: ms timestamps), one section per top-level step,
 * failed steps marked critical, and unfinished ones and those a cancel cut short active.
 *
 * @example
 * stepsSection(summary, ctx).body; // "```mermaid\ngantt\n  title Steps …"
 */
export function stepsSection(s: RunSummary, ctx: RenderContext): Section {
  if (s.steps.length === 0) return { heading: "Steps", body: "The journal has no steps." };
  const byId = new Map(s.steps.map((st) => [st.id, st]));
  const root = (st: StepSummary): StepSummary => {
    let current = st;
    for (let hops = 0; current.parentId !== undefined && byId.has(current.parentId) && hops < byId.size; hops++) current = byId.get(current.parentId)!;
    return current;
  };
  const ordered = [...s.steps].sort((a, b) => a.startedAt - b.startedAt || a.id - b.id);
  const { head, omitted, tail } = keepEnds(ordered, ctx.detail.listRows);
  const sections: { name: string; tasks: GanttTask[] }[] = [];
  for (const st of [...head, ...tail]) {
    const section = stepTitle(root(st));
    const task: GanttTask = {
      name: st.name,
      start: st.startedAt,
      end: st.finishedAt ?? s.finishedAt,
      status: st.outcome === "failed" ? "crit" : st.outcome === "succeeded" ? "done" : "active",
    };
    const last = sections.at(-1);
    if (last && last.name === section) last.tasks.push(task);
    else sections.push({ name: section, tasks: [task] });
  }
  const notes = ["Failed steps are marked critical; steps the journal does not see finish are marked active. Times are shown in the viewer's time zone."];
  if (s.steps.some((st) => st.outcome === "cancelled")) notes.push("Steps a cancel cut short are marked active too.");
  if (omitted) notes.push(moreLine(ctx, omitted, "steps"));
  return { heading: "Steps", body: [ganttChart("Steps", sections), ...notes].join("\n\n") };
}
