// The `shipshape` command (bin/shipshape.js → dist/cli.js).
import { HELP, parseCommandLine, USAGE, UsageError } from "./args.js";
import { startLanguageServer } from "./lsp.js";
import { runReport } from "./reportCommand.js";
import { runScan, SetupError, type Io } from "./scanCommand.js";
import { isScanWorker } from "../workspace/parallelScan.js";
import { toolVersion } from "./version.js";
import { bootHook } from "./bootHook.js";

export async function run(argv: readonly string[], io: Io): Promise<number | undefined> {
  try {
    const cmd = parseCommandLine(argv);
    // The scan turns V8's optimising compiler on while it analyses files (see boot.ts); every
    // other command may run long (the language server, a report's whole scan): on at once.
    if (cmd.command !== "scan") bootHook()?.optimize(true);
    switch (cmd.command) {
      case "help":
        io.stdout.write(HELP);
        return 0;
      case "version":
        io.stdout.write(`${toolVersion()}\n`);
        return 0;
      case "lsp":
        return startLanguageServer(io.stderr);
      case "scan":
        bootHook()?.keepCodeCache();
        return await runScan(cmd, io);
      case "report":
        bootHook()?.keepCodeCache();
        return await runReport(cmd, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`shipshape: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof SetupError) {
      io.stderr.write(`shipshape: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`shipshape: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return 2;
  }
}

// `shipshape scan | head`: a closed pipe is the reader's choice, not a crash.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

// This module is only ever the bundle entry: run (unless this thread is a scan worker, which the
// bundled parallelScan module serves).
if (!isScanWorker) void (async () => {
  const code = await run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
  // undefined: the language server owns the process now.
  if (code !== undefined) process.exitCode = code;
})();
