/**
 * A GitHub REST API stand-in on 127.0.0.1 for the action's tests. Every request is checked against
 * GitHub's official OpenAPI description (`@octokit/openapi`, api.github.com): the operation must
 * exist (method and path), path and query parameters must match their schemas, and the JSON body
 * must validate against the operation's request body schema (compiled with ajv, lazily, once per
 * operation). A request that fails any check is answered 404/422 and recorded in `failures`, which
 * tests assert empty. The issues, labels and comments it keeps answer like GitHub: numbers,
 * html_url, labels as objects, GitHub's own validation errors for long bodies and bad assignees
 * (which adding assignees to an existing issue skips silently, as GitHub does).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";

type Json = Record<string, any>;

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization?: string;
  /** The OpenAPI operationId it matched, e.g. "issues/create". */
  operation?: string;
}

/** A stored issue. */
export interface StoredIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  state: "open" | "closed";
  comments: string[];
}

/** The running stand-in. */
export interface GitHubApiServer {
  /** Base URL for GITHUB_API_URL / Octokit's baseUrl. */
  url: string;
  requests: RecordedRequest[];
  /** Requests GitHub's description does not allow, in words. Tests assert this is empty. */
  failures: string[];
  issues: StoredIssue[];
  labels: Map<string, { name: string; color: string; description: string | null }>;
  /**
   * Answers the next `times` requests of `operation` (an operationId, e.g. "issues/add-labels") with
   * `status`, changing nothing; `answer` gives GitHub's message and headers (a rate limit's retry-after).
   */
  fail(operation: string, status: number, times?: number, answer?: { message?: string; headers?: Record<string, string> }): void;
  /** How long it takes to answer each request (a GitHub under load); 0 by default. */
  delayMs: number;
  /** Called as each request arrives, before it is answered. */
  onRequest?: ((method: string, path: string) => void) | undefined;
  close(): Promise<void>;
}

/** GitHub's limit on issue and comment bodies (its 422 says "maximum is 65536 characters"). */
const BODY_LIMIT = 65_536;

interface Operation {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  literalSegments: number;
  spec: Json;
}

let loaded: { spec: Json; operations: Operation[]; ajv: Ajv } | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Parses the 13 MB description once per worker and indexes its operations. */
function description() {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const spec = require("@octokit/openapi/generated/api.github.com.json") as Json;
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(spec.paths as Record<string, Json>)) {
    const names: string[] = [];
    const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_m, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    const literalSegments = template.split("/").filter((s) => s && !s.startsWith("{")).length;
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      if (item[method]) operations.push({ method: method.toUpperCase(), template, regex: new RegExp(`^${source}$`), names, literalSegments, spec: item[method] });
    }
  }
  // A literal segment beats a parameter: /issues/comments before /issues/{issue_number}.
  operations.sort((a, b) => b.literalSegments - a.literalSegments);
  const ajv = new Ajv({ strict: false, validateSchema: false, validateFormats: false });
  ajv.addSchema(openApiNullable(spec), "gh");
  loaded = { spec, operations, ajv };
  return loaded;
}

/**
 * OpenAPI 3.0's `nullable: true` beside `oneOf`/`allOf` (no `type`) is not JSON Schema, and ajv
 * refuses it: rewrite those as `anyOf: [schema, { type: "null" }]`, in place.
 */
function openApiNullable(node: unknown): any {
  if (Array.isArray(node)) node.forEach(openApiNullable);
  else if (node && typeof node === "object") {
    const o = node as Json;
    for (const v of Object.values(o)) openApiNullable(v);
    if (o.nullable === true && o.type === undefined) {
      const { nullable: _n, ...rest } = o;
      for (const k of Object.keys(o)) delete o[k];
      o.anyOf = [rest, { type: "null" }];
    }
  }
  return node;
}

const pointer = (...segments: string[]) => segments.map((s) => encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

/** The request body schema of an operation, compiled on first use (refs resolve inside the description). */
function bodyValidator(key: string, ref: string): ValidateFunction {
  let v = compiled.get(key);
  if (!v) {
    v = description().ajv.compile({ $ref: ref });
    compiled.set(key, v);
  }
  return v;
}

/** Parameters arrive as strings: their schemas are checked with type coercion ("100" is an integer). */
const paramAjv = new Ajv({ strict: false, validateFormats: false, coerceTypes: true });

function paramValidator(key: string, schema: Json): ValidateFunction {
  let v = compiled.get(key);
  if (!v) {
    v = paramAjv.compile({ type: "object", properties: { value: schema } });
    compiled.set(key, v);
  }
  return v;
}

function resolveParameter(spec: Json, p: Json): Json {
  if (!p.$ref) return p;
  const name = String(p.$ref).replace("#/components/parameters/", "");
  return spec.components.parameters[name];
}

/** Checks a request against the description; returns the operation and the problems found. */
function check(method: string, path: string, query: Record<string, string>, body: unknown): { op?: Operation; problems: string[] } {
  const { spec, operations } = description();
  const op = operations.find((o) => o.method === method && o.regex.test(path));
  if (!op) return { problems: [`${method} ${path}: no such operation in GitHub's REST API`] };
  const problems: string[] = [];
  const values = op.regex.exec(path)!.slice(1).map(decodeURIComponent);
  const params = ((op.spec.parameters ?? []) as Json[]).map((p) => resolveParameter(spec, p));
  const where = `${method} ${op.template}`;
  const checkValue = (p: Json, value: string) => {
    const holder = { value };
    if (!paramValidator(`${op.method} ${op.template} ${p.in}:${p.name}`, p.schema ?? {})(holder)) {
      problems.push(`${where}: ${p.in} parameter ${p.name}=${JSON.stringify(value)} does not match ${JSON.stringify(p.schema)}`);
    }
  };
  op.names.forEach((name, i) => {
    const p = params.find((x) => x.in === "path" && x.name === name);
    if (p) checkValue(p, values[i]!);
  });
  for (const [name, value] of Object.entries(query)) {
    const p = params.find((x) => x.in === "query" && x.name === name);
    if (!p) problems.push(`${where}: unknown query parameter ${name}`);
    else checkValue(p, value);
  }
  for (const p of params.filter((x) => x.in === "query" && x.required)) if (!(p.name in query)) problems.push(`${where}: missing query parameter ${p.name}`);
  const content = op.spec.requestBody?.content?.["application/json"];
  if (body !== undefined && !content) problems.push(`${where}: takes no JSON body`);
  if (body === undefined && op.spec.requestBody?.required) problems.push(`${where}: body required`);
  if (body !== undefined && content) {
    const ref = `gh#/${pointer("paths", op.template, op.method.toLowerCase(), "requestBody", "content", "application/json", "schema")}`;
    const validate = bodyValidator(`${op.method} ${op.template} body`, ref);
    if (!validate(structuredClone(body))) problems.push(`${where}: body ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
  return { op, problems };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) return void res.writeHead(204).end();
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const validationFailed = (resource: string, field: string, code: string, message?: string) => ({
  message: "Validation Failed",
  errors: [{ resource, field, code, ...(message ? { message } : {}) }],
  documentation_url: "https://docs.github.com/rest",
  status: "422",
});

/** Options of {@link startGitHubApi}. */
export interface GitHubApiOptions {
  /** The token requests must carry (`authorization: token …` or `Bearer …`). */
  token: string;
  /** Users that can be assigned (collaborators); others get GitHub's 422. */
  collaborators?: string[];
}

/**
 * Starts the stand-in on a free loopback port.
 *
 * @example
 * const gh = await startGitHubApi({ token: "ghs_test" });
 * const octokit = getOctokit("ghs_test", { baseUrl: gh.url });
 * expect(gh.failures).toEqual([]);
 */
export async function startGitHubApi(options: GitHubApiOptions): Promise<GitHubApiServer> {
  description(); // parse before listening: the first request must not wait for it
  const requests: RecordedRequest[] = [];
  const failures: string[] = [];
  const issues: StoredIssue[] = [];
  const labels: GitHubApiServer["labels"] = new Map();
  const collaborators = new Set(options.collaborators ?? []);
  const faults = new Map<string, { status: number; left: number; message?: string; headers?: Record<string, string> }>();
  let origin = "";
  const api = { delayMs: 0 } as GitHubApiServer;

  const issueJson = (owner: string, repo: string, i: StoredIssue) => ({
    id: 1_000_000 + i.number,
    node_id: `I_${i.number}`,
    number: i.number,
    url: `${origin}/repos/${owner}/${repo}/issues/${i.number}`,
    html_url: `https://github.com/${owner}/${repo}/issues/${i.number}`,
    title: i.title,
    body: i.body,
    state: i.state,
    labels: i.labels.map((name) => ({ name, color: labels.get(name)?.color ?? "ededed", description: labels.get(name)?.description ?? null })),
    assignees: i.assignees.map((login) => ({ login })),
    comments: i.comments.length,
    user: { login: "github-actions[bot]" },
  });

  type Handler = (p: Record<string, string>, q: Record<string, string>, body: Json) => [number, unknown];
  const handlers: Record<string, Handler> = {
    "issues/list-for-repo": (p, q) => {
      const wanted = (q.labels ?? "").split(",").filter(Boolean);
      const state = q.state ?? "open";
      let list = issues.filter((i) => (state === "all" || i.state === state) && wanted.every((l) => i.labels.includes(l)));
      list = list.sort((a, b) => (q.direction === "asc" ? a.number - b.number : b.number - a.number));
      const perPage = Number(q.per_page ?? 30);
      const page = Number(q.page ?? 1);
      return [200, list.slice((page - 1) * perPage, page * perPage).map((i) => issueJson(p.owner!, p.repo!, i))];
    },
    // The search index, as far as the action asks it: repo:, is:issue, label:"…", in:title,body
    // and words (quoted or not), which must each be in the title or the body (GitHub splits text
    // into words at punctuation: "runs/42/plan" has the word 42).
    "search/issues-and-pull-requests": (_p, q) => {
      const terms = [...(q.q ?? "").matchAll(/(\w+:)?(?:"([^"]*)"|(\S+))/g)].map((m) => ({ qualifier: m[1]?.slice(0, -1), value: m[2] ?? m[3] ?? "" }));
      const repository = terms.find((t) => t.qualifier === "repo")?.value;
      if (!repository || terms.some((t) => t.qualifier === "is" && t.value !== "issue")) return [422, validationFailed("Search", "q", "invalid")];
      const [owner, repo] = repository.split("/");
      const wanted = terms.filter((t) => t.qualifier === "label").map((t) => t.value);
      const words = terms.filter((t) => t.qualifier === undefined).map((t) => t.value.toLowerCase());
      const wordsOf = (text: string) => new Set(text.toLowerCase().split(/[^a-z0-9]+/));
      const list = issues
        .filter((i) => wanted.every((l) => i.labels.includes(l)) && words.every((w) => wordsOf(i.title).has(w) || wordsOf(i.body).has(w)))
        .sort((a, b) => (q.order === "asc" ? a.number - b.number : b.number - a.number));
      const perPage = Number(q.per_page ?? 30);
      const page = Number(q.page ?? 1);
      const items = list.slice((page - 1) * perPage, page * perPage).map((i) => ({ ...issueJson(owner!, repo!, i), score: 1 }));
      return [200, { total_count: list.length, incomplete_results: false, items, search_type: "lexical" }];
    },
    "issues/create": (p, _q, body) => {
      const bad = (body.assignees ?? []).find((a: string) => !collaborators.has(a));
      if (bad) return [422, validationFailed("Issue", "assignees", "invalid", `Could not resolve to a User with the login of '${bad}'.`)];
      if (String(body.body ?? "").length > BODY_LIMIT) return [422, validationFailed("Issue", "body", "custom", `body is too long (maximum is ${BODY_LIMIT} characters)`)];
      const names: string[] = (body.labels ?? []).map((l: string | { name: string }) => (typeof l === "string" ? l : l.name));
      for (const name of names) if (!labels.has(name)) labels.set(name, { name, color: "ededed", description: null }); // GitHub creates them too
      const issue: StoredIssue = { number: issues.length + 1, title: String(body.title), body: String(body.body ?? ""), labels: names, assignees: body.assignees ?? [], state: "open", comments: [] };
      issues.push(issue);
      return [201, issueJson(p.owner!, p.repo!, issue)];
    },
    "issues/update": (p, _q, body) => {
      const issue = issues.find((i) => i.number === Number(p.issue_number));
      if (!issue) return [404, { message: "Not Found" }];
      if (String(body.body ?? "").length > BODY_LIMIT) return [422, validationFailed("Issue", "body", "custom", `body is too long (maximum is ${BODY_LIMIT} characters)`)];
      if (body.title !== undefined) issue.title = String(body.title);
      if (body.body !== undefined) issue.body = String(body.body);
      return [200, issueJson(p.owner!, p.repo!, issue)];
    },
    "issues/create-comment": (p, _q, body) => {
      const issue = issues.find((i) => i.number === Number(p.issue_number));
      if (!issue) return [404, { message: "Not Found" }];
      issue.comments.push(String(body.body));
      const id = issue.number * 1000 + issue.comments.length;
      return [201, { id, html_url: `https://github.com/${p.owner}/${p.repo}/issues/${issue.number}#issuecomment-${id}`, body: body.body }];
    },
    "issues/list-comments": (p, q) => {
      const issue = issues.find((i) => i.number === Number(p.issue_number));
      if (!issue) return [404, { message: "Not Found" }];
      const perPage = Number(q.per_page ?? 30);
      const page = Number(q.page ?? 1);
      const all = issue.comments.map((body, n) => {
        const id = issue.number * 1000 + n + 1;
        return { id, html_url: `https://github.com/${p.owner}/${p.repo}/issues/${issue.number}#issuecomment-${id}`, body, user: { login: "github-actions[bot]" } };
      });
      return [200, all.slice((page - 1) * perPage, page * perPage)];
    },
    "issues/add-labels": (p, _q, body) => {
      const issue = issues.find((i) => i.number === Number(p.issue_number));
      if (!issue) return [404, { message: "Not Found" }];
      const names: string[] = (Array.isArray(body) ? body : body.labels ?? []).map((l: string | { name: string }) => (typeof l === "string" ? l : l.name));
      for (const name of names) {
        if (!labels.has(name)) labels.set(name, { name, color: "ededed", description: null }); // GitHub creates them too
        if (!issue.labels.includes(name)) issue.labels.push(name);
      }
      return [200, issue.labels.map((name) => ({ id: 1, name, color: labels.get(name)!.color, description: labels.get(name)!.description }))];
    },
    "issues/add-assignees": (p, _q, body) => {
      const issue = issues.find((i) => i.number === Number(p.issue_number));
      if (!issue) return [404, { message: "Not Found" }];
      // GitHub skips, silently, logins it cannot assign (201 all the same)
      for (const login of (body.assignees ?? []) as string[]) if (collaborators.has(login) && !issue.assignees.includes(login)) issue.assignees.push(login);
      return [201, issueJson(p.owner!, p.repo!, issue)];
    },
    "issues/check-user-can-be-assigned": (p) => (collaborators.has(p.assignee!) ? [204, undefined] : [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/issues/assignees#check-if-a-user-can-be-assigned", status: "404" }]),
    "issues/get-label": (p) => {
      const label = labels.get(p.name!);
      return label ? [200, { id: 1, ...label }] : [404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/issues/labels#get-a-label", status: "404" }];
    },
    "issues/create-label": (_p, _q, body) => {
      if (labels.has(body.name)) return [422, validationFailed("Label", "name", "already_exists")];
      const label = { name: String(body.name), color: String(body.color ?? "ededed"), description: body.description ?? null };
      labels.set(label.name, label);
      return [201, { id: labels.size, ...label }];
    },
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const query = Object.fromEntries(url.searchParams);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      failures.push(`${req.method} ${url.pathname}: body is not JSON`);
      return send(res, 400, { message: "Problems parsing JSON" });
    }
    const record: RecordedRequest = { method: req.method ?? "GET", path: url.pathname, query, body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) };
    requests.push(record);
    const { op, problems } = check(record.method, url.pathname, query, body);
    if (!op) {
      failures.push(...problems);
      return send(res, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
    }
    record.operation = op.spec.operationId;
    if (problems.length) {
      failures.push(...problems);
      return send(res, 422, { message: "Invalid request.", errors: problems });
    }
    const auth = req.headers.authorization ?? "";
    if (auth !== `token ${options.token}` && auth !== `Bearer ${options.token}`) {
      return send(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" });
    }
    const fault = faults.get(String(op.spec.operationId));
    if (fault && fault.left > 0) {
      fault.left--;
      const message = fault.message ?? (fault.status >= 500 ? "Server Error" : "Validation Failed");
      return send(res, fault.status, { message, documentation_url: "https://docs.github.com/rest", status: String(fault.status) }, fault.headers);
    }
    const handler = handlers[String(op.spec.operationId)];
    if (!handler) {
      failures.push(`${record.method} ${op.template} (${op.spec.operationId}): a real GitHub operation this stand-in does not implement`);
      return send(res, 501, { message: "Not implemented by the test server" });
    }
    const params = Object.fromEntries(op.names.map((n, i) => [n, decodeURIComponent(op.regex.exec(url.pathname)![i + 1]!)]));
    const [status, answer] = handler(params, query, (body ?? {}) as Json);
    send(res, status, answer);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      api.onRequest?.(req.method ?? "GET", req.url ?? "/");
      const answer = () => {
        if (res.destroyed) return; // the client gave up waiting
        try {
          handle(req, res, Buffer.concat(chunks).toString("utf8"));
        } catch (err) {
          failures.push(`${req.method} ${req.url}: the stand-in failed: ${(err as Error).stack}`);
          send(res, 500, { message: "stand-in error" });
        }
      };
      if (api.delayMs > 0) setTimeout(answer, api.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(api, {
    url: origin,
    requests,
    failures,
    issues,
    labels,
    fail: (operation: string, status: number, times = Infinity, answer: { message?: string; headers?: Record<string, string> } = {}) => void faults.set(operation, { status, left: times, ...answer }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // clients keep connections alive
      }),
  });
  return api;
}
