import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  startSimulator
} from "./chunk-BTTCHONZ.js";
import "./chunk-KTHQB3E4.js";
import "./chunk-NQKZQGDH.js";
import "./chunk-TAS5332J.js";
import "./chunk-T2I7JQ4E.js";
import "./chunk-BCAK4FGE.js";
import "./chunk-X3GMW2EA.js";
import "./chunk-AOPRYBUM.js";
import "./chunk-PZ5SE4CF.js";
import "./chunk-QKW2OLJW.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  startSimulator
};
