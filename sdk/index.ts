/**
 * Firebreak: rollback and roll-forward plans for Kubernetes incidents, as TypeScript programs.
 * This module is the whole public API a plan imports (`import { plan, z, ... } from "firebreak"`).
 */
export { z } from "zod";
export * from "./api.ts";
