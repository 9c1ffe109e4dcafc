import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  IssueFilingError,
  filePostmortem
} from "./chunk-PVPSYI4Y.js";
import "./chunk-COLO545A.js";
import "./chunk-52YZNMLD.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-XER5RNSB.js";
import "./chunk-5AMULRZH.js";
export {
  IssueFilingError,
  filePostmortem
};
