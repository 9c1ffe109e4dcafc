import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  SDK_VERSION,
  createScrubber,
  parseInputs,
  redactChange,
  redactInputs,
  secretValuesOf
} from "./chunk-KMBNXFI7.js";
import {
  clockTime,
  lastTrafficChange,
  netChanges,
  netFieldsText
} from "./chunk-SJETCTHF.js";
import {
  refuseMissingServices
} from "./chunk-2BA7XB7Q.js";
import {
  formatSplit,
  sameSplit,
  toPercentages,
  validateSplit
} from "./chunk-4WLNFUSH.js";
import {
  diffObjects,
  sameJson
} from "./chunk-VXVKXMWV.js";
import {
  matchesLabels,
  refString,
  selectorOf
} from "./chunk-QZS5YSLN.js";
import {
  checkOneOf,
  durationIssue,
  isCount,
  quoted,
  refuseArguments,
  unknownKeys
} from "./chunk-ZT6CORZH.js";
import {
  formatMs,
  promRangeMs,
  toMs
} from "./chunk-6RCF7MMO.js";
import {
  CancelledError,
  ConflictError,
  FirebreakError,
  ForbiddenError,
  GateFailedError,
  InvalidPlanError,
  KubeApiError,
  MetricsQueryError,
  MetricsUnavailableError,
  MissingCrdError,
  ObjectNotFoundError,
  RouteDriftError,
  RouteRejectedError,
  ShiftedRuleError,
  UnknownDestinationError,
  describeError,
  planFrame
} from "./chunk-O5XZOHUO.js";

// sdk/engine/cancel-grace.ts
var CANCEL_GRACE_MS = 1e4;
function afterCancelGrace(signal, graceMs) {
  let timer, onAbort, stopped = new Promise((_, reject) => {
    onAbort = () => {
      let why = `the plan's program did not stop within ${formatMs(graceMs)} of the cancel (a step awaits something deaf to run.signal): the safe state is restored without it`;
      timer = setTimeout(() => reject(new CancelledError(why)), graceMs), timer.unref?.();
    }, signal?.addEventListener("abort", onAbort, { once: !0 });
  });
  return stopped.catch(() => {
  }), {
    stopped,
    dispose() {
      clearTimeout(timer), onAbort && signal?.removeEventListener("abort", onAbort);
    }
  };
}

// sdk/engine/context.ts
import { AsyncLocalStorage } from "node:async_hooks";
function createEngineContext(parts) {
  return { progress: () => {
  }, ...parts, impactScopes: /* @__PURE__ */ new Map(), routesSeen: /* @__PURE__ */ new Set(), fleets: /* @__PURE__ */ new Map(), shifts: /* @__PURE__ */ new Map(), shifting: /* @__PURE__ */ new Map(), shiftsUnderway: /* @__PURE__ */ new Map(), capacityTimeouts: /* @__PURE__ */ new Map(), inflight: /* @__PURE__ */ new Set(), rollouts: /* @__PURE__ */ new Map(), backendScopes: /* @__PURE__ */ new Map() };
}
var routeKey = (ref, part) => JSON.stringify(part ? { ...ref, part } : ref), storage = globalThis[/* @__PURE__ */ Symbol.for(`firebreak.engine-context.v${0}`)] ??= new AsyncLocalStorage();
function withContext(ctx, fn) {
  return storage.run({ ctx }, fn);
}
function withProgram(ctx, lifetime, fn) {
  return storage.run({ ctx, program: lifetime }, fn);
}
function withStep(step, fn) {
  let frame = storage.getStore();
  if (!frame) throw outsidePlan("run.step");
  return storage.run({ ctx: frame.ctx, step, ...frame.program ? { program: frame.program } : {} }, fn);
}
function currentStepId() {
  return storage.getStore()?.step?.id;
}
function programWatch() {
  let frame = storage.getStore();
  return frame && !frame.inOperation ? frame.ctx.watch : void 0;
}
function asOperation(fn) {
  let frame = storage.getStore();
  return frame ? storage.run({ ...frame, inOperation: !0 }, fn) : fn();
}
function currentStepName() {
  return storage.getStore()?.step?.name;
}
function currentContext(operation = "this operation") {
  let frame = storage.getStore();
  if (!frame) throw outsidePlan(operation);
  let late = lateCall(operation);
  if (late) throw late;
  return frame.ctx;
}
function lateCall(operation) {
  let frame = storage.getStore();
  if (!(!frame?.program?.over || frame.inOperation))
    return frame.ctx.signal.aborted ? new CancelledError(`the run is stopping: not starting ${operation}`) : (frame.ctx.journal.emit({
      type: "recommendation",
      text: `Await ${operation} inside the plan's program`,
      reason: "the program called it after it had finished (from a setTimeout, or a promise nothing awaited); the run refused it"
    }), new InvalidPlanError(`${operation} was called after the plan's program had finished, and was refused: await it inside the program.`));
}
function outsidePlan(operation) {
  return new InvalidPlanError(
    `${operation} was called outside a running plan. Call it inside the program passed to plan(...), and await it (a call left un-awaited runs after the plan has finished).`
  );
}

// sdk/engine/cut-short.ts
function unlessAborted(signal, answer, doing) {
  return signal ? new Promise((resolve2, reject) => {
    let abort = () => reject(new CancelledError(`cut short by an interrupt while it was ${doing}`));
    signal.addEventListener("abort", abort, { once: !0 }), answer.then(resolve2, reject).finally(() => signal.removeEventListener("abort", abort)), signal.aborted && abort();
  }) : answer;
}

// sdk/engine/journal.ts
var journalRef = ({ apiVersion, kind, namespace, name, context }) => ({
  apiVersion,
  kind,
  name,
  ...namespace ? { namespace } : {},
  ...context ? { context } : {}
}), Journal = class {
  constructor(sink, clock, scrub) {
    this.sink = sink;
    this.clock = clock;
    this.scrub = scrub;
  }
  sink;
  clock;
  scrub;
  events = [];
  listeners = /* @__PURE__ */ new Set();
  over = !1;
  emit(event) {
    let stepId = event.stepId ?? currentStepId(), stamped = { at: this.clock.now(), ...event.type === "change" ? redactChange(event) : event, ...stepId !== void 0 ? { stepId } : {} }, scrubbed = this.scrub ? this.scrub.event(stamped) : stamped, full = event.type === "change" && scrubbed.type === "change" && !scrubbed.digests ? { ...scrubbed, ...this.digests(event, scrubbed) } : scrubbed;
    if (this.over) return full;
    this.sink?.append(full), this.events.push(full);
    for (let l of this.listeners) l(full);
    return full;
  }
  /**
   * For a change whose values are shown hidden (`shown`: "[redacted]" → "[redacted]"), what still
   * says whether the run left the field changed (netChanges): each `raw` value's keyed hash, under
   * a key this journal made and keeps nowhere, so a hash cannot be checked against guesses.
   */
  digests(raw, shown) {
    if (sameJson(raw.before, shown.before) && sameJson(raw.after, shown.after)) return {};
    let crypto = process.getBuiltinModule("node:crypto");
    this.digestKey ??= crypto.randomBytes(32);
    let digest = (v) => crypto.createHmac("sha256", this.digestKey).update(JSON.stringify(v) ?? "undefined").digest("base64url").slice(0, 22);
    return { digests: { before: digest(raw.before), after: digest(raw.after) } };
  }
  digestKey;
  onEvent(listener) {
    return this.listeners.add(listener), () => this.listeners.delete(listener);
  }
  /** True once closed at plan-finished: the run has said its last word. */
  get closed() {
    return this.over;
  }
  close() {
    this.over = !0, this.sink?.close();
  }
}, foreseeStop = (journal, reason) => journal.emit({ type: "note", text: `the run would stop here: ${reason}`, stops: !0 });

// sdk/engine/held-splits.ts
function splitIn(shift, object) {
  try {
    return { now: shift.splitOf(object) };
  } catch (err) {
    return { unreadable: describeError(err).message };
  }
}
function editText(shift, edit) {
  return edit.gone ? `deleted by ${edit.by}: ${shift.without.text}` : `rewritten by ${edit.by}`;
}
function asEditLeft(edit, object, found) {
  return edit.gone !== !object ? !1 : found.now ? edit.split !== void 0 && sameSplit(found.now, edit.split) : found.unreadable === edit.unreadable;
}
async function checkHeld(ctx, shifts, signal) {
  let reads = /* @__PURE__ */ new Map(), busy = new Set(ctx.shifting.keys());
  for (let s of shifts) reads.has(refString(s.ref)) || reads.set(refString(s.ref), unlessAborted(signal, ctx.kube.get(s.ref), "read"));
  let found = await Promise.allSettled(shifts.map((s) => reads.get(refString(s.ref)))), current2 = new Set(ctx.shifts.values()), moving = (s) => busy.has(refString(s.ref)) || ctx.shifting.has(refString(s.ref)) || !current2.has(s), check = { drifts: [], unread: [], landed: [] };
  return shifts.forEach((shift, i) => {
    if (moving(shift)) return;
    let read2 = found[i];
    if (read2.status === "rejected") return void check.unread.push({ shift, error: read2.reason });
    let seen = read2.value ? splitIn(shift, read2.value) : shift.edit?.gone ? { now: shift.without.split } : {}, { now, unreadable } = seen;
    if (now && sameSplit(now, shift.split)) return;
    if (now && shift.unconfirmed && sameSplit(now, shift.unconfirmed)) return void check.landed.push({ shift: landed(ctx, shift, now), split: now });
    let own2 = shift.edit && asEditLeft(shift.edit, read2.value, seen) ? { changedBy: editText(shift, shift.edit) } : {}, drift = { route: shift.label, written: formatSplit(shift.split), ...now ? { found: formatSplit(now) } : {}, ...unreadable ? { unreadable } : {}, ...own2 };
    check.drifts.push({ shift, drift }), ctx.journal.emit({ type: "traffic", route: journalRef(shift.ref), split: now ?? {}, verified: !1, drift: { written: shift.split, ...unreadable ? { unreadable } : {} }, ...own2 }), ctx.journal.emit({ type: "note", text: new RouteDriftError([drift]).message });
  }), check;
}
function landed(ctx, shift, now) {
  let { unconfirmed: _, ...rest } = shift, confirmed = { ...rest, split: now };
  for (let [key, s] of ctx.shifts) s === shift && ctx.shifts.set(key, confirmed);
  return ctx.journal.emit({ type: "traffic", route: journalRef(shift.ref), split: now, verified: !0 }), ctx.journal.emit({ type: "note", text: `${shift.label} holds ${formatSplit(now)}, read again: the run's write of it landed, though its answer was lost` }), confirmed;
}
async function confirmRoutesHeld(ctx, skip, signal) {
  let shifts = [...ctx.shifts].filter(([key]) => !skip.has(key)).map(([, s]) => s);
  if (!shifts.length) return { drifts: [], landed: [] };
  let { drifts, unread, landed: landed2 } = await checkHeld(ctx, shifts, signal);
  for (let { shift, error } of unread) {
    ctx.journal.emit({ type: "traffic", route: journalRef(shift.ref), split: shift.split, verified: !1 });
    let where = shift.unconfirmed ? `where it is: ${formatSplit(shift.split)} as the run last confirmed, or ${formatSplit(shift.unconfirmed)} if its write whose answer was lost landed` : `it still holds ${formatSplit(shift.split)}`;
    ctx.journal.emit({ type: "note", text: `${shift.label} could not be read again to confirm ${where}: ${describeError(error).message}` });
  }
  return { drifts: drifts.map((d) => d.drift), landed: landed2 };
}

// sdk/gates/indicators/types.ts
function counted(selector2, window) {
  let before = `count_over_time(${selector2}[1h] offset ${window})`;
  return `(increase(${selector2}[${window}]) and ${before}) or (max_over_time(${selector2}[${window}]) unless ${before})`;
}
var countOf = (selectors, window) => `sum(${selectors.map((s) => counted(s, window)).join(" or ")})`;
function promString(value) {
  return JSON.stringify(value);
}
function regexEscape(value) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// sdk/gates/indicators/ingress-nginx.ts
function backendSelectors(namespace, backend, extra) {
  let ns = `namespace=${promString(namespace)}`, upstream = `canary=~${promString(`${regexEscape(`${namespace}-${backend}-`)}([0-9]+|[a-z0-9]+)`)}`;
  return [[ns, `service=${promString(backend)}`, 'canary=""', ...extra].join(","), [ns, upstream, ...extra].join(",")];
}
var either = (fn, metric, selectors, window) => selectors.map((s) => `${fn}(${metric}{${s}}[${window}])`).join(" or "), countEither = (selectors, window) => countOf(selectors.map((s) => `${REQUESTS}{${s}}`), window), own = (scope, extra = []) => backendSelectors(scope.namespace, scope.version ?? scope.service, extra), users = (scope, extra = []) => {
  let [, asCanary] = backendSelectors(scope.namespace, scope.service, extra);
  return [[`namespace=${promString(scope.namespace)}`, `service=${promString(scope.service)}`, ...extra].join(","), asCanary];
}, ERRORS = ['status=~"5.."'], REQUESTS = "nginx_ingress_controller_requests", DURATION = "nginx_ingress_controller_request_duration_seconds_bucket", buckets = (scope, window) => `sum by (le) (${either("rate", DURATION, own(scope), window)})`, ingressNginxIndicators = {
  mesh: "ingress-nginx",
  requests: (scope, window) => countEither(own(scope), window),
  errors: (scope, window) => countEither(own(scope, ERRORS), window),
  latency: (scope, quantile, window) => `histogram_quantile(${quantile}, ${buckets(scope, window)}) * 1000`,
  latencyBuckets: buckets,
  histogram: "nginx_ingress_controller_request_duration_seconds",
  bucketUnitMs: 1e3,
  userRequests: (scope, window) => countEither(users(scope), window),
  userErrors: (scope, window) => countEither(users(scope, ERRORS), window),
  requestSamples: (scope, range) => either("count_over_time", REQUESTS, own(scope), range),
  userSamples: (scope, range) => either("count_over_time", REQUESTS, users(scope), range)
};

// sdk/gates/indicators/istio.ts
var selector = (scope, reporter, extra = "") => [
  `reporter=${promString(reporter)}`,
  `destination_service_namespace=${promString(scope.namespace)}`,
  `destination_service_name=${promString(scope.service)}`,
  ...scope.version ? [`destination_version=${promString(scope.version)}`] : [],
  ...extra ? [extra] : []
].join(","), ERRORS2 = ['response_code=~"5.."', 'grpc_response_status=~"2|4|12|13|14|15"'], buckets2 = (scope, window) => `sum by (le) (rate(istio_request_duration_milliseconds_bucket{${selector(scope, "destination")}}[${window}]))`, istioIndicators = {
  mesh: "istio",
  requests: (scope, window) => countOf([`istio_requests_total{${selector(scope, "destination")}}`], window),
  // a series that is both a 5xx and a gRPC error is counted once (countOf's `or`)
  errors: (scope, window) => countOf(ERRORS2.map((e) => `istio_requests_total{${selector(scope, "destination", e)}}`), window),
  latency: (scope, quantile, window) => `histogram_quantile(${quantile}, ${buckets2(scope, window)})`,
  latencyBuckets: buckets2,
  histogram: "istio_request_duration_milliseconds",
  bucketUnitMs: 1,
  // The source reporter (the ingress gateway) sees what users saw, including requests that never reached a pod.
  userRequests: (scope, window) => countOf([`istio_requests_total{${selector({ ...scope, version: void 0 }, "source")}}`], window),
  userErrors: (scope, window) => countOf(ERRORS2.map((e) => `istio_requests_total{${selector({ ...scope, version: void 0 }, "source", e)}}`), window),
  requestSamples: (scope, range) => `count_over_time(istio_requests_total{${selector(scope, "destination")}}[${range}])`,
  userSamples: (scope, range) => `count_over_time(istio_requests_total{${selector({ ...scope, version: void 0 }, "source")}}[${range}])`
};

// sdk/gates/indicators/linkerd.ts
var inbound = (scope, extra = "") => ['direction="inbound"', `namespace=${promString(scope.namespace)}`, `deployment=${promString(scope.version ?? scope.service)}`, ...extra ? [extra] : []].join(","), outbound = (scope, extra = "") => ['direction="outbound"', `dst_namespace=${promString(scope.namespace)}`, `dst_service=${promString(scope.service)}`, ...extra ? [extra] : []].join(","), FAILURE = 'classification="failure"', buckets3 = (scope, window) => `sum by (le) (rate(response_latency_ms_bucket{${inbound(scope)}}[${window}]))`, linkerdIndicators = {
  mesh: "linkerd",
  requests: (scope, window) => countOf([`response_total{${inbound(scope)}}`], window),
  errors: (scope, window) => countOf([`response_total{${inbound(scope, FAILURE)}}`], window),
  latency: (scope, quantile, window) => `histogram_quantile(${quantile}, ${buckets3(scope, window)})`,
  latencyBuckets: buckets3,
  histogram: "response_latency_ms",
  bucketUnitMs: 1,
  userRequests: (scope, window) => countOf([`response_total{${outbound(scope)}}`], window),
  userErrors: (scope, window) => countOf([`response_total{${outbound(scope, FAILURE)}}`], window),
  requestSamples: (scope, range) => `count_over_time(response_total{${inbound(scope)}}[${range}])`,
  userSamples: (scope, range) => `count_over_time(response_total{${outbound(scope)}}[${range}])`
};

// sdk/gates/indicators/index.ts
var byMesh = {
  istio: istioIndicators,
  linkerd: linkerdIndicators,
  "ingress-nginx": ingressNginxIndicators
};
function indicatorsFor(mesh) {
  let found = byMesh[mesh];
  if (!found)
    throw new InvalidPlanError(
      `There are no built-in metrics for '${mesh}'; built-in ones exist for: ${Object.keys(byMesh).join(", ")}. Use gates.query({ promql, ... }) instead.`
    );
  return found;
}

// sdk/gates/gate.ts
var DEFAULT_POLICY = {
  interval: "10s",
  timeout: "5m",
  consecutive: 1,
  failureLimit: 0,
  // two transient provider errors in a row are retried; the third fails the gate
  consecutiveErrorLimit: 2
};
function verdict(phase, reason, evidence) {
  return { phase, reason, evidence: [{ ...evidence, phase, reason }] };
}

// sdk/gates/measure.ts
async function read(metrics, query, at) {
  let r = await metrics.query(query, at);
  if (!r.samples.length) return { query, warnings: r.warnings, value: null, missing: "empty vector" };
  if (r.samples.length > 1) throw new MetricsQueryError(query, severalSeries(r.samples.map((s) => s.labels)));
  let v = r.samples[0].value;
  return Number.isFinite(v) ? { query, warnings: r.warnings, value: v } : { query, warnings: r.warnings, value: null, missing: Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf" };
}
function severalSeries(labelSets) {
  let shown = labelSets.slice(0, 2).map((l) => `{${Object.entries(l).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ")}}`), more = labelSets.length > 2 ? ` and ${labelSets.length - 2} more` : "";
  return `answered ${labelSets.length} series (${shown.join(", ")}${more}), and a gate judges one number: aggregate them in the query as the bound means them, e.g. sum(\u2026) for a total, max(\u2026) for the worst of a max bound, min(\u2026) for the worst of a min bound`;
}
function requireMetrics(r) {
  if (!r.ctx.metrics) throw new MetricsUnavailableError("(none)", "no metrics provider is configured; pass --prometheus URL (CLI) or prometheus-url (action)");
  return r.ctx.metrics;
}
var warningNote = (warnings) => `Prometheus warned: ${[...new Set(warnings)].join("; ")}`;
function judge(pass, reason, warnings, evidence) {
  return warnings.length ? pass ? verdict("inconclusive", `${reason}, but ${warningNote(warnings)}: not a pass on possibly partial data`, evidence) : verdict("failed", `${reason} (${warningNote(warnings)})`, evidence) : verdict(pass ? "passed" : "failed", reason, evidence);
}
function undecided(reason, warnings, evidence) {
  return verdict("inconclusive", warnings.length ? `${reason} (${warningNote(warnings)})` : reason, evidence);
}
function noData(r, what, evidence) {
  let reason = `no data (${r.missing}): ${what}${r.warnings.length ? ` (${warningNote(r.warnings)})` : ""}`;
  return verdict("inconclusive", reason, { ...evidence, query: r.query, value: null });
}

// sdk/gates/sampling.ts
var LOOKBACK_MS = 10 * 6e4, STEP_S = 1, SLOT = "999ms", USUAL_INTERVALS_MS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300].map((s) => s * 1e3), median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function sampleSpacingMs(metrics, samples, at) {
  let { series } = await metrics.queryRange(samples(SLOT), at - LOOKBACK_MS, at, STEP_S), spacings = series.map((s) => s.points.map((p) => p.at)).filter((times) => times.length >= 2).map((times) => median(times.slice(1).map((t, i) => t - times[i])));
  if (!spacings.length) return null;
  let densest = Math.min(...spacings);
  return USUAL_INTERVALS_MS.find((ms) => Math.abs(ms - densest) <= STEP_S * 1e3) ?? densest;
}
async function windowTooShort(metrics, ind, scope, window, at) {
  let windowMs = promRangeMs(window), spacingMs, inWindow;
  try {
    [spacingMs, { value: inWindow }] = await Promise.all([
      sampleSpacingMs(metrics, (range) => ind.requestSamples(scope, range), at),
      read(metrics, `max(${ind.requestSamples(scope, window)})`, at)
    ]);
  } catch (err) {
    if (err instanceof MetricsUnavailableError || err instanceof MetricsQueryError) return null;
    throw err;
  }
  if (spacingMs === null || (inWindow ?? 0) > 1 || windowMs >= 2 * spacingMs) return null;
  let suggested = formatMs(Math.ceil(4 * spacingMs / 6e4) * 6e4);
  return `${window} is shorter than two scrape intervals of its series (a sample every ${formatMs(spacingMs)}): increase() needs two samples in its window and finds at most one; give the gate a window of four scrape intervals or more (window: "${suggested}")`;
}

// sdk/engine/impact.ts
var sumOf = (samples) => samples.reduce((s, x) => s + (Number.isFinite(x.value) ? x.value : 0), 0);
async function instant(metrics, query, at) {
  let r = await metrics.query(query, at);
  return r.samples.length ? sumOf(r.samples) : null;
}
async function countsOver(metrics, queries, range, to) {
  let requests = null, failed = 0;
  for (let q of queries) {
    let t = await instant(metrics, q.total(range), to);
    t !== null && (requests = (requests ?? 0) + t, failed += await instant(metrics, q.errors(range), to) ?? 0);
  }
  return { requests, failed };
}
function cutShortBy(signal, metrics) {
  if (!signal) return metrics;
  let measured = (answer) => unlessAborted(signal, answer, "measured");
  return { url: metrics.url, query: (...a) => measured(metrics.query(...a)), queryRange: (...a) => measured(metrics.queryRange(...a)) };
}
var SHORTEST_WINDOW_MS = 1e4, rangeOf = (ms) => ms % 1e3 === 0 ? `${ms / 1e3}s` : `${ms}ms`;
function windowOf(planFrom, to, shortestMs) {
  let windowMs = Math.max(shortestMs, to - planFrom), from = to - windowMs;
  return {
    windowMs,
    range: rangeOf(windowMs),
    base: { type: "impact", from, to, query: "", ...from < planFrom ? { beforePlanMs: planFrom - from } : {} }
  };
}
var endFrom = (to, stepMs, shortestMs, lastChange = -1 / 0) => Math.min(to - shortestMs, Math.max(to - stepMs, lastChange));
async function measureImpact(ctx, planFrom, to, signal) {
  let scopes = [...ctx.impactScopes.values()], { base } = windowOf(planFrom, to, SHORTEST_WINDOW_MS);
  if (!scopes.length) return void ctx.journal.emit({ ...base, requests: null, failed: null, series: [], reason: "the plan touched no traffic route" });
  if (!ctx.metrics) return void ctx.journal.emit({ ...base, requests: null, failed: null, series: [], reason: "no metrics provider is configured (--prometheus URL)" });
  let metrics = cutShortBy(signal, ctx.metrics);
  try {
    let queries = scopes.map((s) => {
      let ind = indicatorsFor(s.mesh);
      return { total: (w) => ind.userRequests(s, w), errors: (w) => ind.userErrors(s, w), samples: (r) => ind.userSamples(s, r) };
    }), spacings = await Promise.all(queries.map((q) => sampleSpacingMs(metrics, q.samples, to))), shortestMs = Math.max(SHORTEST_WINDOW_MS, ...spacings.map((ms) => 2 * (ms ?? 0))), measured = windowOf(planFrom, to, shortestMs), { windowMs, range: window } = measured;
    base = { ...measured.base, query: queries.map((q) => q.errors(window)).join(" + ") };
    let { requests, failed } = await countsOver(metrics, queries, window, to), stepS = Math.max(shortestMs / 1e3, Math.ceil(windowMs / 6e4)), endsFrom = endFrom(to, stepS * 1e3, shortestMs, lastTrafficChange(ctx.journal.events)), atEnd = await countsOver(metrics, queries, rangeOf(to - endsFrom), to), byTime = /* @__PURE__ */ new Map();
    for (let q of queries) {
      let [tot, err] = await Promise.all([
        metrics.queryRange(q.total(`${stepS}s`), base.from, to, stepS),
        metrics.queryRange(q.errors(`${stepS}s`), base.from, to, stepS)
      ]);
      for (let p of tot.series.flatMap((s) => s.points)) {
        let e = byTime.get(p.at) ?? { requests: 0, failed: 0 };
        e.requests += Number.isFinite(p.value) ? p.value : 0, byTime.set(p.at, e);
      }
      for (let p of err.series.flatMap((s) => s.points)) {
        let e = byTime.get(p.at) ?? { requests: 0, failed: 0 };
        e.failed += Number.isFinite(p.value) ? p.value : 0, byTime.set(p.at, e);
      }
    }
    let series = [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([at, v]) => ({ at, requests: Math.round(v.requests), errorRate: v.requests > 0 ? v.failed / v.requests : null }));
    ctx.journal.emit({
      ...base,
      requests: requests === null ? null : Math.round(requests),
      failed: requests === null ? null : Math.round(failed),
      series,
      ...atEnd.requests !== null ? { end: { from: endsFrom, requests: Math.round(atEnd.requests), errorRate: atEnd.requests > 0 ? atEnd.failed / atEnd.requests : null } } : {},
      ...requests === null ? { reason: "no requests were recorded for the plan's services in its window" } : {}
    });
  } catch (err) {
    let reason = err instanceof CancelledError ? err.message : `metrics query failed: ${describeError(err).message}`;
    ctx.journal.emit({ ...base, requests: null, failed: null, series: [], reason });
  }
}

// sdk/engine/preview-kube.ts
var keyOf = (r) => `${r.context ?? ""}|${r.apiVersion}|${r.kind}|${r.namespace ?? ""}|${r.name}`;
function createPreviewKube(real) {
  let overlay = /* @__PURE__ */ new Map(), applied = /* @__PURE__ */ new Map();
  return {
    async get(ref) {
      let o = overlay.get(keyOf(ref));
      return o ? structuredClone(o) : o === null ? void 0 : real.get(ref);
    },
    async list(options) {
      return (await real.list(options)).flatMap((o) => {
        let laid = overlay.get(keyOf({ ...o.metadata, apiVersion: o.apiVersion, kind: o.kind, context: options.context }));
        return laid === null ? [] : [laid ?? o];
      });
    },
    async patch() {
      throw new Error("preview never writes: this is a bug in Firebreak (a write bypassed the preview path)");
    },
    proxyGet: (pod, path) => real.proxyGet(pod, path),
    // a dry-run apply persists nothing: it is how preview learns what an apply would change
    async apply(obj, options = {}) {
      if (!options.dryRun) throw new Error("preview never writes: this is a bug in Firebreak (an apply bypassed the preview path)");
      if (!real.apply) throw new Error("this Kubernetes port cannot server-side apply");
      return real.apply(obj, options);
    },
    ...real.connection ? { connection: (context) => real.connection(context) } : {},
    ...real.unsentWrite ? { unsentWrite: (ref, verb) => real.unsentWrite(ref, verb) } : {},
    put(ref, object, how) {
      overlay.set(keyOf(ref), structuredClone(object)), how?.applied && applied.set(keyOf(ref), structuredClone(object));
    },
    remove(ref) {
      overlay.set(keyOf(ref), null), applied.delete(keyOf(ref));
    },
    live: (ref) => real.get(ref),
    async beforePatches(ref) {
      let a = applied.get(keyOf(ref));
      return a ? structuredClone(a) : real.get(ref);
    }
  };
}

// sdk/engine/provider-clock.ts
var NOTED_SKEW_MS = 1e3;
function onProviderClock(metrics, clock, journal) {
  let providerNow = metrics.now?.bind(metrics);
  if (!providerNow) return metrics;
  let offset, offsetMs = () => offset ??= (async () => {
    let sent = clock.now(), theirs = await providerNow(), ms = Math.round(theirs - (sent + clock.now()) / 2);
    return Math.abs(ms) >= NOTED_SKEW_MS && journal.emit({
      type: "note",
      text: `the metrics provider at ${metrics.url} is ${formatMs(Math.abs(ms))} ${ms > 0 ? "ahead of" : "behind"} this runner's clock: gate windows and the impact query are placed on its clock. Check NTP on the runner and on the provider.`
    }), ms;
  })().catch((err) => {
    throw offset = void 0, err;
  });
  return {
    url: metrics.url,
    async query(promql, at) {
      return at === void 0 ? metrics.query(promql) : { ...await metrics.query(promql, at + await offsetMs()), at };
    },
    async queryRange(promql, startMs, endMs, stepSeconds) {
      let ms = await offsetMs(), result = await metrics.queryRange(promql, startMs + ms, endMs + ms, stepSeconds);
      return { ...result, series: result.series.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, at: p.at - ms })) })) };
    }
  };
}

// sdk/workloads/rollout-status.ts
function deadlineExceeded(deploy, replicaSet) {
  let progressing = (deploy.status?.conditions ?? []).find((c) => c.type === "Progressing");
  if (progressing?.reason !== "ProgressDeadlineExceeded" || !replicaSet) return;
  let message = progressing.message ?? "";
  return message.includes(`"${replicaSet.metadata.name}"`) ? message.replace(/\.$/, "") : void 0;
}
function deploymentTemplateOf(replicaSet) {
  let template = structuredClone(replicaSet?.spec?.template);
  return delete template?.metadata?.labels?.["pod-template-hash"], template;
}
function pausedMidRollout(deploy, replicaSet) {
  if (!deploy.spec?.paused) return !1;
  if ((deploy.status?.replicas ?? 0) > (deploy.status?.updatedReplicas ?? 0)) return !0;
  let template = deploymentTemplateOf(replicaSet);
  return !template || diffObjects(template, deploy.spec.template).length > 0;
}
function cannotCreate(deploy) {
  let failure = (deploy.status?.conditions ?? []).find((c) => c.type === "ReplicaFailure" && c.status === "True");
  return failure ? `; its pods cannot be created (${failure.reason}): ${failure.message}` : "";
}
var DELETED_MID_WAIT = "it was deleted while its rollout was awaited (a GitOps prune, a kubectl delete), and its pods go with it; find out who did (the API server's audit log, your GitOps tool) before re-creating it from its manifest";
function wontStart(pod) {
  let statuses = [
    ...(pod.status?.initContainerStatuses ?? []).map((cs) => ({ ...cs, init: !0 })),
    ...(pod.status?.containerStatuses ?? []).map((cs) => ({ ...cs, init: !1 }))
  ], { name, namespace } = pod.metadata, several = statuses.length > 1;
  for (let cs of statuses) {
    let reason = cs.state?.waiting?.reason, which = several ? `${cs.init ? "init container" : "container"} ${cs.name}, ` : "", what = `pod ${name} is in ${reason} (${which}restarts: ${cs.restartCount ?? 0})`;
    if (reason === "CrashLoopBackOff") return `${what}; see why: kubectl logs --previous ${name}${several ? ` -c ${cs.name}` : ""} -n ${namespace}`;
    if (reason === "ImagePullBackOff" || reason === "ErrImagePull") return `${what}; check the image name and the pull secret: kubectl describe pod ${name} -n ${namespace}`;
  }
}
function rolloutStatus(deploy, pods, replicaSet) {
  let spec = deploy.spec ?? {}, st = deploy.status ?? {}, want = spec.replicas ?? 1, { namespace, name } = deploy.metadata;
  if (deploy.metadata.deletionTimestamp) return { done: !1, failed: !0, message: DELETED_MID_WAIT };
  if (pausedMidRollout(deploy, replicaSet))
    return { done: !1, failed: !0, message: `it is paused (kubectl rollout pause), so its pods will not change; resume it: kubectl rollout resume deployment/${name} -n ${namespace}` };
  if ((deploy.metadata.generation ?? 0) > (st.observedGeneration ?? 0))
    return { done: !1, failed: !1, message: "waiting for the deployment controller to observe the new spec" };
  let why = cannotCreate(deploy), exceeded = deadlineExceeded(deploy, replicaSet);
  if (exceeded)
    return {
      done: !1,
      failed: !0,
      message: `it exceeded its progress deadline (progressDeadlineSeconds: ${spec.progressDeadlineSeconds}): ${exceeded}${why}; see why: kubectl describe deployment/${name} -n ${namespace}`
    };
  for (let pod of pods) {
    let stuck = wontStart(pod);
    if (stuck) return { done: !1, failed: !0, message: stuck };
  }
  let updated = st.updatedReplicas ?? 0, total = st.replicas ?? 0, available = st.availableReplicas ?? 0, waiting = (message) => ({ done: !1, failed: !1, message: `${message}${why}` });
  return updated < want ? waiting(`${updated} of ${want} updated replicas`) : total > updated ? waiting(`${total - updated} old replicas pending termination`) : available < updated ? waiting(`${available} of ${updated} updated replicas available`) : { done: !0, message: `${available} of ${want} replicas updated and available` };
}

// sdk/workloads/rollouts.ts
var rollsOut = (ref, changes) => ref.kind === "Deployment" && changes.some((c) => c.field === "spec.template" || c.field.startsWith("spec.template."));
function recordRollout(ctx, ref, after) {
  ctx.rollouts.set(refString(ref), {
    ref,
    label: refString(ref),
    at: ctx.clock.now(),
    generation: after.metadata.generation ?? 0
  });
}
function noteRolledOut(ctx, ref, deployment) {
  let rollout = ctx.rollouts.get(refString(ref));
  !rollout || rollout.doneAt !== void 0 || (deployment.status?.observedGeneration ?? 0) < rollout.generation || ctx.rollouts.set(refString(ref), { ...rollout, doneAt: ctx.clock.now() });
}
async function checkRollout(ctx, rollout) {
  if (rollout.doneAt !== void 0) return { rollout, doneAt: rollout.doneAt };
  let deployment = await ctx.kube.get(rollout.ref);
  if (!deployment) return { rollout, pending: "it is gone" };
  let status = rolloutStatus(deployment, []);
  status.done && noteRolledOut(ctx, rollout.ref, deployment);
  let doneAt = ctx.rollouts.get(refString(rollout.ref))?.doneAt;
  return doneAt === void 0 ? { rollout, pending: status.message } : { rollout, doneAt };
}
async function recordRollouts(ctx, objects, before) {
  let deployments = objects.filter((ref) => ref.kind === "Deployment"), after = await Promise.all(deployments.map((ref) => ctx.kube.get(ref)));
  deployments.forEach((ref, i) => {
    let now = after[i];
    now && rollsOut(ref, diffObjects(before.get(refString(ref)) ?? { metadata: {} }, now)) && recordRollout(ctx, ref, now);
  });
}

// sdk/gates/traffic.ts
var DEFAULT_WINDOW = "1m", DEFAULT_MIN_REQUESTS = 50, subjectOf = (t) => "route" in t ? t.destination : t.version ?? t.service;
async function resolve(r, target) {
  if (!("route" in target)) return { mesh: target.mesh, scope: target };
  let key = `metric-scope|${target.route.label}|${target.destination}`, known = r.state.get(key);
  if (known) return known;
  let found = { mesh: target.route.router.metrics, scope: await target.route.metricScope(target.destination) };
  return r.state.set(key, found), found;
}
var overlaps = (a, b) => a.namespace === b.namespace && a.service === b.service && (!a.version || !b.version || a.version === b.version);
function shiftsServing(ctx, mesh, scope) {
  return [...ctx.shifts.values()].filter((s) => s.mesh === mesh && s.scopes.some((d) => overlaps(d, scope))).sort((a, b) => b.at - a.at);
}
function rolloutsServing(ctx, target, mesh, scope) {
  let behind = [...ctx.backendScopes.values()].filter((b) => b.mesh === mesh && overlaps(b.scope, scope)).map((b) => b.deployment), own2 = "route" in target ? target.route.backend(target.destination)?.ref : void 0;
  return [...new Set([...behind, ...own2 ? [own2] : []].map(refString))].flatMap((d) => ctx.rollouts.get(d) ?? []);
}
async function rolloutWait(ctx, rollouts, window, at) {
  let progress = await Promise.all(rollouts.map((o) => checkRollout(ctx, o))), pending = progress.flatMap((p) => "pending" in p ? [p] : [])[0];
  if (pending)
    return `the rollout of ${pending.rollout.label} (started at ${clockTime(pending.rollout.at)}) is not complete: ${pending.pending}; waiting for it, then for a ${window} window of traffic after it`;
  let last = progress.flatMap((p) => "doneAt" in p ? [p] : []).sort((a, b) => b.doneAt - a.doneAt)[0];
  if (!(!last || at - last.doneAt >= promRangeMs(window)))
    return `${formatMs(at - last.doneAt)} since the rollout of ${last.rollout.label} completed at ${clockTime(last.doneAt)}: waiting for a ${window} window of traffic after it`;
}
var HELD = "routes-held";
async function confirmServingHeld(r, serving) {
  if (!serving.length) return;
  let state = r.shared ?? r.state, memo = state.get(HELD);
  memo?.round !== r.round && state.set(HELD, memo = { round: r.round, checks: /* @__PURE__ */ new Map() });
  let unchecked = serving.filter((s) => !memo.checks.has(s));
  if (unchecked.length) {
    let check = checkHeld(r.ctx, unchecked);
    for (let s of unchecked) memo.checks.set(s, check);
  }
  let checks = await Promise.all([...new Set(serving.map((s) => memo.checks.get(s)))]), mine = (found) => found.filter((f) => serving.includes(f.shift)), unread = checks.flatMap((c) => mine(c.unread));
  if (unread.length) throw unread[0].error;
  let drifts = checks.flatMap((c) => mine(c.drifts));
  if (drifts.length) throw new RouteDriftError(drifts.map((d) => d.drift));
}
async function checkTarget(r, target, opts) {
  let metrics = requireMetrics(r), { mesh, scope } = await resolve(r, target), short = await windowTooShort(metrics, indicatorsFor(mesh), scope, opts.window ?? DEFAULT_WINDOW, r.ctx.clock.now());
  if (short) throw new InvalidPlanError(`The gate on ${subjectOf(target)} can never see its requests: ${short}.`);
}
async function countTraffic(r, target, opts, role = "") {
  let metrics = requireMetrics(r), window = opts.window ?? DEFAULT_WINDOW, minRequests = opts.minRequests ?? DEFAULT_MIN_REQUESTS, { mesh, scope } = await resolve(r, target), ind = indicatorsFor(mesh), subject = subjectOf(target), who = role ? `${role} ${subject}` : subject, at = r.ctx.clock.now(), serving = shiftsServing(r.ctx, mesh, scope);
  await confirmServingHeld(r, serving);
  let shift = serving[0], waiting = { at, indicator: "requests", subject, window, value: null };
  if (shift && at - shift.at < promRangeMs(window))
    return verdict("inconclusive", `${formatMs(at - shift.at)} since ${shift.label} last shifted: waiting for a ${window} window of traffic after it`, waiting);
  let rolledOut = await rolloutWait(r.ctx, rolloutsServing(r.ctx, target, mesh, scope), window, at);
  if (rolledOut) return verdict("inconclusive", rolledOut, waiting);
  let reading = await read(metrics, ind.requests(scope, window), at), evidence = { at, indicator: "requests", subject, window, threshold: `>= ${minRequests} requests` };
  if (reading.value === null) {
    let short = reading.missing === "empty vector" ? await windowTooShort(metrics, ind, scope, window, at) : null, why = short ? `, likely because ${short}` : " \u2014 is it receiving traffic?";
    return noData(reading, `${who} has no requests recorded in the last ${window}${why}`, { ...evidence, samples: 0 });
  }
  if (reading.value < minRequests) {
    let short = Math.floor(reading.value);
    return verdict("inconclusive", `too few requests: ${short} in ${window} to ${who} (need ${minRequests} for a verdict)`, {
      ...evidence,
      query: reading.query,
      value: short,
      samples: short
    });
  }
  let requests = Math.round(reading.value);
  return { ind, scope, subject, requests: reading.value, warnings: reading.warnings, base: { at, window, samples: requests, subject } };
}

// sdk/gates/options.ts
function policyIssues(policy, at) {
  if (!policy) return [];
  let path = (field) => at ? `${at}.${field}` : field, issues = unknownKeys(policy, Object.keys(DEFAULT_POLICY), at);
  for (let field of ["interval", "timeout"]) {
    let issue2 = policy[field] === void 0 ? void 0 : durationIssue(policy[field], path(field));
    issue2 && issues.push(issue2);
  }
  policy.consecutive !== void 0 && !isCount(policy.consecutive, 1) && issues.push({ path: path("consecutive"), message: `must be a whole number of passing rounds, 1 or more (got ${policy.consecutive})` });
  for (let field of ["failureLimit", "consecutiveErrorLimit"]) {
    let v = policy[field];
    v !== void 0 && !isCount(v, 0) && v !== Number.POSITIVE_INFINITY && issues.push({ path: path(field), message: `must be a whole number of rounds, 0 or more (got ${v})` });
  }
  return issues;
}
function paceIssue(policy, at) {
  let needMs = (policy.consecutive - 1) * toMs(policy.interval), timeoutMs = toMs(policy.timeout);
  if (!(needMs <= timeoutMs))
    return {
      path: at ? `${at}.consecutive` : "consecutive",
      message: `${policy.consecutive} passing rounds ${formatMs(toMs(policy.interval))} apart take ${formatMs(needMs)}, longer than the timeout of ${formatMs(timeoutMs)}, so the gate could never pass: lower consecutive or interval, or make timeout at least ${formatMs(needMs)}`
    };
}
function holdIssue(hold, timeout, at) {
  let timeoutMs = toMs(timeout);
  if (!(hold.ms <= timeoutMs))
    return {
      path: at ? `${at}.timeout` : "timeout",
      message: `${hold.option} is ${formatMs(hold.ms)}, longer than the timeout of ${formatMs(timeoutMs)}, so ${hold.what} could never pass it: lower ${hold.option}, or make timeout at least ${formatMs(hold.ms)}`
    };
}
function checkPace(gate, policy, at = "policy", hold) {
  let issues = [paceIssue(policy, at), hold && holdIssue(hold, policy.timeout, at)].filter((i) => i !== void 0);
  if (issues.length) throw new InvalidPlanError(`${gate} got an invalid policy:`, issues);
}
var TARGET_OPTIONS = ["route", "destination", "mesh", "namespace", "service", "version"], TRAFFIC_OPTIONS = ["window", "minRequests", "policy"];
function windowAfterShift(target, opts) {
  let window = opts.window ?? DEFAULT_WINDOW;
  return (route) => "route" in target && target.route?.key === route.key ? { ms: promRangeMs(window) ?? 0, what: `a ${window} window of requests to ${target.destination}` } : void 0;
}
function checkGateOptions(gate, opts, { fractions = {}, positives = {}, numbers = {}, known }) {
  let issues = unknownKeys(opts, known);
  for (let [field, v] of Object.entries(fractions))
    typeof v == "number" && v >= 0 && v <= 1 ? field === "min" && v === 0 && issues.push({ path: field, message: "0 passes on any share, 0 included (every request failed): give the lowest share to accept, above 0, e.g. 0.99 for 99%" }) : issues.push({ path: field, message: `must be a fraction between 0 and 1, e.g. 0.99 for 99% (got ${v})` });
  for (let [field, v] of Object.entries(positives))
    typeof v == "number" && v > 0 && Number.isFinite(v) || issues.push({ path: field, message: `must be a number above 0 (got ${v})` });
  for (let [field, v] of Object.entries(numbers))
    v !== void 0 && !(typeof v == "number" && Number.isFinite(v)) && issues.push({ path: field, message: `must be a finite number (got ${quoted(v)})` });
  opts.window !== void 0 && !(typeof opts.window == "string" && promRangeMs(opts.window)) && issues.push({ path: "window", message: `must be a Prometheus range like "1m", "30s" or "1m30s", units largest first (got ${quoted(opts.window)})` }), opts.minRequests !== void 0 && !isCount(opts.minRequests, 1) && issues.push({ path: "minRequests", message: `must be a whole number of requests, 1 or more (got ${opts.minRequests})` });
  let policyProblems = policyIssues(opts.policy, "policy");
  issues.push(...policyProblems);
  let pace = policyProblems.length ? void 0 : paceIssue({ ...DEFAULT_POLICY, ...opts.policy }, "policy");
  if (pace && issues.push(pace), issues.length) throw new InvalidPlanError(`${gate} got invalid options:`, issues);
}
function checkPolicy(gate, policy, at = "policy") {
  let issues = policyIssues(policy, at);
  if (issues.length) throw new InvalidPlanError(`${gate} got an invalid policy:`, issues);
}
function workloadIssues(workload, at = "workload") {
  let given2 = workload;
  if (given2?.ref?.kind === "Deployment" && typeof given2.get == "function") return [];
  let example = `${at}: deployment({ namespace: "prod", name: "checkout-api" })`;
  if (given2 === void 0) return [{ path: at, message: `is missing; give the Deployment whose pods to read, e.g. ${example}` }];
  let what = typeof given2?.label == "string" ? given2.label : given2 && typeof given2 == "object" ? "an object" : quoted(given2);
  return [{ path: at, message: `must be a deployment() handle (got ${what}); give the Deployment whose pods to read, e.g. ${example}` }];
}

// sdk/gates/evaluate.ts
function isPlanMistakeOrCancel(err) {
  return err instanceof CancelledError || err instanceof UnknownDestinationError || err instanceof InvalidPlanError;
}
function errorVerdict(ctx, gate, err) {
  let { message } = describeError(err);
  return { phase: "error", reason: message, evidence: [{ at: ctx.clock.now(), indicator: gate.kind, value: null, phase: "error", reason: message }] };
}
async function evaluateGate(ctx, name, gate, overrides, enforced) {
  checkPolicy(`gate "${name}"`, overrides);
  let policy = { ...DEFAULT_POLICY, ...gate.policy, ...overrides }, intervalMs = toMs(policy.interval, `gate "${name}" interval`), timeoutMs = toMs(policy.timeout, `gate "${name}" timeout`);
  checkPace(`gate "${name}"`, policy, "policy", gate.holds);
  let startedAt = ctx.clock.now(), base = { type: "gate", name, kind: gate.kind, description: gate.description, enforced, startedAt };
  if (ctx.mode === "preview")
    return await gate.preflight?.({ ctx, round: 0, startedAt, state: /* @__PURE__ */ new Map() }), ctx.journal.emit({ ...base, phase: "inconclusive", reason: "not evaluated in preview", evidence: [] }), { phase: "passed", reason: "not evaluated in preview (assumed to pass)", evidence: [] };
  let evidence = [], state = /* @__PURE__ */ new Map(), passes = 0, failures = 0, errorsInRow = 0, final, last, completed = 0;
  try {
    for (; !final; ) {
      let round = completed + 1, v, drifted = !1;
      try {
        v = await gate.evaluate({ ctx, round, startedAt, state });
      } catch (err) {
        if (isPlanMistakeOrCancel(err)) throw err;
        v = errorVerdict(ctx, gate, err), drifted = err instanceof RouteDriftError;
      }
      evidence.push(...v.evidence.map((e) => asJournaled(e, ctx.clock.now()))), last = v, completed++, passes = v.phase === "passed" ? passes + 1 : 0, v.phase === "failed" && failures++, errorsInRow = v.phase === "error" ? errorsInRow + 1 : 0;
      let elapsed = ctx.clock.now() - startedAt;
      if (ctx.progress(`gate "${name}" round ${round}: ${v.phase}: ${v.reason}`), passes >= policy.consecutive) final = { ...v, phase: "passed" };
      else if (v.phase === "failed" && failures > policy.failureLimit) final = v;
      else if (drifted || v.phase === "error" && errorsInRow > policy.consecutiveErrorLimit) final = v;
      else if (elapsed + intervalMs > timeoutMs) {
        let needed = policy.consecutive > 1 ? ` (needed ${policy.consecutive} passing rounds in a row, had ${passes})` : "";
        final = {
          phase: v.phase === "passed" ? "inconclusive" : v.phase,
          reason: `did not pass within ${formatMs(timeoutMs)}${needed}; last round: ${v.reason}`,
          evidence: []
        };
      } else await ctx.clock.sleep(intervalMs, ctx.signal);
    }
  } catch (err) {
    if (err instanceof CancelledError) {
      let rounds = `${completed} round${completed === 1 ? "" : "s"}${last ? `; last round: ${last.phase}: ${last.reason}` : ""}`;
      ctx.journal.emit({ ...base, phase: "inconclusive", cancelled: !0, reason: `cancelled after ${rounds}`, evidence });
    }
    throw err;
  }
  return ctx.journal.emit({ ...base, phase: final.phase, reason: final.reason, evidence }), { ...final, evidence };
}
function asJournaled(e, now) {
  let { samples, ...rest } = e, finite = (n) => typeof n == "number" && Number.isFinite(n);
  return { ...rest, at: finite(e.at) ? e.at : now, value: finite(e.value) ? e.value : null, ...finite(samples) ? { samples } : {} };
}

// sdk/engine/run-arguments.ts
var EXAMPLE = {
  step: 'run.step("isolate", () => vs.shift({ stable: 100, release: 0 }))',
  gate: 'run.gate("release healthy", gates.successRate({ route: vs, destination: "release", min: 0.99 }))',
  check: 'run.check("fix healthy", gates.successRate({ route: vs, destination: "release", min: 0.99 }))',
  pause: 'run.pause("1m", "let 1% of traffic reach release")',
  recommend: 'run.recommend("Roll forward to 2.0.1", "1.9.0 fails against the schema 2.0.0 migrated")',
  safeState: 'run.safeState(vs, { stable: 100, release: 0 }, "all traffic on the stable pool")'
};
function given(v) {
  return typeof v == "function" ? "a function" : Array.isArray(v) ? "a list" : typeof v != "object" || v === null ? quoted(v) : typeof v.then == "function" ? "a promise" : "an object";
}
var issue = (path, problem, example) => ({ path, message: `${problem}; e.g. ${example}` });
function textIssue(value, path, example) {
  if (!(typeof value == "string" && value.trim()))
    return issue(path, value === void 0 ? "is missing" : typeof value == "string" ? "is empty" : `must be text (got ${given(value)})`, example);
}
var optionalTextIssue = (value, path, example) => value === void 0 || typeof value == "string" ? void 0 : issue(path, `must be text (got ${given(value)})`, example), refuse = (call, issues) => refuseArguments(call, issues.filter((i) => i !== void 0));
function checkStepArguments(name, fn) {
  let fnIssue = typeof fn == "function" ? void 0 : issue("fn", `must be a function doing the step's work (got ${given(fn)})`, EXAMPLE.step);
  refuse("run.step()", [textIssue(name, "name", EXAMPLE.step), fnIssue]);
}
function checkGateArguments(call, name, gate) {
  let g = gate, gateIssue = typeof g == "object" && g !== null && typeof g.evaluate == "function" && typeof g.description == "string" ? void 0 : issue("gate", gate === void 0 ? "is missing" : `must be a gate made by gates (got ${given(gate)})`, EXAMPLE[call]);
  refuse(`run.${call}()`, [textIssue(name, "name", EXAMPLE[call]), gateIssue]);
}
function checkPauseArguments(reason) {
  refuse("run.pause()", [optionalTextIssue(reason, "reason", EXAMPLE.pause)]);
}
function noteText(v) {
  return typeof v == "string" ? v : v instanceof Error ? `${v.name}: ${v.message}` : JSON.stringify(v) ?? String(v);
}
function checkRecommendArguments(text, reason) {
  refuse("run.recommend()", [textIssue(text, "text", EXAMPLE.recommend), textIssue(reason, "reason", EXAMPLE.recommend)]);
}
function checkSafeStateArguments(route, description) {
  let r = route, routeIssue = typeof r == "object" && r !== null && typeof r.label == "string" && typeof r.checkDestinations == "function" ? void 0 : issue("route", route === void 0 ? "is missing" : `must be a route handle, as istio.virtualService(\u2026) returns (got ${given(route)})`, EXAMPLE.safeState);
  refuse("run.safeState()", [routeIssue, optionalTextIssue(description, "description", EXAMPLE.safeState)]);
}

// sdk/engine/watched.ts
function leftRunning(watch, preview) {
  let left = [...watch.underway].filter((u) => u.step || !u.takenUp());
  return preview && left.push(...[...watch.settledWaits].filter((u) => !u.takenUp())), [...new Set(left.map((u) => u.operation))];
}
function unawaitedError(operations) {
  let many = operations.length > 1;
  return new InvalidPlanError(
    `${operations.join(", ")} ${many ? "were" : "was"} still running when the plan's program returned: await ${many ? "them" : "it"} (await run.step(...), or await Promise.all([...]) of what runs together). What is not awaited would go on changing the cluster after the run ends; the run stopped it.`
  );
}
function watchProgram(journal, preview = !1) {
  let over = !1, untaken, failAside = () => {
  }, failed = new Promise((_, reject) => failAside = reject), watch = {
    underway: /* @__PURE__ */ new Set(),
    settledWaits: /* @__PURE__ */ new Set(),
    onUntakenFailure: (operation, err) => {
      over || untaken || err instanceof CancelledError || (untaken = { error: err }, journal.emit({
        type: "recommendation",
        text: `Await ${operation} in the plan (await it, or await Promise.all([...]) of what runs together)`,
        reason: "it failed while the program was not awaiting it; the run stopped at that failure instead of letting the program go on"
      }), failAside(err));
    }
  };
  return {
    watch,
    failed,
    async returned() {
      if (await new Promise((judged) => process.nextTick(judged)), untaken) throw untaken.error;
      over = !0;
      let left = leftRunning(watch, preview);
      if (left.length) throw unawaitedError(left);
    },
    over: () => {
      over = !0;
    }
  };
}
var WatchedPromise = class extends Promise {
  static get [Symbol.species]() {
    return Promise;
  }
  takenUp = !1;
  then(onFulfilled, onRejected) {
    return this.takenUp = !0, super.then(onFulfilled, onRejected);
  }
};
function watched(watch, operation, work, kind = "operation") {
  let promise = new WatchedPromise((resolve2, reject) => {
    work.then(resolve2, reject);
  }), entry = { operation, step: kind === "step", takenUp: () => promise.takenUp };
  watch.underway.add(entry);
  let settled = () => {
    watch.underway.delete(entry), kind === "wait" && watch.settledWaits.add(entry);
  };
  return Promise.prototype.then.call(promise, settled, (err) => {
    settled(), process.nextTick(() => promise.takenUp || watch.onUntakenFailure(operation, err));
  }), promise;
}
function watchedHandle(handle, label) {
  for (let [name, property] of Object.entries(Object.getOwnPropertyDescriptors(handle))) {
    let method = property.value;
    typeof method == "function" && Object.defineProperty(handle, name, {
      ...property,
      value(...args) {
        let watch = programWatch();
        if (!watch) return method.apply(handle, args);
        let operation = `${label}.${name}()`, late = lateCall(operation);
        if (late) return watched(watch, operation, Promise.reject(late));
        let result = asOperation(() => method.apply(handle, args));
        return result instanceof Promise ? watched(watch, operation, result) : result;
      }
    });
  }
  return handle;
}

// sdk/engine/run.ts
function journaledSteps(ctx) {
  let nextStepId = 0;
  return async (name, fn, options = {}) => {
    let stepId = ++nextStepId, parentId = currentStepId(), start = ctx.clock.now();
    ctx.journal.emit({ type: "step-started", stepId, name, ...parentId !== void 0 ? { parentId } : {}, ...options.restore ? { restore: !0 } : {} }), ctx.progress(`step: ${name}`);
    try {
      let result = await withStep({ id: stepId, name }, fn), outcome = options.failed?.(result) ? "failed" : "succeeded";
      return ctx.journal.emit({ type: "step-finished", stepId, name, outcome, durationMs: ctx.clock.now() - start }), result;
    } catch (err) {
      let outcome = err instanceof CancelledError ? "cancelled" : "failed";
      throw ctx.journal.emit({ type: "step-finished", stepId, name, outcome, durationMs: ctx.clock.now() - start, error: describeError(err) }), err;
    }
  };
}
function createRun(ctx, safeStates, watch, step) {
  let gateOrCheck = async (name, gate, options, enforced) => {
    checkGateArguments(enforced ? "gate" : "check", name, gate), ctx.progress(`${enforced ? "gate" : "check"} "${name}": ${gate.description}`);
    let v = await evaluateGate(ctx, name, gate, options ?? {}, enforced);
    if (enforced && v.phase !== "passed") throw new GateFailedError(name, v.phase, v.reason);
    return v;
  }, runStep = async (name, fn) => {
    if (checkStepArguments(name, fn), ctx.signal.aborted) throw new CancelledError();
    return step(name, fn);
  }, previewedMs = 0, previewPause = async (ms) => {
    if (await new Promise((resolve2) => setImmediate(resolve2)), ctx.signal.aborted) throw new CancelledError();
    previewedMs += ms;
  }, pause = async (duration, reason) => {
    let ms = toMs(duration, "run.pause");
    checkPauseArguments(reason);
    let event = { type: "pause", durationMs: ms, ...reason ? { reason } : {} }, startedAt = ctx.journal.emit(event).at;
    try {
      if (ctx.mode === "preview") return await previewPause(ms);
      ctx.progress(`pause ${duration}${reason ? `: ${reason}` : ""}`), await ctx.clock.sleep(ms, ctx.signal);
    } catch (err) {
      throw err instanceof CancelledError && ctx.journal.emit({ ...event, cancelled: { afterMs: ctx.clock.now() - startedAt, startedAt } }), err;
    }
  }, safeState = async (route, split, description) => {
    checkSafeStateArguments(route, description), validateSplit(route.label, split), await route.checkDestinations(Object.keys(split));
    let text = description ?? `${route.label}: ${formatSplit(split)}`, same = safeStates.findIndex((s) => s.route.key === route.key);
    same >= 0 && safeStates.splice(same, 1), safeStates.push({ route, split, description: text }), ctx.journal.emit({ type: "safe-state-declared", description: text, route: journalRef(route.ref), split });
  };
  return {
    mode: ctx.mode,
    signal: ctx.signal,
    now: () => ctx.clock.now() + previewedMs,
    // A step's body is the program's own code; the others are the SDK's doing.
    step: (name, fn) => watched(watch, `step "${name}"`, runStep(name, fn), "step"),
    gate: (name, gate, options) => watched(watch, `gate "${name}"`, asOperation(() => gateOrCheck(name, gate, options, !0)), "wait"),
    check: (name, gate, options) => watched(watch, `check "${name}"`, asOperation(() => gateOrCheck(name, gate, options, !1)), "wait"),
    pause: (duration, reason) => watched(watch, `run.pause(${JSON.stringify(duration)})`, pause(duration, reason), "wait"),
    note(text) {
      ctx.journal.emit({ type: "note", text: noteText(text) });
    },
    recommend(text, reason) {
      checkRecommendArguments(text, reason), ctx.journal.emit({ type: "recommendation", text, reason });
    },
    safeState: (route, split, description) => watched(watch, `run.safeState(${route?.label})`, asOperation(() => safeState(route, split, description)))
  };
}

// sdk/engine/safe-state.ts
var RESTORE_ATTEMPTS = 2, apiFailure = (err) => err instanceof KubeApiError || err instanceof ConflictError;
async function restoreSafeStates(safeStates, step) {
  let ctx = currentContext("restore safe state");
  if (!safeStates.length)
    return { unsafe: netChanges(ctx.journal.events, { intended: ctx.mode === "preview" }).map(
      (c) => `${c.name} ${leftChanged(ctx)} (${netFieldsText(c)}); the plan declared no safe state to return to`
    ), unrestored: /* @__PURE__ */ new Set() };
  let name = `restore the safe state${safeStates.length > 1 ? "s" : ""}`, { unsafe, unrestored } = await step(name, () => restoreEach(ctx, safeStates), { restore: !0, failed: (r) => r.unrestored.size > 0 }), covered = new Set(safeStates.map((s) => s.route.key)), uncovered = new Set([...ctx.shifts].filter(([key]) => !covered.has(key)).map(([, shift]) => refString(shift.ref)));
  for (let c of netChanges(ctx.journal.events, { intended: ctx.mode === "preview" }))
    uncovered.has(c.name) && unsafe.push(`${c.name} ${leftChanged(ctx)} (${netFieldsText(c)}); the plan declared no safe state for it`);
  return { unsafe, unrestored };
}
async function restoreEach(ctx, safeStates) {
  let unsafe = [], unrestored = /* @__PURE__ */ new Set();
  for (let s of [...safeStates].reverse())
    try {
      await restore(ctx, s), ctx.journal.emit({ type: "safe-state-restore", description: s.description, outcome: "restored" });
    } catch (err) {
      let why = describeError(err).message, now;
      try {
        now = await s.route.split();
      } catch {
      }
      if (now && sameSplit(now, s.split)) {
        let shift = ctx.shifts.get(s.route.key);
        shift?.unconfirmed && sameSplit(shift.unconfirmed, now) && landed(ctx, shift, now), ctx.journal.emit({ type: "safe-state-restore", description: s.description, outcome: "restored", detail: `read again, it holds the safe state, though the restore failed: ${why}` });
        continue;
      }
      ctx.journal.emit({ type: "safe-state-restore", description: s.description, outcome: "failed", detail: why }), unsafe.push(`${s.route.label} is at ${now ? formatSplit(now) : "unknown (it could not be read)"}, not the safe state ${formatSplit(s.split)}: ${why}`), unrestored.add(s.route.key);
    }
  return { unsafe, unrestored };
}
var leftChanged = (ctx) => ctx.mode === "preview" ? "would be left changed" : "was left changed";
async function restore(ctx, s) {
  let capacityTimeout = ctx.capacityTimeouts.get(s.route.key);
  for (let attempt2 = 1; ; attempt2++)
    try {
      return await s.route.shift(s.split, { action: "restore safe state", restoring: !0, ...capacityTimeout !== void 0 ? { capacityTimeout } : {} });
    } catch (err) {
      if (attempt2 >= RESTORE_ATTEMPTS || !apiFailure(err)) throw err;
    }
}

// sdk/engine/runner.ts
async function runPlan(plan, options) {
  let inputs = parseInputs(plan, options.inputs);
  if (options.signal?.aborted) throw new CancelledError("the run was cancelled before its plan started: nothing was changed");
  let runId = options.runId ?? process.getBuiltinModule("node:crypto").randomUUID(), scrub = createScrubber([...options.secretValues ?? [], ...secretValuesOf(inputs, plan.meta.secrets)]), journal = new Journal(options.journal, options.clock, scrub);
  options.onEvent && journal.onEvent(options.onEvent);
  let program = watchProgram(journal, options.mode === "preview"), preview = options.mode === "preview" ? createPreviewKube(options.kube) : void 0, stop = new AbortController(), signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal, ctx = createEngineContext({
    mode: options.mode,
    kube: preview ?? options.kube,
    ...preview ? { preview } : {},
    ...options.metrics ? { metrics: onProviderClock(options.metrics, options.clock, journal) } : {},
    ...options.databases ? { databases: options.databases } : {},
    clock: options.clock,
    signal,
    journal,
    watch: program.watch,
    // progress lines quote queries and URLs too: the same secrets are taken out of them; and like
    // the journal, they stop at plan-finished, whatever a branch the run gave up on does after
    ...options.onProgress ? { progress: (m) => !journal.closed && options.onProgress(scrub.text(m)) } : {}
  }), start = options.clock.now();
  journal.emit({
    type: "plan-started",
    runId,
    plan: { name: plan.meta.name, ...plan.meta.description ? { description: plan.meta.description } : {}, ...options.planFile ? { file: options.planFile } : {} },
    mode: options.mode,
    inputs: redactInputs(inputs, plan.meta.secrets, options.secretValues),
    target: options.target,
    sdkVersion: SDK_VERSION
  });
  let safeStates = [], step = journaledSteps(ctx), run = createRun(ctx, safeStates, program.watch, step), status = "succeeded", error, unsafe = [], unrestored = /* @__PURE__ */ new Set(), lifetime = { over: !1 }, deaf = afterCancelGrace(options.signal, options.cancelGraceMs ?? CANCEL_GRACE_MS);
  try {
    if (await Promise.race([withProgram(ctx, lifetime, () => plan.program(run, inputs)), program.failed, deaf.stopped]), await program.returned(), lifetime.over = !0, options.signal?.aborted) throw new CancelledError("the run was cancelled while its program ran");
  } catch (err) {
    lifetime.over = !0, program.over(), error = describeError(err), error = { ...error, message: scrub.text(error.message) };
    let at = err instanceof FirebreakError ? void 0 : planFrame(err);
    at && (error = { ...error, message: `${error.message} (at ${at})` }), err instanceof ObjectNotFoundError && options.explainMissing && (error = { ...error, message: `${error.message} ${options.explainMissing(err.object)}` });
    let cancelled = err instanceof CancelledError || (options.signal?.aborted ?? !1);
    stop.abort(), await Promise.allSettled([...ctx.inflight]), journal.emit({ type: "note", text: `${cancelled ? "cancelled" : "failed"}: ${error.message}` }), { unsafe, unrestored } = await withContext({ ...ctx, signal: new AbortController().signal }, () => restoreSafeStates(safeStates, step)), status = unsafe.length ? "failed-unsafe" : cancelled ? "cancelled" : "failed-safe";
  }
  deaf.dispose(), options.onReporting?.();
  let { drifts, landed: landed2 } = await confirmRoutesHeld(ctx, unrestored, options.reportSignal);
  if (status !== "succeeded" && !safeStates.length && landed2.length && (unsafe = [...unsafe, ...landed2.map((l) => scrub.text(`${l.shift.label} was left at ${formatSplit(l.split)} by a write whose answer was lost; the plan declared no safe state to return to`))], status = "failed-unsafe"), drifts.length) {
    unsafe = [...unsafe, ...drifts.map((d) => scrub.text(new RouteDriftError([d]).message))], status = "failed-unsafe";
    let drift = describeError(new RouteDriftError(drifts));
    error ??= { ...drift, message: scrub.text(drift.message) };
  }
  return options.mode === "run" && await withContext(ctx, () => measureImpact(ctx, start, options.clock.now(), options.reportSignal)), journal.emit({
    type: "plan-finished",
    status,
    durationMs: options.clock.now() - start,
    ...error ? { error } : {},
    ...unsafe.length ? { unsafe } : {}
  }), journal.close(), { runId, mode: options.mode, status, events: journal.events, ...error ? { error } : {}, ...unsafe.length ? { unsafe } : {} };
}

// sdk/traffic/split-rule.ts
function splitRule(rules, destinationsOf, isCatchAll, want) {
  let prefer = (subset) => subset.length ? subset : rules, wanted = (r) => destinationsOf(r).filter((d) => want.includes(d)).length, most = want?.length ? Math.max(...rules.map(wanted)) : 0, candidates = want?.length ? prefer(rules.filter((r) => most > 0 && wanted(r) === most)) : prefer(rules.filter((r) => destinationsOf(r).length > 1));
  return candidates.find(isCatchAll) ?? candidates[0];
}
function takesSplit(rule, holder, reader, split) {
  if (rule === holder) return !0;
  let mine = reader.destinationsOf(rule), now = reader.splitOf(rule), drains = mine.some((d) => split[d] === 0 && (now[d] ?? 0) > 0);
  if (reader.pins(rule)) return drains;
  let held = new Set(reader.destinationsOf(holder));
  return mine.length === held.size && mine.every((d) => held.has(d)) || drains;
}
var sortedJson = (v) => {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(",")}]`;
  if (v === null || typeof v != "object") return JSON.stringify(v) ?? "null";
  let o = v;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`).join(",")}}`;
}, NAMED = "named ";
function ruleIdentity(name, match) {
  return name ? `${NAMED}'${name}'` : match?.length ? `matching ${sortedJson(match)}` : "with no match";
}
function shiftedRule(rules, identity, read2, want) {
  let found = rules.filter((r) => read2.identityOf(r) === identity);
  if (!found.length) return ruleInPlaceOf(rules, identity, read2, want);
  let splits = found.map(read2.splitOf);
  if (splits.some((s) => !sameSplit(s, splits[0])))
    throw new ShiftedRuleError(
      `${read2.object} has ${found.length} ${read2.noun}s ${identity} that split differently (${splits.map(formatSplit).join("; ")}): the run cannot tell which of them it shifted. Give each its own name (${read2.nameField}) and point the handle at the one to shift, or remove the copy users never reach (the first one matches).`
    );
  return found[0];
}
function ruleInPlaceOf(rules, identity, read2, want) {
  let gone = `${read2.object} has no ${read2.noun} ${identity} any more, the one the run shifted`, all = rules.map(read2.identityOf).join("; ") || "(none)";
  if (identity.startsWith(NAMED)) throw new ShiftedRuleError(`${gone}; its ${read2.noun}s are: ${all}.`);
  let wanted = (r) => read2.destinationsOf(r).filter((d) => want.includes(d)).length, most = Math.max(0, ...rules.map(wanted)), candidates = most ? rules.filter((r) => wanted(r) === most) : [];
  if (candidates.length === 1) return candidates[0];
  let to = want.join(" or ");
  throw candidates.length ? new ShiftedRuleError(
    `${gone}, and ${candidates.length} of its ${read2.noun}s send to ${to} (${candidates.map(read2.identityOf).join("; ")}): the run cannot tell which of them took its place. Check which of them users reach (a request takes the first whose match it meets) and what it sends to ${to}; give each ${read2.noun} its own name (${read2.nameField}) so that a run finds the one it shifted again.`
  ) : new ShiftedRuleError(`${gone}, and none of its ${read2.noun}s sends to ${to} now (they are: ${all}): check where its requests go, and shift it again if they must go to ${to}.`);
}

// sdk/traffic/routers/gateway-status.ts
var VERDICT_CONDITIONS = ["Accepted", "ResolvedRefs"], parentsOf = (route) => route.status?.parents ?? [], parentName = (p, route) => `${p.parentRef?.kind ?? "Gateway"} ${p.parentRef?.namespace ?? route.metadata.namespace}/${p.parentRef?.name}`, current = (c, route) => c.observedGeneration === void 0 || route.metadata.generation === void 0 || c.observedGeneration >= route.metadata.generation, statusCommand = (route) => `kubectl get httproute -n ${route.metadata.namespace} ${route.metadata.name} -o yaml`;
function refuseUnaccepted(route, object) {
  let parents = parentsOf(route), refusal = (p) => p.conditions?.find((c) => c.type === "Accepted" && c.status === "False" && current(c, route)), refusals = parents.map(refusal);
  if (!parents.length || refusals.some((r) => !r)) return;
  let why = parents.map((p, i) => `${parentName(p, route)}: ${refusals[i].reason ?? "not accepted"}${refusals[i].message ? ` (${refusals[i].message})` : ""}`);
  throw new InvalidPlanError(
    `${object} is not accepted by any of its parents (${why.join("; ")}): none of its requests are routed by it, so its weights would move nobody. Fix what its status says (kubectl describe httproute -n ${route.metadata.namespace} ${route.metadata.name}), or point the handle at the route that carries the traffic.`
  );
}
function reporting(route) {
  let generation = route.metadata.generation;
  return generation === void 0 ? [] : parentsOf(route).filter((p) => p.conditions?.some((c) => c.observedGeneration === generation)).map((p) => parentName(p, route));
}
function backendsRaised(before, now) {
  let carrying = (route) => (route.spec?.rules ?? []).flatMap(
    (r, i) => (r.backendRefs ?? []).filter((b) => (b.weight ?? 1) > 0).map((b) => ({ key: `${i} ${b.name}`, name: b.name }))
  ), was = new Set(carrying(before).map((b) => b.key));
  return carrying(now).filter((b) => !was.has(b.key)).map((b) => b.name);
}
function pendingVerdict(before, now, object) {
  let awaited = reporting(before);
  if (!awaited.length) return;
  let generation = now.metadata.generation, raised = backendsRaised(before, now), names = (message = "") => raised.some((b) => new RegExp(`(^|[^a-z0-9-])${b}([^a-z0-9-]|$)`).test(message)), already = (p, c) => !names(c.message) && parentsOf(before).some(
    (b) => parentName(b, before) === parentName(p, now) && b.conditions?.some((o) => o.type === c.type && o.status === "False" && o.reason === c.reason && o.message === c.message)
  );
  for (let p of parentsOf(now)) {
    let refusal = p.conditions?.find((c) => VERDICT_CONDITIONS.includes(c.type ?? "") && c.status === "False" && current(c, now) && !already(p, c));
    if (refusal)
      throw new RouteRejectedError(
        object,
        parentName(p, now),
        refusal.type,
        refusal.reason ?? "no reason given",
        refusal.message ?? "",
        `Its requests to what it could not resolve fail (the gateway answers 500 for that share). Fix the reference (a ReferenceGrant for a backend in another namespace; a Service, not another kind), or shift to backends it resolves; see ${statusCommand(now)} (status.parents).`
      );
  }
  let answered = parentsOf(now).filter((p) => p.conditions?.some((c) => c.type === "Accepted" && c.observedGeneration !== void 0 && c.observedGeneration >= generation)).map((p) => parentName(p, now)), behind = awaited.filter((p) => !answered.includes(p));
  if (!behind.length) return;
  let parents = behind.join(", ");
  return `the gateway controller to report on ${object} generation ${generation} (parents: ${parents}); it did not. The weights are written, but whether the gateway routes them is unknown: check status.parents with ${statusCommand(now)}, and the gateway controller's logs.`;
}

// sdk/traffic/routers/linkerd-profiles.ts
var API_VERSION = "linkerd.io/v1alpha2", KIND = "ServiceProfile", CLUSTER_DOMAIN = "cluster.local", fqdnOf = (p) => `${p.name}.${p.namespace}.svc.${CLUSTER_DOMAIN}`, nameOf = (o) => `${o.metadata.namespace}/${o.metadata.name}`, listed = (items) => items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : items[0];
function profileNamespaces(parent, routeNamespace) {
  return parent.namespace === routeNamespace ? "all" : [routeNamespace, parent.namespace];
}
function reroutes(profile, parent, routeNamespace) {
  if (profile.metadata.name !== fqdnOf(parent)) return !1;
  let namespaces = profileNamespaces(parent, routeNamespace);
  return namespaces === "all" || namespaces.includes(profile.metadata.namespace);
}
var profileList = (parent, context) => ({
  apiVersion: API_VERSION,
  kind: KIND,
  fieldSelector: `metadata.name=${fqdnOf(parent)}`,
  ...context ? { context } : {}
}), profileRef = (parent, namespace, context) => ({
  apiVersion: API_VERSION,
  kind: KIND,
  namespace,
  name: fqdnOf(parent),
  ...context ? { context } : {}
});
async function attempt(read2, none) {
  try {
    return await read2;
  } catch (err) {
    if (err instanceof ForbiddenError) return "refused";
    if (err instanceof MissingCrdError) return none;
    throw err;
  }
}
async function readProfiles(kube, parents, routeNamespace, object, context) {
  let lists = await Promise.all(parents.map((parent) => attempt(kube.list(profileList(parent, context)), [])));
  if (lists.includes("refused")) return readNamed(kube, parents, routeNamespace, object, context);
  let found = parents.flatMap((parent, i) => lists[i].filter((p) => reroutes(p, parent, routeNamespace)).map((profile) => ({ profile, parent })));
  return { found: serverSideFirst(found) };
}
var serverSideFirst = (found) => [...found].sort((a, b) => +(b.profile.metadata.namespace === b.parent.namespace) - +(a.profile.metadata.namespace === a.parent.namespace));
async function readNamed(kube, parents, routeNamespace, object, context) {
  let wanted = parents.flatMap((parent) => [.../* @__PURE__ */ new Set([parent.namespace, routeNamespace])].map((namespace) => ({ parent, namespace }))), reads = await Promise.all(wanted.map(async (w) => ({ ...w, profile: await attempt(kube.get(profileRef(w.parent, w.namespace, context)), void 0) }))), found = reads.flatMap((r) => r.profile && r.profile !== "refused" ? [{ profile: r.profile, parent: r.parent }] : []);
  if (found.length) return { found };
  let refused = [...new Set(reads.filter((r) => r.profile === "refused").map((r) => r.namespace))], read2 = [...new Set(reads.filter((r) => r.profile !== "refused").map((r) => r.namespace))], open = parents.filter((p) => profileNamespaces(p, routeNamespace) === "all" || [p.namespace, routeNamespace].some((ns) => refused.includes(ns)));
  return open.length ? { found, unchecked: uncheckedNote(object, open, read2, refused) } : { found };
}
function uncheckedNote(object, parents, read2, refused) {
  let services = listed(parents.map((p) => `${p.namespace}/${p.name}`)), where = read2.length ? `looked for in ${listed(read2)} only` : "not looked for", denied = `the service account may not list serviceprofiles.linkerd.io across namespaces${refused.length ? `, nor get them in ${listed(refused)}` : ""}`, who = parents.some((p) => refused.includes(p.namespace)) ? "every client's requests stay where it sends them" : "in a namespace holding one of its own, the clients' requests stay where it sends them", byHand = parents.map((p) => `kubectl get serviceprofiles -A --field-selector metadata.name=${fqdnOf(p)}`).join("; ");
  return `${object}: ServiceProfiles for Service ${services} were ${where}: ${denied}. Where one exists, Linkerd's proxies route by it, not by this HTTPRoute: ${who} whatever the shift writes, though it verifies, and the gates after it judge traffic it did not move. The shift goes ahead without that check; grant list on serviceprofiles.linkerd.io across namespaces (see \`firebreak rbac <plan.ts>\`), or look by hand: ${byHand}.`;
}
function effect({ profile, parent }) {
  let service = `${parent.namespace}/${parent.name}`;
  if (profile.metadata.namespace === parent.namespace)
    return `is defined for its parent Service ${service}, and Linkerd's proxies then route by the ServiceProfile, ignoring this HTTPRoute: a shift here would verify while nobody moves`;
  let ns = profile.metadata.namespace;
  return `is defined for its parent Service ${service} in ${ns}, a namespace of its clients, and Linkerd's proxies there route by the ServiceProfile, ignoring this HTTPRoute: a shift here would verify while the clients in ${ns} do not move`;
}
function profileRefusal(object, found) {
  let what = found.map((f) => `ServiceProfile ${nameOf(f.profile)} ${effect(f)}`).join("; "), deletes = found.map((f) => `kubectl delete serviceprofile -n ${f.profile.metadata.namespace} ${f.profile.metadata.name}`).join("; ");
  return new InvalidPlanError(
    `${object}: ${what}. Delete ${found.length > 1 ? "them" : "the ServiceProfile"} (${deletes}), or shift with a TrafficSplit (smi.trafficSplit) or the ServiceProfile's dstOverrides.`
  );
}

// sdk/traffic/routers/gateway-api.ts
var HTTP_ROUTE_METRICS = ["linkerd", "istio"], selectsUsers = (m) => !!m.headers?.length || !!m.queryParams?.length || !!m.method, catchAll = (r) => !r.matches?.length || r.matches.some((m) => (m.path === void 0 || m.path.type === "PathPrefix" && m.path.value === "/") && !selectsUsers(m)), pinsUsers = (r) => (r.matches ?? []).some(selectsUsers);
function httpRouteRouter(options) {
  checkOneOf("gatewayApi.httpRoute", "metrics", options.metrics, HTTP_ROUTE_METRICS, "the built-in gates know no other; behind another gateway, gate with gates.query({ promql, ... }) on its metrics");
  let ref = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: options.namespace, name: options.name, ...options.context ? { context: options.context } : {} }, object = `HTTPRoute ${options.namespace}/${options.name}`, part = options.rule !== void 0 ? `rule '${options.rule}'` : void 0, label = part ? `${object} (${part})` : object, serviceList = { apiVersion: "v1", kind: "Service", namespace: options.namespace, ...options.context ? { context: options.context } : {} }, selectedIndexes = (route) => {
    let rules = route.spec?.rules ?? [], picked = rules.map((r, i) => ({ r, i })).filter(({ r, i }) => options.rule === void 0 ? (r.backendRefs?.length ?? 0) > 0 : options.rule === i || options.rule === r.name).map(({ i }) => i);
    if (!picked.length) {
      let names = rules.map((r, i) => r.name ?? `#${i}`).join(", ") || "(none)";
      throw new InvalidPlanError(options.rule === void 0 ? `${object} has no rule with backendRefs to shift.` : `${object} has no rule '${options.rule}'; rules are: ${names}.`);
    }
    return picked;
  }, refuseTwinBackends = (route) => {
    for (let i of selectedIndexes(route)) {
      let rule = route.spec.rules[i], refs = rule.backendRefs ?? [], twin = refs.find((b, j) => refs.findIndex((o) => o.name === b.name) !== j);
      if (!twin) continue;
      let same = refs.filter((b) => b.name === twin.name).map((b) => `${b.kind ?? "Service"} ${b.namespace ?? options.namespace}/${b.name}${b.port !== void 0 ? `:${b.port}` : ""}`);
      throw new InvalidPlanError(
        `${object} rule ${rule.name ? `'${rule.name}'` : `#${i}`} names backend '${twin.name}' ${same.length} times (${same.join(", ")}): Firebreak names a backend by its name, so it cannot read or set their weights apart (a shift would give them all the same). Give each version a Service of its own name, or point the handle at another rule.`
      );
    }
  }, backendNames = (r) => (r.backendRefs ?? []).map((b) => b.name), linkerd = (options.metrics ?? "linkerd") === "linkerd", refuseServiceProfiles = async (route, kube) => {
    if (!linkerd) return;
    let check = await readProfiles(kube, parentServiceRefs(route), options.namespace, object, options.context);
    if (check.found.length) throw profileRefusal(object, check.found);
    return check.unchecked;
  }, parentServiceRefs = (route) => (route.spec?.parentRefs ?? []).filter((p) => p.kind === "Service" && (p.group ?? "") === "").map((p) => ({ name: p.name, namespace: p.namespace ?? options.namespace })), parentServices = (route) => parentServiceRefs(route).filter((p) => p.namespace === options.namespace).map((p) => p.name), refuseParentWeight = (route, split) => {
    let parents = parentServices(route), parent = parents.find((p) => split[p] > 0);
    if (parent === void 0) return;
    let versions = [.../* @__PURE__ */ new Set([...selectedRules(route).flatMap(backendNames), ...Object.keys(split)])].filter((d) => !parents.includes(d));
    throw new InvalidPlanError(
      `${label}: backend '${parent}' is the route's parent Service: as a backend it means every pod it selects, whichever version, so its ${split[parent]}% keeps reaching the versions given 0%. Give the weight to the version Services instead (${versions.map((v) => `'${v}'`).join(", ") || "one Service per version"}), and 0 to '${parent}'.`
    );
  }, dropMirrorsTo2 = (rule, split) => {
    let drained = (f) => {
      let to = f.type === "RequestMirror" ? f.requestMirror?.backendRef : void 0;
      return to !== void 0 && (to.namespace ?? options.namespace) === options.namespace && split[to.name ?? ""] === 0;
    };
    for (let holder of [rule, ...rule.backendRefs ?? []]) {
      if (!holder.filters?.some(drained)) continue;
      let kept = holder.filters.filter((f) => !drained(f));
      kept.length ? holder.filters = kept : delete holder.filters;
    }
  }, ruleSplit = (r) => toPercentages(Object.fromEntries((r.backendRefs ?? []).map((b) => [b.name, b.weight ?? 1]))), reader = { identityOf: (r) => ruleIdentity(r.name, r.matches), splitOf: ruleSplit, destinationsOf: backendNames, object, noun: "rule", nameField: "rules[].name, Gateway API 1.2+" }, selectedRules = (route) => selectedIndexes(route).map((i) => route.spec.rules[i]), splitHolder = (route, want) => splitRule(selectedRules(route), backendNames, catchAll, want), splitOf = (route, want, rule) => ruleSplit(rule ? shiftedRule(selectedRules(route), rule, reader, want ?? []) : splitHolder(route, want));
  return {
    type: "gateway-api",
    metrics: options.metrics ?? "linkerd",
    ref,
    label,
    ...part ? { part } : {},
    destinationNoun: "backend",
    splitOf: (route, _state, want, rule) => splitOf(route, want, rule),
    ruleOf: (route, want) => reader.identityOf(splitHolder(route, want)),
    // a mesh route is most often named like its parent Service: that one's ServiceProfiles, in any namespace, are read with the route
    readsAhead: () => [{ list: serviceList }, ...linkerd ? [{ list: profileList({ name: options.name, namespace: options.namespace }, options.context) }] : []],
    async inspect(route, kube, want) {
      refuseUnaccepted(route, object), refuseTwinBackends(route);
      let refs = selectedIndexes(route).flatMap((i) => route.spec.rules[i].backendRefs ?? []), [services, unchecked] = await Promise.all([kube.list(serviceList), refuseServiceProfiles(route, kube)]), destinations = [.../* @__PURE__ */ new Set([...refs.map((b) => b.name), ...services.map((s) => s.metadata.name)])];
      return { object: route, split: splitOf(route, want), destinations, related: services, ...unchecked ? { unchecked: [unchecked] } : {} };
    },
    patchFor(state, split) {
      let unknown = Object.keys(split).filter((d) => !state.destinations.includes(d));
      if (unknown.length) throw new UnknownDestinationError(label, unknown, state.destinations, "backend");
      refuseParentWeight(state.object, split);
      let selected = selectedIndexes(state.object), elsewhere = (name) => selected.flatMap((i) => state.object.spec.rules[i].backendRefs ?? []).find((b) => b.name === name), localService = (name) => {
        let b = elsewhere(name);
        return !b || (b.kind ?? "Service") === "Service" && (b.group ?? "") === "" && (b.namespace ?? options.namespace) === options.namespace;
      };
      refuseMissingServices(label, options.namespace, split, state.related, localService, "the gateway answers 500 to");
      let rules = structuredClone(state.object.spec.rules), portOf = (name, usual) => {
        let ports = (state.related.find((s) => s.metadata.name === name)?.spec?.ports ?? []).map((p) => p.port);
        return usual !== void 0 && (ports.length === 0 || ports.includes(usual)) ? usual : ports[0];
      }, likeElsewhere = (same, own2) => {
        let port = localService(same.name) ? portOf(same.name, own2 ?? same.port) : same.port;
        return { group: same.group ?? "", kind: same.kind ?? "Service", name: same.name, ...same.namespace ? { namespace: same.namespace } : {}, ...port !== void 0 ? { port } : {} };
      }, holder = splitHolder(state.object, Object.keys(split));
      for (let i of selected) {
        let existing = rules[i].backendRefs ?? [];
        if (dropMirrorsTo2(rules[i], split), options.rule === void 0 && !takesSplit(state.object.spec.rules[i], holder, { destinationsOf: backendNames, splitOf: ruleSplit, pins: pinsUsers }, split)) continue;
        let next = existing.map((b) => ({ ...b, weight: split[b.name] ?? 0 }));
        for (let [name, weight] of Object.entries(split)) {
          if (existing.some((b) => b.name === name)) continue;
          let same = elsewhere(name);
          if (same) {
            next.push({ ...likeElsewhere(same, existing[0]?.port), weight });
            continue;
          }
          let port = portOf(name, existing[0]?.port);
          next.push({ group: "", kind: "Service", name, ...port ? { port } : {}, weight });
        }
        rules[i].backendRefs = next;
      }
      return { spec: { rules } };
    },
    pendingVerdict: (before, now) => pendingVerdict(before, now, object),
    withoutObject: () => ({ text: "its parents route none of its requests by weight: a Gateway answers 404 for them; in a mesh (GAMMA) they go to every pod of the parent Service" }),
    metricScope(state, destination) {
      if ((options.metrics ?? "linkerd") !== "linkerd") return { namespace: options.namespace, service: destination };
      let parent = (state.object.spec?.parentRefs ?? []).find((p) => p.kind === "Service" && (p.group ?? "") === "");
      return { namespace: options.namespace, service: parent?.name ?? destination, version: destination };
    }
  };
}

// sdk/traffic/routers/istio-rule-lookup.ts
var serviceOf = (host, namespace) => {
  let [name, ns] = host.split(".");
  return { name, namespace: ns && ns !== "svc" ? ns : namespace };
};
function clientsOf(vs) {
  let own2 = vs.metadata.namespace ?? "default", clients = (vs.spec?.gateways?.length ? vs.spec.gateways : ["mesh"]).map((g) => {
    if (g === "mesh") return { namespace: own2, who: `the sidecars in ${own2}` };
    let [ns, name] = g.includes("/") ? g.split("/") : [own2, g];
    return { namespace: ns, who: `the proxies of gateway ${ns}/${name}` };
  });
  return clients.filter((c, i) => clients.findIndex((o) => o.namespace === c.namespace) === i);
}
function exportedTo(object, namespace) {
  let to = object.spec?.exportTo ?? [];
  return !to.length || to.includes("*") || to.includes(namespace) || to.includes(".") && object.metadata.namespace === namespace;
}
function unseenRoute(vs, client) {
  if (!exportedTo(vs, client.namespace))
    return `it is exported to ${exportList(vs)} only (spec.exportTo), and ${client.who}, in ${client.namespace}, do not see it: its weights change nothing they route. Add "${client.namespace}" to its spec.exportTo.`;
}
var exportList = (object) => object.spec.exportTo.map((n) => n === "." ? `"." (${object.metadata.namespace})` : `"${n}"`).join(", "), subsetNames = (rule) => (rule.spec?.subsets ?? []).map((s) => s.name), ruleName = (rule) => `DestinationRule ${rule.metadata.namespace}/${rule.metadata.name}`, listed2 = (names) => names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
function lookUpSubset(rules, service, subset, client, rootNamespace) {
  let fix = `so Istio answers 503 (cluster_not_found) to every request it would send to '${subset}'`, path = [.../* @__PURE__ */ new Set([client.namespace, service.namespace, rootNamespace])];
  for (let ns of path) {
    let visible = rules.filter((r) => r.metadata.namespace === ns && exportedTo(r, client.namespace));
    if (!visible.length) continue;
    let rule = visible.find((r) => subsetNames(r).includes(subset));
    if (rule) return { rule };
    let used = visible[0], first = ns === client.namespace && ns !== service.namespace ? " (a rule in their own namespace comes first)" : "";
    return {
      why: `${client.who} use ${ruleName(used)} for ${service.namespace}/${service.name}${first}, and it defines no subset '${subset}' (its subsets: ${subsetNames(used).join(", ") || "none"}), ${fix}. Add '${subset}' to that rule, or give '${subset}' 0%.`
    };
  }
  let defining = rules.find((r) => subsetNames(r).includes(subset));
  return defining ? path.includes(defining.metadata.namespace) ? {
    why: `'${subset}' is defined in ${ruleName(defining)}, which is exported to ${exportList(defining)} only (spec.exportTo): ${client.who}, in ${client.namespace}, do not see it, ${fix}. Add "${client.namespace}" to its spec.exportTo, or give '${subset}' 0%.`
  } : {
    why: `'${subset}' is defined in ${ruleName(defining)}, but ${client.who} look for ${service.name}'s DestinationRule in ${listed2(path)} only, ${fix}. Define the subset in a rule in ${service.namespace}, or give '${subset}' 0%.`
  } : { noRule: path };
}

// sdk/traffic/routers/istio.ts
var destName = (d) => d.subset ?? d.host;
function dropMirrorsTo(h, split, onSplitHost) {
  let drained = (d) => d !== void 0 && onSplitHost(d.host) && split[destName(d)] === 0;
  if (drained(h.mirror) && (delete h.mirror, delete h.mirrorPercentage, delete h.mirrorPercent), Array.isArray(h.mirrors)) {
    let kept = h.mirrors.filter((m) => !drained(m.destination));
    kept.length ? h.mirrors = kept : delete h.mirrors;
  }
}
var shortHost = (host) => host.split(".")[0], PATH_MATCH_KEYS = /* @__PURE__ */ new Set(["uri", "ignoreUriCase", "name", "port", "gateways", "authority", "scheme"]), pinsUsers2 = (h) => (h.match ?? []).some((m) => Object.keys(m).some((k) => !PATH_MATCH_KEYS.has(k))), CANONICAL_REVISION_LABELS = ["service.istio.io/canonical-revision", "app.kubernetes.io/version", "version"], canonicalRevision = (labels) => CANONICAL_REVISION_LABELS.map((l) => labels?.[l]).find((v) => v !== void 0);
function istioVirtualServiceRouter(options) {
  let ref = {
    apiVersion: options.apiVersion ?? "networking.istio.io/v1",
    kind: "VirtualService",
    namespace: options.namespace,
    name: options.name,
    ...options.context ? { context: options.context } : {}
  }, object = `VirtualService ${options.namespace}/${options.name}`, part = options.httpRoute ? `http route '${options.httpRoute}'` : void 0, label = part ? `${object} (${part})` : object, rulesIn = (namespace) => ({ apiVersion: ref.apiVersion, kind: "DestinationRule", namespace, ...options.context ? { context: options.context } : {} }), ruleNamed = (name, namespace = options.namespace) => ({ ...rulesIn(namespace), name }), rootNamespace = options.rootNamespace ?? "istio-system", hostService = (host) => serviceOf(host, options.namespace), hostKey = (host) => {
    let at = hostService(host);
    return `${at.namespace}/${at.name}`;
  }, onHostsOf = (holder) => {
    let hosts = new Set((holder.route ?? []).map((e) => hostKey(e.destination.host)));
    return (host) => hosts.has(hostKey(host));
  }, ruleOfHost = (rule, host) => {
    let a = hostService(host), b = serviceOf(rule.spec?.host ?? "", rule.metadata.namespace ?? options.namespace);
    return a.name === b.name && a.namespace === b.namespace;
  }, delegatesOf = (routes) => {
    let delegates = routes.flatMap((h) => h.delegate ? [h.delegate] : []);
    if (!delegates.length) return;
    let names = [...new Set(delegates.map((d) => `${d.namespace ?? options.namespace}/${d.name}`))], [ns, name] = names[0].split("/");
    return `${names.length > 1 ? `VirtualServices ${names.join(", ")}, which hold the weights: point the router at the one to shift` : `VirtualService ${names[0]}, which holds the weights: point the router at it`}, e.g. istio.virtualService({ namespace: "${ns}", name: "${name}" })`;
  }, refuseDelegates = (routes) => {
    if (!(!routes.length || routes.some((h) => !h.delegate)))
      throw new InvalidPlanError(`${label} delegates its http routes to ${delegatesOf(routes)}.`);
  }, selected = (vs) => {
    let http = vs.spec?.http ?? [], named = options.httpRoute ? http.filter((h) => h.name === options.httpRoute) : http;
    refuseDelegates(named);
    let picked = options.httpRoute ? named : http.filter((h) => h.route?.length);
    if (!picked.length) {
      let names = http.map((h) => h.name ?? "(unnamed)").join(", ") || "(none)";
      throw new InvalidPlanError(
        options.httpRoute ? `${object} has no http route named '${options.httpRoute}'; http routes are: ${names}.` : `${object} has no http route with destinations to shift.`
      );
    }
    return picked;
  }, ruleSplit = (h) => {
    let entries = h.route ?? [];
    return toPercentages(Object.fromEntries(entries.map((e) => [destName(e.destination), e.weight ?? (entries.length === 1 ? 100 : 0)])));
  }, destinationsOf = (h) => (h.route ?? []).map((e) => destName(e.destination)), reader = { identityOf: (h) => ruleIdentity(h.name, h.match), splitOf: ruleSplit, destinationsOf, object, noun: "http route", nameField: "http[].name" }, splitHolder = (vs, want) => splitRule(selected(vs), destinationsOf, (h) => !h.match, want), stateHolder = (state) => splitHolder(state.object, Object.keys(state.split)), splitOf = (vs, want, rule) => ruleSplit(rule ? shiftedRule(selected(vs), rule, reader, want ?? []) : splitHolder(vs, want)), newDestination = (state, dest, existing) => {
    let onSplitHost = onHostsOf(stateHolder(state)), all = selected(state.object).flatMap((h) => h.route ?? []).filter((e) => onSplitHost(e.destination.host)), elsewhere = all.find((e) => destName(e.destination) === dest);
    if (elsewhere) return structuredClone(elsewhere.destination);
    let rule = state.related.find((r) => (r.spec?.subsets ?? []).some((s) => s.name === dest)), sibling = rule ? [...existing, ...all].find((e) => ruleOfHost(rule, e.destination.host)) : existing[0], host = sibling?.destination.host ?? rule?.spec.host ?? dest;
    return { host, ...sibling?.destination.port !== void 0 ? { port: sibling.destination.port } : {}, ...host !== dest ? { subset: dest } : {} };
  }, refuseUnseen = (state, split) => {
    let clients = clientsOf(state.object);
    for (let client of clients) {
      let why = unseenRoute(state.object, client);
      if (why) throw new InvalidPlanError(`${label}: ${why}`);
    }
    for (let dest of Object.keys(split).filter((d) => split[d] > (state.split[d] ?? 0))) {
      let { host, subset } = newDestination(state, dest, []);
      if (subset === void 0) continue;
      let rules = state.related.filter((r) => ruleOfHost(r, host)), service = hostService(host);
      for (let client of clients) {
        let found = lookUpSubset(rules, service, subset, client, rootNamespace);
        if ("why" in found) throw new InvalidPlanError(`${label}: ${found.why}`);
        if ("noRule" in found) {
          let unread = state.unread ? `, and ${state.unread}` : "";
          throw new InvalidPlanError(
            `${label}: no DestinationRule for ${service.namespace}/${service.name} that ${client.who} see defines subset '${subset}' (they look in ${found.noRule.join(", ")}, in that order${unread}), so Istio answers 503 (cluster_not_found) to every request it would send there. Define '${subset}' in a DestinationRule for ${service.name} in ${service.namespace}, or give '${subset}' 0%.`
          );
        }
      }
    }
  };
  return {
    type: "istio",
    metrics: "istio",
    ref,
    label,
    ...part ? { part } : {},
    destinationNoun: "subset",
    splitOf: (vs, _state, want, rule) => splitOf(vs, want, rule),
    ruleOf: (vs, want) => reader.identityOf(splitHolder(vs, want)),
    // A VirtualService is usually named like its host, and so is the host's DestinationRule.
    readsAhead: (want) => want ? [{ get: ruleNamed(shortHost(options.name)) }] : [{ list: rulesIn(options.namespace) }],
    async inspect(vs, kube, want) {
      let entries = selected(vs).flatMap((h) => h.route ?? []), hosts = [...new Set(entries.map((e) => e.destination.host))], forHosts = (rules2) => rules2.filter((r) => hosts.some((h) => ruleOfHost(r, h))), defineAllWanted = (rules2) => {
        let defined = /* @__PURE__ */ new Set([...rules2.flatMap((r) => (r.spec?.subsets ?? []).map((s) => s.name)), ...hosts]);
        return (want ?? []).every((d) => defined.has(d));
      }, state = (rules2, unread) => {
        let subsets = new Set(entries.map((e) => destName(e.destination)));
        for (let rule of rules2) for (let s of rule.spec?.subsets ?? []) subsets.add(s.name);
        return { object: vs, split: splitOf(vs, want), destinations: [...subsets], related: rules2, ...unread ? { unread } : {} };
      }, clients = clientsOf(vs).map((c) => c.namespace);
      if (want) {
        let elsewhere = clients.filter((ns) => !hosts.some((h) => hostService(h).namespace === ns)), [named, near] = await Promise.all([
          Promise.all(hosts.map(hostService).map((h) => kube.get(ruleNamed(h.name, h.namespace)))),
          Promise.all(elsewhere.map((ns) => kube.list(rulesIn(ns))))
        ]), rules2 = forHosts([...named.filter((r) => r !== void 0), ...near.flat()]);
        if (defineAllWanted(rules2)) return state(rules2);
      }
      let namespaces = [.../* @__PURE__ */ new Set([options.namespace, ...hosts.map((h) => hostService(h).namespace), ...clients])], rules = forHosts((await Promise.all(namespaces.map((ns) => kube.list(rulesIn(ns))))).flat());
      if (defineAllWanted(rules) || namespaces.includes(rootNamespace)) return state(rules);
      try {
        return state([...rules, ...forHosts(await kube.list(rulesIn(rootNamespace)))]);
      } catch (err) {
        if (!(err instanceof ForbiddenError)) throw err;
        return state(rules, `the service account may not list DestinationRules in ${rootNamespace}, the root namespace (grant it, or set rootNamespace if the mesh's is another)`);
      }
    },
    /**
     * A subset's pods are its Service's selector plus the subset's labels: when none has them,
     * Istio answers 503 ("no healthy upstream") to every request sent there. A Deployment about to
     * bring them (replicas set, pods not created yet, or scaled by this preview) counts.
     */
    async checkServed(state, receiving, kube) {
      for (let dest of receiving) {
        let { host, subset } = newDestination(state, dest, []), rule = state.related.find((r) => ruleOfHost(r, host) && (r.spec?.subsets ?? []).some((s) => s.name === subset)), subsetLabels = (rule?.spec.subsets ?? []).find((s) => s.name === subset)?.labels ?? {};
        if (!rule || !Object.keys(subsetLabels).length) continue;
        let at = hostService(host), where = { namespace: at.namespace, ...options.context ? { context: options.context } : {} }, [service, candidates] = await Promise.all([
          kube.get({ apiVersion: "v1", kind: "Service", name: at.name, ...where }),
          kube.list({ apiVersion: "v1", kind: "Pod", labelSelector: selectorOf(subsetLabels), ...where })
        ]);
        if (!service || !Object.keys(service.spec?.selector ?? {}).length) continue;
        let labels = { ...service.spec.selector, ...subsetLabels };
        if (!(candidates.some((p) => !p.metadata.deletionTimestamp && matchesLabels(p.metadata.labels, labels)) || (await kube.list({ apiVersion: "apps/v1", kind: "Deployment", ...where })).some((d) => (d.spec?.replicas ?? 1) > 0 && matchesLabels(d.spec?.template?.metadata?.labels, labels))))
          throw new InvalidPlanError(
            `${label}: subset '${subset}' selects pods labelled ${selectorOf(labels)} (Service ${at.namespace}/${at.name}'s selector and the subset's labels in DestinationRule ${rule.metadata.namespace}/${rule.metadata.name}), and no pod has them, so Istio answers 503 to every request it would send there. Fix the subset's labels in the DestinationRule, start pods that carry them, or give '${subset}' 0%.`
          );
      }
    },
    patchFor(state, split) {
      let unknown = Object.keys(split).filter((d) => !state.destinations.includes(d));
      if (unknown.length) throw new UnknownDestinationError(label, unknown, state.destinations, "subset", void 0, this.unknownAside(state.object));
      refuseUnseen(state, split);
      let live = state.object.spec?.http ?? [], http = structuredClone(live), targets = new Set(selected(state.object)), holder = splitHolder(state.object, Object.keys(split)), onSplitHost = onHostsOf(holder), takes = (h) => options.httpRoute !== void 0 || (h.route ?? []).every((e) => onSplitHost(e.destination.host)) && takesSplit(h, holder, { destinationsOf, splitOf: ruleSplit, pins: pinsUsers2 }, split);
      return http.forEach((h, i) => {
        if (!targets.has(live[i]) || (dropMirrorsTo(h, split, onSplitHost), !takes(live[i]))) return;
        let existing = h.route ?? [], byName = new Map(existing.map((e) => [destName(e.destination), e])), next = existing.map((e) => ({ ...e, weight: split[destName(e.destination)] ?? 0 }));
        for (let [dest, weight] of Object.entries(split))
          byName.has(dest) || next.push({ destination: newDestination(state, dest, existing), weight });
        h.route = next;
      }), { spec: { http } };
    },
    // a root VirtualService delegating some of its http routes: the subsets asked for may be a delegate's
    unknownAside(vs) {
      let delegating = (vs.spec?.http ?? []).filter((h) => h.delegate && (options.httpRoute === void 0 || h.name === options.httpRoute)), to = delegatesOf(delegating);
      return to && `It delegates ${delegating.length > 1 ? "some http routes" : "an http route"} to ${to}.`;
    },
    withoutObject: () => ({ text: "Istio balances its hosts' requests over every pod of their Services, whatever their subset" }),
    metricScope(state, destination) {
      let holder = stateHolder(state), onSplitHost = onHostsOf(holder), host = selected(state.object).flatMap((h) => h.route ?? []).find((e) => destName(e.destination) === destination && onSplitHost(e.destination.host))?.destination.host ?? holder.route?.[0]?.destination.host ?? options.name, subset = (state.related.find((r) => ruleOfHost(r, host))?.spec?.subsets ?? []).find((s) => s.name === destination), service = hostService(host);
      return {
        service: service.name,
        namespace: service.namespace,
        // a subset that selects by none of those labels leaves its pods' revision unknown: its name stands in
        version: canonicalRevision(subset?.labels) ?? destination
      };
    }
  };
}

export {
  routeKey,
  currentStepName,
  currentContext,
  journalRef,
  foreseeStop,
  splitIn,
  editText,
  indicatorsFor,
  DEFAULT_POLICY,
  verdict,
  read,
  requireMetrics,
  judge,
  undecided,
  noData,
  deploymentTemplateOf,
  DELETED_MID_WAIT,
  rolloutStatus,
  rollsOut,
  recordRollout,
  noteRolledOut,
  recordRollouts,
  DEFAULT_WINDOW,
  DEFAULT_MIN_REQUESTS,
  subjectOf,
  checkTarget,
  countTraffic,
  checkPace,
  TARGET_OPTIONS,
  TRAFFIC_OPTIONS,
  windowAfterShift,
  checkGateOptions,
  checkPolicy,
  workloadIssues,
  isPlanMistakeOrCancel,
  errorVerdict,
  watchedHandle,
  runPlan,
  httpRouteRouter,
  istioVirtualServiceRouter
};
