import { parseArgs, type ParseArgsConfig } from "node:util";

export type Format = "text" | "json" | "sarif";
export type CacheStrategy = "stat" | "content";
const CACHE_STRATEGIES: readonly CacheStrategy[] = ["stat", "content"];
export const FORMATS: readonly Format[] = ["text", "json", "sarif"];

export interface ScanArgs {
  command: "scan";
  paths: string[];
  format: Format;
  output?: string;
  fix: boolean;
  /** -1 = no limit. */
  maxWarnings: number;
  quiet: boolean;
  verbose: boolean;
  timing: boolean;
  /** Worker threads: undefined = automatic (one per core on large scans), 0/1 = none. */
  jobs?: number;
  /** Reuse results of unchanged files from this folder (`--cache`), undefined = no cache. */
  cacheDir?: string;
  /** "stat" (default): trust a file's unchanged stat for its content hash; "content": hash every file. */
  cacheStrategy: CacheStrategy;
  /** Report findings but exit 0 (first runs, demos); usage and configuration errors still exit 2. */
  exitZero: boolean;
  color?: boolean;
}

import type { ReportFormat } from "../workspace/checklist.js";

export type { ReportFormat };
export const REPORT_FORMATS: readonly ReportFormat[] = ["markdown", "html", "json"];

export interface ReportArgs {
  command: "report";
  paths: string[];
  format: ReportFormat;
  output?: string;
}

export type Command =
  | ScanArgs
  | ReportArgs
  | { command: "lsp" }
  | { command: "help" }
  | { command: "version" };

/** Relative to the scan root, as ESLint and Babel keep theirs. */
export const DEFAULT_CACHE_DIR = "node_modules/.cache/shipshape";

/** A mistake on the command line: exit 2 with the message and the usage line. */
export class UsageError extends Error {}

export const USAGE = "usage: shipshape scan [paths…] [--format text|json|sarif] [--output FILE] [--fix] [--max-warnings N] [--quiet] [--verbose] [--timing] [--exit-zero]\n       shipshape report [paths…] [--format markdown|html|json] [--output FILE]\n       shipshape lsp --stdio";

export const HELP = `Shipshape — what stands between "works on my machine" and production-ready.

${USAGE}

Commands:
  scan [paths…]        Analyse the files under the given folders/files (default: the current folder).
                       The scan root is the nearest folder above them with shipshape.json or .git
                       (else the folder holding them): configuration is read there, paths are relative to it.
                       Text output ends with the readiness checklist summary.
  report [paths…]      The production-readiness checklist (steps, checks, findings per step) as a
                       document for a pull request or a reviewer. Exit 0 unless usage/config error.
  lsp --stdio          Start the language server for any LSP client (Neovim, Helix, Zed, …).

Options for scan:
  -f, --format FORMAT  text (default), json or sarif (SARIF 2.1.0, for code-scanning dashboards)
  -o, --output FILE    Write the report to FILE instead of standard output
      --fix            Apply safe fixes, write the files that changed, report what is left
      --max-warnings N Exit 1 when there are more than N warnings
  -q, --quiet          Report errors only
      --verbose        Also list skipped files (too large, binary, unreadable) and walk notes
      --timing         Print the time each rule took (to standard error)
      --jobs N         Threads analysing files (default: one per core for large scans on 3+ cores; 1 = no workers)
      --cache          Reuse the results of files that did not change since the last scan
      --cache-location DIR  Where --cache keeps them (default: node_modules/.cache/shipshape)
      --cache-strategy S  stat (default: a file whose size, times and inode are unchanged is not
                       read again) or content (read and hash every file)
      --exit-zero      Exit 0 even when there are findings (usage/config errors still exit 2)
      --color, --no-color  Force colour on or off (default: on for a terminal; NO_COLOR / FORCE_COLOR honoured)
Options for report:
  -f, --format FORMAT  markdown (default), html (self-contained page) or json (a stable contract:
                       { steps: [{ id, title, status, items, findings }], score: { passed, total } })
  -o, --output FILE    Write the report to FILE instead of standard output

  -h, --help           Show this help
  -v, --version        Show the version

Exit status: 0 no error-level finding, 1 errors found (or more warnings than --max-warnings),
2 usage or configuration error.
`;

/** Parse the command line. Throws UsageError for anything the user must correct. */
export function parseCommandLine(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError("missing command");
  if (first === "--help" || first === "-h" || first === "help") return { command: "help" };
  if (first === "--version" || first === "-v" || first === "version") return { command: "version" };
  if (first === "lsp") {
    // The server reads its transport flag from process.argv itself; accept the usual ones.
    const unknown = rest.find((a) => !["--stdio", "--node-ipc"].includes(a) && !a.startsWith("--socket=") && !a.startsWith("--clientProcessId="));
    if (unknown) throw new UsageError(`unknown option for lsp: ${unknown}`);
    if (rest.length === 0) throw new UsageError("lsp needs a transport: --stdio");
    return { command: "lsp" };
  }
  if (first === "report") return parseReport(rest);
  if (first !== "scan") throw new UsageError(first.startsWith("-") ? `unknown option: ${first}` : `unknown command: ${first}`);
  return parseScan(rest);
}

function parseScan(argv: readonly string[]): Command {
  const parsed = parseOptions({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: "string", short: "f" },
      output: { type: "string", short: "o" },
      fix: { type: "boolean" },
      "max-warnings": { type: "string" },
      quiet: { type: "boolean", short: "q" },
      verbose: { type: "boolean" },
      timing: { type: "boolean" },
      jobs: { type: "string", short: "j" },
      cache: { type: "boolean" },
      "cache-location": { type: "string" },
      "cache-strategy": { type: "string" },
      "exit-zero": { type: "boolean" },
      color: { type: "boolean" },
      "no-color": { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
  const v = parsed.values;
  if (v.help) return { command: "help" };
  if (v.version) return { command: "version" };
  const format = (v.format ?? "text") as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${v.format}" (expected one of: ${FORMATS.join(", ")})`);
  if (v.output === "") throw new UsageError("--output needs a file name");
  let maxWarnings = -1;
  if (v["max-warnings"] !== undefined) {
    const raw = v["max-warnings"];
    if (!/^-?\d+$/.test(raw) || Number(raw) < -1) throw new UsageError(`--max-warnings expects a whole number ≥ 0, got "${raw}"`);
    maxWarnings = Number(raw);
  }
  let jobs: number | undefined;
  if (v.jobs !== undefined) {
    if (!/^\d+$/.test(v.jobs)) throw new UsageError(`--jobs expects a whole number ≥ 0, got "${v.jobs}"`);
    jobs = Number(v.jobs);
  }
  if (v["cache-location"] === "") throw new UsageError("--cache-location needs a folder");
  const cacheDir = v.cache || v["cache-location"] !== undefined ? v["cache-location"] ?? DEFAULT_CACHE_DIR : undefined;
  const cacheStrategy = (v["cache-strategy"] ?? "stat") as CacheStrategy;
  if (!CACHE_STRATEGIES.includes(cacheStrategy)) throw new UsageError(`unknown cache strategy "${v["cache-strategy"]}" (expected one of: ${CACHE_STRATEGIES.join(", ")})`);
  return {
    command: "scan",
    paths: parsed.positionals,
    format,
    output: v.output,
    fix: v.fix === true,
    maxWarnings,
    quiet: v.quiet === true,
    verbose: v.verbose === true,
    timing: v.timing === true,
    jobs,
    cacheDir,
    cacheStrategy,
    exitZero: v["exit-zero"] === true,
    color: v["no-color"] ? false : v.color ? true : undefined,
  };
}

function parseReport(argv: readonly string[]): Command {
  const parsed = parseOptions({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: "string", short: "f" },
      output: { type: "string", short: "o" },
      help: { type: "boolean", short: "h" },
    },
  });
  const v = parsed.values;
  if (v.help) return { command: "help" };
  const raw = v.format ?? "markdown";
  const format = (raw === "md" ? "markdown" : raw) as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`unknown report format "${raw}" (expected one of: ${REPORT_FORMATS.join(", ")})`);
  if (v.output === "") throw new UsageError("--output needs a file name");
  return { command: "report", paths: parsed.positionals, format, output: v.output };
}

/** parseArgs, strict, with its errors turned into usage errors in the command line's terms. */
function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(describeParseError(e as Error));
  }
}

/** Node's parseArgs messages mention its own API; say it in the terms of the command line. */
function describeParseError(e: Error): string {
  const code = (e as NodeJS.ErrnoException).code;
  const option = /(--[\w-]+)/.exec(e.message)?.[1] ?? /'(-\w)/.exec(e.message)?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option: ${option}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
    return /argument missing|ambiguous/.test(e.message) ? `missing value for ${option}` : `${option} does not take a value`;
  }
  return e.message.split("\n")[0];
}
