import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ours = fileURLToPath(new URL("../../sdk/sim/crds/", import.meta.url));
// The project's shared folder sits beside the checkout on every machine here, CI included.
const upstream = fileURLToPath(new URL("../../../shared/crds/", import.meta.url));

describe.skipIf(!existsSync(upstream))("the simulator's CRDs", () => {
  it("are the official files, unchanged", () => {
    const files = readdirSync(upstream).filter((f) => f.endsWith(".yaml")).sort();
    expect(readdirSync(ours).filter((f) => f.endsWith(".yaml")).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(`${ours}${f}`, "utf8"), f).toBe(readFileSync(`${upstream}${f}`, "utf8"));
  });
});
