import type { KubeObject, KubePort, ListOptions, ObjectRef } from "../ports/kube.ts";

const keyOf = (r: { apiVersion: string; kind: string; namespace?: string; name: string; context?: string }) =>
  `${r.context ?? ""}|${r.apiVersion}|${r.kind}|${r.namespace ?? ""}|${r.name}`;

/**
 * Preview's view of the cluster: real reads, with the writes the plan would have made laid over
 * them, so later steps of the same preview see earlier intended changes (a canary shows
 * 1 → 10 → 50 → 100, not four times 0 → N). Nothing is ever sent.
 */
export interface PreviewKube extends KubePort {
  /** Record the object as it would be after a write. */
  put(ref: ObjectRef, object: KubeObject): void;
  /** Record the object as deleted (by a step the preview does not run, e.g. a Helm rollback). */
  remove(ref: ObjectRef): void;
  /** The object as the cluster has it, without this preview's intended writes. */
  live(ref: ObjectRef): Promise<KubeObject | undefined>;
}

export function createPreviewKube(real: KubePort): PreviewKube {
  // null: deleted
  const overlay = new Map<string, KubeObject | null>();
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
    put(ref, object) {
      overlay.set(keyOf(ref), structuredClone(object));
    },
    remove(ref) {
      overlay.set(keyOf(ref), null);
    },
    live: (ref) => real.get(ref),
  };
}
