import { test } from "node:test";
import assert from "node:assert/strict";
import ts = require("typescript");
import { analyzeSource, analyzeTextFile, MAX_FILE_BYTES } from "../src/engine/linter.js";
import { parseSource, reparseSource } from "../src/engine/parse.js";
import { applyEdits, applyFixes } from "../src/engine/applyEdits.js";
import { fileKindOf } from "../src/engine/fileKinds.js";
import { DEFAULT_CONFIG } from "../src/engine/config.js";
import type { Rule, TextRule } from "../src/engine/types.js";
import emptyCatch from "../src/rules/empty-catch.js";

const throwing: Rule = {
  meta: { id: "boom", steps: ["structure"], severity: "error", description: "throws", fixable: false },
  create() {
    return { on: { [ts.SyntaxKind.Identifier]: () => { throw new Error("kaboom"); } } };
  },
};

const counting = (log: string[]): Rule => ({
  meta: { id: "count", steps: ["structure"], severity: "warning", description: "counts", fixable: false },
  create(ctx) {
    return {
      on: { [ts.SyntaxKind.CallExpression]: (n: ts.CallExpression) => log.push(`enter ${n.expression.getText()}`) },
      onExit: { [ts.SyntaxKind.CallExpression]: (n: ts.CallExpression) => log.push(`exit ${n.expression.getText()}`) },
      onEnd: () => { log.push(`end ${ctx.index.calls.length}`); ctx.report({ start: 0, end: 1, message: "m" }); },
    };
  },
});

test("one traversal: enter/exit in document order, index complete at onEnd", () => {
  const log: string[] = [];
  analyzeSource({ fileName: "a.ts", text: "f(g());\nh();" }, { rules: [counting(log)] });
  assert.deepEqual(log, ["enter f", "enter g", "exit g", "exit f", "enter h", "exit h", "end 3"]);
});

test("a throwing rule is recorded with its id and does not stop the others", () => {
  const r = analyzeSource({ fileName: "a.ts", text: "try { x() } catch {}" }, { rules: [throwing, emptyCatch] });
  assert.equal(r.ruleFailures.length, 1);
  assert.equal(r.ruleFailures[0].ruleId, "boom");
  assert.match(r.ruleFailures[0].message, /kaboom/);
  assert.deepEqual(r.findings.map((f) => f.ruleId), ["empty-catch"]);
});

test("severity comes from config; off disables the rule", () => {
  const text = "try { x() } catch {}";
  const asError = analyzeSource({ fileName: "a.ts", text }, { rules: [emptyCatch], config: { ...DEFAULT_CONFIG, rules: new Map([["empty-catch", "error"]]) } });
  assert.equal(asError.findings[0].severity, "error");
  const off = analyzeSource({ fileName: "a.ts", text }, { rules: [emptyCatch], config: { ...DEFAULT_CONFIG, rules: new Map([["empty-catch", "off"]]) } });
  assert.equal(off.findings.length, 0);
});

test("syntax errors mid-edit still yield findings for what parsed", () => {
  const r = analyzeSource({ fileName: "a.ts", text: "try { x() } catch (e) {}\nconst y = (;\nfunction (" }, { rules: [emptyCatch] });
  assert.ok(r.syntaxErrors > 0);
  assert.equal(r.findings.length, 1);
});

test("files over 1 MiB and binary files are skipped with a reason", () => {
  const big = analyzeSource({ fileName: "a.js", text: "x".repeat(MAX_FILE_BYTES + 1) }, { rules: [emptyCatch] });
  assert.match(big.skipped ?? "", /larger than 1024 KiB/);
  const bin = analyzeSource({ fileName: "a.js", text: "abc\u0000def" }, { rules: [emptyCatch] });
  assert.equal(bin.skipped, "binary content");
});

test("deep nesting: the traversal never overflows; what the parser cannot take is skipped with a reason", () => {
  const nested = (depth: number) => "const x = " + "[".repeat(depth) + "]".repeat(depth) + ";\ntry {} catch {}";
  const ok = analyzeSource({ fileName: "deep.ts", text: nested(500) }, { rules: [emptyCatch] });
  assert.equal(ok.findings.length, 1);
  const tooDeep = analyzeSource({ fileName: "deep.ts", text: nested(10_000) }, { rules: [emptyCatch] });
  assert.equal(tooDeep.skipped, "nested too deeply to parse");
  assert.deepEqual(tooDeep.findings, []);
});

test("incremental reparse gives the same tree as a full parse", () => {
  const v1 = "function a() {\n  try { x(); } catch (e) {}\n}\n";
  const sf1 = parseSource("a.ts", v1);
  const v2 = v1.replace("x();", "y(); z();");
  const start = v1.indexOf("x();");
  const sf2 = reparseSource(sf1, v2, [{ start, end: start + 4, newText: "y(); z();" }]);
  const full = parseSource("a.ts", v2);
  const dump = (sf: ts.SourceFile) => { const out: string[] = []; const walk = (n: ts.Node) => { out.push(`${ts.SyntaxKind[n.kind]}@${n.pos}-${n.end}`); ts.forEachChild(n, walk); }; walk(sf); return out.join(","); };
  assert.equal(dump(sf2), dump(full));
  // Several changes at once fall back to the common prefix/suffix range.
  const v3 = v2.replace("function a", "function b").replace("z();", "w();");
  const sf3 = reparseSource(sf2, v3, [{ start: 0, end: 1, newText: "" }, { start: 0, end: 0, newText: "" }]);
  assert.equal(dump(sf3), dump(parseSource("a.ts", v3)));
});

test("a handed-in tree is used as is (parse once per version)", () => {
  const sf = parseSource("a.ts", "try {} catch {}");
  const r = analyzeSource({ fileName: "a.ts", text: sf.text, sourceFile: sf }, { rules: [emptyCatch] });
  assert.equal(r.findings.length, 1);
});

test("text rules see .env files and honour # suppressions", () => {
  const envRule: TextRule = {
    meta: { id: "env-rule", steps: ["secrets"], severity: "error", description: "x", fixable: false, files: ["env"] },
    checkText(ctx) {
      for (const m of ctx.text.matchAll(/^BAD=/gm)) ctx.report({ start: m.index!, end: m.index! + 3, message: "bad" });
    },
  };
  const r = analyzeTextFile({ fileName: ".env", text: "OK=1\nBAD=2\n# shipshape-ignore-next-line env-rule\nBAD=3\n", kind: "env" }, { rules: [envRule] });
  assert.deepEqual(r.findings.map((f) => [f.line, f.column]), [[2, 1]]);
  const pkg = analyzeTextFile({ fileName: "package.json", text: "BAD=", kind: "package-json" }, { rules: [envRule] });
  assert.equal(pkg.findings.length, 0, "a rule only sees the file kinds it asks for");
});

test("one rule can visit source files and check the text of the other kinds it lists", () => {
  const both: Rule = {
    meta: { id: "both-rule", steps: ["secrets"], severity: "error", description: "x", fixable: false, files: ["source", "env"] },
    create(ctx) {
      return { onEnd: () => ctx.report({ start: 0, end: 1, message: "source" }) };
    },
    checkText(ctx) {
      ctx.report({ start: 0, end: 1, message: "text" });
    },
  };
  assert.deepEqual(analyzeSource({ fileName: "a.ts", text: "x;" }, { rules: [both] }).findings.map((f) => f.message), ["source"]);
  assert.deepEqual(analyzeTextFile({ fileName: ".env", text: "A=1", kind: "env" }, { rules: [both] }).findings.map((f) => f.message), ["text"]);
  assert.equal(analyzeTextFile({ fileName: "package.json", text: "{}", kind: "package-json" }, { rules: [both] }).findings.length, 0);
  const envOnly: Rule = { ...both, meta: { ...both.meta, files: ["env"] } };
  assert.equal(analyzeSource({ fileName: "a.ts", text: "x;" }, { rules: [envOnly] }).findings.length, 0, "a rule without \"source\" in files skips code");
});

test("applyEdits applies from the end and drops overlaps; applyFixes keeps whole fixes", () => {
  assert.deepEqual(applyEdits("abcdef", [{ start: 0, end: 1, newText: "X" }, { start: 4, end: 6, newText: "YZ!" }]), { text: "XbcdYZ!", skipped: 0 });
  assert.equal(applyEdits("abcdef", [{ start: 0, end: 3, newText: "1" }, { start: 2, end: 4, newText: "2" }]).skipped, 1);
  const r = applyFixes("abcdef", [
    { edits: [{ start: 0, end: 2, newText: "__" }] },
    { edits: [{ start: 1, end: 3, newText: "??" }, { start: 5, end: 6, newText: "!" }] },
    { edits: [{ file: ".env", start: 0, end: 0, newText: "A=1" }] },
  ]);
  assert.deepEqual(r, { text: "__cdef", applied: 1, skipped: 2 });
});

test("file kinds", () => {
  assert.equal(fileKindOf("src/a.tsx"), "source");
  assert.equal(fileKindOf("src/types.d.ts"), undefined);
  assert.equal(fileKindOf("/x/.env.local"), "env");
  assert.equal(fileKindOf(".envrc"), undefined);
  assert.equal(fileKindOf("a/package.json"), "package-json");
  assert.equal(fileKindOf("README.md"), undefined);
});

test("directives and imports are indexed (ESM and CommonJS)", () => {
  let seen: string[] = [];
  const probe: Rule = {
    meta: { id: "probe", steps: ["structure"], severity: "info", description: "x", fixable: false },
    create(ctx) {
      return { onEnd: () => { seen = [...ctx.index.directives, ...ctx.index.imports.map((b) => `${b.local}<-${b.module}:${b.imported}`)]; } };
    },
  };
  analyzeSource({ fileName: "a.ts", text: `"use server";\nimport z, { a as b } from "m";\nimport * as ns from "n";\nconst { c } = require("r");\nconst d = require("s");\n"not a directive";` }, { rules: [probe] });
  assert.deepEqual(seen, ["use server", "z<-m:default", "b<-m:a", "ns<-n:*", "c<-r:c", "d<-s:*"]);
});

test("a source rule may also read the text kinds it lists; it skips source when files omits it", () => {
  const seen: string[] = [];
  const hybrid: Rule = {
    meta: { id: "hybrid", steps: ["migrations"], severity: "warning", description: "x", fixable: false, files: ["source", "package-json"] },
    create(ctx) {
      return { onEnd: () => { seen.push(`source ${ctx.fileName}`); ctx.report({ start: 0, end: 1, message: "src" }); } };
    },
    checkText(ctx) {
      seen.push(`text ${ctx.fileName}`);
      ctx.report({ start: 0, end: 1, message: "pkg" });
    },
  };
  const textOnly: Rule = { ...hybrid, meta: { ...hybrid.meta, id: "text-only", files: ["package-json"] } };
  const src = analyzeSource({ fileName: "a.ts", text: "x;" }, { rules: [hybrid, textOnly] });
  assert.deepEqual(src.findings.map((f) => f.ruleId), ["hybrid"]);
  const pkg = analyzeTextFile({ fileName: "package.json", text: "{}", kind: "package-json" }, { rules: [hybrid, textOnly, emptyCatch] });
  assert.deepEqual(pkg.findings.map((f) => `${f.ruleId}:${f.message}`).sort(), ["hybrid:pkg", "text-only:pkg"]);
  const env = analyzeTextFile({ fileName: ".env", text: "A=1", kind: "env" }, { rules: [hybrid] });
  assert.equal(env.findings.length, 0);
  assert.deepEqual(seen, ["source a.ts", "text package.json", "text package.json"]);
});

test("a finding may raise its own severity unless the user configured the rule", () => {
  const grave: Rule = {
    meta: { id: "grave", steps: ["auth"], severity: "warning", description: "x", fixable: false, files: ["source", "package-json"] },
    create(ctx) {
      return { onEnd: () => { ctx.report({ start: 0, end: 1, message: "a" }); ctx.report({ start: 0, end: 1, message: "b", severity: "error" }); } };
    },
    checkText(ctx) { ctx.report({ start: 0, end: 1, message: "c", severity: "error" }); },
  };
  const byDefault = analyzeSource({ fileName: "a.ts", text: "x;" }, { rules: [grave] });
  assert.deepEqual(byDefault.findings.map((f) => `${f.message}:${f.severity}`), ["a:warning", "b:error"]);
  const configured = analyzeSource({ fileName: "a.ts", text: "x;" }, { rules: [grave], config: { ...DEFAULT_CONFIG, rules: new Map([["grave", "info"]]) } });
  assert.deepEqual(configured.findings.map((f) => `${f.message}:${f.severity}`), ["a:info", "b:info"]);
  const text = analyzeTextFile({ fileName: "package.json", text: "{}", kind: "package-json" }, { rules: [grave] });
  assert.equal(text.findings[0].severity, "error");
});
