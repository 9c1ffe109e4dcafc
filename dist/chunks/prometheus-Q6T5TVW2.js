import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  createPrometheus
} from "./chunk-X2TKKSY7.js";
import "./chunk-I5U4WEW7.js";
import "./chunk-TLOHQP6I.js";
import "./chunk-5AMULRZH.js";
export {
  createPrometheus
};
