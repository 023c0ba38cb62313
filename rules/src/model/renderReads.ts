import * as ts from "typescript";
import type { Component } from "./components.js";
import { calleeName, dottedName, isFunctionLike } from "./functions.js";

const RENDER_HOOKS = new Set(["useMemo", "useEffect", "useLayoutEffect"]);

/**
 * Names and dotted paths (`suspend.isPending`) a component reads while rendering: in JSX, in
 * derived values and effects — not inside its event handlers. One walk over the component.
 */
export function renderReadsOf(comp: Component): Set<string> {
  const reads = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && isRead(node) && isRenderUse(node, comp.node)) {
      reads.add(node.text);
      // Whole chains: suspend.isPending, form.formState.isSubmitting
      let cur: ts.Node = node;
      while (cur.parent && ts.isPropertyAccessExpression(cur.parent) && cur.parent.expression === cur) {
        cur = cur.parent;
        const d = dottedName(cur as ts.Expression);
        if (d) reads.add(d);
      }
    }
    ts.forEachChild(node, visit);
  };
  if (comp.node.body) visit(comp.node.body);
  return reads;
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

/** Is this read part of what the component renders (not inside an event handler)? */
function isRenderUse(id: ts.Node, component: ts.Node): boolean {
  let sawJsx = false;
  for (let p = id.parent; p && p !== component; p = p.parent) {
    // A hook's dependency list (`useCallback(fn, [saving])`) is bookkeeping, not output.
    if (ts.isArrayLiteralExpression(p) && p.parent && ts.isCallExpression(p.parent) && p.parent.arguments[1] === p && /^use[A-Z]/.test(calleeName(p.parent) ?? "")) return false;
    if (ts.isJsxAttribute(p)) {
      const n = ts.isIdentifier(p.name) ? p.name.text : "";
      if (/^on[A-Z]/.test(n) || n === "action" || n === "formAction") return false;
      sawJsx = true;
    } else if (ts.isJsxExpression(p) || ts.isJsxElement(p) || ts.isJsxSelfClosingElement(p)) sawJsx = true;
    else if (isFunctionLike(p)) {
      if (sawJsx) continue;
      const call = p.parent;
      if (call && ts.isCallExpression(call) && RENDER_HOOKS.has(calleeName(call) ?? "")) continue;
      if (insideJsx(p, component)) continue;
      return false;
    }
  }
  return true;
}

function insideJsx(node: ts.Node, stop: ts.Node): boolean {
  for (let p = node.parent; p && p !== stop; p = p.parent) {
    if (ts.isJsxExpression(p)) return true;
    if (isFunctionLike(p)) return false;
  }
  return false;
}
