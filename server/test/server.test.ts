import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import ts = require("typescript");
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import {
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { allRules, MAX_FILE_BYTES, type Rule } from "../../rules/src/index.js";
import { startServer } from "../src/server.js";

/**
 * The server in this process over in-memory streams, with a rule that throws: failures and
 * skipped files reach the log once, with the rule id or path and nothing of the code.
 */
const boom: Rule = {
  meta: { id: "boom", steps: ["errors"], severity: "error", description: "throws on identifiers", fixable: false },
  create: () => ({ on: { [ts.SyntaxKind.Identifier]: () => { throw new Error("kaboom"); } } }),
};

let client: ProtocolConnection;
const logs: LogMessageParams[] = [];
const published: PublishDiagnosticsParams[] = [];
const toServer = new PassThrough();
const toClient = new PassThrough();

async function waitFor<T>(what: string, probe: () => T | undefined | false): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}\n${logs.map((l) => l.message).join("\n")}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

before(async () => {
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, { rules: [boom, ...allRules] });
  client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  client.onNotification(LogMessageNotification.type, (p) => void logs.push(p));
  client.onNotification(PublishDiagnosticsNotification.type, (p) => void published.push(p));
  client.listen();
  // No workspace, no configuration support: settings come from initializationOptions.
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 5, logLevel: "debug" } });
  await client.sendNotification(InitializedNotification.type, {});
});

after(() => {
  client.dispose();
  toServer.destroy();
  toClient.destroy();
});

test("a throwing rule is logged with its id once per version; the other rules still report", async () => {
  const uri = "file:///nowhere/a.ts";
  const text = "const token = 'abc';\ntry { go(); } catch {}\n";
  await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "typescript", version: 1, text } });
  const first = await waitFor("diagnostics v1", () => published.find((p) => p.uri === uri && p.version === 1));
  assert.deepEqual(first.diagnostics.map((d) => d.code), ["empty-catch"]);
  const failures = () => logs.filter((l) => l.message.includes("rule boom failed"));
  assert.equal(failures().length, 1);
  assert.match(failures()[0].message, /rule boom failed on .*a\.ts \(version 1\): Error: kaboom/);

  await client.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 11 } }, text: "tok" }],
  });
  await waitFor("diagnostics v2", () => published.find((p) => p.uri === uri && p.version === 2));
  assert.equal(failures().length, 2, "logged again for the new version, once");
  assert.ok(!logs.some((l) => l.message.includes("abc") || l.message.includes("go()")), "no code in the log");
});

test("a file over 1 MiB is skipped with one log line, however often it changes", async () => {
  const uri = "file:///nowhere/bundle.js";
  const text = "// " + "x".repeat(MAX_FILE_BYTES) + "\n";
  await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "javascript", version: 1, text } });
  await waitFor("empty diagnostics v1", () => published.find((p) => p.uri === uri && p.version === 1));
  for (let v = 2; v <= 4; v++) {
    await client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, text: "y" }],
    });
    await waitFor(`diagnostics v${v}`, () => published.find((p) => p.uri === uri && p.version === v));
  }
  const skipped = logs.filter((l) => l.message.includes("skipped") && l.message.includes("bundle.js"));
  assert.equal(skipped.length, 1);
  assert.match(skipped[0].message, /larger than 1024 KiB/);
});

test("a document outside every folder follows the settings as they change (shipshape.rules off, then on again)", async () => {
  const uri = "file:///nowhere/settings.ts";
  await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "typescript", version: 1, text: "try { go(); } catch {}\n" } });
  const codes = () => published.filter((p) => p.uri === uri).at(-1)?.diagnostics.map((d) => d.code);
  const count = () => published.filter((p) => p.uri === uri).length;
  await waitFor("diagnostics v1", () => count() > 0);
  assert.deepEqual(codes(), ["empty-catch"]);
  // This client has no workspace/configuration: it pushes the settings section itself.
  let before = count();
  await client.sendNotification(DidChangeConfigurationNotification.type, { settings: { shipshape: { debounceMs: 5, logLevel: "debug", rules: { "empty-catch": "off" } } } });
  await waitFor("diagnostics under the new settings", () => count() > before);
  assert.deepEqual(codes(), []);
  before = count();
  await client.sendNotification(DidChangeConfigurationNotification.type, { settings: { shipshape: { debounceMs: 5, logLevel: "debug", rules: {} } } });
  await waitFor("diagnostics under the settings restored", () => count() > before);
  assert.deepEqual(codes(), ["empty-catch"]);
});
