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
