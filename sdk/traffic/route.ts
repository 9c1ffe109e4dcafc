import { CapacityError, describeError, InvalidPlanError, UnknownDestinationError, VerificationError } from "../errors.ts";
import { checkKnownKeys, checkOneOf } from "../plan/check-option.ts";
import { currentContext, currentStepName, routeKey, type EngineContext, type RouteShift } from "../engine/context.ts";
import { journalRef } from "../engine/journal.ts";
import { readRequired, writeObject } from "../engine/writes.ts";
import { readAhead } from "../engine/read-ahead.ts";
import { splitIn } from "../engine/held-splits.ts";
import { refString, type KubeObject, type ObjectRef } from "../ports/kube.ts";
import { formatMs, toMs, type Duration } from "../util/duration.ts";
import type { Deployment } from "../workloads/deployment.ts";
import { awaitVerdict } from "./route-verdict.ts";
import { fullFleet, partialSplit, replicasNeeded, weightSupported } from "./capacity.ts";
import type { MetricScope, RouteState, TrafficRouter } from "./router.ts";
import { formatSplit, sameSplit, validateSplit, type Split } from "./split.ts";
import { watchedHandle } from "../engine/watched.ts";

export interface RouteOptions {
  /**
   * The workload behind each destination. With it, a shift checks that a destination has the
   * ready capacity for the weight it is about to get, and scales it up first when it does not.
   */
  backends?: Record<string, Deployment>;
  /**
   * Ready pods it takes to carry 100% of this route. Default: estimated from the pools carrying
   * traffic the first time the run checks capacity (see `fullFleet` in capacity.ts).
   */
  fullFleet?: number;
}

const CAPACITY_MODES = ["check", "skip"] as const;

export interface ShiftOptions {
  /** "check" (default): make sure receiving destinations can take the load first. "skip": trust the plan. */
  capacity?: (typeof CAPACITY_MODES)[number];
  /** How long to wait for scaled-up capacity to become ready (default 5m). */
  capacityTimeout?: Duration;
  /** Why, for the journal (default "shift traffic"). */
  action?: string;
  /** @internal Set by the engine's safe-state restore: a misspelt backend key is noted, not refused. */
  restoring?: boolean;
}

/** A handle on a traffic route (one VirtualService, HTTPRoute, TrafficSplit or canary Ingress). */
export interface Route {
  readonly ref: ObjectRef;
  /** Identifies the route, and the part of its object it shifts: per-run bookkeeping and safe states are kept by it. */
  readonly key: string;
  /** "VirtualService prod/checkout-api" */
  readonly label: string;
  readonly router: TrafficRouter;
  /** The current weights, read from the cluster. */
  split(): Promise<Split>;
  /** Destinations this route may send to. */
  destinations(): Promise<string[]>;
  /**
   * Sets the weights, after checking the receiving side's capacity, then reads the route back
   * and verifies the split.
   * @example await vs.shift({ stable: 100, release: 0 });
   */
  shift(split: Split, options?: ShiftOptions): Promise<void>;
  /** Where a destination's requests appear in metrics. */
  metricScope(destination: string): Promise<MetricScope>;
  /** The workload declared behind a destination. */
  backend(destination: string): Deployment | undefined;
  /**
   * Reads the route whole and refuses `named` destinations it lacks, and backends keyed by one it
   * lacks (a misspelt key leaves that destination's capacity unchecked).
   */
  checkDestinations(named: string[]): Promise<void>;
}

const POLL_MS = 2_000;

/** Reads of a route's pools, by destination, under way. */
type PoolReads = Map<string, Promise<KubeObject>>;

/** A shift without the workload step's edit or the unconfirmed write it had: the run's newer read of the route is its last word there. */
const beforeEdits = ({ edit, unconfirmed, ...shift }: RouteShift): RouteShift => shift;

/** Wraps a router into the handle plans use. */
export function createRoute(router: TrafficRouter, options: RouteOptions = {}): Route {
  const key = routeKey(router.ref, router.part);
  /** `want`: the destinations the caller needs (see TrafficRouter.inspect); none given: all of them. */
  const inspect = async (ctx: EngineContext, want?: string[]): Promise<RouteState> => {
    const kube = readAhead(ctx.kube, router.readsAhead?.(want) ?? []);
    const state = await router.inspect(await readRequired(ctx, router.ref), kube, want);
    registerImpact(ctx, state, state.split);
    registerBackends(ctx, state);
    if (!ctx.routesSeen.has(key)) {
      ctx.routesSeen.add(key);
      journalSplit(ctx, state.split, true, { initial: true }); // where the route started: the chart's first point
      for (const text of state.unchecked ?? []) ctx.journal.emit({ type: "note", text });
    }
    return state;
  };

  /**
   * Registers where users' requests through the route are counted: at every destination carrying
   * some of `split` (a north-south route's users reach each backend's Service, the release's too;
   * a mesh route's all reach its parent Service, one scope).
   */
  const registerImpact = (ctx: EngineContext, state: RouteState, split: Split) => {
    const carrying = Object.keys(split).filter((d) => split[d]! > 0);
    for (const destination of carrying.length ? carrying : Object.keys(split).slice(0, 1)) {
      const scope = router.metricScope(state, destination);
      const key = `${router.metrics}|${scope.namespace}|${scope.service}`;
      if (!ctx.impactScopes.has(key)) ctx.impactScopes.set(key, { mesh: router.metrics, namespace: scope.namespace, service: scope.service });
    }
  };

  /** Where the requests of each destination with a declared backend are counted (see EngineContext.backendScopes). */
  const registerBackends = (ctx: EngineContext, state: RouteState) => {
    for (const [destination, backend] of Object.entries(options.backends ?? {})) {
      // a destination of the rule read, as a shift's scopes are: another's may rest on DestinationRules this read skipped
      if (destination in state.split) ctx.backendScopes.set(`${key}|${destination}`, { mesh: router.metrics, scope: router.metricScope(state, destination), deployment: backend.ref });
    }
  };

  const journalSplit = (ctx: EngineContext, split: Split, verified: boolean, first: { initial?: true } = {}) => {
    ctx.journal.emit({ type: "traffic", route: journalRef(router.ref), split, verified, ...first });
  };

  /** `fresh`: state.object was just read and nothing changed since, so the write need not read it again. */
  const write = async (ctx: EngineContext, state: RouteState, split: Split, action: string, fresh = false, restoring = false) => {
    const object = refString(router.ref);
    ctx.shifting.set(object, (ctx.shifting.get(object) ?? 0) + 1);
    // on the wire until its read-back is recorded: a run that stops restores only after (see EngineContext.inflight)
    const recorded = record(ctx, state, split, action, fresh, restoring);
    ctx.inflight.add(recorded);
    try {
      await recorded;
    } finally {
      ctx.inflight.delete(recorded);
      const left = ctx.shifting.get(object)! - 1;
      if (left) ctx.shifting.set(object, left);
      else ctx.shifting.delete(object);
    }
  };

  /** Writes the split, verifies it and records it as the run's last shift of the route (see EngineContext.shifts). */
  const record = async (ctx: EngineContext, state: RouteState, split: Split, action: string, fresh: boolean, restoring: boolean) => {
    const want = Object.keys(split);
    /** The split of `object`'s rule the write aims at (see TrafficRouter.ruleOf), as any object of the route holds it. */
    const readerOf = (object: KubeObject) => {
      const rule = router.ruleOf?.(object, want);
      return (o: KubeObject) => router.splitOf(o, state, want, rule);
    };
    const { object, changes } = await writeObject(ctx, {
      ref: router.ref,
      action,
      patchFor: (current) => router.patchFor({ ...state, object: current }, split),
      ...(fresh ? { current: state.object } : {}),
    }).catch((err: unknown) => {
      // the write may have landed with its answer lost: the run reads the route again before it says where it is
      const last = ctx.shifts.get(key) ?? shiftOf(ctx, state, state.split, readerOf(state.object));
      if (ctx.mode === "run") ctx.shifts.set(key, { ...last, at: ctx.clock.now(), unconfirmed: split });
      throw err;
    });
    const splitOf = readerOf(object);
    const readBack = splitOf(object);
    if (ctx.mode === "run" && !sameSplit(readBack, split)) throw new VerificationError(router.label, split, readBack);
    registerImpact(ctx, { ...state, object }, readBack); // a destination brought into service is users' from now on
    const last = ctx.shifts.get(key);
    if (changes.length) {
      ctx.shifts.set(key, shiftOf(ctx, state, readBack, splitOf));
      // a handle on another part of this object (or all of it) finds there what this write left
      // (one whose part is gone keeps what it last wrote: the end of the run reports it missing)
      for (const [k, s] of ctx.shifts) {
        const { now } = k !== key && refString(s.ref) === refString(router.ref) ? splitIn(s, object) : {};
        if (now) ctx.shifts.set(k, { ...beforeEdits(s), split: now });
      }
    } else if (last) ctx.shifts.set(key, { ...beforeEdits(last), split: readBack, splitOf });
    journalSplit(ctx, readBack, ctx.mode === "run");
    ctx.progress(`${router.label}: ${formatSplit(readBack)}${ctx.mode === "run" ? " (verified)" : " (preview)"}`);
    // after the bookkeeping: a refused write is still where traffic is, for the restore and the report
    if (ctx.mode === "run" && changes.length) await awaitVerdict(ctx, router, state.object, object, restoring);
  };

  /** The run's shift of the route to `split`, from `state`: as gates wait on it and the end of the run reads it again. */
  const shiftOf = (ctx: EngineContext, state: RouteState, split: Split, splitOf: RouteShift["splitOf"]): RouteShift => {
    // the destinations this rule sends to, before or after: not every one the route could name
    // (an HTTPRoute may name any Service of its namespace, and a gate on an unrelated one would wait)
    const served = new Set([...Object.keys(state.split), ...Object.keys(split)]);
    const scopes = [...served].map((d) => router.metricScope(state, d));
    return { at: ctx.clock.now(), label: router.label, mesh: router.metrics, scopes, ref: router.ref, split, splitOf, without: router.withoutObject(state) };
  };

  /** Refuses destinations a plan named that the route (as read in `state`) lacks. */
  const refuseUnknown = (state: RouteState, named: string[]) => {
    const unknown = named.filter((d) => !state.destinations.includes(d));
    if (unknown.length) throw new UnknownDestinationError(router.label, unknown, state.destinations, router.destinationNoun, undefined, router.unknownAside?.(state.object));
  };

  /**
   * Refuses backends keyed by a destination the route lacks: most likely a destination misspelt,
   * whose capacity would then go unchecked. `destinations`: the route's, read whole.
   */
  const checkBackends = (destinations: string[], why: string) => {
    const strays = Object.keys(options.backends ?? {}).filter((d) => !destinations.includes(d));
    if (!strays.length) return;
    throw new UnknownDestinationError(router.label, strays, destinations, router.destinationNoun, {
      where: "its backends",
      fix: `Key each backend by the ${router.destinationNoun} its Deployment serves: ${why}.`,
    });
  };

  /** Scales up and waits where a destination is about to receive more than its ready pods can carry. */
  /** Returns whether it changed anything (then the route object read before it may be stale). */
  const ensureCapacity = async (ctx: EngineContext, state: RouteState, target: Split, opts: ShiftOptions, reads: PoolReads): Promise<boolean> => {
    let wrote = false;
    const rising = Object.keys(target).filter((d) => target[d]! > (state.split[d] ?? 0));
    const serving = Object.keys(state.split).filter((d) => (state.split[d] ?? 0) > 0);
    const declared = (d: string) => Boolean(options.backends?.[d]);
    const unknownBackends = [...new Set([...rising, ...serving])].filter((d) => !declared(d));
    if (!rising.length) return false;
    // the restore goes through whatever the plan misspelt: the note below says what went unchecked
    if (unknownBackends.length && !opts.restoring) checkBackends(state.destinations, `without one for ${unknownBackends.join(", ")}, this shift cannot check its capacity`);
    // A destination without a backend goes unchecked, and does not turn the check off for the
    // others: the fleet is sized from the serving pools that have one.
    const checked = rising.filter(declared);
    const sizedFrom = serving.filter(declared);
    const fleetKnown = options.fullFleet !== undefined || ctx.fleets.has(key) || sizedFrom.length > 0;
    if (unknownBackends.length) {
      const none = !checked.length || !fleetKnown;
      const text = none
        ? `capacity not checked for ${router.label}: no backend declared for ${unknownBackends.join(", ")}`
        : `capacity of ${unknownBackends.join(", ")} on ${router.label} not checked: no backend declared for it; the others are`;
      ctx.journal.emit({ type: "note", text });
      if (none) return false;
    }
    // One read per pool, started with the route's read (see readPools).
    let pools: Map<string, KubeObject>;
    try {
      pools = new Map(await Promise.all([...new Set([...sizedFrom, ...checked])].map(async (d) => [d, await reads.get(d)!] as const)));
    } catch (err) {
      if (!opts.restoring) throw err;
      // a pool that cannot be read (a backend naming a Deployment that is not there) must not keep traffic on the failing side
      ctx.journal.emit({ type: "note", text: `capacity not checked for ${router.label}: a backend could not be read (${describeError(err).message}); the restore goes ahead without the check` });
      return false;
    }
    const readyOf = (d: string) => (pools.get(d)?.status?.readyReplicas as number | undefined) ?? 0;
    const replicasOf = (d: string) => (pools.get(d)?.spec?.replicas as number | undefined) ?? 0;
    const ready = async (d: string) => options.backends![d]!.readyReplicas();
    // Measured once per run: counting pools scaled up during the run would inflate it stage by stage.
    let servingReady = options.fullFleet ?? ctx.fleets.get(key);
    if (servingReady === undefined) {
      servingReady = fullFleet(sizedFrom.map((d) => ({ ready: readyOf(d), replicas: replicasOf(d), weight: state.split[d]! })));
      if (servingReady === 0) {
        // no pool carrying the route has pods: nothing to size from, and nothing to remember
        ctx.journal.emit({ type: "note", text: `capacity not checked for ${router.label}: no pool carrying it (${sizedFrom.join(", ")}) has pods to size it from; set fullFleet on the route` });
        return false;
      }
      ctx.fleets.set(key, servingReady);
    }
    const timeoutMs = toMs(opts.capacityTimeout ?? "5m", "capacityTimeout");
    for (const dest of checked) {
      const backend = options.backends![dest]!;
      const needed = replicasNeeded(servingReady, target[dest]!);
      const have = readyOf(dest);
      if (have >= needed) continue;
      wrote = true;
      if (replicasOf(dest) < needed) {
        ctx.journal.emit({ type: "note", text: `${backend.label} has ${have} ready pods; ${target[dest]}% of ${router.label} needs ${needed}: scaling up first` });
        await backend.scale(needed);
      }
      if (ctx.mode === "preview") continue;
      // Shift in steps while the new pods come up: every pod that turns ready takes its share now.
      const start = ctx.clock.now();
      let current = state.split;
      for (;;) {
        const now = await ready(dest);
        if (now >= needed) break;
        const supported = weightSupported(now, servingReady);
        if (rising.length === 1 && supported > (current[dest] ?? 0) && supported < target[dest]!) {
          current = partialSplit(current, target, dest, supported);
          await write(ctx, state, current, `shift traffic in steps while ${backend.label} scales up`);
        }
        const waited = ctx.clock.now() - start;
        if (waited >= timeoutMs) {
          throw new CapacityError(
            `${backend.label} has ${now} ready of the ${needed} pods needed to take ${target[dest]}% of ${router.label} ` +
              `(waited ${formatMs(waited)}); it carries ${current[dest] ?? 0}% now. Check why its pods do not become ready ` +
              `(kubectl describe pods), or raise capacityTimeout.`,
          );
        }
        ctx.progress(`waiting for ${backend.label}: ${now}/${needed} ready to take ${target[dest]}%`);
        await ctx.clock.sleep(POLL_MS, ctx.signal);
      }
    }
    return wrote;
  };

  /**
   * Starts reading every declared pool, for the capacity check to come: the reads overlap the
   * route's own, one round trip less before the write (30 ms against a distant cluster). A read
   * only fails the shift if the check then needs that pool.
   */
  const readPools = (): PoolReads => {
    const reads: PoolReads = new Map();
    for (const [d, backend] of Object.entries(options.backends ?? {})) {
      const read = backend.get();
      read.catch(() => {}); // awaited when the pool is needed; moot when it is not
      reads.set(d, read);
    }
    return reads;
  };

  const handle: Route = {
    ref: router.ref,
    key,
    label: router.label,
    router,
    async split() {
      return (await inspect(currentContext(`${router.label}.split()`), [])).split;
    },
    async destinations() {
      return (await inspect(currentContext(`${router.label}.destinations()`))).destinations;
    },
    async shift(split, opts = {}) {
      const ctx = currentContext(`${router.label}.shift()`);
      validateSplit(router.label, split);
      const { restoring: _, ...given } = opts;
      checkKnownKeys(`${router.label}.shift()`, given, ["capacity", "capacityTimeout", "action"]);
      checkOneOf(`${router.label}.shift()`, "capacity", opts.capacity, CAPACITY_MODES);
      if (opts.capacityTimeout !== undefined) {
        toMs(opts.capacityTimeout, "capacityTimeout"); // refused before anything is written
        ctx.capacityTimeouts.set(key, opts.capacityTimeout);
      }
      const step = currentStepName();
      const by = step === undefined ? "the plan's program" : `step "${step}"`;
      const other = ctx.shiftsUnderway.get(key);
      if (other !== undefined && !opts.restoring) {
        const also = other === by ? "while another shift of its own is still underway" : `while ${other} is still shifting it`;
        throw new InvalidPlanError(
          `${router.label}: ${by} shifts it to ${formatSplit(split)} ${also}: two shifts of one route at once leave it ` +
            `at whichever writes last. Await one before starting the other (not Promise.all); shifts of different routes may run together.`,
        );
      }
      ctx.shiftsUnderway.set(key, by);
      try {
        const checking = opts.capacity !== "skip";
        const pools = checking ? readPools() : new Map();
        const state = await inspect(ctx, Object.keys(split));
        refuseUnknown(state, Object.keys(split));
        router.patchFor(state, split); // the router's own refusals, before the capacity check scales anything
        // A destination brought into service must have pods; the capacity check brings up the pools it manages.
        const receiving = Object.keys(split).filter((d) => split[d]! > 0 && !state.split[d] && !(checking && options.backends?.[d]));
        await router.checkServed?.(state, receiving, ctx.kube);
        const changed = checking && (await ensureCapacity(ctx, state, split, opts, pools));
        await write(ctx, state, split, opts.action ?? "shift traffic", !changed, opts.restoring);
      } finally {
        if (ctx.shiftsUnderway.get(key) === by) ctx.shiftsUnderway.delete(key);
      }
    },
    async metricScope(destination) {
      const state = await inspect(currentContext(`${router.label}.metricScope()`), [destination]);
      refuseUnknown(state, [destination]);
      return router.metricScope(state, destination);
    },
    backend: (d) => options.backends?.[d],
    async checkDestinations(named) {
      const state = await inspect(currentContext(`${router.label}.checkDestinations()`));
      refuseUnknown(state, named);
      checkBackends(state.destinations, "a misspelt key leaves the capacity of the one it meant unchecked, and a shift that needs it refused");
    },
  };
  return watchedHandle(handle, router.label);
}
