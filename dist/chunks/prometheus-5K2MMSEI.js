import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  createPrometheus
} from "./chunk-ZDGXG3M3.js";
import "./chunk-ZT6CORZH.js";
import "./chunk-6RCF7MMO.js";
import "./chunk-O5XZOHUO.js";
import "./chunk-5AMULRZH.js";
export {
  createPrometheus
};
