import ts = require("typescript");
import type { ModelContext } from "../engine/types.js";
import { isExported } from "./functions.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | "ALL";
export type Framework = "express" | "fastify" | "koa" | "hono" | "next-app" | "next-pages" | "unknown";

export interface RouteHandler {
  framework: Framework;
  method: HttpMethod;
  path?: string;
  /** The registration call (`app.post(...)`) or the exported declaration. */
  node: ts.Node;
  /** The handler function when it is written inline or declared in this file. */
  handler?: ts.FunctionLikeDeclaration;
}

export interface RoutesModel {
  handlers: RouteHandler[];
}

const METHODS = new Set(["get", "post", "put", "patch", "delete", "head", "options", "all"]);
const NEXT_EXPORTS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/**
 * Route handlers registered or exported by a file. This first version recognises
 * `x.get("/path", …handler)`-style registrations (Express, Fastify shorthand, Koa router, Hono)
 * and Next.js `route.ts` method exports; the route-handler issue deepens it.
 */
export function routesModel(ctx: ModelContext): RoutesModel {
  const handlers: RouteHandler[] = [];
  for (const call of ctx.index.calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) continue;
    const method = callee.name.text.toLowerCase();
    if (!METHODS.has(method) || callee.name.text !== method) continue;
    const [first] = call.arguments;
    if (!first || !(ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) continue;
    if (!first.text.startsWith("/") && first.text !== "*") continue;
    if (call.arguments.length < 2) continue;
    const last = call.arguments[call.arguments.length - 1];
    handlers.push({
      framework: "unknown",
      method: method.toUpperCase() as HttpMethod,
      path: first.text,
      node: call,
      handler: ts.isFunctionExpression(last) || ts.isArrowFunction(last) ? last : undefined,
    });
  }
  if (/(^|[\\/])route\.(ts|js|mjs|tsx|jsx)$/.test(ctx.fileName)) {
    for (const stmt of ctx.sourceFile.statements) {
      if (ts.isFunctionDeclaration(stmt) && stmt.name && NEXT_EXPORTS.has(stmt.name.text) && isExported(stmt)) {
        handlers.push({ framework: "next-app", method: stmt.name.text as HttpMethod, node: stmt, handler: stmt });
      } else if (ts.isVariableStatement(stmt) && isExported(stmt.declarationList.declarations[0] ?? stmt)) {
        for (const d of stmt.declarationList.declarations) {
          if (!ts.isIdentifier(d.name) || !NEXT_EXPORTS.has(d.name.text)) continue;
          const init = d.initializer;
          handlers.push({
            framework: "next-app",
            method: d.name.text as HttpMethod,
            node: d,
            handler: init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined,
          });
        }
      }
    }
  }
  handlers.sort((a, b) => a.node.pos - b.node.pos);
  return { handlers };
}
