import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { allRules, DEFAULT_CONFIG, type AnyRule, type FileKind, type ResolvedConfig } from "../../../rules/src/index.js";
import { cacheSalt, contentHash, DiskCache, engineBuild, readsCheck, RecordingFiles, sameStamp, stampOf, type FileStamp, type FindingsCache, type ReadRecord } from "./scanCache.js";
import { joinRoot, type WalkNote } from "./files.js";
import { listScanTargets, scanWorkspace, type ScanOptions, type ScanResult, type ScannedFile } from "./scan.js";
import { WorkspaceFiles } from "./view.js";
import { bootHook } from "../cli/bootHook.js";

/**
 * The whole-workspace scan made cheap: cached results for files whose text (and whatever else
 * their rules read) did not change, and the rest analysed by worker threads, one per core. The
 * result is the serial scan's: same files, same findings, same order. Fixing stays serial (a fix
 * may write a file another worker is reading), and so does a scan with rules the workers cannot
 * name (custom rule objects).
 */
export interface FastScanOptions extends Omit<ScanOptions, "onFile" | "files" | "cache"> {
  /** Worker threads; 0 or 1 = analyse on this thread; undefined = one per core when the scan is large. */
  jobs?: number;
  /** Reuse and store results here (see scanCache.ts); `cacheDir` builds a DiskCache. */
  cache?: FindingsCache;
  cacheDir?: string;
  /** Identifies the engine build in the cache salt; default: version + this module's build. */
  engineVersion?: string;
  /**
   * How the cache learns that a file is unchanged: "stat" (default) reuses the content hash of a
   * file whose size, times and inode match those recorded with it, reading only the others;
   * "content" reads and hashes every file.
   */
  cacheStrategy?: "stat" | "content";
  /** The clock stamps are judged fresh by (tests move it); default Date.now. */
  now?: () => number;
}

export interface FastScanResult extends ScanResult {
  /** Files whose result came from the cache. */
  cached: number;
  /** Threads that analysed files, this one included when workers helped (0: this thread alone). */
  workers: number;
}

/**
 * Below this many files to analyse, workers cost more than they save: each loads the engine and
 * warms up its JIT again (about 2 s of CPU, measured with the benchmark), which a few hundred
 * files do not repay. Batches go to whichever thread is free, so a slow-starting worker never
 * holds this thread up.
 */
const MIN_FILES_FOR_WORKERS = 1000;

/**
 * Threads a scan uses when `--jobs` is not given: one per core from three cores up. On two, one
 * thread already keeps both busy (V8's garbage collector and optimising compiler run beside it),
 * and a worker's own warm-up, TypeScript and heap cost more than the second core gives back
 * (benchmark: 2 threads no faster than 1, a third more CPU and memory).
 */
export function defaultJobs(cores = os.availableParallelism()): number {
  return cores >= 3 ? cores : 1;
}
const BATCH = 24;
const WORKER_MARK = "shipshape-scan-worker";

export async function scanWorkspaceParallel(root: string, options: FastScanOptions = {}): Promise<FastScanResult> {
  const started = performance.now();
  root = path.resolve(root);
  const config = options.config ?? DEFAULT_CONFIG;
  const rules = options.rules ?? allRules;
  if (options.fix) {
    const { cache: _unused, ...serialOptions } = options;
    const serial = await analysing(() => scanWorkspace(root, serialOptions));
    return { ...serial, cached: 0, workers: 0 };
  }

  const ids = new Set(allRules.map((r) => r.meta.id));
  const nameable = rules.every((r) => ids.has(r.meta.id) && allRules.includes(r));
  const timings: Record<string, number> | undefined = options.timing ? {} : undefined;
  const record = options.cache !== undefined || options.cacheDir !== undefined;
  const pool = new WorkerPool({ mark: WORKER_MARK, root, config, ruleIds: rules.map((r) => r.meta.id), timing: timings !== undefined, record });
  try {
    return await scanWith(pool);
  } finally {
    pool.close();
  }

  async function scanWith(pool: WorkerPool): Promise<FastScanResult> {
    // A worker takes a while to start (a thread, the bundle, TypeScript): start it while the walk
    // runs, once the walk has found enough files to need it. Not when a cache will likely answer
    // for most files: a warm scan would only pay for a thread it does not use.
    const threads = options.jobs ?? defaultJobs();
    const warmLikely = options.cache !== undefined || (options.cacheDir !== undefined && fs.existsSync(DiskCache.fileFor(options.cacheDir, root)));
    const startAt = threads > 1 && nameable && !warmLikely ? (options.jobs !== undefined ? BATCH + 1 : MIN_FILES_FOR_WORKERS) : Infinity;
    let found = 0;
    const onFile = () => {
      if (++found === startAt) pool.grow(threads - 1);
    };
    // Nothing writes during a scan without fixes: folder listings can rule out missing files, and
    // the walk has read most of them already. The same reader serves the rules on this thread, so
    // what the walk listed is not listed again. Only a cache needs to know what the rules read.
    const view = record ? new RecordingFiles(root, { listings: true }) : new WorkspaceFiles(root, { listings: true });
    const notes: WalkNote[] = [];
    // This scan has nothing to do while the walk runs (workers start on their own threads): read
    // folders synchronously.
    const targets = await listScanTargets(root, config, options.paths, options.signal, notes, onFile, (dir, names, plain) => view.seedListing(dir, names, plain), true);

    // Cache: hash every target, keep the hits whose other reads are unchanged too.
    let cache = options.cache;
    const hashes = new Map<string, string>();
    const stamps = new Map<string, FileStamp>();
    const hashFile = (rel: string) => {
      try {
        const abs = joinRoot(root, rel);
        const statAt = (options.now ?? Date.now)();
        const stamp = stampOf(fs.statSync(abs), statAt);
        hashes.set(rel, contentHash(fs.readFileSync(abs, "utf8")));
        if (stamp) stamps.set(rel, stamp);
      } catch {
        // Unreadable now: analyse it, and the scan says why it was skipped.
      }
    };
    if (cache || options.cacheDir) {
      if (!cache) {
        // The salt holds every package.json's content: those are always read.
        for (const t of targets) if (t.kind === "package-json") hashFile(t.relPath);
        const pkgs = targets.filter((t) => t.kind === "package-json").map((t) => `${t.relPath}\0${hashes.get(t.relPath) ?? ""}`);
        const salt = cacheSalt(config, rules, options.engineVersion ?? engineBuild(toolVersionOf()), pkgs);
        cache = new DiskCache(options.cacheDir!, root, salt);
      }
      // A file whose stat matches the stamp kept with its hash is not read again (see stampOf).
      const trustStamps = options.cacheStrategy !== "content" && cache.peek !== undefined;
      // Indexed loops over the targets here and below: this runs once per scan, before the JIT
      // has optimised it, and an unoptimised for-of allocates a result object per file.
      for (let i = 0; i < targets.length; i++) {
        const rel = targets[i].relPath;
        if (hashes.has(rel)) continue;
        const prior = trustStamps ? cache.peek!(rel) : undefined;
        if (prior?.stamp) {
          const st = fs.statSync(joinRoot(root, rel), { throwIfNoEntry: false });
          if (st && sameStamp(prior.stamp, st)) {
            hashes.set(rel, prior.hash);
            stamps.set(rel, prior.stamp);
            continue;
          }
        }
        hashFile(rel);
      }
    }
    // The same reader the rules used when the entry was made (with a cache, `view` records), so
    // a hash here means what it meant then. Most recorded reads that exist are files of this scan
    // (imported modules, package.json): their hash is known already, from a trusted stamp or a
    // read just now. Where the reader would not have returned the text (a symlink out of the
    // root, a file over its size limit) the two differ and the entry is analysed again: never a
    // false hit. Most other reads are module-resolution probes of files that do not exist, which
    // the reader answers from folder listings or with one stat that cannot throw.
    const hashOf = (rel: string) => hashes.get(rel) ?? (view as RecordingFiles).hashOf(rel);
    const unchanged = readsCheck(hashOf);
    const byPath = new Map<string, ScannedFile>();
    const misses: Target[] = [];
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i];
      const hash = hashes.get(t.relPath);
      const hit = cache && hash !== undefined ? cache.get(t.relPath, hash) : undefined;
      if (hit && unchanged(hit)) {
        byPath.set(t.relPath, hit.file);
        // Touched but not changed (a checkout, a save without edits): keep the new stamp.
        const stamp = stamps.get(t.relPath);
        if (!sameStamps(stamp, hit.stamp)) cache!.set(t.relPath, { ...hit, stamp });
      } else misses.push(t);
    }
    const cachedCount = byPath.size;

    const jobs = options.jobs ?? (misses.length >= MIN_FILES_FOR_WORKERS ? defaultJobs() : 0);
    const canUseWorkers = jobs > 1 && misses.length > BATCH && nameable;
    let analysed: { files: ScannedFile[]; reads: ReadRecord[]; notes: WalkNote[] };
    if (misses.length === 0) analysed = { files: [], reads: [], notes: [] };
    else if (canUseWorkers) analysed = await analysing(() => inWorkers(pool, view, config, rules, misses, Math.min(jobs, Math.ceil(misses.length / BATCH)), timings, options.signal));
    else analysed = await analysing(() => onThisThread(view, config, rules, misses, timings, options.signal));

    notes.push(...analysed.notes);
    for (const [i, f] of analysed.files.entries()) {
      byPath.set(f.relPath, f);
      const hash = hashes.get(f.relPath);
      // A file that could not be read says nothing about its content: do not remember it.
      if (cache && hash !== undefined && !f.skipped?.startsWith("could not be read")) cache.set(f.relPath, { hash, file: f, reads: analysed.reads[i] ?? [], stamp: stamps.get(f.relPath) });
    }
    if (cache) {
      const seen = new Set<string>();
      for (let i = 0; i < targets.length; i++) seen.add(targets[i].relPath);
      cache.retain?.(seen);
      cache.save?.();
    }
    const files: ScannedFile[] = [];
    for (let i = 0; i < targets.length; i++) {
      const f = byPath.get(targets[i].relPath);
      if (f) files.push(f);
    }
    return {
      root,
      files,
      notes,
      fixesApplied: 0,
      filesWritten: [],
      timings,
      durationMs: performance.now() - started,
      cached: cachedCount,
      workers: canUseWorkers ? Math.min(jobs, Math.ceil(misses.length / BATCH)) : 0,
    };
  }
}

/**
 * Run the analysis of files with V8's optimising compiler on: the CLI's loader keeps it off for
 * the rest of a scan, code that runs once (see boot.ts). A no-op outside the CLI's bundle.
 */
async function analysing<T>(analyse: () => Promise<T>): Promise<T> {
  bootHook()?.optimize(true);
  try {
    return await analyse();
  } finally {
    bootHook()?.optimize(false);
  }
}

/**
 * Scan worker threads, started on demand (possibly before the scan knows it needs them) and all
 * terminated when the scan ends. A worker that fails before it is given work is remembered, so
 * the scan that then uses it fails instead of waiting for it.
 */
class WorkerPool {
  readonly workers: Worker[] = [];
  private readonly failures = new Map<Worker, Error>();

  constructor(private readonly init: WorkerInit) {}

  grow(count: number): Worker[] {
    // A worker compiles the bundle from the code cache made under the start-up flags, and
    // analyses: optimising on (see analysing).
    if (this.workers.length < count) bootHook()?.optimize(true);
    while (this.workers.length < count) {
      const w = new Worker(bootHook()?.entry ?? __filename, { workerData: this.init });
      w.on("error", (e) => this.failures.set(w, e));
      w.on("exit", (code) => {
        if (!this.failures.has(w)) this.failures.set(w, new Error(`scan worker exited with code ${code}`));
      });
      this.workers.push(w);
    }
    return this.workers.slice(0, count);
  }

  /** Why this worker can no longer work, if it cannot. */
  failure(w: Worker): Error | undefined {
    return this.failures.get(w);
  }

  close(): void {
    for (const w of this.workers) void w.terminate();
  }
}


interface BatchResult {
  files: ScannedFile[];
  reads: ReadRecord[];
  notes: WalkNote[];
  timings?: Record<string, number>;
}

type Target = { relPath: string; kind: FileKind };

/**
 * Analyse files the walk found with the serial scan, noting what each file's rules read when the
 * reader records (a cache is kept); without a cache nothing is recorded or hashed.
 */
async function analyseFiles(files: WorkspaceFiles, config: ResolvedConfig, rules: readonly AnyRule[], targets: readonly Target[], timing: boolean, signal?: AbortSignal): Promise<BatchResult> {
  const reads: ReadRecord[] = [];
  const recorder = files instanceof RecordingFiles ? files : undefined;
  recorder?.take();
  const onFile = recorder && (() => reads.push(recorder.take()));
  const r = await scanWorkspace(files.root, { config, rules, targets, timing, signal, files, onFile });
  return { files: r.files, reads, notes: r.notes, timings: r.timings };
}

async function onThisThread(files: WorkspaceFiles, config: ResolvedConfig, rules: readonly AnyRule[], targets: readonly Target[], timings: Record<string, number> | undefined, signal?: AbortSignal): Promise<BatchResult> {
  const r = await analyseFiles(files, config, rules, targets, timings !== undefined, signal);
  addTimings(timings, r.timings);
  return r;
}

function addTimings(into: Record<string, number> | undefined, from: Record<string, number> | undefined): void {
  if (!into || !from) return;
  for (const [id, ms] of Object.entries(from)) into[id] = (into[id] ?? 0) + ms;
}

interface WorkerInit {
  mark: typeof WORKER_MARK;
  root: string;
  config: ResolvedConfig;
  ruleIds: string[];
  timing: boolean;
  /** Record what the rules read (a cache is kept). */
  record: boolean;
}

/**
 * Hand batches of files to `count - 1` workers as they become free (two in flight each, so none
 * idles waiting for the next) and to this thread, then put the batches back in order.
 */
function inWorkers(pool: WorkerPool, files: WorkspaceFiles, config: ResolvedConfig, rules: readonly AnyRule[], targets: readonly Target[], count: number, timings: Record<string, number> | undefined, signal?: AbortSignal): Promise<BatchResult> {
  const batches: Target[][] = [];
  for (let i = 0; i < targets.length; i += BATCH) batches.push(targets.slice(i, i + BATCH));
  const results: BatchResult[] = new Array(batches.length);
  return new Promise((resolve, reject) => {
    const workers = pool.grow(count - 1);
    let next = 0;
    let done = 0;
    let failed = false;
    const finish = (error?: unknown) => {
      if (failed) return;
      if (error !== undefined) failed = true;
      for (const w of workers) void w.terminate();
      if (error !== undefined) reject(error);
      else {
        const merged: BatchResult = { files: [], reads: [], notes: [] };
        for (const r of results) {
          merged.files.push(...r.files);
          merged.reads.push(...r.reads);
          merged.notes.push(...r.notes);
          addTimings(timings, r.timings);
        }
        resolve(merged);
      }
    };
    signal?.addEventListener("abort", () => finish(signal.reason), { once: true });
    const feed = (w: Worker) => {
      if (next < batches.length) {
        const id = next++;
        w.postMessage({ id, targets: batches[id] });
      }
    };
    // This thread analyses too, between worker messages: one TypeScript fewer in memory than
    // `count` workers, and no core idles while this thread waits.
    const local = async () => {
      while (next < batches.length && !failed) {
        const id = next++;
        try {
          results[id] = await analyseFiles(files, config, rules, batches[id], timings !== undefined, signal);
        } catch (e) {
          return finish(e);
        }
        if (++done === batches.length) return finish();
      }
    };
    for (const w of workers) {
      const early = pool.failure(w);
      if (early) return finish(early);
      w.on("message", (m: { id: number; result?: BatchResult; error?: string }) => {
        if (m.error !== undefined) return finish(new Error(`scan worker failed: ${m.error}`));
        results[m.id] = m.result!;
        if (++done === batches.length) return finish();
        feed(w);
      });
      w.on("error", (e) => finish(e));
      w.on("exit", (code) => {
        if (done < batches.length && !failed) finish(new Error(`scan worker exited with code ${code}`));
      });
      feed(w);
      feed(w);
    }
    void local();
  });
}

function toolVersionOf(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "shipshape" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // Keep walking up.
    }
    if (path.dirname(dir) === dir) return "0.0.0";
  }
}

/** Is this thread a scan worker started by `inWorkers`? Bundle entries check it before running. */
export const isScanWorker = !isMainThread && (workerData as WorkerInit | undefined)?.mark === WORKER_MARK;

// The worker side lives in this module so that the bundle (dist/cli.js) and the compiled tree
// (out/) can both start a worker from their own file.
if (isScanWorker && parentPort) {
  const init = workerData as WorkerInit;
  const rules = allRules.filter((r) => init.ruleIds.includes(r.meta.id));
  const files = init.record ? new RecordingFiles(init.root, { listings: true }) : new WorkspaceFiles(init.root, { listings: true });
  const port = parentPort;
  let queue = Promise.resolve();
  port.on("message", (m: { id: number; targets: Target[] }) => {
    queue = queue.then(async () => {
      try {
        const result = await analyseFiles(files, init.config, rules, m.targets, init.timing);
        port.postMessage({ id: m.id, result });
      } catch (e) {
        port.postMessage({ id: m.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
      }
    });
  });
}

const sameStamps = (a: FileStamp | undefined, b: FileStamp | undefined) => (a === undefined || b === undefined ? a === b : a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3]);
