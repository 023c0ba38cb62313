import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { docsUrl, type Finding, type Severity } from "../../rules/src/index.js";

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
