import ts = require("typescript");
import type { ModelContext } from "../engine/types.js";
import { calleeName, enclosingFunction, functionName, isAsync, isExported, isFunctionLike } from "./functions.js";
import { routesModel } from "./routes.js";
import { skipOuter } from "./network.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, forEachChild, getModifiers, isArrayLiteralExpression, isArrowFunction, isAsExpression, isAwaitExpression, isBinaryExpression, isBlock, isCallExpression, isClassLike, isConditionalExpression, isExportAssignment, isExpressionStatement, isFunctionDeclaration, isFunctionExpression, isIdentifier, isJsxAttribute, isJsxExpression, isMethodDeclaration, isModuleBlock, isNoSubstitutionTemplateLiteral, isNonNullExpression, isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isPropertyDeclaration, isReturnStatement, isSatisfiesExpression, isSourceFile, isStringLiteral, isThrowStatement, isTryStatement, isTypeAssertionExpression, isVariableDeclaration, isVoidExpression } = ts;

/** Where an unhandled rejection ends up: the kind of entry point that drops it. */
export interface EntryPoint {
  kind: "jsx-handler" | "effect" | "route" | "server-action" | "timer" | "listener" | "top-level" | "page" | "floating";
  /** Human wording: "the onClick handler", "the useEffect callback". */
  label: string;
  /** The function that is the entry point (undefined for module top level). */
  fn?: ts.FunctionLikeDeclaration;
}

/** A place where a rejection goes unhandled: report here. */
export interface Drop {
  /** The expression to report on: the request itself, or the call of the helper that makes it. */
  site: ts.Expression;
  entry: EntryPoint;
}

/** Internal: a function-level outcome. `site` undefined = the function is itself the entry point. */
interface FnDrop {
  site?: ts.Expression;
  entry: EntryPoint;
}

export interface CallsModel {
  /** Where the rejection of this promise-valued expression goes unhandled (empty when handled somewhere). */
  dropsOf(expr: ts.Expression): Drop[];
  /** The entry point a function is, if any. */
  entryOf(fn: ts.FunctionLikeDeclaration): EntryPoint | undefined;
}

const TIMERS = new Set(["setTimeout", "setInterval", "setImmediate", "queueMicrotask", "requestAnimationFrame", "requestIdleCallback", "nextTick"]);
const LISTENERS = new Set(["addEventListener", "on", "once", "addListener", "prependListener", "subscribe", "schedule", "scheduleJob"]);
const EFFECTS = new Set(["useEffect", "useLayoutEffect", "useInsertionEffect", "useFocusEffect", "useMount", "onMounted", "onMount"]);
/** Libraries that own the rejection of the function they are handed. */
const LIBRARY_OWNED_CALLEES = new Set([
  "useQuery", "useSuspenseQuery", "useInfiniteQuery", "useQueries", "useMutation", "useSWR", "useSWRMutation", "useSWRInfinite", "useSWRImmutable",
  "createAsyncThunk", "fetchQuery", "prefetchQuery", "ensureQueryData", "prefetchInfiniteQuery", "fetchInfiniteQuery", "queryOptions", "infiniteQueryOptions",
  "createResource", "useAsync", "useAsyncFn", "usePromise", "defineEventHandler", "startTransition", "useTransition",
]);

/** `x.route("/path")`, possibly followed by other verb registrations. */
function isRouteChain(expr: ts.Expression): boolean {
  for (let e = expr; isCallExpression(e) && isPropertyAccessExpression(e.expression); e = e.expression.expression) {
    const name = e.expression.name.text;
    if (name === "route") return e.arguments.length === 1 && (isStringLiteral(e.arguments[0]) || isNoSubstitutionTemplateLiteral(e.arguments[0]));
    if (!/^(get|post|put|patch|delete|all)$/.test(name)) return false;
  }
  return false;
}

/** A block whose own statements end in `throw`: it logs, maybe, then hands the error on. */
function rethrows(block: ts.Block): boolean {
  const last = block.statements[block.statements.length - 1];
  return !!last && isThrowStatement(last);
}

/**
 * Per-file call graph and rejection flow. For a promise-valued expression (a request, or a call
 * of a function that lets a request's rejection out), follow the rejection outward through
 * `await`, `return`, `.then` chains and `Promise.all`, to the first `try` with a `catch`, a
 * `.catch(…)`, `.then(_, onRejected)`, `Promise.allSettled` (handled), or an entry point that
 * drops it. A function that is not an entry point hands the rejection to its callers in this
 * file; one with no caller here (an exported helper) leaves it to its importers: not reported.
 */
export function callsModel(ctx: ModelContext): CallsModel {
  const { index, sourceFile: sf } = ctx;
  const routeFns = new Set<ts.Node>();
  const routeCalls = new Set<ts.Node>();
  for (const h of ctx.model(routesModel).handlers) {
    // Server actions are in the routes model too; they are classified as actions below.
    if (h.framework === "server-action") continue;
    if (h.handler) routeFns.add(h.handler);
    if (isCallExpression(h.node)) routeCalls.add(h.node);
  }
  const useServerFile = index.directives.has("use server");
  const rel = ctx.fileName.replace(/\\/g, "/");
  const isPageFile = /(^|\/)app\/(.*\/)?(page|layout)\.[jt]sx?$/.test(rel);
  // pages/api/** and Vercel-style api/*.ts functions: the default export answers the request.
  const isPagesApi = /(^|\/)pages\/api\//.test(rel);
  const isVercelApi = /(^|\/)api\/[^/]+\.[cm]?[jt]s$/.test(rel);

  // References to named functions, from what the traversal indexed (no second walk).
  const refsByName = new Map<string, ts.Node[]>();
  const addRef = (name: string, node: ts.Node) => {
    let list = refsByName.get(name);
    if (!list) refsByName.set(name, (list = []));
    list.push(node);
  };
  for (const call of index.calls) {
    const c = skipOuter(call.expression);
    if (isIdentifier(c)) addRef(c.text, c);
    else if (isPropertyAccessExpression(c) && c.expression.kind === SyntaxKind.ThisKeyword) addRef(`this.${c.name.text}`, c);
    for (const a of call.arguments) if (isIdentifier(a)) addRef(a.text, a);
  }
  for (const attr of index.jsxAttributes) {
    const init = attr.initializer;
    if (init && isJsxExpression(init) && init.expression && isIdentifier(init.expression)) addRef(init.expression.text, init.expression);
    // class components: onClick={this.handleClick}
    else if (init && isJsxExpression(init) && init.expression && isPropertyAccessExpression(init.expression) && init.expression.expression.kind === SyntaxKind.ThisKeyword) {
      addRef(`this.${init.expression.name.text}`, init.expression);
    }
  }
  for (const pa of index.propertyAssignments) if (isIdentifier(pa.initializer)) addRef(pa.initializer.text, pa.initializer);
  for (const ea of index.exportAssignments) if (isIdentifier(ea.expression)) addRef(ea.expression.text, ea.expression);

  const entryMemo = new Map<ts.Node, EntryPoint | null>();
  const fnMemo = new Map<ts.Node, FnDrop[]>();

  function errorBoundaryExists(): boolean {
    const ws = ctx.workspace;
    if (!ws) return false;
    const relPath = ws.root && rel.startsWith(ws.root.replace(/\\/g, "/")) ? rel.slice(ws.root.replace(/\\/g, "/").replace(/\/$/, "").length + 1) : rel;
    const parts = relPath.split("/");
    const appAt = parts.lastIndexOf("app");
    if (appAt < 0) return false;
    for (let i = parts.length - 1; i > appAt; i--) {
      const dir = parts.slice(0, i).join("/");
      for (const ext of [".tsx", ".jsx", ".js", ".ts"]) {
        if (ws.readFile(`${dir}/error${ext}`) !== undefined) return true;
        if (i === appAt + 1 && ws.readFile(`${dir}/global-error${ext}`) !== undefined) return true;
      }
    }
    return false;
  }

  /** What a function (or a reference to it) is, from where it stands. */
  function classifyPosition(node: ts.Node): { entry?: EntryPoint; owned?: boolean; via?: ts.Expression; iterate?: ts.CallExpression; iife?: ts.CallExpression } | undefined {
    let n: ts.Node = node;
    while (n.parent && (isParenthesizedExpression(n.parent) || isAsExpression(n.parent) || isSatisfiesExpression(n.parent))) n = n.parent;
    const p = n.parent;
    if (!p) return undefined;
    const fn = isFunctionLike(node) ? node : undefined;
    // <button onClick={…}>
    if (isJsxExpression(p) && p.parent && isJsxAttribute(p.parent)) {
      const name = p.parent.name.getText(sf);
      if (/^on[A-Z]/.test(name)) return { entry: { kind: "jsx-handler", label: `the ${name} handler`, fn } };
      return { owned: true };
    }
    // (async () => { … })(): the call is the promise; the work happens where it is written.
    if (isCallExpression(p) && p.expression === n && fn) return { iife: p };
    if (isCallExpression(p) && p.arguments.includes(n as ts.Expression)) {
      const name = calleeName(p) ?? "";
      const argIndex = p.arguments.indexOf(n as ts.Expression);
      if (EFFECTS.has(name) && argIndex === 0) return { entry: { kind: "effect", label: `the ${name} callback`, fn } };
      if (TIMERS.has(name)) return { entry: { kind: "timer", label: `the ${name} callback`, fn } };
      if (LISTENERS.has(name) && isPropertyAccessExpression(p.expression) && argIndex > 0) return { entry: { kind: "listener", label: `the ${name}() listener`, fn } };
      if (routeCalls.has(p) && argIndex > 0) return { entry: { kind: "route", label: "the route handler", fn } };
      // app.route("/x").get(handler).post(handler)
      if (isPropertyAccessExpression(p.expression) && /^(get|post|put|patch|delete|all)$/.test(p.expression.name.text) && isRouteChain(p.expression.expression)) {
        return { entry: { kind: "route", label: "the route handler", fn } };
      }
      if (LIBRARY_OWNED_CALLEES.has(name)) return { owned: true };
      if (name === "useCallback" && argIndex === 0) return { via: p };
      // react-hook-form: <form onSubmit={handleSubmit(onValid)}> calls onValid from the event.
      if (name === "handleSubmit" && p.parent && isJsxExpression(p.parent)) return { entry: { kind: "jsx-handler", label: "the submit handler", fn } };
      if (isPropertyAccessExpression(p.expression)) {
        const m = p.expression.name.text;
        // promise.then(fn): fn's rejection continues down that chain.
        if (m === "then" || m === "finally" || (m === "catch" && argIndex === 0)) return { via: p };
        if (m === "map" || m === "flatMap") return { iterate: p };
        if (m === "forEach") return { entry: { kind: "floating", label: "the forEach callback (forEach does not wait for promises)", fn } };
      }
      return { owned: true };
    }
    // el.onclick = async () => …; window.onload = …
    if (isBinaryExpression(p) && p.right === n && p.operatorToken.kind === SyntaxKind.EqualsToken && isPropertyAccessExpression(p.left) && /^on[a-z]+$/.test(p.left.name.text)) {
      return { entry: { kind: "listener", label: `the ${p.left.name.text} handler`, fn } };
    }
    // exports.create = fn / module.exports = fn: no caller in this file tells anything.
    if (isBinaryExpression(p) && p.right === n && p.operatorToken.kind === SyntaxKind.EqualsToken) return undefined;
    // `{ queryFn: … }`, `{ mutationFn: … }`, options of a library or props of a component: whoever
    // receives the object calls the function and owns its result.
    if (isPropertyAssignment(p) && p.initializer === n) return { owned: true };
    if (isVariableDeclaration(p) || isPropertyDeclaration(p) || isFunctionDeclaration(node) || isMethodDeclaration(node)) return undefined;
    if (isExportAssignment(p)) return undefined;
    return { owned: true };
  }

  function entryOf(fn: ts.FunctionLikeDeclaration): EntryPoint | undefined {
    if (entryMemo.has(fn)) return entryMemo.get(fn) ?? undefined;
    let e: EntryPoint | undefined;
    if (routeFns.has(fn)) e = { kind: "route", label: "the route handler", fn };
    else if (hasUseServer(fn) || (useServerFile && isTopLevelExported(fn))) e = { kind: "server-action", label: "the server action", fn };
    else if ((isPagesApi || (isVercelApi && /^req(uest)?$/.test(fn.parameters[0]?.name.getText(sf) ?? ""))) && isDefaultExport(fn)) e = { kind: "route", label: "the API route", fn };
    else if (isPageFile && isDefaultExport(fn) && isAsync(fn) && !errorBoundaryExists()) e = { kind: "page", label: "the server component (no error.tsx above it)", fn };
    entryMemo.set(fn, e ?? null);
    return e;
  }

  function isDefaultExport(fn: ts.FunctionLikeDeclaration): boolean {
    if (isFunctionDeclaration(fn)) {
      const mods = getModifiers(fn);
      if (mods?.some((m) => m.kind === SyntaxKind.DefaultKeyword)) return true;
    }
    if (fn.parent && isExportAssignment(fn.parent)) return true;
    const name = functionName(fn);
    return !!name && index.exportAssignments.some((ea) => isIdentifier(ea.expression) && ea.expression.text === name);
  }

  function isTopLevelExported(fn: ts.FunctionLikeDeclaration): boolean {
    if (isFunctionDeclaration(fn)) return fn.parent === sf && (isExported(fn) || isDefaultExport(fn));
    const p = fn.parent;
    if (p && isVariableDeclaration(p) && p.parent?.parent?.parent === sf) return isExported(p);
    if (p && isExportAssignment(p)) return true;
    return false;
  }

  function hasUseServer(fn: ts.FunctionLikeDeclaration): boolean {
    const body = fn.body;
    if (!body || !isBlock(body)) return false;
    const first = body.statements[0];
    return !!first && isExpressionStatement(first) && isStringLiteral(first.expression) && first.expression.text === "use server";
  }

  /** Where a function's own rejection goes: from its entry-point role, or from its callers. */
  function fnDrops(fn: ts.FunctionLikeDeclaration): FnDrop[] {
    const memo = fnMemo.get(fn);
    if (memo) return memo;
    fnMemo.set(fn, []); // cycle guard: recursion adds nothing
    const out: FnDrop[] = [];
    const e = entryOf(fn);
    if (e) out.push({ entry: e });
    else {
      const own = classifyPosition(fn);
      if (own) out.push(...fromPosition(own, fn));
      if (!own || own.via) {
        // Named: look at every reference in the file.
        const names = namesOf(fn, own?.via);
        // Same-named functions in two components must not share callers: only look inside the declaring scope.
        const scope = declaringScope(own?.via ?? fn);
        let referenced = false;
        for (const name of names) {
          for (const ref of refsByName.get(name) ?? []) {
            if (scope && (ref.pos < scope.pos || ref.end > scope.end)) continue;
            referenced = true;
            if (ref.parent && isCallExpression(ref.parent) && skipOuter(ref.parent.expression) === ref) {
              out.push(...dropsOf(ref.parent));
            } else if (ref.parent && isPropertyAccessExpression(ref.parent) && ref.parent.parent && isCallExpression(ref.parent.parent) && ref.parent.parent.expression === ref.parent) {
              out.push(...dropsOf(ref.parent.parent));
            } else {
              const pos = classifyPosition(ref);
              if (pos) out.push(...fromPosition(pos, fn));
            }
          }
        }
        // A controller registered in another file: `export const create = async (req, res) => …`.
        if (!referenced && !own && looksLikeHandler(fn)) out.push({ entry: { kind: "route", label: "the route handler", fn } });
      }
    }
    fnMemo.set(fn, out);
    return out;
  }

  function looksLikeHandler(fn: ts.FunctionLikeDeclaration): boolean {
    const [a, b] = fn.parameters.map((p) => (isIdentifier(p.name) ? p.name.text : ""));
    return /^req(uest)?$/.test(a ?? "") && /^(res|response|reply)$/.test(b ?? "");
  }

  function fromPosition(pos: NonNullable<ReturnType<typeof classifyPosition>>, fn: ts.FunctionLikeDeclaration): FnDrop[] {
    if (pos.entry) return [{ entry: { ...pos.entry, fn: pos.entry.fn ?? fn } }];
    if (pos.owned) return [];
    if (pos.iife) return dropsOf(pos.iife).map((d) => ({ entry: d.entry, site: undefined }));
    if (pos.iterate) return dropsOf(pos.iterate).map((d) => ({ entry: d.entry, site: undefined }));
    if (pos.via && isCallExpression(pos.via) && isPropertyAccessExpression(pos.via.expression)) {
      const m = pos.via.expression.name.text;
      if (m === "then" || m === "finally" || m === "catch") return dropsOf(pos.via).map((d) => ({ entry: d.entry, site: d.site }));
    }
    return [];
  }

  function namesOf(fn: ts.FunctionLikeDeclaration, via?: ts.Expression): string[] {
    if (isMethodDeclaration(fn) && fn.parent && isClassLike(fn.parent)) {
      const n = functionName(fn);
      return n ? [`this.${n}`] : [];
    }
    if (via && via.parent && isVariableDeclaration(via.parent) && isIdentifier(via.parent.name)) return [via.parent.name.text];
    if (via) return [];
    const n = functionName(fn);
    if (!n) return [];
    if (isFunctionDeclaration(fn) || isFunctionExpression(fn) && !!fn.name && fn.parent && !isVariableDeclaration(fn.parent)) return [n];
    if (fn.parent && isVariableDeclaration(fn.parent)) return [n];
    // class Foo { handleClick = async () => … }
    if (fn.parent && isPropertyDeclaration(fn.parent) && isClassLike(fn.parent.parent)) return [`this.${n}`];
    return [];
  }

  function declaringScope(node: ts.Node): ts.Node | undefined {
    for (let p = node.parent; p; p = p.parent) {
      if (isBlock(p) || isSourceFile(p) || isModuleBlock(p) || isClassLike(p)) return p;
    }
    return undefined;
  }

  /** From the function the rejection reached, to the places it is dropped. */
  function propagate(fn: ts.FunctionLikeDeclaration | undefined, origin: ts.Expression): Drop[] {
    if (!fn) return [{ site: origin, entry: { kind: "top-level", label: "the module top level" } }];
    return fnDrops(fn).map((d) => ({ site: d.site ?? origin, entry: d.entry }));
  }

  /** A rejection thrown at `at` (an await, or the call inside a sync body): caught by an enclosing try? */
  function throwAt(at: ts.Node, origin: ts.Expression): Drop[] {
    let child: ts.Node = at;
    for (let p = at.parent; p; child = p, p = p.parent) {
      if (isFunctionLike(p)) return propagate(p, origin);
      if (isTryStatement(p) && p.tryBlock === child && p.catchClause) {
        // A catch that always rethrows hands the failure on: keep going from the try statement.
        if (!rethrows(p.catchClause.block)) return [];
      }
      if (isSourceFile(p)) break;
    }
    return propagate(undefined, origin);
  }

  function floating(at: ts.Node, origin: ts.Expression): Drop[] {
    const fn = enclosingFunction(at);
    if (!fn) return [{ site: origin, entry: { kind: "top-level", label: "the module top level" } }];
    const e = entryOf(fn) ?? fnEntryByPosition(fn);
    return [{ site: origin, entry: e ?? { kind: "floating", label: "nothing (the promise is neither awaited nor returned)", fn } }];
  }

  function fnEntryByPosition(fn: ts.FunctionLikeDeclaration): EntryPoint | undefined {
    const pos = classifyPosition(fn);
    return pos?.entry ? { ...pos.entry, fn } : undefined;
  }

  const dropsMemo = new Map<ts.Node, Drop[]>();
  function dropsOf(expr: ts.Expression): Drop[] {
    const hit = dropsMemo.get(expr);
    if (hit) return hit;
    dropsMemo.set(expr, []);
    const out = walk(expr, expr, 0);
    dropsMemo.set(expr, out);
    return out;
  }

  function walk(start: ts.Node, origin: ts.Expression, depth: number): Drop[] {
    if (depth > 8) return [];
    let node: ts.Node = start;
    for (;;) {
      const p = node.parent;
      if (!p) return [];
      if (isParenthesizedExpression(p) || isAsExpression(p) || isNonNullExpression(p) || isSatisfiesExpression(p) || isTypeAssertionExpression(p)) {
        node = p;
        continue;
      }
      if (isPropertyAccessExpression(p) && p.expression === node) {
        const call = p.parent;
        if (!call || !isCallExpression(call) || call.expression !== p) return [];
        const m = p.name.text;
        if (m === "catch") {
          const h = call.arguments[0];
          if (!(h && (isArrowFunction(h) || isFunctionExpression(h)) && isBlock(h.body) && rethrows(h.body))) return [];
          node = call;
          continue;
        }
        if (m === "then") {
          if (call.arguments.length >= 2) return [];
          node = call;
          continue;
        }
        if (m === "finally") {
          node = call;
          continue;
        }
        return [];
      }
      if (isAwaitExpression(p)) return throwAt(p, origin);
      if (isReturnStatement(p)) {
        const fn = enclosingFunction(p);
        return propagate(fn, origin);
      }
      if (isArrowFunction(p) && p.body === node) return propagate(p, origin);
      if (isVoidExpression(p) || isExpressionStatement(p)) return floating(p, origin);
      if (isConditionalExpression(p) && p.condition !== node) {
        node = p;
        continue;
      }
      if (isBinaryExpression(p) && [SyntaxKind.QuestionQuestionToken, SyntaxKind.BarBarToken, SyntaxKind.AmpersandAmpersandToken, SyntaxKind.CommaToken].includes(p.operatorToken.kind)) {
        if (p.operatorToken.kind === SyntaxKind.CommaToken && p.left === node) return floating(p, origin);
        node = p;
        continue;
      }
      if (isArrayLiteralExpression(p)) {
        node = p;
        continue;
      }
      if (isCallExpression(p) && p.arguments.includes(node as ts.Expression)) {
        const c = skipOuter(p.expression);
        if (isPropertyAccessExpression(c) && isIdentifier(c.expression) && c.expression.text === "Promise") {
          const m = c.name.text;
          if (m === "allSettled") return [];
          if (m === "all" || m === "race" || m === "any") {
            node = p;
            continue;
          }
        }
        return [];
      }
      if (isVariableDeclaration(p) && p.initializer === node && isIdentifier(p.name)) return viaVariable(p, origin, depth);
      return [];
    }
  }

  /** `const p = fetch(…)`: follow the promise through the variable's uses. */
  function viaVariable(decl: ts.VariableDeclaration, origin: ts.Expression, depth: number): Drop[] {
    const name = (decl.name as ts.Identifier).text;
    const scope = enclosingFunction(decl)?.body ?? sf;
    const refs: ts.Identifier[] = [];
    const visit = (n: ts.Node): void => {
      if (isIdentifier(n) && n.text === name && n !== decl.name && n.pos > decl.end) {
        const parent = n.parent;
        if (!(isPropertyAccessExpression(parent) && parent.name === n)) refs.push(n);
      }
      forEachChild(n, visit);
    };
    visit(scope);
    if (refs.length === 0) return floating(decl, origin);
    const out: Drop[] = [];
    for (const r of refs) out.push(...walk(r, origin, depth + 1));
    return out;
  }

  return { dropsOf, entryOf: (fn) => entryOf(fn) ?? fnEntryByPosition(fn) };
}
