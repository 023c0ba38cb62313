import * as fs from "node:fs";
import * as path from "node:path";

/**
 * "Does this path certainly not exist?", answered from folder listings read once each.
 *
 * Rules resolve imports by probing: `lib/auth` is looked for as `lib/auth.ts`, `.tsx`, `.js`,
 * `/index.ts` … from every file's folder, so a scan of 5,000 files asks about some 20,000 paths
 * that do not exist, mostly inside folders that do not exist either. One `readdir` per folder
 * answers all of them; a `stat` per path costs ten times as many system calls.
 *
 * Only a "no" is trusted: anything the listings cannot rule out goes to the file system as before.
 * A name that matches an entry but for case or Unicode normalisation counts as present (a
 * case-insensitive file system would open it), and so does any path with `.`/`..` segments,
 * backslashes or a `~` (Windows short names). Listings are a snapshot: only for a reader that
 * lives as long as one scan and is told (`forget`) about the files that scan writes.
 */
export class FolderListings {
  /** Folder (relative, "" = root) → its entry names, exact and folded; null = certainly no such folder; undefined = unknown. */
  private readonly folders = new Map<string, Set<string> | null | undefined>();
  /** Folder → names the walk saw as regular files (not symlinks), exactly as listed. */
  private readonly plainFiles = new Map<string, Set<string>>();

  constructor(private readonly root: string) {}

  /** False only when `relPath` certainly names nothing under the root. */
  mayExist(relPath: string): boolean {
    if (!PLAIN.test(relPath)) return true;
    const slash = relPath.lastIndexOf("/");
    const names = this.listing(slash < 0 ? "" : relPath.slice(0, slash));
    if (names === undefined) return true;
    if (names === null) return false;
    return has(names, relPath.slice(slash + 1));
  }

  /**
   * A folder's names read by someone else (the workspace walk), so it is not read again.
   * `plainFiles`: those of the names the walk saw as regular files, not symlinks.
   */
  seed(dir: string, names: readonly string[], plainFiles?: readonly string[]): void {
    const set = new Set<string>();
    for (const name of names) {
      set.add(name);
      set.add(fold(name));
    }
    this.folders.set(dir, set);
    if (plainFiles) this.plainFiles.set(dir, new Set(plainFiles));
    else this.plainFiles.delete(dir);
  }

  /**
   * Did the walk see exactly this path as a regular file? The walk enters no symlinked folder,
   * so such a file lies inside the root as named: reading it needs no stat and no realpath.
   */
  isPlainFile(relPath: string): boolean {
    const slash = relPath.lastIndexOf("/");
    return this.plainFiles.get(slash < 0 ? "" : relPath.slice(0, slash))?.has(relPath.slice(slash + 1)) === true;
  }

  /** A file or folder at this path was created or removed: drop what the listings said about it. */
  forget(relPath: string): void {
    const parts = relPath.replace(/\\/g, "/").split("/");
    for (let i = 0; i < parts.length; i++) {
      this.folders.delete(parts.slice(0, i).join("/"));
      this.plainFiles.delete(parts.slice(0, i).join("/"));
    }
  }

  private listing(dir: string): Set<string> | null | undefined {
    if (this.folders.has(dir)) return this.folders.get(dir);
    let result: Set<string> | null | undefined;
    const slash = dir.lastIndexOf("/");
    const parent = dir === "" ? undefined : this.listing(slash < 0 ? "" : dir.slice(0, slash));
    if (parent === null || (parent && !has(parent, dir.slice(slash + 1)))) {
      result = null;
    } else {
      try {
        const entries = fs.readdirSync(dir === "" ? this.root : path.join(this.root, dir));
        result = new Set<string>();
        for (const name of entries) {
          result.add(name);
          result.add(fold(name));
        }
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // A name listed by the parent but not a folder (a file): nothing can be under it.
        result = code === "ENOENT" || code === "ENOTDIR" ? null : undefined;
      }
    }
    this.folders.set(dir, result);
    return result;
  }
}

/** Plain relative paths: no leading slash, no empty, `.` or `..` segment, no backslash, no `~`. */
const PLAIN = /^(?!\/)(?!\.{1,2}(?:\/|$))(?!.*\/\.{1,2}(?:\/|$))(?!.*\/\/)[^\\~\0]+(?<!\/)$/;

const fold = (name: string) => name.normalize("NFC").toLowerCase();
const has = (names: Set<string>, name: string) => names.has(name) || names.has(fold(name));
