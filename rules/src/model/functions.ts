import ts = require("typescript");

/** Wrappers that keep a component a component: `memo(fn)`, `React.forwardRef(fn)`. */
const COMPONENT_WRAPPERS = new Set(["memo", "forwardRef", "observer"]);

/** The name a function is known by: its own, the variable or property it is assigned to, through memo/forwardRef. */
export function functionName(fn: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name.text;
  if ((ts.isMethodDeclaration(fn) || ts.isGetAccessor(fn) || ts.isSetAccessor(fn)) && !ts.isComputedPropertyName(fn.name)) {
    return (fn.name as ts.Identifier).text;
  }
  let node: ts.Node = fn;
  let parent = node.parent;
  // Look through parentheses, type assertions and component wrappers.
  while (parent) {
    if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) {
      node = parent;
      parent = parent.parent;
      continue;
    }
    if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) && COMPONENT_WRAPPERS.has(calleeName(parent) ?? "")) {
      node = parent;
      parent = parent.parent;
      continue;
    }
    break;
  }
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && !ts.isComputedPropertyName(parent.name)) return (parent.name as ts.Identifier).text;
  if (ts.isPropertyDeclaration(parent) && !ts.isComputedPropertyName(parent.name)) return (parent.name as ts.Identifier).text;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const left = parent.left;
    if (ts.isIdentifier(left)) return left.text;
    if (ts.isPropertyAccessExpression(left)) return left.name.text;
  }
  return undefined;
}

/** Last name segment of a callee: `a.b.c()` → "c", `f()` → "f". */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** `a.b.c` → "a.b.c"; undefined for anything but identifiers, `this` and property accesses. */
export function dottedName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return "this";
  if (ts.isPropertyAccessExpression(expr)) {
    const left = dottedName(expr.expression);
    return left === undefined ? undefined : `${left}.${expr.name.text}`;
  }
  if (ts.isNonNullExpression(expr) || ts.isParenthesizedExpression(expr)) return dottedName(expr.expression);
  return undefined;
}

const FUNCTION_KINDS = new Uint8Array(ts.SyntaxKind.Count);
for (const k of [
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
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
  const target = ts.isVariableDeclaration(node) ? node.parent?.parent : node;
  if (!target || !ts.canHaveModifiers(target)) return false;
  return !!ts.getModifiers(target)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

export function isAsync(fn: ts.FunctionLikeDeclaration): boolean {
  return !!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}
