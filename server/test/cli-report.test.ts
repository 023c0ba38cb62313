import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CLEAN, EMPTY_CATCH, makeWorkspace, removeWorkspace, runCli } from "./cli-harness.js";

const made: string[] = [];
after(() => made.forEach(removeWorkspace));
function workspace(files: Record<string, string>): string {
  const dir = makeWorkspace(files);
  made.push(dir);
  return dir;
}

const APP = {
  "package.json": JSON.stringify({ name: "app", scripts: { build: "tsc", start: "node dist/server.js" }, dependencies: { express: "4", zod: "3", pg: "8" } }),
  "src/server.ts": "import express from 'express';\nconst app = express();\napp.get('/health', (_req, res) => res.send('ok'));\n",
  "src/load.ts": EMPTY_CATCH,
  "migrations/001_init.sql": "create table t (id int);\n",
  ".gitignore": "node_modules\n.env*\n!.env.example\n",
  ".env.example": "DATABASE_URL=\n",
};

const STEP_IDS = ["structure", "secrets", "migrations", "auth", "validation", "errors", "deployment", "monitoring", "security", "loading"];
const STATUSES = ["pass", "warn", "fail", "manual", "n/a"];

test("report --format json follows the contract", () => {
  const dir = workspace(APP);
  const r = runCli(["report", "--format", "json"], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(json).sort(), ["score", "steps"]);
  assert.deepEqual(json.steps.map((s: { id: string }) => s.id), STEP_IDS);
  for (const s of json.steps) {
    assert.deepEqual(Object.keys(s).sort(), ["findings", "id", "items", "status", "title"]);
    assert.ok(STATUSES.includes(s.status), s.status);
    for (const i of s.items) {
      assert.deepEqual(Object.keys(i).sort(), ["evidence", "id", "status", "title"]);
      assert.ok(i.id.startsWith(`${s.id}.`), i.id);
      assert.ok(STATUSES.includes(i.status));
    }
    for (const f of s.findings) assert.deepEqual(Object.keys(f).sort(), ["file", "line", "message", "rule"]);
  }
  assert.deepEqual(Object.keys(json.score).sort(), ["passed", "total"]);
  const errors = json.steps.find((s: { id: string }) => s.id === "errors");
  assert.deepEqual(errors.findings.map((f: { file: string; line: number; rule: string }) => `${f.file}:${f.line} ${f.rule}`), ["src/load.ts:4 empty-catch"]);
  const item = (id: string) => json.steps.flatMap((s: { items: { id: string; status: string }[] }) => s.items).find((i: { id: string }) => i.id === id)?.status;
  assert.equal(item("migrations.system"), "pass");
  assert.equal(item("validation.library"), "pass");
  assert.equal(item("deployment.scripts"), "pass");
  assert.equal(item("monitoring.health"), "pass");
  assert.equal(item("secrets.env-example"), "pass");
  assert.equal(json.score.total, json.steps.filter((s: { status: string }) => s.status !== "n/a").length);
  assert.equal(json.score.passed, json.steps.filter((s: { status: string }) => s.status === "pass").length);
});

test("report: markdown by default, html on request, --output writes a file; findings do not fail it", () => {
  const dir = workspace(APP);
  const md = runCli(["report"], { cwd: dir });
  assert.equal(md.status, 0);
  assert.match(md.stdout, /^# Production readiness — .+: \d+\/\d+$/m);
  assert.match(md.stdout, /^## 6 Error handling and logging — /m);
  assert.match(md.stdout, /`src\/load\.ts:4` \*\*empty-catch\*\*/);

  const html = runCli(["report", "-f", "html", "--output", "out/report.html"], { cwd: dir });
  assert.equal(html.status, 0, html.stderr);
  assert.equal(html.stdout, "");
  const page = fs.readFileSync(path.join(dir, "out/report.html"), "utf8");
  assert.match(page, /^<!doctype html>/);
  assert.doesNotMatch(page, /<script/i);
  assert.match(page, /<code>src\/load\.ts:4<\/code>/);
});

test("report: usage and configuration errors exit 2", () => {
  const dir = workspace({ "a.ts": CLEAN });
  const bad = runCli(["report", "--format", "sarif"], { cwd: dir });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown report format "sarif"/);
  assert.match(bad.stderr, /shipshape report \[paths…\]/);
  assert.equal(runCli(["report", "--fix"], { cwd: dir }).status, 2);
  const broken = workspace({ "a.ts": CLEAN, "shipshape.json": "{ \"rules\": { \"empty-catch\": \"loud\" } }" });
  const r = runCli(["report"], { cwd: broken });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /shipshape\.json:1:/);
});

test("scan: text output ends with the readiness summary; json and sarif stay as they are", () => {
  const dir = workspace(APP);
  const text = runCli(["scan"], { cwd: dir });
  const lines = text.stdout.trimEnd().split("\n");
  const at = lines.findIndex((l) => /^Readiness \d+\/\d+$/.test(l));
  assert.ok(at > 0, text.stdout);
  assert.match(lines[at - 2], /problem/, "after the summary line");
  assert.ok(lines.slice(at + 1).every((l) => /^ {2}\S+ +(\d|\+)/.test(l)), lines.slice(at + 1).join("\n"));
  assert.ok(lines.some((l) => /Error handling and logging — 1 finding$/.test(l)));
  assert.doesNotThrow(() => JSON.parse(runCli(["scan", "-f", "json"], { cwd: dir }).stdout));
  assert.doesNotMatch(runCli(["scan", "-f", "sarif"], { cwd: dir }).stdout, /Readiness/);
  assert.equal(text.status, 0, "empty-catch is a warning");
  assert.doesNotMatch(runCli(["scan", "src/load.ts"], { cwd: dir }).stdout, /Readiness/, "not for single files");
  assert.doesNotMatch(runCli(["scan", "--quiet"], { cwd: dir }).stdout, /Readiness/);
});

test("help mentions report", () => {
  const r = runCli(["--help"]);
  assert.match(r.stdout, /report \[paths…\]/);
  assert.match(r.stdout, /--format markdown\|html\|json/);
});
