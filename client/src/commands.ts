import * as vscode from "vscode";
import { ClientCommands, FIX_ALL_KIND } from "./commandIds.js";
import type { ChecklistController } from "./checklistView.js";
import type { ChecklistNode, FindingNode } from "./checklist/treeProvider.js";
import type { ServerController } from "./languageClient.js";
import type { ClientLog } from "./log.js";
import { ruleDocsUrl } from "./ruleDocs.js";
import { SOURCE_LANGUAGES } from "./selectors.js";

export function registerCommands(context: vscode.ExtensionContext, server: ServerController, log: ClientLog, checklist: ChecklistController): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(ClientCommands.restartServer, async () => {
      if (!vscode.workspace.getConfiguration("shipshape").get<boolean>("enable", true)) {
        const choice = await vscode.window.showInformationMessage("Shipshape is turned off (shipshape.enable).", "Open Settings");
        if (choice) await vscode.commands.executeCommand("workbench.action.openSettings", "shipshape.enable");
        return;
      }
      log.info("restarting the server on request");
      await server.restart();
    }),
    vscode.commands.registerCommand(ClientCommands.showOutput, () => log.show()),
    vscode.commands.registerCommand(ClientCommands.fixAll, () => fixAll(server)),
    vscode.commands.registerCommand(ClientCommands.showRuleDocs, (ruleId?: unknown) => showRuleDocs(context, ruleId)),
    vscode.commands.registerCommand(ClientCommands.exportReport, () => exportReport(server, checklist)),
    vscode.commands.registerCommand(ClientCommands.resetConfirmations, () => checklist.resetConfirmations()),
    vscode.commands.registerCommand(ClientCommands.refreshChecklist, () => checklist.rescan()),
    vscode.commands.registerCommand(ClientCommands.fixFinding, (node?: ChecklistNode) => findingAction(node, "fix")),
    vscode.commands.registerCommand(ClientCommands.ignoreFinding, (node?: ChecklistNode) => findingAction(node, "ignore")),
    vscode.commands.registerCommand(ClientCommands.findingDocs, (node?: ChecklistNode) => node?.kind === "finding" && showRuleDocs(context, node.finding.rule)),
  );
}

const REPORT_FORMATS = [
  { label: "Markdown", description: "for a pull request or an issue", format: "markdown", ext: "md" },
  { label: "HTML", description: "a self-contained page", format: "html", ext: "html" },
  { label: "JSON", description: "the stable machine-readable form", format: "json", ext: "json" },
] as const;

async function exportReport(server: ServerController, checklist: ChecklistController): Promise<void> {
  if (server.currentPhase !== "running") {
    void vscode.window.showWarningMessage("Shipshape's server is not running; run “Shipshape: Restart Server” first.");
    return;
  }
  const pick = await vscode.window.showQuickPick(REPORT_FORMATS.map((f) => ({ ...f })), { title: "Shipshape: export readiness report", placeHolder: "format" });
  if (!pick) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `readiness-report.${pick.ext}`;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { [pick.label]: [pick.ext] },
    saveLabel: "Export",
  });
  if (!target) return;
  const text = await checklist.report(pick.format);
  if (text === undefined) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const open = await vscode.window.showInformationMessage(`Shipshape: readiness report saved to ${vscode.workspace.asRelativePath(target)}.`, "Open");
  if (open) await vscode.commands.executeCommand("vscode.open", target);
}

/**
 * Run the server's quick fix (or its "Ignore this line") for a finding in the checklist: open the
 * file at the finding, wait for its diagnostics (the server analyses it on open), then apply the
 * matching code action — the same edit the lightbulb would make.
 */
async function findingAction(node: ChecklistNode | undefined, what: "fix" | "ignore"): Promise<void> {
  if (node?.kind !== "finding" || !node.uri) return;
  const line = Math.max(0, node.finding.line - 1);
  await vscode.window.showTextDocument(node.uri, { selection: new vscode.Range(line, 0, line, 0), preview: false });
  // Until the server has analysed the opened file, its problems are the workspace scan's, which
  // carry no fixes: ask again for a few seconds.
  let diagnostic: vscode.Diagnostic | undefined;
  let chosen: vscode.CodeAction | undefined;
  for (let waited = 0; waited <= 5000 && !chosen; waited += 200) {
    if (waited > 0) await new Promise((r) => setTimeout(r, 200));
    diagnostic = diagnosticFor(node);
    if (!diagnostic) continue;
    const actions = (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>("vscode.executeCodeActionProvider", node.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const ours = actions.filter((a): a is vscode.CodeAction => "diagnostics" in a && !!a.diagnostics?.some((d) => d.source === "shipshape" && codeOf(d) === node.finding.rule));
    const isIgnore = (a: vscode.CodeAction) => a.title.startsWith("Ignore this line");
    const isOther = (a: vscode.CodeAction) => a.title.startsWith("Ignore ") || a.title.startsWith("Show rule documentation");
    chosen = what === "ignore" ? ours.find(isIgnore) : ours.find((a) => a.isPreferred && !isOther(a)) ?? ours.find((a) => !isOther(a));
    // Actions arrived but none fits: more waiting will not change that.
    if (ours.length > 0) break;
  }
  if (!diagnostic) {
    void vscode.window.showInformationMessage(`Shipshape: ${node.finding.rule} is no longer reported at line ${node.finding.line}.`);
    return;
  }
  if (!chosen) {
    void vscode.window.showInformationMessage(what === "fix" ? `Shipshape: ${node.finding.rule} has no automatic fix here; see the rule's documentation.` : "Shipshape: this line cannot be ignored automatically.");
    return;
  }
  if (chosen.edit) await vscode.workspace.applyEdit(chosen.edit);
  if (chosen.command) await vscode.commands.executeCommand(chosen.command.command, ...(chosen.command.arguments ?? []));
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === "object" && d.code ? String(d.code.value) : String(d.code ?? ""));

function diagnosticFor(node: FindingNode): vscode.Diagnostic | undefined {
  const ours = vscode.languages.getDiagnostics(node.uri!).filter((d) => d.source === "shipshape" && codeOf(d) === node.finding.rule);
  return ours.find((d) => d.range.start.line === node.finding.line - 1) ?? ours[0];
}
async function fixAll(server: ServerController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const language = editor?.document.languageId;
  if (!editor || !(SOURCE_LANGUAGES as readonly string[]).includes(language ?? "")) {
    void vscode.window.showInformationMessage("Shipshape: open a TypeScript or JavaScript file to fix its problems.");
    return;
  }
  if (server.currentPhase !== "running") {
    void vscode.window.showWarningMessage("Shipshape's server is not running; run “Shipshape: Restart Server” first.");
    return;
  }
  // The server computes the fix-all edit (safe fixes only, non-overlapping, for this version);
  // going through the editor's code action command applies it as one undoable edit.
  await vscode.commands.executeCommand("editor.action.codeAction", { kind: FIX_ALL_KIND, apply: "first" });
}

async function showRuleDocs(context: vscode.ExtensionContext, ruleId: unknown): Promise<void> {
  const id = ruleId ?? (await pickRule(context));
  if (id === undefined) return;
  const url = ruleDocsUrl(id);
  if (!url) {
    void vscode.window.showErrorMessage(`Shipshape: “${String(id)}” is not a rule id.`);
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

/** From the command palette there is no argument: offer the rules whose docs ship with the extension. */
async function pickRule(context: vscode.ExtensionContext): Promise<string | undefined> {
  let ids: string[] = [];
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(context.extensionUri, "rules", "docs"));
    ids = entries.map(([name]) => name).filter((n) => n.endsWith(".md")).map((n) => n.slice(0, -3)).sort();
  } catch {
    // No bundled docs (a development checkout without them): fall back to typing the id.
  }
  if (ids.length === 0) return vscode.window.showInputBox({ prompt: "Rule id, e.g. hardcoded-secret" });
  return vscode.window.showQuickPick(ids, { title: "Shipshape: show rule documentation", placeHolder: "rule id" });
}
