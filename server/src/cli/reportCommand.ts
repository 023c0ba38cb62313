import * as fs from "node:fs";
import * as path from "node:path";
import { allRules } from "../../../rules/src/index.js";
import { checklistOfScan, loadWorkspaceConfig, renderChecklist, scanWorkspace, WorkspaceFiles } from "../workspace/index.js";
import type { ReportArgs } from "./args.js";
import { resolveTargets, type Io } from "./scanCommand.js";

/**
 * `shipshape report`: the production-readiness checklist as Markdown, HTML or JSON. Findings are
 * the report's content, not a verdict: exit 0 unless the command line or configuration is wrong.
 */
export async function runReport(args: ReportArgs, io: Io): Promise<number> {
  const { root, paths } = resolveTargets(args.paths, io.cwd);
  const loaded = loadWorkspaceConfig(root);
  if (loaded.problems.length > 0) {
    for (const p of loaded.problems) io.stderr.write(`${path.relative(io.cwd, p.file) || p.file}:${p.line}:${p.column}: ${p.message}\n`);
    io.stderr.write(`shipshape: fix the configuration in ${path.relative(io.cwd, loaded.file ?? "") || loaded.file} and run again.\n`);
    return 2;
  }
  const files = new WorkspaceFiles(root);
  const scan = await scanWorkspace(root, { config: loaded.config, rules: allRules, paths, files });
  for (const f of scan.files) {
    for (const failure of f.ruleFailures) io.stderr.write(`shipshape: rule ${failure.ruleId} failed on ${f.relPath}: ${failure.message}\n`);
  }
  const checklist = await checklistOfScan(root, scan.files, { files });
  const text = renderChecklist(checklist, args.format, path.basename(root));
  if (args.output !== undefined) {
    const target = path.resolve(io.cwd, args.output);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text, "utf8");
    } catch (e) {
      io.stderr.write(`shipshape: cannot write ${args.output}: ${(e as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout.write(text);
  }
  return 0;
}
