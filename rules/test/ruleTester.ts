import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeSource } from "../src/engine/linter.js";
import { applyFixes } from "../src/engine/applyEdits.js";
import { parseSource } from "../src/engine/parse.js";
import { DEFAULT_CONFIG, type ResolvedConfig } from "../src/engine/config.js";
import type { Finding, Rule, WorkspaceView } from "../src/engine/types.js";

export interface ValidCase {
  code: string;
  filename?: string;
  name?: string;
  config?: Partial<ResolvedConfig>;
  /** Other files of the workspace, by relative path. */
  files?: Record<string, string>;
  dependencies?: string[];
}

export interface ExpectedError {
  /** Substring or pattern the message must match. */
  message?: string | RegExp;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[] | number;
  /** Text after applying each finding's first fix; `null` asserts no finding has a fix. */
  output?: string | null;
}

function workspaceOf(c: ValidCase): WorkspaceView {
  const files = c.files ?? {};
  return {
    root: "/workspace",
    readFile: (rel) => files[rel],
    dependencies: new Set(c.dependencies ?? []),
  };
}

export function run(rule: Rule, c: ValidCase): Finding[] {
  const fileName = c.filename ?? "/workspace/src/file.ts";
  const config: ResolvedConfig = { ...DEFAULT_CONFIG, ...c.config };
  const result = analyzeSource({ fileName, text: c.code, relPath: fileName.replace(/^\/workspace\//, "") }, { rules: [rule], config, workspace: workspaceOf(c) });
  assert.deepEqual(result.ruleFailures, [], `rule threw: ${JSON.stringify(result.ruleFailures)}`);
  return result.findings;
}

const label = (c: ValidCase, i: number) => c.name ?? `#${i + 1}: ${c.code.trim().split("\n")[0].slice(0, 70)}`;

/** RuleTester in the style of ESLint / typescript-eslint: valid and invalid cases side by side. */
export function ruleTester(rule: Rule, cases: { valid: (ValidCase | string)[]; invalid: InvalidCase[] }): void {
  const id = rule.meta.id;
  cases.valid.forEach((raw, i) => {
    const c = typeof raw === "string" ? { code: raw } : raw;
    test(`${id} valid ${label(c, i)}`, () => {
      const findings = run(rule, c);
      assert.deepEqual(
        findings.map((f) => `${f.line}:${f.column} ${f.message}`),
        [],
        "expected no finding",
      );
    });
  });
  cases.invalid.forEach((c, i) => {
    test(`${id} invalid ${label(c, i)}`, () => {
      const findings = run(rule, c);
      const expected: ExpectedError[] = typeof c.errors === "number" ? Array.from({ length: c.errors }, () => ({})) : c.errors;
      assert.equal(findings.length, expected.length, `expected ${expected.length} finding(s), got: ${findings.map((f) => `${f.line}:${f.column} ${f.message}`).join(" | ")}`);
      expected.forEach((e, k) => {
        const f = findings[k];
        assert.equal(f.ruleId, id);
        if (e.message !== undefined) {
          if (typeof e.message === "string") assert.ok(f.message.includes(e.message), `message "${f.message}" should contain "${e.message}"`);
          else assert.match(f.message, e.message);
        }
        if (e.line !== undefined) assert.equal(f.line, e.line, "line");
        if (e.column !== undefined) assert.equal(f.column, e.column, "column");
        if (e.endLine !== undefined) assert.equal(f.endLine, e.endLine, "endLine");
        if (e.endColumn !== undefined) assert.equal(f.endColumn, e.endColumn, "endColumn");
      });
      if (c.output === null) {
        assert.ok(findings.every((f) => f.fixes.length === 0), "expected no fix");
      } else if (c.output !== undefined) {
        const fixes = findings.filter((f) => f.fixes.length > 0).map((f) => f.fixes[0]);
        const fixed = applyFixes(c.code, fixes).text;
        assert.equal(fixed, c.output);
        // A fix must leave code that parses: no new syntax errors.
        const before = (parseSource(c.filename ?? "x.ts", c.code) as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
        const after = (parseSource(c.filename ?? "x.ts", fixed) as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
        assert.ok(after <= before, "the fix introduced syntax errors");
      }
    });
  });
}
