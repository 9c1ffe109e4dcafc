import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-TSCUO37A.js";
import "./chunk-7IHZBW54.js";
import "./chunk-AA7LJTFO.js";
import "./chunk-GZ3XI3C5.js";
import "./chunk-23QPXM5C.js";
import "./chunk-VTRGJADI.js";
import "./chunk-S4HTLNKD.js";
import "./chunk-RKIALLIY.js";
import "./chunk-FSGPF5CP.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-KFAPHK5U.js";
import "./chunk-5W2FE3V6.js";
import "./chunk-MPW2PGP5.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  startSimulator
};
