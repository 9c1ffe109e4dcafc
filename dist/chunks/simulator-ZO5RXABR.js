import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  holdingClock,
  startSimulator
} from "./chunk-UBIZSNKY.js";
import "./chunk-7NKTL3YS.js";
import "./chunk-K462WVA5.js";
import "./chunk-EVLKLVUR.js";
import "./chunk-O4UR3J5Y.js";
import "./chunk-VTRGJADI.js";
import "./chunk-ADDWUOTF.js";
import "./chunk-TOQYADFI.js";
import "./chunk-QXKUTHXR.js";
import "./chunk-7YCXX5NN.js";
import "./chunk-GXM6ID6Y.js";
import "./chunk-I5U4WEW7.js";
import "./chunk-GH6XOQAL.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  holdingClock,
  startSimulator
};
