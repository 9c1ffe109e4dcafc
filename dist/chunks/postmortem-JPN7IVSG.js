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
} from "./chunk-UDS4QAJC.js";
import "./chunk-CXE7UPU2.js";
import "./chunk-IEZ3GE5J.js";
import "./chunk-2NZ2GLZA.js";
import "./chunk-TM54LV52.js";
import "./chunk-PEQLUQXM.js";
import "./chunk-5AMULRZH.js";
export {
  IssueFilingError,
  MAX_FILING_WAIT_MS,
  filePostmortem,
  filePostmortemPatiently
};
