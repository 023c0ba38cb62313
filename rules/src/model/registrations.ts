import ts = require("typescript");
import type { ModelContext } from "../engine/types.js";
import { parseSource } from "../engine/parse.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { forEachChild, isCallExpression, isIdentifier, isNoSubstitutionTemplateLiteral, isPropertyAccessExpression, isStringLiteral } = ts;

/** Where a controller function is registered: `router.post("/orders", requireAuth, ordersController.create)` in a routes file. */
export interface Registration {
  method: string;
  path?: string;
  /** Middleware before the handler, plus `router.use(...)` before it in that file (nodes of the routes file). */
  chain: ts.Expression[];
  file: string;
  /** The router variable in the routes file (`router` in `router.post(...)`). */
  receiver: string;
}

const METHODS = new Set(["get", "post", "put", "patch", "delete", "del", "all"]);

/** Routes files that plausibly register a controller module's functions, by naming convention. */
function candidates(relPath: string): string[] {
  const slash = relPath.lastIndexOf("/");
  const dir = slash === -1 ? "" : relPath.slice(0, slash);
  const file = relPath.slice(slash + 1);
  const ext = /\.[cm]?[jt]sx?$/.exec(file)?.[0] ?? ".ts";
  const stem = file.slice(0, file.length - ext.length);
  const base = stem.replace(/[.-]?(controllers?|handlers?)$/i, "").replace(/Controller$|Handler$/, "") || stem;
  const parent = dir.includes("/") ? dir.slice(0, dir.lastIndexOf("/")) : "";
  const up = (d: string) => (parent ? `${parent}/${d}` : d);
  const dirs = [dir, up("routes"), up("router"), up("routers"), up("api")];
  const names = [`${base}.routes`, `${base}.route`, `${base}.router`, `${base}Routes`, `${base}Router`, `${base}-routes`, base, "routes", "router", "index"];
  const exts = [...new Set([ext, ".ts", ".js"])];
  const out: string[] = [];
  // the app file itself often registers controllers: app.post("/login", userController.postLogin)
  const roots = [...new Set([parent, parent.includes("/") ? parent.slice(0, parent.lastIndexOf("/")) : "", ""])];
  for (const r of roots) for (const n of ["app", "server", "index", "routes", "router", "main"]) for (const e of exts) {
    const p = r ? `${r}/${n}${e}` : `${n}${e}`;
    if (p !== relPath && !out.includes(p)) out.push(p);
  }
  for (const d of dirs) for (const n of names) for (const e of exts) {
    const p = d ? `${d}/${n}${e}` : `${n}${e}`;
    if (p !== relPath && !out.includes(p)) out.push(p);
  }
  return out;
}

/**
 * Join a controller module with the routes file that registers it, through the workspace: the
 * middleware chain lives there. Returns a lookup by exported function name; undefined when the
 * host gives no workspace.
 */
export function controllerRegistrations(ctx: ModelContext, relPath: string): ((name: string) => Registration | undefined) | undefined {
  const ws = ctx.workspace;
  if (!ws) return undefined;
  const slash = relPath.lastIndexOf("/");
  const stem = relPath.slice(slash + 1).replace(/\.[cm]?[jt]sx?$/, "");
  let table: Map<string, Registration> | undefined;
  const build = () => {
    table = new Map();
    for (const c of candidates(relPath)) {
      const text = ws.readFile(c);
      if (!text || !text.includes(stem)) continue;
      const sf = parseSource(c, text);
      const uses: { receiver: string; pos: number; path?: string; mw: ts.Expression[] }[] = [];
      const visit = (n: ts.Node) => {
        if (isCallExpression(n) && isPropertyAccessExpression(n.expression)) {
          const m = n.expression.name.text;
          const recvNode = n.expression.expression;
          const isStr = (a: ts.Expression | undefined) => !!a && (isStringLiteral(a) || isNoSubstitutionTemplateLiteral(a));
          if (m === "use") {
            uses.push({ receiver: recvNode.getText(sf), pos: n.pos, path: isStr(n.arguments[0]) ? (n.arguments[0] as ts.StringLiteral).text : undefined, mw: n.arguments.filter((a) => !isStr(a)) });
          } else if (METHODS.has(m) && n.arguments.length >= 1) {
            let args = [...n.arguments];
            let path: string | undefined;
            let receiver = recvNode.getText(sf);
            if (isStr(args[0])) {
              path = (args[0] as ts.StringLiteral).text;
              args = args.slice(1);
            } else if (isCallExpression(recvNode) && isPropertyAccessExpression(recvNode.expression) && recvNode.expression.name.text === "route") {
              const a = recvNode.arguments[0];
              path = a && isStr(a) ? (a as ts.StringLiteral).text : undefined;
              receiver = recvNode.expression.expression.getText(sf);
            } else {
              forEachChild(n, visit);
              return;
            }
            const last = args[args.length - 1];
            if (last) {
              // ordersController.create, create, asyncHandler(ordersController.create)
              let h: ts.Expression = last;
              while (isCallExpression(h) && h.arguments.length) h = h.arguments[h.arguments.length - 1];
              const name = isPropertyAccessExpression(h) ? h.name.text : isIdentifier(h) ? h.text : undefined;
              if (name && !table!.has(name)) {
                const before = uses.filter((u) => u.receiver === receiver && (!u.path || !path || path.startsWith(u.path.replace(/\/?\*$/, "")))).flatMap((u) => u.mw);
                table!.set(name, { method: m === "del" ? "DELETE" : m.toUpperCase(), path, chain: [...before, ...args.slice(0, -1)], file: c, receiver });
              }
            }
          }
        }
        forEachChild(n, visit);
      };
      visit(sf);
    }
  };
  return (name) => {
    if (!table) build();
    return table!.get(name);
  };
}
