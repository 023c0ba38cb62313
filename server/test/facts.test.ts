import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildChecklist, DEFAULT_CONFIG } from "../../rules/src/index.js";
import { gitTrackedFiles, workspaceFacts, type FactsFile } from "../src/workspace/facts.js";
import { listWorkspaceFiles } from "../src/workspace/files.js";
import { makeWorkspace, removeWorkspace } from "./cli-harness.js";

const made: string[] = [];
after(() => made.forEach(removeWorkspace));
function workspace(files: Record<string, string>): string {
  const dir = makeWorkspace(files);
  made.push(dir);
  return dir;
}

async function factsOf(root: string, findings: Record<string, FactsFile["findings"]> = {}) {
  const files = await listWorkspaceFiles(root, DEFAULT_CONFIG);
  return workspaceFacts(root, files.map((f) => ({ ...f, findings: findings[f.relPath] ?? [] })));
}

const hasGit = spawnSync("git", ["--version"]).status === 0;
function git(cwd: string, ...args: string[]): void {
  const r = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
}

test("dependencies of every package.json the walker finds; node_modules and .gitignore'd ones never", async () => {
  const root = workspace({
    "package.json": JSON.stringify({ name: "mono", private: true, workspaces: ["apps/*"], devDependencies: { turbo: "1" } }),
    "apps/api/package.json": JSON.stringify({ dependencies: { express: "4", zod: "3" }, scripts: { build: "tsc", start: "node dist" } }),
    "apps/web/package.json": JSON.stringify({ dependencies: { next: "14" }, scripts: { build: "next build" } }),
    "apps/api/src/index.ts": "export {};\n",
    "node_modules/left-pad/package.json": JSON.stringify({ dependencies: { evil: "1" } }),
    "vendor/package.json": JSON.stringify({ dependencies: { ignored: "1" } }),
    ".gitignore": "vendor/\n",
    "broken/package.json": "{ not json",
  });
  const facts = await factsOf(root);
  assert.deepEqual([...facts.dependencies].sort(), ["express", "next", "turbo", "zod"]);
  assert.deepEqual(facts.sourceFiles, ["apps/api/src/index.ts"]);
  // The root has no build/start: the app package with both is the one deployed.
  assert.deepEqual(facts.scripts, { build: "tsc", start: "node dist" });
});

test("scripts: the root package.json when it builds or starts the app", async () => {
  const root = workspace({
    "package.json": JSON.stringify({ scripts: { build: "turbo build", start: "turbo start" } }),
    "apps/api/package.json": JSON.stringify({ scripts: { build: "tsc", start: "node dist" } }),
  });
  assert.deepEqual((await factsOf(root)).scripts, { build: "turbo build", start: "turbo start" });
  const none = workspace({ "src/a.ts": "" });
  assert.deepEqual((await factsOf(none)).scripts, {});
});

test("exists, listDir and readFile stay inside the root", async () => {
  const root = workspace({ "src/a.ts": "export const a = 1;\n", ".github/workflows/ci.yml": "run: npm test\n", "node_modules/x/index.js": "" });
  fs.writeFileSync(path.join(path.dirname(root), `outside-${path.basename(root)}.txt`), "secret");
  made.push(path.join(path.dirname(root), `outside-${path.basename(root)}.txt`));
  const facts = await factsOf(root);
  assert.equal(facts.exists("src/a.ts"), true);
  assert.equal(facts.exists("src"), true);
  assert.equal(facts.exists("nope.ts"), false);
  assert.equal(facts.exists(`../outside-${path.basename(root)}.txt`), false);
  assert.equal(facts.readFile(`../outside-${path.basename(root)}.txt`), undefined);
  assert.equal(facts.readFile("/etc/passwd"), undefined);
  assert.deepEqual(facts.listDir(""), [".github", "src"], "node_modules is never listed");
  assert.deepEqual(facts.listDir(".github/workflows"), ["ci.yml"]);
  assert.deepEqual(facts.listDir("missing"), []);
  assert.deepEqual(facts.listDir(".."), []);
  assert.equal(facts.readFile(".github/workflows/ci.yml"), "run: npm test\n");
});

test("findings of the scan become checklist findings with their severity", async () => {
  const root = workspace({ "src/a.ts": "", "package.json": "{}" });
  const facts = await factsOf(root, { "src/a.ts": [{ ruleId: "empty-catch", line: 4, message: "m", severity: "warning" }] });
  assert.deepEqual(facts.findings, [{ rule: "empty-catch", file: "src/a.ts", line: 4, message: "m", severity: "warning" }]);
  assert.equal(facts.gitTracked, undefined, "no git state unless asked for");
});

test("git: tracked files relative to the root, also below the repository top; undefined outside a repository", { skip: !hasGit && "git is not installed" }, async () => {
  const repo = workspace({ "app/.env": "A=1\n", "app/.env.local": "B=2\n", "app/src/a.ts": "", "other.txt": "" });
  git(repo, "init", "-q");
  git(repo, "add", "app/.env", "app/src/a.ts", "other.txt");
  git(repo, "commit", "-qm", "init");
  const top = await gitTrackedFiles(repo);
  assert.deepEqual([...(top ?? [])].sort(), ["app/.env", "app/src/a.ts", "other.txt"]);
  const sub = await gitTrackedFiles(path.join(repo, "app"));
  assert.deepEqual([...(sub ?? [])].sort(), [".env", "src/a.ts"]);

  const files = await listWorkspaceFiles(path.join(repo, "app"), DEFAULT_CONFIG);
  const facts = workspaceFacts(path.join(repo, "app"), files.map((f) => ({ ...f, findings: [] })), { tracked: sub });
  assert.equal(facts.gitTracked?.(".env"), true);
  assert.equal(facts.gitTracked?.(".env.local"), false);
  const c = buildChecklist(facts);
  const item = c.steps.flatMap((s) => s.items).find((i) => i.id === "secrets.env-not-tracked");
  assert.equal(item?.status, "fail");
  assert.match(item!.evidence, /\.env\b/);

  const plain = workspace({ "a.ts": "" });
  // A temp folder may sit inside a repository on some machines; only assert when it does not.
  const inRepo = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: plain }).status === 0;
  if (!inRepo) assert.equal(await gitTrackedFiles(plain), undefined);
});

test("git: a repository's own config cannot make Shipshape run a command (core.fsmonitor)", { skip: !hasGit && "git is not installed" }, async () => {
  const repo = workspace({ "a.ts": "" });
  git(repo, "init", "-q");
  git(repo, "add", "a.ts");
  const marker = path.join(repo, "pwned");
  git(repo, "config", "core.fsmonitor", `touch '${marker}'; false`);
  const tracked = await gitTrackedFiles(repo);
  assert.deepEqual([...(tracked ?? [])], ["a.ts"]);
  assert.equal(fs.existsSync(marker), false, "the fsmonitor hook ran");
});
