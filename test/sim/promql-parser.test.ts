import { describe, expect, it } from "vitest";
import { parsePromQL, PromQLError, typeOf, type Expr } from "../../sdk/sim/promql/index.ts";

/** The expression fully parenthesised, to pin precedence and associativity. */
function show(e: Expr): string {
  switch (e.kind) {
    case "number":
      return String(e.value);
    case "string":
      return JSON.stringify(e.value);
    case "vector-selector": {
      const name = e.matchers.find((m) => m.name === "__name__" && m.op === "=")?.value ?? "";
      const rest = e.matchers.filter((m) => !(m.name === "__name__" && m.op === "="));
      const body = rest.length ? `{${rest.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(",")}}` : "";
      return `${name}${body}${e.offsetMs ? ` offset ${e.offsetMs}ms` : ""}`;
    }
    case "matrix-selector":
      return `${show({ ...e.selector, offsetMs: 0 })}[${e.rangeMs}ms]${e.selector.offsetMs ? ` offset ${e.selector.offsetMs}ms` : ""}`;
    case "call":
      return `${e.func}(${e.args.map(show).join(", ")})`;
    case "aggregation":
      return `${e.op}${e.grouping.length || e.without ? ` ${e.without ? "without" : "by"} (${e.grouping.join(",")})` : ""}(${e.param ? `${show(e.param)}, ` : ""}${show(e.expr)})`;
    case "binary": {
      const m = e.matching;
      const mod = [
        e.returnBool ? "bool" : "",
        m && (m.on || m.labels.length) ? `${m.on ? "on" : "ignoring"}(${m.labels.join(",")})` : "",
        m?.card === "many-to-one" ? `group_left(${m.include.join(",")})` : m?.card === "one-to-many" ? `group_right(${m.include.join(",")})` : "",
      ].filter(Boolean);
      return `(${show(e.lhs)} ${[e.op, ...mod].join(" ")} ${show(e.rhs)})`;
    }
    case "unary":
      return `(${e.op}${show(e.expr)})`;
    case "paren":
      return show(e.expr);
  }
}

const p = (q: string) => show(parsePromQL(q));
const parseError = (q: string): string => {
  try {
    parsePromQL(q);
  } catch (err) {
    expect(err).toBeInstanceOf(PromQLError);
    expect((err as PromQLError).type).toBe("bad_data");
    return (err as Error).message;
  }
  throw new Error(`expected ${q} not to parse`);
};

describe("precedence and associativity (Prometheus docs: ^, then * / %, + -, comparisons, and unless, or)", () => {
  it.each([
    ["1 + 2 * 3", "(1 + (2 * 3))"],
    ["1 * 2 + 3", "((1 * 2) + 3)"],
    ["2 ^ 3 ^ 2", "(2 ^ (3 ^ 2))"], // ^ is right-associative
    ["8 / 4 / 2", "((8 / 4) / 2)"], // the rest are left-associative
    ["a - b - c", "((a - b) - c)"],
    ["a + b > c * d", "((a + b) > (c * d))"],
    ["a or b and c", "(a or (b and c))"],
    ["a and b unless c", "((a and b) unless c)"],
    ["a > b or c == d", "((a > b) or (c == d))"],
    ["a % b * c", "((a % b) * c)"],
    ["1 + 2 * 3 ^ 2 ^ 0.5 % 4", "(1 + ((2 * (3 ^ (2 ^ 0.5))) % 4))"],
  ])("%s", (q, expected) => expect(p(q)).toBe(expected));

  it("binds unary minus looser than ^ but tighter than *, folding it into number literals", () => {
    expect(p("-2 ^ 2")).toBe("(-(2 ^ 2))");
    expect(p("-a * b")).toBe("((-a) * b)");
    expect(p("2 ^ -1")).toBe("(2 ^ -1)");
    expect(parsePromQL("-1")).toEqual({ kind: "number", value: -1 });
    expect(p("- - a")).toBe("(-(-a))");
  });

  it("honours parentheses", () => {
    expect(p("(1 + 2) * 3")).toBe("((1 + 2) * 3)");
  });

  it("binds offset and ranges to the selector before any operator", () => {
    expect(p("a + b offset 5m")).toBe("(a + b offset 300000ms)");
    expect(p("rate(x[1m30s] offset 1h)")).toBe("rate(x[90000ms] offset 3600000ms)");
    expect(p("x offset -5m")).toBe("x offset -300000ms");
  });
});

describe("selectors", () => {
  it("reads matchers of every kind, __name__ matchers and keywords as label names", () => {
    expect(p(`http_requests_total{job="api", code!="200", path=~"/v1/.*", method!~'GET|HEAD'}`)).toBe(
      `http_requests_total{job="api",code!="200",path=~"/v1/.*",method!~"GET|HEAD"}`,
    );
    expect(p(`{__name__=~"job:.*", by="x"}`)).toBe(`{__name__=~"job:.*",by="x"}`);
    expect(p("foo{}")).toBe("foo");
    expect(p("foo:bar:rate5m")).toBe("foo:bar:rate5m");
  });

  it("decodes string escapes like Go", () => {
    expect(parsePromQL(`"a\\"b\\n\\x41\\u00e9"`)).toEqual({ kind: "string", value: 'a"b\nAé' });
    expect(parsePromQL("`raw\\n`")).toEqual({ kind: "string", value: "raw\\n" });
  });

  it.each([
    ["30s", 30_000],
    ["1m", 60_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["1d", 86_400_000],
    ["250ms", 250],
    ["1m30s", 90_000],
  ])("range [%s] is %d ms", (d, ms) => {
    const e = parsePromQL(`x[${d}]`);
    expect(e.kind === "matrix-selector" && e.rangeMs).toBe(ms);
  });

  it("accepts number syntaxes Prometheus accepts", () => {
    const n = (q: string) => (parsePromQL(q) as { value: number }).value;
    expect(n("0x1F")).toBe(31);
    expect(n("1e3")).toBe(1000);
    expect(n(".5")).toBe(0.5);
    expect(n("Inf")).toBe(Infinity);
    expect(n("-inf")).toBe(-Infinity);
    expect(n("NaN")).toBeNaN();
  });
});

describe("aggregations, calls, modifiers", () => {
  it("takes by/without before or after the body, keywords in any case", () => {
    expect(p("sum by (a, b) (x)")).toBe("sum by (a,b)(x)");
    expect(p("sum(x) by (a)")).toBe("sum by (a)(x)");
    expect(p("SUM(x) WITHOUT (instance)")).toBe("sum without (instance)(x)");
    expect(p("topk(3, x)")).toBe("topk(3, x)");
    expect(p("count by () (x)")).toBe("count(x)");
  });

  it("reads vector matching modifiers", () => {
    expect(p("a / on(x, y) b")).toBe("(a / on(x,y) b)");
    expect(p("a * ignoring(pod) group_left(version) b")).toBe("(a * ignoring(pod) group_left(version) b)");
    expect(p("a > bool 0.5")).toBe("(a > bool 0.5)");
    expect(p("a == bool on(x) group_right b")).toBe("(a == bool on(x) group_right() b)");
  });

  it("types expressions like Prometheus", () => {
    expect(typeOf(parsePromQL("x[5m]"))).toBe("range vector");
    expect(typeOf(parsePromQL("rate(x[5m]) * 2"))).toBe("instant vector");
    expect(typeOf(parsePromQL("scalar(x) + time()"))).toBe("scalar");
    expect(typeOf(parsePromQL("'s'"))).toBe("string");
  });

  it("unwraps a parenthesised range argument", () => {
    expect(p("rate((x[5m]))")).toBe("rate(x[300000ms])");
  });
});

describe("parse errors say where and what, like Prometheus", () => {
  it.each([
    ["", "1:1: parse error: no expression found in input"],
    ["foo +", "1:6: parse error: unexpected end of input"],
    ["sum(foo) by (b", "1:15: parse error: unclosed left parenthesis"],
    ["(foo", "1:5: parse error: unclosed left parenthesis"],
    ["foo bar", '1:5: parse error: unexpected identifier "bar"'],
    ["1 > 2", "1:3: parse error: comparisons between scalars must use BOOL modifier"],
    ["foo and 1", '1:5: parse error: set operator "and" not allowed in binary scalar expression'],
    ["foo + bool 1", "1:7: parse error: bool modifier can only be used on comparison operators"],
    ["{}", "1:1: parse error: vector selector must contain at least one non-empty matcher"],
    ['{a=""}', "1:1: parse error: vector selector must contain at least one non-empty matcher"],
    ['foo{__name__="bar"}', '1:5: parse error: metric name must not be set twice: "foo" or "bar"'],
    ["rate(foo)", '1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
    ["rate(foo[5m], 1)", '1:1: parse error: expected 1 argument(s) in call to "rate", got 2'],
    ["sum(foo[5m])", "1:5: parse error: expected type instant vector in aggregation expression, got range vector"],
    ["topk(foo, bar)", "1:6: parse error: expected type scalar in aggregation parameter, got instant vector"],
    ["nosuch(foo)", '1:1: parse error: unknown function with name "nosuch"'],
    ["foo offset 1m [1m]", "1:15: parse error: no offset modifiers allowed before range"],
    ["sum(foo) offset 1m", "1:10: parse error: offset modifier must be preceded by an instant vector selector or range vector selector"],
    ["(foo)[1m]", "1:6: parse error: ranges only allowed for vector selectors"],
    ["foo[0s]", "1:5: parse error: duration must be greater than 0"],
    ["foo[5x]", '1:5: parse error: bad number or duration syntax: "5x"'],
    ["foo[1.5m]", '1:5: parse error: bad number or duration syntax: "1.5m"'],
    // Go's own errors, as Prometheus 2.42 gives them: the pattern shown anchored, as Prometheus compiles it
    ['foo{a=~"("}', "1:5: parse error: error parsing regexp: missing closing ): `^(?:()$`"],
    ['foo{a=~"[z-a]"}', "1:5: parse error: error parsing regexp: invalid character class range: `z-a`"],
    ['foo{a=~"x**"}', "1:5: parse error: error parsing regexp: invalid nested repetition operator: `**`"],
    // what JavaScript's regexps take and Prometheus's (Go's RE2) refuse
    ['foo{a=~"(?!canary).*"}', "1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?!`"],
    ['foo{a=~"(?<=x)y"}', "1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?<`"],
    ['foo{a=~"(?<v>x)"}', "1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?<`"],
    // Go 1.19 gives the first error in the pattern, whichever it is
    ['foo{a=~"(?<v>x)(?!y)"}', "1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?<`"],
    ['foo{a=~"(?!y)(?<v>x)"}', "1:5: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?!`"],
    ["foo{a=~`(x)\\1`}", "1:5: parse error: error parsing regexp: invalid escape sequence: `\\1`"],
    ['foo{b="", a!~"\\\\e"}', "1:11: parse error: error parsing regexp: invalid escape sequence: `\\e`"],
    ["foo{a=~`[\\k]`}", "1:5: parse error: error parsing regexp: invalid escape sequence: `\\k`"],
    ['foo{a=~"x{1001}"}', "1:5: parse error: error parsing regexp: invalid repeat count: `{1001}`"],
    ["foo and on(a) group_left bar", '1:15: parse error: no grouping allowed for "and" operation'],
    ["foo + on(a) group_left(a) bar", '1:13: parse error: label "a" must not occur in ON and GROUP clause at once'],
    ["1 + on(a) 2", "1:3: parse error: vector matching only allowed between instant vectors"],
    ["foo[5m] + 1", "1:9: parse error: binary expression must contain only scalar and instant vector types"],
    ['"unterminated', "1:1: parse error: unterminated quoted string"],
  ])("%j", (q, message) => expect(parseError(q)).toContain(message));

  it("takes the regexps RE2 takes, JavaScript's syntax or not", () => {
    const takes = ["[(?=]", "[(?<]", "\\Q(?<\\E", "[]a]", "x{2,1000}", "\\.\\-\\d+", "\\12", "(?:a|b)"];
    const notJavaScript = ["(?i)abc", "(?s).", "(?U)a+", "(?i:a)b", "[[:alpha:]]", "[[:^digit:]]", "\\pL", "\\p{Greek}", "\\PN", "\\Q(?=\\E", "(?P<name>x)", "\\z"];
    for (const re of [...takes, ...notJavaScript]) {
      expect(() => parsePromQL(`foo{a=~${JSON.stringify(re)}}`), re).not.toThrow();
    }
  });

  it("names unsupported constructs and lists what is supported", () => {
    for (const [q, what] of [
      ["rate(foo[5m:1m])", "subqueries"],
      ["foo @ 1700000000", "the @ modifier"],
      ["stddev(foo)", 'the "stddev" aggregation'],
      ['quantile(0.9, foo)', 'the "quantile" aggregation'],
      ['label_replace(foo, "a", "$1", "b", "(.*)")', 'the function "label_replace"'],
      ["foo atan2 bar", 'the "atan2" operator'],
    ]) {
      const message = parseError(q!);
      expect(message).toContain(`${what}`);
      expect(message).toContain("is not supported by the Firebreak simulator; supported:");
      expect(message).toContain("histogram_quantile");
    }
  });
});
