// A tiny test harness for the in-editor suite: it runs inside the extension host (VS Code or
// code-server), where neither mocha nor node --test is available, and its result must reach the
// runner through a file because the extension host exits 0 even when `run()` throws.
import fs from "node:fs";
import path from "node:path";

export class Skip extends Error {}

export interface TestCase {
  name: string;
  fn: () => Promise<void>;
  timeoutMs?: number;
}

export interface TestResult {
  name: string;
  status: "passed" | "failed" | "skipped";
  ms: number;
  error?: string;
  notes?: string[];
}

export interface SuiteResult {
  passed: number;
  failed: number;
  skipped: number;
  tests: TestResult[];
  finished: boolean;
}

/** Poll `probe` until it returns something other than undefined/false; never a fixed sleep. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | PromiseLike<T | undefined | false>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function withTimeout(p: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`test "${name}" took longer than ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

let currentNotes: string[] = [];

/** A line the runner prints under the current test's result (what it checked, what it left out). */
export function note(line: string): void {
  currentNotes.push(line);
}

export async function runSuite(cases: readonly TestCase[], resultFile: string, log: (line: string) => void = console.log): Promise<SuiteResult> {
  const result: SuiteResult = { passed: 0, failed: 0, skipped: 0, tests: [], finished: false };
  const save = () => {
    fs.mkdirSync(path.dirname(resultFile), { recursive: true });
    fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
  };
  save();
  for (const c of cases) {
    const started = Date.now();
    currentNotes = [];
    let entry: TestResult;
    try {
      await withTimeout(c.fn(), c.timeoutMs ?? 90_000, c.name);
      entry = { name: c.name, status: "passed", ms: Date.now() - started };
    } catch (error) {
      const ms = Date.now() - started;
      entry = error instanceof Skip ? { name: c.name, status: "skipped", ms, error: error.message } : { name: c.name, status: "failed", ms, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    if (currentNotes.length > 0) entry.notes = currentNotes;
    result[entry.status]++;
    result.tests.push(entry);
    log(formatResult(entry));
    save();
  }
  result.finished = true;
  save();
  log(`${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
  return result;
}

export function formatResult(t: TestResult): string {
  const status = t.status === "passed" ? "ok" : t.status === "skipped" ? "skip" : "FAIL";
  const notes = (t.notes ?? []).map((n) => `\n    ${n}`).join("");
  const error = t.error ? `\n    ${t.error.split("\n").join("\n    ")}` : "";
  return `${status} ${t.name} (${t.ms} ms)${notes}${error}`;
}
