import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-PEWGSI3E.js";
import "./chunk-JUB6VEHE.js";
import "./chunk-TRUDYNBB.js";
import "./chunk-K5LYT2Q7.js";
import "./chunk-DLX5IXBM.js";
import "./chunk-VTRGJADI.js";
import "./chunk-QQR6QACY.js";
import "./chunk-PADNPBLJ.js";
import "./chunk-FSGPF5CP.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-SGS4ZIFW.js";
import "./chunk-5W2FE3V6.js";
import "./chunk-BXXN6NI4.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  startSimulator
};
