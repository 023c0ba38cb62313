import * as fs from "node:fs";
import * as path from "node:path";
import {
  allRules,
  analyzeSource,
  analyzeTextFile,
  applyEdits,
  applyFixes,
  DEFAULT_CONFIG,
  fileKindOf,
  isIgnored,
  MAX_FILE_BYTES,
  type AnyRule,
  type Edit,
  type FileKind,
  type FileResult,
  type Finding,
  type Fix,
  type ResolvedConfig,
} from "../../../rules/src/index.js";
import { compare, errorCode, listWorkspaceFiles, normalizeRel, type WalkNote } from "./files.js";
import { WorkspaceFiles } from "./view.js";
import type { AnalysisCache } from "./cache.js";
import { AheadAnalyses } from "./aheadAnalyses.js";
import { BoundedReader, exceedsBytes } from "./boundedRead.js";
import type { SourceFile } from "typescript";

export interface ScanOptions {
  config?: ResolvedConfig;
  rules?: readonly AnyRule[];
  /** Folders or files to scan, relative to the root or absolute inside it; default: the whole root. */
  paths?: readonly string[];
  /**
   * Files a walk already found (see `listScanTargets`), analysed as given instead of `paths`:
   * a scan split in batches would otherwise stat and filter every file of the batch again.
   */
  targets?: ReadonlyArray<{ relPath: string; kind: FileKind }>;
  /** Apply safe fixes and write the files that changed. */
  fix?: boolean;
  timing?: boolean;
  signal?: AbortSignal;
  /** Called after each file is analysed (and fixed), in path order. */
  onFile?: (file: ScannedFile) => void;
  /** Share a file cache with the caller (the language server keeps one per workspace folder). */
  files?: WorkspaceFiles;
  /** Reuse results of unchanged files (not with `fix`: fixing needs the fixes a cache does not keep). */
  cache?: AnalysisCache;
  /** Called once the files to analyse are known, before the first is analysed (progress totals). */
  onStart?: (total: number) => void;
}

export interface ScannedFile extends FileResult {
  /** Relative to the scan root, forward slashes. */
  relPath: string;
  kind: FileKind;
  /** Safe fixes applied to this file (`fix` only). */
  fixesApplied: number;
  /** Why fixes could not be written, if they could not. */
  fixError?: string;
}

export interface ScanResult {
  root: string;
  files: ScannedFile[];
  /** Folders that could not be read, symlinked folders not followed, explicit files ignored. */
  notes: WalkNote[];
  fixesApplied: number;
  /** Files written by `fix` (including other files a fix edited, such as `.env`). */
  filesWritten: string[];
  /** Per-rule milliseconds summed over all files, when `timing` was asked for. */
  timings?: Record<string, number>;
  durationMs: number;
}

/** Fix-all passes per file, as ESLint does: a fix can reveal another. */
const MAX_FIX_PASSES = 10;

/**
 * Analyse every Shipshape file under `root` (or under `paths`) in path order, optionally applying
 * safe fixes. Never throws for a file's sake: a file that vanishes or cannot be read mid-scan is
 * reported as skipped with the reason.
 */
export async function scanWorkspace(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  root = path.resolve(root);
  const config = options.config ?? DEFAULT_CONFIG;
  const rules = options.rules ?? allRules;
  const files = options.files ?? new WorkspaceFiles(root);
  const notes: WalkNote[] = [];

  const targets = options.targets ?? (await listScanTargets(root, config, options.paths, options.signal, notes));

  const timings: Record<string, number> | undefined = options.timing ? {} : undefined;
  const ctx: FileContext = { root, config, rules, files, timings, written: new Set(), cache: options.fix ? undefined : options.cache };
  if (!options.fix && !ctx.cache && files.handsOverTrees()) {
    ctx.ahead = new AheadAnalyses(root, targets.filter((t) => t.kind === "source").map((t) => t.relPath), (rel) => files.knownText(rel));
  }
  options.onStart?.(targets.length);
  const out: ScannedFile[] = [];
  let fixesApplied = 0;
  for (const [i, target] of targets.entries()) {
    // Analysis is synchronous: let a host's event loop breathe (LSP requests, cancellation).
    if (i > 0 && i % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    options.signal?.throwIfAborted();
    const scanned = ctx.ahead?.turn(target.relPath) ?? scanFile(ctx, target.relPath, target.kind, options.fix === true);
    // Modules this file's rules parsed before their turn: analysed now, from those trees.
    ctx.ahead?.drain((rel, text, tree) => ({ ...analyze(ctx, rel, "source", text, tree), relPath: rel, kind: "source", fixesApplied: 0 }));
    fixesApplied += scanned.fixesApplied;
    out.push(scanned);
    options.onFile?.(scanned);
  }
  // A fix in one file may have edited another already analysed (`.env`): analyse that one again.
  if (ctx.written.size > 0) {
    for (let i = 0; i < out.length; i++) {
      const f = out[i];
      if (ctx.written.has(f.relPath) && f.fixesApplied === 0) out[i] = scanFile(ctx, f.relPath, f.kind, false);
    }
  }
  return {
    root,
    files: out,
    notes,
    fixesApplied,
    filesWritten: [...ctx.written].sort(compare),
    timings,
    durationMs: performance.now() - started,
  };
}

interface FileContext {
  root: string;
  config: ResolvedConfig;
  rules: readonly AnyRule[];
  files: WorkspaceFiles;
  timings: Record<string, number> | undefined;
  written: Set<string>;
  cache?: AnalysisCache;
  ahead?: AheadAnalyses<ScannedFile>;
}

function scanFile(ctx: FileContext, relPath: string, kind: FileKind, fix: boolean): ScannedFile {
  const abs = path.join(ctx.root, relPath);
  const skipped = (reason: string): ScannedFile => ({ fileName: abs, relPath, kind, findings: [], ruleFailures: [], syntaxErrors: 0, skipped: reason, fixesApplied: 0 });
  // A module another file imports was read already. Decoding never shrinks a file (an invalid
  // byte becomes three), so a text within the limit comes from a file within it.
  let text = fix ? undefined : ctx.files.knownText(relPath);
  if (text === undefined || exceedsBytes(text, MAX_FILE_BYTES)) {
    try {
      text = readWithinLimit(abs);
    } catch (e) {
      return skipped(`could not be read: ${errorCode(e)}`);
    }
    if (text === undefined) return skipped(`larger than ${MAX_FILE_BYTES / 1024} KiB`);
  }
  let result = analyze(ctx, relPath, kind, text);
  if (!fix || result.skipped) return { ...result, relPath, kind, fixesApplied: 0 };

  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const plan = planFixes(ctx, relPath, current, result.findings);
    if (plan.count === 0) break;
    const next = plan.text;
    const after = next === current ? result : analyze(ctx, relPath, kind, next);
    // Safety net: a fix must never leave code that parses worse than before.
    if (after.syntaxErrors > result.syntaxErrors) break;
    writeOtherFiles(ctx, plan.otherEdits);
    applied += plan.count;
    const changed = next !== current;
    current = next;
    result = after;
    if (!changed) break;
  }
  if (current !== text) {
    try {
      fs.writeFileSync(abs, current, "utf8");
      ctx.written.add(relPath);
      ctx.files.invalidate(relPath);
    } catch (e) {
      return { ...analyze(ctx, relPath, kind, text), relPath, kind, fixesApplied: 0, fixError: `could not write the fixed file: ${errorCode(e)}` };
    }
  }
  return { ...result, relPath, kind, fixesApplied: applied };
}

/** A file's text, or undefined when it is larger than the engine takes (see BoundedReader). */
const reader = new BoundedReader(MAX_FILE_BYTES);
const readWithinLimit = (abs: string) => reader.read(abs);

/** `parsed`: a tree of exactly this text, parsed ahead (see AheadAnalyses). */
function analyze(ctx: FileContext, relPath: string, kind: FileKind, text: string, parsed?: SourceFile): FileResult {
  const fileName = path.join(ctx.root, relPath);
  const view = ctx.files.viewFor(relPath);
  const ahead = ctx.ahead;
  if (ahead) view.parse = (rel, t) => ahead.parse(rel, t);
  const cache = ctx.cache;
  let reads: Map<string, string | undefined> | undefined;
  if (cache) {
    const hit = cache.lookup(relPath, text, view.dependencies, (rel) => ctx.files.readFile(rel));
    if (hit) return { ...hit, fileName };
    // Record what the rules read of other files: the entry is valid only while those stay the same.
    const recorded = (reads = new Map());
    const read = view.readFile;
    view.readFile = (rel) => {
      const t = read(rel);
      recorded.set(rel, t);
      return t;
    };
  }
  const options = { rules: ctx.rules, config: ctx.config, workspace: view, timing: ctx.timings !== undefined };
  const result = kind === "source"
    ? analyzeSource({ fileName, text, relPath, parsed }, options)
    : analyzeTextFile({ fileName, text, relPath, kind }, options);
  if (ctx.timings && result.timings) {
    for (const [id, ms] of Object.entries(result.timings)) ctx.timings[id] = (ctx.timings[id] ?? 0) + ms;
  }
  if (cache && reads) cache.store(relPath, text, view.dependencies, reads, result);
  return result;
}

interface FixPlan {
  text: string;
  count: number;
  otherEdits: Map<string, Edit[]>;
}

/**
 * Choose one safe fix per finding — the preferred one first, else the next safe one that can be
 * applied — keeping those whose edits in this file do not overlap the ones already taken (the
 * engine's `applyFixes` decides, so the CLI and the editor's fix-all agree), and collect their
 * edits to other files. A fix touching a file outside the root is never applied.
 */
function planFixes(ctx: FileContext, relPath: string, text: string, findings: readonly Finding[]): FixPlan {
  const taken: { edits: Edit[] }[] = [];
  const otherEdits = new Map<string, Edit[]>();
  for (const finding of findings) {
    const safe = finding.fixes.filter((f) => f.safe).sort((a, b) => Number(b.preferred === true) - Number(a.preferred === true));
    for (const fix of safe) {
      const split = splitEdits(ctx, relPath, fix);
      if (!split) continue;
      const candidate = { edits: split.local };
      if (applyFixes(text, [...taken, candidate]).applied !== taken.length + 1) continue;
      taken.push(candidate);
      for (const e of split.others) {
        const list = otherEdits.get(e.file!) ?? [];
        list.push(e);
        otherEdits.set(e.file!, list);
      }
      break;
    }
  }
  return { text: applyFixes(text, taken).text, count: taken.length, otherEdits };
}

/** A fix's edits to this file and to others, or undefined when one would leave the root. */
function splitEdits(ctx: FileContext, relPath: string, fix: Fix): { local: Edit[]; others: Edit[] } | undefined {
  const local: Edit[] = [];
  const others: Edit[] = [];
  for (const e of fix.edits) {
    const target = e.file === undefined ? relPath : normalizeRel(e.file);
    if (target === relPath) local.push({ ...e, file: undefined });
    else if (ctx.files.resolve(target)) others.push({ ...e, file: target });
    else return undefined;
  }
  return { local, others };
}

function writeOtherFiles(ctx: FileContext, edits: Map<string, Edit[]>): void {
  for (const [rel, list] of edits) {
    const abs = ctx.files.resolve(rel);
    if (!abs) continue;
    ctx.files.invalidate(rel);
    const existing = ctx.files.readFile(rel);
    // A missing file is created only by edits at offset 0 (the engine's convention).
    if (existing === undefined && list.some((e) => e.start !== 0 || e.end !== 0)) continue;
    const next = applyEdits(existing ?? "", list).text;
    if (next === existing) continue;
    try {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, next, "utf8");
      ctx.written.add(rel);
    } catch {
      // Leave it: the finding stays and will be reported again.
    }
    ctx.files.invalidate(rel);
  }
}

/**
 * The files a scan of these paths analyses, in path order: folders are walked (.gitignore,
 * ignore globs, never node_modules), files named explicitly are taken when Shipshape reads them.
 */
export async function listScanTargets(
  root: string,
  config: ResolvedConfig,
  paths: readonly string[] | undefined,
  signal: AbortSignal | undefined,
  notes: WalkNote[],
  /** Called as the walk finds each file (not for files named explicitly). */
  onFile?: () => void,
  /** Called with each folder's entry names as the walk reads them, and those that are regular files. */
  onFolder?: (dirRel: string, names: string[], plainFiles: string[]) => void,
  /** Read folders synchronously (see WalkOptions.sync). */
  sync?: boolean,
): Promise<Array<{ relPath: string; kind: FileKind }>> {
  const folders: string[] = [];
  const explicit: { relPath: string; kind: FileKind }[] = [];
  for (const p of paths ?? [""]) {
    const rel = normalizeRel(path.isAbsolute(p) ? path.relative(root, p).split(path.sep).join("/") : p);
    let isFile = false;
    try {
      isFile = fs.statSync(path.join(root, rel)).isFile();
    } catch {
      // A missing path is the caller's business (the CLI checks up front); walk it as a folder.
    }
    if (!isFile) {
      folders.push(rel);
      continue;
    }
    const kind = fileKindOf(rel);
    if (!kind) notes.push({ relPath: rel, message: "not a file Shipshape analyses" });
    else if (isIgnored(rel, config)) notes.push({ relPath: rel, message: 'ignored by "ignore" in shipshape.json' });
    else explicit.push({ relPath: rel, kind });
  }
  const found = folders.length > 0 ? await listWorkspaceFiles(root, config, { include: folders, signal, onNote: (n) => notes.push(n), onFile, onFolder, sync }) : [];
  const seen = new Set<string>();
  return [...found, ...explicit].filter((f) => !seen.has(f.relPath) && seen.add(f.relPath)).sort((a, b) => compare(a.relPath, b.relPath));
}
