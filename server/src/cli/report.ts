import type { Severity } from "../../../rules/src/index.js";
import type { ScanResult, ScannedFile } from "../workspace/index.js";

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  /** Files looked at, skipped ones included. */
  files: number;
  skipped: number;
  fixesApplied: number;
}

/** What every formatter receives: the scan, already filtered (--quiet), with its totals. */
export interface Report {
  version: string;
  root: string;
  /** The folder paths are shown relative to in text output. */
  cwd: string;
  scan: ScanResult;
  files: ScannedFile[];
  summary: Summary;
  fix: boolean;
  verbose: boolean;
}

export function buildReport(scan: ScanResult, opts: { version: string; cwd: string; quiet: boolean; fix: boolean; verbose: boolean }): Report {
  const keep = (s: Severity) => !opts.quiet || s === "error";
  const files = scan.files.map((f) => (f.findings.every((x) => keep(x.severity)) ? f : { ...f, findings: f.findings.filter((x) => keep(x.severity)) }));
  const summary: Summary = { errors: 0, warnings: 0, infos: 0, files: files.length, skipped: 0, fixesApplied: scan.fixesApplied };
  for (const f of files) {
    if (f.skipped) summary.skipped++;
    for (const x of f.findings) {
      if (x.severity === "error") summary.errors++;
      else if (x.severity === "warning") summary.warnings++;
      else summary.infos++;
    }
  }
  return { version: opts.version, root: scan.root, cwd: opts.cwd, scan, files, summary, fix: opts.fix, verbose: opts.verbose };
}

/** 1 when an error-level finding remains or warnings exceed the limit; 0 otherwise. */
export function exitCodeOf(summary: Summary, maxWarnings: number): 0 | 1 {
  if (summary.errors > 0) return 1;
  if (maxWarnings >= 0 && summary.warnings > maxWarnings) return 1;
  return 0;
}
