import ts = require("typescript");
import type { Edit, Fix, Rule, RuleContext } from "../engine/types.js";
import { addProperties, objectText } from "../fixes/objectLiteral.js";
import { preferredQuote } from "../fixes/indent.js";
import { callRange } from "../report/ranges.js";
import { dottedName } from "../model/functions.js";
import { truthyInProduction } from "../model/environment.js";
import { isTestFile } from "../model/fileRole.js";
import { assignedThrough, declarationOf, objectShape, propertyName, resolveValue, stringValue, unwrap, type ObjectShape } from "../model/values.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isArrayLiteralExpression, isAwaitExpression, isCallExpression, isIdentifier, isNewExpression, isNumericLiteral, isObjectLiteralExpression, isPrefixUnaryExpression, isPropertyAccessExpression, isPropertyAssignment, isStringLiteralLike, isTemplateExpression } = ts;

type Flag = "httpOnly" | "secure" | "sameSite";
const FLAGS: Flag[] = ["httpOnly", "secure", "sameSite"];
const CONSEQUENCE: Record<Flag, string> = {
  httpOnly: "scripts on the page can read it",
  secure: "it travels over plain HTTP",
  sameSite: "other sites can send it along with forged requests",
};
const HEADER_ATTR: Record<Flag, string> = { httpOnly: "HttpOnly", secure: "Secure", sameSite: "SameSite=Lax" };

/** Session middleware whose options describe the cookie; `nested`: the flags sit under `cookie: {…}`. */
const SESSION_MODULES: Record<string, { nested: boolean }> = {
  "express-session": { nested: true },
  "cookie-session": { nested: false },
  "koa-session": { nested: false },
  "@fastify/session": { nested: true },
  "@fastify/secure-session": { nested: true },
  "fastify-session": { nested: true },
};
const SERIALIZE_MODULES = new Set(["cookie", "cookie-es"]);
const HONO_COOKIE = /^hono(\/cookie)?$/;
/** Browser-side cookie libraries cannot set HttpOnly at all: not this rule's business. */
const CLIENT_COOKIE_MODULES = new Set(["js-cookie", "universal-cookie", "react-cookie", "typescript-cookie", "cookies-next", "nookies"]);
/** Double-submit CSRF cookies exist to be read by the page's scripts. */
const READABLE_BY_DESIGN = /csrf|xsrf/i;
/** A cookie name that says it carries a session or credential: httpOnly: false there is a hole, not a choice. */
const SESSION_NAME = /sess|sid|token|auth|jwt|login|remember|refresh|access|credential/i;
/** Receivers that hold the incoming request's cookies, not the response's. */
const REQUEST_RECEIVER = /^(req|request)$/i;
/** Browser automation (tests, scrapers) sets cookies in a browser it drives. */
const AUTOMATION_RECEIVER = /^(cy|page|browser|context|driver|agent)$/;

interface Site {
  /** The call that sets the cookie (reported). */
  node: ts.CallExpression;
  name?: string;
  /** The cookie's value, when the call passes one. */
  value?: ts.Expression;
  /** Options expression, when passed. */
  options?: ts.Expression;
  /** Where a missing options argument goes. */
  appendAfter?: ts.Node;
  /** Session middleware module, when the cookie is described by session options. */
  session?: string;
  nested?: boolean;
}

function listText(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const rule: Rule = {
  meta: {
    id: "insecure-cookie",
    steps: ["auth"],
    severity: "warning",
    description: "A cookie set without httpOnly, secure (or production-conditional secure) and sameSite.",
    fixable: true,
  },
  create(ctx) {
    if (isTestFile(ctx.relPath)) return {};
    return { onEnd: () => check(ctx) };
  },
};

function check(ctx: RuleContext): void {
  const { index } = ctx;
  for (const call of index.calls) {
    const site = cookieSite(ctx, call);
    if (site) checkSite(ctx, site);
    else checkHeaderCall(ctx, call);
  }
  for (const prop of index.propertyAssignments) {
    const name = propertyName(prop.name);
    if (name === undefined || name.length !== 10 || name.toLowerCase() !== "set-cookie") continue;
    checkHeaderValue(ctx, prop, prop.initializer);
  }
}

function importedFrom(ctx: RuleContext, expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  return isIdentifier(e) ? ctx.index.importOf(e.text)?.module : undefined;
}

/** `cookies()`, `await cookies()`, a variable holding it, or `response.cookies`. */
function isCookieStore(ctx: RuleContext, expr: ts.Expression, depth = 0): boolean {
  let e = unwrap(expr);
  if (isAwaitExpression(e)) e = unwrap(e.expression);
  if (isCallExpression(e) && isIdentifier(e.expression) && e.expression.text === "cookies" && e.arguments.length === 0) {
    const mod = ctx.index.importOf("cookies")?.module;
    return mod === undefined || mod === "next/headers";
  }
  if (isPropertyAccessExpression(e) && e.name.text === "cookies") {
    const receiver = unwrap(e.expression);
    const last = isPropertyAccessExpression(receiver) ? receiver.name.text : isIdentifier(receiver) ? receiver.text : "";
    return !REQUEST_RECEIVER.test(last);
  }
  if (isIdentifier(e) && depth < 3) {
    const d = declarationOf(ctx, e);
    return !!d?.initializer && isCookieStore(ctx, d.initializer, depth + 1);
  }
  return false;
}

const COOKIE_METHODS = new Set(["register", "serialize", "cookie", "setCookie", "set"]);

function cookieSite(ctx: RuleContext, call: ts.CallExpression): Site | undefined {
  const callee = call.expression;
  const args = call.arguments;
  const last = args[args.length - 1];
  if (isIdentifier(callee)) {
    const binding = ctx.index.importOf(callee.text);
    if (!binding) return undefined;
    const session = SESSION_MODULES[binding.module];
    if (session && (binding.imported === "default" || binding.imported === "*") && args.length >= 1) {
      return { node: call, options: args[0], session: binding.module, nested: session.nested };
    }
    if (HONO_COOKIE.test(binding.module) && (binding.imported === "setCookie" || binding.imported === "setSignedCookie")) {
      const at = binding.imported === "setCookie" ? 3 : 4;
      if (args.length < at) return undefined;
      return { node: call, name: stringValue(ctx, args[1]), value: args[2], options: args[at], appendAfter: last };
    }
    if (SERIALIZE_MODULES.has(binding.module) && binding.imported === "serialize" && args.length >= 2) {
      return { node: call, name: stringValue(ctx, args[0]), value: args[1], options: args[2], appendAfter: last };
    }
    return undefined;
  }
  if (!isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  // Every method below sets a cookie; any other call is decided here, before resolving its receiver.
  if (!COOKIE_METHODS.has(method)) return undefined;
  const receiver = unwrap(callee.expression);
  const receiverModule = importedFrom(ctx, receiver);
  if (receiverModule && CLIENT_COOKIE_MODULES.has(receiverModule)) return undefined;
  const receiverName = isIdentifier(receiver) ? receiver.text : isPropertyAccessExpression(receiver) ? receiver.name.text : "";

  if (method === "register" && args.length >= 2) {
    const plugin = importedFrom(ctx, args[0]);
    const session = plugin ? SESSION_MODULES[plugin] : undefined;
    if (session) return { node: call, options: args[1], session: plugin, nested: session.nested };
    return undefined;
  }
  if (method === "serialize" && receiverModule && SERIALIZE_MODULES.has(receiverModule) && args.length >= 2) {
    return { node: call, name: stringValue(ctx, args[0]), value: args[1], options: args[2], appendAfter: last };
  }
  if ((method === "cookie" || method === "setCookie") && args.length >= 2 && args.length <= 3) {
    if (AUTOMATION_RECEIVER.test(receiverName) || receiverName === "document") return undefined;
    if (isObjectLiteralExpression(unwrap(args[0])) || receiverModule) return undefined;
    return { node: call, name: stringValue(ctx, args[0]), value: args[1], options: args[2], appendAfter: last };
  }
  if (method === "set" && isCookieStore(ctx, receiver)) {
    if (args.length === 1) {
      // Next.js object form: cookies().set({ name, value, httpOnly, … })
      const shape = objectShape(ctx, args[0]);
      if (!shape) return undefined;
      const n = shape.props.get("name");
      return { node: call, name: n && stringValue(ctx, n), value: shape.props.get("value"), options: args[0] };
    }
    if (args.length >= 2 && args.length <= 3) return { node: call, name: stringValue(ctx, args[0]), value: args[1], options: args[2], appendAfter: last };
  }
  return undefined;
}

/** Values a logout writes over a session cookie: nothing worth protecting. */
const CLEARED_VALUE = /^(|none|deleted|logout|loggedout|logged-out|expired|null)$/i;

/** A cookie being deleted: an empty or placeholder value, `maxAge: 0`, `expires: new Date(0)` / `new Date()`. */
function isClearing(ctx: RuleContext, value: ts.Expression | undefined, shape: ObjectShape | undefined): boolean {
  if (value) {
    const v = unwrap(value);
    if (v.kind === SyntaxKind.NullKeyword || (isIdentifier(v) && v.text === "undefined")) return true;
    const text = stringValue(ctx, v);
    if (text !== undefined && CLEARED_VALUE.test(text)) return true;
  }
  if (!shape) return false;
  const maxAge = shape.props.get("maxAge") ?? shape.props.get("max-age");
  if (maxAge && isNumericLiteral(unwrap(maxAge)) && Number((unwrap(maxAge) as ts.NumericLiteral).text) <= 0) return true;
  if (maxAge && isPrefixUnaryExpression(unwrap(maxAge))) return true;
  const expires = shape.props.get("expires");
  if (expires) {
    const e = unwrap(expires);
    if (isNewExpression(e) && isIdentifier(e.expression) && e.expression.text === "Date") {
      const arg = e.arguments?.[0];
      if (!arg) return true; // expires: new Date() — already past by the time the browser sees it
      if (isNumericLiteral(arg) && Number(arg.text) <= 1) return true;
      if (isCallExpression(arg) && arg.arguments.length === 0 && arg.expression.getText() === "Date.now") return true;
    }
  }
  return false;
}

/** `false`, `null` or `undefined`: the flag is written down but off (koa-session defaults sameSite to null). */
function isFalse(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  const v = unwrap(e);
  return v.kind === SyntaxKind.FalseKeyword || v.kind === SyntaxKind.NullKeyword || (isIdentifier(v) && v.text === "undefined");
}

/** Which flags the options leave out (or turn off). A flag that may come from an unknown spread is given the benefit of the doubt. */
function missingFlags(ctx: RuleContext, shape: ObjectShape, name: string | undefined, assignedLater: ReadonlySet<string>): Flag[] {
  const missing: Flag[] = [];
  const absent = (flag: Flag) => shape.complete && !assignedLater.has(flag);
  const httpOnly = shape.props.get("httpOnly");
  if (!(name && READABLE_BY_DESIGN.test(name))) {
    if (httpOnly === undefined ? absent("httpOnly") : isFalse(httpOnly) && (!name || SESSION_NAME.test(name))) missing.push("httpOnly");
  }
  const secure = shape.props.get("secure");
  if (secure === undefined ? absent("secure") : truthyInProduction(ctx, secure) === false && !assignedLater.has("secure")) missing.push("secure");
  const sameSite = shape.props.get("sameSite");
  if (sameSite === undefined ? absent("sameSite") : isFalse(sameSite)) missing.push("sameSite");
  return missing;
}

/** `sess.cookie.secure = true` after `const sess = {…}`: flags set by assignment through the options variable. */
function assignedFlags(ctx: RuleContext, options: ts.Expression | undefined): ReadonlySet<string> {
  const e = options && unwrap(options);
  return e && isIdentifier(e) ? assignedThrough(ctx, e.text) : new Set();
}

function flagText(flag: Flag, quote: string): string {
  if (flag === "httpOnly") return "httpOnly: true";
  if (flag === "secure") return `secure: process.env.NODE_ENV === ${quote}production${quote}`;
  return `sameSite: ${quote}lax${quote}`;
}

function checkSite(ctx: RuleContext, site: Site): void {
  const sf = ctx.sourceFile;
  const quote = preferredQuote(sf.text);
  let shape: ObjectShape | undefined;
  let outer: ObjectShape | undefined;
  if (site.options) {
    outer = objectShape(ctx, site.options);
    if (!outer) return; // options built elsewhere: cannot tell
    shape = outer;
    if (site.nested) {
      const cookie = outer.props.get("cookie");
      if (cookie) {
        shape = objectShape(ctx, cookie);
        if (!shape) return;
      } else if (!outer.complete) return;
      else shape = undefined;
    }
    if (site.session && !site.name) {
      const n = outer.props.get(site.session === "koa-session" ? "key" : site.session.includes("fastify") ? "cookieName" : "name");
      site.name = n && stringValue(ctx, n);
    }
  }
  if (isClearing(ctx, site.value, shape)) return;
  let missing: Flag[];
  if (shape) {
    missing = missingFlags(ctx, shape, site.name, assignedFlags(ctx, site.options));
  } else {
    const later = assignedFlags(ctx, site.options);
    missing = FLAGS.filter((f) => !later.has(f));
  }
  if (missing.length === 0) return;

  // The fix: add what is absent, turn on what is turned off.
  const edits: Edit[] = [];
  let replaced = false;
  const additions: string[] = [];
  for (const flag of missing) {
    const node = shape?.nodes.get(flag);
    if (node && isPropertyAssignment(node)) {
      edits.push({ start: node.initializer.getStart(sf), end: node.initializer.getEnd(), newText: flagText(flag, quote).slice(flag.length + 2) });
      replaced = true;
    } else additions.push(flagText(flag, quote));
  }
  if (additions.length > 0) {
    if (shape) edits.push(addProperties(sf, shape.literal, additions));
    else if (outer) edits.push(addProperties(sf, outer.literal, [`cookie: ${objectText(additions)}`]));
    else if (site.appendAfter) edits.push({ start: site.appendAfter.getEnd(), end: site.appendAfter.getEnd(), newText: `, ${objectText(additions)}` });
  }
  const fixes: Fix[] = edits.length > 0
    ? [{ title: `Add ${listText(missing)} to the cookie`, safe: !replaced, preferred: true, edits }]
    : [];
  const subject = site.session
    ? `The session cookie${site.name ? ` '${site.name}'` : ""} (${site.session})`
    : site.name ? `Cookie '${site.name}'` : "This cookie";
  ctx.report({
    ...callRange(sf, site.node),
    message: `${subject} is set without ${listText(missing)}: ${listText(missing.map((f) => CONSEQUENCE[f]))}. Add ${listText(missing.map((f) => flagText(f, '"')))}.`,
    fixes,
  });
}

const HEADER_METHODS = new Set(["setHeader", "header", "set", "append", "appendHeader"]);

/** `res.setHeader("Set-Cookie", "sid=…")`, `headers.append("set-cookie", …)`, `c.header("Set-Cookie", …)`. */
function checkHeaderCall(ctx: RuleContext, call: ts.CallExpression): void {
  const callee = call.expression;
  if (!isPropertyAccessExpression(callee) || call.arguments.length < 2) return;
  if (!HEADER_METHODS.has(callee.name.text)) return;
  const first = call.arguments[0];
  if (!isStringLiteralLike(first) || first.text.toLowerCase() !== "set-cookie") return;
  const receiver = dottedName(callee.expression) ?? "";
  if (REQUEST_RECEIVER.test(receiver.split(".").pop() ?? "")) return;
  checkHeaderValue(ctx, call, call.arguments[1]);
}

function checkHeaderValue(ctx: RuleContext, node: ts.Node, value: ts.Expression): void {
  const v = resolveValue(ctx, value);
  const values = isArrayLiteralExpression(v) ? v.elements : [v];
  for (const el of values) {
    const literal = resolveValue(ctx, el);
    if (!isStringLiteralLike(literal) && !isTemplateExpression(literal)) continue;
    // The whole source text, so `${isProd ? "; Secure" : ""}` counts as setting Secure.
    const text = literal.getText(ctx.sourceFile);
    if (/max-age=0\b|expires=thu, 01 jan 1970/i.test(text)) continue;
    const missing: Flag[] = [];
    if (!/httponly/i.test(text)) missing.push("httpOnly");
    if (!/;\s*secure\b|\bsecure\b["'`]/i.test(text) && !/\$\{[^}]*secure/i.test(text)) missing.push("secure");
    if (!/samesite/i.test(text)) missing.push("sameSite");
    if (missing.length === 0) continue;
    const nameMatch = isStringLiteralLike(literal) ? /^\s*([^=;\s]+)=/.exec(literal.text) : isTemplateExpression(literal) ? /^\s*([^=;\s]+)=/.exec(literal.head.text) : null;
    const added = missing.map((f) => `; ${HEADER_ATTR[f]}`).join("");
    const at = literal.getEnd() - 1;
    ctx.report({
      node,
      message: `${nameMatch ? `Cookie '${nameMatch[1]}'` : "This cookie"} is set without ${listText(missing.map((f) => HEADER_ATTR[f].replace("=Lax", "")))}: ${listText(missing.map((f) => CONSEQUENCE[f]))}. Add ${added.slice(2)} to the Set-Cookie header.`,
      fixes: [{ title: `Add ${listText(missing.map((f) => HEADER_ATTR[f]))} to the Set-Cookie header`, safe: false, preferred: true, edits: [{ start: at, end: at, newText: added }] }],
    });
  }
}

export default rule;
