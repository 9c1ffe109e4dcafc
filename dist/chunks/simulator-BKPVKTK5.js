import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-FFLDQLSU.js";
import "./chunk-76R45RYX.js";
import "./chunk-AJGU6FKQ.js";
import "./chunk-AFHKOOBG.js";
import "./chunk-VTRGJADI.js";
import "./chunk-4UBUSB2J.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-BSKIQZCE.js";
import "./chunk-PZ5SE4CF.js";
import "./chunk-K4YFL3AV.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  startSimulator
};
