import { test } from "node:test";
import assert from "node:assert/strict";
import { TextDocument } from "vscode-languageserver-textdocument";
import { CreateFile, TextDocumentEdit, type Diagnostic, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import { allRules, analyzeSource, applyEdits, applyFixes, parseSource, type Edit, type Finding, type Rule } from "../../rules/src/index.js";
import { fixAllAction, overlaps, pickFixAll, quickFixes, workspaceEdit, FIX_ALL_KIND, type EditContext, type Snapshot } from "../src/codeActions.js";
import { toDiagnostic } from "../src/diagnostics.js";
import { Commands } from "../src/protocol.js";

const emptyCatch = allRules.find((r) => r.meta.id === "empty-catch") as Rule;

function snapshotOf(text: string, version = 3, fileName = "/ws/src/a.ts"): Snapshot {
  const document = TextDocument.create("file:///ws/src/a.ts", "typescript", version, text);
  const findings = analyzeSource({ fileName, text }, { rules: [emptyCatch] }).findings;
  return { uri: document.uri, document, kind: "source", tree: parseSource(fileName, text), findings };
}

const ctx = (files: Record<string, string | undefined> = {}, support = { documentChanges: true, createFile: true }): EditContext => ({
  ...support,
  otherFile: (rel) => ({ uri: `file:///ws/${rel}`, text: files[rel], version: null }),
});

/** Apply the edits one WorkspaceEdit makes to a document, as an editor would. */
function applyTo(doc: TextDocument, edit: WorkspaceEdit): string {
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) if (TextDocumentEdit.is(change) && change.textDocument.uri === doc.uri) edits.push(...(change.edits as TextEdit[]));
  edits.push(...(edit.changes?.[doc.uri] ?? []));
  return TextDocument.applyEdits(doc, edits);
}

const finding = (start: number, end: number, fixes: Finding["fixes"], ruleId = "r"): Finding => ({
  ruleId, severity: "warning", message: "m", start, end, line: 1, column: 1, endLine: 1, endColumn: 1, fixes,
});
const fix = (edits: Edit[], safe = true, preferred = false) => ({ title: "t", safe, preferred, edits });

test("quick fixes: the finding's fix (preferred), ignore line, ignore file, docs", () => {
  const text = "function f() {\n  try { g(); } catch (e) {}\n}\n";
  const snap = snapshotOf(text);
  const diagnostics = snap.findings.map((f, i) => toDiagnostic(f, i, snap.document));
  assert.equal(diagnostics[0].code, "empty-catch");
  assert.equal(diagnostics[0].source, "shipshape");
  assert.match(diagnostics[0].codeDescription!.href, /empty-catch\.md$/);
  const actions = quickFixes(snap, diagnostics, ctx());
  assert.deepEqual(actions.map((a) => a.title), [
    "Log the error",
    "Ignore this line (empty-catch)",
    "Ignore in this file (empty-catch)",
    "Show rule documentation (empty-catch)",
  ]);
  assert.equal(actions[0].isPreferred, true);
  assert.ok(actions.slice(0, 3).every((a) => a.kind === "quickfix" && a.diagnostics?.[0] === diagnostics[0]));
  const fixed = applyTo(snap.document, actions[0].edit!);
  assert.equal(fixed, "function f() {\n  try { g(); } catch (e) {\n    console.error(\"Unexpected error\", e);\n  }\n}\n");
  assert.equal(applyTo(snap.document, actions[1].edit!), "function f() {\n  // shipshape-ignore-next-line empty-catch -- reason\n  try { g(); } catch (e) {}\n}\n");
  assert.deepEqual(actions[3].command, { title: "Show rule documentation (empty-catch)", command: Commands.showDocs, arguments: ["empty-catch"] });
  // The edit names the version it was computed for: an editor refuses it once the text moved.
  const change = actions[0].edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(change.textDocument.version, 3);
});

test("quick fixes: diagnostics from another version, another source or without data are refused", () => {
  const text = "try { g(); } catch (e) {}\n";
  const old = snapshotOf(text, 2);
  const current = snapshotOf(text, 3);
  const staleDiagnostic = toDiagnostic(old.findings[0], 0, old.document);
  assert.deepEqual(quickFixes(current, [staleDiagnostic], ctx()), []);
  const wrongIndex = { ...toDiagnostic(current.findings[0], 0, current.document), data: { ruleId: "empty-catch", index: 5, version: 3 } };
  assert.deepEqual(quickFixes(current, [wrongIndex], ctx()), []);
  const foreign: Diagnostic = { ...toDiagnostic(current.findings[0], 0, current.document), source: "eslint" };
  assert.deepEqual(quickFixes(current, [foreign], ctx()), []);
  const moved = toDiagnostic(current.findings[0], 0, current.document);
  moved.range = { start: { line: 0, character: 0 }, end: moved.range.end };
  assert.deepEqual(quickFixes(current, [moved], ctx()), [], "same version and index, another range: another analysis");
  const noData: Diagnostic = { ...toDiagnostic(current.findings[0], 0, current.document), data: undefined };
  assert.deepEqual(quickFixes(current, [noData], ctx()), []);
});

test("quick fixes: two findings of one rule on one line share the ignore actions", () => {
  const text = "try { a(); } catch {} try { b(); } catch {}\n";
  const snap = snapshotOf(text);
  assert.equal(snap.findings.length, 2);
  const actions = quickFixes(snap, snap.findings.map((f, i) => toDiagnostic(f, i, snap.document)), ctx());
  assert.equal(actions.filter((a) => a.title.startsWith("Ignore this line")).length, 1);
  assert.equal(actions.filter((a) => a.title.startsWith("Ignore in this file")).length, 1);
  assert.equal(actions.filter((a) => a.title === "Log the error").length, 2);
});

test("overlap: shared text, an insertion strictly inside, two insertions at one point", () => {
  assert.equal(overlaps(0, 5, 4, 8), true);
  assert.equal(overlaps(0, 5, 5, 8), false, "touching ranges");
  assert.equal(overlaps(3, 3, 0, 5), true);
  assert.equal(overlaps(0, 0, 0, 5), false, "insertion at the start of a replacement");
  assert.equal(overlaps(5, 5, 0, 5), false, "insertion at its end");
  assert.equal(overlaps(4, 4, 4, 4), true);
  assert.equal(overlaps(0, 9, 4, 4), true);
});

test("fix-all: safe fixes only, first come first served, an overlapping fix is skipped whole", () => {
  const text = "0123456789abcdef";
  const findings = [
    finding(0, 2, [fix([{ start: 0, end: 2, newText: "AB" }])]),
    finding(1, 3, [fix([{ start: 8, end: 9, newText: "X" }, { start: 1, end: 3, newText: "zz" }])]), // clashes on 1..2
    finding(4, 5, [fix([{ start: 4, end: 5, newText: "U" }], false)]), // unsafe
    finding(6, 7, [fix([{ start: 6, end: 7, newText: "s" }]), fix([{ start: 6, end: 7, newText: "P" }], true, true)]), // preferred wins
    finding(10, 11, [fix([{ start: 10, end: 10, newText: "<" }, { file: ".env", start: 0, end: 0, newText: "K=v\n" }])]), // other file
    finding(12, 13, [fix([{ start: 12, end: 13, newText: "Q" }])]),
  ];
  const edits = pickFixAll(findings);
  assert.equal(applyEdits(text, edits).text, "AB2345P789abQdef");
  // Same result as the engine's applyFixes over the same selection order.
  const engine = applyFixes(text, [findings[0].fixes[0], findings[1].fixes[0], findings[3].fixes[1], findings[4].fixes[0], findings[5].fixes[0]]);
  assert.equal(engine.text, "AB2345P789abQdef");
});

test("fix-all action: every empty catch fixed in one edit, code still parses", () => {
  const text = "try {\n  a();\n} catch (e) {}\ntry { b(); } catch {}\np.catch(() => {});\n";
  const snap = snapshotOf(text, 7);
  assert.equal(snap.findings.length, 3);
  const action = fixAllAction(snap, ctx());
  assert.ok(action);
  assert.equal(action.kind, FIX_ALL_KIND);
  const out = applyTo(snap.document, action.edit!);
  assert.equal(analyzeSource({ fileName: "a.ts", text: out }, { rules: [emptyCatch] }).findings.length, 0);
  assert.equal(parseSource("a.ts", out).statements.length, 3);
  assert.equal(fixAllAction(snapshotOf("const a = 1;\n"), ctx()), undefined, "nothing to fix: no action");
});

test("edits in other files: created if missing, positions from that file's current text", () => {
  const snap = snapshotOf("const k = 'x';\n");
  const edits: Edit[] = [
    { start: 10, end: 13, newText: "process.env.K" },
    { file: ".env", start: 4, end: 4, newText: "K=x\n" },
    { file: ".env.example", start: 0, end: 0, newText: "K=\n" },
  ];
  const edit = workspaceEdit(snap, edits, ctx({ ".env": "A=1\nB=2\n", ".env.example": undefined }))!;
  const changes = edit.documentChanges!;
  assert.equal((changes[0] as TextDocumentEdit).textDocument.uri, snap.uri);
  const env = changes.find((c) => TextDocumentEdit.is(c) && c.textDocument.uri === "file:///ws/.env") as TextDocumentEdit;
  assert.deepEqual((env.edits[0] as TextEdit).range.start, { line: 1, character: 0 });
  assert.equal(env.textDocument.version, null);
  const creates = changes.filter((c) => CreateFile.is(c)) as CreateFile[];
  assert.ok(creates.some((c) => c.uri === "file:///ws/.env.example" && c.options?.ignoreIfExists));
  // Without file creation a fix that needs a new file is not offered; without documentChanges, plain changes.
  assert.equal(workspaceEdit(snap, edits, ctx({ ".env": "" }, { documentChanges: false, createFile: false })), undefined);
  const plain = workspaceEdit(snap, edits.slice(0, 2), ctx({ ".env": "" }, { documentChanges: false, createFile: false }))!;
  assert.deepEqual(Object.keys(plain.changes!).sort(), ["file:///ws/.env", snap.uri].sort());
  // No workspace root: cross-file fixes are dropped.
  assert.equal(workspaceEdit(snap, edits, { documentChanges: true, createFile: true, otherFile: () => undefined }), undefined);
});
