import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../sdk/ports/kube.ts";
import { clientsOf, lookUpSubset } from "../../sdk/traffic/routers/istio-rule-lookup.ts";

const vs = (namespace: string, gateways?: string[]): KubeObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "shop", namespace },
  spec: { hosts: ["shop.example.com"], ...(gateways ? { gateways } : {}), http: [] },
});
const rule = (namespace: string, subsets: string[], exportTo?: string[]): KubeObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "DestinationRule",
  metadata: { name: "checkout-api", namespace },
  spec: { host: "checkout-api.prod.svc.cluster.local", subsets: subsets.map((name) => ({ name, labels: { version: name } })), ...(exportTo ? { exportTo } : {}) },
});
const service = { name: "checkout-api", namespace: "prod" };
const gateway = { namespace: "istio-ingress", who: "the proxies of gateway istio-ingress/public-gw" };

describe("clientsOf: the proxies that follow a VirtualService", () => {
  it("the sidecars of its namespace by default ('mesh'), a gateway's in its Gateway's namespace, each namespace once", () => {
    expect(clientsOf(vs("prod"))).toEqual([{ namespace: "prod", who: "the sidecars in prod" }]);
    expect(clientsOf(vs("istio-ingress", ["public-gw", "istio-ingress/private-gw", "istio-system/edge", "mesh"]))).toEqual([
      { namespace: "istio-ingress", who: "the proxies of gateway istio-ingress/public-gw" },
      { namespace: "istio-system", who: "the proxies of gateway istio-system/edge" },
    ]);
  });
});

describe("lookUpSubset: the rule a gateway's proxies use for a host", () => {
  const lookUp = (rules: KubeObject[], subset = "stable") => lookUpSubset(rules, service, subset, gateway, "istio-system");

  it("a subset defined only in a rule off their lookup path (their namespace, the Service's, the root) is unseen", () => {
    expect(lookUp([rule("shop-config", ["stable"])])).toEqual({
      why:
        "'stable' is defined in DestinationRule shop-config/checkout-api, but the proxies of gateway istio-ingress/public-gw look for checkout-api's DestinationRule " +
        "in istio-ingress, prod and istio-system only, so Istio answers 503 (cluster_not_found) to every request it would send to 'stable'. " +
        "Define the subset in a rule in prod, or give 'stable' 0%.",
    });
  });

  it("the Service's rule is the one used when their namespace has none: a subset it lacks is unresolved, though the root's defines it", () => {
    expect(lookUp([rule("prod", ["release"]), rule("istio-system", ["stable"])])).toEqual({
      why:
        "the proxies of gateway istio-ingress/public-gw use DestinationRule prod/checkout-api for prod/checkout-api, and it defines no subset 'stable' (its subsets: release), " +
        "so Istio answers 503 (cluster_not_found) to every request it would send to 'stable'. Add 'stable' to that rule, or give 'stable' 0%.",
    });
  });

  it("the root namespace's rule is used when neither their namespace nor the Service's has one", () => {
    const root = rule("istio-system", ["stable"]);
    expect(lookUp([root])).toEqual({ rule: root });
    expect(lookUp([rule("istio-system", ["stable"], ["."])])).toMatchObject({ why: expect.stringContaining(`exported to "." (istio-system) only`) });
  });

  it("no rule for the host on their path: the namespaces looked in, for the caller to say (it knows whether the root was read)", () => {
    expect(lookUp([])).toEqual({ noRule: ["istio-ingress", "prod", "istio-system"] });
  });

  it("a rule of the gateway's namespace that is not exported to it does not shadow the Service's", () => {
    const prod = rule("prod", ["stable", "release"]);
    expect(lookUp([rule("istio-ingress", ["release"], ["prod"]), prod])).toEqual({ rule: prod });
  });
});
