/**
 * The long fuzz run: `npm run fuzz -- --cases 100000 [--seed 7]`. Prints the figures the README
 * reports; writes each failing input to out/fuzz-failures/ for replay; exits 1 on any problem.
 */
import fs from "node:fs";
import path from "node:path";
import { summary } from "./engine.js";
import { repoRoot } from "./cases.js";
import { runWatched } from "./watchdog.js";

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

void (async () => {
  const started = Date.now();
  // Every prefix of every corpus file, plus `cases` random mutations.
  const { stats, hung } = await runWatched({ seed, mutations: cases, prefixStep: 1, everyPrefixOf: Infinity, depth: 10_000 }, 10_000, (s) =>
    console.error(`… ${s.cases} cases, ${s.problems.length} problem(s), max ${s.maxMs.toFixed(1)} ms`),
  );
  console.log(`seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(summary(stats));
  const dir = path.join(repoRoot, "out", "fuzz-failures");
  if (hung || stats.problems.length > 0) fs.mkdirSync(dir, { recursive: true });
  if (hung) {
    fs.writeFileSync(path.join(dir, `hung-${hung.kind}-${path.basename(hung.fileName)}`), hung.text);
    console.log(`HUNG: case ${hung.index} (${hung.kind} ${hung.fileName}) did not finish in 10 s; input saved in ${path.relative(process.cwd(), dir)}`);
  }
  stats.problems.forEach((p, i) => {
    fs.writeFileSync(path.join(dir, `${i}-${p.kind}-${path.basename(p.fileName)}`), p.text);
    console.log(`${i}: ${p.kind} ${p.fileName}: ${p.problem}`);
  });
  if (hung || stats.problems.length > 0) process.exit(1);
})();
