/**
 * Label regexps as Prometheus 2.42 runs them: Go's RE2 (regexp/syntax of Go 1.19, which it is built
 * with), here @bufbuild/re2, a port of Go's parser and matcher that gives Go's own parse errors.
 * JavaScript's RegExp differs from it both ways: it takes lookarounds and backreferences, refuses
 * `(?i)`, `[[:alpha:]]` and `\pL`, and its `\s` and `.` match other characters.
 */
import { RE2JS, RE2JSSyntaxException } from "@bufbuild/re2";

/**
 * Go 1.22 added `(?<name>…)` groups, and the library takes them; Go 1.19 stops at `(?<` as at any
 * unknown group flag. A NUL is such a flag to the library too, so checking the pattern with every
 * `(?<` turned into `(?\0` gives Go 1.19's first error, wherever it is (`(?<` inside a class or
 * after a backslash is a literal either way).
 */
const GO_1_22_GROUP = "(?<";
const UNKNOWN_GROUP_FLAG = "(?\0";

/** Patterns a simulation uses are few (a plan's queries): enough to keep them all compiled. */
const CACHE_LIMIT = 1_000;
const compiled = new Map<string, RE2JS | string>();

const anchored = (pattern: string) => `^(?:${pattern})$`;

/** Errors Go reports with the whole regexp (as Prometheus anchored it) where the library gives none. */
const WHOLE_REGEXP_ERRORS = /^error parsing regexp: (expression nests too deeply|expression too large)$/;

/** `^(?:pattern)$` compiled, as Prometheus anchors a label regexp, or Go's error for it. */
function compile(pattern: string): RE2JS | string {
  const cached = compiled.get(pattern);
  if (cached !== undefined) return cached;
  let result: RE2JS | string;
  try {
    const asGo119 = pattern.replaceAll(GO_1_22_GROUP, UNKNOWN_GROUP_FLAG);
    const checked = RE2JS.compile(anchored(asGo119));
    result = asGo119 === pattern ? checked : RE2JS.compile(anchored(pattern));
  } catch (err) {
    if (!(err instanceof RE2JSSyntaxException)) throw err;
    result = err.message.replaceAll(UNKNOWN_GROUP_FLAG, GO_1_22_GROUP);
    if (WHOLE_REGEXP_ERRORS.test(result)) result += `: \`${anchored(pattern)}\``;
  }
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(pattern, result);
  return result;
}

/**
 * The error Go gives label regexp `pattern`, worded as Prometheus reports it, or undefined.
 *
 * @example
 * labelRegexError("(?!canary).*"); // "error parsing regexp: invalid or unsupported Perl syntax: `(?!`"
 * labelRegexError("(");            // "error parsing regexp: missing closing ): `^(?:()$`"
 */
export function labelRegexError(pattern: string): string | undefined {
  const result = compile(pattern);
  return typeof result === "string" ? result : undefined;
}

/**
 * Whether `value` matches label regexp `pattern` whole, as Prometheus's `=~` tests it.
 * Throws for a pattern {@link labelRegexError} refuses.
 */
export function labelRegexMatches(pattern: string, value: string): boolean {
  const result = compile(pattern);
  if (typeof result === "string") throw new SyntaxError(result);
  return result.test(value);
}
