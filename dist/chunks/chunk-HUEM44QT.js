import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  createScrubber,
  secretValuesOf
} from "./chunk-KMBNXFI7.js";
import {
  clip,
  clipMarkdown,
  escapeMarkdown,
  ganttChart,
  gatePlaces,
  incidentId,
  inlineCode,
  markdownLink,
  readContext,
  runUrl
} from "./chunk-W7YKVSPA.js";
import {
  duration,
  splitText,
  stepTitle,
  valueText
} from "./chunk-SJETCTHF.js";
import {
  JSON_SCHEMA,
  YAMLException,
  load,
  parseKubeconfigYaml
} from "./chunk-7MWAMBLI.js";
import {
  PROVIDER_URL_EXAMPLE,
  _enum,
  _minLength,
  _regex,
  _trim,
  object,
  pipe,
  providerSecrets,
  providerUrlProblem,
  refine,
  shownProviderUrl,
  string,
  transform
} from "./chunk-ZT6CORZH.js";
import {
  MAX_REQUEST_TIMEOUT,
  requestTimeoutMs
} from "./chunk-6RCF7MMO.js";
import {
  UsageError,
  describeError
} from "./chunk-O5XZOHUO.js";

// action/bin/warnings.ts
function quietDependencyDeprecations() {
  process.removeAllListeners("warning").on("warning", (warning2) => {
    warning2.name !== "DeprecationWarning" && process.stderr.write(`${warning2.name}: ${warning2.message}
`);
  });
}

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  return input == null ? "" : typeof input == "string" || input instanceof String ? input : JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  return Object.keys(annotationProperties).length ? {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  } : {};
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message2) {
  let cmd = new Command(command, properties, message2);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message2 = "") {
  issueCommand(name, {}, message2);
}
var CMD_STRING = "::", Command = class {
  constructor(command, properties, message2) {
    command || (command = "missing.command"), this.command = command, this.properties = properties, this.message = message2;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = !0;
      for (let key in this.properties)
        if (this.properties.hasOwnProperty(key)) {
          let val = this.properties[key];
          val && (first ? first = !1 : cmdStr += ",", cmdStr += `${key}=${escapeProperty(val)}`);
        }
    }
    return cmdStr += `${CMD_STRING}${escapeData(this.message)}`, cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message2) {
  let filePath = process.env[`GITHUB_${command}`];
  if (!filePath)
    throw new Error(`Unable to find environment variable for file command ${command}`);
  if (!fs.existsSync(filePath))
    throw new Error(`Missing file at path: ${filePath}`);
  fs.appendFileSync(filePath, `${toCommandValue(message2)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  let delimiter = `ghadelimiter_${crypto.randomUUID()}`, convertedValue = toCommandValue(value);
  if (key.includes(delimiter))
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (convertedValue.includes(delimiter))
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os3 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator.throw(value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
}, { access, appendFile, writeFile } = promises, SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath)
        return this._filePath;
      let pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv)
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      return this._filePath = pathFromEnv, this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    let htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    return content ? `<${tag}${htmlAttrs}>${content}</${tag}>` : `<${tag}${htmlAttrs}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      let overwrite = !!options?.overwrite, filePath = yield this.filePath();
      return yield (overwrite ? writeFile : appendFile)(filePath, this._buffer, { encoding: "utf8" }), this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: !0 });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    return this._buffer = "", this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text2, addEOL = !1) {
    return this._buffer += text2, addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    let attrs = Object.assign({}, lang && { lang }), element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = !1) {
    let tag = ordered ? "ol" : "ul", listItems = items.map((item) => this.wrap("li", item)).join(""), element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    let tableBody = rows.map((row) => {
      let cells = row.map((cell2) => {
        if (typeof cell2 == "string")
          return this.wrap("td", cell2);
        let { header, data, colspan, rowspan } = cell2, tag = header ? "th" : "td", attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join(""), element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    let element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    let { width, height } = options || {}, attrs = Object.assign(Object.assign({}, width && { width }), height && { height }), element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text2, level) {
    let tag = `h${level}`, allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1", element = this.wrap(allowedTag, text2);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    let element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    let element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text2, cite) {
    let attrs = Object.assign({}, cite && { cite }), element = this.wrap("blockquote", text2, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text2, href) {
    let element = this.wrap("a", text2, { href });
    return this.addRaw(element).addEOL();
  }
}, _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2.Success = 0] = "Success", ExitCode2[ExitCode2.Failure = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function getInput(name, options) {
  let val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val)
    throw new Error(`Input required and not supplied: ${name}`);
  return options && options.trimWhitespace === !1 ? val : val.trim();
}
function setOutput(name, value) {
  if (process.env.GITHUB_OUTPUT || "")
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  process.stdout.write(os3.EOL), issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message2) {
  process.exitCode = ExitCode.Failure, error(message2);
}
function debug(message2) {
  issueCommand("debug", {}, message2);
}
function error(message2, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message2 instanceof Error ? message2.toString() : message2);
}
function warning(message2, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message2 instanceof Error ? message2.toString() : message2);
}
function notice(message2, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message2 instanceof Error ? message2.toString() : message2);
}
function info(message2) {
  process.stdout.write(message2 + os3.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}
function saveState(name, value) {
  if (process.env.GITHUB_STATE || "")
    return issueFileCommand("STATE", prepareKeyValueMessage(name, value));
  issueCommand("save-state", { name }, toCommandValue(value));
}
function getState(name) {
  return process.env[`STATE_${name}`] || "";
}

// action/core-logger.ts
var coreLogger = { info, startGroup, endGroup, error, warning, notice };

// action/inputs.ts
var INPUT_NAMES = [
  "plan",
  "inputs",
  "mode",
  "target",
  "scenario",
  "kubeconfig",
  "context",
  "request-timeout",
  "prometheus-url",
  "prometheus-headers",
  "github-token",
  "postmortem",
  "postmortem-repo",
  "labels",
  "assignees",
  "severity",
  "incident-key"
], NO_METRICS = "none", LABEL_MAX = 50, LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|[-_](?=[A-Za-z0-9])){0,38}(?:_[A-Za-z0-9]{1,8})?(\[bot\])?$/, INCIDENT_KEY = /^(?!.*--)[A-Za-z0-9._-]{1,64}$/, InputError = class extends UsageError {
  constructor(input, problem) {
    super(`Input "${input}": ${problem}`);
    this.input = input;
  }
  input;
  name = "InputError";
};
function list(raw) {
  return raw.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
}
function repeatedKey(json) {
  try {
    load(json, { schema: JSON_SCHEMA });
    return;
  } catch (err) {
    if (!(err instanceof YAMLException) || err.reason !== "duplicated mapping key") return;
    let token = /"(?:[^"\\]|\\.)*"/y;
    token.lastIndex = err.mark.position;
    let key = token.exec(json)?.[0];
    return key ? JSON.parse(key) : `the key at line ${err.mark.line + 1}, column ${err.mark.column + 1}`;
  }
}
var isJson = (raw) => /^[[{]/.test(raw.trim());
function parsePairs(input, raw, separator) {
  let text2 = raw.trim();
  if (text2 === "") return {};
  let once = `give each ${input === "inputs" ? "input" : "header"} once`;
  if (isJson(text2)) {
    let parsed;
    try {
      parsed = JSON.parse(text2);
    } catch {
      throw new InputError(input, "not valid JSON: check that every key and string value is in double quotes (the value is not shown: it may hold secrets)");
    }
    if (!parsed || typeof parsed != "object" || Array.isArray(parsed)) throw new InputError(input, "JSON must be an object");
    let repeated = repeatedKey(text2);
    if (repeated !== void 0) throw new InputError(input, `${repeated} is given twice; ${once}`);
    return parsed;
  }
  let out = {};
  for (let [i, line] of text2.split(/\r?\n/).entries()) {
    let trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    let at = trimmed.indexOf(separator);
    if (at <= 0) throw new InputError(input, `line ${i + 1} is not key${separator}value (give JSON or one key${separator}value per line)`);
    let key = trimmed.slice(0, at).trim();
    if (Object.hasOwn(out, key)) throw new InputError(input, `line ${i + 1} sets ${key} again; ${once}`);
    out[key] = trimmed.slice(at + 1).trim();
  }
  return out;
}
var SECRET_INPUTS = /* @__PURE__ */ new Set(["inputs", "kubeconfig", "github-token", "prometheus-headers"]), shownValue = (input, value) => input === "prometheus-url" ? shownProviderUrl(value) : JSON.stringify(value), optional = (s) => s.trim() === "" ? void 0 : s.trim(), evaluated = (s) => /^\$\{\{[\s\S]*\}\}$/.test(s.trim()) ? "" : s, text = (transform2, ok = () => !0, message2 = "") => pipe(string(), transform(transform2)).check(refine(ok, message2)), schema = object({
  plan: string().check(
    _trim(),
    _minLength(1, "required: the path of the plan's .ts file in the repository"),
    _regex(/\.(ts|mts)$/, "must be a .ts file (the plan, e.g. plans/checkout-rollback.ts)")
  ),
  mode: _enum(["preview", "run"], "must be preview or run"),
  target: _enum(["cluster", "sim"], "must be cluster or sim"),
  scenario: text(optional),
  kubeconfig: text((s) => s.trim() === "" ? void 0 : s),
  context: text(optional),
  "request-timeout": text(optional, (s) => s === void 0 || requestTimeoutMs(s) !== void 0, `must be a duration up to ${MAX_REQUEST_TIMEOUT}, like 10s or 1m`),
  "prometheus-url": text(optional, (s) => s === void 0 || s === NO_METRICS || providerUrlProblem(s) === void 0, `must be an http(s) URL, e.g. ${PROVIDER_URL_EXAMPLE}, or ${NO_METRICS}`),
  "github-token": string().check(_trim()),
  postmortem: _enum(["always", "on-failure", "never"], "must be always, on-failure or never"),
  "postmortem-repo": text(optional, (s) => s === void 0 || /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(s), "must be owner/name"),
  labels: text(list, (l) => l.every((x) => x.length <= LABEL_MAX), `each label must be at most ${LABEL_MAX} characters`),
  assignees: text((s) => list(s).map((a) => a.replace(/^@/, "")), (l) => l.every((a) => LOGIN.test(a)), "each assignee must be a GitHub user name"),
  severity: text(optional, (s) => s === void 0 || s.length <= LABEL_MAX - 9 && !/[\r\n]/.test(s), `must be one line of at most ${LABEL_MAX - 9} characters (it becomes the label severity:<value>), e.g. sev2`),
  "incident-key": text(
    (s) => optional(evaluated(s)),
    (s) => s === void 0 || INCIDENT_KEY.test(s),
    "must be up to 64 letters, digits, '.', '_' or single '-', e.g. a matrix value such as eu-west"
  )
}).check(
  refine((o) => o.target !== "sim" || o.scenario !== void 0, {
    path: ["scenario"],
    message: "required when target is sim (a built-in scenario name, e.g. cold-jvm)"
  }),
  // without metrics a cluster run would change the cluster, then stop at its first gate (it fails closed)
  refine((o) => o.target !== "cluster" || o["prometheus-url"] !== void 0, {
    path: ["prometheus-url"],
    message: `required when target is cluster: the plan's gates and the user-impact report read it, and without it the run would change the cluster, then stop at its first gate. For a plan without metric gates, set it to ${NO_METRICS}`
  }),
  // a rehearsal that forgot target: sim would otherwise run against the kubeconfig's cluster
  refine((o) => o.target === "sim" || o.scenario === void 0, {
    path: ["scenario"],
    message: "only used with target: sim; with target: cluster the plan runs against the real cluster. Set target: sim to rehearse, or remove scenario"
  })
), HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
function checkHeaders(headers) {
  let seen = /* @__PURE__ */ new Map();
  for (let [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new InputError("prometheus-headers", `"${name}" is not a header name: use letters, digits and - (e.g. X-Scope-OrgID)`);
    let same = seen.get(name.toLowerCase());
    if (same) throw new InputError("prometheus-headers", `${same} and ${name} are one header (names are not case-sensitive); give each header once`);
    if (seen.set(name.toLowerCase(), name), typeof value != "string") throw new InputError("prometheus-headers", `the value of ${name} must be a string (the value is not shown: it may hold secrets)`);
    if (!HEADER_VALUE.test(value))
      throw new InputError("prometheus-headers", `the value of ${name} has a character a header cannot carry (a line break, or a typographic quote pasted from a document); the value is not shown: it may hold secrets`);
  }
  return headers;
}
function readSettings(getInput2) {
  let raw = Object.fromEntries(INPUT_NAMES.map((n) => [n, getInput2(n)])), planInputs = parsePairs("inputs", raw.inputs, "="), headers = checkHeaders(parsePairs("prometheus-headers", raw["prometheus-headers"], ":")), result = schema.safeParse(raw);
  if (!result.success) {
    let issue2 = result.error.issues[0], input = issue2.path[0] ?? "plan", given = SECRET_INPUTS.has(input) ? "" : ` (got ${shownValue(input, raw[input])})`;
    throw new InputError(input, `${issue2.message}${given}`);
  }
  let o = result.data, repo = o["postmortem-repo"]?.split("/");
  return {
    plan: o.plan,
    inputs: planInputs,
    ...raw.inputs.trim() && !isJson(raw.inputs) ? { inputLines: !0 } : {},
    mode: o.mode,
    target: o.target,
    ...o.scenario ? { scenario: o.scenario } : {},
    ...o.kubeconfig ? { kubeconfig: o.kubeconfig } : {},
    ...o.context ? { context: o.context } : {},
    ...o["request-timeout"] ? { requestTimeoutMs: requestTimeoutMs(o["request-timeout"]) } : {},
    ...o["prometheus-url"] && o["prometheus-url"] !== NO_METRICS ? { prometheusUrl: o["prometheus-url"] } : {},
    prometheusHeaders: headers,
    githubToken: o["github-token"],
    postmortem: o.postmortem,
    ...repo ? { postmortemRepo: { owner: repo[0], repo: repo[1] } } : {},
    labels: o.labels,
    assignees: o.assignees,
    ...o.severity ? { severity: o.severity } : {},
    ...o["incident-key"] ? { incidentKey: o["incident-key"] } : {}
  };
}
function checkInputLines(settings, declared = []) {
  if (settings.inputLines)
    for (let [key, value] of Object.entries(settings.inputs)) {
      let held = declared.find((name) => value.split(/[\s,;&]+/).some((word) => word.startsWith(`${name}=`)));
      if (held !== void 0)
        throw new InputError(
          "inputs",
          `the value of ${key} holds "${held}=": give each input on a line of its own, or as JSON, e.g. {"${key}": "\u2026", "${held}": "\u2026"} (the Run workflow form's field takes one line: use JSON there)`
        );
    }
}
function secretValues(settings) {
  let out = [settings.githubToken, ...providerSecrets(settings.prometheusUrl, settings.prometheusHeaders)];
  if (settings.kubeconfig) {
    out.push(settings.kubeconfig, ...kubeconfigCredentials(settings.kubeconfig));
    let credential = /^\s*-?\s*(token|client-key-data|client-certificate-data|password|id-token|refresh-token|access-token|client-secret)\s*:\s*["']?([^"'\s]+)/;
    for (let line of settings.kubeconfig.split(/\r?\n/)) {
      let value = credential.exec(line)?.[2];
      value && out.push(value);
    }
  }
  return [...new Set(out.filter((s) => s.length >= 4))];
}
var USER_CREDENTIALS = ["token", "password", "client-key-data", "client-certificate-data"], AUTH_PROVIDER_CREDENTIAL = /(token|secret|password)$/i;
function kubeconfigCredentials(text2) {
  let doc;
  try {
    doc = parseKubeconfigYaml(text2);
  } catch {
    return [];
  }
  let users = doc?.users;
  if (!Array.isArray(users)) return [];
  let out = [], scalar = (v) => typeof v == "string" || typeof v == "number" ? [String(v)] : [], record = (v) => v && typeof v == "object" && !Array.isArray(v) ? v : void 0;
  for (let entry of users) {
    let user = record(record(entry)?.user);
    if (!user) continue;
    for (let field of USER_CREDENTIALS) out.push(...scalar(user[field]));
    let config = record(record(user["auth-provider"])?.config) ?? {};
    for (let [key, value] of Object.entries(config)) AUTH_PROVIDER_CREDENTIAL.test(key) && out.push(...scalar(value));
    let env = record(user.exec)?.env;
    for (let e of Array.isArray(env) ? env : []) {
      let { name, value } = record(e) ?? {};
      typeof name == "string" && out.push(...secretValuesOf({ [name]: value }));
    }
  }
  return out;
}

// action/step.ts
function setUpStep() {
  let settings = readSettings((name) => getInput(name)), ctx = readContext(process.env, settings.incidentKey), secrets = secretValues(settings);
  return secrets.forEach((s) => setSecret(s)), { ctx, settings, secrets, scrubber: createScrubber(secrets) };
}

// action/job-summary.ts
import { statSync, truncateSync } from "node:fs";

// action/summary.ts
var SUMMARY_MAX_ROWS = 200, CELL_CHARS = 120, MESSAGE_CHARS = 500, SUMMARY_MAX_CHARS = 256 * 1024, STATUS_ICON = {
  succeeded: "\u2705",
  "failed-safe": "\u{1F7E7}",
  "failed-unsafe": "\u{1F7E5}",
  cancelled: "\u23F9\uFE0F",
  unknown: "\u2754"
}, message = (text2) => escapeMarkdown(clip(text2, MESSAGE_CHARS)), cell = (text2) => inlineCode(clip(text2, CELL_CHARS), { inTable: !0 });
function table(header, rows, what) {
  let shown = rows.slice(0, SUMMARY_MAX_ROWS), lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...shown.map((r) => `| ${r.join(" | ")} |`)];
  return rows.length > shown.length && lines.push("", `_${rows.length - shown.length} more ${what} are in the journal._`), lines.join(`
`);
}
function overview(s, o) {
  let target = s.target ? `${s.target.kind}${s.target.scenario ? ` (scenario ${s.target.scenario})` : ""}` : "unknown", rows = [
    ["Status", `**${escapeMarkdown(s.statusText)}**`],
    ["Mode", s.mode],
    ["Target", cell(target)],
    ["Duration", duration(s.durationMs)],
    ["Incident", cell(o.incidentId)]
  ];
  return s.error && rows.push(["Error", cell(`${s.error.name}: ${s.error.message}`)]), o.postmortemUrl && rows.push(["Postmortem", markdownLink("issue", o.postmortemUrl)]), o.journalPath && rows.push(["Journal", cell(o.journalPath)]), o.runUrl && rows.push(["Run", markdownLink("workflow run", o.runUrl)]), table(["", ""], rows, "rows");
}
function traffic(s) {
  return s.finalSplits.length === 0 ? "No traffic split was recorded." : table(
    ["Route", "Final split", "Verified"],
    s.finalSplits.map((r) => [cell(r.name), escapeMarkdown(splitText(r.split)), r.verified ? "yes" : s.mode === "preview" ? "intended (preview)" : "**no**"]),
    "routes"
  );
}
function steps(s) {
  if (s.steps.length === 0) return "The plan ran no steps.";
  let icon = { succeeded: "\u2705", failed: "\u274C", cancelled: "\u23F9\uFE0F", unfinished: "\u23F3" };
  return table(
    ["Step", "Outcome", "Duration"],
    s.steps.map((st) => [
      `${"&nbsp;&nbsp;".repeat(st.depth)}${escapeMarkdown(stepTitle(st))}`,
      `${icon[st.outcome]} ${st.outcome}${st.error ? `: ${message(st.error.message)}` : ""}`,
      st.durationMs === void 0 ? "" : duration(st.durationMs)
    ]),
    "steps"
  );
}
function changes(s) {
  let fields = s.changes.flatMap((o) => {
    let byField = /* @__PURE__ */ new Map();
    for (let c of o.changes) byField.set(c.field, [...byField.get(c.field) ?? [], c]);
    return [...byField].map(([field, all]) => ({ object: o.name, field, writes: all.some((c) => c.applied) ? all.filter((c) => c.applied) : all }));
  });
  if (fields.length === 0) return "No changes were recorded.";
  let rows = fields.sort((a, b) => a.writes[0].at - b.writes[0].at).map(({ object: object2, field, writes }) => {
    let [first, last] = [writes[0], writes.at(-1)], back = writes.length > 1 && (first.digests?.before ?? valueText(first.before)) === (last.digests?.after ?? valueText(last.after)) ? ", back where it was" : "", why = [...new Set(writes.map((c) => c.action))].map(escapeMarkdown).join("; ");
    return [cell(object2), cell(field), `${cell(valueText(first.before))} \u2192 ${cell(valueText(last.after))}`, `${writes.length}${back}: ${why}${last.applied ? "" : " (not applied)"}`];
  });
  return table(["Object", "Field", "Before \u2192 after", "Writes"], rows, "changed fields");
}
function gateVerdicts(s) {
  if (s.gates.length === 0) return "";
  let places = gatePlaces(s.gates, s.steps), rows = s.gates.map((g) => [escapeMarkdown(places.has(g) ? `${g.name} (in ${places.get(g)})` : g.name), `${g.phase}${g.enforced ? "" : " (check)"}`, message(g.reason)]);
  return `### Gates

${table(["Gate", "Verdict", "Reason"], rows, "verdicts")}
`;
}
function timeline(s) {
  let top = s.steps.filter((st) => st.depth === 0).slice(0, SUMMARY_MAX_ROWS);
  if (top.length === 0) return "";
  let tasks = top.map((st) => ({
    name: stepTitle(st),
    start: st.startedAt,
    end: st.finishedAt ?? s.finishedAt,
    status: st.outcome === "failed" ? "crit" : st.outcome === "succeeded" ? "done" : "active"
  }));
  return `### Timeline

${ganttChart(s.plan.name, [{ name: "steps", tasks }])}
`;
}
function renderJobSummary(s, options) {
  let parts = [
    `## ${STATUS_ICON[s.status]} Firebreak${s.mode === "preview" ? " preview" : ""}: ${escapeMarkdown(s.plan.name)} \u2014 ${escapeMarkdown(s.statusText)}`,
    "",
    escapeMarkdown(s.outcome),
    "",
    overview(s, options),
    ""
  ];
  if (s.unsafe.length && parts.push("### \u26A0\uFE0F Left where it should not be", "", list2(s.unsafe, "objects"), ""), s.leftChanged.length) {
    let restores = s.safeState.restores, heading = s.finished ? "### Left changed (the safe state covers traffic only)" : restores.length ? restores.every((r) => r.outcome === "restored") ? "### Left changed (the run did not finish, after it restored the safe state, which covers traffic only; check each in the cluster)" : "### Left changed (the run did not finish, and its safe state could not be restored; check each in the cluster)" : "### Left changed (the run did not finish: nothing was restored; check each in the cluster)";
    parts.push(heading, "", list2(s.leftChanged, "objects"), "");
  }
  s.recommendations.length && parts.push("### Recommendations", "", list2(s.recommendations.map((r) => r.text), "recommendations"), ""), parts.push("### Traffic", "", traffic(s), "", "### Steps", "", steps(s), "", "### Changes", "", changes(s), "");
  let gates = gateVerdicts(s);
  gates && parts.push(gates);
  let chart = timeline(s);
  return chart && parts.push(chart), clipMarkdown(parts.join(`
`), SUMMARY_MAX_CHARS, CUT_NOTE);
}
var CUT_NOTE = `_The job summary was cut to fit GitHub's size limit; the journal has everything._
`;
function list2(lines, what) {
  let shown = lines.slice(0, SUMMARY_MAX_ROWS).map((l) => `- ${message(l)}`);
  return lines.length > shown.length && shown.push(`- _${lines.length - shown.length} more ${what} are in the journal._`), shown.join(`
`);
}

// action/job-summary.ts
async function writeJobSummary(summary2, run, scrub, replacing) {
  let { ctx, journalPath, postmortemUrl } = run;
  try {
    let file = process.env.GITHUB_STEP_SUMMARY, at = 0;
    return file && replacing ? truncateSync(file, at = replacing.at) : file && (at = statSync(file, { throwIfNoEntry: !1 })?.size ?? 0), await summary.addRaw(renderJobSummary(summary2, { incidentId: incidentId(ctx), journalPath, runUrl: runUrl(ctx), postmortemUrl })).write(), { at };
  } catch (err) {
    warning(scrub(`No job summary: ${describeError(err).message} The journal ${journalPath} holds the same facts.`));
    return;
  }
}

export {
  quietDependencyDeprecations,
  setSecret,
  setOutput,
  setFailed,
  debug,
  warning,
  info,
  saveState,
  getState,
  coreLogger,
  InputError,
  checkInputLines,
  setUpStep,
  writeJobSummary
};
