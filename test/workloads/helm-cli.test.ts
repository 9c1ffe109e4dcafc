import { describe, expect, it } from "vitest";
import { HelmCommandError, helmFieldConflict } from "../../sdk/workloads/helm-cli.ts";

const OPERATION = "helm rollback to revision 2 of Helm release prod/checkout-api";
const failed = (output: string) => new HelmCommandError(["rollback", "checkout-api", "2"], 1, output);

describe("helmFieldConflict: the server-side apply conflicts in helm's output", () => {
  it("names this run's fields, and the fix is to write them again after the chart", () => {
    const err = helmFieldConflict(
      failed('Error: conflict occurred while applying object prod/checkout-api apps/v1, Kind=Deployment: Apply failed with 1 conflict: conflict with "firebreak" using apps/v1: .spec.replicas'),
      OPERATION,
    );
    expect(err?.conflicts).toEqual([{ object: "Deployment prod/checkout-api", manager: "firebreak", fields: [".spec.replicas"] }]);
    expect(err?.message).toContain(`${OPERATION} was refused by the cluster: the chart sets Deployment prod/checkout-api's .spec.replicas, which this run wrote (field manager "firebreak")`);
    expect(err?.message).toContain("then write them again in the step after");
  });

  it("reads several conflicts per manager, as the API server lists them, and says who else wrote what", () => {
    const output = [
      "Error: conflict occurred while applying object prod/checkout-api apps/v1, Kind=Deployment: Apply failed with 3 conflicts: conflicts with \"firebreak\" using apps/v1:",
      "- .spec.replicas",
      'conflicts with "kubectl-set" using apps/v1:',
      "- .spec.template.spec.containers[name=\"app\"].image",
      '- .spec.template.spec.containers[name="app"].env[name="LOG_LEVEL"].value',
    ].join("\n");
    const err = helmFieldConflict(failed(output), OPERATION);
    expect(err?.conflicts).toEqual([
      { object: "Deployment prod/checkout-api", manager: "firebreak", fields: [".spec.replicas"] },
      { object: "Deployment prod/checkout-api", manager: "kubectl-set", fields: ['.spec.template.spec.containers[name="app"].image', '.spec.template.spec.containers[name="app"].env[name="LOG_LEVEL"].value'] },
    ]);
    expect(err?.message).toContain(
      `the chart sets Deployment prod/checkout-api's .spec.replicas, which this run wrote (field manager "firebreak"); and Deployment prod/checkout-api's .spec.template.spec.containers[name="app"].image, .spec.template.spec.containers[name="app"].env[name="LOG_LEVEL"].value, which field manager "kubectl-set" wrote after Helm`,
    );
    expect(err?.message).toContain('Find out why "kubectl-set" changed them');
    expect(err?.message).toContain("Write the run's own fields again in the step after");
  });

  it("leaves any other failure as helm's own error", () => {
    expect(helmFieldConflict(failed('Error: release: not found'), OPERATION)).toBeUndefined();
    expect(helmFieldConflict(new Error("spawn helm ENOENT"), OPERATION)).toBeUndefined();
  });
});
