import ts = require("typescript");
import type { ModelContext } from "../engine/types.js";
import { enclosingFunction, functionName } from "./functions.js";

export interface Component {
  name: string;
  /** The function that renders (declaration, expression or arrow). */
  node: ts.FunctionLikeDeclaration;
}

export interface ComponentsModel {
  components: Component[];
  /** The component a node belongs to, if any. */
  componentOf(node: ts.Node): Component | undefined;
}

const isComponentName = (name: string | undefined) => !!name && /^[A-Z]/.test(name);

/**
 * React function components of a file: functions named in PascalCase (directly, through a variable
 * or memo/forwardRef) or default-exported, that render JSX themselves. Found from the JSX the
 * traversal indexed, by walking up to the nearest function that qualifies.
 */
export function componentsModel(ctx: ModelContext): ComponentsModel {
  const byNode = new Map<ts.Node, Component>();
  const seen = new Set<ts.Node>();
  const candidates = [...ctx.index.jsxElements];
  for (const el of candidates) {
    // Find the innermost PascalCase / default-exported function around this JSX.
    for (let fn = enclosingFunction(el); fn; fn = enclosingFunction(fn)) {
      if (seen.has(fn)) break;
      const name = functionName(fn);
      const isDefaultExport = !!fn.parent && ts.isExportAssignment(fn.parent);
      const defaultDecl = ts.isFunctionDeclaration(fn) && !!ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (isComponentName(name) || isDefaultExport || defaultDecl) {
        seen.add(fn);
        byNode.set(fn, { name: name ?? "default", node: fn });
        break;
      }
    }
  }
  const components = [...byNode.values()].sort((a, b) => a.node.pos - b.node.pos);
  return {
    components,
    componentOf(node) {
      for (let p: ts.Node | undefined = node; p; p = p.parent) {
        const c = byNode.get(p);
        if (c) return c;
      }
      return undefined;
    },
  };
}
