/**
 * `summarizeRun`: the typed digest of a journal that the CLI, the action's job summary and the
 * postmortem all read. Pure: the same events always give the same summary. Tolerates a truncated
 * journal (a crash leaves no plan-finished event).
 */
import type { JournalEvent, JournalObjectRef, RunMode, RunStatus } from "../journal/events.ts";
import { netChanges, netFieldsText, type NetChange } from "../journal/net-changes.ts";
import { refString } from "../ports/kube.ts";
import { dateTime, objectKey, objectName } from "./format.ts";
import { describeOutcome } from "./outcome.ts";
import { deriveRecommendations } from "./recommend.ts";
import { buildTimeline, type TimelineEntry } from "./timeline.ts";

export type { TimelineEntry } from "./timeline.ts";

/** One step of the plan, as started and (unless the journal ends first) finished. */
export interface StepSummary {
  id: number;
  name: string;
  parentId?: number;
  /** 0 for a top-level step, 1 for its children, … */
  depth: number;
  /** The engine's restore of the safe states after the plan failed or was cancelled: not a step of the plan (reports mark it, see stepTitle in format.ts). */
  restore?: true;
  startedAt: number;
  /** undefined when the journal ends before the step finished. */
  finishedAt?: number;
  /** cancelled: cut short by a cancel; unfinished: the journal ends before the step finished. */
  outcome: "succeeded" | "failed" | "cancelled" | "unfinished";
  durationMs?: number;
  error?: { name: string; message: string };
}

/** One field change, as recorded (applied, or only intended in a preview). */
export interface FieldChange {
  at: number;
  stepId?: number;
  field: string;
  before: unknown;
  after: unknown;
  action: string;
  applied: boolean;
  /** When before or after is redacted: a keyed hash of each value as it was (see the change event's `digests`). */
  digests?: { before: string; after: string };
}

/** The changes made to one object, in journal order. */
export interface ObjectChanges {
  object: JournalObjectRef;
  /** `Kind namespace/name`. */
  name: string;
  changes: FieldChange[];
}

/** One verified (or, in a preview, intended) split of a route; or one found where the run had not left it. */
export interface SplitPoint {
  at: number;
  split: Record<string, number>;
  verified: boolean;
  /** Set when the route, read again, no longer held the split the run last wrote: that split (`split` is the one found). */
  drift?: { written: Record<string, number>; unreadable?: string };
  /** Set when a step of the run itself rewrote or deleted the route: what it did. */
  changedBy?: string;
}

/** The last split recorded for a route. */
export interface RouteSplit extends SplitPoint {
  route: JournalObjectRef;
  name: string;
  /**
   * Set when the run wrote the route again after this split was recorded and never read it back
   * (it died between the write and the read-back): when it did. The split is then not verified.
   */
  rewrittenAt?: number;
}

/** Every split recorded for a route, in order: the data behind the traffic chart. */
export interface RouteHistory {
  route: JournalObjectRef;
  name: string;
  points: SplitPoint[];
}

/** A gate or check verdict with the evidence behind it: the gate event without its type tag. */
export type GateSummary = Omit<Extract<JournalEvent, { type: "gate" }>, "type">;

export interface NoteSummary {
  at: number;
  stepId?: number;
  text: string;
  /** Preview only: the run would stop here (see the note event's `stops`). */
  stops?: true;
}

/** A recommendation: written by the plan (`derived: false`) or derived from the journal. */
export interface Recommendation {
  text: string;
  /** The action item it becomes, when that reads differently from `text`. */
  action?: string;
  reason: string;
  derived: boolean;
  at?: number;
}

/** User impact over the plan's window, as measured by the engine: the impact event without its bookkeeping. */
export type ImpactSummary = Omit<Extract<JournalEvent, { type: "impact" }>, "type" | "at" | "stepId">;

export interface SafeStateSummary {
  declared?: { at: number; description: string; route: JournalObjectRef; split: Record<string, number> };
  restores: { at: number; description: string; outcome: "restored" | "failed"; detail?: string }[];
}

/**
 * Everything a report needs to know about one run. Text fields are plain (not escaped): escape
 * them for the medium they go to.
 *
 * @example
 * const { statusText, outcome, finalSplits } = summarizeRun(events);
 * core.summary.addHeading(`checkout-api-rollback: ${statusText}`).addRaw(escapeMarkdown(outcome));
 */
export interface RunSummary {
  /** "unknown" when the journal has no plan-started event. */
  runId: string;
  plan: { name: string; description?: string; file?: string };
  mode: RunMode;
  target?: { kind: "sim" | "cluster"; scenario?: string; detail?: string };
  /** Inputs as validated, secrets already redacted by the engine. */
  inputs: Record<string, unknown>;
  sdkVersion?: string;
  /** "unknown" when the journal ends without plan-finished. */
  status: RunStatus | "unknown";
  /** The status for people: equal to `status`, or "unknown (the run did not finish: journal ends at …)". */
  statusText: string;
  finished: boolean;
  startedAt: number;
  /** plan-finished's time, or the last event's when the run did not finish. */
  finishedAt: number;
  durationMs: number;
  error?: { name: string; message: string };
  /** One sentence: what happened and where traffic is. Plain text. */
  outcome: string;
  steps: StepSummary[];
  changes: ObjectChanges[];
  finalSplits: RouteSplit[];
  /** The final splits found where the run had not left them (a controller put the route back): production in a state nobody chose. */
  drifted: RouteSplit[];
  trafficHistory: RouteHistory[];
  gates: GateSummary[];
  notes: NoteSummary[];
  safeState: SafeStateSummary;
  recommendations: Recommendation[];
  /** undefined when the journal has no impact event. */
  impact?: ImpactSummary;
  /** What is left where, for failed-unsafe and cancelled runs. */
  unsafe: string[];
  /**
   * What a run that failed or was cancelled leaves changed beyond its safe-state routes (a
   * scaled pool, a half-done rollback): `Kind ns/name (field=after, was before)`. The safe state
   * covers traffic only, so these stay as the run left them. For a run whose journal ends early
   * (status unknown), everything it had changed by then, routes included, but the weights of the
   * routes whose safe state its journal says it restored (see `safeState.restores`).
   */
  leftChanged: string[];
  /** The same objects and fields as `leftChanged`, in its order: for a report that names fewer of them to fit its size. */
  leftChangedObjects: NetChange[];
  timeline: TimelineEntry[];
}

/**
 * Digests a journal into a {@link RunSummary}.
 *
 * @example
 * const summary = summarizeRun(readJournal("journal.jsonl"));
 * console.log(`${summary.plan.name}: ${summary.statusText}. ${summary.outcome}`);
 */
export function summarizeRun(events: JournalEvent[]): RunSummary {
  const start = events.find((e) => e.type === "plan-started");
  const finish = events.findLast((e) => e.type === "plan-finished");
  const startedAt = start?.at ?? events[0]?.at ?? 0;
  const finishedAt = finish?.at ?? events.at(-1)?.at ?? startedAt;
  const steps = collectSteps(events);
  const histories = new Map<string, RouteHistory>();
  const objects = new Map<string, ObjectChanges>();
  const gates: GateSummary[] = [];
  const notes: NoteSummary[] = [];
  const explicit: Recommendation[] = [];
  const safeState: SafeStateSummary = { restores: [] };
  let impact: ImpactSummary | undefined;
  /** Routes written since their last recorded split, and when. */
  const rewritten = new Map<string, number>();

  for (const e of events) {
    switch (e.type) {
      case "change": {
        const key = objectKey(e.object);
        if (e.applied) rewritten.set(key, e.at);
        const entry = objects.get(key) ?? { object: e.object, name: objectName(e.object), changes: [] };
        entry.changes.push({ at: e.at, stepId: e.stepId, field: e.field, before: e.before, after: e.after, action: e.action, applied: e.applied, ...(e.digests ? { digests: e.digests } : {}) });
        objects.set(key, entry);
        break;
      }
      case "traffic": {
        const key = objectKey(e.route);
        const history = histories.get(key) ?? { route: e.route, name: objectName(e.route), points: [] };
        history.points.push({ at: e.at, split: e.split, verified: e.verified, ...(e.drift ? { drift: e.drift } : {}), ...(e.changedBy ? { changedBy: e.changedBy } : {}) });
        histories.set(key, history);
        rewritten.delete(key);
        break;
      }
      case "gate":
        gates.push({
          name: e.name, kind: e.kind, description: e.description, phase: e.phase, reason: e.reason,
          enforced: e.enforced, ...(e.cancelled ? { cancelled: true } : {}), startedAt: e.startedAt, at: e.at, stepId: e.stepId, evidence: e.evidence,
        });
        break;
      case "note":
        notes.push({ at: e.at, stepId: e.stepId, text: e.text, ...(e.stops ? { stops: true } : {}) });
        break;
      case "recommendation":
        explicit.push({ text: e.text, reason: e.reason, derived: false, at: e.at });
        break;
      case "safe-state-declared":
        safeState.declared = { at: e.at, description: e.description, route: e.route, split: e.split };
        break;
      case "safe-state-restore":
        safeState.restores.push({ at: e.at, description: e.description, outcome: e.outcome, detail: e.detail });
        break;
      case "impact":
        impact = { from: e.from, to: e.to, ...(e.beforePlanMs ? { beforePlanMs: e.beforePlanMs } : {}), requests: e.requests, failed: e.failed, series: e.series, query: e.query, reason: e.reason };
        break;
      default:
        break;
    }
  }

  const trafficHistory = [...histories.values()];
  const finalSplits = trafficHistory.map((h): RouteSplit => {
    const rewrittenAt = rewritten.get(objectKey(h.route));
    return { route: h.route, name: h.name, ...h.points.at(-1)!, ...(rewrittenAt !== undefined ? { verified: false, rewrittenAt } : {}) };
  });
  const status = finish?.status ?? "unknown";
  const statusText = finish
    ? finish.status
    : events.length === 0
      ? "unknown (the journal is empty)"
      : `unknown (the run did not finish: journal ends at ${dateTime(finishedAt)})`;
  const left = leftBeyondSafeState(events, status, start?.mode ?? "run");
  const summary: RunSummary = {
    runId: start?.runId ?? "unknown",
    plan: start?.plan ?? { name: "unknown plan" },
    mode: start?.mode ?? "run",
    target: start?.target,
    inputs: start?.inputs ?? {},
    sdkVersion: start?.sdkVersion,
    status,
    statusText,
    finished: finish !== undefined,
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
    timeline: buildTimeline(events, new Map(steps.map((s) => [s.id, s]))),
  };
  summary.outcome = describeOutcome(summary);
  return summary;
}

function collectSteps(events: JournalEvent[]): StepSummary[] {
  const steps = new Map<number, StepSummary>();
  for (const e of events) {
    if (e.type === "step-started") {
      const parent = e.parentId === undefined ? undefined : steps.get(e.parentId);
      steps.set(e.stepId, {
        id: e.stepId, name: e.name, parentId: e.parentId, depth: parent ? parent.depth + 1 : 0,
        startedAt: e.at, outcome: "unfinished", ...(e.restore ? { restore: true } : {}),
      });
    } else if (e.type === "step-finished") {
      const step = steps.get(e.stepId) ?? { id: e.stepId, name: e.name, depth: 0, startedAt: e.at - e.durationMs, outcome: "unfinished" };
      Object.assign(step, { finishedAt: e.at, outcome: e.outcome, durationMs: e.durationMs, error: e.error });
      steps.set(e.stepId, step);
    }
  }
  return [...steps.values()];
}

/**
 * Net changes beyond the safe states and not already said to be unsafe (a route the run shifted
 * with no safe state for it), for a run that failed or was cancelled: on a safe-state route, every
 * field but the weights its restore rewrites (a timeout an apply changed stays as it left it); all
 * net changes for a run whose journal ends early (it never got to restore anything).
 */
function leftBeyondSafeState(events: JournalEvent[], status: RunStatus | "unknown", mode: RunMode): NetChange[] {
  const routes = new Set(events.flatMap((e) => (e.type === "safe-state-declared" ? [refString(e.route)] : [])));
  const unsafe = events.flatMap((e) => (e.type === "plan-finished" ? (e.unsafe ?? []) : []));
  // what a restore writes: the weights, as the route's router names them, whether or not this restore had to write them
  const restored = new Set(events.flatMap((e) => (e.type === "change" && e.action === RESTORE_ACTION ? [`${refString(e.object)} ${e.field}`] : [])));
  const beyond = (covered: Set<string>) => (c: NetChange): NetChange =>
    covered.has(c.name) ? { ...c, fields: c.fields.filter((f) => !WEIGHT_FIELD.test(f.field) && !restored.has(`${c.name} ${f.field}`)) } : c;
  if (mode !== "run") return [];
  // a run killed before it restored anything left everything as it was; one killed after (or
  // while) restoring left the routes it restored at their safe state
  if (status === "unknown") return netChanges(events).map(beyond(restoredRoutes(events))).filter((c) => c.fields.length > 0);
  // without a safe state, the runner already lists every change as left in place (unsafe)
  if (routes.size === 0 || !["failed-safe", "failed-unsafe", "cancelled"].includes(status)) return [];
  return netChanges(events)
    .filter((c) => routes.has(c.name) || !unsafe.some((u) => u.startsWith(`${c.name} `)))
    .map(beyond(routes))
    .filter((c) => c.fields.length > 0);
}

/**
 * The routes whose safe state the journal says was restored. A restore event names its safe state
 * by description: a description whose restore also failed (two safe states described alike) counts
 * as not restored.
 */
function restoredRoutes(events: JournalEvent[]): Set<string> {
  const outcomes = new Map<string, Set<string>>();
  for (const e of events) if (e.type === "safe-state-restore") outcomes.set(e.description, (outcomes.get(e.description) ?? new Set()).add(e.outcome));
  const restored = (description: string) => outcomes.get(description)?.has("restored") && !outcomes.get(description)?.has("failed");
  return new Set(events.flatMap((e) => (e.type === "safe-state-declared" && restored(e.description) ? [refString(e.route)] : [])));
}

/** The action of the change events a safe state's restore journals (see restoreSafeStates). */
const RESTORE_ACTION = "restore safe state";

/**
 * The fields a traffic router writes to shift (and to restore) a split: a destination's `weight`
 * (Istio's spec.http[i].route[j].weight, Gateway API's backendRefs[j].weight, SMI's
 * spec.backends[i].weight) and ingress-nginx's canary-weight annotation.
 */
const WEIGHT_FIELD = /(^|\.)weight$|\["nginx\.ingress\.kubernetes\.io\/canary-weight"\]$/;
