/**
 * `renderPostmortem`: the blameless postmortem of a run, in Markdown for a GitHub issue. A pure
 * function of the journal and the caller's options, kept under GitHub's issue size limit.
 */
import type { JournalEvent } from "../journal/events.ts";
import { clipMarkdown, DEFAULT_MAX_CHARS, fitToBudget } from "./budget.ts";
import { incidentMarker } from "./escape.ts";
import type { PostmortemOptions } from "./options.ts";
import { changesSection } from "./sections/changes.ts";
import { stepsSection, trafficSection } from "./sections/charts.ts";
import { actionItemsSection, recommendationsSection, reviewSections } from "./sections/follow-up.ts";
import { gatesSection } from "./sections/gates.ts";
import { contextSection, impactSection, leftWhereSection, needsLeftWhere, summarySection } from "./sections/overview.ts";
import { cutLine, md, type RenderContext, type Section } from "./sections/shared.ts";
import { timelineSection } from "./sections/timeline.ts";
import { summarizeRun, type RunSummary } from "./summary.ts";

/**
 * Renders the postmortem of a run. The first line is the hidden marker
 * `<!-- firebreak:incident=<id> -->` by which the action finds the incident's issue again; then
 * the title and the sections: Summary, What is left where (only when the safe state was not
 * restored), Context, Impact, Timeline, Traffic and errors, Steps, Changes, Gate evidence,
 * Recommendations, Root cause, Trigger, Detection, What went well, What went badly, Where we got
 * lucky, Action items. Everything from the plan, its inputs or remote systems is escaped; over
 * `maxChars`, rows and chart points are dropped in stages, the headings stay, and so does every
 * line of the Summary, of What is left where and of the action items that come from it (a tight
 * budget names fewer fields and less of each value in them, and the action items point at What is
 * left where rather than repeat it). Only a journal too large for even that (thousands of objects
 * left changed) gets those sections cut too, the last of all, their headings kept.
 *
 * @example
 * const body = renderPostmortem(events, {
 *   runUrl: "https://github.com/acme/shop/actions/runs/42",
 *   dispatchedBy: "octocat",
 *   artifactUrl: "https://github.com/acme/shop/actions/runs/42/artifacts/7",
 * });
 * await octokit.rest.issues.create({ owner, repo, title: `Postmortem: ${summarizeRun(events).plan.name}`, body });
 */
export function renderPostmortem(events: JournalEvent[], options: PostmortemOptions = {}): string {
  const summary = summarizeRun(events);
  return fitToBudget(
    (detail) => renderWith(summary, { detail, options }),
    options.maxChars ?? DEFAULT_MAX_CHARS,
    (detail, maxChars) => trimmedToFit(summary, { detail, options }, maxChars),
  );
}

/** The section renderers, in report order. */
function sections(s: RunSummary, ctx: RenderContext): Section[] {
  return [
    summarySection(s, ctx),
    ...(needsLeftWhere(s) ? [leftWhereSection(s, ctx)] : []),
    contextSection(s, ctx),
    impactSection(s, ctx),
    timelineSection(s, ctx),
    trafficSection(s, ctx),
    stepsSection(s, ctx),
    changesSection(s, ctx),
    gatesSection(s, ctx),
    recommendationsSection(s, ctx),
    ...reviewSections(),
    actionItemsSection(s, ctx),
  ];
}

/** The sections at the stage's detail: each body cut to the stage's length, but those never cut. */
function laidOut(s: RunSummary, ctx: RenderContext): Section[] {
  return sections(s, ctx).map((section) => (section.whole ? section : { ...section, body: clipMarkdown(section.body, ctx.detail.sectionChars, cutLine(ctx)) }));
}

function joined(s: RunSummary, ctx: RenderContext, parts: Section[]): string {
  const title = `# Postmortem: ${md(ctx, s.plan.name)} — ${md(ctx, s.statusText)}`;
  const body = parts.map((section) => `## ${section.heading}\n\n${section.body}\n`);
  return [incidentMarker(ctx.options.marker ?? s.runId), title, "", ...body].join("\n");
}

function renderWith(s: RunSummary, ctx: RenderContext): string {
  return joined(s, ctx, laidOut(s, ctx));
}

/**
 * The last resort, when even the last stage is too long (thousands of objects left changed, or a
 * small budget): cuts section bodies one at a time until the report fits, every heading kept. The
 * other sections go first; then, of the action items, the Summary and what is left where, the one
 * that can take the whole cut alone (the least needed first), else each in that order.
 */
function trimmedToFit(s: RunSummary, ctx: RenderContext, maxChars: number): string {
  const parts = laidOut(s, ctx);
  const kept = ["Action items", "Summary", "What is left where"].flatMap((heading) => parts.filter((p) => p.heading === heading));
  const note = cutLine(ctx);
  const over = () => joined(s, ctx, parts).length - maxChars;
  const cut = (part: Section, atLeastNote: boolean) => {
    const room = part.body.length - over();
    part.body = room > note.length + 2 ? clipMarkdown(part.body, room, note) : atLeastNote ? note : "";
  };
  const others = parts.filter((p) => !kept.includes(p));
  // each says it was cut, while that fits: an empty section would read as one with nothing to say
  for (const part of others) if (over() > 0) cut(part, true);
  const alone = kept.find((p) => p.body.length - over() > note.length + 2);
  for (const part of alone ? [alone] : kept) if (over() > 0) cut(part, false);
  for (const part of others) if (over() > 0) cut(part, false);
  return joined(s, ctx, parts);
}
