import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnyRule, FileResult, ResolvedConfig } from "../../../rules/src/index.js";

/** What is kept of an analysis: findings without their fixes (code actions re-analyse open files anyway). */
export type CachedResult = Omit<FileResult, "fileName" | "timings">;

interface Entry {
  /** Hash of the file's text. */
  hash: string;
  /** Hash of the dependencies the file's project declares. */
  deps: string;
  /** Other workspace files the rules read while analysing it, with the hash of what they held (null: missing). */
  reads: Record<string, string | null>;
  result: CachedResult;
}

interface Stored {
  key: string;
  files: Record<string, Entry>;
}

export const hashText = (text: string): string => createHash("sha1").update(text).digest("hex");

/**
 * The key every entry of a cache shares: the Shipshape version, the rules that ran and the
 * effective configuration. Any of them changing invalidates the whole cache.
 */
export function cacheKey(version: string, config: ResolvedConfig, rules: readonly AnyRule[]): string {
  const stable = JSON.stringify({
    rules: [...config.rules.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ignore: config.ignore,
    secretsAllow: config.secretsAllow.map((r) => r.toString()),
    limits: config.limits,
    ruleIds: rules.map((r) => r.meta.id),
  });
  return `${version}:${hashText(stable)}`;
}

/**
 * Analysis results per file, keyed by content hash, so a rescan (or a reopened workspace) does
 * not reparse unchanged files. An entry is reused only when the file's text, its project's
 * dependencies and every other file the rules read for it are unchanged.
 */
export class AnalysisCache {
  private files = new Map<string, Entry>();
  private dirty = false;
  /** Counters for tests and the log. */
  hits = 0;
  misses = 0;

  constructor(readonly key: string) {}

  /** Files whose analysis read one of these files: their results go stale when those change. */
  dependentsOf(relPaths: readonly string[]): string[] {
    const changed = new Set(relPaths);
    const out: string[] = [];
    for (const [rel, entry] of this.files) {
      if (!changed.has(rel) && Object.keys(entry.reads).some((r) => changed.has(r))) out.push(rel);
    }
    return out;
  }

  /** The cached result for a file, or undefined when anything it depended on changed. */
  lookup(relPath: string, text: string, deps: ReadonlySet<string> | undefined, readFile: (rel: string) => string | undefined): CachedResult | undefined {
    const entry = this.files.get(relPath);
    const hit = !!entry && entry.hash === hashText(text) && entry.deps === depsHash(deps)
      && Object.entries(entry.reads).every(([rel, h]) => {
        const now = readFile(rel);
        return (now === undefined ? null : hashText(now)) === h;
      });
    if (hit) this.hits++;
    else this.misses++;
    return hit ? entry!.result : undefined;
  }

  store(relPath: string, text: string, deps: ReadonlySet<string> | undefined, reads: ReadonlyMap<string, string | undefined>, result: FileResult): void {
    const kept: CachedResult = {
      findings: result.findings.map((f) => ({ ...f, fixes: [] })),
      ruleFailures: result.ruleFailures,
      syntaxErrors: result.syntaxErrors,
      ...(result.skipped !== undefined ? { skipped: result.skipped } : {}),
    };
    const hashes: Record<string, string | null> = {};
    for (const [rel, t] of reads) hashes[rel] = t === undefined ? null : hashText(t);
    this.files.set(relPath, { hash: hashText(text), deps: depsHash(deps), reads: hashes, result: kept });
    this.dirty = true;
  }

  /** Forget files no longer in the workspace, so the cache does not grow forever. */
  retain(relPaths: ReadonlySet<string>): void {
    for (const rel of [...this.files.keys()]) {
      if (!relPaths.has(rel)) {
        this.files.delete(rel);
        this.dirty = true;
      }
    }
  }

  get size(): number {
    return this.files.size;
  }

  /** Read a cache file; a missing, corrupt or differently keyed one yields an empty cache. */
  static load(file: string, key: string): AnalysisCache {
    const cache = new AnalysisCache(key);
    try {
      const stored = JSON.parse(fs.readFileSync(file, "utf8")) as Stored;
      if (stored && stored.key === key && stored.files && typeof stored.files === "object") {
        for (const [rel, entry] of Object.entries(stored.files)) cache.files.set(rel, entry);
      }
    } catch {
      // No cache yet, or one we cannot use: start empty.
    }
    return cache;
  }

  /** Write the cache (atomically: a crash mid-write must not leave half a file). */
  save(file: string): void {
    if (!this.dirty) return;
    const stored: Stored = { key: this.key, files: Object.fromEntries(this.files) };
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(stored), "utf8");
      fs.renameSync(tmp, file);
      this.dirty = false;
    } catch {
      // A cache that cannot be written only costs time on the next start.
    }
  }
}

function depsHash(deps: ReadonlySet<string> | undefined): string {
  return deps === undefined ? "-" : hashText([...deps].sort().join("\n"));
}

/** The cache file for a workspace root inside the extension's storage folder. */
export function cacheFileFor(storageDir: string, root: string): string {
  return path.join(storageDir, `analysis-${hashText(path.resolve(root)).slice(0, 16)}.json`);
}
