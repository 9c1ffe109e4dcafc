/**
 * Escaping for everything a plan author, an input or a remote system wrote (notes, step names, input
 * values, gate reasons, error messages) before it goes into Markdown, a Mermaid diagram or a
 * terminal. The postmortem is filed as a GitHub issue: text from a plan must not be able to add
 * HTML, links, headings or table columns to it, nor notify people or cross-reference issues.
 */

/** U+200D ZERO WIDTH JOINER: invisible, and enough to stop GitHub from linking `@name` and `#123`. */
const ZWJ = "\u200D";

/** C0/C1 control characters (ANSI escapes included), which have no place in a report line. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/** Characters with a meaning anywhere in inline Markdown (GFM), backslash first. */
const INLINE_SPECIAL = /[\\`*_~[\]|]/g;

/**
 * Starts of a line that would open a block: heading, bullet list or thematic break, setext
 * underline, ordered list (`1. `, but not `0.58`). `>` is an entity by then.
 */
const BLOCK_START = /^(\s*)([#+=-]|\d{1,9}[.)](?=\s|$))/;

/** Collapses line breaks and control characters: every escaped value is one line. */
function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n|\t/g, " ").replace(CONTROL, "");
}

/**
 * Escapes untrusted text for inline use in Markdown: paragraphs, list items and table cells.
 *
 * Newlines become spaces and leading spaces go; `\`, backticks, `*`, `_`, `~`, `[`, `]` and `|` are backslash-escaped;
 * `<`, `>` and `&` become entities (no HTML, no autolinks); a leading `#`, `-`, `+`, `>`, `=` or
 * `1.` is escaped so the text cannot open a block; `@name`, `#123` and bare URLs (`https://…`,
 * `www.…`) get a zero-width joiner so GitHub neither mentions anyone nor links an issue or a site.
 *
 * @example
 * escapeMarkdown("# hi @octocat <b>|</b> see #12");
 * // "\\# hi @\u200Doctocat &lt;b&gt;\\|&lt;/b&gt; see #\u200D12"
 */
export function escapeMarkdown(text: string): string {
  // leading spaces (a template literal's indent) would make a list item's text a code block
  const escaped = oneLine(text)
    .trimStart()
    .replace(INLINE_SPECIAL, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZWJ}`)
    .replace(/#(?=\d)/g, `#${ZWJ}`)
    // GFM links bare URLs ("extended autolinks"): a joiner where the domain starts stops it.
    .replace(/\b(https?:\/\/|www\.)(?=[^\s\u200D])/gi, `$1${ZWJ}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWJ}`);
  return escaped.replace(BLOCK_START, (_m, space: string, mark: string) =>
    mark.length === 1 ? `${space}\\${mark}` : `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`,
  );
}

/**
 * Formats untrusted text as an inline code span: shown verbatim, never interpreted, never a
 * mention. In a table cell (`inTable`), `|` is escaped as GFM requires even inside code spans.
 *
 * @example
 * inlineCode("a`b"); // "`` a`b ``"
 * inlineCode("x|y", { inTable: true }); // "`x\\|y`"
 */
export function inlineCode(text: string, options: { inTable?: boolean } = {}): string {
  let body = oneLine(text);
  if (options.inTable) body = body.replace(/\|/g, "\\|");
  if (body === "") return "` `";
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longest + 1);
  const pad = body.startsWith("`") || body.endsWith("`") || longest > 0 ? " " : "";
  return `${ticks}${pad}${body}${pad}${ticks}`;
}

/**
 * Wraps untrusted text in a fenced code block whose fence is longer than any backtick run inside,
 * so the text cannot close it early.
 *
 * @example
 * codeBlock("sum(rate(x[1m]))", "promql"); // "```promql\nsum(rate(x[1m]))\n```"
 */
export function codeBlock(text: string, language = ""): string {
  const body = text.replace(/\r\n|\r/g, "\n").replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${body}\n${fence}`;
}

/**
 * Reduces untrusted text to a label Mermaid parses as plain text: only letters, digits, spaces and
 * `. , % ( ) / + - _ ' =` survive (no quotes, colons, semicolons, `#`, brackets, backticks or HTML),
 * and never `%%`.
 *
 * @example
 * mermaidLabel('canary: 1% "fast" <b>'); // "canary 1% fast b"
 */
export function mermaidLabel(text: string, maxChars = 60): string {
  const label = oneLine(text)
    .replace(/[^\p{L}\p{N} .,%()/+\-_'=]/gu, " ")
    .replace(/%+/g, "%") // "%%" starts a Mermaid comment or directive
    .replace(/\s+/g, " ")
    .trim();
  const clipped = clip(label, maxChars).trim();
  return clipped === "" ? "unnamed" : clipped;
}

/**
 * Makes untrusted text safe for one terminal line: no control characters (so no ANSI escapes a plan
 * could use to rewrite the screen), no line breaks.
 *
 * @example
 * plainText("ok\u001b[2Jgone\nnext"); // "ok[2Jgone next"
 */
export function plainText(text: string): string {
  return oneLine(text);
}

/**
 * Shortens text to at most `maxChars` characters, ending with "…" when it was cut.
 *
 * @example
 * clip("abcdef", 4); // "abc…"
 */
export function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = Math.max(0, maxChars - 1);
  // not between the two halves of an emoji: half of one is no character, and GitHub shows "�"
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * A Markdown link to an http(s) URL given by the caller (run URL, artifact URL). Characters that
 * could end the link or a table cell are percent-encoded; anything that is not http(s) is shown
 * as code instead of linked.
 *
 * @example
 * markdownLink("run", "https://github.com/o/r/actions/runs/1"); // "[run](https://github.com/o/r/actions/runs/1)"
 */
export function markdownLink(text: string, url: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return `${escapeMarkdown(text)} (${inlineCode(url, { inTable: true })})`;
  const safe = url.replace(/[()<>|\\`"'[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return `[${escapeMarkdown(text)}](${safe})`;
}

/**
 * The hidden comment that identifies an incident's issue, so the action can find it again and
 * update it instead of filing a duplicate. The id keeps only `A-Z a-z 0-9 . _ : / -` (no `--`,
 * which HTML comments forbid) so it can never close the comment.
 *
 * @example
 * incidentMarker("run-2026-11-22T10:00:00Z"); // "<!-- firebreak:incident=run-2026-11-22T10:00:00Z -->"
 */
export function incidentMarker(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._:/-]/g, "_").replace(/-{2,}/g, "-") || "unknown";
  return `<!-- firebreak:incident=${safe} -->`;
}
