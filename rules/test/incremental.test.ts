import { test } from "node:test";
import assert from "node:assert/strict";
import { allRules, analyzeSource } from "../src/index.js";
import { parseSource, reparseSource } from "../src/engine/parse.js";

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
