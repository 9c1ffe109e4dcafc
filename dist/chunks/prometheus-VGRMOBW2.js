import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  createPrometheus
} from "./chunk-724NHV3K.js";
import "./chunk-44TQL3SR.js";
import "./chunk-TM54LV52.js";
import "./chunk-PEQLUQXM.js";
import "./chunk-5AMULRZH.js";
export {
  createPrometheus
};
