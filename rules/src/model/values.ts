import ts = require("typescript");
import type { ModelContext } from "../engine/types.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isAsExpression, isAwaitExpression, isBlock, isCaseBlock, isComputedPropertyName, isElementAccessExpression, isForInStatement, isForOfStatement, isForStatement, isFunctionLike, isIdentifier, isNoSubstitutionTemplateLiteral, isNonNullExpression, isNumericLiteral, isObjectLiteralExpression, isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isSatisfiesExpression, isShorthandPropertyAssignment, isSourceFile, isSpreadAssignment, isStringLiteral, isStringLiteralLike, isTypeAssertionExpression, isVariableDeclarationList } = ts;

/**
 * What a name stands for within this file: rules that read option objects (`res.cookie(n, v,
 * opts)`, `jwt.sign(p, k, options)`) follow `opts` to the `const opts = {…}` it was declared with.
 * Only same-file declarations with an initializer are followed; anything else is "unknown", and
 * rules treat unknown as "could be fine" to stay quiet.
 */
export interface ValuesModel {
  /** Variable declarations with an initializer, by name, in document order. */
  readonly byName: ReadonlyMap<string, ts.VariableDeclaration[]>;
  /** Property names assigned later through a variable: `opts.cookie.secure = true` → "opts" → {cookie, secure}. */
  readonly assigned: ReadonlyMap<string, ReadonlySet<string>>;
}

export function valuesModel(ctx: ModelContext): ValuesModel {
  const byName = new Map<string, ts.VariableDeclaration[]>();
  for (const d of ctx.index.variableDeclarations) {
    if (!isIdentifier(d.name) || !d.initializer) continue;
    const list = byName.get(d.name.text);
    if (list) list.push(d);
    else byName.set(d.name.text, [d]);
  }
  const assigned = new Map<string, Set<string>>();
  for (const b of ctx.index.binaryExpressions) {
    if (b.operatorToken.kind !== SyntaxKind.EqualsToken) continue;
    let left: ts.Expression = b.left;
    const names: string[] = [];
    while (isPropertyAccessExpression(left) || (isElementAccessExpression(left) && isStringLiteralLike(left.argumentExpression))) {
      names.push(isPropertyAccessExpression(left) ? left.name.text : (left.argumentExpression as ts.StringLiteral).text);
      left = left.expression;
    }
    if (!isIdentifier(left) || names.length === 0) continue;
    const set = assigned.get(left.text) ?? new Set<string>();
    for (const n of names) set.add(n);
    assigned.set(left.text, set);
  }
  return { byName, assigned };
}

/** Property names assigned anywhere in the file through the variable `name` (`name.x.y = …` → x, y). */
export function assignedThrough(ctx: { model<T>(factory: (ctx: ModelContext) => T): T }, name: string): ReadonlySet<string> {
  return ctx.model(valuesModel).assigned.get(name) ?? EMPTY;
}
const EMPTY: ReadonlySet<string> = new Set();

type WithModel = { model<T>(factory: (ctx: ModelContext) => T): T };

/** `(x as T)`, `x!`, `x satisfies T`, `(x)` → x. */
export function unwrap(expr: ts.Expression): ts.Expression {
  for (;;) {
    if (isParenthesizedExpression(expr) || isAsExpression(expr) || isSatisfiesExpression(expr) || isNonNullExpression(expr) || isTypeAssertionExpression(expr)) {
      expr = expr.expression;
    } else return expr;
  }
}

/** The declaration a use of `name` refers to: the last one before it whose scope encloses it. */
export function declarationOf(ctx: WithModel, id: ts.Identifier): ts.VariableDeclaration | undefined {
  const candidates = ctx.model(valuesModel).byName.get(id.text);
  if (!candidates) return undefined;
  let best: ts.VariableDeclaration | undefined;
  for (const d of candidates) {
    if (d.name === id) return undefined;
    const scope = scopeOf(d);
    if (id.pos < scope.pos || id.end > scope.end) continue;
    // A later declaration in an enclosing scope can still be the one meant (hoisted module const used in a function).
    if (!best || scope.pos >= scopeOf(best).pos) best = d;
  }
  return best;
}

function scopeOf(d: ts.VariableDeclaration): ts.Node {
  const list = d.parent;
  const isVar = isVariableDeclarationList(list) && !(list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const));
  for (let p: ts.Node | undefined = list.parent; p; p = p.parent) {
    if (isSourceFile(p)) return p;
    if (isVar ? isFunctionLike(p) : isBlock(p) || isFunctionLike(p) || isForStatement(p) || isForOfStatement(p) || isForInStatement(p) || isCaseBlock(p)) return p;
  }
  return d.getSourceFile();
}

/** Follow identifiers to their same-file initializers (a few hops), looking through wrappers and `await`. */
export function resolveValue(ctx: WithModel, expr: ts.Expression, depth = 0): ts.Expression {
  expr = unwrap(expr);
  if (isAwaitExpression(expr)) expr = unwrap(expr.expression);
  if (depth < 4 && isIdentifier(expr)) {
    const d = declarationOf(ctx, expr);
    if (d?.initializer) return resolveValue(ctx, d.initializer, depth + 1);
  }
  return expr;
}

/** The properties an object expression certainly has, later ones overriding earlier ones (spreads followed). */
export interface ObjectShape {
  /** Property name → value (a shorthand property's value is its identifier). */
  props: Map<string, ts.Expression>;
  /** Property name → the property node, for edits. Only properties of `literal` itself. */
  nodes: Map<string, ts.ObjectLiteralElementLike>;
  /** False when a spread or a computed key could not be followed: a missing property may be there. */
  complete: boolean;
  /** The literal the expression resolved to (edits go there). */
  literal: ts.ObjectLiteralExpression;
}

export function objectShape(ctx: WithModel, expr: ts.Expression, depth = 0): ObjectShape | undefined {
  const literal = resolveValue(ctx, expr);
  if (!isObjectLiteralExpression(literal)) return undefined;
  const shape: ObjectShape = { props: new Map(), nodes: new Map(), complete: true, literal };
  for (const p of literal.properties) {
    if (isSpreadAssignment(p)) {
      const inner = depth < 4 ? objectShape(ctx, p.expression, depth + 1) : undefined;
      if (!inner) {
        shape.complete = false;
        continue;
      }
      if (!inner.complete) shape.complete = false;
      for (const [k, v] of inner.props) shape.props.set(k, v);
      continue;
    }
    const name = propertyName(p.name);
    if (name === undefined) {
      shape.complete = false;
      continue;
    }
    if (isPropertyAssignment(p)) shape.props.set(name, p.initializer);
    else if (isShorthandPropertyAssignment(p)) shape.props.set(name, p.name);
    else shape.props.set(name, p.name as ts.Expression);
    shape.nodes.set(name, p);
  }
  return shape;
}

export function propertyName(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (isIdentifier(name) || isStringLiteral(name) || isNoSubstitutionTemplateLiteral(name) || isNumericLiteral(name)) return name.text;
  if (isComputedPropertyName(name) && isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** A string the expression certainly holds (literal, or a same-file constant), else undefined. */
export function stringValue(ctx: WithModel, expr: ts.Expression): string | undefined {
  const v = resolveValue(ctx, expr);
  return isStringLiteralLike(v) ? v.text : undefined;
}
