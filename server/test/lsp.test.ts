import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";
import {
  CodeActionRequest,
  ConfigurationRequest,
  DiagnosticSeverity,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  ApplyWorkspaceEditRequest,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  ShowDocumentRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  TextDocumentEdit,
  type CodeAction,
  type ApplyWorkspaceEditParams,
  type ShowDocumentParams,
  type LogMessageParams,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextEdit,
} from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { Commands, StatusNotification, type StatusParams } from "../src/protocol.js";

/**
 * End to end over stdio: the bundled server (dist/server.js) as a child process, spoken to as
 * an editor would. Every wait polls the received messages with a deadline; nothing sleeps.
 */
const repo = path.resolve(__dirname, "../../..");
const bundle = path.join(repo, "dist", "server.js");
const DEBOUNCE_MS = 150;

let child: ChildProcess;
let conn: ProtocolConnection;
let workspace: string;
let stderr = "";
const diagnostics: PublishDiagnosticsParams[] = [];
const messages: ShowMessageParams[] = [];
const statuses: StatusParams[] = [];
const registrations: string[] = [];
const logs: LogMessageParams[] = [];
const shownDocuments: ShowDocumentParams[] = [];
const appliedEdits: ApplyWorkspaceEditParams[] = [];
/** What the client answers to workspace/configuration; tests change it and notify. */
let settings: Record<string, unknown> = { debounceMs: DEBOUNCE_MS, logLevel: "debug" };

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}${stderr ? `\nserver stderr:\n${stderr}` : ""}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const uriOf = (rel: string) => pathToFileURL(path.join(workspace, rel)).href;
const publishedFor = (uri: string) => diagnostics.filter((d) => d.uri === uri);
const last = <T>(list: T[]) => list[list.length - 1];

/** The latest diagnostics published for `uri` once they describe `version` (or any version for files not open). */
function diagnosticsAt(uri: string, version?: number): Promise<Diagnostic[]> {
  return waitFor(`diagnostics for ${path.basename(uri)}${version !== undefined ? ` v${version}` : ""}`, () => {
    const p = last(publishedFor(uri));
    return p && (version === undefined || p.version === version) ? p.diagnostics : undefined;
  });
}

function open(rel: string, text: string, languageId = "typescript"): { uri: string; doc: TextDocument } {
  const uri = uriOf(rel);
  void conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  return { uri, doc: TextDocument.create(uri, languageId, 1, text) };
}

/** Send edits (against the current text) as one incremental didChange, and mirror them locally. */
function change(doc: TextDocument, edits: TextEdit[]): TextDocument {
  // Applied from the end backwards, each range stays valid against the text the server holds.
  const ordered = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  const version = doc.version + 1;
  void conn.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: doc.uri, version },
    contentChanges: ordered.map((e) => ({ range: e.range, text: e.newText })),
  });
  return TextDocument.create(doc.uri, doc.languageId, version, TextDocument.applyEdits(doc, edits));
}

function editsFor(action: CodeAction, uri: string): TextEdit[] {
  const out: TextEdit[] = [];
  for (const c of action.edit?.documentChanges ?? []) if (TextDocumentEdit.is(c) && c.textDocument.uri === uri) out.push(...(c.edits as TextEdit[]));
  return out;
}

function writeConfig(json: string): void {
  fs.writeFileSync(path.join(workspace, "shipshape.json"), json);
  void conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf("shipshape.json"), type: FileChangeType.Changed }] });
}

before(async () => {
  if (!fs.existsSync(bundle)) {
    const r = spawnSync(process.execPath, [path.join(repo, "esbuild.mjs")], { cwd: repo, encoding: "utf8" });
    assert.equal(r.status, 0, `bundling failed: ${r.stderr}`);
  }
  workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-lsp-")));
  fs.writeFileSync(path.join(workspace, "shipshape.json"), JSON.stringify({ rules: { "empty-catch": "error" } }, null, 2));
  fs.writeFileSync(path.join(workspace, "package.json"), JSON.stringify({ name: "app", dependencies: { react: "18" } }));
  fs.mkdirSync(path.join(workspace, "src"));

  child = spawn(process.execPath, [bundle, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  child.stderr!.on("data", (d) => (stderr += String(d)));
  // Writes racing the child's exit at the end must not fail the run.
  child.stdin!.on("error", () => undefined);
  conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => void diagnostics.push(p));
  conn.onNotification(ShowMessageNotification.type, (p) => void messages.push(p));
  conn.onNotification(LogMessageNotification.type, (p) => void logs.push(p));
  conn.onNotification(StatusNotification, (p: StatusParams) => void statuses.push(p));
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => settings));
  conn.onRequest(ShowDocumentRequest.type, (p) => {
    shownDocuments.push(p);
    return { success: true };
  });
  conn.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
    appliedEdits.push(p);
    return { applied: true };
  });
  conn.onRequest(RegistrationRequest.type, (p) => {
    registrations.push(...p.registrations.map((r) => r.method));
  });
  conn.listen();

  const init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: "app" }],
    capabilities: {
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true, resourceOperations: ["create"] },
      },
      window: { showDocument: { support: true } },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    },
  });
  assert.equal(init.capabilities.textDocumentSync && typeof init.capabilities.textDocumentSync === "object" && init.capabilities.textDocumentSync.change, 2, "incremental sync");
  void conn.sendNotification(InitializedNotification.type, {});
});

after(async () => {
  const exited = new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const timeout = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
  try {
    await Promise.race([conn.sendRequest(ShutdownRequest.type), timeout(2000)]);
    await conn.sendNotification(ExitNotification.type);
  } catch {
    // the child may already be gone
  }
  await Promise.race([exited, timeout(2000)]);
  child?.kill();
  conn?.dispose();
  fs.rmSync(workspace, { recursive: true, force: true });
});

const EMPTY_CATCH = "export async function load() {\n  try {\n    await fetch('/api');\n  } catch (e) {}\n}\n";

test("diagnostics for the latest version only, fixes, fix-all, close", async () => {
  let { uri, doc } = open("src/app.ts", EMPTY_CATCH);
  const first = await diagnosticsAt(uri, 1);
  assert.equal(first.length, 1);
  assert.equal(first[0].code, "empty-catch");
  assert.equal(first[0].source, "shipshape");
  assert.equal(first[0].severity, DiagnosticSeverity.Error, "shipshape.json raised empty-catch to error");
  assert.match((first[0].codeDescription?.href ?? ""), /empty-catch\.md$/);
  assert.ok(registrations.includes(DidChangeWatchedFilesNotification.method), "file watchers registered");
  const status = await waitFor("a status notification", () => statuses.find((s) => s.uri === uri));
  assert.equal(typeof status.lastAnalysisMs, "number");

  // Five quick edits (versions 2..6): only version 6 gets diagnostics.
  const before = publishedFor(uri).length;
  for (let i = 0; i < 5; i++) {
    const at = doc.positionAt(doc.getText().indexOf("await fetch"));
    doc = change(doc, [{ range: { start: at, end: at }, newText: `const v${i} = ${i};\n    ` }]);
  }
  assert.equal(doc.version, 6);
  const latest = await diagnosticsAt(uri, 6);
  assert.equal(latest.length, 1);
  const published = publishedFor(uri).slice(before).map((p) => p.version);
  assert.deepEqual(published, [6], `published versions after the burst: ${published.join(", ")}`);

  // The "Log the error" fix, computed from the results of version 6.
  const actions = (await conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: latest[0].range,
    context: { diagnostics: latest },
  })) as CodeAction[];
  const titles = actions.map((a) => a.title);
  assert.ok(titles.includes("Ignore this line (empty-catch)") && titles.includes("Ignore in this file (empty-catch)") && titles.includes("Show rule documentation (empty-catch)"), titles.join(" | "));
  const logFix = actions.find((a) => a.title === "Log the error");
  assert.ok(logFix, titles.join(" | "));
  assert.equal(logFix.isPreferred, true);

  // Stale: once the text moved, the same diagnostics yield no actions until the new version is analysed.
  const moved = change(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: "\n" }]);
  const stale = (await conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: latest[0].range, context: { diagnostics: latest } })) as CodeAction[];
  assert.deepEqual(stale, [], "fixes for an outdated version are refused");
  const undo = change(moved, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: "" }]);
  const fresh = await diagnosticsAt(uri, undo.version);
  assert.equal(fresh.length, 1);
  doc = undo;

  // The old fix carried version 6: applying it now is the editor's job to refuse; recompute instead.
  const actions2 = (await conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: fresh[0].range, context: { diagnostics: fresh } })) as CodeAction[];
  const logFix2 = actions2.find((a) => a.title === "Log the error")!;
  assert.equal((logFix2.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, doc.version);
  doc = change(doc, editsFor(logFix2, uri));
  assert.match(doc.getText(), /console\.error\(["']Unexpected error["'], e\);/);
  assert.deepEqual(await diagnosticsAt(uri, doc.version), [], "the fix removed the finding");

  // Fix-all over two empty catches, asked right after an edit (before the debounce fired).
  doc = change(doc, [{ range: { start: doc.positionAt(doc.getText().length), end: doc.positionAt(doc.getText().length) }, newText: "try { a(); } catch {}\np.catch(() => {});\n" }]);
  const fixAll = (await conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ["source.fixAll.shipshape"] },
  })) as CodeAction[];
  assert.equal(fixAll.length, 1);
  assert.equal(fixAll[0].kind, "source.fixAll.shipshape");
  doc = change(doc, editsFor(fixAll[0], uri));
  assert.deepEqual(await diagnosticsAt(uri, doc.version), [], "fix-all fixed both");

  // The output channel gets paths, rule ids and timings, never the code.
  assert.ok(logs.some((l) => /analysed src\/app\.ts v\d+ in [\d.]+ ms/.test(l.message)), logs.map((l) => l.message).join("\n"));
  assert.ok(!logs.some((l) => l.message.includes("fetch(") || l.message.includes("catch (e)")));

  // Close: diagnostics cleared.
  const count = publishedFor(uri).length;
  void conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  await waitFor("cleared diagnostics", () => publishedFor(uri).length > count && last(publishedFor(uri)).diagnostics.length === 0);
});

test("a malformed shipshape.json is reported with its line; defaults apply; turning a rule off clears it", async () => {
  const { uri } = open("src/other.ts", EMPTY_CATCH);
  const initial = await diagnosticsAt(uri, 1);
  assert.equal(initial[0]?.severity, DiagnosticSeverity.Error);

  writeConfig('{\n  "rules" {\n    "empty-catch": "off"\n  }\n}\n');
  const message = await waitFor("a warning about shipshape.json", () => messages.find((m) => /shipshape\.json/.test(m.message)));
  assert.match(message.message, /line 2/);
  assert.match(message.message, /':' expected/);
  const configDiagnostics = await waitFor("diagnostics on shipshape.json", () => {
    const d = last(publishedFor(uriOf("shipshape.json")));
    return d && d.diagnostics.length > 0 ? d.diagnostics : undefined;
  });
  assert.equal(configDiagnostics[0].range.start.line, 1);
  // Defaults are in force: empty-catch is back to its default severity, warning.
  await waitFor("default severity", () => last(publishedFor(uri))?.diagnostics[0]?.severity === DiagnosticSeverity.Warning);

  // The same problem again (e.g. another save) is not shown twice.
  const shown = messages.length;
  const published = publishedFor(uriOf("shipshape.json")).length;
  writeConfig('{\n  "rules" {\n    "empty-catch": "off"\n  }\n}\n');
  await waitFor("the reload", () => publishedFor(uriOf("shipshape.json")).length > published);
  assert.equal(messages.length, shown);

  writeConfig(JSON.stringify({ rules: { "empty-catch": "off" } }));
  await waitFor("the finding to disappear", () => last(publishedFor(uri))?.diagnostics.length === 0);
  await waitFor("config problems cleared", () => last(publishedFor(uriOf("shipshape.json")))?.diagnostics.length === 0);
});

test("the config file open in the editor: its unsaved text is the config", async () => {
  const { uri } = open("src/third.ts", EMPTY_CATCH);
  await diagnosticsAt(uri, 1);
  assert.equal(last(publishedFor(uri)).diagnostics.length, 0, "empty-catch is off on disk");
  const configUri = uriOf("shipshape.json");
  const text = JSON.stringify({ rules: { "empty-catch": "off" } });
  let config = TextDocument.create(configUri, "json", 1, text);
  void conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: configUri, languageId: "json", version: 1, text } });
  const from = config.positionAt(text.indexOf('"off"'));
  config = change(config, [{ range: { start: from, end: config.positionAt(text.indexOf('"off"') + 5) }, newText: '"info"' }]);
  await waitFor("info severity from the unsaved config", () => last(publishedFor(uri))?.diagnostics[0]?.severity === DiagnosticSeverity.Information);
  void conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: configUri } });
  await waitFor("back to the file on disk", () => last(publishedFor(uri))?.diagnostics.length === 0);
});

test("commands: rule docs open externally; fix-all applies through the editor, only for the current version", async () => {
  await conn.sendRequest(ExecuteCommandRequest.type, { command: Commands.showDocs, arguments: ["empty-catch"] });
  await waitFor("window/showDocument", () => shownDocuments.length > 0);
  assert.equal(shownDocuments[0].external, true);
  assert.match(shownDocuments[0].uri, /^https:\/\/.*empty-catch\.md$/);

  writeConfig(JSON.stringify({ rules: {} }));
  const { uri } = open("src/fixall.ts", "try { a(); } catch {}\ntry { b(); } catch (err) {}\n");
  assert.equal((await waitFor("findings", () => last(publishedFor(uri))?.diagnostics.length === 2 || undefined)), true);
  await conn.sendRequest(ExecuteCommandRequest.type, { command: Commands.fixAll, arguments: [uri, 0] });
  assert.equal(appliedEdits.length, 0, "a request for another version applies nothing");
  await conn.sendRequest(ExecuteCommandRequest.type, { command: Commands.fixAll, arguments: [uri, 1] });
  const applied = await waitFor("workspace/applyEdit", () => appliedEdits[0]);
  const change = applied.edit.documentChanges![0] as TextDocumentEdit;
  assert.equal(change.textDocument.version, 1);
  assert.equal(change.edits.length, 3, "binding + block, block");
});

test("settings: shipshape.enable false clears diagnostics; shipshape.rules applies under shipshape.json", async () => {
  const { uri } = open("src/settings.ts", EMPTY_CATCH);
  await waitFor("a finding", () => last(publishedFor(uri))?.diagnostics.length === 1);
  settings = { ...settings, rules: { "empty-catch": "info" } };
  void conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
  await waitFor("severity from settings", () => last(publishedFor(uri))?.diagnostics[0]?.severity === DiagnosticSeverity.Information);
  settings = { ...settings, enable: false };
  void conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
  await waitFor("diagnostics cleared", () => last(publishedFor(uri))?.diagnostics.length === 0);
});

/** Apply a code action's WorkspaceEdit to disk as an editor would (create files, then edits). */
function applyToDisk(action: CodeAction): void {
  for (const c of action.edit?.documentChanges ?? []) {
    if ("kind" in c && c.kind === "create") {
      const p = new URL(c.uri);
      if (!fs.existsSync(p) || !c.options?.ignoreIfExists) fs.writeFileSync(p, "");
      continue;
    }
    if (!TextDocumentEdit.is(c)) continue;
    const p = new URL(c.textDocument.uri);
    const text = fs.existsSync(p) ? fs.readFileSync(p, "utf8") : "";
    const doc = TextDocument.create(c.textDocument.uri, "plaintext", 0, text);
    fs.writeFileSync(p, TextDocument.applyEdits(doc, c.edits as TextEdit[]));
  }
}

async function moveToEnv(rel: string, code: string): Promise<{ action: CodeAction; text: string }> {
  const { uri, doc } = open(rel, code);
  const diags = await diagnosticsAt(uri, 1);
  const secret = diags.find((d) => d.code === "hardcoded-secret");
  assert.ok(secret, `no hardcoded-secret in ${rel}: ${JSON.stringify(diags.map((d) => d.code))}`);
  assert.ok(!String(secret.message).includes("sk_live_51Qz"), "the message never carries the full value");
  const actions = (await conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: secret.range, context: { diagnostics: [secret] } })) as CodeAction[];
  const action = actions.find((a) => /^Move to \.env/.test(a.title));
  assert.ok(action, `no Move to .env action: ${actions.map((a) => a.title).join(" | ")}`);
  applyToDisk(action);
  const text = TextDocument.applyEdits(doc, editsFor(action, uri));
  void conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  return { action, text };
}

test("Move to .env through the server: one edit for the code, .env, .env.example and .gitignore; existing keys kept", async () => {
  const key = "sk_live_51QzT8rVb2XkP7mN4wLc9aHd3Fs6GjE0uYtRi";
  const env = path.join(workspace, ".env");
  const example = path.join(workspace, ".env.example");
  const gitignore = path.join(workspace, ".gitignore");
  for (const f of [env, example, gitignore]) fs.rmSync(f, { force: true });
  // The settings test before this one switched Shipshape off.
  settings = { debounceMs: DEBOUNCE_MS, logLevel: "debug" };
  void conn.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });

  // 1. No .env yet: it is created, and so are .env.example and the .gitignore entry.
  const first = await moveToEnv("src/pay1.ts", `export const stripeSecretKey = "${key}";\n`);
  assert.match(first.text, /process\.env\.STRIPE_SECRET_KEY/);
  assert.equal(fs.readFileSync(env, "utf8").trim(), `STRIPE_SECRET_KEY=${key}`);
  assert.match(fs.readFileSync(example, "utf8"), /^STRIPE_SECRET_KEY=$/m);
  assert.match(fs.readFileSync(gitignore, "utf8"), /^\.env$/m);

  // 2. .env holds other keys and the same name with another value: every existing byte stays, a new name is picked.
  const before = `# local settings\r\nDATABASE_URL=postgres://localhost/app\r\nSTRIPE_SECRET_KEY=sk_live_other\r\n`;
  fs.writeFileSync(env, before);
  const second = await moveToEnv("src/pay2.ts", `export const stripeSecretKey = "${key}";\n`);
  const after2 = fs.readFileSync(env, "utf8");
  assert.ok(after2.startsWith(before), "existing .env lines are kept byte for byte");
  assert.match(second.text, /process\.env\.STRIPE_SECRET_KEY_2/);
  assert.match(after2, new RegExp(`^STRIPE_SECRET_KEY_2=${key}`, "m"));
  assert.equal((fs.readFileSync(gitignore, "utf8").match(/^\.env$/gm) ?? []).length, 1, ".gitignore is not edited twice");

  // 3. The same value already stored under the name: reused, nothing appended.
  fs.writeFileSync(env, `STRIPE_SECRET_KEY=${key}\n`);
  const third = await moveToEnv("src/pay3.ts", `export const stripeSecretKey = "${key}";\n`);
  assert.match(third.text, /process\.env\.STRIPE_SECRET_KEY\b(?!_)/);
  assert.equal(fs.readFileSync(env, "utf8"), `STRIPE_SECRET_KEY=${key}\n`);
  // The whole change is one WorkspaceEdit, so one undo reverts it.
  assert.ok(third.action.edit?.documentChanges?.length, "a single WorkspaceEdit with documentChanges");
  // Nothing the server logged carries the value.
  assert.ok(!logs.some((l) => l.message.includes(key.slice(8))), "the server never logs the secret");
});
