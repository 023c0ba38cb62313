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
} as const;

/** The code action kind the server offers for "apply every safe fix in this file". */
export const FIX_ALL_KIND = "source.fixAll.shipshape";
