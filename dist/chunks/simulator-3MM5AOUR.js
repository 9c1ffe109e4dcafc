import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  holdingClock,
  startSimulator
} from "./chunk-PICHQAMH.js";
import "./chunk-7NKTL3YS.js";
import "./chunk-2MB4YFT3.js";
import "./chunk-4ALG6HOI.js";
import "./chunk-3UXPYZZ7.js";
import "./chunk-VTRGJADI.js";
import "./chunk-RLCW62X6.js";
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
