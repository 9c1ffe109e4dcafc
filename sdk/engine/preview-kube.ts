import type { KubeObject, KubePort, ListOptions, ObjectRef } from "../ports/kube.ts";

const keyOf = (r: { apiVersion: string; kind: string; namespace?: string; name: string; context?: string }) =>
  `${r.context ?? ""}|${r.apiVersion}|${r.kind}|${r.namespace ?? ""}|${r.name}`;

/**
 * Preview's view of the cluster: real reads, with the writes the plan would have made laid over
 * them, so later steps of the same preview see earlier intended changes (a canary shows
 * 1 → 10 → 50 → 100, not four times 0 → N). Nothing is ever sent.
 */
export interface PreviewKube extends KubePort {
  /** Record the object as it would be after a write: a patch, or with `applied` a server-side apply. */
  put(ref: ObjectRef, object: KubeObject, how?: { applied: boolean }): void;
  /** Record the object as deleted (by a step the preview does not run, e.g. a Helm rollback). */
  remove(ref: ObjectRef): void;
  /** The object as the cluster has it, without this preview's intended writes. */
  live(ref: ObjectRef): Promise<KubeObject | undefined>;
  /**
   * The object as this preview's last server-side apply of it left it, else as the cluster has it:
   * what changed since, the plan patched (field manager "firebreak", an Update).
   */
  beforePatches(ref: ObjectRef): Promise<KubeObject | undefined>;
}

export function createPreviewKube(real: KubePort): PreviewKube {
  // null: deleted
  const overlay = new Map<string, KubeObject | null>();
  const applied = new Map<string, KubeObject>();
  return {
    async get(ref) {
      const o = overlay.get(keyOf(ref));
      return o ? structuredClone(o) : o === null ? undefined : real.get(ref);
    },
    async list(options: ListOptions) {
      const items = await real.list(options);
      return items.flatMap((o) => {
        const laid = overlay.get(keyOf({ ...o.metadata, apiVersion: o.apiVersion, kind: o.kind, context: options.context }));
        return laid === null ? [] : [laid ?? o];
      });
    },
    async patch() {
      throw new Error("preview never writes: this is a bug in Firebreak (a write bypassed the preview path)");
    },
    proxyGet: (pod, path) => real.proxyGet(pod, path),
    // a dry-run apply persists nothing: it is how preview learns what an apply would change
    async apply(obj, options = {}) {
      if (!options.dryRun) throw new Error("preview never writes: this is a bug in Firebreak (an apply bypassed the preview path)");
      if (!real.apply) throw new Error("this Kubernetes port cannot server-side apply");
      return real.apply(obj, options);
    },
    ...(real.connection ? { connection: (context?: string) => real.connection!(context) } : {}),
    ...(real.unsentWrite ? { unsentWrite: (ref: ObjectRef, verb: "patch" | "create") => real.unsentWrite!(ref, verb) } : {}),
    put(ref, object, how) {
      overlay.set(keyOf(ref), structuredClone(object));
      if (how?.applied) applied.set(keyOf(ref), structuredClone(object));
    },
    remove(ref) {
      overlay.set(keyOf(ref), null);
      applied.delete(keyOf(ref));
    },
    live: (ref) => real.get(ref),
    async beforePatches(ref) {
      const a = applied.get(keyOf(ref));
      return a ? structuredClone(a) : real.get(ref);
    },
  };
}
