import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { docsUrl, type ConfigProblem, type Finding, type Severity } from "../../rules/src/index.js";

export const SOURCE = "shipshape";

/** Carried in `diagnostic.data`: code actions map a diagnostic back to its finding, for this version only. */
export interface DiagnosticData {
  ruleId: string;
  /** Index into the findings of `version`. */
  index: number;
  version: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding, index: number, document: TextDocument): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, index, version: document.version };
  return {
    range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    message: finding.message,
    data,
  };
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  const d = value as DiagnosticData | undefined;
  return !!d && typeof d.ruleId === "string" && Number.isInteger(d.index) && Number.isInteger(d.version);
}

/** Problems of shipshape.json as diagnostics on it, from the problem to the end of its line. */
export function configDiagnostics(problems: readonly ConfigProblem[], text: string): Diagnostic[] {
  const doc = TextDocument.create("file:///shipshape.json", "json", 0, text);
  return problems.map((p) => {
    const from = doc.offsetAt({ line: p.line - 1, character: p.column - 1 });
    const newline = text.indexOf("\n", from);
    let to = newline === -1 ? text.length : text[newline - 1] === "\r" ? newline - 1 : newline;
    if (to <= from) to = Math.min(from + 1, text.length);
    return {
      range: { start: doc.positionAt(from), end: doc.positionAt(to) },
      severity: DiagnosticSeverity.Warning,
      source: SOURCE,
      code: "config",
      message: p.message,
    };
  });
}

/** The one message a user sees for a broken config: the file, the line, the problem, what happens now. */
export function configMessage(problems: readonly ConfigProblem[], fileName: string): string {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s), see the Problems panel)` : "";
  return `Shipshape: ${fileName} line ${first.line}: ${first.message}${more}. The defaults apply where the file is invalid.`;
}
