import type { EngineContext } from "../engine/context.ts";
import { foreseeStop } from "../engine/journal.ts";
import { recordRouteEdits } from "../engine/route-edits.ts";
import { journalChanges } from "../engine/writes.ts";
import { FIELD_MANAGER } from "../kube/port-core.ts";
import { fieldsOwnedBy } from "../kube/managed-fields.ts";
import { refString, type KubeObject, type ObjectRef } from "../ports/kube.ts";
import { diffObjects, type FieldChange } from "../util/diff.ts";
import { withValueAt } from "../util/field-path.ts";
import { redactChange } from "../util/redact.ts";
import { HelmFieldConflictError } from "./helm-cli.ts";

/** An object of the chart whose fields it sets to other values than the ones the run holds there, and owns. */
export interface Overwrites {
  ref: ObjectRef;
  /** The object as the run leaves it before helm (this preview's view). */
  run: KubeObject;
  /** The object in the manifest helm would apply. */
  chart: KubeObject;
  /** Each field: `before` the run's value (or an earlier run's, as field manager "firebreak"), `after` the chart's. */
  fields: FieldChange[];
}

/** A field, before → after, its values redacted as a change's are: the note reaches the journal and the postmortem. */
function fieldText(o: Overwrites, c: FieldChange): string {
  const { before, after } = redactChange({ object: o.ref, ...c }, { before: o.run, after: o.chart });
  return `${c.field} ${JSON.stringify(before)} → ${JSON.stringify(after)}`;
}

/** Whether `path` is `outer` or a field inside it. */
const within = (path: string, outer: string) => path === outer || path.startsWith(`${outer}.`) || path.startsWith(`${outer}[`);

/**
 * Preview only: the objects helm would apply with fields the run owns that the chart sets
 * otherwise. The run owns what its own earlier steps wrote (this preview's intended writes) and
 * what earlier runs wrote (field manager "firebreak" in the live object's managedFields).
 * @param applied the objects of the manifest helm would apply, on the release's cluster
 */
export async function overwritesOf(ctx: EngineContext, applied: { ref: ObjectRef; object: KubeObject }[]): Promise<Overwrites[]> {
  const out: Overwrites[] = [];
  for (const { ref, object: chart } of applied) {
    const [viewed, live] = await Promise.all([ctx.preview!.get(ref), ctx.preview!.live(ref)]);
    if (!viewed) continue;
    const owned = [...(live ? fieldsOwnedBy(live, FIELD_MANAGER) : []), ...diffObjects(live ?? { metadata: {} }, viewed).map((c) => c.field)];
    // a field the chart leaves out is not the chart's to write
    const fields = diffObjects(viewed, chart).filter((c) => c.after !== undefined && owned.some((o) => within(c.field, o) || within(o, c.field)));
    if (fields.length) out.push({ ref, run: viewed, chart, fields });
  }
  return out;
}

/**
 * Preview only: what the helm that will run does where its manifest sets fields the run owns.
 * Helm 4 applies server-side and refuses (the run would stop with HelmFieldConflictError): noted.
 * Helm 3, or Helm 4 told to force the conflicts, writes the chart's values: laid over the
 * preview's view, noted, and route rewrites journaled as the run journals them. `helm.major` is
 * asked only when there is something to say; undefined: helm did not say its version, and the
 * note says what either would do.
 */
export async function foreseeOverwrites(
  ctx: EngineContext,
  operation: string,
  applied: { ref: ObjectRef; object: KubeObject }[],
  helm: { major: () => Promise<number | undefined>; forceConflicts: boolean },
): Promise<void> {
  const overwrites = await overwritesOf(ctx, applied);
  if (!overwrites.length) return;
  const major = await helm.major();
  const ssa = major !== undefined && major >= 4;
  if (ssa && !helm.forceConflicts) {
    const conflicts = overwrites.map((o) => ({ object: refString(o.ref), fields: o.fields.map((c) => c.field) }));
    foreseeStop(ctx.journal, new HelmFieldConflictError(operation, conflicts).message);
    return;
  }
  const writes = major === 3 || ssa;
  const fields = overwrites.map((o) => `${refString(o.ref)} ${o.fields.map((c) => fieldText(o, c)).join(", ")}`).join("; ");
  const text = writes
    ? `the run's ${operation} writes the chart's values over what this run wrote: ${fields} (${ssa ? "forceConflicts lets Helm 4 take them" : "Helm 3 patches without asking"}). Shift or scale again after it, or take those fields out of the chart.`
    : `the run's ${operation} applies the chart's values over what this run wrote: ${fields}. Helm 3 writes them back; Helm 4 refuses unless forceConflicts (${major === undefined ? "helm did not say its version" : `helm ${major}`}).`;
  ctx.journal.emit({ type: "note", text });
  if (!writes) return;
  for (const o of overwrites) {
    const after = o.fields.reduce((object, c) => withValueAt(object, c.field, c.after), o.run);
    ctx.preview!.put(o.ref, after);
    journalChanges(ctx, { ref: o.ref, action: operation }, o.fields, false, { before: o.run, after });
  }
  await recordRouteEdits(ctx, operation, overwrites.map((o) => o.ref));
}

/** An object helm is about to apply, as it is, and the fields on it that the run (or an earlier one) wrote. */
export interface HeldFields {
  ref: ObjectRef;
  object: KubeObject;
  /** Paths field manager "firebreak" owns. */
  owned: string[];
}

/** Run only, before helm: the objects of the manifest it applies that hold fields Firebreak wrote. */
export async function heldFields(ctx: EngineContext, refs: ObjectRef[]): Promise<HeldFields[]> {
  const objects = await Promise.all(refs.map((ref) => ctx.kube.get(ref)));
  return refs.flatMap((ref, i) => {
    const object = objects[i];
    const owned = object ? fieldsOwnedBy(object, FIELD_MANAGER) : [];
    return object && owned.length ? [{ ref, object, owned }] : [];
  });
}

/**
 * Run only, after helm: each field Firebreak held that helm wrote over (Helm 3, or Helm 4 with
 * forceConflicts), journaled as a change by `operation`, as the preview foresaw it. Without it, the
 * journal's last word on such a field (the replica count a step scaled to) is the run's value,
 * not what the cluster holds. An object helm deleted is left to the routes' record (recordRouteEdits).
 */
export async function journalOverwritten(ctx: EngineContext, operation: string, held: HeldFields[]): Promise<void> {
  for (const h of held) {
    const after = await ctx.kube.get(h.ref);
    if (!after) continue;
    const changes = diffObjects(h.object, after).filter((c) => h.owned.some((o) => within(c.field, o) || within(o, c.field)));
    journalChanges(ctx, { ref: h.ref, action: operation }, changes, true, { before: h.object, after });
  }
}
