/**
 * Runs fuzz cases through the engine the way the hosts do and checks each outcome: a result
 * (findings or a stated skip) within the time bound, no exception out of the engine, no rule
 * failure, findings and their edits inside the text.
 */
import { allRules, analyzeSource, analyzeTextFile, fileKindOf, type AnyRule, type FileResult } from "../../src/index.js";
import { corpus, deepCases, mutatedCases, oddCases, prefixCases, type FuzzCase } from "./cases.js";

export const ENGINE_CASE_BOUND_MS = 2000;

export interface CaseProblem {
  kind: string;
  fileName: string;
  problem: string;
  /** The input, for replay (the caller decides whether to print or save it). */
  text: string;
}

export interface FuzzStats {
  cases: number;
  crashes: number;
  ruleFailures: number;
  skipped: Record<string, number>;
  maxMs: number;
  slowest: string;
  totalMs: number;
  problems: CaseProblem[];
}

export function newStats(): FuzzStats {
  return { cases: 0, crashes: 0, ruleFailures: 0, skipped: {}, maxMs: 0, slowest: "", totalMs: 0, problems: [] };
}

export function analyzeCase(c: FuzzCase, rules: readonly AnyRule[] = allRules): FileResult | undefined {
  const kind = fileKindOf(c.fileName);
  if (!kind) return undefined;
  return kind === "source"
    ? analyzeSource({ fileName: c.fileName, text: c.text }, { rules })
    : analyzeTextFile({ fileName: c.fileName, text: c.text, kind }, { rules });
}

export function runCase(c: FuzzCase, stats: FuzzStats, rules: readonly AnyRule[] = allRules): void {
  stats.cases++;
  const problem = (p: string) => stats.problems.push({ kind: c.kind, fileName: c.fileName, problem: p, text: c.text });
  const t0 = performance.now();
  let result: FileResult | undefined;
  try {
    result = analyzeCase(c, rules);
  } catch (e) {
    stats.crashes++;
    problem(`exception escaped the engine: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    return;
  } finally {
    const ms = performance.now() - t0;
    stats.totalMs += ms;
    if (ms > stats.maxMs) {
      stats.maxMs = ms;
      stats.slowest = `${c.kind} ${c.fileName} (${c.text.length} chars)`;
    }
    if (ms > ENGINE_CASE_BOUND_MS) problem(`took ${ms.toFixed(0)} ms (bound ${ENGINE_CASE_BOUND_MS} ms)`);
  }
  if (!result) return;
  if (result.skipped) stats.skipped[result.skipped] = (stats.skipped[result.skipped] ?? 0) + 1;
  for (const f of result.ruleFailures) {
    stats.ruleFailures++;
    problem(`rule ${f.ruleId} threw: ${f.message}`);
  }
  for (const f of result.findings) {
    if (!(f.start >= 0 && f.start <= f.end && f.end <= c.text.length)) problem(`${f.ruleId}: range ${f.start}-${f.end} outside the text`);
    if (f.line < 1 || f.column < 1) problem(`${f.ruleId}: line/column ${f.line}:${f.column}`);
    for (const fix of f.fixes) {
      for (const e of fix.edits) {
        if (e.file === undefined && !(e.start >= 0 && e.start <= e.end && e.end <= c.text.length)) problem(`${f.ruleId}: fix "${fix.title}" edits ${e.start}-${e.end} outside the text`);
      }
    }
  }
}

export interface FuzzPlan {
  seed: number;
  /** Random mutations of the corpus. */
  mutations: number;
  /** Prefix step: 1 = every prefix of every corpus file; larger steps sample. */
  prefixStep: number;
  /** Files (by corpus order) whose prefixes are all tried; the rest are sampled with prefixStep. */
  everyPrefixOf: number;
  depth: number;
  /** Files whose every prefix is tried instead of the corpus' (regression inputs). */
  extra?: { fileName: string; text: string }[];
}

/** The cases of a plan, lazily: the long run does not hold 100,000 texts at once. */
export function* planCases(plan: FuzzPlan): Generator<FuzzCase> {
  if (plan.extra) {
    for (const f of plan.extra) yield* prefixCases(f.fileName, f.text);
    return;
  }
  yield* deepCases(plan.depth);
  yield* oddCases(plan.seed);
  const files = corpus();
  for (const [i, f] of files.entries()) yield* prefixCases(f.fileName, f.text, i < plan.everyPrefixOf ? 1 : plan.prefixStep);
  yield* mutatedCases(plan.seed, plan.mutations);
}

export function summary(stats: FuzzStats): string {
  const skipped = Object.entries(stats.skipped).map(([why, n]) => `${n} ${why}`).join(", ") || "none";
  return [
    `cases: ${stats.cases}`,
    `crashes (exceptions out of the engine): ${stats.crashes}`,
    `rule failures: ${stats.ruleFailures}`,
    `skipped: ${skipped}`,
    `max time per case: ${stats.maxMs.toFixed(1)} ms (${stats.slowest})`,
    `mean time per case: ${(stats.totalMs / Math.max(1, stats.cases)).toFixed(2)} ms`,
    `problems: ${stats.problems.length}`,
  ].join("\n");
}
