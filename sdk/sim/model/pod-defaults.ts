/**
 * The API server's defaults for pod specs (SetDefaults_PodSpec, SetDefaults_Container, probes).
 * Templates are compared and hashed after defaulting, as a real cluster only ever holds defaulted
 * ones: a template a client wrote without defaults still finds its old ReplicaSet.
 */

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function defaultProbe(probe: unknown): void {
  if (!isObj(probe)) return;
  if (isObj(probe.httpGet)) probe.httpGet.scheme ??= "HTTP";
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
}

/** Fills in what the API server defaults on a container (pull policy, termination message, probes). */
export function defaultContainer(c: unknown): void {
  if (!isObj(c)) return;
  const image = typeof c.image === "string" ? c.image : "";
  const tag = /:([^:/@]+)$/.exec(image)?.[1];
  // untagged and :latest images are re-pulled on every start
  c.imagePullPolicy ??= !image.includes("@") && (!tag || tag === "latest") ? "Always" : "IfNotPresent";
  c.terminationMessagePath ??= "/dev/termination-log";
  c.terminationMessagePolicy ??= "File";
  c.resources ??= {};
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p)) p.protocol ??= "TCP";
  defaultProbe(c.readinessProbe);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.startupProbe);
}

/** Fills in the defaults of a pod template in place and returns it. */
export function defaultPodTemplate<T>(template: T): T {
  const spec = (template as Obj | undefined)?.spec;
  if (!isObj(spec)) return template;
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.securityContext ??= {};
  spec.schedulerName ??= "default-scheduler";
  for (const list of [spec.containers, spec.initContainers]) if (Array.isArray(list)) list.forEach(defaultContainer);
  return template;
}
