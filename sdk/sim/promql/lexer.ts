/**
 * PromQL tokens. Follows the Prometheus lexer: keywords and aggregators are case-insensitive,
 * `Inf`/`NaN` are numbers, an integer followed by a unit is a duration, `#` starts a comment.
 */
import { parseDuration } from "./duration.ts";
import { PromQLError } from "./errors.ts";

export type TokenKind =
  | "ident"
  | "number"
  | "duration"
  | "string"
  | "op"
  | "("
  | ")"
  | "{"
  | "}"
  | "["
  | "]"
  | ","
  | "@"
  | "eof";

export interface Token {
  kind: TokenKind;
  /** Source text (for `op`, the operator; for `string`, the unquoted value). */
  text: string;
  /** Numeric value of `number` (the float) and `duration` (milliseconds) tokens. */
  value: number;
  /** Offset of the token's first character in the query. */
  pos: number;
}

// Longest first, so `==` is not read as `=` `=`.
const OPERATORS = ["==", "!=", ">=", "<=", "=~", "!~", "+", "-", "*", "/", "%", "^", ">", "<", "="];
const PUNCTUATION = new Set(["(", ")", "{", "}", "[", "]", ",", "@"]);
const IDENT = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const DURATION = /(?:\d+(?:ms|[smhdwy]))+/y;
const NUMBER = /0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };

function sticky(re: RegExp, text: string, pos: number): string | undefined {
  re.lastIndex = pos;
  return re.exec(text)?.[0];
}

/**
 * Splits a query into tokens, ending with an `eof` token; throws a `PromQLError` on bad syntax.
 *
 * @example
 * tokenize("rate(x[5m])").map((t) => t.kind); // ident ( ident [ duration ] ) eof
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const push = (kind: TokenKind, tokenText: string, value = Number.NaN, at = pos) =>
    tokens.push({ kind, text: tokenText, value, pos: at });

  while (pos < text.length) {
    const ch = text[pos]!;
    if (/\s/.test(ch)) {
      pos++;
    } else if (ch === "#") {
      while (pos < text.length && text[pos] !== "\n") pos++;
    } else if (ch === '"' || ch === "'" || ch === "`") {
      const [value, end] = readString(text, pos);
      push("string", value);
      pos = end;
    } else if (/[0-9.]/.test(ch)) {
      pos = readNumberOrDuration(text, pos, push);
    } else if (/[a-zA-Z_:]/.test(ch)) {
      const word = sticky(IDENT, text, pos)!;
      // Prometheus lexes these words as numbers, so they can never be metric names.
      if (/^(inf|nan)$/i.test(word)) push("number", word, /^inf$/i.test(word) ? Infinity : NaN);
      else push("ident", word);
      pos += word.length;
    } else if (PUNCTUATION.has(ch)) {
      push(ch as TokenKind, ch);
      pos++;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, pos));
      if (!op) throw PromQLError.parse(text, pos, `unexpected character: ${JSON.stringify(ch)}`);
      push("op", op);
      pos += op.length;
    }
  }
  push("eof", "", Number.NaN, text.length);
  return tokens;
}

function readNumberOrDuration(
  text: string,
  pos: number,
  push: (kind: TokenKind, text: string, value: number, at: number) => void,
): number {
  const duration = sticky(DURATION, text, pos);
  if (duration !== undefined && !/[a-zA-Z0-9_.]/.test(text[pos + duration.length] ?? "")) {
    const ms = parseDuration(duration);
    if (ms === undefined) throw PromQLError.parse(text, pos, `not a valid duration string: "${duration}"`);
    push("duration", duration, ms, pos);
    return pos + duration.length;
  }
  const number = sticky(NUMBER, text, pos);
  if (number === undefined || number === "." || /[a-zA-Z_:.]/.test(text[pos + number.length] ?? "")) {
    throw PromQLError.parse(text, pos, `bad number or duration syntax: "${text.slice(pos).split(/[\s(){}[\],]/)[0]}"`);
  }
  push("number", number, /^0x/i.test(number) ? parseInt(number, 16) : Number(number), pos);
  return pos + number.length;
}

/** Reads a quoted string starting at `start`; returns its value and the offset after the closing quote. */
function readString(text: string, start: number): [string, number] {
  const quote = text[start]!;
  let pos = start + 1;
  let value = "";
  while (pos < text.length) {
    const ch = text[pos]!;
    if (ch === quote) return [value, pos + 1];
    if (ch === "\n" && quote !== "`") break;
    if (ch !== "\\" || quote === "`") {
      value += ch;
      pos++;
      continue;
    }
    const esc = text[pos + 1] ?? "";
    pos += 2;
    if (esc === quote) value += esc;
    else if (esc in ESCAPES) value += ESCAPES[esc];
    else if (esc === "x" || esc === "u" || esc === "U") {
      const width = esc === "x" ? 2 : esc === "u" ? 4 : 8;
      const hex = text.slice(pos, pos + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) {
        throw PromQLError.parse(text, pos - 2, `invalid escape sequence \\${esc}${hex}`);
      }
      value += String.fromCodePoint(parseInt(hex, 16));
      pos += width;
    } else if (/[0-7]/.test(esc) && /^[0-7]{2}$/.test(text.slice(pos, pos + 2))) {
      value += String.fromCharCode(parseInt(esc + text.slice(pos, pos + 2), 8));
      pos += 2;
    } else {
      throw PromQLError.parse(text, pos - 2, `unknown escape sequence \\${esc}`);
    }
  }
  throw PromQLError.parse(text, start, "unterminated quoted string");
}
