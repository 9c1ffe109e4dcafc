import { parse } from "sucrase/dist/parser/index.js";

/** A construct in a plan's source that would not run as written, where it starts, and what to write instead. */
export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The end of a dotted name starting at token `i` (`A.B.C`): the index after it. */
function afterName(text: (i: number) => string, i: number): number {
  while (text(i + 1) === "." && IDENTIFIER.test(text(i + 2))) i += 2;
  return i + 1;
}

// Syntax sucrase passes through as it is, and that Node cannot run in a plan.
const DECORATOR =
  "decorators are not supported in plans: sucrase leaves them as they are and Node cannot run them. Call the decorating function yourself instead, e.g. const go = logged(goUnlogged).";
const ACCESSOR =
  "auto-accessors (accessor x = …) are not supported in plans: sucrase leaves them as they are and Node cannot run them. Write a plain field, or a get/set pair over a private field.";
const IMPORT_META =
  'import.meta is not available in plans: the loader evaluates them as CommonJS modules. Use __filename and __dirname instead (for import.meta.url: import { pathToFileURL } from "node:url", then pathToFileURL(__filename).href).';
const TOP_LEVEL_AWAIT =
  "top-level await is not supported in plans: the loader evaluates them as CommonJS modules. Move the await into the program, export default plan({ … }, async (run) => { … }), where it runs when the plan does.";

/**
 * TypeScript the loader cannot run as written. Sucrase strips types file by file and drops what it
 * does not implement: a namespace with values in it vanishes, and its name is undefined when the
 * plan runs, perhaps after it has moved traffic: {@link findDroppedNamespace} finds it before.
 * (Enums, parameter properties, `declare` and abstract members it compiles.) What it leaves as it
 * is must be CommonJS that Node runs: decorators, auto-accessors, `import.meta` and top-level await
 * are not, and Node's own SyntaxError would name neither the column nor the fix:
 * {@link explainSyntaxError} does, for the line Node refused (a scan of tokens can mistake
 * `{ await: 1 }` for an await; Node cannot). Found on sucrase's own tokens, so comments and strings
 * never match.
 */
function* unsupportedSyntax(source: string): Generator<SyntaxProblem & { dropped: boolean }> {
  const { tokens, scopes } = parse(source, false, true, false);
  // the module's own scope counts as a function's too
  const functions = scopes.filter((s) => s.isFunctionScope && !(s.startTokenIndex === 0 && s.endTokenIndex === tokens.length));
  const text = (i: number) => (tokens[i] ? source.slice(tokens[i].start, tokens[i].end) : "");
  /** The index of the `}` that closes the `{` at `open`. */
  const closing = (open: number) => {
    let depth = 0;
    for (let i = open; i < tokens.length; i++) {
      const t = text(i);
      if (t === "{" || t === "${") depth++;
      else if (t === "}" && --depth === 0) return i;
    }
    return tokens.length - 1;
  };
  const at = (i: number, message: string, dropped = false) => {
    const before = source.slice(0, tokens[i]!.start).split("\n");
    return { line: before.length, column: before.at(-1)!.length + 1, message, dropped };
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = text(i);
    if (t === "declare" && ["namespace", "module", "global"].includes(text(i + 1))) {
      // ambient (`declare namespace A.B {`, `declare module "x" {`, `declare global {`): types only, whatever it contains
      let open = i + 2;
      while (text(open) === "." || /^["'\w$]/.test(text(open))) open++;
      if (text(open) === "{") i = closing(open);
    } else if ((t === "namespace" || t === "module") && tokens[i]!.isType && IDENTIFIER.test(text(i + 1))) {
      const open = afterName(text, i + 1);
      if (text(open) !== "{") continue;
      const name = text(i + 1);
      const body = source.slice(tokens[open]!.end, tokens[closing(open)]!.start);
      if (!declaresValues(body)) continue; // types only: nothing is lost; a namespace nested in it is checked on its own
      yield at(
        i,
        `TypeScript namespaces are not supported in plans: the loader strips types with sucrase, which drops namespace ${name} and its values, ` +
          `so ${name} would be undefined when the plan runs. Use a const object instead (const ${name} = { … }), or move its contents to a module of their own and import them.`,
        true,
      );
    } else if (tokens[i]!.isType) {
      continue;
    } else if (t === "@") {
      yield at(i, DECORATOR);
    } else if (t === "accessor" && /^[\w$#[]/.test(text(i + 1)) && !source.slice(tokens[i]!.end, tokens[i + 1]!.start).includes("\n")) {
      yield at(i, ACCESSOR);
    } else if (t === "import" && text(i + 1) === "." && text(i + 2) === "meta") {
      yield at(i, IMPORT_META);
    } else if (t === "await" && text(i - 1) !== "." && !functions.some((s) => s.startTokenIndex <= i && i < s.endTokenIndex)) {
      yield at(i, TOP_LEVEL_AWAIT);
    }
  }
}

/**
 * Where a namespace block can start: the word and a name after it. Most plans have none (their
 * `namespace: "prod"` is not one), and they skip a second parse on the incident path.
 */
const MAY_OPEN_NAMESPACE = /\b(?:namespace|module)\s+[A-Za-z_$]/;

/** A namespace with values, which sucrase drops: its name would be undefined when the plan runs. */
export function findDroppedNamespace(source: string): SyntaxProblem | undefined {
  if (!MAY_OPEN_NAMESPACE.test(source)) return undefined;
  for (const problem of unsupportedSyntax(source)) if (problem.dropped) return problem;
  return undefined;
}

/** What on `line` (where Node raised a SyntaxError) Node cannot run in a plan, and what to write instead. */
export function explainSyntaxError(source: string, line: number): SyntaxProblem | undefined {
  for (const problem of unsupportedSyntax(source)) if (!problem.dropped && problem.line === line) return problem;
  return undefined;
}

/** Whether statements (a namespace's body) leave anything at run time once their types are stripped. */
function declaresValues(statements: string): boolean {
  const { tokens } = parse(statements, false, true, false);
  const text = (i: number) => (tokens[i] ? statements.slice(tokens[i].start, tokens[i].end) : "");
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.isType || tokens[i]!.end === tokens[i]!.start || text(i) === ";") continue;
    const after = afterTypeOnlyAlias(text, i);
    if (after === undefined) return true;
    i = after - 1;
  }
  return false;
}

/**
 * The index after `import [type] X = require("…")` or `import X = A.B` starting at `i`, if one does.
 * In a namespace whose other statements are all types, only types can use X, so TypeScript emits
 * nothing for it. (Parsed on its own, outside the namespace, sucrase does not mark it as a type.)
 * `export import X = …` makes X a member of the namespace: a value, which is not skipped.
 */
function afterTypeOnlyAlias(text: (i: number) => string, i: number): number | undefined {
  if (text(i) !== "import" || text(i - 1) === "export") return undefined;
  let name = i + 1;
  if (text(name) === "type" && IDENTIFIER.test(text(name + 1)) && text(name + 2) === "=") name++;
  if (!IDENTIFIER.test(text(name)) || text(name + 1) !== "=") return undefined;
  let end = name + 2;
  if (text(end) === "require" && text(end + 1) === "(" && /^["']/.test(text(end + 2)) && text(end + 3) === ")") end += 4;
  else if (IDENTIFIER.test(text(end))) end = afterName(text, end);
  else return undefined;
  return text(end) === ";" ? end + 1 : end;
}
