import ts = require("typescript");
import type { Edit, Fix, RuleContext } from "../engine/types.js";
import type { EntryPoint } from "../model/calls.js";
import { componentsModel } from "../model/components.js";
import { skipOuter } from "../model/network.js";
import { eol, indentAt, indentUnit, preferredQuote } from "./indent.js";
import { errorLogCall } from "./logging.js";
import { parseSource } from "../engine/parse.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, forEachChild, isArrayBindingPattern, isAsExpression, isAwaitExpression, isBlock, isCallExpression, isCaseClause, isClassDeclaration, isDefaultClause, isFunctionDeclaration, isFunctionLike, isIdentifier, isModuleBlock, isNoSubstitutionTemplateLiteral, isNonNullExpression, isOmittedExpression, isParenthesizedExpression, isPropertyAccessExpression, isSourceFile, isStatement, isStringLiteral, isVariableStatement } = ts;

const GENERIC = "Upstream request failed";

/** The statement holding `node` that sits directly in a statement list. */
export function statementOf(node: ts.Node): ts.Statement | undefined {
  for (let n: ts.Node | undefined = node; n && n.parent; n = n.parent) {
    if (isBlock(n.parent) || isSourceFile(n.parent) || isCaseClause(n.parent) || isDefaultClause(n.parent) || isModuleBlock(n.parent)) {
      return isStatement(n) ? n : undefined;
    }
    if (isFunctionLike(n)) return undefined;
  }
  return undefined;
}

function statementList(st: ts.Statement): ts.NodeArray<ts.Statement> | undefined {
  const p = st.parent;
  if (isBlock(p) || isSourceFile(p) || isModuleBlock(p)) return p.statements;
  if (isCaseClause(p) || isDefaultClause(p)) return p.statements;
  return undefined;
}

function declaredNames(st: ts.Statement, out: Set<string>): void {
  const addBinding = (name: ts.BindingName) => {
    if (isIdentifier(name)) out.add(name.text);
    else for (const el of name.elements) if (!isOmittedExpression(el)) addBinding(el.name);
  };
  if (isVariableStatement(st)) for (const d of st.declarationList.declarations) addBinding(d.name);
  else if ((isFunctionDeclaration(st) || isClassDeclaration(st)) && st.name) out.add(st.name.text);
}

function mentions(node: ts.Node, names: Set<string>): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (isIdentifier(n) && names.has(n.text) && !(n.parent && isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
      hit = true;
      return;
    }
    forEachChild(n, visit);
  };
  visit(node);
  return hit;
}

/** A throwaway tree for a generated snippet, to ask which names it uses. */
function parseless(code: string): ts.Node {
  return parseSource("snippet.ts", code);
}

function usesIdentifier(node: ts.Node, name: string): boolean {
  return mentions(node, new Set([name]));
}

/** `const [error, setError] = useState(…)` in the component around `node`: the setter and the state's kind. */
function errorSetter(ctx: RuleContext, node: ts.Node): { setter: string; kind: "string" | "error" | "boolean" } | undefined {
  const comp = ctx.model(componentsModel).componentOf(node);
  if (!comp) return undefined;
  for (const d of ctx.index.variableDeclarations) {
    if (d.pos < comp.node.pos || d.end > comp.node.end) continue;
    if (!isArrayBindingPattern(d.name) || d.name.elements.length < 2) continue;
    const setterEl = d.name.elements[1];
    if (isOmittedExpression(setterEl) || !isIdentifier(setterEl.name)) continue;
    const setter = setterEl.name.text;
    if (!/^set[A-Z]?\w*(Error|Problem|Failure|ErrorMessage)$/.test(setter)) continue;
    const init = d.initializer && skipOuter(d.initializer);
    if (!init || !isCallExpression(init) || !/^(React\.)?useState$/.test(init.expression.getText(ctx.sourceFile))) continue;
    const typeText = init.typeArguments?.map((t) => t.getText(ctx.sourceFile)).join("|") ?? "";
    const arg = init.arguments[0];
    if (/\bboolean\b/.test(typeText) || (arg && (arg.kind === SyntaxKind.FalseKeyword || arg.kind === SyntaxKind.TrueKeyword))) return { setter, kind: "boolean" };
    if (/\bstring\b/.test(typeText) || (arg && (isStringLiteral(arg) || isNoSubstitutionTemplateLiteral(arg)))) return { setter, kind: "string" };
    if (/Error|unknown/.test(typeText) || !typeText) return { setter, kind: "error" };
    return { setter, kind: "string" };
  }
  return undefined;
}

/** Statements the catch block runs: set the error state, or answer 5xx in a route handler, or log. */
function handlerStatements(ctx: RuleContext, site: ts.Node, entry: EntryPoint, err: string): string[] {
  const q = preferredQuote(ctx.text);
  const isTs = /\.[cm]?tsx?$/.test(ctx.fileName);
  const log = `${errorLogCall(ctx.index, "Request failed", err, q)};`;
  const s = errorSetter(ctx, site);
  if (s) {
    const value = s.kind === "boolean" ? "true" : s.kind === "string" ? `${q}Something went wrong. Please try again.${q}` : isTs ? `${err} as Error` : err;
    return [`${s.setter}(${value});`];
  }
  if (entry.kind === "route" && entry.fn) {
    const params = entry.fn.parameters.map((p) => (isIdentifier(p.name) ? p.name.text : ""));
    const body = `{ error: ${q}${GENERIC}${q} }`;
    const imports = (m: string) => ctx.index.importsFrom(m);
    if (/(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/.test(ctx.fileName.replace(/\\/g, "/"))) {
      const resp = ctx.index.importOf("NextResponse") ? "NextResponse" : "Response";
      return [log, `return ${resp}.json(${body}, { status: 502 });`];
    }
    if ((imports("hono") || params[0] === "c") && params.length === 1 && params[0]) return [log, `return ${params[0]}.json(${body}, 502);`];
    if (params[1] === "reply" || (imports("fastify") && params[1])) return [log, `return ${params[1]}.code(502).send(${body});`];
    if (params[0] === "ctx" && params.length <= 2) return [log, `ctx.status = 502;`, `ctx.body = ${body};`];
    if (params[1]) return [log, `return ${params[1]}.status(502).json(${body});`];
  }
  return [log];
}

function catchName(scope: ts.Node): string {
  for (const n of ["error", "err", "requestError"]) if (!usesIdentifier(scope, n)) return n;
  return "requestError";
}

/** A multi-line template or string literal inside a range: re-indenting would change its value. */
function hasMultilineLiteral(ctx: RuleContext, start: number, end: number): boolean {
  const inRange = (n: ts.Node) => n.pos >= start && n.end <= end;
  return ctx.index.templates.some((t) => inRange(t) && t.getText(ctx.sourceFile).includes("\n")) ||
    ctx.index.strings.some((t) => inRange(t) && t.getText(ctx.sourceFile).includes("\n"));
}

/**
 * **Wrap in try/catch**: the statements from the call through the last use of what it declares
 * (so nothing declared inside the `try` is used outside it). When the promise is not awaited,
 * **Handle the rejection**: append `.catch(…)` to its chain.
 */
export function handleRejectionFix(ctx: RuleContext, site: ts.Expression, entry: EntryPoint): Fix | undefined {
  const sf = ctx.sourceFile;
  const nl = eol(ctx.text);
  const unit = indentUnit(sf);
  // Is the site awaited (directly or through a .then chain) before its statement?
  let top: ts.Node = site;
  let awaited = false;
  for (;;) {
    const p: ts.Node | undefined = top.parent;
    if (!p) break;
    if (isParenthesizedExpression(p) || isAsExpression(p) || isNonNullExpression(p)) {
      top = p;
      continue;
    }
    if (isPropertyAccessExpression(p) && p.expression === top && p.parent && isCallExpression(p.parent) && p.parent.expression === p && (p.name.text === "then" || p.name.text === "finally")) {
      top = p.parent;
      continue;
    }
    if (isAwaitExpression(p)) awaited = true;
    break;
  }
  // `async () => await api.post(x)`: no statement to wrap, so catch on the chain instead.
  if (awaited && !statementOf(site)) awaited = false;
  if (!awaited) {
    const scope = entry.fn ?? sf;
    const err = catchName(scope);
    const stmts = handlerStatements(ctx, site, { ...entry, kind: entry.kind === "route" ? "floating" : entry.kind }, err);
    const body = stmts.length === 1 ? stmts[0].replace(/;$/, "") : `{ ${stmts.join(" ")} }`;
    const param = usesIdentifier(parseless(body), err) ? `(${err})` : "()";
    return { title: "Handle the rejection with .catch()", safe: false, preferred: true, edits: [{ start: top.end, end: top.end, newText: `.catch(${param} => ${body})` }] };
  }
  const st = statementOf(site);
  if (!st) return undefined;
  const list = statementList(st);
  if (!list) return undefined;
  const i = list.indexOf(st);
  const names = new Set<string>();
  declaredNames(st, names);
  let j = i;
  for (let k = i + 1; k < list.length && names.size > 0; k++) {
    if (mentions(list[k], names)) {
      for (let m = j + 1; m <= k; m++) declaredNames(list[m], names);
      j = k;
    }
  }
  const last = list[j];
  const start = st.getStart(sf);
  const end = last.getEnd();
  const base = indentAt(ctx.text, start);
  const inner = ctx.text.slice(start, end);
  const reindented = hasMultilineLiteral(ctx, start, end) ? inner : inner.split(/\r?\n/).map((l, k) => (k === 0 || l.trim() === "" ? l : unit + l)).join(nl);
  const err = catchName(st.parent);
  const lines = handlerStatements(ctx, site, entry, err);
  const binding = lines.some((l) => usesIdentifier(parseless(l), err)) ? ` (${err})` : "";
  const handler = lines.map((l) => `${base}${unit}${l}`).join(nl);
  const newText = `try {${nl}${base}${unit}${reindented}${nl}${base}} catch${binding} {${nl}${handler}${nl}${base}}`;
  const edit: Edit = { start, end, newText };
  return { title: "Wrap in try/catch", safe: false, preferred: true, edits: [edit] };
}
