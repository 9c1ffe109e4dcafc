import type { EngineContext } from "../engine/context.ts";
import { foreseeStop } from "../engine/journal.ts";
import { recordRouteEdits } from "../engine/route-edits.ts";
import { FIELD_MANAGER } from "../kube/port-core.ts";
import { fieldsOwnedBy } from "../kube/managed-fields.ts";
import { refString, type KubeObject, type ObjectRef } from "../ports/kube.ts";
import { diffObjects } from "../util/diff.ts";
import { withValueAt } from "../util/field-path.ts";
import { redactChange } from "../util/redact.ts";
import { HelmFieldConflictError } from "./helm-cli.ts";

/** A field a chart sets to another value than the one the run holds there, and owns. */
export interface Overwrite {
  ref: ObjectRef;
  field: string;
  /** The value in the manifest helm would apply. */
  chart: unknown;
  /** The value the run left there (or an earlier run, as field manager "firebreak"). */
  run: unknown;
  /** The whole objects the two values are in (a secret's name may sit beside its value, as in an env var). */
  objects: { run: KubeObject; chart: KubeObject };
}

/** An overwrite's field, before → after, its values redacted as a change's are: the note reaches the journal and the postmortem. */
function overwriteText(o: Overwrite): string {
  const { before, after } = redactChange({ object: o.ref, field: o.field, before: o.run, after: o.chart }, { before: o.objects.run, after: o.objects.chart });
  return `${o.field} ${JSON.stringify(before)} → ${JSON.stringify(after)}`;
}

/** Whether `path` is `outer` or a field inside it. */
const within = (path: string, outer: string) => path === outer || path.startsWith(`${outer}.`) || path.startsWith(`${outer}[`);

/**
 * Preview only: the fields of the objects helm would apply that the run owns and the chart sets
 * otherwise. The run owns what its own earlier steps wrote (this preview's intended writes) and
 * what earlier runs wrote (field manager "firebreak" in the live object's managedFields).
 * @param applied the objects of the manifest helm would apply, on the release's cluster
 */
export async function overwritesOf(ctx: EngineContext, applied: { ref: ObjectRef; object: KubeObject }[]): Promise<Overwrite[]> {
  const out: Overwrite[] = [];
  for (const { ref, object: chart } of applied) {
    const [viewed, live] = await Promise.all([ctx.preview!.get(ref), ctx.preview!.live(ref)]);
    if (!viewed) continue;
    const owned = [...(live ? fieldsOwnedBy(live, FIELD_MANAGER) : []), ...diffObjects(live ?? { metadata: {} }, viewed).map((c) => c.field)];
    for (const c of diffObjects(viewed, chart)) {
      // a field the chart leaves out is not the chart's to write
      if (c.after !== undefined && owned.some((o) => within(c.field, o) || within(o, c.field))) out.push({ ref, field: c.field, chart: c.after, run: c.before, objects: { run: viewed, chart } });
    }
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
  const byObject = new Map<string, Overwrite[]>();
  for (const o of overwrites) byObject.set(refString(o.ref), [...(byObject.get(refString(o.ref)) ?? []), o]);
  const ssa = major !== undefined && major >= 4;
  if (ssa && !helm.forceConflicts) {
    const conflicts = [...byObject].map(([object, list]) => ({ object, fields: list.map((o) => o.field) }));
    foreseeStop(ctx.journal, new HelmFieldConflictError(operation, conflicts).message);
    return;
  }
  const writes = major === 3 || ssa;
  const fields = [...byObject].map(([object, list]) => `${object} ${list.map(overwriteText).join(", ")}`).join("; ");
  const text = writes
    ? `the run's ${operation} writes the chart's values over what this run wrote: ${fields} (${ssa ? "forceConflicts lets Helm 4 take them" : "Helm 3 patches without asking"}). Shift or scale again after it, or take those fields out of the chart.`
    : `the run's ${operation} applies the chart's values over what this run wrote: ${fields}. Helm 3 writes them back; Helm 4 refuses unless forceConflicts (${major === undefined ? "helm did not say its version" : `helm ${major}`}).`;
  ctx.journal.emit({ type: "note", text });
  if (!writes) return;
  for (const list of byObject.values()) {
    const ref = list[0]!.ref;
    let patched = (await ctx.preview!.get(ref))!;
    for (const o of list) patched = withValueAt(patched, o.field, o.chart);
    ctx.preview!.put(ref, patched);
  }
  await recordRouteEdits(ctx, operation, [...byObject.values()].map((list) => list[0]!.ref));
}
