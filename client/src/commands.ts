import * as vscode from "vscode";
import { ClientCommands, FIX_ALL_KIND } from "./commandIds.js";
import type { ServerController } from "./languageClient.js";
import type { ClientLog } from "./log.js";
import { ruleDocsUrl } from "./ruleDocs.js";
import { SOURCE_LANGUAGES } from "./selectors.js";

export function registerCommands(context: vscode.ExtensionContext, server: ServerController, log: ClientLog): void {
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
  );
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
