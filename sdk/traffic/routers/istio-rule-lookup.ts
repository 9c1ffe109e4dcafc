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

/**
 * Why `client`'s proxies cannot route to `subset` of a host, or undefined when they can, or when
 * no rule read defines it (the root namespace's may: it is not read).
 * @param rules the DestinationRules read for the host (any namespace)
 * @param service the host's Service
 */
export function unseenSubset(rules: KubeObject[], service: { name: string; namespace: string }, subset: string, client: RouteClients): string | undefined {
  const fix = `so Istio answers 503 (cluster_not_found) to every request it would send to '${subset}'`;
  const inClient = rules.filter((r) => r.metadata.namespace === client.namespace && exportedTo(r, client.namespace));
  if (inClient.length) {
    if (inClient.some((r) => subsetNames(r).includes(subset))) return undefined;
    const shadow = inClient[0]!;
    return (
      `${client.who} use ${ruleName(shadow)} for ${service.namespace}/${service.name} (a rule in their own namespace comes first), and it defines no subset '${subset}' ` +
      `(its subsets: ${subsetNames(shadow).join(", ") || "none"}), ${fix}. Add '${subset}' to that rule, or give '${subset}' 0%.`
    );
  }
  const inService = rules.filter((r) => r.metadata.namespace === service.namespace);
  if (inService.some((r) => exportedTo(r, client.namespace) && subsetNames(r).includes(subset))) return undefined;
  const defining = rules.find((r) => subsetNames(r).includes(subset));
  if (!defining) return undefined;
  if (defining.metadata.namespace !== service.namespace) {
    return (
      `'${subset}' is defined in ${ruleName(defining)}, but ${client.who} look for ${service.name}'s DestinationRule in ${[...new Set([client.namespace, service.namespace])].join(" and ")} only, ${fix}. ` +
      `Define the subset in a rule in ${service.namespace}, or give '${subset}' 0%.`
    );
  }
  return (
    `'${subset}' is defined in ${ruleName(defining)}, which is exported to ${exportList(defining)} only (spec.exportTo): ` +
    `${client.who}, in ${client.namespace}, do not see it, ${fix}. Add "${client.namespace}" to its spec.exportTo, or give '${subset}' 0%.`
  );
}
