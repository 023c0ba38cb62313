import type { ImportBinding } from "../engine/fileIndex.js";
import type { ModelContext } from "../engine/types.js";
import { resolveModule, workspaceRelPath } from "./workspaceModules.js";

/**
 * Peeks at the project modules a file imports from, through the host's `readFile`: is the
 * imported function a server action or async? Only text is looked at (directive, `async` in the
 * export's signature), and only for the few bindings a rule asks about.
 */
export interface ProjectImports {
  /** Source text of the module a binding comes from, when it is a project file the host can read. */
  textOf(binding: ImportBinding): string | undefined;
  /** The module is a project file (relative or aliased path), not a package. */
  isProjectModule(module: string): boolean;
  /** The imported function is a server action or does async work, as far as its text or path says. */
  isAsyncExport(binding: ImportBinding): boolean;
  /** The module is a `"use server"` file (or, unreadable, is named like an actions module). */
  isServerActionModule(binding: ImportBinding): boolean;
}

/** Module paths that hold requests or server actions in most projects. */
const ASYNC_MODULE = /(^|[/._-])(actions?|api|apis|services?|mutations?|requests?|server|endpoints?|client)([/._-]|$)/i;

export function projectImports(ctx: ModelContext): ProjectImports {
  const cache = new Map<string, string | undefined>();
  const isProjectModule = (m: string) => m.startsWith(".") || /^[@~#]\//.test(m) || m.startsWith("src/");

  // Resolved as the network model resolves imports (relative paths, aliases from project folders).
  function textOfModule(module: string): string | undefined {
    if (cache.has(module)) return cache.get(module);
    const ws = ctx.workspace;
    const target = ws && isProjectModule(module) ? resolveModule(ws, workspaceRelPath(ctx), module) : undefined;
    const text = target === undefined ? undefined : ws!.readFile(target);
    cache.set(module, text);
    return text;
  }

  const USE_SERVER = /^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use server\2/;
  return {
    isProjectModule,
    isServerActionModule(b) {
      if (!isProjectModule(b.module)) return false;
      const text = textOfModule(b.module);
      return text === undefined ? /(^|[/._-])actions?([/._-]|$)/i.test(b.module) : USE_SERVER.test(text);
    },
    textOf: (b) => textOfModule(b.module),
    isAsyncExport(b) {
      if (!isProjectModule(b.module)) return false;
      const text = textOfModule(b.module);
      if (text === undefined) return ASYNC_MODULE.test(b.module);
      if (USE_SERVER.test(text)) return true;
      const name = b.imported === "default" ? "default" : b.imported;
      const id = escapeRe(name);
      const asyncDecl = name === "default"
        ? /export\s+default\s+async\b/
        : new RegExp(`async\\s+function\\s*\\*?\\s*${id}\\b|\\b${id}\\s*(:[^=\\n]+)?=\\s*async\\b|\\b${id}\\s*(<[^>\\n]*>)?\\s*\\([^)]*\\)\\s*:\\s*Promise<`);
      if (asyncDecl.test(text)) return true;
      if (name === "default") return false;
      // `export const remove = (id) => http.delete(...)`: an arrow straight into a request.
      if (new RegExp(`\\b${id}\\s*=\\s*(\\([^)]*\\)|\\w+)\\s*(:[^=\\n]+)?=>\\s*(fetch|axios|http|api|client|ky|\\$fetch)\\b`).test(text)) return true;
      // `function remove(id) { return fetch(...) }`: a request returned without async.
      return new RegExp(`function\\s+${id}\\s*(<[^>\\n]*>)?\\s*\\([^)]*\\)[^{]*\\{\\s*return\\s+(fetch|axios|http|api|client|ky|\\$fetch)\\b`).test(text);
    },
  };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
