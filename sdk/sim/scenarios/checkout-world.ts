import type { ScenarioInput } from "../scenario.ts";

/**
 * The world the built-in scenarios share: checkout-api in namespace prod, mid-incident.
 *
 * - The stable pool (Deployment checkout-api-stable, subset `stable`, 8 pods, warm) runs 1.9.4, the
 *   last build known good on both database schemas: a standby that can take everyone at once.
 * - The release pool (Deployment checkout-api, subset `release`, 8 pods) was just upgraded from
 *   1.9.0 (revision 2) to 2.0.0 (revision 3), which fails 30% of requests, and takes 90% of traffic.
 *   Helm deployed it: the Helm release checkout-api has the same three revisions.
 * - A hotfix, 2.0.1, is built and ready to roll forward to.
 */
export const checkoutWorld = {
  namespace: "prod",
  images: {
    "registry.example.com/checkout-api:1.8.2": { latencyMs: 30, schema: { min: 40, max: 41 } },
    "registry.example.com/checkout-api:1.9.0": { latencyMs: 28, schema: { min: 40, max: 41 } },
    "registry.example.com/checkout-api:1.9.4": { latencyMs: 28, schema: { min: 40, max: 42 } },
    "registry.example.com/checkout-api:2.0.0": { latencyMs: 35, errorRate: 0.3, schema: { min: 41, max: 42 } },
    "registry.example.com/checkout-api:2.0.1": { latencyMs: 30, schema: { min: 41, max: 42 } },
  },
  services: [{ name: "checkout-api", rps: 400, podCapacityRps: 60 }],
  deployments: [
    {
      name: "checkout-api-stable",
      service: "checkout-api",
      version: "stable",
      replicas: 8,
      history: ["registry.example.com/checkout-api:1.9.4"],
    },
    {
      name: "checkout-api",
      service: "checkout-api",
      version: "release",
      replicas: 8,
      history: [
        "registry.example.com/checkout-api:1.8.2",
        "registry.example.com/checkout-api:1.9.0",
        "registry.example.com/checkout-api:2.0.0",
      ],
      // each release went out with `helm upgrade`: a Helm release of the same name, revisions 1..3
      helm: { chartVersions: ["1.8.2", "1.9.0", "2.0.0"] },
    },
  ],
  routes: [{ kind: "istio", name: "checkout-api", service: "checkout-api", split: { stable: 10, release: 90 } }],
} satisfies Omit<ScenarioInput, "name" | "description">;

/**
 * The checkout world on Linkerd with Gateway API: an HTTPRoute attached to the Service
 * checkout-api splits it between the backend Services checkout-api-stable and
 * checkout-api-release (each selecting one version; Linkerd reports per Deployment, so each
 * Deployment is named like its backend).
 */
export const linkerdCheckoutWorld = {
  ...checkoutWorld,
  deployments: checkoutWorld.deployments.map((d) => (d.name === "checkout-api" ? { ...d, name: "checkout-api-release" } : d)),
  routes: [{ kind: "httproute", name: "checkout-api", service: "checkout-api", split: { "checkout-api-stable": 10, "checkout-api-release": 90 } }],
} satisfies Omit<ScenarioInput, "name" | "description">;

/**
 * The checkout world behind ingress-nginx: the primary Ingress checkout-api sends shop.example.com
 * to the Service checkout-api (the stable pool); the canary Ingress checkout-api-canary sends
 * `canary-weight` 90 of it to the Service checkout-api-canary (the release pool, Deployment
 * checkout-api).
 */
export const nginxCheckoutWorld = {
  ...checkoutWorld,
  routes: [
    {
      kind: "nginx-canary",
      name: "checkout-api",
      service: "checkout-api",
      host: "shop.example.com",
      split: { "checkout-api": 10, "checkout-api-canary": 90 },
      canary: "checkout-api-canary",
      backends: { "checkout-api": "stable", "checkout-api-canary": "release" },
    },
  ],
} satisfies Omit<ScenarioInput, "name" | "description">;
