import * as fs from "node:fs";
import * as path from "node:path";
import { fileKindOf, isIgnored, type FileKind, type ResolvedConfig } from "../../../rules/src/index.js";
import { isGitIgnored, parseGitignore, type IgnoreFile } from "./gitignore.js";

/** Folders never entered: dependencies and version-control internals. */
const NEVER_ENTER = new Set(["node_modules", ".git", ".hg", ".svn"]);

export interface WorkspaceFile {
  /** Relative to the walk root, forward slashes. */
  relPath: string;
  kind: FileKind;
}

export interface WalkNote {
  relPath: string;
  message: string;
}

export interface WalkOptions {
  /**
   * Limit the walk to these folders or files (relative to the root, forward slashes; "" = all).
   * The folders named (and those on the way to them) are entered even if .gitignore would skip
   * them; below them, .gitignore files apply as usual. The `ignore` globs always apply.
   */
  include?: readonly string[];
  /** Called as files are discovered (in walk order), e.g. for progress. */
  onFile?: (file: WorkspaceFile) => void;
  /** Folders that could not be read, symlinks left alone, etc. */
  onNote?: (note: WalkNote) => void;
  /** Each folder's entry names as the walk read them ("" = the root), and those that are regular files (not symlinks). */
  onFolder?: (dirRel: string, names: string[], plainFiles: string[]) => void;
  signal?: AbortSignal;
  /**
   * Read folders synchronously, for a caller with nothing else to do meanwhile (the CLI): an
   * asynchronous listing is a round trip to libuv's thread pool, and a monorepo has a thousand
   * folders. The server's walk stays asynchronous so requests are answered during it.
   */
  sync?: boolean;
}

/**
 * The files Shipshape analyses under `root` (source files, `.env*`, package.json), sorted by
 * path. Respects `.gitignore` files (the root's, nested ones, and `.git/info/exclude`) and the
 * configuration's `ignore` globs; never enters node_modules or .git; does not follow symlinked
 * folders (they can loop) nor symlinks that lead outside the root. A folder that vanishes or
 * cannot be read mid-walk is reported through `onNote` and skipped.
 */
export async function listWorkspaceFiles(root: string, config: ResolvedConfig, options: WalkOptions = {}): Promise<WorkspaceFile[]> {
  root = path.resolve(root);
  // The synchronous walk leaves fs.promises alone: loading it cost every CLI start some 5 ms.
  const sync = options.sync === true;
  const realRoot = sync ? fs.realpathSync.native(root) : await fs.promises.realpath(root);
  const include = (options.include ?? [""]).map(normalizeRel);
  const wantAll = include.includes("");
  const out: WorkspaceFile[] = [];
  const note = (relPath: string, message: string) => options.onNote?.({ relPath, message });

  const rootStack: IgnoreFile[] = [];
  const exclude = await readText(path.join(root, ".git", "info", "exclude"), sync);
  if (exclude !== undefined) rootStack.push(parseGitignore(exclude, ""));

  // Whether a folder lies on the way to, or inside, one of the requested paths.
  const wanted = (rel: string) => wantAll || include.some((inc) => inc === rel || inc.startsWith(rel + "/") || rel.startsWith(inc + "/"));
  const requested = (rel: string) => wantAll || include.some((inc) => inc === rel || rel.startsWith(inc + "/"));

  /** A folder's entries, or the error reading them. */
  const list = (dirAbs: string): Promise<{ entries: fs.Dirent[] } | { error: unknown }> => {
    if (sync) {
      try {
        return Promise.resolve({ entries: fs.readdirSync(dirAbs, { withFileTypes: true }) });
      } catch (error) {
        return Promise.resolve({ error });
      }
    }
    return fs.promises.readdir(dirAbs, { withFileTypes: true }).then(
      (entries) => ({ entries }),
      (error: unknown) => ({ error }),
    );
  };

  async function walk(dirRel: string, parentStack: IgnoreFile[]): Promise<void> {
    options.signal?.throwIfAborted();
    const dirAbs = dirRel === "" ? root : joinRoot(root, dirRel);
    const read = await list(dirAbs);
    if ("error" in read) {
      note(dirRel || ".", `folder skipped: ${errorCode(read.error)}`);
      return;
    }
    const entries = read.entries;
    options.onFolder?.(dirRel, entries.map((e) => e.name), entries.filter((e) => e.isFile()).map((e) => e.name));
    let stack = parentStack;
    if (entries.some((e) => e.name === ".gitignore" && !e.isDirectory())) {
      const text = await readText(path.join(dirAbs, ".gitignore"), sync);
      if (text !== undefined) stack = [...parentStack, parseGitignore(text, dirRel)];
    }
    entries.sort((a, b) => compare(a.name, b.name));
    for (const entry of entries) {
      const rel = dirRel === "" ? entry.name : `${dirRel}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await symlinkTarget(path.join(dirAbs, entry.name), realRoot, sync);
        if (!target) continue;
        if (target.isDir) {
          note(rel, "symlinked folder not followed");
          continue;
        }
        isFile = target.isFile;
      }
      if (isDir) {
        if (!wanted(rel)) continue;
        // A folder named on the command line (or on the way to one) is entered even when
        // .gitignore or the node_modules rule would skip it: asking for it is explicit.
        const named = !wantAll && include.some((inc) => inc === rel || inc.startsWith(rel + "/"));
        if (!named && (NEVER_ENTER.has(entry.name) || isGitIgnored(stack, rel, true))) continue;
        if (isIgnored(rel, config)) {
          if (named) note(rel, 'ignored by "ignore" in shipshape.json');
          continue;
        }
        await walk(rel, stack);
      } else if (isFile) {
        const kind = fileKindOf(entry.name);
        if (!kind || !requested(rel)) continue;
        if (isGitIgnored(stack, rel, false) || isIgnored(rel, config)) continue;
        const file = { relPath: rel, kind };
        out.push(file);
        options.onFile?.(file);
      }
    }
  }

  await walk("", rootStack);
  return out.sort((a, b) => compare(a.relPath, b.relPath));
}

/** Plain code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The absolute path of a file the walk found: what `path.join(root, relPath)` gives for a
 * resolved root and a path the walk built (names joined by "/", no empty, "." or ".." segment),
 * without normalising the whole string again, which cost a warm scan more than its stats.
 */
export function joinRoot(root: string, relPath: string): string {
  const rel = path.sep === "/" ? relPath : relPath.replaceAll("/", path.sep);
  return root.endsWith(path.sep) ? root + rel : root + path.sep + rel;
}

export function normalizeRel(p: string): string {
  const s = p.replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  return s === "." ? "" : s;
}

async function readText(file: string, sync: boolean): Promise<string | undefined> {
  try {
    return sync ? fs.readFileSync(file, "utf8") : await fs.promises.readFile(file, "utf8");
  } catch {
    return undefined;
  }
}

/** What a symlink points to, or undefined when it dangles or leads outside the root. */
async function symlinkTarget(link: string, realRoot: string, sync: boolean): Promise<{ isDir: boolean; isFile: boolean } | undefined> {
  try {
    const real = sync ? fs.realpathSync.native(link) : await fs.promises.realpath(link);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return undefined;
    const st = sync ? fs.statSync(real) : await fs.promises.stat(real);
    return { isDir: st.isDirectory(), isFile: st.isFile() };
  } catch {
    return undefined;
  }
}

export function errorCode(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "it no longer exists";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return code ?? (e instanceof Error ? e.message : String(e));
}
