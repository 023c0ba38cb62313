import { test } from "node:test";
import assert from "node:assert/strict";
import { allRules, analyzeSource, analyzeTextFile, applyEdits, parseSource, type Rule } from "../../rules/src/index.js";
import { ignoreFileEdit, ignoreLineEdit, inJsxChildren } from "../src/suppressionEdits.js";

const emptyCatch = allRules.find((r) => r.meta.id === "empty-catch") as Rule;

const apply = (text: string, e: { start: number; end: number; newText: string } | undefined) => {
  assert.ok(e, "an edit was expected");
  return applyEdits(text, [e]).text;
};
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split("\n").length - 1;
const findings = (fileName: string, text: string) => analyzeSource({ fileName, text }, { rules: [emptyCatch] }).findings;

test("ignore line: comment above with the line's indentation, and the finding goes away", () => {
  const text = "function f() {\n    try { g(); } catch (e) {}\n}\n";
  const tree = parseSource("a.ts", text);
  const out = apply(text, ignoreLineEdit(text, "source", tree, 1, "empty-catch"));
  assert.equal(out, "function f() {\n    // shipshape-ignore-next-line empty-catch -- reason\n    try { g(); } catch (e) {}\n}\n");
  assert.equal(findings("a.ts", text).length, 1);
  assert.equal(findings("a.ts", out).length, 0);
});

test("ignore line: tabs and CRLF are kept", () => {
  const text = "if (x) {\r\n\t\ttry { g(); } catch {}\r\n}\r\n";
  const out = apply(text, ignoreLineEdit(text, "source", parseSource("a.js", text), 1, "empty-catch"));
  assert.equal(out, "if (x) {\r\n\t\t// shipshape-ignore-next-line empty-catch -- reason\r\n\t\ttry { g(); } catch {}\r\n}\r\n");
});

test("ignore line: among JSX children the comment is {/* … */}, and it suppresses", () => {
  const text = [
    "export function A() {",
    "  return (",
    "    <div>",
    "      <button onClick={() => save().catch(() => {})}>Save</button>",
    "    </div>",
    "  );",
    "}",
    "",
  ].join("\n");
  const line = lineOf(text, "<button");
  const out = apply(text, ignoreLineEdit(text, "source", parseSource("a.tsx", text), line, "empty-catch"));
  assert.ok(out.includes("    <div>\n      {/* shipshape-ignore-next-line empty-catch -- reason */}\n      <button"), out);
  assert.equal(parseSource("a.tsx", out).statements.length, 1);
  assert.equal(findings("a.tsx", text).length, 1);
  assert.equal(findings("a.tsx", out).length, 0);
});

test("ignore line: JSX inside braces, parentheses or tag attributes takes //", () => {
  const text = [
    "const list = (",
    "  <ul>",
    "    {items.map((i) => (",
    "      <li key={i}>{i}</li>",
    "    ))}",
    "    <a",
    "      href={x}",
    "    >t</a>",
    "    text here",
    "  </ul>",
    ");",
  ].join("\n");
  const tree = parseSource("a.tsx", text);
  const at = (needle: string) => inJsxChildren(tree, text.indexOf(needle));
  assert.equal(at("<ul>"), false, "the root element sits in parentheses");
  assert.equal(at("{items"), true, "an expression container is a child");
  assert.equal(at("<li"), false, "inside the arrow's parentheses");
  assert.equal(at("href"), false, "between attributes");
  assert.equal(at("text here"), true, "JSX text");
  assert.equal(at("</ul>"), true, "before the closing tag");
  const out = apply(text, ignoreLineEdit(text, "source", tree, lineOf(text, "<li"), "empty-catch"));
  assert.ok(out.includes("    {items.map((i) => (\n      // shipshape-ignore-next-line empty-catch -- reason\n      <li"), out);
});

test("ignore line: refused where the line starts inside a multi-line template or string", () => {
  const text = "const q = `select *\n  from t where id = ${id}`;\nconst s = 'a\\\nb';\n";
  const tree = parseSource("a.ts", text);
  assert.equal(ignoreLineEdit(text, "source", tree, 1, "sql-injection"), undefined);
  assert.equal(ignoreLineEdit(text, "source", tree, 3, "hardcoded-secret"), undefined);
  assert.ok(ignoreLineEdit(text, "source", tree, 0, "sql-injection"), "the template's first line is fine");
});

test("ignore line: a rule joins an existing ignore comment on the line above", () => {
  const text = "  // shipshape-ignore-next-line oversized-file -- legacy\n  try { g(); } catch {}\n";
  const out = apply(text, ignoreLineEdit(text, "source", parseSource("a.ts", text), 1, "empty-catch"));
  assert.equal(out, "  // shipshape-ignore-next-line oversized-file, empty-catch -- legacy\n  try { g(); } catch {}\n");
  assert.equal(findings("a.ts", out).length, 0);
  assert.equal(ignoreLineEdit(out, "source", parseSource("a.ts", out), 1, "empty-catch"), undefined, "already listed");
});

test("ignore line: .env files use #, package.json gets no comment", () => {
  const text = "A=1\nSECRET=abc\n";
  assert.equal(apply(text, ignoreLineEdit(text, "env", undefined, 1, "hardcoded-secret")), "A=1\n# shipshape-ignore-next-line hardcoded-secret -- reason\nSECRET=abc\n");
  assert.equal(ignoreLineEdit("{}", "package-json", undefined, 0, "x"), undefined);
  assert.equal(ignoreFileEdit("{}", "package-json", undefined, "x"), undefined);
});

test("ignore file: at the top, after a shebang and the directive prologue", () => {
  const plain = "import x from 'y';\ntry { x(); } catch {}\n";
  assert.equal(apply(plain, ignoreFileEdit(plain, "source", parseSource("a.ts", plain), "empty-catch")), "// shipshape-ignore-file empty-catch\n" + plain);

  const shebang = "#!/usr/bin/env node\ntry { x(); } catch {}\n";
  assert.equal(
    apply(shebang, ignoreFileEdit(shebang, "source", parseSource("a.js", shebang), "empty-catch")),
    "#!/usr/bin/env node\n// shipshape-ignore-file empty-catch\ntry { x(); } catch {}\n",
  );

  const directives = "// header\n\"use client\";\n'use strict';\nimport a from 'a';\n";
  const out = apply(directives, ignoreFileEdit(directives, "source", parseSource("a.tsx", directives), "empty-catch"));
  assert.equal(out, "// header\n\"use client\";\n'use strict';\n// shipshape-ignore-file empty-catch\nimport a from 'a';\n");
  const reparsed = parseSource("a.tsx", out);
  assert.equal((reparsed.statements[0] as unknown as { expression: { text: string } }).expression.text, "use client", "the directive stays first");

  const onlyDirective = "\"use server\"";
  assert.equal(apply(onlyDirective, ignoreFileEdit(onlyDirective, "source", parseSource("a.ts", onlyDirective), "x")), "\"use server\"\n// shipshape-ignore-file x\n");
});

test("ignore file: suppresses the rule everywhere, joins an existing comment, # in .env", () => {
  const text = "\"use client\";\ntry { a(); } catch {}\ntry { b(); } catch {}\n";
  const out = apply(text, ignoreFileEdit(text, "source", parseSource("a.tsx", text), "empty-catch"));
  assert.equal(findings("a.tsx", text).length, 2);
  assert.equal(findings("a.tsx", out).length, 0);

  const existing = "// shipshape-ignore-file oversized-file\nconst a = 1;\n";
  assert.equal(apply(existing, ignoreFileEdit(existing, "source", parseSource("a.ts", existing), "empty-catch")), "// shipshape-ignore-file oversized-file, empty-catch\nconst a = 1;\n");

  const env = "KEY=1\n";
  const envOut = apply(env, ignoreFileEdit(env, "env", undefined, "hardcoded-secret"));
  assert.equal(envOut, "# shipshape-ignore-file hardcoded-secret\nKEY=1\n");
  const textRule = { meta: { id: "hardcoded-secret", steps: ["secrets"], severity: "error", description: "d", fixable: false, files: ["env"] }, checkText: (c: { report(d: object): void }) => c.report({ start: 0, end: 1, message: "m" }) };
  assert.equal(analyzeTextFile({ fileName: ".env", text: envOut, kind: "env" }, { rules: [textRule as never] }).findings.length, 0);
});
