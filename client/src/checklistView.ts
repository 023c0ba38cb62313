import * as vscode from "vscode";
import {
  ChecklistRequest,
  ReportRequest,
  RescanRequest,
  type ChecklistParams,
  type ChecklistResult,
  type ReportParams,
  type ReportResult,
} from "../../server/src/protocol.js";
import { ReadinessStatusBar } from "./checklist/statusBar.js";
import { Ticks } from "./checklist/ticks.js";
import { ChecklistTreeProvider, type ChecklistNode } from "./checklist/treeProvider.js";
import type { ServerController } from "./languageClient.js";
import type { ClientLog } from "./log.js";

export const CHECKLIST_VIEW = "shipshape.checklist";
/** Context key for the welcome content shown when the workspace has no JS/TS source. */
const NO_SOURCES = "shipshape.noSourceFiles";
const REFRESH_DELAY_MS = 150;

/** The part of the server controller the view needs (tests hand in a stand-in). */
export type ChecklistServer = Pick<ServerController, "onChecklistChanged" | "onDidChangePhase" | "currentPhase" | "sendRequest">;

/**
 * The readiness checklist: the tree view in Shipshape's activity-bar container, its badge and
 * title, and the status bar item. Asks the server for the checklist when told it changed
 * (debounced), with the user's ticks from the workspace state.
 */
export class ChecklistController implements vscode.Disposable {
  readonly provider: ChecklistTreeProvider;
  readonly ticks: Ticks;
  private readonly view: vscode.TreeView<ChecklistNode>;
  private readonly statusBar = new ReadinessStatusBar();
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private again = false;

  constructor(
    context: Pick<vscode.ExtensionContext, "workspaceState">,
    private readonly server: ChecklistServer,
    private readonly log?: ClientLog,
  ) {
    this.ticks = new Ticks(context.workspaceState);
    this.provider = new ChecklistTreeProvider(() => new Set(this.ticks.all()));
    this.view = vscode.window.createTreeView(CHECKLIST_VIEW, { treeDataProvider: this.provider, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      this.provider,
      this.statusBar,
      this.view.onDidChangeCheckboxState((e) => void this.checkboxesChanged(e.items)),
      server.onChecklistChanged(() => this.refresh()),
      server.onDidChangePhase((phase) => {
        if (phase === "running") this.refresh();
        else if (phase === "disabled" || phase === "failed") this.show(undefined);
      }),
    );
    if (server.currentPhase === "running") this.refresh();
  }

  /** Ask for the checklist soon; several calls in a row make one request. */
  refresh(delay = REFRESH_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.fetch();
    }, delay);
  }

  /** Fetch now (one request at a time; a refresh asked for meanwhile runs right after). */
  async fetch(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = (async () => {
      try {
        const params: ChecklistParams = { manualTicks: this.ticks.all() };
        const result = await this.server.sendRequest<ChecklistResult>(ChecklistRequest, params);
        if (result) this.show(result);
      } catch (e) {
        this.log?.warn("could not get the readiness checklist", e);
      } finally {
        this.inFlight = undefined;
      }
    })();
    await this.inFlight;
    if (this.again) {
      this.again = false;
      await this.fetch();
    }
  }

  private show(result: ChecklistResult | undefined): void {
    this.provider.update(result);
    const noSources = !!result && result.sourceFiles === 0;
    void vscode.commands.executeCommand("setContext", NO_SOURCES, noSources);
    if (!result || noSources) {
      this.view.badge = undefined;
      this.view.title = "Readiness checklist";
      this.statusBar.show(undefined, 0);
      return;
    }
    const issues = this.provider.openIssues();
    this.view.badge = issues > 0 ? { value: issues, tooltip: `${issues} open readiness issue${issues === 1 ? "" : "s"}` } : undefined;
    this.view.title = `Readiness ${result.score.passed}/${result.score.total}`;
    this.view.description = result.scanning ? "scanning…" : result.partial ? "partial — scan cancelled" : undefined;
    this.statusBar.show(result.score, issues);
  }

  private async checkboxesChanged(items: ReadonlyArray<readonly [ChecklistNode, vscode.TreeItemCheckboxState]>): Promise<void> {
    for (const [node, state] of items) {
      if (node.kind !== "item") continue;
      await this.ticks.set(node.item.id, state === vscode.TreeItemCheckboxState.Checked);
    }
    // Redraw from the server's answer: the step's status depends on the ticks.
    this.refresh(0);
  }

  async resetConfirmations(): Promise<void> {
    await this.ticks.reset();
    this.refresh(0);
  }

  async rescan(): Promise<void> {
    try {
      await this.server.sendRequest(RescanRequest, null);
    } catch (e) {
      this.log?.warn("rescan failed", e);
    }
    this.refresh(0);
  }

  async report(format: ReportParams["format"]): Promise<string | undefined> {
    const r = await this.server.sendRequest<ReportResult>(ReportRequest, { format, manualTicks: this.ticks.all() } satisfies ReportParams);
    return r?.text;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
