/**
 * Reports made from a run's journal: the typed summary, the Markdown postmortem for a GitHub issue,
 * and the terminal preview. All pure functions of the events.
 *
 * @example
 * import { renderPostmortem, renderPreview, summarizeRun } from "./postmortem/index.ts";
 * const summary = summarizeRun(events);
 * const markdown = renderPostmortem(events, { runUrl, artifactUrl });
 */
export { summarizeRun } from "./summary.ts";
export type {
  FieldChange,
  GateSummary,
  ImpactSummary,
  NoteSummary,
  ObjectChanges,
  Recommendation,
  RouteHistory,
  RouteSplit,
  RunSummary,
  SafeStateSummary,
  SplitPoint,
  StepSummary,
  TimelineEntry,
} from "./summary.ts";
export { renderPostmortem } from "./render.ts";
export type { PostmortemOptions } from "./options.ts";
export { renderPreview } from "./preview.ts";
export { DEFAULT_MAX_CHARS } from "./budget.ts";
export { ROLL_FORWARD_ADVICE } from "./recommend.ts";
export { escapeMarkdown, incidentMarker, inlineCode } from "./escape.ts";
