import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));

// sdk/util/redact.ts
var SECRET_NAME = /(token|secret|password|passwd|pwd|credential|api[-_]?key|private[-_]?key|auth|cookie|session|kubeconfig)/i, REDACTED = "[redacted]";
function redactInputs(values, secretKeys = [], secretValues = []) {
  let known = secretValues.filter((s) => s.length >= 4), walk = (v, key) => SECRET_NAME.test(key) || secretKeys.includes(key) ? REDACTED : typeof v == "string" ? known.reduce((s, secret) => s.split(secret).join(REDACTED), v) : Array.isArray(v) ? v.map((x) => walk(x, key)) : v && typeof v == "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)])) : v;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, walk(v, k)]));
}

export {
  REDACTED,
  redactInputs
};
