import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { cliBundle, makeWorkspace, removeWorkspace, repoRoot, runCli } from "./cli-harness.js";
import { LspHarness } from "./lsp-harness.js";

/**
 * Nothing from the workspace is executed: no require of workspace files, no eval, no shell.
 * Checked in the sources (what we write) and at run time (what the bundles, libraries included,
 * actually do while scanning a workspace full of bait).
 */
const GUARD = path.join(repoRoot, "server", "test", "fixtures", "execution-guard.cjs");
const BAIT = "require('fs').writeFileSync(require('path').join(__dirname, 'EXECUTED-' + require('path').basename(__filename)), 'x');\n";

let workspace: string;
before(() => {
  workspace = makeWorkspace({
    "package.json": JSON.stringify({ name: "bait", main: "index.js", scripts: { postinstall: "node index.js", prepare: "node index.js" }, dependencies: { evil: "1" } }),
    "index.js": BAIT + "try { f(); } catch (e) {}\n",
    "shipshape.config.js": BAIT,
    "shipshape.config.mjs": BAIT,
    ".shipshaperc.js": BAIT,
    "eslint.config.js": BAIT,
    "next.config.js": BAIT,
    "node_modules/evil/index.js": BAIT,
    "node_modules/typescript/index.js": BAIT,
    "src/app.ts": "import evil from 'evil';\nimport './local';\nconst m = require('../index.js');\nexport const x = await import('./dyn.js');\ntry { evil(); } catch (e) {}\n",
    "src/local.ts": BAIT,
    "src/dyn.js": BAIT,
    ".env": "NODE_OPTIONS=--require ./index.js\n",
    "shipshape.json": JSON.stringify({ ignore: ["nothing-here/**"] }),
  });
});
after(() => removeWorkspace(workspace));

function executedMarkers(): string[] {
  return fs.readdirSync(workspace, { recursive: true }).map(String).filter((f) => path.basename(f).startsWith("EXECUTED-"));
}

function readGuard(file: string): { kind: string; detail: string }[] {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
}

function assertNothingFromWorkspace(events: { kind: string; detail: string }[], what: string): void {
  const fromWorkspace = events.filter((e) => e.kind === "module" && e.detail.startsWith(workspace));
  assert.deepEqual(fromWorkspace, [], `${what} loaded workspace modules`);
  assert.deepEqual(events.filter((e) => e.kind !== "module"), [], `${what} started processes or evaluated code`);
  assert.deepEqual(executedMarkers(), [], `${what} ran workspace code`);
  assert.ok(events.some((e) => e.kind === "module"), "the guard was active");
}

test("CLI scan (with --fix) of a workspace full of bait: no workspace module loaded, no process, no eval", () => {
  const guardLog = path.join(workspace, "..", `guard-cli-${process.pid}.log`);
  fs.rmSync(guardLog, { force: true });
  const r = spawnSync(process.execPath, ["--require", GUARD, cliBundle(), "scan", workspace, "--fix", "--format", "json"], {
    encoding: "utf8",
    env: { ...process.env, SHIPSHAPE_GUARD_LOG: guardLog, NODE_OPTIONS: "" },
  });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  assert.ok(JSON.parse(r.stdout), "a report was produced");
  assertNothingFromWorkspace(readGuard(guardLog), "the CLI");
  fs.rmSync(guardLog, { force: true });
});

test("language server on the same workspace: no workspace module loaded, no process, no eval", async () => {
  const guardLog = path.join(workspace, "..", `guard-lsp-${process.pid}.log`);
  fs.rmSync(guardLog, { force: true });
  const server = new LspHarness({ workspace, execArgv: ["--require", GUARD], env: { SHIPSHAPE_GUARD_LOG: guardLog }, settings: { scope: "workspace" } });
  await server.start();
  try {
    for (const rel of ["src/app.ts", "index.js", "package.json", ".env"]) {
      const uri = server.open(rel, fs.readFileSync(path.join(workspace, rel), "utf8"));
      await server.diagnosticsAt(uri, 1);
    }
  } finally {
    await server.stop();
  }
  assertNothingFromWorkspace(readGuard(guardLog), "the server");
  fs.rmSync(guardLog, { force: true });
});

test("our sources: no eval, no new Function, no shell; child processes only for git; require only of fixed paths", () => {
  const offenders: string[] = [];
  for (const pkg of ["rules/src", "server/src", "client/src"]) {
    for (const f of fs.readdirSync(path.join(repoRoot, pkg), { recursive: true }).map(String)) {
      if (!f.endsWith(".ts")) continue;
      const rel = `${pkg}/${f}`;
      const code = fs.readFileSync(path.join(repoRoot, rel), "utf8").replace(/^\s*(\/\/|\*).*$/gm, "");
      if (/(^|[^.\w])eval\s*\(/.test(code)) offenders.push(`${rel}: eval`);
      if (/new\s+Function\s*\(/.test(code)) offenders.push(`${rel}: new Function`);
      if (/child_process/.test(code)) {
        // A shell (exec, execSync, shell: true) is never allowed; spawn/execFile of git is.
        if (/\bexec(Sync)?\s*\(|shell\s*:\s*true/.test(code)) offenders.push(`${rel}: shell`);
        const calls = [...code.matchAll(/\b(spawn|spawnSync|execFile|execFileSync|fork)\s*\(\s*([^,)]*)/g)];
        for (const c of calls) if (c[2].trim() !== '"git"') offenders.push(`${rel}: ${c[1]}(${c[2].trim()})`);
      }
      // Text inside template literals is code a fix writes into the user's file, not code we run.
      const running = code.replace(/`(?:[^`\\]|\\.)*`/g, "``");
      for (const m of running.matchAll(/\brequire\s*\(\s*([^)]*)\)/g)) {
        if (!/^["'][^"']+["']$/.test(m[1].trim())) offenders.push(`${rel}: require(${m[1]})`);
      }
      for (const m of code.matchAll(/\bimport\s*\(\s*([^)]*)\)/g)) {
        if (!/^["'][^"']+["']$/.test(m[1].trim())) offenders.push(`${rel}: import(${m[1]})`);
      }
    }
  }
  // The one run-time load: `shipshape lsp` loads the server bundle next to its own file.
  const lsp = fs.readFileSync(path.join(repoRoot, "server/src/cli/lsp.ts"), "utf8");
  assert.match(lsp, /const server = path\.join\(__dirname, "server\.js"\);[\s\S]*load\(server\);/);
  assert.deepEqual(offenders, []);
});

test("configuration cannot point the scanner outside the workspace", () => {
  const outside = makeWorkspace({ "secret/a.ts": "try { f(); } catch (e) {}\n" });
  const dir = makeWorkspace({ "src/a.ts": "export const a = 1;\n", "shipshape.json": JSON.stringify({ ignore: ["../secret/**", "/etc/**"] }) });
  // A symlink from inside to outside is not followed either.
  fs.symlinkSync(path.join(outside, "secret"), path.join(dir, "src", "linked"));
  fs.symlinkSync(path.join(outside, "secret", "a.ts"), path.join(dir, "src", "linked-file.ts"));
  try {
    const bad = runCli(["scan", dir]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /shipshape\.json:\d+:\d+: "ignore": glob "\.\.\/secret\/\*\*" must be relative to the workspace root and stay inside it/);
    fs.writeFileSync(path.join(dir, "shipshape.json"), "{}");
    const r = runCli(["scan", dir, "--format", "json"]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.doesNotMatch(r.stdout, /secret\/a\.ts|linked/, JSON.stringify(report).slice(0, 500));
  } finally {
    removeWorkspace(outside);
    removeWorkspace(dir);
  }
});

test("production bundles (what the .vsix ships) reference no source map and carry no local path", async () => {
  const esbuild = await import("esbuild");
  // The options of `node esbuild.mjs --production` (scripts/package.mjs); a .map in the .vsix is refused by scripts/vsixContents.mjs.
  const script = fs.readFileSync(path.join(repoRoot, "esbuild.mjs"), "utf8");
  assert.match(script, /sourcemap: production \? false/);
  for (const entry of ["client/src/extension.ts", "server/src/main.ts", "server/src/cli/main.ts"]) {
    const r = esbuild.buildSync({ entryPoints: [path.join(repoRoot, entry)], bundle: true, platform: "node", format: "cjs", target: "node20", external: ["vscode"], minify: true, sourcemap: false, legalComments: "none", write: false });
    const text = r.outputFiles[0].text;
    assert.doesNotMatch(text, /^\/\/# sourceMappingURL=/m, `${entry}: a source map reference`);
    for (const local of [repoRoot, fs.realpathSync(repoRoot), process.env.HOME ?? "/nonexistent-home"]) assert.ok(!text.includes(local + "/"), `${entry} contains the local path ${local}`);
  }
});
