/**
 * The vocabulary of the simulator's PromQL: operator precedence, reserved words, what is supported
 * and what Prometheus has beyond it, and the small token predicates the parser uses.
 */
import { FUNCTION_SIGNATURES, SET_OPS } from "./ast.ts";
import type { Token } from "./lexer.ts";
import { matcherAccepts, type LabelMatcher } from "../tsdb.ts";

/** Binding power per the Prometheus docs ("Binary operator precedence"); higher binds tighter. */
export const PRECEDENCE: Record<string, number> = {
  or: 1,
  and: 2,
  unless: 2,
  "==": 3,
  "!=": 3,
  ">": 3,
  "<": 3,
  ">=": 3,
  "<=": 3,
  "+": 4,
  "-": 4,
  "*": 5,
  "/": 5,
  "%": 5,
  "^": 6,
};
/** Unary minus binds like `*` in Prometheus (`-2 ^ 2` is -4, `-a * b` is (-a) * b). */
export const UNARY_OPERAND_PRECEDENCE = PRECEDENCE["^"]!;

/** The aggregation operators the simulator implements. */
export const AGGREGATORS: readonly string[] = ["sum", "avg", "min", "max", "count", "topk", "bottomk"];
/** Prometheus aggregation operators outside the subset. */
export const UNSUPPORTED_AGGREGATORS = ["group", "stddev", "stdvar", "count_values", "quantile", "limitk", "limit_ratio"];
/** Words the Prometheus lexer reserves: never metric names. */
export const KEYWORDS = [
  ...AGGREGATORS,
  ...UNSUPPORTED_AGGREGATORS,
  ...SET_OPS,
  "atan2",
  "offset",
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "bool",
];
/** Prometheus functions outside the subset, so their use reads "unsupported" rather than "unknown". */
export const UNSUPPORTED_FUNCTIONS = (
  "absent_over_time acos acosh asin asinh atan atanh changes clamp cos cosh days_in_month day_of_month " +
  "day_of_week day_of_year deg deriv exp histogram_count histogram_fraction histogram_sum holt_winters hour " +
  "idelta label_join label_replace last_over_time ln log10 log2 minute month pi predict_linear " +
  "present_over_time quantile_over_time rad resets round sgn sin sinh sort sort_desc sqrt " +
  "stddev_over_time stdvar_over_time tan tanh timestamp year"
).split(" ");

/** What the simulator implements, quoted in every "unsupported" error. */
export const SUPPORTED_SUBSET =
  "number and string literals; selectors with =, !=, =~, !~ matchers, ranges like [5m] and offset; " +
  `functions ${Object.keys(FUNCTION_SIGNATURES).join(", ")}; ` +
  `aggregations ${AGGREGATORS.join(", ")} with by/without; ` +
  "operators + - * / % ^ == != > < >= <= (with bool), and, or, unless, with on/ignoring and group_left/group_right";

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The binary operator a token spells (keywords case-insensitively), if any. */
export function binaryOperator(tok: Token): string | undefined {
  if (tok.kind === "op") return tok.text in PRECEDENCE ? tok.text : undefined;
  const word = tok.kind === "ident" ? tok.text.toLowerCase() : "";
  return word in PRECEDENCE || word === "atan2" ? word : undefined;
}

/** A label name token: an identifier, or `inf`/`nan`, which lex as numbers. */
export function labelName(tok: Token): string | undefined {
  return (tok.kind === "ident" || tok.kind === "number") && LABEL_NAME.test(tok.text) ? tok.text : undefined;
}

/** Whether a matcher accepts a missing label: a selector of only such matchers would select everything. */
export function matchesEmpty(m: LabelMatcher): boolean {
  return matcherAccepts(m, "");
}

/** A token as parse errors name it. */
export function describeToken(tok: Token): string {
  switch (tok.kind) {
    case "eof":
      return "end of input";
    case "ident":
      return `identifier "${tok.text}"`;
    case "number":
    case "duration":
      return `${tok.kind} "${tok.text}"`;
    case "string":
      return `string ${JSON.stringify(tok.text)}`;
    default:
      return `"${tok.text}"`;
  }
}
