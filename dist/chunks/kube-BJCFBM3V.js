import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  createKube
} from "./chunk-UROZCBTX.js";
import "./chunk-NCM6VYWW.js";
import "./chunk-R2EHQ2HS.js";
import "./chunk-VTRGJADI.js";
import {
  KubeconfigError,
  REQUEST_TIMEOUT_MS,
  SERVICE_ACCOUNT_DIR
} from "./chunk-FNLXVHVC.js";
import "./chunk-2ORFOISU.js";
import "./chunk-SCQOY5VW.js";
import {
  FIELD_MANAGER
} from "./chunk-2NZ2GLZA.js";
import "./chunk-PEQLUQXM.js";
import "./chunk-5AMULRZH.js";
export {
  FIELD_MANAGER,
  KubeconfigError,
  REQUEST_TIMEOUT_MS,
  SERVICE_ACCOUNT_DIR,
  createKube
};
