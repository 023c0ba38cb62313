// Run a command as a child process and measure it: wall time, and where GNU time exists
// (/usr/bin/time) the CPU time of the whole process tree and the peak RSS of its largest process.
import fs from "node:fs";
import { spawnSync } from "node:child_process";

export const hasGnuTime = fs.existsSync("/usr/bin/time");
const MARK = "__SHIPSHAPE_BENCH_TIME";

/** `{ wall, cpu, rss?, status, stdout, stderr, error? }`; cpu falls back to wall without GNU time. */
export function timed(command, args, { cwd } = {}) {
  const t0 = performance.now();
  const r = hasGnuTime
    ? spawnSync("/usr/bin/time", ["-f", `${MARK} %M %U %S`, command, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 26 })
    : spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  const wall = performance.now() - t0;
  let stderr = r.stderr ?? "";
  let rss;
  let cpu = wall;
  const at = stderr.lastIndexOf(MARK);
  if (hasGnuTime && at >= 0) {
    const [kb, user, sys] = stderr.slice(at + MARK.length).trim().split(/\s+/).map(Number);
    rss = kb * 1024;
    cpu = (user + sys) * 1000;
    // GNU time's own lines ("Command exited with non-zero status 1") are not the tool's output.
    stderr = stderr.slice(0, at).replace(/^Command (exited with non-zero status|terminated by signal) \d+\n?$/m, "");
  }
  return { wall, cpu, rss, status: r.status, stdout: r.stdout ?? "", stderr, error: r.error };
}
