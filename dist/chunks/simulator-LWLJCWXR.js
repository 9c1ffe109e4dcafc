import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-YSIL6MPW.js";
import "./chunk-ZA5TKCZL.js";
import "./chunk-JEM3QTEF.js";
import "./chunk-7VHOH4YG.js";
import "./chunk-T2I7JQ4E.js";
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
