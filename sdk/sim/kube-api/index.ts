/**
 * The simulator's Kubernetes REST API face: a loopback HTTP server over an ObjectStore that
 * client-node and kubectl talk to as to a real cluster.
 */
export { startKubeApiServer, MAX_REQUEST_BYTES, MAX_REQUEST_LOG, type KubeApiServer, type KubeApiServerOptions } from "./server.ts";
export type { Fault, FaultInjector } from "./faults.ts";
export type { RbacPolicy, RbacRule } from "./rbac.ts";
export type { Status, StatusCause } from "./status.ts";
