import { after, describe, mock, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Rule } from "../../rules/src/index.js";
import { bundle, makeWorkspace, removeWorkspace, writeFiles } from "./cli-harness.js";

// The shipped (bundled) form of the workspace layer.
const ws = require(bundle("server/src/workspace/index.ts", "workspace.js")) as typeof import("../src/workspace/index.js");
const noConfig = { rules: new Map(), ignore: [], secretsAllow: [], limits: { maxFileLines: 400, maxUnitsPerFile: 8 } };

const made: string[] = [];
const workspace = (files: Record<string, string>) => {
  const dir = makeWorkspace(files);
  made.push(dir);
  return dir;
};
after(() => made.forEach(removeWorkspace));

describe("gitignore semantics", () => {
  const ignored = (patterns: string, rel: string, isDir = false, base = "") => ws.isGitIgnored([ws.parseGitignore(patterns, base)], rel, isDir);

  test("a name without a slash matches at any depth; a slash anchors it", () => {
    assert.ok(ignored("secret.ts", "secret.ts"));
    assert.ok(ignored("secret.ts", "a/b/secret.ts"));
    assert.ok(ignored("/secret.ts", "secret.ts"));
    assert.ok(!ignored("/secret.ts", "a/secret.ts"));
    assert.ok(ignored("a/secret.ts", "a/secret.ts"));
    assert.ok(!ignored("a/secret.ts", "x/a/secret.ts"), "a middle slash anchors too");
    assert.ok(ignored("*.gen.ts", "src/deep/x.gen.ts"));
    assert.ok(!ignored("*.gen.ts", "src/x.gen.tsx"));
  });

  test("trailing slash matches folders only", () => {
    assert.ok(ignored("build/", "build", true));
    assert.ok(ignored("build/", "pkg/build", true));
    assert.ok(!ignored("build/", "build", false));
  });

  test("negation: the last matching pattern wins", () => {
    assert.ok(!ignored("*.js\n!keep.js", "keep.js"));
    assert.ok(ignored("*.js\n!keep.js", "other.js"));
    assert.ok(ignored("!keep.js\n*.js", "keep.js"), "a later pattern overrides the negation");
  });

  test("** spans folders", () => {
    assert.ok(ignored("**/fixtures", "fixtures", true));
    assert.ok(ignored("**/fixtures", "a/b/fixtures", true));
    assert.ok(ignored("docs/**/*.md", "docs/a/b/x.md"));
    assert.ok(ignored("docs/**/*.md", "docs/x.md"));
    assert.ok(ignored("logs/**", "logs/today.log"));
    assert.ok(!ignored("logs/**", "logs", true), "`x/**` matches inside x, not x itself");
  });

  test("comments, blank lines, escapes and trailing spaces", () => {
    assert.ok(!ignored("# a.ts\n\n", "a.ts"));
    assert.ok(ignored("\\#a.ts", "#a.ts"));
    assert.ok(ignored("\\!a.ts", "!a.ts"));
    assert.ok(ignored("a.ts   ", "a.ts"));
    assert.ok(ignored("*.ts\r\n", "a.ts"), "CRLF files");
  });

  test("rules answered from their literal text agree with minimatch, and most never reach it", () => {
    const patterns = ["node_modules", ".env", "*.pem", ".env*.local", ".pnpm-debug.log*", "apps/web/scripts/fix.ts", "packages/x/.build/*", "**/playwright/.auth", "a/**/b", "a/**", "**/a", "x?y", "[ab].ts", "*.{js,ts}", "+(a|b)", "./a.ts", "a//b", "a#x", "\\*x", "*", "**", "a*b*c", "dist"];
    const subjects = ["node_modules", ".env", "x.pem", ".pem", "pem", ".env.local", ".env.prod.local", ".envlocal", ".pnpm-debug.log", ".pnpm-debug.log.1", "apps/web/scripts/fix.ts", "apps/web/scripts/fix.tsx", "packages/x/.build/y", "packages/x/.build", "playwright/.auth", "e2e/playwright/.auth", "a/b", "a/x/y/b", "a", "b/a", "xzy", "xy", "a.ts", "c.ts", "x.js", "abc", "aXbYc", "ab", "dist", "distx", "#x", "*x", ""];
    for (const p of patterns) {
      const [rule] = ws.parseGitignore(p, "").rules;
      for (const subject of subjects) assert.equal(rule.test(subject), rule.matcher.match(subject), `${p} on ${JSON.stringify(subject)}`);
    }
    const file = ws.parseGitignore("node_modules\n.env\n*.pem\n.env*.local\n/out\n", "");
    const calls = file.rules.map((r) => mock.method(r.matcher, "match"));
    for (const rel of ["src/app/page.tsx", "src/lib/api.ts", "README.md", "out", "x.pem"]) ws.isGitIgnored([file], rel, false);
    assert.equal(calls.reduce((n, c) => n + c.mock.callCount(), 0), 1, "only x.pem, to confirm *.pem");
  });

  test("a nested .gitignore applies below its folder, after its parents", () => {
    const stack = [ws.parseGitignore("*.log\n", ""), ws.parseGitignore("!keep.log\n/local.ts\n", "pkg")];
    assert.ok(ws.isGitIgnored(stack, "a.log", false));
    assert.ok(!ws.isGitIgnored(stack, "pkg/keep.log", false));
    assert.ok(ws.isGitIgnored(stack, "keep.log", false), "the nested negation does not reach above its folder");
    assert.ok(ws.isGitIgnored(stack, "pkg/local.ts", false));
    assert.ok(!ws.isGitIgnored(stack, "pkg/sub/local.ts", false), "anchored to pkg/");
    assert.ok(!ws.isGitIgnored(stack, "local.ts", false));
  });
});

describe("listWorkspaceFiles", () => {
  test("sorted, only files Shipshape reads, .gitignore and ignore globs, no node_modules/.git", async () => {
    const dir = workspace({
      ".gitignore": "coverage/\n",
      ".git/info/exclude": "scratch.ts\n",
      ".git/hooks/pre-commit.js": "",
      "b.ts": "", "a.tsx": "", "A.ts": "", "types.d.ts": "", "README.md": "", ".env": "", ".env.local": "", ".envrc": "",
      "scratch.ts": "",
      "package.json": "{}",
      "coverage/x.js": "",
      "node_modules/x/index.js": "",
      "src/node_modules/y.js": "",
      "src/legacy/old.ts": "",
      "src/z.mjs": "",
    });
    const files = await ws.listWorkspaceFiles(dir, { ...noConfig, ignore: ["legacy"] });
    assert.deepEqual(files.map((f) => `${f.relPath}:${f.kind}`), [
      ".env:env", ".env.local:env", "A.ts:source", "a.tsx:source", "b.ts:source", "package.json:package-json", "src/z.mjs:source",
    ]);
  });

  test("include limits the walk but the root .gitignore still applies", async () => {
    const dir = workspace({ ".gitignore": "*.gen.ts\n", "src/a.ts": "", "src/b.gen.ts": "", "other/c.ts": "" });
    const files = await ws.listWorkspaceFiles(dir, noConfig, { include: ["src"] });
    assert.deepEqual(files.map((f) => f.relPath), ["src/a.ts"]);
  });

  test("a folder named explicitly is walked even inside node_modules or a gitignored folder", async () => {
    const dir = workspace({ ".gitignore": "vendor/\n", "node_modules/lib/a.js": "", "node_modules/lib/node_modules/b.js": "", "vendor/c.ts": "", "d.ts": "" });
    const files = await ws.listWorkspaceFiles(dir, noConfig, { include: ["node_modules/lib", "vendor"] });
    assert.deepEqual(files.map((f) => f.relPath), ["node_modules/lib/a.js", "vendor/c.ts"]);
    const notes: string[] = [];
    await ws.listWorkspaceFiles(dir, { ...noConfig, ignore: ["vendor"] }, { include: ["vendor"], onNote: (n) => notes.push(n.message) });
    assert.deepEqual(notes, ['ignored by "ignore" in shipshape.json']);
  });

  test("symlinked folders are not followed (no loop); symlinked files inside the root are", async () => {
    const dir = workspace({ "src/a.ts": "", "outside/secret.ts": "" });
    const inner = path.join(dir, "project");
    fs.mkdirSync(inner);
    fs.renameSync(path.join(dir, "src"), path.join(inner, "src"));
    fs.symlinkSync(inner, path.join(inner, "src", "loop"));
    fs.symlinkSync(path.join(inner, "src", "a.ts"), path.join(inner, "alias.ts"));
    fs.symlinkSync(path.join(dir, "outside", "secret.ts"), path.join(inner, "escape.ts"));
    fs.symlinkSync(path.join(inner, "missing.ts"), path.join(inner, "dangling.ts"));
    for (const sync of [false, true]) {
      const notes: string[] = [];
      const files = await ws.listWorkspaceFiles(inner, noConfig, { sync, onNote: (n) => notes.push(`${n.relPath}: ${n.message}`) });
      assert.deepEqual(files.map((f) => f.relPath), ["alias.ts", "src/a.ts"], `sync: ${sync}`);
      assert.deepEqual(notes, ["src/loop: symlinked folder not followed"], `sync: ${sync}`);
    }
  });

  test("a folder that vanishes mid-walk is a note, not a crash", async () => {
    const dir = workspace({ "a/1.ts": "", "b/2.ts": "", "c/3.ts": "" });
    const notes: string[] = [];
    const files = await ws.listWorkspaceFiles(dir, noConfig, {
      onFile: (f) => { if (f.relPath === "a/1.ts") fs.rmSync(path.join(dir, "b"), { recursive: true }); },
      onNote: (n) => notes.push(`${n.relPath}: ${n.message}`),
    });
    assert.deepEqual(files.map((f) => f.relPath), ["a/1.ts", "c/3.ts"]);
    assert.deepEqual(notes, ["b: folder skipped: it no longer exists"]);
  });

  test("sync: the same files and notes, folders read without the thread pool", async () => {
    const dir = workspace({ ".gitignore": "gen/\n", "a/1.ts": "", "a/gen/x.ts": "", "b/2.tsx": "", "node_modules/m/i.js": "", ".env": "A=1\n" });
    const run = async (sync: boolean) => {
      const notes: string[] = [];
      const folders: string[] = [];
      const files = await ws.listWorkspaceFiles(dir, noConfig, { sync, onNote: (n) => notes.push(n.message), onFolder: (d) => folders.push(d) });
      return { files, notes, folders };
    };
    // Not fs.promises at all: loading it cost a CLI start some 5 ms.
    const asyncCalls = (["readdir", "readFile", "realpath", "stat"] as const).map((name) => mock.method(fs.promises, name));
    const calls = () => asyncCalls.reduce((n, m) => n + m.mock.callCount(), 0);
    try {
      const walked = await run(true);
      assert.equal(calls(), 0);
      assert.deepEqual(walked, await run(false));
      assert.ok(asyncCalls[0].mock.callCount() > 0 && asyncCalls[1].mock.callCount() > 0 && asyncCalls[2].mock.callCount() > 0);
    } finally {
      for (const m of asyncCalls) m.mock.restore();
    }
  });

  test("an aborted signal stops the walk", async () => {
    const dir = workspace({ "a.ts": "" });
    await assert.rejects(ws.listWorkspaceFiles(dir, noConfig, { signal: AbortSignal.abort() }), { name: "AbortError" });
  });
});

describe("WorkspaceFiles (the engine's view)", () => {
  test("reads stay inside the root", () => {
    const dir = workspace({ "app/.env": "A=1\n", "secret.txt": "outside" });
    // Made before the first read: the folder listing read then must not be what refuses it.
    fs.symlinkSync(path.join(dir, "secret.txt"), path.join(dir, "app", "link.txt"));
    const files = new ws.WorkspaceFiles(path.join(dir, "app"));
    assert.equal(files.readFile(".env"), "A=1\n");
    assert.equal(files.readFile("./.env"), "A=1\n");
    assert.equal(files.readFile("../secret.txt"), undefined);
    assert.equal(files.readFile("x/../../secret.txt"), undefined);
    assert.equal(files.readFile(path.join(dir, "secret.txt")), undefined);
    assert.equal(files.readFile("missing"), undefined);
    assert.equal(files.readFile("link.txt"), undefined, "a symlink out of the root is refused");
    assert.equal(files.resolve("../x"), undefined);
  });

  test("invalidate sees files and folders created or deleted since", () => {
    const dir = workspace({ "src/a.ts": "export const a = 1;\n" });
    const files = new ws.WorkspaceFiles(dir);
    assert.equal(files.readFile("src/b.ts"), undefined);
    assert.equal(files.readFile("src/lib/c.ts"), undefined);
    assert.equal(files.readFile("src/a.ts/x.ts"), undefined, "a file is not a folder");
    fs.writeFileSync(path.join(dir, "src/b.ts"), "export const b = 2;\n");
    fs.mkdirSync(path.join(dir, "src/lib"));
    fs.writeFileSync(path.join(dir, "src/lib/c.ts"), "export const c = 3;\n");
    assert.equal(files.readFile("src/b.ts"), undefined, "cached until invalidated");
    files.invalidate("src/b.ts");
    files.invalidate("src/lib/c.ts");
    assert.equal(files.readFile("src/b.ts"), "export const b = 2;\n");
    assert.equal(files.readFile("src/lib/c.ts"), "export const c = 3;\n", "a new folder under a listed one");
    fs.rmSync(path.join(dir, "src/b.ts"));
    files.invalidate("src/b.ts");
    assert.equal(files.readFile("src/b.ts"), undefined, "deleted");
    assert.equal(files.readFile("src/a.ts"), "export const a = 1;\n");
  });

  test("dependencies come from the nearest package.json up to the root", () => {
    const dir = workspace({
      "package.json": JSON.stringify({ dependencies: { express: "4" } }),
      "web/package.json": JSON.stringify({ dependencies: { react: "18" }, devDependencies: { typescript: "5" } }),
      "broken/package.json": "{ nope",
    });
    const files = new ws.WorkspaceFiles(dir);
    assert.deepEqual([...files.dependenciesFor("web/app/page.tsx")!].sort(), ["react", "typescript"]);
    assert.deepEqual([...files.dependenciesFor("api/src/server.ts")!], ["express"]);
    assert.equal(files.dependenciesFor("broken/x.ts"), undefined);
    assert.equal(files.viewFor("web/a.ts").root, dir);
  });
});

describe("scanWorkspace", () => {
  const empty = "try { f(); } catch (e) {}\n";

  test("a file that vanishes or becomes unreadable during the scan is skipped with the reason", async () => {
    const dir = workspace({ "a.ts": empty, "b.ts": empty, "c.ts": empty });
    const result = await ws.scanWorkspace(dir, {
      onFile: (f) => { if (f.relPath === "a.ts") fs.rmSync(path.join(dir, "b.ts")); },
    });
    assert.deepEqual(result.files.map((f) => [f.relPath, f.skipped, f.findings.length]), [
      ["a.ts", undefined, 1],
      ["b.ts", "could not be read: it no longer exists", 0],
      ["c.ts", undefined, 1],
    ]);
  });

  test("fixes: in-file and safe edits to other files inside the root; never outside it", async () => {
    const outside = workspace({ "victim.txt": "keep" });
    const dir = workspace({ "src/a.ts": "const key = 'abc';\n", ".env": "EXISTING=1\n" });
    let reported = 0;
    const rule: Rule = {
      meta: { id: "test-move", steps: ["secrets"], severity: "error", description: "test", fixable: true },
      create(ctx) {
        return {
          onEnd() {
            const at = ctx.text.indexOf("'abc'");
            if (at < 0) return;
            reported++;
            ctx.report({
              start: at,
              end: at + 5,
              message: "literal",
              fixes: [
                { title: "escape", safe: true, preferred: true, edits: [{ start: 0, end: 0, newText: "x" }, { file: "../" + path.basename(outside) + "/victim.txt", start: 0, end: 4, newText: "gone" }] },
                { title: "move", safe: true, edits: [{ start: at, end: at + 5, newText: "process.env.KEY" }, { file: ".env", start: 11, end: 11, newText: "KEY=abc\n" }, { file: "new/.env.example", start: 0, end: 0, newText: "KEY=\n" }] },
              ],
            });
          },
        };
      },
    };
    const result = await ws.scanWorkspace(dir, { rules: [rule], fix: true });
    assert.equal(result.fixesApplied, 1);
    assert.equal(fs.readFileSync(path.join(dir, "src/a.ts"), "utf8"), "const key = process.env.KEY;\n");
    assert.equal(fs.readFileSync(path.join(dir, ".env"), "utf8"), "EXISTING=1\nKEY=abc\n");
    assert.equal(fs.readFileSync(path.join(dir, "new/.env.example"), "utf8"), "KEY=\n");
    assert.equal(fs.readFileSync(path.join(outside, "victim.txt"), "utf8"), "keep");
    assert.deepEqual(result.filesWritten, [".env", "new/.env.example", "src/a.ts"]);
    assert.deepEqual(result.files.find((f) => f.relPath === "src/a.ts")!.findings, []);
    assert.equal(reported, 1, "analysed again after the fix, the finding is gone");
  });

  test("a fix that would break the parse is not applied", async () => {
    const dir = workspace({ "a.ts": "export const a = 1;\n" });
    const rule: Rule = {
      meta: { id: "test-break", steps: ["structure"], severity: "warning", description: "test", fixable: true },
      create(ctx) {
        return { onEnd: () => ctx.report({ start: 0, end: 6, message: "m", fixes: [{ title: "break", safe: true, edits: [{ start: 0, end: 0, newText: "{{{ " }] }] }) };
      },
    };
    const result = await ws.scanWorkspace(dir, { rules: [rule], fix: true });
    assert.equal(result.fixesApplied, 0);
    assert.equal(fs.readFileSync(path.join(dir, "a.ts"), "utf8"), "export const a = 1;\n");
  });

  test("explicit files and folders; files named twice are scanned once, in path order", async () => {
    const dir = workspace({ "z.ts": empty, "src/b.ts": empty, "src/a.ts": empty, "notes.txt": "" });
    const result = await ws.scanWorkspace(dir, { paths: ["z.ts", "src", "src/a.ts", path.join(dir, "notes.txt")] });
    assert.deepEqual(result.files.map((f) => f.relPath), ["src/a.ts", "src/b.ts", "z.ts"]);
    assert.deepEqual(result.notes, [{ relPath: "notes.txt", message: "not a file Shipshape analyses" }]);
  });

  test("timings are summed per rule when asked for", async () => {
    const dir = workspace({ "a.ts": empty, "b.ts": empty });
    const result = await ws.scanWorkspace(dir, { timing: true });
    assert.ok(result.timings && typeof result.timings["empty-catch"] === "number");
    writeFiles(dir, { "c.ts": empty });
    assert.equal((await ws.scanWorkspace(dir)).timings, undefined);
  });
});
