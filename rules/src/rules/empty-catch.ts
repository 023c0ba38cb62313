import ts = require("typescript");
import type { Fix, Rule, RuleContext } from "../engine/types.js";
import { eol, indentAt, indentUnit, preferredQuote } from "../fixes/indent.js";
import { errorLogCall } from "../fixes/logging.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { isArrowFunction, isBlock, isFunctionExpression, isIdentifier, isPropertyAccessExpression } = ts;

/** A block holding no statements and no comment: a comment is a decision someone wrote down. */
function isSilentBlock(block: ts.Block, sf: ts.SourceFile): boolean {
  if (block.statements.length > 0) return false;
  const inner = sf.text.slice(block.getStart(sf) + 1, block.getEnd() - 1);
  return !inner.includes("//") && !inner.includes("/*");
}

function logFix(ctx: RuleContext, block: ts.Block, errorName: string, insertBinding?: { at: number; text: string }): Fix {
  const sf = ctx.sourceFile;
  const nl = eol(sf.text);
  const base = indentAt(sf.text, block.getStart(sf));
  const stmt = errorLogCall(ctx.index, "Unexpected error", errorName, preferredQuote(sf.text));
  const edits = [
    { start: block.getStart(sf), end: block.getEnd(), newText: `{${nl}${base}${indentUnit(sf)}${stmt};${nl}${base}}` },
  ];
  if (insertBinding) edits.unshift({ start: insertBinding.at, end: insertBinding.at, newText: insertBinding.text });
  return { title: "Log the error", safe: true, preferred: true, edits };
}

const rule: Rule = {
  meta: {
    id: "empty-catch",
    steps: ["errors"],
    severity: "warning",
    description: "A catch block or .catch() callback that silently swallows the error.",
    fixable: true,
  },
  create(ctx) {
    const sf = ctx.sourceFile;
    // From the index after the walk: no per-node hook, so most files need no event replay at all.
    const onCatch = (node: ts.CatchClause) => {
      if (!isSilentBlock(node.block, sf)) return;
      const decl = node.variableDeclaration;
      let fix: Fix | undefined;
      if (!decl) {
        // `catch {` → `catch (error) {`
        fix = logFix(ctx, node.block, "error", { at: node.block.getStart(sf), text: "(error) " });
      } else if (isIdentifier(decl.name)) {
        fix = logFix(ctx, node.block, decl.name.text);
      }
      ctx.report({
        start: node.getStart(sf),
        end: node.block.getEnd(),
        message: "Empty catch block: the error disappears without a trace. Log it or handle it (or add a comment saying why it is safe to ignore).",
        fixes: fix ? [fix] : [],
      });
    };
    const onCall = (node: ts.CallExpression) => {
      const callee = node.expression;
      if (!isPropertyAccessExpression(callee)) return;
      const name = callee.name.text;
      const handler = name === "catch" ? node.arguments[0] : name === "then" ? node.arguments[1] : undefined;
      if (!handler || !(isArrowFunction(handler) || isFunctionExpression(handler))) return;
      if (!isBlock(handler.body) || !isSilentBlock(handler.body, sf)) return;
      const param = handler.parameters[0];
      let fix: Fix | undefined;
      if (!param) {
        // `() => {}` → `(error) => {…}`; a bare `function () {}` gets its parameter the same way.
        const open = sf.text.indexOf("(", handler.getStart(sf));
        if (open !== -1 && open < handler.body.getStart(sf)) fix = logFix(ctx, handler.body, "error", { at: open + 1, text: "error" });
      } else if (isIdentifier(param.name)) {
        fix = logFix(ctx, handler.body, param.name.text);
      }
      ctx.report({
        start: callee.name.getStart(sf),
        end: node.getEnd(),
        message: `Empty .${name}() handler: the rejection is swallowed without a trace. Log it or handle it.`,
        fixes: fix ? [fix] : [],
      });
    };
    return {
      onEnd() {
        for (const c of ctx.index.catchClauses) onCatch(c);
        for (const c of ctx.index.calls) onCall(c);
      },
    };
  },
};

export default rule;
