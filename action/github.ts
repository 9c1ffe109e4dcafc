/**
 * The GitHub port: the eight issue operations the action needs, over Octokit. Made by
 * {@link createGitHub} in the entry points and passed in, so the logic in `issue.ts` is tested
 * against a fake or a loopback server.
 */
import { getOctokit } from "@actions/github";
import { formatMs } from "../sdk/util/duration.ts";

/** An issue as the action sees it. */
export interface IssueRef {
  number: number;
  /** The issue's page (html_url). */
  url: string;
  title: string;
  body: string;
  /** Label names. */
  labels: string[];
  /** Assignee logins. */
  assignees: string[];
}

/** A label to create when missing. */
export interface LabelSpec {
  name: string;
  /** Six hex digits, no `#`. */
  color: string;
  description: string;
}

/** The issue operations of one repository. */
export interface GitHubPort {
  /**
   * The issue with `marker` as a line of its body ({@link hasMarkerLine}), among issues carrying
   * `label` (all issues without it), open or closed, newest first. Past the newest
   * {@link MARKER_SEARCH_PAGES} pages, GitHub's search index is asked for issues that have
   * `searchFor` (a word the issue's title and body hold: the run id) before it says there is none.
   */
  findIssueByMarker(marker: string, label?: string, searchFor?: string): Promise<IssueRef | undefined>;
  createIssue(issue: { title: string; body: string; labels: string[]; assignees: string[] }): Promise<IssueRef>;
  updateIssue(number: number, change: { title: string; body: string }): Promise<IssueRef>;
  /** Adds a comment; returns its URL. */
  comment(number: number, body: string): Promise<string>;
  /** The URL of the issue's comment with `marker` as a line of its body (the oldest), if any. */
  findComment(number: number, marker: string): Promise<string | undefined>;
  /** Adds labels to an issue, keeping those it has. */
  addLabels(number: number, labels: string[]): Promise<void>;
  /** Adds assignees to an issue, keeping those it has; returns its assignees after (GitHub skips, silently, logins it cannot assign). */
  addAssignees(number: number, logins: string[]): Promise<string[]>;
  /** Creates the labels the repository does not have yet. */
  ensureLabels(labels: LabelSpec[]): Promise<void>;
  /** Whether an issue of this repository can be assigned to `login`. */
  canBeAssigned(login: string): Promise<boolean>;
}

/**
 * Issues scanned for the marker: pages of 100, newest first. An incident's issue is found on the
 * first page unless hundreds of incident issues were filed after it; a re-run is minutes later.
 * Past them, the search index is asked (as many pages of its answer at most).
 */
export const MARKER_SEARCH_PAGES = 5;

/**
 * How long one request may go unanswered before it is given up. Node's fetch would wait 300 s
 * for the headers alone (and then report a made-up 500), while the workflow's concurrency lock
 * keeps the next responder's run waiting: GitHub answers an issue request in well under a second.
 */
export const GITHUB_REQUEST_TIMEOUT_MS = 15_000;

/** An opening or closing code fence (GFM): three or more backticks or tildes, indented at most three spaces. */
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Whether `marker` is a line of `body` on its own, outside fenced code blocks. Firebreak writes
 * it as the first line, but people add text above it (a status line, who leads the response),
 * so it is looked for on every line. Text a plan supplies cannot make such a line: the
 * postmortem escapes `<` in everything it writes outside code (notes, inputs, step names,
 * errors are `&lt;!--`, or inside a code span), and what it writes verbatim (a gate's query) is
 * in a fenced block, which is skipped. GitHub's editor saves CRLF line ends: they are ignored.
 *
 * @example
 * hasMarkerLine("**Status: mitigated**\n\n<!-- firebreak:incident=acme/shop/runs/42 -->\n# Postmortem", "<!-- firebreak:incident=acme/shop/runs/42 -->"); // true
 * hasMarkerLine("```promql\n<!-- firebreak:incident=acme/shop/runs/42 -->\n```", "<!-- firebreak:incident=acme/shop/runs/42 -->"); // false
 */
export function hasMarkerLine(body: string, marker: string): boolean {
  const wanted = marker.trim();
  let fence: { char: string; length: number } | undefined;
  for (const raw of body.split("\n")) {
    const line = raw.trimEnd();
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence.char && f[1]!.length >= fence.length && f[2]!.trim() === "") fence = undefined;
      continue;
    }
    // a backtick fence's info string has no backtick (```a``` is inline code)
    if (f && !(f[1]![0] === "`" && f[2]!.includes("`"))) {
      fence = { char: f[1]![0]!, length: f[1]!.length };
      continue;
    }
    if (line === wanted) return true;
  }
  return false;
}

/** The options of {@link createGitHub}. */
export interface GitHubOptions {
  token: string;
  /** REST API base, e.g. https://api.github.com (from `GITHUB_API_URL`, for GitHub Enterprise). */
  apiUrl: string;
  owner: string;
  repo: string;
  /** The longest one request may take, answer included; default {@link GITHUB_REQUEST_TIMEOUT_MS}. */
  requestTimeoutMs?: number;
  /**
   * Aborted when the whole filing has taken too long: the request in flight and every one after
   * it fail at once, with the abort reason's message.
   */
  signal?: AbortSignal;
}

/** GitHub did not answer in time. No status: nothing was answered (`retryable`, as a dropped connection is). */
export class GitHubTimeoutError extends Error {
  override name = "GitHubTimeoutError";
}

interface ApiIssue {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  labels: (string | { name?: string })[];
  assignees?: { login: string }[] | null;
  pull_request?: unknown;
}

const toRef = (i: ApiIssue): IssueRef => ({
  number: i.number,
  url: i.html_url,
  title: i.title,
  body: i.body ?? "",
  labels: i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean),
  assignees: (i.assignees ?? []).map((a) => a.login),
});

/**
 * Makes the port for one repository.
 *
 * @example
 * const github = createGitHub({ token, apiUrl: ctx.apiUrl, owner: "acme", repo: "shop" });
 * const existing = await github.findIssueByMarker("<!-- firebreak:incident=acme/shop/runs/42 -->", "incident");
 */
export function createGitHub(options: GitHubOptions): GitHubPort {
  const octokit = getOctokit(options.token, { baseUrl: options.apiUrl });
  const requestTimeoutMs = options.requestTimeoutMs ?? GITHUB_REQUEST_TIMEOUT_MS;
  const deadline = options.signal;
  // Every request gets a signal (fetch aborts the connection, headers or body) and a race (an
  // answer given up is given up whatever the layers below do with the abort).
  octokit.hook.wrap("request", async (request, endpoint) => {
    const what = `${endpoint.method} ${String(endpoint.url).replace(/\{(\w+)\}/g, (m, name: string) => (name in endpoint ? encodeURIComponent(String(endpoint[name])) : m))}`;
    const late = () => {
      if (deadline?.aborted) {
        const reason: unknown = deadline.reason;
        return new GitHubTimeoutError(`${reason instanceof Error ? reason.message : "GitHub did not answer in time"} (gave up on ${what})`, { cause: reason });
      }
      return new GitHubTimeoutError(`GitHub did not answer ${what} within ${formatMs(requestTimeoutMs)}`);
    };
    if (deadline?.aborted) throw late();
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), requestTimeoutMs);
    const signal = deadline ? AbortSignal.any([timer.signal, deadline]) : timer.signal;
    try {
      return await new Promise<Awaited<ReturnType<typeof request>>>((resolve, reject) => {
        signal.addEventListener("abort", () => reject(late()), { once: true });
        Promise.resolve(request({ ...endpoint, request: { ...endpoint.request, signal } })).then(resolve, (err: unknown) => reject(signal.aborted ? late() : err));
      });
    } finally {
      clearTimeout(timeout);
    }
  });
  const repo = { owner: options.owner, repo: options.repo };
  return {
    async findIssueByMarker(marker, label, searchFor) {
      for (let page = 1; page <= MARKER_SEARCH_PAGES; page++) {
        const { data } = await octokit.rest.issues.listForRepo({ ...repo, ...(label ? { labels: label } : {}), state: "all", sort: "created", direction: "desc", per_page: 100, page });
        const hit = data.find((i) => !i.pull_request && hasMarkerLine(i.body ?? "", marker));
        if (hit) return toRef(hit);
        if (data.length < 100) return undefined;
      }
      // Hundreds of newer issues: an old incident re-run, or a busy repository. Its issue was
      // indexed long since; the search narrows by a word, the marker decides.
      const word = searchFor?.replace(/["\s]/g, "");
      if (!word) return undefined;
      const q = `repo:${options.owner}/${options.repo} is:issue${label ? ` label:"${label.replace(/"/g, "")}"` : ""} in:title,body "${word}"`;
      for (let page = 1; page <= MARKER_SEARCH_PAGES; page++) {
        let items: ApiIssue[];
        try {
          ({ items } = (await octokit.rest.search.issuesAndPullRequests({ q, sort: "created", order: "desc", per_page: 100, page })).data);
        } catch (err) {
          // a query this GitHub (an older Enterprise Server) refuses will not change: no issue found.
          // Anything else (a rate limit, a 5xx, no answer) fails the filing, which the post step tries again.
          if ((err as { status?: number }).status === 422) return undefined;
          throw err;
        }
        const hit = items.find((i) => !i.pull_request && hasMarkerLine(i.body ?? "", marker));
        if (hit) return toRef(hit);
        if (items.length < 100) return undefined;
      }
      return undefined;
    },
    async createIssue(issue) {
      const { data } = await octokit.rest.issues.create({ ...repo, ...issue, ...(issue.assignees.length ? {} : { assignees: undefined }) });
      return toRef(data);
    },
    async updateIssue(number, change) {
      const { data } = await octokit.rest.issues.update({ ...repo, issue_number: number, ...change });
      return toRef(data);
    },
    async canBeAssigned(login) {
      try {
        await octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: login });
        return true;
      } catch (err) {
        if ((err as { status?: number }).status === 404) return false;
        throw err;
      }
    },
    async comment(number, body) {
      const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: number, body });
      return data.html_url;
    },
    async findComment(number, marker) {
      for (let page = 1; page <= MARKER_SEARCH_PAGES; page++) {
        const { data } = await octokit.rest.issues.listComments({ ...repo, issue_number: number, per_page: 100, page });
        const hit = data.find((c) => hasMarkerLine(c.body ?? "", marker));
        if (hit) return hit.html_url;
        if (data.length < 100) return undefined;
      }
      return undefined;
    },
    async addLabels(number, labels) {
      await octokit.rest.issues.addLabels({ ...repo, issue_number: number, labels });
    },
    async addAssignees(number, logins) {
      const { data } = await octokit.rest.issues.addAssignees({ ...repo, issue_number: number, assignees: logins });
      return toRef(data).assignees;
    },
    async ensureLabels(labels) {
      for (const label of labels) {
        try {
          await octokit.rest.issues.getLabel({ ...repo, name: label.name });
          continue;
        } catch (err) {
          if ((err as { status?: number }).status !== 404) throw err;
        }
        try {
          await octokit.rest.issues.createLabel({ ...repo, ...label });
        } catch (err) {
          // 422 already_exists: another job created it between our read and write.
          if ((err as { status?: number }).status !== 422) throw err;
        }
      }
    },
  };
}
