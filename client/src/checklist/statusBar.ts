import * as vscode from "vscode";

export const FOCUS_VIEW_COMMAND = "shipshape.checklist.focus";

/** "Shipshape: 6/10 ready" in the status bar; opens the checklist view. Hidden until there is a score. */
export class ReadinessStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("shipshape.readiness", vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = "Shipshape readiness";
    this.item.command = FOCUS_VIEW_COMMAND;
  }

  show(score: { passed: number; total: number } | undefined, openIssues: number): void {
    if (!score || score.total === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(checklist) Shipshape: ${score.passed}/${score.total} ready`;
    this.item.tooltip = `Production readiness: ${score.passed} of ${score.total} steps done, ${openIssues} open issue${openIssues === 1 ? "" : "s"}. Click to open the checklist.`;
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}
