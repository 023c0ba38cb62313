// Every process the e2e run starts is tracked here, so it can be ended, with its children,
// however the run ends (success, failure, a signal, a timeout).
import fs from "node:fs";
import { spawn } from "node:child_process";

const groups = new Set();
const cleanups = [];

/** Spawn in a process group of its own (detached), logging to `logFile`. */
export function spawnTracked(cmd, args, { env, cwd, logFile }) {
  const out = fs.openSync(logFile, "a");
  const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  groups.add(child.pid);
  child.on("exit", () => groups.delete(child.pid));
  return child;
}

export function onCleanup(fn) {
  cleanups.push(fn);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes whose command line or environment mentions `marker` (our scratch folder). */
function processesMentioning(marker) {
  const found = [];
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const environ = fs.readFileSync(`/proc/${pid}/environ`, "utf8");
      if (cmdline.includes(marker) || environ.includes(marker)) found.push(pid);
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return found;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * End everything: cleanup callbacks (browsers), then each process group (TERM, then KILL), then
 * any straggler that left its group but still carries our scratch folder in its environment.
 * Returns how many stragglers had to be killed.
 */
export async function cleanupAll(scratchMarker) {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      await Promise.race([fn(), sleep(10_000)]);
    } catch {
      // Best effort: the process kill below still runs.
    }
  }
  const pids = [...groups];
  for (const pid of pids) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // Group already gone.
    }
  }
  const deadline = Date.now() + 5_000;
  while (pids.some(alive) && Date.now() < deadline) await sleep(100);
  for (const pid of pids) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // Group already gone.
    }
  }
  let stragglers = 0;
  if (scratchMarker) {
    for (let round = 0; round < 3; round++) {
      const left = processesMentioning(scratchMarker);
      if (left.length === 0) break;
      for (const pid of left) {
        try {
          process.kill(pid, "SIGKILL");
          stragglers++;
        } catch {
          // Exited meanwhile.
        }
      }
      await sleep(200);
    }
  }
  return stragglers;
}
