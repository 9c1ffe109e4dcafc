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
} from "./chunk-HDMSJHGO.js";
import "./chunk-FBZ6KU76.js";
import "./chunk-N5PHDOQO.js";
import "./chunk-ERRGEV6Z.js";
import "./chunk-QZS5YSLN.js";
import "./chunk-QIM3ZTPK.js";
import "./chunk-GACHYSYR.js";
import "./chunk-5AMULRZH.js";
export {
  IssueFilingError,
  MAX_FILING_WAIT_MS,
  filePostmortem,
  filePostmortemPatiently
};
