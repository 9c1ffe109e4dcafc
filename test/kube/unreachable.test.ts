import { describe, expect, it } from "vitest";
import { createServer } from "node:net";
import { createKube } from "../../sdk/kube/index.ts";

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("an API server that cannot be reached", () => {
  it("is named, with what to check, instead of the resource that was asked for", async () => {
    const port = await closedPort();
    const kubeconfig = [
      "apiVersion: v1",
      "kind: Config",
      "clusters: [{ name: c, cluster: { server: 'http://127.0.0.1:" + port + "' } }]",
      "contexts: [{ name: prod-eu, context: { cluster: c, user: u } }]",
      "current-context: prod-eu",
      "users: [{ name: u, user: { token: s3cr3t-token-value } }]",
    ].join("\n");
    const kube = await createKube({ kind: "inline", content: kubeconfig });
    const err = await kube.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(new RegExp(`cannot reach the API server at http://127.0.0.1:${port} \\(context prod-eu\\): ECONNREFUSED\\. Check the kubeconfig's server address`));
    expect((err as Error).message).not.toContain("s3cr3t");
  }, 20_000);
});
