import ts = require("typescript");
import type { Rule } from "../engine/types.js";
import { routesModel } from "../model/routes.js";
import { requestFlow } from "../model/requestFlow.js";
import { validateBodyFix } from "../fixes/validation.js";

const short = (s: string) => (s.length > 48 ? s.slice(0, 45) + "…" : s).replace(/\s+/g, " ");

const rule: Rule = {
  meta: {
    id: "unvalidated-input",
    steps: ["validation"],
    severity: "warning",
    description: "A route handler or server action uses request data before validating it.",
    fixable: true,
  },
  create(ctx) {
    return {
      onEnd() {
        const routes = ctx.model(routesModel);
        for (const h of routes.handlers) {
          if (!h.handler) continue;
          const flow = requestFlow(h, ctx.index);
          const use = flow.firstUnvalidated;
          if (!use) continue;
          const what = short(use.expr.getText(ctx.sourceFile));
          const where =
            use.how === "passed to a call" && use.callee ? `passed to ${short(use.callee)}()` : use.how;
          const fix = use.taint.container ? undefined : validateBodyFix(ctx, h, flow, use.taint.root);
          ctx.report({
            node: use.expr,
            message: `Request input \`${what}\` is ${where} without validation. Validate it first (a zod/valibot schema with safeParse, or explicit type/format checks) and answer 400 when it does not fit.`,
            fixes: fix ? [fix] : [],
          });
        }
      },
    };
  },
};

export default rule;
