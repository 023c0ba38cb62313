import type { Report } from "../report.js";

/**
 * The stable JSON report (`--format json`). Documented in server/src/cli/README.md; fields are
 * only ever added, never renamed or removed.
 *
 * { version, root, files: [{ path, findings: [{ rule, severity, message, line, column, endLine,
 *   endColumn, fixable }], skipped? }], summary: { errors, warnings, infos, files, skipped, fixesApplied } }
 */
export interface JsonReport {
  version: string;
  root: string;
  files: JsonFile[];
  summary: { errors: number; warnings: number; infos: number; files: number; skipped: number; fixesApplied: number };
}

export interface JsonFile {
  /** Relative to root, forward slashes. */
  path: string;
  findings: JsonFinding[];
  /** Why the file was not analysed. */
  skipped?: string;
}

export interface JsonFinding {
  rule: string;
  severity: "error" | "warning" | "info";
  message: string;
  /** 1-based; columns count UTF-16 code units. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** A safe fix exists: `scan --fix` would apply it. */
  fixable: boolean;
}

export function toJsonReport(report: Report): JsonReport {
  return {
    version: report.version,
    root: report.root,
    files: report.files.map((f) => {
      const file: JsonFile = {
        path: f.relPath,
        findings: f.findings.map((x) => ({
          rule: x.ruleId,
          severity: x.severity,
          message: x.message,
          line: x.line,
          column: x.column,
          endLine: x.endLine,
          endColumn: x.endColumn,
          fixable: x.fixes.some((fix) => fix.safe),
        })),
      };
      if (f.skipped) file.skipped = f.skipped;
      return file;
    }),
    summary: { ...report.summary },
  };
}

export function formatJson(report: Report): string {
  return JSON.stringify(toJsonReport(report), null, 2) + "\n";
}
