import ts = require("typescript");
import type { Component } from "./components.js";
import { calleeName, isFunctionLike } from "./functions.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, forEachChild, isArrayLiteralExpression, isBindingElement, isCallExpression, isFunctionDeclaration, isIdentifier, isJsxAttribute, isJsxClosingElement, isJsxElement, isJsxExpression, isJsxFragment, isJsxOpeningElement, isJsxSelfClosingElement, isParameter, isPropertyAccessExpression, isPropertyAssignment, isVariableDeclaration } = ts;

/** Hooks whose callbacks run as part of rendering (their reads feed what is shown). */
const RENDER_HOOKS = new Set(["useMemo", "useEffect", "useLayoutEffect"]);

/**
 * Names and dotted paths (`suspend.isPending`) a component reads while rendering: in JSX, in
 * derived values and render-time hooks — not inside its event handlers or other callbacks, and not
 * in hook dependency lists. One top-down walk that skips handler subtrees entirely.
 */
export function renderReadsOf(comp: Component): Set<string> {
  const body = comp.node.body;
  if (!body) return new Set();
  // An incremental reparse keeps the nodes of untouched code: a component nobody edited keeps its reads.
  const known = cache.get(body);
  if (known) return known;
  const reads = new Set<string>();
  // `counts`: a read here is a render read. `inJsx`: inside JSX, where callbacks (map) render too.
  // Kept in two variables around one callback, not a closure per node: this walks whole components.
  let counts = true;
  let inJsx = false;
  const children = (node: ts.Node, c: boolean, j: boolean) => {
    const sc = counts;
    const sj = inJsx;
    counts = c;
    inJsx = j;
    forEachChild(node, visit);
    counts = sc;
    inJsx = sj;
  };
  const visit = (node: ts.Node): void => {
    if (node.kind === SyntaxKind.Identifier) {
      if (counts && isRead(node as ts.Identifier)) addChain(node as ts.Identifier, reads);
      return;
    }
    if (isJsxAttribute(node)) {
      const n = isIdentifier(node.name) ? node.name.text : "";
      if ((n.length > 2 && n.startsWith("on") && n.charCodeAt(2) >= 65 && n.charCodeAt(2) <= 90) || n === "action" || n === "formAction") return;
      children(node, true, true);
      return;
    }
    if (isJsxExpression(node) || isJsxElement(node) || isJsxSelfClosingElement(node) || isJsxFragment(node)) {
      children(node, true, true);
      return;
    }
    const parent = node.parent;
    // A hook's dependency list (`useCallback(fn, [saving])`) is bookkeeping, not output.
    if (isArrayLiteralExpression(node) && parent && isCallExpression(parent) && parent.arguments[1] === node && /^use[A-Z]/.test(calleeName(parent) ?? "")) return;
    if (isFunctionLike(node)) {
      if (inJsx) children(node, counts, true);
      else if (parent && isCallExpression(parent) && RENDER_HOOKS.has(calleeName(parent) ?? "")) children(node, true, false);
      // A handler or helper: only JSX it returns is rendered.
      else children(node, false, false);
      return;
    }
    forEachChild(node, visit);
  };
  visit(body);
  cache.set(body, reads);
  return reads;
}

const cache = new WeakMap<ts.Node, Set<string>>();

/** Record `a` and, for `a.b.c`, "a.b" and "a.b.c" (suspend.isPending, form.formState.isSubmitting). */
function addChain(id: ts.Identifier, reads: Set<string>): void {
  let dotted = id.text;
  reads.add(dotted);
  let cur: ts.Node = id;
  // Each level extends the previous name: no re-walk of the chain per level.
  while (cur.parent && isPropertyAccessExpression(cur.parent) && cur.parent.expression === cur) {
    cur = cur.parent;
    dotted = `${dotted}.${(cur as ts.PropertyAccessExpression).name.text}`;
    reads.add(dotted);
  }
}

/** An identifier that reads a value (not a declaration name, property name or JSX attribute name). */
function isRead(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (isPropertyAccessExpression(p) && p.name === id) return false;
  if ((isVariableDeclaration(p) || isBindingElement(p) || isParameter(p) || isFunctionDeclaration(p)) && p.name === id) return false;
  if (isBindingElement(p) && p.propertyName === id) return false;
  if (isPropertyAssignment(p) && p.name === id) return false;
  if (isJsxAttribute(p) || isJsxOpeningElement(p) || isJsxSelfClosingElement(p) || isJsxClosingElement(p)) return false;
  if (isCallExpression(p) && p.expression === id) return false;
  return true;
}
