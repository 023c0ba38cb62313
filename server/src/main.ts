/**
 * Server entry point (bundled to dist/server.js). `--node-ipc` when VS Code starts it, `--stdio`
 * for any other LSP client and for `shipshape lsp --stdio`; `createConnection` picks the other
 * transports (`--socket`, `--pipe`) from argv. Over stdio each message is written at once
 * (see transport.ts).
 */
import { createConnection, ProposedFeatures, type MessageReader } from "vscode-languageserver/node";
import { startServer } from "./server.js";
import { consoleToClient, StdioMessageWriter } from "./transport.js";

// The first transport argument decides, as in createConnection.
const stdio = process.argv.slice(2).find((a) => /^--(node-ipc|stdio|socket|pipe)(=|$)/.test(a)) === "--stdio";
// Given the stdin stream itself (the typings list stream + stream or reader + writer, the code
// takes either on each side), the library still exits when the client closes stdin, with 0 only
// after a shutdown request, as it does for `--stdio`.
const connection = stdio
  ? createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, new StdioMessageWriter(process.stdout))
  : createConnection(ProposedFeatures.all);
if (stdio) consoleToClient(connection.console);
// Last line of defence: a stray rejection is logged, never allowed to take the server down.
process.on("unhandledRejection", (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.message : String(e)}`));
startServer(connection);
