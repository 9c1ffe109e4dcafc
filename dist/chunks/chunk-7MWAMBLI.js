import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  KubeconfigError
} from "./chunk-KA37ZHZ6.js";

// sdk/kube/kubeconfig-files.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";

// node_modules/js-yaml/dist/js-yaml.mjs
function getDefaultExportFromCjs(x) {
  return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, "default") ? x.default : x;
}
var jsYaml = {}, loader = {}, common = {}, hasRequiredCommon;
function requireCommon() {
  if (hasRequiredCommon) return common;
  hasRequiredCommon = 1;
  function isNothing(subject) {
    return typeof subject > "u" || subject === null;
  }
  function isObject(subject) {
    return typeof subject == "object" && subject !== null;
  }
  function toArray(sequence) {
    return Array.isArray(sequence) ? sequence : isNothing(sequence) ? [] : [sequence];
  }
  function extend(target, source) {
    if (source) {
      let sourceKeys = Object.keys(source);
      for (let index = 0, length = sourceKeys.length; index < length; index += 1) {
        let key = sourceKeys[index];
        target[key] = source[key];
      }
    }
    return target;
  }
  function repeat(string, count) {
    let result = "";
    for (let cycle = 0; cycle < count; cycle += 1)
      result += string;
    return result;
  }
  function isNegativeZero(number) {
    return number === 0 && Number.NEGATIVE_INFINITY === 1 / number;
  }
  return common.isNothing = isNothing, common.isObject = isObject, common.toArray = toArray, common.repeat = repeat, common.isNegativeZero = isNegativeZero, common.extend = extend, common;
}
var exception, hasRequiredException;
function requireException() {
  if (hasRequiredException) return exception;
  hasRequiredException = 1;
  function formatError(exception2, compact) {
    let where = "", message = exception2.reason || "(unknown reason)";
    return exception2.mark ? (exception2.mark.name && (where += 'in "' + exception2.mark.name + '" '), where += "(" + (exception2.mark.line + 1) + ":" + (exception2.mark.column + 1) + ")", !compact && exception2.mark.snippet && (where += `

` + exception2.mark.snippet), message + " " + where) : message;
  }
  function YAMLException2(reason, mark) {
    Error.call(this), this.name = "YAMLException", this.reason = reason, this.mark = mark, this.message = formatError(this, !1), Error.captureStackTrace ? Error.captureStackTrace(this, this.constructor) : this.stack = new Error().stack || "";
  }
  return YAMLException2.prototype = Object.create(Error.prototype), YAMLException2.prototype.constructor = YAMLException2, YAMLException2.prototype.toString = function(compact) {
    return this.name + ": " + formatError(this, compact);
  }, exception = YAMLException2, exception;
}
var snippet, hasRequiredSnippet;
function requireSnippet() {
  if (hasRequiredSnippet) return snippet;
  hasRequiredSnippet = 1;
  let common2 = requireCommon();
  function getLine(buffer, lineStart, lineEnd, position, maxLineLength) {
    let head = "", tail = "", maxHalfLength = Math.floor(maxLineLength / 2) - 1;
    return position - lineStart > maxHalfLength && (head = " ... ", lineStart = position - maxHalfLength + head.length), lineEnd - position > maxHalfLength && (tail = " ...", lineEnd = position + maxHalfLength - tail.length), {
      str: head + buffer.slice(lineStart, lineEnd).replace(/\t/g, "\u2192") + tail,
      pos: position - lineStart + head.length
      // relative position
    };
  }
  function padStart(string, max) {
    return common2.repeat(" ", max - string.length) + string;
  }
  function makeSnippet(mark, options) {
    if (options = Object.create(options || null), !mark.buffer) return null;
    options.maxLength || (options.maxLength = 79), typeof options.indent != "number" && (options.indent = 1), typeof options.linesBefore != "number" && (options.linesBefore = 3), typeof options.linesAfter != "number" && (options.linesAfter = 2);
    let re = /\r?\n|\r|\0/g, lineStarts = [0], lineEnds = [], match, foundLineNo = -1;
    for (; match = re.exec(mark.buffer); )
      lineEnds.push(match.index), lineStarts.push(match.index + match[0].length), mark.position <= match.index && foundLineNo < 0 && (foundLineNo = lineStarts.length - 2);
    foundLineNo < 0 && (foundLineNo = lineStarts.length - 1);
    let result = "", lineNoLength = Math.min(mark.line + options.linesAfter, lineEnds.length).toString().length, maxLineLength = options.maxLength - (options.indent + lineNoLength + 3);
    for (let i = 1; i <= options.linesBefore && !(foundLineNo - i < 0); i++) {
      let line2 = getLine(
        mark.buffer,
        lineStarts[foundLineNo - i],
        lineEnds[foundLineNo - i],
        mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo - i]),
        maxLineLength
      );
      result = common2.repeat(" ", options.indent) + padStart((mark.line - i + 1).toString(), lineNoLength) + " | " + line2.str + `
` + result;
    }
    let line = getLine(mark.buffer, lineStarts[foundLineNo], lineEnds[foundLineNo], mark.position, maxLineLength);
    result += common2.repeat(" ", options.indent) + padStart((mark.line + 1).toString(), lineNoLength) + " | " + line.str + `
`, result += common2.repeat("-", options.indent + lineNoLength + 3 + line.pos) + `^
`;
    for (let i = 1; i <= options.linesAfter && !(foundLineNo + i >= lineEnds.length); i++) {
      let line2 = getLine(
        mark.buffer,
        lineStarts[foundLineNo + i],
        lineEnds[foundLineNo + i],
        mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo + i]),
        maxLineLength
      );
      result += common2.repeat(" ", options.indent) + padStart((mark.line + i + 1).toString(), lineNoLength) + " | " + line2.str + `
`;
    }
    return result.replace(/\n$/, "");
  }
  return snippet = makeSnippet, snippet;
}
var type, hasRequiredType;
function requireType() {
  if (hasRequiredType) return type;
  hasRequiredType = 1;
  let YAMLException2 = requireException(), TYPE_CONSTRUCTOR_OPTIONS = [
    "kind",
    "multi",
    "resolve",
    "construct",
    "instanceOf",
    "predicate",
    "represent",
    "representName",
    "defaultStyle",
    "styleAliases"
  ], YAML_NODE_KINDS = [
    "scalar",
    "sequence",
    "mapping"
  ];
  function compileStyleAliases(map2) {
    let result = {};
    return map2 !== null && Object.keys(map2).forEach(function(style) {
      map2[style].forEach(function(alias) {
        result[String(alias)] = style;
      });
    }), result;
  }
  function Type2(tag, options) {
    if (options = options || {}, Object.keys(options).forEach(function(name) {
      if (TYPE_CONSTRUCTOR_OPTIONS.indexOf(name) === -1)
        throw new YAMLException2('Unknown option "' + name + '" is met in definition of "' + tag + '" YAML type.');
    }), this.options = options, this.tag = tag, this.kind = options.kind || null, this.resolve = options.resolve || function() {
      return !0;
    }, this.construct = options.construct || function(data) {
      return data;
    }, this.instanceOf = options.instanceOf || null, this.predicate = options.predicate || null, this.represent = options.represent || null, this.representName = options.representName || null, this.defaultStyle = options.defaultStyle || null, this.multi = options.multi || !1, this.styleAliases = compileStyleAliases(options.styleAliases || null), YAML_NODE_KINDS.indexOf(this.kind) === -1)
      throw new YAMLException2('Unknown kind "' + this.kind + '" is specified for "' + tag + '" YAML type.');
  }
  return type = Type2, type;
}
var schema, hasRequiredSchema;
function requireSchema() {
  if (hasRequiredSchema) return schema;
  hasRequiredSchema = 1;
  let YAMLException2 = requireException(), Type2 = requireType();
  function compileList(schema2, name) {
    let result = [];
    return schema2[name].forEach(function(currentType) {
      let newIndex = result.length;
      result.forEach(function(previousType, previousIndex) {
        previousType.tag === currentType.tag && previousType.kind === currentType.kind && previousType.multi === currentType.multi && (newIndex = previousIndex);
      }), result[newIndex] = currentType;
    }), result;
  }
  function compileMap() {
    let result = {
      scalar: {},
      sequence: {},
      mapping: {},
      fallback: {},
      multi: {
        scalar: [],
        sequence: [],
        mapping: [],
        fallback: []
      }
    };
    function collectType(type2) {
      type2.multi ? (result.multi[type2.kind].push(type2), result.multi.fallback.push(type2)) : result[type2.kind][type2.tag] = result.fallback[type2.tag] = type2;
    }
    for (let index = 0, length = arguments.length; index < length; index += 1)
      arguments[index].forEach(collectType);
    return result;
  }
  function Schema2(definition) {
    return this.extend(definition);
  }
  return Schema2.prototype.extend = function(definition) {
    let implicit = [], explicit = [];
    if (definition instanceof Type2)
      explicit.push(definition);
    else if (Array.isArray(definition))
      explicit = explicit.concat(definition);
    else if (definition && (Array.isArray(definition.implicit) || Array.isArray(definition.explicit)))
      definition.implicit && (implicit = implicit.concat(definition.implicit)), definition.explicit && (explicit = explicit.concat(definition.explicit));
    else
      throw new YAMLException2("Schema.extend argument should be a Type, [ Type ], or a schema definition ({ implicit: [...], explicit: [...] })");
    implicit.forEach(function(type2) {
      if (!(type2 instanceof Type2))
        throw new YAMLException2("Specified list of YAML types (or a single Type object) contains a non-Type object.");
      if (type2.loadKind && type2.loadKind !== "scalar")
        throw new YAMLException2("There is a non-scalar type in the implicit list of a schema. Implicit resolving of such types is not supported.");
      if (type2.multi)
        throw new YAMLException2("There is a multi type in the implicit list of a schema. Multi tags can only be listed as explicit.");
    }), explicit.forEach(function(type2) {
      if (!(type2 instanceof Type2))
        throw new YAMLException2("Specified list of YAML types (or a single Type object) contains a non-Type object.");
    });
    let result = Object.create(Schema2.prototype);
    return result.implicit = (this.implicit || []).concat(implicit), result.explicit = (this.explicit || []).concat(explicit), result.compiledImplicit = compileList(result, "implicit"), result.compiledExplicit = compileList(result, "explicit"), result.compiledTypeMap = compileMap(result.compiledImplicit, result.compiledExplicit), result;
  }, schema = Schema2, schema;
}
var str, hasRequiredStr;
function requireStr() {
  if (hasRequiredStr) return str;
  hasRequiredStr = 1;
  let Type2 = requireType();
  return str = new Type2("tag:yaml.org,2002:str", {
    kind: "scalar",
    construct: function(data) {
      return data !== null ? data : "";
    }
  }), str;
}
var seq, hasRequiredSeq;
function requireSeq() {
  if (hasRequiredSeq) return seq;
  hasRequiredSeq = 1;
  let Type2 = requireType();
  return seq = new Type2("tag:yaml.org,2002:seq", {
    kind: "sequence",
    construct: function(data) {
      return data !== null ? data : [];
    }
  }), seq;
}
var map, hasRequiredMap;
function requireMap() {
  if (hasRequiredMap) return map;
  hasRequiredMap = 1;
  let Type2 = requireType();
  return map = new Type2("tag:yaml.org,2002:map", {
    kind: "mapping",
    construct: function(data) {
      return data !== null ? data : {};
    }
  }), map;
}
var failsafe, hasRequiredFailsafe;
function requireFailsafe() {
  if (hasRequiredFailsafe) return failsafe;
  hasRequiredFailsafe = 1;
  let Schema2 = requireSchema();
  return failsafe = new Schema2({
    explicit: [
      requireStr(),
      requireSeq(),
      requireMap()
    ]
  }), failsafe;
}
var _null, hasRequired_null;
function require_null() {
  if (hasRequired_null) return _null;
  hasRequired_null = 1;
  let Type2 = requireType();
  function resolveYamlNull(data) {
    if (data === null) return !0;
    let max = data.length;
    return max === 1 && data === "~" || max === 4 && (data === "null" || data === "Null" || data === "NULL");
  }
  function constructYamlNull() {
    return null;
  }
  function isNull(object) {
    return object === null;
  }
  return _null = new Type2("tag:yaml.org,2002:null", {
    kind: "scalar",
    resolve: resolveYamlNull,
    construct: constructYamlNull,
    predicate: isNull,
    represent: {
      canonical: function() {
        return "~";
      },
      lowercase: function() {
        return "null";
      },
      uppercase: function() {
        return "NULL";
      },
      camelcase: function() {
        return "Null";
      },
      empty: function() {
        return "";
      }
    },
    defaultStyle: "lowercase"
  }), _null;
}
var bool, hasRequiredBool;
function requireBool() {
  if (hasRequiredBool) return bool;
  hasRequiredBool = 1;
  let Type2 = requireType();
  function resolveYamlBoolean(data) {
    if (data === null) return !1;
    let max = data.length;
    return max === 4 && (data === "true" || data === "True" || data === "TRUE") || max === 5 && (data === "false" || data === "False" || data === "FALSE");
  }
  function constructYamlBoolean(data) {
    return data === "true" || data === "True" || data === "TRUE";
  }
  function isBoolean(object) {
    return Object.prototype.toString.call(object) === "[object Boolean]";
  }
  return bool = new Type2("tag:yaml.org,2002:bool", {
    kind: "scalar",
    resolve: resolveYamlBoolean,
    construct: constructYamlBoolean,
    predicate: isBoolean,
    represent: {
      lowercase: function(object) {
        return object ? "true" : "false";
      },
      uppercase: function(object) {
        return object ? "TRUE" : "FALSE";
      },
      camelcase: function(object) {
        return object ? "True" : "False";
      }
    },
    defaultStyle: "lowercase"
  }), bool;
}
var int, hasRequiredInt;
function requireInt() {
  if (hasRequiredInt) return int;
  hasRequiredInt = 1;
  let common2 = requireCommon(), Type2 = requireType();
  function isHexCode(c) {
    return c >= 48 && c <= 57 || c >= 65 && c <= 70 || c >= 97 && c <= 102;
  }
  function isOctCode(c) {
    return c >= 48 && c <= 55;
  }
  function isDecCode(c) {
    return c >= 48 && c <= 57;
  }
  function resolveYamlInteger(data) {
    if (data === null) return !1;
    let max = data.length, index = 0, hasDigits = !1;
    if (!max) return !1;
    let ch = data[index];
    if ((ch === "-" || ch === "+") && (ch = data[++index]), ch === "0") {
      if (index + 1 === max) return !0;
      if (ch = data[++index], ch === "b") {
        for (index++; index < max; index++) {
          if (ch = data[index], ch !== "0" && ch !== "1") return !1;
          hasDigits = !0;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
      if (ch === "x") {
        for (index++; index < max; index++) {
          if (!isHexCode(data.charCodeAt(index))) return !1;
          hasDigits = !0;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
      if (ch === "o") {
        for (index++; index < max; index++) {
          if (!isOctCode(data.charCodeAt(index))) return !1;
          hasDigits = !0;
        }
        return hasDigits && isFinite(parseYamlInteger(data));
      }
    }
    for (; index < max; index++) {
      if (!isDecCode(data.charCodeAt(index)))
        return !1;
      hasDigits = !0;
    }
    return hasDigits ? isFinite(parseYamlInteger(data)) : !1;
  }
  function parseYamlInteger(data) {
    let value = data, sign = 1, ch = value[0];
    if ((ch === "-" || ch === "+") && (ch === "-" && (sign = -1), value = value.slice(1), ch = value[0]), value === "0") return 0;
    if (ch === "0") {
      if (value[1] === "b") return sign * parseInt(value.slice(2), 2);
      if (value[1] === "x") return sign * parseInt(value.slice(2), 16);
      if (value[1] === "o") return sign * parseInt(value.slice(2), 8);
    }
    return sign * parseInt(value, 10);
  }
  function constructYamlInteger(data) {
    return parseYamlInteger(data);
  }
  function isInteger(object) {
    return Object.prototype.toString.call(object) === "[object Number]" && object % 1 === 0 && !common2.isNegativeZero(object);
  }
  return int = new Type2("tag:yaml.org,2002:int", {
    kind: "scalar",
    resolve: resolveYamlInteger,
    construct: constructYamlInteger,
    predicate: isInteger,
    represent: {
      binary: function(obj) {
        return obj >= 0 ? "0b" + obj.toString(2) : "-0b" + obj.toString(2).slice(1);
      },
      octal: function(obj) {
        return obj >= 0 ? "0o" + obj.toString(8) : "-0o" + obj.toString(8).slice(1);
      },
      decimal: function(obj) {
        return obj.toString(10);
      },
      hexadecimal: function(obj) {
        return obj >= 0 ? "0x" + obj.toString(16).toUpperCase() : "-0x" + obj.toString(16).toUpperCase().slice(1);
      }
    },
    defaultStyle: "decimal",
    styleAliases: {
      binary: [2, "bin"],
      octal: [8, "oct"],
      decimal: [10, "dec"],
      hexadecimal: [16, "hex"]
    }
  }), int;
}
var float, hasRequiredFloat;
function requireFloat() {
  if (hasRequiredFloat) return float;
  hasRequiredFloat = 1;
  let common2 = requireCommon(), Type2 = requireType(), YAML_FLOAT_PATTERN = new RegExp(
    // 2.5e4, 2.5 and integers
    "^(?:[-+]?(?:[0-9]+)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
  ), YAML_FLOAT_SPECIAL_PATTERN = new RegExp(
    "^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
  );
  function resolveYamlFloat(data) {
    return data === null || !YAML_FLOAT_PATTERN.test(data) ? !1 : isFinite(parseFloat(data, 10)) ? !0 : YAML_FLOAT_SPECIAL_PATTERN.test(data);
  }
  function constructYamlFloat(data) {
    let value = data.toLowerCase(), sign = value[0] === "-" ? -1 : 1;
    return "+-".indexOf(value[0]) >= 0 && (value = value.slice(1)), value === ".inf" ? sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY : value === ".nan" ? NaN : sign * parseFloat(value, 10);
  }
  let SCIENTIFIC_WITHOUT_DOT = /^[-+]?[0-9]+e/;
  function representYamlFloat(object, style) {
    if (isNaN(object))
      switch (style) {
        case "lowercase":
          return ".nan";
        case "uppercase":
          return ".NAN";
        case "camelcase":
          return ".NaN";
      }
    else if (Number.POSITIVE_INFINITY === object)
      switch (style) {
        case "lowercase":
          return ".inf";
        case "uppercase":
          return ".INF";
        case "camelcase":
          return ".Inf";
      }
    else if (Number.NEGATIVE_INFINITY === object)
      switch (style) {
        case "lowercase":
          return "-.inf";
        case "uppercase":
          return "-.INF";
        case "camelcase":
          return "-.Inf";
      }
    else if (common2.isNegativeZero(object))
      return "-0.0";
    let res = object.toString(10);
    return SCIENTIFIC_WITHOUT_DOT.test(res) ? res.replace("e", ".e") : res;
  }
  function isFloat(object) {
    return Object.prototype.toString.call(object) === "[object Number]" && (object % 1 !== 0 || common2.isNegativeZero(object));
  }
  return float = new Type2("tag:yaml.org,2002:float", {
    kind: "scalar",
    resolve: resolveYamlFloat,
    construct: constructYamlFloat,
    predicate: isFloat,
    represent: representYamlFloat,
    defaultStyle: "lowercase"
  }), float;
}
var json, hasRequiredJson;
function requireJson() {
  return hasRequiredJson || (hasRequiredJson = 1, json = requireFailsafe().extend({
    implicit: [
      require_null(),
      requireBool(),
      requireInt(),
      requireFloat()
    ]
  })), json;
}
var core, hasRequiredCore;
function requireCore() {
  return hasRequiredCore || (hasRequiredCore = 1, core = requireJson()), core;
}
var timestamp, hasRequiredTimestamp;
function requireTimestamp() {
  if (hasRequiredTimestamp) return timestamp;
  hasRequiredTimestamp = 1;
  let Type2 = requireType(), YAML_DATE_REGEXP = new RegExp(
    "^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$"
  ), YAML_TIMESTAMP_REGEXP = new RegExp(
    "^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$"
  );
  function resolveYamlTimestamp(data) {
    return data === null ? !1 : YAML_DATE_REGEXP.exec(data) !== null || YAML_TIMESTAMP_REGEXP.exec(data) !== null;
  }
  function constructYamlTimestamp(data) {
    let fraction = 0, delta = null, match = YAML_DATE_REGEXP.exec(data);
    if (match === null && (match = YAML_TIMESTAMP_REGEXP.exec(data)), match === null) throw new Error("Date resolve error");
    let year = +match[1], month = +match[2] - 1, day = +match[3];
    if (!match[4])
      return new Date(Date.UTC(year, month, day));
    let hour = +match[4], minute = +match[5], second = +match[6];
    if (match[7]) {
      for (fraction = match[7].slice(0, 3); fraction.length < 3; )
        fraction += "0";
      fraction = +fraction;
    }
    if (match[9]) {
      let tzHour = +match[10], tzMinute = +(match[11] || 0);
      delta = (tzHour * 60 + tzMinute) * 6e4, match[9] === "-" && (delta = -delta);
    }
    let date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));
    return delta && date.setTime(date.getTime() - delta), date;
  }
  function representYamlTimestamp(object) {
    return object.toISOString();
  }
  return timestamp = new Type2("tag:yaml.org,2002:timestamp", {
    kind: "scalar",
    resolve: resolveYamlTimestamp,
    construct: constructYamlTimestamp,
    instanceOf: Date,
    represent: representYamlTimestamp
  }), timestamp;
}
var merge, hasRequiredMerge;
function requireMerge() {
  if (hasRequiredMerge) return merge;
  hasRequiredMerge = 1;
  let Type2 = requireType();
  function resolveYamlMerge(data) {
    return data === "<<" || data === null;
  }
  return merge = new Type2("tag:yaml.org,2002:merge", {
    kind: "scalar",
    resolve: resolveYamlMerge
  }), merge;
}
var binary, hasRequiredBinary;
function requireBinary() {
  if (hasRequiredBinary) return binary;
  hasRequiredBinary = 1;
  let Type2 = requireType(), BASE64_MAP = `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=
\r`;
  function resolveYamlBinary(data) {
    if (data === null) return !1;
    let bitlen = 0, max = data.length, map2 = BASE64_MAP;
    for (let idx = 0; idx < max; idx++) {
      let code = map2.indexOf(data.charAt(idx));
      if (!(code > 64)) {
        if (code < 0) return !1;
        bitlen += 6;
      }
    }
    return bitlen % 8 === 0;
  }
  function constructYamlBinary(data) {
    let input = data.replace(/[\r\n=]/g, ""), max = input.length, map2 = BASE64_MAP, bits = 0, result = [];
    for (let idx = 0; idx < max; idx++)
      idx % 4 === 0 && idx && (result.push(bits >> 16 & 255), result.push(bits >> 8 & 255), result.push(bits & 255)), bits = bits << 6 | map2.indexOf(input.charAt(idx));
    let tailbits = max % 4 * 6;
    return tailbits === 0 ? (result.push(bits >> 16 & 255), result.push(bits >> 8 & 255), result.push(bits & 255)) : tailbits === 18 ? (result.push(bits >> 10 & 255), result.push(bits >> 2 & 255)) : tailbits === 12 && result.push(bits >> 4 & 255), new Uint8Array(result);
  }
  function representYamlBinary(object) {
    let result = "", bits = 0, max = object.length, map2 = BASE64_MAP;
    for (let idx = 0; idx < max; idx++)
      idx % 3 === 0 && idx && (result += map2[bits >> 18 & 63], result += map2[bits >> 12 & 63], result += map2[bits >> 6 & 63], result += map2[bits & 63]), bits = (bits << 8) + object[idx];
    let tail = max % 3;
    return tail === 0 ? (result += map2[bits >> 18 & 63], result += map2[bits >> 12 & 63], result += map2[bits >> 6 & 63], result += map2[bits & 63]) : tail === 2 ? (result += map2[bits >> 10 & 63], result += map2[bits >> 4 & 63], result += map2[bits << 2 & 63], result += map2[64]) : tail === 1 && (result += map2[bits >> 2 & 63], result += map2[bits << 4 & 63], result += map2[64], result += map2[64]), result;
  }
  function isBinary(obj) {
    return Object.prototype.toString.call(obj) === "[object Uint8Array]";
  }
  return binary = new Type2("tag:yaml.org,2002:binary", {
    kind: "scalar",
    resolve: resolveYamlBinary,
    construct: constructYamlBinary,
    predicate: isBinary,
    represent: representYamlBinary
  }), binary;
}
var omap, hasRequiredOmap;
function requireOmap() {
  if (hasRequiredOmap) return omap;
  hasRequiredOmap = 1;
  let Type2 = requireType(), _hasOwnProperty = Object.prototype.hasOwnProperty, _toString = Object.prototype.toString;
  function resolveYamlOmap(data) {
    if (data === null) return !0;
    let objectKeys = {}, object = data;
    for (let index = 0, length = object.length; index < length; index += 1) {
      let pair = object[index], pairHasKey = !1;
      if (_toString.call(pair) !== "[object Object]") return !1;
      let pairKey;
      for (pairKey in pair)
        if (_hasOwnProperty.call(pair, pairKey))
          if (!pairHasKey) pairHasKey = !0;
          else return !1;
      if (!pairHasKey || _hasOwnProperty.call(objectKeys, pairKey)) return !1;
      Object.defineProperty(objectKeys, pairKey, { value: !0 });
    }
    return !0;
  }
  function constructYamlOmap(data) {
    return data !== null ? data : [];
  }
  return omap = new Type2("tag:yaml.org,2002:omap", {
    kind: "sequence",
    resolve: resolveYamlOmap,
    construct: constructYamlOmap
  }), omap;
}
var pairs, hasRequiredPairs;
function requirePairs() {
  if (hasRequiredPairs) return pairs;
  hasRequiredPairs = 1;
  let Type2 = requireType(), _toString = Object.prototype.toString;
  function resolveYamlPairs(data) {
    if (data === null) return !0;
    let object = data, result = new Array(object.length);
    for (let index = 0, length = object.length; index < length; index += 1) {
      let pair = object[index];
      if (_toString.call(pair) !== "[object Object]") return !1;
      let keys = Object.keys(pair);
      if (keys.length !== 1) return !1;
      result[index] = [keys[0], pair[keys[0]]];
    }
    return !0;
  }
  function constructYamlPairs(data) {
    if (data === null) return [];
    let object = data, result = new Array(object.length);
    for (let index = 0, length = object.length; index < length; index += 1) {
      let pair = object[index], keys = Object.keys(pair);
      result[index] = [keys[0], pair[keys[0]]];
    }
    return result;
  }
  return pairs = new Type2("tag:yaml.org,2002:pairs", {
    kind: "sequence",
    resolve: resolveYamlPairs,
    construct: constructYamlPairs
  }), pairs;
}
var set, hasRequiredSet;
function requireSet() {
  if (hasRequiredSet) return set;
  hasRequiredSet = 1;
  let Type2 = requireType(), _hasOwnProperty = Object.prototype.hasOwnProperty;
  function resolveYamlSet(data) {
    if (data === null) return !0;
    let object = data;
    for (let key in object)
      if (_hasOwnProperty.call(object, key) && object[key] !== null)
        return !1;
    return !0;
  }
  function constructYamlSet(data) {
    return data !== null ? data : {};
  }
  return set = new Type2("tag:yaml.org,2002:set", {
    kind: "mapping",
    resolve: resolveYamlSet,
    construct: constructYamlSet
  }), set;
}
var _default, hasRequired_default;
function require_default() {
  return hasRequired_default || (hasRequired_default = 1, _default = requireCore().extend({
    implicit: [
      requireTimestamp(),
      requireMerge()
    ],
    explicit: [
      requireBinary(),
      requireOmap(),
      requirePairs(),
      requireSet()
    ]
  })), _default;
}
var hasRequiredLoader;
function requireLoader() {
  if (hasRequiredLoader) return loader;
  hasRequiredLoader = 1;
  let common2 = requireCommon(), YAMLException2 = requireException(), makeSnippet = requireSnippet(), DEFAULT_SCHEMA2 = require_default(), _hasOwnProperty = Object.prototype.hasOwnProperty, CONTEXT_FLOW_IN = 1, CONTEXT_FLOW_OUT = 2, CONTEXT_BLOCK_IN = 3, CONTEXT_BLOCK_OUT = 4, CHOMPING_CLIP = 1, CHOMPING_STRIP = 2, CHOMPING_KEEP = 3, PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/, PATTERN_NON_ASCII_LINE_BREAKS = /[\x85\u2028\u2029]/, PATTERN_FLOW_INDICATORS = /[,\[\]{}]/, PATTERN_TAG_HANDLE = /^(?:!|!!|![0-9A-Za-z-]+!)$/, PATTERN_TAG_URI = /^(?:!|[^,\[\]{}])(?:%[0-9a-f]{2}|[0-9a-z\-#;/?:@&=+$,_.!~*'()\[\]])*$/i;
  function _class(obj) {
    return Object.prototype.toString.call(obj);
  }
  function isEol(c) {
    return c === 10 || c === 13;
  }
  function isWhiteSpace(c) {
    return c === 9 || c === 32;
  }
  function isWsOrEol(c) {
    return c === 9 || c === 32 || c === 10 || c === 13;
  }
  function isFlowIndicator(c) {
    return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
  }
  function fromHexCode(c) {
    if (c >= 48 && c <= 57)
      return c - 48;
    let lc = c | 32;
    return lc >= 97 && lc <= 102 ? lc - 97 + 10 : -1;
  }
  function escapedHexLen(c) {
    return c === 120 ? 2 : c === 117 ? 4 : c === 85 ? 8 : 0;
  }
  function fromDecimalCode(c) {
    return c >= 48 && c <= 57 ? c - 48 : -1;
  }
  function simpleEscapeSequence(c) {
    switch (c) {
      case 48:
        return "\0";
      case 97:
        return "\x07";
      case 98:
        return "\b";
      case 116:
        return "	";
      case 9:
        return "	";
      case 110:
        return `
`;
      case 118:
        return "\v";
      case 102:
        return "\f";
      case 114:
        return "\r";
      case 101:
        return "\x1B";
      case 32:
        return " ";
      case 34:
        return '"';
      case 47:
        return "/";
      case 92:
        return "\\";
      case 78:
        return "\x85";
      case 95:
        return "\xA0";
      case 76:
        return "\u2028";
      case 80:
        return "\u2029";
      default:
        return "";
    }
  }
  function charFromCodepoint(c) {
    return c <= 65535 ? String.fromCharCode(c) : String.fromCharCode(
      (c - 65536 >> 10) + 55296,
      (c - 65536 & 1023) + 56320
    );
  }
  function setProperty(object, key, value) {
    key === "__proto__" ? Object.defineProperty(object, key, {
      configurable: !0,
      enumerable: !0,
      writable: !0,
      value
    }) : object[key] = value;
  }
  let simpleEscapeCheck = new Array(256), simpleEscapeMap = new Array(256);
  for (let i = 0; i < 256; i++)
    simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0, simpleEscapeMap[i] = simpleEscapeSequence(i);
  function State(input, options) {
    this.input = input, this.filename = options.filename || null, this.schema = options.schema || DEFAULT_SCHEMA2, this.onWarning = options.onWarning || null, this.legacy = options.legacy || !1, this.json = options.json || !1, this.listener = options.listener || null, this.maxDepth = typeof options.maxDepth == "number" ? options.maxDepth : 100, this.maxTotalMergeKeys = typeof options.maxTotalMergeKeys == "number" ? options.maxTotalMergeKeys : 1e4, this.implicitTypes = this.schema.compiledImplicit, this.typeMap = this.schema.compiledTypeMap, this.length = input.length, this.position = 0, this.line = 0, this.lineStart = 0, this.lineIndent = 0, this.depth = 0, this.totalMergeKeys = 0, this.firstTabInLine = -1, this.documents = [], this.anchorMapTransactions = [];
  }
  function generateError(state, message) {
    let mark = {
      name: state.filename,
      buffer: state.input.slice(0, -1),
      // omit trailing \0
      position: state.position,
      line: state.line,
      column: state.position - state.lineStart
    };
    return mark.snippet = makeSnippet(mark), new YAMLException2(message, mark);
  }
  function throwError(state, message) {
    throw generateError(state, message);
  }
  function throwWarning(state, message) {
    state.onWarning && state.onWarning.call(null, generateError(state, message));
  }
  function storeAnchor(state, name, value) {
    let transactions = state.anchorMapTransactions;
    if (transactions.length !== 0) {
      let transaction = transactions[transactions.length - 1];
      _hasOwnProperty.call(transaction, name) || (transaction[name] = {
        existed: _hasOwnProperty.call(state.anchorMap, name),
        value: state.anchorMap[name]
      });
    }
    state.anchorMap[name] = value;
  }
  function beginAnchorTransaction(state) {
    state.anchorMapTransactions.push(/* @__PURE__ */ Object.create(null));
  }
  function commitAnchorTransaction(state) {
    let transaction = state.anchorMapTransactions.pop(), transactions = state.anchorMapTransactions;
    if (transactions.length === 0) return;
    let parent = transactions[transactions.length - 1], names = Object.keys(transaction);
    for (let index = 0, length = names.length; index < length; index += 1) {
      let name = names[index];
      _hasOwnProperty.call(parent, name) || (parent[name] = transaction[name]);
    }
  }
  function rollbackAnchorTransaction(state) {
    let transaction = state.anchorMapTransactions.pop(), names = Object.keys(transaction);
    for (let index = names.length - 1; index >= 0; index -= 1) {
      let entry = transaction[names[index]];
      entry.existed ? state.anchorMap[names[index]] = entry.value : delete state.anchorMap[names[index]];
    }
  }
  function snapshotState(state) {
    return {
      position: state.position,
      line: state.line,
      lineStart: state.lineStart,
      lineIndent: state.lineIndent,
      firstTabInLine: state.firstTabInLine,
      tag: state.tag,
      anchor: state.anchor,
      kind: state.kind,
      result: state.result
    };
  }
  function restoreState(state, snapshot) {
    state.position = snapshot.position, state.line = snapshot.line, state.lineStart = snapshot.lineStart, state.lineIndent = snapshot.lineIndent, state.firstTabInLine = snapshot.firstTabInLine, state.tag = snapshot.tag, state.anchor = snapshot.anchor, state.kind = snapshot.kind, state.result = snapshot.result;
  }
  let directiveHandlers = {
    YAML: function(state, name, args) {
      state.version !== null && throwError(state, "duplication of %YAML directive"), args.length !== 1 && throwError(state, "YAML directive accepts exactly one argument");
      let match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
      match === null && throwError(state, "ill-formed argument of the YAML directive");
      let major = parseInt(match[1], 10), minor = parseInt(match[2], 10);
      major !== 1 && throwError(state, "unacceptable YAML version of the document"), state.version = args[0], state.checkLineBreaks = minor < 2, minor !== 1 && minor !== 2 && throwWarning(state, "unsupported YAML version of the document");
    },
    TAG: function(state, name, args) {
      let prefix;
      args.length !== 2 && throwError(state, "TAG directive accepts exactly two arguments");
      let handle = args[0];
      prefix = args[1], PATTERN_TAG_HANDLE.test(handle) || throwError(state, "ill-formed tag handle (first argument) of the TAG directive"), _hasOwnProperty.call(state.tagMap, handle) && throwError(state, 'there is a previously declared suffix for "' + handle + '" tag handle'), PATTERN_TAG_URI.test(prefix) || throwError(state, "ill-formed tag prefix (second argument) of the TAG directive");
      try {
        prefix = decodeURIComponent(prefix);
      } catch {
        throwError(state, "tag prefix is malformed: " + prefix);
      }
      state.tagMap[handle] = prefix;
    }
  };
  function captureSegment(state, start, end, checkJson) {
    if (start < end) {
      let _result = state.input.slice(start, end);
      if (checkJson)
        for (let _position = 0, _length = _result.length; _position < _length; _position += 1) {
          let _character = _result.charCodeAt(_position);
          _character === 9 || _character >= 32 && _character <= 1114111 || throwError(state, "expected valid JSON character");
        }
      else PATTERN_NON_PRINTABLE.test(_result) && throwError(state, "the stream contains non-printable characters");
      state.result += _result;
    }
  }
  function chargeMergeWork(state) {
    state.totalMergeKeys++, state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys && throwError(state, "merge keys exceeded maxTotalMergeKeys (" + state.maxTotalMergeKeys + ")");
  }
  function mergeMappings(state, destination, source, overridableKeys) {
    common2.isObject(source) || throwError(state, "cannot merge mappings; the provided source object is unacceptable"), chargeMergeWork(state);
    let sourceKeys = Object.keys(source);
    for (let index = 0, quantity = sourceKeys.length; index < quantity; index += 1) {
      let key = sourceKeys[index];
      chargeMergeWork(state), _hasOwnProperty.call(destination, key) || (setProperty(destination, key, source[key]), overridableKeys[key] = !0);
    }
  }
  function storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, startLine, startLineStart, startPos) {
    if (Array.isArray(keyNode)) {
      keyNode = Array.prototype.slice.call(keyNode);
      for (let index = 0, quantity = keyNode.length; index < quantity; index += 1)
        Array.isArray(keyNode[index]) && throwError(state, "nested arrays are not supported inside keys"), typeof keyNode == "object" && _class(keyNode[index]) === "[object Object]" && (keyNode[index] = "[object Object]");
    }
    if (typeof keyNode == "object" && _class(keyNode) === "[object Object]" && (keyNode = "[object Object]"), keyNode = String(keyNode), _result === null && (_result = {}), keyTag === "tag:yaml.org,2002:merge")
      if (Array.isArray(valueNode)) {
        valueNode.length > 100 && throwError(state, "abnormal merge sequence size");
        for (let index = 0, quantity = valueNode.length; index < quantity; index += 1)
          mergeMappings(state, _result, valueNode[index], overridableKeys);
      } else
        mergeMappings(state, _result, valueNode, overridableKeys);
    else
      !state.json && !_hasOwnProperty.call(overridableKeys, keyNode) && _hasOwnProperty.call(_result, keyNode) && (state.line = startLine || state.line, state.lineStart = startLineStart || state.lineStart, state.position = startPos || state.position, throwError(state, "duplicated mapping key")), setProperty(_result, keyNode, valueNode), delete overridableKeys[keyNode];
    return _result;
  }
  function readLineBreak(state) {
    let ch = state.input.charCodeAt(state.position);
    ch === 10 ? state.position++ : ch === 13 ? (state.position++, state.input.charCodeAt(state.position) === 10 && state.position++) : throwError(state, "a line break is expected"), state.line += 1, state.lineStart = state.position, state.firstTabInLine = -1;
  }
  function skipSeparationSpace(state, allowComments, checkIndent) {
    let lineBreaks = 0, ch = state.input.charCodeAt(state.position);
    for (; ch !== 0; ) {
      for (; isWhiteSpace(ch); )
        ch === 9 && state.firstTabInLine === -1 && (state.firstTabInLine = state.position), ch = state.input.charCodeAt(++state.position);
      if (allowComments && ch === 35)
        do
          ch = state.input.charCodeAt(++state.position);
        while (ch !== 10 && ch !== 13 && ch !== 0);
      if (isEol(ch))
        for (readLineBreak(state), ch = state.input.charCodeAt(state.position), lineBreaks++, state.lineIndent = 0; ch === 32; )
          state.lineIndent++, ch = state.input.charCodeAt(++state.position);
      else
        break;
    }
    return checkIndent !== -1 && lineBreaks !== 0 && state.lineIndent < checkIndent && throwWarning(state, "deficient indentation"), lineBreaks;
  }
  function testDocumentSeparator(state) {
    let _position = state.position, ch = state.input.charCodeAt(_position);
    return !!((ch === 45 || ch === 46) && ch === state.input.charCodeAt(_position + 1) && ch === state.input.charCodeAt(_position + 2) && (_position += 3, ch = state.input.charCodeAt(_position), ch === 0 || isWsOrEol(ch)));
  }
  function writeFoldedLines(state, count) {
    count === 1 ? state.result += " " : count > 1 && (state.result += common2.repeat(`
`, count - 1));
  }
  function readPlainScalar(state, nodeIndent, withinFlowCollection) {
    let captureStart, captureEnd, hasPendingContent, _line, _lineStart, _lineIndent, _kind = state.kind, _result = state.result, ch = state.input.charCodeAt(state.position);
    if (isWsOrEol(ch) || isFlowIndicator(ch) || ch === 35 || ch === 38 || ch === 42 || ch === 33 || ch === 124 || ch === 62 || ch === 39 || ch === 34 || ch === 37 || ch === 64 || ch === 96)
      return !1;
    if (ch === 63 || ch === 45) {
      let following = state.input.charCodeAt(state.position + 1);
      if (isWsOrEol(following) || withinFlowCollection && isFlowIndicator(following))
        return !1;
    }
    for (state.kind = "scalar", state.result = "", captureStart = captureEnd = state.position, hasPendingContent = !1; ch !== 0; ) {
      if (ch === 58) {
        let following = state.input.charCodeAt(state.position + 1);
        if (isWsOrEol(following) || withinFlowCollection && isFlowIndicator(following))
          break;
      } else if (ch === 35) {
        let preceding = state.input.charCodeAt(state.position - 1);
        if (isWsOrEol(preceding))
          break;
      } else {
        if (state.position === state.lineStart && testDocumentSeparator(state) || withinFlowCollection && isFlowIndicator(ch))
          break;
        if (isEol(ch))
          if (_line = state.line, _lineStart = state.lineStart, _lineIndent = state.lineIndent, skipSeparationSpace(state, !1, -1), state.lineIndent >= nodeIndent) {
            hasPendingContent = !0, ch = state.input.charCodeAt(state.position);
            continue;
          } else {
            state.position = captureEnd, state.line = _line, state.lineStart = _lineStart, state.lineIndent = _lineIndent;
            break;
          }
      }
      hasPendingContent && (captureSegment(state, captureStart, captureEnd, !1), writeFoldedLines(state, state.line - _line), captureStart = captureEnd = state.position, hasPendingContent = !1), isWhiteSpace(ch) || (captureEnd = state.position + 1), ch = state.input.charCodeAt(++state.position);
    }
    return captureSegment(state, captureStart, captureEnd, !1), state.result ? !0 : (state.kind = _kind, state.result = _result, !1);
  }
  function readSingleQuotedScalar(state, nodeIndent) {
    let captureStart, captureEnd, ch = state.input.charCodeAt(state.position);
    if (ch !== 39)
      return !1;
    for (state.kind = "scalar", state.result = "", state.position++, captureStart = captureEnd = state.position; (ch = state.input.charCodeAt(state.position)) !== 0; )
      if (ch === 39)
        if (captureSegment(state, captureStart, state.position, !0), ch = state.input.charCodeAt(++state.position), ch === 39)
          captureStart = state.position, state.position++, captureEnd = state.position;
        else
          return !0;
      else isEol(ch) ? (captureSegment(state, captureStart, captureEnd, !0), writeFoldedLines(state, skipSeparationSpace(state, !1, nodeIndent)), captureStart = captureEnd = state.position) : state.position === state.lineStart && testDocumentSeparator(state) ? throwError(state, "unexpected end of the document within a single quoted scalar") : (state.position++, isWhiteSpace(ch) || (captureEnd = state.position));
    throwError(state, "unexpected end of the stream within a single quoted scalar");
  }
  function readDoubleQuotedScalar(state, nodeIndent) {
    let captureStart, captureEnd, tmp, ch = state.input.charCodeAt(state.position);
    if (ch !== 34)
      return !1;
    for (state.kind = "scalar", state.result = "", state.position++, captureStart = captureEnd = state.position; (ch = state.input.charCodeAt(state.position)) !== 0; ) {
      if (ch === 34)
        return captureSegment(state, captureStart, state.position, !0), state.position++, !0;
      if (ch === 92) {
        if (captureSegment(state, captureStart, state.position, !0), ch = state.input.charCodeAt(++state.position), isEol(ch))
          skipSeparationSpace(state, !1, nodeIndent);
        else if (ch < 256 && simpleEscapeCheck[ch])
          state.result += simpleEscapeMap[ch], state.position++;
        else if ((tmp = escapedHexLen(ch)) > 0) {
          let hexLength = tmp, hexResult = 0;
          for (; hexLength > 0; hexLength--)
            ch = state.input.charCodeAt(++state.position), (tmp = fromHexCode(ch)) >= 0 ? hexResult = (hexResult << 4) + tmp : throwError(state, "expected hexadecimal character");
          state.result += charFromCodepoint(hexResult), state.position++;
        } else
          throwError(state, "unknown escape sequence");
        captureStart = captureEnd = state.position;
      } else isEol(ch) ? (captureSegment(state, captureStart, captureEnd, !0), writeFoldedLines(state, skipSeparationSpace(state, !1, nodeIndent)), captureStart = captureEnd = state.position) : state.position === state.lineStart && testDocumentSeparator(state) ? throwError(state, "unexpected end of the document within a double quoted scalar") : (state.position++, isWhiteSpace(ch) || (captureEnd = state.position));
    }
    throwError(state, "unexpected end of the stream within a double quoted scalar");
  }
  function readFlowCollection(state, nodeIndent) {
    let readNext = !0, _line, _lineStart, _pos, _tag = state.tag, _result, _anchor = state.anchor, terminator, isPair, isExplicitPair, isMapping, overridableKeys = /* @__PURE__ */ Object.create(null), keyNode, keyTag, valueNode, ch = state.input.charCodeAt(state.position);
    if (ch === 91)
      terminator = 93, isMapping = !1, _result = [];
    else if (ch === 123)
      terminator = 125, isMapping = !0, _result = {};
    else
      return !1;
    for (state.anchor !== null && storeAnchor(state, state.anchor, _result), ch = state.input.charCodeAt(++state.position); ch !== 0; ) {
      if (skipSeparationSpace(state, !0, nodeIndent), ch = state.input.charCodeAt(state.position), ch === terminator)
        return state.position++, state.tag = _tag, state.anchor = _anchor, state.kind = isMapping ? "mapping" : "sequence", state.result = _result, !0;
      if (readNext ? ch === 44 && throwError(state, "expected the node content, but found ','") : throwError(state, "missed comma between flow collection entries"), keyTag = keyNode = valueNode = null, isPair = isExplicitPair = !1, ch === 63) {
        let following = state.input.charCodeAt(state.position + 1);
        isWsOrEol(following) && (isPair = isExplicitPair = !0, state.position++, skipSeparationSpace(state, !0, nodeIndent));
      }
      _line = state.line, _lineStart = state.lineStart, _pos = state.position, composeNode(state, nodeIndent, CONTEXT_FLOW_IN, !1, !0), keyTag = state.tag, keyNode = state.result, skipSeparationSpace(state, !0, nodeIndent), ch = state.input.charCodeAt(state.position), (isExplicitPair || state.line === _line) && ch === 58 && (isPair = !0, ch = state.input.charCodeAt(++state.position), skipSeparationSpace(state, !0, nodeIndent), composeNode(state, nodeIndent, CONTEXT_FLOW_IN, !1, !0), valueNode = state.result), isMapping ? storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, _line, _lineStart, _pos) : isPair ? _result.push(storeMappingPair(state, null, overridableKeys, keyTag, keyNode, valueNode, _line, _lineStart, _pos)) : _result.push(keyNode), skipSeparationSpace(state, !0, nodeIndent), ch = state.input.charCodeAt(state.position), ch === 44 ? (readNext = !0, ch = state.input.charCodeAt(++state.position)) : readNext = !1;
    }
    throwError(state, "unexpected end of the stream within a flow collection");
  }
  function readBlockScalar(state, nodeIndent) {
    let folding, chomping = CHOMPING_CLIP, didReadContent = !1, detectedIndent = !1, textIndent = nodeIndent, emptyLines = 0, atMoreIndented = !1, tmp, ch = state.input.charCodeAt(state.position);
    if (ch === 124)
      folding = !1;
    else if (ch === 62)
      folding = !0;
    else
      return !1;
    for (state.kind = "scalar", state.result = ""; ch !== 0; )
      if (ch = state.input.charCodeAt(++state.position), ch === 43 || ch === 45)
        CHOMPING_CLIP === chomping ? chomping = ch === 43 ? CHOMPING_KEEP : CHOMPING_STRIP : throwError(state, "repeat of a chomping mode identifier");
      else if ((tmp = fromDecimalCode(ch)) >= 0)
        tmp === 0 ? throwError(state, "bad explicit indentation width of a block scalar; it cannot be less than one") : detectedIndent ? throwError(state, "repeat of an indentation width identifier") : (textIndent = nodeIndent + tmp - 1, detectedIndent = !0);
      else
        break;
    if (isWhiteSpace(ch)) {
      do
        ch = state.input.charCodeAt(++state.position);
      while (isWhiteSpace(ch));
      if (ch === 35)
        do
          ch = state.input.charCodeAt(++state.position);
        while (!isEol(ch) && ch !== 0);
    }
    for (; ch !== 0; ) {
      for (readLineBreak(state), state.lineIndent = 0, ch = state.input.charCodeAt(state.position); (!detectedIndent || state.lineIndent < textIndent) && ch === 32; )
        state.lineIndent++, ch = state.input.charCodeAt(++state.position);
      if (!detectedIndent && state.lineIndent > textIndent && (textIndent = state.lineIndent), isEol(ch)) {
        emptyLines++;
        continue;
      }
      if (!detectedIndent && textIndent === 0 && throwError(state, "missing indentation for block scalar"), state.lineIndent < textIndent) {
        chomping === CHOMPING_KEEP ? state.result += common2.repeat(`
`, didReadContent ? 1 + emptyLines : emptyLines) : chomping === CHOMPING_CLIP && didReadContent && (state.result += `
`);
        break;
      }
      folding ? isWhiteSpace(ch) ? (atMoreIndented = !0, state.result += common2.repeat(`
`, didReadContent ? 1 + emptyLines : emptyLines)) : atMoreIndented ? (atMoreIndented = !1, state.result += common2.repeat(`
`, emptyLines + 1)) : emptyLines === 0 ? didReadContent && (state.result += " ") : state.result += common2.repeat(`
`, emptyLines) : state.result += common2.repeat(`
`, didReadContent ? 1 + emptyLines : emptyLines), didReadContent = !0, detectedIndent = !0, emptyLines = 0;
      let captureStart = state.position;
      for (; !isEol(ch) && ch !== 0; )
        ch = state.input.charCodeAt(++state.position);
      captureSegment(state, captureStart, state.position, !1);
    }
    return !0;
  }
  function readBlockSequence(state, nodeIndent) {
    let _tag = state.tag, _anchor = state.anchor, _result = [], detected = !1;
    if (state.firstTabInLine !== -1) return !1;
    state.anchor !== null && storeAnchor(state, state.anchor, _result);
    let ch = state.input.charCodeAt(state.position);
    for (; ch !== 0 && (state.firstTabInLine !== -1 && (state.position = state.firstTabInLine, throwError(state, "tab characters must not be used in indentation")), ch === 45); ) {
      let following = state.input.charCodeAt(state.position + 1);
      if (!isWsOrEol(following))
        break;
      if (detected = !0, state.position++, skipSeparationSpace(state, !0, -1) && state.lineIndent <= nodeIndent) {
        _result.push(null), ch = state.input.charCodeAt(state.position);
        continue;
      }
      let _line = state.line;
      if (composeNode(state, nodeIndent, CONTEXT_BLOCK_IN, !1, !0), _result.push(state.result), skipSeparationSpace(state, !0, -1), ch = state.input.charCodeAt(state.position), (state.line === _line || state.lineIndent > nodeIndent) && ch !== 0)
        throwError(state, "bad indentation of a sequence entry");
      else if (state.lineIndent < nodeIndent)
        break;
    }
    return detected ? (state.tag = _tag, state.anchor = _anchor, state.kind = "sequence", state.result = _result, !0) : !1;
  }
  function readBlockMapping(state, nodeIndent, flowIndent) {
    let allowCompact, _keyLine, _keyLineStart, _keyPos, _tag = state.tag, _anchor = state.anchor, _result = {}, overridableKeys = /* @__PURE__ */ Object.create(null), keyTag = null, keyNode = null, valueNode = null, atExplicitKey = !1, detected = !1;
    if (state.firstTabInLine !== -1) return !1;
    state.anchor !== null && storeAnchor(state, state.anchor, _result);
    let ch = state.input.charCodeAt(state.position);
    for (; ch !== 0; ) {
      !atExplicitKey && state.firstTabInLine !== -1 && (state.position = state.firstTabInLine, throwError(state, "tab characters must not be used in indentation"));
      let following = state.input.charCodeAt(state.position + 1), _line = state.line;
      if ((ch === 63 || ch === 58) && isWsOrEol(following))
        ch === 63 ? (atExplicitKey && (storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos), keyTag = keyNode = valueNode = null), detected = !0, atExplicitKey = !0, allowCompact = !0) : atExplicitKey ? (atExplicitKey = !1, allowCompact = !0) : throwError(state, "incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line"), state.position += 1, ch = following;
      else {
        if (_keyLine = state.line, _keyLineStart = state.lineStart, _keyPos = state.position, !composeNode(state, flowIndent, CONTEXT_FLOW_OUT, !1, !0))
          break;
        if (state.line === _line) {
          for (ch = state.input.charCodeAt(state.position); isWhiteSpace(ch); )
            ch = state.input.charCodeAt(++state.position);
          if (ch === 58)
            ch = state.input.charCodeAt(++state.position), isWsOrEol(ch) || throwError(state, "a whitespace character is expected after the key-value separator within a block mapping"), atExplicitKey && (storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos), keyTag = keyNode = valueNode = null), detected = !0, atExplicitKey = !1, allowCompact = !1, keyTag = state.tag, keyNode = state.result;
          else if (detected)
            throwError(state, "can not read an implicit mapping pair; a colon is missed");
          else
            return state.tag = _tag, state.anchor = _anchor, !0;
        } else if (detected)
          throwError(state, "can not read a block mapping entry; a multiline key may not be an implicit key");
        else
          return state.tag = _tag, state.anchor = _anchor, !0;
      }
      if ((state.line === _line || state.lineIndent > nodeIndent) && (atExplicitKey && (_keyLine = state.line, _keyLineStart = state.lineStart, _keyPos = state.position), composeNode(state, nodeIndent, CONTEXT_BLOCK_OUT, !0, allowCompact) && (atExplicitKey ? keyNode = state.result : valueNode = state.result), atExplicitKey || (storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, valueNode, _keyLine, _keyLineStart, _keyPos), keyTag = keyNode = valueNode = null), skipSeparationSpace(state, !0, -1), ch = state.input.charCodeAt(state.position)), (state.line === _line || state.lineIndent > nodeIndent) && ch !== 0)
        throwError(state, "bad indentation of a mapping entry");
      else if (state.lineIndent < nodeIndent)
        break;
    }
    return atExplicitKey && storeMappingPair(state, _result, overridableKeys, keyTag, keyNode, null, _keyLine, _keyLineStart, _keyPos), detected && (state.tag = _tag, state.anchor = _anchor, state.kind = "mapping", state.result = _result), detected;
  }
  function readTagProperty(state) {
    let isVerbatim = !1, isNamed = !1, tagHandle, tagName, ch = state.input.charCodeAt(state.position);
    if (ch !== 33) return !1;
    state.tag !== null && throwError(state, "duplication of a tag property"), ch = state.input.charCodeAt(++state.position), ch === 60 ? (isVerbatim = !0, ch = state.input.charCodeAt(++state.position)) : ch === 33 ? (isNamed = !0, tagHandle = "!!", ch = state.input.charCodeAt(++state.position)) : tagHandle = "!";
    let _position = state.position;
    if (isVerbatim) {
      do
        ch = state.input.charCodeAt(++state.position);
      while (ch !== 0 && ch !== 62);
      state.position < state.length ? (tagName = state.input.slice(_position, state.position), ch = state.input.charCodeAt(++state.position)) : throwError(state, "unexpected end of the stream within a verbatim tag");
    } else {
      for (; ch !== 0 && !isWsOrEol(ch); )
        ch === 33 && (isNamed ? throwError(state, "tag suffix cannot contain exclamation marks") : (tagHandle = state.input.slice(_position - 1, state.position + 1), PATTERN_TAG_HANDLE.test(tagHandle) || throwError(state, "named tag handle cannot contain such characters"), isNamed = !0, _position = state.position + 1)), ch = state.input.charCodeAt(++state.position);
      tagName = state.input.slice(_position, state.position), PATTERN_FLOW_INDICATORS.test(tagName) && throwError(state, "tag suffix cannot contain flow indicator characters");
    }
    tagName && !PATTERN_TAG_URI.test(tagName) && throwError(state, "tag name cannot contain such characters: " + tagName);
    try {
      tagName = decodeURIComponent(tagName);
    } catch {
      throwError(state, "tag name is malformed: " + tagName);
    }
    return isVerbatim ? state.tag = tagName : _hasOwnProperty.call(state.tagMap, tagHandle) ? state.tag = state.tagMap[tagHandle] + tagName : tagHandle === "!" ? state.tag = "!" + tagName : tagHandle === "!!" ? state.tag = "tag:yaml.org,2002:" + tagName : throwError(state, 'undeclared tag handle "' + tagHandle + '"'), !0;
  }
  function readAnchorProperty(state) {
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 38) return !1;
    state.anchor !== null && throwError(state, "duplication of an anchor property"), ch = state.input.charCodeAt(++state.position);
    let _position = state.position;
    for (; ch !== 0 && !isWsOrEol(ch) && !isFlowIndicator(ch); )
      ch = state.input.charCodeAt(++state.position);
    return state.position === _position && throwError(state, "name of an anchor node must contain at least one character"), state.anchor = state.input.slice(_position, state.position), !0;
  }
  function readAlias(state) {
    let ch = state.input.charCodeAt(state.position);
    if (ch !== 42) return !1;
    ch = state.input.charCodeAt(++state.position);
    let _position = state.position;
    for (; ch !== 0 && !isWsOrEol(ch) && !isFlowIndicator(ch); )
      ch = state.input.charCodeAt(++state.position);
    state.position === _position && throwError(state, "name of an alias node must contain at least one character");
    let alias = state.input.slice(_position, state.position);
    return _hasOwnProperty.call(state.anchorMap, alias) || throwError(state, 'unidentified alias "' + alias + '"'), state.result = state.anchorMap[alias], skipSeparationSpace(state, !0, -1), !0;
  }
  function tryReadBlockMappingFromProperty(state, propertyStart, nodeIndent, flowIndent) {
    let fallbackState = snapshotState(state);
    return beginAnchorTransaction(state), restoreState(state, propertyStart), state.tag = null, state.anchor = null, state.kind = null, state.result = null, readBlockMapping(state, nodeIndent, flowIndent) && state.kind === "mapping" ? (commitAnchorTransaction(state), !0) : (rollbackAnchorTransaction(state), restoreState(state, fallbackState), !1);
  }
  function composeNode(state, parentIndent, nodeContext, allowToSeek, allowCompact) {
    let allowBlockScalars, allowBlockCollections, indentStatus = 1, atNewLine = !1, hasContent = !1, propertyStart = null, type2, flowIndent, blockIndent;
    state.depth >= state.maxDepth && throwError(state, "nesting exceeded maxDepth (" + state.maxDepth + ")"), state.depth += 1, state.listener !== null && state.listener("open", state), state.tag = null, state.anchor = null, state.kind = null, state.result = null;
    let allowBlockStyles = allowBlockScalars = allowBlockCollections = CONTEXT_BLOCK_OUT === nodeContext || CONTEXT_BLOCK_IN === nodeContext;
    if (allowToSeek && skipSeparationSpace(state, !0, -1) && (atNewLine = !0, state.lineIndent > parentIndent ? indentStatus = 1 : state.lineIndent === parentIndent ? indentStatus = 0 : state.lineIndent < parentIndent && (indentStatus = -1)), indentStatus === 1)
      for (; ; ) {
        let ch = state.input.charCodeAt(state.position), propertyState = snapshotState(state);
        if (atNewLine && (ch === 33 && state.tag !== null || ch === 38 && state.anchor !== null) || !readTagProperty(state) && !readAnchorProperty(state))
          break;
        propertyStart === null && (propertyStart = propertyState), skipSeparationSpace(state, !0, -1) ? (atNewLine = !0, allowBlockCollections = allowBlockStyles, state.lineIndent > parentIndent ? indentStatus = 1 : state.lineIndent === parentIndent ? indentStatus = 0 : state.lineIndent < parentIndent && (indentStatus = -1)) : allowBlockCollections = !1;
      }
    if (allowBlockCollections && (allowBlockCollections = atNewLine || allowCompact), indentStatus === 1 || CONTEXT_BLOCK_OUT === nodeContext)
      if (CONTEXT_FLOW_IN === nodeContext || CONTEXT_FLOW_OUT === nodeContext ? flowIndent = parentIndent : flowIndent = parentIndent + 1, blockIndent = state.position - state.lineStart, indentStatus === 1)
        if (allowBlockCollections && (readBlockSequence(state, blockIndent) || readBlockMapping(state, blockIndent, flowIndent)) || readFlowCollection(state, flowIndent))
          hasContent = !0;
        else {
          let ch = state.input.charCodeAt(state.position);
          propertyStart !== null && allowBlockStyles && !allowBlockCollections && ch !== 124 && ch !== 62 && tryReadBlockMappingFromProperty(
            state,
            propertyStart,
            propertyStart.position - propertyStart.lineStart,
            flowIndent
          ) || allowBlockScalars && readBlockScalar(state, flowIndent) || readSingleQuotedScalar(state, flowIndent) || readDoubleQuotedScalar(state, flowIndent) ? hasContent = !0 : readAlias(state) ? (hasContent = !0, (state.tag !== null || state.anchor !== null) && throwError(state, "alias node should not have any properties")) : readPlainScalar(state, flowIndent, CONTEXT_FLOW_IN === nodeContext) && (hasContent = !0, state.tag === null && (state.tag = "?")), state.anchor !== null && storeAnchor(state, state.anchor, state.result);
        }
      else indentStatus === 0 && (hasContent = allowBlockCollections && readBlockSequence(state, blockIndent));
    if (state.tag === null)
      state.anchor !== null && storeAnchor(state, state.anchor, state.result);
    else if (state.tag === "?") {
      state.result !== null && state.kind !== "scalar" && throwError(state, 'unacceptable node kind for !<?> tag; it should be "scalar", not "' + state.kind + '"');
      for (let typeIndex = 0, typeQuantity = state.implicitTypes.length; typeIndex < typeQuantity; typeIndex += 1)
        if (type2 = state.implicitTypes[typeIndex], type2.resolve(state.result)) {
          state.result = type2.construct(state.result), state.tag = type2.tag, state.anchor !== null && storeAnchor(state, state.anchor, state.result);
          break;
        }
    } else if (state.tag !== "!") {
      if (_hasOwnProperty.call(state.typeMap[state.kind || "fallback"], state.tag))
        type2 = state.typeMap[state.kind || "fallback"][state.tag];
      else {
        type2 = null;
        let typeList = state.typeMap.multi[state.kind || "fallback"];
        for (let typeIndex = 0, typeQuantity = typeList.length; typeIndex < typeQuantity; typeIndex += 1)
          if (state.tag.slice(0, typeList[typeIndex].tag.length) === typeList[typeIndex].tag) {
            type2 = typeList[typeIndex];
            break;
          }
      }
      type2 || throwError(state, "unknown tag !<" + state.tag + ">"), state.result !== null && type2.kind !== state.kind && throwError(state, "unacceptable node kind for !<" + state.tag + '> tag; it should be "' + type2.kind + '", not "' + state.kind + '"'), type2.resolve(state.result, state.tag) ? (state.result = type2.construct(state.result, state.tag), state.anchor !== null && storeAnchor(state, state.anchor, state.result)) : throwError(state, "cannot resolve a node with !<" + state.tag + "> explicit tag");
    }
    return state.listener !== null && state.listener("close", state), state.depth -= 1, state.tag !== null || state.anchor !== null || hasContent;
  }
  function readDocument(state) {
    let documentStart = state.position, hasDirectives = !1, ch;
    for (state.version = null, state.checkLineBreaks = state.legacy, state.tagMap = /* @__PURE__ */ Object.create(null), state.anchorMap = /* @__PURE__ */ Object.create(null); (ch = state.input.charCodeAt(state.position)) !== 0 && (skipSeparationSpace(state, !0, -1), ch = state.input.charCodeAt(state.position), !(state.lineIndent > 0 || ch !== 37)); ) {
      hasDirectives = !0, ch = state.input.charCodeAt(++state.position);
      let _position = state.position;
      for (; ch !== 0 && !isWsOrEol(ch); )
        ch = state.input.charCodeAt(++state.position);
      let directiveName = state.input.slice(_position, state.position), directiveArgs = [];
      for (directiveName.length < 1 && throwError(state, "directive name must not be less than one character in length"); ch !== 0; ) {
        for (; isWhiteSpace(ch); )
          ch = state.input.charCodeAt(++state.position);
        if (ch === 35) {
          do
            ch = state.input.charCodeAt(++state.position);
          while (ch !== 0 && !isEol(ch));
          break;
        }
        if (isEol(ch)) break;
        for (_position = state.position; ch !== 0 && !isWsOrEol(ch); )
          ch = state.input.charCodeAt(++state.position);
        directiveArgs.push(state.input.slice(_position, state.position));
      }
      ch !== 0 && readLineBreak(state), _hasOwnProperty.call(directiveHandlers, directiveName) ? directiveHandlers[directiveName](state, directiveName, directiveArgs) : throwWarning(state, 'unknown document directive "' + directiveName + '"');
    }
    if (skipSeparationSpace(state, !0, -1), state.lineIndent === 0 && state.input.charCodeAt(state.position) === 45 && state.input.charCodeAt(state.position + 1) === 45 && state.input.charCodeAt(state.position + 2) === 45 ? (state.position += 3, skipSeparationSpace(state, !0, -1)) : hasDirectives && throwError(state, "directives end mark is expected"), composeNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, !1, !0), skipSeparationSpace(state, !0, -1), state.checkLineBreaks && PATTERN_NON_ASCII_LINE_BREAKS.test(state.input.slice(documentStart, state.position)) && throwWarning(state, "non-ASCII line breaks are interpreted as content"), state.documents.push(state.result), state.position === state.lineStart && testDocumentSeparator(state)) {
      state.input.charCodeAt(state.position) === 46 && (state.position += 3, skipSeparationSpace(state, !0, -1));
      return;
    }
    state.position < state.length - 1 && throwError(state, "end of the stream or a document separator is expected");
  }
  function loadDocuments(input, options) {
    input = String(input), options = options || {}, input.length !== 0 && (input.charCodeAt(input.length - 1) !== 10 && input.charCodeAt(input.length - 1) !== 13 && (input += `
`), input.charCodeAt(0) === 65279 && (input = input.slice(1)));
    let state = new State(input, options), nullpos = input.indexOf("\0");
    for (nullpos !== -1 && (state.position = nullpos, throwError(state, "null byte is not allowed in input")), state.input += "\0"; state.input.charCodeAt(state.position) === 32; )
      state.lineIndent += 1, state.position += 1;
    for (; state.position < state.length - 1; )
      readDocument(state);
    return state.documents;
  }
  function loadAll2(input, iterator, options) {
    iterator !== null && typeof iterator == "object" && typeof options > "u" && (options = iterator, iterator = null);
    let documents = loadDocuments(input, options);
    if (typeof iterator != "function")
      return documents;
    for (let index = 0, length = documents.length; index < length; index += 1)
      iterator(documents[index]);
  }
  function load2(input, options) {
    let documents = loadDocuments(input, options);
    if (documents.length !== 0) {
      if (documents.length === 1)
        return documents[0];
      throw new YAMLException2("expected a single document in the stream, but found more");
    }
  }
  return loader.loadAll = loadAll2, loader.load = load2, loader;
}
var dumper = {}, hasRequiredDumper;
function requireDumper() {
  if (hasRequiredDumper) return dumper;
  hasRequiredDumper = 1;
  let common2 = requireCommon(), YAMLException2 = requireException(), DEFAULT_SCHEMA2 = require_default(), _toString = Object.prototype.toString, _hasOwnProperty = Object.prototype.hasOwnProperty, CHAR_BOM = 65279, CHAR_TAB = 9, CHAR_LINE_FEED = 10, CHAR_CARRIAGE_RETURN = 13, CHAR_SPACE = 32, CHAR_EXCLAMATION = 33, CHAR_DOUBLE_QUOTE = 34, CHAR_SHARP = 35, CHAR_PERCENT = 37, CHAR_AMPERSAND = 38, CHAR_SINGLE_QUOTE = 39, CHAR_ASTERISK = 42, CHAR_COMMA = 44, CHAR_MINUS = 45, CHAR_COLON = 58, CHAR_EQUALS = 61, CHAR_GREATER_THAN = 62, CHAR_QUESTION = 63, CHAR_COMMERCIAL_AT = 64, CHAR_LEFT_SQUARE_BRACKET = 91, CHAR_RIGHT_SQUARE_BRACKET = 93, CHAR_GRAVE_ACCENT = 96, CHAR_LEFT_CURLY_BRACKET = 123, CHAR_VERTICAL_LINE = 124, CHAR_RIGHT_CURLY_BRACKET = 125, ESCAPE_SEQUENCES = {};
  ESCAPE_SEQUENCES[0] = "\\0", ESCAPE_SEQUENCES[7] = "\\a", ESCAPE_SEQUENCES[8] = "\\b", ESCAPE_SEQUENCES[9] = "\\t", ESCAPE_SEQUENCES[10] = "\\n", ESCAPE_SEQUENCES[11] = "\\v", ESCAPE_SEQUENCES[12] = "\\f", ESCAPE_SEQUENCES[13] = "\\r", ESCAPE_SEQUENCES[27] = "\\e", ESCAPE_SEQUENCES[34] = '\\"', ESCAPE_SEQUENCES[92] = "\\\\", ESCAPE_SEQUENCES[133] = "\\N", ESCAPE_SEQUENCES[160] = "\\_", ESCAPE_SEQUENCES[8232] = "\\L", ESCAPE_SEQUENCES[8233] = "\\P";
  let DEPRECATED_BOOLEANS_SYNTAX = [
    "y",
    "Y",
    "yes",
    "Yes",
    "YES",
    "on",
    "On",
    "ON",
    "n",
    "N",
    "no",
    "No",
    "NO",
    "off",
    "Off",
    "OFF"
  ], DEPRECATED_BASE60_SYNTAX = /^[-+]?[0-9_]+(?::[0-9_]+)+(?:\.[0-9_]*)?$/;
  function compileStyleMap(schema2, map2) {
    if (map2 === null) return {};
    let result = {}, keys = Object.keys(map2);
    for (let index = 0, length = keys.length; index < length; index += 1) {
      let tag = keys[index], style = String(map2[tag]);
      tag.slice(0, 2) === "!!" && (tag = "tag:yaml.org,2002:" + tag.slice(2));
      let type2 = schema2.compiledTypeMap.fallback[tag];
      type2 && _hasOwnProperty.call(type2.styleAliases, style) && (style = type2.styleAliases[style]), result[tag] = style;
    }
    return result;
  }
  function encodeHex(character) {
    let handle, length, string = character.toString(16).toUpperCase();
    if (character <= 255)
      handle = "x", length = 2;
    else if (character <= 65535)
      handle = "u", length = 4;
    else if (character <= 4294967295)
      handle = "U", length = 8;
    else
      throw new YAMLException2("code point within a string may not be greater than 0xFFFFFFFF");
    return "\\" + handle + common2.repeat("0", length - string.length) + string;
  }
  let QUOTING_TYPE_SINGLE = 1, QUOTING_TYPE_DOUBLE = 2;
  function State(options) {
    this.schema = options.schema || DEFAULT_SCHEMA2, this.indent = Math.max(1, options.indent || 2), this.noArrayIndent = options.noArrayIndent || !1, this.skipInvalid = options.skipInvalid || !1, this.flowLevel = common2.isNothing(options.flowLevel) ? -1 : options.flowLevel, this.styleMap = compileStyleMap(this.schema, options.styles || null), this.sortKeys = options.sortKeys || !1, this.lineWidth = options.lineWidth || 80, this.noRefs = options.noRefs || !1, this.noCompatMode = options.noCompatMode || !1, this.condenseFlow = options.condenseFlow || !1, this.quotingType = options.quotingType === '"' ? QUOTING_TYPE_DOUBLE : QUOTING_TYPE_SINGLE, this.forceQuotes = options.forceQuotes || !1, this.replacer = typeof options.replacer == "function" ? options.replacer : null, this.implicitTypes = this.schema.compiledImplicit, this.explicitTypes = this.schema.compiledExplicit, this.tag = null, this.result = "", this.duplicates = [], this.usedDuplicates = null;
  }
  function indentString(string, spaces) {
    let ind = common2.repeat(" ", spaces), position = 0, result = "", length = string.length;
    for (; position < length; ) {
      let line, next = string.indexOf(`
`, position);
      next === -1 ? (line = string.slice(position), position = length) : (line = string.slice(position, next + 1), position = next + 1), line.length && line !== `
` && (result += ind), result += line;
    }
    return result;
  }
  function generateNextLine(state, level) {
    return `
` + common2.repeat(" ", state.indent * level);
  }
  function testImplicitResolving(state, str2) {
    for (let index = 0, length = state.implicitTypes.length; index < length; index += 1)
      if (state.implicitTypes[index].resolve(str2))
        return !0;
    return !1;
  }
  function isWhitespace(c) {
    return c === CHAR_SPACE || c === CHAR_TAB;
  }
  function isPrintable(c) {
    return c >= 32 && c <= 126 || c >= 161 && c <= 55295 && c !== 8232 && c !== 8233 || c >= 57344 && c <= 65533 && c !== CHAR_BOM || c >= 65536 && c <= 1114111;
  }
  function isNsCharOrWhitespace(c) {
    return isPrintable(c) && c !== CHAR_BOM && // - b-char
    c !== CHAR_CARRIAGE_RETURN && c !== CHAR_LINE_FEED;
  }
  function isPlainSafe(c, prev, inblock) {
    let cIsNsCharOrWhitespace = isNsCharOrWhitespace(c), cIsNsChar = cIsNsCharOrWhitespace && !isWhitespace(c);
    return (
      // ns-plain-safe
      (inblock ? cIsNsCharOrWhitespace : cIsNsCharOrWhitespace && // - c-flow-indicator
      c !== CHAR_COMMA && c !== CHAR_LEFT_SQUARE_BRACKET && c !== CHAR_RIGHT_SQUARE_BRACKET && c !== CHAR_LEFT_CURLY_BRACKET && c !== CHAR_RIGHT_CURLY_BRACKET) && // ns-plain-char
      c !== CHAR_SHARP && // false on '#'
      !(prev === CHAR_COLON && !cIsNsChar) || // false on ': '
      isNsCharOrWhitespace(prev) && !isWhitespace(prev) && c === CHAR_SHARP || // change to true on '[^ ]#'
      prev === CHAR_COLON && cIsNsChar
    );
  }
  function isPlainSafeFirst(c) {
    return isPrintable(c) && c !== CHAR_BOM && !isWhitespace(c) && // - s-white
    // - (c-indicator ::=
    // “-” | “?” | “:” | “,” | “[” | “]” | “{” | “}”
    c !== CHAR_MINUS && c !== CHAR_QUESTION && c !== CHAR_COLON && c !== CHAR_COMMA && c !== CHAR_LEFT_SQUARE_BRACKET && c !== CHAR_RIGHT_SQUARE_BRACKET && c !== CHAR_LEFT_CURLY_BRACKET && c !== CHAR_RIGHT_CURLY_BRACKET && // | “#” | “&” | “*” | “!” | “|” | “=” | “>” | “'” | “"”
    c !== CHAR_SHARP && c !== CHAR_AMPERSAND && c !== CHAR_ASTERISK && c !== CHAR_EXCLAMATION && c !== CHAR_VERTICAL_LINE && c !== CHAR_EQUALS && c !== CHAR_GREATER_THAN && c !== CHAR_SINGLE_QUOTE && c !== CHAR_DOUBLE_QUOTE && // | “%” | “@” | “`”)
    c !== CHAR_PERCENT && c !== CHAR_COMMERCIAL_AT && c !== CHAR_GRAVE_ACCENT;
  }
  function isPlainSafeLast(c) {
    return !isWhitespace(c) && c !== CHAR_COLON;
  }
  function codePointAt(string, pos) {
    let first = string.charCodeAt(pos), second;
    return first >= 55296 && first <= 56319 && pos + 1 < string.length && (second = string.charCodeAt(pos + 1), second >= 56320 && second <= 57343) ? (first - 55296) * 1024 + second - 56320 + 65536 : first;
  }
  function needIndentIndicator(string) {
    return /^\n* /.test(string);
  }
  let STYLE_PLAIN = 1, STYLE_SINGLE = 2, STYLE_LITERAL = 3, STYLE_FOLDED = 4, STYLE_DOUBLE = 5;
  function chooseScalarStyle(string, singleLineOnly, indentPerLevel, lineWidth, testAmbiguousType, quotingType, forceQuotes, inblock) {
    let i, char = 0, prevChar = null, hasLineBreak = !1, hasFoldableLine = !1, shouldTrackWidth = lineWidth !== -1, previousLineBreak = -1, plain = isPlainSafeFirst(codePointAt(string, 0)) && isPlainSafeLast(codePointAt(string, string.length - 1));
    if (singleLineOnly || forceQuotes)
      for (i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
        if (char = codePointAt(string, i), !isPrintable(char))
          return STYLE_DOUBLE;
        plain = plain && isPlainSafe(char, prevChar, inblock), prevChar = char;
      }
    else {
      for (i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
        if (char = codePointAt(string, i), char === CHAR_LINE_FEED)
          hasLineBreak = !0, shouldTrackWidth && (hasFoldableLine = hasFoldableLine || // Foldable line = too long, and not more-indented.
          i - previousLineBreak - 1 > lineWidth && string[previousLineBreak + 1] !== " ", previousLineBreak = i);
        else if (!isPrintable(char))
          return STYLE_DOUBLE;
        plain = plain && isPlainSafe(char, prevChar, inblock), prevChar = char;
      }
      hasFoldableLine = hasFoldableLine || shouldTrackWidth && i - previousLineBreak - 1 > lineWidth && string[previousLineBreak + 1] !== " ";
    }
    return !hasLineBreak && !hasFoldableLine ? plain && !forceQuotes && !testAmbiguousType(string) ? STYLE_PLAIN : quotingType === QUOTING_TYPE_DOUBLE ? STYLE_DOUBLE : STYLE_SINGLE : indentPerLevel > 9 && needIndentIndicator(string) ? STYLE_DOUBLE : forceQuotes ? quotingType === QUOTING_TYPE_DOUBLE ? STYLE_DOUBLE : STYLE_SINGLE : hasFoldableLine ? STYLE_FOLDED : STYLE_LITERAL;
  }
  function writeScalar(state, string, level, iskey, inblock) {
    state.dump = (function() {
      if (string.length === 0)
        return state.quotingType === QUOTING_TYPE_DOUBLE ? '""' : "''";
      if (!state.noCompatMode && (DEPRECATED_BOOLEANS_SYNTAX.indexOf(string) !== -1 || DEPRECATED_BASE60_SYNTAX.test(string)))
        return state.quotingType === QUOTING_TYPE_DOUBLE ? '"' + string + '"' : "'" + string + "'";
      let indent = state.indent * Math.max(1, level), lineWidth = state.lineWidth === -1 ? -1 : Math.max(Math.min(state.lineWidth, 40), state.lineWidth - indent), singleLineOnly = iskey || // No block styles in flow mode.
      state.flowLevel > -1 && level >= state.flowLevel;
      function testAmbiguity(string2) {
        return testImplicitResolving(state, string2);
      }
      switch (chooseScalarStyle(
        string,
        singleLineOnly,
        state.indent,
        lineWidth,
        testAmbiguity,
        state.quotingType,
        state.forceQuotes && !iskey,
        inblock
      )) {
        case STYLE_PLAIN:
          return string;
        case STYLE_SINGLE:
          return "'" + string.replace(/'/g, "''") + "'";
        case STYLE_LITERAL:
          return "|" + blockHeader(string, state.indent) + dropEndingNewline(indentString(string, indent));
        case STYLE_FOLDED:
          return ">" + blockHeader(string, state.indent) + dropEndingNewline(indentString(foldString(string, lineWidth), indent));
        case STYLE_DOUBLE:
          return '"' + escapeString(string) + '"';
        default:
          throw new YAMLException2("impossible error: invalid scalar style");
      }
    })();
  }
  function blockHeader(string, indentPerLevel) {
    let indentIndicator = needIndentIndicator(string) ? String(indentPerLevel) : "", clip = string[string.length - 1] === `
`, chomp = clip && (string[string.length - 2] === `
` || string === `
`) ? "+" : clip ? "" : "-";
    return indentIndicator + chomp + `
`;
  }
  function dropEndingNewline(string) {
    return string[string.length - 1] === `
` ? string.slice(0, -1) : string;
  }
  function foldString(string, width) {
    let lineRe = /(\n+)([^\n]*)/g, result = (function() {
      let nextLF = string.indexOf(`
`);
      return nextLF = nextLF !== -1 ? nextLF : string.length, lineRe.lastIndex = nextLF, foldLine(string.slice(0, nextLF), width);
    })(), prevMoreIndented = string[0] === `
` || string[0] === " ", moreIndented, match;
    for (; match = lineRe.exec(string); ) {
      let prefix = match[1], line = match[2];
      moreIndented = line[0] === " ", result += prefix + (!prevMoreIndented && !moreIndented && line !== "" ? `
` : "") + foldLine(line, width), prevMoreIndented = moreIndented;
    }
    return result;
  }
  function foldLine(line, width) {
    if (line === "" || line[0] === " ") return line;
    let breakRe = / [^ ]/g, match, start = 0, end, curr = 0, next = 0, result = "";
    for (; match = breakRe.exec(line); )
      next = match.index, next - start > width && (end = curr > start ? curr : next, result += `
` + line.slice(start, end), start = end + 1), curr = next;
    return result += `
`, line.length - start > width && curr > start ? result += line.slice(start, curr) + `
` + line.slice(curr + 1) : result += line.slice(start), result.slice(1);
  }
  function escapeString(string) {
    let result = "", char = 0;
    for (let i = 0; i < string.length; char >= 65536 ? i += 2 : i++) {
      char = codePointAt(string, i);
      let escapeSeq = ESCAPE_SEQUENCES[char];
      !escapeSeq && isPrintable(char) ? (result += string[i], char >= 65536 && (result += string[i + 1])) : result += escapeSeq || encodeHex(char);
    }
    return result;
  }
  function writeFlowSequence(state, level, object) {
    let _result = "", _tag = state.tag;
    for (let index = 0, length = object.length; index < length; index += 1) {
      let value = object[index];
      state.replacer && (value = state.replacer.call(object, String(index), value)), (writeNode(state, level, value, !1, !1) || typeof value > "u" && writeNode(state, level, null, !1, !1)) && (_result !== "" && (_result += "," + (state.condenseFlow ? "" : " ")), _result += state.dump);
    }
    state.tag = _tag, state.dump = "[" + _result + "]";
  }
  function writeBlockSequence(state, level, object, compact) {
    let _result = "", _tag = state.tag;
    for (let index = 0, length = object.length; index < length; index += 1) {
      let value = object[index];
      state.replacer && (value = state.replacer.call(object, String(index), value)), (writeNode(state, level + 1, value, !0, !0, !1, !0) || typeof value > "u" && writeNode(state, level + 1, null, !0, !0, !1, !0)) && ((!compact || _result !== "") && (_result += generateNextLine(state, level)), state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0) ? _result += "-" : _result += "- ", _result += state.dump);
    }
    state.tag = _tag, state.dump = _result || "[]";
  }
  function writeFlowMapping(state, level, object) {
    let _result = "", _tag = state.tag, objectKeyList = Object.keys(object);
    for (let index = 0, length = objectKeyList.length; index < length; index += 1) {
      let pairBuffer = "";
      _result !== "" && (pairBuffer += ", "), state.condenseFlow && (pairBuffer += '"');
      let objectKey = objectKeyList[index], objectValue = object[objectKey];
      state.replacer && (objectValue = state.replacer.call(object, objectKey, objectValue)), writeNode(state, level, objectKey, !1, !1) && (state.dump.length > 1024 && (pairBuffer += "? "), pairBuffer += state.dump + (state.condenseFlow ? '"' : "") + ":" + (state.condenseFlow ? "" : " "), writeNode(state, level, objectValue, !1, !1) && (pairBuffer += state.dump, _result += pairBuffer));
    }
    state.tag = _tag, state.dump = "{" + _result + "}";
  }
  function writeBlockMapping(state, level, object, compact) {
    let _result = "", _tag = state.tag, objectKeyList = Object.keys(object);
    if (state.sortKeys === !0)
      objectKeyList.sort();
    else if (typeof state.sortKeys == "function")
      objectKeyList.sort(state.sortKeys);
    else if (state.sortKeys)
      throw new YAMLException2("sortKeys must be a boolean or a function");
    for (let index = 0, length = objectKeyList.length; index < length; index += 1) {
      let pairBuffer = "";
      (!compact || _result !== "") && (pairBuffer += generateNextLine(state, level));
      let objectKey = objectKeyList[index], objectValue = object[objectKey];
      if (state.replacer && (objectValue = state.replacer.call(object, objectKey, objectValue)), !writeNode(state, level + 1, objectKey, !0, !0, !0))
        continue;
      let explicitPair = state.tag !== null && state.tag !== "?" || state.dump && state.dump.length > 1024;
      explicitPair && (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0) ? pairBuffer += "?" : pairBuffer += "? "), pairBuffer += state.dump, explicitPair && (pairBuffer += generateNextLine(state, level)), writeNode(state, level + 1, objectValue, !0, explicitPair) && (state.dump && CHAR_LINE_FEED === state.dump.charCodeAt(0) ? pairBuffer += ":" : pairBuffer += ": ", pairBuffer += state.dump, _result += pairBuffer);
    }
    state.tag = _tag, state.dump = _result || "{}";
  }
  function detectType(state, object, explicit) {
    let typeList = explicit ? state.explicitTypes : state.implicitTypes;
    for (let index = 0, length = typeList.length; index < length; index += 1) {
      let type2 = typeList[index];
      if ((type2.instanceOf || type2.predicate) && (!type2.instanceOf || typeof object == "object" && object instanceof type2.instanceOf) && (!type2.predicate || type2.predicate(object))) {
        if (explicit ? type2.multi && type2.representName ? state.tag = type2.representName(object) : state.tag = type2.tag : state.tag = "?", type2.represent) {
          let style = state.styleMap[type2.tag] || type2.defaultStyle, _result;
          if (_toString.call(type2.represent) === "[object Function]")
            _result = type2.represent(object, style);
          else if (_hasOwnProperty.call(type2.represent, style))
            _result = type2.represent[style](object, style);
          else
            throw new YAMLException2("!<" + type2.tag + '> tag resolver accepts not "' + style + '" style');
          state.dump = _result;
        }
        return !0;
      }
    }
    return !1;
  }
  function writeNode(state, level, object, block, compact, iskey, isblockseq) {
    state.tag = null, state.dump = object, detectType(state, object, !1) || detectType(state, object, !0);
    let type2 = _toString.call(state.dump), inblock = block;
    block && (block = state.flowLevel < 0 || state.flowLevel > level);
    let objectOrArray = type2 === "[object Object]" || type2 === "[object Array]", duplicateIndex, duplicate;
    if (objectOrArray && (duplicateIndex = state.duplicates.indexOf(object), duplicate = duplicateIndex !== -1), (state.tag !== null && state.tag !== "?" || duplicate || state.indent !== 2 && level > 0) && (compact = !1), duplicate && state.usedDuplicates[duplicateIndex])
      state.dump = "*ref_" + duplicateIndex;
    else {
      if (objectOrArray && duplicate && !state.usedDuplicates[duplicateIndex] && (state.usedDuplicates[duplicateIndex] = !0), type2 === "[object Object]")
        block && Object.keys(state.dump).length !== 0 ? (writeBlockMapping(state, level, state.dump, compact), duplicate && (state.dump = "&ref_" + duplicateIndex + state.dump)) : (writeFlowMapping(state, level, state.dump), duplicate && (state.dump = "&ref_" + duplicateIndex + " " + state.dump));
      else if (type2 === "[object Array]")
        block && state.dump.length !== 0 ? (state.noArrayIndent && !isblockseq && level > 0 ? writeBlockSequence(state, level - 1, state.dump, compact) : writeBlockSequence(state, level, state.dump, compact), duplicate && (state.dump = "&ref_" + duplicateIndex + state.dump)) : (writeFlowSequence(state, level, state.dump), duplicate && (state.dump = "&ref_" + duplicateIndex + " " + state.dump));
      else if (type2 === "[object String]")
        state.tag !== "?" && writeScalar(state, state.dump, level, iskey, inblock);
      else {
        if (type2 === "[object Undefined]")
          return !1;
        if (state.skipInvalid) return !1;
        throw new YAMLException2("unacceptable kind of an object to dump " + type2);
      }
      if (state.tag !== null && state.tag !== "?") {
        let tagStr = encodeURI(
          state.tag[0] === "!" ? state.tag.slice(1) : state.tag
        ).replace(/!/g, "%21");
        state.tag[0] === "!" ? tagStr = "!" + tagStr : tagStr.slice(0, 18) === "tag:yaml.org,2002:" ? tagStr = "!!" + tagStr.slice(18) : tagStr = "!<" + tagStr + ">", state.dump = tagStr + " " + state.dump;
      }
    }
    return !0;
  }
  function getDuplicateReferences(object, state) {
    let objects = [], duplicatesIndexes = [];
    inspectNode(object, objects, duplicatesIndexes);
    let length = duplicatesIndexes.length;
    for (let index = 0; index < length; index += 1)
      state.duplicates.push(objects[duplicatesIndexes[index]]);
    state.usedDuplicates = new Array(length);
  }
  function inspectNode(object, objects, duplicatesIndexes) {
    if (object !== null && typeof object == "object") {
      let index = objects.indexOf(object);
      if (index !== -1)
        duplicatesIndexes.indexOf(index) === -1 && duplicatesIndexes.push(index);
      else if (objects.push(object), Array.isArray(object))
        for (let i = 0, length = object.length; i < length; i += 1)
          inspectNode(object[i], objects, duplicatesIndexes);
      else {
        let objectKeyList = Object.keys(object);
        for (let i = 0, length = objectKeyList.length; i < length; i += 1)
          inspectNode(object[objectKeyList[i]], objects, duplicatesIndexes);
      }
    }
  }
  function dump2(input, options) {
    options = options || {};
    let state = new State(options);
    state.noRefs || getDuplicateReferences(input, state);
    let value = input;
    return state.replacer && (value = state.replacer.call({ "": value }, "", value)), writeNode(state, 0, value, !0, !0) ? state.dump + `
` : "";
  }
  return dumper.dump = dump2, dumper;
}
var hasRequiredJsYaml;
function requireJsYaml() {
  if (hasRequiredJsYaml) return jsYaml;
  hasRequiredJsYaml = 1;
  let loader2 = requireLoader(), dumper2 = requireDumper();
  function renamed(from, to) {
    return function() {
      throw new Error("Function yaml." + from + " is removed in js-yaml 4. Use yaml." + to + " instead, which is now safe by default.");
    };
  }
  return jsYaml.Type = requireType(), jsYaml.Schema = requireSchema(), jsYaml.FAILSAFE_SCHEMA = requireFailsafe(), jsYaml.JSON_SCHEMA = requireJson(), jsYaml.CORE_SCHEMA = requireCore(), jsYaml.DEFAULT_SCHEMA = require_default(), jsYaml.load = loader2.load, jsYaml.loadAll = loader2.loadAll, jsYaml.dump = dumper2.dump, jsYaml.YAMLException = requireException(), jsYaml.types = {
    binary: requireBinary(),
    float: requireFloat(),
    map: requireMap(),
    null: require_null(),
    pairs: requirePairs(),
    set: requireSet(),
    timestamp: requireTimestamp(),
    bool: requireBool(),
    int: requireInt(),
    merge: requireMerge(),
    omap: requireOmap(),
    seq: requireSeq(),
    str: requireStr()
  }, jsYaml.safeLoad = renamed("safeLoad", "load"), jsYaml.safeLoadAll = renamed("safeLoadAll", "loadAll"), jsYaml.safeDump = renamed("safeDump", "dump"), jsYaml;
}
var jsYamlExports = requireJsYaml(), yaml = /* @__PURE__ */ getDefaultExportFromCjs(jsYamlExports), {
  Type,
  Schema,
  FAILSAFE_SCHEMA,
  JSON_SCHEMA,
  CORE_SCHEMA,
  DEFAULT_SCHEMA,
  load,
  loadAll,
  dump,
  YAMLException,
  types,
  safeLoad,
  safeLoadAll,
  safeDump
} = yaml;

// sdk/kube/kubeconfig-files.ts
function parseKubeconfigYaml(text) {
  let doc;
  try {
    doc = load(text);
  } catch (err) {
    throw err instanceof YAMLException ? new Error(`not valid YAML: ${err.reason} at line ${err.mark.line + 1}, column ${err.mark.column + 1}`) : err;
  }
  if (doc != null && (typeof doc != "object" || Array.isArray(doc))) throw new Error(notAMapping(text));
  return doc;
}
function notAMapping(text) {
  let t = text.trim();
  return /^[A-Za-z0-9+/=\s]{16,}$/.test(t) && /\b(apiVersion|clusters)\b/.test(Buffer.from(t, "base64").toString("utf8")) ? "it is a kubeconfig encoded in base64: decode it first (base64 -d) and give the YAML itself" : /^(~|\.{1,2})?\/[^\s:]*$/.test(t) ? "it is a file path, not a kubeconfig: give the file's content (the YAML itself)" : "it is not a kubeconfig: give the YAML of one, a mapping with clusters, users, contexts and current-context";
}
var LISTS = ["clusters", "users", "contexts"];
function withAbsolutePaths(doc, base) {
  let absolute = (p) => typeof p == "string" && p !== "" && !isAbsolute(p) ? resolve(base, p) : p, inEntry = (e, key, fields) => {
    let body = e[key];
    if (!body || typeof body != "object") return e;
    let out = { ...body };
    for (let f of fields) f in out && (out[f] = absolute(out[f]));
    let exec = out.exec;
    return exec && typeof exec.command == "string" && exec.command.includes("/") && (out.exec = { ...exec, command: absolute(exec.command) }), { ...e, [key]: out };
  };
  return {
    ...doc,
    clusters: (doc.clusters ?? []).map((e) => inEntry(e, "cluster", ["certificate-authority"])),
    users: (doc.users ?? []).map((e) => inEntry(e, "user", ["client-certificate", "client-key", "tokenFile"]))
  };
}
function readKubeconfigFile(path) {
  let doc = parseKubeconfigYaml(readFileSync(path, "utf8")) ?? {};
  return withAbsolutePaths(doc, dirname(resolve(path)));
}
function mergeKubeconfigFiles(paths) {
  let docs = [];
  for (let path of new Set(paths.filter(Boolean)))
    if (existsSync(path))
      try {
        docs.push(readKubeconfigFile(path));
      } catch (err) {
        throw new KubeconfigError(`Could not load the kubeconfig ${path} (named in KUBECONFIG): ${err.message}`, { cause: err });
      }
  if (!docs.length) throw new KubeconfigError(`None of the files KUBECONFIG names exists (${paths.join(", ")}): fix KUBECONFIG, or pass --kubeconfig.`);
  let merged = { apiVersion: "v1", kind: "Config", clusters: [], users: [], contexts: [] };
  for (let list of LISTS) {
    let seen = /* @__PURE__ */ new Set();
    for (let doc of docs)
      for (let entry of doc[list] ?? [])
        seen.has(entry.name ?? "") || (seen.add(entry.name ?? ""), merged[list].push(entry));
  }
  let current = docs.map((d) => d["current-context"]).find((c) => typeof c == "string" && c !== "");
  return current && (merged["current-context"] = current), merged;
}

export {
  yaml,
  JSON_SCHEMA,
  load,
  loadAll,
  YAMLException,
  parseKubeconfigYaml,
  readKubeconfigFile,
  mergeKubeconfigFiles
};
