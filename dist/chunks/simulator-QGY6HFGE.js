import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  holdingClock,
  startSimulator
} from "./chunk-QTDCW62N.js";
import "./chunk-2BA7XB7Q.js";
import "./chunk-4WLNFUSH.js";
import "./chunk-OYFAQVQC.js";
import "./chunk-ICJVKSK5.js";
import "./chunk-7MWAMBLI.js";
import "./chunk-D3JY6XMV.js";
import "./chunk-VXVKXMWV.js";
import "./chunk-KA37ZHZ6.js";
import "./chunk-QZS5YSLN.js";
import "./chunk-ZDGXG3M3.js";
import "./chunk-ZT6CORZH.js";
import "./chunk-6RCF7MMO.js";
import "./chunk-O5XZOHUO.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  holdingClock,
  startSimulator
};
