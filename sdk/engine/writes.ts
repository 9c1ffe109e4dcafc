import { ConflictError, KubeApiError, ObjectNotFoundError, VerificationError, CancelledError } from "../errors.ts";
import { FIELD_MANAGER, KubeConflict, refOf, refString, type KubeObject, type ObjectRef } from "../ports/kube.ts";
import { applyMergePatch, fieldsOf, mergePatchFrom } from "../util/merge-patch.ts";
import { diffObjects, sameJson, type FieldChange } from "../util/diff.ts";
import { overlaps, valueAt } from "../util/field-path.ts";
import { redactChange } from "../util/redact.ts";
import { pinnedImage } from "../util/image.ts";
import type { EngineContext } from "./context.ts";
import { foreseeStop, journalRef } from "./journal.ts";

/** How many times a guarded write re-reads and retries after losing a race (HTTP 409). */
export const MAX_CONFLICT_RETRIES = 5;

export interface WriteRequest {
  ref: ObjectRef;
  /** Why, in words, for the journal: "shift traffic", "scale", "roll back to revision 3". */
  action: string;
  /** The merge patch to send, computed from the object as it is now (may throw a typed error). */
  patchFor: (current: KubeObject) => object;
  /** The object as the caller just read it: the first attempt uses it instead of reading again (a lost race re-reads). */
  current?: KubeObject;
}

export interface WriteResult {
  /** The object after the write (as read back; in preview, as predicted). */
  object: KubeObject;
  changes: FieldChange[];
}

/** Reads an object, or throws ObjectNotFoundError naming what does exist of that kind. */
export async function readRequired(ctx: EngineContext, ref: ObjectRef): Promise<KubeObject> {
  const obj = await ctx.kube.get(ref);
  if (obj) return obj;
  let existing: string[] | undefined;
  try {
    existing = (await ctx.kube.list({ apiVersion: ref.apiVersion, kind: ref.kind, namespace: ref.namespace, context: ref.context })).map(
      (o) => o.metadata.name,
    );
  } catch {
    existing = undefined; // listing is a courtesy for the message; the 404 is the news
  }
  throw new ObjectNotFoundError(refString(ref), existing);
}

/**
 * Sends a write unless the run is stopping, and tracks it while it is on the wire. Once a plan has
 * failed or been cancelled, branches of its own Promise.all may still be running: they must not
 * write after (or while) the engine restores the safe state. A write already started is let
 * finish (the engine waits for it): cutting a helm upgrade short leaves the release half-done.
 */
export async function send<T>(ctx: EngineContext, ref: ObjectRef, write: () => Promise<T>): Promise<T> {
  refuseWhenStopping(ctx, ref);
  const pending = write();
  ctx.inflight.add(pending);
  try {
    return await pending;
  } finally {
    ctx.inflight.delete(pending);
  }
}

/** A preview lays no write over its view once the run is stopping, as the run sends none (see send). */
function refuseWhenStopping(ctx: EngineContext, ref: ObjectRef): void {
  if (ctx.signal.aborted) throw new CancelledError(`the run is stopping: not writing ${refString(ref)}`);
}

/**
 * The one path every change takes, in preview and in run alike: read the object, compute the
 * patch, diff before → after. Preview records the diff and lays the result over its view of the
 * cluster. Run sends the patch guarded by resourceVersion (re-reading and retrying on 409), reads
 * the object back and checks every changed field, then journals each change.
 */
export async function writeObject(ctx: EngineContext, req: WriteRequest): Promise<WriteResult> {
  for (let attempt = 1; ; attempt++) {
    const current = attempt === 1 && req.current ? req.current : await readRequired(ctx, req.ref);
    const patch = req.patchFor(current);
    const predicted = applyMergePatch(current, patch);
    const changes = diffObjects(current, predicted);
    if (changes.length === 0 || ctx.mode === "preview") ctx.kube.unsentWrite?.(req.ref, "patch");
    if (changes.length === 0) return { object: current, changes };

    if (ctx.mode === "preview") {
      refuseWhenStopping(ctx, req.ref);
      ctx.preview!.put(req.ref, predicted);
      journalChanges(ctx, req, changes, false, { before: current, after: predicted });
      return { object: predicted, changes };
    }

    try {
      await send(ctx, req.ref, () => ctx.kube.patch(req.ref, patch, { resourceVersion: current.metadata.resourceVersion }));
    } catch (err) {
      if (err instanceof KubeConflict && attempt < MAX_CONFLICT_RETRIES) continue;
      if (err instanceof KubeConflict) throw new ConflictError(refString(req.ref), attempt);
      throw err;
    }
    const readBack = await readRequired(ctx, req.ref);
    journalLanded(ctx, req, changes, { before: current, predicted, readBack });
    return { object: readBack, changes };
  }
}

export interface ApplyRequest {
  /** The whole object as it should be (a rendered manifest): server-side applied, field manager `firebreak`. */
  object: KubeObject;
  context?: string;
  action: string;
  /** Take over fields another field manager owns. */
  force?: boolean;
}

/** An apply refused over fields another manager holds: what to do, for the plan's author. */
const APPLY_CONFLICT_FIX = "Another field manager owns these fields: apply with { force: true } to take them over, or leave them out of the manifest.";
/** The same, where that manager is this run's own patches (a shift or a scale), which server-side apply counts as another manager. */
const OWN_PATCHES_FIX =
  `An earlier step of this run patched them (field manager "${FIELD_MANAGER}", an Update), and server-side apply will not take them from a patch: ` +
  "apply with { force: true } to let the manifest's values win (then shift or scale again after it, if the plan still needs its own), or leave them out of the manifest.";

/** Set by the server on create, different every time: not part of what a plan asks for. */
const SERVER_SET = new Set(["metadata.uid", "metadata.creationTimestamp"]);

/** What an apply did, and to which object: `ref` names the namespace the server put it in. */
export interface ApplyResult extends WriteResult {
  ref: ObjectRef;
}

/**
 * The write path for whole objects (Kustomize): the server says what an apply would change
 * (dry run), the diff of that against the live object is what preview shows and run verifies.
 * Run applies for real, reads the object back and checks every changed field, then journals.
 */
export async function applyObject(ctx: EngineContext, req: ApplyRequest): Promise<ApplyResult> {
  const asWritten: ObjectRef = refOf(req.object, req.context);
  if (!ctx.kube.apply) throw new KubeApiError(0, refString(asWritten), "this Kubernetes port cannot server-side apply; use a port made by createKube (the CLI and the action do)");
  const apply = (dryRun: boolean) =>
    ctx.kube.apply!(req.object, { dryRun, ...(req.force ? { force: true } : {}), ...(req.context ? { context: req.context } : {}) }).catch((err: unknown) => {
      if (!(err instanceof KubeConflict)) throw err;
      throw new KubeApiError(409, refString(asWritten), `${err.message}. ${err.message.includes(`"${FIELD_MANAGER}"`) ? OWN_PATCHES_FIX : APPLY_CONFLICT_FIX}`);
    });
  let predicted = await apply(true).catch(async (err: unknown) => {
    const created = ctx.mode === "preview" && err instanceof KubeApiError && err.status === 404 ? await inNamespacePreviewCreates(ctx, asWritten, req.object) : undefined;
    if (!created) throw err;
    return created;
  });
  // a manifest without a namespace goes to the context's, as kubectl apply does: the server's answer names it
  const ref: ObjectRef = { ...asWritten, ...(predicted.metadata.namespace ? { namespace: predicted.metadata.namespace } : {}) };
  const current = await ctx.kube.get(ref);
  if (ctx.mode === "preview") {
    // The dry run applied to the live object, without this preview's patches: the run's apply meets them.
    const base = current && !req.force ? await ctx.preview!.beforePatches(ref) : undefined;
    const patched = current && base ? patchedFieldsSetOtherwise(base, current, req.object) : [];
    if (current && patched.length) {
      foreseeStop(ctx.journal, new KubeApiError(409, refString(ref), `the manifest sets ${patched.join(", ")} otherwise. ${OWN_PATCHES_FIX}`).message);
      return { ref, object: current, changes: [] };
    }
    // The dry run applies to the live object: lay what it changes there over this preview's
    // earlier intended writes (a restart's annotation stays, as the real apply would leave it),
    // and every field the manifest sets as the dry run answered it, even one the live object
    // already holds: a weight this preview shifted goes back to the manifest's, as in the run
    // (told to force).
    const live = await ctx.preview!.live(ref);
    if (current && !sameJson(live, current)) predicted = applyMergePatch(applyMergePatch(current, mergePatchFrom(live ?? {}, predicted)), fieldsOf(predicted, req.object));
  }
  // a new object diffs field by field against an empty one (its name and kind are changes too)
  const changes = diffObjects(current ?? { metadata: {} }, predicted).filter((c) => !SERVER_SET.has(c.field));
  if (changes.length === 0 || ctx.mode === "preview") {
    ctx.kube.unsentWrite?.(ref, "patch");
    if (!current) ctx.kube.unsentWrite?.(ref, "create"); // an apply that creates is authorized as a create too
  }
  if (changes.length === 0) return { ref, object: current ?? predicted, changes };
  const write = { ref, action: req.action, patchFor: () => ({}) };
  if (ctx.mode === "preview") {
    refuseWhenStopping(ctx, ref);
    ctx.preview!.put(ref, predicted, { applied: true });
    journalChanges(ctx, write, changes, false, { before: current, after: predicted });
    return { ref, object: predicted, changes };
  }
  await send(ctx, ref, () => apply(false));
  const readBack = await readRequired(ctx, ref);
  journalLanded(ctx, write, changes, { before: current, predicted, readBack });
  return { ref, object: readBack, changes };
}

/**
 * Preview only: the fields this preview patched (a shift, a scale) since the object was last
 * applied, or since the live object, that `manifest` sets to other values than `viewed` holds.
 * Server-side apply refuses to take those from the patch without force.
 */
function patchedFieldsSetOtherwise(base: KubeObject, viewed: KubeObject, manifest: KubeObject): string[] {
  const patched = diffObjects(base, viewed).map((c) => c.field);
  return diffObjects(viewed, manifest).flatMap((c) => (c.after !== undefined && patched.some((p) => overlaps(c.field, p)) ? [c.field] : []));
}

/**
 * Preview only: the object as the manifest has it, when it goes into a namespace an earlier apply
 * of this preview creates. The server cannot dry-run into a namespace it does not have yet (404),
 * and the run, applying in order, creates that namespace first.
 */
async function inNamespacePreviewCreates(ctx: EngineContext, ref: ObjectRef, object: KubeObject): Promise<KubeObject | undefined> {
  if (!ref.namespace) return undefined;
  const namespace: ObjectRef = { apiVersion: "v1", kind: "Namespace", name: ref.namespace, ...(ref.context ? { context: ref.context } : {}) };
  if (!(await ctx.preview!.get(namespace)) || (await ctx.preview!.live(namespace))) return undefined;
  return { ...object, metadata: { ...object.metadata, namespace: ref.namespace } };
}

/**
 * Journals what a write left in the object read back, then checks that it holds every changed
 * field as written. A field the cluster holds otherwise (a mutating webhook's, a controller's
 * revert) is journaled as it is there, so the postmortem's "what is left where" is the cluster's;
 * one put back as it was is no change. The error reaches the journal and the postmortem, so values
 * are redacted as a change's are (a Secret's data, an env var named like a secret: a GitOps
 * controller reverting a rollback would otherwise show both).
 */
function journalLanded(ctx: EngineContext, req: Pick<WriteRequest, "ref" | "action">, changes: FieldChange[], objects: { before: unknown; predicted: unknown; readBack: unknown }) {
  const landed = changes.flatMap((c) => {
    const after = valueAt(objects.readBack, c.field);
    return sameJson(after, c.before) ? [] : [{ ...c, after }];
  });
  journalChanges(ctx, req, landed, true, { before: objects.before, after: objects.readBack });
  for (const c of changes) {
    const actual = valueAt(objects.readBack, c.field);
    if (!sameJson(actual, c.after) && !(isImageField(c.field) && pinnedImage(c.after, actual))) {
      const shown = redactChange({ object: req.ref, field: c.field, before: c.after, after: actual }, { before: objects.predicted, after: objects.readBack });
      throw new VerificationError(`${refString(req.ref)} ${c.field}`, shown.before, shown.after);
    }
  }
}

const isImageField = (field: string) => /(^|\.)image$/.test(field);

/**
 * Journals each change of `req.ref`, redacted. `objects`: the object before and after, where a
 * secret's name may sit beside its value (an env var).
 */
export function journalChanges(ctx: EngineContext, req: Pick<WriteRequest, "ref" | "action">, changes: FieldChange[], applied: boolean, objects: { before: unknown; after: unknown }) {
  const object = journalRef(req.ref);
  for (const c of changes) {
    const shown = redactChange({ object, field: c.field, before: c.before, after: c.after }, objects);
    ctx.journal.emit({ type: "change", object, field: c.field, before: shown.before, after: shown.after, applied, action: req.action, ...ctx.journal.digests(c, shown) });
  }
}
