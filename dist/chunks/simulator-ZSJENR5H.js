import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-VAVX76EU.js";
import "./chunk-Q64P4P75.js";
import "./chunk-J5TCJMM5.js";
import "./chunk-NPBRBRDA.js";
import "./chunk-54B3F5VD.js";
import "./chunk-VTRGJADI.js";
import "./chunk-O3ELPLXY.js";
import "./chunk-TC3TEJKP.js";
import "./chunk-FSGPF5CP.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-OYHV2SMB.js";
import "./chunk-5W2FE3V6.js";
import "./chunk-NAEJNPYL.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  startSimulator
};
