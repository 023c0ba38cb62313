import { test } from "node:test";
import assert from "node:assert/strict";
import ts = require("typescript");
import { countLines, visibleLines } from "../src/engine/lineCount.js";
import { analyzeSource } from "../src/engine/linter.js";
import { knownLineStarts, parseSource, reparseSource } from "../src/engine/parse.js";
import { allRules } from "../src/registry.js";
import { rng } from "./fuzz/cases.js";

// TypeScript's own scan (exported at run time, not in its typings): the reference.
const computeLineStarts = (ts as unknown as { computeLineStarts(text: string): number[] }).computeLineStarts;

const PIECES = ["a", "bc", " ", "\n", "\n", "\n", "x\n", "\n\n", "é", "const x = 1;\n", "\r", "\r\n", "\u2028", "\u2029"];

test("line count: exact up to the limit, above it past the limit, for every kind of line break", () => {
  const random = rng(20261127);
  for (let round = 0; round < 3000; round++) {
    // Half the texts hold only \n, which is counted without TypeScript's scan.
    const pieces = round % 2 === 0 ? PIECES.slice(0, 10) : PIECES;
    const text = Array.from({ length: Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join("");
    const exact = visibleLines(text, computeLineStarts(text));
    for (const limit of [0, 1, 2, 3, 5, 8, 13, 40]) {
      let scanned = false;
      const counted = countLines(text, limit, () => ((scanned = true), computeLineStarts(text)));
      if (exact <= limit) assert.equal(counted, exact, `${JSON.stringify(text)} limit ${limit}`);
      else assert.ok(counted > limit, `${JSON.stringify(text)} limit ${limit}: ${counted}`);
      if (!/[\r\u2028\u2029]/.test(text)) assert.ok(!scanned, "a text with only \\n breaks needs no line starts");
    }
  }
});

test("line count: the edges", () => {
  assert.equal(countLines("", 10, () => [0]), 0);
  assert.equal(countLines("a", 10, () => [0]), 1);
  assert.equal(countLines("a\n", 10, () => [0, 2]), 1);
  assert.equal(countLines("a\nb", 10, () => [0, 2]), 2);
  assert.equal(countLines("\n", 10, () => [0, 1]), 1);
  assert.equal(countLines("a\rb", 10, () => computeLineStarts("a\rb")), 2);
});

test("a file without findings gets no line starts computed (every rule on, one over the line limit)", () => {
  const lineMapOf = (sf: ts.SourceFile) => (sf as unknown as { lineMap?: readonly number[] }).lineMap;
  const clean = Array.from({ length: 300 }, (_, i) => `export const v${i} = ${i};`).join("\n");
  const cleanTree = parseSource("/workspace/src/clean.ts", clean);
  const r = analyzeSource({ fileName: "/workspace/src/clean.ts", text: clean, sourceFile: cleanTree }, { rules: allRules, reuse: false });
  assert.deepEqual(r.findings, []);
  assert.equal(lineMapOf(cleanTree), undefined);
  const long = Array.from({ length: 401 }, (_, i) => `export const v${i} = ${i};`).join("\n");
  const longTree = parseSource("/workspace/src/long.ts", long);
  const l = analyzeSource({ fileName: "/workspace/src/long.ts", text: long, sourceFile: longTree }, { rules: allRules, reuse: false });
  assert.deepEqual(l.findings.map((f) => f.ruleId), ["oversized-file"]);
  assert.equal(lineMapOf(longTree)?.length, 401);
});

test("line starts a tree already has are used as they are: fresh parse none, carried over by a reparse", () => {
  const text = Array.from({ length: 410 }, (_, i) => `export const v${i} = ${i};`).join("\n");
  const tree = parseSource("/workspace/src/a.ts", text);
  assert.equal(knownLineStarts(tree), undefined, "a fresh parse has none yet");
  tree.getLineStarts();
  const edited = text.replace("v1 = 1", "v1 = 11");
  const next = reparseSource(tree, edited);
  assert.equal(knownLineStarts(next)?.length, 410, "carried over from the previous tree");
  const viaCarried = analyzeSource({ fileName: "/workspace/src/a.ts", text: edited, sourceFile: next }, { rules: allRules, reuse: false });
  const viaFresh = analyzeSource({ fileName: "/workspace/src/a.ts", text: edited }, { rules: allRules });
  assert.deepEqual(viaCarried.findings, viaFresh.findings);
  assert.match(viaFresh.findings[0]?.message ?? "", /410 lines/);
});
