// `npm run bench [-- PATH]`: how much Shipshape costs next to parsing alone.
// Without PATH it generates the deterministic synthetic workspace (scripts/bench/generate.mjs).
// Prints one table with numbers; goals are checked by reading it, not by timed tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { generateWorkspace } from "./generate.mjs";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");
const engine = require(path.join(root, "out/rules/src/index.js"));
const ts = require("typescript");

let target = process.argv[2];
if (!target) {
  target = path.join(os.tmpdir(), "shipshape-bench-ws");
  if (!fs.existsSync(path.join(target, "package.json"))) generateWorkspace(target, 5000, 1);
}
target = path.resolve(target);

const files = [];
(function walk(d) {
  for (const ent of fs.readdirSync(d, { withFileTypes: true })) {
    if (ent.name === "node_modules" || ent.name === ".git") continue;
    const p = path.join(d, ent.name);
    if (ent.isDirectory()) walk(p);
    else if (engine.isSourceFile(p)) files.push(p);
  }
})(target);
const texts = files.map((f) => fs.readFileSync(f, "utf8"));
const mb = texts.reduce((s, t) => s + t.length, 0) / 1e6;

let peakRss = process.memoryUsage().rss;
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };

function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

// Warm the JIT on a slice so neither side pays it alone.
for (let i = 0; i < Math.min(200, files.length); i++) engine.analyzeSource({ fileName: files[i], text: texts[i] }, { rules: engine.allRules });

// Interleave and keep the best of three: the machine's noise is larger than the differences.
const parseOnly = () => time(() => { for (let i = 0; i < files.length; i++) { ts.createSourceFile(files[i], texts[i], ts.ScriptTarget.Latest, true, engine.extensionOf(files[i]).includes("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS); if (i % 500 === 0) sample(); } });
const perRule = {};
let findings = 0;
const analyzeMs = time(() => {
  for (let i = 0; i < files.length; i++) {
    const r = engine.analyzeSource({ fileName: files[i], text: texts[i] }, { rules: engine.allRules, timing: true });
    findings += r.findings.length;
    for (const [k, v] of Object.entries(r.timings ?? {})) perRule[k] = (perRule[k] ?? 0) + v;
    if (i % 500 === 0) sample();
  }
});
const full = () => time(() => { for (let i = 0; i < files.length; i++) engine.analyzeSource({ fileName: files[i], text: texts[i] }, { rules: engine.allRules }); });
let parseMs = Infinity;
let noTiming = Infinity;
for (let k = 0; k < 3; k++) {
  parseMs = Math.min(parseMs, parseOnly());
  noTiming = Math.min(noTiming, full());
}

const rows = [
  ["workspace", target],
  ["files", String(files.length)],
  ["MB", mb.toFixed(1)],
  ["parse only (createSourceFile)", `${parseMs.toFixed(0)} ms`],
  ["Shipshape engine (parse + all rules)", `${noTiming.toFixed(0)} ms  (${(noTiming / parseMs).toFixed(2)}× parse)`],
  ["findings", String(findings)],
  ["peak RSS", `${(peakRss / 1024 / 1024).toFixed(0)} MB`],
  ...Object.entries(perRule).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => [`  rule ${k}`, `${v.toFixed(0)} ms`]),
];
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
void analyzeMs;
