// Server-side rules over a hand-written corpus of small apps on several stacks (Koa, Hono, Fastify,
// NestJS, Next.js pages and app router, Express with controllers in their own files). Each fixture
// is stored with a `.txt` suffix so the compiler leaves it alone; `// expect rule[,rule] [+N]`
// comments mark the expected findings and expected.json (generated from them) is what is asserted.
// Every line without a marker is a look-alike the rules must leave alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { analyzeSource, analyzeTextFile } from "../src/engine/linter.js";
import { DEFAULT_CONFIG } from "../src/engine/config.js";
import type { Rule, WorkspaceView } from "../src/engine/types.js";
import unvalidatedInput from "../src/rules/unvalidated-input.js";
import missingAuth from "../src/rules/missing-auth.js";
import sqlInjection from "../src/rules/sql-injection.js";
import errorDetailsLeak from "../src/rules/error-details-leak.js";
import missingRateLimit from "../src/rules/missing-rate-limit.js";
import unboundedUpload from "../src/rules/unbounded-upload.js";
import insecureCookie from "../src/rules/insecure-cookie.js";
import jwtNoExpiry from "../src/rules/jwt-no-expiry.js";
import schemaSync from "../src/rules/schema-sync.js";

const rules: Rule[] = [unvalidatedInput, missingAuth, sqlInjection, errorDetailsLeak, missingRateLimit, unboundedUpload, insecureCookie, jwtNoExpiry, schemaSync];
const ruleIds = new Set(rules.map((r) => r.meta.id));

// Compiled to out/rules/test: the fixtures stay in the source tree.
const root = path.resolve(__dirname, "../../../rules/test/fixtures/server-corpus");

interface Expected { file: string; rule: string; lines: [number, number] }
const expected: Expected[] = JSON.parse(fs.readFileSync(path.join(root, "expected.json"), "utf8"));

function listFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else if (entry.name.endsWith(".txt")) out.push(rel.slice(0, -4));
    else if (entry.name === "package.json") out.push(rel);
  }
  return out;
}

function readRel(rel: string): string | undefined {
  for (const candidate of [rel, `${rel}.txt`]) {
    const p = path.join(root, candidate);
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return fs.readFileSync(p, "utf8");
  }
  return undefined;
}

function dependenciesOf(rel: string): Set<string> {
  const parts = rel.split("/");
  for (let i = parts.length - 1; i >= 0; i--) {
    const text = readRel([...parts.slice(0, i), "package.json"].join("/"));
    if (text) {
      const pkg = JSON.parse(text);
      return new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
    }
  }
  return new Set();
}

function analyze(rel: string) {
  const workspace: WorkspaceView = { root, readFile: readRel, dependencies: dependenciesOf(rel) };
  const options = { rules, config: DEFAULT_CONFIG, workspace };
  const input = { fileName: path.join(root, rel), text: readRel(rel)!, relPath: rel };
  return rel.endsWith("package.json") ? analyzeTextFile({ ...input, kind: "package-json" }, options) : analyzeSource(input, options);
}

const files = listFiles(root);

test("server corpus: enough files, positives and look-alikes to mean something", () => {
  assert.ok(files.length >= 14, `${files.length} files`);
  assert.ok(expected.length >= 45, `${expected.length} positives`);
  for (const e of expected) assert.ok(ruleIds.has(e.rule) && files.includes(e.file), JSON.stringify(e));
});

for (const rel of files) {
  test(`server corpus: ${rel}`, () => {
    const result = analyze(rel);
    assert.deepEqual(result.ruleFailures, []);
    const labels = expected.filter((e) => e.file === rel);
    const findings = result.findings.filter((f) => ruleIds.has(f.ruleId));
    const falsePositives = findings
      .filter((f) => !labels.some((l) => l.rule === f.ruleId && f.line >= l.lines[0] && f.line <= l.lines[1]))
      .map((f) => `${f.ruleId} ${f.line}: ${f.message}`);
    const missed = labels
      .filter((l) => !findings.some((f) => l.rule === f.ruleId && f.line >= l.lines[0] && f.line <= l.lines[1]))
      .map((l) => `${l.rule} ${l.lines.join("-")}`);
    assert.deepEqual({ falsePositives, missed }, { falsePositives: [], missed: [] });
  });
}
