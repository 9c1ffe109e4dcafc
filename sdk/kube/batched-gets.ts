import { ForbiddenError } from "../errors.ts";
import type { KubeObject, ListOptions, ObjectRef } from "../ports/kube.ts";

/**
 * From this many objects of one kind in one namespace of one cluster asked for at once, one list
 * reads them all instead of a get each: 100 services isolated in one step read their routes,
 * rules and pools in a few requests, not 400. Below it, the namespace's other objects of that
 * kind, which a list brings along, could cost the API server more than the gets saved.
 */
export const LIST_FROM = 8;

type Get = (ref: ObjectRef) => Promise<KubeObject | undefined>;

/**
 * `get`, with the gets asked for in one turn of the event loop answered together: by one list
 * where {@link LIST_FROM} or more distinct objects share a kind and namespace, else by a get each
 * (one per object, however often it was asked for). An object the list lacks is asked for by get
 * (a get is how a caller learns an object is gone); a list refused (a Role granting get but not
 * list) falls back to a get each. A list that fails otherwise fails each read of its group with
 * its error, as their gets would, without a second wait as long as the first (a timeout).
 * @example
 * const get = batchedGets((ref) => getOne(ref), (o) => listAll(o));
 * const [a, b] = await Promise.all([get(refA), get(refB)]);
 */
export function batchedGets(get: Get, list: (options: ListOptions) => Promise<KubeObject[]>): Get {
  let asked: Map<string, Map<string, { ref: ObjectRef; answers: ((read: Promise<KubeObject | undefined>) => void)[] }>> | undefined;
  const answer = (groups: NonNullable<typeof asked>) => {
    for (const group of groups.values()) {
      const objects = [...group.values()];
      const { apiVersion, kind, namespace, context } = objects[0]!.ref;
      const listed =
        objects.length < LIST_FROM
          ? undefined
          : list({ apiVersion, kind, ...(namespace ? { namespace } : {}), ...(context ? { context } : {}) }).then(
              (items) => new Map(items.map((o) => [o.metadata.name, o])),
              (err: unknown) => {
                if (err instanceof ForbiddenError) return undefined;
                throw err;
              },
            );
      for (const { ref, answers } of objects) {
        const read = listed ? listed.then((byName) => byName?.get(ref.name) ?? get(ref)) : get(ref);
        // each asker gets its own copy, as from a get of its own
        for (const a of answers) a(answers.length === 1 ? read : read.then((o) => o && structuredClone(o)));
      }
    }
  };
  return (ref) =>
    new Promise((resolve) => {
      if (!asked) {
        const groups = (asked = new Map());
        setImmediate(() => {
          asked = undefined;
          answer(groups);
        });
      }
      const groupKey = [ref.context, ref.apiVersion, ref.kind, ref.namespace].join("\0");
      const group = asked.get(groupKey) ?? asked.set(groupKey, new Map()).get(groupKey)!;
      const entry = group.get(ref.name) ?? group.set(ref.name, { ref, answers: [] }).get(ref.name)!;
      entry.answers.push(resolve);
    });
}
