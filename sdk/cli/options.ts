import { parseArgs } from "node:util";
import { UsageError } from "../errors.ts";
import { closest } from "../util/closest.ts";

const OPTIONS = {
  target: { type: "string" },
  scenario: { type: "string" },
  input: { type: "string", multiple: true },
  journal: { type: "string" },
  postmortem: { type: "string" },
  kubeconfig: { type: "string" },
  context: { type: "string" },
  prometheus: { type: "string" },
  "prometheus-header": { type: "string", multiple: true },
  "no-metrics": { type: "boolean" },
  gate: { type: "string" },
  "request-timeout": { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  step: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Option = keyof typeof OPTIONS;

const PLAN_OPTIONS: Option[] = ["target", "scenario", "input", "kubeconfig", "context", "request-timeout", "prometheus", "prometheus-header", "no-metrics"];

/** The options each command takes (and --help). */
export const OPTIONS_OF = {
  preview: [...PLAN_OPTIONS, "journal"],
  run: [...PLAN_OPTIONS, "journal", "postmortem"],
  rbac: ["target", "scenario", "input"],
  scenarios: [],
  postmortem: ["postmortem"],
  gate: ["gate", "from", "to", "step", "target", "scenario", "prometheus", "prometheus-header"],
} satisfies Record<string, Option[]>;

export type CommandName = keyof typeof OPTIONS_OF;

export const isCommand = (name: string): name is CommandName => Object.hasOwn(OPTIONS_OF, name);

/** What each target does without: an option of the other one would be ignored. */
const ONLY_FOR_TARGET: Record<"sim" | "cluster", Option[]> = {
  sim: ["scenario"],
  cluster: ["kubeconfig", "context", "request-timeout", "prometheus", "prometheus-header", "no-metrics"],
};

const commandLabel = (command: CommandName) => (command === "gate" ? "gate replay" : command);

/**
 * Parses the options, refusing an unknown one (with the option it most likely meant) and a
 * single-valued one given twice: which of two --target values wins is nothing to guess at.
 */
export function parseOptions(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, tokens: true, options: OPTIONS });
  } catch (err) {
    const message = (err as Error).message;
    const unknown = /^Unknown option '(-{1,2})([^']+)'/.exec(message);
    if (!unknown) throw new UsageError(`${message.replace(/\.$/, "")}; firebreak help shows the usage`);
    const meant = closest(unknown[2]!, Object.keys(OPTIONS));
    throw new UsageError(`Unknown option ${unknown[1]}${unknown[2]}${meant ? `; did you mean --${meant}?` : ""} (firebreak help lists the options)`);
  }
  const given = parsed.tokens.flatMap((t) => (t.kind === "option" ? [t.name as Option] : []));
  const twice = given.find((name, i) => !("multiple" in OPTIONS[name]) && given.indexOf(name) !== i);
  if (twice) throw new UsageError(`--${twice} is given twice; give it once`);
  return { values: parsed.values, positionals: parsed.positionals, given };
}

/** Refuses an option the command does not take: silently ignored, it would do nothing the user expects. */
export function checkOptionsOf(command: CommandName, given: readonly string[]): void {
  const stray = given.find((name) => name !== "help" && !(OPTIONS_OF[command] as readonly string[]).includes(name));
  if (!stray) return;
  const takers = (Object.keys(OPTIONS_OF) as CommandName[]).filter((c) => (OPTIONS_OF[c] as readonly string[]).includes(stray)).map(commandLabel);
  const list = takers.length > 1 ? `${takers.slice(0, -1).join(", ")} and ${takers.at(-1)} do` : `${takers[0]} does`;
  throw new UsageError(`firebreak ${commandLabel(command)} does not take --${stray} (firebreak ${list}); leave it out`);
}

/** Refuses an option of the other target: `--prometheus` on the simulator would be ignored. */
export function checkTargetOptions(target: "sim" | "cluster", given: readonly string[]): void {
  const other = target === "sim" ? "cluster" : "sim";
  const stray = ONLY_FOR_TARGET[other].filter((name) => given.includes(name));
  if (!stray.length) return;
  const flags = stray.map((name) => `--${name}`).join(", ");
  throw new UsageError(
    `${flags} ${stray.length > 1 ? "apply" : "applies"} to --target ${other} only, and the target is ${target}: leave ${stray.length > 1 ? "them" : "it"} out, or use --target ${other}`,
  );
}
