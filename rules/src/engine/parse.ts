import ts = require("typescript");
import { lineOf } from "./suppressions.js";

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  ".ts": ts.ScriptKind.TS,
  ".mts": ts.ScriptKind.TS,
  ".cts": ts.ScriptKind.TS,
  ".tsx": ts.ScriptKind.TSX,
  ".js": ts.ScriptKind.JS,
  ".mjs": ts.ScriptKind.JS,
  ".cjs": ts.ScriptKind.JS,
  ".jsx": ts.ScriptKind.JSX,
};

export const SOURCE_EXTENSIONS = Object.keys(SCRIPT_KINDS);

export function extensionOf(fileName: string): string {
  const slash = Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\"));
  const dot = fileName.lastIndexOf(".");
  return dot > slash ? fileName.slice(dot).toLowerCase() : "";
}

export function isSourceFile(fileName: string): boolean {
  return extensionOf(fileName) in SCRIPT_KINDS && !fileName.endsWith(".d.ts");
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  return SCRIPT_KINDS[extensionOf(fileName)] ?? ts.ScriptKind.TS;
}

/**
 * Parse once; parent pointers are set because rules walk upwards (enclosing function, try, handler).
 * JSDoc is not parsed: no rule reads it, it costs time on every keystroke, and TypeScript 6.0's
 * JSDoc parser never returns on an unterminated doc comment ending like `/** fire-an` at the end
 * of the text — a state every file passes through while someone types such a comment.
 */
export const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

export function parseSource(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, PARSE_OPTIONS, true, scriptKindOf(fileName));
}

/**
 * Parse without parent pointers, for a tree the engine's traversal walks at once: the walk sets
 * them as it goes, so TypeScript's separate pass over every node (a quarter of the parse) is
 * saved. Anything else must use `parseSource`; `reparseSource` needs a tree with parents.
 */
export function parseBareSource(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, PARSE_OPTIONS, false, scriptKindOf(fileName));
}

export interface TextChange {
  /** Offsets in the old text. */
  start: number;
  end: number;
  newText: string;
}

/**
 * Incremental reparse. One change maps straight onto TypeScript's change range; several changes
 * (or none given) fall back to the span between the common prefix and suffix of the two texts,
 * which is exact and costs one linear compare — far less than a parse.
 */
export function reparseSource(previous: ts.SourceFile, newText: string, changes?: readonly TextChange[]): ts.SourceFile {
  const oldText = previous.text;
  if (oldText === newText) return previous;
  let range: ts.TextChangeRange;
  if (changes && changes.length === 1) {
    const c = changes[0];
    range = { span: { start: c.start, length: c.end - c.start }, newLength: c.newText.length };
  } else {
    const max = Math.min(oldText.length, newText.length);
    let prefix = 0;
    while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (
      suffix < max - prefix &&
      oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
    ) suffix++;
    range = { span: { start: prefix, length: oldText.length - suffix - prefix }, newLength: newText.length - suffix - prefix };
  }
  const oldLines = (previous as WithLineMap).lineMap;
  const next = ts.updateSourceFile(previous, newText, range);
  if (oldLines) (next as WithLineMap).lineMap = carryLineStarts(oldLines, newText, range.span.start, range.span.start + range.span.length, range.newLength);
  return next;
}

/** A tree's line starts when they are known already (carried over or asked for), without computing them. */
export function knownLineStarts(sourceFile: ts.SourceFile): readonly number[] | undefined {
  return (sourceFile as WithLineMap).lineMap;
}

/**
 * TypeScript keeps a tree's line starts in this internal property (filled on first use by a scan
 * of the whole text: a third of a millisecond per keystroke in a 3,000-line file). A reparsed tree
 * gets them from the previous tree's instead, rescanning only the edited lines.
 */
interface WithLineMap {
  lineMap?: readonly number[];
}

/**
 * Line starts of a text where old[start, end) became `newLength` characters, from the old text's
 * line starts: lines before the edit are kept, the edited ones rescanned, the later ones shifted.
 * Line breaks as TypeScript counts them: \n, \r, \r\n, U+2028, U+2029.
 */
export function carryLineStarts(old: readonly number[], text: string, start: number, end: number, newLength: number): number[] {
  const delta = newLength - (end - start);
  // The line holding the character before the edit: a \r there may pair with an inserted \n.
  const lo = lineOf(old, Math.max(0, start - 1));
  const out = old.slice(0, lo + 1);
  const to = end + delta;
  let pos = old[lo];
  while (pos < to) {
    const ch = text.charCodeAt(pos++);
    if (ch === 13) {
      if (text.charCodeAt(pos) === 10) pos++;
      out.push(pos);
    } else if (ch === 10 || ch === 0x2028 || ch === 0x2029) out.push(pos);
  }
  let last = out[out.length - 1];
  for (let i = lo + 1; i < old.length; i++) {
    if (old[i] <= end) continue;
    const shifted = old[i] + delta;
    // A \r at the edit's end may have taken the \n after it into the rescanned part.
    if (shifted > last) out.push((last = shifted));
  }
  return out;
}

/** Syntax errors TypeScript found while parsing (the tree still holds everything that parsed). */
export function syntaxErrorCount(sourceFile: ts.SourceFile): number {
  return ((sourceFile as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length;
}
