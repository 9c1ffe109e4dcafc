import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-3H4U4HO3.js";
import "./chunk-ZA5TKCZL.js";
import "./chunk-A7WGEDHX.js";
import "./chunk-7VHOH4YG.js";
import "./chunk-VTRGJADI.js";
import "./chunk-AUHNH32L.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-SHGA6PIU.js";
import "./chunk-PZ5SE4CF.js";
import "./chunk-D6ATNB65.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  startSimulator
};
