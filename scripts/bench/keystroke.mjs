// The keystroke rows of the benchmark: a language server over stdio, a 3,000-line TSX file, one
// character per change into a JSX text line in its middle, the next change sent when the
// diagnostics of the previous one arrived. Part of `npm run bench`; on its own (needs the bundle):
// `node scripts/bench/keystroke.mjs [--quick]`.
//
// The first edits after start-up pay what is left of the JIT's warm-up and get a row of their own;
// the percentiles are over the edits after them. With debounceMs 0 the latency is the processing
// itself; the server's shipshape/status notification says how much of it was its reparse and rules.
// With the default debounce, the row says how long after the debounce the diagnostics arrive (the
// server starts the analysis before the debounce ends, by about as long as the last ones took).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { largeTsx } from "./generate.mjs";
import { LspChild } from "./lsp.mjs";

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const f1 = (x) => x.toFixed(1);

// Preloaded into the server: the process's CPU time (all threads) from the arrival of a message
// to the diagnostics leaving, on stderr. Wall time on a shared machine mostly measures the others.
const CPU_PROBE = `let c0 = process.cpuUsage();
process.stdin.on("data", () => { c0 = process.cpuUsage(); });
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (String(chunk).includes('"textDocument/publishDiagnostics"')) {
    const c = process.cpuUsage(c0);
    process.stderr.write("bench-cpu " + (c.user + c.system) / 1000 + "\\n");
  }
  return write(chunk, ...rest);
};
`;

/** Type `warmup + edits` characters into a fresh server; per edit, the latency, the server's analysis time and its CPU. */
async function session(serverJs, text, debounceMs, warmup, edits) {
  const lines = text.split("\n");
  const uri = "file:///bench/Dashboard.tsx";
  const line = lines.findIndex((l, i) => i > lines.length / 2 && l.includes("<h2 "));
  const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-keystroke-")), "cpu-probe.cjs");
  fs.writeFileSync(probe, CPU_PROBE);
  const server = new LspChild(serverJs, { nodeArgs: ["-r", probe] });
  const cpu = [];
  let stderr = "";
  server.proc.stderr.on("data", (d) => {
    stderr += d;
    const lines = stderr.split("\n");
    stderr = lines.pop();
    for (const l of lines) if (l.startsWith("bench-cpu ")) cpu.push(Number(l.slice(10)));
  });
  await server.initialize({ debounceMs, logLevel: "off", scope: "openFiles" });
  const opened = server.diagnostics(uri, 1);
  server.notify("textDocument/didOpen", { textDocument: { uri, languageId: "typescriptreact", version: 1, text } });
  await opened;
  // A second between opening the file and typing, as a person takes (the server warms its JIT up then).
  await new Promise((r) => setTimeout(r, 1000));
  let col = lines[line].indexOf("</h2>");
  const out = [];
  for (let v = 2; v < warmup + edits + 2; v++) {
    const done = server.diagnostics(uri, v);
    // Sent right after the diagnostics: the server's own time for the reparse and the rules.
    const status = server.next("shipshape/status", (p) => p.uri === uri);
    const t0 = performance.now();
    server.notify("textDocument/didChange", {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col } }, text: "abcdefghij"[v % 10] }],
    });
    const latency = (await done) - t0 - debounceMs;
    out.push({ latency, analysis: (await status).lastAnalysisMs ?? Number.NaN });
    col++;
  }
  await server.close();
  fs.rmSync(path.dirname(probe), { recursive: true, force: true });
  // The first line is the open's.
  out.forEach((e, i) => (e.cpu = cpu[i + 1] ?? Number.NaN));
  return { first: out.slice(0, warmup), steady: out.slice(warmup) };
}

/** The benchmark's rows: [what, value]. */
export async function keystrokeRows(serverJs, { quick = false } = {}) {
  const text = largeTsx(3000);
  const lineCount = text.split("\n").length;
  const WARMUP = quick ? 10 : 30;
  const EDITS = quick ? 60 : 200;
  const { first, steady } = await session(serverJs, text, 0, WARMUP, EDITS);
  const lat = steady.map((e) => e.latency);
  const analysis = steady.map((e) => e.analysis);
  const rest = steady.map((e) => e.latency - e.analysis);
  const firstLat = first.map((e) => e.latency);
  const steadyCpu = steady.map((e) => e.cpu);
  const firstCpu = first.map((e) => e.cpu);
  // With the default debounce each edit is followed by a pause (the next one waits for the
  // diagnostics): what is left after subtracting the debounce is the delay a user sees beyond it.
  const DEBOUNCE = 200;
  const paused = (await session(serverJs, text, DEBOUNCE, WARMUP, quick ? 20 : 60)).steady.map((e) => e.latency);
  return [
    [
      `keystroke, ${lineCount}-line TSX (didChange → diagnostics, debounce 0)`,
      `p50 ${f1(pct(lat, 50))} ms, p95 ${f1(pct(lat, 95))} ms (${EDITS} edits after ${WARMUP}); p99 ${f1(pct(lat, 99))}, max ${f1(sorted(lat).at(-1))}`,
    ],
    ["  of which reparse + rules / the rest", `p50 ${f1(pct(analysis, 50))} / ${f1(pct(rest, 50))} ms, p95 ${f1(pct(analysis, 95))} / ${f1(pct(rest, 95))} ms`],
    ["  server CPU per edit (all its threads)", `p50 ${f1(pct(steadyCpu, 50))} ms, p95 ${f1(pct(steadyCpu, 95))} ms`],
    [`keystroke, first ${WARMUP} edits after start-up (JIT warm-up)`, `p50 ${f1(pct(firstLat, 50))} ms, max ${f1(sorted(firstLat).at(-1))} ms; CPU p50 ${f1(pct(firstCpu, 50))} ms`],
    [
      `keystroke, debounce ${DEBOUNCE} ms (the default): diagnostics after it ends`,
      `p50 ${f1(pct(paused, 50))} ms, p95 ${f1(pct(paused, 95))} ms (${paused.length} edits after ${WARMUP}); max ${f1(sorted(paused).at(-1))}`,
    ],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const serverJs = path.resolve(import.meta.dirname, "../../dist/server.js");
  const rows = await keystrokeRows(serverJs, { quick: process.argv.includes("--quick") });
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
}
