import * as vscode from "vscode";
import { createApi, type ShipshapeApi } from "./api.js";
import { registerChecklistPlaceholder } from "./checklistView.js";
import { registerCommands } from "./commands.js";
import { ServerController } from "./languageClient.js";
import { ClientLog } from "./log.js";
import { createStatusItem } from "./status.js";

let server: ServerController | undefined;

export function activate(context: vscode.ExtensionContext): ShipshapeApi {
  const log = new ClientLog();
  server = new ServerController(context, log);
  context.subscriptions.push(log, server, createStatusItem(server), registerChecklistPlaceholder());
  registerCommands(context, server, log);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("shipshape.enable")) void server?.applyEnablement();
    }),
  );
  log.info(`Shipshape ${context.extension.packageJSON.version ?? ""} activating`);
  // Not awaited: activation finishes at once, the server comes up in the background.
  void server.applyEnablement();
  return createApi(server);
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
