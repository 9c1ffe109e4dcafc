import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-6CS7ILGK.js";
import "./chunk-3OHIVSSJ.js";
import "./chunk-5TRGRBUD.js";
import "./chunk-YBSRXTKK.js";
import "./chunk-T2I7JQ4E.js";
import "./chunk-5OKI4GVH.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-TMMH4PR7.js";
import "./chunk-PZ5SE4CF.js";
import "./chunk-ABO4BHZI.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  startSimulator
};
