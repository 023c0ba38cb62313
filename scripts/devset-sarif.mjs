// Calibration helper: run the rule engine (out/rules, no CLI needed) over a directory and print
// minimal SARIF for ../shared/devset/score.mjs. Usage:
//   npx tsc -b rules && node scripts/devset-sarif.mjs DIR > out.sarif
// or through the dev set's runner:
//   ../shared/devset/run-tool.sh --details -- node scripts/devset-sarif.mjs
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const engine = require(path.resolve(import.meta.dirname, "../out/rules/src/index.js"));
const dir = path.resolve(process.argv[2] ?? ".");
const files = [];
(function walk(d) {
  for (const ent of fs.readdirSync(d, { withFileTypes: true })) {
    if (ent.name === "node_modules" || ent.name === ".git") continue;
    const p = path.join(d, ent.name);
    if (ent.isDirectory()) walk(p);
    else if (engine.fileKindOf(p)) files.push(p);
  }
})(dir);
const nearestDeps = (file) => {
  for (let d = path.dirname(file); d.startsWith(dir); d = path.dirname(d)) {
    const pj = path.join(d, "package.json");
    if (fs.existsSync(pj)) {
      try { const j = JSON.parse(fs.readFileSync(pj, "utf8")); return new Set([...Object.keys(j.dependencies ?? {}), ...Object.keys(j.devDependencies ?? {})]); } catch { return new Set(); }
    }
    if (d === dir) break;
  }
  return new Set();
};
const results = [];
for (const file of files) {
  const rel = path.relative(dir, file).split(path.sep).join("/");
  const text = fs.readFileSync(file, "utf8");
  const workspace = {
    root: dir,
    readFile: (r) => { try { return fs.readFileSync(path.join(dir, r), "utf8"); } catch { return undefined; } },
    dependencies: nearestDeps(file),
  };
  const kind = engine.fileKindOf(file);
  const r = kind === "source"
    ? engine.analyzeSource({ fileName: file, text, relPath: rel }, { rules: engine.allRules, workspace })
    : engine.analyzeTextFile({ fileName: file, text, relPath: rel, kind }, { rules: engine.allRules, workspace });
  for (const f of r.ruleFailures) console.error(`rule ${f.ruleId} failed on ${rel}: ${f.message}`);
  for (const f of r.findings) {
    results.push({
      ruleId: f.ruleId,
      level: f.severity === "info" ? "note" : f.severity,
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: rel }, region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn } } }],
    });
  }
}
console.log(JSON.stringify({ version: "2.1.0", runs: [{ tool: { driver: { name: "shipshape-devset" } }, results }] }));
