import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  IssueFilingError,
  MAX_FILING_WAIT_MS,
  filePostmortem,
  filePostmortemPatiently
} from "./chunk-2D4UIGSU.js";
import "./chunk-J4OGPQXK.js";
import "./chunk-DWCNSNDQ.js";
import "./chunk-2NZ2GLZA.js";
import "./chunk-TLOHQP6I.js";
import "./chunk-5AMULRZH.js";
export {
  IssueFilingError,
  MAX_FILING_WAIT_MS,
  filePostmortem,
  filePostmortemPatiently
};
