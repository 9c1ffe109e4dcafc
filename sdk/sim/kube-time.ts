/**
 * Kubernetes timestamps (metav1.Time: creationTimestamp, conditions' lastTransitionTime, a
 * container's startedAt, managedFields' time) are RFC 3339 in whole seconds: the API server drops
 * the fraction. The simulator writes them the same way, so the SDK meets the precision it has on a
 * cluster (a pod ready "since 12:00:03" may have turned ready at 12:00:03.999).
 *
 * @example kubeTime(Date.UTC(2026, 0, 1, 12, 0, 3, 999)) // "2026-01-01T12:00:03Z"
 */
export const kubeTime = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
