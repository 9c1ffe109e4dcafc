import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  toPercentages
} from "./chunk-4WLNFUSH.js";
import {
  loadAll
} from "./chunk-7MWAMBLI.js";
import {
  checkOneOf
} from "./chunk-ZT6CORZH.js";
import {
  CancelledError,
  InvalidPlanError,
  UnknownDestinationError
} from "./chunk-O5XZOHUO.js";

// sdk/ports/clock.ts
var MAX_TIMER_MS = 2 ** 31 - 1;
function createSystemClock() {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      let timer, wait = (left) => {
        timer = setTimeout(() => {
          if (left > MAX_TIMER_MS) return wait(left - MAX_TIMER_MS);
          signal?.removeEventListener("abort", onAbort), resolve();
        }, Math.min(left, MAX_TIMER_MS));
      }, onAbort = () => {
        clearTimeout(timer), reject(new CancelledError());
      };
      signal?.addEventListener("abort", onAbort, { once: !0 }), wait(ms);
    })
  };
}
function createVirtualClock(startMs = Date.UTC(2026, 10, 24, 3, 0, 0)) {
  let now = startMs, seq = 0, scheduled = !1, holds = 0, sleepers = [], listeners = /* @__PURE__ */ new Set(), moveTo = (to) => {
    if (to <= now) return;
    let from = now;
    now = to;
    for (let l of listeners) l(from, to);
  }, wakeNext = () => {
    if (scheduled = !1, sleepers.length === 0 || holds > 0) return;
    sleepers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    let next = sleepers.shift();
    moveTo(next.due), next.resolve(), schedule();
  }, schedule = () => {
    scheduled || sleepers.length === 0 || (scheduled = !0, setImmediate(wakeNext));
  };
  return {
    now: () => now,
    advance: (ms) => moveTo(now + Math.max(0, ms)),
    hold(work) {
      holds++;
      let release = () => {
        holds--, schedule();
      };
      return work.then(release, release), work;
    },
    onAdvance(listener) {
      return listeners.add(listener), () => listeners.delete(listener);
    },
    sleep(ms, signal) {
      return signal?.aborted ? Promise.reject(new CancelledError()) : new Promise((resolve, reject) => {
        let sleeper = {
          due: now + Math.max(0, ms),
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener("abort", onAbort), resolve();
          }
        }, onAbort = () => {
          let i = sleepers.indexOf(sleeper);
          i >= 0 && sleepers.splice(i, 1), reject(new CancelledError());
        };
        signal?.addEventListener("abort", onAbort, { once: !0 }), sleepers.push(sleeper), schedule();
      });
    }
  };
}

// sdk/traffic/routers/backend-services.ts
function refuseMissingServices(label, namespace, split, services, inNamespace, fails) {
  let missing = Object.keys(split).find((d) => split[d] > 0 && inNamespace(d) && !services.some((s) => s.metadata.name === d));
  if (missing !== void 0)
    throw new InvalidPlanError(
      `${label}: backend '${missing}' has no Service in ${namespace}, so ${fails} every request it would send there. Create the Service (a rollback may have deleted it), or give that backend 0%.`
    );
}

// sdk/traffic/routers/ingress-nginx.ts
var NGINX_CANARY_ANNOTATIONS = {
  canary: "nginx.ingress.kubernetes.io/canary",
  weight: "nginx.ingress.kubernetes.io/canary-weight",
  total: "nginx.ingress.kubernetes.io/canary-weight-total",
  defaultTotal: 100
}, { canary: CANARY, weight: WEIGHT, total: TOTAL } = NGINX_CANARY_ANNOTATIONS, isNginxCanary = (ing) => ["1", "t", "T", "true", "TRUE", "True"].includes(ing.metadata.annotations?.[CANARY] ?? ""), intAnnotation = (v) => v !== void 0 && /^[+-]?\d+$/.test(v.trim()) ? Number(v) : void 0;
function nginxCanaryWeight(annotations) {
  let total = Math.max(NGINX_CANARY_ANNOTATIONS.defaultTotal, intAnnotation(annotations[TOTAL]) ?? 0);
  return { weight: Math.min(total, Math.max(0, intAnnotation(annotations[WEIGHT]) ?? 0)), total };
}
var BY_REQUEST = ["canary-by-header", "canary-by-header-value", "canary-by-header-pattern", "canary-by-cookie"].map((a) => `nginx.ingress.kubernetes.io/${a}`), AFFINITY = "nginx.ingress.kubernetes.io/affinity", AFFINITY_CANARY_BEHAVIOR = "nginx.ingress.kubernetes.io/affinity-canary-behavior", unpinSessions = (primary, share) => share === 0 && primary.metadata.annotations?.[AFFINITY] === "cookie" ? { [AFFINITY_CANARY_BEHAVIOR]: "legacy" } : {}, backendOf = (ing) => ing.spec?.rules?.[0]?.http?.paths?.[0]?.backend?.service?.name ?? ing.spec?.defaultBackend?.service?.name, hostOf = (ing) => ing.spec?.rules?.[0]?.host, nginxPathType = (pathType) => pathType === "Exact" ? "Exact" : "Prefix", pathsOf = (ing) => (ing.spec?.rules ?? []).flatMap(
  (r) => (r.http?.paths ?? []).map((p) => ({ location: `${r.host ?? "*"}${p.path ?? "/"}`, pathType: p.pathType, service: p.backend?.service?.name }))
), pathTypeMismatches = (primary, canary) => pathsOf(canary).flatMap((c) => {
  let p = pathsOf(primary).find((q) => q.location === c.location);
  return p && nginxPathType(p.pathType) !== nginxPathType(c.pathType) ? [{ location: c.location, canary: c.pathType, primary: p.pathType }] : [];
}), locationsOf = (ing) => pathsOf(ing).map((p) => p.location), primaryBackendOf = (primary, canary) => {
  let location = locationsOf(canary)[0];
  return pathsOf(primary).find((p) => p.location === location)?.service ?? backendOf(primary);
};
function refusePathTypes(label, primary, canary) {
  let mismatches = pathTypeMismatches(primary, canary);
  if (!mismatches.length) return;
  let said = mismatches.map((m) => `${m.location} is pathType ${m.canary ?? "(unset)"} in the canary, ${m.primary ?? "(unset)"} in ${primary.metadata.name}`);
  throw new InvalidPlanError(
    `${label}: ${said.join("; ")}. ingress-nginx merges a canary only into a location of the same path and pathType (it reads an unset or ImplementationSpecific one as Prefix) and ignores it elsewhere, so its weight would move nobody there. Give the canary's paths the primary's pathType.`
  );
}
function otherCanaries(label, canary, all) {
  let mine = locationsOf(canary), others = all.filter((i) => i.metadata.name !== canary.metadata.name && isNginxCanary(i) && locationsOf(i).some((l) => mine.includes(l)));
  if (!others.length) return;
  let said = others.map((o) => `${o.metadata.name} (canary-weight ${nginxCanaryWeight(o.metadata.annotations ?? {}).weight})`);
  return `${label} shares ${mine.filter((l) => others.some((o) => locationsOf(o).includes(l))).join(", ")} with the canary Ingress(es) ${said.join(", ")}: ingress-nginx routes a host and path to only one canary, so a weight written to this one may move nobody. Delete the other canary Ingress(es) or set their ${CANARY} annotation to "false".`;
}
function nginxCanaryRouter(options) {
  let ref = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: options.namespace, name: options.canaryIngress, ...options.context ? { context: options.context } : {} }, label = `Ingress ${options.namespace}/${options.canaryIngress} (nginx canary)`, ingressList = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: options.namespace, ...options.context ? { context: options.context } : {} }, serviceList = { apiVersion: "v1", kind: "Service", namespace: options.namespace, ...options.context ? { context: options.context } : {} }, pair = (state) => ({ canary: backendOf(state.object), stable: primaryBackendOf(state.related[0], state.object) }), sharedLocations = /* @__PURE__ */ new WeakMap(), splitOf = (ing, stableBackend) => {
    let a = ing.metadata.annotations ?? {}, { weight, total } = nginxCanaryWeight(a), pct = isNginxCanary(ing) ? toPercentages({ canary: weight, primary: total - weight }).canary : 0;
    return { [backendOf(ing) ?? "canary"]: pct, ...stableBackend ? { [stableBackend]: 100 - pct } : {} };
  };
  return {
    type: "ingress-nginx",
    metrics: "ingress-nginx",
    ref,
    label,
    destinationNoun: "backend",
    splitOf: (ing, state) => splitOf(ing, primaryBackendOf(state.related[0], ing)),
    readsAhead: () => [{ list: ingressList }, { list: serviceList }],
    async inspect(ing, kube) {
      if (!isNginxCanary(ing)) {
        let value = ing.metadata.annotations?.[CANARY];
        throw new InvalidPlanError(
          `${label} is not a canary Ingress: ${value === void 0 ? "it lacks the annotation" : `its annotation is ${CANARY}: ${JSON.stringify(value)}, not`} ${CANARY}: "true". Point canaryIngress at the canary one.`
        );
      }
      let [all, services] = await Promise.all([kube.list(ingressList), kube.list(serviceList)]), location = locationsOf(ing)[0], primaries = all.filter((i) => i.metadata.name !== ing.metadata.name && !isNginxCanary(i)), stable = options.stableIngress ? all.find((i) => i.metadata.name === options.stableIngress) : primaries.find((i) => location !== void 0 && locationsOf(i).includes(location)) ?? primaries.find((i) => hostOf(i) === hostOf(ing));
      if (!stable || !backendOf(stable) || !backendOf(ing))
        throw new InvalidPlanError(
          `${label}: no primary Ingress for host ${hostOf(ing) ?? "(none)"} with a backend Service; Ingresses in ${options.namespace}: ${all.map((i) => i.metadata.name).join(", ")}. Set stableIngress.`
        );
      if (location && !locationsOf(stable).includes(location))
        throw new InvalidPlanError(
          `${label} routes ${location}, which its primary Ingress ${stable.metadata.name} does not (it routes ${locationsOf(stable).join(", ") || "nothing"}): ingress-nginx applies a canary only to a host and path of the primary's and ignores this one, so its weight would move nobody. Give the canary the primary's host and path, or set stableIngress to the Ingress that routes ${location}.`
        );
      refusePathTypes(label, stable, ing);
      let shared = otherCanaries(label, ing, all);
      shared && sharedLocations.set(ing, shared);
      let stableName = primaryBackendOf(stable, ing);
      return { object: ing, split: splitOf(ing, stableName), destinations: [backendOf(ing), stableName], related: [stable, ...services] };
    },
    patchFor(state, split) {
      let shared = sharedLocations.get(state.object);
      if (shared) throw new InvalidPlanError(shared);
      let { canary, stable } = pair(state), unknown = Object.keys(split).filter((d) => d !== canary && d !== stable);
      if (unknown.length) throw new UnknownDestinationError(label, unknown, [canary, stable], "backend");
      let annotations = state.object.metadata.annotations ?? {}, { total } = nginxCanaryWeight(annotations), share = split[canary] ?? 0, weight = share * total / 100;
      if (!Number.isInteger(weight))
        throw new InvalidPlanError(`${label}: ${share}% is not a whole weight out of ${TOTAL} ${total} (it is ${weight}). Use a share that is, or set ${TOTAL} to 100.`);
      nginxCanaryWeight(annotations).weight === 0 && refuseMissingServices(label, options.namespace, { [canary]: share }, state.related.slice(1), () => !0, "ingress-nginx keeps on the primary");
      let byRequest = share === 0 || share === 100 ? BY_REQUEST.filter((a) => a in annotations) : [];
      return { metadata: { annotations: { [WEIGHT]: String(weight), ...unpinSessions(state.related[0], share), ...Object.fromEntries(byRequest.map((a) => [a, null])) } } };
    },
    withoutObject(state) {
      let { canary, stable } = pair(state);
      return { split: { [canary]: 0, [stable]: 100 }, text: `ingress-nginx sends all of ${hostOf(state.object) ?? "its host"} to the primary Ingress's backend ${stable}` };
    },
    // ingress-nginx labels every request of the host with the primary's backend, canary-routed ones
    // too: that is the users' service; the destination picks primary-served or canary-served ones
    metricScope: (state, destination) => ({ namespace: options.namespace, service: pair(state).stable, version: destination })
  };
}

// sdk/traffic/routers/smi.ts
var SMI_API_VERSIONS = ["split.smi-spec.io/v1alpha2", "split.smi-spec.io/v1alpha1"], DECIMAL_SUFFIXES = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 }, BINARY_SUFFIXES = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 }, QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;
function smiWeight(w) {
  if (typeof w == "number") return w >= 0 ? w : void 0;
  let m = QUANTITY.exec(typeof w == "string" ? w : "");
  if (!m) return;
  let [, number, suffix, exponent] = m, value = Number(number) * (exponent !== void 0 ? 10 ** Number(exponent) : BINARY_SUFFIXES[suffix ?? ""] ?? DECIMAL_SUFFIXES[suffix ?? ""]);
  return value >= 0 ? value : void 0;
}
function weightsOf(ts, label) {
  return Object.fromEntries(
    (ts.spec?.backends ?? []).map((b) => {
      let weight = smiWeight(b.weight);
      if (weight === void 0)
        throw new InvalidPlanError(
          `${label}: backend '${b.service}' has weight ${JSON.stringify(b.weight)}, which is not a Kubernetes quantity Firebreak can read (a non-negative number, optionally with a suffix: m, k, M, G, T, P, E; Ki \u2026 Ei; or an exponent like 1e3). Write it as a plain number.`
        );
      return [b.service, weight];
    })
  );
}
function refuseMatches(ts, label) {
  let matches = Array.isArray(ts.spec?.matches) ? ts.spec.matches : [];
  if (!matches.length) return;
  let apex = ts.spec?.service ?? "the apex service";
  throw new InvalidPlanError(
    `${label} splits only the requests its spec.matches select (${matches.map((m) => `${m.kind ?? "HTTPRouteGroup"} ${m.name ?? "(unnamed)"}`).join(", ")}): the other requests to ${apex} do not go through it, so a shift here would leave them where they are (isolating the release through it would not isolate it). Point the handle at a TrafficSplit without matches, one that splits all of ${apex}'s traffic, or remove spec.matches from this one.`
  );
}
function trafficSplitRouter(options) {
  checkOneOf("smi.trafficSplit", "apiVersion", options.apiVersion, SMI_API_VERSIONS, "the versions Linkerd's SMI extension serves; v1alpha3 and later split by spec.matches, which a shift cannot isolate through");
  let ref = {
    apiVersion: options.apiVersion ?? SMI_API_VERSIONS[0],
    kind: "TrafficSplit",
    namespace: options.namespace,
    name: options.name,
    ...options.context ? { context: options.context } : {}
  }, label = `TrafficSplit ${options.namespace}/${options.name}`, serviceList = { apiVersion: "v1", kind: "Service", namespace: options.namespace, ...options.context ? { context: options.context } : {} }, splitOf = (ts) => toPercentages(weightsOf(ts, label));
  return {
    type: "smi",
    metrics: "linkerd",
    ref,
    label,
    destinationNoun: "backend",
    splitOf,
    readsAhead: () => [{ list: serviceList }],
    async inspect(ts, kube) {
      refuseMatches(ts, label);
      let services = await kube.list(serviceList), own = (ts.spec?.backends ?? []).map((b) => b.service), destinations = [.../* @__PURE__ */ new Set([...own, ...services.map((s) => s.metadata.name).filter((n) => n !== ts.spec?.service)])];
      return { object: ts, split: splitOf(ts), destinations, related: services };
    },
    patchFor(state, split) {
      let unknown = Object.keys(split).filter((d) => !state.destinations.includes(d));
      if (unknown.length) throw new UnknownDestinationError(label, unknown, state.destinations, "backend");
      refuseMissingServices(label, options.namespace, split, state.related, () => !0, "Linkerd fails");
      let existing = state.object.spec?.backends ?? [];
      return { spec: { backends: [...existing.map((b) => b.service), ...Object.keys(split).filter((d) => !existing.some((b) => b.service === d))].map((service) => ({ service, weight: split[service] ?? 0 })) } };
    },
    withoutObject: () => ({ text: "Linkerd sends the apex Service's requests to every pod it selects" }),
    // users address the apex service; a backend's own requests are its Deployment's (named like it)
    metricScope: (state, destination) => ({ namespace: options.namespace, service: state.object.spec?.service ?? destination, version: destination })
  };
}

// sdk/workloads/annotations.ts
var SCHEMA_ANNOTATION = "firebreak.dev/schema-version";

// sdk/workloads/helm-release.ts
import { isDeepStrictEqual } from "node:util";
var HELM_RELEASE_TYPE = "helm.sh/release.v1", HelmRecordError = class extends Error {
  name = "HelmRecordError";
}, GZIP_MAGIC = Buffer.from([31, 139, 8]), POD_SPEC = {
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
  Pod: ["spec"]
};
function manifestDocs(manifest) {
  let docs = [];
  try {
    loadAll(manifest, (doc) => {
      doc && typeof doc == "object" && doc.kind && docs.push(doc);
    });
  } catch {
  }
  return docs;
}
function manifestObjects(rev) {
  return manifestDocs(rev.manifest).map((object, i) => ({ ref: rev.objects[i], object }));
}
function objectIn(obj, defaultNamespace) {
  let namespace = obj.metadata?.namespace ?? defaultNamespace;
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata?.name, ...namespace ? { namespace } : {} };
}
function imagesIn(docs, defaultNamespace) {
  let out = [];
  for (let obj of docs) {
    let path = POD_SPEC[obj.kind];
    if (!path) continue;
    let spec = obj;
    for (let k of path) spec = spec?.[k];
    for (let list of ["initContainers", "containers"])
      (spec?.[list] ?? []).forEach((c, i) => {
        out.push({
          ...objectIn(obj, defaultNamespace),
          container: c.name,
          image: c.image,
          field: `${path.join(".")}.${list}[${i}].image`
        });
      });
  }
  return out;
}
function decodeReleaseData(encoded) {
  let raw = Buffer.from(encoded, "base64"), json = raw.subarray(0, 3).equals(GZIP_MAGIC) ? process.getBuiltinModule("node:zlib").gunzipSync(raw) : raw;
  return JSON.parse(json.toString("utf8"));
}
function decodeHelmRecord(record) {
  let where = `${record.kind} ${record.metadata.namespace}/${record.metadata.name}`, field = record.data?.release;
  if (typeof field != "string") throw new HelmRecordError(`${where} has no 'release' data: it is not a Helm release record`);
  let rel;
  try {
    rel = decodeReleaseData(record.kind === "Secret" ? Buffer.from(field, "base64").toString("utf8") : field);
  } catch (err) {
    throw new HelmRecordError(`${where}: the release record is not base64 \u2192 gzip \u2192 JSON as Helm writes it (${err.message})`);
  }
  let labels = record.metadata.labels ?? {};
  return releaseRevision(rel, { namespace: record.metadata.namespace, version: labels.version, status: labels.status });
}
function releaseRevision(rel, fallback = {}) {
  let meta = rel.chart?.metadata ?? {}, manifest = rel.manifest ?? "", docs = manifestDocs(manifest), namespace = rel.namespace ?? fallback.namespace;
  return {
    revision: Number(rel.version ?? fallback.version),
    status: String(rel.info?.status ?? fallback.status ?? "unknown"),
    chart: String(meta.name ?? ""),
    chartVersion: String(meta.version ?? ""),
    ...meta.appVersion ? { appVersion: String(meta.appVersion) } : {},
    ...rel.info?.description ? { description: String(rel.info.description) } : {},
    ...rel.info?.last_deployed ? { updated: String(rel.info.last_deployed) } : {},
    values: rel.config ?? {},
    manifest,
    images: imagesIn(docs, namespace),
    objects: docs.map((o) => objectIn(o, namespace))
  };
}
var GOOD = /* @__PURE__ */ new Set(["deployed", "superseded"]);
function rolledBackTo(r) {
  let m = /^Rollback to (\d+)$/.exec(r.description ?? "");
  return m ? Number(m[1]) : void 0;
}
var isRollback = (r) => rolledBackTo(r) !== void 0 || /^Rollback ".*" failed: /s.test(r.description ?? "");
function lastGoodRevision(history) {
  let sorted = [...history].sort((a, b) => a.revision - b.revision), current = sorted.at(-1), leftBehind = new Set(sorted.filter(isRollback).map((r) => r.revision - 1));
  return sorted.filter((r) => r.revision < (current?.revision ?? 0) && GOOD.has(r.status) && !leftBehind.has(r.revision)).at(-1);
}
function upgradeBase(history) {
  let sorted = [...history].sort((a, b) => a.revision - b.revision);
  return sorted.findLast((r) => r.status === "deployed") ?? sorted.at(-1);
}
function sameRelease(a, b) {
  return a.chart === b.chart && a.chartVersion === b.chartVersion && a.manifest === b.manifest && isDeepStrictEqual(a.values, b.values);
}
function chartText(r) {
  return `${r.chart}-${r.chartVersion}${r.appVersion ? ` (app ${r.appVersion})` : ""}`;
}

// sdk/util/classic-histogram.ts
function parseLe(text) {
  return text === void 0 ? NaN : /^[+-]?inf(inity)?$/i.test(text) ? text.startsWith("-") ? -1 / 0 : 1 / 0 : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}
function preparedBuckets(buckets) {
  let out = [];
  for (let b of [...buckets].sort((x, y) => x.upperBound - y.upperBound)) {
    let last = out[out.length - 1];
    last && last.upperBound === b.upperBound ? last.count += b.count : out.push({ ...b });
  }
  let max = -1 / 0;
  for (let b of out)
    b.count > max ? max = b.count : b.count = max;
  return out;
}
function quantileBucket(q, buckets) {
  let last = buckets[buckets.length - 1];
  if (!last || last.upperBound !== 1 / 0 || buckets.length < 2 || !(last.count > 0)) return -1;
  let rank = q * last.count, b = buckets.findIndex((bucket, i) => i < buckets.length - 1 && bucket.count >= rank);
  return b === -1 ? buckets.length - 1 : b;
}

export {
  createSystemClock,
  createVirtualClock,
  parseLe,
  preparedBuckets,
  quantileBucket,
  SCHEMA_ANNOTATION,
  refuseMissingServices,
  NGINX_CANARY_ANNOTATIONS,
  isNginxCanary,
  nginxCanaryWeight,
  pathsOf,
  pathTypeMismatches,
  locationsOf,
  nginxCanaryRouter,
  smiWeight,
  trafficSplitRouter,
  HELM_RELEASE_TYPE,
  manifestObjects,
  decodeHelmRecord,
  releaseRevision,
  rolledBackTo,
  lastGoodRevision,
  upgradeBase,
  sameRelease,
  chartText
};
