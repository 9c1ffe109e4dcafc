/**
 * The sections for people: Recommendations, then the blameless review (root cause, trigger,
 * detection, what went well/badly, luck) left as prompts, and Action items pre-filled from the
 * journal. Generated text names roles and systems, never people.
 */
import { causeOf, failedOnGate } from "../blame.ts";
import { gatePlaces, gateText } from "../gate-places.ts";
import { keepEnds } from "../budget.ts";
import { escapeMarkdown } from "../escape.ts";
import { dateTime, phaseVerb } from "../format.ts";
import type { RunSummary } from "../summary.ts";
import { leftLines, md, moreLine, type RenderContext, type Section } from "./shared.ts";

/**
 * Recommendations: the plan's own, then those derived from the journal.
 *
 * @example
 * recommendationsSection(summary, ctx).body; // "- A rollback did not restore health: … _(derived from the journal: …)_"
 */
export function recommendationsSection(s: RunSummary, ctx: RenderContext): Section {
  if (s.recommendations.length === 0) return { heading: "Recommendations", body: "None recorded." };
  const items = s.recommendations.map(
    (r) => `- ${md(ctx, r.text)} _(${r.derived ? "derived from the journal: " : "why: "}${md(ctx, r.reason)})_`,
  );
  return { heading: "Recommendations", body: items.join("\n") };
}

/**
 * The blameless review sections, as prompts for the people who fill them in.
 *
 * @example
 * reviewSections().map((s) => s.heading); // ["Root cause", "Trigger", "Detection", "What went well", …]
 */
export function reviewSections(): Section[] {
  const prompt = (text: string) => `_${text}_`;
  return [
    {
      heading: "Root cause",
      body: [
        prompt(
          "Five whys: start from the symptom and ask why until you reach a cause a change to a system or process can fix. " +
            "This review is blameless: describe systems, roles and decisions, not people.",
        ),
        "",
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
      ].join("\n"),
    },
    { heading: "Trigger", body: prompt("What change or event started the incident (a deploy, a migration, a config change, a traffic spike)?") },
    {
      heading: "Detection",
      body: prompt("How was the incident detected (alert, dashboard, customer report), how long after the trigger, and what would have caught it sooner?"),
    },
    { heading: "What went well", body: `${prompt("What helped: tooling, runbooks, plans that behaved as expected.")}\n\n-` },
    { heading: "What went badly", body: `${prompt("What slowed the response or made it worse.")}\n\n-` },
    { heading: "Where we got lucky", body: `${prompt("What went right by chance, and should be made reliable.")}\n\n-` },
  ];
}

/**
 * Action items: a checklist pre-filled from what is left where, a run that did not finish,
 * recommendations, gates that did not pass (and checks that errored), and failed steps.
 *
 * @example
 * actionItemsSection(summary, ctx).body; // '- [ ] Investigate why gate "canary 1%" failed: …'
 */
export function actionItemsSection(s: RunSummary, ctx: RenderContext): Section {
  // what is left where, whatever the budget: the rest is cut to fit. Each line again, or, when the
  // budget is tight, one item per list pointing at it (the lines are all under "What is left where")
  const listed = leftLines(s, ctx.detail);
  const pointer = (count: number, what: string) => `${count === 1 ? "the object" : `each of the ${count} objects`} listed as ${what} under "What is left where"`;
  const left =
    ctx.detail.leftItems === "each"
      ? [...listed.unsafe.map((line) => `Return to a safe state: ${line}`), ...listed.changed.map((line) => `Keep or undo what the run left changed: ${line}`)]
      : [
          ...(listed.unsafe.length ? [`Return to a safe state: ${pointer(listed.unsafe.length, "not in the safe state")}`] : []),
          ...(listed.changed.length ? [`Keep or undo what the run left changed: ${pointer(listed.changed.length, "left changed")}`] : []),
        ];
  const items: string[] = [];
  if (!s.finished) {
    items.push(`Find out why the run stopped writing its journal at ${dateTime(s.finishedAt)} (runner crash, lost node, killed job) and check what it left in the cluster`);
  }
  for (const r of s.recommendations) items.push(r.action ?? r.text);
  const cause = causeOf(s);
  const places = gatePlaces(s.gates, s.steps);
  // a preview evaluates no gate ("not evaluated in preview"): there is no verdict to look into
  for (const g of s.mode === "preview" ? [] : s.gates) {
    // a gate cut short by a cancel has no verdict to look into
    const wanted = !g.cancelled && ((g.enforced && g.phase !== "passed") || g.phase === "error" || (cause?.kind === "gate" && cause.gate === g));
    if (wanted) items.push(`Investigate why ${gateText(g, places)} ${phaseVerb(g.phase)}: ${g.reason}`);
  }
  for (const st of s.steps) {
    if (st.outcome !== "failed" || !st.error || failedOnGate(st, s.gates)) continue;
    // a step failing because a step inside it failed says the same thing: ask about the inner one
    const sameInside = s.steps.some((inner) => inner.parentId === st.id && inner.outcome === "failed" && inner.error?.message === st.error!.message);
    if (!sameInside) items.push(`Investigate why step "${st.name}" failed: ${st.error.message}`);
  }
  items.push("Complete the five whys, trigger and detection above, and give each action item an owning team");
  const { head, omitted, tail } = keepEnds([...new Set(items)], ctx.detail.listRows);
  const lines = [
    ...[...new Set(left)].map((i) => `- [ ] ${escapeMarkdown(i)}`),
    ...head.map((i) => `- [ ] ${md(ctx, i)}`),
    ...(omitted ? [`- ${moreLine(ctx, omitted, "items")}`] : []),
    ...tail.map((i) => `- [ ] ${md(ctx, i)}`),
  ];
  return { heading: "Action items", body: lines.join("\n"), whole: true };
}
