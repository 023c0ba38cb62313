import ts = require("typescript");
import type { WorkspaceView } from "../engine/types.js";
import { isExternalUrl, optionsMaySet, objectProp, skipOuter, type ClientInstance, type HttpClient } from "./network.js";
import { parseSource } from "../engine/parse.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, canHaveModifiers, forEachChild, getModifiers, isArrowFunction, isCallExpression, isExportAssignment, isExportDeclaration, isFunctionDeclaration, isFunctionExpression, isFunctionLike, isIdentifier, isImportDeclaration, isNamedExports, isNamedImports, isNamespaceImport, isNewExpression, isObjectLiteralExpression, isPropertyAccessExpression, isPropertyAssignment, isStringLiteral, isTryStatement, isVariableStatement } = ts;

/** What another workspace module exports, as far as network calls go. */
export type ModuleExport = { kind: "instance"; instance: ClientInstance } | { kind: "wrapper" } | { kind: "url" } | { kind: "none" };

const EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mts", ".mjs", ".cts", ".cjs", "/index.ts", "/index.tsx", "/index.js", "/index.jsx"];

function normalize(parts: string[]): string {
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return out.join("/");
}

function tryFile(ws: WorkspaceView, base: string): string | undefined {
  return remember(ws, `\0f\0${base}`, () => probeFile(ws, base));
}

function probeFile(ws: WorkspaceView, base: string): string | undefined {
  if (/\.[cm]?[jt]sx?$/.test(base) && ws.readFile(base) !== undefined) return base;
  // Every candidate below ends in a source extension: each is built only if the one before is missing.
  const stripped = base.replace(/\.(js|mjs|cjs|jsx)$/, "");
  for (const e of EXTENSIONS) {
    const cand = stripped + e;
    if (ws.readFile(cand) !== undefined) return cand;
  }
  return undefined;
}

/**
 * Resolve an import specifier of a workspace file to a workspace-relative path: relative
 * specifiers from the importing file's folder; `@/x`, `~/x`, `src/x` from the project folders
 * above it (and their `src/`), nearest first, which is how those aliases are set up in practice.
 * A project folder is one with a package.json, tsconfig.json or jsconfig.json, or the root: only
 * there is an alias mapped, and probing a dozen names in every folder in between was most of the
 * cost of resolution in a deep monorepo.
 */
export function resolveModule(ws: WorkspaceView, fromRel: string, spec: string): string | undefined {
  return remember(ws, `${fromRel.slice(0, fromRel.lastIndexOf("/") + 1)}\0${spec}`, () => resolveUncached(ws, fromRel, spec));
}

/**
 * An answer that depends only on which workspace files exist, kept in the host's map when it
 * offers one. Keys: `folder/\0specifier` for a resolution, `\0a\0project\0specifier` for an alias
 * from a project folder, `\0f\0base` for the file a base path names, `\0p\0folder` for "is a
 * project folder", `\0n\0folder` for the nearest one (specifiers hold no NUL, so none collide).
 */
function remember(ws: WorkspaceView, key: string, compute: () => string | undefined): string | undefined {
  const memo = ws.resolutions;
  if (!memo) return compute();
  let value = memo.get(key);
  if (value === undefined && !memo.has(key)) memo.set(key, (value = compute()));
  return value;
}

function resolveUncached(ws: WorkspaceView, fromRel: string, spec: string): string | undefined {
  if (spec.startsWith(".")) return tryFile(ws, normalize([...fromRel.split("/").slice(0, -1), ...spec.split("/")]));
  const m = /^(?:@|~|#|\$lib)\/(.*)$/.exec(spec) ?? /^(src\/.*)$/.exec(spec);
  if (!m) return undefined;
  // Only project folders map an alias, so every folder below the same project folder resolves a
  // specifier alike: a monorepo asks for `@/lib/x` from hundreds of folders of one app.
  const folder = fromRel.slice(0, fromRel.lastIndexOf("/") + 1);
  const project = remember(ws, `\0n\0${folder}`, () => nearestProjectFolder(ws, folder))!;
  return remember(ws, `\0a\0${project}\0${spec}`, () => resolveAlias(ws, project, m[1]));
}

/** An alias's path resolved from a project folder (the root: ""), then from the project folders above it. */
function resolveAlias(ws: WorkspaceView, project: string, aliased: string): string | undefined {
  const dir = project === "" ? [] : project.split("/");
  for (let i = dir.length; i >= 0; i--) {
    const base = dir.slice(0, i);
    // `project` is one already (asked again, it would probe its files again where nothing remembers).
    if (i > 0 && i < dir.length && !isProjectFolder(ws, base.join("/"))) continue;
    const hit = tryFile(ws, normalize([...base, ...aliased.split("/")])) ?? tryFile(ws, normalize([...base, "src", ...aliased.split("/")]));
    if (hit) return hit;
  }
  return undefined;
}

/** The deepest project folder at or above a folder (given with its trailing slash; "": the root). */
function nearestProjectFolder(ws: WorkspaceView, folder: string): string {
  const dir = folder.split("/").slice(0, -1);
  for (let i = dir.length; i > 0; i--) {
    const base = dir.slice(0, i).join("/");
    if (isProjectFolder(ws, base)) return base;
  }
  return "";
}

/** The analysed file's path relative to the workspace root (its own path when outside it). */
export function workspaceRelPath(ctx: { fileName: string; workspace?: WorkspaceView }): string {
  const root = ctx.workspace?.root;
  const f = ctx.fileName.replace(/\\/g, "/");
  if (root) {
    const r = root.replace(/\\/g, "/").replace(/\/$/, "") + "/";
    if (f.startsWith(r)) return f.slice(r.length);
  }
  return f;
}

/** Asked for every folder above an aliased import: most of a scan's probes before it was remembered. */
function isProjectFolder(ws: WorkspaceView, dir: string): boolean {
  const project = () => (ws.readFile(`${dir}/package.json`) !== undefined || ws.readFile(`${dir}/tsconfig.json`) !== undefined || ws.readFile(`${dir}/jsconfig.json`) !== undefined ? dir : undefined);
  return remember(ws, `\0p\0${dir}`, project) !== undefined;
}

/**
 * Exports by module path, valid while the module's text is the same string. Large enough that a
 * workspace scan parses each imported module once (a wholesale clear at a small size made a
 * monorepo scan re-parse shared modules for nearly every file); the oldest entries go first.
 * `depth` is how deep re-exports were followed: a result computed with less room is not reused
 * for a caller with more, so answers never depend on which file asked first. `light`: answered
 * without a parse, valid for that need and the narrower one ("url" answers "client" too).
 */
const cache = new Map<string, { text: string; depth: number; light: "client" | "url" | undefined; exports: ReadonlyMap<string, ModuleExport> }>();
const CACHE_ENTRIES = 5000;
const LIBS: Record<string, HttpClient> = { axios: "axios", redaxios: "axios", ky: "ky", got: "got", ofetch: "ofetch", superagent: "superagent" };
const FETCH_LIBS = new Set(["node-fetch", "cross-fetch", "isomorphic-fetch", "isomorphic-unfetch", "undici"]);

/**
 * Text without any of these cannot export a client or a request-making function, nor re-export
 * one; without the URL hints too it cannot export an absolute or env-configured URL either. No
 * parse is needed to know that. A request is a call of the identifier `fetch` or of a client
 * imported from one of LIBS / FETCH_LIBS (whose names are here), so `fetch` counts only as a
 * word: `prefetch`, `refetch`, `fetcher` and `useFetch` made a module be parsed for nothing.
 */
const CLIENT_HINT = /\bfetch\b|unfetch|ofetch|axios|\bky\b|\bgot\b|superagent|undici|export\s*\{[^}]*\}\s*from/;
const URL_HINT = /http|\benv\b/;
const NO_NETWORK_EXPORTS: ReadonlyMap<string, ModuleExport> = new Map();

/**
 * What a caller asks of a module's exports. `client`: only instance and wrapper entries matter;
 * `url`: also url entries; `all`: also telling a plain export ("none") from one that cannot be
 * seen into (absent). For `client` and `url` a module whose text shows no sign of them is
 * answered without a parse (an empty map).
 */
export type ExportNeed = "client" | "url" | "all";

/** Exported clients and request-making functions of a workspace module (cached by its text). */
export function moduleExports(ws: WorkspaceView, rel: string, depth = 0, need: ExportNeed = "all"): ReadonlyMap<string, ModuleExport> {
  const text = ws.readFile(rel);
  if (text === undefined) return NO_NETWORK_EXPORTS;
  const hit = cache.get(rel);
  if (hit && hit.text === text && hit.depth <= depth && answers(hit.light, need)) return hit.exports;
  let light: "client" | "url" | undefined;
  if (need !== "all" && !CLIENT_HINT.test(text)) {
    // No sign of a client: no sign of a URL either answers both needs; else only "client".
    if (!URL_HINT.test(text)) light = "url";
    else if (need === "client") light = "client";
  }
  const exports = light ? NO_NETWORK_EXPORTS : computeExports(ws, rel, text, depth);
  cache.delete(rel);
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(rel, { text, depth, light, exports });
  return exports;
}

/** Does an entry computed as `light` (undefined: fully) answer this need? */
function answers(light: "client" | "url" | undefined, need: ExportNeed): boolean {
  if (light === undefined) return true;
  return need === "client" || (need === "url" && light === "url");
}

function computeExports(ws: WorkspaceView, rel: string, text: string, depth: number): ReadonlyMap<string, ModuleExport> {
  const sf = ws.parse ? ws.parse(rel, text) : parseSource(rel, text);
  const libs = new Map<string, HttpClient>();
  const exports = new Map<string, ModuleExport>();
  for (const st of sf.statements) {
    if (isImportDeclaration(st) && isStringLiteral(st.moduleSpecifier) && st.importClause && !st.importClause.isTypeOnly) {
      const mod = st.moduleSpecifier.text;
      const lib = LIBS[mod];
      if (lib && st.importClause.name) libs.set(st.importClause.name.text, lib);
      const nb = st.importClause.namedBindings;
      if (nb && isNamespaceImport(nb) && lib) libs.set(nb.name.text, lib);
      if (FETCH_LIBS.has(mod) && st.importClause.name) libs.set(st.importClause.name.text, "fetch");
      if (mod === "ofetch" && nb && isNamedImports(nb)) for (const el of nb.elements) libs.set(el.name.text, "ofetch");
    }
  }
  const instances = new Map<string, ClientInstance>();
  const instanceOf = (expr: ts.Expression | undefined): ClientInstance | undefined => {
    if (!expr) return undefined;
    const e = skipOuter(expr);
    if (!isCallExpression(e) || !isPropertyAccessExpression(e.expression) || !["create", "extend"].includes(e.expression.name.text)) return undefined;
    const base = skipOuter(e.expression.expression);
    if (!isIdentifier(base)) return undefined;
    const client = instances.get(base.text)?.client ?? libs.get(base.text);
    if (!client || client === "fetch") return undefined;
    const cfg = e.arguments[0] && isObjectLiteralExpression(skipOuter(e.arguments[0])) ? (skipOuter(e.arguments[0]) as ts.ObjectLiteralExpression) : undefined;
    const baseProp = cfg && (objectProp(cfg, "baseURL") ?? objectProp(cfg, "prefixUrl") ?? objectProp(cfg, "baseUrl"));
    return {
      client,
      hasTimeout: e.arguments[0] !== undefined && optionsMaySet(e.arguments[0], ["timeout", "signal"]),
      absoluteBase: !!baseProp && isPropertyAssignment(baseProp) && isExternalUrl(baseProp.initializer, sf),
    };
  };
  const functions = new Map<string, ts.Node>();
  /** Exported bindings that look like an HTTP client we cannot see into: an object of methods, `new ApiClient()`. */
  const opaque = new Set<string>();
  const exported: Array<[string, string]> = []; // [exported name, local name]
  for (const st of sf.statements) {
    const isExp = canHaveModifiers(st) && !!getModifiers(st)?.some((m) => m.kind === SyntaxKind.ExportKeyword);
    const isDefault = canHaveModifiers(st) && !!getModifiers(st)?.some((m) => m.kind === SyntaxKind.DefaultKeyword);
    if (isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (!isIdentifier(d.name)) continue;
        const inst = instanceOf(d.initializer);
        if (inst) instances.set(d.name.text, inst);
        const init = d.initializer && skipOuter(d.initializer);
        if (init && (isArrowFunction(init) || isFunctionExpression(init))) functions.set(d.name.text, init);
        if (init && (isObjectLiteralExpression(init) || (isNewExpression(init) && /api|client|http|fetch|request|rest|sdk/i.test(init.expression.getText(sf))))) opaque.add(d.name.text);
        if (isExp) exported.push([d.name.text, d.name.text]);
        if (isExp && !inst && d.initializer && isExternalUrl(d.initializer, sf)) exports.set(d.name.text, { kind: "url" });
      }
    } else if (isFunctionDeclaration(st) && st.name) {
      functions.set(st.name.text, st);
      if (isExp) exported.push([isDefault ? "default" : st.name.text, st.name.text]);
    } else if (isExportAssignment(st)) {
      const e = skipOuter(st.expression);
      if (isIdentifier(e)) exported.push(["default", e.text]);
      else {
        const inst = instanceOf(e);
        if (inst) exports.set("default", { kind: "instance", instance: inst });
      }
    } else if (isExportDeclaration(st) && st.exportClause && isNamedExports(st.exportClause)) {
      const from = st.moduleSpecifier && isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      for (const el of st.exportClause.elements) {
        const local = (el.propertyName ?? el.name).text;
        if (from && depth < 2) {
          const target = resolveModule(ws, rel, from);
          const found = target ? moduleExports(ws, target, depth + 1).get(local) : undefined;
          if (found) exports.set(el.name.text, found);
        } else if (!from) exported.push([el.name.text, local]);
      }
    }
  }
  const isRequest = (call: ts.CallExpression): boolean => {
    const c = skipOuter(call.expression);
    if (isIdentifier(c)) return c.text === "fetch" || libs.has(c.text) || instances.has(c.text);
    if (isPropertyAccessExpression(c) && isIdentifier(c.expression)) {
      const owner = c.expression.text;
      return (libs.has(owner) && libs.get(owner) !== "fetch" || instances.has(owner)) && /^(get|post|put|patch|delete|head|request)$/.test(c.name.text);
    }
    return false;
  };
  const wrapperMemo = new Map<ts.Node, boolean>();
  const isWrapper = (fn: ts.Node): boolean => {
    if (wrapperMemo.has(fn)) return wrapperMemo.get(fn)!;
    wrapperMemo.set(fn, false);
    let found = false;
    const visit = (n: ts.Node, inTry: boolean): void => {
      if (found) return;
      if (n !== fn && isFunctionLike(n)) return;
      if (isTryStatement(n)) {
        visit(n.tryBlock, inTry || !!n.catchClause);
        if (n.catchClause) visit(n.catchClause, inTry);
        if (n.finallyBlock) visit(n.finallyBlock, inTry);
        return;
      }
      if (isCallExpression(n) && !inTry) {
        const c = skipOuter(n.expression);
        if (isRequest(n) || (isIdentifier(c) && functions.has(c.text) && isWrapper(functions.get(c.text)!))) {
          if (!hasCatch(n)) found = true;
        }
      }
      forEachChild(n, (k) => visit(k, inTry));
    };
    visit(fn, false);
    wrapperMemo.set(fn, found);
    return found;
  };
  for (const [name, local] of exported) {
    const inst = instances.get(local);
    if (inst) exports.set(name, { kind: "instance", instance: inst });
    else if (functions.has(local) && isWrapper(functions.get(local)!)) exports.set(name, { kind: "wrapper" });
    else if (!exports.has(name) && !opaque.has(local)) exports.set(name, { kind: "none" });
  }
  return exports;
}

/** `x.catch(…)` / `x.then(a, b)` somewhere up the call's chain. */
function hasCatch(call: ts.Expression): boolean {
  let node: ts.Node = call;
  while (node.parent && isPropertyAccessExpression(node.parent) && node.parent.parent && isCallExpression(node.parent.parent)) {
    const name = node.parent.name.text;
    const c = node.parent.parent;
    if (name === "catch" || (name === "then" && c.arguments.length >= 2)) return true;
    node = c;
  }
  return false;
}
