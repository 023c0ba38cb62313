/**
 * Custom messages between the VS Code client and the language server. Types only and method
 * names: the client imports this module, so it must not import anything that pulls in the engine.
 */

/** Server → client, after each analysis: feeds the language status item. */
export const StatusNotification = "shipshape/status";
export interface StatusParams {
  state: "ok" | "warning" | "error";
  /** Milliseconds the last analysis took (parse + rules), and for which document. */
  lastAnalysisMs?: number;
  uri?: string;
  /** A short human text, e.g. a configuration problem. */
  message?: string;
}

/** Client → server command ids (workspace/executeCommand). */
export const Commands = {
  /** Apply every safe fix in a document: arguments [uri, version]. */
  fixAll: "shipshape.applyFixAll",
  /** Open a rule's documentation: arguments [ruleId]. */
  showDocs: "shipshape.showRuleDocs",
} as const;

/**
 * The readiness checklist as it travels to the client (and as `shipshape report --format json`
 * prints it): a stable contract, declared here structurally so the client needs no engine import.
 */
export type ChecklistStatus = "pass" | "warn" | "fail" | "manual" | "n/a";
export type ChecklistStepId = "structure" | "secrets" | "migrations" | "auth" | "validation" | "errors" | "deployment" | "monitoring" | "security" | "loading";

export interface ChecklistItemData {
  /** `<step>.<item>`: stable across runs, the key of a manual tick. */
  id: string;
  title: string;
  status: ChecklistStatus;
  evidence: string;
}

export interface ChecklistFindingData {
  rule: string;
  /** Workspace-relative, forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  message: string;
}

export interface ChecklistStepData {
  id: ChecklistStepId;
  title: string;
  status: ChecklistStatus;
  items: ChecklistItemData[];
  findings: ChecklistFindingData[];
}

export interface ChecklistData {
  steps: ChecklistStepData[];
  score: { passed: number; total: number };
}

/** Client → server request: the checklist of the (first) workspace folder, with the user's ticks applied. */
export const ChecklistRequest = "shipshape/checklist";
export interface ChecklistParams {
  /** Ids of "confirm by hand" items the user ticked (kept in the client's workspace state). */
  manualTicks: string[];
}
export interface ChecklistResult extends ChecklistData {
  /** The workspace folder it describes (file URI); findings' `file` is relative to it. */
  folderUri?: string;
  /** Source files known to the workspace scan (0: nothing to check, the view shows its welcome). */
  sourceFiles: number;
  /** The workspace scan is still running: the checklist is partial. */
  scanning: boolean;
  /** The user cancelled the scan: the checklist covers only the files scanned until then. */
  partial?: boolean;
  /** Rules that offer a quick fix beyond "ignore" (the view offers "Fix" on their findings). */
  fixableRules?: string[];
}

/** Server → client, debounced: results changed, ask for the checklist again. No parameters. */
export const ChecklistChangedNotification = "shipshape/checklistChanged";

/** Client → server: scan the whole workspace again now (the "Refresh" button). No parameters. */
export const RescanRequest = "shipshape/rescan";

/** Client → server: the readiness report rendered by the same writers as `shipshape report`. */
export const ReportRequest = "shipshape/report";
export interface ReportParams {
  format: "markdown" | "html" | "json";
  manualTicks: string[];
}
export interface ReportResult {
  text: string;
}
