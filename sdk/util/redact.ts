import { valueAt } from "./field-path.ts";

/**
 * Names (of inputs, fields, env vars) that say a value is secret: it never reaches logs, journals
 * or issues. `auth` but not author/authority (authorization still is), and
 * `session` but not a Service's sessionAffinity: hiding those would cost facts and keep no secret.
 */
const SECRET_NAME = /(token|secret|password|passwd|pwd|credential|api[-_]?key|private[-_]?key|auth(?!or(?!i[sz]))|cookie|session(?!affinity)|kubeconfig|dsn)/i;

export const REDACTED = "[redacted]";

/** A PEM private key, to its END line (or the end of the text, when cut short). */
const PRIVATE_KEY = /-----BEGIN ([A-Z]+ )*PRIVATE KEY-----[\s\S]*?(-----END ([A-Z]+ )*PRIVATE KEY-----|$)/g;
/** The password in a URL's userinfo: `postgres://checkout:hunter2@db:5432/shop`. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):([^\s/@]+)@/gi;

/**
 * Secrets a value says by its shape, whatever its field is named (a chart's `tls.key`,
 * `database.url`): a private key's PEM block, a URL's password.
 */
const secretsByShape = (s: string) => s.replace(PRIVATE_KEY, REDACTED).replace(URL_PASSWORD, `$1:${REDACTED}@`);

/** The secrets `s` holds by their shape (see secretsByShape): each PEM block, each URL password as written and decoded. */
const secretsShapedIn = (s: string): string[] => [
  ...[...s.matchAll(PRIVATE_KEY)].map((m) => m[0]),
  ...[...s.matchAll(URL_PASSWORD)].flatMap((m) => {
    const password = m[2]!;
    let decoded = password;
    try {
      decoded = decodeURIComponent(password);
    } catch {
      // not percent-encoded as a URL would be: as written is all there is
    }
    return [password, decoded];
  }),
];

/**
 * `v` with secrets replaced: under a field whose name looks secret or is listed in `secretKeys`,
 * the whole value; elsewhere, any occurrence of a known secret value in a string.
 */
function redactValue(v: unknown, key: string, secretKeys: readonly string[], known: readonly string[]): unknown {
  if (SECRET_NAME.test(key) || secretKeys.includes(key)) return REDACTED;
  if (typeof v === "string") return known.reduce((s, secret) => s.split(secret).join(REDACTED), secretsByShape(v));
  if (Array.isArray(v)) return v.map((x) => redactValue(x, key, secretKeys, known));
  if (v && typeof v === "object") {
    const entries = Object.entries(v).map(([k, x]) => [k, redactValue(x, k, secretKeys, known)]);
    return Object.fromEntries(namesSecret(v) ? entries.map(([k, x]) => [k, k === "value" ? REDACTED : x]) : entries);
  }
  return v;
}

/**
 * Whether an entry of a name/value list names a secret: `{ name: "DB_PASSWORD", value: "…" }`,
 * as a container's `env` holds them. The name is in a sibling field, not in the value's path.
 */
function namesSecret(entry: unknown): boolean {
  if (!entry || typeof entry !== "object" || !("value" in entry)) return false;
  const { name } = entry as { name?: unknown };
  return typeof name === "string" && SECRET_NAME.test(name);
}

/** Secret values short enough to appear by chance in ordinary text are not looked for. */
const knownSecrets = (secretValues: readonly string[]) => secretValues.filter((s) => s.length >= 4);

/**
 * A copy of `values` with secrets replaced: fields whose name looks secret, fields listed in
 * `secretKeys` (from the plan's `secrets` option), and any string equal to a known secret value.
 */
export function redactInputs(
  values: Record<string, unknown>,
  secretKeys: readonly string[] = [],
  secretValues: readonly string[] = [],
): Record<string, unknown> {
  const known = knownSecrets(secretValues);
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, redactValue(v, k, secretKeys, known)]));
}

/**
 * The values in `values` that are secret by name, as text: under a field whose name looks secret or
 * is listed in `secretKeys`; and elsewhere the secrets a string holds by its shape (a URL's
 * password, a PEM private key). What a scrubber then looks for anywhere (an error or a note quoting
 * a token, a database URL). A number counts too: a PIN an input schema coerces is printed as its digits.
 */
export function secretValuesOf(values: Record<string, unknown>, secretKeys: readonly string[] = []): string[] {
  const found: string[] = [];
  const walk = (v: unknown, secret: boolean): void => {
    if ((typeof v === "string" || typeof v === "number" || typeof v === "bigint") && secret) found.push(String(v));
    else if (typeof v === "string") found.push(...secretsShapedIn(v));
    else if (Array.isArray(v)) v.forEach((x) => walk(x, secret));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, secret || SECRET_NAME.test(k) || secretKeys.includes(k));
  };
  walk(values, false);
  return found;
}

/** Every leaf of `v` replaced, its keys kept: what changed in a Secret, without what it holds. */
const leavesHidden = (v: unknown): unknown =>
  v && typeof v === "object" ? (Array.isArray(v) ? v.map(leavesHidden) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, leavesHidden(x)]))) : v === undefined ? v : REDACTED;

/**
 * A change's before and after with secrets hidden, its field kept (the journal still says what
 * changed): all of a Secret's `data`/`stringData` (base64 hides nothing), a field whose name looks
 * secret (Helm's `values.db.password`), nested fields that do, and the value of a name/value entry
 * whose name does (`env[2].value` where `env[2].name` is `DB_PASSWORD`: give `objects`, the whole
 * objects the change was found in, so that name can be read). Known secret values elsewhere are a
 * scrubber's job (see scrub.ts).
 */
export function redactChange<T extends { object: { kind: string }; field: string; before: unknown; after: unknown }>(
  change: T,
  objects: { before?: unknown; after?: unknown } = {},
): T {
  const segments = change.field.split(/[.[\]]/).filter(Boolean);
  // An annotation's or label's name says what it configures ("canary-by-cookie"), not that its value is secret.
  const named = /^metadata\.(annotations|labels)\b/.test(change.field) ? [] : segments;
  const entry = /^(.*\[\d+\])\.value$/.exec(change.field)?.[1];
  const entryNamesSecret = entry !== undefined && (namesSecret(valueAt(objects.before, entry)) || namesSecret(valueAt(objects.after, entry)));
  const whole =
    (change.object.kind === "Secret" && /^(data|stringData)$/.test(segments[0] ?? "")) || named.some((k) => SECRET_NAME.test(k)) || entryNamesSecret;
  const hide = (v: unknown) => (whole ? leavesHidden(v) : redactValue(v, "", [], []));
  return { ...change, before: hide(change.before), after: hide(change.after) };
}
