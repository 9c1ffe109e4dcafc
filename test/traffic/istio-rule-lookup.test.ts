import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../sdk/ports/kube.ts";
import { clientsOf, unseenSubset } from "../../sdk/traffic/routers/istio-rule-lookup.ts";

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

describe("unseenSubset: the rule a gateway's proxies use for a host", () => {
  it("a subset defined only in a rule off their lookup path (neither their namespace nor the Service's) is unseen", () => {
    expect(unseenSubset([rule("shop-config", ["stable"])], service, "stable", gateway)).toBe(
      "'stable' is defined in DestinationRule shop-config/checkout-api, but the proxies of gateway istio-ingress/public-gw look for checkout-api's DestinationRule " +
        "in istio-ingress and prod only, so Istio answers 503 (cluster_not_found) to every request it would send to 'stable'. " +
        "Define the subset in a rule in prod, or give 'stable' 0%.",
    );
  });

  it("a subset no rule read defines is not judged (the root namespace's rules are not read)", () => {
    expect(unseenSubset([rule("prod", ["release"])], service, "stable", gateway)).toBeUndefined();
  });

  it("a rule of the gateway's namespace that is not exported to it does not shadow the Service's", () => {
    expect(unseenSubset([rule("istio-ingress", ["release"], ["prod"]), rule("prod", ["stable", "release"])], service, "stable", gateway)).toBeUndefined();
  });
});
