import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));

// sdk/ports/kube.ts
var FIELD_MANAGER = "firebreak", KubeConflict = class extends Error {
  name = "KubeConflict";
}, selectorOf = (labels) => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(",");
function labelSelectorOf(selector) {
  let expressions = (selector?.matchExpressions ?? []).map(({ key, operator, values = [] }) => {
    switch (operator) {
      case "In":
        return `${key} in (${values.join(",")})`;
      case "NotIn":
        return `${key} notin (${values.join(",")})`;
      case "Exists":
        return key;
      case "DoesNotExist":
        return `!${key}`;
    }
  });
  return [selectorOf(selector?.matchLabels ?? {}), ...expressions].filter(Boolean).join(",");
}
function matchesLabels(labels, match) {
  return match ? Object.entries(match).every(([k, v]) => labels?.[k] === v) : !0;
}
function refString(ref) {
  let where = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  return `${ref.kind} ${where}${ref.context ? ` (context ${ref.context})` : ""}`;
}
function refOf(obj, context) {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    ...context ? { context } : {}
  };
}

export {
  FIELD_MANAGER,
  KubeConflict,
  selectorOf,
  labelSelectorOf,
  matchesLabels,
  refString,
  refOf
};
