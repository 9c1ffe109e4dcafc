import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  createPrometheus
} from "./chunk-H7NUWDF2.js";
import "./chunk-PT75GMAY.js";
import "./chunk-QIM3ZTPK.js";
import "./chunk-GACHYSYR.js";
import "./chunk-5AMULRZH.js";
export {
  createPrometheus
};
