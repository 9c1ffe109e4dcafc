/**
 * What a database URL says, and what is wrong with one, for messages that never quote it: it may
 * hold a password.
 */

/** How to write a URL pg reads, for every message about one. */
export const URL_FIX =
  "write it as postgres://user:password@host:5432/database, with special characters in the user and password " +
  "percent-encoded (# as %23, / as %2F, ? as %3F, @ as %40, % as %25)";

/** pg reads `postgres://user:pw@/db?host=/socket/dir` by putting a host in the empty place; so does this check. */
function parsed(url: string): URL | undefined {
  for (const candidate of [url, url.replace("@/", "@___DUMMY___/")]) {
    try {
      return new URL(candidate);
    } catch {
      // tried again with a host, as pg does
    }
  }
  return undefined;
}

/**
 * Why pg would misread a database URL, or undefined when it reads it. pg resolves what is no URL
 * against `postgres://base`, so the keyword form (`host=db port=5432 …`) connects to a host
 * "base"; an unescaped `#`, `/` or `?` in the password ends the credentials early, so pg either
 * throws a bare "Invalid URL" or connects to the user name as a host.
 * @example urlProblem("host=db dbname=app") // "it is not a postgres:// URL (the keyword form host=… dbname=… and JDBC URLs are not read)"
 */
export function urlProblem(url: string): string | undefined {
  // a Unix socket directory: pg's own form, "/var/run/postgresql dbname"
  if (url.startsWith("/")) return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return "it is not a postgres:// URL (the keyword form host=… dbname=… and JDBC URLs are not read)";
  const u = parsed(url);
  if (!u) return "it does not parse as a URL, as when a # / or ? in the password is not percent-encoded";
  // "postgres://app:12#x@db/app" parses as host "app", port 12: the "@" it holds is the tell
  if (!u.username && url.includes("@")) return "a # / or ? in the user or password, not percent-encoded, ends them early";
  return undefined;
}

/** host:port/database, never credentials. */
export function shown(url: string): string {
  const u = parsed(url);
  return u ? `${u.hostname}:${u.port || 5432}${u.pathname}` : "(unparsable database URL)";
}
