import { InvalidPlanError } from "../../errors.ts";
import { istioIndicators } from "./istio.ts";
import type { MeshIndicators } from "./types.ts";

const byMesh: Record<string, MeshIndicators> = { istio: istioIndicators };

/** The built-in indicator queries of a mesh (by router type). */
export function indicatorsFor(mesh: string): MeshIndicators {
  const found = byMesh[mesh];
  if (!found) {
    throw new InvalidPlanError(
      `There are no built-in metrics for '${mesh}'; built-in ones exist for: ${Object.keys(byMesh).join(", ")}. Use gates.query({ promql, ... }) instead.`,
    );
  }
  return found;
}

export type { MeshIndicators, Scope } from "./types.ts";
