import type { KubeObject, KubePort, ListOptions, ObjectRef } from "../ports/kube.ts";

/**
 * A read a router is likely to make while it inspects its route, known before the route is read
 * (a DestinationRule named like the VirtualService, the Services of the namespace).
 */
export type ReadAhead = { get: ObjectRef } | { list: ListOptions };

const getKey = (r: ObjectRef) => JSON.stringify(["get", r.context ?? "", r.apiVersion, r.kind, r.namespace ?? "", r.name]);
const listKey = (o: ListOptions) => JSON.stringify(["list", o.context ?? "", o.apiVersion, o.kind, o.namespace ?? "", o.labelSelector ?? "", o.fieldSelector ?? ""]);

/**
 * Starts `reads` now, alongside the route's own read, and returns a port that answers each of
 * them once from the read under way: the inspection that follows is one round trip shallower
 * (30 ms against a distant cluster). Anything else, and a second ask, goes to `kube` as it is.
 * A read nobody asks for is dropped, its failure too; one that is asked for fails as it would have.
 *
 * @example
 * const kube = readAhead(ctx.kube, [{ list: { apiVersion: "v1", kind: "Service", namespace: "prod" } }]);
 * const [route, services] = [await kube.get(routeRef), await kube.list({ apiVersion: "v1", kind: "Service", namespace: "prod" })];
 */
export function readAhead(kube: KubePort, reads: ReadAhead[]): KubePort {
  if (reads.length === 0) return kube;
  const started = new Map<string, Promise<unknown>>();
  for (const read of reads) {
    const [key, promise] = "get" in read ? [getKey(read.get), kube.get(read.get)] : [listKey(read.list), kube.list(read.list)];
    promise.catch(() => {}); // reported to whoever asks for it; moot otherwise
    started.set(key, promise);
  }
  const take = <T>(key: string, otherwise: () => Promise<T>): Promise<T> => {
    const promise = started.get(key) as Promise<T> | undefined;
    if (!promise) return otherwise();
    started.delete(key);
    return promise;
  };
  return {
    ...kube,
    get: (ref: ObjectRef): Promise<KubeObject | undefined> => take(getKey(ref), () => kube.get(ref)),
    list: (options: ListOptions): Promise<KubeObject[]> => take(listKey(options), () => kube.list(options)),
  };
}
