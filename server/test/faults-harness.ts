/**
 * Generated workspaces for fault and load tests: `count` source files in nested folders (a few
 * with findings), and a scan measured for time and memory, optionally aborted part-way.
 */
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import os from "node:os";
import path from "node:path";
import { scanWorkspace, type ScanResult } from "../src/workspace/index.js";

export function generateWorkspace(count: number): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-load-")));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "big" }));
  for (let i = 0; i < count; i++) {
    // 100 files per folder, 10 folders per parent: a realistic fan-out, 3 levels deep.
    const folder = path.join(dir, "src", `m${Math.floor(i / 1000)}`, `f${Math.floor(i / 100) % 10}`);
    if (i % 100 === 0) fs.mkdirSync(folder, { recursive: true });
    const body = i % 50 === 0
      ? `export async function load${i}() {\n  try {\n    return await fetch("/api/${i}");\n  } catch (e) {}\n}\n`
      : `export const value${i} = ${i};\nexport function twice${i}(x: number) {\n  return x * 2 + value${i};\n}\n`;
    fs.writeFileSync(path.join(folder, `file${i}.ts`), body);
  }
  return dir;
}

export interface Measured {
  result: ScanResult;
  ms: number;
  /** Peak RSS growth seen during the scan, MB (sampled every 50 ms). */
  rssGrowthMb: number;
  heapUsedMb: number;
  /** Longest the event loop was blocked during the scan, ms: how long an LSP request could wait. */
  maxEventLoopDelayMs: number;
}

export async function measuredScan(root: string): Promise<Measured> {
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const t0 = performance.now();
  try {
    const result = await scanWorkspace(root);
    const ms = performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage().rss);
    delay.disable();
    return { result, ms, rssGrowthMb: (peak - rss0) / 2 ** 20, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20, maxEventLoopDelayMs: delay.max / 1e6 };
  } finally {
    clearInterval(sampler);
    delay.disable();
  }
}

/**
 * Abort a scan after `afterFiles` files were analysed (or, with afterFiles = 0, while the folders
 * are still being listed) and return how long the scan took to stop once aborted.
 */
export async function abortLatency(root: string, afterFiles: number): Promise<{ ms: number; error: unknown; analysed: number }> {
  const controller = new AbortController();
  let abortedAt = 0;
  let analysed = 0;
  const abort = () => {
    abortedAt = performance.now();
    controller.abort();
  };
  // Listing reads folders asynchronously: the first turn of the event loop falls inside it.
  if (afterFiles === 0) setImmediate(abort);
  let error: unknown;
  try {
    await scanWorkspace(root, {
      signal: controller.signal,
      onFile: () => {
        if (++analysed === afterFiles) abort();
      },
    });
  } catch (e) {
    error = e;
  }
  return { ms: performance.now() - abortedAt, error, analysed };
}
