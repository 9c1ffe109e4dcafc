import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-DGOUD22T.js";
import "./chunk-VZFNIJFN.js";
import "./chunk-7BVEL5ZT.js";
import "./chunk-3YFYN4PT.js";
import "./chunk-ZQNEQJ7U.js";
import "./chunk-VTRGJADI.js";
import "./chunk-UBIBPXDP.js";
import "./chunk-2JBVVTZ7.js";
import "./chunk-FSGPF5CP.js";
import "./chunk-HX2WEKO4.js";
import "./chunk-TVV25XIZ.js";
import "./chunk-I5U4WEW7.js";
import "./chunk-5JYXBD73.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  startSimulator
};
