import type { Split } from "./split.ts";

/**
 * Pods it takes to carry all of a route's traffic, estimated from the destinations carrying it
 * now: each implies a full fleet of `pods × 100 / weight`, and the busiest pool (the fewest pods
 * per percent) is the one sized for its load. A standby pool at 10% with as many pods as the
 * release at 90% does not make the estimate grow tenfold. A pool counts the pods it is sized for
 * (its replicas), or its ready ones when more: a release whose pods crash-loop carried its load
 * all the same, and is the pool isolation moves that load off. 0 when no pool says anything.
 */
export function fullFleet(serving: { ready: number; replicas?: number; weight: number }[]): number {
  const implied = serving
    .map((s) => ({ pods: Math.max(s.ready, s.replicas ?? 0), weight: s.weight }))
    .filter((s) => s.pods > 0 && s.weight > 0)
    .map((s) => (s.pods * 100) / s.weight);
  return implied.length ? Math.ceil(Math.min(...implied) - 1e-9) : 0;
}

/**
 * Ready replicas a destination needs to take `weight`% of a route whose traffic is now carried by
 * `servingReady` ready pods in all: the same fleet size, proportionally. (Sending 100% to a
 * stable pool of 2 pods when 10 carry the load turns an incident into an outage.)
 */
export function replicasNeeded(servingReady: number, weight: number): number {
  return Math.ceil((servingReady * weight) / 100);
}

/** The largest weight `ready` pods can take of a route carried by `servingReady` pods. */
export function weightSupported(ready: number, servingReady: number): number {
  if (servingReady <= 0) return 100;
  return Math.min(100, Math.floor((100 * ready) / servingReady));
}

/**
 * An intermediate split on the way to `target`: `dest` gets `weight`, and the rest is spread over
 * the other destinations in proportion to what they carry now (largest remainder, so it sums to 100).
 */
export function partialSplit(current: Split, target: Split, dest: string, weight: number): Split {
  const others = Object.keys({ ...current, ...target }).filter((d) => d !== dest);
  const rest = 100 - weight;
  const basis = others.map((d) => current[d] ?? 0);
  const total = basis.reduce((a, b) => a + b, 0);
  const raw = others.map((_, i) => (total > 0 ? (rest * basis[i]!) / total : rest / others.length));
  const floors = raw.map(Math.floor);
  let left = rest - floors.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - floors[i]!, i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    floors[i]!++;
  }
  return { [dest]: weight, ...Object.fromEntries(others.map((d, i) => [d, floors[i]!])) };
}
