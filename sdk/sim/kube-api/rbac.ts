import type { ResourceRoute } from "./routes.ts";
import { forbidden } from "./status.ts";

/**
 * RBAC-like authorization: a request is allowed when one rule allows its verb on its resource
 * (with subresource) in its API group and namespace, and refused with kube-apiserver's exact 403
 * message otherwise. Discovery is always allowed (system:discovery).
 */

/** One PolicyRule; "*" matches anything. Without `namespaces` it holds cluster-wide (a ClusterRoleBinding). */
export interface RbacRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  namespaces?: string[];
}

/** Who the requests run as and what they may do. */
export interface RbacPolicy {
  user: string;
  rules: RbacRule[];
}

/**
 * The RBAC verb of a request, as the API server's RequestInfo derives it from the method, whether
 * it names an object, and the watch query. Shared with `firebreak rbac`, which turns a rehearsal's
 * requests into a Role.
 */
export function verbOf(method: string, named: boolean, watch: boolean): string {
  switch (method.toUpperCase()) {
    case "GET":
    case "HEAD":
      if (watch) return "watch";
      return named ? "get" : "list";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return named ? "delete" : "deletecollection";
    default:
      return method.toLowerCase();
  }
}

const has = (list: string[], v: string) => list.includes("*") || list.includes(v);

/** Throws the 403 unless the policy allows `verb` on the route. */
export function authorize(policy: RbacPolicy, verb: string, route: ResourceRoute): void {
  const resource = route.subresource ? `${route.type.plural}/${route.subresource}` : route.type.plural;
  const allowed = policy.rules.some(
    (r) =>
      has(r.verbs, verb) &&
      has(r.apiGroups, route.group) &&
      (has(r.resources, resource) || (route.subresource !== undefined && r.resources.includes(`*/${route.subresource}`))) &&
      (r.namespaces === undefined || (route.namespace !== undefined && has(r.namespaces, route.namespace))),
  );
  if (allowed) return;
  const scope = route.namespace !== undefined ? `in the namespace "${route.namespace}"` : "at the cluster scope";
  throw forbidden(
    { group: route.group, plural: route.type.plural },
    route.name,
    `User "${policy.user}" cannot ${verb} resource "${resource}" in API group "${route.group}" ${scope}`,
  );
}
