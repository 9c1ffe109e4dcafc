import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { compileFunction } from "node:vm";
import { transform } from "sucrase";
import { FirebreakError, planFrame, PlanLoadError } from "../errors.ts";
import * as api from "../api.ts";
import { explainSyntaxError, findDroppedNamespace } from "./unsupported-syntax.ts";
import { isPlan, planSdkMajor, SDK_MAJOR, SDK_VERSION, type Plan } from "../plan/plan.ts";
import { closest } from "../util/closest.ts";

const TS_EXTENSIONS = [".ts", ".mts", ".cts", ".tsx"];

/** A plan module, its TypeScript stripped (CommonJS, as sucrase's imports transform leaves it), compiled. */
interface Transformed {
  source: string;
  code: string;
  run: ReturnType<typeof compileFunction>;
}

interface Loader {
  transformed: Map<string, Transformed>;
  cache: Map<string, { exports: unknown }>;
  modules: Record<string, unknown>;
}

/** Finds the file a relative import means, trying TypeScript extensions as editors do. */
function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.(js|mjs|cjs)$/, "");
  const candidates = [base, ...TS_EXTENSIONS.map((e) => stem + e), ...TS_EXTENSIONS.map((e) => join(base, `index${e}`))];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

function transformFile(loader: Loader, file: string): Transformed {
  const known = loader.transformed.get(file);
  if (known) return known;
  const source = readFileSync(file, "utf8");
  let code: string;
  try {
    code = transform(source, { transforms: ["typescript", "imports"], filePath: file, disableESTransforms: true }).code;
  } catch (err) {
    throw new PlanLoadError(`${relative(process.cwd(), file)} is not valid TypeScript: ${(err as Error).message}`, { cause: err });
  }
  const dropped = findDroppedNamespace(source);
  if (dropped) throw new PlanLoadError(`${relative(process.cwd(), file)}:${dropped.line}:${dropped.column}: ${dropped.message}`);
  const transformed = { source, code, run: compile(source, code, file) };
  loader.transformed.set(file, transformed);
  return transformed;
}

/** The relative paths a transformed module requires (its imports, static and dynamic). */
const RELATIVE_REQUIRE = /\brequire\(\s*(['"])(\.{0,2}\/[^'"]*)\1\s*\)/g;

/** The plan's own `.ts` modules a transformed module requires: each as written (`spec`) and the file it resolves to. */
function localImports(file: string, code: string): { spec: string; target: string }[] {
  return [...code.matchAll(RELATIVE_REQUIRE)].flatMap(([, , spec]) => {
    const target = resolveRelative(file, spec!);
    return target && TS_EXTENSIONS.includes(extname(target)) ? [{ spec: spec!, target }] : [];
  });
}

/**
 * Transforms `file` and the `.ts` modules it imports, before any is evaluated, so the loader
 * knows what the whole plan uses (see {@link firebreakModule}).
 */
function transformGraph(loader: Loader, file: string): void {
  const pending = [file];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (loader.transformed.has(next)) continue;
    const { code } = transformFile(loader, next);
    pending.push(...localImports(next, code).map((i) => i.target));
  }
}

function loadModule(loader: Loader, file: string): unknown {
  const cached = loader.cache.get(file);
  if (cached) return cached.exports;
  const { code, run } = transformFile(loader, file);
  const module = { exports: {} as unknown };
  loader.cache.set(file, module);
  const nodeRequire = createRequire(file);
  const requireFn = (spec: string): unknown => {
    if (spec in loader.modules) return loader.modules[spec];
    if (spec.startsWith(".") || spec.startsWith("/")) {
      const target = resolveRelative(file, spec);
      if (!target) throw new PlanLoadError(`${relative(process.cwd(), file)} imports '${spec}', which does not exist.${nearbyFile(spec, resolve(dirname(file), spec))}`);
      if (TS_EXTENSIONS.includes(extname(target))) return loadModule(loader, target);
    }
    try {
      return nodeRequire(spec);
    } catch (err) {
      throw notInstalled(err, spec, `${relative(process.cwd(), file)}:${requireLine(code, spec)}`) ?? err;
    }
  };
  // Line numbers are preserved by sucrase, so stack traces point into the plan as written.
  run(module.exports, requireFn, module, file, dirname(file));
  return module.exports;
}

/**
 * A package the plan imports that is not installed, said in one line with the fix, instead of
 * Node's "Cannot find module" and its require stack. Undefined for any other error, and for a
 * package that is there but misses one of its own dependencies.
 */
function notInstalled(err: unknown, spec: string, at: string): PlanLoadError | undefined {
  if ((err as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND" || !(err as Error).message.startsWith(`Cannot find module '${spec}'`)) return undefined;
  const pkg = spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/");
  return new PlanLoadError(`${at}: the plan imports '${spec}', which is not installed: npm install ${pkg} in the plan's repository.`);
}

/** The line that requires `spec` (static imports quote it with ', dynamic ones with "): sucrase keeps the plan's lines. */
function requireLine(code: string, spec: string): number {
  const at = Math.max(code.indexOf(`require('${spec}')`), code.indexOf(`require("${spec}")`), 0);
  return code.slice(0, at).split("\n").length;
}

/**
 * Compiles a transformed module. A SyntaxError is refused at its line, which V8 puts atop its
 * stack: with the column and the fix when it is syntax sucrase passes through (a decorator, a
 * top-level await), else with Node's message (`using` before Node 24, a name declared twice).
 */
function compile(source: string, code: string, file: string) {
  try {
    return compileFunction(code, ["exports", "require", "module", "__filename", "__dirname"], { filename: file });
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const line = /:(\d+)$/m.exec(err.stack ?? "")?.[1];
    const problem = line ? explainSyntaxError(source, Number(line)) : undefined;
    if (problem) throw new PlanLoadError(`${relative(process.cwd(), file)}:${problem.line}:${problem.column}: ${problem.message}`, { cause: err });
    throw new PlanLoadError(
      `${relative(process.cwd(), file)}${line ? `:${line}` : ""}: ${err.message}. Node ${process.versions.node} cannot run that line once sucrase has stripped its types: write it another way.`,
      { cause: err },
    );
  }
}

/** Whether a module's source may use `z` from firebreak: any `z` token at all (cheap, and errs towards loading zod). */
const MENTIONS_Z = /\bz\b/;

/**
 * The module a plan gets for `import … from "firebreak"`: this SDK's API, with `z` (zod) only when
 * some module of the plan mentions `z`. zod takes about 20 ms to load, as long as everything else
 * an isolation needs, so a plan without inputs isolates without it.
 */
async function firebreakModule(loader: Loader): Promise<Record<string, unknown>> {
  const module: Record<string, unknown> = { ...api };
  // Marks it as an ES module for sucrase's interop helpers: `import * as fb` takes it as it is.
  Object.defineProperty(module, "__esModule", { value: true });
  const usesZ = [...loader.transformed.values()].some((m) => MENTIONS_Z.test(m.source));
  if (usesZ) module.z = (await import("zod")).z;
  else {
    Object.defineProperty(module, "z", {
      enumerable: true,
      get: () => {
        throw new PlanLoadError('The plan reaches firebreak\'s z through a computed name, so zod was not loaded. Import it by name: import { z } from "firebreak".');
      },
    });
  }
  return module;
}

/**
 * Each name `code` reads from what it requires as `spec`, with where: sucrase turns each named
 * import into `<binding>.<name>` (default and namespace imports into `<wrapper>.<name>`, with
 * `var fb = _interopRequireWildcard(_binding)`), so the transformed code lists them, at their lines.
 */
function importedNames(code: string, spec: string): { name: string; line: number }[] {
  const binding = new RegExp(`\\bvar (\\w+) = require\\((['"])${spec.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\2\\);`).exec(code)?.[1];
  if (!binding) return [];
  const wrappers = [...code.matchAll(new RegExp(`\\bvar (\\w+) = _interopRequire\\w*\\(${binding}\\)`, "g"))].map((m) => m[1]!);
  return [...code.matchAll(new RegExp(`\\b(?:${[binding, ...wrappers].join("|")})\\.(\\w+)`, "g"))].map((use) => ({ name: use[1]!, line: code.slice(0, use.index).split("\n").length }));
}

/**
 * Refuses a name imported from "firebreak" (or "firebreak/testing") that the SDK does not export
 * (`istioo`), before anything runs: otherwise it is `undefined`, and the plan fails where it first
 * uses it ("Cannot read properties of undefined"), perhaps after it has moved traffic.
 */
function checkFirebreakImports(loader: Loader, spec: "firebreak" | "firebreak/testing", module: Record<string, unknown>): void {
  const example = spec === "firebreak" ? "import { plan, istio } from \"firebreak\"" : "import { rehearse } from \"firebreak/testing\"";
  for (const [file, { code }] of loader.transformed) {
    for (const { name, line } of importedNames(code, spec)) {
      if (name in module) continue;
      const at = `${relative(process.cwd(), file)}:${line}`;
      throw new PlanLoadError(
        name === "default"
          ? `${at}: ${spec} has no default export; import what the plan uses by name, e.g. ${example}.`
          : `${at}: ${spec} has no export '${name}'${didYouMean(name, Object.keys(module))}; it exports: ${Object.keys(module).sort().join(", ")}.`,
      );
    }
  }
}

/** A module of Firebreak's a transformed module requires (`firebreak/testing`; `firebreak` itself is not matched). */
const FIREBREAK_SUBPATH = /\brequire\(\s*(['"])(firebreak\/[^'"]*)\1\s*\)/g;

/**
 * Binds `firebreak/testing` (the simulator) for the whole plan when any of its modules imports it,
 * a helper shared with the plan's tests as much as the plan: the CLI and the action bring their
 * own SDK, and there may be no node_modules to find one in (the action runs from a checkout
 * without `npm ci`). Any other `firebreak/…` is refused where it is imported: Firebreak has no
 * such module, and "npm install firebreak" would not give it one.
 */
async function firebreakSubpaths(loader: Loader): Promise<void> {
  for (const [file, { code }] of loader.transformed) {
    for (const [, , spec] of code.matchAll(FIREBREAK_SUBPATH)) {
      if (spec === "firebreak/testing") {
        loader.modules[spec] ??= await import("../testing.ts");
        continue;
      }
      throw new PlanLoadError(
        `${relative(process.cwd(), file)}:${requireLine(code, spec!)}: firebreak has no module '${spec}': Firebreak is imported as "firebreak" (the SDK) and ` +
          `"firebreak/testing" (the simulator, for rehearsals), which the CLI and the action bind to their own SDK.`,
      );
    }
  }
}

/**
 * The same for the plan's own modules (`import { isolte } from "./checkout-api.ts"`), once they
 * have all been evaluated and their exports are known: a helper misspelt would otherwise fail
 * only when the program calls it, after the steps before it have changed the cluster.
 */
function checkLocalImports(loader: Loader): void {
  for (const [file, { code }] of loader.transformed) {
    for (const { spec, target } of localImports(file, code)) {
      const exports = loader.cache.get(target)?.exports as Record<string, unknown> | undefined;
      if (!exports) continue;
      const names = Object.keys(exports);
      for (const { name, line } of importedNames(code, spec)) {
        if (name in exports) continue;
        const at = `${relative(process.cwd(), file)}:${line}`;
        throw new PlanLoadError(`${at}: ${spec} has no ${name === "default" ? "default export" : `export '${name}'`}${didYouMean(name, names)}; it exports: ${names.sort().join(", ") || "nothing"}.`);
      }
    }
  }
}

/** " (did you mean 'istio'?)" when a mistyped export is close to a real one. */
function didYouMean(name: string, exports: string[]): string {
  const meant = closest(name, exports);
  return meant ? ` (did you mean '${meant}'?)` : "";
}

/**
 * The `firebreak` the plan's package.json asks for, as written (`^1.2.0`, `npm:firebreak@^1`,
 * `github:org/firebreak#v1.2.0`): the nearest package.json up from the plan that names it, as
 * npm resolves the import, so a `plans/package.json` of `{"type": "module"}` does not hide the
 * repository's pin. The search stops at the repository's root (the folder with `.git`) and at
 * firebreak's own package.json (a plan in this very repository is written for it).
 */
function declaredSpec(planFile: string): { spec: string; packageJson: string } | undefined {
  for (let dir = dirname(planFile); ; dir = dirname(dir)) {
    const pj = join(dir, "package.json");
    if (existsSync(pj)) {
      try {
        const json = JSON.parse(readFileSync(pj, "utf8"));
        if (json.name === "firebreak") return undefined;
        const spec: unknown = json.dependencies?.firebreak ?? json.devDependencies?.firebreak ?? json.peerDependencies?.firebreak ?? json.optionalDependencies?.firebreak;
        if (typeof spec === "string") return { spec, packageJson: pj };
      } catch {
        // an unreadable package.json says nothing about the SDK version: the one above may
      }
    }
    if (existsSync(join(dir, ".git")) || dirname(dir) === dir) return undefined;
  }
}

/**
 * The semver range a dependency spec means for firebreak's version, or why it cannot say:
 * `npm:firebreak@^1.2.0` is `^1.2.0`; a git spec pinned with `#semver:^1.2.0` is `^1.2.0`;
 * `workspace:^1` is `^1`. A local path (`file:`, `link:`, `workspace:*`) means this checkout:
 * nothing to check. A git tag, a tarball URL, a dist-tag or another package under the name
 * cannot be judged.
 */
function rangeOf(spec: string): { range: string } | { unjudged: string } | undefined {
  const s = spec.trim();
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(s);
  if (alias) {
    if (alias[1] !== "firebreak") return { unjudged: `it is another package, ${alias[1]}, under firebreak's name` };
    return alias[2] ? { range: alias[2] } : undefined;
  }
  if (/^(file|link|portal):/.test(s)) return undefined;
  const workspace = /^workspace:(.*)$/.exec(s);
  if (workspace) return ["*", "^", "~", ""].includes(workspace[1]!) ? undefined : { range: workspace[1]! };
  const pinned = /#(?:.*::)?semver:([^:]+)$/.exec(s);
  if (pinned) return { range: pinned[1]! };
  if (/^(git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:)/.test(s) || /^[\w.-]+\/[\w.-]+(#.*)?$/.test(s)) {
    return { unjudged: "it is a git repository or a tarball, whose version only installing it tells" };
  }
  return { range: s };
}

/**
 * Refuses a plan whose package.json asks for a firebreak this is not (semver's own reading: `^0.2.0`
 * excludes 0.1.0, `^1 || ^0.1.0` includes it). A local path (`file:`, `workspace:*`) says nothing;
 * a spec no version can be read from (a git tag, a dist-tag) is a warning, returned.
 */
async function checkSdkVersion(path: string, file: string): Promise<string[]> {
  const declared = declaredSpec(file);
  if (!declared) return [];
  const { spec, packageJson } = declared;
  const meant = rangeOf(spec);
  if (!meant) return [];
  const { default: semver } = await import("semver"); // CommonJS: its API is the default export; only plans with a package.json pay for it
  if (!("range" in meant) || !semver.validRange(meant.range)) {
    const why = "unjudged" in meant ? meant.unjudged : `"${meant.range}" is no version range`;
    return [
      `${path}: ${packageJson} asks for firebreak "${spec}", which cannot be checked against this firebreak ${SDK_VERSION} (${why}). ` +
        `If the plan was written for another major of firebreak it may fail part way; name a version range (e.g. "^${SDK_VERSION}") to have it checked.`,
    ];
  }
  if (semver.satisfies(SDK_VERSION, meant.range, { includePrerelease: true })) return [];
  throw new PlanLoadError(
    `${path} is written for firebreak ${spec} (${packageJson}), but this is firebreak ${SDK_VERSION}. ` +
      `Use a Firebreak release that ${meant.range} allows, or update the plan and its package.json.`,
  );
}

/** " Did you mean examples/checkout-api-rollback.ts?" when a file beside the missing `file` (as `path` named it) has a close name. */
function nearbyFile(path: string, file: string): string {
  let names: string[];
  try {
    names = readdirSync(dirname(file));
  } catch {
    return ""; // the folder is missing too: nothing near to offer
  }
  const meant = closest(basename(file), names);
  return meant ? ` Did you mean ${path.slice(0, path.lastIndexOf("/") + 1)}${meant}?` : ""; // in the user's own spelling of the folder
}

/**
 * Loads any `.ts` module the way plans are loaded (types stripped, `firebreak` bound to this SDK,
 * relative imports followed) and returns its exports, and warnings for the caller to show (a
 * package.json whose firebreak cannot be checked).
 */
export async function loadModuleFile(
  path: string,
  missing = (file: string) => `${path} does not exist (resolved to ${file}). Give the path of a .ts file.`,
): Promise<{ exports: Record<string, unknown>; file: string; warnings: string[] }> {
  const file = resolve(path);
  if (!existsSync(file)) throw new PlanLoadError(`${missing(file)}${nearbyFile(path, file)}`);
  if (!statSync(file).isFile()) throw new PlanLoadError(`${path} is a directory, not a file (resolved to ${file}). Give the path of a .ts file in it.`);
  const warnings = await checkSdkVersion(path, file);
  const loader: Loader = { transformed: new Map(), cache: new Map(), modules: {} };
  try {
    transformGraph(loader, file);
    loader.modules.firebreak = await firebreakModule(loader);
    checkFirebreakImports(loader, "firebreak", loader.modules.firebreak as Record<string, unknown>);
    await firebreakSubpaths(loader);
    if (loader.modules["firebreak/testing"]) checkFirebreakImports(loader, "firebreak/testing", loader.modules["firebreak/testing"] as Record<string, unknown>);
    const exports = loadModule(loader, file) as Record<string, unknown>;
    checkLocalImports(loader);
    return { exports, file, warnings };
  } catch (err) {
    if (err instanceof PlanLoadError) throw err;
    // thrown while a module of the plan was evaluated (plan(...) with invalid metadata, a TypeError): where, as for errors in its program
    const at = planFrame(err);
    if (err instanceof FirebreakError) throw at ? new PlanLoadError(`${at}: ${err.message}`, { cause: err }) : err;
    throw new PlanLoadError(`Loading ${path} failed${at ? ` at ${at}` : ""}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Loads a plan from a `.ts` file, with no build step: TypeScript is stripped with sucrase and the
 * module evaluated in-process, with `import … from "firebreak"` bound to this very SDK (so the
 * GitHub Action runs plans from a checkout without `npm ci`). Relative `.ts` imports are loaded
 * the same way; anything else resolves from the plan's folder as Node would.
 */
export async function loadPlan(path: string): Promise<{ plan: Plan; file: string; warnings: string[] }> {
  const { exports, file, warnings } = await loadModuleFile(
    path,
    (resolved) => `Plan file ${path} does not exist (resolved to ${resolved}). Give the path of a .ts file that default-exports plan(...).`,
  );
  const candidate = exports.default;
  if (!isPlan(candidate)) {
    const found = candidate === undefined ? "no default export" : `a default export of type ${typeof candidate}`;
    throw new PlanLoadError(`${path} does not default-export a plan (found ${found}). End it with: export default plan({ name: "…" }, async (run, inputs) => { … });`);
  }
  if (planSdkMajor(candidate) !== SDK_MAJOR) {
    const major = planSdkMajor(candidate);
    throw new PlanLoadError(
      `${path} was built with firebreak major ${major} (its plan() is another copy of firebreak's), and this is firebreak ${SDK_VERSION}. ` +
        `Run it with a Firebreak ${major}.x release, or import plan from "firebreak" and update the plan to this release.`,
    );
  }
  return { plan: candidate, file, warnings };
}
