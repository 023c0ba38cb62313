import * as vscode from "vscode";
import type { StatusParams } from "../../server/src/protocol.js";
import { ClientCommands } from "./commandIds.js";
import type { ServerController } from "./languageClient.js";
import { documentSelector } from "./selectors.js";
import { describeStatus } from "./statusModel.js";

/** The "{ }" language status entry: that Shipshape runs, how long the last analysis took, config problems. */
export function createStatusItem(server: ServerController): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem("shipshape.status", documentSelector());
  item.name = "Shipshape";
  let last: StatusParams | undefined;
  const render = () => {
    const view = describeStatus(server.currentPhase, last);
    item.text = view.text;
    item.detail = view.detail;
    item.busy = view.busy;
    item.severity = view.level === "error" ? vscode.LanguageStatusSeverity.Error : view.level === "warning" ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    item.command =
      view.action === "restartServer"
        ? { title: "Restart", command: ClientCommands.restartServer }
        : view.action === "openSettings"
          ? { title: "Settings", command: "workbench.action.openSettings", arguments: ["shipshape.enable"] }
          : { title: "Show Output", command: ClientCommands.showOutput };
  };
  render();
  const subscriptions = [
    server.onDidChangePhase((phase) => {
      if (phase !== "running") last = undefined;
      render();
    }),
    // Each notification carries the whole current state (a config problem is repeated until fixed).
    server.onStatus((params) => {
      last = params;
      render();
    }),
  ];
  return vscode.Disposable.from(item, ...subscriptions);
}
