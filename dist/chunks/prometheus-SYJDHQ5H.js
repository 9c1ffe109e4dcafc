import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  createPrometheus
} from "./chunk-TUX7GPXN.js";
import "./chunk-62KM32R4.js";
import "./chunk-QE6LLDPL.js";
import "./chunk-IZOQR4YB.js";
import "./chunk-5AMULRZH.js";
export {
  createPrometheus
};
