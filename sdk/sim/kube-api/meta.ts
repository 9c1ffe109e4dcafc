import type { KubeObject } from "../../ports/kube.ts";
import { type FieldError, invalidValue, requiredValue } from "./status.ts";

/**
 * ObjectMeta rules every kind shares (apimachinery's ValidateObjectMeta): name syntax, label and
 * annotation syntax, and which metadata fields exist at all.
 */

const DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
const LABEL_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE = `(${LABEL_NAME})?`;

const full = (re: string) => new RegExp(`^${re}$`);

/** The name rule a kind uses: Services need DNS-1035 labels, Namespaces DNS-1123 labels, the rest subdomains. */
export type NameRule = "subdomain" | "label" | "dns1035";

/** The name rule of a kind. */
export function nameRuleFor(kind: string, group: string): NameRule {
  if (group === "" && kind === "Service") return "dns1035";
  if (group === "" && kind === "Namespace") return "label";
  return "subdomain";
}

/** Problems with a name, worded as apimachinery words them; empty when the name is fine. */
export function nameProblems(name: string, rule: NameRule): string[] {
  const out: string[] = [];
  if (rule === "subdomain") {
    if (name.length > 253) out.push("must be no more than 253 characters");
    if (!full(DNS1123_SUBDOMAIN).test(name)) {
      out.push(
        `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN}')`,
      );
    }
  } else if (rule === "label") {
    if (name.length > 63) out.push("must be no more than 63 characters");
    if (!full(DNS1123_LABEL).test(name)) {
      out.push(
        `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${DNS1123_LABEL}')`,
      );
    }
  } else {
    if (name.length > 63) out.push("must be no more than 63 characters");
    if (!full(DNS1035_LABEL).test(name)) {
      out.push(
        `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${DNS1035_LABEL}')`,
      );
    }
  }
  return out;
}

function qualifiedNameProblems(key: string): string[] {
  const parts = key.split("/");
  if (parts.length > 2) {
    return [
      `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${LABEL_NAME}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts.at(-1)!;
  const out: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (!prefix) out.push("prefix part must be non-empty");
    else out.push(...nameProblems(prefix, "subdomain").map((p) => `prefix part ${p}`));
  }
  if (!name) out.push("name part must be non-empty");
  else {
    if (name.length > 63) out.push("name part must be no more than 63 characters");
    if (!full(LABEL_NAME).test(name)) {
      out.push(
        `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${LABEL_NAME}')`,
      );
    }
  }
  return out;
}

/** Total size of annotations (keys + values), as ValidateAnnotations limits it. */
const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

/** ObjectMeta's fields; anything else under metadata is unknown (pruned, or refused under Strict). */
const OBJECT_META_FIELDS = new Set([
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
]);

/** Removes unknown metadata fields in place; returns their paths. */
export function pruneMetadata(obj: KubeObject): string[] {
  const unknown: string[] = [];
  for (const key of Object.keys(obj.metadata)) {
    if (!OBJECT_META_FIELDS.has(key)) {
      unknown.push(`metadata.${key}`);
      delete obj.metadata[key];
    }
  }
  return unknown;
}

/**
 * JSON types ObjectMeta cannot decode (a number as a label value, …): the API server refuses these
 * with 400 before validation. Returns the decode error, if any.
 */
export function metadataTypeError(obj: KubeObject): string | undefined {
  const m = obj.metadata as Record<string, unknown>;
  if (typeof m !== "object" || m === null || Array.isArray(m)) return "json: cannot unmarshal into Go struct field .metadata of type v1.ObjectMeta";
  for (const f of ["name", "generateName", "namespace", "resourceVersion", "uid"]) {
    if (m[f] !== undefined && typeof m[f] !== "string") return `json: cannot unmarshal ${typeof m[f]} into Go struct field ObjectMeta.metadata.${f} of type string`;
  }
  for (const f of ["labels", "annotations"]) {
    const map = m[f];
    if (map === undefined || map === null) continue;
    if (typeof map !== "object" || Array.isArray(map)) return `json: cannot unmarshal ${Array.isArray(map) ? "array" : typeof map} into Go struct field ObjectMeta.metadata.${f} of type map[string]string`;
    for (const v of Object.values(map)) {
      if (typeof v !== "string") return `json: cannot unmarshal ${typeof v} into Go struct field ObjectMeta.metadata.${f} of type string`;
    }
  }
  return undefined;
}

/** ValidateObjectMeta: name (unless generateName), labels, annotations. */
export function validateMetadata(obj: KubeObject, rule: NameRule): FieldError[] {
  const errors: FieldError[] = [];
  const { name, generateName, labels, annotations } = obj.metadata as KubeObject["metadata"] & { generateName?: string };
  if (!name) {
    if (!generateName) errors.push(requiredValue("metadata.name", "name or generateName is required"));
  } else {
    for (const p of nameProblems(name, rule)) errors.push(invalidValue("metadata.name", name, p));
  }
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const p of qualifiedNameProblems(k)) errors.push(invalidValue("metadata.labels", k, p));
    if (v.length > 63) errors.push(invalidValue("metadata.labels", v, "must be no more than 63 characters"));
    if (!full(LABEL_VALUE).test(v)) {
      errors.push(
        invalidValue(
          "metadata.labels",
          v,
          `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '${LABEL_VALUE}')`,
        ),
      );
    }
  }
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const p of qualifiedNameProblems(k.toLowerCase())) errors.push(invalidValue("metadata.annotations", k, p));
    size += k.length + v.length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) {
    errors.push({ field: "metadata.annotations", reason: "FieldValueTooLong", message: `Too long: must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT_BYTES} bytes` });
  }
  return errors;
}
