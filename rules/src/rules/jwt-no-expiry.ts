import ts = require("typescript");
import type { Edit, Fix, Rule, RuleContext } from "../engine/types.js";
import { addProperties } from "../fixes/objectLiteral.js";
import { preferredQuote } from "../fixes/indent.js";
import { callRange } from "../report/ranges.js";
import { isTestFile } from "../model/fileRole.js";
import { assignedThrough, objectShape, propertyName, resolveValue, unwrap } from "../model/values.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isArrayLiteralExpression, isArrowFunction, isAwaitExpression, isCallExpression, isFunctionExpression, isIdentifier, isNumericLiteral, isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isStringLiteralLike, isTemplateExpression, isVariableDeclaration } = ts;

const JSONWEBTOKEN = "jsonwebtoken";
/** jose builders that end in `.sign()` / `.encrypt()`. */
const JOSE_BUILDERS = new Set(["SignJWT", "EncryptJWT"]);
const FINISHERS = new Set(["sign", "encrypt"]);
/** A verification key that is a public key (or a key lookup): without `algorithms`, the token picks HS256 and the public key becomes its secret. */
const PUBLIC_KEY_NAME = /public|pub_?key|cert|jwks|pem$/i;
const PUBLIC_KEY_TEXT = /BEGIN (RSA )?PUBLIC KEY|BEGIN CERTIFICATE/;

const JWT_LIBRARIES = /^(jsonwebtoken|jose|express-jwt|passport-jwt|koa-jwt|jwt-simple|fast-jwt|@fastify\/jwt|@nestjs\/jwt|hono\/jwt)$/;

const NEVER_EXPIRES = "This JWT never expires: a stolen token works forever.";

const rule: Rule = {
  meta: {
    id: "jwt-no-expiry",
    steps: ["auth"],
    severity: "warning",
    description: "A JWT signed without an expiry, or verified in a way that accepts unsigned or forged tokens.",
    fixable: true,
  },
  create(ctx) {
    if (isTestFile(ctx.relPath)) return {};
    return { onEnd: () => check(ctx) };
  },
};

function check(ctx: RuleContext): void {
  for (const call of ctx.index.calls) {
    const fn = jsonwebtokenFunction(ctx, call);
    if (fn === "sign") checkSign(ctx, call);
    else if (fn === "verify") checkVerifyKey(ctx, call);
    else if (isHonoSign(ctx, call)) checkClaimsOnlySign(ctx, call);
  }
  for (const expr of ctx.index.newExpressions) {
    const callee = unwrap(expr.expression);
    const name = isIdentifier(callee) ? callee.text : isPropertyAccessExpression(callee) ? callee.name.text : "";
    if (!JOSE_BUILDERS.has(name)) continue;
    const mod = isIdentifier(callee) ? ctx.index.importOf(callee.text)?.module : undefined;
    if (mod !== undefined && mod !== "jose") continue;
    checkJoseBuilder(ctx, expr);
  }
  for (const prop of ctx.index.propertyAssignments) checkNoneAlgorithm(ctx, prop);
}

/** "sign" / "verify" when the call is jsonwebtoken's (default, namespace or named import, or a bare `jwt`). */
function jsonwebtokenFunction(ctx: RuleContext, call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (isIdentifier(callee)) {
    const b = ctx.index.importOf(callee.text);
    return b?.module === JSONWEBTOKEN && (b.imported === "sign" || b.imported === "verify") ? b.imported : undefined;
  }
  if (!isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (method !== "sign" && method !== "verify") return undefined;
  const receiver = unwrap(callee.expression);
  if (!isIdentifier(receiver)) return undefined;
  const b = ctx.index.importOf(receiver.text);
  if (b) return b.module === JSONWEBTOKEN && (b.imported === "default" || b.imported === "*") ? method : undefined;
  return receiver.text === "jwt" || receiver.text === "jsonwebtoken" ? method : undefined;
}

/** Hono's JWT helper: `sign(payload, secret, alg?)` from "hono/jwt" (or `Jwt.sign` from "hono/utils/jwt"); expiry lives only in the payload. */
function isHonoSign(ctx: RuleContext, call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (isIdentifier(callee)) {
    const b = ctx.index.importOf(callee.text);
    return !!b && /^hono\/(jwt|utils\/jwt)/.test(b.module) && b.imported === "sign";
  }
  if (isPropertyAccessExpression(callee) && callee.name.text === "sign" && isIdentifier(callee.expression)) {
    const b = ctx.index.importOf(callee.expression.text);
    return !!b && /^hono\/(jwt|utils\/jwt)/.test(b.module);
  }
  return false;
}

function checkClaimsOnlySign(ctx: RuleContext, call: ts.CallExpression): void {
  const payload = call.arguments[0];
  if (!payload || call.arguments.length < 2 || payloadMayExpire(ctx, payload)) return;
  const sf = ctx.sourceFile;
  const shape = objectShape(ctx, payload);
  const fixes: Fix[] = shape
    ? [{ title: "Expire the token after 1 hour", safe: false, preferred: true, edits: [addProperties(sf, shape.literal, ["exp: Math.floor(Date.now() / 1000) + 60 * 60"])] }]
    : [];
  ctx.report({ ...callRange(sf, call), message: `${NEVER_EXPIRES} Add an exp claim to the payload (e.g. exp: Math.floor(Date.now() / 1000) + 60 * 60).`, fixes });
}

function isFunction(e: ts.Expression | undefined): boolean {
  return !!e && (isArrowFunction(unwrap(e)) || isFunctionExpression(unwrap(e)));
}

function checkSign(ctx: RuleContext, call: ts.CallExpression): void {
  const [payload, key, third] = call.arguments;
  if (!payload || !key) return;
  const options = third && !isFunction(third) ? third : undefined;
  let optionsShape;
  if (options) {
    optionsShape = objectShape(ctx, options);
    if (!optionsShape) return; // options built elsewhere
    const root = unwrap(options);
    if (isIdentifier(root) && assignedThrough(ctx, root.text).has("expiresIn")) return;
    const expiresIn = optionsShape.props.get("expiresIn");
    const unset = expiresIn && isIdentifier(unwrap(expiresIn)) && (unwrap(expiresIn) as ts.Identifier).text === "undefined";
    if (expiresIn && !unset) {
      const lifetime = lifetimeSeconds(expiresIn);
      if (lifetime !== undefined && lifetime >= FOREVER_SECONDS) {
        ctx.report({ node: expiresIn.parent, message: "This JWT lives for ten years or more, which is the same as never expiring: a stolen token keeps working. Use a short lifetime (e.g. \"1h\") with a refresh flow." });
      }
      return;
    }
    if (!optionsShape.complete) return;
  }
  if (payloadMayExpire(ctx, payload)) return;

  const sf = ctx.sourceFile;
  const q = preferredQuote(sf.text);
  const prop = `expiresIn: ${q}1h${q}`;
  let edit: Edit;
  if (optionsShape) edit = addProperties(sf, optionsShape.literal, [prop]);
  else if (third) edit = { start: third.getStart(sf), end: third.getStart(sf), newText: `{ ${prop} }, ` };
  else edit = { start: key.getEnd(), end: key.getEnd(), newText: `, { ${prop} }` };
  ctx.report({
    ...callRange(sf, call),
    message: `${NEVER_EXPIRES} Add expiresIn (e.g. "1h").`,
    fixes: [{ title: "Expire the token after 1 hour", safe: false, preferred: true, edits: [edit] }],
  });
}

/** Ten years: a lifetime at least this long is no expiry at all. */
const FOREVER_SECONDS = 10 * 365 * 24 * 3600;
const UNIT_SECONDS: Record<string, number> = { s: 1, sec: 1, secs: 1, second: 1, seconds: 1, m: 60, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600, d: 86400, day: 86400, days: 86400, w: 604800, week: 604800, weeks: 604800, y: 31557600, yr: 31557600, yrs: 31557600, year: 31557600, years: 31557600 };

/** `expiresIn` in seconds when written as a literal: a number of seconds or an `ms`-style string ("15m", "10 years"). */
function lifetimeSeconds(expr: ts.Expression): number | undefined {
  const e = unwrap(expr);
  if (isNumericLiteral(e)) return Number(e.text);
  if (!isStringLiteralLike(e)) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(e.text);
  if (!m) return undefined;
  if (!m[2]) return Number(m[1]) / 1000; // a bare numeric string is milliseconds for ms()
  const unit = UNIT_SECONDS[m[2].toLowerCase()];
  return unit === undefined ? undefined : Number(m[1]) * unit;
}

/** True when the payload carries (or may carry) an `exp` claim, or is a string (which cannot expire by option). */
function payloadMayExpire(ctx: RuleContext, payload: ts.Expression): boolean {
  const value = resolveValue(ctx, payload);
  if (isStringLiteralLike(value) || isTemplateExpression(value)) return true;
  // `claims.exp = …` somewhere in the file.
  const root = unwrap(payload);
  if (isIdentifier(root) && assignedThrough(ctx, root.text).has("exp")) return true;
  return !!objectShape(ctx, payload)?.props.has("exp");
}

/** `jwt.verify(token, publicKey)` without `algorithms`: the token's own header chooses how it is checked. */
function checkVerifyKey(ctx: RuleContext, call: ts.CallExpression): void {
  const [token, key, third] = call.arguments;
  const options = third && !isFunction(third) ? third : undefined;
  const ignore = options && objectShape(ctx, options)?.nodes.get("ignoreExpiration");
  if (ignore && isPropertyAssignment(ignore) && unwrap(ignore.initializer).kind === SyntaxKind.TrueKeyword) {
    ctx.report({ node: ignore, message: "ignoreExpiration: true accepts expired tokens, so a stolen token works forever. Remove it and let tokens expire." });
  }
  const kind = token && key ? verificationKeyKind(ctx, key) : undefined;
  if (!kind) return;
  if (options) {
    const shape = objectShape(ctx, options);
    if (!shape || shape.props.has("algorithms") || !shape.complete) return;
  }
  ctx.report({
    ...callRange(ctx.sourceFile, call),
    severity: "error",
    message:
      kind === "public"
        ? 'Critical: jwt.verify with a public key and no algorithms lets the token choose its algorithm; a token signed with HS256 using the public key as the secret passes. Pass algorithms (e.g. algorithms: ["RS256"]).'
        : 'Critical: jwt.verify with a key written as a string and no algorithms lets the token\'s header choose how it is checked. Pass the algorithm you sign with (e.g. algorithms: ["HS256"]) and load the key from the environment.',
  });
}

/**
 * Keys for which a missing `algorithms` list is dangerous: a public key or key lookup (the token
 * can pick HS256 and use the public key as its secret), or a key written as a string literal.
 * Secrets read from the environment are left alone: jsonwebtoken 9 derives the allowed
 * algorithms from them.
 */
function verificationKeyKind(ctx: RuleContext, key: ts.Expression): "public" | "literal" | undefined {
  const e = unwrap(key);
  if (isArrowFunction(e) || isFunctionExpression(e)) return "public"; // a key lookup (JWKS)
  const name = isIdentifier(e) ? e.text : isPropertyAccessExpression(e) ? e.name.text : undefined;
  if (name && (PUBLIC_KEY_NAME.test(name) || /^get\w*Key$/.test(name))) return "public";
  const value = resolveValue(ctx, key);
  if (isStringLiteralLike(value)) return PUBLIC_KEY_TEXT.test(value.text) ? "public" : value.text.length > 0 ? "literal" : undefined;
  if (isCallExpression(value) && /readFileSync$/.test(value.expression.getText(ctx.sourceFile))) {
    const path = value.arguments[0];
    return path && /pub|cert|\.crt/i.test(path.getText(ctx.sourceFile)) ? "public" : undefined;
  }
  return undefined;
}

/** `algorithms: ["HS256", "none"]` (verify, express-jwt, passport-jwt …) or `algorithm: "none"` when signing. */
function checkNoneAlgorithm(ctx: RuleContext, prop: ts.PropertyAssignment): void {
  const name = propertyName(prop.name);
  if (name !== "algorithms" && name !== "algorithm") return;
  // `algorithm: "none"` also means "no compression/hashing" elsewhere: only JWT code counts.
  if (name === "algorithm" && !ctx.index.importsFrom((m) => JWT_LIBRARIES.test(m))) return;
  const value = unwrap(prop.initializer);
  const elements = isArrayLiteralExpression(value) ? value.elements : [value];
  const none = elements.find((el) => isStringLiteralLike(el) && el.text.toLowerCase() === "none");
  if (!none) return;
  const sf = ctx.sourceFile;
  let fixes: Fix[] = [];
  if (isArrayLiteralExpression(value) && value.elements.length > 1) {
    // Remove the element together with the comma that joins it to its neighbour.
    const i = value.elements.indexOf(none as ts.Expression);
    const start = i === 0 ? none.getStart(sf) : value.elements[i - 1].getEnd();
    const end = i === 0 ? value.elements[1].getStart(sf) : none.getEnd();
    fixes = [{ title: 'Stop accepting "none"', safe: false, preferred: true, edits: [{ start, end, newText: "" }] }];
  }
  ctx.report({
    node: prop,
    severity: "error",
    message:
      name === "algorithms"
        ? 'Critical: "none" is accepted as a JWT algorithm, so an unsigned token that anyone can write passes verification. Remove "none" and list only the algorithms you sign with.'
        : 'Critical: tokens signed with algorithm "none" carry no signature: anyone can forge them. Sign with HS256 or RS256 and an expiry.',
    fixes,
  });
}

/** `new SignJWT(claims)….sign(key)` with no `.setExpirationTime(…)` in its chain (or on the variable holding the builder). */
function checkJoseBuilder(ctx: RuleContext, expr: ts.NewExpression): void {
  const claims = expr.arguments?.[0];
  if (claims) {
    const shape = objectShape(ctx, claims);
    if (shape?.props.has("exp")) return;
  }
  const methods: ts.PropertyAccessExpression[] = [];
  let top: ts.Expression = expr;
  for (;;) {
    const pa = top.parent;
    if (!pa || !isPropertyAccessExpression(pa) || pa.expression !== top || !pa.parent || !isCallExpression(pa.parent) || pa.parent.expression !== pa) break;
    methods.push(pa);
    top = pa.parent;
  }
  let names = methods.map((m) => m.name.text);
  if (!names.some((n) => FINISHERS.has(n))) {
    // A builder kept in a variable and finished later: `const jwt = new SignJWT(c); jwt.setSubject(id); await jwt.sign(key)`.
    let holder: ts.Node = top;
    while (holder.parent && (isAwaitExpression(holder.parent) || isParenthesizedExpression(holder.parent))) holder = holder.parent;
    const decl = holder.parent;
    if (!decl || !isVariableDeclaration(decl) || !isIdentifier(decl.name)) return;
    const varName = decl.name.text;
    names = ctx.index.calls
      .map((c) => c.expression)
      .filter((c): c is ts.PropertyAccessExpression => isPropertyAccessExpression(c) && rootName(c) === varName)
      .map((c) => c.name.text);
    if (!names.some((n) => FINISHERS.has(n))) return;
    if (names.includes("setExpirationTime")) return;
    ctx.report({ node: expr, message: `${NEVER_EXPIRES} Call .setExpirationTime("1h") on the builder before signing.` });
    return;
  }
  if (names.includes("setExpirationTime")) return;
  const sf = ctx.sourceFile;
  const finisher = methods.find((m) => FINISHERS.has(m.name.text))!;
  const before = finisher.expression.getEnd();
  const dot = sf.text.indexOf(".", before);
  const q = preferredQuote(sf.text);
  ctx.report({
    start: expr.getStart(sf),
    end: sf.text.slice(expr.getStart(sf), top.getEnd()).includes("\n") ? expr.getEnd() : top.getEnd(),
    message: `${NEVER_EXPIRES} Add .setExpirationTime("1h") before .${finisher.name.text}().`,
    fixes: [
      {
        title: "Expire the token after 1 hour",
        safe: false,
        preferred: true,
        edits: [{ start: before, end: before, newText: `${sf.text.slice(before, dot)}.setExpirationTime(${q}1h${q})` }],
      },
    ],
  });
}

function rootName(e: ts.Expression): string | undefined {
  for (;;) {
    e = unwrap(e);
    if (isIdentifier(e)) return e.text;
    if (isPropertyAccessExpression(e) || isCallExpression(e)) e = e.expression;
    else return undefined;
  }
}

export default rule;
