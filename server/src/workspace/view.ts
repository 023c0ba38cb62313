import * as fs from "node:fs";
import * as path from "node:path";
import type { WorkspaceView } from "../../../rules/src/index.js";
import { FolderListings } from "./listings.js";

/**
 * What the engine may know of a workspace: files read through a root-confined reader, and the
 * dependencies of each file's project (nearest package.json up to the root), both cached until
 * `invalidate` is called for a path that changed.
 */
export class WorkspaceFiles {
  readonly root: string;
  private readonly texts = new Map<string, string | undefined>();
  private readonly depsByDir = new Map<string, ReadonlySet<string> | undefined>();
  private realRoot: string | undefined;
  private readonly listings: FolderListings | undefined;
  /** Module resolution's answers (see WorkspaceView.resolutions), cleared by any `invalidate`. */
  private readonly resolutions: Map<string, string | undefined> | undefined;

  /**
   * `listings`: rule out missing files from folder listings read once (see listings.ts). Only for
   * a reader that lives for one scan: files created later are not seen unless `invalidate`d.
   */
  constructor(root: string, options: { listings?: boolean } = {}) {
    this.root = path.resolve(root);
    if (options.listings) this.listings = new FolderListings(this.root);
    if (options.listings && this.remembersResolutions()) this.resolutions = new Map();
  }

  /**
   * May a scan analyse a module right after the file that parsed it, ahead of its turn (see
   * aheadAnalyses.ts)? Only a reader for one scan (listings) whose reads nobody notes file by file.
   */
  handsOverTrees(): boolean {
    return this.listings !== undefined && this.remembersResolutions();
  }

  /** A reader whose callers must see every probe (a recording one) says no. */
  protected remembersResolutions(): boolean {
    return true;
  }

  /** Absolute path of a workspace-relative path, or undefined when it would leave the root. */
  resolve(relPath: string): string | undefined {
    if (relPath === "" || path.isAbsolute(relPath) || /^[A-Za-z]:/.test(relPath) || relPath.includes("\0")) return undefined;
    const abs = path.resolve(this.root, relPath);
    if (abs === this.root || !abs.startsWith(this.root + path.sep)) return undefined;
    return abs;
  }

  /** Text of a workspace file, or undefined if it is missing, unreadable or outside the root. */
  readFile(relPath: string): string | undefined {
    // Module resolution asks tens of thousands of times in a scan, mostly for paths asked before.
    const key = relPath.includes("\\") ? relPath.replace(/\\/g, "/") : relPath;
    const known = this.texts.get(key);
    if (known !== undefined || this.texts.has(key)) return known;
    // Rules probe many paths that do not exist (module resolution): the listings rule most out
    // before any path work, the rest cost one stat that cannot throw.
    const abs = this.listings?.mayExist(key) === false ? undefined : this.resolve(key);
    let text: string | undefined;
    if (abs && this.listings?.isPlainFile(key)) {
      text = readText(abs);
    } else if (abs && isFile(abs)) {
      try {
        // A symlink may still point out of the root: compare the real path too.
        // The native realpath: the JavaScript one lstats every path component.
        const real = fs.realpathSync.native(abs);
        const realRoot = (this.realRoot ??= fs.realpathSync.native(this.root));
        if (real.startsWith(realRoot + path.sep)) text = fs.readFileSync(real, "utf8");
      } catch {
        text = undefined;
      }
    }
    this.texts.set(key, text);
    return text;
  }

  /**
   * Text a rule already read for this path through `readFile`, without reading it again; only
   * from a reader that lives for one scan (with listings): a long-lived one may hold a text its
   * host has not yet been told is stale.
   */
  knownText(relPath: string): string | undefined {
    return this.listings ? this.texts.get(relPath.includes("\\") ? relPath.replace(/\\/g, "/") : relPath) : undefined;
  }

  /**
   * Tell the listings what a folder holds (from the workspace walk); no-op without listings.
   * `plainFiles`: the names the walk saw as regular files (read without a stat or realpath).
   */
  seedListing(dirRel: string, names: readonly string[], plainFiles?: readonly string[]): void {
    this.listings?.seed(dirRel, names, plainFiles);
  }

  /** Forget cached knowledge about a file that was written or changed. */
  invalidate(relPath: string): void {
    const key = relPath.replace(/\\/g, "/");
    this.texts.delete(key);
    this.resolutions?.clear();
    this.listings?.forget(key);
    if (key === "package.json" || key.endsWith("/package.json")) this.depsByDir.clear();
  }

  /** Names in dependencies, devDependencies and peerDependencies of the nearest package.json at or below the root. */
  dependenciesFor(relPath: string): ReadonlySet<string> | undefined {
    const dir = path.posix.dirname(relPath.replace(/\\/g, "/"));
    return this.depsOfDir(dir === "." ? "" : dir);
  }

  private depsOfDir(dir: string): ReadonlySet<string> | undefined {
    if (this.depsByDir.has(dir)) return this.depsByDir.get(dir);
    let deps: ReadonlySet<string> | undefined;
    const text = this.readFile(dir === "" ? "package.json" : `${dir}/package.json`);
    if (text !== undefined) {
      deps = parseDependencies(text);
    } else if (dir !== "") {
      const parent = path.posix.dirname(dir);
      deps = this.depsOfDir(parent === "." ? "" : parent);
    }
    this.depsByDir.set(dir, deps);
    return deps;
  }

  /** The view handed to the engine for one file. */
  viewFor(relPath: string): WorkspaceView {
    return {
      root: this.root,
      readFile: (rel) => this.readFile(rel),
      dependencies: this.dependenciesFor(relPath),
      resolutions: this.resolutions,
    };
  }
}

function readText(abs: string): string | undefined {
  try {
    return fs.readFileSync(abs, "utf8");
  } catch {
    return undefined;
  }
}

/** One stat that cannot throw: `throwIfNoEntry` still throws ENOTDIR for `a-file.ts/index.ts`. */
function isFile(abs: string): boolean {
  try {
    return fs.statSync(abs, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

/** A broken package.json yields undefined: rules then treat dependencies as unknown. */
function parseDependencies(text: string): ReadonlySet<string> | undefined {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const names = new Set<string>();
    for (const key of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
      const deps = json[key];
      if (deps && typeof deps === "object") for (const name of Object.keys(deps)) names.add(name);
    }
    return names;
  } catch {
    return undefined;
  }
}
