import ts = require("typescript");

/**
 * Kinds the index records, as a lookup table: the traversal calls `add` for every node, and most
 * nodes (identifiers, keywords, tokens) are rejected by one array read.
 */
const BUCKET = new Uint8Array(ts.SyntaxKind.Count);
for (const k of [
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.NewExpression,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateExpression,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.JsxAttribute,
  ts.SyntaxKind.JsxElement,
  ts.SyntaxKind.JsxSelfClosingElement,
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ExportAssignment,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.PropertyAccessExpression,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.ExpressionStatement,
])
  BUCKET[k] = 1;

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
    const bucket = BUCKET[node.kind];
    if (bucket === 0) return;
    switch (node.kind) {
      case ts.SyntaxKind.CallExpression: {
        this.calls.push(node as ts.CallExpression);
        const call = node as ts.CallExpression;
        // CommonJS: const x = require("m") / const { a } = require("m")
        if (
          call.expression.kind === ts.SyntaxKind.Identifier &&
          (call.expression as ts.Identifier).text === "require" &&
          call.arguments.length === 1 &&
          ts.isStringLiteral(call.arguments[0]) &&
          call.parent && ts.isVariableDeclaration(call.parent)
        ) {
          this.addRequire(call.parent, call.arguments[0].text);
        }
        break;
      }
      case ts.SyntaxKind.NewExpression:
        this.newExpressions.push(node as ts.NewExpression);
        break;
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.MethodDeclaration:
      case ts.SyntaxKind.Constructor:
      case ts.SyntaxKind.GetAccessor:
      case ts.SyntaxKind.SetAccessor:
        this.functions.push(node as ts.FunctionLikeDeclaration);
        break;
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        this.strings.push(node as ts.StringLiteral);
        break;
      case ts.SyntaxKind.TemplateExpression:
        this.templates.push(node as ts.TemplateExpression);
        break;
      case ts.SyntaxKind.CatchClause:
        this.catchClauses.push(node as ts.CatchClause);
        break;
      case ts.SyntaxKind.JsxAttribute:
        this.jsxAttributes.push(node as ts.JsxAttribute);
        break;
      case ts.SyntaxKind.JsxElement:
      case ts.SyntaxKind.JsxSelfClosingElement:
        this.jsxElements.push(node as ts.JsxElement);
        break;
      case ts.SyntaxKind.ImportDeclaration:
        this.addImport(node as ts.ImportDeclaration);
        break;
      case ts.SyntaxKind.ExportAssignment:
        this.exportAssignments.push(node as ts.ExportAssignment);
        break;
      case ts.SyntaxKind.VariableDeclaration:
        this.variableDeclarations.push(node as ts.VariableDeclaration);
        break;
      case ts.SyntaxKind.PropertyAssignment:
        this.propertyAssignments.push(node as ts.PropertyAssignment);
        break;
      case ts.SyntaxKind.PropertyAccessExpression:
        this.propertyAccesses.push(node as ts.PropertyAccessExpression);
        break;
      case ts.SyntaxKind.BinaryExpression:
        this.binaryExpressions.push(node as ts.BinaryExpression);
        break;
      case ts.SyntaxKind.ExpressionStatement: {
        const expr = (node as ts.ExpressionStatement).expression;
        if (ts.isStringLiteral(expr) && node.parent && ts.isSourceFile(node.parent)) {
          // Only the prologue counts: a directive after other statements is an ordinary string.
          const first = node.parent.statements.findIndex((s) => !(ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)));
          const idx = node.parent.statements.indexOf(node as ts.Statement);
          if (first === -1 || idx < first) this.directives.add(expr.text);
        }
        break;
      }
    }
  }

  private addImport(decl: ts.ImportDeclaration): void {
    if (!ts.isStringLiteral(decl.moduleSpecifier)) return;
    const module = decl.moduleSpecifier.text;
    const clause = decl.importClause;
    if (!clause) return;
    const typeOnly = clause.isTypeOnly;
    if (clause.name) this.imports.push({ local: clause.name.text, imported: "default", module, typeOnly, node: clause.name });
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) this.imports.push({ local: nb.name.text, imported: "*", module, typeOnly, node: nb });
    else if (nb && ts.isNamedImports(nb)) {
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
    if (ts.isIdentifier(decl.name)) {
      this.imports.push({ local: decl.name.text, imported: "*", module, typeOnly: false, node: decl });
    } else if (ts.isObjectBindingPattern(decl.name)) {
      for (const el of decl.name.elements) {
        if (!ts.isIdentifier(el.name)) continue;
        const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        this.imports.push({ local: el.name.text, imported, module, typeOnly: false, node: el });
      }
    }
  }
}
