import * as path from "node:path";
import type { Severity } from "../../../../rules/src/index.js";
import type { Paint } from "../color.js";
import type { Report } from "../report.js";

/**
 * Human output, grouped by file: every finding starts with `path:line:col` (relative to the
 * current folder) so terminals and editors make it clickable. Never prints source lines: a code
 * frame could carry a secret into CI logs.
 */
export function formatText(report: Report, p: Paint): string {
  const out: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    const shown = displayPath(report, file.relPath);
    out.push(p.underline(shown));
    for (const f of file.findings) {
      out.push(`  ${shown}:${f.line}:${f.column}  ${severityLabel(f.severity, p)}  ${f.message}  ${p.dim(f.ruleId)}`);
    }
    out.push("");
  }
  if (report.verbose) {
    const skipped = report.files.filter((f) => f.skipped);
    const notes = report.scan.notes;
    if (skipped.length > 0 || notes.length > 0) {
      out.push(p.bold("Skipped"));
      for (const f of skipped) out.push(`  ${displayPath(report, f.relPath)}  ${f.skipped}`);
      for (const n of notes) out.push(`  ${displayPath(report, n.relPath)}  ${n.message}`);
      out.push("");
    }
  }
  for (const f of report.files) if (f.fixError) out.push(`${displayPath(report, f.relPath)}  ${p.red(f.fixError)}`);
  if (report.fix) {
    const written = report.scan.filesWritten.length;
    out.push(`${p.green("✔")} Applied ${plural(report.summary.fixesApplied, "fix", "fixes")}${written > 0 ? ` in ${plural(written, "file")}` : ""}.`);
  }
  out.push(summaryLine(report, p));
  return out.join("\n") + "\n";
}

export function summaryLine(report: Report, p: Paint): string {
  const s = report.summary;
  const problems = s.errors + s.warnings + s.infos;
  const seconds = `${(report.scan.durationMs / 1000).toFixed(1)} s`;
  const files = `${plural(s.files, "file")}${s.skipped > 0 ? ` (${s.skipped} skipped)` : ""}`;
  if (problems === 0) return `${p.green("✔")} No problems in ${files}, ${seconds}`;
  const mark = s.errors > 0 ? p.red("✖") : s.warnings > 0 ? p.yellow("✖") : p.blue("✖");
  const counts = `${plural(s.errors, "error")}, ${plural(s.warnings, "warning")}, ${s.infos} info`;
  return `${mark} ${p.bold(`${plural(problems, "problem")} (${counts})`)} in ${files}, ${seconds}`;
}

function severityLabel(s: Severity, p: Paint): string {
  if (s === "error") return p.red("error  ");
  if (s === "warning") return p.yellow("warning");
  return p.blue("info   ");
}

function displayPath(report: Report, relPath: string): string {
  const abs = path.join(report.root, relPath);
  const rel = path.relative(report.cwd, abs);
  return rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
