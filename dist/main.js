import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  DEFAULT_POLICY,
  SDK_MAJOR,
  SDK_VERSION,
  currentContext,
  formatMs,
  httpRouteRouter,
  indicatorsFor,
  isPlan,
  istioVirtualServiceRouter,
  plan,
  planSdkMajor,
  runPlan,
  toMs,
  verdict
} from "./chunks/chunk-TOVOBVC4.js";
import {
  InputError,
  coreLogger,
  createFileJournal,
  createScrubber,
  debug,
  quietDependencyDeprecations,
  renderJobSummary,
  saveState,
  scrubbedJournal,
  setFailed,
  setOutput,
  setSecret,
  setUpStep,
  summary,
  warning
} from "./chunks/chunk-ALP7LZZO.js";
import "./chunks/chunk-HSCLIL2T.js";
import {
  STATE,
  incidentId,
  journalPathFor,
  plainText,
  runUrl,
  summarizeRun
} from "./chunks/chunk-3RVEOHCR.js";
import {
  SCHEMA_ANNOTATION,
  createSystemClock,
  formatSplit,
  nginxCanaryRouter,
  sameSplit,
  trafficSplitRouter,
  validateSplit
} from "./chunks/chunk-LJ5AMMUL.js";
import {
  require_dist
} from "./chunks/chunk-TNL2EZJV.js";
import {
  KubeConflict,
  refOf,
  refString
} from "./chunks/chunk-X3GMW2EA.js";
import {
  external_exports
} from "./chunks/chunk-LKO3ARFM.js";
import {
  CancelledError,
  CapacityError,
  ConflictError,
  FirebreakError,
  ForbiddenError,
  GateFailedError,
  InvalidPlanError,
  InvalidSplitError,
  KubeApiError,
  MetricsQueryError,
  MetricsUnavailableError,
  MissingCrdError,
  ObjectNotFoundError,
  PlanInputError,
  PlanLoadError,
  RevisionNotFoundError,
  RolloutTimeoutError,
  UnknownDestinationError,
  UsageError,
  VerificationError,
  describeError
} from "./chunks/chunk-CGM6U6GF.js";
import {
  __commonJS,
  __export,
  __toESM
} from "./chunks/chunk-5AMULRZH.js";

// node_modules/sucrase/dist/parser/tokenizer/keywords.js
var require_keywords = __commonJS({
  "node_modules/sucrase/dist/parser/tokenizer/keywords.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var ContextualKeyword;
    (function(ContextualKeyword2) {
      ContextualKeyword2[ContextualKeyword2.NONE = 0] = "NONE";
      let _abstract = 1;
      ContextualKeyword2[ContextualKeyword2._abstract = _abstract] = "_abstract";
      let _accessor = _abstract + 1;
      ContextualKeyword2[ContextualKeyword2._accessor = _accessor] = "_accessor";
      let _as = _accessor + 1;
      ContextualKeyword2[ContextualKeyword2._as = _as] = "_as";
      let _assert = _as + 1;
      ContextualKeyword2[ContextualKeyword2._assert = _assert] = "_assert";
      let _asserts = _assert + 1;
      ContextualKeyword2[ContextualKeyword2._asserts = _asserts] = "_asserts";
      let _async = _asserts + 1;
      ContextualKeyword2[ContextualKeyword2._async = _async] = "_async";
      let _await = _async + 1;
      ContextualKeyword2[ContextualKeyword2._await = _await] = "_await";
      let _checks = _await + 1;
      ContextualKeyword2[ContextualKeyword2._checks = _checks] = "_checks";
      let _constructor = _checks + 1;
      ContextualKeyword2[ContextualKeyword2._constructor = _constructor] = "_constructor";
      let _declare = _constructor + 1;
      ContextualKeyword2[ContextualKeyword2._declare = _declare] = "_declare";
      let _enum = _declare + 1;
      ContextualKeyword2[ContextualKeyword2._enum = _enum] = "_enum";
      let _exports = _enum + 1;
      ContextualKeyword2[ContextualKeyword2._exports = _exports] = "_exports";
      let _from = _exports + 1;
      ContextualKeyword2[ContextualKeyword2._from = _from] = "_from";
      let _get = _from + 1;
      ContextualKeyword2[ContextualKeyword2._get = _get] = "_get";
      let _global = _get + 1;
      ContextualKeyword2[ContextualKeyword2._global = _global] = "_global";
      let _implements = _global + 1;
      ContextualKeyword2[ContextualKeyword2._implements = _implements] = "_implements";
      let _infer = _implements + 1;
      ContextualKeyword2[ContextualKeyword2._infer = _infer] = "_infer";
      let _interface = _infer + 1;
      ContextualKeyword2[ContextualKeyword2._interface = _interface] = "_interface";
      let _is = _interface + 1;
      ContextualKeyword2[ContextualKeyword2._is = _is] = "_is";
      let _keyof = _is + 1;
      ContextualKeyword2[ContextualKeyword2._keyof = _keyof] = "_keyof";
      let _mixins = _keyof + 1;
      ContextualKeyword2[ContextualKeyword2._mixins = _mixins] = "_mixins";
      let _module = _mixins + 1;
      ContextualKeyword2[ContextualKeyword2._module = _module] = "_module";
      let _namespace = _module + 1;
      ContextualKeyword2[ContextualKeyword2._namespace = _namespace] = "_namespace";
      let _of = _namespace + 1;
      ContextualKeyword2[ContextualKeyword2._of = _of] = "_of";
      let _opaque = _of + 1;
      ContextualKeyword2[ContextualKeyword2._opaque = _opaque] = "_opaque";
      let _out = _opaque + 1;
      ContextualKeyword2[ContextualKeyword2._out = _out] = "_out";
      let _override = _out + 1;
      ContextualKeyword2[ContextualKeyword2._override = _override] = "_override";
      let _private = _override + 1;
      ContextualKeyword2[ContextualKeyword2._private = _private] = "_private";
      let _protected = _private + 1;
      ContextualKeyword2[ContextualKeyword2._protected = _protected] = "_protected";
      let _proto = _protected + 1;
      ContextualKeyword2[ContextualKeyword2._proto = _proto] = "_proto";
      let _public = _proto + 1;
      ContextualKeyword2[ContextualKeyword2._public = _public] = "_public";
      let _readonly = _public + 1;
      ContextualKeyword2[ContextualKeyword2._readonly = _readonly] = "_readonly";
      let _require = _readonly + 1;
      ContextualKeyword2[ContextualKeyword2._require = _require] = "_require";
      let _satisfies = _require + 1;
      ContextualKeyword2[ContextualKeyword2._satisfies = _satisfies] = "_satisfies";
      let _set = _satisfies + 1;
      ContextualKeyword2[ContextualKeyword2._set = _set] = "_set";
      let _static = _set + 1;
      ContextualKeyword2[ContextualKeyword2._static = _static] = "_static";
      let _symbol = _static + 1;
      ContextualKeyword2[ContextualKeyword2._symbol = _symbol] = "_symbol";
      let _type = _symbol + 1;
      ContextualKeyword2[ContextualKeyword2._type = _type] = "_type";
      let _unique = _type + 1;
      ContextualKeyword2[ContextualKeyword2._unique = _unique] = "_unique";
      let _using = _unique + 1;
      ContextualKeyword2[ContextualKeyword2._using = _using] = "_using";
    })(ContextualKeyword || (exports.ContextualKeyword = ContextualKeyword = {}));
  }
});

// node_modules/sucrase/dist/parser/tokenizer/types.js
var require_types = __commonJS({
  "node_modules/sucrase/dist/parser/tokenizer/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var TokenType;
    (function(TokenType2) {
      TokenType2[TokenType2.PRECEDENCE_MASK = 15] = "PRECEDENCE_MASK";
      let IS_KEYWORD = 16;
      TokenType2[TokenType2.IS_KEYWORD = IS_KEYWORD] = "IS_KEYWORD";
      let IS_ASSIGN = 32;
      TokenType2[TokenType2.IS_ASSIGN = IS_ASSIGN] = "IS_ASSIGN";
      let IS_RIGHT_ASSOCIATIVE = 64;
      TokenType2[TokenType2.IS_RIGHT_ASSOCIATIVE = IS_RIGHT_ASSOCIATIVE] = "IS_RIGHT_ASSOCIATIVE";
      let IS_PREFIX = 128;
      TokenType2[TokenType2.IS_PREFIX = IS_PREFIX] = "IS_PREFIX";
      let IS_POSTFIX = 256;
      TokenType2[TokenType2.IS_POSTFIX = IS_POSTFIX] = "IS_POSTFIX";
      let IS_EXPRESSION_START = 512;
      TokenType2[TokenType2.IS_EXPRESSION_START = IS_EXPRESSION_START] = "IS_EXPRESSION_START";
      let num = 512;
      TokenType2[TokenType2.num = num] = "num";
      let bigint = 1536;
      TokenType2[TokenType2.bigint = bigint] = "bigint";
      let decimal = 2560;
      TokenType2[TokenType2.decimal = decimal] = "decimal";
      let regexp = 3584;
      TokenType2[TokenType2.regexp = regexp] = "regexp";
      let string = 4608;
      TokenType2[TokenType2.string = string] = "string";
      let name = 5632;
      TokenType2[TokenType2.name = name] = "name";
      let eof = 6144;
      TokenType2[TokenType2.eof = eof] = "eof";
      let bracketL = 7680;
      TokenType2[TokenType2.bracketL = bracketL] = "bracketL";
      let bracketR = 8192;
      TokenType2[TokenType2.bracketR = bracketR] = "bracketR";
      let braceL = 9728;
      TokenType2[TokenType2.braceL = braceL] = "braceL";
      let braceBarL = 10752;
      TokenType2[TokenType2.braceBarL = braceBarL] = "braceBarL";
      let braceR = 11264;
      TokenType2[TokenType2.braceR = braceR] = "braceR";
      let braceBarR = 12288;
      TokenType2[TokenType2.braceBarR = braceBarR] = "braceBarR";
      let parenL = 13824;
      TokenType2[TokenType2.parenL = parenL] = "parenL";
      let parenR = 14336;
      TokenType2[TokenType2.parenR = parenR] = "parenR";
      let comma = 15360;
      TokenType2[TokenType2.comma = comma] = "comma";
      let semi = 16384;
      TokenType2[TokenType2.semi = semi] = "semi";
      let colon = 17408;
      TokenType2[TokenType2.colon = colon] = "colon";
      let doubleColon = 18432;
      TokenType2[TokenType2.doubleColon = doubleColon] = "doubleColon";
      let dot = 19456;
      TokenType2[TokenType2.dot = dot] = "dot";
      let question = 20480;
      TokenType2[TokenType2.question = question] = "question";
      let questionDot = 21504;
      TokenType2[TokenType2.questionDot = questionDot] = "questionDot";
      let arrow = 22528;
      TokenType2[TokenType2.arrow = arrow] = "arrow";
      let template = 23552;
      TokenType2[TokenType2.template = template] = "template";
      let ellipsis = 24576;
      TokenType2[TokenType2.ellipsis = ellipsis] = "ellipsis";
      let backQuote = 25600;
      TokenType2[TokenType2.backQuote = backQuote] = "backQuote";
      let dollarBraceL = 27136;
      TokenType2[TokenType2.dollarBraceL = dollarBraceL] = "dollarBraceL";
      let at = 27648;
      TokenType2[TokenType2.at = at] = "at";
      let hash = 29184;
      TokenType2[TokenType2.hash = hash] = "hash";
      let eq = 29728;
      TokenType2[TokenType2.eq = eq] = "eq";
      let assign = 30752;
      TokenType2[TokenType2.assign = assign] = "assign";
      let preIncDec = 32640;
      TokenType2[TokenType2.preIncDec = preIncDec] = "preIncDec";
      let postIncDec = 33664;
      TokenType2[TokenType2.postIncDec = postIncDec] = "postIncDec";
      let bang = 34432;
      TokenType2[TokenType2.bang = bang] = "bang";
      let tilde = 35456;
      TokenType2[TokenType2.tilde = tilde] = "tilde";
      let pipeline = 35841;
      TokenType2[TokenType2.pipeline = pipeline] = "pipeline";
      let nullishCoalescing = 36866;
      TokenType2[TokenType2.nullishCoalescing = nullishCoalescing] = "nullishCoalescing";
      let logicalOR = 37890;
      TokenType2[TokenType2.logicalOR = logicalOR] = "logicalOR";
      let logicalAND = 38915;
      TokenType2[TokenType2.logicalAND = logicalAND] = "logicalAND";
      let bitwiseOR = 39940;
      TokenType2[TokenType2.bitwiseOR = bitwiseOR] = "bitwiseOR";
      let bitwiseXOR = 40965;
      TokenType2[TokenType2.bitwiseXOR = bitwiseXOR] = "bitwiseXOR";
      let bitwiseAND = 41990;
      TokenType2[TokenType2.bitwiseAND = bitwiseAND] = "bitwiseAND";
      let equality = 43015;
      TokenType2[TokenType2.equality = equality] = "equality";
      let lessThan = 44040;
      TokenType2[TokenType2.lessThan = lessThan] = "lessThan";
      let greaterThan = 45064;
      TokenType2[TokenType2.greaterThan = greaterThan] = "greaterThan";
      let relationalOrEqual = 46088;
      TokenType2[TokenType2.relationalOrEqual = relationalOrEqual] = "relationalOrEqual";
      let bitShiftL = 47113;
      TokenType2[TokenType2.bitShiftL = bitShiftL] = "bitShiftL";
      let bitShiftR = 48137;
      TokenType2[TokenType2.bitShiftR = bitShiftR] = "bitShiftR";
      let plus = 49802;
      TokenType2[TokenType2.plus = plus] = "plus";
      let minus = 50826;
      TokenType2[TokenType2.minus = minus] = "minus";
      let modulo = 51723;
      TokenType2[TokenType2.modulo = modulo] = "modulo";
      let star = 52235;
      TokenType2[TokenType2.star = star] = "star";
      let slash = 53259;
      TokenType2[TokenType2.slash = slash] = "slash";
      let exponent = 54348;
      TokenType2[TokenType2.exponent = exponent] = "exponent";
      let jsxName = 55296;
      TokenType2[TokenType2.jsxName = jsxName] = "jsxName";
      let jsxText = 56320;
      TokenType2[TokenType2.jsxText = jsxText] = "jsxText";
      let jsxEmptyText = 57344;
      TokenType2[TokenType2.jsxEmptyText = jsxEmptyText] = "jsxEmptyText";
      let jsxTagStart = 58880;
      TokenType2[TokenType2.jsxTagStart = jsxTagStart] = "jsxTagStart";
      let jsxTagEnd = 59392;
      TokenType2[TokenType2.jsxTagEnd = jsxTagEnd] = "jsxTagEnd";
      let typeParameterStart = 60928;
      TokenType2[TokenType2.typeParameterStart = typeParameterStart] = "typeParameterStart";
      let nonNullAssertion = 61440;
      TokenType2[TokenType2.nonNullAssertion = nonNullAssertion] = "nonNullAssertion";
      let _break = 62480;
      TokenType2[TokenType2._break = _break] = "_break";
      let _case = 63504;
      TokenType2[TokenType2._case = _case] = "_case";
      let _catch = 64528;
      TokenType2[TokenType2._catch = _catch] = "_catch";
      let _continue = 65552;
      TokenType2[TokenType2._continue = _continue] = "_continue";
      let _debugger = 66576;
      TokenType2[TokenType2._debugger = _debugger] = "_debugger";
      let _default = 67600;
      TokenType2[TokenType2._default = _default] = "_default";
      let _do = 68624;
      TokenType2[TokenType2._do = _do] = "_do";
      let _else = 69648;
      TokenType2[TokenType2._else = _else] = "_else";
      let _finally = 70672;
      TokenType2[TokenType2._finally = _finally] = "_finally";
      let _for = 71696;
      TokenType2[TokenType2._for = _for] = "_for";
      let _function = 73232;
      TokenType2[TokenType2._function = _function] = "_function";
      let _if = 73744;
      TokenType2[TokenType2._if = _if] = "_if";
      let _return = 74768;
      TokenType2[TokenType2._return = _return] = "_return";
      let _switch = 75792;
      TokenType2[TokenType2._switch = _switch] = "_switch";
      let _throw = 77456;
      TokenType2[TokenType2._throw = _throw] = "_throw";
      let _try = 77840;
      TokenType2[TokenType2._try = _try] = "_try";
      let _var = 78864;
      TokenType2[TokenType2._var = _var] = "_var";
      let _let = 79888;
      TokenType2[TokenType2._let = _let] = "_let";
      let _const = 80912;
      TokenType2[TokenType2._const = _const] = "_const";
      let _while = 81936;
      TokenType2[TokenType2._while = _while] = "_while";
      let _with = 82960;
      TokenType2[TokenType2._with = _with] = "_with";
      let _new = 84496;
      TokenType2[TokenType2._new = _new] = "_new";
      let _this = 85520;
      TokenType2[TokenType2._this = _this] = "_this";
      let _super = 86544;
      TokenType2[TokenType2._super = _super] = "_super";
      let _class = 87568;
      TokenType2[TokenType2._class = _class] = "_class";
      let _extends = 88080;
      TokenType2[TokenType2._extends = _extends] = "_extends";
      let _export = 89104;
      TokenType2[TokenType2._export = _export] = "_export";
      let _import = 90640;
      TokenType2[TokenType2._import = _import] = "_import";
      let _yield = 91664;
      TokenType2[TokenType2._yield = _yield] = "_yield";
      let _null = 92688;
      TokenType2[TokenType2._null = _null] = "_null";
      let _true = 93712;
      TokenType2[TokenType2._true = _true] = "_true";
      let _false = 94736;
      TokenType2[TokenType2._false = _false] = "_false";
      let _in = 95256;
      TokenType2[TokenType2._in = _in] = "_in";
      let _instanceof = 96280;
      TokenType2[TokenType2._instanceof = _instanceof] = "_instanceof";
      let _typeof = 97936;
      TokenType2[TokenType2._typeof = _typeof] = "_typeof";
      let _void = 98960;
      TokenType2[TokenType2._void = _void] = "_void";
      let _delete = 99984;
      TokenType2[TokenType2._delete = _delete] = "_delete";
      let _async = 100880;
      TokenType2[TokenType2._async = _async] = "_async";
      let _get = 101904;
      TokenType2[TokenType2._get = _get] = "_get";
      let _set = 102928;
      TokenType2[TokenType2._set = _set] = "_set";
      let _declare = 103952;
      TokenType2[TokenType2._declare = _declare] = "_declare";
      let _readonly = 104976;
      TokenType2[TokenType2._readonly = _readonly] = "_readonly";
      let _abstract = 106e3;
      TokenType2[TokenType2._abstract = _abstract] = "_abstract";
      let _static = 107024;
      TokenType2[TokenType2._static = _static] = "_static";
      let _public = 107536;
      TokenType2[TokenType2._public = _public] = "_public";
      let _private = 108560;
      TokenType2[TokenType2._private = _private] = "_private";
      let _protected = 109584;
      TokenType2[TokenType2._protected = _protected] = "_protected";
      let _override = 110608;
      TokenType2[TokenType2._override = _override] = "_override";
      let _as = 112144;
      TokenType2[TokenType2._as = _as] = "_as";
      let _enum = 113168;
      TokenType2[TokenType2._enum = _enum] = "_enum";
      let _type = 114192;
      TokenType2[TokenType2._type = _type] = "_type";
      let _implements = 115216;
      TokenType2[TokenType2._implements = _implements] = "_implements";
    })(TokenType || (exports.TokenType = TokenType = {}));
    function formatTokenType(tokenType) {
      switch (tokenType) {
        case TokenType.num:
          return "num";
        case TokenType.bigint:
          return "bigint";
        case TokenType.decimal:
          return "decimal";
        case TokenType.regexp:
          return "regexp";
        case TokenType.string:
          return "string";
        case TokenType.name:
          return "name";
        case TokenType.eof:
          return "eof";
        case TokenType.bracketL:
          return "[";
        case TokenType.bracketR:
          return "]";
        case TokenType.braceL:
          return "{";
        case TokenType.braceBarL:
          return "{|";
        case TokenType.braceR:
          return "}";
        case TokenType.braceBarR:
          return "|}";
        case TokenType.parenL:
          return "(";
        case TokenType.parenR:
          return ")";
        case TokenType.comma:
          return ",";
        case TokenType.semi:
          return ";";
        case TokenType.colon:
          return ":";
        case TokenType.doubleColon:
          return "::";
        case TokenType.dot:
          return ".";
        case TokenType.question:
          return "?";
        case TokenType.questionDot:
          return "?.";
        case TokenType.arrow:
          return "=>";
        case TokenType.template:
          return "template";
        case TokenType.ellipsis:
          return "...";
        case TokenType.backQuote:
          return "`";
        case TokenType.dollarBraceL:
          return "${";
        case TokenType.at:
          return "@";
        case TokenType.hash:
          return "#";
        case TokenType.eq:
          return "=";
        case TokenType.assign:
          return "_=";
        case TokenType.preIncDec:
          return "++/--";
        case TokenType.postIncDec:
          return "++/--";
        case TokenType.bang:
          return "!";
        case TokenType.tilde:
          return "~";
        case TokenType.pipeline:
          return "|>";
        case TokenType.nullishCoalescing:
          return "??";
        case TokenType.logicalOR:
          return "||";
        case TokenType.logicalAND:
          return "&&";
        case TokenType.bitwiseOR:
          return "|";
        case TokenType.bitwiseXOR:
          return "^";
        case TokenType.bitwiseAND:
          return "&";
        case TokenType.equality:
          return "==/!=";
        case TokenType.lessThan:
          return "<";
        case TokenType.greaterThan:
          return ">";
        case TokenType.relationalOrEqual:
          return "<=/>=";
        case TokenType.bitShiftL:
          return "<<";
        case TokenType.bitShiftR:
          return ">>/>>>";
        case TokenType.plus:
          return "+";
        case TokenType.minus:
          return "-";
        case TokenType.modulo:
          return "%";
        case TokenType.star:
          return "*";
        case TokenType.slash:
          return "/";
        case TokenType.exponent:
          return "**";
        case TokenType.jsxName:
          return "jsxName";
        case TokenType.jsxText:
          return "jsxText";
        case TokenType.jsxEmptyText:
          return "jsxEmptyText";
        case TokenType.jsxTagStart:
          return "jsxTagStart";
        case TokenType.jsxTagEnd:
          return "jsxTagEnd";
        case TokenType.typeParameterStart:
          return "typeParameterStart";
        case TokenType.nonNullAssertion:
          return "nonNullAssertion";
        case TokenType._break:
          return "break";
        case TokenType._case:
          return "case";
        case TokenType._catch:
          return "catch";
        case TokenType._continue:
          return "continue";
        case TokenType._debugger:
          return "debugger";
        case TokenType._default:
          return "default";
        case TokenType._do:
          return "do";
        case TokenType._else:
          return "else";
        case TokenType._finally:
          return "finally";
        case TokenType._for:
          return "for";
        case TokenType._function:
          return "function";
        case TokenType._if:
          return "if";
        case TokenType._return:
          return "return";
        case TokenType._switch:
          return "switch";
        case TokenType._throw:
          return "throw";
        case TokenType._try:
          return "try";
        case TokenType._var:
          return "var";
        case TokenType._let:
          return "let";
        case TokenType._const:
          return "const";
        case TokenType._while:
          return "while";
        case TokenType._with:
          return "with";
        case TokenType._new:
          return "new";
        case TokenType._this:
          return "this";
        case TokenType._super:
          return "super";
        case TokenType._class:
          return "class";
        case TokenType._extends:
          return "extends";
        case TokenType._export:
          return "export";
        case TokenType._import:
          return "import";
        case TokenType._yield:
          return "yield";
        case TokenType._null:
          return "null";
        case TokenType._true:
          return "true";
        case TokenType._false:
          return "false";
        case TokenType._in:
          return "in";
        case TokenType._instanceof:
          return "instanceof";
        case TokenType._typeof:
          return "typeof";
        case TokenType._void:
          return "void";
        case TokenType._delete:
          return "delete";
        case TokenType._async:
          return "async";
        case TokenType._get:
          return "get";
        case TokenType._set:
          return "set";
        case TokenType._declare:
          return "declare";
        case TokenType._readonly:
          return "readonly";
        case TokenType._abstract:
          return "abstract";
        case TokenType._static:
          return "static";
        case TokenType._public:
          return "public";
        case TokenType._private:
          return "private";
        case TokenType._protected:
          return "protected";
        case TokenType._override:
          return "override";
        case TokenType._as:
          return "as";
        case TokenType._enum:
          return "enum";
        case TokenType._type:
          return "type";
        case TokenType._implements:
          return "implements";
        default:
          return "";
      }
    }
    exports.formatTokenType = formatTokenType;
  }
});

// node_modules/sucrase/dist/parser/tokenizer/state.js
var require_state = __commonJS({
  "node_modules/sucrase/dist/parser/tokenizer/state.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _keywords = require_keywords(), _types = require_types(), Scope = class {
      constructor(startTokenIndex, endTokenIndex, isFunctionScope) {
        this.startTokenIndex = startTokenIndex, this.endTokenIndex = endTokenIndex, this.isFunctionScope = isFunctionScope;
      }
    };
    exports.Scope = Scope;
    var StateSnapshot = class {
      constructor(potentialArrowAt, noAnonFunctionType, inDisallowConditionalTypesContext, tokensLength, scopesLength, pos, type, contextualKeyword, start, end, isType, scopeDepth, error) {
        this.potentialArrowAt = potentialArrowAt, this.noAnonFunctionType = noAnonFunctionType, this.inDisallowConditionalTypesContext = inDisallowConditionalTypesContext, this.tokensLength = tokensLength, this.scopesLength = scopesLength, this.pos = pos, this.type = type, this.contextualKeyword = contextualKeyword, this.start = start, this.end = end, this.isType = isType, this.scopeDepth = scopeDepth, this.error = error;
      }
    };
    exports.StateSnapshot = StateSnapshot;
    var State = class _State {
      constructor() {
        _State.prototype.__init.call(this), _State.prototype.__init2.call(this), _State.prototype.__init3.call(this), _State.prototype.__init4.call(this), _State.prototype.__init5.call(this), _State.prototype.__init6.call(this), _State.prototype.__init7.call(this), _State.prototype.__init8.call(this), _State.prototype.__init9.call(this), _State.prototype.__init10.call(this), _State.prototype.__init11.call(this), _State.prototype.__init12.call(this), _State.prototype.__init13.call(this);
      }
      // Used to signify the start of a potential arrow function
      __init() {
        this.potentialArrowAt = -1;
      }
      // Used by Flow to handle an edge case involving function type parsing.
      __init2() {
        this.noAnonFunctionType = !1;
      }
      // Used by TypeScript to handle ambiguities when parsing conditional types.
      __init3() {
        this.inDisallowConditionalTypesContext = !1;
      }
      // Token store.
      __init4() {
        this.tokens = [];
      }
      // Array of all observed scopes, ordered by their ending position.
      __init5() {
        this.scopes = [];
      }
      // The current position of the tokenizer in the input.
      __init6() {
        this.pos = 0;
      }
      // Information about the current token.
      __init7() {
        this.type = _types.TokenType.eof;
      }
      __init8() {
        this.contextualKeyword = _keywords.ContextualKeyword.NONE;
      }
      __init9() {
        this.start = 0;
      }
      __init10() {
        this.end = 0;
      }
      __init11() {
        this.isType = !1;
      }
      __init12() {
        this.scopeDepth = 0;
      }
      /**
       * If the parser is in an error state, then the token is always tt.eof and all functions can
       * keep executing but should be written so they don't get into an infinite loop in this situation.
       *
       * This approach, combined with the ability to snapshot and restore state, allows us to implement
       * backtracking without exceptions and without needing to explicitly propagate error states
       * everywhere.
       */
      __init13() {
        this.error = null;
      }
      snapshot() {
        return new StateSnapshot(
          this.potentialArrowAt,
          this.noAnonFunctionType,
          this.inDisallowConditionalTypesContext,
          this.tokens.length,
          this.scopes.length,
          this.pos,
          this.type,
          this.contextualKeyword,
          this.start,
          this.end,
          this.isType,
          this.scopeDepth,
          this.error
        );
      }
      restoreFromSnapshot(snapshot) {
        this.potentialArrowAt = snapshot.potentialArrowAt, this.noAnonFunctionType = snapshot.noAnonFunctionType, this.inDisallowConditionalTypesContext = snapshot.inDisallowConditionalTypesContext, this.tokens.length = snapshot.tokensLength, this.scopes.length = snapshot.scopesLength, this.pos = snapshot.pos, this.type = snapshot.type, this.contextualKeyword = snapshot.contextualKeyword, this.start = snapshot.start, this.end = snapshot.end, this.isType = snapshot.isType, this.scopeDepth = snapshot.scopeDepth, this.error = snapshot.error;
      }
    };
    exports.default = State;
  }
});

// node_modules/sucrase/dist/parser/util/charcodes.js
var require_charcodes = __commonJS({
  "node_modules/sucrase/dist/parser/util/charcodes.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var charCodes;
    (function(charCodes2) {
      charCodes2[charCodes2.backSpace = 8] = "backSpace";
      let lineFeed = 10;
      charCodes2[charCodes2.lineFeed = lineFeed] = "lineFeed";
      let tab = 9;
      charCodes2[charCodes2.tab = tab] = "tab";
      let carriageReturn = 13;
      charCodes2[charCodes2.carriageReturn = carriageReturn] = "carriageReturn";
      let shiftOut = 14;
      charCodes2[charCodes2.shiftOut = shiftOut] = "shiftOut";
      let space = 32;
      charCodes2[charCodes2.space = space] = "space";
      let exclamationMark = 33;
      charCodes2[charCodes2.exclamationMark = exclamationMark] = "exclamationMark";
      let quotationMark = 34;
      charCodes2[charCodes2.quotationMark = quotationMark] = "quotationMark";
      let numberSign = 35;
      charCodes2[charCodes2.numberSign = numberSign] = "numberSign";
      let dollarSign = 36;
      charCodes2[charCodes2.dollarSign = dollarSign] = "dollarSign";
      let percentSign = 37;
      charCodes2[charCodes2.percentSign = percentSign] = "percentSign";
      let ampersand = 38;
      charCodes2[charCodes2.ampersand = ampersand] = "ampersand";
      let apostrophe = 39;
      charCodes2[charCodes2.apostrophe = apostrophe] = "apostrophe";
      let leftParenthesis = 40;
      charCodes2[charCodes2.leftParenthesis = leftParenthesis] = "leftParenthesis";
      let rightParenthesis = 41;
      charCodes2[charCodes2.rightParenthesis = rightParenthesis] = "rightParenthesis";
      let asterisk = 42;
      charCodes2[charCodes2.asterisk = asterisk] = "asterisk";
      let plusSign = 43;
      charCodes2[charCodes2.plusSign = plusSign] = "plusSign";
      let comma = 44;
      charCodes2[charCodes2.comma = comma] = "comma";
      let dash = 45;
      charCodes2[charCodes2.dash = dash] = "dash";
      let dot = 46;
      charCodes2[charCodes2.dot = dot] = "dot";
      let slash = 47;
      charCodes2[charCodes2.slash = slash] = "slash";
      let digit0 = 48;
      charCodes2[charCodes2.digit0 = digit0] = "digit0";
      let digit1 = 49;
      charCodes2[charCodes2.digit1 = digit1] = "digit1";
      let digit2 = 50;
      charCodes2[charCodes2.digit2 = digit2] = "digit2";
      let digit3 = 51;
      charCodes2[charCodes2.digit3 = digit3] = "digit3";
      let digit4 = 52;
      charCodes2[charCodes2.digit4 = digit4] = "digit4";
      let digit5 = 53;
      charCodes2[charCodes2.digit5 = digit5] = "digit5";
      let digit6 = 54;
      charCodes2[charCodes2.digit6 = digit6] = "digit6";
      let digit7 = 55;
      charCodes2[charCodes2.digit7 = digit7] = "digit7";
      let digit8 = 56;
      charCodes2[charCodes2.digit8 = digit8] = "digit8";
      let digit9 = 57;
      charCodes2[charCodes2.digit9 = digit9] = "digit9";
      let colon = 58;
      charCodes2[charCodes2.colon = colon] = "colon";
      let semicolon = 59;
      charCodes2[charCodes2.semicolon = semicolon] = "semicolon";
      let lessThan = 60;
      charCodes2[charCodes2.lessThan = lessThan] = "lessThan";
      let equalsTo = 61;
      charCodes2[charCodes2.equalsTo = equalsTo] = "equalsTo";
      let greaterThan = 62;
      charCodes2[charCodes2.greaterThan = greaterThan] = "greaterThan";
      let questionMark = 63;
      charCodes2[charCodes2.questionMark = questionMark] = "questionMark";
      let atSign = 64;
      charCodes2[charCodes2.atSign = atSign] = "atSign";
      let uppercaseA = 65;
      charCodes2[charCodes2.uppercaseA = uppercaseA] = "uppercaseA";
      let uppercaseB = 66;
      charCodes2[charCodes2.uppercaseB = uppercaseB] = "uppercaseB";
      let uppercaseC = 67;
      charCodes2[charCodes2.uppercaseC = uppercaseC] = "uppercaseC";
      let uppercaseD = 68;
      charCodes2[charCodes2.uppercaseD = uppercaseD] = "uppercaseD";
      let uppercaseE = 69;
      charCodes2[charCodes2.uppercaseE = uppercaseE] = "uppercaseE";
      let uppercaseF = 70;
      charCodes2[charCodes2.uppercaseF = uppercaseF] = "uppercaseF";
      let uppercaseG = 71;
      charCodes2[charCodes2.uppercaseG = uppercaseG] = "uppercaseG";
      let uppercaseH = 72;
      charCodes2[charCodes2.uppercaseH = uppercaseH] = "uppercaseH";
      let uppercaseI = 73;
      charCodes2[charCodes2.uppercaseI = uppercaseI] = "uppercaseI";
      let uppercaseJ = 74;
      charCodes2[charCodes2.uppercaseJ = uppercaseJ] = "uppercaseJ";
      let uppercaseK = 75;
      charCodes2[charCodes2.uppercaseK = uppercaseK] = "uppercaseK";
      let uppercaseL = 76;
      charCodes2[charCodes2.uppercaseL = uppercaseL] = "uppercaseL";
      let uppercaseM = 77;
      charCodes2[charCodes2.uppercaseM = uppercaseM] = "uppercaseM";
      let uppercaseN = 78;
      charCodes2[charCodes2.uppercaseN = uppercaseN] = "uppercaseN";
      let uppercaseO = 79;
      charCodes2[charCodes2.uppercaseO = uppercaseO] = "uppercaseO";
      let uppercaseP = 80;
      charCodes2[charCodes2.uppercaseP = uppercaseP] = "uppercaseP";
      let uppercaseQ = 81;
      charCodes2[charCodes2.uppercaseQ = uppercaseQ] = "uppercaseQ";
      let uppercaseR = 82;
      charCodes2[charCodes2.uppercaseR = uppercaseR] = "uppercaseR";
      let uppercaseS = 83;
      charCodes2[charCodes2.uppercaseS = uppercaseS] = "uppercaseS";
      let uppercaseT = 84;
      charCodes2[charCodes2.uppercaseT = uppercaseT] = "uppercaseT";
      let uppercaseU = 85;
      charCodes2[charCodes2.uppercaseU = uppercaseU] = "uppercaseU";
      let uppercaseV = 86;
      charCodes2[charCodes2.uppercaseV = uppercaseV] = "uppercaseV";
      let uppercaseW = 87;
      charCodes2[charCodes2.uppercaseW = uppercaseW] = "uppercaseW";
      let uppercaseX = 88;
      charCodes2[charCodes2.uppercaseX = uppercaseX] = "uppercaseX";
      let uppercaseY = 89;
      charCodes2[charCodes2.uppercaseY = uppercaseY] = "uppercaseY";
      let uppercaseZ = 90;
      charCodes2[charCodes2.uppercaseZ = uppercaseZ] = "uppercaseZ";
      let leftSquareBracket = 91;
      charCodes2[charCodes2.leftSquareBracket = leftSquareBracket] = "leftSquareBracket";
      let backslash = 92;
      charCodes2[charCodes2.backslash = backslash] = "backslash";
      let rightSquareBracket = 93;
      charCodes2[charCodes2.rightSquareBracket = rightSquareBracket] = "rightSquareBracket";
      let caret = 94;
      charCodes2[charCodes2.caret = caret] = "caret";
      let underscore = 95;
      charCodes2[charCodes2.underscore = underscore] = "underscore";
      let graveAccent = 96;
      charCodes2[charCodes2.graveAccent = graveAccent] = "graveAccent";
      let lowercaseA = 97;
      charCodes2[charCodes2.lowercaseA = lowercaseA] = "lowercaseA";
      let lowercaseB = 98;
      charCodes2[charCodes2.lowercaseB = lowercaseB] = "lowercaseB";
      let lowercaseC = 99;
      charCodes2[charCodes2.lowercaseC = lowercaseC] = "lowercaseC";
      let lowercaseD = 100;
      charCodes2[charCodes2.lowercaseD = lowercaseD] = "lowercaseD";
      let lowercaseE = 101;
      charCodes2[charCodes2.lowercaseE = lowercaseE] = "lowercaseE";
      let lowercaseF = 102;
      charCodes2[charCodes2.lowercaseF = lowercaseF] = "lowercaseF";
      let lowercaseG = 103;
      charCodes2[charCodes2.lowercaseG = lowercaseG] = "lowercaseG";
      let lowercaseH = 104;
      charCodes2[charCodes2.lowercaseH = lowercaseH] = "lowercaseH";
      let lowercaseI = 105;
      charCodes2[charCodes2.lowercaseI = lowercaseI] = "lowercaseI";
      let lowercaseJ = 106;
      charCodes2[charCodes2.lowercaseJ = lowercaseJ] = "lowercaseJ";
      let lowercaseK = 107;
      charCodes2[charCodes2.lowercaseK = lowercaseK] = "lowercaseK";
      let lowercaseL = 108;
      charCodes2[charCodes2.lowercaseL = lowercaseL] = "lowercaseL";
      let lowercaseM = 109;
      charCodes2[charCodes2.lowercaseM = lowercaseM] = "lowercaseM";
      let lowercaseN = 110;
      charCodes2[charCodes2.lowercaseN = lowercaseN] = "lowercaseN";
      let lowercaseO = 111;
      charCodes2[charCodes2.lowercaseO = lowercaseO] = "lowercaseO";
      let lowercaseP = 112;
      charCodes2[charCodes2.lowercaseP = lowercaseP] = "lowercaseP";
      let lowercaseQ = 113;
      charCodes2[charCodes2.lowercaseQ = lowercaseQ] = "lowercaseQ";
      let lowercaseR = 114;
      charCodes2[charCodes2.lowercaseR = lowercaseR] = "lowercaseR";
      let lowercaseS = 115;
      charCodes2[charCodes2.lowercaseS = lowercaseS] = "lowercaseS";
      let lowercaseT = 116;
      charCodes2[charCodes2.lowercaseT = lowercaseT] = "lowercaseT";
      let lowercaseU = 117;
      charCodes2[charCodes2.lowercaseU = lowercaseU] = "lowercaseU";
      let lowercaseV = 118;
      charCodes2[charCodes2.lowercaseV = lowercaseV] = "lowercaseV";
      let lowercaseW = 119;
      charCodes2[charCodes2.lowercaseW = lowercaseW] = "lowercaseW";
      let lowercaseX = 120;
      charCodes2[charCodes2.lowercaseX = lowercaseX] = "lowercaseX";
      let lowercaseY = 121;
      charCodes2[charCodes2.lowercaseY = lowercaseY] = "lowercaseY";
      let lowercaseZ = 122;
      charCodes2[charCodes2.lowercaseZ = lowercaseZ] = "lowercaseZ";
      let leftCurlyBrace = 123;
      charCodes2[charCodes2.leftCurlyBrace = leftCurlyBrace] = "leftCurlyBrace";
      let verticalBar = 124;
      charCodes2[charCodes2.verticalBar = verticalBar] = "verticalBar";
      let rightCurlyBrace = 125;
      charCodes2[charCodes2.rightCurlyBrace = rightCurlyBrace] = "rightCurlyBrace";
      let tilde = 126;
      charCodes2[charCodes2.tilde = tilde] = "tilde";
      let nonBreakingSpace = 160;
      charCodes2[charCodes2.nonBreakingSpace = nonBreakingSpace] = "nonBreakingSpace";
      let oghamSpaceMark = 5760;
      charCodes2[charCodes2.oghamSpaceMark = oghamSpaceMark] = "oghamSpaceMark";
      let lineSeparator = 8232;
      charCodes2[charCodes2.lineSeparator = lineSeparator] = "lineSeparator";
      let paragraphSeparator = 8233;
      charCodes2[charCodes2.paragraphSeparator = paragraphSeparator] = "paragraphSeparator";
    })(charCodes || (exports.charCodes = charCodes = {}));
    function isDigit(code) {
      return code >= charCodes.digit0 && code <= charCodes.digit9 || code >= charCodes.lowercaseA && code <= charCodes.lowercaseF || code >= charCodes.uppercaseA && code <= charCodes.uppercaseF;
    }
    exports.isDigit = isDigit;
  }
});

// node_modules/sucrase/dist/parser/traverser/base.js
var require_base = __commonJS({
  "node_modules/sucrase/dist/parser/traverser/base.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _state = require_state(), _state2 = _interopRequireDefault(_state), _charcodes = require_charcodes();
    exports.isJSXEnabled;
    exports.isTypeScriptEnabled;
    exports.isFlowEnabled;
    exports.state;
    exports.input;
    exports.nextContextId;
    function getNextContextId() {
      return exports.nextContextId++;
    }
    exports.getNextContextId = getNextContextId;
    function augmentError(error) {
      if ("pos" in error) {
        let loc = locationForIndex(error.pos);
        error.message += ` (${loc.line}:${loc.column})`, error.loc = loc;
      }
      return error;
    }
    exports.augmentError = augmentError;
    var Loc = class {
      constructor(line, column) {
        this.line = line, this.column = column;
      }
    };
    exports.Loc = Loc;
    function locationForIndex(pos) {
      let line = 1, column = 1;
      for (let i = 0; i < pos; i++)
        exports.input.charCodeAt(i) === _charcodes.charCodes.lineFeed ? (line++, column = 1) : column++;
      return new Loc(line, column);
    }
    exports.locationForIndex = locationForIndex;
    function initParser(inputCode, isJSXEnabledArg, isTypeScriptEnabledArg, isFlowEnabledArg) {
      exports.input = inputCode, exports.state = new _state2.default(), exports.nextContextId = 1, exports.isJSXEnabled = isJSXEnabledArg, exports.isTypeScriptEnabled = isTypeScriptEnabledArg, exports.isFlowEnabled = isFlowEnabledArg;
    }
    exports.initParser = initParser;
  }
});

// node_modules/sucrase/dist/parser/traverser/util.js
var require_util = __commonJS({
  "node_modules/sucrase/dist/parser/traverser/util.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _index = require_tokenizer(), _types = require_types(), _charcodes = require_charcodes(), _base = require_base();
    function isContextual(contextualKeyword) {
      return _base.state.contextualKeyword === contextualKeyword;
    }
    exports.isContextual = isContextual;
    function isLookaheadContextual(contextualKeyword) {
      let l = _index.lookaheadTypeAndKeyword.call(void 0);
      return l.type === _types.TokenType.name && l.contextualKeyword === contextualKeyword;
    }
    exports.isLookaheadContextual = isLookaheadContextual;
    function eatContextual(contextualKeyword) {
      return _base.state.contextualKeyword === contextualKeyword && _index.eat.call(void 0, _types.TokenType.name);
    }
    exports.eatContextual = eatContextual;
    function expectContextual(contextualKeyword) {
      eatContextual(contextualKeyword) || unexpected();
    }
    exports.expectContextual = expectContextual;
    function canInsertSemicolon() {
      return _index.match.call(void 0, _types.TokenType.eof) || _index.match.call(void 0, _types.TokenType.braceR) || hasPrecedingLineBreak();
    }
    exports.canInsertSemicolon = canInsertSemicolon;
    function hasPrecedingLineBreak() {
      let prevToken = _base.state.tokens[_base.state.tokens.length - 1], lastTokEnd = prevToken ? prevToken.end : 0;
      for (let i = lastTokEnd; i < _base.state.start; i++) {
        let code = _base.input.charCodeAt(i);
        if (code === _charcodes.charCodes.lineFeed || code === _charcodes.charCodes.carriageReturn || code === 8232 || code === 8233)
          return !0;
      }
      return !1;
    }
    exports.hasPrecedingLineBreak = hasPrecedingLineBreak;
    function hasFollowingLineBreak() {
      let nextStart = _index.nextTokenStart.call(void 0);
      for (let i = _base.state.end; i < nextStart; i++) {
        let code = _base.input.charCodeAt(i);
        if (code === _charcodes.charCodes.lineFeed || code === _charcodes.charCodes.carriageReturn || code === 8232 || code === 8233)
          return !0;
      }
      return !1;
    }
    exports.hasFollowingLineBreak = hasFollowingLineBreak;
    function isLineTerminator() {
      return _index.eat.call(void 0, _types.TokenType.semi) || canInsertSemicolon();
    }
    exports.isLineTerminator = isLineTerminator;
    function semicolon() {
      isLineTerminator() || unexpected('Unexpected token, expected ";"');
    }
    exports.semicolon = semicolon;
    function expect(type) {
      _index.eat.call(void 0, type) || unexpected(`Unexpected token, expected "${_types.formatTokenType.call(void 0, type)}"`);
    }
    exports.expect = expect;
    function unexpected(message = "Unexpected token", pos = _base.state.start) {
      if (_base.state.error)
        return;
      let err = new SyntaxError(message);
      err.pos = pos, _base.state.error = err, _base.state.pos = _base.input.length, _index.finishToken.call(void 0, _types.TokenType.eof);
    }
    exports.unexpected = unexpected;
  }
});

// node_modules/sucrase/dist/parser/util/whitespace.js
var require_whitespace = __commonJS({
  "node_modules/sucrase/dist/parser/util/whitespace.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _charcodes = require_charcodes(), WHITESPACE_CHARS = [
      9,
      11,
      12,
      _charcodes.charCodes.space,
      _charcodes.charCodes.nonBreakingSpace,
      _charcodes.charCodes.oghamSpaceMark,
      8192,
      // EN QUAD
      8193,
      // EM QUAD
      8194,
      // EN SPACE
      8195,
      // EM SPACE
      8196,
      // THREE-PER-EM SPACE
      8197,
      // FOUR-PER-EM SPACE
      8198,
      // SIX-PER-EM SPACE
      8199,
      // FIGURE SPACE
      8200,
      // PUNCTUATION SPACE
      8201,
      // THIN SPACE
      8202,
      // HAIR SPACE
      8239,
      // NARROW NO-BREAK SPACE
      8287,
      // MEDIUM MATHEMATICAL SPACE
      12288,
      // IDEOGRAPHIC SPACE
      65279
      // ZERO WIDTH NO-BREAK SPACE
    ];
    exports.WHITESPACE_CHARS = WHITESPACE_CHARS;
    var skipWhiteSpace = /(?:\s|\/\/.*|\/\*[^]*?\*\/)*/g;
    exports.skipWhiteSpace = skipWhiteSpace;
    var IS_WHITESPACE = new Uint8Array(65536);
    exports.IS_WHITESPACE = IS_WHITESPACE;
    for (let char of exports.WHITESPACE_CHARS)
      exports.IS_WHITESPACE[char] = 1;
  }
});

// node_modules/sucrase/dist/parser/util/identifier.js
var require_identifier = __commonJS({
  "node_modules/sucrase/dist/parser/util/identifier.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _charcodes = require_charcodes(), _whitespace = require_whitespace();
    function computeIsIdentifierChar(code) {
      if (code < 48) return code === 36;
      if (code < 58) return !0;
      if (code < 65) return !1;
      if (code < 91) return !0;
      if (code < 97) return code === 95;
      if (code < 123) return !0;
      if (code < 128) return !1;
      throw new Error("Should not be called with non-ASCII char code.");
    }
    var IS_IDENTIFIER_CHAR = new Uint8Array(65536);
    exports.IS_IDENTIFIER_CHAR = IS_IDENTIFIER_CHAR;
    for (let i = 0; i < 128; i++)
      exports.IS_IDENTIFIER_CHAR[i] = computeIsIdentifierChar(i) ? 1 : 0;
    for (let i = 128; i < 65536; i++)
      exports.IS_IDENTIFIER_CHAR[i] = 1;
    for (let whitespaceChar of _whitespace.WHITESPACE_CHARS)
      exports.IS_IDENTIFIER_CHAR[whitespaceChar] = 0;
    exports.IS_IDENTIFIER_CHAR[8232] = 0;
    exports.IS_IDENTIFIER_CHAR[8233] = 0;
    var IS_IDENTIFIER_START = exports.IS_IDENTIFIER_CHAR.slice();
    exports.IS_IDENTIFIER_START = IS_IDENTIFIER_START;
    for (let numChar = _charcodes.charCodes.digit0; numChar <= _charcodes.charCodes.digit9; numChar++)
      exports.IS_IDENTIFIER_START[numChar] = 0;
  }
});

// node_modules/sucrase/dist/parser/tokenizer/readWordTree.js
var require_readWordTree = __commonJS({
  "node_modules/sucrase/dist/parser/tokenizer/readWordTree.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _keywords = require_keywords(), _types = require_types(), READ_WORD_TREE = new Int32Array([
      // ""
      -1,
      27,
      783,
      918,
      1755,
      2376,
      2862,
      3483,
      -1,
      3699,
      -1,
      4617,
      4752,
      4833,
      5130,
      5508,
      5940,
      -1,
      6480,
      6939,
      7749,
      8181,
      8451,
      8613,
      -1,
      8829,
      -1,
      // "a"
      -1,
      -1,
      54,
      243,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      432,
      -1,
      -1,
      -1,
      675,
      -1,
      -1,
      -1,
      // "ab"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      81,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "abs"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      108,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "abst"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      135,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "abstr"
      -1,
      162,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "abstra"
      -1,
      -1,
      -1,
      189,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "abstrac"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      216,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "abstract"
      _keywords.ContextualKeyword._abstract << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ac"
      -1,
      -1,
      -1,
      270,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "acc"
      -1,
      -1,
      -1,
      -1,
      -1,
      297,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "acce"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      324,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "acces"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      351,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "access"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      378,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "accesso"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      405,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "accessor"
      _keywords.ContextualKeyword._accessor << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "as"
      _keywords.ContextualKeyword._as << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      459,
      -1,
      -1,
      -1,
      -1,
      -1,
      594,
      -1,
      // "ass"
      -1,
      -1,
      -1,
      -1,
      -1,
      486,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "asse"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      513,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "asser"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      540,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "assert"
      _keywords.ContextualKeyword._assert << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      567,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "asserts"
      _keywords.ContextualKeyword._asserts << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "asy"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      621,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "asyn"
      -1,
      -1,
      -1,
      648,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "async"
      _keywords.ContextualKeyword._async << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "aw"
      -1,
      702,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "awa"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      729,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "awai"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      756,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "await"
      _keywords.ContextualKeyword._await << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "b"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      810,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "br"
      -1,
      -1,
      -1,
      -1,
      -1,
      837,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "bre"
      -1,
      864,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "brea"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      891,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "break"
      (_types.TokenType._break << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "c"
      -1,
      945,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1107,
      -1,
      -1,
      -1,
      1242,
      -1,
      -1,
      1350,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ca"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      972,
      1026,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "cas"
      -1,
      -1,
      -1,
      -1,
      -1,
      999,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "case"
      (_types.TokenType._case << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "cat"
      -1,
      -1,
      -1,
      1053,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "catc"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1080,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "catch"
      (_types.TokenType._catch << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ch"
      -1,
      -1,
      -1,
      -1,
      -1,
      1134,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "che"
      -1,
      -1,
      -1,
      1161,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "chec"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1188,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "check"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1215,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "checks"
      _keywords.ContextualKeyword._checks << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "cl"
      -1,
      1269,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "cla"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1296,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "clas"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1323,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "class"
      (_types.TokenType._class << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "co"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1377,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "con"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1404,
      1620,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "cons"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1431,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "const"
      (_types.TokenType._const << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1458,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "constr"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1485,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "constru"
      -1,
      -1,
      -1,
      1512,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "construc"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1539,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "construct"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1566,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "constructo"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1593,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "constructor"
      _keywords.ContextualKeyword._constructor << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "cont"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1647,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "conti"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1674,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "contin"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1701,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "continu"
      -1,
      -1,
      -1,
      -1,
      -1,
      1728,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "continue"
      (_types.TokenType._continue << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "d"
      -1,
      -1,
      -1,
      -1,
      -1,
      1782,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2349,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "de"
      -1,
      -1,
      1809,
      1971,
      -1,
      -1,
      2106,
      -1,
      -1,
      -1,
      -1,
      -1,
      2241,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "deb"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1836,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "debu"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1863,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "debug"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1890,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "debugg"
      -1,
      -1,
      -1,
      -1,
      -1,
      1917,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "debugge"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1944,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "debugger"
      (_types.TokenType._debugger << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "dec"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      1998,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "decl"
      -1,
      2025,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "decla"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2052,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "declar"
      -1,
      -1,
      -1,
      -1,
      -1,
      2079,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "declare"
      _keywords.ContextualKeyword._declare << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "def"
      -1,
      2133,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "defa"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2160,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "defau"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2187,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "defaul"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2214,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "default"
      (_types.TokenType._default << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "del"
      -1,
      -1,
      -1,
      -1,
      -1,
      2268,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "dele"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2295,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "delet"
      -1,
      -1,
      -1,
      -1,
      -1,
      2322,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "delete"
      (_types.TokenType._delete << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "do"
      (_types.TokenType._do << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "e"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2403,
      -1,
      2484,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2565,
      -1,
      -1,
      // "el"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2430,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "els"
      -1,
      -1,
      -1,
      -1,
      -1,
      2457,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "else"
      (_types.TokenType._else << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "en"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2511,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "enu"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2538,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "enum"
      _keywords.ContextualKeyword._enum << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ex"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2592,
      -1,
      -1,
      -1,
      2727,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "exp"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2619,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "expo"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2646,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "expor"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2673,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "export"
      (_types.TokenType._export << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2700,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "exports"
      _keywords.ContextualKeyword._exports << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ext"
      -1,
      -1,
      -1,
      -1,
      -1,
      2754,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "exte"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2781,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "exten"
      -1,
      -1,
      -1,
      -1,
      2808,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "extend"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2835,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "extends"
      (_types.TokenType._extends << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "f"
      -1,
      2889,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2997,
      -1,
      -1,
      -1,
      -1,
      -1,
      3159,
      -1,
      -1,
      3213,
      -1,
      -1,
      3294,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "fa"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2916,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "fal"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      2943,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "fals"
      -1,
      -1,
      -1,
      -1,
      -1,
      2970,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "false"
      (_types.TokenType._false << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "fi"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3024,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "fin"
      -1,
      3051,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "fina"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3078,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "final"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3105,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "finall"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3132,
      -1,
      // "finally"
      (_types.TokenType._finally << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "fo"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3186,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "for"
      (_types.TokenType._for << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "fr"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3240,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "fro"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3267,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "from"
      _keywords.ContextualKeyword._from << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "fu"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3321,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "fun"
      -1,
      -1,
      -1,
      3348,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "func"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3375,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "funct"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3402,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "functi"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3429,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "functio"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3456,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "function"
      (_types.TokenType._function << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "g"
      -1,
      -1,
      -1,
      -1,
      -1,
      3510,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3564,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ge"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3537,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "get"
      _keywords.ContextualKeyword._get << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "gl"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3591,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "glo"
      -1,
      -1,
      3618,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "glob"
      -1,
      3645,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "globa"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3672,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "global"
      _keywords.ContextualKeyword._global << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "i"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3726,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3753,
      4077,
      -1,
      -1,
      -1,
      -1,
      4590,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "if"
      (_types.TokenType._if << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "im"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3780,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "imp"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3807,
      -1,
      -1,
      3996,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "impl"
      -1,
      -1,
      -1,
      -1,
      -1,
      3834,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "imple"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3861,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "implem"
      -1,
      -1,
      -1,
      -1,
      -1,
      3888,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "impleme"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3915,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "implemen"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3942,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "implement"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      3969,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "implements"
      _keywords.ContextualKeyword._implements << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "impo"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4023,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "impor"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4050,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "import"
      (_types.TokenType._import << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "in"
      (_types.TokenType._in << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4104,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4185,
      4401,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "inf"
      -1,
      -1,
      -1,
      -1,
      -1,
      4131,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "infe"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4158,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "infer"
      _keywords.ContextualKeyword._infer << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ins"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4212,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "inst"
      -1,
      4239,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "insta"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4266,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "instan"
      -1,
      -1,
      -1,
      4293,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "instanc"
      -1,
      -1,
      -1,
      -1,
      -1,
      4320,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "instance"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4347,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "instanceo"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4374,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "instanceof"
      (_types.TokenType._instanceof << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "int"
      -1,
      -1,
      -1,
      -1,
      -1,
      4428,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "inte"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4455,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "inter"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4482,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "interf"
      -1,
      4509,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "interfa"
      -1,
      -1,
      -1,
      4536,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "interfac"
      -1,
      -1,
      -1,
      -1,
      -1,
      4563,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "interface"
      _keywords.ContextualKeyword._interface << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "is"
      _keywords.ContextualKeyword._is << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "k"
      -1,
      -1,
      -1,
      -1,
      -1,
      4644,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ke"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4671,
      -1,
      // "key"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4698,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "keyo"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4725,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "keyof"
      _keywords.ContextualKeyword._keyof << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "l"
      -1,
      -1,
      -1,
      -1,
      -1,
      4779,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "le"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4806,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "let"
      (_types.TokenType._let << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "m"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4860,
      -1,
      -1,
      -1,
      -1,
      -1,
      4995,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "mi"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4887,
      -1,
      -1,
      // "mix"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4914,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "mixi"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4941,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "mixin"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      4968,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "mixins"
      _keywords.ContextualKeyword._mixins << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "mo"
      -1,
      -1,
      -1,
      -1,
      5022,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "mod"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5049,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "modu"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5076,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "modul"
      -1,
      -1,
      -1,
      -1,
      -1,
      5103,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "module"
      _keywords.ContextualKeyword._module << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "n"
      -1,
      5157,
      -1,
      -1,
      -1,
      5373,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5427,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "na"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5184,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "nam"
      -1,
      -1,
      -1,
      -1,
      -1,
      5211,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "name"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5238,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "names"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5265,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "namesp"
      -1,
      5292,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "namespa"
      -1,
      -1,
      -1,
      5319,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "namespac"
      -1,
      -1,
      -1,
      -1,
      -1,
      5346,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "namespace"
      _keywords.ContextualKeyword._namespace << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ne"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5400,
      -1,
      -1,
      -1,
      // "new"
      (_types.TokenType._new << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "nu"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5454,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "nul"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5481,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "null"
      (_types.TokenType._null << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "o"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5535,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5562,
      -1,
      -1,
      -1,
      -1,
      5697,
      5751,
      -1,
      -1,
      -1,
      -1,
      // "of"
      _keywords.ContextualKeyword._of << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "op"
      -1,
      5589,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "opa"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5616,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "opaq"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5643,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "opaqu"
      -1,
      -1,
      -1,
      -1,
      -1,
      5670,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "opaque"
      _keywords.ContextualKeyword._opaque << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ou"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5724,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "out"
      _keywords.ContextualKeyword._out << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ov"
      -1,
      -1,
      -1,
      -1,
      -1,
      5778,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ove"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5805,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "over"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5832,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "overr"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5859,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "overri"
      -1,
      -1,
      -1,
      -1,
      5886,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "overrid"
      -1,
      -1,
      -1,
      -1,
      -1,
      5913,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "override"
      _keywords.ContextualKeyword._override << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "p"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5967,
      -1,
      -1,
      6345,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "pr"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      5994,
      -1,
      -1,
      -1,
      -1,
      -1,
      6129,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "pri"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6021,
      -1,
      -1,
      -1,
      -1,
      // "priv"
      -1,
      6048,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "priva"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6075,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "privat"
      -1,
      -1,
      -1,
      -1,
      -1,
      6102,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "private"
      _keywords.ContextualKeyword._private << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "pro"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6156,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "prot"
      -1,
      -1,
      -1,
      -1,
      -1,
      6183,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6318,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "prote"
      -1,
      -1,
      -1,
      6210,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "protec"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6237,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "protect"
      -1,
      -1,
      -1,
      -1,
      -1,
      6264,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "protecte"
      -1,
      -1,
      -1,
      -1,
      6291,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "protected"
      _keywords.ContextualKeyword._protected << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "proto"
      _keywords.ContextualKeyword._proto << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "pu"
      -1,
      -1,
      6372,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "pub"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6399,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "publ"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6426,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "publi"
      -1,
      -1,
      -1,
      6453,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "public"
      _keywords.ContextualKeyword._public << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "r"
      -1,
      -1,
      -1,
      -1,
      -1,
      6507,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "re"
      -1,
      6534,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6696,
      -1,
      -1,
      6831,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "rea"
      -1,
      -1,
      -1,
      -1,
      6561,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "read"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6588,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "reado"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6615,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "readon"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6642,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "readonl"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6669,
      -1,
      // "readonly"
      _keywords.ContextualKeyword._readonly << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "req"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6723,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "requ"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6750,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "requi"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6777,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "requir"
      -1,
      -1,
      -1,
      -1,
      -1,
      6804,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "require"
      _keywords.ContextualKeyword._require << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ret"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6858,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "retu"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6885,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "retur"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6912,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "return"
      (_types.TokenType._return << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "s"
      -1,
      6966,
      -1,
      -1,
      -1,
      7182,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7236,
      7371,
      -1,
      7479,
      -1,
      7614,
      -1,
      // "sa"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      6993,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "sat"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7020,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "sati"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7047,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "satis"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7074,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "satisf"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7101,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "satisfi"
      -1,
      -1,
      -1,
      -1,
      -1,
      7128,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "satisfie"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7155,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "satisfies"
      _keywords.ContextualKeyword._satisfies << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "se"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7209,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "set"
      _keywords.ContextualKeyword._set << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "st"
      -1,
      7263,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "sta"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7290,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "stat"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7317,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "stati"
      -1,
      -1,
      -1,
      7344,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "static"
      _keywords.ContextualKeyword._static << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "su"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7398,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "sup"
      -1,
      -1,
      -1,
      -1,
      -1,
      7425,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "supe"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7452,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "super"
      (_types.TokenType._super << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "sw"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7506,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "swi"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7533,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "swit"
      -1,
      -1,
      -1,
      7560,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "switc"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7587,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "switch"
      (_types.TokenType._switch << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "sy"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7641,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "sym"
      -1,
      -1,
      7668,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "symb"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7695,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "symbo"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7722,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "symbol"
      _keywords.ContextualKeyword._symbol << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "t"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7776,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7938,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8046,
      -1,
      // "th"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7803,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7857,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "thi"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7830,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "this"
      (_types.TokenType._this << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "thr"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7884,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "thro"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7911,
      -1,
      -1,
      -1,
      // "throw"
      (_types.TokenType._throw << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "tr"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      7965,
      -1,
      -1,
      -1,
      8019,
      -1,
      // "tru"
      -1,
      -1,
      -1,
      -1,
      -1,
      7992,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "true"
      (_types.TokenType._true << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "try"
      (_types.TokenType._try << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "ty"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8073,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "typ"
      -1,
      -1,
      -1,
      -1,
      -1,
      8100,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "type"
      _keywords.ContextualKeyword._type << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8127,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "typeo"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8154,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "typeof"
      (_types.TokenType._typeof << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "u"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8208,
      -1,
      -1,
      -1,
      -1,
      8343,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "un"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8235,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "uni"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8262,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "uniq"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8289,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "uniqu"
      -1,
      -1,
      -1,
      -1,
      -1,
      8316,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "unique"
      _keywords.ContextualKeyword._unique << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "us"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8370,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "usi"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8397,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "usin"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8424,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "using"
      _keywords.ContextualKeyword._using << 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "v"
      -1,
      8478,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8532,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "va"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8505,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "var"
      (_types.TokenType._var << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "vo"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8559,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "voi"
      -1,
      -1,
      -1,
      -1,
      8586,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "void"
      (_types.TokenType._void << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "w"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8640,
      8748,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "wh"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8667,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "whi"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8694,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "whil"
      -1,
      -1,
      -1,
      -1,
      -1,
      8721,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "while"
      (_types.TokenType._while << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "wi"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8775,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "wit"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8802,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "with"
      (_types.TokenType._with << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "y"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8856,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "yi"
      -1,
      -1,
      -1,
      -1,
      -1,
      8883,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "yie"
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      8910,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "yiel"
      -1,
      -1,
      -1,
      -1,
      8937,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      // "yield"
      (_types.TokenType._yield << 1) + 1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1,
      -1
    ]);
    exports.READ_WORD_TREE = READ_WORD_TREE;
  }
});

// node_modules/sucrase/dist/parser/tokenizer/readWord.js
var require_readWord = __commonJS({
  "node_modules/sucrase/dist/parser/tokenizer/readWord.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _base = require_base(), _charcodes = require_charcodes(), _identifier = require_identifier(), _index = require_tokenizer(), _readWordTree = require_readWordTree(), _types = require_types();
    function readWord() {
      let treePos = 0, code = 0, pos = _base.state.pos;
      for (; pos < _base.input.length && (code = _base.input.charCodeAt(pos), !(code < _charcodes.charCodes.lowercaseA || code > _charcodes.charCodes.lowercaseZ)); ) {
        let next = _readWordTree.READ_WORD_TREE[treePos + (code - _charcodes.charCodes.lowercaseA) + 1];
        if (next === -1)
          break;
        treePos = next, pos++;
      }
      let keywordValue = _readWordTree.READ_WORD_TREE[treePos];
      if (keywordValue > -1 && !_identifier.IS_IDENTIFIER_CHAR[code]) {
        _base.state.pos = pos, keywordValue & 1 ? _index.finishToken.call(void 0, keywordValue >>> 1) : _index.finishToken.call(void 0, _types.TokenType.name, keywordValue >>> 1);
        return;
      }
      for (; pos < _base.input.length; ) {
        let ch = _base.input.charCodeAt(pos);
        if (_identifier.IS_IDENTIFIER_CHAR[ch])
          pos++;
        else if (ch === _charcodes.charCodes.backslash) {
          if (pos += 2, _base.input.charCodeAt(pos) === _charcodes.charCodes.leftCurlyBrace) {
            for (; pos < _base.input.length && _base.input.charCodeAt(pos) !== _charcodes.charCodes.rightCurlyBrace; )
              pos++;
            pos++;
          }
        } else if (ch === _charcodes.charCodes.atSign && _base.input.charCodeAt(pos + 1) === _charcodes.charCodes.atSign)
          pos += 2;
        else
          break;
      }
      _base.state.pos = pos, _index.finishToken.call(void 0, _types.TokenType.name);
    }
    exports.default = readWord;
  }
});

// node_modules/sucrase/dist/parser/tokenizer/index.js
var require_tokenizer = __commonJS({
  "node_modules/sucrase/dist/parser/tokenizer/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _base = require_base(), _util = require_util(), _charcodes = require_charcodes(), _identifier = require_identifier(), _whitespace = require_whitespace(), _keywords = require_keywords(), _readWord = require_readWord(), _readWord2 = _interopRequireDefault(_readWord), _types = require_types(), IdentifierRole;
    (function(IdentifierRole2) {
      IdentifierRole2[IdentifierRole2.Access = 0] = "Access";
      let ExportAccess = 1;
      IdentifierRole2[IdentifierRole2.ExportAccess = ExportAccess] = "ExportAccess";
      let TopLevelDeclaration = ExportAccess + 1;
      IdentifierRole2[IdentifierRole2.TopLevelDeclaration = TopLevelDeclaration] = "TopLevelDeclaration";
      let FunctionScopedDeclaration = TopLevelDeclaration + 1;
      IdentifierRole2[IdentifierRole2.FunctionScopedDeclaration = FunctionScopedDeclaration] = "FunctionScopedDeclaration";
      let BlockScopedDeclaration = FunctionScopedDeclaration + 1;
      IdentifierRole2[IdentifierRole2.BlockScopedDeclaration = BlockScopedDeclaration] = "BlockScopedDeclaration";
      let ObjectShorthandTopLevelDeclaration = BlockScopedDeclaration + 1;
      IdentifierRole2[IdentifierRole2.ObjectShorthandTopLevelDeclaration = ObjectShorthandTopLevelDeclaration] = "ObjectShorthandTopLevelDeclaration";
      let ObjectShorthandFunctionScopedDeclaration = ObjectShorthandTopLevelDeclaration + 1;
      IdentifierRole2[IdentifierRole2.ObjectShorthandFunctionScopedDeclaration = ObjectShorthandFunctionScopedDeclaration] = "ObjectShorthandFunctionScopedDeclaration";
      let ObjectShorthandBlockScopedDeclaration = ObjectShorthandFunctionScopedDeclaration + 1;
      IdentifierRole2[IdentifierRole2.ObjectShorthandBlockScopedDeclaration = ObjectShorthandBlockScopedDeclaration] = "ObjectShorthandBlockScopedDeclaration";
      let ObjectShorthand = ObjectShorthandBlockScopedDeclaration + 1;
      IdentifierRole2[IdentifierRole2.ObjectShorthand = ObjectShorthand] = "ObjectShorthand";
      let ImportDeclaration = ObjectShorthand + 1;
      IdentifierRole2[IdentifierRole2.ImportDeclaration = ImportDeclaration] = "ImportDeclaration";
      let ObjectKey = ImportDeclaration + 1;
      IdentifierRole2[IdentifierRole2.ObjectKey = ObjectKey] = "ObjectKey";
      let ImportAccess = ObjectKey + 1;
      IdentifierRole2[IdentifierRole2.ImportAccess = ImportAccess] = "ImportAccess";
    })(IdentifierRole || (exports.IdentifierRole = IdentifierRole = {}));
    var JSXRole;
    (function(JSXRole2) {
      JSXRole2[JSXRole2.NoChildren = 0] = "NoChildren";
      let OneChild = 1;
      JSXRole2[JSXRole2.OneChild = OneChild] = "OneChild";
      let StaticChildren = OneChild + 1;
      JSXRole2[JSXRole2.StaticChildren = StaticChildren] = "StaticChildren";
      let KeyAfterPropSpread = StaticChildren + 1;
      JSXRole2[JSXRole2.KeyAfterPropSpread = KeyAfterPropSpread] = "KeyAfterPropSpread";
    })(JSXRole || (exports.JSXRole = JSXRole = {}));
    function isDeclaration(token) {
      let role = token.identifierRole;
      return role === IdentifierRole.TopLevelDeclaration || role === IdentifierRole.FunctionScopedDeclaration || role === IdentifierRole.BlockScopedDeclaration || role === IdentifierRole.ObjectShorthandTopLevelDeclaration || role === IdentifierRole.ObjectShorthandFunctionScopedDeclaration || role === IdentifierRole.ObjectShorthandBlockScopedDeclaration;
    }
    exports.isDeclaration = isDeclaration;
    function isNonTopLevelDeclaration(token) {
      let role = token.identifierRole;
      return role === IdentifierRole.FunctionScopedDeclaration || role === IdentifierRole.BlockScopedDeclaration || role === IdentifierRole.ObjectShorthandFunctionScopedDeclaration || role === IdentifierRole.ObjectShorthandBlockScopedDeclaration;
    }
    exports.isNonTopLevelDeclaration = isNonTopLevelDeclaration;
    function isTopLevelDeclaration(token) {
      let role = token.identifierRole;
      return role === IdentifierRole.TopLevelDeclaration || role === IdentifierRole.ObjectShorthandTopLevelDeclaration || role === IdentifierRole.ImportDeclaration;
    }
    exports.isTopLevelDeclaration = isTopLevelDeclaration;
    function isBlockScopedDeclaration(token) {
      let role = token.identifierRole;
      return role === IdentifierRole.TopLevelDeclaration || role === IdentifierRole.BlockScopedDeclaration || role === IdentifierRole.ObjectShorthandTopLevelDeclaration || role === IdentifierRole.ObjectShorthandBlockScopedDeclaration;
    }
    exports.isBlockScopedDeclaration = isBlockScopedDeclaration;
    function isFunctionScopedDeclaration(token) {
      let role = token.identifierRole;
      return role === IdentifierRole.FunctionScopedDeclaration || role === IdentifierRole.ObjectShorthandFunctionScopedDeclaration;
    }
    exports.isFunctionScopedDeclaration = isFunctionScopedDeclaration;
    function isObjectShorthandDeclaration(token) {
      return token.identifierRole === IdentifierRole.ObjectShorthandTopLevelDeclaration || token.identifierRole === IdentifierRole.ObjectShorthandBlockScopedDeclaration || token.identifierRole === IdentifierRole.ObjectShorthandFunctionScopedDeclaration;
    }
    exports.isObjectShorthandDeclaration = isObjectShorthandDeclaration;
    var Token = class {
      constructor() {
        this.type = _base.state.type, this.contextualKeyword = _base.state.contextualKeyword, this.start = _base.state.start, this.end = _base.state.end, this.scopeDepth = _base.state.scopeDepth, this.isType = _base.state.isType, this.identifierRole = null, this.jsxRole = null, this.shadowsGlobal = !1, this.isAsyncOperation = !1, this.contextId = null, this.rhsEndIndex = null, this.isExpression = !1, this.numNullishCoalesceStarts = 0, this.numNullishCoalesceEnds = 0, this.isOptionalChainStart = !1, this.isOptionalChainEnd = !1, this.subscriptStartIndex = null, this.nullishStartIndex = null;
      }
      // Initially false for all tokens, then may be computed in a follow-up step that does scope
      // analysis.
      // Initially false for all tokens, but may be set during transform to mark it as containing an
      // await operation.
      // For assignments, the index of the RHS. For export tokens, the end of the export.
      // For class tokens, records if the class is a class expression or a class statement.
      // Number of times to insert a `nullishCoalesce(` snippet before this token.
      // Number of times to insert a `)` snippet after this token.
      // If true, insert an `optionalChain([` snippet before this token.
      // If true, insert a `])` snippet after this token.
      // Tag for `.`, `?.`, `[`, `?.[`, `(`, and `?.(` to denote the "root" token for this
      // subscript chain. This can be used to determine if this chain is an optional chain.
      // Tag for `??` operators to denote the root token for this nullish coalescing call.
    };
    exports.Token = Token;
    function next() {
      _base.state.tokens.push(new Token()), nextToken();
    }
    exports.next = next;
    function nextTemplateToken() {
      _base.state.tokens.push(new Token()), _base.state.start = _base.state.pos, readTmplToken();
    }
    exports.nextTemplateToken = nextTemplateToken;
    function retokenizeSlashAsRegex() {
      _base.state.type === _types.TokenType.assign && --_base.state.pos, readRegexp();
    }
    exports.retokenizeSlashAsRegex = retokenizeSlashAsRegex;
    function pushTypeContext(existingTokensInType) {
      for (let i = _base.state.tokens.length - existingTokensInType; i < _base.state.tokens.length; i++)
        _base.state.tokens[i].isType = !0;
      let oldIsType = _base.state.isType;
      return _base.state.isType = !0, oldIsType;
    }
    exports.pushTypeContext = pushTypeContext;
    function popTypeContext(oldIsType) {
      _base.state.isType = oldIsType;
    }
    exports.popTypeContext = popTypeContext;
    function eat(type) {
      return match(type) ? (next(), !0) : !1;
    }
    exports.eat = eat;
    function eatTypeToken(tokenType) {
      let oldIsType = _base.state.isType;
      _base.state.isType = !0, eat(tokenType), _base.state.isType = oldIsType;
    }
    exports.eatTypeToken = eatTypeToken;
    function match(type) {
      return _base.state.type === type;
    }
    exports.match = match;
    function lookaheadType() {
      let snapshot = _base.state.snapshot();
      next();
      let type = _base.state.type;
      return _base.state.restoreFromSnapshot(snapshot), type;
    }
    exports.lookaheadType = lookaheadType;
    var TypeAndKeyword = class {
      constructor(type, contextualKeyword) {
        this.type = type, this.contextualKeyword = contextualKeyword;
      }
    };
    exports.TypeAndKeyword = TypeAndKeyword;
    function lookaheadTypeAndKeyword() {
      let snapshot = _base.state.snapshot();
      next();
      let type = _base.state.type, contextualKeyword = _base.state.contextualKeyword;
      return _base.state.restoreFromSnapshot(snapshot), new TypeAndKeyword(type, contextualKeyword);
    }
    exports.lookaheadTypeAndKeyword = lookaheadTypeAndKeyword;
    function nextTokenStart() {
      return nextTokenStartSince(_base.state.pos);
    }
    exports.nextTokenStart = nextTokenStart;
    function nextTokenStartSince(pos) {
      _whitespace.skipWhiteSpace.lastIndex = pos;
      let skip = _whitespace.skipWhiteSpace.exec(_base.input);
      return pos + skip[0].length;
    }
    exports.nextTokenStartSince = nextTokenStartSince;
    function lookaheadCharCode() {
      return _base.input.charCodeAt(nextTokenStart());
    }
    exports.lookaheadCharCode = lookaheadCharCode;
    function nextToken() {
      if (skipSpace(), _base.state.start = _base.state.pos, _base.state.pos >= _base.input.length) {
        let tokens = _base.state.tokens;
        tokens.length >= 2 && tokens[tokens.length - 1].start >= _base.input.length && tokens[tokens.length - 2].start >= _base.input.length && _util.unexpected.call(void 0, "Unexpectedly reached the end of input."), finishToken(_types.TokenType.eof);
        return;
      }
      readToken(_base.input.charCodeAt(_base.state.pos));
    }
    exports.nextToken = nextToken;
    function readToken(code) {
      _identifier.IS_IDENTIFIER_START[code] || code === _charcodes.charCodes.backslash || code === _charcodes.charCodes.atSign && _base.input.charCodeAt(_base.state.pos + 1) === _charcodes.charCodes.atSign ? _readWord2.default.call(void 0) : getTokenFromCode(code);
    }
    function skipBlockComment() {
      for (; _base.input.charCodeAt(_base.state.pos) !== _charcodes.charCodes.asterisk || _base.input.charCodeAt(_base.state.pos + 1) !== _charcodes.charCodes.slash; )
        if (_base.state.pos++, _base.state.pos > _base.input.length) {
          _util.unexpected.call(void 0, "Unterminated comment", _base.state.pos - 2);
          return;
        }
      _base.state.pos += 2;
    }
    function skipLineComment(startSkip) {
      let ch = _base.input.charCodeAt(_base.state.pos += startSkip);
      if (_base.state.pos < _base.input.length)
        for (; ch !== _charcodes.charCodes.lineFeed && ch !== _charcodes.charCodes.carriageReturn && ch !== _charcodes.charCodes.lineSeparator && ch !== _charcodes.charCodes.paragraphSeparator && ++_base.state.pos < _base.input.length; )
          ch = _base.input.charCodeAt(_base.state.pos);
    }
    exports.skipLineComment = skipLineComment;
    function skipSpace() {
      for (; _base.state.pos < _base.input.length; ) {
        let ch = _base.input.charCodeAt(_base.state.pos);
        switch (ch) {
          case _charcodes.charCodes.carriageReturn:
            _base.input.charCodeAt(_base.state.pos + 1) === _charcodes.charCodes.lineFeed && ++_base.state.pos;
          case _charcodes.charCodes.lineFeed:
          case _charcodes.charCodes.lineSeparator:
          case _charcodes.charCodes.paragraphSeparator:
            ++_base.state.pos;
            break;
          case _charcodes.charCodes.slash:
            switch (_base.input.charCodeAt(_base.state.pos + 1)) {
              case _charcodes.charCodes.asterisk:
                _base.state.pos += 2, skipBlockComment();
                break;
              case _charcodes.charCodes.slash:
                skipLineComment(2);
                break;
              default:
                return;
            }
            break;
          default:
            if (_whitespace.IS_WHITESPACE[ch])
              ++_base.state.pos;
            else
              return;
        }
      }
    }
    exports.skipSpace = skipSpace;
    function finishToken(type, contextualKeyword = _keywords.ContextualKeyword.NONE) {
      _base.state.end = _base.state.pos, _base.state.type = type, _base.state.contextualKeyword = contextualKeyword;
    }
    exports.finishToken = finishToken;
    function readToken_dot() {
      let nextChar = _base.input.charCodeAt(_base.state.pos + 1);
      if (nextChar >= _charcodes.charCodes.digit0 && nextChar <= _charcodes.charCodes.digit9) {
        readNumber(!0);
        return;
      }
      nextChar === _charcodes.charCodes.dot && _base.input.charCodeAt(_base.state.pos + 2) === _charcodes.charCodes.dot ? (_base.state.pos += 3, finishToken(_types.TokenType.ellipsis)) : (++_base.state.pos, finishToken(_types.TokenType.dot));
    }
    function readToken_slash() {
      _base.input.charCodeAt(_base.state.pos + 1) === _charcodes.charCodes.equalsTo ? finishOp(_types.TokenType.assign, 2) : finishOp(_types.TokenType.slash, 1);
    }
    function readToken_mult_modulo(code) {
      let tokenType = code === _charcodes.charCodes.asterisk ? _types.TokenType.star : _types.TokenType.modulo, width = 1, nextChar = _base.input.charCodeAt(_base.state.pos + 1);
      code === _charcodes.charCodes.asterisk && nextChar === _charcodes.charCodes.asterisk && (width++, nextChar = _base.input.charCodeAt(_base.state.pos + 2), tokenType = _types.TokenType.exponent), nextChar === _charcodes.charCodes.equalsTo && _base.input.charCodeAt(_base.state.pos + 2) !== _charcodes.charCodes.greaterThan && (width++, tokenType = _types.TokenType.assign), finishOp(tokenType, width);
    }
    function readToken_pipe_amp(code) {
      let nextChar = _base.input.charCodeAt(_base.state.pos + 1);
      if (nextChar === code) {
        _base.input.charCodeAt(_base.state.pos + 2) === _charcodes.charCodes.equalsTo ? finishOp(_types.TokenType.assign, 3) : finishOp(code === _charcodes.charCodes.verticalBar ? _types.TokenType.logicalOR : _types.TokenType.logicalAND, 2);
        return;
      }
      if (code === _charcodes.charCodes.verticalBar) {
        if (nextChar === _charcodes.charCodes.greaterThan) {
          finishOp(_types.TokenType.pipeline, 2);
          return;
        } else if (nextChar === _charcodes.charCodes.rightCurlyBrace && _base.isFlowEnabled) {
          finishOp(_types.TokenType.braceBarR, 2);
          return;
        }
      }
      if (nextChar === _charcodes.charCodes.equalsTo) {
        finishOp(_types.TokenType.assign, 2);
        return;
      }
      finishOp(code === _charcodes.charCodes.verticalBar ? _types.TokenType.bitwiseOR : _types.TokenType.bitwiseAND, 1);
    }
    function readToken_caret() {
      _base.input.charCodeAt(_base.state.pos + 1) === _charcodes.charCodes.equalsTo ? finishOp(_types.TokenType.assign, 2) : finishOp(_types.TokenType.bitwiseXOR, 1);
    }
    function readToken_plus_min(code) {
      let nextChar = _base.input.charCodeAt(_base.state.pos + 1);
      if (nextChar === code) {
        finishOp(_types.TokenType.preIncDec, 2);
        return;
      }
      nextChar === _charcodes.charCodes.equalsTo ? finishOp(_types.TokenType.assign, 2) : code === _charcodes.charCodes.plusSign ? finishOp(_types.TokenType.plus, 1) : finishOp(_types.TokenType.minus, 1);
    }
    function readToken_lt() {
      let nextChar = _base.input.charCodeAt(_base.state.pos + 1);
      if (nextChar === _charcodes.charCodes.lessThan) {
        if (_base.input.charCodeAt(_base.state.pos + 2) === _charcodes.charCodes.equalsTo) {
          finishOp(_types.TokenType.assign, 3);
          return;
        }
        _base.state.isType ? finishOp(_types.TokenType.lessThan, 1) : finishOp(_types.TokenType.bitShiftL, 2);
        return;
      }
      nextChar === _charcodes.charCodes.equalsTo ? finishOp(_types.TokenType.relationalOrEqual, 2) : finishOp(_types.TokenType.lessThan, 1);
    }
    function readToken_gt() {
      if (_base.state.isType) {
        finishOp(_types.TokenType.greaterThan, 1);
        return;
      }
      let nextChar = _base.input.charCodeAt(_base.state.pos + 1);
      if (nextChar === _charcodes.charCodes.greaterThan) {
        let size = _base.input.charCodeAt(_base.state.pos + 2) === _charcodes.charCodes.greaterThan ? 3 : 2;
        if (_base.input.charCodeAt(_base.state.pos + size) === _charcodes.charCodes.equalsTo) {
          finishOp(_types.TokenType.assign, size + 1);
          return;
        }
        finishOp(_types.TokenType.bitShiftR, size);
        return;
      }
      nextChar === _charcodes.charCodes.equalsTo ? finishOp(_types.TokenType.relationalOrEqual, 2) : finishOp(_types.TokenType.greaterThan, 1);
    }
    function rescan_gt() {
      _base.state.type === _types.TokenType.greaterThan && (_base.state.pos -= 1, readToken_gt());
    }
    exports.rescan_gt = rescan_gt;
    function readToken_eq_excl(code) {
      let nextChar = _base.input.charCodeAt(_base.state.pos + 1);
      if (nextChar === _charcodes.charCodes.equalsTo) {
        finishOp(_types.TokenType.equality, _base.input.charCodeAt(_base.state.pos + 2) === _charcodes.charCodes.equalsTo ? 3 : 2);
        return;
      }
      if (code === _charcodes.charCodes.equalsTo && nextChar === _charcodes.charCodes.greaterThan) {
        _base.state.pos += 2, finishToken(_types.TokenType.arrow);
        return;
      }
      finishOp(code === _charcodes.charCodes.equalsTo ? _types.TokenType.eq : _types.TokenType.bang, 1);
    }
    function readToken_question() {
      let nextChar = _base.input.charCodeAt(_base.state.pos + 1), nextChar2 = _base.input.charCodeAt(_base.state.pos + 2);
      nextChar === _charcodes.charCodes.questionMark && // In Flow (but not TypeScript), ??string is a valid type that should be
      // tokenized as two individual ? tokens.
      !(_base.isFlowEnabled && _base.state.isType) ? nextChar2 === _charcodes.charCodes.equalsTo ? finishOp(_types.TokenType.assign, 3) : finishOp(_types.TokenType.nullishCoalescing, 2) : nextChar === _charcodes.charCodes.dot && !(nextChar2 >= _charcodes.charCodes.digit0 && nextChar2 <= _charcodes.charCodes.digit9) ? (_base.state.pos += 2, finishToken(_types.TokenType.questionDot)) : (++_base.state.pos, finishToken(_types.TokenType.question));
    }
    function getTokenFromCode(code) {
      switch (code) {
        case _charcodes.charCodes.numberSign:
          ++_base.state.pos, finishToken(_types.TokenType.hash);
          return;
        // The interpretation of a dot depends on whether it is followed
        // by a digit or another two dots.
        case _charcodes.charCodes.dot:
          readToken_dot();
          return;
        // Punctuation tokens.
        case _charcodes.charCodes.leftParenthesis:
          ++_base.state.pos, finishToken(_types.TokenType.parenL);
          return;
        case _charcodes.charCodes.rightParenthesis:
          ++_base.state.pos, finishToken(_types.TokenType.parenR);
          return;
        case _charcodes.charCodes.semicolon:
          ++_base.state.pos, finishToken(_types.TokenType.semi);
          return;
        case _charcodes.charCodes.comma:
          ++_base.state.pos, finishToken(_types.TokenType.comma);
          return;
        case _charcodes.charCodes.leftSquareBracket:
          ++_base.state.pos, finishToken(_types.TokenType.bracketL);
          return;
        case _charcodes.charCodes.rightSquareBracket:
          ++_base.state.pos, finishToken(_types.TokenType.bracketR);
          return;
        case _charcodes.charCodes.leftCurlyBrace:
          _base.isFlowEnabled && _base.input.charCodeAt(_base.state.pos + 1) === _charcodes.charCodes.verticalBar ? finishOp(_types.TokenType.braceBarL, 2) : (++_base.state.pos, finishToken(_types.TokenType.braceL));
          return;
        case _charcodes.charCodes.rightCurlyBrace:
          ++_base.state.pos, finishToken(_types.TokenType.braceR);
          return;
        case _charcodes.charCodes.colon:
          _base.input.charCodeAt(_base.state.pos + 1) === _charcodes.charCodes.colon ? finishOp(_types.TokenType.doubleColon, 2) : (++_base.state.pos, finishToken(_types.TokenType.colon));
          return;
        case _charcodes.charCodes.questionMark:
          readToken_question();
          return;
        case _charcodes.charCodes.atSign:
          ++_base.state.pos, finishToken(_types.TokenType.at);
          return;
        case _charcodes.charCodes.graveAccent:
          ++_base.state.pos, finishToken(_types.TokenType.backQuote);
          return;
        case _charcodes.charCodes.digit0: {
          let nextChar = _base.input.charCodeAt(_base.state.pos + 1);
          if (nextChar === _charcodes.charCodes.lowercaseX || nextChar === _charcodes.charCodes.uppercaseX || nextChar === _charcodes.charCodes.lowercaseO || nextChar === _charcodes.charCodes.uppercaseO || nextChar === _charcodes.charCodes.lowercaseB || nextChar === _charcodes.charCodes.uppercaseB) {
            readRadixNumber();
            return;
          }
        }
        // Anything else beginning with a digit is an integer, octal
        // number, or float.
        case _charcodes.charCodes.digit1:
        case _charcodes.charCodes.digit2:
        case _charcodes.charCodes.digit3:
        case _charcodes.charCodes.digit4:
        case _charcodes.charCodes.digit5:
        case _charcodes.charCodes.digit6:
        case _charcodes.charCodes.digit7:
        case _charcodes.charCodes.digit8:
        case _charcodes.charCodes.digit9:
          readNumber(!1);
          return;
        // Quotes produce strings.
        case _charcodes.charCodes.quotationMark:
        case _charcodes.charCodes.apostrophe:
          readString(code);
          return;
        // Operators are parsed inline in tiny state machines. '=' (charCodes.equalsTo) is
        // often referred to. `finishOp` simply skips the amount of
        // characters it is given as second argument, and returns a token
        // of the type given by its first argument.
        case _charcodes.charCodes.slash:
          readToken_slash();
          return;
        case _charcodes.charCodes.percentSign:
        case _charcodes.charCodes.asterisk:
          readToken_mult_modulo(code);
          return;
        case _charcodes.charCodes.verticalBar:
        case _charcodes.charCodes.ampersand:
          readToken_pipe_amp(code);
          return;
        case _charcodes.charCodes.caret:
          readToken_caret();
          return;
        case _charcodes.charCodes.plusSign:
        case _charcodes.charCodes.dash:
          readToken_plus_min(code);
          return;
        case _charcodes.charCodes.lessThan:
          readToken_lt();
          return;
        case _charcodes.charCodes.greaterThan:
          readToken_gt();
          return;
        case _charcodes.charCodes.equalsTo:
        case _charcodes.charCodes.exclamationMark:
          readToken_eq_excl(code);
          return;
        case _charcodes.charCodes.tilde:
          finishOp(_types.TokenType.tilde, 1);
          return;
        default:
          break;
      }
      _util.unexpected.call(void 0, `Unexpected character '${String.fromCharCode(code)}'`, _base.state.pos);
    }
    exports.getTokenFromCode = getTokenFromCode;
    function finishOp(type, size) {
      _base.state.pos += size, finishToken(type);
    }
    function readRegexp() {
      let start = _base.state.pos, escaped = !1, inClass = !1;
      for (; ; ) {
        if (_base.state.pos >= _base.input.length) {
          _util.unexpected.call(void 0, "Unterminated regular expression", start);
          return;
        }
        let code = _base.input.charCodeAt(_base.state.pos);
        if (escaped)
          escaped = !1;
        else {
          if (code === _charcodes.charCodes.leftSquareBracket)
            inClass = !0;
          else if (code === _charcodes.charCodes.rightSquareBracket && inClass)
            inClass = !1;
          else if (code === _charcodes.charCodes.slash && !inClass)
            break;
          escaped = code === _charcodes.charCodes.backslash;
        }
        ++_base.state.pos;
      }
      ++_base.state.pos, skipWord(), finishToken(_types.TokenType.regexp);
    }
    function readInt() {
      for (; ; ) {
        let code = _base.input.charCodeAt(_base.state.pos);
        if (code >= _charcodes.charCodes.digit0 && code <= _charcodes.charCodes.digit9 || code === _charcodes.charCodes.underscore)
          _base.state.pos++;
        else
          break;
      }
    }
    function readRadixNumber() {
      for (_base.state.pos += 2; ; ) {
        let code = _base.input.charCodeAt(_base.state.pos);
        if (code >= _charcodes.charCodes.digit0 && code <= _charcodes.charCodes.digit9 || code >= _charcodes.charCodes.lowercaseA && code <= _charcodes.charCodes.lowercaseF || code >= _charcodes.charCodes.uppercaseA && code <= _charcodes.charCodes.uppercaseF || code === _charcodes.charCodes.underscore)
          _base.state.pos++;
        else
          break;
      }
      _base.input.charCodeAt(_base.state.pos) === _charcodes.charCodes.lowercaseN ? (++_base.state.pos, finishToken(_types.TokenType.bigint)) : finishToken(_types.TokenType.num);
    }
    function readNumber(startsWithDot) {
      let isBigInt = !1, isDecimal = !1;
      startsWithDot || readInt();
      let nextChar = _base.input.charCodeAt(_base.state.pos);
      if (nextChar === _charcodes.charCodes.dot && (++_base.state.pos, readInt(), nextChar = _base.input.charCodeAt(_base.state.pos)), (nextChar === _charcodes.charCodes.uppercaseE || nextChar === _charcodes.charCodes.lowercaseE) && (nextChar = _base.input.charCodeAt(++_base.state.pos), (nextChar === _charcodes.charCodes.plusSign || nextChar === _charcodes.charCodes.dash) && ++_base.state.pos, readInt(), nextChar = _base.input.charCodeAt(_base.state.pos)), nextChar === _charcodes.charCodes.lowercaseN ? (++_base.state.pos, isBigInt = !0) : nextChar === _charcodes.charCodes.lowercaseM && (++_base.state.pos, isDecimal = !0), isBigInt) {
        finishToken(_types.TokenType.bigint);
        return;
      }
      if (isDecimal) {
        finishToken(_types.TokenType.decimal);
        return;
      }
      finishToken(_types.TokenType.num);
    }
    function readString(quote) {
      for (_base.state.pos++; ; ) {
        if (_base.state.pos >= _base.input.length) {
          _util.unexpected.call(void 0, "Unterminated string constant");
          return;
        }
        let ch = _base.input.charCodeAt(_base.state.pos);
        if (ch === _charcodes.charCodes.backslash)
          _base.state.pos++;
        else if (ch === quote)
          break;
        _base.state.pos++;
      }
      _base.state.pos++, finishToken(_types.TokenType.string);
    }
    function readTmplToken() {
      for (; ; ) {
        if (_base.state.pos >= _base.input.length) {
          _util.unexpected.call(void 0, "Unterminated template");
          return;
        }
        let ch = _base.input.charCodeAt(_base.state.pos);
        if (ch === _charcodes.charCodes.graveAccent || ch === _charcodes.charCodes.dollarSign && _base.input.charCodeAt(_base.state.pos + 1) === _charcodes.charCodes.leftCurlyBrace) {
          if (_base.state.pos === _base.state.start && match(_types.TokenType.template))
            if (ch === _charcodes.charCodes.dollarSign) {
              _base.state.pos += 2, finishToken(_types.TokenType.dollarBraceL);
              return;
            } else {
              ++_base.state.pos, finishToken(_types.TokenType.backQuote);
              return;
            }
          finishToken(_types.TokenType.template);
          return;
        }
        ch === _charcodes.charCodes.backslash && _base.state.pos++, _base.state.pos++;
      }
    }
    function skipWord() {
      for (; _base.state.pos < _base.input.length; ) {
        let ch = _base.input.charCodeAt(_base.state.pos);
        if (_identifier.IS_IDENTIFIER_CHAR[ch])
          _base.state.pos++;
        else if (ch === _charcodes.charCodes.backslash) {
          if (_base.state.pos += 2, _base.input.charCodeAt(_base.state.pos) === _charcodes.charCodes.leftCurlyBrace) {
            for (; _base.state.pos < _base.input.length && _base.input.charCodeAt(_base.state.pos) !== _charcodes.charCodes.rightCurlyBrace; )
              _base.state.pos++;
            _base.state.pos++;
          }
        } else
          break;
      }
    }
    exports.skipWord = skipWord;
  }
});

// node_modules/sucrase/dist/util/getImportExportSpecifierInfo.js
var require_getImportExportSpecifierInfo = __commonJS({
  "node_modules/sucrase/dist/util/getImportExportSpecifierInfo.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _types = require_types();
    function getImportExportSpecifierInfo(tokens, index = tokens.currentIndex()) {
      let endIndex = index + 1;
      if (isSpecifierEnd(tokens, endIndex)) {
        let name = tokens.identifierNameAtIndex(index);
        return {
          isType: !1,
          leftName: name,
          rightName: name,
          endIndex
        };
      }
      if (endIndex++, isSpecifierEnd(tokens, endIndex))
        return {
          isType: !0,
          leftName: null,
          rightName: null,
          endIndex
        };
      if (endIndex++, isSpecifierEnd(tokens, endIndex))
        return {
          isType: !1,
          leftName: tokens.identifierNameAtIndex(index),
          rightName: tokens.identifierNameAtIndex(index + 2),
          endIndex
        };
      if (endIndex++, isSpecifierEnd(tokens, endIndex))
        return {
          isType: !0,
          leftName: null,
          rightName: null,
          endIndex
        };
      throw new Error(`Unexpected import/export specifier at ${index}`);
    }
    exports.default = getImportExportSpecifierInfo;
    function isSpecifierEnd(tokens, index) {
      let token = tokens.tokens[index];
      return token.type === _types.TokenType.braceR || token.type === _types.TokenType.comma;
    }
  }
});

// node_modules/sucrase/dist/parser/plugins/jsx/xhtml.js
var require_xhtml = __commonJS({
  "node_modules/sucrase/dist/parser/plugins/jsx/xhtml.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.default = /* @__PURE__ */ new Map([
      ["quot", '"'],
      ["amp", "&"],
      ["apos", "'"],
      ["lt", "<"],
      ["gt", ">"],
      ["nbsp", "\xA0"],
      ["iexcl", "\xA1"],
      ["cent", "\xA2"],
      ["pound", "\xA3"],
      ["curren", "\xA4"],
      ["yen", "\xA5"],
      ["brvbar", "\xA6"],
      ["sect", "\xA7"],
      ["uml", "\xA8"],
      ["copy", "\xA9"],
      ["ordf", "\xAA"],
      ["laquo", "\xAB"],
      ["not", "\xAC"],
      ["shy", "\xAD"],
      ["reg", "\xAE"],
      ["macr", "\xAF"],
      ["deg", "\xB0"],
      ["plusmn", "\xB1"],
      ["sup2", "\xB2"],
      ["sup3", "\xB3"],
      ["acute", "\xB4"],
      ["micro", "\xB5"],
      ["para", "\xB6"],
      ["middot", "\xB7"],
      ["cedil", "\xB8"],
      ["sup1", "\xB9"],
      ["ordm", "\xBA"],
      ["raquo", "\xBB"],
      ["frac14", "\xBC"],
      ["frac12", "\xBD"],
      ["frac34", "\xBE"],
      ["iquest", "\xBF"],
      ["Agrave", "\xC0"],
      ["Aacute", "\xC1"],
      ["Acirc", "\xC2"],
      ["Atilde", "\xC3"],
      ["Auml", "\xC4"],
      ["Aring", "\xC5"],
      ["AElig", "\xC6"],
      ["Ccedil", "\xC7"],
      ["Egrave", "\xC8"],
      ["Eacute", "\xC9"],
      ["Ecirc", "\xCA"],
      ["Euml", "\xCB"],
      ["Igrave", "\xCC"],
      ["Iacute", "\xCD"],
      ["Icirc", "\xCE"],
      ["Iuml", "\xCF"],
      ["ETH", "\xD0"],
      ["Ntilde", "\xD1"],
      ["Ograve", "\xD2"],
      ["Oacute", "\xD3"],
      ["Ocirc", "\xD4"],
      ["Otilde", "\xD5"],
      ["Ouml", "\xD6"],
      ["times", "\xD7"],
      ["Oslash", "\xD8"],
      ["Ugrave", "\xD9"],
      ["Uacute", "\xDA"],
      ["Ucirc", "\xDB"],
      ["Uuml", "\xDC"],
      ["Yacute", "\xDD"],
      ["THORN", "\xDE"],
      ["szlig", "\xDF"],
      ["agrave", "\xE0"],
      ["aacute", "\xE1"],
      ["acirc", "\xE2"],
      ["atilde", "\xE3"],
      ["auml", "\xE4"],
      ["aring", "\xE5"],
      ["aelig", "\xE6"],
      ["ccedil", "\xE7"],
      ["egrave", "\xE8"],
      ["eacute", "\xE9"],
      ["ecirc", "\xEA"],
      ["euml", "\xEB"],
      ["igrave", "\xEC"],
      ["iacute", "\xED"],
      ["icirc", "\xEE"],
      ["iuml", "\xEF"],
      ["eth", "\xF0"],
      ["ntilde", "\xF1"],
      ["ograve", "\xF2"],
      ["oacute", "\xF3"],
      ["ocirc", "\xF4"],
      ["otilde", "\xF5"],
      ["ouml", "\xF6"],
      ["divide", "\xF7"],
      ["oslash", "\xF8"],
      ["ugrave", "\xF9"],
      ["uacute", "\xFA"],
      ["ucirc", "\xFB"],
      ["uuml", "\xFC"],
      ["yacute", "\xFD"],
      ["thorn", "\xFE"],
      ["yuml", "\xFF"],
      ["OElig", "\u0152"],
      ["oelig", "\u0153"],
      ["Scaron", "\u0160"],
      ["scaron", "\u0161"],
      ["Yuml", "\u0178"],
      ["fnof", "\u0192"],
      ["circ", "\u02C6"],
      ["tilde", "\u02DC"],
      ["Alpha", "\u0391"],
      ["Beta", "\u0392"],
      ["Gamma", "\u0393"],
      ["Delta", "\u0394"],
      ["Epsilon", "\u0395"],
      ["Zeta", "\u0396"],
      ["Eta", "\u0397"],
      ["Theta", "\u0398"],
      ["Iota", "\u0399"],
      ["Kappa", "\u039A"],
      ["Lambda", "\u039B"],
      ["Mu", "\u039C"],
      ["Nu", "\u039D"],
      ["Xi", "\u039E"],
      ["Omicron", "\u039F"],
      ["Pi", "\u03A0"],
      ["Rho", "\u03A1"],
      ["Sigma", "\u03A3"],
      ["Tau", "\u03A4"],
      ["Upsilon", "\u03A5"],
      ["Phi", "\u03A6"],
      ["Chi", "\u03A7"],
      ["Psi", "\u03A8"],
      ["Omega", "\u03A9"],
      ["alpha", "\u03B1"],
      ["beta", "\u03B2"],
      ["gamma", "\u03B3"],
      ["delta", "\u03B4"],
      ["epsilon", "\u03B5"],
      ["zeta", "\u03B6"],
      ["eta", "\u03B7"],
      ["theta", "\u03B8"],
      ["iota", "\u03B9"],
      ["kappa", "\u03BA"],
      ["lambda", "\u03BB"],
      ["mu", "\u03BC"],
      ["nu", "\u03BD"],
      ["xi", "\u03BE"],
      ["omicron", "\u03BF"],
      ["pi", "\u03C0"],
      ["rho", "\u03C1"],
      ["sigmaf", "\u03C2"],
      ["sigma", "\u03C3"],
      ["tau", "\u03C4"],
      ["upsilon", "\u03C5"],
      ["phi", "\u03C6"],
      ["chi", "\u03C7"],
      ["psi", "\u03C8"],
      ["omega", "\u03C9"],
      ["thetasym", "\u03D1"],
      ["upsih", "\u03D2"],
      ["piv", "\u03D6"],
      ["ensp", "\u2002"],
      ["emsp", "\u2003"],
      ["thinsp", "\u2009"],
      ["zwnj", "\u200C"],
      ["zwj", "\u200D"],
      ["lrm", "\u200E"],
      ["rlm", "\u200F"],
      ["ndash", "\u2013"],
      ["mdash", "\u2014"],
      ["lsquo", "\u2018"],
      ["rsquo", "\u2019"],
      ["sbquo", "\u201A"],
      ["ldquo", "\u201C"],
      ["rdquo", "\u201D"],
      ["bdquo", "\u201E"],
      ["dagger", "\u2020"],
      ["Dagger", "\u2021"],
      ["bull", "\u2022"],
      ["hellip", "\u2026"],
      ["permil", "\u2030"],
      ["prime", "\u2032"],
      ["Prime", "\u2033"],
      ["lsaquo", "\u2039"],
      ["rsaquo", "\u203A"],
      ["oline", "\u203E"],
      ["frasl", "\u2044"],
      ["euro", "\u20AC"],
      ["image", "\u2111"],
      ["weierp", "\u2118"],
      ["real", "\u211C"],
      ["trade", "\u2122"],
      ["alefsym", "\u2135"],
      ["larr", "\u2190"],
      ["uarr", "\u2191"],
      ["rarr", "\u2192"],
      ["darr", "\u2193"],
      ["harr", "\u2194"],
      ["crarr", "\u21B5"],
      ["lArr", "\u21D0"],
      ["uArr", "\u21D1"],
      ["rArr", "\u21D2"],
      ["dArr", "\u21D3"],
      ["hArr", "\u21D4"],
      ["forall", "\u2200"],
      ["part", "\u2202"],
      ["exist", "\u2203"],
      ["empty", "\u2205"],
      ["nabla", "\u2207"],
      ["isin", "\u2208"],
      ["notin", "\u2209"],
      ["ni", "\u220B"],
      ["prod", "\u220F"],
      ["sum", "\u2211"],
      ["minus", "\u2212"],
      ["lowast", "\u2217"],
      ["radic", "\u221A"],
      ["prop", "\u221D"],
      ["infin", "\u221E"],
      ["ang", "\u2220"],
      ["and", "\u2227"],
      ["or", "\u2228"],
      ["cap", "\u2229"],
      ["cup", "\u222A"],
      ["int", "\u222B"],
      ["there4", "\u2234"],
      ["sim", "\u223C"],
      ["cong", "\u2245"],
      ["asymp", "\u2248"],
      ["ne", "\u2260"],
      ["equiv", "\u2261"],
      ["le", "\u2264"],
      ["ge", "\u2265"],
      ["sub", "\u2282"],
      ["sup", "\u2283"],
      ["nsub", "\u2284"],
      ["sube", "\u2286"],
      ["supe", "\u2287"],
      ["oplus", "\u2295"],
      ["otimes", "\u2297"],
      ["perp", "\u22A5"],
      ["sdot", "\u22C5"],
      ["lceil", "\u2308"],
      ["rceil", "\u2309"],
      ["lfloor", "\u230A"],
      ["rfloor", "\u230B"],
      ["lang", "\u2329"],
      ["rang", "\u232A"],
      ["loz", "\u25CA"],
      ["spades", "\u2660"],
      ["clubs", "\u2663"],
      ["hearts", "\u2665"],
      ["diams", "\u2666"]
    ]);
  }
});

// node_modules/sucrase/dist/util/getJSXPragmaInfo.js
var require_getJSXPragmaInfo = __commonJS({
  "node_modules/sucrase/dist/util/getJSXPragmaInfo.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function getJSXPragmaInfo(options) {
      let [base, suffix] = splitPragma(options.jsxPragma || "React.createElement"), [fragmentBase, fragmentSuffix] = splitPragma(options.jsxFragmentPragma || "React.Fragment");
      return { base, suffix, fragmentBase, fragmentSuffix };
    }
    exports.default = getJSXPragmaInfo;
    function splitPragma(pragma) {
      let dotIndex = pragma.indexOf(".");
      return dotIndex === -1 && (dotIndex = pragma.length), [pragma.slice(0, dotIndex), pragma.slice(dotIndex)];
    }
  }
});

// node_modules/sucrase/dist/transformers/Transformer.js
var require_Transformer = __commonJS({
  "node_modules/sucrase/dist/transformers/Transformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var Transformer = class {
      // Return true if anything was processed, false otherwise.
      getPrefixCode() {
        return "";
      }
      getHoistedCode() {
        return "";
      }
      getSuffixCode() {
        return "";
      }
    };
    exports.default = Transformer;
  }
});

// node_modules/sucrase/dist/transformers/JSXTransformer.js
var require_JSXTransformer = __commonJS({
  "node_modules/sucrase/dist/transformers/JSXTransformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _xhtml = require_xhtml(), _xhtml2 = _interopRequireDefault(_xhtml), _tokenizer = require_tokenizer(), _types = require_types(), _charcodes = require_charcodes(), _getJSXPragmaInfo = require_getJSXPragmaInfo(), _getJSXPragmaInfo2 = _interopRequireDefault(_getJSXPragmaInfo), _Transformer = require_Transformer(), _Transformer2 = _interopRequireDefault(_Transformer), JSXTransformer = class _JSXTransformer extends _Transformer2.default {
      // State for calculating the line number of each JSX tag in development.
      __init() {
        this.lastLineNumber = 1;
      }
      __init2() {
        this.lastIndex = 0;
      }
      // In development, variable name holding the name of the current file.
      __init3() {
        this.filenameVarName = null;
      }
      // Mapping of claimed names for imports in the automatic transform, e,g.
      // {jsx: "_jsx"}. This determines which imports to generate in the prefix.
      __init4() {
        this.esmAutomaticImportNameResolutions = {};
      }
      // When automatically adding imports in CJS mode, we store the variable name
      // holding the imported CJS module so we can require it in the prefix.
      __init5() {
        this.cjsAutomaticModuleNameResolutions = {};
      }
      constructor(rootTransformer, tokens, importProcessor, nameManager, options) {
        super(), this.rootTransformer = rootTransformer, this.tokens = tokens, this.importProcessor = importProcessor, this.nameManager = nameManager, this.options = options, _JSXTransformer.prototype.__init.call(this), _JSXTransformer.prototype.__init2.call(this), _JSXTransformer.prototype.__init3.call(this), _JSXTransformer.prototype.__init4.call(this), _JSXTransformer.prototype.__init5.call(this), this.jsxPragmaInfo = _getJSXPragmaInfo2.default.call(void 0, options), this.isAutomaticRuntime = options.jsxRuntime === "automatic", this.jsxImportSource = options.jsxImportSource || "react";
      }
      process() {
        return this.tokens.matches1(_types.TokenType.jsxTagStart) ? (this.processJSXTag(), !0) : !1;
      }
      getPrefixCode() {
        let prefix = "";
        if (this.filenameVarName && (prefix += `const ${this.filenameVarName} = ${JSON.stringify(this.options.filePath || "")};`), this.isAutomaticRuntime)
          if (this.importProcessor)
            for (let [path, resolvedName] of Object.entries(this.cjsAutomaticModuleNameResolutions))
              prefix += `var ${resolvedName} = require("${path}");`;
          else {
            let { createElement: createElementResolution, ...otherResolutions } = this.esmAutomaticImportNameResolutions;
            createElementResolution && (prefix += `import {createElement as ${createElementResolution}} from "${this.jsxImportSource}";`);
            let importSpecifiers = Object.entries(otherResolutions).map(([name, resolvedName]) => `${name} as ${resolvedName}`).join(", ");
            if (importSpecifiers) {
              let importPath = this.jsxImportSource + (this.options.production ? "/jsx-runtime" : "/jsx-dev-runtime");
              prefix += `import {${importSpecifiers}} from "${importPath}";`;
            }
          }
        return prefix;
      }
      processJSXTag() {
        let { jsxRole, start } = this.tokens.currentToken(), elementLocationCode = this.options.production ? null : this.getElementLocationCode(start);
        this.isAutomaticRuntime && jsxRole !== _tokenizer.JSXRole.KeyAfterPropSpread ? this.transformTagToJSXFunc(elementLocationCode, jsxRole) : this.transformTagToCreateElement(elementLocationCode);
      }
      getElementLocationCode(firstTokenStart) {
        return `lineNumber: ${this.getLineNumberForIndex(firstTokenStart)}`;
      }
      /**
       * Get the line number for this source position. This is calculated lazily and
       * must be called in increasing order by index.
       */
      getLineNumberForIndex(index) {
        let code = this.tokens.code;
        for (; this.lastIndex < index && this.lastIndex < code.length; )
          code[this.lastIndex] === `
` && this.lastLineNumber++, this.lastIndex++;
        return this.lastLineNumber;
      }
      /**
       * Convert the current JSX element to a call to jsx, jsxs, or jsxDEV. This is
       * the primary transformation for the automatic transform.
       *
       * Example:
       * <div a={1} key={2}>Hello{x}</div>
       * becomes
       * jsxs('div', {a: 1, children: ["Hello", x]}, 2)
       */
      transformTagToJSXFunc(elementLocationCode, jsxRole) {
        let isStatic = jsxRole === _tokenizer.JSXRole.StaticChildren;
        this.tokens.replaceToken(this.getJSXFuncInvocationCode(isStatic));
        let keyCode = null;
        if (this.tokens.matches1(_types.TokenType.jsxTagEnd))
          this.tokens.replaceToken(`${this.getFragmentCode()}, {`), this.processAutomaticChildrenAndEndProps(jsxRole);
        else {
          if (this.processTagIntro(), this.tokens.appendCode(", {"), keyCode = this.processProps(!0), this.tokens.matches2(_types.TokenType.slash, _types.TokenType.jsxTagEnd))
            this.tokens.appendCode("}");
          else if (this.tokens.matches1(_types.TokenType.jsxTagEnd))
            this.tokens.removeToken(), this.processAutomaticChildrenAndEndProps(jsxRole);
          else
            throw new Error("Expected either /> or > at the end of the tag.");
          keyCode && this.tokens.appendCode(`, ${keyCode}`);
        }
        for (this.options.production || (keyCode === null && this.tokens.appendCode(", void 0"), this.tokens.appendCode(`, ${isStatic}, ${this.getDevSource(elementLocationCode)}, this`)), this.tokens.removeInitialToken(); !this.tokens.matches1(_types.TokenType.jsxTagEnd); )
          this.tokens.removeToken();
        this.tokens.replaceToken(")");
      }
      /**
       * Convert the current JSX element to a createElement call. In the classic
       * runtime, this is the only case. In the automatic runtime, this is called
       * as a fallback in some situations.
       *
       * Example:
       * <div a={1} key={2}>Hello{x}</div>
       * becomes
       * React.createElement('div', {a: 1, key: 2}, "Hello", x)
       */
      transformTagToCreateElement(elementLocationCode) {
        if (this.tokens.replaceToken(this.getCreateElementInvocationCode()), this.tokens.matches1(_types.TokenType.jsxTagEnd))
          this.tokens.replaceToken(`${this.getFragmentCode()}, null`), this.processChildren(!0);
        else if (this.processTagIntro(), this.processPropsObjectWithDevInfo(elementLocationCode), !this.tokens.matches2(_types.TokenType.slash, _types.TokenType.jsxTagEnd))
          if (this.tokens.matches1(_types.TokenType.jsxTagEnd))
            this.tokens.removeToken(), this.processChildren(!0);
          else
            throw new Error("Expected either /> or > at the end of the tag.");
        for (this.tokens.removeInitialToken(); !this.tokens.matches1(_types.TokenType.jsxTagEnd); )
          this.tokens.removeToken();
        this.tokens.replaceToken(")");
      }
      /**
       * Get the code for the relevant function for this context: jsx, jsxs,
       * or jsxDEV. The following open-paren is included as well.
       *
       * These functions are only used for the automatic runtime, so they are always
       * auto-imported, but the auto-import will be either CJS or ESM based on the
       * target module format.
       */
      getJSXFuncInvocationCode(isStatic) {
        return this.options.production ? isStatic ? this.claimAutoImportedFuncInvocation("jsxs", "/jsx-runtime") : this.claimAutoImportedFuncInvocation("jsx", "/jsx-runtime") : this.claimAutoImportedFuncInvocation("jsxDEV", "/jsx-dev-runtime");
      }
      /**
       * Return the code to use for the createElement function, e.g.
       * `React.createElement`, including the following open-paren.
       *
       * This is the main function to use for the classic runtime. For the
       * automatic runtime, this function is used as a fallback function to
       * preserve behavior when there is a prop spread followed by an explicit
       * key. In that automatic runtime case, the function should be automatically
       * imported.
       */
      getCreateElementInvocationCode() {
        if (this.isAutomaticRuntime)
          return this.claimAutoImportedFuncInvocation("createElement", "");
        {
          let { jsxPragmaInfo } = this;
          return `${this.importProcessor && this.importProcessor.getIdentifierReplacement(jsxPragmaInfo.base) || jsxPragmaInfo.base}${jsxPragmaInfo.suffix}(`;
        }
      }
      /**
       * Return the code to use as the component when compiling a shorthand
       * fragment, e.g. `React.Fragment`.
       *
       * This may be called from either the classic or automatic runtime, and
       * the value should be auto-imported for the automatic runtime.
       */
      getFragmentCode() {
        if (this.isAutomaticRuntime)
          return this.claimAutoImportedName(
            "Fragment",
            this.options.production ? "/jsx-runtime" : "/jsx-dev-runtime"
          );
        {
          let { jsxPragmaInfo } = this;
          return (this.importProcessor && this.importProcessor.getIdentifierReplacement(jsxPragmaInfo.fragmentBase) || jsxPragmaInfo.fragmentBase) + jsxPragmaInfo.fragmentSuffix;
        }
      }
      /**
       * Return code that invokes the given function.
       *
       * When the imports transform is enabled, use the CJSImportTransformer
       * strategy of using `.call(void 0, ...` to avoid passing a `this` value in a
       * situation that would otherwise look like a method call.
       */
      claimAutoImportedFuncInvocation(funcName, importPathSuffix) {
        let funcCode = this.claimAutoImportedName(funcName, importPathSuffix);
        return this.importProcessor ? `${funcCode}.call(void 0, ` : `${funcCode}(`;
      }
      claimAutoImportedName(funcName, importPathSuffix) {
        if (this.importProcessor) {
          let path = this.jsxImportSource + importPathSuffix;
          return this.cjsAutomaticModuleNameResolutions[path] || (this.cjsAutomaticModuleNameResolutions[path] = this.importProcessor.getFreeIdentifierForPath(path)), `${this.cjsAutomaticModuleNameResolutions[path]}.${funcName}`;
        } else
          return this.esmAutomaticImportNameResolutions[funcName] || (this.esmAutomaticImportNameResolutions[funcName] = this.nameManager.claimFreeName(
            `_${funcName}`
          )), this.esmAutomaticImportNameResolutions[funcName];
      }
      /**
       * Process the first part of a tag, before any props.
       */
      processTagIntro() {
        let introEnd = this.tokens.currentIndex() + 1;
        for (; this.tokens.tokens[introEnd].isType || !this.tokens.matches2AtIndex(introEnd - 1, _types.TokenType.jsxName, _types.TokenType.jsxName) && !this.tokens.matches2AtIndex(introEnd - 1, _types.TokenType.greaterThan, _types.TokenType.jsxName) && !this.tokens.matches1AtIndex(introEnd, _types.TokenType.braceL) && !this.tokens.matches1AtIndex(introEnd, _types.TokenType.jsxTagEnd) && !this.tokens.matches2AtIndex(introEnd, _types.TokenType.slash, _types.TokenType.jsxTagEnd); )
          introEnd++;
        if (introEnd === this.tokens.currentIndex() + 1) {
          let tagName = this.tokens.identifierName();
          startsWithLowerCase(tagName) && this.tokens.replaceToken(`'${tagName}'`);
        }
        for (; this.tokens.currentIndex() < introEnd; )
          this.rootTransformer.processToken();
      }
      /**
       * Starting at the beginning of the props, add the props argument to
       * React.createElement, including the comma before it.
       */
      processPropsObjectWithDevInfo(elementLocationCode) {
        let devProps = this.options.production ? "" : `__self: this, __source: ${this.getDevSource(elementLocationCode)}`;
        if (!this.tokens.matches1(_types.TokenType.jsxName) && !this.tokens.matches1(_types.TokenType.braceL)) {
          devProps ? this.tokens.appendCode(`, {${devProps}}`) : this.tokens.appendCode(", null");
          return;
        }
        this.tokens.appendCode(", {"), this.processProps(!1), devProps ? this.tokens.appendCode(` ${devProps}}`) : this.tokens.appendCode("}");
      }
      /**
       * Transform the core part of the props, assuming that a { has already been
       * inserted before us and that a } will be inserted after us.
       *
       * If extractKeyCode is true (i.e. when using any jsx... function), any prop
       * named "key" has its code captured and returned rather than being emitted to
       * the output code. This shifts line numbers, and emitting the code later will
       * correct line numbers again. If no key is found or if extractKeyCode is
       * false, this function returns null.
       */
      processProps(extractKeyCode) {
        let keyCode = null;
        for (; ; ) {
          if (this.tokens.matches2(_types.TokenType.jsxName, _types.TokenType.eq)) {
            let propName = this.tokens.identifierName();
            if (extractKeyCode && propName === "key") {
              keyCode !== null && this.tokens.appendCode(keyCode.replace(/[^\n]/g, "")), this.tokens.removeToken(), this.tokens.removeToken();
              let snapshot = this.tokens.snapshot();
              this.processPropValue(), keyCode = this.tokens.dangerouslyGetAndRemoveCodeSinceSnapshot(snapshot);
              continue;
            } else
              this.processPropName(propName), this.tokens.replaceToken(": "), this.processPropValue();
          } else if (this.tokens.matches1(_types.TokenType.jsxName)) {
            let propName = this.tokens.identifierName();
            this.processPropName(propName), this.tokens.appendCode(": true");
          } else if (this.tokens.matches1(_types.TokenType.braceL))
            this.tokens.replaceToken(""), this.rootTransformer.processBalancedCode(), this.tokens.replaceToken("");
          else
            break;
          this.tokens.appendCode(",");
        }
        return keyCode;
      }
      processPropName(propName) {
        propName.includes("-") ? this.tokens.replaceToken(`'${propName}'`) : this.tokens.copyToken();
      }
      processPropValue() {
        this.tokens.matches1(_types.TokenType.braceL) ? (this.tokens.replaceToken(""), this.rootTransformer.processBalancedCode(), this.tokens.replaceToken("")) : this.tokens.matches1(_types.TokenType.jsxTagStart) ? this.processJSXTag() : this.processStringPropValue();
      }
      processStringPropValue() {
        let token = this.tokens.currentToken(), valueCode = this.tokens.code.slice(token.start + 1, token.end - 1), replacementCode = formatJSXTextReplacement(valueCode), literalCode = formatJSXStringValueLiteral(valueCode);
        this.tokens.replaceToken(literalCode + replacementCode);
      }
      /**
       * Starting in the middle of the props object literal, produce an additional
       * prop for the children and close the object literal.
       */
      processAutomaticChildrenAndEndProps(jsxRole) {
        jsxRole === _tokenizer.JSXRole.StaticChildren ? (this.tokens.appendCode(" children: ["), this.processChildren(!1), this.tokens.appendCode("]}")) : (jsxRole === _tokenizer.JSXRole.OneChild && this.tokens.appendCode(" children: "), this.processChildren(!1), this.tokens.appendCode("}"));
      }
      /**
       * Transform children into a comma-separated list, which will be either
       * arguments to createElement or array elements of a children prop.
       */
      processChildren(needsInitialComma) {
        let needsComma = needsInitialComma;
        for (; ; ) {
          if (this.tokens.matches2(_types.TokenType.jsxTagStart, _types.TokenType.slash))
            return;
          let didEmitElement = !1;
          if (this.tokens.matches1(_types.TokenType.braceL))
            this.tokens.matches2(_types.TokenType.braceL, _types.TokenType.braceR) ? (this.tokens.replaceToken(""), this.tokens.replaceToken("")) : (this.tokens.replaceToken(needsComma ? ", " : ""), this.rootTransformer.processBalancedCode(), this.tokens.replaceToken(""), didEmitElement = !0);
          else if (this.tokens.matches1(_types.TokenType.jsxTagStart))
            this.tokens.appendCode(needsComma ? ", " : ""), this.processJSXTag(), didEmitElement = !0;
          else if (this.tokens.matches1(_types.TokenType.jsxText) || this.tokens.matches1(_types.TokenType.jsxEmptyText))
            didEmitElement = this.processChildTextElement(needsComma);
          else
            throw new Error("Unexpected token when processing JSX children.");
          didEmitElement && (needsComma = !0);
        }
      }
      /**
       * Turn a JSX text element into a string literal, or nothing at all if the JSX
       * text resolves to the empty string.
       *
       * Returns true if a string literal is emitted, false otherwise.
       */
      processChildTextElement(needsComma) {
        let token = this.tokens.currentToken(), valueCode = this.tokens.code.slice(token.start, token.end), replacementCode = formatJSXTextReplacement(valueCode), literalCode = formatJSXTextLiteral(valueCode);
        return literalCode === '""' ? (this.tokens.replaceToken(replacementCode), !1) : (this.tokens.replaceToken(`${needsComma ? ", " : ""}${literalCode}${replacementCode}`), !0);
      }
      getDevSource(elementLocationCode) {
        return `{fileName: ${this.getFilenameVarName()}, ${elementLocationCode}}`;
      }
      getFilenameVarName() {
        return this.filenameVarName || (this.filenameVarName = this.nameManager.claimFreeName("_jsxFileName")), this.filenameVarName;
      }
    };
    exports.default = JSXTransformer;
    function startsWithLowerCase(s) {
      let firstChar = s.charCodeAt(0);
      return firstChar >= _charcodes.charCodes.lowercaseA && firstChar <= _charcodes.charCodes.lowercaseZ;
    }
    exports.startsWithLowerCase = startsWithLowerCase;
    function formatJSXTextLiteral(text) {
      let result = "", whitespace = "", isInInitialLineWhitespace = !1, seenNonWhitespace = !1;
      for (let i = 0; i < text.length; i++) {
        let c = text[i];
        if (c === " " || c === "	" || c === "\r")
          isInInitialLineWhitespace || (whitespace += c);
        else if (c === `
`)
          whitespace = "", isInInitialLineWhitespace = !0;
        else {
          if (seenNonWhitespace && isInInitialLineWhitespace && (result += " "), result += whitespace, whitespace = "", c === "&") {
            let { entity, newI } = processEntity(text, i + 1);
            i = newI - 1, result += entity;
          } else
            result += c;
          seenNonWhitespace = !0, isInInitialLineWhitespace = !1;
        }
      }
      return isInInitialLineWhitespace || (result += whitespace), JSON.stringify(result);
    }
    function formatJSXTextReplacement(text) {
      let numNewlines = 0, numSpaces = 0;
      for (let c of text)
        c === `
` ? (numNewlines++, numSpaces = 0) : c === " " && numSpaces++;
      return `
`.repeat(numNewlines) + " ".repeat(numSpaces);
    }
    function formatJSXStringValueLiteral(text) {
      let result = "";
      for (let i = 0; i < text.length; i++) {
        let c = text[i];
        if (c === `
`)
          if (/\s/.test(text[i + 1]))
            for (result += " "; i < text.length && /\s/.test(text[i + 1]); )
              i++;
          else
            result += `
`;
        else if (c === "&") {
          let { entity, newI } = processEntity(text, i + 1);
          result += entity, i = newI - 1;
        } else
          result += c;
      }
      return JSON.stringify(result);
    }
    function processEntity(text, indexAfterAmpersand) {
      let str2 = "", count = 0, entity, i = indexAfterAmpersand;
      if (text[i] === "#") {
        let radix = 10;
        i++;
        let numStart;
        if (text[i] === "x")
          for (radix = 16, i++, numStart = i; i < text.length && isHexDigit(text.charCodeAt(i)); )
            i++;
        else
          for (numStart = i; i < text.length && isDecimalDigit(text.charCodeAt(i)); )
            i++;
        if (text[i] === ";") {
          let numStr = text.slice(numStart, i);
          numStr && (i++, entity = String.fromCodePoint(parseInt(numStr, radix)));
        }
      } else
        for (; i < text.length && count++ < 10; ) {
          let ch = text[i];
          if (i++, ch === ";") {
            entity = _xhtml2.default.get(str2);
            break;
          }
          str2 += ch;
        }
      return entity ? { entity, newI: i } : { entity: "&", newI: indexAfterAmpersand };
    }
    function isDecimalDigit(code) {
      return code >= _charcodes.charCodes.digit0 && code <= _charcodes.charCodes.digit9;
    }
    function isHexDigit(code) {
      return code >= _charcodes.charCodes.digit0 && code <= _charcodes.charCodes.digit9 || code >= _charcodes.charCodes.lowercaseA && code <= _charcodes.charCodes.lowercaseF || code >= _charcodes.charCodes.uppercaseA && code <= _charcodes.charCodes.uppercaseF;
    }
  }
});

// node_modules/sucrase/dist/util/getNonTypeIdentifiers.js
var require_getNonTypeIdentifiers = __commonJS({
  "node_modules/sucrase/dist/util/getNonTypeIdentifiers.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _tokenizer = require_tokenizer(), _types = require_types(), _JSXTransformer = require_JSXTransformer(), _getJSXPragmaInfo = require_getJSXPragmaInfo(), _getJSXPragmaInfo2 = _interopRequireDefault(_getJSXPragmaInfo);
    function getNonTypeIdentifiers(tokens, options) {
      let jsxPragmaInfo = _getJSXPragmaInfo2.default.call(void 0, options), nonTypeIdentifiers = /* @__PURE__ */ new Set();
      for (let i = 0; i < tokens.tokens.length; i++) {
        let token = tokens.tokens[i];
        if (token.type === _types.TokenType.name && !token.isType && (token.identifierRole === _tokenizer.IdentifierRole.Access || token.identifierRole === _tokenizer.IdentifierRole.ObjectShorthand || token.identifierRole === _tokenizer.IdentifierRole.ExportAccess) && !token.shadowsGlobal && nonTypeIdentifiers.add(tokens.identifierNameForToken(token)), token.type === _types.TokenType.jsxTagStart && nonTypeIdentifiers.add(jsxPragmaInfo.base), token.type === _types.TokenType.jsxTagStart && i + 1 < tokens.tokens.length && tokens.tokens[i + 1].type === _types.TokenType.jsxTagEnd && (nonTypeIdentifiers.add(jsxPragmaInfo.base), nonTypeIdentifiers.add(jsxPragmaInfo.fragmentBase)), token.type === _types.TokenType.jsxName && token.identifierRole === _tokenizer.IdentifierRole.Access) {
          let identifierName = tokens.identifierNameForToken(token);
          (!_JSXTransformer.startsWithLowerCase.call(void 0, identifierName) || tokens.tokens[i + 1].type === _types.TokenType.dot) && nonTypeIdentifiers.add(tokens.identifierNameForToken(token));
        }
      }
      return nonTypeIdentifiers;
    }
    exports.getNonTypeIdentifiers = getNonTypeIdentifiers;
  }
});

// node_modules/sucrase/dist/CJSImportProcessor.js
var require_CJSImportProcessor = __commonJS({
  "node_modules/sucrase/dist/CJSImportProcessor.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _tokenizer = require_tokenizer(), _keywords = require_keywords(), _types = require_types(), _getImportExportSpecifierInfo = require_getImportExportSpecifierInfo(), _getImportExportSpecifierInfo2 = _interopRequireDefault(_getImportExportSpecifierInfo), _getNonTypeIdentifiers = require_getNonTypeIdentifiers(), CJSImportProcessor = class _CJSImportProcessor {
      __init() {
        this.nonTypeIdentifiers = /* @__PURE__ */ new Set();
      }
      __init2() {
        this.importInfoByPath = /* @__PURE__ */ new Map();
      }
      __init3() {
        this.importsToReplace = /* @__PURE__ */ new Map();
      }
      __init4() {
        this.identifierReplacements = /* @__PURE__ */ new Map();
      }
      __init5() {
        this.exportBindingsByLocalName = /* @__PURE__ */ new Map();
      }
      constructor(nameManager, tokens, enableLegacyTypeScriptModuleInterop, options, isTypeScriptTransformEnabled, keepUnusedImports, helperManager) {
        this.nameManager = nameManager, this.tokens = tokens, this.enableLegacyTypeScriptModuleInterop = enableLegacyTypeScriptModuleInterop, this.options = options, this.isTypeScriptTransformEnabled = isTypeScriptTransformEnabled, this.keepUnusedImports = keepUnusedImports, this.helperManager = helperManager, _CJSImportProcessor.prototype.__init.call(this), _CJSImportProcessor.prototype.__init2.call(this), _CJSImportProcessor.prototype.__init3.call(this), _CJSImportProcessor.prototype.__init4.call(this), _CJSImportProcessor.prototype.__init5.call(this);
      }
      preprocessTokens() {
        for (let i = 0; i < this.tokens.tokens.length; i++)
          this.tokens.matches1AtIndex(i, _types.TokenType._import) && !this.tokens.matches3AtIndex(i, _types.TokenType._import, _types.TokenType.name, _types.TokenType.eq) && this.preprocessImportAtIndex(i), this.tokens.matches1AtIndex(i, _types.TokenType._export) && !this.tokens.matches2AtIndex(i, _types.TokenType._export, _types.TokenType.eq) && this.preprocessExportAtIndex(i);
        this.generateImportReplacements();
      }
      /**
       * In TypeScript, import statements that only import types should be removed.
       * This includes `import {} from 'foo';`, but not `import 'foo';`.
       */
      pruneTypeOnlyImports() {
        this.nonTypeIdentifiers = _getNonTypeIdentifiers.getNonTypeIdentifiers.call(void 0, this.tokens, this.options);
        for (let [path, importInfo] of this.importInfoByPath.entries()) {
          if (importInfo.hasBareImport || importInfo.hasStarExport || importInfo.exportStarNames.length > 0 || importInfo.namedExports.length > 0)
            continue;
          [
            ...importInfo.defaultNames,
            ...importInfo.wildcardNames,
            ...importInfo.namedImports.map(({ localName }) => localName)
          ].every((name) => this.shouldAutomaticallyElideImportedName(name)) && this.importsToReplace.set(path, "");
        }
      }
      shouldAutomaticallyElideImportedName(name) {
        return this.isTypeScriptTransformEnabled && !this.keepUnusedImports && !this.nonTypeIdentifiers.has(name);
      }
      generateImportReplacements() {
        for (let [path, importInfo] of this.importInfoByPath.entries()) {
          let {
            defaultNames,
            wildcardNames,
            namedImports,
            namedExports,
            exportStarNames,
            hasStarExport
          } = importInfo;
          if (defaultNames.length === 0 && wildcardNames.length === 0 && namedImports.length === 0 && namedExports.length === 0 && exportStarNames.length === 0 && !hasStarExport) {
            this.importsToReplace.set(path, `require('${path}');`);
            continue;
          }
          let primaryImportName = this.getFreeIdentifierForPath(path), secondaryImportName;
          this.enableLegacyTypeScriptModuleInterop ? secondaryImportName = primaryImportName : secondaryImportName = wildcardNames.length > 0 ? wildcardNames[0] : this.getFreeIdentifierForPath(path);
          let requireCode = `var ${primaryImportName} = require('${path}');`;
          if (wildcardNames.length > 0)
            for (let wildcardName of wildcardNames) {
              let moduleExpr = this.enableLegacyTypeScriptModuleInterop ? primaryImportName : `${this.helperManager.getHelperName("interopRequireWildcard")}(${primaryImportName})`;
              requireCode += ` var ${wildcardName} = ${moduleExpr};`;
            }
          else exportStarNames.length > 0 && secondaryImportName !== primaryImportName ? requireCode += ` var ${secondaryImportName} = ${this.helperManager.getHelperName(
            "interopRequireWildcard"
          )}(${primaryImportName});` : defaultNames.length > 0 && secondaryImportName !== primaryImportName && (requireCode += ` var ${secondaryImportName} = ${this.helperManager.getHelperName(
            "interopRequireDefault"
          )}(${primaryImportName});`);
          for (let { importedName, localName } of namedExports)
            requireCode += ` ${this.helperManager.getHelperName(
              "createNamedExportFrom"
            )}(${primaryImportName}, '${localName}', '${importedName}');`;
          for (let exportStarName of exportStarNames)
            requireCode += ` exports.${exportStarName} = ${secondaryImportName};`;
          hasStarExport && (requireCode += ` ${this.helperManager.getHelperName(
            "createStarExport"
          )}(${primaryImportName});`), this.importsToReplace.set(path, requireCode);
          for (let defaultName of defaultNames)
            this.identifierReplacements.set(defaultName, `${secondaryImportName}.default`);
          for (let { importedName, localName } of namedImports)
            this.identifierReplacements.set(localName, `${primaryImportName}.${importedName}`);
        }
      }
      getFreeIdentifierForPath(path) {
        let components = path.split("/"), baseName = components[components.length - 1].replace(/\W/g, "");
        return this.nameManager.claimFreeName(`_${baseName}`);
      }
      preprocessImportAtIndex(index) {
        let defaultNames = [], wildcardNames = [], namedImports = [];
        if (index++, (this.tokens.matchesContextualAtIndex(index, _keywords.ContextualKeyword._type) || this.tokens.matches1AtIndex(index, _types.TokenType._typeof)) && !this.tokens.matches1AtIndex(index + 1, _types.TokenType.comma) && !this.tokens.matchesContextualAtIndex(index + 1, _keywords.ContextualKeyword._from) || this.tokens.matches1AtIndex(index, _types.TokenType.parenL))
          return;
        if (this.tokens.matches1AtIndex(index, _types.TokenType.name) && (defaultNames.push(this.tokens.identifierNameAtIndex(index)), index++, this.tokens.matches1AtIndex(index, _types.TokenType.comma) && index++), this.tokens.matches1AtIndex(index, _types.TokenType.star) && (index += 2, wildcardNames.push(this.tokens.identifierNameAtIndex(index)), index++), this.tokens.matches1AtIndex(index, _types.TokenType.braceL)) {
          let result = this.getNamedImports(index + 1);
          index = result.newIndex;
          for (let namedImport of result.namedImports)
            namedImport.importedName === "default" ? defaultNames.push(namedImport.localName) : namedImports.push(namedImport);
        }
        if (this.tokens.matchesContextualAtIndex(index, _keywords.ContextualKeyword._from) && index++, !this.tokens.matches1AtIndex(index, _types.TokenType.string))
          throw new Error("Expected string token at the end of import statement.");
        let path = this.tokens.stringValueAtIndex(index), importInfo = this.getImportInfo(path);
        importInfo.defaultNames.push(...defaultNames), importInfo.wildcardNames.push(...wildcardNames), importInfo.namedImports.push(...namedImports), defaultNames.length === 0 && wildcardNames.length === 0 && namedImports.length === 0 && (importInfo.hasBareImport = !0);
      }
      preprocessExportAtIndex(index) {
        if (this.tokens.matches2AtIndex(index, _types.TokenType._export, _types.TokenType._var) || this.tokens.matches2AtIndex(index, _types.TokenType._export, _types.TokenType._let) || this.tokens.matches2AtIndex(index, _types.TokenType._export, _types.TokenType._const))
          this.preprocessVarExportAtIndex(index);
        else if (this.tokens.matches2AtIndex(index, _types.TokenType._export, _types.TokenType._function) || this.tokens.matches2AtIndex(index, _types.TokenType._export, _types.TokenType._class)) {
          let exportName = this.tokens.identifierNameAtIndex(index + 2);
          this.addExportBinding(exportName, exportName);
        } else if (this.tokens.matches3AtIndex(index, _types.TokenType._export, _types.TokenType.name, _types.TokenType._function)) {
          let exportName = this.tokens.identifierNameAtIndex(index + 3);
          this.addExportBinding(exportName, exportName);
        } else this.tokens.matches2AtIndex(index, _types.TokenType._export, _types.TokenType.braceL) ? this.preprocessNamedExportAtIndex(index) : this.tokens.matches2AtIndex(index, _types.TokenType._export, _types.TokenType.star) && this.preprocessExportStarAtIndex(index);
      }
      preprocessVarExportAtIndex(index) {
        let depth = 0;
        for (let i = index + 2; ; i++)
          if (this.tokens.matches1AtIndex(i, _types.TokenType.braceL) || this.tokens.matches1AtIndex(i, _types.TokenType.dollarBraceL) || this.tokens.matches1AtIndex(i, _types.TokenType.bracketL))
            depth++;
          else if (this.tokens.matches1AtIndex(i, _types.TokenType.braceR) || this.tokens.matches1AtIndex(i, _types.TokenType.bracketR))
            depth--;
          else {
            if (depth === 0 && !this.tokens.matches1AtIndex(i, _types.TokenType.name))
              break;
            if (this.tokens.matches1AtIndex(1, _types.TokenType.eq)) {
              let endIndex = this.tokens.currentToken().rhsEndIndex;
              if (endIndex == null)
                throw new Error("Expected = token with an end index.");
              i = endIndex - 1;
            } else {
              let token = this.tokens.tokens[i];
              if (_tokenizer.isDeclaration.call(void 0, token)) {
                let exportName = this.tokens.identifierNameAtIndex(i);
                this.identifierReplacements.set(exportName, `exports.${exportName}`);
              }
            }
          }
      }
      /**
       * Walk this export statement just in case it's an export...from statement.
       * If it is, combine it into the import info for that path. Otherwise, just
       * bail out; it'll be handled later.
       */
      preprocessNamedExportAtIndex(index) {
        index += 2;
        let { newIndex, namedImports } = this.getNamedImports(index);
        if (index = newIndex, this.tokens.matchesContextualAtIndex(index, _keywords.ContextualKeyword._from))
          index++;
        else {
          for (let { importedName: localName, localName: exportedName } of namedImports)
            this.addExportBinding(localName, exportedName);
          return;
        }
        if (!this.tokens.matches1AtIndex(index, _types.TokenType.string))
          throw new Error("Expected string token at the end of import statement.");
        let path = this.tokens.stringValueAtIndex(index);
        this.getImportInfo(path).namedExports.push(...namedImports);
      }
      preprocessExportStarAtIndex(index) {
        let exportedName = null;
        if (this.tokens.matches3AtIndex(index, _types.TokenType._export, _types.TokenType.star, _types.TokenType._as) ? (index += 3, exportedName = this.tokens.identifierNameAtIndex(index), index += 2) : index += 3, !this.tokens.matches1AtIndex(index, _types.TokenType.string))
          throw new Error("Expected string token at the end of star export statement.");
        let path = this.tokens.stringValueAtIndex(index), importInfo = this.getImportInfo(path);
        exportedName !== null ? importInfo.exportStarNames.push(exportedName) : importInfo.hasStarExport = !0;
      }
      getNamedImports(index) {
        let namedImports = [];
        for (; ; ) {
          if (this.tokens.matches1AtIndex(index, _types.TokenType.braceR)) {
            index++;
            break;
          }
          let specifierInfo = _getImportExportSpecifierInfo2.default.call(void 0, this.tokens, index);
          if (index = specifierInfo.endIndex, specifierInfo.isType || namedImports.push({
            importedName: specifierInfo.leftName,
            localName: specifierInfo.rightName
          }), this.tokens.matches2AtIndex(index, _types.TokenType.comma, _types.TokenType.braceR)) {
            index += 2;
            break;
          } else if (this.tokens.matches1AtIndex(index, _types.TokenType.braceR)) {
            index++;
            break;
          } else if (this.tokens.matches1AtIndex(index, _types.TokenType.comma))
            index++;
          else
            throw new Error(`Unexpected token: ${JSON.stringify(this.tokens.tokens[index])}`);
        }
        return { newIndex: index, namedImports };
      }
      /**
       * Get a mutable import info object for this path, creating one if it doesn't
       * exist yet.
       */
      getImportInfo(path) {
        let existingInfo = this.importInfoByPath.get(path);
        if (existingInfo)
          return existingInfo;
        let newInfo = {
          defaultNames: [],
          wildcardNames: [],
          namedImports: [],
          namedExports: [],
          hasBareImport: !1,
          exportStarNames: [],
          hasStarExport: !1
        };
        return this.importInfoByPath.set(path, newInfo), newInfo;
      }
      addExportBinding(localName, exportedName) {
        this.exportBindingsByLocalName.has(localName) || this.exportBindingsByLocalName.set(localName, []), this.exportBindingsByLocalName.get(localName).push(exportedName);
      }
      /**
       * Return the code to use for the import for this path, or the empty string if
       * the code has already been "claimed" by a previous import.
       */
      claimImportCode(importPath) {
        let result = this.importsToReplace.get(importPath);
        return this.importsToReplace.set(importPath, ""), result || "";
      }
      getIdentifierReplacement(identifierName) {
        return this.identifierReplacements.get(identifierName) || null;
      }
      /**
       * Return a string like `exports.foo = exports.bar`.
       */
      resolveExportBinding(assignedName) {
        let exportedNames = this.exportBindingsByLocalName.get(assignedName);
        return !exportedNames || exportedNames.length === 0 ? null : exportedNames.map((exportedName) => `exports.${exportedName}`).join(" = ");
      }
      /**
       * Return all imported/exported names where we might be interested in whether usages of those
       * names are shadowed.
       */
      getGlobalNames() {
        return /* @__PURE__ */ new Set([
          ...this.identifierReplacements.keys(),
          ...this.exportBindingsByLocalName.keys()
        ]);
      }
    };
    exports.default = CJSImportProcessor;
  }
});

// node_modules/@jridgewell/sourcemap-codec/dist/sourcemap-codec.umd.js
var require_sourcemap_codec_umd = __commonJS({
  "node_modules/@jridgewell/sourcemap-codec/dist/sourcemap-codec.umd.js"(exports, module) {
    (function(global, factory) {
      if (typeof exports == "object" && typeof module < "u")
        factory(module), module.exports = def(module);
      else if (typeof define == "function" && define.amd)
        define(["module"], function(mod) {
          factory.apply(this, arguments), mod.exports = def(mod);
        });
      else {
        let mod = { exports: {} };
        factory(mod), global = typeof globalThis < "u" ? globalThis : global || self, global.sourcemapCodec = def(mod);
      }
      function def(m) {
        return "default" in m.exports ? m.exports.default : m.exports;
      }
    })(exports, (function(module2) {
      "use strict";
      var __defProp = Object.defineProperty, __getOwnPropDesc = Object.getOwnPropertyDescriptor, __getOwnPropNames = Object.getOwnPropertyNames, __hasOwnProp = Object.prototype.hasOwnProperty, __export2 = (target, all2) => {
        for (var name in all2)
          __defProp(target, name, { get: all2[name], enumerable: !0 });
      }, __copyProps = (to, from, except, desc) => {
        if (from && typeof from == "object" || typeof from == "function")
          for (let key2 of __getOwnPropNames(from))
            !__hasOwnProp.call(to, key2) && key2 !== except && __defProp(to, key2, { get: () => from[key2], enumerable: !(desc = __getOwnPropDesc(from, key2)) || desc.enumerable });
        return to;
      }, __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: !0 }), mod), sourcemap_codec_exports = {};
      __export2(sourcemap_codec_exports, {
        decode: () => decode,
        decodeGeneratedRanges: () => decodeGeneratedRanges,
        decodeOriginalScopes: () => decodeOriginalScopes,
        decodeRangeMappings: () => decodeRangeMappings,
        encode: () => encode,
        encodeGeneratedRanges: () => encodeGeneratedRanges,
        encodeOriginalScopes: () => encodeOriginalScopes,
        encodeRangeMappings: () => encodeRangeMappings
      }), module2.exports = __toCommonJS(sourcemap_codec_exports);
      var comma = 44, semicolon = 59, chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", intToChar = new Uint8Array(64), charToInt = new Uint8Array(128);
      for (let i = 0; i < chars.length; i++) {
        let c = chars.charCodeAt(i);
        intToChar[i] = c, charToInt[c] = i;
      }
      function decodeInteger(reader) {
        let value = 0, shift = 0, integer = 0;
        do {
          let c = reader.next();
          integer = charToInt[c], value |= (integer & 31) << shift, shift += 5;
        } while (integer & 32);
        return value;
      }
      function decodeSign(num) {
        return num & 1 ? -2147483648 | -(num >>> 1) : num >>> 1;
      }
      function encodeInteger(builder, num) {
        do {
          let clamped = num & 31;
          num >>>= 5, num > 0 && (clamped |= 32), builder.write(intToChar[clamped]);
        } while (num > 0);
      }
      function encodeSign(num) {
        return num < 0 ? -num << 1 | 1 : num << 1;
      }
      function hasMoreVlq(reader, max) {
        return reader.pos >= max ? !1 : reader.peek() !== comma;
      }
      var bufLength = 1024 * 16, td = typeof TextDecoder < "u" ? /* @__PURE__ */ new TextDecoder() : typeof Buffer < "u" ? {
        decode(buf) {
          return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString();
        }
      } : {
        decode(buf) {
          let out = "";
          for (let i = 0; i < buf.length; i++)
            out += String.fromCharCode(buf[i]);
          return out;
        }
      }, StringWriter = class {
        constructor() {
          this.pos = 0, this.out = "", this.buffer = new Uint8Array(bufLength);
        }
        write(v) {
          let { buffer } = this;
          buffer[this.pos++] = v, this.pos === bufLength && (this.out += td.decode(buffer), this.pos = 0);
        }
        flush() {
          let { buffer, out, pos } = this;
          return pos > 0 ? out + td.decode(buffer.subarray(0, pos)) : out;
        }
      }, StringReader = class {
        constructor(buffer) {
          this.pos = 0, this.buffer = buffer;
        }
        next() {
          return this.buffer.charCodeAt(this.pos++);
        }
        peek() {
          return this.buffer.charCodeAt(this.pos);
        }
        indexOf(char) {
          let { buffer, pos } = this, idx = buffer.indexOf(char, pos);
          return idx === -1 ? buffer.length : idx;
        }
      }, EMPTY = [];
      function decodeOriginalScopes(input) {
        let { length } = input, reader = new StringReader(input), scopes = [], stack = [], line = 0;
        for (; reader.pos < length; reader.pos++) {
          line += decodeSign(decodeInteger(reader));
          let column = decodeSign(decodeInteger(reader));
          if (!hasMoreVlq(reader, length)) {
            let last = stack.pop();
            last[2] = line, last[3] = column;
            continue;
          }
          let kind = decodeSign(decodeInteger(reader)), scope = decodeSign(decodeInteger(reader)) & 1 ? [line, column, 0, 0, kind, decodeSign(decodeInteger(reader))] : [line, column, 0, 0, kind], vars = EMPTY;
          if (hasMoreVlq(reader, length)) {
            vars = [];
            do {
              let varsIndex = decodeSign(decodeInteger(reader));
              vars.push(varsIndex);
            } while (hasMoreVlq(reader, length));
          }
          scope.vars = vars, scopes.push(scope), stack.push(scope);
        }
        return scopes;
      }
      function encodeOriginalScopes(scopes) {
        let writer = new StringWriter();
        for (let i = 0; i < scopes.length; )
          i = _encodeOriginalScopes(scopes, i, writer, [0]);
        return writer.flush();
      }
      function _encodeOriginalScopes(scopes, index, writer, state) {
        let scope = scopes[index], { 0: startLine, 1: startColumn, 2: endLine, 3: endColumn, 4: kind, vars } = scope;
        index > 0 && writer.write(comma), encodeInteger(writer, encodeSign(startLine - state[0])), state[0] = startLine, encodeInteger(writer, encodeSign(startColumn)), encodeInteger(writer, encodeSign(kind));
        let fields = scope.length === 6 ? 1 : 0;
        encodeInteger(writer, encodeSign(fields)), scope.length === 6 && encodeInteger(writer, encodeSign(scope[5]));
        for (let v of vars)
          encodeInteger(writer, encodeSign(v));
        for (index++; index < scopes.length; ) {
          let next = scopes[index], { 0: l, 1: c } = next;
          if (l > endLine || l === endLine && c >= endColumn)
            break;
          index = _encodeOriginalScopes(scopes, index, writer, state);
        }
        return writer.write(comma), encodeInteger(writer, encodeSign(endLine - state[0])), state[0] = endLine, encodeInteger(writer, encodeSign(endColumn)), index;
      }
      function decodeGeneratedRanges(input) {
        let { length } = input, reader = new StringReader(input), ranges = [], stack = [], genLine = 0, definitionSourcesIndex = 0, definitionScopeIndex = 0, callsiteSourcesIndex = 0, callsiteLine = 0, callsiteColumn = 0, bindingLine = 0, bindingColumn = 0;
        do {
          let semi = reader.indexOf(";"), genColumn = 0;
          for (; reader.pos < semi; reader.pos++) {
            if (genColumn += decodeSign(decodeInteger(reader)), !hasMoreVlq(reader, semi)) {
              let last = stack.pop();
              last[2] = genLine, last[3] = genColumn;
              continue;
            }
            let fields = decodeSign(decodeInteger(reader)), hasDefinition = fields & 1, hasCallsite = fields & 2, hasScope = fields & 4, callsite = null, bindings = EMPTY, range;
            if (hasDefinition) {
              let defSourcesIndex = definitionSourcesIndex + decodeSign(decodeInteger(reader));
              definitionScopeIndex = decodeSign(decodeInteger(reader)) + (definitionSourcesIndex === defSourcesIndex ? definitionScopeIndex : 0), definitionSourcesIndex = defSourcesIndex, range = [genLine, genColumn, 0, 0, defSourcesIndex, definitionScopeIndex];
            } else
              range = [genLine, genColumn, 0, 0];
            if (range.isScope = !!hasScope, hasCallsite) {
              let prevCsi = callsiteSourcesIndex, prevLine = callsiteLine;
              callsiteSourcesIndex += decodeSign(decodeInteger(reader));
              let sameSource = prevCsi === callsiteSourcesIndex;
              callsiteLine = (sameSource ? callsiteLine : 0) + decodeSign(decodeInteger(reader)), callsiteColumn = (sameSource && prevLine === callsiteLine ? callsiteColumn : 0) + decodeSign(decodeInteger(reader)), callsite = [callsiteSourcesIndex, callsiteLine, callsiteColumn];
            }
            if (range.callsite = callsite, hasMoreVlq(reader, semi)) {
              bindings = [];
              do {
                bindingLine = genLine, bindingColumn = genColumn;
                let expressionsCount = decodeSign(decodeInteger(reader)), expressionRanges;
                if (expressionsCount < -1) {
                  expressionRanges = [[decodeSign(decodeInteger(reader))]];
                  for (let i = -1; i > expressionsCount; i--) {
                    let prevBl = bindingLine;
                    bindingLine += decodeSign(decodeInteger(reader)), bindingColumn = (bindingLine === prevBl ? bindingColumn : 0) + decodeSign(decodeInteger(reader));
                    let expression = decodeSign(decodeInteger(reader));
                    expressionRanges.push([expression, bindingLine, bindingColumn]);
                  }
                } else
                  expressionRanges = [[expressionsCount]];
                bindings.push(expressionRanges);
              } while (hasMoreVlq(reader, semi));
            }
            range.bindings = bindings, ranges.push(range), stack.push(range);
          }
          genLine++, reader.pos = semi + 1;
        } while (reader.pos < length);
        return ranges;
      }
      function encodeGeneratedRanges(ranges) {
        if (ranges.length === 0) return "";
        let writer = new StringWriter();
        for (let i = 0; i < ranges.length; )
          i = _encodeGeneratedRanges(ranges, i, writer, [0, 0, 0, 0, 0, 0, 0]);
        return writer.flush();
      }
      function _encodeGeneratedRanges(ranges, index, writer, state) {
        let range = ranges[index], {
          0: startLine,
          1: startColumn,
          2: endLine,
          3: endColumn,
          isScope,
          callsite,
          bindings
        } = range;
        state[0] < startLine ? (catchupLine(writer, state[0], startLine), state[0] = startLine, state[1] = 0) : index > 0 && writer.write(comma), encodeInteger(writer, encodeSign(range[1] - state[1])), state[1] = range[1];
        let fields = (range.length === 6 ? 1 : 0) | (callsite ? 2 : 0) | (isScope ? 4 : 0);
        if (encodeInteger(writer, encodeSign(fields)), range.length === 6) {
          let { 4: sourcesIndex, 5: scopesIndex } = range;
          sourcesIndex !== state[2] && (state[3] = 0), encodeInteger(writer, encodeSign(sourcesIndex - state[2])), state[2] = sourcesIndex, encodeInteger(writer, encodeSign(scopesIndex - state[3])), state[3] = scopesIndex;
        }
        if (callsite) {
          let { 0: sourcesIndex, 1: callLine, 2: callColumn } = range.callsite;
          sourcesIndex !== state[4] ? (state[5] = 0, state[6] = 0) : callLine !== state[5] && (state[6] = 0), encodeInteger(writer, encodeSign(sourcesIndex - state[4])), state[4] = sourcesIndex, encodeInteger(writer, encodeSign(callLine - state[5])), state[5] = callLine, encodeInteger(writer, encodeSign(callColumn - state[6])), state[6] = callColumn;
        }
        if (bindings)
          for (let binding of bindings) {
            binding.length > 1 && encodeInteger(writer, encodeSign(-binding.length));
            let expression = binding[0][0];
            encodeInteger(writer, encodeSign(expression));
            let bindingStartLine = startLine, bindingStartColumn = startColumn;
            for (let i = 1; i < binding.length; i++) {
              let expRange = binding[i];
              encodeInteger(writer, encodeSign(expRange[1] - bindingStartLine)), bindingStartLine = expRange[1], encodeInteger(writer, encodeSign(expRange[2] - bindingStartColumn)), bindingStartColumn = expRange[2], encodeInteger(writer, encodeSign(expRange[0]));
            }
          }
        for (index++; index < ranges.length; ) {
          let next = ranges[index], { 0: l, 1: c } = next;
          if (l > endLine || l === endLine && c >= endColumn)
            break;
          index = _encodeGeneratedRanges(ranges, index, writer, state);
        }
        return state[0] < endLine ? (catchupLine(writer, state[0], endLine), state[0] = endLine, state[1] = 0) : writer.write(comma), encodeInteger(writer, encodeSign(endColumn - state[1])), state[1] = endColumn, index;
      }
      function catchupLine(writer, lastLine, line) {
        do
          writer.write(semicolon);
        while (++lastLine < line);
      }
      function decodeRangeMappings(input) {
        let { length } = input, reader = new StringReader(input), rangeMappings = [];
        do {
          let semi = reader.indexOf(";"), indices = [], index = 0;
          for (; reader.pos < semi; )
            index += decodeInteger(reader), indices.push(index);
          rangeMappings.push(indices), reader.pos = semi + 1;
        } while (reader.pos <= length);
        return rangeMappings;
      }
      function encodeRangeMappings(decoded) {
        if (decoded.length === 0) return "";
        let writer = new StringWriter();
        for (let i = 0; i < decoded.length; i++) {
          let indices = decoded[i];
          i > 0 && writer.write(semicolon);
          let index = 0;
          for (let j = 0; j < indices.length; j++) {
            let offset = indices[j];
            encodeInteger(writer, offset - index), index = offset;
          }
        }
        return writer.flush();
      }
      function decode(mappings) {
        let { length } = mappings, reader = new StringReader(mappings), decoded = [], genColumn = 0, sourcesIndex = 0, sourceLine = 0, sourceColumn = 0, namesIndex = 0;
        do {
          let semi = reader.indexOf(";"), line = [], sorted = !0, lastCol = 0;
          for (genColumn = 0; reader.pos < semi; ) {
            let seg;
            genColumn += decodeSign(decodeInteger(reader)), genColumn < lastCol && (sorted = !1), lastCol = genColumn, hasMoreVlq(reader, semi) ? (sourcesIndex += decodeSign(decodeInteger(reader)), sourceLine += decodeSign(decodeInteger(reader)), sourceColumn += decodeSign(decodeInteger(reader)), hasMoreVlq(reader, semi) ? (namesIndex += decodeSign(decodeInteger(reader)), seg = [genColumn, sourcesIndex, sourceLine, sourceColumn, namesIndex]) : seg = [genColumn, sourcesIndex, sourceLine, sourceColumn]) : seg = [genColumn], line.push(seg), reader.pos++;
          }
          sorted || sort(line), decoded.push(line), reader.pos = semi + 1;
        } while (reader.pos <= length);
        return decoded;
      }
      function sort(line) {
        line.sort(sortComparator);
      }
      function sortComparator(a, b) {
        return a[0] - b[0];
      }
      function encode(decoded) {
        let writer = new StringWriter(), sourcesIndex = 0, sourceLine = 0, sourceColumn = 0, namesIndex = 0;
        for (let i = 0; i < decoded.length; i++) {
          let line = decoded[i];
          if (i > 0 && writer.write(semicolon), line.length === 0) continue;
          let genColumn = 0;
          for (let j = 0; j < line.length; j++) {
            let segment = line[j];
            j > 0 && writer.write(comma), encodeInteger(writer, encodeSign(segment[0] - genColumn)), genColumn = segment[0], segment.length !== 1 && (encodeInteger(writer, encodeSign(segment[1] - sourcesIndex)), encodeInteger(writer, encodeSign(segment[2] - sourceLine)), encodeInteger(writer, encodeSign(segment[3] - sourceColumn)), sourcesIndex = segment[1], sourceLine = segment[2], sourceColumn = segment[3], segment.length !== 4 && (encodeInteger(writer, encodeSign(segment[4] - namesIndex)), namesIndex = segment[4]));
          }
        }
        return writer.flush();
      }
    }));
  }
});

// node_modules/@jridgewell/resolve-uri/dist/resolve-uri.umd.js
var require_resolve_uri_umd = __commonJS({
  "node_modules/@jridgewell/resolve-uri/dist/resolve-uri.umd.js"(exports, module) {
    (function(global, factory) {
      typeof exports == "object" && typeof module < "u" ? module.exports = factory() : typeof define == "function" && define.amd ? define(factory) : (global = typeof globalThis < "u" ? globalThis : global || self, global.resolveURI = factory());
    })(exports, (function() {
      "use strict";
      let schemeRegex = /^[\w+.-]+:\/\//, urlRegex = /^([\w+.-]+:)\/\/([^@/#?]*@)?(\[[^\]]+\]|[^:/#?]*)(:\d+)?(\/[^#?]*)?(\?[^#]*)?(#.*)?/, fileRegex = /^file:(?:\/\/((?![a-z]:)[^/#?]*)?)?(\/?[^#?]*)(\?[^#]*)?(#.*)?/i;
      function isAbsoluteUrl(input) {
        return schemeRegex.test(input);
      }
      function isSchemeRelativeUrl(input) {
        return input.startsWith("//");
      }
      function isAbsolutePath(input) {
        return input.startsWith("/");
      }
      function isFileUrl(input) {
        return input.startsWith("file:");
      }
      function isRelative(input) {
        return /^[.?#]/.test(input);
      }
      function parseAbsoluteUrl(input) {
        let match = urlRegex.exec(input);
        return makeUrl(match[1], match[2] || "", match[3], match[4] || "", match[5] || "/", match[6] || "", match[7] || "");
      }
      function parseFileUrl(input) {
        let match = fileRegex.exec(input), path = match[2];
        return makeUrl("file:", "", match[1] || "", "", isAbsolutePath(path) ? path : "/" + path, match[3] || "", match[4] || "");
      }
      function makeUrl(scheme, user, host, port, path, query2, hash) {
        return {
          scheme,
          user,
          host,
          port,
          path,
          query: query2,
          hash,
          type: 7
        };
      }
      function parseUrl(input) {
        if (isSchemeRelativeUrl(input)) {
          let url2 = parseAbsoluteUrl("http:" + input);
          return url2.scheme = "", url2.type = 6, url2;
        }
        if (isAbsolutePath(input)) {
          let url2 = parseAbsoluteUrl("http://foo.com" + input);
          return url2.scheme = "", url2.host = "", url2.type = 5, url2;
        }
        if (isFileUrl(input))
          return parseFileUrl(input);
        if (isAbsoluteUrl(input))
          return parseAbsoluteUrl(input);
        let url = parseAbsoluteUrl("http://foo.com/" + input);
        return url.scheme = "", url.host = "", url.type = input ? input.startsWith("?") ? 3 : input.startsWith("#") ? 2 : 4 : 1, url;
      }
      function stripPathFilename(path) {
        if (path.endsWith("/.."))
          return path;
        let index = path.lastIndexOf("/");
        return path.slice(0, index + 1);
      }
      function mergePaths(url, base) {
        normalizePath(base, base.type), url.path === "/" ? url.path = base.path : url.path = stripPathFilename(base.path) + url.path;
      }
      function normalizePath(url, type) {
        let rel = type <= 4, pieces = url.path.split("/"), pointer = 1, positive = 0, addTrailingSlash = !1;
        for (let i = 1; i < pieces.length; i++) {
          let piece = pieces[i];
          if (!piece) {
            addTrailingSlash = !0;
            continue;
          }
          if (addTrailingSlash = !1, piece !== ".") {
            if (piece === "..") {
              positive ? (addTrailingSlash = !0, positive--, pointer--) : rel && (pieces[pointer++] = piece);
              continue;
            }
            pieces[pointer++] = piece, positive++;
          }
        }
        let path = "";
        for (let i = 1; i < pointer; i++)
          path += "/" + pieces[i];
        (!path || addTrailingSlash && !path.endsWith("/..")) && (path += "/"), url.path = path;
      }
      function resolve5(input, base) {
        if (!input && !base)
          return "";
        let url = parseUrl(input), inputType = url.type;
        if (base && inputType !== 7) {
          let baseUrl = parseUrl(base), baseType = baseUrl.type;
          switch (inputType) {
            case 1:
              url.hash = baseUrl.hash;
            // fall through
            case 2:
              url.query = baseUrl.query;
            // fall through
            case 3:
            case 4:
              mergePaths(url, baseUrl);
            // fall through
            case 5:
              url.user = baseUrl.user, url.host = baseUrl.host, url.port = baseUrl.port;
            // fall through
            case 6:
              url.scheme = baseUrl.scheme;
          }
          baseType > inputType && (inputType = baseType);
        }
        normalizePath(url, inputType);
        let queryHash = url.query + url.hash;
        switch (inputType) {
          // This is impossible, because of the empty checks at the start of the function.
          // case UrlType.Empty:
          case 2:
          case 3:
            return queryHash;
          case 4: {
            let path = url.path.slice(1);
            return path ? isRelative(base || input) && !isRelative(path) ? "./" + path + queryHash : path + queryHash : queryHash || ".";
          }
          case 5:
            return url.path + queryHash;
          default:
            return url.scheme + "//" + url.user + url.host + url.port + url.path + queryHash;
        }
      }
      return resolve5;
    }));
  }
});

// node_modules/@jridgewell/trace-mapping/dist/trace-mapping.umd.js
var require_trace_mapping_umd = __commonJS({
  "node_modules/@jridgewell/trace-mapping/dist/trace-mapping.umd.js"(exports, module) {
    (function(global, factory) {
      if (typeof exports == "object" && typeof module < "u")
        factory(module, require_resolve_uri_umd(), require_sourcemap_codec_umd()), module.exports = def(module);
      else if (typeof define == "function" && define.amd)
        define(["module", "@jridgewell/resolve-uri", "@jridgewell/sourcemap-codec"], function(mod) {
          factory.apply(this, arguments), mod.exports = def(mod);
        });
      else {
        let mod = { exports: {} };
        factory(mod, global.resolveURI, global.sourcemapCodec), global = typeof globalThis < "u" ? globalThis : global || self, global.traceMapping = def(mod);
      }
      function def(m) {
        return "default" in m.exports ? m.exports.default : m.exports;
      }
    })(exports, (function(module2, require_resolveURI, require_sourcemapCodec) {
      "use strict";
      var __create = Object.create, __defProp = Object.defineProperty, __getOwnPropDesc = Object.getOwnPropertyDescriptor, __getOwnPropNames = Object.getOwnPropertyNames, __getProtoOf = Object.getPrototypeOf, __hasOwnProp = Object.prototype.hasOwnProperty, __commonJS2 = (cb, mod) => function() {
        return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
      }, __export2 = (target, all2) => {
        for (var name in all2)
          __defProp(target, name, { get: all2[name], enumerable: !0 });
      }, __copyProps = (to, from, except, desc) => {
        if (from && typeof from == "object" || typeof from == "function")
          for (let key2 of __getOwnPropNames(from))
            !__hasOwnProp.call(to, key2) && key2 !== except && __defProp(to, key2, { get: () => from[key2], enumerable: !(desc = __getOwnPropDesc(from, key2)) || desc.enumerable });
        return to;
      }, __toESM2 = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
        // If the importer is in node compatibility mode or this is not an ESM
        // file that has been converted to a CommonJS file using a Babel-
        // compatible transform (i.e. "__esModule" has not been set), then set
        // "default" to the CommonJS "module.exports" for node compatibility.
        isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: !0 }) : target,
        mod
      )), __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: !0 }), mod), require_sourcemap_codec = __commonJS2({
        "umd:@jridgewell/sourcemap-codec"(exports2, module22) {
          module22.exports = require_sourcemapCodec;
        }
      }), require_resolve_uri = __commonJS2({
        "umd:@jridgewell/resolve-uri"(exports2, module22) {
          module22.exports = require_resolveURI;
        }
      }), trace_mapping_exports = {};
      __export2(trace_mapping_exports, {
        AnyMap: () => FlattenMap,
        FlattenMap: () => FlattenMap,
        GREATEST_LOWER_BOUND: () => GREATEST_LOWER_BOUND,
        LEAST_UPPER_BOUND: () => LEAST_UPPER_BOUND,
        TraceMap: () => TraceMap,
        allGeneratedPositionsFor: () => allGeneratedPositionsFor,
        decodedMap: () => decodedMap,
        decodedMappings: () => decodedMappings,
        eachMapping: () => eachMapping,
        encodedMap: () => encodedMap,
        encodedMappings: () => encodedMappings,
        generatedPositionFor: () => generatedPositionFor,
        isIgnored: () => isIgnored,
        originalPositionFor: () => originalPositionFor,
        presortedDecodedMap: () => presortedDecodedMap,
        sourceContentFor: () => sourceContentFor,
        traceSegment: () => traceSegment
      }), module2.exports = __toCommonJS(trace_mapping_exports);
      var import_sourcemap_codec = __toESM2(require_sourcemap_codec()), import_resolve_uri = __toESM2(require_resolve_uri());
      function stripFilename(path) {
        if (!path) return "";
        let index = path.lastIndexOf("/");
        return path.slice(0, index + 1);
      }
      function resolver(mapUrl, sourceRoot) {
        let from = stripFilename(mapUrl), prefix = sourceRoot ? sourceRoot + "/" : "";
        return (source) => (0, import_resolve_uri.default)(prefix + (source || ""), from);
      }
      var COLUMN = 0, SOURCES_INDEX = 1, SOURCE_LINE = 2, SOURCE_COLUMN = 3, NAMES_INDEX = 4, REV_GENERATED_LINE = 1, REV_GENERATED_COLUMN = 2;
      function maybeSort(mappings, owned) {
        let unsortedIndex = nextUnsortedSegmentLine(mappings, 0);
        if (unsortedIndex === mappings.length) return mappings;
        owned || (mappings = mappings.slice());
        for (let i = unsortedIndex; i < mappings.length; i = nextUnsortedSegmentLine(mappings, i + 1))
          mappings[i] = sortSegments(mappings[i], owned);
        return mappings;
      }
      function nextUnsortedSegmentLine(mappings, start) {
        for (let i = start; i < mappings.length; i++)
          if (!isSorted(mappings[i])) return i;
        return mappings.length;
      }
      function isSorted(line) {
        for (let j = 1; j < line.length; j++)
          if (line[j][COLUMN] < line[j - 1][COLUMN])
            return !1;
        return !0;
      }
      function sortSegments(line, owned) {
        return owned || (line = line.slice()), line.sort(sortComparator);
      }
      function sortComparator(a, b) {
        return a[COLUMN] - b[COLUMN];
      }
      function buildBySources(decoded, memos) {
        let sources = memos.map(() => []);
        for (let i = 0; i < decoded.length; i++) {
          let line = decoded[i];
          for (let j = 0; j < line.length; j++) {
            let seg = line[j];
            if (seg.length === 1) continue;
            let sourceIndex2 = seg[SOURCES_INDEX], sourceLine = seg[SOURCE_LINE], sourceColumn = seg[SOURCE_COLUMN], source = sources[sourceIndex2];
            (source[sourceLine] || (source[sourceLine] = [])).push([sourceColumn, i, seg[COLUMN]]);
          }
        }
        for (let i = 0; i < sources.length; i++) {
          let source = sources[i];
          for (let j = 0; j < source.length; j++) {
            let line = source[j];
            line && line.sort(sortComparator);
          }
        }
        return sources;
      }
      var found = !1;
      function binarySearch(haystack, needle, low, high) {
        for (; low <= high; ) {
          let mid = low + (high - low >> 1), cmp = haystack[mid][COLUMN] - needle;
          if (cmp === 0)
            return found = !0, mid;
          cmp < 0 ? low = mid + 1 : high = mid - 1;
        }
        return found = !1, low - 1;
      }
      function upperBound(haystack, needle, index) {
        for (let i = index + 1; i < haystack.length && haystack[i][COLUMN] === needle; index = i++)
          ;
        return index;
      }
      function lowerBound(haystack, needle, index) {
        for (let i = index - 1; i >= 0 && haystack[i][COLUMN] === needle; index = i--)
          ;
        return index;
      }
      function memoizedState() {
        return {
          lastKey: -1,
          lastNeedle: -1,
          lastIndex: -1
        };
      }
      function memoizedBinarySearch(haystack, needle, state, key2) {
        let { lastKey, lastNeedle, lastIndex } = state, low = 0, high = haystack.length - 1;
        if (key2 === lastKey) {
          if (needle === lastNeedle)
            return found = lastIndex !== -1 && haystack[lastIndex][COLUMN] === needle, lastIndex;
          needle >= lastNeedle ? low = lastIndex === -1 ? 0 : lastIndex : high = lastIndex;
        }
        return state.lastKey = key2, state.lastNeedle = needle, state.lastIndex = binarySearch(haystack, needle, low, high);
      }
      function parse(map) {
        return typeof map == "string" ? JSON.parse(map) : map;
      }
      var FlattenMap = function(map, mapUrl) {
        let parsed = parse(map);
        if (!("sections" in parsed))
          return new TraceMap(parsed, mapUrl);
        let mappings = [], sources = [], sourcesContent = [], names = [], ignoreList = [];
        recurse(
          parsed,
          mapUrl,
          mappings,
          sources,
          sourcesContent,
          names,
          ignoreList,
          0,
          0,
          1 / 0,
          1 / 0
        );
        let joined = {
          version: 3,
          file: parsed.file,
          names,
          sources,
          sourcesContent,
          mappings,
          ignoreList
        };
        return presortedDecodedMap(joined);
      };
      function recurse(input, mapUrl, mappings, sources, sourcesContent, names, ignoreList, lineOffset, columnOffset, stopLine, stopColumn) {
        let { sections } = input;
        for (let i = 0; i < sections.length; i++) {
          let { map, offset } = sections[i], sl = stopLine, sc = stopColumn;
          if (i + 1 < sections.length) {
            let nextOffset = sections[i + 1].offset;
            sl = Math.min(stopLine, lineOffset + nextOffset.line), sl === stopLine ? sc = Math.min(stopColumn, columnOffset + nextOffset.column) : sl < stopLine && (sc = columnOffset + nextOffset.column);
          }
          addSection(
            map,
            mapUrl,
            mappings,
            sources,
            sourcesContent,
            names,
            ignoreList,
            lineOffset + offset.line,
            columnOffset + offset.column,
            sl,
            sc
          );
        }
      }
      function addSection(input, mapUrl, mappings, sources, sourcesContent, names, ignoreList, lineOffset, columnOffset, stopLine, stopColumn) {
        let parsed = parse(input);
        if ("sections" in parsed) return recurse(...arguments);
        let map = new TraceMap(parsed, mapUrl), sourcesOffset = sources.length, namesOffset = names.length, decoded = decodedMappings(map), { resolvedSources, sourcesContent: contents, ignoreList: ignores } = map;
        if (append(sources, resolvedSources), append(names, map.names), contents) append(sourcesContent, contents);
        else for (let i = 0; i < resolvedSources.length; i++) sourcesContent.push(null);
        if (ignores) for (let i = 0; i < ignores.length; i++) ignoreList.push(ignores[i] + sourcesOffset);
        for (let i = 0; i < decoded.length; i++) {
          let lineI = lineOffset + i;
          if (lineI > stopLine) return;
          let out = getLine(mappings, lineI), cOffset = i === 0 ? columnOffset : 0, line = decoded[i];
          for (let j = 0; j < line.length; j++) {
            let seg = line[j], column = cOffset + seg[COLUMN];
            if (lineI === stopLine && column >= stopColumn) return;
            if (seg.length === 1) {
              out.push([column]);
              continue;
            }
            let sourcesIndex = sourcesOffset + seg[SOURCES_INDEX], sourceLine = seg[SOURCE_LINE], sourceColumn = seg[SOURCE_COLUMN];
            out.push(
              seg.length === 4 ? [column, sourcesIndex, sourceLine, sourceColumn] : [column, sourcesIndex, sourceLine, sourceColumn, namesOffset + seg[NAMES_INDEX]]
            );
          }
        }
      }
      function append(arr, other) {
        for (let i = 0; i < other.length; i++) arr.push(other[i]);
      }
      function getLine(arr, index) {
        for (let i = arr.length; i <= index; i++) arr[i] = [];
        return arr[index];
      }
      var LINE_GTR_ZERO = "`line` must be greater than 0 (lines start at line 1)", COL_GTR_EQ_ZERO = "`column` must be greater than or equal to 0 (columns start at column 0)", LEAST_UPPER_BOUND = -1, GREATEST_LOWER_BOUND = 1, TraceMap = class {
        constructor(map, mapUrl) {
          let isString = typeof map == "string";
          if (!isString && map._decodedMemo) return map;
          let parsed = parse(map), { version, file, names, sourceRoot, sources, sourcesContent } = parsed;
          this.version = version, this.file = file, this.names = names || [], this.sourceRoot = sourceRoot, this.sources = sources, this.sourcesContent = sourcesContent, this.ignoreList = parsed.ignoreList || parsed.x_google_ignoreList || void 0;
          let resolve5 = resolver(mapUrl, sourceRoot);
          this.resolvedSources = sources.map(resolve5);
          let { mappings } = parsed;
          if (typeof mappings == "string")
            this._encoded = mappings, this._decoded = void 0;
          else if (Array.isArray(mappings))
            this._encoded = void 0, this._decoded = maybeSort(mappings, isString);
          else throw parsed.sections ? new Error("TraceMap passed sectioned source map, please use FlattenMap export instead") : new Error(`invalid source map: ${JSON.stringify(parsed)}`);
          this._decodedMemo = memoizedState(), this._bySources = void 0, this._bySourceMemos = void 0;
        }
      };
      function cast(map) {
        return map;
      }
      function encodedMappings(map) {
        var _a, _b;
        return (_b = (_a = map)._encoded) != null ? _b : _a._encoded = (0, import_sourcemap_codec.encode)(map._decoded);
      }
      function decodedMappings(map) {
        var _a;
        return (_a = map)._decoded || (_a._decoded = (0, import_sourcemap_codec.decode)(map._encoded));
      }
      function traceSegment(map, line, column) {
        let decoded = decodedMappings(map);
        if (line >= decoded.length) return null;
        let segments = decoded[line], index = traceSegmentInternal(
          segments,
          map._decodedMemo,
          line,
          column,
          GREATEST_LOWER_BOUND
        );
        return index === -1 ? null : segments[index];
      }
      function originalPositionFor(map, needle) {
        let { line, column, bias } = needle;
        if (line--, line < 0) throw new Error(LINE_GTR_ZERO);
        if (column < 0) throw new Error(COL_GTR_EQ_ZERO);
        let decoded = decodedMappings(map);
        if (line >= decoded.length) return OMapping(null, null, null, null);
        let segments = decoded[line], index = traceSegmentInternal(
          segments,
          map._decodedMemo,
          line,
          column,
          bias || GREATEST_LOWER_BOUND
        );
        if (index === -1) return OMapping(null, null, null, null);
        let segment = segments[index];
        if (segment.length === 1) return OMapping(null, null, null, null);
        let { names, resolvedSources } = map;
        return OMapping(
          resolvedSources[segment[SOURCES_INDEX]],
          segment[SOURCE_LINE] + 1,
          segment[SOURCE_COLUMN],
          segment.length === 5 ? names[segment[NAMES_INDEX]] : null
        );
      }
      function generatedPositionFor(map, needle) {
        let { source, line, column, bias } = needle;
        return generatedPosition(map, source, line, column, bias || GREATEST_LOWER_BOUND, !1);
      }
      function allGeneratedPositionsFor(map, needle) {
        let { source, line, column, bias } = needle;
        return generatedPosition(map, source, line, column, bias || LEAST_UPPER_BOUND, !0);
      }
      function eachMapping(map, cb) {
        let decoded = decodedMappings(map), { names, resolvedSources } = map;
        for (let i = 0; i < decoded.length; i++) {
          let line = decoded[i];
          for (let j = 0; j < line.length; j++) {
            let seg = line[j], generatedLine = i + 1, generatedColumn = seg[0], source = null, originalLine = null, originalColumn = null, name = null;
            seg.length !== 1 && (source = resolvedSources[seg[1]], originalLine = seg[2] + 1, originalColumn = seg[3]), seg.length === 5 && (name = names[seg[4]]), cb({
              generatedLine,
              generatedColumn,
              source,
              originalLine,
              originalColumn,
              name
            });
          }
        }
      }
      function sourceIndex(map, source) {
        let { sources, resolvedSources } = map, index = sources.indexOf(source);
        return index === -1 && (index = resolvedSources.indexOf(source)), index;
      }
      function sourceContentFor(map, source) {
        let { sourcesContent } = map;
        if (sourcesContent == null) return null;
        let index = sourceIndex(map, source);
        return index === -1 ? null : sourcesContent[index];
      }
      function isIgnored(map, source) {
        let { ignoreList } = map;
        if (ignoreList == null) return !1;
        let index = sourceIndex(map, source);
        return index === -1 ? !1 : ignoreList.includes(index);
      }
      function presortedDecodedMap(map, mapUrl) {
        let tracer = new TraceMap(clone(map, []), mapUrl);
        return tracer._decoded = map.mappings, tracer;
      }
      function decodedMap(map) {
        return clone(map, decodedMappings(map));
      }
      function encodedMap(map) {
        return clone(map, encodedMappings(map));
      }
      function clone(map, mappings) {
        return {
          version: map.version,
          file: map.file,
          names: map.names,
          sourceRoot: map.sourceRoot,
          sources: map.sources,
          sourcesContent: map.sourcesContent,
          mappings,
          ignoreList: map.ignoreList || map.x_google_ignoreList
        };
      }
      function OMapping(source, line, column, name) {
        return { source, line, column, name };
      }
      function GMapping(line, column) {
        return { line, column };
      }
      function traceSegmentInternal(segments, memo, line, column, bias) {
        let index = memoizedBinarySearch(segments, column, memo, line);
        return found ? index = (bias === LEAST_UPPER_BOUND ? upperBound : lowerBound)(segments, column, index) : bias === LEAST_UPPER_BOUND && index++, index === -1 || index === segments.length ? -1 : index;
      }
      function sliceGeneratedPositions(segments, memo, line, column, bias) {
        let min = traceSegmentInternal(segments, memo, line, column, GREATEST_LOWER_BOUND);
        if (!found && bias === LEAST_UPPER_BOUND && min++, min === -1 || min === segments.length) return [];
        let matchedColumn = found ? column : segments[min][COLUMN];
        found || (min = lowerBound(segments, matchedColumn, min));
        let max = upperBound(segments, matchedColumn, min), result = [];
        for (; min <= max; min++) {
          let segment = segments[min];
          result.push(GMapping(segment[REV_GENERATED_LINE] + 1, segment[REV_GENERATED_COLUMN]));
        }
        return result;
      }
      function generatedPosition(map, source, line, column, bias, all2) {
        var _a, _b;
        if (line--, line < 0) throw new Error(LINE_GTR_ZERO);
        if (column < 0) throw new Error(COL_GTR_EQ_ZERO);
        let { sources, resolvedSources } = map, sourceIndex2 = sources.indexOf(source);
        if (sourceIndex2 === -1 && (sourceIndex2 = resolvedSources.indexOf(source)), sourceIndex2 === -1) return all2 ? [] : GMapping(null, null);
        let bySourceMemos = (_a = map)._bySourceMemos || (_a._bySourceMemos = sources.map(memoizedState)), segments = ((_b = map)._bySources || (_b._bySources = buildBySources(decodedMappings(map), bySourceMemos)))[sourceIndex2][line];
        if (segments == null) return all2 ? [] : GMapping(null, null);
        let memo = bySourceMemos[sourceIndex2];
        if (all2) return sliceGeneratedPositions(segments, memo, line, column, bias);
        let index = traceSegmentInternal(segments, memo, line, column, bias);
        if (index === -1) return GMapping(null, null);
        let segment = segments[index];
        return GMapping(segment[REV_GENERATED_LINE] + 1, segment[REV_GENERATED_COLUMN]);
      }
    }));
  }
});

// node_modules/@jridgewell/gen-mapping/dist/gen-mapping.umd.js
var require_gen_mapping_umd = __commonJS({
  "node_modules/@jridgewell/gen-mapping/dist/gen-mapping.umd.js"(exports, module) {
    (function(global, factory) {
      if (typeof exports == "object" && typeof module < "u")
        factory(module, require_sourcemap_codec_umd(), require_trace_mapping_umd()), module.exports = def(module);
      else if (typeof define == "function" && define.amd)
        define(["module", "@jridgewell/sourcemap-codec", "@jridgewell/trace-mapping"], function(mod) {
          factory.apply(this, arguments), mod.exports = def(mod);
        });
      else {
        let mod = { exports: {} };
        factory(mod, global.sourcemapCodec, global.traceMapping), global = typeof globalThis < "u" ? globalThis : global || self, global.genMapping = def(mod);
      }
      function def(m) {
        return "default" in m.exports ? m.exports.default : m.exports;
      }
    })(exports, (function(module2, require_sourcemapCodec, require_traceMapping) {
      "use strict";
      var __create = Object.create, __defProp = Object.defineProperty, __getOwnPropDesc = Object.getOwnPropertyDescriptor, __getOwnPropNames = Object.getOwnPropertyNames, __getProtoOf = Object.getPrototypeOf, __hasOwnProp = Object.prototype.hasOwnProperty, __commonJS2 = (cb, mod) => function() {
        return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
      }, __export2 = (target, all2) => {
        for (var name in all2)
          __defProp(target, name, { get: all2[name], enumerable: !0 });
      }, __copyProps = (to, from, except, desc) => {
        if (from && typeof from == "object" || typeof from == "function")
          for (let key2 of __getOwnPropNames(from))
            !__hasOwnProp.call(to, key2) && key2 !== except && __defProp(to, key2, { get: () => from[key2], enumerable: !(desc = __getOwnPropDesc(from, key2)) || desc.enumerable });
        return to;
      }, __toESM2 = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
        // If the importer is in node compatibility mode or this is not an ESM
        // file that has been converted to a CommonJS file using a Babel-
        // compatible transform (i.e. "__esModule" has not been set), then set
        // "default" to the CommonJS "module.exports" for node compatibility.
        isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: !0 }) : target,
        mod
      )), __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: !0 }), mod), require_sourcemap_codec = __commonJS2({
        "umd:@jridgewell/sourcemap-codec"(exports2, module22) {
          module22.exports = require_sourcemapCodec;
        }
      }), require_trace_mapping = __commonJS2({
        "umd:@jridgewell/trace-mapping"(exports2, module22) {
          module22.exports = require_traceMapping;
        }
      }), gen_mapping_exports = {};
      __export2(gen_mapping_exports, {
        GenMapping: () => GenMapping,
        addMapping: () => addMapping,
        addSegment: () => addSegment,
        allMappings: () => allMappings,
        fromMap: () => fromMap,
        maybeAddMapping: () => maybeAddMapping,
        maybeAddSegment: () => maybeAddSegment,
        setIgnore: () => setIgnore,
        setSourceContent: () => setSourceContent,
        toDecodedMap: () => toDecodedMap,
        toEncodedMap: () => toEncodedMap
      }), module2.exports = __toCommonJS(gen_mapping_exports);
      var SetArray = class {
        constructor() {
          this._indexes = { __proto__: null }, this.array = [];
        }
      };
      function cast(set) {
        return set;
      }
      function get(setarr, key2) {
        return setarr._indexes[key2];
      }
      function put(setarr, key2) {
        let index = get(setarr, key2);
        if (index !== void 0) return index;
        let { array, _indexes: indexes } = setarr, length = array.push(key2);
        return indexes[key2] = length - 1;
      }
      function remove(setarr, key2) {
        let index = get(setarr, key2);
        if (index === void 0) return;
        let { array, _indexes: indexes } = setarr;
        for (let i = index + 1; i < array.length; i++) {
          let k = array[i];
          array[i - 1] = k, indexes[k]--;
        }
        indexes[key2] = void 0, array.pop();
      }
      var import_sourcemap_codec = __toESM2(require_sourcemap_codec()), import_trace_mapping = __toESM2(require_trace_mapping()), COLUMN = 0, SOURCES_INDEX = 1, SOURCE_LINE = 2, SOURCE_COLUMN = 3, NAMES_INDEX = 4, NO_NAME = -1, GenMapping = class {
        constructor({ file, sourceRoot } = {}) {
          this._names = new SetArray(), this._sources = new SetArray(), this._sourcesContent = [], this._mappings = [], this.file = file, this.sourceRoot = sourceRoot, this._ignoreList = new SetArray();
        }
      };
      function cast2(map) {
        return map;
      }
      function addSegment(map, genLine, genColumn, source, sourceLine, sourceColumn, name, content) {
        return addSegmentInternal(
          !1,
          map,
          genLine,
          genColumn,
          source,
          sourceLine,
          sourceColumn,
          name,
          content
        );
      }
      function addMapping(map, mapping) {
        return addMappingInternal(!1, map, mapping);
      }
      var maybeAddSegment = (map, genLine, genColumn, source, sourceLine, sourceColumn, name, content) => addSegmentInternal(
        !0,
        map,
        genLine,
        genColumn,
        source,
        sourceLine,
        sourceColumn,
        name,
        content
      ), maybeAddMapping = (map, mapping) => addMappingInternal(!0, map, mapping);
      function setSourceContent(map, source, content) {
        let {
          _sources: sources,
          _sourcesContent: sourcesContent
          // _originalScopes: originalScopes,
        } = map, index = put(sources, source);
        sourcesContent[index] = content;
      }
      function setIgnore(map, source, ignore = !0) {
        let {
          _sources: sources,
          _sourcesContent: sourcesContent,
          _ignoreList: ignoreList
          // _originalScopes: originalScopes,
        } = map, index = put(sources, source);
        index === sourcesContent.length && (sourcesContent[index] = null), ignore ? put(ignoreList, index) : remove(ignoreList, index);
      }
      function toDecodedMap(map) {
        let {
          _mappings: mappings,
          _sources: sources,
          _sourcesContent: sourcesContent,
          _names: names,
          _ignoreList: ignoreList
          // _originalScopes: originalScopes,
          // _generatedRanges: generatedRanges,
        } = map;
        return removeEmptyFinalLines(mappings), {
          version: 3,
          file: map.file || void 0,
          names: names.array,
          sourceRoot: map.sourceRoot || void 0,
          sources: sources.array,
          sourcesContent,
          mappings,
          // originalScopes,
          // generatedRanges,
          ignoreList: ignoreList.array
        };
      }
      function toEncodedMap(map) {
        let decoded = toDecodedMap(map);
        return Object.assign({}, decoded, {
          // originalScopes: decoded.originalScopes.map((os) => encodeOriginalScopes(os)),
          // generatedRanges: encodeGeneratedRanges(decoded.generatedRanges as GeneratedRange[]),
          mappings: (0, import_sourcemap_codec.encode)(decoded.mappings)
        });
      }
      function fromMap(input) {
        let map = new import_trace_mapping.TraceMap(input), gen = new GenMapping({ file: map.file, sourceRoot: map.sourceRoot });
        return putAll(gen._names, map.names), putAll(gen._sources, map.sources), gen._sourcesContent = map.sourcesContent || map.sources.map(() => null), gen._mappings = (0, import_trace_mapping.decodedMappings)(map), map.ignoreList && putAll(gen._ignoreList, map.ignoreList), gen;
      }
      function allMappings(map) {
        let out = [], { _mappings: mappings, _sources: sources, _names: names } = map;
        for (let i = 0; i < mappings.length; i++) {
          let line = mappings[i];
          for (let j = 0; j < line.length; j++) {
            let seg = line[j], generated = { line: i + 1, column: seg[COLUMN] }, source, original, name;
            seg.length !== 1 && (source = sources.array[seg[SOURCES_INDEX]], original = { line: seg[SOURCE_LINE] + 1, column: seg[SOURCE_COLUMN] }, seg.length === 5 && (name = names.array[seg[NAMES_INDEX]])), out.push({ generated, source, original, name });
          }
        }
        return out;
      }
      function addSegmentInternal(skipable, map, genLine, genColumn, source, sourceLine, sourceColumn, name, content) {
        let {
          _mappings: mappings,
          _sources: sources,
          _sourcesContent: sourcesContent,
          _names: names
          // _originalScopes: originalScopes,
        } = map, line = getIndex(mappings, genLine), index = getColumnIndex(line, genColumn);
        if (!source)
          return skipable && skipSourceless(line, index) ? void 0 : insert(line, index, [genColumn]);
        let sourcesIndex = put(sources, source), namesIndex = name ? put(names, name) : NO_NAME;
        if (sourcesIndex === sourcesContent.length && (sourcesContent[sourcesIndex] = content ?? null), !(skipable && skipSource(line, index, sourcesIndex, sourceLine, sourceColumn, namesIndex)))
          return insert(
            line,
            index,
            name ? [genColumn, sourcesIndex, sourceLine, sourceColumn, namesIndex] : [genColumn, sourcesIndex, sourceLine, sourceColumn]
          );
      }
      function assert(_val) {
      }
      function getIndex(arr, index) {
        for (let i = arr.length; i <= index; i++)
          arr[i] = [];
        return arr[index];
      }
      function getColumnIndex(line, genColumn) {
        let index = line.length;
        for (let i = index - 1; i >= 0; index = i--) {
          let current = line[i];
          if (genColumn >= current[COLUMN]) break;
        }
        return index;
      }
      function insert(array, index, value) {
        for (let i = array.length; i > index; i--)
          array[i] = array[i - 1];
        array[index] = value;
      }
      function removeEmptyFinalLines(mappings) {
        let { length } = mappings, len = length;
        for (let i = len - 1; i >= 0 && !(mappings[i].length > 0); len = i, i--)
          ;
        len < length && (mappings.length = len);
      }
      function putAll(setarr, array) {
        for (let i = 0; i < array.length; i++) put(setarr, array[i]);
      }
      function skipSourceless(line, index) {
        return index === 0 ? !0 : line[index - 1].length === 1;
      }
      function skipSource(line, index, sourcesIndex, sourceLine, sourceColumn, namesIndex) {
        if (index === 0) return !1;
        let prev = line[index - 1];
        return prev.length === 1 ? !1 : sourcesIndex === prev[SOURCES_INDEX] && sourceLine === prev[SOURCE_LINE] && sourceColumn === prev[SOURCE_COLUMN] && namesIndex === (prev.length === 5 ? prev[NAMES_INDEX] : NO_NAME);
      }
      function addMappingInternal(skipable, map, mapping) {
        let { generated, source, original, name, content } = mapping;
        return source ? addSegmentInternal(
          skipable,
          map,
          generated.line - 1,
          generated.column,
          source,
          original.line - 1,
          original.column,
          name,
          content
        ) : addSegmentInternal(
          skipable,
          map,
          generated.line - 1,
          generated.column,
          null,
          null,
          null,
          null,
          null
        );
      }
    }));
  }
});

// node_modules/sucrase/dist/computeSourceMap.js
var require_computeSourceMap = __commonJS({
  "node_modules/sucrase/dist/computeSourceMap.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _genmapping = require_gen_mapping_umd(), _charcodes = require_charcodes();
    function computeSourceMap({ code: generatedCode, mappings: rawMappings }, filePath, options, source, tokens) {
      let sourceColumns = computeSourceColumns(source, tokens), map = new _genmapping.GenMapping({ file: options.compiledFilename }), tokenIndex = 0, currentMapping = rawMappings[0];
      for (; currentMapping === void 0 && tokenIndex < rawMappings.length - 1; )
        tokenIndex++, currentMapping = rawMappings[tokenIndex];
      let line = 0, lineStart = 0;
      currentMapping !== lineStart && _genmapping.maybeAddSegment.call(void 0, map, line, 0, filePath, line, 0);
      for (let i = 0; i < generatedCode.length; i++) {
        if (i === currentMapping) {
          let genColumn = currentMapping - lineStart, sourceColumn = sourceColumns[tokenIndex];
          for (_genmapping.maybeAddSegment.call(void 0, map, line, genColumn, filePath, line, sourceColumn); (currentMapping === i || currentMapping === void 0) && tokenIndex < rawMappings.length - 1; )
            tokenIndex++, currentMapping = rawMappings[tokenIndex];
        }
        generatedCode.charCodeAt(i) === _charcodes.charCodes.lineFeed && (line++, lineStart = i + 1, currentMapping !== lineStart && _genmapping.maybeAddSegment.call(void 0, map, line, 0, filePath, line, 0));
      }
      let { sourceRoot, sourcesContent, ...sourceMap } = _genmapping.toEncodedMap.call(void 0, map);
      return sourceMap;
    }
    exports.default = computeSourceMap;
    function computeSourceColumns(code, tokens) {
      let sourceColumns = new Array(tokens.length), tokenIndex = 0, currentMapping = tokens[tokenIndex].start, lineStart = 0;
      for (let i = 0; i < code.length; i++)
        i === currentMapping && (sourceColumns[tokenIndex] = currentMapping - lineStart, tokenIndex++, currentMapping = tokens[tokenIndex].start), code.charCodeAt(i) === _charcodes.charCodes.lineFeed && (lineStart = i + 1);
      return sourceColumns;
    }
  }
});

// node_modules/sucrase/dist/HelperManager.js
var require_HelperManager = __commonJS({
  "node_modules/sucrase/dist/HelperManager.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var HELPERS = {
      require: `
    import {createRequire as CREATE_REQUIRE_NAME} from "module";
    const require = CREATE_REQUIRE_NAME(import.meta.url);
  `,
      interopRequireWildcard: `
    function interopRequireWildcard(obj) {
      if (obj && obj.__esModule) {
        return obj;
      } else {
        var newObj = {};
        if (obj != null) {
          for (var key in obj) {
            if (Object.prototype.hasOwnProperty.call(obj, key)) {
              newObj[key] = obj[key];
            }
          }
        }
        newObj.default = obj;
        return newObj;
      }
    }
  `,
      interopRequireDefault: `
    function interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
  `,
      createNamedExportFrom: `
    function createNamedExportFrom(obj, localName, importedName) {
      Object.defineProperty(exports, localName, {enumerable: true, configurable: true, get: () => obj[importedName]});
    }
  `,
      // Note that TypeScript and Babel do this differently; TypeScript does a simple existence
      // check in the exports object and does a plain assignment, whereas Babel uses
      // defineProperty and builds an object of explicitly-exported names so that star exports can
      // always take lower precedence. For now, we do the easier TypeScript thing.
      createStarExport: `
    function createStarExport(obj) {
      Object.keys(obj)
        .filter((key) => key !== "default" && key !== "__esModule")
        .forEach((key) => {
          if (exports.hasOwnProperty(key)) {
            return;
          }
          Object.defineProperty(exports, key, {enumerable: true, configurable: true, get: () => obj[key]});
        });
    }
  `,
      nullishCoalesce: `
    function nullishCoalesce(lhs, rhsFn) {
      if (lhs != null) {
        return lhs;
      } else {
        return rhsFn();
      }
    }
  `,
      asyncNullishCoalesce: `
    async function asyncNullishCoalesce(lhs, rhsFn) {
      if (lhs != null) {
        return lhs;
      } else {
        return await rhsFn();
      }
    }
  `,
      optionalChain: `
    function optionalChain(ops) {
      let lastAccessLHS = undefined;
      let value = ops[0];
      let i = 1;
      while (i < ops.length) {
        const op = ops[i];
        const fn = ops[i + 1];
        i += 2;
        if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) {
          return undefined;
        }
        if (op === 'access' || op === 'optionalAccess') {
          lastAccessLHS = value;
          value = fn(value);
        } else if (op === 'call' || op === 'optionalCall') {
          value = fn((...args) => value.call(lastAccessLHS, ...args));
          lastAccessLHS = undefined;
        }
      }
      return value;
    }
  `,
      asyncOptionalChain: `
    async function asyncOptionalChain(ops) {
      let lastAccessLHS = undefined;
      let value = ops[0];
      let i = 1;
      while (i < ops.length) {
        const op = ops[i];
        const fn = ops[i + 1];
        i += 2;
        if ((op === 'optionalAccess' || op === 'optionalCall') && value == null) {
          return undefined;
        }
        if (op === 'access' || op === 'optionalAccess') {
          lastAccessLHS = value;
          value = await fn(value);
        } else if (op === 'call' || op === 'optionalCall') {
          value = await fn((...args) => value.call(lastAccessLHS, ...args));
          lastAccessLHS = undefined;
        }
      }
      return value;
    }
  `,
      optionalChainDelete: `
    function optionalChainDelete(ops) {
      const result = OPTIONAL_CHAIN_NAME(ops);
      return result == null ? true : result;
    }
  `,
      asyncOptionalChainDelete: `
    async function asyncOptionalChainDelete(ops) {
      const result = await ASYNC_OPTIONAL_CHAIN_NAME(ops);
      return result == null ? true : result;
    }
  `
    }, HelperManager = class _HelperManager {
      __init() {
        this.helperNames = {};
      }
      __init2() {
        this.createRequireName = null;
      }
      constructor(nameManager) {
        this.nameManager = nameManager, _HelperManager.prototype.__init.call(this), _HelperManager.prototype.__init2.call(this);
      }
      getHelperName(baseName) {
        let helperName = this.helperNames[baseName];
        return helperName || (helperName = this.nameManager.claimFreeName(`_${baseName}`), this.helperNames[baseName] = helperName, helperName);
      }
      emitHelpers() {
        let resultCode = "";
        this.helperNames.optionalChainDelete && this.getHelperName("optionalChain"), this.helperNames.asyncOptionalChainDelete && this.getHelperName("asyncOptionalChain");
        for (let [baseName, helperCodeTemplate] of Object.entries(HELPERS)) {
          let helperName = this.helperNames[baseName], helperCode = helperCodeTemplate;
          baseName === "optionalChainDelete" ? helperCode = helperCode.replace("OPTIONAL_CHAIN_NAME", this.helperNames.optionalChain) : baseName === "asyncOptionalChainDelete" ? helperCode = helperCode.replace(
            "ASYNC_OPTIONAL_CHAIN_NAME",
            this.helperNames.asyncOptionalChain
          ) : baseName === "require" && (this.createRequireName === null && (this.createRequireName = this.nameManager.claimFreeName("_createRequire")), helperCode = helperCode.replace(/CREATE_REQUIRE_NAME/g, this.createRequireName)), helperName && (resultCode += " ", resultCode += helperCode.replace(baseName, helperName).replace(/\s+/g, " ").trim());
        }
        return resultCode;
      }
    };
    exports.HelperManager = HelperManager;
  }
});

// node_modules/sucrase/dist/identifyShadowedGlobals.js
var require_identifyShadowedGlobals = __commonJS({
  "node_modules/sucrase/dist/identifyShadowedGlobals.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _tokenizer = require_tokenizer(), _types = require_types();
    function identifyShadowedGlobals(tokens, scopes, globalNames) {
      hasShadowedGlobals(tokens, globalNames) && markShadowedGlobals(tokens, scopes, globalNames);
    }
    exports.default = identifyShadowedGlobals;
    function hasShadowedGlobals(tokens, globalNames) {
      for (let token of tokens.tokens)
        if (token.type === _types.TokenType.name && !token.isType && _tokenizer.isNonTopLevelDeclaration.call(void 0, token) && globalNames.has(tokens.identifierNameForToken(token)))
          return !0;
      return !1;
    }
    exports.hasShadowedGlobals = hasShadowedGlobals;
    function markShadowedGlobals(tokens, scopes, globalNames) {
      let scopeStack = [], scopeIndex = scopes.length - 1;
      for (let i = tokens.tokens.length - 1; ; i--) {
        for (; scopeStack.length > 0 && scopeStack[scopeStack.length - 1].startTokenIndex === i + 1; )
          scopeStack.pop();
        for (; scopeIndex >= 0 && scopes[scopeIndex].endTokenIndex === i + 1; )
          scopeStack.push(scopes[scopeIndex]), scopeIndex--;
        if (i < 0)
          break;
        let token = tokens.tokens[i], name = tokens.identifierNameForToken(token);
        if (scopeStack.length > 1 && !token.isType && token.type === _types.TokenType.name && globalNames.has(name)) {
          if (_tokenizer.isBlockScopedDeclaration.call(void 0, token))
            markShadowedForScope(scopeStack[scopeStack.length - 1], tokens, name);
          else if (_tokenizer.isFunctionScopedDeclaration.call(void 0, token)) {
            let stackIndex = scopeStack.length - 1;
            for (; stackIndex > 0 && !scopeStack[stackIndex].isFunctionScope; )
              stackIndex--;
            if (stackIndex < 0)
              throw new Error("Did not find parent function scope.");
            markShadowedForScope(scopeStack[stackIndex], tokens, name);
          }
        }
      }
      if (scopeStack.length > 0)
        throw new Error("Expected empty scope stack after processing file.");
    }
    function markShadowedForScope(scope, tokens, name) {
      for (let i = scope.startTokenIndex; i < scope.endTokenIndex; i++) {
        let token = tokens.tokens[i];
        (token.type === _types.TokenType.name || token.type === _types.TokenType.jsxName) && tokens.identifierNameForToken(token) === name && (token.shadowsGlobal = !0);
      }
    }
  }
});

// node_modules/sucrase/dist/util/getIdentifierNames.js
var require_getIdentifierNames = __commonJS({
  "node_modules/sucrase/dist/util/getIdentifierNames.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _types = require_types();
    function getIdentifierNames(code, tokens) {
      let names = [];
      for (let token of tokens)
        token.type === _types.TokenType.name && names.push(code.slice(token.start, token.end));
      return names;
    }
    exports.default = getIdentifierNames;
  }
});

// node_modules/sucrase/dist/NameManager.js
var require_NameManager = __commonJS({
  "node_modules/sucrase/dist/NameManager.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _getIdentifierNames = require_getIdentifierNames(), _getIdentifierNames2 = _interopRequireDefault(_getIdentifierNames), NameManager = class _NameManager {
      __init() {
        this.usedNames = /* @__PURE__ */ new Set();
      }
      constructor(code, tokens) {
        _NameManager.prototype.__init.call(this), this.usedNames = new Set(_getIdentifierNames2.default.call(void 0, code, tokens));
      }
      claimFreeName(name) {
        let newName = this.findFreeName(name);
        return this.usedNames.add(newName), newName;
      }
      findFreeName(name) {
        if (!this.usedNames.has(name))
          return name;
        let suffixNum = 2;
        for (; this.usedNames.has(name + String(suffixNum)); )
          suffixNum++;
        return name + String(suffixNum);
      }
    };
    exports.default = NameManager;
  }
});

// node_modules/ts-interface-checker/dist/util.js
var require_util2 = __commonJS({
  "node_modules/ts-interface-checker/dist/util.js"(exports) {
    "use strict";
    var __extends = exports && exports.__extends || /* @__PURE__ */ (function() {
      var extendStatics = function(d, b) {
        return extendStatics = Object.setPrototypeOf || { __proto__: [] } instanceof Array && function(d2, b2) {
          d2.__proto__ = b2;
        } || function(d2, b2) {
          for (var p in b2) b2.hasOwnProperty(p) && (d2[p] = b2[p]);
        }, extendStatics(d, b);
      };
      return function(d, b) {
        extendStatics(d, b);
        function __() {
          this.constructor = d;
        }
        d.prototype = b === null ? Object.create(b) : (__.prototype = b.prototype, new __());
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.DetailContext = exports.NoopContext = exports.VError = void 0;
    var VError = (
      /** @class */
      (function(_super) {
        __extends(VError2, _super);
        function VError2(path, message) {
          var _this = _super.call(this, message) || this;
          return _this.path = path, Object.setPrototypeOf(_this, VError2.prototype), _this;
        }
        return VError2;
      })(Error)
    );
    exports.VError = VError;
    var NoopContext = (
      /** @class */
      (function() {
        function NoopContext2() {
        }
        return NoopContext2.prototype.fail = function(relPath, message, score) {
          return !1;
        }, NoopContext2.prototype.unionResolver = function() {
          return this;
        }, NoopContext2.prototype.createContext = function() {
          return this;
        }, NoopContext2.prototype.resolveUnion = function(ur) {
        }, NoopContext2;
      })()
    );
    exports.NoopContext = NoopContext;
    var DetailContext = (
      /** @class */
      (function() {
        function DetailContext2() {
          this._propNames = [""], this._messages = [null], this._score = 0;
        }
        return DetailContext2.prototype.fail = function(relPath, message, score) {
          return this._propNames.push(relPath), this._messages.push(message), this._score += score, !1;
        }, DetailContext2.prototype.unionResolver = function() {
          return new DetailUnionResolver();
        }, DetailContext2.prototype.resolveUnion = function(unionResolver) {
          for (var _a, _b, u = unionResolver, best = null, _i = 0, _c = u.contexts; _i < _c.length; _i++) {
            var ctx = _c[_i];
            (!best || ctx._score >= best._score) && (best = ctx);
          }
          best && best._score > 0 && ((_a = this._propNames).push.apply(_a, best._propNames), (_b = this._messages).push.apply(_b, best._messages));
        }, DetailContext2.prototype.getError = function(path) {
          for (var msgParts = [], i = this._propNames.length - 1; i >= 0; i--) {
            var p = this._propNames[i];
            path += typeof p == "number" ? "[" + p + "]" : p ? "." + p : "";
            var m = this._messages[i];
            m && msgParts.push(path + " " + m);
          }
          return new VError(path, msgParts.join("; "));
        }, DetailContext2.prototype.getErrorDetail = function(path) {
          for (var details = [], i = this._propNames.length - 1; i >= 0; i--) {
            var p = this._propNames[i];
            path += typeof p == "number" ? "[" + p + "]" : p ? "." + p : "";
            var message = this._messages[i];
            message && details.push({ path, message });
          }
          for (var detail = null, i = details.length - 1; i >= 0; i--)
            detail && (details[i].nested = [detail]), detail = details[i];
          return detail;
        }, DetailContext2;
      })()
    );
    exports.DetailContext = DetailContext;
    var DetailUnionResolver = (
      /** @class */
      (function() {
        function DetailUnionResolver2() {
          this.contexts = [];
        }
        return DetailUnionResolver2.prototype.createContext = function() {
          var ctx = new DetailContext();
          return this.contexts.push(ctx), ctx;
        }, DetailUnionResolver2;
      })()
    );
  }
});

// node_modules/ts-interface-checker/dist/types.js
var require_types2 = __commonJS({
  "node_modules/ts-interface-checker/dist/types.js"(exports) {
    "use strict";
    var __extends = exports && exports.__extends || /* @__PURE__ */ (function() {
      var extendStatics = function(d, b) {
        return extendStatics = Object.setPrototypeOf || { __proto__: [] } instanceof Array && function(d2, b2) {
          d2.__proto__ = b2;
        } || function(d2, b2) {
          for (var p in b2) b2.hasOwnProperty(p) && (d2[p] = b2[p]);
        }, extendStatics(d, b);
      };
      return function(d, b) {
        extendStatics(d, b);
        function __() {
          this.constructor = d;
        }
        d.prototype = b === null ? Object.create(b) : (__.prototype = b.prototype, new __());
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.basicTypes = exports.BasicType = exports.TParamList = exports.TParam = exports.param = exports.TFunc = exports.func = exports.TProp = exports.TOptional = exports.opt = exports.TIface = exports.iface = exports.TEnumLiteral = exports.enumlit = exports.TEnumType = exports.enumtype = exports.TIntersection = exports.intersection = exports.TUnion = exports.union = exports.TTuple = exports.tuple = exports.TArray = exports.array = exports.TLiteral = exports.lit = exports.TName = exports.name = exports.TType = void 0;
    var util_1 = require_util2(), TType = (
      /** @class */
      /* @__PURE__ */ (function() {
        function TType2() {
        }
        return TType2;
      })()
    );
    exports.TType = TType;
    function parseSpec(typeSpec) {
      return typeof typeSpec == "string" ? name(typeSpec) : typeSpec;
    }
    function getNamedType(suite, name2) {
      var ttype = suite[name2];
      if (!ttype)
        throw new Error("Unknown type " + name2);
      return ttype;
    }
    function name(value) {
      return new TName(value);
    }
    exports.name = name;
    var TName = (
      /** @class */
      (function(_super) {
        __extends(TName2, _super);
        function TName2(name2) {
          var _this = _super.call(this) || this;
          return _this.name = name2, _this._failMsg = "is not a " + name2, _this;
        }
        return TName2.prototype.getChecker = function(suite, strict, allowedProps) {
          var _this = this, ttype = getNamedType(suite, this.name), checker = ttype.getChecker(suite, strict, allowedProps);
          return ttype instanceof BasicType || ttype instanceof TName2 ? checker : function(value, ctx) {
            return checker(value, ctx) ? !0 : ctx.fail(null, _this._failMsg, 0);
          };
        }, TName2;
      })(TType)
    );
    exports.TName = TName;
    function lit(value) {
      return new TLiteral(value);
    }
    exports.lit = lit;
    var TLiteral = (
      /** @class */
      (function(_super) {
        __extends(TLiteral2, _super);
        function TLiteral2(value) {
          var _this = _super.call(this) || this;
          return _this.value = value, _this.name = JSON.stringify(value), _this._failMsg = "is not " + _this.name, _this;
        }
        return TLiteral2.prototype.getChecker = function(suite, strict) {
          var _this = this;
          return function(value, ctx) {
            return value === _this.value ? !0 : ctx.fail(null, _this._failMsg, -1);
          };
        }, TLiteral2;
      })(TType)
    );
    exports.TLiteral = TLiteral;
    function array(typeSpec) {
      return new TArray(parseSpec(typeSpec));
    }
    exports.array = array;
    var TArray = (
      /** @class */
      (function(_super) {
        __extends(TArray2, _super);
        function TArray2(ttype) {
          var _this = _super.call(this) || this;
          return _this.ttype = ttype, _this;
        }
        return TArray2.prototype.getChecker = function(suite, strict) {
          var itemChecker = this.ttype.getChecker(suite, strict);
          return function(value, ctx) {
            if (!Array.isArray(value))
              return ctx.fail(null, "is not an array", 0);
            for (var i = 0; i < value.length; i++) {
              var ok = itemChecker(value[i], ctx);
              if (!ok)
                return ctx.fail(i, null, 1);
            }
            return !0;
          };
        }, TArray2;
      })(TType)
    );
    exports.TArray = TArray;
    function tuple() {
      for (var typeSpec = [], _i2 = 0; _i2 < arguments.length; _i2++)
        typeSpec[_i2] = arguments[_i2];
      return new TTuple(typeSpec.map(function(t) {
        return parseSpec(t);
      }));
    }
    exports.tuple = tuple;
    var TTuple = (
      /** @class */
      (function(_super) {
        __extends(TTuple2, _super);
        function TTuple2(ttypes) {
          var _this = _super.call(this) || this;
          return _this.ttypes = ttypes, _this;
        }
        return TTuple2.prototype.getChecker = function(suite, strict) {
          var itemCheckers = this.ttypes.map(function(t) {
            return t.getChecker(suite, strict);
          }), checker = function(value, ctx) {
            if (!Array.isArray(value))
              return ctx.fail(null, "is not an array", 0);
            for (var i = 0; i < itemCheckers.length; i++) {
              var ok = itemCheckers[i](value[i], ctx);
              if (!ok)
                return ctx.fail(i, null, 1);
            }
            return !0;
          };
          return strict ? function(value, ctx) {
            return checker(value, ctx) ? value.length <= itemCheckers.length ? !0 : ctx.fail(itemCheckers.length, "is extraneous", 2) : !1;
          } : checker;
        }, TTuple2;
      })(TType)
    );
    exports.TTuple = TTuple;
    function union() {
      for (var typeSpec = [], _i2 = 0; _i2 < arguments.length; _i2++)
        typeSpec[_i2] = arguments[_i2];
      return new TUnion(typeSpec.map(function(t) {
        return parseSpec(t);
      }));
    }
    exports.union = union;
    var TUnion = (
      /** @class */
      (function(_super) {
        __extends(TUnion2, _super);
        function TUnion2(ttypes) {
          var _this = _super.call(this) || this;
          _this.ttypes = ttypes;
          var names = ttypes.map(function(t) {
            return t instanceof TName || t instanceof TLiteral ? t.name : null;
          }).filter(function(n) {
            return n;
          }), otherTypes = ttypes.length - names.length;
          return names.length ? (otherTypes > 0 && names.push(otherTypes + " more"), _this._failMsg = "is none of " + names.join(", ")) : _this._failMsg = "is none of " + otherTypes + " types", _this;
        }
        return TUnion2.prototype.getChecker = function(suite, strict) {
          var _this = this, itemCheckers = this.ttypes.map(function(t) {
            return t.getChecker(suite, strict);
          });
          return function(value, ctx) {
            for (var ur = ctx.unionResolver(), i = 0; i < itemCheckers.length; i++) {
              var ok = itemCheckers[i](value, ur.createContext());
              if (ok)
                return !0;
            }
            return ctx.resolveUnion(ur), ctx.fail(null, _this._failMsg, 0);
          };
        }, TUnion2;
      })(TType)
    );
    exports.TUnion = TUnion;
    function intersection() {
      for (var typeSpec = [], _i2 = 0; _i2 < arguments.length; _i2++)
        typeSpec[_i2] = arguments[_i2];
      return new TIntersection(typeSpec.map(function(t) {
        return parseSpec(t);
      }));
    }
    exports.intersection = intersection;
    var TIntersection = (
      /** @class */
      (function(_super) {
        __extends(TIntersection2, _super);
        function TIntersection2(ttypes) {
          var _this = _super.call(this) || this;
          return _this.ttypes = ttypes, _this;
        }
        return TIntersection2.prototype.getChecker = function(suite, strict) {
          var allowedProps = /* @__PURE__ */ new Set(), itemCheckers = this.ttypes.map(function(t) {
            return t.getChecker(suite, strict, allowedProps);
          });
          return function(value, ctx) {
            var ok = itemCheckers.every(function(checker) {
              return checker(value, ctx);
            });
            return ok ? !0 : ctx.fail(null, null, 0);
          };
        }, TIntersection2;
      })(TType)
    );
    exports.TIntersection = TIntersection;
    function enumtype(values) {
      return new TEnumType(values);
    }
    exports.enumtype = enumtype;
    var TEnumType = (
      /** @class */
      (function(_super) {
        __extends(TEnumType2, _super);
        function TEnumType2(members) {
          var _this = _super.call(this) || this;
          return _this.members = members, _this.validValues = /* @__PURE__ */ new Set(), _this._failMsg = "is not a valid enum value", _this.validValues = new Set(Object.keys(members).map(function(name2) {
            return members[name2];
          })), _this;
        }
        return TEnumType2.prototype.getChecker = function(suite, strict) {
          var _this = this;
          return function(value, ctx) {
            return _this.validValues.has(value) ? !0 : ctx.fail(null, _this._failMsg, 0);
          };
        }, TEnumType2;
      })(TType)
    );
    exports.TEnumType = TEnumType;
    function enumlit(name2, prop) {
      return new TEnumLiteral(name2, prop);
    }
    exports.enumlit = enumlit;
    var TEnumLiteral = (
      /** @class */
      (function(_super) {
        __extends(TEnumLiteral2, _super);
        function TEnumLiteral2(enumName, prop) {
          var _this = _super.call(this) || this;
          return _this.enumName = enumName, _this.prop = prop, _this._failMsg = "is not " + enumName + "." + prop, _this;
        }
        return TEnumLiteral2.prototype.getChecker = function(suite, strict) {
          var _this = this, ttype = getNamedType(suite, this.enumName);
          if (!(ttype instanceof TEnumType))
            throw new Error("Type " + this.enumName + " used in enumlit is not an enum type");
          var val = ttype.members[this.prop];
          if (!ttype.members.hasOwnProperty(this.prop))
            throw new Error("Unknown value " + this.enumName + "." + this.prop + " used in enumlit");
          return function(value, ctx) {
            return value === val ? !0 : ctx.fail(null, _this._failMsg, -1);
          };
        }, TEnumLiteral2;
      })(TType)
    );
    exports.TEnumLiteral = TEnumLiteral;
    function makeIfaceProps(props) {
      return Object.keys(props).map(function(name2) {
        return makeIfaceProp(name2, props[name2]);
      });
    }
    function makeIfaceProp(name2, prop) {
      return prop instanceof TOptional ? new TProp(name2, prop.ttype, !0) : new TProp(name2, parseSpec(prop), !1);
    }
    function iface(bases, props) {
      return new TIface(bases, makeIfaceProps(props));
    }
    exports.iface = iface;
    var TIface = (
      /** @class */
      (function(_super) {
        __extends(TIface2, _super);
        function TIface2(bases, props) {
          var _this = _super.call(this) || this;
          return _this.bases = bases, _this.props = props, _this.propSet = new Set(props.map(function(p) {
            return p.name;
          })), _this;
        }
        return TIface2.prototype.getChecker = function(suite, strict, allowedProps) {
          var _this = this, baseCheckers = this.bases.map(function(b) {
            return getNamedType(suite, b).getChecker(suite, strict);
          }), propCheckers = this.props.map(function(prop) {
            return prop.ttype.getChecker(suite, strict);
          }), testCtx = new util_1.NoopContext(), isPropRequired = this.props.map(function(prop, i) {
            return !prop.isOpt && !propCheckers[i](void 0, testCtx);
          }), checker = function(value, ctx) {
            if (typeof value != "object" || value === null)
              return ctx.fail(null, "is not an object", 0);
            for (var i = 0; i < baseCheckers.length; i++)
              if (!baseCheckers[i](value, ctx))
                return !1;
            for (var i = 0; i < propCheckers.length; i++) {
              var name_1 = _this.props[i].name, v = value[name_1];
              if (v === void 0) {
                if (isPropRequired[i])
                  return ctx.fail(name_1, "is missing", 1);
              } else {
                var ok = propCheckers[i](v, ctx);
                if (!ok)
                  return ctx.fail(name_1, null, 1);
              }
            }
            return !0;
          };
          if (!strict)
            return checker;
          var propSet = this.propSet;
          return allowedProps && (this.propSet.forEach(function(prop) {
            return allowedProps.add(prop);
          }), propSet = allowedProps), function(value, ctx) {
            if (!checker(value, ctx))
              return !1;
            for (var prop in value)
              if (!propSet.has(prop))
                return ctx.fail(prop, "is extraneous", 2);
            return !0;
          };
        }, TIface2;
      })(TType)
    );
    exports.TIface = TIface;
    function opt(typeSpec) {
      return new TOptional(parseSpec(typeSpec));
    }
    exports.opt = opt;
    var TOptional = (
      /** @class */
      (function(_super) {
        __extends(TOptional2, _super);
        function TOptional2(ttype) {
          var _this = _super.call(this) || this;
          return _this.ttype = ttype, _this;
        }
        return TOptional2.prototype.getChecker = function(suite, strict) {
          var itemChecker = this.ttype.getChecker(suite, strict);
          return function(value, ctx) {
            return value === void 0 || itemChecker(value, ctx);
          };
        }, TOptional2;
      })(TType)
    );
    exports.TOptional = TOptional;
    var TProp = (
      /** @class */
      /* @__PURE__ */ (function() {
        function TProp2(name2, ttype, isOpt) {
          this.name = name2, this.ttype = ttype, this.isOpt = isOpt;
        }
        return TProp2;
      })()
    );
    exports.TProp = TProp;
    function func(resultSpec) {
      for (var params = [], _i2 = 1; _i2 < arguments.length; _i2++)
        params[_i2 - 1] = arguments[_i2];
      return new TFunc(new TParamList(params), parseSpec(resultSpec));
    }
    exports.func = func;
    var TFunc = (
      /** @class */
      (function(_super) {
        __extends(TFunc2, _super);
        function TFunc2(paramList, result) {
          var _this = _super.call(this) || this;
          return _this.paramList = paramList, _this.result = result, _this;
        }
        return TFunc2.prototype.getChecker = function(suite, strict) {
          return function(value, ctx) {
            return typeof value == "function" ? !0 : ctx.fail(null, "is not a function", 0);
          };
        }, TFunc2;
      })(TType)
    );
    exports.TFunc = TFunc;
    function param(name2, typeSpec, isOpt) {
      return new TParam(name2, parseSpec(typeSpec), !!isOpt);
    }
    exports.param = param;
    var TParam = (
      /** @class */
      /* @__PURE__ */ (function() {
        function TParam2(name2, ttype, isOpt) {
          this.name = name2, this.ttype = ttype, this.isOpt = isOpt;
        }
        return TParam2;
      })()
    );
    exports.TParam = TParam;
    var TParamList = (
      /** @class */
      (function(_super) {
        __extends(TParamList2, _super);
        function TParamList2(params) {
          var _this = _super.call(this) || this;
          return _this.params = params, _this;
        }
        return TParamList2.prototype.getChecker = function(suite, strict) {
          var _this = this, itemCheckers = this.params.map(function(t) {
            return t.ttype.getChecker(suite, strict);
          }), testCtx = new util_1.NoopContext(), isParamRequired = this.params.map(function(param2, i) {
            return !param2.isOpt && !itemCheckers[i](void 0, testCtx);
          }), checker = function(value, ctx) {
            if (!Array.isArray(value))
              return ctx.fail(null, "is not an array", 0);
            for (var i = 0; i < itemCheckers.length; i++) {
              var p = _this.params[i];
              if (value[i] === void 0) {
                if (isParamRequired[i])
                  return ctx.fail(p.name, "is missing", 1);
              } else {
                var ok = itemCheckers[i](value[i], ctx);
                if (!ok)
                  return ctx.fail(p.name, null, 1);
              }
            }
            return !0;
          };
          return strict ? function(value, ctx) {
            return checker(value, ctx) ? value.length <= itemCheckers.length ? !0 : ctx.fail(itemCheckers.length, "is extraneous", 2) : !1;
          } : checker;
        }, TParamList2;
      })(TType)
    );
    exports.TParamList = TParamList;
    var BasicType = (
      /** @class */
      (function(_super) {
        __extends(BasicType2, _super);
        function BasicType2(validator, message) {
          var _this = _super.call(this) || this;
          return _this.validator = validator, _this.message = message, _this;
        }
        return BasicType2.prototype.getChecker = function(suite, strict) {
          var _this = this;
          return function(value, ctx) {
            return _this.validator(value) ? !0 : ctx.fail(null, _this.message, 0);
          };
        }, BasicType2;
      })(TType)
    );
    exports.BasicType = BasicType;
    exports.basicTypes = {
      any: new BasicType(function(v) {
        return !0;
      }, "is invalid"),
      number: new BasicType(function(v) {
        return typeof v == "number";
      }, "is not a number"),
      object: new BasicType(function(v) {
        return typeof v == "object" && v;
      }, "is not an object"),
      boolean: new BasicType(function(v) {
        return typeof v == "boolean";
      }, "is not a boolean"),
      string: new BasicType(function(v) {
        return typeof v == "string";
      }, "is not a string"),
      symbol: new BasicType(function(v) {
        return typeof v == "symbol";
      }, "is not a symbol"),
      void: new BasicType(function(v) {
        return v == null;
      }, "is not void"),
      undefined: new BasicType(function(v) {
        return v === void 0;
      }, "is not undefined"),
      null: new BasicType(function(v) {
        return v === null;
      }, "is not null"),
      never: new BasicType(function(v) {
        return !1;
      }, "is unexpected"),
      Date: new BasicType(getIsNativeChecker("[object Date]"), "is not a Date"),
      RegExp: new BasicType(getIsNativeChecker("[object RegExp]"), "is not a RegExp")
    };
    var nativeToString = Object.prototype.toString;
    function getIsNativeChecker(tag) {
      return function(v) {
        return typeof v == "object" && v && nativeToString.call(v) === tag;
      };
    }
    typeof Buffer < "u" && (exports.basicTypes.Buffer = new BasicType(function(v) {
      return Buffer.isBuffer(v);
    }, "is not a Buffer"));
    var _loop_1 = function(array_12) {
      exports.basicTypes[array_12.name] = new BasicType(function(v) {
        return v instanceof array_12;
      }, "is not a " + array_12.name);
    };
    for (_i = 0, _a = [
      Int8Array,
      Uint8Array,
      Uint8ClampedArray,
      Int16Array,
      Uint16Array,
      Int32Array,
      Uint32Array,
      Float32Array,
      Float64Array,
      ArrayBuffer
    ]; _i < _a.length; _i++)
      array_1 = _a[_i], _loop_1(array_1);
    var array_1, _i, _a;
  }
});

// node_modules/ts-interface-checker/dist/index.js
var require_dist2 = __commonJS({
  "node_modules/ts-interface-checker/dist/index.js"(exports) {
    "use strict";
    var __spreadArrays = exports && exports.__spreadArrays || function() {
      for (var s = 0, i = 0, il = arguments.length; i < il; i++) s += arguments[i].length;
      for (var r = Array(s), k = 0, i = 0; i < il; i++)
        for (var a = arguments[i], j = 0, jl = a.length; j < jl; j++, k++)
          r[k] = a[j];
      return r;
    };
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Checker = exports.createCheckers = void 0;
    var types_1 = require_types2(), util_1 = require_util2(), types_2 = require_types2();
    Object.defineProperty(exports, "TArray", { enumerable: !0, get: function() {
      return types_2.TArray;
    } });
    Object.defineProperty(exports, "TEnumType", { enumerable: !0, get: function() {
      return types_2.TEnumType;
    } });
    Object.defineProperty(exports, "TEnumLiteral", { enumerable: !0, get: function() {
      return types_2.TEnumLiteral;
    } });
    Object.defineProperty(exports, "TFunc", { enumerable: !0, get: function() {
      return types_2.TFunc;
    } });
    Object.defineProperty(exports, "TIface", { enumerable: !0, get: function() {
      return types_2.TIface;
    } });
    Object.defineProperty(exports, "TLiteral", { enumerable: !0, get: function() {
      return types_2.TLiteral;
    } });
    Object.defineProperty(exports, "TName", { enumerable: !0, get: function() {
      return types_2.TName;
    } });
    Object.defineProperty(exports, "TOptional", { enumerable: !0, get: function() {
      return types_2.TOptional;
    } });
    Object.defineProperty(exports, "TParam", { enumerable: !0, get: function() {
      return types_2.TParam;
    } });
    Object.defineProperty(exports, "TParamList", { enumerable: !0, get: function() {
      return types_2.TParamList;
    } });
    Object.defineProperty(exports, "TProp", { enumerable: !0, get: function() {
      return types_2.TProp;
    } });
    Object.defineProperty(exports, "TTuple", { enumerable: !0, get: function() {
      return types_2.TTuple;
    } });
    Object.defineProperty(exports, "TType", { enumerable: !0, get: function() {
      return types_2.TType;
    } });
    Object.defineProperty(exports, "TUnion", { enumerable: !0, get: function() {
      return types_2.TUnion;
    } });
    Object.defineProperty(exports, "TIntersection", { enumerable: !0, get: function() {
      return types_2.TIntersection;
    } });
    Object.defineProperty(exports, "array", { enumerable: !0, get: function() {
      return types_2.array;
    } });
    Object.defineProperty(exports, "enumlit", { enumerable: !0, get: function() {
      return types_2.enumlit;
    } });
    Object.defineProperty(exports, "enumtype", { enumerable: !0, get: function() {
      return types_2.enumtype;
    } });
    Object.defineProperty(exports, "func", { enumerable: !0, get: function() {
      return types_2.func;
    } });
    Object.defineProperty(exports, "iface", { enumerable: !0, get: function() {
      return types_2.iface;
    } });
    Object.defineProperty(exports, "lit", { enumerable: !0, get: function() {
      return types_2.lit;
    } });
    Object.defineProperty(exports, "name", { enumerable: !0, get: function() {
      return types_2.name;
    } });
    Object.defineProperty(exports, "opt", { enumerable: !0, get: function() {
      return types_2.opt;
    } });
    Object.defineProperty(exports, "param", { enumerable: !0, get: function() {
      return types_2.param;
    } });
    Object.defineProperty(exports, "tuple", { enumerable: !0, get: function() {
      return types_2.tuple;
    } });
    Object.defineProperty(exports, "union", { enumerable: !0, get: function() {
      return types_2.union;
    } });
    Object.defineProperty(exports, "intersection", { enumerable: !0, get: function() {
      return types_2.intersection;
    } });
    Object.defineProperty(exports, "BasicType", { enumerable: !0, get: function() {
      return types_2.BasicType;
    } });
    var util_2 = require_util2();
    Object.defineProperty(exports, "VError", { enumerable: !0, get: function() {
      return util_2.VError;
    } });
    function createCheckers() {
      for (var typeSuite = [], _i = 0; _i < arguments.length; _i++)
        typeSuite[_i] = arguments[_i];
      for (var fullSuite = Object.assign.apply(Object, __spreadArrays([{}, types_1.basicTypes], typeSuite)), checkers = {}, _a = 0, typeSuite_1 = typeSuite; _a < typeSuite_1.length; _a++)
        for (var suite_1 = typeSuite_1[_a], _b = 0, _c = Object.keys(suite_1); _b < _c.length; _b++) {
          var name = _c[_b];
          checkers[name] = new Checker(fullSuite, suite_1[name]);
        }
      return checkers;
    }
    exports.createCheckers = createCheckers;
    var Checker = (
      /** @class */
      (function() {
        function Checker2(suite, ttype, _path) {
          if (_path === void 0 && (_path = "value"), this.suite = suite, this.ttype = ttype, this._path = _path, this.props = /* @__PURE__ */ new Map(), ttype instanceof types_1.TIface)
            for (var _i = 0, _a = ttype.props; _i < _a.length; _i++) {
              var p = _a[_i];
              this.props.set(p.name, p.ttype);
            }
          this.checkerPlain = this.ttype.getChecker(suite, !1), this.checkerStrict = this.ttype.getChecker(suite, !0);
        }
        return Checker2.prototype.setReportedPath = function(path) {
          this._path = path;
        }, Checker2.prototype.check = function(value) {
          return this._doCheck(this.checkerPlain, value);
        }, Checker2.prototype.test = function(value) {
          return this.checkerPlain(value, new util_1.NoopContext());
        }, Checker2.prototype.validate = function(value) {
          return this._doValidate(this.checkerPlain, value);
        }, Checker2.prototype.strictCheck = function(value) {
          return this._doCheck(this.checkerStrict, value);
        }, Checker2.prototype.strictTest = function(value) {
          return this.checkerStrict(value, new util_1.NoopContext());
        }, Checker2.prototype.strictValidate = function(value) {
          return this._doValidate(this.checkerStrict, value);
        }, Checker2.prototype.getProp = function(prop) {
          var ttype = this.props.get(prop);
          if (!ttype)
            throw new Error("Type has no property " + prop);
          return new Checker2(this.suite, ttype, this._path + "." + prop);
        }, Checker2.prototype.methodArgs = function(methodName) {
          var tfunc = this._getMethod(methodName);
          return new Checker2(this.suite, tfunc.paramList);
        }, Checker2.prototype.methodResult = function(methodName) {
          var tfunc = this._getMethod(methodName);
          return new Checker2(this.suite, tfunc.result);
        }, Checker2.prototype.getArgs = function() {
          if (!(this.ttype instanceof types_1.TFunc))
            throw new Error("getArgs() applied to non-function");
          return new Checker2(this.suite, this.ttype.paramList);
        }, Checker2.prototype.getResult = function() {
          if (!(this.ttype instanceof types_1.TFunc))
            throw new Error("getResult() applied to non-function");
          return new Checker2(this.suite, this.ttype.result);
        }, Checker2.prototype.getType = function() {
          return this.ttype;
        }, Checker2.prototype._doCheck = function(checkerFunc, value) {
          var noopCtx = new util_1.NoopContext();
          if (!checkerFunc(value, noopCtx)) {
            var detailCtx = new util_1.DetailContext();
            throw checkerFunc(value, detailCtx), detailCtx.getError(this._path);
          }
        }, Checker2.prototype._doValidate = function(checkerFunc, value) {
          var noopCtx = new util_1.NoopContext();
          if (checkerFunc(value, noopCtx))
            return null;
          var detailCtx = new util_1.DetailContext();
          return checkerFunc(value, detailCtx), detailCtx.getErrorDetail(this._path);
        }, Checker2.prototype._getMethod = function(methodName) {
          var ttype = this.props.get(methodName);
          if (!ttype)
            throw new Error("Type has no property " + methodName);
          if (!(ttype instanceof types_1.TFunc))
            throw new Error("Property " + methodName + " is not a method");
          return ttype;
        }, Checker2;
      })()
    );
    exports.Checker = Checker;
  }
});

// node_modules/sucrase/dist/Options-gen-types.js
var require_Options_gen_types = __commonJS({
  "node_modules/sucrase/dist/Options-gen-types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireWildcard(obj) {
      if (obj && obj.__esModule)
        return obj;
      var newObj = {};
      if (obj != null)
        for (var key2 in obj)
          Object.prototype.hasOwnProperty.call(obj, key2) && (newObj[key2] = obj[key2]);
      return newObj.default = obj, newObj;
    }
    var _tsinterfacechecker = require_dist2(), t = _interopRequireWildcard(_tsinterfacechecker), Transform = t.union(
      t.lit("jsx"),
      t.lit("typescript"),
      t.lit("flow"),
      t.lit("imports"),
      t.lit("react-hot-loader"),
      t.lit("jest")
    );
    exports.Transform = Transform;
    var SourceMapOptions = t.iface([], {
      compiledFilename: "string"
    });
    exports.SourceMapOptions = SourceMapOptions;
    var Options = t.iface([], {
      transforms: t.array("Transform"),
      disableESTransforms: t.opt("boolean"),
      jsxRuntime: t.opt(t.union(t.lit("classic"), t.lit("automatic"), t.lit("preserve"))),
      production: t.opt("boolean"),
      jsxImportSource: t.opt("string"),
      jsxPragma: t.opt("string"),
      jsxFragmentPragma: t.opt("string"),
      keepUnusedImports: t.opt("boolean"),
      preserveDynamicImport: t.opt("boolean"),
      injectCreateRequireForImportRequire: t.opt("boolean"),
      enableLegacyTypeScriptModuleInterop: t.opt("boolean"),
      enableLegacyBabel5ModuleInterop: t.opt("boolean"),
      sourceMapOptions: t.opt("SourceMapOptions"),
      filePath: t.opt("string")
    });
    exports.Options = Options;
    var exportedTypeSuite = {
      Transform: exports.Transform,
      SourceMapOptions: exports.SourceMapOptions,
      Options: exports.Options
    };
    exports.default = exportedTypeSuite;
  }
});

// node_modules/sucrase/dist/Options.js
var require_Options = __commonJS({
  "node_modules/sucrase/dist/Options.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _tsinterfacechecker = require_dist2(), _Optionsgentypes = require_Options_gen_types(), _Optionsgentypes2 = _interopRequireDefault(_Optionsgentypes), { Options: OptionsChecker } = _tsinterfacechecker.createCheckers.call(void 0, _Optionsgentypes2.default);
    function validateOptions(options) {
      OptionsChecker.strictCheck(options);
    }
    exports.validateOptions = validateOptions;
  }
});

// node_modules/sucrase/dist/parser/traverser/lval.js
var require_lval = __commonJS({
  "node_modules/sucrase/dist/parser/traverser/lval.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _flow = require_flow(), _typescript = require_typescript(), _index = require_tokenizer(), _keywords = require_keywords(), _types = require_types(), _base = require_base(), _expression = require_expression(), _util = require_util();
    function parseSpread() {
      _index.next.call(void 0), _expression.parseMaybeAssign.call(void 0, !1);
    }
    exports.parseSpread = parseSpread;
    function parseRest(isBlockScope) {
      _index.next.call(void 0), parseBindingAtom(isBlockScope);
    }
    exports.parseRest = parseRest;
    function parseBindingIdentifier(isBlockScope) {
      _expression.parseIdentifier.call(void 0), markPriorBindingIdentifier(isBlockScope);
    }
    exports.parseBindingIdentifier = parseBindingIdentifier;
    function parseImportedIdentifier() {
      _expression.parseIdentifier.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].identifierRole = _index.IdentifierRole.ImportDeclaration;
    }
    exports.parseImportedIdentifier = parseImportedIdentifier;
    function markPriorBindingIdentifier(isBlockScope) {
      let identifierRole;
      _base.state.scopeDepth === 0 ? identifierRole = _index.IdentifierRole.TopLevelDeclaration : isBlockScope ? identifierRole = _index.IdentifierRole.BlockScopedDeclaration : identifierRole = _index.IdentifierRole.FunctionScopedDeclaration, _base.state.tokens[_base.state.tokens.length - 1].identifierRole = identifierRole;
    }
    exports.markPriorBindingIdentifier = markPriorBindingIdentifier;
    function parseBindingAtom(isBlockScope) {
      switch (_base.state.type) {
        case _types.TokenType._this: {
          let oldIsType = _index.pushTypeContext.call(void 0, 0);
          _index.next.call(void 0), _index.popTypeContext.call(void 0, oldIsType);
          return;
        }
        case _types.TokenType._yield:
        case _types.TokenType.name: {
          _base.state.type = _types.TokenType.name, parseBindingIdentifier(isBlockScope);
          return;
        }
        case _types.TokenType.bracketL: {
          _index.next.call(void 0), parseBindingList(
            _types.TokenType.bracketR,
            isBlockScope,
            !0
            /* allowEmpty */
          );
          return;
        }
        case _types.TokenType.braceL:
          _expression.parseObj.call(void 0, !0, isBlockScope);
          return;
        default:
          _util.unexpected.call(void 0);
      }
    }
    exports.parseBindingAtom = parseBindingAtom;
    function parseBindingList(close, isBlockScope, allowEmpty = !1, allowModifiers = !1, contextId = 0) {
      let first = !0, hasRemovedComma = !1, firstItemTokenIndex = _base.state.tokens.length;
      for (; !_index.eat.call(void 0, close) && !_base.state.error; )
        if (first ? first = !1 : (_util.expect.call(void 0, _types.TokenType.comma), _base.state.tokens[_base.state.tokens.length - 1].contextId = contextId, !hasRemovedComma && _base.state.tokens[firstItemTokenIndex].isType && (_base.state.tokens[_base.state.tokens.length - 1].isType = !0, hasRemovedComma = !0)), !(allowEmpty && _index.match.call(void 0, _types.TokenType.comma))) {
          if (_index.eat.call(void 0, close))
            break;
          if (_index.match.call(void 0, _types.TokenType.ellipsis)) {
            parseRest(isBlockScope), parseAssignableListItemTypes(), _index.eat.call(void 0, _types.TokenType.comma), _util.expect.call(void 0, close);
            break;
          } else
            parseAssignableListItem(allowModifiers, isBlockScope);
        }
    }
    exports.parseBindingList = parseBindingList;
    function parseAssignableListItem(allowModifiers, isBlockScope) {
      allowModifiers && _typescript.tsParseModifiers.call(void 0, [
        _keywords.ContextualKeyword._public,
        _keywords.ContextualKeyword._protected,
        _keywords.ContextualKeyword._private,
        _keywords.ContextualKeyword._readonly,
        _keywords.ContextualKeyword._override
      ]), parseMaybeDefault(isBlockScope), parseAssignableListItemTypes(), parseMaybeDefault(
        isBlockScope,
        !0
        /* leftAlreadyParsed */
      );
    }
    function parseAssignableListItemTypes() {
      _base.isFlowEnabled ? _flow.flowParseAssignableListItemTypes.call(void 0) : _base.isTypeScriptEnabled && _typescript.tsParseAssignableListItemTypes.call(void 0);
    }
    function parseMaybeDefault(isBlockScope, leftAlreadyParsed = !1) {
      if (leftAlreadyParsed || parseBindingAtom(isBlockScope), !_index.eat.call(void 0, _types.TokenType.eq))
        return;
      let eqIndex = _base.state.tokens.length - 1;
      _expression.parseMaybeAssign.call(void 0), _base.state.tokens[eqIndex].rhsEndIndex = _base.state.tokens.length;
    }
    exports.parseMaybeDefault = parseMaybeDefault;
  }
});

// node_modules/sucrase/dist/parser/plugins/typescript.js
var require_typescript = __commonJS({
  "node_modules/sucrase/dist/parser/plugins/typescript.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _index = require_tokenizer(), _keywords = require_keywords(), _types = require_types(), _base = require_base(), _expression = require_expression(), _lval = require_lval(), _statement = require_statement(), _util = require_util(), _jsx = require_jsx();
    function tsIsIdentifier() {
      return _index.match.call(void 0, _types.TokenType.name);
    }
    function isLiteralPropertyName() {
      return _index.match.call(void 0, _types.TokenType.name) || !!(_base.state.type & _types.TokenType.IS_KEYWORD) || _index.match.call(void 0, _types.TokenType.string) || _index.match.call(void 0, _types.TokenType.num) || _index.match.call(void 0, _types.TokenType.bigint) || _index.match.call(void 0, _types.TokenType.decimal);
    }
    function tsNextTokenCanFollowModifier() {
      let snapshot = _base.state.snapshot();
      return _index.next.call(void 0), (_index.match.call(void 0, _types.TokenType.bracketL) || _index.match.call(void 0, _types.TokenType.braceL) || _index.match.call(void 0, _types.TokenType.star) || _index.match.call(void 0, _types.TokenType.ellipsis) || _index.match.call(void 0, _types.TokenType.hash) || isLiteralPropertyName()) && !_util.hasPrecedingLineBreak.call(void 0) ? !0 : (_base.state.restoreFromSnapshot(snapshot), !1);
    }
    function tsParseModifiers(allowedModifiers) {
      for (; tsParseModifier(allowedModifiers) !== null; )
        ;
    }
    exports.tsParseModifiers = tsParseModifiers;
    function tsParseModifier(allowedModifiers) {
      if (!_index.match.call(void 0, _types.TokenType.name))
        return null;
      let modifier = _base.state.contextualKeyword;
      if (allowedModifiers.indexOf(modifier) !== -1 && tsNextTokenCanFollowModifier()) {
        switch (modifier) {
          case _keywords.ContextualKeyword._readonly:
            _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._readonly;
            break;
          case _keywords.ContextualKeyword._abstract:
            _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._abstract;
            break;
          case _keywords.ContextualKeyword._static:
            _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._static;
            break;
          case _keywords.ContextualKeyword._public:
            _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._public;
            break;
          case _keywords.ContextualKeyword._private:
            _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._private;
            break;
          case _keywords.ContextualKeyword._protected:
            _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._protected;
            break;
          case _keywords.ContextualKeyword._override:
            _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._override;
            break;
          case _keywords.ContextualKeyword._declare:
            _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._declare;
            break;
          default:
            break;
        }
        return modifier;
      }
      return null;
    }
    exports.tsParseModifier = tsParseModifier;
    function tsParseEntityName() {
      for (_expression.parseIdentifier.call(void 0); _index.eat.call(void 0, _types.TokenType.dot); )
        _expression.parseIdentifier.call(void 0);
    }
    function tsParseTypeReference() {
      tsParseEntityName(), !_util.hasPrecedingLineBreak.call(void 0) && _index.match.call(void 0, _types.TokenType.lessThan) && tsParseTypeArguments();
    }
    function tsParseThisTypePredicate() {
      _index.next.call(void 0), tsParseTypeAnnotation();
    }
    function tsParseThisTypeNode() {
      _index.next.call(void 0);
    }
    function tsParseTypeQuery() {
      _util.expect.call(void 0, _types.TokenType._typeof), _index.match.call(void 0, _types.TokenType._import) ? tsParseImportType() : tsParseEntityName(), !_util.hasPrecedingLineBreak.call(void 0) && _index.match.call(void 0, _types.TokenType.lessThan) && tsParseTypeArguments();
    }
    function tsParseImportType() {
      _util.expect.call(void 0, _types.TokenType._import), _util.expect.call(void 0, _types.TokenType.parenL), _util.expect.call(void 0, _types.TokenType.string), _util.expect.call(void 0, _types.TokenType.parenR), _index.eat.call(void 0, _types.TokenType.dot) && tsParseEntityName(), _index.match.call(void 0, _types.TokenType.lessThan) && tsParseTypeArguments();
    }
    function tsParseTypeParameter() {
      _index.eat.call(void 0, _types.TokenType._const);
      let hadIn = _index.eat.call(void 0, _types.TokenType._in), hadOut = _util.eatContextual.call(void 0, _keywords.ContextualKeyword._out);
      _index.eat.call(void 0, _types.TokenType._const), (hadIn || hadOut) && !_index.match.call(void 0, _types.TokenType.name) ? _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType.name : _expression.parseIdentifier.call(void 0), _index.eat.call(void 0, _types.TokenType._extends) && tsParseType(), _index.eat.call(void 0, _types.TokenType.eq) && tsParseType();
    }
    function tsTryParseTypeParameters() {
      _index.match.call(void 0, _types.TokenType.lessThan) && tsParseTypeParameters();
    }
    exports.tsTryParseTypeParameters = tsTryParseTypeParameters;
    function tsParseTypeParameters() {
      let oldIsType = _index.pushTypeContext.call(void 0, 0);
      for (_index.match.call(void 0, _types.TokenType.lessThan) || _index.match.call(void 0, _types.TokenType.typeParameterStart) ? _index.next.call(void 0) : _util.unexpected.call(void 0); !_index.eat.call(void 0, _types.TokenType.greaterThan) && !_base.state.error; )
        tsParseTypeParameter(), _index.eat.call(void 0, _types.TokenType.comma);
      _index.popTypeContext.call(void 0, oldIsType);
    }
    function tsFillSignature(returnToken) {
      let returnTokenRequired = returnToken === _types.TokenType.arrow;
      tsTryParseTypeParameters(), _util.expect.call(void 0, _types.TokenType.parenL), _base.state.scopeDepth++, tsParseBindingListForSignature(
        !1
        /* isBlockScope */
      ), _base.state.scopeDepth--, (returnTokenRequired || _index.match.call(void 0, returnToken)) && tsParseTypeOrTypePredicateAnnotation(returnToken);
    }
    function tsParseBindingListForSignature(isBlockScope) {
      _lval.parseBindingList.call(void 0, _types.TokenType.parenR, isBlockScope);
    }
    function tsParseTypeMemberSemicolon() {
      _index.eat.call(void 0, _types.TokenType.comma) || _util.semicolon.call(void 0);
    }
    function tsParseSignatureMember() {
      tsFillSignature(_types.TokenType.colon), tsParseTypeMemberSemicolon();
    }
    function tsIsUnambiguouslyIndexSignature() {
      let snapshot = _base.state.snapshot();
      _index.next.call(void 0);
      let isIndexSignature = _index.eat.call(void 0, _types.TokenType.name) && _index.match.call(void 0, _types.TokenType.colon);
      return _base.state.restoreFromSnapshot(snapshot), isIndexSignature;
    }
    function tsTryParseIndexSignature() {
      if (!(_index.match.call(void 0, _types.TokenType.bracketL) && tsIsUnambiguouslyIndexSignature()))
        return !1;
      let oldIsType = _index.pushTypeContext.call(void 0, 0);
      return _util.expect.call(void 0, _types.TokenType.bracketL), _expression.parseIdentifier.call(void 0), tsParseTypeAnnotation(), _util.expect.call(void 0, _types.TokenType.bracketR), tsTryParseTypeAnnotation(), tsParseTypeMemberSemicolon(), _index.popTypeContext.call(void 0, oldIsType), !0;
    }
    function tsParsePropertyOrMethodSignature(isReadonly) {
      _index.eat.call(void 0, _types.TokenType.question), !isReadonly && (_index.match.call(void 0, _types.TokenType.parenL) || _index.match.call(void 0, _types.TokenType.lessThan)) ? (tsFillSignature(_types.TokenType.colon), tsParseTypeMemberSemicolon()) : (tsTryParseTypeAnnotation(), tsParseTypeMemberSemicolon());
    }
    function tsParseTypeMember() {
      if (_index.match.call(void 0, _types.TokenType.parenL) || _index.match.call(void 0, _types.TokenType.lessThan)) {
        tsParseSignatureMember();
        return;
      }
      if (_index.match.call(void 0, _types.TokenType._new)) {
        _index.next.call(void 0), _index.match.call(void 0, _types.TokenType.parenL) || _index.match.call(void 0, _types.TokenType.lessThan) ? tsParseSignatureMember() : tsParsePropertyOrMethodSignature(!1);
        return;
      }
      let readonly = !!tsParseModifier([_keywords.ContextualKeyword._readonly]);
      tsTryParseIndexSignature() || ((_util.isContextual.call(void 0, _keywords.ContextualKeyword._get) || _util.isContextual.call(void 0, _keywords.ContextualKeyword._set)) && tsNextTokenCanFollowModifier(), _expression.parsePropertyName.call(
        void 0,
        -1
        /* Types don't need context IDs. */
      ), tsParsePropertyOrMethodSignature(readonly));
    }
    function tsParseTypeLiteral() {
      tsParseObjectTypeMembers();
    }
    function tsParseObjectTypeMembers() {
      for (_util.expect.call(void 0, _types.TokenType.braceL); !_index.eat.call(void 0, _types.TokenType.braceR) && !_base.state.error; )
        tsParseTypeMember();
    }
    function tsLookaheadIsStartOfMappedType() {
      let snapshot = _base.state.snapshot(), isStartOfMappedType = tsIsStartOfMappedType();
      return _base.state.restoreFromSnapshot(snapshot), isStartOfMappedType;
    }
    function tsIsStartOfMappedType() {
      return _index.next.call(void 0), _index.eat.call(void 0, _types.TokenType.plus) || _index.eat.call(void 0, _types.TokenType.minus) ? _util.isContextual.call(void 0, _keywords.ContextualKeyword._readonly) : (_util.isContextual.call(void 0, _keywords.ContextualKeyword._readonly) && _index.next.call(void 0), !_index.match.call(void 0, _types.TokenType.bracketL) || (_index.next.call(void 0), !tsIsIdentifier()) ? !1 : (_index.next.call(void 0), _index.match.call(void 0, _types.TokenType._in)));
    }
    function tsParseMappedTypeParameter() {
      _expression.parseIdentifier.call(void 0), _util.expect.call(void 0, _types.TokenType._in), tsParseType();
    }
    function tsParseMappedType() {
      _util.expect.call(void 0, _types.TokenType.braceL), _index.match.call(void 0, _types.TokenType.plus) || _index.match.call(void 0, _types.TokenType.minus) ? (_index.next.call(void 0), _util.expectContextual.call(void 0, _keywords.ContextualKeyword._readonly)) : _util.eatContextual.call(void 0, _keywords.ContextualKeyword._readonly), _util.expect.call(void 0, _types.TokenType.bracketL), tsParseMappedTypeParameter(), _util.eatContextual.call(void 0, _keywords.ContextualKeyword._as) && tsParseType(), _util.expect.call(void 0, _types.TokenType.bracketR), _index.match.call(void 0, _types.TokenType.plus) || _index.match.call(void 0, _types.TokenType.minus) ? (_index.next.call(void 0), _util.expect.call(void 0, _types.TokenType.question)) : _index.eat.call(void 0, _types.TokenType.question), tsTryParseType(), _util.semicolon.call(void 0), _util.expect.call(void 0, _types.TokenType.braceR);
    }
    function tsParseTupleType() {
      for (_util.expect.call(void 0, _types.TokenType.bracketL); !_index.eat.call(void 0, _types.TokenType.bracketR) && !_base.state.error; )
        tsParseTupleElementType(), _index.eat.call(void 0, _types.TokenType.comma);
    }
    function tsParseTupleElementType() {
      _index.eat.call(void 0, _types.TokenType.ellipsis) ? tsParseType() : (tsParseType(), _index.eat.call(void 0, _types.TokenType.question)), _index.eat.call(void 0, _types.TokenType.colon) && tsParseType();
    }
    function tsParseParenthesizedType() {
      _util.expect.call(void 0, _types.TokenType.parenL), tsParseType(), _util.expect.call(void 0, _types.TokenType.parenR);
    }
    function tsParseTemplateLiteralType() {
      for (_index.nextTemplateToken.call(void 0), _index.nextTemplateToken.call(void 0); !_index.match.call(void 0, _types.TokenType.backQuote) && !_base.state.error; )
        _util.expect.call(void 0, _types.TokenType.dollarBraceL), tsParseType(), _index.nextTemplateToken.call(void 0), _index.nextTemplateToken.call(void 0);
      _index.next.call(void 0);
    }
    var FunctionType;
    (function(FunctionType2) {
      FunctionType2[FunctionType2.TSFunctionType = 0] = "TSFunctionType";
      let TSConstructorType = 1;
      FunctionType2[FunctionType2.TSConstructorType = TSConstructorType] = "TSConstructorType";
      let TSAbstractConstructorType = TSConstructorType + 1;
      FunctionType2[FunctionType2.TSAbstractConstructorType = TSAbstractConstructorType] = "TSAbstractConstructorType";
    })(FunctionType || (FunctionType = {}));
    function tsParseFunctionOrConstructorType(type) {
      type === FunctionType.TSAbstractConstructorType && _util.expectContextual.call(void 0, _keywords.ContextualKeyword._abstract), (type === FunctionType.TSConstructorType || type === FunctionType.TSAbstractConstructorType) && _util.expect.call(void 0, _types.TokenType._new);
      let oldInDisallowConditionalTypesContext = _base.state.inDisallowConditionalTypesContext;
      _base.state.inDisallowConditionalTypesContext = !1, tsFillSignature(_types.TokenType.arrow), _base.state.inDisallowConditionalTypesContext = oldInDisallowConditionalTypesContext;
    }
    function tsParseNonArrayType() {
      switch (_base.state.type) {
        case _types.TokenType.name:
          tsParseTypeReference();
          return;
        case _types.TokenType._void:
        case _types.TokenType._null:
          _index.next.call(void 0);
          return;
        case _types.TokenType.string:
        case _types.TokenType.num:
        case _types.TokenType.bigint:
        case _types.TokenType.decimal:
        case _types.TokenType._true:
        case _types.TokenType._false:
          _expression.parseLiteral.call(void 0);
          return;
        case _types.TokenType.minus:
          _index.next.call(void 0), _expression.parseLiteral.call(void 0);
          return;
        case _types.TokenType._this: {
          tsParseThisTypeNode(), _util.isContextual.call(void 0, _keywords.ContextualKeyword._is) && !_util.hasPrecedingLineBreak.call(void 0) && tsParseThisTypePredicate();
          return;
        }
        case _types.TokenType._typeof:
          tsParseTypeQuery();
          return;
        case _types.TokenType._import:
          tsParseImportType();
          return;
        case _types.TokenType.braceL:
          tsLookaheadIsStartOfMappedType() ? tsParseMappedType() : tsParseTypeLiteral();
          return;
        case _types.TokenType.bracketL:
          tsParseTupleType();
          return;
        case _types.TokenType.parenL:
          tsParseParenthesizedType();
          return;
        case _types.TokenType.backQuote:
          tsParseTemplateLiteralType();
          return;
        default:
          if (_base.state.type & _types.TokenType.IS_KEYWORD) {
            _index.next.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType.name;
            return;
          }
          break;
      }
      _util.unexpected.call(void 0);
    }
    function tsParseArrayTypeOrHigher() {
      for (tsParseNonArrayType(); !_util.hasPrecedingLineBreak.call(void 0) && _index.eat.call(void 0, _types.TokenType.bracketL); )
        _index.eat.call(void 0, _types.TokenType.bracketR) || (tsParseType(), _util.expect.call(void 0, _types.TokenType.bracketR));
    }
    function tsParseInferType() {
      if (_util.expectContextual.call(void 0, _keywords.ContextualKeyword._infer), _expression.parseIdentifier.call(void 0), _index.match.call(void 0, _types.TokenType._extends)) {
        let snapshot = _base.state.snapshot();
        _util.expect.call(void 0, _types.TokenType._extends);
        let oldInDisallowConditionalTypesContext = _base.state.inDisallowConditionalTypesContext;
        _base.state.inDisallowConditionalTypesContext = !0, tsParseType(), _base.state.inDisallowConditionalTypesContext = oldInDisallowConditionalTypesContext, (_base.state.error || !_base.state.inDisallowConditionalTypesContext && _index.match.call(void 0, _types.TokenType.question)) && _base.state.restoreFromSnapshot(snapshot);
      }
    }
    function tsParseTypeOperatorOrHigher() {
      if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._keyof) || _util.isContextual.call(void 0, _keywords.ContextualKeyword._unique) || _util.isContextual.call(void 0, _keywords.ContextualKeyword._readonly))
        _index.next.call(void 0), tsParseTypeOperatorOrHigher();
      else if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._infer))
        tsParseInferType();
      else {
        let oldInDisallowConditionalTypesContext = _base.state.inDisallowConditionalTypesContext;
        _base.state.inDisallowConditionalTypesContext = !1, tsParseArrayTypeOrHigher(), _base.state.inDisallowConditionalTypesContext = oldInDisallowConditionalTypesContext;
      }
    }
    function tsParseIntersectionTypeOrHigher() {
      if (_index.eat.call(void 0, _types.TokenType.bitwiseAND), tsParseTypeOperatorOrHigher(), _index.match.call(void 0, _types.TokenType.bitwiseAND))
        for (; _index.eat.call(void 0, _types.TokenType.bitwiseAND); )
          tsParseTypeOperatorOrHigher();
    }
    function tsParseUnionTypeOrHigher() {
      if (_index.eat.call(void 0, _types.TokenType.bitwiseOR), tsParseIntersectionTypeOrHigher(), _index.match.call(void 0, _types.TokenType.bitwiseOR))
        for (; _index.eat.call(void 0, _types.TokenType.bitwiseOR); )
          tsParseIntersectionTypeOrHigher();
    }
    function tsIsStartOfFunctionType() {
      return _index.match.call(void 0, _types.TokenType.lessThan) ? !0 : _index.match.call(void 0, _types.TokenType.parenL) && tsLookaheadIsUnambiguouslyStartOfFunctionType();
    }
    function tsSkipParameterStart() {
      if (_index.match.call(void 0, _types.TokenType.name) || _index.match.call(void 0, _types.TokenType._this))
        return _index.next.call(void 0), !0;
      if (_index.match.call(void 0, _types.TokenType.braceL) || _index.match.call(void 0, _types.TokenType.bracketL)) {
        let depth = 1;
        for (_index.next.call(void 0); depth > 0 && !_base.state.error; )
          _index.match.call(void 0, _types.TokenType.braceL) || _index.match.call(void 0, _types.TokenType.bracketL) ? depth++ : (_index.match.call(void 0, _types.TokenType.braceR) || _index.match.call(void 0, _types.TokenType.bracketR)) && depth--, _index.next.call(void 0);
        return !0;
      }
      return !1;
    }
    function tsLookaheadIsUnambiguouslyStartOfFunctionType() {
      let snapshot = _base.state.snapshot(), isUnambiguouslyStartOfFunctionType = tsIsUnambiguouslyStartOfFunctionType();
      return _base.state.restoreFromSnapshot(snapshot), isUnambiguouslyStartOfFunctionType;
    }
    function tsIsUnambiguouslyStartOfFunctionType() {
      return _index.next.call(void 0), !!(_index.match.call(void 0, _types.TokenType.parenR) || _index.match.call(void 0, _types.TokenType.ellipsis) || tsSkipParameterStart() && (_index.match.call(void 0, _types.TokenType.colon) || _index.match.call(void 0, _types.TokenType.comma) || _index.match.call(void 0, _types.TokenType.question) || _index.match.call(void 0, _types.TokenType.eq) || _index.match.call(void 0, _types.TokenType.parenR) && (_index.next.call(void 0), _index.match.call(void 0, _types.TokenType.arrow))));
    }
    function tsParseTypeOrTypePredicateAnnotation(returnToken) {
      let oldIsType = _index.pushTypeContext.call(void 0, 0);
      _util.expect.call(void 0, returnToken), tsParseTypePredicateOrAssertsPrefix() || tsParseType(), _index.popTypeContext.call(void 0, oldIsType);
    }
    function tsTryParseTypeOrTypePredicateAnnotation() {
      _index.match.call(void 0, _types.TokenType.colon) && tsParseTypeOrTypePredicateAnnotation(_types.TokenType.colon);
    }
    function tsTryParseTypeAnnotation() {
      _index.match.call(void 0, _types.TokenType.colon) && tsParseTypeAnnotation();
    }
    exports.tsTryParseTypeAnnotation = tsTryParseTypeAnnotation;
    function tsTryParseType() {
      _index.eat.call(void 0, _types.TokenType.colon) && tsParseType();
    }
    function tsParseTypePredicateOrAssertsPrefix() {
      let snapshot = _base.state.snapshot();
      return _util.isContextual.call(void 0, _keywords.ContextualKeyword._asserts) ? (_index.next.call(void 0), _util.eatContextual.call(void 0, _keywords.ContextualKeyword._is) ? (tsParseType(), !0) : tsIsIdentifier() || _index.match.call(void 0, _types.TokenType._this) ? (_index.next.call(void 0), _util.eatContextual.call(void 0, _keywords.ContextualKeyword._is) && tsParseType(), !0) : (_base.state.restoreFromSnapshot(snapshot), !1)) : tsIsIdentifier() || _index.match.call(void 0, _types.TokenType._this) ? (_index.next.call(void 0), _util.isContextual.call(void 0, _keywords.ContextualKeyword._is) && !_util.hasPrecedingLineBreak.call(void 0) ? (_index.next.call(void 0), tsParseType(), !0) : (_base.state.restoreFromSnapshot(snapshot), !1)) : !1;
    }
    function tsParseTypeAnnotation() {
      let oldIsType = _index.pushTypeContext.call(void 0, 0);
      _util.expect.call(void 0, _types.TokenType.colon), tsParseType(), _index.popTypeContext.call(void 0, oldIsType);
    }
    exports.tsParseTypeAnnotation = tsParseTypeAnnotation;
    function tsParseType() {
      if (tsParseNonConditionalType(), _base.state.inDisallowConditionalTypesContext || _util.hasPrecedingLineBreak.call(void 0) || !_index.eat.call(void 0, _types.TokenType._extends))
        return;
      let oldInDisallowConditionalTypesContext = _base.state.inDisallowConditionalTypesContext;
      _base.state.inDisallowConditionalTypesContext = !0, tsParseNonConditionalType(), _base.state.inDisallowConditionalTypesContext = oldInDisallowConditionalTypesContext, _util.expect.call(void 0, _types.TokenType.question), tsParseType(), _util.expect.call(void 0, _types.TokenType.colon), tsParseType();
    }
    exports.tsParseType = tsParseType;
    function isAbstractConstructorSignature() {
      return _util.isContextual.call(void 0, _keywords.ContextualKeyword._abstract) && _index.lookaheadType.call(void 0) === _types.TokenType._new;
    }
    function tsParseNonConditionalType() {
      if (tsIsStartOfFunctionType()) {
        tsParseFunctionOrConstructorType(FunctionType.TSFunctionType);
        return;
      }
      if (_index.match.call(void 0, _types.TokenType._new)) {
        tsParseFunctionOrConstructorType(FunctionType.TSConstructorType);
        return;
      } else if (isAbstractConstructorSignature()) {
        tsParseFunctionOrConstructorType(FunctionType.TSAbstractConstructorType);
        return;
      }
      tsParseUnionTypeOrHigher();
    }
    exports.tsParseNonConditionalType = tsParseNonConditionalType;
    function tsParseTypeAssertion() {
      let oldIsType = _index.pushTypeContext.call(void 0, 1);
      tsParseType(), _util.expect.call(void 0, _types.TokenType.greaterThan), _index.popTypeContext.call(void 0, oldIsType), _expression.parseMaybeUnary.call(void 0);
    }
    exports.tsParseTypeAssertion = tsParseTypeAssertion;
    function tsTryParseJSXTypeArgument() {
      if (_index.eat.call(void 0, _types.TokenType.jsxTagStart)) {
        _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType.typeParameterStart;
        let oldIsType = _index.pushTypeContext.call(void 0, 1);
        for (; !_index.match.call(void 0, _types.TokenType.greaterThan) && !_base.state.error; )
          tsParseType(), _index.eat.call(void 0, _types.TokenType.comma);
        _jsx.nextJSXTagToken.call(void 0), _index.popTypeContext.call(void 0, oldIsType);
      }
    }
    exports.tsTryParseJSXTypeArgument = tsTryParseJSXTypeArgument;
    function tsParseHeritageClause() {
      for (; !_index.match.call(void 0, _types.TokenType.braceL) && !_base.state.error; )
        tsParseExpressionWithTypeArguments(), _index.eat.call(void 0, _types.TokenType.comma);
    }
    function tsParseExpressionWithTypeArguments() {
      tsParseEntityName(), _index.match.call(void 0, _types.TokenType.lessThan) && tsParseTypeArguments();
    }
    function tsParseInterfaceDeclaration() {
      _lval.parseBindingIdentifier.call(void 0, !1), tsTryParseTypeParameters(), _index.eat.call(void 0, _types.TokenType._extends) && tsParseHeritageClause(), tsParseObjectTypeMembers();
    }
    function tsParseTypeAliasDeclaration() {
      _lval.parseBindingIdentifier.call(void 0, !1), tsTryParseTypeParameters(), _util.expect.call(void 0, _types.TokenType.eq), tsParseType(), _util.semicolon.call(void 0);
    }
    function tsParseEnumMember() {
      if (_index.match.call(void 0, _types.TokenType.string) ? _expression.parseLiteral.call(void 0) : _expression.parseIdentifier.call(void 0), _index.eat.call(void 0, _types.TokenType.eq)) {
        let eqIndex = _base.state.tokens.length - 1;
        _expression.parseMaybeAssign.call(void 0), _base.state.tokens[eqIndex].rhsEndIndex = _base.state.tokens.length;
      }
    }
    function tsParseEnumDeclaration() {
      for (_lval.parseBindingIdentifier.call(void 0, !1), _util.expect.call(void 0, _types.TokenType.braceL); !_index.eat.call(void 0, _types.TokenType.braceR) && !_base.state.error; )
        tsParseEnumMember(), _index.eat.call(void 0, _types.TokenType.comma);
    }
    function tsParseModuleBlock() {
      _util.expect.call(void 0, _types.TokenType.braceL), _statement.parseBlockBody.call(
        void 0,
        /* end */
        _types.TokenType.braceR
      );
    }
    function tsParseModuleOrNamespaceDeclaration() {
      _lval.parseBindingIdentifier.call(void 0, !1), _index.eat.call(void 0, _types.TokenType.dot) ? tsParseModuleOrNamespaceDeclaration() : tsParseModuleBlock();
    }
    function tsParseAmbientExternalModuleDeclaration() {
      _util.isContextual.call(void 0, _keywords.ContextualKeyword._global) ? _expression.parseIdentifier.call(void 0) : _index.match.call(void 0, _types.TokenType.string) ? _expression.parseExprAtom.call(void 0) : _util.unexpected.call(void 0), _index.match.call(void 0, _types.TokenType.braceL) ? tsParseModuleBlock() : _util.semicolon.call(void 0);
    }
    function tsParseImportEqualsDeclaration() {
      _lval.parseImportedIdentifier.call(void 0), _util.expect.call(void 0, _types.TokenType.eq), tsParseModuleReference(), _util.semicolon.call(void 0);
    }
    exports.tsParseImportEqualsDeclaration = tsParseImportEqualsDeclaration;
    function tsIsExternalModuleReference() {
      return _util.isContextual.call(void 0, _keywords.ContextualKeyword._require) && _index.lookaheadType.call(void 0) === _types.TokenType.parenL;
    }
    function tsParseModuleReference() {
      tsIsExternalModuleReference() ? tsParseExternalModuleReference() : tsParseEntityName();
    }
    function tsParseExternalModuleReference() {
      _util.expectContextual.call(void 0, _keywords.ContextualKeyword._require), _util.expect.call(void 0, _types.TokenType.parenL), _index.match.call(void 0, _types.TokenType.string) || _util.unexpected.call(void 0), _expression.parseLiteral.call(void 0), _util.expect.call(void 0, _types.TokenType.parenR);
    }
    function tsTryParseDeclare() {
      if (_util.isLineTerminator.call(void 0))
        return !1;
      switch (_base.state.type) {
        case _types.TokenType._function: {
          let oldIsType = _index.pushTypeContext.call(void 0, 1);
          _index.next.call(void 0);
          let functionStart = _base.state.start;
          return _statement.parseFunction.call(
            void 0,
            functionStart,
            /* isStatement */
            !0
          ), _index.popTypeContext.call(void 0, oldIsType), !0;
        }
        case _types.TokenType._class: {
          let oldIsType = _index.pushTypeContext.call(void 0, 1);
          return _statement.parseClass.call(
            void 0,
            /* isStatement */
            !0,
            /* optionalId */
            !1
          ), _index.popTypeContext.call(void 0, oldIsType), !0;
        }
        case _types.TokenType._const:
          if (_index.match.call(void 0, _types.TokenType._const) && _util.isLookaheadContextual.call(void 0, _keywords.ContextualKeyword._enum)) {
            let oldIsType = _index.pushTypeContext.call(void 0, 1);
            return _util.expect.call(void 0, _types.TokenType._const), _util.expectContextual.call(void 0, _keywords.ContextualKeyword._enum), _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._enum, tsParseEnumDeclaration(), _index.popTypeContext.call(void 0, oldIsType), !0;
          }
        // falls through
        case _types.TokenType._var:
        case _types.TokenType._let: {
          let oldIsType = _index.pushTypeContext.call(void 0, 1);
          return _statement.parseVarStatement.call(void 0, _base.state.type !== _types.TokenType._var), _index.popTypeContext.call(void 0, oldIsType), !0;
        }
        case _types.TokenType.name: {
          let oldIsType = _index.pushTypeContext.call(void 0, 1), contextualKeyword = _base.state.contextualKeyword, matched = !1;
          return contextualKeyword === _keywords.ContextualKeyword._global ? (tsParseAmbientExternalModuleDeclaration(), matched = !0) : matched = tsParseDeclaration(
            contextualKeyword,
            /* isBeforeToken */
            !0
          ), _index.popTypeContext.call(void 0, oldIsType), matched;
        }
        default:
          return !1;
      }
    }
    function tsTryParseExportDeclaration() {
      return tsParseDeclaration(
        _base.state.contextualKeyword,
        /* isBeforeToken */
        !0
      );
    }
    function tsParseExpressionStatement(contextualKeyword) {
      switch (contextualKeyword) {
        case _keywords.ContextualKeyword._declare: {
          let declareTokenIndex = _base.state.tokens.length - 1;
          if (tsTryParseDeclare())
            return _base.state.tokens[declareTokenIndex].type = _types.TokenType._declare, !0;
          break;
        }
        case _keywords.ContextualKeyword._global:
          if (_index.match.call(void 0, _types.TokenType.braceL))
            return tsParseModuleBlock(), !0;
          break;
        default:
          return tsParseDeclaration(
            contextualKeyword,
            /* isBeforeToken */
            !1
          );
      }
      return !1;
    }
    function tsParseDeclaration(contextualKeyword, isBeforeToken) {
      switch (contextualKeyword) {
        case _keywords.ContextualKeyword._abstract:
          if (tsCheckLineTerminator(isBeforeToken) && _index.match.call(void 0, _types.TokenType._class))
            return _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._abstract, _statement.parseClass.call(
              void 0,
              /* isStatement */
              !0,
              /* optionalId */
              !1
            ), !0;
          break;
        case _keywords.ContextualKeyword._enum:
          if (tsCheckLineTerminator(isBeforeToken) && _index.match.call(void 0, _types.TokenType.name))
            return _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._enum, tsParseEnumDeclaration(), !0;
          break;
        case _keywords.ContextualKeyword._interface:
          if (tsCheckLineTerminator(isBeforeToken) && _index.match.call(void 0, _types.TokenType.name)) {
            let oldIsType = _index.pushTypeContext.call(void 0, isBeforeToken ? 2 : 1);
            return tsParseInterfaceDeclaration(), _index.popTypeContext.call(void 0, oldIsType), !0;
          }
          break;
        case _keywords.ContextualKeyword._module:
          if (tsCheckLineTerminator(isBeforeToken)) {
            if (_index.match.call(void 0, _types.TokenType.string)) {
              let oldIsType = _index.pushTypeContext.call(void 0, isBeforeToken ? 2 : 1);
              return tsParseAmbientExternalModuleDeclaration(), _index.popTypeContext.call(void 0, oldIsType), !0;
            } else if (_index.match.call(void 0, _types.TokenType.name)) {
              let oldIsType = _index.pushTypeContext.call(void 0, isBeforeToken ? 2 : 1);
              return tsParseModuleOrNamespaceDeclaration(), _index.popTypeContext.call(void 0, oldIsType), !0;
            }
          }
          break;
        case _keywords.ContextualKeyword._namespace:
          if (tsCheckLineTerminator(isBeforeToken) && _index.match.call(void 0, _types.TokenType.name)) {
            let oldIsType = _index.pushTypeContext.call(void 0, isBeforeToken ? 2 : 1);
            return tsParseModuleOrNamespaceDeclaration(), _index.popTypeContext.call(void 0, oldIsType), !0;
          }
          break;
        case _keywords.ContextualKeyword._type:
          if (tsCheckLineTerminator(isBeforeToken) && _index.match.call(void 0, _types.TokenType.name)) {
            let oldIsType = _index.pushTypeContext.call(void 0, isBeforeToken ? 2 : 1);
            return tsParseTypeAliasDeclaration(), _index.popTypeContext.call(void 0, oldIsType), !0;
          }
          break;
        default:
          break;
      }
      return !1;
    }
    function tsCheckLineTerminator(isBeforeToken) {
      return isBeforeToken ? (_index.next.call(void 0), !0) : !_util.isLineTerminator.call(void 0);
    }
    function tsTryParseGenericAsyncArrowFunction() {
      let snapshot = _base.state.snapshot();
      return tsParseTypeParameters(), _statement.parseFunctionParams.call(void 0), tsTryParseTypeOrTypePredicateAnnotation(), _util.expect.call(void 0, _types.TokenType.arrow), _base.state.error ? (_base.state.restoreFromSnapshot(snapshot), !1) : (_expression.parseFunctionBody.call(void 0, !0), !0);
    }
    function tsParseTypeArgumentsWithPossibleBitshift() {
      _base.state.type === _types.TokenType.bitShiftL && (_base.state.pos -= 1, _index.finishToken.call(void 0, _types.TokenType.lessThan)), tsParseTypeArguments();
    }
    function tsParseTypeArguments() {
      let oldIsType = _index.pushTypeContext.call(void 0, 0);
      for (_util.expect.call(void 0, _types.TokenType.lessThan); !_index.match.call(void 0, _types.TokenType.greaterThan) && !_base.state.error; )
        tsParseType(), _index.eat.call(void 0, _types.TokenType.comma);
      oldIsType ? (_util.expect.call(void 0, _types.TokenType.greaterThan), _index.popTypeContext.call(void 0, oldIsType)) : (_index.popTypeContext.call(void 0, oldIsType), _index.rescan_gt.call(void 0), _util.expect.call(void 0, _types.TokenType.greaterThan), _base.state.tokens[_base.state.tokens.length - 1].isType = !0);
    }
    function tsIsDeclarationStart() {
      if (_index.match.call(void 0, _types.TokenType.name))
        switch (_base.state.contextualKeyword) {
          case _keywords.ContextualKeyword._abstract:
          case _keywords.ContextualKeyword._declare:
          case _keywords.ContextualKeyword._enum:
          case _keywords.ContextualKeyword._interface:
          case _keywords.ContextualKeyword._module:
          case _keywords.ContextualKeyword._namespace:
          case _keywords.ContextualKeyword._type:
            return !0;
          default:
            break;
        }
      return !1;
    }
    exports.tsIsDeclarationStart = tsIsDeclarationStart;
    function tsParseFunctionBodyAndFinish(functionStart, funcContextId) {
      if (_index.match.call(void 0, _types.TokenType.colon) && tsParseTypeOrTypePredicateAnnotation(_types.TokenType.colon), !_index.match.call(void 0, _types.TokenType.braceL) && _util.isLineTerminator.call(void 0)) {
        let i = _base.state.tokens.length - 1;
        for (; i >= 0 && (_base.state.tokens[i].start >= functionStart || _base.state.tokens[i].type === _types.TokenType._default || _base.state.tokens[i].type === _types.TokenType._export); )
          _base.state.tokens[i].isType = !0, i--;
        return;
      }
      _expression.parseFunctionBody.call(void 0, !1, funcContextId);
    }
    exports.tsParseFunctionBodyAndFinish = tsParseFunctionBodyAndFinish;
    function tsParseSubscript(startTokenIndex, noCalls, stopState) {
      if (!_util.hasPrecedingLineBreak.call(void 0) && _index.eat.call(void 0, _types.TokenType.bang)) {
        _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType.nonNullAssertion;
        return;
      }
      if (_index.match.call(void 0, _types.TokenType.lessThan) || _index.match.call(void 0, _types.TokenType.bitShiftL)) {
        let snapshot = _base.state.snapshot();
        if (!noCalls && _expression.atPossibleAsync.call(void 0) && tsTryParseGenericAsyncArrowFunction())
          return;
        if (tsParseTypeArgumentsWithPossibleBitshift(), !noCalls && _index.eat.call(void 0, _types.TokenType.parenL) ? (_base.state.tokens[_base.state.tokens.length - 1].subscriptStartIndex = startTokenIndex, _expression.parseCallExpressionArguments.call(void 0)) : _index.match.call(void 0, _types.TokenType.backQuote) ? _expression.parseTemplate.call(void 0) : (
          // The remaining possible case is an instantiation expression, e.g.
          // Array<number> . Check for a few cases that would disqualify it and
          // cause us to bail out.
          // a<b>>c is not (a<b>)>c, but a<(b>>c)
          (_base.state.type === _types.TokenType.greaterThan || // a<b>c is (a<b)>c
          _base.state.type !== _types.TokenType.parenL && _base.state.type & _types.TokenType.IS_EXPRESSION_START && !_util.hasPrecedingLineBreak.call(void 0)) && _util.unexpected.call(void 0)
        ), _base.state.error)
          _base.state.restoreFromSnapshot(snapshot);
        else
          return;
      } else !noCalls && _index.match.call(void 0, _types.TokenType.questionDot) && _index.lookaheadType.call(void 0) === _types.TokenType.lessThan && (_index.next.call(void 0), _base.state.tokens[startTokenIndex].isOptionalChainStart = !0, _base.state.tokens[_base.state.tokens.length - 1].subscriptStartIndex = startTokenIndex, tsParseTypeArguments(), _util.expect.call(void 0, _types.TokenType.parenL), _expression.parseCallExpressionArguments.call(void 0));
      _expression.baseParseSubscript.call(void 0, startTokenIndex, noCalls, stopState);
    }
    exports.tsParseSubscript = tsParseSubscript;
    function tsTryParseExport() {
      if (_index.eat.call(void 0, _types.TokenType._import))
        return _util.isContextual.call(void 0, _keywords.ContextualKeyword._type) && _index.lookaheadType.call(void 0) !== _types.TokenType.eq && _util.expectContextual.call(void 0, _keywords.ContextualKeyword._type), tsParseImportEqualsDeclaration(), !0;
      if (_index.eat.call(void 0, _types.TokenType.eq))
        return _expression.parseExpression.call(void 0), _util.semicolon.call(void 0), !0;
      if (_util.eatContextual.call(void 0, _keywords.ContextualKeyword._as))
        return _util.expectContextual.call(void 0, _keywords.ContextualKeyword._namespace), _expression.parseIdentifier.call(void 0), _util.semicolon.call(void 0), !0;
      if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._type)) {
        let nextType = _index.lookaheadType.call(void 0);
        (nextType === _types.TokenType.braceL || nextType === _types.TokenType.star) && _index.next.call(void 0);
      }
      return !1;
    }
    exports.tsTryParseExport = tsTryParseExport;
    function tsParseImportSpecifier() {
      if (_expression.parseIdentifier.call(void 0), _index.match.call(void 0, _types.TokenType.comma) || _index.match.call(void 0, _types.TokenType.braceR)) {
        _base.state.tokens[_base.state.tokens.length - 1].identifierRole = _index.IdentifierRole.ImportDeclaration;
        return;
      }
      if (_expression.parseIdentifier.call(void 0), _index.match.call(void 0, _types.TokenType.comma) || _index.match.call(void 0, _types.TokenType.braceR)) {
        _base.state.tokens[_base.state.tokens.length - 1].identifierRole = _index.IdentifierRole.ImportDeclaration, _base.state.tokens[_base.state.tokens.length - 2].isType = !0, _base.state.tokens[_base.state.tokens.length - 1].isType = !0;
        return;
      }
      if (_expression.parseIdentifier.call(void 0), _index.match.call(void 0, _types.TokenType.comma) || _index.match.call(void 0, _types.TokenType.braceR)) {
        _base.state.tokens[_base.state.tokens.length - 3].identifierRole = _index.IdentifierRole.ImportAccess, _base.state.tokens[_base.state.tokens.length - 1].identifierRole = _index.IdentifierRole.ImportDeclaration;
        return;
      }
      _expression.parseIdentifier.call(void 0), _base.state.tokens[_base.state.tokens.length - 3].identifierRole = _index.IdentifierRole.ImportAccess, _base.state.tokens[_base.state.tokens.length - 1].identifierRole = _index.IdentifierRole.ImportDeclaration, _base.state.tokens[_base.state.tokens.length - 4].isType = !0, _base.state.tokens[_base.state.tokens.length - 3].isType = !0, _base.state.tokens[_base.state.tokens.length - 2].isType = !0, _base.state.tokens[_base.state.tokens.length - 1].isType = !0;
    }
    exports.tsParseImportSpecifier = tsParseImportSpecifier;
    function tsParseExportSpecifier() {
      if (_expression.parseIdentifier.call(void 0), _index.match.call(void 0, _types.TokenType.comma) || _index.match.call(void 0, _types.TokenType.braceR)) {
        _base.state.tokens[_base.state.tokens.length - 1].identifierRole = _index.IdentifierRole.ExportAccess;
        return;
      }
      if (_expression.parseIdentifier.call(void 0), _index.match.call(void 0, _types.TokenType.comma) || _index.match.call(void 0, _types.TokenType.braceR)) {
        _base.state.tokens[_base.state.tokens.length - 1].identifierRole = _index.IdentifierRole.ExportAccess, _base.state.tokens[_base.state.tokens.length - 2].isType = !0, _base.state.tokens[_base.state.tokens.length - 1].isType = !0;
        return;
      }
      if (_expression.parseIdentifier.call(void 0), _index.match.call(void 0, _types.TokenType.comma) || _index.match.call(void 0, _types.TokenType.braceR)) {
        _base.state.tokens[_base.state.tokens.length - 3].identifierRole = _index.IdentifierRole.ExportAccess;
        return;
      }
      _expression.parseIdentifier.call(void 0), _base.state.tokens[_base.state.tokens.length - 3].identifierRole = _index.IdentifierRole.ExportAccess, _base.state.tokens[_base.state.tokens.length - 4].isType = !0, _base.state.tokens[_base.state.tokens.length - 3].isType = !0, _base.state.tokens[_base.state.tokens.length - 2].isType = !0, _base.state.tokens[_base.state.tokens.length - 1].isType = !0;
    }
    exports.tsParseExportSpecifier = tsParseExportSpecifier;
    function tsTryParseExportDefaultExpression() {
      if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._abstract) && _index.lookaheadType.call(void 0) === _types.TokenType._class)
        return _base.state.type = _types.TokenType._abstract, _index.next.call(void 0), _statement.parseClass.call(void 0, !0, !0), !0;
      if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._interface)) {
        let oldIsType = _index.pushTypeContext.call(void 0, 2);
        return tsParseDeclaration(_keywords.ContextualKeyword._interface, !0), _index.popTypeContext.call(void 0, oldIsType), !0;
      }
      return !1;
    }
    exports.tsTryParseExportDefaultExpression = tsTryParseExportDefaultExpression;
    function tsTryParseStatementContent() {
      if (_base.state.type === _types.TokenType._const) {
        let ahead = _index.lookaheadTypeAndKeyword.call(void 0);
        if (ahead.type === _types.TokenType.name && ahead.contextualKeyword === _keywords.ContextualKeyword._enum)
          return _util.expect.call(void 0, _types.TokenType._const), _util.expectContextual.call(void 0, _keywords.ContextualKeyword._enum), _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._enum, tsParseEnumDeclaration(), !0;
      }
      return !1;
    }
    exports.tsTryParseStatementContent = tsTryParseStatementContent;
    function tsTryParseClassMemberWithIsStatic(isStatic) {
      let memberStartIndexAfterStatic = _base.state.tokens.length;
      tsParseModifiers([
        _keywords.ContextualKeyword._abstract,
        _keywords.ContextualKeyword._readonly,
        _keywords.ContextualKeyword._declare,
        _keywords.ContextualKeyword._static,
        _keywords.ContextualKeyword._override
      ]);
      let modifiersEndIndex = _base.state.tokens.length;
      if (tsTryParseIndexSignature()) {
        let memberStartIndex = isStatic ? memberStartIndexAfterStatic - 1 : memberStartIndexAfterStatic;
        for (let i = memberStartIndex; i < modifiersEndIndex; i++)
          _base.state.tokens[i].isType = !0;
        return !0;
      }
      return !1;
    }
    exports.tsTryParseClassMemberWithIsStatic = tsTryParseClassMemberWithIsStatic;
    function tsParseIdentifierStatement(contextualKeyword) {
      tsParseExpressionStatement(contextualKeyword) || _util.semicolon.call(void 0);
    }
    exports.tsParseIdentifierStatement = tsParseIdentifierStatement;
    function tsParseExportDeclaration() {
      let isDeclare = _util.eatContextual.call(void 0, _keywords.ContextualKeyword._declare);
      isDeclare && (_base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._declare);
      let matchedDeclaration = !1;
      if (_index.match.call(void 0, _types.TokenType.name))
        if (isDeclare) {
          let oldIsType = _index.pushTypeContext.call(void 0, 2);
          matchedDeclaration = tsTryParseExportDeclaration(), _index.popTypeContext.call(void 0, oldIsType);
        } else
          matchedDeclaration = tsTryParseExportDeclaration();
      if (!matchedDeclaration)
        if (isDeclare) {
          let oldIsType = _index.pushTypeContext.call(void 0, 2);
          _statement.parseStatement.call(void 0, !0), _index.popTypeContext.call(void 0, oldIsType);
        } else
          _statement.parseStatement.call(void 0, !0);
    }
    exports.tsParseExportDeclaration = tsParseExportDeclaration;
    function tsAfterParseClassSuper(hasSuper) {
      if (hasSuper && (_index.match.call(void 0, _types.TokenType.lessThan) || _index.match.call(void 0, _types.TokenType.bitShiftL)) && tsParseTypeArgumentsWithPossibleBitshift(), _util.eatContextual.call(void 0, _keywords.ContextualKeyword._implements)) {
        _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._implements;
        let oldIsType = _index.pushTypeContext.call(void 0, 1);
        tsParseHeritageClause(), _index.popTypeContext.call(void 0, oldIsType);
      }
    }
    exports.tsAfterParseClassSuper = tsAfterParseClassSuper;
    function tsStartParseObjPropValue() {
      tsTryParseTypeParameters();
    }
    exports.tsStartParseObjPropValue = tsStartParseObjPropValue;
    function tsStartParseFunctionParams() {
      tsTryParseTypeParameters();
    }
    exports.tsStartParseFunctionParams = tsStartParseFunctionParams;
    function tsAfterParseVarHead() {
      let oldIsType = _index.pushTypeContext.call(void 0, 0);
      _util.hasPrecedingLineBreak.call(void 0) || _index.eat.call(void 0, _types.TokenType.bang), tsTryParseTypeAnnotation(), _index.popTypeContext.call(void 0, oldIsType);
    }
    exports.tsAfterParseVarHead = tsAfterParseVarHead;
    function tsStartParseAsyncArrowFromCallExpression() {
      _index.match.call(void 0, _types.TokenType.colon) && tsParseTypeAnnotation();
    }
    exports.tsStartParseAsyncArrowFromCallExpression = tsStartParseAsyncArrowFromCallExpression;
    function tsParseMaybeAssign(noIn, isWithinParens) {
      return _base.isJSXEnabled ? tsParseMaybeAssignWithJSX(noIn, isWithinParens) : tsParseMaybeAssignWithoutJSX(noIn, isWithinParens);
    }
    exports.tsParseMaybeAssign = tsParseMaybeAssign;
    function tsParseMaybeAssignWithJSX(noIn, isWithinParens) {
      if (!_index.match.call(void 0, _types.TokenType.lessThan))
        return _expression.baseParseMaybeAssign.call(void 0, noIn, isWithinParens);
      let snapshot = _base.state.snapshot(), wasArrow = _expression.baseParseMaybeAssign.call(void 0, noIn, isWithinParens);
      if (_base.state.error)
        _base.state.restoreFromSnapshot(snapshot);
      else
        return wasArrow;
      return _base.state.type = _types.TokenType.typeParameterStart, tsParseTypeParameters(), wasArrow = _expression.baseParseMaybeAssign.call(void 0, noIn, isWithinParens), wasArrow || _util.unexpected.call(void 0), wasArrow;
    }
    exports.tsParseMaybeAssignWithJSX = tsParseMaybeAssignWithJSX;
    function tsParseMaybeAssignWithoutJSX(noIn, isWithinParens) {
      if (!_index.match.call(void 0, _types.TokenType.lessThan))
        return _expression.baseParseMaybeAssign.call(void 0, noIn, isWithinParens);
      let snapshot = _base.state.snapshot();
      tsParseTypeParameters();
      let wasArrow = _expression.baseParseMaybeAssign.call(void 0, noIn, isWithinParens);
      if (wasArrow || _util.unexpected.call(void 0), _base.state.error)
        _base.state.restoreFromSnapshot(snapshot);
      else
        return wasArrow;
      return _expression.baseParseMaybeAssign.call(void 0, noIn, isWithinParens);
    }
    exports.tsParseMaybeAssignWithoutJSX = tsParseMaybeAssignWithoutJSX;
    function tsParseArrow() {
      if (_index.match.call(void 0, _types.TokenType.colon)) {
        let snapshot = _base.state.snapshot();
        tsParseTypeOrTypePredicateAnnotation(_types.TokenType.colon), _util.canInsertSemicolon.call(void 0) && _util.unexpected.call(void 0), _index.match.call(void 0, _types.TokenType.arrow) || _util.unexpected.call(void 0), _base.state.error && _base.state.restoreFromSnapshot(snapshot);
      }
      return _index.eat.call(void 0, _types.TokenType.arrow);
    }
    exports.tsParseArrow = tsParseArrow;
    function tsParseAssignableListItemTypes() {
      let oldIsType = _index.pushTypeContext.call(void 0, 0);
      _index.eat.call(void 0, _types.TokenType.question), tsTryParseTypeAnnotation(), _index.popTypeContext.call(void 0, oldIsType);
    }
    exports.tsParseAssignableListItemTypes = tsParseAssignableListItemTypes;
    function tsParseMaybeDecoratorArguments() {
      (_index.match.call(void 0, _types.TokenType.lessThan) || _index.match.call(void 0, _types.TokenType.bitShiftL)) && tsParseTypeArgumentsWithPossibleBitshift(), _statement.baseParseMaybeDecoratorArguments.call(void 0);
    }
    exports.tsParseMaybeDecoratorArguments = tsParseMaybeDecoratorArguments;
  }
});

// node_modules/sucrase/dist/parser/plugins/jsx/index.js
var require_jsx = __commonJS({
  "node_modules/sucrase/dist/parser/plugins/jsx/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _index = require_tokenizer(), _types = require_types(), _base = require_base(), _expression = require_expression(), _util = require_util(), _charcodes = require_charcodes(), _identifier = require_identifier(), _typescript = require_typescript();
    function jsxReadToken() {
      let sawNewline = !1, sawNonWhitespace = !1;
      for (; ; ) {
        if (_base.state.pos >= _base.input.length) {
          _util.unexpected.call(void 0, "Unterminated JSX contents");
          return;
        }
        let ch = _base.input.charCodeAt(_base.state.pos);
        if (ch === _charcodes.charCodes.lessThan || ch === _charcodes.charCodes.leftCurlyBrace) {
          if (_base.state.pos === _base.state.start) {
            if (ch === _charcodes.charCodes.lessThan) {
              _base.state.pos++, _index.finishToken.call(void 0, _types.TokenType.jsxTagStart);
              return;
            }
            _index.getTokenFromCode.call(void 0, ch);
            return;
          }
          sawNewline && !sawNonWhitespace ? _index.finishToken.call(void 0, _types.TokenType.jsxEmptyText) : _index.finishToken.call(void 0, _types.TokenType.jsxText);
          return;
        }
        ch === _charcodes.charCodes.lineFeed ? sawNewline = !0 : ch !== _charcodes.charCodes.space && ch !== _charcodes.charCodes.carriageReturn && ch !== _charcodes.charCodes.tab && (sawNonWhitespace = !0), _base.state.pos++;
      }
    }
    function jsxReadString(quote) {
      for (_base.state.pos++; ; ) {
        if (_base.state.pos >= _base.input.length) {
          _util.unexpected.call(void 0, "Unterminated string constant");
          return;
        }
        if (_base.input.charCodeAt(_base.state.pos) === quote) {
          _base.state.pos++;
          break;
        }
        _base.state.pos++;
      }
      _index.finishToken.call(void 0, _types.TokenType.string);
    }
    function jsxReadWord() {
      let ch;
      do {
        if (_base.state.pos > _base.input.length) {
          _util.unexpected.call(void 0, "Unexpectedly reached the end of input.");
          return;
        }
        ch = _base.input.charCodeAt(++_base.state.pos);
      } while (_identifier.IS_IDENTIFIER_CHAR[ch] || ch === _charcodes.charCodes.dash);
      _index.finishToken.call(void 0, _types.TokenType.jsxName);
    }
    function jsxParseIdentifier() {
      nextJSXTagToken();
    }
    function jsxParseNamespacedName(identifierRole) {
      if (jsxParseIdentifier(), !_index.eat.call(void 0, _types.TokenType.colon)) {
        _base.state.tokens[_base.state.tokens.length - 1].identifierRole = identifierRole;
        return;
      }
      jsxParseIdentifier();
    }
    function jsxParseElementName() {
      let firstTokenIndex = _base.state.tokens.length;
      jsxParseNamespacedName(_index.IdentifierRole.Access);
      let hadDot = !1;
      for (; _index.match.call(void 0, _types.TokenType.dot); )
        hadDot = !0, nextJSXTagToken(), jsxParseIdentifier();
      if (!hadDot) {
        let firstToken = _base.state.tokens[firstTokenIndex], firstChar = _base.input.charCodeAt(firstToken.start);
        firstChar >= _charcodes.charCodes.lowercaseA && firstChar <= _charcodes.charCodes.lowercaseZ && (firstToken.identifierRole = null);
      }
    }
    function jsxParseAttributeValue() {
      switch (_base.state.type) {
        case _types.TokenType.braceL:
          _index.next.call(void 0), _expression.parseExpression.call(void 0), nextJSXTagToken();
          return;
        case _types.TokenType.jsxTagStart:
          jsxParseElement(), nextJSXTagToken();
          return;
        case _types.TokenType.string:
          nextJSXTagToken();
          return;
        default:
          _util.unexpected.call(void 0, "JSX value should be either an expression or a quoted JSX text");
      }
    }
    function jsxParseSpreadChild() {
      _util.expect.call(void 0, _types.TokenType.ellipsis), _expression.parseExpression.call(void 0);
    }
    function jsxParseOpeningElement(initialTokenIndex) {
      if (_index.match.call(void 0, _types.TokenType.jsxTagEnd))
        return !1;
      jsxParseElementName(), _base.isTypeScriptEnabled && _typescript.tsTryParseJSXTypeArgument.call(void 0);
      let hasSeenPropSpread = !1;
      for (; !_index.match.call(void 0, _types.TokenType.slash) && !_index.match.call(void 0, _types.TokenType.jsxTagEnd) && !_base.state.error; ) {
        if (_index.eat.call(void 0, _types.TokenType.braceL)) {
          hasSeenPropSpread = !0, _util.expect.call(void 0, _types.TokenType.ellipsis), _expression.parseMaybeAssign.call(void 0), nextJSXTagToken();
          continue;
        }
        hasSeenPropSpread && _base.state.end - _base.state.start === 3 && _base.input.charCodeAt(_base.state.start) === _charcodes.charCodes.lowercaseK && _base.input.charCodeAt(_base.state.start + 1) === _charcodes.charCodes.lowercaseE && _base.input.charCodeAt(_base.state.start + 2) === _charcodes.charCodes.lowercaseY && (_base.state.tokens[initialTokenIndex].jsxRole = _index.JSXRole.KeyAfterPropSpread), jsxParseNamespacedName(_index.IdentifierRole.ObjectKey), _index.match.call(void 0, _types.TokenType.eq) && (nextJSXTagToken(), jsxParseAttributeValue());
      }
      let isSelfClosing = _index.match.call(void 0, _types.TokenType.slash);
      return isSelfClosing && nextJSXTagToken(), isSelfClosing;
    }
    function jsxParseClosingElement() {
      _index.match.call(void 0, _types.TokenType.jsxTagEnd) || jsxParseElementName();
    }
    function jsxParseElementAt() {
      let initialTokenIndex = _base.state.tokens.length - 1;
      _base.state.tokens[initialTokenIndex].jsxRole = _index.JSXRole.NoChildren;
      let numExplicitChildren = 0;
      if (!jsxParseOpeningElement(initialTokenIndex))
        for (nextJSXExprToken(); ; )
          switch (_base.state.type) {
            case _types.TokenType.jsxTagStart:
              if (nextJSXTagToken(), _index.match.call(void 0, _types.TokenType.slash)) {
                nextJSXTagToken(), jsxParseClosingElement(), _base.state.tokens[initialTokenIndex].jsxRole !== _index.JSXRole.KeyAfterPropSpread && (numExplicitChildren === 1 ? _base.state.tokens[initialTokenIndex].jsxRole = _index.JSXRole.OneChild : numExplicitChildren > 1 && (_base.state.tokens[initialTokenIndex].jsxRole = _index.JSXRole.StaticChildren));
                return;
              }
              numExplicitChildren++, jsxParseElementAt(), nextJSXExprToken();
              break;
            case _types.TokenType.jsxText:
              numExplicitChildren++, nextJSXExprToken();
              break;
            case _types.TokenType.jsxEmptyText:
              nextJSXExprToken();
              break;
            case _types.TokenType.braceL:
              _index.next.call(void 0), _index.match.call(void 0, _types.TokenType.ellipsis) ? (jsxParseSpreadChild(), nextJSXExprToken(), numExplicitChildren += 2) : (_index.match.call(void 0, _types.TokenType.braceR) || (numExplicitChildren++, _expression.parseExpression.call(void 0)), nextJSXExprToken());
              break;
            // istanbul ignore next - should never happen
            default:
              _util.unexpected.call(void 0);
              return;
          }
    }
    function jsxParseElement() {
      nextJSXTagToken(), jsxParseElementAt();
    }
    exports.jsxParseElement = jsxParseElement;
    function nextJSXTagToken() {
      _base.state.tokens.push(new _index.Token()), _index.skipSpace.call(void 0), _base.state.start = _base.state.pos;
      let code = _base.input.charCodeAt(_base.state.pos);
      if (_identifier.IS_IDENTIFIER_START[code])
        jsxReadWord();
      else if (code === _charcodes.charCodes.quotationMark || code === _charcodes.charCodes.apostrophe)
        jsxReadString(code);
      else
        switch (++_base.state.pos, code) {
          case _charcodes.charCodes.greaterThan:
            _index.finishToken.call(void 0, _types.TokenType.jsxTagEnd);
            break;
          case _charcodes.charCodes.lessThan:
            _index.finishToken.call(void 0, _types.TokenType.jsxTagStart);
            break;
          case _charcodes.charCodes.slash:
            _index.finishToken.call(void 0, _types.TokenType.slash);
            break;
          case _charcodes.charCodes.equalsTo:
            _index.finishToken.call(void 0, _types.TokenType.eq);
            break;
          case _charcodes.charCodes.leftCurlyBrace:
            _index.finishToken.call(void 0, _types.TokenType.braceL);
            break;
          case _charcodes.charCodes.dot:
            _index.finishToken.call(void 0, _types.TokenType.dot);
            break;
          case _charcodes.charCodes.colon:
            _index.finishToken.call(void 0, _types.TokenType.colon);
            break;
          default:
            _util.unexpected.call(void 0);
        }
    }
    exports.nextJSXTagToken = nextJSXTagToken;
    function nextJSXExprToken() {
      _base.state.tokens.push(new _index.Token()), _base.state.start = _base.state.pos, jsxReadToken();
    }
  }
});

// node_modules/sucrase/dist/parser/plugins/types.js
var require_types3 = __commonJS({
  "node_modules/sucrase/dist/parser/plugins/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _index = require_tokenizer(), _types = require_types(), _base = require_base(), _expression = require_expression(), _flow = require_flow(), _typescript = require_typescript();
    function typedParseConditional(noIn) {
      if (_index.match.call(void 0, _types.TokenType.question)) {
        let nextType = _index.lookaheadType.call(void 0);
        if (nextType === _types.TokenType.colon || nextType === _types.TokenType.comma || nextType === _types.TokenType.parenR)
          return;
      }
      _expression.baseParseConditional.call(void 0, noIn);
    }
    exports.typedParseConditional = typedParseConditional;
    function typedParseParenItem() {
      _index.eatTypeToken.call(void 0, _types.TokenType.question), _index.match.call(void 0, _types.TokenType.colon) && (_base.isTypeScriptEnabled ? _typescript.tsParseTypeAnnotation.call(void 0) : _base.isFlowEnabled && _flow.flowParseTypeAnnotation.call(void 0));
    }
    exports.typedParseParenItem = typedParseParenItem;
  }
});

// node_modules/sucrase/dist/parser/traverser/expression.js
var require_expression = __commonJS({
  "node_modules/sucrase/dist/parser/traverser/expression.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _flow = require_flow(), _index = require_jsx(), _types = require_types3(), _typescript = require_typescript(), _index3 = require_tokenizer(), _keywords = require_keywords(), _state = require_state(), _types3 = require_types(), _charcodes = require_charcodes(), _identifier = require_identifier(), _base = require_base(), _lval = require_lval(), _statement = require_statement(), _util = require_util(), StopState = class {
      constructor(stop) {
        this.stop = stop;
      }
    };
    exports.StopState = StopState;
    function parseExpression(noIn = !1) {
      if (parseMaybeAssign(noIn), _index3.match.call(void 0, _types3.TokenType.comma))
        for (; _index3.eat.call(void 0, _types3.TokenType.comma); )
          parseMaybeAssign(noIn);
    }
    exports.parseExpression = parseExpression;
    function parseMaybeAssign(noIn = !1, isWithinParens = !1) {
      return _base.isTypeScriptEnabled ? _typescript.tsParseMaybeAssign.call(void 0, noIn, isWithinParens) : _base.isFlowEnabled ? _flow.flowParseMaybeAssign.call(void 0, noIn, isWithinParens) : baseParseMaybeAssign(noIn, isWithinParens);
    }
    exports.parseMaybeAssign = parseMaybeAssign;
    function baseParseMaybeAssign(noIn, isWithinParens) {
      if (_index3.match.call(void 0, _types3.TokenType._yield))
        return parseYield(), !1;
      (_index3.match.call(void 0, _types3.TokenType.parenL) || _index3.match.call(void 0, _types3.TokenType.name) || _index3.match.call(void 0, _types3.TokenType._yield)) && (_base.state.potentialArrowAt = _base.state.start);
      let wasArrow = parseMaybeConditional(noIn);
      return isWithinParens && parseParenItem(), _base.state.type & _types3.TokenType.IS_ASSIGN ? (_index3.next.call(void 0), parseMaybeAssign(noIn), !1) : wasArrow;
    }
    exports.baseParseMaybeAssign = baseParseMaybeAssign;
    function parseMaybeConditional(noIn) {
      return parseExprOps(noIn) ? !0 : (parseConditional(noIn), !1);
    }
    function parseConditional(noIn) {
      _base.isTypeScriptEnabled || _base.isFlowEnabled ? _types.typedParseConditional.call(void 0, noIn) : baseParseConditional(noIn);
    }
    function baseParseConditional(noIn) {
      _index3.eat.call(void 0, _types3.TokenType.question) && (parseMaybeAssign(), _util.expect.call(void 0, _types3.TokenType.colon), parseMaybeAssign(noIn));
    }
    exports.baseParseConditional = baseParseConditional;
    function parseExprOps(noIn) {
      let startTokenIndex = _base.state.tokens.length;
      return parseMaybeUnary() ? !0 : (parseExprOp(startTokenIndex, -1, noIn), !1);
    }
    function parseExprOp(startTokenIndex, minPrec, noIn) {
      if (_base.isTypeScriptEnabled && (_types3.TokenType._in & _types3.TokenType.PRECEDENCE_MASK) > minPrec && !_util.hasPrecedingLineBreak.call(void 0) && (_util.eatContextual.call(void 0, _keywords.ContextualKeyword._as) || _util.eatContextual.call(void 0, _keywords.ContextualKeyword._satisfies))) {
        let oldIsType = _index3.pushTypeContext.call(void 0, 1);
        _typescript.tsParseType.call(void 0), _index3.popTypeContext.call(void 0, oldIsType), _index3.rescan_gt.call(void 0), parseExprOp(startTokenIndex, minPrec, noIn);
        return;
      }
      let prec = _base.state.type & _types3.TokenType.PRECEDENCE_MASK;
      if (prec > 0 && (!noIn || !_index3.match.call(void 0, _types3.TokenType._in)) && prec > minPrec) {
        let op = _base.state.type;
        _index3.next.call(void 0), op === _types3.TokenType.nullishCoalescing && (_base.state.tokens[_base.state.tokens.length - 1].nullishStartIndex = startTokenIndex);
        let rhsStartTokenIndex = _base.state.tokens.length;
        parseMaybeUnary(), parseExprOp(rhsStartTokenIndex, op & _types3.TokenType.IS_RIGHT_ASSOCIATIVE ? prec - 1 : prec, noIn), op === _types3.TokenType.nullishCoalescing && (_base.state.tokens[startTokenIndex].numNullishCoalesceStarts++, _base.state.tokens[_base.state.tokens.length - 1].numNullishCoalesceEnds++), parseExprOp(startTokenIndex, minPrec, noIn);
      }
    }
    function parseMaybeUnary() {
      if (_base.isTypeScriptEnabled && !_base.isJSXEnabled && _index3.eat.call(void 0, _types3.TokenType.lessThan))
        return _typescript.tsParseTypeAssertion.call(void 0), !1;
      if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._module) && _index3.lookaheadCharCode.call(void 0) === _charcodes.charCodes.leftCurlyBrace && !_util.hasFollowingLineBreak.call(void 0))
        return parseModuleExpression(), !1;
      if (_base.state.type & _types3.TokenType.IS_PREFIX)
        return _index3.next.call(void 0), parseMaybeUnary(), !1;
      if (parseExprSubscripts())
        return !0;
      for (; _base.state.type & _types3.TokenType.IS_POSTFIX && !_util.canInsertSemicolon.call(void 0); )
        _base.state.type === _types3.TokenType.preIncDec && (_base.state.type = _types3.TokenType.postIncDec), _index3.next.call(void 0);
      return !1;
    }
    exports.parseMaybeUnary = parseMaybeUnary;
    function parseExprSubscripts() {
      let startTokenIndex = _base.state.tokens.length;
      return parseExprAtom() ? !0 : (parseSubscripts(startTokenIndex), _base.state.tokens.length > startTokenIndex && _base.state.tokens[startTokenIndex].isOptionalChainStart && (_base.state.tokens[_base.state.tokens.length - 1].isOptionalChainEnd = !0), !1);
    }
    exports.parseExprSubscripts = parseExprSubscripts;
    function parseSubscripts(startTokenIndex, noCalls = !1) {
      _base.isFlowEnabled ? _flow.flowParseSubscripts.call(void 0, startTokenIndex, noCalls) : baseParseSubscripts(startTokenIndex, noCalls);
    }
    function baseParseSubscripts(startTokenIndex, noCalls = !1) {
      let stopState = new StopState(!1);
      do
        parseSubscript(startTokenIndex, noCalls, stopState);
      while (!stopState.stop && !_base.state.error);
    }
    exports.baseParseSubscripts = baseParseSubscripts;
    function parseSubscript(startTokenIndex, noCalls, stopState) {
      _base.isTypeScriptEnabled ? _typescript.tsParseSubscript.call(void 0, startTokenIndex, noCalls, stopState) : _base.isFlowEnabled ? _flow.flowParseSubscript.call(void 0, startTokenIndex, noCalls, stopState) : baseParseSubscript(startTokenIndex, noCalls, stopState);
    }
    function baseParseSubscript(startTokenIndex, noCalls, stopState) {
      if (!noCalls && _index3.eat.call(void 0, _types3.TokenType.doubleColon))
        parseNoCallExpr(), stopState.stop = !0, parseSubscripts(startTokenIndex, noCalls);
      else if (_index3.match.call(void 0, _types3.TokenType.questionDot)) {
        if (_base.state.tokens[startTokenIndex].isOptionalChainStart = !0, noCalls && _index3.lookaheadType.call(void 0) === _types3.TokenType.parenL) {
          stopState.stop = !0;
          return;
        }
        _index3.next.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].subscriptStartIndex = startTokenIndex, _index3.eat.call(void 0, _types3.TokenType.bracketL) ? (parseExpression(), _util.expect.call(void 0, _types3.TokenType.bracketR)) : _index3.eat.call(void 0, _types3.TokenType.parenL) ? parseCallExpressionArguments() : parseMaybePrivateName();
      } else if (_index3.eat.call(void 0, _types3.TokenType.dot))
        _base.state.tokens[_base.state.tokens.length - 1].subscriptStartIndex = startTokenIndex, parseMaybePrivateName();
      else if (_index3.eat.call(void 0, _types3.TokenType.bracketL))
        _base.state.tokens[_base.state.tokens.length - 1].subscriptStartIndex = startTokenIndex, parseExpression(), _util.expect.call(void 0, _types3.TokenType.bracketR);
      else if (!noCalls && _index3.match.call(void 0, _types3.TokenType.parenL))
        if (atPossibleAsync()) {
          let snapshot = _base.state.snapshot(), asyncStartTokenIndex = _base.state.tokens.length;
          _index3.next.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].subscriptStartIndex = startTokenIndex;
          let callContextId = _base.getNextContextId.call(void 0);
          _base.state.tokens[_base.state.tokens.length - 1].contextId = callContextId, parseCallExpressionArguments(), _base.state.tokens[_base.state.tokens.length - 1].contextId = callContextId, shouldParseAsyncArrow() && (_base.state.restoreFromSnapshot(snapshot), stopState.stop = !0, _base.state.scopeDepth++, _statement.parseFunctionParams.call(void 0), parseAsyncArrowFromCallExpression(asyncStartTokenIndex));
        } else {
          _index3.next.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].subscriptStartIndex = startTokenIndex;
          let callContextId = _base.getNextContextId.call(void 0);
          _base.state.tokens[_base.state.tokens.length - 1].contextId = callContextId, parseCallExpressionArguments(), _base.state.tokens[_base.state.tokens.length - 1].contextId = callContextId;
        }
      else _index3.match.call(void 0, _types3.TokenType.backQuote) ? parseTemplate() : stopState.stop = !0;
    }
    exports.baseParseSubscript = baseParseSubscript;
    function atPossibleAsync() {
      return _base.state.tokens[_base.state.tokens.length - 1].contextualKeyword === _keywords.ContextualKeyword._async && !_util.canInsertSemicolon.call(void 0);
    }
    exports.atPossibleAsync = atPossibleAsync;
    function parseCallExpressionArguments() {
      let first = !0;
      for (; !_index3.eat.call(void 0, _types3.TokenType.parenR) && !_base.state.error; ) {
        if (first)
          first = !1;
        else if (_util.expect.call(void 0, _types3.TokenType.comma), _index3.eat.call(void 0, _types3.TokenType.parenR))
          break;
        parseExprListItem(!1);
      }
    }
    exports.parseCallExpressionArguments = parseCallExpressionArguments;
    function shouldParseAsyncArrow() {
      return _index3.match.call(void 0, _types3.TokenType.colon) || _index3.match.call(void 0, _types3.TokenType.arrow);
    }
    function parseAsyncArrowFromCallExpression(startTokenIndex) {
      _base.isTypeScriptEnabled ? _typescript.tsStartParseAsyncArrowFromCallExpression.call(void 0) : _base.isFlowEnabled && _flow.flowStartParseAsyncArrowFromCallExpression.call(void 0), _util.expect.call(void 0, _types3.TokenType.arrow), parseArrowExpression(startTokenIndex);
    }
    function parseNoCallExpr() {
      let startTokenIndex = _base.state.tokens.length;
      parseExprAtom(), parseSubscripts(startTokenIndex, !0);
    }
    function parseExprAtom() {
      if (_index3.eat.call(void 0, _types3.TokenType.modulo))
        return parseIdentifier(), !1;
      if (_index3.match.call(void 0, _types3.TokenType.jsxText) || _index3.match.call(void 0, _types3.TokenType.jsxEmptyText))
        return parseLiteral(), !1;
      if (_index3.match.call(void 0, _types3.TokenType.lessThan) && _base.isJSXEnabled)
        return _base.state.type = _types3.TokenType.jsxTagStart, _index.jsxParseElement.call(void 0), _index3.next.call(void 0), !1;
      let canBeArrow = _base.state.potentialArrowAt === _base.state.start;
      switch (_base.state.type) {
        case _types3.TokenType.slash:
        case _types3.TokenType.assign:
          _index3.retokenizeSlashAsRegex.call(void 0);
        // Fall through.
        case _types3.TokenType._super:
        case _types3.TokenType._this:
        case _types3.TokenType.regexp:
        case _types3.TokenType.num:
        case _types3.TokenType.bigint:
        case _types3.TokenType.decimal:
        case _types3.TokenType.string:
        case _types3.TokenType._null:
        case _types3.TokenType._true:
        case _types3.TokenType._false:
          return _index3.next.call(void 0), !1;
        case _types3.TokenType._import:
          return _index3.next.call(void 0), _index3.match.call(void 0, _types3.TokenType.dot) && (_base.state.tokens[_base.state.tokens.length - 1].type = _types3.TokenType.name, _index3.next.call(void 0), parseIdentifier()), !1;
        case _types3.TokenType.name: {
          let startTokenIndex = _base.state.tokens.length, functionStart = _base.state.start, contextualKeyword = _base.state.contextualKeyword;
          return parseIdentifier(), contextualKeyword === _keywords.ContextualKeyword._await ? (parseAwait(), !1) : contextualKeyword === _keywords.ContextualKeyword._async && _index3.match.call(void 0, _types3.TokenType._function) && !_util.canInsertSemicolon.call(void 0) ? (_index3.next.call(void 0), _statement.parseFunction.call(void 0, functionStart, !1), !1) : canBeArrow && contextualKeyword === _keywords.ContextualKeyword._async && !_util.canInsertSemicolon.call(void 0) && _index3.match.call(void 0, _types3.TokenType.name) ? (_base.state.scopeDepth++, _lval.parseBindingIdentifier.call(void 0, !1), _util.expect.call(void 0, _types3.TokenType.arrow), parseArrowExpression(startTokenIndex), !0) : _index3.match.call(void 0, _types3.TokenType._do) && !_util.canInsertSemicolon.call(void 0) ? (_index3.next.call(void 0), _statement.parseBlock.call(void 0), !1) : canBeArrow && !_util.canInsertSemicolon.call(void 0) && _index3.match.call(void 0, _types3.TokenType.arrow) ? (_base.state.scopeDepth++, _lval.markPriorBindingIdentifier.call(void 0, !1), _util.expect.call(void 0, _types3.TokenType.arrow), parseArrowExpression(startTokenIndex), !0) : (_base.state.tokens[_base.state.tokens.length - 1].identifierRole = _index3.IdentifierRole.Access, !1);
        }
        case _types3.TokenType._do:
          return _index3.next.call(void 0), _statement.parseBlock.call(void 0), !1;
        case _types3.TokenType.parenL:
          return parseParenAndDistinguishExpression(canBeArrow);
        case _types3.TokenType.bracketL:
          return _index3.next.call(void 0), parseExprList(_types3.TokenType.bracketR, !0), !1;
        case _types3.TokenType.braceL:
          return parseObj(!1, !1), !1;
        case _types3.TokenType._function:
          return parseFunctionExpression(), !1;
        case _types3.TokenType.at:
          _statement.parseDecorators.call(void 0);
        // Fall through.
        case _types3.TokenType._class:
          return _statement.parseClass.call(void 0, !1), !1;
        case _types3.TokenType._new:
          return parseNew(), !1;
        case _types3.TokenType.backQuote:
          return parseTemplate(), !1;
        case _types3.TokenType.doubleColon:
          return _index3.next.call(void 0), parseNoCallExpr(), !1;
        case _types3.TokenType.hash: {
          let code = _index3.lookaheadCharCode.call(void 0);
          return _identifier.IS_IDENTIFIER_START[code] || code === _charcodes.charCodes.backslash ? parseMaybePrivateName() : _index3.next.call(void 0), !1;
        }
        default:
          return _util.unexpected.call(void 0), !1;
      }
    }
    exports.parseExprAtom = parseExprAtom;
    function parseMaybePrivateName() {
      _index3.eat.call(void 0, _types3.TokenType.hash), parseIdentifier();
    }
    function parseFunctionExpression() {
      let functionStart = _base.state.start;
      parseIdentifier(), _index3.eat.call(void 0, _types3.TokenType.dot) && parseIdentifier(), _statement.parseFunction.call(void 0, functionStart, !1);
    }
    function parseLiteral() {
      _index3.next.call(void 0);
    }
    exports.parseLiteral = parseLiteral;
    function parseParenExpression() {
      _util.expect.call(void 0, _types3.TokenType.parenL), parseExpression(), _util.expect.call(void 0, _types3.TokenType.parenR);
    }
    exports.parseParenExpression = parseParenExpression;
    function parseParenAndDistinguishExpression(canBeArrow) {
      let snapshot = _base.state.snapshot(), startTokenIndex = _base.state.tokens.length;
      _util.expect.call(void 0, _types3.TokenType.parenL);
      let first = !0;
      for (; !_index3.match.call(void 0, _types3.TokenType.parenR) && !_base.state.error; ) {
        if (first)
          first = !1;
        else if (_util.expect.call(void 0, _types3.TokenType.comma), _index3.match.call(void 0, _types3.TokenType.parenR))
          break;
        if (_index3.match.call(void 0, _types3.TokenType.ellipsis)) {
          _lval.parseRest.call(
            void 0,
            !1
            /* isBlockScope */
          ), parseParenItem();
          break;
        } else
          parseMaybeAssign(!1, !0);
      }
      return _util.expect.call(void 0, _types3.TokenType.parenR), canBeArrow && shouldParseArrow() && parseArrow() ? (_base.state.restoreFromSnapshot(snapshot), _base.state.scopeDepth++, _statement.parseFunctionParams.call(void 0), parseArrow(), parseArrowExpression(startTokenIndex), _base.state.error ? (_base.state.restoreFromSnapshot(snapshot), parseParenAndDistinguishExpression(!1), !1) : !0) : !1;
    }
    function shouldParseArrow() {
      return _index3.match.call(void 0, _types3.TokenType.colon) || !_util.canInsertSemicolon.call(void 0);
    }
    function parseArrow() {
      return _base.isTypeScriptEnabled ? _typescript.tsParseArrow.call(void 0) : _base.isFlowEnabled ? _flow.flowParseArrow.call(void 0) : _index3.eat.call(void 0, _types3.TokenType.arrow);
    }
    exports.parseArrow = parseArrow;
    function parseParenItem() {
      (_base.isTypeScriptEnabled || _base.isFlowEnabled) && _types.typedParseParenItem.call(void 0);
    }
    function parseNew() {
      if (_util.expect.call(void 0, _types3.TokenType._new), _index3.eat.call(void 0, _types3.TokenType.dot)) {
        parseIdentifier();
        return;
      }
      parseNewCallee(), _base.isFlowEnabled && _flow.flowStartParseNewArguments.call(void 0), _index3.eat.call(void 0, _types3.TokenType.parenL) && parseExprList(_types3.TokenType.parenR);
    }
    function parseNewCallee() {
      parseNoCallExpr(), _index3.eat.call(void 0, _types3.TokenType.questionDot);
    }
    function parseTemplate() {
      for (_index3.nextTemplateToken.call(void 0), _index3.nextTemplateToken.call(void 0); !_index3.match.call(void 0, _types3.TokenType.backQuote) && !_base.state.error; )
        _util.expect.call(void 0, _types3.TokenType.dollarBraceL), parseExpression(), _index3.nextTemplateToken.call(void 0), _index3.nextTemplateToken.call(void 0);
      _index3.next.call(void 0);
    }
    exports.parseTemplate = parseTemplate;
    function parseObj(isPattern, isBlockScope) {
      let contextId = _base.getNextContextId.call(void 0), first = !0;
      for (_index3.next.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].contextId = contextId; !_index3.eat.call(void 0, _types3.TokenType.braceR) && !_base.state.error; ) {
        if (first)
          first = !1;
        else if (_util.expect.call(void 0, _types3.TokenType.comma), _index3.eat.call(void 0, _types3.TokenType.braceR))
          break;
        let isGenerator = !1;
        if (_index3.match.call(void 0, _types3.TokenType.ellipsis)) {
          let previousIndex = _base.state.tokens.length;
          if (_lval.parseSpread.call(void 0), isPattern && (_base.state.tokens.length === previousIndex + 2 && _lval.markPriorBindingIdentifier.call(void 0, isBlockScope), _index3.eat.call(void 0, _types3.TokenType.braceR)))
            break;
          continue;
        }
        isPattern || (isGenerator = _index3.eat.call(void 0, _types3.TokenType.star)), !isPattern && _util.isContextual.call(void 0, _keywords.ContextualKeyword._async) ? (isGenerator && _util.unexpected.call(void 0), parseIdentifier(), _index3.match.call(void 0, _types3.TokenType.colon) || _index3.match.call(void 0, _types3.TokenType.parenL) || _index3.match.call(void 0, _types3.TokenType.braceR) || _index3.match.call(void 0, _types3.TokenType.eq) || _index3.match.call(void 0, _types3.TokenType.comma) || (_index3.match.call(void 0, _types3.TokenType.star) && (_index3.next.call(void 0), isGenerator = !0), parsePropertyName(contextId))) : parsePropertyName(contextId), parseObjPropValue(isPattern, isBlockScope, contextId);
      }
      _base.state.tokens[_base.state.tokens.length - 1].contextId = contextId;
    }
    exports.parseObj = parseObj;
    function isGetterOrSetterMethod(isPattern) {
      return !isPattern && (_index3.match.call(void 0, _types3.TokenType.string) || // get "string"() {}
      _index3.match.call(void 0, _types3.TokenType.num) || // get 1() {}
      _index3.match.call(void 0, _types3.TokenType.bracketL) || // get ["string"]() {}
      _index3.match.call(void 0, _types3.TokenType.name) || // get foo() {}
      !!(_base.state.type & _types3.TokenType.IS_KEYWORD));
    }
    function parseObjectMethod(isPattern, objectContextId) {
      let functionStart = _base.state.start;
      return _index3.match.call(void 0, _types3.TokenType.parenL) ? (isPattern && _util.unexpected.call(void 0), parseMethod(
        functionStart,
        /* isConstructor */
        !1
      ), !0) : isGetterOrSetterMethod(isPattern) ? (parsePropertyName(objectContextId), parseMethod(
        functionStart,
        /* isConstructor */
        !1
      ), !0) : !1;
    }
    function parseObjectProperty(isPattern, isBlockScope) {
      if (_index3.eat.call(void 0, _types3.TokenType.colon)) {
        isPattern ? _lval.parseMaybeDefault.call(void 0, isBlockScope) : parseMaybeAssign(!1);
        return;
      }
      let identifierRole;
      isPattern ? _base.state.scopeDepth === 0 ? identifierRole = _index3.IdentifierRole.ObjectShorthandTopLevelDeclaration : isBlockScope ? identifierRole = _index3.IdentifierRole.ObjectShorthandBlockScopedDeclaration : identifierRole = _index3.IdentifierRole.ObjectShorthandFunctionScopedDeclaration : identifierRole = _index3.IdentifierRole.ObjectShorthand, _base.state.tokens[_base.state.tokens.length - 1].identifierRole = identifierRole, _lval.parseMaybeDefault.call(void 0, isBlockScope, !0);
    }
    function parseObjPropValue(isPattern, isBlockScope, objectContextId) {
      _base.isTypeScriptEnabled ? _typescript.tsStartParseObjPropValue.call(void 0) : _base.isFlowEnabled && _flow.flowStartParseObjPropValue.call(void 0), parseObjectMethod(isPattern, objectContextId) || parseObjectProperty(isPattern, isBlockScope);
    }
    function parsePropertyName(objectContextId) {
      _base.isFlowEnabled && _flow.flowParseVariance.call(void 0), _index3.eat.call(void 0, _types3.TokenType.bracketL) ? (_base.state.tokens[_base.state.tokens.length - 1].contextId = objectContextId, parseMaybeAssign(), _util.expect.call(void 0, _types3.TokenType.bracketR), _base.state.tokens[_base.state.tokens.length - 1].contextId = objectContextId) : (_index3.match.call(void 0, _types3.TokenType.num) || _index3.match.call(void 0, _types3.TokenType.string) || _index3.match.call(void 0, _types3.TokenType.bigint) || _index3.match.call(void 0, _types3.TokenType.decimal) ? parseExprAtom() : parseMaybePrivateName(), _base.state.tokens[_base.state.tokens.length - 1].identifierRole = _index3.IdentifierRole.ObjectKey, _base.state.tokens[_base.state.tokens.length - 1].contextId = objectContextId);
    }
    exports.parsePropertyName = parsePropertyName;
    function parseMethod(functionStart, isConstructor) {
      let funcContextId = _base.getNextContextId.call(void 0);
      _base.state.scopeDepth++;
      let startTokenIndex = _base.state.tokens.length, allowModifiers = isConstructor;
      _statement.parseFunctionParams.call(void 0, allowModifiers, funcContextId), parseFunctionBodyAndFinish(functionStart, funcContextId);
      let endTokenIndex = _base.state.tokens.length;
      _base.state.scopes.push(new _state.Scope(startTokenIndex, endTokenIndex, !0)), _base.state.scopeDepth--;
    }
    exports.parseMethod = parseMethod;
    function parseArrowExpression(startTokenIndex) {
      parseFunctionBody(!0);
      let endTokenIndex = _base.state.tokens.length;
      _base.state.scopes.push(new _state.Scope(startTokenIndex, endTokenIndex, !0)), _base.state.scopeDepth--;
    }
    exports.parseArrowExpression = parseArrowExpression;
    function parseFunctionBodyAndFinish(functionStart, funcContextId = 0) {
      _base.isTypeScriptEnabled ? _typescript.tsParseFunctionBodyAndFinish.call(void 0, functionStart, funcContextId) : _base.isFlowEnabled ? _flow.flowParseFunctionBodyAndFinish.call(void 0, funcContextId) : parseFunctionBody(!1, funcContextId);
    }
    exports.parseFunctionBodyAndFinish = parseFunctionBodyAndFinish;
    function parseFunctionBody(allowExpression, funcContextId = 0) {
      allowExpression && !_index3.match.call(void 0, _types3.TokenType.braceL) ? parseMaybeAssign() : _statement.parseBlock.call(void 0, !0, funcContextId);
    }
    exports.parseFunctionBody = parseFunctionBody;
    function parseExprList(close, allowEmpty = !1) {
      let first = !0;
      for (; !_index3.eat.call(void 0, close) && !_base.state.error; ) {
        if (first)
          first = !1;
        else if (_util.expect.call(void 0, _types3.TokenType.comma), _index3.eat.call(void 0, close)) break;
        parseExprListItem(allowEmpty);
      }
    }
    function parseExprListItem(allowEmpty) {
      allowEmpty && _index3.match.call(void 0, _types3.TokenType.comma) || (_index3.match.call(void 0, _types3.TokenType.ellipsis) ? (_lval.parseSpread.call(void 0), parseParenItem()) : _index3.match.call(void 0, _types3.TokenType.question) ? _index3.next.call(void 0) : parseMaybeAssign(!1, !0));
    }
    function parseIdentifier() {
      _index3.next.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].type = _types3.TokenType.name;
    }
    exports.parseIdentifier = parseIdentifier;
    function parseAwait() {
      parseMaybeUnary();
    }
    function parseYield() {
      _index3.next.call(void 0), !_index3.match.call(void 0, _types3.TokenType.semi) && !_util.canInsertSemicolon.call(void 0) && (_index3.eat.call(void 0, _types3.TokenType.star), parseMaybeAssign());
    }
    function parseModuleExpression() {
      _util.expectContextual.call(void 0, _keywords.ContextualKeyword._module), _util.expect.call(void 0, _types3.TokenType.braceL), _statement.parseBlockBody.call(void 0, _types3.TokenType.braceR);
    }
  }
});

// node_modules/sucrase/dist/parser/plugins/flow.js
var require_flow = __commonJS({
  "node_modules/sucrase/dist/parser/plugins/flow.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _index = require_tokenizer(), _keywords = require_keywords(), _types = require_types(), _base = require_base(), _expression = require_expression(), _statement = require_statement(), _util = require_util();
    function isMaybeDefaultImport(lookahead) {
      return (lookahead.type === _types.TokenType.name || !!(lookahead.type & _types.TokenType.IS_KEYWORD)) && lookahead.contextualKeyword !== _keywords.ContextualKeyword._from;
    }
    function flowParseTypeInitialiser(tok) {
      let oldIsType = _index.pushTypeContext.call(void 0, 0);
      _util.expect.call(void 0, tok || _types.TokenType.colon), flowParseType(), _index.popTypeContext.call(void 0, oldIsType);
    }
    function flowParsePredicate() {
      _util.expect.call(void 0, _types.TokenType.modulo), _util.expectContextual.call(void 0, _keywords.ContextualKeyword._checks), _index.eat.call(void 0, _types.TokenType.parenL) && (_expression.parseExpression.call(void 0), _util.expect.call(void 0, _types.TokenType.parenR));
    }
    function flowParseTypeAndPredicateInitialiser() {
      let oldIsType = _index.pushTypeContext.call(void 0, 0);
      _util.expect.call(void 0, _types.TokenType.colon), _index.match.call(void 0, _types.TokenType.modulo) ? flowParsePredicate() : (flowParseType(), _index.match.call(void 0, _types.TokenType.modulo) && flowParsePredicate()), _index.popTypeContext.call(void 0, oldIsType);
    }
    function flowParseDeclareClass() {
      _index.next.call(void 0), flowParseInterfaceish(
        /* isClass */
        !0
      );
    }
    function flowParseDeclareFunction() {
      _index.next.call(void 0), _expression.parseIdentifier.call(void 0), _index.match.call(void 0, _types.TokenType.lessThan) && flowParseTypeParameterDeclaration(), _util.expect.call(void 0, _types.TokenType.parenL), flowParseFunctionTypeParams(), _util.expect.call(void 0, _types.TokenType.parenR), flowParseTypeAndPredicateInitialiser(), _util.semicolon.call(void 0);
    }
    function flowParseDeclare() {
      _index.match.call(void 0, _types.TokenType._class) ? flowParseDeclareClass() : _index.match.call(void 0, _types.TokenType._function) ? flowParseDeclareFunction() : _index.match.call(void 0, _types.TokenType._var) ? flowParseDeclareVariable() : _util.eatContextual.call(void 0, _keywords.ContextualKeyword._module) ? _index.eat.call(void 0, _types.TokenType.dot) ? flowParseDeclareModuleExports() : flowParseDeclareModule() : _util.isContextual.call(void 0, _keywords.ContextualKeyword._type) ? flowParseDeclareTypeAlias() : _util.isContextual.call(void 0, _keywords.ContextualKeyword._opaque) ? flowParseDeclareOpaqueType() : _util.isContextual.call(void 0, _keywords.ContextualKeyword._interface) ? flowParseDeclareInterface() : _index.match.call(void 0, _types.TokenType._export) ? flowParseDeclareExportDeclaration() : _util.unexpected.call(void 0);
    }
    function flowParseDeclareVariable() {
      _index.next.call(void 0), flowParseTypeAnnotatableIdentifier(), _util.semicolon.call(void 0);
    }
    function flowParseDeclareModule() {
      for (_index.match.call(void 0, _types.TokenType.string) ? _expression.parseExprAtom.call(void 0) : _expression.parseIdentifier.call(void 0), _util.expect.call(void 0, _types.TokenType.braceL); !_index.match.call(void 0, _types.TokenType.braceR) && !_base.state.error; )
        _index.match.call(void 0, _types.TokenType._import) ? (_index.next.call(void 0), _statement.parseImport.call(void 0)) : _util.unexpected.call(void 0);
      _util.expect.call(void 0, _types.TokenType.braceR);
    }
    function flowParseDeclareExportDeclaration() {
      _util.expect.call(void 0, _types.TokenType._export), _index.eat.call(void 0, _types.TokenType._default) ? _index.match.call(void 0, _types.TokenType._function) || _index.match.call(void 0, _types.TokenType._class) ? flowParseDeclare() : (flowParseType(), _util.semicolon.call(void 0)) : _index.match.call(void 0, _types.TokenType._var) || // declare export var ...
      _index.match.call(void 0, _types.TokenType._function) || // declare export function ...
      _index.match.call(void 0, _types.TokenType._class) || // declare export class ...
      _util.isContextual.call(void 0, _keywords.ContextualKeyword._opaque) ? flowParseDeclare() : _index.match.call(void 0, _types.TokenType.star) || // declare export * from ''
      _index.match.call(void 0, _types.TokenType.braceL) || // declare export {} ...
      _util.isContextual.call(void 0, _keywords.ContextualKeyword._interface) || // declare export interface ...
      _util.isContextual.call(void 0, _keywords.ContextualKeyword._type) || // declare export type ...
      _util.isContextual.call(void 0, _keywords.ContextualKeyword._opaque) ? _statement.parseExport.call(void 0) : _util.unexpected.call(void 0);
    }
    function flowParseDeclareModuleExports() {
      _util.expectContextual.call(void 0, _keywords.ContextualKeyword._exports), flowParseTypeAnnotation(), _util.semicolon.call(void 0);
    }
    function flowParseDeclareTypeAlias() {
      _index.next.call(void 0), flowParseTypeAlias();
    }
    function flowParseDeclareOpaqueType() {
      _index.next.call(void 0), flowParseOpaqueType(!0);
    }
    function flowParseDeclareInterface() {
      _index.next.call(void 0), flowParseInterfaceish();
    }
    function flowParseInterfaceish(isClass = !1) {
      if (flowParseRestrictedIdentifier(), _index.match.call(void 0, _types.TokenType.lessThan) && flowParseTypeParameterDeclaration(), _index.eat.call(void 0, _types.TokenType._extends))
        do
          flowParseInterfaceExtends();
        while (!isClass && _index.eat.call(void 0, _types.TokenType.comma));
      if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._mixins)) {
        _index.next.call(void 0);
        do
          flowParseInterfaceExtends();
        while (_index.eat.call(void 0, _types.TokenType.comma));
      }
      if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._implements)) {
        _index.next.call(void 0);
        do
          flowParseInterfaceExtends();
        while (_index.eat.call(void 0, _types.TokenType.comma));
      }
      flowParseObjectType(isClass, !1, isClass);
    }
    function flowParseInterfaceExtends() {
      flowParseQualifiedTypeIdentifier(!1), _index.match.call(void 0, _types.TokenType.lessThan) && flowParseTypeParameterInstantiation();
    }
    function flowParseInterface() {
      flowParseInterfaceish();
    }
    function flowParseRestrictedIdentifier() {
      _expression.parseIdentifier.call(void 0);
    }
    function flowParseTypeAlias() {
      flowParseRestrictedIdentifier(), _index.match.call(void 0, _types.TokenType.lessThan) && flowParseTypeParameterDeclaration(), flowParseTypeInitialiser(_types.TokenType.eq), _util.semicolon.call(void 0);
    }
    function flowParseOpaqueType(declare) {
      _util.expectContextual.call(void 0, _keywords.ContextualKeyword._type), flowParseRestrictedIdentifier(), _index.match.call(void 0, _types.TokenType.lessThan) && flowParseTypeParameterDeclaration(), _index.match.call(void 0, _types.TokenType.colon) && flowParseTypeInitialiser(_types.TokenType.colon), declare || flowParseTypeInitialiser(_types.TokenType.eq), _util.semicolon.call(void 0);
    }
    function flowParseTypeParameter() {
      flowParseVariance(), flowParseTypeAnnotatableIdentifier(), _index.eat.call(void 0, _types.TokenType.eq) && flowParseType();
    }
    function flowParseTypeParameterDeclaration() {
      let oldIsType = _index.pushTypeContext.call(void 0, 0);
      _index.match.call(void 0, _types.TokenType.lessThan) || _index.match.call(void 0, _types.TokenType.typeParameterStart) ? _index.next.call(void 0) : _util.unexpected.call(void 0);
      do
        flowParseTypeParameter(), _index.match.call(void 0, _types.TokenType.greaterThan) || _util.expect.call(void 0, _types.TokenType.comma);
      while (!_index.match.call(void 0, _types.TokenType.greaterThan) && !_base.state.error);
      _util.expect.call(void 0, _types.TokenType.greaterThan), _index.popTypeContext.call(void 0, oldIsType);
    }
    exports.flowParseTypeParameterDeclaration = flowParseTypeParameterDeclaration;
    function flowParseTypeParameterInstantiation() {
      let oldIsType = _index.pushTypeContext.call(void 0, 0);
      for (_util.expect.call(void 0, _types.TokenType.lessThan); !_index.match.call(void 0, _types.TokenType.greaterThan) && !_base.state.error; )
        flowParseType(), _index.match.call(void 0, _types.TokenType.greaterThan) || _util.expect.call(void 0, _types.TokenType.comma);
      _util.expect.call(void 0, _types.TokenType.greaterThan), _index.popTypeContext.call(void 0, oldIsType);
    }
    function flowParseInterfaceType() {
      if (_util.expectContextual.call(void 0, _keywords.ContextualKeyword._interface), _index.eat.call(void 0, _types.TokenType._extends))
        do
          flowParseInterfaceExtends();
        while (_index.eat.call(void 0, _types.TokenType.comma));
      flowParseObjectType(!1, !1, !1);
    }
    function flowParseObjectPropertyKey() {
      _index.match.call(void 0, _types.TokenType.num) || _index.match.call(void 0, _types.TokenType.string) ? _expression.parseExprAtom.call(void 0) : _expression.parseIdentifier.call(void 0);
    }
    function flowParseObjectTypeIndexer() {
      _index.lookaheadType.call(void 0) === _types.TokenType.colon ? (flowParseObjectPropertyKey(), flowParseTypeInitialiser()) : flowParseType(), _util.expect.call(void 0, _types.TokenType.bracketR), flowParseTypeInitialiser();
    }
    function flowParseObjectTypeInternalSlot() {
      flowParseObjectPropertyKey(), _util.expect.call(void 0, _types.TokenType.bracketR), _util.expect.call(void 0, _types.TokenType.bracketR), _index.match.call(void 0, _types.TokenType.lessThan) || _index.match.call(void 0, _types.TokenType.parenL) ? flowParseObjectTypeMethodish() : (_index.eat.call(void 0, _types.TokenType.question), flowParseTypeInitialiser());
    }
    function flowParseObjectTypeMethodish() {
      for (_index.match.call(void 0, _types.TokenType.lessThan) && flowParseTypeParameterDeclaration(), _util.expect.call(void 0, _types.TokenType.parenL); !_index.match.call(void 0, _types.TokenType.parenR) && !_index.match.call(void 0, _types.TokenType.ellipsis) && !_base.state.error; )
        flowParseFunctionTypeParam(), _index.match.call(void 0, _types.TokenType.parenR) || _util.expect.call(void 0, _types.TokenType.comma);
      _index.eat.call(void 0, _types.TokenType.ellipsis) && flowParseFunctionTypeParam(), _util.expect.call(void 0, _types.TokenType.parenR), flowParseTypeInitialiser();
    }
    function flowParseObjectTypeCallProperty() {
      flowParseObjectTypeMethodish();
    }
    function flowParseObjectType(allowStatic, allowExact, allowProto) {
      let endDelim;
      for (allowExact && _index.match.call(void 0, _types.TokenType.braceBarL) ? (_util.expect.call(void 0, _types.TokenType.braceBarL), endDelim = _types.TokenType.braceBarR) : (_util.expect.call(void 0, _types.TokenType.braceL), endDelim = _types.TokenType.braceR); !_index.match.call(void 0, endDelim) && !_base.state.error; ) {
        if (allowProto && _util.isContextual.call(void 0, _keywords.ContextualKeyword._proto)) {
          let lookahead = _index.lookaheadType.call(void 0);
          lookahead !== _types.TokenType.colon && lookahead !== _types.TokenType.question && (_index.next.call(void 0), allowStatic = !1);
        }
        if (allowStatic && _util.isContextual.call(void 0, _keywords.ContextualKeyword._static)) {
          let lookahead = _index.lookaheadType.call(void 0);
          lookahead !== _types.TokenType.colon && lookahead !== _types.TokenType.question && _index.next.call(void 0);
        }
        if (flowParseVariance(), _index.eat.call(void 0, _types.TokenType.bracketL))
          _index.eat.call(void 0, _types.TokenType.bracketL) ? flowParseObjectTypeInternalSlot() : flowParseObjectTypeIndexer();
        else if (_index.match.call(void 0, _types.TokenType.parenL) || _index.match.call(void 0, _types.TokenType.lessThan))
          flowParseObjectTypeCallProperty();
        else {
          if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._get) || _util.isContextual.call(void 0, _keywords.ContextualKeyword._set)) {
            let lookahead = _index.lookaheadType.call(void 0);
            (lookahead === _types.TokenType.name || lookahead === _types.TokenType.string || lookahead === _types.TokenType.num) && _index.next.call(void 0);
          }
          flowParseObjectTypeProperty();
        }
        flowObjectTypeSemicolon();
      }
      _util.expect.call(void 0, endDelim);
    }
    function flowParseObjectTypeProperty() {
      if (_index.match.call(void 0, _types.TokenType.ellipsis)) {
        if (_util.expect.call(void 0, _types.TokenType.ellipsis), _index.eat.call(void 0, _types.TokenType.comma) || _index.eat.call(void 0, _types.TokenType.semi), _index.match.call(void 0, _types.TokenType.braceR))
          return;
        flowParseType();
      } else
        flowParseObjectPropertyKey(), _index.match.call(void 0, _types.TokenType.lessThan) || _index.match.call(void 0, _types.TokenType.parenL) ? flowParseObjectTypeMethodish() : (_index.eat.call(void 0, _types.TokenType.question), flowParseTypeInitialiser());
    }
    function flowObjectTypeSemicolon() {
      !_index.eat.call(void 0, _types.TokenType.semi) && !_index.eat.call(void 0, _types.TokenType.comma) && !_index.match.call(void 0, _types.TokenType.braceR) && !_index.match.call(void 0, _types.TokenType.braceBarR) && _util.unexpected.call(void 0);
    }
    function flowParseQualifiedTypeIdentifier(initialIdAlreadyParsed) {
      for (initialIdAlreadyParsed || _expression.parseIdentifier.call(void 0); _index.eat.call(void 0, _types.TokenType.dot); )
        _expression.parseIdentifier.call(void 0);
    }
    function flowParseGenericType() {
      flowParseQualifiedTypeIdentifier(!0), _index.match.call(void 0, _types.TokenType.lessThan) && flowParseTypeParameterInstantiation();
    }
    function flowParseTypeofType() {
      _util.expect.call(void 0, _types.TokenType._typeof), flowParsePrimaryType();
    }
    function flowParseTupleType() {
      for (_util.expect.call(void 0, _types.TokenType.bracketL); _base.state.pos < _base.input.length && !_index.match.call(void 0, _types.TokenType.bracketR) && (flowParseType(), !_index.match.call(void 0, _types.TokenType.bracketR)); )
        _util.expect.call(void 0, _types.TokenType.comma);
      _util.expect.call(void 0, _types.TokenType.bracketR);
    }
    function flowParseFunctionTypeParam() {
      let lookahead = _index.lookaheadType.call(void 0);
      lookahead === _types.TokenType.colon || lookahead === _types.TokenType.question ? (_expression.parseIdentifier.call(void 0), _index.eat.call(void 0, _types.TokenType.question), flowParseTypeInitialiser()) : flowParseType();
    }
    function flowParseFunctionTypeParams() {
      for (; !_index.match.call(void 0, _types.TokenType.parenR) && !_index.match.call(void 0, _types.TokenType.ellipsis) && !_base.state.error; )
        flowParseFunctionTypeParam(), _index.match.call(void 0, _types.TokenType.parenR) || _util.expect.call(void 0, _types.TokenType.comma);
      _index.eat.call(void 0, _types.TokenType.ellipsis) && flowParseFunctionTypeParam();
    }
    function flowParsePrimaryType() {
      let isGroupedType = !1, oldNoAnonFunctionType = _base.state.noAnonFunctionType;
      switch (_base.state.type) {
        case _types.TokenType.name: {
          if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._interface)) {
            flowParseInterfaceType();
            return;
          }
          _expression.parseIdentifier.call(void 0), flowParseGenericType();
          return;
        }
        case _types.TokenType.braceL:
          flowParseObjectType(!1, !1, !1);
          return;
        case _types.TokenType.braceBarL:
          flowParseObjectType(!1, !0, !1);
          return;
        case _types.TokenType.bracketL:
          flowParseTupleType();
          return;
        case _types.TokenType.lessThan:
          flowParseTypeParameterDeclaration(), _util.expect.call(void 0, _types.TokenType.parenL), flowParseFunctionTypeParams(), _util.expect.call(void 0, _types.TokenType.parenR), _util.expect.call(void 0, _types.TokenType.arrow), flowParseType();
          return;
        case _types.TokenType.parenL:
          if (_index.next.call(void 0), !_index.match.call(void 0, _types.TokenType.parenR) && !_index.match.call(void 0, _types.TokenType.ellipsis))
            if (_index.match.call(void 0, _types.TokenType.name)) {
              let token = _index.lookaheadType.call(void 0);
              isGroupedType = token !== _types.TokenType.question && token !== _types.TokenType.colon;
            } else
              isGroupedType = !0;
          if (isGroupedType)
            if (_base.state.noAnonFunctionType = !1, flowParseType(), _base.state.noAnonFunctionType = oldNoAnonFunctionType, _base.state.noAnonFunctionType || !(_index.match.call(void 0, _types.TokenType.comma) || _index.match.call(void 0, _types.TokenType.parenR) && _index.lookaheadType.call(void 0) === _types.TokenType.arrow)) {
              _util.expect.call(void 0, _types.TokenType.parenR);
              return;
            } else
              _index.eat.call(void 0, _types.TokenType.comma);
          flowParseFunctionTypeParams(), _util.expect.call(void 0, _types.TokenType.parenR), _util.expect.call(void 0, _types.TokenType.arrow), flowParseType();
          return;
        case _types.TokenType.minus:
          _index.next.call(void 0), _expression.parseLiteral.call(void 0);
          return;
        case _types.TokenType.string:
        case _types.TokenType.num:
        case _types.TokenType._true:
        case _types.TokenType._false:
        case _types.TokenType._null:
        case _types.TokenType._this:
        case _types.TokenType._void:
        case _types.TokenType.star:
          _index.next.call(void 0);
          return;
        default:
          if (_base.state.type === _types.TokenType._typeof) {
            flowParseTypeofType();
            return;
          } else if (_base.state.type & _types.TokenType.IS_KEYWORD) {
            _index.next.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType.name;
            return;
          }
      }
      _util.unexpected.call(void 0);
    }
    function flowParsePostfixType() {
      for (flowParsePrimaryType(); !_util.canInsertSemicolon.call(void 0) && (_index.match.call(void 0, _types.TokenType.bracketL) || _index.match.call(void 0, _types.TokenType.questionDot)); )
        _index.eat.call(void 0, _types.TokenType.questionDot), _util.expect.call(void 0, _types.TokenType.bracketL), _index.eat.call(void 0, _types.TokenType.bracketR) || (flowParseType(), _util.expect.call(void 0, _types.TokenType.bracketR));
    }
    function flowParsePrefixType() {
      _index.eat.call(void 0, _types.TokenType.question) ? flowParsePrefixType() : flowParsePostfixType();
    }
    function flowParseAnonFunctionWithoutParens() {
      flowParsePrefixType(), !_base.state.noAnonFunctionType && _index.eat.call(void 0, _types.TokenType.arrow) && flowParseType();
    }
    function flowParseIntersectionType() {
      for (_index.eat.call(void 0, _types.TokenType.bitwiseAND), flowParseAnonFunctionWithoutParens(); _index.eat.call(void 0, _types.TokenType.bitwiseAND); )
        flowParseAnonFunctionWithoutParens();
    }
    function flowParseUnionType() {
      for (_index.eat.call(void 0, _types.TokenType.bitwiseOR), flowParseIntersectionType(); _index.eat.call(void 0, _types.TokenType.bitwiseOR); )
        flowParseIntersectionType();
    }
    function flowParseType() {
      flowParseUnionType();
    }
    function flowParseTypeAnnotation() {
      flowParseTypeInitialiser();
    }
    exports.flowParseTypeAnnotation = flowParseTypeAnnotation;
    function flowParseTypeAnnotatableIdentifier() {
      _expression.parseIdentifier.call(void 0), _index.match.call(void 0, _types.TokenType.colon) && flowParseTypeAnnotation();
    }
    function flowParseVariance() {
      (_index.match.call(void 0, _types.TokenType.plus) || _index.match.call(void 0, _types.TokenType.minus)) && (_index.next.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].isType = !0);
    }
    exports.flowParseVariance = flowParseVariance;
    function flowParseFunctionBodyAndFinish(funcContextId) {
      _index.match.call(void 0, _types.TokenType.colon) && flowParseTypeAndPredicateInitialiser(), _expression.parseFunctionBody.call(void 0, !1, funcContextId);
    }
    exports.flowParseFunctionBodyAndFinish = flowParseFunctionBodyAndFinish;
    function flowParseSubscript(startTokenIndex, noCalls, stopState) {
      if (_index.match.call(void 0, _types.TokenType.questionDot) && _index.lookaheadType.call(void 0) === _types.TokenType.lessThan) {
        if (noCalls) {
          stopState.stop = !0;
          return;
        }
        _index.next.call(void 0), flowParseTypeParameterInstantiation(), _util.expect.call(void 0, _types.TokenType.parenL), _expression.parseCallExpressionArguments.call(void 0);
        return;
      } else if (!noCalls && _index.match.call(void 0, _types.TokenType.lessThan)) {
        let snapshot = _base.state.snapshot();
        if (flowParseTypeParameterInstantiation(), _util.expect.call(void 0, _types.TokenType.parenL), _expression.parseCallExpressionArguments.call(void 0), _base.state.error)
          _base.state.restoreFromSnapshot(snapshot);
        else
          return;
      }
      _expression.baseParseSubscript.call(void 0, startTokenIndex, noCalls, stopState);
    }
    exports.flowParseSubscript = flowParseSubscript;
    function flowStartParseNewArguments() {
      if (_index.match.call(void 0, _types.TokenType.lessThan)) {
        let snapshot = _base.state.snapshot();
        flowParseTypeParameterInstantiation(), _base.state.error && _base.state.restoreFromSnapshot(snapshot);
      }
    }
    exports.flowStartParseNewArguments = flowStartParseNewArguments;
    function flowTryParseStatement() {
      if (_index.match.call(void 0, _types.TokenType.name) && _base.state.contextualKeyword === _keywords.ContextualKeyword._interface) {
        let oldIsType = _index.pushTypeContext.call(void 0, 0);
        return _index.next.call(void 0), flowParseInterface(), _index.popTypeContext.call(void 0, oldIsType), !0;
      } else if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._enum))
        return flowParseEnumDeclaration(), !0;
      return !1;
    }
    exports.flowTryParseStatement = flowTryParseStatement;
    function flowTryParseExportDefaultExpression() {
      return _util.isContextual.call(void 0, _keywords.ContextualKeyword._enum) ? (flowParseEnumDeclaration(), !0) : !1;
    }
    exports.flowTryParseExportDefaultExpression = flowTryParseExportDefaultExpression;
    function flowParseIdentifierStatement(contextualKeyword) {
      if (contextualKeyword === _keywords.ContextualKeyword._declare) {
        if (_index.match.call(void 0, _types.TokenType._class) || _index.match.call(void 0, _types.TokenType.name) || _index.match.call(void 0, _types.TokenType._function) || _index.match.call(void 0, _types.TokenType._var) || _index.match.call(void 0, _types.TokenType._export)) {
          let oldIsType = _index.pushTypeContext.call(void 0, 1);
          flowParseDeclare(), _index.popTypeContext.call(void 0, oldIsType);
        }
      } else if (_index.match.call(void 0, _types.TokenType.name)) {
        if (contextualKeyword === _keywords.ContextualKeyword._interface) {
          let oldIsType = _index.pushTypeContext.call(void 0, 1);
          flowParseInterface(), _index.popTypeContext.call(void 0, oldIsType);
        } else if (contextualKeyword === _keywords.ContextualKeyword._type) {
          let oldIsType = _index.pushTypeContext.call(void 0, 1);
          flowParseTypeAlias(), _index.popTypeContext.call(void 0, oldIsType);
        } else if (contextualKeyword === _keywords.ContextualKeyword._opaque) {
          let oldIsType = _index.pushTypeContext.call(void 0, 1);
          flowParseOpaqueType(!1), _index.popTypeContext.call(void 0, oldIsType);
        }
      }
      _util.semicolon.call(void 0);
    }
    exports.flowParseIdentifierStatement = flowParseIdentifierStatement;
    function flowShouldParseExportDeclaration() {
      return _util.isContextual.call(void 0, _keywords.ContextualKeyword._type) || _util.isContextual.call(void 0, _keywords.ContextualKeyword._interface) || _util.isContextual.call(void 0, _keywords.ContextualKeyword._opaque) || _util.isContextual.call(void 0, _keywords.ContextualKeyword._enum);
    }
    exports.flowShouldParseExportDeclaration = flowShouldParseExportDeclaration;
    function flowShouldDisallowExportDefaultSpecifier() {
      return _index.match.call(void 0, _types.TokenType.name) && (_base.state.contextualKeyword === _keywords.ContextualKeyword._type || _base.state.contextualKeyword === _keywords.ContextualKeyword._interface || _base.state.contextualKeyword === _keywords.ContextualKeyword._opaque || _base.state.contextualKeyword === _keywords.ContextualKeyword._enum);
    }
    exports.flowShouldDisallowExportDefaultSpecifier = flowShouldDisallowExportDefaultSpecifier;
    function flowParseExportDeclaration() {
      if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._type)) {
        let oldIsType = _index.pushTypeContext.call(void 0, 1);
        _index.next.call(void 0), _index.match.call(void 0, _types.TokenType.braceL) ? (_statement.parseExportSpecifiers.call(void 0), _statement.parseExportFrom.call(void 0)) : flowParseTypeAlias(), _index.popTypeContext.call(void 0, oldIsType);
      } else if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._opaque)) {
        let oldIsType = _index.pushTypeContext.call(void 0, 1);
        _index.next.call(void 0), flowParseOpaqueType(!1), _index.popTypeContext.call(void 0, oldIsType);
      } else if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._interface)) {
        let oldIsType = _index.pushTypeContext.call(void 0, 1);
        _index.next.call(void 0), flowParseInterface(), _index.popTypeContext.call(void 0, oldIsType);
      } else
        _statement.parseStatement.call(void 0, !0);
    }
    exports.flowParseExportDeclaration = flowParseExportDeclaration;
    function flowShouldParseExportStar() {
      return _index.match.call(void 0, _types.TokenType.star) || _util.isContextual.call(void 0, _keywords.ContextualKeyword._type) && _index.lookaheadType.call(void 0) === _types.TokenType.star;
    }
    exports.flowShouldParseExportStar = flowShouldParseExportStar;
    function flowParseExportStar() {
      if (_util.eatContextual.call(void 0, _keywords.ContextualKeyword._type)) {
        let oldIsType = _index.pushTypeContext.call(void 0, 2);
        _statement.baseParseExportStar.call(void 0), _index.popTypeContext.call(void 0, oldIsType);
      } else
        _statement.baseParseExportStar.call(void 0);
    }
    exports.flowParseExportStar = flowParseExportStar;
    function flowAfterParseClassSuper(hasSuper) {
      if (hasSuper && _index.match.call(void 0, _types.TokenType.lessThan) && flowParseTypeParameterInstantiation(), _util.isContextual.call(void 0, _keywords.ContextualKeyword._implements)) {
        let oldIsType = _index.pushTypeContext.call(void 0, 0);
        _index.next.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._implements;
        do
          flowParseRestrictedIdentifier(), _index.match.call(void 0, _types.TokenType.lessThan) && flowParseTypeParameterInstantiation();
        while (_index.eat.call(void 0, _types.TokenType.comma));
        _index.popTypeContext.call(void 0, oldIsType);
      }
    }
    exports.flowAfterParseClassSuper = flowAfterParseClassSuper;
    function flowStartParseObjPropValue() {
      _index.match.call(void 0, _types.TokenType.lessThan) && (flowParseTypeParameterDeclaration(), _index.match.call(void 0, _types.TokenType.parenL) || _util.unexpected.call(void 0));
    }
    exports.flowStartParseObjPropValue = flowStartParseObjPropValue;
    function flowParseAssignableListItemTypes() {
      let oldIsType = _index.pushTypeContext.call(void 0, 0);
      _index.eat.call(void 0, _types.TokenType.question), _index.match.call(void 0, _types.TokenType.colon) && flowParseTypeAnnotation(), _index.popTypeContext.call(void 0, oldIsType);
    }
    exports.flowParseAssignableListItemTypes = flowParseAssignableListItemTypes;
    function flowStartParseImportSpecifiers() {
      if (_index.match.call(void 0, _types.TokenType._typeof) || _util.isContextual.call(void 0, _keywords.ContextualKeyword._type)) {
        let lh = _index.lookaheadTypeAndKeyword.call(void 0);
        (isMaybeDefaultImport(lh) || lh.type === _types.TokenType.braceL || lh.type === _types.TokenType.star) && _index.next.call(void 0);
      }
    }
    exports.flowStartParseImportSpecifiers = flowStartParseImportSpecifiers;
    function flowParseImportSpecifier() {
      let isTypeKeyword = _base.state.contextualKeyword === _keywords.ContextualKeyword._type || _base.state.type === _types.TokenType._typeof;
      isTypeKeyword ? _index.next.call(void 0) : _expression.parseIdentifier.call(void 0), _util.isContextual.call(void 0, _keywords.ContextualKeyword._as) && !_util.isLookaheadContextual.call(void 0, _keywords.ContextualKeyword._as) ? (_expression.parseIdentifier.call(void 0), isTypeKeyword && !_index.match.call(void 0, _types.TokenType.name) && !(_base.state.type & _types.TokenType.IS_KEYWORD) || _expression.parseIdentifier.call(void 0)) : (isTypeKeyword && (_index.match.call(void 0, _types.TokenType.name) || _base.state.type & _types.TokenType.IS_KEYWORD) && _expression.parseIdentifier.call(void 0), _util.eatContextual.call(void 0, _keywords.ContextualKeyword._as) && _expression.parseIdentifier.call(void 0));
    }
    exports.flowParseImportSpecifier = flowParseImportSpecifier;
    function flowStartParseFunctionParams() {
      if (_index.match.call(void 0, _types.TokenType.lessThan)) {
        let oldIsType = _index.pushTypeContext.call(void 0, 0);
        flowParseTypeParameterDeclaration(), _index.popTypeContext.call(void 0, oldIsType);
      }
    }
    exports.flowStartParseFunctionParams = flowStartParseFunctionParams;
    function flowAfterParseVarHead() {
      _index.match.call(void 0, _types.TokenType.colon) && flowParseTypeAnnotation();
    }
    exports.flowAfterParseVarHead = flowAfterParseVarHead;
    function flowStartParseAsyncArrowFromCallExpression() {
      if (_index.match.call(void 0, _types.TokenType.colon)) {
        let oldNoAnonFunctionType = _base.state.noAnonFunctionType;
        _base.state.noAnonFunctionType = !0, flowParseTypeAnnotation(), _base.state.noAnonFunctionType = oldNoAnonFunctionType;
      }
    }
    exports.flowStartParseAsyncArrowFromCallExpression = flowStartParseAsyncArrowFromCallExpression;
    function flowParseMaybeAssign(noIn, isWithinParens) {
      if (_index.match.call(void 0, _types.TokenType.lessThan)) {
        let snapshot = _base.state.snapshot(), wasArrow = _expression.baseParseMaybeAssign.call(void 0, noIn, isWithinParens);
        if (_base.state.error)
          _base.state.restoreFromSnapshot(snapshot), _base.state.type = _types.TokenType.typeParameterStart;
        else
          return wasArrow;
        let oldIsType = _index.pushTypeContext.call(void 0, 0);
        if (flowParseTypeParameterDeclaration(), _index.popTypeContext.call(void 0, oldIsType), wasArrow = _expression.baseParseMaybeAssign.call(void 0, noIn, isWithinParens), wasArrow)
          return !0;
        _util.unexpected.call(void 0);
      }
      return _expression.baseParseMaybeAssign.call(void 0, noIn, isWithinParens);
    }
    exports.flowParseMaybeAssign = flowParseMaybeAssign;
    function flowParseArrow() {
      if (_index.match.call(void 0, _types.TokenType.colon)) {
        let oldIsType = _index.pushTypeContext.call(void 0, 0), snapshot = _base.state.snapshot(), oldNoAnonFunctionType = _base.state.noAnonFunctionType;
        _base.state.noAnonFunctionType = !0, flowParseTypeAndPredicateInitialiser(), _base.state.noAnonFunctionType = oldNoAnonFunctionType, _util.canInsertSemicolon.call(void 0) && _util.unexpected.call(void 0), _index.match.call(void 0, _types.TokenType.arrow) || _util.unexpected.call(void 0), _base.state.error && _base.state.restoreFromSnapshot(snapshot), _index.popTypeContext.call(void 0, oldIsType);
      }
      return _index.eat.call(void 0, _types.TokenType.arrow);
    }
    exports.flowParseArrow = flowParseArrow;
    function flowParseSubscripts(startTokenIndex, noCalls = !1) {
      if (_base.state.tokens[_base.state.tokens.length - 1].contextualKeyword === _keywords.ContextualKeyword._async && _index.match.call(void 0, _types.TokenType.lessThan)) {
        let snapshot = _base.state.snapshot();
        if (parseAsyncArrowWithTypeParameters() && !_base.state.error)
          return;
        _base.state.restoreFromSnapshot(snapshot);
      }
      _expression.baseParseSubscripts.call(void 0, startTokenIndex, noCalls);
    }
    exports.flowParseSubscripts = flowParseSubscripts;
    function parseAsyncArrowWithTypeParameters() {
      _base.state.scopeDepth++;
      let startTokenIndex = _base.state.tokens.length;
      return _statement.parseFunctionParams.call(void 0), _expression.parseArrow.call(void 0) ? (_expression.parseArrowExpression.call(void 0, startTokenIndex), !0) : !1;
    }
    function flowParseEnumDeclaration() {
      _util.expectContextual.call(void 0, _keywords.ContextualKeyword._enum), _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._enum, _expression.parseIdentifier.call(void 0), flowParseEnumBody();
    }
    function flowParseEnumBody() {
      _util.eatContextual.call(void 0, _keywords.ContextualKeyword._of) && _index.next.call(void 0), _util.expect.call(void 0, _types.TokenType.braceL), flowParseEnumMembers(), _util.expect.call(void 0, _types.TokenType.braceR);
    }
    function flowParseEnumMembers() {
      for (; !_index.match.call(void 0, _types.TokenType.braceR) && !_base.state.error && !_index.eat.call(void 0, _types.TokenType.ellipsis); )
        flowParseEnumMember(), _index.match.call(void 0, _types.TokenType.braceR) || _util.expect.call(void 0, _types.TokenType.comma);
    }
    function flowParseEnumMember() {
      _expression.parseIdentifier.call(void 0), _index.eat.call(void 0, _types.TokenType.eq) && _index.next.call(void 0);
    }
  }
});

// node_modules/sucrase/dist/parser/traverser/statement.js
var require_statement = __commonJS({
  "node_modules/sucrase/dist/parser/traverser/statement.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _index = require_parser(), _flow = require_flow(), _typescript = require_typescript(), _tokenizer = require_tokenizer(), _keywords = require_keywords(), _state = require_state(), _types = require_types(), _charcodes = require_charcodes(), _base = require_base(), _expression = require_expression(), _lval = require_lval(), _util = require_util();
    function parseTopLevel() {
      if (parseBlockBody(_types.TokenType.eof), _base.state.scopes.push(new _state.Scope(0, _base.state.tokens.length, !0)), _base.state.scopeDepth !== 0)
        throw new Error(`Invalid scope depth at end of file: ${_base.state.scopeDepth}`);
      return new _index.File(_base.state.tokens, _base.state.scopes);
    }
    exports.parseTopLevel = parseTopLevel;
    function parseStatement(declaration) {
      _base.isFlowEnabled && _flow.flowTryParseStatement.call(void 0) || (_tokenizer.match.call(void 0, _types.TokenType.at) && parseDecorators(), parseStatementContent(declaration));
    }
    exports.parseStatement = parseStatement;
    function parseStatementContent(declaration) {
      if (_base.isTypeScriptEnabled && _typescript.tsTryParseStatementContent.call(void 0))
        return;
      let starttype = _base.state.type;
      switch (starttype) {
        case _types.TokenType._break:
        case _types.TokenType._continue:
          parseBreakContinueStatement();
          return;
        case _types.TokenType._debugger:
          parseDebuggerStatement();
          return;
        case _types.TokenType._do:
          parseDoStatement();
          return;
        case _types.TokenType._for:
          parseForStatement();
          return;
        case _types.TokenType._function:
          if (_tokenizer.lookaheadType.call(void 0) === _types.TokenType.dot) break;
          declaration || _util.unexpected.call(void 0), parseFunctionStatement();
          return;
        case _types.TokenType._class:
          declaration || _util.unexpected.call(void 0), parseClass(!0);
          return;
        case _types.TokenType._if:
          parseIfStatement();
          return;
        case _types.TokenType._return:
          parseReturnStatement();
          return;
        case _types.TokenType._switch:
          parseSwitchStatement();
          return;
        case _types.TokenType._throw:
          parseThrowStatement();
          return;
        case _types.TokenType._try:
          parseTryStatement();
          return;
        case _types.TokenType._let:
        case _types.TokenType._const:
          declaration || _util.unexpected.call(void 0);
        // NOTE: falls through to _var
        case _types.TokenType._var:
          parseVarStatement(starttype !== _types.TokenType._var);
          return;
        case _types.TokenType._while:
          parseWhileStatement();
          return;
        case _types.TokenType.braceL:
          parseBlock();
          return;
        case _types.TokenType.semi:
          parseEmptyStatement();
          return;
        case _types.TokenType._export:
        case _types.TokenType._import: {
          let nextType = _tokenizer.lookaheadType.call(void 0);
          if (nextType === _types.TokenType.parenL || nextType === _types.TokenType.dot)
            break;
          _tokenizer.next.call(void 0), starttype === _types.TokenType._import ? parseImport() : parseExport();
          return;
        }
        case _types.TokenType.name:
          if (_base.state.contextualKeyword === _keywords.ContextualKeyword._async) {
            let functionStart = _base.state.start, snapshot = _base.state.snapshot();
            if (_tokenizer.next.call(void 0), _tokenizer.match.call(void 0, _types.TokenType._function) && !_util.canInsertSemicolon.call(void 0)) {
              _util.expect.call(void 0, _types.TokenType._function), parseFunction(functionStart, !0);
              return;
            } else
              _base.state.restoreFromSnapshot(snapshot);
          } else if (_base.state.contextualKeyword === _keywords.ContextualKeyword._using && !_util.hasFollowingLineBreak.call(void 0) && // Statements like `using[0]` and `using in foo` aren't actual using
          // declarations.
          _tokenizer.lookaheadType.call(void 0) === _types.TokenType.name) {
            parseVarStatement(!0);
            return;
          } else if (startsAwaitUsing()) {
            _util.expectContextual.call(void 0, _keywords.ContextualKeyword._await), parseVarStatement(!0);
            return;
          }
        default:
          break;
      }
      let initialTokensLength = _base.state.tokens.length;
      _expression.parseExpression.call(void 0);
      let simpleName = null;
      if (_base.state.tokens.length === initialTokensLength + 1) {
        let token = _base.state.tokens[_base.state.tokens.length - 1];
        token.type === _types.TokenType.name && (simpleName = token.contextualKeyword);
      }
      if (simpleName == null) {
        _util.semicolon.call(void 0);
        return;
      }
      _tokenizer.eat.call(void 0, _types.TokenType.colon) ? parseLabeledStatement() : parseIdentifierStatement(simpleName);
    }
    function startsAwaitUsing() {
      if (!_util.isContextual.call(void 0, _keywords.ContextualKeyword._await))
        return !1;
      let snapshot = _base.state.snapshot();
      return _tokenizer.next.call(void 0), !_util.isContextual.call(void 0, _keywords.ContextualKeyword._using) || _util.hasPrecedingLineBreak.call(void 0) || (_tokenizer.next.call(void 0), !_tokenizer.match.call(void 0, _types.TokenType.name) || _util.hasPrecedingLineBreak.call(void 0)) ? (_base.state.restoreFromSnapshot(snapshot), !1) : (_base.state.restoreFromSnapshot(snapshot), !0);
    }
    function parseDecorators() {
      for (; _tokenizer.match.call(void 0, _types.TokenType.at); )
        parseDecorator();
    }
    exports.parseDecorators = parseDecorators;
    function parseDecorator() {
      if (_tokenizer.next.call(void 0), _tokenizer.eat.call(void 0, _types.TokenType.parenL))
        _expression.parseExpression.call(void 0), _util.expect.call(void 0, _types.TokenType.parenR);
      else {
        for (_expression.parseIdentifier.call(void 0); _tokenizer.eat.call(void 0, _types.TokenType.dot); )
          _expression.parseIdentifier.call(void 0);
        parseMaybeDecoratorArguments();
      }
    }
    function parseMaybeDecoratorArguments() {
      _base.isTypeScriptEnabled ? _typescript.tsParseMaybeDecoratorArguments.call(void 0) : baseParseMaybeDecoratorArguments();
    }
    function baseParseMaybeDecoratorArguments() {
      _tokenizer.eat.call(void 0, _types.TokenType.parenL) && _expression.parseCallExpressionArguments.call(void 0);
    }
    exports.baseParseMaybeDecoratorArguments = baseParseMaybeDecoratorArguments;
    function parseBreakContinueStatement() {
      _tokenizer.next.call(void 0), _util.isLineTerminator.call(void 0) || (_expression.parseIdentifier.call(void 0), _util.semicolon.call(void 0));
    }
    function parseDebuggerStatement() {
      _tokenizer.next.call(void 0), _util.semicolon.call(void 0);
    }
    function parseDoStatement() {
      _tokenizer.next.call(void 0), parseStatement(!1), _util.expect.call(void 0, _types.TokenType._while), _expression.parseParenExpression.call(void 0), _tokenizer.eat.call(void 0, _types.TokenType.semi);
    }
    function parseForStatement() {
      _base.state.scopeDepth++;
      let startTokenIndex = _base.state.tokens.length;
      parseAmbiguousForStatement();
      let endTokenIndex = _base.state.tokens.length;
      _base.state.scopes.push(new _state.Scope(startTokenIndex, endTokenIndex, !1)), _base.state.scopeDepth--;
    }
    function isUsingInLoop() {
      return !(!_util.isContextual.call(void 0, _keywords.ContextualKeyword._using) || _util.isLookaheadContextual.call(void 0, _keywords.ContextualKeyword._of));
    }
    function parseAmbiguousForStatement() {
      _tokenizer.next.call(void 0);
      let forAwait = !1;
      if (_util.isContextual.call(void 0, _keywords.ContextualKeyword._await) && (forAwait = !0, _tokenizer.next.call(void 0)), _util.expect.call(void 0, _types.TokenType.parenL), _tokenizer.match.call(void 0, _types.TokenType.semi)) {
        forAwait && _util.unexpected.call(void 0), parseFor();
        return;
      }
      let isAwaitUsing = startsAwaitUsing();
      if (isAwaitUsing || _tokenizer.match.call(void 0, _types.TokenType._var) || _tokenizer.match.call(void 0, _types.TokenType._let) || _tokenizer.match.call(void 0, _types.TokenType._const) || isUsingInLoop()) {
        if (isAwaitUsing && _util.expectContextual.call(void 0, _keywords.ContextualKeyword._await), _tokenizer.next.call(void 0), parseVar(!0, _base.state.type !== _types.TokenType._var), _tokenizer.match.call(void 0, _types.TokenType._in) || _util.isContextual.call(void 0, _keywords.ContextualKeyword._of)) {
          parseForIn(forAwait);
          return;
        }
        parseFor();
        return;
      }
      if (_expression.parseExpression.call(void 0, !0), _tokenizer.match.call(void 0, _types.TokenType._in) || _util.isContextual.call(void 0, _keywords.ContextualKeyword._of)) {
        parseForIn(forAwait);
        return;
      }
      forAwait && _util.unexpected.call(void 0), parseFor();
    }
    function parseFunctionStatement() {
      let functionStart = _base.state.start;
      _tokenizer.next.call(void 0), parseFunction(functionStart, !0);
    }
    function parseIfStatement() {
      _tokenizer.next.call(void 0), _expression.parseParenExpression.call(void 0), parseStatement(!1), _tokenizer.eat.call(void 0, _types.TokenType._else) && parseStatement(!1);
    }
    function parseReturnStatement() {
      _tokenizer.next.call(void 0), _util.isLineTerminator.call(void 0) || (_expression.parseExpression.call(void 0), _util.semicolon.call(void 0));
    }
    function parseSwitchStatement() {
      _tokenizer.next.call(void 0), _expression.parseParenExpression.call(void 0), _base.state.scopeDepth++;
      let startTokenIndex = _base.state.tokens.length;
      for (_util.expect.call(void 0, _types.TokenType.braceL); !_tokenizer.match.call(void 0, _types.TokenType.braceR) && !_base.state.error; )
        if (_tokenizer.match.call(void 0, _types.TokenType._case) || _tokenizer.match.call(void 0, _types.TokenType._default)) {
          let isCase = _tokenizer.match.call(void 0, _types.TokenType._case);
          _tokenizer.next.call(void 0), isCase && _expression.parseExpression.call(void 0), _util.expect.call(void 0, _types.TokenType.colon);
        } else
          parseStatement(!0);
      _tokenizer.next.call(void 0);
      let endTokenIndex = _base.state.tokens.length;
      _base.state.scopes.push(new _state.Scope(startTokenIndex, endTokenIndex, !1)), _base.state.scopeDepth--;
    }
    function parseThrowStatement() {
      _tokenizer.next.call(void 0), _expression.parseExpression.call(void 0), _util.semicolon.call(void 0);
    }
    function parseCatchClauseParam() {
      _lval.parseBindingAtom.call(
        void 0,
        !0
        /* isBlockScope */
      ), _base.isTypeScriptEnabled && _typescript.tsTryParseTypeAnnotation.call(void 0);
    }
    function parseTryStatement() {
      if (_tokenizer.next.call(void 0), parseBlock(), _tokenizer.match.call(void 0, _types.TokenType._catch)) {
        _tokenizer.next.call(void 0);
        let catchBindingStartTokenIndex = null;
        if (_tokenizer.match.call(void 0, _types.TokenType.parenL) && (_base.state.scopeDepth++, catchBindingStartTokenIndex = _base.state.tokens.length, _util.expect.call(void 0, _types.TokenType.parenL), parseCatchClauseParam(), _util.expect.call(void 0, _types.TokenType.parenR)), parseBlock(), catchBindingStartTokenIndex != null) {
          let endTokenIndex = _base.state.tokens.length;
          _base.state.scopes.push(new _state.Scope(catchBindingStartTokenIndex, endTokenIndex, !1)), _base.state.scopeDepth--;
        }
      }
      _tokenizer.eat.call(void 0, _types.TokenType._finally) && parseBlock();
    }
    function parseVarStatement(isBlockScope) {
      _tokenizer.next.call(void 0), parseVar(!1, isBlockScope), _util.semicolon.call(void 0);
    }
    exports.parseVarStatement = parseVarStatement;
    function parseWhileStatement() {
      _tokenizer.next.call(void 0), _expression.parseParenExpression.call(void 0), parseStatement(!1);
    }
    function parseEmptyStatement() {
      _tokenizer.next.call(void 0);
    }
    function parseLabeledStatement() {
      parseStatement(!0);
    }
    function parseIdentifierStatement(contextualKeyword) {
      _base.isTypeScriptEnabled ? _typescript.tsParseIdentifierStatement.call(void 0, contextualKeyword) : _base.isFlowEnabled ? _flow.flowParseIdentifierStatement.call(void 0, contextualKeyword) : _util.semicolon.call(void 0);
    }
    function parseBlock(isFunctionScope = !1, contextId = 0) {
      let startTokenIndex = _base.state.tokens.length;
      _base.state.scopeDepth++, _util.expect.call(void 0, _types.TokenType.braceL), contextId && (_base.state.tokens[_base.state.tokens.length - 1].contextId = contextId), parseBlockBody(_types.TokenType.braceR), contextId && (_base.state.tokens[_base.state.tokens.length - 1].contextId = contextId);
      let endTokenIndex = _base.state.tokens.length;
      _base.state.scopes.push(new _state.Scope(startTokenIndex, endTokenIndex, isFunctionScope)), _base.state.scopeDepth--;
    }
    exports.parseBlock = parseBlock;
    function parseBlockBody(end) {
      for (; !_tokenizer.eat.call(void 0, end) && !_base.state.error; )
        parseStatement(!0);
    }
    exports.parseBlockBody = parseBlockBody;
    function parseFor() {
      _util.expect.call(void 0, _types.TokenType.semi), _tokenizer.match.call(void 0, _types.TokenType.semi) || _expression.parseExpression.call(void 0), _util.expect.call(void 0, _types.TokenType.semi), _tokenizer.match.call(void 0, _types.TokenType.parenR) || _expression.parseExpression.call(void 0), _util.expect.call(void 0, _types.TokenType.parenR), parseStatement(!1);
    }
    function parseForIn(forAwait) {
      forAwait ? _util.eatContextual.call(void 0, _keywords.ContextualKeyword._of) : _tokenizer.next.call(void 0), _expression.parseExpression.call(void 0), _util.expect.call(void 0, _types.TokenType.parenR), parseStatement(!1);
    }
    function parseVar(isFor, isBlockScope) {
      for (; ; ) {
        if (parseVarHead(isBlockScope), _tokenizer.eat.call(void 0, _types.TokenType.eq)) {
          let eqIndex = _base.state.tokens.length - 1;
          _expression.parseMaybeAssign.call(void 0, isFor), _base.state.tokens[eqIndex].rhsEndIndex = _base.state.tokens.length;
        }
        if (!_tokenizer.eat.call(void 0, _types.TokenType.comma))
          break;
      }
    }
    function parseVarHead(isBlockScope) {
      _lval.parseBindingAtom.call(void 0, isBlockScope), _base.isTypeScriptEnabled ? _typescript.tsAfterParseVarHead.call(void 0) : _base.isFlowEnabled && _flow.flowAfterParseVarHead.call(void 0);
    }
    function parseFunction(functionStart, isStatement, optionalId = !1) {
      _tokenizer.match.call(void 0, _types.TokenType.star) && _tokenizer.next.call(void 0), isStatement && !optionalId && !_tokenizer.match.call(void 0, _types.TokenType.name) && !_tokenizer.match.call(void 0, _types.TokenType._yield) && _util.unexpected.call(void 0);
      let nameScopeStartTokenIndex = null;
      _tokenizer.match.call(void 0, _types.TokenType.name) && (isStatement || (nameScopeStartTokenIndex = _base.state.tokens.length, _base.state.scopeDepth++), _lval.parseBindingIdentifier.call(void 0, !1));
      let startTokenIndex = _base.state.tokens.length;
      _base.state.scopeDepth++, parseFunctionParams(), _expression.parseFunctionBodyAndFinish.call(void 0, functionStart);
      let endTokenIndex = _base.state.tokens.length;
      _base.state.scopes.push(new _state.Scope(startTokenIndex, endTokenIndex, !0)), _base.state.scopeDepth--, nameScopeStartTokenIndex !== null && (_base.state.scopes.push(new _state.Scope(nameScopeStartTokenIndex, endTokenIndex, !0)), _base.state.scopeDepth--);
    }
    exports.parseFunction = parseFunction;
    function parseFunctionParams(allowModifiers = !1, funcContextId = 0) {
      _base.isTypeScriptEnabled ? _typescript.tsStartParseFunctionParams.call(void 0) : _base.isFlowEnabled && _flow.flowStartParseFunctionParams.call(void 0), _util.expect.call(void 0, _types.TokenType.parenL), funcContextId && (_base.state.tokens[_base.state.tokens.length - 1].contextId = funcContextId), _lval.parseBindingList.call(
        void 0,
        _types.TokenType.parenR,
        !1,
        !1,
        allowModifiers,
        funcContextId
      ), funcContextId && (_base.state.tokens[_base.state.tokens.length - 1].contextId = funcContextId);
    }
    exports.parseFunctionParams = parseFunctionParams;
    function parseClass(isStatement, optionalId = !1) {
      let contextId = _base.getNextContextId.call(void 0);
      _tokenizer.next.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].contextId = contextId, _base.state.tokens[_base.state.tokens.length - 1].isExpression = !isStatement;
      let nameScopeStartTokenIndex = null;
      isStatement || (nameScopeStartTokenIndex = _base.state.tokens.length, _base.state.scopeDepth++), parseClassId(isStatement, optionalId), parseClassSuper();
      let openBraceIndex = _base.state.tokens.length;
      if (parseClassBody(contextId), !_base.state.error && (_base.state.tokens[openBraceIndex].contextId = contextId, _base.state.tokens[_base.state.tokens.length - 1].contextId = contextId, nameScopeStartTokenIndex !== null)) {
        let endTokenIndex = _base.state.tokens.length;
        _base.state.scopes.push(new _state.Scope(nameScopeStartTokenIndex, endTokenIndex, !1)), _base.state.scopeDepth--;
      }
    }
    exports.parseClass = parseClass;
    function isClassProperty() {
      return _tokenizer.match.call(void 0, _types.TokenType.eq) || _tokenizer.match.call(void 0, _types.TokenType.semi) || _tokenizer.match.call(void 0, _types.TokenType.braceR) || _tokenizer.match.call(void 0, _types.TokenType.bang) || _tokenizer.match.call(void 0, _types.TokenType.colon);
    }
    function isClassMethod() {
      return _tokenizer.match.call(void 0, _types.TokenType.parenL) || _tokenizer.match.call(void 0, _types.TokenType.lessThan);
    }
    function parseClassBody(classContextId) {
      for (_util.expect.call(void 0, _types.TokenType.braceL); !_tokenizer.eat.call(void 0, _types.TokenType.braceR) && !_base.state.error; ) {
        if (_tokenizer.eat.call(void 0, _types.TokenType.semi))
          continue;
        if (_tokenizer.match.call(void 0, _types.TokenType.at)) {
          parseDecorator();
          continue;
        }
        let memberStart = _base.state.start;
        parseClassMember(memberStart, classContextId);
      }
    }
    function parseClassMember(memberStart, classContextId) {
      _base.isTypeScriptEnabled && _typescript.tsParseModifiers.call(void 0, [
        _keywords.ContextualKeyword._declare,
        _keywords.ContextualKeyword._public,
        _keywords.ContextualKeyword._protected,
        _keywords.ContextualKeyword._private,
        _keywords.ContextualKeyword._override
      ]);
      let isStatic = !1;
      if (_tokenizer.match.call(void 0, _types.TokenType.name) && _base.state.contextualKeyword === _keywords.ContextualKeyword._static) {
        if (_expression.parseIdentifier.call(void 0), isClassMethod()) {
          parseClassMethod(
            memberStart,
            /* isConstructor */
            !1
          );
          return;
        } else if (isClassProperty()) {
          parseClassProperty();
          return;
        }
        if (_base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._static, isStatic = !0, _tokenizer.match.call(void 0, _types.TokenType.braceL)) {
          _base.state.tokens[_base.state.tokens.length - 1].contextId = classContextId, parseBlock();
          return;
        }
      }
      parseClassMemberWithIsStatic(memberStart, isStatic, classContextId);
    }
    function parseClassMemberWithIsStatic(memberStart, isStatic, classContextId) {
      if (_base.isTypeScriptEnabled && _typescript.tsTryParseClassMemberWithIsStatic.call(void 0, isStatic))
        return;
      if (_tokenizer.eat.call(void 0, _types.TokenType.star)) {
        parseClassPropertyName(classContextId), parseClassMethod(
          memberStart,
          /* isConstructor */
          !1
        );
        return;
      }
      parseClassPropertyName(classContextId);
      let isConstructor = !1, token = _base.state.tokens[_base.state.tokens.length - 1];
      token.contextualKeyword === _keywords.ContextualKeyword._constructor && (isConstructor = !0), parsePostMemberNameModifiers(), isClassMethod() ? parseClassMethod(memberStart, isConstructor) : isClassProperty() ? parseClassProperty() : token.contextualKeyword === _keywords.ContextualKeyword._async && !_util.isLineTerminator.call(void 0) ? (_base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._async, _tokenizer.match.call(void 0, _types.TokenType.star) && _tokenizer.next.call(void 0), parseClassPropertyName(classContextId), parsePostMemberNameModifiers(), parseClassMethod(
        memberStart,
        !1
        /* isConstructor */
      )) : (token.contextualKeyword === _keywords.ContextualKeyword._get || token.contextualKeyword === _keywords.ContextualKeyword._set) && !(_util.isLineTerminator.call(void 0) && _tokenizer.match.call(void 0, _types.TokenType.star)) ? (token.contextualKeyword === _keywords.ContextualKeyword._get ? _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._get : _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._set, parseClassPropertyName(classContextId), parseClassMethod(
        memberStart,
        /* isConstructor */
        !1
      )) : token.contextualKeyword === _keywords.ContextualKeyword._accessor && !_util.isLineTerminator.call(void 0) ? (parseClassPropertyName(classContextId), parseClassProperty()) : _util.isLineTerminator.call(void 0) ? parseClassProperty() : _util.unexpected.call(void 0);
    }
    function parseClassMethod(functionStart, isConstructor) {
      _base.isTypeScriptEnabled ? _typescript.tsTryParseTypeParameters.call(void 0) : _base.isFlowEnabled && _tokenizer.match.call(void 0, _types.TokenType.lessThan) && _flow.flowParseTypeParameterDeclaration.call(void 0), _expression.parseMethod.call(void 0, functionStart, isConstructor);
    }
    function parseClassPropertyName(classContextId) {
      _expression.parsePropertyName.call(void 0, classContextId);
    }
    exports.parseClassPropertyName = parseClassPropertyName;
    function parsePostMemberNameModifiers() {
      if (_base.isTypeScriptEnabled) {
        let oldIsType = _tokenizer.pushTypeContext.call(void 0, 0);
        _tokenizer.eat.call(void 0, _types.TokenType.question), _tokenizer.popTypeContext.call(void 0, oldIsType);
      }
    }
    exports.parsePostMemberNameModifiers = parsePostMemberNameModifiers;
    function parseClassProperty() {
      if (_base.isTypeScriptEnabled ? (_tokenizer.eatTypeToken.call(void 0, _types.TokenType.bang), _typescript.tsTryParseTypeAnnotation.call(void 0)) : _base.isFlowEnabled && _tokenizer.match.call(void 0, _types.TokenType.colon) && _flow.flowParseTypeAnnotation.call(void 0), _tokenizer.match.call(void 0, _types.TokenType.eq)) {
        let equalsTokenIndex = _base.state.tokens.length;
        _tokenizer.next.call(void 0), _expression.parseMaybeAssign.call(void 0), _base.state.tokens[equalsTokenIndex].rhsEndIndex = _base.state.tokens.length;
      }
      _util.semicolon.call(void 0);
    }
    exports.parseClassProperty = parseClassProperty;
    function parseClassId(isStatement, optionalId = !1) {
      _base.isTypeScriptEnabled && (!isStatement || optionalId) && _util.isContextual.call(void 0, _keywords.ContextualKeyword._implements) || (_tokenizer.match.call(void 0, _types.TokenType.name) && _lval.parseBindingIdentifier.call(void 0, !0), _base.isTypeScriptEnabled ? _typescript.tsTryParseTypeParameters.call(void 0) : _base.isFlowEnabled && _tokenizer.match.call(void 0, _types.TokenType.lessThan) && _flow.flowParseTypeParameterDeclaration.call(void 0));
    }
    function parseClassSuper() {
      let hasSuper = !1;
      _tokenizer.eat.call(void 0, _types.TokenType._extends) ? (_expression.parseExprSubscripts.call(void 0), hasSuper = !0) : hasSuper = !1, _base.isTypeScriptEnabled ? _typescript.tsAfterParseClassSuper.call(void 0, hasSuper) : _base.isFlowEnabled && _flow.flowAfterParseClassSuper.call(void 0, hasSuper);
    }
    function parseExport() {
      let exportIndex = _base.state.tokens.length - 1;
      _base.isTypeScriptEnabled && _typescript.tsTryParseExport.call(void 0) || (shouldParseExportStar() ? parseExportStar() : isExportDefaultSpecifier() ? (_expression.parseIdentifier.call(void 0), _tokenizer.match.call(void 0, _types.TokenType.comma) && _tokenizer.lookaheadType.call(void 0) === _types.TokenType.star ? (_util.expect.call(void 0, _types.TokenType.comma), _util.expect.call(void 0, _types.TokenType.star), _util.expectContextual.call(void 0, _keywords.ContextualKeyword._as), _expression.parseIdentifier.call(void 0)) : parseExportSpecifiersMaybe(), parseExportFrom()) : _tokenizer.eat.call(void 0, _types.TokenType._default) ? parseExportDefaultExpression() : shouldParseExportDeclaration() ? parseExportDeclaration() : (parseExportSpecifiers(), parseExportFrom()), _base.state.tokens[exportIndex].rhsEndIndex = _base.state.tokens.length);
    }
    exports.parseExport = parseExport;
    function parseExportDefaultExpression() {
      if (_base.isTypeScriptEnabled && _typescript.tsTryParseExportDefaultExpression.call(void 0) || _base.isFlowEnabled && _flow.flowTryParseExportDefaultExpression.call(void 0))
        return;
      let functionStart = _base.state.start;
      _tokenizer.eat.call(void 0, _types.TokenType._function) ? parseFunction(functionStart, !0, !0) : _util.isContextual.call(void 0, _keywords.ContextualKeyword._async) && _tokenizer.lookaheadType.call(void 0) === _types.TokenType._function ? (_util.eatContextual.call(void 0, _keywords.ContextualKeyword._async), _tokenizer.eat.call(void 0, _types.TokenType._function), parseFunction(functionStart, !0, !0)) : _tokenizer.match.call(void 0, _types.TokenType._class) ? parseClass(!0, !0) : _tokenizer.match.call(void 0, _types.TokenType.at) ? (parseDecorators(), parseClass(!0, !0)) : (_expression.parseMaybeAssign.call(void 0), _util.semicolon.call(void 0));
    }
    function parseExportDeclaration() {
      _base.isTypeScriptEnabled ? _typescript.tsParseExportDeclaration.call(void 0) : _base.isFlowEnabled ? _flow.flowParseExportDeclaration.call(void 0) : parseStatement(!0);
    }
    function isExportDefaultSpecifier() {
      if (_base.isTypeScriptEnabled && _typescript.tsIsDeclarationStart.call(void 0))
        return !1;
      if (_base.isFlowEnabled && _flow.flowShouldDisallowExportDefaultSpecifier.call(void 0))
        return !1;
      if (_tokenizer.match.call(void 0, _types.TokenType.name))
        return _base.state.contextualKeyword !== _keywords.ContextualKeyword._async;
      if (!_tokenizer.match.call(void 0, _types.TokenType._default))
        return !1;
      let _next = _tokenizer.nextTokenStart.call(void 0), lookahead = _tokenizer.lookaheadTypeAndKeyword.call(void 0), hasFrom = lookahead.type === _types.TokenType.name && lookahead.contextualKeyword === _keywords.ContextualKeyword._from;
      if (lookahead.type === _types.TokenType.comma)
        return !0;
      if (hasFrom) {
        let nextAfterFrom = _base.input.charCodeAt(_tokenizer.nextTokenStartSince.call(void 0, _next + 4));
        return nextAfterFrom === _charcodes.charCodes.quotationMark || nextAfterFrom === _charcodes.charCodes.apostrophe;
      }
      return !1;
    }
    function parseExportSpecifiersMaybe() {
      _tokenizer.eat.call(void 0, _types.TokenType.comma) && parseExportSpecifiers();
    }
    function parseExportFrom() {
      _util.eatContextual.call(void 0, _keywords.ContextualKeyword._from) && (_expression.parseExprAtom.call(void 0), maybeParseImportAttributes()), _util.semicolon.call(void 0);
    }
    exports.parseExportFrom = parseExportFrom;
    function shouldParseExportStar() {
      return _base.isFlowEnabled ? _flow.flowShouldParseExportStar.call(void 0) : _tokenizer.match.call(void 0, _types.TokenType.star);
    }
    function parseExportStar() {
      _base.isFlowEnabled ? _flow.flowParseExportStar.call(void 0) : baseParseExportStar();
    }
    function baseParseExportStar() {
      _util.expect.call(void 0, _types.TokenType.star), _util.isContextual.call(void 0, _keywords.ContextualKeyword._as) ? parseExportNamespace() : parseExportFrom();
    }
    exports.baseParseExportStar = baseParseExportStar;
    function parseExportNamespace() {
      _tokenizer.next.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].type = _types.TokenType._as, _expression.parseIdentifier.call(void 0), parseExportSpecifiersMaybe(), parseExportFrom();
    }
    function shouldParseExportDeclaration() {
      return _base.isTypeScriptEnabled && _typescript.tsIsDeclarationStart.call(void 0) || _base.isFlowEnabled && _flow.flowShouldParseExportDeclaration.call(void 0) || _base.state.type === _types.TokenType._var || _base.state.type === _types.TokenType._const || _base.state.type === _types.TokenType._let || _base.state.type === _types.TokenType._function || _base.state.type === _types.TokenType._class || _util.isContextual.call(void 0, _keywords.ContextualKeyword._async) || _tokenizer.match.call(void 0, _types.TokenType.at);
    }
    function parseExportSpecifiers() {
      let first = !0;
      for (_util.expect.call(void 0, _types.TokenType.braceL); !_tokenizer.eat.call(void 0, _types.TokenType.braceR) && !_base.state.error; ) {
        if (first)
          first = !1;
        else if (_util.expect.call(void 0, _types.TokenType.comma), _tokenizer.eat.call(void 0, _types.TokenType.braceR))
          break;
        parseExportSpecifier();
      }
    }
    exports.parseExportSpecifiers = parseExportSpecifiers;
    function parseExportSpecifier() {
      if (_base.isTypeScriptEnabled) {
        _typescript.tsParseExportSpecifier.call(void 0);
        return;
      }
      _expression.parseIdentifier.call(void 0), _base.state.tokens[_base.state.tokens.length - 1].identifierRole = _tokenizer.IdentifierRole.ExportAccess, _util.eatContextual.call(void 0, _keywords.ContextualKeyword._as) && _expression.parseIdentifier.call(void 0);
    }
    function isImportReflection() {
      let snapshot = _base.state.snapshot();
      return _util.expectContextual.call(void 0, _keywords.ContextualKeyword._module), _util.eatContextual.call(void 0, _keywords.ContextualKeyword._from) ? _util.isContextual.call(void 0, _keywords.ContextualKeyword._from) ? (_base.state.restoreFromSnapshot(snapshot), !0) : (_base.state.restoreFromSnapshot(snapshot), !1) : _tokenizer.match.call(void 0, _types.TokenType.comma) ? (_base.state.restoreFromSnapshot(snapshot), !1) : (_base.state.restoreFromSnapshot(snapshot), !0);
    }
    function parseMaybeImportReflection() {
      _util.isContextual.call(void 0, _keywords.ContextualKeyword._module) && isImportReflection() && _tokenizer.next.call(void 0);
    }
    function parseImport() {
      if (_base.isTypeScriptEnabled && _tokenizer.match.call(void 0, _types.TokenType.name) && _tokenizer.lookaheadType.call(void 0) === _types.TokenType.eq) {
        _typescript.tsParseImportEqualsDeclaration.call(void 0);
        return;
      }
      if (_base.isTypeScriptEnabled && _util.isContextual.call(void 0, _keywords.ContextualKeyword._type)) {
        let lookahead = _tokenizer.lookaheadTypeAndKeyword.call(void 0);
        if (lookahead.type === _types.TokenType.name && lookahead.contextualKeyword !== _keywords.ContextualKeyword._from) {
          if (_util.expectContextual.call(void 0, _keywords.ContextualKeyword._type), _tokenizer.lookaheadType.call(void 0) === _types.TokenType.eq) {
            _typescript.tsParseImportEqualsDeclaration.call(void 0);
            return;
          }
        } else (lookahead.type === _types.TokenType.star || lookahead.type === _types.TokenType.braceL) && _util.expectContextual.call(void 0, _keywords.ContextualKeyword._type);
      }
      _tokenizer.match.call(void 0, _types.TokenType.string) || (parseMaybeImportReflection(), parseImportSpecifiers(), _util.expectContextual.call(void 0, _keywords.ContextualKeyword._from)), _expression.parseExprAtom.call(void 0), maybeParseImportAttributes(), _util.semicolon.call(void 0);
    }
    exports.parseImport = parseImport;
    function shouldParseDefaultImport() {
      return _tokenizer.match.call(void 0, _types.TokenType.name);
    }
    function parseImportSpecifierLocal() {
      _lval.parseImportedIdentifier.call(void 0);
    }
    function parseImportSpecifiers() {
      _base.isFlowEnabled && _flow.flowStartParseImportSpecifiers.call(void 0);
      let first = !0;
      if (!(shouldParseDefaultImport() && (parseImportSpecifierLocal(), !_tokenizer.eat.call(void 0, _types.TokenType.comma)))) {
        if (_tokenizer.match.call(void 0, _types.TokenType.star)) {
          _tokenizer.next.call(void 0), _util.expectContextual.call(void 0, _keywords.ContextualKeyword._as), parseImportSpecifierLocal();
          return;
        }
        for (_util.expect.call(void 0, _types.TokenType.braceL); !_tokenizer.eat.call(void 0, _types.TokenType.braceR) && !_base.state.error; ) {
          if (first)
            first = !1;
          else if (_tokenizer.eat.call(void 0, _types.TokenType.colon) && _util.unexpected.call(
            void 0,
            "ES2015 named imports do not destructure. Use another statement for destructuring after the import."
          ), _util.expect.call(void 0, _types.TokenType.comma), _tokenizer.eat.call(void 0, _types.TokenType.braceR))
            break;
          parseImportSpecifier();
        }
      }
    }
    function parseImportSpecifier() {
      if (_base.isTypeScriptEnabled) {
        _typescript.tsParseImportSpecifier.call(void 0);
        return;
      }
      if (_base.isFlowEnabled) {
        _flow.flowParseImportSpecifier.call(void 0);
        return;
      }
      _lval.parseImportedIdentifier.call(void 0), _util.isContextual.call(void 0, _keywords.ContextualKeyword._as) && (_base.state.tokens[_base.state.tokens.length - 1].identifierRole = _tokenizer.IdentifierRole.ImportAccess, _tokenizer.next.call(void 0), _lval.parseImportedIdentifier.call(void 0));
    }
    function maybeParseImportAttributes() {
      (_tokenizer.match.call(void 0, _types.TokenType._with) || _util.isContextual.call(void 0, _keywords.ContextualKeyword._assert) && !_util.hasPrecedingLineBreak.call(void 0)) && (_tokenizer.next.call(void 0), _expression.parseObj.call(void 0, !1, !1));
    }
  }
});

// node_modules/sucrase/dist/parser/traverser/index.js
var require_traverser = __commonJS({
  "node_modules/sucrase/dist/parser/traverser/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _index = require_tokenizer(), _charcodes = require_charcodes(), _base = require_base(), _statement = require_statement();
    function parseFile() {
      return _base.state.pos === 0 && _base.input.charCodeAt(0) === _charcodes.charCodes.numberSign && _base.input.charCodeAt(1) === _charcodes.charCodes.exclamationMark && _index.skipLineComment.call(void 0, 2), _index.nextToken.call(void 0), _statement.parseTopLevel.call(void 0);
    }
    exports.parseFile = parseFile;
  }
});

// node_modules/sucrase/dist/parser/index.js
var require_parser = __commonJS({
  "node_modules/sucrase/dist/parser/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _base = require_base(), _index = require_traverser(), File = class {
      constructor(tokens, scopes) {
        this.tokens = tokens, this.scopes = scopes;
      }
    };
    exports.File = File;
    function parse(input, isJSXEnabled, isTypeScriptEnabled, isFlowEnabled) {
      if (isFlowEnabled && isTypeScriptEnabled)
        throw new Error("Cannot combine flow and typescript plugins.");
      _base.initParser.call(void 0, input, isJSXEnabled, isTypeScriptEnabled, isFlowEnabled);
      let result = _index.parseFile.call(void 0);
      if (_base.state.error)
        throw _base.augmentError.call(void 0, _base.state.error);
      return result;
    }
    exports.parse = parse;
  }
});

// node_modules/sucrase/dist/util/isAsyncOperation.js
var require_isAsyncOperation = __commonJS({
  "node_modules/sucrase/dist/util/isAsyncOperation.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _keywords = require_keywords();
    function isAsyncOperation(tokens) {
      let index = tokens.currentIndex(), depth = 0, startToken = tokens.currentToken();
      do {
        let token = tokens.tokens[index];
        if (token.isOptionalChainStart && depth++, token.isOptionalChainEnd && depth--, depth += token.numNullishCoalesceStarts, depth -= token.numNullishCoalesceEnds, token.contextualKeyword === _keywords.ContextualKeyword._await && token.identifierRole == null && token.scopeDepth === startToken.scopeDepth)
          return !0;
        index += 1;
      } while (depth > 0 && index < tokens.tokens.length);
      return !1;
    }
    exports.default = isAsyncOperation;
  }
});

// node_modules/sucrase/dist/TokenProcessor.js
var require_TokenProcessor = __commonJS({
  "node_modules/sucrase/dist/TokenProcessor.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _types = require_types(), _isAsyncOperation = require_isAsyncOperation(), _isAsyncOperation2 = _interopRequireDefault(_isAsyncOperation), TokenProcessor = class _TokenProcessor {
      __init() {
        this.resultCode = "";
      }
      // Array mapping input token index to optional string index position in the
      // output code.
      __init2() {
        this.resultMappings = new Array(this.tokens.length);
      }
      __init3() {
        this.tokenIndex = 0;
      }
      constructor(code, tokens, isFlowEnabled, disableESTransforms, helperManager) {
        this.code = code, this.tokens = tokens, this.isFlowEnabled = isFlowEnabled, this.disableESTransforms = disableESTransforms, this.helperManager = helperManager, _TokenProcessor.prototype.__init.call(this), _TokenProcessor.prototype.__init2.call(this), _TokenProcessor.prototype.__init3.call(this);
      }
      /**
       * Snapshot the token state in a way that can be restored later, useful for
       * things like lookahead.
       *
       * resultMappings do not need to be copied since in all use cases, they will
       * be overwritten anyway after restore.
       */
      snapshot() {
        return {
          resultCode: this.resultCode,
          tokenIndex: this.tokenIndex
        };
      }
      restoreToSnapshot(snapshot) {
        this.resultCode = snapshot.resultCode, this.tokenIndex = snapshot.tokenIndex;
      }
      /**
       * Remove and return the code generated since the snapshot, leaving the
       * current token position in-place. Unlike most TokenProcessor operations,
       * this operation can result in input/output line number mismatches because
       * the removed code may contain newlines, so this operation should be used
       * sparingly.
       */
      dangerouslyGetAndRemoveCodeSinceSnapshot(snapshot) {
        let result = this.resultCode.slice(snapshot.resultCode.length);
        return this.resultCode = snapshot.resultCode, result;
      }
      reset() {
        this.resultCode = "", this.resultMappings = new Array(this.tokens.length), this.tokenIndex = 0;
      }
      matchesContextualAtIndex(index, contextualKeyword) {
        return this.matches1AtIndex(index, _types.TokenType.name) && this.tokens[index].contextualKeyword === contextualKeyword;
      }
      identifierNameAtIndex(index) {
        return this.identifierNameForToken(this.tokens[index]);
      }
      identifierNameAtRelativeIndex(relativeIndex) {
        return this.identifierNameForToken(this.tokenAtRelativeIndex(relativeIndex));
      }
      identifierName() {
        return this.identifierNameForToken(this.currentToken());
      }
      identifierNameForToken(token) {
        return this.code.slice(token.start, token.end);
      }
      rawCodeForToken(token) {
        return this.code.slice(token.start, token.end);
      }
      stringValueAtIndex(index) {
        return this.stringValueForToken(this.tokens[index]);
      }
      stringValue() {
        return this.stringValueForToken(this.currentToken());
      }
      stringValueForToken(token) {
        return this.code.slice(token.start + 1, token.end - 1);
      }
      matches1AtIndex(index, t1) {
        return this.tokens[index].type === t1;
      }
      matches2AtIndex(index, t1, t2) {
        return this.tokens[index].type === t1 && this.tokens[index + 1].type === t2;
      }
      matches3AtIndex(index, t1, t2, t3) {
        return this.tokens[index].type === t1 && this.tokens[index + 1].type === t2 && this.tokens[index + 2].type === t3;
      }
      matches1(t1) {
        return this.tokens[this.tokenIndex].type === t1;
      }
      matches2(t1, t2) {
        return this.tokens[this.tokenIndex].type === t1 && this.tokens[this.tokenIndex + 1].type === t2;
      }
      matches3(t1, t2, t3) {
        return this.tokens[this.tokenIndex].type === t1 && this.tokens[this.tokenIndex + 1].type === t2 && this.tokens[this.tokenIndex + 2].type === t3;
      }
      matches4(t1, t2, t3, t4) {
        return this.tokens[this.tokenIndex].type === t1 && this.tokens[this.tokenIndex + 1].type === t2 && this.tokens[this.tokenIndex + 2].type === t3 && this.tokens[this.tokenIndex + 3].type === t4;
      }
      matches5(t1, t2, t3, t4, t5) {
        return this.tokens[this.tokenIndex].type === t1 && this.tokens[this.tokenIndex + 1].type === t2 && this.tokens[this.tokenIndex + 2].type === t3 && this.tokens[this.tokenIndex + 3].type === t4 && this.tokens[this.tokenIndex + 4].type === t5;
      }
      matchesContextual(contextualKeyword) {
        return this.matchesContextualAtIndex(this.tokenIndex, contextualKeyword);
      }
      matchesContextIdAndLabel(type, contextId) {
        return this.matches1(type) && this.currentToken().contextId === contextId;
      }
      previousWhitespaceAndComments() {
        let whitespaceAndComments = this.code.slice(
          this.tokenIndex > 0 ? this.tokens[this.tokenIndex - 1].end : 0,
          this.tokenIndex < this.tokens.length ? this.tokens[this.tokenIndex].start : this.code.length
        );
        return this.isFlowEnabled && (whitespaceAndComments = whitespaceAndComments.replace(/@flow/g, "")), whitespaceAndComments;
      }
      replaceToken(newCode) {
        this.resultCode += this.previousWhitespaceAndComments(), this.appendTokenPrefix(), this.resultMappings[this.tokenIndex] = this.resultCode.length, this.resultCode += newCode, this.appendTokenSuffix(), this.tokenIndex++;
      }
      replaceTokenTrimmingLeftWhitespace(newCode) {
        this.resultCode += this.previousWhitespaceAndComments().replace(/[^\r\n]/g, ""), this.appendTokenPrefix(), this.resultMappings[this.tokenIndex] = this.resultCode.length, this.resultCode += newCode, this.appendTokenSuffix(), this.tokenIndex++;
      }
      removeInitialToken() {
        this.replaceToken("");
      }
      removeToken() {
        this.replaceTokenTrimmingLeftWhitespace("");
      }
      /**
       * Remove all code until the next }, accounting for balanced braces.
       */
      removeBalancedCode() {
        let braceDepth = 0;
        for (; !this.isAtEnd(); ) {
          if (this.matches1(_types.TokenType.braceL))
            braceDepth++;
          else if (this.matches1(_types.TokenType.braceR)) {
            if (braceDepth === 0)
              return;
            braceDepth--;
          }
          this.removeToken();
        }
      }
      copyExpectedToken(tokenType) {
        if (this.tokens[this.tokenIndex].type !== tokenType)
          throw new Error(`Expected token ${tokenType}`);
        this.copyToken();
      }
      copyToken() {
        this.resultCode += this.previousWhitespaceAndComments(), this.appendTokenPrefix(), this.resultMappings[this.tokenIndex] = this.resultCode.length, this.resultCode += this.code.slice(
          this.tokens[this.tokenIndex].start,
          this.tokens[this.tokenIndex].end
        ), this.appendTokenSuffix(), this.tokenIndex++;
      }
      copyTokenWithPrefix(prefix) {
        this.resultCode += this.previousWhitespaceAndComments(), this.appendTokenPrefix(), this.resultCode += prefix, this.resultMappings[this.tokenIndex] = this.resultCode.length, this.resultCode += this.code.slice(
          this.tokens[this.tokenIndex].start,
          this.tokens[this.tokenIndex].end
        ), this.appendTokenSuffix(), this.tokenIndex++;
      }
      appendTokenPrefix() {
        let token = this.currentToken();
        if ((token.numNullishCoalesceStarts || token.isOptionalChainStart) && (token.isAsyncOperation = _isAsyncOperation2.default.call(void 0, this)), !this.disableESTransforms) {
          if (token.numNullishCoalesceStarts)
            for (let i = 0; i < token.numNullishCoalesceStarts; i++)
              token.isAsyncOperation ? (this.resultCode += "await ", this.resultCode += this.helperManager.getHelperName("asyncNullishCoalesce")) : this.resultCode += this.helperManager.getHelperName("nullishCoalesce"), this.resultCode += "(";
          token.isOptionalChainStart && (token.isAsyncOperation && (this.resultCode += "await "), this.tokenIndex > 0 && this.tokenAtRelativeIndex(-1).type === _types.TokenType._delete ? token.isAsyncOperation ? this.resultCode += this.helperManager.getHelperName("asyncOptionalChainDelete") : this.resultCode += this.helperManager.getHelperName("optionalChainDelete") : token.isAsyncOperation ? this.resultCode += this.helperManager.getHelperName("asyncOptionalChain") : this.resultCode += this.helperManager.getHelperName("optionalChain"), this.resultCode += "([");
        }
      }
      appendTokenSuffix() {
        let token = this.currentToken();
        if (token.isOptionalChainEnd && !this.disableESTransforms && (this.resultCode += "])"), token.numNullishCoalesceEnds && !this.disableESTransforms)
          for (let i = 0; i < token.numNullishCoalesceEnds; i++)
            this.resultCode += "))";
      }
      appendCode(code) {
        this.resultCode += code;
      }
      currentToken() {
        return this.tokens[this.tokenIndex];
      }
      currentTokenCode() {
        let token = this.currentToken();
        return this.code.slice(token.start, token.end);
      }
      tokenAtRelativeIndex(relativeIndex) {
        return this.tokens[this.tokenIndex + relativeIndex];
      }
      currentIndex() {
        return this.tokenIndex;
      }
      /**
       * Move to the next token. Only suitable in preprocessing steps. When
       * generating new code, you should use copyToken or removeToken.
       */
      nextToken() {
        if (this.tokenIndex === this.tokens.length)
          throw new Error("Unexpectedly reached end of input.");
        this.tokenIndex++;
      }
      previousToken() {
        this.tokenIndex--;
      }
      finish() {
        if (this.tokenIndex !== this.tokens.length)
          throw new Error("Tried to finish processing tokens before reaching the end.");
        return this.resultCode += this.previousWhitespaceAndComments(), { code: this.resultCode, mappings: this.resultMappings };
      }
      isAtEnd() {
        return this.tokenIndex === this.tokens.length;
      }
    };
    exports.default = TokenProcessor;
  }
});

// node_modules/sucrase/dist/util/getClassInfo.js
var require_getClassInfo = __commonJS({
  "node_modules/sucrase/dist/util/getClassInfo.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _keywords = require_keywords(), _types = require_types();
    function getClassInfo(rootTransformer, tokens, nameManager, disableESTransforms) {
      let snapshot = tokens.snapshot(), headerInfo = processClassHeader(tokens), constructorInitializerStatements = [], instanceInitializerNames = [], staticInitializerNames = [], constructorInsertPos = null, fields = [], rangesToRemove = [], classContextId = tokens.currentToken().contextId;
      if (classContextId == null)
        throw new Error("Expected non-null class context ID on class open-brace.");
      for (tokens.nextToken(); !tokens.matchesContextIdAndLabel(_types.TokenType.braceR, classContextId); )
        if (tokens.matchesContextual(_keywords.ContextualKeyword._constructor) && !tokens.currentToken().isType)
          ({ constructorInitializerStatements, constructorInsertPos } = processConstructor(tokens));
        else if (tokens.matches1(_types.TokenType.semi))
          disableESTransforms || rangesToRemove.push({ start: tokens.currentIndex(), end: tokens.currentIndex() + 1 }), tokens.nextToken();
        else if (tokens.currentToken().isType)
          tokens.nextToken();
        else {
          let statementStartIndex = tokens.currentIndex(), isStatic = !1, isESPrivate = !1, isDeclareOrAbstract = !1;
          for (; isAccessModifier(tokens.currentToken()); )
            tokens.matches1(_types.TokenType._static) && (isStatic = !0), tokens.matches1(_types.TokenType.hash) && (isESPrivate = !0), (tokens.matches1(_types.TokenType._declare) || tokens.matches1(_types.TokenType._abstract)) && (isDeclareOrAbstract = !0), tokens.nextToken();
          if (isStatic && tokens.matches1(_types.TokenType.braceL)) {
            skipToNextClassElement(tokens, classContextId);
            continue;
          }
          if (isESPrivate) {
            skipToNextClassElement(tokens, classContextId);
            continue;
          }
          if (tokens.matchesContextual(_keywords.ContextualKeyword._constructor) && !tokens.currentToken().isType) {
            ({ constructorInitializerStatements, constructorInsertPos } = processConstructor(tokens));
            continue;
          }
          let nameStartIndex = tokens.currentIndex();
          if (skipFieldName(tokens), tokens.matches1(_types.TokenType.lessThan) || tokens.matches1(_types.TokenType.parenL)) {
            skipToNextClassElement(tokens, classContextId);
            continue;
          }
          for (; tokens.currentToken().isType; )
            tokens.nextToken();
          if (tokens.matches1(_types.TokenType.eq)) {
            let equalsIndex = tokens.currentIndex(), valueEnd = tokens.currentToken().rhsEndIndex;
            if (valueEnd == null)
              throw new Error("Expected rhsEndIndex on class field assignment.");
            for (tokens.nextToken(); tokens.currentIndex() < valueEnd; )
              rootTransformer.processToken();
            let initializerName;
            isStatic ? (initializerName = nameManager.claimFreeName("__initStatic"), staticInitializerNames.push(initializerName)) : (initializerName = nameManager.claimFreeName("__init"), instanceInitializerNames.push(initializerName)), fields.push({
              initializerName,
              equalsIndex,
              start: nameStartIndex,
              end: tokens.currentIndex()
            });
          } else (!disableESTransforms || isDeclareOrAbstract) && rangesToRemove.push({ start: statementStartIndex, end: tokens.currentIndex() });
        }
      return tokens.restoreToSnapshot(snapshot), disableESTransforms ? {
        headerInfo,
        constructorInitializerStatements,
        instanceInitializerNames: [],
        staticInitializerNames: [],
        constructorInsertPos,
        fields: [],
        rangesToRemove
      } : {
        headerInfo,
        constructorInitializerStatements,
        instanceInitializerNames,
        staticInitializerNames,
        constructorInsertPos,
        fields,
        rangesToRemove
      };
    }
    exports.default = getClassInfo;
    function skipToNextClassElement(tokens, classContextId) {
      for (tokens.nextToken(); tokens.currentToken().contextId !== classContextId; )
        tokens.nextToken();
      for (; isAccessModifier(tokens.tokenAtRelativeIndex(-1)); )
        tokens.previousToken();
    }
    function processClassHeader(tokens) {
      let classToken = tokens.currentToken(), contextId = classToken.contextId;
      if (contextId == null)
        throw new Error("Expected context ID on class token.");
      let isExpression = classToken.isExpression;
      if (isExpression == null)
        throw new Error("Expected isExpression on class token.");
      let className = null, hasSuperclass = !1;
      for (tokens.nextToken(), tokens.matches1(_types.TokenType.name) && (className = tokens.identifierName()); !tokens.matchesContextIdAndLabel(_types.TokenType.braceL, contextId); )
        tokens.matches1(_types.TokenType._extends) && !tokens.currentToken().isType && (hasSuperclass = !0), tokens.nextToken();
      return { isExpression, className, hasSuperclass };
    }
    function processConstructor(tokens) {
      let constructorInitializerStatements = [];
      tokens.nextToken();
      let constructorContextId = tokens.currentToken().contextId;
      if (constructorContextId == null)
        throw new Error("Expected context ID on open-paren starting constructor params.");
      for (; !tokens.matchesContextIdAndLabel(_types.TokenType.parenR, constructorContextId); )
        if (tokens.currentToken().contextId === constructorContextId) {
          if (tokens.nextToken(), isAccessModifier(tokens.currentToken())) {
            for (tokens.nextToken(); isAccessModifier(tokens.currentToken()); )
              tokens.nextToken();
            let token = tokens.currentToken();
            if (token.type !== _types.TokenType.name)
              throw new Error("Expected identifier after access modifiers in constructor arg.");
            let name = tokens.identifierNameForToken(token);
            constructorInitializerStatements.push(`this.${name} = ${name}`);
          }
        } else
          tokens.nextToken();
      for (tokens.nextToken(); tokens.currentToken().isType; )
        tokens.nextToken();
      let constructorInsertPos = tokens.currentIndex(), foundSuperCall = !1;
      for (; !tokens.matchesContextIdAndLabel(_types.TokenType.braceR, constructorContextId); ) {
        if (!foundSuperCall && tokens.matches2(_types.TokenType._super, _types.TokenType.parenL)) {
          tokens.nextToken();
          let superCallContextId = tokens.currentToken().contextId;
          if (superCallContextId == null)
            throw new Error("Expected a context ID on the super call");
          for (; !tokens.matchesContextIdAndLabel(_types.TokenType.parenR, superCallContextId); )
            tokens.nextToken();
          constructorInsertPos = tokens.currentIndex(), foundSuperCall = !0;
        }
        tokens.nextToken();
      }
      return tokens.nextToken(), { constructorInitializerStatements, constructorInsertPos };
    }
    function isAccessModifier(token) {
      return [
        _types.TokenType._async,
        _types.TokenType._get,
        _types.TokenType._set,
        _types.TokenType.plus,
        _types.TokenType.minus,
        _types.TokenType._readonly,
        _types.TokenType._static,
        _types.TokenType._public,
        _types.TokenType._private,
        _types.TokenType._protected,
        _types.TokenType._override,
        _types.TokenType._abstract,
        _types.TokenType.star,
        _types.TokenType._declare,
        _types.TokenType.hash
      ].includes(token.type);
    }
    function skipFieldName(tokens) {
      if (tokens.matches1(_types.TokenType.bracketL)) {
        let classContextId = tokens.currentToken().contextId;
        if (classContextId == null)
          throw new Error("Expected class context ID on computed name open bracket.");
        for (; !tokens.matchesContextIdAndLabel(_types.TokenType.bracketR, classContextId); )
          tokens.nextToken();
        tokens.nextToken();
      } else
        tokens.nextToken();
    }
  }
});

// node_modules/sucrase/dist/util/elideImportEquals.js
var require_elideImportEquals = __commonJS({
  "node_modules/sucrase/dist/util/elideImportEquals.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _types = require_types();
    function elideImportEquals(tokens) {
      if (tokens.removeInitialToken(), tokens.removeToken(), tokens.removeToken(), tokens.removeToken(), tokens.matches1(_types.TokenType.parenL))
        tokens.removeToken(), tokens.removeToken(), tokens.removeToken();
      else
        for (; tokens.matches1(_types.TokenType.dot); )
          tokens.removeToken(), tokens.removeToken();
    }
    exports.default = elideImportEquals;
  }
});

// node_modules/sucrase/dist/util/getDeclarationInfo.js
var require_getDeclarationInfo = __commonJS({
  "node_modules/sucrase/dist/util/getDeclarationInfo.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _tokenizer = require_tokenizer(), _types = require_types(), EMPTY_DECLARATION_INFO = {
      typeDeclarations: /* @__PURE__ */ new Set(),
      valueDeclarations: /* @__PURE__ */ new Set()
    };
    exports.EMPTY_DECLARATION_INFO = EMPTY_DECLARATION_INFO;
    function getDeclarationInfo(tokens) {
      let typeDeclarations = /* @__PURE__ */ new Set(), valueDeclarations = /* @__PURE__ */ new Set();
      for (let i = 0; i < tokens.tokens.length; i++) {
        let token = tokens.tokens[i];
        token.type === _types.TokenType.name && _tokenizer.isTopLevelDeclaration.call(void 0, token) && (token.isType ? typeDeclarations.add(tokens.identifierNameForToken(token)) : valueDeclarations.add(tokens.identifierNameForToken(token)));
      }
      return { typeDeclarations, valueDeclarations };
    }
    exports.default = getDeclarationInfo;
  }
});

// node_modules/sucrase/dist/util/isExportFrom.js
var require_isExportFrom = __commonJS({
  "node_modules/sucrase/dist/util/isExportFrom.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _keywords = require_keywords(), _types = require_types();
    function isExportFrom(tokens) {
      let closeBraceIndex = tokens.currentIndex();
      for (; !tokens.matches1AtIndex(closeBraceIndex, _types.TokenType.braceR); )
        closeBraceIndex++;
      return tokens.matchesContextualAtIndex(closeBraceIndex + 1, _keywords.ContextualKeyword._from) && tokens.matches1AtIndex(closeBraceIndex + 2, _types.TokenType.string);
    }
    exports.default = isExportFrom;
  }
});

// node_modules/sucrase/dist/util/removeMaybeImportAttributes.js
var require_removeMaybeImportAttributes = __commonJS({
  "node_modules/sucrase/dist/util/removeMaybeImportAttributes.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _keywords = require_keywords(), _types = require_types();
    function removeMaybeImportAttributes(tokens) {
      (tokens.matches2(_types.TokenType._with, _types.TokenType.braceL) || tokens.matches2(_types.TokenType.name, _types.TokenType.braceL) && tokens.matchesContextual(_keywords.ContextualKeyword._assert)) && (tokens.removeToken(), tokens.removeToken(), tokens.removeBalancedCode(), tokens.removeToken());
    }
    exports.removeMaybeImportAttributes = removeMaybeImportAttributes;
  }
});

// node_modules/sucrase/dist/util/shouldElideDefaultExport.js
var require_shouldElideDefaultExport = __commonJS({
  "node_modules/sucrase/dist/util/shouldElideDefaultExport.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _types = require_types();
    function shouldElideDefaultExport(isTypeScriptTransformEnabled, keepUnusedImports, tokens, declarationInfo) {
      if (!isTypeScriptTransformEnabled || keepUnusedImports)
        return !1;
      let exportToken = tokens.currentToken();
      if (exportToken.rhsEndIndex == null)
        throw new Error("Expected non-null rhsEndIndex on export token.");
      let numTokens = exportToken.rhsEndIndex - tokens.currentIndex();
      if (numTokens !== 3 && !(numTokens === 4 && tokens.matches1AtIndex(exportToken.rhsEndIndex - 1, _types.TokenType.semi)))
        return !1;
      let identifierToken = tokens.tokenAtRelativeIndex(2);
      if (identifierToken.type !== _types.TokenType.name)
        return !1;
      let exportedName = tokens.identifierNameForToken(identifierToken);
      return declarationInfo.typeDeclarations.has(exportedName) && !declarationInfo.valueDeclarations.has(exportedName);
    }
    exports.default = shouldElideDefaultExport;
  }
});

// node_modules/sucrase/dist/transformers/CJSImportTransformer.js
var require_CJSImportTransformer = __commonJS({
  "node_modules/sucrase/dist/transformers/CJSImportTransformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _tokenizer = require_tokenizer(), _keywords = require_keywords(), _types = require_types(), _elideImportEquals = require_elideImportEquals(), _elideImportEquals2 = _interopRequireDefault(_elideImportEquals), _getDeclarationInfo = require_getDeclarationInfo(), _getDeclarationInfo2 = _interopRequireDefault(_getDeclarationInfo), _getImportExportSpecifierInfo = require_getImportExportSpecifierInfo(), _getImportExportSpecifierInfo2 = _interopRequireDefault(_getImportExportSpecifierInfo), _isExportFrom = require_isExportFrom(), _isExportFrom2 = _interopRequireDefault(_isExportFrom), _removeMaybeImportAttributes = require_removeMaybeImportAttributes(), _shouldElideDefaultExport = require_shouldElideDefaultExport(), _shouldElideDefaultExport2 = _interopRequireDefault(_shouldElideDefaultExport), _Transformer = require_Transformer(), _Transformer2 = _interopRequireDefault(_Transformer), CJSImportTransformer = class _CJSImportTransformer extends _Transformer2.default {
      __init() {
        this.hadExport = !1;
      }
      __init2() {
        this.hadNamedExport = !1;
      }
      __init3() {
        this.hadDefaultExport = !1;
      }
      constructor(rootTransformer, tokens, importProcessor, nameManager, helperManager, reactHotLoaderTransformer, enableLegacyBabel5ModuleInterop, enableLegacyTypeScriptModuleInterop, isTypeScriptTransformEnabled, isFlowTransformEnabled, preserveDynamicImport, keepUnusedImports) {
        super(), this.rootTransformer = rootTransformer, this.tokens = tokens, this.importProcessor = importProcessor, this.nameManager = nameManager, this.helperManager = helperManager, this.reactHotLoaderTransformer = reactHotLoaderTransformer, this.enableLegacyBabel5ModuleInterop = enableLegacyBabel5ModuleInterop, this.enableLegacyTypeScriptModuleInterop = enableLegacyTypeScriptModuleInterop, this.isTypeScriptTransformEnabled = isTypeScriptTransformEnabled, this.isFlowTransformEnabled = isFlowTransformEnabled, this.preserveDynamicImport = preserveDynamicImport, this.keepUnusedImports = keepUnusedImports, _CJSImportTransformer.prototype.__init.call(this), _CJSImportTransformer.prototype.__init2.call(this), _CJSImportTransformer.prototype.__init3.call(this), this.declarationInfo = isTypeScriptTransformEnabled ? _getDeclarationInfo2.default.call(void 0, tokens) : _getDeclarationInfo.EMPTY_DECLARATION_INFO;
      }
      getPrefixCode() {
        let prefix = "";
        return this.hadExport && (prefix += 'Object.defineProperty(exports, "__esModule", {value: true});'), prefix;
      }
      getSuffixCode() {
        return this.enableLegacyBabel5ModuleInterop && this.hadDefaultExport && !this.hadNamedExport ? `
module.exports = exports.default;
` : "";
      }
      process() {
        return this.tokens.matches3(_types.TokenType._import, _types.TokenType.name, _types.TokenType.eq) ? this.processImportEquals() : this.tokens.matches1(_types.TokenType._import) ? (this.processImport(), !0) : this.tokens.matches2(_types.TokenType._export, _types.TokenType.eq) ? (this.tokens.replaceToken("module.exports"), !0) : this.tokens.matches1(_types.TokenType._export) && !this.tokens.currentToken().isType ? (this.hadExport = !0, this.processExport()) : this.tokens.matches2(_types.TokenType.name, _types.TokenType.postIncDec) && this.processPostIncDec() ? !0 : this.tokens.matches1(_types.TokenType.name) || this.tokens.matches1(_types.TokenType.jsxName) ? this.processIdentifier() : this.tokens.matches1(_types.TokenType.eq) ? this.processAssignment() : this.tokens.matches1(_types.TokenType.assign) ? this.processComplexAssignment() : this.tokens.matches1(_types.TokenType.preIncDec) ? this.processPreIncDec() : !1;
      }
      processImportEquals() {
        let importName = this.tokens.identifierNameAtIndex(this.tokens.currentIndex() + 1);
        return this.importProcessor.shouldAutomaticallyElideImportedName(importName) ? _elideImportEquals2.default.call(void 0, this.tokens) : this.tokens.replaceToken("const"), !0;
      }
      /**
       * Transform this:
       * import foo, {bar} from 'baz';
       * into
       * var _baz = require('baz'); var _baz2 = _interopRequireDefault(_baz);
       *
       * The import code was already generated in the import preprocessing step, so
       * we just need to look it up.
       */
      processImport() {
        if (this.tokens.matches2(_types.TokenType._import, _types.TokenType.parenL)) {
          if (this.preserveDynamicImport) {
            this.tokens.copyToken();
            return;
          }
          let requireWrapper = this.enableLegacyTypeScriptModuleInterop ? "" : `${this.helperManager.getHelperName("interopRequireWildcard")}(`;
          this.tokens.replaceToken(`Promise.resolve().then(() => ${requireWrapper}require`);
          let contextId = this.tokens.currentToken().contextId;
          if (contextId == null)
            throw new Error("Expected context ID on dynamic import invocation.");
          for (this.tokens.copyToken(); !this.tokens.matchesContextIdAndLabel(_types.TokenType.parenR, contextId); )
            this.rootTransformer.processToken();
          this.tokens.replaceToken(requireWrapper ? ")))" : "))");
          return;
        }
        if (this.removeImportAndDetectIfShouldElide())
          this.tokens.removeToken();
        else {
          let path = this.tokens.stringValue();
          this.tokens.replaceTokenTrimmingLeftWhitespace(this.importProcessor.claimImportCode(path)), this.tokens.appendCode(this.importProcessor.claimImportCode(path));
        }
        _removeMaybeImportAttributes.removeMaybeImportAttributes.call(void 0, this.tokens), this.tokens.matches1(_types.TokenType.semi) && this.tokens.removeToken();
      }
      /**
       * Erase this import (since any CJS output would be completely different), and
       * return true if this import is should be elided due to being a type-only
       * import. Such imports will not be emitted at all to avoid side effects.
       *
       * Import elision only happens with the TypeScript or Flow transforms enabled.
       *
       * TODO: This function has some awkward overlap with
       *  CJSImportProcessor.pruneTypeOnlyImports , and the two should be unified.
       *  That function handles TypeScript implicit import name elision, and removes
       *  an import if all typical imported names (without `type`) are removed due
       *  to being type-only imports. This function handles Flow import removal and
       *  properly distinguishes `import 'foo'` from `import {} from 'foo'` for TS
       *  purposes.
       *
       * The position should end at the import string.
       */
      removeImportAndDetectIfShouldElide() {
        if (this.tokens.removeInitialToken(), this.tokens.matchesContextual(_keywords.ContextualKeyword._type) && !this.tokens.matches1AtIndex(this.tokens.currentIndex() + 1, _types.TokenType.comma) && !this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 1, _keywords.ContextualKeyword._from))
          return this.removeRemainingImport(), !0;
        if (this.tokens.matches1(_types.TokenType.name) || this.tokens.matches1(_types.TokenType.star))
          return this.removeRemainingImport(), !1;
        if (this.tokens.matches1(_types.TokenType.string))
          return !1;
        let foundNonTypeImport = !1, foundAnyNamedImport = !1;
        for (; !this.tokens.matches1(_types.TokenType.string); )
          (!foundNonTypeImport && this.tokens.matches1(_types.TokenType.braceL) || this.tokens.matches1(_types.TokenType.comma)) && (this.tokens.removeToken(), this.tokens.matches1(_types.TokenType.braceR) || (foundAnyNamedImport = !0), (this.tokens.matches2(_types.TokenType.name, _types.TokenType.comma) || this.tokens.matches2(_types.TokenType.name, _types.TokenType.braceR) || this.tokens.matches4(_types.TokenType.name, _types.TokenType.name, _types.TokenType.name, _types.TokenType.comma) || this.tokens.matches4(_types.TokenType.name, _types.TokenType.name, _types.TokenType.name, _types.TokenType.braceR)) && (foundNonTypeImport = !0)), this.tokens.removeToken();
        return this.keepUnusedImports ? !1 : this.isTypeScriptTransformEnabled ? !foundNonTypeImport : this.isFlowTransformEnabled ? foundAnyNamedImport && !foundNonTypeImport : !1;
      }
      removeRemainingImport() {
        for (; !this.tokens.matches1(_types.TokenType.string); )
          this.tokens.removeToken();
      }
      processIdentifier() {
        let token = this.tokens.currentToken();
        if (token.shadowsGlobal)
          return !1;
        if (token.identifierRole === _tokenizer.IdentifierRole.ObjectShorthand)
          return this.processObjectShorthand();
        if (token.identifierRole !== _tokenizer.IdentifierRole.Access)
          return !1;
        let replacement = this.importProcessor.getIdentifierReplacement(
          this.tokens.identifierNameForToken(token)
        );
        if (!replacement)
          return !1;
        let possibleOpenParenIndex = this.tokens.currentIndex() + 1;
        for (; possibleOpenParenIndex < this.tokens.tokens.length && this.tokens.tokens[possibleOpenParenIndex].type === _types.TokenType.parenR; )
          possibleOpenParenIndex++;
        return this.tokens.tokens[possibleOpenParenIndex].type === _types.TokenType.parenL ? this.tokens.tokenAtRelativeIndex(1).type === _types.TokenType.parenL && this.tokens.tokenAtRelativeIndex(-1).type !== _types.TokenType._new ? (this.tokens.replaceToken(`${replacement}.call(void 0, `), this.tokens.removeToken(), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(_types.TokenType.parenR)) : this.tokens.replaceToken(`(0, ${replacement})`) : this.tokens.replaceToken(replacement), !0;
      }
      processObjectShorthand() {
        let identifier = this.tokens.identifierName(), replacement = this.importProcessor.getIdentifierReplacement(identifier);
        return replacement ? (this.tokens.replaceToken(`${identifier}: ${replacement}`), !0) : !1;
      }
      processExport() {
        if (this.tokens.matches2(_types.TokenType._export, _types.TokenType._enum) || this.tokens.matches3(_types.TokenType._export, _types.TokenType._const, _types.TokenType._enum))
          return this.hadNamedExport = !0, !1;
        if (this.tokens.matches2(_types.TokenType._export, _types.TokenType._default))
          return this.tokens.matches3(_types.TokenType._export, _types.TokenType._default, _types.TokenType._enum) ? (this.hadDefaultExport = !0, !1) : (this.processExportDefault(), !0);
        if (this.tokens.matches2(_types.TokenType._export, _types.TokenType.braceL))
          return this.processExportBindings(), !0;
        if (this.tokens.matches2(_types.TokenType._export, _types.TokenType.name) && this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 1, _keywords.ContextualKeyword._type)) {
          if (this.tokens.removeInitialToken(), this.tokens.removeToken(), this.tokens.matches1(_types.TokenType.braceL)) {
            for (; !this.tokens.matches1(_types.TokenType.braceR); )
              this.tokens.removeToken();
            this.tokens.removeToken();
          } else
            this.tokens.removeToken(), this.tokens.matches1(_types.TokenType._as) && (this.tokens.removeToken(), this.tokens.removeToken());
          return this.tokens.matchesContextual(_keywords.ContextualKeyword._from) && this.tokens.matches1AtIndex(this.tokens.currentIndex() + 1, _types.TokenType.string) && (this.tokens.removeToken(), this.tokens.removeToken(), _removeMaybeImportAttributes.removeMaybeImportAttributes.call(void 0, this.tokens)), !0;
        }
        if (this.hadNamedExport = !0, this.tokens.matches2(_types.TokenType._export, _types.TokenType._var) || this.tokens.matches2(_types.TokenType._export, _types.TokenType._let) || this.tokens.matches2(_types.TokenType._export, _types.TokenType._const))
          return this.processExportVar(), !0;
        if (this.tokens.matches2(_types.TokenType._export, _types.TokenType._function) || // export async function
        this.tokens.matches3(_types.TokenType._export, _types.TokenType.name, _types.TokenType._function))
          return this.processExportFunction(), !0;
        if (this.tokens.matches2(_types.TokenType._export, _types.TokenType._class) || this.tokens.matches3(_types.TokenType._export, _types.TokenType._abstract, _types.TokenType._class) || this.tokens.matches2(_types.TokenType._export, _types.TokenType.at))
          return this.processExportClass(), !0;
        if (this.tokens.matches2(_types.TokenType._export, _types.TokenType.star))
          return this.processExportStar(), !0;
        throw new Error("Unrecognized export syntax.");
      }
      processAssignment() {
        let index = this.tokens.currentIndex(), identifierToken = this.tokens.tokens[index - 1];
        if (identifierToken.isType || identifierToken.type !== _types.TokenType.name || identifierToken.shadowsGlobal || index >= 2 && this.tokens.matches1AtIndex(index - 2, _types.TokenType.dot) || index >= 2 && [_types.TokenType._var, _types.TokenType._let, _types.TokenType._const].includes(this.tokens.tokens[index - 2].type))
          return !1;
        let assignmentSnippet = this.importProcessor.resolveExportBinding(
          this.tokens.identifierNameForToken(identifierToken)
        );
        return assignmentSnippet ? (this.tokens.copyToken(), this.tokens.appendCode(` ${assignmentSnippet} =`), !0) : !1;
      }
      /**
       * Process something like `a += 3`, where `a` might be an exported value.
       */
      processComplexAssignment() {
        let index = this.tokens.currentIndex(), identifierToken = this.tokens.tokens[index - 1];
        if (identifierToken.type !== _types.TokenType.name || identifierToken.shadowsGlobal || index >= 2 && this.tokens.matches1AtIndex(index - 2, _types.TokenType.dot))
          return !1;
        let assignmentSnippet = this.importProcessor.resolveExportBinding(
          this.tokens.identifierNameForToken(identifierToken)
        );
        return assignmentSnippet ? (this.tokens.appendCode(` = ${assignmentSnippet}`), this.tokens.copyToken(), !0) : !1;
      }
      /**
       * Process something like `++a`, where `a` might be an exported value.
       */
      processPreIncDec() {
        let index = this.tokens.currentIndex(), identifierToken = this.tokens.tokens[index + 1];
        if (identifierToken.type !== _types.TokenType.name || identifierToken.shadowsGlobal || index + 2 < this.tokens.tokens.length && (this.tokens.matches1AtIndex(index + 2, _types.TokenType.dot) || this.tokens.matches1AtIndex(index + 2, _types.TokenType.bracketL) || this.tokens.matches1AtIndex(index + 2, _types.TokenType.parenL)))
          return !1;
        let identifierName = this.tokens.identifierNameForToken(identifierToken), assignmentSnippet = this.importProcessor.resolveExportBinding(identifierName);
        return assignmentSnippet ? (this.tokens.appendCode(`${assignmentSnippet} = `), this.tokens.copyToken(), !0) : !1;
      }
      /**
       * Process something like `a++`, where `a` might be an exported value.
       * This starts at the `a`, not at the `++`.
       */
      processPostIncDec() {
        let index = this.tokens.currentIndex(), identifierToken = this.tokens.tokens[index], operatorToken = this.tokens.tokens[index + 1];
        if (identifierToken.type !== _types.TokenType.name || identifierToken.shadowsGlobal || index >= 1 && this.tokens.matches1AtIndex(index - 1, _types.TokenType.dot))
          return !1;
        let identifierName = this.tokens.identifierNameForToken(identifierToken), assignmentSnippet = this.importProcessor.resolveExportBinding(identifierName);
        if (!assignmentSnippet)
          return !1;
        let operatorCode = this.tokens.rawCodeForToken(operatorToken), base = this.importProcessor.getIdentifierReplacement(identifierName) || identifierName;
        if (operatorCode === "++")
          this.tokens.replaceToken(`(${base} = ${assignmentSnippet} = ${base} + 1, ${base} - 1)`);
        else if (operatorCode === "--")
          this.tokens.replaceToken(`(${base} = ${assignmentSnippet} = ${base} - 1, ${base} + 1)`);
        else
          throw new Error(`Unexpected operator: ${operatorCode}`);
        return this.tokens.removeToken(), !0;
      }
      processExportDefault() {
        let exportedRuntimeValue = !0;
        if (this.tokens.matches4(_types.TokenType._export, _types.TokenType._default, _types.TokenType._function, _types.TokenType.name) || // export default async function
        this.tokens.matches5(_types.TokenType._export, _types.TokenType._default, _types.TokenType.name, _types.TokenType._function, _types.TokenType.name) && this.tokens.matchesContextualAtIndex(
          this.tokens.currentIndex() + 2,
          _keywords.ContextualKeyword._async
        )) {
          this.tokens.removeInitialToken(), this.tokens.removeToken();
          let name = this.processNamedFunction();
          this.tokens.appendCode(` exports.default = ${name};`);
        } else if (this.tokens.matches4(_types.TokenType._export, _types.TokenType._default, _types.TokenType._class, _types.TokenType.name) || this.tokens.matches5(_types.TokenType._export, _types.TokenType._default, _types.TokenType._abstract, _types.TokenType._class, _types.TokenType.name) || this.tokens.matches3(_types.TokenType._export, _types.TokenType._default, _types.TokenType.at)) {
          this.tokens.removeInitialToken(), this.tokens.removeToken(), this.copyDecorators(), this.tokens.matches1(_types.TokenType._abstract) && this.tokens.removeToken();
          let name = this.rootTransformer.processNamedClass();
          this.tokens.appendCode(` exports.default = ${name};`);
        } else if (_shouldElideDefaultExport2.default.call(
          void 0,
          this.isTypeScriptTransformEnabled,
          this.keepUnusedImports,
          this.tokens,
          this.declarationInfo
        ))
          exportedRuntimeValue = !1, this.tokens.removeInitialToken(), this.tokens.removeToken(), this.tokens.removeToken();
        else if (this.reactHotLoaderTransformer) {
          let defaultVarName = this.nameManager.claimFreeName("_default");
          this.tokens.replaceToken(`let ${defaultVarName}; exports.`), this.tokens.copyToken(), this.tokens.appendCode(` = ${defaultVarName} =`), this.reactHotLoaderTransformer.setExtractedDefaultExportName(defaultVarName);
        } else
          this.tokens.replaceToken("exports."), this.tokens.copyToken(), this.tokens.appendCode(" =");
        exportedRuntimeValue && (this.hadDefaultExport = !0);
      }
      copyDecorators() {
        for (; this.tokens.matches1(_types.TokenType.at); )
          if (this.tokens.copyToken(), this.tokens.matches1(_types.TokenType.parenL))
            this.tokens.copyExpectedToken(_types.TokenType.parenL), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(_types.TokenType.parenR);
          else {
            for (this.tokens.copyExpectedToken(_types.TokenType.name); this.tokens.matches1(_types.TokenType.dot); )
              this.tokens.copyExpectedToken(_types.TokenType.dot), this.tokens.copyExpectedToken(_types.TokenType.name);
            this.tokens.matches1(_types.TokenType.parenL) && (this.tokens.copyExpectedToken(_types.TokenType.parenL), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(_types.TokenType.parenR));
          }
      }
      /**
       * Transform a declaration like `export var`, `export let`, or `export const`.
       */
      processExportVar() {
        this.isSimpleExportVar() ? this.processSimpleExportVar() : this.processComplexExportVar();
      }
      /**
       * Determine if the export is of the form:
       * export var/let/const [varName] = [expr];
       * In other words, determine if function name inference might apply.
       */
      isSimpleExportVar() {
        let tokenIndex = this.tokens.currentIndex();
        if (tokenIndex++, tokenIndex++, !this.tokens.matches1AtIndex(tokenIndex, _types.TokenType.name))
          return !1;
        for (tokenIndex++; tokenIndex < this.tokens.tokens.length && this.tokens.tokens[tokenIndex].isType; )
          tokenIndex++;
        return !!this.tokens.matches1AtIndex(tokenIndex, _types.TokenType.eq);
      }
      /**
       * Transform an `export var` declaration initializing a single variable.
       *
       * For example, this:
       * export const f = () => {};
       * becomes this:
       * const f = () => {}; exports.f = f;
       *
       * The variable is unused (e.g. exports.f has the true value of the export).
       * We need to produce an assignment of this form so that the function will
       * have an inferred name of "f", which wouldn't happen in the more general
       * case below.
       */
      processSimpleExportVar() {
        this.tokens.removeInitialToken(), this.tokens.copyToken();
        let varName = this.tokens.identifierName();
        for (; !this.tokens.matches1(_types.TokenType.eq); )
          this.rootTransformer.processToken();
        let endIndex = this.tokens.currentToken().rhsEndIndex;
        if (endIndex == null)
          throw new Error("Expected = token with an end index.");
        for (; this.tokens.currentIndex() < endIndex; )
          this.rootTransformer.processToken();
        this.tokens.appendCode(`; exports.${varName} = ${varName}`);
      }
      /**
       * Transform normal declaration exports, including handling destructuring.
       * For example, this:
       * export const {x: [a = 2, b], c} = d;
       * becomes this:
       * ({x: [exports.a = 2, exports.b], c: exports.c} = d;)
       */
      processComplexExportVar() {
        this.tokens.removeInitialToken(), this.tokens.removeToken();
        let needsParens = this.tokens.matches1(_types.TokenType.braceL);
        needsParens && this.tokens.appendCode("(");
        let depth = 0;
        for (; ; )
          if (this.tokens.matches1(_types.TokenType.braceL) || this.tokens.matches1(_types.TokenType.dollarBraceL) || this.tokens.matches1(_types.TokenType.bracketL))
            depth++, this.tokens.copyToken();
          else if (this.tokens.matches1(_types.TokenType.braceR) || this.tokens.matches1(_types.TokenType.bracketR))
            depth--, this.tokens.copyToken();
          else {
            if (depth === 0 && !this.tokens.matches1(_types.TokenType.name) && !this.tokens.currentToken().isType)
              break;
            if (this.tokens.matches1(_types.TokenType.eq)) {
              let endIndex = this.tokens.currentToken().rhsEndIndex;
              if (endIndex == null)
                throw new Error("Expected = token with an end index.");
              for (; this.tokens.currentIndex() < endIndex; )
                this.rootTransformer.processToken();
            } else {
              let token = this.tokens.currentToken();
              if (_tokenizer.isDeclaration.call(void 0, token)) {
                let name = this.tokens.identifierName(), replacement = this.importProcessor.getIdentifierReplacement(name);
                if (replacement === null)
                  throw new Error(`Expected a replacement for ${name} in \`export var\` syntax.`);
                _tokenizer.isObjectShorthandDeclaration.call(void 0, token) && (replacement = `${name}: ${replacement}`), this.tokens.replaceToken(replacement);
              } else
                this.rootTransformer.processToken();
            }
          }
        if (needsParens) {
          let endIndex = this.tokens.currentToken().rhsEndIndex;
          if (endIndex == null)
            throw new Error("Expected = token with an end index.");
          for (; this.tokens.currentIndex() < endIndex; )
            this.rootTransformer.processToken();
          this.tokens.appendCode(")");
        }
      }
      /**
       * Transform this:
       * export function foo() {}
       * into this:
       * function foo() {} exports.foo = foo;
       */
      processExportFunction() {
        this.tokens.replaceToken("");
        let name = this.processNamedFunction();
        this.tokens.appendCode(` exports.${name} = ${name};`);
      }
      /**
       * Skip past a function with a name and return that name.
       */
      processNamedFunction() {
        if (this.tokens.matches1(_types.TokenType._function))
          this.tokens.copyToken();
        else if (this.tokens.matches2(_types.TokenType.name, _types.TokenType._function)) {
          if (!this.tokens.matchesContextual(_keywords.ContextualKeyword._async))
            throw new Error("Expected async keyword in function export.");
          this.tokens.copyToken(), this.tokens.copyToken();
        }
        if (this.tokens.matches1(_types.TokenType.star) && this.tokens.copyToken(), !this.tokens.matches1(_types.TokenType.name))
          throw new Error("Expected identifier for exported function name.");
        let name = this.tokens.identifierName();
        if (this.tokens.copyToken(), this.tokens.currentToken().isType)
          for (this.tokens.removeInitialToken(); this.tokens.currentToken().isType; )
            this.tokens.removeToken();
        return this.tokens.copyExpectedToken(_types.TokenType.parenL), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(_types.TokenType.parenR), this.rootTransformer.processPossibleTypeRange(), this.tokens.copyExpectedToken(_types.TokenType.braceL), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(_types.TokenType.braceR), name;
      }
      /**
       * Transform this:
       * export class A {}
       * into this:
       * class A {} exports.A = A;
       */
      processExportClass() {
        this.tokens.removeInitialToken(), this.copyDecorators(), this.tokens.matches1(_types.TokenType._abstract) && this.tokens.removeToken();
        let name = this.rootTransformer.processNamedClass();
        this.tokens.appendCode(` exports.${name} = ${name};`);
      }
      /**
       * Transform this:
       * export {a, b as c};
       * into this:
       * exports.a = a; exports.c = b;
       *
       * OR
       *
       * Transform this:
       * export {a, b as c} from './foo';
       * into the pre-generated Object.defineProperty code from the ImportProcessor.
       *
       * For the first case, if the TypeScript transform is enabled, we need to skip
       * exports that are only defined as types.
       */
      processExportBindings() {
        this.tokens.removeInitialToken(), this.tokens.removeToken();
        let isReExport = _isExportFrom2.default.call(void 0, this.tokens), exportStatements = [];
        for (; ; ) {
          if (this.tokens.matches1(_types.TokenType.braceR)) {
            this.tokens.removeToken();
            break;
          }
          let specifierInfo = _getImportExportSpecifierInfo2.default.call(void 0, this.tokens);
          for (; this.tokens.currentIndex() < specifierInfo.endIndex; )
            this.tokens.removeToken();
          if (!(specifierInfo.isType || !isReExport && this.shouldElideExportedIdentifier(specifierInfo.leftName))) {
            let exportedName = specifierInfo.rightName;
            exportedName === "default" ? this.hadDefaultExport = !0 : this.hadNamedExport = !0;
            let localName = specifierInfo.leftName, newLocalName = this.importProcessor.getIdentifierReplacement(localName);
            exportStatements.push(`exports.${exportedName} = ${newLocalName || localName};`);
          }
          if (this.tokens.matches1(_types.TokenType.braceR)) {
            this.tokens.removeToken();
            break;
          }
          if (this.tokens.matches2(_types.TokenType.comma, _types.TokenType.braceR)) {
            this.tokens.removeToken(), this.tokens.removeToken();
            break;
          } else if (this.tokens.matches1(_types.TokenType.comma))
            this.tokens.removeToken();
          else
            throw new Error(`Unexpected token: ${JSON.stringify(this.tokens.currentToken())}`);
        }
        if (this.tokens.matchesContextual(_keywords.ContextualKeyword._from)) {
          this.tokens.removeToken();
          let path = this.tokens.stringValue();
          this.tokens.replaceTokenTrimmingLeftWhitespace(this.importProcessor.claimImportCode(path)), _removeMaybeImportAttributes.removeMaybeImportAttributes.call(void 0, this.tokens);
        } else
          this.tokens.appendCode(exportStatements.join(" "));
        this.tokens.matches1(_types.TokenType.semi) && this.tokens.removeToken();
      }
      processExportStar() {
        for (this.tokens.removeInitialToken(); !this.tokens.matches1(_types.TokenType.string); )
          this.tokens.removeToken();
        let path = this.tokens.stringValue();
        this.tokens.replaceTokenTrimmingLeftWhitespace(this.importProcessor.claimImportCode(path)), _removeMaybeImportAttributes.removeMaybeImportAttributes.call(void 0, this.tokens), this.tokens.matches1(_types.TokenType.semi) && this.tokens.removeToken();
      }
      shouldElideExportedIdentifier(name) {
        return this.isTypeScriptTransformEnabled && !this.keepUnusedImports && !this.declarationInfo.valueDeclarations.has(name);
      }
    };
    exports.default = CJSImportTransformer;
  }
});

// node_modules/sucrase/dist/transformers/ESMImportTransformer.js
var require_ESMImportTransformer = __commonJS({
  "node_modules/sucrase/dist/transformers/ESMImportTransformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _keywords = require_keywords(), _types = require_types(), _elideImportEquals = require_elideImportEquals(), _elideImportEquals2 = _interopRequireDefault(_elideImportEquals), _getDeclarationInfo = require_getDeclarationInfo(), _getDeclarationInfo2 = _interopRequireDefault(_getDeclarationInfo), _getImportExportSpecifierInfo = require_getImportExportSpecifierInfo(), _getImportExportSpecifierInfo2 = _interopRequireDefault(_getImportExportSpecifierInfo), _getNonTypeIdentifiers = require_getNonTypeIdentifiers(), _isExportFrom = require_isExportFrom(), _isExportFrom2 = _interopRequireDefault(_isExportFrom), _removeMaybeImportAttributes = require_removeMaybeImportAttributes(), _shouldElideDefaultExport = require_shouldElideDefaultExport(), _shouldElideDefaultExport2 = _interopRequireDefault(_shouldElideDefaultExport), _Transformer = require_Transformer(), _Transformer2 = _interopRequireDefault(_Transformer), ESMImportTransformer = class extends _Transformer2.default {
      constructor(tokens, nameManager, helperManager, reactHotLoaderTransformer, isTypeScriptTransformEnabled, isFlowTransformEnabled, keepUnusedImports, options) {
        super(), this.tokens = tokens, this.nameManager = nameManager, this.helperManager = helperManager, this.reactHotLoaderTransformer = reactHotLoaderTransformer, this.isTypeScriptTransformEnabled = isTypeScriptTransformEnabled, this.isFlowTransformEnabled = isFlowTransformEnabled, this.keepUnusedImports = keepUnusedImports, this.nonTypeIdentifiers = isTypeScriptTransformEnabled && !keepUnusedImports ? _getNonTypeIdentifiers.getNonTypeIdentifiers.call(void 0, tokens, options) : /* @__PURE__ */ new Set(), this.declarationInfo = isTypeScriptTransformEnabled && !keepUnusedImports ? _getDeclarationInfo2.default.call(void 0, tokens) : _getDeclarationInfo.EMPTY_DECLARATION_INFO, this.injectCreateRequireForImportRequire = !!options.injectCreateRequireForImportRequire;
      }
      process() {
        if (this.tokens.matches3(_types.TokenType._import, _types.TokenType.name, _types.TokenType.eq))
          return this.processImportEquals();
        if (this.tokens.matches4(_types.TokenType._import, _types.TokenType.name, _types.TokenType.name, _types.TokenType.eq) && this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 1, _keywords.ContextualKeyword._type)) {
          this.tokens.removeInitialToken();
          for (let i = 0; i < 7; i++)
            this.tokens.removeToken();
          return !0;
        }
        if (this.tokens.matches2(_types.TokenType._export, _types.TokenType.eq))
          return this.tokens.replaceToken("module.exports"), !0;
        if (this.tokens.matches5(_types.TokenType._export, _types.TokenType._import, _types.TokenType.name, _types.TokenType.name, _types.TokenType.eq) && this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 2, _keywords.ContextualKeyword._type)) {
          this.tokens.removeInitialToken();
          for (let i = 0; i < 8; i++)
            this.tokens.removeToken();
          return !0;
        }
        if (this.tokens.matches1(_types.TokenType._import))
          return this.processImport();
        if (this.tokens.matches2(_types.TokenType._export, _types.TokenType._default))
          return this.processExportDefault();
        if (this.tokens.matches2(_types.TokenType._export, _types.TokenType.braceL))
          return this.processNamedExports();
        if (this.tokens.matches2(_types.TokenType._export, _types.TokenType.name) && this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 1, _keywords.ContextualKeyword._type)) {
          if (this.tokens.removeInitialToken(), this.tokens.removeToken(), this.tokens.matches1(_types.TokenType.braceL)) {
            for (; !this.tokens.matches1(_types.TokenType.braceR); )
              this.tokens.removeToken();
            this.tokens.removeToken();
          } else
            this.tokens.removeToken(), this.tokens.matches1(_types.TokenType._as) && (this.tokens.removeToken(), this.tokens.removeToken());
          return this.tokens.matchesContextual(_keywords.ContextualKeyword._from) && this.tokens.matches1AtIndex(this.tokens.currentIndex() + 1, _types.TokenType.string) && (this.tokens.removeToken(), this.tokens.removeToken(), _removeMaybeImportAttributes.removeMaybeImportAttributes.call(void 0, this.tokens)), !0;
        }
        return !1;
      }
      processImportEquals() {
        let importName = this.tokens.identifierNameAtIndex(this.tokens.currentIndex() + 1);
        return this.shouldAutomaticallyElideImportedName(importName) ? _elideImportEquals2.default.call(void 0, this.tokens) : this.injectCreateRequireForImportRequire ? (this.tokens.replaceToken("const"), this.tokens.copyToken(), this.tokens.copyToken(), this.tokens.replaceToken(this.helperManager.getHelperName("require"))) : this.tokens.replaceToken("const"), !0;
      }
      processImport() {
        if (this.tokens.matches2(_types.TokenType._import, _types.TokenType.parenL))
          return !1;
        let snapshot = this.tokens.snapshot();
        if (this.removeImportTypeBindings()) {
          for (this.tokens.restoreToSnapshot(snapshot); !this.tokens.matches1(_types.TokenType.string); )
            this.tokens.removeToken();
          this.tokens.removeToken(), _removeMaybeImportAttributes.removeMaybeImportAttributes.call(void 0, this.tokens), this.tokens.matches1(_types.TokenType.semi) && this.tokens.removeToken();
        }
        return !0;
      }
      /**
       * Remove type bindings from this import, leaving the rest of the import intact.
       *
       * Return true if this import was ONLY types, and thus is eligible for removal. This will bail out
       * of the replacement operation, so we can return early here.
       */
      removeImportTypeBindings() {
        if (this.tokens.copyExpectedToken(_types.TokenType._import), this.tokens.matchesContextual(_keywords.ContextualKeyword._type) && !this.tokens.matches1AtIndex(this.tokens.currentIndex() + 1, _types.TokenType.comma) && !this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 1, _keywords.ContextualKeyword._from))
          return !0;
        if (this.tokens.matches1(_types.TokenType.string))
          return this.tokens.copyToken(), !1;
        this.tokens.matchesContextual(_keywords.ContextualKeyword._module) && this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 2, _keywords.ContextualKeyword._from) && this.tokens.copyToken();
        let foundNonTypeImport = !1, foundAnyNamedImport = !1, needsComma = !1;
        if (this.tokens.matches1(_types.TokenType.name) && (this.shouldAutomaticallyElideImportedName(this.tokens.identifierName()) ? (this.tokens.removeToken(), this.tokens.matches1(_types.TokenType.comma) && this.tokens.removeToken()) : (foundNonTypeImport = !0, this.tokens.copyToken(), this.tokens.matches1(_types.TokenType.comma) && (needsComma = !0, this.tokens.removeToken()))), this.tokens.matches1(_types.TokenType.star))
          this.shouldAutomaticallyElideImportedName(this.tokens.identifierNameAtRelativeIndex(2)) ? (this.tokens.removeToken(), this.tokens.removeToken(), this.tokens.removeToken()) : (needsComma && this.tokens.appendCode(","), foundNonTypeImport = !0, this.tokens.copyExpectedToken(_types.TokenType.star), this.tokens.copyExpectedToken(_types.TokenType.name), this.tokens.copyExpectedToken(_types.TokenType.name));
        else if (this.tokens.matches1(_types.TokenType.braceL)) {
          for (needsComma && this.tokens.appendCode(","), this.tokens.copyToken(); !this.tokens.matches1(_types.TokenType.braceR); ) {
            foundAnyNamedImport = !0;
            let specifierInfo = _getImportExportSpecifierInfo2.default.call(void 0, this.tokens);
            if (specifierInfo.isType || this.shouldAutomaticallyElideImportedName(specifierInfo.rightName)) {
              for (; this.tokens.currentIndex() < specifierInfo.endIndex; )
                this.tokens.removeToken();
              this.tokens.matches1(_types.TokenType.comma) && this.tokens.removeToken();
            } else {
              for (foundNonTypeImport = !0; this.tokens.currentIndex() < specifierInfo.endIndex; )
                this.tokens.copyToken();
              this.tokens.matches1(_types.TokenType.comma) && this.tokens.copyToken();
            }
          }
          this.tokens.copyExpectedToken(_types.TokenType.braceR);
        }
        return this.keepUnusedImports ? !1 : this.isTypeScriptTransformEnabled ? !foundNonTypeImport : this.isFlowTransformEnabled ? foundAnyNamedImport && !foundNonTypeImport : !1;
      }
      shouldAutomaticallyElideImportedName(name) {
        return this.isTypeScriptTransformEnabled && !this.keepUnusedImports && !this.nonTypeIdentifiers.has(name);
      }
      processExportDefault() {
        if (_shouldElideDefaultExport2.default.call(
          void 0,
          this.isTypeScriptTransformEnabled,
          this.keepUnusedImports,
          this.tokens,
          this.declarationInfo
        ))
          return this.tokens.removeInitialToken(), this.tokens.removeToken(), this.tokens.removeToken(), !0;
        if (!(this.tokens.matches4(_types.TokenType._export, _types.TokenType._default, _types.TokenType._function, _types.TokenType.name) || // export default async function
        this.tokens.matches5(_types.TokenType._export, _types.TokenType._default, _types.TokenType.name, _types.TokenType._function, _types.TokenType.name) && this.tokens.matchesContextualAtIndex(
          this.tokens.currentIndex() + 2,
          _keywords.ContextualKeyword._async
        ) || this.tokens.matches4(_types.TokenType._export, _types.TokenType._default, _types.TokenType._class, _types.TokenType.name) || this.tokens.matches5(_types.TokenType._export, _types.TokenType._default, _types.TokenType._abstract, _types.TokenType._class, _types.TokenType.name)) && this.reactHotLoaderTransformer) {
          let defaultVarName = this.nameManager.claimFreeName("_default");
          return this.tokens.replaceToken(`let ${defaultVarName}; export`), this.tokens.copyToken(), this.tokens.appendCode(` ${defaultVarName} =`), this.reactHotLoaderTransformer.setExtractedDefaultExportName(defaultVarName), !0;
        }
        return !1;
      }
      /**
       * Handle a statement with one of these forms:
       * export {a, type b};
       * export {c, type d} from 'foo';
       *
       * In both cases, any explicit type exports should be removed. In the first
       * case, we also need to handle implicit export elision for names declared as
       * types. In the second case, we must NOT do implicit named export elision,
       * but we must remove the runtime import if all exports are type exports.
       */
      processNamedExports() {
        if (!this.isTypeScriptTransformEnabled)
          return !1;
        this.tokens.copyExpectedToken(_types.TokenType._export), this.tokens.copyExpectedToken(_types.TokenType.braceL);
        let isReExport = _isExportFrom2.default.call(void 0, this.tokens), foundNonTypeExport = !1;
        for (; !this.tokens.matches1(_types.TokenType.braceR); ) {
          let specifierInfo = _getImportExportSpecifierInfo2.default.call(void 0, this.tokens);
          if (specifierInfo.isType || !isReExport && this.shouldElideExportedName(specifierInfo.leftName)) {
            for (; this.tokens.currentIndex() < specifierInfo.endIndex; )
              this.tokens.removeToken();
            this.tokens.matches1(_types.TokenType.comma) && this.tokens.removeToken();
          } else {
            for (foundNonTypeExport = !0; this.tokens.currentIndex() < specifierInfo.endIndex; )
              this.tokens.copyToken();
            this.tokens.matches1(_types.TokenType.comma) && this.tokens.copyToken();
          }
        }
        return this.tokens.copyExpectedToken(_types.TokenType.braceR), !this.keepUnusedImports && isReExport && !foundNonTypeExport && (this.tokens.removeToken(), this.tokens.removeToken(), _removeMaybeImportAttributes.removeMaybeImportAttributes.call(void 0, this.tokens)), !0;
      }
      /**
       * ESM elides all imports with the rule that we only elide if we see that it's
       * a type and never see it as a value. This is in contrast to CJS, which
       * elides imports that are completely unknown.
       */
      shouldElideExportedName(name) {
        return this.isTypeScriptTransformEnabled && !this.keepUnusedImports && this.declarationInfo.typeDeclarations.has(name) && !this.declarationInfo.valueDeclarations.has(name);
      }
    };
    exports.default = ESMImportTransformer;
  }
});

// node_modules/sucrase/dist/transformers/FlowTransformer.js
var require_FlowTransformer = __commonJS({
  "node_modules/sucrase/dist/transformers/FlowTransformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _keywords = require_keywords(), _types = require_types(), _Transformer = require_Transformer(), _Transformer2 = _interopRequireDefault(_Transformer), FlowTransformer = class extends _Transformer2.default {
      constructor(rootTransformer, tokens, isImportsTransformEnabled) {
        super(), this.rootTransformer = rootTransformer, this.tokens = tokens, this.isImportsTransformEnabled = isImportsTransformEnabled;
      }
      process() {
        return this.rootTransformer.processPossibleArrowParamEnd() || this.rootTransformer.processPossibleAsyncArrowWithTypeParams() || this.rootTransformer.processPossibleTypeRange() ? !0 : this.tokens.matches1(_types.TokenType._enum) ? (this.processEnum(), !0) : this.tokens.matches2(_types.TokenType._export, _types.TokenType._enum) ? (this.processNamedExportEnum(), !0) : this.tokens.matches3(_types.TokenType._export, _types.TokenType._default, _types.TokenType._enum) ? (this.processDefaultExportEnum(), !0) : !1;
      }
      /**
       * Handle a declaration like:
       * export enum E ...
       *
       * With this imports transform, this becomes:
       * const E = [[enum]]; exports.E = E;
       *
       * otherwise, it becomes:
       * export const E = [[enum]];
       */
      processNamedExportEnum() {
        if (this.isImportsTransformEnabled) {
          this.tokens.removeInitialToken();
          let enumName = this.tokens.identifierNameAtRelativeIndex(1);
          this.processEnum(), this.tokens.appendCode(` exports.${enumName} = ${enumName};`);
        } else
          this.tokens.copyToken(), this.processEnum();
      }
      /**
       * Handle a declaration like:
       * export default enum E
       *
       * With the imports transform, this becomes:
       * const E = [[enum]]; exports.default = E;
       *
       * otherwise, it becomes:
       * const E = [[enum]]; export default E;
       */
      processDefaultExportEnum() {
        this.tokens.removeInitialToken(), this.tokens.removeToken();
        let enumName = this.tokens.identifierNameAtRelativeIndex(1);
        this.processEnum(), this.isImportsTransformEnabled ? this.tokens.appendCode(` exports.default = ${enumName};`) : this.tokens.appendCode(` export default ${enumName};`);
      }
      /**
       * Transpile flow enums to invoke the "flow-enums-runtime" library.
       *
       * Currently, the transpiled code always uses `require("flow-enums-runtime")`,
       * but if future flexibility is needed, we could expose a config option for
       * this string (similar to configurable JSX). Even when targeting ESM, the
       * default behavior of babel-plugin-transform-flow-enums is to use require
       * rather than injecting an import.
       *
       * Flow enums are quite a bit simpler than TS enums and have some convenient
       * constraints:
       * - Element initializers must be either always present or always absent. That
       *   means that we can use fixed lookahead on the first element (if any) and
       *   assume that all elements are like that.
       * - The right-hand side of an element initializer must be a literal value,
       *   not a complex expression and not referencing other elements. That means
       *   we can simply copy a single token.
       *
       * Enums can be broken up into three basic cases:
       *
       * Mirrored enums:
       * enum E {A, B}
       *   ->
       * const E = require("flow-enums-runtime").Mirrored(["A", "B"]);
       *
       * Initializer enums:
       * enum E {A = 1, B = 2}
       *   ->
       * const E = require("flow-enums-runtime")({A: 1, B: 2});
       *
       * Symbol enums:
       * enum E of symbol {A, B}
       *   ->
       * const E = require("flow-enums-runtime")({A: Symbol("A"), B: Symbol("B")});
       *
       * We can statically detect which of the three cases this is by looking at the
       * "of" declaration (if any) and seeing if the first element has an initializer.
       * Since the other transform details are so similar between the three cases, we
       * use a single implementation and vary the transform within processEnumElement
       * based on case.
       */
      processEnum() {
        this.tokens.replaceToken("const"), this.tokens.copyExpectedToken(_types.TokenType.name);
        let isSymbolEnum = !1;
        this.tokens.matchesContextual(_keywords.ContextualKeyword._of) && (this.tokens.removeToken(), isSymbolEnum = this.tokens.matchesContextual(_keywords.ContextualKeyword._symbol), this.tokens.removeToken());
        let hasInitializers = this.tokens.matches3(_types.TokenType.braceL, _types.TokenType.name, _types.TokenType.eq);
        this.tokens.appendCode(' = require("flow-enums-runtime")');
        let isMirrored = !isSymbolEnum && !hasInitializers;
        for (this.tokens.replaceTokenTrimmingLeftWhitespace(isMirrored ? ".Mirrored([" : "({"); !this.tokens.matches1(_types.TokenType.braceR); ) {
          if (this.tokens.matches1(_types.TokenType.ellipsis)) {
            this.tokens.removeToken();
            break;
          }
          this.processEnumElement(isSymbolEnum, hasInitializers), this.tokens.matches1(_types.TokenType.comma) && this.tokens.copyToken();
        }
        this.tokens.replaceToken(isMirrored ? "]);" : "});");
      }
      /**
       * Process an individual enum element, producing either an array element or an
       * object element based on what type of enum this is.
       */
      processEnumElement(isSymbolEnum, hasInitializers) {
        if (isSymbolEnum) {
          let elementName = this.tokens.identifierName();
          this.tokens.copyToken(), this.tokens.appendCode(`: Symbol("${elementName}")`);
        } else hasInitializers ? (this.tokens.copyToken(), this.tokens.replaceTokenTrimmingLeftWhitespace(":"), this.tokens.copyToken()) : this.tokens.replaceToken(`"${this.tokens.identifierName()}"`);
      }
    };
    exports.default = FlowTransformer;
  }
});

// node_modules/sucrase/dist/transformers/JestHoistTransformer.js
var require_JestHoistTransformer = __commonJS({
  "node_modules/sucrase/dist/transformers/JestHoistTransformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    function _optionalChain(ops) {
      let lastAccessLHS, value = ops[0], i = 1;
      for (; i < ops.length; ) {
        let op = ops[i], fn = ops[i + 1];
        if (i += 2, (op === "optionalAccess" || op === "optionalCall") && value == null)
          return;
        op === "access" || op === "optionalAccess" ? (lastAccessLHS = value, value = fn(value)) : (op === "call" || op === "optionalCall") && (value = fn((...args) => value.call(lastAccessLHS, ...args)), lastAccessLHS = void 0);
      }
      return value;
    }
    var _types = require_types(), _Transformer = require_Transformer(), _Transformer2 = _interopRequireDefault(_Transformer), JEST_GLOBAL_NAME = "jest", HOISTED_METHODS = ["mock", "unmock", "enableAutomock", "disableAutomock"], JestHoistTransformer = class _JestHoistTransformer extends _Transformer2.default {
      __init() {
        this.hoistedFunctionNames = [];
      }
      constructor(rootTransformer, tokens, nameManager, importProcessor) {
        super(), this.rootTransformer = rootTransformer, this.tokens = tokens, this.nameManager = nameManager, this.importProcessor = importProcessor, _JestHoistTransformer.prototype.__init.call(this);
      }
      process() {
        return this.tokens.currentToken().scopeDepth === 0 && this.tokens.matches4(_types.TokenType.name, _types.TokenType.dot, _types.TokenType.name, _types.TokenType.parenL) && this.tokens.identifierName() === JEST_GLOBAL_NAME ? _optionalChain([this, "access", (_) => _.importProcessor, "optionalAccess", (_2) => _2.getGlobalNames, "call", (_3) => _3(), "optionalAccess", (_4) => _4.has, "call", (_5) => _5(JEST_GLOBAL_NAME)]) ? !1 : this.extractHoistedCalls() : !1;
      }
      getHoistedCode() {
        return this.hoistedFunctionNames.length > 0 ? this.hoistedFunctionNames.map((name) => `${name}();`).join("") : "";
      }
      /**
       * Extracts any methods calls on the jest-object that should be hoisted.
       *
       * According to the jest docs, https://jestjs.io/docs/en/jest-object#jestmockmodulename-factory-options,
       * mock, unmock, enableAutomock, disableAutomock, are the methods that should be hoisted.
       *
       * We do not apply the same checks of the arguments as babel-plugin-jest-hoist does.
       */
      extractHoistedCalls() {
        this.tokens.removeToken();
        let followsNonHoistedJestCall = !1;
        for (; this.tokens.matches3(_types.TokenType.dot, _types.TokenType.name, _types.TokenType.parenL); ) {
          let methodName = this.tokens.identifierNameAtIndex(this.tokens.currentIndex() + 1);
          if (HOISTED_METHODS.includes(methodName)) {
            let hoistedFunctionName = this.nameManager.claimFreeName("__jestHoist");
            this.hoistedFunctionNames.push(hoistedFunctionName), this.tokens.replaceToken(`function ${hoistedFunctionName}(){${JEST_GLOBAL_NAME}.`), this.tokens.copyToken(), this.tokens.copyToken(), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(_types.TokenType.parenR), this.tokens.appendCode(";}"), followsNonHoistedJestCall = !1;
          } else
            followsNonHoistedJestCall ? this.tokens.copyToken() : this.tokens.replaceToken(`${JEST_GLOBAL_NAME}.`), this.tokens.copyToken(), this.tokens.copyToken(), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(_types.TokenType.parenR), followsNonHoistedJestCall = !0;
        }
        return !0;
      }
    };
    exports.default = JestHoistTransformer;
  }
});

// node_modules/sucrase/dist/transformers/NumericSeparatorTransformer.js
var require_NumericSeparatorTransformer = __commonJS({
  "node_modules/sucrase/dist/transformers/NumericSeparatorTransformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _types = require_types(), _Transformer = require_Transformer(), _Transformer2 = _interopRequireDefault(_Transformer), NumericSeparatorTransformer = class extends _Transformer2.default {
      constructor(tokens) {
        super(), this.tokens = tokens;
      }
      process() {
        if (this.tokens.matches1(_types.TokenType.num)) {
          let code = this.tokens.currentTokenCode();
          if (code.includes("_"))
            return this.tokens.replaceToken(code.replace(/_/g, "")), !0;
        }
        return !1;
      }
    };
    exports.default = NumericSeparatorTransformer;
  }
});

// node_modules/sucrase/dist/transformers/OptionalCatchBindingTransformer.js
var require_OptionalCatchBindingTransformer = __commonJS({
  "node_modules/sucrase/dist/transformers/OptionalCatchBindingTransformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _types = require_types(), _Transformer = require_Transformer(), _Transformer2 = _interopRequireDefault(_Transformer), OptionalCatchBindingTransformer = class extends _Transformer2.default {
      constructor(tokens, nameManager) {
        super(), this.tokens = tokens, this.nameManager = nameManager;
      }
      process() {
        return this.tokens.matches2(_types.TokenType._catch, _types.TokenType.braceL) ? (this.tokens.copyToken(), this.tokens.appendCode(` (${this.nameManager.claimFreeName("e")})`), !0) : !1;
      }
    };
    exports.default = OptionalCatchBindingTransformer;
  }
});

// node_modules/sucrase/dist/transformers/OptionalChainingNullishTransformer.js
var require_OptionalChainingNullishTransformer = __commonJS({
  "node_modules/sucrase/dist/transformers/OptionalChainingNullishTransformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _types = require_types(), _Transformer = require_Transformer(), _Transformer2 = _interopRequireDefault(_Transformer), OptionalChainingNullishTransformer = class extends _Transformer2.default {
      constructor(tokens, nameManager) {
        super(), this.tokens = tokens, this.nameManager = nameManager;
      }
      process() {
        if (this.tokens.matches1(_types.TokenType.nullishCoalescing)) {
          let token2 = this.tokens.currentToken();
          return this.tokens.tokens[token2.nullishStartIndex].isAsyncOperation ? this.tokens.replaceTokenTrimmingLeftWhitespace(", async () => (") : this.tokens.replaceTokenTrimmingLeftWhitespace(", () => ("), !0;
        }
        if (this.tokens.matches1(_types.TokenType._delete) && this.tokens.tokenAtRelativeIndex(1).isOptionalChainStart)
          return this.tokens.removeInitialToken(), !0;
        let chainStart = this.tokens.currentToken().subscriptStartIndex;
        if (chainStart != null && this.tokens.tokens[chainStart].isOptionalChainStart && // Super subscripts can't be optional (since super is never null/undefined), and the syntax
        // relies on the subscript being intact, so leave this token alone.
        this.tokens.tokenAtRelativeIndex(-1).type !== _types.TokenType._super) {
          let param = this.nameManager.claimFreeName("_"), arrowStartSnippet;
          if (chainStart > 0 && this.tokens.matches1AtIndex(chainStart - 1, _types.TokenType._delete) && this.isLastSubscriptInChain() ? arrowStartSnippet = `${param} => delete ${param}` : arrowStartSnippet = `${param} => ${param}`, this.tokens.tokens[chainStart].isAsyncOperation && (arrowStartSnippet = `async ${arrowStartSnippet}`), this.tokens.matches2(_types.TokenType.questionDot, _types.TokenType.parenL) || this.tokens.matches2(_types.TokenType.questionDot, _types.TokenType.lessThan))
            this.justSkippedSuper() && this.tokens.appendCode(".bind(this)"), this.tokens.replaceTokenTrimmingLeftWhitespace(`, 'optionalCall', ${arrowStartSnippet}`);
          else if (this.tokens.matches2(_types.TokenType.questionDot, _types.TokenType.bracketL))
            this.tokens.replaceTokenTrimmingLeftWhitespace(`, 'optionalAccess', ${arrowStartSnippet}`);
          else if (this.tokens.matches1(_types.TokenType.questionDot))
            this.tokens.replaceTokenTrimmingLeftWhitespace(`, 'optionalAccess', ${arrowStartSnippet}.`);
          else if (this.tokens.matches1(_types.TokenType.dot))
            this.tokens.replaceTokenTrimmingLeftWhitespace(`, 'access', ${arrowStartSnippet}.`);
          else if (this.tokens.matches1(_types.TokenType.bracketL))
            this.tokens.replaceTokenTrimmingLeftWhitespace(`, 'access', ${arrowStartSnippet}[`);
          else if (this.tokens.matches1(_types.TokenType.parenL))
            this.justSkippedSuper() && this.tokens.appendCode(".bind(this)"), this.tokens.replaceTokenTrimmingLeftWhitespace(`, 'call', ${arrowStartSnippet}(`);
          else
            throw new Error("Unexpected subscript operator in optional chain.");
          return !0;
        }
        return !1;
      }
      /**
       * Determine if the current token is the last of its chain, so that we know whether it's eligible
       * to have a delete op inserted.
       *
       * We can do this by walking forward until we determine one way or another. Each
       * isOptionalChainStart token must be paired with exactly one isOptionalChainEnd token after it in
       * a nesting way, so we can track depth and walk to the end of the chain (the point where the
       * depth goes negative) and see if any other subscript token is after us in the chain.
       */
      isLastSubscriptInChain() {
        let depth = 0;
        for (let i = this.tokens.currentIndex() + 1; ; i++) {
          if (i >= this.tokens.tokens.length)
            throw new Error("Reached the end of the code while finding the end of the access chain.");
          if (this.tokens.tokens[i].isOptionalChainStart ? depth++ : this.tokens.tokens[i].isOptionalChainEnd && depth--, depth < 0)
            return !0;
          if (depth === 0 && this.tokens.tokens[i].subscriptStartIndex != null)
            return !1;
        }
      }
      /**
       * Determine if we are the open-paren in an expression like super.a()?.b.
       *
       * We can do this by walking backward to find the previous subscript. If that subscript was
       * preceded by a super, then we must be the subscript after it, so if this is a call expression,
       * we'll need to attach the right context.
       */
      justSkippedSuper() {
        let depth = 0, index = this.tokens.currentIndex() - 1;
        for (; ; ) {
          if (index < 0)
            throw new Error(
              "Reached the start of the code while finding the start of the access chain."
            );
          if (this.tokens.tokens[index].isOptionalChainStart ? depth-- : this.tokens.tokens[index].isOptionalChainEnd && depth++, depth < 0)
            return !1;
          if (depth === 0 && this.tokens.tokens[index].subscriptStartIndex != null)
            return this.tokens.tokens[index - 1].type === _types.TokenType._super;
          index--;
        }
      }
    };
    exports.default = OptionalChainingNullishTransformer;
  }
});

// node_modules/sucrase/dist/transformers/ReactDisplayNameTransformer.js
var require_ReactDisplayNameTransformer = __commonJS({
  "node_modules/sucrase/dist/transformers/ReactDisplayNameTransformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _tokenizer = require_tokenizer(), _types = require_types(), _Transformer = require_Transformer(), _Transformer2 = _interopRequireDefault(_Transformer), ReactDisplayNameTransformer = class extends _Transformer2.default {
      constructor(rootTransformer, tokens, importProcessor, options) {
        super(), this.rootTransformer = rootTransformer, this.tokens = tokens, this.importProcessor = importProcessor, this.options = options;
      }
      process() {
        let startIndex = this.tokens.currentIndex();
        if (this.tokens.identifierName() === "createReactClass") {
          let newName = this.importProcessor && this.importProcessor.getIdentifierReplacement("createReactClass");
          return newName ? this.tokens.replaceToken(`(0, ${newName})`) : this.tokens.copyToken(), this.tryProcessCreateClassCall(startIndex), !0;
        }
        if (this.tokens.matches3(_types.TokenType.name, _types.TokenType.dot, _types.TokenType.name) && this.tokens.identifierName() === "React" && this.tokens.identifierNameAtIndex(this.tokens.currentIndex() + 2) === "createClass") {
          let newName = this.importProcessor && this.importProcessor.getIdentifierReplacement("React") || "React";
          return newName ? (this.tokens.replaceToken(newName), this.tokens.copyToken(), this.tokens.copyToken()) : (this.tokens.copyToken(), this.tokens.copyToken(), this.tokens.copyToken()), this.tryProcessCreateClassCall(startIndex), !0;
        }
        return !1;
      }
      /**
       * This is called with the token position at the open-paren.
       */
      tryProcessCreateClassCall(startIndex) {
        let displayName = this.findDisplayName(startIndex);
        displayName && this.classNeedsDisplayName() && (this.tokens.copyExpectedToken(_types.TokenType.parenL), this.tokens.copyExpectedToken(_types.TokenType.braceL), this.tokens.appendCode(`displayName: '${displayName}',`), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(_types.TokenType.braceR), this.tokens.copyExpectedToken(_types.TokenType.parenR));
      }
      findDisplayName(startIndex) {
        return startIndex < 2 ? null : this.tokens.matches2AtIndex(startIndex - 2, _types.TokenType.name, _types.TokenType.eq) ? this.tokens.identifierNameAtIndex(startIndex - 2) : startIndex >= 2 && this.tokens.tokens[startIndex - 2].identifierRole === _tokenizer.IdentifierRole.ObjectKey ? this.tokens.identifierNameAtIndex(startIndex - 2) : this.tokens.matches2AtIndex(startIndex - 2, _types.TokenType._export, _types.TokenType._default) ? this.getDisplayNameFromFilename() : null;
      }
      getDisplayNameFromFilename() {
        let pathSegments = (this.options.filePath || "unknown").split("/"), filename = pathSegments[pathSegments.length - 1], dotIndex = filename.lastIndexOf("."), baseFilename = dotIndex === -1 ? filename : filename.slice(0, dotIndex);
        return baseFilename === "index" && pathSegments[pathSegments.length - 2] ? pathSegments[pathSegments.length - 2] : baseFilename;
      }
      /**
       * We only want to add a display name when this is a function call containing
       * one argument, which is an object literal without `displayName` as an
       * existing key.
       */
      classNeedsDisplayName() {
        let index = this.tokens.currentIndex();
        if (!this.tokens.matches2(_types.TokenType.parenL, _types.TokenType.braceL))
          return !1;
        let objectStartIndex = index + 1, objectContextId = this.tokens.tokens[objectStartIndex].contextId;
        if (objectContextId == null)
          throw new Error("Expected non-null context ID on object open-brace.");
        for (; index < this.tokens.tokens.length; index++) {
          let token = this.tokens.tokens[index];
          if (token.type === _types.TokenType.braceR && token.contextId === objectContextId) {
            index++;
            break;
          }
          if (this.tokens.identifierNameAtIndex(index) === "displayName" && this.tokens.tokens[index].identifierRole === _tokenizer.IdentifierRole.ObjectKey && token.contextId === objectContextId)
            return !1;
        }
        if (index === this.tokens.tokens.length)
          throw new Error("Unexpected end of input when processing React class.");
        return this.tokens.matches1AtIndex(index, _types.TokenType.parenR) || this.tokens.matches2AtIndex(index, _types.TokenType.comma, _types.TokenType.parenR);
      }
    };
    exports.default = ReactDisplayNameTransformer;
  }
});

// node_modules/sucrase/dist/transformers/ReactHotLoaderTransformer.js
var require_ReactHotLoaderTransformer = __commonJS({
  "node_modules/sucrase/dist/transformers/ReactHotLoaderTransformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _tokenizer = require_tokenizer(), _Transformer = require_Transformer(), _Transformer2 = _interopRequireDefault(_Transformer), ReactHotLoaderTransformer = class _ReactHotLoaderTransformer extends _Transformer2.default {
      __init() {
        this.extractedDefaultExportName = null;
      }
      constructor(tokens, filePath) {
        super(), this.tokens = tokens, this.filePath = filePath, _ReactHotLoaderTransformer.prototype.__init.call(this);
      }
      setExtractedDefaultExportName(extractedDefaultExportName) {
        this.extractedDefaultExportName = extractedDefaultExportName;
      }
      getPrefixCode() {
        return `
      (function () {
        var enterModule = require('react-hot-loader').enterModule;
        enterModule && enterModule(module);
      })();`.replace(/\s+/g, " ").trim();
      }
      getSuffixCode() {
        let topLevelNames = /* @__PURE__ */ new Set();
        for (let token of this.tokens.tokens)
          !token.isType && _tokenizer.isTopLevelDeclaration.call(void 0, token) && token.identifierRole !== _tokenizer.IdentifierRole.ImportDeclaration && topLevelNames.add(this.tokens.identifierNameForToken(token));
        let namesToRegister = Array.from(topLevelNames).map((name) => ({
          variableName: name,
          uniqueLocalName: name
        }));
        return this.extractedDefaultExportName && namesToRegister.push({
          variableName: this.extractedDefaultExportName,
          uniqueLocalName: "default"
        }), `
;(function () {
  var reactHotLoader = require('react-hot-loader').default;
  var leaveModule = require('react-hot-loader').leaveModule;
  if (!reactHotLoader) {
    return;
  }
${namesToRegister.map(
          ({ variableName, uniqueLocalName }) => `  reactHotLoader.register(${variableName}, "${uniqueLocalName}", ${JSON.stringify(
            this.filePath || ""
          )});`
        ).join(`
`)}
  leaveModule(module);
})();`;
      }
      process() {
        return !1;
      }
    };
    exports.default = ReactHotLoaderTransformer;
  }
});

// node_modules/sucrase/dist/util/isIdentifier.js
var require_isIdentifier = __commonJS({
  "node_modules/sucrase/dist/util/isIdentifier.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _identifier = require_identifier(), RESERVED_WORDS = /* @__PURE__ */ new Set([
      // Reserved keywords as of ECMAScript 2015
      "break",
      "case",
      "catch",
      "class",
      "const",
      "continue",
      "debugger",
      "default",
      "delete",
      "do",
      "else",
      "export",
      "extends",
      "finally",
      "for",
      "function",
      "if",
      "import",
      "in",
      "instanceof",
      "new",
      "return",
      "super",
      "switch",
      "this",
      "throw",
      "try",
      "typeof",
      "var",
      "void",
      "while",
      "with",
      "yield",
      // Future reserved keywords
      "enum",
      "implements",
      "interface",
      "let",
      "package",
      "private",
      "protected",
      "public",
      "static",
      "await",
      // Literals that cannot be used as identifiers
      "false",
      "null",
      "true"
    ]);
    function isIdentifier(name) {
      if (name.length === 0 || !_identifier.IS_IDENTIFIER_START[name.charCodeAt(0)])
        return !1;
      for (let i = 1; i < name.length; i++)
        if (!_identifier.IS_IDENTIFIER_CHAR[name.charCodeAt(i)])
          return !1;
      return !RESERVED_WORDS.has(name);
    }
    exports.default = isIdentifier;
  }
});

// node_modules/sucrase/dist/transformers/TypeScriptTransformer.js
var require_TypeScriptTransformer = __commonJS({
  "node_modules/sucrase/dist/transformers/TypeScriptTransformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _types = require_types(), _isIdentifier = require_isIdentifier(), _isIdentifier2 = _interopRequireDefault(_isIdentifier), _Transformer = require_Transformer(), _Transformer2 = _interopRequireDefault(_Transformer), TypeScriptTransformer = class extends _Transformer2.default {
      constructor(rootTransformer, tokens, isImportsTransformEnabled) {
        super(), this.rootTransformer = rootTransformer, this.tokens = tokens, this.isImportsTransformEnabled = isImportsTransformEnabled;
      }
      process() {
        return this.rootTransformer.processPossibleArrowParamEnd() || this.rootTransformer.processPossibleAsyncArrowWithTypeParams() || this.rootTransformer.processPossibleTypeRange() ? !0 : this.tokens.matches1(_types.TokenType._public) || this.tokens.matches1(_types.TokenType._protected) || this.tokens.matches1(_types.TokenType._private) || this.tokens.matches1(_types.TokenType._abstract) || this.tokens.matches1(_types.TokenType._readonly) || this.tokens.matches1(_types.TokenType._override) || this.tokens.matches1(_types.TokenType.nonNullAssertion) ? (this.tokens.removeInitialToken(), !0) : this.tokens.matches1(_types.TokenType._enum) || this.tokens.matches2(_types.TokenType._const, _types.TokenType._enum) ? (this.processEnum(), !0) : this.tokens.matches2(_types.TokenType._export, _types.TokenType._enum) || this.tokens.matches3(_types.TokenType._export, _types.TokenType._const, _types.TokenType._enum) ? (this.processEnum(!0), !0) : !1;
      }
      processEnum(isExport = !1) {
        for (this.tokens.removeInitialToken(); this.tokens.matches1(_types.TokenType._const) || this.tokens.matches1(_types.TokenType._enum); )
          this.tokens.removeToken();
        let enumName = this.tokens.identifierName();
        this.tokens.removeToken(), isExport && !this.isImportsTransformEnabled && this.tokens.appendCode("export "), this.tokens.appendCode(`var ${enumName}; (function (${enumName})`), this.tokens.copyExpectedToken(_types.TokenType.braceL), this.processEnumBody(enumName), this.tokens.copyExpectedToken(_types.TokenType.braceR), isExport && this.isImportsTransformEnabled ? this.tokens.appendCode(`)(${enumName} || (exports.${enumName} = ${enumName} = {}));`) : this.tokens.appendCode(`)(${enumName} || (${enumName} = {}));`);
      }
      /**
       * Transform an enum into equivalent JS. This has complexity in a few places:
       * - TS allows string enums, numeric enums, and a mix of the two styles within an enum.
       * - Enum keys are allowed to be referenced in later enum values.
       * - Enum keys are allowed to be strings.
       * - When enum values are omitted, they should follow an auto-increment behavior.
       */
      processEnumBody(enumName) {
        let previousValueCode = null;
        for (; !this.tokens.matches1(_types.TokenType.braceR); ) {
          let { nameStringCode, variableName } = this.extractEnumKeyInfo(this.tokens.currentToken());
          this.tokens.removeInitialToken(), this.tokens.matches3(_types.TokenType.eq, _types.TokenType.string, _types.TokenType.comma) || this.tokens.matches3(_types.TokenType.eq, _types.TokenType.string, _types.TokenType.braceR) ? this.processStringLiteralEnumMember(enumName, nameStringCode, variableName) : this.tokens.matches1(_types.TokenType.eq) ? this.processExplicitValueEnumMember(enumName, nameStringCode, variableName) : this.processImplicitValueEnumMember(
            enumName,
            nameStringCode,
            variableName,
            previousValueCode
          ), this.tokens.matches1(_types.TokenType.comma) && this.tokens.removeToken(), variableName != null ? previousValueCode = variableName : previousValueCode = `${enumName}[${nameStringCode}]`;
        }
      }
      /**
       * Detect name information about this enum key, which will be used to determine which code to emit
       * and whether we should declare a variable as part of this declaration.
       *
       * Some cases to keep in mind:
       * - Enum keys can be implicitly referenced later, e.g. `X = 1, Y = X`. In Sucrase, we implement
       *   this by declaring a variable `X` so that later expressions can use it.
       * - In addition to the usual identifier key syntax, enum keys are allowed to be string literals,
       *   e.g. `"hello world" = 3,`. Template literal syntax is NOT allowed.
       * - Even if the enum key is defined as a string literal, it may still be referenced by identifier
       *   later, e.g. `"X" = 1, Y = X`. That means that we need to detect whether or not a string
       *   literal is identifier-like and emit a variable if so, even if the declaration did not use an
       *   identifier.
       * - Reserved keywords like `break` are valid enum keys, but are not valid to be referenced later
       *   and would be a syntax error if we emitted a variable, so we need to skip the variable
       *   declaration in those cases.
       *
       * The variableName return value captures these nuances: if non-null, we can and must emit a
       * variable declaration, and if null, we can't and shouldn't.
       */
      extractEnumKeyInfo(nameToken) {
        if (nameToken.type === _types.TokenType.name) {
          let name = this.tokens.identifierNameForToken(nameToken);
          return {
            nameStringCode: `"${name}"`,
            variableName: _isIdentifier2.default.call(void 0, name) ? name : null
          };
        } else if (nameToken.type === _types.TokenType.string) {
          let name = this.tokens.stringValueForToken(nameToken);
          return {
            nameStringCode: this.tokens.code.slice(nameToken.start, nameToken.end),
            variableName: _isIdentifier2.default.call(void 0, name) ? name : null
          };
        } else
          throw new Error("Expected name or string at beginning of enum element.");
      }
      /**
       * Handle an enum member where the RHS is just a string literal (not omitted, not a number, and
       * not a complex expression). This is the typical form for TS string enums, and in this case, we
       * do *not* create a reverse mapping.
       *
       * This is called after deleting the key token, when the token processor is at the equals sign.
       *
       * Example 1:
       * someKey = "some value"
       * ->
       * const someKey = "some value"; MyEnum["someKey"] = someKey;
       *
       * Example 2:
       * "some key" = "some value"
       * ->
       * MyEnum["some key"] = "some value";
       */
      processStringLiteralEnumMember(enumName, nameStringCode, variableName) {
        variableName != null ? (this.tokens.appendCode(`const ${variableName}`), this.tokens.copyToken(), this.tokens.copyToken(), this.tokens.appendCode(`; ${enumName}[${nameStringCode}] = ${variableName};`)) : (this.tokens.appendCode(`${enumName}[${nameStringCode}]`), this.tokens.copyToken(), this.tokens.copyToken(), this.tokens.appendCode(";"));
      }
      /**
       * Handle an enum member initialized with an expression on the right-hand side (other than a
       * string literal). In these cases, we should transform the expression and emit code that sets up
       * a reverse mapping.
       *
       * The TypeScript implementation of this operation distinguishes between expressions that can be
       * "constant folded" at compile time (i.e. consist of number literals and simple math operations
       * on those numbers) and ones that are dynamic. For constant expressions, it emits the resolved
       * numeric value, and auto-incrementing is only allowed in that case. Evaluating expressions at
       * compile time would add significant complexity to Sucrase, so Sucrase instead leaves the
       * expression as-is, and will later emit something like `MyEnum["previousKey"] + 1` to implement
       * auto-incrementing.
       *
       * This is called after deleting the key token, when the token processor is at the equals sign.
       *
       * Example 1:
       * someKey = 1 + 1
       * ->
       * const someKey = 1 + 1; MyEnum[MyEnum["someKey"] = someKey] = "someKey";
       *
       * Example 2:
       * "some key" = 1 + 1
       * ->
       * MyEnum[MyEnum["some key"] = 1 + 1] = "some key";
       */
      processExplicitValueEnumMember(enumName, nameStringCode, variableName) {
        let rhsEndIndex = this.tokens.currentToken().rhsEndIndex;
        if (rhsEndIndex == null)
          throw new Error("Expected rhsEndIndex on enum assign.");
        if (variableName != null) {
          for (this.tokens.appendCode(`const ${variableName}`), this.tokens.copyToken(); this.tokens.currentIndex() < rhsEndIndex; )
            this.rootTransformer.processToken();
          this.tokens.appendCode(
            `; ${enumName}[${enumName}[${nameStringCode}] = ${variableName}] = ${nameStringCode};`
          );
        } else {
          for (this.tokens.appendCode(`${enumName}[${enumName}[${nameStringCode}]`), this.tokens.copyToken(); this.tokens.currentIndex() < rhsEndIndex; )
            this.rootTransformer.processToken();
          this.tokens.appendCode(`] = ${nameStringCode};`);
        }
      }
      /**
       * Handle an enum member with no right-hand side expression. In this case, the value is the
       * previous value plus 1, or 0 if there was no previous value. We should also always emit a
       * reverse mapping.
       *
       * Example 1:
       * someKey2
       * ->
       * const someKey2 = someKey1 + 1; MyEnum[MyEnum["someKey2"] = someKey2] = "someKey2";
       *
       * Example 2:
       * "some key 2"
       * ->
       * MyEnum[MyEnum["some key 2"] = someKey1 + 1] = "some key 2";
       */
      processImplicitValueEnumMember(enumName, nameStringCode, variableName, previousValueCode) {
        let valueCode = previousValueCode != null ? `${previousValueCode} + 1` : "0";
        variableName != null && (this.tokens.appendCode(`const ${variableName} = ${valueCode}; `), valueCode = variableName), this.tokens.appendCode(
          `${enumName}[${enumName}[${nameStringCode}] = ${valueCode}] = ${nameStringCode};`
        );
      }
    };
    exports.default = TypeScriptTransformer;
  }
});

// node_modules/sucrase/dist/transformers/RootTransformer.js
var require_RootTransformer = __commonJS({
  "node_modules/sucrase/dist/transformers/RootTransformer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _keywords = require_keywords(), _types = require_types(), _getClassInfo = require_getClassInfo(), _getClassInfo2 = _interopRequireDefault(_getClassInfo), _CJSImportTransformer = require_CJSImportTransformer(), _CJSImportTransformer2 = _interopRequireDefault(_CJSImportTransformer), _ESMImportTransformer = require_ESMImportTransformer(), _ESMImportTransformer2 = _interopRequireDefault(_ESMImportTransformer), _FlowTransformer = require_FlowTransformer(), _FlowTransformer2 = _interopRequireDefault(_FlowTransformer), _JestHoistTransformer = require_JestHoistTransformer(), _JestHoistTransformer2 = _interopRequireDefault(_JestHoistTransformer), _JSXTransformer = require_JSXTransformer(), _JSXTransformer2 = _interopRequireDefault(_JSXTransformer), _NumericSeparatorTransformer = require_NumericSeparatorTransformer(), _NumericSeparatorTransformer2 = _interopRequireDefault(_NumericSeparatorTransformer), _OptionalCatchBindingTransformer = require_OptionalCatchBindingTransformer(), _OptionalCatchBindingTransformer2 = _interopRequireDefault(_OptionalCatchBindingTransformer), _OptionalChainingNullishTransformer = require_OptionalChainingNullishTransformer(), _OptionalChainingNullishTransformer2 = _interopRequireDefault(_OptionalChainingNullishTransformer), _ReactDisplayNameTransformer = require_ReactDisplayNameTransformer(), _ReactDisplayNameTransformer2 = _interopRequireDefault(_ReactDisplayNameTransformer), _ReactHotLoaderTransformer = require_ReactHotLoaderTransformer(), _ReactHotLoaderTransformer2 = _interopRequireDefault(_ReactHotLoaderTransformer), _TypeScriptTransformer = require_TypeScriptTransformer(), _TypeScriptTransformer2 = _interopRequireDefault(_TypeScriptTransformer), RootTransformer = class _RootTransformer {
      __init() {
        this.transformers = [];
      }
      __init2() {
        this.generatedVariables = [];
      }
      constructor(sucraseContext, transforms, enableLegacyBabel5ModuleInterop, options) {
        _RootTransformer.prototype.__init.call(this), _RootTransformer.prototype.__init2.call(this), this.nameManager = sucraseContext.nameManager, this.helperManager = sucraseContext.helperManager;
        let { tokenProcessor, importProcessor } = sucraseContext;
        this.tokens = tokenProcessor, this.isImportsTransformEnabled = transforms.includes("imports"), this.isReactHotLoaderTransformEnabled = transforms.includes("react-hot-loader"), this.disableESTransforms = !!options.disableESTransforms, options.disableESTransforms || (this.transformers.push(
          new _OptionalChainingNullishTransformer2.default(tokenProcessor, this.nameManager)
        ), this.transformers.push(new _NumericSeparatorTransformer2.default(tokenProcessor)), this.transformers.push(new _OptionalCatchBindingTransformer2.default(tokenProcessor, this.nameManager))), transforms.includes("jsx") && (options.jsxRuntime !== "preserve" && this.transformers.push(
          new _JSXTransformer2.default(this, tokenProcessor, importProcessor, this.nameManager, options)
        ), this.transformers.push(
          new _ReactDisplayNameTransformer2.default(this, tokenProcessor, importProcessor, options)
        ));
        let reactHotLoaderTransformer = null;
        if (transforms.includes("react-hot-loader")) {
          if (!options.filePath)
            throw new Error("filePath is required when using the react-hot-loader transform.");
          reactHotLoaderTransformer = new _ReactHotLoaderTransformer2.default(tokenProcessor, options.filePath), this.transformers.push(reactHotLoaderTransformer);
        }
        if (transforms.includes("imports")) {
          if (importProcessor === null)
            throw new Error("Expected non-null importProcessor with imports transform enabled.");
          this.transformers.push(
            new _CJSImportTransformer2.default(
              this,
              tokenProcessor,
              importProcessor,
              this.nameManager,
              this.helperManager,
              reactHotLoaderTransformer,
              enableLegacyBabel5ModuleInterop,
              !!options.enableLegacyTypeScriptModuleInterop,
              transforms.includes("typescript"),
              transforms.includes("flow"),
              !!options.preserveDynamicImport,
              !!options.keepUnusedImports
            )
          );
        } else
          this.transformers.push(
            new _ESMImportTransformer2.default(
              tokenProcessor,
              this.nameManager,
              this.helperManager,
              reactHotLoaderTransformer,
              transforms.includes("typescript"),
              transforms.includes("flow"),
              !!options.keepUnusedImports,
              options
            )
          );
        transforms.includes("flow") && this.transformers.push(
          new _FlowTransformer2.default(this, tokenProcessor, transforms.includes("imports"))
        ), transforms.includes("typescript") && this.transformers.push(
          new _TypeScriptTransformer2.default(this, tokenProcessor, transforms.includes("imports"))
        ), transforms.includes("jest") && this.transformers.push(
          new _JestHoistTransformer2.default(this, tokenProcessor, this.nameManager, importProcessor)
        );
      }
      transform() {
        this.tokens.reset(), this.processBalancedCode();
        let prefix = this.isImportsTransformEnabled ? '"use strict";' : "";
        for (let transformer of this.transformers)
          prefix += transformer.getPrefixCode();
        prefix += this.helperManager.emitHelpers(), prefix += this.generatedVariables.map((v) => ` var ${v};`).join("");
        for (let transformer of this.transformers)
          prefix += transformer.getHoistedCode();
        let suffix = "";
        for (let transformer of this.transformers)
          suffix += transformer.getSuffixCode();
        let result = this.tokens.finish(), { code } = result;
        if (code.startsWith("#!")) {
          let newlineIndex = code.indexOf(`
`);
          return newlineIndex === -1 && (newlineIndex = code.length, code += `
`), {
            code: code.slice(0, newlineIndex + 1) + prefix + code.slice(newlineIndex + 1) + suffix,
            // The hashbang line has no tokens, so shifting the tokens to account
            // for prefix can happen normally.
            mappings: this.shiftMappings(result.mappings, prefix.length)
          };
        } else
          return {
            code: prefix + code + suffix,
            mappings: this.shiftMappings(result.mappings, prefix.length)
          };
      }
      processBalancedCode() {
        let braceDepth = 0, parenDepth = 0;
        for (; !this.tokens.isAtEnd(); ) {
          if (this.tokens.matches1(_types.TokenType.braceL) || this.tokens.matches1(_types.TokenType.dollarBraceL))
            braceDepth++;
          else if (this.tokens.matches1(_types.TokenType.braceR)) {
            if (braceDepth === 0)
              return;
            braceDepth--;
          }
          if (this.tokens.matches1(_types.TokenType.parenL))
            parenDepth++;
          else if (this.tokens.matches1(_types.TokenType.parenR)) {
            if (parenDepth === 0)
              return;
            parenDepth--;
          }
          this.processToken();
        }
      }
      processToken() {
        if (this.tokens.matches1(_types.TokenType._class)) {
          this.processClass();
          return;
        }
        for (let transformer of this.transformers)
          if (transformer.process())
            return;
        this.tokens.copyToken();
      }
      /**
       * Skip past a class with a name and return that name.
       */
      processNamedClass() {
        if (!this.tokens.matches2(_types.TokenType._class, _types.TokenType.name))
          throw new Error("Expected identifier for exported class name.");
        let name = this.tokens.identifierNameAtIndex(this.tokens.currentIndex() + 1);
        return this.processClass(), name;
      }
      processClass() {
        let classInfo = _getClassInfo2.default.call(void 0, this, this.tokens, this.nameManager, this.disableESTransforms), needsCommaExpression = (classInfo.headerInfo.isExpression || !classInfo.headerInfo.className) && classInfo.staticInitializerNames.length + classInfo.instanceInitializerNames.length > 0, className = classInfo.headerInfo.className;
        needsCommaExpression && (className = this.nameManager.claimFreeName("_class"), this.generatedVariables.push(className), this.tokens.appendCode(` (${className} =`));
        let contextId = this.tokens.currentToken().contextId;
        if (contextId == null)
          throw new Error("Expected class to have a context ID.");
        for (this.tokens.copyExpectedToken(_types.TokenType._class); !this.tokens.matchesContextIdAndLabel(_types.TokenType.braceL, contextId); )
          this.processToken();
        this.processClassBody(classInfo, className);
        let staticInitializerStatements = classInfo.staticInitializerNames.map(
          (name) => `${className}.${name}()`
        );
        needsCommaExpression ? this.tokens.appendCode(
          `, ${staticInitializerStatements.map((s) => `${s}, `).join("")}${className})`
        ) : classInfo.staticInitializerNames.length > 0 && this.tokens.appendCode(` ${staticInitializerStatements.map((s) => `${s};`).join(" ")}`);
      }
      /**
       * We want to just handle class fields in all contexts, since TypeScript supports them. Later,
       * when some JS implementations support class fields, this should be made optional.
       */
      processClassBody(classInfo, className) {
        let {
          headerInfo,
          constructorInsertPos,
          constructorInitializerStatements,
          fields,
          instanceInitializerNames,
          rangesToRemove
        } = classInfo, fieldIndex = 0, rangeToRemoveIndex = 0, classContextId = this.tokens.currentToken().contextId;
        if (classContextId == null)
          throw new Error("Expected non-null context ID on class.");
        this.tokens.copyExpectedToken(_types.TokenType.braceL), this.isReactHotLoaderTransformEnabled && this.tokens.appendCode(
          "__reactstandin__regenerateByEval(key, code) {this[key] = eval(code);}"
        );
        let needsConstructorInit = constructorInitializerStatements.length + instanceInitializerNames.length > 0;
        if (constructorInsertPos === null && needsConstructorInit) {
          let constructorInitializersCode = this.makeConstructorInitCode(
            constructorInitializerStatements,
            instanceInitializerNames,
            className
          );
          if (headerInfo.hasSuperclass) {
            let argsName = this.nameManager.claimFreeName("args");
            this.tokens.appendCode(
              `constructor(...${argsName}) { super(...${argsName}); ${constructorInitializersCode}; }`
            );
          } else
            this.tokens.appendCode(`constructor() { ${constructorInitializersCode}; }`);
        }
        for (; !this.tokens.matchesContextIdAndLabel(_types.TokenType.braceR, classContextId); )
          if (fieldIndex < fields.length && this.tokens.currentIndex() === fields[fieldIndex].start) {
            let needsCloseBrace = !1;
            for (this.tokens.matches1(_types.TokenType.bracketL) ? this.tokens.copyTokenWithPrefix(`${fields[fieldIndex].initializerName}() {this`) : this.tokens.matches1(_types.TokenType.string) || this.tokens.matches1(_types.TokenType.num) ? (this.tokens.copyTokenWithPrefix(`${fields[fieldIndex].initializerName}() {this[`), needsCloseBrace = !0) : this.tokens.copyTokenWithPrefix(`${fields[fieldIndex].initializerName}() {this.`); this.tokens.currentIndex() < fields[fieldIndex].end; )
              needsCloseBrace && this.tokens.currentIndex() === fields[fieldIndex].equalsIndex && this.tokens.appendCode("]"), this.processToken();
            this.tokens.appendCode("}"), fieldIndex++;
          } else if (rangeToRemoveIndex < rangesToRemove.length && this.tokens.currentIndex() >= rangesToRemove[rangeToRemoveIndex].start) {
            for (this.tokens.currentIndex() < rangesToRemove[rangeToRemoveIndex].end && this.tokens.removeInitialToken(); this.tokens.currentIndex() < rangesToRemove[rangeToRemoveIndex].end; )
              this.tokens.removeToken();
            rangeToRemoveIndex++;
          } else this.tokens.currentIndex() === constructorInsertPos ? (this.tokens.copyToken(), needsConstructorInit && this.tokens.appendCode(
            `;${this.makeConstructorInitCode(
              constructorInitializerStatements,
              instanceInitializerNames,
              className
            )};`
          ), this.processToken()) : this.processToken();
        this.tokens.copyExpectedToken(_types.TokenType.braceR);
      }
      makeConstructorInitCode(constructorInitializerStatements, instanceInitializerNames, className) {
        return [
          ...constructorInitializerStatements,
          ...instanceInitializerNames.map((name) => `${className}.prototype.${name}.call(this)`)
        ].join(";");
      }
      /**
       * Normally it's ok to simply remove type tokens, but we need to be more careful when dealing with
       * arrow function return types since they can confuse the parser. In that case, we want to move
       * the close-paren to the same line as the arrow.
       *
       * See https://github.com/alangpierce/sucrase/issues/391 for more details.
       */
      processPossibleArrowParamEnd() {
        if (this.tokens.matches2(_types.TokenType.parenR, _types.TokenType.colon) && this.tokens.tokenAtRelativeIndex(1).isType) {
          let nextNonTypeIndex = this.tokens.currentIndex() + 1;
          for (; this.tokens.tokens[nextNonTypeIndex].isType; )
            nextNonTypeIndex++;
          if (this.tokens.matches1AtIndex(nextNonTypeIndex, _types.TokenType.arrow)) {
            for (this.tokens.removeInitialToken(); this.tokens.currentIndex() < nextNonTypeIndex; )
              this.tokens.removeToken();
            return this.tokens.replaceTokenTrimmingLeftWhitespace(") =>"), !0;
          }
        }
        return !1;
      }
      /**
       * An async arrow function might be of the form:
       *
       * async <
       *   T
       * >() => {}
       *
       * in which case, removing the type parameters will cause a syntax error. Detect this case and
       * move the open-paren earlier.
       */
      processPossibleAsyncArrowWithTypeParams() {
        if (!this.tokens.matchesContextual(_keywords.ContextualKeyword._async) && !this.tokens.matches1(_types.TokenType._async))
          return !1;
        let nextToken = this.tokens.tokenAtRelativeIndex(1);
        if (nextToken.type !== _types.TokenType.lessThan || !nextToken.isType)
          return !1;
        let nextNonTypeIndex = this.tokens.currentIndex() + 1;
        for (; this.tokens.tokens[nextNonTypeIndex].isType; )
          nextNonTypeIndex++;
        if (this.tokens.matches1AtIndex(nextNonTypeIndex, _types.TokenType.parenL)) {
          for (this.tokens.replaceToken("async ("), this.tokens.removeInitialToken(); this.tokens.currentIndex() < nextNonTypeIndex; )
            this.tokens.removeToken();
          return this.tokens.removeToken(), this.processBalancedCode(), this.processToken(), !0;
        }
        return !1;
      }
      processPossibleTypeRange() {
        if (this.tokens.currentToken().isType) {
          for (this.tokens.removeInitialToken(); this.tokens.currentToken().isType; )
            this.tokens.removeToken();
          return !0;
        }
        return !1;
      }
      shiftMappings(mappings, prefixLength) {
        for (let i = 0; i < mappings.length; i++) {
          let mapping = mappings[i];
          mapping !== void 0 && (mappings[i] = mapping + prefixLength);
        }
        return mappings;
      }
    };
    exports.default = RootTransformer;
  }
});

// node_modules/lines-and-columns/build/index.js
var require_build = __commonJS({
  "node_modules/lines-and-columns/build/index.js"(exports) {
    "use strict";
    exports.__esModule = !0;
    exports.LinesAndColumns = void 0;
    var LF = `
`, CR = "\r", LinesAndColumns = (
      /** @class */
      (function() {
        function LinesAndColumns2(string) {
          this.string = string;
          for (var offsets = [0], offset = 0; offset < string.length; )
            switch (string[offset]) {
              case LF:
                offset += LF.length, offsets.push(offset);
                break;
              case CR:
                offset += CR.length, string[offset] === LF && (offset += LF.length), offsets.push(offset);
                break;
              default:
                offset++;
                break;
            }
          this.offsets = offsets;
        }
        return LinesAndColumns2.prototype.locationForIndex = function(index) {
          if (index < 0 || index > this.string.length)
            return null;
          for (var line = 0, offsets = this.offsets; offsets[line + 1] <= index; )
            line++;
          var column = index - offsets[line];
          return { line, column };
        }, LinesAndColumns2.prototype.indexForLocation = function(location) {
          var line = location.line, column = location.column;
          return line < 0 || line >= this.offsets.length || column < 0 || column > this.lengthOfLine(line) ? null : this.offsets[line] + column;
        }, LinesAndColumns2.prototype.lengthOfLine = function(line) {
          var offset = this.offsets[line], nextOffset = line === this.offsets.length - 1 ? this.string.length : this.offsets[line + 1];
          return nextOffset - offset;
        }, LinesAndColumns2;
      })()
    );
    exports.LinesAndColumns = LinesAndColumns;
    exports.default = LinesAndColumns;
  }
});

// node_modules/sucrase/dist/util/formatTokens.js
var require_formatTokens = __commonJS({
  "node_modules/sucrase/dist/util/formatTokens.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _linesandcolumns = require_build(), _linesandcolumns2 = _interopRequireDefault(_linesandcolumns), _types = require_types();
    function formatTokens(code, tokens) {
      if (tokens.length === 0)
        return "";
      let tokenKeys = Object.keys(tokens[0]).filter(
        (k) => k !== "type" && k !== "value" && k !== "start" && k !== "end" && k !== "loc"
      ), typeKeys = Object.keys(tokens[0].type).filter((k) => k !== "label" && k !== "keyword"), headings = ["Location", "Label", "Raw", ...tokenKeys, ...typeKeys], lines = new _linesandcolumns2.default(code), rows = [headings, ...tokens.map(getTokenComponents)], padding = headings.map(() => 0);
      for (let components of rows)
        for (let i = 0; i < components.length; i++)
          padding[i] = Math.max(padding[i], components[i].length);
      return rows.map((components) => components.map((component, i) => component.padEnd(padding[i])).join(" ")).join(`
`);
      function getTokenComponents(token) {
        let raw = code.slice(token.start, token.end);
        return [
          formatRange(token.start, token.end),
          _types.formatTokenType.call(void 0, token.type),
          truncate(String(raw), 14),
          // @ts-ignore: Intentional dynamic access by key.
          ...tokenKeys.map((key2) => formatValue(token[key2], key2)),
          // @ts-ignore: Intentional dynamic access by key.
          ...typeKeys.map((key2) => formatValue(token.type[key2], key2))
        ];
      }
      function formatValue(value, key2) {
        return value === !0 ? key2 : value === !1 || value === null ? "" : String(value);
      }
      function formatRange(start, end) {
        return `${formatPos(start)}-${formatPos(end)}`;
      }
      function formatPos(pos) {
        let location = lines.locationForIndex(pos);
        return location ? `${location.line + 1}:${location.column + 1}` : "Unknown";
      }
    }
    exports.default = formatTokens;
    function truncate(s, length) {
      return s.length > length ? `${s.slice(0, length - 3)}...` : s;
    }
  }
});

// node_modules/sucrase/dist/util/getTSImportedNames.js
var require_getTSImportedNames = __commonJS({
  "node_modules/sucrase/dist/util/getTSImportedNames.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _types = require_types(), _getImportExportSpecifierInfo = require_getImportExportSpecifierInfo(), _getImportExportSpecifierInfo2 = _interopRequireDefault(_getImportExportSpecifierInfo);
    function getTSImportedNames(tokens) {
      let importedNames = /* @__PURE__ */ new Set();
      for (let i = 0; i < tokens.tokens.length; i++)
        tokens.matches1AtIndex(i, _types.TokenType._import) && !tokens.matches3AtIndex(i, _types.TokenType._import, _types.TokenType.name, _types.TokenType.eq) && collectNamesForImport(tokens, i, importedNames);
      return importedNames;
    }
    exports.default = getTSImportedNames;
    function collectNamesForImport(tokens, index, importedNames) {
      index++, !tokens.matches1AtIndex(index, _types.TokenType.parenL) && (tokens.matches1AtIndex(index, _types.TokenType.name) && (importedNames.add(tokens.identifierNameAtIndex(index)), index++, tokens.matches1AtIndex(index, _types.TokenType.comma) && index++), tokens.matches1AtIndex(index, _types.TokenType.star) && (index += 2, importedNames.add(tokens.identifierNameAtIndex(index)), index++), tokens.matches1AtIndex(index, _types.TokenType.braceL) && (index++, collectNamesForNamedImport(tokens, index, importedNames)));
    }
    function collectNamesForNamedImport(tokens, index, importedNames) {
      for (; ; ) {
        if (tokens.matches1AtIndex(index, _types.TokenType.braceR))
          return;
        let specifierInfo = _getImportExportSpecifierInfo2.default.call(void 0, tokens, index);
        if (index = specifierInfo.endIndex, specifierInfo.isType || importedNames.add(specifierInfo.rightName), tokens.matches2AtIndex(index, _types.TokenType.comma, _types.TokenType.braceR))
          return;
        if (tokens.matches1AtIndex(index, _types.TokenType.braceR))
          return;
        if (tokens.matches1AtIndex(index, _types.TokenType.comma))
          index++;
        else
          throw new Error(`Unexpected token: ${JSON.stringify(tokens.tokens[index])}`);
      }
    }
  }
});

// node_modules/sucrase/dist/index.js
var require_dist3 = __commonJS({
  "node_modules/sucrase/dist/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { default: obj };
    }
    var _CJSImportProcessor = require_CJSImportProcessor(), _CJSImportProcessor2 = _interopRequireDefault(_CJSImportProcessor), _computeSourceMap = require_computeSourceMap(), _computeSourceMap2 = _interopRequireDefault(_computeSourceMap), _HelperManager = require_HelperManager(), _identifyShadowedGlobals = require_identifyShadowedGlobals(), _identifyShadowedGlobals2 = _interopRequireDefault(_identifyShadowedGlobals), _NameManager = require_NameManager(), _NameManager2 = _interopRequireDefault(_NameManager), _Options = require_Options(), _parser = require_parser(), _TokenProcessor = require_TokenProcessor(), _TokenProcessor2 = _interopRequireDefault(_TokenProcessor), _RootTransformer = require_RootTransformer(), _RootTransformer2 = _interopRequireDefault(_RootTransformer), _formatTokens = require_formatTokens(), _formatTokens2 = _interopRequireDefault(_formatTokens), _getTSImportedNames = require_getTSImportedNames(), _getTSImportedNames2 = _interopRequireDefault(_getTSImportedNames);
    function getVersion() {
      return "3.35.1";
    }
    exports.getVersion = getVersion;
    function transform2(code, options) {
      _Options.validateOptions.call(void 0, options);
      try {
        let sucraseContext = getSucraseContext(code, options), transformerResult = new _RootTransformer2.default(
          sucraseContext,
          options.transforms,
          !!options.enableLegacyBabel5ModuleInterop,
          options
        ).transform(), result = { code: transformerResult.code };
        if (options.sourceMapOptions) {
          if (!options.filePath)
            throw new Error("filePath must be specified when generating a source map.");
          result = {
            ...result,
            sourceMap: _computeSourceMap2.default.call(
              void 0,
              transformerResult,
              options.filePath,
              options.sourceMapOptions,
              code,
              sucraseContext.tokenProcessor.tokens
            )
          };
        }
        return result;
      } catch (e) {
        throw options.filePath && (e.message = `Error transforming ${options.filePath}: ${e.message}`), e;
      }
    }
    exports.transform = transform2;
    function getFormattedTokens(code, options) {
      let tokens = getSucraseContext(code, options).tokenProcessor.tokens;
      return _formatTokens2.default.call(void 0, code, tokens);
    }
    exports.getFormattedTokens = getFormattedTokens;
    function getSucraseContext(code, options) {
      let isJSXEnabled = options.transforms.includes("jsx"), isTypeScriptEnabled = options.transforms.includes("typescript"), isFlowEnabled = options.transforms.includes("flow"), disableESTransforms = options.disableESTransforms === !0, file = _parser.parse.call(void 0, code, isJSXEnabled, isTypeScriptEnabled, isFlowEnabled), tokens = file.tokens, scopes = file.scopes, nameManager = new _NameManager2.default(code, tokens), helperManager = new _HelperManager.HelperManager(nameManager), tokenProcessor = new _TokenProcessor2.default(
        code,
        tokens,
        isFlowEnabled,
        disableESTransforms,
        helperManager
      ), enableLegacyTypeScriptModuleInterop = !!options.enableLegacyTypeScriptModuleInterop, importProcessor = null;
      return options.transforms.includes("imports") ? (importProcessor = new _CJSImportProcessor2.default(
        nameManager,
        tokenProcessor,
        enableLegacyTypeScriptModuleInterop,
        options,
        options.transforms.includes("typescript"),
        !!options.keepUnusedImports,
        helperManager
      ), importProcessor.preprocessTokens(), _identifyShadowedGlobals2.default.call(void 0, tokenProcessor, scopes, importProcessor.getGlobalNames()), options.transforms.includes("typescript") && !options.keepUnusedImports && importProcessor.pruneTypeOnlyImports()) : options.transforms.includes("typescript") && !options.keepUnusedImports && _identifyShadowedGlobals2.default.call(void 0, tokenProcessor, scopes, _getTSImportedNames2.default.call(void 0, tokenProcessor)), { tokenProcessor, scopes, nameManager, importProcessor, helperManager };
    }
  }
});

// action/run-plan.ts
import { relative as relative3, resolve as resolve4 } from "node:path";

// sdk/cli/targets.ts
function runOptionsOf(target) {
  return {
    kube: target.kube,
    ...target.metrics ? { metrics: target.metrics } : {},
    ...target.databases ? { databases: target.databases } : {},
    clock: target.clock,
    target: { kind: target.kind, ...target.scenario ? { scenario: target.scenario } : {}, ...target.detail ? { detail: target.detail } : {} }
  };
}
async function openTarget(req) {
  if (req.target === "sim") {
    let { startSimulator } = await import("./chunks/simulator-Q5QYHBLS.js"), sim = await startSimulator(req.scenario);
    return {
      kind: "sim",
      scenario: sim.scenario.name,
      kube: sim.kube,
      metrics: sim.metrics,
      databases: sim.databases,
      clock: sim.clock,
      close: () => sim.close()
    };
  }
  let { createKube, KubeconfigError } = await import("./chunks/kube-3NAU3BMM.js"), kube;
  try {
    let source = req.kubeconfigContent ? { kind: "inline", content: req.kubeconfigContent } : req.kubeconfig ? { kind: "file", path: req.kubeconfig } : { kind: "default" };
    kube = await createKube(source, {
      ...req.context ? { context: req.context } : {},
      ...req.requestTimeoutMs ? { requestTimeoutMs: req.requestTimeoutMs } : {}
    });
  } catch (err) {
    throw err instanceof KubeconfigError ? new UsageError(`${err.message} Pass --kubeconfig FILE and --context NAME.`) : new UsageError(`Could not load the kubeconfig${req.kubeconfig ? ` ${req.kubeconfig}` : ""}: ${err.message}`);
  }
  let metrics;
  if (req.prometheus) {
    let { createPrometheus } = await import("./chunks/prometheus-AOPCIOB2.js");
    metrics = createPrometheus({ url: req.prometheus, headers: req.prometheusHeaders });
  }
  return {
    kind: "cluster",
    detail: `${kube.context} (${kube.server})`,
    kube,
    ...metrics ? { metrics } : {},
    clock: createSystemClock(),
    close: async () => {
    }
  };
}

// sdk/loader/load-plan.ts
var import_sucrase = __toESM(require_dist3(), 1);
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join as join4, relative as relative2, resolve as resolve3 } from "node:path";
import { compileFunction } from "node:vm";

// sdk/index.ts
var sdk_exports = {};
__export(sdk_exports, {
  CancelledError: () => CancelledError,
  CapacityError: () => CapacityError,
  ConflictError: () => ConflictError,
  DEFAULT_STAGES: () => DEFAULT_STAGES,
  FirebreakError: () => FirebreakError,
  ForbiddenError: () => ForbiddenError,
  GateFailedError: () => GateFailedError,
  InvalidPlanError: () => InvalidPlanError,
  InvalidSplitError: () => InvalidSplitError,
  KubeApiError: () => KubeApiError,
  MetricsQueryError: () => MetricsQueryError,
  MetricsUnavailableError: () => MetricsUnavailableError,
  MissingCrdError: () => MissingCrdError,
  ObjectNotFoundError: () => ObjectNotFoundError,
  PlanInputError: () => PlanInputError,
  PlanLoadError: () => PlanLoadError,
  RevisionNotFoundError: () => RevisionNotFoundError,
  RolloutTimeoutError: () => RolloutTimeoutError,
  SDK_VERSION: () => SDK_VERSION,
  UnknownDestinationError: () => UnknownDestinationError,
  UsageError: () => UsageError,
  VerificationError: () => VerificationError,
  canary: () => canary,
  deployment: () => deployment,
  describeError: () => describeError,
  gates: () => gates,
  gatewayApi: () => gatewayApi,
  helm: () => helm,
  ingressNginx: () => ingressNginx,
  istio: () => istio,
  kustomize: () => kustomize,
  plan: () => plan,
  smi: () => smi,
  z: () => external_exports
});

// sdk/util/merge-patch.ts
function setField(obj, key2, value) {
  Object.defineProperty(obj, key2, { value, enumerable: !0, writable: !0, configurable: !0 });
}
function applyMergePatch(target, patch) {
  if (patch === null || typeof patch != "object" || Array.isArray(patch)) return structuredClone(patch);
  let base = {};
  if (target !== null && typeof target == "object" && !Array.isArray(target))
    for (let [key2, value] of Object.entries(target)) setField(base, key2, value);
  for (let [key2, value] of Object.entries(patch))
    value === null ? delete base[key2] : setField(base, key2, applyMergePatch(Object.hasOwn(base, key2) ? base[key2] : void 0, value));
  return base;
}
var isPlainObject = (v) => v !== null && typeof v == "object" && !Array.isArray(v);
function mergePatchFrom(current, target) {
  if (!isPlainObject(current) || !isPlainObject(target)) return structuredClone(target);
  let patch = {}, own = (o, key2) => Object.hasOwn(o, key2) ? o[key2] : void 0;
  for (let key2 of Object.keys(current)) Object.hasOwn(target, key2) || setField(patch, key2, null);
  for (let [key2, value] of Object.entries(target))
    JSON.stringify(own(current, key2)) !== JSON.stringify(value) && setField(patch, key2, mergePatchFrom(own(current, key2), value));
  return patch;
}

// sdk/util/field-path.ts
var PLAIN = /^[A-Za-z_$][\w$-]*$/;
function childPath(parent, key2) {
  return typeof key2 == "number" ? `${parent}[${key2}]` : PLAIN.test(key2) ? parent ? `${parent}.${key2}` : key2 : `${parent}[${JSON.stringify(key2)}]`;
}
function valueAt(obj, path) {
  let tokens = path.match(/\[\d+\]|\["(?:[^"\\]|\\.)*"\]|[^.[\]]+/g) ?? [], v = obj;
  for (let t of tokens) {
    if (v === null || typeof v != "object") return;
    let key2 = t.startsWith('["') ? JSON.parse(t.slice(1, -1)) : t.startsWith("[") ? Number(t.slice(1, -1)) : t;
    v = v[key2];
  }
  return v;
}

// sdk/util/diff.ts
var isObject = (v) => v !== null && typeof v == "object" && !Array.isArray(v);
function diffObjects(before, after2, path = "") {
  return path === "status" || path === "metadata.resourceVersion" || path === "metadata.generation" || path === "metadata.managedFields" ? [] : isObject(before) && isObject(after2) ? [.../* @__PURE__ */ new Set([...Object.keys(before), ...Object.keys(after2)])].flatMap((k) => diffObjects(before[k], after2[k], childPath(path, k))) : Array.isArray(before) && Array.isArray(after2) && before.length === after2.length ? before.flatMap((b, i) => diffObjects(b, after2[i], childPath(path, i))) : JSON.stringify(before) === JSON.stringify(after2) ? [] : [{ field: path, before, after: after2 }];
}

// sdk/engine/writes.ts
var MAX_CONFLICT_RETRIES = 5;
async function readRequired(ctx, ref) {
  let obj = await ctx.kube.get(ref);
  if (obj) return obj;
  let existing;
  try {
    existing = (await ctx.kube.list({ apiVersion: ref.apiVersion, kind: ref.kind, namespace: ref.namespace, context: ref.context })).map(
      (o) => o.metadata.name
    );
  } catch {
    existing = void 0;
  }
  throw new ObjectNotFoundError(refString(ref), existing);
}
async function send(ctx, ref, write) {
  if (ctx.signal.aborted) throw new CancelledError(`the run is stopping: not writing ${refString(ref)}`);
  let pending = write();
  ctx.inflight.add(pending);
  try {
    return await pending;
  } finally {
    ctx.inflight.delete(pending);
  }
}
async function writeObject(ctx, req) {
  for (let attempt = 1; ; attempt++) {
    let current = attempt === 1 && req.current ? req.current : await readRequired(ctx, req.ref), patch = req.patchFor(current), predicted = applyMergePatch(current, patch), changes = diffObjects(current, predicted);
    if (changes.length === 0) return { object: current, changes };
    if (ctx.mode === "preview")
      return ctx.preview.put(req.ref, predicted), journalChanges(ctx, req, changes, !1), { object: predicted, changes };
    try {
      await send(ctx, req.ref, () => ctx.kube.patch(req.ref, patch, { resourceVersion: current.metadata.resourceVersion }));
    } catch (err) {
      if (err instanceof KubeConflict && attempt < MAX_CONFLICT_RETRIES) continue;
      throw err instanceof KubeConflict ? new ConflictError(refString(req.ref), attempt) : err;
    }
    let readBack = await readRequired(ctx, req.ref);
    for (let c of changes) {
      let actual = valueAt(readBack, c.field);
      if (JSON.stringify(actual) !== JSON.stringify(c.after))
        throw new VerificationError(`${refString(req.ref)} ${c.field}`, c.after, actual);
    }
    return journalChanges(ctx, req, changes, !0), { object: readBack, changes };
  }
}
var SERVER_SET = /* @__PURE__ */ new Set(["metadata.uid", "metadata.creationTimestamp"]);
async function applyObject(ctx, req) {
  let ref = refOf(req.object, req.context);
  if (!ctx.kube.apply) throw new KubeApiError(0, refString(ref), "this Kubernetes port cannot server-side apply; use a port made by createKube (the CLI and the action do)");
  let apply = (dryRun) => ctx.kube.apply(req.object, { dryRun, ...req.force ? { force: !0 } : {}, ...req.context ? { context: req.context } : {} }).catch((err) => {
    throw err instanceof KubeConflict ? new KubeApiError(409, refString(ref), `${err.message}. Another field manager owns these fields: apply with { force: true } to take them over, or leave them out of the manifest.`) : err;
  }), current = await ctx.kube.get(ref), predicted = await apply(!0), changes = diffObjects(current ?? { metadata: {} }, predicted).filter((c) => !SERVER_SET.has(c.field));
  if (changes.length === 0) return { object: current ?? predicted, changes };
  let write = { ref, action: req.action, patchFor: () => ({}) };
  if (ctx.mode === "preview")
    return ctx.preview.put(ref, predicted), journalChanges(ctx, write, changes, !1), { object: predicted, changes };
  await send(ctx, ref, () => apply(!1));
  let readBack = await readRequired(ctx, ref);
  for (let c of changes) {
    let actual = valueAt(readBack, c.field);
    if (JSON.stringify(actual) !== JSON.stringify(c.after)) throw new VerificationError(`${refString(ref)} ${c.field}`, c.after, actual);
  }
  return journalChanges(ctx, write, changes, !0), { object: readBack, changes };
}
function journalChanges(ctx, req, changes, applied) {
  let { apiVersion, kind, namespace, name, context } = req.ref;
  for (let c of changes)
    ctx.journal.emit({
      type: "change",
      object: { apiVersion, kind, name, ...namespace ? { namespace } : {}, ...context ? { context } : {} },
      field: c.field,
      before: c.before,
      after: c.after,
      applied,
      action: req.action
    });
}

// sdk/traffic/capacity.ts
function fullFleet(serving) {
  let implied = serving.filter((s) => s.ready > 0 && s.weight > 0).map((s) => s.ready * 100 / s.weight);
  return implied.length ? Math.ceil(Math.min(...implied) - 1e-9) : 0;
}
function replicasNeeded(servingReady, weight) {
  return Math.ceil(servingReady * weight / 100);
}
function weightSupported(ready, servingReady) {
  return servingReady <= 0 ? 100 : Math.min(100, Math.floor(100 * ready / servingReady));
}
function partialSplit(current, target, dest, weight) {
  let others = Object.keys({ ...current, ...target }).filter((d) => d !== dest), rest = 100 - weight, basis = others.map((d) => current[d] ?? 0), total = basis.reduce((a, b) => a + b, 0), raw = others.map((_, i) => total > 0 ? rest * basis[i] / total : rest / others.length), floors = raw.map(Math.floor), left = rest - floors.reduce((a, b) => a + b, 0), order = raw.map((r, i) => [r - floors[i], i]).sort((a, b) => b[0] - a[0]);
  for (let [, i] of order) {
    if (left-- <= 0) break;
    floors[i]++;
  }
  return { [dest]: weight, ...Object.fromEntries(others.map((d, i) => [d, floors[i]])) };
}

// sdk/traffic/route.ts
var POLL_MS = 2e3;
function createRoute(router, options = {}) {
  let inspect = async (ctx, want) => {
    let state = await router.inspect(await readRequired(ctx, router.ref), ctx.kube, want);
    registerImpact(ctx, state);
    let key2 = JSON.stringify(router.ref);
    return ctx.routesSeen.has(key2) || (ctx.routesSeen.add(key2), journalSplit(ctx, state.split, !0)), state;
  }, registerImpact = (ctx, state) => {
    let scope = router.metricScope(state, Object.keys(state.split)[0] ?? ""), key2 = `${router.metrics}|${scope.namespace}|${scope.service}`;
    ctx.impactScopes.has(key2) || ctx.impactScopes.set(key2, { mesh: router.metrics, namespace: scope.namespace, service: scope.service });
  }, journalSplit = (ctx, split, verified) => {
    let { apiVersion, kind, namespace, name, context } = router.ref;
    ctx.journal.emit({
      type: "traffic",
      route: { apiVersion, kind, name, ...namespace ? { namespace } : {}, ...context ? { context } : {} },
      split,
      verified
    });
  }, write = async (ctx, state, split, action, fresh = !1) => {
    let { object } = await writeObject(ctx, {
      ref: router.ref,
      action,
      patchFor: (current) => router.patchFor({ ...state, object: current }, split),
      ...fresh ? { current: state.object } : {}
    }), readBack = router.splitOf(object, state);
    if (ctx.mode === "run" && !sameSplit(readBack, split)) throw new VerificationError(router.label, split, readBack);
    journalSplit(ctx, readBack, ctx.mode === "run"), ctx.progress(`${router.label}: ${formatSplit(readBack)}${ctx.mode === "run" ? " (verified)" : " (preview)"}`);
  }, ensureCapacity = async (ctx, state, target, opts) => {
    let wrote = !1, rising = Object.keys(target).filter((d) => target[d] > (state.split[d] ?? 0)), serving = Object.keys(state.split).filter((d) => (state.split[d] ?? 0) > 0), unknownBackends = [...rising, ...serving].filter((d) => !options.backends?.[d]);
    if (!rising.length) return !1;
    if (unknownBackends.length)
      return ctx.journal.emit({ type: "note", text: `capacity not checked for ${router.label}: no backend declared for ${[...new Set(unknownBackends)].join(", ")}` }), !1;
    let pools = new Map(
      await Promise.all([.../* @__PURE__ */ new Set([...serving, ...rising])].map(async (d) => [d, await options.backends[d].get()]))
    ), readyOf = (d) => pools.get(d)?.status?.readyReplicas ?? 0, ready = async (d) => options.backends[d].readyReplicas(), fleetKey = JSON.stringify(router.ref), servingReady = options.fullFleet ?? ctx.fleets.get(fleetKey);
    servingReady === void 0 && (servingReady = fullFleet(serving.map((d) => ({ ready: readyOf(d), weight: state.split[d] }))), ctx.fleets.set(fleetKey, servingReady));
    let timeoutMs = toMs(opts.capacityTimeout ?? "5m", "capacityTimeout");
    for (let dest of rising) {
      let backend = options.backends[dest], needed = replicasNeeded(servingReady, target[dest]), have = readyOf(dest);
      if (have >= needed || (wrote = !0, (pools.get(dest)?.spec?.replicas ?? 0) < needed && (ctx.journal.emit({ type: "note", text: `${backend.label} has ${have} ready pods; ${target[dest]}% of ${router.label} needs ${needed}: scaling up first` }), await backend.scale(needed)), ctx.mode === "preview")) continue;
      let start = ctx.clock.now(), current = state.split;
      for (; ; ) {
        let now = await ready(dest);
        if (now >= needed) break;
        let supported = weightSupported(now, servingReady);
        rising.length === 1 && supported > (current[dest] ?? 0) && supported < target[dest] && (current = partialSplit(current, target, dest, supported), await write(ctx, state, current, `shift traffic in steps while ${backend.label} scales up`));
        let waited = ctx.clock.now() - start;
        if (waited >= timeoutMs)
          throw new CapacityError(
            `${backend.label} has ${now} ready of the ${needed} pods needed to take ${target[dest]}% of ${router.label} (waited ${formatMs(waited)}); it carries ${current[dest] ?? 0}% now. Check why its pods do not become ready (kubectl describe pods), or raise capacityTimeout.`
          );
        ctx.progress(`waiting for ${backend.label}: ${now}/${needed} ready to take ${target[dest]}%`), await ctx.clock.sleep(POLL_MS, ctx.signal);
      }
    }
    return wrote;
  };
  return {
    ref: router.ref,
    label: router.label,
    router,
    async split() {
      return (await inspect(currentContext(`${router.label}.split()`), [])).split;
    },
    async destinations() {
      return (await inspect(currentContext(`${router.label}.destinations()`))).destinations;
    },
    async shift(split, opts = {}) {
      let ctx = currentContext(`${router.label}.shift()`);
      validateSplit(router.label, split);
      let state = await inspect(ctx, Object.keys(split)), unknown = Object.keys(split).filter((d) => !state.destinations.includes(d));
      if (unknown.length) throw new UnknownDestinationError(router.label, unknown, state.destinations, router.destinationNoun);
      let changed = (opts.capacity ?? "check") === "check" && await ensureCapacity(ctx, state, split, opts);
      await write(ctx, state, split, opts.action ?? "shift traffic", !changed);
    },
    async metricScope(destination) {
      let state = await inspect(currentContext(`${router.label}.metricScope()`), [destination]);
      return router.metricScope(state, destination);
    },
    backend: (d) => options.backends?.[d]
  };
}

// sdk/traffic/handles.ts
var istio = {
  virtualService: (options) => createRoute(istioVirtualServiceRouter(options), options)
}, gatewayApi = {
  httpRoute: (options) => createRoute(httpRouteRouter(options), options)
}, smi = {
  trafficSplit: (options) => createRoute(trafficSplitRouter(options), options)
}, ingressNginx = {
  canary: (options) => createRoute(nginxCanaryRouter(options), options)
};

// sdk/traffic/canary.ts
var DEFAULT_STAGES = [1, 10, 50, 100], StageFailed = class extends GateFailedError {
  constructor(stage, verdict2) {
    super(`canary ${stage}%`, verdict2.phase, verdict2.reason);
    this.stage = stage;
    this.verdict = verdict2;
  }
  stage;
  verdict;
};
function validateStages(stages) {
  let issues = [];
  if (stages.forEach((w, i) => {
    !Number.isInteger(w) || w < 1 || w > 100 ? issues.push({ path: `canary.stages[${i}]`, message: `${w} is not a whole percentage from 1 to 100` }) : i > 0 && w <= stages[i - 1] && issues.push({ path: `canary.stages[${i}]`, message: `${w} does not increase on ${stages[i - 1]}` });
  }), stages.length === 0 ? issues.push({ path: "canary.stages", message: "is empty" }) : stages.at(-1) !== 100 && issues.push({ path: `canary.stages[${stages.length - 1}]`, message: "the last stage must be 100 (use route.shift for a partial split)" }), issues.length) throw new InvalidPlanError("Invalid canary stages:", issues);
}
async function canary(run2, opts) {
  let stages = opts.stages ?? DEFAULT_STAGES;
  if (validateStages(stages), opts.stable === opts.canary) throw new InvalidPlanError(`canary: stable and canary are both '${opts.stable}'`);
  for (let weight of stages)
    try {
      await run2.step(`canary ${weight}%`, async () => {
        if (await opts.route.shift({ [opts.canary]: weight, [opts.stable]: 100 - weight }), weight === 100) return;
        await run2.pause(opts.pause ?? "1m", `let ${weight}% of traffic reach ${opts.canary}`);
        let gate = typeof opts.gate == "function" ? opts.gate(weight) : opts.gate, v = await run2.check(`canary ${weight}%`, gate, opts.gateOptions);
        if (v.phase !== "passed")
          throw await opts.route.shift({ [opts.stable]: 100, [opts.canary]: 0 }, { action: `return traffic to ${opts.stable}: canary ${weight}% ${v.phase}` }), new StageFailed(weight, v);
      });
    } catch (err) {
      if (!(err instanceof StageFailed) || (opts.onFailure ?? "fail") === "fail") throw err;
      return { promoted: !1, stage: err.stage, verdict: err.verdict };
    }
  return { promoted: !0 };
}

// sdk/engine/wait.ts
async function waitFor(ctx, what, object, check, options) {
  let { apiVersion, kind, namespace, name } = object, ref = { apiVersion, kind, name, ...namespace ? { namespace } : {} }, start = ctx.clock.now();
  if (ctx.mode === "preview")
    return ctx.journal.emit({ type: "wait", object: ref, what, durationMs: 0, outcome: "skipped" }), { outcome: "skipped", message: `would wait for ${what}`, waitedMs: 0 };
  let last = { done: !1, message: "not checked yet" };
  for (; ; ) {
    last = await check();
    let waited = ctx.clock.now() - start;
    if (last.done || last.failed || waited >= options.timeoutMs) {
      let outcome = last.done ? "done" : "timeout";
      return ctx.journal.emit({ type: "wait", object: ref, what: `${what}: ${last.message}`, durationMs: waited, outcome }), { outcome: last.done ? "done" : last.failed ? "failed" : "timeout", message: last.message, waitedMs: waited };
    }
    ctx.progress(`waiting for ${what} (${formatMs(waited)}): ${last.message}`), await ctx.clock.sleep(Math.min(options.intervalMs, options.timeoutMs - waited), ctx.signal);
  }
}

// sdk/workloads/rollout-status.ts
function rolloutStatus(deploy, pods) {
  let spec = deploy.spec ?? {}, st = deploy.status ?? {}, want = spec.replicas ?? 1;
  for (let pod of pods)
    for (let cs of pod.status?.containerStatuses ?? []) {
      let reason = cs.state?.waiting?.reason;
      if (reason === "CrashLoopBackOff" || reason === "ImagePullBackOff" || reason === "ErrImagePull")
        return { done: !1, failed: !0, message: `pod ${pod.metadata.name} is in ${reason} (restarts: ${cs.restartCount ?? 0})` };
    }
  if ((deploy.metadata.generation ?? 0) > (st.observedGeneration ?? 0))
    return { done: !1, failed: !1, message: "waiting for the deployment controller to observe the new spec" };
  let updated = st.updatedReplicas ?? 0, total = st.replicas ?? 0, available = st.availableReplicas ?? 0;
  return updated < want ? { done: !1, failed: !1, message: `${updated} of ${want} updated replicas` } : total > updated ? { done: !1, failed: !1, message: `${total - updated} old replicas pending termination` } : available < updated ? { done: !1, failed: !1, message: `${available} of ${updated} updated replicas available` } : { done: !0, message: `${available} of ${want} replicas updated and available` };
}

// sdk/workloads/deployment.ts
var REVISION = "deployment.kubernetes.io/revision";
function deployment(options) {
  let ref = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: options.namespace,
    name: options.name,
    ...options.context ? { context: options.context } : {}
  }, label = `Deployment ${options.namespace}/${options.name}`, selectorOf = (d) => Object.entries(d.spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(","), replicaSets = async (d) => (await currentContext(`${label}: list ReplicaSets`).kube.list({ apiVersion: "apps/v1", kind: "ReplicaSet", namespace: options.namespace, labelSelector: selectorOf(d), context: options.context })).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid)), currentPods = async (d) => {
    let ctx = currentContext(`${label}: list pods`), revision = d.metadata.annotations?.[REVISION], hash = (await replicaSets(d)).find((r) => r.metadata.annotations?.[REVISION] === revision)?.metadata.labels?.["pod-template-hash"];
    return hash ? ctx.kube.list({ apiVersion: "v1", kind: "Pod", namespace: options.namespace, labelSelector: `${selectorOf(d)},pod-template-hash=${hash}`, context: options.context }) : [];
  }, templateWrite = (action, target) => writeObject(currentContext(`${label}: ${action}`), {
    ref,
    action,
    patchFor: (current) => ({ spec: { template: mergePatchFrom(current.spec?.template, target(current)) } })
  }), handle = {
    ref,
    label,
    get: () => readRequired(currentContext(`${label}.get()`), ref),
    async pods() {
      return currentPods(await handle.get());
    },
    async readyReplicas() {
      return (await handle.get()).status?.readyReplicas ?? 0;
    },
    async scale(replicas) {
      if (!Number.isInteger(replicas) || replicas < 0)
        throw new InvalidPlanError(`${label}: scale(${replicas}): replicas must be a whole number >= 0`);
      await writeObject(currentContext(`${label}.scale()`), { ref, action: `scale to ${replicas}`, patchFor: () => ({ spec: { replicas } }) });
    },
    async waitForRollout(opts = {}) {
      let ctx = currentContext(`${label}.waitForRollout()`), timeoutMs = toMs(opts.timeout ?? "10m", "waitForRollout timeout"), result = await waitFor(
        ctx,
        "rollout",
        ref,
        async () => {
          let d = await readRequired(ctx, ref);
          return rolloutStatus(d, await currentPods(d));
        },
        { timeoutMs, intervalMs: toMs(opts.interval ?? "2s", "waitForRollout interval") }
      );
      if (result.outcome === "timeout" || result.outcome === "failed") throw new RolloutTimeoutError(label, result.waitedMs, result.message);
    },
    async revisions() {
      let d = await handle.get();
      return (await replicaSets(d)).map((rs) => ({
        revision: Number(rs.metadata.annotations?.[REVISION] ?? 0),
        replicaSet: rs.metadata.name,
        images: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image)
      })).sort((a, b) => a.revision - b.revision);
    },
    async rollback({ toRevision }) {
      let d = await handle.get(), target = (await replicaSets(d)).find((rs) => Number(rs.metadata.annotations?.[REVISION]) === toRevision);
      if (!target) {
        let available = (await handle.revisions()).map((r) => `${r.revision} (${r.images.join(", ")})`);
        throw new RevisionNotFoundError(label, toRevision, available);
      }
      let template = structuredClone(target.spec.template);
      delete template.metadata?.labels?.["pod-template-hash"], await templateWrite(`roll back to revision ${toRevision}`, () => template);
    },
    async setImage(image, opts = {}) {
      await templateWrite(`roll forward to ${image}`, (current) => {
        let template = structuredClone(current.spec.template), containers = template.spec.containers, target = opts.container ? containers.find((c) => c.name === opts.container) : containers.length === 1 ? containers[0] : void 0;
        if (!target)
          throw new InvalidPlanError(
            `${label}: setImage needs { container } naming one of: ${containers.map((c) => c.name).join(", ")}` + (opts.container ? ` (there is no '${opts.container}')` : "")
          );
        return target.image = image, template;
      });
    },
    async restart() {
      let ctx = currentContext(`${label}.restart()`);
      await templateWrite("restart", (current) => {
        let template = structuredClone(current.spec.template);
        return template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, "kubectl.kubernetes.io/restartedAt": new Date(ctx.clock.now()).toISOString() } }, template;
      });
    }
  };
  return handle;
}

// sdk/workloads/kustomize.ts
var import_yaml = __toESM(require_dist(), 1);
import { execFile as execFile2 } from "node:child_process";
import { realpath } from "node:fs/promises";
import { isAbsolute, join as join2, relative, resolve } from "node:path";

// sdk/workloads/git.ts
import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
var GIT_TIMEOUT_MS = 2 * 6e4, GitError = class extends FirebreakError {
  name = "GitError";
  constructor(message, options) {
    super("usage", message, options);
  }
};
function git(repo, args, signal) {
  return new Promise((resolve5, reject) => {
    execFile("git", ["-C", repo, ...args], { timeout: GIT_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, ...signal ? { signal } : {} }, (err, stdout, stderr) => {
      if (!err) return resolve5(stdout.trim());
      let missing = err.code === "ENOENT";
      reject(new GitError(missing ? "git is not installed: install git, or render the overlay from the working tree (no ref)" : `git ${args.join(" ")} in ${repo} failed: ${stderr.trim() || err.message}`, { cause: err }));
    });
  });
}
async function resolveCommit(repo, ref, signal) {
  try {
    return await git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], signal);
  } catch (err) {
    throw new GitError(`${repo} has no commit '${ref}': fetch it first (git fetch --tags origin), or check the branch, tag or sha.`, { cause: err });
  }
}
async function withCheckout(repo, commit, use, signal) {
  let dir = await mkdtemp(join(tmpdir(), "firebreak-git-"));
  try {
    return await new Promise((resolve5, reject) => {
      let archive = spawn("git", ["-C", repo, "archive", "--format=tar", commit], { stdio: ["ignore", "pipe", "pipe"], ...signal ? { signal } : {} }), tar = spawn("tar", ["-x", "-C", dir], { stdio: ["pipe", "ignore", "pipe"], ...signal ? { signal } : {} }), timer = setTimeout(() => {
        archive.kill(), tar.kill();
      }, GIT_TIMEOUT_MS), errors = "";
      archive.stderr.on("data", (d) => errors += d), tar.stderr.on("data", (d) => errors += d), archive.stdout.pipe(tar.stdin);
      let pending = 2, done = (what) => (code) => {
        code !== 0 ? (clearTimeout(timer), reject(new GitError(`${what} of ${commit} in ${repo} failed (${code ?? "killed"}): ${errors.trim()}`))) : --pending === 0 && (clearTimeout(timer), resolve5());
      };
      archive.on("error", (e) => reject(new GitError(`git archive failed: ${e.message}`, { cause: e }))), tar.on("error", (e) => reject(new GitError(`tar failed: ${e.message} (tar extracts the tree at the ref)`, { cause: e }))), archive.on("close", done("git archive")), tar.on("close", done("tar -x"));
    }), await use(dir);
  } finally {
    await rm(dir, { recursive: !0, force: !0 });
  }
}
function repoRoot(path, signal) {
  return git(path, ["rev-parse", "--show-toplevel"], signal);
}

// sdk/workloads/kustomize.ts
var KUSTOMIZE_TIMEOUT_MS = 2 * 6e4, MAX_OUTPUT_BYTES = 64 * 1024 * 1024, KubectlNotInstalledError = class extends FirebreakError {
  constructor(binary) {
    super(
      "usage",
      `Rendering a Kustomize overlay needs kubectl (1.14+, kustomize built in), and '${binary}' was not found. Install it (https://kubernetes.io/docs/tasks/tools/; in GitHub Actions, \`uses: azure/setup-kubectl@v4\`), or set FIREBREAK_KUBECTL to its path.`
    );
    this.binary = binary;
  }
  binary;
  name = "KubectlNotInstalledError";
}, KustomizeError = class extends FirebreakError {
  name = "KustomizeError";
  constructor(message) {
    super("invalid-plan", message);
  }
};
function kustomizeBuild(kubectl, dir, label, signal) {
  return new Promise((resolvePromise, reject) => {
    execFile2(kubectl, ["kustomize", dir], { timeout: KUSTOMIZE_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, ...signal ? { signal } : {} }, (err, stdout, stderr) => {
      if (!err) return resolvePromise(stdout);
      if (err.code === "ENOENT") return reject(new KubectlNotInstalledError(kubectl));
      reject(new KustomizeError(`${label} did not render: ${stderr.trim() || err.message}`));
    });
  });
}
function parseObjects(yaml, label) {
  let out = [];
  for (let doc of (0, import_yaml.parseAllDocuments)(yaml)) {
    if (doc.errors.length) throw new KustomizeError(`${label} rendered YAML that does not parse: ${doc.errors[0].message}`);
    let obj = doc.toJS();
    obj && out.push(obj);
  }
  return out;
}
function overlay(options) {
  let repo = options.repo ?? ".", label = `Kustomize overlay ${options.path}${options.ref ? ` at ${options.ref}` : ""}`, kubectl = options.kubectl ?? process.env.FIREBREAK_KUBECTL ?? "kubectl", render = async (signal) => {
    if (!options.ref) {
      let dir = isAbsolute(options.path) ? options.path : join2(repo, options.path);
      return { objects: parseObjects(await kustomizeBuild(kubectl, dir, label, signal), label) };
    }
    let root = await realpath(await repoRoot(repo, signal)), inRepo = relative(root, resolve(await realpath(repo), options.path));
    if (inRepo.startsWith("..")) throw new KustomizeError(`${label}: ${options.path} is outside the repository ${root}`);
    let commit = await resolveCommit(repo, options.ref, signal), yaml = await withCheckout(repo, commit, (dir) => kustomizeBuild(kubectl, join2(dir, inRepo), label, signal), signal);
    return { commit, objects: parseObjects(yaml, label) };
  };
  return {
    label,
    render: () => render(),
    async apply(applyOptions = {}) {
      let ctx = currentContext(`${label}.apply()`), { commit, objects } = await render(ctx.signal);
      ctx.journal.emit({ type: "note", text: `${label}${commit ? ` (commit ${commit.slice(0, 12)})` : ""}: ${objects.length} objects to apply` });
      let action = `apply ${options.path}${options.ref ? ` at ${options.ref}` : ""}`, applied = [];
      for (let object of objects) {
        let { changes } = await applyObject(ctx, { object, action, ...options.context ? { context: options.context } : {}, ...applyOptions.force ? { force: !0 } : {} });
        applied.push({ object: refString({ kind: object.kind, namespace: object.metadata?.namespace, name: object.metadata?.name }), changes: changes.length });
      }
      return { ...commit ? { commit } : {}, objects: applied };
    }
  };
}
var kustomize = { overlay };

// sdk/workloads/helm.ts
var import_yaml3 = __toESM(require_dist(), 1);

// sdk/workloads/helm-cli.ts
import { execFile as execFile3 } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp as mkdtemp2, rm as rm2, writeFile } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { delimiter, join as join3 } from "node:path";
var HELM_TIMEOUT_MS = 5 * 6e4, OUTPUT_CHARS = 2e3, HelmNotInstalledError = class extends FirebreakError {
  constructor(operation) {
    super(
      "usage",
      `${operation} needs the helm CLI, which was not found on PATH or at FIREBREAK_HELM. Install Helm 3.14+ or 4 (https://helm.sh/docs/intro/install/; in GitHub Actions, \`uses: azure/setup-helm@v4\`), or set FIREBREAK_HELM to the path of the binary. Reading release history does not need it.`
    );
    this.operation = operation;
  }
  operation;
  name = "HelmNotInstalledError";
}, HelmCommandError = class extends FirebreakError {
  constructor(args, exitCode, output) {
    super("kube-api", `helm ${args.join(" ")} failed (${exitCode}): ${output.trim().slice(-OUTPUT_CHARS) || "(no output)"}`);
    this.args = args;
    this.exitCode = exitCode;
    this.output = output;
  }
  args;
  exitCode;
  output;
  name = "HelmCommandError";
}, isExecutable = (path) => {
  try {
    return accessSync(path, constants.X_OK), !0;
  } catch {
    return !1;
  }
};
function findHelm(explicit, env) {
  for (let candidate of [explicit, env.FIREBREAK_HELM]) if (candidate) return isExecutable(candidate) ? candidate : void 0;
  for (let dir of (env.PATH ?? "").split(delimiter))
    if (dir && isExecutable(join3(dir, "helm"))) return join3(dir, "helm");
}
async function runHelm(binary, connection, args, options = {}) {
  let dir = await mkdtemp2(join3(tmpdir2(), "firebreak-helm-"));
  try {
    let kubeconfig = join3(dir, "kubeconfig");
    await writeFile(kubeconfig, connection.kubeconfig, { mode: 384 });
    for (let [name, content] of Object.entries(options.files ?? {})) await writeFile(join3(dir, name), content, { mode: 384 });
    let full = [...args.map((a) => a.replaceAll("{dir}", dir)), "--kubeconfig", kubeconfig, "--kube-context", connection.context];
    return await new Promise((resolve5, reject) => {
      execFile3(
        binary,
        full,
        {
          timeout: options.timeoutMs ?? HELM_TIMEOUT_MS,
          maxBuffer: 16 * 1024 * 1024,
          ...options.signal ? { signal: options.signal } : {},
          // helm's caches and plugins go to the temp dir, not the runner's home
          env: { ...process.env, KUBECONFIG: kubeconfig, HELM_CACHE_HOME: join3(dir, "cache"), HELM_CONFIG_HOME: join3(dir, "config"), HELM_DATA_HOME: join3(dir, "data") }
        },
        (err, stdout, stderr) => {
          if (!err) return resolve5(stdout);
          let e = err, code = e.killed ? `killed after ${Math.round((options.timeoutMs ?? HELM_TIMEOUT_MS) / 1e3)}s` : e.code ?? "error";
          reject(new HelmCommandError(args.map((a) => a.replaceAll("{dir}/", "")), code, `${stderr}
${stdout}`));
        }
      );
    });
  } finally {
    await rm2(dir, { recursive: !0, force: !0 });
  }
}

// sdk/workloads/helm-release.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { gunzipSync } from "node:zlib";
var HELM_RELEASE_TYPE = "helm.sh/release.v1", HelmRecordError = class extends Error {
  name = "HelmRecordError";
}, GZIP_MAGIC = Buffer.from([31, 139, 8]), POD_SPEC = {
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
  Pod: ["spec"]
};
function manifestImages(manifest, defaultNamespace) {
  let out = [];
  for (let doc of (0, import_yaml2.parseAllDocuments)(manifest)) {
    let obj = doc.toJS(), path = obj && POD_SPEC[obj.kind];
    if (!obj || !path) continue;
    let spec = obj;
    for (let k of path) spec = spec?.[k];
    for (let list2 of ["initContainers", "containers"])
      (spec?.[list2] ?? []).forEach((c, i) => {
        let namespace = obj.metadata?.namespace ?? defaultNamespace;
        out.push({
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          name: obj.metadata?.name,
          ...namespace ? { namespace } : {},
          container: c.name,
          image: c.image,
          field: `${path.join(".")}.${list2}[${i}].image`
        });
      });
  }
  return out;
}
function decodeReleaseData(encoded) {
  let raw = Buffer.from(encoded, "base64"), json = raw.subarray(0, 3).equals(GZIP_MAGIC) ? gunzipSync(raw) : raw;
  return JSON.parse(json.toString("utf8"));
}
function decodeHelmRecord(record) {
  let where = `${record.kind} ${record.metadata.namespace}/${record.metadata.name}`, field = record.data?.release;
  if (typeof field != "string") throw new HelmRecordError(`${where} has no 'release' data: it is not a Helm release record`);
  let rel;
  try {
    rel = decodeReleaseData(record.kind === "Secret" ? Buffer.from(field, "base64").toString("utf8") : field);
  } catch (err) {
    throw new HelmRecordError(`${where}: the release record is not base64 \u2192 gzip \u2192 JSON as Helm writes it (${err.message})`);
  }
  let meta = rel.chart?.metadata ?? {}, manifest = rel.manifest ?? "";
  return {
    revision: Number(rel.version ?? record.metadata.labels?.version),
    status: String(rel.info?.status ?? record.metadata.labels?.status ?? "unknown"),
    chart: String(meta.name ?? ""),
    chartVersion: String(meta.version ?? ""),
    ...meta.appVersion ? { appVersion: String(meta.appVersion) } : {},
    ...rel.info?.description ? { description: String(rel.info.description) } : {},
    ...rel.info?.last_deployed ? { updated: String(rel.info.last_deployed) } : {},
    values: rel.config ?? {},
    manifest,
    images: manifestImages(manifest, rel.namespace ?? record.metadata.namespace)
  };
}
var GOOD = /* @__PURE__ */ new Set(["deployed", "superseded"]);
function lastGoodRevision(history) {
  let sorted = [...history].sort((a, b) => a.revision - b.revision), current = sorted.at(-1);
  return sorted.filter((r) => r.revision < (current?.revision ?? 0) && GOOD.has(r.status)).at(-1);
}
function chartText(r) {
  return `${r.chart}-${r.chartVersion}${r.appVersion ? ` (app ${r.appVersion})` : ""}`;
}

// sdk/workloads/helm.ts
var releaseObject = (o) => ({ apiVersion: "helm.sh/v1", kind: "HelmRelease", namespace: o.namespace, name: o.name, ...o.context ? { context: o.context } : {} });
function imageChanges(from, to) {
  let key2 = (i) => `${i.kind}|${i.namespace}|${i.name}|${i.field}`, before = new Map(from.images.map((i) => [key2(i), i.image]));
  return to.images.filter((i) => before.get(key2(i)) !== i.image).map((i) => ({ target: i, before: before.get(key2(i)) }));
}
function flatten(value, path = "values") {
  return value && typeof value == "object" && !Array.isArray(value) ? Object.entries(value).flatMap(([k, v]) => flatten(v, `${path}.${k}`)) : [[path, value]];
}
var valueOf = (values, path) => path.split(".").slice(1).reduce((o, k) => o?.[k], values);
function release(options) {
  let label = `Helm release ${options.namespace}/${options.name}`, kind = options.storage === "configmap" ? "ConfigMap" : "Secret", object = releaseObject(options), history = async (ctx) => (await ctx.kube.list({ apiVersion: "v1", kind, namespace: options.namespace, labelSelector: `owner=helm,name=${options.name}`, context: options.context })).filter((r) => kind === "ConfigMap" || r.type === HELM_RELEASE_TYPE).map(decodeHelmRecord).sort((a, b) => a.revision - b.revision), current = async (ctx) => {
    let all2 = await history(ctx), latest = all2.at(-1);
    if (!latest) throw new FirebreakError("not-found", `${label} has no release records (${kind}s labelled owner=helm,name=${options.name}): check the namespace and release name, and HELM_DRIVER (storage).`);
    return { all: all2, latest };
  }, helmFor = (ctx, operation) => {
    let binary = findHelm(options.helmBinary, process.env);
    if (!binary) throw new HelmNotInstalledError(`${label}: ${operation}`);
    if (!ctx.kube.connection) throw new FirebreakError("usage", `${label}: ${operation}: this Kubernetes port cannot hand its cluster to the helm CLI`);
    return { binary, connection: ctx.kube.connection(options.context) };
  }, journal = (ctx, ref, field, before, after2, action) => ctx.journal.emit({ type: "change", object: ref, field, before, after: after2, applied: ctx.mode === "run", action }), verify = async (ctx, previous, expectImages, what) => {
    let { latest } = await current(ctx);
    if (latest.revision <= previous || latest.status !== "deployed" || !expectImages(latest))
      throw new VerificationError(`${label} (${what})`, "a new deployed revision", `revision ${latest.revision} ${latest.status}`);
    for (let img of latest.images) {
      let live = await ctx.kube.get({ apiVersion: img.apiVersion, kind: img.kind, namespace: img.namespace, name: img.name, context: options.context }), actual = live && valueAt(live, img.field);
      if (actual !== img.image) throw new VerificationError(`${img.kind} ${img.namespace}/${img.name} ${img.field}`, img.image, actual);
    }
    return latest;
  };
  return {
    label,
    history: () => history(currentContext(`${label}.history()`)),
    current: async () => (await current(currentContext(`${label}.current()`))).latest,
    lastGood: async () => lastGoodRevision(await history(currentContext(`${label}.lastGood()`))),
    async rollback(opts = {}) {
      let ctx = currentContext(`${label}.rollback()`), { all: all2, latest } = await current(ctx), target = opts.toRevision === void 0 ? lastGoodRevision(all2) : all2.find((r) => r.revision === opts.toRevision);
      if (!target)
        throw new RevisionNotFoundError(label, opts.toRevision ?? 0, all2.map((r) => `${r.revision} (${r.status}, ${chartText(r)})`));
      let action = `helm rollback to revision ${target.revision}`, emit = () => {
        journal(ctx, object, "chart", chartText(latest), chartText(target), action);
        for (let c of imageChanges(latest, target)) {
          let { apiVersion, kind: k, name, namespace } = c.target;
          journal(ctx, { apiVersion, kind: k, name, ...namespace ? { namespace } : {}, ...options.context ? { context: options.context } : {} }, c.target.field, c.before, c.target.image, action);
        }
      };
      if (ctx.mode === "preview") return void emit();
      let { binary, connection } = helmFor(ctx, `rollback to revision ${target.revision}`);
      await send(
        ctx,
        object,
        () => runHelm(binary, connection, ["rollback", options.name, String(target.revision), "--namespace", options.namespace], {
          timeoutMs: toMs(opts.timeout ?? "5m", "rollback timeout")
        })
      );
      let key2 = (r) => JSON.stringify(r.images.map((i) => [i.kind, i.name, i.field, i.image]).sort());
      await verify(ctx, latest.revision, (r) => key2(r) === key2(target), action), emit();
    },
    async upgrade(opts) {
      let ctx = currentContext(`${label}.upgrade()`), { latest } = await current(ctx), action = `helm upgrade to ${opts.chart}${opts.version ? ` ${opts.version}` : ""}`, emit = (after2) => {
        journal(ctx, object, "chart", chartText(latest), after2 ? chartText(after2) : `${opts.chart}${opts.version ? `-${opts.version}` : ""}`, action);
        for (let [path, value] of flatten(opts.values ?? {})) journal(ctx, object, path, valueOf(latest.values, path), value, action);
        if (after2)
          for (let c of imageChanges(latest, after2)) {
            let { apiVersion, kind: k, name, namespace } = c.target;
            journal(ctx, { apiVersion, kind: k, name, ...namespace ? { namespace } : {} }, c.target.field, c.before, c.target.image, action);
          }
      };
      if (ctx.mode === "preview") return void emit();
      let { binary, connection } = helmFor(ctx, action), args = ["upgrade", options.name, opts.chart, "--namespace", options.namespace, "--reset-then-reuse-values", "--values", "{dir}/values.yaml"];
      opts.version && args.push("--version", opts.version), await send(ctx, object, () => runHelm(binary, connection, args, { timeoutMs: toMs(opts.timeout ?? "5m", "upgrade timeout"), files: { "values.yaml": (0, import_yaml3.stringify)(opts.values ?? {}) } })), emit(await verify(ctx, latest.revision, () => !0, action));
    }
  };
}
var helm = { release };

// sdk/gates/measure.ts
async function read(metrics, query2, at) {
  let r = await metrics.query(query2, at);
  if (!r.samples.length) return { query: query2, warnings: r.warnings, value: null, missing: "empty vector" };
  let v = r.samples.reduce((s, x) => s + x.value, 0);
  return Number.isNaN(v) ? { query: query2, warnings: r.warnings, value: null, missing: "NaN" } : { query: query2, warnings: r.warnings, value: v };
}
function requireMetrics(r) {
  if (!r.ctx.metrics) throw new MetricsUnavailableError("(none)", "no metrics provider is configured; pass --prometheus URL (CLI) or prometheus-url (action)");
  return r.ctx.metrics;
}
var warningNote = (warnings) => `Prometheus warned: ${[...new Set(warnings)].join("; ")}`;
function judge(pass, reason, warnings, evidence) {
  return warnings.length ? pass ? verdict("inconclusive", `${reason}, but ${warningNote(warnings)}: not a pass on possibly partial data`, evidence) : verdict("failed", `${reason} (${warningNote(warnings)})`, evidence) : verdict(pass ? "passed" : "failed", reason, evidence);
}
function noData(r, what, evidence) {
  let reason = `no data (${r.missing}): ${what}${r.warnings.length ? ` (${warningNote(r.warnings)})` : ""}`;
  return verdict("inconclusive", reason, { ...evidence, query: r.query, value: null });
}

// sdk/gates/traffic.ts
var DEFAULT_WINDOW = "1m", DEFAULT_MIN_REQUESTS = 50, subjectOf = (t) => "route" in t ? t.destination : t.version ?? t.service;
async function resolve2(r, target) {
  if (!("route" in target)) return { mesh: target.mesh, scope: target };
  let key2 = `metric-scope|${target.route.label}|${target.destination}`, known = r.state.get(key2);
  if (known) return known;
  let found = { mesh: target.route.router.metrics, scope: await target.route.metricScope(target.destination) };
  return r.state.set(key2, found), found;
}
async function countTraffic(r, target, opts, role = "") {
  let metrics = requireMetrics(r), window = opts.window ?? DEFAULT_WINDOW, minRequests = opts.minRequests ?? DEFAULT_MIN_REQUESTS, { mesh, scope } = await resolve2(r, target), ind = indicatorsFor(mesh), subject = subjectOf(target), who = role ? `${role} ${subject}` : subject, at = r.ctx.clock.now(), reading = await read(metrics, ind.requests(scope, window), at), evidence = { at, indicator: "requests", subject, window, threshold: `>= ${minRequests} requests` };
  if (reading.value === null)
    return noData(reading, `${who} has no requests recorded in the last ${window} \u2014 is it receiving traffic?`, { ...evidence, samples: 0 });
  let requests = Math.round(reading.value);
  return requests < minRequests ? verdict("inconclusive", `too few requests: ${requests} in ${window} to ${who} (need ${minRequests} for a verdict)`, {
    ...evidence,
    query: reading.query,
    value: requests,
    samples: requests
  }) : { ind, scope, subject, requests: reading.value, warnings: reading.warnings, base: { at, window, samples: requests, subject } };
}

// sdk/gates/compare.ts
var DEFAULT_ERROR_RATE_FLOOR = 1e-3, pct = (x) => `${Math.round(x * 1e4) / 100}%`, round6 = (v) => Math.round(v * 1e6) / 1e6, sideOf = (t, version) => "route" in t ? { route: t.route, destination: version } : { mesh: t.mesh, namespace: t.namespace, service: t.service, version };
async function errorsOf(r, t) {
  let reading = await read(requireMetrics(r), t.ind.errors(t.scope, t.base.window), t.base.at);
  if (reading.value === null && reading.missing === "NaN") return noData(reading, `the 5xx count of ${t.subject} is NaN`, { ...t.base, indicator: "error-rate" });
  let failed = reading.value ?? 0;
  return { failed, rate: failed / t.requests, query: reading.query, warnings: reading.warnings };
}
function compare(opts) {
  if (!(opts.maxErrorRatio >= 1)) throw new InvalidPlanError(`gates.compare: maxErrorRatio ${opts.maxErrorRatio} must be at least 1 (canary no worse than stable)`);
  let floor = opts.errorRateFloor ?? DEFAULT_ERROR_RATE_FLOOR, canary2 = sideOf(opts, opts.canary), stable = sideOf(opts, opts.stable);
  return {
    kind: "compare",
    description: `error rate of ${opts.canary} <= ${opts.maxErrorRatio} \xD7 ${opts.stable}'s over ${opts.window ?? DEFAULT_WINDOW} (each at least ${opts.minRequests ?? DEFAULT_MIN_REQUESTS} requests)`,
    policy: opts.policy,
    async evaluate(r) {
      let [c, s] = await Promise.all([countTraffic(r, canary2, opts, "canary"), countTraffic(r, stable, opts, "stable")]), short = [c, s].filter((x) => "phase" in x);
      if (short.length) return { phase: "inconclusive", reason: short.map((v2) => v2.reason).join("; "), evidence: short.flatMap((v2) => v2.evidence) };
      let ct = c, st = s, [ce, se] = await Promise.all([errorsOf(r, ct), errorsOf(r, st)]);
      if ("phase" in ce) return ce;
      if ("phase" in se) return se;
      let baseline = Math.max(se.rate, floor), allowed = opts.maxErrorRatio * baseline, pass = ce.rate <= allowed, stableSays = se.rate < floor ? `${opts.stable} had ${pct(se.rate)} (${Math.round(se.failed)} of ${st.base.samples}), below the floor of ${pct(floor)}, so ${opts.canary} may have up to ${opts.maxErrorRatio} \xD7 ${pct(floor)} = ${pct(allowed)}` : `${opts.maxErrorRatio} \xD7 ${opts.stable}'s ${pct(se.rate)} (${Math.round(se.failed)} of ${st.base.samples}) = ${pct(allowed)}`, threshold = `<= ${pct(allowed)}`, v = judge(
        pass,
        `canary ${opts.canary} error rate ${pct(ce.rate)} (${Math.round(ce.failed)} of ${ct.base.samples}) ${pass ? "<=" : ">"} ${stableSays}, over ${ct.base.window}`,
        [...ct.warnings, ...st.warnings, ...ce.warnings, ...se.warnings],
        { ...ct.base, indicator: "error-rate", query: ce.query, value: round6(ce.rate), threshold }
      ), baselineEvidence = { ...st.base, indicator: "error-rate", query: se.query, value: round6(se.rate), threshold: `baseline (floor ${pct(floor)})`, phase: v.phase, reason: v.reason };
      return { ...v, evidence: [...v.evidence, baselineEvidence] };
    }
  };
}

// sdk/gates/compose.ts
function combinedPolicy(gates2) {
  let ps = gates2.map((g) => ({ ...DEFAULT_POLICY, ...g.policy }));
  return {
    interval: Math.min(...ps.map((p) => toMs(p.interval))),
    timeout: Math.max(...ps.map((p) => toMs(p.timeout))),
    consecutive: Math.max(...ps.map((p) => p.consecutive)),
    failureLimit: 0
  };
}
async function childRound(gate, index, round) {
  let key2 = `child-${index}`, own = round.state.get(key2) ?? { state: /* @__PURE__ */ new Map(), failures: 0 };
  round.state.set(key2, own);
  let v = await gate.evaluate({ ...round, state: own.state });
  if (v.phase !== "failed") return v;
  own.failures++;
  let limit = gate.policy?.failureLimit ?? DEFAULT_POLICY.failureLimit;
  return own.failures > limit ? v : { ...v, phase: "inconclusive", reason: `${v.reason} (failed round ${own.failures}, tolerated)` };
}
function combine(kind, gates2, decide) {
  return {
    kind,
    description: `${kind} of: ${gates2.map((g) => g.description).join("; ")}`,
    policy: combinedPolicy(gates2),
    async evaluate(round) {
      let verdicts = await Promise.all(gates2.map((g, i) => childRound(g, i, round)));
      return {
        phase: decide(verdicts.map((v) => v.phase)),
        reason: verdicts.map((v, i) => `[${gates2[i].kind}] ${v.phase}: ${v.reason}`).join("; "),
        evidence: verdicts.flatMap((v) => v.evidence)
      };
    }
  };
}
function all(...gates2) {
  return combine(
    "all",
    gates2,
    (ps) => ps.includes("error") ? "error" : ps.includes("failed") ? "failed" : ps.includes("inconclusive") ? "inconclusive" : "passed"
  );
}
function any(...gates2) {
  return combine(
    "any",
    gates2,
    (ps) => ps.includes("passed") ? "passed" : ps.includes("inconclusive") ? "inconclusive" : ps.includes("error") ? "error" : "failed"
  );
}

// sdk/gates/metric.ts
var round4 = (v) => Math.round(v * 1e4) / 1e4, over = (o) => `over ${o.window ?? DEFAULT_WINDOW} (at least ${o.minRequests ?? DEFAULT_MIN_REQUESTS} requests)`;
function successRate(opts) {
  return {
    kind: "success-rate",
    description: `success rate of ${subjectOf(opts)} >= ${opts.min} ${over(opts)}`,
    policy: opts.policy,
    async evaluate(r) {
      let t = await countTraffic(r, opts, opts);
      if ("phase" in t) return t;
      let errors = await read(requireMetrics(r), t.ind.errors(t.scope, t.base.window), t.base.at), evidence = { ...t.base, indicator: "success-rate", threshold: `>= ${opts.min}` };
      if (errors.value === null && errors.missing === "NaN") return noData(errors, `the 5xx count of ${t.subject} is NaN`, evidence);
      let failed = errors.value ?? 0, rate = round4(1 - failed / t.requests), pass = rate >= opts.min;
      return judge(
        pass,
        `success rate ${rate} ${pass ? ">=" : "<"} ${opts.min} over ${t.base.window} (${t.base.samples} requests, ${Math.round(failed)} failed)`,
        [...t.warnings, ...errors.warnings],
        { ...evidence, query: errors.query, value: rate }
      );
    }
  };
}
function latency(opts) {
  let q = opts.quantile ?? 0.99;
  if (!(q > 0 && q < 1)) throw new InvalidPlanError(`gates.latency: quantile ${q} must be between 0 and 1 (e.g. 0.99 for p99)`);
  let label = `p${Math.round(q * 1e3) / 10}`;
  return {
    kind: "latency",
    description: `${label} latency of ${subjectOf(opts)} < ${opts.maxMs}ms ${over(opts)}`,
    policy: opts.policy,
    async evaluate(r) {
      let t = await countTraffic(r, opts, opts);
      if ("phase" in t) return t;
      let reading = await read(requireMetrics(r), t.ind.latency(t.scope, q, t.base.window), t.base.at), evidence = { ...t.base, indicator: `latency-${label}`, unit: "ms", threshold: `< ${opts.maxMs}ms` };
      if (reading.value === null) return noData(reading, `the latency histogram of ${t.subject} has no observations in ${t.base.window}`, evidence);
      let pass = reading.value < opts.maxMs, shown2 = Number.isFinite(reading.value) ? `${Math.round(reading.value)}ms` : "+Inf (past the histogram's last bucket)";
      return judge(pass, `${label} latency ${shown2} ${pass ? "<" : ">="} ${opts.maxMs}ms over ${t.base.window}`, [...t.warnings, ...reading.warnings], {
        ...evidence,
        query: reading.query,
        value: Math.round(reading.value * 10) / 10
      });
    }
  };
}
function query(opts) {
  if (opts.min === void 0 && opts.max === void 0)
    throw new InvalidPlanError(`gates.query "${opts.name}": give min, max or both; a query without a bound would pass on any number`);
  let bound = [opts.min !== void 0 ? `>= ${opts.min}` : "", opts.max !== void 0 ? `<= ${opts.max}` : ""].filter(Boolean).join(" and ");
  return {
    kind: "query",
    description: `${opts.name} ${bound}`,
    policy: opts.policy,
    async evaluate(r) {
      let at = r.ctx.clock.now(), reading = await read(requireMetrics(r), opts.promql, at), evidence = { at, indicator: opts.name, threshold: bound };
      if (reading.value === null) return noData(reading, `${opts.name}: the query has no value`, evidence);
      let value = reading.value, pass = (opts.min === void 0 || value >= opts.min) && (opts.max === void 0 || value <= opts.max);
      return judge(pass, `${opts.name} = ${value} (${pass ? "within" : "outside"} ${bound})`, reading.warnings, { ...evidence, query: opts.promql, value });
    }
  };
}

// sdk/gates/pods-ready.ts
var restartsOf = (pod) => (pod.status?.containerStatuses ?? []).reduce((s, c) => s + (c.restartCount ?? 0), 0), readySince = (pod) => {
  let cond = (pod.status?.conditions ?? []).find((c) => c.type === "Ready");
  return cond?.status === "True" ? Date.parse(cond.lastTransitionTime) : void 0;
};
function podsReady(opts) {
  let forMs = toMs(opts.for ?? "60s", "podsReady for"), maxRestarts = opts.maxRestarts ?? 0;
  return {
    kind: "pods-ready",
    description: `all pods of ${opts.workload.label} ready for ${formatMs(forMs)} with at most ${maxRestarts} restarts`,
    policy: { interval: "5s", timeout: forMs + 5 * 6e4, failureLimit: 0 },
    async evaluate({ ctx, state }) {
      let at = ctx.clock.now(), want = (await opts.workload.get()).spec?.replicas ?? 0, pods = await opts.workload.pods(), base = { at, indicator: "pods-ready", subject: opts.workload.label, samples: pods.length, threshold: `${want} ready for ${formatMs(forMs)}` }, baseline = state.get("restarts") ?? new Map(pods.map((p) => [p.metadata.name, restartsOf(p)]));
      state.set("restarts", baseline);
      for (let pod of pods) {
        if ((pod.status?.containerStatuses ?? []).find((c) => c.state?.waiting?.reason === "CrashLoopBackOff")) return verdict("failed", `pod ${pod.metadata.name} is in CrashLoopBackOff (restarts: ${restartsOf(pod)})`, { ...base, value: restartsOf(pod), unit: "restarts" });
        let restarted = restartsOf(pod) - (baseline.get(pod.metadata.name) ?? 0);
        if (restarted > maxRestarts) return verdict("failed", `pod ${pod.metadata.name} restarted ${restarted} time${restarted === 1 ? "" : "s"} during the gate`, { ...base, value: restarted, unit: "restarts" });
      }
      let ready = pods.filter((p) => readySince(p) !== void 0);
      if (want === 0) return verdict("inconclusive", `${opts.workload.label} is scaled to 0: nothing to judge`, { ...base, value: 0 });
      if (ready.length < want) return verdict("inconclusive", `${ready.length} of ${want} pods ready`, { ...base, value: ready.length });
      let since = Math.max(...ready.map((p) => readySince(p))), readyFor = at - since;
      return readyFor < forMs ? verdict("inconclusive", `all ${want} pods ready, for ${formatMs(readyFor)} of ${formatMs(forMs)}`, { ...base, value: readyFor, unit: "ms" }) : verdict("passed", `all ${want} pods ready for ${formatMs(readyFor)}, no restarts`, { ...base, value: readyFor, unit: "ms" });
    }
  };
}

// sdk/gates/schema/history.ts
var str = (v) => String(v), withoutExtension = (name) => name.replace(/\.(c|m)?(js|ts)$/, ""), LAYOUTS = {
  // Flyway: one row per migration; repeatable ones have no version; success = false is a failed one.
  flyway: {
    table: "flyway_schema_history",
    sql: "SELECT version, type, success FROM {table} WHERE version IS NOT NULL ORDER BY installed_rank",
    ordering: "version",
    complete: !0,
    read: (rows) => {
      let failed = rows.find((r) => r.success === !1), baseline = rows.find((r) => r.type === "BASELINE");
      return {
        applied: rows.filter((r) => r.success !== !1).map((r) => str(r.version)),
        ...baseline ? { baseline: str(baseline.version) } : {},
        ...failed ? { broken: `migration ${str(failed.version)} failed (success = false): run \`flyway repair\` or fix it by hand first` } : {}
      };
    }
  },
  // Liquibase: one row per changeset, in orderexecuted; a tag marks a point to roll back to.
  liquibase: {
    table: "databasechangelog",
    sql: "SELECT id, tag, exectype FROM {table} ORDER BY orderexecuted",
    ordering: "applied",
    complete: !0,
    read: (rows) => {
      let failed = rows.find((r) => r.exectype === "FAILED");
      return {
        applied: rows.filter((r) => r.exectype !== "FAILED").map((r) => str(r.id)),
        tags: new Map(rows.filter((r) => r.tag).map((r) => [str(r.tag), str(r.id)])),
        ...failed ? { broken: `changeset ${str(failed.id)} is recorded as FAILED` } : {}
      };
    }
  },
  // Prisma: started_at/finished_at per migration; a rolled-back one no longer counts.
  prisma: {
    table: "_prisma_migrations",
    sql: "SELECT migration_name, finished_at, rolled_back_at FROM {table} ORDER BY started_at, migration_name",
    ordering: "version",
    complete: !0,
    read: (rows) => {
      let live = rows.filter((r) => r.rolled_back_at === null), unfinished = live.find((r) => r.finished_at === null);
      return {
        applied: live.filter((r) => r.finished_at !== null).map((r) => str(r.migration_name)),
        ...unfinished ? { broken: `migration ${str(unfinished.migration_name)} started but never finished: \`prisma migrate resolve\` it first` } : {}
      };
    }
  },
  // Knex: one row per migration file, in the order (and batches) they ran.
  knex: {
    table: "knex_migrations",
    sql: "SELECT name FROM {table} ORDER BY id",
    ordering: "version",
    complete: !0,
    read: (rows) => ({ applied: rows.map((r) => withoutExtension(str(r.name))) })
  },
  // golang-migrate: a single row, the current version, and whether the last migration broke halfway.
  "golang-migrate": {
    table: "schema_migrations",
    sql: "SELECT version, dirty FROM {table}",
    ordering: "version",
    complete: !1,
    read: (rows) => {
      let row = rows[0];
      return row ? {
        applied: [str(row.version)],
        ...row.dirty === !0 ? { broken: `the schema is dirty at version ${str(row.version)} (a migration failed halfway): fix it and \`migrate force\` first` } : {}
      } : { applied: [] };
    }
  },
  // Alembic: one row per head, the revision the schema is at.
  alembic: {
    table: "alembic_version",
    sql: "SELECT version_num FROM {table}",
    ordering: "none",
    complete: !1,
    read: (rows) => ({ applied: rows.map((r) => str(r.version_num)) })
  }
}, TOOLS = Object.keys(LAYOUTS);
function versionKey(tool, id) {
  return tool === "prisma" || tool === "knex" ? /^\d+/.exec(id)?.[0] ?? id : id;
}
function compareVersions(a, b) {
  let pa = a.split(/[._-]/), pb = b.split(/[._-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    let x = pa[i] ?? "0", y = pb[i] ?? "0", d = /^\d+$/.test(x) && /^\d+$/.test(y) ? Math.sign(Number(BigInt(x) - BigInt(y))) : x.localeCompare(y);
    if (d) return d;
  }
  return 0;
}

// sdk/gates/schema/postgres.ts
var CONNECT_TIMEOUT_MS = 5e3, QUERY_TIMEOUT_MS = 5e3;
function shown(url) {
  try {
    let u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "(unparsable database URL)";
  }
}
function resolveUrl(req) {
  if ("url" in req.database) return req.database.url;
  let value = (req.env ?? process.env)[req.database.urlEnv];
  if (!value) throw new InvalidPlanError(`gates.schema: the environment variable ${req.database.urlEnv} is not set; it should hold the database URL`);
  return value;
}
async function connect(url) {
  let { default: pg } = await import("./chunks/esm-CSNV4XM3.js"), client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS, application_name: "firebreak" });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL at ${shown(url)} is unreachable: ${err.message || err.code}`, { cause: err });
  }
  return client.on("error", () => {
  }), client;
}
var quoteTable = (name, escape) => name.split(".").map(escape).join(".");
async function detect(client) {
  let names = TOOLS.map((t) => LAYOUTS[t].table), found = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = ANY(current_schemas(false)) AND table_name = ANY($1)", [names]), tools = TOOLS.filter((t) => found.rows.some((r) => r.table_name === LAYOUTS[t].table));
  if (tools.length === 1) return tools[0];
  throw new InvalidPlanError(
    tools.length ? `gates.schema: found the history tables of ${tools.join(" and ")}; say which one with tool: "${tools[0]}"` : `gates.schema: found no migration history table on the search path (looked for ${names.join(", ")}); set tool and table`
  );
}
async function readHistory(client, tool, table) {
  let { escapeIdentifier } = (await import("./chunks/esm-CSNV4XM3.js")).default, t = tool === "auto" ? await detect(client) : tool, layout = LAYOUTS[t], name = table ?? layout.table, query2 = layout.sql.replace("{table}", quoteTable(name, escapeIdentifier)), rows;
  try {
    rows = (await client.query(query2)).rows;
  } catch (err) {
    throw err.code === "42P01" ? new InvalidPlanError(`gates.schema: there is no ${t} history table ${name} in this database; check the database URL, tool and table`) : err;
  }
  return { tool: t, table: name, query: query2, ordering: layout.ordering, complete: layout.complete, ...layout.read(rows) };
}
function createPostgresDatabases() {
  return {
    async readHistory(req) {
      let url = resolveUrl(req), client = await connect(url);
      try {
        return { history: await readHistory(client, req.tool, req.table), location: shown(url) };
      } finally {
        await client.end().catch(() => {
        });
      }
    }
  };
}

// sdk/gates/schema/judge.ts
var key = (h, id) => versionKey(h.tool, withoutExtension(id)), after = (h, a, b) => compareVersions(key(h, a), key(h, b)) > 0;
function againstVersion(h, max) {
  if (h.ordering === "version") {
    let ahead = h.applied.filter((id) => after(h, id, max)), latest = h.applied.at(-1) ?? h.baseline, behind = latest === void 0 || after(h, max, latest) ? [max] : [];
    return { ahead, behind };
  }
  if (h.ordering === "applied") {
    let id = h.tags?.get(max) ?? max, at = h.applied.lastIndexOf(id);
    return at < 0 ? { ahead: [], behind: [], undecidable: `${max} is neither a changeset id nor a tag in ${h.table}, so there is no telling what came after it` } : { ahead: h.applied.slice(at + 1), behind: [] };
  }
  return h.applied.length === 1 && h.applied[0] === max ? { ahead: [], behind: [] } : {
    ahead: [],
    behind: [],
    undecidable: `the database is at ${h.applied.join(", ") || "(no revision)"} and the target at ${max}, and ${h.tool} revisions have no order; list the target's revisions (expect.migrations) to tell ahead from behind`
  };
}
function againstList(h, list2) {
  let known = new Set(list2.map(withoutExtension));
  if (!h.complete) {
    let unknown = h.applied.filter((id) => !known.has(id));
    return h.ordering !== "version" || !unknown.length ? { ahead: unknown, behind: [] } : againstVersion(h, [...known].sort((a, b) => compareVersions(key(h, a), key(h, b))).at(-1) ?? "");
  }
  let applied = new Set(h.applied), ahead = h.applied.filter((id) => !known.has(id)), coveredByBaseline = (id) => h.baseline !== void 0 && !after(h, id, h.baseline), behind = [...known].filter((id) => !applied.has(id) && !coveredByBaseline(id));
  return { ahead, behind };
}
function standing(h, expect) {
  return "maxVersion" in expect ? againstVersion(h, expect.maxVersion) : againstList(h, expect.migrations);
}

// sdk/gates/schema/schema.ts
async function expectation(ctx, e) {
  if ("maxVersion" in e) return { expect: e, target: `version ${e.maxVersion}` };
  if ("migrations" in e) return { expect: e, target: `the target (built with ${e.migrations.length} migrations, the last ${e.migrations.at(-1) ?? "none"})` };
  let annotation = e.annotation ?? SCHEMA_ANNOTATION, template = (await e.fromWorkload.get()).spec?.template, where = e.fromWorkload.label;
  if (e.revision !== void 0) {
    let rev = (await e.fromWorkload.revisions()).find((r) => r.revision === e.revision);
    if (!rev) throw new InvalidPlanError(`gates.schema: ${e.fromWorkload.label} has no revision ${e.revision}`);
    template = (await ctx.kube.get({ apiVersion: "apps/v1", kind: "ReplicaSet", namespace: e.fromWorkload.ref.namespace, name: rev.replicaSet, context: e.fromWorkload.ref.context }))?.spec?.template, where = `${e.fromWorkload.label} revision ${e.revision}`;
  }
  let value = template?.metadata?.annotations?.[annotation];
  if (!value) throw new InvalidPlanError(`gates.schema: ${where} has no ${annotation} annotation on its pod template; add it at build time (the last migration the image expects)`);
  return { expect: { maxVersion: value }, target: `${where} (${annotation}: ${value})` };
}
var list = (ids) => ids.length > 5 ? `${ids.slice(0, 5).join(", ")} and ${ids.length - 5} more` : ids.join(", ");
function judgeHistory(h, e, target, base) {
  let evidence = { ...base, indicator: "schema", query: h.query, samples: h.applied.length, threshold: `no migrations beyond ${target}` };
  if (h.broken) return verdict("failed", `the schema is half-migrated (${h.tool}): ${h.broken}`, { ...evidence, value: null });
  let s = standing(h, e);
  return s.undecidable ? verdict("inconclusive", `cannot compare the schema with ${target}: ${s.undecidable}`, { ...evidence, value: null }) : s.ahead.length ? verdict("failed", `schema is ahead of ${target}: ${list(s.ahead)}; roll forward instead`, { ...evidence, value: s.ahead.length, unit: "migrations" }) : s.behind.length ? verdict("failed", `schema is behind ${target}: ${list(s.behind)} not applied; migrate before switching to it`, { ...evidence, value: s.behind.length, unit: "migrations missing" }) : verdict("passed", `schema matches ${target}: ${h.applied.at(-1) ?? "no migrations"} is the latest in ${h.table}`, { ...evidence, value: 0, unit: "migrations" });
}
function schema(opts) {
  let what = "fromWorkload" in opts.expect ? `${opts.expect.fromWorkload.label}'s ${opts.expect.annotation ?? SCHEMA_ANNOTATION}` : "maxVersion" in opts.expect ? `version ${opts.expect.maxVersion}` : "the target's migrations";
  return {
    kind: "schema",
    description: `database schema (${opts.tool}) not ahead of ${what}`,
    // The schema does not change by waiting: one round decides.
    policy: { interval: "5s", timeout: "30s", consecutive: 1, failureLimit: 0, ...opts.policy },
    async evaluate({ ctx }) {
      let { expect, target } = await expectation(ctx, opts.expect), databases = ctx.databases ?? createPostgresDatabases(), { history, location } = await databases.readHistory({ database: opts.database, tool: opts.tool, ...opts.table ? { table: opts.table } : {}, ...opts.env ? { env: opts.env } : {} });
      return judgeHistory(history, expect, target, { at: ctx.clock.now(), subject: location });
    }
  };
}

// sdk/gates/warmup.ts
function probeTarget(pod, opts) {
  let c = pod.spec?.containers?.[0] ?? {}, http = c.readinessProbe?.httpGet;
  return {
    port: opts.port ?? (typeof http?.port == "number" ? http.port : void 0) ?? c.ports?.[0]?.containerPort ?? 8080,
    path: opts.path ?? http?.path ?? "/"
  };
}
function warmup(opts) {
  let maxMs = toMs(opts.maxLatency, "warmup maxLatency");
  return {
    kind: "warmup",
    description: `every pod of ${opts.workload.label} answers under ${formatMs(maxMs)} for ${opts.consecutive ?? 5} rounds in a row`,
    // Slow rounds are expected while warming: only the timeout ends a warm-up gate as failed.
    policy: { interval: opts.interval ?? "5s", timeout: opts.timeout ?? "5m", consecutive: opts.consecutive ?? 5, failureLimit: Number.POSITIVE_INFINITY },
    async evaluate({ ctx }) {
      let pods = (await opts.workload.pods()).filter(
        (p) => (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True")
      ), base = { at: ctx.clock.now(), indicator: "probe-latency", subject: opts.workload.label, unit: "ms", threshold: `< ${formatMs(maxMs)}`, samples: pods.length };
      if (!pods.length) return verdict("inconclusive", `no ready pods of ${opts.workload.label} to probe yet`, { ...base, value: null });
      let worst = { ms: -1, pod: "", status: 200, path: "" };
      for (let pod of pods) {
        let { port, path } = probeTarget(pod, opts), t0 = ctx.clock.now(), res = await ctx.kube.proxyGet({ namespace: pod.metadata.namespace, name: pod.metadata.name, port, context: opts.workload.ref.context }, path), ms = ctx.clock.now() - t0, bad = res.status < 200 || res.status >= 300;
        if ((bad || ms > worst.ms) && (worst = { ms, pod: pod.metadata.name, status: res.status, path }), bad) break;
      }
      let query2 = `GET ${worst.path} on ${pods.length} pods`;
      if (worst.status < 200 || worst.status >= 300)
        return verdict("failed", `pod ${worst.pod} answered ${worst.status} in ${Math.round(worst.ms)}ms`, { ...base, query: query2, value: Math.round(worst.ms) });
      let pass = worst.ms < maxMs;
      return verdict(
        pass ? "passed" : "failed",
        `slowest of ${pods.length} pods: ${worst.pod} in ${Math.round(worst.ms)}ms ${pass ? "<" : ">="} ${formatMs(maxMs)}`,
        { ...base, query: query2, value: Math.round(worst.ms) }
      );
    }
  };
}

// sdk/gates/index.ts
var gates = { successRate, latency, query, compare, schema, podsReady, warmup, all, any };

// sdk/loader/load-plan.ts
var TS_EXTENSIONS = [".ts", ".mts", ".cts", ".tsx"];
function resolveRelative(from, spec) {
  let base = resolve3(dirname(from), spec), stem = base.replace(/\.(js|mjs|cjs)$/, "");
  return [base, ...TS_EXTENSIONS.map((e) => stem + e), ...TS_EXTENSIONS.map((e) => join4(base, `index${e}`))].find((c) => existsSync(c) && statSync(c).isFile());
}
function loadModule(loader, file) {
  let cached = loader.cache.get(file);
  if (cached) return cached.exports;
  let source = readFileSync(file, "utf8"), code;
  try {
    code = (0, import_sucrase.transform)(source, { transforms: ["typescript", "imports"], filePath: file, disableESTransforms: !0 }).code;
  } catch (err) {
    throw new PlanLoadError(`${relative2(process.cwd(), file)} is not valid TypeScript: ${err.message}`, { cause: err });
  }
  let module = { exports: {} };
  loader.cache.set(file, module);
  let nodeRequire = createRequire(file), requireFn = (spec) => {
    if (spec in loader.modules) return loader.modules[spec];
    if (spec.startsWith(".") || spec.startsWith("/")) {
      let target = resolveRelative(file, spec);
      if (!target) throw new PlanLoadError(`${relative2(process.cwd(), file)} imports '${spec}', which does not exist`);
      if (TS_EXTENSIONS.includes(extname(target))) return loadModule(loader, target);
    }
    return nodeRequire(spec);
  };
  return compileFunction(code, ["exports", "require", "module", "__filename", "__dirname"], { filename: file })(module.exports, requireFn, module, file, dirname(file)), module.exports;
}
function declaredMajor(planFile) {
  for (let dir = dirname(planFile); ; dir = dirname(dir)) {
    let pj = join4(dir, "package.json");
    if (existsSync(pj)) {
      try {
        let json = JSON.parse(readFileSync(pj, "utf8")), range = json.dependencies?.firebreak ?? json.devDependencies?.firebreak ?? json.peerDependencies?.firebreak, m = typeof range == "string" ? /(\d+)\./.exec(range) : null;
        if (m && typeof range == "string") return { major: Number(m[1]), range, packageJson: pj };
      } catch {
      }
      return;
    }
    if (dirname(dir) === dir) return;
  }
}
async function loadModuleFile(path, missing = (file) => `${path} does not exist (resolved to ${file}). Give the path of a .ts file.`) {
  let file = resolve3(path);
  if (!existsSync(file) || !statSync(file).isFile()) throw new PlanLoadError(missing(file));
  let declared = declaredMajor(file);
  if (declared && declared.major !== SDK_MAJOR)
    throw new PlanLoadError(
      `${path} is written for firebreak ${declared.range} (${declared.packageJson}), but this is firebreak ${SDK_VERSION}. Use the Firebreak release matching major ${declared.major}, or update the plan and its package.json.`
    );
  let modules = { firebreak: sdk_exports };
  /["']firebreak\/testing["']/.test(readFileSync(file, "utf8")) && (modules["firebreak/testing"] = await import("./chunks/testing-UPX7X3TR.js"));
  try {
    return { exports: loadModule({ cache: /* @__PURE__ */ new Map(), modules }, file), file };
  } catch (err) {
    throw err instanceof FirebreakError ? err : new PlanLoadError(`Loading ${path} failed: ${err.message}`, { cause: err });
  }
}
async function loadPlan(path) {
  let { exports, file } = await loadModuleFile(
    path,
    (resolved) => `Plan file ${path} does not exist (resolved to ${resolved}). Give the path of a .ts file that default-exports plan(...).`
  ), candidate = exports.default;
  if (!isPlan(candidate)) {
    let found = candidate === void 0 ? "no default export" : `a default export of type ${typeof candidate}`;
    throw new PlanLoadError(`${path} does not default-export a plan (found ${found}). End it with: export default plan({ name: "\u2026" }, async (run, inputs) => { \u2026 });`);
  }
  if (planSdkMajor(candidate) !== SDK_MAJOR)
    throw new PlanLoadError(`${path} was built with firebreak major ${planSdkMajor(candidate)}; this is ${SDK_VERSION}.`);
  return { plan: candidate, file };
}

// sdk/cli/progress.ts
var time = (ms) => new Date(ms).toISOString().slice(11, 19), show = (v) => v === void 0 ? "(none)" : typeof v == "string" ? v : JSON.stringify(v);
function formatEvent(e) {
  let t = time(e.at);
  switch (e.type) {
    case "plan-started":
      return `${t} ${e.mode === "preview" ? "previewing" : "running"} plan ${e.plan.name} on ${e.target.kind === "sim" ? `the simulator (scenario ${e.target.scenario})` : `cluster ${e.target.detail ?? ""}`}`;
    case "step-started":
      return `${t} \u25B6 ${e.name}`;
    case "step-finished":
      return e.outcome === "succeeded" ? `${t} \u2714 ${e.name} (${formatMs(e.durationMs)})` : `${t} \u2718 ${e.name} (${formatMs(e.durationMs)}): ${e.error?.message ?? "failed"}`;
    case "change":
      return `${t}   ~ ${refString(e.object)} ${e.field}: ${show(e.before)} \u2192 ${show(e.after)}${e.applied ? "" : " (preview)"}`;
    case "traffic":
      return `${t}   \u21C4 ${refString(e.route)}: ${Object.entries(e.split).map(([d, w]) => `${d}=${w}%`).join(" ")}${e.verified ? " (read back, verified)" : ""}`;
    case "gate":
      return `${t}   \u25C6 gate "${e.name}" ${e.phase}: ${e.reason}`;
    case "note":
      return `${t}   note: ${e.text}`;
    case "pause":
      return `${t}   pause ${formatMs(e.durationMs)}${e.reason ? `: ${e.reason}` : ""}`;
    case "wait":
      return e.outcome === "skipped" ? void 0 : `${t}   waited ${formatMs(e.durationMs)} for ${refString(e.object)} ${e.what}`;
    case "safe-state-declared":
      return `${t}   safe state: ${e.description}`;
    case "safe-state-restore":
      return `${t}   ${e.outcome === "restored" ? "\u21A9 safe state restored" : "\u203C safe state NOT restored"}: ${e.description}${e.detail ? ` (${e.detail})` : ""}`;
    case "recommendation":
      return `${t}   recommendation: ${e.text}`;
    case "impact":
    case "plan-finished":
      return;
  }
}

// action/progress.ts
function createProgressReporter(log, scrub) {
  let clean = (text) => scrub(plainText(text)), open = !1, lastProgress = "", topLevel = /* @__PURE__ */ new Set(), end = () => {
    open && log.endGroup(), open = !1;
  };
  return {
    onEvent(e) {
      let line = formatEvent(e);
      if (e.type === "step-started" && e.parentId === void 0 && (end(), topLevel.add(e.stepId), log.startGroup(clean(`${e.name}`)), open = !0), line && log.info(clean(line)), e.type === "gate" && e.phase !== "passed") {
        let message = clean(`${e.enforced ? "Gate" : "Check"} "${e.name}" ${e.phase}: ${e.reason}`);
        e.enforced && e.phase !== "inconclusive" ? log.error(message, { title: "Firebreak gate" }) : log.warning(message, { title: e.enforced ? "Firebreak gate" : "Firebreak check" });
      } else e.type === "safe-state-restore" && e.outcome === "failed" ? log.error(clean(`Safe state NOT restored: ${e.description}${e.detail ? ` (${e.detail})` : ""}`), { title: "Firebreak safe state" }) : e.type === "recommendation" ? log.notice(clean(e.text), { title: "Firebreak recommendation" }) : (e.type === "step-finished" && topLevel.has(e.stepId) || e.type === "plan-finished") && end();
    },
    onProgress(message) {
      message === lastProgress || !/^(gate|waiting)/.test(message) || (lastProgress = message, log.info(clean(`  \u2026 ${message}`)));
    },
    close: end
  };
}

// action/run-plan.ts
async function runIncidentPlan(req) {
  let { settings, ctx } = req, { plan: plan2 } = await loadPlan(relative3(process.cwd(), resolve4(ctx.workspace, settings.plan))), planSecrets = (plan2.meta.secrets ?? []).map((k) => settings.inputs[k]).filter((v) => typeof v == "string");
  planSecrets.forEach(req.mask);
  let secrets = [...req.secrets, ...planSecrets], scrub = createScrubber(secrets), target = await openTarget({
    target: settings.target,
    scenario: settings.scenario ?? "",
    ...settings.kubeconfig ? { kubeconfigContent: settings.kubeconfig } : {},
    ...settings.context ? { context: settings.context } : {},
    ...settings.prometheusUrl ? { prometheus: settings.prometheusUrl } : {},
    prometheusHeaders: settings.prometheusHeaders
  }), journal = scrubbedJournal(createFileJournal(req.journalPath), scrub), progress = createProgressReporter(req.logger, scrub.text);
  try {
    return { result: await runPlan(plan2, {
      mode: settings.mode,
      inputs: settings.inputs,
      ...runOptionsOf(target),
      journal,
      signal: req.signal,
      onEvent: progress.onEvent,
      onProgress: progress.onProgress,
      planFile: settings.plan,
      runId: `${ctx.runId}.${ctx.runAttempt}`,
      secretValues: secrets
    }), events: journal.events };
  } catch (err) {
    throw err instanceof PlanInputError ? new InputError("inputs", `plan "${err.planName}" refused them: ${err.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`) : err;
  } finally {
    progress.close(), await target.close();
  }
}

// action/main.ts
async function run() {
  let abort = new AbortController(), onSignal = (signal) => {
    warning(`${signal}: ${abort.signal.aborted ? "still restoring the safe state" : "cancelling: restoring the safe state"}`), abort.abort();
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  let scrub = (text) => text;
  try {
    let { ctx, settings, secrets, scrubber } = setUpStep();
    scrub = scrubber.text;
    let journalPath = journalPathFor(ctx);
    saveState(STATE.journal, journalPath), setOutput("incident-id", incidentId(ctx)), setOutput("journal-path", journalPath);
    let { result, events } = await runIncidentPlan({ settings, ctx, journalPath, secrets, mask: setSecret, logger: coreLogger, signal: abort.signal });
    setOutput("status", result.status);
    let postmortemUrl;
    if (result.status !== "cancelled")
      try {
        let { filePostmortem } = await import("./chunks/postmortem-2YMCBZKU.js");
        postmortemUrl = await filePostmortem({ settings, ctx, events, logger: coreLogger, github: async (options) => (await import("./chunks/github-4Q3S5GJR.js")).createGitHub(options) }), saveState(STATE.postmortem, postmortemUrl ?? "not filed"), postmortemUrl && setOutput("postmortem-url", postmortemUrl);
      } catch (err) {
        warning(scrub(`Could not file the postmortem issue (the post step tries again): ${describeError(err).message}`));
      }
    let summary2 = summarizeRun(events);
    await summary.addRaw(renderJobSummary(summary2, { incidentId: incidentId(ctx), journalPath, runUrl: runUrl(ctx), postmortemUrl })).write(), saveState(STATE.summary, "true"), result.status !== "succeeded" && setFailed(`Plan ${summary2.plan.name} ended ${summary2.statusText}${summary2.error ? `: ${summary2.error.message}` : ""}`);
  } catch (err) {
    let { name, message } = describeError(err);
    setFailed(scrub(err instanceof FirebreakError ? message : `unexpected ${name}: ${message}`)), err instanceof FirebreakError || debug(scrub(err.stack ?? ""));
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  }
}

// action/bin/main.ts
quietDependencyDeprecations();
await run();
