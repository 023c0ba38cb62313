import ts = require("typescript");
import type { FileIndex } from "../engine/fileIndex.js";
import { calleeName, dottedName } from "./functions.js";
import { isAuthCall, isRateLimitName, isSignatureCheck, isValidationMiddleware, evidenceName, words } from "./middleware.js";
import { objectProperty, type RouteHandler } from "./routes.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, forEachChild, isArrayLiteralExpression, isArrowFunction, isAsExpression, isAwaitExpression, isBinaryExpression, isBindingElement, isBlock, isCallExpression, isComputedPropertyName, isConditionalExpression, isElementAccessExpression, isExpression, isExpressionStatement, isFunctionDeclaration, isFunctionExpression, isIdentifier, isIfStatement, isMethodDeclaration, isNewExpression, isNonNullExpression, isNumericLiteral, isObjectBindingPattern, isObjectLiteralExpression, isParameter, isParenthesizedExpression, isPrefixUnaryExpression, isPropertyAccessExpression, isPropertyAssignment, isQualifiedName, isReturnStatement, isSatisfiesExpression, isShorthandPropertyAssignment, isSpreadAssignment, isSpreadElement, isStringLiteral, isTaggedTemplateExpression, isTemplateExpression, isThrowStatement, isTypeAssertionExpression, isTypeOfExpression, isTypeReferenceNode, isVariableDeclaration } = ts;

/** Which part of the request a value comes from. `form`/`search` are FormData / URLSearchParams fields. */
export type InputPart = "body" | "query" | "params" | "headers" | "cookies" | "form" | "search";

/** A request-derived value: where it came from and the field path below that root. */
export interface Taint {
  part: InputPart;
  /** Text of the source: `req.body`, `request.json()`, `formData`. */
  root: string;
  path: string[];
  /** A container (FormData, URLSearchParams, a URL) whose `.get()` yields values; not data by itself. */
  container?: "form" | "search" | "url";
}

export type UseKind = "passed to a call" | "stored" | "spread" | "returned" | "interpolated into a query" | "sent back in the response";

export interface UnvalidatedUse {
  /** The request-derived expression at the place it is used. */
  expr: ts.Expression;
  taint: Taint;
  how: UseKind;
  /** Callee of the call it is passed to, when it is passed to one. */
  callee?: string;
}

export interface BodyField {
  name: string;
  numeric: boolean;
  /** Read with a fallback (`req.query.sort || "name"`): absent is fine. */
  optional?: boolean;
}

export interface RequestFlow {
  /** First use of an unvalidated request value, in document order. */
  firstUnvalidated?: UnvalidatedUse;
  /** Parts validated before the handler runs (middleware in the chain, Fastify schema, wrappers). */
  validatedParts: Set<InputPart | "*">;
  /** Body fields the handler reads (`req.body.email`, `const { email } = await req.json()`). */
  bodyFields: BodyField[];
  /** Source expressions of the body (`req.body`, `await request.json()`), for fixes. */
  bodyReads: ts.Expression[];
  /** Root texts of body reads: `req.body`, `request.json()`. */
  bodyRoots: Set<string>;
  /** Fields read below each root (`req.query` → period, sort), for fixes. */
  fieldsByRoot: Map<string, BodyField[]>;
  /** Does the handler read any request input at all? */
  readsInput: boolean;
}

const key = (t: Taint) => t.root + t.path.map((p) => "." + p).join("");

function strip(e: ts.Expression): ts.Expression {
  while (
    isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e) || isSatisfiesExpression(e) ||
    isTypeAssertionExpression(e) || isAwaitExpression(e)
  ) e = e.expression;
  return e;
}

const EXPRESS_PARTS: Record<string, InputPart> = { body: "body", query: "query", params: "params", headers: "headers", cookies: "cookies", signedCookies: "cookies" };
const TRANSFORMS = new Set([
  "trim", "trimStart", "trimEnd", "toLowerCase", "toUpperCase", "toLocaleLowerCase", "toLocaleUpperCase", "split", "slice", "substring", "substr",
  "replace", "replaceAll", "normalize", "toString", "at", "concat", "padStart", "padEnd", "valueOf", "join",
]);
const COERCIONS = new Set(["Uint8Array.from", "String", "Number", "parseInt", "parseFloat", "Number.parseInt", "Number.parseFloat", "BigInt", "decodeURIComponent", "decodeURI", "JSON.parse", "Buffer.from", "Object.fromEntries", "Array.from"]);
const NOT_SCHEMA = new Set(["JSON", "qs", "querystring", "url", "URL", "path", "cookie", "cookies", "Date", "Papa", "papa", "csv", "yaml", "YAML", "toml", "marked", "dayjs", "moment", "parser", "Number"]);
const VALIDATOR_LIB_NS = /^(v|z|Joi|joi|yup|Yup|Value|typia|t|s|superstruct|ajv|type|TypeCompiler|Schema|schema)$/;
/** `assert(cond)` / `invariant(cond, msg)` / `ok(cond)`: the condition holds after the call. */
const ASSERTIONS = new Set(["assert", "invariant", "ok"]);
const RESPONSE_METHODS = new Set(["json", "send", "end", "write", "text", "html", "body", "jsonp"]);

/** Is this call a validator taking request input: zod/valibot/yup/joi/superstruct/ajv/typebox/typia/class-validator. */
export function isValidatorCall(call: ts.CallExpression, index: FileIndex): boolean {
  const name = calleeName(call);
  if (!name) return false;
  const callee = call.expression;
  let recv = isPropertyAccessExpression(callee) ? dottedName(callee.expression) : undefined;
  if (!recv && isPropertyAccessExpression(callee)) {
    // z.object({...}).parse(x), schema.extend({...}).safeParse(x): the root names the schema
    let r: ts.Expression = callee.expression;
    while (isCallExpression(r) || isPropertyAccessExpression(r)) r = r.expression;
    if (isIdentifier(r)) recv = r.text;
  }
  const recvRoot = recv?.split(".")[0];
  if (/^(parse|safeParse|parseAsync|safeParseAsync|spa|decode|decodeUnknown|decodeUnknownSync)$/.test(name)) {
    if (recvRoot && NOT_SCHEMA.has(recvRoot)) return false;
    if (!recv) return !!index.importOf(name) && /valibot|effect|schema/.test(index.importOf(name)!.module);
    return true;
  }
  if (/^(validate|validateSync|validateAsync|validateOrReject|validateOrRejectSync|validationResult|matchedData|attempt|plainToInstance|plainToClass|assertEquals|assertGuard|assertGuardEquals|validateEquals|Check|Parse|Decode|Assert|Errors)$/.test(name)) return true;
  if (/^validate[A-Z]/.test(name) || /^parse\w*(Body|Input|Payload|Schema|Request|Params|Query|Form|Data)$/.test(name) || /Validated/.test(name)) return true;
  if (/^(is|assert|create|cast|mask|check)$/.test(name)) {
    if (recvRoot && VALIDATOR_LIB_NS.test(recvRoot)) return true;
    const mod = index.importOf(name)?.module ?? (recvRoot ? index.importOf(recvRoot)?.module : undefined);
    return !!mod && /^(superstruct|valibot|typia|@sinclair\/typebox|arktype|ajv|joi|yup|zod)/.test(mod);
  }
  return false;
}

function isLogging(call: ts.CallExpression): boolean {
  const d = dottedName(call.expression) ?? "";
  if (/^(console|logger|log|this\.logger|req\.log|request\.log|ctx\.log|c\.var\.logger|Sentry|fastify\.log|app\.log|server\.log|posthog|analytics)\./.test(d)) return true;
  // captureWebhookLog(...), logEvent(...), auditLog(...)
  return words(calleeName(call) ?? "").some((w) => w === "log" || w === "logger" || w === "logs" || w === "audit");
}

/** Hashing and HMAC input (`createHmac(...).update(rawBody)`) is signature checking, not a use. */
function isHashing(call: ts.CallExpression): boolean {
  const text = call.expression.getText();
  return /createHmac|createHash|hmac|subtle\.(verify|digest|sign)/i.test(text);
}

/** A call that inspects a value rather than using it: `isEmail(x)`, `re.test(x)`, `list.includes(x)`, `jwt.verify(token)`. */
function isCheckCall(call: ts.CallExpression, index: FileIndex): boolean {
  const name = calleeName(call) ?? "";
  const d = dottedName(call.expression) ?? name;
  if (/^(is[A-Z0-9_]\w*|has[A-Z]\w*|test|match|matches|includes|has|indexOf|startsWith|endsWith|isNaN|isFinite|isInteger|isSafeInteger|isArray|isValid|equals|timingSafeEqual|compare|compareSync)$/.test(name)) return true;
  if (/^(Number|Array|Object)\.is/.test(d) || d === "Boolean") return true;
  // clamping is a range bound: Math.min(100, Math.max(1, page))
  if (/^Math\.(min|max)$/.test(d) || /^clamp$/i.test(name)) return true;
  // validator.js sanitisers and checks: validator.escape(x), validator.normalizeEmail(x)
  const root = d.split(".")[0];
  if (d.includes(".") && index.importOf(root)?.module === "validator") return true;
  if (index.importOf(name)?.module?.startsWith("validator")) return true;
  if (isSignatureCheck(call) || isAuthCall(call, index) || isRateLimitName(name) || isRateLimitName(d)) return true;
  if (/^(verify|jwtVerify)$/.test(name)) return true;
  return false;
}

/** The parts a validating middleware covers: `validate(schema, "params")` → params; celebrate keys; zValidator targets. */
function partsOfValidator(expr: ts.Expression): (InputPart | "*")[] {
  const e = strip(expr);
  const name = evidenceName(e) ?? "";
  if (isCallExpression(e)) {
    const strs = e.arguments.map((a) => (isStringLiteral(a) ? a.text : undefined)).filter(Boolean) as string[];
    const target = strs.find((s) => /^(body|json|form|query|querystring|params|param|headers|header|cookies|cookie)$/.test(s));
    if (target) return [partOfName(target)];
    const obj = e.arguments.find((a) => isObjectLiteralExpression(a)) as ts.ObjectLiteralExpression | undefined;
    if (obj && /celebrate|validate/i.test(name)) {
      const parts: InputPart[] = [];
      for (const p of obj.properties) {
        const pn = p.name && (isIdentifier(p.name) || isStringLiteral(p.name)) ? p.name.text : p.name && isComputedPropertyName(p.name) ? p.name.expression.getText() : "";
        const m = /(body|query|params|headers|cookies)/i.exec(pn);
        if (m) parts.push(partOfName(m[1].toLowerCase()));
      }
      if (parts.length) return parts;
    }
    // express-validator: body("email").isEmail() → body; param("id") → params
    let root: ts.Expression = e;
    while (isCallExpression(root) || isPropertyAccessExpression(root)) root = root.expression;
    if (isIdentifier(root) && /^(body|query|param|params|header|cookie)$/.test(root.text)) return [partOfName(root.text)];
  }
  const m = /(Body|Query|Params|Headers)$/.exec(name);
  if (m) return [partOfName(m[1].toLowerCase())];
  return ["*"];
}

function partOfName(s: string): InputPart {
  switch (s) {
    case "json": case "form": case "body": return s === "form" ? "form" : "body";
    case "querystring": case "query": return "query";
    case "param": case "params": return "params";
    case "header": case "headers": return "headers";
    default: return "cookies";
  }
}

const flows = new WeakMap<RouteHandler, RequestFlow>();

/**
 * How request input flows through one handler: which values are request-derived (through local
 * variables, destructuring and property access), which were validated (a validator call, a
 * rejecting type/regex/range/allow-list check, a validating middleware), and the first place an
 * unvalidated value is used (passed to a call, stored, spread, returned, put into a query).
 */
export function requestFlow(h: RouteHandler, index: FileIndex): RequestFlow {
  const cached = flows.get(h);
  if (cached) return cached;
  const flow = computeFlow(h, index);
  flows.set(h, flow);
  return flow;
}

function computeFlow(h: RouteHandler, index: FileIndex): RequestFlow {
  const validatedParts = new Set<InputPart | "*">();
  for (const m of h.chain) if (isValidationMiddleware(m, index)) for (const p of partsOfValidator(m)) validatedParts.add(p);
  for (const w of h.wrappers) {
    const wn = evidenceName(w) ?? "";
    if (isValidationMiddleware(w.expression, index) || w.arguments.some((a) => !isArrowFunction(a) && !isFunctionExpression(a) && /schema|validat|^z\./i.test(a.getText().slice(0, 200)))) validatedParts.add("*");
    else if (/zod|valid/i.test(wn)) validatedParts.add("*");
    // builder chains: actionClient.schema(S).action(fn), procedure.input(S).mutation(fn)
    else if (/\.(schema|inputSchema|input|validator|body|query|params)\(/.test(w.expression.getText().slice(0, 300))) validatedParts.add("*");
  }
  if (h.options) {
    const schema = objectProperty(h.options, "schema");
    if (schema && isObjectLiteralExpression(strip(schema))) {
      for (const p of (strip(schema) as ts.ObjectLiteralExpression).properties) {
        const n = p.name && (isIdentifier(p.name) || isStringLiteral(p.name)) ? p.name.text : "";
        if (/^(body|querystring|query|params|headers)$/.test(n)) validatedParts.add(partOfName(n));
      }
    } else if (schema) validatedParts.add("*");
  }
  // Hono: c.req.valid() reads only what a validator let through; c.req.json() after zValidator("json") is covered too.

  const fn = h.handler;
  const result: RequestFlow = { validatedParts, bodyFields: [], bodyReads: [], bodyRoots: new Set(), fieldsByRoot: new Map(), readsInput: false };
  if (!fn || !fn.body) return result;

  const req = h.params.request;
  const res = h.params.response;
  const vars = new Map<string, Taint>();
  const validated: { key: string; pos: number; end?: number }[] = [];
  const fields = new Map<string, BodyField>();
  if (validatedParts.has("*")) validated.push({ key: "", pos: 0 });

  for (const n of h.params.contextNames) vars.set(n, { part: "params", root: n, path: [] });
  // Next.js route context: `context.params` holds the path parameters
  if (h.params.context) vars.set(h.params.context, { part: "params", root: h.params.context, path: [] });
  for (const a of h.params.args) if (a.formData) vars.set(a.name, { part: "form", root: a.name, path: [], container: "form" });
  // Every request-derived value starts at the request parameter or one of these variables: without
  // any, nothing in the body can be tainted (a handler taking a destructured `{ req }` or nothing).
  if (!req && vars.size === 0) return result;

  const isValidated = (t: Taint, pos: number): boolean => {
    if (validatedParts.has(t.part) || validatedParts.has("*")) return true;
    const k = key(t);
    return validated.some((v) => v.pos <= pos && (v.end === undefined || pos <= v.end) && (v.key === "" || k === v.key || k.startsWith(v.key + ".") || k.startsWith(v.key + "[")));
  };

  const isReq = (e: ts.Expression) => !!req && isIdentifier(e) && e.text === req;

  function classify(expr: ts.Expression): Taint | undefined {
    const e = strip(expr);
    if (isIdentifier(e)) return vars.get(e.text);
    if (isPropertyAccessExpression(e) || isElementAccessExpression(e)) {
      const obj = strip(e.expression);
      const name = isPropertyAccessExpression(e)
        ? e.name.text
        : isStringLiteral(e.argumentExpression) || isNumericLiteral(e.argumentExpression) ? e.argumentExpression.text : "[]";
      if (isReq(obj)) {
        if (h.framework === "hono") return undefined;
        const part = EXPRESS_PARTS[name];
        if (part) return { part, root: `${req}.${name}`, path: [] };
        if (name === "nextUrl") return { part: "search", root: `${req}.nextUrl`, path: [], container: "url" };
        return undefined;
      }
      // Koa: ctx.request.body / ctx.request.query
      if (isPropertyAccessExpression(obj) && isReq(strip(obj.expression)) && obj.name.text === "request" && EXPRESS_PARTS[name]) {
        return { part: EXPRESS_PARTS[name], root: `${req}.request.${name}`, path: [] };
      }
      // new URL(req.url).searchParams
      if (isNewExpression(obj) && obj.expression.getText() === "URL" && obj.arguments?.[0] && req && obj.arguments[0].getText().startsWith(req)) {
        return name === "searchParams" ? { part: "search", root: `${req}.url.searchParams`, path: [], container: "search" } : undefined;
      }
      const t = classify(obj);
      if (!t) return undefined;
      if (t.container === "url") return name === "searchParams" ? { ...t, root: `${t.root}.searchParams`, container: "search" } : undefined;
      if (t.container) return undefined;
      return { ...t, path: [...t.path, name] };
    }
    if (isCallExpression(e)) {
      const callee = e.expression;
      const d = dottedName(callee);
      if (d && COERCIONS.has(d) && e.arguments[0]) {
        const t = classify(e.arguments[0]);
        return t && (t.container && d !== "Object.fromEntries" ? undefined : { ...t, container: undefined });
      }
      if (!isPropertyAccessExpression(callee)) return undefined;
      const m = callee.name.text;
      const recv = strip(callee.expression);
      // Web Request (Next.js, Hono's c.req): json(), formData(), text()
      const honoReq = h.framework === "hono" && isPropertyAccessExpression(recv) && isReq(strip(recv.expression)) && recv.name.text === "req";
      if ((isReq(recv) && h.framework !== "hono" && h.framework !== "koa") || honoReq) {
        const r = recv.getText();
        if (/^(json|text|arrayBuffer|blob|parseBody)$/.test(m)) return { part: "body", root: `${r}.${m}()`, path: [] };
        if (m === "formData") return { part: "form", root: `${r}.formData()`, path: [], container: "form" };
        if (honoReq) {
          const arg = e.arguments[0] && isStringLiteral(e.arguments[0]) ? e.arguments[0].text : undefined;
          const part: InputPart | undefined = m === "query" || m === "queries" ? "query" : m === "param" ? "params" : m === "header" ? "headers" : undefined;
          if (part) return { part, root: `${r}.${m}()`, path: arg ? [arg] : [] };
        }
        return undefined;
      }
      if ((m === "get" || m === "getAll") && e.arguments[0]) {
        const t = classify(recv);
        if (!t) return undefined;
        const field = isStringLiteral(e.arguments[0]) ? e.arguments[0].text : "[]";
        if (t.container === "form" || t.container === "search") return { part: t.container, root: t.root, path: [field] };
        if (!t.container && (t.part === "headers" || t.part === "cookies")) return { ...t, path: [...t.path, field] };
        return undefined;
      }
      if (TRANSFORMS.has(m)) {
        const t = classify(recv);
        return t && !t.container ? t : undefined;
      }
      return undefined;
    }
    if (isNewExpression(e) && e.expression.getText() === "URL" && req && e.arguments?.[0] && /^\w+/.exec(e.arguments[0].getText())?.[0] === req) {
      return { part: "search", root: `${req}.url`, path: [], container: "url" };
    }
    if (isTemplateExpression(e)) {
      for (const s of e.templateSpans) {
        const t = classify(s.expression);
        if (t && !t.container) return t;
      }
      return undefined;
    }
    if (isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.BarBarToken) {
        const l = classify(e.left);
        if (l && l.path.length === 1 && !l.container) optionalFields.add(`${l.root}#${l.path[0]}`);
        return l ?? classify(e.right);
      }
      if (op === SyntaxKind.PlusToken) return classify(e.left) ?? classify(e.right);
      if (op === SyntaxKind.AsteriskToken || op === SyntaxKind.MinusToken || op === SyntaxKind.SlashToken || op === SyntaxKind.PercentToken) {
        const t = classify(e.left) ?? classify(e.right);
        if (t) noteField(t, true);
        return t;
      }
      return undefined;
    }
    if (isConditionalExpression(e)) {
      const guarded = new Set(validatedBy(e.condition, true).map(key));
      const a = classify(e.whenTrue);
      return (a && !guarded.has(key(a)) ? a : undefined) ?? classify(e.whenFalse);
    }
    return undefined;
  }

  const exits = (s: ts.Statement): boolean => {
    if (isReturnStatement(s) || isThrowStatement(s)) return true;
    if (isBlock(s)) return s.statements.some((x) => exits(x));
    if (isExpressionStatement(s)) {
      // res.status(400).json(...) as the last word in an Express handler without `return`
      const c = strip(s.expression);
      // Koa / Hono style: ctx.throw(400, "…") ends the request
      if (isCallExpression(c) && isPropertyAccessExpression(c.expression) && c.expression.name.text === "throw") return true;
      return isCallExpression(c) && /^(json|send|end|redirect|sendStatus|notFound)$/.test(calleeName(c) ?? "") && !!res && c.getText().startsWith(res);
    }
    if (isIfStatement(s)) return exits(s.thenStatement) && !!s.elseStatement && exits(s.elseStatement);
    return false;
  };

  /** Request values a condition really validates: typeof, regex test, length/range bounds, allow-lists, instanceof, inequality to a literal. */
  function validatedBy(cond: ts.Expression, positiveOnly = false): Taint[] {
    const out: Taint[] = [];
    const visit = (n: ts.Node) => {
      if (positiveOnly && isPrefixUnaryExpression(n) && n.operator === SyntaxKind.ExclamationToken) return;
      if (positiveOnly && isBinaryExpression(n) && n.operatorToken.kind === SyntaxKind.BarBarToken) return;
      if (isTypeOfExpression(n)) {
        const t = classify(n.expression);
        if (t) out.push(t);
      } else if (isBinaryExpression(n)) {
        const op = n.operatorToken.kind;
        if (op === SyntaxKind.InstanceOfKeyword || op === SyntaxKind.InKeyword) {
          const t = classify(op === SyntaxKind.InKeyword ? n.left : n.left);
          if (t) out.push(t);
        } else if (
          op === SyntaxKind.LessThanToken || op === SyntaxKind.GreaterThanToken ||
          op === SyntaxKind.LessThanEqualsToken || op === SyntaxKind.GreaterThanEqualsToken
        ) {
          for (const side of [n.left, n.right]) {
            let s = strip(side);
            if (isPropertyAccessExpression(s) && /^(length|size)$/.test(s.name.text)) s = s.expression;
            const t = classify(s);
            if (t) out.push(t);
          }
        } else if (op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken) {
          const lit = (x: ts.Expression) => isStringLiteral(strip(x)) || isNumericLiteral(strip(x));
          if (lit(n.right)) { const t = classify(n.left); if (t) out.push(t); }
          else if (lit(n.left)) { const t = classify(n.right); if (t) out.push(t); }
        } else if (op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken) {
          // x.length === 0 is presence; x.length === 36 is a bound
          const l = strip(n.left);
          if (isPropertyAccessExpression(l) && /^(length|size)$/.test(l.name.text) && isNumericLiteral(strip(n.right)) && strip(n.right).getText() !== "0") {
            const t = classify(l.expression);
            if (t) out.push(t);
          }
        }
      } else if (isCallExpression(n)) {
        const name = calleeName(n) ?? "";
        if (/^(test|includes|has|isInteger|isSafeInteger|isFinite|isNaN|isArray|match|matches|startsWith|endsWith)$/.test(name) || /^is[A-Z0-9]/.test(name) || isValidatorCall(n, index)) {
          for (const a of n.arguments) { const t = classify(a); if (t) out.push(t); }
          if (/^(match|matches|startsWith|endsWith)$/.test(name) && isPropertyAccessExpression(n.expression)) {
            const t = classify(n.expression.expression);
            if (t) out.push(t);
          }
        }
      }
      if (!isFunctionNode(n)) forEachChild(n, visit);
    };
    visit(cond);
    return out;
  }

  let first: UnvalidatedUse | undefined;
  const record = (expr: ts.Expression, t: Taint, how: UseKind, callee?: string) => {
    if (t.container) return;
    // The whole header bag handed to a parser or auth client (`Busboy({ headers: req.headers })`,
    // `auth.api.getSession({ headers })`) is plumbing, not a field the handler trusts.
    if (t.part === "headers" && t.path.length === 0 && how === "passed to a call") return;
    if (isValidated(t, expr.getStart())) return;
    if (!first) first = { expr, taint: t, how, callee };
  };

  const rootFields = new Map<string, Map<string, BodyField>>();
  const optionalFields = new Set<string>();
  const noteField = (t: Taint, numeric: boolean) => {
    if (t.part === "body" && !t.container) result.bodyRoots.add(t.root);
    if (!t.container && t.path.length > 0 && t.path[0] !== "[]") {
      const m = rootFields.get(t.root) ?? new Map<string, BodyField>();
      const f = m.get(t.path[0]) ?? { name: t.path[0], numeric: false };
      if (numeric && t.path.length === 1) f.numeric = true;
      m.set(t.path[0], f);
      rootFields.set(t.root, m);
    }
    if (t.part !== "body" || t.path.length === 0) return;
    const f = fields.get(t.path[0]) ?? { name: t.path[0], numeric: false };
    if (numeric && t.path.length === 1) f.numeric = true;
    fields.set(t.path[0], f);
  };

  /** Decide what a maximal request-derived expression's surroundings do with it. */
  function sink(expr: ts.Expression, t: Taint) {
    result.readsInput = true;
    noteField(t, false);
    if (t.part === "body" && t.path.length === 0 && !t.container) result.bodyReads.push(expr);
    let node: ts.Node = expr;
    let parent = node.parent;
    while (parent && (isParenthesizedExpression(parent) || isAsExpression(parent) || isNonNullExpression(parent) || isAwaitExpression(parent) || isSatisfiesExpression(parent) || isTypeAssertionExpression(parent))) {
      node = parent;
      parent = parent.parent;
    }
    if (!parent) return;
    if (isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) {
      if (isValidatorCall(parent, index)) {
        validated.push({ key: key(t), pos: parent.getStart() });
        return;
      }
      if (isLogging(parent) || isCheckCall(parent, index) || isHashing(parent)) return;
      const name = dottedName(parent.expression) ?? calleeName(parent) ?? "a function";
      const m = calleeName(parent) ?? "";
      const toClient = RESPONSE_METHODS.has(m) && /^(res|reply|response|c|ctx|NextResponse|Response)\b/.test(name);
      record(expr, t, toClient ? "sent back in the response" : "passed to a call", name);
      return;
    }
    if (isNewExpression(parent)) {
      record(expr, t, "passed to a call", parent.expression.getText());
      return;
    }
    if (isSpreadElement(parent) || isSpreadAssignment(parent)) return record(expr, t, "spread");
    if (isPropertyAssignment(parent) || isShorthandPropertyAssignment(parent) || isArrayLiteralExpression(parent)) {
      // `{ where: { email } }` / `[email]` handed to a call reads better as "passed to prisma.user.findFirst()"
      let holder: ts.Node = isArrayLiteralExpression(parent) ? parent : parent.parent;
      while (holder.parent && (isObjectLiteralExpression(holder.parent) || isArrayLiteralExpression(holder.parent) || isPropertyAssignment(holder.parent))) holder = holder.parent;
      const call = holder.parent;
      if (call && (isCallExpression(call) || isNewExpression(call)) && call.arguments?.includes(holder as ts.Expression)) {
        if (isCallExpression(call) && isValidatorCall(call, index)) {
          validated.push({ key: key(t), pos: call.getStart() });
          return;
        }
        if (isCallExpression(call) && (isLogging(call) || isCheckCall(call, index) || isHashing(call))) return;
        return record(expr, t, "passed to a call", dottedName(call.expression) ?? calleeName(call));
      }
      return record(expr, t, "stored");
    }
    if (isReturnStatement(parent) || (isArrowFunction(parent) && parent.body === node)) return record(expr, t, "returned");
    if (isTaggedTemplateExpression(parent)) return record(expr, t, "interpolated into a query");
    if (isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (op === SyntaxKind.EqualsToken && parent.right === node) {
        if (isIdentifier(parent.left)) vars.set(parent.left.text, t);
        else record(expr, t, "stored");
        return;
      }
      if (op === SyntaxKind.AsteriskToken || op === SyntaxKind.MinusToken || op === SyntaxKind.SlashToken || op === SyntaxKind.PercentToken ||
        op === SyntaxKind.LessThanToken || op === SyntaxKind.GreaterThanToken || op === SyntaxKind.LessThanEqualsToken || op === SyntaxKind.GreaterThanEqualsToken) {
        noteField(t, true);
      }
    }
  }

  function bind(name: ts.BindingName, t: Taint | undefined) {
    if (isIdentifier(name)) {
      if (t) vars.set(name.text, t);
      else vars.delete(name.text);
      return;
    }
    if (isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        const prop = el.propertyName && (isIdentifier(el.propertyName) || isStringLiteral(el.propertyName)) ? el.propertyName.text : isIdentifier(el.name) ? el.name.text : undefined;
        if (el.dotDotDotToken) { bind(el.name, t && { ...t }); continue; }
        let sub: Taint | undefined;
        if (t && prop) {
          if (t.container === "url") sub = prop === "searchParams" ? { ...t, container: "search", root: `${t.root}.searchParams` } : undefined;
          else if (!t.container) sub = { ...t, path: [...t.path, prop] };
        }
        if (sub) noteField(sub, false);
        bind(el.name, sub);
      }
      return;
    }
    for (const el of name.elements) if (isBindingElement(el)) bind(el.name, t && !t.container ? { ...t, path: [...t.path, "[]"] } : undefined);
  }

  function visit(n: ts.Node): void {
    if (isFunctionNode(n) && n !== fn) {
      // Callbacks (map, transaction) belong to the handler's flow; their own parameters are not request input.
      forEachChild(n, visit);
      return;
    }
    if (isVariableDeclaration(n)) {
      if (n.initializer) {
        const init = strip(n.initializer);
        const t = classify(init);
        if (t) {
          result.readsInput = true;
          if (t.part === "body" && t.path.length === 0) result.bodyReads.push(init);
          bind(n.name, isValidated(t, n.getStart()) ? undefined : t);
          if (isIdentifier(n.name) && t && !t.container) noteField(t, false);
          return;
        }
        visit(n.initializer);
        // a validator's result is clean
        bind(n.name, undefined);
      }
      return;
    }
    if (isIfStatement(n)) {
      visit(n.expression);
      if (exits(n.thenStatement)) for (const t of validatedBy(n.expression)) validated.push({ key: key(t), pos: n.thenStatement.getEnd() });
      else if (collectsErrors(n.thenStatement)) {
        // if (!validator.isEmail(x)) errors.push(...); … if (errors.length) return …
        for (const t of validatedBy(n.expression)) validated.push({ key: key(t), pos: n.thenStatement.getEnd() });
      } else {
        // if (ALLOWED.includes(x)) { use(x) }: the value is checked inside the branch
        for (const t of validatedBy(n.expression, true)) validated.push({ key: key(t), pos: n.thenStatement.getStart(), end: n.thenStatement.getEnd() });
      }
      visit(n.thenStatement);
      if (n.elseStatement) visit(n.elseStatement);
      return;
    }
    if (isCallExpression(n)) {
      const name = calleeName(n) ?? "";
      if (ASSERTIONS.has(name) && n.arguments[0]) {
        for (const t of validatedBy(n.arguments[0])) validated.push({ key: key(t), pos: n.getEnd() });
      }
      if (name === "validationResult" || name === "matchedData") validated.push({ key: "", pos: n.getStart() });
    }
    if (isValueExpression(n)) {
      const t = classify(n as ts.Expression);
      if (t) {
        sink(n as ts.Expression, t);
        return;
      }
    }
    forEachChild(n, visit);
  }

  visit(fn.body);
  result.firstUnvalidated = first;
  result.bodyFields = [...fields.values()];
  for (const [root, m] of rootFields) result.fieldsByRoot.set(root, [...m.values()].map((f) => (optionalFields.has(`${root}#${f.name}`) ? { ...f, optional: true } : f)));
  return result;
}

/** A branch that records a validation error for later: `errors.push(...)`, `errors.email = "..."`, `req.flash("errors", ...)`. */
function collectsErrors(s: ts.Statement): boolean {
  const text = s.getText();
  return /\b\w*(error|invalid|problem|issue)s?\w*\s*(\.push\(|\[[^\]]*\]\s*=|\.\w+\s*=|=)/i.test(text) || /flash\(\s*["']errors?["']/.test(text);
}

function isFunctionNode(n: ts.Node): boolean {
  return isArrowFunction(n) || isFunctionExpression(n) || isFunctionDeclaration(n) || isMethodDeclaration(n);
}

/** Expressions worth classifying: not names in declarations, property keys or type positions. */
function isValueExpression(e: ts.Node): boolean {
  const p = e.parent;
  if (!p) return false;
  if (isIdentifier(e)) {
    if (isPropertyAccessExpression(p) && p.name === e) return false;
    if ((isPropertyAssignment(p) || isBindingElement(p) || isParameter(p) || isFunctionDeclaration(p)) && p.name === e) return false;
    if (isTypeReferenceNode(p) || isQualifiedName(p)) return false;
  }
  return isExpression(e);
}
