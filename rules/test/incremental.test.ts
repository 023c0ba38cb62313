import { test } from "node:test";
import assert from "node:assert/strict";
import { allRules, analyzeSource } from "../src/index.js";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseSource, reparseSource, isSourceFile } from "../src/engine/parse.js";
import { FileIndex, NODE_LISTS } from "../src/engine/fileIndex.js";
import type { Rule } from "../src/engine/types.js";
import { rng } from "./fuzz/cases.js";

// Models may keep results for subtrees the incremental parser reused (render reads of components
// nobody edited). Whatever they keep, an edited tree must give exactly the findings a fresh parse
// of the same text gives.

const fileName = "/workspace/src/panels.tsx";
const base = `"use client";
import { useState } from "react";

export function First() {
  const [saving, setSaving] = useState(false);
  async function save() {
    setSaving(true);
    await fetch("/api/first", { method: "POST" });
    setSaving(false);
  }
  return <button onClick={save} disabled={saving}>Save</button>;
}

export function Second() {
  const [busy, setBusy] = useState(false);
  async function remove() {
    setBusy(true);
    await fetch("/api/second", { method: "DELETE" });
    setBusy(false);
  }
  return <button onClick={remove}>{busy ? "Removing…" : "Remove"}</button>;
}

export function Third() {
  async function send() {
    await fetch("/api/third", { method: "POST" });
  }
  return <button onClick={send}>Send</button>;
}
`;

const findingsOf = (text: string, sourceFile?: import("typescript").SourceFile) =>
  analyzeSource({ fileName, text, sourceFile }, { rules: allRules }).findings.map((f) => `${f.ruleId}@${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`);

/** Replace the first `from` after `anchor` by `to`. */
function edit(text: string, anchor: string, from: string, to: string): { text: string; start: number; end: number; newText: string } {
  const at = text.indexOf(from, text.indexOf(anchor));
  assert.ok(at >= 0, `${from} after ${anchor}`);
  return { text: text.slice(0, at) + to + text.slice(at + from.length), start: at, end: at + from.length, newText: to };
}

test("edits that change what a component renders give the findings of a fresh parse", () => {
  let text = base;
  let tree = parseSource(fileName, text);
  assert.deepEqual(findingsOf(text, tree), findingsOf(text));
  const steps: [string, string, string][] = [
    // Second stops rendering its flag: it must now be reported, First must stay quiet.
    ["export function Second", '{busy ? "Removing…" : "Remove"}', "Remove"],
    // First stops disabling its button.
    ["export function First", " disabled={saving}", ""],
    // A comment inside Third only shifts positions.
    ["export function Third", "async function send", "// sends\n  async function send"],
    // Second shows its flag again, in an attribute this time.
    ["export function Second", "<button onClick={remove}>", "<button onClick={remove} disabled={busy}>"],
    // First renders it once more.
    ["export function First", "<button onClick={save}>", "<button onClick={save} aria-busy={saving}>"],
  ];
  const counts: number[] = [];
  for (const [anchor, from, to] of steps) {
    const e = edit(text, anchor, from, to);
    tree = reparseSource(tree, e.text, [{ start: e.start, end: e.end, newText: e.newText }]);
    text = e.text;
    const incremental = findingsOf(text, tree);
    assert.deepEqual(incremental, findingsOf(text), `after replacing ${JSON.stringify(from)}`);
    counts.push(incremental.filter((f) => f.startsWith("missing-loading-state")).length);
  }
  // The sequence really moved the verdicts: not a test that passes because nothing is found.
  assert.deepEqual(counts, [2, 3, 3, 2, 1]);
});

test("random edits to every test-workspace file: reusing unedited statements' walk gives a fresh parse's findings and index", () => {
  const root = path.resolve(__dirname, "../../../test-workspace");
  const sources: string[] = [];
  (function walk(dir: string) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (isSourceFile(p)) sources.push(p);
    }
  })(root);
  assert.ok(sources.length >= 15, "the workspace's files were found");
  const random = rng(11);
  const pieces = ["x", " ", "\n", "}", "(", '"', "// c\n", "await ", "'use client';\n", "const k = 1;\n"];
  const shape = (index: FileIndex) => NODE_LISTS.map((k) => `${k}:${(index[k] as Array<{ pos?: number; node?: { pos: number } }>).map((n) => n.pos ?? n.node?.pos).join(",")}`).join(" ");
  let reused = 0;
  for (const file of sources) {
    let text = fs.readFileSync(file, "utf8");
    let tree = parseSource(file, text);
    for (let i = 0; i < 12; i++) {
      const start = Math.floor(random() * (text.length + 1));
      const end = random() < 0.3 ? Math.min(text.length, start + 1 + Math.floor(random() * 4)) : start;
      const newText = random() < 0.25 ? "" : pieces[Math.floor(random() * pieces.length)];
      const before = tree.statements;
      text = text.slice(0, start) + newText + text.slice(end);
      tree = reparseSource(tree, text, [{ start, end, newText }]);
      reused += tree.statements.filter((s) => before.includes(s)).length;
      const incremental = probeIndex(file, text, tree);
      const fresh = probeIndex(file, text, undefined);
      assert.deepEqual(incremental.findings, fresh.findings, `${path.relative(root, file)} after edit ${i}`);
      assert.equal(incremental.shape, fresh.shape, `index of ${path.relative(root, file)} after edit ${i}`);
      assert.deepEqual(incremental.directives, fresh.directives);
    }
  }
  assert.ok(reused > 100, "the edits left statements for the walk to reuse");

  function probeIndex(fileName: string, text: string, sourceFile: import("typescript").SourceFile | undefined) {
    let index: FileIndex | undefined;
    const probe: Rule = {
      meta: { id: "probe", steps: ["errors"], severity: "info", description: "probe", fixable: false },
      create: (ctx) => ({ onEnd: () => void (index = ctx.index) }),
    };
    const result = analyzeSource({ fileName, text, sourceFile }, { rules: [...allRules, probe] });
    assert.ok(index);
    return {
      findings: result.findings.map((f) => `${f.ruleId}@${f.start}-${f.end} ${f.message}`),
      shape: shape(index),
      directives: [...index.directives],
    };
  }
});

test("NODE_LISTS names every list of the index", () => {
  const index = new FileIndex();
  const lists = Object.keys(index).filter((k) => Array.isArray((index as unknown as Record<string, unknown>)[k]));
  assert.deepEqual([...lists].sort(), [...NODE_LISTS].sort());
});
