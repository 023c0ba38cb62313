import path from "node:path";
import type * as ts from "typescript";
import { TextDocument, type TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";
import { fileKindOf, parseSource, reparseSource, unanalysableReason, type FileKind, type TextChange } from "../../rules/src/index.js";
import { fileNameOf } from "./paths.js";

/** One open document, its text, and the tree parsed for it (at most once per version). */
export interface OpenDocument {
  readonly uri: string;
  readonly fileName: string;
  /** What the engine reads it as; undefined for files Shipshape does not analyse (shipshape.json, others). */
  readonly kind: FileKind | undefined;
  document: TextDocument;
  /** The last tree parsed, for `treeVersion`. */
  tree?: ts.SourceFile;
  treeVersion?: number;
  /** Edits since `treeVersion`, each with offsets into the text before it. */
  pending: TextChange[];
}

/**
 * Open documents, kept in sync from incremental changes. Parsing is lazy: edits pile up until
 * someone needs the tree, then one incremental reparse covers them all.
 */
export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();
  private readonly byFile = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const fileName = fileNameOf(uri);
    const entry: OpenDocument = {
      uri,
      fileName,
      kind: fileKindOf(fileName),
      document: TextDocument.create(uri, languageId, version, text),
      pending: [],
    };
    this.docs.set(uri, entry);
    this.byFile.set(path.resolve(fileName), entry);
    return entry;
  }

  /** Apply one didChange notification. Returns undefined for a document we do not hold. */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    if (!entry) return undefined;
    for (const change of changes) {
      // LSP ranges in one notification are sequential: each is relative to the text after the previous one.
      const doc = entry.document;
      if ("range" in change) {
        const start = doc.offsetAt(change.range.start);
        const end = doc.offsetAt(change.range.end);
        entry.pending.push({ start, end, newText: change.text });
      } else {
        entry.pending.push({ start: 0, end: doc.getText().length, newText: change.text });
      }
      entry.document = TextDocument.update(doc, [change], version);
    }
    // A version can also move without edits (an empty change list): the text is still exact.
    if (changes.length === 0) entry.document = TextDocument.update(entry.document, [], version);
    return entry;
  }

  close(uri: string): void {
    const entry = this.docs.get(uri);
    this.docs.delete(uri);
    if (entry && this.byFile.get(path.resolve(entry.fileName)) === entry) this.byFile.delete(path.resolve(entry.fileName));
  }

  /** The open document for an absolute file path (URIs from the client may encode paths differently). */
  byPath(filePath: string): OpenDocument | undefined {
    return this.byFile.get(path.resolve(filePath));
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }
}

/**
 * The tree for the document's current version: reused when it was parsed already, else an
 * incremental reparse of the previous tree (or a fresh parse). Undefined when the text is too
 * large or cannot be parsed: the engine then reports why and skips the file.
 */
export function treeOf(entry: OpenDocument): ts.SourceFile | undefined {
  const version = entry.document.version;
  if (entry.tree && entry.treeVersion === version) return entry.tree;
  const text = entry.document.getText();
  const previous = entry.tree;
  const changes = entry.pending;
  entry.tree = undefined;
  entry.treeVersion = undefined;
  entry.pending = [];
  if (entry.kind !== "source" || unanalysableReason(text)) return undefined;
  try {
    // TypeScript reuses the old tree's nodes: from here on only the new tree is valid.
    entry.tree = previous ? reparseSource(previous, text, changes) : parseSource(entry.fileName, text);
  } catch {
    // Pathological nesting overflows the parser's stack; analyzeSource reparses and says why.
    return undefined;
  }
  entry.treeVersion = version;
  return entry.tree;
}
