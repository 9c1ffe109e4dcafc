import { compare } from "./compare.ts";
import { all, any } from "./compose.ts";
import { latency, query, successRate } from "./metric.ts";
import { podsReady } from "./pods-ready.ts";
import { schema } from "./schema/schema.ts";
import { warmup } from "./warmup.ts";

/**
 * The built-in gates. Each returns a Gate for run.gate(...) / run.check(...).
 * @example await run.gate("release healthy", gates.successRate({ route: vs, destination: "release", min: 0.99 }));
 */
export const gates = { successRate, latency, query, compare, schema, podsReady, warmup, all, any };

export type { Gate, GatePolicy, Verdict } from "./gate.ts";
export type { SuccessRateOptions, LatencyOptions, QueryGateOptions, Target } from "./metric.ts";
export type { CompareOptions } from "./compare.ts";
export type { PodsReadyOptions } from "./pods-ready.ts";
export type { SchemaOptions, DatabaseOptions } from "./schema/schema.ts";
export type { MigrationTool } from "./schema/history.ts";
export type { WarmupOptions } from "./warmup.ts";
