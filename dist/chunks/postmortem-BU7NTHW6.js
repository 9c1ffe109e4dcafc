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
} from "./chunk-LR35D3IL.js";
import "./chunk-FELKTKVI.js";
import "./chunk-IVUAN3OH.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-7SYW5V3G.js";
import "./chunk-5AMULRZH.js";
export {
  IssueFilingError,
  MAX_FILING_WAIT_MS,
  filePostmortem,
  filePostmortemPatiently
};
