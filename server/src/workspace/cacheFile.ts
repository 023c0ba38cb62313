import { isAscii } from "node:buffer";
import { joinRoot } from "./files.js";
import type { ScannedFile } from "./scan.js";
import type { CacheEntry, FileStamp, ReadRecord } from "./scanCache.js";

/**
 * The layout of a DiskCache file. A warm scan reads all of it before it can reuse anything, so
 * it is laid out for JSON.parse: every path and content hash is written once and named by its
 * index (a folder's files record the same module-resolution probes, and an imported module's
 * hash is recorded by every importer: with one string per mention, paths were a third of the
 * file), files whose results are equal (most files: no findings) share one stored result, and
 * the per-file part is one flat array of numbers, which V8 parses into a single unboxed array
 * with nothing to allocate per file. Nothing is checked or built on load beyond the shape and a
 * path → row map; an entry is checked when it is first asked for, and a malformed one is a miss.
 */
export const FORMAT = 4;

interface CacheFile {
  format: typeof FORMAT;
  salt: string;
  paths: string[];
  hashes: string[];
  /** Distinct read records, flat: path index, then hash index or -1 (missing), for each read. */
  reads: number[][];
  /** Distinct results: a file's ScannedFile without its paths, which the row gives back. */
  results: StoredResult[];
  /** `ROW` numbers per entry: see the `AT_` offsets. */
  rows: number[];
}

type StoredResult = Omit<ScannedFile, "fileName" | "relPath">;

const ROW = 8;
const AT_PATH = 0;
const AT_HASH = 1;
const AT_READS = 2;
const AT_RESULT = 3;
/** Then the stamp: size (-1 when there is none), mtimeMs, ctimeMs, ino. */
const AT_STAMP = 4;

/** The text of a cache file holding these entries (ASCII). */
export function encodeCacheFile(salt: string, entries: Iterable<[string, CacheEntry]>): string {
  const paths = new IndexOf<string>();
  const hashes = new IndexOf<string>();
  // Decoded entries share their record arrays: most records are found by identity, not by key.
  const recordOf = new Map<ReadRecord, number>();
  const recordByKey = new Map<string, number>();
  const reads: number[][] = [];
  const resultByText = new Map<string, number>();
  const results: string[] = [];
  const rows: number[] = [];
  for (const [relPath, e] of entries) {
    let r = recordOf.get(e.reads);
    if (r === undefined) {
      const flat: number[] = [];
      const record = e.reads;
      for (let k = 0; k < record.length; k += 2) flat.push(paths.of(record[k]!), record[k + 1] === null ? -1 : hashes.of(record[k + 1]!));
      const key = flat.join(",");
      r = recordByKey.get(key);
      if (r === undefined) {
        r = reads.push(flat) - 1;
        recordByKey.set(key, r);
      }
      recordOf.set(e.reads, r);
    }
    const { fileName: _abs, relPath: _rel, ...stored } = e.file;
    const text = JSON.stringify(stored);
    let x = resultByText.get(text);
    if (x === undefined) {
      x = results.push(text) - 1;
      resultByText.set(text, x);
    }
    const s = e.stamp;
    rows.push(paths.of(relPath), hashes.of(e.hash), r, x, s ? s[0] : -1, s ? s[1] : 0, s ? s[2] : 0, s ? s[3] : 0);
  }
  // Written by hand around the results, which are JSON already (they were the deduplication key).
  const json = `{"format":${FORMAT},"salt":${JSON.stringify(salt)},"paths":${JSON.stringify(paths.list)},"hashes":${JSON.stringify(hashes.list)},"reads":${JSON.stringify(reads)},"results":[${results.join(",")}],"rows":${JSON.stringify(rows)}}`;
  // ASCII only, so that the reader's text is one byte per character: a single "…" in a message
  // made V8 hold (and parse) the whole file as two-byte text.
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Values numbered in order of first mention. */
class IndexOf<T> {
  readonly list: T[] = [];
  private readonly index = new Map<T, number>();

  of(value: T): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.list.push(value) - 1;
      this.index.set(value, i);
    }
    return i;
  }
}

/** The entries of a cache file, decoded one at a time as they are asked for. */
export class StoredEntries {
  /** relPath → row; -1 for a path two rows claim (neither is trusted). */
  private readonly rowOf = new Map<string, number>();
  private readonly records: Array<ReadRecord | null | undefined> = [];
  /** Per stored result: is it well formed? */
  private readonly resultOk: Array<boolean | undefined> = [];

  private constructor(private readonly data: CacheFile) {
    const { rows, paths } = data;
    for (let i = 0; i < rows.length; i += ROW) {
      const p = rows[i + AT_PATH];
      const relPath = typeof p === "number" ? paths[p] : undefined;
      if (typeof relPath !== "string") continue;
      this.rowOf.set(relPath, this.rowOf.has(relPath) ? -1 : i);
    }
  }

  /** The entries of a cache file's text, or undefined when it is not a whole file of this format and salt. */
  static parse(bytes: Buffer, salt: string): StoredEntries | undefined {
    // The writer escapes every other character: anything else is not its file.
    if (!isAscii(bytes)) return undefined;
    let data: Partial<CacheFile> | null;
    try {
      data = JSON.parse(bytes.toString("latin1")) as Partial<CacheFile> | null;
    } catch {
      return undefined;
    }
    if (typeof data !== "object" || data === null || data.format !== FORMAT || data.salt !== salt) return undefined;
    const { paths, hashes, reads, results, rows } = data;
    if (!Array.isArray(paths) || !Array.isArray(hashes) || !Array.isArray(reads) || !Array.isArray(results) || !Array.isArray(rows) || rows.length % ROW !== 0) return undefined;
    return new StoredEntries(data as CacheFile);
  }

  has(relPath: string): boolean {
    return (this.rowOf.get(relPath) ?? -1) >= 0;
  }

  /** Every path with a row (well formed or not). */
  keys(): IterableIterator<string> {
    return this.rowOf.keys();
  }

  /** The entry stored for a path, or undefined when there is none or it is not well formed. */
  decode(relPath: string, root: string): CacheEntry | undefined {
    const i = this.rowOf.get(relPath);
    if (i === undefined || i < 0) return undefined;
    const { rows, hashes, results } = this.data;
    const h = rows[i + AT_HASH];
    const hash = typeof h === "number" ? hashes[h] : undefined;
    const reads = this.record(rows[i + AT_READS]);
    const x = rows[i + AT_RESULT];
    if (typeof hash !== "string" || !reads || !this.resultIsOk(x)) return undefined;
    // Files with equal results share the stored arrays: results are read, never changed. (Not a
    // spread with the paths after it: adding properties to a copy cost each file a new hidden
    // class and property store, 8 ms for 4,000 files against 1 ms.)
    const file: ScannedFile = Object.assign({ fileName: joinRoot(root, relPath), relPath }, results[x]);
    const entry: CacheEntry = { hash, file, reads };
    const size = rows[i + AT_STAMP];
    const mtime = rows[i + AT_STAMP + 1];
    const ctime = rows[i + AT_STAMP + 2];
    const ino = rows[i + AT_STAMP + 3];
    if (typeof size === "number" && size >= 0 && typeof mtime === "number" && typeof ctime === "number" && typeof ino === "number") entry.stamp = [size, mtime, ctime, ino];
    return entry;
  }

  /** A read record with its paths and hashes, built once however many entries share it; null when malformed. */
  private record(r: number): ReadRecord | null {
    let record = this.records[r];
    if (record !== undefined) return record;
    const flat = Number.isInteger(r) && r >= 0 ? this.data.reads[r] : undefined;
    // Sized up front: grown by push, the records cost a warm scan of dub 1.4 MB of garbage.
    record = Array.isArray(flat) && flat.length % 2 === 0 ? new Array<string | null>(flat.length) : null;
    const { paths, hashes } = this.data;
    for (let k = 0; record && k < flat!.length; k += 2) {
      const p = flat![k];
      const h = flat![k + 1];
      const rel = typeof p === "number" ? paths[p] : undefined;
      const hash = h === -1 ? null : typeof h === "number" ? hashes[h] : undefined;
      if (typeof rel !== "string" || (hash !== null && typeof hash !== "string")) record = null;
      else {
        record[k] = rel;
        record[k + 1] = hash;
      }
    }
    if (Number.isInteger(r) && r >= 0 && r < this.data.reads.length) this.records[r] = record;
    return record;
  }

  private resultIsOk(x: number): boolean {
    if (!Number.isInteger(x) || x < 0 || x >= this.data.results.length) return false;
    let ok = this.resultOk[x];
    if (ok === undefined) {
      const r = this.data.results[x] as Partial<StoredResult> | null;
      ok =
        typeof r === "object" &&
        r !== null &&
        !Array.isArray(r) &&
        Array.isArray(r.findings) &&
        Array.isArray(r.ruleFailures) &&
        typeof r.syntaxErrors === "number" &&
        typeof r.kind === "string" &&
        !Object.hasOwn(r, "fileName") &&
        !Object.hasOwn(r, "relPath");
      this.resultOk[x] = ok;
    }
    return ok;
  }
}
