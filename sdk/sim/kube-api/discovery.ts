import { RESOURCE_VERBS, type ResourceTable, type ResourceType, groupVersion } from "./resources.ts";
import { pathNotFound } from "./status.ts";

/**
 * Discovery, as kube-apiserver 1.32 serves it: /version, the legacy documents (/api, /apis,
 * /apis/{group}, /api/v1, /apis/{group}/{version}) and aggregated discovery (apidiscovery.k8s.io/v2,
 * what kubectl asks for first). A group with no CRD installed is simply absent, and its paths 404.
 */

/** What the simulator reports itself as: the Kubernetes minor our clients are tested against. */
export const SERVER_VERSION = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0-firebreak-sim",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2026-11-01T00:00:00Z",
  goVersion: "go1.23.0",
  compiler: "gc",
  platform: "linux/amd64",
};

const SUBRESOURCE_VERBS = ["get", "patch", "update"];
const AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

/** A discovery document and its media type (aggregated discovery has its own). */
export interface DiscoveryAnswer {
  body: unknown;
  contentType?: string;
}

interface Subresource {
  name: string;
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

function subresources(t: ResourceType): Subresource[] {
  const out: Subresource[] = [];
  if (t.subresources.status) out.push({ name: "status", kind: t.kind, verbs: SUBRESOURCE_VERBS });
  if (t.subresources.scale) out.push({ name: "scale", kind: "Scale", group: "autoscaling", version: "v1", verbs: SUBRESOURCE_VERBS });
  // only GET is proxied here
  if (t.subresources.proxy) out.push({ name: "proxy", kind: `${t.kind}ProxyOptions`, verbs: ["get"] });
  return out;
}

function resourceList(table: ResourceTable, group: string, version: string) {
  const resources = table.at(group, version).flatMap((t) => [
    {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: RESOURCE_VERBS,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length ? { categories: t.categories } : {}),
    },
    ...subresources(t).map((s) => ({
      name: `${t.plural}/${s.name}`,
      singularName: "",
      namespaced: t.namespaced,
      ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
      kind: s.kind,
      verbs: s.verbs,
    })),
  ]);
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: groupVersion(group, version), resources };
}

function apiGroup(name: string, versions: string[]) {
  const gvs = versions.map((version) => ({ groupVersion: groupVersion(name, version), version }));
  return { name, versions: gvs, preferredVersion: gvs[0]! };
}

function aggregated(table: ResourceTable, core: boolean) {
  const items = table
    .groups()
    .filter((g) => (g.name === "") === core)
    .map((g) => ({
      metadata: { name: g.name },
      versions: g.versions.map((version) => ({
        version,
        resources: table.at(g.name, version).map((t) => ({
          resource: t.plural,
          responseKind: { group: t.group, version, kind: t.kind },
          scope: t.namespaced ? "Namespaced" : "Cluster",
          singularResource: t.singular,
          verbs: RESOURCE_VERBS,
          ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
          ...(t.categories.length ? { categories: t.categories } : {}),
          subresources: subresources(t).map((s) => ({
            subresource: s.name,
            responseKind: { group: s.group ?? t.group, version: s.version ?? version, kind: s.kind },
            verbs: s.verbs,
          })),
        })),
        freshness: "Current",
      })),
    }));
  return { kind: "APIGroupDiscoveryList", apiVersion: "apidiscovery.k8s.io/v2", metadata: {}, items };
}

/** True when the client asked for aggregated discovery v2 (it lists it before plain JSON). */
const wantsAggregated = (accept: string) => accept.includes("as=APIGroupDiscoveryList") && accept.includes("v=v2;") && accept.includes("g=apidiscovery.k8s.io");

/**
 * The discovery document at `segments` (the URL path split on "/"), or undefined when the path is
 * not a discovery path. Throws the 404 of a group or version that is not served.
 */
export function discovery(table: ResourceTable, segments: string[], accept: string, serverAddress: string): DiscoveryAnswer | undefined {
  const [root, a, b, ...rest] = segments;
  if (root === "version" && a === undefined) return { body: SERVER_VERSION };
  if (root === "api") {
    if (a === undefined) {
      if (wantsAggregated(accept)) return { body: aggregated(table, true), contentType: AGGREGATED_V2 };
      return { body: { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }] } };
    }
    if (a === "v1" && b === undefined) return { body: resourceList(table, "", "v1") };
    return undefined;
  }
  if (root === "apis") {
    const groups = table.groups().filter((g) => g.name !== "");
    if (a === undefined) {
      if (wantsAggregated(accept)) return { body: aggregated(table, false), contentType: AGGREGATED_V2 };
      return { body: { kind: "APIGroupList", apiVersion: "v1", groups: groups.map((g) => apiGroup(g.name, g.versions)) } };
    }
    if (rest.length) return undefined;
    const group = groups.find((g) => g.name === a);
    if (!group || (b !== undefined && !group.versions.includes(b))) throw pathNotFound();
    if (b === undefined) return { body: { kind: "APIGroup", apiVersion: "v1", ...apiGroup(group.name, group.versions) } };
    return { body: resourceList(table, a, b) };
  }
  return undefined;
}
