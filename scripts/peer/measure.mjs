// Measures hardcoded-secret on gitleaks' own rule examples (recall on their true positives, and
// how many of their false positives we flag). Usage (the gitleaks checkout path is an argument):
//   npm run peer:gitleaks -- <gitleaks-checkout> [--seed N] [--misses N] [--rule ID] [--json FILE] [--engine DIR]
//   (= tsc -b && node scripts/peer/measure.mjs <gitleaks-checkout> …)
// The examples are mostly whole lines of other languages (`token := "…"`, `export X=…`, YAML,
// JSON). In a JS/TS app such text sits inside a literal, so each example is embedded twice: as a
// string literal (`const sample = "…";`) and as config text in a template literal
// (`const config = \`…\`;`). An example is detected when a finding overlaps it in either.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { extractAll } from "./gitleaks-examples.mjs";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");
const args = process.argv.slice(2);
const opt = (n) => {
  const k = args.indexOf(`--${n}`);
  return k === -1 ? undefined : args[k + 1];
};
// --engine: another build's out/rules (to compare before and after a change).
const engine = require(path.join(path.resolve(opt("engine") ?? path.join(root, "out/rules")), "src/index.js"));
const checkout = args.find((a, k) => !a.startsWith("--") && !(k > 0 && args[k - 1].startsWith("--")));
if (!checkout) {
  console.error("usage: node scripts/peer/measure.mjs <gitleaks-checkout> [--seed N] [--misses N] [--rule ID] [--json FILE]");
  process.exit(2);
}
const seed = Number(opt("seed") ?? 1);
const maxMisses = Number(opt("misses") ?? 3);
const onlyRule = opt("rule");
const rules = engine.allRules.filter((r) => r.meta.id === "hardcoded-secret");

const templateEscape = (s) => s.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
const EMBEDDINGS = {
  literal: (ex) => {
    const prefix = "const sample = ";
    return { text: `${prefix}${JSON.stringify(ex)};\n`, start: prefix.length, end: prefix.length + JSON.stringify(ex).length };
  },
  template: (ex) => {
    const prefix = "const config = `";
    const body = templateEscape(ex);
    return { text: `${prefix}${body}\`;\n`, start: prefix.length, end: prefix.length + body.length };
  },
};

function flagged(example, how) {
  const { text, start, end } = EMBEDDINGS[how](example);
  const res = engine.analyzeSource({ fileName: "/app/src/lib/config.ts", relPath: "src/lib/config.ts", text }, { rules });
  return res.findings.some((f) => f.start < end && f.end > start);
}

const { rules: peerRules, stats } = extractAll(checkout, seed);
const table = [];
let total = 0;
let hitAny = 0;
const hitBy = { literal: 0, template: 0 };
let fpTotal = 0;
let fpFlagged = 0;
const misses = new Map();
const flaggedFps = new Map();
const unevaluated = [];
const noContent = [];
// Some rules' fps are another rule's tps (Cloudflare's three key kinds, Anthropic's admin vs API
// key): still secrets, so flagging them is right for us. They are counted apart.
const everyTp = new Set(peerRules.flatMap((r) => r.result?.tps.value ?? []));
let fpSibling = 0;
for (const r of peerRules) {
  if (onlyRule && r.ruleId !== onlyRule) continue;
  const tps = r.result?.tps.value;
  if (!r.result) {
    // the generator returns the rule without validating any example (Dropbox short/long-lived)
    noContent.push(r.ruleId);
    continue;
  }
  if (!tps) {
    unevaluated.push(r.ruleId);
    continue;
  }
  // pkcs12-file: its examples are file names with empty contents.
  if (tps.length === 0) {
    noContent.push(r.ruleId);
    continue;
  }
  let hits = 0;
  for (const ex of tps) {
    const lit = flagged(ex, "literal");
    const tpl = flagged(ex, "template");
    if (lit) hitBy.literal++;
    if (tpl) hitBy.template++;
    if (lit || tpl) hits++;
    else {
      if (!misses.has(r.ruleId)) misses.set(r.ruleId, []);
      misses.get(r.ruleId).push(ex);
    }
  }
  total += tps.length;
  hitAny += hits;
  let fpHits = 0;
  for (const ex of r.result?.fps.value ?? []) {
    fpTotal++;
    if (flagged(ex, "literal") || flagged(ex, "template")) {
      fpHits++;
      if (everyTp.has(ex)) {
        fpSibling++;
        continue;
      }
      if (!flaggedFps.has(r.ruleId)) flaggedFps.set(r.ruleId, []);
      flaggedFps.get(r.ruleId).push(ex);
    }
  }
  fpFlagged += fpHits;
  table.push({ ruleId: r.ruleId, n: tps.length, hits, recall: tps.length ? hits / tps.length : 1, fps: r.result?.fps.value?.length ?? 0, fpHits });
}

const short = (s) => {
  const one = s.replace(/\n/g, "⏎");
  return one.length > 140 ? `${one.slice(0, 137)}…` : one;
};
const low = table.filter((t) => t.recall < 0.9).sort((a, b) => a.recall - b.recall);
console.log("rule".padEnd(44), "tps".padStart(5), "hit".padStart(5), "recall".padStart(7), "fps".padStart(4), "fp-flagged".padStart(11));
for (const t of table.sort((a, b) => a.recall - b.recall || a.ruleId.localeCompare(b.ruleId))) {
  console.log(t.ruleId.padEnd(44), String(t.n).padStart(5), String(t.hits).padStart(5), t.recall.toFixed(3).padStart(7), String(t.fps).padStart(4), String(t.fpHits).padStart(11));
}
console.log("\n== misses by gitleaks rule (first %d each) ==", maxMisses);
for (const [id, xs] of [...misses].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`${id} (${xs.length} missed)`);
  for (const x of xs.slice(0, maxMisses)) console.log(`    ${short(x)}`);
}
console.log("\n== gitleaks false positives that we flag (other rules' true positives left out) ==");
for (const [id, xs] of flaggedFps) for (const x of xs) console.log(`${id}: ${short(x)}`);
console.log("\n== summary ==");
console.log(`seed ${seed}; gitleaks rules ${peerRules.length}, measured ${table.length}, not evaluable ${unevaluated.length} (${unevaluated.join(", ")}), without text examples ${noContent.length} (${noContent.join(", ")}); skipped list elements ${stats.skippedElements}`);
console.log(`true positives: ${hitAny}/${total} recall ${(hitAny / total).toFixed(3)} (as string literal ${(hitBy.literal / total).toFixed(3)}, as template config text ${(hitBy.template / total).toFixed(3)})`);
const macro = table.reduce((n, t) => n + t.recall, 0) / table.length;
console.log(`mean per-rule recall ${macro.toFixed(3)}; rules below 0.9 recall: ${low.length}/${table.length}`);
console.log(`false positives flagged: ${fpFlagged}/${fpTotal}, of which ${fpSibling} are another gitleaks rule's true positives (a secret of a sibling kind)`);
const jsonOut = opt("json");
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ table, misses: Object.fromEntries(misses), flaggedFps: Object.fromEntries(flaggedFps) }, null, 1));
