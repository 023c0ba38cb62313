import ts = require("typescript");
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, isExpressionStatement, isIdentifier, isNamedImports, isNamespaceImport, isObjectBindingPattern, isStringLiteral, isVariableDeclaration } = ts;

/**
 * What the index does with each kind, as a lookup table: the traversal calls `add` for every
 * node, and most nodes (identifiers, keywords, tokens) are rejected by one array read. The switch
 * in `add` is on these small numbers, not on `SyntaxKind.X` cases: each such case label is a
 * property read through TypeScript's export getters, evaluated one after another per node.
 */
const enum Bucket {
  None,
  Call,
  New,
  Function,
  String,
  Template,
  Catch,
  JsxAttribute,
  JsxElement,
  Import,
  ExportAssignment,
  VariableDeclaration,
  PropertyAssignment,
  PropertyAccess,
  ElementAccess,
  Binary,
}
const BUCKET = new Uint8Array(SyntaxKind.Count);
for (const [k, b] of [
  [SyntaxKind.CallExpression, Bucket.Call],
  [SyntaxKind.NewExpression, Bucket.New],
  [SyntaxKind.FunctionDeclaration, Bucket.Function],
  [SyntaxKind.FunctionExpression, Bucket.Function],
  [SyntaxKind.ArrowFunction, Bucket.Function],
  [SyntaxKind.MethodDeclaration, Bucket.Function],
  [SyntaxKind.Constructor, Bucket.Function],
  [SyntaxKind.GetAccessor, Bucket.Function],
  [SyntaxKind.SetAccessor, Bucket.Function],
  [SyntaxKind.StringLiteral, Bucket.String],
  [SyntaxKind.NoSubstitutionTemplateLiteral, Bucket.String],
  [SyntaxKind.TemplateExpression, Bucket.Template],
  [SyntaxKind.CatchClause, Bucket.Catch],
  [SyntaxKind.JsxAttribute, Bucket.JsxAttribute],
  [SyntaxKind.JsxElement, Bucket.JsxElement],
  [SyntaxKind.JsxSelfClosingElement, Bucket.JsxElement],
  [SyntaxKind.ImportDeclaration, Bucket.Import],
  [SyntaxKind.ExportAssignment, Bucket.ExportAssignment],
  [SyntaxKind.VariableDeclaration, Bucket.VariableDeclaration],
  [SyntaxKind.PropertyAssignment, Bucket.PropertyAssignment],
  [SyntaxKind.PropertyAccessExpression, Bucket.PropertyAccess],
  [SyntaxKind.ElementAccessExpression, Bucket.ElementAccess],
  [SyntaxKind.BinaryExpression, Bucket.Binary],
] as const)
  BUCKET[k] = b;

/** Does `add` keep nodes of this kind? The traversal folds it into its own per-kind table. */
export function isIndexedKind(kind: ts.SyntaxKind): boolean {
  return BUCKET[kind] !== Bucket.None;
}

/** The lists `add` fills: what `append` copies. A test checks that it names every list. */
export const NODE_LISTS = [
  "calls",
  "newExpressions",
  "functions",
  "strings",
  "templates",
  "catchClauses",
  "jsxAttributes",
  "jsxElements",
  "imports",
  "exportAssignments",
  "variableDeclarations",
  "propertyAssignments",
  "propertyAccesses",
  "elementAccesses",
  "binaryExpressions",
] as const;

/** One imported binding: `import { a as b } from "m"` → local "b", imported "a", module "m". */
export interface ImportBinding {
  local: string;
  /** "default", "*" for namespace imports, or the exported name. */
  imported: string;
  module: string;
  typeOnly: boolean;
  node: ts.Node;
}

/**
 * Nodes that several rules and models need, collected during the engine's single traversal so
 * that nobody walks the tree again. Arrays are in document order.
 */
export class FileIndex {
  readonly calls: ts.CallExpression[] = [];
  readonly newExpressions: ts.NewExpression[] = [];
  readonly functions: ts.FunctionLikeDeclaration[] = [];
  readonly strings: (ts.StringLiteral | ts.NoSubstitutionTemplateLiteral)[] = [];
  readonly templates: ts.TemplateExpression[] = [];
  readonly catchClauses: ts.CatchClause[] = [];
  readonly jsxAttributes: ts.JsxAttribute[] = [];
  readonly jsxElements: (ts.JsxElement | ts.JsxSelfClosingElement)[] = [];
  readonly imports: ImportBinding[] = [];
  readonly exportAssignments: ts.ExportAssignment[] = [];
  readonly variableDeclarations: ts.VariableDeclaration[] = [];
  readonly propertyAssignments: ts.PropertyAssignment[] = [];
  readonly propertyAccesses: ts.PropertyAccessExpression[] = [];
  readonly elementAccesses: ts.ElementAccessExpression[] = [];
  readonly binaryExpressions: ts.BinaryExpression[] = [];
  /** Directive prologue of the file: "use client", "use server". */
  readonly directives = new Set<string>();
  private importsByLocal: Map<string, ImportBinding> | undefined;

  importOf(local: string): ImportBinding | undefined {
    if (!this.importsByLocal) {
      this.importsByLocal = new Map();
      for (const b of this.imports) this.importsByLocal.set(b.local, b);
    }
    return this.importsByLocal.get(local);
  }

  /** Does the file import from this module (exact) or a module matching the predicate? */
  importsFrom(test: string | ((module: string) => boolean)): boolean {
    return this.imports.some((b) => (typeof test === "string" ? b.module === test : test(b.module)));
  }

  /** Record a node; called by the traversal for every node, so it is one table lookup for most. */
  add(node: ts.Node): void {
    const bucket = BUCKET[node.kind] as Bucket;
    if (bucket === Bucket.None) return;
    switch (bucket) {
      case Bucket.Call: {
        this.calls.push(node as ts.CallExpression);
        const call = node as ts.CallExpression;
        // CommonJS: const x = require("m") / const { a } = require("m")
        if (
          call.expression.kind === SyntaxKind.Identifier &&
          (call.expression as ts.Identifier).text === "require" &&
          call.arguments.length === 1 &&
          isStringLiteral(call.arguments[0]) &&
          call.parent && isVariableDeclaration(call.parent)
        ) {
          this.addRequire(call.parent, call.arguments[0].text);
        }
        break;
      }
      case Bucket.New:
        this.newExpressions.push(node as ts.NewExpression);
        break;
      case Bucket.Function:
        this.functions.push(node as ts.FunctionLikeDeclaration);
        break;
      case Bucket.String:
        this.strings.push(node as ts.StringLiteral);
        break;
      case Bucket.Template:
        this.templates.push(node as ts.TemplateExpression);
        break;
      case Bucket.Catch:
        this.catchClauses.push(node as ts.CatchClause);
        break;
      case Bucket.JsxAttribute:
        this.jsxAttributes.push(node as ts.JsxAttribute);
        break;
      case Bucket.JsxElement:
        this.jsxElements.push(node as ts.JsxElement);
        break;
      case Bucket.Import:
        this.addImport(node as ts.ImportDeclaration);
        break;
      case Bucket.ExportAssignment:
        this.exportAssignments.push(node as ts.ExportAssignment);
        break;
      case Bucket.VariableDeclaration:
        this.variableDeclarations.push(node as ts.VariableDeclaration);
        break;
      case Bucket.PropertyAssignment:
        this.propertyAssignments.push(node as ts.PropertyAssignment);
        break;
      case Bucket.PropertyAccess:
        this.propertyAccesses.push(node as ts.PropertyAccessExpression);
        break;
      case Bucket.ElementAccess:
        this.elementAccesses.push(node as ts.ElementAccessExpression);
        break;
      case Bucket.Binary:
        this.binaryExpressions.push(node as ts.BinaryExpression);
        break;
    }
  }

  /** The file's directive prologue: the string statements before any other. */
  addDirectives(sourceFile: ts.SourceFile): void {
    for (const st of sourceFile.statements) {
      if (!isExpressionStatement(st) || !isStringLiteral(st.expression)) break;
      this.directives.add(st.expression.text);
    }
  }

  /** Everything another index holds (one statement's nodes), after what this one holds. */
  append(part: FileIndex): void {
    for (const key of NODE_LISTS) {
      const from = part[key] as unknown[];
      const to = this[key] as unknown[];
      for (let i = 0; i < from.length; i++) to.push(from[i]);
    }
    this.importsByLocal = undefined;
  }

  private addImport(decl: ts.ImportDeclaration): void {
    if (!isStringLiteral(decl.moduleSpecifier)) return;
    const module = decl.moduleSpecifier.text;
    const clause = decl.importClause;
    if (!clause) return;
    const typeOnly = clause.isTypeOnly;
    if (clause.name) this.imports.push({ local: clause.name.text, imported: "default", module, typeOnly, node: clause.name });
    const nb = clause.namedBindings;
    if (nb && isNamespaceImport(nb)) this.imports.push({ local: nb.name.text, imported: "*", module, typeOnly, node: nb });
    else if (nb && isNamedImports(nb)) {
      for (const el of nb.elements) {
        this.imports.push({
          local: el.name.text,
          imported: (el.propertyName ?? el.name).text,
          module,
          typeOnly: typeOnly || el.isTypeOnly,
          node: el,
        });
      }
    }
  }

  private addRequire(decl: ts.VariableDeclaration, module: string): void {
    if (isIdentifier(decl.name)) {
      this.imports.push({ local: decl.name.text, imported: "*", module, typeOnly: false, node: decl });
    } else if (isObjectBindingPattern(decl.name)) {
      for (const el of decl.name.elements) {
        if (!isIdentifier(el.name)) continue;
        const imported = el.propertyName && isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        this.imports.push({ local: el.name.text, imported, module, typeOnly: false, node: el });
      }
    }
  }
}
