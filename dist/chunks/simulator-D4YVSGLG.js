import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-YMB3KYIK.js";
import "./chunk-Y7IRYGEJ.js";
import "./chunk-JBLX65IE.js";
import "./chunk-FRQ4XVU6.js";
import "./chunk-64XC55NW.js";
import "./chunk-VTRGJADI.js";
import "./chunk-EP7V5UDR.js";
import "./chunk-C4KX3NPU.js";
import "./chunk-FSGPF5CP.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-QZDDXPKY.js";
import "./chunk-5W2FE3V6.js";
import "./chunk-XER5RNSB.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  startSimulator
};
