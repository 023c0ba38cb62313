// Extracts the true-positive (`tps`) and false-positive (`fps`) examples that gitleaks' rule
// generators validate their rules against, so Shipshape's secret detection can be measured on a
// public peer's own examples.
//
//   node scripts/peer/gitleaks-examples.mjs <gitleaks-checkout> [--out FILE.json] [--seed N]
//
// Go is not needed: the rule files (cmd/generate/config/rules/*.go) build their examples from a
// small set of expressions (string literals, `+`, `[]string{…}`, append, fmt.Sprintf,
// utils.GenerateSampleSecret(s), secrets.NewSecret(regex), utils.Hex("32") …), which this script
// evaluates directly; the utils helpers and the sample syntaxes are themselves read from the
// checkout, so nothing of gitleaks is copied here. What it cannot evaluate (loops, maps, byte
// conversions) is skipped and counted. secrets.NewSecret draws a random string matching its regex; the draw is seeded so runs
// are repeatable. Nothing extracted is ever written into this repository: pass --out to keep it.
import fs from "node:fs";
import path from "node:path";

// ---- seeded random: the benchmark generator's, so every seeded script draws the same way ------
import { mulberry32 as makeRandom } from "../bench/generate.mjs";
export { makeRandom };

// ---- Go tokenizer (with automatic semicolon insertion) -----------------------------------------
class Unevaluable extends Error {}

function tokenize(src) {
  const toks = [];
  let i = 0;
  const push = (type, value) => toks.push({ type, value });
  const endsStatement = () => {
    const last = toks[toks.length - 1];
    if (!last) return false;
    if (last.type === "ident" || last.type === "string" || last.type === "number") return true;
    return last.type === "punct" && [")", "]", "}", "++", "--"].includes(last.value);
  };
  while (i < src.length) {
    const c = src[i];
    if (c === "\n") {
      if (endsStatement()) push("punct", ";");
      i++;
    } else if (c === " " || c === "\t" || c === "\r") i++;
    else if (src.startsWith("//", i)) {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (src.startsWith("/*", i)) {
      const end = src.indexOf("*/", i + 2);
      const body = src.slice(i, end + 2);
      i = end + 2;
      if (body.includes("\n") && endsStatement()) push("punct", ";");
    } else if (c === "`") {
      const end = src.indexOf("`", i + 1);
      push("string", src.slice(i + 1, end).replace(/\r/g, ""));
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let s = "";
      while (src[j] !== c) {
        if (src[j] === "\\") {
          const e = src[j + 1];
          const simple = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "'": "'", a: "\x07", b: "\b", f: "\f", v: "\v" };
          if (e in simple) {
            s += simple[e];
            j += 2;
          } else if (e === "x") {
            s += String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16));
            j += 4;
          } else if (e === "u") {
            s += String.fromCodePoint(parseInt(src.slice(j + 2, j + 6), 16));
            j += 6;
          } else if (e === "U") {
            s += String.fromCodePoint(parseInt(src.slice(j + 2, j + 10), 16));
            j += 10;
          } else if (/[0-7]/.test(e)) {
            s += String.fromCharCode(parseInt(src.slice(j + 1, j + 4), 8));
            j += 4;
          } else throw new Error(`bad escape \\${e}`);
        } else s += src[j++];
      }
      push(c === '"' ? "string" : "number", c === '"' ? s : s.codePointAt(0));
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 200));
      push("ident", m[0]);
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9a-fA-FxX_.]*/.exec(src.slice(i, i + 100));
      push("number", Number(m[0].replace(/_/g, "")));
      i += m[0].length;
    } else {
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      if (three === "...") {
        push("punct", three);
        i += 3;
      } else if ([":=", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=", "<-"].includes(two)) {
        push("punct", two);
        i += 2;
      } else {
        push("punct", c);
        i++;
      }
    }
  }
  return toks;
}

// ---- regex → random matching string (RE2 subset used by the rule files) ------------------------
const CLASS_NAMES = {
  alnum: "a-zA-Z0-9", alpha: "a-zA-Z", digit: "0-9", lower: "a-z", upper: "A-Z", xdigit: "0-9a-fA-F", word: "a-zA-Z0-9_", space: " ",
};
const range = (a, b) => Array.from({ length: b.charCodeAt(0) - a.charCodeAt(0) + 1 }, (_, k) => String.fromCharCode(a.charCodeAt(0) + k));
const ESC_SETS = { d: range("0", "9"), w: [...range("a", "z"), ...range("A", "Z"), ...range("0", "9"), "_"], s: [" "] };

export function generateFromRegex(re, random) {
  let i = 0;
  let caseInsensitive = false;
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const readEscape = () => {
    const e = re[i + 1];
    i += 2;
    if (e in ESC_SETS) return { set: ESC_SETS[e] };
    if (e === "x") {
      const hex = re.slice(i, i + 2);
      i += 2;
      return { ch: String.fromCharCode(parseInt(hex, 16)) };
    }
    if (e === "b" || e === "B" || e === "A" || e === "z") return { empty: true };
    if (e === "n") return { ch: "\n" };
    if (e === "t") return { ch: "\t" };
    if (e === "r") return { ch: "\r" };
    if (e === "p" || e === "P") throw new Unevaluable("unicode class");
    return { ch: e };
  };
  const parseClass = () => {
    i++; // [
    let negate = false;
    if (re[i] === "^") {
      negate = true;
      i++;
    }
    const chars = new Set();
    let first = true;
    while (re[i] !== "]" || first) {
      first = false;
      if (re.startsWith("[:", i)) {
        const end = re.indexOf(":]", i);
        const name = re.slice(i + 2, end);
        if (!CLASS_NAMES[name]) throw new Unevaluable(`class ${name}`);
        for (const part of CLASS_NAMES[name].match(/.-.|./g)) (part.length === 3 ? range(part[0], part[2]) : [part]).forEach((x) => chars.add(x));
        i = end + 2;
        continue;
      }
      let lo;
      if (re[i] === "\\") {
        const e = readEscape();
        if (e.set) {
          e.set.forEach((x) => chars.add(x));
          continue;
        }
        lo = e.ch;
      } else lo = re[i++];
      if (re[i] === "-" && re[i + 1] !== "]") {
        i++;
        let hi;
        if (re[i] === "\\") hi = readEscape().ch;
        else hi = re[i++];
        range(lo, hi).forEach((x) => chars.add(x));
      } else chars.add(lo);
    }
    i++; // ]
    if (negate) {
      const all = [...range("a", "z"), ...range("A", "Z"), ...range("0", "9")].filter((x) => !chars.has(x));
      return { set: all };
    }
    return { set: [...chars] };
  };
  // Returns a generator function for a sequence of alternatives.
  const parseAlt = () => {
    const branches = [parseSeq()];
    while (re[i] === "|") {
      i++;
      branches.push(parseSeq());
    }
    return () => pick(branches)();
  };
  const parseSeq = () => {
    const items = [];
    while (i < re.length && re[i] !== "|" && re[i] !== ")") {
      let atom;
      const c = re[i];
      if (c === "(") {
        i++;
        if (re[i] === "?") {
          // (?:…), (?i), (?i:…), (?P<name>…)
          const flags = /^\?([a-zA-Z-]*)(:|\))/.exec(re.slice(i));
          const named = /^\?P?<[^>]+>/.exec(re.slice(i));
          if (named) i += named[0].length;
          else if (flags) {
            if (flags[1].includes("i")) caseInsensitive = true;
            i += flags[0].length;
            if (flags[2] === ")") continue;
          } else throw new Unevaluable("group syntax");
        }
        const inner = parseAlt();
        if (re[i] !== ")") throw new Unevaluable("unclosed group");
        i++;
        atom = inner;
      } else if (c === "[") {
        const { set } = parseClass();
        atom = () => pick(set);
      } else if (c === "\\") {
        const e = readEscape();
        if (e.empty) continue;
        atom = e.set ? () => pick(e.set) : () => e.ch;
      } else if (c === "^" || c === "$") {
        i++;
        continue;
      } else if (c === ".") {
        i++;
        atom = () => pick(ESC_SETS.w);
      } else {
        i++;
        atom = () => c;
      }
      // quantifier
      let min = 1;
      let max = 1;
      const q = re[i];
      if (q === "?") [min, max, i] = [0, 1, i + 1];
      else if (q === "*") [min, max, i] = [0, 3, i + 1];
      else if (q === "+") [min, max, i] = [1, 3, i + 1];
      else if (q === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(re.slice(i));
        if (m) {
          min = Number(m[1]);
          max = m[2] === undefined ? min : m[3] === "" ? min + 3 : Number(m[3]);
          i += m[0].length;
        }
      }
      if (re[i] === "?" && q !== undefined && "?*+}".includes(re[i - 1])) i++; // lazy
      const a = atom;
      const lo = min;
      const hi = max;
      items.push(() => {
        const n = lo + Math.floor(random() * (hi - lo + 1));
        let s = "";
        for (let k = 0; k < n; k++) s += a();
        return s;
      });
    }
    return () => items.map((f) => f()).join("");
  };
  const gen = parseAlt();
  if (i < re.length) throw new Unevaluable(`regex not fully parsed: ${re}`);
  void caseInsensitive; // letters keep the class' own case, as reggen does
  return gen();
}

// ---- expression evaluator ----------------------------------------------------------------------
// The syntaxes GenerateSampleSecrets wraps a secret in, and the helpers that build regexes
// (utils.Hex("32") …), are read from the checkout's utils/*.go at run time: see loadUtils.
function sampleSecrets(templates, identifier, secret) {
  // strings.NewReplacer("{i}", identifier, "{I}", upper(identifier), "{s}", secret)
  return templates.map((t) => t.replace(/\{[iIs]\}/g, (k) => (k === "{i}" ? identifier : k === "{I}" ? identifier.toUpperCase() : secret)));
}

function sprintf(format, args) {
  let k = 0;
  return format.replace(/%([sdvq%])/g, (_, v) => {
    if (v === "%") return "%";
    const a = args[k++];
    if (a === undefined) throw new Unevaluable("sprintf args");
    return v === "q" ? JSON.stringify(String(a)) : String(a);
  });
}

function makeEvaluator(random, stats, utils) {
  const call = (name, args) => {
    const str = (k) => {
      if (typeof args[k] !== "string" && typeof args[k] !== "number") throw new Unevaluable(`${name} arg`);
      return String(args[k]);
    };
    if (name === "utils.GenerateSampleSecrets") {
      if (!utils.templates.length) throw new Unevaluable("no sample templates");
      return sampleSecrets(utils.templates, str(0), str(1));
    }
    if (name === "secrets.NewSecret") return generateFromRegex(str(0), random);
    if (name.startsWith("utils.") && utils.funcs.has(name.slice(6))) return utils.funcs.get(name.slice(6))(args);
    if (name === "fmt.Sprintf") return sprintf(str(0), args.slice(1));
    if (name === "strings.Repeat") return str(0).repeat(Number(args[1]));
    if (name === "strings.ToUpper") return str(0).toUpperCase();
    if (name === "strings.ToLower") return str(0).toLowerCase();
    if (name === "string") return str(0);
    if (name === "append") {
      if (!Array.isArray(args[0])) throw new Unevaluable("append target");
      const out = [...args[0]];
      for (const a of args.slice(1)) {
        if (a && a.spread) out.push(...a.value);
        else out.push(a);
      }
      return out;
    }
    throw new Unevaluable(`call ${name}`);
  };

  // Parser over a token array; evaluates as it parses.
  return function evaluate(toks, start, env, stopAt) {
    let p = start;
    const peek = () => toks[p];
    const expect = (v) => {
      if (!toks[p] || toks[p].value !== v) throw new Unevaluable(`expected ${v} got ${toks[p]?.value}`);
      p++;
    };
    const skipSemis = () => {
      while (toks[p] && toks[p].value === ";") p++;
    };
    const parseExpr = () => {
      let v = parseUnary();
      while (peek() && peek().type === "punct" && peek().value === "+") {
        p++;
        skipSemis();
        const r = parseUnary();
        if (typeof v === "number" && typeof r === "number") v = v + r;
        else if (typeof v === "string" || typeof v === "number") {
          if (typeof r !== "string" && typeof r !== "number") throw new Unevaluable("+ operand");
          v = String(v) + String(r);
        } else throw new Unevaluable("+ operand");
      }
      return v;
    };
    const parseList = (close) => {
      const items = [];
      skipSemis();
      while (peek() && peek().value !== close) {
        const before = p;
        try {
          let v = parseExpr();
          if (peek() && peek().value === "...") {
            p++;
            v = { spread: true, value: v };
          }
          items.push(v);
        } catch (e) {
          if (!(e instanceof Unevaluable)) throw e;
          // skip this element up to the next comma at this depth
          p = before;
          skipElement(close);
          items.push({ skipped: true, reason: e.message });
        }
        skipSemis();
        if (peek() && peek().value === ",") p++;
        skipSemis();
      }
      expect(close);
      return items;
    };
    const skipElement = (close) => {
      let depth = 0;
      while (p < toks.length) {
        const v = toks[p].type === "punct" ? toks[p].value : null;
        if (depth === 0 && (v === "," || v === close)) return;
        if (v === "(" || v === "[" || v === "{") depth++;
        if (v === ")" || v === "]" || v === "}") depth--;
        p++;
      }
    };
    const parseUnary = () => {
      const t = peek();
      if (!t) throw new Unevaluable("eof");
      if (t.type === "string" || t.type === "number") {
        p++;
        return t.value;
      }
      if (t.type === "punct" && t.value === "(") {
        p++;
        const v = parseExpr();
        expect(")");
        return v;
      }
      if (t.type === "punct" && t.value === "[") {
        // []string{…}
        p++;
        expect("]");
        const ty = peek();
        if (!ty || ty.value !== "string") throw new Unevaluable("slice type");
        p++;
        expect("{");
        const items = parseList("}");
        const out = [];
        for (const it of items) {
          if (it && it.skipped) {
            stats.skippedElements++;
            stats.reasons[it.reason] = (stats.reasons[it.reason] ?? 0) + 1;
          } else if (typeof it === "string") out.push(it);
          else throw new Unevaluable("slice element");
        }
        return out;
      }
      if (t.type === "ident" && t.value === "map" && toks[p + 1]?.value === "[" && toks[p + 2]?.value === "string" && toks[p + 3]?.value === "]" && toks[p + 4]?.value === "string" && toks[p + 5]?.value === "{") {
        // map[string]string{ path: content }: the examples of path-scoped rules; the contents count
        p += 6;
        const out = [];
        skipSemis();
        while (peek() && peek().value !== "}") {
          parseExpr();
          expect(":");
          skipSemis();
          const v = parseExpr();
          if (typeof v !== "string") throw new Unevaluable("map value");
          if (v !== "") out.push(v);
          skipSemis();
          if (peek() && peek().value === ",") p++;
          skipSemis();
        }
        expect("}");
        return out;
      }
      if (t.type === "ident") {
        let name = t.value;
        p++;
        while (peek() && peek().value === "." && toks[p + 1]?.type === "ident") {
          name += "." + toks[p + 1].value;
          p += 2;
        }
        if (peek() && peek().value === "(") {
          p++;
          let raw = parseList(")");
          if (name === "append" && raw.length > 0 && !raw[0]?.skipped) {
            // one unevaluable appended example should not hide the others
            for (const a of raw.filter((a) => a && a.skipped)) {
              stats.skippedElements++;
              stats.reasons[a.reason] = (stats.reasons[a.reason] ?? 0) + 1;
            }
            raw = raw.filter((a) => !(a && a.skipped));
          }
          const bad = raw.find((a) => a && a.skipped);
          if (bad) throw new Unevaluable(bad.reason);
          return call(name, raw);
        }
        if (name === "nil") return [];
        if (env.has(name)) return env.get(name);
        throw new Unevaluable(`unknown ${name}`);
      }
      throw new Unevaluable(`token ${t.value}`);
    };
    const value = parseExpr();
    if (stopAt && peek() && !stopAt.includes(peek().value)) throw new Unevaluable(`trailing ${peek().value}`);
    return { value, end: p };
  };
}

// ---- per-file interpretation -------------------------------------------------------------------
function blockEnd(toks, open) {
  let depth = 0;
  for (let k = open; k < toks.length; k++) {
    if (toks[k].type !== "punct") continue;
    if (toks[k].value === "{") depth++;
    if (toks[k].value === "}" && --depth === 0) return k;
  }
  return toks.length - 1;
}

// Runs simple assignment statements in [from, to); returns when it meets `return`.
function runStatements(toks, from, to, env, evaluate, onReturn, stats) {
  let p = from;
  while (p < to) {
    const t = toks[p];
    if (t.value === ";") {
      p++;
      continue;
    }
    const nextStmt = () => {
      let depth = 0;
      while (p < to) {
        const v = toks[p].type === "punct" ? toks[p].value : null;
        if (v === "(" || v === "[" || v === "{") depth++;
        if (v === ")" || v === "]" || v === "}") depth--;
        p++;
        if (depth <= 0 && v === ";") return;
      }
    };
    if (t.type === "ident" && t.value === "return") {
      onReturn(p + 1);
      nextStmt();
      continue;
    }
    let name;
    let exprAt;
    if (t.type === "ident" && t.value === "var" && toks[p + 1]?.type === "ident") {
      name = toks[p + 1].value;
      let k = p + 2;
      while (k < to && toks[k].value !== "=" && toks[k].value !== ";") k++;
      exprAt = toks[k]?.value === "=" ? k + 1 : -1;
    } else if (t.type === "ident" && (toks[p + 1]?.value === ":=" || toks[p + 1]?.value === "=")) {
      name = t.value;
      exprAt = p + 2;
    }
    if (name && exprAt > 0) {
      const stmtStart = p;
      try {
        const { value } = evaluate(toks, exprAt, env, [";", ")", "}"]);
        env.set(name, value);
      } catch (e) {
        if (!(e instanceof Unevaluable)) throw e;
        env.delete(name);
        if (name === "tps" || name === "fps") {
          stats.failedStatements.push(`${name}: ${e.message}`);
          env.set(name, { poisoned: e.message });
        }
      }
      p = stmtStart;
    }
    // skip nested blocks (for/if) as a whole: their statements are not evaluated
    if (t.type === "ident" && (t.value === "for" || t.value === "if" || t.value === "switch")) {
      let k = p;
      while (k < to && toks[k].value !== "{") k++;
      const end = blockEnd(toks, k);
      // a loop that appends to tps/fps changes them in ways we do not model
      for (let j = k; j < end; j++) if (toks[j].value === "tps" || toks[j].value === "fps") {
        stats.failedStatements.push(`${toks[j].value}: ${t.value} block`);
        env.set(toks[j].value, { poisoned: `${t.value} block` });
        break;
      }
      p = end + 1;
      continue;
    }
    nextStmt();
  }
}

export function extractFile(src, random, stats, utils) {
  const toks = tokenize(src);
  const evaluate = makeEvaluator(random, stats, utils);
  const globals = new Map();
  const rules = [];
  // top-level declarations: `var x = …` and `var ( x = … )`
  for (let p = 0; p < toks.length; p++) {
    const t = toks[p];
    if (t.type === "ident" && t.value === "func") {
      // func Name() *config.Rule { … }
      let k = p;
      while (k < toks.length && toks[k].value !== "{") k++;
      const end = blockEnd(toks, k);
      const fname = toks[p + 1]?.value;
      const body = toks.slice(k + 1, end);
      const idAt = body.findIndex((x, j) => x.value === "RuleID" && body[j + 1]?.value === ":");
      if (idAt >= 0) {
        let ruleId = null;
        try {
          ruleId = evaluate(body, idAt + 2, globals).value;
        } catch {
          ruleId = null;
        }
        if (typeof ruleId !== "string") {
          stats.rulesWithoutId.push(fname);
        } else {
          const env = new Map(globals);
          let result = null;
          runStatements(toks, k + 1, end, env, evaluate, (at) => {
            // return utils.Validate(r, tps, fps) / utils.ValidateWithPaths(r, tps, fps)
            let q = at;
            let name = "";
            while (toks[q].type === "ident" || toks[q].value === ".") name += toks[q++].value;
            if (!/^utils\.Validate/.test(name) || toks[q].value !== "(") return;
            const env2 = new Map(env);
            env2.set("r", "");
            let args;
            try {
              // evaluate each argument separately so one failure does not hide the other
              q++;
              args = [];
              let depth = 0;
              let startArg = q;
              for (; q < toks.length; q++) {
                const v = toks[q].type === "punct" ? toks[q].value : null;
                if (v === "(" || v === "[" || v === "{") depth++;
                if (v === ")" || v === "]" || v === "}") {
                  if (depth === 0) {
                    args.push([startArg, q]);
                    break;
                  }
                  depth--;
                }
                if (v === "," && depth === 0) {
                  args.push([startArg, q]);
                  startArg = q + 1;
                }
              }
            } catch {
              return;
            }
            const evalArg = (a) => {
              if (!a) return { value: [] };
              const v = env2.get(toks[a[0]].value);
              if (a[1] - a[0] === 1 && v && v.poisoned) return { poisoned: v.poisoned };
              try {
                const { value } = evaluate(toks.slice(0, a[1]).concat([{ type: "punct", value: ";" }]), a[0], env2, [";"]);
                return Array.isArray(value) ? { value } : { poisoned: "not a list" };
              } catch (e) {
                if (!(e instanceof Unevaluable)) throw e;
                return { poisoned: e.message };
              }
            };
            // ValidateWithPaths: the fps are mostly the same text under another file name, which
            // says nothing about text in a JS/TS literal; they are left out.
            result = { tps: evalArg(args[1]), fps: name.endsWith("WithPaths") ? { value: [] } : evalArg(args[2]) };
          }, stats);
          rules.push({ ruleId, fn: fname, result });
        }
      }
      p = end;
      continue;
    }
    if (t.type === "ident" && t.value === "var") {
      if (toks[p + 1]?.value === "(") {
        let k = p + 2;
        const close = (() => {
          let depth = 0;
          for (let j = p + 1; j < toks.length; j++) {
            if (toks[j].value === "(") depth++;
            if (toks[j].value === ")" && --depth === 0) return j;
          }
          return toks.length;
        })();
        runStatements(toks, k, close, globals, evaluate, () => {}, stats);
        // `var ( x = … )` statements have no `var` keyword inside: runStatements handles `x = …`
        p = close;
      } else {
        const end = (() => {
          let depth = 0;
          for (let j = p; j < toks.length; j++) {
            const v = toks[j].value;
            if (v === "(" || v === "[" || v === "{") depth++;
            if (v === ")" || v === "]" || v === "}") depth--;
            if (depth === 0 && v === ";") return j + 1;
          }
          return toks.length;
        })();
        runStatements(toks, p, end, globals, evaluate, () => {}, stats);
        p = end - 1;
      }
    }
  }
  return rules;
}

/**
 * The helpers of cmd/generate/config/utils: every `func Name(p string, …) string { return <expr> }`
 * becomes callable (utils.Hex("32") → its regex), and the `samples` map of GenerateSampleSecrets
 * gives the syntaxes a secret is wrapped in.
 */
function loadUtils(checkout, random, stats) {
  const dir = path.join(checkout, "cmd/generate/config/utils");
  const utils = { funcs: new Map(), templates: [] };
  const evaluate = makeEvaluator(random, stats, utils);
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".go") && !f.endsWith("_test.go"))) {
    const toks = tokenize(fs.readFileSync(path.join(dir, f), "utf8"));
    for (let p = 0; p < toks.length; p++) {
      if (toks[p].value === "func" && toks[p + 1]?.type === "ident" && toks[p + 2]?.value === "(") {
        const name = toks[p + 1].value;
        // (a string, b string) or (a, b string): the first identifier of each segment is a name
        const params = [];
        let k = p + 3;
        let segmentStart = true;
        for (; k < toks.length && toks[k].value !== ")"; k++) {
          if (segmentStart && toks[k].type === "ident") params.push(toks[k].value);
          segmentStart = toks[k].value === ",";
        }
        let open = k;
        while (open < toks.length && toks[open].value !== "{") open++;
        const end = blockEnd(toks, open);
        let q = open + 1;
        while (toks[q]?.value === ";") q++;
        if (toks[q]?.value !== "return") continue;
        const at = q + 1;
        utils.funcs.set(name, (args) => {
          const env = new Map(params.map((n, i) => [n, args[i]]));
          return evaluate(toks.slice(0, end), at, env, [";", "}"]).value;
        });
      }
      // samples := map[string]string{ "name": "template", … }
      if (toks[p].value === "samples" && toks[p + 1]?.value === ":=" && toks[p + 2]?.value === "map") {
        let k = p + 3;
        while (toks[k].value !== "{") k++;
        const end = blockEnd(toks, k);
        for (let j = k + 1; j < end; j++) if (toks[j].type === "string" && toks[j + 1]?.value === ":" && toks[j + 2]?.type === "string") utils.templates.push(toks[j + 2].value);
      }
    }
  }
  return utils;
}

export function extractAll(checkout, seed = 1) {
  const dir = path.join(checkout, "cmd/generate/config/rules");
  const random = makeRandom(seed);
  const stats = { files: 0, skippedElements: 0, reasons: {}, failedStatements: [], rulesWithoutId: [] };
  const utils = loadUtils(checkout, random, stats);
  stats.sampleTemplates = utils.templates.length;
  stats.utilsFuncs = utils.funcs.size;
  const rules = [];
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".go") && !f.endsWith("_test.go")).sort()) {
    stats.files++;
    for (const r of extractFile(fs.readFileSync(path.join(dir, f), "utf8"), random, stats, utils)) rules.push({ file: f, ...r });
  }
  return { rules, stats };
}

// ---- CLI ---------------------------------------------------------------------------------------
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const checkout = args.find((a, k) => !a.startsWith("--") && !(k > 0 && args[k - 1].startsWith("--")));
  if (!checkout) {
    console.error("usage: node scripts/peer/gitleaks-examples.mjs <gitleaks-checkout> [--out FILE.json] [--seed N]");
    process.exit(2);
  }
  const opt = (n) => {
    const k = args.indexOf(`--${n}`);
    return k === -1 ? undefined : args[k + 1];
  };
  const { rules, stats } = extractAll(checkout, Number(opt("seed") ?? 1));
  const ok = rules.filter((r) => r.result && r.result.tps.value);
  const tps = ok.reduce((n, r) => n + r.result.tps.value.length, 0);
  const fps = rules.reduce((n, r) => n + (r.result?.fps.value?.length ?? 0), 0);
  console.log(`files ${stats.files}, rules ${rules.length}, rules with evaluated tps ${ok.length}, tps ${tps}, fps ${fps}`);
  console.log(`skipped list elements ${stats.skippedElements}; rules whose tps could not be evaluated: ${rules.filter((r) => !r.result || !r.result.tps.value).map((r) => r.ruleId).join(", ") || "none"}`);
  console.log(`utils helpers read: ${stats.utilsFuncs}; sample syntaxes per GenerateSampleSecrets: ${stats.sampleTemplates}`);
  const out = opt("out");
  if (out) {
    fs.writeFileSync(out, JSON.stringify(rules.map((r) => ({ ruleId: r.ruleId, file: r.file, tps: r.result?.tps.value ?? null, fps: r.result?.fps.value ?? null, unevaluated: r.result?.tps.poisoned ?? (r.result ? undefined : "no Validate call") })), null, 1));
    console.log(`wrote ${out}`);
  }
}
