/**
 * Whether a metrics provider's URL can be queried: checked where it is given (the CLI's
 * `--prometheus`, the action's `prometheus-url`, `createPrometheus`), so a typo fails before a plan
 * moves traffic rather than at its first gate. A module of its own: the action checks its inputs
 * without loading the Prometheus client.
 */

/** The example every message shows. */
export const PROVIDER_URL_EXAMPLE = "http://prometheus.monitoring:9090";

/**
 * What is wrong with `url` as a metrics provider's base URL, or undefined when nothing is.
 *
 * @example
 * providerUrlProblem("localhost:9090"); // "must start with http:// or https://, e.g. http://prometheus.monitoring:9090"
 */
export function providerUrlProblem(url: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== "http" && scheme !== "https") return `must start with http:// or https://, e.g. ${PROVIDER_URL_EXAMPLE}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `is not a URL; write it like ${PROVIDER_URL_EXAMPLE}`;
  }
  if (!parsed.hostname) return `has no host; write it like ${PROVIDER_URL_EXAMPLE}`;
  return undefined;
}

/**
 * `url` as a message may show it: without a `user:password@` part, which would be a secret.
 *
 * @example
 * shownProviderUrl("admin:hunter2@prometheus:9090"); // "…@prometheus:9090"
 */
export function shownProviderUrl(url: string): string {
  return JSON.stringify(url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@\s]*@/i, "$1…@"));
}

/**
 * Headers that name a tenant (Mimir, Cortex and Loki's X-Scope-OrgID, Thanos's THANOS-TENANT), not
 * a credential. Their values stay readable: a tenant is often named as a namespace or team is, and
 * masking it would blank that name across the log, the journal and the postmortem.
 */
const TENANT_HEADERS = new Set(["x-scope-orgid", "thanos-tenant"]);

/** Query parameters named like a credential (`api_key`, `token`, `sig`), whose values a gateway may check. */
const SECRET_PARAM = /key|token|secret|pass|auth|sig|credential/i;

/**
 * The secrets a metrics provider's URL and headers carry, to scrub from the journal, the log and
 * the reports (a provider that refuses them may quote them back): each header value but a tenant's,
 * and the credential of `Authorization: Bearer <token>` alone; the URL's password, as written and
 * decoded, and the Basic credential the client sends for it; its query parameters named like a
 * credential.
 *
 * @example
 * providerSecrets("https://grafana:pa55word@prom.example.com", { Authorization: "Bearer abc123" });
 * // ["Bearer abc123", "abc123", "pa55word", "Z3JhZmFuYTpwYTU1d29yZA=="]
 */
export function providerSecrets(url: string | undefined, headers: Record<string, string> = {}): string[] {
  const fromHeaders = Object.entries(headers)
    .filter(([name]) => !TENANT_HEADERS.has(name.toLowerCase()))
    .flatMap(([, value]) => [value, ...(/^[A-Za-z][\w-]*\s+(\S+)$/.exec(value.trim())?.slice(1) ?? [])]);
  const parsed = url ? URL.parse(url) : null;
  const fromUrl: string[] = [];
  if (parsed?.password) {
    const [user, password] = [decodeURIComponent(parsed.username), decodeURIComponent(parsed.password)];
    fromUrl.push(parsed.password, password, Buffer.from(`${user}:${password}`).toString("base64"));
  }
  for (const [name, value] of parsed?.searchParams ?? []) if (SECRET_PARAM.test(name)) fromUrl.push(value, encodeURIComponent(value));
  return [...new Set([...fromHeaders, ...fromUrl])].filter((s) => s.length >= 4);
}
