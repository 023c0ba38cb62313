import ts = require("typescript");
import { IGNORE_FILE, NEXT_LINE, computeLineStarts, type FileKind } from "../../rules/src/index.js";

/** An edit by offsets into one document's text. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

const REASON = "reason";

/**
 * Insert `// shipshape-ignore-next-line <rule> -- reason` above `line0` with that line's
 * indentation; `{/* … *\/}` when the line sits among JSX children (a `//` there would be text);
 * `#` in .env files. When the line above already is such a comment, the rule joins its list
 * (a second comment would target the first one instead of the finding's line). Undefined when no
 * comment can go there: package.json, or a line that starts inside a multi-line string or template.
 */
export function ignoreLineEdit(text: string, kind: FileKind, tree: ts.SourceFile | undefined, line0: number, ruleId: string): OffsetEdit | undefined {
  if (kind === "package-json") return undefined;
  const starts = computeLineStarts(text);
  if (line0 < 0 || line0 >= starts.length) return undefined;
  const lineStart = starts[line0];
  if (line0 > 0) {
    const joined = joinExisting(text, starts[line0 - 1], lineStart, NEXT_LINE, ruleId);
    if (joined) return joined === COVERED ? undefined : joined;
  }
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineEndOf(text, lineStart)))![0];
  const nl = eolOf(text);
  const body = `${NEXT_LINE} ${ruleId} -- ${REASON}`;
  if (kind === "env") return { start: lineStart, end: lineStart, newText: `${indent}# ${body}${nl}` };
  if (tree) {
    if (insideLiteral(tree, lineStart)) return undefined;
    if (inJsxChildren(tree, lineStart + indent.length)) return { start: lineStart, end: lineStart, newText: `${indent}{/* ${body} */}${nl}` };
  }
  return { start: lineStart, end: lineStart, newText: `${indent}// ${body}${nl}` };
}

/**
 * `// shipshape-ignore-file <rule>` at the top: after a shebang and after the directive prologue
 * ("use client", "use strict"), which must stay first to keep its meaning. An existing
 * ignore-file comment takes the rule into its list instead.
 */
export function ignoreFileEdit(text: string, kind: FileKind, tree: ts.SourceFile | undefined, ruleId: string): OffsetEdit | undefined {
  if (kind === "package-json") return undefined;
  const existing = findMarkerLine(text, IGNORE_FILE);
  if (existing) {
    const joined = joinExisting(text, existing.start, existing.end, IGNORE_FILE, ruleId);
    if (joined) return joined === COVERED ? undefined : joined;
  }
  const nl = eolOf(text);
  const comment = kind === "env" ? `# ${IGNORE_FILE} ${ruleId}` : `// ${IGNORE_FILE} ${ruleId}`;
  let at = 0;
  if (text.startsWith("#!")) at = nextLineStart(text, 0);
  if (tree) {
    for (const statement of tree.statements) {
      if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
      at = Math.max(at, nextLineStart(text, statement.getEnd()));
    }
  }
  if (at >= text.length && text.length > 0 && !/[\r\n]$/.test(text)) return { start: text.length, end: text.length, newText: `${nl}${comment}${nl}` };
  return { start: at, end: at, newText: `${comment}${nl}` };
}

/** Whether `pos` sits among a JSX element's children (not inside braces or a tag). */
export function inJsxChildren(tree: ts.SourceFile, pos: number): boolean {
  let jsx = false;
  for (const node of pathTo(tree, pos)) {
    if (ts.isJsxElement(node) || ts.isJsxFragment(node)) {
      const open = ts.isJsxElement(node) ? node.openingElement : node.openingFragment;
      const close = ts.isJsxElement(node) ? node.closingElement : node.closingFragment;
      jsx = pos >= open.getEnd() && pos <= close.getStart(tree);
    } else if (ts.isJsxExpression(node) || ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxClosingElement(node) || ts.isJsxOpeningFragment(node) || ts.isJsxClosingFragment(node)) {
      jsx = false;
    }
  }
  return jsx;
}

/** Whether `pos` falls strictly inside a string or template literal token (a comment there would become text). */
export function insideLiteral(tree: ts.SourceFile, pos: number): boolean {
  return pathTo(tree, pos).some(
    (n) =>
      ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      n.kind === ts.SyntaxKind.TemplateHead ||
      n.kind === ts.SyntaxKind.TemplateMiddle ||
      n.kind === ts.SyntaxKind.TemplateTail,
  );
}

/** Nodes that strictly contain `pos` (it is past their first character), outermost first. */
function pathTo(tree: ts.SourceFile, pos: number): ts.Node[] {
  const path: ts.Node[] = [];
  let node: ts.Node = tree;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(node, (child) => {
      if (child.end > pos && child.pos <= pos && child.getStart(tree) < pos) {
        next = child;
        return true;
      }
      return undefined;
    });
    if (!next) return path;
    path.push(next);
    node = next;
  }
}

const COVERED = "covered";

/**
 * If [lineStart, lineEnd) holds a `marker` comment, an edit adding `ruleId` to its list, or
 * COVERED when the comment already covers the rule; undefined when there is no such comment.
 */
function joinExisting(text: string, lineStart: number, lineEnd: number, marker: string, ruleId: string): OffsetEdit | typeof COVERED | undefined {
  const line = text.slice(lineStart, lineEnd);
  const m = new RegExp(`^\\s*(?://|\\{?/\\*|#)\\s*${marker}\\b`).exec(line);
  if (!m) return undefined;
  const listStart = m[0].length;
  const tail = line.slice(listStart);
  const stop = tail.search(/--|\*\/|[\r\n]/);
  const list = (stop === -1 ? tail : tail.slice(0, stop)).trimEnd();
  const ids = list.split(/[\s,]+/).filter(Boolean);
  // An empty list already means every rule; a rule already listed needs nothing.
  if (ids.length === 0 || ids.includes(ruleId)) return COVERED;
  const at = lineStart + listStart + list.length;
  return { start: at, end: at, newText: `, ${ruleId}` };
}

/** The first line holding `marker` in a comment, found with one indexOf. */
function findMarkerLine(text: string, marker: string): { start: number; end: number } | undefined {
  let at = text.indexOf(marker);
  while (at !== -1) {
    const start = text.lastIndexOf("\n", at - 1) + 1;
    const before = text.slice(start, at);
    if (/^\s*(\/\/|\{?\/\*|#)\s*$/.test(before)) return { start, end: lineEndOf(text, start) };
    at = text.indexOf(marker, at + marker.length);
  }
  return undefined;
}

function lineEndOf(text: string, from: number): number {
  const n = text.indexOf("\n", from);
  const end = n === -1 ? text.length : n;
  return end > from && text[end - 1] === "\r" ? end - 1 : end;
}

function nextLineStart(text: string, from: number): number {
  const n = text.indexOf("\n", from);
  return n === -1 ? text.length : n + 1;
}

function eolOf(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}
