import type { KubeObject } from "../../ports/kube.ts";
import type { PrinterColumn } from "./resources.ts";
import type { ResourceRoute } from "./routes.ts";

/**
 * Server-side printing (meta.k8s.io/v1 Table), what `kubectl get` asks for: the columns kube's
 * printers show for built-in kinds, a CRD's additionalPrinterColumns for custom resources.
 */

export const TABLE_CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

/** True when the client asked for a meta.k8s.io/v1 Table (kubectl get does). */
export const wantsTable = (accept: string) => /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept) && /v=v1(;|,|$)/.test(accept);

type Cell = string | number | boolean | null;
interface Column {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  cell: (o: KubeObject) => Cell;
}

/** Age as kubectl prints it (apimachinery's duration.HumanDuration). */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (h < 192) return h % 24 === 0 ? `${Math.floor(h / 24)}d` : `${Math.floor(h / 24)}d${h % 24}h`;
  const d = Math.floor(h / 24);
  if (d < 730) return `${d}d`;
  const y = Math.floor(d / 365);
  return y < 8 ? `${y}y${d % 365}d` : `${y}y`;
}

const age = (timestamp: unknown) => (typeof timestamp === "string" ? humanDuration(Date.now() - Date.parse(timestamp)) : "<unknown>");

const NAME: Column = { name: "Name", type: "string", format: "name", description: "Name must be unique within a namespace.", cell: (o) => o.metadata.name };
const AGE: Column = { name: "Age", type: "string", description: "CreationTimestamp of the object.", cell: (o) => age(o.metadata.creationTimestamp) };
const col = (name: string, cell: (o: KubeObject) => Cell, type = "string", priority = 0): Column => ({ name, type, cell, ...(priority ? { priority } : {}) });
const num = (v: unknown) => (typeof v === "number" ? v : 0);

/** The columns kube's printers (pkg/printers/internalversion) give the built-in kinds we serve. */
const BUILT_IN_COLUMNS: Record<string, Column[]> = {
  Deployment: [
    NAME,
    col("Ready", (o) => `${num(o.status?.readyReplicas)}/${num(o.spec?.replicas)}`),
    col("Up-to-date", (o) => num(o.status?.updatedReplicas), "integer"),
    col("Available", (o) => num(o.status?.availableReplicas), "integer"),
    AGE,
    col("Containers", (o) => (o.spec?.template?.spec?.containers ?? []).map((c: { name: string }) => c.name).join(","), "string", 1),
    col("Images", (o) => (o.spec?.template?.spec?.containers ?? []).map((c: { image: string }) => c.image).join(","), "string", 1),
  ],
  ReplicaSet: [
    NAME,
    col("Desired", (o) => num(o.spec?.replicas), "integer"),
    col("Current", (o) => num(o.status?.replicas), "integer"),
    col("Ready", (o) => num(o.status?.readyReplicas), "integer"),
    AGE,
  ],
  Pod: [
    NAME,
    col("Ready", (o) => {
      const statuses: { ready?: boolean }[] = o.status?.containerStatuses ?? [];
      return `${statuses.filter((s) => s.ready).length}/${(o.spec?.containers ?? []).length}`;
    }),
    col("Status", (o) => o.status?.reason ?? o.status?.phase ?? "Unknown"),
    col("Restarts", (o) => (o.status?.containerStatuses ?? []).reduce((n: number, s: { restartCount?: number }) => n + num(s.restartCount), 0), "string"),
    AGE,
  ],
  Service: [
    NAME,
    col("Type", (o) => o.spec?.type ?? "ClusterIP"),
    col("Cluster-IP", (o) => o.spec?.clusterIP ?? "<none>"),
    col("External-IP", () => "<none>"),
    col("Port(s)", (o) => (o.spec?.ports ?? []).map((p: { port: number; protocol?: string }) => `${p.port}/${p.protocol ?? "TCP"}`).join(",") || "<none>"),
    AGE,
  ],
  Namespace: [NAME, col("Status", (o) => o.status?.phase ?? "Active"), AGE],
  ConfigMap: [NAME, col("Data", (o) => Object.keys((o.data as object | undefined) ?? {}).length + Object.keys((o.binaryData as object | undefined) ?? {}).length, "integer"), AGE],
  Secret: [NAME, col("Type", (o) => String(o.type ?? "Opaque")), col("Data", (o) => Object.keys((o.data as object | undefined) ?? {}).length, "integer"), AGE],
  Ingress: [
    NAME,
    col("Class", (o) => o.spec?.ingressClassName ?? "<none>"),
    col("Hosts", (o) => (o.spec?.rules ?? []).map((r: { host?: string }) => r.host ?? "*").join(",") || "*"),
    col("Address", (o) => (o.status?.loadBalancer?.ingress ?? []).map((i: { ip?: string; hostname?: string }) => i.ip ?? i.hostname).join(",")),
    col("Ports", (o) => (o.spec?.tls?.length ? "80, 443" : "80")),
    AGE,
  ],
  Event: [
    col("Last Seen", (o) => age(o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp)),
    col("Type", (o) => String(o.type ?? "")),
    col("Reason", (o) => String(o.reason ?? "")),
    col("Object", (o) => {
      const io = o.involvedObject as { kind?: string; name?: string } | undefined;
      return `${(io?.kind ?? "").toLowerCase()}/${io?.name ?? ""}`;
    }),
    col("Message", (o) => String(o.message ?? "")),
  ],
};

/** Evaluates the simple JSONPaths printer columns use: `.spec.hosts`, `.status.conditions[0].type`. */
function jsonPath(obj: unknown, path: string): unknown {
  const steps = path.replace(/^\{?\.?|\}$/g, "").match(/[^.[\]]+|\[\d+\]/g) ?? [];
  let at: unknown = obj;
  for (const s of steps) {
    if (at === undefined || at === null) return undefined;
    at = s.startsWith("[") ? (at as unknown[])[Number(s.slice(1, -1))] : (at as Record<string, unknown>)[s];
  }
  return at;
}

function crdColumn(c: PrinterColumn): Column {
  return {
    name: c.name,
    type: c.type === "date" ? "date" : c.type,
    ...(c.description ? { description: c.description } : {}),
    ...(c.priority ? { priority: c.priority } : {}),
    cell: (o) => {
      const v = jsonPath(o, c.jsonPath);
      if (v === undefined || v === null) return null;
      if (c.type === "date") return age(v);
      if (typeof v === "object") return JSON.stringify(v);
      return v as Cell;
    },
  };
}

function columnsFor(route: ResourceRoute): Column[] {
  const t = route.type;
  if (t.crd) {
    const cols = t.crd.printerColumns[route.version] ?? [];
    return cols.length ? [NAME, ...cols.map(crdColumn)] : [NAME, AGE];
  }
  return BUILT_IN_COLUMNS[t.kind] ?? [NAME, AGE];
}

/** The Table of objects; `includeObject` (None, Metadata, Object) picks what each row carries. */
export function toTable(route: ResourceRoute, objects: KubeObject[], resourceVersion: string, query: URLSearchParams): object {
  const columns = columnsFor(route);
  const include = query.get("includeObject") ?? "Metadata";
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion },
    columnDefinitions: columns.map(({ cell: _cell, ...def }) => ({ format: "", description: "", priority: 0, ...def })),
    rows: objects.map((o) => ({
      cells: columns.map((c) => c.cell(o)),
      ...(include === "None" ? {} : { object: include === "Object" ? o : { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata } }),
    })),
  };
}
