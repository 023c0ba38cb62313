import * as fs from "node:fs";
import * as path from "node:path";
import type { LoadedConfig } from "../workspace/config.js";
import type { Io } from "./scanCommand.js";

/**
 * Print a configuration's problems as `file:line:col: message` and say what to do.
 * Returns true when there were problems (the command then exits 2).
 */
export function reportConfigProblems(loaded: Pick<LoadedConfig, "problems" | "file">, io: Io): boolean {
  if (loaded.problems.length === 0) return false;
  for (const p of loaded.problems) io.stderr.write(`${path.relative(io.cwd, p.file) || p.file}:${p.line}:${p.column}: ${p.message}\n`);
  io.stderr.write(`shipshape: fix the configuration in ${path.relative(io.cwd, loaded.file ?? "") || loaded.file} and run again.\n`);
  return true;
}

/** Write a command's output to `--output FILE` (folders created) or standard output. False when the file cannot be written. */
export function writeOutput(text: string, output: string | undefined, io: Io): boolean {
  if (output === undefined) {
    io.stdout.write(text);
    return true;
  }
  const target = path.resolve(io.cwd, output);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text, "utf8");
    return true;
  } catch (e) {
    io.stderr.write(`shipshape: cannot write ${output}: ${(e as Error).message}\n`);
    return false;
  }
}
