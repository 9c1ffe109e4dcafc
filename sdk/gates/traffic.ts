import type { Route } from "../traffic/route.ts";
import { verdict, type GatePolicy, type GateRound, type Verdict } from "./gate.ts";
import { indicatorsFor, type MeshIndicators, type Scope } from "./indicators/index.ts";
import { noData, read, requireMetrics } from "./measure.ts";
import { windowTooShort } from "./sampling.ts";
import { InvalidPlanError, RouteDriftError } from "../errors.ts";
import type { EngineContext, Rollout, RouteShift } from "../engine/context.ts";
import { checkHeld, type HeldCheck } from "../engine/held-splits.ts";
import { formatMs, promRangeMs } from "../util/duration.ts";
import { refString } from "../ports/kube.ts";
import { checkRollout } from "../workloads/rollouts.ts";
import { clockTime } from "../postmortem/format.ts";

/**
 * Which requests a metric gate judges: a route's destination (measured with the route's mesh's
 * metrics), or an explicit scope of a mesh's metrics ("istio", "linkerd", "ingress-nginx").
 */
export type Target = { route: Route; destination: string } | { mesh: string; namespace: string; service: string; version?: string };

/** Options every request-based gate shares. */
export interface TrafficOptions {
  /** Rate window, default "1m". */
  window?: string;
  /** No verdict below this many requests in the window (inconclusive instead). Default 50. */
  minRequests?: number;
  policy?: Partial<GatePolicy>;
}

export const DEFAULT_WINDOW = "1m";
/** Below about 50 requests one error moves a success rate by 2 points: too noisy to judge. */
export const DEFAULT_MIN_REQUESTS = 50;

/** The version (or service) a target is about, for messages. */
export const subjectOf = (t: Target) => ("route" in t ? t.destination : (t.version ?? t.service));

/** Requests a target received in the window: enough to judge, with where they were counted. */
export interface Traffic {
  ind: MeshIndicators;
  scope: Scope;
  subject: string;
  requests: number;
  warnings: string[];
  /** Evidence fields every verdict about this traffic carries. */
  base: { at: number; window: string; samples: number; subject: string };
}

/**
 * Where a target's requests are counted. A route's answer needs two API reads (the route and its
 * DestinationRules) and cannot change while one gate is evaluated, so it is read on the first
 * round only and kept in the gate's round state.
 */
async function resolve(r: GateRound, target: Target): Promise<{ mesh: string; scope: Scope }> {
  if (!("route" in target)) return { mesh: target.mesh, scope: target };
  const key = `metric-scope|${target.route.label}|${target.destination}`;
  const known = r.state.get(key) as { mesh: string; scope: Scope } | undefined;
  if (known) return known;
  const found = { mesh: target.route.router.metrics, scope: await target.route.metricScope(target.destination) };
  r.state.set(key, found);
  return found;
}

/** Whether two scopes count some of the same requests: one service, and the same version unless either is the whole service. */
const overlaps = (a: Scope, b: Scope) => a.namespace === b.namespace && a.service === b.service && (!a.version || !b.version || a.version === b.version);

/**
 * The run's shifts of routes whose destinations' requests the target counts, latest first: a gate
 * on an explicit scope waits after a shift of the route serving it, as one on the route's destination does.
 */
function shiftsServing(ctx: EngineContext, mesh: string, scope: Scope): RouteShift[] {
  return [...ctx.shifts.values()].filter((s) => s.mesh === mesh && s.scopes.some((d) => overlaps(d, scope))).sort((a, b) => b.at - a.at);
}

/**
 * The run's rollouts of Deployments behind the target's requests: the one the target's route
 * declares behind its destination, and any a route the run has read declares behind a destination
 * counted in an overlapping scope of the same mesh (see EngineContext.backendScopes).
 */
function rolloutsServing(ctx: EngineContext, target: Target, mesh: string, scope: Scope): Rollout[] {
  const behind = [...ctx.backendScopes.values()].filter((b) => b.mesh === mesh && overlaps(b.scope, scope)).map((b) => b.deployment);
  const own = "route" in target ? target.route.backend(target.destination)?.ref : undefined;
  const deployments = new Set([...behind, ...(own ? [own] : [])].map(refString));
  return [...deployments].flatMap((d) => ctx.rollouts.get(d) ?? []);
}

/**
 * Why a window ending `at` may still hold requests from before one of `rollouts`, or undefined when
 * it holds none. A rollout the plan did not wait for counts from the round that first sees it complete.
 */
async function rolloutWait(ctx: EngineContext, rollouts: Rollout[], window: string, at: number): Promise<string | undefined> {
  const progress = await Promise.all(rollouts.map((o) => checkRollout(ctx, o)));
  const pending = progress.flatMap((p) => ("pending" in p ? [p] : []))[0];
  if (pending) {
    return `the rollout of ${pending.rollout.label} (started at ${clockTime(pending.rollout.at)}) is not complete: ${pending.pending}; waiting for it, then for a ${window} window of traffic after it`;
  }
  const last = progress.flatMap((p) => ("doneAt" in p ? [p] : [])).sort((a, b) => b.doneAt - a.doneAt)[0];
  if (!last || at - last.doneAt >= promRangeMs(window)!) return undefined;
  return `${formatMs(at - last.doneAt)} since the rollout of ${last.rollout.label} completed at ${clockTime(last.doneAt)}: waiting for a ${window} window of traffic after it`;
}

const HELD = "routes-held";

/** This round's checks of the routes serving gates, per route: gates combined (a comparison's two counts, gates.all) share them. */
interface HeldThisRound {
  round: number;
  checks: Map<RouteShift, Promise<HeldCheck>>;
}

/**
 * Throws a RouteDriftError when a route serving the target no longer holds the split the run
 * wrote (a controller put it back): the requests would be judged under weights the plan did not
 * set. Each route is read once a round, whichever counts of the round ask (a comparison's canary
 * and stable, the gates of a gates.all).
 */
async function confirmServingHeld(r: GateRound, serving: RouteShift[]): Promise<void> {
  if (!serving.length) return;
  const state = r.shared ?? r.state;
  let memo = state.get(HELD) as HeldThisRound | undefined;
  if (memo?.round !== r.round) state.set(HELD, (memo = { round: r.round, checks: new Map() }));
  const unchecked = serving.filter((s) => !memo.checks.has(s));
  if (unchecked.length) {
    const check = checkHeld(r.ctx, unchecked);
    for (const s of unchecked) memo.checks.set(s, check);
  }
  const checks = await Promise.all([...new Set(serving.map((s) => memo.checks.get(s)!))]);
  const mine = <T extends { shift: RouteShift }>(found: T[]) => found.filter((f) => serving.includes(f.shift));
  const unread = checks.flatMap((c) => mine(c.unread));
  if (unread.length) throw unread[0]!.error;
  const drifts = checks.flatMap((c) => mine(c.drifts));
  if (drifts.length) throw new RouteDriftError(drifts.map((d) => d.drift));
}

/**
 * Checks that there is a metrics provider to ask, that a route's target names a destination the
 * route has (reading the route, as a round would), and that the window is not shorter than the
 * target's series' scrape interval allows, where they have samples to tell: the preflight of every
 * gate over traffic.
 * @example preflight: (r) => checkTarget(r, opts, opts)
 */
export async function checkTarget(r: GateRound, target: Target, opts: TrafficOptions): Promise<void> {
  const metrics = requireMetrics(r);
  const { mesh, scope } = await resolve(r, target);
  const short = await windowTooShort(metrics, indicatorsFor(mesh), scope, opts.window ?? DEFAULT_WINDOW, r.ctx.clock.now());
  if (short) throw new InvalidPlanError(`The gate on ${subjectOf(target)} can never see its requests: ${short}.`);
}

/**
 * Counts a target's requests and decides "too few to judge" the same way for every metric gate:
 * an empty vector, NaN and fewer than `minRequests` all end inconclusive, saying which.
 * @example const t = await countTraffic(round, opts, opts); if ("phase" in t) return t;
 */
export async function countTraffic(r: GateRound, target: Target, opts: TrafficOptions, role = ""): Promise<Traffic | Verdict> {
  const metrics = requireMetrics(r);
  const window = opts.window ?? DEFAULT_WINDOW;
  const minRequests = opts.minRequests ?? DEFAULT_MIN_REQUESTS;
  const { mesh, scope } = await resolve(r, target);
  const ind = indicatorsFor(mesh);
  const subject = subjectOf(target);
  const who = role ? `${role} ${subject}` : subject;
  const at = r.ctx.clock.now();
  // Requests from before this run last moved the target's traffic were served under other weights
  // (a release at 90% before isolation, say): no verdict until the window holds none of them.
  const serving = shiftsServing(r.ctx, mesh, scope);
  await confirmServingHeld(r, serving);
  const shift = serving[0];
  const waiting = { at, indicator: "requests", subject, window, value: null };
  if (shift && at - shift.at < promRangeMs(window)!) {
    return verdict("inconclusive", `${formatMs(at - shift.at)} since ${shift.label} last shifted: waiting for a ${window} window of traffic after it`, waiting);
  }
  // Nor from before the run rolled out a Deployment serving them: its new pods keep the old ones' version label.
  const rolledOut = await rolloutWait(r.ctx, rolloutsServing(r.ctx, target, mesh, scope), window, at);
  if (rolledOut) return verdict("inconclusive", rolledOut, waiting);
  const reading = await read(metrics, ind.requests(scope, window), at);
  const evidence = { at, indicator: "requests", subject, window, threshold: `>= ${minRequests} requests` };
  if (reading.value === null) {
    // an empty increase() is also what a window holding one sample per series gives
    const short = reading.missing === "empty vector" ? await windowTooShort(metrics, ind, scope, window, at) : null;
    const why = short ? `, likely because ${short}` : " — is it receiving traffic?";
    return noData(reading, `${who} has no requests recorded in the last ${window}${why}`, { ...evidence, samples: 0 });
  }
  // increase() extrapolates: 49.5 requests are not the 50 asked for
  if (reading.value < minRequests) {
    const short = Math.floor(reading.value);
    return verdict("inconclusive", `too few requests: ${short} in ${window} to ${who} (need ${minRequests} for a verdict)`, {
      ...evidence, query: reading.query, value: short, samples: short,
    });
  }
  const requests = Math.round(reading.value);
  return { ind, scope, subject, requests: reading.value, warnings: reading.warnings, base: { at, window, samples: requests, subject } };
}
