import ts = require("typescript");
import type { ResolvedConfig } from "./config.js";
// TypeScript's exports are getters on an object too large for fast properties: read once.
const { SyntaxKind, forEachChild, isIdentifier, isOmittedExpression } = ts;

/**
 * Which top-level statements of a file are, for the rules, as they were at the file's previous
 * analysis — so that work done for them then may be reused instead of redone on every keystroke.
 *
 * An incremental reparse (`reparseSource`) keeps the very objects of every top-level statement an
 * edit did not touch, subtree and all (positions are shifted in place). Such a statement is
 * *stable* when, in addition, nothing it can see from outside changed:
 *  - every other statement it mentions by name is unchanged: a changed or removed statement makes
 *    the names it declares (functions, variables, classes, imports …) dirty, and a statement that
 *    mentions a dirty name is not stable;
 *  - no statement that declares nothing by name changed (a directive such as "use client",
 *    `export { … }`, `export default …`, top-level code): those can change how the whole file is
 *    read, so everything is recomputed;
 *  - the configuration, the rule list and the workspace generation (other files) are the same.
 *
 * Only the editor path uses this (a tree handed in with `sourceFile`); a scan parses each file once
 * and keeps nothing. Results for a stable statement must be derived from nodes, names and other
 * files only — never from absolute positions or whole-file counts, which an edit elsewhere moves.
 */
export interface StatementReuse {
  /** This analysis. Memo entries record it. */
  readonly stamp: number;
  /** The file's previous analysis (0: none): a memo entry is reusable only if made or confirmed then. */
  readonly previous: number;
  /** Whether memo entries are written at all (false for a scan: nothing is reused there). */
  readonly enabled: boolean;
  /** The top-level statement that contains a node (undefined for the source file itself). */
  statementOf(node: ts.Node): ts.Node | undefined;
  isStable(statement: ts.Node): boolean;
}

/** Per-node memo for a rule or model, valid while the node's top-level statement is stable. */
export class StatementMemo<K extends ts.Node, V> {
  private readonly entries = new WeakMap<K, { stamp: number; value: V }>();

  get(reuse: StatementReuse, key: K, compute: () => V): V {
    if (!reuse.enabled) return compute();
    const entry = this.entries.get(key);
    if (entry && entry.stamp === reuse.previous) {
      const statement = reuse.statementOf(key);
      if (statement && reuse.isStable(statement)) {
        entry.stamp = reuse.stamp;
        return entry.value;
      }
    }
    const value = compute();
    this.entries.set(key, { stamp: reuse.stamp, value });
    return value;
  }
}

/** Nothing is reused: a scan, a tree parsed just now, the JIT warm-up. */
export const NO_REUSE: StatementReuse = {
  stamp: 0,
  previous: 0,
  enabled: false,
  statementOf: () => undefined,
  isStable: () => false,
};

interface FileState {
  stamp: number;
  statements: ReadonlySet<ts.Node>;
  config: ResolvedConfig;
  rules: readonly unknown[];
  generation: number | undefined;
}

/** Last analysis per file. Bounded: an editor has a few files open; a stale entry only costs a recompute. */
const files = new Map<string, FileState>();
const MAX_FILES = 64;
let stamps = 0;

/** Forget a file's last analysis (the editor closed it): its tree is not kept alive for reuse. */
export function forgetReuse(fileName: string): void {
  files.delete(fileName);
}

/**
 * Start an analysis of `fileName` whose tree is `sourceFile`; `generation` identifies the state of
 * the other files (undefined when there is no workspace: nothing outside the file is read).
 */
export function beginReuse(
  fileName: string,
  sourceFile: ts.SourceFile,
  context: { config: ResolvedConfig; rules: readonly unknown[]; generation: number | undefined; hasWorkspace: boolean },
): StatementReuse {
  const stamp = ++stamps;
  const before = files.get(fileName);
  const current = new Set<ts.Node>(sourceFile.statements);
  files.delete(fileName);
  files.set(fileName, { stamp, statements: current, config: context.config, rules: context.rules, generation: context.generation });
  if (files.size > MAX_FILES) files.delete(files.keys().next().value!);

  // With a workspace whose generation is unknown, other files may have changed at any time.
  const comparable =
    before !== undefined &&
    before.config === context.config &&
    before.rules === context.rules &&
    (!context.hasWorkspace || (context.generation !== undefined && before.generation === context.generation));
  if (!comparable) return { stamp, previous: 0, enabled: true, statementOf: topStatement, isStable: () => false };

  const dirty = new Set<string>();
  let wholeFile = false;
  const changed = (statement: ts.Node) => {
    const names = declaredNames(statement);
    if (names === undefined) wholeFile = true;
    else for (const n of names) dirty.add(n);
  };
  for (const s of current) if (!before.statements.has(s)) changed(s);
  for (const s of before.statements) if (!current.has(s)) changed(s);
  if (wholeFile) return { stamp, previous: before.stamp, enabled: true, statementOf: topStatement, isStable: () => false };

  const isStable = (statement: ts.Node): boolean => {
    if (!before.statements.has(statement)) return false;
    if (dirty.size === 0) return true;
    const mentioned = mentionedNames(statement);
    for (const n of dirty) if (mentioned.has(n)) return false;
    return true;
  };
  return { stamp, previous: before.stamp, enabled: true, statementOf: topStatement, isStable };
}

function topStatement(node: ts.Node): ts.Node | undefined {
  let n: ts.Node | undefined = node;
  while (n && n.parent && n.parent.kind !== SyntaxKind.SourceFile) n = n.parent;
  return n && n.parent ? n : undefined;
}

const DECLARATION_KINDS = new Set([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.ClassDeclaration,
  SyntaxKind.EnumDeclaration,
  SyntaxKind.InterfaceDeclaration,
  SyntaxKind.TypeAliasDeclaration,
  SyntaxKind.ModuleDeclaration,
]);

/**
 * The names a top-level statement declares, or undefined when it is not a plain declaration
 * (directives, re-exports, default-export expressions, top-level code): those count for the whole file.
 */
export function declaredNames(statement: ts.Node): string[] | undefined {
  if (DECLARATION_KINDS.has(statement.kind)) {
    const name = (statement as ts.DeclarationStatement).name;
    return name && (isIdentifier(name) || name.kind === SyntaxKind.StringLiteral) ? [(name as ts.Identifier | ts.StringLiteral).text] : [];
  }
  const names: string[] = [];
  const bind = (n: ts.BindingName) => {
    if (isIdentifier(n)) names.push(n.text);
    else for (const el of n.elements) if (!isOmittedExpression(el)) bind(el.name);
  };
  if (statement.kind === SyntaxKind.VariableStatement) {
    for (const d of (statement as ts.VariableStatement).declarationList.declarations) bind(d.name);
    return names;
  }
  if (statement.kind === SyntaxKind.ImportDeclaration) {
    const clause = (statement as ts.ImportDeclaration).importClause;
    if (clause?.name) names.push(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings) {
      if (bindings.kind === SyntaxKind.NamespaceImport) names.push(bindings.name.text);
      else for (const el of bindings.elements) names.push(el.name.text);
    }
    return names;
  }
  if (statement.kind === SyntaxKind.ImportEqualsDeclaration) return [(statement as ts.ImportEqualsDeclaration).name.text];
  if (statement.kind === SyntaxKind.EmptyStatement) return names;
  return undefined;
}

const mentionedCache = new WeakMap<ts.Node, ReadonlySet<string>>();

/** Every identifier a statement contains (an over-approximation of what it refers to). */
function mentionedNames(statement: ts.Node): ReadonlySet<string> {
  let names = mentionedCache.get(statement);
  if (names) return names;
  const found = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (n.kind === SyntaxKind.Identifier) found.add((n as ts.Identifier).text);
    else forEachChild(n, visit);
  };
  visit(statement);
  mentionedCache.set(statement, (names = found));
  return names;
}
