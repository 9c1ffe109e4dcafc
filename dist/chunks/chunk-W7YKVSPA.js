import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  BY_FIREBREAK,
  MAX_FIELDS,
  MAX_VALUE,
  clockTime,
  dateTime,
  duration,
  lastTrafficChange,
  netChanges,
  netFieldsText,
  numberText,
  objectKey,
  objectName,
  percent,
  phaseVerb,
  plural,
  splitText,
  valueText
} from "./chunk-SJETCTHF.js";
import {
  refString
} from "./chunk-QZS5YSLN.js";
import {
  CancelledError
} from "./chunk-O5XZOHUO.js";

// sdk/postmortem/blame.ts
function causeOf(s) {
  if (!s.error) return;
  let gate = s.gates.findLast((g) => g.phase !== "passed" && raisedBy(s.error, g));
  if (gate) return { kind: "gate", gate };
  let step = s.steps.findLast((st) => st.outcome === "failed" && st.error !== void 0 && sameError(st.error.message, s.error.message));
  return step ? { kind: "step", step } : { kind: "error", error: s.error };
}
function sameError(stepMessage, runMessage) {
  return runMessage === stepMessage || runMessage.startsWith(stepMessage) && /^ \(at [^()]+:\d+:\d+\)$/.test(runMessage.slice(stepMessage.length));
}
function failedOnGate(step, gates) {
  return !!step.error && gates.some((g) => g.phase !== "passed" && raisedBy(step.error, g));
}
function raisedBy(error, g) {
  return error.name === "GateFailedError" && error.message.startsWith(`Gate "${g.name}" ${g.phase}`);
}

// sdk/postmortem/gate-places.ts
function gatePlaces(gates, steps) {
  let byId = new Map(steps.map((s) => [s.id, s])), count = /* @__PURE__ */ new Map();
  for (let g of gates) count.set(g.name, (count.get(g.name) ?? 0) + 1);
  let places = /* @__PURE__ */ new Map();
  for (let g of gates) {
    if (count.get(g.name) < 2) continue;
    let path = [];
    for (let step = g.stepId === void 0 ? void 0 : byId.get(g.stepId); step; step = step.parentId === void 0 ? void 0 : byId.get(step.parentId))
      step.name !== g.name && path.unshift(step.name);
    path.length && places.set(g, path.join(" \u203A "));
  }
  return places;
}
function gateText(g, places) {
  let place = places.get(g);
  return `${g.enforced ? "gate" : "check"} "${g.name}"${place ? ` in "${place}"` : ""}`;
}

// sdk/postmortem/outcome.ts
var whole = (text) => text;
function describeOutcome(s, clipText = whole) {
  let u = clipText, cause = failureCause(s, u), safe = s.safeState.declared ? ` (${splitText(s.safeState.declared.split)})` : "";
  switch (s.status) {
    case "succeeded": {
      if (s.mode === "preview") {
        let fields = s.changes.reduce((n, o) => n + o.changes.length, 0), stop = wouldStopAt(s, u);
        return `The preview completed: ${plural(fields, "change")} would be made; nothing was written.${stop ? ` The run would stop at ${stop}: see its note.` : ""}`;
      }
      let count = (enforced) => {
        let all = s.gates.filter((g2) => g2.enforced === enforced);
        return { all: all.length, passed: all.filter((g2) => g2.phase === "passed").length };
      }, [g, c] = [count(!0), count(!1)], parts = [
        ...g.all ? [`${g.passed} of ${plural(g.all, "gate")}`] : [],
        ...c.all ? [`${c.passed} of ${plural(c.all, "check")}`] : []
      ], gates = parts.length ? `${parts.join(" and ")} passed` : "no gates were evaluated", where = s.finalSplits.map((r) => `${splitText(r.split)} on ${r.name}${r.changedBy ? ` (${u(r.changedBy)})` : ""}`).join("; ");
      return `The plan completed: ${gates}${where ? `, and traffic ends at ${where}` : ""}.`;
    }
    case "failed-safe":
      return !s.changes.some((o) => o.changes.some((c) => c.applied)) && s.safeState.restores.length === 0 ? `The plan failed before it changed anything: ${cause ?? "an error"}.` : !s.safeState.declared && !s.safeState.restores.length ? `The plan put back what it had changed itself (it declared no safe state), after ${cause ?? "the plan failed"}.` : `Traffic was returned to the safe state${safe} after ${cause ?? "the plan failed"}.${alsoLeft(s)}`;
    case "failed-unsafe": {
      let drift = driftText(s, u), why = wasCancelled(s) ? `The run was cancelled${cancelReason(s, u)}` : `The plan failed after ${cause ?? "an error"}`;
      return drift && s.error?.name === "RouteDriftError" ? `The plan completed, but ${drift}: see "What is left where".` : drift && s.safeState.restores.length && s.safeState.restores.every((r) => r.outcome === "restored") ? `${why}; the safe state${safe} was restored, but ${drift}: see "What is left where".` : s.safeState.declared ? s.safeState.restores.length && s.safeState.restores.every((r) => r.outcome === "restored") ? `${why}; the safe state${safe} was restored, but the run shifted a route that has no safe state of its own, left as it is: see "What is left where".` : `${why}, and the safe state${safe} could not be restored: see "What is left where".` : `${why}, and it declared no safe state to return to: what it changed is left as it is (see "What is left where").`;
    }
    case "cancelled":
      return s.unsafe.length > 0 ? `The run was cancelled${cancelReason(s, u)}, and the safe state${safe} was not restored: see "What is left where".` : !s.safeState.declared && !s.safeState.restores.length ? s.changes.some((o) => o.changes.some((c) => c.applied)) ? `The run was cancelled${cancelReason(s, u)}; it declared no safe state, and had put back what it changed itself.` : `The run was cancelled${cancelReason(s, u)} before it changed anything; it declared no safe state.` : `The run was cancelled${cancelReason(s, u)}; traffic was returned to the safe state${safe}.${alsoLeft(s)}`;
    case "unknown": {
      let last = s.finalSplits.map((r) => `${splitText(r.split)} on ${r.name}${r.rewrittenAt !== void 0 ? `, which the run wrote again at ${clockTime(r.rewrittenAt)} UTC and did not read back (see "What is left where")` : ""}`).join("; "), restore = s.safeState.restores.length ? s.safeState.restores.every((r) => r.outcome === "restored") ? `, after the safe state${safe} was restored` : `, after the safe state${safe} could not be restored` : "";
      return `The journal ends at ${dateTime(s.finishedAt)} without a plan-finished event (the runner crashed or was killed)${restore}${last ? `; the last recorded split was ${last}` : ""}: check the cluster before acting on this report.`;
    }
  }
}
function driftText(s, u) {
  if (s.drifted.length)
    return s.drifted.map((r) => `${r.name} ${Object.keys(r.split).length ? `is at ${splitText(r.split)}` : r.drift.unreadable ? `has lost the part the run shifted (${sentence(u(r.drift.unreadable))})` : "is gone"}, not ${splitText(r.drift.written)} as the run left it${r.changedBy ? ` (${u(r.changedBy)})` : ""}`).join("; ");
}
function failureCause(s, u) {
  let cause = causeOf(s);
  switch (cause?.kind) {
    case "gate":
      return `${u(gateText(cause.gate, gatePlaces(s.gates, s.steps)))} ${phaseVerb(cause.gate.phase)}: ${sentence(u(cause.gate.reason))}`;
    case "step":
      return `step "${u(cause.step.name)}" failed: ${sentence(u(s.error.message))}`;
    case "error":
      return `${cause.error.name === "Error" ? "the plan stopped" : u(cause.error.name)}: ${sentence(u(cause.error.message))}`;
    case void 0:
      return;
  }
}
function wasCancelled(s) {
  return s.error?.name === "CancelledError";
}
function cancelReason(s, u) {
  return s.error && s.error.message !== new CancelledError().message ? ` (${sentence(u(s.error.message))})` : "";
}
function alsoLeft(s) {
  let n = s.leftChanged.length;
  return n ? ` ${plural(n, "other object")} ${n === 1 ? "stays" : "stay"} as the run changed ${n === 1 ? "it" : "them"}: see "What is left where".` : "";
}
function sentence(text) {
  return text.trim().replace(/[.]+$/, "");
}
function wouldStopAt(s, clipText = whole) {
  let note = s.notes.find((n) => n.stops);
  if (!note) return;
  let step = s.steps.find((st) => st.id === note.stepId);
  return step ? `step "${clipText(step.name)}"` : "the plan's program";
}

// sdk/postmortem/recommend.ts
var ROLL_FORWARD_EXAMPLE = "Firebreak's examples/checkout-api-roll-forward.ts is a plan for it", ROLL_FORWARD_ADVICE = `A rollback did not restore health: the data or dependency state may have moved ahead of the rolled-back version (schema migrations, cache or queue formats). Roll forward with a fix instead (${ROLL_FORWARD_EXAMPLE}).`, SAYS_ROLL_FORWARD = /\broll(?:ing|ed)?[\s-]*forward/i, ROLLED_BACK = /\broll ?back\b/i, TRAFFIC_INDICATOR = /^(success-rate|latency|error-ratio)/, rolledForwardAfter = (later, rollback) => later.some((c) => c.type === "change" && SAYS_ROLL_FORWARD.test(c.action) && objectName(c.object) === objectName(rollback.object));
function deriveRecommendations(events, explicit) {
  return [...rollForwardAdvice(events, explicit), ...autoscalerBoundsAdvice(events), ...stillFailingAdvice(events)];
}
var STILL_FAILING_ERROR_RATE = 0.01;
function endRate(impact) {
  if (impact.end) return impact.end.errorRate === null ? void 0 : { from: impact.end.from, to: impact.to, errorRate: impact.end.errorRate };
  let i = impact.series.findLastIndex((p) => p.errorRate !== null), [before, last] = [impact.series[i - 1], impact.series[i]];
  return last && before ? { from: before.at, to: last.at, errorRate: last.errorRate } : void 0;
}
function stillFailingAdvice(events) {
  let impact = events.findLast((e) => e.type === "impact"), end = impact?.type === "impact" ? endRate(impact) : void 0;
  if (!end || end.errorRate <= STILL_FAILING_ERROR_RATE) return [];
  let change = lastTrafficChange(events);
  return [change !== void 0 && change > end.from ? unmeasuredSince(change, end) : stillFailing(end, change !== void 0)];
}
var spanOf = (end) => `${clockTime(end.from)} to ${clockTime(end.to)} UTC`;
function stillFailing(end, afterChange) {
  let rate = percent(end.errorRate);
  return {
    text: `Users were still failing when the run ended: ${rate} of requests from ${spanOf(end)}${afterChange ? ", after its last traffic change" : ""}. Before closing the incident, check what the plan did not measure: whether the pods now taking the traffic can serve all of it, whether the version now serving can read the data, the service's dependencies`,
    action: `Find out why ${rate} of requests were still failing when the run ended, and what would have caught it`,
    reason: `the run's user impact, measured from the metrics provider, ends at ${rate} of requests failing`,
    derived: !0,
    at: end.to
  };
}
function unmeasuredSince(change, end) {
  let rate = percent(end.errorRate);
  return {
    text: `${rate} of requests failed in the run's last ${duration(end.to - end.from)} (${spanOf(end)}), a window that began before its last traffic change, at ${clockTime(change)} UTC: the run ended too soon after that change to measure how users fared since. Before closing the incident, check the error rate since then`,
    action: `Check the error rate since the traffic change at ${clockTime(change)} UTC, which the run ended too soon after to measure`,
    reason: `the run's user impact, measured from the metrics provider, ends at ${rate} of requests failing over a window that began before its last traffic change`,
    derived: !0,
    at: end.to
  };
}
function rollForwardAdvice(events, explicit) {
  if (explicit.some((r) => SAYS_ROLL_FORWARD.test(r.text))) return [];
  let rollback;
  for (let [i, e] of events.entries()) {
    e.type === "change" && ROLLED_BACK.test(e.action) && (rollback ??= e);
    let trafficFailed = e.type === "gate" && e.phase === "failed" && e.evidence.some((ev) => ev.phase === "failed" && TRAFFIC_INDICATOR.test(ev.indicator));
    if (e.type === "gate" && rollback && trafficFailed && !rolledForwardAfter(events.slice(i + 1), rollback))
      return [
        {
          text: ROLL_FORWARD_ADVICE,
          action: `Roll forward with a fix that works with the current data and dependency state, instead of rolling ${objectName(rollback.object)} back (${ROLL_FORWARD_EXAMPLE})`,
          reason: `gate "${e.name}" ${e.phase} after "${rollback.action}" on ${objectName(rollback.object)}`,
          derived: !0,
          at: e.at
        }
      ];
  }
  return [];
}
function autoscalerBoundsAdvice(events) {
  return netChanges(events).filter((c) => c.object.kind === "HorizontalPodAutoscaler").map((c) => {
    let last = events.findLast((e) => e.type === "change" && e.applied && objectName(e.object) === c.name), fields = c.fields.map((f) => `${f.field.replace(/^spec\./, "")} back to ${JSON.stringify(f.before)} (now ${JSON.stringify(f.after)})`).join(" and ");
    return {
      text: `Put ${c.name}'s ${fields} when the incident is over, or make the new bounds its manifest's`,
      reason: `the plan changed them to hold the replica count it scaled to${last?.type === "change" ? ` ("${last.action}")` : ""}`,
      derived: !0,
      ...last ? { at: last.at } : {}
    };
  });
}

// sdk/postmortem/escape.ts
var CONTROL = /[\u0000-\u001F\u007F-\u009F]/g, INLINE_SPECIAL = /[\\`*_~[\]|]/g, BLOCK_START = /^(\s*)([#+=-]|\d{1,9}[.)](?=\s|$))/;
function oneLine(text) {
  return text.replace(/\r\n|\r|\n|\t/g, " ").replace(CONTROL, "");
}
function escapeMarkdown(text) {
  return oneLine(text).trimStart().replace(INLINE_SPECIAL, (c) => `\\${c}`).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@(?=[A-Za-z0-9])/g, "@\u200D").replace(/#(?=\d)/g, "#\u200D").replace(/\b(https?:\/\/|www\.)(?=[^\s\u200D])/gi, "$1\u200D").replace(/\b(GH)-(?=\d)/gi, "$1-\u200D").replace(
    BLOCK_START,
    (_m, space, mark) => mark.length === 1 ? `${space}\\${mark}` : `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`
  );
}
function inlineCode(text, options = {}) {
  let body = oneLine(text);
  if (options.inTable && (body = body.replace(/\|/g, "\\|")), body === "") return "` `";
  let longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length)), ticks = "`".repeat(longest + 1), pad = body.startsWith("`") || body.endsWith("`") || longest > 0 ? " " : "";
  return `${ticks}${pad}${body}${pad}${ticks}`;
}
function codeBlock(text, language = "") {
  let body = text.replace(/\r\n|\r/g, `
`).replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, ""), longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length)), fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}
${body}
${fence}`;
}
function mermaidLabel(text, maxChars = 60) {
  let label = oneLine(text).replace(/[^\p{L}\p{N} .,%()/+\-_'=]/gu, " ").replace(/%+/g, "%").replace(/\s+/g, " ").trim(), clipped = clip(label, maxChars).trim();
  return clipped === "" ? "unnamed" : clipped;
}
function plainText(text) {
  return oneLine(text);
}
function clip(text, maxChars) {
  if (text.length <= maxChars) return text;
  let end = Math.max(0, maxChars - 1);
  return end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]) && (end -= 1), `${text.slice(0, end)}\u2026`;
}
function markdownLink(text, url) {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return `${escapeMarkdown(text)} (${inlineCode(url, { inTable: !0 })})`;
  let safe = url.replace(/[()<>|\\`"'[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return `[${escapeMarkdown(text)}](${safe})`;
}
function incidentMarker(id) {
  return `<!-- firebreak:incident=${id.replace(/[^A-Za-z0-9._:/-]/g, "_").replace(/-{2,}/g, "-") || "unknown"} -->`;
}

// sdk/postmortem/timeline.ts
var VALUE_CHARS = 80;
function buildTimeline(events, steps) {
  let cut = new Map(events.flatMap((e) => e.type === "pause" && e.cancelled ? [[pauseKey(e, e.cancelled.startedAt), e.cancelled.afterMs]] : [])), entries = [];
  for (let e of events) {
    let text = describe(e, steps, cut);
    text !== void 0 && entries.push({ at: e.at, type: e.type, stepId: e.stepId, text: plainText(text) });
  }
  return entries;
}
var pauseKey = (e, startedAt) => JSON.stringify([e.stepId, startedAt, e.durationMs, e.reason]);
function describe(e, steps, cut) {
  switch (e.type) {
    case "plan-started":
      return `Plan "${e.plan.name}" started (${e.mode} on ${targetText(e.target)})`;
    case "step-started":
      return e.restore ? `Step "${e.name}" started ${BY_FIREBREAK}` : `Step "${e.name}" started${e.parentId !== void 0 && steps.has(e.parentId) ? ` (in "${steps.get(e.parentId).name}")` : ""}`;
    case "step-finished":
      return e.outcome === "succeeded" ? `Step "${e.name}" succeeded in ${duration(e.durationMs)}` : `Step "${e.name}" ${e.outcome} after ${duration(e.durationMs)}${e.error ? `: ${e.error.name}: ${e.error.message}` : ""}`;
    case "change":
      return `${objectName(e.object)}: ${e.field} ${clip(valueText(e.before), VALUE_CHARS)} \u2192 ${clip(valueText(e.after), VALUE_CHARS)} (${e.action}${e.applied ? "" : ", not written"})`;
    case "gate":
      return `${e.enforced ? "Gate" : "Check"} "${e.name}" (${e.kind}) ${e.phase}: ${e.reason}`;
    case "note":
      return `Note: ${e.text}`;
    case "pause": {
      if (e.cancelled) return;
      let cutAfter = cut.get(pauseKey(e, e.at));
      return `Paused ${cutAfter === void 0 ? duration(e.durationMs) : `${duration(cutAfter)} of ${duration(e.durationMs)} (cut short)`}${e.reason ? `: ${e.reason}` : ""}`;
    }
    case "wait":
      return e.outcome === "timeout" ? `Timed out after ${duration(e.durationMs)} waiting for ${objectName(e.object)}: ${e.what}` : e.outcome === "failed" ? `Stopped waiting after ${duration(e.durationMs)} for ${objectName(e.object)}: ${e.what}` : e.outcome === "skipped" ? `Skipped waiting for ${objectName(e.object)}: ${e.what}` : `Waited ${duration(e.durationMs)} for ${objectName(e.object)}: ${e.what}`;
    case "safe-state-declared":
      return `Safe state declared: ${e.description} (${splitText(e.split)} on ${objectName(e.route)})`;
    case "safe-state-restore":
      return e.outcome === "restored" ? `Safe state restored: ${e.description}` : `Safe state restore failed: ${e.description}${e.detail ? `: ${e.detail}` : ""}`;
    case "plan-finished":
      return `Plan finished: ${e.status} after ${duration(e.durationMs)}${e.error ? ` (${e.error.name}: ${e.error.message})` : ""}`;
    default:
      return;
  }
}
function targetText(target) {
  if (!target) return "an unknown target";
  let parts = [target.kind];
  return target.scenario && parts.push(`scenario ${target.scenario}`), target.detail && parts.push(target.detail), parts.join(", ");
}

// sdk/postmortem/summary.ts
function summarizeRun(events) {
  let start = events.find((e) => e.type === "plan-started"), finish = events.findLast((e) => e.type === "plan-finished"), startedAt = start?.at ?? events[0]?.at ?? 0, finishedAt = finish?.at ?? events.at(-1)?.at ?? startedAt, steps = collectSteps(events), histories = /* @__PURE__ */ new Map(), objects = /* @__PURE__ */ new Map(), gates = [], notes = [], explicit = [], safeState = { restores: [] }, impact, rewritten = /* @__PURE__ */ new Map();
  for (let e of events)
    switch (e.type) {
      case "change": {
        let key = objectKey(e.object);
        e.applied && rewritten.set(key, e.at);
        let entry = objects.get(key) ?? { object: e.object, name: objectName(e.object), changes: [] };
        entry.changes.push({ at: e.at, stepId: e.stepId, field: e.field, before: e.before, after: e.after, action: e.action, applied: e.applied, ...e.digests ? { digests: e.digests } : {} }), objects.set(key, entry);
        break;
      }
      case "traffic": {
        let key = objectKey(e.route), history = histories.get(key) ?? { route: e.route, name: objectName(e.route), points: [] };
        history.points.push({ at: e.at, split: e.split, verified: e.verified, ...e.drift ? { drift: e.drift } : {}, ...e.changedBy ? { changedBy: e.changedBy } : {} }), histories.set(key, history), rewritten.delete(key);
        break;
      }
      case "gate":
        gates.push({
          name: e.name,
          kind: e.kind,
          description: e.description,
          phase: e.phase,
          reason: e.reason,
          enforced: e.enforced,
          ...e.cancelled ? { cancelled: !0 } : {},
          startedAt: e.startedAt,
          at: e.at,
          stepId: e.stepId,
          evidence: e.evidence
        });
        break;
      case "note":
        notes.push({ at: e.at, stepId: e.stepId, text: e.text, ...e.stops ? { stops: !0 } : {} });
        break;
      case "recommendation":
        explicit.push({ text: e.text, reason: e.reason, derived: !1, at: e.at });
        break;
      case "safe-state-declared":
        safeState.declared = { at: e.at, description: e.description, route: e.route, split: e.split };
        break;
      case "safe-state-restore":
        safeState.restores.push({ at: e.at, description: e.description, outcome: e.outcome, detail: e.detail });
        break;
      case "impact":
        impact = { from: e.from, to: e.to, ...e.beforePlanMs ? { beforePlanMs: e.beforePlanMs } : {}, requests: e.requests, failed: e.failed, series: e.series, query: e.query, reason: e.reason };
        break;
      default:
        break;
    }
  let trafficHistory = [...histories.values()], finalSplits = trafficHistory.map((h) => {
    let rewrittenAt = rewritten.get(objectKey(h.route));
    return { route: h.route, name: h.name, ...h.points.at(-1), ...rewrittenAt !== void 0 ? { verified: !1, rewrittenAt } : {} };
  }), status = finish?.status ?? "unknown", statusText = finish ? finish.status : events.length === 0 ? "unknown (the journal is empty)" : `unknown (the run did not finish: journal ends at ${dateTime(finishedAt)})`, left = leftBeyondSafeState(events, status, start?.mode ?? "run"), summary = {
    runId: start?.runId ?? "unknown",
    plan: start?.plan ?? { name: "unknown plan" },
    mode: start?.mode ?? "run",
    target: start?.target,
    inputs: start?.inputs ?? {},
    sdkVersion: start?.sdkVersion,
    status,
    statusText,
    finished: finish !== void 0,
    startedAt,
    finishedAt,
    durationMs: finish?.durationMs ?? finishedAt - startedAt,
    error: finish?.error,
    outcome: "",
    steps,
    changes: [...objects.values()],
    finalSplits,
    drifted: finalSplits.filter((r) => r.drift),
    trafficHistory,
    gates,
    notes,
    safeState,
    recommendations: [...explicit, ...deriveRecommendations(events, explicit)],
    impact,
    unsafe: finish?.unsafe ?? [],
    leftChanged: left.map((c) => `${c.name} (${netFieldsText(c)})`),
    leftChangedObjects: left,
    timeline: buildTimeline(events, new Map(steps.map((s) => [s.id, s])))
  };
  return summary.outcome = describeOutcome(summary), summary;
}
function collectSteps(events) {
  let steps = /* @__PURE__ */ new Map();
  for (let e of events)
    if (e.type === "step-started") {
      let parent = e.parentId === void 0 ? void 0 : steps.get(e.parentId);
      steps.set(e.stepId, {
        id: e.stepId,
        name: e.name,
        parentId: e.parentId,
        depth: parent ? parent.depth + 1 : 0,
        startedAt: e.at,
        outcome: "unfinished",
        ...e.restore ? { restore: !0 } : {}
      });
    } else if (e.type === "step-finished") {
      let step = steps.get(e.stepId) ?? { id: e.stepId, name: e.name, depth: 0, startedAt: e.at - e.durationMs, outcome: "unfinished" };
      Object.assign(step, { finishedAt: e.at, outcome: e.outcome, durationMs: e.durationMs, error: e.error }), steps.set(e.stepId, step);
    }
  return [...steps.values()];
}
function leftBeyondSafeState(events, status, mode) {
  let routes = new Set(events.flatMap((e) => e.type === "safe-state-declared" ? [refString(e.route)] : [])), unsafe = events.flatMap((e) => e.type === "plan-finished" ? e.unsafe ?? [] : []), restored = new Set(events.flatMap((e) => e.type === "change" && e.action === RESTORE_ACTION ? [`${refString(e.object)} ${e.field}`] : [])), beyond = (covered) => (c) => covered.has(c.name) ? { ...c, fields: c.fields.filter((f) => !WEIGHT_FIELD.test(f.field) && !restored.has(`${c.name} ${f.field}`)) } : c;
  return mode !== "run" ? [] : status === "unknown" ? netChanges(events).map(beyond(restoredRoutes(events))).filter((c) => c.fields.length > 0) : routes.size === 0 || !["failed-safe", "failed-unsafe", "cancelled"].includes(status) ? [] : netChanges(events).filter((c) => routes.has(c.name) || !unsafe.some((u) => u.startsWith(`${c.name} `))).map(beyond(routes)).filter((c) => c.fields.length > 0);
}
function restoredRoutes(events) {
  let outcomes = /* @__PURE__ */ new Map();
  for (let e of events) e.type === "safe-state-restore" && outcomes.set(e.description, (outcomes.get(e.description) ?? /* @__PURE__ */ new Set()).add(e.outcome));
  let restored = (description) => outcomes.get(description)?.has("restored") && !outcomes.get(description)?.has("failed");
  return new Set(events.flatMap((e) => e.type === "safe-state-declared" && restored(e.description) ? [refString(e.route)] : []));
}
var RESTORE_ACTION = "restore safe state", WEIGHT_FIELD = /(^|\.)weight$|\["nginx\.ingress\.kubernetes\.io\/canary-weight"\]$/;

// action/context.ts
import { tmpdir } from "node:os";
import { join } from "node:path";
var STATE = { journal: "journal-path", postmortem: "postmortem", summary: "summary-written", filingNotBefore: "filing-not-before" }, POSTMORTEM_REFUSED = "refused";
function readContext(env, incidentKey = "") {
  let repository = env.GITHUB_REPOSITORY || "local/local", [owner = "local", repo = "local"] = repository.split("/"), attempt = Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? "", 10);
  return {
    repository,
    owner,
    repo,
    runId: env.GITHUB_RUN_ID || "local",
    runAttempt: Number.isFinite(attempt) && attempt > 0 ? attempt : 1,
    serverUrl: (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, ""),
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    sha: env.GITHUB_SHA || "",
    actor: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || "",
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    runnerTemp: env.RUNNER_TEMP || tmpdir(),
    step: [env.GITHUB_JOB, env.GITHUB_ACTION].filter(Boolean).join("/"),
    incidentKey
  };
}
function incidentId(ctx) {
  return [ctx.repository, "runs", ctx.runId, ctx.step, ctx.incidentKey].filter(Boolean).join("/");
}
function runUrl(ctx) {
  let base = `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}`;
  return ctx.runAttempt > 1 ? `${base}/attempts/${ctx.runAttempt}` : base;
}
function journalPathFor(ctx) {
  let safe = (s) => s.replace(/[^A-Za-z0-9._-]/g, "_"), use = [ctx.step.replace("/", "-"), ctx.incidentKey].filter(Boolean).map((s) => `-${safe(s)}`).join("");
  return join(ctx.runnerTemp, "firebreak", `run-${safe(ctx.runId)}${use}-attempt-${ctx.runAttempt}.jsonl`);
}

// sdk/postmortem/budget.ts
var DEFAULT_MAX_CHARS = 65e3, ALL = {
  evidenceRows: 1 / 0,
  timelineRows: 1 / 0,
  chartPoints: 1 / 0,
  listRows: 1 / 0,
  textChars: 1 / 0,
  sectionChars: 1 / 0,
  leftFields: MAX_FIELDS,
  leftValueChars: MAX_VALUE,
  leftLineChars: 1 / 0,
  leftItems: "each"
}, TIGHT = { ...ALL, evidenceRows: 2, timelineRows: 30, chartPoints: 20, listRows: 20, textChars: 300, leftLineChars: 2e3 }, MINIMAL = { ...ALL, evidenceRows: 2, timelineRows: 6, chartPoints: 6, listRows: 5, textChars: 100, leftFields: 5, leftValueChars: 60, leftLineChars: 1e3 }, POINTED = { ...MINIMAL, leftItems: "pointer" }, SHORTER = { ...POINTED, leftFields: 3, leftValueChars: 40, leftLineChars: 500 }, SHORTEST = { ...POINTED, leftFields: 1, leftValueChars: 30, leftLineChars: 200 }, STAGES = [
  { name: "full", detail: ALL },
  { name: "evidence", detail: { ...ALL, evidenceRows: 6 } },
  { name: "timeline", detail: { ...ALL, evidenceRows: 6, timelineRows: 80 } },
  { name: "chart", detail: { ...ALL, evidenceRows: 6, timelineRows: 80, chartPoints: 40 } },
  { name: "tight", detail: TIGHT },
  { name: "minimal", detail: MINIMAL },
  { name: "action items point at what is left where", detail: POINTED },
  { name: "sections of 2000", detail: { ...POINTED, sectionChars: 2e3 } },
  { name: "sections of 800", detail: { ...POINTED, sectionChars: 800 } },
  { name: "what is left where, shorter", detail: { ...SHORTER, sectionChars: 800 } },
  { name: "sections of 300", detail: { ...SHORTER, sectionChars: 300 } },
  { name: "what is left where, shortest", detail: { ...SHORTEST, sectionChars: 300 } },
  { name: "sections of 0", detail: { ...SHORTEST, sectionChars: 0 } }
];
function fitToBudget(render, maxChars, lastResort) {
  let text = "";
  for (let stage of STAGES)
    if (text = render(stage.detail), text.length <= maxChars) return text;
  return lastResort && (text = lastResort(STAGES.at(-1).detail, maxChars)), text.length <= maxChars ? text : clipMarkdown(text, maxChars, CUT_NOTE).slice(0, maxChars);
}
var CUT_NOTE = `_This report was cut to fit GitHub's issue size limit; the journal artifact has everything._
`;
function clipMarkdown(text, maxChars, note) {
  if (text.length <= maxChars) return text;
  let room = text.slice(0, Math.max(0, maxChars - note.length - 2)), lines = room.slice(0, Math.max(0, room.lastIndexOf(`
`))).split(`
`), keep = lines.length, fence, details;
  for (let [i, line] of lines.entries()) {
    let ticks = /^(`{3,})/.exec(line)?.[1]?.length;
    fence === void 0 && ticks !== void 0 ? fence = { at: i, ticks } : fence && ticks !== void 0 && ticks >= fence.ticks && /^`+\s*$/.test(line) ? fence = void 0 : fence === void 0 && line.startsWith("<details>") ? details = i : fence === void 0 && line.startsWith("</details>") && (details = void 0);
  }
  fence && (keep = Math.min(keep, fence.at)), details !== void 0 && (keep = Math.min(keep, details));
  let kept = lines.slice(0, keep).join(`
`).trimEnd();
  return kept ? `${kept}

${note}` : note;
}
function keepEnds(rows, max) {
  if (rows.length <= max) return { head: [...rows], omitted: 0, tail: [] };
  let headCount = Math.max(1, Math.ceil(max / 2)), tailCount = Math.max(0, max - headCount);
  return {
    head: rows.slice(0, headCount),
    omitted: rows.length - headCount - tailCount,
    tail: tailCount > 0 ? rows.slice(rows.length - tailCount) : []
  };
}
function downsample(items, max) {
  if (items.length <= max) return [...items];
  if (max <= 1) return items.slice(0, 1);
  let picked = [];
  for (let i = 0; i < max; i++) picked.push(items[Math.round(i * (items.length - 1) / (max - 1))]);
  return picked;
}

// sdk/postmortem/mermaid.ts
function xyLineChart(chart) {
  let quoted = (text) => `"${mermaidLabel(text, 80)}"`;
  return [
    "```mermaid",
    "xychart-beta",
    `  title ${quoted(chart.title)}`,
    `  x-axis ${quoted(chart.xLabel)} [${chart.x.map(quoted).join(", ")}]`,
    `  y-axis ${quoted(chart.yLabel)} ${numberText(chart.yMin)} --> ${numberText(chart.yMax)}`,
    ...chart.lines.map((series) => `  line [${series.map((v) => numberText(v, 2)).join(", ")}]`),
    "```"
  ].join(`
`);
}
function ganttChart(title, sections) {
  let lines = ["```mermaid", "gantt", `  title ${mermaidLabel(title, 80)}`, "  dateFormat x", "  axisFormat %H:%M:%S", "  todayMarker off"], id = 0;
  for (let section of sections) {
    lines.push(`  section ${mermaidLabel(section.name)}`);
    for (let task of section.tasks) {
      id += 1;
      let end = Math.max(task.end, task.start + 1);
      lines.push(`    ${taskLabel(task.name)} :${task.status}, t${id}, ${task.start}, ${end}`);
    }
  }
  return lines.push("```"), lines.join(`
`);
}
var GANTT_KEYWORDS = /^(title|section|dateformat|axisformat|tickinterval|excludes|includes|todaymarker|inclusiveenddates|topaxis|weekday|weekend|click|call|acc)/i;
function taskLabel(name) {
  let label = mermaidLabel(name);
  return GANTT_KEYWORDS.test(label) || new RegExp("^\\P{L}", "u").test(label) || label.slice(0, 2).includes("%") ? `step ${label}` : label;
}

export {
  causeOf,
  failedOnGate,
  gatePlaces,
  gateText,
  describeOutcome,
  wasCancelled,
  escapeMarkdown,
  inlineCode,
  codeBlock,
  plainText,
  clip,
  markdownLink,
  incidentMarker,
  targetText,
  summarizeRun,
  STATE,
  POSTMORTEM_REFUSED,
  readContext,
  incidentId,
  runUrl,
  journalPathFor,
  DEFAULT_MAX_CHARS,
  fitToBudget,
  clipMarkdown,
  keepEnds,
  downsample,
  xyLineChart,
  ganttChart
};
