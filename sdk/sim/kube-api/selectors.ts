import type { KubeObject } from "../../ports/kube.ts";
import type { ResourceType } from "./resources.ts";
import { badRequest } from "./status.ts";

/**
 * Label and field selectors of list and watch requests, parsed as strictly as apimachinery parses
 * them: a malformed selector is a 400, not an empty list.
 */

export type Matcher = (obj: KubeObject) => boolean;

const KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas outside parentheses. */
function terms(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((t) => t.trim());
}

function checkKey(key: string): string {
  if (!KEY.test(key) || key.length > 316) throw badRequest(`unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return key;
}

function checkValue(v: string): string {
  if (!VALUE.test(v) || v.length > 63) throw badRequest(`unable to parse requirement: invalid label value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return v;
}

type LabelTest = (labels: Record<string, string>) => boolean;

function labelTerm(term: string): LabelTest {
  let m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (m) {
    const key = checkKey(m[1]!);
    const values = m[3]!.split(",").map((v) => checkValue(v.trim()));
    return m[2] === "in" ? (l) => key in l && values.includes(l[key]!) : (l) => !(key in l) || !values.includes(l[key]!);
  }
  m = /^([^=!<>\s]+)\s*(==|=|!=|<|>)\s*(\S*)$/.exec(term);
  if (m) {
    const key = checkKey(m[1]!);
    const op = m[2]!;
    if (op === "<" || op === ">") {
      const n = Number(m[3]);
      if (!Number.isInteger(n)) throw badRequest(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
      return (l) => key in l && (op === "<" ? Number(l[key]) < n : Number(l[key]) > n);
    }
    const value = checkValue(m[3]!);
    return op === "!=" ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  m = /^(!?)\s*(\S+)$/.exec(term);
  if (m) {
    const key = checkKey(m[2]!);
    return m[1] ? (l) => !(key in l) : (l) => key in l;
  }
  throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
}

/** A label selector (`app=web,tier!=db,env in (a,b),!canary`); undefined or empty matches all. */
export function parseLabelSelector(selector: string | null | undefined): Matcher {
  if (!selector?.trim()) return () => true;
  const tests = terms(selector).map((t) => {
    if (!t) throw badRequest(`unable to parse requirement: found '', expected: identifier`);
    return labelTerm(t);
  });
  return (obj) => tests.every((t) => t(obj.metadata.labels ?? {}));
}

/** Fields each kind can be selected by, besides metadata.name and metadata.namespace (kube 1.32). */
const FIELDS: Record<string, string[]> = {
  Pod: ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP", "status.nominatedNodeName"],
  Event: ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
  Secret: ["type"],
  Namespace: ["status.phase"],
  ReplicaSet: ["status.replicas"],
};

function fieldValue(obj: KubeObject, path: string): string {
  if (path === "source") return String((obj as { source?: { component?: string } }).source?.component ?? "");
  const v = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
  return v === undefined || v === null ? "" : String(v);
}

/** A field selector (`metadata.name=x,status.phase!=Running`) for a resource. */
export function parseFieldSelector(selector: string | null | undefined, t: ResourceType): Matcher {
  if (!selector?.trim()) return () => true;
  const allowed = new Set(["metadata.name", "metadata.namespace", ...(t.crd ? [] : (FIELDS[t.kind] ?? []))]);
  const tests = terms(selector).map((term) => {
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    if (!allowed.has(field)) throw badRequest(`field label not supported: ${field}`);
    return (obj: KubeObject) => (op === "!=") !== (fieldValue(obj, field) === value);
  });
  return (obj) => tests.every((t) => t(obj));
}
