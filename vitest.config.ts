import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "firebreak/testing": fileURLToPath(new URL("./sdk/testing.ts", import.meta.url)),
      firebreak: fileURLToPath(new URL("./sdk/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // two cores here: keep the real-server suites from starving each other
    maxWorkers: 2,
  },
});
