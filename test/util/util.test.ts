import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { toMs, formatMs } from "../../sdk/util/duration.ts";
import { applyMergePatch, mergePatchFrom } from "../../sdk/util/merge-patch.ts";
import { mergePatch as serverMergePatch } from "../../sdk/sim/kube-api/patch.ts";
import { diffObjects, sameJson } from "../../sdk/util/diff.ts";
import { redactChange, redactInputs } from "../../sdk/util/redact.ts";
import { createScrubber } from "../../sdk/util/scrub.ts";
import { fullFleet, partialSplit, replicasNeeded, weightSupported } from "../../sdk/traffic/capacity.ts";
import { validateSplit } from "../../sdk/traffic/split.ts";

describe("durations", () => {
  it("reads what plans write", () => {
    expect(toMs("1m30s")).toBe(90_000);
    expect(toMs("250ms")).toBe(250);
    expect(toMs(1500)).toBe(1500);
    expect(formatMs(90_000)).toBe("1m30s");
    // rounded before it is split: never "1m60s" or "60s"
    expect([119_600, 59_999, 86_400_000, 5_400_000, 1_500].map(formatMs)).toEqual(["2m", "1m", "24h", "1h30m", "1.5s"]);
  });
  it("says how to write a duration it cannot read", () => {
    expect(() => toMs("5 minutes", "run.pause")).toThrow('run.pause: "5 minutes" is not a duration; write it like "250ms", "30s", "5m" or "1m30s"');
  });
});

describe("merge patches", () => {
  it("mergePatchFrom produces a patch that turns one object into the other", () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json), fc.dictionary(fc.string(), json), (a, b) => {
        const patched = applyMergePatch(a, mergePatchFrom(a, b));
        // merge patch cannot express null values: compare without them
        const dropNulls = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x) => (x === null ? undefined : x)));
        expect(dropNulls(patched)).toEqual(dropNulls(b));
      }),
      { numRuns: 1000 },
    );
  });
  it("drops null fields of a value placed whole, in lists too, as the API server's merge patch does; the loopback server agrees", () => {
    const route = [{ destination: { host: "checkout", subset: "stable" }, weight: null }, null];
    expect(applyMergePatch({ spec: { http: [{ route: [] }] } }, { spec: { http: [{ route }], gateways: { a: null } } })).toEqual({
      spec: { http: [{ route: [{ destination: { host: "checkout", subset: "stable" } }, null] }], gateways: {} },
    });
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(json, json, (target, patch) => {
        expect(applyMergePatch(target, patch)).toEqual(serverMergePatch(target, patch));
      }),
      { numRuns: 1000 },
    );
  });
  it("treats a \"__proto__\" key as a field like any other", () => {
    const patched = applyMergePatch(JSON.parse('{"a":1}'), JSON.parse('{"__proto__":{"x":1}}'));
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(JSON.stringify(patched)).toBe('{"a":1,"__proto__":{"x":1}}');
    expect(JSON.stringify(mergePatchFrom(JSON.parse('{"__proto__":{"x":1}}'), {}))).toBe('{"__proto__":null}');
  });
  it("diff names each changed field with its path", () => {
    expect(diffObjects({ spec: { r: [{ w: 10 }, { w: 90 }] }, status: { x: 1 } }, { spec: { r: [{ w: 100 }, { w: 0 }] }, status: { x: 2 } })).toEqual([
      { field: "spec.r[0].w", before: 10, after: 100 },
      { field: "spec.r[1].w", before: 90, after: 0 },
    ]);
  });
  it("sameJson compares JSON values whatever their key order, as their sorted JSON would", () => {
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
    const reversed = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reversed) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).reverse().map((k) => [k, reversed((v as Record<string, unknown>)[k])])) : v;
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(sameJson(a, reversed(a))).toBe(true);
        expect(sameJson(a, b)).toBe(JSON.stringify(sorted(a)) === JSON.stringify(sorted(b)));
      }),
      { numRuns: 1000 },
    );
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true); // as it goes over the wire
  });
});

describe("splits and capacity", () => {
  it("partial splits always sum to 100 with the destination at the asked weight", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (a, w, extra) => {
        const current = { stable: a, release: 100 - a, other: 0 };
        const s = partialSplit(current, { stable: 100, release: 0, other: extra ? 0 : 0 }, "stable", w);
        expect(Object.values(s).reduce((x, y) => x + y, 0)).toBe(100);
        expect(s.stable).toBe(w);
        expect(Object.values(s).every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
      }),
    );
  });
  it("estimates the full fleet from the busiest pool, not the sum of standbys", () => {
    expect(fullFleet([{ ready: 8, weight: 10 }, { ready: 8, weight: 90 }])).toBe(9);
    expect(fullFleet([{ ready: 2, weight: 10 }, { ready: 8, weight: 90 }])).toBe(9);
    expect(fullFleet([{ ready: 5, weight: 50 }, { ready: 5, weight: 50 }])).toBe(10);
    expect(fullFleet([{ ready: 0, weight: 100 }])).toBe(0);
  });
  it("sizes the receiving side like the fleet that carries the traffic now", () => {
    expect(replicasNeeded(10, 100)).toBe(10);
    expect(replicasNeeded(10, 1)).toBe(1);
    expect(weightSupported(3, 10)).toBe(30);
  });
  it("validates splits in one line naming the split as given, each problem, and the rule", () => {
    const rule = "A split gives each destination a whole percent from 0 to 100, all adding up to 100.";
    expect(() => validateSplit("VirtualService prod/x", { a: -5, b: 105 })).toThrow(
      `Invalid traffic split for VirtualService prod/x (a=-5, b=105): a: weight -5 is outside 0..100; b: weight 105 is outside 0..100. ${rule}`,
    );
    // a weight computed from nothing (NaN) is named as such, and no sum of NaN is reported
    expect(() => validateSplit("VirtualService prod/x", { a: Number.NaN, b: 100 })).toThrow(
      `Invalid traffic split for VirtualService prod/x (a=NaN, b=100): a: weight NaN is not a whole number from 0 to 100. ${rule}`,
    );
    expect(() => validateSplit("VirtualService prod/x", {})).toThrow(`Invalid traffic split for VirtualService prod/x (): it names no destination. ${rule}`);
    // weights given as text (from an input) are named as such, with no "sum to 0"
    expect(() => validateSplit("VirtualService prod/x", { a: "100", b: "0" } as never)).toThrow(
      `Invalid traffic split for VirtualService prod/x (a=100, b=0): a: weight "100" is not a whole number from 0 to 100; b: weight "0" is not a whole number from 0 to 100. ${rule}`,
    );
  });
});

describe("redaction of a change", () => {
  it("hides a Secret's data and fields named like secrets, keeping the field and the keys", () => {
    const secret = { object: { kind: "Secret" }, field: "data", before: undefined, after: { password: "aHVudGVyMg==" } };
    expect(redactChange(secret)).toMatchObject({ before: undefined, after: { password: "[redacted]" } });
    expect(redactChange({ object: { kind: "HelmRelease" }, field: "values.db.password", before: "old-pw", after: "new-pw" })).toMatchObject({ before: "[redacted]", after: "[redacted]" });
    expect(redactChange({ object: { kind: "ConfigMap" }, field: "data", before: {}, after: { mode: "safe", apiToken: "t0k3n" } })).toMatchObject({ after: { mode: "safe", apiToken: "[redacted]" } });
    expect(redactChange({ object: { kind: "VirtualService" }, field: "spec.http[0].route[0].weight", before: 10, after: 100 })).toMatchObject({ before: 10, after: 100 });
  });
  it("hides the value of an env var named like a secret, where the name sits beside the value", () => {
    const env = [{ name: "LOG_LEVEL", value: "info" }, { name: "STRIPE_API_KEY", value: "sk_live_1" }];
    expect(redactChange({ object: { kind: "Deployment" }, field: "spec.template.spec.containers[0].env", before: env.slice(0, 1), after: env })).toMatchObject({
      after: [{ name: "LOG_LEVEL", value: "info" }, { name: "STRIPE_API_KEY", value: "[redacted]" }],
    });
    const objects = { before: { spec: { containers: [{ env }] } } };
    expect(redactChange({ object: { kind: "Pod" }, field: "spec.containers[0].env[1].value", before: "sk_live_1", after: "sk_live_2" }, objects)).toMatchObject({
      before: "[redacted]",
      after: "[redacted]",
    });
    expect(redactChange({ object: { kind: "Pod" }, field: "spec.containers[0].env[0].value", before: "info", after: "debug" }, objects)).toMatchObject({ after: "debug" });
  });
});

describe("what a secret's name looks like", () => {
  it("hides auth, session and cookie values, not fields that only start like them", () => {
    const hidden = (field: string) => redactChange({ object: { kind: "ConfigMap" }, field, before: "a", after: "b" }).after === "[redacted]";
    for (const field of ["data.authToken", "data.basicAuth", "data.AUTHORIZATION", "data.oauth", "data.session_key", "data.sessionSecret", "data.cookie"]) expect(hidden(field), field).toBe(true);
    for (const field of ["data.author", "data.authority", "spec.sessionAffinity", "spec.sessionAffinityConfig.clientIP.timeoutSeconds"]) expect(hidden(field), field).toBe(false);
  });
});

describe("secrets a value says by its shape, under a field named like anything", () => {
  const helmValue = (field: string, after: string) => redactChange({ object: { kind: "HelmRelease" }, field, before: undefined, after }).after;

  it("hides a URL's password (a chart's database.url), keeping the rest of the URL", () => {
    expect(helmValue("values.database.url", "postgres://checkout:Hunter2-prod@db.prod:5432/shop?sslmode=require")).toBe("postgres://checkout:[redacted]@db.prod:5432/shop?sslmode=require");
    expect(helmValue("values.cache", "redis://:s3cr3t@redis:6379/0, then http://docs.example.com/x")).toBe("redis://:[redacted]@redis:6379/0, then http://docs.example.com/x");
    // a user without a password, or a port, is no secret
    expect(helmValue("values.git", "ssh://git@github.com/shop/checkout.git")).toBe("ssh://git@github.com/shop/checkout.git");
    expect(helmValue("values.api", "http://checkout-api:8080/health")).toBe("http://checkout-api:8080/health");
  });

  it("hides a private key's PEM block (a chart's tls.key), and a Sentry DSN by its name", () => {
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
    expect(helmValue("values.tls.key", pem)).toBe("[redacted]\n");
    expect(helmValue("values.tls.key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow (cut short")).toBe("[redacted]");
    // a certificate is public: left as it is
    expect(helmValue("values.tls.crt", "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----")).toBe("-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----");
    expect(helmValue("values.sentry.dsn", "https://0123abcd@o1.ingest.sentry.io/42")).toBe("[redacted]");
  });
});

describe("scrubbing known secret values", () => {
  it("finds a secret written into a URL or a form body, not only as it was given", () => {
    const secret = "tok+en/x yz==";
    const scrub = createScrubber([secret]);
    for (const written of [secret, encodeURIComponent(secret), new URLSearchParams({ key: secret }).toString().slice(4), JSON.stringify(secret).slice(1, -1)]) {
      expect(scrub.text(`GET /api/v1/query?key=${written}&q=up`)).toBe("GET /api/v1/query?key=[redacted]&q=up");
    }
  });
  it("takes a secret out of an event's text without touching its numbers, booleans or keys", () => {
    // a tenant id or PIN of digits, a secret that reads like a word: both occur in the event's JSON outside any string
    const scrub = createScrubber(["1795", "true", "text"]);
    const note = scrub.event({ at: 1_795_489_200_000, type: "note", text: "tenant 1795 is true to its text" });
    expect(note).toEqual({ at: 1_795_489_200_000, type: "note", text: "tenant [redacted] is [redacted] to its [redacted]" });
    const traffic = { at: 1, type: "traffic", route: { apiVersion: "v1", kind: "Service", name: "a" }, split: { a: 17_950 }, verified: true } as const;
    expect(scrub.event(traffic)).toEqual(traffic);
  });
});

describe("redaction", () => {
  it("hides secret-looking fields and known secret values anywhere", () => {
    expect(redactInputs({ apiToken: "abc", reason: "rotated key s3cr3t-value", nested: { password: "x" } }, [], ["s3cr3t-value"])).toEqual({
      apiToken: "[redacted]",
      reason: "rotated key [redacted]",
      nested: { password: "[redacted]" },
    });
  });
});

describe("field paths", async () => {
  const { childPath, valueAt, withValueAt } = await import("../../sdk/util/field-path.ts");
  it("quotes keys that are not identifiers and reads them back", () => {
    const p = childPath(childPath("metadata", "annotations"), "nginx.ingress.kubernetes.io/canary-weight");
    expect(p).toBe('metadata.annotations["nginx.ingress.kubernetes.io/canary-weight"]');
    expect(valueAt({ metadata: { annotations: { "nginx.ingress.kubernetes.io/canary-weight": "5" } } }, p)).toBe("5");
    expect(valueAt({ spec: { http: [{ route: [0, { weight: 7 }] }] } }, "spec.http[0].route[1].weight")).toBe(7);
  });

  it("withValueAt writes a copy: the value at the path, objects made where the path led nowhere, the original untouched", () => {
    const vs = { spec: { http: [{ route: [{ weight: 100 }, { weight: 0 }] }] } };
    expect(withValueAt(vs, "spec.http[0].route[1].weight", 90)).toEqual({ spec: { http: [{ route: [{ weight: 100 }, { weight: 90 }] }] } });
    expect(vs.spec.http[0]!.route[1]!.weight).toBe(0);
    const annotated = withValueAt({ metadata: { name: "x" } }, 'metadata.annotations["__proto__"]', "5");
    const annotations = valueAt(annotated, "metadata.annotations") as object;
    expect(Object.keys(annotations)).toEqual(["__proto__"]); // a key of its own, not a new prototype
    expect(Object.getPrototypeOf(annotations)).toBe(Object.prototype);
  });
});
