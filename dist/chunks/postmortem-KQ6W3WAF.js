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
} from "./chunk-7JSKDV6I.js";
import "./chunk-56RCUUGQ.js";
import "./chunk-L76QHE3T.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-5JYXBD73.js";
import "./chunk-5AMULRZH.js";
export {
  IssueFilingError,
  MAX_FILING_WAIT_MS,
  filePostmortem,
  filePostmortemPatiently
};
