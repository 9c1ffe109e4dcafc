/**
 * The scalar types of the Kubernetes API that decode themselves (their Go `UnmarshalJSON`):
 * metav1.Time and MicroTime, resource.Quantity, intstr.IntOrString. Each answers the error its Go
 * decoder gives, worded as Go words it, or undefined when the JSON value decodes. Their errors
 * carry no struct field: encoding/json passes an Unmarshaler's error through as it is.
 */

/** The JSON kind of a value, as encoding/json's UnmarshalTypeError names it. */
export function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (typeof value === "boolean") return "bool";
  return typeof value;
}

const INT32_MAX = 2 ** 31 - 1;
const INT64_MAX = 2 ** 63;

/** Whether a JSON number fits a Go integer of `bits` (a fraction or an overflow does not). */
export const fitsInt = (n: number, bits: 32 | 64) => Number.isInteger(n) && (bits === 32 ? n >= -INT32_MAX - 1 && n <= INT32_MAX : Math.abs(n) < INT64_MAX);

/** intstr.IntOrString (apimachinery/pkg/util/intstr): a string, else what json.Unmarshal into its int32 says. */
export function intOrStringError(value: unknown): string | undefined {
  if (typeof value === "string" || (typeof value === "number" && fitsInt(value, 32))) return undefined;
  return `json: cannot unmarshal ${typeof value === "number" ? `number ${value}` : jsonKind(value)} into Go value of type int32`;
}

// resource.ParseQuantity's errors (k8s.io/apimachinery/pkg/api/resource/quantity.go)
const QUANTITY_FORMAT = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
const QUANTITY = /^[+-]?(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/**
 * resource.Quantity: a string or a bare number ("500m", 2, "1Gi"), parsed either way. What passes
 * the format but not the suffix table ("1Q", "1.2.3") is worded as a bad suffix.
 */
export function quantityError(value: unknown): string | undefined {
  const text = (typeof value === "string" ? value : JSON.stringify(value)).trim();
  if (!new RegExp(QUANTITY_FORMAT).test(text)) return `quantities must match the regular expression '${QUANTITY_FORMAT}'`;
  return QUANTITY.test(text) ? undefined : "unable to parse quantity's suffix";
}

const RFC3339 = "2006-01-02T15:04:05Z07:00";
const RFC3339_MICRO = "2006-01-02T15:04:05.000000Z07:00";

/** The layout's numeric elements after the year, each with the literal before it; the day is checked against its month at the end. */
const ELEMENTS: { before: string; element: string; range?: { name: string; min: number; max: number } }[] = [
  { before: "-", element: "01", range: { name: "month", min: 1, max: 12 } },
  { before: "-", element: "02" },
  { before: "T", element: "15", range: { name: "hour", min: 0, max: 23 } },
  { before: ":", element: "04", range: { name: "minute", min: 0, max: 59 } },
  { before: ":", element: "05", range: { name: "second", min: 0, max: 59 } },
];

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysIn = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!);

/**
 * What Go's time.Parse (time/format.go) says of `value` against RFC 3339 (metav1.Time) or RFC 3339
 * with microseconds (metav1.MicroTime), walking the layout as it does: `cannot parse "…" as "…"`
 * at the first element that does not match, `… out of range`, `extra text`.
 */
function timeParseError(value: string, micro: boolean): string | undefined {
  const layout = micro ? RFC3339_MICRO : RFC3339;
  const q = JSON.stringify;
  const cannot = (element: string, rest: string) => `parsing time ${q(value)} as ${q(layout)}: cannot parse ${q(rest)} as ${q(element)}`;
  const out = (what: string) => `parsing time ${q(value)}: ${what}`;
  if (!/^\d{4}/.test(value)) return cannot("2006", value);
  const year = Number(value.slice(0, 4));
  let rest = value.slice(4);
  const numbers: number[] = [];
  for (const e of ELEMENTS) {
    if (!rest.startsWith(e.before)) return cannot(e.before, rest);
    rest = rest.slice(e.before.length);
    // the hour ("15") may have one digit, the zero-padded elements need two
    const digits = (e.element === "15" ? /^\d\d?/ : /^\d\d/).exec(rest)?.[0];
    if (digits === undefined) return cannot(e.element, rest);
    rest = rest.slice(digits.length);
    const n = Number(digits);
    if (e.range && (n < e.range.min || n > e.range.max)) return out(`${e.range.name} out of range`);
    numbers.push(n);
  }
  if (micro) {
    if (!/^[.,]\d{6}/.test(rest)) return cannot(".000000", rest);
    rest = rest.slice(7);
  } else {
    // a fraction the layout does not show is accepted after the seconds
    rest = rest.replace(/^[.,]\d+/, "");
  }
  if (rest.startsWith("Z")) rest = rest.slice(1);
  else {
    const zone = /^[+-](\d\d):(\d\d)/.exec(rest);
    if (!zone) return cannot("Z07:00", rest);
    if (Number(zone[1]) > 24) return out("time zone offset hour out of range");
    if (Number(zone[2]) > 60) return out("time zone offset minute out of range");
    rest = rest.slice(6);
  }
  if (rest) return out(`extra text: ${q(rest)}`);
  const [month, day] = numbers as [number, number];
  if (day < 1 || day > daysIn(year, month)) return out("day out of range");
  return undefined;
}

/** metav1.Time (`micro`: MicroTime; apimachinery/pkg/apis/meta/v1): a string in RFC 3339, else what json.Unmarshal into a string or time.Parse says. */
export function timeError(value: unknown, micro: boolean): string | undefined {
  if (typeof value !== "string") return `json: cannot unmarshal ${jsonKind(value)} into Go value of type string`;
  return timeParseError(value, micro);
}

const BASE64 = /[A-Za-z0-9+/]/;
const skipNewlines = (s: string, i: number) => {
  while (s[i] === "\n" || s[i] === "\r") i++;
  return i;
};

/**
 * A `[]byte` field (Secret.data): what encoding/base64's StdEncoding.Decode says, ported from its
 * decodeQuantum: the offset of the first bad character, of a quantum left incomplete, or of what
 * follows the padding. Newlines are skipped, as it skips them.
 */
export function base64Error(s: string): string | undefined {
  const corrupt = (at: number) => `illegal base64 data at input byte ${at}`;
  let si = 0;
  while (si < s.length) {
    for (let j = 0; j < 4; j++) {
      if (si === s.length) return j === 0 ? undefined : corrupt(si - j);
      const c = s[si++]!;
      if (BASE64.test(c)) continue;
      if (c === "\n" || c === "\r") {
        j--;
        continue;
      }
      if (c !== "=" || j < 2) return corrupt(si - 1);
      if (j === 2) {
        si = skipNewlines(s, si);
        if (si === s.length) return corrupt(s.length);
        if (s[si] !== "=") return corrupt(si - 1);
        si++;
      }
      si = skipNewlines(s, si);
      return si < s.length ? corrupt(si) : undefined;
    }
  }
  return undefined;
}
