import type { KubeObject } from "../../ports/kube.ts";
import type { ResourceType } from "./resources.ts";
import { type ApiError, failure } from "./status.ts";

/**
 * Validating admission webhooks a mesh installs with its CRDs. Istio's `validation.istio.io`
 * checks VirtualService route destinations after schema validation; a denial is a 400 whose message
 * names the webhook, as kube-apiserver wraps webhook denials.
 */

const ISTIO_GROUP = "networking.istio.io";

type Destination = { destination?: unknown; weight?: number };

/**
 * Istio's rule for one route's destinations: each names a destination, with a weight of 0 or more.
 * Weights are relative: since Istio 1.15 (istio/istio#39544) they need not sum to 100.
 */
function weightProblems(route: unknown): string[] {
  if (!Array.isArray(route)) return [];
  const problems: string[] = [];
  for (const d of route as Destination[]) {
    if (!d || typeof d !== "object") {
      problems.push("weight may not be nil");
      continue;
    }
    if (!d.destination) problems.push("destination is required");
    const w = d.weight ?? 0;
    if (w < 0) problems.push(`weight ${w} < 0`);
  }
  return problems;
}

function virtualServiceProblems(vs: KubeObject): string[] {
  const problems: string[] = [];
  for (const section of ["http", "tcp", "tls"]) {
    const rules = vs.spec?.[section];
    if (!Array.isArray(rules)) continue;
    for (const rule of rules) problems.push(...weightProblems(rule?.route));
  }
  return problems;
}

/** Istio renders several problems with hashicorp/go-multierror. */
function multiError(problems: string[]): string {
  if (problems.length === 1) return problems[0]!;
  return `${problems.length} errors occurred:\n${problems.map((p) => `\t* ${p}`).join("\n")}\n\n`;
}

/** Runs the validating webhooks for the object; the denial to answer, if any. */
export function admit(obj: KubeObject, t: ResourceType): ApiError | undefined {
  if (t.group === ISTIO_GROUP && t.kind === "VirtualService") {
    const problems = virtualServiceProblems(obj);
    if (problems.length) {
      return failure(400, undefined, `admission webhook "validation.istio.io" denied the request: configuration is invalid: ${multiError(problems)}`);
    }
  }
  return undefined;
}
