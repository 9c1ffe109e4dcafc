import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
// @ts-expect-error -- a plain .mjs script without types
import { DOC, renderActionDocs, withActionDocs } from "../../scripts/action-docs.mjs";
import { actionYml, ROOT } from "./helpers.ts";

describe("docs/github-action.md", () => {
  it("has the inputs and outputs of action.yml (run `node scripts/action-docs.mjs` when this fails)", () => {
    const doc = readFileSync(DOC, "utf8");
    expect(doc).toBe(withActionDocs(doc, renderActionDocs(readFileSync(`${ROOT}action.yml`, "utf8"))));
    for (const name of [...Object.keys(actionYml().inputs), ...Object.keys(actionYml().outputs)]) expect(doc).toContain(`| \`${name}\` |`);
  });

  it("links the rendered sample postmortem, which exists", () => {
    expect(readFileSync(DOC, "utf8")).toContain("](sample-postmortem.md)");
    expect(readFileSync(`${ROOT}docs/sample-postmortem.md`, "utf8")).toMatch(/^<!-- firebreak:incident=/);
  });
});

describe("examples/workflows/incident-plan.yml", () => {
  const workflow = parse(readFileSync(`${ROOT}examples/workflows/incident-plan.yml`, "utf8"));
  const dispatch = workflow.on.workflow_dispatch.inputs;
  const steps: { uses?: string; with?: Record<string, string> }[] = workflow.jobs.plan.steps;

  it("is dispatched by hand with a plan choice, an environment, and preview on by default", () => {
    expect(dispatch.plan).toMatchObject({ type: "choice", required: true });
    expect(dispatch.plan.options.length).toBeGreaterThan(0);
    expect(dispatch.environment).toMatchObject({ type: "environment", required: true });
    expect(dispatch.preview).toMatchObject({ type: "boolean", default: true });
    expect(workflow.jobs.plan.environment).toBe("${{ inputs.environment }}");
  });

  it("asks for read access to the code and write access to issues, nothing else", () => {
    expect(workflow.permissions).toEqual({ contents: "read", issues: "write" });
  });

  it("lets one plan at a time run per service and environment, never cancelling a running one", () => {
    expect(workflow.concurrency.group).toContain("${{ inputs.service }}");
    expect(workflow.concurrency.group).toContain("${{ inputs.environment }}");
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
    // a waiting run is replaced by the next dispatch in its group: a preview must not be in a real run's
    expect(workflow.concurrency.group).toMatch(/inputs\.preview && format\('-preview-\{0\}', github\.run_id\)/);
  });

  it("checks the plan is for the service the lock is on, without pasting inputs into the shell", () => {
    const check = workflow.jobs.plan.steps.find((s: { name?: string }) => s.name === "Check the plan acts on the service");
    expect(check.env).toEqual({ SERVICE: "${{ inputs.service }}", PLAN: "${{ inputs.plan }}" });
    for (const step of workflow.jobs.plan.steps as { run?: string }[]) expect(step.run ?? "").not.toContain("${{");
    for (const plan of dispatch.plan.options as string[]) expect(dispatch.service.options.some((svc: string) => plan.includes(svc))).toBe(true);
  });

  it("checks out, then runs this action with inputs action.yml declares, on plans that exist", () => {
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@v\d+$/);
    const action = steps.find((s) => s.uses === "./")!;
    expect(Object.keys(action.with!).filter((k) => !(k in actionYml().inputs))).toEqual([]);
    for (const plan of dispatch.plan.options as string[]) expect(() => readFileSync(`${ROOT}${plan}`)).not.toThrow();
  });
});
