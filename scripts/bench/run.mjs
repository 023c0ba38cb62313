// `npm run bench [-- PATH] [--quick] [--no-peers]`: what Shipshape costs next to parsing alone,
// and next to ESLint, secretlint and Biome on the same files (peers.mjs).
// Without PATH it generates the deterministic synthetic workspace (scripts/bench/generate.mjs).
// Prints one table; the goals (README "Performance") are checked by reading it, not by timed tests.
// Needs the build (out/ and dist/): `npm run bench` builds first.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { walkSourceFiles } from "./files.mjs";
import { generateWorkspace, largeTsx } from "./generate.mjs";
import { keystrokeRows } from "./keystroke.mjs";
import { LspChild } from "./lsp.mjs";
import { peerTools, runPeer } from "./peers.mjs";
import { hasGnuTime, timed } from "./timed.mjs";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");
const engine = require(path.join(root, "out/rules/src/index.js"));
const ts = require("typescript");
const cliJs = path.join(root, "dist/cli.js");
const serverJs = path.join(root, "dist/server.js");
const clientJs = path.join(root, "dist/client.js");

const args = process.argv.slice(2);
const quick = args.includes("--quick");
// The peers (section 6) take minutes: ESLint alone is most of a full run.
const peers = !args.includes("--no-peers");
const REPS = quick ? 1 : 3;
let target = args.find((a) => !a.startsWith("--"));
if (!target) {
  target = path.join(os.tmpdir(), "shipshape-bench-ws-v2");
  if (!fs.existsSync(path.join(target, "package.json"))) generateWorkspace(target, 5000, 1);
}
target = path.resolve(target);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-bench-"));
const rows = [];
const row = (k, v) => {
  rows.push([k, v]);
  process.stderr.write(`  ${k}: ${v}\n`);
};
const ms = (x) => `${x.toFixed(0)} ms`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// ── The files, as the CLI would pick them (source files only; .env and package.json are tiny) ──
const files = walkSourceFiles(target, engine.isSourceFile);
const texts = files.map((f) => fs.readFileSync(f, "utf8"));
const totalMb = texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / 1e6;
row("workspace", target);
row("files (JS/TS)", String(files.length));
row("MB", totalMb.toFixed(1));
row("machine", `${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? "?"}, node ${process.version}`);

// CPU time of this process: on a shared machine, other processes' load inflates wall time far
// more than it inflates the CPU time a single-threaded run needs.
const time = (fn) => {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const kindOf = (f) => (/\.[jt]sx$/.test(f) ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(f) ? ts.ScriptKind.JS : ts.ScriptKind.TS);
const parseAll = () => time(() => { for (let i = 0; i < files.length; i++) ts.createSourceFile(files[i], texts[i], engine.PARSE_OPTIONS, true, kindOf(files[i])); });
const analyzeAll = () => time(() => { for (let i = 0; i < files.length; i++) engine.analyzeSource({ fileName: files[i], text: texts[i] }, { rules: engine.allRules }); });

/** Run the CLI in a child; wall time, CPU of the whole process and peak RSS (where /usr/bin/time exists). */
function cli(extra) {
  const out = path.join(tmp, "report.json");
  const r = timed(process.execPath, [cliJs, "scan", target, "--format", "json", "--exit-zero", "--output", out, ...extra]);
  if (r.status !== 0) throw new Error(`shipshape scan failed (${r.status}): ${r.stderr}`);
  // CPU seconds of all threads: equals wall time for one thread on an idle machine.
  return { ...r, report: out };
}

/** The cold parse-only baseline (parse-cold.mjs): a new process that loads TypeScript, walks, reads and parses. */
function parseCold(nodeArgs = [], extra = []) {
  const r = timed(process.execPath, [...nodeArgs, path.join(import.meta.dirname, "parse-cold.mjs"), path.join(root, "out/rules"), target, ...extra]);
  if (r.status !== 0) throw new Error(`parse-cold.mjs failed (${r.status}): ${r.stderr}`);
  const inside = JSON.parse(r.stdout);
  // Without GNU time, the child's own CPU count beats the wall-time fallback.
  return { ...r, ...inside, cpu: hasGnuTime ? r.cpu : inside.cpuMs };
}

// ── 1. In-process: parse alone vs the engine (parse + one traversal + all rules) ──
// Warm the JIT on a slice so neither side pays it alone; interleave and keep the best: the
// machine's noise is larger than the differences.
for (let i = 0; i < Math.min(300, files.length); i++) engine.analyzeSource({ fileName: files[i], text: texts[i] }, { rules: engine.allRules });
let parseMs = Infinity;
let engineMs = Infinity;
for (let k = 0; k < REPS; k++) {
  parseMs = Math.min(parseMs, parseAll());
  engineMs = Math.min(engineMs, analyzeAll());
}
const perRule = {};
let findings = 0;
for (let i = 0; i < files.length; i++) {
  const r = engine.analyzeSource({ fileName: files[i], text: texts[i] }, { rules: engine.allRules, timing: true });
  findings += r.findings.length;
  for (const [k, v] of Object.entries(r.timings ?? {})) perRule[k] = (perRule[k] ?? 0) + v;
}
row("parse only (createSourceFile, same options, in process, CPU)", ms(parseMs));
row("engine: parse + all rules (in process, CPU)", `${ms(engineMs)}  (${(engineMs / parseMs).toFixed(2)}× parse)`);
row("findings", String(findings));
for (const [k, v] of Object.entries(perRule).sort((a, b) => b[1] - a[1]).slice(0, 5)) row(`  rule ${k} (incl. models it builds first)`, ms(v));

// ── 2. The CLI: cold serial, cold with workers, warm from the cache ──
let cold = { cpu: Infinity };
let workers = { wall: Infinity };
let coldParse = { cpu: Infinity };
let coldParseFlags = { cpu: Infinity };
// Parsing alone shared by as many threads as the workers row uses: what threads can give at most.
const cores = os.availableParallelism();
let coldParseThreads = { wall: Infinity };
// The CLI's loader sets V8 flags (server/src/cli/boot.ts); the same parse under them says how much
// of the CLI's ratio those flags earn: they speed up TypeScript's parser too.
const cliV8Flags = /\bV8_FLAGS = "([^"]*)"/.exec(fs.readFileSync(cliJs, "utf8"))?.[1]?.split(" ").filter(Boolean) ?? [];
const reports = [];
for (let k = 0; k < Math.min(REPS, 2); k++) {
  const p = parseCold();
  if (p.cpu < coldParse.cpu) coldParse = p;
  if (cliV8Flags.length > 0) {
    const f = parseCold(cliV8Flags);
    if (f.cpu < coldParseFlags.cpu) coldParseFlags = f;
  }
  if (cores > 1) {
    const t = parseCold([], ["--threads", String(cores)]);
    if (t.wall < coldParseThreads.wall) coldParseThreads = t;
  }
  const c = cli(["--jobs", "1"]);
  if (c.cpu < cold.cpu) cold = c;
  reports.push(fs.readFileSync(c.report, "utf8"));
  // One thread per core, named: on two cores the default is one thread (see defaultJobs).
  const w = cli(["--jobs", String(cores)]);
  if (w.wall < workers.wall) workers = w;
  reports.push(fs.readFileSync(w.report, "utf8"));
}
const cacheDir = path.join(tmp, "cache");
cli(["--jobs", "1", "--cache", "--cache-location", cacheDir]);
let warm = { cpu: Infinity };
for (let k = 0; k < REPS; k++) {
  const w = cli(["--cache", "--cache-location", cacheDir]);
  if (w.cpu < warm.cpu) warm = w;
  reports.push(fs.readFileSync(w.report, "utf8"));
}
const same = reports.every((r) => r === reports[0]);
const rssText = (r) => (r.rss ? `, peak RSS ${mb(r.rss)}` : "");
const sec = (x) => `${(x / 1000).toFixed(2)} s`;
row(
  "parse only, cold process (CPU of the whole process)",
  `${ms(coldParse.cpu)}, wall ${ms(coldParse.wall)}${rssText(coldParse)} (load ${coldParse.loadMs.toFixed(0)}, walk ${coldParse.walkMs.toFixed(0)}, read ${coldParse.readMs.toFixed(0)}, parse ${ms(coldParse.parseMs)})` +
    `; CLI cold, 1 thread = ${(cold.cpu / coldParse.cpu).toFixed(2)}× this (CPU), ${(cold.wall / coldParse.wall).toFixed(2)}× (wall)` +
    `${coldParse.files === files.length ? "" : `; walked ${coldParse.files} files, not ${files.length}`}`,
);
if (cliV8Flags.length > 0) {
  row(
    `parse only, cold process, with the CLI's V8 flags (${cliV8Flags.join(" ")})`,
    `${ms(coldParseFlags.cpu)}, wall ${ms(coldParseFlags.wall)}; CLI cold, 1 thread = ${(cold.cpu / coldParseFlags.cpu).toFixed(2)}× this (CPU), ${(cold.wall / coldParseFlags.wall).toFixed(2)}× (wall)`,
  );
}
row("CLI cold, 1 thread, no cache (CPU of the whole process)", `${ms(cold.cpu)}  (${(cold.cpu / parseMs).toFixed(2)}× parse), wall ${ms(cold.wall)}${rssText(cold)}`);
row(`CLI cold, ${cores} threads (wall)`, `${ms(workers.wall)}  (${(workers.wall / parseMs).toFixed(2)}× parse), CPU ${ms(workers.cpu)}${rssText(workers)}; ${(workers.wall / coldParse.wall).toFixed(2)}× the 1-thread cold parse (wall)`);
if (cores > 1) {
  row(
    `parse only, cold process, ${cores} threads (wall)`,
    `${ms(coldParseThreads.wall)}, CPU ${ms(coldParseThreads.cpu)}${rssText(coldParseThreads)}: ${(coldParseThreads.wall / coldParse.wall).toFixed(2)}× the 1-thread cold parse; the CLI with ${cores} threads = ${(workers.wall / coldParseThreads.wall).toFixed(2)}× this`,
  );
}
row("CLI warm, --cache (CPU)", `${ms(warm.cpu)}  (${((warm.cpu / cold.cpu) * 100).toFixed(1)}% of cold), wall ${ms(warm.wall)}${rssText(warm)}`);
row("reports identical (serial, threads, warm)", same ? "yes" : "NO — a bug");

// ── 3. Keystrokes in the language server: didChange → publishDiagnostics (scripts/bench/keystroke.mjs) ──
for (const [k, v] of await keystrokeRows(serverJs, { quick })) row(k, v);

// ── 4. Memory: 10,000 edits and 1,000 open/close cycles, heap after a forced GC ──
{
  const probe = path.join(tmp, "gcprobe.cjs");
  const report = path.join(tmp, "mem.json");
  // Preloaded into the server: on SIGUSR2, collect garbage and write the memory usage.
  fs.writeFileSync(probe, `process.on("SIGUSR2", () => { global.gc?.(); global.gc?.(); require("fs").writeFileSync(${JSON.stringify(report)}, JSON.stringify(process.memoryUsage())); });\n`);
  const server = new LspChild(serverJs, { nodeArgs: ["--expose-gc", "-r", probe] });
  await server.initialize({ debounceMs: 0, logLevel: "off", scope: "openFiles" });
  const measure = async () => {
    await server.quiet(300);
    fs.rmSync(report, { force: true });
    server.proc.kill("SIGUSR2");
    for (let i = 0; i < 100 && !fs.existsSync(report); i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 20));
    return JSON.parse(fs.readFileSync(report, "utf8"));
  };
  const text = largeTsx(3000);
  const uri = "file:///bench/Edited.tsx";
  const small = texts.find((t) => t.length > 2000 && t.length < 6000) ?? texts[0];
  let version = 1;
  server.notify("textDocument/didOpen", { textDocument: { uri, languageId: "typescriptreact", version, text } });
  const cycle = async (n, burst) => {
    for (let i = 0; i < n; i += burst) {
      for (let j = 0; j < burst; j++) {
        version++;
        // Insert then delete the same character: the document ends where it started.
        const insert = version % 2 === 0;
        server.notify("textDocument/didChange", {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: insert ? 0 : 1 } }, text: insert ? "x" : "" }],
        });
      }
      await server.diagnostics(uri, version);
    }
  };
  const openClose = async (n) => {
    for (let i = 0; i < n; i++) {
      const u = `file:///bench/open/${i}.tsx`;
      const d = server.diagnostics(u, 1);
      server.notify("textDocument/didOpen", { textDocument: { uri: u, languageId: "typescriptreact", version: 1, text: small } });
      await d;
      server.notify("textDocument/didClose", { textDocument: { uri: u } });
    }
  };
  const EDITS = quick ? 2000 : 10_000;
  const CYCLES = quick ? 200 : 1000;
  // Warm-up: the same work once, so the baseline holds the JIT and caches a steady state holds too.
  await cycle(200, 20);
  await openClose(50);
  const before = await measure();
  await cycle(EDITS, 20);
  await openClose(CYCLES);
  const after = await measure();
  await server.close();
  row(`memory: ${EDITS} edits + ${CYCLES} open/close`, `heap after GC ${mb(before.heapUsed)} → ${mb(after.heapUsed)} (${after.heapUsed >= before.heapUsed ? "+" : ""}${((after.heapUsed - before.heapUsed) / 1024 / 1024).toFixed(1)} MB), RSS ${mb(before.rss)} → ${mb(after.rss)}`);
}

// ── 5. The extension client: bundle size, require time with a stub vscode, no TypeScript ──
{
  const size = fs.statSync(clientJs).size;
  const stub = `const Module = require("module"); const load = Module._load;
Module._load = function (req, ...rest) { if (req === "vscode") return new Proxy({}, { get: () => new Proxy(function () {}, { get: () => () => {} }) }); return load.call(this, req, ...rest); };
const t0 = performance.now(); const m = require(${JSON.stringify(clientJs)}); const t = performance.now() - t0;
const ts = Object.keys(require.cache).some((k) => k.includes("typescript"));
console.log(JSON.stringify({ t, activate: typeof m.activate, ts }));`;
  let best = Infinity;
  let info;
  for (let k = 0; k < 5; k++) {
    info = JSON.parse(execFileSync(process.execPath, ["-e", stub], { encoding: "utf8" }));
    best = Math.min(best, info.t);
  }
  const bundled = /\bcreateSourceFile\b/.test(fs.readFileSync(clientJs, "utf8"));
  row("client bundle (dist/client.js)", `${(size / 1024).toFixed(0)} KiB, require ${best.toFixed(1)} ms, TypeScript ${bundled || info.ts ? "LOADED" : "not loaded"}`);
}

// ── 6. Other tools on exactly the files Shipshape scanned, when installed (devDependencies) ──
// The list comes from the cold scan's report, so .gitignore and `ignore` globs apply as they did
// for Shipshape. One run each (they are slow); ratios are to the cold 1-thread scan above.
{
  const scanned = JSON.parse(reports[0]).files.map((f) => f.path).filter((p) => engine.isSourceFile(p));
  if (scanned.length !== files.length) row("  peers' file list", `${scanned.length} source files in Shipshape's report (the walk above found ${files.length})`);
  const dir = path.join(tmp, "peers");
  for (const tool of peerTools(root)) {
    if (!peers) {
      row(tool.name, "skipped (--no-peers)");
      continue;
    }
    const r = runPeer(tool, { root, cwd: target, files: scanned, extensions: engine.SOURCE_EXTENSIONS, dir });
    const name = r.label ?? tool.name;
    if (r.skipped) row(name, r.skipped);
    else if (r.failed) row(name, `failed: ${r.failed}`);
    else
      row(
        name,
        `${sec(r.wall)} wall (${(r.wall / cold.wall).toFixed(1)}× Shipshape cold), CPU ${sec(r.cpu)} (${(r.cpu / cold.cpu).toFixed(1)}×)${rssText(r)}; ${r.summary}` +
          `${r.files === scanned.length ? "" : `; reported ${r.files} of ${scanned.length} files`}${r.processes > 1 ? `; ${r.processes} processes (command-line limit)` : ""}`,
      );
  }
}

fs.rmSync(tmp, { recursive: true, force: true });
const w = Math.max(...rows.map((r) => r[0].length));
console.log("");
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
