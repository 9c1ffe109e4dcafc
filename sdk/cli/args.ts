import { UsageError } from "../errors.ts";
import { MAX_REQUEST_TIMEOUT, requestTimeoutMs } from "../util/duration.ts";
import { providerUrlProblem, shownProviderUrl } from "../metrics/provider-url.ts";
import { closest } from "../util/closest.ts";
import { checkOptionsOf, checkTargetOptions, isCommand, OPTIONS_OF, parseOptions } from "./options.ts";

export const USAGE = `firebreak: rollback and roll-forward plans for Kubernetes incidents

Usage:
  firebreak preview <plan.ts> [--target sim|cluster] [--scenario NAME|FILE] [--input key=value ...]
  firebreak run     <plan.ts> [--target sim|cluster] [--scenario NAME|FILE] [--input key=value ...]
                              [--journal FILE] [--postmortem FILE]
  firebreak rbac    <plan.ts> [--scenario NAME|FILE] [--input key=value ...]
                              print the least-privilege Role/ClusterRole the plan needs
  firebreak scenarios [NAME]   list the simulator's built-in scenarios, or print one as a
                              YAML file to start a scenario of your own from
  firebreak postmortem <journal.jsonl> [--postmortem FILE]
                              the postmortem of a run from its journal (a run killed before
                              its report, or one to report again); printed, or written to FILE
  firebreak gate replay <gates.ts> --from TIME --to TIME [--gate NAME] [--step 1m]
                              [--prometheus URL | --target sim --scenario NAME]
                         would this gate have caught a past bad release, and when?
                         (exit 0: it would have passed throughout; 1: it would have failed;
                          2: it cannot tell, as no round had data or Prometheus stopped answering)

Options:
  --target sim|cluster   where the plan acts (default: sim, the built-in simulator;
                         a real cluster only when named: --target cluster)
  --scenario NAME|FILE   simulator scenario (default: cold-jvm)
  --input key=value      a plan input (repeatable)
  --journal FILE         where the run's journal goes (default .firebreak/runs/<run-id>.jsonl)
  --postmortem FILE      where the postmortem goes (default .firebreak/runs/<run-id>.postmortem.md)
  --kubeconfig FILE      cluster target: kubeconfig (default: KUBECONFIG, ~/.kube/config, in-cluster)
  --context NAME         cluster target: kubeconfig context
  --request-timeout 30s  cluster target: how long one Kubernetes API request may take
  --prometheus URL       cluster target: Prometheus for gates and user impact
  --prometheus-header k=v   extra header for Prometheus (repeatable), e.g. X-Scope-OrgID=tenant
  --no-metrics           cluster target, a plan without metric gates: run without Prometheus

Exit codes: 0 succeeded, 1 failed-safe, 3 failed-unsafe, 2 bad usage or input, 130 cancelled,
  4 Firebreak failed unexpectedly (a bug): check the cluster; the journal, if the run started,
    says what it changed.`;

export interface ReplayCommand {
  command: "gate-replay";
  file: string;
  gate?: string;
  from: number;
  to: number;
  step?: string;
  target: "sim" | "cluster";
  scenario: string;
  prometheus?: string;
  prometheusHeaders: Record<string, string>;
}

export type Command =
  | { command: "help" }
  | { command: "scenarios"; name?: string }
  | { command: "postmortem"; journal: string; postmortem?: string }
  | { command: "rbac"; planFile: string; scenario: string; inputs: Record<string, string> }
  | ReplayCommand
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
      requestTimeoutMs?: number;
    };

function keyValues(list: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`${flag} ${item}: write it as ${flag} key=value`);
    const key = item.slice(0, eq);
    // Which of two values wins is nothing to guess at during an incident (the values may be secrets: not shown).
    if (Object.hasOwn(out, key)) throw new UsageError(`${flag} ${key} is given twice; give each ${flag === "--input" ? "input" : "header"} once`);
    out[key] = item.slice(eq + 1);
  }
  return out;
}

function time(flag: string, value: string | undefined): number {
  if (!value) throw new UsageError(`firebreak gate replay needs ${flag} TIME (ISO 8601, e.g. 2026-11-17T14:00:00Z)`);
  const ms = value === "now" ? Date.now() : Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`${flag} ${value}: not a time; write it like 2026-11-17T14:00:00Z`);
  return ms;
}

function replayCommand(rest: string[], values: Record<string, string | string[] | boolean | undefined>, given: string[]): ReplayCommand {
  const [sub, file, ...extra] = rest;
  if (sub !== "replay") throw new UsageError(`Unknown command 'gate ${sub ?? ""}'; did you mean 'firebreak gate replay <gates.ts> --from … --to …'?`);
  if (!file) throw new UsageError("firebreak gate replay needs a .ts file that exports the gate(s) to replay");
  if (extra.length) throw new UsageError(`Unexpected arguments: ${extra.join(" ")}`);
  const target = (values.target as string | undefined) ?? (values.prometheus ? "cluster" : "sim");
  if (target !== "sim" && target !== "cluster") throw new UsageError(`--target ${target}: use 'sim' (the simulator) or 'cluster'`);
  checkTargetOptions(target, given);
  if (target === "cluster" && !values.prometheus) throw new UsageError("firebreak gate replay against real history needs --prometheus URL");
  return {
    command: "gate-replay",
    file,
    ...(values.gate ? { gate: values.gate as string } : {}),
    from: time("--from", values.from as string | undefined),
    to: time("--to", values.to as string | undefined),
    ...(values.step ? { step: values.step as string } : {}),
    target,
    scenario: (values.scenario as string | undefined) ?? "cold-jvm",
    ...(values.prometheus ? { prometheus: prometheusUrl(values.prometheus as string) } : {}),
    prometheusHeaders: keyValues(values["prometheus-header"] as string[] | undefined, "--prometheus-header"),
  };
}

/** Parses the command line; every mistake is a UsageError saying what to type instead. */
export function parseCommand(argv: string[]): Command {
  const { values, positionals, given } = parseOptions(argv);
  const [command, planFile, ...extra] = positionals;
  if (values.help || !command || command === "help") return { command: "help" };
  if (!isCommand(command)) {
    const meant = closest(command, Object.keys(OPTIONS_OF));
    throw new UsageError(`Unknown command '${command}'${meant ? `; did you mean '${meant}'?` : ""} (firebreak help lists the commands)`);
  }
  checkOptionsOf(command, given);
  if (command === "scenarios") {
    if (extra.length) throw new UsageError(`Unexpected arguments: ${extra.join(" ")} (firebreak scenarios takes one scenario's name, or none)`);
    return { command: "scenarios", ...(planFile ? { name: planFile } : {}) };
  }
  if (command === "rbac") {
    if (!planFile) throw new UsageError("firebreak rbac needs a plan file, e.g. firebreak rbac examples/checkout-api-rollback.ts --input revision=2");
    if (extra.length) throw new UsageError(`Unexpected arguments: ${extra.join(" ")} (inputs go as --input key=value)`);
    if (values.target && values.target !== "sim") throw new UsageError("firebreak rbac rehearses the plan on the simulator; it never touches a cluster (drop --target)");
    return { command: "rbac", planFile, scenario: values.scenario ?? "cold-jvm", inputs: keyValues(values.input, "--input") };
  }
  if (command === "gate") return replayCommand(positionals.slice(1), values, given);
  if (command === "postmortem") {
    if (!planFile) throw new UsageError("firebreak postmortem needs a journal file, e.g. firebreak postmortem .firebreak/runs/<run-id>.jsonl");
    if (extra.length) throw new UsageError(`Unexpected arguments: ${extra.join(" ")} (firebreak postmortem reads one journal)`);
    return { command: "postmortem", journal: planFile, ...(values.postmortem ? { postmortem: values.postmortem } : {}) };
  }
  if (!planFile) throw new UsageError(`firebreak ${command} needs a plan file, e.g. firebreak ${command} examples/checkout-api-rollback.ts`);
  if (extra.length) throw new UsageError(`Unexpected arguments: ${extra.join(" ")} (inputs go as --input key=value)`);
  const target = values.target ?? "sim";
  if (target !== "sim" && target !== "cluster") throw new UsageError(`--target ${target}: use 'sim' (the simulator) or 'cluster'`);
  checkTargetOptions(target, given);
  const parsed: Command = {
    command,
    planFile,
    target,
    scenario: values.scenario ?? "cold-jvm",
    inputs: keyValues(values.input, "--input"),
    ...(values.journal ? { journal: values.journal } : {}),
    ...(values.postmortem ? { postmortem: values.postmortem } : {}),
    ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
    ...(values.context ? { context: values.context } : {}),
    ...(values.prometheus ? { prometheus: prometheusUrl(values.prometheus) } : {}),
    prometheusHeaders: keyValues(values["prometheus-header"], "--prometheus-header"),
    ...(values["request-timeout"] ? { requestTimeoutMs: requestTimeout(values["request-timeout"]) } : {}),
  };
  if (target === "cluster") checkMetricsChoice(values.prometheus, values["no-metrics"] === true);
  return parsed;
}

/**
 * A cluster run without Prometheus would change the cluster, then stop at its first gate (a gate
 * without metrics fails closed), and report no user impact: said before anything is changed. A
 * plan without metric gates says so with --no-metrics.
 */
function checkMetricsChoice(prometheus: string | undefined, noMetrics: boolean): void {
  if (prometheus && noMetrics) throw new UsageError("--prometheus and --no-metrics say opposite things: give one");
  if (!prometheus && !noMetrics) {
    throw new UsageError(
      "--target cluster needs --prometheus URL: the plan's gates and the user-impact report read it, and without it the run would change the cluster, " +
        "then stop at its first gate. For a plan without metric gates, pass --no-metrics.",
    );
  }
}

function prometheusUrl(value: string): string {
  const problem = providerUrlProblem(value);
  if (problem) throw new UsageError(`--prometheus ${shownProviderUrl(value)} ${problem}`);
  return value;
}

function requestTimeout(value: string): number {
  const ms = requestTimeoutMs(value);
  if (ms === undefined) throw new UsageError(`--request-timeout ${value}: write a duration up to ${MAX_REQUEST_TIMEOUT}, like 10s or 1m`);
  return ms;
}
