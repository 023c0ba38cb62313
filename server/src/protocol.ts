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
