import ts = require("typescript");
import { minimatch } from "minimatch";
import type { RuleSetting } from "./types.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { isArrayLiteralExpression, isIdentifier, isNumericLiteral, isObjectLiteralExpression, isPropertyAssignment, isStringLiteral } = ts;

export interface Limits {
  /** `oversized-file`: lines above which a file is flagged. */
  maxFileLines: number;
  /** `oversized-file`: React components or route handlers above which a file is flagged. */
  maxUnitsPerFile: number;
}

export interface ResolvedConfig {
  /** Per-rule override; rules not listed keep their default severity. */
  rules: ReadonlyMap<string, RuleSetting>;
  ignore: readonly string[];
  secretsAllow: readonly RegExp[];
  limits: Limits;
}

export const DEFAULT_LIMITS: Limits = { maxFileLines: 400, maxUnitsPerFile: 8 };

export const DEFAULT_CONFIG: ResolvedConfig = {
  rules: new Map(),
  ignore: [],
  secretsAllow: [],
  limits: DEFAULT_LIMITS,
};

/** The raw, user-facing shape of `shipshape.json` (and of the `shipshape.*` settings). */
export interface RawConfig {
  rules?: Record<string, unknown>;
  ignore?: unknown;
  secrets?: { allow?: unknown };
  limits?: { maxFileLines?: unknown; maxUnitsPerFile?: unknown };
}

export interface ConfigProblem {
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  message: string;
}

export interface ConfigResult {
  config: ResolvedConfig;
  problems: ConfigProblem[];
}

const SETTINGS: readonly RuleSetting[] = ["off", "info", "warning", "error"];

/**
 * Parse and validate `shipshape.json`. Never throws: every problem is reported with its line and
 * column, and whatever is valid still applies (a bad entry falls back to the default).
 */
export function parseConfigText(text: string, fileName: string, knownRules: ReadonlySet<string>): ConfigResult {
  const problems: ConfigProblem[] = [];
  const json = ts.parseJsonText(fileName, text);
  const at = (pos: number, message: string) => {
    const { line, character } = json.getLineAndCharacterOfPosition(Math.min(pos, text.length));
    problems.push({ file: fileName, line: line + 1, column: character + 1, message });
  };
  const parseDiagnostics = (json as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (parseDiagnostics.length > 0) {
    const d = parseDiagnostics[0];
    at(d.start ?? 0, `invalid JSON: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
    return { config: DEFAULT_CONFIG, problems };
  }
  const root = json.statements[0]?.expression;
  if (!root) return { config: DEFAULT_CONFIG, problems };
  if (!isObjectLiteralExpression(root)) {
    at(root.getStart(json), "expected an object at the top level");
    return { config: DEFAULT_CONFIG, problems };
  }
  const rules = new Map<string, RuleSetting>();
  let ignore: string[] = [];
  const secretsAllow: RegExp[] = [];
  const limits: Limits = { ...DEFAULT_LIMITS };

  for (const prop of root.properties) {
    if (!isPropertyAssignment(prop)) continue;
    const key = propName(prop);
    const value = prop.initializer;
    const where = value.getStart(json);
    switch (key) {
      case "$schema":
        break;
      case "rules":
        if (!isObjectLiteralExpression(value)) { at(where, '"rules" must be an object of rule id → "off" | "info" | "warning" | "error"'); break; }
        for (const r of value.properties) {
          if (!isPropertyAssignment(r)) continue;
          const id = propName(r);
          const rpos = r.getStart(json);
          if (!knownRules.has(id)) { at(rpos, `unknown rule "${id}"${suggest(id, knownRules)}`); continue; }
          const v = isStringLiteral(r.initializer) ? r.initializer.text : undefined;
          if (v === undefined || !SETTINGS.includes(v as RuleSetting)) {
            at(r.initializer.getStart(json), `rule "${id}": expected one of "off", "info", "warning", "error"`);
            continue;
          }
          rules.set(id, v as RuleSetting);
        }
        break;
      case "ignore": {
        const list = stringArray(value);
        if (!list) { at(where, '"ignore" must be an array of glob strings'); break; }
        ignore = [];
        list.forEach((g, i) => {
          const problem = globProblem(g);
          if (problem) at((value as ts.ArrayLiteralExpression).elements[i].getStart(json), `"ignore": ${problem}`);
          else ignore.push(g);
        });
        break;
      }
      case "secrets": {
        if (!isObjectLiteralExpression(value)) { at(where, '"secrets" must be an object like { "allow": ["regex"] }'); break; }
        for (const s of value.properties) {
          if (!isPropertyAssignment(s)) continue;
          if (propName(s) !== "allow") { at(s.getStart(json), `unknown setting "secrets.${propName(s)}"`); continue; }
          const list = stringArray(s.initializer);
          if (!list) { at(s.initializer.getStart(json), '"secrets.allow" must be an array of regular expressions (strings)'); continue; }
          list.forEach((src, i) => {
            const re = compileAllowRegex(src);
            if (typeof re === "string") at((s.initializer as ts.ArrayLiteralExpression).elements[i].getStart(json), `"secrets.allow": ${re}`);
            else secretsAllow.push(re);
          });
        }
        break;
      }
      case "limits": {
        if (!isObjectLiteralExpression(value)) { at(where, '"limits" must be an object like { "maxFileLines": 400 }'); break; }
        for (const l of value.properties) {
          if (!isPropertyAssignment(l)) continue;
          const name = propName(l);
          if (name !== "maxFileLines" && name !== "maxUnitsPerFile") { at(l.getStart(json), `unknown limit "${name}" (known: maxFileLines, maxUnitsPerFile)`); continue; }
          const n = isNumericLiteral(l.initializer) ? Number(l.initializer.text) : NaN;
          if (!Number.isInteger(n) || n < 1) { at(l.initializer.getStart(json), `"limits.${name}" must be a positive whole number`); continue; }
          limits[name] = n;
        }
        break;
      }
      default:
        at(prop.getStart(json), `unknown setting "${key}" (known: rules, ignore, secrets, limits)`);
    }
  }
  return { config: { rules, ignore, secretsAllow, limits }, problems };
}

/**
 * Merge host settings (VS Code `shipshape.*`) under the file config: the workspace file is the
 * shared, committed source of truth, so it wins over a user's editor settings.
 */
export function mergeConfig(base: ResolvedConfig, override: ResolvedConfig): ResolvedConfig {
  return {
    rules: new Map([...base.rules, ...override.rules]),
    ignore: [...base.ignore, ...override.ignore],
    secretsAllow: [...base.secretsAllow, ...override.secretsAllow],
    limits: { ...base.limits, ...override.limits },
  };
}

/** Validate plain settings objects (from the editor) with the same rules as the file. */
export function resolveRawConfig(raw: RawConfig, source: string, knownRules: ReadonlySet<string>): ConfigResult {
  return parseConfigText(JSON.stringify(raw ?? {}, null, 2), source, knownRules);
}

const matcherCache = new WeakMap<readonly string[], InstanceType<typeof minimatch.Minimatch>[]>();

/**
 * gitignore-like semantics: a glob without a slash matches a file or folder name at any depth
 * (`legacy`, `*.gen.ts`); one with a slash is anchored at the workspace root; a folder match
 * covers everything below it.
 */
export function isIgnored(relPath: string, config: ResolvedConfig): boolean {
  if (config.ignore.length === 0) return false;
  let matchers = matcherCache.get(config.ignore);
  if (!matchers) {
    matchers = config.ignore.flatMap((raw) => {
      const g = raw.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
      const anchored = g.includes("/") ? [g] : [`**/${g}`];
      return anchored.flatMap((x) => [x, `${x}/**`]).map((x) => new minimatch.Minimatch(x, { dot: true }));
    });
    matcherCache.set(config.ignore, matchers);
  }
  const p = relPath.replace(/\\/g, "/").replace(/^\.\//, "");
  return matchers.some((m) => m.match(p));
}

function propName(p: ts.PropertyAssignment): string {
  const n = p.name;
  return isIdentifier(n) || isStringLiteral(n) || isNumericLiteral(n) ? n.text : n.getText();
}

function stringArray(node: ts.Expression): string[] | undefined {
  if (!isArrayLiteralExpression(node)) return undefined;
  const out: string[] = [];
  for (const el of node.elements) {
    if (!isStringLiteral(el)) return undefined;
    out.push(el.text);
  }
  return out;
}

function globProblem(glob: string): string | undefined {
  if (glob.trim() === "") return "empty glob";
  if (glob.startsWith("/") || /^[A-Za-z]:[\\/]/.test(glob) || glob.split(/[\\/]/).includes("..")) {
    return `glob "${glob}" must be relative to the workspace root and stay inside it`;
  }
  try {
    new minimatch.Minimatch(glob).makeRe();
  } catch (e) {
    return `invalid glob "${glob}": ${(e as Error).message}`;
  }
  return undefined;
}

/** Allow-list patterns are matched against secret-like values and names, which are short. */
export const MAX_ALLOW_INPUT = 512;

/**
 * A `secrets.allow` pattern comes from the workspace, which may be untrusted, and runs on every
 * string literal: it must not be able to hang the server. A RegExp whose exec refuses inputs
 * longer than MAX_ALLOW_INPUT (test, match and friends all go through exec) bounds polynomial
 * backtracking; patterns that can backtrack exponentially are refused outright.
 */
class BoundedRegExp extends RegExp {
  override exec(input: string): RegExpExecArray | null {
    return String(input).length > MAX_ALLOW_INPUT ? null : super.exec(input);
  }
}

function compileAllowRegex(src: string): RegExp | string {
  let re: RegExp;
  try {
    re = new BoundedRegExp(src);
  } catch (e) {
    return `invalid regular expression: ${(e as Error).message}`;
  }
  const risky = backtrackingRisk(src);
  return risky ? `pattern ${JSON.stringify(src)} ${risky}, which can take very long on some strings: simplify it` : re;
}

/**
 * Why a pattern can backtrack badly: a repeated group that itself holds a repetition (`(a+)+`)
 * or alternatives (`(a|a)*`) is exponential; more than two repetitions is a high-degree
 * polynomial (`a*a*a*b`). A cheap structural check, not a proof: it may refuse a harmless
 * pattern; what it lets through, over inputs of at most MAX_ALLOW_INPUT characters, stays fast.
 */
const MAX_REPETITIONS = 2;

export function backtrackingRisk(src: string): string | undefined {
  // Per open group: does it contain an unbounded quantifier, or a "|"?
  const stack: { quantified: boolean; alternation: boolean }[] = [];
  let repetitions = 0;
  let closed: { quantified: boolean; alternation: boolean } | undefined;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    const top = stack[stack.length - 1];
    if (c === "\\") { i++; closed = undefined; continue; }
    if (c === "[") {
      // A character class: skip to its unescaped closing bracket.
      for (i++; i < src.length && src[i] !== "]"; i++) if (src[i] === "\\") i++;
      closed = undefined;
      continue;
    }
    if (c === "(") { stack.push({ quantified: false, alternation: false }); closed = undefined; continue; }
    if (c === ")") {
      closed = stack.pop();
      if (closed && stack.length > 0) {
        // What a nested group holds, its enclosing group holds too.
        const outer = stack[stack.length - 1];
        outer.quantified ||= closed.quantified;
        outer.alternation ||= closed.alternation;
      }
      continue;
    }
    if (c === "|") { if (top) top.alternation = true; closed = undefined; continue; }
    const rest = src.slice(i);
    const repeats = c === "*" || c === "+" || (c === "{" && /^\{\d+,\d*\}/.test(rest) && !/^\{[01],[01]?\}/.test(rest));
    // `{3}` does not backtrack by itself, but `(a+){3}` is `a+a+a+`.
    const exact = c === "{" && /^\{\d+\}/.test(rest) && !/^\{[01]\}/.test(rest);
    if (repeats || exact) {
      if (closed?.quantified) return "repeats a group that holds a repetition";
      if (closed?.alternation && repeats) return "repeats a group of alternatives";
      // Adjacent repetitions backtrack polynomially: three over 512 characters already take seconds.
      if (repeats && ++repetitions > MAX_REPETITIONS) return `has more than ${MAX_REPETITIONS} repetitions (*, +, {n,m})`;
      if (top) top.quantified = true;
    }
    closed = undefined;
  }
  return undefined;
}

function suggest(id: string, known: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestD = 4;
  for (const k of known) {
    const d = distance(id, k);
    if (d < bestD) { bestD = d; best = k; }
  }
  return best ? ` (did you mean "${best}"?)` : "";
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
