import fs from "node:fs";
import path from "node:path";
import { MAX_FILE_BYTES, type WorkspaceView } from "../../rules/src/index.js";
import { relativeInside } from "./paths.js";

/** Text of an open document by absolute path, so the engine sees unsaved edits. */
export type OpenText = (absPath: string) => string | undefined;

/**
 * What the engine may know about a workspace folder: its files (open editors first, then disk,
 * never outside the root) and the dependencies of the nearest package.json (cached until a
 * package.json changes).
 */
export class WorkspaceFiles {
  /** Directory → dependencies of its nearest package.json (undefined: none found or unreadable). */
  private readonly deps = new Map<string, ReadonlySet<string> | undefined>();
  private readonly realRoots = new Map<string, string>();
  /** Changes to any file seen so far, and per file: a view's generation counts the others'. */
  private changes = 0;
  private readonly ownChanges = new Map<string, number>();

  constructor(private readonly openText: OpenText) {}

  /** A view for one file of the workspace folder `root`. */
  view(root: string, fileName: string): WorkspaceView {
    const dependencies = this.dependenciesFor(root, path.dirname(fileName));
    return {
      root,
      readFile: (rel) => this.readFile(root, rel),
      // The engine reuses what it learnt from other files while this stays the same: typing in
      // one file must not count, or every keystroke would redo the whole file.
      generation: this.changes - (this.ownChanges.get(fileName) ?? 0),
      ...(dependencies ? { dependencies } : {}),
    };
  }

  /** A file's text may have changed: edited, opened or closed in the editor, or changed on disk. */
  changed(absPath: string): void {
    this.changes++;
    this.ownChanges.set(absPath, (this.ownChanges.get(absPath) ?? 0) + 1);
  }

  /** A file of the workspace by relative path; undefined when missing, too large, or outside the root. */
  readFile(root: string, rel: string): string | undefined {
    if (typeof rel !== "string" || rel.includes("\0") || path.isAbsolute(rel)) return undefined;
    const abs = path.resolve(root, rel);
    if (relativeInside(root, abs) === undefined) return undefined;
    const open = this.openText(abs);
    if (open !== undefined) return open;
    try {
      // Module resolution probes many missing paths, on every keystroke: one stat that does not
      // throw answers those (realpath would build an exception for each).
      if (!fs.statSync(abs, { throwIfNoEntry: false })) return undefined;
      // A symlink inside the root may point anywhere: follow it and check again. The native
      // realpath: the JavaScript one lstats every path component.
      const real = fs.realpathSync.native(abs);
      if (relativeInside(this.realRoot(root), real) === undefined) return undefined;
      const stat = fs.statSync(real);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      return fs.readFileSync(real, "utf8");
    } catch {
      return undefined;
    }
  }

  /** Drop cached dependencies (a package.json changed on disk or in an editor). */
  invalidate(): void {
    this.changes++;
    this.deps.clear();
    this.realRoots.clear();
  }

  private dependenciesFor(root: string, dir: string): ReadonlySet<string> | undefined {
    if (relativeInside(root, dir) === undefined) return undefined;
    if (this.deps.has(dir)) return this.deps.get(dir);
    let result: ReadonlySet<string> | undefined;
    const rel = relativeInside(root, dir)!;
    const text = this.readFile(root, rel === "" ? "package.json" : `${rel}/package.json`);
    if (text !== undefined) result = parseDependencies(text);
    else if (path.resolve(dir) !== path.resolve(root)) result = this.dependenciesFor(root, path.dirname(dir));
    this.deps.set(dir, result);
    return result;
  }

  private realRoot(root: string): string {
    let real = this.realRoots.get(root);
    if (real === undefined) {
      try {
        real = fs.realpathSync.native(root);
      } catch {
        real = root;
      }
      this.realRoots.set(root, real);
    }
    return real;
  }
}

/** Names in dependencies and devDependencies; undefined when the JSON does not parse. */
export function parseDependencies(text: string): ReadonlySet<string> | undefined {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const names = new Set<string>();
    for (const key of ["dependencies", "devDependencies"]) {
      const section = json?.[key];
      if (section && typeof section === "object") for (const name of Object.keys(section)) names.add(name);
    }
    return names;
  } catch {
    return undefined;
  }
}
