/**
 * The stdio transport's writing side. vscode-jsonrpc's stream writer sends a message as two writes:
 * the header, then (after a setImmediate and the header's write callback) the body. Every write
 * to the pipe can wake the client, and on a busy machine the kernel may run the client or anything
 * else before this process gets the CPU back to send the body, while the client waits for the
 * complete message: a few milliseconds at the median, tens in the tail, on every diagnostics
 * notification. Here a message is one write, sent at once. The bytes are the same.
 *
 * VS Code starts the server with `--node-ipc`, where `process.send` already writes a message once;
 * this is for `--stdio` (other editors, `shipshape lsp --stdio`, the benchmark and the tests).
 */
import { format } from "node:util";
import { AbstractMessageWriter, type Message, type MessageWriter, type RemoteConsole } from "vscode-languageserver/node";

export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on("error", (e: Error) => this.fireError(e));
    stream.on("close", () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let frame: string;
    try {
      const json = JSON.stringify(msg);
      frame = `Content-Length: ${Buffer.byteLength(json, "utf8")}\r\n\r\n${json}`;
    } catch (e) {
      this.fireError(e);
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      this.stream.write(frame, "utf8", (error?: Error | null) => {
        if (!error) return resolve();
        this.fireError(error, msg, ++this.errorCount);
        reject(error);
      });
    });
  }

  end(): void {
    this.stream.end();
  }
}

/**
 * With stdout carrying the protocol, a stray `console.log` (ours or a dependency's) would corrupt
 * it: send the console to the client's log instead, as vscode-languageserver does for `--stdio`
 * when it creates the streams itself.
 */
export function consoleToClient(remote: RemoteConsole): void {
  const text = (args: unknown[]) => format(...args);
  console.log = (...args: unknown[]) => remote.log(text(args));
  console.info = (...args: unknown[]) => remote.info(text(args));
  console.debug = (...args: unknown[]) => remote.log(text(args));
  console.warn = (...args: unknown[]) => remote.warn(text(args));
  console.error = (...args: unknown[]) => remote.error(text(args));
  console.trace = (...args: unknown[]) => remote.log(`Trace: ${text(args)}\n${new Error().stack?.split("\n").slice(2).join("\n") ?? ""}`);
  console.dir = (arg: unknown) => remote.log(format("%O", arg));
  console.assert = (condition?: unknown, ...args: unknown[]) => {
    if (!condition) remote.error(args.length ? `Assertion failed: ${text(args)}` : "Assertion failed");
  };
}
