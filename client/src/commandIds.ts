/**
 * Command ids the extension contributes (package.json `contributes.commands`). The manifest test
 * checks both lists agree, so a command cannot be declared without being registered.
 */
export const ClientCommands = {
  restartServer: "shipshape.restartServer",
  showOutput: "shipshape.showOutput",
  fixAll: "shipshape.fixAll",
  /**
   * Also the command the server's "Show rule documentation" code action runs: equal to
   * `Commands.showDocs` in server/src/protocol.ts (checked by the manifest test; a literal here
   * keeps this module free of imports, so tests can load it from out/client).
   */
  showRuleDocs: "shipshape.showRuleDocs",
  /** Save the readiness checklist as Markdown, HTML or JSON. */
  exportReport: "shipshape.exportReport",
  /** Clear the "confirm by hand" ticks of this workspace. */
  resetConfirmations: "shipshape.resetConfirmations",
  /** Scan the workspace again and redraw the checklist. */
  refreshChecklist: "shipshape.refreshChecklist",
  /** Checklist finding context menu: apply the rule's quick fix / ignore the line / open the rule's docs. */
  fixFinding: "shipshape.checklist.fix",
  ignoreFinding: "shipshape.checklist.ignore",
  findingDocs: "shipshape.checklist.openDocs",
} as const;

/** The code action kind the server offers for "apply every safe fix in this file". */
export const FIX_ALL_KIND = "source.fixAll.shipshape";
