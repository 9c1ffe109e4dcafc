import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  NGINX_CANARY_ANNOTATIONS,
  SCHEMA_ANNOTATION,
  createVirtualClock,
  smiWeight
} from "./chunk-Y7IRYGEJ.js";
import {
  createKube
} from "./chunk-XY3FFI53.js";
import {
  createPrometheus
} from "./chunk-GSIJR2AG.js";
import {
  InvalidPlanError,
  UsageError
} from "./chunk-XER5RNSB.js";
import {
  require_dist
} from "./chunk-U3NCBEXJ.js";
import {
  __commonJS,
  __toESM
} from "./chunk-5AMULRZH.js";

// node_modules/ajv/dist/compile/codegen/code.js
var require_code = __commonJS({
  "node_modules/ajv/dist/compile/codegen/code.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.regexpCode = exports.getEsmExportName = exports.getProperty = exports.safeStringify = exports.stringify = exports.strConcat = exports.addCodeArg = exports.str = exports._ = exports.nil = exports._Code = exports.Name = exports.IDENTIFIER = exports._CodeOrName = void 0;
    var _CodeOrName = class {
    };
    exports._CodeOrName = _CodeOrName;
    exports.IDENTIFIER = /^[a-z$_][a-z$_0-9]*$/i;
    var Name = class extends _CodeOrName {
      constructor(s) {
        if (super(), !exports.IDENTIFIER.test(s))
          throw new Error("CodeGen: name must be a valid identifier");
        this.str = s;
      }
      toString() {
        return this.str;
      }
      emptyStr() {
        return !1;
      }
      get names() {
        return { [this.str]: 1 };
      }
    };
    exports.Name = Name;
    var _Code = class extends _CodeOrName {
      constructor(code2) {
        super(), this._items = typeof code2 == "string" ? [code2] : code2;
      }
      toString() {
        return this.str;
      }
      emptyStr() {
        if (this._items.length > 1)
          return !1;
        let item = this._items[0];
        return item === "" || item === '""';
      }
      get str() {
        var _a;
        return (_a = this._str) !== null && _a !== void 0 ? _a : this._str = this._items.reduce((s, c) => `${s}${c}`, "");
      }
      get names() {
        var _a;
        return (_a = this._names) !== null && _a !== void 0 ? _a : this._names = this._items.reduce((names, c) => (c instanceof Name && (names[c.str] = (names[c.str] || 0) + 1), names), {});
      }
    };
    exports._Code = _Code;
    exports.nil = new _Code("");
    function _(strs, ...args) {
      let code2 = [strs[0]], i = 0;
      for (; i < args.length; )
        addCodeArg(code2, args[i]), code2.push(strs[++i]);
      return new _Code(code2);
    }
    exports._ = _;
    var plus = new _Code("+");
    function str2(strs, ...args) {
      let expr = [safeStringify(strs[0])], i = 0;
      for (; i < args.length; )
        expr.push(plus), addCodeArg(expr, args[i]), expr.push(plus, safeStringify(strs[++i]));
      return optimize(expr), new _Code(expr);
    }
    exports.str = str2;
    function addCodeArg(code2, arg) {
      arg instanceof _Code ? code2.push(...arg._items) : arg instanceof Name ? code2.push(arg) : code2.push(interpolate(arg));
    }
    exports.addCodeArg = addCodeArg;
    function optimize(expr) {
      let i = 1;
      for (; i < expr.length - 1; ) {
        if (expr[i] === plus) {
          let res = mergeExprItems(expr[i - 1], expr[i + 1]);
          if (res !== void 0) {
            expr.splice(i - 1, 3, res);
            continue;
          }
          expr[i++] = "+";
        }
        i++;
      }
    }
    function mergeExprItems(a, b) {
      if (b === '""')
        return a;
      if (a === '""')
        return b;
      if (typeof a == "string")
        return b instanceof Name || a[a.length - 1] !== '"' ? void 0 : typeof b != "string" ? `${a.slice(0, -1)}${b}"` : b[0] === '"' ? a.slice(0, -1) + b.slice(1) : void 0;
      if (typeof b == "string" && b[0] === '"' && !(a instanceof Name))
        return `"${a}${b.slice(1)}`;
    }
    function strConcat(c1, c2) {
      return c2.emptyStr() ? c1 : c1.emptyStr() ? c2 : str2`${c1}${c2}`;
    }
    exports.strConcat = strConcat;
    function interpolate(x) {
      return typeof x == "number" || typeof x == "boolean" || x === null ? x : safeStringify(Array.isArray(x) ? x.join(",") : x);
    }
    function stringify2(x) {
      return new _Code(safeStringify(x));
    }
    exports.stringify = stringify2;
    function safeStringify(x) {
      return JSON.stringify(x).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
    }
    exports.safeStringify = safeStringify;
    function getProperty(key) {
      return typeof key == "string" && exports.IDENTIFIER.test(key) ? new _Code(`.${key}`) : _`[${key}]`;
    }
    exports.getProperty = getProperty;
    function getEsmExportName(key) {
      if (typeof key == "string" && exports.IDENTIFIER.test(key))
        return new _Code(`${key}`);
      throw new Error(`CodeGen: invalid export name: ${key}, use explicit $id name mapping`);
    }
    exports.getEsmExportName = getEsmExportName;
    function regexpCode(rx) {
      return new _Code(rx.toString());
    }
    exports.regexpCode = regexpCode;
  }
});

// node_modules/ajv/dist/compile/codegen/scope.js
var require_scope = __commonJS({
  "node_modules/ajv/dist/compile/codegen/scope.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.ValueScope = exports.ValueScopeName = exports.Scope = exports.varKinds = exports.UsedValueState = void 0;
    var code_1 = require_code(), ValueError = class extends Error {
      constructor(name2) {
        super(`CodeGen: "code" for ${name2} not defined`), this.value = name2.value;
      }
    }, UsedValueState;
    (function(UsedValueState2) {
      UsedValueState2[UsedValueState2.Started = 0] = "Started", UsedValueState2[UsedValueState2.Completed = 1] = "Completed";
    })(UsedValueState || (exports.UsedValueState = UsedValueState = {}));
    exports.varKinds = {
      const: new code_1.Name("const"),
      let: new code_1.Name("let"),
      var: new code_1.Name("var")
    };
    var Scope = class {
      constructor({ prefixes, parent: parent2 } = {}) {
        this._names = {}, this._prefixes = prefixes, this._parent = parent2;
      }
      toName(nameOrPrefix) {
        return nameOrPrefix instanceof code_1.Name ? nameOrPrefix : this.name(nameOrPrefix);
      }
      name(prefix) {
        return new code_1.Name(this._newName(prefix));
      }
      _newName(prefix) {
        let ng = this._names[prefix] || this._nameGroup(prefix);
        return `${prefix}${ng.index++}`;
      }
      _nameGroup(prefix) {
        var _a, _b;
        if (!((_b = (_a = this._parent) === null || _a === void 0 ? void 0 : _a._prefixes) === null || _b === void 0) && _b.has(prefix) || this._prefixes && !this._prefixes.has(prefix))
          throw new Error(`CodeGen: prefix "${prefix}" is not allowed in this scope`);
        return this._names[prefix] = { prefix, index: 0 };
      }
    };
    exports.Scope = Scope;
    var ValueScopeName = class extends code_1.Name {
      constructor(prefix, nameStr) {
        super(nameStr), this.prefix = prefix;
      }
      setValue(value, { property, itemIndex }) {
        this.value = value, this.scopePath = (0, code_1._)`.${new code_1.Name(property)}[${itemIndex}]`;
      }
    };
    exports.ValueScopeName = ValueScopeName;
    var line = (0, code_1._)`\n`, ValueScope = class extends Scope {
      constructor(opts) {
        super(opts), this._values = {}, this._scope = opts.scope, this.opts = { ...opts, _n: opts.lines ? line : code_1.nil };
      }
      get() {
        return this._scope;
      }
      name(prefix) {
        return new ValueScopeName(prefix, this._newName(prefix));
      }
      value(nameOrPrefix, value) {
        var _a;
        if (value.ref === void 0)
          throw new Error("CodeGen: ref must be passed in value");
        let name2 = this.toName(nameOrPrefix), { prefix } = name2, valueKey = (_a = value.key) !== null && _a !== void 0 ? _a : value.ref, vs = this._values[prefix];
        if (vs) {
          let _name = vs.get(valueKey);
          if (_name)
            return _name;
        } else
          vs = this._values[prefix] = /* @__PURE__ */ new Map();
        vs.set(valueKey, name2);
        let s = this._scope[prefix] || (this._scope[prefix] = []), itemIndex = s.length;
        return s[itemIndex] = value.ref, name2.setValue(value, { property: prefix, itemIndex }), name2;
      }
      getValue(prefix, keyOrRef) {
        let vs = this._values[prefix];
        if (vs)
          return vs.get(keyOrRef);
      }
      scopeRefs(scopeName, values = this._values) {
        return this._reduceValues(values, (name2) => {
          if (name2.scopePath === void 0)
            throw new Error(`CodeGen: name "${name2}" has no value`);
          return (0, code_1._)`${scopeName}${name2.scopePath}`;
        });
      }
      scopeCode(values = this._values, usedValues, getCode) {
        return this._reduceValues(values, (name2) => {
          if (name2.value === void 0)
            throw new Error(`CodeGen: name "${name2}" has no value`);
          return name2.value.code;
        }, usedValues, getCode);
      }
      _reduceValues(values, valueCode, usedValues = {}, getCode) {
        let code2 = code_1.nil;
        for (let prefix in values) {
          let vs = values[prefix];
          if (!vs)
            continue;
          let nameSet = usedValues[prefix] = usedValues[prefix] || /* @__PURE__ */ new Map();
          vs.forEach((name2) => {
            if (nameSet.has(name2))
              return;
            nameSet.set(name2, UsedValueState.Started);
            let c = valueCode(name2);
            if (c) {
              let def = this.opts.es5 ? exports.varKinds.var : exports.varKinds.const;
              code2 = (0, code_1._)`${code2}${def} ${name2} = ${c};${this.opts._n}`;
            } else if (c = getCode?.(name2))
              code2 = (0, code_1._)`${code2}${c}${this.opts._n}`;
            else
              throw new ValueError(name2);
            nameSet.set(name2, UsedValueState.Completed);
          });
        }
        return code2;
      }
    };
    exports.ValueScope = ValueScope;
  }
});

// node_modules/ajv/dist/compile/codegen/index.js
var require_codegen = __commonJS({
  "node_modules/ajv/dist/compile/codegen/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.or = exports.and = exports.not = exports.CodeGen = exports.operators = exports.varKinds = exports.ValueScopeName = exports.ValueScope = exports.Scope = exports.Name = exports.regexpCode = exports.stringify = exports.getProperty = exports.nil = exports.strConcat = exports.str = exports._ = void 0;
    var code_1 = require_code(), scope_1 = require_scope(), code_2 = require_code();
    Object.defineProperty(exports, "_", { enumerable: !0, get: function() {
      return code_2._;
    } });
    Object.defineProperty(exports, "str", { enumerable: !0, get: function() {
      return code_2.str;
    } });
    Object.defineProperty(exports, "strConcat", { enumerable: !0, get: function() {
      return code_2.strConcat;
    } });
    Object.defineProperty(exports, "nil", { enumerable: !0, get: function() {
      return code_2.nil;
    } });
    Object.defineProperty(exports, "getProperty", { enumerable: !0, get: function() {
      return code_2.getProperty;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: !0, get: function() {
      return code_2.stringify;
    } });
    Object.defineProperty(exports, "regexpCode", { enumerable: !0, get: function() {
      return code_2.regexpCode;
    } });
    Object.defineProperty(exports, "Name", { enumerable: !0, get: function() {
      return code_2.Name;
    } });
    var scope_2 = require_scope();
    Object.defineProperty(exports, "Scope", { enumerable: !0, get: function() {
      return scope_2.Scope;
    } });
    Object.defineProperty(exports, "ValueScope", { enumerable: !0, get: function() {
      return scope_2.ValueScope;
    } });
    Object.defineProperty(exports, "ValueScopeName", { enumerable: !0, get: function() {
      return scope_2.ValueScopeName;
    } });
    Object.defineProperty(exports, "varKinds", { enumerable: !0, get: function() {
      return scope_2.varKinds;
    } });
    exports.operators = {
      GT: new code_1._Code(">"),
      GTE: new code_1._Code(">="),
      LT: new code_1._Code("<"),
      LTE: new code_1._Code("<="),
      EQ: new code_1._Code("==="),
      NEQ: new code_1._Code("!=="),
      NOT: new code_1._Code("!"),
      OR: new code_1._Code("||"),
      AND: new code_1._Code("&&"),
      ADD: new code_1._Code("+")
    };
    var Node = class {
      optimizeNodes() {
        return this;
      }
      optimizeNames(_names, _constants) {
        return this;
      }
    }, Def = class extends Node {
      constructor(varKind, name2, rhs) {
        super(), this.varKind = varKind, this.name = name2, this.rhs = rhs;
      }
      render({ es5, _n }) {
        let varKind = es5 ? scope_1.varKinds.var : this.varKind, rhs = this.rhs === void 0 ? "" : ` = ${this.rhs}`;
        return `${varKind} ${this.name}${rhs};` + _n;
      }
      optimizeNames(names, constants) {
        if (names[this.name.str])
          return this.rhs && (this.rhs = optimizeExpr(this.rhs, names, constants)), this;
      }
      get names() {
        return this.rhs instanceof code_1._CodeOrName ? this.rhs.names : {};
      }
    }, Assign = class extends Node {
      constructor(lhs, rhs, sideEffects) {
        super(), this.lhs = lhs, this.rhs = rhs, this.sideEffects = sideEffects;
      }
      render({ _n }) {
        return `${this.lhs} = ${this.rhs};` + _n;
      }
      optimizeNames(names, constants) {
        if (!(this.lhs instanceof code_1.Name && !names[this.lhs.str] && !this.sideEffects))
          return this.rhs = optimizeExpr(this.rhs, names, constants), this;
      }
      get names() {
        let names = this.lhs instanceof code_1.Name ? {} : { ...this.lhs.names };
        return addExprNames(names, this.rhs);
      }
    }, AssignOp = class extends Assign {
      constructor(lhs, op, rhs, sideEffects) {
        super(lhs, rhs, sideEffects), this.op = op;
      }
      render({ _n }) {
        return `${this.lhs} ${this.op}= ${this.rhs};` + _n;
      }
    }, Label = class extends Node {
      constructor(label) {
        super(), this.label = label, this.names = {};
      }
      render({ _n }) {
        return `${this.label}:` + _n;
      }
    }, Break = class extends Node {
      constructor(label) {
        super(), this.label = label, this.names = {};
      }
      render({ _n }) {
        return `break${this.label ? ` ${this.label}` : ""};` + _n;
      }
    }, Throw = class extends Node {
      constructor(error) {
        super(), this.error = error;
      }
      render({ _n }) {
        return `throw ${this.error};` + _n;
      }
      get names() {
        return this.error.names;
      }
    }, AnyCode = class extends Node {
      constructor(code2) {
        super(), this.code = code2;
      }
      render({ _n }) {
        return `${this.code};` + _n;
      }
      optimizeNodes() {
        return `${this.code}` ? this : void 0;
      }
      optimizeNames(names, constants) {
        return this.code = optimizeExpr(this.code, names, constants), this;
      }
      get names() {
        return this.code instanceof code_1._CodeOrName ? this.code.names : {};
      }
    }, ParentNode = class extends Node {
      constructor(nodes = []) {
        super(), this.nodes = nodes;
      }
      render(opts) {
        return this.nodes.reduce((code2, n) => code2 + n.render(opts), "");
      }
      optimizeNodes() {
        let { nodes } = this, i = nodes.length;
        for (; i--; ) {
          let n = nodes[i].optimizeNodes();
          Array.isArray(n) ? nodes.splice(i, 1, ...n) : n ? nodes[i] = n : nodes.splice(i, 1);
        }
        return nodes.length > 0 ? this : void 0;
      }
      optimizeNames(names, constants) {
        let { nodes } = this, i = nodes.length;
        for (; i--; ) {
          let n = nodes[i];
          n.optimizeNames(names, constants) || (subtractNames(names, n.names), nodes.splice(i, 1));
        }
        return nodes.length > 0 ? this : void 0;
      }
      get names() {
        return this.nodes.reduce((names, n) => addNames(names, n.names), {});
      }
    }, BlockNode = class extends ParentNode {
      render(opts) {
        return "{" + opts._n + super.render(opts) + "}" + opts._n;
      }
    }, Root = class extends ParentNode {
    }, Else = class extends BlockNode {
    };
    Else.kind = "else";
    var If = class _If extends BlockNode {
      constructor(condition, nodes) {
        super(nodes), this.condition = condition;
      }
      render(opts) {
        let code2 = `if(${this.condition})` + super.render(opts);
        return this.else && (code2 += "else " + this.else.render(opts)), code2;
      }
      optimizeNodes() {
        super.optimizeNodes();
        let cond = this.condition;
        if (cond === !0)
          return this.nodes;
        let e = this.else;
        if (e) {
          let ns = e.optimizeNodes();
          e = this.else = Array.isArray(ns) ? new Else(ns) : ns;
        }
        if (e)
          return cond === !1 ? e instanceof _If ? e : e.nodes : this.nodes.length ? this : new _If(not(cond), e instanceof _If ? [e] : e.nodes);
        if (!(cond === !1 || !this.nodes.length))
          return this;
      }
      optimizeNames(names, constants) {
        var _a;
        if (this.else = (_a = this.else) === null || _a === void 0 ? void 0 : _a.optimizeNames(names, constants), !!(super.optimizeNames(names, constants) || this.else))
          return this.condition = optimizeExpr(this.condition, names, constants), this;
      }
      get names() {
        let names = super.names;
        return addExprNames(names, this.condition), this.else && addNames(names, this.else.names), names;
      }
    };
    If.kind = "if";
    var For = class extends BlockNode {
    };
    For.kind = "for";
    var ForLoop = class extends For {
      constructor(iteration) {
        super(), this.iteration = iteration;
      }
      render(opts) {
        return `for(${this.iteration})` + super.render(opts);
      }
      optimizeNames(names, constants) {
        if (super.optimizeNames(names, constants))
          return this.iteration = optimizeExpr(this.iteration, names, constants), this;
      }
      get names() {
        return addNames(super.names, this.iteration.names);
      }
    }, ForRange = class extends For {
      constructor(varKind, name2, from, to) {
        super(), this.varKind = varKind, this.name = name2, this.from = from, this.to = to;
      }
      render(opts) {
        let varKind = opts.es5 ? scope_1.varKinds.var : this.varKind, { name: name2, from, to } = this;
        return `for(${varKind} ${name2}=${from}; ${name2}<${to}; ${name2}++)` + super.render(opts);
      }
      get names() {
        let names = addExprNames(super.names, this.from);
        return addExprNames(names, this.to);
      }
    }, ForIter = class extends For {
      constructor(loop, varKind, name2, iterable) {
        super(), this.loop = loop, this.varKind = varKind, this.name = name2, this.iterable = iterable;
      }
      render(opts) {
        return `for(${this.varKind} ${this.name} ${this.loop} ${this.iterable})` + super.render(opts);
      }
      optimizeNames(names, constants) {
        if (super.optimizeNames(names, constants))
          return this.iterable = optimizeExpr(this.iterable, names, constants), this;
      }
      get names() {
        return addNames(super.names, this.iterable.names);
      }
    }, Func = class extends BlockNode {
      constructor(name2, args, async) {
        super(), this.name = name2, this.args = args, this.async = async;
      }
      render(opts) {
        return `${this.async ? "async " : ""}function ${this.name}(${this.args})` + super.render(opts);
      }
    };
    Func.kind = "func";
    var Return = class extends ParentNode {
      render(opts) {
        return "return " + super.render(opts);
      }
    };
    Return.kind = "return";
    var Try = class extends BlockNode {
      render(opts) {
        let code2 = "try" + super.render(opts);
        return this.catch && (code2 += this.catch.render(opts)), this.finally && (code2 += this.finally.render(opts)), code2;
      }
      optimizeNodes() {
        var _a, _b;
        return super.optimizeNodes(), (_a = this.catch) === null || _a === void 0 || _a.optimizeNodes(), (_b = this.finally) === null || _b === void 0 || _b.optimizeNodes(), this;
      }
      optimizeNames(names, constants) {
        var _a, _b;
        return super.optimizeNames(names, constants), (_a = this.catch) === null || _a === void 0 || _a.optimizeNames(names, constants), (_b = this.finally) === null || _b === void 0 || _b.optimizeNames(names, constants), this;
      }
      get names() {
        let names = super.names;
        return this.catch && addNames(names, this.catch.names), this.finally && addNames(names, this.finally.names), names;
      }
    }, Catch = class extends BlockNode {
      constructor(error) {
        super(), this.error = error;
      }
      render(opts) {
        return `catch(${this.error})` + super.render(opts);
      }
    };
    Catch.kind = "catch";
    var Finally = class extends BlockNode {
      render(opts) {
        return "finally" + super.render(opts);
      }
    };
    Finally.kind = "finally";
    var CodeGen = class {
      constructor(extScope, opts = {}) {
        this._values = {}, this._blockStarts = [], this._constants = {}, this.opts = { ...opts, _n: opts.lines ? `
` : "" }, this._extScope = extScope, this._scope = new scope_1.Scope({ parent: extScope }), this._nodes = [new Root()];
      }
      toString() {
        return this._root.render(this.opts);
      }
      // returns unique name in the internal scope
      name(prefix) {
        return this._scope.name(prefix);
      }
      // reserves unique name in the external scope
      scopeName(prefix) {
        return this._extScope.name(prefix);
      }
      // reserves unique name in the external scope and assigns value to it
      scopeValue(prefixOrName, value) {
        let name2 = this._extScope.value(prefixOrName, value);
        return (this._values[name2.prefix] || (this._values[name2.prefix] = /* @__PURE__ */ new Set())).add(name2), name2;
      }
      getScopeValue(prefix, keyOrRef) {
        return this._extScope.getValue(prefix, keyOrRef);
      }
      // return code that assigns values in the external scope to the names that are used internally
      // (same names that were returned by gen.scopeName or gen.scopeValue)
      scopeRefs(scopeName) {
        return this._extScope.scopeRefs(scopeName, this._values);
      }
      scopeCode() {
        return this._extScope.scopeCode(this._values);
      }
      _def(varKind, nameOrPrefix, rhs, constant) {
        let name2 = this._scope.toName(nameOrPrefix);
        return rhs !== void 0 && constant && (this._constants[name2.str] = rhs), this._leafNode(new Def(varKind, name2, rhs)), name2;
      }
      // `const` declaration (`var` in es5 mode)
      const(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.const, nameOrPrefix, rhs, _constant);
      }
      // `let` declaration with optional assignment (`var` in es5 mode)
      let(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.let, nameOrPrefix, rhs, _constant);
      }
      // `var` declaration with optional assignment
      var(nameOrPrefix, rhs, _constant) {
        return this._def(scope_1.varKinds.var, nameOrPrefix, rhs, _constant);
      }
      // assignment code
      assign(lhs, rhs, sideEffects) {
        return this._leafNode(new Assign(lhs, rhs, sideEffects));
      }
      // `+=` code
      add(lhs, rhs) {
        return this._leafNode(new AssignOp(lhs, exports.operators.ADD, rhs));
      }
      // appends passed SafeExpr to code or executes Block
      code(c) {
        return typeof c == "function" ? c() : c !== code_1.nil && this._leafNode(new AnyCode(c)), this;
      }
      // returns code for object literal for the passed argument list of key-value pairs
      object(...keyValues) {
        let code2 = ["{"];
        for (let [key, value] of keyValues)
          code2.length > 1 && code2.push(","), code2.push(key), (key !== value || this.opts.es5) && (code2.push(":"), (0, code_1.addCodeArg)(code2, value));
        return code2.push("}"), new code_1._Code(code2);
      }
      // `if` clause (or statement if `thenBody` and, optionally, `elseBody` are passed)
      if(condition, thenBody, elseBody) {
        if (this._blockNode(new If(condition)), thenBody && elseBody)
          this.code(thenBody).else().code(elseBody).endIf();
        else if (thenBody)
          this.code(thenBody).endIf();
        else if (elseBody)
          throw new Error('CodeGen: "else" body without "then" body');
        return this;
      }
      // `else if` clause - invalid without `if` or after `else` clauses
      elseIf(condition) {
        return this._elseNode(new If(condition));
      }
      // `else` clause - only valid after `if` or `else if` clauses
      else() {
        return this._elseNode(new Else());
      }
      // end `if` statement (needed if gen.if was used only with condition)
      endIf() {
        return this._endBlockNode(If, Else);
      }
      _for(node, forBody) {
        return this._blockNode(node), forBody && this.code(forBody).endFor(), this;
      }
      // a generic `for` clause (or statement if `forBody` is passed)
      for(iteration, forBody) {
        return this._for(new ForLoop(iteration), forBody);
      }
      // `for` statement for a range of values
      forRange(nameOrPrefix, from, to, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.let) {
        let name2 = this._scope.toName(nameOrPrefix);
        return this._for(new ForRange(varKind, name2, from, to), () => forBody(name2));
      }
      // `for-of` statement (in es5 mode replace with a normal for loop)
      forOf(nameOrPrefix, iterable, forBody, varKind = scope_1.varKinds.const) {
        let name2 = this._scope.toName(nameOrPrefix);
        if (this.opts.es5) {
          let arr = iterable instanceof code_1.Name ? iterable : this.var("_arr", iterable);
          return this.forRange("_i", 0, (0, code_1._)`${arr}.length`, (i) => {
            this.var(name2, (0, code_1._)`${arr}[${i}]`), forBody(name2);
          });
        }
        return this._for(new ForIter("of", varKind, name2, iterable), () => forBody(name2));
      }
      // `for-in` statement.
      // With option `ownProperties` replaced with a `for-of` loop for object keys
      forIn(nameOrPrefix, obj, forBody, varKind = this.opts.es5 ? scope_1.varKinds.var : scope_1.varKinds.const) {
        if (this.opts.ownProperties)
          return this.forOf(nameOrPrefix, (0, code_1._)`Object.keys(${obj})`, forBody);
        let name2 = this._scope.toName(nameOrPrefix);
        return this._for(new ForIter("in", varKind, name2, obj), () => forBody(name2));
      }
      // end `for` loop
      endFor() {
        return this._endBlockNode(For);
      }
      // `label` statement
      label(label) {
        return this._leafNode(new Label(label));
      }
      // `break` statement
      break(label) {
        return this._leafNode(new Break(label));
      }
      // `return` statement
      return(value) {
        let node = new Return();
        if (this._blockNode(node), this.code(value), node.nodes.length !== 1)
          throw new Error('CodeGen: "return" should have one node');
        return this._endBlockNode(Return);
      }
      // `try` statement
      try(tryBody, catchCode, finallyCode) {
        if (!catchCode && !finallyCode)
          throw new Error('CodeGen: "try" without "catch" and "finally"');
        let node = new Try();
        if (this._blockNode(node), this.code(tryBody), catchCode) {
          let error = this.name("e");
          this._currNode = node.catch = new Catch(error), catchCode(error);
        }
        return finallyCode && (this._currNode = node.finally = new Finally(), this.code(finallyCode)), this._endBlockNode(Catch, Finally);
      }
      // `throw` statement
      throw(error) {
        return this._leafNode(new Throw(error));
      }
      // start self-balancing block
      block(body, nodeCount) {
        return this._blockStarts.push(this._nodes.length), body && this.code(body).endBlock(nodeCount), this;
      }
      // end the current self-balancing block
      endBlock(nodeCount) {
        let len = this._blockStarts.pop();
        if (len === void 0)
          throw new Error("CodeGen: not in self-balancing block");
        let toClose = this._nodes.length - len;
        if (toClose < 0 || nodeCount !== void 0 && toClose !== nodeCount)
          throw new Error(`CodeGen: wrong number of nodes: ${toClose} vs ${nodeCount} expected`);
        return this._nodes.length = len, this;
      }
      // `function` heading (or definition if funcBody is passed)
      func(name2, args = code_1.nil, async, funcBody) {
        return this._blockNode(new Func(name2, args, async)), funcBody && this.code(funcBody).endFunc(), this;
      }
      // end function definition
      endFunc() {
        return this._endBlockNode(Func);
      }
      optimize(n = 1) {
        for (; n-- > 0; )
          this._root.optimizeNodes(), this._root.optimizeNames(this._root.names, this._constants);
      }
      _leafNode(node) {
        return this._currNode.nodes.push(node), this;
      }
      _blockNode(node) {
        this._currNode.nodes.push(node), this._nodes.push(node);
      }
      _endBlockNode(N1, N2) {
        let n = this._currNode;
        if (n instanceof N1 || N2 && n instanceof N2)
          return this._nodes.pop(), this;
        throw new Error(`CodeGen: not in block "${N2 ? `${N1.kind}/${N2.kind}` : N1.kind}"`);
      }
      _elseNode(node) {
        let n = this._currNode;
        if (!(n instanceof If))
          throw new Error('CodeGen: "else" without "if"');
        return this._currNode = n.else = node, this;
      }
      get _root() {
        return this._nodes[0];
      }
      get _currNode() {
        let ns = this._nodes;
        return ns[ns.length - 1];
      }
      set _currNode(node) {
        let ns = this._nodes;
        ns[ns.length - 1] = node;
      }
    };
    exports.CodeGen = CodeGen;
    function addNames(names, from) {
      for (let n in from)
        names[n] = (names[n] || 0) + (from[n] || 0);
      return names;
    }
    function addExprNames(names, from) {
      return from instanceof code_1._CodeOrName ? addNames(names, from.names) : names;
    }
    function optimizeExpr(expr, names, constants) {
      if (expr instanceof code_1.Name)
        return replaceName(expr);
      if (!canOptimize(expr))
        return expr;
      return new code_1._Code(expr._items.reduce((items, c) => (c instanceof code_1.Name && (c = replaceName(c)), c instanceof code_1._Code ? items.push(...c._items) : items.push(c), items), []));
      function replaceName(n) {
        let c = constants[n.str];
        return c === void 0 || names[n.str] !== 1 ? n : (delete names[n.str], c);
      }
      function canOptimize(e) {
        return e instanceof code_1._Code && e._items.some((c) => c instanceof code_1.Name && names[c.str] === 1 && constants[c.str] !== void 0);
      }
    }
    function subtractNames(names, from) {
      for (let n in from)
        names[n] = (names[n] || 0) - (from[n] || 0);
    }
    function not(x) {
      return typeof x == "boolean" || typeof x == "number" || x === null ? !x : (0, code_1._)`!${par(x)}`;
    }
    exports.not = not;
    var andCode = mappend(exports.operators.AND);
    function and(...args) {
      return args.reduce(andCode);
    }
    exports.and = and;
    var orCode = mappend(exports.operators.OR);
    function or(...args) {
      return args.reduce(orCode);
    }
    exports.or = or;
    function mappend(op) {
      return (x, y) => x === code_1.nil ? y : y === code_1.nil ? x : (0, code_1._)`${par(x)} ${op} ${par(y)}`;
    }
    function par(x) {
      return x instanceof code_1.Name ? x : (0, code_1._)`(${x})`;
    }
  }
});

// node_modules/ajv/dist/compile/util.js
var require_util = __commonJS({
  "node_modules/ajv/dist/compile/util.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.checkStrictMode = exports.getErrorPath = exports.Type = exports.useFunc = exports.setEvaluated = exports.evaluatedPropsToName = exports.mergeEvaluated = exports.eachItem = exports.unescapeJsonPointer = exports.escapeJsonPointer = exports.escapeFragment = exports.unescapeFragment = exports.schemaRefOrVal = exports.schemaHasRulesButRef = exports.schemaHasRules = exports.checkUnknownRules = exports.alwaysValidSchema = exports.toHash = void 0;
    var codegen_1 = require_codegen(), code_1 = require_code();
    function toHash(arr) {
      let hash = {};
      for (let item of arr)
        hash[item] = !0;
      return hash;
    }
    exports.toHash = toHash;
    function alwaysValidSchema(it, schema) {
      return typeof schema == "boolean" ? schema : Object.keys(schema).length === 0 ? !0 : (checkUnknownRules(it, schema), !schemaHasRules(schema, it.self.RULES.all));
    }
    exports.alwaysValidSchema = alwaysValidSchema;
    function checkUnknownRules(it, schema = it.schema) {
      let { opts, self } = it;
      if (!opts.strictSchema || typeof schema == "boolean")
        return;
      let rules = self.RULES.keywords;
      for (let key in schema)
        rules[key] || checkStrictMode(it, `unknown keyword: "${key}"`);
    }
    exports.checkUnknownRules = checkUnknownRules;
    function schemaHasRules(schema, rules) {
      if (typeof schema == "boolean")
        return !schema;
      for (let key in schema)
        if (rules[key])
          return !0;
      return !1;
    }
    exports.schemaHasRules = schemaHasRules;
    function schemaHasRulesButRef(schema, RULES) {
      if (typeof schema == "boolean")
        return !schema;
      for (let key in schema)
        if (key !== "$ref" && RULES.all[key])
          return !0;
      return !1;
    }
    exports.schemaHasRulesButRef = schemaHasRulesButRef;
    function schemaRefOrVal({ topSchemaRef, schemaPath }, schema, keyword, $data) {
      if (!$data) {
        if (typeof schema == "number" || typeof schema == "boolean")
          return schema;
        if (typeof schema == "string")
          return (0, codegen_1._)`${schema}`;
      }
      return (0, codegen_1._)`${topSchemaRef}${schemaPath}${(0, codegen_1.getProperty)(keyword)}`;
    }
    exports.schemaRefOrVal = schemaRefOrVal;
    function unescapeFragment(str2) {
      return unescapeJsonPointer(decodeURIComponent(str2));
    }
    exports.unescapeFragment = unescapeFragment;
    function escapeFragment(str2) {
      return encodeURIComponent(escapeJsonPointer(str2));
    }
    exports.escapeFragment = escapeFragment;
    function escapeJsonPointer(str2) {
      return typeof str2 == "number" ? `${str2}` : str2.replace(/~/g, "~0").replace(/\//g, "~1");
    }
    exports.escapeJsonPointer = escapeJsonPointer;
    function unescapeJsonPointer(str2) {
      return str2.replace(/~1/g, "/").replace(/~0/g, "~");
    }
    exports.unescapeJsonPointer = unescapeJsonPointer;
    function eachItem(xs, f) {
      if (Array.isArray(xs))
        for (let x of xs)
          f(x);
      else
        f(xs);
    }
    exports.eachItem = eachItem;
    function makeMergeEvaluated({ mergeNames, mergeToName, mergeValues, resultToName }) {
      return (gen, from, to, toName) => {
        let res = to === void 0 ? from : to instanceof codegen_1.Name ? (from instanceof codegen_1.Name ? mergeNames(gen, from, to) : mergeToName(gen, from, to), to) : from instanceof codegen_1.Name ? (mergeToName(gen, to, from), from) : mergeValues(from, to);
        return toName === codegen_1.Name && !(res instanceof codegen_1.Name) ? resultToName(gen, res) : res;
      };
    }
    exports.mergeEvaluated = {
      props: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true && ${from} !== undefined`, () => {
          gen.if((0, codegen_1._)`${from} === true`, () => gen.assign(to, !0), () => gen.assign(to, (0, codegen_1._)`${to} || {}`).code((0, codegen_1._)`Object.assign(${to}, ${from})`));
        }),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true`, () => {
          from === !0 ? gen.assign(to, !0) : (gen.assign(to, (0, codegen_1._)`${to} || {}`), setEvaluated(gen, to, from));
        }),
        mergeValues: (from, to) => from === !0 ? !0 : { ...from, ...to },
        resultToName: evaluatedPropsToName
      }),
      items: makeMergeEvaluated({
        mergeNames: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true && ${from} !== undefined`, () => gen.assign(to, (0, codegen_1._)`${from} === true ? true : ${to} > ${from} ? ${to} : ${from}`)),
        mergeToName: (gen, from, to) => gen.if((0, codegen_1._)`${to} !== true`, () => gen.assign(to, from === !0 ? !0 : (0, codegen_1._)`${to} > ${from} ? ${to} : ${from}`)),
        mergeValues: (from, to) => from === !0 ? !0 : Math.max(from, to),
        resultToName: (gen, items) => gen.var("items", items)
      })
    };
    function evaluatedPropsToName(gen, ps) {
      if (ps === !0)
        return gen.var("props", !0);
      let props = gen.var("props", (0, codegen_1._)`{}`);
      return ps !== void 0 && setEvaluated(gen, props, ps), props;
    }
    exports.evaluatedPropsToName = evaluatedPropsToName;
    function setEvaluated(gen, props, ps) {
      Object.keys(ps).forEach((p) => gen.assign((0, codegen_1._)`${props}${(0, codegen_1.getProperty)(p)}`, !0));
    }
    exports.setEvaluated = setEvaluated;
    var snippets = {};
    function useFunc(gen, f) {
      return gen.scopeValue("func", {
        ref: f,
        code: snippets[f.code] || (snippets[f.code] = new code_1._Code(f.code))
      });
    }
    exports.useFunc = useFunc;
    var Type;
    (function(Type2) {
      Type2[Type2.Num = 0] = "Num", Type2[Type2.Str = 1] = "Str";
    })(Type || (exports.Type = Type = {}));
    function getErrorPath(dataProp, dataPropType, jsPropertySyntax) {
      if (dataProp instanceof codegen_1.Name) {
        let isNumber = dataPropType === Type.Num;
        return jsPropertySyntax ? isNumber ? (0, codegen_1._)`"[" + ${dataProp} + "]"` : (0, codegen_1._)`"['" + ${dataProp} + "']"` : isNumber ? (0, codegen_1._)`"/" + ${dataProp}` : (0, codegen_1._)`"/" + ${dataProp}.replace(/~/g, "~0").replace(/\\//g, "~1")`;
      }
      return jsPropertySyntax ? (0, codegen_1.getProperty)(dataProp).toString() : "/" + escapeJsonPointer(dataProp);
    }
    exports.getErrorPath = getErrorPath;
    function checkStrictMode(it, msg, mode = it.opts.strictSchema) {
      if (mode) {
        if (msg = `strict mode: ${msg}`, mode === !0)
          throw new Error(msg);
        it.self.logger.warn(msg);
      }
    }
    exports.checkStrictMode = checkStrictMode;
  }
});

// node_modules/ajv/dist/compile/names.js
var require_names = __commonJS({
  "node_modules/ajv/dist/compile/names.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), names = {
      // validation function arguments
      data: new codegen_1.Name("data"),
      // data passed to validation function
      // args passed from referencing schema
      valCxt: new codegen_1.Name("valCxt"),
      // validation/data context - should not be used directly, it is destructured to the names below
      instancePath: new codegen_1.Name("instancePath"),
      parentData: new codegen_1.Name("parentData"),
      parentDataProperty: new codegen_1.Name("parentDataProperty"),
      rootData: new codegen_1.Name("rootData"),
      // root data - same as the data passed to the first/top validation function
      dynamicAnchors: new codegen_1.Name("dynamicAnchors"),
      // used to support recursiveRef and dynamicRef
      // function scoped variables
      vErrors: new codegen_1.Name("vErrors"),
      // null or array of validation errors
      errors: new codegen_1.Name("errors"),
      // counter of validation errors
      this: new codegen_1.Name("this"),
      // "globals"
      self: new codegen_1.Name("self"),
      scope: new codegen_1.Name("scope"),
      // JTD serialize/parse name for JSON string and position
      json: new codegen_1.Name("json"),
      jsonPos: new codegen_1.Name("jsonPos"),
      jsonLen: new codegen_1.Name("jsonLen"),
      jsonPart: new codegen_1.Name("jsonPart")
    };
    exports.default = names;
  }
});

// node_modules/ajv/dist/compile/errors.js
var require_errors = __commonJS({
  "node_modules/ajv/dist/compile/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.extendErrors = exports.resetErrorsCount = exports.reportExtraError = exports.reportError = exports.keyword$DataError = exports.keywordError = void 0;
    var codegen_1 = require_codegen(), util_1 = require_util(), names_1 = require_names();
    exports.keywordError = {
      message: ({ keyword }) => (0, codegen_1.str)`must pass "${keyword}" keyword validation`
    };
    exports.keyword$DataError = {
      message: ({ keyword, schemaType }) => schemaType ? (0, codegen_1.str)`"${keyword}" keyword must be ${schemaType} ($data)` : (0, codegen_1.str)`"${keyword}" keyword is invalid ($data)`
    };
    function reportError(cxt, error = exports.keywordError, errorPaths, overrideAllErrors) {
      let { it } = cxt, { gen, compositeRule, allErrors } = it, errObj = errorObjectCode(cxt, error, errorPaths);
      overrideAllErrors ?? (compositeRule || allErrors) ? addError(gen, errObj) : returnErrors(it, (0, codegen_1._)`[${errObj}]`);
    }
    exports.reportError = reportError;
    function reportExtraError(cxt, error = exports.keywordError, errorPaths) {
      let { it } = cxt, { gen, compositeRule, allErrors } = it, errObj = errorObjectCode(cxt, error, errorPaths);
      addError(gen, errObj), compositeRule || allErrors || returnErrors(it, names_1.default.vErrors);
    }
    exports.reportExtraError = reportExtraError;
    function resetErrorsCount(gen, errsCount) {
      gen.assign(names_1.default.errors, errsCount), gen.if((0, codegen_1._)`${names_1.default.vErrors} !== null`, () => gen.if(errsCount, () => gen.assign((0, codegen_1._)`${names_1.default.vErrors}.length`, errsCount), () => gen.assign(names_1.default.vErrors, null)));
    }
    exports.resetErrorsCount = resetErrorsCount;
    function extendErrors({ gen, keyword, schemaValue, data, errsCount, it }) {
      if (errsCount === void 0)
        throw new Error("ajv implementation error");
      let err = gen.name("err");
      gen.forRange("i", errsCount, names_1.default.errors, (i) => {
        gen.const(err, (0, codegen_1._)`${names_1.default.vErrors}[${i}]`), gen.if((0, codegen_1._)`${err}.instancePath === undefined`, () => gen.assign((0, codegen_1._)`${err}.instancePath`, (0, codegen_1.strConcat)(names_1.default.instancePath, it.errorPath))), gen.assign((0, codegen_1._)`${err}.schemaPath`, (0, codegen_1.str)`${it.errSchemaPath}/${keyword}`), it.opts.verbose && (gen.assign((0, codegen_1._)`${err}.schema`, schemaValue), gen.assign((0, codegen_1._)`${err}.data`, data));
      });
    }
    exports.extendErrors = extendErrors;
    function addError(gen, errObj) {
      let err = gen.const("err", errObj);
      gen.if((0, codegen_1._)`${names_1.default.vErrors} === null`, () => gen.assign(names_1.default.vErrors, (0, codegen_1._)`[${err}]`), (0, codegen_1._)`${names_1.default.vErrors}.push(${err})`), gen.code((0, codegen_1._)`${names_1.default.errors}++`);
    }
    function returnErrors(it, errs) {
      let { gen, validateName, schemaEnv } = it;
      schemaEnv.$async ? gen.throw((0, codegen_1._)`new ${it.ValidationError}(${errs})`) : (gen.assign((0, codegen_1._)`${validateName}.errors`, errs), gen.return(!1));
    }
    var E = {
      keyword: new codegen_1.Name("keyword"),
      schemaPath: new codegen_1.Name("schemaPath"),
      // also used in JTD errors
      params: new codegen_1.Name("params"),
      propertyName: new codegen_1.Name("propertyName"),
      message: new codegen_1.Name("message"),
      schema: new codegen_1.Name("schema"),
      parentSchema: new codegen_1.Name("parentSchema")
    };
    function errorObjectCode(cxt, error, errorPaths) {
      let { createErrors } = cxt.it;
      return createErrors === !1 ? (0, codegen_1._)`{}` : errorObject(cxt, error, errorPaths);
    }
    function errorObject(cxt, error, errorPaths = {}) {
      let { gen, it } = cxt, keyValues = [
        errorInstancePath(it, errorPaths),
        errorSchemaPath(cxt, errorPaths)
      ];
      return extraErrorProps(cxt, error, keyValues), gen.object(...keyValues);
    }
    function errorInstancePath({ errorPath }, { instancePath }) {
      let instPath = instancePath ? (0, codegen_1.str)`${errorPath}${(0, util_1.getErrorPath)(instancePath, util_1.Type.Str)}` : errorPath;
      return [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, instPath)];
    }
    function errorSchemaPath({ keyword, it: { errSchemaPath } }, { schemaPath, parentSchema }) {
      let schPath = parentSchema ? errSchemaPath : (0, codegen_1.str)`${errSchemaPath}/${keyword}`;
      return schemaPath && (schPath = (0, codegen_1.str)`${schPath}${(0, util_1.getErrorPath)(schemaPath, util_1.Type.Str)}`), [E.schemaPath, schPath];
    }
    function extraErrorProps(cxt, { params, message }, keyValues) {
      let { keyword, data, schemaValue, it } = cxt, { opts, propertyName, topSchemaRef, schemaPath } = it;
      keyValues.push([E.keyword, keyword], [E.params, typeof params == "function" ? params(cxt) : params || (0, codegen_1._)`{}`]), opts.messages && keyValues.push([E.message, typeof message == "function" ? message(cxt) : message]), opts.verbose && keyValues.push([E.schema, schemaValue], [E.parentSchema, (0, codegen_1._)`${topSchemaRef}${schemaPath}`], [names_1.default.data, data]), propertyName && keyValues.push([E.propertyName, propertyName]);
    }
  }
});

// node_modules/ajv/dist/compile/validate/boolSchema.js
var require_boolSchema = __commonJS({
  "node_modules/ajv/dist/compile/validate/boolSchema.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.boolOrEmptySchema = exports.topBoolOrEmptySchema = void 0;
    var errors_1 = require_errors(), codegen_1 = require_codegen(), names_1 = require_names(), boolError = {
      message: "boolean schema is false"
    };
    function topBoolOrEmptySchema(it) {
      let { gen, schema, validateName } = it;
      schema === !1 ? falseSchemaError(it, !1) : typeof schema == "object" && schema.$async === !0 ? gen.return(names_1.default.data) : (gen.assign((0, codegen_1._)`${validateName}.errors`, null), gen.return(!0));
    }
    exports.topBoolOrEmptySchema = topBoolOrEmptySchema;
    function boolOrEmptySchema(it, valid) {
      let { gen, schema } = it;
      schema === !1 ? (gen.var(valid, !1), falseSchemaError(it)) : gen.var(valid, !0);
    }
    exports.boolOrEmptySchema = boolOrEmptySchema;
    function falseSchemaError(it, overrideAllErrors) {
      let { gen, data } = it, cxt = {
        gen,
        keyword: "false schema",
        data,
        schema: !1,
        schemaCode: !1,
        schemaValue: !1,
        params: {},
        it
      };
      (0, errors_1.reportError)(cxt, boolError, void 0, overrideAllErrors);
    }
  }
});

// node_modules/ajv/dist/compile/rules.js
var require_rules = __commonJS({
  "node_modules/ajv/dist/compile/rules.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.getRules = exports.isJSONType = void 0;
    var _jsonTypes = ["string", "number", "integer", "boolean", "null", "object", "array"], jsonTypes = new Set(_jsonTypes);
    function isJSONType(x) {
      return typeof x == "string" && jsonTypes.has(x);
    }
    exports.isJSONType = isJSONType;
    function getRules() {
      let groups = {
        number: { type: "number", rules: [] },
        string: { type: "string", rules: [] },
        array: { type: "array", rules: [] },
        object: { type: "object", rules: [] }
      };
      return {
        types: { ...groups, integer: !0, boolean: !0, null: !0 },
        rules: [{ rules: [] }, groups.number, groups.string, groups.array, groups.object],
        post: { rules: [] },
        all: {},
        keywords: {}
      };
    }
    exports.getRules = getRules;
  }
});

// node_modules/ajv/dist/compile/validate/applicability.js
var require_applicability = __commonJS({
  "node_modules/ajv/dist/compile/validate/applicability.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.shouldUseRule = exports.shouldUseGroup = exports.schemaHasRulesForType = void 0;
    function schemaHasRulesForType({ schema, self }, type) {
      let group = self.RULES.types[type];
      return group && group !== !0 && shouldUseGroup(schema, group);
    }
    exports.schemaHasRulesForType = schemaHasRulesForType;
    function shouldUseGroup(schema, group) {
      return group.rules.some((rule) => shouldUseRule(schema, rule));
    }
    exports.shouldUseGroup = shouldUseGroup;
    function shouldUseRule(schema, rule) {
      var _a;
      return schema[rule.keyword] !== void 0 || ((_a = rule.definition.implements) === null || _a === void 0 ? void 0 : _a.some((kwd) => schema[kwd] !== void 0));
    }
    exports.shouldUseRule = shouldUseRule;
  }
});

// node_modules/ajv/dist/compile/validate/dataType.js
var require_dataType = __commonJS({
  "node_modules/ajv/dist/compile/validate/dataType.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.reportTypeError = exports.checkDataTypes = exports.checkDataType = exports.coerceAndCheckDataType = exports.getJSONTypes = exports.getSchemaTypes = exports.DataType = void 0;
    var rules_1 = require_rules(), applicability_1 = require_applicability(), errors_1 = require_errors(), codegen_1 = require_codegen(), util_1 = require_util(), DataType;
    (function(DataType2) {
      DataType2[DataType2.Correct = 0] = "Correct", DataType2[DataType2.Wrong = 1] = "Wrong";
    })(DataType || (exports.DataType = DataType = {}));
    function getSchemaTypes(schema) {
      let types = getJSONTypes(schema.type);
      if (types.includes("null")) {
        if (schema.nullable === !1)
          throw new Error("type: null contradicts nullable: false");
      } else {
        if (!types.length && schema.nullable !== void 0)
          throw new Error('"nullable" cannot be used without "type"');
        schema.nullable === !0 && types.push("null");
      }
      return types;
    }
    exports.getSchemaTypes = getSchemaTypes;
    function getJSONTypes(ts) {
      let types = Array.isArray(ts) ? ts : ts ? [ts] : [];
      if (types.every(rules_1.isJSONType))
        return types;
      throw new Error("type must be JSONType or JSONType[]: " + types.join(","));
    }
    exports.getJSONTypes = getJSONTypes;
    function coerceAndCheckDataType(it, types) {
      let { gen, data, opts } = it, coerceTo = coerceToTypes(types, opts.coerceTypes), checkTypes = types.length > 0 && !(coerceTo.length === 0 && types.length === 1 && (0, applicability_1.schemaHasRulesForType)(it, types[0]));
      if (checkTypes) {
        let wrongType = checkDataTypes(types, data, opts.strictNumbers, DataType.Wrong);
        gen.if(wrongType, () => {
          coerceTo.length ? coerceData(it, types, coerceTo) : reportTypeError(it);
        });
      }
      return checkTypes;
    }
    exports.coerceAndCheckDataType = coerceAndCheckDataType;
    var COERCIBLE = /* @__PURE__ */ new Set(["string", "number", "integer", "boolean", "null"]);
    function coerceToTypes(types, coerceTypes) {
      return coerceTypes ? types.filter((t) => COERCIBLE.has(t) || coerceTypes === "array" && t === "array") : [];
    }
    function coerceData(it, types, coerceTo) {
      let { gen, data, opts } = it, dataType = gen.let("dataType", (0, codegen_1._)`typeof ${data}`), coerced = gen.let("coerced", (0, codegen_1._)`undefined`);
      opts.coerceTypes === "array" && gen.if((0, codegen_1._)`${dataType} == 'object' && Array.isArray(${data}) && ${data}.length == 1`, () => gen.assign(data, (0, codegen_1._)`${data}[0]`).assign(dataType, (0, codegen_1._)`typeof ${data}`).if(checkDataTypes(types, data, opts.strictNumbers), () => gen.assign(coerced, data))), gen.if((0, codegen_1._)`${coerced} !== undefined`);
      for (let t of coerceTo)
        (COERCIBLE.has(t) || t === "array" && opts.coerceTypes === "array") && coerceSpecificType(t);
      gen.else(), reportTypeError(it), gen.endIf(), gen.if((0, codegen_1._)`${coerced} !== undefined`, () => {
        gen.assign(data, coerced), assignParentData(it, coerced);
      });
      function coerceSpecificType(t) {
        switch (t) {
          case "string":
            gen.elseIf((0, codegen_1._)`${dataType} == "number" || ${dataType} == "boolean"`).assign(coerced, (0, codegen_1._)`"" + ${data}`).elseIf((0, codegen_1._)`${data} === null`).assign(coerced, (0, codegen_1._)`""`);
            return;
          case "number":
            gen.elseIf((0, codegen_1._)`${dataType} == "boolean" || ${data} === null
              || (${dataType} == "string" && ${data} && ${data} == +${data})`).assign(coerced, (0, codegen_1._)`+${data}`);
            return;
          case "integer":
            gen.elseIf((0, codegen_1._)`${dataType} === "boolean" || ${data} === null
              || (${dataType} === "string" && ${data} && ${data} == +${data} && !(${data} % 1))`).assign(coerced, (0, codegen_1._)`+${data}`);
            return;
          case "boolean":
            gen.elseIf((0, codegen_1._)`${data} === "false" || ${data} === 0 || ${data} === null`).assign(coerced, !1).elseIf((0, codegen_1._)`${data} === "true" || ${data} === 1`).assign(coerced, !0);
            return;
          case "null":
            gen.elseIf((0, codegen_1._)`${data} === "" || ${data} === 0 || ${data} === false`), gen.assign(coerced, null);
            return;
          case "array":
            gen.elseIf((0, codegen_1._)`${dataType} === "string" || ${dataType} === "number"
              || ${dataType} === "boolean" || ${data} === null`).assign(coerced, (0, codegen_1._)`[${data}]`);
        }
      }
    }
    function assignParentData({ gen, parentData, parentDataProperty }, expr) {
      gen.if((0, codegen_1._)`${parentData} !== undefined`, () => gen.assign((0, codegen_1._)`${parentData}[${parentDataProperty}]`, expr));
    }
    function checkDataType(dataType, data, strictNums, correct = DataType.Correct) {
      let EQ = correct === DataType.Correct ? codegen_1.operators.EQ : codegen_1.operators.NEQ, cond;
      switch (dataType) {
        case "null":
          return (0, codegen_1._)`${data} ${EQ} null`;
        case "array":
          cond = (0, codegen_1._)`Array.isArray(${data})`;
          break;
        case "object":
          cond = (0, codegen_1._)`${data} && typeof ${data} == "object" && !Array.isArray(${data})`;
          break;
        case "integer":
          cond = numCond((0, codegen_1._)`!(${data} % 1) && !isNaN(${data})`);
          break;
        case "number":
          cond = numCond();
          break;
        default:
          return (0, codegen_1._)`typeof ${data} ${EQ} ${dataType}`;
      }
      return correct === DataType.Correct ? cond : (0, codegen_1.not)(cond);
      function numCond(_cond = codegen_1.nil) {
        return (0, codegen_1.and)((0, codegen_1._)`typeof ${data} == "number"`, _cond, strictNums ? (0, codegen_1._)`isFinite(${data})` : codegen_1.nil);
      }
    }
    exports.checkDataType = checkDataType;
    function checkDataTypes(dataTypes, data, strictNums, correct) {
      if (dataTypes.length === 1)
        return checkDataType(dataTypes[0], data, strictNums, correct);
      let cond, types = (0, util_1.toHash)(dataTypes);
      if (types.array && types.object) {
        let notObj = (0, codegen_1._)`typeof ${data} != "object"`;
        cond = types.null ? notObj : (0, codegen_1._)`!${data} || ${notObj}`, delete types.null, delete types.array, delete types.object;
      } else
        cond = codegen_1.nil;
      types.number && delete types.integer;
      for (let t in types)
        cond = (0, codegen_1.and)(cond, checkDataType(t, data, strictNums, correct));
      return cond;
    }
    exports.checkDataTypes = checkDataTypes;
    var typeError = {
      message: ({ schema }) => `must be ${schema}`,
      params: ({ schema, schemaValue }) => typeof schema == "string" ? (0, codegen_1._)`{type: ${schema}}` : (0, codegen_1._)`{type: ${schemaValue}}`
    };
    function reportTypeError(it) {
      let cxt = getTypeErrorContext(it);
      (0, errors_1.reportError)(cxt, typeError);
    }
    exports.reportTypeError = reportTypeError;
    function getTypeErrorContext(it) {
      let { gen, data, schema } = it, schemaCode = (0, util_1.schemaRefOrVal)(it, schema, "type");
      return {
        gen,
        keyword: "type",
        data,
        schema: schema.type,
        schemaCode,
        schemaValue: schemaCode,
        parentSchema: schema,
        params: {},
        it
      };
    }
  }
});

// node_modules/ajv/dist/compile/validate/defaults.js
var require_defaults = __commonJS({
  "node_modules/ajv/dist/compile/validate/defaults.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.assignDefaults = void 0;
    var codegen_1 = require_codegen(), util_1 = require_util();
    function assignDefaults(it, ty) {
      let { properties, items } = it.schema;
      if (ty === "object" && properties)
        for (let key in properties)
          assignDefault(it, key, properties[key].default);
      else ty === "array" && Array.isArray(items) && items.forEach((sch, i) => assignDefault(it, i, sch.default));
    }
    exports.assignDefaults = assignDefaults;
    function assignDefault(it, prop, defaultValue) {
      let { gen, compositeRule, data, opts } = it;
      if (defaultValue === void 0)
        return;
      let childData = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(prop)}`;
      if (compositeRule) {
        (0, util_1.checkStrictMode)(it, `default is ignored for: ${childData}`);
        return;
      }
      let condition = (0, codegen_1._)`${childData} === undefined`;
      opts.useDefaults === "empty" && (condition = (0, codegen_1._)`${condition} || ${childData} === null || ${childData} === ""`), gen.if(condition, (0, codegen_1._)`${childData} = ${(0, codegen_1.stringify)(defaultValue)}`);
    }
  }
});

// node_modules/ajv/dist/vocabularies/code.js
var require_code2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/code.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.validateUnion = exports.validateArray = exports.usePattern = exports.callValidateCode = exports.schemaProperties = exports.allSchemaProperties = exports.noPropertyInData = exports.propertyInData = exports.isOwnProperty = exports.hasPropFunc = exports.reportMissingProp = exports.checkMissingProp = exports.checkReportMissingProp = void 0;
    var codegen_1 = require_codegen(), util_1 = require_util(), names_1 = require_names(), util_2 = require_util();
    function checkReportMissingProp(cxt, prop) {
      let { gen, data, it } = cxt;
      gen.if(noPropertyInData(gen, data, prop, it.opts.ownProperties), () => {
        cxt.setParams({ missingProperty: (0, codegen_1._)`${prop}` }, !0), cxt.error();
      });
    }
    exports.checkReportMissingProp = checkReportMissingProp;
    function checkMissingProp({ gen, data, it: { opts } }, properties, missing) {
      return (0, codegen_1.or)(...properties.map((prop) => (0, codegen_1.and)(noPropertyInData(gen, data, prop, opts.ownProperties), (0, codegen_1._)`${missing} = ${prop}`)));
    }
    exports.checkMissingProp = checkMissingProp;
    function reportMissingProp(cxt, missing) {
      cxt.setParams({ missingProperty: missing }, !0), cxt.error();
    }
    exports.reportMissingProp = reportMissingProp;
    function hasPropFunc(gen) {
      return gen.scopeValue("func", {
        // eslint-disable-next-line @typescript-eslint/unbound-method
        ref: Object.prototype.hasOwnProperty,
        code: (0, codegen_1._)`Object.prototype.hasOwnProperty`
      });
    }
    exports.hasPropFunc = hasPropFunc;
    function isOwnProperty(gen, data, property) {
      return (0, codegen_1._)`${hasPropFunc(gen)}.call(${data}, ${property})`;
    }
    exports.isOwnProperty = isOwnProperty;
    function propertyInData(gen, data, property, ownProperties) {
      let cond = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(property)} !== undefined`;
      return ownProperties ? (0, codegen_1._)`${cond} && ${isOwnProperty(gen, data, property)}` : cond;
    }
    exports.propertyInData = propertyInData;
    function noPropertyInData(gen, data, property, ownProperties) {
      let cond = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(property)} === undefined`;
      return ownProperties ? (0, codegen_1.or)(cond, (0, codegen_1.not)(isOwnProperty(gen, data, property))) : cond;
    }
    exports.noPropertyInData = noPropertyInData;
    function allSchemaProperties(schemaMap) {
      return schemaMap ? Object.keys(schemaMap).filter((p) => p !== "__proto__") : [];
    }
    exports.allSchemaProperties = allSchemaProperties;
    function schemaProperties(it, schemaMap) {
      return allSchemaProperties(schemaMap).filter((p) => !(0, util_1.alwaysValidSchema)(it, schemaMap[p]));
    }
    exports.schemaProperties = schemaProperties;
    function callValidateCode({ schemaCode, data, it: { gen, topSchemaRef, schemaPath, errorPath }, it }, func, context, passSchema) {
      let dataAndSchema = passSchema ? (0, codegen_1._)`${schemaCode}, ${data}, ${topSchemaRef}${schemaPath}` : data, valCxt = [
        [names_1.default.instancePath, (0, codegen_1.strConcat)(names_1.default.instancePath, errorPath)],
        [names_1.default.parentData, it.parentData],
        [names_1.default.parentDataProperty, it.parentDataProperty],
        [names_1.default.rootData, names_1.default.rootData]
      ];
      it.opts.dynamicRef && valCxt.push([names_1.default.dynamicAnchors, names_1.default.dynamicAnchors]);
      let args = (0, codegen_1._)`${dataAndSchema}, ${gen.object(...valCxt)}`;
      return context !== codegen_1.nil ? (0, codegen_1._)`${func}.call(${context}, ${args})` : (0, codegen_1._)`${func}(${args})`;
    }
    exports.callValidateCode = callValidateCode;
    var newRegExp = (0, codegen_1._)`new RegExp`;
    function usePattern({ gen, it: { opts } }, pattern) {
      let u = opts.unicodeRegExp ? "u" : "", { regExp } = opts.code, rx = regExp(pattern, u);
      return gen.scopeValue("pattern", {
        key: rx.toString(),
        ref: rx,
        code: (0, codegen_1._)`${regExp.code === "new RegExp" ? newRegExp : (0, util_2.useFunc)(gen, regExp)}(${pattern}, ${u})`
      });
    }
    exports.usePattern = usePattern;
    function validateArray(cxt) {
      let { gen, data, keyword, it } = cxt, valid = gen.name("valid");
      if (it.allErrors) {
        let validArr = gen.let("valid", !0);
        return validateItems(() => gen.assign(validArr, !1)), validArr;
      }
      return gen.var(valid, !0), validateItems(() => gen.break()), valid;
      function validateItems(notValid) {
        let len = gen.const("len", (0, codegen_1._)`${data}.length`);
        gen.forRange("i", 0, len, (i) => {
          cxt.subschema({
            keyword,
            dataProp: i,
            dataPropType: util_1.Type.Num
          }, valid), gen.if((0, codegen_1.not)(valid), notValid);
        });
      }
    }
    exports.validateArray = validateArray;
    function validateUnion(cxt) {
      let { gen, schema, keyword, it } = cxt;
      if (!Array.isArray(schema))
        throw new Error("ajv implementation error");
      if (schema.some((sch) => (0, util_1.alwaysValidSchema)(it, sch)) && !it.opts.unevaluated)
        return;
      let valid = gen.let("valid", !1), schValid = gen.name("_valid");
      gen.block(() => schema.forEach((_sch, i) => {
        let schCxt = cxt.subschema({
          keyword,
          schemaProp: i,
          compositeRule: !0
        }, schValid);
        gen.assign(valid, (0, codegen_1._)`${valid} || ${schValid}`), cxt.mergeValidEvaluated(schCxt, schValid) || gen.if((0, codegen_1.not)(valid));
      })), cxt.result(valid, () => cxt.reset(), () => cxt.error(!0));
    }
    exports.validateUnion = validateUnion;
  }
});

// node_modules/ajv/dist/compile/validate/keyword.js
var require_keyword = __commonJS({
  "node_modules/ajv/dist/compile/validate/keyword.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.validateKeywordUsage = exports.validSchemaType = exports.funcKeywordCode = exports.macroKeywordCode = void 0;
    var codegen_1 = require_codegen(), names_1 = require_names(), code_1 = require_code2(), errors_1 = require_errors();
    function macroKeywordCode(cxt, def) {
      let { gen, keyword, schema, parentSchema, it } = cxt, macroSchema = def.macro.call(it.self, schema, parentSchema, it), schemaRef = useKeyword(gen, keyword, macroSchema);
      it.opts.validateSchema !== !1 && it.self.validateSchema(macroSchema, !0);
      let valid = gen.name("valid");
      cxt.subschema({
        schema: macroSchema,
        schemaPath: codegen_1.nil,
        errSchemaPath: `${it.errSchemaPath}/${keyword}`,
        topSchemaRef: schemaRef,
        compositeRule: !0
      }, valid), cxt.pass(valid, () => cxt.error(!0));
    }
    exports.macroKeywordCode = macroKeywordCode;
    function funcKeywordCode(cxt, def) {
      var _a;
      let { gen, keyword, schema, parentSchema, $data, it } = cxt;
      checkAsyncKeyword(it, def);
      let validate = !$data && def.compile ? def.compile.call(it.self, schema, parentSchema, it) : def.validate, validateRef = useKeyword(gen, keyword, validate), valid = gen.let("valid");
      cxt.block$data(valid, validateKeyword), cxt.ok((_a = def.valid) !== null && _a !== void 0 ? _a : valid);
      function validateKeyword() {
        if (def.errors === !1)
          assignValid(), def.modifying && modifyData(cxt), reportErrs(() => cxt.error());
        else {
          let ruleErrs = def.async ? validateAsync() : validateSync();
          def.modifying && modifyData(cxt), reportErrs(() => addErrs(cxt, ruleErrs));
        }
      }
      function validateAsync() {
        let ruleErrs = gen.let("ruleErrs", null);
        return gen.try(() => assignValid((0, codegen_1._)`await `), (e) => gen.assign(valid, !1).if((0, codegen_1._)`${e} instanceof ${it.ValidationError}`, () => gen.assign(ruleErrs, (0, codegen_1._)`${e}.errors`), () => gen.throw(e))), ruleErrs;
      }
      function validateSync() {
        let validateErrs = (0, codegen_1._)`${validateRef}.errors`;
        return gen.assign(validateErrs, null), assignValid(codegen_1.nil), validateErrs;
      }
      function assignValid(_await = def.async ? (0, codegen_1._)`await ` : codegen_1.nil) {
        let passCxt = it.opts.passContext ? names_1.default.this : names_1.default.self, passSchema = !("compile" in def && !$data || def.schema === !1);
        gen.assign(valid, (0, codegen_1._)`${_await}${(0, code_1.callValidateCode)(cxt, validateRef, passCxt, passSchema)}`, def.modifying);
      }
      function reportErrs(errors) {
        var _a2;
        gen.if((0, codegen_1.not)((_a2 = def.valid) !== null && _a2 !== void 0 ? _a2 : valid), errors);
      }
    }
    exports.funcKeywordCode = funcKeywordCode;
    function modifyData(cxt) {
      let { gen, data, it } = cxt;
      gen.if(it.parentData, () => gen.assign(data, (0, codegen_1._)`${it.parentData}[${it.parentDataProperty}]`));
    }
    function addErrs(cxt, errs) {
      let { gen } = cxt;
      gen.if((0, codegen_1._)`Array.isArray(${errs})`, () => {
        gen.assign(names_1.default.vErrors, (0, codegen_1._)`${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`).assign(names_1.default.errors, (0, codegen_1._)`${names_1.default.vErrors}.length`), (0, errors_1.extendErrors)(cxt);
      }, () => cxt.error());
    }
    function checkAsyncKeyword({ schemaEnv }, def) {
      if (def.async && !schemaEnv.$async)
        throw new Error("async keyword in sync schema");
    }
    function useKeyword(gen, keyword, result) {
      if (result === void 0)
        throw new Error(`keyword "${keyword}" failed to compile`);
      return gen.scopeValue("keyword", typeof result == "function" ? { ref: result } : { ref: result, code: (0, codegen_1.stringify)(result) });
    }
    function validSchemaType(schema, schemaType, allowUndefined = !1) {
      return !schemaType.length || schemaType.some((st) => st === "array" ? Array.isArray(schema) : st === "object" ? schema && typeof schema == "object" && !Array.isArray(schema) : typeof schema == st || allowUndefined && typeof schema > "u");
    }
    exports.validSchemaType = validSchemaType;
    function validateKeywordUsage({ schema, opts, self, errSchemaPath }, def, keyword) {
      if (Array.isArray(def.keyword) ? !def.keyword.includes(keyword) : def.keyword !== keyword)
        throw new Error("ajv implementation error");
      let deps = def.dependencies;
      if (deps?.some((kwd) => !Object.prototype.hasOwnProperty.call(schema, kwd)))
        throw new Error(`parent schema must have dependencies of ${keyword}: ${deps.join(",")}`);
      if (def.validateSchema && !def.validateSchema(schema[keyword])) {
        let msg = `keyword "${keyword}" value is invalid at path "${errSchemaPath}": ` + self.errorsText(def.validateSchema.errors);
        if (opts.validateSchema === "log")
          self.logger.error(msg);
        else
          throw new Error(msg);
      }
    }
    exports.validateKeywordUsage = validateKeywordUsage;
  }
});

// node_modules/ajv/dist/compile/validate/subschema.js
var require_subschema = __commonJS({
  "node_modules/ajv/dist/compile/validate/subschema.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.extendSubschemaMode = exports.extendSubschemaData = exports.getSubschema = void 0;
    var codegen_1 = require_codegen(), util_1 = require_util();
    function getSubschema(it, { keyword, schemaProp, schema, schemaPath, errSchemaPath, topSchemaRef }) {
      if (keyword !== void 0 && schema !== void 0)
        throw new Error('both "keyword" and "schema" passed, only one allowed');
      if (keyword !== void 0) {
        let sch = it.schema[keyword];
        return schemaProp === void 0 ? {
          schema: sch,
          schemaPath: (0, codegen_1._)`${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}`,
          errSchemaPath: `${it.errSchemaPath}/${keyword}`
        } : {
          schema: sch[schemaProp],
          schemaPath: (0, codegen_1._)`${it.schemaPath}${(0, codegen_1.getProperty)(keyword)}${(0, codegen_1.getProperty)(schemaProp)}`,
          errSchemaPath: `${it.errSchemaPath}/${keyword}/${(0, util_1.escapeFragment)(schemaProp)}`
        };
      }
      if (schema !== void 0) {
        if (schemaPath === void 0 || errSchemaPath === void 0 || topSchemaRef === void 0)
          throw new Error('"schemaPath", "errSchemaPath" and "topSchemaRef" are required with "schema"');
        return {
          schema,
          schemaPath,
          topSchemaRef,
          errSchemaPath
        };
      }
      throw new Error('either "keyword" or "schema" must be passed');
    }
    exports.getSubschema = getSubschema;
    function extendSubschemaData(subschema, it, { dataProp, dataPropType: dpType, data, dataTypes, propertyName }) {
      if (data !== void 0 && dataProp !== void 0)
        throw new Error('both "data" and "dataProp" passed, only one allowed');
      let { gen } = it;
      if (dataProp !== void 0) {
        let { errorPath, dataPathArr, opts } = it, nextData = gen.let("data", (0, codegen_1._)`${it.data}${(0, codegen_1.getProperty)(dataProp)}`, !0);
        dataContextProps(nextData), subschema.errorPath = (0, codegen_1.str)`${errorPath}${(0, util_1.getErrorPath)(dataProp, dpType, opts.jsPropertySyntax)}`, subschema.parentDataProperty = (0, codegen_1._)`${dataProp}`, subschema.dataPathArr = [...dataPathArr, subschema.parentDataProperty];
      }
      if (data !== void 0) {
        let nextData = data instanceof codegen_1.Name ? data : gen.let("data", data, !0);
        dataContextProps(nextData), propertyName !== void 0 && (subschema.propertyName = propertyName);
      }
      dataTypes && (subschema.dataTypes = dataTypes);
      function dataContextProps(_nextData) {
        subschema.data = _nextData, subschema.dataLevel = it.dataLevel + 1, subschema.dataTypes = [], it.definedProperties = /* @__PURE__ */ new Set(), subschema.parentData = it.data, subschema.dataNames = [...it.dataNames, _nextData];
      }
    }
    exports.extendSubschemaData = extendSubschemaData;
    function extendSubschemaMode(subschema, { jtdDiscriminator, jtdMetadata, compositeRule, createErrors, allErrors }) {
      compositeRule !== void 0 && (subschema.compositeRule = compositeRule), createErrors !== void 0 && (subschema.createErrors = createErrors), allErrors !== void 0 && (subschema.allErrors = allErrors), subschema.jtdDiscriminator = jtdDiscriminator, subschema.jtdMetadata = jtdMetadata;
    }
    exports.extendSubschemaMode = extendSubschemaMode;
  }
});

// node_modules/fast-deep-equal/index.js
var require_fast_deep_equal = __commonJS({
  "node_modules/fast-deep-equal/index.js"(exports, module) {
    "use strict";
    module.exports = function equal(a, b) {
      if (a === b) return !0;
      if (a && b && typeof a == "object" && typeof b == "object") {
        if (a.constructor !== b.constructor) return !1;
        var length, i, keys;
        if (Array.isArray(a)) {
          if (length = a.length, length != b.length) return !1;
          for (i = length; i-- !== 0; )
            if (!equal(a[i], b[i])) return !1;
          return !0;
        }
        if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
        if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
        if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();
        if (keys = Object.keys(a), length = keys.length, length !== Object.keys(b).length) return !1;
        for (i = length; i-- !== 0; )
          if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return !1;
        for (i = length; i-- !== 0; ) {
          var key = keys[i];
          if (!equal(a[key], b[key])) return !1;
        }
        return !0;
      }
      return a !== a && b !== b;
    };
  }
});

// node_modules/json-schema-traverse/index.js
var require_json_schema_traverse = __commonJS({
  "node_modules/json-schema-traverse/index.js"(exports, module) {
    "use strict";
    var traverse = module.exports = function(schema, opts, cb) {
      typeof opts == "function" && (cb = opts, opts = {}), cb = opts.cb || cb;
      var pre = typeof cb == "function" ? cb : cb.pre || function() {
      }, post = cb.post || function() {
      };
      _traverse(opts, pre, post, schema, "", schema);
    };
    traverse.keywords = {
      additionalItems: !0,
      items: !0,
      contains: !0,
      additionalProperties: !0,
      propertyNames: !0,
      not: !0,
      if: !0,
      then: !0,
      else: !0
    };
    traverse.arrayKeywords = {
      items: !0,
      allOf: !0,
      anyOf: !0,
      oneOf: !0
    };
    traverse.propsKeywords = {
      $defs: !0,
      definitions: !0,
      properties: !0,
      patternProperties: !0,
      dependencies: !0
    };
    traverse.skipKeywords = {
      default: !0,
      enum: !0,
      const: !0,
      required: !0,
      maximum: !0,
      minimum: !0,
      exclusiveMaximum: !0,
      exclusiveMinimum: !0,
      multipleOf: !0,
      maxLength: !0,
      minLength: !0,
      pattern: !0,
      format: !0,
      maxItems: !0,
      minItems: !0,
      uniqueItems: !0,
      maxProperties: !0,
      minProperties: !0
    };
    function _traverse(opts, pre, post, schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex) {
      if (schema && typeof schema == "object" && !Array.isArray(schema)) {
        pre(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
        for (var key in schema) {
          var sch = schema[key];
          if (Array.isArray(sch)) {
            if (key in traverse.arrayKeywords)
              for (var i = 0; i < sch.length; i++)
                _traverse(opts, pre, post, sch[i], jsonPtr + "/" + key + "/" + i, rootSchema, jsonPtr, key, schema, i);
          } else if (key in traverse.propsKeywords) {
            if (sch && typeof sch == "object")
              for (var prop in sch)
                _traverse(opts, pre, post, sch[prop], jsonPtr + "/" + key + "/" + escapeJsonPtr(prop), rootSchema, jsonPtr, key, schema, prop);
          } else (key in traverse.keywords || opts.allKeys && !(key in traverse.skipKeywords)) && _traverse(opts, pre, post, sch, jsonPtr + "/" + key, rootSchema, jsonPtr, key, schema);
        }
        post(schema, jsonPtr, rootSchema, parentJsonPtr, parentKeyword, parentSchema, keyIndex);
      }
    }
    function escapeJsonPtr(str2) {
      return str2.replace(/~/g, "~0").replace(/\//g, "~1");
    }
  }
});

// node_modules/ajv/dist/compile/resolve.js
var require_resolve = __commonJS({
  "node_modules/ajv/dist/compile/resolve.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.getSchemaRefs = exports.resolveUrl = exports.normalizeId = exports._getFullPath = exports.getFullPath = exports.inlineRef = void 0;
    var util_1 = require_util(), equal = require_fast_deep_equal(), traverse = require_json_schema_traverse(), SIMPLE_INLINED = /* @__PURE__ */ new Set([
      "type",
      "format",
      "pattern",
      "maxLength",
      "minLength",
      "maxProperties",
      "minProperties",
      "maxItems",
      "minItems",
      "maximum",
      "minimum",
      "uniqueItems",
      "multipleOf",
      "required",
      "enum",
      "const"
    ]);
    function inlineRef(schema, limit = !0) {
      return typeof schema == "boolean" ? !0 : limit === !0 ? !hasRef(schema) : limit ? countKeys(schema) <= limit : !1;
    }
    exports.inlineRef = inlineRef;
    var REF_KEYWORDS = /* @__PURE__ */ new Set([
      "$ref",
      "$recursiveRef",
      "$recursiveAnchor",
      "$dynamicRef",
      "$dynamicAnchor"
    ]);
    function hasRef(schema) {
      for (let key in schema) {
        if (REF_KEYWORDS.has(key))
          return !0;
        let sch = schema[key];
        if (Array.isArray(sch) && sch.some(hasRef) || typeof sch == "object" && hasRef(sch))
          return !0;
      }
      return !1;
    }
    function countKeys(schema) {
      let count = 0;
      for (let key in schema) {
        if (key === "$ref")
          return 1 / 0;
        if (count++, !SIMPLE_INLINED.has(key) && (typeof schema[key] == "object" && (0, util_1.eachItem)(schema[key], (sch) => count += countKeys(sch)), count === 1 / 0))
          return 1 / 0;
      }
      return count;
    }
    function getFullPath(resolver, id = "", normalize) {
      normalize !== !1 && (id = normalizeId(id));
      let p = resolver.parse(id);
      return _getFullPath(resolver, p);
    }
    exports.getFullPath = getFullPath;
    function _getFullPath(resolver, p) {
      return resolver.serialize(p).split("#")[0] + "#";
    }
    exports._getFullPath = _getFullPath;
    var TRAILING_SLASH_HASH = /#\/?$/;
    function normalizeId(id) {
      return id ? id.replace(TRAILING_SLASH_HASH, "") : "";
    }
    exports.normalizeId = normalizeId;
    function resolveUrl(resolver, baseId, id) {
      return id = normalizeId(id), resolver.resolve(baseId, id);
    }
    exports.resolveUrl = resolveUrl;
    var ANCHOR = /^[a-z_][-a-z0-9._]*$/i;
    function getSchemaRefs(schema, baseId) {
      if (typeof schema == "boolean")
        return {};
      let { schemaId, uriResolver } = this.opts, schId = normalizeId(schema[schemaId] || baseId), baseIds = { "": schId }, pathPrefix = getFullPath(uriResolver, schId, !1), localRefs = {}, schemaRefs = /* @__PURE__ */ new Set();
      return traverse(schema, { allKeys: !0 }, (sch, jsonPtr, _, parentJsonPtr) => {
        if (parentJsonPtr === void 0)
          return;
        let fullPath = pathPrefix + jsonPtr, innerBaseId = baseIds[parentJsonPtr];
        typeof sch[schemaId] == "string" && (innerBaseId = addRef.call(this, sch[schemaId])), addAnchor.call(this, sch.$anchor), addAnchor.call(this, sch.$dynamicAnchor), baseIds[jsonPtr] = innerBaseId;
        function addRef(ref) {
          let _resolve = this.opts.uriResolver.resolve;
          if (ref = normalizeId(innerBaseId ? _resolve(innerBaseId, ref) : ref), schemaRefs.has(ref))
            throw ambiguos(ref);
          schemaRefs.add(ref);
          let schOrRef = this.refs[ref];
          return typeof schOrRef == "string" && (schOrRef = this.refs[schOrRef]), typeof schOrRef == "object" ? checkAmbiguosRef(sch, schOrRef.schema, ref) : ref !== normalizeId(fullPath) && (ref[0] === "#" ? (checkAmbiguosRef(sch, localRefs[ref], ref), localRefs[ref] = sch) : this.refs[ref] = fullPath), ref;
        }
        function addAnchor(anchor) {
          if (typeof anchor == "string") {
            if (!ANCHOR.test(anchor))
              throw new Error(`invalid anchor "${anchor}"`);
            addRef.call(this, `#${anchor}`);
          }
        }
      }), localRefs;
      function checkAmbiguosRef(sch1, sch2, ref) {
        if (sch2 !== void 0 && !equal(sch1, sch2))
          throw ambiguos(ref);
      }
      function ambiguos(ref) {
        return new Error(`reference "${ref}" resolves to more than one schema`);
      }
    }
    exports.getSchemaRefs = getSchemaRefs;
  }
});

// node_modules/ajv/dist/compile/validate/index.js
var require_validate = __commonJS({
  "node_modules/ajv/dist/compile/validate/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.getData = exports.KeywordCxt = exports.validateFunctionCode = void 0;
    var boolSchema_1 = require_boolSchema(), dataType_1 = require_dataType(), applicability_1 = require_applicability(), dataType_2 = require_dataType(), defaults_1 = require_defaults(), keyword_1 = require_keyword(), subschema_1 = require_subschema(), codegen_1 = require_codegen(), names_1 = require_names(), resolve_1 = require_resolve(), util_1 = require_util(), errors_1 = require_errors();
    function validateFunctionCode(it) {
      if (isSchemaObj(it) && (checkKeywords(it), schemaCxtHasRules(it))) {
        topSchemaObjCode(it);
        return;
      }
      validateFunction(it, () => (0, boolSchema_1.topBoolOrEmptySchema)(it));
    }
    exports.validateFunctionCode = validateFunctionCode;
    function validateFunction({ gen, validateName, schema, schemaEnv, opts }, body) {
      opts.code.es5 ? gen.func(validateName, (0, codegen_1._)`${names_1.default.data}, ${names_1.default.valCxt}`, schemaEnv.$async, () => {
        gen.code((0, codegen_1._)`"use strict"; ${funcSourceUrl(schema, opts)}`), destructureValCxtES5(gen, opts), gen.code(body);
      }) : gen.func(validateName, (0, codegen_1._)`${names_1.default.data}, ${destructureValCxt(opts)}`, schemaEnv.$async, () => gen.code(funcSourceUrl(schema, opts)).code(body));
    }
    function destructureValCxt(opts) {
      return (0, codegen_1._)`{${names_1.default.instancePath}="", ${names_1.default.parentData}, ${names_1.default.parentDataProperty}, ${names_1.default.rootData}=${names_1.default.data}${opts.dynamicRef ? (0, codegen_1._)`, ${names_1.default.dynamicAnchors}={}` : codegen_1.nil}}={}`;
    }
    function destructureValCxtES5(gen, opts) {
      gen.if(names_1.default.valCxt, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.instancePath}`), gen.var(names_1.default.parentData, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.parentData}`), gen.var(names_1.default.parentDataProperty, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.parentDataProperty}`), gen.var(names_1.default.rootData, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.rootData}`), opts.dynamicRef && gen.var(names_1.default.dynamicAnchors, (0, codegen_1._)`${names_1.default.valCxt}.${names_1.default.dynamicAnchors}`);
      }, () => {
        gen.var(names_1.default.instancePath, (0, codegen_1._)`""`), gen.var(names_1.default.parentData, (0, codegen_1._)`undefined`), gen.var(names_1.default.parentDataProperty, (0, codegen_1._)`undefined`), gen.var(names_1.default.rootData, names_1.default.data), opts.dynamicRef && gen.var(names_1.default.dynamicAnchors, (0, codegen_1._)`{}`);
      });
    }
    function topSchemaObjCode(it) {
      let { schema, opts, gen } = it;
      validateFunction(it, () => {
        opts.$comment && schema.$comment && commentKeyword(it), checkNoDefault(it), gen.let(names_1.default.vErrors, null), gen.let(names_1.default.errors, 0), opts.unevaluated && resetEvaluated(it), typeAndKeywords(it), returnResults(it);
      });
    }
    function resetEvaluated(it) {
      let { gen, validateName } = it;
      it.evaluated = gen.const("evaluated", (0, codegen_1._)`${validateName}.evaluated`), gen.if((0, codegen_1._)`${it.evaluated}.dynamicProps`, () => gen.assign((0, codegen_1._)`${it.evaluated}.props`, (0, codegen_1._)`undefined`)), gen.if((0, codegen_1._)`${it.evaluated}.dynamicItems`, () => gen.assign((0, codegen_1._)`${it.evaluated}.items`, (0, codegen_1._)`undefined`));
    }
    function funcSourceUrl(schema, opts) {
      let schId = typeof schema == "object" && schema[opts.schemaId];
      return schId && (opts.code.source || opts.code.process) ? (0, codegen_1._)`/*# sourceURL=${schId} */` : codegen_1.nil;
    }
    function subschemaCode(it, valid) {
      if (isSchemaObj(it) && (checkKeywords(it), schemaCxtHasRules(it))) {
        subSchemaObjCode(it, valid);
        return;
      }
      (0, boolSchema_1.boolOrEmptySchema)(it, valid);
    }
    function schemaCxtHasRules({ schema, self }) {
      if (typeof schema == "boolean")
        return !schema;
      for (let key in schema)
        if (self.RULES.all[key])
          return !0;
      return !1;
    }
    function isSchemaObj(it) {
      return typeof it.schema != "boolean";
    }
    function subSchemaObjCode(it, valid) {
      let { schema, gen, opts } = it;
      opts.$comment && schema.$comment && commentKeyword(it), updateContext(it), checkAsyncSchema(it);
      let errsCount = gen.const("_errs", names_1.default.errors);
      typeAndKeywords(it, errsCount), gen.var(valid, (0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
    }
    function checkKeywords(it) {
      (0, util_1.checkUnknownRules)(it), checkRefsAndKeywords(it);
    }
    function typeAndKeywords(it, errsCount) {
      if (it.opts.jtd)
        return schemaKeywords(it, [], !1, errsCount);
      let types = (0, dataType_1.getSchemaTypes)(it.schema), checkedTypes = (0, dataType_1.coerceAndCheckDataType)(it, types);
      schemaKeywords(it, types, !checkedTypes, errsCount);
    }
    function checkRefsAndKeywords(it) {
      let { schema, errSchemaPath, opts, self } = it;
      schema.$ref && opts.ignoreKeywordsWithRef && (0, util_1.schemaHasRulesButRef)(schema, self.RULES) && self.logger.warn(`$ref: keywords ignored in schema at path "${errSchemaPath}"`);
    }
    function checkNoDefault(it) {
      let { schema, opts } = it;
      schema.default !== void 0 && opts.useDefaults && opts.strictSchema && (0, util_1.checkStrictMode)(it, "default is ignored in the schema root");
    }
    function updateContext(it) {
      let schId = it.schema[it.opts.schemaId];
      schId && (it.baseId = (0, resolve_1.resolveUrl)(it.opts.uriResolver, it.baseId, schId));
    }
    function checkAsyncSchema(it) {
      if (it.schema.$async && !it.schemaEnv.$async)
        throw new Error("async schema in sync schema");
    }
    function commentKeyword({ gen, schemaEnv, schema, errSchemaPath, opts }) {
      let msg = schema.$comment;
      if (opts.$comment === !0)
        gen.code((0, codegen_1._)`${names_1.default.self}.logger.log(${msg})`);
      else if (typeof opts.$comment == "function") {
        let schemaPath = (0, codegen_1.str)`${errSchemaPath}/$comment`, rootName = gen.scopeValue("root", { ref: schemaEnv.root });
        gen.code((0, codegen_1._)`${names_1.default.self}.opts.$comment(${msg}, ${schemaPath}, ${rootName}.schema)`);
      }
    }
    function returnResults(it) {
      let { gen, schemaEnv, validateName, ValidationError, opts } = it;
      schemaEnv.$async ? gen.if((0, codegen_1._)`${names_1.default.errors} === 0`, () => gen.return(names_1.default.data), () => gen.throw((0, codegen_1._)`new ${ValidationError}(${names_1.default.vErrors})`)) : (gen.assign((0, codegen_1._)`${validateName}.errors`, names_1.default.vErrors), opts.unevaluated && assignEvaluated(it), gen.return((0, codegen_1._)`${names_1.default.errors} === 0`));
    }
    function assignEvaluated({ gen, evaluated, props, items }) {
      props instanceof codegen_1.Name && gen.assign((0, codegen_1._)`${evaluated}.props`, props), items instanceof codegen_1.Name && gen.assign((0, codegen_1._)`${evaluated}.items`, items);
    }
    function schemaKeywords(it, types, typeErrors, errsCount) {
      let { gen, schema, data, allErrors, opts, self } = it, { RULES } = self;
      if (schema.$ref && (opts.ignoreKeywordsWithRef || !(0, util_1.schemaHasRulesButRef)(schema, RULES))) {
        gen.block(() => keywordCode(it, "$ref", RULES.all.$ref.definition));
        return;
      }
      opts.jtd || checkStrictTypes(it, types), gen.block(() => {
        for (let group of RULES.rules)
          groupKeywords(group);
        groupKeywords(RULES.post);
      });
      function groupKeywords(group) {
        (0, applicability_1.shouldUseGroup)(schema, group) && (group.type ? (gen.if((0, dataType_2.checkDataType)(group.type, data, opts.strictNumbers)), iterateKeywords(it, group), types.length === 1 && types[0] === group.type && typeErrors && (gen.else(), (0, dataType_2.reportTypeError)(it)), gen.endIf()) : iterateKeywords(it, group), allErrors || gen.if((0, codegen_1._)`${names_1.default.errors} === ${errsCount || 0}`));
      }
    }
    function iterateKeywords(it, group) {
      let { gen, schema, opts: { useDefaults } } = it;
      useDefaults && (0, defaults_1.assignDefaults)(it, group.type), gen.block(() => {
        for (let rule of group.rules)
          (0, applicability_1.shouldUseRule)(schema, rule) && keywordCode(it, rule.keyword, rule.definition, group.type);
      });
    }
    function checkStrictTypes(it, types) {
      it.schemaEnv.meta || !it.opts.strictTypes || (checkContextTypes(it, types), it.opts.allowUnionTypes || checkMultipleTypes(it, types), checkKeywordTypes(it, it.dataTypes));
    }
    function checkContextTypes(it, types) {
      if (types.length) {
        if (!it.dataTypes.length) {
          it.dataTypes = types;
          return;
        }
        types.forEach((t) => {
          includesType(it.dataTypes, t) || strictTypesError(it, `type "${t}" not allowed by context "${it.dataTypes.join(",")}"`);
        }), narrowSchemaTypes(it, types);
      }
    }
    function checkMultipleTypes(it, ts) {
      ts.length > 1 && !(ts.length === 2 && ts.includes("null")) && strictTypesError(it, "use allowUnionTypes to allow union type keyword");
    }
    function checkKeywordTypes(it, ts) {
      let rules = it.self.RULES.all;
      for (let keyword in rules) {
        let rule = rules[keyword];
        if (typeof rule == "object" && (0, applicability_1.shouldUseRule)(it.schema, rule)) {
          let { type } = rule.definition;
          type.length && !type.some((t) => hasApplicableType(ts, t)) && strictTypesError(it, `missing type "${type.join(",")}" for keyword "${keyword}"`);
        }
      }
    }
    function hasApplicableType(schTs, kwdT) {
      return schTs.includes(kwdT) || kwdT === "number" && schTs.includes("integer");
    }
    function includesType(ts, t) {
      return ts.includes(t) || t === "integer" && ts.includes("number");
    }
    function narrowSchemaTypes(it, withTypes) {
      let ts = [];
      for (let t of it.dataTypes)
        includesType(withTypes, t) ? ts.push(t) : withTypes.includes("integer") && t === "number" && ts.push("integer");
      it.dataTypes = ts;
    }
    function strictTypesError(it, msg) {
      let schemaPath = it.schemaEnv.baseId + it.errSchemaPath;
      msg += ` at "${schemaPath}" (strictTypes)`, (0, util_1.checkStrictMode)(it, msg, it.opts.strictTypes);
    }
    var KeywordCxt = class {
      constructor(it, def, keyword) {
        if ((0, keyword_1.validateKeywordUsage)(it, def, keyword), this.gen = it.gen, this.allErrors = it.allErrors, this.keyword = keyword, this.data = it.data, this.schema = it.schema[keyword], this.$data = def.$data && it.opts.$data && this.schema && this.schema.$data, this.schemaValue = (0, util_1.schemaRefOrVal)(it, this.schema, keyword, this.$data), this.schemaType = def.schemaType, this.parentSchema = it.schema, this.params = {}, this.it = it, this.def = def, this.$data)
          this.schemaCode = it.gen.const("vSchema", getData(this.$data, it));
        else if (this.schemaCode = this.schemaValue, !(0, keyword_1.validSchemaType)(this.schema, def.schemaType, def.allowUndefined))
          throw new Error(`${keyword} value must be ${JSON.stringify(def.schemaType)}`);
        ("code" in def ? def.trackErrors : def.errors !== !1) && (this.errsCount = it.gen.const("_errs", names_1.default.errors));
      }
      result(condition, successAction, failAction) {
        this.failResult((0, codegen_1.not)(condition), successAction, failAction);
      }
      failResult(condition, successAction, failAction) {
        this.gen.if(condition), failAction ? failAction() : this.error(), successAction ? (this.gen.else(), successAction(), this.allErrors && this.gen.endIf()) : this.allErrors ? this.gen.endIf() : this.gen.else();
      }
      pass(condition, failAction) {
        this.failResult((0, codegen_1.not)(condition), void 0, failAction);
      }
      fail(condition) {
        if (condition === void 0) {
          this.error(), this.allErrors || this.gen.if(!1);
          return;
        }
        this.gen.if(condition), this.error(), this.allErrors ? this.gen.endIf() : this.gen.else();
      }
      fail$data(condition) {
        if (!this.$data)
          return this.fail(condition);
        let { schemaCode } = this;
        this.fail((0, codegen_1._)`${schemaCode} !== undefined && (${(0, codegen_1.or)(this.invalid$data(), condition)})`);
      }
      error(append, errorParams, errorPaths) {
        if (errorParams) {
          this.setParams(errorParams), this._error(append, errorPaths), this.setParams({});
          return;
        }
        this._error(append, errorPaths);
      }
      _error(append, errorPaths) {
        (append ? errors_1.reportExtraError : errors_1.reportError)(this, this.def.error, errorPaths);
      }
      $dataError() {
        (0, errors_1.reportError)(this, this.def.$dataError || errors_1.keyword$DataError);
      }
      reset() {
        if (this.errsCount === void 0)
          throw new Error('add "trackErrors" to keyword definition');
        (0, errors_1.resetErrorsCount)(this.gen, this.errsCount);
      }
      ok(cond) {
        this.allErrors || this.gen.if(cond);
      }
      setParams(obj, assign) {
        assign ? Object.assign(this.params, obj) : this.params = obj;
      }
      block$data(valid, codeBlock, $dataValid = codegen_1.nil) {
        this.gen.block(() => {
          this.check$data(valid, $dataValid), codeBlock();
        });
      }
      check$data(valid = codegen_1.nil, $dataValid = codegen_1.nil) {
        if (!this.$data)
          return;
        let { gen, schemaCode, schemaType, def } = this;
        gen.if((0, codegen_1.or)((0, codegen_1._)`${schemaCode} === undefined`, $dataValid)), valid !== codegen_1.nil && gen.assign(valid, !0), (schemaType.length || def.validateSchema) && (gen.elseIf(this.invalid$data()), this.$dataError(), valid !== codegen_1.nil && gen.assign(valid, !1)), gen.else();
      }
      invalid$data() {
        let { gen, schemaCode, schemaType, def, it } = this;
        return (0, codegen_1.or)(wrong$DataType(), invalid$DataSchema());
        function wrong$DataType() {
          if (schemaType.length) {
            if (!(schemaCode instanceof codegen_1.Name))
              throw new Error("ajv implementation error");
            let st = Array.isArray(schemaType) ? schemaType : [schemaType];
            return (0, codegen_1._)`${(0, dataType_2.checkDataTypes)(st, schemaCode, it.opts.strictNumbers, dataType_2.DataType.Wrong)}`;
          }
          return codegen_1.nil;
        }
        function invalid$DataSchema() {
          if (def.validateSchema) {
            let validateSchemaRef = gen.scopeValue("validate$data", { ref: def.validateSchema });
            return (0, codegen_1._)`!${validateSchemaRef}(${schemaCode})`;
          }
          return codegen_1.nil;
        }
      }
      subschema(appl, valid) {
        let subschema = (0, subschema_1.getSubschema)(this.it, appl);
        (0, subschema_1.extendSubschemaData)(subschema, this.it, appl), (0, subschema_1.extendSubschemaMode)(subschema, appl);
        let nextContext = { ...this.it, ...subschema, items: void 0, props: void 0 };
        return subschemaCode(nextContext, valid), nextContext;
      }
      mergeEvaluated(schemaCxt, toName) {
        let { it, gen } = this;
        it.opts.unevaluated && (it.props !== !0 && schemaCxt.props !== void 0 && (it.props = util_1.mergeEvaluated.props(gen, schemaCxt.props, it.props, toName)), it.items !== !0 && schemaCxt.items !== void 0 && (it.items = util_1.mergeEvaluated.items(gen, schemaCxt.items, it.items, toName)));
      }
      mergeValidEvaluated(schemaCxt, valid) {
        let { it, gen } = this;
        if (it.opts.unevaluated && (it.props !== !0 || it.items !== !0))
          return gen.if(valid, () => this.mergeEvaluated(schemaCxt, codegen_1.Name)), !0;
      }
    };
    exports.KeywordCxt = KeywordCxt;
    function keywordCode(it, keyword, def, ruleType) {
      let cxt = new KeywordCxt(it, def, keyword);
      "code" in def ? def.code(cxt, ruleType) : cxt.$data && def.validate ? (0, keyword_1.funcKeywordCode)(cxt, def) : "macro" in def ? (0, keyword_1.macroKeywordCode)(cxt, def) : (def.compile || def.validate) && (0, keyword_1.funcKeywordCode)(cxt, def);
    }
    var JSON_POINTER = /^\/(?:[^~]|~0|~1)*$/, RELATIVE_JSON_POINTER = /^([0-9]+)(#|\/(?:[^~]|~0|~1)*)?$/;
    function getData($data, { dataLevel, dataNames, dataPathArr }) {
      let jsonPointer, data;
      if ($data === "")
        return names_1.default.rootData;
      if ($data[0] === "/") {
        if (!JSON_POINTER.test($data))
          throw new Error(`Invalid JSON-pointer: ${$data}`);
        jsonPointer = $data, data = names_1.default.rootData;
      } else {
        let matches3 = RELATIVE_JSON_POINTER.exec($data);
        if (!matches3)
          throw new Error(`Invalid JSON-pointer: ${$data}`);
        let up = +matches3[1];
        if (jsonPointer = matches3[2], jsonPointer === "#") {
          if (up >= dataLevel)
            throw new Error(errorMsg("property/index", up));
          return dataPathArr[dataLevel - up];
        }
        if (up > dataLevel)
          throw new Error(errorMsg("data", up));
        if (data = dataNames[dataLevel - up], !jsonPointer)
          return data;
      }
      let expr = data, segments = jsonPointer.split("/");
      for (let segment of segments)
        segment && (data = (0, codegen_1._)`${data}${(0, codegen_1.getProperty)((0, util_1.unescapeJsonPointer)(segment))}`, expr = (0, codegen_1._)`${expr} && ${data}`);
      return expr;
      function errorMsg(pointerType, up) {
        return `Cannot access ${pointerType} ${up} levels up, current level is ${dataLevel}`;
      }
    }
    exports.getData = getData;
  }
});

// node_modules/ajv/dist/runtime/validation_error.js
var require_validation_error = __commonJS({
  "node_modules/ajv/dist/runtime/validation_error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var ValidationError = class extends Error {
      constructor(errors) {
        super("validation failed"), this.errors = errors, this.ajv = this.validation = !0;
      }
    };
    exports.default = ValidationError;
  }
});

// node_modules/ajv/dist/compile/ref_error.js
var require_ref_error = __commonJS({
  "node_modules/ajv/dist/compile/ref_error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var resolve_1 = require_resolve(), MissingRefError = class extends Error {
      constructor(resolver, baseId, ref, msg) {
        super(msg || `can't resolve reference ${ref} from id ${baseId}`), this.missingRef = (0, resolve_1.resolveUrl)(resolver, baseId, ref), this.missingSchema = (0, resolve_1.normalizeId)((0, resolve_1.getFullPath)(resolver, this.missingRef));
      }
    };
    exports.default = MissingRefError;
  }
});

// node_modules/ajv/dist/compile/index.js
var require_compile = __commonJS({
  "node_modules/ajv/dist/compile/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.resolveSchema = exports.getCompilingSchema = exports.resolveRef = exports.compileSchema = exports.SchemaEnv = void 0;
    var codegen_1 = require_codegen(), validation_error_1 = require_validation_error(), names_1 = require_names(), resolve_1 = require_resolve(), util_1 = require_util(), validate_1 = require_validate(), SchemaEnv = class {
      constructor(env) {
        var _a;
        this.refs = {}, this.dynamicAnchors = {};
        let schema;
        typeof env.schema == "object" && (schema = env.schema), this.schema = env.schema, this.schemaId = env.schemaId, this.root = env.root || this, this.baseId = (_a = env.baseId) !== null && _a !== void 0 ? _a : (0, resolve_1.normalizeId)(schema?.[env.schemaId || "$id"]), this.schemaPath = env.schemaPath, this.localRefs = env.localRefs, this.meta = env.meta, this.$async = schema?.$async, this.refs = {};
      }
    };
    exports.SchemaEnv = SchemaEnv;
    function compileSchema(sch) {
      let _sch = getCompilingSchema.call(this, sch);
      if (_sch)
        return _sch;
      let rootId = (0, resolve_1.getFullPath)(this.opts.uriResolver, sch.root.baseId), { es5, lines } = this.opts.code, { ownProperties } = this.opts, gen = new codegen_1.CodeGen(this.scope, { es5, lines, ownProperties }), _ValidationError;
      sch.$async && (_ValidationError = gen.scopeValue("Error", {
        ref: validation_error_1.default,
        code: (0, codegen_1._)`require("ajv/dist/runtime/validation_error").default`
      }));
      let validateName = gen.scopeName("validate");
      sch.validateName = validateName;
      let schemaCxt = {
        gen,
        allErrors: this.opts.allErrors,
        data: names_1.default.data,
        parentData: names_1.default.parentData,
        parentDataProperty: names_1.default.parentDataProperty,
        dataNames: [names_1.default.data],
        dataPathArr: [codegen_1.nil],
        // TODO can its length be used as dataLevel if nil is removed?
        dataLevel: 0,
        dataTypes: [],
        definedProperties: /* @__PURE__ */ new Set(),
        topSchemaRef: gen.scopeValue("schema", this.opts.code.source === !0 ? { ref: sch.schema, code: (0, codegen_1.stringify)(sch.schema) } : { ref: sch.schema }),
        validateName,
        ValidationError: _ValidationError,
        schema: sch.schema,
        schemaEnv: sch,
        rootId,
        baseId: sch.baseId || rootId,
        schemaPath: codegen_1.nil,
        errSchemaPath: sch.schemaPath || (this.opts.jtd ? "" : "#"),
        errorPath: (0, codegen_1._)`""`,
        opts: this.opts,
        self: this
      }, sourceCode;
      try {
        this._compilations.add(sch), (0, validate_1.validateFunctionCode)(schemaCxt), gen.optimize(this.opts.code.optimize);
        let validateCode = gen.toString();
        sourceCode = `${gen.scopeRefs(names_1.default.scope)}return ${validateCode}`, this.opts.code.process && (sourceCode = this.opts.code.process(sourceCode, sch));
        let validate = new Function(`${names_1.default.self}`, `${names_1.default.scope}`, sourceCode)(this, this.scope.get());
        if (this.scope.value(validateName, { ref: validate }), validate.errors = null, validate.schema = sch.schema, validate.schemaEnv = sch, sch.$async && (validate.$async = !0), this.opts.code.source === !0 && (validate.source = { validateName, validateCode, scopeValues: gen._values }), this.opts.unevaluated) {
          let { props, items } = schemaCxt;
          validate.evaluated = {
            props: props instanceof codegen_1.Name ? void 0 : props,
            items: items instanceof codegen_1.Name ? void 0 : items,
            dynamicProps: props instanceof codegen_1.Name,
            dynamicItems: items instanceof codegen_1.Name
          }, validate.source && (validate.source.evaluated = (0, codegen_1.stringify)(validate.evaluated));
        }
        return sch.validate = validate, sch;
      } catch (e) {
        throw delete sch.validate, delete sch.validateName, sourceCode && this.logger.error("Error compiling schema, function code:", sourceCode), e;
      } finally {
        this._compilations.delete(sch);
      }
    }
    exports.compileSchema = compileSchema;
    function resolveRef(root, baseId, ref) {
      var _a;
      ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, ref);
      let schOrFunc = root.refs[ref];
      if (schOrFunc)
        return schOrFunc;
      let _sch = resolve.call(this, root, ref);
      if (_sch === void 0) {
        let schema = (_a = root.localRefs) === null || _a === void 0 ? void 0 : _a[ref], { schemaId } = this.opts;
        schema && (_sch = new SchemaEnv({ schema, schemaId, root, baseId }));
      }
      if (_sch !== void 0)
        return root.refs[ref] = inlineOrCompile.call(this, _sch);
    }
    exports.resolveRef = resolveRef;
    function inlineOrCompile(sch) {
      return (0, resolve_1.inlineRef)(sch.schema, this.opts.inlineRefs) ? sch.schema : sch.validate ? sch : compileSchema.call(this, sch);
    }
    function getCompilingSchema(schEnv) {
      for (let sch of this._compilations)
        if (sameSchemaEnv(sch, schEnv))
          return sch;
    }
    exports.getCompilingSchema = getCompilingSchema;
    function sameSchemaEnv(s1, s2) {
      return s1.schema === s2.schema && s1.root === s2.root && s1.baseId === s2.baseId;
    }
    function resolve(root, ref) {
      let sch;
      for (; typeof (sch = this.refs[ref]) == "string"; )
        ref = sch;
      return sch || this.schemas[ref] || resolveSchema.call(this, root, ref);
    }
    function resolveSchema(root, ref) {
      let p = this.opts.uriResolver.parse(ref), refPath = (0, resolve_1._getFullPath)(this.opts.uriResolver, p), baseId = (0, resolve_1.getFullPath)(this.opts.uriResolver, root.baseId, void 0);
      if (Object.keys(root.schema).length > 0 && refPath === baseId)
        return getJsonPointer.call(this, p, root);
      let id = (0, resolve_1.normalizeId)(refPath), schOrRef = this.refs[id] || this.schemas[id];
      if (typeof schOrRef == "string") {
        let sch = resolveSchema.call(this, root, schOrRef);
        return typeof sch?.schema != "object" ? void 0 : getJsonPointer.call(this, p, sch);
      }
      if (typeof schOrRef?.schema == "object") {
        if (schOrRef.validate || compileSchema.call(this, schOrRef), id === (0, resolve_1.normalizeId)(ref)) {
          let { schema } = schOrRef, { schemaId } = this.opts, schId = schema[schemaId];
          return schId && (baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId)), new SchemaEnv({ schema, schemaId, root, baseId });
        }
        return getJsonPointer.call(this, p, schOrRef);
      }
    }
    exports.resolveSchema = resolveSchema;
    var PREVENT_SCOPE_CHANGE = /* @__PURE__ */ new Set([
      "properties",
      "patternProperties",
      "enum",
      "dependencies",
      "definitions"
    ]);
    function getJsonPointer(parsedRef, { baseId, schema, root }) {
      var _a;
      if (((_a = parsedRef.fragment) === null || _a === void 0 ? void 0 : _a[0]) !== "/")
        return;
      for (let part of parsedRef.fragment.slice(1).split("/")) {
        if (typeof schema == "boolean")
          return;
        let partSchema = schema[(0, util_1.unescapeFragment)(part)];
        if (partSchema === void 0)
          return;
        schema = partSchema;
        let schId = typeof schema == "object" && schema[this.opts.schemaId];
        !PREVENT_SCOPE_CHANGE.has(part) && schId && (baseId = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schId));
      }
      let env;
      if (typeof schema != "boolean" && schema.$ref && !(0, util_1.schemaHasRulesButRef)(schema, this.RULES)) {
        let $ref = (0, resolve_1.resolveUrl)(this.opts.uriResolver, baseId, schema.$ref);
        env = resolveSchema.call(this, root, $ref);
      }
      let { schemaId } = this.opts;
      if (env = env || new SchemaEnv({ schema, schemaId, root, baseId }), env.schema !== env.root.schema)
        return env;
    }
  }
});

// node_modules/ajv/dist/refs/data.json
var require_data = __commonJS({
  "node_modules/ajv/dist/refs/data.json"(exports, module) {
    module.exports = {
      $id: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#",
      description: "Meta-schema for $data reference (JSON AnySchema extension proposal)",
      type: "object",
      required: ["$data"],
      properties: {
        $data: {
          type: "string",
          anyOf: [{ format: "relative-json-pointer" }, { format: "json-pointer" }]
        }
      },
      additionalProperties: !1
    };
  }
});

// node_modules/fast-uri/lib/utils.js
var require_utils = __commonJS({
  "node_modules/fast-uri/lib/utils.js"(exports, module) {
    "use strict";
    var isUUID = RegExp.prototype.test.bind(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/iu), isIPv4 = RegExp.prototype.test.bind(/^(?:(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d{2}|[1-9]\d|\d)$/u), isPort = RegExp.prototype.test.bind(/^\d*$/u), isHexPair = RegExp.prototype.test.bind(/^[\da-f]{2}$/iu), isUnreserved = RegExp.prototype.test.bind(/^[\da-z\-._~]$/iu), isPathCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/u), isQueryFragmentCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/u), isUserinfoCharacter = RegExp.prototype.test.bind(/^[A-Za-z0-9\-._~!$&'()*+,;=:]$/u), BYTE_HEX = new Array(256);
    {
      let HEX_DIGITS = "0123456789ABCDEF";
      for (let i = 0; i < 256; i++)
        BYTE_HEX[i] = "%" + HEX_DIGITS[i >> 4] + HEX_DIGITS[i & 15];
    }
    function percentEncodeNonAscii(cp) {
      return cp < 2048 ? BYTE_HEX[192 | cp >> 6] + BYTE_HEX[128 | cp & 63] : cp < 65536 ? BYTE_HEX[224 | cp >> 12] + BYTE_HEX[128 | cp >> 6 & 63] + BYTE_HEX[128 | cp & 63] : BYTE_HEX[240 | cp >> 18] + BYTE_HEX[128 | cp >> 12 & 63] + BYTE_HEX[128 | cp >> 6 & 63] + BYTE_HEX[128 | cp & 63];
    }
    function stringArrayToHexStripped(input) {
      let acc = "", code2 = 0, i = 0;
      for (i = 0; i < input.length; i++)
        if (code2 = input[i].charCodeAt(0), code2 !== 48) {
          if (!(code2 >= 48 && code2 <= 57 || code2 >= 65 && code2 <= 70 || code2 >= 97 && code2 <= 102))
            return "";
          acc += input[i];
          break;
        }
      for (i += 1; i < input.length; i++) {
        if (code2 = input[i].charCodeAt(0), !(code2 >= 48 && code2 <= 57 || code2 >= 65 && code2 <= 70 || code2 >= 97 && code2 <= 102))
          return "";
        acc += input[i];
      }
      return acc;
    }
    var isHextet = RegExp.prototype.test.bind(/^[\dA-Fa-f]{1,4}$/), isIPvFuture = RegExp.prototype.test.bind(/^[vV][\dA-Fa-f]+\.[A-Za-z\d\-._~!$&'()*+,;=:]+$/), isZoneCharacter = RegExp.prototype.test.bind(/^[A-Za-z\d\-._~]$/), nonSimpleDomain = RegExp.prototype.test.bind(/[^!"$&'()*+,\-.;=_`a-z{}~]/u);
    function isZoneIdentifier(zone) {
      if (zone.length === 0) return !1;
      for (let i = 0; i < zone.length; i++)
        if (!isZoneCharacter(zone[i])) {
          if (zone[i] === "%" && i + 2 < zone.length && isHexPair(zone.slice(i + 1, i + 3))) {
            i += 2;
            continue;
          }
          return !1;
        }
      return !0;
    }
    function compressIPv6ZeroRun(hextets) {
      let bestStart = -1, bestLength = 0, runStart = -1, runLength = 0;
      for (let i = 0; i < hextets.length; i++)
        hextets[i] === "0" ? (runStart === -1 && (runStart = i), runLength++, runLength > bestLength && (bestLength = runLength, bestStart = runStart)) : (runStart = -1, runLength = 0);
      if (bestLength < 2) return hextets.join(":");
      let head = hextets.slice(0, bestStart).join(":"), tail = hextets.slice(bestStart + bestLength).join(":");
      return head + "::" + tail;
    }
    function normalizeIPv6Address(input) {
      let compression = input.indexOf("::");
      if (compression !== -1 && input.indexOf("::", compression + 1) !== -1) return;
      let left = compression === -1 ? input.split(":") : input.slice(0, compression).split(":"), right = compression === -1 ? [] : input.slice(compression + 2).split(":");
      compression !== -1 && (left.length === 1 && left[0] === "" && (left.length = 0), right.length === 1 && right[0] === "" && (right.length = 0));
      let parts = left.concat(right), hextetCount = 0;
      for (let i = 0; i < parts.length; i++) {
        let part = parts[i];
        if (part === "") return;
        if (part.indexOf(".") !== -1) {
          if (i !== parts.length - 1 || compression !== -1 && right.length === 0 || !isIPv4(part)) return;
          hextetCount += 2;
          continue;
        }
        if (!isHextet(part)) return;
        parts[i] = parseInt(part, 16).toString(16), hextetCount++;
      }
      if (compression === -1)
        return hextetCount !== 8 ? void 0 : compressIPv6ZeroRun(parts);
      if (hextetCount >= 8) return;
      let expanded = parts.slice(0, left.length);
      for (let i = hextetCount; i < 8; i++) expanded.push("0");
      for (let i = left.length; i < parts.length; i++) expanded.push(parts[i]);
      return compressIPv6ZeroRun(expanded);
    }
    function normalizeIPv6(host) {
      let bracketed = host[0] === "[" && host[host.length - 1] === "]";
      if ((host[0] === "[" || host[host.length - 1] === "]") && !bracketed) return { host, isIPV6: !1, error: !0 };
      let input = bracketed ? host.slice(1, -1) : host;
      if (bracketed && isIPvFuture(input))
        return input = input.toLowerCase(), { host: `[${input}]`, escapedHost: input, isIPV6: !1, isIPVFuture: !0 };
      if (findToken(input, ":") < 2)
        return { host, isIPV6: !1, error: bracketed };
      let zoneIdentifier = "", zoneSeparator = input.indexOf("%");
      if (zoneSeparator !== -1) {
        let separatorLength = input.slice(zoneSeparator, zoneSeparator + 3).toLowerCase() === "%25" ? 3 : 1;
        if (zoneIdentifier = input.slice(zoneSeparator + separatorLength), !isZoneIdentifier(zoneIdentifier)) return { host, isIPV6: !1, error: !0 };
        input = input.slice(0, zoneSeparator);
      }
      let address = normalizeIPv6Address(input);
      return address === void 0 ? { host, isIPV6: !1, error: !0 } : {
        host: address + (zoneIdentifier ? "%" + zoneIdentifier : ""),
        escapedHost: address + (zoneIdentifier ? "%25" + zoneIdentifier : ""),
        isIPV6: !0
      };
    }
    function findToken(str2, token) {
      let ind = 0;
      for (let i = 0; i < str2.length; i++)
        str2[i] === token && ind++;
      return ind;
    }
    function removeDotSegments(path) {
      let input = path, output = [], nextSlash = -1, len = 0;
      for (; len = input.length; ) {
        if (len === 1) {
          if (input === ".")
            break;
          if (input === "/") {
            output.push("/");
            break;
          } else {
            output.push(input);
            break;
          }
        } else if (len === 2) {
          if (input[0] === ".") {
            if (input[1] === ".")
              break;
            if (input[1] === "/") {
              input = input.slice(2);
              continue;
            }
          } else if (input[0] === "/" && (input[1] === "." || input[1] === "/")) {
            output.push("/");
            break;
          }
        } else if (len === 3 && input === "/..") {
          output.length !== 0 && output.pop(), output.push("/");
          break;
        }
        if (input[0] === ".") {
          if (input[1] === ".") {
            if (input[2] === "/") {
              input = input.slice(3);
              continue;
            }
          } else if (input[1] === "/") {
            input = input.slice(2);
            continue;
          }
        } else if (input[0] === "/" && input[1] === ".") {
          if (input[2] === "/") {
            input = input.slice(2);
            continue;
          } else if (input[2] === "." && input[3] === "/") {
            input = input.slice(3), output.length !== 0 && output.pop();
            continue;
          }
        }
        if ((nextSlash = input.indexOf("/", 1)) === -1) {
          output.push(input);
          break;
        } else
          output.push(input.slice(0, nextSlash)), input = input.slice(nextSlash);
      }
      return output.join("");
    }
    function removeDotSegmentsRelative(path) {
      if (path === "" || path[0] === "/")
        return removeDotSegments(path);
      let segments = path.split("/"), last = segments.length - 1, output = [], trailingDirectory = !1;
      for (let i = 0; i <= last; i++) {
        let segment = segments[i];
        segment === "." || segment === ".." ? (segment === ".." && (output.length !== 0 && output[output.length - 1] !== ".." ? output.pop() : output.push("..")), trailingDirectory = i === last) : output.push(segment);
      }
      return trailingDirectory && output[output.length - 1] !== ".." && output.push(""), (output.length === 0 || output[0] === "" || output[0].includes(":")) && output.unshift("."), output.join("/");
    }
    var HOST_DELIMS = { "@": "%40", "/": "%2F", "?": "%3F", "#": "%23", ":": "%3A" }, HOST_DELIM_RE = /[@/?#:]/g, HOST_DELIM_NO_COLON_RE = /[@/?#]/g;
    function reescapeHostDelimiters(host, isIP) {
      let re = isIP ? HOST_DELIM_NO_COLON_RE : HOST_DELIM_RE;
      return re.lastIndex = 0, host.replace(re, (ch) => HOST_DELIMS[ch]);
    }
    function normalizePercentEncoding(input, decodeUnreserved = !1) {
      if (input.indexOf("%") === -1)
        return input;
      let output = "";
      for (let i = 0; i < input.length; i++) {
        if (input[i] === "%" && i + 2 < input.length) {
          let hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            let normalizedHex = hex.toUpperCase(), decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            decodeUnreserved && isUnreserved(decoded) ? output += decoded : output += "%" + normalizedHex, i += 2;
            continue;
          }
        }
        output += input[i];
      }
      return output;
    }
    function normalizePathEncoding(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        let ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          let hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            let normalizedHex = hex.toUpperCase(), decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            decoded !== "." && isUnreserved(decoded) ? output += decoded : output += "%" + normalizedHex, i += 2;
            continue;
          }
        }
        if (isPathCharacter(ch))
          output += ch;
        else {
          let code2 = input.charCodeAt(i);
          if (code2 < 128)
            output += isEscapeSafe(code2) ? ch : BYTE_HEX[code2];
          else if (code2 < 55296 || code2 > 57343)
            output += percentEncodeNonAscii(code2);
          else if (code2 <= 56319 && i + 1 < input.length) {
            let low = input.charCodeAt(i + 1);
            low >= 56320 && low <= 57343 ? (output += percentEncodeNonAscii(65536 + (code2 - 55296 << 10) + (low - 56320)), i++) : output += percentEncodeNonAscii(65533);
          } else
            output += percentEncodeNonAscii(65533);
        }
      }
      return output;
    }
    function serializePathEncoding(input, pathNoScheme = !1) {
      let output = "", firstSegment = pathNoScheme && input[0] !== "/";
      for (let i = 0; i < input.length; i++) {
        let ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          let hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase(), i += 2;
            continue;
          }
        }
        if (ch === "/" && (firstSegment = !1), isPathCharacter(ch) && (ch !== ":" || !firstSegment))
          output += ch;
        else {
          let code2 = input.charCodeAt(i);
          if (code2 < 128)
            output += BYTE_HEX[code2];
          else if (code2 < 55296 || code2 > 57343)
            output += percentEncodeNonAscii(code2);
          else if (code2 <= 56319 && i + 1 < input.length) {
            let low = input.charCodeAt(i + 1);
            low >= 56320 && low <= 57343 ? (output += percentEncodeNonAscii(65536 + (code2 - 55296 << 10) + (low - 56320)), i++) : output += percentEncodeNonAscii(65533);
          } else
            output += percentEncodeNonAscii(65533);
        }
      }
      return output;
    }
    function encodeComponent(input, isAllowed) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        let ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          let hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase(), i += 2;
            continue;
          }
        }
        if (isAllowed(ch))
          output += ch;
        else {
          let code2 = input.charCodeAt(i);
          if (code2 < 128)
            output += BYTE_HEX[code2];
          else if (code2 < 55296 || code2 > 57343)
            output += percentEncodeNonAscii(code2);
          else if (code2 <= 56319 && i + 1 < input.length) {
            let low = input.charCodeAt(i + 1);
            low >= 56320 && low <= 57343 ? (output += percentEncodeNonAscii(65536 + (code2 - 55296 << 10) + (low - 56320)), i++) : output += percentEncodeNonAscii(65533);
          } else
            output += percentEncodeNonAscii(65533);
        }
      }
      return output;
    }
    function encodeUserinfo(input) {
      return encodeComponent(input, isUserinfoCharacter);
    }
    function encodeQuery(input) {
      return encodeComponent(input, isQueryFragmentCharacter);
    }
    function encodeFragment(input) {
      return encodeComponent(input, isQueryFragmentCharacter);
    }
    function isEscapeSafe(cp) {
      return cp >= 48 && cp <= 57 || cp >= 65 && cp <= 90 || cp >= 97 && cp <= 122 || cp === 42 || cp === 43 || cp === 45 || cp === 46 || cp === 47 || cp === 64 || cp === 95;
    }
    function normalizeQueryFragmentEncoding(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        let ch = input[i];
        if (ch === "%" && i + 2 < input.length) {
          let hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            let normalizedHex = hex.toUpperCase(), decoded = String.fromCharCode(parseInt(normalizedHex, 16));
            isUnreserved(decoded) ? output += decoded : output += "%" + normalizedHex, i += 2;
            continue;
          }
        }
        if (isQueryFragmentCharacter(ch))
          output += ch;
        else {
          let code2 = input.charCodeAt(i);
          if (code2 < 128)
            output += isEscapeSafe(code2) ? ch : BYTE_HEX[code2];
          else if (code2 < 55296 || code2 > 57343)
            output += percentEncodeNonAscii(code2);
          else if (code2 <= 56319 && i + 1 < input.length) {
            let low = input.charCodeAt(i + 1);
            low >= 56320 && low <= 57343 ? (output += percentEncodeNonAscii(65536 + (code2 - 55296 << 10) + (low - 56320)), i++) : output += percentEncodeNonAscii(65533);
          } else
            output += percentEncodeNonAscii(65533);
        }
      }
      return output;
    }
    function escapePreservingEscapes(input) {
      let output = "";
      for (let i = 0; i < input.length; i++) {
        if (input[i] === "%" && i + 2 < input.length) {
          let hex = input.slice(i + 1, i + 3);
          if (isHexPair(hex)) {
            output += "%" + hex.toUpperCase(), i += 2;
            continue;
          }
        }
        output += escape(input[i]);
      }
      return output;
    }
    function recomposeAuthority(component) {
      let uriTokens = [];
      if (component.userinfo !== void 0 && (uriTokens.push(encodeUserinfo(component.userinfo)), uriTokens.push("@")), component.host !== void 0) {
        let host = component.host;
        if (!isIPv4(host)) {
          let ipV6res = normalizeIPv6(host);
          ipV6res.isIPV6 !== !0 && ipV6res.isIPVFuture !== !0 && (host = normalizePercentEncoding(host, !0), ipV6res = normalizeIPv6(host)), ipV6res.isIPV6 === !0 || ipV6res.isIPVFuture === !0 ? host = `[${ipV6res.escapedHost}]` : host = reescapeHostDelimiters(host, !1);
        }
        uriTokens.push(host);
      }
      if (typeof component.port == "number" || typeof component.port == "string") {
        let port = String(component.port);
        if (!isPort(port))
          throw new TypeError("URI port is malformed.");
        uriTokens.push(":"), uriTokens.push(port);
      }
      return uriTokens.length ? uriTokens.join("") : void 0;
    }
    module.exports = {
      nonSimpleDomain,
      recomposeAuthority,
      reescapeHostDelimiters,
      normalizePercentEncoding,
      normalizePathEncoding,
      serializePathEncoding,
      normalizeQueryFragmentEncoding,
      encodeUserinfo,
      encodeQuery,
      encodeFragment,
      escapePreservingEscapes,
      removeDotSegments,
      removeDotSegmentsRelative,
      isIPv4,
      isUUID,
      normalizeIPv6,
      stringArrayToHexStripped
    };
  }
});

// node_modules/fast-uri/lib/schemes.js
var require_schemes = __commonJS({
  "node_modules/fast-uri/lib/schemes.js"(exports, module) {
    "use strict";
    var { isUUID } = require_utils(), URN_REG = /^([\da-z][\d\-a-z]{0,31}):((?:[\w!$'()*+,\-./:;=@]|%[\da-f]{2})+)$/iu, supportedSchemeNames = (
      /** @type {const} */
      [
        "http",
        "https",
        "ws",
        "wss",
        "urn",
        "urn:uuid"
      ]
    );
    function isValidSchemeName(name2) {
      return supportedSchemeNames.indexOf(
        /** @type {*} */
        name2
      ) !== -1;
    }
    function wsIsSecure(wsComponent) {
      return wsComponent.secure === !0 ? !0 : wsComponent.secure === !1 ? !1 : wsComponent.scheme ? wsComponent.scheme.length === 3 && (wsComponent.scheme[0] === "w" || wsComponent.scheme[0] === "W") && (wsComponent.scheme[1] === "s" || wsComponent.scheme[1] === "S") && (wsComponent.scheme[2] === "s" || wsComponent.scheme[2] === "S") : !1;
    }
    function httpParse(component) {
      return component.host || (component.error = component.error || "HTTP URIs must have a host."), component;
    }
    function httpSerialize(component) {
      let secure = String(component.scheme).toLowerCase() === "https";
      return (component.port === (secure ? 443 : 80) || component.port === "") && (component.port = void 0), component.path || (component.path = "/"), component;
    }
    function wsParse(wsComponent) {
      return wsComponent.secure = wsIsSecure(wsComponent), wsComponent.resourceName = (wsComponent.path || "/") + (wsComponent.query ? "?" + wsComponent.query : ""), wsComponent.path = void 0, wsComponent.query = void 0, wsComponent;
    }
    function wsSerialize(wsComponent) {
      if ((wsComponent.port === (wsIsSecure(wsComponent) ? 443 : 80) || wsComponent.port === "") && (wsComponent.port = void 0), typeof wsComponent.secure == "boolean" && (wsComponent.scheme = wsComponent.secure ? "wss" : "ws", wsComponent.secure = void 0), wsComponent.resourceName) {
        let queryIndex = wsComponent.resourceName.indexOf("?"), path = queryIndex === -1 ? wsComponent.resourceName : wsComponent.resourceName.slice(0, queryIndex);
        wsComponent.path = path && path !== "/" ? path : void 0, wsComponent.query = queryIndex === -1 ? void 0 : wsComponent.resourceName.slice(queryIndex + 1), wsComponent.resourceName = void 0;
      }
      return wsComponent.fragment = void 0, wsComponent;
    }
    function urnParse(urnComponent, options) {
      if (!urnComponent.path)
        return urnComponent.error = "URN can not be parsed", urnComponent;
      let matches3 = urnComponent.path.match(URN_REG);
      if (matches3 && matches3[0] === urnComponent.path) {
        let scheme = options.scheme || urnComponent.scheme || "urn";
        urnComponent.nid = matches3[1].toLowerCase(), urnComponent.nss = matches3[2];
        let urnScheme = `${scheme}:${options.nid || urnComponent.nid}`, schemeHandler = getSchemeHandler(urnScheme);
        urnComponent.path = void 0, schemeHandler && (urnComponent = schemeHandler.parse(urnComponent, options));
      } else
        urnComponent.error = urnComponent.error || "URN can not be parsed.";
      return urnComponent;
    }
    function urnSerialize(urnComponent, options) {
      if (urnComponent.nid === void 0)
        throw new Error("URN without nid cannot be serialized");
      let scheme = options.scheme || urnComponent.scheme || "urn", nid = urnComponent.nid.toLowerCase(), urnScheme = `${scheme}:${options.nid || nid}`, schemeHandler = getSchemeHandler(urnScheme);
      schemeHandler && (urnComponent = schemeHandler.serialize(urnComponent, options));
      let uriComponent = urnComponent, nss = urnComponent.nss;
      return uriComponent.path = `${nid || options.nid}:${nss}`, options.skipEscape = !0, uriComponent;
    }
    function urnuuidParse(urnComponent, options) {
      let uuidComponent = urnComponent;
      return uuidComponent.uuid = uuidComponent.nss, uuidComponent.nss = void 0, !options.tolerant && (!uuidComponent.uuid || !isUUID(uuidComponent.uuid)) && (uuidComponent.error = uuidComponent.error || "UUID is not valid."), uuidComponent;
    }
    function urnuuidSerialize(uuidComponent) {
      let urnComponent = uuidComponent;
      return urnComponent.nss = (uuidComponent.uuid || "").toLowerCase(), urnComponent;
    }
    var http = (
      /** @type {SchemeHandler} */
      {
        scheme: "http",
        domainHost: !0,
        parse: httpParse,
        serialize: httpSerialize
      }
    ), https = (
      /** @type {SchemeHandler} */
      {
        scheme: "https",
        domainHost: http.domainHost,
        parse: httpParse,
        serialize: httpSerialize
      }
    ), ws = (
      /** @type {SchemeHandler} */
      {
        scheme: "ws",
        domainHost: !0,
        parse: wsParse,
        serialize: wsSerialize
      }
    ), wss = (
      /** @type {SchemeHandler} */
      {
        scheme: "wss",
        domainHost: ws.domainHost,
        parse: ws.parse,
        serialize: ws.serialize
      }
    ), urn = (
      /** @type {SchemeHandler} */
      {
        scheme: "urn",
        parse: urnParse,
        serialize: urnSerialize,
        skipNormalize: !0
      }
    ), urnuuid = (
      /** @type {SchemeHandler} */
      {
        scheme: "urn:uuid",
        parse: urnuuidParse,
        serialize: urnuuidSerialize,
        skipNormalize: !0
      }
    ), SCHEMES = (
      /** @type {Record<SchemeName, SchemeHandler>} */
      {
        http,
        https,
        ws,
        wss,
        urn,
        "urn:uuid": urnuuid
      }
    );
    Object.setPrototypeOf(SCHEMES, null);
    function getSchemeHandler(scheme) {
      return scheme && (SCHEMES[
        /** @type {SchemeName} */
        scheme
      ] || SCHEMES[
        /** @type {SchemeName} */
        scheme.toLowerCase()
      ]) || void 0;
    }
    module.exports = {
      wsIsSecure,
      SCHEMES,
      isValidSchemeName,
      getSchemeHandler
    };
  }
});

// node_modules/fast-uri/index.js
var require_fast_uri = __commonJS({
  "node_modules/fast-uri/index.js"(exports, module) {
    "use strict";
    var { normalizeIPv6, removeDotSegments, removeDotSegmentsRelative, recomposeAuthority, normalizePercentEncoding, normalizePathEncoding, serializePathEncoding, normalizeQueryFragmentEncoding, encodeQuery, encodeFragment, reescapeHostDelimiters, isIPv4, nonSimpleDomain } = require_utils(), { SCHEMES, getSchemeHandler } = require_schemes(), VALID_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/u, MALFORMED_SCHEME_ERROR = "URI scheme is malformed.", MALFORMED_HOST_ERROR = "URI host is malformed.", FORBIDDEN_DOMAIN_HOST_CHARACTER = /[\0-\x20"#/:<>?@[\\\]^`{|}\x7F]/u;
    function validateScheme(scheme) {
      let stringScheme = String(scheme);
      if (!VALID_SCHEME.test(stringScheme))
        throw new TypeError(MALFORMED_SCHEME_ERROR);
      return stringScheme;
    }
    function normalize(uri, options) {
      return typeof uri == "string" ? uri = /** @type {T} */
      normalizeString(uri, options) : typeof uri == "object" && (uri = /** @type {T} */
      parse(serialize(uri, options), options)), uri;
    }
    function resolve(baseURI, relativeURI, options) {
      let schemelessOptions = options ? Object.assign({ scheme: "null" }, options) : { scheme: "null" }, {
        parsed: baseParsed,
        malformedAuthorityOrPort: baseMalformed,
        malformedPercentEncoding: baseMalformedPercentEncoding,
        malformedSchemeSpecific: baseMalformedSchemeSpecific,
        malformedHost: baseMalformedHost,
        malformedScheme: baseMalformedScheme
      } = parseWithStatus(baseURI, schemelessOptions), {
        parsed: relativeParsed,
        malformedAuthorityOrPort: relativeMalformed,
        malformedPercentEncoding: relativeMalformedPercentEncoding,
        malformedSchemeSpecific: relativeMalformedSchemeSpecific,
        malformedHost: relativeMalformedHost,
        malformedScheme: relativeMalformedScheme
      } = parseWithStatus(relativeURI, schemelessOptions);
      if (baseMalformed || relativeMalformed || baseMalformedPercentEncoding || relativeMalformedPercentEncoding || baseMalformedSchemeSpecific || relativeMalformedSchemeSpecific || baseMalformedHost || relativeMalformedHost || baseMalformedScheme || relativeMalformedScheme)
        throw new Error(baseParsed.error || relativeParsed.error || "URI is malformed.");
      let resolved = resolveComponent(baseParsed, relativeParsed, schemelessOptions, !0), resolvedSchemeHandler = getSchemeHandler(options && options.scheme || resolved.scheme), resolvedHost = resolved.host, resolvedHostIsIP = resolvedHost !== void 0 && resolvedHost !== "" && (isIPv4(resolvedHost) || normalizeIPv6(resolvedHost).isIPV6);
      if (hasForbiddenDomainHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP))
        throw new Error(MALFORMED_HOST_ERROR);
      canonicalizeHost(resolved, options || {}, resolvedSchemeHandler, resolvedHostIsIP);
      let encodedASCIIHost = resolvedHost && resolvedHost.indexOf("%") !== -1 && !new RegExp("\\P{ASCII}", "u").test(resolvedHost);
      if (resolved.error && !encodedASCIIHost)
        throw new Error(resolved.error);
      return schemelessOptions.skipEscape = !0, serialize(resolved, schemelessOptions);
    }
    function resolveComponent(base, relative, options, skipNormalization) {
      let target = {};
      if (skipNormalization || (base = parse(serialize(base, options), options), relative = parse(serialize(relative, options), options)), options = options || {}, !options.tolerant && relative.scheme)
        target.scheme = relative.scheme, target.userinfo = relative.userinfo, target.host = relative.host, target.port = relative.port, target.path = removeDotSegments(relative.path || ""), target.query = relative.query;
      else {
        if (relative.userinfo !== void 0 || relative.host !== void 0 || relative.port !== void 0)
          target.userinfo = relative.userinfo, target.host = relative.host, target.port = relative.port, target.path = removeDotSegments(relative.path || ""), target.query = relative.query;
        else {
          if (!relative.path)
            target.path = base.path, relative.query !== void 0 ? target.query = relative.query : target.query = base.query;
          else {
            if (relative.path[0] === "/")
              target.path = removeDotSegments(relative.path);
            else {
              let baseHasAuthority = base.userinfo !== void 0 || base.host !== void 0 || base.port !== void 0;
              baseHasAuthority && !base.path ? target.path = "/" + relative.path : base.path ? target.path = base.path.slice(0, base.path.lastIndexOf("/") + 1) + relative.path : target.path = relative.path, target.path = base.scheme === void 0 && !baseHasAuthority && target.path[0] !== "/" ? removeDotSegmentsRelative(target.path) : removeDotSegments(target.path);
            }
            target.query = relative.query;
          }
          target.userinfo = base.userinfo, target.host = base.host, target.port = base.port;
        }
        target.scheme = base.scheme;
      }
      return target.fragment = relative.fragment, target;
    }
    function equal(uriA, uriB, options) {
      let normalizedA = normalizeComparableURI(uriA, options), normalizedB = normalizeComparableURI(uriB, options);
      return normalizedA !== void 0 && normalizedB !== void 0 && normalizedA === normalizedB;
    }
    function serialize(cmpts, opts) {
      let component = {
        host: cmpts.host,
        scheme: cmpts.scheme,
        userinfo: cmpts.userinfo,
        port: cmpts.port,
        path: cmpts.path,
        query: cmpts.query,
        nid: cmpts.nid,
        nss: cmpts.nss,
        uuid: cmpts.uuid,
        fragment: cmpts.fragment,
        reference: cmpts.reference,
        resourceName: cmpts.resourceName,
        secure: cmpts.secure,
        error: ""
      }, options = Object.assign({}, opts), uriTokens = [];
      component.scheme && (component.scheme = validateScheme(component.scheme));
      let schemeHandler = getSchemeHandler(options.scheme || component.scheme);
      schemeHandler && schemeHandler.serialize && schemeHandler.serialize(component, options);
      let hasAuthority = component.userinfo !== void 0 || component.host !== void 0 || component.port !== void 0, schemelessReference = (component.scheme === void 0 || options.reference === "suffix") && !hasAuthority, pathNoScheme = !options.skipEscape && schemelessReference;
      component.path !== void 0 && (options.skipEscape ? component.path = normalizePercentEncoding(component.path) : component.path = serializePathEncoding(component.path, pathNoScheme)), options.reference !== "suffix" && component.scheme && (component.scheme = validateScheme(component.scheme), uriTokens.push(component.scheme, ":"));
      let authority2 = recomposeAuthority(component);
      if (authority2 !== void 0 && (options.reference !== "suffix" && uriTokens.push("//"), uriTokens.push(authority2), component.path && component.path[0] !== "/" && uriTokens.push("/")), component.path !== void 0) {
        let s = component.path;
        !options.absolutePath && (!schemeHandler || !schemeHandler.absolutePath) && (s = schemelessReference && s[0] !== "/" ? removeDotSegmentsRelative(s) : removeDotSegments(s)), schemelessReference && (s = serializePathEncoding(s, !0)), authority2 === void 0 && s[0] === "/" && s[1] === "/" && (s = "/%2F" + s.slice(2)), uriTokens.push(s);
      }
      return component.query !== void 0 && uriTokens.push("?", encodeQuery(component.query)), component.fragment !== void 0 && uriTokens.push("#", encodeFragment(component.fragment)), uriTokens.join("");
    }
    var URI_PARSE = /^(?:([^#/:?]+):)?(?:\/\/((?:([^#/?@]*)@)?(\[[^#/?\]]+\]|[^#/:?]*)(?::(\d*))?))?([^#?]*)(?:\?([^#]*))?(?:#((?:.|[\n\r])*))?/u, AUTHORITY_PREFIX = /^(?:[^#/:?]+:)?\/\/([^/?#]*)/, AUTHORITY_INTRODUCER_REGION = /^(?:[^#/:?]+:)?([/\\\t\n\r]*)/;
    function getParseError(parsed, matches3) {
      if (matches3[2] !== void 0 && parsed.path && parsed.path[0] !== "/")
        return 'URI path must start with "/" when authority is present.';
      if (typeof parsed.port == "number" && (parsed.port < 0 || parsed.port > 65535))
        return "URI port is malformed.";
    }
    function hasMalformedPercentEncoding(component) {
      if (component === void 0) return !1;
      let percent = component.indexOf("%");
      for (; percent !== -1; ) {
        if (percent + 2 >= component.length || !/^[\da-f]{2}$/iu.test(component.slice(percent + 1, percent + 3)))
          return !0;
        percent = component.indexOf("%", percent + 3);
      }
      return !1;
    }
    function isIPLiteral(host) {
      return host[0] === "[" && host[host.length - 1] === "]";
    }
    function hasMalformedComponentPercentEncoding(matches3) {
      let host = matches3[4];
      return hasMalformedPercentEncoding(matches3[3]) || host !== void 0 && !isIPLiteral(host) && hasMalformedPercentEncoding(host) || hasMalformedPercentEncoding(matches3[6]) || hasMalformedPercentEncoding(matches3[7]) || hasMalformedPercentEncoding(matches3[8]);
    }
    function canonicalizeHost(parsed, options, schemeHandler, isIP) {
      if (hasForbiddenDomainHost(parsed, options, schemeHandler, isIP))
        return parsed.error = parsed.error || MALFORMED_HOST_ERROR, !0;
      if (!options.unicodeSupport && (!schemeHandler || !schemeHandler.unicodeSupport) && parsed.host && !isIPLiteral(parsed.host) && (options.domainHost || schemeHandler && schemeHandler.domainHost) && isIP === !1 && nonSimpleDomain(parsed.host)) {
        let url;
        try {
          url = new URL("http://" + parsed.host);
        } catch (e) {
          return parsed.error = parsed.error || "Host's domain name can not be converted to ASCII: " + e, !0;
        }
        if (!isHostOnlyURL(url))
          return parsed.error = parsed.error || MALFORMED_HOST_ERROR, !0;
        parsed.host = url.hostname;
      }
      return !1;
    }
    function hasForbiddenDomainHost(parsed, options, schemeHandler, isIP) {
      return !!(parsed.host && isIP === !1 && !isIPLiteral(parsed.host) && (options.domainHost || schemeHandler && schemeHandler.domainHost) && FORBIDDEN_DOMAIN_HOST_CHARACTER.test(parsed.host));
    }
    function isHostOnlyURL(url) {
      return url.username === "" && url.password === "" && url.port === "" && url.pathname === "/" && url.search === "" && url.hash === "" && url.hostname !== "";
    }
    function parseWithStatus(uri, opts) {
      let options = Object.assign({}, opts), parsed = {
        scheme: void 0,
        userinfo: void 0,
        host: "",
        port: void 0,
        path: "",
        query: void 0,
        fragment: void 0
      }, malformedAuthorityOrPort = !1, malformedPercentEncoding = !1, malformedSchemeSpecific = !1, malformedHost = !1, malformedIPLiteral = !1, malformedScheme = !1, isIP = !1;
      options.reference === "suffix" && (options.scheme ? uri = options.scheme + ":" + uri : uri = "//" + uri);
      let authorityMatch = uri.match(AUTHORITY_PREFIX);
      authorityMatch !== null && authorityMatch[1].indexOf("\\") !== -1 && (parsed.error = "URI authority must not contain a literal backslash.", malformedAuthorityOrPort = !0);
      let introducerMatch = uri.match(AUTHORITY_INTRODUCER_REGION);
      if (introducerMatch !== null) {
        let region = introducerMatch[1], normalizedRegion = region.replace(/[\t\n\r]/g, "");
        normalizedRegion.length >= 2 && (normalizedRegion.slice(0, 2) !== "//" ? (parsed.error = parsed.error || "URI authority must not contain a literal backslash.", malformedAuthorityOrPort = !0) : region.length !== normalizedRegion.length && (parsed.error = parsed.error || "URI authority introducer must not contain whitespace.", malformedAuthorityOrPort = !0));
      }
      let matches3 = uri.match(URI_PARSE);
      if (matches3) {
        parsed.scheme = matches3[1], parsed.userinfo = matches3[3], parsed.host = matches3[4], parsed.port = parseInt(matches3[5], 10), parsed.path = matches3[6] || "", parsed.query = matches3[7], parsed.fragment = matches3[8], parsed.scheme !== void 0 && (VALID_SCHEME.test(parsed.scheme) ? parsed.scheme = parsed.scheme.toLowerCase() : (parsed.error = parsed.error || MALFORMED_SCHEME_ERROR, malformedScheme = !0)), malformedPercentEncoding = hasMalformedComponentPercentEncoding(matches3), malformedPercentEncoding && (parsed.error = parsed.error || "URI contains malformed percent-encoding."), isNaN(parsed.port) && (parsed.port = matches3[5]);
        let parseError = getParseError(parsed, matches3);
        if (parseError !== void 0 && (parsed.error = parsed.error || parseError, malformedAuthorityOrPort = !0), parsed.host)
          if (isIPv4(parsed.host) === !1) {
            let bracketedIPLiteral = isIPLiteral(parsed.host), hasIPLiteralBracket = parsed.host.indexOf("[") !== -1 || parsed.host.indexOf("]") !== -1, ipv6result = normalizeIPv6(parsed.host);
            isIP = ipv6result.isIPV6 || ipv6result.isIPVFuture === !0, malformedIPLiteral = hasIPLiteralBracket && (!bracketedIPLiteral || ipv6result.error === !0), parsed.host = isIP ? ipv6result.host : ipv6result.host.toLowerCase(), malformedIPLiteral && (parsed.error = parsed.error || MALFORMED_HOST_ERROR, malformedAuthorityOrPort = !0);
          } else
            isIP = !0;
        parsed.scheme === void 0 && parsed.userinfo === void 0 && parsed.host === void 0 && parsed.port === void 0 && parsed.query === void 0 && !parsed.path ? parsed.reference = "same-document" : parsed.scheme === void 0 ? parsed.reference = "relative" : parsed.fragment === void 0 ? parsed.reference = "absolute" : parsed.reference = "uri", options.reference && options.reference !== "suffix" && options.reference !== parsed.reference && (parsed.error = parsed.error || "URI is not a " + options.reference + " reference.");
        let schemeHandler = getSchemeHandler(options.scheme || parsed.scheme);
        if (malformedIPLiteral || (malformedHost = canonicalizeHost(parsed, options, schemeHandler, isIP)), uri.indexOf("%") !== -1 && parsed.host !== void 0 && !malformedIPLiteral) {
          let host = isIP ? parsed.host : normalizePercentEncoding(parsed.host, !0);
          isIP || (host = normalizePercentEncoding(host.toLowerCase())), parsed.host = isIP || options.scheme !== "null" ? reescapeHostDelimiters(host, isIP) : host;
        }
        (!schemeHandler || schemeHandler && !schemeHandler.skipNormalize) && (parsed.path && (parsed.path = normalizePathEncoding(parsed.path)), parsed.query && (parsed.query = normalizeQueryFragmentEncoding(parsed.query)), parsed.fragment && (parsed.fragment = normalizeQueryFragmentEncoding(parsed.fragment))), schemeHandler && schemeHandler.parse && (schemeHandler.parse(parsed, options), schemeHandler === SCHEMES.urn && parsed.nid === void 0 && (malformedSchemeSpecific = !0));
      } else
        parsed.error = parsed.error || "URI can not be parsed.";
      return { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme };
    }
    function parse(uri, opts) {
      return parseWithStatus(uri, opts).parsed;
    }
    function normalizeString(uri, opts) {
      return normalizeStringWithStatus(uri, opts).normalized;
    }
    function normalizeStringWithStatus(uri, opts) {
      let { parsed, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = parseWithStatus(uri, opts);
      return {
        normalized: malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? uri : serialize(parsed, opts),
        malformedAuthorityOrPort,
        malformedPercentEncoding,
        malformedSchemeSpecific,
        malformedHost,
        malformedScheme
      };
    }
    function normalizeComparableURI(uri, opts) {
      if (typeof uri != "string" && typeof uri != "object")
        return;
      let value;
      try {
        value = typeof uri == "string" ? uri : serialize(uri, opts);
      } catch {
        return;
      }
      let { normalized, malformedAuthorityOrPort, malformedPercentEncoding, malformedSchemeSpecific, malformedHost, malformedScheme } = normalizeStringWithStatus(value, opts);
      return malformedAuthorityOrPort || malformedPercentEncoding || malformedSchemeSpecific || malformedHost || malformedScheme ? void 0 : normalized;
    }
    var fastUri = {
      SCHEMES,
      normalize,
      resolve,
      resolveComponent,
      equal,
      serialize,
      parse
    };
    module.exports = fastUri;
    module.exports.default = fastUri;
    module.exports.fastUri = fastUri;
  }
});

// node_modules/ajv/dist/runtime/uri.js
var require_uri = __commonJS({
  "node_modules/ajv/dist/runtime/uri.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var uri = require_fast_uri();
    uri.code = 'require("ajv/dist/runtime/uri").default';
    exports.default = uri;
  }
});

// node_modules/ajv/dist/core.js
var require_core = __commonJS({
  "node_modules/ajv/dist/core.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = void 0;
    var validate_1 = require_validate();
    Object.defineProperty(exports, "KeywordCxt", { enumerable: !0, get: function() {
      return validate_1.KeywordCxt;
    } });
    var codegen_1 = require_codegen();
    Object.defineProperty(exports, "_", { enumerable: !0, get: function() {
      return codegen_1._;
    } });
    Object.defineProperty(exports, "str", { enumerable: !0, get: function() {
      return codegen_1.str;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: !0, get: function() {
      return codegen_1.stringify;
    } });
    Object.defineProperty(exports, "nil", { enumerable: !0, get: function() {
      return codegen_1.nil;
    } });
    Object.defineProperty(exports, "Name", { enumerable: !0, get: function() {
      return codegen_1.Name;
    } });
    Object.defineProperty(exports, "CodeGen", { enumerable: !0, get: function() {
      return codegen_1.CodeGen;
    } });
    var validation_error_1 = require_validation_error(), ref_error_1 = require_ref_error(), rules_1 = require_rules(), compile_1 = require_compile(), codegen_2 = require_codegen(), resolve_1 = require_resolve(), dataType_1 = require_dataType(), util_1 = require_util(), $dataRefSchema = require_data(), uri_1 = require_uri(), defaultRegExp = (str2, flags) => new RegExp(str2, flags);
    defaultRegExp.code = "new RegExp";
    var META_IGNORE_OPTIONS = ["removeAdditional", "useDefaults", "coerceTypes"], EXT_SCOPE_NAMES = /* @__PURE__ */ new Set([
      "validate",
      "serialize",
      "parse",
      "wrapper",
      "root",
      "schema",
      "keyword",
      "pattern",
      "formats",
      "validate$data",
      "func",
      "obj",
      "Error"
    ]), removedOptions = {
      errorDataPath: "",
      format: "`validateFormats: false` can be used instead.",
      nullable: '"nullable" keyword is supported by default.',
      jsonPointers: "Deprecated jsPropertySyntax can be used instead.",
      extendRefs: "Deprecated ignoreKeywordsWithRef can be used instead.",
      missingRefs: "Pass empty schema with $id that should be ignored to ajv.addSchema.",
      processCode: "Use option `code: {process: (code, schemaEnv: object) => string}`",
      sourceCode: "Use option `code: {source: true}`",
      strictDefaults: "It is default now, see option `strict`.",
      strictKeywords: "It is default now, see option `strict`.",
      uniqueItems: '"uniqueItems" keyword is always validated.',
      unknownFormats: "Disable strict mode or pass `true` to `ajv.addFormat` (or `formats` option).",
      cache: "Map is used as cache, schema object as key.",
      serialize: "Map is used as cache, schema object as key.",
      ajvErrors: "It is default now."
    }, deprecatedOptions = {
      ignoreKeywordsWithRef: "",
      jsPropertySyntax: "",
      unicode: '"minLength"/"maxLength" account for unicode characters by default.'
    }, MAX_EXPRESSION = 200;
    function requiredOptions(o) {
      var _a, _b, _c, _d, _e, _f, _g, _h, _j, _k, _l, _m, _o, _p, _q, _r, _s, _t, _u, _v, _w, _x, _y, _z, _0;
      let s = o.strict, _optz = (_a = o.code) === null || _a === void 0 ? void 0 : _a.optimize, optimize = _optz === !0 || _optz === void 0 ? 1 : _optz || 0, regExp = (_c = (_b = o.code) === null || _b === void 0 ? void 0 : _b.regExp) !== null && _c !== void 0 ? _c : defaultRegExp, uriResolver = (_d = o.uriResolver) !== null && _d !== void 0 ? _d : uri_1.default;
      return {
        strictSchema: (_f = (_e = o.strictSchema) !== null && _e !== void 0 ? _e : s) !== null && _f !== void 0 ? _f : !0,
        strictNumbers: (_h = (_g = o.strictNumbers) !== null && _g !== void 0 ? _g : s) !== null && _h !== void 0 ? _h : !0,
        strictTypes: (_k = (_j = o.strictTypes) !== null && _j !== void 0 ? _j : s) !== null && _k !== void 0 ? _k : "log",
        strictTuples: (_m = (_l = o.strictTuples) !== null && _l !== void 0 ? _l : s) !== null && _m !== void 0 ? _m : "log",
        strictRequired: (_p = (_o = o.strictRequired) !== null && _o !== void 0 ? _o : s) !== null && _p !== void 0 ? _p : !1,
        code: o.code ? { ...o.code, optimize, regExp } : { optimize, regExp },
        loopRequired: (_q = o.loopRequired) !== null && _q !== void 0 ? _q : MAX_EXPRESSION,
        loopEnum: (_r = o.loopEnum) !== null && _r !== void 0 ? _r : MAX_EXPRESSION,
        meta: (_s = o.meta) !== null && _s !== void 0 ? _s : !0,
        messages: (_t = o.messages) !== null && _t !== void 0 ? _t : !0,
        inlineRefs: (_u = o.inlineRefs) !== null && _u !== void 0 ? _u : !0,
        schemaId: (_v = o.schemaId) !== null && _v !== void 0 ? _v : "$id",
        addUsedSchema: (_w = o.addUsedSchema) !== null && _w !== void 0 ? _w : !0,
        validateSchema: (_x = o.validateSchema) !== null && _x !== void 0 ? _x : !0,
        validateFormats: (_y = o.validateFormats) !== null && _y !== void 0 ? _y : !0,
        unicodeRegExp: (_z = o.unicodeRegExp) !== null && _z !== void 0 ? _z : !0,
        int32range: (_0 = o.int32range) !== null && _0 !== void 0 ? _0 : !0,
        uriResolver
      };
    }
    var Ajv2 = class {
      constructor(opts = {}) {
        this.schemas = {}, this.refs = {}, this.formats = /* @__PURE__ */ Object.create(null), this._compilations = /* @__PURE__ */ new Set(), this._loading = {}, this._cache = /* @__PURE__ */ new Map(), opts = this.opts = { ...opts, ...requiredOptions(opts) };
        let { es5, lines } = this.opts.code;
        this.scope = new codegen_2.ValueScope({ scope: {}, prefixes: EXT_SCOPE_NAMES, es5, lines }), this.logger = getLogger(opts.logger);
        let formatOpt = opts.validateFormats;
        opts.validateFormats = !1, this.RULES = (0, rules_1.getRules)(), checkOptions.call(this, removedOptions, opts, "NOT SUPPORTED"), checkOptions.call(this, deprecatedOptions, opts, "DEPRECATED", "warn"), this._metaOpts = getMetaSchemaOptions.call(this), opts.formats && addInitialFormats.call(this), this._addVocabularies(), this._addDefaultMetaSchema(), opts.keywords && addInitialKeywords.call(this, opts.keywords), typeof opts.meta == "object" && this.addMetaSchema(opts.meta), addInitialSchemas.call(this), opts.validateFormats = formatOpt;
      }
      _addVocabularies() {
        this.addKeyword("$async");
      }
      _addDefaultMetaSchema() {
        let { $data, meta: meta2, schemaId } = this.opts, _dataRefSchema = $dataRefSchema;
        schemaId === "id" && (_dataRefSchema = { ...$dataRefSchema }, _dataRefSchema.id = _dataRefSchema.$id, delete _dataRefSchema.$id), meta2 && $data && this.addMetaSchema(_dataRefSchema, _dataRefSchema[schemaId], !1);
      }
      defaultMeta() {
        let { meta: meta2, schemaId } = this.opts;
        return this.opts.defaultMeta = typeof meta2 == "object" ? meta2[schemaId] || meta2 : void 0;
      }
      validate(schemaKeyRef, data) {
        let v;
        if (typeof schemaKeyRef == "string") {
          if (v = this.getSchema(schemaKeyRef), !v)
            throw new Error(`no schema with key or ref "${schemaKeyRef}"`);
        } else
          v = this.compile(schemaKeyRef);
        let valid = v(data);
        return "$async" in v || (this.errors = v.errors), valid;
      }
      compile(schema, _meta) {
        let sch = this._addSchema(schema, _meta);
        return sch.validate || this._compileSchemaEnv(sch);
      }
      compileAsync(schema, meta2) {
        if (typeof this.opts.loadSchema != "function")
          throw new Error("options.loadSchema should be a function");
        let { loadSchema } = this.opts;
        return runCompileAsync.call(this, schema, meta2);
        async function runCompileAsync(_schema, _meta) {
          await loadMetaSchema.call(this, _schema.$schema);
          let sch = this._addSchema(_schema, _meta);
          return sch.validate || _compileAsync.call(this, sch);
        }
        async function loadMetaSchema($ref) {
          $ref && !this.getSchema($ref) && await runCompileAsync.call(this, { $ref }, !0);
        }
        async function _compileAsync(sch) {
          try {
            return this._compileSchemaEnv(sch);
          } catch (e) {
            if (!(e instanceof ref_error_1.default))
              throw e;
            return checkLoaded.call(this, e), await loadMissingSchema.call(this, e.missingSchema), _compileAsync.call(this, sch);
          }
        }
        function checkLoaded({ missingSchema: ref, missingRef }) {
          if (this.refs[ref])
            throw new Error(`AnySchema ${ref} is loaded but ${missingRef} cannot be resolved`);
        }
        async function loadMissingSchema(ref) {
          let _schema = await _loadSchema.call(this, ref);
          this.refs[ref] || await loadMetaSchema.call(this, _schema.$schema), this.refs[ref] || this.addSchema(_schema, ref, meta2);
        }
        async function _loadSchema(ref) {
          let p = this._loading[ref];
          if (p)
            return p;
          try {
            return await (this._loading[ref] = loadSchema(ref));
          } finally {
            delete this._loading[ref];
          }
        }
      }
      // Adds schema to the instance
      addSchema(schema, key, _meta, _validateSchema = this.opts.validateSchema) {
        if (Array.isArray(schema)) {
          for (let sch of schema)
            this.addSchema(sch, void 0, _meta, _validateSchema);
          return this;
        }
        let id;
        if (typeof schema == "object") {
          let { schemaId } = this.opts;
          if (id = schema[schemaId], id !== void 0 && typeof id != "string")
            throw new Error(`schema ${schemaId} must be string`);
        }
        return key = (0, resolve_1.normalizeId)(key || id), this._checkUnique(key), this.schemas[key] = this._addSchema(schema, _meta, key, _validateSchema, !0), this;
      }
      // Add schema that will be used to validate other schemas
      // options in META_IGNORE_OPTIONS are alway set to false
      addMetaSchema(schema, key, _validateSchema = this.opts.validateSchema) {
        return this.addSchema(schema, key, !0, _validateSchema), this;
      }
      //  Validate schema against its meta-schema
      validateSchema(schema, throwOrLogError) {
        if (typeof schema == "boolean")
          return !0;
        let $schema;
        if ($schema = schema.$schema, $schema !== void 0 && typeof $schema != "string")
          throw new Error("$schema must be a string");
        if ($schema = $schema || this.opts.defaultMeta || this.defaultMeta(), !$schema)
          return this.logger.warn("meta-schema not available"), this.errors = null, !0;
        let valid = this.validate($schema, schema);
        if (!valid && throwOrLogError) {
          let message = "schema is invalid: " + this.errorsText();
          if (this.opts.validateSchema === "log")
            this.logger.error(message);
          else
            throw new Error(message);
        }
        return valid;
      }
      // Get compiled schema by `key` or `ref`.
      // (`key` that was passed to `addSchema` or full schema reference - `schema.$id` or resolved id)
      getSchema(keyRef) {
        let sch;
        for (; typeof (sch = getSchEnv.call(this, keyRef)) == "string"; )
          keyRef = sch;
        if (sch === void 0) {
          let { schemaId } = this.opts, root = new compile_1.SchemaEnv({ schema: {}, schemaId });
          if (sch = compile_1.resolveSchema.call(this, root, keyRef), !sch)
            return;
          this.refs[keyRef] = sch;
        }
        return sch.validate || this._compileSchemaEnv(sch);
      }
      // Remove cached schema(s).
      // If no parameter is passed all schemas but meta-schemas are removed.
      // If RegExp is passed all schemas with key/id matching pattern but meta-schemas are removed.
      // Even if schema is referenced by other schemas it still can be removed as other schemas have local references.
      removeSchema(schemaKeyRef) {
        if (schemaKeyRef instanceof RegExp)
          return this._removeAllSchemas(this.schemas, schemaKeyRef), this._removeAllSchemas(this.refs, schemaKeyRef), this;
        switch (typeof schemaKeyRef) {
          case "undefined":
            return this._removeAllSchemas(this.schemas), this._removeAllSchemas(this.refs), this._cache.clear(), this;
          case "string": {
            let sch = getSchEnv.call(this, schemaKeyRef);
            return typeof sch == "object" && this._cache.delete(sch.schema), delete this.schemas[schemaKeyRef], delete this.refs[schemaKeyRef], this;
          }
          case "object": {
            let cacheKey = schemaKeyRef;
            this._cache.delete(cacheKey);
            let id = schemaKeyRef[this.opts.schemaId];
            return id && (id = (0, resolve_1.normalizeId)(id), delete this.schemas[id], delete this.refs[id]), this;
          }
          default:
            throw new Error("ajv.removeSchema: invalid parameter");
        }
      }
      // add "vocabulary" - a collection of keywords
      addVocabulary(definitions) {
        for (let def of definitions)
          this.addKeyword(def);
        return this;
      }
      addKeyword(kwdOrDef, def) {
        let keyword;
        if (typeof kwdOrDef == "string")
          keyword = kwdOrDef, typeof def == "object" && (this.logger.warn("these parameters are deprecated, see docs for addKeyword"), def.keyword = keyword);
        else if (typeof kwdOrDef == "object" && def === void 0) {
          if (def = kwdOrDef, keyword = def.keyword, Array.isArray(keyword) && !keyword.length)
            throw new Error("addKeywords: keyword must be string or non-empty array");
        } else
          throw new Error("invalid addKeywords parameters");
        if (checkKeyword.call(this, keyword, def), !def)
          return (0, util_1.eachItem)(keyword, (kwd) => addRule.call(this, kwd)), this;
        keywordMetaschema.call(this, def);
        let definition = {
          ...def,
          type: (0, dataType_1.getJSONTypes)(def.type),
          schemaType: (0, dataType_1.getJSONTypes)(def.schemaType)
        };
        return (0, util_1.eachItem)(keyword, definition.type.length === 0 ? (k) => addRule.call(this, k, definition) : (k) => definition.type.forEach((t) => addRule.call(this, k, definition, t))), this;
      }
      getKeyword(keyword) {
        let rule = this.RULES.all[keyword];
        return typeof rule == "object" ? rule.definition : !!rule;
      }
      // Remove keyword
      removeKeyword(keyword) {
        let { RULES } = this;
        delete RULES.keywords[keyword], delete RULES.all[keyword];
        for (let group of RULES.rules) {
          let i = group.rules.findIndex((rule) => rule.keyword === keyword);
          i >= 0 && group.rules.splice(i, 1);
        }
        return this;
      }
      // Add format
      addFormat(name2, format) {
        return typeof format == "string" && (format = new RegExp(format)), this.formats[name2] = format, this;
      }
      errorsText(errors = this.errors, { separator = ", ", dataVar = "data" } = {}) {
        return !errors || errors.length === 0 ? "No errors" : errors.map((e) => `${dataVar}${e.instancePath} ${e.message}`).reduce((text2, msg) => text2 + separator + msg);
      }
      $dataMetaSchema(metaSchema, keywordsJsonPointers) {
        let rules = this.RULES.all;
        metaSchema = JSON.parse(JSON.stringify(metaSchema));
        for (let jsonPointer of keywordsJsonPointers) {
          let segments = jsonPointer.split("/").slice(1), keywords = metaSchema;
          for (let seg of segments)
            keywords = keywords[seg];
          for (let key in rules) {
            let rule = rules[key];
            if (typeof rule != "object")
              continue;
            let { $data } = rule.definition, schema = keywords[key];
            $data && schema && (keywords[key] = schemaOrData(schema));
          }
        }
        return metaSchema;
      }
      _removeAllSchemas(schemas, regex) {
        for (let keyRef in schemas) {
          let sch = schemas[keyRef];
          (!regex || regex.test(keyRef)) && (typeof sch == "string" ? delete schemas[keyRef] : sch && !sch.meta && (this._cache.delete(sch.schema), delete schemas[keyRef]));
        }
      }
      _addSchema(schema, meta2, baseId, validateSchema = this.opts.validateSchema, addSchema = this.opts.addUsedSchema) {
        let id, { schemaId } = this.opts;
        if (typeof schema == "object")
          id = schema[schemaId];
        else {
          if (this.opts.jtd)
            throw new Error("schema must be object");
          if (typeof schema != "boolean")
            throw new Error("schema must be object or boolean");
        }
        let sch = this._cache.get(schema);
        if (sch !== void 0)
          return sch;
        baseId = (0, resolve_1.normalizeId)(id || baseId);
        let localRefs = resolve_1.getSchemaRefs.call(this, schema, baseId);
        return sch = new compile_1.SchemaEnv({ schema, schemaId, meta: meta2, baseId, localRefs }), this._cache.set(sch.schema, sch), addSchema && !baseId.startsWith("#") && (baseId && this._checkUnique(baseId), this.refs[baseId] = sch), validateSchema && this.validateSchema(schema, !0), sch;
      }
      _checkUnique(id) {
        if (this.schemas[id] || this.refs[id])
          throw new Error(`schema with key or id "${id}" already exists`);
      }
      _compileSchemaEnv(sch) {
        if (sch.meta ? this._compileMetaSchema(sch) : compile_1.compileSchema.call(this, sch), !sch.validate)
          throw new Error("ajv implementation error");
        return sch.validate;
      }
      _compileMetaSchema(sch) {
        let currentOpts = this.opts;
        this.opts = this._metaOpts;
        try {
          compile_1.compileSchema.call(this, sch);
        } finally {
          this.opts = currentOpts;
        }
      }
    };
    Ajv2.ValidationError = validation_error_1.default;
    Ajv2.MissingRefError = ref_error_1.default;
    exports.default = Ajv2;
    function checkOptions(checkOpts, options, msg, log = "error") {
      for (let key in checkOpts) {
        let opt = key;
        opt in options && this.logger[log](`${msg}: option ${key}. ${checkOpts[opt]}`);
      }
    }
    function getSchEnv(keyRef) {
      return keyRef = (0, resolve_1.normalizeId)(keyRef), this.schemas[keyRef] || this.refs[keyRef];
    }
    function addInitialSchemas() {
      let optsSchemas = this.opts.schemas;
      if (optsSchemas)
        if (Array.isArray(optsSchemas))
          this.addSchema(optsSchemas);
        else
          for (let key in optsSchemas)
            this.addSchema(optsSchemas[key], key);
    }
    function addInitialFormats() {
      for (let name2 in this.opts.formats) {
        let format = this.opts.formats[name2];
        format && this.addFormat(name2, format);
      }
    }
    function addInitialKeywords(defs) {
      if (Array.isArray(defs)) {
        this.addVocabulary(defs);
        return;
      }
      this.logger.warn("keywords option as map is deprecated, pass array");
      for (let keyword in defs) {
        let def = defs[keyword];
        def.keyword || (def.keyword = keyword), this.addKeyword(def);
      }
    }
    function getMetaSchemaOptions() {
      let metaOpts = { ...this.opts };
      for (let opt of META_IGNORE_OPTIONS)
        delete metaOpts[opt];
      return metaOpts;
    }
    var noLogs = { log() {
    }, warn() {
    }, error() {
    } };
    function getLogger(logger) {
      if (logger === !1)
        return noLogs;
      if (logger === void 0)
        return console;
      if (logger.log && logger.warn && logger.error)
        return logger;
      throw new Error("logger must implement log, warn and error methods");
    }
    var KEYWORD_NAME = /^[a-z_$][a-z0-9_$:-]*$/i;
    function checkKeyword(keyword, def) {
      let { RULES } = this;
      if ((0, util_1.eachItem)(keyword, (kwd) => {
        if (RULES.keywords[kwd])
          throw new Error(`Keyword ${kwd} is already defined`);
        if (!KEYWORD_NAME.test(kwd))
          throw new Error(`Keyword ${kwd} has invalid name`);
      }), !!def && def.$data && !("code" in def || "validate" in def))
        throw new Error('$data keyword must have "code" or "validate" function');
    }
    function addRule(keyword, definition, dataType) {
      var _a;
      let post = definition?.post;
      if (dataType && post)
        throw new Error('keyword with "post" flag cannot have "type"');
      let { RULES } = this, ruleGroup = post ? RULES.post : RULES.rules.find(({ type: t }) => t === dataType);
      if (ruleGroup || (ruleGroup = { type: dataType, rules: [] }, RULES.rules.push(ruleGroup)), RULES.keywords[keyword] = !0, !definition)
        return;
      let rule = {
        keyword,
        definition: {
          ...definition,
          type: (0, dataType_1.getJSONTypes)(definition.type),
          schemaType: (0, dataType_1.getJSONTypes)(definition.schemaType)
        }
      };
      definition.before ? addBeforeRule.call(this, ruleGroup, rule, definition.before) : ruleGroup.rules.push(rule), RULES.all[keyword] = rule, (_a = definition.implements) === null || _a === void 0 || _a.forEach((kwd) => this.addKeyword(kwd));
    }
    function addBeforeRule(ruleGroup, rule, before) {
      let i = ruleGroup.rules.findIndex((_rule) => _rule.keyword === before);
      i >= 0 ? ruleGroup.rules.splice(i, 0, rule) : (ruleGroup.rules.push(rule), this.logger.warn(`rule ${before} is not defined`));
    }
    function keywordMetaschema(def) {
      let { metaSchema } = def;
      metaSchema !== void 0 && (def.$data && this.opts.$data && (metaSchema = schemaOrData(metaSchema)), def.validateSchema = this.compile(metaSchema, !0));
    }
    var $dataRef = {
      $ref: "https://raw.githubusercontent.com/ajv-validator/ajv/master/lib/refs/data.json#"
    };
    function schemaOrData(schema) {
      return { anyOf: [schema, $dataRef] };
    }
  }
});

// node_modules/ajv/dist/vocabularies/core/id.js
var require_id = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/id.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var def = {
      keyword: "id",
      code() {
        throw new Error('NOT SUPPORTED: keyword "id", use "$id" for schema ID');
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/core/ref.js
var require_ref = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/ref.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.callRef = exports.getValidate = void 0;
    var ref_error_1 = require_ref_error(), code_1 = require_code2(), codegen_1 = require_codegen(), names_1 = require_names(), compile_1 = require_compile(), util_1 = require_util(), def = {
      keyword: "$ref",
      schemaType: "string",
      code(cxt) {
        let { gen, schema: $ref, it } = cxt, { baseId, schemaEnv: env, validateName, opts, self } = it, { root } = env;
        if (($ref === "#" || $ref === "#/") && baseId === root.baseId)
          return callRootRef();
        let schOrEnv = compile_1.resolveRef.call(self, root, baseId, $ref);
        if (schOrEnv === void 0)
          throw new ref_error_1.default(it.opts.uriResolver, baseId, $ref);
        if (schOrEnv instanceof compile_1.SchemaEnv)
          return callValidate(schOrEnv);
        return inlineRefSchema(schOrEnv);
        function callRootRef() {
          if (env === root)
            return callRef(cxt, validateName, env, env.$async);
          let rootName = gen.scopeValue("root", { ref: root });
          return callRef(cxt, (0, codegen_1._)`${rootName}.validate`, root, root.$async);
        }
        function callValidate(sch) {
          let v = getValidate(cxt, sch);
          callRef(cxt, v, sch, sch.$async);
        }
        function inlineRefSchema(sch) {
          let schName = gen.scopeValue("schema", opts.code.source === !0 ? { ref: sch, code: (0, codegen_1.stringify)(sch) } : { ref: sch }), valid = gen.name("valid"), schCxt = cxt.subschema({
            schema: sch,
            dataTypes: [],
            schemaPath: codegen_1.nil,
            topSchemaRef: schName,
            errSchemaPath: $ref
          }, valid);
          cxt.mergeEvaluated(schCxt), cxt.ok(valid);
        }
      }
    };
    function getValidate(cxt, sch) {
      let { gen } = cxt;
      return sch.validate ? gen.scopeValue("validate", { ref: sch.validate }) : (0, codegen_1._)`${gen.scopeValue("wrapper", { ref: sch })}.validate`;
    }
    exports.getValidate = getValidate;
    function callRef(cxt, v, sch, $async) {
      let { gen, it } = cxt, { allErrors, schemaEnv: env, opts } = it, passCxt = opts.passContext ? names_1.default.this : codegen_1.nil;
      $async ? callAsyncRef() : callSyncRef();
      function callAsyncRef() {
        if (!env.$async)
          throw new Error("async schema referenced by sync schema");
        let valid = gen.let("valid");
        gen.try(() => {
          gen.code((0, codegen_1._)`await ${(0, code_1.callValidateCode)(cxt, v, passCxt)}`), addEvaluatedFrom(v), allErrors || gen.assign(valid, !0);
        }, (e) => {
          gen.if((0, codegen_1._)`!(${e} instanceof ${it.ValidationError})`, () => gen.throw(e)), addErrorsFrom(e), allErrors || gen.assign(valid, !1);
        }), cxt.ok(valid);
      }
      function callSyncRef() {
        cxt.result((0, code_1.callValidateCode)(cxt, v, passCxt), () => addEvaluatedFrom(v), () => addErrorsFrom(v));
      }
      function addErrorsFrom(source) {
        let errs = (0, codegen_1._)`${source}.errors`;
        gen.assign(names_1.default.vErrors, (0, codegen_1._)`${names_1.default.vErrors} === null ? ${errs} : ${names_1.default.vErrors}.concat(${errs})`), gen.assign(names_1.default.errors, (0, codegen_1._)`${names_1.default.vErrors}.length`);
      }
      function addEvaluatedFrom(source) {
        var _a;
        if (!it.opts.unevaluated)
          return;
        let schEvaluated = (_a = sch?.validate) === null || _a === void 0 ? void 0 : _a.evaluated;
        if (it.props !== !0)
          if (schEvaluated && !schEvaluated.dynamicProps)
            schEvaluated.props !== void 0 && (it.props = util_1.mergeEvaluated.props(gen, schEvaluated.props, it.props));
          else {
            let props = gen.var("props", (0, codegen_1._)`${source}.evaluated.props`);
            it.props = util_1.mergeEvaluated.props(gen, props, it.props, codegen_1.Name);
          }
        if (it.items !== !0)
          if (schEvaluated && !schEvaluated.dynamicItems)
            schEvaluated.items !== void 0 && (it.items = util_1.mergeEvaluated.items(gen, schEvaluated.items, it.items));
          else {
            let items = gen.var("items", (0, codegen_1._)`${source}.evaluated.items`);
            it.items = util_1.mergeEvaluated.items(gen, items, it.items, codegen_1.Name);
          }
      }
    }
    exports.callRef = callRef;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/core/index.js
var require_core2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/core/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var id_1 = require_id(), ref_1 = require_ref(), core = [
      "$schema",
      "$id",
      "$defs",
      "$vocabulary",
      { keyword: "$comment" },
      "definitions",
      id_1.default,
      ref_1.default
    ];
    exports.default = core;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitNumber.js
var require_limitNumber = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitNumber.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), ops = codegen_1.operators, KWDs = {
      maximum: { okStr: "<=", ok: ops.LTE, fail: ops.GT },
      minimum: { okStr: ">=", ok: ops.GTE, fail: ops.LT },
      exclusiveMaximum: { okStr: "<", ok: ops.LT, fail: ops.GTE },
      exclusiveMinimum: { okStr: ">", ok: ops.GT, fail: ops.LTE }
    }, error = {
      message: ({ keyword, schemaCode }) => (0, codegen_1.str)`must be ${KWDs[keyword].okStr} ${schemaCode}`,
      params: ({ keyword, schemaCode }) => (0, codegen_1._)`{comparison: ${KWDs[keyword].okStr}, limit: ${schemaCode}}`
    }, def = {
      keyword: Object.keys(KWDs),
      type: "number",
      schemaType: "number",
      $data: !0,
      error,
      code(cxt) {
        let { keyword, data, schemaCode } = cxt;
        cxt.fail$data((0, codegen_1._)`${data} ${KWDs[keyword].fail} ${schemaCode} || isNaN(${data})`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/multipleOf.js
var require_multipleOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/multipleOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), error = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must be multiple of ${schemaCode}`,
      params: ({ schemaCode }) => (0, codegen_1._)`{multipleOf: ${schemaCode}}`
    }, def = {
      keyword: "multipleOf",
      type: "number",
      schemaType: "number",
      $data: !0,
      error,
      code(cxt) {
        let { gen, data, schemaCode, it } = cxt, prec = it.opts.multipleOfPrecision, res = gen.let("res"), invalid2 = prec ? (0, codegen_1._)`Math.abs(Math.round(${res}) - ${res}) > 1e-${prec}` : (0, codegen_1._)`${res} !== parseInt(${res})`;
        cxt.fail$data((0, codegen_1._)`(${schemaCode} === 0 || (${res} = ${data}/${schemaCode}, ${invalid2}))`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/runtime/ucs2length.js
var require_ucs2length = __commonJS({
  "node_modules/ajv/dist/runtime/ucs2length.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    function ucs2length(str2) {
      let len = str2.length, length = 0, pos = 0, value;
      for (; pos < len; )
        length++, value = str2.charCodeAt(pos++), value >= 55296 && value <= 56319 && pos < len && (value = str2.charCodeAt(pos), (value & 64512) === 56320 && pos++);
      return length;
    }
    exports.default = ucs2length;
    ucs2length.code = 'require("ajv/dist/runtime/ucs2length").default';
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitLength.js
var require_limitLength = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitLength.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), util_1 = require_util(), ucs2length_1 = require_ucs2length(), error = {
      message({ keyword, schemaCode }) {
        let comp = keyword === "maxLength" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} characters`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    }, def = {
      keyword: ["maxLength", "minLength"],
      type: "string",
      schemaType: "number",
      $data: !0,
      error,
      code(cxt) {
        let { keyword, data, schemaCode, it } = cxt, op = keyword === "maxLength" ? codegen_1.operators.GT : codegen_1.operators.LT, len = it.opts.unicode === !1 ? (0, codegen_1._)`${data}.length` : (0, codegen_1._)`${(0, util_1.useFunc)(cxt.gen, ucs2length_1.default)}(${data})`;
        cxt.fail$data((0, codegen_1._)`${len} ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/pattern.js
var require_pattern = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/pattern.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var code_1 = require_code2(), util_1 = require_util(), codegen_1 = require_codegen(), error = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must match pattern "${schemaCode}"`,
      params: ({ schemaCode }) => (0, codegen_1._)`{pattern: ${schemaCode}}`
    }, def = {
      keyword: "pattern",
      type: "string",
      schemaType: "string",
      $data: !0,
      error,
      code(cxt) {
        let { gen, data, $data, schema, schemaCode, it } = cxt, u = it.opts.unicodeRegExp ? "u" : "";
        if ($data) {
          let { regExp } = it.opts.code, regExpCode = regExp.code === "new RegExp" ? (0, codegen_1._)`new RegExp` : (0, util_1.useFunc)(gen, regExp), valid = gen.let("valid");
          gen.try(() => gen.assign(valid, (0, codegen_1._)`${regExpCode}(${schemaCode}, ${u}).test(${data})`), () => gen.assign(valid, !1)), cxt.fail$data((0, codegen_1._)`!${valid}`);
        } else {
          let regExp = (0, code_1.usePattern)(cxt, schema);
          cxt.fail$data((0, codegen_1._)`!${regExp}.test(${data})`);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitProperties.js
var require_limitProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), error = {
      message({ keyword, schemaCode }) {
        let comp = keyword === "maxProperties" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} properties`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    }, def = {
      keyword: ["maxProperties", "minProperties"],
      type: "object",
      schemaType: "number",
      $data: !0,
      error,
      code(cxt) {
        let { keyword, data, schemaCode } = cxt, op = keyword === "maxProperties" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._)`Object.keys(${data}).length ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/required.js
var require_required = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/required.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var code_1 = require_code2(), codegen_1 = require_codegen(), util_1 = require_util(), error = {
      message: ({ params: { missingProperty } }) => (0, codegen_1.str)`must have required property '${missingProperty}'`,
      params: ({ params: { missingProperty } }) => (0, codegen_1._)`{missingProperty: ${missingProperty}}`
    }, def = {
      keyword: "required",
      type: "object",
      schemaType: "array",
      $data: !0,
      error,
      code(cxt) {
        let { gen, schema, schemaCode, data, $data, it } = cxt, { opts } = it;
        if (!$data && schema.length === 0)
          return;
        let useLoop = schema.length >= opts.loopRequired;
        if (it.allErrors ? allErrorsMode() : exitOnErrorMode(), opts.strictRequired) {
          let props = cxt.parentSchema.properties, { definedProperties } = cxt.it;
          for (let requiredKey of schema)
            if (props?.[requiredKey] === void 0 && !definedProperties.has(requiredKey)) {
              let schemaPath = it.schemaEnv.baseId + it.errSchemaPath, msg = `required property "${requiredKey}" is not defined at "${schemaPath}" (strictRequired)`;
              (0, util_1.checkStrictMode)(it, msg, it.opts.strictRequired);
            }
        }
        function allErrorsMode() {
          if (useLoop || $data)
            cxt.block$data(codegen_1.nil, loopAllRequired);
          else
            for (let prop of schema)
              (0, code_1.checkReportMissingProp)(cxt, prop);
        }
        function exitOnErrorMode() {
          let missing = gen.let("missing");
          if (useLoop || $data) {
            let valid = gen.let("valid", !0);
            cxt.block$data(valid, () => loopUntilMissing(missing, valid)), cxt.ok(valid);
          } else
            gen.if((0, code_1.checkMissingProp)(cxt, schema, missing)), (0, code_1.reportMissingProp)(cxt, missing), gen.else();
        }
        function loopAllRequired() {
          gen.forOf("prop", schemaCode, (prop) => {
            cxt.setParams({ missingProperty: prop }), gen.if((0, code_1.noPropertyInData)(gen, data, prop, opts.ownProperties), () => cxt.error());
          });
        }
        function loopUntilMissing(missing, valid) {
          cxt.setParams({ missingProperty: missing }), gen.forOf(missing, schemaCode, () => {
            gen.assign(valid, (0, code_1.propertyInData)(gen, data, missing, opts.ownProperties)), gen.if((0, codegen_1.not)(valid), () => {
              cxt.error(), gen.break();
            });
          }, codegen_1.nil);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/limitItems.js
var require_limitItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/limitItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), error = {
      message({ keyword, schemaCode }) {
        let comp = keyword === "maxItems" ? "more" : "fewer";
        return (0, codegen_1.str)`must NOT have ${comp} than ${schemaCode} items`;
      },
      params: ({ schemaCode }) => (0, codegen_1._)`{limit: ${schemaCode}}`
    }, def = {
      keyword: ["maxItems", "minItems"],
      type: "array",
      schemaType: "number",
      $data: !0,
      error,
      code(cxt) {
        let { keyword, data, schemaCode } = cxt, op = keyword === "maxItems" ? codegen_1.operators.GT : codegen_1.operators.LT;
        cxt.fail$data((0, codegen_1._)`${data}.length ${op} ${schemaCode}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/runtime/equal.js
var require_equal = __commonJS({
  "node_modules/ajv/dist/runtime/equal.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var equal = require_fast_deep_equal();
    equal.code = 'require("ajv/dist/runtime/equal").default';
    exports.default = equal;
  }
});

// node_modules/ajv/dist/vocabularies/validation/uniqueItems.js
var require_uniqueItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/uniqueItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var dataType_1 = require_dataType(), codegen_1 = require_codegen(), util_1 = require_util(), equal_1 = require_equal(), error = {
      message: ({ params: { i, j } }) => (0, codegen_1.str)`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      params: ({ params: { i, j } }) => (0, codegen_1._)`{i: ${i}, j: ${j}}`
    }, def = {
      keyword: "uniqueItems",
      type: "array",
      schemaType: "boolean",
      $data: !0,
      error,
      code(cxt) {
        let { gen, data, $data, schema, parentSchema, schemaCode, it } = cxt;
        if (!$data && !schema)
          return;
        let valid = gen.let("valid"), itemTypes = parentSchema.items ? (0, dataType_1.getSchemaTypes)(parentSchema.items) : [];
        cxt.block$data(valid, validateUniqueItems, (0, codegen_1._)`${schemaCode} === false`), cxt.ok(valid);
        function validateUniqueItems() {
          let i = gen.let("i", (0, codegen_1._)`${data}.length`), j = gen.let("j");
          cxt.setParams({ i, j }), gen.assign(valid, !0), gen.if((0, codegen_1._)`${i} > 1`, () => (canOptimize() ? loopN : loopN2)(i, j));
        }
        function canOptimize() {
          return itemTypes.length > 0 && !itemTypes.some((t) => t === "object" || t === "array");
        }
        function loopN(i, j) {
          let item = gen.name("item"), wrongType = (0, dataType_1.checkDataTypes)(itemTypes, item, it.opts.strictNumbers, dataType_1.DataType.Wrong), indices = gen.const("indices", (0, codegen_1._)`{}`);
          gen.for((0, codegen_1._)`;${i}--;`, () => {
            gen.let(item, (0, codegen_1._)`${data}[${i}]`), gen.if(wrongType, (0, codegen_1._)`continue`), itemTypes.length > 1 && gen.if((0, codegen_1._)`typeof ${item} == "string"`, (0, codegen_1._)`${item} += "_"`), gen.if((0, codegen_1._)`typeof ${indices}[${item}] == "number"`, () => {
              gen.assign(j, (0, codegen_1._)`${indices}[${item}]`), cxt.error(), gen.assign(valid, !1).break();
            }).code((0, codegen_1._)`${indices}[${item}] = ${i}`);
          });
        }
        function loopN2(i, j) {
          let eql = (0, util_1.useFunc)(gen, equal_1.default), outer = gen.name("outer");
          gen.label(outer).for((0, codegen_1._)`;${i}--;`, () => gen.for((0, codegen_1._)`${j} = ${i}; ${j}--;`, () => gen.if((0, codegen_1._)`${eql}(${data}[${i}], ${data}[${j}])`, () => {
            cxt.error(), gen.assign(valid, !1).break(outer);
          })));
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/const.js
var require_const = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/const.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), util_1 = require_util(), equal_1 = require_equal(), error = {
      message: "must be equal to constant",
      params: ({ schemaCode }) => (0, codegen_1._)`{allowedValue: ${schemaCode}}`
    }, def = {
      keyword: "const",
      $data: !0,
      error,
      code(cxt) {
        let { gen, data, $data, schemaCode, schema } = cxt;
        $data || schema && typeof schema == "object" ? cxt.fail$data((0, codegen_1._)`!${(0, util_1.useFunc)(gen, equal_1.default)}(${data}, ${schemaCode})`) : cxt.fail((0, codegen_1._)`${schema} !== ${data}`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/enum.js
var require_enum = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/enum.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), util_1 = require_util(), equal_1 = require_equal(), error = {
      message: "must be equal to one of the allowed values",
      params: ({ schemaCode }) => (0, codegen_1._)`{allowedValues: ${schemaCode}}`
    }, def = {
      keyword: "enum",
      schemaType: "array",
      $data: !0,
      error,
      code(cxt) {
        let { gen, data, $data, schema, schemaCode, it } = cxt;
        if (!$data && schema.length === 0)
          throw new Error("enum must have non-empty array");
        let useLoop = schema.length >= it.opts.loopEnum, eql, getEql = () => eql ?? (eql = (0, util_1.useFunc)(gen, equal_1.default)), valid;
        if (useLoop || $data)
          valid = gen.let("valid"), cxt.block$data(valid, loopEnum);
        else {
          if (!Array.isArray(schema))
            throw new Error("ajv implementation error");
          let vSchema = gen.const("vSchema", schemaCode);
          valid = (0, codegen_1.or)(...schema.map((_x, i) => equalCode(vSchema, i)));
        }
        cxt.pass(valid);
        function loopEnum() {
          gen.assign(valid, !1), gen.forOf("v", schemaCode, (v) => gen.if((0, codegen_1._)`${getEql()}(${data}, ${v})`, () => gen.assign(valid, !0).break()));
        }
        function equalCode(vSchema, i) {
          let sch = schema[i];
          return typeof sch == "object" && sch !== null ? (0, codegen_1._)`${getEql()}(${data}, ${vSchema}[${i}])` : (0, codegen_1._)`${data} === ${sch}`;
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/validation/index.js
var require_validation = __commonJS({
  "node_modules/ajv/dist/vocabularies/validation/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var limitNumber_1 = require_limitNumber(), multipleOf_1 = require_multipleOf(), limitLength_1 = require_limitLength(), pattern_1 = require_pattern(), limitProperties_1 = require_limitProperties(), required_1 = require_required(), limitItems_1 = require_limitItems(), uniqueItems_1 = require_uniqueItems(), const_1 = require_const(), enum_1 = require_enum(), validation = [
      // number
      limitNumber_1.default,
      multipleOf_1.default,
      // string
      limitLength_1.default,
      pattern_1.default,
      // object
      limitProperties_1.default,
      required_1.default,
      // array
      limitItems_1.default,
      uniqueItems_1.default,
      // any
      { keyword: "type", schemaType: ["string", "array"] },
      { keyword: "nullable", schemaType: "boolean" },
      const_1.default,
      enum_1.default
    ];
    exports.default = validation;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/additionalItems.js
var require_additionalItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/additionalItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.validateAdditionalItems = void 0;
    var codegen_1 = require_codegen(), util_1 = require_util(), error = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    }, def = {
      keyword: "additionalItems",
      type: "array",
      schemaType: ["boolean", "object"],
      before: "uniqueItems",
      error,
      code(cxt) {
        let { parentSchema, it } = cxt, { items } = parentSchema;
        if (!Array.isArray(items)) {
          (0, util_1.checkStrictMode)(it, '"additionalItems" is ignored when "items" is not an array of schemas');
          return;
        }
        validateAdditionalItems(cxt, items);
      }
    };
    function validateAdditionalItems(cxt, items) {
      let { gen, schema, data, keyword, it } = cxt;
      it.items = !0;
      let len = gen.const("len", (0, codegen_1._)`${data}.length`);
      if (schema === !1)
        cxt.setParams({ len: items.length }), cxt.pass((0, codegen_1._)`${len} <= ${items.length}`);
      else if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
        let valid = gen.var("valid", (0, codegen_1._)`${len} <= ${items.length}`);
        gen.if((0, codegen_1.not)(valid), () => validateItems(valid)), cxt.ok(valid);
      }
      function validateItems(valid) {
        gen.forRange("i", items.length, len, (i) => {
          cxt.subschema({ keyword, dataProp: i, dataPropType: util_1.Type.Num }, valid), it.allErrors || gen.if((0, codegen_1.not)(valid), () => gen.break());
        });
      }
    }
    exports.validateAdditionalItems = validateAdditionalItems;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/items.js
var require_items = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/items.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.validateTuple = void 0;
    var codegen_1 = require_codegen(), util_1 = require_util(), code_1 = require_code2(), def = {
      keyword: "items",
      type: "array",
      schemaType: ["object", "array", "boolean"],
      before: "uniqueItems",
      code(cxt) {
        let { schema, it } = cxt;
        if (Array.isArray(schema))
          return validateTuple(cxt, "additionalItems", schema);
        it.items = !0, !(0, util_1.alwaysValidSchema)(it, schema) && cxt.ok((0, code_1.validateArray)(cxt));
      }
    };
    function validateTuple(cxt, extraItems, schArr = cxt.schema) {
      let { gen, parentSchema, data, keyword, it } = cxt;
      checkStrictTuple(parentSchema), it.opts.unevaluated && schArr.length && it.items !== !0 && (it.items = util_1.mergeEvaluated.items(gen, schArr.length, it.items));
      let valid = gen.name("valid"), len = gen.const("len", (0, codegen_1._)`${data}.length`);
      schArr.forEach((sch, i) => {
        (0, util_1.alwaysValidSchema)(it, sch) || (gen.if((0, codegen_1._)`${len} > ${i}`, () => cxt.subschema({
          keyword,
          schemaProp: i,
          dataProp: i
        }, valid)), cxt.ok(valid));
      });
      function checkStrictTuple(sch) {
        let { opts, errSchemaPath } = it, l = schArr.length, fullTuple = l === sch.minItems && (l === sch.maxItems || sch[extraItems] === !1);
        if (opts.strictTuples && !fullTuple) {
          let msg = `"${keyword}" is ${l}-tuple, but minItems or maxItems/${extraItems} are not specified or different at path "${errSchemaPath}"`;
          (0, util_1.checkStrictMode)(it, msg, opts.strictTuples);
        }
      }
    }
    exports.validateTuple = validateTuple;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/prefixItems.js
var require_prefixItems = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/prefixItems.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var items_1 = require_items(), def = {
      keyword: "prefixItems",
      type: "array",
      schemaType: ["array"],
      before: "uniqueItems",
      code: (cxt) => (0, items_1.validateTuple)(cxt, "items")
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/items2020.js
var require_items2020 = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/items2020.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), util_1 = require_util(), code_1 = require_code2(), additionalItems_1 = require_additionalItems(), error = {
      message: ({ params: { len } }) => (0, codegen_1.str)`must NOT have more than ${len} items`,
      params: ({ params: { len } }) => (0, codegen_1._)`{limit: ${len}}`
    }, def = {
      keyword: "items",
      type: "array",
      schemaType: ["object", "boolean"],
      before: "uniqueItems",
      error,
      code(cxt) {
        let { schema, parentSchema, it } = cxt, { prefixItems } = parentSchema;
        it.items = !0, !(0, util_1.alwaysValidSchema)(it, schema) && (prefixItems ? (0, additionalItems_1.validateAdditionalItems)(cxt, prefixItems) : cxt.ok((0, code_1.validateArray)(cxt)));
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/contains.js
var require_contains = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/contains.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), util_1 = require_util(), error = {
      message: ({ params: { min, max } }) => max === void 0 ? (0, codegen_1.str)`must contain at least ${min} valid item(s)` : (0, codegen_1.str)`must contain at least ${min} and no more than ${max} valid item(s)`,
      params: ({ params: { min, max } }) => max === void 0 ? (0, codegen_1._)`{minContains: ${min}}` : (0, codegen_1._)`{minContains: ${min}, maxContains: ${max}}`
    }, def = {
      keyword: "contains",
      type: "array",
      schemaType: ["object", "boolean"],
      before: "uniqueItems",
      trackErrors: !0,
      error,
      code(cxt) {
        let { gen, schema, parentSchema, data, it } = cxt, min, max, { minContains, maxContains } = parentSchema;
        it.opts.next ? (min = minContains === void 0 ? 1 : minContains, max = maxContains) : min = 1;
        let len = gen.const("len", (0, codegen_1._)`${data}.length`);
        if (cxt.setParams({ min, max }), max === void 0 && min === 0) {
          (0, util_1.checkStrictMode)(it, '"minContains" == 0 without "maxContains": "contains" keyword ignored');
          return;
        }
        if (max !== void 0 && min > max) {
          (0, util_1.checkStrictMode)(it, '"minContains" > "maxContains" is always invalid'), cxt.fail();
          return;
        }
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
          let cond = (0, codegen_1._)`${len} >= ${min}`;
          max !== void 0 && (cond = (0, codegen_1._)`${cond} && ${len} <= ${max}`), cxt.pass(cond);
          return;
        }
        it.items = !0;
        let valid = gen.name("valid");
        max === void 0 && min === 1 ? validateItems(valid, () => gen.if(valid, () => gen.break())) : min === 0 ? (gen.let(valid, !0), max !== void 0 && gen.if((0, codegen_1._)`${data}.length > 0`, validateItemsWithCount)) : (gen.let(valid, !1), validateItemsWithCount()), cxt.result(valid, () => cxt.reset());
        function validateItemsWithCount() {
          let schValid = gen.name("_valid"), count = gen.let("count", 0);
          validateItems(schValid, () => gen.if(schValid, () => checkLimits(count)));
        }
        function validateItems(_valid, block) {
          gen.forRange("i", 0, len, (i) => {
            cxt.subschema({
              keyword: "contains",
              dataProp: i,
              dataPropType: util_1.Type.Num,
              compositeRule: !0
            }, _valid), block();
          });
        }
        function checkLimits(count) {
          gen.code((0, codegen_1._)`${count}++`), max === void 0 ? gen.if((0, codegen_1._)`${count} >= ${min}`, () => gen.assign(valid, !0).break()) : (gen.if((0, codegen_1._)`${count} > ${max}`, () => gen.assign(valid, !1).break()), min === 1 ? gen.assign(valid, !0) : gen.if((0, codegen_1._)`${count} >= ${min}`, () => gen.assign(valid, !0)));
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/dependencies.js
var require_dependencies = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/dependencies.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.validateSchemaDeps = exports.validatePropertyDeps = exports.error = void 0;
    var codegen_1 = require_codegen(), util_1 = require_util(), code_1 = require_code2();
    exports.error = {
      message: ({ params: { property, depsCount, deps } }) => {
        let property_ies = depsCount === 1 ? "property" : "properties";
        return (0, codegen_1.str)`must have ${property_ies} ${deps} when property ${property} is present`;
      },
      params: ({ params: { property, depsCount, deps, missingProperty } }) => (0, codegen_1._)`{property: ${property},
    missingProperty: ${missingProperty},
    depsCount: ${depsCount},
    deps: ${deps}}`
      // TODO change to reference
    };
    var def = {
      keyword: "dependencies",
      type: "object",
      schemaType: "object",
      error: exports.error,
      code(cxt) {
        let [propDeps, schDeps] = splitDependencies(cxt);
        validatePropertyDeps(cxt, propDeps), validateSchemaDeps(cxt, schDeps);
      }
    };
    function splitDependencies({ schema }) {
      let propertyDeps = {}, schemaDeps = {};
      for (let key in schema) {
        if (key === "__proto__")
          continue;
        let deps = Array.isArray(schema[key]) ? propertyDeps : schemaDeps;
        deps[key] = schema[key];
      }
      return [propertyDeps, schemaDeps];
    }
    function validatePropertyDeps(cxt, propertyDeps = cxt.schema) {
      let { gen, data, it } = cxt;
      if (Object.keys(propertyDeps).length === 0)
        return;
      let missing = gen.let("missing");
      for (let prop in propertyDeps) {
        let deps = propertyDeps[prop];
        if (deps.length === 0)
          continue;
        let hasProperty = (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties);
        cxt.setParams({
          property: prop,
          depsCount: deps.length,
          deps: deps.join(", ")
        }), it.allErrors ? gen.if(hasProperty, () => {
          for (let depProp of deps)
            (0, code_1.checkReportMissingProp)(cxt, depProp);
        }) : (gen.if((0, codegen_1._)`${hasProperty} && (${(0, code_1.checkMissingProp)(cxt, deps, missing)})`), (0, code_1.reportMissingProp)(cxt, missing), gen.else());
      }
    }
    exports.validatePropertyDeps = validatePropertyDeps;
    function validateSchemaDeps(cxt, schemaDeps = cxt.schema) {
      let { gen, data, keyword, it } = cxt, valid = gen.name("valid");
      for (let prop in schemaDeps)
        (0, util_1.alwaysValidSchema)(it, schemaDeps[prop]) || (gen.if(
          (0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties),
          () => {
            let schCxt = cxt.subschema({ keyword, schemaProp: prop }, valid);
            cxt.mergeValidEvaluated(schCxt, valid);
          },
          () => gen.var(valid, !0)
          // TODO var
        ), cxt.ok(valid));
    }
    exports.validateSchemaDeps = validateSchemaDeps;
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/propertyNames.js
var require_propertyNames = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/propertyNames.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), util_1 = require_util(), error = {
      message: "property name must be valid",
      params: ({ params }) => (0, codegen_1._)`{propertyName: ${params.propertyName}}`
    }, def = {
      keyword: "propertyNames",
      type: "object",
      schemaType: ["object", "boolean"],
      error,
      code(cxt) {
        let { gen, schema, data, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema))
          return;
        let valid = gen.name("valid");
        gen.forIn("key", data, (key) => {
          cxt.setParams({ propertyName: key }), cxt.subschema({
            keyword: "propertyNames",
            data: key,
            dataTypes: ["string"],
            propertyName: key,
            compositeRule: !0
          }, valid), gen.if((0, codegen_1.not)(valid), () => {
            cxt.error(!0), it.allErrors || gen.break();
          });
        }), cxt.ok(valid);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/additionalProperties.js
var require_additionalProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/additionalProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var code_1 = require_code2(), codegen_1 = require_codegen(), names_1 = require_names(), util_1 = require_util(), error = {
      message: "must NOT have additional properties",
      params: ({ params }) => (0, codegen_1._)`{additionalProperty: ${params.additionalProperty}}`
    }, def = {
      keyword: "additionalProperties",
      type: ["object"],
      schemaType: ["boolean", "object"],
      allowUndefined: !0,
      trackErrors: !0,
      error,
      code(cxt) {
        let { gen, schema, parentSchema, data, errsCount, it } = cxt;
        if (!errsCount)
          throw new Error("ajv implementation error");
        let { allErrors, opts } = it;
        if (it.props = !0, opts.removeAdditional !== "all" && (0, util_1.alwaysValidSchema)(it, schema))
          return;
        let props = (0, code_1.allSchemaProperties)(parentSchema.properties), patProps = (0, code_1.allSchemaProperties)(parentSchema.patternProperties);
        checkAdditionalProperties(), cxt.ok((0, codegen_1._)`${errsCount} === ${names_1.default.errors}`);
        function checkAdditionalProperties() {
          gen.forIn("key", data, (key) => {
            !props.length && !patProps.length ? additionalPropertyCode(key) : gen.if(isAdditional(key), () => additionalPropertyCode(key));
          });
        }
        function isAdditional(key) {
          let definedProp;
          if (props.length > 8) {
            let propsSchema = (0, util_1.schemaRefOrVal)(it, parentSchema.properties, "properties");
            definedProp = (0, code_1.isOwnProperty)(gen, propsSchema, key);
          } else props.length ? definedProp = (0, codegen_1.or)(...props.map((p) => (0, codegen_1._)`${key} === ${p}`)) : definedProp = codegen_1.nil;
          return patProps.length && (definedProp = (0, codegen_1.or)(definedProp, ...patProps.map((p) => (0, codegen_1._)`${(0, code_1.usePattern)(cxt, p)}.test(${key})`))), (0, codegen_1.not)(definedProp);
        }
        function deleteAdditional(key) {
          gen.code((0, codegen_1._)`delete ${data}[${key}]`);
        }
        function additionalPropertyCode(key) {
          if (opts.removeAdditional === "all" || opts.removeAdditional && schema === !1) {
            deleteAdditional(key);
            return;
          }
          if (schema === !1) {
            cxt.setParams({ additionalProperty: key }), cxt.error(), allErrors || gen.break();
            return;
          }
          if (typeof schema == "object" && !(0, util_1.alwaysValidSchema)(it, schema)) {
            let valid = gen.name("valid");
            opts.removeAdditional === "failing" ? (applyAdditionalSchema(key, valid, !1), gen.if((0, codegen_1.not)(valid), () => {
              cxt.reset(), deleteAdditional(key);
            })) : (applyAdditionalSchema(key, valid), allErrors || gen.if((0, codegen_1.not)(valid), () => gen.break()));
          }
        }
        function applyAdditionalSchema(key, valid, errors) {
          let subschema = {
            keyword: "additionalProperties",
            dataProp: key,
            dataPropType: util_1.Type.Str
          };
          errors === !1 && Object.assign(subschema, {
            compositeRule: !0,
            createErrors: !1,
            allErrors: !1
          }), cxt.subschema(subschema, valid);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/properties.js
var require_properties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/properties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var validate_1 = require_validate(), code_1 = require_code2(), util_1 = require_util(), additionalProperties_1 = require_additionalProperties(), def = {
      keyword: "properties",
      type: "object",
      schemaType: "object",
      code(cxt) {
        let { gen, schema, parentSchema, data, it } = cxt;
        it.opts.removeAdditional === "all" && parentSchema.additionalProperties === void 0 && additionalProperties_1.default.code(new validate_1.KeywordCxt(it, additionalProperties_1.default, "additionalProperties"));
        let allProps = (0, code_1.allSchemaProperties)(schema);
        for (let prop of allProps)
          it.definedProperties.add(prop);
        it.opts.unevaluated && allProps.length && it.props !== !0 && (it.props = util_1.mergeEvaluated.props(gen, (0, util_1.toHash)(allProps), it.props));
        let properties = allProps.filter((p) => !(0, util_1.alwaysValidSchema)(it, schema[p]));
        if (properties.length === 0)
          return;
        let valid = gen.name("valid");
        for (let prop of properties)
          hasDefault(prop) ? applyPropertySchema(prop) : (gen.if((0, code_1.propertyInData)(gen, data, prop, it.opts.ownProperties)), applyPropertySchema(prop), it.allErrors || gen.else().var(valid, !0), gen.endIf()), cxt.it.definedProperties.add(prop), cxt.ok(valid);
        function hasDefault(prop) {
          return it.opts.useDefaults && !it.compositeRule && schema[prop].default !== void 0;
        }
        function applyPropertySchema(prop) {
          cxt.subschema({
            keyword: "properties",
            schemaProp: prop,
            dataProp: prop
          }, valid);
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/patternProperties.js
var require_patternProperties = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/patternProperties.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var code_1 = require_code2(), codegen_1 = require_codegen(), util_1 = require_util(), util_2 = require_util(), def = {
      keyword: "patternProperties",
      type: "object",
      schemaType: "object",
      code(cxt) {
        let { gen, schema, data, parentSchema, it } = cxt, { opts } = it, patterns = (0, code_1.allSchemaProperties)(schema), alwaysValidPatterns = patterns.filter((p) => (0, util_1.alwaysValidSchema)(it, schema[p]));
        if (patterns.length === 0 || alwaysValidPatterns.length === patterns.length && (!it.opts.unevaluated || it.props === !0))
          return;
        let checkProperties = opts.strictSchema && !opts.allowMatchingProperties && parentSchema.properties, valid = gen.name("valid");
        it.props !== !0 && !(it.props instanceof codegen_1.Name) && (it.props = (0, util_2.evaluatedPropsToName)(gen, it.props));
        let { props } = it;
        validatePatternProperties();
        function validatePatternProperties() {
          for (let pat of patterns)
            checkProperties && checkMatchingProperties(pat), it.allErrors ? validateProperties(pat) : (gen.var(valid, !0), validateProperties(pat), gen.if(valid));
        }
        function checkMatchingProperties(pat) {
          for (let prop in checkProperties)
            new RegExp(pat).test(prop) && (0, util_1.checkStrictMode)(it, `property ${prop} matches pattern ${pat} (use allowMatchingProperties)`);
        }
        function validateProperties(pat) {
          gen.forIn("key", data, (key) => {
            gen.if((0, codegen_1._)`${(0, code_1.usePattern)(cxt, pat)}.test(${key})`, () => {
              let alwaysValid = alwaysValidPatterns.includes(pat);
              alwaysValid || cxt.subschema({
                keyword: "patternProperties",
                schemaProp: pat,
                dataProp: key,
                dataPropType: util_2.Type.Str
              }, valid), it.opts.unevaluated && props !== !0 ? gen.assign((0, codegen_1._)`${props}[${key}]`, !0) : !alwaysValid && !it.allErrors && gen.if((0, codegen_1.not)(valid), () => gen.break());
            });
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/not.js
var require_not = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/not.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var util_1 = require_util(), def = {
      keyword: "not",
      schemaType: ["object", "boolean"],
      trackErrors: !0,
      code(cxt) {
        let { gen, schema, it } = cxt;
        if ((0, util_1.alwaysValidSchema)(it, schema)) {
          cxt.fail();
          return;
        }
        let valid = gen.name("valid");
        cxt.subschema({
          keyword: "not",
          compositeRule: !0,
          createErrors: !1,
          allErrors: !1
        }, valid), cxt.failResult(valid, () => cxt.reset(), () => cxt.error());
      },
      error: { message: "must NOT be valid" }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/anyOf.js
var require_anyOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/anyOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var code_1 = require_code2(), def = {
      keyword: "anyOf",
      schemaType: "array",
      trackErrors: !0,
      code: code_1.validateUnion,
      error: { message: "must match a schema in anyOf" }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/oneOf.js
var require_oneOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/oneOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), util_1 = require_util(), error = {
      message: "must match exactly one schema in oneOf",
      params: ({ params }) => (0, codegen_1._)`{passingSchemas: ${params.passing}}`
    }, def = {
      keyword: "oneOf",
      schemaType: "array",
      trackErrors: !0,
      error,
      code(cxt) {
        let { gen, schema, parentSchema, it } = cxt;
        if (!Array.isArray(schema))
          throw new Error("ajv implementation error");
        if (it.opts.discriminator && parentSchema.discriminator)
          return;
        let schArr = schema, valid = gen.let("valid", !1), passing = gen.let("passing", null), schValid = gen.name("_valid");
        cxt.setParams({ passing }), gen.block(validateOneOf), cxt.result(valid, () => cxt.reset(), () => cxt.error(!0));
        function validateOneOf() {
          schArr.forEach((sch, i) => {
            let schCxt;
            (0, util_1.alwaysValidSchema)(it, sch) ? gen.var(schValid, !0) : schCxt = cxt.subschema({
              keyword: "oneOf",
              schemaProp: i,
              compositeRule: !0
            }, schValid), i > 0 && gen.if((0, codegen_1._)`${schValid} && ${valid}`).assign(valid, !1).assign(passing, (0, codegen_1._)`[${passing}, ${i}]`).else(), gen.if(schValid, () => {
              gen.assign(valid, !0), gen.assign(passing, i), schCxt && cxt.mergeEvaluated(schCxt, codegen_1.Name);
            });
          });
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/allOf.js
var require_allOf = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/allOf.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var util_1 = require_util(), def = {
      keyword: "allOf",
      schemaType: "array",
      code(cxt) {
        let { gen, schema, it } = cxt;
        if (!Array.isArray(schema))
          throw new Error("ajv implementation error");
        let valid = gen.name("valid");
        schema.forEach((sch, i) => {
          if ((0, util_1.alwaysValidSchema)(it, sch))
            return;
          let schCxt = cxt.subschema({ keyword: "allOf", schemaProp: i }, valid);
          cxt.ok(valid), cxt.mergeEvaluated(schCxt);
        });
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/if.js
var require_if = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/if.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), util_1 = require_util(), error = {
      message: ({ params }) => (0, codegen_1.str)`must match "${params.ifClause}" schema`,
      params: ({ params }) => (0, codegen_1._)`{failingKeyword: ${params.ifClause}}`
    }, def = {
      keyword: "if",
      schemaType: ["object", "boolean"],
      trackErrors: !0,
      error,
      code(cxt) {
        let { gen, parentSchema, it } = cxt;
        parentSchema.then === void 0 && parentSchema.else === void 0 && (0, util_1.checkStrictMode)(it, '"if" without "then" and "else" is ignored');
        let hasThen = hasSchema(it, "then"), hasElse = hasSchema(it, "else");
        if (!hasThen && !hasElse)
          return;
        let valid = gen.let("valid", !0), schValid = gen.name("_valid");
        if (validateIf(), cxt.reset(), hasThen && hasElse) {
          let ifClause = gen.let("ifClause");
          cxt.setParams({ ifClause }), gen.if(schValid, validateClause("then", ifClause), validateClause("else", ifClause));
        } else hasThen ? gen.if(schValid, validateClause("then")) : gen.if((0, codegen_1.not)(schValid), validateClause("else"));
        cxt.pass(valid, () => cxt.error(!0));
        function validateIf() {
          let schCxt = cxt.subschema({
            keyword: "if",
            compositeRule: !0,
            createErrors: !1,
            allErrors: !1
          }, schValid);
          cxt.mergeEvaluated(schCxt);
        }
        function validateClause(keyword, ifClause) {
          return () => {
            let schCxt = cxt.subschema({ keyword }, schValid);
            gen.assign(valid, schValid), cxt.mergeValidEvaluated(schCxt, valid), ifClause ? gen.assign(ifClause, (0, codegen_1._)`${keyword}`) : cxt.setParams({ ifClause: keyword });
          };
        }
      }
    };
    function hasSchema(it, keyword) {
      let schema = it.schema[keyword];
      return schema !== void 0 && !(0, util_1.alwaysValidSchema)(it, schema);
    }
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/thenElse.js
var require_thenElse = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/thenElse.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var util_1 = require_util(), def = {
      keyword: ["then", "else"],
      schemaType: ["object", "boolean"],
      code({ keyword, parentSchema, it }) {
        parentSchema.if === void 0 && (0, util_1.checkStrictMode)(it, `"${keyword}" without "if" is ignored`);
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/applicator/index.js
var require_applicator = __commonJS({
  "node_modules/ajv/dist/vocabularies/applicator/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var additionalItems_1 = require_additionalItems(), prefixItems_1 = require_prefixItems(), items_1 = require_items(), items2020_1 = require_items2020(), contains_1 = require_contains(), dependencies_1 = require_dependencies(), propertyNames_1 = require_propertyNames(), additionalProperties_1 = require_additionalProperties(), properties_1 = require_properties(), patternProperties_1 = require_patternProperties(), not_1 = require_not(), anyOf_1 = require_anyOf(), oneOf_1 = require_oneOf(), allOf_1 = require_allOf(), if_1 = require_if(), thenElse_1 = require_thenElse();
    function getApplicator(draft2020 = !1) {
      let applicator = [
        // any
        not_1.default,
        anyOf_1.default,
        oneOf_1.default,
        allOf_1.default,
        if_1.default,
        thenElse_1.default,
        // object
        propertyNames_1.default,
        additionalProperties_1.default,
        dependencies_1.default,
        properties_1.default,
        patternProperties_1.default
      ];
      return draft2020 ? applicator.push(prefixItems_1.default, items2020_1.default) : applicator.push(additionalItems_1.default, items_1.default), applicator.push(contains_1.default), applicator;
    }
    exports.default = getApplicator;
  }
});

// node_modules/ajv/dist/vocabularies/format/format.js
var require_format = __commonJS({
  "node_modules/ajv/dist/vocabularies/format/format.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), error = {
      message: ({ schemaCode }) => (0, codegen_1.str)`must match format "${schemaCode}"`,
      params: ({ schemaCode }) => (0, codegen_1._)`{format: ${schemaCode}}`
    }, def = {
      keyword: "format",
      type: ["number", "string"],
      schemaType: "string",
      $data: !0,
      error,
      code(cxt, ruleType) {
        let { gen, data, $data, schema, schemaCode, it } = cxt, { opts, errSchemaPath, schemaEnv, self } = it;
        if (!opts.validateFormats)
          return;
        $data ? validate$DataFormat() : validateFormat();
        function validate$DataFormat() {
          let fmts = gen.scopeValue("formats", {
            ref: self.formats,
            code: opts.code.formats
          }), fDef = gen.const("fDef", (0, codegen_1._)`${fmts}[${schemaCode}]`), fType = gen.let("fType"), format = gen.let("format");
          gen.if((0, codegen_1._)`typeof ${fDef} == "object" && !(${fDef} instanceof RegExp)`, () => gen.assign(fType, (0, codegen_1._)`${fDef}.type || "string"`).assign(format, (0, codegen_1._)`${fDef}.validate`), () => gen.assign(fType, (0, codegen_1._)`"string"`).assign(format, fDef)), cxt.fail$data((0, codegen_1.or)(unknownFmt(), invalidFmt()));
          function unknownFmt() {
            return opts.strictSchema === !1 ? codegen_1.nil : (0, codegen_1._)`${schemaCode} && !${format}`;
          }
          function invalidFmt() {
            let callFormat = schemaEnv.$async ? (0, codegen_1._)`(${fDef}.async ? await ${format}(${data}) : ${format}(${data}))` : (0, codegen_1._)`${format}(${data})`, validData = (0, codegen_1._)`(typeof ${format} == "function" ? ${callFormat} : ${format}.test(${data}))`;
            return (0, codegen_1._)`${format} && ${format} !== true && ${fType} === ${ruleType} && !${validData}`;
          }
        }
        function validateFormat() {
          let formatDef = self.formats[schema];
          if (!formatDef) {
            unknownFormat();
            return;
          }
          if (formatDef === !0)
            return;
          let [fmtType, format, fmtRef] = getFormat(formatDef);
          fmtType === ruleType && cxt.pass(validCondition());
          function unknownFormat() {
            if (opts.strictSchema === !1) {
              self.logger.warn(unknownMsg());
              return;
            }
            throw new Error(unknownMsg());
            function unknownMsg() {
              return `unknown format "${schema}" ignored in schema at path "${errSchemaPath}"`;
            }
          }
          function getFormat(fmtDef) {
            let code2 = fmtDef instanceof RegExp ? (0, codegen_1.regexpCode)(fmtDef) : opts.code.formats ? (0, codegen_1._)`${opts.code.formats}${(0, codegen_1.getProperty)(schema)}` : void 0, fmt = gen.scopeValue("formats", { key: schema, ref: fmtDef, code: code2 });
            return typeof fmtDef == "object" && !(fmtDef instanceof RegExp) ? [fmtDef.type || "string", fmtDef.validate, (0, codegen_1._)`${fmt}.validate`] : ["string", fmtDef, fmt];
          }
          function validCondition() {
            if (typeof formatDef == "object" && !(formatDef instanceof RegExp) && formatDef.async) {
              if (!schemaEnv.$async)
                throw new Error("async format in sync schema");
              return (0, codegen_1._)`await ${fmtRef}(${data})`;
            }
            return typeof format == "function" ? (0, codegen_1._)`${fmtRef}(${data})` : (0, codegen_1._)`${fmtRef}.test(${data})`;
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/vocabularies/format/index.js
var require_format2 = __commonJS({
  "node_modules/ajv/dist/vocabularies/format/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var format_1 = require_format(), format = [format_1.default];
    exports.default = format;
  }
});

// node_modules/ajv/dist/vocabularies/metadata.js
var require_metadata = __commonJS({
  "node_modules/ajv/dist/vocabularies/metadata.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.contentVocabulary = exports.metadataVocabulary = void 0;
    exports.metadataVocabulary = [
      "title",
      "description",
      "default",
      "deprecated",
      "readOnly",
      "writeOnly",
      "examples"
    ];
    exports.contentVocabulary = [
      "contentMediaType",
      "contentEncoding",
      "contentSchema"
    ];
  }
});

// node_modules/ajv/dist/vocabularies/draft7.js
var require_draft7 = __commonJS({
  "node_modules/ajv/dist/vocabularies/draft7.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var core_1 = require_core2(), validation_1 = require_validation(), applicator_1 = require_applicator(), format_1 = require_format2(), metadata_1 = require_metadata(), draft7Vocabularies = [
      core_1.default,
      validation_1.default,
      (0, applicator_1.default)(),
      format_1.default,
      metadata_1.metadataVocabulary,
      metadata_1.contentVocabulary
    ];
    exports.default = draft7Vocabularies;
  }
});

// node_modules/ajv/dist/vocabularies/discriminator/types.js
var require_types = __commonJS({
  "node_modules/ajv/dist/vocabularies/discriminator/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.DiscrError = void 0;
    var DiscrError;
    (function(DiscrError2) {
      DiscrError2.Tag = "tag", DiscrError2.Mapping = "mapping";
    })(DiscrError || (exports.DiscrError = DiscrError = {}));
  }
});

// node_modules/ajv/dist/vocabularies/discriminator/index.js
var require_discriminator = __commonJS({
  "node_modules/ajv/dist/vocabularies/discriminator/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var codegen_1 = require_codegen(), types_1 = require_types(), compile_1 = require_compile(), ref_error_1 = require_ref_error(), util_1 = require_util(), error = {
      message: ({ params: { discrError, tagName } }) => discrError === types_1.DiscrError.Tag ? `tag "${tagName}" must be string` : `value of tag "${tagName}" must be in oneOf`,
      params: ({ params: { discrError, tag, tagName } }) => (0, codegen_1._)`{error: ${discrError}, tag: ${tagName}, tagValue: ${tag}}`
    }, def = {
      keyword: "discriminator",
      type: "object",
      schemaType: "object",
      error,
      code(cxt) {
        let { gen, data, schema, parentSchema, it } = cxt, { oneOf } = parentSchema;
        if (!it.opts.discriminator)
          throw new Error("discriminator: requires discriminator option");
        let tagName = schema.propertyName;
        if (typeof tagName != "string")
          throw new Error("discriminator: requires propertyName");
        if (schema.mapping)
          throw new Error("discriminator: mapping is not supported");
        if (!oneOf)
          throw new Error("discriminator: requires oneOf keyword");
        let valid = gen.let("valid", !1), tag = gen.const("tag", (0, codegen_1._)`${data}${(0, codegen_1.getProperty)(tagName)}`);
        gen.if((0, codegen_1._)`typeof ${tag} == "string"`, () => validateMapping(), () => cxt.error(!1, { discrError: types_1.DiscrError.Tag, tag, tagName })), cxt.ok(valid);
        function validateMapping() {
          let mapping = getMapping();
          gen.if(!1);
          for (let tagValue in mapping)
            gen.elseIf((0, codegen_1._)`${tag} === ${tagValue}`), gen.assign(valid, applyTagSchema(mapping[tagValue]));
          gen.else(), cxt.error(!1, { discrError: types_1.DiscrError.Mapping, tag, tagName }), gen.endIf();
        }
        function applyTagSchema(schemaProp) {
          let _valid = gen.name("valid"), schCxt = cxt.subschema({ keyword: "oneOf", schemaProp }, _valid);
          return cxt.mergeEvaluated(schCxt, codegen_1.Name), _valid;
        }
        function getMapping() {
          var _a;
          let oneOfMapping = {}, topRequired = hasRequired(parentSchema), tagRequired = !0;
          for (let i = 0; i < oneOf.length; i++) {
            let sch = oneOf[i];
            if (sch?.$ref && !(0, util_1.schemaHasRulesButRef)(sch, it.self.RULES)) {
              let ref = sch.$ref;
              if (sch = compile_1.resolveRef.call(it.self, it.schemaEnv.root, it.baseId, ref), sch instanceof compile_1.SchemaEnv && (sch = sch.schema), sch === void 0)
                throw new ref_error_1.default(it.opts.uriResolver, it.baseId, ref);
            }
            let propSch = (_a = sch?.properties) === null || _a === void 0 ? void 0 : _a[tagName];
            if (typeof propSch != "object")
              throw new Error(`discriminator: oneOf subschemas (or referenced schemas) must have "properties/${tagName}"`);
            tagRequired = tagRequired && (topRequired || hasRequired(sch)), addMappings(propSch, i);
          }
          if (!tagRequired)
            throw new Error(`discriminator: "${tagName}" must be required`);
          return oneOfMapping;
          function hasRequired({ required }) {
            return Array.isArray(required) && required.includes(tagName);
          }
          function addMappings(sch, i) {
            if (sch.const)
              addMapping(sch.const, i);
            else if (sch.enum)
              for (let tagValue of sch.enum)
                addMapping(tagValue, i);
            else
              throw new Error(`discriminator: "properties/${tagName}" must have "const" or "enum"`);
          }
          function addMapping(tagValue, i) {
            if (typeof tagValue != "string" || tagValue in oneOfMapping)
              throw new Error(`discriminator: "${tagName}" values must be unique strings`);
            oneOfMapping[tagValue] = i;
          }
        }
      }
    };
    exports.default = def;
  }
});

// node_modules/ajv/dist/refs/json-schema-draft-07.json
var require_json_schema_draft_07 = __commonJS({
  "node_modules/ajv/dist/refs/json-schema-draft-07.json"(exports, module) {
    module.exports = {
      $schema: "http://json-schema.org/draft-07/schema#",
      $id: "http://json-schema.org/draft-07/schema#",
      title: "Core schema meta-schema",
      definitions: {
        schemaArray: {
          type: "array",
          minItems: 1,
          items: { $ref: "#" }
        },
        nonNegativeInteger: {
          type: "integer",
          minimum: 0
        },
        nonNegativeIntegerDefault0: {
          allOf: [{ $ref: "#/definitions/nonNegativeInteger" }, { default: 0 }]
        },
        simpleTypes: {
          enum: ["array", "boolean", "integer", "null", "number", "object", "string"]
        },
        stringArray: {
          type: "array",
          items: { type: "string" },
          uniqueItems: !0,
          default: []
        }
      },
      type: ["object", "boolean"],
      properties: {
        $id: {
          type: "string",
          format: "uri-reference"
        },
        $schema: {
          type: "string",
          format: "uri"
        },
        $ref: {
          type: "string",
          format: "uri-reference"
        },
        $comment: {
          type: "string"
        },
        title: {
          type: "string"
        },
        description: {
          type: "string"
        },
        default: !0,
        readOnly: {
          type: "boolean",
          default: !1
        },
        examples: {
          type: "array",
          items: !0
        },
        multipleOf: {
          type: "number",
          exclusiveMinimum: 0
        },
        maximum: {
          type: "number"
        },
        exclusiveMaximum: {
          type: "number"
        },
        minimum: {
          type: "number"
        },
        exclusiveMinimum: {
          type: "number"
        },
        maxLength: { $ref: "#/definitions/nonNegativeInteger" },
        minLength: { $ref: "#/definitions/nonNegativeIntegerDefault0" },
        pattern: {
          type: "string",
          format: "regex"
        },
        additionalItems: { $ref: "#" },
        items: {
          anyOf: [{ $ref: "#" }, { $ref: "#/definitions/schemaArray" }],
          default: !0
        },
        maxItems: { $ref: "#/definitions/nonNegativeInteger" },
        minItems: { $ref: "#/definitions/nonNegativeIntegerDefault0" },
        uniqueItems: {
          type: "boolean",
          default: !1
        },
        contains: { $ref: "#" },
        maxProperties: { $ref: "#/definitions/nonNegativeInteger" },
        minProperties: { $ref: "#/definitions/nonNegativeIntegerDefault0" },
        required: { $ref: "#/definitions/stringArray" },
        additionalProperties: { $ref: "#" },
        definitions: {
          type: "object",
          additionalProperties: { $ref: "#" },
          default: {}
        },
        properties: {
          type: "object",
          additionalProperties: { $ref: "#" },
          default: {}
        },
        patternProperties: {
          type: "object",
          additionalProperties: { $ref: "#" },
          propertyNames: { format: "regex" },
          default: {}
        },
        dependencies: {
          type: "object",
          additionalProperties: {
            anyOf: [{ $ref: "#" }, { $ref: "#/definitions/stringArray" }]
          }
        },
        propertyNames: { $ref: "#" },
        const: !0,
        enum: {
          type: "array",
          items: !0,
          minItems: 1,
          uniqueItems: !0
        },
        type: {
          anyOf: [
            { $ref: "#/definitions/simpleTypes" },
            {
              type: "array",
              items: { $ref: "#/definitions/simpleTypes" },
              minItems: 1,
              uniqueItems: !0
            }
          ]
        },
        format: { type: "string" },
        contentMediaType: { type: "string" },
        contentEncoding: { type: "string" },
        if: { $ref: "#" },
        then: { $ref: "#" },
        else: { $ref: "#" },
        allOf: { $ref: "#/definitions/schemaArray" },
        anyOf: { $ref: "#/definitions/schemaArray" },
        oneOf: { $ref: "#/definitions/schemaArray" },
        not: { $ref: "#" }
      },
      default: !0
    };
  }
});

// node_modules/ajv/dist/ajv.js
var require_ajv = __commonJS({
  "node_modules/ajv/dist/ajv.js"(exports, module) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.MissingRefError = exports.ValidationError = exports.CodeGen = exports.Name = exports.nil = exports.stringify = exports.str = exports._ = exports.KeywordCxt = exports.Ajv = void 0;
    var core_1 = require_core(), draft7_1 = require_draft7(), discriminator_1 = require_discriminator(), draft7MetaSchema = require_json_schema_draft_07(), META_SUPPORT_DATA = ["/properties"], META_SCHEMA_ID = "http://json-schema.org/draft-07/schema", Ajv2 = class extends core_1.default {
      _addVocabularies() {
        super._addVocabularies(), draft7_1.default.forEach((v) => this.addVocabulary(v)), this.opts.discriminator && this.addKeyword(discriminator_1.default);
      }
      _addDefaultMetaSchema() {
        if (super._addDefaultMetaSchema(), !this.opts.meta)
          return;
        let metaSchema = this.opts.$data ? this.$dataMetaSchema(draft7MetaSchema, META_SUPPORT_DATA) : draft7MetaSchema;
        this.addMetaSchema(metaSchema, META_SCHEMA_ID, !1), this.refs["http://json-schema.org/schema"] = META_SCHEMA_ID;
      }
      defaultMeta() {
        return this.opts.defaultMeta = super.defaultMeta() || (this.getSchema(META_SCHEMA_ID) ? META_SCHEMA_ID : void 0);
      }
    };
    exports.Ajv = Ajv2;
    module.exports = exports = Ajv2;
    module.exports.Ajv = Ajv2;
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.default = Ajv2;
    var validate_1 = require_validate();
    Object.defineProperty(exports, "KeywordCxt", { enumerable: !0, get: function() {
      return validate_1.KeywordCxt;
    } });
    var codegen_1 = require_codegen();
    Object.defineProperty(exports, "_", { enumerable: !0, get: function() {
      return codegen_1._;
    } });
    Object.defineProperty(exports, "str", { enumerable: !0, get: function() {
      return codegen_1.str;
    } });
    Object.defineProperty(exports, "stringify", { enumerable: !0, get: function() {
      return codegen_1.stringify;
    } });
    Object.defineProperty(exports, "nil", { enumerable: !0, get: function() {
      return codegen_1.nil;
    } });
    Object.defineProperty(exports, "Name", { enumerable: !0, get: function() {
      return codegen_1.Name;
    } });
    Object.defineProperty(exports, "CodeGen", { enumerable: !0, get: function() {
      return codegen_1.CodeGen;
    } });
    var validation_error_1 = require_validation_error();
    Object.defineProperty(exports, "ValidationError", { enumerable: !0, get: function() {
      return validation_error_1.default;
    } });
    var ref_error_1 = require_ref_error();
    Object.defineProperty(exports, "MissingRefError", { enumerable: !0, get: function() {
      return ref_error_1.default;
    } });
  }
});

// sdk/sim/database.ts
function createSimulatedDatabases(scenario, model) {
  return {
    async readHistory(req) {
      let version = model.schemaVersion;
      if (version === void 0)
        throw new InvalidPlanError(`scenario ${scenario.name} has no database; add database: { schemaVersion: N } to it to rehearse schema gates`);
      if (req.tool !== "flyway" && req.tool !== "auto")
        throw new InvalidPlanError(`the simulator's database keeps a Flyway history; use tool: "flyway" (or "auto") to rehearse, not "${req.tool}"`);
      return {
        location: `simulated database (scenario ${scenario.name})`,
        history: {
          tool: "flyway",
          table: "flyway_schema_history",
          query: "SELECT version, type, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank",
          applied: Array.from({ length: version }, (_, i) => String(i + 1)),
          complete: !0,
          ordering: "version"
        }
      };
    }
  };
}

// sdk/sim/kube-api/server.ts
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

// sdk/sim/store.ts
var StoreConflict = class extends Error {
  name = "StoreConflict";
}, StoreNotFound = class extends Error {
  name = "StoreNotFound";
}, StoreAlreadyExists = class extends Error {
  name = "StoreAlreadyExists";
}, keyOf = (k) => `${k.apiVersion}|${k.kind}|${k.namespace ?? ""}|${k.name}`;
function matchesLabelSelector(labels, selector) {
  if (!selector) return !0;
  let l = labels ?? {};
  return (selector.match(/[^,(]+(\([^)]*\))?[^,]*/g) ?? []).every((raw) => {
    let term = raw.trim();
    if (!term) return !0;
    let m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) {
      let values = m[3].split(",").map((v) => v.trim()), has2 = m[1] in l && values.includes(l[m[1]]);
      return m[2] === "in" ? has2 : !has2;
    }
    return m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(term), m ? m[2] === "!=" ? l[m[1]] !== m[3] : l[m[1]] === m[3] : term.startsWith("!") ? !(term.slice(1) in l) : term in l;
  });
}
function matchesLabels(labels, match) {
  return match ? Object.entries(match).every(([k, v]) => labels?.[k] === v) : !0;
}
var ObjectStore = class {
  constructor(now = Date.now) {
    this.now = now;
  }
  now;
  objects = /* @__PURE__ */ new Map();
  revision = 1e3;
  uidSeq = 0;
  listeners = /* @__PURE__ */ new Set();
  /** The current resourceVersion (as the API server reports on lists). */
  get resourceVersion() {
    return String(this.revision);
  }
  onChange(listener) {
    return this.listeners.add(listener), () => this.listeners.delete(listener);
  }
  get(key) {
    let o = this.objects.get(keyOf(key));
    return o && structuredClone(o);
  }
  list(apiVersion, kind, namespace, labelSelector) {
    let out = [];
    for (let o of this.objects.values())
      o.apiVersion !== apiVersion || o.kind !== kind || namespace !== void 0 && o.metadata.namespace !== namespace || matchesLabelSelector(o.metadata.labels, labelSelector) && out.push(structuredClone(o));
    return out.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }
  create(obj) {
    let k = keyOf(this.key(obj));
    if (this.objects.has(k)) throw new StoreAlreadyExists(`${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name} already exists`);
    let stored = structuredClone(obj);
    return stored.metadata.uid = `sim-${(++this.uidSeq).toString(16).padStart(8, "0")}`, stored.metadata.resourceVersion = String(++this.revision), stored.metadata.generation = 1, stored.metadata.creationTimestamp ??= new Date(this.now()).toISOString(), this.objects.set(k, stored), this.emit("ADDED", stored), structuredClone(stored);
  }
  /**
   * Replaces an object. With `expectedResourceVersion` set, a stale write throws StoreConflict,
   * as the API server answers 409. `generation` moves when `spec` changes, as it does for real.
   */
  update(obj, options = {}) {
    let k = keyOf(this.key(obj)), current = this.objects.get(k);
    if (!current) throw new StoreNotFound(`${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name} not found`);
    if (options.expectedResourceVersion !== void 0 && options.expectedResourceVersion !== current.metadata.resourceVersion)
      throw new StoreConflict(
        `Operation cannot be fulfilled on ${obj.kind.toLowerCase()} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`
      );
    let next = structuredClone(obj);
    if (options.statusOnly) {
      let keep = structuredClone(current);
      return keep.status = next.status, this.commit(k, keep, current);
    }
    return next.metadata.uid = current.metadata.uid, next.metadata.creationTimestamp = current.metadata.creationTimestamp, next.metadata.generation = current.metadata.generation, JSON.stringify(next.spec) !== JSON.stringify(current.spec) && (next.metadata.generation = (current.metadata.generation ?? 1) + 1), next.status === void 0 && current.status !== void 0 && (next.status = current.status), this.commit(k, next, current);
  }
  delete(key) {
    let k = keyOf(key), current = this.objects.get(k);
    if (!current) throw new StoreNotFound(`${key.kind} ${key.namespace}/${key.name} not found`);
    return this.objects.delete(k), this.revision++, this.emit("DELETED", current), structuredClone(current);
  }
  commit(k, next, current) {
    return JSON.stringify(next) === JSON.stringify(current) ? structuredClone(current) : (next.metadata.resourceVersion = String(++this.revision), this.objects.set(k, next), this.emit("MODIFIED", next), structuredClone(next));
  }
  key(obj) {
    return { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
  }
  emit(type, object) {
    for (let l of this.listeners) l({ type, object: structuredClone(object) });
  }
};

// sdk/sim/kube-api/status.ts
var ApiError = class extends Error {
  constructor(status) {
    super(status.message ?? status.reason ?? `HTTP ${status.code}`);
    this.status = status;
  }
  status;
  name = "ApiError";
};
function qualifiedResource(r) {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}
function qualifiedKind(kind, group) {
  return group ? `${kind}.${group}` : kind;
}
function failure(code2, reason, message, details) {
  return new ApiError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, ...reason ? { reason } : {}, ...details ? { details } : {}, code: code2 });
}
function objectDetails(r, name2) {
  return { ...name2 !== void 0 ? { name: name2 } : {}, ...r.group ? { group: r.group } : {}, kind: r.plural };
}
var notFound = (r, name2) => failure(404, "NotFound", `${qualifiedResource(r)} "${name2}" not found`, objectDetails(r, name2)), pathNotFound = () => failure(404, "NotFound", "the server could not find the requested resource"), alreadyExists = (r, name2) => failure(409, "AlreadyExists", `${qualifiedResource(r)} "${name2}" already exists`, objectDetails(r, name2)), conflict = (r, name2) => failure(
  409,
  "Conflict",
  `Operation cannot be fulfilled on ${qualifiedResource(r)} "${name2}": the object has been modified; please apply your changes to the latest version and try again`,
  objectDetails(r, name2)
), badRequest = (message) => failure(400, "BadRequest", message), forbidden = (r, name2, why) => failure(
  403,
  "Forbidden",
  `${qualifiedResource(r)}${name2 !== void 0 ? ` "${name2}"` : ""} is forbidden: ${why}`,
  objectDetails(r, name2)
), unauthorized = () => failure(401, "Unauthorized", "Unauthorized"), methodNotAllowed = () => failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", {}), unsupportedMediaType = (accepted) => failure(
  415,
  "UnsupportedMediaType",
  `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`
), internalError = (message) => failure(500, "InternalError", `Internal error occurred: ${message}`, { causes: [{ message }] });
function quoteValue(value) {
  return typeof value == "string" ? JSON.stringify(value) : typeof value == "number" || typeof value == "boolean" ? String(value) : value == null ? "null" : JSON.stringify(value);
}
var invalidValue = (field2, value, detail) => ({
  field: field2,
  reason: "FieldValueInvalid",
  message: `Invalid value: ${quoteValue(value)}: ${detail}`
}), requiredValue = (field2, detail) => ({
  field: field2,
  reason: "FieldValueRequired",
  message: detail ? `Required value: ${detail}` : "Required value"
});
function invalid(kind, group, name2, errors) {
  let rendered = errors.map((e) => `${e.field}: ${e.message}`), list2 = rendered.length === 1 ? rendered[0] : `[${rendered.join(", ")}]`;
  return failure(422, "Invalid", `${qualifiedKind(kind, group)} "${name2}" is invalid: ${list2}`, {
    name: name2,
    ...group ? { group } : {},
    kind,
    causes: errors.map((e) => ({ reason: e.reason, message: e.message, field: e.field }))
  });
}
function success(r, name2, uid) {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Success",
    details: { name: name2, ...r.group ? { group: r.group } : {}, kind: r.plural, ...uid ? { uid } : {} },
    code: 200
  };
}
var cannotHandle = (kind, version, detail) => badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${detail}`);

// sdk/sim/kube-api/json.ts
var isObject = (v) => typeof v == "object" && v !== null && !Array.isArray(v);
function stableJson(v) {
  return Array.isArray(v) ? `[${v.map(stableJson).join(",")}]` : isObject(v) ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(",")}}` : JSON.stringify(v) ?? "null";
}
var jsonEqual = (a, b) => stableJson(a) === stableJson(b);

// sdk/sim/model/pod-defaults.ts
var isObj = (v) => typeof v == "object" && v !== null && !Array.isArray(v);
function defaultProbe(probe) {
  isObj(probe) && (isObj(probe.httpGet) && (probe.httpGet.scheme ??= "HTTP"), probe.timeoutSeconds ??= 1, probe.periodSeconds ??= 10, probe.successThreshold ??= 1, probe.failureThreshold ??= 3);
}
function defaultContainer(c) {
  if (!isObj(c)) return;
  let image = typeof c.image == "string" ? c.image : "", tag = /:([^:/@]+)$/.exec(image)?.[1];
  if (c.imagePullPolicy ??= !image.includes("@") && (!tag || tag === "latest") ? "Always" : "IfNotPresent", c.terminationMessagePath ??= "/dev/termination-log", c.terminationMessagePolicy ??= "File", c.resources ??= {}, Array.isArray(c.ports)) for (let p of c.ports) isObj(p) && (p.protocol ??= "TCP");
  defaultProbe(c.readinessProbe), defaultProbe(c.livenessProbe), defaultProbe(c.startupProbe);
}
function defaultPodTemplate(template) {
  let spec = template?.spec;
  if (!isObj(spec)) return template;
  spec.restartPolicy ??= "Always", spec.terminationGracePeriodSeconds ??= 30, spec.dnsPolicy ??= "ClusterFirst", spec.securityContext ??= {}, spec.schedulerName ??= "default-scheduler";
  for (let list2 of [spec.containers, spec.initContainers]) Array.isArray(list2) && list2.forEach(defaultContainer);
  return template;
}

// sdk/sim/kube-api/builtins.ts
var isObj2 = isObject, isKind = (t, group, kind) => t.group === group && t.kind === kind, isWorkload = (t) => isKind(t, "apps", "Deployment") || isKind(t, "apps", "ReplicaSet"), INT32_MAX = 2 ** 31 - 1;
function builtInTypeError(obj, t) {
  if (obj.spec !== void 0 && obj.spec !== null && !isObj2(obj.spec) && t.kind !== "Secret")
    return `json: cannot unmarshal ${Array.isArray(obj.spec) ? "array" : typeof obj.spec} into Go struct field ${t.kind}.spec of type v1.${t.kind}Spec`;
  if (isWorkload(t) && obj.spec?.replicas !== void 0 && obj.spec.replicas !== null) {
    let r = obj.spec.replicas;
    if (typeof r != "number") return `json: cannot unmarshal ${typeof r} into Go struct field ${t.kind}Spec.spec.replicas of type int32`;
    if (!Number.isInteger(r) || Math.abs(r) > INT32_MAX) return `json: cannot unmarshal number ${r} into Go struct field ${t.kind}Spec.spec.replicas of type int32`;
  }
  if (isKind(t, "", "Secret") && isObj2(obj.data))
    for (let v of Object.values(obj.data)) {
      if (typeof v != "string") return `json: cannot unmarshal ${typeof v} into Go struct field Secret.data of type []uint8`;
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) return "illegal base64 data at input byte 0";
    }
}
function defaultContainers(containers) {
  Array.isArray(containers) && containers.forEach(defaultContainer);
}
function defaultPodSpec(spec) {
  isObj2(spec) && (spec.restartPolicy ??= "Always", spec.terminationGracePeriodSeconds ??= 30, spec.dnsPolicy ??= "ClusterFirst", spec.securityContext ??= {}, spec.schedulerName ??= "default-scheduler", defaultContainers(spec.containers), defaultContainers(spec.initContainers));
}
function clusterIpFor(namespace, name2) {
  let h = 2166136261;
  for (let ch of `${namespace}/${name2}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `10.96.${h >>> 8 & 255}.${(h & 254) + 1}`;
}
function defaultBuiltIn(obj, t, creating) {
  let spec = obj.spec;
  if (isWorkload(t) && isObj2(spec))
    spec.replicas ??= 1, isKind(t, "apps", "Deployment") && (spec.strategy ??= { type: "RollingUpdate" }, spec.strategy.type === "RollingUpdate" && (spec.strategy.rollingUpdate ??= { maxUnavailable: "25%", maxSurge: "25%" }), spec.revisionHistoryLimit ??= 10, spec.progressDeadlineSeconds ??= 600), defaultPodSpec(spec.template?.spec);
  else if (isKind(t, "", "Pod"))
    defaultPodSpec(spec), creating && (obj.status = { phase: "Pending", ...isObj2(obj.status) ? obj.status : {} });
  else if (isKind(t, "", "Service") && isObj2(spec)) {
    if (spec.type ??= "ClusterIP", spec.sessionAffinity ??= "None", spec.type !== "ExternalName" && (spec.clusterIP ??= clusterIpFor(obj.metadata.namespace, obj.metadata.name), spec.clusterIPs ??= [spec.clusterIP], spec.ipFamilies ??= ["IPv4"], spec.ipFamilyPolicy ??= "SingleStack", spec.internalTrafficPolicy ??= "Cluster"), Array.isArray(spec.ports))
      for (let p of spec.ports)
        isObj2(p) && (p.protocol ??= "TCP", p.targetPort ??= p.port);
  } else if (isKind(t, "", "Secret")) {
    if (obj.type ??= "Opaque", isObj2(obj.stringData)) {
      let data = isObj2(obj.data) ? obj.data : {};
      for (let [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(String(v)).toString("base64");
      obj.data = data;
    }
    delete obj.stringData;
  } else isKind(t, "", "Namespace") && (obj.metadata.labels = { ...obj.metadata.labels, "kubernetes.io/metadata.name": obj.metadata.name }, obj.spec = { finalizers: ["kubernetes"], ...isObj2(spec) ? spec : {} }, creating && (obj.status = { phase: "Active" }));
}
function goMap(m) {
  return `map[string]string{${Object.entries(m ?? {}).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(", ")}}`;
}
function validateContainers(containers, at) {
  if (!Array.isArray(containers) || containers.length === 0) return [requiredValue(at)];
  let errors = [], names = /* @__PURE__ */ new Set();
  return containers.forEach((c, i) => {
    c?.name ? names.has(c.name) ? errors.push({ field: `${at}[${i}].name`, reason: "FieldValueDuplicate", message: `Duplicate value: ${JSON.stringify(c.name)}` }) : names.add(c.name) : errors.push(requiredValue(`${at}[${i}].name`)), c?.image || errors.push(requiredValue(`${at}[${i}].image`));
  }), errors;
}
function validateBuiltIn(obj, old, t) {
  let errors = [], spec = obj.spec ?? {};
  if (isWorkload(t)) {
    if (spec.replicas < 0 && errors.push(invalidValue("spec.replicas", spec.replicas, "must be greater than or equal to 0")), !isObj2(spec.selector)) errors.push(requiredValue("spec.selector"));
    else {
      let labels = spec.template?.metadata?.labels;
      !spec.selector.matchLabels && !spec.selector.matchExpressions ? errors.push(invalidValue("spec.selector", spec.selector, "empty selector is invalid for deployment")) : matchesLabels(labels, spec.selector.matchLabels) || errors.push(invalidValue("spec.template.metadata.labels", goMap(labels), "`selector` does not match template `labels`")), old && JSON.stringify(old.spec?.selector) !== JSON.stringify(spec.selector) && errors.push(invalidValue("spec.selector", spec.selector, "field is immutable"));
    }
    errors.push(...validateContainers(spec.template?.spec?.containers, "spec.template.spec.containers"));
  } else isKind(t, "", "Pod") ? errors.push(...validateContainers(spec.containers, "spec.containers")) : isKind(t, "", "Service") && (spec.type !== "ExternalName" && (!Array.isArray(spec.ports) || spec.ports.length === 0) && errors.push(requiredValue("spec.ports")), old && old.spec?.clusterIP && spec.clusterIP !== old.spec.clusterIP && errors.push(invalidValue("spec.clusterIP", spec.clusterIP ?? "", "field is immutable")));
  return errors;
}

// sdk/sim/kube-api/resources.ts
var import_yaml = __toESM(require_dist(), 1);
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
var RESOURCE_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
function builtIn(group, version, kind, plural, o = {}) {
  return {
    group,
    versions: [version],
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced: o.namespaced ?? !0,
    shortNames: o.shortNames ?? [],
    categories: o.categories ?? [],
    subresources: { status: o.status ?? !1, scale: o.scale ?? !1, proxy: o.proxy ?? !1 }
  };
}
var BUILT_IN = [
  builtIn("", "v1", "Namespace", "namespaces", { namespaced: !1, shortNames: ["ns"], status: !0 }),
  builtIn("", "v1", "Pod", "pods", { shortNames: ["po"], status: !0, proxy: !0, categories: ["all"] }),
  builtIn("", "v1", "Service", "services", { shortNames: ["svc"], status: !0, categories: ["all"] }),
  builtIn("", "v1", "Secret", "secrets"),
  builtIn("", "v1", "ConfigMap", "configmaps", { shortNames: ["cm"] }),
  builtIn("", "v1", "Event", "events", { shortNames: ["ev"] }),
  builtIn("apps", "v1", "Deployment", "deployments", { shortNames: ["deploy"], status: !0, scale: !0, categories: ["all"] }),
  builtIn("apps", "v1", "ReplicaSet", "replicasets", { shortNames: ["rs"], status: !0, scale: !0, categories: ["all"] }),
  builtIn("networking.k8s.io", "v1", "Ingress", "ingresses", { shortNames: ["ing"], status: !0 })
], groupVersion = (group, version) => group ? `${group}/${version}` : version, ResourceTable = class {
  all;
  byPath = /* @__PURE__ */ new Map();
  constructor(types) {
    this.all = types;
    for (let t of types) for (let v of t.versions) this.byPath.set(`${t.group}|${v}|${t.plural}`, t);
  }
  /** The resource at /apis/{group}/{version}/{plural}, if served. */
  lookup(group, version, plural) {
    return this.byPath.get(`${group}|${version}|${plural}`);
  }
  /** Served groups with their versions (highest priority first), core group first. */
  groups() {
    let out = /* @__PURE__ */ new Map();
    for (let t of this.all) {
      let vs = out.get(t.group) ?? [];
      for (let v of t.versions) vs.includes(v) || vs.push(v);
      out.set(t.group, vs);
    }
    return [...out].map(([name2, versions]) => ({ name: name2, versions: versions.sort(compareVersions) }));
  }
  /** Resources served at one group/version. */
  at(group, version) {
    return this.all.filter((t) => t.group === group && t.versions.includes(version));
  }
};
function compareVersions(a, b) {
  let rank = (v) => {
    let m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    return m ? [m[2] === void 0 ? 3 : m[2] === "beta" ? 2 : 1, Number(m[1]), Number(m[3] ?? 0)] : void 0;
  }, ra = rank(a), rb = rank(b);
  return !ra || !rb ? ra ? -1 : rb ? 1 : a.localeCompare(b) : rb[0] - ra[0] || rb[1] - ra[1] || rb[2] - ra[2];
}
function fromCrd(crd) {
  let served = crd.spec.versions.filter((v) => v.served !== !1), n = crd.spec.names, schemas = {}, printerColumns = {};
  for (let v of served)
    schemas[v.name] = v.schema?.openAPIV3Schema ?? { type: "object", "x-kubernetes-preserve-unknown-fields": !0 }, printerColumns[v.name] = v.additionalPrinterColumns ?? [];
  return {
    group: crd.spec.group,
    versions: served.map((v) => v.name).sort(compareVersions),
    kind: n.kind,
    listKind: n.listKind ?? `${n.kind}List`,
    plural: n.plural,
    singular: n.singular ?? n.kind.toLowerCase(),
    namespaced: crd.spec.scope !== "Cluster",
    shortNames: n.shortNames ?? [],
    categories: n.categories ?? [],
    subresources: {
      status: served.some((v) => v.subresources?.status),
      scale: served.some((v) => v.subresources?.scale),
      proxy: !1
    },
    crd: { schemas, printerColumns }
  };
}
var crdCache = /* @__PURE__ */ new Map();
async function readCrds(dir) {
  let files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort(), out = [];
  for (let f of files)
    for (let doc of (0, import_yaml.parseAllDocuments)(await readFile(join(dir, f), "utf8"))) {
      if (doc.errors.length) throw new Error(`${join(dir, f)}: ${doc.errors[0].message}`);
      let crd = doc.toJS();
      crd?.kind === "CustomResourceDefinition" && out.push(fromCrd(crd));
    }
  return out;
}
async function loadResourceTable(crdDir) {
  let crds = crdCache.get(crdDir);
  return crds || (crds = readCrds(crdDir), crdCache.set(crdDir, crds), crds.catch(() => crdCache.delete(crdDir))), new ResourceTable([...BUILT_IN, ...await crds]);
}

// sdk/sim/kube-api/context.ts
var VersionedObjects = class {
  constructor(store) {
    this.store = store;
  }
  store;
  keys(t, namespace, name2) {
    return t.versions.map((v) => ({ apiVersion: groupVersion(t.group, v), kind: t.kind, ...namespace !== void 0 ? { namespace } : {}, name: name2 }));
  }
  /**
   * An object as read from storage: built-in kinds get their defaults, as decoding from etcd applies
   * them (objects the simulator writes straight into the store lack them).
   */
  decode(t, obj) {
    return t.crd || defaultBuiltIn(obj, t, !1), obj;
  }
  /** The stored object (at its stored apiVersion), whatever version it was written at. */
  get(t, namespace, name2) {
    for (let key of this.keys(t, namespace, name2)) {
      let o = this.store.get(key);
      if (o) return this.decode(t, o);
    }
  }
  /** Every stored object of the resource, in one namespace or all, ordered by namespace and name. */
  list(t, namespace) {
    return t.versions.flatMap((v) => this.store.list(groupVersion(t.group, v), t.kind, namespace)).map((o) => this.decode(t, o)).sort((a, b) => (a.metadata.namespace ?? "").localeCompare(b.metadata.namespace ?? "") || a.metadata.name.localeCompare(b.metadata.name));
  }
  /** True when the Namespace exists. */
  namespaceExists(name2) {
    return this.store.get({ apiVersion: "v1", kind: "Namespace", name: name2 }) !== void 0;
  }
};
function present(obj, apiVersion) {
  return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
}

// sdk/sim/kube-api/discovery.ts
var SERVER_VERSION = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0-firebreak-sim",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2026-11-01T00:00:00Z",
  goVersion: "go1.23.0",
  compiler: "gc",
  platform: "linux/amd64"
}, SUBRESOURCE_VERBS = ["get", "patch", "update"], AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
function subresources(t) {
  let out = [];
  return t.subresources.status && out.push({ name: "status", kind: t.kind, verbs: SUBRESOURCE_VERBS }), t.subresources.scale && out.push({ name: "scale", kind: "Scale", group: "autoscaling", version: "v1", verbs: SUBRESOURCE_VERBS }), t.subresources.proxy && out.push({ name: "proxy", kind: `${t.kind}ProxyOptions`, verbs: ["get"] }), out;
}
function resourceList(table, group, version) {
  let resources = table.at(group, version).flatMap((t) => [
    {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: RESOURCE_VERBS,
      ...t.shortNames.length ? { shortNames: t.shortNames } : {},
      ...t.categories.length ? { categories: t.categories } : {}
    },
    ...subresources(t).map((s) => ({
      name: `${t.plural}/${s.name}`,
      singularName: "",
      namespaced: t.namespaced,
      ...s.group !== void 0 ? { group: s.group, version: s.version } : {},
      kind: s.kind,
      verbs: s.verbs
    }))
  ]);
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: groupVersion(group, version), resources };
}
function apiGroup(name2, versions) {
  let gvs = versions.map((version) => ({ groupVersion: groupVersion(name2, version), version }));
  return { name: name2, versions: gvs, preferredVersion: gvs[0] };
}
function aggregated(table, core) {
  let items = table.groups().filter((g) => g.name === "" === core).map((g) => ({
    metadata: { name: g.name },
    versions: g.versions.map((version) => ({
      version,
      resources: table.at(g.name, version).map((t) => ({
        resource: t.plural,
        responseKind: { group: t.group, version, kind: t.kind },
        scope: t.namespaced ? "Namespaced" : "Cluster",
        singularResource: t.singular,
        verbs: RESOURCE_VERBS,
        ...t.shortNames.length ? { shortNames: t.shortNames } : {},
        ...t.categories.length ? { categories: t.categories } : {},
        subresources: subresources(t).map((s) => ({
          subresource: s.name,
          responseKind: { group: s.group ?? t.group, version: s.version ?? version, kind: s.kind },
          verbs: s.verbs
        }))
      })),
      freshness: "Current"
    }))
  }));
  return { kind: "APIGroupDiscoveryList", apiVersion: "apidiscovery.k8s.io/v2", metadata: {}, items };
}
var wantsAggregated = (accept) => accept.includes("as=APIGroupDiscoveryList") && accept.includes("v=v2;") && accept.includes("g=apidiscovery.k8s.io");
function discovery(table, segments, accept, serverAddress) {
  let [root, a, b, ...rest] = segments;
  if (root === "version" && a === void 0) return { body: SERVER_VERSION };
  if (root === "api")
    return a === void 0 ? wantsAggregated(accept) ? { body: aggregated(table, !0), contentType: AGGREGATED_V2 } : { body: { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }] } } : a === "v1" && b === void 0 ? { body: resourceList(table, "", "v1") } : void 0;
  if (root === "apis") {
    let groups = table.groups().filter((g) => g.name !== "");
    if (a === void 0)
      return wantsAggregated(accept) ? { body: aggregated(table, !1), contentType: AGGREGATED_V2 } : { body: { kind: "APIGroupList", apiVersion: "v1", groups: groups.map((g) => apiGroup(g.name, g.versions)) } };
    if (rest.length) return;
    let group = groups.find((g) => g.name === a);
    if (!group || b !== void 0 && !group.versions.includes(b)) throw pathNotFound();
    return b === void 0 ? { body: { kind: "APIGroup", apiVersion: "v1", ...apiGroup(group.name, group.versions) } } : { body: resourceList(table, a, b) };
  }
}

// sdk/sim/kube-api/faults.ts
var MAX_PENDING_FAULTS = 1e3;
function matches(f, method, pathname, pathAndQuery) {
  return f.method && f.method.toUpperCase() !== method ? !1 : f.path === void 0 ? !0 : typeof f.path == "string" ? f.path === pathname || f.path === pathAndQuery : (f.path.lastIndex = 0, f.path.test(pathAndQuery));
}
function createFaultQueue() {
  let pending = [];
  return {
    inject(fault) {
      let times = fault.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new RangeError(`fault.times must be a positive integer, got ${times}`);
      if (fault.kind === "timeout" && !(fault.ms >= 0)) throw new RangeError(`fault.ms must be >= 0, got ${fault.ms}`);
      if (pending.length >= MAX_PENDING_FAULTS) throw new RangeError(`more than ${MAX_PENDING_FAULTS} pending faults`);
      pending.push({ fault, left: times });
    },
    clear() {
      pending.length = 0;
    },
    take(method, pathname, pathAndQuery) {
      let i = pending.findIndex((p2) => matches(p2.fault, method, pathname, pathAndQuery));
      if (i < 0) return;
      let p = pending[i];
      return --p.left === 0 && pending.splice(i, 1), p.fault;
    }
  };
}
var INJECTED = {
  400: ["BadRequest", "the server rejected our request for an unknown reason"],
  401: ["Unauthorized", "Unauthorized"],
  403: ["Forbidden", "forbidden: injected by the simulator"],
  404: ["NotFound", "the server could not find the requested resource"],
  409: ["Conflict", "Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again"],
  410: ["Expired", "too old resource version"],
  422: ["Invalid", "the server rejected our request due to an error in our request"],
  429: ["TooManyRequests", "Too many requests, please try again later."],
  500: ["InternalError", "Internal error occurred: fault injected by the simulator"],
  502: ["", "the server responded with the status code 502 but did not return more information"],
  503: ["ServiceUnavailable", "The server is currently unable to handle the request"],
  504: ["Timeout", "Timeout: request did not complete within the allotted timeout"]
};
function injectedError(status, retryAfterSeconds, conflictMessage) {
  let [reason, message] = INJECTED[status] ?? ["", `the server responded with the status code ${status} but did not return more information`], retry = retryAfterSeconds ?? (status === 429 ? 1 : void 0);
  return failure(status, reason || void 0, status === 409 && conflictMessage ? conflictMessage : message, retry !== void 0 ? { retryAfterSeconds: retry } : {});
}

// sdk/sim/kube-api/kubeconfig.ts
var import_yaml2 = __toESM(require_dist(), 1), CONTEXT_NAME = "firebreak-sim";
function kubeconfigFor(url, token) {
  return (0, import_yaml2.stringify)({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: CONTEXT_NAME, cluster: { server: url, "insecure-skip-tls-verify": !0 } }],
    users: [{ name: CONTEXT_NAME, user: token ? { token } : {} }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: CONTEXT_NAME } }],
    "current-context": CONTEXT_NAME,
    preferences: {}
  });
}

// sdk/sim/kube-api/openapi.ts
import { createHash } from "node:crypto";
var V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf", TITLE = "Kubernetes", VERSION = "v1.32.0";
function field(no, payload) {
  let len = [], n = payload.length;
  do
    len.push(n & 127 | (n > 127 ? 128 : 0)), n >>>= 7;
  while (n);
  return Buffer.concat([Buffer.from([no << 3 | 2, ...len]), payload]);
}
var V2_DOCUMENT = Buffer.concat([field(1, Buffer.from("2.0")), field(2, Buffer.concat([field(1, Buffer.from(TITLE)), field(2, Buffer.from(VERSION))]))]), queryParam = (name2, type = "string") => ({ name: name2, in: "query", schema: { type, uniqueItems: !0 } }), PATCH_PARAMETERS = [queryParam("dryRun"), queryParam("fieldManager"), queryParam("fieldValidation"), queryParam("force", "boolean")];
function gvDocument(table, group, version) {
  let prefix = group ? `/apis/${group}/${version}` : `/api/${version}`, paths = {};
  for (let t of table.at(group, version)) {
    let at = `${prefix}${t.namespaced ? "/namespaces/{namespace}" : ""}/${t.plural}/{name}`;
    paths[at] = {
      patch: {
        operationId: `patch${t.kind}`,
        "x-kubernetes-action": "patch",
        "x-kubernetes-group-version-kind": { group, version, kind: t.kind },
        parameters: PATCH_PARAMETERS,
        responses: { 200: { description: "OK" } }
      }
    };
  }
  return { openapi: "3.0.0", info: { title: TITLE, version: VERSION }, paths, components: { schemas: {} } };
}
var hashOf = (doc) => createHash("sha512").update(JSON.stringify(doc)).digest("hex").slice(0, 128).toUpperCase();
function openapi(table, segments, accept) {
  if (segments[0] !== "openapi") return;
  if (segments[1] === "v2" && segments.length === 2)
    return accept.includes("protobuf") ? { body: V2_DOCUMENT, contentType: V2_PROTOBUF } : { body: { swagger: "2.0", info: { title: TITLE, version: VERSION }, paths: {}, definitions: {} }, contentType: "application/json" };
  if (segments[1] !== "v3") throw pathNotFound();
  let gvs = table.groups().flatMap((g) => g.versions.map((v) => ({ group: g.name, version: v, key: g.name ? `apis/${g.name}/${v}` : `api/${v}` })));
  if (segments.length === 2)
    return { body: { paths: Object.fromEntries(gvs.map((gv2) => [gv2.key, { serverRelativeURL: `/openapi/v3/${gv2.key}?hash=${hashOf(gvDocument(table, gv2.group, gv2.version))}` }])) }, contentType: "application/json" };
  let wanted = segments.slice(2).join("/"), gv = gvs.find((x) => x.key === wanted);
  if (!gv) throw pathNotFound();
  return { body: gvDocument(table, gv.group, gv.version), contentType: "application/json" };
}

// sdk/sim/kube-api/body.ts
var import_yaml3 = __toESM(require_dist(), 1);

// sdk/sim/kube-api/protobuf.ts
var PROTOBUF = "application/vnd.kubernetes.protobuf", MAGIC = Buffer.from([107, 56, 115, 0]);
function fields(buf) {
  let out = [], i = 0, varint = () => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (i >= buf.length) throw badRequest("protobuf: unexpected end of message");
      let b = buf[i++];
      if (result |= BigInt(b & 127) << shift, !(b & 128)) return result;
    }
    throw badRequest("protobuf: varint too long");
  };
  for (; i < buf.length; ) {
    let key = Number(varint()), no = key >>> 3, wire = key & 7;
    if (wire === 0) out.push({ no, wire, value: varint() });
    else if (wire === 2) {
      let len = Number(varint());
      if (i + len > buf.length) throw badRequest("protobuf: field runs past the end of the message");
      out.push({ no, wire, value: buf.subarray(i, i + len) }), i += len;
    } else if (wire === 1 || wire === 5) i += wire === 1 ? 8 : 4;
    else throw badRequest(`protobuf: unsupported wire type ${wire}`);
  }
  return out;
}
var str = (v) => Buffer.isBuffer(v) ? v.toString("utf8") : String(v), bytes = (v) => Buffer.isBuffer(v) ? v : Buffer.alloc(0);
function mapOf(entries, value) {
  let out = {};
  for (let e of entries) {
    let kv = fields(bytes(e.value)), k = kv.find((f) => f.no === 1), v = kv.find((f) => f.no === 2);
    out[k ? str(k.value) : ""] = v ? value(bytes(v.value)) : "";
  }
  return out;
}
function time(buf) {
  let seconds = fields(buf).find((f) => f.no === 1);
  if (!(!seconds || seconds.value === 0n))
    return new Date(Number(seconds.value) * 1e3).toISOString().replace(/\.\d+Z$/, "Z");
}
function objectMeta(buf) {
  let meta2 = {}, fs = fields(buf), scalar = { 1: "name", 2: "generateName", 3: "namespace", 5: "uid", 6: "resourceVersion" };
  for (let f of fs)
    if (scalar[f.no] && str(f.value) !== "") meta2[scalar[f.no]] = str(f.value);
    else if (f.no === 8) {
      let t = time(bytes(f.value));
      t && (meta2.creationTimestamp = t);
    }
  let labels = fs.filter((f) => f.no === 11), annotations = fs.filter((f) => f.no === 12);
  labels.length && (meta2.labels = mapOf(labels, (v) => v.toString("utf8"))), annotations.length && (meta2.annotations = mapOf(annotations, (v) => v.toString("utf8")));
  let finalizers = fs.filter((f) => f.no === 14).map((f) => str(f.value));
  finalizers.length && (meta2.finalizers = finalizers);
  let owners2 = fs.filter((f) => f.no === 13).map((f) => {
    let o = {};
    for (let g of fields(bytes(f.value))) {
      let names = { 1: "kind", 3: "name", 4: "uid", 5: "apiVersion" };
      names[g.no] && (o[names[g.no]] = str(g.value)), g.no === 6 && (o.controller = g.value === 1n), g.no === 7 && (o.blockOwnerDeletion = g.value === 1n);
    }
    return o;
  });
  return owners2.length && (meta2.ownerReferences = owners2), meta2;
}
var KINDS = {
  Secret(fs) {
    let out = {}, data = fs.filter((f) => f.no === 2);
    data.length && (out.data = mapOf(data, (v) => v.toString("base64")));
    let type = fs.find((f) => f.no === 3);
    type && str(type.value) && (out.type = str(type.value));
    let stringData = fs.filter((f) => f.no === 4);
    stringData.length && (out.stringData = mapOf(stringData, (v) => v.toString("utf8")));
    let immutable = fs.find((f) => f.no === 5);
    return immutable && (out.immutable = immutable.value === 1n), out;
  },
  ConfigMap(fs) {
    let out = {}, data = fs.filter((f) => f.no === 2);
    data.length && (out.data = mapOf(data, (v) => v.toString("utf8")));
    let binary2 = fs.filter((f) => f.no === 3);
    binary2.length && (out.binaryData = mapOf(binary2, (v) => v.toString("base64")));
    let immutable = fs.find((f) => f.no === 4);
    return immutable && (out.immutable = immutable.value === 1n), out;
  }
}, PROTOBUF_KINDS = Object.keys(KINDS);
function decodeProtobufObject(body, kind) {
  if (!KINDS[kind]) throw unsupportedMediaType(["application/json", "application/yaml"]);
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw badRequest("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
  let unknown = fields(body.subarray(4)), typeMeta = fields(bytes(unknown.find((f) => f.no === 1)?.value ?? Buffer.alloc(0))), raw = bytes(unknown.find((f) => f.no === 2)?.value ?? Buffer.alloc(0)), apiVersion = str(typeMeta.find((f) => f.no === 1)?.value ?? Buffer.alloc(0)), wireKind = str(typeMeta.find((f) => f.no === 2)?.value ?? Buffer.alloc(0)), msg = fields(raw), meta2 = msg.find((f) => f.no === 1);
  return {
    ...apiVersion ? { apiVersion } : {},
    ...wireKind ? { kind: wireKind } : {},
    metadata: meta2 ? objectMeta(bytes(meta2.value)) : {},
    ...KINDS[kind](msg)
  };
}

// sdk/sim/kube-api/body.ts
var JSON_TYPES = /* @__PURE__ */ new Set(["application/json", ""]), YAML_TYPES = /* @__PURE__ */ new Set(["application/yaml", "application/apply-patch+yaml"]);
function decodeBody(req) {
  let text2 = req.body.toString("utf8");
  if (YAML_TYPES.has(req.contentType))
    try {
      return (0, import_yaml3.parse)(text2, { maxAliasCount: 100 });
    } catch (err) {
      throw badRequest(`error converting YAML to JSON: ${err.message.split(`
`)[0]}`);
    }
  try {
    return JSON.parse(text2);
  } catch (err) {
    throw badRequest(`the object provided is unrecognized: ${err.message}`);
  }
}
function decodeObject(req) {
  if (req.contentType === PROTOBUF && !req.route.type.crd && PROTOBUF_KINDS.includes(req.route.type.kind))
    return objectFor(req.route, decodeProtobufObject(req.body, req.route.type.kind));
  if (!JSON_TYPES.has(req.contentType) && req.contentType !== "application/yaml")
    throw unsupportedMediaType(["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"]);
  return objectFor(req.route, decodeBody(req));
}
function objectFor(route, value) {
  let t = route.type;
  if (!isObject(value)) throw badRequest(`the object provided is unrecognized (must be of type ${t.kind})`);
  if (t.crd) {
    if (!value.kind) throw failure(400, "BadRequest", `Object 'Kind' is missing in '${JSON.stringify(value).slice(0, 200)}'`);
    if (!value.apiVersion) throw failure(400, "BadRequest", `Object 'apiVersion' is missing in '${JSON.stringify(value).slice(0, 200)}'`);
  }
  let obj = { apiVersion: route.apiVersion, kind: t.kind, ...value };
  if (obj.apiVersion !== route.apiVersion)
    throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${route.apiVersion})`);
  if (obj.kind !== t.kind) throw badRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (${t.kind})`);
  if ((obj.metadata === void 0 || obj.metadata === null) && (obj.metadata = {}), !isObject(obj.metadata)) throw badRequest(`${t.kind} in version "${route.version}" cannot be handled as a ${t.kind}: json: cannot unmarshal into Go struct field ${t.kind}.metadata of type v1.ObjectMeta`);
  if (t.namespaced) {
    let ns = obj.metadata.namespace;
    if (ns && route.namespace !== void 0 && ns !== route.namespace)
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    route.namespace !== void 0 && (obj.metadata.namespace = route.namespace);
  } else delete obj.metadata.namespace;
  return obj;
}
function checkNameMatches(obj, route) {
  if (obj.metadata.name !== route.name)
    throw badRequest(`the name of the object (${obj.metadata.name ?? ""}) does not match the name on the URL (${route.name})`);
}

// sdk/sim/kube-api/list-types.ts
var ATOMIC = { type: "atomic" }, map = (keys, mergeKey = keys[0]) => ({ type: "map", keys, mergeKey }), BUILT_IN_LISTS = {
  containers: map(["name"]),
  initContainers: map(["name"]),
  ephemeralContainers: map(["name"]),
  env: map(["name"]),
  volumes: map(["name"]),
  volumeMounts: map(["mountPath"]),
  volumeDevices: map(["devicePath"]),
  imagePullSecrets: map(["name"]),
  hostAliases: map(["ip"]),
  resourceClaims: map(["name"]),
  conditions: map(["type"]),
  ownerReferences: map(["uid"]),
  topologySpreadConstraints: map(["topologyKey", "whenUnsatisfiable"]),
  finalizers: { type: "set" }
}, CONTAINER_LISTS = /* @__PURE__ */ new Set(["containers", "initContainers", "ephemeralContainers"]);
function builtInListType(path) {
  let field2 = path.at(-1) ?? "";
  return field2 === "ports" ? CONTAINER_LISTS.has(path.at(-2) ?? "") ? map(["containerPort", "protocol"], "containerPort") : map(["port", "protocol"], "port") : BUILT_IN_LISTS[field2] ?? ATOMIC;
}
function schemaListType(root, path) {
  let s = root;
  for (let name2 of path) {
    for (; s?.items; ) s = s.items;
    if (s = s?.properties?.[name2] ?? (typeof s?.additionalProperties == "object" ? s.additionalProperties : void 0), !s) return ATOMIC;
  }
  let kind = s["x-kubernetes-list-type"];
  return kind === "set" ? { type: "set" } : kind === "map" && s["x-kubernetes-list-map-keys"]?.length ? map(s["x-kubernetes-list-map-keys"]) : ATOMIC;
}
function listTypesFor(t, version) {
  let schema = t.crd?.schemas[version];
  return (path) => !schema || path[0] === "metadata" ? builtInListType(path) : schemaListType(schema, path);
}

// sdk/sim/kube-api/managed-fields.ts
var SERVER_METADATA = /* @__PURE__ */ new Set(["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"]);
function leaves(obj, listTypeAt, scope) {
  let out = /* @__PURE__ */ new Map(), walk = (v, segs, names) => {
    if (isObject(v) && Object.keys(v).length) {
      for (let [k, x] of Object.entries(v)) walk(x, [...segs, `f:${k}`], [...names, k]);
      return;
    }
    if (Array.isArray(v) && v.length) {
      let lt = listTypeAt(names);
      if (lt.type === "set") {
        for (let x of v) out.set(JSON.stringify([...segs, `v:${stableJson(x)}`]), "");
        return;
      }
      if (lt.type === "map" && v.every(isObject)) {
        for (let el of v) {
          let key = `k:${stableJson(Object.fromEntries(lt.keys.filter((k) => el[k] !== void 0).map((k) => [k, el[k]])))}`;
          out.set(JSON.stringify([...segs, key, "."]), "");
          for (let [f, x] of Object.entries(el)) walk(x, [...segs, key, `f:${f}`], [...names, f]);
        }
        return;
      }
    }
    out.set(JSON.stringify(segs), stableJson(v));
  };
  for (let [k, v] of Object.entries(obj))
    if (!(k === "apiVersion" || k === "kind") && !(scope === "main" && k === "status" || scope === "status" && k !== "status")) {
      if (k === "metadata" && isObject(v)) {
        for (let [mk, mv] of Object.entries(v)) SERVER_METADATA.has(mk) || walk(mv, ["f:metadata", `f:${mk}`], ["metadata", mk]);
        continue;
      }
      walk(v, [`f:${k}`], [k]);
    }
  return out;
}
function toFieldsV1(paths) {
  let root = {};
  for (let p of paths) {
    let node = root;
    for (let seg of JSON.parse(p)) node = node[seg] ??= {};
  }
  return root;
}
function fromFieldsV1(tree) {
  let out = /* @__PURE__ */ new Set(), walk = (node, prefix) => {
    for (let [seg, child] of Object.entries(node))
      seg === "." || !isObject(child) || !Object.keys(child).length ? out.add(JSON.stringify([...prefix, seg])) : walk(child, [...prefix, seg]);
  };
  return isObject(tree) && walk(tree, []), out;
}
function owners(obj) {
  let list2 = obj?.metadata.managedFields;
  return Array.isArray(list2) ? list2.map((entry) => ({ entry, set: fromFieldsV1(entry.fieldsV1) })) : [];
}
function encode(list2) {
  return list2.filter((o) => o.set.size).map((o) => ({ ...o.entry, fieldsV1: toFieldsV1(o.set) }));
}
function ownerFor(list2, e) {
  let match = (o2) => o2.entry.manager === e.manager && o2.entry.operation === e.operation && (o2.entry.subresource ?? "") === (e.subresource ?? "") && (e.operation === "Apply" || o2.entry.apiVersion === e.apiVersion), o = list2.find(match);
  return o || (o = { entry: { ...e, fieldsType: "FieldsV1", fieldsV1: {} }, set: /* @__PURE__ */ new Set() }, list2.push(o)), o.entry = { ...o.entry, apiVersion: e.apiVersion, time: e.time }, o;
}
var MAX_UPDATE_MANAGERS = 10;
function capUpdateManagers(list2) {
  let updaters = list2.filter((o) => o.entry.operation === "Update").sort((a, b) => a.entry.time.localeCompare(b.entry.time));
  if (updaters.length <= MAX_UPDATE_MANAGERS) return list2;
  let merged = new Set(updaters.slice(0, updaters.length - MAX_UPDATE_MANAGERS + 1)), oldest = [...merged].at(-1).entry;
  return [{
    entry: { manager: "ancient-changes", operation: "Update", apiVersion: oldest.apiVersion, time: oldest.time, fieldsType: "FieldsV1", fieldsV1: {} },
    set: new Set([...merged].flatMap((o) => [...o.set]))
  }, ...list2.filter((o) => !merged.has(o))];
}
function recordUpdate(old, next, ctx) {
  if (delete next.metadata.managedFields, old && !old.metadata.managedFields?.length) return;
  let before = old ? leaves(old, ctx.listTypeAt, ctx.scope) : /* @__PURE__ */ new Map(), after = leaves(next, ctx.listTypeAt, ctx.scope), changed = [...after].filter(([p, v]) => before.get(p) !== v).map(([p]) => p), removed = [...before.keys()].filter((p) => !after.has(p)), list2 = owners(old);
  for (let o of list2) for (let p of [...changed, ...removed]) o.set.delete(p);
  if (changed.length) {
    let self = ownerFor(list2, { manager: ctx.manager, operation: "Update", apiVersion: ctx.apiVersion, time: ctx.time, ...ctx.subresource ? { subresource: ctx.subresource } : {} });
    for (let p of changed) self.set.add(p);
  }
  let entries = encode(capUpdateManagers(list2));
  entries.length && (next.metadata.managedFields = entries);
}
function printPath(p) {
  let out = "";
  for (let seg of JSON.parse(p))
    if (seg !== ".") {
      if (seg.startsWith("f:")) out += `.${seg.slice(2)}`;
      else if (seg.startsWith("v:")) out += `[=${seg.slice(2)}]`;
      else if (seg.startsWith("k:")) {
        let keys = JSON.parse(seg.slice(2));
        out += `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}]`;
      }
    }
  return out;
}
function printManager(e) {
  let s = JSON.stringify(e.manager);
  return e.subresource && (s += ` with subresource ${JSON.stringify(e.subresource)}`), e.operation === "Update" ? `${s} using ${e.apiVersion}` : s;
}
function conflictError(conflicts) {
  let message;
  if (conflicts.length === 1)
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].entry)}: ${printPath(conflicts[0].path)}`;
  else {
    let byManager = /* @__PURE__ */ new Map();
    for (let c of conflicts) byManager.set(printManager(c.entry), [...byManager.get(printManager(c.entry)) ?? [], printPath(c.path)]);
    let lines = [...byManager.keys()].sort().flatMap((m) => [`conflicts with ${m}:`, ...byManager.get(m).map((p) => `- ${p}`)]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join(`
`)}`;
  }
  return new ApiError({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason: "Conflict",
    details: { causes: conflicts.map((c) => ({ reason: "FieldManagerConflict", message: `conflict with ${printManager(c.entry)}`, field: printPath(c.path) })) },
    code: 409
  });
}
function findElement(list2, seg) {
  if (seg.startsWith("v:")) return list2.findIndex((x) => stableJson(x) === seg.slice(2));
  let keys = JSON.parse(seg.slice(2));
  return list2.findIndex((x) => isObject(x) && Object.entries(keys).every(([k, v]) => stableJson(x[k]) === stableJson(v)));
}
function removePath(obj, p) {
  let segs = JSON.parse(p).filter((s) => s !== "."), parent2 = obj;
  for (let [i, seg] of segs.entries()) {
    let last = i === segs.length - 1;
    if (seg.startsWith("f:")) {
      if (!isObject(parent2)) return;
      last ? delete parent2[seg.slice(2)] : parent2 = parent2[seg.slice(2)];
    } else {
      if (!Array.isArray(parent2)) return;
      let at = findElement(parent2, seg);
      if (at < 0) return;
      last ? parent2.splice(at, 1) : parent2 = parent2[at];
    }
  }
}
function mergeApplied(live, config, listTypeAt, names) {
  if (isObject(config)) {
    let out = isObject(live) ? { ...live } : {};
    for (let [k, v] of Object.entries(config))
      v === null ? delete out[k] : out[k] = mergeApplied(out[k], v, listTypeAt, [...names, k]);
    return out;
  }
  if (Array.isArray(config) && Array.isArray(live)) {
    let lt = listTypeAt(names);
    if (lt.type === "set") return [...live, ...config.filter((c) => !live.some((l) => stableJson(l) === stableJson(c)))];
    if (lt.type === "map") {
      let out = [...live];
      for (let c of config) {
        let seg = isObject(c) ? `k:${stableJson(Object.fromEntries(lt.keys.filter((k) => c[k] !== void 0).map((k) => [k, c[k]])))}` : "", at = seg ? findElement(out, seg) : -1;
        at >= 0 ? out[at] = mergeApplied(out[at], c, listTypeAt, names) : out.push(structuredClone(c));
      }
      return out;
    }
  }
  return structuredClone(config);
}
function serverSideApply(live, config, force, ctx) {
  let base = live ?? { apiVersion: config.apiVersion, kind: config.kind, metadata: { name: config.metadata.name, ...config.metadata.namespace ? { namespace: config.metadata.namespace } : {} } }, applied = leaves(config, ctx.listTypeAt, ctx.scope), current = leaves(base, ctx.listTypeAt, ctx.scope), list2 = owners(live);
  live && !list2.length && current.size && list2.push({ entry: { manager: "before-first-apply", operation: "Update", apiVersion: live.apiVersion, time: ctx.time, fieldsType: "FieldsV1", fieldsV1: {} }, set: new Set(current.keys()) });
  let self = ownerFor(list2, { manager: ctx.manager, operation: "Apply", apiVersion: ctx.apiVersion, time: ctx.time, ...ctx.subresource ? { subresource: ctx.subresource } : {} }), conflicts = [];
  for (let o of list2)
    if (o !== self)
      for (let p of o.set) applied.has(p) && !p.endsWith('"."]') && applied.get(p) !== current.get(p) && conflicts.push({ entry: o.entry, path: p });
  if (conflicts.length && !force) throw conflictError(conflicts);
  for (let c of conflicts) list2.find((o) => o.entry === c.entry).set.delete(c.path);
  let ownedByOthers = new Set(list2.filter((o) => o !== self).flatMap((o) => [...o.set])), dropped = [...self.set].filter((p) => !applied.has(p) && !ownedByOthers.has(p)), result = structuredClone(base);
  for (let p of dropped.sort((a, b) => b.length - a.length)) removePath(result, p);
  let { metadata: configMeta, apiVersion: _v, kind: _k, ...configRest } = config;
  ctx.scope === "main" && delete configRest.status;
  let body = ctx.scope === "status" ? { status: configRest.status } : configRest, merged = mergeApplied(result, body, ctx.listTypeAt, []);
  if (ctx.scope !== "status") {
    let metaRest = Object.fromEntries(Object.entries(configMeta).filter(([k]) => !SERVER_METADATA.has(k)));
    merged.metadata = mergeApplied(result.metadata, metaRest, ctx.listTypeAt, ["metadata"]);
  }
  return self.set = new Set(applied.keys()), merged.metadata.managedFields = encode(list2), merged;
}

// sdk/sim/kube-api/patch.ts
function mergePatch(target, patch2) {
  if (!isObject(patch2)) return structuredClone(patch2);
  let out = isObject(target) ? { ...target } : {};
  for (let [k, v] of Object.entries(patch2))
    v === null ? delete out[k] : out[k] = mergePatch(out[k], v);
  return out;
}
function patchDoesNotApply(message) {
  return new ApiError({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: "the server rejected our request due to an error in our request",
    reason: "Invalid",
    details: { causes: [{ reason: "UnexpectedServerResponse", message }] },
    code: 422
  });
}
function parsePointer(p) {
  if (typeof p != "string" || p !== "" && !p.startsWith("/")) throw badRequest(`invalid JSON pointer: ${String(p)}`);
  return p === "" ? [] : p.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
function parent(doc, segs, op, path) {
  let at = doc;
  for (let s of segs.slice(0, -1))
    if (at = Array.isArray(at) ? at[Number(s)] : isObject(at) ? at[s] : void 0, at === void 0) throw patchDoesNotApply(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  if (!isObject(at) && !Array.isArray(at)) throw patchDoesNotApply(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return { container: at, key: segs.at(-1) };
}
function arrayIndex(arr, key, forAdd, op, path) {
  if (forAdd && key === "-") return arr.length;
  let i = /^(0|[1-9]\d*)$/.test(key) ? Number(key) : NaN;
  if (Number.isNaN(i) || i > arr.length || !forAdd && i === arr.length)
    throw patchDoesNotApply(`${op} operation does not apply: doc is missing path: "${path}": index out of range`);
  return i;
}
function get(doc, segs, op, path) {
  if (!segs.length) return doc;
  let { container, key } = parent(doc, segs, op, path), v = Array.isArray(container) ? container[arrayIndex(container, key, !1, op, path)] : container[key];
  if (v === void 0) throw patchDoesNotApply(`${op} operation does not apply: doc is missing key: ${path}: missing value`);
  return v;
}
function remove(doc, segs, op, path) {
  let { container, key } = parent(doc, segs, op, path);
  if (Array.isArray(container)) return container.splice(arrayIndex(container, key, !1, op, path), 1)[0];
  if (!(key in container)) throw patchDoesNotApply(`${op} operation does not apply: doc is missing key: ${path}: missing value`);
  let v = container[key];
  return delete container[key], v;
}
function add(doc, segs, value, op, path) {
  if (!segs.length) return value;
  let { container, key } = parent(doc, segs, op, path);
  return Array.isArray(container) ? container.splice(arrayIndex(container, key, !0, op, path), 0, value) : container[key] = value, doc;
}
function jsonPatch(target, ops) {
  if (!Array.isArray(ops)) throw badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
  let doc = structuredClone(target);
  for (let raw of ops) {
    if (!isObject(raw) || typeof raw.op != "string") throw badRequest("Unexpected kind: missing op");
    let { op, path } = raw, segs = parsePointer(path);
    switch (op) {
      case "add":
        doc = add(doc, segs, structuredClone(raw.value), op, path);
        break;
      case "remove":
        remove(doc, segs, op, path);
        break;
      case "replace":
        if (!segs.length) doc = structuredClone(raw.value);
        else {
          get(doc, segs, op, path);
          let { container, key } = parent(doc, segs, op, path);
          Array.isArray(container) ? container[arrayIndex(container, key, !1, op, path)] = structuredClone(raw.value) : container[key] = structuredClone(raw.value);
        }
        break;
      case "move":
      case "copy": {
        let fromSegs = parsePointer(raw.from), v = op === "move" ? remove(doc, fromSegs, op, String(raw.from)) : structuredClone(get(doc, fromSegs, op, String(raw.from)));
        doc = add(doc, segs, v, op, path);
        break;
      }
      case "test":
        if (!jsonEqual(get(doc, segs, op, path), raw.value)) throw patchDoesNotApply(`testing value ${path} failed: test failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}
var DIRECTIVE = "$patch", RETAIN_KEYS = "$retainKeys", DELETE_FROM = "$deleteFromPrimitiveList/", ELEMENT_ORDER = "$setElementOrder/";
function stripDirectives(v) {
  if (Array.isArray(v)) return v.filter((e) => !(isObject(e) && e[DIRECTIVE] !== void 0 && Object.keys(e).length === 1)).map(stripDirectives);
  if (!isObject(v)) return v;
  let out = {};
  for (let [k, x] of Object.entries(v)) k.startsWith("$") || (out[k] = stripDirectives(x));
  return out;
}
function mergeList(original, patch2, listTypeAt, path) {
  if (patch2.some((e) => isObject(e) && e[DIRECTIVE] === "replace")) return stripDirectives(patch2);
  let lt = listTypeAt(path), base = Array.isArray(original) ? structuredClone(original) : [];
  if (lt.type === "set") return [...base, ...patch2.filter((p) => !base.some((b) => jsonEqual(b, p)))];
  if (lt.type === "atomic") return stripDirectives(patch2);
  let key = lt.mergeKey, out = base;
  for (let p of patch2) {
    if (!isObject(p)) throw badRequest(`unable to find api field in struct for the merge key "${key}" in list ${path.join(".")}`);
    let i = out.findIndex((o) => isObject(o) && o[key] === p[key]);
    p[DIRECTIVE] === "delete" ? i >= 0 && out.splice(i, 1) : i >= 0 ? out[i] = strategicMerge(out[i], p, listTypeAt, path) : out.push(stripDirectives(p));
  }
  return out;
}
function orderBy(list2, order, mergeKey) {
  let id = (v) => JSON.stringify(mergeKey && isObject(v) ? v[mergeKey] : v), rank = new Map(order.map((o, i) => [id(o), i]));
  return [...list2].sort((a, b) => (rank.get(id(a)) ?? 1 / 0) - (rank.get(id(b)) ?? 1 / 0));
}
function strategicMerge(original, patch2, listTypeAt, path = []) {
  if (patch2[DIRECTIVE] === "replace") return stripDirectives(patch2);
  let out = isObject(original) ? structuredClone(original) : {}, orders = [];
  for (let [k, v] of Object.entries(patch2)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS) continue;
    if (k.startsWith(DELETE_FROM)) {
      let field2 = k.slice(DELETE_FROM.length);
      Array.isArray(out[field2]) && Array.isArray(v) && (out[field2] = out[field2].filter((x) => !v.some((d) => jsonEqual(d, x))));
      continue;
    }
    if (k.startsWith(ELEMENT_ORDER)) {
      Array.isArray(v) && orders.push([k.slice(ELEMENT_ORDER.length), v]);
      continue;
    }
    let at = [...path, k];
    v === null || isObject(v) && v[DIRECTIVE] === "delete" ? delete out[k] : isObject(v) ? out[k] = strategicMerge(isObject(out[k]) ? out[k] : {}, v, listTypeAt, at) : Array.isArray(v) ? out[k] = mergeList(out[k], v, listTypeAt, at) : out[k] = v;
  }
  for (let [field2, order] of orders) {
    let lt = listTypeAt([...path, field2]);
    Array.isArray(out[field2]) && (out[field2] = orderBy(out[field2], order, lt.type === "map" ? lt.mergeKey : void 0));
  }
  let retain = patch2[RETAIN_KEYS];
  if (Array.isArray(retain)) for (let k of Object.keys(out)) retain.includes(k) || delete out[k];
  return out;
}

// sdk/sim/kube-api/admission.ts
var ISTIO_GROUP = "networking.istio.io";
function weightProblems(route) {
  if (!Array.isArray(route)) return [];
  let problems = [], total = 0;
  for (let d of route) {
    if (!d || typeof d != "object") {
      problems.push("weight may not be nil");
      continue;
    }
    d.destination || problems.push("destination is required");
    let w = d.weight ?? 0;
    w < 0 && problems.push(`weight ${w} < 0`), total += w;
  }
  return route.length > 1 && total !== 0 && total !== 100 && problems.push(`total destination weight ${total} != 100`), problems;
}
function virtualServiceProblems(vs) {
  let problems = [];
  for (let section of ["http", "tcp", "tls"]) {
    let rules = vs.spec?.[section];
    if (Array.isArray(rules))
      for (let rule of rules) problems.push(...weightProblems(rule?.route));
  }
  return problems;
}
function multiError(problems) {
  return problems.length === 1 ? problems[0] : `${problems.length} errors occurred:
${problems.map((p) => `	* ${p}`).join(`
`)}

`;
}
function admit(obj, t) {
  if (t.group === ISTIO_GROUP && t.kind === "VirtualService") {
    let problems = virtualServiceProblems(obj);
    if (problems.length)
      return failure(400, void 0, `admission webhook "validation.istio.io" denied the request: configuration is invalid: ${multiError(problems)}`);
  }
}

// sdk/sim/kube-api/crd-validation.ts
var import_ajv = __toESM(require_ajv(), 1);
var ajv = new import_ajv.Ajv({ allErrors: !0, strict: !1, logger: !1 });
for (let keyword of ["x-kubernetes-validations", "x-kubernetes-list-map-keys", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-map-type", "x-kubernetes-embedded-resource"])
  ajv.addKeyword({ keyword });
ajv.addKeyword({
  keyword: "x-kubernetes-int-or-string",
  schemaType: "boolean",
  errors: !0,
  validate: function intOrString(on, data) {
    let ok = !on || typeof data == "string" || Number.isInteger(data);
    return intOrString.errors = ok ? [] : [{ keyword: "x-kubernetes-int-or-string", message: "int-or-string", params: {} }], ok;
  }
});
ajv.addKeyword({
  keyword: "x-kubernetes-list-type",
  schemaType: "string",
  errors: !0,
  validate: function listType(type, data, parent2) {
    if (!Array.isArray(data) || type === "atomic") return !0;
    let keys = parent2?.["x-kubernetes-list-map-keys"] ?? [], identity = (item) => JSON.stringify(type === "map" && item && typeof item == "object" ? keys.map((k) => item[k]) : item), seen = /* @__PURE__ */ new Set(), errors = [];
    return data.forEach((item, i) => {
      let id = identity(item);
      seen.has(id) && errors.push({ keyword: "x-kubernetes-list-type", message: "duplicate", params: { index: i, item } }), seen.add(id);
    }), listType.errors = errors, errors.length === 0;
  }
});
var int = (bits) => (n) => Number.isInteger(n) && Math.abs(n) <= 2 ** (bits - 1);
ajv.addFormat("int32", { type: "number", validate: int(32) });
ajv.addFormat("int64", { type: "number", validate: int(64) });
ajv.addFormat("double", { type: "number", validate: () => !0 });
ajv.addFormat("float", { type: "number", validate: () => !0 });
ajv.addFormat("byte", /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i);
var compiled = /* @__PURE__ */ new WeakMap();
function validatorFor(schema) {
  let fn = compiled.get(schema);
  return fn || (fn = ajv.compile(schema), compiled.set(schema, fn)), fn;
}
function pruneAndDefault(value, schema, path, unknown) {
  if (Array.isArray(value)) {
    schema.items && value.forEach((v, i) => pruneAndDefault(v, schema.items, `${path}[${i}]`, unknown));
    return;
  }
  if (!isObject(value)) return;
  let props = schema.properties;
  for (let key of Object.keys(value)) {
    let sub = props?.[key] ?? (typeof schema.additionalProperties == "object" ? schema.additionalProperties : void 0), at = path ? `${path}.${key}` : key;
    sub ? pruneAndDefault(value[key], sub, at, unknown) : !schema["x-kubernetes-preserve-unknown-fields"] && schema.additionalProperties !== !0 && (unknown.push(at), delete value[key]);
  }
  for (let [key, sub] of Object.entries(props ?? {}))
    sub.default !== void 0 && (value[key] === void 0 || value[key] === null && !sub.nullable) && (value[key] = structuredClone(sub.default), pruneAndDefault(value[key], sub, path ? `${path}.${key}` : key, unknown));
}
function fieldPath(pointer, data) {
  let out = "", at = data;
  for (let raw of pointer.split("/").slice(1)) {
    let seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += Array.isArray(at) ? `[${seg}]` : out ? `.${seg}` : seg, at = at?.[seg];
  }
  return out;
}
var typeName = (v) => v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v;
function toFieldError(e, data) {
  let field2 = fieldPath(e.instancePath, data), value = e.instancePath.split("/").slice(1).reduce((v, s) => v?.[s.replace(/~1/g, "/").replace(/~0/g, "~")], data), inBody = `${field2 || "<root>"} in body`, p = e.params;
  switch (e.keyword) {
    case "required":
      return requiredValue(field2 ? `${field2}.${String(p.missingProperty)}` : String(p.missingProperty));
    case "type":
      return invalidValue(field2, typeName(value), `${inBody} must be of type ${String(p.type)}: ${quoteValue(typeName(value))}`);
    case "x-kubernetes-int-or-string":
      return invalidValue(field2, typeName(value), `${inBody} must be of type integer,string: ${quoteValue(typeName(value))}`);
    case "format":
      return invalidValue(field2, value, `${inBody} must be of type ${String(p.format)}: ${quoteValue(value)}`);
    case "enum":
      return {
        field: field2,
        reason: "FieldValueNotSupported",
        message: `Unsupported value: ${quoteValue(value)}: supported values: ${(p.allowedValues ?? []).map(quoteValue).join(", ")}`
      };
    case "maximum":
    case "minimum":
      return invalidValue(field2, value, `${inBody} should be ${e.keyword === "maximum" ? "less" : "greater"} than or equal to ${String(p.limit)}`);
    case "exclusiveMaximum":
    case "exclusiveMinimum":
      return invalidValue(field2, value, `${inBody} should be ${e.keyword === "exclusiveMaximum" ? "less" : "greater"} than ${String(p.limit)}`);
    case "maxLength":
      return { field: field2, reason: "FieldValueTooLong", message: `Too long: may not be more than ${String(p.limit)} bytes` };
    case "minLength":
      return invalidValue(field2, value, `${inBody} should be at least ${String(p.limit)} chars long`);
    case "maxItems":
    case "maxProperties":
      return { field: field2, reason: "FieldValueTooMany", message: `Too many: ${Array.isArray(value) ? value.length : Object.keys(value ?? {}).length}: must have at most ${String(p.limit)} ${e.keyword === "maxItems" ? "items" : "properties"}` };
    case "minItems":
    case "minProperties":
      return invalidValue(field2, value, `${inBody} should have at least ${String(p.limit)} ${e.keyword === "minItems" ? "items" : "properties"}`);
    case "pattern":
      return invalidValue(field2, value, `${inBody} should match '${String(p.pattern)}'`);
    case "x-kubernetes-list-type":
      return field2 = `${field2}[${String(p.index)}]`, { field: field2, reason: "FieldValueDuplicate", message: `Duplicate value: ${quoteValue(p.item)}` };
    case "oneOf":
      return invalidValue(field2, value, "must validate one and only one schema (oneOf)");
    case "anyOf":
      return invalidValue(field2, value, "must validate at least one schema (anyOf)");
    case "not":
      return invalidValue(field2, value, "must not validate the schema (not)");
    default:
      return e.message ? invalidValue(field2, value, `${inBody} ${e.message}`) : void 0;
  }
}
var insideCombinator = (e) => /\/(oneOf|anyOf|not)\//.test(e.schemaPath);
function checkCustomResource(schema, input) {
  let object = structuredClone(input), unknownFields = [], { apiVersion, kind, metadata, ...rest } = object;
  pruneAndDefault(rest, schema, "", unknownFields);
  let pruned = { apiVersion, kind, metadata, ...rest }, validate = validatorFor(schema);
  validate(pruned);
  let errors = (validate.errors ?? []).filter((e) => !insideCombinator(e)).map((e) => toFieldError(e, pruned)).filter((e) => e !== void 0);
  return { object: pruned, unknownFields, errors };
}

// sdk/sim/kube-api/meta.ts
var DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?", DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`, DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?", LABEL_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]", LABEL_VALUE = `(${LABEL_NAME})?`, full = (re) => new RegExp(`^${re}$`);
function nameRuleFor(kind, group) {
  return group === "" && kind === "Service" ? "dns1035" : group === "" && kind === "Namespace" ? "label" : "subdomain";
}
function nameProblems(name2, rule) {
  let out = [];
  return rule === "subdomain" ? (name2.length > 253 && out.push("must be no more than 253 characters"), full(DNS1123_SUBDOMAIN).test(name2) || out.push(
    `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN}')`
  )) : rule === "label" ? (name2.length > 63 && out.push("must be no more than 63 characters"), full(DNS1123_LABEL).test(name2) || out.push(
    `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${DNS1123_LABEL}')`
  )) : (name2.length > 63 && out.push("must be no more than 63 characters"), full(DNS1035_LABEL).test(name2) || out.push(
    `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${DNS1035_LABEL}')`
  )), out;
}
function qualifiedNameProblems(key) {
  let parts = key.split("/");
  if (parts.length > 2)
    return [
      `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${LABEL_NAME}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`
    ];
  let name2 = parts.at(-1), out = [];
  if (parts.length === 2) {
    let prefix = parts[0];
    prefix ? out.push(...nameProblems(prefix, "subdomain").map((p) => `prefix part ${p}`)) : out.push("prefix part must be non-empty");
  }
  return name2 ? (name2.length > 63 && out.push("name part must be no more than 63 characters"), full(LABEL_NAME).test(name2) || out.push(
    `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${LABEL_NAME}')`
  )) : out.push("name part must be non-empty"), out;
}
var TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024, OBJECT_META_FIELDS = /* @__PURE__ */ new Set([
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields"
]);
function pruneMetadata(obj) {
  let unknown = [];
  for (let key of Object.keys(obj.metadata))
    OBJECT_META_FIELDS.has(key) || (unknown.push(`metadata.${key}`), delete obj.metadata[key]);
  return unknown;
}
function metadataTypeError(obj) {
  let m = obj.metadata;
  if (typeof m != "object" || m === null || Array.isArray(m)) return "json: cannot unmarshal into Go struct field .metadata of type v1.ObjectMeta";
  for (let f of ["name", "generateName", "namespace", "resourceVersion", "uid"])
    if (m[f] !== void 0 && typeof m[f] != "string") return `json: cannot unmarshal ${typeof m[f]} into Go struct field ObjectMeta.metadata.${f} of type string`;
  for (let f of ["labels", "annotations"]) {
    let map2 = m[f];
    if (map2 != null) {
      if (typeof map2 != "object" || Array.isArray(map2)) return `json: cannot unmarshal ${Array.isArray(map2) ? "array" : typeof map2} into Go struct field ObjectMeta.metadata.${f} of type map[string]string`;
      for (let v of Object.values(map2))
        if (typeof v != "string") return `json: cannot unmarshal ${typeof v} into Go struct field ObjectMeta.metadata.${f} of type string`;
    }
  }
}
function validateMetadata(obj, rule) {
  let errors = [], { name: name2, generateName, labels, annotations } = obj.metadata;
  if (!name2)
    generateName || errors.push(requiredValue("metadata.name", "name or generateName is required"));
  else
    for (let p of nameProblems(name2, rule)) errors.push(invalidValue("metadata.name", name2, p));
  for (let [k, v] of Object.entries(labels ?? {})) {
    for (let p of qualifiedNameProblems(k)) errors.push(invalidValue("metadata.labels", k, p));
    v.length > 63 && errors.push(invalidValue("metadata.labels", v, "must be no more than 63 characters")), full(LABEL_VALUE).test(v) || errors.push(
      invalidValue(
        "metadata.labels",
        v,
        `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '${LABEL_VALUE}')`
      )
    );
  }
  let size = 0;
  for (let [k, v] of Object.entries(annotations ?? {})) {
    for (let p of qualifiedNameProblems(k.toLowerCase())) errors.push(invalidValue("metadata.annotations", k, p));
    size += k.length + v.length;
  }
  return size > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES && errors.push({ field: "metadata.annotations", reason: "FieldValueTooLong", message: `Too long: must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT_BYTES} bytes` }), errors;
}

// sdk/sim/kube-api/write-checks.ts
function scopeOf(route) {
  return route.subresource === "status" ? "status" : route.type.subresources.status ? "main" : "all";
}
function fieldValidation(query) {
  let v = query.get("fieldValidation") ?? "Warn";
  if (v !== "Strict" && v !== "Warn" && v !== "Ignore")
    throw badRequest(`fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
  return v;
}
function checkWrite(req, obj, old) {
  let { route } = req, t = route.type, mode = fieldValidation(req.query), decodeError = metadataTypeError(obj) ?? (t.crd ? void 0 : builtInTypeError(obj, t));
  if (decodeError) throw cannotHandle(t.kind, route.version, decodeError);
  let object = obj, unknown = pruneMetadata(object), errors = [];
  if (t.crd) {
    let check = checkCustomResource(t.crd.schemas[route.version], object);
    object = check.object, unknown.push(...check.unknownFields), errors.push(...check.errors);
  } else
    defaultBuiltIn(object, t, old === void 0);
  if (unknown.length && mode === "Strict")
    throw cannotHandle(t.kind, route.version, `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(", ")}`);
  let warnings = mode === "Warn" ? unknown.map((f) => `unknown field "${f}"`) : [];
  if (errors.unshift(...validateMetadata(object, nameRuleFor(t.kind, t.group))), t.crd || errors.push(...validateBuiltIn(object, old, t)), errors.length) throw invalid(t.kind, t.group, object.metadata.name ?? "", errors);
  let denied = admit(object, t);
  if (denied) throw denied;
  return { object, warnings };
}
function managerOf(req) {
  let m = req.query.get("fieldManager");
  if (m !== null) {
    if (m.length > 128) throw badRequest("fieldManager: Too long: may not be more than 128 bytes");
    return m;
  }
  return req.userAgent.split("/")[0] || "unknown";
}
function ownershipOf(req, manager = managerOf(req)) {
  return {
    manager,
    apiVersion: req.route.apiVersion,
    time: (/* @__PURE__ */ new Date()).toISOString().replace(/\.\d+Z$/, "Z"),
    listTypeAt: listTypesFor(req.route.type, req.route.version),
    scope: scopeOf(req.route),
    ...req.route.subresource && req.route.subresource !== "proxy" ? { subresource: req.route.subresource } : {}
  };
}
function isDryRun(query) {
  let values = query.getAll("dryRun");
  for (let v of values) if (v !== "All") throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  return values.length > 0;
}

// sdk/sim/kube-api/write.ts
import { randomUUID } from "node:crypto";

// sdk/sim/kube-api/selectors.ts
var KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/, VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
function terms(selector) {
  let out = [], depth = 0, cur = "";
  for (let ch of selector)
    ch === "(" && depth++, ch === ")" && depth--, ch === "," && depth === 0 ? (out.push(cur), cur = "") : cur += ch;
  return out.push(cur), out.map((t) => t.trim());
}
function checkKey(key) {
  if (!KEY.test(key) || key.length > 316) throw badRequest(`unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return key;
}
function checkValue(v) {
  if (!VALUE.test(v) || v.length > 63) throw badRequest(`unable to parse requirement: invalid label value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return v;
}
function labelTerm(term) {
  let m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (m) {
    let key = checkKey(m[1]), values = m[3].split(",").map((v) => checkValue(v.trim()));
    return m[2] === "in" ? (l) => key in l && values.includes(l[key]) : (l) => !(key in l) || !values.includes(l[key]);
  }
  if (m = /^([^=!<>\s]+)\s*(==|=|!=|<|>)\s*(\S*)$/.exec(term), m) {
    let key = checkKey(m[1]), op = m[2];
    if (op === "<" || op === ">") {
      let n = Number(m[3]);
      if (!Number.isInteger(n)) throw badRequest("unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer");
      return (l) => key in l && (op === "<" ? Number(l[key]) < n : Number(l[key]) > n);
    }
    let value = checkValue(m[3]);
    return op === "!=" ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  if (m = /^(!?)\s*(\S+)$/.exec(term), m) {
    let key = checkKey(m[2]);
    return m[1] ? (l) => !(key in l) : (l) => key in l;
  }
  throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
}
function parseLabelSelector(selector) {
  if (!selector?.trim()) return () => !0;
  let tests = terms(selector).map((t) => {
    if (!t) throw badRequest("unable to parse requirement: found '', expected: identifier");
    return labelTerm(t);
  });
  return (obj) => tests.every((t) => t(obj.metadata.labels ?? {}));
}
var FIELDS = {
  Pod: ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP", "status.nominatedNodeName"],
  Event: ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
  Secret: ["type"],
  Namespace: ["status.phase"],
  ReplicaSet: ["status.replicas"]
};
function fieldValue(obj, path) {
  if (path === "source") return String(obj.source?.component ?? "");
  let v = path.split(".").reduce((o, k) => o?.[k], obj);
  return v == null ? "" : String(v);
}
function parseFieldSelector(selector, t) {
  if (!selector?.trim()) return () => !0;
  let allowed = /* @__PURE__ */ new Set(["metadata.name", "metadata.namespace", ...t.crd ? [] : FIELDS[t.kind] ?? []]), tests = terms(selector).map((term) => {
    let m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    let [, field2, op, value] = m;
    if (!allowed.has(field2)) throw badRequest(`field label not supported: ${field2}`);
    return (obj) => op === "!=" != (fieldValue(obj, field2) === value);
  });
  return (obj) => tests.every((t2) => t2(obj));
}

// sdk/sim/kube-api/table.ts
var TABLE_CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io", wantsTable = (accept) => /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept) && /v=v1(;|,|$)/.test(accept);
function humanDuration(ms) {
  let s = Math.floor(ms / 1e3);
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 120) return `${s}s`;
  let m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  let h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (h < 192) return h % 24 === 0 ? `${Math.floor(h / 24)}d` : `${Math.floor(h / 24)}d${h % 24}h`;
  let d = Math.floor(h / 24);
  if (d < 730) return `${d}d`;
  let y = Math.floor(d / 365);
  return y < 8 ? `${y}y${d % 365}d` : `${y}y`;
}
var age = (timestamp) => typeof timestamp == "string" ? humanDuration(Date.now() - Date.parse(timestamp)) : "<unknown>", NAME = { name: "Name", type: "string", format: "name", description: "Name must be unique within a namespace.", cell: (o) => o.metadata.name }, AGE = { name: "Age", type: "string", description: "CreationTimestamp of the object.", cell: (o) => age(o.metadata.creationTimestamp) }, col = (name2, cell, type = "string", priority = 0) => ({ name: name2, type, cell, ...priority ? { priority } : {} }), num = (v) => typeof v == "number" ? v : 0, BUILT_IN_COLUMNS = {
  Deployment: [
    NAME,
    col("Ready", (o) => `${num(o.status?.readyReplicas)}/${num(o.spec?.replicas)}`),
    col("Up-to-date", (o) => num(o.status?.updatedReplicas), "integer"),
    col("Available", (o) => num(o.status?.availableReplicas), "integer"),
    AGE,
    col("Containers", (o) => (o.spec?.template?.spec?.containers ?? []).map((c) => c.name).join(","), "string", 1),
    col("Images", (o) => (o.spec?.template?.spec?.containers ?? []).map((c) => c.image).join(","), "string", 1)
  ],
  ReplicaSet: [
    NAME,
    col("Desired", (o) => num(o.spec?.replicas), "integer"),
    col("Current", (o) => num(o.status?.replicas), "integer"),
    col("Ready", (o) => num(o.status?.readyReplicas), "integer"),
    AGE
  ],
  Pod: [
    NAME,
    col("Ready", (o) => `${(o.status?.containerStatuses ?? []).filter((s) => s.ready).length}/${(o.spec?.containers ?? []).length}`),
    col("Status", (o) => o.status?.reason ?? o.status?.phase ?? "Unknown"),
    col("Restarts", (o) => (o.status?.containerStatuses ?? []).reduce((n, s) => n + num(s.restartCount), 0), "string"),
    AGE
  ],
  Service: [
    NAME,
    col("Type", (o) => o.spec?.type ?? "ClusterIP"),
    col("Cluster-IP", (o) => o.spec?.clusterIP ?? "<none>"),
    col("External-IP", () => "<none>"),
    col("Port(s)", (o) => (o.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? "TCP"}`).join(",") || "<none>"),
    AGE
  ],
  Namespace: [NAME, col("Status", (o) => o.status?.phase ?? "Active"), AGE],
  ConfigMap: [NAME, col("Data", (o) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, "integer"), AGE],
  Secret: [NAME, col("Type", (o) => String(o.type ?? "Opaque")), col("Data", (o) => Object.keys(o.data ?? {}).length, "integer"), AGE],
  Ingress: [
    NAME,
    col("Class", (o) => o.spec?.ingressClassName ?? "<none>"),
    col("Hosts", (o) => (o.spec?.rules ?? []).map((r) => r.host ?? "*").join(",") || "*"),
    col("Address", (o) => (o.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname).join(",")),
    col("Ports", (o) => o.spec?.tls?.length ? "80, 443" : "80"),
    AGE
  ],
  Event: [
    col("Last Seen", (o) => age(o.lastTimestamp ?? o.eventTime ?? o.metadata.creationTimestamp)),
    col("Type", (o) => String(o.type ?? "")),
    col("Reason", (o) => String(o.reason ?? "")),
    col("Object", (o) => {
      let io = o.involvedObject;
      return `${(io?.kind ?? "").toLowerCase()}/${io?.name ?? ""}`;
    }),
    col("Message", (o) => String(o.message ?? ""))
  ]
};
function jsonPath(obj, path) {
  let steps = path.replace(/^\{?\.?|\}$/g, "").match(/[^.[\]]+|\[\d+\]/g) ?? [], at = obj;
  for (let s of steps) {
    if (at == null) return;
    at = s.startsWith("[") ? at[Number(s.slice(1, -1))] : at[s];
  }
  return at;
}
function crdColumn(c) {
  return {
    name: c.name,
    type: c.type === "date" ? "date" : c.type,
    ...c.description ? { description: c.description } : {},
    ...c.priority ? { priority: c.priority } : {},
    cell: (o) => {
      let v = jsonPath(o, c.jsonPath);
      return v == null ? null : c.type === "date" ? age(v) : typeof v == "object" ? JSON.stringify(v) : v;
    }
  };
}
function columnsFor(route) {
  let t = route.type;
  if (t.crd) {
    let cols = t.crd.printerColumns[route.version] ?? [];
    return cols.length ? [NAME, ...cols.map(crdColumn)] : [NAME, AGE];
  }
  return BUILT_IN_COLUMNS[t.kind] ?? [NAME, AGE];
}
function toTable(route, objects, resourceVersion, query) {
  let columns = columnsFor(route), include = query.get("includeObject") ?? "Metadata";
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion },
    columnDefinitions: columns.map(({ cell: _cell, ...def }) => ({ format: "", description: "", priority: 0, ...def })),
    rows: objects.map((o) => ({
      cells: columns.map((c) => c.cell(o)),
      ...include === "None" ? {} : { object: include === "Object" ? o : { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata } }
    }))
  };
}

// sdk/sim/kube-api/read.ts
function get2(ctx, req) {
  let { route } = req, obj = ctx.objects.get(route.type, route.namespace, route.name);
  if (!obj) throw notFound({ group: route.group, plural: route.type.plural }, route.name);
  let served = present(obj, route.apiVersion);
  return wantsTable(req.accept) ? { status: 200, body: toTable(route, [served], ctx.objects.store.resourceVersion, req.query), contentType: TABLE_CONTENT_TYPE } : { status: 200, body: served };
}
function matching(ctx, req) {
  let { route } = req, byLabel = parseLabelSelector(req.query.get("labelSelector")), byField = parseFieldSelector(req.query.get("fieldSelector"), route.type);
  return ctx.objects.list(route.type, route.namespace).filter((o) => byLabel(o) && byField(o)).map((o) => present(o, route.apiVersion));
}
function decodeContinue(token) {
  try {
    let t = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (typeof t.rv == "string" && Number.isInteger(t.start) && t.start >= 0) return t;
  } catch {
  }
  throw badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
}
function list(ctx, req) {
  let { route, query } = req, all = matching(ctx, req), rv = ctx.objects.store.resourceVersion, start = 0, token = query.get("continue");
  if (token) {
    let t = decodeContinue(token);
    if (t.rv !== rv)
      throw failure(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
    start = t.start;
  }
  let limitParam = query.get("limit"), limit = limitParam ? Number(limitParam) : 0;
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`limit: Invalid value: ${limitParam}`);
  let end = limit > 0 ? Math.min(all.length, start + limit) : all.length, items = all.slice(start, end), metadata = { resourceVersion: rv };
  if (end < all.length && (metadata.continue = Buffer.from(JSON.stringify({ rv, start: end })).toString("base64url"), metadata.remainingItemCount = all.length - end), wantsTable(req.accept)) {
    let table = toTable(route, items, rv, query);
    return table.metadata = metadata, { status: 200, body: table, contentType: TABLE_CONTENT_TYPE };
  }
  let encoded = route.type.crd ? items : items.map(({ apiVersion: _v, kind: _k, ...rest }) => rest);
  return { status: 200, body: { kind: route.type.listKind, apiVersion: route.apiVersion, metadata, items: encoded } };
}

// sdk/sim/kube-api/write.ts
var resourceOf = (route) => ({ group: route.group, plural: route.type.plural });
function nameSuffix() {
  let alphabet = "bcdfghjklmnpqrstvwxz2456789";
  return Array.from({ length: 5 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");
}
function requireNamespace(ctx, route) {
  if (route.type.namespaced && route.namespace !== void 0 && !ctx.objects.namespaceExists(route.namespace))
    throw notFound({ group: "", plural: "namespaces" }, route.namespace);
}
function commitCreate(ctx, route, obj, dryRun) {
  if (ctx.objects.get(route.type, obj.metadata.namespace, obj.metadata.name)) throw alreadyExists(resourceOf(route), obj.metadata.name);
  if (dryRun)
    return { ...obj, metadata: { ...obj.metadata, uid: randomUUID(), creationTimestamp: (/* @__PURE__ */ new Date()).toISOString().replace(/\.\d+Z$/, "Z"), generation: 1 } };
  try {
    let created = ctx.objects.store.create(obj);
    return ctx.afterWrite(), created;
  } catch (err) {
    throw err instanceof StoreAlreadyExists ? alreadyExists(resourceOf(route), obj.metadata.name) : err;
  }
}
function commitUpdate(ctx, route, old, next, expectedRv, dryRun) {
  if (expectedRv !== void 0 && expectedRv !== old.metadata.resourceVersion) throw conflict(resourceOf(route), old.metadata.name);
  if (dryRun) return next;
  if (jsonEqual({ ...next, apiVersion: old.apiVersion }, old)) return present(old, route.apiVersion);
  let key = { apiVersion: old.apiVersion, kind: old.kind, namespace: old.metadata.namespace, name: old.metadata.name }, toStore = { ...next, apiVersion: old.apiVersion }, raw = ctx.objects.store.get(key);
  raw && jsonEqual(next.spec, old.spec) && (toStore.spec = raw.spec);
  try {
    let stored = ctx.objects.store.update(toStore, { expectedResourceVersion: old.metadata.resourceVersion });
    return ctx.afterWrite(), present(stored, route.apiVersion);
  } catch (err) {
    throw err instanceof StoreConflict ? conflict(resourceOf(route), old.metadata.name) : err instanceof StoreNotFound ? notFound(resourceOf(route), old.metadata.name) : err;
  }
}
function create(ctx, req) {
  let { route } = req, dryRun = isDryRun(req.query), obj = decodeObject(req);
  requireNamespace(ctx, route);
  let meta2 = obj.metadata;
  if (!meta2.name && typeof meta2.generateName == "string" && meta2.generateName && (meta2.name = `${meta2.generateName}${nameSuffix()}`), meta2.resourceVersion) throw internalError("resourceVersion should not be set on objects to be created");
  for (let f of ["uid", "creationTimestamp", "generation", "managedFields", "deletionTimestamp"]) delete meta2[f];
  scopeOf(route) === "main" && delete obj.status;
  let { object, warnings } = checkWrite(req, obj, void 0);
  return recordUpdate(void 0, object, ownershipOf(req)), { status: 201, body: commitCreate(ctx, route, object, dryRun), headers: { Warning: warnings.map(warning) } };
}
var warning = (text2) => `299 - ${JSON.stringify(text2)}`;
function scopedObject(route, old, incoming) {
  let scope = scopeOf(route);
  if (scope === "status") return { ...structuredClone(old), apiVersion: route.apiVersion, status: incoming.status };
  let next = structuredClone(incoming);
  scope === "main" && (old.status === void 0 ? delete next.status : next.status = structuredClone(old.status));
  for (let f of ["uid", "creationTimestamp", "generation"])
    old.metadata[f] !== void 0 && (next.metadata[f] = old.metadata[f]);
  return next;
}
function checkUid(route, old, uid) {
  if (uid !== void 0 && uid !== "" && uid !== old.metadata.uid)
    throw failure(409, "Conflict", `Operation cannot be fulfilled on ${route.type.plural}${route.group ? `.${route.group}` : ""} "${old.metadata.name}": Precondition failed: UID in precondition: ${String(uid)}, UID in object meta: ${old.metadata.uid}`, {
      name: old.metadata.name,
      ...route.group ? { group: route.group } : {},
      kind: route.type.plural
    });
}
function replace(ctx, req) {
  let { route } = req, dryRun = isDryRun(req.query), incoming = decodeObject(req);
  checkNameMatches(incoming, route);
  let old = ctx.objects.get(route.type, route.namespace, route.name);
  if (!old) throw notFound(resourceOf(route), route.name);
  let rv = incoming.metadata.resourceVersion;
  if (route.type.crd && !rv)
    throw invalid(route.type.kind, route.group, route.name, [{ field: "metadata.resourceVersion", reason: "FieldValueInvalid", message: "Invalid value: 0x0: must be specified for an update" }]);
  checkUid(route, old, incoming.metadata.uid);
  let next = scopedObject(route, old, incoming), { object, warnings } = checkWrite(req, next, old);
  return recordUpdate(old, object, ownershipOf(req)), { status: 200, body: commitUpdate(ctx, route, old, object, rv || void 0, dryRun), headers: { Warning: warnings.map(warning) } };
}
var returnsDeletedObject = (route) => route.type.crd !== void 0 || route.group === "" && (route.type.kind === "Pod" || route.type.kind === "Namespace");
function deleteOne(ctx, route, old) {
  if (route.group === "" && route.type.kind === "Namespace") {
    for (let t of ctx.table.all)
      if (t.namespaced)
        for (let o of ctx.objects.list(t, old.metadata.name)) ctx.objects.store.delete({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name });
  }
  ctx.objects.store.delete({ apiVersion: old.apiVersion, kind: old.kind, namespace: old.metadata.namespace, name: old.metadata.name });
}
function remove2(ctx, req) {
  let { route } = req, dryRun = isDryRun(req.query), old = ctx.objects.get(route.type, route.namespace, route.name);
  if (!old) throw notFound(resourceOf(route), route.name);
  let options = req.body.length ? decodeBody(req) : void 0;
  checkUid(route, old, options?.preconditions?.uid);
  let rv = options?.preconditions?.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) throw conflict(resourceOf(route), old.metadata.name);
  return dryRun || (deleteOne(ctx, route, old), ctx.afterWrite()), { status: 200, body: returnsDeletedObject(route) ? present(old, route.apiVersion) : success(resourceOf(route), old.metadata.name, old.metadata.uid) };
}
function removeCollection(ctx, req) {
  let dryRun = isDryRun(req.query), matched = list(ctx, req).body;
  if (!dryRun && matched.items.length) {
    for (let o of matched.items) {
      let stored = ctx.objects.get(req.route.type, o.metadata.namespace, o.metadata.name);
      stored && deleteOne(ctx, req.route, stored);
    }
    ctx.afterWrite();
  }
  return { status: 200, body: matched };
}

// sdk/sim/kube-api/patching.ts
var JSON_PATCH = "application/json-patch+json", MERGE_PATCH = "application/merge-patch+json", STRATEGIC_PATCH = "application/strategic-merge-patch+json", APPLY_PATCH = "application/apply-patch+yaml";
function patchTypesFor(builtIn2) {
  return builtIn2 ? [JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH, APPLY_PATCH] : [JSON_PATCH, MERGE_PATCH, APPLY_PATCH];
}
function checkPatchOptions(req) {
  let causes = [];
  if (req.contentType === APPLY_PATCH ? req.query.get("fieldManager") || causes.push({ field: "fieldManager", reason: "FieldValueRequired", message: "Required value: is required for apply patch" }) : req.query.has("force") && causes.push({ field: "force", reason: "FieldValueForbidden", message: "Forbidden: may not be specified for non-apply patch" }), causes.length) throw invalid("PatchOptions", "meta.k8s.io", "", causes);
}
function applyPatchDocument(req, current) {
  let doc = decodeBody({ body: req.body, contentType: "application/json" });
  if (req.contentType === JSON_PATCH) return jsonPatch(current, doc);
  if (doc === null || typeof doc != "object" || Array.isArray(doc)) throw badRequest(`json: cannot unmarshal ${Array.isArray(doc) ? "array" : typeof doc} into Go value of type map[string]interface {}`);
  return req.contentType === MERGE_PATCH ? mergePatch(current, doc) : strategicMerge(current, doc, listTypesFor(req.route.type, req.route.version));
}
function apply(ctx, req, dryRun) {
  let { route } = req, config = objectFor(route, decodeBody(req));
  if (checkNameMatches(config, route), config.metadata.managedFields !== void 0) throw badRequest("metadata.managedFields must be nil");
  let force = req.query.get("force") === "true", ownership = ownershipOf(req), old = ctx.objects.get(route.type, route.namespace, route.name), rv = config.metadata.resourceVersion;
  if (!old) {
    if (route.subresource) throw notFound({ group: route.group, plural: route.type.plural }, route.name);
    if (requireNamespace(ctx, route), rv) throw conflict({ group: route.group, plural: route.type.plural }, route.name);
    let { object: object2, warnings: warnings2 } = checkWrite(req, serverSideApply(void 0, config, force, ownership), void 0);
    return { status: 201, body: commitCreate(ctx, route, object2, dryRun), headers: { Warning: warnings2.map(warning) } };
  }
  if (rv && rv !== old.metadata.resourceVersion) throw conflict({ group: route.group, plural: route.type.plural }, route.name);
  checkUid(route, old, config.metadata.uid);
  let merged = serverSideApply(present(old, route.apiVersion), config, force, ownership), { object, warnings } = checkWrite(req, scopedObject(route, old, merged), old);
  return object.metadata.managedFields = merged.metadata.managedFields, { status: 200, body: commitUpdate(ctx, route, old, object, void 0, dryRun), headers: { Warning: warnings.map(warning) } };
}
function patch(ctx, req) {
  let { route } = req;
  if (!patchTypesFor(!route.type.crd).includes(req.contentType)) throw unsupportedMediaType(patchTypesFor(!route.type.crd));
  checkPatchOptions(req);
  let dryRun = isDryRun(req.query);
  if (req.contentType === APPLY_PATCH) return apply(ctx, req, dryRun);
  let old = ctx.objects.get(route.type, route.namespace, route.name);
  if (!old) throw notFound({ group: route.group, plural: route.type.plural }, route.name);
  let current = present(old, route.apiVersion), patched = objectFor(route, applyPatchDocument(req, current));
  if (patched.metadata.name !== old.metadata.name)
    throw badRequest(`the name of the object (${String(patched.metadata.name)}) does not match the name on the URL (${route.name})`);
  let rv = patched.metadata.resourceVersion;
  if (rv !== void 0 && rv !== old.metadata.resourceVersion) throw conflict({ group: route.group, plural: route.type.plural }, route.name);
  checkUid(route, old, patched.metadata.uid);
  let { object, warnings } = checkWrite(req, scopedObject(route, old, patched), old);
  return recordUpdate(old, object, ownershipOf(req)), { status: 200, body: commitUpdate(ctx, route, old, object, void 0, dryRun), headers: { Warning: warnings.map(warning) } };
}

// sdk/sim/kube-api/proxy.ts
function defaultPort(pod) {
  for (let c of pod.spec?.containers ?? []) for (let p of c.ports ?? []) if (typeof p.containerPort == "number") return p.containerPort;
  return 80;
}
function namedPort(pod, name2) {
  for (let c of pod.spec?.containers ?? []) for (let p of c.ports ?? []) if (p.name === name2) return p.containerPort;
}
function parseTarget(target) {
  let parts = target.split(":");
  return parts.length === 3 ? { name: parts[1], port: parts[2] || void 0 } : parts.length === 2 ? { name: parts[0], port: parts[1] || void 0 } : { name: target };
}
function proxy(ctx, req) {
  if (req.method !== "GET") throw methodNotAllowed();
  let { route } = req, { name: name2, port: portText } = parseTarget(route.name), pod = ctx.objects.get(route.type, route.namespace, name2);
  if (!pod) throw notFound({ group: "", plural: "pods" }, name2);
  let port = portText === void 0 ? defaultPort(pod) : /^\d+$/.test(portText) ? Number(portText) : namedPort(pod, portText), podIP = pod.status?.podIP ?? "10.244.0.1";
  if (port === void 0) throw failure(503, "ServiceUnavailable", `no such port name ${JSON.stringify(portText)} on pod ${name2}`);
  let query = req.query.toString(), path = `/${route.proxyPath ?? ""}${query ? `?${query}` : ""}`, answer = ctx.podProxy?.({ namespace: route.namespace, pod: name2, port, path });
  if (!answer)
    throw failure(503, "ServiceUnavailable", `error trying to reach service: dial tcp ${podIP}:${port}: connect: connection refused`);
  return { status: answer.status, body: answer.body, contentType: "text/plain; charset=utf-8" };
}

// sdk/sim/kube-api/rbac.ts
function verbOf(method, named, watch) {
  switch (method.toUpperCase()) {
    case "GET":
    case "HEAD":
      return watch ? "watch" : named ? "get" : "list";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return named ? "delete" : "deletecollection";
    default:
      return method.toLowerCase();
  }
}
var has = (list2, v) => list2.includes("*") || list2.includes(v);
function authorize(policy, verb, route) {
  let resource = route.subresource ? `${route.type.plural}/${route.subresource}` : route.type.plural;
  if (policy.rules.some(
    (r) => has(r.verbs, verb) && has(r.apiGroups, route.group) && (has(r.resources, resource) || route.subresource !== void 0 && r.resources.includes(`*/${route.subresource}`)) && (r.namespaces === void 0 || route.namespace !== void 0 && has(r.namespaces, route.namespace))
  )) return;
  let scope = route.namespace !== void 0 ? `in the namespace "${route.namespace}"` : "at the cluster scope";
  throw forbidden(
    { group: route.group, plural: route.type.plural },
    route.name,
    `User "${policy.user}" cannot ${verb} resource "${resource}" in API group "${route.group}" ${scope}`
  );
}

// sdk/sim/kube-api/routes.ts
function splitPath(pathname) {
  return pathname.split("/").filter((s) => s !== "").map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw pathNotFound();
    }
  });
}
function parseResourceRoute(table, segments) {
  let group, version, rest;
  if (segments[0] === "api")
    group = "", version = segments[1], rest = segments.slice(2);
  else if (segments[0] === "apis")
    group = segments[1] ?? "", version = segments[2], rest = segments.slice(3);
  else throw pathNotFound();
  if (!version || !rest.length) throw pathNotFound();
  let namespace;
  rest[0] === "namespaces" && rest.length >= 3 && !(group === "" && rest.length === 3 && (rest[2] === "status" || rest[2] === "finalize")) && (namespace = rest[1], rest = rest.slice(2));
  let [plural, name2, sub, ...more] = rest, type = table.lookup(group, version, plural);
  if (!type) throw pathNotFound();
  if (namespace !== void 0 && !type.namespaced) throw pathNotFound();
  if (name2 === "" || name2 !== void 0 && type.namespaced && namespace === void 0) throw pathNotFound();
  let route = {
    type,
    group,
    version,
    apiVersion: groupVersion(group, version),
    ...namespace !== void 0 ? { namespace } : {},
    ...name2 !== void 0 ? { name: name2 } : {}
  };
  if (sub === void 0) return route;
  if (!(sub === "status" && type.subresources.status || sub === "scale" && type.subresources.scale || sub === "proxy" && type.subresources.proxy)) throw pathNotFound();
  if (more.length && sub !== "proxy") throw pathNotFound();
  return route.subresource = sub, sub === "proxy" && (route.proxyPath = more.join("/")), route;
}

// sdk/sim/kube-api/scale.ts
var SCALE_PATCH_TYPES = [JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH];
function scaleOf(obj) {
  let matchLabels = obj.spec?.selector?.matchLabels ?? {};
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: {
      replicas: obj.status?.replicas ?? 0,
      selector: Object.entries(matchLabels).map(([k, v]) => `${k}=${v}`).join(",")
    }
  };
}
function replicasOf(scale2, name2) {
  let replicas = scale2?.spec?.replicas;
  if (replicas == null) return 0;
  if (typeof replicas != "number" || !Number.isInteger(replicas))
    throw cannotHandle("Scale", "v1", `json: cannot unmarshal ${typeof replicas == "number" ? `number ${replicas}` : typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
  if (replicas < 0) throw invalid("Scale", "autoscaling", name2, [invalidValue("spec.replicas", replicas, "must be greater than or equal to 0")]);
  return replicas;
}
function scale(ctx, req) {
  let { route } = req, old = ctx.objects.get(route.type, route.namespace, route.name);
  if (!old) throw notFound({ group: route.group, plural: route.type.plural }, route.name);
  if (req.method === "GET") return { status: 200, body: scaleOf(old) };
  let dryRun = isDryRun(req.query), wanted;
  if (req.method === "PUT") {
    if (wanted = decodeBody(req), !wanted || typeof wanted != "object") throw badRequest("the object provided is unrecognized (must be of type Scale)");
  } else {
    if (req.contentType === APPLY_PATCH || !SCALE_PATCH_TYPES.includes(req.contentType)) throw unsupportedMediaType(SCALE_PATCH_TYPES);
    checkPatchOptions(req), wanted = applyPatchDocument(req, scaleOf(old));
  }
  let replicas = replicasOf(wanted, old.metadata.name), rv = wanted.metadata?.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) throw conflict({ group: route.group, plural: route.type.plural }, old.metadata.name);
  checkUid(route, old, wanted.metadata?.uid);
  let next = structuredClone(old);
  next.apiVersion = route.apiVersion, next.spec = { ...next.spec, replicas };
  let mainRoute = { ...route };
  delete mainRoute.subresource;
  let { object } = checkWrite({ ...req, route: mainRoute }, next, old);
  return recordUpdate(old, object, ownershipOf(req)), { status: 200, body: scaleOf(commitUpdate(ctx, mainRoute, old, object, void 0, dryRun)) };
}

// sdk/sim/kube-api/watch.ts
var MAX_WATCHES = 256, DEFAULT_WATCH_SECONDS = 1800;
function createWatches() {
  let open = /* @__PURE__ */ new Set();
  return {
    open(ctx, req, res) {
      if (open.size >= MAX_WATCHES) throw failure(429, "TooManyRequests", "Too many requests, please try again later.", { retryAfterSeconds: 1 });
      let { route, query } = req, byLabel = parseLabelSelector(query.get("labelSelector")), byField = parseFieldSelector(query.get("fieldSelector"), route.type), timeoutParam = query.get("timeoutSeconds"), seconds = timeoutParam === null ? DEFAULT_WATCH_SECONDS : Number(timeoutParam);
      if (!Number.isFinite(seconds) || seconds < 0) throw badRequest(`timeoutSeconds: Invalid value: ${timeoutParam}`);
      let apiVersions = new Set(route.type.versions.map((v) => groupVersion(route.group, v))), rv = query.get("resourceVersion"), initial = !rv || rv === "0" ? matching(ctx, req) : [];
      res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked", "Cache-Control": "no-cache, private" }), res.flushHeaders();
      let send3 = (type, object) => res.write(`${JSON.stringify({ type, object })}
`);
      for (let o of initial) send3("ADDED", o);
      let stop = ctx.objects.store.onChange(({ type, object }) => {
        !apiVersions.has(object.apiVersion) || object.kind !== route.type.kind || route.namespace !== void 0 && object.metadata.namespace !== route.namespace || !byLabel(object) || !byField(object) || send3(type, present(ctx.objects.decode(route.type, object), route.apiVersion));
      }), ended = !1, end = () => {
        ended || (ended = !0, stop(), clearTimeout(timer), open.delete(end), res.end());
      }, timer = setTimeout(end, seconds * 1e3);
      open.add(end), res.on("close", end);
    },
    closeAll() {
      for (let end of [...open]) end();
    }
  };
}

// sdk/sim/kube-api/server.ts
var MAX_REQUEST_BYTES = 3 * 1024 * 1024, MAX_REQUEST_LOG = 1e5, MAX_CONNECTIONS = 1024, DEFAULT_CRD_DIR = fileURLToPath(new URL("../crds", import.meta.url));
function readBody(req) {
  return new Promise((resolve, reject) => {
    let chunks = [], size = 0;
    req.on("data", (c) => {
      if (size += c.length, size > MAX_REQUEST_BYTES) {
        reject(failure(413, "RequestEntityTooLarge", `Request entity too large: limit is ${MAX_REQUEST_BYTES}`)), req.resume();
        return;
      }
      chunks.push(c);
    }), req.on("end", () => resolve(Buffer.concat(chunks))), req.on("error", reject);
  });
}
function send(res, reply, pretty) {
  if (res.headersSent || res.destroyed) return;
  for (let [k, v] of Object.entries(reply.headers ?? {})) (!Array.isArray(v) || v.length) && res.setHeader(k, v);
  let text2 = typeof reply.body == "string" || Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body, null, pretty ? 2 : void 0);
  res.writeHead(reply.status, { "Content-Type": reply.contentType ?? "application/json", "Cache-Control": "no-cache, private" }), res.end(text2);
}
function errorReply(err) {
  let retry = err.status.details?.retryAfterSeconds;
  return { status: err.status.code, body: err.status, ...retry !== void 0 ? { headers: { "Retry-After": String(retry) } } : {} };
}
var isWatch = (query) => query.get("watch") === "true" || query.get("watch") === "1";
function dispatch(ctx, req, watches, res) {
  let { method, route } = req;
  if (route.subresource === "proxy") return proxy(ctx, req);
  if (route.subresource === "scale") {
    if (method === "GET" || method === "PUT" || method === "PATCH") return scale(ctx, req);
    throw methodNotAllowed();
  }
  if (route.name === void 0) {
    if (method === "GET" && isWatch(req.query)) {
      watches.open(ctx, req, res);
      return;
    }
    if (method === "GET") return list(ctx, req);
    if (route.type.namespaced && route.namespace === void 0) throw methodNotAllowed();
    if (method === "POST") return create(ctx, req);
    if (method === "DELETE") return removeCollection(ctx, req);
    throw methodNotAllowed();
  }
  switch (method) {
    case "GET":
      return get2(ctx, req);
    case "PUT":
      return replace(ctx, req);
    case "PATCH":
      return patch(ctx, req);
    case "DELETE":
      if (route.subresource) throw methodNotAllowed();
      return remove2(ctx, req);
    default:
      throw methodNotAllowed();
  }
}
function conflictMessageFor(table, pathname) {
  try {
    let r = parseResourceRoute(table, splitPath(pathname));
    return r.name ? conflict({ group: r.group, plural: r.type.plural }, r.name).message : void 0;
  } catch {
    return;
  }
}
async function startKubeApiServer(options) {
  let table = await loadResourceTable(options.crdDir ?? DEFAULT_CRD_DIR), ctx = {
    table,
    objects: new VersionedObjects(options.store),
    afterWrite: options.afterWrite ?? (() => {
    }),
    podProxy: options.podProxy
  }, faults = createFaultQueue(), watches = createWatches(), requests = [], sockets = /* @__PURE__ */ new Set(), timers = /* @__PURE__ */ new Set(), serverAddress = "";
  async function handle(req, res) {
    let method = (req.method ?? "GET").toUpperCase(), url2 = new URL(req.url ?? "/", "http://localhost"), entry = { method, path: url2.pathname + url2.search, status: 0 };
    requests.push(entry) > MAX_REQUEST_LOG && requests.splice(0, MAX_REQUEST_LOG / 10), res.on("finish", () => entry.status = res.statusCode);
    let pretty = url2.searchParams.get("pretty") === "true", fault = faults.take(method, url2.pathname, entry.path);
    if (fault?.kind === "drop") return void req.socket.destroy();
    if (fault?.kind === "timeout") {
      let timer = setTimeout(() => {
        timers.delete(timer), send(res, errorReply(failure(504, "Timeout", "Timeout: request did not complete within the allotted timeout", {})), !1);
      }, fault.ms);
      timers.add(timer);
      return;
    }
    if (fault?.kind === "status") {
      let conflictMessage = fault.status === 409 ? conflictMessageFor(table, url2.pathname) : void 0;
      return send(res, errorReply(injectedError(fault.status, fault.retryAfterSeconds, conflictMessage)), pretty);
    }
    try {
      if (options.token !== void 0 && req.headers.authorization !== `Bearer ${options.token}`) throw unauthorized();
      let body = await readBody(req), segments = splitPath(url2.pathname);
      if (["healthz", "livez", "readyz"].includes(segments[0] ?? "") && segments.length === 1)
        return send(res, { status: 200, body: "ok", contentType: "text/plain; charset=utf-8" }, !1);
      let accept = req.headers.accept ?? "";
      if (method === "GET") {
        let doc = discovery(table, segments, accept, serverAddress) ?? openapi(table, segments, accept);
        if (doc) return send(res, { status: 200, body: doc.body, ...doc.contentType ? { contentType: doc.contentType } : {} }, pretty);
      }
      let route = parseResourceRoute(table, segments), apiReq = {
        method,
        route,
        query: url2.searchParams,
        contentType: (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase(),
        body,
        accept,
        userAgent: req.headers["user-agent"] ?? ""
      };
      options.rbac && authorize(options.rbac, verbOf(method, route.name !== void 0, isWatch(url2.searchParams)), route);
      let reply = dispatch(ctx, apiReq, watches, res);
      if (fault?.kind === "lose-answer") return void req.socket.destroy();
      reply ? send(res, reply, pretty) : entry.status = res.statusCode;
    } catch (err) {
      send(res, errorReply(err instanceof ApiError ? err : internalError(err.message ?? String(err))), pretty);
    }
  }
  let server = createServer((req, res) => {
    handle(req, res);
  });
  server.maxConnections = MAX_CONNECTIONS, server.on("connection", (s) => {
    sockets.add(s), s.on("close", () => sockets.delete(s));
  }), await new Promise((resolve, reject) => {
    server.once("error", reject), server.listen(0, "127.0.0.1", () => resolve());
  });
  let { port } = server.address();
  serverAddress = `127.0.0.1:${port}`;
  let url = `http://${serverAddress}`, closing;
  return {
    url,
    faults,
    requests,
    kubeconfig: () => kubeconfigFor(url, options.token),
    close() {
      return closing ??= new Promise((resolve) => {
        watches.closeAll();
        for (let t of timers) clearTimeout(t);
        timers.clear(), server.close(() => resolve());
        for (let s of sockets) s.destroy();
      }), closing;
    }
  };
}

// sdk/sim/prometheus-api/server.ts
import { createServer as createServer2 } from "node:http";

// sdk/sim/promql/ast.ts
var COMPARISON_OPS = ["==", "!=", ">", "<", ">=", "<="], SET_OPS = ["and", "or", "unless"], RANGE_TO_VECTOR = { args: ["range vector"], returns: "instant vector" }, VECTOR_TO_VECTOR = { args: ["instant vector"], returns: "instant vector" }, CLAMP = { args: ["instant vector", "scalar"], returns: "instant vector" }, FUNCTION_SIGNATURES = {
  rate: RANGE_TO_VECTOR,
  increase: RANGE_TO_VECTOR,
  irate: RANGE_TO_VECTOR,
  delta: RANGE_TO_VECTOR,
  avg_over_time: RANGE_TO_VECTOR,
  max_over_time: RANGE_TO_VECTOR,
  min_over_time: RANGE_TO_VECTOR,
  sum_over_time: RANGE_TO_VECTOR,
  count_over_time: RANGE_TO_VECTOR,
  histogram_quantile: { args: ["scalar", "instant vector"], returns: "instant vector" },
  abs: VECTOR_TO_VECTOR,
  ceil: VECTOR_TO_VECTOR,
  floor: VECTOR_TO_VECTOR,
  clamp_min: CLAMP,
  clamp_max: CLAMP,
  scalar: { args: ["instant vector"], returns: "scalar" },
  vector: { args: ["scalar"], returns: "instant vector" },
  time: { args: [], returns: "scalar" },
  absent: VECTOR_TO_VECTOR
};
function typeOf(expr) {
  switch (expr.kind) {
    case "number":
      return "scalar";
    case "string":
      return "string";
    case "vector-selector":
    case "aggregation":
      return "instant vector";
    case "matrix-selector":
      return "range vector";
    case "call":
      return FUNCTION_SIGNATURES[expr.func].returns;
    case "unary":
    case "paren":
      return typeOf(expr.expr);
    case "binary":
      return typeOf(expr.lhs) === "scalar" && typeOf(expr.rhs) === "scalar" ? "scalar" : "instant vector";
  }
}

// sdk/sim/promql/errors.ts
var PromQLError = class _PromQLError extends Error {
  constructor(type, message) {
    super(message);
    this.type = type;
  }
  type;
  name = "PromQLError";
  /**
   * A parse error at an offset in the query, prefixed `line:column: parse error:` like Prometheus.
   *
   * @example
   * PromQLError.parse("foo +", 5, "unexpected end of input").message;
   * // "1:6: parse error: unexpected end of input"
   */
  static parse(query, pos, message) {
    let before = query.slice(0, pos), line = before.split(`
`).length, column = pos - (before.lastIndexOf(`
`) + 1) + 1;
    return new _PromQLError("bad_data", `${line}:${column}: parse error: ${message}`);
  }
  /** A query that parsed but cannot be evaluated. */
  static execution(message) {
    return new _PromQLError("execution", message);
  }
};

// sdk/sim/promql/values.ts
var METRIC_NAME = "__name__";
function labelsKey(labels, keep = () => !0) {
  return JSON.stringify(
    Object.keys(labels).filter(keep).sort().map((k) => [k, labels[k]])
  );
}
function pickLabels(labels, keep) {
  let out = {};
  for (let [k, v] of Object.entries(labels)) keep(k) && (out[k] = v);
  return out;
}
function dropMetricName(labels) {
  return pickLabels(labels, (k) => k !== METRIC_NAME);
}
function compareLabels(a, b) {
  let ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    let [na, nb] = [ka[i], kb[i]];
    if (na !== nb) return na < nb ? -1 : 1;
    let [va, vb] = [a[na], b[nb]];
    if (va !== vb) return va < vb ? -1 : 1;
  }
  return ka.length - kb.length;
}
function formatLabels(labels) {
  return `{${Object.keys(labels).sort().map((k) => `${k}=${JSON.stringify(labels[k])}`).join(", ")}}`;
}

// sdk/sim/promql/functions.ts
var vectorArg = (input, n) => input.args[n].samples, scalarArg = (input, n) => input.args[n].value, vector = (samples) => ({ type: "vector", samples });
function overRange(fn) {
  return (input) => {
    let ms = input.call.args[0], endMs = input.atMs - ms.selector.offsetMs, window = { startMs: endMs - ms.rangeMs, endMs, rangeMs: ms.rangeMs }, out = [];
    for (let series of input.args[0].series) {
      let value = fn(series.points, window);
      value !== void 0 && out.push({ labels: dropMetricName(series.labels), value });
    }
    return vector(out);
  };
}
function perSample(fn) {
  return (input) => vector(vectorArg(input, 0).map((s) => ({ labels: dropMetricName(s.labels), value: fn(s.value, input) })));
}
function extrapolatedRate(isCounter, isRate) {
  return (points, { startMs, endMs, rangeMs }) => {
    if (points.length < 2) return;
    let [firstT, firstV] = points[0], [lastT, lastV] = points[points.length - 1], result = lastV - firstV;
    if (isCounter)
      for (let i = 1; i < points.length; i++)
        points[i][1] < points[i - 1][1] && (result += points[i - 1][1]);
    let durationToStart = (firstT - startMs) / 1e3, durationToEnd = (endMs - lastT) / 1e3, sampledInterval = (lastT - firstT) / 1e3, averageDurationBetweenSamples = sampledInterval / (points.length - 1);
    if (isCounter && result > 0 && firstV >= 0) {
      let durationToZero = sampledInterval * (firstV / result);
      durationToZero < durationToStart && (durationToStart = durationToZero);
    }
    let extrapolationThreshold = averageDurationBetweenSamples * 1.1, extrapolateToInterval = sampledInterval;
    extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2, extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;
    let factor = extrapolateToInterval / sampledInterval;
    return isRate && (factor /= rangeMs / 1e3), result * factor;
  };
}
var instantRate = (points) => {
  if (points.length < 2) return;
  let [prevT, prevV] = points[points.length - 2], [lastT, lastV] = points[points.length - 1];
  if (lastT !== prevT)
    return (lastV < prevV ? lastV : lastV - prevV) / ((lastT - prevT) / 1e3);
};
function kahanSumInc(inc, sum2, c) {
  let t = sum2 + inc;
  return Math.abs(sum2) >= Math.abs(inc) ? c += sum2 - t + inc : c += inc - t + sum2, [t, c];
}
var sumOverTime = (points) => {
  let [sum2, c] = [0, 0];
  for (let [, v] of points) [sum2, c] = kahanSumInc(v, sum2, c);
  return Number.isFinite(sum2) ? sum2 + c : sum2;
}, avgOverTime = (points) => {
  let [mean, c, count] = [0, 0, 0];
  for (let [, v] of points)
    count++, !(!Number.isFinite(mean) && !Number.isNaN(mean) && (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 == v > 0 || Number.isFinite(v))) && ([mean, c] = kahanSumInc(v / count - mean / count, mean, c));
  return Number.isFinite(mean) ? mean + c : mean;
}, extremeOverTime = (better) => (points) => {
  let best = points[0][1];
  for (let [, v] of points) (better(v, best) || Number.isNaN(best)) && (best = v);
  return best;
};
function bucketQuantile(q, input) {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -1 / 0;
  if (q > 1) return 1 / 0;
  let sorted = [...input].sort((a, b2) => a.upperBound - b2.upperBound);
  if (sorted[sorted.length - 1].upperBound !== 1 / 0) return NaN;
  let buckets = [];
  for (let b2 of sorted) {
    let last = buckets[buckets.length - 1];
    last && last.upperBound === b2.upperBound ? last.count += b2.count : buckets.push({ ...b2 });
  }
  let max = -1 / 0;
  for (let b2 of buckets)
    b2.count > max ? max = b2.count : b2.count < max && (b2.count = max);
  if (buckets.length < 2) return NaN;
  let observations = buckets[buckets.length - 1].count;
  if (observations === 0) return NaN;
  let rank = q * observations, b = buckets.findIndex((bucket, i) => i < buckets.length - 1 && bucket.count >= rank);
  if (b === -1 && (b = buckets.length - 1), b === buckets.length - 1) return buckets[buckets.length - 2].upperBound;
  if (b === 0 && buckets[0].upperBound <= 0) return buckets[0].upperBound;
  let bucketStart = 0, bucketEnd = buckets[b].upperBound, count = buckets[b].count;
  return b > 0 && (bucketStart = buckets[b - 1].upperBound, count -= buckets[b - 1].count, rank -= buckets[b - 1].count), bucketStart + (bucketEnd - bucketStart) * (rank / count);
}
function histogramQuantile(input) {
  let q = scalarArg(input, 0), groups = /* @__PURE__ */ new Map();
  for (let s of vectorArg(input, 1)) {
    let le = s.labels.le, upperBound = le === void 0 ? NaN : parseGoFloat(le);
    if (Number.isNaN(upperBound)) continue;
    let key = labelsKey(s.labels, (k) => k !== "le"), group = groups.get(key);
    group || (group = { labels: pickLabels(s.labels, (k) => k !== "le" && k !== METRIC_NAME), buckets: [] }, groups.set(key, group)), group.buckets.push({ upperBound, count: s.value });
  }
  return vector([...groups.values()].map((g) => ({ labels: g.labels, value: bucketQuantile(q, g.buckets) })));
}
function parseGoFloat(text2) {
  return /^[+-]?inf(inity)?$/i.test(text2) ? text2.startsWith("-") ? -1 / 0 : 1 / 0 : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text2) ? Number(text2) : NaN;
}
function absentLabels(arg) {
  if (arg.kind !== "vector-selector") return {};
  let labels = {}, conflicting = /* @__PURE__ */ new Set();
  for (let m of arg.matchers)
    m.name !== METRIC_NAME && (m.op === "=" && !(m.name in labels) ? m.value !== "" && (labels[m.name] = m.value) : conflicting.add(m.name));
  for (let name2 of conflicting) delete labels[name2];
  return labels;
}
var FUNCTIONS = {
  rate: overRange(extrapolatedRate(!0, !0)),
  increase: overRange(extrapolatedRate(!0, !1)),
  delta: overRange(extrapolatedRate(!1, !1)),
  irate: overRange(instantRate),
  avg_over_time: overRange(avgOverTime),
  sum_over_time: overRange(sumOverTime),
  max_over_time: overRange(extremeOverTime((v, best) => v > best)),
  min_over_time: overRange(extremeOverTime((v, best) => v < best)),
  count_over_time: overRange((points) => points.length),
  histogram_quantile: histogramQuantile,
  abs: perSample(Math.abs),
  ceil: perSample(Math.ceil),
  floor: perSample(Math.floor),
  clamp_min: perSample((v, input) => Math.max(scalarArg(input, 1), v)),
  clamp_max: perSample((v, input) => Math.min(scalarArg(input, 1), v)),
  scalar: (input) => {
    let samples = vectorArg(input, 0);
    return { type: "scalar", value: samples.length === 1 ? samples[0].value : NaN };
  },
  vector: (input) => vector([{ labels: {}, value: scalarArg(input, 0) }]),
  time: (input) => ({ type: "scalar", value: input.atMs / 1e3 }),
  absent: (input) => vector(vectorArg(input, 0).length > 0 ? [] : [{ labels: absentLabels(input.call.args[0]), value: 1 }])
};

// sdk/sim/promql/go-math.ts
var view = new DataView(new ArrayBuffer(8)), MIN_NORMAL = 22250738585072014e-324;
function frexp(x) {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let exp = 0;
  Math.abs(x) < MIN_NORMAL && (x *= 2 ** 52, exp = -52), view.setFloat64(0, x);
  let hi = view.getUint32(0);
  return exp += (hi >>> 20 & 2047) - 1022, view.setUint32(0, hi & 2148532223 | 1022 << 20), [view.getFloat64(0), exp];
}
function ldexp(frac, exp) {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  let [f, e] = frexp(frac), unbiased = exp + e - 1;
  return unbiased < -1075 ? frac < 0 ? -0 : 0 : unbiased > 1023 ? frac < 0 ? -1 / 0 : 1 / 0 : unbiased < -1022 ? 2 * f * 2 ** (unbiased + 53) * 2 ** -53 : 2 * f * 2 ** unbiased;
}
function goPow(x, y) {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 || !Number.isFinite(x) || !Number.isFinite(y))
    return x === -1 && !Number.isFinite(y) ? 1 : x ** y;
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  let yi = Math.trunc(Math.abs(y)), yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63)
    return x === -1 ? 1 : Math.abs(x) < 1 == y > 0 ? 0 : 1 / 0;
  let a1 = 1, ae = 0;
  yf !== 0 && (yf > 0.5 && (yf--, yi++), a1 = Math.exp(yf * Math.log(x)));
  let [x1, xe] = frexp(x);
  for (let i = yi; i !== 0; i = Math.floor(i / 2)) {
    if (xe < -4096 || 4096 < xe) {
      ae += xe;
      break;
    }
    i % 2 === 1 && (a1 *= x1, ae += xe), x1 *= x1, xe <<= 1, x1 < 0.5 && (x1 += x1, xe--);
  }
  return y < 0 && (a1 = 1 / a1, ae = -ae), ldexp(a1, ae);
}

// sdk/sim/promql/evaluate.ts
var LOOKBACK_DELTA_MS = 5 * 6e4, SampleSource = class {
  constructor(store, spanStartMs, spanEndMs) {
    this.store = store;
    this.spanStartMs = spanStartMs;
    this.spanEndMs = spanEndMs;
  }
  store;
  spanStartMs;
  spanEndMs;
  cache = /* @__PURE__ */ new Map();
  /**
   * The selector's series with their samples in (t - windowMs, t], t = atMs - offset: the window is
   * open on the left, as in the brief and Prometheus 3 (Prometheus 2.x also takes a sample exactly
   * at t - windowMs). Series without samples there are left out. Sorted by labels, like Prometheus.
   */
  window(selector, windowMs, atMs) {
    let all = this.cache.get(selector);
    if (!all) {
      let from = this.spanStartMs - selector.offsetMs - windowMs;
      all = this.store.select(selector.matchers, from, this.spanEndMs - selector.offsetMs).map((s) => ({ labels: s.labels, points: s.samples })).sort((a, b) => compareLabels(a.labels, b.labels)), this.cache.set(selector, all);
    }
    let end = atMs - selector.offsetMs, out = [];
    for (let series of all) {
      let lo = firstIndexAfter(series.points, end - windowMs), hi = firstIndexAfter(series.points, end);
      hi > lo && out.push({ labels: series.labels, points: series.points.slice(lo, hi) });
    }
    return out;
  }
};
function firstIndexAfter(points, t) {
  let [lo, hi] = [0, points.length];
  for (; lo < hi; ) {
    let mid = lo + hi >>> 1;
    points[mid][0] > t ? hi = mid : lo = mid + 1;
  }
  return lo;
}
function evaluateAt(expr, source, atMs) {
  let ev = (e) => evaluateAt(e, source, atMs);
  switch (expr.kind) {
    case "number":
      return { type: "scalar", value: expr.value };
    case "string":
      return { type: "string", value: expr.value };
    case "paren":
      return ev(expr.expr);
    case "vector-selector":
      return {
        type: "vector",
        samples: source.window(expr, LOOKBACK_DELTA_MS, atMs).map((s) => ({ labels: s.labels, value: s.points[s.points.length - 1][1] }))
      };
    case "matrix-selector":
      return { type: "matrix", series: source.window(expr.selector, expr.rangeMs, atMs) };
    case "call":
      return unique(FUNCTIONS[expr.func]({ call: expr, args: expr.args.map(ev), atMs }));
    case "aggregation":
      return aggregate(expr, samplesOf(ev(expr.expr)), expr.param && scalarOf(ev(expr.param)));
    case "unary": {
      let v = ev(expr.expr);
      return v.type === "scalar" ? { type: "scalar", value: -v.value } : unique({ type: "vector", samples: samplesOf(v).map((s) => ({ labels: dropMetricName(s.labels), value: -s.value })) });
    }
    case "binary":
      return unique(binary(expr, ev(expr.lhs), ev(expr.rhs)));
  }
}
var samplesOf = (v) => v.samples, scalarOf = (v) => v.value;
function unique(v) {
  if (v.type !== "vector") return v;
  let seen = /* @__PURE__ */ new Set();
  for (let s of v.samples) {
    let key = labelsKey(s.labels);
    if (seen.has(key)) throw PromQLError.execution("vector cannot contain metrics with the same labelset");
    seen.add(key);
  }
  return v;
}
function aggregate(expr, samples, param) {
  let grouping = new Set(expr.grouping), inGroup = expr.without ? (k) => !grouping.has(k) && k !== METRIC_NAME : (k) => grouping.has(k), groups = /* @__PURE__ */ new Map();
  for (let s of samples) {
    let key = labelsKey(s.labels, inGroup), group = groups.get(key);
    group || groups.set(key, group = { labels: pickLabels(s.labels, inGroup), members: [] }), group.members.push(s);
  }
  let out = [];
  for (let { labels, members } of groups.values())
    expr.op === "topk" || expr.op === "bottomk" ? out.push(...selectK(members, Math.trunc(param ?? 0), expr.op === "topk")) : out.push({ labels, value: reduce(expr.op, members.map((m) => m.value)) });
  return { type: "vector", samples: out };
}
function reduce(op, values) {
  let [value, mean] = [values[0], values[0]];
  for (let i = 1; i < values.length; i++) {
    let v = values[i], count = i + 1;
    if (op === "sum") value += v;
    else if (op === "max" && (value < v || Number.isNaN(value))) value = v;
    else if (op === "min" && (value > v || Number.isNaN(value))) value = v;
    else if (op === "avg") {
      if ((mean === 1 / 0 || mean === -1 / 0) && (v === mean || Number.isFinite(v))) continue;
      mean += v / count - mean / count;
    }
  }
  return op === "count" ? values.length : op === "avg" ? mean : value;
}
function selectK(members, k, top) {
  if (k < 1) return [];
  let order = (a, b) => {
    if (Number.isNaN(a.value) || Number.isNaN(b.value)) return Number(Number.isNaN(a.value)) - Number(Number.isNaN(b.value));
    let [x, y] = top ? [b.value, a.value] : [a.value, b.value];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return [...members].sort(order).slice(0, k);
}
function elementOp(op, l, r) {
  switch (op) {
    case "+":
      return [l + r, !0];
    case "-":
      return [l - r, !0];
    case "*":
      return [l * r, !0];
    case "/":
      return [l / r, !0];
    case "%":
      return [l % r, !0];
    // JS % is Go's math.Mod: sign of the dividend, NaN for x % 0
    case "^":
      return [goPow(l, r), !0];
    case "==":
      return [l, l === r];
    case "!=":
      return [l, l !== r];
    case ">":
      return [l, l > r];
    case "<":
      return [l, l < r];
    case ">=":
      return [l, l >= r];
    case "<=":
      return [l, l <= r];
    default:
      throw new Error(`not an element-wise operator: ${op}`);
  }
}
var isArithmetic = (op) => !COMPARISON_OPS.includes(op) && !SET_OPS.includes(op);
function binary(expr, lhs, rhs) {
  let { op, returnBool } = expr;
  if (lhs.type === "scalar" && rhs.type === "scalar") {
    let [value, keep] = elementOp(op, lhs.value, rhs.value);
    return { type: "scalar", value: returnBool ? Number(keep) : value };
  }
  if (lhs.type === "scalar" || rhs.type === "scalar") {
    let swap = lhs.type === "scalar", scalar = scalarOf(swap ? lhs : rhs), out = [];
    for (let s of samplesOf(swap ? rhs : lhs)) {
      let [value, keep] = swap ? elementOp(op, scalar, s.value) : elementOp(op, s.value, scalar);
      !isArithmetic(op) && swap && (value = s.value), returnBool && ([value, keep] = [Number(keep), !0]), keep && out.push({ labels: isArithmetic(op) || returnBool ? dropMetricName(s.labels) : s.labels, value });
    }
    return { type: "vector", samples: out };
  }
  return { type: "vector", samples: vectorBinary(expr, samplesOf(lhs), samplesOf(rhs)) };
}
function vectorBinary(expr, lhs, rhs) {
  let { op, returnBool } = expr, matching2 = expr.matching, names = new Set(matching2.labels), matched = matching2.on ? (k) => names.has(k) : (k) => !names.has(k) && k !== METRIC_NAME, sig = (s) => labelsKey(s.labels, matched);
  if (op === "and" || op === "unless") {
    let right = new Set(rhs.map(sig));
    return lhs.filter((s) => right.has(sig(s)) === (op === "and"));
  }
  if (op === "or") {
    let left = new Set(lhs.map(sig));
    return [...lhs, ...rhs.filter((s) => !left.has(sig(s)))];
  }
  let oneToMany = matching2.card === "one-to-many", [many, one] = oneToMany ? [rhs, lhs] : [lhs, rhs], oneBySig = /* @__PURE__ */ new Map();
  for (let s of one) {
    let dup = oneBySig.get(sig(s));
    if (dup)
      throw PromQLError.execution(
        `found duplicate series for the match group ${formatLabels(pickLabels(s.labels, matched))} on the ${oneToMany ? "left" : "right"} hand-side of the operation: [${formatLabels(s.labels)}, ${formatLabels(dup.labels)}];many-to-many matching not allowed: matching labels must be unique on one side`
      );
    oneBySig.set(sig(s), s);
  }
  let emitted = /* @__PURE__ */ new Map(), out = [];
  for (let s of many) {
    let key = sig(s), other = oneBySig.get(key);
    if (!other) continue;
    let [l, r] = oneToMany ? [other.value, s.value] : [s.value, other.value], [value, keep] = elementOp(op, l, r);
    if (returnBool && ([value, keep] = [Number(keep), !0]), !keep) continue;
    let labels = resultLabels(expr, s.labels, other.labels), seen = emitted.get(key);
    if (matching2.card === "one-to-one") {
      if (seen)
        throw PromQLError.execution(
          "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)"
        );
      emitted.set(key, /* @__PURE__ */ new Set());
    } else {
      let labelKey = labelsKey(labels);
      if (seen?.has(labelKey))
        throw PromQLError.execution("multiple matches for labels: grouping labels must ensure unique matches");
      emitted.set(key, (seen ?? /* @__PURE__ */ new Set()).add(labelKey));
    }
    out.push({ labels, value });
  }
  return out;
}
function resultLabels(expr, many, one) {
  let matching2 = expr.matching, labels = isArithmetic(expr.op) || expr.returnBool ? dropMetricName(many) : { ...many };
  if (matching2.card === "one-to-one") {
    let names = new Set(matching2.labels);
    labels = pickLabels(labels, (k) => names.has(k) === matching2.on);
  }
  for (let name2 of matching2.include)
    one[name2] ? labels[name2] = one[name2] : delete labels[name2];
  return labels;
}

// sdk/sim/promql/re2.ts
var RE2_ESCAPE_LETTERS = new Set("aftnrvxdDsSwWbBAzpPQ"), MAX_REPEAT = 1e3;
function re2SyntaxError(pattern) {
  let inClass = !1;
  for (let i = 0; i < pattern.length; i++) {
    let c = pattern[i];
    if (c === "\\" && pattern[i + 1] === "Q") {
      let end = pattern.indexOf("\\E", i + 2);
      i = end < 0 ? pattern.length : end + 1;
    } else if (c === "\\") {
      let problem = escapeError(pattern, i);
      if (problem) return problem;
      i++;
    } else if (inClass)
      c === "[" && pattern[i + 1] === ":" ? i = Math.max(i, pattern.indexOf(":]", i + 2) + 1) : c === "]" && (inClass = !1);
    else if (c === "[")
      inClass = !0, i += pattern[i + 1] === "^" ? 1 : 0, pattern[i + 1] === "]" && i++;
    else if (c === "(" && pattern[i + 1] === "?") {
      if (!/^\(\?(P<|[imsU-]*[:)])/.exec(pattern.slice(i))) return `invalid or unsupported Perl syntax: \`${pattern.slice(i, i + 3)}\``;
    } else if (c === "{") {
      let repeat = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i));
      if (repeat && [repeat[1], repeat[2]].some((n) => n && Number(n) > MAX_REPEAT)) return `invalid repeat count: \`${repeat[0]}\``;
    }
  }
}
function escapeError(pattern, i) {
  let next = pattern[i + 1];
  if (next === void 0) return;
  let octal = /[1-7]/.test(next) && /[0-7]/.test(pattern[i + 2] ?? "");
  return (/[^\p{L}\p{N}]/u.test(next) ? next.charCodeAt(0) < 128 : next === "0" || octal || RE2_ESCAPE_LETTERS.has(next)) ? void 0 : `invalid escape sequence: \`\\${next}\``;
}

// sdk/sim/promql/grammar.ts
var PRECEDENCE = {
  or: 1,
  and: 2,
  unless: 2,
  "==": 3,
  "!=": 3,
  ">": 3,
  "<": 3,
  ">=": 3,
  "<=": 3,
  "+": 4,
  "-": 4,
  "*": 5,
  "/": 5,
  "%": 5,
  "^": 6
}, UNARY_OPERAND_PRECEDENCE = PRECEDENCE["^"], AGGREGATORS = ["sum", "avg", "min", "max", "count", "topk", "bottomk"], UNSUPPORTED_AGGREGATORS = ["group", "stddev", "stdvar", "count_values", "quantile", "limitk", "limit_ratio"], KEYWORDS = [
  ...AGGREGATORS,
  ...UNSUPPORTED_AGGREGATORS,
  ...SET_OPS,
  "atan2",
  "offset",
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "bool"
], UNSUPPORTED_FUNCTIONS = "absent_over_time acos acosh asin asinh atan atanh changes clamp cos cosh days_in_month day_of_month day_of_week day_of_year deg deriv exp histogram_count histogram_fraction histogram_sum holt_winters hour idelta label_join label_replace last_over_time ln log10 log2 minute month pi predict_linear present_over_time quantile_over_time rad resets round sgn sin sinh sort sort_desc sqrt stddev_over_time stdvar_over_time tan tanh timestamp year".split(" "), SUPPORTED_SUBSET = `number and string literals; selectors with =, !=, =~, !~ matchers, ranges like [5m] and offset; functions ${Object.keys(FUNCTION_SIGNATURES).join(", ")}; aggregations ${AGGREGATORS.join(", ")} with by/without; operators + - * / % ^ == != > < >= <= (with bool), and, or, unless, with on/ignoring and group_left/group_right`, LABEL_NAME2 = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
function binaryOperator(tok) {
  if (tok.kind === "op") return tok.text in PRECEDENCE ? tok.text : void 0;
  let word = tok.kind === "ident" ? tok.text.toLowerCase() : "";
  return word in PRECEDENCE || word === "atan2" ? word : void 0;
}
function labelName(tok) {
  return (tok.kind === "ident" || tok.kind === "number") && LABEL_NAME2.test(tok.text) ? tok.text : void 0;
}
function matchesEmpty(m) {
  switch (m.op) {
    case "=":
      return m.value === "";
    case "!=":
      return m.value !== "";
    case "=~":
      return new RegExp(`^(?:${m.value})$`).test("");
    case "!~":
      return !new RegExp(`^(?:${m.value})$`).test("");
  }
}
function describeToken(tok) {
  switch (tok.kind) {
    case "eof":
      return "end of input";
    case "ident":
      return `identifier "${tok.text}"`;
    case "number":
    case "duration":
      return `${tok.kind} "${tok.text}"`;
    case "string":
      return `string ${JSON.stringify(tok.text)}`;
    default:
      return `"${tok.text}"`;
  }
}

// sdk/sim/promql/duration.ts
var MS_PER = { y: 31536e6, w: 6048e5, d: 864e5, h: 36e5, m: 6e4, s: 1e3, ms: 1 }, DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/, UNITS = ["y", "w", "d", "h", "m", "s", "ms"];
function parseDuration(text2) {
  if (text2 === "0") return 0;
  let m = text2 === "" ? null : DURATION.exec(text2);
  if (!m) return;
  let ms = 0;
  return UNITS.forEach((unit, i) => {
    let n = m[i + 1];
    n !== void 0 && (ms += Number(n) * MS_PER[unit]);
  }), ms;
}

// sdk/sim/promql/lexer.ts
var OPERATORS = ["==", "!=", ">=", "<=", "=~", "!~", "+", "-", "*", "/", "%", "^", ">", "<", "="], PUNCTUATION = /* @__PURE__ */ new Set(["(", ")", "{", "}", "[", "]", ",", "@"]), IDENT = /[a-zA-Z_:][a-zA-Z0-9_:]*/y, DURATION2 = /(?:\d+(?:ms|[smhdwy]))+/y, NUMBER = /0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y, ESCAPES = { a: "\x07", b: "\b", f: "\f", n: `
`, r: "\r", t: "	", v: "\v", "\\": "\\" };
function sticky(re, text2, pos) {
  return re.lastIndex = pos, re.exec(text2)?.[0];
}
function tokenize(text2) {
  let tokens = [], pos = 0, push = (kind, tokenText, value = Number.NaN, at = pos) => tokens.push({ kind, text: tokenText, value, pos: at });
  for (; pos < text2.length; ) {
    let ch = text2[pos];
    if (/\s/.test(ch))
      pos++;
    else if (ch === "#")
      for (; pos < text2.length && text2[pos] !== `
`; ) pos++;
    else if (ch === '"' || ch === "'" || ch === "`") {
      let [value, end] = readString(text2, pos);
      push("string", value), pos = end;
    } else if (/[0-9.]/.test(ch))
      pos = readNumberOrDuration(text2, pos, push);
    else if (/[a-zA-Z_:]/.test(ch)) {
      let word = sticky(IDENT, text2, pos);
      /^(inf|nan)$/i.test(word) ? push("number", word, /^inf$/i.test(word) ? 1 / 0 : NaN) : push("ident", word), pos += word.length;
    } else if (PUNCTUATION.has(ch))
      push(ch, ch), pos++;
    else {
      let op = OPERATORS.find((o) => text2.startsWith(o, pos));
      if (!op) throw PromQLError.parse(text2, pos, `unexpected character: ${JSON.stringify(ch)}`);
      push("op", op), pos += op.length;
    }
  }
  return push("eof", "", Number.NaN, text2.length), tokens;
}
function readNumberOrDuration(text2, pos, push) {
  let duration = sticky(DURATION2, text2, pos);
  if (duration !== void 0 && !/[a-zA-Z0-9_.]/.test(text2[pos + duration.length] ?? "")) {
    let ms = parseDuration(duration);
    if (ms === void 0) throw PromQLError.parse(text2, pos, `not a valid duration string: "${duration}"`);
    return push("duration", duration, ms, pos), pos + duration.length;
  }
  let number = sticky(NUMBER, text2, pos);
  if (number === void 0 || number === "." || /[a-zA-Z_:.]/.test(text2[pos + number.length] ?? ""))
    throw PromQLError.parse(text2, pos, `bad number or duration syntax: "${text2.slice(pos).split(/[\s(){}[\],]/)[0]}"`);
  return push("number", number, /^0x/i.test(number) ? parseInt(number, 16) : Number(number), pos), pos + number.length;
}
function readString(text2, start) {
  let quote = text2[start], pos = start + 1, value = "";
  for (; pos < text2.length; ) {
    let ch = text2[pos];
    if (ch === quote) return [value, pos + 1];
    if (ch === `
` && quote !== "`") break;
    if (ch !== "\\" || quote === "`") {
      value += ch, pos++;
      continue;
    }
    let esc = text2[pos + 1] ?? "";
    if (pos += 2, esc === quote) value += esc;
    else if (esc in ESCAPES) value += ESCAPES[esc];
    else if (esc === "x" || esc === "u" || esc === "U") {
      let width = esc === "x" ? 2 : esc === "u" ? 4 : 8, hex = text2.slice(pos, pos + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex))
        throw PromQLError.parse(text2, pos - 2, `invalid escape sequence \\${esc}${hex}`);
      value += String.fromCodePoint(parseInt(hex, 16)), pos += width;
    } else if (/[0-7]/.test(esc) && /^[0-7]{2}$/.test(text2.slice(pos, pos + 2)))
      value += String.fromCharCode(parseInt(esc + text2.slice(pos, pos + 2), 8)), pos += 2;
    else
      throw PromQLError.parse(text2, pos - 2, `unknown escape sequence \\${esc}`);
  }
  throw PromQLError.parse(text2, start, "unterminated quoted string");
}

// sdk/sim/promql/parser.ts
function parsePromQL(query) {
  return new Parser(query).parseQuery();
}
var Parser = class {
  constructor(query) {
    this.query = query;
    this.tokens = tokenize(query);
  }
  query;
  tokens;
  i = 0;
  parseQuery() {
    if (this.peek().kind === "eof") throw this.error(this.peek(), "no expression found in input");
    let expr = this.parseExpr(0), rest = this.peek();
    if (rest.kind !== "eof") throw this.error(rest, `unexpected ${describeToken(rest)}`);
    return expr;
  }
  parseExpr(minPrecedence) {
    let lhs = this.parseUnary();
    for (; ; ) {
      let tok = this.peek(), op = binaryOperator(tok);
      if (op === "atan2") throw this.unsupported(tok, 'the "atan2" operator');
      if (op === void 0 || PRECEDENCE[op] < minPrecedence) return lhs;
      this.next();
      let modifiers = this.parseBinaryModifiers(op), rhs = this.parseExpr(op === "^" ? PRECEDENCE[op] : PRECEDENCE[op] + 1);
      lhs = this.binary(tok, op, lhs, rhs, modifiers);
    }
  }
  parseUnary() {
    let tok = this.peek();
    if (tok.kind !== "op" || tok.text !== "-" && tok.text !== "+") return this.parsePostfix(this.parsePrimary());
    this.next();
    let expr = this.parseExpr(UNARY_OPERAND_PRECEDENCE), type = typeOf(expr);
    if (type !== "scalar" && type !== "instant vector")
      throw this.error(tok, `unary expression only allowed on expressions of type scalar or instant vector, got "${type}"`);
    return expr.kind === "number" ? tok.text === "-" ? { kind: "number", value: -expr.value } : expr : tok.text === "-" ? { kind: "unary", op: "-", expr } : expr;
  }
  parsePrimary() {
    let tok = this.next();
    switch (tok.kind) {
      case "number":
        return { kind: "number", value: tok.value };
      case "string":
        return { kind: "string", value: tok.text };
      case "(": {
        let expr = this.parseExpr(0), close = this.next();
        if (close.kind === "eof") throw this.error(close, "unclosed left parenthesis");
        if (close.kind !== ")") throw this.error(close, `unexpected ${describeToken(close)}, expected ")"`);
        return { kind: "paren", expr };
      }
      case "{":
        return this.parseSelector(tok, void 0);
      case "ident":
        return this.parseIdentifier(tok);
      default:
        throw this.error(tok, tok.kind === "eof" ? "unexpected end of input" : `unexpected ${describeToken(tok)}`);
    }
  }
  parseIdentifier(tok) {
    let word = tok.text.toLowerCase();
    if (AGGREGATORS.includes(word)) return this.parseAggregation(word);
    if (UNSUPPORTED_AGGREGATORS.includes(word)) throw this.unsupported(tok, `the "${word}" aggregation`);
    if (KEYWORDS.includes(word)) throw this.error(tok, `unexpected ${describeToken(tok)}`);
    if (this.peek().kind === "(") {
      if (tok.text in FUNCTION_SIGNATURES) return this.parseCall(tok, tok.text);
      throw UNSUPPORTED_FUNCTIONS.includes(tok.text) ? this.unsupported(tok, `the function "${tok.text}"`) : this.error(tok, `unknown function with name "${tok.text}"`);
    }
    return this.peek().kind === "{" ? this.parseSelector(this.next(), tok.text) : this.selector(tok, [{ name: "__name__", op: "=", value: tok.text }]);
  }
  /** Matchers after `{` (already consumed). */
  parseSelector(open, metricName) {
    let matchers = metricName === void 0 ? [] : [{ name: "__name__", op: "=", value: metricName }];
    for (; this.peek().kind !== "}"; ) {
      let nameTok = this.next(), name2 = labelName(nameTok);
      if (name2 === void 0) throw this.error(nameTok, `unexpected ${describeToken(nameTok)} in label matching, expected label name`);
      let opTok = this.next();
      if (opTok.kind !== "op" || !["=", "!=", "=~", "!~"].includes(opTok.text))
        throw this.error(opTok, `unexpected ${describeToken(opTok)} in label matching, expected one of "=", "!=", "=~", "!~"`);
      let valueTok = this.next();
      if (valueTok.kind !== "string") throw this.error(valueTok, `unexpected ${describeToken(valueTok)} in label matching, expected string`);
      let op = opTok.text;
      if ((op === "=~" || op === "!~") && this.checkRegex(nameTok, valueTok), name2 === "__name__" && metricName !== void 0)
        throw this.error(nameTok, `metric name must not be set twice: "${metricName}" or "${valueTok.text}"`);
      matchers.push({ name: name2, op, value: valueTok.text });
      let sep = this.peek();
      if (sep.kind === ",") this.next();
      else if (sep.kind !== "}") throw this.error(sep, `unexpected ${describeToken(sep)} in label matching, expected "," or "}"`);
    }
    return this.next(), this.selector(open, matchers);
  }
  selector(tok, matchers) {
    if (!matchers.some((m) => !matchesEmpty(m)))
      throw this.error(tok, "vector selector must contain at least one non-empty matcher");
    return { kind: "vector-selector", matchers, offsetMs: 0 };
  }
  /** Range `[5m]`, `offset`, `@` after a primary expression. */
  parsePostfix(expr) {
    for (; ; ) {
      let tok = this.peek();
      if (tok.kind === "[") {
        if (this.next(), expr.kind !== "vector-selector") throw this.error(tok, "ranges only allowed for vector selectors");
        if (expr.offsetMs !== 0) throw this.error(tok, "no offset modifiers allowed before range");
        let range = this.next();
        if (range.kind !== "duration") throw this.error(range, `unexpected ${describeToken(range)} in range, expected duration`);
        if (range.value <= 0) throw this.error(range, "duration must be greater than 0");
        if (this.peek().kind === "ident" && this.peek().text.startsWith(":"))
          throw this.unsupported(this.peek(), "subqueries (`[range:resolution]`)");
        let close = this.next();
        if (close.kind !== "]") throw this.error(close, `unexpected ${describeToken(close)}, expected "]"`);
        expr = { kind: "matrix-selector", selector: expr, rangeMs: range.value };
      } else if (tok.kind === "ident" && tok.text.toLowerCase() === "offset") {
        this.next();
        let selector = expr.kind === "matrix-selector" ? expr.selector : expr.kind === "vector-selector" ? expr : void 0;
        if (!selector)
          throw this.error(tok, "offset modifier must be preceded by an instant vector selector or range vector selector");
        if (selector.offsetMs !== 0) throw this.error(tok, "offset may not be set multiple times");
        let negative = this.peek().kind === "op" && this.peek().text === "-" && !!this.next(), dur = this.next();
        if (dur.kind !== "duration") throw this.error(dur, `unexpected ${describeToken(dur)} in offset, expected duration`);
        selector.offsetMs = negative ? -dur.value : dur.value;
      } else {
        if (tok.kind === "@")
          throw this.unsupported(tok, "the @ modifier");
        return expr;
      }
    }
  }
  parseAggregation(op) {
    let grouping = this.parseGrouping(), open = this.next();
    if (open.kind !== "(") throw this.error(open, `unexpected ${describeToken(open)} in aggregation, expected "("`);
    let param;
    if (op === "topk" || op === "bottomk") {
      let at2 = this.peek();
      if (param = this.parseExpr(0), typeOf(param) !== "scalar")
        throw this.error(at2, `expected type scalar in aggregation parameter, got ${typeOf(param)}`);
      let comma = this.next();
      if (comma.kind !== ",") throw this.error(comma, `unexpected ${describeToken(comma)} in aggregation, expected ","`);
    }
    let at = this.peek(), expr = this.parseExpr(0);
    if (typeOf(expr) !== "instant vector")
      throw this.error(at, `expected type instant vector in aggregation expression, got ${typeOf(expr)}`);
    let close = this.next();
    if (close.kind === "eof") throw this.error(close, "unclosed left parenthesis");
    if (close.kind !== ")") throw this.error(close, `unexpected ${describeToken(close)} in aggregation, expected ")"`);
    let after = this.peek(), trailing = this.parseGrouping();
    if (trailing && grouping) throw this.error(after, `unexpected ${describeToken(after)}: grouping given twice`);
    return grouping ??= trailing, { kind: "aggregation", op, expr, param, grouping: grouping?.labels ?? [], without: grouping?.without ?? !1 };
  }
  parseGrouping() {
    let tok = this.peek(), word = tok.kind === "ident" ? tok.text.toLowerCase() : "";
    if (!(word !== "by" && word !== "without"))
      return this.next(), { labels: this.parseLabelList(), without: word === "without" };
  }
  /** `(a, b, c)` */
  parseLabelList() {
    let open = this.next();
    if (open.kind !== "(") throw this.error(open, `unexpected ${describeToken(open)}, expected "(" and a label list`);
    let labels = [];
    for (; this.peek().kind !== ")"; ) {
      let tok = this.next();
      if (tok.kind === "eof") throw this.error(tok, "unclosed left parenthesis");
      let name2 = labelName(tok);
      if (name2 === void 0) throw this.error(tok, `unexpected ${describeToken(tok)} in grouping, expected label`);
      labels.push(name2);
      let sep = this.peek();
      if (sep.kind === ",") this.next();
      else {
        if (sep.kind === "eof") throw this.error(sep, "unclosed left parenthesis");
        if (sep.kind !== ")") throw this.error(sep, `unexpected ${describeToken(sep)} in grouping, expected "," or ")"`);
      }
    }
    return this.next(), labels;
  }
  parseCall(tok, func) {
    this.next();
    let args = [], starts = [];
    for (; this.peek().kind !== ")"; ) {
      if (this.peek().kind === "eof") throw this.error(this.peek(), "unclosed left parenthesis");
      if (starts.push(this.peek()), args.push(this.parseExpr(0)), this.peek().kind === ",") this.next();
      else if (this.peek().kind !== ")") throw this.error(this.peek(), `unexpected ${describeToken(this.peek())} in call to "${func}", expected "," or ")"`);
    }
    this.next();
    let expected = FUNCTION_SIGNATURES[func].args;
    if (args.length !== expected.length)
      throw this.error(tok, `expected ${expected.length} argument(s) in call to "${func}", got ${args.length}`);
    return args.forEach((arg, n) => {
      let type = typeOf(arg);
      if (type !== expected[n])
        throw this.error(starts[n], `expected type ${expected[n]} in call to function "${func}", got ${type}`);
      for (; arg.kind === "paren" && type === "range vector"; ) arg = args[n] = arg.expr;
    }), { kind: "call", func, args };
  }
  parseBinaryModifiers(op) {
    let modifiers = { returnBool: !1 };
    if (this.isWord("bool")) {
      let tok = this.next();
      if (!COMPARISON_OPS.includes(op)) throw this.error(tok, "bool modifier can only be used on comparison operators");
      modifiers.returnBool = !0;
    }
    if (this.isWord("on") || this.isWord("ignoring")) {
      let on = this.next().text.toLowerCase() === "on", matching2 = { card: "one-to-one", on, labels: this.parseLabelList(), include: [] };
      if (this.isWord("group_left") || this.isWord("group_right")) {
        let group = this.next();
        if (SET_OPS.includes(op)) throw this.error(group, `no grouping allowed for "${op}" operation`);
        matching2.card = group.text.toLowerCase() === "group_left" ? "many-to-one" : "one-to-many", this.peek().kind === "(" && (matching2.include = this.parseLabelList());
        let both = on ? matching2.include.find((l) => matching2.labels.includes(l)) : void 0;
        if (both !== void 0) throw this.error(group, `label "${both}" must not occur in ON and GROUP clause at once`);
      }
      modifiers.matching = matching2;
    }
    return modifiers;
  }
  binary(tok, op, lhs, rhs, modifiers) {
    let lt = typeOf(lhs), rt = typeOf(rhs), operandTypes = ["scalar", "instant vector"];
    if (!operandTypes.includes(lt) || !operandTypes.includes(rt))
      throw this.error(tok, "binary expression must contain only scalar and instant vector types");
    let vectors = lt === "instant vector" && rt === "instant vector";
    if (COMPARISON_OPS.includes(op) && !modifiers.returnBool && lt === "scalar" && rt === "scalar")
      throw this.error(tok, "comparisons between scalars must use BOOL modifier");
    if (SET_OPS.includes(op) && !vectors) throw this.error(tok, `set operator "${op}" not allowed in binary scalar expression`);
    if (modifiers.matching && !vectors) throw this.error(tok, "vector matching only allowed between instant vectors");
    let matching2;
    return vectors && (matching2 = modifiers.matching ?? { card: "one-to-one", on: !1, labels: [], include: [] }, SET_OPS.includes(op) && (matching2.card = "many-to-many")), { kind: "binary", op, lhs, rhs, returnBool: modifiers.returnBool, matching: matching2 };
  }
  isWord(word) {
    let tok = this.peek();
    return tok.kind === "ident" && tok.text.toLowerCase() === word;
  }
  peek() {
    return this.tokens[this.i];
  }
  next() {
    let tok = this.tokens[this.i];
    return tok.kind !== "eof" && this.i++, tok;
  }
  /** Prometheus names the matcher (its label) where its regexp fails to parse. */
  checkRegex(matcher, tok) {
    let re2 = re2SyntaxError(tok.text);
    if (re2) throw this.error(matcher, `error parsing regexp: ${re2}`);
    try {
      new RegExp(`^(?:${tok.text})$`);
    } catch (err) {
      throw this.error(tok, `invalid regular expression ${JSON.stringify(tok.text)}: ${err.message}`);
    }
  }
  error(tok, message) {
    return PromQLError.parse(this.query, tok.pos, message);
  }
  unsupported(tok, what) {
    return this.error(tok, `${what} is not supported by the Firebreak simulator; supported: ${SUPPORTED_SUBSET}`);
  }
};

// sdk/sim/promql/index.ts
function evaluateInstant(query, store, atMs) {
  let expr = typeof query == "string" ? parsePromQL(query) : query;
  return evaluateAt(expr, new SampleSource(store, atMs, atMs), atMs);
}
function evaluateRange(query, store, startMs, endMs, stepMs) {
  let expr = typeof query == "string" ? parsePromQL(query) : query, type = typeOf(expr);
  if (type !== "scalar" && type !== "instant vector")
    throw new PromQLError("bad_data", `invalid expression type "${type}" for range query, must be Scalar or instant Vector`);
  if (!(stepMs > 0)) throw new PromQLError("bad_data", "the step of a range query must be positive");
  let source = new SampleSource(store, startMs, endMs), series = /* @__PURE__ */ new Map();
  for (let t = startMs; t <= endMs; t += stepMs) {
    let value = evaluateAt(expr, source, t), samples = value.type === "vector" ? value.samples : [{ labels: {}, value: value.value }];
    for (let s of samples) {
      let key = labelsKey(s.labels), out = series.get(key);
      out || series.set(key, out = { labels: s.labels, points: [] }), out.points.push([t, s.value]);
    }
  }
  return { type: "matrix", series: [...series.values()].sort((a, b) => compareLabels(a.labels, b.labels)) };
}

// sdk/sim/prometheus-api/format.ts
function digitsOf(v) {
  let [mantissa, exp] = Math.abs(v).toExponential().split("e");
  return { digits: mantissa.replace(".", ""), exp: Number(exp) };
}
function special(v) {
  if (Number.isNaN(v)) return "NaN";
  if (v === 1 / 0) return "+Inf";
  if (v === -1 / 0) return "-Inf";
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
}
function formatFloatF(v) {
  let s = special(v);
  if (s !== void 0) return s;
  let { digits, exp } = digitsOf(v), sign = v < 0 ? "-" : "";
  return exp >= digits.length - 1 ? sign + digits + "0".repeat(exp - digits.length + 1) : exp >= 0 ? `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}` : `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
}
function formatSampleValue(v) {
  let abs = Math.abs(v);
  if (special(v) !== void 0 || abs >= 1e-6 && abs < 1e21) return formatFloatF(v);
  let { digits, exp } = digitsOf(v), mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits, e = Math.abs(exp).toString().padStart(2, "0");
  return `${v < 0 ? "-" : ""}${mantissa}e${exp < 0 ? "-" : "+"}${e}`;
}
var unixSeconds = (ms) => ms / 1e3, GO_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/, RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/, roundHalfAway = (x) => Math.sign(x) * Math.round(Math.abs(x));
function parseTimeParam(text2) {
  if (GO_FLOAT.test(text2)) {
    let t = Number(text2);
    if (!Number.isFinite(t)) return;
    let whole = Math.trunc(t);
    return whole * 1e3 + roundHalfAway((t - whole) * 1e3);
  }
  let m = RFC3339.exec(text2);
  if (!m) return;
  let [, y, mo, d, h, mi, s, frac, sign, oh, om] = m, utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)), offsetMs = sign ? (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 6e4 : 0;
  return utc - offsetMs + (frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0);
}
function parseDurationParam(text2) {
  return GO_FLOAT.test(text2) ? Number(text2) * 1e3 : parseDuration(text2);
}

// sdk/sim/prometheus-api/server.ts
var MAX_POINTS_PER_SERIES = 11e3, DEFAULT_QUERY_TIMEOUT_MS = 2 * 6e4, BUILD_INFO = {
  version: "2.42.0",
  revision: "firebreak-simulator",
  branch: "firebreak",
  buildUser: "firebreak",
  buildDate: "20230131-00:00:00",
  goVersion: "go1.19.5"
}, HTTP_STATUS = { bad_data: 400, execution: 422, timeout: 503, internal: 500 }, ApiError2 = class extends Error {
  constructor(type, message) {
    super(message);
    this.type = type;
  }
  type;
}, json = (status, payload) => ({ status, body: JSON.stringify(payload), contentType: "application/json" }), text = (status, body, headers) => ({
  status,
  body,
  contentType: "text/plain; charset=utf-8",
  headers
}), invalidParam = (name2, message) => new ApiError2("bad_data", `invalid parameter "${name2}": ${message}`), ROUTES = {
  "/api/v1/query": { methods: ["GET", "POST"], api: "query" },
  "/api/v1/query_range": { methods: ["GET", "POST"], api: "query_range" },
  "/api/v1/status/buildinfo": { methods: ["GET"], api: "buildinfo" },
  "/-/ready": { methods: ["GET", "HEAD"], body: `Prometheus Server is Ready.
` },
  "/-/healthy": { methods: ["GET", "HEAD"], body: `Prometheus Server is Healthy.
` }
};
async function startPrometheusApi(options) {
  let requests = [], pending = /* @__PURE__ */ new Set(), delayMs = 0, server = createServer2((req, res) => {
    readForm(req).then((form) => {
      let { answer: result, timeoutMs } = answer(req, form), late = delayMs > timeoutMs, timer = setTimeout(
        () => {
          pending.delete(timer), send2(res, late ? timedOut() : result);
        },
        late ? timeoutMs : delayMs
      );
      pending.add(timer);
    }).catch((err) => send2(res, json(500, { status: "error", errorType: "internal", error: String(err) })));
  });
  function answer(req, form) {
    let path = new URL(req.url ?? "/", "http://localhost").pathname, route = ROUTES[path], plain = (a) => ({ answer: a, timeoutMs: 1 / 0 });
    if (!route) return plain(text(404, `404 page not found
`));
    if (!route.methods.includes(req.method ?? ""))
      return plain(text(405, `Method Not Allowed
`, { Allow: [...route.methods, "OPTIONS"].join(", ") }));
    if (route.body !== void 0) return plain(text(200, route.body));
    if (route.api === "buildinfo") return plain(json(200, { status: "success", data: BUILD_INFO }));
    let query = form.get("query") ?? "";
    requests.push(query);
    let timeoutMs = parseDurationParam(form.get("timeout") ?? "") ?? DEFAULT_QUERY_TIMEOUT_MS;
    try {
      let data = route.api === "query" ? instantQuery(query, form) : rangeQuery(query, form);
      return { answer: json(200, { status: "success", data }), timeoutMs };
    } catch (err) {
      if (err instanceof ApiError2) return { answer: errorAnswer(err.type, err.message), timeoutMs };
      if (!(err instanceof PromQLError)) throw err;
      let prefix = route.api === "query" && err.type === "bad_data" ? 'invalid parameter "query": ' : "";
      return { answer: errorAnswer(err.type, prefix + err.message), timeoutMs };
    }
  }
  function instantQuery(query, form) {
    let timeText = form.get("time"), at = options.now();
    if (timeText !== null && timeText !== "") {
      let parsed = parseTimeParam(timeText);
      if (parsed === void 0)
        throw invalidParam("time", `Invalid time value for 'time': cannot parse ${JSON.stringify(timeText)} to a valid timestamp`);
      at = parsed;
    }
    return readTimeout(form), resultData(evaluateInstant(query, options.store, at), at);
  }
  function rangeQuery(query, form) {
    let time2 = (name2) => {
      let raw = form.get(name2) ?? "", ms = parseTimeParam(raw);
      if (ms === void 0) throw invalidParam(name2, `cannot parse ${JSON.stringify(raw)} to a valid timestamp`);
      return ms;
    }, [start, end] = [time2("start"), time2("end")];
    if (end < start) throw invalidParam("end", "end timestamp must not be before start time");
    let rawStep = form.get("step") ?? "", stepExact = parseDurationParam(rawStep);
    if (stepExact === void 0) throw invalidParam("step", `cannot parse ${JSON.stringify(rawStep)} to a valid duration`);
    let step = Math.trunc(stepExact);
    if (step <= 0)
      throw invalidParam("step", "zero or negative query resolution step widths are not accepted. Try a positive integer");
    if (Math.trunc((end - start) / stepExact) > MAX_POINTS_PER_SERIES)
      throw new ApiError2(
        "bad_data",
        "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)"
      );
    return readTimeout(form), resultData(evaluateRange(query, options.store, start, end, step), start);
  }
  await listen(0);
  let port = server.address().port;
  function listen(onPort) {
    return new Promise((resolve, reject) => {
      server.once("error", reject), server.listen(onPort, "127.0.0.1", () => {
        server.off("error", reject), resolve();
      });
    });
  }
  function stop() {
    for (let timer of pending) clearTimeout(timer);
    return pending.clear(), server.listening ? new Promise((resolve) => {
      server.close(() => setImmediate(resolve)), server.closeAllConnections();
    }) : Promise.resolve();
  }
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults: {
      down: (on) => on ? stop() : server.listening ? Promise.resolve() : listen(port),
      slow: (ms) => {
        delayMs = Math.max(0, ms);
      }
    },
    close: stop
  };
}
function readTimeout(form) {
  let raw = form.get("timeout");
  if (raw === null || raw === "") return DEFAULT_QUERY_TIMEOUT_MS;
  let ms = parseDurationParam(raw);
  if (ms === void 0) throw invalidParam("timeout", `cannot parse ${JSON.stringify(raw)} to a valid duration`);
  return ms;
}
function resultData(value, atMs) {
  switch (value.type) {
    case "scalar":
      return { resultType: "scalar", result: [unixSeconds(atMs), formatFloatF(value.value)] };
    case "string":
      return { resultType: "string", result: [unixSeconds(atMs), value.value] };
    case "vector":
      return {
        resultType: "vector",
        result: value.samples.map((s) => ({ metric: s.labels, value: [unixSeconds(atMs), formatSampleValue(s.value)] }))
      };
    case "matrix":
      return {
        resultType: "matrix",
        result: value.series.map((s) => ({
          metric: s.labels,
          values: s.points.map(([t, v]) => [unixSeconds(t), formatSampleValue(v)])
        }))
      };
  }
}
var errorAnswer = (type, error) => json(HTTP_STATUS[type], { status: "error", errorType: type, error }), timedOut = () => errorAnswer("timeout", "query timed out in expression evaluation");
async function readForm(req) {
  let form = new URL(req.url ?? "/", "http://localhost").searchParams, chunks = [];
  for await (let chunk of req) chunks.push(chunk);
  let type = req.headers["content-type"] ?? "";
  if (req.method !== "POST" || !type.startsWith("application/x-www-form-urlencoded")) return form;
  let body = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
  for (let key of new Set(body.keys())) form.set(key, body.get(key));
  return form;
}
function send2(res, answer) {
  res.destroyed || (res.writeHead(answer.status, { "Content-Type": answer.contentType, ...answer.headers }), res.end(answer.body));
}

// sdk/sim/model/meta.ts
import { createHash as createHash2 } from "node:crypto";
var REVISION_ANNOTATION = "deployment.kubernetes.io/revision", REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history", DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas", MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas", POD_TEMPLATE_HASH_LABEL = "pod-template-hash", NODE_NAME = "sim-node-1", iso = (ms) => new Date(ms).toISOString(), keyOf2 = (namespace, name2) => `${namespace ?? ""}/${name2}`;
function canonicalJson(value) {
  return Array.isArray(value) ? `[${value.map(canonicalJson).join(",")}]` : value !== null && typeof value == "object" ? `{${Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}` : JSON.stringify(value);
}
var SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
function safeSuffix(seed, length) {
  let digest = createHash2("sha256").update(seed).digest(), out = "";
  for (let i = 0; i < length; i++) out += SAFE_ALPHABET[digest[i] % SAFE_ALPHABET.length];
  return out;
}
function hashFraction(seed) {
  return createHash2("sha256").update(seed).digest().readUInt32BE(0) / 2 ** 32;
}
var sha256Hex = (seed) => createHash2("sha256").update(seed).digest("hex");
function templateWithoutHash(template) {
  let t = defaultPodTemplate(structuredClone(template ?? {}));
  return t.metadata?.labels && delete t.metadata.labels[POD_TEMPLATE_HASH_LABEL], t;
}
var podTemplateHash = (template) => safeSuffix(canonicalJson(templateWithoutHash(template)), 10);
function controllerRef(owner) {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: !0, blockOwnerDeletion: !0 };
}
var controllerUid = (obj) => obj.metadata.ownerReferences?.find((r) => r.controller)?.uid;
function revisionOf(obj) {
  let n = Number(obj.metadata.annotations?.[REVISION_ANNOTATION]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

// sdk/sim/model/deployment-scale.ts
function pausedScale(d, maxSurge, newRS, owned) {
  let replicas = d.spec?.replicas ?? 1, sizes = /* @__PURE__ */ new Map(), resize = (rs, n) => {
    specOf(rs) !== n && sizes.set(rs, n);
  }, active = owned.filter((rs) => specOf(rs) > 0);
  if (active.length <= 1) {
    let target = active[0] ?? newRS ?? owned.at(-1);
    return target && resize(target, replicas), sizes;
  }
  if (newRS && specOf(newRS) === replicas && newRS.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] === String(replicas) && (newRS.status?.availableReplicas ?? 0) === replicas) {
    for (let rs of active) rs !== newRS && resize(rs, 0);
    return sizes;
  }
  if (d.spec?.strategy?.type === "Recreate") return sizes;
  let total = active.reduce((n, rs) => n + specOf(rs), 0), allowed = replicas > 0 ? replicas + maxSurge : 0, toAdd = allowed - total, age2 = (rs) => owned.indexOf(rs), order = [...active].sort((a, b) => specOf(b) - specOf(a) || (toAdd > 0 ? age2(b) - age2(a) : age2(a) - age2(b))), added = 0, next = order.map((rs) => {
    if (toAdd === 0 || added === toAdd) return specOf(rs);
    let fraction = replicas === 0 ? -specOf(rs) : shareOf(rs, allowed, d.status?.replicas ?? 0), proportion = toAdd > 0 ? Math.min(fraction, toAdd - added) : Math.max(fraction, toAdd - added);
    return added += proportion, specOf(rs) + proportion;
  });
  return next[0] = Math.max(0, next[0] + toAdd - added), order.forEach((rs, i) => sizes.set(rs, next[i])), sizes;
}
function shareOf(rs, allowed, statusReplicas) {
  let before = Number(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION]) || statusReplicas;
  return before > 0 ? Math.round(specOf(rs) * allowed / before) - specOf(rs) : 0;
}
var specOf = (rs) => rs.spec?.replicas ?? 0;

// sdk/sim/model/deployment-controller.ts
var DEFAULT_MAX_SURGE = "25%", DEFAULT_MAX_UNAVAILABLE = "25%", DEFAULT_PROGRESS_DEADLINE_S = 600, DEFAULT_REVISION_HISTORY_LIMIT = 10, specOf2 = (rs) => rs.spec?.replicas ?? 0, availableOf = (rs) => rs.status?.availableReplicas ?? 0, sum = (list2, f) => list2.reduce((a, rs) => a + f(rs), 0), byAge = (a, b) => (a.metadata.creationTimestamp ?? "").localeCompare(b.metadata.creationTimestamp ?? "") || a.metadata.name.localeCompare(b.metadata.name);
function rolloutFenceposts(deployment) {
  let replicas = deployment.spec?.replicas ?? 1, ru = deployment.spec?.strategy?.rollingUpdate ?? {}, resolve = (value, roundUp) => {
    if (typeof value == "number") return value;
    let s = String(value);
    if (s.endsWith("%")) {
      let x = Number.parseInt(s, 10) * replicas / 100;
      return roundUp ? Math.ceil(x) : Math.floor(x);
    }
    return Number.parseInt(s, 10) || 0;
  }, maxSurge = resolve(ru.maxSurge ?? DEFAULT_MAX_SURGE, !0), maxUnavailable = resolve(ru.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE, !1);
  return { maxSurge, maxUnavailable: maxSurge === 0 && maxUnavailable === 0 ? 1 : maxUnavailable };
}
function replicasAnnotations(d) {
  let replicas = d.spec?.replicas ?? 1;
  return { [DESIRED_REPLICAS_ANNOTATION]: String(replicas), [MAX_REPLICAS_ANNOTATION]: String(replicas + rolloutFenceposts(d).maxSurge) };
}
function createDeploymentController(store) {
  let write = (obj, statusOnly = !1) => Object.assign(obj, store.update(obj, { statusOnly })), scale2 = (d, rs, replicas, refresh = !1) => {
    let annotations = replicasAnnotations(d), stale = Object.entries(annotations).some(([k, v]) => rs.metadata.annotations?.[k] !== v);
    specOf2(rs) === replicas && !(refresh && stale) || (rs.spec.replicas = replicas, rs.metadata.annotations = { ...rs.metadata.annotations, ...annotations }, write(rs));
  }, createReplicaSet = (d, revision, now) => {
    let hash = podTemplateHash(d.spec.template), template = structuredClone(d.spec.template ?? {});
    return template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } }, store.create({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...template.metadata.labels },
        annotations: { [REVISION_ANNOTATION]: String(revision), ...replicasAnnotations(d) },
        ownerReferences: [controllerRef(d)],
        creationTimestamp: iso(now)
      },
      spec: {
        replicas: 0,
        selector: { ...d.spec.selector, matchLabels: { ...d.spec.selector?.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash } },
        template
      }
    });
  }, bumpRevision = (rs, revision) => {
    let previous = rs.metadata.annotations?.[REVISION_ANNOTATION], history = rs.metadata.annotations?.[REVISION_HISTORY_ANNOTATION];
    rs.metadata.annotations = {
      ...rs.metadata.annotations,
      [REVISION_ANNOTATION]: String(revision),
      ...previous ? { [REVISION_HISTORY_ANNOTATION]: history ? `${history},${previous}` : previous } : {}
    }, write(rs);
  }, rollingUpdate = (d, newRS, old) => {
    let replicas = d.spec.replicas ?? 1, { maxSurge, maxUnavailable } = rolloutFenceposts(d), all = [newRS, ...old], newReplicas = specOf2(newRS);
    if (newReplicas > replicas) scale2(d, newRS, replicas);
    else if (newReplicas < replicas) {
      let room = replicas + maxSurge - sum(all, specOf2);
      room > 0 && scale2(d, newRS, newReplicas + Math.min(room, replicas - newReplicas));
    }
    if (sum(old, specOf2) === 0) return;
    let minAvailable = replicas - maxUnavailable, newUnavailable = specOf2(newRS) - availableOf(newRS), maxScaledDown = sum(all, specOf2) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    for (let rs of old) {
      let unhealthy = Math.min(maxScaledDown, specOf2(rs) - availableOf(rs));
      unhealthy <= 0 || (scale2(d, rs, specOf2(rs) - unhealthy), maxScaledDown -= unhealthy);
    }
    let excess = sum(all, availableOf) - minAvailable;
    for (let rs of old) {
      let n = Math.min(specOf2(rs), excess);
      n <= 0 || (scale2(d, rs, specOf2(rs) - n), excess -= n);
    }
  }, recreate = (d, newRS, old) => {
    if (old.some((rs) => specOf2(rs) > 0)) {
      for (let rs of old) scale2(d, rs, 0);
      return;
    }
    old.some((rs) => (rs.status?.replicas ?? 0) > 0) || scale2(d, newRS, d.spec.replicas ?? 1);
  }, pruneHistory = (d, old) => {
    let limit = d.spec.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT, idle = old.filter((rs) => specOf2(rs) === 0 && (rs.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
    for (let rs of idle.slice(0, Math.max(0, idle.length - limit)))
      store.delete({ apiVersion: rs.apiVersion, kind: rs.kind, namespace: rs.metadata.namespace, name: rs.metadata.name });
  }, syncOne = (now, d, owned) => {
    let wanted = canonicalJson(templateWithoutHash(d.spec?.template)), newRS = owned.find((rs) => canonicalJson(templateWithoutHash(rs.spec?.template)) === wanted), paused = d.spec?.paused === !0, event, maxOld = Math.max(0, ...owned.filter((rs) => rs !== newRS).map(revisionOf));
    if (newRS ? (revisionOf(newRS) <= maxOld && bumpRevision(newRS, maxOld + 1), d.status?.conditions?.some((c) => c.type === "Progressing") || (event = { reason: "FoundNewReplicaSet", message: `Found new replica set "${newRS.metadata.name}"` })) : paused || (newRS = createReplicaSet(d, maxOld + 1, now), owned.push(newRS), event = { reason: "NewReplicaSetCreated", message: `Created new replica set "${newRS.metadata.name}"` }), newRS) {
      let revision = String(revisionOf(newRS));
      d.metadata.annotations?.[REVISION_ANNOTATION] !== revision && (d.metadata.annotations = { ...d.metadata.annotations, [REVISION_ANNOTATION]: revision }, write(d));
    }
    let old = owned.filter((rs) => rs !== newRS);
    if (paused) {
      for (let [rs, replicas] of pausedScale(d, rolloutFenceposts(d).maxSurge, newRS, owned)) scale2(d, rs, replicas, !0);
      pruneHistory(d, old);
    } else newRS && (d.spec.strategy?.type === "Recreate" ? recreate(d, newRS, old) : rollingUpdate(d, newRS, old), isComplete(d, newRS, owned) && pruneHistory(d, old));
    return writeStatus(now, d, newRS, owned, paused, event);
  }, writeStatus = (now, d, newRS, owned, paused, event) => {
    let prev = d.status ?? {}, replicas = sum(owned, (rs) => rs.status?.replicas ?? 0), updated = newRS?.status?.replicas ?? 0, ready = sum(owned, (rs) => rs.status?.readyReplicas ?? 0), available = sum(owned, availableOf), desired = d.spec?.replicas ?? 1, conditions = structuredClone(prev.conditions ?? []), availability = available >= desired - rolloutFenceposts(d).maxUnavailable ? { type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." } : { type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." };
    setCondition(conditions, now, availability);
    let rsName = newRS?.metadata.name ?? d.metadata.name, complete = newRS !== void 0 && isComplete(d, newRS, owned), progressed = updated > (prev.updatedReplicas ?? 0) || ready > (prev.readyReplicas ?? 0) || available > (prev.availableReplicas ?? 0) || replicas - updated < (prev.replicas ?? 0) - (prev.updatedReplicas ?? 0), deadlineMs = (d.spec?.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_S) * 1e3, lastProgress = (c) => c?.lastUpdateTime ? Date.parse(c.lastUpdateTime) : 1 / 0, before = conditions.find((c) => c.type === "Progressing");
    paused ? setCondition(conditions, now, { type: "Progressing", status: "Unknown", reason: "DeploymentPaused", message: "Deployment is paused" }) : complete ? setCondition(conditions, now, { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "${rsName}" has successfully progressed.` }) : event ? setCondition(conditions, now, { type: "Progressing", status: "True", ...event }, !0) : progressed ? setCondition(conditions, now, { type: "Progressing", status: "True", reason: "ReplicaSetUpdated", message: `ReplicaSet "${rsName}" is progressing.` }, !0) : before?.status === "True" && now >= lastProgress(before) + deadlineMs && setCondition(conditions, now, { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${rsName}" has timed out progressing.` });
    let status = {
      observedGeneration: d.metadata.generation,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, sum(owned, specOf2) - available),
      conditions
    };
    canonicalJson(status) !== canonicalJson(prev) && (d.status = status, write(d, !0));
    let after = conditions.find((c) => c.type === "Progressing");
    if (!(paused || complete || after?.status !== "True"))
      return lastProgress(after) + deadlineMs;
  };
  return {
    sync(now, deployments, replicaSets) {
      let wake;
      for (let d of deployments) {
        let owned = replicaSets.filter((rs) => controllerUid(rs) === d.metadata.uid).sort(byAge), due = syncOne(now, d, owned);
        due !== void 0 && (wake === void 0 || due < wake) && (wake = due);
      }
      return wake;
    }
  };
}
function isComplete(d, newRS, owned) {
  let desired = d.spec?.replicas ?? 1;
  return (newRS.status?.replicas ?? 0) === desired && availableOf(newRS) === desired && sum(owned, (rs) => rs.status?.replicas ?? 0) === desired;
}
function setCondition(conditions, now, next, touch = !1) {
  let i = conditions.findIndex((c) => c.type === next.type), current = conditions[i];
  if (current && current.status === next.status && current.reason === next.reason && current.message === next.message && !touch) return;
  let at = iso(now), condition = { ...next, lastUpdateTime: at, lastTransitionTime: current?.status === next.status ? current.lastTransitionTime : at };
  i >= 0 ? conditions[i] = condition : conditions.push(condition);
}

// sdk/sim/model/garbage-collector.ts
function collectGarbage(store, deployments, replicaSets, pods) {
  let orphaned = (owners2, kind) => {
    let uids = new Set(owners2.map((o) => o.metadata.uid));
    return (obj) => {
      let ref = obj.metadata.ownerReferences?.find((r) => r.controller);
      return ref !== void 0 && ref.kind === kind && !uids.has(controllerUid(obj));
    };
  }, remove3 = (list2, isOrphan) => list2.filter((obj) => isOrphan(obj) ? (store.delete({ apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name }), !1) : !0), liveReplicaSets = remove3(replicaSets, orphaned(deployments, "Deployment"));
  return { replicaSets: liveReplicaSets, pods: remove3(pods, orphaned(liveReplicaSets, "ReplicaSet")) };
}

// sdk/sim/model/mesh-dialects.ts
var ISTIO_DURATION_BUCKETS_MS = [
  0.5,
  1,
  5,
  10,
  25,
  50,
  100,
  250,
  500,
  1e3,
  2500,
  5e3,
  1e4,
  3e4,
  6e4,
  3e5,
  6e5,
  18e5,
  36e5
], LINKERD_LATENCY_BUCKETS_MS = [
  1,
  2,
  3,
  4,
  5,
  10,
  20,
  30,
  40,
  50,
  100,
  200,
  300,
  400,
  500,
  1e3,
  2e3,
  3e3,
  4e3,
  5e3,
  1e4,
  2e4,
  3e4,
  4e4,
  5e4
], NGINX_DURATION_BUCKETS_S = [5e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], ISTIO_SOURCE = "istio-ingressgateway", LINKERD_SOURCE = "web-gateway", code = (o) => o === "ok" ? "200" : o === "error" ? "500" : "503", leOf = (bounds) => [...bounds.map(String), "+Inf"], istio = {
  boundsMs: ISTIO_DURATION_BUCKETS_MS,
  le: leOf(ISTIO_DURATION_BUCKETS_MS),
  unit: 1,
  histogram: "istio_request_duration_milliseconds",
  served(ch, namespace, workload, version, outcome) {
    let c = code(outcome), flags = outcome === "shed" ? "UO" : "-";
    return {
      counters: [istioRequest("destination", ch.service, namespace, workload, version, c, flags), istioRequest("source", ch.service, namespace, workload, version, c, flags)],
      histogram: {
        reporter: "destination",
        destination_service_name: ch.service,
        destination_service_namespace: namespace,
        destination_workload: workload,
        destination_version: version,
        response_code: c
      }
    };
  },
  // the ingress gateway answers these itself: only the source reporter sees them
  unrouted: (ch, namespace, version, flags) => [istioRequest("source", ch.service, namespace, "unknown", version, "503", flags)]
};
function istioRequest(reporter, service, namespace, workload, version, code2, flags) {
  return {
    __name__: "istio_requests_total",
    reporter,
    source_workload: ISTIO_SOURCE,
    destination_service_name: service,
    destination_service_namespace: namespace,
    destination_service: `${service}.${namespace}.svc.cluster.local`,
    destination_workload: workload,
    destination_workload_namespace: namespace,
    destination_version: version,
    destination_canonical_service: service,
    response_code: code2,
    response_flags: flags
  };
}
var linkerd = {
  boundsMs: LINKERD_LATENCY_BUCKETS_MS,
  le: leOf(LINKERD_LATENCY_BUCKETS_MS),
  unit: 1,
  histogram: "response_latency_ms",
  served(ch, namespace, workload, _version, outcome) {
    let status = code(outcome), inbound = { direction: "inbound", namespace, deployment: workload, authority: authority(ch.service, namespace), tls: "true", status_code: status }, classification = outcome === "ok" ? "success" : "failure";
    return {
      counters: [
        { __name__: "response_total", ...inbound, classification },
        { __name__: "response_total", ...linkerdOutbound(ch.service, namespace, status), dst_deployment: workload, classification }
      ],
      histogram: inbound
    };
  },
  // the caller's proxy fails fast: no inbound side at all
  unrouted: (ch, namespace) => [{ __name__: "response_total", ...linkerdOutbound(ch.service, namespace, "503"), classification: "failure" }]
}, authority = (service, namespace) => `${service}.${namespace}.svc.cluster.local`;
function linkerdOutbound(service, namespace, status) {
  return {
    direction: "outbound",
    namespace,
    deployment: LINKERD_SOURCE,
    authority: authority(service, namespace),
    dst_namespace: namespace,
    dst_service: service,
    tls: "true",
    status_code: status
  };
}
var ingressNginx = {
  boundsMs: NGINX_DURATION_BUCKETS_S.map((s) => s * 1e3),
  le: leOf(NGINX_DURATION_BUCKETS_S),
  unit: 1e-3,
  histogram: "nginx_ingress_controller_request_duration_seconds",
  served(ch, namespace, _workload, _version, outcome) {
    let labels = nginxRequest(ch, namespace, code(outcome));
    return { counters: [{ __name__: "nginx_ingress_controller_requests", ...labels }], histogram: labels };
  },
  // no endpoints: the controller answers 503 itself
  unrouted: (ch, namespace) => [{ __name__: "nginx_ingress_controller_requests", ...nginxRequest(ch, namespace, "503") }]
};
function nginxRequest(ch, namespace, status) {
  return {
    controller_class: "k8s.io/ingress-nginx",
    controller_namespace: "ingress-nginx",
    controller_pod: "ingress-nginx-controller-0",
    host: ch.host,
    ingress: ch.ingress,
    method: "GET",
    namespace,
    path: "/",
    service: ch.service,
    status,
    // Prometheus drops empty labels: a request the primary served has no `canary` label at all
    ...ch.canary ? { canary: ch.canary } : {}
  };
}
var dialects = {
  istio,
  linkerd,
  "ingress-nginx": ingressNginx
};
function dialectOf(channel) {
  return dialects[channel.mesh];
}

// sdk/sim/model/metrics.ts
var keyOf3 = (labels) => Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(",");
function createMeshMetrics(namespace) {
  let counters = [], counterByKey = /* @__PURE__ */ new Map(), histograms = [], histogramByKey = /* @__PURE__ */ new Map(), recorders = /* @__PURE__ */ new Map(), unrouted = /* @__PURE__ */ new Map(), counter = (labels) => {
    let key = keyOf3(labels), c = counterByKey.get(key);
    return c || (counterByKey.set(key, c = { labels, value: 0 }), counters.push(c)), c;
  }, histogram = (d, base) => {
    let key = `${d.histogram}|${keyOf3(base)}`, h = histogramByKey.get(key);
    return h || (h = {
      bucketLabels: d.le.map((le) => ({ __name__: `${d.histogram}_bucket`, ...base, le })),
      buckets: d.le.map(() => 0),
      sumLabels: { __name__: `${d.histogram}_sum`, ...base },
      sum: 0,
      countLabels: { __name__: `${d.histogram}_count`, ...base },
      count: 0
    }, histogramByKey.set(key, h), histograms.push(h)), h;
  }, add2 = (d, series, count, within, meanLatencyMs) => {
    for (let c of series.counters) c.value += count;
    let h = series.histogram, n = d.boundsMs.length;
    for (let i = 0; i < n; i++) h.buckets[i] += within ? count * within[i] : count;
    h.buckets[n] += count, h.sum += count * meanLatencyMs * d.unit, h.count += count;
  }, createRecorder = (channel, workload, version) => {
    let d = dialectOf(channel), fractions = new Float64Array(d.boundsMs.length), series = {}, seriesOf = (outcome) => {
      let s = d.served(channel, namespace, workload, version, outcome);
      return series[outcome] = { counters: s.counters.map(counter), histogram: histogram(d, s.histogram) };
    };
    return {
      record(nOk, nErrors, nShed, meanLatencyMs) {
        if (nOk > 0 || nErrors > 0)
          for (let i = 0; i < fractions.length; i++) fractions[i] = -Math.expm1(-d.boundsMs[i] / meanLatencyMs);
        nOk > 0 && add2(d, series.ok ?? seriesOf("ok"), nOk, fractions, meanLatencyMs), nErrors > 0 && add2(d, series.error ?? seriesOf("error"), nErrors, fractions, meanLatencyMs), nShed > 0 && add2(d, series.shed ?? seriesOf("shed"), nShed, null, 0);
      }
    };
  }, channelKey = (channel) => JSON.stringify(channel);
  return {
    workload(channel, workload, version) {
      let key = `${channelKey(channel)}|${workload}|${version}`, r = recorders.get(key);
      return r || recorders.set(key, r = createRecorder(channel, workload, version)), r;
    },
    unrouted(channel, version, flags) {
      let key = `${channelKey(channel)}|${version}|${flags}`, r = unrouted.get(key);
      if (!r) {
        let targets;
        r = {
          add(count) {
            if (count > 0) {
              targets ??= dialectOf(channel).unrouted(channel, namespace, version, flags).map(counter);
              for (let c of targets) c.value += count;
            }
          }
        }, unrouted.set(key, r);
      }
      return r;
    },
    sample(tsdb, at, gauges) {
      for (let c of counters) tsdb.append(c.labels, at, c.value);
      for (let h of histograms) {
        for (let i = 0; i < h.bucketLabels.length; i++) tsdb.append(h.bucketLabels[i], at, h.buckets[i]);
        tsdb.append(h.sumLabels, at, h.sum), tsdb.append(h.countLabels, at, h.count);
      }
      for (let g of gauges) tsdb.append(g.labels, at, g.value);
    }
  };
}

// sdk/sim/model/pod-lifecycle.ts
var CRASH_BACKOFF_INITIAL_S = 10, CRASH_BACKOFF_MAX_S = 300;
function createKubelet(scenario) {
  let faults = scenario.faults, pods = /* @__PURE__ */ new Map(), dirty = /* @__PURE__ */ new Set(), ipSeq = 0, adopt = (pod, now, workload) => {
    let container = pod.spec?.containers?.[0] ?? {}, image = String(container.image ?? ""), behaviour = scenario.images[image], n = ++ipSeq;
    return {
      namespace: pod.metadata.namespace ?? "",
      name: pod.metadata.name,
      labels: { ...pod.metadata.labels },
      workload,
      container: String(container.name ?? "app"),
      image,
      ports: (container.ports ?? []).map((p) => p.containerPort),
      behaviour,
      createdAt: now,
      startedAt: behaviour ? now : void 0,
      ready: !1,
      readySince: now,
      restartCount: 0,
      waiting: behaviour ? void 0 : { reason: "ImagePullBackOff", message: `Back-off pulling image "${image}"`, until: 1 / 0 },
      lastTerminated: void 0,
      podIP: `10.244.${n >> 8}.${n & 255}`
    };
  }, step = (p, now) => {
    let b = p.behaviour;
    if (!b) return !1;
    if (p.startedAt === void 0)
      return !p.waiting || p.waiting.until > now ? !1 : (p.startedAt = p.waiting.until, p.waiting = void 0, !0);
    let readyAt = p.startedAt + faults.readinessSeconds * 1e3, crashAt = b.crashAfterSeconds === void 0 ? 1 / 0 : p.startedAt + b.crashAfterSeconds * 1e3;
    if (!p.ready && readyAt < crashAt && readyAt <= now)
      return p.ready = !0, p.readySince = readyAt, !0;
    if (crashAt > now) return !1;
    p.ready && (p.readySince = crashAt), p.ready = !1, p.restartCount++;
    let backoff = Math.min(CRASH_BACKOFF_MAX_S, CRASH_BACKOFF_INITIAL_S * 2 ** (p.restartCount - 1));
    return p.lastTerminated = { startedAt: p.startedAt, finishedAt: crashAt }, p.startedAt = void 0, p.waiting = {
      reason: "CrashLoopBackOff",
      message: `back-off ${backoff}s restarting failed container=${p.container} pod=${p.name}_${p.namespace}`,
      until: crashAt + backoff * 1e3
    }, !0;
  };
  return {
    sync(list2, now, workloadOf) {
      let seen = /* @__PURE__ */ new Set();
      for (let pod of list2) {
        let key = keyOf2(pod.metadata.namespace, pod.metadata.name);
        seen.add(key);
        let known = pods.get(key);
        if (known) {
          known.labels = { ...pod.metadata.labels }, known.workload = workloadOf(pod);
          continue;
        }
        let p = adopt(pod, now, workloadOf(pod));
        pods.set(key, p), dirty.add(p);
      }
      for (let [key, p] of pods)
        seen.has(key) || (pods.delete(key), dirty.delete(p));
    },
    advance(now) {
      let changed = !1;
      for (let p of pods.values())
        for (; step(p, now); )
          changed = !0, dirty.add(p);
      return changed;
    },
    flush(store) {
      for (let p of dirty) {
        let obj = store.get({ apiVersion: "v1", kind: "Pod", namespace: p.namespace, name: p.name });
        obj && (obj.status = podStatus(p), store.update(obj, { statusOnly: !0 }));
      }
      dirty.clear();
    },
    get: (namespace, name2) => pods.get(keyOf2(namespace, name2)),
    pods: () => pods.values(),
    warmness(p, now) {
      return p.startedAt === void 0 ? 0 : faults.warmupSeconds === 0 ? 1 : Math.min(1, Math.max(0, (now - p.startedAt) / (faults.warmupSeconds * 1e3)));
    }
  };
}
function podStatus(p) {
  let created = iso(p.createdAt), notReady = { reason: "ContainersNotReady", message: `containers with unready status: [${p.container}]` }, readiness = { status: p.ready ? "True" : "False", lastProbeTime: null, lastTransitionTime: iso(p.readySince), ...p.ready ? {} : notReady }, containerId = (run) => `containerd://${sha256Hex(`${p.namespace}/${p.name}/${run}`)}`, state = p.startedAt !== void 0 ? { running: { startedAt: iso(p.startedAt) } } : { waiting: { reason: p.waiting?.reason, message: p.waiting?.message } }, lastState = p.lastTerminated ? {
    terminated: {
      exitCode: 1,
      reason: "Error",
      startedAt: iso(p.lastTerminated.startedAt),
      finishedAt: iso(p.lastTerminated.finishedAt),
      containerID: containerId(p.restartCount - 1)
    }
  } : {}, pulled = p.behaviour !== void 0;
  return {
    // a crash-looping pod stays Running (its container keeps being restarted); one whose image cannot be pulled never leaves Pending
    phase: pulled ? "Running" : "Pending",
    conditions: [
      { type: "PodReadyToStartContainers", status: "True", lastProbeTime: null, lastTransitionTime: created },
      { type: "Initialized", status: "True", lastProbeTime: null, lastTransitionTime: created },
      { type: "Ready", ...readiness },
      { type: "ContainersReady", ...readiness },
      { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: created }
    ],
    hostIP: "10.0.0.10",
    hostIPs: [{ ip: "10.0.0.10" }],
    podIP: p.podIP,
    podIPs: [{ ip: p.podIP }],
    startTime: created,
    qosClass: "BestEffort",
    containerStatuses: [
      {
        name: p.container,
        image: p.image,
        imageID: pulled ? `${p.image.replace(/:[^:/]*$/, "")}@sha256:${sha256Hex(p.image)}` : "",
        ...p.startedAt !== void 0 ? { containerID: containerId(p.restartCount) } : {},
        ready: p.ready,
        started: p.startedAt !== void 0,
        restartCount: p.restartCount,
        state,
        lastState
      }
    ]
  };
}

// sdk/sim/model/traffic.ts
var DEFAULT_POD_CAPACITY_RPS = 50;
function podPerformance(scenario, kubelet, pod, now) {
  let b = pod.behaviour;
  if (!b) return;
  let f = scenario.faults, cold = 1 - kubelet.warmness(pod, now), schema = scenario.database?.schemaVersion, mismatch = schema !== void 0 && b.schema !== void 0 && (schema < b.schema.min || schema > b.schema.max), coldErrorRate = f.coldErrorRate * cold;
  return {
    errorRate: Math.min(1, b.errorRate + (mismatch ? f.schemaMismatchErrorRate : 0) + coldErrorRate),
    coldErrorRate,
    meanLatencyMs: b.latencyMs * (1 + (f.coldLatencyFactor - 1) * cold)
  };
}
function planTraffic(scenario, routes, kubelet, metrics) {
  let ready = [];
  for (let p of kubelet.pods()) p.ready && p.namespace === scenario.namespace && ready.push(p);
  let load = /* @__PURE__ */ new Map(), unrouted = [];
  for (let svc of scenario.services) {
    let plain = { weight: 100, selector: { app: svc.name }, version: "unknown", channel: { mesh: "istio", service: svc.name } }, destinations = routes.get(svc.name) ?? [plain], total = destinations.reduce((a, d) => a + Math.max(0, d.weight), 0);
    if (!(total <= 0))
      for (let d of destinations) {
        let rps = svc.rps * Math.max(0, d.weight) / total;
        if (rps <= 0) continue;
        let targets = d.selector ? ready.filter((p) => matchesLabels(p.labels, d.selector)) : [];
        if (targets.length === 0) {
          unrouted.push({ recorder: metrics.unrouted(d.channel, d.version, d.selector ? "UH" : "NC"), rps });
          continue;
        }
        for (let p of targets) {
          let shares = load.get(p) ?? /* @__PURE__ */ new Map(), recorder = metrics.workload(d.channel, p.workload, p.labels.version ?? "unknown");
          shares.set(recorder, (shares.get(recorder) ?? 0) + rps / targets.length), load.set(p, shares);
        }
      }
  }
  return { pods: [...load].map(([pod, shares]) => ({
    pod,
    rps: [...shares.values()].reduce((a, b) => a + b, 0),
    // capacity is the application's: the service its pods are labelled with
    capacityRps: scenario.services.find((s) => s.name === pod.labels.app)?.podCapacityRps ?? DEFAULT_POD_CAPACITY_RPS,
    shares: [...shares].map(([recorder, rps]) => ({ recorder, rps }))
  })), unrouted };
}
function flowTraffic(plan, ctx) {
  let { scenario, kubelet, now, seconds } = ctx;
  for (let u of plan.unrouted) u.recorder.add(u.rps * seconds);
  for (let { pod, rps, capacityRps, shares } of plan.pods) {
    let perf = podPerformance(scenario, kubelet, pod, now);
    if (!perf) continue;
    let servedShare = Math.min(1, capacityRps * seconds / (rps * seconds));
    for (let share of shares) {
      let requests = share.rps * seconds, served = requests * servedShare;
      share.recorder.record(served * (1 - perf.errorRate), served * perf.errorRate, requests - served, perf.meanLatencyMs);
    }
  }
}

// sdk/sim/model/probe.ts
function probePod(scenario, kubelet, now, req) {
  let pod = kubelet.get(req.namespace, req.pod);
  if (!pod) return;
  if (pod.startedAt === void 0) return { status: 503, latencyMs: 0, body: "container not running" };
  if (pod.ports.length > 0 && !pod.ports.includes(req.port)) return { status: 503, latencyMs: 0, body: `connection refused on port ${req.port}` };
  if (now - pod.startedAt < scenario.faults.readinessSeconds * 1e3) return { status: 503, latencyMs: 0, body: "connection refused: application starting" };
  let perf = podPerformance(scenario, kubelet, pod, now), latencyMs = Math.round(perf.meanLatencyMs);
  return hashFraction(`${req.namespace}/${req.pod}@${now}`) < perf.coldErrorRate ? { status: 503, latencyMs, body: "upstream request timeout" } : { status: 200, latencyMs, body: "ok" };
}

// sdk/sim/model/replicaset-controller.ts
function createReplicaSetController(store) {
  let nameSeq = /* @__PURE__ */ new Map(), podName = (rs, taken) => {
    let key = keyOf2(rs.metadata.namespace, rs.metadata.name);
    for (; ; ) {
      let n = (nameSeq.get(key) ?? 0) + 1;
      nameSeq.set(key, n);
      let name2 = `${rs.metadata.name}-${safeSuffix(`${key}#${n}`, 5)}`;
      if (!taken.has(keyOf2(rs.metadata.namespace, name2))) return name2;
    }
  };
  return {
    sync(now, replicaSets, pods, runtime) {
      let taken = new Set(pods.map((p) => keyOf2(p.metadata.namespace, p.metadata.name))), byOwner = /* @__PURE__ */ new Map();
      for (let p of pods) {
        let uid = controllerUid(p);
        if (!uid) continue;
        let list2 = byOwner.get(uid) ?? [];
        list2.push(p), byOwner.set(uid, list2);
      }
      for (let rs of replicaSets) {
        let want = rs.spec?.replicas ?? 1, owned = byOwner.get(rs.metadata.uid) ?? [];
        if (owned.length < want)
          for (; owned.length < want; ) {
            let name2 = podName(rs, taken);
            taken.add(keyOf2(rs.metadata.namespace, name2)), owned.push(store.create(newPod(rs, name2, now)));
          }
        else if (owned.length > want) {
          let doomed = [...owned].sort(deletionOrder(runtime)).slice(0, owned.length - want);
          for (let p of doomed) store.delete({ apiVersion: "v1", kind: "Pod", namespace: p.metadata.namespace, name: p.metadata.name });
          owned = owned.filter((p) => !doomed.includes(p));
        }
        let ready = owned.filter((p) => runtime(p)?.ready).length, status = {
          replicas: owned.length,
          fullyLabeledReplicas: owned.length,
          readyReplicas: ready,
          // minReadySeconds is 0 in the model: a ready pod is available at once
          availableReplicas: ready,
          observedGeneration: rs.metadata.generation
        };
        canonicalJson(status) !== canonicalJson(rs.status) && (rs.status = status, Object.assign(rs, store.update(rs, { statusOnly: !0 })));
      }
    }
  };
}
function newPod(rs, name2, now) {
  let template = rs.spec?.template ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: name2,
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      labels: { ...template.metadata?.labels },
      ...template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {},
      ownerReferences: [controllerRef(rs)],
      creationTimestamp: iso(now)
    },
    spec: { ...structuredClone(template.spec ?? {}), nodeName: NODE_NAME },
    status: { phase: "Pending" }
  };
}
function deletionOrder(runtime) {
  return (a, b) => {
    let ra = runtime(a), rb = runtime(b), readyA = ra?.ready ? 1 : 0, readyB = rb?.ready ? 1 : 0;
    if (readyA !== readyB) return readyA - readyB;
    let restarts = (rb?.restartCount ?? 0) - (ra?.restartCount ?? 0);
    if (restarts !== 0) return restarts;
    let age2 = (rb?.createdAt ?? 0) - (ra?.createdAt ?? 0);
    return age2 !== 0 ? age2 : b.metadata.name.localeCompare(a.metadata.name);
  };
}

// sdk/sim/scenario.ts
import { z } from "#zod";
var name = z.string().max(63, "must be 63 characters or fewer, as Kubernetes names and label values are: shorten it").regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes name (lower case, digits, '-', '.')"), imageBehaviourSchema = z.object({
  /** Mean request latency once warm. */
  latencyMs: z.number().positive().default(25),
  /** Share of requests that fail (5xx) once warm, e.g. a bug in a bad release. */
  errorRate: z.number().min(0).max(1).default(0),
  /** Database schema versions this build works with (inclusive). Outside it, see faults.schemaMismatchErrorRate. */
  schema: z.object({ min: z.number().int(), max: z.number().int() }).optional(),
  /** The container crashes this many seconds after start, over and over (CrashLoopBackOff). */
  crashAfterSeconds: z.number().positive().optional()
}).strict(), deploymentSchema = z.object({
  name,
  /** The Service whose traffic it serves. */
  service: name,
  /** The pods' `version` label: the subset / per-version metrics key. */
  version: name,
  replicas: z.number().int().min(0),
  /** Images of revisions 1..n; the last one is running now. */
  history: z.array(z.string().min(1)).min(1),
  /** Extra pod labels. */
  labels: z.record(z.string(), z.string()).default({})
}).strict(), serviceSchema = z.object({
  name,
  /** Requests per second arriving at this service (through its route). */
  rps: z.number().positive(),
  /** Requests per second one ready pod can serve; beyond it, requests are shed with 503. */
  podCapacityRps: z.number().positive().default(50),
  port: z.number().int().positive().default(8080)
}).strict(), splitSchema = z.record(z.string(), z.number().int().min(0).max(100)), backendsSchema = z.record(name, name).default({}), istioRouteSchema = z.object({
  kind: z.literal("istio"),
  /** VirtualService name; its DestinationRule is named `<service>`. */
  name,
  service: name,
  /** Subset name → weight. Each subset selects pods with `version: <subset's version>`. */
  split: splitSchema,
  /** Subset name → the pods' version label it selects (defaults to the subset name). */
  subsets: z.record(z.string(), name).default({})
}).strict(), httpRouteSchema = z.object({
  kind: z.literal("httproute"),
  /** HTTPRoute name. */
  name,
  /** The Service callers address (the route's parentRef). */
  service: name,
  /** Backend Service → weight. */
  split: splitSchema,
  backends: backendsSchema
}).strict(), trafficSplitRouteSchema = z.object({
  kind: z.literal("trafficsplit"),
  /** TrafficSplit name. */
  name,
  /** The apex Service callers address. */
  service: name,
  /** Backend Service → weight. */
  split: splitSchema,
  backends: backendsSchema
}).strict(), nginxCanaryRouteSchema = z.object({
  kind: z.literal("nginx-canary"),
  /** The primary Ingress. */
  name,
  /** The canary Ingress (default `<name>-canary`). */
  canaryName: name.optional(),
  /** The service whose requests enter through the host. */
  service: name,
  /** Default `<service>.example.com`. */
  host: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a DNS name").optional(),
  /** Exactly two backend Services → weight: the canary's (its `canary-weight`) and the primary's. */
  split: splitSchema,
  /** Which backend of `split` the canary Ingress sends to; the other is the primary Ingress's. */
  canary: name,
  backends: backendsSchema
}).strict(), routeSchema = z.discriminatedUnion("kind", [istioRouteSchema, httpRouteSchema, trafficSplitRouteSchema, nginxCanaryRouteSchema]), scenarioSchema = z.object({
  name,
  description: z.string().min(1),
  namespace: name.default("prod"),
  /** Virtual time the run starts at (ISO 8601). */
  startAt: z.iso.datetime().default("2026-11-24T03:00:00Z"),
  /** How much history the world has before the plan starts (metrics exist for it). */
  warmHistorySeconds: z.number().int().min(0).max(3600).default(300),
  database: z.object({ schemaVersion: z.number().int() }).strict().optional(),
  images: z.record(z.string(), imageBehaviourSchema),
  services: z.array(serviceSchema).min(1),
  deployments: z.array(deploymentSchema).min(1),
  routes: z.array(routeSchema).default([]),
  faults: z.object({
    /** Seconds from container start to readiness probe success. */
    readinessSeconds: z.number().min(0).default(5),
    /** Seconds from container start until a pod is warm (full speed, no cold errors). */
    warmupSeconds: z.number().min(0).default(10),
    /** Latency multiplier of a just-started pod (decays to 1 when warm). */
    coldLatencyFactor: z.number().min(1).default(20),
    /** Extra error rate of a just-started pod (decays to 0 when warm): timeouts of a cold JVM. */
    coldErrorRate: z.number().min(0).max(1).default(0.05),
    /** Error rate of an image whose `schema` range excludes the database's schema version. */
    schemaMismatchErrorRate: z.number().min(0).max(1).default(0.4)
  }).strict().default({ readinessSeconds: 5, warmupSeconds: 10, coldLatencyFactor: 20, coldErrorRate: 0.05, schemaMismatchErrorRate: 0.4 })
}).strict().superRefine((s, ctx) => {
  let named = /* @__PURE__ */ new Map();
  for (let o of namedObjects(s)) {
    let first = named.get(`${o.kind}/${o.name}`);
    first ? ctx.addIssue({ code: "custom", path: o.path, message: `a second ${o.kind} named '${o.name}' (the first is ${first.join(".")}): the simulator creates one per name; rename one` }) : named.set(`${o.kind}/${o.name}`, o.path);
  }
  let services = new Set(s.services.map((x) => x.name));
  s.deployments.forEach((d, i) => {
    services.has(d.service) || ctx.addIssue({ code: "custom", path: ["deployments", i, "service"], message: `no service '${d.service}' in services` }), d.history.forEach((img, j) => {
      img in s.images || ctx.addIssue({ code: "custom", path: ["deployments", i, "history", j], message: `image '${img}' is not described in images` });
    });
  }), s.routes.forEach((r, i) => {
    let issue = (path, message) => ctx.addIssue({ code: "custom", path: ["routes", i, ...path], message });
    services.has(r.service) || issue(["service"], `no service '${r.service}' in services`);
    let sum2 = Object.values(r.split).reduce((a, b) => a + b, 0);
    if (sum2 !== 100 && issue(["split"], `weights sum to ${sum2}, not 100`), r.kind !== "istio") {
      for (let backend of Object.keys(r.split))
        backendVersion(s, r, backend) || issue(["split", backend], `backend '${backend}' selects no version: name it like a Deployment or map it in backends`);
      if (r.kind === "nginx-canary") {
        let names = Object.keys(r.split);
        names.length !== 2 && issue(["split"], `an nginx canary splits between exactly two backends, not ${names.length}`), names.includes(r.canary) || issue(["canary"], `'${r.canary}' is not one of the split's backends: ${names.join(", ")}`);
      }
    }
  });
}), ROUTE_OBJECT_KIND = { istio: "VirtualService", httproute: "HTTPRoute", trafficsplit: "TrafficSplit" };
function namedObjects(s) {
  return [
    ...s.services.map((x, i) => ({ kind: "Service", name: x.name, path: ["services", i, "name"] })),
    ...s.deployments.map((x, i) => ({ kind: "Deployment", name: x.name, path: ["deployments", i, "name"] })),
    ...s.routes.flatMap(
      (r, i) => r.kind === "nginx-canary" ? [
        { kind: "Ingress", name: r.name, path: ["routes", i, "name"] },
        { kind: "Ingress", name: r.canaryName ?? `${r.name}-canary`, path: ["routes", i, r.canaryName ? "canaryName" : "name"] }
      ] : [{ kind: ROUTE_OBJECT_KIND[r.kind], name: r.name, path: ["routes", i, "name"] }]
    )
  ];
}
function backendVersion(scenario, route, backend) {
  return route.backends?.[backend] ?? scenario.deployments.find((d) => d.name === backend)?.version;
}

// sdk/sim/model/routes.ts
var ROUTE_API_VERSIONS = {
  istio: ["networking.istio.io/v1", "networking.istio.io/v1beta1", "networking.istio.io/v1alpha3"],
  httproute: ["gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1beta1"],
  trafficsplit: ["split.smi-spec.io/v1alpha2", "split.smi-spec.io/v1alpha1"],
  ingress: ["networking.k8s.io/v1"]
}, NGINX = NGINX_CANARY_ANNOTATIONS;
function hostService(host, namespace) {
  if (typeof host != "string" || !host) return;
  let [name2, ns, ...rest] = host.split(".");
  if (ns === void 0) return name2;
  let suffix = rest.join(".");
  return ns === namespace && (suffix === "" || suffix === "svc" || suffix === "svc.cluster.local") ? name2 : void 0;
}
function listAny(store, apiVersions, kind, namespace) {
  let byName = /* @__PURE__ */ new Map();
  for (let apiVersion of apiVersions)
    for (let o of store.list(apiVersion, kind, namespace)) {
      let key = `${o.metadata.namespace}/${o.metadata.name}`;
      byName.has(key) || byName.set(key, o);
    }
  return [...byName.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}
function readRoutes(store, namespace) {
  let table = /* @__PURE__ */ new Map(), claim = (service, destinations) => {
    service && destinations.length && !table.has(service) && table.set(service, destinations);
  }, services = new Map(store.list("v1", "Service", namespace).map((s) => [s.metadata.name, s])), backend = (name2, weight, channel) => {
    let selector = services.get(name2)?.spec?.selector;
    return { weight, selector: selector && { ...selector }, version: selector?.version ?? "unknown", channel };
  };
  readVirtualServices(store, namespace, services, claim);
  for (let route of listAny(store, ROUTE_API_VERSIONS.httproute, "HTTPRoute", namespace)) {
    let parents = (route.spec?.parentRefs ?? []).filter(
      (p) => p?.kind === "Service" && (p.group ?? "") === "" && (p.namespace ?? namespace) === namespace
    ), rule = (route.spec?.rules ?? []).find((r) => r?.backendRefs?.length);
    if (!rule) continue;
    let refs = rule.backendRefs.filter((b) => (b?.kind ?? "Service") === "Service" && (b?.group ?? "") === "");
    for (let p of parents)
      claim(
        p.name,
        refs.map((b) => backend(b.name, b.weight ?? 1, { mesh: "linkerd", service: p.name }))
      );
  }
  for (let split of listAny(store, ROUTE_API_VERSIONS.trafficsplit, "TrafficSplit", namespace)) {
    let apex = hostService(split.spec?.service, namespace);
    apex && claim(
      apex,
      (split.spec?.backends ?? []).map((b) => backend(b?.service, smiWeight(b?.weight), { mesh: "linkerd", service: apex }))
    );
  }
  return readNginxCanaries(store, namespace, backend, claim), table;
}
function readVirtualServices(store, namespace, services, claim) {
  let subsets = /* @__PURE__ */ new Map();
  for (let dr of listAny(store, ROUTE_API_VERSIONS.istio, "DestinationRule", namespace)) {
    let service = hostService(dr.spec?.host, namespace);
    if (!service || subsets.has(service)) continue;
    let bySubset = /* @__PURE__ */ new Map();
    for (let s of dr.spec?.subsets ?? []) s?.name && bySubset.set(s.name, { ...s.labels });
    subsets.set(service, bySubset);
  }
  for (let vs of listAny(store, ROUTE_API_VERSIONS.istio, "VirtualService", namespace)) {
    let route = vs.spec?.http?.[0]?.route ?? [];
    if (route.length !== 0)
      for (let host of vs.spec?.hosts ?? []) {
        let service = hostService(host, namespace);
        service && claim(
          service,
          route.map((r) => {
            let target = hostService(r?.destination?.host, namespace) ?? service, subset = r?.destination?.subset, subsetLabels = subset === void 0 ? {} : subsets.get(target)?.get(subset), base = services.get(target)?.spec?.selector ?? { app: target }, selector = subsetLabels && { ...base, ...subsetLabels };
            return { weight: r?.weight ?? (route.length === 1 ? 100 : 0), selector, version: subsetLabels?.version ?? "unknown", channel: { mesh: "istio", service: target } };
          })
        );
      }
  }
}
var ingressHost = (ing) => ing.spec?.rules?.[0]?.host, ingressBackend = (ing) => {
  let svc = ing.spec?.rules?.[0]?.http?.paths?.[0]?.backend?.service ?? ing.spec?.defaultBackend?.service;
  return svc?.name ? { name: svc.name, port: String(svc.port?.number ?? svc.port?.name ?? "") } : void 0;
};
function readNginxCanaries(store, namespace, backend, claim) {
  let ingresses = listAny(store, ROUTE_API_VERSIONS.ingress, "Ingress", namespace), isCanary = (i) => i.metadata.annotations?.[NGINX.canary] === "true";
  for (let primary of ingresses.filter((i) => !isCanary(i))) {
    let host = ingressHost(primary) ?? "", main = ingressBackend(primary);
    if (!main) continue;
    let canaryIngress = ingresses.find((i) => isCanary(i) && ingressHost(i) === ingressHost(primary) && ingressBackend(i)), base = { mesh: "ingress-nginx", service: main.name, ingress: primary.metadata.name, host }, destinations = [backend(main.name, NGINX.defaultTotal, { ...base, canary: "" })];
    if (canaryIngress) {
      let a = canaryIngress.metadata.annotations ?? {}, total = Number(a[NGINX.total] ?? NGINX.defaultTotal) || NGINX.defaultTotal, weight = Math.min(total, Math.max(0, Number(a[NGINX.weight] ?? 0) || 0)), target = ingressBackend(canaryIngress);
      destinations[0].weight = total - weight, destinations.push(backend(target.name, weight, { ...base, canary: `${namespace}-${target.name}-${target.port}` }));
    }
    claim(destinations[0].selector?.app ?? main.name, destinations);
  }
}

// sdk/sim/model/seed-routes.ts
var SEED = {
  istio: ROUTE_API_VERSIONS.istio[0],
  httproute: ROUTE_API_VERSIONS.httproute[0],
  trafficsplit: ROUTE_API_VERSIONS.trafficsplit[0],
  ingress: ROUTE_API_VERSIONS.ingress[0]
};
function servicePort(scenario, service) {
  return scenario.services.find((s) => s.name === service)?.port ?? 8080;
}
function servicesOf(scenario) {
  let out = new Map(scenario.services.map((s) => [s.name, { selector: { app: s.name }, port: s.port }]));
  for (let r of scenario.routes)
    if (r.kind !== "istio")
      for (let name2 of Object.keys(r.split))
        out.set(name2, { selector: { app: r.service, version: backendVersion(scenario, r, name2) }, port: servicePort(scenario, r.service) });
  return out;
}
var meta = (name2, namespace, at, annotations) => ({
  name: name2,
  namespace,
  ...annotations ? { annotations } : {},
  creationTimestamp: iso(at)
});
function seedRoutes(store, scenario, at) {
  seedDestinationRules(store, scenario, at);
  for (let r of scenario.routes) for (let o of routeObjects(scenario, r, at)) store.create(o);
}
function seedDestinationRules(store, scenario, at) {
  let subsetsByService = /* @__PURE__ */ new Map();
  for (let r of scenario.routes) {
    if (r.kind !== "istio") continue;
    let subsets = subsetsByService.get(r.service) ?? /* @__PURE__ */ new Map();
    for (let name2 of Object.keys(r.split)) subsets.set(name2, r.subsets[name2] ?? name2);
    subsetsByService.set(r.service, subsets);
  }
  for (let [service, subsets] of subsetsByService)
    store.create({
      apiVersion: SEED.istio,
      kind: "DestinationRule",
      metadata: meta(service, scenario.namespace, at),
      spec: { host: service, subsets: [...subsets].map(([name2, version]) => ({ name: name2, labels: { version } })) }
    });
}
function routeObjects(scenario, r, at) {
  let port = servicePort(scenario, r.service), object = (apiVersion, kind, name2, spec, annotations) => ({
    apiVersion,
    kind,
    metadata: meta(name2, scenario.namespace, at, annotations),
    spec
  }), weights = Object.entries(r.split);
  switch (r.kind) {
    case "istio":
      return [
        object(SEED.istio, "VirtualService", r.name, {
          hosts: [r.service],
          http: [{ name: "primary", route: weights.map(([subset, weight]) => ({ destination: { host: r.service, subset }, weight })) }]
        })
      ];
    case "httproute":
      return [
        object(SEED.httproute, "HTTPRoute", r.name, {
          // attached to the Service itself: Gateway API for service meshes (GAMMA), as Linkerd reads it
          parentRefs: [{ group: "", kind: "Service", name: r.service, port }],
          rules: [
            {
              matches: [{ path: { type: "PathPrefix", value: "/" } }],
              backendRefs: weights.map(([name2, weight]) => ({ group: "", kind: "Service", name: name2, port, weight }))
            }
          ]
        })
      ];
    case "trafficsplit":
      return [object(SEED.trafficsplit, "TrafficSplit", r.name, { service: r.service, backends: weights.map(([service, weight]) => ({ service, weight })) })];
    case "nginx-canary": {
      let host = r.host ?? `${r.service}.example.com`, ingress = (name2, backend, annotations) => object(
        SEED.ingress,
        "Ingress",
        name2,
        {
          ingressClassName: "nginx",
          rules: [{ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: backend, port: { number: port } } } }] } }]
        },
        annotations
      );
      return [
        ingress(r.name, weights.find(([b]) => b !== r.canary)[0]),
        ingress(r.canaryName ?? `${r.name}-canary`, r.canary, {
          [NGINX_CANARY_ANNOTATIONS.canary]: "true",
          [NGINX_CANARY_ANNOTATIONS.weight]: String(r.split[r.canary])
        })
      ];
    }
  }
}

// sdk/sim/model/seed.ts
var REVISION_SPACING_MS = 24 * 36e5;
function podTemplate(scenario, d, image) {
  let port = servicePort(scenario, d.service), schema = scenario.images[image]?.schema;
  return defaultPodTemplate({
    // app and version come last: they are the selector, an extra label must not override them
    metadata: {
      labels: { ...d.labels, app: d.service, version: d.version },
      // what a build pipeline stamps on the template: the last migration the image expects
      ...schema ? { annotations: { [SCHEMA_ANNOTATION]: String(schema.max) } } : {}
    },
    spec: {
      containers: [
        {
          name: d.service,
          image,
          ports: [{ name: "http", containerPort: port, protocol: "TCP" }],
          readinessProbe: { httpGet: { path: "/healthz", port } }
        }
      ]
    }
  });
}
function seedScenario(store, scenario, at) {
  let namespace = scenario.namespace;
  store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace, creationTimestamp: iso(at) }, status: { phase: "Active" } }), [...servicesOf(scenario)].forEach(([name2, { selector, port }], i) => {
    store.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: name2, namespace, labels: { app: selector.app ?? name2 }, creationTimestamp: iso(at) },
      spec: {
        type: "ClusterIP",
        clusterIP: `10.96.${Math.floor(i / 200)}.${10 + i % 200}`,
        selector,
        ports: [{ name: "http", port, targetPort: port, protocol: "TCP" }]
      }
    });
  });
  for (let d of scenario.deployments) seedDeployment(store, scenario, d, at);
  seedRoutes(store, scenario, at);
}
function seedDeployment(store, scenario, d, at) {
  let namespace = scenario.namespace, n = d.history.length, revisionAt = (revision) => at - (n - revision) * REVISION_SPACING_MS, labels = { ...d.labels, app: d.service, version: d.version }, deployment = store.create({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: d.name, namespace, labels, annotations: { [REVISION_ANNOTATION]: String(n) }, creationTimestamp: iso(revisionAt(1)) },
    spec: {
      replicas: d.replicas,
      selector: { matchLabels: { app: d.service, version: d.version } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: podTemplate(scenario, d, d.history[n - 1])
    }
  }), byHash = /* @__PURE__ */ new Map();
  d.history.forEach((image, i) => {
    let hash = podTemplateHash(podTemplate(scenario, d, image)), entry = byHash.get(hash) ?? { image, revisions: [] };
    entry.revisions.push(i + 1), byHash.set(hash, entry);
  });
  for (let [hash, { image, revisions }] of byHash) {
    let revision = revisions[revisions.length - 1], template = podTemplate(scenario, d, image);
    template.metadata.labels[POD_TEMPLATE_HASH_LABEL] = hash;
    let rs = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${d.name}-${hash}`,
        namespace,
        labels: { ...template.metadata.labels },
        annotations: {
          [REVISION_ANNOTATION]: String(revision),
          ...revisions.length > 1 ? { [REVISION_HISTORY_ANNOTATION]: revisions.slice(0, -1).join(",") } : {}
        },
        ownerReferences: [controllerRef(deployment)],
        creationTimestamp: iso(revisionAt(revisions[0]))
      },
      spec: {
        replicas: revision === n ? d.replicas : 0,
        selector: { matchLabels: { app: d.service, version: d.version, [POD_TEMPLATE_HASH_LABEL]: hash } },
        template
      }
    };
    store.create(rs);
  }
}

// sdk/sim/model/cluster-model.ts
var TICK_MS = 1e3, SCRAPE_INTERVAL_MS = 5e3, SEED_MARGIN_S = 60, MAX_RECONCILE_PASSES = 50;
function createClusterModel(options) {
  let { scenario, store, tsdb, startMs } = options, origin = startMs - scenario.warmHistorySeconds * 1e3, f = scenario.faults, seedAt = origin - (Math.ceil(Math.max(f.readinessSeconds, f.warmupSeconds)) + SEED_MARGIN_S) * 1e3, kubelet = createKubelet(scenario), replicaSetController = createReplicaSetController(store), deploymentController = createDeploymentController(store), metrics = createMeshMetrics(scenario.namespace), now = seedAt, lastTick = seedAt, seenVersion = "", wakeAt, routes = /* @__PURE__ */ new Map(), gauges = [], plan, reconcile = () => {
    let deployments = [];
    for (let pass = 0; pass < MAX_RECONCILE_PASSES; pass++) {
      let before = store.resourceVersion;
      deployments = store.list("apps/v1", "Deployment");
      let live = collectGarbage(store, deployments, store.list("apps/v1", "ReplicaSet"), store.list("v1", "Pod")), workloadByReplicaSet = new Map(live.replicaSets.map((rs) => [rs.metadata.uid, rs.metadata.ownerReferences?.find((r) => r.controller)?.name ?? rs.metadata.name]));
      if (kubelet.sync(live.pods, now, (pod) => workloadByReplicaSet.get(controllerUid(pod)) ?? pod.metadata.labels?.app ?? pod.metadata.name), kubelet.flush(store), replicaSetController.sync(now, live.replicaSets, live.pods, (pod) => kubelet.get(pod.metadata.namespace ?? "", pod.metadata.name)), wakeAt = deploymentController.sync(now, deployments, live.replicaSets), store.resourceVersion === before) break;
    }
    routes = readRoutes(store, scenario.namespace), gauges = deployments.map((d) => ({
      labels: { __name__: "kube_deployment_status_replicas_available", namespace: d.metadata.namespace ?? "", deployment: d.metadata.name },
      value: d.status?.availableReplicas ?? 0
    })), seenVersion = store.resourceVersion, plan = void 0;
  }, settle = () => {
    let changed = kubelet.advance(now);
    changed && (plan = void 0), (changed || store.resourceVersion !== seenVersion || wakeAt !== void 0 && now >= wakeAt) && reconcile();
  }, tick = (t) => {
    now = t, settle(), t > origin && (plan ??= planTraffic(scenario, routes, kubelet, metrics), flowTraffic(plan, { scenario, kubelet, now: t, seconds: TICK_MS / 1e3 })), t >= origin && (t - origin) % SCRAPE_INTERVAL_MS === 0 && metrics.sample(tsdb, t, gauges);
  }, advanceTo = (to) => {
    for (let t = lastTick + TICK_MS; t <= to; t += TICK_MS)
      tick(t), lastTick = t;
    to > now && (now = to, settle());
  };
  return seedScenario(store, scenario, seedAt), reconcile(), advanceTo(startMs), {
    advanceTo,
    reconcile,
    probe: (req) => probePod(scenario, kubelet, now, req),
    get schemaVersion() {
      return scenario.database?.schemaVersion;
    }
  };
}

// sdk/sim/load-scenario.ts
var import_yaml4 = __toESM(require_dist(), 1);
import { existsSync, readFileSync, statSync } from "node:fs";

// sdk/sim/scenarios/checkout-world.ts
var checkoutWorld = {
  namespace: "prod",
  images: {
    "registry.example.com/checkout-api:1.8.2": { latencyMs: 30, schema: { min: 40, max: 41 } },
    "registry.example.com/checkout-api:1.9.0": { latencyMs: 28, schema: { min: 40, max: 41 } },
    "registry.example.com/checkout-api:1.9.4": { latencyMs: 28, schema: { min: 40, max: 42 } },
    "registry.example.com/checkout-api:2.0.0": { latencyMs: 35, errorRate: 0.3, schema: { min: 41, max: 42 } },
    "registry.example.com/checkout-api:2.0.1": { latencyMs: 30, schema: { min: 41, max: 42 } }
  },
  services: [{ name: "checkout-api", rps: 400, podCapacityRps: 60 }],
  deployments: [
    {
      name: "checkout-api-stable",
      service: "checkout-api",
      version: "stable",
      replicas: 8,
      history: ["registry.example.com/checkout-api:1.9.4"]
    },
    {
      name: "checkout-api",
      service: "checkout-api",
      version: "release",
      replicas: 8,
      history: [
        "registry.example.com/checkout-api:1.8.2",
        "registry.example.com/checkout-api:1.9.0",
        "registry.example.com/checkout-api:2.0.0"
      ]
    }
  ],
  routes: [{ kind: "istio", name: "checkout-api", service: "checkout-api", split: { stable: 10, release: 90 } }]
}, linkerdCheckoutWorld = {
  ...checkoutWorld,
  deployments: checkoutWorld.deployments.map((d) => d.name === "checkout-api" ? { ...d, name: "checkout-api-release" } : d),
  routes: [{ kind: "httproute", name: "checkout-api", service: "checkout-api", split: { "checkout-api-stable": 10, "checkout-api-release": 90 } }]
}, nginxCheckoutWorld = {
  ...checkoutWorld,
  routes: [
    {
      kind: "nginx-canary",
      name: "checkout-api",
      service: "checkout-api",
      host: "shop.example.com",
      split: { "checkout-api": 10, "checkout-api-canary": 90 },
      canary: "checkout-api-canary",
      backends: { "checkout-api": "stable", "checkout-api-canary": "release" }
    }
  ]
};

// sdk/sim/scenarios/index.ts
var coldJvmFaults = { readinessSeconds: 5, warmupSeconds: 90, coldLatencyFactor: 20, coldErrorRate: 0.05, schemaMismatchErrorRate: 0.4 }, quickWarmFaults = { readinessSeconds: 5, warmupSeconds: 10, coldLatencyFactor: 20, coldErrorRate: 0.05, schemaMismatchErrorRate: 0.4 }, COLD_JVM = "Rolled-back pods report ready after 5 s but need 90 s to warm up: until then their latency is up to 20x and some requests time out.", SCHEMA_FROM_THE_FUTURE = "Release 2.0.0 migrated the database to schema 42. The rollback target 1.9.0 was built for schema 41 and fails 40% of requests against it: a rollback cannot fix this, a roll forward can.", builtinScenarios = {
  "cold-jvm": {
    ...checkoutWorld,
    name: "cold-jvm",
    description: COLD_JVM,
    database: { schemaVersion: 41 },
    faults: coldJvmFaults
  },
  "schema-from-the-future": {
    ...checkoutWorld,
    name: "schema-from-the-future",
    description: SCHEMA_FROM_THE_FUTURE,
    database: { schemaVersion: 42 },
    faults: quickWarmFaults
  },
  "thin-stable-pool": {
    ...checkoutWorld,
    name: "thin-stable-pool",
    description: "As cold-jvm, but the stable pool was scaled down to 2 pods: sending everyone to it at once would shed most requests, so isolation must scale it up first and shift in steps.",
    database: { schemaVersion: 41 },
    deployments: checkoutWorld.deployments.map((d) => d.name === "checkout-api-stable" ? { ...d, replicas: 2 } : d),
    faults: coldJvmFaults
  },
  healthy: {
    ...checkoutWorld,
    name: "healthy",
    description: "No extra faults: pods warm in 10 s and the database is on schema 41.",
    database: { schemaVersion: 41 }
  },
  "linkerd-cold-jvm": {
    ...linkerdCheckoutWorld,
    name: "linkerd-cold-jvm",
    description: `cold-jvm on Linkerd: a Gateway API HTTPRoute splits checkout-api between the backend Services checkout-api-stable and checkout-api-release. ${COLD_JVM}`,
    database: { schemaVersion: 41 },
    faults: coldJvmFaults
  },
  "linkerd-schema-from-the-future": {
    ...linkerdCheckoutWorld,
    name: "linkerd-schema-from-the-future",
    description: `schema-from-the-future on Linkerd with a Gateway API HTTPRoute. ${SCHEMA_FROM_THE_FUTURE}`,
    database: { schemaVersion: 42 },
    faults: quickWarmFaults
  },
  "nginx-cold-jvm": {
    ...nginxCheckoutWorld,
    name: "nginx-cold-jvm",
    description: `cold-jvm behind ingress-nginx: the canary Ingress checkout-api-canary sends 90% of shop.example.com to the release. ${COLD_JVM}`,
    database: { schemaVersion: 41 },
    faults: coldJvmFaults
  },
  "nginx-schema-from-the-future": {
    ...nginxCheckoutWorld,
    name: "nginx-schema-from-the-future",
    description: `schema-from-the-future behind ingress-nginx canary Ingresses. ${SCHEMA_FROM_THE_FUTURE}`,
    database: { schemaVersion: 42 },
    faults: quickWarmFaults
  }
};

// sdk/sim/load-scenario.ts
function resolveScenario(source) {
  if (typeof source != "string") return validated(source, "scenario");
  if (Object.hasOwn(builtinScenarios, source)) return validated(builtinScenarios[source], "scenario");
  if (!existsSync(source))
    throw new UsageError(
      `Unknown scenario '${source}': it is neither a built-in scenario nor a file. Built-in scenarios: ${Object.keys(builtinScenarios).join(", ")}.`
    );
  if (statSync(source).isDirectory()) throw new UsageError(`Scenario ${source} is a directory; give a scenario file (.yaml or .json) or a built-in scenario's name`);
  let raw;
  try {
    raw = (0, import_yaml4.parse)(readFileSync(source, "utf8"));
  } catch (err) {
    throw new UsageError(`Scenario file ${source} is not valid YAML/JSON: ${err.message}`);
  }
  let scenario = validated(raw, source);
  if (Object.hasOwn(builtinScenarios, scenario.name))
    throw new UsageError(`Scenario ${source} is named '${scenario.name}', as a built-in scenario is: its journal and postmortem could not be told apart from that one's. Give it a name of its own.`);
  return scenario;
}
function validated(raw, where) {
  let parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    let lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(root)"}: ${i.message}`).join(`
`);
    throw new UsageError(`Scenario ${where} is invalid:
${lines}`);
  }
  return parsed.data;
}

// sdk/sim/tsdb.ts
var seriesKey = (labels) => Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(",");
function matches2(labels, m) {
  let v = labels[m.name] ?? "";
  switch (m.op) {
    case "=":
      return v === m.value;
    case "!=":
      return v !== m.value;
    case "=~":
      return new RegExp(`^(?:${m.value})$`).test(v);
    case "!~":
      return !new RegExp(`^(?:${m.value})$`).test(v);
  }
}
var TimeSeriesStore = class {
  series = /* @__PURE__ */ new Map();
  // The model appends with the same label objects every scrape: key them once.
  keys = /* @__PURE__ */ new WeakMap();
  /** Appends one sample; samples must arrive in time order per series. Do not mutate `labels` afterwards. */
  append(labels, at, value) {
    let key = this.keys.get(labels);
    key === void 0 && (key = seriesKey(labels), this.keys.set(labels, key));
    let s = this.series.get(key);
    s || (s = { labels: { ...labels }, samples: [] }, this.series.set(key, s)), s.samples.push([at, value]);
  }
  /** Series whose labels satisfy every matcher, with only the samples in [fromMs, toMs]. */
  select(matchers, fromMs, toMs) {
    let out = [];
    for (let s of this.series.values()) {
      if (!matchers.every((m) => matches2(s.labels, m))) continue;
      let samples = s.samples.filter(([t]) => t >= fromMs && t <= toMs);
      samples.length && out.push({ labels: s.labels, samples });
    }
    return out;
  }
  /** Number of series held (for tests and benchmarks). */
  get size() {
    return this.series.size;
  }
};

// sdk/sim/simulator.ts
async function startSimulator(source) {
  let scenario = resolveScenario(source), startMs = Date.parse(scenario.startAt), clock = createVirtualClock(startMs), store = new ObjectStore(clock.now), tsdb = new TimeSeriesStore(), model = createClusterModel({ scenario, store, tsdb, startMs });
  clock.onAdvance((_from, to) => model.advanceTo(to));
  let kubeApi = await startKubeApiServer({
    store,
    afterWrite: () => model.reconcile(),
    podProxy: (req) => {
      let answer = model.probe(req);
      if (answer)
        return clock.advance(answer.latencyMs), { status: answer.status, body: answer.body };
    }
  }), prometheus = await startPrometheusApi({ store: tsdb, now: clock.now }), kube = await createKube({ kind: "inline", content: kubeApi.kubeconfig() }), metrics = createPrometheus({ url: prometheus.url });
  return {
    scenario,
    clock,
    kube,
    metrics,
    databases: createSimulatedDatabases(scenario, model),
    kubeApi,
    prometheusUrl: prometheus.url,
    store,
    tsdb,
    model,
    async close() {
      await Promise.all([kubeApi.close(), prometheus.close()]);
    }
  };
}

export {
  scenarioSchema,
  ROUTE_API_VERSIONS,
  listAny,
  builtinScenarios,
  resolveScenario,
  startSimulator
};
