import { ForbiddenError, InvalidPlanError, MissingCrdError } from "../../errors.ts";
import type { KubeObject, KubePort, ListOptions, ObjectRef } from "../../ports/kube.ts";

/**
 * Linkerd's ServiceProfiles, which its proxies route by instead of an HTTPRoute attached to the
 * same Service ("as long as the ServiceProfile exists", Linkerd's HTTPRoute reference). A client's
 * proxy asks for the profile of `<service>.<namespace>.svc.<cluster domain>`, and Linkerd's
 * destination controller looks for it in the client's own namespace first, then in the Service's
 * (linkerd2 controller/api/destination/get_profile.go): one in the Service's namespace holds for
 * every client, one in another namespace for the clients there.
 */

/** A Service a mesh (GAMMA) route is attached to. */
export interface ParentService {
  name: string;
  namespace: string;
}

/** A ServiceProfile some clients of a parent Service route by. */
export interface FoundProfile {
  profile: KubeObject;
  parent: ParentService;
}

/** What the lookup found, and what it could not look at (a read refused), worded for the journal. */
export interface ProfileCheck {
  found: FoundProfile[];
  unchecked?: string;
}

const API_VERSION = "linkerd.io/v1alpha2";
const KIND = "ServiceProfile";
/** Linkerd names profiles for its clusterDomain setting; this default is the one nearly every cluster keeps. */
const CLUSTER_DOMAIN = "cluster.local";

const fqdnOf = (p: ParentService) => `${p.name}.${p.namespace}.svc.${CLUSTER_DOMAIN}`;
const nameOf = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;
const listed = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : items[0]!);

/**
 * The namespaces whose ServiceProfiles reroute clients that follow the route: a route in its
 * parent's namespace (a producer route) is followed by clients in every namespace; one in another
 * namespace (a consumer route) only by the clients of its own, which look there and in the parent's.
 */
function profileNamespaces(parent: ParentService, routeNamespace: string): string[] | "all" {
  return parent.namespace === routeNamespace ? "all" : [routeNamespace, parent.namespace];
}

/** Whether `profile` reroutes clients of `parent` that follow a route in `routeNamespace`. */
function reroutes(profile: KubeObject, parent: ParentService, routeNamespace: string): boolean {
  if (profile.metadata.name !== fqdnOf(parent)) return false;
  const namespaces = profileNamespaces(parent, routeNamespace);
  return namespaces === "all" || namespaces.includes(profile.metadata.namespace!);
}

/**
 * The ServiceProfiles for `parent` in every namespace: one list, which the server filters by name
 * (a cluster of a thousand profiles sends only these).
 * @example
 * profileList({ name: "checkout", namespace: "prod" }).fieldSelector; // "metadata.name=checkout.prod.svc.cluster.local"
 */
export const profileList = (parent: ParentService, context?: string): ListOptions => ({
  apiVersion: API_VERSION,
  kind: KIND,
  fieldSelector: `metadata.name=${fqdnOf(parent)}`,
  ...(context ? { context } : {}),
});

const profileRef = (parent: ParentService, namespace: string, context?: string): ObjectRef => ({
  apiVersion: API_VERSION,
  kind: KIND,
  namespace,
  name: fqdnOf(parent),
  ...(context ? { context } : {}),
});

/** A read's answer, or "refused" when the service account may not make it. A cluster without the CRD has no profile: `none`. */
async function attempt<T>(read: Promise<T>, none: T): Promise<T | "refused"> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof ForbiddenError) return "refused";
    if (err instanceof MissingCrdError) return none;
    throw err;
  }
}

/**
 * The ServiceProfiles that reroute clients of `parents` (the route's parent Services), from a list
 * across namespaces for each. Refused those lists, it reads the ones it can name by get (in the
 * parents' namespaces, and a consumer route's own), and says in `unchecked` what it could not look
 * at: the shift is not held up by a check it cannot make.
 * @example
 * const check = await readProfiles(kube, [{ name: "checkout", namespace: "prod" }], "prod", "HTTPRoute prod/checkout");
 * if (check.found.length) throw profileRefusal("HTTPRoute prod/checkout", check.found);
 */
export async function readProfiles(kube: KubePort, parents: ParentService[], routeNamespace: string, object: string, context?: string): Promise<ProfileCheck> {
  const lists = await Promise.all(parents.map((parent) => attempt(kube.list(profileList(parent, context)), [])));
  if (lists.includes("refused")) return readNamed(kube, parents, routeNamespace, object, context);
  const found = parents.flatMap((parent, i) => (lists[i] as KubeObject[]).filter((p) => reroutes(p, parent, routeNamespace)).map((profile) => ({ profile, parent })));
  return { found: serverSideFirst(found) };
}

/** The profiles in their Service's namespace, which every client routes by, ahead of clients' own. */
const serverSideFirst = (found: FoundProfile[]) => [...found].sort((a, b) => Number(b.profile.metadata.namespace === b.parent.namespace) - Number(a.profile.metadata.namespace === a.parent.namespace));

/** The fallback of readProfiles: a get of each profile it can name, and what it could not read. */
async function readNamed(kube: KubePort, parents: ParentService[], routeNamespace: string, object: string, context?: string): Promise<ProfileCheck> {
  const wanted = parents.flatMap((parent) => [...new Set([parent.namespace, routeNamespace])].map((namespace) => ({ parent, namespace })));
  const reads = await Promise.all(wanted.map(async (w) => ({ ...w, profile: await attempt(kube.get(profileRef(w.parent, w.namespace, context)), undefined) })));
  const found = reads.flatMap((r) => (r.profile && r.profile !== "refused" ? [{ profile: r.profile, parent: r.parent }] : []));
  if (found.length) return { found };
  const refused = [...new Set(reads.filter((r) => r.profile === "refused").map((r) => r.namespace))];
  const read = [...new Set(reads.filter((r) => r.profile !== "refused").map((r) => r.namespace))];
  // a consumer route's clients look only where the gets looked: read there, nothing is left unchecked for them
  const open = parents.filter((p) => profileNamespaces(p, routeNamespace) === "all" || [p.namespace, routeNamespace].some((ns) => refused.includes(ns)));
  return open.length ? { found, unchecked: uncheckedNote(object, open, read, refused) } : { found };
}

/**
 * What a responder must know when ServiceProfiles could not all be read: which clients may ignore
 * the shift, that its gates may judge traffic it did not move, and how to grant the read or look by hand.
 */
function uncheckedNote(object: string, parents: ParentService[], read: string[], refused: string[]): string {
  const services = listed(parents.map((p) => `${p.namespace}/${p.name}`));
  const where = read.length ? `looked for in ${listed(read)} only` : "not looked for";
  const denied = `the service account may not list serviceprofiles.linkerd.io across namespaces${refused.length ? `, nor get them in ${listed(refused)}` : ""}`;
  const serverSide = parents.some((p) => refused.includes(p.namespace));
  const who = serverSide ? "every client's requests stay where it sends them" : "in a namespace holding one of its own, the clients' requests stay where it sends them";
  const byHand = parents.map((p) => `kubectl get serviceprofiles -A --field-selector metadata.name=${fqdnOf(p)}`).join("; ");
  return (
    `${object}: ServiceProfiles for Service ${services} were ${where}: ${denied}. ` +
    `Where one exists, Linkerd's proxies route by it, not by this HTTPRoute: ${who} whatever the shift writes, though it verifies, and the gates after it judge traffic it did not move. ` +
    `The shift goes ahead without that check; grant list on serviceprofiles.linkerd.io across namespaces (see \`firebreak rbac <plan.ts>\`), or look by hand: ${byHand}.`
  );
}

/** What a found profile does to the route: whose requests it keeps. */
function effect({ profile, parent }: FoundProfile): string {
  const service = `${parent.namespace}/${parent.name}`;
  if (profile.metadata.namespace === parent.namespace) {
    return `is defined for its parent Service ${service}, and Linkerd's proxies then route by the ServiceProfile, ignoring this HTTPRoute: a shift here would verify while nobody moves`;
  }
  const ns = profile.metadata.namespace!;
  return (
    `is defined for its parent Service ${service} in ${ns}, a namespace of its clients, and Linkerd's proxies there route by the ServiceProfile, ` +
    `ignoring this HTTPRoute: a shift here would verify while the clients in ${ns} do not move`
  );
}

/**
 * The refusal of a shift that profiles in `found` would leave unmoved, naming each, whose clients
 * it keeps, and the fix.
 * @example
 * throw profileRefusal("HTTPRoute prod/checkout", check.found);
 */
export function profileRefusal(object: string, found: FoundProfile[]): InvalidPlanError {
  const what = found.map((f) => `ServiceProfile ${nameOf(f.profile)} ${effect(f)}`).join("; ");
  const deletes = found.map((f) => `kubectl delete serviceprofile -n ${f.profile.metadata.namespace} ${f.profile.metadata.name}`).join("; ");
  return new InvalidPlanError(
    `${object}: ${what}. Delete ${found.length > 1 ? "them" : "the ServiceProfile"} (${deletes}), ` + "or shift with a TrafficSplit (smi.trafficSplit) or the ServiceProfile's dstOverrides.",
  );
}
