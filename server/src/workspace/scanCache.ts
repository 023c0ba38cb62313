import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnyRule, ResolvedConfig } from "../../../rules/src/index.js";
import type { ScannedFile } from "./scan.js";
import { encodeCacheFile, StoredEntries } from "./cacheFile.js";
import { WorkspaceFiles } from "./view.js";

/**
 * What a warm scan reuses for one file: its result, valid while the file's text (`hash`) and the
 * texts of the other workspace files its rules read (`reads`: path → hash, null = missing) are
 * unchanged.
 */
export interface CacheEntry {
  hash: string;
  file: ScannedFile;
  reads: ReadRecord;
  /** The file's stat when `hash` was taken, kept only when it can vouch for the content (see `stampOf`). */
  stamp?: FileStamp;
}

/** [size, mtimeMs, ctimeMs, ino] of a file. */
export type FileStamp = [number, number, number, number];

/**
 * Other workspace files a file's rules read, flat: path, then its content hash or null when it was
 * missing, for each file (a pair per read would be an array per read, tens of thousands per scan).
 */
export type ReadRecord = Array<string | null>;

/**
 * The interface a scan needs from a findings cache. The disk cache below is one implementation;
 * a host may hand in another (the language server keeps its own in memory).
 */
export interface FindingsCache {
  get(relPath: string, hash: string): CacheEntry | undefined;
  /** The entry for a path whatever its hash (to compare stamps before reading the file). */
  peek?(relPath: string): CacheEntry | undefined;
  set(relPath: string, entry: CacheEntry): void;
  /** Forget files that no longer exist; called with every path the scan saw. */
  retain?(relPaths: ReadonlySet<string>): void;
  save?(): void;
}

export const contentHash = (text: string): string => createHash("sha1").update(text).digest("hex");

/**
 * How a warm scan avoids reading every file, the way git's index does: a file whose size, mtime,
 * ctime and inode all equal those recorded with its content hash still holds that content, so the
 * recorded hash stands in for reading and hashing it. The content hash stays the key of every
 * entry; the stamp only says when it may be reused.
 *
 * The one way a stat can miss a change is a write inside the same timestamp tick as the stat
 * that was recorded, with the same size ("racy git"). So a stamp is kept only for a file last
 * modified (mtime) and last changed (ctime, which no tool can set back) at least `RACY_MS` before
 * the stat was taken: any later write then carries a later time. Files changed more recently are
 * hashed again next time, until they are old enough. `--cache-strategy content` hashes every file.
 */
export const RACY_MS = 2000;

/** The stamp to keep for a file stat'ed at `statAt` (Date.now() before the stat), or undefined when it is too fresh to vouch. */
export function stampOf(st: fs.Stats, statAt: number): FileStamp | undefined {
  if (Math.max(st.mtimeMs, st.ctimeMs) >= statAt - RACY_MS) return undefined;
  return [st.size, st.mtimeMs, st.ctimeMs, st.ino];
}

export function sameStamp(a: FileStamp | undefined, st: fs.Stats): boolean {
  return a !== undefined && a[0] === st.size && a[1] === st.mtimeMs && a[2] === st.ctimeMs && a[3] === st.ino;
}

/**
 * Everything besides a file's own text that decides its findings, folded into one string: the
 * engine build (version and the modification time of the code running), the enabled rules, the
 * configuration, and every package.json in the scan (dependencies feed several rules).
 */
export function cacheSalt(config: ResolvedConfig, rules: readonly AnyRule[], engineVersion: string, packageJsonTexts: readonly string[]): string {
  const h = createHash("sha1");
  h.update(engineVersion);
  h.update("\0");
  h.update(rules.map((r) => `${r.meta.id}:${r.meta.severity}`).join(","));
  h.update("\0");
  h.update(stableConfig(config));
  for (const t of packageJsonTexts) {
    h.update("\0");
    h.update(t);
  }
  return h.digest("hex");
}

/** The engine's identity: version plus the build of the module running it (a rebuild invalidates). */
export function engineBuild(version: string): string {
  // In the bundle this module is the whole engine; in the compiled tree the rules live apart.
  const parts = [version];
  for (const file of [__filename, path.join(__dirname, "../../../rules/src/registry.js")]) {
    try {
      const st = fs.statSync(file);
      parts.push(`${st.size}:${st.mtimeMs}`);
    } catch {
      // Not in this layout.
    }
  }
  return parts.join(":");
}

function stableConfig(config: ResolvedConfig): string {
  return JSON.stringify(config, (_key, value: unknown) => {
    if (value instanceof Map) return [...value.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
    if (value instanceof Set) return [...value].sort();
    return value;
  });
}

/**
 * Findings on disk, one file per scan root under `dir` (ESLint keeps one `.eslintcache` the
 * same way; the layout is cacheFile.ts's). A file made under a different salt or format is
 * dropped on load. A cache that cannot be read or written is not an error: the scan is just
 * cold; an entry that is not what this code wrote is a miss.
 */
export class DiskCache implements FindingsCache {
  readonly file: string;
  private readonly root: string;
  private stored: StoredEntries | undefined;
  /** Entries set or already decoded in this run. */
  private entries = new Map<string, CacheEntry>();
  private removed = new Set<string>();
  private dirty = false;

  constructor(dir: string, root: string, private readonly salt: string) {
    this.root = path.resolve(root);
    this.file = DiskCache.fileFor(dir, this.root);
    let bytes: Buffer | undefined;
    try {
      bytes = fs.readFileSync(this.file);
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    if (bytes !== undefined) {
      this.stored = StoredEntries.parse(bytes, salt);
      // Another format, salt or a damaged file: replace it even if this run adds nothing.
      if (!this.stored) this.dirty = true;
    }
  }

  /** The file a cache for this root is kept in under `dir`. */
  static fileFor(dir: string, root: string): string {
    return path.join(dir, `scan-${contentHash(path.resolve(root)).slice(0, 16)}.json`);
  }

  get(relPath: string, hash: string): CacheEntry | undefined {
    const e = this.peek(relPath);
    return e && e.hash === hash ? e : undefined;
  }

  peek(relPath: string): CacheEntry | undefined {
    return this.entries.get(relPath) ?? (this.removed.has(relPath) ? undefined : this.decode(relPath));
  }

  set(relPath: string, entry: CacheEntry): void {
    this.entries.set(relPath, entry);
    this.removed.delete(relPath);
    this.dirty = true;
  }

  retain(relPaths: ReadonlySet<string>): void {
    const drop = (k: string) => {
      if (!relPaths.has(k) && !this.removed.has(k)) {
        this.entries.delete(k);
        this.removed.add(k);
        this.dirty = true;
      }
    };
    for (const k of this.entries.keys()) drop(k);
    if (this.stored) for (const k of this.stored.keys()) drop(k);
  }

  save(): void {
    if (!this.dirty) return;
    const all = new Map<string, CacheEntry>();
    if (this.stored) {
      for (const relPath of this.stored.keys()) {
        if (this.removed.has(relPath) || this.entries.has(relPath)) continue;
        const e = this.decode(relPath);
        if (e) all.set(relPath, e);
      }
    }
    for (const [relPath, e] of this.entries) all.set(relPath, e);
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      // Write then rename: a scan killed mid-write leaves the old cache, never half a file.
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, encodeCacheFile(this.salt, all));
      fs.renameSync(tmp, this.file);
      this.dirty = false;
    } catch {
      // A read-only checkout: the next scan is cold again, nothing worse.
    }
  }

  /** The stored entry for a path, or undefined when there is none or it is not well formed. */
  private decode(relPath: string): CacheEntry | undefined {
    const entry = this.stored?.decode(relPath, this.root);
    if (entry) this.entries.set(relPath, entry);
    return entry;
  }
}

/**
 * A WorkspaceFiles that notes which other files the rules read, so a cached result can be
 * dropped when one of them changes (a fix target such as `.env`, a schema file).
 */
export class RecordingFiles extends WorkspaceFiles {
  private reads = new Set<string>();
  private readonly hashes = new Map<string, string | null>();

  override readFile(relPath: string): string | undefined {
    const text = super.readFile(relPath);
    const key = relPath.replace(/\\/g, "/");
    this.reads.add(key);
    // Hash each text once per scan, however many files read it.
    if (!this.hashes.has(key)) this.hashes.set(key, text === undefined ? null : contentHash(text));
    return text;
  }

  /**
   * The content hash of what `readFile` gives for a path (null: missing), without counting as a
   * read: a warm scan checks recorded reads with it, and a text read here is hashed once.
   */
  hashOf(relPath: string): string | null {
    const key = relPath.includes("\\") ? relPath.replace(/\\/g, "/") : relPath;
    let hash = this.hashes.get(key);
    if (hash === undefined) {
      const text = super.readFile(key);
      hash = text === undefined ? null : contentHash(text);
      this.hashes.set(key, hash);
    }
    return hash;
  }

  /** Every read counts for the cache, module-resolution probes too. */
  protected override remembersResolutions(): boolean {
    return false;
  }

  override invalidate(relPath: string): void {
    super.invalidate(relPath);
    this.hashes.delete(relPath.replace(/\\/g, "/"));
  }

  /** The reads since the last call, and start a new record. */
  take(): ReadRecord {
    const out: ReadRecord = [];
    for (const k of this.reads) out.push(k, this.hashes.get(k) ?? null);
    this.reads = new Set();
    return out;
  }
}

/** Do the files an entry read still hold what they held? `hashOf` is memoised by the caller. */
export function readsUnchanged(entry: CacheEntry, hashOf: (relPath: string) => string | null): boolean {
  const reads = entry.reads;
  for (let i = 0; i < reads.length; i += 2) if (hashOf(reads[i]!) !== reads[i + 1]) return false;
  return true;
}

/**
 * `readsUnchanged` remembered per record: entries loaded from a DiskCache share one record per
 * distinct set of reads, so a warm scan checks each set once, not once per file.
 */
export function readsCheck(hashOf: (relPath: string) => string | null): (entry: CacheEntry) => boolean {
  const known = new WeakMap<ReadRecord, boolean>();
  return (entry) => {
    let ok = known.get(entry.reads);
    if (ok === undefined) {
      ok = readsUnchanged(entry, hashOf);
      known.set(entry.reads, ok);
    }
    return ok;
  };
}
