import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, relative, resolve } from "node:path";
import { compileFunction } from "node:vm";
import { transform } from "sucrase";
import { FirebreakError, PlanLoadError } from "../errors.ts";
import * as sdk from "../index.ts";
import { isPlan, planSdkMajor, SDK_MAJOR, SDK_VERSION, type Plan } from "../plan/plan.ts";

const TS_EXTENSIONS = [".ts", ".mts", ".cts", ".tsx"];

interface Loader {
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

function loadModule(loader: Loader, file: string): unknown {
  const cached = loader.cache.get(file);
  if (cached) return cached.exports;
  const source = readFileSync(file, "utf8");
  let code: string;
  try {
    code = transform(source, { transforms: ["typescript", "imports"], filePath: file, disableESTransforms: true }).code;
  } catch (err) {
    throw new PlanLoadError(`${relative(process.cwd(), file)} is not valid TypeScript: ${(err as Error).message}`, { cause: err });
  }
  const module = { exports: {} as unknown };
  loader.cache.set(file, module);
  const nodeRequire = createRequire(file);
  const requireFn = (spec: string): unknown => {
    if (spec in loader.modules) return loader.modules[spec];
    if (spec.startsWith(".") || spec.startsWith("/")) {
      const target = resolveRelative(file, spec);
      if (!target) throw new PlanLoadError(`${relative(process.cwd(), file)} imports '${spec}', which does not exist`);
      if (TS_EXTENSIONS.includes(extname(target))) return loadModule(loader, target);
    }
    return nodeRequire(spec);
  };
  // Line numbers are preserved by sucrase, so stack traces point into the plan as written.
  const fn = compileFunction(code, ["exports", "require", "module", "__filename", "__dirname"], { filename: file });
  fn(module.exports, requireFn, module, file, dirname(file));
  return module.exports;
}

/** The major version of `firebreak` the plan's own package.json asks for, if it names one. */
function declaredMajor(planFile: string): { major: number; range: string; packageJson: string } | undefined {
  for (let dir = dirname(planFile); ; dir = dirname(dir)) {
    const pj = join(dir, "package.json");
    if (existsSync(pj)) {
      try {
        const json = JSON.parse(readFileSync(pj, "utf8"));
        const range: unknown = json.dependencies?.firebreak ?? json.devDependencies?.firebreak ?? json.peerDependencies?.firebreak;
        const m = typeof range === "string" ? /(\d+)\./.exec(range) : null;
        if (m && typeof range === "string") return { major: Number(m[1]), range, packageJson: pj };
      } catch {
        // an unreadable package.json says nothing about the SDK version
      }
      return undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Loads any `.ts` module the way plans are loaded (types stripped, `firebreak` bound to this SDK,
 * relative imports followed) and returns its exports.
 */
export async function loadModuleFile(
  path: string,
  missing = (file: string) => `${path} does not exist (resolved to ${file}). Give the path of a .ts file.`,
): Promise<{ exports: Record<string, unknown>; file: string }> {
  const file = resolve(path);
  if (!existsSync(file) || !statSync(file).isFile()) throw new PlanLoadError(missing(file));
  const declared = declaredMajor(file);
  if (declared && declared.major !== SDK_MAJOR) {
    throw new PlanLoadError(
      `${path} is written for firebreak ${declared.range} (${declared.packageJson}), but this is firebreak ${SDK_VERSION}. ` +
        `Use the Firebreak release matching major ${declared.major}, or update the plan and its package.json.`,
    );
  }
  const modules: Record<string, unknown> = { firebreak: sdk };
  if (/["']firebreak\/testing["']/.test(readFileSync(file, "utf8"))) modules["firebreak/testing"] = await import("../testing.ts");
  try {
    return { exports: loadModule({ cache: new Map(), modules }, file) as Record<string, unknown>, file };
  } catch (err) {
    if (err instanceof FirebreakError) throw err;
    throw new PlanLoadError(`Loading ${path} failed: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Loads a plan from a `.ts` file, with no build step: TypeScript is stripped with sucrase and the
 * module evaluated in-process, with `import … from "firebreak"` bound to this very SDK (so the
 * GitHub Action runs plans from a checkout without `npm ci`). Relative `.ts` imports are loaded
 * the same way; anything else resolves from the plan's folder as Node would.
 */
export async function loadPlan(path: string): Promise<{ plan: Plan; file: string }> {
  const { exports, file } = await loadModuleFile(
    path,
    (resolved) => `Plan file ${path} does not exist (resolved to ${resolved}). Give the path of a .ts file that default-exports plan(...).`,
  );
  const candidate = exports.default;
  if (!isPlan(candidate)) {
    const found = candidate === undefined ? "no default export" : `a default export of type ${typeof candidate}`;
    throw new PlanLoadError(`${path} does not default-export a plan (found ${found}). End it with: export default plan({ name: "…" }, async (run, inputs) => { … });`);
  }
  if (planSdkMajor(candidate) !== SDK_MAJOR) {
    throw new PlanLoadError(`${path} was built with firebreak major ${planSdkMajor(candidate)}; this is ${SDK_VERSION}.`);
  }
  return { plan: candidate, file };
}
