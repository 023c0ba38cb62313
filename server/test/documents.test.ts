import { test } from "node:test";
import assert from "node:assert/strict";
import type * as ts from "typescript";
import { MAX_FILE_BYTES, parseSource } from "../../rules/src/index.js";
import { DocumentStore, treeOf } from "../src/documents.js";

/** Structure of a tree as text, to compare an incremental reparse with a full parse. */
function shape(sf: ts.SourceFile): string {
  const out: string[] = [];
  const walk = (n: ts.Node): void => {
    out.push(`${n.kind}@${n.pos}-${n.end}`);
    n.forEachChild(walk);
  };
  walk(sf);
  return out.join(" ");
}

const uri = "file:///ws/src/a.ts";
const text = "import x from 'x';\nexport function a() {\n  try { x(); } catch (e) {}\n}\nexport const b = 2;\n";

test("incremental changes: text follows, one reparse per version reuses the old tree", () => {
  const store = new DocumentStore();
  const entry = store.open(uri, "typescript", 1, text);
  assert.equal(entry.kind, "source");
  const t1 = treeOf(entry)!;
  assert.equal(treeOf(entry), t1, "parsed once per version");
  const keep = t1.statements[0];

  // One change: `x();` → `y(); z();` on line 2.
  store.change(uri, 2, [{ range: { start: { line: 2, character: 8 }, end: { line: 2, character: 12 } }, text: "y(); z();" }]);
  const expected2 = text.replace("x();", "y(); z();");
  assert.equal(entry.document.getText(), expected2);
  const t2 = treeOf(entry)!;
  assert.equal(t2.text, expected2);
  assert.equal(shape(t2), shape(parseSource("a.ts", expected2)));
  assert.equal(t2.statements[0], keep, "an untouched statement is reused: the reparse was incremental");
});

test("several changes in one notification, each relative to the text after the previous one", () => {
  const store = new DocumentStore();
  const entry = store.open(uri, "typescript", 1, text);
  treeOf(entry);
  store.change(uri, 2, [
    { range: { start: { line: 4, character: 17 }, end: { line: 4, character: 18 } }, text: "3" },
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "// head\n" },
    // Line numbers now count the inserted line.
    { range: { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } }, text: "/* c */ " },
  ]);
  // Edits across two notifications before anyone asks for the tree.
  store.change(uri, 3, [{ text: "// replaced\n" + text }]);
  store.change(uri, 4, [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 11 } }, text: "swapped" }]);
  const expected = "// swapped\n" + text;
  assert.equal(entry.document.getText(), expected);
  assert.equal(entry.document.version, 4);
  const tree = treeOf(entry)!;
  assert.equal(shape(tree), shape(parseSource("a.ts", expected)));
});

test("a full-text change, a version bump without edits, unknown documents", () => {
  const store = new DocumentStore();
  const entry = store.open(uri, "typescript", 1, "const a = 1;");
  treeOf(entry);
  store.change(uri, 2, [{ text: "const b = 2;\nconst c = 3;" }]);
  assert.equal(shape(treeOf(entry)!), shape(parseSource("a.ts", "const b = 2;\nconst c = 3;")));
  store.change(uri, 3, []);
  assert.equal(entry.document.version, 3);
  assert.equal(treeOf(entry)!.text, "const b = 2;\nconst c = 3;");
  assert.equal(store.change("file:///ws/other.ts", 2, []), undefined);
});

test("file kinds; no tree for non-source files or text over the size limit; lookup by path; close", () => {
  const store = new DocumentStore();
  assert.equal(store.open("file:///ws/.env.local", "dotenv", 1, "A=1").kind, "env");
  assert.equal(store.open("file:///ws/package.json", "json", 1, "{}").kind, "package-json");
  assert.equal(store.open("file:///ws/README.md", "markdown", 1, "# hi").kind, undefined);
  assert.equal(treeOf(store.get("file:///ws/.env.local")!), undefined);
  const big = store.open("file:///ws/big.js", "javascript", 1, "x".repeat(MAX_FILE_BYTES + 1));
  assert.equal(treeOf(big), undefined);
  assert.equal(store.byPath("/ws/package.json")?.uri, "file:///ws/package.json");
  store.close("file:///ws/package.json");
  assert.equal(store.get("file:///ws/package.json"), undefined);
  assert.equal(store.byPath("/ws/package.json"), undefined);
});
