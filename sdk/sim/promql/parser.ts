/**
 * A recursive-descent parser for the simulator's PromQL subset. Precedence, associativity and the
 * type checks follow the Prometheus grammar (promql/parser/generated_parser.y and checkAST), so a
 * query the simulator accepts means the same thing to a real Prometheus. Constructs Prometheus has
 * but the simulator does not implement fail with a message naming them and listing what is supported.
 */
import {
  COMPARISON_OPS,
  FUNCTION_SIGNATURES,
  SET_OPS,
  typeOf,
  type AggregationOp,
  type BinaryOp,
  type Expr,
  type FunctionName,
  type VectorMatching,
  type VectorSelector,
} from "./ast.ts";
import { PromQLError } from "./errors.ts";
import { labelRegexError } from "./re2.ts";
import {
  AGGREGATORS,
  binaryOperator,
  describeToken,
  KEYWORDS,
  labelName,
  matchesEmpty,
  PRECEDENCE,
  SUPPORTED_SUBSET,
  UNARY_OPERAND_PRECEDENCE,
  UNSUPPORTED_AGGREGATORS,
  UNSUPPORTED_FUNCTIONS,
} from "./grammar.ts";
import { tokenize, type Token } from "./lexer.ts";
import type { LabelMatcher } from "../tsdb.ts";

interface BinaryModifiers {
  returnBool: boolean;
  matching?: VectorMatching;
}

/**
 * Parses a PromQL query into a typed AST; throws a `PromQLError` (type `bad_data`) naming the
 * position and the problem.
 *
 * @example
 * const ast = parsePromQL('sum by (code) (rate(http_requests_total{job="api"}[5m]))');
 * ast.kind; // "aggregation"
 */
export function parsePromQL(query: string): Expr {
  return new Parser(query).parseQuery();
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;

  constructor(private readonly query: string) {
    this.tokens = tokenize(query);
  }

  parseQuery(): Expr {
    if (this.peek().kind === "eof") throw this.error(this.peek(), "no expression found in input");
    const expr = this.parseExpr(0);
    const rest = this.peek();
    if (rest.kind !== "eof") throw this.error(rest, `unexpected ${describeToken(rest)}`);
    return expr;
  }

  private parseExpr(minPrecedence: number): Expr {
    let lhs = this.parseUnary();
    for (;;) {
      const tok = this.peek();
      const op = binaryOperator(tok);
      if (op === "atan2") throw this.unsupported(tok, 'the "atan2" operator');
      if (op === undefined || PRECEDENCE[op]! < minPrecedence) return lhs;
      this.next();
      const modifiers = this.parseBinaryModifiers(op);
      // `^` is right-associative; everything else is left-associative.
      const rhs = this.parseExpr(op === "^" ? PRECEDENCE[op]! : PRECEDENCE[op]! + 1);
      lhs = this.binary(tok, op as BinaryOp, lhs, rhs, modifiers);
    }
  }

  private parseUnary(): Expr {
    const tok = this.peek();
    if (tok.kind !== "op" || (tok.text !== "-" && tok.text !== "+")) return this.parsePostfix(this.parsePrimary());
    this.next();
    const expr = this.parseExpr(UNARY_OPERAND_PRECEDENCE);
    const type = typeOf(expr);
    if (type !== "scalar" && type !== "instant vector") {
      throw this.error(tok, `unary expression only allowed on expressions of type scalar or instant vector, got "${type}"`);
    }
    // Prometheus folds a sign into a number literal, so `-1` is a number, not an expression.
    if (expr.kind === "number") return tok.text === "-" ? { kind: "number", value: -expr.value } : expr;
    return tok.text === "-" ? { kind: "unary", op: "-", expr } : expr;
  }

  private parsePrimary(): Expr {
    const tok = this.next();
    switch (tok.kind) {
      case "number":
        return { kind: "number", value: tok.value };
      case "string":
        return { kind: "string", value: tok.text };
      case "(": {
        const expr = this.parseExpr(0);
        const close = this.next();
        if (close.kind === "eof") throw this.error(close, "unclosed left parenthesis");
        if (close.kind !== ")") throw this.error(close, `unexpected ${describeToken(close)}, expected ")"`);
        return { kind: "paren", expr };
      }
      case "{":
        return this.parseSelector(tok, undefined);
      case "ident":
        return this.parseIdentifier(tok);
      default:
        throw this.error(tok, tok.kind === "eof" ? "unexpected end of input" : `unexpected ${describeToken(tok)}`);
    }
  }

  private parseIdentifier(tok: Token): Expr {
    const word = tok.text.toLowerCase();
    if (AGGREGATORS.includes(word)) return this.parseAggregation(word as AggregationOp);
    if (UNSUPPORTED_AGGREGATORS.includes(word)) throw this.unsupported(tok, `the "${word}" aggregation`);
    if (KEYWORDS.includes(word)) throw this.error(tok, `unexpected ${describeToken(tok)}`);
    if (this.peek().kind === "(") {
      if (tok.text in FUNCTION_SIGNATURES) return this.parseCall(tok, tok.text as FunctionName);
      if (UNSUPPORTED_FUNCTIONS.includes(tok.text)) throw this.unsupported(tok, `the function "${tok.text}"`);
      throw this.error(tok, `unknown function with name "${tok.text}"`);
    }
    if (this.peek().kind === "{") return this.parseSelector(this.next(), tok.text);
    return this.selector(tok, [{ name: "__name__", op: "=", value: tok.text }]);
  }

  /** Matchers after `{` (already consumed). */
  private parseSelector(open: Token, metricName: string | undefined): VectorSelector {
    const matchers: LabelMatcher[] = metricName === undefined ? [] : [{ name: "__name__", op: "=", value: metricName }];
    while (this.peek().kind !== "}") {
      const nameTok = this.next();
      const name = labelName(nameTok);
      if (name === undefined) throw this.error(nameTok, `unexpected ${describeToken(nameTok)} in label matching, expected label name`);
      const opTok = this.next();
      if (opTok.kind !== "op" || !["=", "!=", "=~", "!~"].includes(opTok.text)) {
        throw this.error(opTok, `unexpected ${describeToken(opTok)} in label matching, expected one of "=", "!=", "=~", "!~"`);
      }
      const valueTok = this.next();
      if (valueTok.kind !== "string") throw this.error(valueTok, `unexpected ${describeToken(valueTok)} in label matching, expected string`);
      const op = opTok.text as LabelMatcher["op"];
      if (op === "=~" || op === "!~") this.checkRegex(nameTok, valueTok);
      if (name === "__name__" && metricName !== undefined) {
        throw this.error(nameTok, `metric name must not be set twice: "${metricName}" or "${valueTok.text}"`);
      }
      matchers.push({ name, op, value: valueTok.text });
      const sep = this.peek();
      if (sep.kind === ",") this.next();
      else if (sep.kind !== "}") throw this.error(sep, `unexpected ${describeToken(sep)} in label matching, expected "," or "}"`);
    }
    this.next();
    return this.selector(open, matchers);
  }

  private selector(tok: Token, matchers: LabelMatcher[]): VectorSelector {
    // A selector that matches the empty string on every label would select every series there is.
    if (!matchers.some((m) => !matchesEmpty(m))) {
      throw this.error(tok, "vector selector must contain at least one non-empty matcher");
    }
    return { kind: "vector-selector", matchers, offsetMs: 0 };
  }

  /** Range `[5m]`, `offset`, `@` after a primary expression. */
  private parsePostfix(expr: Expr): Expr {
    for (;;) {
      const tok = this.peek();
      if (tok.kind === "[") {
        this.next();
        if (expr.kind !== "vector-selector") throw this.error(tok, "ranges only allowed for vector selectors");
        if (expr.offsetMs !== 0) throw this.error(tok, "no offset modifiers allowed before range");
        const range = this.next();
        if (range.kind !== "duration") throw this.error(range, `unexpected ${describeToken(range)} in range, expected duration`);
        if (range.value <= 0) throw this.error(range, "duration must be greater than 0");
        // The lexer reads `:1m` as an identifier (metric names may contain colons).
        if (this.peek().kind === "ident" && this.peek().text.startsWith(":")) {
          throw this.unsupported(this.peek(), "subqueries (`[range:resolution]`)");
        }
        const close = this.next();
        if (close.kind !== "]") throw this.error(close, `unexpected ${describeToken(close)}, expected "]"`);
        expr = { kind: "matrix-selector", selector: expr, rangeMs: range.value };
      } else if (tok.kind === "ident" && tok.text.toLowerCase() === "offset") {
        this.next();
        const selector = expr.kind === "matrix-selector" ? expr.selector : expr.kind === "vector-selector" ? expr : undefined;
        if (!selector) {
          throw this.error(tok, "offset modifier must be preceded by an instant vector selector or range vector selector");
        }
        if (selector.offsetMs !== 0) throw this.error(tok, "offset may not be set multiple times");
        const negative = this.peek().kind === "op" && this.peek().text === "-" && !!this.next();
        const dur = this.next();
        if (dur.kind !== "duration") throw this.error(dur, `unexpected ${describeToken(dur)} in offset, expected duration`);
        selector.offsetMs = negative ? -dur.value : dur.value;
      } else if (tok.kind === "@") {
        throw this.unsupported(tok, "the @ modifier");
      } else {
        return expr;
      }
    }
  }

  private parseAggregation(op: AggregationOp): Expr {
    let grouping = this.parseGrouping();
    const open = this.next();
    if (open.kind !== "(") throw this.error(open, `unexpected ${describeToken(open)} in aggregation, expected "("`);
    let param: Expr | undefined;
    if (op === "topk" || op === "bottomk") {
      const at = this.peek();
      param = this.parseExpr(0);
      if (typeOf(param) !== "scalar") {
        throw this.error(at, `expected type scalar in aggregation parameter, got ${typeOf(param)}`);
      }
      const comma = this.next();
      if (comma.kind !== ",") throw this.error(comma, `unexpected ${describeToken(comma)} in aggregation, expected ","`);
    }
    const at = this.peek();
    const expr = this.parseExpr(0);
    if (typeOf(expr) !== "instant vector") {
      throw this.error(at, `expected type instant vector in aggregation expression, got ${typeOf(expr)}`);
    }
    const close = this.next();
    if (close.kind === "eof") throw this.error(close, "unclosed left parenthesis");
    if (close.kind !== ")") throw this.error(close, `unexpected ${describeToken(close)} in aggregation, expected ")"`);
    const after = this.peek();
    const trailing = this.parseGrouping();
    if (trailing && grouping) throw this.error(after, `unexpected ${describeToken(after)}: grouping given twice`);
    grouping ??= trailing;
    return { kind: "aggregation", op, expr, param, grouping: grouping?.labels ?? [], without: grouping?.without ?? false };
  }

  private parseGrouping(): { labels: string[]; without: boolean } | undefined {
    const tok = this.peek();
    const word = tok.kind === "ident" ? tok.text.toLowerCase() : "";
    if (word !== "by" && word !== "without") return undefined;
    this.next();
    return { labels: this.parseLabelList(), without: word === "without" };
  }

  /** `(a, b, c)` */
  private parseLabelList(): string[] {
    const open = this.next();
    if (open.kind !== "(") throw this.error(open, `unexpected ${describeToken(open)}, expected "(" and a label list`);
    const labels: string[] = [];
    while (this.peek().kind !== ")") {
      const tok = this.next();
      if (tok.kind === "eof") throw this.error(tok, "unclosed left parenthesis");
      const name = labelName(tok);
      if (name === undefined) throw this.error(tok, `unexpected ${describeToken(tok)} in grouping, expected label`);
      labels.push(name);
      const sep = this.peek();
      if (sep.kind === ",") this.next();
      else if (sep.kind === "eof") throw this.error(sep, "unclosed left parenthesis");
      else if (sep.kind !== ")") throw this.error(sep, `unexpected ${describeToken(sep)} in grouping, expected "," or ")"`);
    }
    this.next();
    return labels;
  }

  private parseCall(tok: Token, func: FunctionName): Expr {
    this.next();
    const args: Expr[] = [];
    const starts: Token[] = [];
    while (this.peek().kind !== ")") {
      if (this.peek().kind === "eof") throw this.error(this.peek(), "unclosed left parenthesis");
      starts.push(this.peek());
      args.push(this.parseExpr(0));
      if (this.peek().kind === ",") this.next();
      else if (this.peek().kind !== ")") throw this.error(this.peek(), `unexpected ${describeToken(this.peek())} in call to "${func}", expected "," or ")"`);
    }
    this.next();
    const expected: readonly string[] = FUNCTION_SIGNATURES[func].args;
    if (args.length !== expected.length) {
      throw this.error(tok, `expected ${expected.length} argument(s) in call to "${func}", got ${args.length}`);
    }
    args.forEach((arg, n) => {
      const type = typeOf(arg);
      if (type !== expected[n]) {
        throw this.error(starts[n]!, `expected type ${expected[n]} in call to function "${func}", got ${type}`);
      }
      // `rate((x[5m]))` means `rate(x[5m])`; the evaluator wants the range selector itself.
      while (arg.kind === "paren" && type === "range vector") arg = args[n] = arg.expr;
    });
    return { kind: "call", func, args };
  }

  private parseBinaryModifiers(op: string): BinaryModifiers {
    const modifiers: BinaryModifiers = { returnBool: false };
    if (this.isWord("bool")) {
      const tok = this.next();
      if (!COMPARISON_OPS.includes(op)) throw this.error(tok, "bool modifier can only be used on comparison operators");
      modifiers.returnBool = true;
    }
    if (this.isWord("on") || this.isWord("ignoring")) {
      const on = this.next().text.toLowerCase() === "on";
      const matching: VectorMatching = { card: "one-to-one", on, labels: this.parseLabelList(), include: [] };
      if (this.isWord("group_left") || this.isWord("group_right")) {
        const group = this.next();
        if (SET_OPS.includes(op)) throw this.error(group, `no grouping allowed for "${op}" operation`);
        matching.card = group.text.toLowerCase() === "group_left" ? "many-to-one" : "one-to-many";
        if (this.peek().kind === "(") matching.include = this.parseLabelList();
        const both = on ? matching.include.find((l) => matching.labels.includes(l)) : undefined;
        if (both !== undefined) throw this.error(group, `label "${both}" must not occur in ON and GROUP clause at once`);
      }
      modifiers.matching = matching;
    }
    return modifiers;
  }

  private binary(tok: Token, op: BinaryOp, lhs: Expr, rhs: Expr, modifiers: BinaryModifiers): Expr {
    const lt = typeOf(lhs);
    const rt = typeOf(rhs);
    const operandTypes = ["scalar", "instant vector"];
    if (!operandTypes.includes(lt) || !operandTypes.includes(rt)) {
      throw this.error(tok, "binary expression must contain only scalar and instant vector types");
    }
    const vectors = lt === "instant vector" && rt === "instant vector";
    if (COMPARISON_OPS.includes(op) && !modifiers.returnBool && lt === "scalar" && rt === "scalar") {
      throw this.error(tok, "comparisons between scalars must use BOOL modifier");
    }
    if (SET_OPS.includes(op) && !vectors) throw this.error(tok, `set operator "${op}" not allowed in binary scalar expression`);
    if (modifiers.matching && !vectors) throw this.error(tok, "vector matching only allowed between instant vectors");
    let matching: VectorMatching | undefined;
    if (vectors) {
      matching = modifiers.matching ?? { card: "one-to-one", on: false, labels: [], include: [] };
      if (SET_OPS.includes(op)) matching.card = "many-to-many";
    }
    return { kind: "binary", op, lhs, rhs, returnBool: modifiers.returnBool, matching };
  }

  private isWord(word: string): boolean {
    const tok = this.peek();
    return tok.kind === "ident" && tok.text.toLowerCase() === word;
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    const tok = this.tokens[this.i]!;
    if (tok.kind !== "eof") this.i++;
    return tok;
  }

  /** Prometheus names the matcher (its label) where its regexp fails to parse. */
  private checkRegex(matcher: Token, tok: Token): void {
    const problem = labelRegexError(tok.text);
    if (problem) throw this.error(matcher, problem);
  }

  private error(tok: Token, message: string): PromQLError {
    return PromQLError.parse(this.query, tok.pos, message);
  }

  private unsupported(tok: Token, what: string): PromQLError {
    return this.error(tok, `${what} is not supported by the Firebreak simulator; supported: ${SUPPORTED_SUBSET}`);
  }
}
