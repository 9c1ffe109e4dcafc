import { matchesLabels, type KubeObject } from "../../ports/kube.ts";
import type { ResourceType } from "./resources.ts";
import { type FieldError, invalidValue, requiredValue } from "./status.ts";
import { isObject } from "./json.ts";
import { defaultContainer } from "../model/pod-defaults.ts";

/**
 * The built-in kinds' strategies, the part our clients can notice: defaulting (what a read-back
 * shows) and the validations that refuse bad writes (422). Decoding is builtin-schema.ts's.
 */

type Obj = Record<string, any>;
const isObj = isObject as (v: unknown) => v is Obj;
const isKind = (t: ResourceType, group: string, kind: string) => t.group === group && t.kind === kind;
const isWorkload = (t: ResourceType) => isKind(t, "apps", "Deployment") || isKind(t, "apps", "ReplicaSet");
const isAutoscaler = (t: ResourceType) => isKind(t, "autoscaling", "HorizontalPodAutoscaler");

// The same defaults the model applies to the templates it seeds: one definition of what the API server fills in.
function defaultContainers(containers: unknown) {
  if (Array.isArray(containers)) containers.forEach(defaultContainer);
}

function defaultPodSpec(spec: unknown) {
  if (!isObj(spec)) return;
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.securityContext ??= {};
  spec.schedulerName ??= "default-scheduler";
  defaultContainers(spec.containers);
  defaultContainers(spec.initContainers);
}

/** A stable cluster IP from the service's name, in the default service CIDR 10.96.0.0/12. */
function clusterIpFor(namespace: string | undefined, name: string): string {
  let h = 2166136261;
  for (const ch of `${namespace}/${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `10.96.${(h >>> 8) & 255}.${(h & 254) + 1}`;
}

/** Applies the kind's defaults in place (SetDefaults_* plus PrepareForCreate where visible). */
export function defaultBuiltIn(obj: KubeObject, t: ResourceType, creating: boolean): void {
  const spec = obj.spec as Obj | undefined;
  if (isWorkload(t) && isObj(spec)) {
    spec.replicas ??= 1;
    if (isKind(t, "apps", "Deployment")) {
      spec.strategy ??= { type: "RollingUpdate" };
      if (spec.strategy.type === "RollingUpdate") spec.strategy.rollingUpdate ??= { maxUnavailable: "25%", maxSurge: "25%" };
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
    }
    defaultPodSpec(spec.template?.spec);
  } else if (isAutoscaler(t) && isObj(spec)) {
    spec.minReplicas ??= 1;
  } else if (isKind(t, "", "Pod")) {
    defaultPodSpec(spec);
    if (creating) obj.status = { phase: "Pending", ...(isObj(obj.status) ? obj.status : {}) };
  } else if (isKind(t, "", "Service") && isObj(spec)) {
    spec.type ??= "ClusterIP";
    spec.sessionAffinity ??= "None";
    if (spec.type !== "ExternalName") {
      spec.clusterIP ??= clusterIpFor(obj.metadata.namespace, obj.metadata.name);
      spec.clusterIPs ??= [spec.clusterIP];
      spec.ipFamilies ??= ["IPv4"];
      spec.ipFamilyPolicy ??= "SingleStack";
      spec.internalTrafficPolicy ??= "Cluster";
    }
    if (Array.isArray(spec.ports)) {
      for (const p of spec.ports) {
        if (!isObj(p)) continue;
        p.protocol ??= "TCP";
        p.targetPort ??= p.port;
      }
    }
  } else if (isKind(t, "", "Secret")) {
    obj.type ??= "Opaque";
    // stringData is write-only: it is folded into data and never stored
    if (isObj(obj.stringData)) {
      const data: Obj = isObj(obj.data) ? obj.data : {};
      for (const [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(String(v)).toString("base64");
      obj.data = data;
    }
    delete obj.stringData;
  } else if (isKind(t, "", "Namespace")) {
    obj.metadata.labels = { ...obj.metadata.labels, "kubernetes.io/metadata.name": obj.metadata.name };
    obj.spec = { finalizers: ["kubernetes"], ...(isObj(spec) ? spec : {}) };
    if (creating) obj.status = { phase: "Active" };
  }
}

function goMap(m: Obj | undefined): string {
  return `map[string]string{${Object.entries(m ?? {})
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join(", ")}}`;
}

function validateContainers(containers: unknown, at: string): FieldError[] {
  if (!Array.isArray(containers) || containers.length === 0) return [requiredValue(at)];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c: Obj, i) => {
    if (!c?.name) errors.push(requiredValue(`${at}[${i}].name`));
    else if (names.has(c.name)) errors.push({ field: `${at}[${i}].name`, reason: "FieldValueDuplicate", message: `Duplicate value: ${JSON.stringify(c.name)}` });
    else names.add(c.name);
    if (!c?.image) errors.push(requiredValue(`${at}[${i}].image`));
  });
  return errors;
}

/** ValidateHorizontalPodAutoscalerSpec's bounds and target (minReplicas 0 needs the HPAScaleToZero alpha gate, off by default). */
function validateAutoscalerSpec(spec: Obj): FieldError[] {
  const errors: FieldError[] = [];
  if (spec.minReplicas !== undefined && spec.minReplicas < 1) errors.push(invalidValue("spec.minReplicas", spec.minReplicas, "must be greater than or equal to 1"));
  if (!(spec.maxReplicas >= 1)) errors.push(invalidValue("spec.maxReplicas", spec.maxReplicas ?? 0, "must be greater than 0"));
  if (spec.minReplicas !== undefined && spec.maxReplicas < spec.minReplicas) {
    errors.push(invalidValue("spec.maxReplicas", spec.maxReplicas, "must be greater than or equal to `minReplicas`"));
  }
  if (!spec.scaleTargetRef?.kind) errors.push(requiredValue("spec.scaleTargetRef.kind"));
  if (!spec.scaleTargetRef?.name) errors.push(requiredValue("spec.scaleTargetRef.name"));
  return errors;
}

/** The kind's ValidateCreate/ValidateUpdate, the rules our clients can trip. */
export function validateBuiltIn(obj: KubeObject, old: KubeObject | undefined, t: ResourceType): FieldError[] {
  const errors: FieldError[] = [];
  const spec = (obj.spec ?? {}) as Obj;
  if (isWorkload(t)) {
    if (spec.replicas < 0) errors.push(invalidValue("spec.replicas", spec.replicas, "must be greater than or equal to 0"));
    if (!isObj(spec.selector)) errors.push(requiredValue("spec.selector"));
    else {
      const labels = spec.template?.metadata?.labels as Record<string, string> | undefined;
      if (!spec.selector.matchLabels && !spec.selector.matchExpressions) {
        errors.push(invalidValue("spec.selector", spec.selector, "empty selector is invalid for deployment"));
      } else if (!matchesLabels(labels, spec.selector.matchLabels)) {
        errors.push(invalidValue("spec.template.metadata.labels", goMap(labels), "`selector` does not match template `labels`"));
      }
      if (old && JSON.stringify(old.spec?.selector) !== JSON.stringify(spec.selector)) {
        errors.push(invalidValue("spec.selector", spec.selector, "field is immutable"));
      }
    }
    errors.push(...validateContainers(spec.template?.spec?.containers, "spec.template.spec.containers"));
  } else if (isAutoscaler(t)) {
    errors.push(...validateAutoscalerSpec(spec));
  } else if (isKind(t, "", "Pod")) {
    errors.push(...validateContainers(spec.containers, "spec.containers"));
  } else if (isKind(t, "", "Service")) {
    if (spec.type !== "ExternalName" && (!Array.isArray(spec.ports) || spec.ports.length === 0)) errors.push(requiredValue("spec.ports"));
    if (old && old.spec?.clusterIP && spec.clusterIP !== old.spec.clusterIP) {
      errors.push(invalidValue("spec.clusterIP", spec.clusterIP ?? "", "field is immutable"));
    }
  }
  return errors;
}
