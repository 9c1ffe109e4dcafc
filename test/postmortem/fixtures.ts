/**
 * Hand-built journals for the postmortem tests: a small builder with a virtual clock, and the runs
 * the reports must handle (succeeded canary, failed-safe after a rollback, failed-unsafe, cancelled,
 * truncated, preview, and a 5,000-event stress journal). The failed runs journal their restore as
 * earlier versions did unless given `restoreStep` (see {@link FixtureOptions}).
 */
import type { Evidence, GatePhase, JournalEvent, JournalObjectRef, RunMode, RunStatus } from "../../sdk/journal/events.ts";

/** 2026-11-22 10:00:00 UTC: every fixture starts here. */
export const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);

export const route: JournalObjectRef = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" };
export const deployment: JournalObjectRef = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" };
const STABLE = "spec.http[0].route[0].weight";
const RELEASE = "spec.http[0].route[1].weight";
const IMAGE = "spec.template.spec.containers[0].image";
const QUERY =
  'sum(rate(istio_requests_total{destination_workload="checkout-api",response_code!~"5.."}[1m])) / sum(rate(istio_requests_total{destination_workload="checkout-api"}[1m]))';

type Without<E> = E extends unknown ? Omit<E, "at"> : never;

/** Appends events on a virtual clock; steps nest and finish in order. */
export class JournalBuilder {
  readonly events: JournalEvent[] = [];
  now = T0;
  private nextStep = 1;
  private open: { id: number; name: string; startedAt: number }[] = [];

  /** Moves the clock forward. */
  after(ms: number): this {
    this.now += ms;
    return this;
  }

  /** Appends an event at the current time, inside the innermost open step. */
  add(event: Without<JournalEvent>): this {
    const stepId = this.open.at(-1)?.id;
    this.events.push({ ...(stepId !== undefined && !("stepId" in event) ? { stepId } : {}), ...event, at: this.now } as JournalEvent);
    return this;
  }

  start(name: string, options: { mode?: RunMode; scenario?: string; inputs?: Record<string, unknown>; runId?: string } = {}): this {
    return this.add({
      type: "plan-started",
      runId: options.runId ?? "run-20261122-100000-a1b2",
      plan: { name, description: "Return checkout-api to a healthy state", file: "examples/checkout-api-rollback.ts" },
      mode: options.mode ?? "run",
      inputs: options.inputs ?? { release: "checkout-api", toRevision: 2, token: "[redacted]" },
      target: { kind: "sim", scenario: options.scenario ?? "schema-from-the-future" },
      sdkVersion: "0.1.0",
    });
  }

  step(name: string): this {
    const id = this.nextStep++;
    const parentId = this.open.at(-1)?.id;
    this.events.push({ type: "step-started", stepId: id, name, ...(parentId !== undefined ? { parentId } : {}), at: this.now });
    this.open.push({ id, name, startedAt: this.now });
    return this;
  }

  endStep(error?: { name: string; message: string }): this {
    const step = this.open.pop()!;
    this.events.push({
      type: "step-finished", stepId: step.id, name: step.name, outcome: error ? "failed" : "succeeded",
      durationMs: this.now - step.startedAt, ...(error ? { error } : {}), at: this.now,
    });
    return this;
  }

  /**
   * The engine's restore of the safe state, as this version journals it: a step of its own (marked
   * `restore`) around what `body` adds, failed when a safe state in it did not come back.
   */
  restoreStep(body: (j: this) => void): this {
    const [stepId, name] = [this.nextStep++, "restore the safe state"];
    const startedAt = this.now;
    this.events.push({ type: "step-started", stepId, name, restore: true, at: startedAt });
    const from = this.events.length;
    this.open.push({ id: stepId, name, startedAt });
    body(this);
    this.open.pop();
    const failed = this.events.slice(from).some((e) => e.type === "safe-state-restore" && e.outcome === "failed");
    this.events.push({ type: "step-finished", stepId, name, outcome: failed ? "failed" : "succeeded", durationMs: this.now - startedAt, at: this.now });
    return this;
  }

  split(stable: number, release: number, action = "shift traffic", applied = true): this {
    const before = this.lastSplit ?? { stable: 10, release: 90 };
    if (before.stable !== stable) this.add({ type: "change", object: route, field: STABLE, before: before.stable, after: stable, applied, action });
    if (before.release !== release) this.add({ type: "change", object: route, field: RELEASE, before: before.release, after: release, applied, action });
    this.lastSplit = { stable, release };
    return this.add({ type: "traffic", route, split: { stable, release }, verified: applied });
  }

  private lastSplit: { stable: number; release: number } | undefined;

  gate(name: string, phase: GatePhase, reason: string, evidence: Evidence[], enforced = true): this {
    return this.add({
      type: "gate", name, kind: "success-rate", description: `success rate of release >= 0.99 over 1m (${name})`,
      phase, reason, enforced, startedAt: this.now - 60_000, evidence,
    });
  }

  finish(status: RunStatus, extra: { error?: { name: string; message: string }; unsafe?: string[] } = {}): this {
    return this.add({ type: "plan-finished", status, durationMs: this.now - T0, ...extra });
  }

  /** `end`: the error rate the run ends on, from `from` to now; without it, the journal is one written before that was measured. */
  impact(errorRates: number[], stepMs = 30_000, end?: { from: number; errorRate: number }): this {
    const series = errorRates.map((errorRate, i) => ({ at: T0 + i * stepMs, errorRate, requests: 12_000 }));
    const requests = 12_000 * errorRates.length;
    const failed = Math.round(errorRates.reduce((sum, r) => sum + r * 12_000, 0));
    return this.add({ type: "impact", from: T0, to: this.now, requests, failed, series, ...(end ? { end: { ...end, requests: 4_000 } } : {}), query: QUERY });
  }
}

/** Evidence rows for a success-rate gate sampled every 10 s. */
export function successEvidence(values: (number | null)[], at: number, phase: (v: number | null) => GatePhase): Evidence[] {
  return values.map((value, i) => ({
    at: at - (values.length - 1 - i) * 10_000,
    indicator: "success-rate",
    subject: "release",
    query: QUERY,
    window: "1m",
    value,
    threshold: ">= 0.99",
    samples: 120 + i,
    phase: phase(value),
    ...(value === null ? { reason: "no data" } : {}),
  }));
}

const byThreshold = (v: number | null): GatePhase => (v === null ? "inconclusive" : v >= 0.99 ? "passed" : "failed");

/** A canary of the hotfix 2.0.1 through 1%, 10%, 50%, 100%: every gate passes. */
export function succeededCanary(): JournalEvent[] {
  const j = new JournalBuilder().start("checkout-api-canary", { scenario: "healthy", inputs: { image: "registry.example.com/checkout-api:2.0.1" } });
  j.after(1_000).step("deploy hotfix").add({ type: "change", object: deployment, field: IMAGE, before: "registry.example.com/checkout-api:2.0.0", after: "registry.example.com/checkout-api:2.0.1", applied: true, action: "roll forward to 2.0.1" });
  j.after(20_000).add({ type: "wait", object: deployment, what: "rollout complete", durationMs: 20_000, outcome: "done" }).endStep();
  for (const [stable, release] of [[99, 1], [90, 10], [50, 50], [0, 100]] as const) {
    j.after(1_000).step(`canary ${release}%`).split(stable, release).after(60_000).add({ type: "pause", durationMs: 60_000, reason: "let the canary take traffic" });
    j.gate(`canary ${release}%`, "passed", "success rate 0.999 >= 0.99", successEvidence([0.999, 0.998], j.now, byThreshold)).endStep();
  }
  return j.impact([0.3, 0.28, 0.02, 0.004, 0.002, 0.001, 0.001, 0.001, 0.001, 0.001]).finish("succeeded").events;
}

/**
 * A plan that loops over two services: each gets the same canary, so two checks are named
 * "canary 5%"; ledger's fails and its stage's traffic goes back to stable.
 */
export function releaseTrain(): JournalEvent[] {
  const j = new JournalBuilder().start("release-train-rollback");
  const error = { name: "GateFailedError", message: 'Gate "canary 5%" failed: success rate 0.7 < 0.99' };
  j.after(1_000).step("bring payments back").gate("payments warm", "passed", "every pod under 300ms", []);
  j.step("canary 5%").split(95, 5).after(60_000).gate("canary 5%", "passed", "success rate 1 >= 0.99", [], false).endStep().endStep();
  j.after(1_000).step("bring ledger back").step("canary 5%").split(95, 5).after(60_000).gate("canary 5%", "failed", "success rate 0.7 < 0.99", [], false);
  j.split(100, 0).endStep(error).endStep(error);
  return j.finish("failed-safe", { error }).events;
}

/**
 * Journaled as this version does (`restoreStep`: the restore is a step of its own), or, by default,
 * as earlier versions did: the restore's events in no step. Reports must read both.
 */
export interface FixtureOptions {
  restoreStep?: boolean;
}

/** Adds the restore's events: in a step of its own when `options.restoreStep`, else in none. */
const restoring = (j: JournalBuilder, options: FixtureOptions, body: (j: JournalBuilder) => void) => (options.restoreStep ? j.restoreStep(body) : (body(j), j));

/**
 * The failed-safe run: release rolled back to 1.9.0, which cannot read schema 42; the first canary
 * stage (1%) fails its gate and traffic goes back to the declared safe state, 100% stable.
 */
export function failedSafe(options: FixtureOptions = {}): JournalEvent[] {
  const j = new JournalBuilder().start("checkout-api-rollback");
  j.after(1_000).step("declare safe state").add({ type: "safe-state-declared", description: "all traffic to the stable pool (1.9.4)", route, split: { stable: 100, release: 0 } }).endStep();
  j.after(1_000).step("roll back release to 1.9.0");
  j.add({ type: "change", object: deployment, field: IMAGE, before: "registry.example.com/checkout-api:2.0.0", after: "registry.example.com/checkout-api:1.9.0", applied: true, action: "roll back to revision 2" });
  j.after(25_000).add({ type: "wait", object: deployment, what: "rollout complete (8/8 ready)", durationMs: 25_000, outcome: "done" }).endStep();
  j.after(1_000).step("canary 1%").split(99, 1).add({ type: "note", text: "release pods report ready; watching the first 1% of traffic" });
  j.after(60_000).add({ type: "pause", durationMs: 60_000, reason: "let the canary take traffic" });
  j.gate("canary 1%", "failed", "success rate 0.58 < 0.99", successEvidence([0.61, 0.57, 0.6, 0.58], j.now, byThreshold));
  j.endStep({ name: "GateFailedError", message: 'Gate "canary 1%" failed: success rate 0.58 < 0.99' });
  restoring(j, options, (r) => r.after(2_000).split(100, 0, "restore safe state").add({ type: "safe-state-restore", description: "all traffic to the stable pool (1.9.4)", outcome: "restored" }));
  return j
    .impact([0.27, 0.27, 0.26, 0.004])
    .finish("failed-safe", { error: { name: "GateFailedError", message: 'Gate "canary 1%" failed: success rate 0.58 < 0.99' } }).events;
}

/** Like failed-safe, but the restore write is denied: traffic stays split. */
export function failedUnsafe(options: FixtureOptions = {}): JournalEvent[] {
  const j = new JournalBuilder().start("checkout-api-rollback");
  j.after(1_000).step("declare safe state").add({ type: "safe-state-declared", description: "all traffic to the stable pool (1.9.4)", route, split: { stable: 100, release: 0 } }).endStep();
  j.after(1_000).step("canary 50%").split(50, 50).after(60_000);
  j.gate("canary 50%", "error", "Prometheus at http://prometheus:9090 is unreachable: connect ECONNREFUSED", []);
  const gateError = { name: "GateFailedError", message: 'Gate "canary 50%" error: Prometheus is unreachable' };
  j.endStep(gateError);
  restoring(j, options, (r) => r.after(1_000).add({ type: "safe-state-restore", description: "all traffic to the stable pool (1.9.4)", outcome: "failed", detail: "admission webhook denied the write to VirtualService prod/checkout-api" }));
  j.add({ type: "recommendation", text: "Make release registry.example.com/checkout-api:2.0.0 compatible with schema 41, or roll forward to 2.0.1", reason: "1.9.0 fails against schema 42" });
  // the run ends with the plan's error; the restore's own failure is in its event
  return j.finish("failed-unsafe", {
    error: gateError,
    unsafe: ["VirtualService prod/checkout-api routes 50% to release (2.0.0) and 50% to stable", "Deployment prod/checkout-api runs 2.0.0 at 8 replicas"],
  }).events;
}

/** Cancelled (SIGINT) during a pause; unless `restored`, the restore failed: failed-unsafe, and `unsafe` says what is left. */
export function cancelled(options: { restored?: boolean } = {}): JournalEvent[] {
  const j = new JournalBuilder().start("checkout-api-rollback");
  j.after(1_000).step("declare safe state").add({ type: "safe-state-declared", description: "all traffic to the stable pool", route, split: { stable: 100, release: 0 } }).endStep();
  j.after(1_000).step("canary 10%").split(90, 10).after(15_000).endStep({ name: "CancelledError", message: "received SIGINT" });
  if (options.restored) j.split(100, 0, "restore safe state").add({ type: "safe-state-restore", description: "all traffic to the stable pool", outcome: "restored" });
  else j.add({ type: "safe-state-restore", description: "all traffic to the stable pool", outcome: "failed", detail: "cancelled again during restore" });
  // a cancel whose restore failed ends failed-unsafe: what is left outranks why the run stopped
  return j.finish(options.restored ? "cancelled" : "failed-unsafe", {
    error: { name: "CancelledError", message: "received SIGINT" },
    ...(options.restored ? {} : { unsafe: ["VirtualService prod/checkout-api routes 10% to release"] }),
  }).events;
}

/** The failed-safe run cut off mid-gate: the runner died, no plan-finished. */
export function truncated(): JournalEvent[] {
  const events = failedSafe();
  const pause = events.findIndex((e) => e.type === "pause");
  return events.slice(0, pause + 1);
}

/** A preview of the rollback: changes recorded, not written; gates listed, not evaluated. */
export function previewRun(): JournalEvent[] {
  const j = new JournalBuilder().start("checkout-api-rollback", { mode: "preview" });
  j.step("roll back release to 1.9.0").add({ type: "change", object: deployment, field: IMAGE, before: "registry.example.com/checkout-api:2.0.0", after: "registry.example.com/checkout-api:1.9.0", applied: false, action: "roll back to revision 2" }).endStep();
  for (const [stable, release] of [[99, 1], [50, 50], [0, 100]] as const) {
    j.step(`canary ${release}%`).split(stable, release, "shift traffic", false);
    j.gate(`canary ${release}%`, "inconclusive", "not evaluated in a preview", []).endStep();
  }
  j.step("scale stable down").add({ type: "change", object: { ...deployment, name: "checkout-api-stable" }, field: "spec.replicas", before: 2, after: 1, applied: false, action: "scale" });
  j.step("check pods").gate("pods ready", "inconclusive", "not evaluated in a preview", []).endStep().endStep();
  return j.finish("succeeded").events;
}

/** A long run: about `count` events (steps, changes, gates with many evidence rows, notes). */
export function hugeJournal(count = 5_000): JournalEvent[] {
  const j = new JournalBuilder().start("checkout-api-soak");
  j.add({ type: "safe-state-declared", description: "all traffic to stable", route, split: { stable: 100, release: 0 } });
  let stage = 0;
  while (j.events.length < count - 2) {
    stage += 1;
    const release = (stage % 99) + 1;
    j.after(5_000).step(`stage ${stage}`).split(100 - release, release);
    j.add({ type: "note", text: `stage ${stage}: holding ${release}% for five seconds while the soak runs` });
    const values = Array.from({ length: 12 }, (_, i) => 0.99 + ((stage + i) % 10) / 1000);
    // one row per pod, so rounds with the same verdict do not share a row and the tables stay long
    const perPod = successEvidence(values, j.now, byThreshold).map((e, i) => ({ ...e, subject: `checkout-api-pod-${i}` }));
    j.after(5_000).gate(`stage ${stage}`, "passed", "success rate >= 0.99", perPod).endStep();
  }
  const rates = Array.from({ length: Math.round((j.now - T0) / 5_000) }, (_, i) => ((i * 7) % 13) / 1000);
  return j.impact(rates, 5_000).finish("succeeded").events;
}
