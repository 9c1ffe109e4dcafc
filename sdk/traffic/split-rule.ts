import { ShiftedRuleError } from "../errors.ts";
import { formatSplit, sameSplit, type Split } from "./split.ts";

/**
 * Which of a route object's http routes (rules) holds "the" split, when it has several: one
 * VirtualService or HTTPRoute often serves other services too (`/static`, or a catch-all to the
 * storefront). Read from that other service, a shift would size its capacity check from it and
 * fail its own verification.
 *
 * With `want` (the destinations a shift names): among the rules that send to the most of them (a
 * catch-all to the storefront's subset "stable" does not hold checkout's stable/release split).
 * Without: among the rules that split between several destinations, when there are any. Then the
 * catch-all one (where most users go), else the first.
 */
export function splitRule<R>(rules: R[], destinationsOf: (rule: R) => string[], isCatchAll: (rule: R) => boolean, want?: string[]): R {
  const prefer = (subset: R[]) => (subset.length ? subset : rules);
  const wanted = (r: R) => destinationsOf(r).filter((d) => want!.includes(d)).length;
  const most = want?.length ? Math.max(...rules.map(wanted)) : 0;
  const candidates = want?.length ? prefer(rules.filter((r) => most > 0 && wanted(r) === most)) : prefer(rules.filter((r) => destinationsOf(r).length > 1));
  return candidates.find(isCatchAll) ?? candidates[0]!;
}

/**
 * Whether a shift that names no rule writes its split into `rule`, one of the object's rules that
 * send to the split's destinations:
 * - the rule holding the split (`holder`), and any other to the same destinations selecting
 *   requests by path alone (the same split under another path: /api beside /web), take it;
 * - a rule that pins some users (`pins`: it matches a header, a query parameter or a method, as
 *   one sending testers to the canary does), or sends to only some of the destinations, is left
 *   as its owner set it, unless it sends traffic to a destination the split drains (0%):
 *   isolation takes everyone off a release, and then that rule takes the split too.
 */
export function takesSplit<R>(rule: R, holder: R, reader: { destinationsOf: (rule: R) => string[]; splitOf: (rule: R) => Split; pins: (rule: R) => boolean }, split: Split): boolean {
  if (rule === holder) return true;
  const mine = reader.destinationsOf(rule);
  const now = reader.splitOf(rule);
  const drains = mine.some((d) => split[d] === 0 && (now[d] ?? 0) > 0);
  if (reader.pins(rule)) return drains;
  const held = new Set(reader.destinationsOf(holder));
  return (mine.length === held.size && mine.every((d) => held.has(d))) || drains;
}

/** JSON with object keys sorted: a match read back with its keys in another order (the API server sorts them) is the same match. */
const sortedJson = (v: unknown): string => {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(",")}]`;
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`).join(",")}}`;
};

/** How ruleIdentity begins for a named rule. */
const NAMED = "named ";

/**
 * What identifies a rule across reads of its object: its name, else its match conditions. A rule
 * a controller or a person inserts ahead of it moves its index, not these.
 * @example ruleIdentity(undefined, [{ uri: { prefix: "/api" } }]); // 'matching [{"uri":{"prefix":"/api"}}]'
 */
export function ruleIdentity(name: string | undefined, match: unknown[] | undefined): string {
  if (name) return `${NAMED}'${name}'`;
  return match?.length ? `matching ${sortedJson(match)}` : "with no match";
}

/** How a router's rules are told apart and read, for {@link shiftedRule}. */
export interface RuleReader<R> {
  identityOf(rule: R): string;
  splitOf(rule: R): Split;
  /** The destinations a rule sends to, by the names a split gives them. */
  destinationsOf(rule: R): string[];
  /** "VirtualService prod/checkout-api" */
  object: string;
  /** "http route" */
  noun: string;
  /** Where a rule's name goes: "http[].name". */
  nameField: string;
}

/**
 * The rule a shift wrote, found again by its `identity` (see ruleIdentity) when the run reads its
 * route again: not whichever rule is first now. Several rules with that identity are one answer
 * only if they split alike (a shift writes every rule of its shape: see takesSplit). An unnamed
 * rule whose match changed is found as {@link ruleInPlaceOf} says. Throws a ShiftedRuleError when
 * the rule cannot be told any more.
 * @param want the destinations of the split the run wrote there
 */
export function shiftedRule<R>(rules: R[], identity: string, read: RuleReader<R>, want: string[]): R {
  const found = rules.filter((r) => read.identityOf(r) === identity);
  if (!found.length) return ruleInPlaceOf(rules, identity, read, want);
  const splits = found.map(read.splitOf);
  if (splits.some((s) => !sameSplit(s, splits[0]!))) {
    throw new ShiftedRuleError(
      `${read.object} has ${found.length} ${read.noun}s ${identity} that split differently (${splits.map(formatSplit).join("; ")}): the run cannot tell which of them it shifted. ` +
        `Give each its own name (${read.nameField}) and point the handle at the one to shift, or remove the copy users never reach (the first one matches).`,
    );
  }
  return found[0]!;
}

/**
 * An unnamed rule is known by its match alone, and a manifest applied since (a Kustomize overlay,
 * a Helm chart) or a controller may rewrite that match while the rule still carries the split: a
 * VirtualService's single http route gains a `/v2` prefix. The one rule that sends to the most of
 * the split's destinations is then the rule the run shifted. A rule the run knew by its name is not
 * looked for under another: the name is how its owner tells rules apart.
 */
function ruleInPlaceOf<R>(rules: R[], identity: string, read: RuleReader<R>, want: string[]): R {
  const gone = `${read.object} has no ${read.noun} ${identity} any more, the one the run shifted`;
  const all = rules.map(read.identityOf).join("; ") || "(none)";
  if (identity.startsWith(NAMED)) throw new ShiftedRuleError(`${gone}; its ${read.noun}s are: ${all}.`);
  const wanted = (r: R) => read.destinationsOf(r).filter((d) => want.includes(d)).length;
  const most = Math.max(0, ...rules.map(wanted));
  const candidates = most ? rules.filter((r) => wanted(r) === most) : [];
  if (candidates.length === 1) return candidates[0]!;
  const to = want.join(" or ");
  if (!candidates.length) {
    throw new ShiftedRuleError(`${gone}, and none of its ${read.noun}s sends to ${to} now (they are: ${all}): check where its requests go, and shift it again if they must go to ${to}.`);
  }
  throw new ShiftedRuleError(
    `${gone}, and ${candidates.length} of its ${read.noun}s send to ${to} (${candidates.map(read.identityOf).join("; ")}): the run cannot tell which of them took its place. ` +
      `Check which of them users reach (a request takes the first whose match it meets) and what it sends to ${to}; give each ${read.noun} its own name (${read.nameField}) so that a run finds the one it shifted again.`,
  );
}
