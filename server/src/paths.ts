import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** A file path for a document URI: the real path for `file:` URIs, the URI's path otherwise (untitled, vfs). */
export function fileNameOf(uri: string): string {
  if (uri.startsWith("file:")) {
    try {
      return fileURLToPath(uri);
    } catch {
      // fall through: a malformed file URI still has a usable path part
    }
  }
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

export function uriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** Path of `file` relative to `root` with forward slashes, or undefined when it is not inside root. */
export function relativeInside(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  if (rel === "") return "";
  if (rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join("/");
}

/** Two URIs name the same file (VS Code may encode drive letters and `:` differently than Node). */
export function sameFile(a: string, b: string): boolean {
  return a === b || path.resolve(fileNameOf(a)) === path.resolve(fileNameOf(b));
}
