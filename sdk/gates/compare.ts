import { InvalidPlanError } from "../errors.ts";
import type { Route } from "../traffic/route.ts";
import type { Gate, GateRound, Verdict } from "./gate.ts";
import { judge, noData, read, requireMetrics } from "./measure.ts";
import { checkGateOptions, TRAFFIC_OPTIONS, windowAfterShift } from "./options.ts";
import { checkTarget, countTraffic, DEFAULT_MIN_REQUESTS, DEFAULT_WINDOW, type Target, type Traffic, type TrafficOptions } from "./traffic.ts";

/** The two versions to compare: destinations of a route, or versions of a mesh service. */
export type CompareTarget = ({ route: Route } | { mesh: string; namespace: string; service: string }) & { canary: string; stable: string };

export type CompareOptions = CompareTarget &
  TrafficOptions & {
    /** The canary's error rate may be at most this many times the stable version's, e.g. 2. */
    maxErrorRatio: number;
    /**
     * The stable error rate the ratio is applied to is at least this (default 0.001 = 0.1%). Without
     * a floor, a stable version with no errors in the window would fail a canary over one error.
     */
    errorRateFloor?: number;
  };

/** One 5xx in a thousand: below it, "twice as many errors as stable" is noise, not a regression. */
export const DEFAULT_ERROR_RATE_FLOOR = 0.001;

const pct = (x: number) => `${Math.round(x * 10_000) / 100}%`;
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const sideOf = (t: CompareTarget, version: string): Target =>
  "route" in t ? { route: t.route, destination: version } : { mesh: t.mesh, namespace: t.namespace, service: t.service, version };

/** The side's 5xx count: none recorded is 0 errors; NaN or ±Inf is no data. */
async function errorsOf(r: GateRound, t: Traffic): Promise<{ failed: number; rate: number; query: string; warnings: string[] } | Verdict> {
  const reading = await read(requireMetrics(r), t.ind.errors(t.scope, t.base.window), t.base.at);
  if (reading.value === null && reading.missing !== "empty vector") return noData(reading, `the 5xx count of ${t.subject} is ${reading.missing}`, { ...t.base, indicator: "error-rate" });
  const failed = reading.value ?? 0;
  return { failed, rate: failed / t.requests, query: reading.query, warnings: reading.warnings };
}

/**
 * Refuses a ratio and floor whose product is 1 or more: the canary may then have an error rate of
 * 100% whatever stable's (an error rate is at most 1), so the gate would pass a canary failing every
 * request (`maxErrorRatio: 2, errorRateFloor: 0.5`, or `maxErrorRatio: 1000` over the default floor).
 */
function refuseAlwaysPassing(ratio: number, floor: number, defaultFloor: boolean): void {
  if (ratio * floor < 1) return;
  const below = (n: number) => Number(n.toPrecision(3));
  throw new InvalidPlanError(
    `gates.compare: maxErrorRatio ${ratio} × errorRateFloor ${floor}${defaultFloor ? " (the default)" : ""} allows the canary an error rate of ${pct(ratio * floor)} or more, ` +
      `whatever stable's, so even one failing every request would pass: lower errorRateFloor below ${below(1 / ratio)}, or maxErrorRatio below ${below(1 / floor)}`,
  );
}

/**
 * Canary analysis against the stable version, measured over the same window: passes when the
 * canary's error rate is at most `maxErrorRatio` times stable's. Both versions need
 * `minRequests`; a stable version with (almost) no errors is judged against `errorRateFloor`
 * instead, and the reason says so.
 * @example gates.compare({ route: vs, canary: "release", stable: "stable", maxErrorRatio: 2 })
 */
export function compare(opts: CompareOptions): Gate {
  // Infinity would pass any canary
  if (!(opts.maxErrorRatio >= 1 && Number.isFinite(opts.maxErrorRatio))) {
    throw new InvalidPlanError(`gates.compare: maxErrorRatio ${opts.maxErrorRatio} must be a finite number, at least 1 (canary no worse than stable)`);
  }
  const floor = opts.errorRateFloor ?? DEFAULT_ERROR_RATE_FLOOR;
  checkGateOptions("gates.compare", opts, { fractions: { errorRateFloor: floor }, known: ["route", "mesh", "namespace", "service", "canary", "stable", ...TRAFFIC_OPTIONS, "maxErrorRatio", "errorRateFloor"] });
  refuseAlwaysPassing(opts.maxErrorRatio, floor, opts.errorRateFloor === undefined);
  const canary = sideOf(opts, opts.canary);
  const stable = sideOf(opts, opts.stable);
  return {
    kind: "compare",
    description:
      `error rate of ${opts.canary} <= ${opts.maxErrorRatio} × ${opts.stable}'s over ${opts.window ?? DEFAULT_WINDOW} ` +
      `(each at least ${opts.minRequests ?? DEFAULT_MIN_REQUESTS} requests)`,
    policy: opts.policy,
    // both sides are counted over the window: a shift of their route starts both afresh
    waitAfterShift: windowAfterShift(canary, opts),
    preflight: async (r) => void (await Promise.all([checkTarget(r, canary, opts), checkTarget(r, stable, opts)])),
    async evaluate(r) {
      const [c, s] = await Promise.all([countTraffic(r, canary, opts, "canary"), countTraffic(r, stable, opts, "stable")]);
      const short = [c, s].filter((x): x is Verdict => "phase" in x);
      if (short.length) return { phase: "inconclusive", reason: short.map((v) => v.reason).join("; "), evidence: short.flatMap((v) => v.evidence) };
      const ct = c as Traffic;
      const st = s as Traffic;
      const [ce, se] = await Promise.all([errorsOf(r, ct), errorsOf(r, st)]);
      if ("phase" in ce) return ce;
      if ("phase" in se) return se;
      const baseline = Math.max(se.rate, floor);
      const allowed = opts.maxErrorRatio * baseline;
      const pass = ce.rate <= allowed;
      const stableSays =
        se.rate < floor
          ? `${opts.stable} had ${pct(se.rate)} (${Math.round(se.failed)} of ${st.base.samples}), below the floor of ${pct(floor)}, so ${opts.canary} may have up to ${opts.maxErrorRatio} × ${pct(floor)} = ${pct(allowed)}`
          : `${opts.maxErrorRatio} × ${opts.stable}'s ${pct(se.rate)} (${Math.round(se.failed)} of ${st.base.samples}) = ${pct(allowed)}`;
      const threshold = `<= ${pct(allowed)}`;
      const v = judge(
        pass,
        `canary ${opts.canary} error rate ${pct(ce.rate)} (${Math.round(ce.failed)} of ${ct.base.samples}) ${pass ? "<=" : ">"} ${stableSays}, over ${ct.base.window}`,
        [...ct.warnings, ...st.warnings, ...ce.warnings, ...se.warnings],
        { ...ct.base, indicator: "error-rate", query: ce.query, value: round6(ce.rate), threshold },
      );
      const baselineEvidence = { ...st.base, indicator: "error-rate", query: se.query, value: round6(se.rate), threshold: `baseline (floor ${pct(floor)})`, phase: v.phase, reason: v.reason };
      return { ...v, evidence: [...v.evidence, baselineEvidence] };
    },
  };
}
