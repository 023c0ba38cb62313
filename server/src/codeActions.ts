import type * as ts from "typescript";
import {
  CodeActionKind,
  CreateFile,
  TextDocumentEdit,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Edit, FileKind, Finding, Fix } from "../../rules/src/index.js";
import { Commands } from "./protocol.js";
import { isDiagnosticData, SOURCE } from "./diagnostics.js";
import { ignoreFileEdit, ignoreLineEdit, type OffsetEdit } from "./suppressionEdits.js";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

/** The analysis of exactly one document version, with that version's text and tree. */
export interface Snapshot {
  uri: string;
  document: TextDocument;
  kind: FileKind;
  tree?: ts.SourceFile;
  findings: readonly Finding[];
}

/** Another workspace file an edit touches: its URI, current text (undefined: missing) and open version. */
export interface OtherFile {
  uri: string;
  text: string | undefined;
  version: number | null;
}

export interface EditContext {
  /** Resolve a workspace-relative path; undefined when the document has no workspace root. */
  otherFile(relPath: string): OtherFile | undefined;
  documentChanges: boolean;
  createFile: boolean;
}

/** Quick fixes, ignore comments and the docs link for the diagnostics the editor hands back. */
export function quickFixes(snap: Snapshot, diagnostics: readonly Diagnostic[], ctx: EditContext): CodeAction[] {
  const fixes: CodeAction[] = [];
  const ignores: CodeAction[] = [];
  const docs: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const finding = findingOf(snap, diagnostic);
    if (!finding) continue;
    for (const fix of finding.fixes) {
      const edit = workspaceEdit(snap, fix.edits, ctx);
      if (!edit) continue;
      fixes.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred === true, edit });
    }
    const rule = finding.ruleId;
    const line0 = snap.document.positionAt(finding.start).line;
    if (!seen.has(`line ${rule} ${line0}`)) {
      seen.add(`line ${rule} ${line0}`);
      const e = ignoreLineEdit(snap.document.getText(), snap.kind, snap.tree, line0, rule);
      const action = e && ownAction(snap, `Ignore this line (${rule})`, e, diagnostic, ctx);
      if (action) ignores.push(action);
    }
    if (!seen.has(`file ${rule}`)) {
      seen.add(`file ${rule}`);
      const e = ignoreFileEdit(snap.document.getText(), snap.kind, snap.tree, rule);
      const action = e && ownAction(snap, `Ignore in this file (${rule})`, e, diagnostic, ctx);
      if (action) ignores.push(action);
      const title = `Show rule documentation (${rule})`;
      docs.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title, command: Commands.showDocs, arguments: [rule] } });
    }
  }
  return [...fixes, ...ignores, ...docs];
}

/** `source.fixAll.shipshape`: every safe in-file fix that does not overlap one already taken. */
export function fixAllAction(snap: Snapshot, ctx: EditContext): CodeAction | undefined {
  const edits = pickFixAll(snap.findings);
  if (edits.length === 0) return undefined;
  const edit = workspaceEdit(snap, edits, ctx);
  return edit ? { title: "Fix all safe Shipshape problems", kind: FIX_ALL_KIND, edit } : undefined;
}

/**
 * The fix-all selection, as the engine's applyFixes makes it: per finding its preferred safe fix
 * (else its first safe one), only fixes that stay in this file, first come first served, and a
 * fix touching a range already taken is skipped whole. Two insertions at the same point also
 * clash: their order would be up to the editor.
 */
export function pickFixAll(findings: readonly Finding[]): Edit[] {
  const taken: Array<[number, number]> = [];
  const out: Edit[] = [];
  for (const finding of findings) {
    const candidates = finding.fixes.filter((f) => f.safe && f.edits.length > 0 && f.edits.every((e) => e.file === undefined));
    const fix: Fix | undefined = candidates.find((f) => f.preferred) ?? candidates[0];
    if (!fix) continue;
    const clash = fix.edits.some((e) => taken.some(([s, t]) => overlaps(e.start, e.end, s, t)));
    if (clash) continue;
    for (const e of fix.edits) taken.push([e.start, e.end]);
    out.push(...fix.edits);
  }
  return out;
}

/** Two ranges share text, or an insertion falls strictly inside a replaced range, or two insertions meet. */
export function overlaps(a: number, b: number, s: number, t: number): boolean {
  if (a === b && s === t) return a === s;
  if (a === b) return a > s && a < t;
  if (s === t) return s > a && s < b;
  return a < t && s < b;
}

/** Match a diagnostic to its finding, refusing any that came from another version of the document. */
function findingOf(snap: Snapshot, diagnostic: Diagnostic): Finding | undefined {
  const data = diagnostic.data;
  if (!isDiagnosticData(data) || data.version !== snap.document.version) return undefined;
  const finding = snap.findings[data.index];
  // Same version but re-analysed under a new config: indices may have shifted, so the range must match too.
  if (!finding || finding.ruleId !== data.ruleId) return undefined;
  const doc = snap.document;
  return doc.offsetAt(diagnostic.range.start) === finding.start && doc.offsetAt(diagnostic.range.end) === finding.end ? finding : undefined;
}

function ownAction(snap: Snapshot, title: string, e: OffsetEdit, diagnostic: Diagnostic, ctx: EditContext): CodeAction | undefined {
  const edit = workspaceEdit(snap, [e], ctx);
  return edit && { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

/**
 * Engine edits as a WorkspaceEdit. Offsets into other files are turned into positions against
 * their current text (the open editor's, else the disk's); a missing file is created first.
 * Undefined when the client cannot take the edit (no workspace root, or no file creation).
 */
export function workspaceEdit(snap: Snapshot, edits: readonly Edit[], ctx: EditContext): WorkspaceEdit | undefined {
  const own: TextEdit[] = [];
  const others = new Map<string, Edit[]>();
  for (const e of edits) {
    if (e.file === undefined) own.push(toTextEdit(snap.document, e));
    else {
      const list = others.get(e.file) ?? [];
      list.push(e);
      others.set(e.file, list);
    }
  }
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  const changes: Record<string, TextEdit[]> = {};
  if (own.length > 0) {
    documentChanges.push(TextDocumentEdit.create({ uri: snap.uri, version: snap.document.version }, own));
    changes[snap.uri] = own;
  }
  for (const [rel, list] of others) {
    const file = ctx.otherFile(rel);
    if (!file) return undefined;
    const missing = file.text === undefined;
    if (missing && !(ctx.documentChanges && ctx.createFile)) return undefined;
    const doc = TextDocument.create(file.uri, "", 0, file.text ?? "");
    const textEdits = list.map((e) => toTextEdit(doc, e));
    if (ctx.createFile && file.version === null) documentChanges.push(CreateFile.create(file.uri, { ignoreIfExists: true }));
    documentChanges.push(TextDocumentEdit.create({ uri: file.uri, version: file.version }, textEdits));
    changes[file.uri] = textEdits;
  }
  if (documentChanges.length === 0) return undefined;
  return ctx.documentChanges ? { documentChanges } : { changes };
}

function toTextEdit(doc: TextDocument, e: Edit): TextEdit {
  return { range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText };
}
