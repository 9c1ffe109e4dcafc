import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  holdingClock,
  startSimulator
} from "./chunk-EFZPDB43.js";
import "./chunk-H7YA46VG.js";
import "./chunk-FPA7XARA.js";
import "./chunk-PPINJRUP.js";
import "./chunk-V6HHNL7C.js";
import "./chunk-VTRGJADI.js";
import "./chunk-YICAY4NM.js";
import "./chunk-2ORFOISU.js";
import "./chunk-SCQOY5VW.js";
import "./chunk-2NZ2GLZA.js";
import "./chunk-GXM6ID6Y.js";
import "./chunk-I5U4WEW7.js";
import "./chunk-GH6XOQAL.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  holdingClock,
  startSimulator
};
