import * as path from "node:path";
import { allRules } from "../../../rules/src/index.js";
import { checklistOfScan, loadWorkspaceConfig, renderChecklist, scanWorkspace, WorkspaceFiles } from "../workspace/index.js";
import type { ReportArgs } from "./args.js";
import { resolveTargets, type Io } from "./scanCommand.js";
import { reportConfigProblems, writeOutput } from "./commandIo.js";

/**
 * `shipshape report`: the production-readiness checklist as Markdown, HTML or JSON. Findings are
 * the report's content, not a verdict: exit 0 unless the command line or configuration is wrong.
 */
export async function runReport(args: ReportArgs, io: Io): Promise<number> {
  const { root, paths } = resolveTargets(args.paths, io.cwd);
  const loaded = loadWorkspaceConfig(root);
  if (reportConfigProblems(loaded, io)) return 2;
  const files = new WorkspaceFiles(root);
  const scan = await scanWorkspace(root, { config: loaded.config, rules: allRules, paths, files });
  for (const f of scan.files) {
    for (const failure of f.ruleFailures) io.stderr.write(`shipshape: rule ${failure.ruleId} failed on ${f.relPath}: ${failure.message}\n`);
  }
  const checklist = await checklistOfScan(root, scan.files, { files });
  const text = renderChecklist(checklist, args.format, path.basename(root));
  return writeOutput(text, args.output, io) ? 0 : 2;
}
