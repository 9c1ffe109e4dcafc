import { describe, expect, it } from "vitest";
import { createEngineContext } from "../../sdk/engine/context.ts";
import { Journal } from "../../sdk/engine/journal.ts";
import { createPreviewKube } from "../../sdk/engine/preview-kube.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import type { KubeObject } from "../../sdk/ports/kube.ts";
import { foreseeOverwrites } from "../../sdk/workloads/helm-overwrites.ts";
import { createFakeKube } from "../helpers/fake-kube.ts";

/**
 * What a preview foresees of a helm rollback over fields the run wrote, without helm: the helm
 * major version is given (the real binary's answer is covered in helm.test.ts).
 */

const ref = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" };
const OPERATION = "helm rollback to revision 2 of Helm release prod/checkout-api";

/** The Deployment with `replicas`, its image and its database password. */
const deploymentWith = (replicas: number, image: string, password: string): KubeObject => ({
  ...ref,
  metadata: { name: ref.name, namespace: ref.namespace },
  spec: { replicas, template: { spec: { containers: [{ name: "app", image, env: [{ name: "LOG_LEVEL", value: "info" }, { name: "DB_PASSWORD", value: password }] }] } } },
});

/** A preview where the plan's earlier steps scaled the Deployment to 0 and rotated its password; the cluster has neither. */
function previewAfterPlanWrites() {
  const fake = createFakeKube();
  fake.store.create(deploymentWith(8, "checkout-api:2.0.0", "live-s3cret"));
  const clock = createVirtualClock(0);
  const preview = createPreviewKube(fake.kube);
  const ctx = createEngineContext({ mode: "preview", kube: preview, preview, clock, signal: new AbortController().signal, journal: new Journal(undefined, clock) });
  preview.put(ref, deploymentWith(0, "checkout-api:2.0.0", "rotated-s3cret"));
  const notes = () => ctx.journal.events.flatMap((e) => (e.type === "note" ? [e.text] : []));
  return { ctx, preview, notes };
}

/** The fields the rollback journals itself, as helm.ts says of a release's images. */
const images = (_: unknown, field: string) => field.endsWith(".image");
const helmOf = (major: number) => ({ major: async () => major, forceConflicts: false, elsewhere: images });

/** Revision 2's manifest: 8 replicas, the old image, the old password. */
const chart = deploymentWith(8, "checkout-api:1.9.0", "chart-s3cret");

describe("foreseeOverwrites: a chart over the fields the run wrote", () => {
  it("Helm 3: each field the run wrote and the chart sets otherwise, before → after, secrets redacted; the preview's view takes the chart's values", async () => {
    const { ctx, preview, notes } = previewAfterPlanWrites();
    await foreseeOverwrites(ctx, OPERATION, [{ ref, object: chart }], helmOf(3), new Map());
    expect(notes()).toEqual([
      `the run's ${OPERATION} writes the chart's values over what this run wrote: Deployment prod/checkout-api spec.replicas 0 → 8, spec.template.spec.containers[0].env[1].value "[redacted]" → "[redacted]" (Helm 3 patches without asking). Shift or scale again after it, or take those fields out of the chart.`,
    ]);
    const viewed = (await preview.get(ref))!;
    expect(viewed.spec.replicas).toBe(8);
    // the image is the chart's business, not an overwrite of the run's: the preview's view is left for the rollback to journal
    expect(viewed.spec.template.spec.containers[0].image).toBe("checkout-api:2.0.0");
    // journaled as changes the run would make, as the run journals what helm wrote
    expect(ctx.journal.events.flatMap((e) => (e.type === "change" ? [[e.field, e.before, e.after, e.applied, e.action]] : []))).toEqual([
      ["spec.replicas", 0, 8, false, OPERATION],
      ["spec.template.spec.containers[0].env[1].value", "[redacted]", "[redacted]", false, OPERATION],
    ]);
    expect(JSON.stringify(ctx.journal.events)).not.toContain("s3cret");
  });

  it("Helm 4: the run would stop with the error it would raise, and the preview's view stays as the plan left it", async () => {
    const { ctx, preview, notes } = previewAfterPlanWrites();
    await foreseeOverwrites(ctx, OPERATION, [{ ref, object: chart }], helmOf(4), new Map());
    expect(notes()).toEqual([expect.stringContaining(`the run would stop here: ${OPERATION} was refused by the cluster: the chart sets Deployment prod/checkout-api's spec.replicas, spec.template.spec.containers[0].env[1].value, which this run wrote`)]);
    expect(ctx.journal.events.find((e) => e.type === "note")).toMatchObject({ stops: true });
    expect((await preview.get(ref))!.spec.replicas).toBe(0);
  });

  it("names each field's manager when another one than the run holds some: Helm 3 writes over both and each is journaled, Helm 4 refuses both; fields Helm holds are not overwrites", async () => {
    const appEnv = (env: object) => ({ "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"app"}': env } } } } });
    // someone's `kubectl set image` and `kubectl set env` during the incident
    const live = deploymentWith(8, "checkout-api:2.0.0-hotfix", "chart-s3cret");
    live.spec.template.spec.containers[0].env[0].value = "debug";
    live.metadata.managedFields = [
      { manager: "helm", operation: "Apply", fieldsType: "FieldsV1", fieldsV1: { "f:spec": { "f:replicas": {}, ...appEnv({ "f:name": {} })["f:spec"] } } },
      { manager: "kubectl-set", operation: "Update", fieldsType: "FieldsV1", fieldsV1: appEnv({ "f:image": {}, "f:env": { 'k:{"name":"LOG_LEVEL"}': { "f:value": {} } } }) },
    ];
    const foresee = async (major: number) => {
      const fake = createFakeKube();
      fake.store.create(live);
      const clock = createVirtualClock(0);
      const preview = createPreviewKube(fake.kube);
      const ctx = createEngineContext({ mode: "preview", kube: preview, preview, clock, signal: new AbortController().signal, journal: new Journal(undefined, clock) });
      preview.put(ref, { ...(await fake.kube.get(ref))!, spec: { ...live.spec, replicas: 0 } }); // the plan scaled to 0
      await foreseeOverwrites(ctx, OPERATION, [{ ref, object: chart }], helmOf(major), new Map());
      return { events: ctx.journal.events, viewed: (await preview.get(ref))! };
    };
    const { events: helm3, viewed } = await foresee(3);
    expect(helm3.flatMap((e) => (e.type === "note" ? [e.text] : []))).toEqual([
      `the run's ${OPERATION} writes the chart's values over what this run and field manager "kubectl-set" wrote: Deployment prod/checkout-api spec.replicas 0 → 8 (this run), spec.template.spec.containers[0].image "checkout-api:2.0.0-hotfix" → "checkout-api:1.9.0" (field manager "kubectl-set"), spec.template.spec.containers[0].env[0].value "debug" → "info" (field manager "kubectl-set") (Helm 3 patches without asking). Shift or scale again after it, or take those fields out of the chart. Check why field manager "kubectl-set" changed them since the release was deployed: the chart's values are the release's, not necessarily what production needs now.`,
    ]);
    // each is a change the run makes, whoever held it, but the image: the rollback journals that itself
    expect(helm3.flatMap((e) => (e.type === "change" ? [[e.field, e.before, e.after]] : []))).toEqual([
      ["spec.replicas", 0, 8],
      ["spec.template.spec.containers[0].env[0].value", "debug", "info"],
    ]);
    expect(viewed.spec.template.spec.containers[0]).toMatchObject({ image: "checkout-api:1.9.0", env: [{ name: "LOG_LEVEL", value: "info" }, expect.anything()] });
    const helm4 = (await foresee(4)).events.find((e) => e.type === "note");
    expect(helm4).toMatchObject({ stops: true });
    expect(helm4?.type === "note" && helm4.text).toContain(
      `the chart sets Deployment prod/checkout-api's spec.replicas, which this run wrote (field manager "firebreak"); and Deployment prod/checkout-api's spec.template.spec.containers[0].image, spec.template.spec.containers[0].env[0].value, which field manager "kubectl-set" wrote after Helm`,
    );
  });

  it("asks helm its version only when the chart sets a field the run owns", async () => {
    const { ctx, notes } = previewAfterPlanWrites();
    let asked = 0;
    const sameAsPlan = deploymentWith(0, "checkout-api:1.9.0", "rotated-s3cret");
    await foreseeOverwrites(ctx, OPERATION, [{ ref, object: sameAsPlan }], { ...helmOf(0), major: async () => ++asked }, new Map());
    expect(asked).toBe(0);
    expect(notes()).toEqual([]);
  });
});
