import { parseArgs } from "node:util";
import { UsageError } from "../errors.ts";

export const USAGE = `firebreak: rollback and roll-forward plans for Kubernetes incidents

Usage:
  firebreak preview <plan.ts> [--target sim|cluster] [--scenario NAME|FILE] [--input key=value ...]
  firebreak run     <plan.ts> [--target sim|cluster] [--scenario NAME|FILE] [--input key=value ...]
                              [--journal FILE] [--postmortem FILE]
  firebreak scenarios          list the simulator's built-in scenarios

Options:
  --target sim|cluster   where the plan acts (default: sim, the built-in simulator;
                         a real cluster only when named: --target cluster)
  --scenario NAME|FILE   simulator scenario (default: cold-jvm)
  --input key=value      a plan input (repeatable)
  --journal FILE         where the run's journal goes (default .firebreak/runs/<run-id>.jsonl)
  --postmortem FILE      where the postmortem goes (default .firebreak/runs/<run-id>.postmortem.md)
  --kubeconfig FILE      cluster target: kubeconfig (default: KUBECONFIG, ~/.kube/config, in-cluster)
  --context NAME         cluster target: kubeconfig context
  --prometheus URL       cluster target: Prometheus for gates and user impact
  --prometheus-header k=v   extra header for Prometheus (repeatable), e.g. X-Scope-OrgID=tenant

Exit codes: 0 succeeded, 1 failed-safe, 3 failed-unsafe, 2 bad usage or input, 130 cancelled.`;

export type Command =
  | { command: "help" }
  | { command: "scenarios" }
  | {
      command: "preview" | "run";
      planFile: string;
      target: "sim" | "cluster";
      scenario: string;
      inputs: Record<string, string>;
      journal?: string;
      postmortem?: string;
      kubeconfig?: string;
      context?: string;
      prometheus?: string;
      prometheusHeaders: Record<string, string>;
    };

function keyValues(list: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`${flag} ${item}: write it as ${flag} key=value`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** Parses the command line; every mistake is a UsageError saying what to type instead. */
export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        target: { type: "string" },
        scenario: { type: "string" },
        input: { type: "string", multiple: true },
        journal: { type: "string" },
        postmortem: { type: "string" },
        kubeconfig: { type: "string" },
        context: { type: "string" },
        prometheus: { type: "string" },
        "prometheus-header": { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, planFile, ...extra] = positionals;
  if (values.help || !command || command === "help") return { command: "help" };
  if (command === "scenarios") return { command: "scenarios" };
  if (command !== "preview" && command !== "run") throw new UsageError(`Unknown command '${command}'.\n\n${USAGE}`);
  if (!planFile) throw new UsageError(`firebreak ${command} needs a plan file, e.g. firebreak ${command} examples/checkout-api-rollback.ts`);
  if (extra.length) throw new UsageError(`Unexpected arguments: ${extra.join(" ")} (inputs go as --input key=value)`);
  const target = values.target ?? "sim";
  if (target !== "sim" && target !== "cluster") throw new UsageError(`--target ${target}: use 'sim' (the simulator) or 'cluster'`);
  if (target === "sim" && (values.kubeconfig || values.context)) throw new UsageError("--kubeconfig/--context apply to --target cluster only");
  return {
    command,
    planFile,
    target,
    scenario: values.scenario ?? "cold-jvm",
    inputs: keyValues(values.input, "--input"),
    ...(values.journal ? { journal: values.journal } : {}),
    ...(values.postmortem ? { postmortem: values.postmortem } : {}),
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    ...(values.context ? { context: values.context } : {}),
    ...(values.prometheus ? { prometheus: values.prometheus } : {}),
    prometheusHeaders: keyValues(values["prometheus-header"], "--prometheus-header"),
  };
}
