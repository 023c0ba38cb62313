import { test } from "node:test";
import assert from "node:assert/strict";
import { applyFixes } from "../src/engine/applyEdits.js";
import { parseSource } from "../src/engine/parse.js";
import type { Rule } from "../src/engine/types.js";
import { run, type InvalidCase } from "./ruleTester.js";

const syntaxErrors = (file: string, text: string) => (parseSource(file, text) as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;

/**
 * Apply every finding's first fix (again, while fixes remain) and re-analyse: each fixed finding
 * must be gone, and the file must not gain syntax errors.
 */
export function fixesResolve(rule: Rule, cases: InvalidCase[]): void {
  for (const [i, c] of cases.entries()) {
    const findings = run(rule, c);
    if (!findings.some((f) => f.fixes.some((x) => x.edits.every((e) => e.file === undefined)))) continue;
    test(`${rule.meta.id} fix resolves ${c.name ?? `#${i + 1}`}`, () => {
      const file = c.filename ?? "x.ts";
      let code = c.code;
      for (let round = 0; round < 5; round++) {
        const current = run(rule, { ...c, code });
        const fixes = current.map((f) => f.fixes.find((x) => x.edits.every((e) => e.file === undefined))).filter((x) => x !== undefined);
        if (fixes.length === 0) break;
        const next = applyFixes(code, fixes).text;
        if (next === code) break;
        code = next;
      }
      assert.ok(syntaxErrors(file, code) <= syntaxErrors(file, c.code), `the fixes introduced syntax errors:\n${code}`);
      const left = run(rule, { ...c, code }).filter((f) => f.fixes.some((x) => x.edits.every((e) => e.file === undefined)));
      assert.deepEqual(left.map((f) => `${f.line}:${f.column} ${f.message}`), [], `findings left after fixing:\n${code}`);
    });
  }
}
