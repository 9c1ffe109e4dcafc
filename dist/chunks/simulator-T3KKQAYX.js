import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  holdingClock,
  startSimulator
} from "./chunk-X3QIISTS.js";
import "./chunk-M55X4LAB.js";
import "./chunk-ERRGEV6Z.js";
import "./chunk-FLKWXFB3.js";
import "./chunk-LF3WQELR.js";
import "./chunk-CTVKUGHL.js";
import "./chunk-VTRGJADI.js";
import "./chunk-JM6XVIAX.js";
import "./chunk-IH6INKLK.js";
import "./chunk-SCQOY5VW.js";
import "./chunk-QZS5YSLN.js";
import "./chunk-H7NUWDF2.js";
import "./chunk-PT75GMAY.js";
import "./chunk-QIM3ZTPK.js";
import "./chunk-GACHYSYR.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  holdingClock,
  startSimulator
};
