// The cold parse-only baseline, run by run.mjs as a new process: load TypeScript, walk the
// workspace, read and parse every JS/TS file with the engine's own parse call (same options,
// parent pointers set), and nothing else. A cold `shipshape scan --jobs 1` pays the same start-up,
// walk, reads and JIT warm-up on top of its rules, so this is the fair yardstick for it; the
// in-process "parse only" row is warmed up and best of three.
//
// With `--threads N` the parsing is shared by this thread and N-1 workers, started first so that
// their TypeScript loads while this thread walks, as the CLI's workers do: the most that threads
// could give the CLI on this machine, since a scan does at least this much work per thread.
// Usage: node scripts/bench/parse-cold.mjs <rules-out-dir> <workspace> [--threads N]  → one JSON line on stdout.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { walkSourceFiles } from "./files.mjs";

const loadParse = (outRules) => createRequire(import.meta.url)(path.join(path.resolve(outRules), "src/engine/parse.js"));

/** Read and parse `files`; keep a result alive per file so nothing can be optimised away. */
function parseFiles(parseSource, files) {
  let read = 0;
  let parse = 0;
  let bytes = 0;
  let statements = 0;
  for (const f of files) {
    const a = performance.now();
    const text = fs.readFileSync(f, "utf8");
    const b = performance.now();
    statements += parseSource(f, text).statements.length;
    parse += performance.now() - b;
    read += b - a;
    bytes += text.length;
  }
  return { parsed: files.length, read, parse, bytes, statements };
}

if (!isMainThread) {
  // engine/parse.js is the module out/rules/src/index.js re-exports PARSE_OPTIONS and parseSource
  // from; requiring it directly loads TypeScript without loading the rules.
  const { parseSource } = loadParse(workerData.outRules);
  parentPort.once("message", (files) => parentPort.postMessage(parseFiles(parseSource, files)));
} else {
  const t0 = performance.now();
  const args = process.argv.slice(2);
  const at = args.indexOf("--threads");
  const threads = at >= 0 ? Math.max(1, Number(args.splice(at, 2)[1]) || 1) : 1;
  const [outRules, target] = args;
  const workers = Array.from({ length: threads - 1 }, () => new Worker(new URL(import.meta.url), { workerData: { outRules } }));
  const { parseSource, isSourceFile } = loadParse(outRules);
  const t1 = performance.now();
  const files = walkSourceFiles(path.resolve(target), isSourceFile);
  const t2 = performance.now();
  // Interleaved shares: neighbouring files are alike in size, so each thread gets a fair mix.
  const share = (k) => files.filter((_, i) => i % threads === k);
  const done = workers.map(
    (w, k) =>
      new Promise((resolve, reject) => {
        w.once("message", (r) => resolve(r));
        w.once("error", reject);
        w.postMessage(share(k + 1));
      }),
  );
  const own = parseFiles(parseSource, share(0));
  const all = [own, ...(await Promise.all(done))];
  await Promise.all(workers.map((w) => w.terminate()));
  const sum = (k) => all.reduce((s, r) => s + r[k], 0);
  const cpu = process.cpuUsage();
  console.log(
    JSON.stringify({
      files: files.length,
      threads,
      parsed: sum("parsed"),
      bytes: sum("bytes"),
      statements: sum("statements"),
      loadMs: t1 - t0,
      walkMs: t2 - t1,
      // This thread's own share when there are workers.
      readMs: own.read,
      parseMs: own.parse,
      wallMs: performance.now() - t0,
      cpuMs: (cpu.user + cpu.system) / 1000,
    }),
  );
}
