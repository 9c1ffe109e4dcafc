import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  createKube
} from "./chunk-OYFAQVQC.js";
import "./chunk-ICJVKSK5.js";
import "./chunk-7MWAMBLI.js";
import {
  REQUEST_TIMEOUT_MS
} from "./chunk-D3JY6XMV.js";
import "./chunk-VXVKXMWV.js";
import {
  KubeconfigError,
  SERVICE_ACCOUNT_DIR
} from "./chunk-KA37ZHZ6.js";
import {
  FIELD_MANAGER
} from "./chunk-QZS5YSLN.js";
import "./chunk-O5XZOHUO.js";
import "./chunk-5AMULRZH.js";
export {
  FIELD_MANAGER,
  KubeconfigError,
  REQUEST_TIMEOUT_MS,
  SERVICE_ACCOUNT_DIR,
  createKube
};
