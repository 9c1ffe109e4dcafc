/**
 * The metrics port: PromQL instant and range queries. Production speaks the Prometheus HTTP API to
 * Prometheus (or Thanos, Mimir, Cortex); the simulator serves the same API on 127.0.0.1.
 */

export interface Sample {
  labels: Record<string, string>;
  /** NaN and ±Inf survive as numbers: a gate must treat NaN as "no data", never as a pass. */
  value: number;
}

export interface InstantResult {
  /** Evaluation time, ms since epoch. */
  at: number;
  samples: Sample[];
  warnings: string[];
}

export interface RangeSeries {
  labels: Record<string, string>;
  points: { at: number; value: number }[];
}

export interface RangeResult {
  series: RangeSeries[];
  warnings: string[];
}

export interface MetricsPort {
  /** Human-readable location, for messages and evidence. */
  readonly url: string;
  query(promql: string, at?: number): Promise<InstantResult>;
  queryRange(promql: string, startMs: number, endMs: number, stepSeconds: number): Promise<RangeResult>;
  /**
   * The provider's own clock, ms since the epoch, where it can tell: the engine places its windows
   * on it (see sdk/engine/provider-clock.ts). Without it, times are taken to be the runner's.
   */
  now?(): Promise<number>;
}
