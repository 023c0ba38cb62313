import type * as vscode from "vscode";
import type { ServerController } from "./languageClient.js";
import type { ServerPhase } from "./statusModel.js";
import type { ChecklistController } from "./checklistView.js";

/** One node of the readiness checklist tree, as tests and other extensions read it. */
export interface ChecklistNode {
  label: string;
  description?: string;
  children?: ChecklistNode[];
}

/**
 * What `activate` returns (`vscode.extensions.getExtension("shipshape.shipshape").exports`).
 * The editor tests drive the extension through it; `getChecklist` appears once the checklist
 * view has a tree of its own.
 */
export interface ShipshapeApi {
  readonly phase: ServerPhase;
  /** Resolves once the language server is running (now, or after the next start/restart). */
  serverReady(timeoutMs?: number): Promise<void>;
  getChecklist?(): Promise<ChecklistNode[]> | ChecklistNode[];
}

export function createApi(server: ServerController, checklist?: ChecklistController): ShipshapeApi {
  return {
    get phase() {
      return server.currentPhase;
    },
    serverReady: (timeoutMs = 60_000) => whenRunning(server, timeoutMs),
    ...(checklist ? { getChecklist: () => readTree(checklist) } : {}),
  };
}

/** The checklist view's tree as plain labels, read through the same provider the view renders. */
function readTree(checklist: ChecklistController): ChecklistNode[] {
  const provider = checklist.provider;
  const walk = (node?: Parameters<typeof provider.getChildren>[0]): ChecklistNode[] =>
    provider.getChildren(node).map((child) => {
      const item = provider.getTreeItem(child);
      const label = typeof item.label === "string" ? item.label : item.label?.label ?? "";
      const children = walk(child);
      return { label, ...(typeof item.description === "string" ? { description: item.description } : {}), ...(children.length ? { children } : {}) };
    });
  return walk();
}

function whenRunning(server: ServerController, timeoutMs: number): Promise<void> {
  if (server.currentPhase === "running") return Promise.resolve();
  return new Promise((resolve, reject) => {
    let sub: vscode.Disposable | undefined;
    const timer = setTimeout(() => {
      sub?.dispose();
      reject(new Error(`the Shipshape server is not running after ${timeoutMs} ms (phase: ${server.currentPhase})`));
    }, timeoutMs);
    sub = server.onDidChangePhase((phase) => {
      if (phase !== "running") return;
      clearTimeout(timer);
      sub?.dispose();
      resolve();
    });
  });
}
