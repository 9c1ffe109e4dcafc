import type { KubeObject } from "../../ports/kube.ts";
import type { ApiReply, ApiRequest, ServerContext } from "./context.ts";
import { badRequest, failure, methodNotAllowed, notFound } from "./status.ts";

/**
 * GET /api/v1/namespaces/{ns}/pods/[{scheme}:]{name}[:{port}]/proxy/{path}: the API server's pod proxy, the
 * way our clients reach a pod's health and metrics endpoints. The simulator's hook plays the pod.
 */

/** Port of a pod when the URL names none: its first declared container port, else 80 as the proxy dials. */
function defaultPort(pod: KubeObject): number {
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (typeof p.containerPort === "number") return p.containerPort;
  return 80;
}

/** A named port (`http`) resolved through the pod's container ports. */
function namedPort(pod: KubeObject, name: string): number | undefined {
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  return undefined;
}

/** Splits `[scheme:]name[:port]` as the API server does (SplitSchemeNamePort): scheme http or https, a name. */
function parseTarget(target: string): { scheme: "http" | "https"; name: string; port?: string } {
  const parts = target.split(":");
  const [scheme, name, port] = parts.length === 3 ? parts : ["", parts[0], parts[1]];
  if (parts.length > 3 || !name || (scheme !== "" && scheme !== "http" && scheme !== "https")) throw badRequest(`invalid pod request "${target}"`);
  return { scheme: scheme === "https" ? "https" : "http", name, port: port || undefined };
}

/** GET through the pod proxy: 404 without the pod, 503 when nothing answers on the port. */
export function proxy(ctx: ServerContext, req: ApiRequest): ApiReply {
  if (req.method !== "GET") throw methodNotAllowed();
  const { route } = req;
  const { scheme, name, port: portText } = parseTarget(route.name!);
  const pod = ctx.objects.get(route.type, route.namespace, name);
  if (!pod) throw notFound({ group: "", plural: "pods" }, name);
  const port = portText === undefined ? defaultPort(pod) : /^\d+$/.test(portText) ? Number(portText) : namedPort(pod, portText);
  const podIP = pod.status?.podIP ?? "10.244.0.1";
  if (port === undefined) throw failure(503, "ServiceUnavailable", `no such port name ${JSON.stringify(portText)} on pod ${name}`);
  const query = req.query.toString();
  const path = `/${route.proxyPath ?? ""}${query ? `?${query}` : ""}`;
  const answer = ctx.podProxy?.({ namespace: route.namespace!, pod: name, port, scheme, path });
  if (!answer) {
    throw failure(503, "ServiceUnavailable", `error trying to reach service: dial tcp ${podIP}:${port}: connect: connection refused`);
  }
  return { status: answer.status, body: answer.body, contentType: "text/plain; charset=utf-8" };
}
