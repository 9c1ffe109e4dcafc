import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  DEFAULT_MAX_CHARS,
  causeOf,
  clip,
  clipMarkdown,
  codeBlock,
  describeOutcome,
  downsample,
  escapeMarkdown,
  failedOnGate,
  fitToBudget,
  ganttChart,
  gatePlaces,
  gateText,
  incidentId,
  incidentMarker,
  inlineCode,
  keepEnds,
  markdownLink,
  runUrl,
  summarizeRun,
  targetText,
  wasCancelled,
  xyLineChart
} from "./chunk-W7YKVSPA.js";
import {
  clockTime,
  dateTime,
  duration,
  endTime,
  netFieldsText,
  numberText,
  offset,
  percent,
  phaseVerb,
  plural,
  sameUtcDay,
  stepTitle,
  valueText
} from "./chunk-SJETCTHF.js";
import {
  formatMs
} from "./chunk-6RCF7MMO.js";
import {
  FirebreakError,
  describeError
} from "./chunk-O5XZOHUO.js";

// action/issue.ts
import { createHash } from "node:crypto";

// sdk/postmortem/sections/shared.ts
function md(ctx, text) {
  return escapeMarkdown(clip(text, ctx.detail.textChars));
}
function leftLines(s, detail) {
  let fields = { fields: detail.leftFields, valueChars: detail.leftValueChars };
  return {
    unsafe: s.unsafe.map((line) => clip(line, detail.leftLineChars)),
    changed: s.leftChangedObjects.map((c) => `${c.name} (${netFieldsText(c, fields)})`)
  };
}
function moreLine(ctx, count, what) {
  let artifact = ctx.options.artifactUrl ? markdownLink("journal artifact", ctx.options.artifactUrl) : "journal artifact";
  return `\u2026 ${count} more ${what}, see the ${artifact}`;
}
function cutLine(ctx) {
  return `_\u2026 the rest of this section was cut to fit the size budget, see the ${ctx.options.artifactUrl ? markdownLink("journal artifact", ctx.options.artifactUrl) : "journal artifact"}_`;
}
function table(header, rows) {
  let line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join(`
`);
}
function gapRow(ctx, columns, count, what, column = columns - 1) {
  return Array.from({ length: columns }, (_, i) => i === column ? moreLine(ctx, count, what) : i === 0 ? "\u2026" : "");
}

// sdk/postmortem/sections/changes.ts
function changesSection(s, ctx) {
  if (s.changes.length === 0) return { heading: "Changes", body: "The run changed nothing." };
  let value = (v) => inlineCode(clip(valueText(v), ctx.detail.textChars), { inTable: !0 }), row = (c) => [
    clockTime(c.at),
    inlineCode(c.field, { inTable: !0 }),
    `${value(c.before)} \u2192 ${value(c.after)}`,
    md(ctx, c.action),
    c.applied ? "yes" : "no (preview)"
  ], objects = s.changes.slice(0, ctx.detail.listRows), parts = objects.map((o) => {
    let { head, omitted, tail } = keepEnds(o.changes, ctx.detail.listRows), rows = [...head.map(row), ...omitted ? [gapRow(ctx, 5, omitted, "changes", 2)] : [], ...tail.map(row)];
    return `### ${md(ctx, o.name)}

${table(["Time (UTC)", "Field", "Before \u2192 after", "Action", "Applied"], rows)}`;
  });
  return s.changes.length > objects.length && parts.push(moreLine(ctx, s.changes.length - objects.length, "changed objects")), { heading: "Changes", body: parts.join(`

`) };
}

// sdk/postmortem/sections/charts.ts
function trafficSection(s, ctx) {
  let heading = "Traffic and errors", series = s.impact?.series ?? [], routes = s.trafficHistory.length ? s.trafficHistory.slice(0, ctx.detail.listRows) : [void 0];
  if (s.trafficHistory.length === 0 && series.length === 0)
    return { heading, body: "No traffic splits or error-rate samples were recorded." };
  let parts = routes.map((route) => routeChart(s, ctx, route)), left = s.trafficHistory.length - routes.length;
  return left > 0 && parts.push(moreLine(ctx, left, "routes")), { heading, body: parts.join(`

`) };
}
function routeChart(s, ctx, route) {
  let destinations = route ? [...new Set(route.points.flatMap((p) => Object.keys(p.split)))] : [], recorded = chartRows(s, route, destinations), span = (recorded.at(-1)?.at ?? s.startedAt) - s.startedAt, minute = (at) => ((at - s.startedAt) / 6e4).toFixed(span > 10 * 6e4 ? 1 : 2), startHidden = recorded.length > 1 && minute(recorded[0].at) === minute(recorded[1].at), all = onePointPerLabel(recorded.map((r, i) => ({ ...r, label: i === 0 && startHidden ? "start" : minute(r.at) }))), rows = downsample(all, ctx.detail.chartPoints), measured = rows.some((r) => r.errorRate !== null);
  if (!route && !measured) return "Error-rate samples were recorded, but none had data: no chart.";
  let names = [...destinations.map((d) => `${d} weight`), ...measured ? ["error rate"] : []], preview = s.mode === "preview", title = route ? `${preview ? "Intended traffic (preview)" : `Traffic${measured ? " and error rate" : ""}`}, ${route.name}` : "Error rate", chart = xyLineChart({
    title,
    xLabel: "minutes since start",
    x: rows.map((r) => r.label),
    yLabel: "percent",
    yMin: 0,
    yMax: 100,
    lines: [...destinations.map((_, i) => rows.map((r) => r.weights[i] ?? 0)), ...measured ? [rows.map((r) => r.errorRate ?? 0)] : []]
  }), pct = (v, none = "no data") => v === null ? none : numberText(v, 2), data = table(
    ["Minute", "Time (UTC)", ...destinations.map((d) => `${md(ctx, d)} %`), "Error rate %"],
    rows.map((r) => [r.label, clockTime(r.at), ...r.weights.map((w) => pct(w, "unknown")), pct(r.errorRate)])
  ), earlier = (s.impact?.series ?? []).filter((p) => p.at < (recorded[0]?.at ?? -1 / 0)).length;
  return [`${route ? `Route ${md(ctx, route.name)}. ` : ""}${route && preview ? "A preview: these are the splits the run would set, in order; nothing was written and no traffic moved. " : ""}Lines in order: ${names.map((n, i) => `${i + 1}. ${md(ctx, n)}`).join(", ")} (all in %).` + (measured ? rows.some((r) => r.errorRate === null) ? " Times without error-rate data (no data in the table) are drawn at 0%." : "" : " No error rate was measured, so none is drawn.") + (rows.some((r) => r.weights.includes(null)) ? " Times the run could not read the split (unknown in the table; the journal's notes say why) are drawn at 0%." : "") + (earlier ? ` The chart starts at the route's first recorded split (${clockTime(recorded[0].at)} UTC); error-rate samples before it count only toward Impact.` : "") + (rows.length < all.length ? ` Downsampled to ${rows.length} of ${all.length} points; the journal has them all.` : ""), "", chart, "", data].join(`
`);
}
function onePointPerLabel(rows) {
  let out = [], shared, count = 0;
  for (let row of rows) {
    let last = out.at(-1);
    !last || row.label !== shared ? ([shared, count] = [row.label, 1], out.push(row)) : row.weights.every((w, i) => w === last.weights[i]) ? out[out.length - 1] = { ...row, label: last.label } : (count += 1, out.push({ ...row, label: `${row.label} (${count})` }));
  }
  return out;
}
function chartRows(s, route, destinations) {
  let points = route?.points ?? [], series = s.impact?.series ?? [], from = points[0]?.at ?? -1 / 0, times = [.../* @__PURE__ */ new Set([...points.map((p2) => p2.at), ...series.map((p2) => p2.at).filter((at) => at >= from)])].sort((a, b) => a - b), rows = [], p = -1, e = -1, row = (at, point) => {
    let rate = series[e]?.errorRate, split = point?.drift?.unreadable ? void 0 : point?.split;
    return {
      at,
      weights: destinations.map((d) => split ? split[d] ?? 0 : null),
      errorRate: rate == null ? null : rate * 100
    };
  };
  for (let at of times) {
    for (; e + 1 < series.length && series[e + 1].at <= at; ) e++;
    for (; p + 1 < points.length && points[p + 1].at <= at; )
      p++, p + 1 < points.length && points[p + 1].at <= at && rows.push(row(at, points[p]));
    rows.push(row(at, points[p]));
  }
  return rows;
}
function stepsSection(s, ctx) {
  if (s.steps.length === 0) return { heading: "Steps", body: "The journal has no steps." };
  let byId = new Map(s.steps.map((st) => [st.id, st])), root = (st) => {
    let current = st;
    for (let hops = 0; current.parentId !== void 0 && byId.has(current.parentId) && hops < byId.size; hops++) current = byId.get(current.parentId);
    return current;
  }, ordered = [...s.steps].sort((a, b) => a.startedAt - b.startedAt || a.id - b.id), { head, omitted, tail } = keepEnds(ordered, ctx.detail.listRows), sections2 = [];
  for (let st of [...head, ...tail]) {
    let section = stepTitle(root(st)), task = {
      name: st.name,
      start: st.startedAt,
      end: st.finishedAt ?? s.finishedAt,
      status: st.outcome === "failed" ? "crit" : st.outcome === "succeeded" ? "done" : "active"
    }, last = sections2.at(-1);
    last && last.name === section ? last.tasks.push(task) : sections2.push({ name: section, tasks: [task] });
  }
  let notes = ["Failed steps are marked critical; steps the journal does not see finish are marked active. Times are shown in the viewer's time zone."];
  return s.steps.some((st) => st.outcome === "cancelled") && notes.push("Steps a cancel cut short are marked active too."), omitted && notes.push(moreLine(ctx, omitted, "steps")), { heading: "Steps", body: [ganttChart("Steps", sections2), ...notes].join(`

`) };
}

// sdk/postmortem/sections/follow-up.ts
function recommendationsSection(s, ctx) {
  return s.recommendations.length === 0 ? { heading: "Recommendations", body: "None recorded." } : { heading: "Recommendations", body: s.recommendations.map(
    (r) => `- ${md(ctx, r.text)} _(${r.derived ? "derived from the journal: " : "why: "}${md(ctx, r.reason)})_`
  ).join(`
`) };
}
function reviewSections() {
  let prompt = (text) => `_${text}_`;
  return [
    {
      heading: "Root cause",
      body: [
        prompt(
          "Five whys: start from the symptom and ask why until you reach a cause a change to a system or process can fix. This review is blameless: describe systems, roles and decisions, not people."
        ),
        "",
        "1.",
        "2.",
        "3.",
        "4.",
        "5."
      ].join(`
`)
    },
    { heading: "Trigger", body: prompt("What change or event started the incident (a deploy, a migration, a config change, a traffic spike)?") },
    {
      heading: "Detection",
      body: prompt("How was the incident detected (alert, dashboard, customer report), how long after the trigger, and what would have caught it sooner?")
    },
    { heading: "What went well", body: `${prompt("What helped: tooling, runbooks, plans that behaved as expected.")}

-` },
    { heading: "What went badly", body: `${prompt("What slowed the response or made it worse.")}

-` },
    { heading: "Where we got lucky", body: `${prompt("What went right by chance, and should be made reliable.")}

-` }
  ];
}
function actionItemsSection(s, ctx) {
  let listed = leftLines(s, ctx.detail), pointer = (count, what) => `${count === 1 ? "the object" : `each of the ${count} objects`} listed as ${what} under "What is left where"`, left = ctx.detail.leftItems === "each" ? [...listed.unsafe.map((line) => `Return to a safe state: ${line}`), ...listed.changed.map((line) => `Keep or undo what the run left changed: ${line}`)] : [
    ...listed.unsafe.length ? [`Return to a safe state: ${pointer(listed.unsafe.length, "not in the safe state")}`] : [],
    ...listed.changed.length ? [`Keep or undo what the run left changed: ${pointer(listed.changed.length, "left changed")}`] : []
  ], items = [];
  s.finished || items.push(`Find out why the run stopped writing its journal at ${dateTime(s.finishedAt)} (runner crash, lost node, killed job) and check what it left in the cluster`);
  for (let r of s.recommendations) items.push(r.action ?? r.text);
  let cause = causeOf(s), places = gatePlaces(s.gates, s.steps);
  for (let g of s.mode === "preview" ? [] : s.gates)
    !g.cancelled && (g.enforced && g.phase !== "passed" || g.phase === "error" || cause?.kind === "gate" && cause.gate === g) && items.push(`Investigate why ${gateText(g, places)} ${phaseVerb(g.phase)}: ${g.reason}`);
  for (let st of s.steps) {
    if (st.outcome !== "failed" || !st.error || failedOnGate(st, s.gates)) continue;
    s.steps.some((inner) => inner.parentId === st.id && inner.outcome === "failed" && inner.error?.message === st.error.message) || items.push(`Investigate why step "${st.name}" failed: ${st.error.message}`);
  }
  items.push("Complete the five whys, trigger and detection above, and give each action item an owning team");
  let { head, omitted, tail } = keepEnds([...new Set(items)], ctx.detail.listRows);
  return { heading: "Action items", body: [
    ...[...new Set(left)].map((i) => `- [ ] ${escapeMarkdown(i)}`),
    ...head.map((i) => `- [ ] ${md(ctx, i)}`),
    ...omitted ? [`- ${moreLine(ctx, omitted, "items")}`] : [],
    ...tail.map((i) => `- [ ] ${md(ctx, i)}`)
  ].join(`
`), whole: !0 };
}

// sdk/postmortem/sections/evidence-rounds.ts
var sameRun = (a, b) => a.indicator === b.indicator && a.window === b.window && a.subject === b.subject && a.threshold === b.threshold && a.unit === b.unit && a.phase === b.phase;
function evidenceRows(evidence) {
  let runs = [], open = /* @__PURE__ */ new Map();
  for (let e of evidence) {
    let key = JSON.stringify([e.indicator, e.window, e.subject]), run = open.get(key);
    if (run && sameRun(run[0], e)) run.push(e);
    else {
      let started = [e];
      runs.push(started), open.set(key, started);
    }
  }
  return runs.flatMap((run) => run.length >= 3 ? [rowOf(run)] : run.map((e) => rowOf([e])));
}
function rowOf(run) {
  let values = run.flatMap((e) => e.value === null ? [] : [e.value]);
  return {
    first: run[0],
    last: run.at(-1),
    count: run.length,
    values,
    noData: run.length - values.length,
    samples: run.flatMap((e) => e.samples === void 0 ? [] : [e.samples])
  };
}

// sdk/postmortem/sections/gates.ts
function gatesSection(s, ctx) {
  if (s.gates.length === 0) return { heading: "Gate evidence", body: "No gates or checks were evaluated." };
  let kept = pickGates(s.gates, ctx.detail.listRows), places = gatePlaces(s.gates, s.steps), parts = kept.map((g) => gateBlock(g, places.get(g), ctx)), left = s.gates.filter((g) => !kept.includes(g));
  return left.length > 0 && parts.push(moreLine(ctx, left.length, left.every((g) => g.phase === "passed") ? "gates, all passed" : "gates")), { heading: "Gate evidence", body: parts.join(`

`) };
}
function pickGates(gates, max) {
  return gates.length <= max ? gates : gates.map((g, i) => ({ g, i })).sort((a, b) => +(a.g.phase === "passed") - +(b.g.phase === "passed") || a.i - b.i).slice(0, max).sort((a, b) => a.i - b.i).map((r) => r.g);
}
function gateBlock(g, place, ctx) {
  let lines = [
    `### ${g.enforced ? "Gate" : "Check"} "${md(ctx, g.name)}"${place ? ` in "${md(ctx, place)}"` : ""}: ${g.phase}`,
    "",
    `${md(ctx, g.kind)} ${g.enforced ? "gate (a failure fails the plan)" : "check (the plan branches on it)"}, evaluated ${clockTime(g.startedAt)} to ${clockTime(g.at)} UTC.`,
    `Checks: ${md(ctx, g.description.replace(/\.+$/, ""))}. Verdict: ${md(ctx, g.reason.replace(/\.+$/, ""))}.`
  ];
  if (g.evidence.length === 0)
    return lines.push("", "No evidence was recorded."), lines.join(`
`);
  let row = ({ first, last, count, values, noData, samples }) => [
    count === 1 ? clockTime(first.at) : `${clockTime(first.at)} to ${clockTime(last.at)}, ${count} rounds`,
    md(ctx, first.window ? `${first.indicator} (${first.window})` : first.indicator),
    first.subject ? md(ctx, first.subject) : "",
    valueCell(values, noData, first.unit, ctx),
    first.threshold ? md(ctx, first.threshold) : "",
    samples.length ? range(samples) : "",
    first.phase,
    last.reason ? md(ctx, last.reason) : ""
  ], { head, omitted, tail } = keepEnds(evidenceRows(g.evidence), ctx.detail.evidenceRows), rows = [...head.map(row), ...omitted ? [gapRow(ctx, 8, omitted, "rows", 7)] : [], ...tail.map(row)];
  lines.push("", table(["Time (UTC)", "Indicator", "Subject", "Value", "Threshold", "Samples", "Phase", "Reason"], rows));
  let queries = [...new Set(g.evidence.flatMap((e) => e.query ? [e.query] : []))], shown = queries.slice(0, ctx.detail.listRows);
  if (shown.length) {
    lines.push("", `<details><summary>${queries.length === 1 ? "Query" : "Queries"}</summary>`, "");
    for (let q of shown) lines.push(codeBlock(clip(q, ctx.detail.textChars), q.startsWith("http") ? "" : "promql"), "");
    queries.length > shown.length && lines.push(moreLine(ctx, queries.length - shown.length, "queries"), ""), lines.push("</details>");
  }
  return lines.join(`
`);
}
function valueCell(values, noData, unit, ctx) {
  if (values.length === 0) return "no data";
  let measured = md(ctx, `${range(values)}${unit ? ` ${unit}` : ""}`);
  return noData ? `${measured}; no data in ${noData}` : measured;
}
function range(values) {
  let [low, high] = [Math.min(...values), Math.max(...values)];
  return low === high ? numberText(low) : `${numberText(low)} to ${numberText(high)}`;
}

// sdk/postmortem/sections/overview.ts
function statusMeaning(s) {
  switch (s.status) {
    case "succeeded":
      return s.mode === "preview" ? "the preview ran to completion; nothing was written" : "the plan ran to completion";
    case "failed-safe":
      return s.safeState.declared || s.safeState.restores.length ? "the plan failed; the declared safe state was restored and verified" : "the plan failed; it declared no safe state, and left nothing changed";
    case "failed-unsafe":
      return s.drifted.length ? 'a route no longer holds the split the run left it at: act on "What is left where" first' : s.safeState.declared ? s.safeState.restores.length && s.safeState.restores.every((r) => r.outcome === "restored") ? `${wasCancelled(s) ? "the run was cancelled" : "the plan failed"}; its safe state was restored, but a route it shifted has none of its own and is left as it is: act on "What is left where" first` : `${wasCancelled(s) ? "the run was cancelled" : "the plan failed"} and the safe state could not be restored: act on "What is left where" first` : `${wasCancelled(s) ? "the run was cancelled" : "the plan failed"}; the plan declared no safe state, so what it changed is left as it is: act on "What is left where" first`;
    case "cancelled":
      return s.unsafe.length > 0 ? "the run was cancelled and the safe state was not restored" : s.safeState.declared || s.safeState.restores.length ? "the run was cancelled; the safe state was restored" : "the run was cancelled; it declared no safe state, and left nothing changed";
    case "unknown":
      return s.statusText.replace(/^unknown \((.*)\)$/, "$1");
  }
}
function summarySection(s, ctx) {
  let window = `${dateTime(s.startedAt)} \u2192 ${s.finished ? "" : "(journal ends) "}${endTime(s.startedAt, s.finishedAt)}`, plan = s.plan.description ? `${md(ctx, s.plan.name)}: ${md(ctx, s.plan.description)}` : md(ctx, s.plan.name);
  return { heading: "Summary", body: [
    // Firebreak's own sentences stay whole at every stage; only what the plan or a remote system wrote in them is clipped
    `**Status: ${s.status.toUpperCase()}**: ${escapeMarkdown(statusMeaning(s))}.`,
    "",
    escapeMarkdown(describeOutcome(s, (text) => clip(text, ctx.detail.textChars))),
    "",
    `- **Plan:** ${plan}`,
    `- **Target:** ${md(ctx, targetText(s.target))}`,
    `- **Mode:** ${s.mode}`,
    `- **Window:** ${window}`,
    `- **Duration:** ${duration(s.durationMs)}`
  ].join(`
`), whole: !0 };
}
function needsLeftWhere(s) {
  return s.status === "failed-unsafe" || s.status === "cancelled" && s.unsafe.length > 0 || s.leftChanged.length > 0;
}
function leftWhereSection(s, ctx) {
  let alerts = [], left = leftLines(s, ctx.detail);
  return (s.status === "failed-unsafe" || s.unsafe.length > 0) && alerts.push([
    "> [!CAUTION]",
    `> ${s.drifted.length ? "Traffic is not where the run left it" : "The safe state was not restored"}. Check and fix each of these before anything else:`,
    ">",
    ...left.unsafe.length ? quotedList(left.unsafe) : ["> - The engine recorded no details: check every object listed under Changes."]
  ]), s.leftChanged.length && s.status === "unknown" ? alerts.push([
    "> [!CAUTION]",
    `> ${restoredBeforeTheEnd(s, ctx)}`,
    ">",
    ...quotedList(left.changed)
  ]) : s.leftChanged.length && alerts.push([
    "> [!WARNING]",
    "> The safe state covers traffic only. The run leaves these as it changed them; keep or undo each on purpose:",
    ">",
    ...quotedList(left.changed)
  ]), { heading: "What is left where", body: alerts.map((a) => a.join(`
`)).join(`

`), whole: !0 };
}
function restoredBeforeTheEnd(s, ctx) {
  let end = dateTime(s.finishedAt), said = (outcome) => [...new Set(s.safeState.restores.filter((r) => r.outcome === outcome).map((r) => md(ctx, r.description)))].join("; "), [restored, failed] = [said("restored"), said("failed")];
  if (!restored && !failed) return `The run did not finish, so nothing was restored. When its journal ends (${end}), it had left these changed; check each in the cluster before anything else:`;
  if (!failed) return `The run did not finish, but its safe state (${restored}) was restored before its journal ends (${end}). Beyond it, the run had left these changed; check each in the cluster before anything else:`;
  let also = restored ? ` (its safe state ${restored} was)` : "";
  return `The run did not finish, and its safe state (${failed}) could not be restored${also}. When its journal ends (${end}), it had left these changed; check each in the cluster before anything else:`;
}
var quotedList = (lines) => lines.map((line) => `> - ${escapeMarkdown(line)}`);
function contextSection(s, ctx) {
  let o = ctx.options, code = (text) => inlineCode(text, { inTable: !0 }), rows = [["Run id", code(s.runId)]];
  o.dispatchedBy && rows.push(["Dispatched by", md(ctx, o.dispatchedBy)]), o.repository && rows.push(["Repository", code(o.repository)]), o.commitSha && rows.push(["Commit", code(o.commitSha)]);
  let planFile = o.planFile ?? s.plan.file;
  planFile && rows.push(["Plan file", code(planFile)]), o.runUrl && rows.push(["Run", markdownLink("workflow run", o.runUrl)]), s.sdkVersion && rows.push(["Firebreak", code(s.sdkVersion)]);
  let inputs = Object.entries(s.inputs), { head, omitted, tail } = keepEnds(inputs, ctx.detail.listRows), inputRow = ([name, value]) => [`Input ${code(name)}`, code(clip(valueText(value), ctx.detail.textChars))];
  return rows.push(...head.map(inputRow)), omitted && rows.push(gapRow(ctx, 2, omitted, "inputs")), rows.push(...tail.map(inputRow)), { heading: "Context", body: table(["Item", "Value"], rows) };
}
function impactSection(s, ctx) {
  let impact = s.impact;
  if (!impact) return { heading: "Impact", body: "Not measured: the journal has no impact measurement." };
  let span = sameUtcDay(impact.from, impact.to) ? `${clockTime(impact.from)} and ${clockTime(impact.to)} UTC` : `${dateTime(impact.from)} and ${dateTime(impact.to)}`, whose = impact.beforePlanMs ? `the plan's ${duration(impact.to - impact.from - impact.beforePlanMs)} and the ${duration(impact.beforePlanMs)} before it started: shorter windows hold too few samples` : "the plan's window", between = `between ${span} (${duration(impact.to - impact.from)}, ${whose})`, lines = [];
  if (impact.requests === null || impact.failed === null)
    lines.push(`Not measured: ${md(ctx, impact.reason ?? "the metrics provider returned no data")}.`);
  else if (impact.requests === 0)
    lines.push(`No requests were served ${between}.`);
  else {
    let count = (n) => Math.round(n).toLocaleString("en-US");
    lines.push(`**${count(impact.failed)} of ${count(impact.requests)} requests failed (${percent(impact.failed / impact.requests)})** ${between}.`);
  }
  let inWindow = impact.series.filter((p) => p.at > impact.from), peak = inWindow.reduce(
    (best, p) => p.errorRate !== null && (!best || p.errorRate > best.errorRate) ? { at: p.at, errorRate: p.errorRate } : best,
    void 0
  );
  return peak && lines.push("", `Peak error rate: ${percent(peak.errorRate)} at ${clockTime(peak.at)} UTC (${plural(inWindow.length, "sample")}).`), impact.query && lines.push("", "Measured with:", "", codeBlock(clip(impact.query, ctx.detail.textChars), "promql")), { heading: "Impact", body: lines.join(`
`) };
}

// sdk/postmortem/sections/timeline.ts
function timelineSection(s, ctx) {
  if (s.timeline.length === 0) return { heading: "Timeline", body: "The journal has no events." };
  let row = (e) => [clockTime(e.at), offset(e.at - s.startedAt), md(ctx, e.text)], { head, omitted, tail } = keepEnds(s.timeline, ctx.detail.timelineRows), rows = [...head.map(row), ...omitted ? [gapRow(ctx, 3, omitted, "events")] : [], ...tail.map(row)];
  return { heading: "Timeline", body: table(["Time (UTC)", "Offset", "Event"], rows) };
}

// sdk/postmortem/render.ts
function renderPostmortem(events, options = {}) {
  let summary = summarizeRun(events);
  return fitToBudget(
    (detail) => renderWith(summary, { detail, options }),
    options.maxChars ?? DEFAULT_MAX_CHARS,
    (detail, maxChars) => trimmedToFit(summary, { detail, options }, maxChars)
  );
}
function sections(s, ctx) {
  return [
    summarySection(s, ctx),
    ...needsLeftWhere(s) ? [leftWhereSection(s, ctx)] : [],
    contextSection(s, ctx),
    impactSection(s, ctx),
    timelineSection(s, ctx),
    trafficSection(s, ctx),
    stepsSection(s, ctx),
    changesSection(s, ctx),
    gatesSection(s, ctx),
    recommendationsSection(s, ctx),
    ...reviewSections(),
    actionItemsSection(s, ctx)
  ];
}
function laidOut(s, ctx) {
  return sections(s, ctx).map((section) => section.whole ? section : { ...section, body: clipMarkdown(section.body, ctx.detail.sectionChars, cutLine(ctx)) });
}
function joined(s, ctx, parts) {
  let title = `# Postmortem: ${md(ctx, s.plan.name)} \u2014 ${md(ctx, s.statusText)}`, body = parts.map((section) => `## ${section.heading}

${section.body}
`);
  return [incidentMarker(ctx.options.marker ?? s.runId), title, "", ...body].join(`
`);
}
function renderWith(s, ctx) {
  return joined(s, ctx, laidOut(s, ctx));
}
function trimmedToFit(s, ctx, maxChars) {
  let parts = laidOut(s, ctx), kept = ["Action items", "Summary", "What is left where"].flatMap((heading) => parts.filter((p) => p.heading === heading)), note = cutLine(ctx), over = () => joined(s, ctx, parts).length - maxChars, cut = (part, atLeastNote) => {
    let room = part.body.length - over();
    part.body = room > note.length + 2 ? clipMarkdown(part.body, room, note) : atLeastNote ? note : "";
  }, others = parts.filter((p) => !kept.includes(p));
  for (let part of others) over() > 0 && cut(part, !0);
  let alone = kept.find((p) => p.body.length - over() > note.length + 2);
  for (let part of alone ? [alone] : kept) over() > 0 && cut(part, !1);
  for (let part of others) over() > 0 && cut(part, !1);
  return joined(s, ctx, parts);
}

// action/issue.ts
var GITHUB_BODY_LIMIT = 65536, TITLE_LIMIT = 256, MARKER_LABEL = "incident", LABEL_COLORS = { incident: "d73a4a", postmortem: "5319e7" }, SEVERITY_COLOR = "b60205", OTHER_COLOR = "ededed";
function shouldFile(policy, s) {
  return policy === "never" ? { file: !1, reason: "postmortem is never" } : s.runId === "unknown" ? { file: !1, reason: "the plan never started (the journal has no plan-started event), so nothing was changed" } : s.mode === "preview" ? { file: !1, reason: "a preview changes nothing" } : policy === "on-failure" && s.status === "succeeded" ? { file: "update", reason: "the run succeeded and postmortem is on-failure" } : { file: !0 };
}
var digest = (text) => createHash("sha256").update(text.replace(/\r\n/g, `
`).trimEnd()).digest("hex"), trailer = (attempt, content) => `
<!-- firebreak:attempt=${attempt} sha256=${digest(content)} -->
`, TRAILER = /\r?\n<!-- firebreak:attempt=(\d+)(?: sha256=([0-9a-f]{64}))? -->\s*$/;
function authorship(body) {
  let m = TRAILER.exec(body);
  return m ? { attempt: Number(m[1]), edited: m[2] !== digest(body.slice(0, m.index)) } : { edited: !0 };
}
var statusOf = (s) => s.finished ? s.status : "did not finish", TITLE_STATUSES = ["succeeded", "failed-safe", "failed-unsafe", "cancelled", "did not finish"], firebreakTitle = (title, runId) => title.startsWith("Postmortem: ") && (title.length === TITLE_LIMIT || TITLE_STATUSES.some((status) => title.endsWith(` \u2014 ${status} (run ${runId})`)));
function postmortem(events, ctx, maxChars) {
  return renderPostmortem(events, {
    marker: ctx.incidentId,
    dispatchedBy: ctx.dispatchedBy || void 0,
    planFile: ctx.planFile,
    commitSha: ctx.commitSha || void 0,
    runUrl: ctx.runUrl,
    repository: ctx.repository,
    artifactUrl: `${ctx.runUrl}#artifacts`,
    maxChars
  });
}
function incidentIssue(events, ctx, settings) {
  let s = summarizeRun(events), title = `Postmortem: ${s.plan.name} \u2014 ${statusOf(s)} (run ${ctx.runId})`.slice(0, TITLE_LIMIT), labels = [.../* @__PURE__ */ new Set([MARKER_LABEL, ...settings.labels, ...settings.severity ? [`severity:${settings.severity}`] : []])].map((name) => ({
    name,
    color: LABEL_COLORS[name] ?? (name.startsWith("severity:") ? SEVERITY_COLOR : OTHER_COLOR),
    description: name.startsWith("severity:") ? "Incident severity" : name === MARKER_LABEL ? "Firebreak incident" : "Filed by Firebreak"
  }));
  return { summary: s, title, labels };
}
function issueBody(events, ctx) {
  let content = postmortem(events, ctx, GITHUB_BODY_LIMIT - trailer(ctx.runAttempt, "").length);
  return content + trailer(ctx.runAttempt, content);
}
var gitHubAnswer = (err) => {
  if (err.name === "GitHubTimeoutError") return describeError(err).message;
  let status = err.status;
  return `GitHub answered ${typeof status == "number" ? status : "no status"}: ${describeError(err).message}`;
};
function withoutBots(assignees) {
  let bots = assignees.filter((a) => a.endsWith("[bot]")), warnings = bots.length ? [`${bots.join(", ")} left off the issue: a GitHub App's bot cannot be assigned.`] : [];
  return { logins: assignees.filter((a) => !bots.includes(a)), warnings };
}
async function assignable(github, logins) {
  try {
    let answers = await Promise.all(logins.map((l) => github.canBeAssigned(l)));
    return logins.filter((_, i) => answers[i]);
  } catch {
    return [];
  }
}
async function fileIncidentIssue(github, events, ctx, settings) {
  let issue = incidentIssue(events, ctx, settings), decision = shouldFile(settings.policy, issue.summary);
  if (decision.file === !1) return { filed: !1, reason: decision.reason };
  let marker = incidentMarker(ctx.incidentId), existing = await github.findIssueByMarker(marker, MARKER_LABEL, ctx.runId) ?? (ctx.runAttempt > 1 ? await github.findIssueByMarker(marker, void 0, ctx.runId) : void 0);
  if (!existing && decision.file === "update") return { filed: !1, reason: decision.reason };
  if (existing) return reportAttempt(github, existing, events, ctx, issue, settings.assignees);
  let body = issueBody(events, ctx);
  await github.ensureLabels(issue.labels);
  let labels = issue.labels.map((l) => l.name), { logins: assignees, warnings } = withoutBots(settings.assignees), created;
  try {
    created = await github.createIssue({ title: issue.title, body, labels, assignees });
  } catch (err) {
    if (err.status !== 422 || assignees.length === 0) throw err;
    let ok = await assignable(github, assignees), refused = assignees.filter((a) => !ok.includes(a));
    if (!refused.length) throw err;
    warnings.push(`GitHub refused the assignees ${refused.join(", ")} (${err.message}); the issue was filed ${ok.length ? `for ${ok.join(", ")}` : "unassigned"}.`), created = await github.createIssue({ title: issue.title, body, labels, assignees: ok });
  }
  return { filed: !0, action: "created", number: created.number, url: created.url, commented: !1, warnings };
}
async function reportAttempt(github, existing, events, ctx, issue, assignees) {
  let { attempt, edited } = authorship(existing.body), ended = `Attempt ${ctx.runAttempt} of the ${markdownLink("workflow run", ctx.runUrl)} ended **${statusOf(issue.summary)}**.`, marker = `<!-- firebreak:attempt-comment=${ctx.runAttempt} -->
`, commentOnce = async (text) => await github.findComment(existing.number, marker) ?? await github.comment(existing.number, marker + text);
  if (edited) {
    let intro = `${ended} The description was edited since Firebreak wrote it, so it stays as it is; this attempt's postmortem follows.

`, commentUrl = await commentOnce(intro + postmortem(events, ctx, GITHUB_BODY_LIMIT - intro.length - marker.length)), warnings2 = await addMissing(github, existing, issue.labels, assignees);
    return { filed: !0, action: "commented", number: existing.number, url: existing.url, commentUrl, warnings: warnings2 };
  }
  let sameAttempt = attempt === ctx.runAttempt;
  sameAttempt || await commentOnce(`${ended} The description now reports this attempt.`);
  let title = firebreakTitle(existing.title, ctx.runId) ? issue.title : existing.title, updated = await github.updateIssue(existing.number, { title, body: issueBody(events, ctx) }), warnings = await addMissing(github, existing, issue.labels, assignees);
  return { filed: !0, action: "updated", number: updated.number, url: updated.url, commented: !sameAttempt, warnings };
}
async function addMissing(github, existing, labels, assignees) {
  let lacks = (have) => (name) => !have.some((h) => h.toLowerCase() === name.toLowerCase()), { logins, warnings } = withoutBots(assignees), warnIfFails = async (failed, fix, add) => {
    try {
      await add();
    } catch (err) {
      warnings.push(`Postmortem issue #${existing.number} reports this attempt, but GitHub did not ${failed} (${gitHubAnswer(err)}): ${fix} on the issue by hand.`);
    }
  }, newLabels = labels.filter((l) => lacks(existing.labels)(l.name));
  newLabels.length && await warnIfFails(`add the labels ${newLabels.map((l) => l.name).join(", ")}`, "add them", async () => {
    await github.ensureLabels(newLabels), await github.addLabels(existing.number, newLabels.map((l) => l.name));
  });
  let newAssignees = logins.filter(lacks(existing.assignees));
  return newAssignees.length && await warnIfFails(`assign ${newAssignees.join(", ")}`, "assign them", async () => {
    let skipped = newAssignees.filter(lacks(await github.addAssignees(existing.number, newAssignees)));
    skipped.length && warnings.push(`GitHub did not assign ${skipped.join(", ")} to the issue: only users with access to the repository can be assigned.`);
  }), warnings;
}

// action/postmortem.ts
var MAIN_FILING_LIMITS = { requestMs: 15e3, totalMs: 3e4 }, POST_FILING_LIMITS = { requestMs: 15e3, totalMs: 9e4 };
function filingDeadline(ms) {
  let controller = new AbortController(), timer = setTimeout(() => controller.abort(new Error(`GitHub did not answer in time: filing the postmortem issue took longer than the ${formatMs(ms)} it is given`)), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
async function filePostmortem(req) {
  let deadline = filingDeadline((req.limits ?? MAIN_FILING_LIMITS).totalMs);
  try {
    return await fileWithin(req, deadline.signal);
  } finally {
    deadline.clear();
  }
}
async function fileWithin(req, deadline) {
  let { settings, ctx } = req, decision = shouldFile(settings.postmortem, summarizeRun(req.events));
  if (decision.file === !1 || decision.file === "update" && settings.githubToken === "") {
    req.logger.info(`No postmortem issue: ${decision.reason}.`);
    return;
  }
  if (settings.githubToken === "") {
    req.logger.warning("No github-token: the postmortem issue was not filed. Give the workflow `permissions: issues: write` and leave github-token at its default.");
    return;
  }
  let where = settings.postmortemRepo ?? { owner: ctx.owner, repo: ctx.repo }, github = await req.github({ token: settings.githubToken, apiUrl: ctx.apiUrl, ...where, requestTimeoutMs: (req.limits ?? MAIN_FILING_LIMITS).requestMs, signal: deadline }), context = {
    incidentId: incidentId(ctx),
    repository: ctx.repository,
    runId: ctx.runId,
    runAttempt: ctx.runAttempt,
    runUrl: runUrl(ctx),
    commitSha: ctx.sha,
    dispatchedBy: ctx.actor,
    planFile: settings.plan
  }, policy = { policy: settings.postmortem, labels: settings.labels, assignees: settings.assignees, ...settings.severity ? { severity: settings.severity } : {} }, result;
  try {
    result = await fileIncidentIssue(github, req.events, context, policy);
  } catch (err) {
    let problem = filingProblem(err, `${where.owner}/${where.repo}`, !!settings.postmortemRepo);
    if (decision.file !== "update") throw problem;
    req.logger.info(`No postmortem issue: ${decision.reason}; an earlier attempt's issue could not be looked for: ${problem.message}`);
    return;
  }
  if (!result.filed) {
    req.logger.info(`No postmortem issue: ${result.reason}.`);
    return;
  }
  for (let w of result.warnings) req.logger.warning(w);
  return result.action === "commented" ? req.logger.info(`Postmortem of attempt ${ctx.runAttempt} added as a comment: ${result.commentUrl} (the issue's description was edited since Firebreak wrote it, so it stays as it is)`) : req.logger.info(`Postmortem ${result.action === "created" ? "filed" : "updated"}: ${result.url}${result.commented ? " (commented on this attempt)" : ""}`), result.url;
}
var IssueFilingError = class extends FirebreakError {
  constructor(message, retryable, options) {
    super("issue-filing", message, options);
    this.retryable = retryable;
    this.retryAfterMs = options?.retryAfterMs;
  }
  retryable;
  name = "IssueFilingError";
  /** How long GitHub asked to wait before the next request (a rate limit's retry-after or reset). */
  retryAfterMs;
}, MAX_FILING_WAIT_MS = 6e4, RATE_LIMIT_DEFAULT_WAIT_MS = 6e4;
function waitAsked(err, now) {
  let headers = err.response?.headers ?? {}, after = headers["retry-after"];
  if (after !== void 0) {
    let seconds = Number(after), at = Number.isFinite(seconds) ? now + seconds * 1e3 : Date.parse(String(after));
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  let reset = Number(headers["x-ratelimit-reset"]);
  if (String(headers["x-ratelimit-remaining"]) === "0" && Number.isFinite(reset)) return Math.max(0, reset * 1e3 - now);
}
async function filePostmortemPatiently(req, patience) {
  let { totalMs } = req.limits ?? POST_FILING_LIMITS, limited = { ...req, limits: req.limits ?? POST_FILING_LIMITS }, giveUpAt = patience.now() + totalMs, deadline = filingDeadline(totalMs), waitFor = async (ms) => {
    req.logger.info(`Waiting ${formatMs(ms)} for GitHub's rate limit before filing the postmortem issue.`), await patience.sleep(ms);
  }, waitable = (ms) => ms <= MAX_FILING_WAIT_MS && patience.now() + ms < giveUpAt;
  try {
    let owed = (patience.notBefore ?? 0) - patience.now();
    owed > 0 && waitable(owed) && await waitFor(owed);
    try {
      return await fileWithin(limited, deadline.signal);
    } catch (err) {
      let wait = err instanceof IssueFilingError && err.retryable ? err.retryAfterMs ?? 0 : void 0;
      if (wait === void 0 || !waitable(wait) || deadline.signal.aborted) throw err;
      return wait > 0 && await waitFor(wait), await fileWithin(limited, deadline.signal);
    }
  } finally {
    deadline.clear();
  }
}
function filingProblem(err, repository, elsewhere) {
  let status = err.status, said = gitHubAnswer(err), access = elsewhere ? `postmortem-repo is ${repository}: give the action a github-token with issues: write there (a fine-grained token or a GitHub App's; the workflow's own token reaches only its repository)` : "give the workflow permissions: issues: write, and leave github-token at its default";
  if (status === 401) return new IssueFilingError(`The github-token was refused (${said}): it is expired or mistyped.`, !1, { cause: err });
  if ((status === 403 || status === 429) && /rate limit/i.test(said)) {
    let now = Date.now(), retryAfterMs2 = waitAsked(err, now) ?? RATE_LIMIT_DEFAULT_WAIT_MS;
    return new IssueFilingError(`GitHub's rate limit (${said}); it lifts at ${new Date(now + retryAfterMs2).toISOString()}.`, !0, { cause: err, retryAfterMs: retryAfterMs2 });
  }
  if (status === 403 || status === 404) return new IssueFilingError(`Cannot file the postmortem issue in ${repository} (${said}): ${access}.`, !1, { cause: err });
  let retryAfterMs = waitAsked(err, Date.now());
  return new IssueFilingError(`Cannot file the postmortem issue in ${repository} (${said}).`, typeof status != "number" || status >= 500, { cause: err, ...retryAfterMs !== void 0 ? { retryAfterMs } : {} });
}

export {
  MAIN_FILING_LIMITS,
  POST_FILING_LIMITS,
  filePostmortem,
  IssueFilingError,
  MAX_FILING_WAIT_MS,
  filePostmortemPatiently
};
