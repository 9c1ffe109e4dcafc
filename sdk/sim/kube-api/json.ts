/** JSON helpers the API server's modules share. */

export type JsonObject = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** JSON with object keys sorted: equal values give equal strings, whatever their key order. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/** Deep equality of JSON values. */
export const jsonEqual = (a: unknown, b: unknown) => stableJson(a) === stableJson(b);
