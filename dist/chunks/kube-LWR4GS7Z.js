import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  createKube
} from "./chunk-JPVDFBQE.js";
import "./chunk-LFACZUZK.js";
import "./chunk-LQC54UHD.js";
import "./chunk-VTRGJADI.js";
import {
  KubeconfigError,
  REQUEST_TIMEOUT_MS,
  SERVICE_ACCOUNT_DIR
} from "./chunk-T7YNTYNB.js";
import "./chunk-IH6INKLK.js";
import "./chunk-SCQOY5VW.js";
import {
  FIELD_MANAGER
} from "./chunk-QZS5YSLN.js";
import "./chunk-GACHYSYR.js";
import "./chunk-5AMULRZH.js";
export {
  FIELD_MANAGER,
  KubeconfigError,
  REQUEST_TIMEOUT_MS,
  SERVICE_ACCOUNT_DIR,
  createKube
};
