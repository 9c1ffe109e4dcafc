/**
 * Recommendations the journal implies even when the plan did not write them.
 */
import type { JournalEvent } from "../journal/events.ts";
import { netChanges } from "../journal/net-changes.ts";
import { lastTrafficChange } from "../journal/traffic-changes.ts";
import { clockTime, duration, objectName, percent } from "./format.ts";
import type { Recommendation } from "./summary.ts";

/** The plan that shows how: it is in Firebreak's repository, not the responders'. */
const ROLL_FORWARD_EXAMPLE = "Firebreak's examples/checkout-api-roll-forward.ts is a plan for it";

/** The advice given when health did not come back after a rollback. */
export const ROLL_FORWARD_ADVICE =
  "A rollback did not restore health: the data or dependency state may have moved ahead of the " +
  `rolled-back version (schema migrations, cache or queue formats). Roll forward with a fix instead (${ROLL_FORWARD_EXAMPLE}).`;

/** Whether a recommendation already says to roll forward ("roll forward", "rolling-forward", …). */
const SAYS_ROLL_FORWARD = /\broll(?:ing|ed)?[\s-]*forward/i;

/** A change's action that rolled a workload back. */
const ROLLED_BACK = /\broll ?back\b/i;

/** Indicators measured on users' requests: a failure there, after a rollback, points at the data. */
const TRAFFIC_INDICATOR = /^(success-rate|latency|error-ratio)/;

/** Whether `later` rolls the workload `rollback` changed forward: the plan has already taken the advice. */
const rolledForwardAfter = (later: JournalEvent[], rollback: JournalEvent & { type: "change" }) =>
  later.some((c) => c.type === "change" && SAYS_ROLL_FORWARD.test(c.action) && objectName(c.object) === objectName(rollback.object));

/**
 * Derives recommendations from the events: rolling forward when a rollback did not restore health
 * ({@link rollForwardAdvice}), putting back the bounds of autoscalers the plan changed to hold
 * a replica count ({@link autoscalerBoundsAdvice}), and looking again when users were still failing
 * as the run ended ({@link stillFailingAdvice}).
 *
 * @example
 * deriveRecommendations(events, []);
 * // [{ text: ROLL_FORWARD_ADVICE, reason: 'gate "canary 1%" failed after …', derived: true, at: … }]
 */
export function deriveRecommendations(events: JournalEvent[], explicit: Recommendation[]): Recommendation[] {
  return [...rollForwardAdvice(events, explicit), ...autoscalerBoundsAdvice(events), ...stillFailingAdvice(events)];
}

/**
 * The error rate at the end of a run above which users are "still failing": the success-rate
 * floor of a typical gate (0.99). Below it, a run's tail is the noise of a healthy service.
 */
export const STILL_FAILING_ERROR_RATE = 0.01;

/** The error rate at the end of the run, and the window it was measured over. */
interface EndRate {
  from: number;
  to: number;
  errorRate: number;
}

/**
 * The error rate the run ended on: as measured (see the impact event's `end`), or, in a journal
 * written before that was, the chart's last point, over the step since the point before it.
 */
function endRate(impact: Extract<JournalEvent, { type: "impact" }>): EndRate | undefined {
  if (impact.end) return impact.end.errorRate === null ? undefined : { from: impact.end.from, to: impact.to, errorRate: impact.end.errorRate };
  const i = impact.series.findLastIndex((p) => p.errorRate !== null);
  const [before, last] = [impact.series[i - 1], impact.series[i]];
  return last && before ? { from: before.at, to: last.at, errorRate: last.errorRate! } : undefined;
}

/**
 * When more than 1% of requests failed at the end of the run, whatever its status: the gates
 * passed (or the safe state was restored) on what they measured, and users say otherwise. A pool
 * too small for all the traffic it now takes, a version that cannot read the data, a failing
 * dependency: a gate sees only what it measures, and a plan without gates (the naive rollback)
 * sees nothing. Judged on traffic after the run's last traffic change; when that came too near
 * the end to measure after it, the window measured is said to hold traffic from before it too.
 */
function stillFailingAdvice(events: JournalEvent[]): Recommendation[] {
  const impact = events.findLast((e) => e.type === "impact");
  const end = impact?.type === "impact" ? endRate(impact) : undefined;
  if (!end || end.errorRate <= STILL_FAILING_ERROR_RATE) return [];
  const change = lastTrafficChange(events);
  return [change !== undefined && change > end.from ? unmeasuredSince(change, end) : stillFailing(end, change !== undefined)];
}

const spanOf = (end: EndRate) => `${clockTime(end.from)} to ${clockTime(end.to)} UTC`;

function stillFailing(end: EndRate, afterChange: boolean): Recommendation {
  const rate = percent(end.errorRate);
  return {
    text:
      `Users were still failing when the run ended: ${rate} of requests from ${spanOf(end)}${afterChange ? ", after its last traffic change" : ""}. ` +
      "Before closing the incident, check what the plan did not measure: whether the pods now taking the traffic can serve all of it, " +
      "whether the version now serving can read the data, the service's dependencies",
    action: `Find out why ${rate} of requests were still failing when the run ended, and what would have caught it`,
    reason: `the run's user impact, measured from the metrics provider, ends at ${rate} of requests failing`,
    derived: true,
    at: end.to,
  };
}

/** The run's last window began before its last traffic change: what it measured is not where the run left users. */
function unmeasuredSince(change: number, end: EndRate): Recommendation {
  const rate = percent(end.errorRate);
  return {
    text:
      `${rate} of requests failed in the run's last ${duration(end.to - end.from)} (${spanOf(end)}), a window that began before its last traffic change, ` +
      `at ${clockTime(change)} UTC: the run ended too soon after that change to measure how users fared since. Before closing the incident, check the error rate since then`,
    action: `Check the error rate since the traffic change at ${clockTime(change)} UTC, which the run ended too soon after to measure`,
    reason: `the run's user impact, measured from the metrics provider, ends at ${rate} of requests failing over a window that began before its last traffic change`,
    derived: true,
    at: end.to,
  };
}

/**
 * When real traffic failed a gate (success rate, latency) after a change that rolled a workload
 * back, recommend rolling forward, unless an explicit recommendation already says so or the plan
 * went on to roll it forward. Pods that crash or stay cold after a rollback, or a metrics provider
 * that is down, say nothing about the data, so they do not count.
 */
function rollForwardAdvice(events: JournalEvent[], explicit: Recommendation[]): Recommendation[] {
  if (explicit.some((r) => SAYS_ROLL_FORWARD.test(r.text))) return [];
  let rollback: Extract<JournalEvent, { type: "change" }> | undefined;
  for (const [i, e] of events.entries()) {
    // "roll back to revision 2" (a Deployment), "helm rollback to revision 1" (Helm)
    if (e.type === "change" && ROLLED_BACK.test(e.action)) rollback ??= e;
    const trafficFailed = e.type === "gate" && e.phase === "failed" && e.evidence.some((ev) => ev.phase === "failed" && TRAFFIC_INDICATOR.test(ev.indicator));
    if (e.type === "gate" && rollback && trafficFailed && !rolledForwardAfter(events.slice(i + 1), rollback)) {
      return [
        {
          text: ROLL_FORWARD_ADVICE,
          action:
            `Roll forward with a fix that works with the current data and dependency state, instead of rolling ${objectName(rollback.object)} back ` +
            `(${ROLL_FORWARD_EXAMPLE})`,
          reason: `gate "${e.name}" ${e.phase} after "${rollback.action}" on ${objectName(rollback.object)}`,
          derived: true,
          at: e.at,
        },
      ];
    }
  }
  return [];
}

/**
 * An autoscaler whose bounds the run leaves changed (scale() raised its floor to hold a count): the
 * bounds in its manifest no longer match the cluster, and it will not scale below the floor again
 * until someone puts them back or makes them the new ones.
 */
function autoscalerBoundsAdvice(events: JournalEvent[]): Recommendation[] {
  return netChanges(events)
    .filter((c) => c.object.kind === "HorizontalPodAutoscaler")
    .map((c) => {
      const last = events.findLast((e) => e.type === "change" && e.applied && objectName(e.object) === c.name);
      const fields = c.fields.map((f) => `${f.field.replace(/^spec\./, "")} back to ${JSON.stringify(f.before)} (now ${JSON.stringify(f.after)})`).join(" and ");
      return {
        text: `Put ${c.name}'s ${fields} when the incident is over, or make the new bounds its manifest's`,
        reason: `the plan changed them to hold the replica count it scaled to${last?.type === "change" ? ` ("${last.action}")` : ""}`,
        derived: true,
        ...(last ? { at: last.at } : {}),
      };
    });
}
