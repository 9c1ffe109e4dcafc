/**
 * The {@link Logger} over `@actions/core`. Named imports (not the namespace) so the bundle keeps
 * only the parts of @actions/core the action calls.
 */
import { endGroup, error, info, notice, startGroup, warning } from "@actions/core";
import type { Logger } from "./progress.ts";

/**
 * Logs to the workflow log: groups, and annotations for errors, warnings and notices.
 *
 * @example
 * createProgressReporter(coreLogger, scrub.text);
 */
export const coreLogger: Logger = { info, startGroup, endGroup, error, warning, notice };
