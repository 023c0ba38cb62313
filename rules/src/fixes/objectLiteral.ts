import ts = require("typescript");
import type { Edit } from "../engine/types.js";
import { eol, indentAt, indentUnit } from "./indent.js";

/**
 * Add `properties` (source text such as `httpOnly: true`) at the end of an object literal, in its
 * layout: one line stays one line, a multi-line literal gets one property per line at the
 * indentation of its members, and a trailing comma stays a trailing comma.
 */
export function addProperties(sf: ts.SourceFile, literal: ts.ObjectLiteralExpression, properties: string[]): Edit {
  const text = sf.text;
  const members = literal.properties;
  const open = literal.getStart(sf);
  const close = literal.getEnd() - 1;
  if (members.length === 0) {
    return { start: open, end: literal.getEnd(), newText: `{ ${properties.join(", ")} }` };
  }
  const last = members[members.length - 1];
  const trailingComma = members.hasTrailingComma;
  const after = trailingComma ? text.indexOf(",", last.getEnd()) + 1 : last.getEnd();
  const multiLine = text.slice(open, close).includes("\n");
  if (!multiLine) {
    const added = properties.join(", ");
    return { start: after, end: after, newText: trailingComma ? ` ${added},` : `, ${added}` };
  }
  const nl = eol(text);
  const indent = indentAt(text, last.getStart(sf));
  const memberIndent = indent.length > indentAt(text, open).length ? indent : indentAt(text, open) + indentUnit(sf);
  const lines = properties.map((p) => `${nl}${memberIndent}${p}`);
  return trailingComma
    ? { start: after, end: after, newText: lines.map((l) => `${l},`).join("") }
    : { start: after, end: after, newText: `,${lines.join(",")}` };
}

/** Text for a new options object argument: `{ a, b }`. */
export function objectText(properties: string[]): string {
  return `{ ${properties.join(", ")} }`;
}
