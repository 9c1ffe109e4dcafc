/**
 * What Prometheus's regular expressions (Go's RE2 syntax, Go 1.19 as in Prometheus 2.42) reject
 * and JavaScript's accept: lookarounds, backreferences, `(?<name>…)` groups, escapes of letters
 * RE2 does not know, repeat counts over 1000. The simulator matches with JavaScript regexps; without
 * this check a `=~` matcher a real Prometheus refuses would work in a rehearsal.
 */

/** Letters RE2 gives a meaning after a backslash (classes, assertions, control characters, hex, Unicode classes). */
const RE2_ESCAPE_LETTERS = new Set("aftnrvxdDsSwWbBAzpPQ");
/** Go's limit on `{n}` and `{n,m}` (regexp/syntax: "invalid repeat count"). */
const MAX_REPEAT = 1000;

/**
 * The error Go's regexp parser gives `pattern` for syntax it does not support, or undefined.
 * JavaScript's own syntax errors are left to `new RegExp`.
 *
 * @example
 * re2SyntaxError("(?!canary).*"); // "invalid or unsupported Perl syntax: `(?!`"
 * re2SyntaxError("(a)\\1");      // "invalid escape sequence: `\\1`"
 */
export function re2SyntaxError(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && pattern[i + 1] === "Q") {
      // \Q…\E quotes its text literally
      const end = pattern.indexOf("\\E", i + 2);
      i = end < 0 ? pattern.length : end + 1;
    } else if (c === "\\") {
      const problem = escapeError(pattern, i);
      if (problem) return problem;
      i++;
    } else if (inClass) {
      if (c === "[" && pattern[i + 1] === ":") i = Math.max(i, pattern.indexOf(":]", i + 2) + 1);
      else if (c === "]") inClass = false;
    } else if (c === "[") {
      inClass = true;
      // a `]` first in a class is a literal in RE2
      i += pattern[i + 1] === "^" ? 1 : 0;
      if (pattern[i + 1] === "]") i++;
    } else if (c === "(" && pattern[i + 1] === "?") {
      const group = /^\(\?(P<|[imsU-]*[:)])/.exec(pattern.slice(i));
      if (!group) return `invalid or unsupported Perl syntax: \`${pattern.slice(i, i + 3)}\``;
    } else if (c === "{") {
      const repeat = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i));
      if (repeat && [repeat[1], repeat[2]].some((n) => n && Number(n) > MAX_REPEAT)) return `invalid repeat count: \`${repeat[0]}\``;
    }
  }
  return undefined;
}

/** Go's error for the escape at `pattern[i]` (a backslash), if RE2 refuses it. */
function escapeError(pattern: string, i: number): string | undefined {
  const next = pattern[i + 1];
  if (next === undefined) return undefined;
  // \1-\7 followed by an octal digit is an octal escape; alone, or \8 and \9, a backreference
  const octal = /[1-7]/.test(next) && /[0-7]/.test(pattern[i + 2] ?? "");
  const known = /[^\p{L}\p{N}]/u.test(next) ? next.charCodeAt(0) < 0x80 : next === "0" || octal || RE2_ESCAPE_LETTERS.has(next);
  return known ? undefined : `invalid escape sequence: \`\\${next}\``;
}
