import ts = require("typescript");
import type { ModelContext } from "../engine/types.js";
import { isAuthName, isRateLimitName } from "./middleware.js";
import { routesModel, type RouteHandler } from "./routes.js";
import { parseSource } from "../engine/parse.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { forEachChild, isCallExpression, isIdentifier, isImportDeclaration, isNamedImports, isNamespaceImport, isNoSubstitutionTemplateLiteral, isObjectBindingPattern, isPropertyAccessExpression, isPropertyAssignment, isStringLiteral, isVariableStatement } = ts;

/**
 * Protection a route gets from other files of the workspace: a Next.js `middleware.ts` whose
 * matcher covers the route, or the file that mounts an Express router (`app.use("/x", requireAuth,
 * router)`, `app.use(limiter)`). Only read through `context.workspace`; without it, nothing is known.
 */
export type Protection = "auth" | "rate-limit";

export interface CoverageModel {
  /** Does a workspace file protect this handler? */
  covers(h: RouteHandler, kind: Protection): boolean;
}

interface NextMiddleware {
  matchers: RegExp[] | "all";
  auth: boolean;
  rateLimit: boolean;
}

const AUTH_TEXT = /export\s*\{[^}]*\bauth\b|export\s+default\s+auth\b|next-auth\/middleware|@clerk|\bauth\w*\(|clerkMiddleware|withAuth|getToken|jwtVerify|jwt\.verify|getSession|updateSession|session|supabase\.auth|cookies\.get\(\s*["'`][^"'`]*(token|session|auth|sid)/i;
const RATE_TEXT = /ratelimit|rate-limit|rateLimit|limiter/i;

/** Next.js matcher syntax (`/api/admin/:path*`) or a regex string → RegExp. */
export function matcherToRegExp(m: string): RegExp | undefined {
  try {
    if (/[()\\]/.test(m) && !/:\w+[*+?]?/.test(m.replace(/\(.*\)/, ""))) return new RegExp(`^${m}$`);
    let re = "";
    for (let i = 0; i < m.length; ) {
      const rest = m.slice(i);
      const param = /^\/:(\w+)([*+?]?)/.exec(rest);
      if (param) {
        re += param[2] === "*" ? "(?:/.*)?" : param[2] === "+" ? "(?:/.+)" : param[2] === "?" ? "(?:/[^/]+)?" : "/[^/]+";
        i += param[0].length;
        continue;
      }
      const group = /^\((.*?)\)/.exec(rest);
      if (group) {
        re += `(?:${group[1]})`;
        i += group[0].length;
        continue;
      }
      re += /[.+?^${}|[\]\\]/.test(m[i]) ? `\\${m[i]}` : m[i] === "*" ? ".*" : m[i];
      i++;
    }
    return new RegExp(`^${re}/?$`);
  } catch {
    return undefined;
  }
}

function readNextMiddleware(ctx: ModelContext, relPath: string): NextMiddleware | undefined {
  const ws = ctx.workspace;
  if (!ws) return undefined;
  const m = /^(.*?)(?:src\/)?(?:app|pages)\//.exec(relPath);
  const prefix = m ? m[1] : "";
  for (const base of ["middleware", "src/middleware", "proxy", "src/proxy"]) {
    for (const ext of [".ts", ".js", ".mjs", ".tsx"]) {
      const text = ws.readFile(`${prefix}${base}${ext}`);
      if (text === undefined) continue;
      const sf = parseSource("middleware.ts", text);
      let matchers: RegExp[] | "all" = "all";
      const visit = (n: ts.Node) => {
        if (isPropertyAssignment(n) && n.name.getText(sf) === "matcher") {
          const list: string[] = [];
          const collect = (e: ts.Node) => {
            if (isStringLiteral(e) || isNoSubstitutionTemplateLiteral(e)) list.push(e.text);
            else if (isPropertyAssignment(e) && e.name.getText(sf) === "source") collect(e.initializer);
            else forEachChild(e, collect);
          };
          collect(n.initializer);
          matchers = list.map(matcherToRegExp).filter((r): r is RegExp => !!r);
        }
        forEachChild(n, visit);
      };
      visit(sf);
      return { matchers, auth: AUTH_TEXT.test(text), rateLimit: RATE_TEXT.test(text) };
    }
  }
  return undefined;
}

const ENTRY_FILES = ["src/app", "src/server", "src/index", "src/main", "app", "server", "index", "main", "src/routes/index", "src/routes", "routes/index", "src/api/index"];
const EXTS = [".ts", ".js", ".mjs", ".cjs"];

/** Local names a mount file gives to the routes module (`import ordersRouter from "./routes/orders.routes"`). */
function importedAs(sf: ts.SourceFile, stem: string): Set<string> {
  const out = new Set<string>();
  const matches = (spec: string) => spec.replace(/\.[cm]?[jt]sx?$/, "").replace(/\/index$/, "").split("/").pop() === stem;
  for (const st of sf.statements) {
    if (isImportDeclaration(st) && isStringLiteral(st.moduleSpecifier) && matches(st.moduleSpecifier.text) && st.importClause) {
      const c = st.importClause;
      if (c.name) out.add(c.name.text);
      if (c.namedBindings && isNamedImports(c.namedBindings)) for (const el of c.namedBindings.elements) out.add(el.name.text);
      if (c.namedBindings && isNamespaceImport(c.namedBindings)) out.add(c.namedBindings.name.text);
    } else if (isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (init && isCallExpression(init) && init.expression.getText(sf) === "require" && init.arguments[0] && isStringLiteral(init.arguments[0]) && matches(init.arguments[0].text)) {
          if (isIdentifier(d.name)) out.add(d.name.text);
          else if (isObjectBindingPattern(d.name)) for (const el of d.name.elements) if (isIdentifier(el.name)) out.add(el.name.text);
        }
      }
    }
  }
  return out;
}

/** Middleware in `x.use(...)` calls of a mount file that apply to the router (or to everything). */
function mountProtection(text: string, routerName: string | undefined, stem: string): { auth: boolean; rateLimit: boolean; mounted: boolean } {
  const out = { auth: false, rateLimit: false, mounted: false };
  const sf = parseSource("mount.ts", text);
  const names = importedAs(sf, stem);
  if (routerName && text.includes(routerName)) names.add(routerName);
  const visit = (n: ts.Node) => {
    if (isCallExpression(n) && isPropertyAccessExpression(n.expression) && n.expression.name.text === "use") {
      const args = n.arguments;
      const hasPath = args.length > 0 && (isStringLiteral(args[0]) || isNoSubstitutionTemplateLiteral(args[0]));
      const mountsRouter = args.some((a) => isIdentifier(a) && names.has(a.text));
      const global = !hasPath && !args.some((a) => isIdentifier(a) && /router|routes/i.test(a.text));
      if (mountsRouter) out.mounted = true;
      // app.use("/v1/auth", authLimiter): a limiter on the auth paths covers the auth routes below them
      if (hasPath && /auth|login|sign|account|password|session/i.test((args[0] as ts.StringLiteral).text)) {
        for (const a of args.slice(1)) if ((isCallExpression(a) ? a.expression : a).getText(sf).split(".").some((p) => isRateLimitName(p))) out.rateLimit = true;
      }
      if (mountsRouter && mountPos === undefined) mountPos = n.pos;
      if (mountsRouter || global) {
        // A global `app.use(guard)` only guards routers mounted after it.
        const target = mountsRouter ? out : { auth: false, rateLimit: false };
        for (const a of args) {
          if (isIdentifier(a) && names.has(a.text)) break;
          const name = (isCallExpression(a) ? a.expression : a).getText(sf);
          if (/^(cookieSession|session|expressSession|passport\.(initialize|session))$/.test(name)) continue;
          if (name.split(".").some((p) => isAuthName(p))) target.auth = true;
          if (name.split(".").some((p) => isRateLimitName(p))) target.rateLimit = true;
        }
        if (!mountsRouter) globals.push({ pos: n.pos, ...target });
      }
    }
    forEachChild(n, visit);
  };
  let mountPos: number | undefined;
  const globals: { pos: number; auth: boolean; rateLimit: boolean }[] = [];
  visit(sf);
  for (const g of globals) {
    if (mountPos !== undefined && g.pos > mountPos) continue;
    if (g.auth) out.auth = true;
    if (g.rateLimit) out.rateLimit = true;
  }
  return out;
}

export function coverageModel(ctx: ModelContext): CoverageModel {
  const routes = ctx.model(routesModel);
  let next: NextMiddleware | undefined | null = null;
  const mounts = new Map<string, { auth: boolean; rateLimit: boolean }>();

  const exportedRouterName = (h: RouteHandler): string | undefined => {
    if (!h.receiver || h.receiver.includes(".")) return undefined;
    return h.receiver;
  };

  return {
    covers(h, kind) {
      if (h.framework === "next-app" || h.framework === "next-pages") {
        if (next === null) next = readNextMiddleware(ctx, routes.relPath);
        if (!next || !h.path) return false;
        if (kind === "auth" ? !next.auth : !next.rateLimit) return false;
        const path = h.path.replace(/\[\[?\.\.\.[^\]]+\]?\]/g, "x/y").replace(/\[[^\]]+\]/g, "x");
        return next.matchers === "all" || next.matchers.some((m) => m.test(path));
      }
      if (!ctx.workspace || (h.framework !== "express" && h.framework !== "unknown")) return false;
      const name = exportedRouterName(h);
      if (!name) return false;
      const routesFile = h.registeredIn ?? routes.relPath;
      const stem = routesFile.slice(routesFile.lastIndexOf("/") + 1).replace(/\.[cm]?[jt]sx?$/, "");
      const key = `${routesFile}#${name}`;
      let p = mounts.get(key);
      if (!p) {
        p = { auth: false, rateLimit: false };
        const top = /^(.*?\/)?src\//.exec(routesFile)?.[1] ?? "";
        const candidates = new Set<string>();
        for (const base of ENTRY_FILES) for (const ext of EXTS) candidates.add(`${top}${base}${ext}`);
        const texts = new Map<string, string>();
        for (const c of candidates) {
          const text = ctx.workspace.readFile(c);
          if (text && text.includes(".use(")) texts.set(c, text);
        }
        // Follow the mounts up to two levels: routes/orders.ts ← routes/index.ts ← app.ts
        let level: { file: string; name?: string }[] = [{ file: routesFile, name }];
        const seen = new Set<string>([routesFile]);
        for (let depth = 0; depth < 3 && level.length; depth++) {
          const next: { file: string; name?: string }[] = [];
          for (const target of level) {
            const dir = target.file.includes("/") ? target.file.slice(0, target.file.lastIndexOf("/")) : "";
            for (const ext of EXTS) {
              const c = `${dir}/index${ext}`;
              if (!texts.has(c)) { const t = ctx.workspace.readFile(c); if (t && t.includes(".use(")) texts.set(c, t); }
            }
            const tStem = target.file.slice(target.file.lastIndexOf("/") + 1).replace(/\.[cm]?[jt]sx?$/, "");
            const matchStem = tStem === "index" ? dir.slice(dir.lastIndexOf("/") + 1) : tStem;
            for (const [c, text] of texts) {
              if (c === target.file) continue;
              const found = mountProtection(text, target.name, matchStem);
              p.auth ||= found.auth;
              p.rateLimit ||= found.rateLimit;
              if (found.mounted && !seen.has(c)) {
                seen.add(c);
                next.push({ file: c });
              }
            }
          }
          level = next;
        }
        mounts.set(key, p);
      }
      return kind === "auth" ? p.auth : p.rateLimit;
    },
  };
}
