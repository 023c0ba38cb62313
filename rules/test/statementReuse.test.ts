import { test } from "node:test";
import assert from "node:assert/strict";
import type * as ts from "typescript";
import { allRules, analyzeSource, DEFAULT_CONFIG } from "../src/index.js";
import { parseSource, reparseSource } from "../src/engine/parse.js";
import { beginReuse, declaredNames, forgetReuse } from "../src/engine/statementReuse.js";
import type { WorkspaceView } from "../src/engine/types.js";

// What the editor path may reuse between keystrokes, and that a rule reusing it still reports
// exactly what a fresh analysis reports when something it depends on changes elsewhere.

let files = 0;
const freshName = () => `/workspace/src/reuse-${++files}.tsx`;

function editTree(tree: ts.SourceFile, from: string, to: string, after = ""): ts.SourceFile {
  const text = tree.text;
  const at = text.indexOf(from, after ? text.indexOf(after) : 0);
  assert.ok(at >= 0, `${from} after ${after}`);
  const next = text.slice(0, at) + to + text.slice(at + from.length);
  return reparseSource(tree, next, [{ start: at, end: at + from.length, newText: to }]);
}

const PANELS = `"use client";
import { useState } from "react";

async function save(id: string) {
  await fetch("/api/orders/" + id, { method: "POST" });
}

export function First() {
  return <button onClick={() => save("1")}>Save</button>;
}

export function Second() {
  const [n, setN] = useState(0);
  return <button onClick={() => setN(n + 1)}>{n}</button>;
}
`;

test("declaredNames: declarations name what they declare; other statements count for the whole file", () => {
  const sf = parseSource("/a.ts", `"use client";
import React, { useState as useS } from "react";
import * as z from "zod";
const { a, b: [c] } = obj, d = 1;
function f() {}
class K {}
type T = number;
export default f;
export { a };
foo();
`);
  assert.deepEqual(sf.statements.map((s) => declaredNames(s)), [undefined, ["React", "useS"], ["z"], ["a", "c", "d"], ["f"], ["K"], ["T"], undefined, undefined, undefined]);
});

test("an edit inside one statement leaves the others stable", () => {
  const name = freshName();
  const context = { config: DEFAULT_CONFIG, rules: allRules, generation: undefined, hasWorkspace: false };
  let tree = parseSource(name, PANELS);
  const first = beginReuse(name, tree, context);
  assert.equal(first.previous, 0);
  assert.equal(first.isStable(tree.statements[3]), false, "nothing is stable at the first analysis");
  tree = editTree(tree, "setN(n + 1)", "setN(n + 2)");
  const second = beginReuse(name, tree, context);
  assert.equal(second.previous, first.stamp);
  const [directive, imports, saveFn, firstComp, secondComp] = tree.statements;
  assert.equal(second.isStable(directive), true);
  assert.equal(second.isStable(imports), true);
  assert.equal(second.isStable(saveFn), true);
  assert.equal(second.isStable(firstComp), true);
  assert.equal(second.isStable(secondComp), false, "the edited statement");
  assert.equal(second.statementOf(firstComp.getChildAt(0)), firstComp);
});

test("a changed declaration makes every statement that mentions its name unstable", () => {
  const name = freshName();
  const context = { config: DEFAULT_CONFIG, rules: allRules, generation: undefined, hasWorkspace: false };
  let tree = parseSource(name, PANELS);
  beginReuse(name, tree, context);
  tree = editTree(tree, `"/api/orders/"`, `"/api/order/"`);
  const reuse = beginReuse(name, tree, context);
  const [, imports, saveFn, firstComp, secondComp] = tree.statements;
  assert.equal(reuse.isStable(saveFn), false);
  assert.equal(reuse.isStable(firstComp), false, "First calls save()");
  assert.equal(reuse.isStable(secondComp), true, "Second never mentions save");
  assert.equal(reuse.isStable(imports), true);
});

test("a directive, another configuration, rule list or workspace generation makes nothing stable", () => {
  const check = (change: (tree: ts.SourceFile) => ts.SourceFile, before: Partial<Parameters<typeof beginReuse>[2]>, after: Partial<Parameters<typeof beginReuse>[2]>) => {
    const name = freshName();
    const base = { config: DEFAULT_CONFIG, rules: allRules, generation: 1, hasWorkspace: true };
    let tree = parseSource(name, PANELS);
    beginReuse(name, tree, { ...base, ...before });
    tree = change(tree);
    const reuse = beginReuse(name, tree, { ...base, ...after });
    return tree.statements.map((s) => reuse.isStable(s));
  };
  const same = (t: ts.SourceFile) => t;
  const noneStable = [false, false, false, false, false];
  assert.deepEqual(check(same, {}, {}), [true, true, true, true, true], "the same tree again");
  assert.deepEqual(check((t) => editTree(t, `"use client"`, `"use server"`), {}, {}), noneStable);
  assert.deepEqual(check(same, {}, { config: { ...DEFAULT_CONFIG } }), noneStable);
  assert.deepEqual(check(same, {}, { rules: allRules.slice(1) }), noneStable);
  assert.deepEqual(check(same, {}, { generation: 2 }), noneStable);
  assert.deepEqual(check(same, { generation: undefined }, { generation: undefined }), noneStable, "a workspace without generation");
  assert.deepEqual(check(same, { hasWorkspace: false, generation: undefined }, { hasWorkspace: false, generation: undefined }), [true, true, true, true, true]);
});

const findings = (name: string, tree: ts.SourceFile, workspace?: WorkspaceView) =>
  analyzeSource({ fileName: name, text: tree.text, sourceFile: tree }, { rules: allRules, workspace }).findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`);
const fresh = (name: string, text: string, workspace?: WorkspaceView) =>
  analyzeSource({ fileName: name, text }, { rules: allRules, workspace }).findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`);

test("a handler's verdict follows an edit to the function it calls, declared in another statement", () => {
  const name = freshName();
  let tree = parseSource(name, PANELS);
  const before = findings(name, tree);
  assert.ok(before.some((f) => f.startsWith("missing-loading-state@9")), before.join());
  // save() stops making a request: First's button no longer needs a pending state.
  tree = editTree(tree, `await fetch("/api/orders/" + id, { method: "POST" });`, `console.log(id);`);
  assert.deepEqual(findings(name, tree), fresh(name, tree.text));
  assert.ok(!findings(name, tree).some((f) => f.startsWith("missing-loading-state")));
  // And back.
  tree = editTree(tree, `console.log(id);`, `await fetch("/api/orders/" + id);`);
  assert.deepEqual(findings(name, tree), fresh(name, tree.text));
  assert.ok(findings(name, tree).some((f) => f.startsWith("missing-loading-state")));
});

test("a handler's verdict follows another file when the workspace generation changes", () => {
  const name = "/workspace/src/order-form.tsx";
  let actions = `"use server";\nexport async function placeOrder() { await db.order.create({}); }\n`;
  let generation = 1;
  const view = (): WorkspaceView => ({ root: "/workspace", generation, readFile: (rel) => (rel === "src/actions.ts" ? actions : undefined) });
  const text = `"use client";
import { placeOrder } from "./actions";

export function OrderForm() {
  return <button onClick={() => placeOrder()}>Order</button>;
}
`;
  const tree = parseSource(name, text);
  const first = findings(name, tree, view());
  assert.deepEqual(first, fresh(name, text, view()));
  // The other file stops exporting an async function: with a new generation the verdict is redone.
  actions = `export function placeOrder() { return 1; }\n`;
  generation++;
  const second = findings(name, tree, view());
  assert.deepEqual(second, fresh(name, text, view()));
  assert.notDeepEqual(first, second, "the verdict depends on the other file");
});

test("a forgotten file (closed in the editor) starts over and keeps nothing of its last tree", () => {
  const name = freshName();
  const context = { config: DEFAULT_CONFIG, rules: allRules, generation: undefined, hasWorkspace: false };
  const tree = parseSource(name, PANELS);
  beginReuse(name, tree, context);
  assert.notEqual(beginReuse(name, tree, context).previous, 0);
  forgetReuse(name);
  const reuse = beginReuse(name, tree, context);
  assert.equal(reuse.previous, 0);
  assert.equal(reuse.isStable(tree.statements[2]), false);
});
