import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  GITHUB_REQUEST_TIMEOUT_MS,
  GitHubTimeoutError,
  MARKER_SEARCH_PAGES,
  createGitHub,
  hasMarkerLine
} from "./chunk-Q6UD2WPR.js";
import "./chunk-6RCF7MMO.js";
import "./chunk-O5XZOHUO.js";
import "./chunk-5AMULRZH.js";
export {
  GITHUB_REQUEST_TIMEOUT_MS,
  GitHubTimeoutError,
  MARKER_SEARCH_PAGES,
  createGitHub,
  hasMarkerLine
};
