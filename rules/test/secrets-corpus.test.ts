// A labelled corpus of app code in many stacks (Node worker, NestJS, Expo, Vite, Next.js, seed
// scripts, tests, i18n, tailwind, analytics) with real-looking secrets and their look-alikes.
// Each fixture is stored with a `.txt` suffix so the compiler and the test runner leave it alone;
// the path under secrets-corpus/ minus `.txt` is the file's workspace path.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { analyzeSource, analyzeTextFile } from "../src/engine/linter.js";
import { DEFAULT_CONFIG } from "../src/engine/config.js";
import { allRules } from "../src/registry.js";

const corpusDir = path.resolve(__dirname, "..", "..", "..", "rules", "test", "fixtures", "secrets-corpus");
const ruleIds = new Set(["hardcoded-secret", "public-env-secret"]);
const rules = allRules.filter((r) => ruleIds.has(r.meta.id));

interface Expected { file: string; line: number; rule: string }
const expected: Expected[] = JSON.parse(fs.readFileSync(path.join(corpusDir, "expected.json"), "utf8")).findings;

function corpusFiles(): string[] {
  return (fs.readdirSync(corpusDir, { recursive: true }) as string[])
    .map((f) => String(f).split(path.sep).join("/"))
    .filter((f) => f !== "expected.json" && fs.statSync(path.join(corpusDir, f)).isFile())
    .sort();
}

function analyze(stored: string): Expected[] {
  const rel = stored.replace(/\.txt$/, "");
  const text = fs.readFileSync(path.join(corpusDir, stored), "utf8");
  const fileName = `/repo/${rel}`;
  const options = { rules, config: DEFAULT_CONFIG };
  const base = path.posix.basename(rel);
  const result = base.startsWith(".env")
    ? analyzeTextFile({ fileName, text, relPath: rel, kind: "env" }, options)
    : analyzeSource({ fileName, text, relPath: rel }, options);
  assert.deepEqual(result.ruleFailures, [], rel);
  return result.findings.map((f) => ({ file: rel, line: f.line, rule: f.ruleId }));
}

const files = corpusFiles();

test("secrets corpus: enough files, positives and negatives to mean something", () => {
  assert.ok(files.length >= 35, `${files.length} files`);
  assert.ok(expected.length >= 95, `${expected.length} positives`);
  const named = new Set(files.map((f) => f.replace(/\.txt$/, "")));
  for (const e of expected) assert.ok(named.has(e.file), `expected.json names a missing file ${e.file}`);
});

for (const stored of files) {
  const rel = stored.replace(/\.txt$/, "");
  test(`secrets corpus: ${rel}`, () => {
    const actual = analyze(stored);
    if (process.env.SECRETS_CORPUS_DUMP) console.log(JSON.stringify(actual));
    const want = expected.filter((e) => e.file === rel).sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
    const got = actual.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
    assert.deepEqual(got.map((f) => `${f.line} ${f.rule}`), want.map((f) => `${f.line} ${f.rule}`));
  });
}
