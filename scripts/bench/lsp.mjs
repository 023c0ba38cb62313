// A minimal LSP client over stdio for the benchmark: spawn dist/server.js, send notifications,
// wait for publishDiagnostics of a given document version. No dependencies, so the numbers
// measure the server, not a client library.
import { spawn } from "node:child_process";

export class LspChild {
  constructor(serverJs, { nodeArgs = [], env } = {}) {
    this.proc = spawn(process.execPath, [...nodeArgs, serverJs, "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env: env ?? process.env });
    this.buf = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.waiters = [];
    /** Waiters for other notifications: { method, test, resolve }. */
    this.notificationWaiters = [];
    this.lastMessageAt = performance.now();
    this.proc.stdout.on("data", (d) => this.onData(d));
    this.proc.stderr.on("data", () => {});
  }

  onData(d) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const sep = this.buf.indexOf("\r\n\r\n");
      if (sep < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, sep).toString())[1]);
      if (this.buf.length < sep + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(sep + 4, sep + 4 + len).toString());
      this.buf = this.buf.subarray(sep + 4 + len);
      this.onMessage(msg);
    }
  }

  onMessage(msg) {
    this.lastMessageAt = performance.now();
    if (msg.id !== undefined && msg.method === undefined) {
      this.pending.get(msg.id)?.(msg);
      this.pending.delete(msg.id);
      return;
    }
    if (msg.id !== undefined && msg.method) {
      // A request from the server (configuration, registration): answer with nothing.
      this.write({ jsonrpc: "2.0", id: msg.id, result: msg.method === "workspace/configuration" ? (msg.params.items ?? []).map(() => null) : null });
      return;
    }
    if (msg.method) {
      this.notificationWaiters = this.notificationWaiters.filter((w) => {
        if (w.method !== msg.method || !w.test(msg.params)) return true;
        w.resolve(msg.params);
        return false;
      });
    }
    if (msg.method === "textDocument/publishDiagnostics") {
      const at = performance.now();
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === msg.params.uri && (w.version === undefined || msg.params.version === w.version)) {
          w.resolve(at);
          return false;
        }
        return true;
      });
    }
  }

  write(msg) {
    const body = Buffer.from(JSON.stringify(msg));
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.write({ jsonrpc: "2.0", id, method, params });
    });
  }

  notify(method, params) {
    this.write({ jsonrpc: "2.0", method, params });
  }

  /** Resolves with the time diagnostics for `uri` at `version` arrived. */
  diagnostics(uri, version, timeoutMs = 20_000) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: (at) => (clearTimeout(t), resolve(at)) });
    });
  }

  /** Resolves with the params of the next `method` notification that passes `test`. */
  next(method, test = () => true) {
    return new Promise((resolve) => this.notificationWaiters.push({ method, test, resolve }));
  }

  async initialize(settings) {
    await this.request("initialize", { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: settings });
    this.notify("initialized", {});
  }

  /** Wait until the server has been silent for `ms`. */
  async quiet(ms = 300) {
    while (performance.now() - this.lastMessageAt < ms) await new Promise((r) => setTimeout(r, ms / 3));
  }

  async close() {
    await Promise.race([this.request("shutdown", null), new Promise((r) => setTimeout(r, 2000))]);
    this.notify("exit", null);
    await new Promise((r) => {
      this.proc.once("exit", r);
      setTimeout(() => { this.proc.kill(); r(); }, 2000);
    });
  }
}
