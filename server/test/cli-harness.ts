// Shared by the CLI and workspace tests: fresh bundles of the code under test, temp workspaces,
// and a way to run the CLI as a child process.
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");
// One folder per test process: test files run in parallel and must not rewrite each other's bundle.
const bundleDir = path.join(repoRoot, "out", ".bundles", String(process.pid));
process.on("exit", () => fs.rmSync(bundleDir, { recursive: true, force: true }));

/**
 * Bundle an entry the way esbuild.mjs does (the shipped form), under out/.bundles so the
 * externals resolve from the repo's node_modules. Tests bundle themselves instead of trusting a
 * dist/ that may predate the code under test.
 */
export function bundle(entry: string, outName: string): string {
  const outfile = path.join(bundleDir, outName);
  esbuild.buildSync({
    entryPoints: [path.join(repoRoot, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["typescript", "minimatch"],
    logLevel: "silent",
  });
  return outfile;
}

let cliPath: string | undefined;
/** The CLI bundle under test, built once per test process. */
export function cliBundle(): string {
  return (cliPath ??= bundle("server/src/cli/main.ts", "cli.js"));
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  // A test must see what CI sees: no colour forced in from the developer's shell.
  if (!opts.env || !("FORCE_COLOR" in opts.env)) delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [cliBundle(), ...args], { cwd: opts.cwd ?? repoRoot, env, encoding: "utf8", maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp folder with the given files (paths relative to it, "/" separators). */
export function makeWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-test-"));
  writeFiles(dir, files);
  return fs.realpathSync(dir);
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split("/"));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
}

export function removeWorkspace(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export const EMPTY_CATCH = "export function load(raw: string) {\n  try {\n    return JSON.parse(raw);\n  } catch (e) {}\n}\n";
export const CLEAN = "export const answer = 42;\n";
