import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  holdingClock,
  startSimulator
} from "./chunk-S757ZW6N.js";
import "./chunk-3YQSMJYS.js";
import "./chunk-7DSPFPKJ.js";
import "./chunk-Y3RDMSK4.js";
import "./chunk-FDNMZM2G.js";
import "./chunk-VTRGJADI.js";
import "./chunk-76MUTART.js";
import "./chunk-2ORFOISU.js";
import "./chunk-SCQOY5VW.js";
import "./chunk-2NZ2GLZA.js";
import "./chunk-TUX7GPXN.js";
import "./chunk-62KM32R4.js";
import "./chunk-QE6LLDPL.js";
import "./chunk-IZOQR4YB.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  holdingClock,
  startSimulator
};
