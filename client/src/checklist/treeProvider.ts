import * as vscode from "vscode";
import type { ChecklistFindingData, ChecklistItemData, ChecklistResult, ChecklistStatus, ChecklistStepData } from "../../../server/src/protocol.js";

export interface StepNode {
  kind: "step";
  id: string;
  step: ChecklistStepData;
}
export interface ItemNode {
  kind: "item";
  id: string;
  stepId: string;
  item: ChecklistItemData;
  /** A "confirm by hand" item (ticked or not): shown with a checkbox. */
  manual: boolean;
  ticked: boolean;
}
export interface FindingNode {
  kind: "finding";
  id: string;
  stepId: string;
  finding: ChecklistFindingData;
  /** The file, when the workspace folder is known. */
  uri?: vscode.Uri;
}
export type ChecklistNode = StepNode | ItemNode | FindingNode;

const ICONS: Record<ChecklistStatus, [icon: string, color?: string]> = {
  pass: ["pass", "testing.iconPassed"],
  warn: ["warning", "problemsWarningIcon.foreground"],
  fail: ["error", "problemsErrorIcon.foreground"],
  manual: ["circle-large-outline", "descriptionForeground"],
  "n/a": ["circle-slash", "disabledForeground"],
};

export function statusIcon(status: ChecklistStatus): vscode.ThemeIcon {
  const [id, color] = ICONS[status];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** Findings plus items that fail or need work: what the step still asks of the user. */
export function openIssues(step: ChecklistStepData): number {
  return step.findings.length + step.items.filter((i) => i.status === "fail" || i.status === "warn").length;
}

export function stepDescription(step: ChecklistStepData): string {
  const n = openIssues(step);
  if (n > 0) return `${n} issue${n === 1 ? "" : "s"}`;
  if (step.status === "manual") return "confirm by hand";
  if (step.status === "n/a") return "not applicable";
  return "done";
}

/** Only the parts a user sees: a step whose signature is unchanged is not redrawn. */
const signature = (step: ChecklistStepData, ticks: ReadonlySet<string>) =>
  JSON.stringify([step.status, step.title, step.items, step.findings, step.items.filter((i) => ticks.has(i.id)).map((i) => i.id)]);

/**
 * The readiness checklist as a tree: steps → items and findings. Node objects and ids stay the
 * same across refreshes, so VS Code keeps expansion and selection; a refresh redraws only the
 * steps that changed (the root only when the list of steps itself changed).
 */
export class ChecklistTreeProvider implements vscode.TreeDataProvider<ChecklistNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ChecklistNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private result: ChecklistResult | undefined;
  private steps: StepNode[] = [];
  private readonly signatures = new Map<string, string>();
  private readonly children = new Map<string, ChecklistNode[]>();
  private readonly parents = new Map<string, StepNode>();

  constructor(private readonly ticked: () => ReadonlySet<string>) {}

  get current(): ChecklistResult | undefined {
    return this.result;
  }

  /** Show a new checklist (undefined: nothing to show, the welcome content appears). Returns the nodes redrawn ("root" for all). */
  update(result: ChecklistResult | undefined): Array<ChecklistNode | "root"> {
    const ticks = this.ticked();
    const empty = !result || result.sourceFiles === 0;
    const previousIds = this.steps.map((s) => s.id).join("\n");
    this.result = result;
    if (empty) {
      const had = this.steps.length > 0;
      this.steps = [];
      this.signatures.clear();
      this.children.clear();
      this.parents.clear();
      if (had) this.emitter.fire(undefined);
      return had ? ["root"] : [];
    }
    const old = new Map(this.steps.map((s) => [s.id, s]));
    const changed: StepNode[] = [];
    this.steps = result.steps.map((step) => {
      const id = `step:${step.id}`;
      const sig = signature(step, ticks);
      let node = old.get(id);
      if (!node) node = { kind: "step", id, step };
      else if (this.signatures.get(id) !== sig) {
        node.step = step;
        changed.push(node);
      }
      this.signatures.set(id, sig);
      this.children.set(id, this.childrenOf(node, step, ticks));
      return node;
    });
    if (this.steps.map((s) => s.id).join("\n") !== previousIds) {
      this.emitter.fire(undefined);
      return ["root"];
    }
    for (const node of changed) this.emitter.fire(node);
    return changed;
  }

  private childrenOf(parent: StepNode, step: ChecklistStepData, ticks: ReadonlySet<string>): ChecklistNode[] {
    const previous = new Map((this.children.get(parent.id) ?? []).map((c) => [c.id, c]));
    const out: ChecklistNode[] = [];
    for (const item of step.items) {
      const ticked = ticks.has(item.id);
      const node: ItemNode = { kind: "item", id: `item:${item.id}`, stepId: step.id, item, manual: item.status === "manual" || ticked, ticked };
      out.push(reuse(previous.get(node.id), node));
    }
    const seen = new Map<string, number>();
    const folder = this.result?.folderUri ? vscode.Uri.parse(this.result.folderUri) : undefined;
    for (const finding of step.findings) {
      const base = `finding:${step.id}:${finding.file}:${finding.line}:${finding.rule}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const node: FindingNode = { kind: "finding", id: n === 0 ? base : `${base}#${n}`, stepId: step.id, finding, uri: folder ? vscode.Uri.joinPath(folder, ...finding.file.split("/")) : undefined };
      out.push(reuse(previous.get(node.id), node));
    }
    for (const c of out) this.parents.set(c.id, parent);
    return out;
  }

  getChildren(node?: ChecklistNode): ChecklistNode[] {
    if (!node) return this.steps;
    return node.kind === "step" ? this.children.get(node.id) ?? [] : [];
  }

  getParent(node: ChecklistNode): ChecklistNode | undefined {
    return node.kind === "step" ? undefined : this.parents.get(node.id);
  }

  getTreeItem(node: ChecklistNode): vscode.TreeItem {
    if (node.kind === "step") {
      const hasChildren = (this.children.get(node.id)?.length ?? 0) > 0;
      const item = new vscode.TreeItem(node.step.title, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.iconPath = statusIcon(node.step.status);
      item.description = stepDescription(node.step);
      item.tooltip = `${node.step.title}: ${stepDescription(node.step)}`;
      item.contextValue = "step";
      return item;
    }
    if (node.kind === "item") {
      const item = new vscode.TreeItem(node.item.title, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = node.item.evidence;
      item.tooltip = `${node.item.title}\n${node.item.evidence}`;
      if (node.manual) {
        // The checkbox is the status: ticked = confirmed by hand.
        item.checkboxState = node.ticked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
        item.contextValue = "manualItem";
      } else {
        item.iconPath = statusIcon(node.item.status);
        item.contextValue = "item";
      }
      return item;
    }
    const f = node.finding;
    const item = new vscode.TreeItem(`${f.file}:${f.line}`, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = f.message;
    item.tooltip = `${f.rule}: ${f.message}`;
    item.iconPath = new vscode.ThemeIcon("debug-stackframe-dot");
    // "finding.fixable" adds "Fix" to the context menu; every finding can be ignored or looked up.
    item.contextValue = this.result?.fixableRules?.includes(f.rule) ? "finding.fixable" : "finding";
    if (node.uri) {
      item.resourceUri = node.uri;
      const line = Math.max(0, f.line - 1);
      item.command = { title: "Open", command: "vscode.open", arguments: [node.uri, { selection: new vscode.Range(line, 0, line, 0) }] };
    }
    return item;
  }

  /** Total open issues (the view's badge). */
  openIssues(): number {
    return this.steps.reduce((n, s) => n + openIssues(s.step), 0);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** Keep the previous object for an unchanged id (VS Code tracks elements by identity). */
function reuse<T extends ChecklistNode>(previous: ChecklistNode | undefined, next: T): T {
  if (!previous || previous.kind !== next.kind) return next;
  return Object.assign(previous, next) as T;
}
