import { describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPlan } from "../../sdk/loader/load-plan.ts";
import { isPlan } from "../../sdk/plan/plan.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { createFakeKube } from "../helpers/fake-kube.ts";

const fixture = (p: string) => fileURLToPath(new URL(`./fixtures/${p}`, import.meta.url));

describe("loading plans from .ts files", () => {
  it("loads TypeScript with relative imports, bound to this SDK", async () => {
    const { plan } = await loadPlan(fixture("ok/plan.ts"));
    expect(isPlan(plan)).toBe(true);
    const result = await runPlan(plan, { mode: "run", inputs: { who: "ops" }, kube: createFakeKube().kube, clock: createVirtualClock(), target: { kind: "sim" } });
    expect(result.events.find((e) => e.type === "note")).toMatchObject({ text: "hello ops 1" });
  });

  it("gives z to a plan whose schema comes from a helper module, and validates inputs with it", async () => {
    const { plan } = await loadPlan(fixture("zod-in-helper/plan.ts"));
    const run = (replicas: string) => runPlan(plan, { mode: "run", inputs: { replicas }, kube: createFakeKube().kube, clock: createVirtualClock(), target: { kind: "sim" } });
    expect((await run("3")).events.find((e) => e.type === "note")).toMatchObject({ text: "replicas 6" });
    await expect(run("-1")).rejects.toThrow(/replicas: .*>0/);
  });

  it("loads a plan that never names z, through a namespace import, with the whole API but zod", async () => {
    const { plan } = await loadPlan(fixture("no-zod/plan.ts"));
    const result = await runPlan(plan, { mode: "run", inputs: {}, kube: createFakeKube().kube, clock: createVirtualClock(), target: { kind: "sim" } });
    expect(result.events.find((e) => e.type === "note")).toMatchObject({ text: "api function" });
  });

  it("says how to import z when a plan reaches it by a computed name", async () => {
    await expect(loadPlan(fixture("no-zod/computed.ts"))).rejects.toThrow(/computed name, so zod was not loaded\. Import it by name: import \{ z \} from "firebreak"/);
  });

  it("says when the file does not exist, and which file beside it was likely meant", async () => {
    await expect(loadPlan("plans/nope.ts")).rejects.toThrow(/^Plan file plans\/nope.ts does not exist/);
    await expect(loadPlan("test/loader/fixtures/ok/plna.ts")).rejects.toThrow(/does not exist .*\. Did you mean test\/loader\/fixtures\/ok\/plan\.ts\?$/);
    await expect(loadPlan(fixture("bad-import/misspelt-import.ts"))).rejects.toThrow(
      "test/loader/fixtures/bad-import/misspelt-import.ts imports './rute.ts', which does not exist. Did you mean ./route.ts?",
    );
  });

  it("refuses a name the plan imports from its own module that the module does not export, before anything runs", async () => {
    await expect(loadPlan(fixture("bad-import/misspelt-helper.ts"))).rejects.toThrow(
      "test/loader/fixtures/bad-import/misspelt-helper.ts:8: ./shared.ts has no export 'isolte' (did you mean 'isolate'?); it exports: isolate, vs.",
    );
  });

  it("says when the path is a directory, rather than offering the same path back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "firebreak-plan-dir-"));
    mkdirSync(join(dir, "rollback.ts"));
    try {
      await expect(loadPlan(join(dir, "rollback.ts"))).rejects.toThrow(`${join(dir, "rollback.ts")} is a directory, not a file (resolved to ${join(dir, "rollback.ts")}). Give the path of a .ts file in it.`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("says when the file does not default-export a plan, and how to fix it", async () => {
    await expect(loadPlan(fixture("not-a-plan.ts"))).rejects.toThrow(/does not default-export a plan \(found no default export\)\. End it with: export default plan/);
  });

  it("refuses a name firebreak does not export, where it is used, before anything runs", async () => {
    await expect(loadPlan(fixture("bad-import/plan.ts"))).rejects.toThrow(
      /^test\/loader\/fixtures\/bad-import\/route\.ts:3: firebreak has no export 'istioo' \(did you mean 'istio'\?\); it exports: .*\bistio, kustomize, plan\b/,
    );
    await expect(loadPlan(fixture("default-import.ts"))).rejects.toThrow(
      'test/loader/fixtures/default-import.ts:3: firebreak has no default export; import what the plan uses by name, e.g. import { plan, istio } from "firebreak".',
    );
  });

  it("refuses a namespace with values, which sucrase drops, before the plan moves traffic, naming the line and the fix", async () => {
    await expect(loadPlan(fixture("unsupported/namespace.ts"))).rejects.toThrow(
      /^test\/loader\/fixtures\/unsupported\/namespace\.ts:5:1: TypeScript namespaces are not supported in plans: .*so Weights would be undefined when the plan runs\. Use a const object instead \(const Weights = \{ … \}\)/,
    );
  });

  it("refuses a namespace with values beside an import alias that only types use, naming the line and the fix", async () => {
    await expect(loadPlan(fixture("unsupported/namespace-with-import.ts"))).rejects.toThrow(
      /^test\/loader\/fixtures\/unsupported\/namespace-with-import\.ts:5:1: TypeScript namespaces are not supported in plans: .*so Weights would be undefined when the plan runs\./,
    );
  });

  it("runs the TypeScript sucrase compiles: enums, parameter properties, abstract classes, namespaces of types only (import aliases too)", async () => {
    const { plan } = await loadPlan(fixture("unsupported/runtime-typescript.ts"));
    const result = await runPlan(plan, { mode: "run", inputs: {}, kube: createFakeKube().kube, clock: createVirtualClock(), target: { kind: "sim" } });
    expect(result.events.find((e) => e.type === "note")).toMatchObject({ text: "fast 40/100" });
  });

  it("runs a plan where await is a name or sits in a generic async arrow, which only look like top-level await", async () => {
    const { plan } = await loadPlan(fixture("unsupported/await-as-name.ts"));
    const result = await runPlan(plan, { mode: "run", inputs: {}, kube: createFakeKube().kube, clock: createVirtualClock(), target: { kind: "sim" } });
    expect(result.events.find((e) => e.type === "note")).toMatchObject({ text: "a 2 queued" });
  });

  it.each([
    ["decorator.ts", "7:3", /decorators are not supported in plans: .* Call the decorating function yourself instead/],
    ["accessor.ts", "4:10", /auto-accessors \(accessor x = …\) are not supported in plans: .* Write a plain field, or a get\/set pair/],
    ["import-meta.ts", "3:27", /import\.meta is not available in plans: .* Use __filename and __dirname instead/],
    ["top-level-await.ts", "7:3", /top-level await is not supported in plans: .* Move the await into the program/],
  ])("refuses %s, which Node cannot run as a plan, at its line and column, saying what to write instead", async (file, at, message) => {
    const error = await loadPlan(fixture(`unsupported/${file}`)).catch((e: Error) => e);
    expect((error as Error).message).toMatch(new RegExp(`^test/loader/fixtures/unsupported/${file.replace(".", "\\.")}:${at}: `));
    expect((error as Error).message).toMatch(message);
  });

  it("names the line of any other SyntaxError Node meets, and of an error thrown while the plan module loads", async () => {
    await expect(loadPlan(fixture("unsupported/declared-twice.ts"))).rejects.toThrow(
      /^test\/loader\/fixtures\/unsupported\/declared-twice\.ts:4: Identifier 'replicas' has already been declared\. Node [\d.]+ cannot run that line/,
    );
    await expect(loadPlan(fixture("unsupported/throws-on-load.ts"))).rejects.toThrow(
      /^Loading .*throws-on-load\.ts failed at test\/loader\/fixtures\/unsupported\/throws-on-load\.ts:3:\d+: Cannot read properties of undefined \(reading 'trim'\)$/,
    );
  });

  it("names the plan file and line of plan(...) metadata it refuses", async () => {
    await expect(loadPlan(fixture("cosmetic/bad-meta.ts"))).rejects.toThrow(/^test\/loader\/fixtures\/cosmetic\/bad-meta\.ts:3:\d+: plan\(\.\.\.\) got invalid metadata:\n  - name: /);
  });

  it("says how to run a plan built with another firebreak major", async () => {
    await expect(loadPlan(fixture("cosmetic/other-major.ts"))).rejects.toThrow(
      /other-major\.ts was built with firebreak major 1 .*, and this is firebreak 0\.1\.0\. Run it with a Firebreak 1\.x release, or import plan from "firebreak" and update the plan to this release\.$/,
    );
  });

  it("says in one line which package to install when the plan imports one that is missing", async () => {
    const error = await loadPlan(fixture("cosmetic/missing-package.ts")).catch((e: Error) => e);
    expect((error as Error).message).toMatch(
      /^test\/loader\/fixtures\/cosmetic\/missing-package\.ts:2: the plan imports 'left-padd-surely-not-installed', which is not installed: npm install left-padd-surely-not-installed in the plan's repository\.$/,
    );
  });

  it("binds firebreak/testing in every module of the plan, a helper's too, to this SDK's, with no npm install", async () => {
    const { plan } = await loadPlan(fixture("testing-in-helper/plan.ts"));
    const result = await runPlan(plan, { mode: "run", inputs: {}, kube: createFakeKube().kube, clock: createVirtualClock(), target: { kind: "sim" } });
    expect(result.events.find((e) => e.type === "note")).toMatchObject({ text: "worlds: cold-jvm and more" });
  });

  it("refuses a name firebreak/testing does not export, and a firebreak module that does not exist, where they are imported, without npm install advice", async () => {
    await expect(loadPlan(fixture("testing-in-helper/misspelt.ts"))).rejects.toThrow(
      /^test\/loader\/fixtures\/testing-in-helper\/misspelt\.ts:5: firebreak\/testing has no export 'rehearsal' \(did you mean 'rehearse'\?\); it exports: .*\brehearse\b/,
    );
    const error = await loadPlan(fixture("testing-in-helper/subpath.ts")).catch((e: Error) => e.message);
    expect(error).toBe(
      "test/loader/fixtures/testing-in-helper/subpath-helper.ts:2: firebreak has no module 'firebreak/sim': Firebreak is imported as \"firebreak\" (the SDK) and \"firebreak/testing\" (the simulator, for rehearsals), which the CLI and the action bind to their own SDK.",
    );
  });

  it("reports a syntax error with its position", async () => {
    await expect(loadPlan(fixture("syntax-error.ts"))).rejects.toThrow(/is not valid TypeScript: .*\(3:/);
  });

  it("refuses a plan written for another SDK major", async () => {
    await expect(loadPlan(fixture("wrong-major/plan.ts"))).rejects.toThrow(/is written for firebreak \^3\.1\.0 .* but this is firebreak 0\.1\.0/);
  });

  it("reads the package.json's range as semver does: 0.x minors are breaking, alternatives and local paths count", async () => {
    const dir = mkdtempSync(join(tmpdir(), "firebreak-range-"));
    try {
      copyFileSync(fixture("wrong-major/plan.ts"), join(dir, "plan.ts"));
      const load = (range: string) => {
        writeFileSync(join(dir, "package.json"), JSON.stringify({ devDependencies: { firebreak: range } }));
        return loadPlan(join(dir, "plan.ts")).then(() => "loaded", (e: Error) => e.message);
      };
      expect(await load("^0.2.0")).toMatch(/is written for firebreak \^0\.2\.0 .*but this is firebreak 0\.1\.0\. Use a Firebreak release that \^0\.2\.0 allows/);
      expect(await load("^1")).toMatch(/is written for firebreak \^1 /);
      expect(await load("^1.0.0 || ^0.1.0")).toBe("loaded");
      expect(await load("file:../firebreak")).toBe("loaded");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads the repository's pin past a package.json nearer the plan that does not name firebreak, up to the repository's root", async () => {
    const outer = mkdtempSync(join(tmpdir(), "firebreak-walk-"));
    try {
      const repo = join(outer, "repo");
      mkdirSync(join(repo, "plans"), { recursive: true });
      mkdirSync(join(repo, ".git"));
      copyFileSync(fixture("wrong-major/plan.ts"), join(repo, "plans/plan.ts"));
      writeFileSync(join(repo, "plans/package.json"), JSON.stringify({ type: "module" }));
      writeFileSync(join(repo, "package.json"), JSON.stringify({ name: "shop-plans", devDependencies: { firebreak: "^1.0.0" } }));
      await expect(loadPlan(join(repo, "plans/plan.ts"))).rejects.toThrow(`is written for firebreak ^1.0.0 (${join(repo, "package.json")}), but this is firebreak 0.1.0`);
      // nothing above the repository's root speaks for it: a checkout inside another project's folder
      writeFileSync(join(repo, "package.json"), JSON.stringify({ name: "shop-plans" }));
      writeFileSync(join(outer, "package.json"), JSON.stringify({ devDependencies: { firebreak: "^1.0.0" } }));
      expect((await loadPlan(join(repo, "plans/plan.ts"))).warnings).toEqual([]);
    } finally {
      rmSync(outer, { recursive: true, force: true });
    }
  });

  it("reads an npm alias's range, and warns of a spec no version can be read from rather than accept it silently", async () => {
    const dir = mkdtempSync(join(tmpdir(), "firebreak-spec-"));
    try {
      copyFileSync(fixture("wrong-major/plan.ts"), join(dir, "plan.ts"));
      const load = (spec: string) => {
        writeFileSync(join(dir, "package.json"), JSON.stringify({ dependencies: { firebreak: spec } }));
        return loadPlan(join(dir, "plan.ts")).then((r) => r.warnings, (e: Error) => e.message);
      };
      expect(await load("npm:firebreak@^1.2.0")).toMatch(/is written for firebreak npm:firebreak@\^1\.2\.0 .*but this is firebreak 0\.1\.0\. Use a Firebreak release that \^1\.2\.0 allows/);
      expect(await load("npm:firebreak@^0.1.0")).toEqual([]);
      expect(await load("github:firebreak-dev/firebreak#semver:^1.2.0")).toMatch(/is written for firebreak github:firebreak-dev\/firebreak#semver:\^1\.2\.0 /);
      expect(await load("workspace:*")).toEqual([]);
      expect(await load("github:firebreak-dev/firebreak#v1.2.0")).toEqual([
        `${join(dir, "plan.ts")}: ${join(dir, "package.json")} asks for firebreak "github:firebreak-dev/firebreak#v1.2.0", which cannot be checked against this firebreak 0.1.0 ` +
          `(it is a git repository or a tarball, whose version only installing it tells). If the plan was written for another major of firebreak it may fail part way; ` +
          `name a version range (e.g. "^0.1.0") to have it checked.`,
      ]);
      expect(await load("npm:firebreak-fork@^0.1.0")).toEqual([expect.stringContaining("(it is another package, firebreak-fork, under firebreak's name)")]);
      expect(await load("latest")).toEqual([expect.stringContaining('("latest" is no version range)')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
