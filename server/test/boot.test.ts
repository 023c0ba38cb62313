import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bundle, EMPTY_CATCH, makeWorkspace, removeWorkspace } from "./cli-harness.js";

// dist/cli.js is boot.ts: it compiles dist/cli-bundle.js through V8's code cache. Built here the
// same way, side by side, so the loader finds the bundle next to it.
const made: string[] = [];
after(() => made.forEach(removeWorkspace));

let loader: string | undefined;
function bootLoader(): string {
  if (!loader) {
    const bundled = bundle("server/src/cli/main.ts", "cli-bundle.js");
    loader = bundle("server/src/cli/boot.ts", "boot.js");
    assert.equal(path.dirname(bundled), path.dirname(loader));
  }
  return loader;
}

function cacheDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-v8-test-"));
  made.push(dir);
  return dir;
}

function run(args: string[], cache: string, entry = bootLoader()) {
  const env: NodeJS.ProcessEnv = { ...process.env, SHIPSHAPE_CODE_CACHE: cache, SHIPSHAPE_TRACE_BOOT: "1" };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [entry, ...args], { env, encoding: "utf8", maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, trace: r.stderr.split("\n").filter((l) => /^shipshape( worker)?: code cache/.test(l)) };
}

function workspaceOf(count: number): string {
  const files: Record<string, string> = { "package.json": '{"name":"app"}' };
  for (let i = 0; i < count; i++) files[`src/m${String(i).padStart(3, "0")}.ts`] = i % 3 === 0 ? EMPTY_CATCH : `export const v${i} = ${i};\n`;
  const dir = makeWorkspace(files);
  made.push(dir);
  return dir;
}

const dist = path.join(__dirname, "..", "..", "..", "dist");
const v8Files = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith(".v8"));

describe("the CLI loader and V8's code cache", () => {
  test("V8's inlining budget is narrowed before the bundle is compiled, in the process and its scan workers", () => {
    const ws = workspaceOf(60);
    const r = run(["scan", ws, "--format", "json", "--jobs", "2"], cacheDir());
    assert.equal(r.status, 0, r.stderr);
    const flags = r.stderr.split("\n").filter((l) => /^shipshape( worker)?: v8 flags --max-inlined-bytecode-size-cumulative=200$/.test(l));
    assert.ok(flags.length >= 2, r.stderr);
    assert.ok(r.stderr.indexOf("v8 flags") < r.stderr.indexOf("code cache"), "before the compile");
  });

  test("a scan writes the cache once; the next run uses it and reports the same", () => {
    const ws = workspaceOf(5);
    const cache = cacheDir();
    const version = run(["--version"], cache);
    assert.equal(version.status, 0, version.stderr);
    assert.deepEqual(v8Files(cache), [], "a --version run compiles too little to be worth keeping");

    const first = run(["scan", ws, "--format", "json"], cache);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.trace[0], /code cache none/);
    assert.match(first.trace.at(-1)!, /code cache written/);
    assert.equal(v8Files(cache).length, 1);
    const written = fs.statSync(path.join(cache, v8Files(cache)[0])).mtimeMs;

    const second = run(["scan", ws, "--format", "json"], cache);
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.trace[0], /code cache used/);
    assert.equal(second.trace.length, 1, "an accepted cache is not written again");
    assert.equal(fs.statSync(path.join(cache, v8Files(cache)[0])).mtimeMs, written);
    assert.equal(second.stdout, first.stdout);
    assert.ok(JSON.parse(second.stdout).files.some((f: { findings: unknown[] }) => f.findings.length > 0), "a real report came out");
  });

  test("a corrupt cache file is rejected, the run is correct, and the file is replaced", () => {
    const ws = workspaceOf(3);
    const cache = cacheDir();
    const clean = run(["scan", ws, "--format", "json"], cache);
    const file = path.join(cache, v8Files(cache)[0]);
    const good = fs.readFileSync(file);
    const bad = Buffer.from(good);
    for (let i = 64; i < bad.length; i += 97) bad[i] ^= 0x5a;
    fs.writeFileSync(file, bad);

    const r = run(["scan", ws, "--format", "json"], cache);
    assert.equal(r.stdout, clean.stdout);
    assert.match(r.trace[0], /code cache rejected/);
    assert.match(r.trace.at(-1)!, /code cache written/);
    assert.match(run(["scan", ws, "--format", "json"], cache).trace[0], /code cache used/);

    fs.writeFileSync(file, "not a code cache");
    const truncated = run(["scan", ws, "--format", "json"], cache);
    assert.equal(truncated.stdout, clean.stdout);
    assert.match(truncated.trace[0], /code cache rejected/);
  });

  test("an edited bundle of the same length does not take the old bundle's cache", () => {
    const cache = cacheDir();
    // Next to the test bundles: they resolve typescript and minimatch from the repository.
    const dir = fs.mkdtempSync(path.join(path.dirname(bootLoader()), "edited-"));
    const entry = path.join(dir, "cli.js");
    fs.copyFileSync(bootLoader(), entry);
    const original = fs.readFileSync(path.join(path.dirname(bootLoader()), "cli-bundle.js"), "utf8");
    fs.writeFileSync(path.join(dir, "cli-bundle.js"), original);
    fs.writeFileSync(path.join(dir, "package.json"), '{"name":"shipshape","version":"1.2.3"}');
    const ws = workspaceOf(2);
    run(["scan", ws], cache, entry);
    assert.equal(v8Files(cache).length, 1);

    // Same length, different code: V8 alone would accept the old cache (it checks the length).
    const edited = original.replaceAll("shipshape: ", "shipshapE: ");
    assert.notEqual(edited, original);
    assert.equal(edited.length, original.length);
    fs.writeFileSync(path.join(dir, "cli-bundle.js"), edited);
    const r = run(["scan", path.join(ws, "no-such-folder")], cache, entry);
    assert.match(r.trace[0], /code cache none/);
    assert.match(r.stderr, /^shipshapE: no such file or directory/m, "the edited code ran");
  });

  /** A copy of the test bundle and its loader in a folder of its own, the bundle ending as esbuild.mjs ends it. */
  function markedCopy(): { dir: string; entry: string; text: string } {
    const dir = fs.mkdtempSync(path.join(path.dirname(bootLoader()), "marked-"));
    const entry = path.join(dir, "cli.js");
    fs.copyFileSync(bootLoader(), entry);
    fs.writeFileSync(path.join(dir, "package.json"), '{"name":"shipshape","version":"1.2.3"}');
    const body = fs.readFileSync(path.join(path.dirname(bootLoader()), "cli-bundle.js"), "utf8");
    const text = `${body}//# shipshape-sha1=${createHash("sha1").update(body).digest("hex")}\n`;
    fs.writeFileSync(path.join(dir, "cli-bundle.js"), text);
    return { dir, entry, text };
  }
  const cacheFileOf = (trace: string[]) => /: (\S+\.v8)$/.exec(trace[0])?.[1];

  test("a bundle marked by the build is named by its mark, size and time, not hashed at every start", () => {
    const cache = cacheDir();
    const ws = workspaceOf(1);
    const a = markedCopy();
    const bundle = path.join(a.dir, "cli-bundle.js");
    // Whole seconds: the time set is the time read back.
    const time = Math.floor(Date.now() / 1000) - 60;
    fs.utimesSync(bundle, time, time);
    const first = run(["scan", ws], cache, a.entry);
    assert.match(first.trace[0], /code cache none/);
    // Another text behind the same mark, size and time: only a loader that hashed the text would tell.
    fs.writeFileSync(bundle, a.text.replaceAll("shipshape: ", "shipshapE: "));
    fs.utimesSync(bundle, time, time);
    const second = run(["scan", ws], cache, a.entry);
    assert.equal(cacheFileOf(second.trace), cacheFileOf(first.trace), second.stderr);

    // The same mark after an edit (a new time): a file of its own.
    fs.writeFileSync(bundle, a.text.replaceAll("shipshape: ", "shipshapE: "));
    const edited = run(["scan", path.join(ws, "no-such-folder")], cache, a.entry);
    assert.match(edited.trace[0], /code cache none/);
    assert.notEqual(cacheFileOf(edited.trace), cacheFileOf(first.trace));
    assert.match(edited.stderr, /^shipshapE: no such file or directory/m, "the edited code ran");
  });

  test("the built CLI bundle is wrapped in its function and ends with the digest of everything before it", { skip: !fs.existsSync(path.join(dist, "cli-bundle.js")) && "dist/ not built" }, () => {
    const bytes = fs.readFileSync(path.join(dist, "cli-bundle.js"));
    const mark = /\n\/\/# shipshape-sha1=([0-9a-f]{40})\n$/.exec(bytes.subarray(-64).toString("latin1"));
    assert.ok(mark, "esbuild.mjs marks the bundle");
    const body = bytes.subarray(0, bytes.length - mark[0].length + 1);
    assert.equal(createHash("sha1").update(body).digest("hex"), mark[1]);
    const r = run(["--version"], cacheDir(), path.join(dist, "cli.js"));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^shipshape: bundle marked, wrapped$/m, "the loader takes both as they are");
  });

  test("a bundle not wrapped by the build is wrapped by the loader, and one with other text than ASCII decodes as UTF-8", () => {
    const a = markedCopy();
    const bundle = path.join(a.dir, "cli-bundle.js");
    fs.writeFileSync(bundle, a.text.replaceAll("shipshape: ", "shipshap\u00e9: "));
    const r = run(["scan", path.join(workspaceOf(1), "no-such-folder")], cacheDir(), a.entry);
    assert.match(r.stderr, /^shipshape: bundle marked$/m);
    assert.match(r.stderr, /^shipshap\u00e9: no such file or directory/m);
  });

  test("V8's optimising compiler runs only while a scan analyses files, and for every other command", () => {
    const turbofan = (stderr: string) => stderr.split("\n").filter((l) => /^shipshape( worker)?: turbofan/.test(l));
    const ws = workspaceOf(30);
    const cache = cacheDir();
    const results = path.join(cacheDir(), "results");
    const scan = (...extra: string[]) => run(["scan", ws, "--format", "json", "--jobs", "1", ...extra], cache);
    const cold = scan("--cache", "--cache-location", results);
    assert.equal(cold.status, 0, cold.stderr);
    assert.deepEqual(turbofan(cold.stderr), ["shipshape: turbofan off", "shipshape: turbofan on", "shipshape: turbofan off", "shipshape: turbofan on"], "off, on for the analysis, off, on to write the code cache");
    const warm = scan("--cache", "--cache-location", results);
    assert.deepEqual(turbofan(warm.stderr), ["shipshape: turbofan off"], "nothing to analyse: never on");
    assert.equal(warm.stdout, cold.stdout);
    fs.appendFileSync(path.join(ws, "src/m001.ts"), "export const later = 1;\n");
    assert.deepEqual(turbofan(scan("--cache", "--cache-location", results).stderr), ["shipshape: turbofan off", "shipshape: turbofan on", "shipshape: turbofan off"], "one changed file is analysed with it on");

    const workers = run(["scan", ws, "--format", "json", "--jobs", "2"], cache);
    assert.equal(workers.status, 0, workers.stderr);
    assert.ok(workers.stderr.indexOf("shipshape: turbofan on") < workers.stderr.indexOf("shipshape worker:"), "on before a worker starts");
    assert.equal(workers.stdout, cold.stdout);

    assert.deepEqual(turbofan(run(["--version"], cache).stderr), ["shipshape: turbofan off", "shipshape: turbofan on"]);
    const chosen = spawnSync(process.execPath, ["--no-opt", bootLoader(), "scan", ws, "--format", "json"], { env: { ...process.env, SHIPSHAPE_CODE_CACHE: cache, SHIPSHAPE_TRACE_BOOT: "1" }, encoding: "utf8" });
    assert.equal(chosen.status, 0, chosen.stderr);
    assert.deepEqual(turbofan(chosen.stderr), [], "the user's own choice stands");
    assert.equal(chosen.stdout, cold.stdout);
  });

  test("scan workers start from the loader and find the same as one thread", () => {
    const ws = workspaceOf(80);
    const cache = cacheDir();
    run(["scan", ws, "--format", "json", "--jobs", "1"], cache);
    const one = run(["scan", ws, "--format", "json", "--jobs", "1"], cache);
    const two = run(["scan", ws, "--format", "json", "--jobs", "2"], cache);
    assert.equal(two.status, 0, two.stderr);
    assert.ok(two.trace.some((l) => /^shipshape worker: code cache used/.test(l)), two.stderr);
    assert.equal(two.stdout, one.stdout);
  });

  test("old builds' cache files are pruned when a new one is written; recent ones and other files stay", () => {
    const cache = cacheDir();
    const old = path.join(cache, "cli-0123456789abcdef0123.v8");
    const recent = path.join(cache, "cli-aaaaaaaaaaaaaaaaaaaa.v8");
    const other = path.join(cache, "notes.txt");
    for (const f of [old, recent, other]) fs.writeFileSync(f, "x");
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    fs.utimesSync(old, twoDaysAgo, twoDaysAgo);
    fs.utimesSync(other, twoDaysAgo, twoDaysAgo);
    run(["scan", workspaceOf(1)], cache);
    assert.ok(!fs.existsSync(old));
    assert.ok(fs.existsSync(recent));
    assert.ok(fs.existsSync(other));
    assert.equal(v8Files(cache).length, 2);
  });

  test("the built CLI and server bundles are pure ASCII: V8 keeps them as one-byte strings", { skip: !fs.existsSync(path.join(dist, "cli-bundle.js")) && "dist/ not built" }, () => {
    for (const name of ["cli-bundle.js", "server.js"]) {
      const text = fs.readFileSync(path.join(dist, name), "latin1");
      const at = text.search(/[^\x00-\x7f]/);
      assert.equal(at, -1, `${name}: non-ASCII at offset ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}`);
    }
  });

  test("SHIPSHAPE_CODE_CACHE=off: nothing read or written, the scan still runs", () => {
    const r = run(["scan", workspaceOf(1), "--format", "json"], "off");
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.trace, ["shipshape: code cache none"]);
  });
});
