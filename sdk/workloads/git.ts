import { join } from "node:path";
import { FirebreakError } from "../errors.ts";

// child_process and fs/promises load on first use (process.getBuiltinModule), not at import: the
// action's cold start pays for every module it imports, and a plan may never read git.

/** Reading a repository as it was at a git ref, without touching its working tree, index or worktrees. */

/** How long one git command may run (checking out a large repository's tree can take a while). */
export const GIT_TIMEOUT_MS = 2 * 60_000;

/** A git command failed: the ref does not exist, the path is not a repository, git is missing. */
export class GitError extends FirebreakError {
  override name = "GitError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("usage", message, options);
  }
}

function git(repo: string, args: string[], signal?: AbortSignal, env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    process.getBuiltinModule("node:child_process").execFile("git", ["-C", repo, ...args], { timeout: GIT_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, ...(signal ? { signal } : {}), ...(env ? { env } : {}) }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout.trim());
      const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
      reject(new GitError(missing ? "git is not installed: install git, or render the overlay from the working tree (no ref)" : `git ${args.join(" ")} in ${repo} failed: ${stderr.trim() || err.message}`, { cause: err }));
    });
  });
}

/**
 * The commit a ref names (branch, tag, sha, HEAD~1), with an error naming the ref when it names none.
 * @example
 * await resolveCommit(".", "v1.9.4"); // "3f1c…"
 */
export async function resolveCommit(repo: string, ref: string, signal?: AbortSignal): Promise<string> {
  try {
    return await git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], signal);
  } catch (err) {
    const shallow = (await git(repo, ["rev-parse", "--is-shallow-repository"], signal).catch(() => "")) === "true";
    const fix = shallow
      ? "it is a shallow clone (actions/checkout fetches one commit unless told otherwise). Give actions/checkout `fetch-depth: 0`, or run git fetch --unshallow --tags origin first."
      : "fetch it first (git fetch --tags origin), or check the branch, tag or sha.";
    throw new GitError(`${repo} has no commit '${ref}': ${fix}`, { cause: err });
  }
}

/**
 * The tree of `commit` checked out into a fresh temp dir (through a throwaway index), submodules
 * included at the commits it pins, for `use`, then removed. The repository is only read.
 * @example
 * await withCheckout(".", await resolveCommit(".", "v1.9.4"), (dir) => render(join(dir, "deploy/overlays/prod")));
 */
export async function withCheckout<T>(repo: string, commit: string, use: (dir: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const { mkdtemp, rm } = process.getBuiltinModule("node:fs/promises");
  const dir = await mkdtemp(join(process.getBuiltinModule("node:os").tmpdir(), "firebreak-git-"));
  try {
    await extractTree(repo, commit, dir, signal);
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes `commit`'s tree into `dir`, then each submodule's pinned tree into its path (checkout-index leaves them empty). */
async function extractTree(repo: string, commit: string, dir: string, signal?: AbortSignal): Promise<void> {
  await checkoutInto(repo, commit, dir, signal);
  for (const path of await submodulePaths(repo, commit, signal)) {
    const pinned = await git(repo, ["rev-parse", `${commit}:${path}`], signal); // a gitlink names the commit it pins
    const sub = join(repo, path);
    // An uninitialised submodule is an empty directory inside the parent, which would answer for it.
    const present = await git(sub, ["cat-file", "-e", `${pinned}^{commit}`], signal).then(() => true, () => false);
    if (!present) {
      throw new GitError(
        `${path} in ${repo} is a git submodule pinned at ${pinned.slice(0, 12)}, which is not checked out here: ` +
          "run git submodule update --init --recursive (actions/checkout: submodules: recursive), then run the plan again.",
      );
    }
    await extractTree(sub, pinned, join(dir, path), signal);
  }
}

/**
 * The submodule paths `.gitmodules` declares at `commit`: read from that one file, not from a
 * listing of the whole tree (a monorepo's runs to megabytes).
 */
async function submodulePaths(repo: string, commit: string, signal?: AbortSignal): Promise<string[]> {
  const listed = await git(repo, ["config", "--blob", `${commit}:.gitmodules`, "--get-regexp", "^submodule\\..*\\.path$"], signal).catch(() => ""); // no file, or no submodule
  return listed.split("\n").filter(Boolean).map((line) => line.slice(line.indexOf(" ") + 1));
}

/**
 * Writes `commit`'s tree into `dir` as `git checkout` would (eol, ident and smudge filters such as
 * git-lfs applied, as in the working tree a render without a ref reads), through a throwaway index:
 * the repository's own index and working tree are untouched. Not `git archive`: it honours the tree's
 * `export-ignore`/`export-subst` attributes, meant for release tarballs, which drop or rewrite the
 * deployment files. `--work-tree` makes `dir` the only working tree attributes are read from besides the index.
 */
async function checkoutInto(repo: string, commit: string, dir: string, signal?: AbortSignal): Promise<void> {
  const { mkdtemp, rm } = process.getBuiltinModule("node:fs/promises");
  const scratch = await mkdtemp(join(process.getBuiltinModule("node:os").tmpdir(), "firebreak-index-"));
  const env = { ...process.env, GIT_INDEX_FILE: join(scratch, "index") };
  try {
    await git(repo, ["read-tree", commit], signal, env); // a fresh index: no skip-worktree bits, so a sparse checkout leaves nothing out
    await git(repo, [`--work-tree=${dir}`, "checkout-index", "--all"], signal, env);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The top of the repository holding `path`.
 * @example
 * await repoRoot("deploy/overlays/prod"); // "/home/ci/work/checkout"
 */
export function repoRoot(path: string, signal?: AbortSignal): Promise<string> {
  return git(path, ["rev-parse", "--show-toplevel"], signal);
}
