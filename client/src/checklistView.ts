import * as vscode from "vscode";

/**
 * Placeholder for the readiness checklist view: an empty tree, so VS Code shows the view's
 * `viewsWelcome` text (a view without any provider shows an error line instead).
 */
export function registerChecklistPlaceholder(): vscode.Disposable {
  const empty: vscode.TreeDataProvider<never> = {
    getTreeItem: (item) => item,
    getChildren: () => [],
  };
  return vscode.window.registerTreeDataProvider("shipshape.checklist", empty);
}
