import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  DEFAULT_MIN_REQUESTS,
  DEFAULT_POLICY,
  DEFAULT_WINDOW,
  DELETED_MID_WAIT,
  TARGET_OPTIONS,
  TRAFFIC_OPTIONS,
  checkGateOptions,
  checkPace,
  checkPolicy,
  checkTarget,
  countTraffic,
  currentContext,
  currentStepName,
  deploymentTemplateOf,
  editText,
  errorVerdict,
  foreseeStop,
  httpRouteRouter,
  indicatorsFor,
  isPlanMistakeOrCancel,
  istioVirtualServiceRouter,
  journalRef,
  judge,
  noData,
  noteRolledOut,
  read,
  recordRollout,
  recordRollouts,
  requireMetrics,
  rolloutStatus,
  rollsOut,
  routeKey,
  runPlan,
  splitIn,
  subjectOf,
  undecided,
  verdict,
  watchedHandle,
  windowAfterShift,
  workloadIssues
} from "./chunks/chunk-SEXDSAKN.js";
import {
  InputError,
  checkInputLines,
  coreLogger,
  debug,
  quietDependencyDeprecations,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  setUpStep,
  warning,
  writeJobSummary
} from "./chunks/chunk-HUEM44QT.js";
import {
  SDK_VERSION,
  createScrubber,
  declaredInputs,
  isPlan,
  plan,
  planSdkMajor,
  redactChange,
  secretValuesOf
} from "./chunks/chunk-KMBNXFI7.js";
import {
  POSTMORTEM_REFUSED,
  STATE,
  incidentId,
  journalPathFor,
  plainText,
  summarizeRun
} from "./chunks/chunk-W7YKVSPA.js";
import {
  stepTitle
} from "./chunks/chunk-SJETCTHF.js";
import {
  HELM_RELEASE_TYPE,
  SCHEMA_ANNOTATION,
  chartText,
  createSystemClock,
  decodeHelmRecord,
  lastGoodRevision,
  manifestObjects,
  nginxCanaryRouter,
  parseLe,
  preparedBuckets,
  quantileBucket,
  releaseRevision,
  rolledBackTo,
  sameRelease,
  trafficSplitRouter,
  upgradeBase
} from "./chunks/chunk-2BA7XB7Q.js";
import {
  formatSplit,
  sameSplit,
  validateSplit
} from "./chunks/chunk-4WLNFUSH.js";
import "./chunks/chunk-7MWAMBLI.js";
import {
  applyMergePatch,
  diffObjects,
  fieldsOf,
  isObject,
  mergePatchFrom,
  sameJson
} from "./chunks/chunk-VXVKXMWV.js";
import {
  childPath,
  overlaps,
  valueAt,
  withValueAt
} from "./chunks/chunk-KA37ZHZ6.js";
import {
  FIELD_MANAGER,
  KubeConflict,
  labelSelectorOf,
  refOf,
  refString
} from "./chunks/chunk-QZS5YSLN.js";
import {
  checkKnownKeys,
  checkNames,
  checkOneOf,
  closest,
  durationIssue,
  isCount,
  quoted,
  refuseIssues,
  unknownKeys
} from "./chunks/chunk-ZT6CORZH.js";
import {
  formatMs,
  toMs
} from "./chunks/chunk-6RCF7MMO.js";
import {
  AutoscalerManagedError,
  CancelledError,
  CapacityError,
  ConflictError,
  DeploymentPausedError,
  FirebreakError,
  ForbiddenError,
  GateFailedError,
  InvalidJournalError,
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
  RolloutFailedError,
  RolloutTimeoutError,
  RouteDriftError,
  RouteRejectedError,
  RouteStatusTimeoutError,
  ShiftedRuleError,
  UnknownDestinationError,
  UsageError,
  VerificationError,
  describeError,
  planFrame
} from "./chunks/chunk-O5XZOHUO.js";
import {
  __export
} from "./chunks/chunk-5AMULRZH.js";

// action/run-plan.ts
import { existsSync as existsSync2 } from "node:fs";
import { relative as relative3, resolve as resolve3 } from "node:path";

// sdk/cli/targets.ts
function runOptionsOf(target) {
  return {
    kube: target.kube,
    ...target.metrics ? { metrics: target.metrics } : {},
    ...target.databases ? { databases: target.databases } : {},
    clock: target.clock,
    target: { kind: target.kind, ...target.scenario ? { scenario: target.scenario } : {}, ...target.detail ? { detail: target.detail } : {} },
    ...target.explainMissing ? { explainMissing: target.explainMissing } : {}
  };
}
async function openTarget(req) {
  if (req.target === "sim") {
    let { startSimulator } = await import("./chunks/simulator-QGY6HFGE.js"), sim = await startSimulator(req.scenario);
    return {
      kind: "sim",
      scenario: sim.scenario.name,
      kube: sim.kube,
      metrics: sim.metrics,
      databases: sim.databases,
      clock: sim.clock,
      explainMissing: sim.explainMissing,
      close: () => sim.close()
    };
  }
  let { createKube, KubeconfigError } = await import("./chunks/kube-I6K4RU2Z.js"), kube;
  try {
    let source = req.kubeconfigContent ? { kind: "inline", content: req.kubeconfigContent } : req.kubeconfig ? { kind: "file", path: req.kubeconfig } : { kind: "default" };
    kube = await createKube(source, {
      ...req.context ? { context: req.context } : {},
      ...req.requestTimeoutMs ? { requestTimeoutMs: req.requestTimeoutMs } : {}
    });
  } catch (err) {
    throw err instanceof KubeconfigError ? new UsageError(req.kubeconfig ? err.message : `${err.message} ${req.kubeconfigHint ?? "Pass --kubeconfig FILE and --context NAME."}`) : new UsageError(`Could not load the kubeconfig${req.kubeconfig ? ` ${req.kubeconfig}` : ""}: ${err.message}`);
  }
  let metrics;
  if (req.prometheus) {
    let { createPrometheus } = await import("./chunks/prometheus-5K2MMSEI.js");
    metrics = createPrometheus({ url: req.prometheus, headers: req.prometheusHeaders }), await checkReachable(metrics);
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
async function checkReachable(metrics) {
  try {
    await metrics.query("vector(1)");
  } catch (err) {
    throw err instanceof MetricsUnavailableError ? new UsageError(`${err.message} Nothing was changed (leave the URL out if the plan has no metric gates).`) : err;
  }
}

// sdk/journal/sinks.ts
import { closeSync, openSync, writeSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
function createFileJournal(path) {
  let fd, closed = !1;
  return {
    append(event) {
      closed || (fd === void 0 && (mkdirSync(dirname(path), { recursive: !0 }), fd = openSync(path, "w")), writeSync(fd, JSON.stringify(event) + `
`));
    },
    close() {
      fd !== void 0 && !closed && closeSync(fd), closed = !0;
    }
  };
}

// sdk/loader/load-plan.ts
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname as dirname2, extname, join as join4, relative as relative2, resolve as resolve2 } from "node:path";
import { compileFunction } from "node:vm";

// node_modules/sucrase/dist/esm/parser/tokenizer/keywords.js
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
})(ContextualKeyword || (ContextualKeyword = {}));

// node_modules/sucrase/dist/esm/parser/tokenizer/types.js
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
})(TokenType || (TokenType = {}));
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

// node_modules/sucrase/dist/esm/parser/tokenizer/state.js
var Scope = class {
  constructor(startTokenIndex, endTokenIndex, isFunctionScope) {
    this.startTokenIndex = startTokenIndex, this.endTokenIndex = endTokenIndex, this.isFunctionScope = isFunctionScope;
  }
}, StateSnapshot = class {
  constructor(potentialArrowAt, noAnonFunctionType, inDisallowConditionalTypesContext, tokensLength, scopesLength, pos, type, contextualKeyword, start, end, isType, scopeDepth, error) {
    this.potentialArrowAt = potentialArrowAt, this.noAnonFunctionType = noAnonFunctionType, this.inDisallowConditionalTypesContext = inDisallowConditionalTypesContext, this.tokensLength = tokensLength, this.scopesLength = scopesLength, this.pos = pos, this.type = type, this.contextualKeyword = contextualKeyword, this.start = start, this.end = end, this.isType = isType, this.scopeDepth = scopeDepth, this.error = error;
  }
}, State = class _State {
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
    this.type = TokenType.eof;
  }
  __init8() {
    this.contextualKeyword = ContextualKeyword.NONE;
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

// node_modules/sucrase/dist/esm/parser/util/charcodes.js
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
  let semicolon2 = 59;
  charCodes2[charCodes2.semicolon = semicolon2] = "semicolon";
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
})(charCodes || (charCodes = {}));

// node_modules/sucrase/dist/esm/parser/traverser/base.js
var isJSXEnabled, isTypeScriptEnabled, isFlowEnabled, state, input, nextContextId;
function getNextContextId() {
  return nextContextId++;
}
function augmentError(error) {
  if ("pos" in error) {
    let loc = locationForIndex(error.pos);
    error.message += ` (${loc.line}:${loc.column})`, error.loc = loc;
  }
  return error;
}
var Loc = class {
  constructor(line, column) {
    this.line = line, this.column = column;
  }
};
function locationForIndex(pos) {
  let line = 1, column = 1;
  for (let i = 0; i < pos; i++)
    input.charCodeAt(i) === charCodes.lineFeed ? (line++, column = 1) : column++;
  return new Loc(line, column);
}
function initParser(inputCode, isJSXEnabledArg, isTypeScriptEnabledArg, isFlowEnabledArg) {
  input = inputCode, state = new State(), nextContextId = 1, isJSXEnabled = isJSXEnabledArg, isTypeScriptEnabled = isTypeScriptEnabledArg, isFlowEnabled = isFlowEnabledArg;
}

// node_modules/sucrase/dist/esm/parser/traverser/util.js
function isContextual(contextualKeyword) {
  return state.contextualKeyword === contextualKeyword;
}
function isLookaheadContextual(contextualKeyword) {
  let l = lookaheadTypeAndKeyword();
  return l.type === TokenType.name && l.contextualKeyword === contextualKeyword;
}
function eatContextual(contextualKeyword) {
  return state.contextualKeyword === contextualKeyword && eat(TokenType.name);
}
function expectContextual(contextualKeyword) {
  eatContextual(contextualKeyword) || unexpected();
}
function canInsertSemicolon() {
  return match(TokenType.eof) || match(TokenType.braceR) || hasPrecedingLineBreak();
}
function hasPrecedingLineBreak() {
  let prevToken = state.tokens[state.tokens.length - 1], lastTokEnd = prevToken ? prevToken.end : 0;
  for (let i = lastTokEnd; i < state.start; i++) {
    let code = input.charCodeAt(i);
    if (code === charCodes.lineFeed || code === charCodes.carriageReturn || code === 8232 || code === 8233)
      return !0;
  }
  return !1;
}
function hasFollowingLineBreak() {
  let nextStart = nextTokenStart();
  for (let i = state.end; i < nextStart; i++) {
    let code = input.charCodeAt(i);
    if (code === charCodes.lineFeed || code === charCodes.carriageReturn || code === 8232 || code === 8233)
      return !0;
  }
  return !1;
}
function isLineTerminator() {
  return eat(TokenType.semi) || canInsertSemicolon();
}
function semicolon() {
  isLineTerminator() || unexpected('Unexpected token, expected ";"');
}
function expect(type) {
  eat(type) || unexpected(`Unexpected token, expected "${formatTokenType(type)}"`);
}
function unexpected(message = "Unexpected token", pos = state.start) {
  if (state.error)
    return;
  let err = new SyntaxError(message);
  err.pos = pos, state.error = err, state.pos = input.length, finishToken(TokenType.eof);
}

// node_modules/sucrase/dist/esm/parser/util/whitespace.js
var WHITESPACE_CHARS = [
  9,
  11,
  12,
  charCodes.space,
  charCodes.nonBreakingSpace,
  charCodes.oghamSpaceMark,
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
], skipWhiteSpace = /(?:\s|\/\/.*|\/\*[^]*?\*\/)*/g, IS_WHITESPACE = new Uint8Array(65536);
for (let char of WHITESPACE_CHARS)
  IS_WHITESPACE[char] = 1;

// node_modules/sucrase/dist/esm/parser/util/identifier.js
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
for (let i = 0; i < 128; i++)
  IS_IDENTIFIER_CHAR[i] = computeIsIdentifierChar(i) ? 1 : 0;
for (let i = 128; i < 65536; i++)
  IS_IDENTIFIER_CHAR[i] = 1;
for (let whitespaceChar of WHITESPACE_CHARS)
  IS_IDENTIFIER_CHAR[whitespaceChar] = 0;
IS_IDENTIFIER_CHAR[8232] = 0;
IS_IDENTIFIER_CHAR[8233] = 0;
var IS_IDENTIFIER_START = IS_IDENTIFIER_CHAR.slice();
for (let numChar = charCodes.digit0; numChar <= charCodes.digit9; numChar++)
  IS_IDENTIFIER_START[numChar] = 0;

// node_modules/sucrase/dist/esm/parser/tokenizer/readWordTree.js
var READ_WORD_TREE = new Int32Array([
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
  ContextualKeyword._abstract << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._accessor << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._as << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._assert << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._asserts << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._async << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._await << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._break << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._case << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._catch << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._checks << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._class << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._const << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._constructor << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._continue << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._debugger << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._declare << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._default << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._delete << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._do << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._else << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._enum << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._export << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._exports << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._extends << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._false << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._finally << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._for << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._from << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._function << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._get << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._global << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._if << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._implements << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._import << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._in << 1) + 1,
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
  ContextualKeyword._infer << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._instanceof << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._interface << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._is << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._keyof << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._let << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._mixins << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._module << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._namespace << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._new << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._null << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._of << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._opaque << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._out << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._override << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._private << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._protected << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._proto << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._public << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._readonly << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._require << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._return << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._satisfies << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._set << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._static << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._super << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._switch << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._symbol << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._this << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._throw << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._true << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._try << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._type << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._typeof << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._unique << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  ContextualKeyword._using << 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._var << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._void << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._while << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._with << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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
  (TokenType._yield << 1) + 1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
  -1,
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

// node_modules/sucrase/dist/esm/parser/tokenizer/readWord.js
function readWord() {
  let treePos = 0, code = 0, pos = state.pos;
  for (; pos < input.length && (code = input.charCodeAt(pos), !(code < charCodes.lowercaseA || code > charCodes.lowercaseZ)); ) {
    let next2 = READ_WORD_TREE[treePos + (code - charCodes.lowercaseA) + 1];
    if (next2 === -1)
      break;
    treePos = next2, pos++;
  }
  let keywordValue = READ_WORD_TREE[treePos];
  if (keywordValue > -1 && !IS_IDENTIFIER_CHAR[code]) {
    state.pos = pos, keywordValue & 1 ? finishToken(keywordValue >>> 1) : finishToken(TokenType.name, keywordValue >>> 1);
    return;
  }
  for (; pos < input.length; ) {
    let ch = input.charCodeAt(pos);
    if (IS_IDENTIFIER_CHAR[ch])
      pos++;
    else if (ch === charCodes.backslash) {
      if (pos += 2, input.charCodeAt(pos) === charCodes.leftCurlyBrace) {
        for (; pos < input.length && input.charCodeAt(pos) !== charCodes.rightCurlyBrace; )
          pos++;
        pos++;
      }
    } else if (ch === charCodes.atSign && input.charCodeAt(pos + 1) === charCodes.atSign)
      pos += 2;
    else
      break;
  }
  state.pos = pos, finishToken(TokenType.name);
}

// node_modules/sucrase/dist/esm/parser/tokenizer/index.js
var IdentifierRole;
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
})(IdentifierRole || (IdentifierRole = {}));
var JSXRole;
(function(JSXRole2) {
  JSXRole2[JSXRole2.NoChildren = 0] = "NoChildren";
  let OneChild = 1;
  JSXRole2[JSXRole2.OneChild = OneChild] = "OneChild";
  let StaticChildren = OneChild + 1;
  JSXRole2[JSXRole2.StaticChildren = StaticChildren] = "StaticChildren";
  let KeyAfterPropSpread = StaticChildren + 1;
  JSXRole2[JSXRole2.KeyAfterPropSpread = KeyAfterPropSpread] = "KeyAfterPropSpread";
})(JSXRole || (JSXRole = {}));
function isDeclaration(token) {
  let role = token.identifierRole;
  return role === IdentifierRole.TopLevelDeclaration || role === IdentifierRole.FunctionScopedDeclaration || role === IdentifierRole.BlockScopedDeclaration || role === IdentifierRole.ObjectShorthandTopLevelDeclaration || role === IdentifierRole.ObjectShorthandFunctionScopedDeclaration || role === IdentifierRole.ObjectShorthandBlockScopedDeclaration;
}
function isNonTopLevelDeclaration(token) {
  let role = token.identifierRole;
  return role === IdentifierRole.FunctionScopedDeclaration || role === IdentifierRole.BlockScopedDeclaration || role === IdentifierRole.ObjectShorthandFunctionScopedDeclaration || role === IdentifierRole.ObjectShorthandBlockScopedDeclaration;
}
function isTopLevelDeclaration(token) {
  let role = token.identifierRole;
  return role === IdentifierRole.TopLevelDeclaration || role === IdentifierRole.ObjectShorthandTopLevelDeclaration || role === IdentifierRole.ImportDeclaration;
}
function isBlockScopedDeclaration(token) {
  let role = token.identifierRole;
  return role === IdentifierRole.TopLevelDeclaration || role === IdentifierRole.BlockScopedDeclaration || role === IdentifierRole.ObjectShorthandTopLevelDeclaration || role === IdentifierRole.ObjectShorthandBlockScopedDeclaration;
}
function isFunctionScopedDeclaration(token) {
  let role = token.identifierRole;
  return role === IdentifierRole.FunctionScopedDeclaration || role === IdentifierRole.ObjectShorthandFunctionScopedDeclaration;
}
function isObjectShorthandDeclaration(token) {
  return token.identifierRole === IdentifierRole.ObjectShorthandTopLevelDeclaration || token.identifierRole === IdentifierRole.ObjectShorthandBlockScopedDeclaration || token.identifierRole === IdentifierRole.ObjectShorthandFunctionScopedDeclaration;
}
var Token = class {
  constructor() {
    this.type = state.type, this.contextualKeyword = state.contextualKeyword, this.start = state.start, this.end = state.end, this.scopeDepth = state.scopeDepth, this.isType = state.isType, this.identifierRole = null, this.jsxRole = null, this.shadowsGlobal = !1, this.isAsyncOperation = !1, this.contextId = null, this.rhsEndIndex = null, this.isExpression = !1, this.numNullishCoalesceStarts = 0, this.numNullishCoalesceEnds = 0, this.isOptionalChainStart = !1, this.isOptionalChainEnd = !1, this.subscriptStartIndex = null, this.nullishStartIndex = null;
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
function next() {
  state.tokens.push(new Token()), nextToken();
}
function nextTemplateToken() {
  state.tokens.push(new Token()), state.start = state.pos, readTmplToken();
}
function retokenizeSlashAsRegex() {
  state.type === TokenType.assign && --state.pos, readRegexp();
}
function pushTypeContext(existingTokensInType) {
  for (let i = state.tokens.length - existingTokensInType; i < state.tokens.length; i++)
    state.tokens[i].isType = !0;
  let oldIsType = state.isType;
  return state.isType = !0, oldIsType;
}
function popTypeContext(oldIsType) {
  state.isType = oldIsType;
}
function eat(type) {
  return match(type) ? (next(), !0) : !1;
}
function eatTypeToken(tokenType) {
  let oldIsType = state.isType;
  state.isType = !0, eat(tokenType), state.isType = oldIsType;
}
function match(type) {
  return state.type === type;
}
function lookaheadType() {
  let snapshot = state.snapshot();
  next();
  let type = state.type;
  return state.restoreFromSnapshot(snapshot), type;
}
var TypeAndKeyword = class {
  constructor(type, contextualKeyword) {
    this.type = type, this.contextualKeyword = contextualKeyword;
  }
};
function lookaheadTypeAndKeyword() {
  let snapshot = state.snapshot();
  next();
  let type = state.type, contextualKeyword = state.contextualKeyword;
  return state.restoreFromSnapshot(snapshot), new TypeAndKeyword(type, contextualKeyword);
}
function nextTokenStart() {
  return nextTokenStartSince(state.pos);
}
function nextTokenStartSince(pos) {
  skipWhiteSpace.lastIndex = pos;
  let skip = skipWhiteSpace.exec(input);
  return pos + skip[0].length;
}
function lookaheadCharCode() {
  return input.charCodeAt(nextTokenStart());
}
function nextToken() {
  if (skipSpace(), state.start = state.pos, state.pos >= input.length) {
    let tokens = state.tokens;
    tokens.length >= 2 && tokens[tokens.length - 1].start >= input.length && tokens[tokens.length - 2].start >= input.length && unexpected("Unexpectedly reached the end of input."), finishToken(TokenType.eof);
    return;
  }
  readToken(input.charCodeAt(state.pos));
}
function readToken(code) {
  IS_IDENTIFIER_START[code] || code === charCodes.backslash || code === charCodes.atSign && input.charCodeAt(state.pos + 1) === charCodes.atSign ? readWord() : getTokenFromCode(code);
}
function skipBlockComment() {
  for (; input.charCodeAt(state.pos) !== charCodes.asterisk || input.charCodeAt(state.pos + 1) !== charCodes.slash; )
    if (state.pos++, state.pos > input.length) {
      unexpected("Unterminated comment", state.pos - 2);
      return;
    }
  state.pos += 2;
}
function skipLineComment(startSkip) {
  let ch = input.charCodeAt(state.pos += startSkip);
  if (state.pos < input.length)
    for (; ch !== charCodes.lineFeed && ch !== charCodes.carriageReturn && ch !== charCodes.lineSeparator && ch !== charCodes.paragraphSeparator && ++state.pos < input.length; )
      ch = input.charCodeAt(state.pos);
}
function skipSpace() {
  for (; state.pos < input.length; ) {
    let ch = input.charCodeAt(state.pos);
    switch (ch) {
      case charCodes.carriageReturn:
        input.charCodeAt(state.pos + 1) === charCodes.lineFeed && ++state.pos;
      case charCodes.lineFeed:
      case charCodes.lineSeparator:
      case charCodes.paragraphSeparator:
        ++state.pos;
        break;
      case charCodes.slash:
        switch (input.charCodeAt(state.pos + 1)) {
          case charCodes.asterisk:
            state.pos += 2, skipBlockComment();
            break;
          case charCodes.slash:
            skipLineComment(2);
            break;
          default:
            return;
        }
        break;
      default:
        if (IS_WHITESPACE[ch])
          ++state.pos;
        else
          return;
    }
  }
}
function finishToken(type, contextualKeyword = ContextualKeyword.NONE) {
  state.end = state.pos, state.type = type, state.contextualKeyword = contextualKeyword;
}
function readToken_dot() {
  let nextChar = input.charCodeAt(state.pos + 1);
  if (nextChar >= charCodes.digit0 && nextChar <= charCodes.digit9) {
    readNumber(!0);
    return;
  }
  nextChar === charCodes.dot && input.charCodeAt(state.pos + 2) === charCodes.dot ? (state.pos += 3, finishToken(TokenType.ellipsis)) : (++state.pos, finishToken(TokenType.dot));
}
function readToken_slash() {
  input.charCodeAt(state.pos + 1) === charCodes.equalsTo ? finishOp(TokenType.assign, 2) : finishOp(TokenType.slash, 1);
}
function readToken_mult_modulo(code) {
  let tokenType = code === charCodes.asterisk ? TokenType.star : TokenType.modulo, width = 1, nextChar = input.charCodeAt(state.pos + 1);
  code === charCodes.asterisk && nextChar === charCodes.asterisk && (width++, nextChar = input.charCodeAt(state.pos + 2), tokenType = TokenType.exponent), nextChar === charCodes.equalsTo && input.charCodeAt(state.pos + 2) !== charCodes.greaterThan && (width++, tokenType = TokenType.assign), finishOp(tokenType, width);
}
function readToken_pipe_amp(code) {
  let nextChar = input.charCodeAt(state.pos + 1);
  if (nextChar === code) {
    input.charCodeAt(state.pos + 2) === charCodes.equalsTo ? finishOp(TokenType.assign, 3) : finishOp(code === charCodes.verticalBar ? TokenType.logicalOR : TokenType.logicalAND, 2);
    return;
  }
  if (code === charCodes.verticalBar) {
    if (nextChar === charCodes.greaterThan) {
      finishOp(TokenType.pipeline, 2);
      return;
    } else if (nextChar === charCodes.rightCurlyBrace && isFlowEnabled) {
      finishOp(TokenType.braceBarR, 2);
      return;
    }
  }
  if (nextChar === charCodes.equalsTo) {
    finishOp(TokenType.assign, 2);
    return;
  }
  finishOp(code === charCodes.verticalBar ? TokenType.bitwiseOR : TokenType.bitwiseAND, 1);
}
function readToken_caret() {
  input.charCodeAt(state.pos + 1) === charCodes.equalsTo ? finishOp(TokenType.assign, 2) : finishOp(TokenType.bitwiseXOR, 1);
}
function readToken_plus_min(code) {
  let nextChar = input.charCodeAt(state.pos + 1);
  if (nextChar === code) {
    finishOp(TokenType.preIncDec, 2);
    return;
  }
  nextChar === charCodes.equalsTo ? finishOp(TokenType.assign, 2) : code === charCodes.plusSign ? finishOp(TokenType.plus, 1) : finishOp(TokenType.minus, 1);
}
function readToken_lt() {
  let nextChar = input.charCodeAt(state.pos + 1);
  if (nextChar === charCodes.lessThan) {
    if (input.charCodeAt(state.pos + 2) === charCodes.equalsTo) {
      finishOp(TokenType.assign, 3);
      return;
    }
    state.isType ? finishOp(TokenType.lessThan, 1) : finishOp(TokenType.bitShiftL, 2);
    return;
  }
  nextChar === charCodes.equalsTo ? finishOp(TokenType.relationalOrEqual, 2) : finishOp(TokenType.lessThan, 1);
}
function readToken_gt() {
  if (state.isType) {
    finishOp(TokenType.greaterThan, 1);
    return;
  }
  let nextChar = input.charCodeAt(state.pos + 1);
  if (nextChar === charCodes.greaterThan) {
    let size = input.charCodeAt(state.pos + 2) === charCodes.greaterThan ? 3 : 2;
    if (input.charCodeAt(state.pos + size) === charCodes.equalsTo) {
      finishOp(TokenType.assign, size + 1);
      return;
    }
    finishOp(TokenType.bitShiftR, size);
    return;
  }
  nextChar === charCodes.equalsTo ? finishOp(TokenType.relationalOrEqual, 2) : finishOp(TokenType.greaterThan, 1);
}
function rescan_gt() {
  state.type === TokenType.greaterThan && (state.pos -= 1, readToken_gt());
}
function readToken_eq_excl(code) {
  let nextChar = input.charCodeAt(state.pos + 1);
  if (nextChar === charCodes.equalsTo) {
    finishOp(TokenType.equality, input.charCodeAt(state.pos + 2) === charCodes.equalsTo ? 3 : 2);
    return;
  }
  if (code === charCodes.equalsTo && nextChar === charCodes.greaterThan) {
    state.pos += 2, finishToken(TokenType.arrow);
    return;
  }
  finishOp(code === charCodes.equalsTo ? TokenType.eq : TokenType.bang, 1);
}
function readToken_question() {
  let nextChar = input.charCodeAt(state.pos + 1), nextChar2 = input.charCodeAt(state.pos + 2);
  nextChar === charCodes.questionMark && // In Flow (but not TypeScript), ??string is a valid type that should be
  // tokenized as two individual ? tokens.
  !(isFlowEnabled && state.isType) ? nextChar2 === charCodes.equalsTo ? finishOp(TokenType.assign, 3) : finishOp(TokenType.nullishCoalescing, 2) : nextChar === charCodes.dot && !(nextChar2 >= charCodes.digit0 && nextChar2 <= charCodes.digit9) ? (state.pos += 2, finishToken(TokenType.questionDot)) : (++state.pos, finishToken(TokenType.question));
}
function getTokenFromCode(code) {
  switch (code) {
    case charCodes.numberSign:
      ++state.pos, finishToken(TokenType.hash);
      return;
    // The interpretation of a dot depends on whether it is followed
    // by a digit or another two dots.
    case charCodes.dot:
      readToken_dot();
      return;
    // Punctuation tokens.
    case charCodes.leftParenthesis:
      ++state.pos, finishToken(TokenType.parenL);
      return;
    case charCodes.rightParenthesis:
      ++state.pos, finishToken(TokenType.parenR);
      return;
    case charCodes.semicolon:
      ++state.pos, finishToken(TokenType.semi);
      return;
    case charCodes.comma:
      ++state.pos, finishToken(TokenType.comma);
      return;
    case charCodes.leftSquareBracket:
      ++state.pos, finishToken(TokenType.bracketL);
      return;
    case charCodes.rightSquareBracket:
      ++state.pos, finishToken(TokenType.bracketR);
      return;
    case charCodes.leftCurlyBrace:
      isFlowEnabled && input.charCodeAt(state.pos + 1) === charCodes.verticalBar ? finishOp(TokenType.braceBarL, 2) : (++state.pos, finishToken(TokenType.braceL));
      return;
    case charCodes.rightCurlyBrace:
      ++state.pos, finishToken(TokenType.braceR);
      return;
    case charCodes.colon:
      input.charCodeAt(state.pos + 1) === charCodes.colon ? finishOp(TokenType.doubleColon, 2) : (++state.pos, finishToken(TokenType.colon));
      return;
    case charCodes.questionMark:
      readToken_question();
      return;
    case charCodes.atSign:
      ++state.pos, finishToken(TokenType.at);
      return;
    case charCodes.graveAccent:
      ++state.pos, finishToken(TokenType.backQuote);
      return;
    case charCodes.digit0: {
      let nextChar = input.charCodeAt(state.pos + 1);
      if (nextChar === charCodes.lowercaseX || nextChar === charCodes.uppercaseX || nextChar === charCodes.lowercaseO || nextChar === charCodes.uppercaseO || nextChar === charCodes.lowercaseB || nextChar === charCodes.uppercaseB) {
        readRadixNumber();
        return;
      }
    }
    // Anything else beginning with a digit is an integer, octal
    // number, or float.
    case charCodes.digit1:
    case charCodes.digit2:
    case charCodes.digit3:
    case charCodes.digit4:
    case charCodes.digit5:
    case charCodes.digit6:
    case charCodes.digit7:
    case charCodes.digit8:
    case charCodes.digit9:
      readNumber(!1);
      return;
    // Quotes produce strings.
    case charCodes.quotationMark:
    case charCodes.apostrophe:
      readString(code);
      return;
    // Operators are parsed inline in tiny state machines. '=' (charCodes.equalsTo) is
    // often referred to. `finishOp` simply skips the amount of
    // characters it is given as second argument, and returns a token
    // of the type given by its first argument.
    case charCodes.slash:
      readToken_slash();
      return;
    case charCodes.percentSign:
    case charCodes.asterisk:
      readToken_mult_modulo(code);
      return;
    case charCodes.verticalBar:
    case charCodes.ampersand:
      readToken_pipe_amp(code);
      return;
    case charCodes.caret:
      readToken_caret();
      return;
    case charCodes.plusSign:
    case charCodes.dash:
      readToken_plus_min(code);
      return;
    case charCodes.lessThan:
      readToken_lt();
      return;
    case charCodes.greaterThan:
      readToken_gt();
      return;
    case charCodes.equalsTo:
    case charCodes.exclamationMark:
      readToken_eq_excl(code);
      return;
    case charCodes.tilde:
      finishOp(TokenType.tilde, 1);
      return;
    default:
      break;
  }
  unexpected(`Unexpected character '${String.fromCharCode(code)}'`, state.pos);
}
function finishOp(type, size) {
  state.pos += size, finishToken(type);
}
function readRegexp() {
  let start = state.pos, escaped = !1, inClass = !1;
  for (; ; ) {
    if (state.pos >= input.length) {
      unexpected("Unterminated regular expression", start);
      return;
    }
    let code = input.charCodeAt(state.pos);
    if (escaped)
      escaped = !1;
    else {
      if (code === charCodes.leftSquareBracket)
        inClass = !0;
      else if (code === charCodes.rightSquareBracket && inClass)
        inClass = !1;
      else if (code === charCodes.slash && !inClass)
        break;
      escaped = code === charCodes.backslash;
    }
    ++state.pos;
  }
  ++state.pos, skipWord(), finishToken(TokenType.regexp);
}
function readInt() {
  for (; ; ) {
    let code = input.charCodeAt(state.pos);
    if (code >= charCodes.digit0 && code <= charCodes.digit9 || code === charCodes.underscore)
      state.pos++;
    else
      break;
  }
}
function readRadixNumber() {
  for (state.pos += 2; ; ) {
    let code = input.charCodeAt(state.pos);
    if (code >= charCodes.digit0 && code <= charCodes.digit9 || code >= charCodes.lowercaseA && code <= charCodes.lowercaseF || code >= charCodes.uppercaseA && code <= charCodes.uppercaseF || code === charCodes.underscore)
      state.pos++;
    else
      break;
  }
  input.charCodeAt(state.pos) === charCodes.lowercaseN ? (++state.pos, finishToken(TokenType.bigint)) : finishToken(TokenType.num);
}
function readNumber(startsWithDot) {
  let isBigInt = !1, isDecimal = !1;
  startsWithDot || readInt();
  let nextChar = input.charCodeAt(state.pos);
  if (nextChar === charCodes.dot && (++state.pos, readInt(), nextChar = input.charCodeAt(state.pos)), (nextChar === charCodes.uppercaseE || nextChar === charCodes.lowercaseE) && (nextChar = input.charCodeAt(++state.pos), (nextChar === charCodes.plusSign || nextChar === charCodes.dash) && ++state.pos, readInt(), nextChar = input.charCodeAt(state.pos)), nextChar === charCodes.lowercaseN ? (++state.pos, isBigInt = !0) : nextChar === charCodes.lowercaseM && (++state.pos, isDecimal = !0), isBigInt) {
    finishToken(TokenType.bigint);
    return;
  }
  if (isDecimal) {
    finishToken(TokenType.decimal);
    return;
  }
  finishToken(TokenType.num);
}
function readString(quote) {
  for (state.pos++; ; ) {
    if (state.pos >= input.length) {
      unexpected("Unterminated string constant");
      return;
    }
    let ch = input.charCodeAt(state.pos);
    if (ch === charCodes.backslash)
      state.pos++;
    else if (ch === quote)
      break;
    state.pos++;
  }
  state.pos++, finishToken(TokenType.string);
}
function readTmplToken() {
  for (; ; ) {
    if (state.pos >= input.length) {
      unexpected("Unterminated template");
      return;
    }
    let ch = input.charCodeAt(state.pos);
    if (ch === charCodes.graveAccent || ch === charCodes.dollarSign && input.charCodeAt(state.pos + 1) === charCodes.leftCurlyBrace) {
      if (state.pos === state.start && match(TokenType.template))
        if (ch === charCodes.dollarSign) {
          state.pos += 2, finishToken(TokenType.dollarBraceL);
          return;
        } else {
          ++state.pos, finishToken(TokenType.backQuote);
          return;
        }
      finishToken(TokenType.template);
      return;
    }
    ch === charCodes.backslash && state.pos++, state.pos++;
  }
}
function skipWord() {
  for (; state.pos < input.length; ) {
    let ch = input.charCodeAt(state.pos);
    if (IS_IDENTIFIER_CHAR[ch])
      state.pos++;
    else if (ch === charCodes.backslash) {
      if (state.pos += 2, input.charCodeAt(state.pos) === charCodes.leftCurlyBrace) {
        for (; state.pos < input.length && input.charCodeAt(state.pos) !== charCodes.rightCurlyBrace; )
          state.pos++;
        state.pos++;
      }
    } else
      break;
  }
}

// node_modules/sucrase/dist/esm/util/getImportExportSpecifierInfo.js
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
function isSpecifierEnd(tokens, index) {
  let token = tokens.tokens[index];
  return token.type === TokenType.braceR || token.type === TokenType.comma;
}

// node_modules/sucrase/dist/esm/transformers/JSXTransformer.js
function startsWithLowerCase() {
  throw new Error("sucrase/dist/esm/transformers/JSXTransformer.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function leftOut() {
  throw new Error("sucrase/dist/esm/transformers/JSXTransformer.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}

// node_modules/sucrase/dist/esm/util/getJSXPragmaInfo.js
function getJSXPragmaInfo(options) {
  let [base, suffix] = splitPragma(options.jsxPragma || "React.createElement"), [fragmentBase, fragmentSuffix] = splitPragma(options.jsxFragmentPragma || "React.Fragment");
  return { base, suffix, fragmentBase, fragmentSuffix };
}
function splitPragma(pragma) {
  let dotIndex = pragma.indexOf(".");
  return dotIndex === -1 && (dotIndex = pragma.length), [pragma.slice(0, dotIndex), pragma.slice(dotIndex)];
}

// node_modules/sucrase/dist/esm/util/getNonTypeIdentifiers.js
function getNonTypeIdentifiers(tokens, options) {
  let jsxPragmaInfo = getJSXPragmaInfo(options), nonTypeIdentifiers = /* @__PURE__ */ new Set();
  for (let i = 0; i < tokens.tokens.length; i++) {
    let token = tokens.tokens[i];
    if (token.type === TokenType.name && !token.isType && (token.identifierRole === IdentifierRole.Access || token.identifierRole === IdentifierRole.ObjectShorthand || token.identifierRole === IdentifierRole.ExportAccess) && !token.shadowsGlobal && nonTypeIdentifiers.add(tokens.identifierNameForToken(token)), token.type === TokenType.jsxTagStart && nonTypeIdentifiers.add(jsxPragmaInfo.base), token.type === TokenType.jsxTagStart && i + 1 < tokens.tokens.length && tokens.tokens[i + 1].type === TokenType.jsxTagEnd && (nonTypeIdentifiers.add(jsxPragmaInfo.base), nonTypeIdentifiers.add(jsxPragmaInfo.fragmentBase)), token.type === TokenType.jsxName && token.identifierRole === IdentifierRole.Access) {
      let identifierName = tokens.identifierNameForToken(token);
      (!startsWithLowerCase(identifierName) || tokens.tokens[i + 1].type === TokenType.dot) && nonTypeIdentifiers.add(tokens.identifierNameForToken(token));
    }
  }
  return nonTypeIdentifiers;
}

// node_modules/sucrase/dist/esm/CJSImportProcessor.js
var CJSImportProcessor = class _CJSImportProcessor {
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
      this.tokens.matches1AtIndex(i, TokenType._import) && !this.tokens.matches3AtIndex(i, TokenType._import, TokenType.name, TokenType.eq) && this.preprocessImportAtIndex(i), this.tokens.matches1AtIndex(i, TokenType._export) && !this.tokens.matches2AtIndex(i, TokenType._export, TokenType.eq) && this.preprocessExportAtIndex(i);
    this.generateImportReplacements();
  }
  /**
   * In TypeScript, import statements that only import types should be removed.
   * This includes `import {} from 'foo';`, but not `import 'foo';`.
   */
  pruneTypeOnlyImports() {
    this.nonTypeIdentifiers = getNonTypeIdentifiers(this.tokens, this.options);
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
    if (index++, (this.tokens.matchesContextualAtIndex(index, ContextualKeyword._type) || this.tokens.matches1AtIndex(index, TokenType._typeof)) && !this.tokens.matches1AtIndex(index + 1, TokenType.comma) && !this.tokens.matchesContextualAtIndex(index + 1, ContextualKeyword._from) || this.tokens.matches1AtIndex(index, TokenType.parenL))
      return;
    if (this.tokens.matches1AtIndex(index, TokenType.name) && (defaultNames.push(this.tokens.identifierNameAtIndex(index)), index++, this.tokens.matches1AtIndex(index, TokenType.comma) && index++), this.tokens.matches1AtIndex(index, TokenType.star) && (index += 2, wildcardNames.push(this.tokens.identifierNameAtIndex(index)), index++), this.tokens.matches1AtIndex(index, TokenType.braceL)) {
      let result = this.getNamedImports(index + 1);
      index = result.newIndex;
      for (let namedImport of result.namedImports)
        namedImport.importedName === "default" ? defaultNames.push(namedImport.localName) : namedImports.push(namedImport);
    }
    if (this.tokens.matchesContextualAtIndex(index, ContextualKeyword._from) && index++, !this.tokens.matches1AtIndex(index, TokenType.string))
      throw new Error("Expected string token at the end of import statement.");
    let path = this.tokens.stringValueAtIndex(index), importInfo = this.getImportInfo(path);
    importInfo.defaultNames.push(...defaultNames), importInfo.wildcardNames.push(...wildcardNames), importInfo.namedImports.push(...namedImports), defaultNames.length === 0 && wildcardNames.length === 0 && namedImports.length === 0 && (importInfo.hasBareImport = !0);
  }
  preprocessExportAtIndex(index) {
    if (this.tokens.matches2AtIndex(index, TokenType._export, TokenType._var) || this.tokens.matches2AtIndex(index, TokenType._export, TokenType._let) || this.tokens.matches2AtIndex(index, TokenType._export, TokenType._const))
      this.preprocessVarExportAtIndex(index);
    else if (this.tokens.matches2AtIndex(index, TokenType._export, TokenType._function) || this.tokens.matches2AtIndex(index, TokenType._export, TokenType._class)) {
      let exportName = this.tokens.identifierNameAtIndex(index + 2);
      this.addExportBinding(exportName, exportName);
    } else if (this.tokens.matches3AtIndex(index, TokenType._export, TokenType.name, TokenType._function)) {
      let exportName = this.tokens.identifierNameAtIndex(index + 3);
      this.addExportBinding(exportName, exportName);
    } else this.tokens.matches2AtIndex(index, TokenType._export, TokenType.braceL) ? this.preprocessNamedExportAtIndex(index) : this.tokens.matches2AtIndex(index, TokenType._export, TokenType.star) && this.preprocessExportStarAtIndex(index);
  }
  preprocessVarExportAtIndex(index) {
    let depth = 0;
    for (let i = index + 2; ; i++)
      if (this.tokens.matches1AtIndex(i, TokenType.braceL) || this.tokens.matches1AtIndex(i, TokenType.dollarBraceL) || this.tokens.matches1AtIndex(i, TokenType.bracketL))
        depth++;
      else if (this.tokens.matches1AtIndex(i, TokenType.braceR) || this.tokens.matches1AtIndex(i, TokenType.bracketR))
        depth--;
      else {
        if (depth === 0 && !this.tokens.matches1AtIndex(i, TokenType.name))
          break;
        if (this.tokens.matches1AtIndex(1, TokenType.eq)) {
          let endIndex = this.tokens.currentToken().rhsEndIndex;
          if (endIndex == null)
            throw new Error("Expected = token with an end index.");
          i = endIndex - 1;
        } else {
          let token = this.tokens.tokens[i];
          if (isDeclaration(token)) {
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
    if (index = newIndex, this.tokens.matchesContextualAtIndex(index, ContextualKeyword._from))
      index++;
    else {
      for (let { importedName: localName, localName: exportedName } of namedImports)
        this.addExportBinding(localName, exportedName);
      return;
    }
    if (!this.tokens.matches1AtIndex(index, TokenType.string))
      throw new Error("Expected string token at the end of import statement.");
    let path = this.tokens.stringValueAtIndex(index);
    this.getImportInfo(path).namedExports.push(...namedImports);
  }
  preprocessExportStarAtIndex(index) {
    let exportedName = null;
    if (this.tokens.matches3AtIndex(index, TokenType._export, TokenType.star, TokenType._as) ? (index += 3, exportedName = this.tokens.identifierNameAtIndex(index), index += 2) : index += 3, !this.tokens.matches1AtIndex(index, TokenType.string))
      throw new Error("Expected string token at the end of star export statement.");
    let path = this.tokens.stringValueAtIndex(index), importInfo = this.getImportInfo(path);
    exportedName !== null ? importInfo.exportStarNames.push(exportedName) : importInfo.hasStarExport = !0;
  }
  getNamedImports(index) {
    let namedImports = [];
    for (; ; ) {
      if (this.tokens.matches1AtIndex(index, TokenType.braceR)) {
        index++;
        break;
      }
      let specifierInfo = getImportExportSpecifierInfo(this.tokens, index);
      if (index = specifierInfo.endIndex, specifierInfo.isType || namedImports.push({
        importedName: specifierInfo.leftName,
        localName: specifierInfo.rightName
      }), this.tokens.matches2AtIndex(index, TokenType.comma, TokenType.braceR)) {
        index += 2;
        break;
      } else if (this.tokens.matches1AtIndex(index, TokenType.braceR)) {
        index++;
        break;
      } else if (this.tokens.matches1AtIndex(index, TokenType.comma))
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

// node_modules/sucrase/dist/esm/computeSourceMap.js
function leftOut2() {
  throw new Error("sucrase/dist/esm/computeSourceMap.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}

// node_modules/sucrase/dist/esm/HelperManager.js
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

// node_modules/sucrase/dist/esm/identifyShadowedGlobals.js
function identifyShadowedGlobals(tokens, scopes, globalNames) {
  hasShadowedGlobals(tokens, globalNames) && markShadowedGlobals(tokens, scopes, globalNames);
}
function hasShadowedGlobals(tokens, globalNames) {
  for (let token of tokens.tokens)
    if (token.type === TokenType.name && !token.isType && isNonTopLevelDeclaration(token) && globalNames.has(tokens.identifierNameForToken(token)))
      return !0;
  return !1;
}
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
    if (scopeStack.length > 1 && !token.isType && token.type === TokenType.name && globalNames.has(name)) {
      if (isBlockScopedDeclaration(token))
        markShadowedForScope(scopeStack[scopeStack.length - 1], tokens, name);
      else if (isFunctionScopedDeclaration(token)) {
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
    (token.type === TokenType.name || token.type === TokenType.jsxName) && tokens.identifierNameForToken(token) === name && (token.shadowsGlobal = !0);
  }
}

// node_modules/sucrase/dist/esm/util/getIdentifierNames.js
function getIdentifierNames(code, tokens) {
  let names = [];
  for (let token of tokens)
    token.type === TokenType.name && names.push(code.slice(token.start, token.end));
  return names;
}

// node_modules/sucrase/dist/esm/NameManager.js
var NameManager = class _NameManager {
  __init() {
    this.usedNames = /* @__PURE__ */ new Set();
  }
  constructor(code, tokens) {
    _NameManager.prototype.__init.call(this), this.usedNames = new Set(getIdentifierNames(code, tokens));
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

// node_modules/sucrase/dist/esm/parser/plugins/flow.js
function flowParseTypeParameterDeclaration() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowParseTypeAnnotation() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowParseVariance() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowParseFunctionBodyAndFinish() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowParseSubscript() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowStartParseNewArguments() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowTryParseStatement() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowTryParseExportDefaultExpression() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowParseIdentifierStatement() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowShouldParseExportDeclaration() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowShouldDisallowExportDefaultSpecifier() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowParseExportDeclaration() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowShouldParseExportStar() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowParseExportStar() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowAfterParseClassSuper() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowStartParseObjPropValue() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowParseAssignableListItemTypes() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowStartParseImportSpecifiers() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowParseImportSpecifier() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowStartParseFunctionParams() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowAfterParseVarHead() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowStartParseAsyncArrowFromCallExpression() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowParseMaybeAssign() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowParseArrow() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}
function flowParseSubscripts() {
  throw new Error("sucrase/dist/esm/parser/plugins/flow.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}

// node_modules/sucrase/dist/esm/parser/plugins/jsx/index.js
function jsxParseElement() {
  throw new Error("sucrase/dist/esm/parser/plugins/jsx/index.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}

// node_modules/sucrase/dist/esm/parser/plugins/types.js
function typedParseConditional(noIn) {
  if (match(TokenType.question)) {
    let nextType = lookaheadType();
    if (nextType === TokenType.colon || nextType === TokenType.comma || nextType === TokenType.parenR)
      return;
  }
  baseParseConditional(noIn);
}
function typedParseParenItem() {
  eatTypeToken(TokenType.question), match(TokenType.colon) && (isTypeScriptEnabled ? tsParseTypeAnnotation() : isFlowEnabled && flowParseTypeAnnotation());
}

// node_modules/sucrase/dist/esm/parser/traverser/lval.js
function parseSpread() {
  next(), parseMaybeAssign(!1);
}
function parseRest(isBlockScope) {
  next(), parseBindingAtom(isBlockScope);
}
function parseBindingIdentifier(isBlockScope) {
  parseIdentifier(), markPriorBindingIdentifier(isBlockScope);
}
function parseImportedIdentifier() {
  parseIdentifier(), state.tokens[state.tokens.length - 1].identifierRole = IdentifierRole.ImportDeclaration;
}
function markPriorBindingIdentifier(isBlockScope) {
  let identifierRole;
  state.scopeDepth === 0 ? identifierRole = IdentifierRole.TopLevelDeclaration : isBlockScope ? identifierRole = IdentifierRole.BlockScopedDeclaration : identifierRole = IdentifierRole.FunctionScopedDeclaration, state.tokens[state.tokens.length - 1].identifierRole = identifierRole;
}
function parseBindingAtom(isBlockScope) {
  switch (state.type) {
    case TokenType._this: {
      let oldIsType = pushTypeContext(0);
      next(), popTypeContext(oldIsType);
      return;
    }
    case TokenType._yield:
    case TokenType.name: {
      state.type = TokenType.name, parseBindingIdentifier(isBlockScope);
      return;
    }
    case TokenType.bracketL: {
      next(), parseBindingList(
        TokenType.bracketR,
        isBlockScope,
        !0
        /* allowEmpty */
      );
      return;
    }
    case TokenType.braceL:
      parseObj(!0, isBlockScope);
      return;
    default:
      unexpected();
  }
}
function parseBindingList(close, isBlockScope, allowEmpty = !1, allowModifiers = !1, contextId = 0) {
  let first = !0, hasRemovedComma = !1, firstItemTokenIndex = state.tokens.length;
  for (; !eat(close) && !state.error; )
    if (first ? first = !1 : (expect(TokenType.comma), state.tokens[state.tokens.length - 1].contextId = contextId, !hasRemovedComma && state.tokens[firstItemTokenIndex].isType && (state.tokens[state.tokens.length - 1].isType = !0, hasRemovedComma = !0)), !(allowEmpty && match(TokenType.comma))) {
      if (eat(close))
        break;
      if (match(TokenType.ellipsis)) {
        parseRest(isBlockScope), parseAssignableListItemTypes(), eat(TokenType.comma), expect(close);
        break;
      } else
        parseAssignableListItem(allowModifiers, isBlockScope);
    }
}
function parseAssignableListItem(allowModifiers, isBlockScope) {
  allowModifiers && tsParseModifiers([
    ContextualKeyword._public,
    ContextualKeyword._protected,
    ContextualKeyword._private,
    ContextualKeyword._readonly,
    ContextualKeyword._override
  ]), parseMaybeDefault(isBlockScope), parseAssignableListItemTypes(), parseMaybeDefault(
    isBlockScope,
    !0
    /* leftAlreadyParsed */
  );
}
function parseAssignableListItemTypes() {
  isFlowEnabled ? flowParseAssignableListItemTypes() : isTypeScriptEnabled && tsParseAssignableListItemTypes();
}
function parseMaybeDefault(isBlockScope, leftAlreadyParsed = !1) {
  if (leftAlreadyParsed || parseBindingAtom(isBlockScope), !eat(TokenType.eq))
    return;
  let eqIndex = state.tokens.length - 1;
  parseMaybeAssign(), state.tokens[eqIndex].rhsEndIndex = state.tokens.length;
}

// node_modules/sucrase/dist/esm/parser/traverser/expression.js
var StopState = class {
  constructor(stop) {
    this.stop = stop;
  }
};
function parseExpression(noIn = !1) {
  if (parseMaybeAssign(noIn), match(TokenType.comma))
    for (; eat(TokenType.comma); )
      parseMaybeAssign(noIn);
}
function parseMaybeAssign(noIn = !1, isWithinParens = !1) {
  return isTypeScriptEnabled ? tsParseMaybeAssign(noIn, isWithinParens) : isFlowEnabled ? flowParseMaybeAssign(noIn, isWithinParens) : baseParseMaybeAssign(noIn, isWithinParens);
}
function baseParseMaybeAssign(noIn, isWithinParens) {
  if (match(TokenType._yield))
    return parseYield(), !1;
  (match(TokenType.parenL) || match(TokenType.name) || match(TokenType._yield)) && (state.potentialArrowAt = state.start);
  let wasArrow = parseMaybeConditional(noIn);
  return isWithinParens && parseParenItem(), state.type & TokenType.IS_ASSIGN ? (next(), parseMaybeAssign(noIn), !1) : wasArrow;
}
function parseMaybeConditional(noIn) {
  return parseExprOps(noIn) ? !0 : (parseConditional(noIn), !1);
}
function parseConditional(noIn) {
  isTypeScriptEnabled || isFlowEnabled ? typedParseConditional(noIn) : baseParseConditional(noIn);
}
function baseParseConditional(noIn) {
  eat(TokenType.question) && (parseMaybeAssign(), expect(TokenType.colon), parseMaybeAssign(noIn));
}
function parseExprOps(noIn) {
  let startTokenIndex = state.tokens.length;
  return parseMaybeUnary() ? !0 : (parseExprOp(startTokenIndex, -1, noIn), !1);
}
function parseExprOp(startTokenIndex, minPrec, noIn) {
  if (isTypeScriptEnabled && (TokenType._in & TokenType.PRECEDENCE_MASK) > minPrec && !hasPrecedingLineBreak() && (eatContextual(ContextualKeyword._as) || eatContextual(ContextualKeyword._satisfies))) {
    let oldIsType = pushTypeContext(1);
    tsParseType(), popTypeContext(oldIsType), rescan_gt(), parseExprOp(startTokenIndex, minPrec, noIn);
    return;
  }
  let prec = state.type & TokenType.PRECEDENCE_MASK;
  if (prec > 0 && (!noIn || !match(TokenType._in)) && prec > minPrec) {
    let op = state.type;
    next(), op === TokenType.nullishCoalescing && (state.tokens[state.tokens.length - 1].nullishStartIndex = startTokenIndex);
    let rhsStartTokenIndex = state.tokens.length;
    parseMaybeUnary(), parseExprOp(rhsStartTokenIndex, op & TokenType.IS_RIGHT_ASSOCIATIVE ? prec - 1 : prec, noIn), op === TokenType.nullishCoalescing && (state.tokens[startTokenIndex].numNullishCoalesceStarts++, state.tokens[state.tokens.length - 1].numNullishCoalesceEnds++), parseExprOp(startTokenIndex, minPrec, noIn);
  }
}
function parseMaybeUnary() {
  if (isTypeScriptEnabled && !isJSXEnabled && eat(TokenType.lessThan))
    return tsParseTypeAssertion(), !1;
  if (isContextual(ContextualKeyword._module) && lookaheadCharCode() === charCodes.leftCurlyBrace && !hasFollowingLineBreak())
    return parseModuleExpression(), !1;
  if (state.type & TokenType.IS_PREFIX)
    return next(), parseMaybeUnary(), !1;
  if (parseExprSubscripts())
    return !0;
  for (; state.type & TokenType.IS_POSTFIX && !canInsertSemicolon(); )
    state.type === TokenType.preIncDec && (state.type = TokenType.postIncDec), next();
  return !1;
}
function parseExprSubscripts() {
  let startTokenIndex = state.tokens.length;
  return parseExprAtom() ? !0 : (parseSubscripts(startTokenIndex), state.tokens.length > startTokenIndex && state.tokens[startTokenIndex].isOptionalChainStart && (state.tokens[state.tokens.length - 1].isOptionalChainEnd = !0), !1);
}
function parseSubscripts(startTokenIndex, noCalls = !1) {
  isFlowEnabled ? flowParseSubscripts(startTokenIndex, noCalls) : baseParseSubscripts(startTokenIndex, noCalls);
}
function baseParseSubscripts(startTokenIndex, noCalls = !1) {
  let stopState = new StopState(!1);
  do
    parseSubscript(startTokenIndex, noCalls, stopState);
  while (!stopState.stop && !state.error);
}
function parseSubscript(startTokenIndex, noCalls, stopState) {
  isTypeScriptEnabled ? tsParseSubscript(startTokenIndex, noCalls, stopState) : isFlowEnabled ? flowParseSubscript(startTokenIndex, noCalls, stopState) : baseParseSubscript(startTokenIndex, noCalls, stopState);
}
function baseParseSubscript(startTokenIndex, noCalls, stopState) {
  if (!noCalls && eat(TokenType.doubleColon))
    parseNoCallExpr(), stopState.stop = !0, parseSubscripts(startTokenIndex, noCalls);
  else if (match(TokenType.questionDot)) {
    if (state.tokens[startTokenIndex].isOptionalChainStart = !0, noCalls && lookaheadType() === TokenType.parenL) {
      stopState.stop = !0;
      return;
    }
    next(), state.tokens[state.tokens.length - 1].subscriptStartIndex = startTokenIndex, eat(TokenType.bracketL) ? (parseExpression(), expect(TokenType.bracketR)) : eat(TokenType.parenL) ? parseCallExpressionArguments() : parseMaybePrivateName();
  } else if (eat(TokenType.dot))
    state.tokens[state.tokens.length - 1].subscriptStartIndex = startTokenIndex, parseMaybePrivateName();
  else if (eat(TokenType.bracketL))
    state.tokens[state.tokens.length - 1].subscriptStartIndex = startTokenIndex, parseExpression(), expect(TokenType.bracketR);
  else if (!noCalls && match(TokenType.parenL))
    if (atPossibleAsync()) {
      let snapshot = state.snapshot(), asyncStartTokenIndex = state.tokens.length;
      next(), state.tokens[state.tokens.length - 1].subscriptStartIndex = startTokenIndex;
      let callContextId = getNextContextId();
      state.tokens[state.tokens.length - 1].contextId = callContextId, parseCallExpressionArguments(), state.tokens[state.tokens.length - 1].contextId = callContextId, shouldParseAsyncArrow() && (state.restoreFromSnapshot(snapshot), stopState.stop = !0, state.scopeDepth++, parseFunctionParams(), parseAsyncArrowFromCallExpression(asyncStartTokenIndex));
    } else {
      next(), state.tokens[state.tokens.length - 1].subscriptStartIndex = startTokenIndex;
      let callContextId = getNextContextId();
      state.tokens[state.tokens.length - 1].contextId = callContextId, parseCallExpressionArguments(), state.tokens[state.tokens.length - 1].contextId = callContextId;
    }
  else match(TokenType.backQuote) ? parseTemplate() : stopState.stop = !0;
}
function atPossibleAsync() {
  return state.tokens[state.tokens.length - 1].contextualKeyword === ContextualKeyword._async && !canInsertSemicolon();
}
function parseCallExpressionArguments() {
  let first = !0;
  for (; !eat(TokenType.parenR) && !state.error; ) {
    if (first)
      first = !1;
    else if (expect(TokenType.comma), eat(TokenType.parenR))
      break;
    parseExprListItem(!1);
  }
}
function shouldParseAsyncArrow() {
  return match(TokenType.colon) || match(TokenType.arrow);
}
function parseAsyncArrowFromCallExpression(startTokenIndex) {
  isTypeScriptEnabled ? tsStartParseAsyncArrowFromCallExpression() : isFlowEnabled && flowStartParseAsyncArrowFromCallExpression(), expect(TokenType.arrow), parseArrowExpression(startTokenIndex);
}
function parseNoCallExpr() {
  let startTokenIndex = state.tokens.length;
  parseExprAtom(), parseSubscripts(startTokenIndex, !0);
}
function parseExprAtom() {
  if (eat(TokenType.modulo))
    return parseIdentifier(), !1;
  if (match(TokenType.jsxText) || match(TokenType.jsxEmptyText))
    return parseLiteral(), !1;
  if (match(TokenType.lessThan) && isJSXEnabled)
    return state.type = TokenType.jsxTagStart, jsxParseElement(), next(), !1;
  let canBeArrow = state.potentialArrowAt === state.start;
  switch (state.type) {
    case TokenType.slash:
    case TokenType.assign:
      retokenizeSlashAsRegex();
    // Fall through.
    case TokenType._super:
    case TokenType._this:
    case TokenType.regexp:
    case TokenType.num:
    case TokenType.bigint:
    case TokenType.decimal:
    case TokenType.string:
    case TokenType._null:
    case TokenType._true:
    case TokenType._false:
      return next(), !1;
    case TokenType._import:
      return next(), match(TokenType.dot) && (state.tokens[state.tokens.length - 1].type = TokenType.name, next(), parseIdentifier()), !1;
    case TokenType.name: {
      let startTokenIndex = state.tokens.length, functionStart = state.start, contextualKeyword = state.contextualKeyword;
      return parseIdentifier(), contextualKeyword === ContextualKeyword._await ? (parseAwait(), !1) : contextualKeyword === ContextualKeyword._async && match(TokenType._function) && !canInsertSemicolon() ? (next(), parseFunction(functionStart, !1), !1) : canBeArrow && contextualKeyword === ContextualKeyword._async && !canInsertSemicolon() && match(TokenType.name) ? (state.scopeDepth++, parseBindingIdentifier(!1), expect(TokenType.arrow), parseArrowExpression(startTokenIndex), !0) : match(TokenType._do) && !canInsertSemicolon() ? (next(), parseBlock(), !1) : canBeArrow && !canInsertSemicolon() && match(TokenType.arrow) ? (state.scopeDepth++, markPriorBindingIdentifier(!1), expect(TokenType.arrow), parseArrowExpression(startTokenIndex), !0) : (state.tokens[state.tokens.length - 1].identifierRole = IdentifierRole.Access, !1);
    }
    case TokenType._do:
      return next(), parseBlock(), !1;
    case TokenType.parenL:
      return parseParenAndDistinguishExpression(canBeArrow);
    case TokenType.bracketL:
      return next(), parseExprList(TokenType.bracketR, !0), !1;
    case TokenType.braceL:
      return parseObj(!1, !1), !1;
    case TokenType._function:
      return parseFunctionExpression(), !1;
    case TokenType.at:
      parseDecorators();
    // Fall through.
    case TokenType._class:
      return parseClass(!1), !1;
    case TokenType._new:
      return parseNew(), !1;
    case TokenType.backQuote:
      return parseTemplate(), !1;
    case TokenType.doubleColon:
      return next(), parseNoCallExpr(), !1;
    case TokenType.hash: {
      let code = lookaheadCharCode();
      return IS_IDENTIFIER_START[code] || code === charCodes.backslash ? parseMaybePrivateName() : next(), !1;
    }
    default:
      return unexpected(), !1;
  }
}
function parseMaybePrivateName() {
  eat(TokenType.hash), parseIdentifier();
}
function parseFunctionExpression() {
  let functionStart = state.start;
  parseIdentifier(), eat(TokenType.dot) && parseIdentifier(), parseFunction(functionStart, !1);
}
function parseLiteral() {
  next();
}
function parseParenExpression() {
  expect(TokenType.parenL), parseExpression(), expect(TokenType.parenR);
}
function parseParenAndDistinguishExpression(canBeArrow) {
  let snapshot = state.snapshot(), startTokenIndex = state.tokens.length;
  expect(TokenType.parenL);
  let first = !0;
  for (; !match(TokenType.parenR) && !state.error; ) {
    if (first)
      first = !1;
    else if (expect(TokenType.comma), match(TokenType.parenR))
      break;
    if (match(TokenType.ellipsis)) {
      parseRest(
        !1
        /* isBlockScope */
      ), parseParenItem();
      break;
    } else
      parseMaybeAssign(!1, !0);
  }
  return expect(TokenType.parenR), canBeArrow && shouldParseArrow() && parseArrow() ? (state.restoreFromSnapshot(snapshot), state.scopeDepth++, parseFunctionParams(), parseArrow(), parseArrowExpression(startTokenIndex), state.error ? (state.restoreFromSnapshot(snapshot), parseParenAndDistinguishExpression(!1), !1) : !0) : !1;
}
function shouldParseArrow() {
  return match(TokenType.colon) || !canInsertSemicolon();
}
function parseArrow() {
  return isTypeScriptEnabled ? tsParseArrow() : isFlowEnabled ? flowParseArrow() : eat(TokenType.arrow);
}
function parseParenItem() {
  (isTypeScriptEnabled || isFlowEnabled) && typedParseParenItem();
}
function parseNew() {
  if (expect(TokenType._new), eat(TokenType.dot)) {
    parseIdentifier();
    return;
  }
  parseNewCallee(), isFlowEnabled && flowStartParseNewArguments(), eat(TokenType.parenL) && parseExprList(TokenType.parenR);
}
function parseNewCallee() {
  parseNoCallExpr(), eat(TokenType.questionDot);
}
function parseTemplate() {
  for (nextTemplateToken(), nextTemplateToken(); !match(TokenType.backQuote) && !state.error; )
    expect(TokenType.dollarBraceL), parseExpression(), nextTemplateToken(), nextTemplateToken();
  next();
}
function parseObj(isPattern, isBlockScope) {
  let contextId = getNextContextId(), first = !0;
  for (next(), state.tokens[state.tokens.length - 1].contextId = contextId; !eat(TokenType.braceR) && !state.error; ) {
    if (first)
      first = !1;
    else if (expect(TokenType.comma), eat(TokenType.braceR))
      break;
    let isGenerator = !1;
    if (match(TokenType.ellipsis)) {
      let previousIndex = state.tokens.length;
      if (parseSpread(), isPattern && (state.tokens.length === previousIndex + 2 && markPriorBindingIdentifier(isBlockScope), eat(TokenType.braceR)))
        break;
      continue;
    }
    isPattern || (isGenerator = eat(TokenType.star)), !isPattern && isContextual(ContextualKeyword._async) ? (isGenerator && unexpected(), parseIdentifier(), match(TokenType.colon) || match(TokenType.parenL) || match(TokenType.braceR) || match(TokenType.eq) || match(TokenType.comma) || (match(TokenType.star) && (next(), isGenerator = !0), parsePropertyName(contextId))) : parsePropertyName(contextId), parseObjPropValue(isPattern, isBlockScope, contextId);
  }
  state.tokens[state.tokens.length - 1].contextId = contextId;
}
function isGetterOrSetterMethod(isPattern) {
  return !isPattern && (match(TokenType.string) || // get "string"() {}
  match(TokenType.num) || // get 1() {}
  match(TokenType.bracketL) || // get ["string"]() {}
  match(TokenType.name) || // get foo() {}
  !!(state.type & TokenType.IS_KEYWORD));
}
function parseObjectMethod(isPattern, objectContextId) {
  let functionStart = state.start;
  return match(TokenType.parenL) ? (isPattern && unexpected(), parseMethod(
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
  if (eat(TokenType.colon)) {
    isPattern ? parseMaybeDefault(isBlockScope) : parseMaybeAssign(!1);
    return;
  }
  let identifierRole;
  isPattern ? state.scopeDepth === 0 ? identifierRole = IdentifierRole.ObjectShorthandTopLevelDeclaration : isBlockScope ? identifierRole = IdentifierRole.ObjectShorthandBlockScopedDeclaration : identifierRole = IdentifierRole.ObjectShorthandFunctionScopedDeclaration : identifierRole = IdentifierRole.ObjectShorthand, state.tokens[state.tokens.length - 1].identifierRole = identifierRole, parseMaybeDefault(isBlockScope, !0);
}
function parseObjPropValue(isPattern, isBlockScope, objectContextId) {
  isTypeScriptEnabled ? tsStartParseObjPropValue() : isFlowEnabled && flowStartParseObjPropValue(), parseObjectMethod(isPattern, objectContextId) || parseObjectProperty(isPattern, isBlockScope);
}
function parsePropertyName(objectContextId) {
  isFlowEnabled && flowParseVariance(), eat(TokenType.bracketL) ? (state.tokens[state.tokens.length - 1].contextId = objectContextId, parseMaybeAssign(), expect(TokenType.bracketR), state.tokens[state.tokens.length - 1].contextId = objectContextId) : (match(TokenType.num) || match(TokenType.string) || match(TokenType.bigint) || match(TokenType.decimal) ? parseExprAtom() : parseMaybePrivateName(), state.tokens[state.tokens.length - 1].identifierRole = IdentifierRole.ObjectKey, state.tokens[state.tokens.length - 1].contextId = objectContextId);
}
function parseMethod(functionStart, isConstructor) {
  let funcContextId = getNextContextId();
  state.scopeDepth++;
  let startTokenIndex = state.tokens.length;
  parseFunctionParams(isConstructor, funcContextId), parseFunctionBodyAndFinish(functionStart, funcContextId);
  let endTokenIndex = state.tokens.length;
  state.scopes.push(new Scope(startTokenIndex, endTokenIndex, !0)), state.scopeDepth--;
}
function parseArrowExpression(startTokenIndex) {
  parseFunctionBody(!0);
  let endTokenIndex = state.tokens.length;
  state.scopes.push(new Scope(startTokenIndex, endTokenIndex, !0)), state.scopeDepth--;
}
function parseFunctionBodyAndFinish(functionStart, funcContextId = 0) {
  isTypeScriptEnabled ? tsParseFunctionBodyAndFinish(functionStart, funcContextId) : isFlowEnabled ? flowParseFunctionBodyAndFinish(funcContextId) : parseFunctionBody(!1, funcContextId);
}
function parseFunctionBody(allowExpression, funcContextId = 0) {
  allowExpression && !match(TokenType.braceL) ? parseMaybeAssign() : parseBlock(!0, funcContextId);
}
function parseExprList(close, allowEmpty = !1) {
  let first = !0;
  for (; !eat(close) && !state.error; ) {
    if (first)
      first = !1;
    else if (expect(TokenType.comma), eat(close)) break;
    parseExprListItem(allowEmpty);
  }
}
function parseExprListItem(allowEmpty) {
  allowEmpty && match(TokenType.comma) || (match(TokenType.ellipsis) ? (parseSpread(), parseParenItem()) : match(TokenType.question) ? next() : parseMaybeAssign(!1, !0));
}
function parseIdentifier() {
  next(), state.tokens[state.tokens.length - 1].type = TokenType.name;
}
function parseAwait() {
  parseMaybeUnary();
}
function parseYield() {
  next(), !match(TokenType.semi) && !canInsertSemicolon() && (eat(TokenType.star), parseMaybeAssign());
}
function parseModuleExpression() {
  expectContextual(ContextualKeyword._module), expect(TokenType.braceL), parseBlockBody(TokenType.braceR);
}

// node_modules/sucrase/dist/esm/parser/plugins/typescript.js
function tsIsIdentifier() {
  return match(TokenType.name);
}
function isLiteralPropertyName() {
  return match(TokenType.name) || !!(state.type & TokenType.IS_KEYWORD) || match(TokenType.string) || match(TokenType.num) || match(TokenType.bigint) || match(TokenType.decimal);
}
function tsNextTokenCanFollowModifier() {
  let snapshot = state.snapshot();
  return next(), (match(TokenType.bracketL) || match(TokenType.braceL) || match(TokenType.star) || match(TokenType.ellipsis) || match(TokenType.hash) || isLiteralPropertyName()) && !hasPrecedingLineBreak() ? !0 : (state.restoreFromSnapshot(snapshot), !1);
}
function tsParseModifiers(allowedModifiers) {
  for (; tsParseModifier(allowedModifiers) !== null; )
    ;
}
function tsParseModifier(allowedModifiers) {
  if (!match(TokenType.name))
    return null;
  let modifier = state.contextualKeyword;
  if (allowedModifiers.indexOf(modifier) !== -1 && tsNextTokenCanFollowModifier()) {
    switch (modifier) {
      case ContextualKeyword._readonly:
        state.tokens[state.tokens.length - 1].type = TokenType._readonly;
        break;
      case ContextualKeyword._abstract:
        state.tokens[state.tokens.length - 1].type = TokenType._abstract;
        break;
      case ContextualKeyword._static:
        state.tokens[state.tokens.length - 1].type = TokenType._static;
        break;
      case ContextualKeyword._public:
        state.tokens[state.tokens.length - 1].type = TokenType._public;
        break;
      case ContextualKeyword._private:
        state.tokens[state.tokens.length - 1].type = TokenType._private;
        break;
      case ContextualKeyword._protected:
        state.tokens[state.tokens.length - 1].type = TokenType._protected;
        break;
      case ContextualKeyword._override:
        state.tokens[state.tokens.length - 1].type = TokenType._override;
        break;
      case ContextualKeyword._declare:
        state.tokens[state.tokens.length - 1].type = TokenType._declare;
        break;
      default:
        break;
    }
    return modifier;
  }
  return null;
}
function tsParseEntityName() {
  for (parseIdentifier(); eat(TokenType.dot); )
    parseIdentifier();
}
function tsParseTypeReference() {
  tsParseEntityName(), !hasPrecedingLineBreak() && match(TokenType.lessThan) && tsParseTypeArguments();
}
function tsParseThisTypePredicate() {
  next(), tsParseTypeAnnotation();
}
function tsParseThisTypeNode() {
  next();
}
function tsParseTypeQuery() {
  expect(TokenType._typeof), match(TokenType._import) ? tsParseImportType() : tsParseEntityName(), !hasPrecedingLineBreak() && match(TokenType.lessThan) && tsParseTypeArguments();
}
function tsParseImportType() {
  expect(TokenType._import), expect(TokenType.parenL), expect(TokenType.string), expect(TokenType.parenR), eat(TokenType.dot) && tsParseEntityName(), match(TokenType.lessThan) && tsParseTypeArguments();
}
function tsParseTypeParameter() {
  eat(TokenType._const);
  let hadIn = eat(TokenType._in), hadOut = eatContextual(ContextualKeyword._out);
  eat(TokenType._const), (hadIn || hadOut) && !match(TokenType.name) ? state.tokens[state.tokens.length - 1].type = TokenType.name : parseIdentifier(), eat(TokenType._extends) && tsParseType(), eat(TokenType.eq) && tsParseType();
}
function tsTryParseTypeParameters() {
  match(TokenType.lessThan) && tsParseTypeParameters();
}
function tsParseTypeParameters() {
  let oldIsType = pushTypeContext(0);
  for (match(TokenType.lessThan) || match(TokenType.typeParameterStart) ? next() : unexpected(); !eat(TokenType.greaterThan) && !state.error; )
    tsParseTypeParameter(), eat(TokenType.comma);
  popTypeContext(oldIsType);
}
function tsFillSignature(returnToken) {
  let returnTokenRequired = returnToken === TokenType.arrow;
  tsTryParseTypeParameters(), expect(TokenType.parenL), state.scopeDepth++, tsParseBindingListForSignature(
    !1
    /* isBlockScope */
  ), state.scopeDepth--, (returnTokenRequired || match(returnToken)) && tsParseTypeOrTypePredicateAnnotation(returnToken);
}
function tsParseBindingListForSignature(isBlockScope) {
  parseBindingList(TokenType.parenR, isBlockScope);
}
function tsParseTypeMemberSemicolon() {
  eat(TokenType.comma) || semicolon();
}
function tsParseSignatureMember() {
  tsFillSignature(TokenType.colon), tsParseTypeMemberSemicolon();
}
function tsIsUnambiguouslyIndexSignature() {
  let snapshot = state.snapshot();
  next();
  let isIndexSignature = eat(TokenType.name) && match(TokenType.colon);
  return state.restoreFromSnapshot(snapshot), isIndexSignature;
}
function tsTryParseIndexSignature() {
  if (!(match(TokenType.bracketL) && tsIsUnambiguouslyIndexSignature()))
    return !1;
  let oldIsType = pushTypeContext(0);
  return expect(TokenType.bracketL), parseIdentifier(), tsParseTypeAnnotation(), expect(TokenType.bracketR), tsTryParseTypeAnnotation(), tsParseTypeMemberSemicolon(), popTypeContext(oldIsType), !0;
}
function tsParsePropertyOrMethodSignature(isReadonly) {
  eat(TokenType.question), !isReadonly && (match(TokenType.parenL) || match(TokenType.lessThan)) ? (tsFillSignature(TokenType.colon), tsParseTypeMemberSemicolon()) : (tsTryParseTypeAnnotation(), tsParseTypeMemberSemicolon());
}
function tsParseTypeMember() {
  if (match(TokenType.parenL) || match(TokenType.lessThan)) {
    tsParseSignatureMember();
    return;
  }
  if (match(TokenType._new)) {
    next(), match(TokenType.parenL) || match(TokenType.lessThan) ? tsParseSignatureMember() : tsParsePropertyOrMethodSignature(!1);
    return;
  }
  let readonly = !!tsParseModifier([ContextualKeyword._readonly]);
  tsTryParseIndexSignature() || ((isContextual(ContextualKeyword._get) || isContextual(ContextualKeyword._set)) && tsNextTokenCanFollowModifier(), parsePropertyName(
    -1
    /* Types don't need context IDs. */
  ), tsParsePropertyOrMethodSignature(readonly));
}
function tsParseTypeLiteral() {
  tsParseObjectTypeMembers();
}
function tsParseObjectTypeMembers() {
  for (expect(TokenType.braceL); !eat(TokenType.braceR) && !state.error; )
    tsParseTypeMember();
}
function tsLookaheadIsStartOfMappedType() {
  let snapshot = state.snapshot(), isStartOfMappedType = tsIsStartOfMappedType();
  return state.restoreFromSnapshot(snapshot), isStartOfMappedType;
}
function tsIsStartOfMappedType() {
  return next(), eat(TokenType.plus) || eat(TokenType.minus) ? isContextual(ContextualKeyword._readonly) : (isContextual(ContextualKeyword._readonly) && next(), !match(TokenType.bracketL) || (next(), !tsIsIdentifier()) ? !1 : (next(), match(TokenType._in)));
}
function tsParseMappedTypeParameter() {
  parseIdentifier(), expect(TokenType._in), tsParseType();
}
function tsParseMappedType() {
  expect(TokenType.braceL), match(TokenType.plus) || match(TokenType.minus) ? (next(), expectContextual(ContextualKeyword._readonly)) : eatContextual(ContextualKeyword._readonly), expect(TokenType.bracketL), tsParseMappedTypeParameter(), eatContextual(ContextualKeyword._as) && tsParseType(), expect(TokenType.bracketR), match(TokenType.plus) || match(TokenType.minus) ? (next(), expect(TokenType.question)) : eat(TokenType.question), tsTryParseType(), semicolon(), expect(TokenType.braceR);
}
function tsParseTupleType() {
  for (expect(TokenType.bracketL); !eat(TokenType.bracketR) && !state.error; )
    tsParseTupleElementType(), eat(TokenType.comma);
}
function tsParseTupleElementType() {
  eat(TokenType.ellipsis) ? tsParseType() : (tsParseType(), eat(TokenType.question)), eat(TokenType.colon) && tsParseType();
}
function tsParseParenthesizedType() {
  expect(TokenType.parenL), tsParseType(), expect(TokenType.parenR);
}
function tsParseTemplateLiteralType() {
  for (nextTemplateToken(), nextTemplateToken(); !match(TokenType.backQuote) && !state.error; )
    expect(TokenType.dollarBraceL), tsParseType(), nextTemplateToken(), nextTemplateToken();
  next();
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
  type === FunctionType.TSAbstractConstructorType && expectContextual(ContextualKeyword._abstract), (type === FunctionType.TSConstructorType || type === FunctionType.TSAbstractConstructorType) && expect(TokenType._new);
  let oldInDisallowConditionalTypesContext = state.inDisallowConditionalTypesContext;
  state.inDisallowConditionalTypesContext = !1, tsFillSignature(TokenType.arrow), state.inDisallowConditionalTypesContext = oldInDisallowConditionalTypesContext;
}
function tsParseNonArrayType() {
  switch (state.type) {
    case TokenType.name:
      tsParseTypeReference();
      return;
    case TokenType._void:
    case TokenType._null:
      next();
      return;
    case TokenType.string:
    case TokenType.num:
    case TokenType.bigint:
    case TokenType.decimal:
    case TokenType._true:
    case TokenType._false:
      parseLiteral();
      return;
    case TokenType.minus:
      next(), parseLiteral();
      return;
    case TokenType._this: {
      tsParseThisTypeNode(), isContextual(ContextualKeyword._is) && !hasPrecedingLineBreak() && tsParseThisTypePredicate();
      return;
    }
    case TokenType._typeof:
      tsParseTypeQuery();
      return;
    case TokenType._import:
      tsParseImportType();
      return;
    case TokenType.braceL:
      tsLookaheadIsStartOfMappedType() ? tsParseMappedType() : tsParseTypeLiteral();
      return;
    case TokenType.bracketL:
      tsParseTupleType();
      return;
    case TokenType.parenL:
      tsParseParenthesizedType();
      return;
    case TokenType.backQuote:
      tsParseTemplateLiteralType();
      return;
    default:
      if (state.type & TokenType.IS_KEYWORD) {
        next(), state.tokens[state.tokens.length - 1].type = TokenType.name;
        return;
      }
      break;
  }
  unexpected();
}
function tsParseArrayTypeOrHigher() {
  for (tsParseNonArrayType(); !hasPrecedingLineBreak() && eat(TokenType.bracketL); )
    eat(TokenType.bracketR) || (tsParseType(), expect(TokenType.bracketR));
}
function tsParseInferType() {
  if (expectContextual(ContextualKeyword._infer), parseIdentifier(), match(TokenType._extends)) {
    let snapshot = state.snapshot();
    expect(TokenType._extends);
    let oldInDisallowConditionalTypesContext = state.inDisallowConditionalTypesContext;
    state.inDisallowConditionalTypesContext = !0, tsParseType(), state.inDisallowConditionalTypesContext = oldInDisallowConditionalTypesContext, (state.error || !state.inDisallowConditionalTypesContext && match(TokenType.question)) && state.restoreFromSnapshot(snapshot);
  }
}
function tsParseTypeOperatorOrHigher() {
  if (isContextual(ContextualKeyword._keyof) || isContextual(ContextualKeyword._unique) || isContextual(ContextualKeyword._readonly))
    next(), tsParseTypeOperatorOrHigher();
  else if (isContextual(ContextualKeyword._infer))
    tsParseInferType();
  else {
    let oldInDisallowConditionalTypesContext = state.inDisallowConditionalTypesContext;
    state.inDisallowConditionalTypesContext = !1, tsParseArrayTypeOrHigher(), state.inDisallowConditionalTypesContext = oldInDisallowConditionalTypesContext;
  }
}
function tsParseIntersectionTypeOrHigher() {
  if (eat(TokenType.bitwiseAND), tsParseTypeOperatorOrHigher(), match(TokenType.bitwiseAND))
    for (; eat(TokenType.bitwiseAND); )
      tsParseTypeOperatorOrHigher();
}
function tsParseUnionTypeOrHigher() {
  if (eat(TokenType.bitwiseOR), tsParseIntersectionTypeOrHigher(), match(TokenType.bitwiseOR))
    for (; eat(TokenType.bitwiseOR); )
      tsParseIntersectionTypeOrHigher();
}
function tsIsStartOfFunctionType() {
  return match(TokenType.lessThan) ? !0 : match(TokenType.parenL) && tsLookaheadIsUnambiguouslyStartOfFunctionType();
}
function tsSkipParameterStart() {
  if (match(TokenType.name) || match(TokenType._this))
    return next(), !0;
  if (match(TokenType.braceL) || match(TokenType.bracketL)) {
    let depth = 1;
    for (next(); depth > 0 && !state.error; )
      match(TokenType.braceL) || match(TokenType.bracketL) ? depth++ : (match(TokenType.braceR) || match(TokenType.bracketR)) && depth--, next();
    return !0;
  }
  return !1;
}
function tsLookaheadIsUnambiguouslyStartOfFunctionType() {
  let snapshot = state.snapshot(), isUnambiguouslyStartOfFunctionType = tsIsUnambiguouslyStartOfFunctionType();
  return state.restoreFromSnapshot(snapshot), isUnambiguouslyStartOfFunctionType;
}
function tsIsUnambiguouslyStartOfFunctionType() {
  return next(), !!(match(TokenType.parenR) || match(TokenType.ellipsis) || tsSkipParameterStart() && (match(TokenType.colon) || match(TokenType.comma) || match(TokenType.question) || match(TokenType.eq) || match(TokenType.parenR) && (next(), match(TokenType.arrow))));
}
function tsParseTypeOrTypePredicateAnnotation(returnToken) {
  let oldIsType = pushTypeContext(0);
  expect(returnToken), tsParseTypePredicateOrAssertsPrefix() || tsParseType(), popTypeContext(oldIsType);
}
function tsTryParseTypeOrTypePredicateAnnotation() {
  match(TokenType.colon) && tsParseTypeOrTypePredicateAnnotation(TokenType.colon);
}
function tsTryParseTypeAnnotation() {
  match(TokenType.colon) && tsParseTypeAnnotation();
}
function tsTryParseType() {
  eat(TokenType.colon) && tsParseType();
}
function tsParseTypePredicateOrAssertsPrefix() {
  let snapshot = state.snapshot();
  return isContextual(ContextualKeyword._asserts) ? (next(), eatContextual(ContextualKeyword._is) ? (tsParseType(), !0) : tsIsIdentifier() || match(TokenType._this) ? (next(), eatContextual(ContextualKeyword._is) && tsParseType(), !0) : (state.restoreFromSnapshot(snapshot), !1)) : tsIsIdentifier() || match(TokenType._this) ? (next(), isContextual(ContextualKeyword._is) && !hasPrecedingLineBreak() ? (next(), tsParseType(), !0) : (state.restoreFromSnapshot(snapshot), !1)) : !1;
}
function tsParseTypeAnnotation() {
  let oldIsType = pushTypeContext(0);
  expect(TokenType.colon), tsParseType(), popTypeContext(oldIsType);
}
function tsParseType() {
  if (tsParseNonConditionalType(), state.inDisallowConditionalTypesContext || hasPrecedingLineBreak() || !eat(TokenType._extends))
    return;
  let oldInDisallowConditionalTypesContext = state.inDisallowConditionalTypesContext;
  state.inDisallowConditionalTypesContext = !0, tsParseNonConditionalType(), state.inDisallowConditionalTypesContext = oldInDisallowConditionalTypesContext, expect(TokenType.question), tsParseType(), expect(TokenType.colon), tsParseType();
}
function isAbstractConstructorSignature() {
  return isContextual(ContextualKeyword._abstract) && lookaheadType() === TokenType._new;
}
function tsParseNonConditionalType() {
  if (tsIsStartOfFunctionType()) {
    tsParseFunctionOrConstructorType(FunctionType.TSFunctionType);
    return;
  }
  if (match(TokenType._new)) {
    tsParseFunctionOrConstructorType(FunctionType.TSConstructorType);
    return;
  } else if (isAbstractConstructorSignature()) {
    tsParseFunctionOrConstructorType(FunctionType.TSAbstractConstructorType);
    return;
  }
  tsParseUnionTypeOrHigher();
}
function tsParseTypeAssertion() {
  let oldIsType = pushTypeContext(1);
  tsParseType(), expect(TokenType.greaterThan), popTypeContext(oldIsType), parseMaybeUnary();
}
function tsParseHeritageClause() {
  for (; !match(TokenType.braceL) && !state.error; )
    tsParseExpressionWithTypeArguments(), eat(TokenType.comma);
}
function tsParseExpressionWithTypeArguments() {
  tsParseEntityName(), match(TokenType.lessThan) && tsParseTypeArguments();
}
function tsParseInterfaceDeclaration() {
  parseBindingIdentifier(!1), tsTryParseTypeParameters(), eat(TokenType._extends) && tsParseHeritageClause(), tsParseObjectTypeMembers();
}
function tsParseTypeAliasDeclaration() {
  parseBindingIdentifier(!1), tsTryParseTypeParameters(), expect(TokenType.eq), tsParseType(), semicolon();
}
function tsParseEnumMember() {
  if (match(TokenType.string) ? parseLiteral() : parseIdentifier(), eat(TokenType.eq)) {
    let eqIndex = state.tokens.length - 1;
    parseMaybeAssign(), state.tokens[eqIndex].rhsEndIndex = state.tokens.length;
  }
}
function tsParseEnumDeclaration() {
  for (parseBindingIdentifier(!1), expect(TokenType.braceL); !eat(TokenType.braceR) && !state.error; )
    tsParseEnumMember(), eat(TokenType.comma);
}
function tsParseModuleBlock() {
  expect(TokenType.braceL), parseBlockBody(
    /* end */
    TokenType.braceR
  );
}
function tsParseModuleOrNamespaceDeclaration() {
  parseBindingIdentifier(!1), eat(TokenType.dot) ? tsParseModuleOrNamespaceDeclaration() : tsParseModuleBlock();
}
function tsParseAmbientExternalModuleDeclaration() {
  isContextual(ContextualKeyword._global) ? parseIdentifier() : match(TokenType.string) ? parseExprAtom() : unexpected(), match(TokenType.braceL) ? tsParseModuleBlock() : semicolon();
}
function tsParseImportEqualsDeclaration() {
  parseImportedIdentifier(), expect(TokenType.eq), tsParseModuleReference(), semicolon();
}
function tsIsExternalModuleReference() {
  return isContextual(ContextualKeyword._require) && lookaheadType() === TokenType.parenL;
}
function tsParseModuleReference() {
  tsIsExternalModuleReference() ? tsParseExternalModuleReference() : tsParseEntityName();
}
function tsParseExternalModuleReference() {
  expectContextual(ContextualKeyword._require), expect(TokenType.parenL), match(TokenType.string) || unexpected(), parseLiteral(), expect(TokenType.parenR);
}
function tsTryParseDeclare() {
  if (isLineTerminator())
    return !1;
  switch (state.type) {
    case TokenType._function: {
      let oldIsType = pushTypeContext(1);
      next();
      let functionStart = state.start;
      return parseFunction(
        functionStart,
        /* isStatement */
        !0
      ), popTypeContext(oldIsType), !0;
    }
    case TokenType._class: {
      let oldIsType = pushTypeContext(1);
      return parseClass(
        /* isStatement */
        !0,
        /* optionalId */
        !1
      ), popTypeContext(oldIsType), !0;
    }
    case TokenType._const:
      if (match(TokenType._const) && isLookaheadContextual(ContextualKeyword._enum)) {
        let oldIsType = pushTypeContext(1);
        return expect(TokenType._const), expectContextual(ContextualKeyword._enum), state.tokens[state.tokens.length - 1].type = TokenType._enum, tsParseEnumDeclaration(), popTypeContext(oldIsType), !0;
      }
    // falls through
    case TokenType._var:
    case TokenType._let: {
      let oldIsType = pushTypeContext(1);
      return parseVarStatement(state.type !== TokenType._var), popTypeContext(oldIsType), !0;
    }
    case TokenType.name: {
      let oldIsType = pushTypeContext(1), contextualKeyword = state.contextualKeyword, matched = !1;
      return contextualKeyword === ContextualKeyword._global ? (tsParseAmbientExternalModuleDeclaration(), matched = !0) : matched = tsParseDeclaration(
        contextualKeyword,
        /* isBeforeToken */
        !0
      ), popTypeContext(oldIsType), matched;
    }
    default:
      return !1;
  }
}
function tsTryParseExportDeclaration() {
  return tsParseDeclaration(
    state.contextualKeyword,
    /* isBeforeToken */
    !0
  );
}
function tsParseExpressionStatement(contextualKeyword) {
  switch (contextualKeyword) {
    case ContextualKeyword._declare: {
      let declareTokenIndex = state.tokens.length - 1;
      if (tsTryParseDeclare())
        return state.tokens[declareTokenIndex].type = TokenType._declare, !0;
      break;
    }
    case ContextualKeyword._global:
      if (match(TokenType.braceL))
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
    case ContextualKeyword._abstract:
      if (tsCheckLineTerminator(isBeforeToken) && match(TokenType._class))
        return state.tokens[state.tokens.length - 1].type = TokenType._abstract, parseClass(
          /* isStatement */
          !0,
          /* optionalId */
          !1
        ), !0;
      break;
    case ContextualKeyword._enum:
      if (tsCheckLineTerminator(isBeforeToken) && match(TokenType.name))
        return state.tokens[state.tokens.length - 1].type = TokenType._enum, tsParseEnumDeclaration(), !0;
      break;
    case ContextualKeyword._interface:
      if (tsCheckLineTerminator(isBeforeToken) && match(TokenType.name)) {
        let oldIsType = pushTypeContext(isBeforeToken ? 2 : 1);
        return tsParseInterfaceDeclaration(), popTypeContext(oldIsType), !0;
      }
      break;
    case ContextualKeyword._module:
      if (tsCheckLineTerminator(isBeforeToken)) {
        if (match(TokenType.string)) {
          let oldIsType = pushTypeContext(isBeforeToken ? 2 : 1);
          return tsParseAmbientExternalModuleDeclaration(), popTypeContext(oldIsType), !0;
        } else if (match(TokenType.name)) {
          let oldIsType = pushTypeContext(isBeforeToken ? 2 : 1);
          return tsParseModuleOrNamespaceDeclaration(), popTypeContext(oldIsType), !0;
        }
      }
      break;
    case ContextualKeyword._namespace:
      if (tsCheckLineTerminator(isBeforeToken) && match(TokenType.name)) {
        let oldIsType = pushTypeContext(isBeforeToken ? 2 : 1);
        return tsParseModuleOrNamespaceDeclaration(), popTypeContext(oldIsType), !0;
      }
      break;
    case ContextualKeyword._type:
      if (tsCheckLineTerminator(isBeforeToken) && match(TokenType.name)) {
        let oldIsType = pushTypeContext(isBeforeToken ? 2 : 1);
        return tsParseTypeAliasDeclaration(), popTypeContext(oldIsType), !0;
      }
      break;
    default:
      break;
  }
  return !1;
}
function tsCheckLineTerminator(isBeforeToken) {
  return isBeforeToken ? (next(), !0) : !isLineTerminator();
}
function tsTryParseGenericAsyncArrowFunction() {
  let snapshot = state.snapshot();
  return tsParseTypeParameters(), parseFunctionParams(), tsTryParseTypeOrTypePredicateAnnotation(), expect(TokenType.arrow), state.error ? (state.restoreFromSnapshot(snapshot), !1) : (parseFunctionBody(!0), !0);
}
function tsParseTypeArgumentsWithPossibleBitshift() {
  state.type === TokenType.bitShiftL && (state.pos -= 1, finishToken(TokenType.lessThan)), tsParseTypeArguments();
}
function tsParseTypeArguments() {
  let oldIsType = pushTypeContext(0);
  for (expect(TokenType.lessThan); !match(TokenType.greaterThan) && !state.error; )
    tsParseType(), eat(TokenType.comma);
  oldIsType ? (expect(TokenType.greaterThan), popTypeContext(oldIsType)) : (popTypeContext(oldIsType), rescan_gt(), expect(TokenType.greaterThan), state.tokens[state.tokens.length - 1].isType = !0);
}
function tsIsDeclarationStart() {
  if (match(TokenType.name))
    switch (state.contextualKeyword) {
      case ContextualKeyword._abstract:
      case ContextualKeyword._declare:
      case ContextualKeyword._enum:
      case ContextualKeyword._interface:
      case ContextualKeyword._module:
      case ContextualKeyword._namespace:
      case ContextualKeyword._type:
        return !0;
      default:
        break;
    }
  return !1;
}
function tsParseFunctionBodyAndFinish(functionStart, funcContextId) {
  if (match(TokenType.colon) && tsParseTypeOrTypePredicateAnnotation(TokenType.colon), !match(TokenType.braceL) && isLineTerminator()) {
    let i = state.tokens.length - 1;
    for (; i >= 0 && (state.tokens[i].start >= functionStart || state.tokens[i].type === TokenType._default || state.tokens[i].type === TokenType._export); )
      state.tokens[i].isType = !0, i--;
    return;
  }
  parseFunctionBody(!1, funcContextId);
}
function tsParseSubscript(startTokenIndex, noCalls, stopState) {
  if (!hasPrecedingLineBreak() && eat(TokenType.bang)) {
    state.tokens[state.tokens.length - 1].type = TokenType.nonNullAssertion;
    return;
  }
  if (match(TokenType.lessThan) || match(TokenType.bitShiftL)) {
    let snapshot = state.snapshot();
    if (!noCalls && atPossibleAsync() && tsTryParseGenericAsyncArrowFunction())
      return;
    if (tsParseTypeArgumentsWithPossibleBitshift(), !noCalls && eat(TokenType.parenL) ? (state.tokens[state.tokens.length - 1].subscriptStartIndex = startTokenIndex, parseCallExpressionArguments()) : match(TokenType.backQuote) ? parseTemplate() : (
      // The remaining possible case is an instantiation expression, e.g.
      // Array<number> . Check for a few cases that would disqualify it and
      // cause us to bail out.
      // a<b>>c is not (a<b>)>c, but a<(b>>c)
      (state.type === TokenType.greaterThan || // a<b>c is (a<b)>c
      state.type !== TokenType.parenL && state.type & TokenType.IS_EXPRESSION_START && !hasPrecedingLineBreak()) && unexpected()
    ), state.error)
      state.restoreFromSnapshot(snapshot);
    else
      return;
  } else !noCalls && match(TokenType.questionDot) && lookaheadType() === TokenType.lessThan && (next(), state.tokens[startTokenIndex].isOptionalChainStart = !0, state.tokens[state.tokens.length - 1].subscriptStartIndex = startTokenIndex, tsParseTypeArguments(), expect(TokenType.parenL), parseCallExpressionArguments());
  baseParseSubscript(startTokenIndex, noCalls, stopState);
}
function tsTryParseExport() {
  if (eat(TokenType._import))
    return isContextual(ContextualKeyword._type) && lookaheadType() !== TokenType.eq && expectContextual(ContextualKeyword._type), tsParseImportEqualsDeclaration(), !0;
  if (eat(TokenType.eq))
    return parseExpression(), semicolon(), !0;
  if (eatContextual(ContextualKeyword._as))
    return expectContextual(ContextualKeyword._namespace), parseIdentifier(), semicolon(), !0;
  if (isContextual(ContextualKeyword._type)) {
    let nextType = lookaheadType();
    (nextType === TokenType.braceL || nextType === TokenType.star) && next();
  }
  return !1;
}
function tsParseImportSpecifier() {
  if (parseIdentifier(), match(TokenType.comma) || match(TokenType.braceR)) {
    state.tokens[state.tokens.length - 1].identifierRole = IdentifierRole.ImportDeclaration;
    return;
  }
  if (parseIdentifier(), match(TokenType.comma) || match(TokenType.braceR)) {
    state.tokens[state.tokens.length - 1].identifierRole = IdentifierRole.ImportDeclaration, state.tokens[state.tokens.length - 2].isType = !0, state.tokens[state.tokens.length - 1].isType = !0;
    return;
  }
  if (parseIdentifier(), match(TokenType.comma) || match(TokenType.braceR)) {
    state.tokens[state.tokens.length - 3].identifierRole = IdentifierRole.ImportAccess, state.tokens[state.tokens.length - 1].identifierRole = IdentifierRole.ImportDeclaration;
    return;
  }
  parseIdentifier(), state.tokens[state.tokens.length - 3].identifierRole = IdentifierRole.ImportAccess, state.tokens[state.tokens.length - 1].identifierRole = IdentifierRole.ImportDeclaration, state.tokens[state.tokens.length - 4].isType = !0, state.tokens[state.tokens.length - 3].isType = !0, state.tokens[state.tokens.length - 2].isType = !0, state.tokens[state.tokens.length - 1].isType = !0;
}
function tsParseExportSpecifier() {
  if (parseIdentifier(), match(TokenType.comma) || match(TokenType.braceR)) {
    state.tokens[state.tokens.length - 1].identifierRole = IdentifierRole.ExportAccess;
    return;
  }
  if (parseIdentifier(), match(TokenType.comma) || match(TokenType.braceR)) {
    state.tokens[state.tokens.length - 1].identifierRole = IdentifierRole.ExportAccess, state.tokens[state.tokens.length - 2].isType = !0, state.tokens[state.tokens.length - 1].isType = !0;
    return;
  }
  if (parseIdentifier(), match(TokenType.comma) || match(TokenType.braceR)) {
    state.tokens[state.tokens.length - 3].identifierRole = IdentifierRole.ExportAccess;
    return;
  }
  parseIdentifier(), state.tokens[state.tokens.length - 3].identifierRole = IdentifierRole.ExportAccess, state.tokens[state.tokens.length - 4].isType = !0, state.tokens[state.tokens.length - 3].isType = !0, state.tokens[state.tokens.length - 2].isType = !0, state.tokens[state.tokens.length - 1].isType = !0;
}
function tsTryParseExportDefaultExpression() {
  if (isContextual(ContextualKeyword._abstract) && lookaheadType() === TokenType._class)
    return state.type = TokenType._abstract, next(), parseClass(!0, !0), !0;
  if (isContextual(ContextualKeyword._interface)) {
    let oldIsType = pushTypeContext(2);
    return tsParseDeclaration(ContextualKeyword._interface, !0), popTypeContext(oldIsType), !0;
  }
  return !1;
}
function tsTryParseStatementContent() {
  if (state.type === TokenType._const) {
    let ahead = lookaheadTypeAndKeyword();
    if (ahead.type === TokenType.name && ahead.contextualKeyword === ContextualKeyword._enum)
      return expect(TokenType._const), expectContextual(ContextualKeyword._enum), state.tokens[state.tokens.length - 1].type = TokenType._enum, tsParseEnumDeclaration(), !0;
  }
  return !1;
}
function tsTryParseClassMemberWithIsStatic(isStatic) {
  let memberStartIndexAfterStatic = state.tokens.length;
  tsParseModifiers([
    ContextualKeyword._abstract,
    ContextualKeyword._readonly,
    ContextualKeyword._declare,
    ContextualKeyword._static,
    ContextualKeyword._override
  ]);
  let modifiersEndIndex = state.tokens.length;
  if (tsTryParseIndexSignature()) {
    let memberStartIndex = isStatic ? memberStartIndexAfterStatic - 1 : memberStartIndexAfterStatic;
    for (let i = memberStartIndex; i < modifiersEndIndex; i++)
      state.tokens[i].isType = !0;
    return !0;
  }
  return !1;
}
function tsParseIdentifierStatement(contextualKeyword) {
  tsParseExpressionStatement(contextualKeyword) || semicolon();
}
function tsParseExportDeclaration() {
  let isDeclare = eatContextual(ContextualKeyword._declare);
  isDeclare && (state.tokens[state.tokens.length - 1].type = TokenType._declare);
  let matchedDeclaration = !1;
  if (match(TokenType.name))
    if (isDeclare) {
      let oldIsType = pushTypeContext(2);
      matchedDeclaration = tsTryParseExportDeclaration(), popTypeContext(oldIsType);
    } else
      matchedDeclaration = tsTryParseExportDeclaration();
  if (!matchedDeclaration)
    if (isDeclare) {
      let oldIsType = pushTypeContext(2);
      parseStatement(!0), popTypeContext(oldIsType);
    } else
      parseStatement(!0);
}
function tsAfterParseClassSuper(hasSuper) {
  if (hasSuper && (match(TokenType.lessThan) || match(TokenType.bitShiftL)) && tsParseTypeArgumentsWithPossibleBitshift(), eatContextual(ContextualKeyword._implements)) {
    state.tokens[state.tokens.length - 1].type = TokenType._implements;
    let oldIsType = pushTypeContext(1);
    tsParseHeritageClause(), popTypeContext(oldIsType);
  }
}
function tsStartParseObjPropValue() {
  tsTryParseTypeParameters();
}
function tsStartParseFunctionParams() {
  tsTryParseTypeParameters();
}
function tsAfterParseVarHead() {
  let oldIsType = pushTypeContext(0);
  hasPrecedingLineBreak() || eat(TokenType.bang), tsTryParseTypeAnnotation(), popTypeContext(oldIsType);
}
function tsStartParseAsyncArrowFromCallExpression() {
  match(TokenType.colon) && tsParseTypeAnnotation();
}
function tsParseMaybeAssign(noIn, isWithinParens) {
  return isJSXEnabled ? tsParseMaybeAssignWithJSX(noIn, isWithinParens) : tsParseMaybeAssignWithoutJSX(noIn, isWithinParens);
}
function tsParseMaybeAssignWithJSX(noIn, isWithinParens) {
  if (!match(TokenType.lessThan))
    return baseParseMaybeAssign(noIn, isWithinParens);
  let snapshot = state.snapshot(), wasArrow = baseParseMaybeAssign(noIn, isWithinParens);
  if (state.error)
    state.restoreFromSnapshot(snapshot);
  else
    return wasArrow;
  return state.type = TokenType.typeParameterStart, tsParseTypeParameters(), wasArrow = baseParseMaybeAssign(noIn, isWithinParens), wasArrow || unexpected(), wasArrow;
}
function tsParseMaybeAssignWithoutJSX(noIn, isWithinParens) {
  if (!match(TokenType.lessThan))
    return baseParseMaybeAssign(noIn, isWithinParens);
  let snapshot = state.snapshot();
  tsParseTypeParameters();
  let wasArrow = baseParseMaybeAssign(noIn, isWithinParens);
  if (wasArrow || unexpected(), state.error)
    state.restoreFromSnapshot(snapshot);
  else
    return wasArrow;
  return baseParseMaybeAssign(noIn, isWithinParens);
}
function tsParseArrow() {
  if (match(TokenType.colon)) {
    let snapshot = state.snapshot();
    tsParseTypeOrTypePredicateAnnotation(TokenType.colon), canInsertSemicolon() && unexpected(), match(TokenType.arrow) || unexpected(), state.error && state.restoreFromSnapshot(snapshot);
  }
  return eat(TokenType.arrow);
}
function tsParseAssignableListItemTypes() {
  let oldIsType = pushTypeContext(0);
  eat(TokenType.question), tsTryParseTypeAnnotation(), popTypeContext(oldIsType);
}
function tsParseMaybeDecoratorArguments() {
  (match(TokenType.lessThan) || match(TokenType.bitShiftL)) && tsParseTypeArgumentsWithPossibleBitshift(), baseParseMaybeDecoratorArguments();
}

// node_modules/sucrase/dist/esm/parser/traverser/statement.js
function parseTopLevel() {
  if (parseBlockBody(TokenType.eof), state.scopes.push(new Scope(0, state.tokens.length, !0)), state.scopeDepth !== 0)
    throw new Error(`Invalid scope depth at end of file: ${state.scopeDepth}`);
  return new File(state.tokens, state.scopes);
}
function parseStatement(declaration) {
  isFlowEnabled && flowTryParseStatement() || (match(TokenType.at) && parseDecorators(), parseStatementContent(declaration));
}
function parseStatementContent(declaration) {
  if (isTypeScriptEnabled && tsTryParseStatementContent())
    return;
  let starttype = state.type;
  switch (starttype) {
    case TokenType._break:
    case TokenType._continue:
      parseBreakContinueStatement();
      return;
    case TokenType._debugger:
      parseDebuggerStatement();
      return;
    case TokenType._do:
      parseDoStatement();
      return;
    case TokenType._for:
      parseForStatement();
      return;
    case TokenType._function:
      if (lookaheadType() === TokenType.dot) break;
      declaration || unexpected(), parseFunctionStatement();
      return;
    case TokenType._class:
      declaration || unexpected(), parseClass(!0);
      return;
    case TokenType._if:
      parseIfStatement();
      return;
    case TokenType._return:
      parseReturnStatement();
      return;
    case TokenType._switch:
      parseSwitchStatement();
      return;
    case TokenType._throw:
      parseThrowStatement();
      return;
    case TokenType._try:
      parseTryStatement();
      return;
    case TokenType._let:
    case TokenType._const:
      declaration || unexpected();
    // NOTE: falls through to _var
    case TokenType._var:
      parseVarStatement(starttype !== TokenType._var);
      return;
    case TokenType._while:
      parseWhileStatement();
      return;
    case TokenType.braceL:
      parseBlock();
      return;
    case TokenType.semi:
      parseEmptyStatement();
      return;
    case TokenType._export:
    case TokenType._import: {
      let nextType = lookaheadType();
      if (nextType === TokenType.parenL || nextType === TokenType.dot)
        break;
      next(), starttype === TokenType._import ? parseImport() : parseExport();
      return;
    }
    case TokenType.name:
      if (state.contextualKeyword === ContextualKeyword._async) {
        let functionStart = state.start, snapshot = state.snapshot();
        if (next(), match(TokenType._function) && !canInsertSemicolon()) {
          expect(TokenType._function), parseFunction(functionStart, !0);
          return;
        } else
          state.restoreFromSnapshot(snapshot);
      } else if (state.contextualKeyword === ContextualKeyword._using && !hasFollowingLineBreak() && // Statements like `using[0]` and `using in foo` aren't actual using
      // declarations.
      lookaheadType() === TokenType.name) {
        parseVarStatement(!0);
        return;
      } else if (startsAwaitUsing()) {
        expectContextual(ContextualKeyword._await), parseVarStatement(!0);
        return;
      }
    default:
      break;
  }
  let initialTokensLength = state.tokens.length;
  parseExpression();
  let simpleName = null;
  if (state.tokens.length === initialTokensLength + 1) {
    let token = state.tokens[state.tokens.length - 1];
    token.type === TokenType.name && (simpleName = token.contextualKeyword);
  }
  if (simpleName == null) {
    semicolon();
    return;
  }
  eat(TokenType.colon) ? parseLabeledStatement() : parseIdentifierStatement(simpleName);
}
function startsAwaitUsing() {
  if (!isContextual(ContextualKeyword._await))
    return !1;
  let snapshot = state.snapshot();
  return next(), !isContextual(ContextualKeyword._using) || hasPrecedingLineBreak() ? (state.restoreFromSnapshot(snapshot), !1) : (next(), !match(TokenType.name) || hasPrecedingLineBreak() ? (state.restoreFromSnapshot(snapshot), !1) : (state.restoreFromSnapshot(snapshot), !0));
}
function parseDecorators() {
  for (; match(TokenType.at); )
    parseDecorator();
}
function parseDecorator() {
  if (next(), eat(TokenType.parenL))
    parseExpression(), expect(TokenType.parenR);
  else {
    for (parseIdentifier(); eat(TokenType.dot); )
      parseIdentifier();
    parseMaybeDecoratorArguments();
  }
}
function parseMaybeDecoratorArguments() {
  isTypeScriptEnabled ? tsParseMaybeDecoratorArguments() : baseParseMaybeDecoratorArguments();
}
function baseParseMaybeDecoratorArguments() {
  eat(TokenType.parenL) && parseCallExpressionArguments();
}
function parseBreakContinueStatement() {
  next(), isLineTerminator() || (parseIdentifier(), semicolon());
}
function parseDebuggerStatement() {
  next(), semicolon();
}
function parseDoStatement() {
  next(), parseStatement(!1), expect(TokenType._while), parseParenExpression(), eat(TokenType.semi);
}
function parseForStatement() {
  state.scopeDepth++;
  let startTokenIndex = state.tokens.length;
  parseAmbiguousForStatement();
  let endTokenIndex = state.tokens.length;
  state.scopes.push(new Scope(startTokenIndex, endTokenIndex, !1)), state.scopeDepth--;
}
function isUsingInLoop() {
  return !(!isContextual(ContextualKeyword._using) || isLookaheadContextual(ContextualKeyword._of));
}
function parseAmbiguousForStatement() {
  next();
  let forAwait = !1;
  if (isContextual(ContextualKeyword._await) && (forAwait = !0, next()), expect(TokenType.parenL), match(TokenType.semi)) {
    forAwait && unexpected(), parseFor();
    return;
  }
  let isAwaitUsing = startsAwaitUsing();
  if (isAwaitUsing || match(TokenType._var) || match(TokenType._let) || match(TokenType._const) || isUsingInLoop()) {
    if (isAwaitUsing && expectContextual(ContextualKeyword._await), next(), parseVar(!0, state.type !== TokenType._var), match(TokenType._in) || isContextual(ContextualKeyword._of)) {
      parseForIn(forAwait);
      return;
    }
    parseFor();
    return;
  }
  if (parseExpression(!0), match(TokenType._in) || isContextual(ContextualKeyword._of)) {
    parseForIn(forAwait);
    return;
  }
  forAwait && unexpected(), parseFor();
}
function parseFunctionStatement() {
  let functionStart = state.start;
  next(), parseFunction(functionStart, !0);
}
function parseIfStatement() {
  next(), parseParenExpression(), parseStatement(!1), eat(TokenType._else) && parseStatement(!1);
}
function parseReturnStatement() {
  next(), isLineTerminator() || (parseExpression(), semicolon());
}
function parseSwitchStatement() {
  next(), parseParenExpression(), state.scopeDepth++;
  let startTokenIndex = state.tokens.length;
  for (expect(TokenType.braceL); !match(TokenType.braceR) && !state.error; )
    if (match(TokenType._case) || match(TokenType._default)) {
      let isCase = match(TokenType._case);
      next(), isCase && parseExpression(), expect(TokenType.colon);
    } else
      parseStatement(!0);
  next();
  let endTokenIndex = state.tokens.length;
  state.scopes.push(new Scope(startTokenIndex, endTokenIndex, !1)), state.scopeDepth--;
}
function parseThrowStatement() {
  next(), parseExpression(), semicolon();
}
function parseCatchClauseParam() {
  parseBindingAtom(
    !0
    /* isBlockScope */
  ), isTypeScriptEnabled && tsTryParseTypeAnnotation();
}
function parseTryStatement() {
  if (next(), parseBlock(), match(TokenType._catch)) {
    next();
    let catchBindingStartTokenIndex = null;
    if (match(TokenType.parenL) && (state.scopeDepth++, catchBindingStartTokenIndex = state.tokens.length, expect(TokenType.parenL), parseCatchClauseParam(), expect(TokenType.parenR)), parseBlock(), catchBindingStartTokenIndex != null) {
      let endTokenIndex = state.tokens.length;
      state.scopes.push(new Scope(catchBindingStartTokenIndex, endTokenIndex, !1)), state.scopeDepth--;
    }
  }
  eat(TokenType._finally) && parseBlock();
}
function parseVarStatement(isBlockScope) {
  next(), parseVar(!1, isBlockScope), semicolon();
}
function parseWhileStatement() {
  next(), parseParenExpression(), parseStatement(!1);
}
function parseEmptyStatement() {
  next();
}
function parseLabeledStatement() {
  parseStatement(!0);
}
function parseIdentifierStatement(contextualKeyword) {
  isTypeScriptEnabled ? tsParseIdentifierStatement(contextualKeyword) : isFlowEnabled ? flowParseIdentifierStatement(contextualKeyword) : semicolon();
}
function parseBlock(isFunctionScope = !1, contextId = 0) {
  let startTokenIndex = state.tokens.length;
  state.scopeDepth++, expect(TokenType.braceL), contextId && (state.tokens[state.tokens.length - 1].contextId = contextId), parseBlockBody(TokenType.braceR), contextId && (state.tokens[state.tokens.length - 1].contextId = contextId);
  let endTokenIndex = state.tokens.length;
  state.scopes.push(new Scope(startTokenIndex, endTokenIndex, isFunctionScope)), state.scopeDepth--;
}
function parseBlockBody(end) {
  for (; !eat(end) && !state.error; )
    parseStatement(!0);
}
function parseFor() {
  expect(TokenType.semi), match(TokenType.semi) || parseExpression(), expect(TokenType.semi), match(TokenType.parenR) || parseExpression(), expect(TokenType.parenR), parseStatement(!1);
}
function parseForIn(forAwait) {
  forAwait ? eatContextual(ContextualKeyword._of) : next(), parseExpression(), expect(TokenType.parenR), parseStatement(!1);
}
function parseVar(isFor, isBlockScope) {
  for (; ; ) {
    if (parseVarHead(isBlockScope), eat(TokenType.eq)) {
      let eqIndex = state.tokens.length - 1;
      parseMaybeAssign(isFor), state.tokens[eqIndex].rhsEndIndex = state.tokens.length;
    }
    if (!eat(TokenType.comma))
      break;
  }
}
function parseVarHead(isBlockScope) {
  parseBindingAtom(isBlockScope), isTypeScriptEnabled ? tsAfterParseVarHead() : isFlowEnabled && flowAfterParseVarHead();
}
function parseFunction(functionStart, isStatement, optionalId = !1) {
  match(TokenType.star) && next(), isStatement && !optionalId && !match(TokenType.name) && !match(TokenType._yield) && unexpected();
  let nameScopeStartTokenIndex = null;
  match(TokenType.name) && (isStatement || (nameScopeStartTokenIndex = state.tokens.length, state.scopeDepth++), parseBindingIdentifier(!1));
  let startTokenIndex = state.tokens.length;
  state.scopeDepth++, parseFunctionParams(), parseFunctionBodyAndFinish(functionStart);
  let endTokenIndex = state.tokens.length;
  state.scopes.push(new Scope(startTokenIndex, endTokenIndex, !0)), state.scopeDepth--, nameScopeStartTokenIndex !== null && (state.scopes.push(new Scope(nameScopeStartTokenIndex, endTokenIndex, !0)), state.scopeDepth--);
}
function parseFunctionParams(allowModifiers = !1, funcContextId = 0) {
  isTypeScriptEnabled ? tsStartParseFunctionParams() : isFlowEnabled && flowStartParseFunctionParams(), expect(TokenType.parenL), funcContextId && (state.tokens[state.tokens.length - 1].contextId = funcContextId), parseBindingList(
    TokenType.parenR,
    !1,
    !1,
    allowModifiers,
    funcContextId
  ), funcContextId && (state.tokens[state.tokens.length - 1].contextId = funcContextId);
}
function parseClass(isStatement, optionalId = !1) {
  let contextId = getNextContextId();
  next(), state.tokens[state.tokens.length - 1].contextId = contextId, state.tokens[state.tokens.length - 1].isExpression = !isStatement;
  let nameScopeStartTokenIndex = null;
  isStatement || (nameScopeStartTokenIndex = state.tokens.length, state.scopeDepth++), parseClassId(isStatement, optionalId), parseClassSuper();
  let openBraceIndex = state.tokens.length;
  if (parseClassBody(contextId), !state.error && (state.tokens[openBraceIndex].contextId = contextId, state.tokens[state.tokens.length - 1].contextId = contextId, nameScopeStartTokenIndex !== null)) {
    let endTokenIndex = state.tokens.length;
    state.scopes.push(new Scope(nameScopeStartTokenIndex, endTokenIndex, !1)), state.scopeDepth--;
  }
}
function isClassProperty() {
  return match(TokenType.eq) || match(TokenType.semi) || match(TokenType.braceR) || match(TokenType.bang) || match(TokenType.colon);
}
function isClassMethod() {
  return match(TokenType.parenL) || match(TokenType.lessThan);
}
function parseClassBody(classContextId) {
  for (expect(TokenType.braceL); !eat(TokenType.braceR) && !state.error; ) {
    if (eat(TokenType.semi))
      continue;
    if (match(TokenType.at)) {
      parseDecorator();
      continue;
    }
    let memberStart = state.start;
    parseClassMember(memberStart, classContextId);
  }
}
function parseClassMember(memberStart, classContextId) {
  isTypeScriptEnabled && tsParseModifiers([
    ContextualKeyword._declare,
    ContextualKeyword._public,
    ContextualKeyword._protected,
    ContextualKeyword._private,
    ContextualKeyword._override
  ]);
  let isStatic = !1;
  if (match(TokenType.name) && state.contextualKeyword === ContextualKeyword._static) {
    if (parseIdentifier(), isClassMethod()) {
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
    if (state.tokens[state.tokens.length - 1].type = TokenType._static, isStatic = !0, match(TokenType.braceL)) {
      state.tokens[state.tokens.length - 1].contextId = classContextId, parseBlock();
      return;
    }
  }
  parseClassMemberWithIsStatic(memberStart, isStatic, classContextId);
}
function parseClassMemberWithIsStatic(memberStart, isStatic, classContextId) {
  if (isTypeScriptEnabled && tsTryParseClassMemberWithIsStatic(isStatic))
    return;
  if (eat(TokenType.star)) {
    parseClassPropertyName(classContextId), parseClassMethod(
      memberStart,
      /* isConstructor */
      !1
    );
    return;
  }
  parseClassPropertyName(classContextId);
  let isConstructor = !1, token = state.tokens[state.tokens.length - 1];
  token.contextualKeyword === ContextualKeyword._constructor && (isConstructor = !0), parsePostMemberNameModifiers(), isClassMethod() ? parseClassMethod(memberStart, isConstructor) : isClassProperty() ? parseClassProperty() : token.contextualKeyword === ContextualKeyword._async && !isLineTerminator() ? (state.tokens[state.tokens.length - 1].type = TokenType._async, match(TokenType.star) && next(), parseClassPropertyName(classContextId), parsePostMemberNameModifiers(), parseClassMethod(
    memberStart,
    !1
    /* isConstructor */
  )) : (token.contextualKeyword === ContextualKeyword._get || token.contextualKeyword === ContextualKeyword._set) && !(isLineTerminator() && match(TokenType.star)) ? (token.contextualKeyword === ContextualKeyword._get ? state.tokens[state.tokens.length - 1].type = TokenType._get : state.tokens[state.tokens.length - 1].type = TokenType._set, parseClassPropertyName(classContextId), parseClassMethod(
    memberStart,
    /* isConstructor */
    !1
  )) : token.contextualKeyword === ContextualKeyword._accessor && !isLineTerminator() ? (parseClassPropertyName(classContextId), parseClassProperty()) : isLineTerminator() ? parseClassProperty() : unexpected();
}
function parseClassMethod(functionStart, isConstructor) {
  isTypeScriptEnabled ? tsTryParseTypeParameters() : isFlowEnabled && match(TokenType.lessThan) && flowParseTypeParameterDeclaration(), parseMethod(functionStart, isConstructor);
}
function parseClassPropertyName(classContextId) {
  parsePropertyName(classContextId);
}
function parsePostMemberNameModifiers() {
  if (isTypeScriptEnabled) {
    let oldIsType = pushTypeContext(0);
    eat(TokenType.question), popTypeContext(oldIsType);
  }
}
function parseClassProperty() {
  if (isTypeScriptEnabled ? (eatTypeToken(TokenType.bang), tsTryParseTypeAnnotation()) : isFlowEnabled && match(TokenType.colon) && flowParseTypeAnnotation(), match(TokenType.eq)) {
    let equalsTokenIndex = state.tokens.length;
    next(), parseMaybeAssign(), state.tokens[equalsTokenIndex].rhsEndIndex = state.tokens.length;
  }
  semicolon();
}
function parseClassId(isStatement, optionalId = !1) {
  isTypeScriptEnabled && (!isStatement || optionalId) && isContextual(ContextualKeyword._implements) || (match(TokenType.name) && parseBindingIdentifier(!0), isTypeScriptEnabled ? tsTryParseTypeParameters() : isFlowEnabled && match(TokenType.lessThan) && flowParseTypeParameterDeclaration());
}
function parseClassSuper() {
  let hasSuper = !1;
  eat(TokenType._extends) ? (parseExprSubscripts(), hasSuper = !0) : hasSuper = !1, isTypeScriptEnabled ? tsAfterParseClassSuper(hasSuper) : isFlowEnabled && flowAfterParseClassSuper(hasSuper);
}
function parseExport() {
  let exportIndex = state.tokens.length - 1;
  isTypeScriptEnabled && tsTryParseExport() || (shouldParseExportStar() ? parseExportStar() : isExportDefaultSpecifier() ? (parseIdentifier(), match(TokenType.comma) && lookaheadType() === TokenType.star ? (expect(TokenType.comma), expect(TokenType.star), expectContextual(ContextualKeyword._as), parseIdentifier()) : parseExportSpecifiersMaybe(), parseExportFrom()) : eat(TokenType._default) ? parseExportDefaultExpression() : shouldParseExportDeclaration() ? parseExportDeclaration() : (parseExportSpecifiers(), parseExportFrom()), state.tokens[exportIndex].rhsEndIndex = state.tokens.length);
}
function parseExportDefaultExpression() {
  if (isTypeScriptEnabled && tsTryParseExportDefaultExpression() || isFlowEnabled && flowTryParseExportDefaultExpression())
    return;
  let functionStart = state.start;
  eat(TokenType._function) ? parseFunction(functionStart, !0, !0) : isContextual(ContextualKeyword._async) && lookaheadType() === TokenType._function ? (eatContextual(ContextualKeyword._async), eat(TokenType._function), parseFunction(functionStart, !0, !0)) : match(TokenType._class) ? parseClass(!0, !0) : match(TokenType.at) ? (parseDecorators(), parseClass(!0, !0)) : (parseMaybeAssign(), semicolon());
}
function parseExportDeclaration() {
  isTypeScriptEnabled ? tsParseExportDeclaration() : isFlowEnabled ? flowParseExportDeclaration() : parseStatement(!0);
}
function isExportDefaultSpecifier() {
  if (isTypeScriptEnabled && tsIsDeclarationStart())
    return !1;
  if (isFlowEnabled && flowShouldDisallowExportDefaultSpecifier())
    return !1;
  if (match(TokenType.name))
    return state.contextualKeyword !== ContextualKeyword._async;
  if (!match(TokenType._default))
    return !1;
  let _next = nextTokenStart(), lookahead = lookaheadTypeAndKeyword(), hasFrom = lookahead.type === TokenType.name && lookahead.contextualKeyword === ContextualKeyword._from;
  if (lookahead.type === TokenType.comma)
    return !0;
  if (hasFrom) {
    let nextAfterFrom = input.charCodeAt(nextTokenStartSince(_next + 4));
    return nextAfterFrom === charCodes.quotationMark || nextAfterFrom === charCodes.apostrophe;
  }
  return !1;
}
function parseExportSpecifiersMaybe() {
  eat(TokenType.comma) && parseExportSpecifiers();
}
function parseExportFrom() {
  eatContextual(ContextualKeyword._from) && (parseExprAtom(), maybeParseImportAttributes()), semicolon();
}
function shouldParseExportStar() {
  return isFlowEnabled ? flowShouldParseExportStar() : match(TokenType.star);
}
function parseExportStar() {
  isFlowEnabled ? flowParseExportStar() : baseParseExportStar();
}
function baseParseExportStar() {
  expect(TokenType.star), isContextual(ContextualKeyword._as) ? parseExportNamespace() : parseExportFrom();
}
function parseExportNamespace() {
  next(), state.tokens[state.tokens.length - 1].type = TokenType._as, parseIdentifier(), parseExportSpecifiersMaybe(), parseExportFrom();
}
function shouldParseExportDeclaration() {
  return isTypeScriptEnabled && tsIsDeclarationStart() || isFlowEnabled && flowShouldParseExportDeclaration() || state.type === TokenType._var || state.type === TokenType._const || state.type === TokenType._let || state.type === TokenType._function || state.type === TokenType._class || isContextual(ContextualKeyword._async) || match(TokenType.at);
}
function parseExportSpecifiers() {
  let first = !0;
  for (expect(TokenType.braceL); !eat(TokenType.braceR) && !state.error; ) {
    if (first)
      first = !1;
    else if (expect(TokenType.comma), eat(TokenType.braceR))
      break;
    parseExportSpecifier();
  }
}
function parseExportSpecifier() {
  if (isTypeScriptEnabled) {
    tsParseExportSpecifier();
    return;
  }
  parseIdentifier(), state.tokens[state.tokens.length - 1].identifierRole = IdentifierRole.ExportAccess, eatContextual(ContextualKeyword._as) && parseIdentifier();
}
function isImportReflection() {
  let snapshot = state.snapshot();
  return expectContextual(ContextualKeyword._module), eatContextual(ContextualKeyword._from) ? isContextual(ContextualKeyword._from) ? (state.restoreFromSnapshot(snapshot), !0) : (state.restoreFromSnapshot(snapshot), !1) : match(TokenType.comma) ? (state.restoreFromSnapshot(snapshot), !1) : (state.restoreFromSnapshot(snapshot), !0);
}
function parseMaybeImportReflection() {
  isContextual(ContextualKeyword._module) && isImportReflection() && next();
}
function parseImport() {
  if (isTypeScriptEnabled && match(TokenType.name) && lookaheadType() === TokenType.eq) {
    tsParseImportEqualsDeclaration();
    return;
  }
  if (isTypeScriptEnabled && isContextual(ContextualKeyword._type)) {
    let lookahead = lookaheadTypeAndKeyword();
    if (lookahead.type === TokenType.name && lookahead.contextualKeyword !== ContextualKeyword._from) {
      if (expectContextual(ContextualKeyword._type), lookaheadType() === TokenType.eq) {
        tsParseImportEqualsDeclaration();
        return;
      }
    } else (lookahead.type === TokenType.star || lookahead.type === TokenType.braceL) && expectContextual(ContextualKeyword._type);
  }
  match(TokenType.string) ? parseExprAtom() : (parseMaybeImportReflection(), parseImportSpecifiers(), expectContextual(ContextualKeyword._from), parseExprAtom()), maybeParseImportAttributes(), semicolon();
}
function shouldParseDefaultImport() {
  return match(TokenType.name);
}
function parseImportSpecifierLocal() {
  parseImportedIdentifier();
}
function parseImportSpecifiers() {
  isFlowEnabled && flowStartParseImportSpecifiers();
  let first = !0;
  if (!(shouldParseDefaultImport() && (parseImportSpecifierLocal(), !eat(TokenType.comma)))) {
    if (match(TokenType.star)) {
      next(), expectContextual(ContextualKeyword._as), parseImportSpecifierLocal();
      return;
    }
    for (expect(TokenType.braceL); !eat(TokenType.braceR) && !state.error; ) {
      if (first)
        first = !1;
      else if (eat(TokenType.colon) && unexpected(
        "ES2015 named imports do not destructure. Use another statement for destructuring after the import."
      ), expect(TokenType.comma), eat(TokenType.braceR))
        break;
      parseImportSpecifier();
    }
  }
}
function parseImportSpecifier() {
  if (isTypeScriptEnabled) {
    tsParseImportSpecifier();
    return;
  }
  if (isFlowEnabled) {
    flowParseImportSpecifier();
    return;
  }
  parseImportedIdentifier(), isContextual(ContextualKeyword._as) && (state.tokens[state.tokens.length - 1].identifierRole = IdentifierRole.ImportAccess, next(), parseImportedIdentifier());
}
function maybeParseImportAttributes() {
  (match(TokenType._with) || isContextual(ContextualKeyword._assert) && !hasPrecedingLineBreak()) && (next(), parseObj(!1, !1));
}

// node_modules/sucrase/dist/esm/parser/traverser/index.js
function parseFile() {
  return state.pos === 0 && input.charCodeAt(0) === charCodes.numberSign && input.charCodeAt(1) === charCodes.exclamationMark && skipLineComment(2), nextToken(), parseTopLevel();
}

// node_modules/sucrase/dist/esm/parser/index.js
var File = class {
  constructor(tokens, scopes) {
    this.tokens = tokens, this.scopes = scopes;
  }
};
function parse(input2, isJSXEnabled2, isTypeScriptEnabled2, isFlowEnabled2) {
  if (isFlowEnabled2 && isTypeScriptEnabled2)
    throw new Error("Cannot combine flow and typescript plugins.");
  initParser(input2, isJSXEnabled2, isTypeScriptEnabled2, isFlowEnabled2);
  let result = parseFile();
  if (state.error)
    throw augmentError(state.error);
  return result;
}

// node_modules/sucrase/dist/esm/util/isAsyncOperation.js
function isAsyncOperation(tokens) {
  let index = tokens.currentIndex(), depth = 0, startToken = tokens.currentToken();
  do {
    let token = tokens.tokens[index];
    if (token.isOptionalChainStart && depth++, token.isOptionalChainEnd && depth--, depth += token.numNullishCoalesceStarts, depth -= token.numNullishCoalesceEnds, token.contextualKeyword === ContextualKeyword._await && token.identifierRole == null && token.scopeDepth === startToken.scopeDepth)
      return !0;
    index += 1;
  } while (depth > 0 && index < tokens.tokens.length);
  return !1;
}

// node_modules/sucrase/dist/esm/TokenProcessor.js
var TokenProcessor = class _TokenProcessor {
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
  constructor(code, tokens, isFlowEnabled2, disableESTransforms, helperManager) {
    this.code = code, this.tokens = tokens, this.isFlowEnabled = isFlowEnabled2, this.disableESTransforms = disableESTransforms, this.helperManager = helperManager, _TokenProcessor.prototype.__init.call(this), _TokenProcessor.prototype.__init2.call(this), _TokenProcessor.prototype.__init3.call(this);
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
    return this.matches1AtIndex(index, TokenType.name) && this.tokens[index].contextualKeyword === contextualKeyword;
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
      if (this.matches1(TokenType.braceL))
        braceDepth++;
      else if (this.matches1(TokenType.braceR)) {
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
    if ((token.numNullishCoalesceStarts || token.isOptionalChainStart) && (token.isAsyncOperation = isAsyncOperation(this)), !this.disableESTransforms) {
      if (token.numNullishCoalesceStarts)
        for (let i = 0; i < token.numNullishCoalesceStarts; i++)
          token.isAsyncOperation ? (this.resultCode += "await ", this.resultCode += this.helperManager.getHelperName("asyncNullishCoalesce")) : this.resultCode += this.helperManager.getHelperName("nullishCoalesce"), this.resultCode += "(";
      token.isOptionalChainStart && (token.isAsyncOperation && (this.resultCode += "await "), this.tokenIndex > 0 && this.tokenAtRelativeIndex(-1).type === TokenType._delete ? token.isAsyncOperation ? this.resultCode += this.helperManager.getHelperName("asyncOptionalChainDelete") : this.resultCode += this.helperManager.getHelperName("optionalChainDelete") : token.isAsyncOperation ? this.resultCode += this.helperManager.getHelperName("asyncOptionalChain") : this.resultCode += this.helperManager.getHelperName("optionalChain"), this.resultCode += "([");
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

// node_modules/sucrase/dist/esm/util/getClassInfo.js
function getClassInfo(rootTransformer, tokens, nameManager, disableESTransforms) {
  let snapshot = tokens.snapshot(), headerInfo = processClassHeader(tokens), constructorInitializerStatements = [], instanceInitializerNames = [], staticInitializerNames = [], constructorInsertPos = null, fields = [], rangesToRemove = [], classContextId = tokens.currentToken().contextId;
  if (classContextId == null)
    throw new Error("Expected non-null class context ID on class open-brace.");
  for (tokens.nextToken(); !tokens.matchesContextIdAndLabel(TokenType.braceR, classContextId); )
    if (tokens.matchesContextual(ContextualKeyword._constructor) && !tokens.currentToken().isType)
      ({ constructorInitializerStatements, constructorInsertPos } = processConstructor(tokens));
    else if (tokens.matches1(TokenType.semi))
      disableESTransforms || rangesToRemove.push({ start: tokens.currentIndex(), end: tokens.currentIndex() + 1 }), tokens.nextToken();
    else if (tokens.currentToken().isType)
      tokens.nextToken();
    else {
      let statementStartIndex = tokens.currentIndex(), isStatic = !1, isESPrivate = !1, isDeclareOrAbstract = !1;
      for (; isAccessModifier(tokens.currentToken()); )
        tokens.matches1(TokenType._static) && (isStatic = !0), tokens.matches1(TokenType.hash) && (isESPrivate = !0), (tokens.matches1(TokenType._declare) || tokens.matches1(TokenType._abstract)) && (isDeclareOrAbstract = !0), tokens.nextToken();
      if (isStatic && tokens.matches1(TokenType.braceL)) {
        skipToNextClassElement(tokens, classContextId);
        continue;
      }
      if (isESPrivate) {
        skipToNextClassElement(tokens, classContextId);
        continue;
      }
      if (tokens.matchesContextual(ContextualKeyword._constructor) && !tokens.currentToken().isType) {
        ({ constructorInitializerStatements, constructorInsertPos } = processConstructor(tokens));
        continue;
      }
      let nameStartIndex = tokens.currentIndex();
      if (skipFieldName(tokens), tokens.matches1(TokenType.lessThan) || tokens.matches1(TokenType.parenL)) {
        skipToNextClassElement(tokens, classContextId);
        continue;
      }
      for (; tokens.currentToken().isType; )
        tokens.nextToken();
      if (tokens.matches1(TokenType.eq)) {
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
  for (tokens.nextToken(), tokens.matches1(TokenType.name) && (className = tokens.identifierName()); !tokens.matchesContextIdAndLabel(TokenType.braceL, contextId); )
    tokens.matches1(TokenType._extends) && !tokens.currentToken().isType && (hasSuperclass = !0), tokens.nextToken();
  return { isExpression, className, hasSuperclass };
}
function processConstructor(tokens) {
  let constructorInitializerStatements = [];
  tokens.nextToken();
  let constructorContextId = tokens.currentToken().contextId;
  if (constructorContextId == null)
    throw new Error("Expected context ID on open-paren starting constructor params.");
  for (; !tokens.matchesContextIdAndLabel(TokenType.parenR, constructorContextId); )
    if (tokens.currentToken().contextId === constructorContextId) {
      if (tokens.nextToken(), isAccessModifier(tokens.currentToken())) {
        for (tokens.nextToken(); isAccessModifier(tokens.currentToken()); )
          tokens.nextToken();
        let token = tokens.currentToken();
        if (token.type !== TokenType.name)
          throw new Error("Expected identifier after access modifiers in constructor arg.");
        let name = tokens.identifierNameForToken(token);
        constructorInitializerStatements.push(`this.${name} = ${name}`);
      }
    } else
      tokens.nextToken();
  for (tokens.nextToken(); tokens.currentToken().isType; )
    tokens.nextToken();
  let constructorInsertPos = tokens.currentIndex(), foundSuperCall = !1;
  for (; !tokens.matchesContextIdAndLabel(TokenType.braceR, constructorContextId); ) {
    if (!foundSuperCall && tokens.matches2(TokenType._super, TokenType.parenL)) {
      tokens.nextToken();
      let superCallContextId = tokens.currentToken().contextId;
      if (superCallContextId == null)
        throw new Error("Expected a context ID on the super call");
      for (; !tokens.matchesContextIdAndLabel(TokenType.parenR, superCallContextId); )
        tokens.nextToken();
      constructorInsertPos = tokens.currentIndex(), foundSuperCall = !0;
    }
    tokens.nextToken();
  }
  return tokens.nextToken(), { constructorInitializerStatements, constructorInsertPos };
}
function isAccessModifier(token) {
  return [
    TokenType._async,
    TokenType._get,
    TokenType._set,
    TokenType.plus,
    TokenType.minus,
    TokenType._readonly,
    TokenType._static,
    TokenType._public,
    TokenType._private,
    TokenType._protected,
    TokenType._override,
    TokenType._abstract,
    TokenType.star,
    TokenType._declare,
    TokenType.hash
  ].includes(token.type);
}
function skipFieldName(tokens) {
  if (tokens.matches1(TokenType.bracketL)) {
    let classContextId = tokens.currentToken().contextId;
    if (classContextId == null)
      throw new Error("Expected class context ID on computed name open bracket.");
    for (; !tokens.matchesContextIdAndLabel(TokenType.bracketR, classContextId); )
      tokens.nextToken();
    tokens.nextToken();
  } else
    tokens.nextToken();
}

// node_modules/sucrase/dist/esm/util/elideImportEquals.js
function elideImportEquals(tokens) {
  if (tokens.removeInitialToken(), tokens.removeToken(), tokens.removeToken(), tokens.removeToken(), tokens.matches1(TokenType.parenL))
    tokens.removeToken(), tokens.removeToken(), tokens.removeToken();
  else
    for (; tokens.matches1(TokenType.dot); )
      tokens.removeToken(), tokens.removeToken();
}

// node_modules/sucrase/dist/esm/util/getDeclarationInfo.js
var EMPTY_DECLARATION_INFO = {
  typeDeclarations: /* @__PURE__ */ new Set(),
  valueDeclarations: /* @__PURE__ */ new Set()
};
function getDeclarationInfo(tokens) {
  let typeDeclarations = /* @__PURE__ */ new Set(), valueDeclarations = /* @__PURE__ */ new Set();
  for (let i = 0; i < tokens.tokens.length; i++) {
    let token = tokens.tokens[i];
    token.type === TokenType.name && isTopLevelDeclaration(token) && (token.isType ? typeDeclarations.add(tokens.identifierNameForToken(token)) : valueDeclarations.add(tokens.identifierNameForToken(token)));
  }
  return { typeDeclarations, valueDeclarations };
}

// node_modules/sucrase/dist/esm/util/isExportFrom.js
function isExportFrom(tokens) {
  let closeBraceIndex = tokens.currentIndex();
  for (; !tokens.matches1AtIndex(closeBraceIndex, TokenType.braceR); )
    closeBraceIndex++;
  return tokens.matchesContextualAtIndex(closeBraceIndex + 1, ContextualKeyword._from) && tokens.matches1AtIndex(closeBraceIndex + 2, TokenType.string);
}

// node_modules/sucrase/dist/esm/util/removeMaybeImportAttributes.js
function removeMaybeImportAttributes(tokens) {
  (tokens.matches2(TokenType._with, TokenType.braceL) || tokens.matches2(TokenType.name, TokenType.braceL) && tokens.matchesContextual(ContextualKeyword._assert)) && (tokens.removeToken(), tokens.removeToken(), tokens.removeBalancedCode(), tokens.removeToken());
}

// node_modules/sucrase/dist/esm/util/shouldElideDefaultExport.js
function shouldElideDefaultExport(isTypeScriptTransformEnabled, keepUnusedImports, tokens, declarationInfo) {
  if (!isTypeScriptTransformEnabled || keepUnusedImports)
    return !1;
  let exportToken = tokens.currentToken();
  if (exportToken.rhsEndIndex == null)
    throw new Error("Expected non-null rhsEndIndex on export token.");
  let numTokens = exportToken.rhsEndIndex - tokens.currentIndex();
  if (numTokens !== 3 && !(numTokens === 4 && tokens.matches1AtIndex(exportToken.rhsEndIndex - 1, TokenType.semi)))
    return !1;
  let identifierToken = tokens.tokenAtRelativeIndex(2);
  if (identifierToken.type !== TokenType.name)
    return !1;
  let exportedName = tokens.identifierNameForToken(identifierToken);
  return declarationInfo.typeDeclarations.has(exportedName) && !declarationInfo.valueDeclarations.has(exportedName);
}

// node_modules/sucrase/dist/esm/transformers/Transformer.js
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

// node_modules/sucrase/dist/esm/transformers/CJSImportTransformer.js
var CJSImportTransformer = class _CJSImportTransformer extends Transformer {
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
    super(), this.rootTransformer = rootTransformer, this.tokens = tokens, this.importProcessor = importProcessor, this.nameManager = nameManager, this.helperManager = helperManager, this.reactHotLoaderTransformer = reactHotLoaderTransformer, this.enableLegacyBabel5ModuleInterop = enableLegacyBabel5ModuleInterop, this.enableLegacyTypeScriptModuleInterop = enableLegacyTypeScriptModuleInterop, this.isTypeScriptTransformEnabled = isTypeScriptTransformEnabled, this.isFlowTransformEnabled = isFlowTransformEnabled, this.preserveDynamicImport = preserveDynamicImport, this.keepUnusedImports = keepUnusedImports, _CJSImportTransformer.prototype.__init.call(this), _CJSImportTransformer.prototype.__init2.call(this), _CJSImportTransformer.prototype.__init3.call(this), this.declarationInfo = isTypeScriptTransformEnabled ? getDeclarationInfo(tokens) : EMPTY_DECLARATION_INFO;
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
    return this.tokens.matches3(TokenType._import, TokenType.name, TokenType.eq) ? this.processImportEquals() : this.tokens.matches1(TokenType._import) ? (this.processImport(), !0) : this.tokens.matches2(TokenType._export, TokenType.eq) ? (this.tokens.replaceToken("module.exports"), !0) : this.tokens.matches1(TokenType._export) && !this.tokens.currentToken().isType ? (this.hadExport = !0, this.processExport()) : this.tokens.matches2(TokenType.name, TokenType.postIncDec) && this.processPostIncDec() ? !0 : this.tokens.matches1(TokenType.name) || this.tokens.matches1(TokenType.jsxName) ? this.processIdentifier() : this.tokens.matches1(TokenType.eq) ? this.processAssignment() : this.tokens.matches1(TokenType.assign) ? this.processComplexAssignment() : this.tokens.matches1(TokenType.preIncDec) ? this.processPreIncDec() : !1;
  }
  processImportEquals() {
    let importName = this.tokens.identifierNameAtIndex(this.tokens.currentIndex() + 1);
    return this.importProcessor.shouldAutomaticallyElideImportedName(importName) ? elideImportEquals(this.tokens) : this.tokens.replaceToken("const"), !0;
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
    if (this.tokens.matches2(TokenType._import, TokenType.parenL)) {
      if (this.preserveDynamicImport) {
        this.tokens.copyToken();
        return;
      }
      let requireWrapper = this.enableLegacyTypeScriptModuleInterop ? "" : `${this.helperManager.getHelperName("interopRequireWildcard")}(`;
      this.tokens.replaceToken(`Promise.resolve().then(() => ${requireWrapper}require`);
      let contextId = this.tokens.currentToken().contextId;
      if (contextId == null)
        throw new Error("Expected context ID on dynamic import invocation.");
      for (this.tokens.copyToken(); !this.tokens.matchesContextIdAndLabel(TokenType.parenR, contextId); )
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
    removeMaybeImportAttributes(this.tokens), this.tokens.matches1(TokenType.semi) && this.tokens.removeToken();
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
    if (this.tokens.removeInitialToken(), this.tokens.matchesContextual(ContextualKeyword._type) && !this.tokens.matches1AtIndex(this.tokens.currentIndex() + 1, TokenType.comma) && !this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 1, ContextualKeyword._from))
      return this.removeRemainingImport(), !0;
    if (this.tokens.matches1(TokenType.name) || this.tokens.matches1(TokenType.star))
      return this.removeRemainingImport(), !1;
    if (this.tokens.matches1(TokenType.string))
      return !1;
    let foundNonTypeImport = !1, foundAnyNamedImport = !1;
    for (; !this.tokens.matches1(TokenType.string); )
      (!foundNonTypeImport && this.tokens.matches1(TokenType.braceL) || this.tokens.matches1(TokenType.comma)) && (this.tokens.removeToken(), this.tokens.matches1(TokenType.braceR) || (foundAnyNamedImport = !0), (this.tokens.matches2(TokenType.name, TokenType.comma) || this.tokens.matches2(TokenType.name, TokenType.braceR) || this.tokens.matches4(TokenType.name, TokenType.name, TokenType.name, TokenType.comma) || this.tokens.matches4(TokenType.name, TokenType.name, TokenType.name, TokenType.braceR)) && (foundNonTypeImport = !0)), this.tokens.removeToken();
    return this.keepUnusedImports ? !1 : this.isTypeScriptTransformEnabled ? !foundNonTypeImport : this.isFlowTransformEnabled ? foundAnyNamedImport && !foundNonTypeImport : !1;
  }
  removeRemainingImport() {
    for (; !this.tokens.matches1(TokenType.string); )
      this.tokens.removeToken();
  }
  processIdentifier() {
    let token = this.tokens.currentToken();
    if (token.shadowsGlobal)
      return !1;
    if (token.identifierRole === IdentifierRole.ObjectShorthand)
      return this.processObjectShorthand();
    if (token.identifierRole !== IdentifierRole.Access)
      return !1;
    let replacement = this.importProcessor.getIdentifierReplacement(
      this.tokens.identifierNameForToken(token)
    );
    if (!replacement)
      return !1;
    let possibleOpenParenIndex = this.tokens.currentIndex() + 1;
    for (; possibleOpenParenIndex < this.tokens.tokens.length && this.tokens.tokens[possibleOpenParenIndex].type === TokenType.parenR; )
      possibleOpenParenIndex++;
    return this.tokens.tokens[possibleOpenParenIndex].type === TokenType.parenL ? this.tokens.tokenAtRelativeIndex(1).type === TokenType.parenL && this.tokens.tokenAtRelativeIndex(-1).type !== TokenType._new ? (this.tokens.replaceToken(`${replacement}.call(void 0, `), this.tokens.removeToken(), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(TokenType.parenR)) : this.tokens.replaceToken(`(0, ${replacement})`) : this.tokens.replaceToken(replacement), !0;
  }
  processObjectShorthand() {
    let identifier = this.tokens.identifierName(), replacement = this.importProcessor.getIdentifierReplacement(identifier);
    return replacement ? (this.tokens.replaceToken(`${identifier}: ${replacement}`), !0) : !1;
  }
  processExport() {
    if (this.tokens.matches2(TokenType._export, TokenType._enum) || this.tokens.matches3(TokenType._export, TokenType._const, TokenType._enum))
      return this.hadNamedExport = !0, !1;
    if (this.tokens.matches2(TokenType._export, TokenType._default))
      return this.tokens.matches3(TokenType._export, TokenType._default, TokenType._enum) ? (this.hadDefaultExport = !0, !1) : (this.processExportDefault(), !0);
    if (this.tokens.matches2(TokenType._export, TokenType.braceL))
      return this.processExportBindings(), !0;
    if (this.tokens.matches2(TokenType._export, TokenType.name) && this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 1, ContextualKeyword._type)) {
      if (this.tokens.removeInitialToken(), this.tokens.removeToken(), this.tokens.matches1(TokenType.braceL)) {
        for (; !this.tokens.matches1(TokenType.braceR); )
          this.tokens.removeToken();
        this.tokens.removeToken();
      } else
        this.tokens.removeToken(), this.tokens.matches1(TokenType._as) && (this.tokens.removeToken(), this.tokens.removeToken());
      return this.tokens.matchesContextual(ContextualKeyword._from) && this.tokens.matches1AtIndex(this.tokens.currentIndex() + 1, TokenType.string) && (this.tokens.removeToken(), this.tokens.removeToken(), removeMaybeImportAttributes(this.tokens)), !0;
    }
    if (this.hadNamedExport = !0, this.tokens.matches2(TokenType._export, TokenType._var) || this.tokens.matches2(TokenType._export, TokenType._let) || this.tokens.matches2(TokenType._export, TokenType._const))
      return this.processExportVar(), !0;
    if (this.tokens.matches2(TokenType._export, TokenType._function) || // export async function
    this.tokens.matches3(TokenType._export, TokenType.name, TokenType._function))
      return this.processExportFunction(), !0;
    if (this.tokens.matches2(TokenType._export, TokenType._class) || this.tokens.matches3(TokenType._export, TokenType._abstract, TokenType._class) || this.tokens.matches2(TokenType._export, TokenType.at))
      return this.processExportClass(), !0;
    if (this.tokens.matches2(TokenType._export, TokenType.star))
      return this.processExportStar(), !0;
    throw new Error("Unrecognized export syntax.");
  }
  processAssignment() {
    let index = this.tokens.currentIndex(), identifierToken = this.tokens.tokens[index - 1];
    if (identifierToken.isType || identifierToken.type !== TokenType.name || identifierToken.shadowsGlobal || index >= 2 && this.tokens.matches1AtIndex(index - 2, TokenType.dot) || index >= 2 && [TokenType._var, TokenType._let, TokenType._const].includes(this.tokens.tokens[index - 2].type))
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
    if (identifierToken.type !== TokenType.name || identifierToken.shadowsGlobal || index >= 2 && this.tokens.matches1AtIndex(index - 2, TokenType.dot))
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
    if (identifierToken.type !== TokenType.name || identifierToken.shadowsGlobal || index + 2 < this.tokens.tokens.length && (this.tokens.matches1AtIndex(index + 2, TokenType.dot) || this.tokens.matches1AtIndex(index + 2, TokenType.bracketL) || this.tokens.matches1AtIndex(index + 2, TokenType.parenL)))
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
    if (identifierToken.type !== TokenType.name || identifierToken.shadowsGlobal || index >= 1 && this.tokens.matches1AtIndex(index - 1, TokenType.dot))
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
    if (this.tokens.matches4(TokenType._export, TokenType._default, TokenType._function, TokenType.name) || // export default async function
    this.tokens.matches5(TokenType._export, TokenType._default, TokenType.name, TokenType._function, TokenType.name) && this.tokens.matchesContextualAtIndex(
      this.tokens.currentIndex() + 2,
      ContextualKeyword._async
    )) {
      this.tokens.removeInitialToken(), this.tokens.removeToken();
      let name = this.processNamedFunction();
      this.tokens.appendCode(` exports.default = ${name};`);
    } else if (this.tokens.matches4(TokenType._export, TokenType._default, TokenType._class, TokenType.name) || this.tokens.matches5(TokenType._export, TokenType._default, TokenType._abstract, TokenType._class, TokenType.name) || this.tokens.matches3(TokenType._export, TokenType._default, TokenType.at)) {
      this.tokens.removeInitialToken(), this.tokens.removeToken(), this.copyDecorators(), this.tokens.matches1(TokenType._abstract) && this.tokens.removeToken();
      let name = this.rootTransformer.processNamedClass();
      this.tokens.appendCode(` exports.default = ${name};`);
    } else if (shouldElideDefaultExport(
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
    for (; this.tokens.matches1(TokenType.at); )
      if (this.tokens.copyToken(), this.tokens.matches1(TokenType.parenL))
        this.tokens.copyExpectedToken(TokenType.parenL), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(TokenType.parenR);
      else {
        for (this.tokens.copyExpectedToken(TokenType.name); this.tokens.matches1(TokenType.dot); )
          this.tokens.copyExpectedToken(TokenType.dot), this.tokens.copyExpectedToken(TokenType.name);
        this.tokens.matches1(TokenType.parenL) && (this.tokens.copyExpectedToken(TokenType.parenL), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(TokenType.parenR));
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
    if (tokenIndex++, tokenIndex++, !this.tokens.matches1AtIndex(tokenIndex, TokenType.name))
      return !1;
    for (tokenIndex++; tokenIndex < this.tokens.tokens.length && this.tokens.tokens[tokenIndex].isType; )
      tokenIndex++;
    return !!this.tokens.matches1AtIndex(tokenIndex, TokenType.eq);
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
    for (; !this.tokens.matches1(TokenType.eq); )
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
    let needsParens = this.tokens.matches1(TokenType.braceL);
    needsParens && this.tokens.appendCode("(");
    let depth = 0;
    for (; ; )
      if (this.tokens.matches1(TokenType.braceL) || this.tokens.matches1(TokenType.dollarBraceL) || this.tokens.matches1(TokenType.bracketL))
        depth++, this.tokens.copyToken();
      else if (this.tokens.matches1(TokenType.braceR) || this.tokens.matches1(TokenType.bracketR))
        depth--, this.tokens.copyToken();
      else {
        if (depth === 0 && !this.tokens.matches1(TokenType.name) && !this.tokens.currentToken().isType)
          break;
        if (this.tokens.matches1(TokenType.eq)) {
          let endIndex = this.tokens.currentToken().rhsEndIndex;
          if (endIndex == null)
            throw new Error("Expected = token with an end index.");
          for (; this.tokens.currentIndex() < endIndex; )
            this.rootTransformer.processToken();
        } else {
          let token = this.tokens.currentToken();
          if (isDeclaration(token)) {
            let name = this.tokens.identifierName(), replacement = this.importProcessor.getIdentifierReplacement(name);
            if (replacement === null)
              throw new Error(`Expected a replacement for ${name} in \`export var\` syntax.`);
            isObjectShorthandDeclaration(token) && (replacement = `${name}: ${replacement}`), this.tokens.replaceToken(replacement);
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
    if (this.tokens.matches1(TokenType._function))
      this.tokens.copyToken();
    else if (this.tokens.matches2(TokenType.name, TokenType._function)) {
      if (!this.tokens.matchesContextual(ContextualKeyword._async))
        throw new Error("Expected async keyword in function export.");
      this.tokens.copyToken(), this.tokens.copyToken();
    }
    if (this.tokens.matches1(TokenType.star) && this.tokens.copyToken(), !this.tokens.matches1(TokenType.name))
      throw new Error("Expected identifier for exported function name.");
    let name = this.tokens.identifierName();
    if (this.tokens.copyToken(), this.tokens.currentToken().isType)
      for (this.tokens.removeInitialToken(); this.tokens.currentToken().isType; )
        this.tokens.removeToken();
    return this.tokens.copyExpectedToken(TokenType.parenL), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(TokenType.parenR), this.rootTransformer.processPossibleTypeRange(), this.tokens.copyExpectedToken(TokenType.braceL), this.rootTransformer.processBalancedCode(), this.tokens.copyExpectedToken(TokenType.braceR), name;
  }
  /**
   * Transform this:
   * export class A {}
   * into this:
   * class A {} exports.A = A;
   */
  processExportClass() {
    this.tokens.removeInitialToken(), this.copyDecorators(), this.tokens.matches1(TokenType._abstract) && this.tokens.removeToken();
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
    let isReExport = isExportFrom(this.tokens), exportStatements = [];
    for (; ; ) {
      if (this.tokens.matches1(TokenType.braceR)) {
        this.tokens.removeToken();
        break;
      }
      let specifierInfo = getImportExportSpecifierInfo(this.tokens);
      for (; this.tokens.currentIndex() < specifierInfo.endIndex; )
        this.tokens.removeToken();
      if (!(specifierInfo.isType || !isReExport && this.shouldElideExportedIdentifier(specifierInfo.leftName))) {
        let exportedName = specifierInfo.rightName;
        exportedName === "default" ? this.hadDefaultExport = !0 : this.hadNamedExport = !0;
        let localName = specifierInfo.leftName, newLocalName = this.importProcessor.getIdentifierReplacement(localName);
        exportStatements.push(`exports.${exportedName} = ${newLocalName || localName};`);
      }
      if (this.tokens.matches1(TokenType.braceR)) {
        this.tokens.removeToken();
        break;
      }
      if (this.tokens.matches2(TokenType.comma, TokenType.braceR)) {
        this.tokens.removeToken(), this.tokens.removeToken();
        break;
      } else if (this.tokens.matches1(TokenType.comma))
        this.tokens.removeToken();
      else
        throw new Error(`Unexpected token: ${JSON.stringify(this.tokens.currentToken())}`);
    }
    if (this.tokens.matchesContextual(ContextualKeyword._from)) {
      this.tokens.removeToken();
      let path = this.tokens.stringValue();
      this.tokens.replaceTokenTrimmingLeftWhitespace(this.importProcessor.claimImportCode(path)), removeMaybeImportAttributes(this.tokens);
    } else
      this.tokens.appendCode(exportStatements.join(" "));
    this.tokens.matches1(TokenType.semi) && this.tokens.removeToken();
  }
  processExportStar() {
    for (this.tokens.removeInitialToken(); !this.tokens.matches1(TokenType.string); )
      this.tokens.removeToken();
    let path = this.tokens.stringValue();
    this.tokens.replaceTokenTrimmingLeftWhitespace(this.importProcessor.claimImportCode(path)), removeMaybeImportAttributes(this.tokens), this.tokens.matches1(TokenType.semi) && this.tokens.removeToken();
  }
  shouldElideExportedIdentifier(name) {
    return this.isTypeScriptTransformEnabled && !this.keepUnusedImports && !this.declarationInfo.valueDeclarations.has(name);
  }
};

// node_modules/sucrase/dist/esm/transformers/ESMImportTransformer.js
var ESMImportTransformer = class extends Transformer {
  constructor(tokens, nameManager, helperManager, reactHotLoaderTransformer, isTypeScriptTransformEnabled, isFlowTransformEnabled, keepUnusedImports, options) {
    super(), this.tokens = tokens, this.nameManager = nameManager, this.helperManager = helperManager, this.reactHotLoaderTransformer = reactHotLoaderTransformer, this.isTypeScriptTransformEnabled = isTypeScriptTransformEnabled, this.isFlowTransformEnabled = isFlowTransformEnabled, this.keepUnusedImports = keepUnusedImports, this.nonTypeIdentifiers = isTypeScriptTransformEnabled && !keepUnusedImports ? getNonTypeIdentifiers(tokens, options) : /* @__PURE__ */ new Set(), this.declarationInfo = isTypeScriptTransformEnabled && !keepUnusedImports ? getDeclarationInfo(tokens) : EMPTY_DECLARATION_INFO, this.injectCreateRequireForImportRequire = !!options.injectCreateRequireForImportRequire;
  }
  process() {
    if (this.tokens.matches3(TokenType._import, TokenType.name, TokenType.eq))
      return this.processImportEquals();
    if (this.tokens.matches4(TokenType._import, TokenType.name, TokenType.name, TokenType.eq) && this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 1, ContextualKeyword._type)) {
      this.tokens.removeInitialToken();
      for (let i = 0; i < 7; i++)
        this.tokens.removeToken();
      return !0;
    }
    if (this.tokens.matches2(TokenType._export, TokenType.eq))
      return this.tokens.replaceToken("module.exports"), !0;
    if (this.tokens.matches5(TokenType._export, TokenType._import, TokenType.name, TokenType.name, TokenType.eq) && this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 2, ContextualKeyword._type)) {
      this.tokens.removeInitialToken();
      for (let i = 0; i < 8; i++)
        this.tokens.removeToken();
      return !0;
    }
    if (this.tokens.matches1(TokenType._import))
      return this.processImport();
    if (this.tokens.matches2(TokenType._export, TokenType._default))
      return this.processExportDefault();
    if (this.tokens.matches2(TokenType._export, TokenType.braceL))
      return this.processNamedExports();
    if (this.tokens.matches2(TokenType._export, TokenType.name) && this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 1, ContextualKeyword._type)) {
      if (this.tokens.removeInitialToken(), this.tokens.removeToken(), this.tokens.matches1(TokenType.braceL)) {
        for (; !this.tokens.matches1(TokenType.braceR); )
          this.tokens.removeToken();
        this.tokens.removeToken();
      } else
        this.tokens.removeToken(), this.tokens.matches1(TokenType._as) && (this.tokens.removeToken(), this.tokens.removeToken());
      return this.tokens.matchesContextual(ContextualKeyword._from) && this.tokens.matches1AtIndex(this.tokens.currentIndex() + 1, TokenType.string) && (this.tokens.removeToken(), this.tokens.removeToken(), removeMaybeImportAttributes(this.tokens)), !0;
    }
    return !1;
  }
  processImportEquals() {
    let importName = this.tokens.identifierNameAtIndex(this.tokens.currentIndex() + 1);
    return this.shouldAutomaticallyElideImportedName(importName) ? elideImportEquals(this.tokens) : this.injectCreateRequireForImportRequire ? (this.tokens.replaceToken("const"), this.tokens.copyToken(), this.tokens.copyToken(), this.tokens.replaceToken(this.helperManager.getHelperName("require"))) : this.tokens.replaceToken("const"), !0;
  }
  processImport() {
    if (this.tokens.matches2(TokenType._import, TokenType.parenL))
      return !1;
    let snapshot = this.tokens.snapshot();
    if (this.removeImportTypeBindings()) {
      for (this.tokens.restoreToSnapshot(snapshot); !this.tokens.matches1(TokenType.string); )
        this.tokens.removeToken();
      this.tokens.removeToken(), removeMaybeImportAttributes(this.tokens), this.tokens.matches1(TokenType.semi) && this.tokens.removeToken();
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
    if (this.tokens.copyExpectedToken(TokenType._import), this.tokens.matchesContextual(ContextualKeyword._type) && !this.tokens.matches1AtIndex(this.tokens.currentIndex() + 1, TokenType.comma) && !this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 1, ContextualKeyword._from))
      return !0;
    if (this.tokens.matches1(TokenType.string))
      return this.tokens.copyToken(), !1;
    this.tokens.matchesContextual(ContextualKeyword._module) && this.tokens.matchesContextualAtIndex(this.tokens.currentIndex() + 2, ContextualKeyword._from) && this.tokens.copyToken();
    let foundNonTypeImport = !1, foundAnyNamedImport = !1, needsComma = !1;
    if (this.tokens.matches1(TokenType.name) && (this.shouldAutomaticallyElideImportedName(this.tokens.identifierName()) ? (this.tokens.removeToken(), this.tokens.matches1(TokenType.comma) && this.tokens.removeToken()) : (foundNonTypeImport = !0, this.tokens.copyToken(), this.tokens.matches1(TokenType.comma) && (needsComma = !0, this.tokens.removeToken()))), this.tokens.matches1(TokenType.star))
      this.shouldAutomaticallyElideImportedName(this.tokens.identifierNameAtRelativeIndex(2)) ? (this.tokens.removeToken(), this.tokens.removeToken(), this.tokens.removeToken()) : (needsComma && this.tokens.appendCode(","), foundNonTypeImport = !0, this.tokens.copyExpectedToken(TokenType.star), this.tokens.copyExpectedToken(TokenType.name), this.tokens.copyExpectedToken(TokenType.name));
    else if (this.tokens.matches1(TokenType.braceL)) {
      for (needsComma && this.tokens.appendCode(","), this.tokens.copyToken(); !this.tokens.matches1(TokenType.braceR); ) {
        foundAnyNamedImport = !0;
        let specifierInfo = getImportExportSpecifierInfo(this.tokens);
        if (specifierInfo.isType || this.shouldAutomaticallyElideImportedName(specifierInfo.rightName)) {
          for (; this.tokens.currentIndex() < specifierInfo.endIndex; )
            this.tokens.removeToken();
          this.tokens.matches1(TokenType.comma) && this.tokens.removeToken();
        } else {
          for (foundNonTypeImport = !0; this.tokens.currentIndex() < specifierInfo.endIndex; )
            this.tokens.copyToken();
          this.tokens.matches1(TokenType.comma) && this.tokens.copyToken();
        }
      }
      this.tokens.copyExpectedToken(TokenType.braceR);
    }
    return this.keepUnusedImports ? !1 : this.isTypeScriptTransformEnabled ? !foundNonTypeImport : this.isFlowTransformEnabled ? foundAnyNamedImport && !foundNonTypeImport : !1;
  }
  shouldAutomaticallyElideImportedName(name) {
    return this.isTypeScriptTransformEnabled && !this.keepUnusedImports && !this.nonTypeIdentifiers.has(name);
  }
  processExportDefault() {
    if (shouldElideDefaultExport(
      this.isTypeScriptTransformEnabled,
      this.keepUnusedImports,
      this.tokens,
      this.declarationInfo
    ))
      return this.tokens.removeInitialToken(), this.tokens.removeToken(), this.tokens.removeToken(), !0;
    if (!(this.tokens.matches4(TokenType._export, TokenType._default, TokenType._function, TokenType.name) || // export default async function
    this.tokens.matches5(TokenType._export, TokenType._default, TokenType.name, TokenType._function, TokenType.name) && this.tokens.matchesContextualAtIndex(
      this.tokens.currentIndex() + 2,
      ContextualKeyword._async
    ) || this.tokens.matches4(TokenType._export, TokenType._default, TokenType._class, TokenType.name) || this.tokens.matches5(TokenType._export, TokenType._default, TokenType._abstract, TokenType._class, TokenType.name)) && this.reactHotLoaderTransformer) {
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
    this.tokens.copyExpectedToken(TokenType._export), this.tokens.copyExpectedToken(TokenType.braceL);
    let isReExport = isExportFrom(this.tokens), foundNonTypeExport = !1;
    for (; !this.tokens.matches1(TokenType.braceR); ) {
      let specifierInfo = getImportExportSpecifierInfo(this.tokens);
      if (specifierInfo.isType || !isReExport && this.shouldElideExportedName(specifierInfo.leftName)) {
        for (; this.tokens.currentIndex() < specifierInfo.endIndex; )
          this.tokens.removeToken();
        this.tokens.matches1(TokenType.comma) && this.tokens.removeToken();
      } else {
        for (foundNonTypeExport = !0; this.tokens.currentIndex() < specifierInfo.endIndex; )
          this.tokens.copyToken();
        this.tokens.matches1(TokenType.comma) && this.tokens.copyToken();
      }
    }
    return this.tokens.copyExpectedToken(TokenType.braceR), !this.keepUnusedImports && isReExport && !foundNonTypeExport && (this.tokens.removeToken(), this.tokens.removeToken(), removeMaybeImportAttributes(this.tokens)), !0;
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

// node_modules/sucrase/dist/esm/transformers/FlowTransformer.js
function leftOut3() {
  throw new Error("sucrase/dist/esm/transformers/FlowTransformer.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}

// node_modules/sucrase/dist/esm/transformers/JestHoistTransformer.js
function leftOut4() {
  throw new Error("sucrase/dist/esm/transformers/JestHoistTransformer.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}

// node_modules/sucrase/dist/esm/transformers/NumericSeparatorTransformer.js
var NumericSeparatorTransformer = class extends Transformer {
  constructor(tokens) {
    super(), this.tokens = tokens;
  }
  process() {
    if (this.tokens.matches1(TokenType.num)) {
      let code = this.tokens.currentTokenCode();
      if (code.includes("_"))
        return this.tokens.replaceToken(code.replace(/_/g, "")), !0;
    }
    return !1;
  }
};

// node_modules/sucrase/dist/esm/transformers/OptionalCatchBindingTransformer.js
var OptionalCatchBindingTransformer = class extends Transformer {
  constructor(tokens, nameManager) {
    super(), this.tokens = tokens, this.nameManager = nameManager;
  }
  process() {
    return this.tokens.matches2(TokenType._catch, TokenType.braceL) ? (this.tokens.copyToken(), this.tokens.appendCode(` (${this.nameManager.claimFreeName("e")})`), !0) : !1;
  }
};

// node_modules/sucrase/dist/esm/transformers/OptionalChainingNullishTransformer.js
var OptionalChainingNullishTransformer = class extends Transformer {
  constructor(tokens, nameManager) {
    super(), this.tokens = tokens, this.nameManager = nameManager;
  }
  process() {
    if (this.tokens.matches1(TokenType.nullishCoalescing)) {
      let token2 = this.tokens.currentToken();
      return this.tokens.tokens[token2.nullishStartIndex].isAsyncOperation ? this.tokens.replaceTokenTrimmingLeftWhitespace(", async () => (") : this.tokens.replaceTokenTrimmingLeftWhitespace(", () => ("), !0;
    }
    if (this.tokens.matches1(TokenType._delete) && this.tokens.tokenAtRelativeIndex(1).isOptionalChainStart)
      return this.tokens.removeInitialToken(), !0;
    let chainStart = this.tokens.currentToken().subscriptStartIndex;
    if (chainStart != null && this.tokens.tokens[chainStart].isOptionalChainStart && // Super subscripts can't be optional (since super is never null/undefined), and the syntax
    // relies on the subscript being intact, so leave this token alone.
    this.tokens.tokenAtRelativeIndex(-1).type !== TokenType._super) {
      let param = this.nameManager.claimFreeName("_"), arrowStartSnippet;
      if (chainStart > 0 && this.tokens.matches1AtIndex(chainStart - 1, TokenType._delete) && this.isLastSubscriptInChain() ? arrowStartSnippet = `${param} => delete ${param}` : arrowStartSnippet = `${param} => ${param}`, this.tokens.tokens[chainStart].isAsyncOperation && (arrowStartSnippet = `async ${arrowStartSnippet}`), this.tokens.matches2(TokenType.questionDot, TokenType.parenL) || this.tokens.matches2(TokenType.questionDot, TokenType.lessThan))
        this.justSkippedSuper() && this.tokens.appendCode(".bind(this)"), this.tokens.replaceTokenTrimmingLeftWhitespace(`, 'optionalCall', ${arrowStartSnippet}`);
      else if (this.tokens.matches2(TokenType.questionDot, TokenType.bracketL))
        this.tokens.replaceTokenTrimmingLeftWhitespace(`, 'optionalAccess', ${arrowStartSnippet}`);
      else if (this.tokens.matches1(TokenType.questionDot))
        this.tokens.replaceTokenTrimmingLeftWhitespace(`, 'optionalAccess', ${arrowStartSnippet}.`);
      else if (this.tokens.matches1(TokenType.dot))
        this.tokens.replaceTokenTrimmingLeftWhitespace(`, 'access', ${arrowStartSnippet}.`);
      else if (this.tokens.matches1(TokenType.bracketL))
        this.tokens.replaceTokenTrimmingLeftWhitespace(`, 'access', ${arrowStartSnippet}[`);
      else if (this.tokens.matches1(TokenType.parenL))
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
        return this.tokens.tokens[index - 1].type === TokenType._super;
      index--;
    }
  }
};

// node_modules/sucrase/dist/esm/transformers/ReactDisplayNameTransformer.js
function leftOut5() {
  throw new Error("sucrase/dist/esm/transformers/ReactDisplayNameTransformer.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}

// node_modules/sucrase/dist/esm/transformers/ReactHotLoaderTransformer.js
function leftOut6() {
  throw new Error("sucrase/dist/esm/transformers/ReactHotLoaderTransformer.js is left out of Firebreak's bundle (scripts/build.mjs): plans are TypeScript");
}

// node_modules/sucrase/dist/esm/util/isIdentifier.js
var RESERVED_WORDS = /* @__PURE__ */ new Set([
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
  if (name.length === 0 || !IS_IDENTIFIER_START[name.charCodeAt(0)])
    return !1;
  for (let i = 1; i < name.length; i++)
    if (!IS_IDENTIFIER_CHAR[name.charCodeAt(i)])
      return !1;
  return !RESERVED_WORDS.has(name);
}

// node_modules/sucrase/dist/esm/transformers/TypeScriptTransformer.js
var TypeScriptTransformer = class extends Transformer {
  constructor(rootTransformer, tokens, isImportsTransformEnabled) {
    super(), this.rootTransformer = rootTransformer, this.tokens = tokens, this.isImportsTransformEnabled = isImportsTransformEnabled;
  }
  process() {
    return this.rootTransformer.processPossibleArrowParamEnd() || this.rootTransformer.processPossibleAsyncArrowWithTypeParams() || this.rootTransformer.processPossibleTypeRange() ? !0 : this.tokens.matches1(TokenType._public) || this.tokens.matches1(TokenType._protected) || this.tokens.matches1(TokenType._private) || this.tokens.matches1(TokenType._abstract) || this.tokens.matches1(TokenType._readonly) || this.tokens.matches1(TokenType._override) || this.tokens.matches1(TokenType.nonNullAssertion) ? (this.tokens.removeInitialToken(), !0) : this.tokens.matches1(TokenType._enum) || this.tokens.matches2(TokenType._const, TokenType._enum) ? (this.processEnum(), !0) : this.tokens.matches2(TokenType._export, TokenType._enum) || this.tokens.matches3(TokenType._export, TokenType._const, TokenType._enum) ? (this.processEnum(!0), !0) : !1;
  }
  processEnum(isExport = !1) {
    for (this.tokens.removeInitialToken(); this.tokens.matches1(TokenType._const) || this.tokens.matches1(TokenType._enum); )
      this.tokens.removeToken();
    let enumName = this.tokens.identifierName();
    this.tokens.removeToken(), isExport && !this.isImportsTransformEnabled && this.tokens.appendCode("export "), this.tokens.appendCode(`var ${enumName}; (function (${enumName})`), this.tokens.copyExpectedToken(TokenType.braceL), this.processEnumBody(enumName), this.tokens.copyExpectedToken(TokenType.braceR), isExport && this.isImportsTransformEnabled ? this.tokens.appendCode(`)(${enumName} || (exports.${enumName} = ${enumName} = {}));`) : this.tokens.appendCode(`)(${enumName} || (${enumName} = {}));`);
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
    for (; !this.tokens.matches1(TokenType.braceR); ) {
      let { nameStringCode, variableName } = this.extractEnumKeyInfo(this.tokens.currentToken());
      this.tokens.removeInitialToken(), this.tokens.matches3(TokenType.eq, TokenType.string, TokenType.comma) || this.tokens.matches3(TokenType.eq, TokenType.string, TokenType.braceR) ? this.processStringLiteralEnumMember(enumName, nameStringCode, variableName) : this.tokens.matches1(TokenType.eq) ? this.processExplicitValueEnumMember(enumName, nameStringCode, variableName) : this.processImplicitValueEnumMember(
        enumName,
        nameStringCode,
        variableName,
        previousValueCode
      ), this.tokens.matches1(TokenType.comma) && this.tokens.removeToken(), variableName != null ? previousValueCode = variableName : previousValueCode = `${enumName}[${nameStringCode}]`;
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
    if (nameToken.type === TokenType.name) {
      let name = this.tokens.identifierNameForToken(nameToken);
      return {
        nameStringCode: `"${name}"`,
        variableName: isIdentifier(name) ? name : null
      };
    } else if (nameToken.type === TokenType.string) {
      let name = this.tokens.stringValueForToken(nameToken);
      return {
        nameStringCode: this.tokens.code.slice(nameToken.start, nameToken.end),
        variableName: isIdentifier(name) ? name : null
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

// node_modules/sucrase/dist/esm/transformers/RootTransformer.js
var RootTransformer = class _RootTransformer {
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
      new OptionalChainingNullishTransformer(tokenProcessor, this.nameManager)
    ), this.transformers.push(new NumericSeparatorTransformer(tokenProcessor)), this.transformers.push(new OptionalCatchBindingTransformer(tokenProcessor, this.nameManager))), transforms.includes("jsx") && (options.jsxRuntime !== "preserve" && this.transformers.push(
      new leftOut(this, tokenProcessor, importProcessor, this.nameManager, options)
    ), this.transformers.push(
      new leftOut5(this, tokenProcessor, importProcessor, options)
    ));
    let reactHotLoaderTransformer = null;
    if (transforms.includes("react-hot-loader")) {
      if (!options.filePath)
        throw new Error("filePath is required when using the react-hot-loader transform.");
      reactHotLoaderTransformer = new leftOut6(tokenProcessor, options.filePath), this.transformers.push(reactHotLoaderTransformer);
    }
    if (transforms.includes("imports")) {
      if (importProcessor === null)
        throw new Error("Expected non-null importProcessor with imports transform enabled.");
      this.transformers.push(
        new CJSImportTransformer(
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
        new ESMImportTransformer(
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
      new leftOut3(this, tokenProcessor, transforms.includes("imports"))
    ), transforms.includes("typescript") && this.transformers.push(
      new TypeScriptTransformer(this, tokenProcessor, transforms.includes("imports"))
    ), transforms.includes("jest") && this.transformers.push(
      new leftOut4(this, tokenProcessor, this.nameManager, importProcessor)
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
      if (this.tokens.matches1(TokenType.braceL) || this.tokens.matches1(TokenType.dollarBraceL))
        braceDepth++;
      else if (this.tokens.matches1(TokenType.braceR)) {
        if (braceDepth === 0)
          return;
        braceDepth--;
      }
      if (this.tokens.matches1(TokenType.parenL))
        parenDepth++;
      else if (this.tokens.matches1(TokenType.parenR)) {
        if (parenDepth === 0)
          return;
        parenDepth--;
      }
      this.processToken();
    }
  }
  processToken() {
    if (this.tokens.matches1(TokenType._class)) {
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
    if (!this.tokens.matches2(TokenType._class, TokenType.name))
      throw new Error("Expected identifier for exported class name.");
    let name = this.tokens.identifierNameAtIndex(this.tokens.currentIndex() + 1);
    return this.processClass(), name;
  }
  processClass() {
    let classInfo = getClassInfo(this, this.tokens, this.nameManager, this.disableESTransforms), needsCommaExpression = (classInfo.headerInfo.isExpression || !classInfo.headerInfo.className) && classInfo.staticInitializerNames.length + classInfo.instanceInitializerNames.length > 0, className = classInfo.headerInfo.className;
    needsCommaExpression && (className = this.nameManager.claimFreeName("_class"), this.generatedVariables.push(className), this.tokens.appendCode(` (${className} =`));
    let contextId = this.tokens.currentToken().contextId;
    if (contextId == null)
      throw new Error("Expected class to have a context ID.");
    for (this.tokens.copyExpectedToken(TokenType._class); !this.tokens.matchesContextIdAndLabel(TokenType.braceL, contextId); )
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
    this.tokens.copyExpectedToken(TokenType.braceL), this.isReactHotLoaderTransformEnabled && this.tokens.appendCode(
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
    for (; !this.tokens.matchesContextIdAndLabel(TokenType.braceR, classContextId); )
      if (fieldIndex < fields.length && this.tokens.currentIndex() === fields[fieldIndex].start) {
        let needsCloseBrace = !1;
        for (this.tokens.matches1(TokenType.bracketL) ? this.tokens.copyTokenWithPrefix(`${fields[fieldIndex].initializerName}() {this`) : this.tokens.matches1(TokenType.string) || this.tokens.matches1(TokenType.num) ? (this.tokens.copyTokenWithPrefix(`${fields[fieldIndex].initializerName}() {this[`), needsCloseBrace = !0) : this.tokens.copyTokenWithPrefix(`${fields[fieldIndex].initializerName}() {this.`); this.tokens.currentIndex() < fields[fieldIndex].end; )
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
    this.tokens.copyExpectedToken(TokenType.braceR);
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
    if (this.tokens.matches2(TokenType.parenR, TokenType.colon) && this.tokens.tokenAtRelativeIndex(1).isType) {
      let nextNonTypeIndex = this.tokens.currentIndex() + 1;
      for (; this.tokens.tokens[nextNonTypeIndex].isType; )
        nextNonTypeIndex++;
      if (this.tokens.matches1AtIndex(nextNonTypeIndex, TokenType.arrow)) {
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
    if (!this.tokens.matchesContextual(ContextualKeyword._async) && !this.tokens.matches1(TokenType._async))
      return !1;
    let nextToken2 = this.tokens.tokenAtRelativeIndex(1);
    if (nextToken2.type !== TokenType.lessThan || !nextToken2.isType)
      return !1;
    let nextNonTypeIndex = this.tokens.currentIndex() + 1;
    for (; this.tokens.tokens[nextNonTypeIndex].isType; )
      nextNonTypeIndex++;
    if (this.tokens.matches1AtIndex(nextNonTypeIndex, TokenType.parenL)) {
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

// node_modules/sucrase/dist/esm/util/getTSImportedNames.js
function getTSImportedNames(tokens) {
  let importedNames2 = /* @__PURE__ */ new Set();
  for (let i = 0; i < tokens.tokens.length; i++)
    tokens.matches1AtIndex(i, TokenType._import) && !tokens.matches3AtIndex(i, TokenType._import, TokenType.name, TokenType.eq) && collectNamesForImport(tokens, i, importedNames2);
  return importedNames2;
}
function collectNamesForImport(tokens, index, importedNames2) {
  index++, !tokens.matches1AtIndex(index, TokenType.parenL) && (tokens.matches1AtIndex(index, TokenType.name) && (importedNames2.add(tokens.identifierNameAtIndex(index)), index++, tokens.matches1AtIndex(index, TokenType.comma) && index++), tokens.matches1AtIndex(index, TokenType.star) && (index += 2, importedNames2.add(tokens.identifierNameAtIndex(index)), index++), tokens.matches1AtIndex(index, TokenType.braceL) && (index++, collectNamesForNamedImport(tokens, index, importedNames2)));
}
function collectNamesForNamedImport(tokens, index, importedNames2) {
  for (; ; ) {
    if (tokens.matches1AtIndex(index, TokenType.braceR))
      return;
    let specifierInfo = getImportExportSpecifierInfo(tokens, index);
    if (index = specifierInfo.endIndex, specifierInfo.isType || importedNames2.add(specifierInfo.rightName), tokens.matches2AtIndex(index, TokenType.comma, TokenType.braceR))
      return;
    if (tokens.matches1AtIndex(index, TokenType.braceR))
      return;
    if (tokens.matches1AtIndex(index, TokenType.comma))
      index++;
    else
      throw new Error(`Unexpected token: ${JSON.stringify(tokens.tokens[index])}`);
  }
}

// node_modules/sucrase/dist/esm/index.js
function transform(code, options) {
  try {
    let sucraseContext = getSucraseContext(code, options), transformerResult = new RootTransformer(
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
        sourceMap: leftOut2(
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
function getSucraseContext(code, options) {
  let isJSXEnabled2 = options.transforms.includes("jsx"), isTypeScriptEnabled2 = options.transforms.includes("typescript"), isFlowEnabled2 = options.transforms.includes("flow"), disableESTransforms = options.disableESTransforms === !0, file = parse(code, isJSXEnabled2, isTypeScriptEnabled2, isFlowEnabled2), tokens = file.tokens, scopes = file.scopes, nameManager = new NameManager(code, tokens), helperManager = new HelperManager(nameManager), tokenProcessor = new TokenProcessor(
    code,
    tokens,
    isFlowEnabled2,
    disableESTransforms,
    helperManager
  ), enableLegacyTypeScriptModuleInterop = !!options.enableLegacyTypeScriptModuleInterop, importProcessor = null;
  return options.transforms.includes("imports") ? (importProcessor = new CJSImportProcessor(
    nameManager,
    tokenProcessor,
    enableLegacyTypeScriptModuleInterop,
    options,
    options.transforms.includes("typescript"),
    !!options.keepUnusedImports,
    helperManager
  ), importProcessor.preprocessTokens(), identifyShadowedGlobals(tokenProcessor, scopes, importProcessor.getGlobalNames()), options.transforms.includes("typescript") && !options.keepUnusedImports && importProcessor.pruneTypeOnlyImports()) : options.transforms.includes("typescript") && !options.keepUnusedImports && identifyShadowedGlobals(tokenProcessor, scopes, getTSImportedNames(tokenProcessor)), { tokenProcessor, scopes, nameManager, importProcessor, helperManager };
}

// sdk/api.ts
var api_exports = {};
__export(api_exports, {
  AutoscalerManagedError: () => AutoscalerManagedError,
  CancelledError: () => CancelledError,
  CapacityError: () => CapacityError,
  ConflictError: () => ConflictError,
  DEFAULT_STAGES: () => DEFAULT_STAGES,
  DeploymentPausedError: () => DeploymentPausedError,
  FirebreakError: () => FirebreakError,
  ForbiddenError: () => ForbiddenError,
  GateFailedError: () => GateFailedError,
  InvalidJournalError: () => InvalidJournalError,
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
  RolloutFailedError: () => RolloutFailedError,
  RolloutTimeoutError: () => RolloutTimeoutError,
  RouteDriftError: () => RouteDriftError,
  RouteRejectedError: () => RouteRejectedError,
  RouteStatusTimeoutError: () => RouteStatusTimeoutError,
  SDK_VERSION: () => SDK_VERSION,
  ShiftedRuleError: () => ShiftedRuleError,
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
  planFrame: () => planFrame,
  smi: () => smi
});

// sdk/util/image.ts
function pinnedImage(expected, actual) {
  return typeof expected != "string" || typeof actual != "string" || expected.includes("@") ? !1 : actual.startsWith(`${expected}@`) && /^sha256:[0-9a-f]{64}$/.test(actual.slice(expected.length + 1));
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
  refuseWhenStopping(ctx, ref);
  let pending = write();
  ctx.inflight.add(pending);
  try {
    return await pending;
  } finally {
    ctx.inflight.delete(pending);
  }
}
function refuseWhenStopping(ctx, ref) {
  if (ctx.signal.aborted) throw new CancelledError(`the run is stopping: not writing ${refString(ref)}`);
}
async function writeObject(ctx, req) {
  for (let attempt = 1; ; attempt++) {
    let current = attempt === 1 && req.current ? req.current : await readRequired(ctx, req.ref), patch = req.patchFor(current), predicted = applyMergePatch(current, patch), changes = diffObjects(current, predicted);
    if ((changes.length === 0 || ctx.mode === "preview") && ctx.kube.unsentWrite?.(req.ref, "patch"), changes.length === 0) return { object: current, changes };
    if (ctx.mode === "preview")
      return refuseWhenStopping(ctx, req.ref), ctx.preview.put(req.ref, predicted), journalChanges(ctx, req, changes, !1, { before: current, after: predicted }), { object: predicted, changes };
    try {
      await send(ctx, req.ref, () => ctx.kube.patch(req.ref, patch, { resourceVersion: current.metadata.resourceVersion }));
    } catch (err) {
      if (err instanceof KubeConflict && attempt < MAX_CONFLICT_RETRIES) continue;
      throw err instanceof KubeConflict ? new ConflictError(refString(req.ref), attempt) : err;
    }
    let readBack = await readRequired(ctx, req.ref);
    return journalLanded(ctx, req, changes, { before: current, predicted, readBack }), { object: readBack, changes };
  }
}
var APPLY_CONFLICT_FIX = "Another field manager owns these fields: apply with { force: true } to take them over, or leave them out of the manifest.", OWN_PATCHES_FIX = `An earlier step of this run patched them (field manager "${FIELD_MANAGER}", an Update), and server-side apply will not take them from a patch: apply with { force: true } to let the manifest's values win (then shift or scale again after it, if the plan still needs its own), or leave them out of the manifest.`, SERVER_SET = /* @__PURE__ */ new Set(["metadata.uid", "metadata.creationTimestamp"]);
async function applyObject(ctx, req) {
  let asWritten = refOf(req.object, req.context);
  if (!ctx.kube.apply) throw new KubeApiError(0, refString(asWritten), "this Kubernetes port cannot server-side apply; use a port made by createKube (the CLI and the action do)");
  let apply = (dryRun) => ctx.kube.apply(req.object, { dryRun, ...req.force ? { force: !0 } : {}, ...req.context ? { context: req.context } : {} }).catch((err) => {
    throw err instanceof KubeConflict ? new KubeApiError(409, refString(asWritten), `${err.message}. ${err.message.includes(`"${FIELD_MANAGER}"`) ? OWN_PATCHES_FIX : APPLY_CONFLICT_FIX}`) : err;
  }), predicted = await apply(!0).catch(async (err) => {
    let created = ctx.mode === "preview" && err instanceof KubeApiError && err.status === 404 ? await inNamespacePreviewCreates(ctx, asWritten, req.object) : void 0;
    if (!created) throw err;
    return created;
  }), ref = { ...asWritten, ...predicted.metadata.namespace ? { namespace: predicted.metadata.namespace } : {} }, current = await ctx.kube.get(ref);
  if (ctx.mode === "preview") {
    let base = current && !req.force ? await ctx.preview.beforePatches(ref) : void 0, patched = current && base ? patchedFieldsSetOtherwise(base, current, req.object) : [];
    if (current && patched.length)
      return foreseeStop(ctx.journal, new KubeApiError(409, refString(ref), `the manifest sets ${patched.join(", ")} otherwise. ${OWN_PATCHES_FIX}`).message), { ref, object: current, changes: [] };
    let live = await ctx.preview.live(ref);
    current && !sameJson(live, current) && (predicted = applyMergePatch(applyMergePatch(current, mergePatchFrom(live ?? {}, predicted)), fieldsOf(predicted, req.object)));
  }
  let changes = diffObjects(current ?? { metadata: {} }, predicted).filter((c) => !SERVER_SET.has(c.field));
  if ((changes.length === 0 || ctx.mode === "preview") && (ctx.kube.unsentWrite?.(ref, "patch"), current || ctx.kube.unsentWrite?.(ref, "create")), changes.length === 0) return { ref, object: current ?? predicted, changes };
  let write = { ref, action: req.action, patchFor: () => ({}) };
  if (ctx.mode === "preview")
    return refuseWhenStopping(ctx, ref), ctx.preview.put(ref, predicted, { applied: !0 }), journalChanges(ctx, write, changes, !1, { before: current, after: predicted }), { ref, object: predicted, changes };
  await send(ctx, ref, () => apply(!1));
  let readBack = await readRequired(ctx, ref);
  return journalLanded(ctx, write, changes, { before: current, predicted, readBack }), { ref, object: readBack, changes };
}
function patchedFieldsSetOtherwise(base, viewed, manifest) {
  let patched = diffObjects(base, viewed).map((c) => c.field);
  return diffObjects(viewed, manifest).flatMap((c) => c.after !== void 0 && patched.some((p) => overlaps(c.field, p)) ? [c.field] : []);
}
async function inNamespacePreviewCreates(ctx, ref, object) {
  if (!ref.namespace) return;
  let namespace = { apiVersion: "v1", kind: "Namespace", name: ref.namespace, ...ref.context ? { context: ref.context } : {} };
  if (!(!await ctx.preview.get(namespace) || await ctx.preview.live(namespace)))
    return { ...object, metadata: { ...object.metadata, namespace: ref.namespace } };
}
function journalLanded(ctx, req, changes, objects) {
  let landed = changes.flatMap((c) => {
    let after2 = valueAt(objects.readBack, c.field);
    return sameJson(after2, c.before) ? [] : [{ ...c, after: after2 }];
  });
  journalChanges(ctx, req, landed, !0, { before: objects.before, after: objects.readBack });
  for (let c of changes) {
    let actual = valueAt(objects.readBack, c.field);
    if (!sameJson(actual, c.after) && !(isImageField(c.field) && pinnedImage(c.after, actual))) {
      let shown2 = redactChange({ object: req.ref, field: c.field, before: c.after, after: actual }, { before: objects.predicted, after: objects.readBack });
      throw new VerificationError(`${refString(req.ref)} ${c.field}`, shown2.before, shown2.after);
    }
  }
}
var isImageField = (field) => /(^|\.)image$/.test(field);
function journalChanges(ctx, req, changes, applied, objects) {
  let object = journalRef(req.ref);
  for (let c of changes) {
    let shown2 = redactChange({ object, field: c.field, before: c.before, after: c.after }, objects);
    ctx.journal.emit({ type: "change", object, field: c.field, before: shown2.before, after: shown2.after, applied, action: req.action, ...ctx.journal.digests(c, shown2) });
  }
}

// sdk/engine/read-ahead.ts
var getKey = (r) => JSON.stringify(["get", r.context ?? "", r.apiVersion, r.kind, r.namespace ?? "", r.name]), listKey = (o) => JSON.stringify(["list", o.context ?? "", o.apiVersion, o.kind, o.namespace ?? "", o.labelSelector ?? "", o.fieldSelector ?? ""]);
function readAhead(kube, reads) {
  if (reads.length === 0) return kube;
  let started = /* @__PURE__ */ new Map();
  for (let read2 of reads) {
    let [key2, promise] = "get" in read2 ? [getKey(read2.get), kube.get(read2.get)] : [listKey(read2.list), kube.list(read2.list)];
    promise.catch(() => {
    }), started.set(key2, promise);
  }
  let take = (key2, otherwise) => {
    let promise = started.get(key2);
    return promise ? (started.delete(key2), promise) : otherwise();
  };
  return {
    ...kube,
    get: (ref) => take(getKey(ref), () => kube.get(ref)),
    list: (options) => take(listKey(options), () => kube.list(options))
  };
}

// sdk/traffic/route-verdict.ts
var POLL_MS = 1e3, VERDICT_TIMEOUT_MS = 3e4;
async function awaitVerdict(ctx, router, before, written, restoring) {
  try {
    await untilReported(ctx, router, before, written);
  } catch (err) {
    if (!(restoring && err instanceof RouteRejectedError)) throw err;
    ctx.journal.emit({ type: "note", text: err.message });
  }
}
async function untilReported(ctx, router, before, written) {
  if (!router.pendingVerdict) return;
  let start = ctx.clock.now(), now = written;
  for (; ; ) {
    let pending = router.pendingVerdict(before, now);
    if (pending === void 0) return;
    let waited = ctx.clock.now() - start;
    if (waited >= VERDICT_TIMEOUT_MS) throw new RouteStatusTimeoutError(router.label, waited, pending);
    ctx.progress(`waiting for the status of ${router.label}`), await ctx.clock.sleep(POLL_MS, ctx.signal), now = await readRequired(ctx, router.ref);
  }
}

// sdk/traffic/capacity.ts
function fullFleet(serving) {
  let implied = serving.map((s) => ({ pods: Math.max(s.ready, s.replicas ?? 0), weight: s.weight })).filter((s) => s.pods > 0 && s.weight > 0).map((s) => s.pods * 100 / s.weight);
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
var CAPACITY_MODES = ["check", "skip"], POLL_MS2 = 2e3, beforeEdits = ({ edit, unconfirmed, ...shift }) => shift;
function createRoute(router, options = {}) {
  let key2 = routeKey(router.ref, router.part), inspect = async (ctx, want) => {
    let kube = readAhead(ctx.kube, router.readsAhead?.(want) ?? []), state2 = await router.inspect(await readRequired(ctx, router.ref), kube, want);
    if (registerImpact(ctx, state2, state2.split), registerBackends(ctx, state2), !ctx.routesSeen.has(key2)) {
      ctx.routesSeen.add(key2), journalSplit(ctx, state2.split, !0, { initial: !0 });
      for (let text of state2.unchecked ?? []) ctx.journal.emit({ type: "note", text });
    }
    return state2;
  }, registerImpact = (ctx, state2, split) => {
    let carrying = Object.keys(split).filter((d) => split[d] > 0);
    for (let destination of carrying.length ? carrying : Object.keys(split).slice(0, 1)) {
      let scope = router.metricScope(state2, destination), key3 = `${router.metrics}|${scope.namespace}|${scope.service}`;
      ctx.impactScopes.has(key3) || ctx.impactScopes.set(key3, { mesh: router.metrics, namespace: scope.namespace, service: scope.service });
    }
  }, registerBackends = (ctx, state2) => {
    for (let [destination, backend] of Object.entries(options.backends ?? {}))
      destination in state2.split && ctx.backendScopes.set(`${key2}|${destination}`, { mesh: router.metrics, scope: router.metricScope(state2, destination), deployment: backend.ref });
  }, journalSplit = (ctx, split, verified, first = {}) => {
    ctx.journal.emit({ type: "traffic", route: journalRef(router.ref), split, verified, ...first });
  }, write = async (ctx, state2, split, action, fresh = !1, restoring = !1) => {
    let object = refString(router.ref);
    ctx.shifting.set(object, (ctx.shifting.get(object) ?? 0) + 1);
    let recorded = record(ctx, state2, split, action, fresh, restoring);
    ctx.inflight.add(recorded);
    try {
      await recorded;
    } finally {
      ctx.inflight.delete(recorded);
      let left = ctx.shifting.get(object) - 1;
      left ? ctx.shifting.set(object, left) : ctx.shifting.delete(object);
    }
  }, record = async (ctx, state2, split, action, fresh, restoring) => {
    let want = Object.keys(split), readerOf = (object2) => {
      let rule = router.ruleOf?.(object2, want);
      return (o) => router.splitOf(o, state2, want, rule);
    }, { object, changes } = await writeObject(ctx, {
      ref: router.ref,
      action,
      patchFor: (current) => router.patchFor({ ...state2, object: current }, split),
      ...fresh ? { current: state2.object } : {}
    }).catch((err) => {
      let last2 = ctx.shifts.get(key2) ?? shiftOf(ctx, state2, state2.split, readerOf(state2.object));
      throw ctx.mode === "run" && ctx.shifts.set(key2, { ...last2, at: ctx.clock.now(), unconfirmed: split }), err;
    }), splitOf = readerOf(object), readBack = splitOf(object);
    if (ctx.mode === "run" && !sameSplit(readBack, split)) throw new VerificationError(router.label, split, readBack);
    registerImpact(ctx, { ...state2, object }, readBack);
    let last = ctx.shifts.get(key2);
    if (changes.length) {
      ctx.shifts.set(key2, shiftOf(ctx, state2, readBack, splitOf));
      for (let [k, s] of ctx.shifts) {
        let { now } = k !== key2 && refString(s.ref) === refString(router.ref) ? splitIn(s, object) : {};
        now && ctx.shifts.set(k, { ...beforeEdits(s), split: now });
      }
    } else last && ctx.shifts.set(key2, { ...beforeEdits(last), split: readBack, splitOf });
    journalSplit(ctx, readBack, ctx.mode === "run"), ctx.progress(`${router.label}: ${formatSplit(readBack)}${ctx.mode === "run" ? " (verified)" : " (preview)"}`), ctx.mode === "run" && changes.length && await awaitVerdict(ctx, router, state2.object, object, restoring);
  }, shiftOf = (ctx, state2, split, splitOf) => {
    let scopes = [.../* @__PURE__ */ new Set([...Object.keys(state2.split), ...Object.keys(split)])].map((d) => router.metricScope(state2, d));
    return { at: ctx.clock.now(), label: router.label, mesh: router.metrics, scopes, ref: router.ref, split, splitOf, without: router.withoutObject(state2) };
  }, refuseUnknown = (state2, named) => {
    let unknown = named.filter((d) => !state2.destinations.includes(d));
    if (unknown.length) throw new UnknownDestinationError(router.label, unknown, state2.destinations, router.destinationNoun, void 0, router.unknownAside?.(state2.object));
  }, checkBackends = (destinations, why) => {
    let strays = Object.keys(options.backends ?? {}).filter((d) => !destinations.includes(d));
    if (strays.length)
      throw new UnknownDestinationError(router.label, strays, destinations, router.destinationNoun, {
        where: "its backends",
        fix: `Key each backend by the ${router.destinationNoun} its Deployment serves: ${why}.`
      });
  }, ensureCapacity = async (ctx, state2, target, opts, reads) => {
    let wrote = !1, rising = Object.keys(target).filter((d) => target[d] > (state2.split[d] ?? 0)), serving = Object.keys(state2.split).filter((d) => (state2.split[d] ?? 0) > 0), declared = (d) => !!options.backends?.[d], unknownBackends = [.../* @__PURE__ */ new Set([...rising, ...serving])].filter((d) => !declared(d));
    if (!rising.length) return !1;
    unknownBackends.length && !opts.restoring && checkBackends(state2.destinations, `without one for ${unknownBackends.join(", ")}, this shift cannot check its capacity`);
    let checked = rising.filter(declared), sizedFrom = serving.filter(declared), fleetKnown = options.fullFleet !== void 0 || ctx.fleets.has(key2) || sizedFrom.length > 0;
    if (unknownBackends.length) {
      let none = !checked.length || !fleetKnown, text = none ? `capacity not checked for ${router.label}: no backend declared for ${unknownBackends.join(", ")}` : `capacity of ${unknownBackends.join(", ")} on ${router.label} not checked: no backend declared for it; the others are`;
      if (ctx.journal.emit({ type: "note", text }), none) return !1;
    }
    let pools;
    try {
      pools = new Map(await Promise.all([.../* @__PURE__ */ new Set([...sizedFrom, ...checked])].map(async (d) => [d, await reads.get(d)])));
    } catch (err) {
      if (!opts.restoring) throw err;
      return ctx.journal.emit({ type: "note", text: `capacity not checked for ${router.label}: a backend could not be read (${describeError(err).message}); the restore goes ahead without the check` }), !1;
    }
    let readyOf = (d) => pools.get(d)?.status?.readyReplicas ?? 0, replicasOf = (d) => pools.get(d)?.spec?.replicas ?? 0, ready = async (d) => options.backends[d].readyReplicas(), servingReady = options.fullFleet ?? ctx.fleets.get(key2);
    if (servingReady === void 0) {
      if (servingReady = fullFleet(sizedFrom.map((d) => ({ ready: readyOf(d), replicas: replicasOf(d), weight: state2.split[d] }))), servingReady === 0)
        return ctx.journal.emit({ type: "note", text: `capacity not checked for ${router.label}: no pool carrying it (${sizedFrom.join(", ")}) has pods to size it from; set fullFleet on the route` }), !1;
      ctx.fleets.set(key2, servingReady);
    }
    let timeoutMs = toMs(opts.capacityTimeout ?? "5m", "capacityTimeout");
    for (let dest of checked) {
      let backend = options.backends[dest], needed = replicasNeeded(servingReady, target[dest]), have = readyOf(dest);
      if (have >= needed || (wrote = !0, replicasOf(dest) < needed && (ctx.journal.emit({ type: "note", text: `${backend.label} has ${have} ready pods; ${target[dest]}% of ${router.label} needs ${needed}: scaling up first` }), await backend.scale(needed)), ctx.mode === "preview")) continue;
      let start = ctx.clock.now(), current = state2.split;
      for (; ; ) {
        let now = await ready(dest);
        if (now >= needed) break;
        let supported = weightSupported(now, servingReady);
        rising.length === 1 && supported > (current[dest] ?? 0) && supported < target[dest] && (current = partialSplit(current, target, dest, supported), await write(ctx, state2, current, `shift traffic in steps while ${backend.label} scales up`));
        let waited = ctx.clock.now() - start;
        if (waited >= timeoutMs)
          throw new CapacityError(
            `${backend.label} has ${now} ready of the ${needed} pods needed to take ${target[dest]}% of ${router.label} (waited ${formatMs(waited)}); it carries ${current[dest] ?? 0}% now. Check why its pods do not become ready (kubectl describe pods), or raise capacityTimeout.`
          );
        ctx.progress(`waiting for ${backend.label}: ${now}/${needed} ready to take ${target[dest]}%`), await ctx.clock.sleep(POLL_MS2, ctx.signal);
      }
    }
    return wrote;
  }, readPools = () => {
    let reads = /* @__PURE__ */ new Map();
    for (let [d, backend] of Object.entries(options.backends ?? {})) {
      let read2 = backend.get();
      read2.catch(() => {
      }), reads.set(d, read2);
    }
    return reads;
  }, handle2 = {
    ref: router.ref,
    key: key2,
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
      let { restoring: _, ...given } = opts;
      checkKnownKeys(`${router.label}.shift()`, given, ["capacity", "capacityTimeout", "action"]), checkOneOf(`${router.label}.shift()`, "capacity", opts.capacity, CAPACITY_MODES), opts.capacityTimeout !== void 0 && (toMs(opts.capacityTimeout, "capacityTimeout"), ctx.capacityTimeouts.set(key2, opts.capacityTimeout));
      let step2 = currentStepName(), by = step2 === void 0 ? "the plan's program" : `step "${step2}"`, other = ctx.shiftsUnderway.get(key2);
      if (other !== void 0 && !opts.restoring) {
        let also = other === by ? "while another shift of its own is still underway" : `while ${other} is still shifting it`;
        throw new InvalidPlanError(
          `${router.label}: ${by} shifts it to ${formatSplit(split)} ${also}: two shifts of one route at once leave it at whichever writes last. Await one before starting the other (not Promise.all); shifts of different routes may run together.`
        );
      }
      ctx.shiftsUnderway.set(key2, by);
      try {
        let checking = opts.capacity !== "skip", pools = checking ? readPools() : /* @__PURE__ */ new Map(), state2 = await inspect(ctx, Object.keys(split));
        refuseUnknown(state2, Object.keys(split)), router.patchFor(state2, split);
        let receiving = Object.keys(split).filter((d) => split[d] > 0 && !state2.split[d] && !(checking && options.backends?.[d]));
        await router.checkServed?.(state2, receiving, ctx.kube);
        let changed = checking && await ensureCapacity(ctx, state2, split, opts, pools);
        await write(ctx, state2, split, opts.action ?? "shift traffic", !changed, opts.restoring);
      } finally {
        ctx.shiftsUnderway.get(key2) === by && ctx.shiftsUnderway.delete(key2);
      }
    },
    async metricScope(destination) {
      let state2 = await inspect(currentContext(`${router.label}.metricScope()`), [destination]);
      return refuseUnknown(state2, [destination]), router.metricScope(state2, destination);
    },
    backend: (d) => options.backends?.[d],
    async checkDestinations(named) {
      let state2 = await inspect(currentContext(`${router.label}.checkDestinations()`));
      refuseUnknown(state2, named), checkBackends(state2.destinations, "a misspelt key leaves the capacity of the one it meant unchecked, and a shift that needs it refused");
    }
  };
  return watchedHandle(handle2, router.label);
}

// sdk/traffic/handles.ts
var ROUTE_OPTIONS = ["backends", "fullFleet"];
function handle(call, required, optional, router) {
  return (options) => (checkNames(call, options, required, [...optional, ...ROUTE_OPTIONS]), createRoute(router(options), options));
}
var istio = {
  virtualService: handle("istio.virtualService", ["namespace", "name"], ["context", "httpRoute", "apiVersion", "rootNamespace"], istioVirtualServiceRouter)
}, gatewayApi = {
  httpRoute: handle("gatewayApi.httpRoute", ["namespace", "name"], ["context", "rule", "metrics"], httpRouteRouter)
}, smi = {
  trafficSplit: handle("smi.trafficSplit", ["namespace", "name"], ["context", "apiVersion"], trafficSplitRouter)
}, ingressNginx = {
  canary: handle("ingressNginx.canary", ["namespace", "canaryIngress"], ["stableIngress", "context"], nginxCanaryRouter)
};

// sdk/traffic/canary.ts
var DEFAULT_STAGES = [1, 10, 50, 100], FAILURE_MODES = ["fail", "return"], StageFailed = class extends GateFailedError {
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
function stageGate(gate, weight) {
  let given = typeof gate == "function" ? gate(weight) : gate;
  if (((g) => typeof g == "object" && g !== null && typeof g.evaluate == "function" && typeof g.description == "string")(given)) return given;
  let got = typeof gate == "function" ? `a function that returned ${typeof given} for ${weight}%` : given === void 0 ? "none" : `a ${typeof given}`;
  throw new InvalidPlanError(
    `canary needs a gate to judge each stage before the next, e.g. gate: gates.successRate({ route, destination: "release", min: 0.99 }) (got ${got}).`
  );
}
var PACE_FIELDS = ["interval", "timeout", "consecutive"];
function checkStageTiming(weight, gate, opts, pauseMs) {
  let name = `gate "canary ${weight}%"`, policy = { ...DEFAULT_POLICY, ...gate.policy, ...opts.gateOptions }, fromOptions = PACE_FIELDS.some((f) => opts.gateOptions?.[f] !== void 0);
  checkPace(name, policy, fromOptions ? "gateOptions" : "policy", gate.holds);
  let wait = gate.waitAfterShift?.(opts.route);
  if (!wait) return;
  let intervalMs = toMs(policy.interval), timeoutMs = toMs(policy.timeout), more = policy.consecutive - 1, needMs = Math.max(0, wait.ms - pauseMs) + more * intervalMs;
  if (needMs <= timeoutMs) return;
  let streak = more ? `, then ${more} more passing round${more === 1 ? "" : "s"} ${formatMs(intervalMs)} apart` : "", windowAtMost = pauseMs + timeoutMs - more * intervalMs;
  throw new InvalidPlanError(
    `canary ${weight}%: its gate waits for ${wait.what} from after the stage's shift${streak}, and the stage gives it ${formatMs(pauseMs + timeoutMs)} (the pause of ${formatMs(pauseMs)}, then the gate's timeout of ${formatMs(timeoutMs)}), so ${name} could never pass: ${windowAtMost > 0 ? `give the gate a window of at most ${formatMs(windowAtMost)}, or ` : ""}lengthen pause or gateOptions.timeout by ${formatMs(needMs - timeoutMs)}`
  );
}
async function returnAfterThrow(run2, opts, weight, err) {
  if (!(err instanceof CancelledError || run2.signal.aborted))
    try {
      await opts.route.shift({ [opts.stable]: 100, [opts.canary]: 0 }, { action: `return traffic to ${opts.stable}: canary ${weight}% not judged (${describeError(err).name})` });
    } catch (back) {
      run2.note(`canary ${weight}%: traffic could not be returned to ${opts.stable} after the stage was not judged: ${describeError(back).message}`);
    }
}
async function canary(run2, opts) {
  checkKnownKeys("canary", opts, ["route", "stable", "canary", "stages", "pause", "gate", "gateOptions", "onFailure"]);
  let stages = opts.stages ?? DEFAULT_STAGES;
  if (validateStages(stages), checkOneOf("canary", "onFailure", opts.onFailure, FAILURE_MODES), opts.stable === opts.canary) throw new InvalidPlanError(`canary: stable and canary are both '${opts.stable}'`);
  let pause = opts.pause ?? "1m", pauseMs = toMs(pause, "canary pause");
  checkPolicy("canary", opts.gateOptions, "gateOptions");
  let gates2 = new Map(stages.filter((w) => w < 100).map((w) => [w, stageGate(opts.gate, w)]));
  for (let [weight, gate] of gates2) checkStageTiming(weight, gate, opts, pauseMs);
  for (let weight of stages)
    try {
      await run2.step(`canary ${weight}%`, async () => {
        if (await opts.route.shift({ [opts.canary]: weight, [opts.stable]: 100 - weight }), weight === 100) return;
        let v;
        try {
          await run2.pause(pause, `let ${weight}% of traffic reach ${opts.canary}`), v = await run2.check(`canary ${weight}%`, gates2.get(weight), opts.gateOptions);
        } catch (err) {
          throw await returnAfterThrow(run2, opts, weight, err), err;
        }
        if (v.phase !== "passed")
          throw await opts.route.shift({ [opts.stable]: 100, [opts.canary]: 0 }, { action: `return traffic to ${opts.stable}: canary ${weight}% ${v.phase}` }), new StageFailed(weight, v);
      });
    } catch (err) {
      if (!(err instanceof StageFailed) || opts.onFailure !== "return") throw err;
      return { promoted: !1, stage: err.stage, verdict: err.verdict };
    }
  return { promoted: !0 };
}

// sdk/engine/wait.ts
var WAIT_HEARTBEAT_MS = 3e4;
async function waitFor(ctx, what, object, check, options) {
  let ref = journalRef(object), start = ctx.clock.now();
  if (ctx.mode === "preview")
    return ctx.journal.emit({ type: "wait", object: ref, what, durationMs: 0, outcome: "skipped" }), { outcome: "skipped", message: `would wait for ${what}`, waitedMs: 0 };
  let last = { done: !1, message: "not checked yet" }, reported;
  for (; ; ) {
    last = await check();
    let waited = ctx.clock.now() - start;
    if (last.done || last.failed || waited >= options.timeoutMs) {
      let outcome = last.done ? "done" : last.failed ? "failed" : "timeout";
      return ctx.journal.emit({ type: "wait", object: ref, what: `${what}: ${last.message}`, durationMs: waited, outcome }), { outcome, message: last.message, waitedMs: waited };
    }
    (last.message !== reported?.message || waited - reported.waited >= WAIT_HEARTBEAT_MS) && (ctx.progress(`waiting for ${what} of ${refString(ref)}: ${last.message}${waited > 0 ? ` (${formatMs(waited)} so far)` : ""}`), reported = { message: last.message, waited }), await ctx.clock.sleep(Math.min(options.intervalMs, options.timeoutMs - waited), ctx.signal);
  }
}

// sdk/workloads/autoscaler.ts
var AUTOSCALER_CHOICES = ["hold", "leave"], HPA = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler" }, labelOf = (hpa) => refString({ kind: HPA.kind, namespace: hpa.metadata.namespace, name: hpa.metadata.name }), boundsOf = (hpa) => `${hpa.spec?.minReplicas ?? 1}..${hpa.spec?.maxReplicas}`;
async function autoscalersOf(ctx, deployment2) {
  return (await ctx.kube.list({ ...HPA, namespace: deployment2.namespace, context: deployment2.context })).filter((hpa) => {
    let target = hpa.spec?.scaleTargetRef ?? {};
    return target.kind === "Deployment" && target.name === deployment2.name && (target.apiVersion ?? "apps/v1").startsWith("apps/");
  });
}
function beforeRun(ctx, ref, field) {
  let key2 = refString(ref), first = ctx.journal.events.find((e) => e.type === "change" && e.applied === (ctx.mode === "run") && e.field === field && refString(e.object) === key2);
  return first?.type === "change" ? { value: first.before } : void 0;
}
async function holdAutoscalers(ctx, deployment2, autoscalers, replicas) {
  for (let hpa of autoscalers) {
    let owner = hpa.metadata.ownerReferences?.find((o) => o.controller);
    if (owner) throw new AutoscalerManagedError(labelOf(hpa), `${owner.kind} ${hpa.metadata.namespace}/${owner.name}`, deployment2.label, replicas);
  }
  let scaledBack = beforeRun(ctx, deployment2.ref, "spec.replicas")?.value === replicas;
  for (let hpa of autoscalers) {
    let ref = { ...HPA, namespace: hpa.metadata.namespace, name: hpa.metadata.name, ...deployment2.ref.context ? { context: deployment2.ref.context } : {} }, was = (field, now) => {
      let before = beforeRun(ctx, ref, field);
      return before ? before.value : now;
    }, maxBefore = was("spec.maxReplicas", hpa.spec?.maxReplicas), bounds = scaledBack ? { minReplicas: was("spec.minReplicas", hpa.spec?.minReplicas) ?? null, maxReplicas: maxBefore } : { minReplicas: replicas, maxReplicas: Math.max(maxBefore ?? replicas, replicas) };
    await writeObject(ctx, {
      ref,
      current: hpa,
      action: scaledBack ? `put back the autoscaling bounds of ${deployment2.label}` : `hold ${deployment2.label} at ${replicas} replicas or more`,
      patchFor: () => ({ spec: bounds })
    });
  }
}
function autoscalerNote(autoscalers, deploymentLabel, replicas) {
  let names = autoscalers.map((hpa) => `${labelOf(hpa)} (${boundsOf(hpa)})`).join(", ");
  return replicas === 0 ? `${names} stops scaling ${deploymentLabel} while it has 0 replicas; it starts again when the Deployment is scaled up` : `${names} still owns ${deploymentLabel}'s replica count (autoscaler: "leave"): it may move the ${replicas} replicas set now at its next sync`;
}

// sdk/workloads/deployment.ts
var REVISION = "deployment.kubernetes.io/revision", MIN_ROLLOUT_INTERVAL_MS = 500, REVISION_HISTORY = "deployment.kubernetes.io/revision-history", imagesOf = (rs, field) => (rs.spec?.template?.spec?.[field] ?? []).map((c) => c.image);
function numbersOf(rs) {
  let history = rs.metadata.annotations?.[REVISION_HISTORY];
  return { revision: Number(rs.metadata.annotations?.[REVISION] ?? 0), formerly: history ? history.split(",").map(Number) : [] };
}
var historyOf = (sets) => sets.map((rs) => ({ ...numbersOf(rs), replicaSet: rs.metadata.name, images: imagesOf(rs, "containers"), initImages: imagesOf(rs, "initContainers"), rs })).sort((a, b) => a.revision - b.revision), entryOf = ({ rs: _, ...entry }) => entry;
function revisionNumbered(history, n) {
  return history.find((r) => r.revision === n) ?? history.find((r) => r.formerly.includes(n));
}
var revisionText = (r) => `${r.revision} (${r.images.join(", ")}${r.initImages.length ? `; init ${r.initImages.join(", ")}` : ""}${r.formerly.length ? `; formerly ${r.formerly.join(", ")}` : ""})`;
function deployment(options) {
  checkNames("deployment", options, ["namespace", "name"], ["context"]);
  let ref = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: options.namespace,
    name: options.name,
    ...options.context ? { context: options.context } : {}
  }, label = `Deployment ${options.namespace}/${options.name}`, podSelectorOf = (d) => labelSelectorOf(d.spec?.selector), replicaSets = async (d) => (await currentContext(`${label}: list ReplicaSets`).kube.list({ apiVersion: "apps/v1", kind: "ReplicaSet", namespace: options.namespace, labelSelector: podSelectorOf(d), context: options.context })).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid)), current = async (d) => {
    let ctx = currentContext(`${label}: list pods`), revision = d.metadata.annotations?.[REVISION], rs = (await replicaSets(d)).find((r) => r.metadata.annotations?.[REVISION] === revision), hash = rs?.metadata.labels?.["pod-template-hash"];
    if (!hash) return { replicaSet: rs, pods: [] };
    let pods = await ctx.kube.list({ apiVersion: "v1", kind: "Pod", namespace: options.namespace, labelSelector: [podSelectorOf(d), `pod-template-hash=${hash}`].filter(Boolean).join(","), context: options.context });
    return { replicaSet: rs, pods };
  }, find = async (n) => {
    let d = await handle2.get(), history = historyOf(await replicaSets(d)), target = revisionNumbered(history, n);
    if (!target) throw new RevisionNotFoundError(label, n, history.map(revisionText), pruned2(d, history, n));
    return { d, target };
  }, pruned2 = (d, history, n) => {
    let oldest = Math.min(...history.flatMap((r) => [r.revision, ...r.formerly]));
    if (!(n >= 1 && n < oldest)) return "";
    let limit = d.spec?.revisionHistoryLimit ?? 10;
    return `Kubernetes keeps the ReplicaSets of ${limit} old revision${limit === 1 ? "" : "s"} (spec.revisionHistoryLimit: ${limit}) and deleted revision ${n}'s: roll forward to its image with setImage(image) instead.`;
  }, templateWrite = async (action, target) => {
    let ctx = currentContext(`${label}: ${action}`), { object, changes } = await writeObject(ctx, {
      ref,
      action,
      patchFor: (current2) => {
        if (current2.spec?.paused) throw new DeploymentPausedError(label, action, `kubectl rollout resume deployment/${options.name} -n ${options.namespace}`);
        return { spec: { template: mergePatchFrom(current2.spec?.template, target(current2)) } };
      }
    });
    changes.length && recordRollout(ctx, ref, object);
  }, handle2 = {
    ref,
    label,
    get: () => readRequired(currentContext(`${label}.get()`), ref),
    async pods(deployment2) {
      return (await current(deployment2 ?? await handle2.get())).pods;
    },
    async readyReplicas() {
      return (await handle2.get()).status?.readyReplicas ?? 0;
    },
    async scale(replicas, opts = {}) {
      if (!Number.isInteger(replicas) || replicas < 0)
        throw new InvalidPlanError(`${label}: scale(${JSON.stringify(replicas) ?? String(replicas)}): replicas must be a whole number >= 0, e.g. scale(3)`);
      checkKnownKeys(`${label}: scale(${replicas})`, opts, ["autoscaler"]), checkOneOf(`${label}: scale(${replicas})`, "autoscaler", opts.autoscaler, AUTOSCALER_CHOICES);
      let ctx = currentContext(`${label}.scale()`), autoscalers = await autoscalersOf(ctx, ref);
      autoscalers.length > 0 && replicas > 0 && opts.autoscaler !== "leave" ? await holdAutoscalers(ctx, handle2, autoscalers, replicas) : autoscalers.length > 0 && ctx.journal.emit({ type: "note", text: autoscalerNote(autoscalers, label, replicas) }), await writeObject(ctx, { ref, action: `scale to ${replicas}`, patchFor: () => ({ spec: { replicas } }) });
    },
    async waitForRollout(opts = {}) {
      let issues = unknownKeys(opts, ["timeout", "interval"]);
      for (let issue of [
        opts.timeout === void 0 ? void 0 : durationIssue(opts.timeout, "timeout"),
        // each look is three reads: a shorter pace floods the API server mid-incident (0 would never let a virtual clock move)
        opts.interval === void 0 ? void 0 : durationIssue(opts.interval, "interval", MIN_ROLLOUT_INTERVAL_MS)
      ])
        issue && issues.push(issue);
      refuseIssues(`${label}.waitForRollout()`, issues);
      let ctx = currentContext(`${label}.waitForRollout()`), timeoutMs = toMs(opts.timeout ?? "10m", "waitForRollout timeout"), seen = !1, result = await waitFor(
        ctx,
        "rollout",
        ref,
        async () => {
          let d = seen ? await ctx.kube.get(ref) : await readRequired(ctx, ref);
          if (!d) return { done: !1, failed: !0, message: DELETED_MID_WAIT };
          seen = !0;
          let { replicaSet, pods } = await current(d), status = rolloutStatus(d, pods, replicaSet);
          return status.done && noteRolledOut(ctx, ref, d), status;
        },
        { timeoutMs, intervalMs: toMs(opts.interval ?? "2s", "waitForRollout interval") }
      );
      if (result.outcome === "failed") throw new RolloutFailedError(label, result.waitedMs, result.message);
      if (result.outcome === "timeout") throw new RolloutTimeoutError(label, result.waitedMs, result.message);
    },
    async revisions() {
      let d = await handle2.get();
      return historyOf(await replicaSets(d)).map(entryOf);
    },
    async revision(n) {
      return entryOf((await find(n)).target);
    },
    async rollback(opts) {
      checkKnownKeys(`${label}.rollback()`, opts, ["toRevision"]);
      let toRevision = opts?.toRevision;
      if (!Number.isInteger(toRevision) || toRevision < 1)
        throw new InvalidPlanError(`${label}.rollback(): toRevision must be a revision number (got ${JSON.stringify(toRevision) ?? "none"}), e.g. rollback({ toRevision: 2 }); revisions() lists them`);
      let { d, target } = await find(toRevision), template = deploymentTemplateOf(target.rs);
      if (diffObjects(template, d.spec?.template).length === 0) {
        let at = target.revision === toRevision ? `revision ${toRevision}` : `revision ${toRevision}'s template, now revision ${target.revision}`, ctx = currentContext(`${label}.rollback()`);
        ctx.journal.emit({ type: "note", text: `${label} is already at ${at} (${target.images.join(", ")}): the rollback changes nothing` }), ctx.kube.unsentWrite?.(ref, "patch");
        return;
      }
      await templateWrite(`roll back to revision ${toRevision}`, () => template);
    },
    async setImage(image, opts = {}) {
      if (typeof image != "string" || image.trim() === "" || /\s/.test(image))
        throw new InvalidPlanError(`${label}.setImage(): ${JSON.stringify(image)} is not an image reference; give one like registry.example.com/checkout-api:2.0.1`);
      await templateWrite(`roll forward to ${image}`, (current2) => {
        let template = structuredClone(current2.spec.template), containers = template.spec.containers, initContainers = template.spec.initContainers ?? [], target = opts.container ? [...containers, ...initContainers].find((c) => c.name === opts.container) : containers.length === 1 ? containers[0] : void 0;
        if (!target) {
          let names = [...containers.map((c) => c.name), ...initContainers.map((c) => `${c.name} (init container)`)];
          throw new InvalidPlanError(
            `${label}: setImage needs { container } naming one of: ${names.join(", ")}` + (opts.container ? ` (there is no '${opts.container}')` : "")
          );
        }
        return target.image = image, template;
      });
    },
    async restart() {
      let ctx = currentContext(`${label}.restart()`);
      await templateWrite("restart", (current2) => {
        let template = structuredClone(current2.spec.template);
        return template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, "kubectl.kubernetes.io/restartedAt": new Date(ctx.clock.now()).toISOString() } }, template;
      });
    }
  };
  return watchedHandle(handle2, label);
}

// sdk/workloads/kustomize.ts
import { isAbsolute, join as join2, relative, resolve } from "node:path";

// sdk/engine/route-edits.ts
async function recordRouteEdits(ctx, operation, objects) {
  let touched = new Set(objects.map(refString)), shifts = [...ctx.shifts].filter(([, s]) => touched.has(refString(s.ref)));
  if (!shifts.length) return;
  let by = `${stepText()} (${operation})`, reads = /* @__PURE__ */ new Map();
  for (let [, s] of shifts) reads.has(refString(s.ref)) || reads.set(refString(s.ref), ctx.kube.get(s.ref));
  for (let [key2, shift] of shifts) {
    let object = await reads.get(refString(shift.ref)), { now, unreadable } = object ? splitIn(shift, object) : { now: shift.without.split };
    if (object && now && sameSplit(now, shift.split)) continue;
    let edit = { by, gone: !object, ...now ? { split: now } : {}, ...unreadable ? { unreadable } : {} };
    ctx.shifts.set(key2, { ...shift, edit });
    let changedBy = editText(shift, edit), route = journalRef(shift.ref);
    if (unreadable) {
      ctx.journal.emit({ type: "traffic", route, split: {}, verified: !1, drift: { written: shift.split, unreadable }, changedBy }), ctx.journal.emit({ type: "note", text: `${shift.label} was ${changedBy}; the run last shifted it to ${formatSplit(shift.split)}, and cannot read what it holds now: ${unreadable}` });
      continue;
    }
    ctx.journal.emit({ type: "traffic", route, split: now ?? {}, verified: !0, changedBy });
    let left = now ? `it holds ${formatSplit(now)}` : "no weights apply to its traffic", same = now !== void 0 && sameSplit(now, shift.split);
    ctx.journal.emit({ type: "note", text: `${shift.label} was ${changedBy}; ${left}${same ? ", where the run last shifted it" : `, not ${formatSplit(shift.split)} as the run last shifted it`}` });
  }
}
async function previewHelmRouteEdits(ctx, operation, current, target) {
  if (!ctx.preview) return;
  let kept = new Set(target.map((t) => refString(t.ref))), deleted = current.filter((o) => !kept.has(refString(o))), gone = new Set(deleted.map(refString));
  for (let shift of ctx.shifts.values()) gone.has(refString(shift.ref)) && ctx.preview.remove(shift.ref);
  await recordRouteEdits(ctx, operation, deleted);
}
function stepText() {
  let name = currentStepName();
  return name === void 0 ? "the run" : `the run's step "${name}"`;
}

// sdk/workloads/git.ts
import { join } from "node:path";
var GIT_TIMEOUT_MS = 2 * 6e4, GitError = class extends FirebreakError {
  name = "GitError";
  constructor(message, options) {
    super("usage", message, options);
  }
};
function git(repo, args, signal, env) {
  return new Promise((resolve4, reject) => {
    process.getBuiltinModule("node:child_process").execFile("git", ["-C", repo, ...args], { timeout: GIT_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, ...signal ? { signal } : {}, ...env ? { env } : {} }, (err, stdout, stderr) => {
      if (!err) return resolve4(stdout.trim());
      let missing = err.code === "ENOENT";
      reject(new GitError(missing ? "git is not installed: install git, or render the overlay from the working tree (no ref)" : `git ${args.join(" ")} in ${repo} failed: ${stderr.trim() || err.message}`, { cause: err }));
    });
  });
}
async function resolveCommit(repo, ref, signal) {
  try {
    return await git(repo, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], signal);
  } catch (err) {
    let fix = await git(repo, ["rev-parse", "--is-shallow-repository"], signal).catch(() => "") === "true" ? "it is a shallow clone (actions/checkout fetches one commit unless told otherwise). Give actions/checkout `fetch-depth: 0`, or run git fetch --unshallow --tags origin first." : "fetch it first (git fetch --tags origin), or check the branch, tag or sha.";
    throw new GitError(`${repo} has no commit '${ref}': ${fix}`, { cause: err });
  }
}
async function withCheckout(repo, commit, use, signal) {
  let { mkdtemp, rm } = process.getBuiltinModule("node:fs/promises"), dir = await mkdtemp(join(process.getBuiltinModule("node:os").tmpdir(), "firebreak-git-"));
  try {
    return await extractTree(repo, commit, dir, signal), await use(dir);
  } finally {
    await rm(dir, { recursive: !0, force: !0 });
  }
}
async function extractTree(repo, commit, dir, signal) {
  await checkoutInto(repo, commit, dir, signal);
  for (let path of await submodulePaths(repo, commit, signal)) {
    let pinned = await git(repo, ["rev-parse", `${commit}:${path}`], signal), sub = join(repo, path);
    if (!await git(sub, ["cat-file", "-e", `${pinned}^{commit}`], signal).then(() => !0, () => !1))
      throw new GitError(
        `${path} in ${repo} is a git submodule pinned at ${pinned.slice(0, 12)}, which is not checked out here: run git submodule update --init --recursive (actions/checkout: submodules: recursive), then run the plan again.`
      );
    await extractTree(sub, pinned, join(dir, path), signal);
  }
}
async function submodulePaths(repo, commit, signal) {
  return (await git(repo, ["config", "--blob", `${commit}:.gitmodules`, "--get-regexp", "^submodule\\..*\\.path$"], signal).catch(() => "")).split(`
`).filter(Boolean).map((line) => line.slice(line.indexOf(" ") + 1));
}
async function checkoutInto(repo, commit, dir, signal) {
  let { mkdtemp, rm } = process.getBuiltinModule("node:fs/promises"), scratch = await mkdtemp(join(process.getBuiltinModule("node:os").tmpdir(), "firebreak-index-")), env = { ...process.env, GIT_INDEX_FILE: join(scratch, "index") };
  try {
    await git(repo, ["read-tree", commit], signal, env), await git(repo, [`--work-tree=${dir}`, "checkout-index", "--all"], signal, env);
  } finally {
    await rm(scratch, { recursive: !0, force: !0 });
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
    process.getBuiltinModule("node:child_process").execFile(kubectl, ["kustomize", dir], { timeout: KUSTOMIZE_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, ...signal ? { signal } : {} }, (err, stdout, stderr) => {
      if (!err) return resolvePromise(stdout);
      if (err.code === "ENOENT") return reject(new KubectlNotInstalledError(kubectl));
      reject(new KustomizeError(`${label} did not render: ${stderr.trim() || err.message}`));
    });
  });
}
async function parseObjects(yaml, label) {
  let { parseAllDocuments } = await import("./chunks/dist-BT2OYCK5.js"), out = [];
  for (let doc of parseAllDocuments(yaml)) {
    if (doc.errors.length) throw new KustomizeError(`${label} rendered YAML that does not parse: ${doc.errors[0].message}`);
    let obj = doc.toJS();
    obj && out.push(obj);
  }
  return out;
}
function overlay(options) {
  checkNames("kustomize.overlay", options, ["path"], ["ref", "repo", "context", "kubectl"]);
  let repo = options.repo ?? ".", label = `Kustomize overlay ${options.path}${options.ref ? ` at ${options.ref}` : ""}`, kubectl = options.kubectl ?? process.env.FIREBREAK_KUBECTL ?? "kubectl", render = async (signal) => {
    if (!options.ref) {
      let dir = isAbsolute(options.path) ? options.path : join2(repo, options.path);
      return { objects: await parseObjects(await kustomizeBuild(kubectl, dir, label, signal), label) };
    }
    let { realpath } = process.getBuiltinModule("node:fs/promises"), root = await realpath(await repoRoot(repo, signal)), inRepo = relative(root, resolve(await realpath(repo), options.path));
    if (inRepo.startsWith("..")) throw new KustomizeError(`${label}: ${options.path} is outside the repository ${root}`);
    let commit = await resolveCommit(repo, options.ref, signal), yaml = await withCheckout(repo, commit, (dir) => kustomizeBuild(kubectl, join2(dir, inRepo), label, signal), signal);
    return { commit, objects: await parseObjects(yaml, label) };
  };
  return watchedHandle({
    label,
    render: () => render(),
    async apply(applyOptions = {}) {
      checkKnownKeys(`${label}.apply()`, applyOptions, ["force"]);
      let ctx = currentContext(`${label}.apply()`), { commit, objects } = await render(ctx.signal);
      ctx.journal.emit({ type: "note", text: `${label}${commit ? ` (commit ${commit.slice(0, 12)})` : ""}: ${objects.length} objects to apply` });
      let action = `apply ${options.path}${options.ref ? ` at ${options.ref}` : ""}`, applied = [], changed = [];
      for (let object of objects) {
        let { ref, object: after2, changes } = await applyObject(ctx, { object, action, ...options.context ? { context: options.context } : {}, ...applyOptions.force ? { force: !0 } : {} });
        applied.push({ object: refString({ kind: ref.kind, namespace: ref.namespace, name: ref.name }), changes: changes.length }), changes.length && changed.push(ref), rollsOut(ref, changes) && recordRollout(ctx, ref, after2);
      }
      return await recordRouteEdits(ctx, `apply of ${label}`, changed), { ...commit ? { commit } : {}, objects: applied };
    }
  }, label);
}
var kustomize = { overlay };

// sdk/workloads/helm.ts
import { isDeepStrictEqual } from "node:util";

// sdk/workloads/helm-cli.ts
import { accessSync, constants } from "node:fs";
import { delimiter, join as join3 } from "node:path";
var HELM_TIMEOUT_MS = 5 * 6e4, HELM_KILL_GRACE_MS = 3e4, OUTPUT_CHARS = 2e3, HelmNotInstalledError = class extends FirebreakError {
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
}, HelmFieldConflictError = class extends FirebreakError {
  constructor(operation, conflicts) {
    let list2 = (cs) => cs.map((c) => `${c.object}'s ${c.fields.join(", ")}`).join("; "), ours = conflicts.filter((c) => c.manager === FIELD_MANAGER), others = [...new Set(conflicts.map((c) => c.manager).filter((m) => m !== FIELD_MANAGER))], held = [
      ...ours.length ? [`${list2(ours)}, which this run wrote (field manager "${FIELD_MANAGER}")`] : [],
      ...others.map((m) => `${list2(conflicts.filter((c) => c.manager === m))}, which field manager "${m}" wrote after Helm`)
    ], why = ours.length ? "; applied, the chart would have undone the run's change" : "", theirs = conflicts.filter((c) => c.manager !== FIELD_MANAGER).flatMap((c) => c.fields), fix = others.length ? `Find out why ${others.map((m) => `"${m}"`).join(", ")} changed ${theirs.length > 1 ? "them" : "it"} (a responder by hand, another tool, a controller: an autoscaler holds spec.replicas). If the chart's values should win, pass forceConflicts: true to rollback() / upgrade(); if that manager should keep a field, take it out of the chart.` + (ours.length ? " Write the run's own fields again in the step after (shift the route, or scale, again)." : "") : "Either take those fields out of the chart so the plan alone owns them, or pass forceConflicts: true to rollback() / upgrade() to let Helm overwrite them, then write them again in the step after (shift the route, or scale, again).";
    super(
      "kube-api",
      `${operation} was refused by the cluster: the chart sets ${held.join("; and ")}, and Helm 4 applies server-side, so it will not overwrite another manager's fields${why}. ${fix} Check the release with helm history: Helm records a refused rollback or upgrade as failed.`
    );
    this.operation = operation;
    this.conflicts = conflicts;
  }
  operation;
  conflicts;
  name = "HelmFieldConflictError";
};
function helmFieldConflict(err, operation) {
  if (!(err instanceof HelmCommandError)) return;
  let conflicts = /* @__PURE__ */ new Map();
  for (let m of err.output.matchAll(/applying object (\S+) [^,\n]*, Kind=(\w+): Apply failed with \d+ conflicts?: ([^\n]*(?:\n(?:- |conflicts with )[^\n]*)*)/g)) {
    let [namespace, name] = m[1].includes("/") ? m[1].split("/") : ["", m[1]], object = `${m[2]} ${namespace ? `${namespace}/` : ""}${name}`;
    for (let block of m[3].matchAll(/conflicts? with "([^"]+)"[^:\n]*:(?: ([^\n]+)|((?:\n- [^\n]+)+))/g)) {
      let key2 = `${object}\0${block[1]}`, conflict = conflicts.get(key2) ?? { object, manager: block[1], fields: [] };
      for (let f of block[2] !== void 0 ? [block[2]] : block[3].split(`
- `).slice(1)) conflict.fields.includes(f) || conflict.fields.push(f);
      conflicts.set(key2, conflict);
    }
  }
  return conflicts.size ? new HelmFieldConflictError(operation, [...conflicts.values()]) : void 0;
}
var isExecutable = (path) => {
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
var runnerEnv = (env) => Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("HELM_KUBE")));
async function runHelm(binary, connection, args, options = {}) {
  let { mkdtemp, rm, writeFile } = process.getBuiltinModule("node:fs/promises"), { execFile } = process.getBuiltinModule("node:child_process"), dir = await mkdtemp(join3(process.getBuiltinModule("node:os").tmpdir(), "firebreak-helm-"));
  try {
    let kubeconfig = join3(dir, "kubeconfig");
    await writeFile(kubeconfig, connection.kubeconfig, { mode: 384 });
    for (let [name, content] of Object.entries(options.files ?? {})) await writeFile(join3(dir, name), content, { mode: 384 });
    let timeoutMs = options.timeoutMs ?? HELM_TIMEOUT_MS, shown2 = [...args, "--timeout", `${Math.ceil(timeoutMs / 1e3)}s`], full = [...shown2.map((a) => a.replaceAll("{dir}", dir)), "--kubeconfig", kubeconfig, "--kube-context", connection.context];
    return await new Promise((resolve4, reject) => {
      execFile(
        binary,
        full,
        {
          timeout: timeoutMs + HELM_KILL_GRACE_MS,
          maxBuffer: 16 * 1024 * 1024,
          ...options.signal ? { signal: options.signal } : {},
          // the runner's helm homes stay: the repositories `helm repo add` registered and the
          // registries `helm registry login` signed in to are there. Its release records are where
          // the handle reads them, whatever HELM_DRIVER the runner has.
          env: { ...runnerEnv(process.env), KUBECONFIG: kubeconfig, HELM_DRIVER: options.driver ?? "secret" }
        },
        (err, stdout, stderr) => {
          if (!err) return resolve4(stdout);
          let e = err, code = e.killed ? `killed ${Math.round(HELM_KILL_GRACE_MS / 1e3)}s past its --timeout; the release may be left pending: check it with helm history` : e.code ?? "error";
          reject(new HelmCommandError(shown2.map((a) => a.replaceAll("{dir}/", "")), code, `${stderr}
${stdout}`));
        }
      );
    });
  } finally {
    await rm(dir, { recursive: !0, force: !0 });
  }
}
var VERSION_TIMEOUT_MS = 1e4;
function helmMajorVersion(binary) {
  let { execFile } = process.getBuiltinModule("node:child_process");
  return new Promise((resolve4) => {
    execFile(binary, ["version", "--short"], { timeout: VERSION_TIMEOUT_MS, env: runnerEnv(process.env) }, (err, stdout) => {
      let major = /^v(\d+)\./.exec(stdout.trim())?.[1];
      resolve4(err || !major ? void 0 : Number(major));
    });
  });
}

// sdk/kube/managed-fields.ts
function fieldsOwnedBy(object, manager) {
  let out = /* @__PURE__ */ new Set(), walk = (tree, value, path) => {
    for (let [seg, child] of Object.entries(tree)) {
      if (seg === ".") {
        out.add(path);
        continue;
      }
      let at = step(seg, value);
      if (at === void 0) continue;
      let next2 = childPath(path, at);
      isObject(child) && Object.keys(child).length ? walk(child, value[at], next2) : out.add(next2);
    }
  };
  for (let e of entriesOf(object)) e.manager === manager && isObject(e.fieldsV1) && walk(e.fieldsV1, object, "");
  return [...out];
}
function fieldManagers(object) {
  return [...new Set(entriesOf(object).flatMap((e) => typeof e.manager == "string" ? [e.manager] : []))];
}
var entriesOf = (object) => Array.isArray(object.metadata.managedFields) ? object.metadata.managedFields : [];
function step(seg, value) {
  let [kind, rest] = [seg.slice(0, 2), seg.slice(2)];
  if (kind === "f:") return rest;
  if (!Array.isArray(value)) return;
  if (kind === "i:") return Number(rest);
  let wanted = JSON.parse(rest), i = kind === "k:" ? value.findIndex((item) => isObject(item) && isObject(wanted) && Object.entries(wanted).every(([k, v]) => sameJson(item[k], v))) : value.findIndex((item) => sameJson(item, wanted));
  return i < 0 ? void 0 : i;
}

// sdk/workloads/helm-overwrites.ts
var HELM_MANAGER = "helm";
function fieldText(o, c, withOwner) {
  let { before, after: after2 } = redactChange({ object: o.ref, ...c }, { before: o.run, after: o.chart });
  return `${c.field} ${JSON.stringify(before)} \u2192 ${JSON.stringify(after2)}${withOwner ? ` (${ownerText(c.owner)})` : ""}`;
}
var ownerText = (manager) => manager === FIELD_MANAGER ? "this run" : `field manager "${manager}"`;
async function overwritesOf(ctx, applied, read2) {
  let out = [];
  for (let { ref, object: chart } of applied) {
    let key2 = refString(ref), [viewed, live] = await Promise.all([read2.has(key2) ? read2.get(key2) : ctx.preview.get(ref), ctx.preview.live(ref)]);
    if (!viewed) continue;
    let others = live ? holdersOf(live) : [], holders = [
      { manager: FIELD_MANAGER, paths: [...diffObjects(live ?? { metadata: {} }, viewed).map((c) => c.field), ...others.find((h) => h.manager === FIELD_MANAGER)?.paths ?? []] },
      ...others.filter((h) => h.manager !== FIELD_MANAGER)
    ], fields = diffObjects(viewed, chart).flatMap((c) => {
      let holder = c.after === void 0 ? void 0 : holders.find((h) => h.paths.some((o) => overlaps(c.field, o)));
      return holder ? [{ ...c, owner: holder.manager }] : [];
    });
    fields.length && out.push({ ref, run: viewed, chart, fields });
  }
  return out;
}
async function foreseeOverwrites(ctx, operation, applied, helm2, read2) {
  let overwrites = await overwritesOf(ctx, applied, read2);
  if (!overwrites.length) return;
  let major = await helm2.major(), ssa = major !== void 0 && major >= 4, owners = [...new Set(overwrites.flatMap((o) => o.fields.map((c) => c.owner)))].sort((a, b) => +(b === FIELD_MANAGER) - +(a === FIELD_MANAGER));
  if (ssa && !helm2.forceConflicts) {
    let conflicts = overwrites.flatMap((o) => owners.flatMap((manager) => {
      let fields2 = o.fields.filter((c) => c.owner === manager).map((c) => c.field);
      return fields2.length ? [{ object: refString(o.ref), manager, fields: fields2 }] : [];
    }));
    foreseeStop(ctx.journal, new HelmFieldConflictError(operation, conflicts).message);
    return;
  }
  let writes = major === 3 || ssa, whose = `what ${owners.map(ownerText).join(" and ")} wrote`, fields = overwrites.map((o) => `${refString(o.ref)} ${o.fields.map((c) => fieldText(o, c, owners.length > 1)).join(", ")}`).join("; "), advice = [
    ...owners.includes(FIELD_MANAGER) ? ["Shift or scale again after it, or take those fields out of the chart."] : [],
    ...owners.some((m) => m !== FIELD_MANAGER) ? [`Check why ${owners.filter((m) => m !== FIELD_MANAGER).map(ownerText).join(" and ")} changed them since the release was deployed: the chart's values are the release's, not necessarily what production needs now.`] : []
  ].join(" "), text = writes ? `the run's ${operation} writes the chart's values over ${whose}: ${fields} (${ssa ? "forceConflicts lets Helm 4 take them" : "Helm 3 patches without asking"}). ${advice}` : `the run's ${operation} applies the chart's values over ${whose}: ${fields}. Helm 3 writes them back; Helm 4 refuses unless forceConflicts (${major === void 0 ? "helm did not say its version" : `helm ${major}`}).`;
  if (ctx.journal.emit({ type: "note", text }), !!writes) {
    for (let o of overwrites) {
      let after2 = o.fields.reduce((object, c) => withValueAt(object, c.field, c.after), o.run);
      ctx.preview.put(o.ref, after2);
      let changes = o.fields.filter((c) => !helm2.elsewhere(o.ref, c.field));
      journalChanges(ctx, { ref: o.ref, action: operation }, changes, !1, { before: o.run, after: after2 });
    }
    await recordRouteEdits(ctx, operation, overwrites.map((o) => o.ref));
  }
}
async function journalOverwritten(ctx, operation, before, chart, elsewhere) {
  for (let { ref, object: sets } of chart) {
    let object = before.get(refString(ref)), held = object ? holdersOf(object).flatMap((h) => h.paths) : [];
    if (!object || !held.length) continue;
    let after2 = await ctx.kube.get(ref);
    if (!after2) continue;
    let changes = diffObjects(object, after2).filter(
      (c) => held.some((o) => overlaps(c.field, o)) && sameJson(valueAt(sets, c.field), c.after) && !elsewhere(ref, c.field)
    );
    journalChanges(ctx, { ref, action: operation }, changes, !0, { before: object, after: after2 });
  }
}
var heldByOthers = (object, field) => holdersOf(object).some((h) => h.paths.some((p) => overlaps(field, p))), holdersOf = (object) => fieldManagers(object).filter((m) => m !== HELM_MANAGER).map((manager) => ({ manager, paths: fieldsOwnedBy(object, manager) }));

// sdk/workloads/helm.ts
var NoRollbackTargetError = class extends FirebreakError {
  constructor(release2, current, revisions) {
    super(
      "revision-not-found",
      `${release2} has no revision to roll back to: none before revision ${current} was deployed or superseded (revisions: ${revisions.join(", ")}). Name one with rollback({ toRevision }), or roll forward with upgrade().`
    );
    this.release = release2;
  }
  release;
  name = "NoRollbackTargetError";
}, HelmReleasePendingError = class extends FirebreakError {
  constructor(release2, latest, deployed) {
    let { name, namespace } = release2, helmCmd = (args) => `${release2.storage === "configmap" ? "HELM_DRIVER=configmap " : ""}helm ${args} -n ${namespace}${release2.context ? ` --kube-context ${release2.context}` : ""}`;
    super(
      "conflict",
      `Helm release ${namespace}/${name} is ${latest.status} at revision ${latest.revision}: a helm operation is running, or was stopped part way. Check with: ${helmCmd(`history ${name}`)}` + (deployed ? `. If none is running, take it back to the last revision that was deployed: ${helmCmd(`rollback ${name} ${deployed.revision}`)}` : "")
    );
    this.release = release2;
  }
  release;
  name = "HelmReleasePendingError";
};
function pruned(history, revision) {
  let oldest = history[0].revision;
  return revision >= 1 && revision < oldest ? `Helm deleted the records of revisions before ${oldest}: helm upgrade and rollback keep only the newest --history-max revisions (10 unless set, or HELM_MAX_HISTORY). Roll back to one it kept, or roll forward with upgrade({ chart, version, values }) to what revision ${revision} ran.` : "";
}
var forcing = (opts) => opts.forceConflicts ? ["--force-conflicts"] : [];
function upgradeIssues(opts) {
  let issues = unknownKeys(opts, ["chart", "version", "values", "timeout", "forceConflicts"]);
  return typeof opts?.chart == "string" && opts.chart !== "" || issues.push({ path: "chart", message: `${opts?.chart === void 0 ? "is missing" : `must be text (got ${quoted(opts.chart)})`}; give the chart as helm takes it, e.g. upgrade({ chart: "oci://registry.example.com/charts/checkout-api", version: "1.4.2" })` }), opts?.version !== void 0 && !(typeof opts.version == "string" && opts.version !== "") && issues.push({ path: "version", message: `must be the chart version as text, in quotes as in Chart.yaml, e.g. version: "1.10.0" (got ${quoted(opts.version)}; as a number 1.10 would read 1.1)` }), opts?.values !== void 0 && !(opts.values && typeof opts.values == "object" && !Array.isArray(opts.values)) && issues.push({ path: "values", message: `must be an object of values, e.g. values: { image: { tag: "1.4.2" } } (got ${Array.isArray(opts.values) ? "a list" : typeof opts.values})` }), [...issues, ...timeoutIssues(opts)];
}
var timeoutIssues = (opts) => {
  let issue = opts?.timeout === void 0 ? void 0 : durationIssue(opts.timeout, "timeout");
  return issue ? [issue] : [];
}, owning = (operation, running) => running.catch((err) => {
  throw helmFieldConflict(err, operation) ?? err;
}), releaseObject = (o) => ({ apiVersion: "helm.sh/v1", kind: "HelmRelease", namespace: o.namespace, name: o.name, ...o.context ? { context: o.context } : {} }), REPLICAS = "spec.replicas", imageKey = (ref, field) => `${refString(ref)} ${field}`;
function flatten(value, path = "values") {
  return value && typeof value == "object" && !Array.isArray(value) ? Object.entries(value).flatMap(([k, v]) => flatten(v, `${path}.${k}`)) : [[path, value]];
}
var valueOf = (values, path) => path.split(".").slice(1).reduce((o, k) => o?.[k], values);
function valueChanges(from, to) {
  return [...new Set([...flatten(from.values), ...flatten(to.values)].map(([path]) => path))].map((path) => ({ path, before: valueOf(from.values, path), after: valueOf(to.values, path) })).filter((c) => !isDeepStrictEqual(c.before, c.after));
}
function release(options) {
  checkNames("helm.release", options, ["namespace", "name"], ["context", "storage", "helmBinary"]);
  let label = `Helm release ${options.namespace}/${options.name}`, driver = options.storage ?? "secret", kind = driver === "configmap" ? "ConfigMap" : "Secret", object = releaseObject(options), history = async (ctx) => (await ctx.kube.list({ apiVersion: "v1", kind, namespace: options.namespace, labelSelector: `owner=helm,name=${options.name}`, context: options.context })).filter((r) => kind === "ConfigMap" || r.type === HELM_RELEASE_TYPE).map(decodeHelmRecord).sort((a, b) => a.revision - b.revision), current = async (ctx) => {
    let all2 = await history(ctx), latest = all2.at(-1);
    if (!latest) throw new FirebreakError("not-found", `${label} has no release records (${kind}s labelled owner=helm,name=${options.name}): check the namespace and release name, and HELM_DRIVER (storage).`);
    return { all: all2, latest };
  }, settled = async (ctx) => {
    let found = await current(ctx);
    if (found.latest.status.startsWith("pending-")) throw new HelmReleasePendingError(options, found.latest, lastGoodRevision(found.all));
    return found;
  }, helmFor = (ctx, operation) => {
    let binary = findHelm(options.helmBinary, process.env);
    if (!binary) throw new HelmNotInstalledError(`${label}: ${operation}`);
    if (!ctx.kube.connection) throw new FirebreakError("usage", `${label}: ${operation}: this Kubernetes port cannot hand its cluster to the helm CLI`);
    return { binary, connection: ctx.kube.connection(options.context) };
  }, previewHelm = (ctx, operation) => {
    try {
      return helmFor(ctx, operation);
    } catch (err) {
      foreseeStop(ctx.journal, err.message);
      return;
    }
  }, journal = (ctx, ref, field, before, after2, action) => ctx.journal.emit({ type: "change", object: ref, field, before, after: after2, applied: ctx.mode === "run", action }), onCluster = (ref) => ({ ...ref, ...options.context ? { context: options.context } : {} }), journalImages = (ctx, from, to, before, action) => {
    let inManifest = new Map(from.images.map((i) => [imageKey(onCluster(i), i.field), i.image]));
    for (let image of to.images) {
      let ref = onCluster({ apiVersion: image.apiVersion, kind: image.kind, name: image.name, ...image.namespace ? { namespace: image.namespace } : {} }), was = before.has(refString(ref)) ? valueAt(before.get(refString(ref)), image.field) : inManifest.get(imageKey(ref, image.field));
      was !== image.image && journal(ctx, ref, image.field, was, image.image, action);
    }
  }, imageFields = (to) => {
    let fields = new Set(to.images.map((i) => imageKey(onCluster(i), i.field)));
    return (ref, field) => fields.has(imageKey(ref, field));
  }, readBefore = async (ctx, from) => new Map(await Promise.all(from.objects.map(onCluster).map(async (ref) => [refString(ref), await ctx.kube.get(ref)]))), appliedOf = (to) => manifestObjects(to).map((t) => ({ ref: onCluster(t.ref), object: t.object })), touched = (from, to) => [...from.objects, ...to.objects].map(onCluster), objectSetChange = (from, to, before) => {
    let key2 = (o) => refString(onCluster(o)), inTo = new Set(to.objects.map(key2)), inFrom = new Set(from.objects.map(key2)), dropped = from.objects.filter((o) => !inTo.has(key2(o))).map(onCluster), kept = (ref) => before.get(refString(ref))?.metadata.annotations?.["helm.sh/resource-policy"] === "keep";
    return { deletes: dropped.filter((r) => !kept(r)), keeps: dropped.filter(kept), creates: appliedOf(to).filter((t) => !inFrom.has(refString(t.ref))) };
  }, objectSetNote = (operation, tense, change) => {
    let list2 = (refs) => refs.map(refString).join(", "), parts = [
      ...change.deletes.length ? [`${tense.deleted} ${list2(change.deletes)}`] : [],
      ...change.keeps.length ? [`keeps ${list2(change.keeps)} (helm.sh/resource-policy: keep), which the target manifest does not have`] : [],
      ...change.creates.length ? [`${tense.created} ${list2(change.creates.map((c) => c.ref))}`] : []
    ];
    return parts.length ? `${operation} ${parts.join("; ")}` : void 0;
  }, replicaChange = (before, chart) => {
    let sets = chart.spec?.replicas;
    if (!(typeof sets != "number" || heldByOthers(before, REPLICAS) || before.spec?.replicas === sets))
      return { field: REPLICAS, before: before.spec?.replicas, after: sets };
  }, previewApply = async (ctx, action, from, to, before, helmHere, opts) => {
    let operation = `${action} of ${label}`, applied = appliedOf(to);
    await previewHelmRouteEdits(ctx, operation, from.objects.map(onCluster), applied), helmHere && await foreseeOverwrites(ctx, operation, applied, { major: () => helmMajorVersion(helmHere.binary), forceConflicts: opts.forceConflicts ?? !1, elsewhere: imageFields(to) }, before);
    let set = objectSetChange(from, to, before), note = objectSetNote(`the run's ${operation}`, { deleted: "deletes", created: "creates" }, set);
    note && ctx.journal.emit({ type: "note", text: note });
    for (let ref of set.deletes) ctx.preview.remove(ref);
    for (let { ref, object: object2 } of set.creates) ctx.preview.put(ref, object2);
    for (let { ref, object: object2 } of applied) {
      let [viewed, live] = await Promise.all([ctx.preview.get(ref), ctx.preview.live(ref)]);
      if (!viewed) continue;
      let after2 = to.images.filter((i) => refString(onCluster(i)) === refString(ref)).reduce((o, i) => withValueAt(o, i.field, i.image), viewed), change = live?.spec?.replicas === viewed.spec?.replicas ? replicaChange(viewed, object2) : void 0;
      change && (after2 = withValueAt(after2, REPLICAS, change.after), journalChanges(ctx, { ref, action: operation }, [change], !1, { before: viewed, after: after2 })), after2 !== viewed && ctx.preview.put(ref, after2);
    }
  }, runApply = async (ctx, action, from, command, verified) => {
    let operation = `${action} of ${label}`, before = await readBefore(ctx, from);
    await send(ctx, object, () => owning(operation, command()));
    let to = await verified(before), applied = appliedOf(to);
    await recordRollouts(ctx, applied.map((a) => a.ref), before), await journalOverwritten(ctx, operation, before, applied, imageFields(to));
    for (let { ref, object: chart } of applied) {
      let was = before.get(refString(ref)), change = was && replicaChange(was, chart), live = change && await ctx.kube.get(ref);
      change && live?.spec?.replicas === change.after && journalChanges(ctx, { ref, action: operation }, [change], !0, { before: was, after: live });
    }
    let set = objectSetChange(from, to, before), left = await Promise.all(set.deletes.map((ref) => ctx.kube.get(ref))), note = objectSetNote(operation, { deleted: "deleted", created: "created" }, { ...set, deletes: set.deletes.filter((_, i) => !left[i]), keeps: [...set.keeps, ...set.deletes.filter((_, i) => left[i])] });
    note && ctx.journal.emit({ type: "note", text: note }), await recordRouteEdits(ctx, operation, touched(from, to));
  }, verify = async (ctx, previous, expectImages, what) => {
    let { latest } = await current(ctx);
    if (latest.revision <= previous || latest.status !== "deployed" || !expectImages(latest))
      throw new VerificationError(`${label} (${what})`, "a new deployed revision", `revision ${latest.revision} ${latest.status}`);
    for (let img of latest.images) {
      let live = await ctx.kube.get({ apiVersion: img.apiVersion, kind: img.kind, namespace: img.namespace, name: img.name, context: options.context }), actual = live && valueAt(live, img.field);
      if (actual !== img.image && !pinnedImage(img.image, actual)) throw new VerificationError(`${img.kind} ${img.namespace}/${img.name} ${img.field}`, img.image, actual);
    }
    return latest;
  };
  return watchedHandle({
    label,
    history: () => history(currentContext(`${label}.history()`)),
    current: async () => (await current(currentContext(`${label}.current()`))).latest,
    lastGood: async () => lastGoodRevision(await history(currentContext(`${label}.lastGood()`))),
    async rollback(opts = {}) {
      let issues = unknownKeys(opts, ["toRevision", "timeout", "forceConflicts"]);
      opts.toRevision !== void 0 && !isCount(opts.toRevision, 1) && issues.push({ path: "toRevision", message: `must be a revision number, 1 or more, e.g. rollback({ toRevision: 3 }) (got ${quoted(opts.toRevision)})` }), refuseIssues(`${label}.rollback()`, [...issues, ...timeoutIssues(opts)]);
      let ctx = currentContext(`${label}.rollback()`), { all: all2, latest } = await settled(ctx), listed = all2.map((r) => `${r.revision} (${r.status}, ${chartText(r)})`), target = opts.toRevision === void 0 ? lastGoodRevision(all2) : all2.find((r) => r.revision === opts.toRevision);
      if (!target && opts.toRevision === void 0) throw new NoRollbackTargetError(label, latest.revision, listed);
      if (!target) throw new RevisionNotFoundError(label, opts.toRevision, listed, pruned(all2, opts.toRevision));
      if (latest.status === "deployed" && (latest.revision === target.revision || rolledBackTo(latest) === target.revision)) {
        let at = latest.revision === target.revision ? `revision ${target.revision}` : `revision ${target.revision} (revision ${latest.revision} is "${latest.description}")`;
        ctx.journal.emit({ type: "note", text: `${label} is already at ${at}, ${chartText(latest)}: the rollback changes nothing` });
        return;
      }
      let action = `helm rollback to revision ${target.revision}`, emit = (before) => {
        journal(ctx, object, "chart", chartText(latest), chartText(target), action);
        for (let c of valueChanges(latest, target)) journal(ctx, object, c.path, c.before, c.after, action);
        journalImages(ctx, latest, target, before, action);
      };
      if (ctx.mode === "preview") {
        let before = await readBefore(ctx, latest);
        return emit(before), previewApply(ctx, action, latest, target, before, previewHelm(ctx, `rollback to revision ${target.revision}`), opts);
      }
      let { binary, connection } = helmFor(ctx, `rollback to revision ${target.revision}`), args = ["rollback", options.name, String(target.revision), "--namespace", options.namespace, ...forcing(opts)], key2 = (r) => JSON.stringify(r.images.map((i) => [i.kind, i.name, i.field, i.image]).sort());
      await runApply(
        ctx,
        action,
        latest,
        () => runHelm(binary, connection, args, { timeoutMs: toMs(opts.timeout ?? "5m", "rollback timeout"), driver }),
        async (before) => (emit(before), verify(ctx, latest.revision, (r) => key2(r) === key2(target), action))
      );
    },
    async upgrade(opts) {
      refuseIssues(`${label}.upgrade()`, upgradeIssues(opts));
      let ctx = currentContext(`${label}.upgrade()`), { all: all2, latest } = await settled(ctx), alreadyUpgraded = () => {
        ctx.journal.emit({ type: "note", text: `${label} is already at ${chartText(latest)} with these values (revision ${latest.revision}): the upgrade changes nothing` });
      }, reused = upgradeBase(all2).values, action = `helm upgrade to ${opts.chart}${opts.version ? ` ${opts.version}` : ""}`, emit = (after2) => {
        let chartAfter = after2 ? chartText(after2.revision) : `${opts.chart}${opts.version ? `-${opts.version}` : ""}`;
        chartAfter !== chartText(latest) && journal(ctx, object, "chart", chartText(latest), chartAfter, action);
        for (let [path, value] of flatten(opts.values ?? {}))
          isDeepStrictEqual(valueOf(reused, path), value) || journal(ctx, object, path, valueOf(reused, path), value, action);
        after2 && journalImages(ctx, latest, after2.revision, after2.before, action);
      }, args = ["upgrade", options.name, opts.chart, "--namespace", options.namespace, "--reset-then-reuse-values", "--values", "{dir}/values.yaml", ...forcing(opts)];
      opts.version && args.push("--version", opts.version);
      let { stringify } = await import("./chunks/dist-BT2OYCK5.js"), helmOptions = { timeoutMs: toMs(opts.timeout ?? "5m", "upgrade timeout"), driver, files: { "values.yaml": stringify(opts.values ?? {}) } }, render = async (helmHere) => releaseRevision(JSON.parse(await runHelm(helmHere.binary, helmHere.connection, [...args, "--dry-run=server", "--output", "json"], helmOptions)), { namespace: options.namespace }), asked = flatten(opts.values ?? {}), maybeDone = latest.status === "deployed" && (!opts.version || opts.version === latest.chartVersion) && asked.every(([path, value]) => isDeepStrictEqual(valueOf(reused, path), value));
      if (ctx.mode === "preview") {
        let helmHere = previewHelm(ctx, action);
        if (!helmHere) return void emit();
        let after2 = await render(helmHere);
        if (maybeDone && sameRelease(latest, after2)) return alreadyUpgraded();
        let before = await readBefore(ctx, latest);
        return emit({ revision: after2, before }), previewApply(ctx, action, latest, after2, before, helmHere, opts);
      }
      let { binary, connection } = helmFor(ctx, action);
      if (maybeDone && sameRelease(latest, await render({ binary, connection }))) return alreadyUpgraded();
      await runApply(ctx, action, latest, () => runHelm(binary, connection, args, helmOptions), async (before) => {
        let after2 = await verify(ctx, latest.revision, () => !0, action).catch((err) => {
          throw emit(), err;
        });
        return emit({ revision: after2, before }), after2;
      });
    }
  }, label);
}
var helm = { release };

// sdk/gates/compare.ts
var DEFAULT_ERROR_RATE_FLOOR = 1e-3, pct = (x) => `${Math.round(x * 1e4) / 100}%`, round6 = (v) => Math.round(v * 1e6) / 1e6, sideOf = (t, version) => "route" in t ? { route: t.route, destination: version } : { mesh: t.mesh, namespace: t.namespace, service: t.service, version };
async function errorsOf(r, t) {
  let reading = await read(requireMetrics(r), t.ind.errors(t.scope, t.base.window), t.base.at);
  if (reading.value === null && reading.missing !== "empty vector") return noData(reading, `the 5xx count of ${t.subject} is ${reading.missing}`, { ...t.base, indicator: "error-rate" });
  let failed = reading.value ?? 0;
  return { failed, rate: failed / t.requests, query: reading.query, warnings: reading.warnings };
}
function refuseAlwaysPassing(ratio, floor, defaultFloor) {
  if (ratio * floor < 1) return;
  let below = (n) => Number(n.toPrecision(3));
  throw new InvalidPlanError(
    `gates.compare: maxErrorRatio ${ratio} \xD7 errorRateFloor ${floor}${defaultFloor ? " (the default)" : ""} allows the canary an error rate of ${pct(ratio * floor)} or more, whatever stable's, so even one failing every request would pass: lower errorRateFloor below ${below(1 / ratio)}, or maxErrorRatio below ${below(1 / floor)}`
  );
}
function compare(opts) {
  if (!(opts.maxErrorRatio >= 1 && Number.isFinite(opts.maxErrorRatio)))
    throw new InvalidPlanError(`gates.compare: maxErrorRatio ${opts.maxErrorRatio} must be a finite number, at least 1 (canary no worse than stable)`);
  let floor = opts.errorRateFloor ?? DEFAULT_ERROR_RATE_FLOOR;
  checkGateOptions("gates.compare", opts, { fractions: { errorRateFloor: floor }, known: ["route", "mesh", "namespace", "service", "canary", "stable", ...TRAFFIC_OPTIONS, "maxErrorRatio", "errorRateFloor"] }), refuseAlwaysPassing(opts.maxErrorRatio, floor, opts.errorRateFloor === void 0);
  let canary2 = sideOf(opts, opts.canary), stable = sideOf(opts, opts.stable);
  return {
    kind: "compare",
    description: `error rate of ${opts.canary} <= ${opts.maxErrorRatio} \xD7 ${opts.stable}'s over ${opts.window ?? DEFAULT_WINDOW} (each at least ${opts.minRequests ?? DEFAULT_MIN_REQUESTS} requests)`,
    policy: opts.policy,
    // both sides are counted over the window: a shift of their route starts both afresh
    waitAfterShift: windowAfterShift(canary2, opts),
    preflight: async (r) => {
      await Promise.all([checkTarget(r, canary2, opts), checkTarget(r, stable, opts)]);
    },
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
  let v;
  try {
    v = await gate.evaluate({ ...round, state: own.state, shared: round.shared ?? round.state });
  } catch (err) {
    if (isPlanMistakeOrCancel(err) || err instanceof RouteDriftError) throw err;
    return errorVerdict(round.ctx, gate, err);
  }
  if (v.phase !== "failed") return v;
  own.failures++;
  let limit = gate.policy?.failureLimit ?? DEFAULT_POLICY.failureLimit;
  return own.failures > limit ? v : { ...v, phase: "inconclusive", reason: `${v.reason} (failed round ${own.failures}, tolerated)` };
}
function combinedWait(kind, waits) {
  let given = waits.filter((w) => w !== void 0);
  if (!(!given.length || kind === "any" && given.length < waits.length))
    return given.reduce((a, b) => (kind === "all" ? b.ms > a.ms : b.ms < a.ms) ? b : a);
}
function combine(kind, gates2, decide) {
  if (!gates2.length) {
    let outcome = kind === "all" ? "a gate with nothing to measure would pass on nothing" : "a gate with nothing to measure could never pass";
    throw new InvalidPlanError(`gates.${kind}() was given no gates; ${outcome}: give it at least one (a list built from configuration may have come out empty)`);
  }
  return {
    kind,
    description: `${kind} of: ${gates2.map((g) => g.description).join("; ")}`,
    policy: combinedPolicy(gates2),
    holds: combinedWait(kind, gates2.map((g) => g.holds)),
    waitAfterShift: (route) => combinedWait(kind, gates2.map((g) => g.waitAfterShift?.(route))),
    preflight: async (round) => {
      await Promise.all(gates2.map((g) => g.preflight?.(round)));
    },
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

// sdk/gates/histogram.ts
function bucketsOf(samples, unitMs) {
  let read2 = samples.map((s) => ({ le: s.labels.le ?? "", upperBound: parseLe(s.labels.le) * unitMs, count: s.value })).filter((b) => !Number.isNaN(b.upperBound));
  return preparedBuckets(read2);
}
function heldBucket(q, buckets) {
  let b = quantileBucket(q, buckets);
  if (b === -1) return null;
  let below = buckets[b - 1];
  return { lowerLe: below?.le ?? "0", lowerMs: below?.upperBound ?? 0, upperLe: buckets[b].le, upperMs: buckets[b].upperBound };
}
function straddled(maxMs, buckets) {
  let finite = buckets.filter((b) => Number.isFinite(b.upperBound));
  if (!finite.length || finite.some((b) => b.upperBound === maxMs)) return null;
  let lower = finite.filter((b) => b.upperBound < maxMs).at(-1), upper = finite.find((b) => b.upperBound > maxMs);
  return { lowerLe: lower?.le ?? "0", lowerMs: lower?.upperBound ?? 0, upperLe: upper?.le ?? "+Inf", upperMs: upper?.upperBound ?? 1 / 0 };
}

// sdk/gates/metric.ts
var round4 = (v) => Math.round(v * 1e4) / 1e4, over = (o) => `over ${o.window ?? DEFAULT_WINDOW} (at least ${o.minRequests ?? DEFAULT_MIN_REQUESTS} requests)`;
function successRate(opts) {
  return checkGateOptions("gates.successRate", opts, { fractions: { min: opts.min }, known: [...TARGET_OPTIONS, ...TRAFFIC_OPTIONS, "min"] }), {
    kind: "success-rate",
    description: `success rate of ${subjectOf(opts)} >= ${opts.min} ${over(opts)}`,
    policy: opts.policy,
    waitAfterShift: windowAfterShift(opts, opts),
    preflight: (r) => checkTarget(r, opts, opts),
    async evaluate(r) {
      let t = await countTraffic(r, opts, opts);
      if ("phase" in t) return t;
      let errors = await read(requireMetrics(r), t.ind.errors(t.scope, t.base.window), t.base.at), evidence = { ...t.base, indicator: "success-rate", threshold: `>= ${opts.min}` };
      if (errors.value === null && errors.missing !== "empty vector") return noData(errors, `the 5xx count of ${t.subject} is ${errors.missing}`, evidence);
      let failed = errors.value ?? 0, exact = 1 - failed / t.requests, pass = exact >= opts.min, rate = round4(exact) >= opts.min === pass ? round4(exact) : Number(exact.toPrecision(6));
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
  checkGateOptions("gates.latency", opts, { positives: { maxMs: opts.maxMs }, known: [...TARGET_OPTIONS, ...TRAFFIC_OPTIONS, "quantile", "maxMs"] });
  let label = `p${Math.round(q * 1e3) / 10}`, maxMs = opts.maxMs;
  return {
    kind: "latency",
    description: `${label} latency of ${subjectOf(opts)} < ${maxMs}ms ${over(opts)}`,
    policy: opts.policy,
    waitAfterShift: windowAfterShift(opts, opts),
    async preflight(r) {
      await checkTarget(r, opts, opts);
      let { mesh, scope } = "route" in opts ? { mesh: opts.route.router.metrics, scope: await opts.route.metricScope(opts.destination) } : { mesh: opts.mesh, scope: opts }, ind = indicatorsFor(mesh), answer = await requireMetrics(r).query(ind.latencyBuckets(scope, opts.window ?? DEFAULT_WINDOW), r.ctx.clock.now()).catch((err) => err instanceof MetricsUnavailableError || err instanceof MetricsQueryError ? null : Promise.reject(err)), note = answer && boundNote(ind, subjectOf(opts), label, maxMs, bucketsOf(answer.samples, ind.bucketUnitMs));
      note && r.ctx.journal.emit({ type: "note", text: note });
    },
    async evaluate(r) {
      let t = await countTraffic(r, opts, opts);
      if ("phase" in t) return t;
      let metrics = requireMetrics(r), reading = await read(metrics, t.ind.latency(t.scope, q, t.base.window), t.base.at), evidence = { ...t.base, indicator: `latency-${label}`, unit: "ms", threshold: `< ${maxMs}ms` };
      if (reading.value === null && reading.missing !== "+Inf") return noData(reading, `the latency histogram of ${t.subject} has no observations in ${t.base.window}`, evidence);
      let ms = reading.value ?? 1 / 0, answer = await metrics.query(t.ind.latencyBuckets(t.scope, t.base.window), t.base.at), buckets = bucketsOf(answer.samples, t.ind.bucketUnitMs), warnings = [...t.warnings, ...reading.warnings, ...answer.warnings], shownEvidence = { ...evidence, query: reading.query, value: Math.round(ms * 10) / 10 };
      if (!r.state.has(BOUND_NOTED)) {
        r.state.set(BOUND_NOTED, !0);
        let note = boundNote(t.ind, t.subject, label, maxMs, buckets);
        note && r.ctx.journal.emit({ type: "note", text: note });
      }
      let held = heldBucket(q, buckets);
      if (!held && ms === 1 / 0) return judge(!1, `${label} latency is past the histogram's last finite bucket >= ${maxMs}ms over ${t.base.window}`, warnings, shownEvidence);
      if (!held) return undecided(`the latency histogram of ${t.subject} has no buckets to place ${label} in over ${t.base.window}`, warnings, shownEvidence);
      if (held.upperMs === 1 / 0) {
        let top = held.lowerMs, past = `${label} latency is past the histogram's last finite bucket (${fmt(top)}ms)`, why = top < maxMs ? `, so it cannot be shown below ${maxMs}ms over ${t.base.window}: add a bucket at or above ${maxMs}ms, or give a maxMs below ${fmt(top)}ms` : ` >= ${maxMs}ms over ${t.base.window}`;
        return judge(!1, past + why, warnings, shownEvidence);
      }
      if (held.upperMs <= maxMs) {
        let reason = Math.round(ms) < maxMs ? `${label} latency ${Math.round(ms)}ms < ${maxMs}ms over ${t.base.window}` : `${label} latency at most ${maxMs}ms over ${t.base.window}: it lies in the ${bucketName(t.ind, held)}`;
        return judge(!0, reason, warnings, shownEvidence);
      }
      return held.lowerMs >= maxMs ? judge(!1, `${label} latency ${Math.round(ms)}ms >= ${maxMs}ms over ${t.base.window}`, warnings, shownEvidence) : undecided(
        `${label} latency is somewhere in the ${bucketName(t.ind, held)} over ${t.base.window} (histogram_quantile interpolates ${Math.round(ms)}ms), and maxMs ${maxMs} lies inside that bucket, so it can be shown neither under ${maxMs}ms nor over it: ${boundFix(t.ind, held, maxMs)}`,
        warnings,
        shownEvidence
      );
    }
  };
}
var BOUND_NOTED = "latency-bound-noted", fmt = (ms) => String(Number(ms.toPrecision(12))), bucketName = (ind, b) => `(${b.lowerLe}, ${b.upperLe}] bucket of ${ind.histogram}`;
function boundFix(ind, b, maxMs) {
  let bounds = [b.lowerMs > 0 ? fmt(b.lowerMs) : null, Number.isFinite(b.upperMs) ? fmt(b.upperMs) : null].filter(Boolean), le = fmt(maxMs / ind.bucketUnitMs);
  return `give maxMs ${bounds.join(" or ")}, or add a bucket at ${le}${ind.bucketUnitMs === 1 ? "" : ` (${maxMs}ms)`}`;
}
function boundNote(ind, subject, label, maxMs, buckets) {
  let b = straddled(maxMs, buckets);
  if (!b) return null;
  let what = `gates.latency on ${subject}: maxMs ${maxMs}`;
  if (b.upperMs === 1 / 0)
    return `${what} is past the last finite bucket (le=${b.lowerLe}) of ${ind.histogram}, so a round passes only when ${label} is at most ${fmt(b.lowerMs)}ms and fails above it. Give maxMs ${fmt(b.lowerMs)}, or add a bucket at ${fmt(maxMs / ind.bucketUnitMs)}`;
  let passes = b.lowerMs > 0 ? `passes only when ${label} is at most ${fmt(b.lowerMs)}ms` : "can never pass";
  return `${what} lies inside the ${bucketName(ind, b)}, so a round ${passes}, fails only when it is over ${fmt(b.upperMs)}ms, and is inconclusive in between. ${capitalize(boundFix(ind, b, maxMs))}`;
}
var capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1), asPlanMistake = (opts, err) => err instanceof MetricsQueryError ? new InvalidPlanError(`gates.query "${opts.name}": ${err.message}. Fix its promql: every round would fail the same way.`) : err;
async function checkQuery(r, opts) {
  let metrics = requireMetrics(r);
  try {
    let reading = await read(metrics, opts.promql, r.ctx.clock.now());
    reading.value === null && reading.missing === "empty vector" && r.ctx.journal.emit({
      type: "note",
      text: `gates.query "${opts.name}": no series match its promql now, so every round would be inconclusive until some do. Check the metric name and labels: ${opts.promql}`
    });
  } catch (err) {
    if (!(err instanceof MetricsUnavailableError)) throw asPlanMistake(opts, err);
  }
}
function query(opts) {
  if (opts.min === void 0 && opts.max === void 0)
    throw new InvalidPlanError(`gates.query "${opts.name}": give min, max or both; a query without a bound would pass on any number`);
  if (checkGateOptions(`gates.query "${opts.name}"`, opts, { numbers: { min: opts.min, max: opts.max }, known: ["name", "promql", "max", "min", "policy"] }), opts.min !== void 0 && opts.max !== void 0 && opts.min > opts.max)
    throw new InvalidPlanError(`gates.query "${opts.name}": min ${opts.min} is above max ${opts.max}, so no value could pass; swap them`);
  let bound = [opts.min !== void 0 ? `>= ${opts.min}` : "", opts.max !== void 0 ? `<= ${opts.max}` : ""].filter(Boolean).join(" and ");
  return {
    kind: "query",
    description: `${opts.name} ${bound}`,
    policy: opts.policy,
    // a preview without a metrics provider, or with a query Prometheus rejects, must say so: the run would only find out mid-plan
    preflight: (r) => checkQuery(r, opts),
    async evaluate(r) {
      let at = r.ctx.clock.now(), reading = await read(requireMetrics(r), opts.promql, at).catch((err) => {
        throw r.round === 1 ? asPlanMistake(opts, err) : err;
      }), evidence = { at, indicator: opts.name, threshold: bound };
      if (reading.value === null) {
        let what = reading.missing === "empty vector" || reading.missing === "NaN" ? "the query has no value" : "the query has no finite value (a division by zero?)";
        return noData(reading, `${opts.name}: ${what}`, evidence);
      }
      let value = reading.value, pass = (opts.min === void 0 || value >= opts.min) && (opts.max === void 0 || value <= opts.max);
      return judge(pass, `${opts.name} = ${value} (${pass ? "within" : "outside"} ${bound})`, reading.warnings, { ...evidence, query: opts.promql, value });
    }
  };
}

// sdk/gates/pods.ts
async function livePods(workload, deployment2) {
  return (await workload.pods(deployment2)).filter((p) => !p.metadata.deletionTimestamp);
}

// sdk/gates/pods-ready.ts
var statusesOf = (pod) => [
  ...pod.status?.initContainerStatuses ?? [],
  ...pod.status?.containerStatuses ?? []
], restartsOf = (pod) => statusesOf(pod).reduce((s, c) => s + (c.restartCount ?? 0), 0), readySince = (pod) => {
  let cond = (pod.status?.conditions ?? []).find((c) => c.type === "Ready"), at = cond?.status === "True" ? Date.parse(cond.lastTransitionTime) : Number.NaN;
  if (!Number.isNaN(at))
    return /\.\d/.test(cond.lastTransitionTime) ? at : at + 1e3;
};
function restartsTolerated(restarts, maxRestarts) {
  if (!restarts.length) return "no restarts";
  let total = restarts.reduce((s, [, n]) => s + n, 0), where = restarts.map(([pod, n]) => restarts.length > 1 ? `${pod}: ${n}` : pod).join(", ");
  return `${total} restart${total === 1 ? "" : "s"} during the gate (${where}), at most ${maxRestarts} a pod allowed`;
}
function podsReady(opts) {
  let issues = [...unknownKeys(opts, ["workload", "for", "maxRestarts"]), ...workloadIssues(opts?.workload)];
  opts?.maxRestarts !== void 0 && !isCount(opts.maxRestarts, 0) && issues.push({ path: "maxRestarts", message: `must be a whole number of restarts, 0 or more (got ${quoted(opts.maxRestarts)})` }), refuseIssues("gates.podsReady", issues);
  let forMs = toMs(opts.for ?? "60s", "podsReady for"), maxRestarts = opts.maxRestarts ?? 0;
  return {
    kind: "pods-ready",
    description: `all pods of ${opts.workload.label} ready for ${formatMs(forMs)} with at most ${maxRestarts} restarts`,
    policy: { interval: "5s", timeout: forMs + 5 * 6e4, failureLimit: 0 },
    holds: { ms: forMs, option: "for", what: "pods that turn ready during the gate" },
    async evaluate({ ctx, state: state2 }) {
      let at = ctx.clock.now(), want = (await opts.workload.get()).spec?.replicas ?? 0, pods = await livePods(opts.workload), base = { at, indicator: "pods-ready", subject: opts.workload.label, samples: pods.length, threshold: `${want} ready for ${formatMs(forMs)}` }, baseline = state2.get("restarts") ?? new Map(pods.map((p) => [p.metadata.name, restartsOf(p)]));
      state2.set("restarts", baseline);
      let restarts = [];
      for (let pod of pods) {
        if (statusesOf(pod).find((c) => c.state?.waiting?.reason === "CrashLoopBackOff")) return verdict("failed", `pod ${pod.metadata.name} is in CrashLoopBackOff (restarts: ${restartsOf(pod)})`, { ...base, value: restartsOf(pod), unit: "restarts" });
        let restarted = restartsOf(pod) - (baseline.get(pod.metadata.name) ?? 0);
        if (restarted > maxRestarts) return verdict("failed", `pod ${pod.metadata.name} restarted ${restarted} time${restarted === 1 ? "" : "s"} during the gate`, { ...base, value: restarted, unit: "restarts" });
        restarted > 0 && restarts.push([pod.metadata.name, restarted]);
      }
      let ready = pods.filter((p) => readySince(p) !== void 0);
      if (want === 0) return verdict("inconclusive", `${opts.workload.label} is scaled to 0: nothing to judge`, { ...base, value: 0 });
      if (ready.length < want) return verdict("inconclusive", `${ready.length} of ${want} pods ready`, { ...base, value: ready.length });
      let since = Math.max(...ready.map((p) => readySince(p))), readyFor = Math.max(0, at - since), all2 = want === 1 ? "the one pod" : `all ${want} pods`;
      return readyFor < forMs ? verdict("inconclusive", `${all2} ready, for ${formatMs(readyFor)} of ${formatMs(forMs)}`, { ...base, value: readyFor, unit: "ms" }) : verdict("passed", `${all2} ready for ${formatMs(readyFor)}, ${restartsTolerated(restarts, maxRestarts)}`, { ...base, value: readyFor, unit: "ms" });
    }
  };
}

// sdk/gates/schema/history.ts
var str = (v) => String(v), FLYWAY_REVERSALS = /^(UNDO_\w+|DELETE)$/, FLYWAY_BASELINES = /BASELINE$/;
function flywayApplied(rows) {
  let applied = [];
  for (let r of rows) {
    let version = str(r.version);
    r.type !== "BASELINE" && (FLYWAY_REVERSALS.test(str(r.type)) ? applied.includes(version) && applied.splice(applied.lastIndexOf(version), 1) : applied.push(version));
  }
  return applied;
}
var withoutExtension = (name) => name.replace(/\.(c|m)?(js|ts)$/, ""), LAYOUTS = {
  // Flyway: one row per migration; repeatable ones have no version; success = false is a failed one;
  // an undo or a repair's DELETE row un-applies its version.
  flyway: {
    table: "flyway_schema_history",
    sql: "SELECT version, type, success FROM {table} WHERE version IS NOT NULL ORDER BY installed_rank",
    ordering: "version",
    complete: !0,
    read: (rows) => {
      let failed = rows.find((r) => r.success === !1), baseline = rows.findLast((r) => r.success !== !1 && FLYWAY_BASELINES.test(str(r.type)));
      return {
        applied: flywayApplied(rows.filter((r) => r.success !== !1)),
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

// sdk/gates/schema/database-url.ts
var URL_FIX = "write it as postgres://user:password@host:5432/database, with special characters in the user and password percent-encoded (# as %23, / as %2F, ? as %3F, @ as %40, % as %25)";
function parsed(url) {
  for (let candidate of [url, url.replace("@/", "@___DUMMY___/")])
    try {
      return new URL(candidate);
    } catch {
    }
}
function urlProblem(url) {
  if (url.startsWith("/")) return;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return "it is not a postgres:// URL (the keyword form host=\u2026 dbname=\u2026 and JDBC URLs are not read)";
  let u = parsed(url);
  if (!u) return "it does not parse as a URL, as when a # / or ? in the password is not percent-encoded";
  if (!u.username && url.includes("@")) return "a # / or ? in the user or password, not percent-encoded, ends them early";
}
function shown(url) {
  let u = parsed(url);
  return u ? `${u.hostname}:${u.port || 5432}${u.pathname}` : "(unparsable database URL)";
}

// sdk/gates/schema/postgres.ts
var CONNECT_TIMEOUT_MS = 5e3, QUERY_TIMEOUT_MS = 5e3, END_TIMEOUT_MS = 1e3, urlSource = (req) => "urlEnv" in req.database ? `the database URL in ${req.database.urlEnv}` : "the database URL (database.url)";
function resolveUrl(req) {
  let url;
  if ("url" in req.database) url = req.database.url;
  else if (url = (req.env ?? process.env)[req.database.urlEnv], !url) throw new InvalidPlanError(`gates.schema: the environment variable ${req.database.urlEnv} is not set; it should hold the database URL`);
  let problem = urlProblem(url);
  if (problem) throw new InvalidPlanError(`gates.schema: ${urlSource(req)} cannot be read: ${problem}; ${URL_FIX}`);
  return url;
}
function refusal(err, req, at) {
  let { code, message } = err;
  if (code === "28P01" || code === "28000")
    return new InvalidPlanError(`gates.schema: PostgreSQL at ${at} refused the login of ${urlSource(req)} (${code}: ${message}): check its user and password; ${URL_FIX}`);
  if (code === "3D000") return new InvalidPlanError(`gates.schema: PostgreSQL at ${at} has no such database (${code}: ${message}): check the database name at the end of ${urlSource(req)}`);
}
async function connect(url, req) {
  let { default: pg } = await import("./chunks/esm-CSNV4XM3.js"), client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS, application_name: "firebreak" });
  try {
    await client.connect();
  } catch (err) {
    throw refusal(err, req, shown(url)) ?? new Error(`PostgreSQL at ${shown(url)} is unreachable: ${err.message || err.code}`, { cause: err });
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
var notTheToolsTable = (tool, table, why) => new InvalidPlanError(
  `gates.schema: ${table} is not a ${tool} history table (${why}): another tool made a table of that name${tool === "golang-migrate" ? " (Rails' schema_migrations has no dirty column)" : ""}. The gate reads the history tables of ${TOOLS.join(", ")}: set tool and table to the one your migrations write`
);
async function readHistory(client, tool, table) {
  let { escapeIdentifier } = (await import("./chunks/esm-CSNV4XM3.js")).default, t = tool === "auto" ? await detect(client) : tool, layout = LAYOUTS[t], name = table ?? layout.table, query2 = layout.sql.replace("{table}", quoteTable(name, escapeIdentifier)), rows;
  try {
    rows = (await client.query(query2)).rows;
  } catch (err) {
    let code = err.code;
    throw code === "42P01" ? new InvalidPlanError(`gates.schema: there is no ${t} history table ${name} in this database; check the database URL, tool and table`) : code === "42703" ? notTheToolsTable(t, name, err.message) : err;
  }
  return { tool: t, table: name, query: query2, ordering: layout.ordering, complete: layout.complete, ...layout.read(rows) };
}
async function disconnect(client) {
  let timer, ended = await Promise.race([
    client.end().then(
      () => !0,
      () => !0
    ),
    new Promise((resolve4) => timer = setTimeout(() => resolve4(!1), END_TIMEOUT_MS))
  ]);
  clearTimeout(timer), ended || client.connection?.stream?.destroy();
}
function createPostgresDatabases() {
  return {
    async readHistory(req) {
      let url = resolveUrl(req), client = await connect(url, req);
      try {
        return { history: await readHistory(client, req.tool, req.table), location: shown(url) };
      } finally {
        await disconnect(client);
      }
    }
  };
}

// sdk/gates/schema/judge.ts
var key = (h, id) => versionKey(h.tool, withoutExtension(id)), after = (h, a, b) => compareVersions(key(h, a), key(h, b)) > 0;
function againstVersion(h, max) {
  if (h.ordering === "version") {
    let ahead = h.applied.filter((id) => after(h, id, max)), latest = h.applied.reduce((top, id) => top === void 0 || after(h, id, top) ? id : top, void 0) ?? h.baseline, behind = latest === void 0 || after(h, max, latest) ? [max] : [];
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
  if (!h.complete)
    return h.ordering === "version" ? againstVersion(h, [...known].sort((a, b) => compareVersions(key(h, a), key(h, b))).at(-1) ?? "") : { ahead: h.applied.filter((id) => !known.has(id)), behind: [] };
  let applied = new Set(h.applied), ahead = h.applied.filter((id) => !known.has(id)), coveredByBaseline = (id) => h.baseline !== void 0 && !after(h, id, h.baseline), behind = [...known].filter((id) => !applied.has(id) && !coveredByBaseline(id));
  return { ahead, behind };
}
function standing(h, expect2) {
  return "maxVersion" in expect2 ? againstVersion(h, expect2.maxVersion) : againstList(h, expect2.migrations);
}

// sdk/gates/schema/schema.ts
var nonEmptyText = (v) => typeof v == "string" && v !== "";
function databaseIssues(database) {
  let example = 'database: { urlEnv: "DATABASE_URL" } (the URL read from that environment variable, keeping the password out of the plan) or database: { url: "postgres://\u2026" }';
  if (!database || typeof database != "object") {
    let got = typeof database == "string" ? "text, not shown: it may hold a password" : quoted(database);
    return [{ path: "database", message: `${database === void 0 ? "is missing" : `must be an object (got ${got})`}; give ${example}` }];
  }
  let given = database, misspelt = unknownKeys(given, ["url", "urlEnv"], "database"), named = ["url", "urlEnv"].filter((k) => given[k] !== void 0);
  return named.length > 1 ? [...misspelt, { path: "database", message: "give url or urlEnv, not both" }] : named.length ? nonEmptyText(given[named[0]]) ? misspelt : [...misspelt, { path: `database.${named[0]}`, message: "must be non-empty text" }] : misspelt.length ? misspelt : [{ path: "database", message: `names no database; give ${example}` }];
}
function expectIssues(expect2) {
  let forms = 'expect: { maxVersion: "42" }, expect: { migrations: ["41", "42"] } or expect: { fromWorkload: release, revision: 3 }';
  if (!expect2 || typeof expect2 != "object") return [{ path: "expect", message: `${expect2 === void 0 ? "is missing" : `must be an object (got ${quoted(expect2)})`}; give ${forms}` }];
  let e = expect2, named = ["maxVersion", "migrations", "fromWorkload"].filter((k) => k in e);
  if (named.length > 1) return [{ path: "expect", message: `gives ${named.join(" and ")}: give one of them, as ${forms}` }];
  if ("maxVersion" in e) {
    let issues = unknownKeys(e, ["maxVersion"], "expect");
    return nonEmptyText(e.maxVersion) ? issues : [...issues, { path: "expect.maxVersion", message: `must be the version as text, in quotes, e.g. maxVersion: "1.10" (got ${quoted(e.maxVersion)}; as a number 1.10 would read 1.1)` }];
  }
  if ("migrations" in e) {
    let issues = unknownKeys(e, ["migrations"], "expect");
    return Array.isArray(e.migrations) && e.migrations.length > 0 && e.migrations.every(nonEmptyText) ? issues : [...issues, { path: "expect.migrations", message: `must list the target's migration ids as text, e.g. ["41", "42"] (got ${quoted(e.migrations)})` }];
  }
  if ("fromWorkload" in e) {
    let issues = [...unknownKeys(e, ["fromWorkload", "annotation", "revision"], "expect"), ...workloadIssues(e.fromWorkload, "expect.fromWorkload")];
    return e.revision !== void 0 && !isCount(e.revision, 1) && issues.push({ path: "expect.revision", message: `must be a revision number, 1 or more (got ${quoted(e.revision)})` }), e.annotation !== void 0 && !nonEmptyText(e.annotation) && issues.push({ path: "expect.annotation", message: `must be an annotation name (got ${quoted(e.annotation)})` }), issues;
  }
  let misspelt = unknownKeys(e, ["maxVersion", "migrations", "fromWorkload", "annotation", "revision"], "expect");
  return misspelt.length ? misspelt : [{ path: "expect", message: `says nothing the target expects; give ${forms}` }];
}
function schemaIssues(opts) {
  let issues = [...unknownKeys(opts, ["database", "tool", "expect", "table", "env", "policy"]), ...databaseIssues(opts?.database), ...expectIssues(opts?.expect)], tools = [...TOOLS, "auto"];
  if (!tools.includes(opts?.tool)) {
    let meant = typeof opts?.tool == "string" ? closest(opts.tool, tools) : void 0, given = opts?.tool === void 0 ? "is missing" : `${quoted(opts.tool)} is not a tool the gate reads${meant ? ` (did you mean "${meant}"?)` : ""}`;
    issues.push({ path: "tool", message: `${given}; give ${TOOLS.map((t) => `"${t}"`).join(", ")}, or "auto" to find the one history table there is` });
  }
  return opts?.table !== void 0 && !nonEmptyText(opts.table) && issues.push({ path: "table", message: `must be the history table's name, e.g. "flyway_schema_history" or "migrations.flyway_schema_history" (got ${quoted(opts.table)})` }), issues;
}
async function expectation(ctx, e) {
  if ("maxVersion" in e) return { expect: e, target: `version ${e.maxVersion}` };
  if ("migrations" in e) return { expect: e, target: `the target (built with ${e.migrations.length} migrations, the last ${e.migrations.at(-1) ?? "none"})` };
  let annotation = e.annotation ?? SCHEMA_ANNOTATION, template = (await e.fromWorkload.get()).spec?.template, where = e.fromWorkload.label;
  if (e.revision !== void 0) {
    let history = await e.fromWorkload.revisions(), rev = revisionNumbered(history, e.revision);
    if (!rev) throw new InvalidPlanError(`gates.schema: ${e.fromWorkload.label} has no revision ${e.revision}; revisions are: ${history.map(revisionText).join(", ")}`);
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
  if (s.undecidable) return verdict("inconclusive", `cannot compare the schema with ${target}: ${s.undecidable}`, { ...evidence, value: null });
  if (s.ahead.length) return verdict("failed", `schema is ahead of ${target}: ${list(s.ahead)}; roll forward instead`, { ...evidence, value: s.ahead.length, unit: "migrations" });
  if (s.behind.length)
    return verdict("failed", `schema is behind ${target}: ${list(s.behind)} not applied; migrate before switching to it`, { ...evidence, value: s.behind.length, unit: "migrations missing" });
  let latest = h.applied.at(-1) ?? (h.baseline !== void 0 ? `the baseline ${h.baseline}` : "no migrations");
  return verdict("passed", `schema matches ${target}: ${latest} is the latest in ${h.table}`, { ...evidence, value: 0, unit: "migrations" });
}
function schema(opts) {
  refuseIssues("gates.schema", schemaIssues(opts)), checkPolicy("gates.schema", opts.policy);
  let policy = { interval: "5s", timeout: "30s", consecutive: 1, failureLimit: 0, ...opts.policy };
  checkPace("gates.schema", policy);
  let what = "fromWorkload" in opts.expect ? `${opts.expect.fromWorkload.label}'s ${opts.expect.annotation ?? SCHEMA_ANNOTATION}` : "maxVersion" in opts.expect ? `version ${opts.expect.maxVersion}` : "the target's migrations";
  return {
    kind: "schema",
    description: `database schema (${opts.tool}) not ahead of ${what}`,
    policy,
    async evaluate({ ctx }) {
      let { expect: expect2, target } = await expectation(ctx, opts.expect), databases = ctx.databases ?? createPostgresDatabases(), { history, location } = await databases.readHistory({ database: opts.database, tool: opts.tool, ...opts.table ? { table: opts.table } : {}, ...opts.env ? { env: opts.env } : {} });
      return judgeHistory(history, expect2, target, { at: ctx.clock.now(), subject: location });
    }
  };
}

// sdk/gates/warmup.ts
var WARMUP_OPTIONS = ["workload", "path", "port", "scheme", "container", "maxLatency", "consecutive", "interval", "timeout"], MESH_PROXIES = /* @__PURE__ */ new Set(["istio-proxy", "linkerd-proxy"]);
function appContainer(pod, name) {
  let containers = pod.spec?.containers ?? [];
  if (name !== void 0) {
    let c = containers.find((x) => x.name === name);
    if (!c) throw new InvalidPlanError(`gates.warmup: pod ${pod.metadata.name} has no container '${name}'; its containers are: ${containers.map((x) => x.name).join(", ")}`);
    return c;
  }
  let apps = containers.filter((c) => !MESH_PROXIES.has(c.name ?? ""));
  return apps.find((c) => c.readinessProbe?.httpGet) ?? apps[0] ?? containers[0] ?? {};
}
function portOf(pod, c, port) {
  if (typeof port == "number" || port === void 0) return port;
  if (/^\d+$/.test(port)) return Number(port);
  let named = c.ports?.find((p) => p.name === port)?.containerPort;
  if (named !== void 0) return named;
  let names = (c.ports ?? []).map((p) => p.name).filter(Boolean);
  throw new InvalidPlanError(
    `gates.warmup: container '${c.name}' of pod ${pod.metadata.name} probes readiness on port '${port}', which names none of its ports${names.length ? ` (${names.join(", ")})` : ""}: give the gate a port, e.g. gates.warmup({ \u2026, port: 8080 })`
  );
}
function probeTarget(pod, opts) {
  let c = appContainer(pod, opts.container), http = c.readinessProbe?.httpGet;
  return {
    port: opts.port ?? portOf(pod, c, http?.port) ?? c.ports?.[0]?.containerPort ?? 8080,
    path: opts.path ?? http?.path ?? "/",
    pathFrom: opts.path !== void 0 ? "option" : http?.path !== void 0 ? "readiness probe" : "default",
    // the pod proxy speaks plain HTTP unless told: an HTTPS-only app would answer 400 every round
    scheme: opts.scheme ?? (http?.scheme?.toUpperCase() === "HTTPS" ? "https" : "http")
  };
}
function probeHint(worst) {
  return worst.status === 400 && worst.scheme === "http" ? ' (over plain HTTP: if the app serves HTTPS, give the gate scheme: "https")' : [401, 403, 404, 405].includes(worst.status) ? worst.pathFrom === "default" ? ` (the container has no HTTP readiness probe, so the gate asks for ${worst.path}: give it a path the app answers 200 on, e.g. path: "/healthz")` : worst.pathFrom === "option" ? ` (check the gate's path ${worst.path})` : "" : "";
}
function warmup(opts) {
  let issues = [...unknownKeys(opts, WARMUP_OPTIONS), ...workloadIssues(opts?.workload)];
  opts && opts.maxLatency === void 0 && issues.push({ path: "maxLatency", message: 'is missing; give the slowest answer a warm pod may give, e.g. maxLatency: "300ms"' });
  let latencyIssue = opts?.maxLatency === void 0 ? void 0 : durationIssue(opts.maxLatency, "maxLatency");
  latencyIssue && issues.push(latencyIssue), opts?.port !== void 0 && !(isCount(opts.port, 1) && opts.port <= 65535) && issues.push({ path: "port", message: `must be a port number, 1-65535 (got ${quoted(opts.port)})` }), opts?.path !== void 0 && !(typeof opts.path == "string" && opts.path.startsWith("/")) && issues.push({ path: "path", message: `must be an HTTP path starting with "/", e.g. "/healthz" (got ${quoted(opts.path)})` }), refuseIssues("gates.warmup", issues), checkOneOf("gates.warmup", "scheme", opts.scheme, ["http", "https"]);
  let maxMs = toMs(opts.maxLatency, "warmup maxLatency"), policy = { interval: opts.interval ?? "5s", timeout: opts.timeout ?? "5m", consecutive: opts.consecutive ?? 5, failureLimit: Number.POSITIVE_INFINITY };
  return checkPolicy("gates.warmup", policy, ""), checkPace("gates.warmup", policy, ""), {
    kind: "warmup",
    description: `every pod of ${opts.workload.label} answers under ${formatMs(maxMs)} for ${opts.consecutive ?? 5} rounds in a row`,
    // Slow rounds are expected while warming: only the timeout ends a warm-up gate as failed.
    policy,
    async evaluate({ ctx }) {
      let workload = await opts.workload.get(), pods = (await livePods(opts.workload, workload)).filter((p) => (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True")), desired = workload.spec?.replicas ?? 1, base = { at: ctx.clock.now(), indicator: "probe-latency", subject: opts.workload.label, unit: "ms", threshold: `< ${formatMs(maxMs)}`, samples: pods.length };
      if (!pods.length) return verdict("inconclusive", `no ready pods of ${opts.workload.label} to probe yet`, { ...base, value: null });
      let worst = { ms: -1, pod: "", status: 200, path: "", pathFrom: "default", scheme: "http" };
      for (let pod of pods) {
        let { port, path, pathFrom, scheme } = probeTarget(pod, opts), t0 = ctx.clock.now(), res = await ctx.kube.proxyGet({ namespace: pod.metadata.namespace, name: pod.metadata.name, port, scheme, context: opts.workload.ref.context }, path), ms = ctx.clock.now() - t0, bad = res.status < 200 || res.status >= 300;
        if ((bad || ms > worst.ms) && (worst = { ms, pod: pod.metadata.name, status: res.status, path, pathFrom, scheme }), bad) break;
      }
      let query2 = `GET ${worst.path} on ${pods.length} pods`;
      if (worst.status < 200 || worst.status >= 300)
        return verdict("failed", `pod ${worst.pod} answered ${worst.status} in ${Math.round(worst.ms)}ms${probeHint(worst)}`, { ...base, query: query2, value: Math.round(worst.ms) });
      let pass = worst.ms < maxMs, slowest = `slowest of ${pods.length} pods: ${worst.pod} in ${Math.round(worst.ms)}ms ${pass ? "<" : ">="} ${formatMs(maxMs)}`;
      return pass && pods.length < desired ? verdict("inconclusive", `${pods.length} of ${desired} pods ready: waiting to probe them all (${slowest})`, { ...base, query: query2, value: Math.round(worst.ms) }) : verdict(pass ? "passed" : "failed", slowest, { ...base, query: query2, value: Math.round(worst.ms) });
    }
  };
}

// sdk/gates/index.ts
var gates = { successRate, latency, query, compare, schema, podsReady, warmup, all, any };

// sdk/loader/unsupported-syntax.ts
var IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
function afterName(text, i) {
  for (; text(i + 1) === "." && IDENTIFIER.test(text(i + 2)); ) i += 2;
  return i + 1;
}
var DECORATOR = "decorators are not supported in plans: sucrase leaves them as they are and Node cannot run them. Call the decorating function yourself instead, e.g. const go = logged(goUnlogged).", ACCESSOR = "auto-accessors (accessor x = \u2026) are not supported in plans: sucrase leaves them as they are and Node cannot run them. Write a plain field, or a get/set pair over a private field.", IMPORT_META = 'import.meta is not available in plans: the loader evaluates them as CommonJS modules. Use __filename and __dirname instead (for import.meta.url: import { pathToFileURL } from "node:url", then pathToFileURL(__filename).href).', TOP_LEVEL_AWAIT = "top-level await is not supported in plans: the loader evaluates them as CommonJS modules. Move the await into the program, export default plan({ \u2026 }, async (run) => { \u2026 }), where it runs when the plan does.";
function* unsupportedSyntax(source) {
  let { tokens, scopes } = parse(source, !1, !0, !1), functions = scopes.filter((s) => s.isFunctionScope && !(s.startTokenIndex === 0 && s.endTokenIndex === tokens.length)), text = (i) => tokens[i] ? source.slice(tokens[i].start, tokens[i].end) : "", closing = (open) => {
    let depth = 0;
    for (let i = open; i < tokens.length; i++) {
      let t = text(i);
      if (t === "{" || t === "${") depth++;
      else if (t === "}" && --depth === 0) return i;
    }
    return tokens.length - 1;
  }, at = (i, message, dropped = !1) => {
    let before = source.slice(0, tokens[i].start).split(`
`);
    return { line: before.length, column: before.at(-1).length + 1, message, dropped };
  };
  for (let i = 0; i < tokens.length; i++) {
    let t = text(i);
    if (t === "declare" && ["namespace", "module", "global"].includes(text(i + 1))) {
      let open = i + 2;
      for (; text(open) === "." || /^["'\w$]/.test(text(open)); ) open++;
      text(open) === "{" && (i = closing(open));
    } else if ((t === "namespace" || t === "module") && tokens[i].isType && IDENTIFIER.test(text(i + 1))) {
      let open = afterName(text, i + 1);
      if (text(open) !== "{") continue;
      let name = text(i + 1), body = source.slice(tokens[open].end, tokens[closing(open)].start);
      if (!declaresValues(body)) continue;
      yield at(
        i,
        `TypeScript namespaces are not supported in plans: the loader strips types with sucrase, which drops namespace ${name} and its values, so ${name} would be undefined when the plan runs. Use a const object instead (const ${name} = { \u2026 }), or move its contents to a module of their own and import them.`,
        !0
      );
    } else {
      if (tokens[i].isType)
        continue;
      t === "@" ? yield at(i, DECORATOR) : t === "accessor" && /^[\w$#[]/.test(text(i + 1)) && !source.slice(tokens[i].end, tokens[i + 1].start).includes(`
`) ? yield at(i, ACCESSOR) : t === "import" && text(i + 1) === "." && text(i + 2) === "meta" ? yield at(i, IMPORT_META) : t === "await" && text(i - 1) !== "." && !functions.some((s) => s.startTokenIndex <= i && i < s.endTokenIndex) && (yield at(i, TOP_LEVEL_AWAIT));
    }
  }
}
var MAY_OPEN_NAMESPACE = /\b(?:namespace|module)\s+[A-Za-z_$]/;
function findDroppedNamespace(source) {
  if (MAY_OPEN_NAMESPACE.test(source)) {
    for (let problem of unsupportedSyntax(source)) if (problem.dropped) return problem;
  }
}
function explainSyntaxError(source, line) {
  for (let problem of unsupportedSyntax(source)) if (!problem.dropped && problem.line === line) return problem;
}
function declaresValues(statements) {
  let { tokens } = parse(statements, !1, !0, !1), text = (i) => tokens[i] ? statements.slice(tokens[i].start, tokens[i].end) : "";
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].isType || tokens[i].end === tokens[i].start || text(i) === ";") continue;
    let after2 = afterTypeOnlyAlias(text, i);
    if (after2 === void 0) return !0;
    i = after2 - 1;
  }
  return !1;
}
function afterTypeOnlyAlias(text, i) {
  if (text(i) !== "import" || text(i - 1) === "export") return;
  let name = i + 1;
  if (text(name) === "type" && IDENTIFIER.test(text(name + 1)) && text(name + 2) === "=" && name++, !IDENTIFIER.test(text(name)) || text(name + 1) !== "=") return;
  let end = name + 2;
  if (text(end) === "require" && text(end + 1) === "(" && /^["']/.test(text(end + 2)) && text(end + 3) === ")") end += 4;
  else if (IDENTIFIER.test(text(end))) end = afterName(text, end);
  else return;
  return text(end) === ";" ? end + 1 : end;
}

// sdk/loader/load-plan.ts
var TS_EXTENSIONS = [".ts", ".mts", ".cts", ".tsx"];
function resolveRelative(from, spec) {
  let base = resolve2(dirname2(from), spec), stem = base.replace(/\.(js|mjs|cjs)$/, "");
  return [base, ...TS_EXTENSIONS.map((e) => stem + e), ...TS_EXTENSIONS.map((e) => join4(base, `index${e}`))].find((c) => existsSync(c) && statSync(c).isFile());
}
function transformFile(loader, file) {
  let known = loader.transformed.get(file);
  if (known) return known;
  let source = readFileSync(file, "utf8"), code;
  try {
    code = transform(source, { transforms: ["typescript", "imports"], filePath: file, disableESTransforms: !0 }).code;
  } catch (err) {
    throw new PlanLoadError(`${relative2(process.cwd(), file)} is not valid TypeScript: ${err.message}`, { cause: err });
  }
  let dropped = findDroppedNamespace(source);
  if (dropped) throw new PlanLoadError(`${relative2(process.cwd(), file)}:${dropped.line}:${dropped.column}: ${dropped.message}`);
  let transformed = { source, code, run: compile(source, code, file) };
  return loader.transformed.set(file, transformed), transformed;
}
var RELATIVE_REQUIRE = /\brequire\(\s*(['"])(\.{0,2}\/[^'"]*)\1\s*\)/g;
function localImports(file, code) {
  return [...code.matchAll(RELATIVE_REQUIRE)].flatMap(([, , spec]) => {
    let target = resolveRelative(file, spec);
    return target && TS_EXTENSIONS.includes(extname(target)) ? [{ spec, target }] : [];
  });
}
function transformGraph(loader, file) {
  let pending = [file];
  for (let next2 = pending.pop(); next2 !== void 0; next2 = pending.pop()) {
    if (loader.transformed.has(next2)) continue;
    let { code } = transformFile(loader, next2);
    pending.push(...localImports(next2, code).map((i) => i.target));
  }
}
function loadModule(loader, file) {
  let cached = loader.cache.get(file);
  if (cached) return cached.exports;
  let { code, run: run2 } = transformFile(loader, file), module = { exports: {} };
  loader.cache.set(file, module);
  let nodeRequire = createRequire(file), requireFn = (spec) => {
    if (spec in loader.modules) return loader.modules[spec];
    if (spec.startsWith(".") || spec.startsWith("/")) {
      let target = resolveRelative(file, spec);
      if (!target) throw new PlanLoadError(`${relative2(process.cwd(), file)} imports '${spec}', which does not exist.${nearbyFile(spec, resolve2(dirname2(file), spec))}`);
      if (TS_EXTENSIONS.includes(extname(target))) return loadModule(loader, target);
    }
    try {
      return nodeRequire(spec);
    } catch (err) {
      throw notInstalled(err, spec, `${relative2(process.cwd(), file)}:${requireLine(code, spec)}`) ?? err;
    }
  };
  return run2(module.exports, requireFn, module, file, dirname2(file)), module.exports;
}
function notInstalled(err, spec, at) {
  if (err.code !== "MODULE_NOT_FOUND" || !err.message.startsWith(`Cannot find module '${spec}'`)) return;
  let pkg = spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/");
  return new PlanLoadError(`${at}: the plan imports '${spec}', which is not installed: npm install ${pkg} in the plan's repository.`);
}
function requireLine(code, spec) {
  let at = Math.max(code.indexOf(`require('${spec}')`), code.indexOf(`require("${spec}")`), 0);
  return code.slice(0, at).split(`
`).length;
}
function compile(source, code, file) {
  try {
    return compileFunction(code, ["exports", "require", "module", "__filename", "__dirname"], { filename: file });
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    let line = /:(\d+)$/m.exec(err.stack ?? "")?.[1], problem = line ? explainSyntaxError(source, Number(line)) : void 0;
    throw problem ? new PlanLoadError(`${relative2(process.cwd(), file)}:${problem.line}:${problem.column}: ${problem.message}`, { cause: err }) : new PlanLoadError(
      `${relative2(process.cwd(), file)}${line ? `:${line}` : ""}: ${err.message}. Node ${process.versions.node} cannot run that line once sucrase has stripped its types: write it another way.`,
      { cause: err }
    );
  }
}
var MENTIONS_Z = /\bz\b/;
async function firebreakModule(loader) {
  let module = { ...api_exports };
  return Object.defineProperty(module, "__esModule", { value: !0 }), [...loader.transformed.values()].some((m) => MENTIONS_Z.test(m.source)) ? module.z = (await import("#zod")).z : Object.defineProperty(module, "z", {
    enumerable: !0,
    get: () => {
      throw new PlanLoadError(`The plan reaches firebreak's z through a computed name, so zod was not loaded. Import it by name: import { z } from "firebreak".`);
    }
  }), module;
}
function importedNames(code, spec) {
  let binding = new RegExp(`\\bvar (\\w+) = require\\((['"])${spec.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\2\\);`).exec(code)?.[1];
  if (!binding) return [];
  let wrappers = [...code.matchAll(new RegExp(`\\bvar (\\w+) = _interopRequire\\w*\\(${binding}\\)`, "g"))].map((m) => m[1]);
  return [...code.matchAll(new RegExp(`\\b(?:${[binding, ...wrappers].join("|")})\\.(\\w+)`, "g"))].map((use) => ({ name: use[1], line: code.slice(0, use.index).split(`
`).length }));
}
function checkFirebreakImports(loader, spec, module) {
  let example = spec === "firebreak" ? 'import { plan, istio } from "firebreak"' : 'import { rehearse } from "firebreak/testing"';
  for (let [file, { code }] of loader.transformed)
    for (let { name, line } of importedNames(code, spec)) {
      if (name in module) continue;
      let at = `${relative2(process.cwd(), file)}:${line}`;
      throw new PlanLoadError(
        name === "default" ? `${at}: ${spec} has no default export; import what the plan uses by name, e.g. ${example}.` : `${at}: ${spec} has no export '${name}'${didYouMean(name, Object.keys(module))}; it exports: ${Object.keys(module).sort().join(", ")}.`
      );
    }
}
var FIREBREAK_SUBPATH = /\brequire\(\s*(['"])(firebreak\/[^'"]*)\1\s*\)/g;
async function firebreakSubpaths(loader) {
  for (let [file, { code }] of loader.transformed)
    for (let [, , spec] of code.matchAll(FIREBREAK_SUBPATH)) {
      if (spec === "firebreak/testing") {
        loader.modules[spec] ??= await import("./chunks/testing-W6AFZMBP.js");
        continue;
      }
      throw new PlanLoadError(
        `${relative2(process.cwd(), file)}:${requireLine(code, spec)}: firebreak has no module '${spec}': Firebreak is imported as "firebreak" (the SDK) and "firebreak/testing" (the simulator, for rehearsals), which the CLI and the action bind to their own SDK.`
      );
    }
}
function checkLocalImports(loader) {
  for (let [file, { code }] of loader.transformed)
    for (let { spec, target } of localImports(file, code)) {
      let exports = loader.cache.get(target)?.exports;
      if (!exports) continue;
      let names = Object.keys(exports);
      for (let { name, line } of importedNames(code, spec)) {
        if (name in exports) continue;
        let at = `${relative2(process.cwd(), file)}:${line}`;
        throw new PlanLoadError(`${at}: ${spec} has no ${name === "default" ? "default export" : `export '${name}'`}${didYouMean(name, names)}; it exports: ${names.sort().join(", ") || "nothing"}.`);
      }
    }
}
function didYouMean(name, exports) {
  let meant = closest(name, exports);
  return meant ? ` (did you mean '${meant}'?)` : "";
}
function declaredSpec(planFile) {
  for (let dir = dirname2(planFile); ; dir = dirname2(dir)) {
    let pj = join4(dir, "package.json");
    if (existsSync(pj))
      try {
        let json = JSON.parse(readFileSync(pj, "utf8"));
        if (json.name === "firebreak") return;
        let spec = json.dependencies?.firebreak ?? json.devDependencies?.firebreak ?? json.peerDependencies?.firebreak ?? json.optionalDependencies?.firebreak;
        if (typeof spec == "string") return { spec, packageJson: pj };
      } catch {
      }
    if (existsSync(join4(dir, ".git")) || dirname2(dir) === dir) return;
  }
}
function rangeOf(spec) {
  let s = spec.trim(), alias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(s);
  if (alias)
    return alias[1] !== "firebreak" ? { unjudged: `it is another package, ${alias[1]}, under firebreak's name` } : alias[2] ? { range: alias[2] } : void 0;
  if (/^(file|link|portal):/.test(s)) return;
  let workspace = /^workspace:(.*)$/.exec(s);
  if (workspace) return ["*", "^", "~", ""].includes(workspace[1]) ? void 0 : { range: workspace[1] };
  let pinned = /#(?:.*::)?semver:([^:]+)$/.exec(s);
  return pinned ? { range: pinned[1] } : /^(git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:)/.test(s) || /^[\w.-]+\/[\w.-]+(#.*)?$/.test(s) ? { unjudged: "it is a git repository or a tarball, whose version only installing it tells" } : { range: s };
}
async function checkSdkVersion(path, file) {
  let declared = declaredSpec(file);
  if (!declared) return [];
  let { spec, packageJson } = declared, meant = rangeOf(spec);
  if (!meant) return [];
  let { default: semver } = await import("./chunks/semver-W6L43SOE.js");
  if (!("range" in meant) || !semver.validRange(meant.range)) {
    let why = "unjudged" in meant ? meant.unjudged : `"${meant.range}" is no version range`;
    return [
      `${path}: ${packageJson} asks for firebreak "${spec}", which cannot be checked against this firebreak ${SDK_VERSION} (${why}). If the plan was written for another major of firebreak it may fail part way; name a version range (e.g. "^${SDK_VERSION}") to have it checked.`
    ];
  }
  if (semver.satisfies(SDK_VERSION, meant.range, { includePrerelease: !0 })) return [];
  throw new PlanLoadError(
    `${path} is written for firebreak ${spec} (${packageJson}), but this is firebreak ${SDK_VERSION}. Use a Firebreak release that ${meant.range} allows, or update the plan and its package.json.`
  );
}
function nearbyFile(path, file) {
  let names;
  try {
    names = readdirSync(dirname2(file));
  } catch {
    return "";
  }
  let meant = closest(basename(file), names);
  return meant ? ` Did you mean ${path.slice(0, path.lastIndexOf("/") + 1)}${meant}?` : "";
}
async function loadModuleFile(path, missing = (file) => `${path} does not exist (resolved to ${file}). Give the path of a .ts file.`) {
  let file = resolve2(path);
  if (!existsSync(file)) throw new PlanLoadError(`${missing(file)}${nearbyFile(path, file)}`);
  if (!statSync(file).isFile()) throw new PlanLoadError(`${path} is a directory, not a file (resolved to ${file}). Give the path of a .ts file in it.`);
  let warnings = await checkSdkVersion(path, file), loader = { transformed: /* @__PURE__ */ new Map(), cache: /* @__PURE__ */ new Map(), modules: {} };
  try {
    transformGraph(loader, file), loader.modules.firebreak = await firebreakModule(loader), checkFirebreakImports(loader, "firebreak", loader.modules.firebreak), await firebreakSubpaths(loader), loader.modules["firebreak/testing"] && checkFirebreakImports(loader, "firebreak/testing", loader.modules["firebreak/testing"]);
    let exports = loadModule(loader, file);
    return checkLocalImports(loader), { exports, file, warnings };
  } catch (err) {
    if (err instanceof PlanLoadError) throw err;
    let at = planFrame(err);
    throw err instanceof FirebreakError ? at ? new PlanLoadError(`${at}: ${err.message}`, { cause: err }) : err : new PlanLoadError(`Loading ${path} failed${at ? ` at ${at}` : ""}: ${err.message}`, { cause: err });
  }
}
async function loadPlan(path) {
  let { exports, file, warnings } = await loadModuleFile(
    path,
    (resolved) => `Plan file ${path} does not exist (resolved to ${resolved}). Give the path of a .ts file that default-exports plan(...).`
  ), candidate = exports.default;
  if (!isPlan(candidate)) {
    let found = candidate === void 0 ? "no default export" : `a default export of type ${typeof candidate}`;
    throw new PlanLoadError(`${path} does not default-export a plan (found ${found}). End it with: export default plan({ name: "\u2026" }, async (run, inputs) => { \u2026 });`);
  }
  if (planSdkMajor(candidate) !== 0) {
    let major = planSdkMajor(candidate);
    throw new PlanLoadError(
      `${path} was built with firebreak major ${major} (its plan() is another copy of firebreak's), and this is firebreak ${SDK_VERSION}. Run it with a Firebreak ${major}.x release, or import plan from "firebreak" and update the plan to this release.`
    );
  }
  return { plan: candidate, file, warnings };
}

// sdk/cli/progress.ts
var time = (ms) => new Date(ms).toISOString().slice(11, 19), show = (v) => v === void 0 ? "(none)" : typeof v == "string" ? v : JSON.stringify(v);
function formatEvent(e) {
  let t = time(e.at);
  switch (e.type) {
    case "plan-started":
      return `${t} UTC ${e.mode === "preview" ? "previewing" : "running"} plan ${e.plan.name} on ${e.target.kind === "sim" ? `the simulator (scenario ${e.target.scenario})` : `cluster ${e.target.detail ?? ""}`}`;
    case "step-started":
      return `${t} \u25B6 ${stepTitle(e)}`;
    case "step-finished":
      return e.outcome === "cancelled" ? `${t} \u25A0 ${e.name} cut short (${formatMs(e.durationMs)}): ${e.error?.message ?? "cancelled"}` : e.outcome === "succeeded" ? `${t} \u2714 ${e.name} (${formatMs(e.durationMs)})` : `${t} \u2718 ${e.name} (${formatMs(e.durationMs)}): ${e.error?.message ?? "failed"}`;
    case "change":
      return `${t}   ~ ${refString(e.object)} ${e.field}: ${show(e.before)} \u2192 ${show(e.after)}${e.applied ? "" : " (preview)"}`;
    case "traffic":
      return `${t}   \u21C4 ${refString(e.route)}: ${Object.entries(e.split).map(([d, w]) => `${d}=${w}%`).join(" ")}${e.initial ? " (as found)" : e.verified ? " (read back, verified)" : ""}`;
    case "gate":
      return `${t}   \u25C6 gate "${e.name}" ${e.phase}: ${e.reason}`;
    case "note":
      return `${t}   note: ${e.text}`;
    case "pause":
      return e.cancelled ? `${t}   pause cut short after ${formatMs(e.cancelled.afterMs)} of ${formatMs(e.durationMs)}` : `${t}   pause ${formatMs(e.durationMs)}${e.reason ? `: ${e.reason}` : ""}`;
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
  let clean = (text) => scrub(plainText(text)), open = !1, lastProgress = "", preview = !1, topLevel = /* @__PURE__ */ new Set(), end = () => {
    open && log.endGroup(), open = !1;
  };
  return {
    onEvent(e) {
      let line = formatEvent(e);
      if (e.type === "step-started" && e.parentId === void 0 && (end(), topLevel.add(e.stepId), log.startGroup(clean(stepTitle(e))), open = !0), e.type === "plan-started" && (preview = e.mode === "preview"), line && log.info(clean(line)), e.type === "gate" && e.phase !== "passed" && !preview) {
        let message = clean(`${e.enforced ? "Gate" : "Check"} "${e.name}" ${e.phase}: ${e.reason}`);
        e.enforced && e.phase !== "inconclusive" ? log.error(message, { title: "Firebreak gate" }) : log.warning(message, { title: e.enforced ? "Firebreak gate" : "Firebreak check" });
      } else e.type === "safe-state-restore" && e.outcome === "failed" ? log.error(clean(`Safe state NOT restored: ${e.description}${e.detail ? ` (${e.detail})` : ""}`), { title: "Firebreak safe state" }) : e.type === "recommendation" ? log.notice(clean(e.text), { title: "Firebreak recommendation" }) : e.type === "note" && e.stops ? log.warning(clean(e.text), { title: "Firebreak preview: the run would stop" }) : (e.type === "step-finished" && topLevel.has(e.stepId) || e.type === "plan-finished") && end();
    },
    onProgress(message) {
      message === lastProgress || !/^(gate|waiting)/.test(message) || (lastProgress = message, log.info(clean(`  \u2026 ${message}`)));
    },
    close: end
  };
}

// action/run-plan.ts
var CANCEL_GRACE_IN_ACTIONS_MS = 3e3;
function scenarioIn(workspace, scenario) {
  let file = resolve3(workspace, scenario);
  return existsSync2(file) ? relative3(process.cwd(), file) : scenario;
}
async function runIncidentPlan(req) {
  let { settings, ctx } = req, { plan: plan2, warnings } = await loadPlan(relative3(process.cwd(), resolve3(ctx.workspace, settings.plan)));
  for (let w of warnings) req.logger.warning(w);
  checkInputLines(settings, declaredInputs(plan2.meta));
  let planSecrets = secretValuesOf(settings.inputs, plan2.meta.secrets);
  planSecrets.forEach(req.mask);
  let secrets = [...req.secrets, ...planSecrets], scrub = createScrubber(secrets), target = await openTarget({
    target: settings.target,
    scenario: settings.scenario === void 0 ? "" : scenarioIn(ctx.workspace, settings.scenario),
    ...settings.kubeconfig ? { kubeconfigContent: settings.kubeconfig } : {},
    ...settings.context ? { context: settings.context } : {},
    ...settings.requestTimeoutMs ? { requestTimeoutMs: settings.requestTimeoutMs } : {},
    ...settings.prometheusUrl ? { prometheus: settings.prometheusUrl } : {},
    prometheusHeaders: settings.prometheusHeaders,
    kubeconfigHint: "Set the action's kubeconfig input (from a secret), and its context input to use another context."
  }), journal = createFileJournal(req.journalPath), progress = createProgressReporter(req.logger, scrub.text);
  try {
    return await runPlan(plan2, {
      mode: settings.mode,
      inputs: settings.inputs,
      ...runOptionsOf(target),
      journal,
      signal: req.signal,
      // the runner kills a cancelled job 10 s after its first signal: a deaf step gets 3 s of them, the restore the rest
      cancelGraceMs: CANCEL_GRACE_IN_ACTIONS_MS,
      ...req.onReporting ? { onReporting: req.onReporting } : {},
      ...req.reportSignal ? { reportSignal: req.reportSignal } : {},
      onEvent: (event) => {
        event.type === "plan-started" && req.onStart?.(), progress.onEvent(event);
      },
      onProgress: progress.onProgress,
      planFile: settings.plan,
      runId: `${ctx.runId}.${ctx.runAttempt}`,
      secretValues: secrets
    });
  } catch (err) {
    throw err instanceof PlanInputError ? new InputError("inputs", `plan "${err.planName}" refused them: ${err.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`) : err;
  } finally {
    progress.close(), await target.close();
  }
}

// sdk/engine/interrupts.ts
var REPORT_CUT_SHORT = "the plan has finished; cutting short the re-read of the routes it shifted and the user-impact measurement, to report at once. A route not re-read is reported not verified: it may no longer hold the split the run left there. Check each such route on the cluster before relying on it (kubectl get <kind> <name> -n <namespace> -o yaml).";
function createRunInterrupts() {
  let cancel = new AbortController(), cutReport = new AbortController(), reporting = !1, count = 0;
  return {
    cancel: cancel.signal,
    cutReport: cutReport.signal,
    reporting: () => {
      reporting = !0;
    },
    interrupt() {
      return ++count > 1 ? "again" : ((reporting ? cutReport : cancel).abort(), reporting ? "report-cut-short" : "cancelled");
    },
    get interrupted() {
      return count > 0;
    },
    get reportingStarted() {
      return reporting;
    }
  };
}

// action/main.ts
async function run(options = {}) {
  let interrupts = createRunInterrupts(), started = !1, onSignal = (signal) => {
    let did = interrupts.interrupt(), doing = started ? {
      cancelled: "cancelling: restoring the safe state",
      "report-cut-short": REPORT_CUT_SHORT,
      again: interrupts.reportingStarted ? "the plan has finished; writing the job summary" : "still restoring the safe state"
    }[did] : "cancelled before the plan started: nothing will be changed";
    warning(`${signal}: ${doing}`);
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  let scrub = (text) => text;
  try {
    let { ctx, settings, secrets, scrubber } = setUpStep();
    scrub = scrubber.text;
    let journalPath = journalPathFor(ctx);
    saveState(STATE.journal, journalPath), setOutput("incident-id", incidentId(ctx));
    let onStart = () => {
      started = !0, setOutput("journal-path", journalPath);
    }, result = await runIncidentPlan({ settings, ctx, journalPath, secrets, mask: setSecret, logger: coreLogger, signal: interrupts.cancel, onStart, onReporting: interrupts.reporting, reportSignal: interrupts.cutReport });
    setOutput("status", result.status);
    let summary = summarizeRun(result.events), place = await writeJobSummary(summary, { ctx, journalPath }, scrub);
    if (saveState(STATE.summary, "true"), result.status !== "succeeded" && setFailed(`Plan ${summary.plan.name} ended ${summary.statusText}${summary.error ? `: ${summary.error.message}` : ""}`), !interrupts.interrupted)
      try {
        let { filePostmortem } = await import("./chunks/postmortem-ZGTQDHVH.js"), github = async (options2) => (await import("./chunks/github-BWXPSMK2.js")).createGitHub(options2), postmortemUrl = await filePostmortem({ settings, ctx, events: result.events, logger: coreLogger, github, ...options.filingLimits ? { limits: options.filingLimits } : {} });
        saveState(STATE.postmortem, postmortemUrl ?? "not filed"), postmortemUrl && (setOutput("postmortem-url", postmortemUrl), place && await writeJobSummary(summary, { ctx, journalPath, postmortemUrl }, scrub, place));
      } catch (err) {
        let { retryable, retryAfterMs } = err, again = retryable !== !1;
        again || saveState(STATE.postmortem, POSTMORTEM_REFUSED), again && retryAfterMs && saveState(STATE.filingNotBefore, String(Date.now() + retryAfterMs)), warning(scrub(`Could not file the postmortem issue${again ? " (the post step tries again)" : ""}: ${describeError(err).message}`));
      }
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
