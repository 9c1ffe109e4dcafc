/**
 * Which of a route object's http routes (rules) holds "the" split, when it has several: one
 * VirtualService or HTTPRoute often serves other services too (`/static`, or a catch-all to the
 * storefront). Read from that other service, a shift would size its capacity check from it and
 * fail its own verification.
 *
 * With `want` (the destinations a shift names): among the rules that send to any of them. Without:
 * among the rules that split between several destinations, when there are any. Then the catch-all
 * one (where most users go), else the first.
 */
export function splitRule<R>(rules: R[], destinationsOf: (rule: R) => string[], isCatchAll: (rule: R) => boolean, want?: string[]): R {
  const prefer = (subset: R[]) => (subset.length ? subset : rules);
  const candidates = want?.length
    ? prefer(rules.filter((r) => destinationsOf(r).some((d) => want.includes(d))))
    : prefer(rules.filter((r) => destinationsOf(r).length > 1));
  return candidates.find(isCatchAll) ?? candidates[0]!;
}
