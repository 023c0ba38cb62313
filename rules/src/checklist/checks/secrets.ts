import type { Check, WorkspaceFacts } from "../types.js";
import { gitignoreIgnores, hasDependency } from "../detect.js";

const EXAMPLE_NAMES = [".env.example", ".env.sample", ".env.template", ".env.dist", ".env.defaults"];

function envFiles(facts: WorkspaceFacts): string[] {
  return facts.listDir("").filter((n) => (n === ".env" || n.startsWith(".env.")) && !EXAMPLE_NAMES.includes(n));
}

function usesEnv(facts: WorkspaceFacts): boolean {
  return envFiles(facts).length > 0 || facts.listDir("").some((n) => EXAMPLE_NAMES.includes(n)) || !!hasDependency(facts, ["dotenv", "@t3-oss/env-nextjs", "@t3-oss/env-core", "envalid", "next", "vite"]);
}

export const secretsChecks: Check[] = [
  (facts) => {
    if (!usesEnv(facts)) return undefined;
    const gitignore = facts.readFile(".gitignore");
    const ignored = gitignore !== undefined && gitignoreIgnores(gitignore, ".env") && gitignoreIgnores(gitignore, ".env.local");
    return {
      id: "secrets.env-ignored",
      title: ".env files are ignored by git",
      status: ignored ? "pass" : "fail",
      evidence: ignored ? ".gitignore covers .env and .env.local" : gitignore === undefined ? "no .gitignore at the workspace root" : ".gitignore does not cover .env / .env.local: add `.env*` (and `!.env.example`)",
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
    const example = EXAMPLE_NAMES.find((n) => facts.exists(n));
    return {
      id: "secrets.env-example",
      title: "An .env.example documents the variables",
      status: example ? "pass" : "warn",
      evidence: example ? `${example} present` : "no .env.example: add one listing every variable with an empty value, so a new machine knows what to set",
    };
  },
];
