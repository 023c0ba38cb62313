/**
 * Runs a fuzz plan in a worker thread under a watchdog. A case that never returns (an infinite
 * loop in a parser or a rule) cannot be interrupted in the thread running it; from here it can:
 * the worker is terminated and the stuck case reported, so a hang fails the run instead of
 * freezing it.
 */
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { newStats, planCases, runCase, type FuzzPlan, type FuzzStats } from "./engine.js";

export interface WatchedResult {
  stats: FuzzStats;
  /** The case that did not finish within the bound, if any. */
  hung?: { index: number; kind: string; fileName: string; text: string };
}

interface Progress {
  index: number;
  kind: string;
  fileName: string;
  text: string;
}

export function runWatched(plan: FuzzPlan, hangMs = 10_000, onProgress?: (stats: FuzzStats) => void): Promise<WatchedResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: plan });
    let current: Progress | undefined;
    let since = Date.now();
    const timer = setInterval(() => {
      if (current && Date.now() - since > hangMs) {
        clearInterval(timer);
        const hung = current;
        void worker.terminate().then(() => resolve({ stats: lastStats ?? newStats(), hung }));
      }
    }, 250);
    let lastStats: FuzzStats | undefined;
    worker.on("message", (m: { type: "case"; progress: Progress } | { type: "stats"; stats: FuzzStats } | { type: "done"; stats: FuzzStats }) => {
      if (m.type === "case") {
        current = m.progress;
        since = Date.now();
      } else if (m.type === "stats") {
        lastStats = m.stats;
        onProgress?.(m.stats);
      } else {
        clearInterval(timer);
        resolve({ stats: m.stats });
      }
    });
    worker.on("error", (e) => {
      clearInterval(timer);
      reject(e);
    });
  });
}

if (!isMainThread && parentPort && workerData) {
  const port = parentPort;
  const stats = newStats();
  let index = 0;
  for (const c of planCases(workerData as FuzzPlan)) {
    // Only the text of a case that turns out to hang is needed; sending it each time is cheap next to analysis.
    port.postMessage({ type: "case", progress: { index: index++, kind: c.kind, fileName: c.fileName, text: c.text } });
    runCase(c, stats);
    if (stats.problems.length > 50) stats.problems.length = 50;
    if (index % 10_000 === 0) port.postMessage({ type: "stats", stats });
  }
  port.postMessage({ type: "done", stats });
}
