import { Document, isScalar, visit, type YAMLMap, type YAMLSeq } from "yaml";
import { verbOf } from "../sim/kube-api/rbac.ts";
import { runPlan, type RunResult } from "../engine/runner.ts";
import type { RunMode } from "../journal/events.ts";
import type { Plan } from "../plan/plan.ts";
import type { KubePort, ObjectRef } from "../ports/kube.ts";
import { createDiscovery, type ApiResource } from "../kube/discovery.ts";

/**
 * `firebreak rbac`: the least privilege a plan needs, found by rehearsing it. The plan runs on
 * the simulator twice (preview, which follows the path where every gate passes, and run, which
 * follows the scenario), and every request that reaches the simulator's API server — from the
 * plan's own client and from any CLI it runs (helm) — becomes an (API group, resource, verb,
 * namespace) access. So does every write the engine did not send (KubePort.unsentWrite): the
 * preview's, and the run's where the scenario already held what a step asked for, which a
 * cluster in another state needs sent. A read that leads to a write only where the cluster holds
 * something the scenario may lack (an autoscaler) adds that write. Accesses merge into one Role per namespace,
 * and a ClusterRole only for cluster-scoped kinds and lists across namespaces.
 */

/** One access a plan made, as RBAC sees it. */
export interface Access {
  /** "" for the core group. */
  group: string;
  /** Plural, with a subresource when there is one: "deployments", "pods/proxy". */
  resource: string;
  verb: string;
  /** Undefined for cluster-scoped resources and lists across every namespace. */
  namespace?: string;
}

/** A PolicyRule as Role and ClusterRole carry it. */
export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** The generated objects: Roles by namespace, and the ClusterRole when one is needed. */
export interface RbacRoles {
  roles: { namespace: string; rules: PolicyRule[] }[];
  clusterRules: PolicyRule[];
}

/** Verbs in the order `kubectl create role` and the docs list them. */
const VERB_ORDER = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];
const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

/**
 * A read whose answer decides whether a write follows, where a cluster's answer may differ from
 * the scenario's: wherever a rehearsal made the read, the Role also grants the write, with `why`
 * printed above its rule.
 */
interface ImpliedAccess {
  group: string;
  resource: string;
  /** The read that shows the plan may write. */
  read: string;
  /** The verbs the write needs. */
  verbs: string[];
  why: string;
}

const IMPLIED_ACCESSES: ImpliedAccess[] = [
  {
    // scale() lists a Deployment's autoscalers and holds each one it finds (holdAutoscalers);
    // the write path reads the object back after the patch, and again after losing a race (409)
    group: "autoscaling",
    resource: "horizontalpodautoscalers",
    read: "list",
    verbs: ["get", "patch"],
    why:
      ` get, patch: scale() holds a Deployment's HorizontalPodAutoscaler at the count it sets (unless autoscaler: "leave")\n` +
      " on a cluster where it has one, whether or not the rehearsal's scenario had one",
  },
];

/**
 * The RBAC access of one API request, or undefined for what every user may do (discovery,
 * OpenAPI, /version, health checks).
 * @example
 * accessOf("PATCH", "/apis/networking.istio.io/v1/namespaces/prod/virtualservices/checkout-api", 200);
 * // { group: "networking.istio.io", resource: "virtualservices", verb: "patch", namespace: "prod" }
 */
export function accessOf(method: string, pathAndQuery: string, status: number): Access[] {
  const url = new URL(pathAndQuery, "http://x");
  const s = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (s[0] === "api" && s.length >= 3) [group, rest] = ["", s.slice(2)];
  else if (s[0] === "apis" && s.length >= 4) [group, rest] = [s[1]!, s.slice(3)];
  else return [];
  let namespace: string | undefined;
  if (rest[0] === "namespaces" && rest.length >= 3 && !(group === "" && rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2]!))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, sub] = rest;
  const watch = url.searchParams.get("watch") === "true" || url.searchParams.get("watch") === "1";
  const verb = verbOf(method, name !== undefined, watch);
  if (!plural || !verb) return [];
  const resource = sub ? `${plural}/${sub}` : plural;
  const access = { group, resource, verb, ...(namespace !== undefined ? { namespace } : {}) };
  // server-side apply that creates the object is also authorized as create
  return method.toUpperCase() === "PATCH" && status === 201 ? [access, { ...access, verb: "create" }] : [access];
}

/**
 * The accesses with what each implies (see IMPLIED_ACCESSES), in the same namespace.
 * @example
 * withImplied(accessOf("GET", "/apis/autoscaling/v2/namespaces/prod/horizontalpodautoscalers", 200)).map((a) => a.verb);
 * // ["list", "get", "patch"]
 */
export function withImplied(accesses: Access[]): Access[] {
  const implied = accesses.flatMap((a) =>
    IMPLIED_ACCESSES.filter((i) => i.group === a.group && i.resource === a.resource && i.read === a.verb).flatMap((i) => i.verbs.map((verb) => ({ ...a, verb }))),
  );
  return [...accesses, ...implied];
}

/** Why a rule grants what no request of the rehearsal needed, or undefined. */
const impliedWhy = (rule: PolicyRule) =>
  IMPLIED_ACCESSES.find((i) => rule.apiGroups.includes(i.group) && rule.resources.includes(i.resource) && i.verbs.every((v) => rule.verbs.includes(v)))?.why;

/**
 * Merges accesses into a Role per namespace and a ClusterRole, sorted so the output is stable.
 * @example
 * rolesFor(accessOf("GET", "/api/v1/namespaces/prod/pods", 200));
 * // { roles: [{ namespace: "prod", rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["list"] }] }], clusterRules: [] }
 */
export function rolesFor(accesses: Access[]): RbacRoles {
  const byScope = new Map<string, Map<string, Set<string>>>(); // scope → "group|resource" → verbs
  for (const a of accesses) {
    const scope = a.namespace ?? "";
    const resources = byScope.get(scope) ?? new Map<string, Set<string>>();
    byScope.set(scope, resources);
    const key = `${a.group}|${a.resource}`;
    resources.set(key, (resources.get(key) ?? new Set()).add(a.verb));
  }
  const rulesOf = (resources: Map<string, Set<string>>): PolicyRule[] => {
    // one rule per API group and verb set: resources that need the same verbs share it
    const rules = new Map<string, PolicyRule>();
    for (const [key, verbs] of [...resources].sort(([a], [b]) => a.localeCompare(b))) {
      const [group, resource] = key.split("|") as [string, string];
      const sortedVerbs = [...verbs].sort((x, y) => VERB_ORDER.indexOf(x) - VERB_ORDER.indexOf(y) || x.localeCompare(y));
      const ruleKey = `${group}|${sortedVerbs.join(",")}`;
      const rule = rules.get(ruleKey) ?? { apiGroups: [group], resources: [], verbs: sortedVerbs };
      rule.resources.push(resource);
      rules.set(ruleKey, rule);
    }
    return [...rules.values()];
  };
  const scopes = [...byScope.keys()].filter((s) => s !== "").sort();
  return {
    roles: scopes.map((namespace) => ({ namespace, rules: rulesOf(byScope.get(namespace)!) })),
    clusterRules: byScope.has("") ? rulesOf(byScope.get("")!) : [],
  };
}

/**
 * YAML with lists of plain values on one line (`verbs: [get, patch]`), as RBAC docs write them,
 * and the reason above each rule that grants an implied access.
 */
function yamlOf<T extends { rules: PolicyRule[] }>(obj: T): string {
  const doc = new Document(obj);
  visit(doc, {
    Seq(_key, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
  });
  const rules = doc.get("rules") as YAMLSeq<YAMLMap>;
  obj.rules.forEach((rule, i) => {
    const why = impliedWhy(rule);
    if (why) rules.items[i]!.commentBefore = why;
  });
  return doc.toString({ flowCollectionPadding: false });
}

/**
 * Role and ClusterRole YAML, with how they were derived and how to bind them.
 * @example
 * process.stdout.write(renderRbacYaml(rolesFor(accesses), { plan: "checkout-api-rollback", scenario: "cold-jvm" }));
 */
export function renderRbacYaml(roles: RbacRoles, meta: { plan: string; scenario: string; contexts?: string[] }): string {
  const name = `firebreak-${meta.plan}`.toLowerCase().replace(/[^a-z0-9.-]+/g, "-").slice(0, 253);
  const docs: string[] = [];
  const header = [
    `# Least privilege for plan "${meta.plan}", derived by rehearsing it on the simulator (scenario ${meta.scenario}; preview and run).`,
    "# Bind it to the service account the plan runs as, e.g.:",
    ...roles.roles.map((r) => `#   kubectl create rolebinding ${name} --role=${name} --serviceaccount=<namespace>:<service-account> -n ${r.namespace}`),
    ...(roles.clusterRules.length ? [`#   kubectl create clusterrolebinding ${name} --clusterrole=${name} --serviceaccount=<namespace>:<service-account>`] : []),
    ...(meta.contexts?.length ? [`# The plan acts in contexts ${meta.contexts.join(", ")}: create and bind the same roles in each of those clusters.`] : []),
  ];
  for (const r of roles.roles) docs.push(yamlOf({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name, namespace: r.namespace }, rules: r.rules }));
  if (roles.clusterRules.length) docs.push(yamlOf({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name }, rules: roles.clusterRules }));
  return `${header.join("\n")}\n${docs.join("---\n")}`;
}

/**
 * Every handle's `context` points at the one simulated cluster during a rehearsal; the contexts
 * a plan names are collected for the output, and the writes the engine did not send in `unsent`.
 */
function singleCluster(kube: KubePort, contexts: Set<string>, unsent: { ref: ObjectRef; verb: "patch" | "create" }[]): KubePort {
  const strip = <T extends { context?: string }>(r: T): T => {
    if (r.context) contexts.add(r.context);
    const { context: _context, ...rest } = r;
    return rest as T;
  };
  return {
    get: (ref: ObjectRef) => kube.get(strip(ref)),
    list: (o) => kube.list(strip(o)),
    patch: (ref, p, o) => kube.patch(strip(ref), p, o),
    proxyGet: (pod, path) => kube.proxyGet(strip(pod), path),
    ...(kube.apply ? { apply: (obj, o = {}) => kube.apply!(obj, strip(o)) } : {}),
    unsentWrite: (ref, verb) => void unsent.push({ ref: strip(ref), verb }),
    ...(kube.connection
      ? {
          connection: (context?: string) => {
            if (context) contexts.add(context);
            return kube.connection!();
          },
        }
      : {}),
  };
}

export interface RbacDerivation {
  yaml: string;
  roles: RbacRoles;
  /** What the rehearsals' requests needed; the roles add what those imply (see withImplied). */
  accesses: Access[];
  /** Each rehearsal's outcome; a failure means later steps' needs were not seen. */
  rehearsals: { mode: RunMode; status: RunResult["status"]; error?: string }[];
}

/** The accesses of writes the engine did not send, their resources found as a client finds them (discovery). */
async function unsentAccesses(apiUrl: string, unsent: { ref: ObjectRef; verb: "patch" | "create" }[]): Promise<Access[]> {
  const discovery = createDiscovery(async (path) => (await fetch(new URL(path, apiUrl))).json() as Promise<{ resources?: ApiResource[] }>);
  return Promise.all(
    unsent.map(async ({ ref, verb }) => {
      const { name, namespaced } = await discovery.resource(ref.apiVersion, ref.kind);
      const group = ref.apiVersion.includes("/") ? ref.apiVersion.slice(0, ref.apiVersion.indexOf("/")) : "";
      return { group, resource: name, verb, ...(namespaced && ref.namespace ? { namespace: ref.namespace } : {}) };
    }),
  );
}

/**
 * Rehearses `plan` on fresh simulators (preview, then run) and derives the Role/ClusterRole it needs.
 * @example
 * const { yaml } = await deriveRbac(plan, { scenario: "cold-jvm", inputs: { revision: "2" } });
 * console.log(yaml);
 */
export async function deriveRbac(plan: Plan<any>, options: { scenario: string; inputs: Record<string, unknown> }): Promise<RbacDerivation> {
  const { startSimulator } = await import("../sim/simulator.ts");
  const accesses: Access[] = [];
  const rehearsals: RbacDerivation["rehearsals"] = [];
  const contexts = new Set<string>();
  for (const mode of ["preview", "run"] as const) {
    const sim = await startSimulator(options.scenario);
    const unsent: { ref: ObjectRef; verb: "patch" | "create" }[] = [];
    try {
      const result = await runPlan(plan, {
        mode,
        inputs: options.inputs,
        kube: singleCluster(sim.kube, contexts, unsent),
        metrics: sim.metrics,
        // the simulator's migration history: a schema gate must not fail here, or read a real database
        databases: sim.databases,
        clock: sim.clock,
        target: { kind: "sim", scenario: sim.scenario.name },
        explainMissing: sim.explainMissing,
      });
      rehearsals.push({ mode, status: result.status, ...(result.error ? { error: result.error.message } : {}) });
      for (const r of sim.kubeApi.requests) accesses.push(...accessOf(r.method, r.path, r.status));
      accesses.push(...(await unsentAccesses(sim.kubeApi.url, unsent)));
    } finally {
      await sim.close();
    }
  }
  const roles = rolesFor(withImplied(accesses));
  const scenario = typeof options.scenario === "string" ? options.scenario : "custom";
  return { yaml: renderRbacYaml(roles, { plan: plan.meta.name, scenario, contexts: [...contexts].sort() }), roles, accesses, rehearsals };
}

/**
 * The `firebreak rbac` command: loads the plan, derives its roles, prints the YAML on stdout and
 * any rehearsal that failed on stderr (its later steps' needs were not seen). Exit code 0, or 1
 * when a rehearsal failed.
 * @example
 * const code = await printRbac({ planFile: "examples/checkout-api-rollback.ts", scenario: "cold-jvm", inputs: { revision: "2" } }, console.log, console.error);
 */
export async function printRbac(
  cmd: { planFile: string; scenario: string; inputs: Record<string, string> },
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const { loadPlan } = await import("../loader/load-plan.ts");
  const { plan, warnings } = await loadPlan(cmd.planFile);
  for (const w of warnings) err(`firebreak: warning: ${w}`);
  const result = await deriveRbac(plan, { scenario: cmd.scenario, inputs: cmd.inputs });
  out(result.yaml.trimEnd());
  const failed = result.rehearsals.filter((r) => r.status !== "succeeded");
  for (const r of failed) {
    err(`firebreak: the ${r.mode} rehearsal ended ${r.status}${r.error ? `: ${r.error}` : ""}. The roles above cover what ran before that; check the plan and scenario.`);
  }
  return failed.length ? 1 : 0;
}
