import { createHash } from "node:crypto";
import type { KubeObject } from "../../ports/kube.ts";
import { defaultPodTemplate } from "./pod-defaults.ts";

/**
 * Object metadata conventions the model shares with real Kubernetes controllers: annotation and
 * label names, owner references, generated names and deterministic hashing.
 */

/** The Deployment controller's revision counter, on Deployments and their ReplicaSets. */
export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
/** Earlier revisions a reused ReplicaSet held, comma-separated (what `kubectl rollout undo` leaves). */
export const REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
/** spec.replicas, and spec.replicas + maxSurge, of the Deployment when it last scaled the ReplicaSet (the base of a proportional scale). */
export const DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
/** Label that ties a ReplicaSet and its pods to one pod template. */
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

/** The one node every simulated pod runs on. */
export const NODE_NAME = "sim-node-1";

/** `namespace/name`, the key of the model's internal maps. */
export const keyOf = (namespace: string | undefined, name: string): string => `${namespace ?? ""}/${name}`;

/** JSON with object keys sorted, so equal objects serialise equally whatever order a client wrote them in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

// Kubernetes' rand.SafeEncodeString alphabet: no vowels (no accidental words) and no look-alikes (0/o, 1/l).
const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** A deterministic name suffix of `length` characters from the alphabet Kubernetes uses for generated names. */
export function safeSuffix(seed: string, length: number): string {
  const digest = createHash("sha256").update(seed).digest();
  let out = "";
  for (let i = 0; i < length; i++) out += SAFE_ALPHABET[digest[i]! % SAFE_ALPHABET.length];
  return out;
}

/** A deterministic number in [0, 1) derived from `seed`: the model's stand-in for randomness. */
export function hashFraction(seed: string): number {
  return createHash("sha256").update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

/** Hex sha256 of `seed`, for image and container IDs. */
export const sha256Hex = (seed: string): string => createHash("sha256").update(seed).digest("hex");

/** A pod template, defaulted and without the pod-template-hash label: what templates are compared and hashed by. */
export function templateWithoutHash(template: unknown): unknown {
  const t = defaultPodTemplate(structuredClone(template ?? {}) as { metadata?: { labels?: Record<string, string> } });
  if (t.metadata?.labels) delete t.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  return t;
}

/** The pod-template-hash of a template: 10 characters, stable across key order and the hash label itself. */
export const podTemplateHash = (template: unknown): string => safeSuffix(canonicalJson(templateWithoutHash(template)), 10);

/** An owner reference with the garbage collector's blocking flag, which KubeObject's type leaves out. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
}

/** An owner reference as a controller sets it on what it creates. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** The uid of an object's controlling owner, if any. */
export const controllerUid = (obj: KubeObject): string | undefined => obj.metadata.ownerReferences?.find((r) => r.controller)?.uid;

/** The revision annotation as a number (0 when absent or malformed). */
export function revisionOf(obj: KubeObject): number {
  const n = Number(obj.metadata.annotations?.[REVISION_ANNOTATION]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}
