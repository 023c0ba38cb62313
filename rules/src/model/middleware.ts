import ts = require("typescript");
import type { FileIndex } from "../engine/fileIndex.js";
import { calleeName, dottedName } from "./functions.js";

/**
 * What a name or an import says about a piece of middleware, a wrapper or a helper call: does it
 * authenticate, validate or rate-limit? Names are split into camelCase / snake words first, so
 * `authorName` or `userName` do not read as auth while `requireAuth`, `withSession`, `isAdmin` do.
 */

export { words } from "./identifierWords.js";
import { words } from "./identifierWords.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isArrayLiteralExpression, isArrowFunction, isAsExpression, isAwaitExpression, isCallExpression, isElementAccessExpression, isFunctionExpression, isIdentifier, isNewExpression, isNonNullExpression, isParenthesizedExpression, isPropertyAccessExpression, isStringLiteral } = ts;

const AUTH_WORDS = new Set([
  "auth", "authed", "authn", "authz", "authenticate", "authenticated", "authentication", "authorize", "authorized",
  "authorization", "session", "sessions", "protect", "protected", "guard", "guarded", "jwt", "clerk", "passport",
  "admin", "admins", "role", "roles", "permission", "permissions", "permit", "signed", "loggedin", "signedin",
  "bearer", "apikey", "staff", "owner", "acl", "rbac", "can", "csrf",
]);
/** Words that only mean auth next to a verb: `requireUser`, `ensureMember`, `getCurrentUser`. */
const SUBJECT_WORDS = new Set(["user", "member", "account", "token", "login", "logged", "signed", "current", "identity", "operator", "principal", "viewer", "me"]);
const CHECK_VERBS = new Set(["require", "ensure", "check", "verify", "assert", "must", "is", "has", "get", "with", "validate", "authenticate", "load", "current", "only", "need", "needs", "restrict", "decode"]);

/** Does a name read as authentication / authorisation? */
export function isAuthName(name: string | undefined): boolean {
  if (!name) return false;
  const w = words(name);
  if (w.length === 0) return false;
  if (w.some((x) => AUTH_WORDS.has(x))) {
    // `authorName`, `authors`: the word is "author", not in the set; `canvas` is one word too.
    return true;
  }
  if (w.some((x) => SUBJECT_WORDS.has(x)) && (CHECK_VERBS.has(w[0]) || w.length === 1)) {
    // `user` alone as middleware is unusual, but `requireUser`, `currentUser`, `getUser` are checks
    return w.length > 1 || w[0] === "token";
  }
  return false;
}

const VALIDATION_WORDS = new Set(["validate", "validator", "validation", "validated", "zod", "schema", "celebrate", "zvalidator", "sanitize", "joi", "yup", "valibot", "typebox", "ajv"]);

export function isValidationName(name: string | undefined): boolean {
  if (!name) return false;
  return words(name).some((x) => VALIDATION_WORDS.has(x)) || /zValidator|vValidator|tbValidator|typiaValidator/.test(name);
}

const RATE_WORDS = new Set(["ratelimit", "ratelimiter", "limiter", "throttle", "throttler", "slowdown", "brute", "bruteforce"]);

export function isRateLimitName(name: string | undefined): boolean {
  if (!name) return false;
  const w = words(name);
  if (w.some((x) => RATE_WORDS.has(x))) return true;
  // rate + limit, slow + down, brute + force as separate words
  const joined = w.join("");
  return /ratelimit|slowdown|bruteforce|throttl|limiter/.test(joined);
}

const AUTH_MODULES = /passport|@clerk\/|next-auth|@auth\/|express-jwt|jsonwebtoken|jose|lucia|better-auth|@supabase\/|firebase-admin|express-openid-connect|@kinde|@workos|iron-session|hono\/jwt|hono\/bearer-auth|hono\/basic-auth|@fastify\/jwt|@fastify\/auth|koa-jwt|koa-passport/;
const VALIDATION_MODULES = /^(zod|joi|yup|valibot|superstruct|ajv|arktype|@sinclair\/typebox|typia|class-validator|express-validator|celebrate|@hono\/zod-validator|@hono\/valibot-validator|@hono\/typebox-validator|koa-joi-router|express-joi-validation|zod-express-middleware)(\/|$)/;
const RATE_MODULES = /rate-limit|ratelimit|rate-limiter|slow-down|throttle|limiter|brute/i;

/** Name of a middleware / wrapper expression: `requireAuth`, `auth.required`, `rateLimit({…})` → "rateLimit". */
export function evidenceName(expr: ts.Expression): string | undefined {
  let e: ts.Expression = expr;
  while (isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e)) e = e.expression;
  if (isCallExpression(e)) {
    // passport.authenticate("jwt") → "passport.authenticate"; requireRole("admin") → "requireRole"
    return dottedName(e.expression) ?? calleeName(e);
  }
  return dottedName(e);
}

function stripWrappers(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e)) e = e.expression;
  return e;
}

function rootIdentifier(expr: ts.Expression): string | undefined {
  let e: ts.Expression = expr;
  for (;;) {
    if (isCallExpression(e) || isPropertyAccessExpression(e) || isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e)) e = e.expression;
    else break;
  }
  return isIdentifier(e) ? e.text : undefined;
}

function moduleOf(expr: ts.Expression, index: FileIndex): string | undefined {
  const root = rootIdentifier(expr);
  return root ? index.importOf(root)?.module : undefined;
}

function nameParts(expr: ts.Expression): string[] {
  const n = evidenceName(expr);
  return n ? n.split(".") : [];
}

/** Array literals and fastify option arrays hold several middleware: look at each. */
function flatten(expr: ts.Expression): ts.Expression[] {
  if (isArrayLiteralExpression(expr)) return expr.elements.flatMap((e) => flatten(e));
  return [expr];
}

/** Mounted routers and session plumbing are not checks: `app.use(authRouter)`, `passport.initialize()`, `session({...})`. */
function notACheck(e: ts.Expression): boolean {
  const n = evidenceName(e) ?? "";
  const last = words(n.split(".").pop() ?? "").pop() ?? "";
  if (/^(router|routers|routes|route|controller|controllers|app|api)$/.test(last)) return true;
  return /^(passport\.(initialize|session)|session|expressSession|cookieSession|cookieParser|getIronSession)$/.test(n);
}

export function isAuthMiddleware(expr: ts.Expression, index: FileIndex): boolean {
  return flatten(expr).some((e) => {
    // An inline middleware or hook: `(c, next) => jwt({ secret })(c, next)`, `async (req) => { await req.jwtVerify() }`.
    const fn = stripWrappers(e);
    if (isArrowFunction(fn) || isFunctionExpression(fn)) return index.calls.some((c) => inside(c, fn) && isAuthCall(c, index));
    if (notACheck(e)) return false;
    const parts = nameParts(e);
    if (parts.some((p) => isAuthName(p))) return true;
    const mod = moduleOf(e, index);
    return !!mod && AUTH_MODULES.test(mod);
  });
}

export function isValidationMiddleware(expr: ts.Expression, index: FileIndex): boolean {
  return flatten(expr).some((e) => {
    if (notACheck(e)) return false;
    const parts = nameParts(e);
    if (parts.some((p) => isValidationName(p))) return true;
    // express-validator chains: body("email").isEmail(), check("id").isInt()
    const root = rootIdentifier(e);
    const mod = moduleOf(e, index);
    if (mod && VALIDATION_MODULES.test(mod)) return true;
    return !!root && /^(body|query|param|params|check|checkSchema|header|cookie)$/.test(root) && index.importOf(root)?.module === "express-validator";
  });
}

export function isRateLimitMiddleware(expr: ts.Expression, index: FileIndex): boolean {
  return flatten(expr).some((e) => {
    if (notACheck(e)) return false;
    if (nameParts(e).some((p) => isRateLimitName(p))) return true;
    const mod = moduleOf(e, index);
    return !!mod && RATE_MODULES.test(mod);
  });
}

export function isRateLimitModule(module: string): boolean {
  return RATE_MODULES.test(module);
}

/** Calls inside a handler that prove the caller is authenticated: `auth()`, `getServerSession()`, `supabase.auth.getUser()`, `requireStaff()`. */
export function isAuthCall(call: ts.CallExpression, index: FileIndex): boolean {
  const name = calleeName(call);
  if (!name) return false;
  const dotted = dottedName(call.expression) ?? name;
  // Issuing or decoding a token (`jwt.sign`, `jwt.decode`) says nothing about who is calling.
  if (/^(sign|decode)$/.test(name) && /(^|\.)jwt\./i.test(dotted)) return false;
  if (/(^|\.)auth\./.test(dotted) || /(^|\.)(clerk|clerkClient|passport|jwt)\./i.test(dotted)) return true;
  if (/^(auth|getAuth|currentUser|getServerSession|getSession|getToken|getUser|getIronSession|validateRequest|verifyToken|verifyJwt|jwtVerify|verifyIdToken|authenticate|authorize)$/.test(name)) return true;
  if (name === "verify" && /jwt|token|jose/i.test(dotted)) return true;
  const mod = index.importOf(name)?.module;
  if (mod && AUTH_MODULES.test(mod) && !/jsonwebtoken|jose/.test(mod)) return true;
  // project helpers: getSessionUser, requireUser, isAdmin, ensureAuthenticated, requireRole("admin")
  const w = words(name);
  if (w.length >= 2 && CHECK_VERBS.has(w[0]) && isAuthName(name)) return true;
  return w.some((x) => x === "session" || x === "auth" || x === "authenticate" || x === "authenticated" || x === "authorize");
}

/** Webhook signature checks count as authentication for webhook endpoints. */
export function isSignatureCheck(call: ts.CallExpression): boolean {
  const name = calleeName(call) ?? "";
  const dotted = dottedName(call.expression) ?? name;
  if (/^(constructEvent|constructEventAsync|timingSafeEqual|verifySignature|verifyWebhook|validateRequest|unwrap)$/.test(name)) return true;
  if (/webhooks?\.(verify|constructEvent|unwrap)|Webhook\.verify|wh\.verify/.test(dotted)) return true;
  const w = words(name);
  return (w.includes("signature") || w.includes("hmac") || (w[0] === "verify" && w.length > 1) || w.includes("webhook")) && !w.includes("create") && !w.includes("sign");
}

/** Minimal view of a handler, to avoid a circular type import with routes.ts. */
interface HandlerLike {
  handler?: ts.FunctionLikeDeclaration;
  chain: ts.Expression[];
  wrappers: ts.CallExpression[];
  params: { request?: string; response?: string };
}

const inside = (n: ts.Node, fn: ts.Node) => n.pos >= fn.pos && n.end <= fn.end;
const AUTH_HEADER = /^(authorization|x-api-key|api-key|x-api-token|x-auth-token|x-cron-secret|x-admin-key|x-access-token)$|signature/i;

/** HOFs that say nothing about auth even though they start with `with`. */
const NEUTRAL_WRAPPER = /error|log|cors|trac|sentry|metric|rate|limit|cache|valid|schema|zod|body|json|timeout|retry|catch|async|handler|method|axiom|monitor|span|instrument|edge|runtime|params|query/i;

/** Does a wrapper around the handler (`withAuth(...)`, `withWorkspace(...)`, `authed(...)`) look like it authenticates? */
export function isAuthWrapper(call: ts.CallExpression, index: FileIndex): boolean {
  const name = evidenceName(call) ?? "";
  const last = name.split(".").pop() ?? "";
  if (name.split(".").some((p) => isAuthName(p))) return true;
  const root = rootIdentifier(call.expression);
  // next-safe-action style builders: authActionClient.schema(S).action(fn), protectedProcedure.input(S).mutation(fn)
  if (root && isAuthName(root)) return true;
  const mod = root ? index.importOf(root)?.module : undefined;
  if (mod && (AUTH_MODULES.test(mod) || /auth|session|guard|protect/i.test(mod))) return true;
  // Project HOFs such as withWorkspace/withTeam/withOrg: scoping a handler to a tenant implies a signed-in caller.
  return /^with[A-Z]/.test(last) && !NEUTRAL_WRAPPER.test(last);
}

/** Signs of authentication for a handler: chain, wrappers, auth calls and `req.user`-style reads in its body. */
export function hasAuthEvidence(h: HandlerLike, index: FileIndex): boolean {
  if (h.chain.some((m) => isAuthMiddleware(m, index))) return true;
  if (h.wrappers.some((w) => isAuthWrapper(w, index))) return true;
  const fn = h.handler;
  if (!fn) return false;
  for (const call of index.calls) {
    if (!inside(call, fn)) continue;
    if (isAuthCall(call, index) || isSignatureCheck(call)) return true;
    if (/^(createHmac|hmac)$/.test(calleeName(call) ?? "")) return true;
    // Hono c.get("user") / c.var.user; Koa ctx.state.user is a property read below
    if (calleeName(call) === "get" && call.arguments[0] && isStringLiteral(call.arguments[0]) && /^(user|session|auth|jwtPayload|userId|currentUser)$/.test(call.arguments[0].text)) return true;
    // the handler authenticates the caller itself: headers.get("authorization"), an API key or cron secret
    if (calleeName(call) === "get" && call.arguments[0] && isStringLiteral(call.arguments[0]) && AUTH_HEADER.test(call.arguments[0].text)) return true;
  }
  for (const pa of index.propertyAccesses) {
    if (inside(pa, fn) && pa.name.text === "authorization" && /headers$/i.test(pa.expression.getText())) return true;
  }
  // if (req.query.secret !== process.env.REVALIDATE_SECRET) return 401: a shared-secret check
  for (const b of index.binaryExpressions) {
    if (!inside(b, fn)) continue;
    const op = b.operatorToken.kind;
    if (op !== SyntaxKind.EqualsEqualsEqualsToken && op !== SyntaxKind.ExclamationEqualsEqualsToken && op !== SyntaxKind.EqualsEqualsToken && op !== SyntaxKind.ExclamationEqualsToken) continue;
    if (/process\.env\.\w*(SECRET|TOKEN|KEY|PASSWORD)/i.test(b.getText())) return true;
  }
  for (const s of index.strings) {
    if (inside(s, fn) && AUTH_HEADER.test(s.text) && s.parent && isElementAccessExpression(s.parent)) return true;
  }
  const names = [h.params.request, h.params.response, "ctx", "context", "locals"].filter(Boolean) as string[];
  for (const pa of index.propertyAccesses) {
    if (!inside(pa, fn)) continue;
    const prop = pa.name.text;
    if (!/^(user|session|auth|userId|currentUser|isAuthenticated|account|principal|operator|claims|token)$/.test(prop)) continue;
    const obj = dottedName(pa.expression) ?? "";
    const root = obj.split(".")[0];
    // `req.query.userId`, `req.body.user`: the client says who it is, which proves nothing.
    if (/\.(query|body|params)$/.test(obj)) continue;
    if (names.includes(root) || /(^|\.)(state|locals|var)$/.test(obj)) return true;
    if (isParenthesizedExpression(pa.expression) || isAsExpression(pa.expression)) return true; // (req as any).user
  }
  return false;
}

/** Signs of a rate limiter for a handler: in its chain, wrappers or body (`ratelimit.limit(ip)`, `limiter.consume(key)`). */
export function hasRateLimitEvidence(h: HandlerLike, index: FileIndex): boolean {
  if (h.chain.some((m) => isRateLimitMiddleware(m, index))) return true;
  if (h.wrappers.some((w) => isRateLimitMiddleware(w.expression, index))) return true;
  const fn = h.handler;
  if (!fn) return false;
  for (const call of index.calls) {
    if (!inside(call, fn)) continue;
    const d = dottedName(call.expression) ?? calleeName(call) ?? "";
    if (d.split(".").some((p) => isRateLimitName(p))) return true;
    const root = rootIdentifier(call.expression);
    const mod = root ? index.importOf(root)?.module : undefined;
    if (mod && RATE_MODULES.test(mod)) return true;
    // `const perIp = new RateLimiterMemory(...)` … `await perIp.consume(req.ip)`
    if (root && isPropertyAccessExpression(call.expression) && isLimiterInstance(root, index)) return true;
  }
  return false;
}

/** A module-level variable made by a rate-limit library: `new RateLimiterRedis(...)`, `new Ratelimit(...)`. */
function isLimiterInstance(name: string, index: FileIndex): boolean {
  const decl = index.variableDeclarations.find((d) => isIdentifier(d.name) && d.name.text === name);
  let init = decl?.initializer;
  while (init && (isAwaitExpression(init) || isParenthesizedExpression(init))) init = init.expression;
  if (!init || (!isNewExpression(init) && !isCallExpression(init))) return false;
  const ctor = rootIdentifier(init.expression);
  if (!ctor) return false;
  const mod = index.importOf(ctor)?.module;
  return (!!mod && RATE_MODULES.test(mod)) || isRateLimitName(ctor);
}
