import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  IssueFilingError,
  MAIN_FILING_LIMITS,
  MAX_FILING_WAIT_MS,
  POST_FILING_LIMITS,
  filePostmortem,
  filePostmortemPatiently
} from "./chunk-XFCFAC3S.js";
import "./chunk-W7YKVSPA.js";
import "./chunk-SJETCTHF.js";
import "./chunk-4WLNFUSH.js";
import "./chunk-QZS5YSLN.js";
import "./chunk-6RCF7MMO.js";
import "./chunk-O5XZOHUO.js";
import "./chunk-5AMULRZH.js";
export {
  IssueFilingError,
  MAIN_FILING_LIMITS,
  MAX_FILING_WAIT_MS,
  POST_FILING_LIMITS,
  filePostmortem,
  filePostmortemPatiently
};
