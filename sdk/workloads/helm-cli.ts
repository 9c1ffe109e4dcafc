import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { FirebreakError } from "../errors.ts";
import type { KubeConnection } from "../ports/kube.ts";
import { FIELD_MANAGER } from "../ports/kube.ts";

// child_process and fs/promises load on first use (process.getBuiltinModule), not at import: the
// action's cold start pays for every module it imports, and a plan may never run helm.

/** Finding and running the `helm` CLI for what only Helm can do (rollback, upgrade). */

/** helm's own --timeout, as helm defaults it: how long it waits for hooks (a migration Job) before failing the release. */
export const HELM_TIMEOUT_MS = 5 * 60_000;
/**
 * How long past its own --timeout helm is given to record the failure before it is killed. Killed
 * mid-operation, helm leaves the release pending-upgrade or pending-rollback, which every later
 * helm command then refuses.
 */
export const HELM_KILL_GRACE_MS = 30_000;
/** Output kept from a failed helm command, for the error. */
const OUTPUT_CHARS = 2_000;

/** Where helm keeps release records (its HELM_DRIVER). */
export type HelmDriver = "secret" | "configmap";

/** The helm CLI is needed and not installed. */
export class HelmNotInstalledError extends FirebreakError {
  override name = "HelmNotInstalledError";
  constructor(readonly operation: string) {
    super(
      "usage",
      `${operation} needs the helm CLI, which was not found on PATH or at FIREBREAK_HELM. ` +
        "Install Helm 3.14+ or 4 (https://helm.sh/docs/intro/install/; in GitHub Actions, `uses: azure/setup-helm@v4`), " +
        "or set FIREBREAK_HELM to the path of the binary. Reading release history does not need it.",
    );
  }
}

/** A helm command failed: its exit status and what it printed. */
export class HelmCommandError extends FirebreakError {
  override name = "HelmCommandError";
  constructor(readonly args: string[], readonly exitCode: number | string, readonly output: string) {
    super("kube-api", `helm ${args.join(" ")} failed (${exitCode}): ${output.trim().slice(-OUTPUT_CHARS) || "(no output)"}`);
  }
}

/** Fields of one object that a field manager other than Helm holds, at other values than the chart's. */
export interface FieldConflict {
  /** "Ingress prod/checkout-api-canary" */
  object: string;
  /** The field manager that wrote them: "firebreak" (this run, or an earlier one), "kubectl-annotate", … */
  manager: string;
  fields: string[];
}

/**
 * Helm 4 applies server-side and refused to overwrite fields another field manager holds: the
 * chart sets the route weights the plan shifted (or the replicas it scaled to), and would have
 * undone them; or someone changed them since the release was deployed (a responder's `kubectl
 * annotate` or `kubectl scale`, another tool, a controller).
 */
export class HelmFieldConflictError extends FirebreakError {
  override name = "HelmFieldConflictError";
  constructor(readonly operation: string, readonly conflicts: FieldConflict[]) {
    const list = (cs: FieldConflict[]) => cs.map((c) => `${c.object}'s ${c.fields.join(", ")}`).join("; ");
    const ours = conflicts.filter((c) => c.manager === FIELD_MANAGER);
    const others = [...new Set(conflicts.map((c) => c.manager).filter((m) => m !== FIELD_MANAGER))];
    const held = [
      ...(ours.length ? [`${list(ours)}, which this run wrote (field manager "${FIELD_MANAGER}")`] : []),
      ...others.map((m) => `${list(conflicts.filter((c) => c.manager === m))}, which field manager "${m}" wrote after Helm`),
    ];
    const why = ours.length ? "; applied, the chart would have undone the run's change" : "";
    const theirs = conflicts.filter((c) => c.manager !== FIELD_MANAGER).flatMap((c) => c.fields);
    const fix = others.length
      ? `Find out why ${others.map((m) => `"${m}"`).join(", ")} changed ${theirs.length > 1 ? "them" : "it"} (a responder by hand, another tool, a controller: an autoscaler holds spec.replicas). ` +
        "If the chart's values should win, pass forceConflicts: true to rollback() / upgrade(); if that manager should keep a field, take it out of the chart." +
        (ours.length ? " Write the run's own fields again in the step after (shift the route, or scale, again)." : "")
      : "Either take those fields out of the chart so the plan alone owns them, or pass forceConflicts: true to rollback() / upgrade() " +
        "to let Helm overwrite them, then write them again in the step after (shift the route, or scale, again).";
    super(
      "kube-api",
      `${operation} was refused by the cluster: the chart sets ${held.join("; and ")}, and Helm 4 applies server-side, so it will not overwrite another manager's fields${why}. ` +
        `${fix} Check the release with helm history: Helm records a refused rollback or upgrade as failed.`,
    );
  }
}

/**
 * The server-side apply conflicts in a failed helm command's output, as a HelmFieldConflictError
 * for `operation`; undefined for any other failure. One conflict reads `conflict with "m" using
 * v1: .a`; several, per manager, `conflicts with "m" using v1:` and then `- .a` lines.
 * @example
 * catch (err) { throw helmFieldConflict(err, "helm rollback to revision 1 of Helm release prod/checkout-api") ?? err; }
 */
export function helmFieldConflict(err: unknown, operation: string): HelmFieldConflictError | undefined {
  if (!(err instanceof HelmCommandError)) return undefined;
  // "conflict occurred while applying object prod/x networking.k8s.io/v1, Kind=Ingress: Apply failed with 1 conflict: conflict with "firebreak" using …: .metadata.annotations.a"
  const conflicts = new Map<string, FieldConflict>();
  for (const m of err.output.matchAll(/applying object (\S+) [^,\n]*, Kind=(\w+): Apply failed with \d+ conflicts?: ([^\n]*(?:\n(?:- |conflicts with )[^\n]*)*)/g)) {
    const [namespace, name] = m[1]!.includes("/") ? m[1]!.split("/") : ["", m[1]!];
    const object = `${m[2]} ${namespace ? `${namespace}/` : ""}${name}`;
    // a path runs to the end of its line: list items are named by key, in quotes (`containers[name="app"]`)
    for (const block of m[3]!.matchAll(/conflicts? with "([^"]+)"[^:\n]*:(?: ([^\n]+)|((?:\n- [^\n]+)+))/g)) {
      const key = `${object}\0${block[1]}`;
      const conflict = conflicts.get(key) ?? { object, manager: block[1]!, fields: [] };
      for (const f of block[2] !== undefined ? [block[2]] : block[3]!.split("\n- ").slice(1)) if (!conflict.fields.includes(f)) conflict.fields.push(f);
      conflicts.set(key, conflict);
    }
  }
  return conflicts.size ? new HelmFieldConflictError(operation, [...conflicts.values()]) : undefined;
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The helm binary: `explicit`, else FIREBREAK_HELM, else the first `helm` on PATH; undefined when none.
 * @example
 * const helmPath = findHelm(undefined, process.env) ?? "not installed";
 */
export function findHelm(explicit: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  for (const candidate of [explicit, env.FIREBREAK_HELM]) if (candidate) return isExecutable(candidate) ? candidate : undefined;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (dir && isExecutable(join(dir, "helm"))) return join(dir, "helm");
  }
  return undefined;
}

/**
 * The runner's environment without helm's HELM_KUBE* overrides (HELM_KUBEAPISERVER,
 * HELM_KUBETOKEN, HELM_KUBEASUSER, …): they win over --kubeconfig, and would send helm to another
 * cluster, or as another user, than the one the plan reads and verifies.
 */
const runnerEnv = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("HELM_KUBE")));

/**
 * Runs helm against the cluster a KubePort reaches: its kubeconfig goes to a private temp file
 * (mode 0600) passed with --kubeconfig and --kube-context, removed afterwards. `{dir}` in an
 * argument is that temp dir (for `files`). `timeoutMs` is passed as helm's --timeout (for commands
 * that take one: rollback, upgrade); helm is killed only when it overruns it by HELM_KILL_GRACE_MS.
 * @example
 * await runHelm(helmPath, kube.connection!(), ["rollback", "checkout-api", "1", "--namespace", "prod"]);
 */
export async function runHelm(
  binary: string,
  connection: KubeConnection,
  args: string[],
  options: { signal?: AbortSignal; timeoutMs?: number; files?: Record<string, string>; driver?: HelmDriver } = {},
): Promise<string> {
  const { mkdtemp, rm, writeFile } = process.getBuiltinModule("node:fs/promises");
  const { execFile } = process.getBuiltinModule("node:child_process");
  const dir = await mkdtemp(join(process.getBuiltinModule("node:os").tmpdir(), "firebreak-helm-"));
  try {
    const kubeconfig = join(dir, "kubeconfig");
    await writeFile(kubeconfig, connection.kubeconfig, { mode: 0o600 });
    for (const [name, content] of Object.entries(options.files ?? {})) await writeFile(join(dir, name), content, { mode: 0o600 });
    const timeoutMs = options.timeoutMs ?? HELM_TIMEOUT_MS;
    const shown = [...args, "--timeout", `${Math.ceil(timeoutMs / 1000)}s`];
    const full = [...shown.map((a) => a.replaceAll("{dir}", dir)), "--kubeconfig", kubeconfig, "--kube-context", connection.context];
    return await new Promise<string>((resolve, reject) => {
      execFile(
        binary,
        full,
        {
          timeout: timeoutMs + HELM_KILL_GRACE_MS,
          maxBuffer: 16 * 1024 * 1024,
          ...(options.signal ? { signal: options.signal } : {}),
          // the runner's helm homes stay: the repositories `helm repo add` registered and the
          // registries `helm registry login` signed in to are there. Its release records are where
          // the handle reads them, whatever HELM_DRIVER the runner has.
          env: { ...runnerEnv(process.env), KUBECONFIG: kubeconfig, HELM_DRIVER: options.driver ?? "secret" },
        },
        (err, stdout, stderr) => {
          if (!err) return resolve(stdout);
          const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
          const code = e.killed
            ? `killed ${Math.round(HELM_KILL_GRACE_MS / 1000)}s past its --timeout; the release may be left pending: check it with helm history`
            : (e.code ?? "error");
          reject(new HelmCommandError(shown.map((a) => a.replaceAll("{dir}/", "")), code, `${stderr}\n${stdout}`));
        },
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** How long `helm version` may take: it reads no cluster. */
const VERSION_TIMEOUT_MS = 10_000;

/**
 * The major version of a helm binary (3 or 4), from `helm version --short`; undefined when it
 * does not answer like helm. Helm 4 applies server-side and refuses to overwrite another field
 * manager's fields; Helm 3 patches them without asking: a preview says which the run will meet.
 * @example if ((await helmMajorVersion(binary)) === 4) …
 */
export function helmMajorVersion(binary: string): Promise<number | undefined> {
  const { execFile } = process.getBuiltinModule("node:child_process");
  return new Promise((resolve) => {
    execFile(binary, ["version", "--short"], { timeout: VERSION_TIMEOUT_MS, env: runnerEnv(process.env) }, (err, stdout) => {
      const major = /^v(\d+)\./.exec(stdout.trim())?.[1];
      resolve(err || !major ? undefined : Number(major));
    });
  });
}
