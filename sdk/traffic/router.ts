import type { KubeObject, KubePort, ObjectRef } from "../ports/kube.ts";
import type { ReadAhead } from "../engine/read-ahead.ts";
import type { Split } from "./split.ts";

/** What a router reads off its route object. */
export interface RouteState {
  object: KubeObject;
  /** The current weights, per destination (of the rule holding the wanted destinations: see splitRule). */
  split: Split;
  /** Every destination this route may send to (e.g. the DestinationRule's subsets). */
  destinations: string[];
  /** Objects read beside the route that define its destinations (Istio: DestinationRules). */
  related: KubeObject[];
  /** Where `related` may be missing objects, that could not be read (said in refusals that might be owed to them). */
  unread?: string;
  /**
   * Checks the inspection could not make (a read refused) and went on without, each worded for a
   * responder: what it means for the shift and how to make the check possible. Journaled once per run.
   */
  unchecked?: string[];
}

/** Where a route's traffic goes without its object. */
export interface TrafficWithout {
  /** The split that then holds; undefined when no weights apply any more. */
  split?: Split;
  /** "ingress-nginx sends all of shop.example.com to checkout-api" */
  text: string;
}

/** Where a destination's requests show up in metrics (per version / subset). */
export interface MetricScope {
  /** Label matchers identifying the destination's requests, e.g. { destination_version: "release" }. */
  namespace: string;
  service: string;
  version?: string;
}

/**
 * One traffic router: a mesh or ingress that splits traffic by weight. Each router is a file in
 * sdk/traffic/routers/ returning this interface; adding a mesh is adding a file.
 * Everything here is pure but `inspect`; writes go through the engine's one write path.
 */
export interface TrafficRouter {
  /** "istio", "gateway-api", "smi", "ingress-nginx". */
  readonly type: string;
  /** Whose metrics describe this route's traffic (the built-in indicator set): "istio", "linkerd", "ingress-nginx". */
  readonly metrics: string;
  readonly ref: ObjectRef;
  /** "VirtualService prod/checkout-api": how messages name the route (with its part, when it has one). */
  readonly label: string;
  /**
   * The part of the object this router shifts when not all of it ("http route 'mobile'"): two
   * handles on different parts of one object are two routes, each with its own safe state.
   */
  readonly part?: string;
  /** What a destination is called on this router ("subset", "backend"). */
  readonly destinationNoun: string;
  /**
   * Interprets the route object (read by the engine), reading related objects it needs.
   * `want`: the destinations the caller needs to know about; a router may then read less than
   * everything, but `destinations` must list them all when any is unknown (for the error message).
   * Without `want`, every destination.
   */
  inspect(object: KubeObject, kube: KubePort, want?: string[]): Promise<RouteState>;
  /**
   * The reads `inspect(…, want)` will likely make, named from the options alone: the engine starts
   * them with the route's read, so they cost no round trip of their own. A wrong guess costs one
   * wasted read, never a wrong answer.
   */
  readsAhead?(want?: string[]): ReadAhead[];
  /**
   * Refuses, before anything is written, a shift that brings `receiving` destinations (at 0% now)
   * into service when nothing would serve them (Istio: a subset whose labels select no pod). Reads the cluster.
   */
  checkServed?(state: RouteState, receiving: string[], kube: KubePort): Promise<void>;
  /**
   * What an error naming destinations the route lacks adds, when they may live elsewhere (Istio:
   * http routes delegated to another VirtualService, whose subsets are that one's); else undefined.
   */
  unknownAside?(object: KubeObject): string | undefined;
  /** The merge patch that sets `split`, from the route as it is now. Throws typed errors for unknown destinations. */
  patchFor(state: RouteState, split: Split): object;
  /**
   * The split as written in an object (with the state it was inspected in): for verifying what we
   * read back. `want`: the destinations a shift named (see splitRule, for objects of several rules).
   * `rule`: the identity `ruleOf` gave the rule a shift wrote; that rule is read, wherever it is now.
   */
  splitOf(object: KubeObject, state: RouteState, want?: string[], rule?: string): Split;
  /**
   * For objects of several rules: what identifies the rule `splitOf(object, state, want)` reads
   * (see ruleIdentity), so that reading the route again later finds that rule, not one inserted
   * ahead of it.
   */
  ruleOf?(object: KubeObject, want?: string[]): string;
  /**
   * After a write, for routers whose controller reports on the route (Gateway API: status.parents):
   * what is still awaited before the write takes effect, undefined once settled (or when nothing
   * reports on this route). Throws a typed error when the controller refused the write.
   * `before`: the route as inspected; `now`: as read since the write.
   */
  pendingVerdict?(before: KubeObject, now: KubeObject): string | undefined;
  /**
   * Where the route's traffic goes once its object is deleted (a Helm rollback to a chart without
   * it): the split, when the router can name one, and in words.
   */
  withoutObject(state: RouteState): TrafficWithout;
  /** Metrics scope of a destination, for success-rate/latency gates and user impact. */
  metricScope(state: RouteState, destination: string): MetricScope;
}
