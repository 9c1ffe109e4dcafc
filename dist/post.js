import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  filePostmortemPatiently
} from "./chunks/chunk-7JSKDV6I.js";
import {
  createGitHub
} from "./chunks/chunk-A7KBMWXI.js";
import {
  InputError,
  coreLogger,
  getState,
  info,
  quietDependencyDeprecations,
  readJournal,
  setUpStep,
  warning,
  writeJobSummary
} from "./chunks/chunk-5NBQBSCZ.js";
import "./chunks/chunk-RGKO5GVU.js";
import {
  POSTMORTEM_REFUSED,
  STATE,
  journalPathFor,
  summarizeRun
} from "./chunks/chunk-56RCUUGQ.js";
import "./chunks/chunk-L76QHE3T.js";
import "./chunks/chunk-VTRGJADI.js";
import "./chunks/chunk-FSGPF5CP.js";
import "./chunks/chunk-X3GMW2EA.js";
import "./chunks/chunk-I5U4WEW7.js";
import {
  describeError
} from "./chunks/chunk-5JYXBD73.js";
import "./chunks/chunk-5AMULRZH.js";

// action/post.ts
import { existsSync } from "node:fs";
import { setTimeout } from "node:timers/promises";
async function run() {
  let scrub = (text) => text;
  try {
    let { ctx, settings, scrubber } = setUpStep();
    scrub = scrubber.text;
    let journalPath = getState(STATE.journal) || journalPathFor(ctx);
    if (!existsSync(journalPath)) {
      info(`No journal at ${journalPath}: the plan never started, so there is nothing to report.`);
      return;
    }
    let events = readJournal(journalPath).map(scrubber.event), postmortemUrl, filed = getState(STATE.postmortem);
    if (filed === POSTMORTEM_REFUSED) info("GitHub refused the postmortem issue in the main step (its warning says why): not asking again.");
    else if (filed) info("The main step already took care of the postmortem issue.");
    else {
      let notBefore = Number(getState(STATE.filingNotBefore)) || void 0, patience = { ...notBefore ? { notBefore } : {}, now: Date.now, sleep: (ms) => setTimeout(ms) };
      postmortemUrl = await filePostmortemPatiently({ settings, ctx, events, logger: coreLogger, github: createGitHub }, patience);
    }
    !getState(STATE.summary) && events.length > 0 && await writeJobSummary(summarizeRun(events), { ctx, journalPath, postmortemUrl }, scrub);
  } catch (err) {
    err instanceof InputError ? info(`Nothing to report: the main step stopped at a bad input (${err.input}).`) : warning(scrub(`Firebreak post step: ${describeError(err).message}`));
  }
}

// action/bin/post.ts
quietDependencyDeprecations();
await run();
