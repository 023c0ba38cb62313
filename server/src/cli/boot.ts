// dist/cli.js: start the CLI bundle (dist/cli-bundle.js) from V8's code cache.
//
// The bundle is 10 MB, TypeScript included. Compiling it costs every process, and every scan
// worker thread, a few hundred milliseconds before the first file is read: more than a warm scan
// spends on everything else. V8 can serialise what it compiled (top-level code and the functions
// a scan ran) and take it back next time instead of compiling again. Node 22 does this itself
// (`module.enableCompileCache`); Node 20, the oldest supported, does not, so this loader does it
// with `vm.Script`'s `cachedData`. Anything that goes wrong here only costs the compile: a missing,
// stale or corrupt cache is rejected by V8 or skipped, and the bundle is compiled from source.
import { isAscii } from "node:buffer";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { isMainThread } from "node:worker_threads";
import { BOOT_KEY, type Boot } from "./bootHook.js";

const MAGIC = Buffer.from("shipshape-v8-1\n");
const digest = (data: Buffer) => createHash("sha256").update(data).digest();
/** What esbuild.mjs ends the bundle with: the SHA-1 of everything before it (see `compile`). */
const BUILD_MARK = /\n\/\/# shipshape-sha1=([0-9a-f]{40})\n$/;
const BUILD_MARK_TAIL = 64;
/** The function the bundle runs in (CommonJS's module wrapper); esbuild.mjs writes the same. */
const WRAPPER_HEAD = Buffer.from("(function (exports, require, module, __filename, __dirname) {");

/**
 * A cold scan spent as much CPU in V8's background compiler as in the scan itself (dub: some
 * 2.4 s beside 2.5 s on the main thread): TurboFan inlines up to 920 bytes of bytecode into
 * every function it optimises, and a scan optimises hundreds of rule and parser functions once,
 * for one run. A budget of 200 roughly halves that work and leaves the main thread as fast
 * (dub: CPU 4.7 s -> 3.9 s, wall 3.0 s -> 2.6 s on two cores; the generated workspace: CPU -4%,
 * wall the same). Set before the bundle is compiled, so the code cache is made and checked
 * under the same flags every run; the CLI's processes only (not the language server).
 */
const V8_FLAGS = "--max-inlined-bytecode-size-cumulative=200";
v8.setFlagsFromString(V8_FLAGS);
trace(`v8 flags ${V8_FLAGS}`);

const bundle = path.join(__dirname, "cli-bundle.js");
const { script, file, status } = compile();
trace(`code cache ${status}${file ? `: ${file}` : ""}`);

/**
 * TurboFan, V8's optimising compiler, compiles in the background what got hot, which pays off
 * for code that keeps running. Most of a CLI run is code that runs once: start-up, the walk, the
 * cache checks, the report; TurboFan's work on it cost a warm scan of dub some 60 ms of CPU in
 * 370 (the walk alone 90 -> 64 ms without it). So the main thread starts with it off; the scan
 * turns it on while it analyses files (the long, hot part: a cold scan is 2.5 times slower
 * without it) and for scan workers, every other command at once. Left alone when the user
 * chose for themselves (`node --no-opt`, `--jitless` …). The flags are the whole process's, so
 * only the main thread decides.
 */
const userChoseJit = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)].some((a) => /^--(no-)?(turbofan|opt|jitless|maglev)\b/.test(a));
let optimizing = true;
function optimize(on: boolean): void {
  if (!isMainThread || userChoseJit || on === optimizing) return;
  v8.setFlagsFromString(on ? "--turbofan" : "--no-turbofan");
  optimizing = on;
  trace(`turbofan ${on ? "on" : "off"}`);
}

let keep = false;
const boot: Boot = {
  entry: __filename,
  keepCodeCache: () => {
    keep = true;
  },
  optimize,
};
(globalThis as Record<symbol, unknown>)[BOOT_KEY] = boot;

// Only the main thread writes, once, after a scan ran (so the cache holds the functions a scan
// compiles, not only those `--version` needs), and only when there was no usable cache.
if (isMainThread && file && status !== "used") {
  process.once("exit", () => {
    if (!keep) return;
    // Under the flags the cache was checked with.
    optimize(true);
    writeCodeCache(file, script.createCachedData());
  });
}
optimize(false);

const mod = { exports: {} as unknown };
const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
run(mod.exports, createRequire(bundle), mod, bundle, __dirname);

/**
 * The bundle compiled, from the code cache when there is a good one. In a function so that the
 * file's bytes, its decoded text and the cache data (some 25 MB) can be collected once compiled:
 * only the script's own source string stays, in every thread.
 */
function compile(): { script: vm.Script; file: string | undefined; status: "none" | "rejected" | "used" } {
  const fd = fs.openSync(bundle, "r");
  let bytes: Buffer;
  let st: fs.Stats;
  try {
    st = fs.fstatSync(fd);
    bytes = fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  const mark = BUILD_MARK.exec(bytes.subarray(-BUILD_MARK_TAIL).toString("latin1"));
  // One file per bundle content, Node version, architecture and flags: V8 checks its own version
  // and flags but only the source's length, so an edited bundle of the same length must not find
  // the old file. The build ends the bundle with the SHA-1 of everything before it, so a run need
  // not hash 10 MB (some 6 ms); with it go the file's size and time, which an edit after the
  // build changes while the comment stays. A bundle built any other way (tests) is hashed here.
  const identity = mark ? `built ${mark[1]} ${st.size} ${st.mtimeMs}` : createHash("sha1").update(bytes).digest("hex");
  const dir = codeCacheDir();
  const file = dir && path.join(dir, `cli-${createHash("sha1").update(`${identity}\0${process.version}\0${process.arch}\0${process.execArgv.join(" ")}`).digest("hex").slice(0, 20)}.v8`);
  let stored: Buffer | undefined;
  try {
    if (file) stored = fs.readFileSync(file);
  } catch {
    // None yet: compile, and keep the result when the run was worth it.
  }
  // V8 (release builds) does not checksum what it deserialises: a damaged file would abort the
  // process. So the file carries its own digest and V8 only sees data that matches it.
  const cachedData = stored && unsealed(stored);
  // The build wraps the bundle in the function already: wrapping it here made a third copy of
  // its 10 MB (V8 flattens the concatenation before compiling). The build also escapes every
  // non-ASCII character, and ASCII decodes faster as Latin-1, to the same string.
  const wrapped = bytes.subarray(0, WRAPPER_HEAD.length).equals(WRAPPER_HEAD);
  const text = bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
  trace(`bundle ${mark ? "marked" : "hashed"}${wrapped ? ", wrapped" : ""}`);
  const source = wrapped ? text : `${WRAPPER_HEAD}${text}\n})`;
  const script = new vm.Script(source, { filename: bundle, cachedData });
  const status = stored === undefined ? "none" : cachedData === undefined || script.cachedDataRejected ? "rejected" : "used";
  return { script, file, status };
}

/**
 * A folder only this user can write: a planted cache file would run as this user's code.
 * SHIPSHAPE_CODE_CACHE names another folder, or turns the cache off with "off".
 */
function codeCacheDir(): string | undefined {
  const env = process.env.SHIPSHAPE_CODE_CACHE;
  if (env === "off" || env === "0") return undefined;
  if (env) return path.resolve(env);
  const home = os.homedir();
  const xdg = process.env.XDG_CACHE_HOME;
  let base: string | undefined;
  if (process.platform === "win32") base = process.env.LOCALAPPDATA;
  else if (process.platform === "darwin") base = home && path.join(home, "Library", "Caches");
  else base = xdg && path.isAbsolute(xdg) ? xdg : home && path.join(home, ".cache");
  return base ? path.join(base, "shipshape", "v8") : undefined;
}

function writeCodeCache(target: string, data: Buffer): void {
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    // Write then rename: a process reading it meanwhile sees the old file or the new, never half.
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.concat([MAGIC, digest(data), data]), { mode: 0o600 });
    fs.renameSync(tmp, target);
    trace(`code cache written: ${target} (${data.length} bytes)`);
    // Files of earlier builds: keep a day's worth (two installs may share the folder), drop the rest.
    const dayAgo = Date.now() - 24 * 3600 * 1000;
    for (const name of fs.readdirSync(path.dirname(target))) {
      const other = path.join(path.dirname(target), name);
      if (other === target || !/^cli-[0-9a-f]+\.v8$/.test(name)) continue;
      try {
        if (fs.statSync(other).mtimeMs < dayAgo) fs.rmSync(other, { force: true });
      } catch {
        // Another process removed it first.
      }
    }
  } catch {
    // A read-only home: every run compiles, nothing worse.
  }
}

/** The V8 data of a cache file, or undefined when the file is not one we wrote, whole. */
function unsealed(stored: Buffer): Buffer | undefined {
  const head = MAGIC.length + 32;
  if (stored.length <= head || !stored.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = stored.subarray(head);
  return digest(data).equals(stored.subarray(MAGIC.length, head)) ? data : undefined;
}

/** SHIPSHAPE_TRACE_BOOT=1: say what happened to the code cache (tests and bug reports). */
function trace(message: string): void {
  if (process.env.SHIPSHAPE_TRACE_BOOT === "1") process.stderr.write(`shipshape${isMainThread ? "" : " worker"}: ${message}\n`);
}
