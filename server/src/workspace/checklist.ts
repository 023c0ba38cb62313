import { buildChecklist, checklistHtml, checklistMarkdown, type Checklist } from "../../../rules/src/index.js";
import { gitTrackedFiles, workspaceFacts, type FactsFile } from "./facts.js";
import type { WorkspaceFiles } from "./view.js";

export interface ChecklistInput {
  files?: WorkspaceFiles;
  manualTicks?: Iterable<string>;
  /** Ask git which files it tracks (default true); the CLI and the server run it once per scan. */
  git?: boolean;
}

/** The readiness checklist of a scanned workspace (the CLI's `report` and `scan` summary). */
export async function checklistOfScan(root: string, scanned: readonly FactsFile[], input: ChecklistInput = {}): Promise<Checklist> {
  const tracked = input.git === false ? undefined : await gitTrackedFiles(root);
  const facts = workspaceFacts(root, scanned, { files: input.files, tracked });
  return buildChecklist(facts, { manualTicks: new Set(input.manualTicks ?? []) });
}

/** The JSON contract, built field by field so internal additions never leak into it. */
export function checklistJson(c: Checklist): Checklist {
  return {
    steps: c.steps.map((s) => ({
      id: s.id,
      title: s.title,
      status: s.status,
      items: s.items.map((i) => ({ id: i.id, title: i.title, status: i.status, evidence: i.evidence })),
      findings: s.findings.map((f) => ({ rule: f.rule, file: f.file, line: f.line, message: f.message })),
    })),
    score: { passed: c.score.passed, total: c.score.total },
  };
}

export type ReportFormat = "markdown" | "html" | "json";

/** The report a user hands to a reviewer, in one of three formats (the JSON one is a stable contract). */
export function renderChecklist(checklist: Checklist, format: ReportFormat, name?: string): string {
  const title = name ? `Production readiness — ${name}` : undefined;
  if (format === "json") return JSON.stringify(checklistJson(checklist), null, 2) + "\n";
  if (format === "html") return checklistHtml(checklist, title);
  return checklistMarkdown(checklist, title);
}
