import { isDeepStrictEqual } from "node:util";
import { FirebreakError, RevisionNotFoundError, VerificationError, type FieldIssue } from "../errors.ts";
import { checkNames, durationIssue, isCount, quoted, refuseIssues, unknownKeys } from "../plan/check-option.ts";
import { currentContext, type EngineContext } from "../engine/context.ts";
import { refString, type KubeObject, type ObjectRef } from "../ports/kube.ts";
import { toMs, type Duration } from "../util/duration.ts";
import { valueAt, withValueAt } from "../util/field-path.ts";
import type { FieldChange } from "../util/diff.ts";
import { pinnedImage } from "../util/image.ts";
import { journalChanges, send } from "../engine/writes.ts";
import { previewHelmRouteEdits, recordRouteEdits } from "../engine/route-edits.ts";
import { findHelm, helmFieldConflict, helmMajorVersion, HelmNotInstalledError, runHelm, type HelmDriver } from "./helm-cli.ts";
import { foreseeOverwrites, heldByOthers, journalOverwritten, type JournaledElsewhere, type ObjectsBefore } from "./helm-overwrites.ts";
import { chartText, decodeHelmRecord, HELM_RELEASE_TYPE, lastGoodRevision, manifestObjects, releaseRevision, rolledBackTo, sameRelease, upgradeBase, type HelmRevision, type ManifestObject } from "./helm-release.ts";
import { watchedHandle } from "../engine/watched.ts";
import { recordRollouts } from "./rollouts.ts";
import { foreseeStop } from "../engine/journal.ts";

export { decodeHelmRecord, lastGoodRevision, manifestImages, type HelmRevision, type ManifestImage } from "./helm-release.ts";
export { findHelm, HelmCommandError, HelmFieldConflictError, HelmNotInstalledError } from "./helm-cli.ts";

export interface HelmReleaseOptions {
  namespace: string;
  name: string;
  /** kubeconfig context, when the plan acts on several clusters. */
  context?: string;
  /** Where Helm keeps release records (HELM_DRIVER): "secret" (default) or "configmap". */
  storage?: HelmDriver;
  /** The helm binary for rollback/upgrade (default: FIREBREAK_HELM, else `helm` on PATH). */
  helmBinary?: string;
}

export interface HelmUpgradeOptions {
  /** Chart reference as helm takes it: "repo/chart", "oci://…", a path or URL. */
  chart: string;
  version?: string;
  /** Values laid over the release's current values (helm --reset-then-reuse-values). */
  values?: Record<string, unknown>;
  /** helm's --timeout (default 5m): how long it waits for the chart's hooks before it fails the release. */
  timeout?: Duration;
  /**
   * Helm 4's --force-conflicts: overwrite fields this run wrote (route weights the chart also sets)
   * instead of failing with HelmFieldConflictError. The chart's values then serve traffic until the
   * plan shifts the route again: do that in the step after.
   */
  forceConflicts?: boolean;
}

/** A handle on a Helm release. History is read from the cluster; rollback and upgrade run the helm CLI. */
export interface HelmRelease {
  /** "Helm release prod/checkout-api" */
  readonly label: string;
  /** Every revision Helm kept, oldest first, decoded from its release records (no helm binary needed). */
  history(): Promise<HelmRevision[]>;
  /** The newest revision. */
  current(): Promise<HelmRevision>;
  /** The newest revision before the current one that Helm recorded as deployed or superseded. */
  lastGood(): Promise<HelmRevision | undefined>;
  /** `helm rollback` to `toRevision` (default: lastGood()). Does not wait for pods: follow with waitForRollout(). */
  rollback(options?: { toRevision?: number } & Pick<HelmUpgradeOptions, "timeout" | "forceConflicts">): Promise<void>;
  /** `helm upgrade` to a chart version and/or values (roll forward). Does not wait for pods. */
  upgrade(options: HelmUpgradeOptions): Promise<void>;
}

/** rollback() without a revision, and no revision of the release to go back to. */
export class NoRollbackTargetError extends FirebreakError {
  override name = "NoRollbackTargetError";
  constructor(readonly release: string, current: number, revisions: string[]) {
    super(
      "revision-not-found",
      `${release} has no revision to roll back to: none before revision ${current} was deployed or superseded (revisions: ${revisions.join(", ")}). ` +
        "Name one with rollback({ toRevision }), or roll forward with upgrade().",
    );
  }
}

/** The release's newest revision is pending-*: Helm refuses every other operation on it until it is taken out. */
export class HelmReleasePendingError extends FirebreakError {
  override name = "HelmReleasePendingError";
  constructor(readonly release: HelmReleaseOptions, latest: HelmRevision, deployed: HelmRevision | undefined) {
    const { name, namespace } = release;
    // commands to paste as they are: with the release's storage driver and context, helm finds it
    const helmCmd = (args: string) =>
      `${release.storage === "configmap" ? "HELM_DRIVER=configmap " : ""}helm ${args} -n ${namespace}${release.context ? ` --kube-context ${release.context}` : ""}`;
    super(
      "conflict",
      `Helm release ${namespace}/${name} is ${latest.status} at revision ${latest.revision}: a helm operation is running, or was stopped part way. ` +
        `Check with: ${helmCmd(`history ${name}`)}` +
        (deployed ? `. If none is running, take it back to the last revision that was deployed: ${helmCmd(`rollback ${name} ${deployed.revision}`)}` : ""),
    );
  }
}

/** Why a revision older than every record is missing, and what to do instead; "" for any other revision. */
function pruned(history: HelmRevision[], revision: number): string {
  const oldest = history[0]!.revision;
  if (!(revision >= 1 && revision < oldest)) return "";
  return (
    `Helm deleted the records of revisions before ${oldest}: helm upgrade and rollback keep only the newest --history-max revisions (10 unless set, or HELM_MAX_HISTORY). ` +
    `Roll back to one it kept, or roll forward with upgrade({ chart, version, values }) to what revision ${revision} ran.`
  );
}

const forcing = (opts: Pick<HelmUpgradeOptions, "forceConflicts">) => (opts.forceConflicts ? ["--force-conflicts"] : []);

/** Problems with upgrade()'s options, found before helm runs: `version: 1.10` would reach helm as "1.1". */
function upgradeIssues(opts: HelmUpgradeOptions | undefined): FieldIssue[] {
  const issues = unknownKeys(opts, ["chart", "version", "values", "timeout", "forceConflicts"]);
  if (!(typeof opts?.chart === "string" && opts.chart !== "")) {
    issues.push({ path: "chart", message: `${opts?.chart === undefined ? "is missing" : `must be text (got ${quoted(opts.chart)})`}; give the chart as helm takes it, e.g. upgrade({ chart: "oci://registry.example.com/charts/checkout-api", version: "1.4.2" })` });
  }
  if (opts?.version !== undefined && !(typeof opts.version === "string" && opts.version !== "")) {
    issues.push({ path: "version", message: `must be the chart version as text, in quotes as in Chart.yaml, e.g. version: "1.10.0" (got ${quoted(opts.version)}; as a number 1.10 would read 1.1)` });
  }
  if (opts?.values !== undefined && !(opts.values && typeof opts.values === "object" && !Array.isArray(opts.values))) {
    issues.push({ path: "values", message: `must be an object of values, e.g. values: { image: { tag: "1.4.2" } } (got ${Array.isArray(opts.values) ? "a list" : typeof opts.values})` });
  }
  return [...issues, ...timeoutIssues(opts)];
}

/** A helm timeout that is no duration would be found only when the run calls helm (the preview never does). */
const timeoutIssues = (opts: { timeout?: unknown } | undefined): FieldIssue[] => {
  const issue = opts?.timeout === undefined ? undefined : durationIssue(opts.timeout, "timeout");
  return issue ? [issue] : [];
};

/** A helm command whose refusal to overwrite this run's fields says so, and what to do. */
const owning = <T>(operation: string, running: Promise<T>): Promise<T> =>
  running.catch((err: unknown) => {
    throw helmFieldConflict(err, operation) ?? err;
  });

/** The journal's name for a release; Helm has no such Kubernetes kind, so it is namespaced under helm.sh. */
const releaseObject = (o: HelmReleaseOptions) => ({ apiVersion: "helm.sh/v1", kind: "HelmRelease", namespace: o.namespace, name: o.name, ...(o.context ? { context: o.context } : {}) });

const REPLICAS = "spec.replicas";

/** An image's field of an object, as a key. */
const imageKey = (ref: ObjectRef, field: string) => `${refString(ref)} ${field}`;

/** Flattens values into dotted paths, for before → after lines. */
function flatten(value: unknown, path = "values"): [string, unknown][] {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, `${path}.${k}`));
  }
  return [[path, value]];
}
/** The value at "values.a.b" in a release's values. */
const valueOf = (values: unknown, path: string) => path.split(".").slice(1).reduce<any>((o, k) => o?.[k], values);

/** Each dotted values path whose value differs between two revisions (a rollback restores the target's values as they were). */
function valueChanges(from: HelmRevision, to: HelmRevision): { path: string; before: unknown; after: unknown }[] {
  const paths = new Set([...flatten(from.values), ...flatten(to.values)].map(([path]) => path));
  return [...paths]
    .map((path) => ({ path, before: valueOf(from.values, path), after: valueOf(to.values, path) }))
    .filter((c) => !isDeepStrictEqual(c.before, c.after));
}

/**
 * A Helm release handle.
 * @example
 * const release = helm.release({ namespace: "prod", name: "checkout-api" });
 * const good = await release.lastGood();          // from the release Secrets, no helm binary
 * await release.rollback({ toRevision: good!.revision }); // through the helm CLI
 * await deployment({ namespace: "prod", name: "checkout-api" }).waitForRollout();
 */
function release(options: HelmReleaseOptions): HelmRelease {
  checkNames("helm.release", options, ["namespace", "name"], ["context", "storage", "helmBinary"]);
  const label = `Helm release ${options.namespace}/${options.name}`;
  const driver = options.storage ?? "secret";
  const kind = driver === "configmap" ? "ConfigMap" : "Secret";
  const object = releaseObject(options);

  const history = async (ctx: EngineContext): Promise<HelmRevision[]> => {
    const records = await ctx.kube.list({ apiVersion: "v1", kind, namespace: options.namespace, labelSelector: `owner=helm,name=${options.name}`, context: options.context });
    return records
      .filter((r) => kind === "ConfigMap" || r.type === HELM_RELEASE_TYPE)
      .map(decodeHelmRecord)
      .sort((a, b) => a.revision - b.revision);
  };
  const current = async (ctx: EngineContext) => {
    const all = await history(ctx);
    const latest = all.at(-1);
    if (!latest) throw new FirebreakError("not-found", `${label} has no release records (${kind}s labelled owner=helm,name=${options.name}): check the namespace and release name, and HELM_DRIVER (storage).`);
    return { all, latest };
  };
  /** Helm refuses to act on a release mid-operation; say so, and how to get it out, before trying. */
  const settled = async (ctx: EngineContext) => {
    const found = await current(ctx);
    if (found.latest.status.startsWith("pending-")) throw new HelmReleasePendingError(options, found.latest, lastGoodRevision(found.all));
    return found;
  };

  const helmFor = (ctx: EngineContext, operation: string) => {
    const binary = findHelm(options.helmBinary, process.env);
    if (!binary) throw new HelmNotInstalledError(`${label}: ${operation}`);
    if (!ctx.kube.connection) throw new FirebreakError("usage", `${label}: ${operation}: this Kubernetes port cannot hand its cluster to the helm CLI`);
    return { binary, connection: ctx.kube.connection(options.context) };
  };

  /**
   * Helm for a preview, or undefined with a note when it cannot run here: a preview passes where
   * helm is missing, and says so, so that the run (on this machine, or a runner set up the same
   * way) does not find out part way through the plan.
   */
  const previewHelm = (ctx: EngineContext, operation: string) => {
    try {
      return helmFor(ctx, operation);
    } catch (err) {
      foreseeStop(ctx.journal, (err as Error).message);
      return undefined;
    }
  };

  const journal = (ctx: EngineContext, ref: Omit<ObjectRef, "apiVersion"> & { apiVersion: string }, field: string, before: unknown, after: unknown, action: string) =>
    ctx.journal.emit({ type: "change", object: ref, field, before, after, applied: ctx.mode === "run", action });

  /** A manifest's object as the release's cluster has it. */
  const onCluster = (ref: ManifestObject): ObjectRef => ({ ...ref, ...(options.context ? { context: options.context } : {}) });

  /**
   * Each workload image `to` sets otherwise than the workload held before helm (`before`; its
   * image in `from`'s manifest for an object not read), as a change of that workload. Not from
   * manifest to manifest: an image someone set by hand is the one helm replaced.
   */
  const journalImages = (ctx: EngineContext, from: HelmRevision, to: HelmRevision, before: ObjectsBefore, action: string) => {
    const inManifest = new Map(from.images.map((i) => [imageKey(onCluster(i), i.field), i.image]));
    for (const image of to.images) {
      const ref = onCluster({ apiVersion: image.apiVersion, kind: image.kind, name: image.name, ...(image.namespace ? { namespace: image.namespace } : {}) });
      const was = before.has(refString(ref)) ? valueAt(before.get(refString(ref)), image.field) : inManifest.get(imageKey(ref, image.field));
      if (was !== image.image) journal(ctx, ref, image.field, was, image.image, action);
    }
  };
  /** The fields journalImages journals for `to`: an overwrite of one is not journaled again. */
  const imageFields = (to: HelmRevision): JournaledElsewhere => {
    const fields = new Set(to.images.map((i) => imageKey(onCluster(i), i.field)));
    return (ref, field) => fields.has(imageKey(ref, field));
  };
  /** The objects of a revision's manifest as they are before helm applies (the preview's view in a preview). */
  const readBefore = async (ctx: EngineContext, from: HelmRevision): Promise<ObjectsBefore> =>
    new Map(await Promise.all(from.objects.map(onCluster).map(async (ref) => [refString(ref), await ctx.kube.get(ref)] as const)));
  /** The objects of a revision's manifest, each with its ref on the release's cluster. */
  const appliedOf = (to: HelmRevision) => manifestObjects(to).map((t) => ({ ref: onCluster(t.ref), object: t.object }));
  /** The objects helm applied going from one revision to another, or deleted: those of either manifest. */
  const touched = (from: HelmRevision, to: HelmRevision) => [...from.objects, ...to.objects].map(onCluster);

  /**
   * The objects only one of the two manifests has: helm deletes those only `from` has (a worker
   * the bad release added goes with the rollback), unless they are annotated
   * `helm.sh/resource-policy: keep`, and creates those only `to` has. `before`: `from`'s objects
   * as read before helm.
   */
  const objectSetChange = (from: HelmRevision, to: HelmRevision, before: ObjectsBefore) => {
    const key = (o: ManifestObject) => refString(onCluster(o));
    const inTo = new Set(to.objects.map(key));
    const inFrom = new Set(from.objects.map(key));
    const dropped = from.objects.filter((o) => !inTo.has(key(o))).map(onCluster);
    const kept = (ref: ObjectRef) => before.get(refString(ref))?.metadata.annotations?.["helm.sh/resource-policy"] === "keep";
    return { deletes: dropped.filter((r) => !kept(r)), keeps: dropped.filter(kept), creates: appliedOf(to).filter((t) => !inFrom.has(refString(t.ref))) };
  };
  /** The note saying what objects helm deleted, kept or created, or undefined when the set is the same. */
  const objectSetNote = (operation: string, tense: { deleted: string; created: string }, change: { deletes: ObjectRef[]; keeps: ObjectRef[]; creates: { ref: ObjectRef }[] }) => {
    const list = (refs: ObjectRef[]) => refs.map(refString).join(", ");
    const parts = [
      ...(change.deletes.length ? [`${tense.deleted} ${list(change.deletes)}`] : []),
      ...(change.keeps.length ? [`keeps ${list(change.keeps)} (helm.sh/resource-policy: keep), which the target manifest does not have`] : []),
      ...(change.creates.length ? [`${tense.created} ${list(change.creates.map((c) => c.ref))}`] : []),
    ];
    return parts.length ? `${operation} ${parts.join("; ")}` : undefined;
  };

  /**
   * The replica count the target manifest sets otherwise than `before` holds, where only Helm
   * holds it (a field another manager holds is foreseeOverwrites' and journalOverwritten's): the
   * capacity a rollback leaves, journaled beside the images.
   */
  const replicaChange = (before: KubeObject, chart: KubeObject): FieldChange | undefined => {
    const sets = chart.spec?.replicas;
    if (typeof sets !== "number" || heldByOthers(before, REPLICAS) || before.spec?.replicas === sets) return undefined;
    return { field: REPLICAS, before: before.spec?.replicas, after: sets };
  };

  /**
   * What going from one manifest to the other would do, laid over the preview: the routes the plan
   * shifted that helm deletes, and the fields the run owns that the chart sets otherwise (which the
   * helm found here, 3 or 4, overwrites or refuses; without helm, the run stops before that).
   * `before`: `from`'s objects as the preview has them, read once for the images and for this.
   */
  const previewApply = async (ctx: EngineContext, action: string, from: HelmRevision, to: HelmRevision, before: ObjectsBefore, helmHere: { binary: string } | undefined, opts: Pick<HelmUpgradeOptions, "forceConflicts">) => {
    const operation = `${action} of ${label}`;
    const applied = appliedOf(to);
    await previewHelmRouteEdits(ctx, operation, from.objects.map(onCluster), applied);
    if (helmHere) await foreseeOverwrites(ctx, operation, applied, { major: () => helmMajorVersion(helmHere.binary), forceConflicts: opts.forceConflicts ?? false, elsewhere: imageFields(to) }, before);
    const set = objectSetChange(from, to, before);
    const note = objectSetNote(`the run's ${operation}`, { deleted: "deletes", created: "creates" }, set);
    if (note) ctx.journal.emit({ type: "note", text: note });
    for (const ref of set.deletes) ctx.preview!.remove(ref);
    for (const { ref, object } of set.creates) ctx.preview!.put(ref, object);
    // the workloads as helm leaves them, so that later steps preview what the run will find: the images, and the replicas
    for (const { ref, object } of applied) {
      const [viewed, live] = await Promise.all([ctx.preview!.get(ref), ctx.preview!.live(ref)]);
      if (!viewed) continue;
      const images = to.images.filter((i) => refString(onCluster(i)) === refString(ref));
      let after = images.reduce((o, i) => withValueAt(o, i.field, i.image), viewed);
      // a count this preview's own steps set is foreseeOverwrites' to speak for
      const change = live?.spec?.replicas === viewed.spec?.replicas ? replicaChange(viewed, object) : undefined;
      if (change) {
        after = withValueAt(after, REPLICAS, change.after);
        journalChanges(ctx, { ref, action: operation }, [change], false, { before: viewed, after });
      }
      if (after !== viewed) ctx.preview!.put(ref, after);
    }
  };

  /**
   * The run's side of previewApply: reads the release's objects, runs helm (`command`), then
   * `verified` (which checks the new revision and journals it against the objects as they were),
   * then journals the fields of other field managers that helm wrote over and the routes it rewrote.
   */
  const runApply = async (ctx: EngineContext, action: string, from: HelmRevision, command: () => Promise<string>, verified: (before: ObjectsBefore) => Promise<HelmRevision>) => {
    const operation = `${action} of ${label}`;
    const before = await readBefore(ctx, from);
    await send(ctx, object, () => owning(operation, command()));
    const to = await verified(before);
    const applied = appliedOf(to);
    await recordRollouts(ctx, applied.map((a) => a.ref), before);
    await journalOverwritten(ctx, operation, before, applied, imageFields(to));
    for (const { ref, object: chart } of applied) {
      const was = before.get(refString(ref));
      const change = was && replicaChange(was, chart);
      const live = change && (await ctx.kube.get(ref));
      if (change && live?.spec?.replicas === change.after) journalChanges(ctx, { ref, action: operation }, [change], true, { before: was, after: live });
    }
    // what helm left of the objects only the old manifest had: gone, or kept by their policy
    const set = objectSetChange(from, to, before);
    const left = await Promise.all(set.deletes.map((ref) => ctx.kube.get(ref)));
    const note = objectSetNote(operation, { deleted: "deleted", created: "created" }, { ...set, deletes: set.deletes.filter((_, i) => !left[i]), keeps: [...set.keeps, ...set.deletes.filter((_, i) => left[i])] });
    if (note) ctx.journal.emit({ type: "note", text: note });
    await recordRouteEdits(ctx, operation, touched(from, to));
  };

  /** After helm: the newest record must be `deployed` and match, and the live workloads must run its images. */
  const verify = async (ctx: EngineContext, previous: number, expectImages: (r: HelmRevision) => boolean, what: string) => {
    const { latest } = await current(ctx);
    if (latest.revision <= previous || latest.status !== "deployed" || !expectImages(latest)) {
      throw new VerificationError(`${label} (${what})`, "a new deployed revision", `revision ${latest.revision} ${latest.status}`);
    }
    for (const img of latest.images) {
      const live = await ctx.kube.get({ apiVersion: img.apiVersion, kind: img.kind, namespace: img.namespace, name: img.name, context: options.context });
      const actual = live && valueAt(live, img.field);
      if (actual !== img.image && !pinnedImage(img.image, actual)) throw new VerificationError(`${img.kind} ${img.namespace}/${img.name} ${img.field}`, img.image, actual);
    }
    return latest;
  };

  return watchedHandle({
    label,
    history: () => history(currentContext(`${label}.history()`)),
    current: async () => (await current(currentContext(`${label}.current()`))).latest,
    lastGood: async () => lastGoodRevision(await history(currentContext(`${label}.lastGood()`))),

    async rollback(opts = {}) {
      const issues = unknownKeys(opts, ["toRevision", "timeout", "forceConflicts"]);
      if (opts.toRevision !== undefined && !isCount(opts.toRevision, 1)) {
        issues.push({ path: "toRevision", message: `must be a revision number, 1 or more, e.g. rollback({ toRevision: 3 }) (got ${quoted(opts.toRevision)})` });
      }
      refuseIssues(`${label}.rollback()`, [...issues, ...timeoutIssues(opts)]);
      const ctx = currentContext(`${label}.rollback()`);
      const { all, latest } = await settled(ctx);
      const listed = all.map((r) => `${r.revision} (${r.status}, ${chartText(r)})`);
      const target = opts.toRevision === undefined ? lastGoodRevision(all) : all.find((r) => r.revision === opts.toRevision);
      if (!target && opts.toRevision === undefined) throw new NoRollbackTargetError(label, latest.revision, listed);
      if (!target) throw new RevisionNotFoundError(label, opts.toRevision!, listed, pruned(all, opts.toRevision!));
      if (latest.status === "deployed" && (latest.revision === target.revision || rolledBackTo(latest) === target.revision)) {
        // A plan run again (a re-run of the workflow) after its rollback: helm would only add a copy.
        const at = latest.revision === target.revision ? `revision ${target.revision}` : `revision ${target.revision} (revision ${latest.revision} is "${latest.description}")`;
        ctx.journal.emit({ type: "note", text: `${label} is already at ${at}, ${chartText(latest)}: the rollback changes nothing` });
        return;
      }
      const action = `helm rollback to revision ${target.revision}`;
      const emit = (before: ObjectsBefore) => {
        journal(ctx, object, "chart", chartText(latest), chartText(target), action);
        for (const c of valueChanges(latest, target)) journal(ctx, object, c.path, c.before, c.after, action);
        journalImages(ctx, latest, target, before, action);
      };
      if (ctx.mode === "preview") {
        // the target's manifest against the current one; helm is not run (only asked its version, when the chart sets fields the run owns)
        const before = await readBefore(ctx, latest);
        emit(before);
        return previewApply(ctx, action, latest, target, before, previewHelm(ctx, `rollback to revision ${target.revision}`), opts);
      }
      const { binary, connection } = helmFor(ctx, `rollback to revision ${target.revision}`);
      const args = ["rollback", options.name, String(target.revision), "--namespace", options.namespace, ...forcing(opts)];
      const key = (r: HelmRevision) => JSON.stringify(r.images.map((i) => [i.kind, i.name, i.field, i.image]).sort());
      await runApply(
        ctx,
        action,
        latest,
        () => runHelm(binary, connection, args, { timeoutMs: toMs(opts.timeout ?? "5m", "rollback timeout"), driver }),
        async (before) => {
          // helm said it rolled back: journaled before the check, which a mutating webhook or a revert may fail
          emit(before);
          return verify(ctx, latest.revision, (r) => key(r) === key(target), action);
        },
      );
    },

    async upgrade(opts) {
      refuseIssues(`${label}.upgrade()`, upgradeIssues(opts));
      const ctx = currentContext(`${label}.upgrade()`);
      const { all, latest } = await settled(ctx);
      const alreadyUpgraded = () =>
        void ctx.journal.emit({ type: "note", text: `${label} is already at ${chartText(latest)} with these values (revision ${latest.revision}): the upgrade changes nothing` });
      const reused = upgradeBase(all)!.values;
      const action = `helm upgrade to ${opts.chart}${opts.version ? ` ${opts.version}` : ""}`;
      const emit = (after?: { revision: HelmRevision; before: ObjectsBefore }) => {
        const chartAfter = after ? chartText(after.revision) : `${opts.chart}${opts.version ? `-${opts.version}` : ""}`;
        if (chartAfter !== chartText(latest)) journal(ctx, object, "chart", chartText(latest), chartAfter, action);
        for (const [path, value] of flatten(opts.values ?? {})) {
          if (!isDeepStrictEqual(valueOf(reused, path), value)) journal(ctx, object, path, valueOf(reused, path), value, action);
        }
        if (after) journalImages(ctx, latest, after.revision, after.before, action);
      };
      const args = ["upgrade", options.name, opts.chart, "--namespace", options.namespace, "--reset-then-reuse-values", "--values", "{dir}/values.yaml", ...forcing(opts)];
      if (opts.version) args.push("--version", opts.version);
      // yaml loads with the first upgrade, not at import (the action's cold start)
      const { stringify } = await import("yaml");
      const helmOptions = { timeoutMs: toMs(opts.timeout ?? "5m", "upgrade timeout"), driver, files: { "values.yaml": stringify(opts.values ?? {}) } };
      // helm renders the chart without writing (--dry-run=server reads the release and what the chart looks up)
      const render = async (helmHere: { binary: string; connection: Parameters<typeof runHelm>[1] }) =>
        releaseRevision(JSON.parse(await runHelm(helmHere.binary, helmHere.connection, [...args, "--dry-run=server", "--output", "json"], helmOptions)), { namespace: options.namespace });
      // A plan run again (a re-run of the workflow) after its upgrade asks for values the release already
      // has: only then is it worth rendering first, to see whether helm would just add a copy.
      const asked = flatten(opts.values ?? {});
      const maybeDone = latest.status === "deployed" && (!opts.version || opts.version === latest.chartVersion) && asked.every(([path, value]) => isDeepStrictEqual(valueOf(reused, path), value));
      if (ctx.mode === "preview") {
        const helmHere = previewHelm(ctx, action);
        if (!helmHere) return void emit(); // the chart and values asked for, without the images they render to
        const after = await render(helmHere);
        if (maybeDone && sameRelease(latest, after)) return alreadyUpgraded();
        const before = await readBefore(ctx, latest);
        emit({ revision: after, before });
        return previewApply(ctx, action, latest, after, before, helmHere, opts);
      }
      const { binary, connection } = helmFor(ctx, action);
      if (maybeDone && sameRelease(latest, await render({ binary, connection }))) return alreadyUpgraded();
      await runApply(ctx, action, latest, () => runHelm(binary, connection, args, helmOptions), async (before) => {
        const after = await verify(ctx, latest.revision, () => true, action).catch((err: unknown) => {
          emit(); // helm said it upgraded: the chart and values asked for are journaled, though the check failed
          throw err;
        });
        emit({ revision: after, before });
        return after;
      });
    },
  }, label);
}

/**
 * Helm releases.
 * @example
 * const release = helm.release({ namespace: "prod", name: "checkout-api" });
 * await release.rollback(); // to the last revision Helm recorded as good
 */
export const helm = { release };
