/**
 * The long fuzz run: `npm run fuzz -- --cases 100000 [--seed 7]`. Prints the figures the README
 * reports; writes each failing input to out/fuzz-failures/ for replay; exits 1 on any problem.
 */
import fs from "node:fs";
import path from "node:path";
import { newStats, planCases, runCase, summary } from "./engine.js";
import { repoRoot } from "./cases.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) {
    console.error(`usage: npm run fuzz -- [--cases N] [--seed N]  (bad --${name})`);
    process.exit(2);
  }
  return v;
};
const cases = arg("cases", 100_000);
const seed = arg("seed", 1);

const stats = newStats();
const started = Date.now();
// Every prefix of every corpus file, plus `cases` random mutations.
for (const c of planCases({ seed, mutations: cases, prefixStep: 1, everyPrefixOf: Infinity, depth: 10_000 })) {
  runCase(c, stats);
  if (stats.cases % 10_000 === 0) console.error(`… ${stats.cases} cases, ${stats.problems.length} problem(s), max ${stats.maxMs.toFixed(1)} ms`);
}
console.log(`seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(summary(stats));
if (stats.problems.length > 0) {
  const dir = path.join(repoRoot, "out", "fuzz-failures");
  fs.mkdirSync(dir, { recursive: true });
  stats.problems.slice(0, 50).forEach((p, i) => {
    fs.writeFileSync(path.join(dir, `${i}-${p.kind}-${path.basename(p.fileName)}`), p.text);
    console.log(`${i}: ${p.kind} ${p.fileName}: ${p.problem}`);
  });
  console.log(`inputs written to ${path.relative(process.cwd(), dir)}`);
  process.exit(1);
}
