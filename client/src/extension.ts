import * as vscode from "vscode";
import { ChecklistController } from "./checklistView.js";
import { createApi, type ShipshapeApi } from "./api.js";
import { registerCommands } from "./commands.js";
import { ServerController } from "./languageClient.js";
import { ClientLog } from "./log.js";
import { createStatusItem } from "./status.js";

let server: ServerController | undefined;

export function activate(context: vscode.ExtensionContext): ShipshapeApi {
  const log = new ClientLog();
  server = new ServerController(context, log);
  const checklist = new ChecklistController(context, server, log);
  context.subscriptions.push(log, server, createStatusItem(server), checklist);
  registerCommands(context, server, log, checklist);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("shipshape.enable")) void server?.applyEnablement();
    }),
  );
  log.info(`Shipshape ${context.extension.packageJSON.version ?? ""} activating`);
  // Not awaited: activation finishes at once, the server comes up in the background.
  void server.applyEnablement();
  return createApi(server, checklist);
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
