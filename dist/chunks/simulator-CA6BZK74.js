import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  holdingClock,
  startSimulator
} from "./chunk-5Y3KHQTN.js";
import "./chunk-M55X4LAB.js";
import "./chunk-ERRGEV6Z.js";
import "./chunk-JPVDFBQE.js";
import "./chunk-LFACZUZK.js";
import "./chunk-LQC54UHD.js";
import "./chunk-VTRGJADI.js";
import "./chunk-T7YNTYNB.js";
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
