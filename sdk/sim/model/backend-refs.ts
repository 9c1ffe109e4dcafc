import type { KubeObject } from "../../ports/kube.ts";
import type { ObjectStore } from "../store.ts";

/** How a gateway resolves an HTTPRoute's backendRefs (Gateway API: ReferenceGrant for another namespace, Services only). */

const REFERENCE_GRANT_VERSIONS = ["gateway.networking.k8s.io/v1beta1", "gateway.networking.k8s.io/v1"];

export interface BackendRef {
  name?: string;
  namespace?: string;
  group?: string;
  kind?: string;
}

/** How a backendRef of a route resolves: its Service, or why it does not (a ResolvedRefs reason). */
export type Resolution = { service: KubeObject } | { reason: "InvalidKind" | "RefNotPermitted" | "BackendNotFound"; message: string };

/** A ReferenceGrant in the backend's namespace lets HTTPRoutes of the route's namespace refer to that Service. */
function granted(store: ObjectStore, from: string, to: string, service: string): boolean {
  return REFERENCE_GRANT_VERSIONS.some((v) =>
    store.list(v, "ReferenceGrant", to).some(
      (g) =>
        (g.spec?.from ?? []).some((f: any) => f?.group === "gateway.networking.k8s.io" && f?.kind === "HTTPRoute" && f?.namespace === from) &&
        (g.spec?.to ?? []).some((t: any) => (t?.group ?? "") === "" && t?.kind === "Service" && (t?.name === undefined || t.name === service)),
    ),
  );
}

/** Resolves a backendRef of a route in `namespace`, as a gateway does. */
export function resolveBackend(store: ObjectStore, namespace: string, ref: BackendRef): Resolution {
  const kind = ref.kind ?? "Service";
  const group = ref.group ?? "";
  const ns = ref.namespace ?? namespace;
  const name = `${ns}/${ref.name}`;
  if (kind !== "Service" || group !== "") return { reason: "InvalidKind", message: `backendRef ${name} is a ${kind}${group ? `.${group}` : ""}, not a Service` };
  if (ns !== namespace && !granted(store, namespace, ns, ref.name ?? "")) {
    return { reason: "RefNotPermitted", message: `backendRef to Service ${name} is not permitted by any ReferenceGrant in ${ns}` };
  }
  const service = store.get({ apiVersion: "v1", kind: "Service", namespace: ns, name: ref.name ?? "" });
  return service ? { service } : { reason: "BackendNotFound", message: `Service ${name} not found` };
}
