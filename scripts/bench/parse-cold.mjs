// The cold parse-only baseline, run by run.mjs as a new process: load TypeScript, walk the
// workspace, read and parse every JS/TS file with the engine's own parse call (same options,
// parent pointers set), and nothing else. A cold `shipshape scan --jobs 1` pays the same start-up,
// walk, reads and JIT warm-up on top of its rules, so this is the fair yardstick for it; the
// in-process "parse only" row is warmed up and best of three.
// Usage: node scripts/bench/parse-cold.mjs <rules-out-dir> <workspace>   → one JSON line on stdout.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { walkSourceFiles } from "./files.mjs";

const t0 = performance.now();
const [outRules, target] = process.argv.slice(2);
// engine/parse.js is the module out/rules/src/index.js re-exports PARSE_OPTIONS and parseSource
// from; requiring it directly loads TypeScript without loading the rules.
const { parseSource, isSourceFile } = createRequire(import.meta.url)(path.join(path.resolve(outRules), "src/engine/parse.js"));
const t1 = performance.now();
const files = walkSourceFiles(path.resolve(target), isSourceFile);
const t2 = performance.now();
let read = 0;
let parse = 0;
let bytes = 0;
let statements = 0;
for (const f of files) {
  const a = performance.now();
  const text = fs.readFileSync(f, "utf8");
  const b = performance.now();
  // Keep a result alive per file so nothing can be optimised away.
  statements += parseSource(f, text).statements.length;
  parse += performance.now() - b;
  read += b - a;
  bytes += text.length;
}
const cpu = process.cpuUsage();
console.log(JSON.stringify({ files: files.length, bytes, statements, loadMs: t1 - t0, walkMs: t2 - t1, readMs: read, parseMs: parse, cpuMs: (cpu.user + cpu.system) / 1000 }));
