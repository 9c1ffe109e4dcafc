import type { KubeObject } from "../ports/kube.ts";
import { kubeTime } from "./kube-time.ts";

/**
 * The simulator's object store: what etcd is to a real API server. It assigns uid, resourceVersion,
 * generation and creationTimestamp like the API server does, rejects stale writes, and tells
 * listeners (the model's controllers) about every change.
 */

export interface StoreKey {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export class StoreConflict extends Error {
  override name = "StoreConflict";
}
export class StoreNotFound extends Error {
  override name = "StoreNotFound";
}
export class StoreAlreadyExists extends Error {
  override name = "StoreAlreadyExists";
}

export type StoreListener = (change: { type: "ADDED" | "MODIFIED" | "DELETED"; object: KubeObject }) => void;

const keyOf = (k: StoreKey) => `${k.apiVersion}|${k.kind}|${k.namespace ?? ""}|${k.name}`;

/** Parses a label selector of equality terms ("a=b,c!=d", "a in (x,y)", "a", "!a"). */
export function matchesLabelSelector(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  const l = labels ?? {};
  // split on commas that are not inside parentheses
  const terms = selector.match(/[^,(]+(\([^)]*\))?[^,]*/g) ?? [];
  return terms.every((raw) => {
    const term = raw.trim();
    if (!term) return true;
    let m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) {
      const values = m[3]!.split(",").map((v) => v.trim());
      const has = m[1]! in l && values.includes(l[m[1]!]!);
      return m[2] === "in" ? has : !has;
    }
    m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(term);
    if (m) return m[2] === "!=" ? l[m[1]!] !== m[3] : l[m[1]!] === m[3];
    if (term.startsWith("!")) return !(term.slice(1) in l);
    return term in l;
  });
}

export class ObjectStore {
  private objects = new Map<string, KubeObject>();
  private revision = 1000;
  private uidSeq = 0;
  private listeners = new Set<StoreListener>();

  /** `now` is the cluster's clock: virtual in the simulator. */
  constructor(readonly now: () => number = Date.now) {}

  /** The current resourceVersion (as the API server reports on lists). */
  get resourceVersion(): string {
    return String(this.revision);
  }

  onChange(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(key: StoreKey): KubeObject | undefined {
    const o = this.objects.get(keyOf(key));
    return o && structuredClone(o);
  }

  list(apiVersion: string, kind: string, namespace?: string, labelSelector?: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const o of this.objects.values()) {
      if (o.apiVersion !== apiVersion || o.kind !== kind) continue;
      if (namespace !== undefined && o.metadata.namespace !== namespace) continue;
      if (!matchesLabelSelector(o.metadata.labels, labelSelector)) continue;
      out.push(structuredClone(o));
    }
    return out.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }

  create(obj: KubeObject): KubeObject {
    const k = keyOf(this.key(obj));
    if (this.objects.has(k)) throw new StoreAlreadyExists(`${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name} already exists`);
    const stored = structuredClone(obj);
    stored.metadata.uid = `sim-${(++this.uidSeq).toString(16).padStart(8, "0")}`;
    stored.metadata.resourceVersion = String(++this.revision);
    stored.metadata.generation = 1;
    stored.metadata.creationTimestamp ??= kubeTime(this.now());
    this.objects.set(k, stored);
    this.emit("ADDED", stored);
    return structuredClone(stored);
  }

  /**
   * Replaces an object. With `expectedResourceVersion` set, a stale write throws StoreConflict,
   * as the API server answers 409. `generation` moves when `spec` changes, as it does for real.
   */
  update(obj: KubeObject, options: { expectedResourceVersion?: string; statusOnly?: boolean } = {}): KubeObject {
    const k = keyOf(this.key(obj));
    const current = this.objects.get(k);
    if (!current) throw new StoreNotFound(`${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name} not found`);
    if (options.expectedResourceVersion !== undefined && options.expectedResourceVersion !== current.metadata.resourceVersion) {
      throw new StoreConflict(
        `Operation cannot be fulfilled on ${obj.kind.toLowerCase()} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    const next = structuredClone(obj);
    if (options.statusOnly) {
      const keep = structuredClone(current);
      keep.status = next.status;
      return this.commit(k, keep, current);
    }
    next.metadata.uid = current.metadata.uid;
    next.metadata.creationTimestamp = current.metadata.creationTimestamp;
    next.metadata.generation = current.metadata.generation;
    if (JSON.stringify(next.spec) !== JSON.stringify(current.spec)) next.metadata.generation = (current.metadata.generation ?? 1) + 1;
    if (next.status === undefined && current.status !== undefined) next.status = current.status;
    return this.commit(k, next, current);
  }

  delete(key: StoreKey): KubeObject {
    const k = keyOf(key);
    const current = this.objects.get(k);
    if (!current) throw new StoreNotFound(`${key.kind} ${key.namespace}/${key.name} not found`);
    this.objects.delete(k);
    this.revision++;
    this.emit("DELETED", current);
    return structuredClone(current);
  }

  private commit(k: string, next: KubeObject, current: KubeObject): KubeObject {
    if (JSON.stringify(next) === JSON.stringify(current)) return structuredClone(current); // no-op writes keep the version
    next.metadata.resourceVersion = String(++this.revision);
    this.objects.set(k, next);
    this.emit("MODIFIED", next);
    return structuredClone(next);
  }

  private key(obj: KubeObject): StoreKey {
    return { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
  }

  private emit(type: "ADDED" | "MODIFIED" | "DELETED", object: KubeObject) {
    for (const l of this.listeners) l({ type, object: structuredClone(object) });
  }
}
