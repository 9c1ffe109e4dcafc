import { ForbiddenError } from "../errors.ts";
import { refString, type KubeObject, type KubePort, type ObjectRef } from "../ports/kube.ts";

/**
 * From this many objects of one kind in one namespace of one cluster, one list reads them all
 * instead of a get each: 100 services isolated in one step are read again at the end of the run
 * in one request, not 100. Below it, the namespace's other objects of that kind, which a list
 * brings along, could cost the API server more than the gets saved.
 */
export const LIST_FROM = 8;

/**
 * Reads each object once, keyed by its refString, all at once: by one list where
 * {@link LIST_FROM} or more share a kind and namespace, else by a get each. An object the list
 * lacks is asked for by get (a preview lays objects the cluster lacks over it, and a get is how
 * every caller learns an object is gone); a list refused (a Role granting get but not list) falls
 * back to a get each. A list that fails otherwise fails each read of its group with its error,
 * as their gets would, without a second wait as long as the first (a timeout).
 * @example
 * const reads = readObjects(kube, shifts.map((s) => s.ref));
 * const route = await reads.get(refString(shift.ref));
 */
export function readObjects(kube: KubePort, refs: ObjectRef[]): Map<string, Promise<KubeObject | undefined>> {
  const unique = new Map(refs.map((ref) => [refString(ref), ref]));
  const groups = new Map<string, ObjectRef[]>();
  for (const ref of unique.values()) {
    const key = [ref.context, ref.apiVersion, ref.kind, ref.namespace].join("\0");
    const group = groups.get(key);
    if (group) group.push(ref);
    else groups.set(key, [ref]);
  }
  const reads = new Map<string, Promise<KubeObject | undefined>>();
  for (const group of groups.values()) {
    const [{ apiVersion, kind, namespace, context }] = group as [ObjectRef];
    const listed = group.length < LIST_FROM ? undefined : kube.list({ apiVersion, kind, ...(namespace ? { namespace } : {}), ...(context ? { context } : {}) }).then(
      (items) => new Map(items.map((o) => [o.metadata.name, o])),
      (err: unknown) => {
        if (err instanceof ForbiddenError) return undefined;
        throw err; // as each get would most likely fail, and after as long
      },
    );
    for (const ref of group) reads.set(refString(ref), listed ? listed.then((byName) => byName?.get(ref.name) ?? kube.get(ref)) : kube.get(ref));
  }
  return reads;
}
