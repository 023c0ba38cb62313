// Starts code-server for one e2e run: loopback only, no auth, every folder it writes inside the
// run's scratch folder, and waits (bounded) until it answers.
import fs from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { spawnTracked } from "./processes.mjs";

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The environment code-server and everything under it gets: no writes to $HOME or /tmp. */
export function codeServerEnv(tools, scratch, extra = {}) {
  const dirs = { XDG_CONFIG_HOME: "xdg/config", XDG_DATA_HOME: "xdg/data", XDG_CACHE_HOME: "xdg/cache", XDG_STATE_HOME: "xdg/state", TMPDIR: "tmp", HOME: "home" };
  const env = { ...process.env, PATH: `${path.dirname(tools.node.bin)}${path.delimiter}${process.env.PATH}`, ...extra };
  for (const [key, rel] of Object.entries(dirs)) {
    env[key] = key === "TMPDIR" ? shortTmp() : path.join(scratch, rel);
    fs.mkdirSync(env[key], { recursive: true });
  }
  return env;
}

let shortTmpDir;
/**
 * Chromium and code-server put Unix sockets in TMPDIR, and a socket path may not exceed 107
 * bytes: under a clone in a deep folder the scratch path is too long (Chromium aborts with
 * "Socket path too long"). So TMPDIR is a short folder of its own, removed when the run ends.
 */
function shortTmp() {
  if (shortTmpDir) return shortTmpDir;
  const base = fs.existsSync("/tmp") ? "/tmp" : os.tmpdir();
  shortTmpDir = fs.mkdtempSync(path.join(base, "sse-"));
  process.on("exit", () => fs.rmSync(shortTmpDir, { recursive: true, force: true }));
  return shortTmpDir;
}

function commonArgs(scratch) {
  return ["--user-data-dir", path.join(scratch, "user-data"), "--extensions-dir", path.join(scratch, "extensions")];
}

export function installExtension(tools, scratch, env, vsix) {
  const r = spawnSync(tools.node.bin, [tools.codeServer.entry, ...commonArgs(scratch), "--install-extension", vsix], { env, encoding: "utf8", timeout: 180_000, stdio: ["ignore", "pipe", "pipe"] });
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}${r.stderr}`);
  const dir = fs.readdirSync(path.join(scratch, "extensions")).find((d) => d.startsWith("shipshape.shipshape-"));
  if (!dir) throw new Error(`the extension is not in the extensions folder after installing:\n${r.stdout}${r.stderr}`);
  return path.join(scratch, "extensions", dir);
}

export function writeUserSettings(scratch) {
  const dir = path.join(scratch, "user-data", "User");
  fs.mkdirSync(dir, { recursive: true });
  const settings = {
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "security.workspace.trust.enabled": false,
    "extensions.autoUpdate": false,
    "extensions.autoCheckUpdates": false,
    "extensions.ignoreRecommendations": true,
    "update.mode": "none",
    "telemetry.telemetryLevel": "off",
    "typescript.disableAutomaticTypeAcquisition": true,
    // The scratch copy of test-workspace has no node_modules: TypeScript's "cannot find module"
    // errors would be squiggles that are not Shipshape's, in the test's selectors and the pictures.
    "typescript.validate.enable": false,
    "javascript.validate.enable": false,
    "git.enabled": false,
    "chat.disableAIFeatures": true,
    "workbench.secondarySideBar.defaultVisibility": "hidden",
    "window.commandCenter": false,
    "editor.minimap.enabled": false,
    "files.hotExit": "off",
  };
  fs.writeFileSync(path.join(dir, "settings.json"), JSON.stringify(settings, null, 2));
}

export async function startCodeServer(tools, scratch, env, { port, smokeTestDriver }) {
  const args = [
    tools.codeServer.entry,
    "--auth", "none",
    "--bind-addr", `127.0.0.1:${port}`,
    ...commonArgs(scratch),
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--reconnection-grace-time", "5",
  ];
  if (smokeTestDriver) args.push("--vscode-option", "enable-smoke-test-driver");
  const logFile = path.join(scratch, "code-server.log");
  const child = spawnTracked(tools.node.bin, args, { env, cwd: scratch, logFile });
  let exited = null;
  child.on("exit", (code, signal) => (exited = signal ?? code));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before answering; see ${logFile}:\n${fs.readFileSync(logFile, "utf8").slice(-3000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on port ${port} within 90 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, url: `http://127.0.0.1:${port}`, port, logFile, hasExited: () => exited !== null };
}
