import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnyRule, ResolvedConfig } from "../../../rules/src/index.js";
import type { ScannedFile } from "./scan.js";
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
}

/** Other workspace files a file's rules read: [path, content hash or null when missing]. */
export type ReadRecord = Array<[string, string | null]>;

/**
 * The interface a scan needs from a findings cache. The disk cache below is one implementation;
 * a host may hand in another (the language server keeps its own in memory).
 */
export interface FindingsCache {
  get(relPath: string, hash: string): CacheEntry | undefined;
  set(relPath: string, entry: CacheEntry): void;
  /** Forget files that no longer exist; called with every path the scan saw. */
  retain?(relPaths: ReadonlySet<string>): void;
  save?(): void;
}

export const contentHash = (text: string): string => createHash("sha1").update(text).digest("hex");

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

interface CacheFile {
  salt: string;
  entries: Record<string, CacheEntry>;
}

/**
 * Findings on disk, one JSON file per scan root under `dir` (ESLint keeps one `.eslintcache` the
 * same way). Entries made under a different salt are dropped on load. A cache that cannot be read
 * or written is not an error: the scan is just cold.
 */
export class DiskCache implements FindingsCache {
  readonly file: string;
  private entries = new Map<string, CacheEntry>();
  private dirty = false;

  constructor(dir: string, root: string, private readonly salt: string) {
    this.file = path.join(dir, `scan-${contentHash(path.resolve(root)).slice(0, 16)}.json`);
    try {
      const data = JSON.parse(fs.readFileSync(this.file, "utf8")) as CacheFile;
      if (data.salt === salt) this.entries = new Map(Object.entries(data.entries));
      else this.dirty = true;
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }

  get(relPath: string, hash: string): CacheEntry | undefined {
    const e = this.entries.get(relPath);
    return e && e.hash === hash ? e : undefined;
  }

  set(relPath: string, entry: CacheEntry): void {
    this.entries.set(relPath, entry);
    this.dirty = true;
  }

  retain(relPaths: ReadonlySet<string>): void {
    for (const k of this.entries.keys()) {
      if (!relPaths.has(k)) {
        this.entries.delete(k);
        this.dirty = true;
      }
    }
  }

  save(): void {
    if (!this.dirty) return;
    const data: CacheFile = { salt: this.salt, entries: Object.fromEntries(this.entries) };
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      // Write then rename: a scan killed mid-write leaves the old cache, never half a file.
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(data));
      fs.renameSync(tmp, this.file);
      this.dirty = false;
    } catch {
      // A read-only checkout: the next scan is cold again, nothing worse.
    }
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

  override invalidate(relPath: string): void {
    super.invalidate(relPath);
    this.hashes.delete(relPath.replace(/\\/g, "/"));
  }

  /** The reads since the last call, and start a new record. */
  take(): ReadRecord {
    const out: ReadRecord = [];
    for (const k of this.reads) out.push([k, this.hashes.get(k) ?? null]);
    this.reads = new Set();
    return out;
  }
}

/** Do the files an entry read still hold what they held? `hashOf` is memoised by the caller. */
export function readsUnchanged(entry: CacheEntry, hashOf: (relPath: string) => string | null): boolean {
  for (const [rel, hash] of entry.reads) if (hashOf(rel) !== hash) return false;
  return true;
}
