import ts = require("typescript");
import type { ModelContext } from "../engine/types.js";
import { functionName, isExported } from "./functions.js";
import { unwrap } from "./routes.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { isBlock, isExpressionStatement, isFunctionDeclaration, isIdentifier, isStringLiteral, isVariableStatement } = ts;

export interface ServerAction {
  name?: string;
  /** The declaration to report on: the function, or the exported variable statement. */
  node: ts.Node;
  fn: ts.FunctionLikeDeclaration;
  /** HOFs around it: `export const save = authAction(async (input) => …)`. */
  wrappers: ts.CallExpression[];
}

function hasUseServer(fn: ts.FunctionLikeDeclaration): boolean {
  const body = fn.body;
  if (!body || !isBlock(body)) return false;
  for (const s of body.statements) {
    if (!isExpressionStatement(s) || !isStringLiteral(s.expression)) break;
    if (s.expression.text === "use server") return true;
  }
  return false;
}

/**
 * Server actions of a file: exported functions of a `'use server'` module, and functions that
 * open with their own `'use server'` directive (inline actions in server components).
 */
export function serverActions(ctx: ModelContext): ServerAction[] {
  const out: ServerAction[] = [];
  const seen = new Set<ts.Node>();
  if (ctx.index.directives.has("use server")) {
    for (const stmt of ctx.sourceFile.statements) {
      if (isFunctionDeclaration(stmt) && stmt.body && isExported(stmt)) {
        out.push({ name: stmt.name?.text, node: stmt, fn: stmt, wrappers: [] });
        seen.add(stmt);
      } else if (isVariableStatement(stmt) && stmt.declarationList.declarations[0] && isExported(stmt.declarationList.declarations[0])) {
        for (const d of stmt.declarationList.declarations) {
          if (!d.initializer || !isIdentifier(d.name)) continue;
          const { fn, wrappers } = unwrap(d.initializer);
          if (!fn) continue;
          out.push({ name: d.name.text, node: d, fn, wrappers });
          seen.add(fn);
        }
      }
    }
  }
  for (const fn of ctx.index.functions) {
    if (seen.has(fn) || !hasUseServer(fn)) continue;
    out.push({ name: functionName(fn), node: fn, fn, wrappers: [] });
  }
  return out;
}
