import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  filePostmortemPatiently
} from "./chunks/chunk-XFCFAC3S.js";
import {
  createGitHub
} from "./chunks/chunk-Q6UD2WPR.js";
import {
  InputError,
  coreLogger,
  getState,
  info,
  quietDependencyDeprecations,
  setUpStep,
  warning,
  writeJobSummary
} from "./chunks/chunk-HUEM44QT.js";
import {
  SDK_VERSION
} from "./chunks/chunk-KMBNXFI7.js";
import {
  POSTMORTEM_REFUSED,
  STATE,
  journalPathFor,
  summarizeRun
} from "./chunks/chunk-W7YKVSPA.js";
import "./chunks/chunk-SJETCTHF.js";
import "./chunks/chunk-4WLNFUSH.js";
import "./chunks/chunk-7MWAMBLI.js";
import "./chunks/chunk-KA37ZHZ6.js";
import "./chunks/chunk-QZS5YSLN.js";
import {
  _enum,
  array,
  boolean,
  discriminatedUnion,
  extend,
  literal,
  looseObject,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  unknown
} from "./chunks/chunk-ZT6CORZH.js";
import "./chunks/chunk-6RCF7MMO.js";
import {
  InvalidJournalError,
  describeError
} from "./chunks/chunk-O5XZOHUO.js";
import "./chunks/chunk-5AMULRZH.js";

// action/post.ts
import { existsSync } from "node:fs";
import { setTimeout } from "node:timers/promises";

// sdk/journal/read-journal.ts
import { readFileSync } from "node:fs";

// sdk/journal/events.ts
var JOURNAL_EVENT_TYPES = new Set(
  Object.keys({
    "plan-started": !0,
    "step-started": !0,
    "step-finished": !0,
    change: !0,
    traffic: !0,
    gate: !0,
    note: !0,
    pause: !0,
    wait: !0,
    "safe-state-declared": !0,
    "safe-state-restore": !0,
    recommendation: !0,
    impact: !0,
    "plan-finished": !0
  })
);

// sdk/journal/schema.ts
var split = record(string(), number(), "a number per destination"), errorInfo = looseObject({ name: string(), message: string() }), objectRef = looseObject({
  apiVersion: string(),
  kind: string(),
  namespace: optional(string()),
  name: string(),
  context: optional(string())
}), gatePhase = _enum(["passed", "failed", "inconclusive", "error"]), evidence = looseObject({
  at: number(),
  indicator: string(),
  subject: optional(string()),
  query: optional(string()),
  window: optional(string()),
  value: nullable(number()),
  unit: optional(string()),
  threshold: optional(string()),
  samples: optional(number()),
  phase: gatePhase,
  reason: optional(string())
}), event = (type, shape) => extend(looseObject({ type: literal(type), at: number(), stepId: optional(number()) }), shape), journalEventSchema = discriminatedUnion("type", [
  event("plan-started", {
    runId: string(),
    plan: looseObject({ name: string(), description: optional(string()), file: optional(string()) }),
    mode: _enum(["preview", "run"]),
    inputs: record(string(), unknown()),
    target: looseObject({ kind: _enum(["sim", "cluster"]), scenario: optional(string()), detail: optional(string()) }),
    sdkVersion: string()
  }),
  event("step-started", { stepId: number(), name: string(), parentId: optional(number()), restore: optional(literal(!0)) }),
  event("step-finished", {
    stepId: number(),
    name: string(),
    outcome: _enum(["succeeded", "failed", "cancelled"]),
    durationMs: number(),
    error: optional(errorInfo)
  }),
  event("change", {
    object: objectRef,
    field: string(),
    before: unknown(),
    after: unknown(),
    applied: boolean(),
    action: string(),
    digests: optional(object({ before: string(), after: string() }))
  }),
  event("traffic", {
    route: objectRef,
    split,
    verified: boolean(),
    drift: optional(looseObject({ written: split, unreadable: optional(string()) })),
    changedBy: optional(string()),
    initial: optional(literal(!0))
  }),
  event("gate", {
    name: string(),
    kind: string(),
    description: string(),
    phase: gatePhase,
    reason: string(),
    enforced: boolean(),
    cancelled: optional(boolean()),
    startedAt: number(),
    evidence: array(evidence)
  }),
  event("note", { text: string(), stops: optional(literal(!0)) }),
  event("pause", { durationMs: number(), reason: optional(string()), cancelled: optional(looseObject({ afterMs: number(), startedAt: number() })) }),
  event("wait", { object: objectRef, what: string(), durationMs: number(), outcome: _enum(["done", "timeout", "failed", "skipped"]) }),
  event("safe-state-declared", { description: string(), route: objectRef, split }),
  event("safe-state-restore", { description: string(), outcome: _enum(["restored", "failed"]), detail: optional(string()) }),
  event("recommendation", { text: string(), reason: string() }),
  event("impact", {
    from: number(),
    to: number(),
    beforePlanMs: optional(number()),
    requests: nullable(number()),
    failed: nullable(number()),
    series: array(looseObject({ at: number(), errorRate: nullable(number()), requests: nullable(number()) })),
    end: optional(looseObject({ from: number(), requests: number(), errorRate: nullable(number()) })),
    query: string(),
    reason: optional(string())
  }),
  event("plan-finished", {
    status: _enum(["succeeded", "failed-safe", "failed-unsafe", "cancelled"]),
    durationMs: number(),
    error: optional(errorInfo),
    unsafe: optional(array(string()))
  })
]), EXPECTED = { number: "a number", string: "a string", boolean: "true or false", array: "a list", object: "an object", record: "an object" }, expectedMessage = (issue) => {
  if (issue.code === "invalid_type") return EXPECTED[issue.expected] ?? issue.expected;
  if (issue.code === "invalid_value") return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
}, fieldPath = (path) => path.map((key, i) => typeof key == "number" ? `[${key}]` : `${i ? "." : ""}${String(key)}`).join("");
function shown(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value == "object") return "an object";
  let json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 40)}\u2026` : json;
}
function journalEventProblem(event2) {
  let result = journalEventSchema.safeParse(event2, { error: expectedMessage, reportInput: !0 });
  if (result.success) return;
  let issue = result.error.issues[0], field = fieldPath(issue.path);
  return issue.code !== "invalid_type" && issue.code !== "invalid_value" ? `${field}: ${issue.message}` : issue.input === void 0 ? `${field} is missing (${issue.message})` : `${field} is ${shown(issue.input)}, not ${issue.message}`;
}

// sdk/journal/read-journal.ts
function readJournal(path) {
  let lines = readFileSync(path, "utf8").replace(/^\uFEFF/, "").split(`
`), last = lines.findLastIndex((line) => line.trim() !== ""), events = [], version;
  for (let [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    let fail = (problem2) => new InvalidJournalError(path, i + 1, problem2), value;
    try {
      value = JSON.parse(line);
    } catch {
      if (!events.length) throw notAJournal(path);
      if (i === last) break;
      throw fail("is not JSON: only the last line can be cut short by a crash, so the file was damaged or written by two processes at once. Repair or remove that line to report on the rest");
    }
    let event2 = value;
    if (typeof event2 != "object" || event2 === null || typeof event2.type != "string" || typeof event2.at != "number")
      throw events.length ? fail(`is not a Firebreak journal event (an object with "type" and "at"): is ${path} a journal written by firebreak run --journal or the action (its journal-path output)?`) : notAJournal(path);
    if (!JOURNAL_EVENT_TYPES.has(event2.type))
      throw fail(`has an event of type '${event2.type}', which this Firebreak does not know${version ? `: the journal was written by Firebreak ${version}; read it with that version` : ""}`);
    let problem = journalEventProblem(event2);
    if (problem) {
      let cause = version && version !== SDK_VERSION ? `the journal was written by Firebreak ${version}: read it with that version, or` : "the line was edited or damaged:";
      throw fail(`has a ${event2.type} event this Firebreak cannot read: ${problem}. Firebreak ${SDK_VERSION} does not write that; ${cause} repair or remove that line to report on the rest`);
    }
    if (event2.type === "plan-started") {
      let earlier = events.find((e) => e.type === "plan-started");
      if (earlier) throw fail(`starts a second run (${event2.runId}) after ${earlier.runId}: a journal holds one run; split the file before line ${i + 1}`);
      version = event2.sdkVersion;
    }
    events.push(event2);
  }
  return events;
}
var notAJournal = (path) => new InvalidJournalError(
  path,
  1,
  `is no Firebreak journal event, so ${path} is not a journal: give the .jsonl file a run wrote (firebreak run --journal, default .firebreak/runs/<run-id>.jsonl; the action's journal-path output)`
);

// action/post.ts
async function run(options = {}) {
  let scrub = (text) => text;
  try {
    let { ctx, settings, scrubber } = setUpStep();
    scrub = scrubber.text;
    let journalPath = getState(STATE.journal) || journalPathFor(ctx);
    if (!existsSync(journalPath)) {
      info(`No journal at ${journalPath}: the plan never started, so there is nothing to report.`);
      return;
    }
    let events = readJournal(journalPath).map(scrubber.event), summary = !getState(STATE.summary) && events.length > 0 ? summarizeRun(events) : void 0, place = summary ? await writeJobSummary(summary, { ctx, journalPath }, scrub) : void 0, postmortemUrl, filed = getState(STATE.postmortem);
    if (filed === POSTMORTEM_REFUSED) info("GitHub refused the postmortem issue in the main step (its warning says why): not asking again.");
    else if (filed) info("The main step already took care of the postmortem issue.");
    else {
      let notBefore = Number(getState(STATE.filingNotBefore)) || void 0, patience = { ...notBefore ? { notBefore } : {}, now: Date.now, sleep: (ms) => setTimeout(ms) };
      postmortemUrl = await filePostmortemPatiently({ settings, ctx, events, logger: coreLogger, github: createGitHub, ...options.filingLimits ? { limits: options.filingLimits } : {} }, patience);
    }
    summary && place && postmortemUrl && await writeJobSummary(summary, { ctx, journalPath, postmortemUrl }, scrub, place);
  } catch (err) {
    err instanceof InputError ? info(`Nothing to report: the main step stopped at a bad input (${err.input}).`) : warning(scrub(`Firebreak post step: ${describeError(err).message}`));
  }
}

// action/bin/post.ts
quietDependencyDeprecations();
await run();
