import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { cliBundle, CLEAN, EMPTY_CATCH, makeWorkspace, removeWorkspace, runCli } from "./cli-harness.js";

const ANSI = /\u001b\[/;
const made: string[] = [];
const workspace = (files: Record<string, string>) => {
  const dir = makeWorkspace(files);
  made.push(dir);
  return dir;
};
after(() => made.forEach(removeWorkspace));
before(() => cliBundle());

describe("exit codes", () => {
  test("0 on a clean workspace, with a summary", () => {
    const dir = workspace({ "src/a.ts": CLEAN, "package.json": "{}" });
    const r = runCli(["scan", dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^✔ No problems in 2 files, \d+\.\d s$/m);
  });

  test("0 when only warnings are found; text lists path:line:col, groups by file, no colour off a TTY", () => {
    const dir = workspace({ "src/a.ts": EMPTY_CATCH, "src/b.ts": CLEAN });
    const r = runCli(["scan"], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, ANSI);
    const lines = r.stdout.split("\n");
    assert.equal(lines[0], "src/a.ts");
    assert.match(lines[1], /^ {2}src\/a\.ts:4:5 {2}warning {2}Empty catch block: .+ {2}empty-catch$/);
    assert.match(r.stdout, /^✖ 1 problem \(0 errors, 1 warning, 0 info\) in 2 files, \d+\.\d s$/m);
    // No code frames: the source text never reaches the output (it could hold a secret).
    assert.doesNotMatch(r.stdout, /JSON\.parse/);
  });

  test("1 when an error-level finding remains", () => {
    const dir = workspace({ "a.ts": EMPTY_CATCH, "shipshape.json": '{ "rules": { "empty-catch": "error" } }' });
    const r = runCli(["scan", dir]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /1 problem \(1 error, 0 warnings, 0 info\)/);
  });

  test("--max-warnings: 1 when warnings exceed the limit, 0 at the limit", () => {
    const dir = workspace({ "a.ts": EMPTY_CATCH, "b.ts": EMPTY_CATCH });
    assert.equal(runCli(["scan", dir, "--max-warnings", "1"]).status, 1);
    assert.equal(runCli(["scan", dir, "--max-warnings=2"]).status, 0);
    assert.equal(runCli(["scan", dir, "--max-warnings", "0", "--quiet"]).status, 0, "--quiet drops warnings");
  });

  test("--quiet reports errors only", () => {
    const dir = workspace({ "a.ts": EMPTY_CATCH });
    const r = runCli(["scan", dir, "--quiet"]);
    assert.equal(r.status, 0);
    assert.doesNotMatch(r.stdout, /empty-catch/);
  });
});

describe("usage and configuration errors exit 2", () => {
  const cases: Array<[string[], RegExp]> = [
    [["scan", "--bogus"], /unknown option: --bogus/],
    [["scan", "--format", "xml"], /unknown format "xml"/],
    [["scan", "--format"], /missing value for --format/],
    [["scan", "--output"], /missing value for --output/],
    [["scan", "--max-warnings", "many"], /--max-warnings expects a whole number/],
    [["scan", "--fix=yes"], /--fix does not take a value/],
    [["lint"], /unknown command: lint/],
    [[], /missing command/],
    [["lsp", "--tcp"], /unknown option for lsp: --tcp/],
    [["lsp"], /lsp needs a transport: --stdio/],
  ];
  for (const [args, message] of cases) {
    test(`shipshape ${args.join(" ") || "(nothing)"}`, () => {
      const r = runCli(args);
      assert.equal(r.status, 2);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /usage: shipshape scan/);
      assert.equal(r.stdout, "");
    });
  }

  test("a path that does not exist", () => {
    const dir = workspace({ "a.ts": CLEAN });
    const r = runCli(["scan", "nope"], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no such file or directory: nope/);
  });

  test("malformed shipshape.json names file, line and column", () => {
    const dir = workspace({ "a.ts": EMPTY_CATCH, "shipshape.json": '{\n  "rules": {\n    "empty-catch": "loud"\n  }\n}\n' });
    const r = runCli(["scan"], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^shipshape\.json:3:20: rule "empty-catch": expected one of/m);
    assert.equal(r.stdout, "");
  });

  test("invalid JSON in shipshape.json", () => {
    const dir = workspace({ "a.ts": CLEAN, "shipshape.json": '{\n  "ignore": ["dist",\n}\n' });
    const r = runCli(["scan", dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /shipshape\.json:3:\d+: invalid JSON/);
  });
});

describe("--format json", () => {
  test("stable shape: version, root, files with findings, summary", () => {
    const dir = workspace({ "src/a.ts": EMPTY_CATCH, "src/b.ts": CLEAN, "big.js": "x".repeat(1024 * 1024 + 10) });
    const r = runCli(["scan", dir, "--format", "json"]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(report), ["version", "root", "files", "summary"]);
    assert.match(report.version, /^\d+\.\d+\.\d+/);
    assert.equal(report.root, dir);
    assert.deepEqual(report.files.map((f: { path: string }) => f.path), ["big.js", "src/a.ts", "src/b.ts"]);
    assert.match(report.files[0].skipped, /larger than 1024 KiB/);
    assert.deepEqual(report.files[1].findings, [{
      rule: "empty-catch",
      severity: "warning",
      message: report.files[1].findings[0].message,
      line: 4,
      column: 5,
      endLine: 4,
      endColumn: 17,
      fixable: true,
    }]);
    assert.deepEqual(report.files[2].findings, []);
    assert.deepEqual(report.summary, { errors: 0, warnings: 1, infos: 0, files: 3, skipped: 1, fixesApplied: 0 });
  });

  test("--output FILE writes the report there and nothing to stdout", () => {
    const dir = workspace({ "a.ts": EMPTY_CATCH });
    const out = path.join(dir, "reports", "shipshape.json.out");
    const r = runCli(["scan", dir, "-f", "json", "-o", out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "");
    assert.equal(JSON.parse(fs.readFileSync(out, "utf8")).summary.warnings, 1);
  });
});

describe("--fix", () => {
  test("applies safe fixes, writes the file, the finding is gone", () => {
    const dir = workspace({ "a.ts": EMPTY_CATCH, "b.ts": CLEAN, "shipshape.json": '{ "rules": { "empty-catch": "error" } }' });
    const cleanBefore = fs.statSync(path.join(dir, "b.ts")).mtimeMs;
    const r = runCli(["scan", dir, "--fix", "--format", "json"]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(report.summary.fixesApplied, 1);
    assert.equal(report.summary.errors, 0);
    const fixed = fs.readFileSync(path.join(dir, "a.ts"), "utf8");
    assert.notEqual(fixed, EMPTY_CATCH);
    assert.match(fixed, /catch \(e\) \{\n\s+console\.error\(/);
    assert.equal(fs.statSync(path.join(dir, "b.ts")).mtimeMs, cleanBefore, "unchanged files are not written");
    const again = runCli(["scan", dir]);
    assert.equal(again.status, 0);
    assert.match(again.stdout, /No problems/);
  });

  test("text output says how many fixes were applied", () => {
    const dir = workspace({ "a.ts": EMPTY_CATCH, "b.ts": EMPTY_CATCH });
    const r = runCli(["scan", dir, "--fix"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Applied 2 fixes in 2 files\./);
  });
});

describe("which files", () => {
  test(".gitignore (root and nested, with negation), node_modules and ignore globs are respected", () => {
    const dir = workspace({
      ".gitignore": "dist/\n*.gen.ts\n!keep.gen.ts\n/top-only.ts\n",
      "shipshape.json": '{ "ignore": ["legacy", "src/**/*.old.ts"] }',
      "src/a.ts": EMPTY_CATCH,
      "src/x.gen.ts": EMPTY_CATCH,
      "src/keep.gen.ts": EMPTY_CATCH,
      "src/top-only.ts": EMPTY_CATCH,
      "top-only.ts": EMPTY_CATCH,
      "src/b.old.ts": EMPTY_CATCH,
      "dist/bundle.js": EMPTY_CATCH,
      "legacy/c.ts": EMPTY_CATCH,
      "node_modules/lib/index.js": EMPTY_CATCH,
      "pkg/node_modules/lib/index.js": EMPTY_CATCH,
      "pkg/.gitignore": "generated\n",
      "pkg/generated/d.ts": EMPTY_CATCH,
      "pkg/e.ts": EMPTY_CATCH,
    });
    const r = runCli(["scan", dir, "--format", "json"]);
    const paths = JSON.parse(r.stdout).files.map((f: { path: string }) => f.path);
    assert.deepEqual(paths, ["pkg/e.ts", "src/a.ts", "src/keep.gen.ts", "src/top-only.ts"]);
  });

  test("an explicit file is scanned alone; paths stay relative to the root", () => {
    const dir = workspace({ "src/a.ts": EMPTY_CATCH, "src/b.ts": EMPTY_CATCH, "shipshape.json": "{}" });
    const r = runCli(["scan", "src/b.ts", "--format", "json"], { cwd: dir });
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.files.map((f: { path: string }) => f.path), ["src/b.ts"]);
    assert.equal(report.root, dir);
  });

  test("a subfolder of a configured workspace uses the root's configuration", () => {
    const dir = workspace({ "src/a.ts": EMPTY_CATCH, "shipshape.json": '{ "rules": { "empty-catch": "error" } }' });
    const r = runCli(["scan", "."], { cwd: path.join(dir, "src") });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^ {2}a\.ts:4:5 {2}error/m, "paths are shown relative to the current folder");
  });

  test("binary and oversized files are skipped, counted, and explained with --verbose", () => {
    const dir = workspace({ "a.ts": CLEAN, "bin.js": "abc\u0000def", "huge.ts": "// x\n".repeat(300_000) });
    const quiet = runCli(["scan", dir]);
    assert.match(quiet.stdout, /in 3 files \(2 skipped\)/);
    assert.doesNotMatch(quiet.stdout, /binary content/);
    const verbose = runCli(["scan", dir, "--verbose"]);
    assert.match(verbose.stdout, /bin\.js {2}binary content/);
    assert.match(verbose.stdout, /huge\.ts {2}larger than 1024 KiB/);
  });
});

describe("colour", () => {
  const files = { "a.ts": EMPTY_CATCH };
  test("FORCE_COLOR turns it on, NO_COLOR and pipes keep it off", () => {
    const dir = workspace(files);
    assert.match(runCli(["scan", dir], { env: { FORCE_COLOR: "1" } }).stdout, ANSI);
    assert.doesNotMatch(runCli(["scan", dir], { env: { NO_COLOR: "1" } }).stdout, ANSI);
    assert.doesNotMatch(runCli(["scan", dir], { env: { FORCE_COLOR: "1" } , }).stderr, ANSI);
    assert.doesNotMatch(runCli(["scan", dir, "--no-color"], { env: { FORCE_COLOR: "1" } }).stdout, ANSI);
    assert.doesNotMatch(runCli(["scan", dir, "-f", "json"], { env: { FORCE_COLOR: "1" } }).stdout, ANSI);
  });
});

describe("other commands and options", () => {
  test("--version and --help", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8"));
    const v = runCli(["--version"]);
    assert.equal(v.status, 0);
    assert.equal(v.stdout.trim(), pkg.version);
    const h = runCli(["--help"]);
    assert.equal(h.status, 0);
    assert.match(h.stdout, /--max-warnings N/);
    assert.equal(runCli(["scan", "--help"]).status, 0);
  });

  test("--timing prints per-rule time to stderr, leaving a JSON report parseable", () => {
    const dir = workspace({ "a.ts": EMPTY_CATCH });
    const r = runCli(["scan", dir, "--timing", "-f", "json"]);
    assert.doesNotThrow(() => JSON.parse(r.stdout));
    assert.match(r.stderr, /^Rule +\| Time \(ms\) \| Relative$/m);
    assert.match(r.stderr, /^empty-catch +\| +\d+\.\d{3} \| +\d+\.\d%$/m);
  });

  test("lsp --stdio loads the sibling server bundle; without it, exit 2", () => {
    const server = path.join(path.dirname(cliBundle()), "server.js");
    fs.rmSync(server, { force: true });
    const missing = runCli(["lsp", "--stdio"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /language server bundle is missing/);
    fs.writeFileSync(server, 'process.stdout.write("server started with " + process.argv.slice(2).join(" "));\n');
    try {
      const r = runCli(["lsp", "--stdio"]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, "server started with lsp --stdio");
    } finally {
      fs.rmSync(server, { force: true });
    }
  });

  test("the bin shim runs the built CLI when dist/ exists", { skip: !fs.existsSync(path.join(__dirname, "..", "..", "..", "dist", "cli.js")) && "dist/cli.js not built" }, () => {
    const { spawnSync } = require("node:child_process") as typeof import("node:child_process");
    const r = spawnSync(process.execPath, [path.join(__dirname, "..", "..", "..", "bin", "shipshape.js"), "--version"], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+/);
  });
});

describe("--format sarif", () => {
  test("locations relative to %SRCROOT%, rules with docs and steps", () => {
    const dir = workspace({ "src/my file.ts": EMPTY_CATCH, "shipshape.json": '{ "rules": { "empty-catch": "error" } }' });
    const r = runCli(["scan", dir, "--format", "sarif"]);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, "2.1.0");
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, "shipshape");
    assert.equal(run.originalUriBaseIds["%SRCROOT%"].uri, pathToFileURL(dir).href + "/");
    const rule = run.tool.driver.rules[run.results[0].ruleIndex];
    assert.equal(rule.id, "empty-catch");
    assert.match(rule.helpUri, /rules\/docs\/empty-catch\.md$/);
    assert.deepEqual(rule.properties.tags, ["errors"]);
    assert.equal(rule.defaultConfiguration.level, "warning");
    const result = run.results[0];
    assert.equal(result.level, "error");
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: "src/my%20file.ts", uriBaseId: "%SRCROOT%" },
      region: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 17 },
    });
  });
});

test("--exit-zero reports findings but exits 0; configuration errors still exit 2", () => {
  const dir = makeWorkspace({ "a.ts": "try { run(); } catch {}\n", "shipshape.json": JSON.stringify({ rules: { "empty-catch": "error" } }) });
  const r = runCli(["scan", dir, "--exit-zero"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /empty-catch/);
  fs.writeFileSync(path.join(dir, "shipshape.json"), "{ bad");
  assert.equal(runCli(["scan", dir, "--exit-zero"]).status, 2);
});
