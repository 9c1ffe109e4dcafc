import type { KubeObject } from "../../ports/kube.ts";

/**
 * Which Istio objects a proxy routes by. A VirtualService or DestinationRule is seen only by
 * proxies in the namespaces it is exported to (`spec.exportTo`; none listed is every namespace).
 * A proxy looks up a host's DestinationRule in its own namespace first, then in the host's
 * Service's namespace, then in the root namespace (istio-system), taking only rules exported to
 * it. A subset its rule does not define is no cluster to that proxy: Istio answers 503
 * (cluster_not_found) to every request routed there.
 */

/**
 * The Service a host names, as Istio resolves it: a short name ("checkout-api") is one of the
 * namespace of the object that says it, a longer one ("checkout-api.prod.svc.cluster.local") says
 * its namespace. A DestinationRule's host is read against the rule's own namespace.
 */
export const serviceOf = (host: string, namespace: string) => {
  const [name, ns] = host.split(".");
  return { name: name!, namespace: ns && ns !== "svc" ? ns : namespace };
};

/** Proxies that route by a VirtualService: their namespace, and who they are, for a message. */
export interface RouteClients {
  namespace: string;
  /** "the proxies of gateway istio-ingress/public-gw", "the sidecars in prod" */
  who: string;
}

/**
 * The proxies that follow a VirtualService: each gateway's, in its Gateway's namespace (where its
 * proxies usually run), and for "mesh" (the default) the sidecars of the VirtualService's own
 * namespace (sidecars elsewhere that it is exported to are not looked at).
 */
export function clientsOf(vs: KubeObject): RouteClients[] {
  const own = vs.metadata.namespace ?? "default";
  const gateways: string[] = vs.spec?.gateways?.length ? vs.spec.gateways : ["mesh"];
  const clients = gateways.map((g) => {
    if (g === "mesh") return { namespace: own, who: `the sidecars in ${own}` };
    const [ns, name] = g.includes("/") ? g.split("/") : [own, g];
    return { namespace: ns!, who: `the proxies of gateway ${ns}/${name}` };
  });
  return clients.filter((c, i) => clients.findIndex((o) => o.namespace === c.namespace) === i);
}

/** Whether proxies in `namespace` may use a VirtualService or DestinationRule (`spec.exportTo`). */
export function exportedTo(object: KubeObject, namespace: string): boolean {
  const to: string[] = object.spec?.exportTo ?? [];
  return !to.length || to.includes("*") || to.includes(namespace) || (to.includes(".") && object.metadata.namespace === namespace);
}

/** Why `client`'s proxies do not route by the VirtualService at all (it is not exported to them), or undefined. */
export function unseenRoute(vs: KubeObject, client: RouteClients): string | undefined {
  if (exportedTo(vs, client.namespace)) return undefined;
  return (
    `it is exported to ${exportList(vs)} only (spec.exportTo), and ${client.who}, in ${client.namespace}, do not see it: ` +
    `its weights change nothing they route. Add "${client.namespace}" to its spec.exportTo.`
  );
}

const exportList = (object: KubeObject) => (object.spec.exportTo as string[]).map((n) => (n === "." ? `"." (${object.metadata.namespace})` : `"${n}"`)).join(", ");

const subsetNames = (rule: KubeObject): string[] => (rule.spec?.subsets ?? []).map((s: { name: string }) => s.name);
const ruleName = (rule: KubeObject) => `DestinationRule ${rule.metadata.namespace}/${rule.metadata.name}`;
const listed = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0]!);

/** How a route's proxies resolve a subset of a host. */
export type SubsetLookup =
  /** the rule that defines it for them */
  | { rule: KubeObject }
  /** they cannot resolve it: why, with the fix */
  | { why: string }
  /** no rule read for the host is visible to them, and none read defines the subset */
  | { noRule: string[] };

/**
 * How `client`'s proxies resolve `subset` of a host: the first namespace of their lookup path
 * (their own, the Service's, the root) holding a rule for the host exported to them is the one
 * whose rules they use, defining the subset or not.
 * @param rules the DestinationRules read for the host (any namespace)
 * @param service the host's Service
 * @param rootNamespace the mesh's root namespace (meshConfig.rootNamespace)
 */
export function lookUpSubset(rules: KubeObject[], service: { name: string; namespace: string }, subset: string, client: RouteClients, rootNamespace: string): SubsetLookup {
  const fix = `so Istio answers 503 (cluster_not_found) to every request it would send to '${subset}'`;
  const path = [...new Set([client.namespace, service.namespace, rootNamespace])];
  for (const ns of path) {
    const visible = rules.filter((r) => r.metadata.namespace === ns && exportedTo(r, client.namespace));
    if (!visible.length) continue;
    const rule = visible.find((r) => subsetNames(r).includes(subset));
    if (rule) return { rule };
    const used = visible[0]!;
    const first = ns === client.namespace && ns !== service.namespace ? " (a rule in their own namespace comes first)" : "";
    return {
      why:
        `${client.who} use ${ruleName(used)} for ${service.namespace}/${service.name}${first}, and it defines no subset '${subset}' ` +
        `(its subsets: ${subsetNames(used).join(", ") || "none"}), ${fix}. Add '${subset}' to that rule, or give '${subset}' 0%.`,
    };
  }
  const defining = rules.find((r) => subsetNames(r).includes(subset));
  if (!defining) return { noRule: path };
  if (!path.includes(defining.metadata.namespace!)) {
    return {
      why:
        `'${subset}' is defined in ${ruleName(defining)}, but ${client.who} look for ${service.name}'s DestinationRule in ${listed(path)} only, ${fix}. ` +
        `Define the subset in a rule in ${service.namespace}, or give '${subset}' 0%.`,
    };
  }
  return {
    why:
      `'${subset}' is defined in ${ruleName(defining)}, which is exported to ${exportList(defining)} only (spec.exportTo): ` +
      `${client.who}, in ${client.namespace}, do not see it, ${fix}. Add "${client.namespace}" to its spec.exportTo, or give '${subset}' 0%.`,
  };
}
