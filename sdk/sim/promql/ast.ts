/**
 * The typed syntax tree `parsePromQL` produces: a discriminated union on `kind`, one node type per
 * PromQL construct the simulator implements.
 */
import type { LabelMatcher } from "../tsdb.ts";

/** What an expression evaluates to, named as Prometheus names them in messages. */
export type ValueType = "scalar" | "instant vector" | "range vector" | "string";

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | Call
  | Aggregation
  | BinaryExpr
  | UnaryExpr
  | ParenExpr;

export interface NumberLiteral {
  kind: "number";
  value: number;
}

export interface StringLiteral {
  kind: "string";
  value: string;
}

/** `name{label="value", ...} offset 5m`; the metric name is held as a `__name__` matcher. */
export interface VectorSelector {
  kind: "vector-selector";
  matchers: LabelMatcher[];
  /** Shifts evaluation back in time (negative: forward). */
  offsetMs: number;
}

/** `selector[5m]`; an `offset` after the range is stored on the inner selector, as Prometheus does. */
export interface MatrixSelector {
  kind: "matrix-selector";
  selector: VectorSelector;
  rangeMs: number;
}

export interface Call {
  kind: "call";
  func: FunctionName;
  args: Expr[];
}

export type AggregationOp = "sum" | "avg" | "min" | "max" | "count" | "topk" | "bottomk";

export interface Aggregation {
  kind: "aggregation";
  op: AggregationOp;
  expr: Expr;
  /** The `k` of topk/bottomk. */
  param?: Expr;
  /** Labels of `by (...)`, or of `without (...)` when `without` is set. */
  grouping: string[];
  without: boolean;
}

export type ArithmeticOp = "+" | "-" | "*" | "/" | "%" | "^";
export type ComparisonOp = "==" | "!=" | ">" | "<" | ">=" | "<=";
export type SetOp = "and" | "or" | "unless";
export type BinaryOp = ArithmeticOp | ComparisonOp | SetOp;

/** How the two sides of a vector/vector operation pair up. */
export interface VectorMatching {
  card: "one-to-one" | "many-to-one" | "one-to-many" | "many-to-many";
  /** `on(labels)` when true, `ignoring(labels)` (or no clause) when false. */
  on: boolean;
  labels: string[];
  /** Extra labels copied from the "one" side by `group_left(...)` / `group_right(...)`. */
  include: string[];
}

export interface BinaryExpr {
  kind: "binary";
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  /** `bool` modifier: comparisons return 0/1 instead of filtering. */
  returnBool: boolean;
  /** Set only when both sides are instant vectors. */
  matching?: VectorMatching;
}

export interface UnaryExpr {
  kind: "unary";
  op: "+" | "-";
  expr: Expr;
}

export interface ParenExpr {
  kind: "paren";
  expr: Expr;
}

export const COMPARISON_OPS: readonly string[] = ["==", "!=", ">", "<", ">=", "<="];
export const SET_OPS: readonly string[] = ["and", "or", "unless"];

const RANGE_TO_VECTOR = { args: ["range vector"], returns: "instant vector" } as const;
const VECTOR_TO_VECTOR = { args: ["instant vector"], returns: "instant vector" } as const;
const CLAMP = { args: ["instant vector", "scalar"], returns: "instant vector" } as const;

/** The functions the simulator implements, with their argument and result types. */
export const FUNCTION_SIGNATURES = {
  rate: RANGE_TO_VECTOR,
  increase: RANGE_TO_VECTOR,
  irate: RANGE_TO_VECTOR,
  delta: RANGE_TO_VECTOR,
  avg_over_time: RANGE_TO_VECTOR,
  max_over_time: RANGE_TO_VECTOR,
  min_over_time: RANGE_TO_VECTOR,
  sum_over_time: RANGE_TO_VECTOR,
  count_over_time: RANGE_TO_VECTOR,
  histogram_quantile: { args: ["scalar", "instant vector"], returns: "instant vector" },
  abs: VECTOR_TO_VECTOR,
  ceil: VECTOR_TO_VECTOR,
  floor: VECTOR_TO_VECTOR,
  clamp_min: CLAMP,
  clamp_max: CLAMP,
  scalar: { args: ["instant vector"], returns: "scalar" },
  vector: { args: ["scalar"], returns: "instant vector" },
  time: { args: [], returns: "scalar" },
  absent: VECTOR_TO_VECTOR,
} as const satisfies Record<string, { args: readonly ValueType[]; returns: ValueType }>;

export type FunctionName = keyof typeof FUNCTION_SIGNATURES;

/**
 * The type an expression evaluates to.
 *
 * @example
 * typeOf(parsePromQL("rate(x[5m])")); // "instant vector"
 */
export function typeOf(expr: Expr): ValueType {
  switch (expr.kind) {
    case "number":
      return "scalar";
    case "string":
      return "string";
    case "vector-selector":
    case "aggregation":
      return "instant vector";
    case "matrix-selector":
      return "range vector";
    case "call":
      return FUNCTION_SIGNATURES[expr.func].returns;
    case "unary":
    case "paren":
      return typeOf(expr.expr);
    case "binary":
      return typeOf(expr.lhs) === "scalar" && typeOf(expr.rhs) === "scalar" ? "scalar" : "instant vector";
  }
}
