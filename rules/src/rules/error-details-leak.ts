import ts = require("typescript");
import type { Edit, Fix, Rule, RuleContext } from "../engine/types.js";
import { calleeName, dottedName, isFunctionLike } from "../model/functions.js";
import { routesModel } from "../model/routes.js";
import { eol, indentAt, preferredQuote } from "../fixes/indent.js";
import { errorLogCall } from "../fixes/logging.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, forEachChild, isAsExpression, isAwaitExpression, isBinaryExpression, isBlock, isCallExpression, isCatchClause, isConditionalExpression, isElementAccessExpression, isIdentifier, isIfStatement, isNewExpression, isNoSubstitutionTemplateLiteral, isNonNullExpression, isParenthesizedExpression, isPrefixUnaryExpression, isPropertyAccessExpression, isPropertyAssignment, isSatisfiesExpression, isShorthandPropertyAssignment, isSourceFile, isStringLiteral, isSwitchStatement, isTemplateExpression, isTemplateSpan, isThrowStatement, isTypeOfExpression } = ts;

const GENERIC_MESSAGE = "Something went wrong. Please try again.";
/** Error properties that carry internals; `code`, `name`, `status`, zod `issues` do not. */
const LEAKY_PROPS = /^(message|stack|cause|detail|sqlMessage|sql|original|parent|errors?Message|response|toString|hint|where|table|constraint)$/;
const RESPONSE_METHODS = new Set(["json", "send", "end", "text", "html", "jsonp", "write", "body"]);
const SERVER_MODULES = /^(express|fastify|koa|@koa\/router|koa-router|hono|next\/server|next|h3|@hapi\/hapi|restify|polka|micro)(\/|$)/;

function strip(e: ts.Expression): ts.Expression {
  while (isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e) || isSatisfiesExpression(e) || isAwaitExpression(e)) e = e.expression;
  return e;
}

function rootIdentifier(e: ts.Expression): string | undefined {
  let x = e;
  for (;;) {
    if (isCallExpression(x) || isPropertyAccessExpression(x) || isParenthesizedExpression(x) || isNonNullExpression(x)) x = x.expression;
    else break;
  }
  return isIdentifier(x) ? x.text : undefined;
}

interface ErrorScope {
  name: string;
  /** The catch clause or error-handling function that binds the error. */
  owner: ts.Node;
  /** Try block of a catch: a `throw new Error("…")` there means the message may be written for users. */
  tryBlock?: ts.Block;
}

/** Error bindings visible at a node: catch variables, `.catch(err => …)` params, error-middleware params. */
function errorScopes(node: ts.Node, errorHandlers: Set<ts.Node>): ErrorScope[] {
  const out: ErrorScope[] = [];
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (isCatchClause(p) && p.variableDeclaration && isIdentifier(p.variableDeclaration.name)) {
      out.push({ name: p.variableDeclaration.name.text, owner: p, tryBlock: (p.parent as ts.TryStatement).tryBlock });
    } else if (isFunctionLike(p)) {
      const first = p.parameters[0];
      const parent = p.parent;
      const isCatchCb = parent && isCallExpression(parent) && calleeName(parent) === "catch" && parent.arguments[0] === p;
      if (first && isIdentifier(first.name) && (errorHandlers.has(p) || isCatchCb)) out.push({ name: first.name.text, owner: p });
    }
  }
  return out;
}

/** The error leaking through an expression, if any: `err`, `err.message`, `String(err)`, `${err}`, `JSON.stringify(err)`. */
function leakIn(expr: ts.Node, names: Map<string, ErrorScope>, derived: Map<string, ts.Expression>): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionLike(n)) return;
    // `...(env === "development" && { stack: err.stack })`: details only outside production
    if (isBinaryExpression(n) && n.operatorToken.kind === SyntaxKind.AmpersandAmpersandToken && /NODE_ENV|isDev|development|debug/i.test(n.left.getText())) return;
    if (isConditionalExpression(n) && /NODE_ENV|isDev|isProd|development|production|debug/i.test(n.condition.getText())) {
      // `isDev ? err.message : "Internal error"`: details only outside production
      return;
    }
    if (isIdentifier(n) && (names.has(n.text) || derived.has(n.text))) {
      // (e as Error).message → look at what is read from the error
      let self: ts.Expression = n;
      while (self.parent && (isParenthesizedExpression(self.parent) || isAsExpression(self.parent) || isNonNullExpression(self.parent))) self = self.parent;
      const parent = self.parent;
      if (isPropertyAccessExpression(parent) && parent.expression === self) {
        if (LEAKY_PROPS.test(parent.name.text)) found = parent;
        return;
      }
      if (isElementAccessExpression(parent) || (isPropertyAssignment(parent) && parent.name === n)) return;
      if (isCallExpression(parent) && /^(String|stringify|inspect|format)$/.test(calleeName(parent) ?? "")) { found = parent; return; }
      if (isBinaryExpression(parent) && parent.operatorToken.kind !== SyntaxKind.PlusToken) return;
      if (isPrefixUnaryExpression(parent) || isTypeOfExpression(parent)) return;
      found = self;
      return;
    }
    forEachChild(n, visit);
  };
  visit(expr);
  return found;
}

/** Is the response inside a branch that inspects the error (`if (err instanceof NotFoundError)`, `err.status < 500`, `err.expose`)? */
function deliberateBranch(node: ts.Node, scope: ErrorScope, names: Map<string, ErrorScope>): boolean {
  for (let p: ts.Node | undefined = node.parent; p && p !== scope.owner; p = p.parent) {
    if ((isIfStatement(p) || isConditionalExpression(p)) && !(isConditionalExpression(p) && p.condition.pos <= node.pos && node.end <= p.condition.end)) {
      const cond = isIfStatement(p) ? p.expression : p.condition;
      const text = cond.getText();
      if ([...names.keys()].some((n) => new RegExp(`\\b${n}\\b`).test(text)) && !/instanceof\s+Error\b/.test(text)) return true;
      if (/NODE_ENV|isDev|isProd|development|production|debug/i.test(text)) return true;
    }
    if (isSwitchStatement(p) && [...names.keys()].some((n) => new RegExp(`\\b${n}\\b`).test(p.expression.getText()))) return true;
  }
  return false;
}

/** `throw new Error("Choose a photo")` in the try block: messages written for users, not internals. */
function throwsFriendlyErrors(tryBlock: ts.Block | undefined): boolean {
  if (!tryBlock) return false;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionLike(n)) return;
    if (isThrowStatement(n) && n.expression && isNewExpression(n.expression)) {
      const a = n.expression.arguments?.[0];
      if (a && (isStringLiteral(a) || isNoSubstitutionTemplateLiteral(a) || isTemplateExpression(a))) found = true;
    }
    forEachChild(n, visit);
  };
  visit(tryBlock);
  return found;
}

function responseArgs(ctx: RuleContext, node: ts.CallExpression | ts.NewExpression, responseNames: Set<string>): readonly ts.Expression[] | undefined {
  if (isNewExpression(node)) {
    // The source text (a scan) only of a plain name: `new Response(…)`, never `new a.B(…)`.
    if (!isIdentifier(node.expression)) return undefined;
    const n = node.expression.getText();
    return n === "Response" || n === "NextResponse" ? node.arguments ?? [] : undefined;
  }
  const name = calleeName(node) ?? "";
  if (!RESPONSE_METHODS.has(name) || !isPropertyAccessExpression(node.expression)) return undefined;
  const d = dottedName(node.expression) ?? "";
  if (d === "NextResponse.json" || d === "Response.json") return node.arguments;
  const root = rootIdentifier(node.expression);
  if (!root) return undefined;
  if (responseNames.has(root) || /^(res|reply|response|resp)$/.test(root)) return node.arguments;
  if (root === "c" && ctx.index.importsFrom((m) => m === "hono" || m.startsWith("hono/"))) return node.arguments;
  return undefined;
}

function fixFor(ctx: RuleContext, report: ts.Node, leak: ts.Expression, scope: ErrorScope, alreadyLogged: boolean): Fix | undefined {
  const sf = ctx.sourceFile;
  const q = preferredQuote(sf.text);
  const edits: Edit[] = [];
  // Replace the leaking value with a generic message; a bare `{ err }` shorthand becomes `err: "…"`.
  const parent = leak.parent;
  const generic = `${q}${GENERIC_MESSAGE}${q}`;
  if (isShorthandPropertyAssignment(parent)) edits.push({ start: parent.getStart(sf), end: parent.getEnd(), newText: `${parent.name.text}: ${generic}` });
  else {
    // widen to the whole template / String(...) / `err.message ?? "x"` around it
    let target: ts.Node = leak;
    while (target.parent && (isTemplateSpan(target.parent) || isTemplateExpression(target.parent) || (isBinaryExpression(target.parent) && target.parent.operatorToken.kind !== SyntaxKind.EqualsToken) || isParenthesizedExpression(target.parent) || isAsExpression(target.parent) || (isCallExpression(target.parent) && /^(String|stringify)$/.test(calleeName(target.parent) ?? "")))) target = target.parent;
    edits.push({ start: target.getStart(sf), end: target.getEnd(), newText: generic });
  }
  if (!alreadyLogged) {
    let stmt: ts.Node = report;
    while (stmt.parent && !isBlock(stmt.parent) && !isSourceFile(stmt.parent)) {
      if (isFunctionLike(stmt.parent)) return undefined;
      stmt = stmt.parent;
    }
    if (!isBlock(stmt.parent)) return undefined;
    const ind = indentAt(sf.text, stmt.getStart(sf));
    edits.unshift({ start: stmt.getStart(sf), end: stmt.getStart(sf), newText: `${errorLogCall(ctx.index, "Request failed", scope.name, q)};${eol(sf.text)}${ind}` });
  }
  return { title: "Log the error and answer a generic message", safe: false, preferred: true, edits };
}

const rule: Rule = {
  meta: {
    id: "error-details-leak",
    steps: ["errors"],
    severity: "warning",
    description: "A server handler sends raw error details (message, stack, the error object) to the client.",
    fixable: true,
  },
  create(ctx) {
    return {
      onEnd() {
        const routes = ctx.model(routesModel);
        const errorHandlers = new Set<ts.Node>(routes.errorHandlers);
        const serverFile = routes.handlers.length > 0 || errorHandlers.size > 0 || ctx.index.importsFrom((m) => SERVER_MODULES.test(m));
        if (!serverFile) return;
        const responseNames = new Set<string>();
        for (const h of routes.handlers) if (h.params.response) responseNames.add(h.params.response);
        for (const fn of errorHandlers) {
          const p = (fn as ts.FunctionLikeDeclaration).parameters;
          const res = p.length === 4 ? p[2] : p[2] ?? p[1];
          if (res && isIdentifier(res.name)) responseNames.add(res.name.text);
        }
        const candidates: (ts.CallExpression | ts.NewExpression | ts.BinaryExpression)[] = [...ctx.index.calls, ...ctx.index.newExpressions];
        // Koa: ctx.body = { message: err.message }
        for (const b of ctx.index.binaryExpressions) {
          // Only `….body = …` can read as one of these; the left side's text is a scan of the source.
          const left = b.left;
          if (b.operatorToken.kind !== SyntaxKind.EqualsToken || !isPropertyAccessExpression(left) || left.name.text !== "body") continue;
          if (/^(ctx|context)\.(body|response\.body)$/.test(left.getText())) candidates.push(b);
        }
        const reported = new Set<ts.Node>();
        for (const node of candidates) {
          const args = isBinaryExpression(node) ? [node.right] : responseArgs(ctx, node, responseNames);
          if (!args || args.length === 0) continue;
          const scopes = errorScopes(node, errorHandlers);
          if (scopes.length === 0) continue;
          const names = new Map(scopes.map((s) => [s.name, s] as const));
          // const message = err instanceof Error ? err.message : String(err)
          const derived = new Map<string, ts.Expression>();
          for (const d of ctx.index.variableDeclarations) {
            if (!isIdentifier(d.name) || !d.initializer || d.pos > node.pos) continue;
            if (!scopes.some((s) => d.pos >= s.owner.pos && d.end <= s.owner.end)) continue;
            const l = leakIn(d.initializer, names, derived);
            if (l && !/^(status|code|statusCode|name)$/i.test(d.name.text)) derived.set(d.name.text, l);
          }
          let leak: ts.Expression | undefined;
          for (const a of args.slice(0, 1)) leak = leakIn(a, names, derived);
          if (!leak) continue;
          const ident = rootIdentifier(leak) ?? (isIdentifier(leak) ? leak.text : undefined);
          const scope: ErrorScope = (ident ? names.get(ident) : undefined) ?? scopes[0];
          if (deliberateBranch(node, scope, names) || throwsFriendlyErrors(scope.tryBlock)) continue;
          const outer = outermost(node);
          if (reported.has(outer)) continue;
          reported.add(outer);
          const logged = ctx.index.calls.some(
            (c) => c.pos >= scope.owner.pos && c.end <= scope.owner.end && c.pos < node.pos && /^(console|logger|log|Sentry|request\.log|req\.log|fastify\.log|app\.log|this\.logger)\b/.test(dottedName(c.expression) ?? "") && c.arguments.some((a) => new RegExp(`\\b${scope.name}\\b`).test(a.getText())),
          ) || ctx.index.calls.some((c) => c.pos >= scope.owner.pos && c.end <= scope.owner.end && /captureException|report|logError|notify/.test(calleeName(c) ?? ""));
          const what = leak.getText(ctx.sourceFile);
          const fix = fixFor(ctx, node, leak, scope, logged);
          ctx.report({
            node: outer,
            message: `The response sends raw error details (\`${what.length > 40 ? what.slice(0, 37) + "…" : what}\`) to the client: they can reveal SQL, stack traces, file paths or internal names. Log the error on the server and answer a generic message.`,
            fixes: fix ? [fix] : [],
          });
        }
      },
    };
  },
};

/** `res.status(500).json(x)`: report the whole chain, once. */
function outermost(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && isPropertyAccessExpression(n.parent) && n.parent.parent && isCallExpression(n.parent.parent)) n = n.parent.parent;
  return n;
}

export default rule;
