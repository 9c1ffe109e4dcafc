import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-WWLNTNW6.js";
import "./chunk-ZA5TKCZL.js";
import "./chunk-K24Z5Q2O.js";
import "./chunk-FV65IAGC.js";
import "./chunk-T2I7JQ4E.js";
import "./chunk-7XFP2SD2.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-SHGA6PIU.js";
import "./chunk-PZ5SE4CF.js";
import "./chunk-D6ATNB65.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  startSimulator
};
