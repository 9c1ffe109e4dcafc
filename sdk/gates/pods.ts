import type { KubeObject } from "../ports/kube.ts";
import type { Deployment } from "../workloads/deployment.ts";

/**
 * The workload's current-template pods that are not shutting down. A terminating pod stays listed,
 * and Ready, through its grace period, while its replacement may not be ready yet: counting it
 * would pass a gate on a pod that is going away.
 */
export async function livePods(workload: Deployment, deployment?: KubeObject): Promise<KubeObject[]> {
  return (await workload.pods(deployment)).filter((p) => !p.metadata.deletionTimestamp);
}
