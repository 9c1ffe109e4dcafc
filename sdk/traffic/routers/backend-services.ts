import { InvalidPlanError } from "../../errors.ts";
import type { KubeObject } from "../../ports/kube.ts";
import type { Split } from "../split.ts";

/**
 * Refuses a split that gives traffic to a backend Service that does not exist (deleted by a
 * rollback, or never created): every request sent there fails. Taking it to 0% is always allowed.
 * `inNamespace`: the backends that are Services of `namespace`, the only ones `services` can vouch for.
 * `fails`: what happens to those requests, in the mesh's words.
 */
export function refuseMissingServices(label: string, namespace: string, split: Split, services: KubeObject[], inNamespace: (backend: string) => boolean, fails: string): void {
  const missing = Object.keys(split).find((d) => split[d]! > 0 && inNamespace(d) && !services.some((s) => s.metadata.name === d));
  if (missing === undefined) return;
  throw new InvalidPlanError(
    `${label}: backend '${missing}' has no Service in ${namespace}, so ${fails} every request it would send there. ` +
      "Create the Service (a rollback may have deleted it), or give that backend 0%.",
  );
}
