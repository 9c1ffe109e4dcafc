import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script without types
import { deriveBuiltInSchemas, renderBuiltInSchemas, SCHEMAS } from "../../scripts/builtin-schemas.mjs";

describe("the built-in kinds' schemas", () => {
  it("are client-node's models (run `node scripts/builtin-schemas.mjs` when this fails)", async () => {
    expect(readFileSync(SCHEMAS, "utf8")).toBe(renderBuiltInSchemas(await deriveBuiltInSchemas()));
  });
});
