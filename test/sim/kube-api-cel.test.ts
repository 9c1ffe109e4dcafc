import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../sdk/ports/kube.ts";
import { type Harness, http, NS, startHarness, virtualService } from "./kube-api-fixtures.ts";

/** The CRDs' `x-kubernetes-validations` CEL rules: refused with the CRD's own message, as a real API server does. */

let h: Harness;
let widgets: Harness;
beforeAll(async () => {
  h = await startHarness();
  widgets = await startHarness({ crdDir: join(import.meta.dirname, "fixtures/cel-crds") });
});
afterAll(() => {
  h.api.close();
  widgets.api.close();
});

const ROUTES = `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes`;
const VS = `/apis/networking.istio.io/v1/namespaces/${NS}/virtualservices`;

function httpRoute(name: string, rule: Record<string, unknown>, parentRefs: unknown[] = [{ name: "gw" }]): KubeObject {
  return {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name, namespace: NS },
    spec: { parentRefs, rules: [{ backendRefs: [{ name: "checkout", port: 8080 }], ...rule }] },
  };
}

const rewrite = (prefix: string) => ({ type: "URLRewrite", urlRewrite: { path: { type: "ReplacePrefixMatch", replacePrefixMatch: prefix } } });

describe("Gateway API HTTPRoute rules", () => {
  it("refuses two URLRewrite filters in one rule, with the rule's message at the filters", async () => {
    const res = await http(h.api, "POST", ROUTES, httpRoute("two-rewrites", { matches: [{ path: { type: "PathPrefix", value: "/api" } }], filters: [rewrite("/v1"), rewrite("/v2")] }));
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      kind: "Status",
      reason: "Invalid",
      message: 'HTTPRoute.gateway.networking.k8s.io "two-rewrites" is invalid: spec.rules[0].filters: Invalid value: "array": URLRewrite filter cannot be repeated',
      details: {
        name: "two-rewrites",
        group: "gateway.networking.k8s.io",
        kind: "HTTPRoute",
        causes: [{ reason: "FieldValueInvalid", field: "spec.rules[0].filters", message: 'Invalid value: "array": URLRewrite filter cannot be repeated' }],
      },
      code: 422,
    });
  });

  it("refuses a RequestRedirect filter typed URLRewrite", async () => {
    const res = await http(h.api, "POST", ROUTES, httpRoute("mistyped", { filters: [{ type: "URLRewrite", requestRedirect: { statusCode: 302 } }] }));
    expect(res.status).toBe(422);
    expect(res.json.details.causes).toEqual(
      expect.arrayContaining([
        { reason: "FieldValueInvalid", field: "spec.rules[0].filters[0]", message: 'Invalid value: "object": filter.requestRedirect must be nil if the filter.type is not RequestRedirect' },
        { reason: "FieldValueInvalid", field: "spec.rules[0].filters[0]", message: 'Invalid value: "object": filter.urlRewrite must be specified for URLRewrite filter.type' },
      ]),
    );
  });

  it("refuses a path match whose value does not start with '/'", async () => {
    const res = await http(h.api, "POST", ROUTES, httpRoute("relative", { matches: [{ path: { type: "PathPrefix", value: "api" } }] }));
    expect(res.status).toBe(422);
    expect(res.json.details.causes).toEqual([
      {
        reason: "FieldValueInvalid",
        field: "spec.rules[0].matches[0].path",
        message: `Invalid value: "object": value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']`,
      },
    ]);
  });

  it("refuses a core Service backendRef without a port (group and kind defaulted first), not another kind's", async () => {
    const portless = await http(h.api, "POST", ROUTES, httpRoute("no-port", { backendRefs: [{ name: "checkout" }] }));
    expect(portless.status).toBe(422);
    expect(portless.json.details.causes).toEqual([
      { reason: "FieldValueInvalid", field: "spec.rules[0].backendRefs[0]", message: 'Invalid value: "object": Must have port for Service reference' },
    ]);
    const otherGroup = await http(h.api, "POST", ROUTES, httpRoute("other-group", { backendRefs: [{ group: "multicluster.x-k8s.io", kind: "Service", name: "checkout" }] }));
    expect(otherGroup.status).toBe(201);
  });

  it("tells parentRefs to the same Gateway apart by namespace (a property CEL spells __namespace__)", async () => {
    const sameParent = await http(h.api, "POST", ROUTES, httpRoute("same-parent", {}, [{ name: "gw", namespace: "infra" }, { name: "gw", namespace: "infra" }]));
    expect(sameParent.status).toBe(422);
    expect(sameParent.json.details.causes).toContainEqual({
      reason: "FieldValueInvalid",
      field: "spec.parentRefs",
      message: 'Invalid value: "array": sectionName must be unique when parentRefs includes 2 or more references to the same parent',
    });
    const twoParents = await http(h.api, "POST", ROUTES, httpRoute("two-parents", {}, [{ name: "gw", namespace: "infra" }, { name: "gw", namespace: "edge" }]));
    expect(twoParents.status).toBe(201);
  });

  it("accepts a route that keeps every rule: matches, one filter of each kind, mirror fraction, timeouts", async () => {
    const res = await http(
      h.api,
      "POST",
      ROUTES,
      httpRoute("full", {
        matches: [{ path: { type: "PathPrefix", value: "/api" }, headers: [{ name: "x-canary", value: "1" }] }],
        filters: [
          rewrite("/"),
          { type: "RequestHeaderModifier", requestHeaderModifier: { set: [{ name: "x-route", value: "full" }] } },
          { type: "RequestMirror", requestMirror: { backendRef: { name: "shadow", port: 8080 }, fraction: { numerator: 1, denominator: 10 } } },
        ],
        timeouts: { request: "10s", backendRequest: "2s" },
        backendRefs: [
          { name: "checkout-stable", port: 8080, weight: 90 },
          { name: "checkout-canary", port: 8080, weight: 10 },
        ],
      }),
    );
    expect(res.status).toBe(201);
  });
});

describe("Istio VirtualService rules", () => {
  it("refuses a timeout under 1ms with the CRD's message", async () => {
    const vs = virtualService("instant");
    vs.spec.http[0].timeout = "0s";
    const res = await http(h.api, "POST", VS, vs);
    expect(res.status).toBe(422);
    expect(res.json.message).toBe('VirtualService.networking.istio.io "instant" is invalid: spec.http[0].timeout: Invalid value: "string": must be a valid duration greater than 1ms');
  });

  it("accepts durations of 1ms and more in Go's syntax", async () => {
    const vs = virtualService("patient");
    vs.spec.http[0].timeout = "1m30s";
    vs.spec.http[0].retries = { attempts: 3, perTryTimeout: "1ms" };
    expect((await http(h.api, "POST", VS, vs)).status).toBe(201);
  });
});

describe("rule options the bundled CRDs do not use", () => {
  const WIDGETS = `/apis/example.com/v1/namespaces/${NS}/widgets`;
  const widget = (name: string, spec: Record<string, unknown>) => ({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name, namespace: NS }, spec });

  it("answers a rule's reason at its fieldPath, with its messageExpression evaluated over the defaulted object", async () => {
    const res = await http(widgets.api, "POST", WIDGETS, widget("greedy", { limits: { cpu: 4, memory: 12 } }));
    expect(res.status).toBe(422);
    expect(res.json.details.causes).toEqual([{ reason: "FieldValueForbidden", field: "spec.limits", message: "Forbidden: each limit must be at most 10" }]);
  });

  it("answers Required with the message, and 'failed rule' for a rule without one", async () => {
    const res = await http(widgets.api, "POST", WIDGETS, widget("never", { if: "never", ratio: 1.5 }));
    expect(res.status).toBe(422);
    expect(res.json.details.causes).toEqual([
      { reason: "FieldValueRequired", field: "spec", message: "Required value: if must not be 'never'" },
      { reason: "FieldValueInvalid", field: "spec.ratio", message: 'Invalid value: "number": failed rule: self < 1.0' },
    ]);
    expect((await http(widgets.api, "POST", WIDGETS, widget("fine", { "max-total": 20, limits: { cpu: 20 }, ratio: 0.5 }))).status).toBe(201);
  });
});
