import { compare } from "./compare.ts";
import { all, any } from "./compose.ts";
import type { Gate } from "./gate.ts";
import { latency, query, successRate, type Target } from "./metric.ts";
import { windowAfterShift } from "./options.ts";
import { podsReady } from "./pods-ready.ts";
import { schema } from "./schema/schema.ts";
import { warmup } from "./warmup.ts";

/**
 * A gate over a target's requests, telling how long after a shift of its route it waits (its
 * window: see windowAfterShift), for a canary to refuse a stage too short for it.
 */
const countingAfterShift =
  <O extends Target & { window?: string }>(make: (opts: O) => Gate) =>
  (opts: O): Gate => ({ ...make(opts), waitAfterShift: windowAfterShift(opts, opts) });

/**
 * The built-in gates. Each returns a Gate for run.gate(...) / run.check(...).
 * @example await run.gate("release healthy", gates.successRate({ route: vs, destination: "release", min: 0.99 }));
 */
export const gates = { successRate: countingAfterShift(successRate), latency: countingAfterShift(latency), query, compare, schema, podsReady, warmup, all, any };

export type { Gate, GatePolicy, Verdict } from "./gate.ts";
export type { SuccessRateOptions, LatencyOptions, QueryGateOptions, Target } from "./metric.ts";
export type { CompareOptions } from "./compare.ts";
export type { PodsReadyOptions } from "./pods-ready.ts";
export type { SchemaOptions, DatabaseOptions } from "./schema/schema.ts";
export type { MigrationTool } from "./schema/history.ts";
export type { WarmupOptions } from "./warmup.ts";
