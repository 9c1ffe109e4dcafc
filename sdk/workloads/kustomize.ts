import { isAbsolute, join, relative, resolve } from "node:path";
import { FirebreakError } from "../errors.ts";
import { checkKnownKeys, checkNames } from "../plan/check-option.ts";
import { currentContext } from "../engine/context.ts";
import { applyObject } from "../engine/writes.ts";
import { refString, type KubeObject, type ObjectRef } from "../ports/kube.ts";
import { recordRouteEdits } from "../engine/route-edits.ts";
import { recordRollout, rollsOut } from "./rollouts.ts";
import { repoRoot, resolveCommit, withCheckout } from "./git.ts";
import { watchedHandle } from "../engine/watched.ts";

/** How long `kubectl kustomize` may take (it fetches nothing for local overlays; remote bases can be slow). */
export const KUSTOMIZE_TIMEOUT_MS = 2 * 60_000;
/** Largest rendered output read (a generous bound for one overlay's manifests). */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export interface KustomizeOverlayOptions {
  /** The overlay directory (holding kustomization.yaml), relative to `repo`. */
  path: string;
  /** Render the overlay as it was at this git ref (branch, tag, sha, HEAD~1). Default: the working tree as it is. */
  ref?: string;
  /** The git repository (or any directory inside it). Default: the current directory. */
  repo?: string;
  /** kubeconfig context, when the plan acts on several clusters. */
  context?: string;
  /** The kubectl binary (default: FIREBREAK_KUBECTL, else `kubectl` on PATH). */
  kubectl?: string;
}

export interface KustomizeApplyOptions {
  /** Take over fields another field manager owns (kubectl, Argo CD, Helm) instead of failing on the conflict. */
  force?: boolean;
}

export interface KustomizeApplyResult {
  /** The commit rendered, when a ref was given. */
  commit?: string;
  /** Each object applied, with the number of fields that changed. */
  objects: { object: string; changes: number }[];
}

/** A Kustomize overlay at a git ref: render it with real kubectl, apply it with server-side apply. */
export interface KustomizeOverlay {
  /** "Kustomize overlay deploy/overlays/prod at v1.9.4" */
  readonly label: string;
  /** The objects the overlay renders (`kubectl kustomize`), in kustomize's order. Works outside a plan. */
  render(): Promise<{ commit?: string; objects: KubeObject[] }>;
  /**
   * Server-side applies every rendered object (field manager `firebreak`), in order, each through
   * the engine's write path: preview shows each field that would change against the live object;
   * run applies, reads back, verifies and journals every change.
   */
  apply(options?: KustomizeApplyOptions): Promise<KustomizeApplyResult>;
}

/** kubectl is needed to render an overlay and is not installed. */
export class KubectlNotInstalledError extends FirebreakError {
  override name = "KubectlNotInstalledError";
  constructor(readonly binary: string) {
    super(
      "usage",
      `Rendering a Kustomize overlay needs kubectl (1.14+, kustomize built in), and '${binary}' was not found. ` +
        "Install it (https://kubernetes.io/docs/tasks/tools/; in GitHub Actions, `uses: azure/setup-kubectl@v4`), or set FIREBREAK_KUBECTL to its path.",
    );
  }
}

/** The overlay did not render: kustomize's own error. */
export class KustomizeError extends FirebreakError {
  override name = "KustomizeError";
  constructor(message: string) {
    super("invalid-plan", message);
  }
}

function kustomizeBuild(kubectl: string, dir: string, label: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    // loaded on first use, not at import: the action's cold start pays for every module it imports
    process.getBuiltinModule("node:child_process").execFile(kubectl, ["kustomize", dir], { timeout: KUSTOMIZE_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, ...(signal ? { signal } : {}) }, (err, stdout, stderr) => {
      if (!err) return resolvePromise(stdout);
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return reject(new KubectlNotInstalledError(kubectl));
      reject(new KustomizeError(`${label} did not render: ${stderr.trim() || err.message}`));
    });
  });
}

async function parseObjects(yaml: string, label: string): Promise<KubeObject[]> {
  // yaml loads with the first overlay rendered, not at import (the action's cold start)
  const { parseAllDocuments } = await import("yaml");
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(yaml)) {
    if (doc.errors.length) throw new KustomizeError(`${label} rendered YAML that does not parse: ${doc.errors[0]!.message}`);
    const obj = doc.toJS() as KubeObject | null;
    if (obj) out.push(obj);
  }
  return out;
}

/**
 * A Kustomize overlay handle.
 * @example
 * // put prod back to the manifests of the last good release tag
 * const prod = kustomize.overlay({ path: "deploy/overlays/prod", ref: "v1.9.4" });
 * await run.step("roll back manifests", () => prod.apply());
 */
function overlay(options: KustomizeOverlayOptions): KustomizeOverlay {
  checkNames("kustomize.overlay", options, ["path"], ["ref", "repo", "context", "kubectl"]);
  const repo = options.repo ?? ".";
  const label = `Kustomize overlay ${options.path}${options.ref ? ` at ${options.ref}` : ""}`;
  const kubectl = options.kubectl ?? process.env.FIREBREAK_KUBECTL ?? "kubectl";

  const render = async (signal?: AbortSignal) => {
    if (!options.ref) {
      const dir = isAbsolute(options.path) ? options.path : join(repo, options.path);
      return { objects: await parseObjects(await kustomizeBuild(kubectl, dir, label, signal), label) };
    }
    const { realpath } = process.getBuiltinModule("node:fs/promises");
    const root = await realpath(await repoRoot(repo, signal));
    const inRepo = relative(root, resolve(await realpath(repo), options.path));
    if (inRepo.startsWith("..")) throw new KustomizeError(`${label}: ${options.path} is outside the repository ${root}`);
    const commit = await resolveCommit(repo, options.ref, signal);
    const yaml = await withCheckout(repo, commit, (dir) => kustomizeBuild(kubectl, join(dir, inRepo), label, signal), signal);
    return { commit, objects: await parseObjects(yaml, label) };
  };

  return watchedHandle({
    label,
    render: () => render(),
    async apply(applyOptions = {}) {
      checkKnownKeys(`${label}.apply()`, applyOptions, ["force"]);
      const ctx = currentContext(`${label}.apply()`);
      const { commit, objects } = await render(ctx.signal);
      ctx.journal.emit({ type: "note", text: `${label}${commit ? ` (commit ${commit.slice(0, 12)})` : ""}: ${objects.length} objects to apply` });
      const action = `apply ${options.path}${options.ref ? ` at ${options.ref}` : ""}`;
      const applied: KustomizeApplyResult["objects"] = [];
      const changed: ObjectRef[] = [];
      // in order: kustomize puts namespaces and CRDs before what lives in them
      for (const object of objects) {
        const { ref, object: after, changes } = await applyObject(ctx, { object, action, ...(options.context ? { context: options.context } : {}), ...(applyOptions.force ? { force: true } : {}) });
        applied.push({ object: refString({ kind: ref.kind, namespace: ref.namespace, name: ref.name }), changes: changes.length });
        if (changes.length) changed.push(ref);
        if (rollsOut(ref, changes)) recordRollout(ctx, ref, after);
      }
      await recordRouteEdits(ctx, `apply of ${label}`, changed);
      return { ...(commit ? { commit } : {}), objects: applied };
    },
  }, label);
}

/**
 * Kustomize.
 * @example
 * const prod = kustomize.overlay({ path: "deploy/overlays/prod", ref: "v1.9.4" });
 * await prod.apply(); // server-side apply, every change journaled
 */
export const kustomize = { overlay };
