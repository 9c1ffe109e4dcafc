import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  createKube
} from "./chunk-K462WVA5.js";
import "./chunk-EVLKLVUR.js";
import "./chunk-O4UR3J5Y.js";
import "./chunk-VTRGJADI.js";
import {
  KubeconfigError,
  SERVICE_ACCOUNT_DIR
} from "./chunk-ADDWUOTF.js";
import {
  FIELD_MANAGER,
  REQUEST_TIMEOUT_MS
} from "./chunk-TOQYADFI.js";
import "./chunk-QXKUTHXR.js";
import "./chunk-7YCXX5NN.js";
import "./chunk-GH6XOQAL.js";
import "./chunk-5AMULRZH.js";
export {
  FIELD_MANAGER,
  KubeconfigError,
  REQUEST_TIMEOUT_MS,
  SERVICE_ACCOUNT_DIR,
  createKube
};
