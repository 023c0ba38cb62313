import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { StreamMessageReader, StreamMessageWriter, type Message, type RemoteConsole } from "vscode-languageserver/node";
import { consoleToClient, StdioMessageWriter } from "../src/transport.js";
import { LspHarness, serverBundle } from "./lsp-harness.js";

/** A writable that records each chunk it is handed, as a separate write. */
function recorder(fail?: Error) {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb(fail);
    },
  });
  return { chunks, stream };
}

/** What vscode-jsonrpc's own stream writer puts on the wire for these messages, all writes joined. */
async function libraryBytes(messages: Message[]): Promise<Buffer> {
  const r = recorder();
  const writer = new StreamMessageWriter(r.stream);
  for (const m of messages) await writer.write(m);
  return Buffer.concat(r.chunks);
}

const MESSAGES: Message[] = [
  { jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: { uri: "file:///a.ts", version: 3, diagnostics: [{ message: "naïve “quote” — 🚀", range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }] } } as Message,
  { jsonrpc: "2.0", id: 7, result: null } as Message,
  { jsonrpc: "2.0", method: "shipshape/status", params: { state: "ok", lastAnalysisMs: 1.5 } } as Message,
];

test("stdio writer: one write per message, byte for byte what the library's writer sends", async () => {
  const r = recorder();
  const writer = new StdioMessageWriter(r.stream);
  for (const m of MESSAGES) await writer.write(m);
  assert.equal(r.chunks.length, MESSAGES.length, "header and body go out in the same write");
  assert.deepEqual(Buffer.concat(r.chunks), await libraryBytes(MESSAGES));
  // Content-Length counts bytes, not characters: the non-ASCII message must still frame right.
  const first = r.chunks[0].toString("utf8");
  const length = Number(/^Content-Length: (\d+)\r\n\r\n/.exec(first)![1]);
  assert.equal(length, r.chunks[0].length - first.indexOf("\r\n\r\n") - 4);
  assert.ok(length > first.length - first.indexOf("\r\n\r\n") - 4, "the test message has multi-byte characters");
});

test("stdio writer: messages written without waiting stay in order and parse back", async () => {
  const r = recorder();
  const writer = new StdioMessageWriter(r.stream);
  await Promise.all(MESSAGES.map((m) => writer.write(m)));
  const { PassThrough } = await import("node:stream");
  const pipe = new PassThrough();
  const reader = new StreamMessageReader(pipe);
  const read: Message[] = [];
  reader.listen((m) => read.push(m));
  pipe.end(Buffer.concat(r.chunks));
  for (let i = 0; i < 50 && read.length < MESSAGES.length; i++) await new Promise((res) => setImmediate(res));
  assert.deepEqual(read, MESSAGES);
  reader.dispose();
});

test("stdio writer: a failed write rejects and is reported with the message and a count; close is reported", async () => {
  const r = recorder(new Error("EPIPE"));
  const writer = new StdioMessageWriter(r.stream);
  const errors: Array<[Error, Message | undefined, number | undefined]> = [];
  writer.onError((e) => errors.push(e));
  let closed = false;
  writer.onClose(() => (closed = true));
  await assert.rejects(writer.write(MESSAGES[1]), /EPIPE/);
  assert.equal(errors[0]?.[1], MESSAGES[1]);
  assert.equal(errors[0]?.[2], 1);
  r.stream.destroy();
  await new Promise((res) => setImmediate(res));
  assert.ok(closed);
});

test("stdio writer: a message that cannot be serialised rejects without writing", async () => {
  const r = recorder();
  const writer = new StdioMessageWriter(r.stream);
  const errors: unknown[] = [];
  writer.onError((e) => errors.push(e));
  const cyclic: Record<string, unknown> = { jsonrpc: "2.0", method: "x" };
  cyclic.params = cyclic;
  await assert.rejects(writer.write(cyclic as unknown as Message));
  assert.equal(r.chunks.length, 0);
  assert.equal(errors.length, 1);
});

test("console output goes to the client's log, never to stdout", () => {
  const saved = { ...console };
  const got: string[] = [];
  const remote = {
    log: (m: string) => got.push(`log ${m}`),
    info: (m: string) => got.push(`info ${m}`),
    warn: (m: string) => got.push(`warn ${m}`),
    error: (m: string) => got.push(`error ${m}`),
  } as unknown as RemoteConsole;
  try {
    consoleToClient(remote);
    console.log("a %s", "b", 1);
    console.info("i");
    console.debug("d");
    console.warn("w");
    console.error(new Error("boom").message);
    console.assert(true, "never");
    console.assert(false, "broken");
    console.dir({ k: 1 });
  } finally {
    Object.assign(console, saved);
  }
  assert.deepEqual(got, ["log a b 1", "info i", "log d", "warn w", "error boom", "error Assertion failed: broken", "log { k: 1 }"]);
});

test("the server over stdio: a stray console.log arrives as a log message; closing stdin ends the process", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-stdio-"));
  const hook = path.join(dir, "stray.cjs");
  // Runs once the server has set up its connection, like a dependency logging on first use.
  fs.writeFileSync(hook, `setTimeout(() => console.log("stray output from a dependency"), 0);\n`);
  const server = new LspHarness({ workspace: dir, execArgv: ["--require", hook] });
  try {
    // Stray bytes before a header would leave the client waiting for the initialize answer forever.
    // (Bundled first: on a loaded machine that alone can take seconds.)
    serverBundle();
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([
      server.start(),
      new Promise((_, reject) => (deadline = setTimeout(() => reject(new Error("no answer to initialize: the server's output no longer parses as LSP messages")), 60_000))),
    ]).finally(() => clearTimeout(deadline));
    await server.waitFor("the stray line as a log message", () => server.logs.find((l) => l.message.includes("stray output from a dependency")));
    assert.ok(!/^stray/m.test(server.stdout), "nothing but protocol messages on stdout");
    // A client that goes away without shutdown: the process must not linger (exit code 1, as the library does).
    server.child.stdin!.end();
    assert.equal(await server.exited, 1);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
