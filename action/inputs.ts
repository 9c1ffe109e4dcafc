/**
 * The action's inputs, read once into one validated {@link Settings} object. Nothing else in the
 * action reads an input: `main.ts` and `post.ts` call {@link readSettings} with `core.getInput`
 * and pass the result down. Every bad value fails with one line that names the input.
 */
import { JSON_SCHEMA, load as loadYaml, YAMLException } from "js-yaml";
import * as z from "zod/mini";
import { UsageError } from "../sdk/errors.ts";
import { MAX_REQUEST_TIMEOUT, requestTimeoutMs } from "../sdk/util/duration.ts";
import { PROVIDER_URL_EXAMPLE, providerSecrets, providerUrlProblem, shownProviderUrl } from "../sdk/metrics/provider-url.ts";
import { parseKubeconfigYaml } from "../sdk/kube/kubeconfig-files.ts";
import { secretValuesOf } from "../sdk/util/redact.ts";

/** Every input of action.yml, by name. */
export const INPUT_NAMES = [
  "plan", "inputs", "mode", "target", "scenario", "kubeconfig", "context", "request-timeout", "prometheus-url", "prometheus-headers",
  "github-token", "postmortem", "postmortem-repo", "labels", "assignees", "severity", "incident-key",
] as const;

/** The name of an input, as in action.yml. */
export type InputName = (typeof INPUT_NAMES)[number];

/** The prometheus-url of a plan without metric gates, run against a cluster. */
const NO_METRICS = "none";
/** GitHub refuses label names longer than this (REST `POST /labels`: "name is too long (maximum is 50 characters)"). */
const LABEL_MAX = 50;

/**
 * GitHub user names: alphanumerics and single hyphens, at most 39 characters, and on GitHub
 * Enterprise Managed Users (and GHES with SSO) an underscore and the enterprise's short code
 * after it (`mona-cat_octo`), which `github.triggering_actor` gives there; or an app's bot
 * (`name[bot]`), which it gives when an app dispatched the run: accepted here, and left off the
 * issue with a warning, so that a bot dispatching never stops the plan.
 */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|[-_](?=[A-Za-z0-9])){0,38}(?:_[A-Za-z0-9]{1,8})?(\[bot\])?$/;

/**
 * An incident key: characters the issue's hidden marker keeps as they are, without `--` (the
 * marker folds it to `-`, so `eu--west` and `eu-west` would name one incident).
 */
const INCIDENT_KEY = /^(?!.*--)[A-Za-z0-9._-]{1,64}$/;

/** The action's settings, after validation. */
export interface Settings {
  /** Path of the plan, relative to the workspace (the checked-out repository). */
  plan: string;
  /** The plan's raw inputs: validated against the plan's own schema when it is loaded. */
  inputs: Record<string, unknown>;
  /** The inputs were given as key=value lines (not JSON): see {@link checkInputLines}. */
  inputLines?: true;
  mode: "preview" | "run";
  target: "cluster" | "sim";
  /** Simulator scenario; set when `target` is `sim`. */
  scenario?: string;
  /** Kubeconfig content (a secret). Empty: `KUBECONFIG`, `~/.kube/config` or in-cluster. */
  kubeconfig?: string;
  /** Kubeconfig context to use instead of the current one. */
  context?: string;
  /** Deadline of one Kubernetes API request; unset: the port's default (30 s). */
  requestTimeoutMs?: number;
  prometheusUrl?: string;
  /** Extra headers for Prometheus; their values are secrets, but for a tenant's ({@link TENANT_HEADERS}). */
  prometheusHeaders: Record<string, string>;
  githubToken: string;
  /** When to file the postmortem issue. */
  postmortem: "always" | "on-failure" | "never";
  /** Where the postmortem issue goes; default the workflow's repository. */
  postmortemRepo?: { owner: string; repo: string };
  labels: string[];
  assignees: string[];
  severity?: string;
  /** Tells apart plans run by the same step of one workflow run (matrix legs); part of the incident id. */
  incidentKey?: string;
}

/**
 * A bad input value: one line, naming the input, saying what is accepted.
 *
 * @example
 * throw new InputError("mode", 'must be preview or run (got "dry-run")');
 * // message: Input "mode": must be preview or run (got "dry-run")
 */
export class InputError extends UsageError {
  override name = "InputError";
  constructor(readonly input: InputName, problem: string) {
    super(`Input "${input}": ${problem}`);
  }
}

/** Splits "a, b\nc" into ["a", "b", "c"]. */
function list(raw: string): string[] {
  return raw.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
}

/**
 * The first key given twice in one object of a JSON text: JSON.parse silently keeps the last.
 * JSON is YAML, and js-yaml (on the action's start-up path already) refuses a duplicated key,
 * pointing at its second occurrence, where the key's string token is read back.
 */
function repeatedKey(json: string): string | undefined {
  try {
    loadYaml(json, { schema: JSON_SCHEMA });
    return undefined;
  } catch (err) {
    // whatever else YAML reads otherwise than JSON, JSON.parse has judged already
    if (!(err instanceof YAMLException) || err.reason !== "duplicated mapping key") return undefined;
    const token = /"(?:[^"\\]|\\.)*"/y;
    token.lastIndex = err.mark.position;
    const key = token.exec(json)?.[0];
    return key ? (JSON.parse(key) as string) : `the key at line ${err.mark.line + 1}, column ${err.mark.column + 1}`;
  }
}

/** Whether a pairs input (`inputs`, `prometheus-headers`) is given as JSON rather than as lines. */
const isJson = (raw: string) => /^[[{]/.test(raw.trim());

/** `{"k": …}` or `key=value` lines (blank lines and `#` comments skipped). */
function parsePairs(input: InputName, raw: string, separator: "=" | ":"): Record<string, unknown> {
  const text = raw.trim();
  if (text === "") return {};
  const once = `give each ${input === "inputs" ? "input" : "header"} once`;
  if (isJson(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // JSON.parse's message quotes the text around the mistake, which may be a secret's part.
      throw new InputError(input, "not valid JSON: check that every key and string value is in double quotes (the value is not shown: it may hold secrets)");
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new InputError(input, "JSON must be an object");
    const repeated = repeatedKey(text);
    if (repeated !== undefined) throw new InputError(input, `${repeated} is given twice; ${once}`);
    return parsed as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const at = trimmed.indexOf(separator);
    if (at <= 0) throw new InputError(input, `line ${i + 1} is not key${separator}value (give JSON or one key${separator}value per line)`);
    const key = trimmed.slice(0, at).trim();
    if (Object.hasOwn(out, key)) throw new InputError(input, `line ${i + 1} sets ${key} again; ${once}`);
    out[key] = trimmed.slice(at + 1).trim();
  }
  return out;
}

/** Inputs whose values may hold secrets: an error never echoes them. */
const SECRET_INPUTS = new Set<InputName>(["inputs", "kubeconfig", "github-token", "prometheus-headers"]);

/** How an error shows a bad value of the other inputs: as given, but a URL without its `user:password@`. */
const shownValue = (input: InputName, value: string) => (input === "prometheus-url" ? shownProviderUrl(value) : JSON.stringify(value));

const optional = (s: string) => (s.trim() === "" ? undefined : s.trim());

// A runner evaluates action.yml's `${{ }}` default; @github/local-action passes it as written.
const evaluated = (s: string) => (/^\$\{\{[\s\S]*\}\}$/.test(s.trim()) ? "" : s);

/** A string input with a check: `transform` turns it into its value, `ok` says whether that value is allowed. */
const text = <T>(transform: (s: string) => T, ok: (v: T) => boolean = () => true, message = "") =>
  z.pipe(z.string(), z.transform(transform)).check(z.refine(ok, message));

// zod/mini: the same validation as zod's chained API, at a fraction of the load time of the
// incident path (the action's cold start).
const schema = z
  .object({
    plan: z.string().check(
      z.trim(),
      z.minLength(1, "required: the path of the plan's .ts file in the repository"),
      z.regex(/\.(ts|mts)$/, "must be a .ts file (the plan, e.g. plans/checkout-rollback.ts)"),
    ),
    mode: z.enum(["preview", "run"], "must be preview or run"),
    target: z.enum(["cluster", "sim"], "must be cluster or sim"),
    scenario: text(optional),
    kubeconfig: text((s) => (s.trim() === "" ? undefined : s)),
    context: text(optional),
    "request-timeout": text(optional, (s) => s === undefined || requestTimeoutMs(s) !== undefined, `must be a duration up to ${MAX_REQUEST_TIMEOUT}, like 10s or 1m`),
    "prometheus-url": text(optional, (s) => s === undefined || s === NO_METRICS || providerUrlProblem(s) === undefined, `must be an http(s) URL, e.g. ${PROVIDER_URL_EXAMPLE}, or ${NO_METRICS}`),
    "github-token": z.string().check(z.trim()),
    postmortem: z.enum(["always", "on-failure", "never"], "must be always, on-failure or never"),
    "postmortem-repo": text(optional, (s) => s === undefined || /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(s), "must be owner/name"),
    labels: text(list, (l) => l.every((x) => x.length <= LABEL_MAX), `each label must be at most ${LABEL_MAX} characters`),
    assignees: text((s) => list(s).map((a) => a.replace(/^@/, "")), (l) => l.every((a) => LOGIN.test(a)), "each assignee must be a GitHub user name"),
    severity: text(optional, (s) => s === undefined || (s.length <= LABEL_MAX - "severity:".length && !/[\r\n]/.test(s)), `must be one line of at most ${LABEL_MAX - "severity:".length} characters (it becomes the label severity:<value>), e.g. sev2`),
    "incident-key": text(
      (s) => optional(evaluated(s)),
      (s) => s === undefined || INCIDENT_KEY.test(s),
      "must be up to 64 letters, digits, '.', '_' or single '-', e.g. a matrix value such as eu-west",
    ),
  })
  .check(
    z.refine((o) => o.target !== "sim" || o.scenario !== undefined, {
      path: ["scenario"],
      message: "required when target is sim (a built-in scenario name, e.g. cold-jvm)",
    }),
    // without metrics a cluster run would change the cluster, then stop at its first gate (it fails closed)
    z.refine((o) => o.target !== "cluster" || o["prometheus-url"] !== undefined, {
      path: ["prometheus-url"],
      message:
        "required when target is cluster: the plan's gates and the user-impact report read it, and without it the run would change the cluster, " +
        `then stop at its first gate. For a plan without metric gates, set it to ${NO_METRICS}`,
    }),
    // a rehearsal that forgot target: sim would otherwise run against the kubeconfig's cluster
    z.refine((o) => o.target === "sim" || o.scenario === undefined, {
      path: ["scenario"],
      message: "only used with target: sim; with target: cluster the plan runs against the real cluster. Set target: sim to rehearse, or remove scenario",
    }),
  );

/** An HTTP header name is a token (RFC 9110 5.6.2). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What Node lets through in a header value: tab, visible ASCII, and bytes 0x80-0xFF. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Checks each header before the plan runs: a bad one would otherwise fail the first gate, mid-rollback. */
function checkHeaders(headers: Record<string, unknown>): Record<string, string> {
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new InputError("prometheus-headers", `"${name}" is not a header name: use letters, digits and - (e.g. X-Scope-OrgID)`);
    const same = seen.get(name.toLowerCase());
    if (same) throw new InputError("prometheus-headers", `${same} and ${name} are one header (names are not case-sensitive); give each header once`);
    seen.set(name.toLowerCase(), name);
    if (typeof value !== "string") throw new InputError("prometheus-headers", `the value of ${name} must be a string (the value is not shown: it may hold secrets)`);
    if (!HEADER_VALUE.test(value)) {
      throw new InputError("prometheus-headers", `the value of ${name} has a character a header cannot carry (a line break, or a typographic quote pasted from a document); the value is not shown: it may hold secrets`);
    }
  }
  return headers as Record<string, string>;
}

/**
 * Reads and validates every input once.
 *
 * @param getInput reads one input by name (`core.getInput`). The runner passes action.yml's
 *   default for every input not given, so defaults live in action.yml only.
 * @throws InputError for the first bad value, naming the input.
 * @example
 * const settings = readSettings((name) => core.getInput(name));
 * settings.mode; // "run"
 */
export function readSettings(getInput: (name: InputName) => string): Settings {
  const raw = Object.fromEntries(INPUT_NAMES.map((n) => [n, getInput(n)])) as Record<InputName, string>;
  const planInputs = parsePairs("inputs", raw.inputs, "=");
  const headers = checkHeaders(parsePairs("prometheus-headers", raw["prometheus-headers"], ":"));
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const input = (issue.path[0] ?? "plan") as InputName;
    const given = SECRET_INPUTS.has(input) ? "" : ` (got ${shownValue(input, raw[input])})`;
    throw new InputError(input, `${issue.message}${given}`);
  }
  const o = result.data;
  const repo = o["postmortem-repo"]?.split("/");
  return {
    plan: o.plan,
    inputs: planInputs,
    ...(raw.inputs.trim() && !isJson(raw.inputs) ? { inputLines: true as const } : {}),
    mode: o.mode,
    target: o.target,
    ...(o.scenario ? { scenario: o.scenario } : {}),
    ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}),
    ...(o.context ? { context: o.context } : {}),
    ...(o["request-timeout"] ? { requestTimeoutMs: requestTimeoutMs(o["request-timeout"]) } : {}),
    ...(o["prometheus-url"] && o["prometheus-url"] !== NO_METRICS ? { prometheusUrl: o["prometheus-url"] } : {}),
    prometheusHeaders: headers,
    githubToken: o["github-token"],
    postmortem: o.postmortem,
    ...(repo ? { postmortemRepo: { owner: repo[0]!, repo: repo[1]! } } : {}),
    labels: o.labels,
    assignees: o.assignees,
    ...(o.severity ? { severity: o.severity } : {}),
    ...(o["incident-key"] ? { incidentKey: o["incident-key"] } : {}),
  };
}

/**
 * Refuses a key=value line whose value holds another of the plan's inputs: the "Run workflow"
 * form's text field takes one line, so responders run them together ("reason=5xx revision=3",
 * or joined as labels and query strings are: "reason=5xx,revision=3", ";", "&"), and the plan
 * would take all of it as the reason and quietly run with revision's default.
 *
 * @param declared the plan's inputs (`declaredInputs` of sdk/plan/plan.ts); none: nothing to check against.
 * @throws InputError naming the input the line holds, and how to give both.
 * @example
 * checkInputLines(settings, declaredInputs(plan.meta));
 */
export function checkInputLines(settings: Pick<Settings, "inputs" | "inputLines">, declared: string[] = []): void {
  if (!settings.inputLines) return;
  for (const [key, value] of Object.entries(settings.inputs)) {
    const held = declared.find((name) => (value as string).split(/[\s,;&]+/).some((word) => word.startsWith(`${name}=`)));
    if (held === undefined) continue;
    throw new InputError(
      "inputs",
      `the value of ${key} holds "${held}=": give each input on a line of its own, or as JSON, e.g. {"${key}": "…", "${held}": "…"} (the Run workflow form's field takes one line: use JSON there)`,
    );
  }
}

/**
 * Every secret value the settings carry (token, kubeconfig and the credentials inside it,
 * Prometheus's credentials), for masking in the log and scrubbing from the journal, the summary
 * and the issue.
 *
 * @example
 * for (const secret of secretValues(settings)) core.setSecret(secret);
 */
export function secretValues(settings: Settings): string[] {
  const out = [settings.githubToken, ...providerSecrets(settings.prometheusUrl, settings.prometheusHeaders)];
  if (settings.kubeconfig) {
    // The whole of it, and each credential alone: an API server or a plugin that refuses one may quote it back.
    out.push(settings.kubeconfig, ...kubeconfigCredentials(settings.kubeconfig));
    // What YAML cannot parse (the run will refuse it) may still hold credentials, line by line.
    const credential = /^\s*-?\s*(token|client-key-data|client-certificate-data|password|id-token|refresh-token|access-token|client-secret)\s*:\s*["']?([^"'\s]+)/;
    for (const line of settings.kubeconfig.split(/\r?\n/)) {
      const value = credential.exec(line)?.[2];
      if (value) out.push(value);
    }
  }
  return [...new Set(out.filter((s) => s.length >= 4))];
}

/** A kubeconfig user's fields that are credentials. */
const USER_CREDENTIALS = ["token", "password", "client-key-data", "client-certificate-data"];
/** An auth provider's config keys that are (OIDC's id-token, refresh-token, client-secret; the old gcp and azure providers' access-token); not token-key, a JSONPath. */
const AUTH_PROVIDER_CREDENTIAL = /(token|secret|password)$/i;

/**
 * The credentials of every user of a kubeconfig, however it is written (block or flow YAML,
 * JSON): token, password, client key and certificate, an auth provider's tokens and secret, and
 * an exec plugin's environment values whose name says secret (AWS_SECRET_ACCESS_KEY, VAULT_TOKEN;
 * not AWS_PROFILE). None from a kubeconfig that does not parse.
 */
function kubeconfigCredentials(text: string): string[] {
  let doc: unknown;
  try {
    doc = parseKubeconfigYaml(text);
  } catch {
    return [];
  }
  const users = (doc as { users?: unknown } | null | undefined)?.users;
  if (!Array.isArray(users)) return [];
  const out: string[] = [];
  const scalar = (v: unknown) => (typeof v === "string" || typeof v === "number" ? [String(v)] : []);
  const record = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  for (const entry of users) {
    const user = record(record(entry)?.user);
    if (!user) continue;
    for (const field of USER_CREDENTIALS) out.push(...scalar(user[field]));
    const config = record(record(user["auth-provider"])?.config) ?? {};
    for (const [key, value] of Object.entries(config)) if (AUTH_PROVIDER_CREDENTIAL.test(key)) out.push(...scalar(value));
    const env = record(user.exec)?.env;
    for (const e of Array.isArray(env) ? env : []) {
      const { name, value } = record(e) ?? {};
      if (typeof name === "string") out.push(...secretValuesOf({ [name]: value }));
    }
  }
  return out;
}
