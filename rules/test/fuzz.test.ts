import { test } from "node:test";
import assert from "node:assert/strict";
import { allRules, analyzeSource } from "../src/index.js";
import { deepCases, oddCases } from "./fuzz/cases.js";
import { ENGINE_CASE_BOUND_MS, summary, type FuzzStats } from "./fuzz/engine.js";
import { runWatched } from "./fuzz/watchdog.js";

/**
 * Bad input gives a clear result, never a crash or a hang: a few thousand seeded cases here,
 * `npm run fuzz -- --cases 100000` for the long run. A failure prints the case to replay it.
 */
function assertClean(stats: FuzzStats): void {
  const shown = stats.problems.slice(0, 5).map((p) => `${p.kind} ${p.fileName}: ${p.problem}\n  input (first 300 chars): ${JSON.stringify(p.text.slice(0, 300))}`);
  assert.equal(stats.problems.length, 0, `${summary(stats)}\n${shown.join("\n")}`);
}

test("fuzz: mutated, truncated and typed-from-scratch sources, odd content — a result for every case, in time", async () => {
  // In a worker under a watchdog: a case that never returns fails the test instead of freezing it.
  const { stats, hung } = await runWatched({ seed: 1, mutations: 2500, prefixStep: 97, everyPrefixOf: 1, depth: 10_000 });
  assert.equal(hung, undefined, hung && `case ${hung.index} (${hung.kind} ${hung.fileName}) did not finish: ${JSON.stringify(hung.text.slice(-200))}`);
  console.log(summary(stats).replace(/^/gm, "# "));
  assertClean(stats);
  assert.ok(stats.cases >= 3000, `only ${stats.cases} cases`);
  assert.ok(stats.maxMs < ENGINE_CASE_BOUND_MS);
});

test("fuzz: 10,000 levels of nesting are skipped with a reason or analysed; chains are walked", () => {
  for (const c of deepCases(10_000)) {
    const r = analyzeSource({ fileName: c.fileName, text: c.text }, { rules: allRules });
    assert.deepEqual(r.ruleFailures, [], c.fileName);
    // Some chains parse (the parser loops) into a tree too deep to walk: skipped after parsing.
    if (r.skipped) assert.match(r.skipped, /^nested too deeply to (parse|analyse)$/, c.fileName);
  }
});

test("fuzz: wherever the stack runs out (in the walk, a rule, the index), the file is skipped, no rule is blamed", () => {
  // The same deep trees started from many stack depths, so the overflow lands in different frames.
  const cases = deepCases(10_000).filter((c) => c.kind === "chain" && !c.fileName.includes("elseif"));
  const nest = (depth: number, fn: () => void): void => (depth === 0 ? fn() : nest(depth - 1, fn));
  for (let depth = 0; depth <= 3000; depth += 75) {
    for (const c of cases) {
      nest(depth, () => {
        const r = analyzeSource({ fileName: c.fileName, text: c.text }, { rules: allRules });
        assert.deepEqual(r.ruleFailures, [], `${c.fileName} at stack depth ${depth}`);
        if (r.skipped) assert.match(r.skipped, /^nested too deeply to (parse|analyse)$/);
      });
    }
  }
});

test("fuzz: chains of realistic length (1,000 terms) are analysed, not skipped", () => {
  for (const c of deepCases(1000).filter((x) => x.kind === "chain")) {
    const r = analyzeSource({ fileName: c.fileName, text: c.text }, { rules: allRules });
    assert.equal(r.skipped, undefined, c.fileName);
    assert.deepEqual(r.ruleFailures, [], c.fileName);
  }
});

test("regression: an unterminated doc comment being typed at the end of a file does not hang the parser", async () => {
  // TypeScript 6.0's JSDoc parser loops forever on `/** a-bc` at the end of the text; found by the long fuzz run.
  const text = "export const x = 1;\n/** Fire-and-forget: errors are logged. */\n";
  const { stats, hung } = await runWatched({ seed: 1, mutations: 0, prefixStep: 1, everyPrefixOf: 0, depth: 0, extra: [{ fileName: "typed.ts", text }] }, 5000);
  assert.equal(hung, undefined, hung && `hung on ${JSON.stringify(hung.text.slice(-40))}`);
  assert.equal(stats.problems.length, 0);
});

test("fuzz: a 5 MB minified file is skipped before parsing, in milliseconds", () => {
  const [huge] = oddCases(1).filter((c) => c.fileName === "dist/bundle.min.js");
  assert.ok(huge.text.length >= 5 << 20);
  const t0 = performance.now();
  const r = analyzeSource({ fileName: huge.fileName, text: huge.text }, { rules: allRules });
  const ms = performance.now() - t0;
  assert.equal(r.skipped, "larger than 1024 KiB");
  assert.ok(ms < 50, `${ms} ms`);
});

test("fuzz: binary content is skipped; BOM, CRLF and replacement characters are analysed", () => {
  const cases = oddCases(3);
  const binary = cases.filter((c) => c.kind === "binary" && c.text.includes("\u0000"));
  assert.ok(binary.length > 0);
  for (const c of binary) assert.equal(analyzeSource({ fileName: c.fileName, text: c.text }, { rules: allRules }).skipped, "binary content");
  // UTF-16 has NUL bytes in ASCII text: binary, as git sees it.
  assert.equal(analyzeSource({ fileName: "a.ts", text: cases.find((c) => c.fileName === "enc/utf16.ts")!.text }, { rules: allRules }).skipped, "binary content");
  for (const c of cases.filter((x) => x.kind === "bom-crlf" || (x.kind === "encoding" && x.fileName !== "enc/utf16.ts"))) {
    const r = analyzeSource({ fileName: c.fileName, text: c.text }, { rules: allRules });
    assert.equal(r.skipped, undefined, c.fileName);
    assert.deepEqual(r.ruleFailures, []);
  }
});
