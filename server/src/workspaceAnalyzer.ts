/**
 * The workspace side of the server: scans every folder in the background (cancellable, with
 * progress), keeps findings per file (from disk, or from the editor when the file is open),
 * re-analyses files that change on disk, publishes problems of unopened files when
 * `shipshape.scope` is "workspace", and computes the readiness checklist on request. Nothing here
 * runs on the keystroke path: open documents only mark the checklist stale (debounced).
 */
import path from "node:path";
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver";
import {
  buildChecklist,
  docsUrl,
  fileKindOf,
  type AnyRule,
  type Checklist,
  type FileKind,
  type Finding,
  type ResolvedConfig,
  type Severity,
  type WorkspaceFacts,
} from "../../rules/src/index.js";
import { SOURCE } from "./diagnostics.js";
import { relativeInside, uriOf } from "./paths.js";
import { AnalysisCache, cacheFileFor, cacheKey } from "./workspace/cache.js";
import { gitTrackedFiles, workspaceFacts, type FactsFile } from "./workspace/facts.js";
import { scanWorkspace } from "./workspace/scan.js";
import { WorkspaceFiles } from "./workspace/view.js";

export type Scope = "openFiles" | "workspace";

/** A workspace folder as the analyzer sees it (the server's Folders hold the real thing). */
export interface AnalyzerFolder {
  uri: string;
  root: string;
  config: ResolvedConfig;
  enabled: boolean;
  scope: Scope;
}

export interface Progress {
  report(message: string, percentage?: number): void;
  done(): void;
  /** Aborted when the user cancels from the progress UI. */
  signal?: AbortSignal;
}

export interface AnalyzerHost {
  folders(): readonly AnalyzerFolder[];
  rules: readonly AnyRule[];
  version: string;
  /** Where the cache lives (the extension's storage), or undefined for an in-memory cache only. */
  storageDir?: string;
  isOpen(absPath: string): boolean;
  /** Findings of an open document by absolute path; undefined when not open or not analysed yet. */
  openFindings(absPath: string): readonly Finding[] | undefined;
  publishDiagnostics(uri: string, diagnostics: Diagnostic[]): void;
  /** Results changed: tell the client (already debounced). */
  checklistChanged(): void;
  startProgress(title: string): Promise<Progress>;
  log(level: "info" | "debug" | "warn" | "error", message: string): void;
  /** Ask git which files are tracked (tests turn it off). */
  git?: boolean;
  /** Milliseconds to gather file events and change notices before acting (default 300). */
  debounceMs?: number;
}

interface FileState {
  kind: FileKind;
  findings: readonly Finding[];
}

interface FolderState {
  key: string;
  root: string;
  files: WorkspaceFiles;
  results: Map<string, FileState>;
  cache: AnalysisCache;
  cacheFile?: string;
  tracked?: ReadonlySet<string>;
  scan?: { abort: AbortController; done: Promise<void> };
  /** Set once a full scan has completed (the checklist is no longer partial). */
  complete: boolean;
  /** The last scan was cancelled: results cover only the files scanned until then. */
  partial: boolean;
  /** Unopened files whose problems we published (so they can be cleared). */
  published: Set<string>;
}

const WORKSPACE_FILE = /(^|\/)(\.env[^/]*|package\.json|\.gitignore|shipshape\.json)$/;

export class WorkspaceAnalyzer {
  private readonly states = new Map<string, FolderState>();
  private pendingPaths = new Set<string>();
  private pendingFull = false;
  private fileTimer: ReturnType<typeof setTimeout> | undefined;
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  /** Per open document, what the checklist shows of its findings at the last notification. */
  private readonly openShown = new Map<string, string>();
  private disposed = false;
  /** Files analysed from disk (cache misses), for tests and the log. */
  analysed = 0;

  constructor(private readonly host: AnalyzerHost) {}

  private get delay(): number {
    return this.host.debounceMs ?? 300;
  }

  // ---- scanning -------------------------------------------------------------------------

  /** Scan every enabled folder again (configuration changed, a rescan was asked for, start-up). */
  rescanAll(): Promise<void> {
    const folders = this.host.folders();
    for (const [uri, state] of this.states) {
      if (!folders.some((f) => f.uri === uri && f.enabled)) {
        state.scan?.abort.abort();
        this.clearPublished(state);
        this.states.delete(uri);
      }
    }
    return Promise.all(folders.filter((f) => f.enabled).map((f) => this.scanFolder(f))).then(() => undefined);
  }

  /** Resolves when every running scan is over. */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.states.values()].map((s) => s.scan?.done).filter((p): p is Promise<void> => !!p);
      if (running.length === 0 && !this.fileTimer) return;
      await Promise.all(running);
      if (this.fileTimer) await new Promise((r) => setTimeout(r, this.delay));
    }
  }

  private stateFor(folder: AnalyzerFolder): FolderState {
    const key = cacheKey(this.host.version, folder.config, this.host.rules);
    let state = this.states.get(folder.uri);
    if (state && state.key === key && state.root === folder.root) return state;
    state?.scan?.abort.abort();
    const cacheFile = this.host.storageDir ? cacheFileFor(this.host.storageDir, folder.root) : undefined;
    const cache = cacheFile ? AnalysisCache.load(cacheFile, key) : new AnalysisCache(key);
    const next: FolderState = {
      key,
      root: folder.root,
      files: new WorkspaceFiles(folder.root),
      results: state?.results ?? new Map(),
      cache,
      cacheFile,
      tracked: state?.tracked,
      complete: false,
      partial: false,
      published: state?.published ?? new Set(),
    };
    this.states.set(folder.uri, next);
    return next;
  }

  private scanFolder(folder: AnalyzerFolder): Promise<void> {
    // Same configuration: the running scan finishes and this one follows (it sees later changes).
    const state = this.stateFor(folder);
    const abort = new AbortController();
    const run = async () => {
      // Let a previous scan of this folder unwind first: they share the results map.
      await previous;
      if (abort.signal.aborted) return;
      state.files = new WorkspaceFiles(folder.root);
      const progress = await this.host.startProgress("Shipshape");
      progress.signal?.addEventListener("abort", () => abort.abort());
      const started = performance.now();
      const seen = new Map<string, FileState>();
      let total = 0;
      let done = 0;
      let lastReport = 0;
      const missesBefore = state.cache.misses;
      try {
        await scanWorkspace(folder.root, {
          config: folder.config,
          rules: this.host.rules,
          files: state.files,
          cache: state.cache,
          signal: abort.signal,
          onStart: (n) => {
            total = n;
            progress.report(`scanning 0/${n.toLocaleString("en-US")} files`, 0);
          },
          onFile: (f) => {
            done++;
            seen.set(f.relPath, { kind: f.kind, findings: f.findings });
            const now = performance.now();
            if (now - lastReport > 100 || done === total) {
              lastReport = now;
              progress.report(`scanning ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} files`, total ? Math.floor((done / total) * 100) : 100);
            }
          },
        });
        state.tracked = this.host.git === false ? undefined : await gitTrackedFiles(folder.root);
        if (abort.signal.aborted) return;
        state.results.clear();
        for (const [rel, s] of seen) state.results.set(rel, s);
        state.complete = true;
        state.partial = false;
        const misses = state.cache.misses - missesBefore;
        this.analysed += misses;
        state.cache.retain(new Set(seen.keys()));
        if (state.cacheFile) state.cache.save(state.cacheFile);
        this.host.log("info", `workspace scan of ${folder.root}: ${seen.size} files (${misses} analysed, ${seen.size - misses} unchanged) in ${Math.round(performance.now() - started)} ms`);
        this.publishFolder(folder, state);
        this.scheduleNotify();
      } catch (e) {
        if (abort.signal.aborted) {
          this.host.log("info", `workspace scan of ${folder.root} cancelled after ${done} of ${total} files`);
          // Cancelled before any scan completed: what was scanned is better than nothing.
          if (!state.complete && this.states.get(folder.uri) === state) {
            for (const [rel, s] of seen) state.results.set(rel, s);
            state.partial = true;
            this.scheduleNotify();
          }
        }
        else this.host.log("error", `workspace scan of ${folder.root} failed: ${(e as Error).message}`);
      } finally {
        progress.done();
        if (state.scan?.abort === abort) state.scan = undefined;
      }
    };
    const previous = state.scan?.done.catch(() => undefined) ?? Promise.resolve();
    const donePromise = run();
    state.scan = { abort, done: donePromise };
    return donePromise;
  }

  /** Files changed on disk (watched): gather them for a moment, then re-analyse. */
  filesChanged(changes: ReadonlyArray<{ absPath: string; created: boolean; deleted: boolean }>): void {
    for (const c of changes) {
      const folder = this.folderFor(c.absPath);
      if (!folder) continue;
      const rel = relativeInside(folder.root, c.absPath)!;
      // Which files exist, what is ignored and what projects declare all change with these.
      if (WORKSPACE_FILE.test(rel) || ((c.created || c.deleted) && fileKindOf(rel))) this.pendingFull = true;
      else if (fileKindOf(rel)) this.pendingPaths.add(c.absPath);
      // A Dockerfile, a CI workflow, a migration: nothing to analyse, but the checklist reads them.
      else this.scheduleNotify();
    }
    if (this.pendingFull || this.pendingPaths.size > 0) this.scheduleFiles();
  }

  private scheduleFiles(): void {
    if (this.fileTimer) clearTimeout(this.fileTimer);
    this.fileTimer = setTimeout(() => {
      this.fileTimer = undefined;
      const full = this.pendingFull;
      const paths = [...this.pendingPaths];
      this.pendingFull = false;
      this.pendingPaths.clear();
      if (this.disposed) return;
      // A full rescan reads and hashes every file but reparses only those that changed.
      if (full) void this.rescanAll();
      else void this.reanalyse(paths);
    }, this.delay);
    this.fileTimer.unref?.();
  }

  /** Analyse these files again from disk (they changed, or an editor closed them). */
  async reanalyse(absPaths: readonly string[]): Promise<void> {
    const byFolder = new Map<AnalyzerFolder, string[]>();
    for (const abs of absPaths) {
      const folder = this.folderFor(abs);
      if (!folder) continue;
      const list = byFolder.get(folder) ?? [];
      list.push(relativeInside(folder.root, abs)!);
      byFolder.set(folder, list);
    }
    for (const [folder, rels] of byFolder) {
      const state = this.stateFor(folder);
      await state.scan?.done;
      // Only files the scan knows: a path the walk skipped (.gitignore, ignore globs) stays skipped.
      const changed = rels.filter((r) => state.results.has(r));
      if (changed.length === 0) continue;
      for (const r of changed) state.files.invalidate(r);
      // Files whose rules read a changed file (an imported API client, a mounted router) are
      // stale too; the cache re-analyses only those whose reads really differ now.
      const known = [...changed, ...state.cache.dependentsOf(changed).filter((r) => state.results.has(r))];
      const missesBefore = state.cache.misses;
      const result = await scanWorkspace(folder.root, { config: folder.config, rules: this.host.rules, files: state.files, cache: state.cache, paths: known });
      this.analysed += state.cache.misses - missesBefore;
      const found = new Set(result.files.map((f) => f.relPath));
      for (const f of result.files) state.results.set(f.relPath, { kind: f.kind, findings: f.findings });
      for (const r of known) if (!found.has(r)) state.results.delete(r);
      if (state.cacheFile) state.cache.save(state.cacheFile);
      this.publishFolder(folder, state, known);
    }
    this.scheduleNotify();
  }

  // ---- open documents -------------------------------------------------------------------

  /**
   * An open document was analysed: the checklist is stale (recomputed on request only) when what
   * it shows of these findings changed. Most keystrokes change none of it, and then the client
   * is not asked to fetch a checklist that would be the same.
   */
  openResultsChanged(absPath: string, findings: readonly Finding[]): void {
    const shown = checklistView(findings);
    if (this.openShown.get(absPath) === shown) return;
    this.openShown.set(absPath, shown);
    this.scheduleNotify();
  }

  /** Whether a checklistChanged notification is waiting for its debounce. */
  get notifyPending(): boolean {
    return this.notifyTimer !== undefined;
  }

  /** A document was opened: the editor pipeline owns its problems from now on. */
  documentOpened(absPath: string): void {
    for (const state of this.states.values()) {
      const rel = relativeInside(state.root, absPath);
      if (rel !== undefined) state.published.delete(rel);
    }
  }

  /** A document was closed: back to its text on disk (which may differ from the unsaved editor). */
  documentClosed(absPath: string): void {
    this.openShown.delete(absPath);
    if (this.folderFor(absPath)) void this.reanalyse([absPath]);
  }

  /** Settings or shipshape.json changed: rescan soon (edits to shipshape.json arrive per keystroke). */
  configChanged(): void {
    this.pendingFull = true;
    this.scheduleFiles();
  }

  /** shipshape.scope may have changed: publish or clear the problems of unopened files. */
  scopeChanged(): void {
    for (const folder of this.host.folders()) {
      const state = this.states.get(folder.uri);
      if (state) this.publishFolder(folder, state);
    }
  }

  // ---- diagnostics of unopened files ----------------------------------------------------

  private publishFolder(folder: AnalyzerFolder, state: FolderState, only?: readonly string[]): void {
    if (folder.scope !== "workspace" || !folder.enabled) {
      this.clearPublished(state);
      return;
    }
    const rels = only ?? [...new Set([...state.results.keys(), ...state.published])];
    for (const rel of rels) {
      const abs = path.join(state.root, rel);
      if (this.host.isOpen(abs)) continue;
      const findings = state.results.get(rel)?.findings ?? [];
      if (findings.length === 0) {
        if (state.published.delete(rel)) this.host.publishDiagnostics(uriOf(abs), []);
        continue;
      }
      state.published.add(rel);
      this.host.publishDiagnostics(uriOf(abs), findings.map(diskDiagnostic));
    }
  }

  private clearPublished(state: FolderState): void {
    for (const rel of state.published) {
      const abs = path.join(state.root, rel);
      if (!this.host.isOpen(abs)) this.host.publishDiagnostics(uriOf(abs), []);
    }
    state.published.clear();
  }

  // ---- the checklist --------------------------------------------------------------------

  /** The checklist of a folder (the first by default), open documents' findings taking precedence. */
  async checklist(manualTicks: Iterable<string>, folderUri?: string): Promise<{ checklist: Checklist; folder?: AnalyzerFolder; sourceFiles: number; scanning: boolean; partial?: boolean }> {
    const folders = this.host.folders().filter((f) => f.enabled);
    const folder = folders.find((f) => f.uri === folderUri) ?? folders[0];
    const ticks = new Set(manualTicks);
    if (!folder) {
      const none: WorkspaceFacts = { sourceFiles: [], exists: () => false, listDir: () => [], readFile: () => undefined, dependencies: new Set(), scripts: {}, findings: [] };
      return { checklist: buildChecklist(none, { manualTicks: ticks }), sourceFiles: 0, scanning: false };
    }
    let state = this.states.get(folder.uri);
    if (!state) {
      void this.scanFolder(folder);
      state = this.states.get(folder.uri)!;
    }
    // The first request waits for the first scan; later ones answer at once with what is known.
    while (!state.complete && state.scan) await state.scan.done;
    const files: FactsFile[] = [];
    for (const [rel, s] of state.results) {
      const open = this.host.openFindings(path.join(state.root, rel));
      files.push({ relPath: rel, kind: s.kind, findings: open ?? s.findings });
    }
    // Fresh reads: the checks look at files nobody analyses (CI workflows, Dockerfiles), which may have changed.
    const facts = workspaceFacts(state.root, files, { files: new WorkspaceFiles(state.root), tracked: state.tracked });
    return {
      checklist: buildChecklist(facts, { manualTicks: ticks }),
      folder,
      sourceFiles: facts.sourceFiles.length,
      scanning: !!state.scan,
      partial: state.partial,
    };
  }

  private scheduleNotify(): void {
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      if (!this.disposed) this.host.checklistChanged();
    }, this.delay);
    this.notifyTimer.unref?.();
  }

  private folderFor(absPath: string): AnalyzerFolder | undefined {
    let best: AnalyzerFolder | undefined;
    for (const f of this.host.folders()) {
      if (!f.enabled || relativeInside(f.root, absPath) === undefined) continue;
      if (!best || f.root.length > best.root.length) best = f;
    }
    return best;
  }

  dispose(): void {
    this.disposed = true;
    if (this.fileTimer) clearTimeout(this.fileTimer);
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    for (const state of this.states.values()) state.scan?.abort.abort();
  }
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** A finding of a file that is not open: positions come from the finding (1-based, UTF-16 columns). */
function diskDiagnostic(f: Finding): Diagnostic {
  return {
    range: { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } },
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: docsUrl(f.ruleId) },
    message: f.message,
  };
}

/** What the checklist shows of a file's findings (rule, line, message; the severity sets a step's status). */
function checklistView(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.ruleId}\t${f.severity}\t${f.line}\t${f.message}`).join("\n");
}
