/**
 * Generates sdk/sim/kube-api/builtin-schemas.json: the Go structs of the built-in kinds the
 * simulator's API server serves, from @kubernetes/client-node's generated models (each model's
 * `attributeTypeMap`), for the server to decode writes against as kube-apiserver does. Only the
 * models those kinds reach, in a small type language (`int32`, `[]V1Container`,
 * `map[string]string`, a model's name, …): loading all 700-odd models takes 0.15 s from
 * node_modules and over half a second under tsx, at every rehearsal; this file takes a
 * millisecond. test/sim/kube-api-builtin-fields.test.ts fails when it drifts from client-node.
 *
 *   node scripts/builtin-schemas.mjs    # rewrites sdk/sim/kube-api/builtin-schemas.json
 */
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SCHEMAS = join(root, "sdk/sim/kube-api/builtin-schemas.json");

/** The built-in kinds served (sdk/sim/kube-api/resources.ts), by apiVersion and kind → their client-node model. */
const KINDS = {
  "v1/Namespace": "V1Namespace",
  "v1/Pod": "V1Pod",
  "v1/Service": "V1Service",
  "v1/Secret": "V1Secret",
  "v1/ConfigMap": "V1ConfigMap",
  "v1/Event": "CoreV1Event",
  "apps/v1/Deployment": "V1Deployment",
  "apps/v1/ReplicaSet": "V1ReplicaSet",
  "networking.k8s.io/v1/Ingress": "V1Ingress",
  "autoscaling/v2/HorizontalPodAutoscaler": "V2HorizontalPodAutoscaler",
};

/**
 * Fields whose Go type is resource.Quantity (a ResourceList: a map of them) in those kinds'
 * structs (k8s.io/api): client-node types them as strings, but a Quantity decodes from a JSON
 * number too (`cpu: 1`).
 */
const QUANTITY_FIELDS = [
  "V1ContainerStatus.allocatedResources",
  "V1EmptyDirVolumeSource.sizeLimit",
  "V1PodSpec.overhead",
  "V1ResourceFieldSelector.divisor",
  "V1ResourceRequirements.limits",
  "V1ResourceRequirements.requests",
  "V1VolumeResourceRequirements.limits",
  "V1VolumeResourceRequirements.requests",
  "V2MetricTarget.averageValue",
  "V2MetricTarget.value",
  "V2MetricValueStatus.averageValue",
  "V2MetricValueStatus.value",
];

/** client-node's type of a field (TypeScript, with an OpenAPI format) in the schemas' type language; throws on one it does not know. */
function typeOf(type, format, models) {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return `[]${typeOf(array[1], format, models)}`;
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return `map[string]${typeOf(map[1], format, models)}`;
  if (type === "string") return format === "byte" ? "bytes" : "string";
  if (type === "number") return format === "int32" || format === "int64" ? format : "float64";
  if (type === "boolean") return "bool";
  if (type === "Date") return "time";
  if (type === "V1MicroTime") return "microtime";
  if (type === "IntOrString") return "intorstring";
  if (type === "any" || type === "object") return "any";
  if (models[type]?.attributeTypeMap) return type;
  throw new Error(`client-node type ${type} (format ${format}) has no counterpart in builtin-schemas.json: teach scripts/builtin-schemas.mjs`);
}

/**
 * The schemas from client-node's models: `kinds` (apiVersion/kind → model) and `models` (model →
 * field → type), every model the kinds reach, in name order.
 *
 * @example
 * (await deriveBuiltInSchemas()).models.V1DeploymentSpec.replicas; // "int32"
 */
export async function deriveBuiltInSchemas() {
  const models = await import("@kubernetes/client-node/dist/gen/models/all.js");
  const out = {};
  const visit = (name) => {
    if (out[name] || !models[name]?.attributeTypeMap) return;
    out[name] = {};
    for (const a of models[name].attributeTypeMap) {
      out[name][a.baseName] = typeOf(a.type, a.format, models);
      visit(out[name][a.baseName].replace(/^(\[\]|map\[string\])+/, ""));
    }
  };
  Object.values(KINDS).forEach(visit);
  for (const field of QUANTITY_FIELDS) {
    const [model, name] = field.split(".");
    const type = out[model]?.[name];
    if (type !== "string" && type !== "map[string]string") throw new Error(`${field} is ${type ?? "not a field"} in client-node's models, not a Quantity`);
    out[model][name] = type === "string" ? "quantity" : "map[string]quantity";
  }
  const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
  return { generatedBy: "scripts/builtin-schemas.mjs", kinds: KINDS, models: sorted };
}

/** The file's text: one line per model, so a client-node upgrade diffs model by model. */
export function renderBuiltInSchemas(schemas) {
  const models = Object.entries(schemas.models).map(([name, fields]) => `    ${JSON.stringify(name)}: ${JSON.stringify(fields)}`);
  return `{\n  "generatedBy": ${JSON.stringify(schemas.generatedBy)},\n  "kinds": ${JSON.stringify(schemas.kinds, null, 4).replace(/\n}$/, "\n  }")},\n  "models": {\n${models.join(",\n")}\n  }\n}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMAS, renderBuiltInSchemas(await deriveBuiltInSchemas()));
}
