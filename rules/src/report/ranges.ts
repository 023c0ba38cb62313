import ts = require("typescript");

/**
 * The range to underline for a finding about a call: the whole call when it fits on one line,
 * otherwise only its callee (`res.cookie`, `jwt.sign`) so that a multi-line call is not one big
 * squiggle. The start is the call's start either way.
 */
export function callRange(sf: ts.SourceFile, call: ts.CallExpression | ts.NewExpression): { start: number; end: number } {
  const start = call.getStart(sf);
  const end = call.getEnd();
  const text = sf.text;
  if (!text.slice(start, end).includes("\n")) return { start, end };
  return { start, end: call.expression.getEnd() };
}
