import { after, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { scanWorkspace } from "../src/workspace/index.js";
import { makeWorkspace, removeWorkspace, runCli } from "./cli-harness.js";
import { abortLatency, generateWorkspace, measuredScan } from "./faults-harness.js";

/**
 * The workspace scan under faults: files renamed, made unreadable or replaced by loops while it
 * runs, and a workspace of thousands of files that stays cancellable (50,000 in `npm run test:stress`).
 */
const cleanup: string[] = [];
after(() => cleanup.forEach(removeWorkspace));
const EMPTY = "try { f(); } catch (e) {}\n";
const isRoot = process.getuid?.() === 0;

test("a file renamed during the scan: the old name is skipped with the reason, nothing crashes", async () => {
  const dir = makeWorkspace({ "a.ts": EMPTY, "b.ts": EMPTY, "c.ts": EMPTY });
  cleanup.push(dir);
  const result = await scanWorkspace(dir, {
    onFile: (f) => { if (f.relPath === "a.ts") fs.renameSync(path.join(dir, "b.ts"), path.join(dir, "renamed.ts")); },
  });
  assert.deepEqual(result.files.map((f) => [f.relPath, f.skipped ?? f.findings.length]), [
    ["a.ts", 1],
    ["b.ts", "could not be read: it no longer exists"],
    ["c.ts", 1],
  ]);
});

test("a file replaced by a folder, and a symlink loop created, during the scan", async () => {
  const dir = makeWorkspace({ "a.ts": EMPTY, "b.ts": EMPTY, "c/d.ts": EMPTY });
  cleanup.push(dir);
  const result = await scanWorkspace(dir, {
    onFile: (f) => {
      if (f.relPath !== "a.ts") return;
      fs.rmSync(path.join(dir, "b.ts"));
      fs.mkdirSync(path.join(dir, "b.ts"));
      fs.symlinkSync(path.join(dir, "c"), path.join(dir, "c", "loop"));
    },
  });
  assert.deepEqual(result.files.map((f) => [f.relPath, f.skipped ?? f.findings.length]), [
    ["a.ts", 1],
    ["b.ts", "could not be read: EISDIR"],
    ["c/d.ts", 1],
  ]);
});

test("permission denied on a file and a folder: skipped with the reason", { skip: isRoot && "running as root: chmod does not stop root from reading, so this cannot be observed here" }, async () => {
  const dir = makeWorkspace({ "a.ts": EMPTY, "locked.ts": EMPTY, "private/b.ts": EMPTY });
  cleanup.push(dir);
  fs.chmodSync(path.join(dir, "locked.ts"), 0o000);
  fs.chmodSync(path.join(dir, "private"), 0o000);
  try {
    const result = await scanWorkspace(dir);
    assert.deepEqual(result.files.map((f) => [f.relPath, f.skipped ?? f.findings.length]), [
      ["a.ts", 1],
      ["locked.ts", "could not be read: permission denied"],
    ]);
    assert.deepEqual(result.notes.map((n) => `${n.relPath}: ${n.message}`), ["private: folder skipped: permission denied"]);
    const cli = runCli(["scan", dir, "--verbose", "--format", "json"]);
    assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
    assert.match(cli.stderr, /skipped private: folder skipped: permission denied/);
  } finally {
    fs.chmodSync(path.join(dir, "locked.ts"), 0o644);
    fs.chmodSync(path.join(dir, "private"), 0o755);
  }
});

test("5,000 files: scanned in bounded time and memory; an abort stops the scan within 200 ms", async () => {
  const dir = generateWorkspace(5000);
  cleanup.push(dir);
  const m = await measuredScan(dir);
  assert.equal(m.result.files.length, 5001);
  assert.equal(m.result.files.reduce((n, f) => n + f.findings.length, 0), 100);
  console.log(`# 5,000 files: ${m.ms.toFixed(0)} ms, peak RSS growth ${m.rssGrowthMb.toFixed(0)} MB, event loop blocked at most ${m.maxEventLoopDelayMs.toFixed(0)} ms`);
  // The scan yields between files: a host (the language server) keeps answering requests.
  assert.ok(m.maxEventLoopDelayMs < 1000, `event loop blocked for ${m.maxEventLoopDelayMs} ms`);
  assert.ok(m.ms < 60_000, `${m.ms} ms`);

  const during = await abortLatency(dir, 1000);
  assert.equal((during.error as Error)?.name, "AbortError");
  assert.ok(during.ms < 200, `stopped ${during.ms.toFixed(0)} ms after the abort`);
  const listing = await abortLatency(dir, 0);
  assert.equal((listing.error as Error)?.name, "AbortError");
  assert.equal(listing.analysed, 0, "aborted while listing, before analysing");
  assert.ok(listing.ms < 200, `stopped ${listing.ms.toFixed(0)} ms after the abort while listing`);
});

test("CLI: files nested too deeply are skipped with the reason (--verbose), not a crash", () => {
  const dir = makeWorkspace({
    "deep.ts": `export const x = ${"[".repeat(10_000)}1${"]".repeat(10_000)};\n`,
    "chain.js": `export const s = ${Array.from({ length: 10_000 }, (_, i) => `"s${i}"`).join(" + ")};\n`,
    "ok.ts": EMPTY,
  });
  cleanup.push(dir);
  const r = runCli(["scan", dir, "--verbose"]);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status} (2 = internal error): ${r.stderr}`);
  assert.match(r.stdout, /deep\.ts\s+nested too deeply to parse/);
  assert.match(r.stdout, /chain\.js\s+nested too deeply to analyse/);
  assert.match(r.stdout, /\(2 skipped\)/);
  const json = runCli(["scan", dir, "--verbose", "--format", "json"]);
  assert.match(json.stderr, /skipped chain\.js: nested too deeply to analyse/);
});
