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
  /** Folder (relative, "" = root) → its entries; null = certainly no such folder; undefined = unknown. */
  private readonly folders = new Map<string, Listing | null | undefined>();

  constructor(private readonly root: string) {}

  /** False only when `relPath` certainly names nothing under the root. */
  mayExist(relPath: string): boolean {
    if (!PLAIN.test(relPath)) return true;
    const slash = relPath.lastIndexOf("/");
    const listing = this.listing(slash < 0 ? "" : relPath.slice(0, slash));
    if (listing === undefined) return true;
    if (listing === null) return false;
    return listing.has(relPath.slice(slash + 1));
  }

  /**
   * A folder's names read by someone else (the workspace walk), so it is not read again.
   * `plainFiles`: those of the names the walk saw as regular files, not symlinks.
   */
  seed(dir: string, names: readonly string[], plainFiles?: readonly string[]): void {
    this.folders.set(dir, new Listing(names, plainFiles));
  }

  /**
   * Did the walk see exactly this path as a regular file? The walk enters no symlinked folder,
   * so such a file lies inside the root as named: reading it needs no stat and no realpath.
   */
  isPlainFile(relPath: string): boolean {
    const slash = relPath.lastIndexOf("/");
    return this.folders.get(slash < 0 ? "" : relPath.slice(0, slash))?.isPlain(relPath.slice(slash + 1)) === true;
  }

  /** A file or folder at this path was created or removed: drop what the listings said about it. */
  forget(relPath: string): void {
    const parts = relPath.replace(/\\/g, "/").split("/");
    for (let i = 0; i < parts.length; i++) this.folders.delete(parts.slice(0, i).join("/"));
  }

  private listing(dir: string): Listing | null | undefined {
    if (this.folders.has(dir)) return this.folders.get(dir);
    let result: Listing | null | undefined;
    const slash = dir.lastIndexOf("/");
    const parent = dir === "" ? undefined : this.listing(slash < 0 ? "" : dir.slice(0, slash));
    if (parent === null || (parent && !parent.has(dir.slice(slash + 1)))) {
      result = null;
    } else {
      try {
        result = new Listing(fs.readdirSync(dir === "" ? this.root : path.join(this.root, dir)));
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

/**
 * One folder's entry names. The sets are made when the folder is first asked about: the walk
 * seeds every folder it reads, and a warm scan asks about few of them.
 */
class Listing {
  /** The names, exact and folded. */
  private all: Set<string> | undefined;
  private plain: Set<string> | undefined;

  constructor(
    private readonly names: readonly string[],
    private readonly plainNames?: readonly string[],
  ) {}

  has(name: string): boolean {
    if (!this.all) {
      this.all = new Set<string>();
      for (let i = 0; i < this.names.length; i++) {
        this.all.add(this.names[i]);
        this.all.add(fold(this.names[i]));
      }
    }
    return this.all.has(name) || this.all.has(fold(name));
  }

  isPlain(name: string): boolean {
    if (!this.plainNames) return false;
    this.plain ??= new Set(this.plainNames);
    return this.plain.has(name);
  }
}

/** Plain relative paths: no leading slash, no empty, `.` or `..` segment, no backslash, no `~`. */
const PLAIN = /^(?!\/)(?!\.{1,2}(?:\/|$))(?!.*\/\.{1,2}(?:\/|$))(?!.*\/\/)[^\\~\0]+(?<!\/)$/;

const fold = (name: string) => name.normalize("NFC").toLowerCase();
