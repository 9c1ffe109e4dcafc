import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlan } from "../../sdk/loader/load-plan.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";

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
  it("the Helm example, rehearsed on the simulator, fails as the doc says, and notes no revision it does not have", async () => {
    const { plan } = await loadPlan(planFromDoc("docs/clusters.md", "## Helm"));
    const r = await rehearse(plan, { scenario: "cold-jvm" });
    expect(r.status).toBe("failed-safe");
    const firstSentence = r.error!.message.split(" (")[0]!;
    expect(firstSentence).toBe("Helm release prod/checkout-api has no release records");
    expect(readFileSync("docs/clusters.md", "utf8")).toContain(firstSentence);
    const notes = r.events.flatMap((e) => (e.type === "note" ? [e.text] : []));
    expect(notes.join("\n")).not.toContain("undefined");
  });
});
