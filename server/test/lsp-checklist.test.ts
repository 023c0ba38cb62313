import { after, test } from "node:test";
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
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  type LogMessageParams,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol";
import { ChecklistChangedNotification, ChecklistRequest, type ChecklistResult } from "../src/protocol.js";
import { runCli } from "./cli-harness.js";

/**
 * The workspace scan end to end: the bundled server over stdio on a copy of test-workspace/
 * (outside any git repository), asked for the checklist as the sidebar asks for it.
 */
const repo = path.resolve(__dirname, "../../..");
const bundle = path.join(repo, "dist", "server.js");
const expected = JSON.parse(fs.readFileSync(path.join(repo, "test-workspace", "expected-checklist.json"), "utf8")) as ChecklistResult & { rules: string[] };

const scratch: string[] = [];
after(() => {
  for (const d of scratch) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  scratch.push(d);
  return d;
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000, why = () => ""): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}\n${why()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Session {
  conn: ProtocolConnection;
  child: ChildProcess;
  diagnostics: PublishDiagnosticsParams[];
  logs: LogMessageParams[];
  changed: number;
  progressTokens: number;
  stderr: string;
  stop(): Promise<void>;
}

async function startServer(workspace: string, storagePath: string, settings: Record<string, unknown> = {}): Promise<Session> {
  if (!fs.existsSync(bundle)) {
    const r = spawnSync(process.execPath, [path.join(repo, "esbuild.mjs")], { cwd: repo, encoding: "utf8" });
    assert.equal(r.status, 0, `bundling failed: ${r.stderr}`);
  }
  const child = spawn(process.execPath, [bundle, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  child.stdin!.on("error", () => undefined);
  const s: Session = {
    conn,
    child,
    diagnostics: [],
    logs: [],
    changed: 0,
    progressTokens: 0,
    stderr: "",
    async stop() {
      const timeout = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
      const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once("exit", () => r())));
      try {
        await Promise.race([conn.sendRequest(ShutdownRequest.type), timeout(2000)]);
        await conn.sendNotification(ExitNotification.type);
      } catch {
        // already gone
      }
      await Promise.race([exited, timeout(2000)]);
      child.kill();
      conn.dispose();
    },
  };
  child.stderr!.on("data", (d) => (s.stderr += String(d)));
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => void s.diagnostics.push(p));
  conn.onNotification(LogMessageNotification.type, (p) => void s.logs.push(p));
  conn.onNotification(ChecklistChangedNotification, () => void s.changed++);
  conn.onRequest(WorkDoneProgressCreateRequest.method, () => {
    s.progressTokens++;
    return null;
  });
  conn.listen();
  const uri = pathToFileURL(workspace).href;
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: "ws" }],
    capabilities: { window: { workDoneProgress: true } },
    initializationOptions: { debounceMs: 20, logLevel: "debug", storagePath, ...settings },
  });
  await conn.sendNotification(InitializedNotification.type, {});
  return s;
}

const checklistOf = (s: Session, manualTicks: string[] = []) => s.conn.sendRequest(ChecklistRequest, { manualTicks }) as Promise<ChecklistResult>;
const scanLogs = (s: Session) => s.logs.map((l) => l.message).filter((m) => m.startsWith("workspace scan of"));

/** Compared on what the checklist claims: step and item statuses, and the findings of the rules the file speaks for. */
function shape(c: ChecklistResult, rules: readonly string[]) {
  return c.steps.map((st) => ({
    id: st.id,
    status: st.status,
    items: st.items.map((i) => `${i.id}=${i.status}`),
    findings: st.findings.filter((f) => rules.includes(f.rule)).map((f) => `${f.file}:${f.line} ${f.rule}`),
  }));
}

test("the workspace scan of test-workspace yields the expected checklist, problems of unopened files, and a cache", { timeout: 120_000 }, async () => {
  const workspace = tempDir("shipshape-ws-");
  fs.cpSync(path.join(repo, "test-workspace"), workspace, { recursive: true });
  const storage = tempDir("shipshape-storage-");
  let s = await startServer(workspace, storage);
  try {
    const c = await checklistOf(s);
    assert.equal(c.folderUri, pathToFileURL(workspace).href);
    assert.ok(c.sourceFiles > 10, `source files: ${c.sourceFiles}`);
    assert.ok(c.fixableRules?.includes("empty-catch"), "the view offers Fix on empty-catch findings");
    assert.deepEqual(shape(c, expected.rules), shape(expected, expected.rules), "regenerate with `node scripts/update-expected-checklist.mjs` if the change is intended");
    assert.deepEqual(c.score, expected.score);
    // The sidebar and `shipshape report` agree exactly, whatever rules this build registers.
    const cli = runCli(["report", workspace, "--format", "json"]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual({ steps: c.steps, score: c.score }, JSON.parse(cli.stdout));
    assert.ok(s.progressTokens >= 1, "the scan reports progress");

    // Problems of files nobody opened are published (scope "workspace" is the default) …
    const mailer = pathToFileURL(path.join(workspace, "api/src/lib/mailer.ts")).href;
    const published = await waitFor("problems of an unopened file", () => s.diagnostics.filter((d) => d.uri === mailer).at(-1));
    assert.deepEqual(published.diagnostics.filter((d) => d.code === "empty-catch").map((d) => `${d.range.start.line + 1} ${d.code}`), ["21 empty-catch", "40 empty-catch"]);
    // … never of ignored ones.
    assert.ok(!s.diagnostics.some((d) => d.uri.endsWith(".generated.ts") || d.uri.includes("scripts/legacy")));

    // Ticks turn "confirm by hand" items into passes.
    const ticked = await checklistOf(s, ["monitoring.uptime"]);
    assert.equal(ticked.steps.find((x) => x.id === "monitoring")!.items.find((i) => i.id === "monitoring.uptime")!.status, "pass");

    // A file fixed on disk: re-analysed, the client is told, the checklist follows.
    const before = s.changed;
    const mailerPath = path.join(workspace, "api/src/lib/mailer.ts");
    fs.writeFileSync(mailerPath, fs.readFileSync(mailerPath, "utf8").replace(/catch \(\w*\) \{\s*\}/g, "catch (e) { console.error(e); }").replace(/\.catch\(\(\) => \{\s*\}\)/g, ".catch(console.error)"));
    void s.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: mailer, type: FileChangeType.Changed }] });
    await waitFor("checklistChanged", () => s.changed > before, 20_000, () => s.stderr);
    const after = await checklistOf(s);
    const errors = after.steps.find((x) => x.id === "errors")!;
    assert.ok(!errors.findings.some((f) => f.file === "api/src/lib/mailer.ts"), JSON.stringify(errors.findings));
    assert.equal(s.diagnostics.filter((d) => d.uri === mailer).at(-1)!.diagnostics.filter((d) => d.code === "empty-catch").length, 0, "its problems are cleared");

    // An open document's findings win over the file on disk.
    const ui = pathToFileURL(path.join(workspace, "api/src/lib/payments.ts")).href;
    void s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: ui, languageId: "typescript", version: 1, text: "export function pay() {\n  try { charge(); } catch (e) {}\n}\n" } });
    await waitFor("the open document's problems", () => s.diagnostics.some((d) => d.uri === ui && d.version === 1));
    // The checklist follows the editor within moments (it is recomputed on request, after the
    // analysis of the open version is stored): poll it with a deadline rather than assume ordering.
    const hasOpenFinding = (c: ChecklistResult) => c.steps.find((x) => x.id === "errors")!.findings.some((f) => f.file === "api/src/lib/payments.ts" && f.line === 2);
    let open = await checklistOf(s);
    for (const deadline = Date.now() + 10_000; !hasOpenFinding(open) && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 50));
      open = await checklistOf(s);
    }
    assert.ok(hasOpenFinding(open), JSON.stringify(open.steps.find((x) => x.id === "errors")!.findings));
    void s.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: ui } });

    // scope "openFiles" clears the problems of unopened files.
    const orders = pathToFileURL(path.join(workspace, "api/src/routes/orders.ts")).href;
    assert.ok((s.diagnostics.filter((d) => d.uri === orders).at(-1)?.diagnostics.length ?? 0) > 0);
    void s.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { shipshape: { scope: "openFiles" } } });
    await waitFor("cleared problems", () => s.diagnostics.filter((d) => d.uri === orders).at(-1)?.diagnostics.length === 0);
    await waitFor("the scan after the settings change", () => scanLogs(s).length >= 2);
  } finally {
    await s.stop();
  }

  // A restart over the same storage reparses nothing that did not change.
  s = await startServer(workspace, storage);
  try {
    const c = await checklistOf(s);
    assert.equal(c.steps.length, 10);
    const log = scanLogs(s).at(-1) ?? "";
    assert.match(log, /\(0 analysed, \d+ unchanged\)/, log + s.stderr.split("\n").filter((l) => l.startsWith("CACHEMISS")).slice(-3).join("\n"));
    assert.ok(fs.readdirSync(storage).some((n) => n.startsWith("analysis-")), "the cache lives in the extension's storage");
    assert.ok(!fs.readdirSync(workspace).some((n) => n.startsWith("analysis-")), "never in the workspace");
  } finally {
    await s.stop();
  }
});
