import ts = require("typescript");
import type { ModelContext } from "../engine/types.js";
import { dottedName } from "./functions.js";
import { declarationOf, stringValue, unwrap } from "./values.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isBinaryExpression, isBlock, isCallExpression, isConditionalExpression, isElementAccessExpression, isFunctionLike, isIdentifier, isIfStatement, isNumericLiteral, isObjectLiteralExpression, isPrefixUnaryExpression, isPropertyAccessExpression, isPropertyAssignment, isReturnStatement, isSourceFile, isStringLiteral, isStringLiteralLike, isThrowStatement } = ts;

type WithModel = { model<T>(factory: (ctx: ModelContext) => T): T };

/** Names under which code reads the deployment environment. */
const ENV_NAMES = /^(NODE_ENV|APP_ENV|ENV|ENVIRONMENT|VERCEL_ENV|MODE|env|environment|mode|nodeEnv|appEnv)$/;
const PRODUCTION = /^prod(uction)?$/i;
/** Flags whose name says "we are in production" / "we are not". */
const PROD_FLAG = /^(is_?)?prod(uction)?(_?(env|mode))?$/i;
const DEV_FLAG = /^(is_?)?(dev|development|local|debug|test)(_?(env|mode))?$/i;

/**
 * Does the expression hold a truthy value in production? true / false when the code says so
 * (`true`, `process.env.NODE_ENV === "production"`, `!isProd`, `import.meta.env.DEV`), undefined
 * when it depends on something else (an env flag of its own, a config value): callers treat that
 * as the author's decision.
 */
export function truthyInProduction(ctx: WithModel, expr: ts.Expression, depth = 0): boolean | undefined {
  expr = unwrap(expr);
  if (depth > 6) return undefined;
  switch (expr.kind) {
    case SyntaxKind.TrueKeyword:
      return true;
    case SyntaxKind.FalseKeyword:
    case SyntaxKind.NullKeyword:
      return false;
  }
  if (isNumericLiteral(expr)) return Number(expr.text) !== 0;
  if (isPrefixUnaryExpression(expr) && expr.operator === SyntaxKind.ExclamationToken) {
    const inner = truthyInProduction(ctx, expr.operand, depth + 1);
    return inner === undefined ? undefined : !inner;
  }
  if (isConditionalExpression(expr)) {
    const cond = truthyInProduction(ctx, expr.condition, depth + 1);
    if (cond === undefined) return undefined;
    return truthyInProduction(ctx, cond ? expr.whenTrue : expr.whenFalse, depth + 1);
  }
  if (isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) {
      const l = truthyInProduction(ctx, expr.left, depth + 1);
      const r = truthyInProduction(ctx, expr.right, depth + 1);
      if (op === SyntaxKind.AmpersandAmpersandToken) return l === false || r === false ? false : l && r ? true : undefined;
      return l === true || r === true ? true : l === false && r === false ? false : undefined;
    }
    const eq = op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken;
    const ne = op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken;
    if (!eq && !ne) return undefined;
    const [envSide, valueSide] = isEnvRead(ctx, expr.left) ? [expr.left, expr.right] : isEnvRead(ctx, expr.right) ? [expr.right, expr.left] : [];
    if (!envSide || !valueSide) return undefined;
    const value = stringValue(ctx, valueSide);
    if (value === undefined) return undefined;
    const isProd = PRODUCTION.test(value);
    return eq ? isProd : !isProd;
  }
  if (isIdentifier(expr)) {
    const d = declarationOf(ctx, expr);
    if (d?.initializer) return truthyInProduction(ctx, d.initializer, depth + 1);
    return flagByName(expr.text);
  }
  if (isPropertyAccessExpression(expr)) {
    const name = dottedName(expr);
    if (name === "import.meta.env.PROD") return true;
    if (name === "import.meta.env.DEV") return false;
    return flagByName(expr.name.text);
  }
  return undefined;
}

function flagByName(name: string): boolean | undefined {
  if (PROD_FLAG.test(name)) return true;
  if (DEV_FLAG.test(name)) return false;
  return undefined;
}

/** `process.env.NODE_ENV`, `import.meta.env.MODE`, `config.env`, `app.get("env")`, or a constant holding one. */
function isEnvRead(ctx: WithModel, expr: ts.Expression): boolean {
  expr = unwrap(expr);
  if (isPropertyAccessExpression(expr)) return ENV_NAMES.test(expr.name.text);
  if (isElementAccessExpression(expr) && isStringLiteralLike(expr.argumentExpression)) return ENV_NAMES.test(expr.argumentExpression.text);
  if (isCallExpression(expr) && isPropertyAccessExpression(expr.expression) && expr.expression.name.text === "get") {
    const arg = expr.arguments[0];
    return !!arg && isStringLiteralLike(arg) && arg.text === "env";
  }
  if (isIdentifier(expr)) {
    if (ENV_NAMES.test(expr.text)) return true;
    const d = declarationOf(ctx, expr);
    return !!d?.initializer && isEnvRead(ctx, d.initializer);
  }
  return false;
}

/**
 * Is the node reached only outside production? Inside `if (<not production>) {…}`, the matching
 * branch of a conditional, the right of `<not production> && …`, or after an early
 * `if (<production>) return;` in an enclosing block.
 */
export function onlyOutsideProduction(ctx: WithModel, node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let p = node.parent; p && !isSourceFile(p); child = p, p = p.parent) {
    if (isIfStatement(p) && child !== p.expression) {
      const cond = truthyInProduction(ctx, p.expression);
      if (cond === false && child === p.thenStatement) return true;
      if (cond === true && child === p.elseStatement) return true;
    } else if (isConditionalExpression(p) && child !== p.condition) {
      const cond = truthyInProduction(ctx, p.condition);
      if (cond === false && child === p.whenTrue) return true;
      if (cond === true && child === p.whenFalse) return true;
    } else if (isBinaryExpression(p) && p.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken && child === p.right) {
      if (truthyInProduction(ctx, p.left) === false) return true;
    } else if (isPropertyAssignment(p) && isObjectLiteralExpression(p.initializer) && child === p.initializer) {
      // Per-environment config objects: `{ development: { synchronize: true }, production: {…} }`.
      const key = p.name && (isIdentifier(p.name) || isStringLiteral(p.name)) ? p.name.text : "";
      if (/^(dev|development|local|test|testing|e2e)$/i.test(key)) return true;
    } else if (isBlock(p)) {
      for (const s of p.statements) {
        if (s === child) break;
        if (isIfStatement(s) && !s.elseStatement && exits(s.thenStatement) && truthyInProduction(ctx, s.expression) === true) return true;
      }
    }
    if (isFunctionLike(p)) break;
  }
  return false;
}

function exits(s: ts.Statement): boolean {
  if (isReturnStatement(s) || isThrowStatement(s)) return true;
  return isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]);
}
