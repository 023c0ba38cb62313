/**
 * Server entry point (bundled to dist/server.js). `createConnection` picks the transport from
 * argv: `--node-ipc` when VS Code starts it, `--stdio` for any other LSP client and for
 * `shipshape lsp --stdio`.
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.js";

const connection = createConnection(ProposedFeatures.all);
// Last line of defence: a stray rejection is logged, never allowed to take the server down.
process.on("unhandledRejection", (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.message : String(e)}`));
startServer(connection);
