import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { load as parseYaml, YAMLException } from "js-yaml";
import { KubeconfigError } from "./source.ts";

/**
 * Reading kubeconfig files: parsing one, and merging the files KUBECONFIG names the way kubectl
 * (client-go's loading rules) merges them. Both ports load the merged document, so a plan acts on
 * the cluster `kubectl` shows for the same KUBECONFIG.
 */

/**
 * YAML (or JSON) to a value with js-yaml, the parser client-node reads kubeconfigs with (so both
 * ports read one alike; it also loads and parses in a third of the time of \`yaml\`, which counts on
 * the action's cold start). A syntax error says where, never what: its snippet would quote the
 * line, token and all.
 */
export function parseKubeconfigYaml(text: string): unknown {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    throw new Error(`not valid YAML: ${err.reason} at line ${err.mark.line + 1}, column ${err.mark.column + 1}`);
  }
  if (doc !== null && doc !== undefined && (typeof doc !== "object" || Array.isArray(doc))) throw new Error(notAMapping(text));
  return doc;
}

/**
 * What text YAML reads as one value rather than a mapping looks like instead, as its fix: the two
 * usual mistakes are a kubeconfig stored base64-encoded (as KUBE_CONFIG_DATA secrets often are)
 * and a path given where the content goes. Never the text itself: it may be a secret.
 */
function notAMapping(text: string): string {
  const t = text.trim();
  if (/^[A-Za-z0-9+/=\s]{16,}$/.test(t) && /\b(apiVersion|clusters)\b/.test(Buffer.from(t, "base64").toString("utf8"))) {
    return "it is a kubeconfig encoded in base64: decode it first (base64 -d) and give the YAML itself";
  }
  if (/^(~|\.{1,2})?\/[^\s:]*$/.test(t)) return "it is a file path, not a kubeconfig: give the file's content (the YAML itself)";
  return "it is not a kubeconfig: give the YAML of one, a mapping with clusters, users, contexts and current-context";
}

type Entry = { name?: string } & Record<string, unknown>;
export type RawKubeconfig = { clusters?: Entry[]; users?: Entry[]; contexts?: Entry[]; "current-context"?: string } & Record<string, unknown>;

const LISTS = ["clusters", "users", "contexts"] as const;

/** The file paths of a kubeconfig's clusters and users made absolute against `base`, as client-go resolves each file's own before merging. */
function withAbsolutePaths(doc: RawKubeconfig, base: string): RawKubeconfig {
  const absolute = (p: unknown) => (typeof p === "string" && p !== "" && !isAbsolute(p) ? resolve(base, p) : p);
  const inEntry = (e: Entry, key: string, fields: string[]): Entry => {
    const body = e[key];
    if (!body || typeof body !== "object") return e;
    const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    for (const f of fields) if (f in out) out[f] = absolute(out[f]);
    const exec = out.exec as { command?: unknown } | undefined;
    // a command with a slash is a path; a bare name is looked up on PATH
    if (exec && typeof exec.command === "string" && exec.command.includes("/")) out.exec = { ...exec, command: absolute(exec.command) };
    return { ...e, [key]: out };
  };
  return {
    ...doc,
    clusters: (doc.clusters ?? []).map((e) => inEntry(e, "cluster", ["certificate-authority"])),
    users: (doc.users ?? []).map((e) => inEntry(e, "user", ["client-certificate", "client-key", "tokenFile"])),
  };
}

/**
 * One kubeconfig file, parsed, with its relative paths made absolute against its own directory.
 * @example
 * readKubeconfigFile("/home/me/.kube/config").users; // [{ name: "ci", user: { tokenFile: "/home/me/.kube/token" } }]
 */
export function readKubeconfigFile(path: string): RawKubeconfig {
  const doc = (parseKubeconfigYaml(readFileSync(path, "utf8")) ?? {}) as RawKubeconfig;
  return withAbsolutePaths(doc, dirname(resolve(path)));
}

/**
 * The files of a KUBECONFIG list merged into one kubeconfig (paths absolute), by
 * client-go's rules: a file that does not exist is skipped; for each cluster, user and context
 * name the first file that has it wins; the current context is the first file's that sets one.
 * Throws KubeconfigError when none of the files exists.
 * @example
 * const text = mergeKubeconfigFiles(["/home/me/.kube/prod", "/home/me/.kube/dr"]);
 */
export function mergeKubeconfigFiles(paths: string[]): RawKubeconfig {
  const docs: RawKubeconfig[] = [];
  for (const path of new Set(paths.filter(Boolean))) {
    if (!existsSync(path)) continue;
    try {
      docs.push(readKubeconfigFile(path));
    } catch (err) {
      throw new KubeconfigError(`Could not load the kubeconfig ${path} (named in KUBECONFIG): ${(err as Error).message}`, { cause: err });
    }
  }
  if (!docs.length) throw new KubeconfigError(`None of the files KUBECONFIG names exists (${paths.join(", ")}): fix KUBECONFIG, or pass --kubeconfig.`);
  const merged: RawKubeconfig = { apiVersion: "v1", kind: "Config", clusters: [], users: [], contexts: [] };
  for (const list of LISTS) {
    const seen = new Set<string>();
    for (const doc of docs) {
      for (const entry of doc[list] ?? []) {
        if (seen.has(entry.name ?? "")) continue;
        seen.add(entry.name ?? "");
        merged[list]!.push(entry);
      }
    }
  }
  const current = docs.map((d) => d["current-context"]).find((c) => typeof c === "string" && c !== "");
  if (current) merged["current-context"] = current;
  return merged;
}
