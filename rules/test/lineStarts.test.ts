import { test } from "node:test";
import assert from "node:assert/strict";
import ts = require("typescript");
import { carryLineStarts, parseSource, reparseSource } from "../src/engine/parse.js";
import { rng } from "./fuzz/cases.js";

// TypeScript's own scan (exported at run time, not in its typings): the reference.
const computeLineStarts = (ts as unknown as { computeLineStarts(text: string): number[] }).computeLineStarts;

// A reparsed tree carries its line starts over from the previous tree instead of rescanning the
// text; they must be exactly what TypeScript computes from the new text, for every kind of break.

const PIECES = ["a", "bc", " ", "\n", "\r", "\r\n", "\u2028", "\u2029", "x\n", "\r\r", "\n\n", "é", "const x = 1;\n"];

test("carried line starts equal a fresh computation, over random edits with every kind of line break", () => {
  const random = rng(20261126);
  const pick = () => PIECES[Math.floor(random() * PIECES.length)];
  let checked = 0;
  for (let round = 0; round < 400; round++) {
    let text = Array.from({ length: 1 + Math.floor(random() * 30) }, pick).join("");
    let lines = computeLineStarts(text);
    for (let step = 0; step < 20; step++) {
      const start = Math.floor(random() * (text.length + 1));
      const end = start + Math.floor(random() * Math.min(6, text.length - start + 1));
      const inserted = Array.from({ length: Math.floor(random() * 3) }, pick).join("");
      const next = text.slice(0, start) + inserted + text.slice(end);
      const carried = carryLineStarts(lines, next, start, end, inserted.length);
      assert.deepEqual(carried, computeLineStarts(next), `${JSON.stringify(text)} [${start}, ${end}) ← ${JSON.stringify(inserted)}`);
      text = next;
      lines = carried;
      checked++;
    }
  }
  assert.equal(checked, 8000);
});

test("a reparsed tree answers line and column from the carried line starts", () => {
  let text = "const a = 1;\r\nconst b = 2;\nexport function f() {\n  return a + b;\n}\n";
  let tree = parseSource("/x.ts", text);
  tree.getLineStarts();
  for (const [where, insert] of [[14, "\r\n// note\n"], [0, "\n"], [-1, "\u2028tail"]] as const) {
    const at = where < 0 ? text.length : where;
    const next = text.slice(0, at) + insert + text.slice(at);
    tree = reparseSource(tree, next, [{ start: at, end: at, newText: insert }]);
    text = next;
    assert.deepEqual(tree.getLineStarts(), computeLineStarts(text));
    const pos = text.indexOf("return");
    assert.deepEqual(tree.getLineAndCharacterOfPosition(pos), ts.getLineAndCharacterOfPosition(parseSource("/y.ts", text), pos));
  }
});
