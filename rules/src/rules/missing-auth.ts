import type { Rule } from "../engine/types.js";
import { routesModel, type RouteHandler } from "../model/routes.js";
import { coverageModel } from "../model/coverage.js";
import { hasAuthEvidence } from "../model/middleware.js";
import { isPublicEndpoint, writesData } from "../model/endpoints.js";
import { calleeName } from "../model/functions.js";
import ts = require("typescript");
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { isAwaitExpression, isBlock, isCallExpression, isExpressionStatement, isIdentifier, isParenthesizedExpression, isPropertyAccessExpression, isReturnStatement } = ts;

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function label(h: RouteHandler): string {
  if (h.kind === "server-action") return `Server action ${h.name ?? ""}`.trim();
  return `${h.method === "ALL" ? "Handler" : h.method}${h.path ? ` ${h.path}` : ""}`;
}

/** The handler's body only hands its request parameter to an imported function and returns the result. */
function delegatesRequest(fn: ts.FunctionLikeDeclaration, index: { importOf(local: string): unknown }): boolean {
  const param = fn.parameters[0];
  if (!param || !isIdentifier(param.name)) return false;
  const reqName = param.name.text;
  const body = fn.body;
  let expr: ts.Expression | undefined;
  if (body && isBlock(body)) {
    if (body.statements.length !== 1) return false;
    const only = body.statements[0];
    if (isReturnStatement(only)) expr = only.expression;
    else if (isExpressionStatement(only)) expr = only.expression;
  } else if (body) expr = body;
  while (expr && (isAwaitExpression(expr) || isParenthesizedExpression(expr))) expr = expr.expression;
  if (!expr || !isCallExpression(expr)) return false;
  const callee = expr.expression;
  const root = isIdentifier(callee) ? callee : isPropertyAccessExpression(callee) && isIdentifier(callee.expression) ? callee.expression : undefined;
  if (!root || !index.importOf(root.text)) return false;
  return expr.arguments.some((a) => isIdentifier(a) && a.text === reqName);
}

const rule: Rule = {
  meta: {
    id: "missing-auth",
    steps: ["auth", "security"],
    severity: "warning",
    description: "A route handler or server action that changes data without any sign of authentication.",
    fixable: false,
  },
  create(ctx) {
    return {
      onEnd() {
        const routes = ctx.model(routesModel);
        for (const h of routes.handlers) {
          // Controllers are registered in another file: their chain (where auth usually lives) is unknown here.
          // No function body here: an imported controller (reported in its own module) or a library-made
          // handler (`export const POST = createRouteHandler({ router })`) whose checks we cannot see.
          if (!h.chainKnown || !h.handler) continue;
          // `export async function POST(req) { return handleWebhook(req); }`: the whole request goes to
          // an imported function, so the checks (a signature, a session) live where we cannot see.
          if (delegatesRequest(h.handler, ctx.index)) continue;
          const mutating =
            h.kind === "server-action" || h.method === "ALL"
              ? !!h.handler && writesData(h.handler, ctx.index)
              : MUTATING.has(h.method);
          if (!mutating || isPublicEndpoint(h)) continue;
          // `x.use(auth)` guards only the routes registered after it (Fastify hooks apply to the whole instance).
          const before = (m: ts.Expression) => !(isCallExpression(m.parent) && calleeName(m.parent) === "use" && m.parent.pos > h.node.pos);
          if (routes.fileLevel.some((m) => before(m) && hasAuthEvidence({ chain: [m], wrappers: [], params: {} }, ctx.index))) continue;
          if (hasAuthEvidence(h, ctx.index)) continue;
          if (ctx.model(coverageModel).covers(h, "auth")) continue;
          const sf = ctx.sourceFile;
          const start = h.node.getStart(sf);
          const lineEnd = sf.text.indexOf("\n", start);
          ctx.report({
            start,
            end: lineEnd === -1 ? h.node.getEnd() : Math.min(lineEnd, h.node.getEnd()),
            message: `${label(h)} changes data but shows no sign of authentication (no auth middleware, wrapper or session check). Check the caller first — e.g. an auth middleware in the chain or \`const user = await getSession(); if (!user) return 401\` — or mark it public deliberately.`,
          });
        }
      },
    };
  },
};

export default rule;
