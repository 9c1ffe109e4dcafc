import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  holdingClock,
  startSimulator
} from "./chunk-W6F2MCGN.js";
import "./chunk-TQQM572Q.js";
import "./chunk-HLRPCBBL.js";
import "./chunk-DGZVFRRR.js";
import "./chunk-CVTJVUMS.js";
import "./chunk-VTRGJADI.js";
import "./chunk-22AZZH7K.js";
import "./chunk-2ORFOISU.js";
import "./chunk-SCQOY5VW.js";
import "./chunk-2NZ2GLZA.js";
import "./chunk-X2TKKSY7.js";
import "./chunk-I5U4WEW7.js";
import "./chunk-TLOHQP6I.js";
import "./chunk-U3NCBEXJ.js";
import "./chunk-5AMULRZH.js";
export {
  holdingClock,
  startSimulator
};
