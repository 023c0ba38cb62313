import { minimatch } from "minimatch";
import type { WorkspaceFacts } from "./types.js";

/** True when any of the named packages (or a package under a listed scope, "@sentry/") is a dependency. */
export function hasDependency(facts: WorkspaceFacts, names: readonly string[]): string | undefined {
  for (const n of names) {
    if (n.endsWith("/")) {
      for (const d of facts.dependencies) if (d.startsWith(n)) return d;
    } else if (facts.dependencies.has(n)) return n;
  }
  return undefined;
}

/** First existing path among candidates. */
export function firstExisting(facts: WorkspaceFacts, candidates: readonly string[]): string | undefined {
  return candidates.find((c) => facts.exists(c));
}

/** Source files whose path matches a predicate; bounded so a check never reads a whole monorepo. */
export function sourcesWhere(facts: WorkspaceFacts, test: (path: string) => boolean, max = 50): string[] {
  const out: string[] = [];
  for (const f of facts.sourceFiles) {
    if (test(f)) {
      out.push(f);
      if (out.length >= max) break;
    }
  }
  return out;
}

/** Does one of these files contain the pattern? Returns the first that does. */
export function fileContaining(facts: WorkspaceFacts, files: readonly string[], pattern: RegExp): string | undefined {
  return files.find((f) => pattern.test(facts.readFile(f) ?? ""));
}

/** The root and every package folder, shallowest first (where apps keep .env files, Dockerfiles …). */
export function projectDirs(facts: WorkspaceFacts): string[] {
  const dirs = new Set<string>(["", ...(facts.packageDirs ?? [])]);
  return [...dirs].sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.split("/").length - b.split("/").length || (a < b ? -1 : 1)));
}

/** `dir/name`, or `name` at the root. */
export const joinRel = (dir: string, name: string): string => (dir === "" ? name : `${dir}/${name}`);

/**
 * Would a .gitignore at `base` ("" = root) ignore the file at `relPath` (relative to the root)?
 * gitignore's common forms: a pattern without an inner slash matches the name at any depth, one
 * with a slash (or a leading one) is anchored to the .gitignore's folder.
 */
export function gitignoreIgnoresPath(gitignore: string, base: string, relPath: string): boolean {
  if (base !== "" && !relPath.startsWith(base + "/")) return false;
  const rel = base === "" ? relPath : relPath.slice(base.length + 1);
  const name = rel.slice(rel.lastIndexOf("/") + 1);
  let ignored = false;
  for (const raw of gitignore.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const negated = line.startsWith("!");
    let pattern = (negated ? line.slice(1) : line).replace(/\/$/, "");
    if (pattern.startsWith("**/")) pattern = pattern.slice(3);
    const anchored = pattern.includes("/");
    const hit = anchored ? minimatch(rel, pattern.replace(/^\//, ""), { dot: true }) : minimatch(name, pattern, { dot: true });
    if (hit) ignored = !negated;
  }
  return ignored;
}

/** Would a .gitignore text ignore a root-level file with this name? (gitignore's common forms.) */
export function gitignoreIgnores(gitignore: string, name: string): boolean {
  let ignored = false;
  for (const raw of gitignore.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const negated = line.startsWith("!");
    const pattern = (negated ? line.slice(1) : line).replace(/^\//, "").replace(/\/$/, "");
    // Root-level files only: an anchored or `**/` pattern reduces to its last part.
    if (minimatch(name, pattern.replace(/^\*\*\//, ""), { dot: true })) ignored = !negated;
  }
  return ignored;
}

export const DATABASE_PACKAGES = [
  "pg", "postgres", "mysql", "mysql2", "@prisma/client", "prisma", "typeorm", "sequelize", "drizzle-orm", "knex",
  "better-sqlite3", "sqlite3", "@supabase/supabase-js", "kysely", "@mikro-orm/core", "@neondatabase/serverless",
  "@planetscale/database", "@vercel/postgres", "@libsql/client", "objection",
];
export const DOCUMENT_DB_PACKAGES = ["mongoose", "mongodb", "@aws-sdk/client-dynamodb", "firebase-admin", "firebase"];
export const REACT_PACKAGES = ["react", "next", "preact", "@remix-run/react", "react-native", "expo"];
