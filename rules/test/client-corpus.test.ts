// Realistic client and server app code (fixtures/client-corpus, stored as *.txt so tsc leaves them
// alone) scored against expected.json: every finding must land in an expected span and every
// expected span must be hit. Regenerate expected.json with `node build-expected.mjs` there.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { analyzeSource } from "../src/engine/linter.js";
import { DEFAULT_CONFIG } from "../src/engine/config.js";
import type { Rule } from "../src/engine/types.js";
import missingLoadingState from "../src/rules/missing-loading-state.js";
import unhandledFetch from "../src/rules/unhandled-fetch.js";
import uncheckedResponse from "../src/rules/unchecked-response.js";
import fetchWithoutTimeout from "../src/rules/fetch-without-timeout.js";
import emptyCatch from "../src/rules/empty-catch.js";

const rules: Rule[] = [missingLoadingState, unhandledFetch, uncheckedResponse, fetchWithoutTimeout, emptyCatch];
const root = path.resolve(__dirname, "../../../rules/test/fixtures/client-corpus");
const expected: { file: string; rule: string; lines: [number, number] }[] = JSON.parse(fs.readFileSync(path.join(root, "expected.json"), "utf8"));

const read = (rel: string): string | undefined => {
  for (const p of [rel + ".txt", rel]) {
    const abs = path.join(root, p);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return fs.readFileSync(abs, "utf8");
  }
  return undefined;
};

const fixtures = fs.readdirSync(root, { recursive: true }).map((f) => String(f).split(path.sep).join("/")).filter((f) => f.endsWith(".txt")).sort();

function analyze(rel: string) {
  const project = rel.split("/")[0];
  const pkg = JSON.parse(read(`${project}/package.json`) ?? "{}");
  const deps = new Set(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }));
  return analyzeSource(
    { fileName: path.join(root, rel), text: read(rel)!, relPath: rel },
    { rules, config: DEFAULT_CONFIG, workspace: { root, readFile: read, dependencies: deps } },
  );
}

test("client corpus: enough positives and files", () => {
  assert.ok(fixtures.length >= 12, `${fixtures.length} files`);
  assert.ok(expected.length >= 30, `${expected.length} expected findings`);
});

test("client corpus: expected.json matches the @expect markers", () => {
  const fromMarkers: typeof expected = [];
  for (const f of fixtures) {
    read(f.slice(0, -4))!.split("\n").forEach((text, i) => {
      const m = /@expect ([\w,+-]+)/.exec(text);
      for (const spec of m ? m[1].split(",") : []) {
        const [, rule, sign, n] = /^([a-z-]+?)(?:([+-])(\d+))?$/.exec(spec)!;
        const d = n ? Number(n) : 0;
        fromMarkers.push({ file: f.slice(0, -4), rule, lines: sign === "-" ? [i + 1 - d, i + 1] : [i + 1, i + 1 + d] });
      }
    });
  }
  const key = (e: (typeof expected)[number]) => `${e.file} ${e.rule} ${e.lines.join("-")}`;
  assert.deepEqual(fromMarkers.map(key).sort(), expected.map(key).sort());
});

for (const fixture of fixtures) {
  const rel = fixture.slice(0, -4);
  test(`client corpus: ${rel}`, () => {
    const r = analyze(rel);
    assert.deepEqual(r.ruleFailures, []);
    const mine = expected.filter((e) => e.file === rel);
    const inSpan = (rule: string, line: number) => (e: (typeof mine)[number]) => e.rule === rule && line >= e.lines[0] && line <= e.lines[1];
    const unexpected = r.findings.filter((f) => !mine.some(inSpan(f.ruleId, f.line))).map((f) => `${f.ruleId} ${f.line}: ${f.message}`);
    const missed = mine.filter((e) => !r.findings.some((f) => inSpan(f.ruleId, f.line)(e))).map((e) => `${e.rule} ${e.lines.join("-")}`);
    assert.deepEqual({ unexpected, missed }, { unexpected: [], missed: [] });
  });
}
