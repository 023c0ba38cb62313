import type { Rule } from "../engine/types.js";
import { routesModel } from "../model/routes.js";
import { coverageModel } from "../model/coverage.js";
import { hasRateLimitEvidence, isRateLimitMiddleware } from "../model/middleware.js";
import { isAuthRoute } from "../model/endpoints.js";
import { calleeName } from "../model/functions.js";
import ts = require("typescript");
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { isCallExpression } = ts;

const rule: Rule = {
  meta: {
    id: "missing-rate-limit",
    steps: ["security"],
    severity: "info",
    description: "A login, sign-up, password-reset or one-time-code route with no rate limiter.",
    fixable: false,
  },
  create(ctx) {
    return {
      onEnd() {
        const routes = ctx.model(routesModel);
        const limiters = routes.fileLevel.filter((m) => isRateLimitMiddleware(m, ctx.index));
        for (const h of routes.handlers) {
          // `app.use(limiter)` covers the routes registered after it; a plugin or hook covers the instance.
          if (limiters.some((m) => !(isCallExpression(m.parent) && calleeName(m.parent) === "use" && m.parent.pos > h.node.pos))) continue;
          // Controllers are reported where they are registered (the chain is there), not in the controller module.
          if (h.kind === "controller" || !h.chainKnown || h.method === "GET" || h.method === "HEAD" || h.method === "OPTIONS") continue;
          if (!isAuthRoute(h)) continue;
          if (h.kind === "server-action" && !h.params.args.length) continue;
          if (hasRateLimitEvidence(h, ctx.index)) continue;
          // Fastify per-route limits: { config: { rateLimit: { max: 5 } } }
          if (h.options && /rateLimit|rate_limit/.test(h.options.getText())) continue;
          if (ctx.model(coverageModel).covers(h, "rate-limit")) continue;
          const sf = ctx.sourceFile;
          const start = h.node.getStart(sf);
          const lineEnd = sf.text.indexOf("\n", start);
          const what = h.kind === "server-action" ? `Server action ${h.name ?? ""}`.trim() : `${h.method === "ALL" ? "Route" : h.method}${h.path ? ` ${h.path}` : ""}`;
          ctx.report({
            start,
            end: lineEnd === -1 ? h.node.getEnd() : Math.min(lineEnd, h.node.getEnd()),
            message: `${what} handles credentials but has no rate limiter: attackers can try passwords or codes as fast as the server answers. Add a limiter (express-rate-limit, @fastify/rate-limit, @upstash/ratelimit, rate-limiter-flexible) to this route.`,
          });
        }
      },
    };
  },
};

export default rule;
