import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-XG7PCBE7.js";
import "./chunk-XLOVYP7E.js";
import "./chunk-EPDBTITD.js";
import "./chunk-5X2NYA26.js";
import "./chunk-VTRGJADI.js";
import "./chunk-XLN43KTK.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-HVWMBGJT.js";
import "./chunk-PZ5SE4CF.js";
import "./chunk-BAJT4JRQ.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  startSimulator
};
