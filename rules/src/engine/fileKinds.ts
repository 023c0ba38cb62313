import type { FileKind } from "./types.js";
import { isSourceFile } from "./parse.js";

/** Which kind of file a path is for the engine, or undefined when Shipshape does not read it. */
export function fileKindOf(path: string): FileKind | undefined {
  const base = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  if (isSourceFile(base)) return "source";
  if (base === "package.json") return "package-json";
  // .env, .env.local, .env.production … but not .envrc (a shell script for direnv).
  if (base === ".env" || base.startsWith(".env.")) return "env";
  return undefined;
}
