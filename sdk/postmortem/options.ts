/**
 * Options of `renderPostmortem`. Everything here comes from the caller (the CLI or the action), not
 * from the journal: where the run happened, and who dispatched it.
 */

/**
 * What the caller knows about the run that the journal does not.
 *
 * @example
 * const options: PostmortemOptions = {
 *   repository: "acme/shop",
 *   commitSha: context.sha,
 *   runUrl: `${serverUrl}/acme/shop/actions/runs/${runId}`,
 *   dispatchedBy: context.actor,
 * };
 */
export interface PostmortemOptions {
  /**
   * The id in the hidden marker on the first line (`<!-- firebreak:incident=<id> -->`) by which the
   * action finds this incident's issue again. Default: the journal's runId.
   */
  marker?: string;
  /** Who dispatched the run. Shown only in the Context table, never in generated text. */
  dispatchedBy?: string;
  /** The plan file, when it differs from the journal's (e.g. a path inside the repository). */
  planFile?: string;
  /** The commit the plan ran from. */
  commitSha?: string;
  /** Link to the workflow run (or wherever the run's logs are). */
  runUrl?: string;
  /** `owner/name` of the repository the plan lives in. */
  repository?: string;
  /** Link to the uploaded journal, offered wherever rows were left out to fit the size budget. */
  artifactUrl?: string;
  /** Size budget in characters. Default `DEFAULT_MAX_CHARS` (GitHub's issue body limit, minus headroom). */
  maxChars?: number;
}
