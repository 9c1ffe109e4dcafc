import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  holdingClock,
  startSimulator
} from "./chunk-GARWUPLP.js";
import "./chunk-LXC2EZTT.js";
import "./chunk-UROZCBTX.js";
import "./chunk-NCM6VYWW.js";
import "./chunk-R2EHQ2HS.js";
import "./chunk-VTRGJADI.js";
import "./chunk-FNLXVHVC.js";
import "./chunk-2ORFOISU.js";
import "./chunk-SCQOY5VW.js";
import "./chunk-2NZ2GLZA.js";
import "./chunk-724NHV3K.js";
import "./chunk-44TQL3SR.js";
import "./chunk-TM54LV52.js";
import "./chunk-PEQLUQXM.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  holdingClock,
  startSimulator
};
