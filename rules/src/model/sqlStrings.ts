import ts = require("typescript");
import type { FileIndex } from "../engine/fileIndex.js";
import { calleeName, dottedName, enclosingFunction } from "./functions.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isArrayBindingPattern, isArrayLiteralExpression, isArrowFunction, isAsExpression, isAwaitExpression, isBinaryExpression, isBlock, isCallExpression, isConditionalExpression, isElementAccessExpression, isFunctionExpression, isIdentifier, isNoSubstitutionTemplateLiteral, isNonNullExpression, isNumericLiteral, isObjectBindingPattern, isOmittedExpression, isParenthesizedExpression, isPrefixUnaryExpression, isPropertyAccessExpression, isSatisfiesExpression, isStringLiteral, isTemplateExpression, isTypeAssertionExpression } = ts;

/**
 * How a SQL string handed to a raw query API was built: its constant text (to tell SQL from other
 * strings) and the parts that are not constant. Follows local variables (`const q = \`…${x}\``,
 * `q += …`), concatenation, untagged templates and conditionals; numbers, allow-listed values and
 * module constants count as constant.
 */
export interface SqlBuild {
  text: string;
  dynamic: ts.Expression[];
  /** The string was assembled here (template with substitutions or `+`), not just passed through. */
  built: boolean;
}

const NUMERIC_CALLS = /^(Number|parseInt|parseFloat|Math\.\w+|BigInt|toFixed|escape|escapeLiteral|escapeIdentifier|escapeId|format|identifier|quoteIdent|quoteLiteral|ref|raw|placeholders?)$/;

function strip(e: ts.Expression): ts.Expression {
  while (isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e) || isSatisfiesExpression(e) || isTypeAssertionExpression(e) || isAwaitExpression(e)) e = e.expression;
  return e;
}

export class SqlStrings {
  private declsByName: Map<string, ts.VariableDeclaration[]> | undefined;
  constructor(private readonly index: FileIndex) {}

  private decls(name: string): ts.VariableDeclaration[] {
    if (!this.declsByName) {
      this.declsByName = new Map();
      for (const d of this.index.variableDeclarations) {
        if (!isIdentifier(d.name)) continue;
        const list = this.declsByName.get(d.name.text) ?? [];
        list.push(d);
        this.declsByName.set(d.name.text, list);
      }
    }
    return this.declsByName.get(name) ?? [];
  }

  /** The declaration an identifier refers to: the nearest one before it, in its function or at module level. */
  private declOf(id: ts.Identifier): ts.VariableDeclaration | undefined {
    const fn = enclosingFunction(id);
    let best: ts.VariableDeclaration | undefined;
    for (const d of this.decls(id.text)) {
      if (d.pos > id.pos) continue;
      const dfn = enclosingFunction(d);
      if (dfn && dfn !== fn && !(fn && d.pos >= dfn.pos && fn.pos >= dfn.pos && fn.end <= dfn.end)) continue;
      if (!best || d.pos > best.pos) best = d;
    }
    return best;
  }

  /** Is the identifier a parameter of an enclosing function? */
  private isParam(id: ts.Identifier): boolean {
    for (let fn = enclosingFunction(id); fn; fn = enclosingFunction(fn)) {
      if (fn.parameters.some((p) => bindsName(p.name, id.text))) return true;
    }
    return false;
  }

  /** Checked against an allow-list in the same function: `if (!ALLOWED.includes(sort)) …`. */
  private allowListed(id: ts.Identifier): boolean {
    const fn = enclosingFunction(id);
    if (!fn) return false;
    for (const c of this.index.calls) {
      if (c.pos < fn.pos || c.end > id.pos) continue;
      const n = calleeName(c);
      if ((n === "includes" || n === "has") && c.arguments.some((a) => isIdentifier(strip(a)) && (strip(a) as ts.Identifier).text === id.text)) return true;
    }
    return false;
  }

  isConstant(expr: ts.Expression, depth = 0): boolean {
    const e = strip(expr);
    if (depth > 6) return false;
    if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e) || isNumericLiteral(e) || e.kind === SyntaxKind.TrueKeyword || e.kind === SyntaxKind.FalseKeyword || e.kind === SyntaxKind.NullKeyword) return true;
    if (isTemplateExpression(e)) return e.templateSpans.every((s) => this.isConstant(s.expression, depth + 1));
    if (isConditionalExpression(e)) return this.isConstant(e.whenTrue, depth + 1) && this.isConstant(e.whenFalse, depth + 1);
    if (isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === SyntaxKind.PlusToken || op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.BarBarToken) return this.isConstant(e.left, depth + 1) && this.isConstant(e.right, depth + 1);
      // arithmetic yields numbers, comparisons booleans: neither can carry SQL
      return op !== SyntaxKind.EqualsToken;
    }
    if (isPrefixUnaryExpression(e)) return true;
    if (isIdentifier(e)) {
      if (e.text === "undefined") return true;
      if (this.index.importOf(e.text)) return true;
      const d = this.declOf(e);
      if (d) {
        if (!d.initializer) return false;
        if (isObjectBindingPattern(d.name) || isArrayBindingPattern(d.name)) return false;
        return this.isConstant(d.initializer, depth + 1) && !this.hasDynamicAppends(e.text, d, depth);
      }
      if (this.allowListed(e)) return true;
      if (this.isParam(e)) return /^(i|idx|index|n|count|offset|limit|page|pageSize|position)$/.test(e.text);
      return /^[A-Z][A-Z0-9_]*$/.test(e.text);
    }
    if (isPropertyAccessExpression(e)) {
      if (/^(length|size)$/.test(e.name.text)) return true;
      // process.env.DB_SCHEMA: set by whoever deploys the app, not by the caller
      if (/^(process\.env|import\.meta\.env)\.\w+$/.test(e.getText())) return true;
      const root = dottedName(e)?.split(".")[0] ?? "";
      // Order.ASC, COLUMNS.name, Prisma.sql fragments
      return /^[A-Z]/.test(root) && !/^(Request|Response)$/.test(root);
    }
    if (isElementAccessExpression(e)) {
      // SORT_COLUMNS[sort]: a lookup in a constant map is an allow-list
      const root = dottedName(e.expression) ?? "";
      return /^[A-Z][A-Z0-9_]*$/.test(root.split(".").pop() ?? "");
    }
    if (isCallExpression(e)) {
      const name = calleeName(e) ?? "";
      const d = dottedName(e.expression) ?? name;
      if (NUMERIC_CALLS.test(name) || NUMERIC_CALLS.test(d)) return true;
      if (name === "join" || name === "repeat" || name === "fill") {
        const recv = isPropertyAccessExpression(e.expression) ? strip(e.expression.expression) : undefined;
        return !!recv && this.isConstantList(recv, depth + 1);
      }
      if (name === "toISOString" || name === "toUpperCase" || name === "toLowerCase" || name === "trim") {
        return isPropertyAccessExpression(e.expression) && (name === "toISOString" || this.isConstant(e.expression.expression, depth + 1));
      }
      return false;
    }
    return false;
  }

  /** `ids.map(() => "?")`, `cols.map((_, i) => \`$${i + 1}\`)`, `Array(n).fill("?")`, `["a", "b"]`, a list only ever pushed constant strings. */
  private isConstantList(e: ts.Expression, depth: number): boolean {
    if (isArrayLiteralExpression(e)) return e.elements.every((x) => this.isConstant(x, depth + 1));
    if (isCallExpression(e)) {
      const name = calleeName(e);
      if (name === "map" || name === "flatMap") {
        const cb = e.arguments[0] && strip(e.arguments[0]);
        if (cb && (isArrowFunction(cb) || isFunctionExpression(cb))) {
          const ret = isBlock(cb.body) ? cb.body.statements.find(ts.isReturnStatement)?.expression : cb.body;
          return !!ret && this.isConstant(ret, depth + 1);
        }
        return false;
      }
      if (name === "fill") return !!e.arguments[0] && this.isConstant(e.arguments[0], depth + 1);
      if (name === "keys") return false;
      return false;
    }
    if (isIdentifier(e)) {
      const d = this.declOf(e);
      if (!d?.initializer) return false;
      if (!this.isConstantList(strip(d.initializer), depth + 1)) return false;
      for (const c of this.index.calls) {
        if (calleeName(c) !== "push" || !isPropertyAccessExpression(c.expression) || c.expression.expression.getText() !== e.text) continue;
        if (!c.arguments.every((a) => this.isConstant(a, depth + 1))) return false;
      }
      return true;
    }
    return false;
  }

  private hasDynamicAppends(name: string, d: ts.VariableDeclaration, depth: number): boolean {
    const fn = enclosingFunction(d);
    for (const b of this.index.binaryExpressions) {
      if (b.operatorToken.kind !== SyntaxKind.PlusEqualsToken && b.operatorToken.kind !== SyntaxKind.EqualsToken) continue;
      if (!isIdentifier(b.left) || b.left.text !== name || b.pos < d.pos) continue;
      if (fn && (b.pos < fn.pos || b.end > fn.end)) continue;
      if (!this.isConstant(b.right, depth + 1)) return true;
    }
    return false;
  }

  /** What the string expression is made of. */
  build(expr: ts.Expression, depth = 0): SqlBuild {
    const e = strip(expr);
    const out: SqlBuild = { text: "", dynamic: [], built: false };
    if (depth > 6) return out;
    if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e)) {
      out.text = e.text;
      return out;
    }
    if (isTemplateExpression(e)) {
      out.built = true;
      out.text = e.head.text;
      for (const s of e.templateSpans) {
        if (!this.isConstant(s.expression)) {
          // A local string built elsewhere contributes its own dynamic parts; anything else is dynamic itself.
          const inner = this.build(s.expression, depth + 1);
          if (inner.built || inner.text) {
            out.text += inner.text;
            out.dynamic.push(...inner.dynamic);
          } else out.dynamic.push(s.expression);
        }
        out.text += " " + s.literal.text;
      }
      return out;
    }
    if (isBinaryExpression(e) && e.operatorToken.kind === SyntaxKind.PlusToken) {
      out.built = true;
      for (const side of [e.left, e.right]) {
        if (this.isConstant(side)) {
          out.text += " " + this.build(side, depth + 1).text;
          continue;
        }
        const inner = this.build(side, depth + 1);
        out.text += " " + inner.text;
        if (inner.built || inner.dynamic.length) out.dynamic.push(...inner.dynamic);
        else out.dynamic.push(side);
      }
      return out;
    }
    if (isConditionalExpression(e)) {
      const a = this.build(e.whenTrue, depth + 1);
      const b = this.build(e.whenFalse, depth + 1);
      return { text: `${a.text} ${b.text}`, dynamic: [...a.dynamic, ...b.dynamic], built: a.built || b.built };
    }
    if (isIdentifier(e)) {
      const d = this.declOf(e);
      if (!d?.initializer || !isIdentifier(d.name)) return out;
      const base = this.build(d.initializer, depth + 1);
      // q += " AND x = " + y
      const fn = enclosingFunction(d);
      for (const b of this.index.binaryExpressions) {
        if (b.operatorToken.kind !== SyntaxKind.PlusEqualsToken || !isIdentifier(b.left) || b.left.text !== e.text) continue;
        if (b.pos < d.pos || b.pos > e.pos || (fn && (b.pos < fn.pos || b.end > fn.end))) continue;
        base.built = true;
        if (this.isConstant(b.right)) base.text += " " + this.build(b.right, depth + 1).text;
        else {
          const inner = this.build(b.right, depth + 1);
          base.text += " " + inner.text;
          base.dynamic.push(...(inner.dynamic.length ? inner.dynamic : [b.right]));
        }
      }
      return base;
    }
    return out;
  }
}

function bindsName(n: ts.BindingName, name: string): boolean {
  if (isIdentifier(n)) return n.text === name;
  return n.elements.some((el) => !isOmittedExpression(el) && bindsName(el.name, name));
}
