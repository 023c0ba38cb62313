import type { Rule } from "../engine/types.js";
import { componentsModel } from "../model/components.js";
import { routesModel } from "../model/routes.js";
import { countLines, visibleLines } from "../engine/lineCount.js";
import { knownLineStarts } from "../engine/parse.js";

const rule: Rule = {
  meta: {
    id: "oversized-file",
    steps: ["structure"],
    severity: "info",
    description: "A source file that is too long or defines too many React components or route handlers.",
    fixable: false,
  },
  create(ctx) {
    return {
      onEnd() {
        const sf = ctx.sourceFile;
        const { maxFileLines, maxUnitsPerFile } = ctx.config.limits;
        // From the line starts when the tree has them (an edited document's carries them over),
        // else counted without them unless over the limit (see countLines).
        const known = knownLineStarts(sf);
        let lines = known ? visibleLines(sf.text, known) : countLines(sf.text, maxFileLines, () => sf.getLineStarts());
        if (lines > maxFileLines) lines = visibleLines(sf.text, sf.getLineStarts());
        // Each component is a function with JSX in it: with no more functions than the limit, the
        // count cannot exceed it and the model need not be built for this rule.
        const components = ctx.index.functions.length <= maxUnitsPerFile || ctx.index.jsxElements.length === 0 ? 0 : ctx.model(componentsModel).components.length;
        // Server actions are entry points but not route handlers; the limit counts routes and controllers.
        const handlers = ctx.model(routesModel).handlers.filter((h) => h.kind !== "server-action").length;
        const reasons: string[] = [];
        if (lines > maxFileLines) reasons.push(`${lines} lines (limit ${maxFileLines})`);
        if (components > maxUnitsPerFile) reasons.push(`${components} React components (limit ${maxUnitsPerFile})`);
        if (handlers > maxUnitsPerFile) reasons.push(`${handlers} route handlers (limit ${maxUnitsPerFile})`);
        if (reasons.length === 0) return;
        const starts = sf.getLineStarts();
        const firstLineEnd = starts.length > 1 ? starts[1] - 1 : sf.text.length;
        ctx.report({
          start: 0,
          end: Math.max(0, firstLineEnd),
          message: `This file has ${reasons.join(" and ")}. Split it by concern into smaller files so it stays reviewable.`,
        });
      },
    };
  },
};

export default rule;
