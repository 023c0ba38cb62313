import { test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type LogMessageParams,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import type { Rule } from "../../rules/src/index.js";
import { expectedRunMs, startServer } from "../src/server.js";
import { FakeClock, settle } from "./fakeClock.js";

/**
 * The server in this process with a hand-driven clock for its debounce: an analysis starts about
 * as long as the previous ones took before the debounce ends, and its diagnostics wait for the end.
 */
async function serverWithClock(debounceMs: number, rules?: readonly Rule[]) {
  const clock = new FakeClock();
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), { scheduler: clock, ...(rules ? { rules } : {}) });
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const logs: LogMessageParams[] = [];
  const published: PublishDiagnosticsParams[] = [];
  client.onNotification(LogMessageNotification.type, (p) => void logs.push(p));
  client.onNotification(PublishDiagnosticsNotification.type, (p) => void published.push(p));
  client.listen();
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs, logLevel: "debug" } });
  await client.sendNotification(InitializedNotification.type, {});
  /** Let messages cross the streams and the clock's due timers run. */
  const pump = async (ms = 0) => {
    for (let i = 0; i < 5; i++) await settle();
    await clock.advance(ms);
    for (let i = 0; i < 5; i++) await settle();
  };
  const dispose = () => {
    client.dispose();
    toServer.destroy();
    toClient.destroy();
  };
  return { clock, client, logs, published, pump, dispose };
}

test("expected run time: none without history, else the slowest recent run and a margin", () => {
  assert.equal(expectedRunMs(undefined), 0);
  assert.equal(expectedRunMs([]), 0);
  assert.equal(expectedRunMs([10, 20, 15]), 32);
});

test("with a debounce, an edit is analysed before the debounce ends and published when it ends", async () => {
  const s = await serverWithClock(200);
  try {
    const uri = "file:///nowhere/early.ts";
    const analysed = (v: number) => s.logs.some((l) => new RegExp(`analysed .*early\\.ts v${v} in`).test(l.message));
    const publishedAt = (v: number) => s.published.some((p) => p.uri === uri && p.version === v);
    await s.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "typescript", version: 1, text: "try { go(); } catch {}\n" } });
    await s.pump();
    assert.ok(publishedAt(1), "an opened document is analysed at once");
    const edit = (v: number) =>
      s.client.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: "\n" }],
      });

    // No analysis time known after the open alone: v2 runs when the debounce ends.
    await edit(2);
    await s.pump(199);
    assert.ok(!analysed(2));
    await s.pump(1);
    assert.ok(analysed(2) && publishedAt(2));

    // v2's time is known now: v3 runs before the debounce ends, and waits for it.
    await edit(3);
    await s.pump(199);
    assert.ok(analysed(3), "analysed ahead of the end of the debounce");
    assert.ok(!publishedAt(3), "but not published before it");
    await s.pump(1);
    assert.ok(publishedAt(3));
    assert.deepEqual(s.published.filter((p) => p.uri === uri).map((p) => p.version), [1, 2, 3]);
  } finally {
    s.dispose();
  }
});

const warmUpLogs = (logs: LogMessageParams[]) => logs.filter((l) => l.message.startsWith("JIT warm-up:")).map((l) => l.message);

test("JIT warm-up: the first source document is analysed again in the background, a fixed number of times, nothing published", async () => {
  const s = await serverWithClock(200);
  try {
    const a = "file:///nowhere/first.ts";
    await s.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: a, languageId: "typescript", version: 1, text: "try { go(); } catch {}\n" } });
    await s.pump();
    await s.pump(50);
    assert.deepEqual(warmUpLogs(s.logs), ["JIT warm-up: 10 background analyses of first.ts (done)"]);
    assert.equal(s.published.filter((p) => p.uri === a).length, 1, "warm-up runs publish nothing");
    assert.equal(s.logs.filter((l) => /analysed .*first\.ts/.test(l.message)).length, 1, "nor count as analyses");

    const b = "file:///nowhere/second.ts";
    await s.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: b, languageId: "typescript", version: 1, text: "export const b = 1;\n" } });
    await s.pump();
    await s.pump(50);
    assert.ok(s.published.some((p) => p.uri === b));
    assert.equal(warmUpLogs(s.logs).length, 1, "once per process");
  } finally {
    s.dispose();
  }
});

test("JIT warm-up: the first edit stops it for good", async () => {
  const s = await serverWithClock(200);
  try {
    const uri = "file:///nowhere/typed.ts";
    await s.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "typescript", version: 1, text: "export const a = 1;\n" } });
    await s.pump();
    await s.pump(1);
    await s.client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: "x" }],
    });
    await s.pump(1);
    assert.deepEqual(warmUpLogs(s.logs), ["JIT warm-up: 1 background analyses of typed.ts (stopped for an edit)"]);
    await s.pump(250);
    assert.ok(s.published.some((p) => p.uri === uri && p.version === 2));
    assert.equal(warmUpLogs(s.logs).length, 1, "not resumed after the edit's diagnostics");
  } finally {
    s.dispose();
  }
});

/** A rule that takes at least `ms` of wall time per file. */
function slowRule(ms: number): Rule {
  return {
    meta: { id: "slow", steps: ["structure"], severity: "warning", description: "takes its time", fixable: false },
    create: () => ({
      onEnd() {
        const until = performance.now() + ms;
        while (performance.now() < until);
      },
    }),
  };
}

test("JIT warm-up: bounded in time; none for a document whose first analysis was slow", async () => {
  const bounded = await serverWithClock(200, [slowRule(300)]);
  try {
    await bounded.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: "file:///nowhere/slow.ts", languageId: "typescript", version: 1, text: "export {};\n" } });
    await bounded.pump();
    for (let i = 0; i < 10 && warmUpLogs(bounded.logs).length === 0; i++) await bounded.pump(1);
    const [line] = warmUpLogs(bounded.logs);
    assert.match(line ?? "", /^JIT warm-up: [12] background analyses of slow\.ts \(time budget spent\)$/);
  } finally {
    bounded.dispose();
  }

  const skipped = await serverWithClock(200, [slowRule(1100)]);
  try {
    const uri = "file:///nowhere/huge.ts";
    await skipped.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "typescript", version: 1, text: "export {};\n" } });
    await skipped.pump();
    assert.ok(skipped.published.some((p) => p.uri === uri));
    await skipped.pump(50);
    assert.deepEqual(warmUpLogs(skipped.logs), []);
    assert.equal(skipped.clock.pending, 0, "nothing scheduled");
  } finally {
    skipped.dispose();
  }
});
