import { ConflictError, ObjectNotFoundError, VerificationError } from "../errors.ts";
import { KubeConflict, refString, type KubeObject, type ObjectRef } from "../ports/kube.ts";
import { applyMergePatch } from "../util/merge-patch.ts";
import { diffObjects, type FieldChange } from "../util/diff.ts";
import { valueAt } from "../util/field-path.ts";
import type { EngineContext } from "./context.ts";

/** How many times a guarded write re-reads and retries after losing a race (HTTP 409). */
export const MAX_CONFLICT_RETRIES = 5;

export interface WriteRequest {
  ref: ObjectRef;
  /** Why, in words, for the journal: "shift traffic", "scale", "roll back to revision 3". */
  action: string;
  /** The merge patch to send, computed from the object as it is now (may throw a typed error). */
  patchFor: (current: KubeObject) => object;
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
 * The one path every change takes, in preview and in run alike: read the object, compute the
 * patch, diff before → after. Preview records the diff and lays the result over its view of the
 * cluster. Run sends the patch guarded by resourceVersion (re-reading and retrying on 409), reads
 * the object back and checks every changed field, then journals each change.
 */
export async function writeObject(ctx: EngineContext, req: WriteRequest): Promise<WriteResult> {
  for (let attempt = 1; ; attempt++) {
    const current = await readRequired(ctx, req.ref);
    const patch = req.patchFor(current);
    const predicted = applyMergePatch(current, patch);
    const changes = diffObjects(current, predicted);
    if (changes.length === 0) return { object: current, changes };

    if (ctx.mode === "preview") {
      ctx.preview!.put(req.ref, predicted);
      journalChanges(ctx, req, changes, false);
      return { object: predicted, changes };
    }

    try {
      await ctx.kube.patch(req.ref, patch, { resourceVersion: current.metadata.resourceVersion });
    } catch (err) {
      if (err instanceof KubeConflict && attempt < MAX_CONFLICT_RETRIES) continue;
      if (err instanceof KubeConflict) throw new ConflictError(refString(req.ref), attempt);
      throw err;
    }
    const readBack = await readRequired(ctx, req.ref);
    for (const c of changes) {
      const actual = valueAt(readBack, c.field);
      if (JSON.stringify(actual) !== JSON.stringify(c.after)) {
        throw new VerificationError(`${refString(req.ref)} ${c.field}`, c.after, actual);
      }
    }
    journalChanges(ctx, req, changes, true);
    return { object: readBack, changes };
  }
}

function journalChanges(ctx: EngineContext, req: WriteRequest, changes: FieldChange[], applied: boolean) {
  const { apiVersion, kind, namespace, name, context } = req.ref;
  for (const c of changes) {
    ctx.journal.emit({
      type: "change",
      object: { apiVersion, kind, name, ...(namespace ? { namespace } : {}), ...(context ? { context } : {}) },
      field: c.field,
      before: c.before,
      after: c.after,
      applied,
      action: req.action,
    });
  }
}
