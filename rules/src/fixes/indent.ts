import type * as ts from "typescript";

/** Leading white space of the line holding `pos`. */
export function indentAt(text: string, pos: number): string {
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  let end = lineStart;
  while (end < text.length && (text[end] === " " || text[end] === "\t")) end++;
  return text.slice(lineStart, end);
}

/** The file's indentation unit, guessed from the first indented line (two spaces when nothing tells). */
export function indentUnit(sf: ts.SourceFile): string {
  const m = /\n(\t+|[ ]{2,8})\S/.exec(sf.text);
  if (!m) return "  ";
  return m[1].startsWith("\t") ? "\t" : m[1].length >= 4 && m[1].length % 4 === 0 ? "    " : "  ";
}

/** The line break style of the file. */
export function eol(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** Quote character the file prefers for string literals. */
export function preferredQuote(text: string): '"' | "'" {
  let single = 0;
  let double = 0;
  const head = text.slice(0, 20_000);
  for (const m of head.matchAll(/from\s+(['"])/g)) m[1] === "'" ? single++ : double++;
  if (single + double === 0) {
    // No imports to go by: count the quote characters themselves.
    for (const ch of head) ch === "'" ? single++ : ch === '"' ? double++ : 0;
  }
  return single > double ? "'" : '"';
}
