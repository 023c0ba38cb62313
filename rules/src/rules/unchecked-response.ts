import ts = require("typescript");
import type { Fix, Rule, RuleContext } from "../engine/types.js";
import { networkModel, skipOuter } from "../model/network.js";
import { enclosingFunction, functionName } from "../model/functions.js";
import { statementOf } from "../fixes/handleRejection.js";
import { eol, indentAt } from "../fixes/indent.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, forEachChild, isArrayBindingPattern, isArrayLiteralExpression, isArrowFunction, isAsExpression, isAwaitExpression, isBinaryExpression, isBlock, isCallExpression, isConditionalExpression, isFunctionExpression, isIdentifier, isIfStatement, isNonNullExpression, isObjectBindingPattern, isOmittedExpression, isParameter, isParenthesizedExpression, isPrefixUnaryExpression, isPropertyAccessExpression, isReturnStatement, isShorthandPropertyAssignment, isVariableDeclaration } = ts;

const BODY_READS = new Set(["json", "text", "blob", "arrayBuffer", "formData", "bytes"]);
const CHECKS = new Set(["ok", "status"]);
/** Helpers that look at the status before anything reads the body. */
const CHECKER_NAME = /^(check|ensure|assert|handle|validate|verify|throwIf|throwOn|raise|expect|guard|require)|Response$|(Ok|Status|Error)$/;

type Outcome = { kind: "checked" | "escaped" } | { kind: "read"; read: ts.CallExpression } | undefined;

/** The first thing that happens to the response variable, in source order. */
function firstUse(scope: ts.Node, name: string, after: number): Outcome {
  let result: Outcome;
  const visit = (n: ts.Node): void => {
    if (result) return;
    if (isIdentifier(n) && n.text === name && n.pos >= after) {
      result = classify(n);
      if (result) return;
    }
    forEachChild(n, visit);
  };
  visit(scope);
  return result;
}

function classify(id: ts.Identifier): Outcome {
  let n: ts.Node = id;
  while (n.parent && (isParenthesizedExpression(n.parent) || isNonNullExpression(n.parent) || isAsExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (!p) return undefined;
  if (isPropertyAccessExpression(p) && p.expression === n) {
    if (p.name === id) return undefined;
    const m = p.name.text;
    if (CHECKS.has(m)) return { kind: "checked" };
    if (BODY_READS.has(m) && p.parent && isCallExpression(p.parent) && p.parent.expression === p) return { kind: "read", read: p.parent };
    if (m === "clone" || m === "body" || m === "headers" || m === "url" || m === "statusText" || m === "redirected" || m === "type") return undefined;
    return { kind: "escaped" };
  }
  if (isPropertyAccessExpression(p) && p.name === n) return undefined;
  // `res ? … : …`, `if (!res)`, `res && …`: a null test (after `.catch(() => null)`), not a status check
  if ((isConditionalExpression(p) && p.condition === n) || (isIfStatement(p) && p.expression === n)) return undefined;
  if (isPrefixUnaryExpression(p) && p.operator === SyntaxKind.ExclamationToken) return undefined;
  if (isBinaryExpression(p) && p.left === n && [SyntaxKind.AmpersandAmpersandToken, SyntaxKind.BarBarToken, SyntaxKind.QuestionQuestionToken].includes(p.operatorToken.kind)) return undefined;
  if (isCallExpression(p) && p.arguments.includes(n as ts.Expression)) {
    const callee = skipOuter(p.expression);
    const name = isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) ? callee.name.text : "";
    return CHECKER_NAME.test(name) ? { kind: "checked" } : { kind: "escaped" };
  }
  if (isVariableDeclaration(p) && p.initializer === n && isObjectBindingPattern(p.name)) {
    const names = p.name.elements.map((e) => (e.propertyName ?? e.name).getText());
    return names.some((x) => CHECKS.has(x)) ? { kind: "checked" } : { kind: "escaped" };
  }
  if (isShorthandPropertyAssignment(p)) return { kind: "escaped" };
  if (isVariableDeclaration(p) && p.name === n) return undefined;
  if (isParameter(p)) return undefined;
  return { kind: "escaped" };
}

function checkFix(ctx: RuleContext, read: ts.CallExpression, res: string): Fix | undefined {
  const sf = ctx.sourceFile;
  const guard = `if (!${res}.ok) throw new Error(\`Request failed with \${${res}.status}\`);`;
  const fn = enclosingFunction(read);
  // `r => r.json()`: give the arrow a body.
  if (fn && isArrowFunction(fn) && !isBlock(fn.body) && fn.body.pos <= read.pos && read.end <= fn.body.end) {
    const bodyText = fn.body.getText(sf);
    return {
      title: "Check the response status",
      safe: true,
      preferred: true,
      edits: [{ start: fn.body.getStart(sf), end: fn.body.getEnd(), newText: `{ ${guard} return ${bodyText}; }` }],
    };
  }
  const st = statementOf(read);
  if (!st) return undefined;
  const start = st.getStart(sf);
  return {
    title: "Check the response status",
    safe: true,
    preferred: true,
    edits: [{ start, end: start, newText: `${guard}${eol(ctx.text)}${indentAt(ctx.text, start)}` }],
  };
}

const rule: Rule = {
  meta: {
    id: "unchecked-response",
    steps: ["errors"],
    severity: "warning",
    description: "A fetch Response whose body is read before res.ok or res.status is checked.",
    fixable: true,
  },
  create(ctx) {
    return {
      onEnd() {
        const net = ctx.model(networkModel);
        if (net.isTestFile) return;
        const sf = ctx.sourceFile;
        const fetches = net.calls.filter((nc) => nc.client === "fetch").map((nc) => nc.call);
        // Thin wrappers that hand back the raw Response: `const apiFetch = (p) => fetch(BASE + p, init)`.
        const wrappers = new Set<string>();
        for (const call of fetches) {
          const fn = returnedFrom(call);
          const name = fn && functionName(fn);
          if (name) wrappers.add(name);
        }
        if (wrappers.size > 0) {
          for (const call of ctx.index.calls) {
            if (isIdentifier(call.expression) && wrappers.has(call.expression.text)) fetches.push(call);
          }
        }
        for (const call of fetches) {
          const nc = { call };
          const found = responseRead(nc.call);
          if (!found) continue;
          const { read, name } = found;
          ctx.report({
            start: nc.call.getStart(sf),
            end: read.getEnd(),
            message: `The response body is read without checking ${name ?? "res"}.ok: a 404 or 500 page will be parsed as data. Check ${name ?? "res"}.ok (or ${name ?? "res"}.status) first.`,
            fixes: name ? [checkFix(ctx, read, name)].filter((f): f is Fix => !!f) : [],
          });
        }
      },
    };
  },
};

/** The function whose result is this call's promise (`return fetch(…)`, `=> fetch(…)`), if any. */
function returnedFrom(call: ts.CallExpression): ts.FunctionLikeDeclaration | undefined {
  let n: ts.Node = call;
  while (n.parent && (isParenthesizedExpression(n.parent) || isAwaitExpression(n.parent) || isAsExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (p && isReturnStatement(p)) return enclosingFunction(p);
  if (p && isArrowFunction(p) && p.body === n) return p;
  return undefined;
}

/** Where the Response of this fetch has its body read before any status check, if it does. */
function responseRead(call: ts.CallExpression): { read: ts.CallExpression; name?: string } | undefined {
  let n: ts.Node = call;
  while (n.parent && (isParenthesizedExpression(n.parent) || isAsExpression(n.parent) || isNonNullExpression(n.parent))) n = n.parent;
  let p = n.parent;
  // const [a, b] = await Promise.all([fetch(…), fetch(…)]): each Response lands in its own name
  if (p && isArrayLiteralExpression(p)) return settledRead(p, p.elements.indexOf(n as ts.Expression));
  // fetch(…).then((res) => …)
  if (p && isPropertyAccessExpression(p) && p.expression === n && p.name.text === "then" && p.parent && isCallExpression(p.parent)) {
    const cb = p.parent.arguments[0];
    if (!cb || !(isArrowFunction(cb) || isFunctionExpression(cb))) return undefined;
    const param = cb.parameters[0];
    if (!param || !isIdentifier(param.name)) return undefined;
    const out = firstUse(cb.body, param.name.text, cb.body.pos);
    return out?.kind === "read" ? { read: out.read, name: param.name.text } : undefined;
  }
  // fetch(…).catch(() => null): the Response (or the fallback) flows on
  while (p && isPropertyAccessExpression(p) && p.expression === n && p.name.text === "catch" && p.parent && isCallExpression(p.parent)) {
    n = p.parent;
    while (n.parent && (isParenthesizedExpression(n.parent) || isAsExpression(n.parent) || isNonNullExpression(n.parent))) n = n.parent;
    p = n.parent;
  }
  if (!p || !isAwaitExpression(p)) return undefined;
  n = p;
  while (n.parent && (isParenthesizedExpression(n.parent) || isAsExpression(n.parent) || isNonNullExpression(n.parent))) n = n.parent;
  p = n.parent;
  // (await fetch(…)).json()
  if (p && isPropertyAccessExpression(p) && p.expression === n && BODY_READS.has(p.name.text) && p.parent && isCallExpression(p.parent)) return { read: p.parent };
  if (p && isVariableDeclaration(p) && p.initializer === n && isIdentifier(p.name)) {
    const scope = enclosingFunction(p)?.body ?? p.getSourceFile();
    const out = firstUse(scope, p.name.text, p.end);
    return out?.kind === "read" ? { read: out.read, name: p.name.text } : undefined;
  }
  return undefined;
}

function settledRead(list: ts.ArrayLiteralExpression, at: number): { read: ts.CallExpression; name?: string } | undefined {
  const all = list.parent;
  if (at < 0 || !isCallExpression(all) || all.arguments[0] !== list) return undefined;
  const callee = skipOuter(all.expression);
  if (!isPropertyAccessExpression(callee) || callee.name.text !== "all" || !isIdentifier(callee.expression) || callee.expression.text !== "Promise") return undefined;
  let n: ts.Node = all;
  while (n.parent && (isParenthesizedExpression(n.parent) || isAwaitExpression(n.parent) || isAsExpression(n.parent))) n = n.parent;
  const decl = n.parent;
  if (!decl || !isVariableDeclaration(decl) || decl.initializer !== n || !isArrayBindingPattern(decl.name) || !isAwaitExpression(skipOuter(decl.initializer))) return undefined;
  const el = decl.name.elements[at];
  if (!el || isOmittedExpression(el) || el.dotDotDotToken || !isIdentifier(el.name)) return undefined;
  const scope = enclosingFunction(decl)?.body ?? decl.getSourceFile();
  const out = firstUse(scope, el.name.text, decl.end);
  return out?.kind === "read" ? { read: out.read, name: el.name.text } : undefined;
}

export default rule;
