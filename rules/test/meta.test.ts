import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { allRules } from "../src/registry.js";
import { CATALOGUE } from "../src/catalogue.js";
import { rulesTable, configSchema } from "../src/meta/generated.js";

// Compiled to out/rules/test: the sources sit in rules/ beside out/.
const rulesDir = path.resolve(__dirname, "..", "..", "..", "rules");
const repoRoot = path.resolve(rulesDir, "..");

for (const rule of allRules) {
  const id = rule.meta.id;
  test(`${id}: is in the catalogue with its steps`, () => {
    assert.ok(id in CATALOGUE, `${id} is not a rule id of the contract`);
    assert.deepEqual([...rule.meta.steps].sort(), [...CATALOGUE[id]].sort());
  });
  test(`${id}: has docs with examples`, () => {
    const doc = fs.readFileSync(path.join(rulesDir, "docs", `${id}.md`), "utf8");
    assert.match(doc, new RegExp(`^# ${id}\\n`));
    assert.match(doc, /## ❌/);
    assert.match(doc, /## ✅/);
    assert.match(doc, /## Suppress/);
  });
  test(`${id}: has tests`, () => {
    assert.ok(fs.existsSync(path.join(rulesDir, "test", `${id}.test.ts`)), `rules/test/${id}.test.ts is missing`);
  });
}

test("rule ids are unique", () => {
  const ids = allRules.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
});

test("README rules table is generated from metadata (run `npm run docs` to refresh)", () => {
  const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const m = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(readme);
  assert.ok(m, "README.md lacks the <!-- rules:start --> … <!-- rules:end --> markers");
  assert.equal(m[1], rulesTable(allRules));
});

test("schemas/shipshape.schema.json is generated from metadata (run `npm run docs` to refresh)", () => {
  const onDisk = JSON.parse(fs.readFileSync(path.join(repoRoot, "schemas", "shipshape.schema.json"), "utf8"));
  assert.deepEqual(onDisk, configSchema(allRules));
});

test("every parse goes through engine/parse.ts (its options avoid TypeScript's JSDoc parser hang)", () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (p.endsWith(".ts") && !p.endsWith(path.join("engine", "parse.ts")) && /\bcreateSourceFile\(/.test(fs.readFileSync(p, "utf8"))) offenders.push(path.relative(repoRoot, p));
    }
  };
  walk(path.join(rulesDir, "src"));
  walk(path.join(repoRoot, "server", "src"));
  assert.deepEqual(offenders, []);
});

test("engine code reads TypeScript's exports once per module, not through its getters per call", () => {
  // `ts.isIdentifier(x)` or `ts.SyntaxKind.X` is a dictionary lookup and a getter call each time
  // (ARCHITECTURE.md, "TypeScript's API, read once"); `const { isIdentifier } = ts;` is not.
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (p.endsWith(".ts")) {
        fs.readFileSync(p, "utf8").split("\n").forEach((line, i) => {
          if (/\bts\.(?:is[A-Z]\w*|forEachChild)\(|\bts\.SyntaxKind\./.test(line)) offenders.push(`${path.relative(repoRoot, p)}:${i + 1}`);
        });
      }
    }
  };
  walk(path.join(rulesDir, "src"));
  assert.deepEqual(offenders, []);
});
