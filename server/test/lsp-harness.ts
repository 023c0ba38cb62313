/**
 * A language server as a child process (the shipped bundle, freshly built), driven over stdio as
 * an editor would, recording everything it sends: diagnostics, log and show messages, status,
 * stderr, and the raw bytes of every message. Waits poll with a deadline; nothing sleeps blindly.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  LogTraceNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  SetTraceNotification,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShutdownRequest,
  type ApplyWorkspaceEditParams,
  type CodeAction,
  type Diagnostic,
  type LogMessageParams,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
} from "vscode-languageserver-protocol";
import { StatusNotification, type StatusParams } from "../src/protocol.js";
import { bundle } from "./cli-harness.js";

let serverPath: string | undefined;
/** The server bundle under test, built once per test process. */
export function serverBundle(): string {
  return (serverPath ??= bundle("server/src/main.ts", "server.js"));
}

export interface HarnessOptions {
  workspace: string;
  settings?: Record<string, unknown>;
  /** `$/setTrace` value sent after initialize. */
  trace?: "off" | "messages" | "verbose";
  /** Node flags for the server process (e.g. a `--require` hook) and extra environment. */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

export class LspHarness {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly traces: string[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly applied: ApplyWorkspaceEditParams[] = [];
  stderr = "";
  /** Everything the server wrote to stdout, as text: the complete record of what it sent. */
  stdout = "";
  child!: ChildProcess;
  conn!: ProtocolConnection;
  exited: Promise<number | null> = Promise.resolve(null);
  settings: Record<string, unknown>;

  constructor(readonly options: HarnessOptions) {
    this.settings = { debounceMs: 20, logLevel: "debug", ...options.settings };
  }

  uriOf(rel: string): string {
    return pathToFileURL(path.join(this.options.workspace, rel)).href;
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, [...(this.options.execArgv ?? []), serverBundle(), "--stdio"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, ...this.options.env },
    });
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
    this.child.stderr!.on("data", (d) => (this.stderr += String(d)));
    this.child.stdout!.on("data", (d) => (this.stdout += String(d)));
    this.child.stdin!.on("error", () => undefined);
    const c = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn = c;
    c.onError(() => undefined);
    c.onNotification(PublishDiagnosticsNotification.type, (p) => void this.diagnostics.push(p));
    c.onNotification(LogMessageNotification.type, (p) => void this.logs.push(p));
    c.onNotification(LogTraceNotification.type, (p) => void this.traces.push(`${p.message}\n${p.verbose ?? ""}`));
    c.onNotification(ShowMessageNotification.type, (p) => void this.messages.push(p));
    c.onNotification(StatusNotification, (p: StatusParams) => void this.statuses.push(p));
    c.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => this.settings));
    c.onRequest(RegistrationRequest.type, () => undefined);
    c.onRequest(ShowDocumentRequest.type, () => ({ success: true }));
    c.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      this.applied.push(p);
      return { applied: true };
    });
    c.listen();
    const root = pathToFileURL(this.options.workspace).href;
    await c.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: root,
      workspaceFolders: [{ uri: root, name: path.basename(this.options.workspace) }],
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ["create"] } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
      trace: this.options.trace ?? "off",
    });
    await c.sendNotification(InitializedNotification.type, {});
    if (this.options.trace) await c.sendNotification(SetTraceNotification.type, { value: this.options.trace });
  }

  async waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}${this.stderr ? `\nserver stderr:\n${this.stderr.slice(-2000)}` : ""}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  lastFor(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.diagnostics.length - 1; i >= 0; i--) if (this.diagnostics[i].uri === uri) return this.diagnostics[i];
    return undefined;
  }

  diagnosticsAt(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics for ${path.basename(uri)} v${version}`, () => {
      const p = this.lastFor(uri);
      return p && p.version === version ? p.diagnostics : undefined;
    }, timeoutMs);
  }

  open(rel: string, text: string, version = 1, languageId = "typescript"): string {
    const uri = this.uriOf(rel);
    void this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }) as Promise<CodeAction[]>;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Shut down politely, then make sure the process is gone. */
  async stop(): Promise<void> {
    const timeout = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
    if (this.alive) {
      try {
        await Promise.race([this.conn.sendRequest(ShutdownRequest.type), timeout(2000)]);
        await this.conn.sendNotification(ExitNotification.type);
      } catch {
        // already gone
      }
      await Promise.race([this.exited, timeout(2000)]);
    }
    if (this.alive) this.child.kill("SIGKILL");
    this.conn.dispose();
  }
}
