import ts = require("typescript");
import type { ModelContext, WorkspaceView } from "../engine/types.js";
import { moduleExports, resolveModule, workspaceRelPath, type ModuleExport } from "./workspaceModules.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isAsExpression, isBinaryExpression, isBlock, isCallExpression, isClassLike, isComputedPropertyName, isConstructorDeclaration, isElementAccessExpression, isExpressionStatement, isFunctionDeclaration, isFunctionExpression, isFunctionLike, isIdentifier, isImportDeclaration, isMetaProperty, isModuleBlock, isNewExpression, isNoSubstitutionTemplateLiteral, isNonNullExpression, isObjectBindingPattern, isObjectLiteralExpression, isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isPropertyDeclaration, isSatisfiesExpression, isSourceFile, isSpreadAssignment, isStringLiteral, isTemplateExpression, isTypeAssertionExpression, isVariableDeclaration, isVariableStatement } = ts;

export type HttpClient = "fetch" | "axios" | "ky" | "got" | "ofetch" | "superagent" | "imported";

/** A client object made by `axios.create(…)`, `ky.create/extend(…)`, `got.extend(…)`, `ofetch.create(…)`. */
export interface ClientInstance {
  client: HttpClient;
  /** The declaration in this file, when the instance is created here. */
  decl?: ts.VariableDeclaration;
  /** The config object literal handed to create/extend, when written inline. */
  config?: ts.ObjectLiteralExpression;
  hasTimeout: boolean;
  /** An absolute or env-configured base URL. */
  absoluteBase: boolean;
}

export interface NetworkCall {
  /** The call that sends the request: `fetch(…)`, `axios.get(…)`, `api.post(…)`. */
  call: ts.CallExpression;
  /** The expression whose promise rejects when the request fails (a ky/superagent chain's outermost call). */
  promise: ts.Expression;
  client: HttpClient;
  /** Method name for `x.get(…)`-style calls. */
  method?: string;
  /** The URL argument, when there is one. */
  url?: ts.Expression;
  /** Index of the options/config argument for this call shape, and the argument itself if written. */
  initIndex: number;
  init?: ts.Expression;
  instance?: ClientInstance;
  /** The client rejects non-2xx answers itself (axios, ky, got, ofetch, superagent). */
  throwsOnHttpError: boolean;
}

export interface NetworkModel {
  calls: NetworkCall[];
  byCall: Map<ts.CallExpression, NetworkCall>;
  /** Functions imported from workspace modules that make a request their caller must handle. */
  importedWrapperCalls: ts.CallExpression[];
  instances: Map<string, ClientInstance>;
  /** Where the file runs, as far as the file (and its project) tells. */
  runtime(): "server" | "browser" | "unknown";
  /** Where this call runs: the file's runtime, unless a server-only function (getServerSideProps, "use server") holds it. */
  runtimeOf(node: ts.Node): "server" | "browser" | "unknown";
  /** Test, spec, story and mock files: not production code. */
  isTestFile: boolean;
  /** isExternalUrl with constants imported from workspace modules resolved too. */
  isExternalUrl(expr: ts.Expression | undefined): boolean;
  /** `axios.defaults.timeout = …` (or `<instance>.defaults.timeout`) is set in this file, by client/instance name. */
  defaultsTimeout: Set<string>;
}

const LIB_CLIENTS: Record<string, HttpClient> = {
  axios: "axios",
  redaxios: "axios",
  ky: "ky",
  "ky-universal": "ky",
  got: "got",
  ofetch: "ofetch",
  "ohmyfetch": "ofetch",
  superagent: "superagent",
  "node-fetch": "fetch",
  "cross-fetch": "fetch",
  "isomorphic-fetch": "fetch",
  "isomorphic-unfetch": "fetch",
  undici: "fetch",
};

const VERBS = new Set(["get", "post", "put", "patch", "delete", "del", "head", "options", "request", "postForm", "putForm", "patchForm", "raw"]);
const CREATORS = new Set(["create", "extend"]);
const KY_BODY = new Set(["json", "text", "blob", "arrayBuffer", "formData"]);
const SUPERAGENT_CHAIN = new Set([
  "send", "set", "query", "type", "accept", "auth", "field", "attach", "timeout", "retry", "withCredentials",
  "responseType", "ok", "redirects", "buffer", "ca", "cert", "key", "agent", "use", "sortQuery", "unset", "parse", "serialize",
]);
/** Methods whose config object is the second argument (no request body). */
const NO_BODY = new Set(["get", "delete", "del", "head", "options"]);

/** `"https://…"`, `` `https://…/${x}` ``, `${process.env.X}/…`, or a const initialised from either. */
export function isExternalUrl(expr: ts.Expression | undefined, sf: ts.SourceFile, imported?: (name: string) => boolean, depth = 0): boolean {
  if (!expr || depth > 3) return false;
  expr = skipOuter(expr);
  if (isStringLiteral(expr) || isNoSubstitutionTemplateLiteral(expr)) return isAbsoluteHttp(expr.text);
  if (isTemplateExpression(expr)) {
    if (expr.head.text) return isAbsoluteHttp(expr.head.text);
    return isExternalUrl(expr.templateSpans[0].expression, sf, imported, depth + 1);
  }
  if (isEnvRef(expr)) return true;
  if (isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.BarBarToken) return isExternalUrl(expr.left, sf, imported, depth + 1) || isExternalUrl(expr.right, sf, imported, depth + 1);
    if (op === SyntaxKind.PlusToken) return isExternalUrl(expr.left, sf, imported, depth + 1);
    return false;
  }
  if (isNewExpression(expr) && isIdentifier(expr.expression) && expr.expression.text === "URL" && expr.arguments) {
    return isExternalUrl(expr.arguments[1] ?? expr.arguments[0], sf, imported, depth + 1);
  }
  if (isPropertyAccessExpression(expr) && (expr.name.text === "href" || expr.name.text === "toString")) return isExternalUrl(expr.expression, sf, imported, depth + 1);
  if (isPropertyAccessExpression(expr)) {
    const value = memberValue(expr);
    if (value) return isExternalUrl(value, sf, imported, depth + 1);
  }
  if (isCallExpression(expr) && isIdentifier(expr.expression) && (expr.expression.text === "encodeURI" || expr.expression.text === "String")) {
    return isExternalUrl(expr.arguments[0], sf, imported, depth + 1);
  }
  if (isCallExpression(expr) && isPropertyAccessExpression(expr.expression) && expr.expression.name.text === "toString") return isExternalUrl(expr.expression.expression, sf, imported, depth + 1);
  if (isIdentifier(expr)) {
    const init = constInitializer(expr.text, expr);
    if (init && isPropertyAccessExpression(init) && init.name.text === "env") return true;
    if (init) return isExternalUrl(init, sf, imported, depth + 1);
    return !!imported && imported(expr.text);
  }
  return false;
}

/**
 * What `this.base` or `config.apiUrl` holds: a class property initializer or a constructor
 * assignment, or a property of a const object literal.
 */
function memberValue(expr: ts.PropertyAccessExpression): ts.Expression | undefined {
  const name = expr.name.text;
  const owner = skipOuter(expr.expression);
  if (owner.kind === SyntaxKind.ThisKeyword) {
    let cls: ts.Node | undefined = expr.parent;
    while (cls && !isClassLike(cls)) cls = cls.parent;
    if (!cls) return undefined;
    for (const m of (cls as ts.ClassLikeDeclaration).members) {
      if (isPropertyDeclaration(m) && m.name.getText() === name && m.initializer) return m.initializer;
      if (isConstructorDeclaration(m) && m.body) {
        for (const st of m.body.statements) {
          if (!isExpressionStatement(st) || !isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== SyntaxKind.EqualsToken) continue;
          const l = st.expression.left;
          if (isPropertyAccessExpression(l) && l.expression.kind === SyntaxKind.ThisKeyword && l.name.text === name) return st.expression.right;
        }
      }
    }
    return undefined;
  }
  if (isIdentifier(owner)) {
    const init = constInitializer(owner.text, owner);
    const obj = init && skipOuter(init);
    if (obj && isObjectLiteralExpression(obj)) {
      const prop = objectProp(obj, name);
      if (prop && isPropertyAssignment(prop)) return prop.initializer;
    }
  }
  return undefined;
}

function isAbsoluteHttp(text: string): boolean {
  // Calls to the developer's own machine are not a third-party API that can hang a request.
  return /^https?:\/\/(?!localhost\b|127\.0\.0\.1\b|0\.0\.0\.0\b|\[::1\])/i.test(text);
}

/** `process.env.X` / `process.env["X"]` / `Bun.env.X` / `Deno.env.get("X")`. */
/** `new URL(path, import.meta.url)`: an asset beside the module, not a request to a server. */
function isModuleRelativeUrl(expr: ts.Expression): boolean {
  if (!isNewExpression(expr) || !isIdentifier(expr.expression) || expr.expression.text !== "URL") return false;
  const base = expr.arguments?.[1];
  return !!base && isPropertyAccessExpression(base) && base.name.text === "url" && isMetaProperty(base.expression);
}

export function isEnvRef(expr: ts.Expression): boolean {
  expr = skipOuter(expr);
  if (isPropertyAccessExpression(expr) || isElementAccessExpression(expr)) {
    const obj = skipOuter(expr.expression);
    if (isPropertyAccessExpression(obj) && obj.name.text === "env" && isIdentifier(obj.expression) && (obj.expression.text === "process" || obj.expression.text === "Bun")) return true;
    if (isIdentifier(obj) && obj.text === "env") return true;
  }
  return false;
}

export function skipOuter(expr: ts.Expression): ts.Expression {
  while (isParenthesizedExpression(expr) || isAsExpression(expr) || isNonNullExpression(expr) || isSatisfiesExpression(expr) || isTypeAssertionExpression(expr)) {
    expr = expr.expression;
  }
  return expr;
}

/**
 * The initializer of the `const NAME = …` visible from `at`: searched in each enclosing block, then
 * the file. `const { NAME } = process.env` counts as an env reference.
 */
function constInitializer(name: string, at: ts.Node): ts.Expression | undefined {
  for (let n: ts.Node | undefined = at.parent; n; n = n.parent) {
    if (isBlock(n) || isSourceFile(n) || isModuleBlock(n)) {
      const found = findConst(n.statements, name);
      if (found) return found;
    }
  }
  return undefined;
}

function findConst(statements: ts.NodeArray<ts.Statement>, name: string): ts.Expression | undefined {
  for (const st of statements) {
    if (!isVariableStatement(st)) continue;
    if (!(st.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of st.declarationList.declarations) {
      if (isIdentifier(d.name) && d.name.text === name) return d.initializer;
      if (isObjectBindingPattern(d.name) && d.initializer && d.name.elements.some((e) => isIdentifier(e.name) && e.name.text === name)) {
        const init = skipOuter(d.initializer);
        // const { API_URL } = process.env
        if (isPropertyAccessExpression(init) && init.name.text === "env") return init;
      }
    }
  }
  return undefined;
}

export function objectProp(obj: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return obj.properties.find((p) => p.name !== undefined && !isComputedPropertyName(p.name) && (p.name as ts.Identifier).text === name);
}

/** An options object that sets one of these properties — or might (spread / not a literal). */
export function optionsMaySet(init: ts.Expression | undefined, names: string[]): boolean {
  if (!init) return false;
  let e = skipOuter(init);
  // const options = { method: "POST", … }; fetch(url, options)
  if (isIdentifier(e)) {
    const found = constInitializer(e.text, e);
    if (found && isObjectLiteralExpression(skipOuter(found))) e = skipOuter(found);
  }
  if (!isObjectLiteralExpression(e)) return !(e.kind === SyntaxKind.UndefinedKeyword || (isIdentifier(e) && e.text === "undefined"));
  return e.properties.some((p) => isSpreadAssignment(p) || (p.name !== undefined && !isComputedPropertyName(p.name) && names.includes((p.name as ts.Identifier).text)));
}

function isPathLike(expr: ts.Expression | undefined): boolean {
  if (!expr) return false;
  expr = skipOuter(expr);
  const head = isStringLiteral(expr) || isNoSubstitutionTemplateLiteral(expr) ? expr.text : isTemplateExpression(expr) ? expr.head.text : undefined;
  return head !== undefined && /^(\/|https?:\/\/)/.test(head);
}

const isWorkspaceModule = (m: string) => m.startsWith(".") || m.startsWith("@/") || m.startsWith("~/") || m.startsWith("#") || m.startsWith("$lib") || m.startsWith("src/");

export function networkModel(ctx: ModelContext): NetworkModel {
  const { index, sourceFile: sf } = ctx;
  const declaredLocally = new Set<string>();
  for (const fn of index.functions) if (isFunctionDeclaration(fn) && fn.name) declaredLocally.add(fn.name.text);

  /** Which client a bare identifier is, through imports or as a global. */
  const libOf = (name: string): HttpClient | undefined => {
    const b = index.importOf(name);
    if (b) {
      if (b.typeOnly) return undefined;
      const lib = LIB_CLIENTS[b.module];
      if (!lib) return undefined;
      if (lib === "fetch") return b.imported === "default" || b.imported === "fetch" || b.imported === "*" ? "fetch" : undefined;
      if (lib === "ofetch") return b.imported === "ofetch" || b.imported === "$fetch" || b.imported === "default" ? "ofetch" : undefined;
      return b.imported === "default" || b.imported === "*" ? lib : undefined;
    }
    if (declaredLocally.has(name)) return undefined;
    if (name === "fetch") return "fetch";
    if (name === "$fetch") return "ofetch";
    return undefined;
  };

  // Instances created in this file.
  const instances = new Map<string, ClientInstance>();
  for (const d of index.variableDeclarations) {
    if (!isIdentifier(d.name) || !d.initializer) continue;
    const init = skipOuter(d.initializer);
    if (!isCallExpression(init) || !isPropertyAccessExpression(init.expression)) continue;
    if (!CREATORS.has(init.expression.name.text)) continue;
    const base = skipOuter(init.expression.expression);
    if (!isIdentifier(base)) continue;
    const parent = instances.get(base.text);
    const client = parent?.client ?? libOf(base.text);
    if (!client || client === "fetch") continue;
    const cfg = init.arguments[0] && isObjectLiteralExpression(skipOuter(init.arguments[0])) ? (skipOuter(init.arguments[0]) as ts.ObjectLiteralExpression) : undefined;
    const baseProp = cfg && (objectProp(cfg, "baseURL") ?? objectProp(cfg, "prefixUrl") ?? objectProp(cfg, "baseUrl") ?? objectProp(cfg, "prefix"));
    instances.set(d.name.text, {
      client,
      decl: d,
      config: cfg,
      hasTimeout: (parent?.hasTimeout ?? false) || (init.arguments[0] !== undefined && optionsMaySet(init.arguments[0], ["timeout", "signal"])),
      absoluteBase: (parent?.absoluteBase ?? false) || (!!baseProp && isPropertyAssignment(baseProp) && isExternalUrl(baseProp.initializer, sf)),
    });
  }

  const defaultsTimeout = new Set<string>();
  for (const b of index.binaryExpressions) {
    if (b.operatorToken.kind !== SyntaxKind.EqualsToken) continue;
    const l = b.left;
    if (isPropertyAccessExpression(l) && l.name.text === "timeout" && isPropertyAccessExpression(l.expression) && l.expression.name.text === "defaults") {
      const owner = skipOuter(l.expression.expression);
      if (isIdentifier(owner)) defaultsTimeout.add(owner.text);
    }
  }

  // Clients imported from other files of the workspace.
  const importedCache = new Map<string, ModuleExport | undefined | null>();
  /**
   * What an imported binding is. null: not resolvable (no workspace, unknown alias) or not visible
   * (an exported object we cannot see into); undefined: resolved, not a network export. With
   * `need: "client"` the caller does not tell null from undefined, which spares the parse of
   * modules that show no sign of network code.
   */
  const importedExport = (local: string, need: "client" | "all"): ModuleExport | undefined | null => {
    const key = need === "all" ? `all:${local}` : local;
    if (importedCache.has(key)) return importedCache.get(key)!;
    const b = index.importOf(local);
    let result: ModuleExport | undefined | null = undefined;
    if (b && !b.typeOnly && isWorkspaceModule(b.module)) {
      const rel = ctx.workspace ? resolveModule(ctx.workspace, workspaceRelPath(ctx), b.module) : undefined;
      if (!rel || !ctx.workspace) result = null;
      else {
        const exp = moduleExports(ctx.workspace as WorkspaceView, rel, 0, need).get(b.imported === "*" ? "*" : b.imported);
        // "none": a binding we can see is not a client. Absent: something we cannot see into.
        result = exp?.kind === "none" || exp?.kind === "url" ? undefined : exp ?? (need === "all" ? null : undefined);
      }
    }
    importedCache.set(key, result);
    return result;
  };

  /** A constant imported from a workspace module that holds an absolute or env-configured URL. */
  const importedUrl = (local: string): boolean => {
    const b = index.importOf(local);
    if (!b || b.typeOnly || !isWorkspaceModule(b.module) || !ctx.workspace) return false;
    const rel = resolveModule(ctx.workspace, workspaceRelPath(ctx), b.module);
    return !!rel && moduleExports(ctx.workspace, rel, 0, "url").get(b.imported)?.kind === "url";
  };

  const calls: NetworkCall[] = [];
  const importedWrapperCalls: ts.CallExpression[] = [];
  for (const call of index.calls) {
    const nc = classify(call);
    if (nc) calls.push(nc);
  }

  function classify(call: ts.CallExpression): NetworkCall | undefined {
    const callee = skipOuter(call.expression);
    const args = call.arguments;
    if (isIdentifier(callee)) {
      const name = callee.text;
      const inst = instances.get(name);
      if (inst) return make(call, inst.client, undefined, args[0], 1, inst);
      const lib = libOf(name);
      if (lib && lib !== "superagent") return make(call, lib, undefined, args[0], 1);
      const imp = index.importOf(name) ? importedExport(name, "client") : undefined;
      if (imp && imp.kind === "wrapper") importedWrapperCalls.push(call);
      if (imp && imp.kind === "instance") return make(call, "imported", undefined, args[0], 1, imp.instance);
      return undefined;
    }
    if (!isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    const owner = skipOuter(callee.expression);
    // window.fetch / globalThis.fetch
    if (method === "fetch" && isIdentifier(owner) && ["window", "globalThis", "self"].includes(owner.text)) return make(call, "fetch", undefined, args[0], 1);
    if (!isIdentifier(owner)) return undefined;
    // import * as api from "../api"; api.getUser(…)
    if (index.importOf(owner.text)?.imported === "*" && isWorkspaceModule(index.importOf(owner.text)!.module) && ctx.workspace) {
      const b = index.importOf(owner.text)!;
      const rel = resolveModule(ctx.workspace, workspaceRelPath(ctx), b.module);
      const exp = rel ? moduleExports(ctx.workspace, rel, 0, "client").get(method) : undefined;
      if (exp?.kind === "wrapper") {
        importedWrapperCalls.push(call);
        return undefined;
      }
    }
    if (!VERBS.has(method)) return undefined;
    const inst = instances.get(owner.text);
    const lib = inst?.client ?? libOf(owner.text);
    if (lib && lib !== "fetch") {
      if (method === "request") return make(call, lib, method, args[0], 1, inst);
      const initIndex = lib === "axios" && !NO_BODY.has(method) ? 2 : 1;
      return make(call, lib, method, args[0], initIndex, inst);
    }
    if (lib) return undefined;
    if (!index.importOf(owner.text)) return undefined;
    const imp = importedExport(owner.text, "all");
    if (imp && imp.kind === "instance") {
      const initIndex = imp.instance.client === "axios" && !NO_BODY.has(method) ? 2 : 1;
      return make(call, "imported", method, args[0], initIndex, imp.instance);
    }
    if (imp === null) {
      // No workspace knowledge: an imported object called like an HTTP client with a path.
      if (method === "raw" || method === "request") return undefined;
      if (!isPathLike(args[0])) return undefined;
      // `app.get("/x", listUsers)` registers a route; it sends nothing.
      if (/^(app|router|routes?|server|api?Router|fastify|hono|koa)$/i.test(owner.text) && !/^api$/i.test(owner.text)) return undefined;
      if (args.slice(1).some((a) => isFunctionLike(a) || (isIdentifier(a) && (declaredLocally.has(a.text) || /handler|controller|middleware/i.test(a.text))))) return undefined;
      return make(call, "imported", method, args[0], NO_BODY.has(method) ? 1 : 2);
    }
    return undefined;
  }

  function make(call: ts.CallExpression, client: HttpClient, method: string | undefined, url: ts.Expression | undefined, initIndex: number, instance?: ClientInstance): NetworkCall | undefined {
    // fetch(new URL("./font.ttf", import.meta.url)) reads a file bundled with the module (edge
    // runtimes, Deno): no network, no HTTP status.
    if (url && isModuleRelativeUrl(skipOuter(url))) return undefined;
    // axios(config) / axios.request(config): the config is the only argument.
    if ((client === "axios" || instance?.client === "axios") && (method === undefined || method === "request") && url && isObjectLiteralExpression(skipOuter(url))) {
      const cfg = skipOuter(url) as ts.ObjectLiteralExpression;
      const u = objectProp(cfg, "url");
      return { call, promise: call, client, method, url: u && isPropertyAssignment(u) ? u.initializer : undefined, initIndex: 0, init: url, instance, throwsOnHttpError: true };
    }
    let promise: ts.Expression = call;
    const chainSet = client === "superagent" || instance?.client === "superagent" ? SUPERAGENT_CHAIN : client === "ky" || client === "got" || instance?.client === "ky" ? KY_BODY : undefined;
    if (chainSet) {
      for (;;) {
        const p = promise.parent;
        if (p && isPropertyAccessExpression(p) && p.expression === promise && chainSet.has(p.name.text) && p.parent && isCallExpression(p.parent) && p.parent.expression === p) {
          promise = p.parent;
        } else break;
      }
    }
    return { call, promise, client, method, url, initIndex, init: call.arguments[initIndex], instance, throwsOnHttpError: client !== "fetch" };
  }

  let runtimeMemo: "server" | "browser" | "unknown" | undefined;
  const byCall = new Map(calls.map((c) => [c.call, c] as const));
  return {
    calls,
    byCall,
    importedWrapperCalls,
    instances,
    defaultsTimeout,
    runtime: () => (runtimeMemo ??= fileRuntime(ctx)),
    runtimeOf(node) {
      for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
        if (isFunctionLike(p)) {
          const body = (p as ts.FunctionLikeDeclaration).body;
          if (body && isBlock(body)) {
            const first = body.statements[0];
            if (first && isExpressionStatement(first) && isStringLiteral(first.expression) && first.expression.text === "use server") return "server";
          }
          const name = (isFunctionDeclaration(p) || isFunctionExpression(p)) && p.name ? p.name.text : p.parent && isVariableDeclaration(p.parent) && isIdentifier(p.parent.name) ? p.parent.name.text : undefined;
          if (name && SERVER_FUNCTIONS.has(name)) return "server";
        }
      }
      return (runtimeMemo ??= fileRuntime(ctx));
    },
    isTestFile: /\.(test|spec|stories|story)\.[cm]?[jt]sx?$|(^|\/)(__tests__|__mocks__|e2e|cypress|playwright|tests?)\//.test(workspaceRelPath(ctx)),
    isExternalUrl: (expr) => isExternalUrl(expr, sf, importedUrl),
  };
}

/** Next.js / Remix functions that only ever run on the server, whatever the file. */
const SERVER_FUNCTIONS = new Set(["getServerSideProps", "getStaticProps", "getStaticPaths", "generateStaticParams", "generateMetadata", "loader", "action"]);

/** A file under `src/` of a project with a vite.config beside that `src/`: a Vite single-page app. */
function underViteSrc(ws: WorkspaceView | undefined, rel: string): boolean {
  if (!ws) return false;
  const parts = rel.split("/");
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] !== "src") continue;
    const root = parts.slice(0, i).join("/");
    const prefix = root ? `${root}/` : "";
    if (["vite.config.ts", "vite.config.js", "vite.config.mjs", "vite.config.mts"].some((f) => ws.readFile(prefix + f) !== undefined)) return true;
  }
  return false;
}

const SERVER_MODULES = /^(node:|fs$|fs\/|path$|crypto$|child_process$|http$|https$|os$|stream$|express$|fastify$|koa$|@koa\/|hono$|hono\/|@hono\/|@nestjs\/|next\/server$|next\/headers$|server-only$|pg$|mysql2|@prisma\/client$|knex$|mongoose$|mongodb$|postgres$|ioredis$|redis$|drizzle-orm|bullmq$|@aws-sdk\/|nodemailer$|firebase-admin|@supabase\/ssr|stripe$)/;
const BROWSER_MODULES = /^(react$|react-dom|react\/|next\/navigation$|next\/router$|@tanstack\/react-query$|swr$|vue$|svelte|@angular\/|solid-js|preact)/;

/**
 * Where a file runs. Server: route handlers, server actions, `server-only`, pages/api and
 * app/**\/route files, Node scripts, files that import server frameworks, Node built-ins or
 * database clients, or read non-public `process.env` names. Browser: 'use client', React
 * components and hooks, `import.meta.env`, DOM globals. Unknown otherwise (nothing is flagged).
 */
function fileRuntime(ctx: ModelContext): "server" | "browser" | "unknown" {
  const { index } = ctx;
  const rel = workspaceRelPath(ctx);
  if (index.directives.has("use client")) return "browser";
  if (index.directives.has("use server")) return "server";
  // `import "server-only"` binds nothing, so the index does not list it: look at the top-level imports.
  for (const st of ctx.sourceFile.statements) {
    if (isImportDeclaration(st) && isStringLiteral(st.moduleSpecifier) && st.moduleSpecifier.text === "server-only") return "server";
  }
  if (/(^|\/)pages\/api\//.test(rel) || /(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/.test(rel) || /(^|\/)middleware\.[jt]s$/.test(rel)) return "server";
  // App-router pages and layouts without 'use client' are server components (JSX or not).
  if (/(^|\/)app\/(.*\/)?(page|layout|template|default|not-found)\.[jt]sx?$/.test(rel) && ctx.workspace?.dependencies?.has("next") !== false) return "server";
  if (index.imports.some((b) => BROWSER_MODULES.test(b.module))) return "browser";
  if (underViteSrc(ctx.workspace, rel)) return "browser";
  if (/\.[jt]sx$/.test(rel) || index.jsxElements.length > 0) return "browser";
  if (/(^|\/)use[A-Z][^/]*\.[jt]s$/.test(rel)) return "browser";
  for (const p of index.propertyAccesses) {
    if (p.name.text === "env" && isMetaProperty(p.expression)) return "browser";
    if (isIdentifier(p.expression) && (p.expression.text === "window" || p.expression.text === "document" || p.expression.text === "localStorage")) return "browser";
  }
  // Type-only imports count too: `import type { FastifyInstance } from "fastify"` is a server plugin.
  if (index.imports.some((b) => SERVER_MODULES.test(b.module))) return "server";
  if (/(^|\/)(scripts?|bin|server|api|workers?|jobs|cron|controllers|middlewares?|queues)\//.test(rel) && !/(^|\/)src\/api\//.test(rel)) return "server";
  // Express-style route modules (not Remix app/routes, not SvelteKit +page/+server files).
  if (/(^|\/)routes\/([^/]+\/)*[^+/][^/]*\.[cm]?[jt]s$/.test(rel) && !/(^|\/)app\/routes\//.test(rel)) return "server";
  if (/\.(mjs|cjs)$/.test(rel) || /^#!.*\bnode\b/.test(ctx.text)) return "server";
  // A non-public env name can only be read on the server: bundlers inline only public prefixes.
  for (const p of index.propertyAccesses) {
    if (isPropertyAccessExpression(p.expression) && p.expression.name.text === "env" && isIdentifier(p.expression.expression) && p.expression.expression.text === "process") {
      if (!/^(NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|PUBLIC_|GATSBY_|NODE_ENV$)/.test(p.name.text)) return "server";
    }
  }
  const deps = ctx.workspace?.dependencies;
  if (deps && deps.size > 0) {
    const server = ["express", "fastify", "koa", "hono", "@nestjs/core"].some((d) => deps.has(d));
    const browser = ["react", "vue", "svelte", "@angular/core", "solid-js", "preact", "next"].some((d) => deps.has(d));
    if (server && !browser) return "server";
    if (browser && !server && !deps.has("next")) return "browser";
  }
  // A relative import of the project's database module marks a server-side service.
  if (index.imports.some((b) => b.module.startsWith(".") && /(^|\/)(db|database|prisma|knex|redis|queue)(\/index)?$/.test(b.module))) return "server";
  return "unknown";
}

