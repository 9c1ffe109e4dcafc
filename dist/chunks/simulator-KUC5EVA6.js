import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-ENJ7I5F3.js";
import "./chunk-P5J7JTAR.js";
import "./chunk-6773U5SR.js";
import "./chunk-2PVXPZ4J.js";
import "./chunk-NFUHM7O5.js";
import "./chunk-VTRGJADI.js";
import "./chunk-D3JDQLNM.js";
import "./chunk-ZZKFYROS.js";
import "./chunk-FSGPF5CP.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-AQPOUA66.js";
import "./chunk-5W2FE3V6.js";
import "./chunk-7SYW5V3G.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  startSimulator
};
