import { after, test } from "node:test";
import assert from "node:assert/strict";
import { removeWorkspace } from "./cli-harness.js";
import { abortLatency, generateWorkspace, measuredScan } from "./faults-harness.js";

/** `npm run test:stress`: a 50,000-file workspace. Skipped by `npm test` (minutes, and 200 MB of temp files). */
const enabled = process.env.SHIPSHAPE_STRESS === "1";
let dir: string | undefined;
after(() => dir && removeWorkspace(dir));

test("50,000 files: scan time and memory; cancellable within 200 ms at any point", { skip: !enabled && "set SHIPSHAPE_STRESS=1 (npm run test:stress)", timeout: 15 * 60_000 }, async () => {
  const t0 = performance.now();
  dir = generateWorkspace(50_000);
  console.log(`# generated 50,000 files in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const m = await measuredScan(dir);
  assert.equal(m.result.files.length, 50_001);
  assert.equal(m.result.files.reduce((n, f) => n + f.findings.length, 0), 1000);
  console.log(`# 50,000 files: scan ${(m.ms / 1000).toFixed(1)} s (${(m.ms / 50_000).toFixed(2)} ms/file), peak RSS growth ${m.rssGrowthMb.toFixed(0)} MB, heap after ${m.heapUsedMb.toFixed(0)} MB, event loop blocked at most ${m.maxEventLoopDelayMs.toFixed(0)} ms`);
  assert.ok(m.maxEventLoopDelayMs < 1000, `event loop blocked for ${m.maxEventLoopDelayMs} ms`);
  for (const after of [0, 100, 25_000, 49_000]) {
    const a = await abortLatency(dir, after);
    console.log(`# abort after ${after || "the first turn of listing"}${after ? " files" : ""}: stopped in ${a.ms.toFixed(1)} ms`);
    assert.equal((a.error as Error)?.name, "AbortError");
    assert.ok(a.ms < 200, `${a.ms} ms`);
  }
});
