import ts = require("typescript");
import type { ModelContext } from "../engine/types.js";
import type { FileIndex } from "../engine/fileIndex.js";
import { calleeName, dottedName, functionName, isExported } from "./functions.js";
import { serverActions } from "./serverActions.js";
import { controllerRegistrations } from "./registrations.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isArrayLiteralExpression, isArrowFunction, isAsExpression, isBinaryExpression, isCallExpression, isExportAssignment, isFunctionDeclaration, isFunctionExpression, isIdentifier, isMethodDeclaration, isNoSubstitutionTemplateLiteral, isNonNullExpression, isObjectBindingPattern, isObjectLiteralExpression, isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isSatisfiesExpression, isShorthandPropertyAssignment, isStringLiteral, isStringLiteralLike, isTypeAssertionExpression, isVariableDeclaration, isVariableStatement } = ts;

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" | "ALL";
export type Framework = "express" | "fastify" | "koa" | "hono" | "next-app" | "next-pages" | "server-action" | "unknown";

/**
 * - `route`: registered in this file (`app.post(...)`, Next `route.ts` export, pages/api default export);
 * - `server-action`: a `'use server'` function;
 * - `controller`: an exported `(req, res)` function of a controller module, registered elsewhere, so
 *   its middleware chain is unknown.
 */
export type HandlerKind = "route" | "server-action" | "controller";

export interface HandlerParams {
  /** `req`, `request`, `ctx` (Koa), `c` (Hono). */
  request?: string;
  /** `res`, `reply`. */
  response?: string;
  /** The Next.js route context parameter, or names destructured from it (`{ params }`). */
  context?: string;
  contextNames: string[];
  /** Server action parameters (FormData or plain arguments). */
  args: { name: string; formData: boolean }[];
}

export interface RouteHandler {
  framework: Framework;
  kind: HandlerKind;
  method: HttpMethod;
  path?: string;
  /** A name for messages and public-endpoint checks: the function or export name. */
  name?: string;
  /** The registration call (`app.post(...)`) or the exported declaration / function. */
  node: ts.Node;
  /** The handler function when it is written inline or declared in this file. */
  handler?: ts.FunctionLikeDeclaration;
  /** Middleware in front of the handler: route arguments, Fastify hook options, and `use`/`addHook` in this file that apply. */
  chain: ts.Expression[];
  /** False when the handler is registered in another file (controllers): nobody here knows its chain. */
  chainKnown: boolean;
  /** Higher-order functions around the handler, outermost first (`withAuth(async (req) => …)`). */
  wrappers: ts.CallExpression[];
  /** Fastify route options (`{ schema, preHandler }`), when given. */
  options?: ts.ObjectLiteralExpression;
  params: HandlerParams;
  /** The receiver a registration was made on (`router` in `router.post`), for mount lookups. */
  receiver?: string;
  /** For controllers: the routes file (workspace-relative) that registers the function. */
  registeredIn?: string;
}

export interface RoutesModel {
  handlers: RouteHandler[];
  /** Error middleware and framework error hooks: `(err, req, res, next)`, `setErrorHandler`, `onError`. */
  errorHandlers: ts.FunctionLikeDeclaration[];
  /** Handler whose function contains a node, if any. */
  handlerOf(node: ts.Node): RouteHandler | undefined;
  /** App-wide middleware registered in this file (`app.use(x)`, `server.register(plugin)`, hooks without a route). */
  fileLevel: ts.Expression[];
  /** Workspace-relative path of the file, when the host tells the root. */
  relPath: string;
}

const METHODS = new Set(["get", "post", "put", "patch", "delete", "del", "head", "options", "all"]);
const NEXT_EXPORTS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
/** Method names `routesModel` looks at: registrations, hooks, error handlers and the HTTP methods. */
const REGISTRATION_NAMES = new Set(["use", "addHook", "register", "setErrorHandler", "onError", "route", ...METHODS]);
const FASTIFY_HOOK_KEYS = new Set(["preHandler", "onRequest", "preValidation", "preParsing", "preSerialization"]);

function frameworkOf(index: FileIndex): Framework {
  const has = (m: RegExp) => index.importsFrom((mod) => m.test(mod));
  if (has(/^fastify$|^fastify-plugin$|^@fastify\//)) return "fastify";
  if (has(/^hono($|\/)/)) return "hono";
  if (has(/^koa$|^@koa\/router$|^koa-router$/)) return "koa";
  if (has(/^express$|^express-serve-static-core$/)) return "express";
  return "unknown";
}

function strip(e: ts.Expression): ts.Expression {
  while (isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e) || isSatisfiesExpression(e) || isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

function stringValue(e: ts.Expression | undefined): string | undefined {
  if (!e) return undefined;
  e = strip(e);
  return isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e) ? e.text : undefined;
}

/** Local declarations of a name at module level or anywhere in the file (no scopes: names in route files are rarely shadowed). */
function localFunction(ctx: ModelContext, name: string): { fn?: ts.FunctionLikeDeclaration; wrappers: ts.CallExpression[] } {
  for (const fn of ctx.index.functions) {
    if (isFunctionDeclaration(fn) && fn.name?.text === name) return { fn, wrappers: [] };
  }
  for (const d of ctx.index.variableDeclarations) {
    if (isIdentifier(d.name) && d.name.text === name && d.initializer) return unwrap(d.initializer);
  }
  return { wrappers: [] };
}

/** `withAuth(asyncHandler(async (req) => …))` → the inner function and the wrapper calls, outermost first. */
export function unwrap(expr: ts.Expression): { fn?: ts.FunctionLikeDeclaration; wrappers: ts.CallExpression[] } {
  const wrappers: ts.CallExpression[] = [];
  let e = strip(expr);
  for (let depth = 0; depth < 6; depth++) {
    if (isArrowFunction(e) || isFunctionExpression(e)) return { fn: e, wrappers };
    if (!isCallExpression(e)) break;
    wrappers.push(e);
    // The handler is the function argument (usually the first or last); otherwise follow the last call argument.
    const fnArg = e.arguments.find((a) => isArrowFunction(strip(a)) || isFunctionExpression(strip(a)));
    const next = fnArg ?? [...e.arguments].reverse().find((a) => isCallExpression(strip(a)));
    if (!next) break;
    e = strip(next);
  }
  return { wrappers };
}

function paramName(p: ts.ParameterDeclaration | undefined): string | undefined {
  return p && isIdentifier(p.name) ? p.name.text : undefined;
}

function paramsOf(fn: ts.FunctionLikeDeclaration | undefined, framework: Framework): HandlerParams {
  const out: HandlerParams = { contextNames: [], args: [] };
  if (!fn) return out;
  const ps = fn.parameters;
  if (framework === "hono" || framework === "koa") {
    out.request = paramName(ps[0]);
    return out;
  }
  if (framework === "next-app") {
    out.request = paramName(ps[0]);
    const ctxParam = ps[1];
    if (ctxParam) {
      if (isIdentifier(ctxParam.name)) out.context = ctxParam.name.text;
      else if (isObjectBindingPattern(ctxParam.name)) {
        for (const el of ctxParam.name.elements) if (isIdentifier(el.name)) out.contextNames.push(el.name.text);
      }
    }
    return out;
  }
  if (framework === "server-action") {
    for (const p of ps) {
      if (!isIdentifier(p.name)) continue;
      const typeText = p.type?.getText() ?? "";
      out.args.push({ name: p.name.text, formData: /\bFormData\b/.test(typeText) || /^form(Data)?$/i.test(p.name.text) });
    }
    return out;
  }
  out.request = paramName(ps[0]);
  out.response = paramName(ps[1]);
  return out;
}

function methodOf(name: string): HttpMethod {
  const m = name.toLowerCase();
  return (m === "del" ? "DELETE" : m.toUpperCase()) as HttpMethod;
}

/** Workspace-relative path, from the host's root when it is known. */
function relativePath(ctx: ModelContext): string {
  const f = ctx.fileName.replace(/\\/g, "/");
  const root = ctx.workspace?.root?.replace(/\\/g, "/").replace(/\/$/, "");
  if (root && f.startsWith(root + "/")) return f.slice(root.length + 1);
  return f.replace(/^\/+/, "");
}

/** `app/api/items/[id]/route.ts` → `/api/items/[id]`; `pages/api/x.ts` → `/api/x`. Route groups `(x)` vanish. */
export function nextRoutePath(relPath: string): string | undefined {
  const app = /(?:^|\/)app\/(.*)\/route\.[cm]?[jt]sx?$/.exec(relPath);
  if (app) return "/" + app[1].split("/").filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@")).join("/");
  const pages = /(?:^|\/)pages\/(api\/.*)\.[cm]?[jt]sx?$/.exec(relPath);
  if (pages) return "/" + pages[1].replace(/\/index$/, "");
  return undefined;
}

const CONTROLLER_PATH = /(controller|handler|endpoint)s?(\/|\.|$)|(^|\/)(controllers?|handlers?|routes?|api|endpoints)\//i;

export function routesModel(ctx: ModelContext): RoutesModel {
  const index = ctx.index;
  const relPath = relativePath(ctx);
  // Only a registration or a controller needs it, and most files have neither.
  let frameworkMemo: Framework | undefined;
  const framework = () => (frameworkMemo ??= frameworkOf(index));
  const handlers: RouteHandler[] = [];
  const errorHandlers: ts.FunctionLikeDeclaration[] = [];
  const fileLevel: ts.Expression[] = [];
  /** `x.use(...)` / `x.addHook(...)` calls, to fold into the chains of routes registered on `x`. */
  const uses: { receiver: string; call: ts.CallExpression; path?: string; middleware: ts.Expression[] }[] = [];
  const registeredFns = new Set<ts.Node>();

  for (const call of index.calls) {
    const callee = call.expression;
    if (!isPropertyAccessExpression(callee)) {
      continue;
    }
    const name = callee.name.text;
    // Most calls are none of the registrations below: skip them before building the receiver's name.
    if (!REGISTRATION_NAMES.has(name)) continue;
    const receiver = dottedName(callee.expression);
    if (name === "use" && receiver) {
      const path = stringValue(call.arguments[0]);
      const middleware = call.arguments.filter((a) => stringValue(a) === undefined) as ts.Expression[];
      uses.push({ receiver, call, path, middleware });
      if (!path) fileLevel.push(...middleware);
      continue;
    }
    if (name === "addHook" && receiver) {
      const hook = stringValue(call.arguments[0]);
      const fn = call.arguments[1];
      if (hook && fn && /^(onRequest|preHandler|preValidation|preParsing)$/.test(hook)) {
        // `if (req.url.startsWith("/admin")) await req.jwtVerify()` guards /admin only
        const prefixes = hookPathPrefixes(fn, index);
        if (prefixes.length) for (const prefix of prefixes) uses.push({ receiver, call, path: prefix, middleware: [fn] });
        else {
          uses.push({ receiver, call, middleware: [fn] });
          fileLevel.push(fn);
        }
      }
      continue;
    }
    if (name === "register" && receiver && call.arguments[0]) {
      // Fastify plugins: `server.register(rateLimit, {...})` applies to every route of the instance.
      fileLevel.push(call.arguments[0]);
      continue;
    }
    if ((name === "setErrorHandler" || name === "onError") && call.arguments[0]) {
      const fn = strip(call.arguments[0]);
      if (isArrowFunction(fn) || isFunctionExpression(fn)) errorHandlers.push(fn);
      continue;
    }
    if (name === "route" && call.arguments.length === 1 && isObjectLiteralExpression(strip(call.arguments[0]))) {
      addFastifyRoute(call, strip(call.arguments[0]) as ts.ObjectLiteralExpression, receiver);
      continue;
    }
    if (!METHODS.has(name) || name !== name.toLowerCase()) continue;
    let path: string | undefined;
    let args = [...call.arguments];
    let chainReceiver = receiver;
    const inner = strip(callee.expression);
    if (isCallExpression(inner) && isPropertyAccessExpression(inner.expression) && inner.expression.name.text === "route") {
      // Express `router.route("/x").get(h).post(h)` — the path sits in route(); Hono `app.route()` differs (mount) and has 2 args.
      if (inner.arguments.length !== 1) continue;
      path = stringValue(inner.arguments[0]);
      chainReceiver = dottedName(inner.expression.expression);
    } else if (isCallExpression(inner) && isPropertyAccessExpression(inner.expression) && METHODS.has(inner.expression.name.text)) {
      // `.route(path).get(a).post(b)` — the path lives further in
      let c: ts.Expression = inner;
      while (isCallExpression(c) && isPropertyAccessExpression(c.expression) && METHODS.has(c.expression.name.text)) c = c.expression.expression;
      if (!(isCallExpression(c) && isPropertyAccessExpression(c.expression) && c.expression.name.text === "route")) continue;
      path = stringValue(c.arguments[0]);
      chainReceiver = dottedName(c.expression.expression);
    } else {
      const first = stringValue(args[0]);
      if (first === undefined) {
        // Koa named routes: router.get("name", "/path", handler)
        continue;
      }
      if (!(first.startsWith("/") || first === "*" || first === "")) continue;
      args = args.slice(1);
      path = first;
      const second = stringValue(args[0]);
      if (second !== undefined && second.startsWith("/")) {
        path = second;
        args = args.slice(1);
      }
    }
    if (args.length === 0) continue;
    const last = args[args.length - 1];
    let options: ts.ObjectLiteralExpression | undefined;
    let chain = args.slice(0, -1);
    let handlerExpr: ts.Expression = last;
    const lastStripped = strip(last);
    if (isObjectLiteralExpression(lastStripped)) {
      // Fastify `app.get(path, { handler, schema, preHandler })`
      const h = prop(lastStripped, "handler");
      if (!h) continue;
      options = lastStripped;
      handlerExpr = h;
    }
    const optArg = chain.find((a) => isObjectLiteralExpression(strip(a)));
    if (optArg) {
      options = strip(optArg) as ts.ObjectLiteralExpression;
      chain = chain.filter((a) => a !== optArg);
    }
    if (options) chain.push(...hookValues(options));
    const fw: Framework = framework() === "unknown" ? guessFramework(handlerExpr) : framework();
    addRoute({ call, method: methodOf(name), path, chain, handlerExpr, options, framework: fw, receiver: chainReceiver });
  }

  function addFastifyRoute(call: ts.CallExpression, opts: ts.ObjectLiteralExpression, receiver: string | undefined) {
    const h = prop(opts, "handler");
    if (!h) return;
    const m = prop(opts, "method");
    let method: HttpMethod = "ALL";
    const mv = stringValue(m);
    if (mv) method = methodOf(mv);
    else if (m && isArrayLiteralExpression(strip(m))) {
      const vals = (strip(m) as ts.ArrayLiteralExpression).elements.map((e) => stringValue(e)).filter(Boolean) as string[];
      method = vals.some((v) => /post|put|patch|delete/i.test(v)) ? methodOf(vals.find((v) => /post|put|patch|delete/i.test(v))!) : methodOf(vals[0] ?? "all");
    }
    const path = stringValue(prop(opts, "url") ?? prop(opts, "path"));
    addRoute({ call, method, path, chain: hookValues(opts), handlerExpr: h, options: opts, framework: "fastify", receiver });
  }

  function addRoute(r: { call: ts.CallExpression; method: HttpMethod; path?: string; chain: ts.Expression[]; handlerExpr: ts.Expression; options?: ts.ObjectLiteralExpression; framework: Framework; receiver?: string }) {
    let { fn, wrappers } = unwrap(r.handlerExpr);
    const he = strip(r.handlerExpr);
    if (!fn && isIdentifier(he)) ({ fn, wrappers } = localFunction(ctx, he.text));
    if (!fn && wrappers.length > 0) {
      const inner = wrappers[wrappers.length - 1].arguments.find((a) => isIdentifier(strip(a)));
      if (inner) {
        const found = localFunction(ctx, (strip(inner) as ts.Identifier).text);
        fn = found.fn;
        wrappers = [...wrappers, ...found.wrappers];
      }
    }
    if (fn) registeredFns.add(fn);
    handlers.push({
      framework: r.framework,
      kind: "route",
      method: r.method,
      path: r.path,
      name: fn ? functionName(fn) : dottedName(he),
      node: r.call,
      handler: fn,
      chain: r.chain,
      chainKnown: true,
      wrappers,
      options: r.options,
      params: paramsOf(fn, r.framework),
      receiver: r.receiver,
    });
  }

  // Fold `x.use(mw)` / `x.addHook(...)` registered before a route on the same receiver into its chain.
  for (const h of handlers) {
    for (const u of uses) {
      if (u.call.pos > h.node.pos) continue;
      const sameReceiver = u.receiver === h.receiver;
      // `app.use("/auth", limiter, authRouter)` in the file that also defines authRouter's routes
      const mountsThis = !!h.receiver && u.call.arguments.some((a) => dottedName(a) === h.receiver);
      if (!sameReceiver && !mountsThis) continue;
      if (sameReceiver && u.path && h.path && !pathCovers(u.path, h.path)) continue;
      h.chain.unshift(...u.middleware.filter((m) => dottedName(m) !== h.receiver));
    }
  }

  // Next.js app router: route.ts exports GET/POST/… (functions, arrows, or wrapped in HOFs)
  if (/(^|\/)route\.[cm]?[jt]sx?$/.test(relPath)) {
    const path = nextRoutePath(relPath);
    for (const stmt of ctx.sourceFile.statements) {
      if (isFunctionDeclaration(stmt) && stmt.name && NEXT_EXPORTS.has(stmt.name.text) && isExported(stmt)) {
        pushExport("next-app", stmt.name.text as HttpMethod, stmt, stmt, [], path);
      } else if (isVariableStatement(stmt) && isExported(stmt.declarationList.declarations[0] ?? stmt)) {
        for (const d of stmt.declarationList.declarations) {
          if (!isIdentifier(d.name) || !NEXT_EXPORTS.has(d.name.text) || !d.initializer) continue;
          let { fn, wrappers } = unwrap(d.initializer);
          if (!fn && wrappers.length) {
            const id = wrappers[wrappers.length - 1].arguments.find((a) => isIdentifier(a));
            if (id) ({ fn } = localFunction(ctx, (id as ts.Identifier).text));
          }
          if (!fn && isIdentifier(strip(d.initializer))) ({ fn, wrappers } = localFunction(ctx, (strip(d.initializer) as ts.Identifier).text));
          pushExport("next-app", d.name.text as HttpMethod, d, fn, wrappers, path);
        }
      }
    }
  }

  // Next.js pages router: pages/api/** default export
  if (/(^|\/)pages\/api\//.test(relPath)) {
    const path = nextRoutePath(relPath);
    for (const stmt of ctx.sourceFile.statements) {
      if (isFunctionDeclaration(stmt) && stmt.modifiers?.some((m) => m.kind === SyntaxKind.DefaultKeyword)) {
        pushExport("next-pages", "ALL", stmt, stmt, [], path);
      } else if (isExportAssignment(stmt) && !stmt.isExportEquals) {
        let { fn, wrappers } = unwrap(stmt.expression);
        const e = strip(stmt.expression);
        if (!fn && isIdentifier(e)) ({ fn, wrappers } = localFunction(ctx, e.text));
        if (!fn && wrappers.length) {
          const id = wrappers[wrappers.length - 1].arguments.find((a) => isIdentifier(a));
          if (id) {
            const found = localFunction(ctx, (id as ts.Identifier).text);
            fn = found.fn;
          }
        }
        pushExport("next-pages", "ALL", stmt, fn, wrappers, path);
      }
    }
    for (const h of handlers) if (h.framework === "next-pages" && h.handler) h.method = pagesMethod(h.handler);
  }

  function pushExport(fw: Framework, method: HttpMethod, node: ts.Node, fn: ts.FunctionLikeDeclaration | undefined, wrappers: ts.CallExpression[], path?: string) {
    if (fn) registeredFns.add(fn);
    handlers.push({
      framework: fw,
      kind: "route",
      method,
      path,
      name: fn ? functionName(fn) ?? method : method,
      node,
      handler: fn,
      chain: [],
      chainKnown: true,
      wrappers,
      params: paramsOf(fn, fw),
    });
  }

  // Server actions
  for (const a of serverActions(ctx)) {
    if (registeredFns.has(a.fn)) continue;
    registeredFns.add(a.fn);
    handlers.push({
      framework: "server-action",
      kind: "server-action",
      method: "POST",
      name: a.name,
      node: a.node,
      handler: a.fn,
      chain: [],
      chainKnown: true,
      wrappers: a.wrappers,
      params: paramsOf(a.fn, "server-action"),
    });
  }

  // Express error middleware `(err, req, res, next)` declared anywhere
  for (const fn of index.functions) {
    if (fn.parameters.length === 4 && /^(err|error|e|ex|exception)$/i.test(paramName(fn.parameters[0]) ?? "") && !errorHandlers.includes(fn)) {
      errorHandlers.push(fn);
    }
  }

  // Controller modules: exported (req, res) functions registered in another file
  const controllerish = CONTROLLER_PATH.test(relPath) || index.importsFrom((m) => m === "express" || m === "fastify" || m === "koa" || m === "next");
  if (controllerish) {
    let lookup: ReturnType<typeof controllerRegistrations> | null = null;
    for (const fn of index.functions) {
      if (registeredFns.has(fn) || !isControllerFunction(fn, relPath)) continue;
      registeredFns.add(fn);
      const fw: Framework = framework() === "unknown" ? "express" : framework();
      const name = functionName(fn);
      if (lookup === null) lookup = controllerRegistrations(ctx, relPath);
      const reg = name && lookup ? lookup(name) : undefined;
      handlers.push({
        framework: fw,
        kind: "controller",
        method: reg ? (reg.method as HttpMethod) : guessMethod(name),
        path: reg?.path,
        name,
        node: fn,
        handler: fn,
        chain: reg ? reg.chain : [],
        chainKnown: !!reg,
        receiver: reg?.receiver,
        registeredIn: reg?.file,
        wrappers: [],
        params: paramsOf(fn, fw),
      });
    }
  }

  // Chained registrations (`route(p).put(a).delete(b)`) share a start: the inner call comes first.
  handlers.sort((a, b) => a.node.pos - b.node.pos || a.node.end - b.node.end);
  const byFn = new Map<ts.Node, RouteHandler>();
  for (const h of handlers) if (h.handler) byFn.set(h.handler, h);
  return {
    handlers,
    errorHandlers,
    fileLevel,
    relPath,
    handlerOf(node) {
      for (let p: ts.Node | undefined = node; p; p = p.parent) {
        const h = byFn.get(p);
        if (h) return h;
      }
      return undefined;
    },
  };
}

function prop(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of obj.properties) {
    if (!p.name || !(isIdentifier(p.name) || isStringLiteral(p.name)) || p.name.text !== name) continue;
    if (isPropertyAssignment(p)) return p.initializer;
    if (isShorthandPropertyAssignment(p)) return p.name;
    if (isMethodDeclaration(p)) return p as unknown as ts.Expression;
  }
  return undefined;
}

export { prop as objectProperty };

function hookValues(opts: ts.ObjectLiteralExpression): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (const p of opts.properties) {
    if (isPropertyAssignment(p) && p.name && isIdentifier(p.name) && FASTIFY_HOOK_KEYS.has(p.name.text)) {
      const v = strip(p.initializer);
      if (isArrayLiteralExpression(v)) out.push(...v.elements);
      else out.push(v);
    }
  }
  return out;
}

/** Does a `use` path prefix cover a route path? `/api` covers `/api/x`; `*` and `/` cover all. */
/** Path prefixes an inline hook tests before acting: `req.url.startsWith("/admin")` → ["/admin"]. */
function hookPathPrefixes(hook: ts.Expression, index: FileIndex): string[] {
  const fn = strip(hook);
  if (!isArrowFunction(fn) && !isFunctionExpression(fn)) return [];
  return index.calls
    .filter((c) => c.pos >= fn.pos && c.end <= fn.end && calleeName(c) === "startsWith" && !!c.arguments[0] && isStringLiteralLike(c.arguments[0]) && c.arguments[0].text.startsWith("/"))
    .map((c) => (c.arguments[0] as ts.StringLiteralLike).text);
}

function pathCovers(prefix: string, path: string): boolean {
  const p = prefix.replace(/\/?\*+$/, "").replace(/\/$/, "");
  if (p === "") return true;
  return path === p || path.startsWith(p + "/");
}

function guessFramework(handlerExpr: ts.Expression): Framework {
  const { fn } = unwrap(handlerExpr);
  if (!fn) return "express";
  const first = paramName(fn.parameters[0]);
  if (fn.parameters.length === 1 && first === "c") return "hono";
  if (first === "ctx") return "koa";
  if (paramName(fn.parameters[1]) === "reply") return "fastify";
  return "express";
}

/** pages/api handlers branch on `req.method`: mutating if any branch mentions a mutating method. */
function pagesMethod(fn: ts.FunctionLikeDeclaration): HttpMethod {
  const text = fn.getText();
  const m = /["'`](POST|PUT|PATCH|DELETE)["'`]/.exec(text);
  if (m) return m[1] as HttpMethod;
  if (/["'`]GET["'`]/.test(text)) return "GET";
  return "ALL";
}

function guessMethod(name: string | undefined): HttpMethod {
  if (!name) return "ALL";
  if (/^(get|list|find|show|index|read|fetch|search|count|download|export)/i.test(name)) return "GET";
  if (/^(delete|remove|destroy)/i.test(name)) return "DELETE";
  if (/^(update|edit|patch)/i.test(name)) return "PATCH";
  if (/^(create|add|post|store|save|upload|register|import)/i.test(name)) return "POST";
  return "ALL";
}

function isControllerFunction(fn: ts.FunctionLikeDeclaration, relPath: string): boolean {
  if (fn.parameters.length < 2 || fn.parameters.length > 3) return false;
  const req = paramName(fn.parameters[0]);
  const res = paramName(fn.parameters[1]);
  if (!req || !res || !/^(req|request)$/.test(req) || !/^(res|response|reply)$/.test(res)) return false;
  if (!exportedFunction(fn)) return false;
  const typed = /Request|Response|Reply/.test(fn.parameters[0].type?.getText() ?? "");
  if (!typed && !CONTROLLER_PATH.test(relPath)) return false;
  // `(req, res, next)` that calls next() is middleware, not a handler
  const next = paramName(fn.parameters[2]);
  if (next && fn.body && new RegExp(`\\b${next}\\(\\s*\\)`).test(fn.body.getText())) return false;
  return true;
}

function exportedFunction(fn: ts.FunctionLikeDeclaration): boolean {
  if (isFunctionDeclaration(fn)) return isExported(fn);
  let p: ts.Node = fn.parent;
  while (p && (isParenthesizedExpression(p) || isAsExpression(p) || (isCallExpression(p) && p.arguments.includes(fn as ts.Expression)))) p = p.parent;
  if (isVariableDeclaration(p)) return isExported(p);
  // exports.create = (req, res) => … / module.exports.create = …
  if (isBinaryExpression(p) && isPropertyAccessExpression(p.left)) return /^(module\.)?exports(\.|$)/.test(p.left.getText());
  // export default { create: async (req, res) => … } / class methods of controllers
  if (isPropertyAssignment(p)) return true;
  if (isMethodDeclaration(fn)) return true;
  return false;
}
