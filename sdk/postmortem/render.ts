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
 * line of the Summary, of What is left where and of the action items that come from it.
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
  return fitToBudget((detail) => renderWith(summary, { detail, options }), options.maxChars ?? DEFAULT_MAX_CHARS);
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

function renderWith(s: RunSummary, ctx: RenderContext): string {
  const title = `# Postmortem: ${md(ctx, s.plan.name)} — ${md(ctx, s.statusText)}`;
  const body = sections(s, ctx).map(
    (section) => `## ${section.heading}\n\n${section.whole ? section.body : clipMarkdown(section.body, ctx.detail.sectionChars, cutLine(ctx))}\n`,
  );
  return [incidentMarker(ctx.options.marker ?? s.runId), title, "", ...body].join("\n");
}
