import type { EngineContext } from "../engine/context.ts";
import { foreseeStop } from "../engine/journal.ts";
import { recordRouteEdits } from "../engine/route-edits.ts";
import { journalChanges } from "../engine/writes.ts";
import { fieldManagers, fieldsOwnedBy } from "../kube/managed-fields.ts";
import { FIELD_MANAGER, refString, type KubeObject, type ObjectRef } from "../ports/kube.ts";
import { diffObjects, sameJson, type FieldChange } from "../util/diff.ts";
import { overlaps, valueAt, withValueAt } from "../util/field-path.ts";
import { redactChange } from "../util/redact.ts";
import { HelmFieldConflictError } from "./helm-cli.ts";

/** The field manager Helm applies and updates with: what it wrote, it writes again without conflict. */
const HELM_MANAGER = "helm";

/** A field the chart sets to another value than the object holds, and the field manager holding it. */
export interface OverwrittenField extends FieldChange {
  /** "firebreak" (this run's earlier steps, or an earlier run), or another: "kubectl-annotate", "kube-controller-manager". */
  owner: string;
}

/** An object of the chart whose fields it sets to other values than a field manager other than Helm holds there. */
export interface Overwrites {
  ref: ObjectRef;
  /** The object as the run leaves it before helm (this preview's view). */
  run: KubeObject;
  /** The object in the manifest helm would apply. */
  chart: KubeObject;
  /** Each field: `before` the value held, `after` the chart's. */
  fields: OverwrittenField[];
}

/** A field, before → after, its values redacted as a change's are: the note reaches the journal and the postmortem. */
function fieldText(o: Overwrites, c: OverwrittenField, withOwner: boolean): string {
  const { before, after } = redactChange({ object: o.ref, ...c }, { before: o.run, after: o.chart });
  return `${c.field} ${JSON.stringify(before)} → ${JSON.stringify(after)}${withOwner ? ` (${ownerText(c.owner)})` : ""}`;
}

const ownerText = (manager: string) => (manager === FIELD_MANAGER ? "this run" : `field manager "${manager}"`);

/**
 * Preview only: the objects helm would apply with fields that the chart sets otherwise and that a
 * field manager other than Helm holds. The run holds what its own earlier steps wrote (this
 * preview's intended writes) and what earlier runs wrote (field manager "firebreak" in the live
 * object's managedFields); any other manager there holds what it wrote since Helm did (a
 * responder's `kubectl scale`, an autoscaler's replica count).
 * @param applied the objects of the manifest helm would apply, on the release's cluster
 * @param read those of them the preview has read already (its view), so as not to read them again
 */
export async function overwritesOf(ctx: EngineContext, applied: { ref: ObjectRef; object: KubeObject }[], read: ObjectsBefore): Promise<Overwrites[]> {
  const out: Overwrites[] = [];
  for (const { ref, object: chart } of applied) {
    const key = refString(ref);
    const [viewed, live] = await Promise.all([read.has(key) ? read.get(key) : ctx.preview!.get(ref), ctx.preview!.live(ref)]);
    if (!viewed) continue;
    // the run's fields: what this preview wrote, and what Firebreak wrote before it
    const others = live ? holdersOf(live) : [];
    const holders = [
      { manager: FIELD_MANAGER, paths: [...diffObjects(live ?? { metadata: {} }, viewed).map((c) => c.field), ...(others.find((h) => h.manager === FIELD_MANAGER)?.paths ?? [])] },
      ...others.filter((h) => h.manager !== FIELD_MANAGER),
    ];
    const fields = diffObjects(viewed, chart).flatMap((c) => {
      // a field the chart leaves out is not the chart's to write
      const holder = c.after === undefined ? undefined : holders.find((h) => h.paths.some((o) => overlaps(c.field, o)));
      return holder ? [{ ...c, owner: holder.manager }] : [];
    });
    if (fields.length) out.push({ ref, run: viewed, chart, fields });
  }
  return out;
}

/**
 * Preview only: what the helm that will run does where its manifest sets fields another field
 * manager holds. Helm 4 applies server-side and refuses (the run would stop with
 * HelmFieldConflictError): noted. Helm 3, or Helm 4 told to force the conflicts, writes the
 * chart's values: laid over the preview's view, noted, journaled as changes (as the run journals
 * them: journalOverwritten; but not the fields `elsewhere` names, the images the rollback journals) and
 * route rewrites recorded as the run records them.
 * `helm.major` is asked only when there is something to say; undefined: helm did not say its
 * version, and the note says what either would do.
 */
export async function foreseeOverwrites(
  ctx: EngineContext,
  operation: string,
  applied: { ref: ObjectRef; object: KubeObject }[],
  helm: { major: () => Promise<number | undefined>; forceConflicts: boolean; elsewhere: JournaledElsewhere },
  read: ObjectsBefore,
): Promise<void> {
  const overwrites = await overwritesOf(ctx, applied, read);
  if (!overwrites.length) return;
  const major = await helm.major();
  const ssa = major !== undefined && major >= 4;
  const owners = [...new Set(overwrites.flatMap((o) => o.fields.map((c) => c.owner)))].sort((a, b) => Number(b === FIELD_MANAGER) - Number(a === FIELD_MANAGER));
  if (ssa && !helm.forceConflicts) {
    const conflicts = overwrites.flatMap((o) => owners.flatMap((manager) => {
      const fields = o.fields.filter((c) => c.owner === manager).map((c) => c.field);
      return fields.length ? [{ object: refString(o.ref), manager, fields }] : [];
    }));
    foreseeStop(ctx.journal, new HelmFieldConflictError(operation, conflicts).message);
    return;
  }
  const writes = major === 3 || ssa;
  const whose = `what ${owners.map(ownerText).join(" and ")} wrote`;
  const fields = overwrites.map((o) => `${refString(o.ref)} ${o.fields.map((c) => fieldText(o, c, owners.length > 1)).join(", ")}`).join("; ");
  const advice = [
    ...(owners.includes(FIELD_MANAGER) ? ["Shift or scale again after it, or take those fields out of the chart."] : []),
    ...(owners.some((m) => m !== FIELD_MANAGER)
      ? [`Check why ${owners.filter((m) => m !== FIELD_MANAGER).map(ownerText).join(" and ")} changed them since the release was deployed: the chart's values are the release's, not necessarily what production needs now.`]
      : []),
  ].join(" ");
  const text = writes
    ? `the run's ${operation} writes the chart's values over ${whose}: ${fields} (${ssa ? "forceConflicts lets Helm 4 take them" : "Helm 3 patches without asking"}). ${advice}`
    : `the run's ${operation} applies the chart's values over ${whose}: ${fields}. Helm 3 writes them back; Helm 4 refuses unless forceConflicts (${major === undefined ? "helm did not say its version" : `helm ${major}`}).`;
  ctx.journal.emit({ type: "note", text });
  if (!writes) return;
  for (const o of overwrites) {
    const after = o.fields.reduce((object, c) => withValueAt(object, c.field, c.after), o.run);
    ctx.preview!.put(o.ref, after);
    const changes = o.fields.filter((c) => !helm.elsewhere(o.ref, c.field));
    journalChanges(ctx, { ref: o.ref, action: operation }, changes, false, { before: o.run, after });
  }
  await recordRouteEdits(ctx, operation, overwrites.map((o) => o.ref));
}

/** The objects of a release as they were before helm applied, by refString; an object not read is not there. */
export type ObjectsBefore = Map<string, KubeObject | undefined>;

/** Whether the operation journals a field itself (an image, before → after as the object held it): not an overwrite to journal again. */
export type JournaledElsewhere = (ref: ObjectRef, field: string) => boolean;

/**
 * Run only, after helm: each field a field manager other than Helm held (`before`, as read before
 * helm: this run's steps, an earlier run, a responder's `kubectl scale`, an autoscaler) that now
 * holds the value the chart sets there, journaled as a change by `operation`, as the preview
 * foresaw it (Helm 3, or Helm 4 with forceConflicts). Without it, the journal's last word on such a
 * field (the replica count a step scaled to) is not what the cluster holds. Fields the chart does
 * not set are left out: controllers write those (a Deployment's revision annotation) while helm
 * runs. An object helm deleted is left to the routes' record (recordRouteEdits).
 * @param chart the objects of the manifest helm applied, on the release's cluster
 */
export async function journalOverwritten(ctx: EngineContext, operation: string, before: ObjectsBefore, chart: { ref: ObjectRef; object: KubeObject }[], elsewhere: JournaledElsewhere): Promise<void> {
  for (const { ref, object: sets } of chart) {
    const object = before.get(refString(ref));
    const held = object ? holdersOf(object).flatMap((h) => h.paths) : [];
    if (!object || !held.length) continue;
    const after = await ctx.kube.get(ref);
    if (!after) continue;
    const changes = diffObjects(object, after).filter(
      (c) => held.some((o) => overlaps(c.field, o)) && sameJson(valueAt(sets, c.field), c.after) && !elsewhere(ref, c.field),
    );
    journalChanges(ctx, { ref, action: operation }, changes, true, { before: object, after });
  }
}

/** Whether a field manager other than Helm holds `field` of `object` (foreseeOverwrites and journalOverwritten speak for such fields). */
export const heldByOthers = (object: KubeObject, field: string) => holdersOf(object).some((h) => h.paths.some((p) => overlaps(field, p)));

/** Each field manager of an object other than Helm, with the paths it owns: what helm, writing the chart's values, writes over. */
const holdersOf = (object: KubeObject) => fieldManagers(object).filter((m) => m !== HELM_MANAGER).map((manager) => ({ manager, paths: fieldsOwnedBy(object, manager) }));
