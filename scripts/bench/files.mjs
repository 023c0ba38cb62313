// The benchmark's file walk, shared by the in-process rows (run.mjs) and the cold parse-only
// child (parse-cold.mjs), so both see the same files in the same order.
import fs from "node:fs";
import path from "node:path";

const SKIPPED_DIRS = new Set(["node_modules", ".git", ".next", "dist"]);

/** Absolute paths of the files under `dir` that `isSource` accepts, depth first, in readdir order. */
export function walkSourceFiles(dir, isSource) {
  const files = [];
  (function walk(d) {
    for (const ent of fs.readdirSync(d, { withFileTypes: true })) {
      if (SKIPPED_DIRS.has(ent.name)) continue;
      const p = path.join(d, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (isSource(p)) files.push(p);
    }
  })(dir);
  return files;
}
