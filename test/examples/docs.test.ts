import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadPlan } from "../../sdk/loader/load-plan.ts";
import { resolveScenario } from "../../sdk/sim/load-scenario.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";
import { scenarioSchema, type ScenarioInput } from "../../sdk/sim/scenario.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";
import { ensureHelm } from "../helpers/tools.ts";

/** The first ```ts block after a heading of a doc, as a plan file a newcomer would copy. */
function planFromDoc(doc: string, heading: string): string {
  const text = readFileSync(doc, "utf8");
  const section = text.slice(text.indexOf(`\n${heading}\n`));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error(`${doc} has no ts block under ${heading}`);
  const file = join(mkdtempSync(join(tmpdir(), "firebreak-doc-")), "plan.ts");
  writeFileSync(file, code);
  return file;
}

describe("docs/clusters.md", () => {
  it("the Helm example, rehearsed on the simulator, rolls the release back to its last good revision with the real helm", async () => {
    vi.stubEnv("FIREBREAK_HELM", ensureHelm());
    const { plan } = await loadPlan(planFromDoc("docs/clusters.md", "## Helm"));
    const r = await rehearse(plan, { scenario: "cold-jvm" });
    expect(r.status, r.error?.message).toBe("succeeded");
    const notes = r.events.flatMap((e) => (e.type === "note" ? [e.text] : []));
    expect(notes).toContain("rolling back to 2 (checkout-api-1.9.0, app 1.9.0)");
    const image = r.events.find((e) => e.type === "change" && e.object.kind === "Deployment" && e.field.endsWith(".image"));
    expect(image).toMatchObject({ before: "registry.example.com/checkout-api:2.0.0", after: "registry.example.com/checkout-api:1.9.0", applied: true });
  }, 60_000);
});

/** Every key of every object a zod schema accepts, however deep (inside arrays, records, unions, defaults). */
function fieldsOf(schema: unknown, into = new Set<string>()): Set<string> {
  const def = (schema as { _zod: { def: Record<string, any> } })._zod.def;
  if (def.type === "object") for (const [key, value] of Object.entries(def.shape)) fieldsOf(value, into.add(key));
  for (const inner of [def.innerType, def.element, def.valueType, def.in, ...(def.options ?? [])]) if (inner) fieldsOf(inner, into);
  return into;
}

describe("docs/scenarios.md", () => {
  const doc = readFileSync("docs/scenarios.md", "utf8");

  it("describes every field a scenario file may have", () => {
    const fields = [...fieldsOf(scenarioSchema)];
    expect(fields).toContain("prometheusClockSkewSeconds"); // reached inside faults' default
    expect(fields).toContain("canaryName"); // and inside the routes' union
    const named = new Set([...doc.matchAll(/`([^`\n]+)`/g)].flatMap((m) => m[1]!.split(/[^\w-]+/))); // words in code spans: `{ min, max }` names both
    expect(fields.filter((f) => !named.has(f))).toEqual([]);
  });

  it("quotes the message a misspelt destination gets as the simulator words it", () => {
    const quoted = /\(`(routes\.0\.split\.stabel: [^`]+)`\)/.exec(doc.replace(/\n/g, " "))?.[1];
    const world = { ...builtinScenarios["cold-jvm"]!, name: "payments", services: [{ name: "payments", rps: 100 }] };
    const deployments = [{ name: "payments-stable", service: "payments", version: "stable", replicas: 1, history: ["registry.example.com/checkout-api:1.9.4"] }, { name: "payments", service: "payments", version: "release", replicas: 1, history: ["registry.example.com/checkout-api:2.0.0"] }];
    const routes = [{ kind: "istio", name: "payments", service: "payments", split: { stabel: 10, release: 90 } }];
    expect(() => resolveScenario({ ...world, deployments, routes } as ScenarioInput)).toThrow(`  - ${quoted}`);
  });
});
