import ts = require("typescript");
import type { Component } from "./components.js";
import { calleeName, dottedName, isFunctionLike } from "./functions.js";

/** Hooks whose callbacks run as part of rendering (their reads feed what is shown). */
const RENDER_HOOKS = new Set(["useMemo", "useEffect", "useLayoutEffect"]);

/**
 * Names and dotted paths (`suspend.isPending`) a component reads while rendering: in JSX, in
 * derived values and render-time hooks — not inside its event handlers or other callbacks, and not
 * in hook dependency lists. One top-down walk that skips handler subtrees entirely.
 */
export function renderReadsOf(comp: Component): Set<string> {
  const reads = new Set<string>();
  // `counts`: a read here is a render read. `inJsx`: inside JSX, where callbacks (map) render too.
  const visit = (node: ts.Node, counts: boolean, inJsx: boolean): void => {
    if (ts.isIdentifier(node)) {
      if (counts && isRead(node)) addChain(node, reads);
      return;
    }
    if (ts.isJsxAttribute(node)) {
      const n = ts.isIdentifier(node.name) ? node.name.text : "";
      if (/^on[A-Z]/.test(n) || n === "action" || n === "formAction") return;
      ts.forEachChild(node, (c) => visit(c, true, true));
      return;
    }
    if (ts.isJsxExpression(node) || ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) {
      ts.forEachChild(node, (c) => visit(c, true, true));
      return;
    }
    const parent = node.parent;
    // A hook's dependency list (`useCallback(fn, [saving])`) is bookkeeping, not output.
    if (ts.isArrayLiteralExpression(node) && parent && ts.isCallExpression(parent) && parent.arguments[1] === node && /^use[A-Z]/.test(calleeName(parent) ?? "")) return;
    if (isFunctionLike(node)) {
      if (inJsx) ts.forEachChild(node, (c) => visit(c, counts, true));
      else if (parent && ts.isCallExpression(parent) && RENDER_HOOKS.has(calleeName(parent) ?? "")) ts.forEachChild(node, (c) => visit(c, true, false));
      // A handler or helper: only JSX it returns is rendered.
      else ts.forEachChild(node, (c) => visit(c, false, false));
      return;
    }
    ts.forEachChild(node, (c) => visit(c, counts, inJsx));
  };
  if (comp.node.body) visit(comp.node.body, true, false);
  return reads;
}

/** Record `a` and, for `a.b.c`, "a.b" and "a.b.c" (suspend.isPending, form.formState.isSubmitting). */
function addChain(id: ts.Identifier, reads: Set<string>): void {
  reads.add(id.text);
  let cur: ts.Node = id;
  while (cur.parent && ts.isPropertyAccessExpression(cur.parent) && cur.parent.expression === cur) {
    cur = cur.parent;
    const d = dottedName(cur as ts.Expression);
    if (d) reads.add(d);
  }
}

/** An identifier that reads a value (not a declaration name, property name or JSX attribute name). */
function isRead(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isVariableDeclaration(p) || ts.isBindingElement(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p)) && p.name === id) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if (ts.isPropertyAssignment(p) && p.name === id) return false;
  if (ts.isJsxAttribute(p) || ts.isJsxOpeningElement(p) || ts.isJsxSelfClosingElement(p) || ts.isJsxClosingElement(p)) return false;
  if (ts.isCallExpression(p) && p.expression === id) return false;
  return true;
}
