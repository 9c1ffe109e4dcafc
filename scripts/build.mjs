/**
 * Bundles the GitHub Action into dist/ (committed: the runner runs `node dist/main.js` from the
 * action's repository, with no `npm ci`).
 *
 * - ESM for Node 24 (`runs.using: node24`); @actions/* are ESM-only. A `createRequire` banner gives
 *   the bundled CommonJS dependencies a `require` (and `__filename`/`__dirname`).
 * - `splitting: true`: what only some runs need (the simulator, @kubernetes/client-node, Octokit)
 *   goes to chunks under dist/chunks/, loaded by the dynamic `import()`s that already guard them,
 *   so the incident path evaluates nothing a plan does not use.
 * - The simulator reads its CRDs from `../crds` next to its module: they are copied to dist/crds.
 * - @actions/core imports @actions/http-client (and undici, 0.7 MB) for OIDC tokens only; marking
 *   those packages free of side effects lets esbuild drop them from the main step, which never
 *   asks for a token (the post step still bundles them for Octokit).
 * - Plans (and the simulator) get the whole of zod, the SDK and the action only zod/mini (a
 *   millisecond to load instead of twenty). esbuild splits code by file, and both import zod's core
 *   files, so bundled together the whole of zod would land in a chunk the main step loads up front.
 *   The whole zod is bundled on its own instead, as dist/zod.js, which the bundle imports as `#zod`
 *   (dist/package.json's `imports`), loaded only by a plan that uses `z` or by the simulator.
 * - Packages' ES module builds before their CommonJS ones (`mainFields`): esbuild can leave out
 *   what an ES module does not use and skips the CommonJS wrappers (sucrase: 424 KiB instead of
 *   623, about 3 ms less to load).
 * - Sucrase without what TypeScript plans never reach (Flow, JSX, source maps, its options
 *   checker): main.js 445 KiB instead of 548, about 2.5 ms less to start (see leftOut); and
 *   zod without its 60-odd translations (dist/zod.js 371 KiB instead of 704).
 * - No minification of names, so the committed bundle stays readable and diffable.
 *
 *   node scripts/build.mjs            # writes dist/
 *   node scripts/build.mjs OUTDIR     # writes elsewhere (the staleness test)
 */
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const banner = [
  'import { createRequire as __firebreakCreateRequire } from "node:module";',
  'import { fileURLToPath as __firebreakFileURLToPath } from "node:url";',
  "const require = __firebreakCreateRequire(import.meta.url);",
  "const __filename = __firebreakFileURLToPath(import.meta.url);",
  'const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));',
].join("\n");

/** Packages evaluated for their exports only: unused, they are left out of a chunk. */
const SIDE_EFFECT_FREE = /\/node_modules\/(@actions\/(core|http-client|exec|io)|undici|tunnel)\//;

/** Marks {@link SIDE_EFFECT_FREE} modules `sideEffects: false` (none of them sets it in package.json). */
const sideEffectFree = {
  name: "side-effect-free",
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.sideEffectFree || args.kind === "entry-point") return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { sideEffectFree: true } });
      if (resolved.errors.length || !SIDE_EFFECT_FREE.test(resolved.path)) return undefined;
      return { path: resolved.path, sideEffects: false };
    });
  },
};

/**
 * Modules of a dependency that no plan reaches, replaced by ones with the same exports that throw
 * if ever used: a change that needs one fails loudly, and esbuild fails the build if an export goes
 * missing. `keep` gives a few exports working code instead.
 */
function leftOut({ name, filter, why, keep = {} }) {
  return {
    name,
    setup(b) {
      b.onLoad({ filter }, (args) => {
        const source = readFileSync(args.path, "utf8");
        const what = args.path.slice(args.path.lastIndexOf("/node_modules/") + 14);
        const unused = `throw new Error("${what} is left out of Firebreak's bundle (scripts/build.mjs): ${why}");`;
        const names = [...source.matchAll(/^export (?:function (\w+)|\{ default as (\w+) \})/gm)].map((m) => m[1] ?? m[2]);
        const stubs = names.map((n) => keep[n] ?? `export function ${n}() { ${unused} }`);
        if (/^export default new Map/m.test(source)) stubs.push("export default new Map();");
        else if (/^export default /m.test(source)) stubs.push(`export default function leftOut() { ${unused} }`);
        return { contents: stubs.join("\n"), loader: "js" };
      });
    },
  };
}

/**
 * Sucrase's modules a plan never reaches: the loader strips TypeScript (transforms "typescript"
 * and "imports", no source maps, fixed options), so Flow, JSX, Jest and React parsing and
 * transforms, the source-map writer, the token printer and the options checker (ts-interface-checker)
 * are dead weight on the incident path: 113 KiB of the bundle's 510 to compile at every start.
 * The options checker becomes a no-op: the loader's options never change.
 */
const sucraseForTypeScriptOnly = leftOut({
  name: "sucrase-for-typescript-only",
  filter: /\/sucrase\/dist\/esm\/(parser\/plugins\/(flow|jsx\/index|jsx\/xhtml)|transformers\/(Flow|JSX|JestHoist|ReactDisplayName|ReactHotLoader)Transformer|computeSourceMap|util\/formatTokens|Options)\.js$/,
  why: "plans are TypeScript",
  keep: { validateOptions: "export function validateOptions() {}" },
});

/**
 * The plan loader imports sucrase's parser by its CommonJS path, the one Node loads; the bundle
 * takes the ES module build of it that `transform` already brings, instead of a second copy.
 */
const oneSucraseParser = {
  name: "one-sucrase-parser",
  setup(b) {
    b.onResolve({ filter: /^sucrase\/dist\/parser\/index\.js$/ }, () => ({ path: join(root, "node_modules/sucrase/dist/esm/parser/index.js") }));
  },
};

/**
 * zod's error messages in 60-odd languages (`z.locales`): half of dist/zod.js (345 KiB of 704),
 * compiled by every plan that declares inputs. Plans' messages are English, zod's default.
 */
const zodInEnglish = leftOut({
  name: "zod-in-english",
  filter: /\/zod\/v4\/locales\/index\.js$/,
  why: "plan inputs' messages are in English",
  keep: { en: 'export { default as en } from "./en.js";' },
});

/** The whole `zod` (not `zod/mini`) stays out of the bundle, imported as `#zod`: dist/zod.js (see the header). */
const wholeZodApart = {
  name: "whole-zod-apart",
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, () => ({ path: "#zod", external: true }));
  },
};

/**
 * Builds the action into `outdir` (emptied first). Returns the output files and their sizes.
 *
 * @example
 * const { files } = await buildAction(join(tmp, "dist"));
 */
export async function buildAction(outdir = join(root, "dist")) {
  rmSync(outdir, { recursive: true, force: true });
  /** What the action's bundle and dist/zod.js share. */
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node24",
    mainFields: ["module", "main"],
    minifySyntax: true,
    legalComments: "eof",
    metafile: true,
    logLevel: "warning",
  };
  const result = await build({
    ...common,
    entryPoints: { main: "action/bin/main.ts", post: "action/bin/post.ts" },
    outdir,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    banner: { js: banner },
    plugins: [wholeZodApart, oneSucraseParser, sideEffectFree, sucraseForTypeScriptOnly],
  });
  const zod = await build({
    ...common,
    stdin: { contents: 'export * from "zod";', resolveDir: root, sourcefile: "zod.js" },
    outfile: join(outdir, "zod.js"),
    plugins: [zodInEnglish],
  });
  writeFileSync(join(outdir, "package.json"), `${JSON.stringify({ type: "module", imports: { "#zod": "./zod.js" } }, null, 2)}\n`);
  mkdirSync(join(outdir, "crds"), { recursive: true });
  cpSync(join(root, "sdk/sim/crds"), join(outdir, "crds"), { recursive: true, filter: (src) => !src.endsWith(".md") });
  const files = Object.entries({ ...result.metafile.outputs, ...zod.metafile.outputs }).map(([file, out]) => ({ file: relative(outdir, resolve(root, file)), bytes: out.bytes }));
  return { files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const { files } = await buildAction(outdir);
  const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
  for (const f of files.sort((a, b) => b.bytes - a.bytes)) console.log(`${f.file.padEnd(48)} ${kb(f.bytes).padStart(10)}`);
  console.log(`${"total".padEnd(48)} ${kb(files.reduce((s, f) => s + f.bytes, 0)).padStart(10)}`);
}
