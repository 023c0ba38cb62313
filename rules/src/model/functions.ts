import ts = require("typescript");
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, canHaveModifiers, getModifiers, isAsExpression, isBinaryExpression, isCallExpression, isComputedPropertyName, isFunctionDeclaration, isFunctionExpression, isGetAccessor, isIdentifier, isMethodDeclaration, isNonNullExpression, isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isPropertyDeclaration, isSatisfiesExpression, isSetAccessor, isVariableDeclaration } = ts;

/** Wrappers that keep a component a component: `memo(fn)`, `React.forwardRef(fn)`. */
const COMPONENT_WRAPPERS = new Set(["memo", "forwardRef", "observer"]);

/** The name a function is known by: its own, the variable or property it is assigned to, through memo/forwardRef. */
export function functionName(fn: ts.Node): string | undefined {
  if ((isFunctionDeclaration(fn) || isFunctionExpression(fn)) && fn.name) return fn.name.text;
  if ((isMethodDeclaration(fn) || isGetAccessor(fn) || isSetAccessor(fn)) && !isComputedPropertyName(fn.name)) {
    return (fn.name as ts.Identifier).text;
  }
  let node: ts.Node = fn;
  let parent = node.parent;
  // Look through parentheses, type assertions and component wrappers.
  while (parent) {
    if (isParenthesizedExpression(parent) || isAsExpression(parent) || isSatisfiesExpression(parent)) {
      node = parent;
      parent = parent.parent;
      continue;
    }
    if (isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) && COMPONENT_WRAPPERS.has(calleeName(parent) ?? "")) {
      node = parent;
      parent = parent.parent;
      continue;
    }
    break;
  }
  if (!parent) return undefined;
  if (isVariableDeclaration(parent) && isIdentifier(parent.name)) return parent.name.text;
  if (isPropertyAssignment(parent) && !isComputedPropertyName(parent.name)) return (parent.name as ts.Identifier).text;
  if (isPropertyDeclaration(parent) && !isComputedPropertyName(parent.name)) return (parent.name as ts.Identifier).text;
  if (isBinaryExpression(parent) && parent.operatorToken.kind === SyntaxKind.EqualsToken) {
    const left = parent.left;
    if (isIdentifier(left)) return left.text;
    if (isPropertyAccessExpression(left)) return left.name.text;
  }
  return undefined;
}

/** Last name segment of a callee: `a.b.c()` → "c", `f()` → "f". */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = call.expression;
  if (isIdentifier(e)) return e.text;
  if (isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** `a.b.c` → "a.b.c"; undefined for anything but identifiers, `this` and property accesses. */
export function dottedName(expr: ts.Expression): string | undefined {
  if (isIdentifier(expr)) return expr.text;
  if (expr.kind === SyntaxKind.ThisKeyword) return "this";
  if (isPropertyAccessExpression(expr)) {
    const left = dottedName(expr.expression);
    return left === undefined ? undefined : `${left}.${expr.name.text}`;
  }
  if (isNonNullExpression(expr) || isParenthesizedExpression(expr)) return dottedName(expr.expression);
  return undefined;
}

const FUNCTION_KINDS = new Uint8Array(SyntaxKind.Count);
for (const k of [
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ArrowFunction,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
])
  FUNCTION_KINDS[k] = 1;

export function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  // One table read: this runs on most nodes of several walks.
  return FUNCTION_KINDS[node.kind] === 1;
}

/** Nearest enclosing function of a node (not the node itself). */
export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) if (isFunctionLike(p)) return p;
  return undefined;
}

export function isExported(node: ts.Node): boolean {
  const target = isVariableDeclaration(node) ? node.parent?.parent : node;
  if (!target || !canHaveModifiers(target)) return false;
  return !!getModifiers(target)?.some((m) => m.kind === SyntaxKind.ExportKeyword);
}

export function isAsync(fn: ts.FunctionLikeDeclaration): boolean {
  return !!getModifiers(fn)?.some((m) => m.kind === SyntaxKind.AsyncKeyword);
}
