import type { Check, WorkspaceFacts } from "../types.js";
import { gitignoreIgnoresPath, hasDependency, joinRel, projectDirs } from "../detect.js";

const EXAMPLE_NAMES = [".env.example", ".env.sample", ".env.template", ".env.dist", ".env.defaults"];

/** Real env files (not examples) at the root and in every package folder, as workspace paths. */
function envFiles(facts: WorkspaceFacts): string[] {
  return projectDirs(facts).flatMap((dir) =>
    facts.listDir(dir).filter((n) => (n === ".env" || n.startsWith(".env.")) && !EXAMPLE_NAMES.includes(n)).map((n) => joinRel(dir, n)),
  );
}

function exampleFiles(facts: WorkspaceFacts): string[] {
  return projectDirs(facts).flatMap((dir) => facts.listDir(dir).filter((n) => EXAMPLE_NAMES.includes(n)).map((n) => joinRel(dir, n)));
}

function usesEnv(facts: WorkspaceFacts): boolean {
  return envFiles(facts).length > 0 || exampleFiles(facts).length > 0 || !!hasDependency(facts, ["dotenv", "@t3-oss/env-nextjs", "@t3-oss/env-core", "envalid", "next", "vite"]);
}

/** Ignored by the root .gitignore or by the one in the file's own folder (what git would say for the common forms). */
function ignored(facts: WorkspaceFacts, relPath: string): boolean {
  const dir = relPath.includes("/") ? relPath.slice(0, relPath.lastIndexOf("/")) : "";
  for (const base of dir === "" ? [""] : ["", dir]) {
    const text = facts.readFile(joinRel(base, ".gitignore"));
    if (text !== undefined && gitignoreIgnoresPath(text, base, relPath)) return true;
  }
  return false;
}

export const secretsChecks: Check[] = [
  (facts) => {
    if (!usesEnv(facts)) return undefined;
    // The files that exist, or — before anyone created one — the two every framework reads.
    const existing = envFiles(facts);
    const candidates = existing.length > 0 ? existing : [".env", ".env.local"];
    const exposed = candidates.filter((f) => !ignored(facts, f));
    const hasGitignore = facts.readFile(".gitignore") !== undefined || candidates.some((f) => f.includes("/") && facts.readFile(joinRel(f.slice(0, f.lastIndexOf("/")), ".gitignore")) !== undefined);
    return {
      id: "secrets.env-ignored",
      title: ".env files are ignored by git",
      status: exposed.length === 0 ? "pass" : "fail",
      evidence: exposed.length === 0
        ? `.gitignore covers ${candidates.join(", ")}`
        : !hasGitignore
          ? "no .gitignore at the workspace root: add one with `.env*` and `!.env.example`"
          : `.gitignore does not cover ${exposed.join(", ")}: add \`.env*\` (and \`!.env.example\`)`,
    };
  },
  (facts) => {
    const files = envFiles(facts);
    if (files.length === 0 || !facts.gitTracked) return undefined;
    const tracked = files.filter((f) => facts.gitTracked!(f) === true);
    if (tracked.length === 0 && files.every((f) => facts.gitTracked!(f) === undefined)) return undefined;
    return {
      id: "secrets.env-not-tracked",
      title: "No .env file is committed",
      status: tracked.length ? "fail" : "pass",
      evidence: tracked.length ? `tracked by git: ${tracked.join(", ")} — remove with \`git rm --cached\` and rotate the secrets it held` : `${files.join(", ")} not tracked by git`,
    };
  },
  (facts) => {
    if (!usesEnv(facts)) return undefined;
    const examples = exampleFiles(facts);
    return {
      id: "secrets.env-example",
      title: "An .env.example documents the variables",
      status: examples.length > 0 ? "pass" : "warn",
      evidence: examples.length > 0 ? `${examples.join(", ")} present` : "no .env.example: add one listing every variable with an empty value, so a new machine knows what to set",
    };
  },
];
