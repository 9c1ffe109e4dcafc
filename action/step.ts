import { getInput, setSecret } from "@actions/core";
import { readContext, type RunContext } from "./context.ts";
import { readSettings, secretValues, type Settings } from "./inputs.ts";
import { createScrubber, type Scrubber } from "../sdk/util/scrub.ts";

/**
 * What the main and the post step both start with: the run's context, the inputs read once,
 * and the secrets among them masked in the log and scrubbed from everything else.
 */
export function setUpStep(): { ctx: RunContext; settings: Settings; secrets: string[]; scrubber: Scrubber } {
  const settings = readSettings((name) => getInput(name));
  const ctx = readContext(process.env, settings.incidentKey);
  const secrets = secretValues(settings);
  secrets.forEach((s) => setSecret(s));
  return { ctx, settings, secrets, scrubber: createScrubber(secrets) };
}
