import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import {
  createProtocolConnection,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import type { Rule } from "../../rules/src/index.js";
import { startServer } from "../src/server.js";
import { makeWorkspace, removeWorkspace } from "./cli-harness.js";

/** A rule whose verdict depends on the project's dependencies only, not on the file. */
const needsZod: Rule = {
  meta: { id: "needs-zod", steps: ["structure"], severity: "warning", description: "reports when zod is not a dependency", fixable: false },
  create: (ctx) => ({
    onEnd() {
      if (!ctx.workspace?.dependencies?.has("zod")) ctx.report({ start: 0, end: 1, message: "zod is not a dependency" });
    },
  }),
};

test("a package.json change on disk re-analyses open documents: findings that depend on dependencies follow", async () => {
  const root = fs.realpathSync(makeWorkspace({ "package.json": JSON.stringify({ dependencies: {} }), "src/a.ts": "export const a = 1;\n" }));
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), { rules: [needsZod], git: false });
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  client.onNotification(PublishDiagnosticsNotification.type, (p) => void published.push(p));
  client.listen();
  const waitFor = async (what: string, probe: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!probe()) {
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  try {
    const rootUri = pathToFileURL(root).href;
    await client.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "ws" }],
      capabilities: {},
      initializationOptions: { debounceMs: 5, logLevel: "off", scope: "openFiles" },
    });
    await client.sendNotification(InitializedNotification.type, {});
    const uri = pathToFileURL(path.join(root, "src/a.ts")).href;
    const last = () => published.filter((p) => p.uri === uri).at(-1);
    await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "typescript", version: 1, text: "export const a = 1;\n" } });
    await waitFor("diagnostics v1", () => !!last());
    assert.deepEqual(last()!.diagnostics.map((d) => d.code), ["needs-zod"]);

    fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ dependencies: { zod: "3" } }));
    await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path.join(root, "package.json")).href, type: FileChangeType.Changed }] });
    await waitFor("diagnostics under the new dependencies", () => last()!.diagnostics.length === 0);
  } finally {
    client.dispose();
    toServer.destroy();
    toClient.destroy();
    removeWorkspace(root);
  }
});
