import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import ts = require("typescript");
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import {
  CodeActionRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentEdit,
  CreateFile,
  type CodeAction,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from "vscode-languageserver-protocol/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Rule } from "../../rules/src/index.js";
import { startServer } from "../src/server.js";
import { makeWorkspace, removeWorkspace } from "./cli-harness.js";

/**
 * Fixes that write other files, as "Move to .env" does: the existing .env is kept byte for byte
 * (CRLF, no final newline, comments, unicode), and an edit aimed outside the workspace folder is
 * never offered. Rules stand in for the secrets rule, so this holds whatever rule makes the edit.
 */
const ENV = "# keys\r\nEXISTING=1\r\nQUOTED=\"a b\"  # trailing\r\nUNICODE=é🚀\r\nLAST=no-newline";
const toEnv: Rule = {
  meta: { id: "to-env", steps: ["secrets"], severity: "warning", description: "moves a literal to .env", fixable: true },
  create: (ctx) => ({
    on: {
      [ts.SyntaxKind.StringLiteral]: (node: ts.StringLiteral) => {
        if (node.text !== "move-me") return;
        const envText = ctx.workspace?.readFile(".env") ?? "";
        const sep = envText === "" || envText.endsWith("\n") ? "" : "\n";
        ctx.report({
          node,
          message: "move it",
          fixes: [
            { title: "Move to .env", safe: false, edits: [{ start: node.getStart(), end: node.getEnd(), newText: "process.env.MOVED" }, { file: ".env", start: envText.length, end: envText.length, newText: `${sep}MOVED=move-me\n` }] },
            { title: "Move outside", safe: false, edits: [{ file: "../outside.env", start: 0, end: 0, newText: "MOVED=move-me\n" }] },
            { title: "Move far outside", safe: false, edits: [{ file: "/tmp/abs.env", start: 0, end: 0, newText: "MOVED=move-me\n" }] },
          ],
        });
      },
    },
  }),
};

let client: ProtocolConnection;
let workspace: string;
const published: PublishDiagnosticsParams[] = [];
const toServer = new PassThrough();
const toClient = new PassThrough();

before(async () => {
  workspace = makeWorkspace({ ".env": ENV, "package.json": "{}" });
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, { rules: [toEnv] });
  client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  client.onNotification(PublishDiagnosticsNotification.type, (p) => void published.push(p));
  client.listen();
  const root = pathToFileURL(workspace).href;
  await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: "ws" }],
    capabilities: { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ["create"] } } },
    initializationOptions: { debounceMs: 5 },
  });
  await client.sendNotification(InitializedNotification.type, {});
});

after(() => {
  client.dispose();
  toServer.destroy();
  toClient.destroy();
  removeWorkspace(workspace);
});

test('"Move to .env" keeps every existing .env byte; edits outside the workspace folder are never offered', async () => {
  const uri = pathToFileURL(path.join(workspace, "src", "a.ts")).href;
  await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "typescript", version: 1, text: 'export const k = "move-me";\n' } });
  const deadline = Date.now() + 10_000;
  while (!published.some((p) => p.uri === uri) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const diagnostics = published.find((p) => p.uri === uri)!.diagnostics;
  assert.equal(diagnostics.length, 1);
  const actions = (await client.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } })) as CodeAction[];
  const titles = actions.map((a) => a.title);
  assert.ok(titles.includes("Move to .env"), titles.join(", "));
  assert.ok(!titles.includes("Move outside") && !titles.includes("Move far outside"), `refused: ${titles.join(", ")}`);
  for (const a of actions) {
    for (const c of a.edit?.documentChanges ?? []) {
      const target = CreateFile.is(c) ? c.uri : (c as TextDocumentEdit).textDocument.uri;
      assert.ok(target.startsWith(pathToFileURL(workspace).href + "/"), `${a.title} writes ${target}`);
    }
  }
  const move = actions.find((a) => a.title === "Move to .env")!;
  const envUri = pathToFileURL(path.join(workspace, ".env")).href;
  const envEdit = move.edit!.documentChanges!.find((c): c is TextDocumentEdit => TextDocumentEdit.is(c) && c.textDocument.uri === envUri)!;
  const before = fs.readFileSync(path.join(workspace, ".env"), "utf8");
  const afterText = TextDocument.applyEdits(TextDocument.create(envUri, "dotenv", 0, before), envEdit.edits as TextEdit[]);
  assert.ok(afterText.startsWith(before), "every existing byte kept, in place");
  assert.equal(afterText, `${ENV}\nMOVED=move-me\n`);
});
