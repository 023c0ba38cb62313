import * as fs from "node:fs";
import * as path from "node:path";
import { allRules, checklistSummary } from "../../../rules/src/index.js";
import { checklistOfScan, loadWorkspaceConfig, WorkspaceFiles, type ScanResult } from "../workspace/index.js";
import { scanWorkspaceParallel } from "../workspace/parallelScan.js";
import type { Format, ScanArgs } from "./args.js";
import { reportConfigProblems, writeOutput } from "./commandIo.js";
import { paint, shouldColor } from "./color.js";
import { formatJson } from "./format/json.js";
import { formatSarif } from "./format/sarif.js";
import { formatText } from "./format/text.js";
import { buildReport, exitCodeOf, type Report } from "./report.js";
import { toolVersion } from "./version.js";

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WritableStream;
}

/** A problem the user must fix before a scan can run: exit 2. */
export class SetupError extends Error {}

export async function runScan(args: ScanArgs, io: Io): Promise<number> {
  const { root, paths } = resolveTargets(args.paths, io.cwd);
  const loaded = loadWorkspaceConfig(root);
  if (reportConfigProblems(loaded, io)) return 2;
  // Fixing runs serially and uncached inside scanWorkspaceParallel; otherwise workers and the cache apply.
  const scan = await scanWorkspaceParallel(root, {
    config: loaded.config,
    rules: allRules,
    paths,
    fix: args.fix,
    timing: args.timing,
    jobs: args.jobs,
    cacheDir: args.cacheDir === undefined ? undefined : path.resolve(root, args.cacheDir),
    cacheStrategy: args.cacheStrategy,
  });
  const files = new WorkspaceFiles(root);
  const report = buildReport(scan, { version: toolVersion(), cwd: io.cwd, quiet: args.quiet, fix: args.fix, verbose: args.verbose });

  for (const f of scan.files) {
    for (const failure of f.ruleFailures) io.stderr.write(`shipshape: rule ${failure.ruleId} failed on ${f.relPath}: ${failure.message}\n`);
  }
  if (args.verbose && args.format !== "text") {
    for (const f of scan.files) if (f.skipped) io.stderr.write(`skipped ${f.relPath}: ${f.skipped}\n`);
    for (const n of scan.notes) io.stderr.write(`skipped ${n.relPath}: ${n.message}\n`);
  }
  if (args.timing && scan.timings) io.stderr.write(formatTimings(scan));

  const toFile = args.output !== undefined;
  const color = !toFile && args.format === "text" && shouldColor(io.stdout.isTTY, io.env, args.color);
  let text = render(args.format, report, color);
  // Text output ends with the readiness summary (machine formats stay exactly their schema).
  // Not for a scan of single files: a checklist of two files would say nothing about the app.
  const folderScan = paths.some((p) => isDirectory(path.join(root, p)));
  if (args.format === "text" && !args.quiet && folderScan) text += `\n${checklistSummary(await checklistOfScan(root, scan.files, { files }))}\n`;
  if (!writeOutput(text, args.output, io)) return 2;
  return args.exitZero ? 0 : exitCodeOf(report.summary, args.maxWarnings);
}

function render(format: Format, report: Report, color: boolean): string {
  if (format === "json") return formatJson(report);
  if (format === "sarif") return formatSarif(report);
  return formatText(report, paint(color));
}

/**
 * The scan root — where shipshape.json and the top .gitignore are read, and what reported paths
 * are relative to — is the nearest folder at or above the targets that holds shipshape.json or
 * .git (as git finds its repository); without one, the deepest folder holding all the targets.
 */
export function resolveTargets(args: readonly string[], cwd: string): { root: string; paths: string[] } {
  const abs = (args.length > 0 ? args : ["."]).map((p) => path.resolve(cwd, p));
  const dirs: string[] = [];
  for (const p of abs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw new SetupError(`no such file or directory: ${path.relative(cwd, p) || p}`);
    }
    dirs.push(st.isDirectory() ? p : path.dirname(p));
  }
  const inside = (d: string, root: string) => d === root || d.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
  let common = dirs[0];
  while (!dirs.every((d) => inside(d, common))) common = path.dirname(common);
  let root: string | undefined;
  for (let d = common; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, "shipshape.json")) || fs.existsSync(path.join(d, ".git"))) {
      root = d;
      break;
    }
    if (path.dirname(d) === d) break;
  }
  root ??= common;
  return { root, paths: abs.map((p) => path.relative(root, p).split(path.sep).join("/")) };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** ESLint's TIMING=1 table: the slowest rules first, with their share of the total. */
function formatTimings(scan: ScanResult): string {
  const rows = Object.entries(scan.timings ?? {}).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, [, ms]) => s + ms, 0) || 1;
  const width = Math.max(4, ...rows.map(([id]) => id.length));
  const lines = [`${"Rule".padEnd(width)} | Time (ms) | Relative`, `${"-".repeat(width)}-|----------:|--------:`];
  for (const [id, ms] of rows) lines.push(`${id.padEnd(width)} | ${ms.toFixed(3).padStart(9)} | ${((ms / total) * 100).toFixed(1).padStart(7)}%`);
  return lines.join("\n") + "\n";
}
