import { after, describe, mock, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import fsModule = require("node:fs");
import cryptoModule = require("node:crypto");
import { WorkspaceFiles } from "../src/workspace/view.js";
import { AheadAnalyses } from "../src/workspace/aheadAnalyses.js";
import parseModule = require("../../rules/src/engine/parse.js");
import { listScanTargets } from "../src/workspace/scan.js";
import * as path from "node:path";
import { allRules, DEFAULT_CONFIG, type FileKind, type ResolvedConfig } from "../../rules/src/index.js";
import { scanWorkspace, type ScanResult } from "../src/workspace/index.js";
import { defaultJobs, scanWorkspaceParallel } from "../src/workspace/parallelScan.js";
import { DiskCache, RACY_MS, RecordingFiles, sameStamp, stampOf, type CacheEntry, type FindingsCache } from "../src/workspace/scanCache.js";
import { makeWorkspace, removeWorkspace, writeFiles } from "./cli-harness.js";

const made: string[] = [];
after(() => made.forEach(removeWorkspace));

/** Every file of the repository's test-workspace, copied `copies` times under numbered folders. */
function copiesOfTestWorkspace(copies: number): string {
  const src = path.resolve(__dirname, "../../../test-workspace");
  const files: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.name !== "expected-findings.json") files[r] = fs.readFileSync(path.join(dir, e.name), "utf8");
    }
  };
  walk(src, "");
  const out: Record<string, string> = { "package.json": files["package.json"] ?? '{"name":"ws"}' };
  for (let i = 0; i < copies; i++) for (const [r, t] of Object.entries(files)) out[`copy${String(i).padStart(2, "0")}/${r}`] = t;
  const dir = makeWorkspace(out);
  made.push(dir);
  return dir;
}

/** What a scan says, without the timing that differs run to run. */
const essence = (r: ScanResult) => ({
  files: r.files.map((f) => ({ relPath: f.relPath, skipped: f.skipped, findings: f.findings, failures: f.ruleFailures, syntaxErrors: f.syntaxErrors })),
  notes: r.notes,
});

/** A cache in memory that counts what it is asked. */
class CountingCache implements FindingsCache {
  entries = new Map<string, CacheEntry>();
  hits = 0;
  sets: string[] = [];
  get(relPath: string, hash: string) {
    const e = this.entries.get(relPath);
    if (e && e.hash === hash) {
      this.hits++;
      return e;
    }
    return undefined;
  }
  reset() {
    this.sets = [];
  }
  set(relPath: string, entry: CacheEntry) {
    this.entries.set(relPath, entry);
    this.sets.push(relPath);
  }
}

describe("worker-thread scan", () => {
  test("finds what the serial scan finds, file for file, in the same order", async () => {
    const root = copiesOfTestWorkspace(4);
    const serial = await scanWorkspace(root, { rules: allRules });
    const parallel = await scanWorkspaceParallel(root, { rules: allRules, jobs: 2 });
    assert.equal(parallel.workers, 2, "the scan really used workers");
    assert.ok(serial.files.length > 50, `enough files for several batches (${serial.files.length})`);
    assert.ok(serial.files.some((f) => f.findings.length > 0), "the workspace has findings to compare");
    assert.deepEqual(essence(parallel), essence(serial));
  });

  test("a scan limited to paths matches the serial scan of the same paths", async () => {
    const root = copiesOfTestWorkspace(3);
    const paths = ["copy01", "copy02/api"];
    const serial = await scanWorkspace(root, { rules: allRules, paths });
    const parallel = await scanWorkspaceParallel(root, { rules: allRules, paths, jobs: 2 });
    assert.ok(serial.files.every((f) => f.relPath.startsWith("copy01/") || f.relPath.startsWith("copy02/api/")));
    assert.deepEqual(essence(parallel), essence(serial));
  });

  test("a worker that cannot start fails the scan, started early or late, instead of hanging", async () => {
    const root = copiesOfTestWorkspace(2);
    const key = Symbol.for("shipshape.cli.boot");
    const globals = globalThis as Record<symbol, unknown>;
    globals[key] = { entry: path.join(root, "no-such-worker.js"), keepCodeCache: () => {}, optimize: () => {} };
    try {
      await assert.rejects(scanWorkspaceParallel(root, { rules: allRules, jobs: 2 }), /no-such-worker|Cannot find module/);
      // With a cache file present the worker is only started once the misses are known.
      const dir = path.join(root, ".cache");
      fs.mkdirSync(dir);
      fs.writeFileSync(DiskCache.fileFor(dir, root), "{}");
      await assert.rejects(scanWorkspaceParallel(root, { rules: allRules, jobs: 2, cacheDir: dir }), /no-such-worker|Cannot find module/);
    } finally {
      delete globals[key];
    }
    const r = await scanWorkspaceParallel(root, { rules: allRules, jobs: 2 });
    assert.equal(r.workers, 2);
  });

  test("custom rule objects the workers cannot name are analysed on this thread", async () => {
    const root = copiesOfTestWorkspace(2);
    const custom = { ...allRules[0], meta: { ...allRules[0].meta } };
    const r = await scanWorkspaceParallel(root, { rules: [custom], jobs: 2 });
    assert.equal(r.workers, 0);
  });
});

describe("scan without a cache", () => {
  test("lists no folder twice, hashes nothing, and reads a module imported before its turn once", async () => {
    const root = copiesOfTestWorkspace(1);
    writeFiles(root, {
      "zz/a.ts": 'import { api } from "./b";\nexport async function load() { return api.get("/x"); }\n',
      "zz/b.ts": 'import axios from "axios";\nexport const api = axios.create({ baseURL: "https://api.example.com" });\n',
    });
    const serial = await scanWorkspace(root, { rules: allRules });
    const readdir = mock.method(fsModule, "readdirSync");
    const hash = mock.method(cryptoModule, "createHash");
    const reads = mock.method(fsModule, "readFileSync");
    const stats = mock.method(fsModule, "statSync");
    let r: ScanResult;
    try {
      r = await scanWorkspaceParallel(root, { rules: allRules, jobs: 1 });
      const statted = stats.mock.calls.map((c) => String(c.arguments[0])).filter((p) => /\.[jt]sx?$/.test(p));
      assert.deepEqual(statted, [], "a file's size is checked on the open file, and the walk vouches for imported ones");
      const listed = readdir.mock.calls.map((c) => String(c.arguments[0]));
      assert.ok(listed.length > 0, "the CLI's walk reads folders synchronously");
      assert.equal(new Set(listed).size, listed.length, "no folder twice: the walk's listings answer every probe");
      assert.equal(hash.mock.callCount(), 0, "no cache, nothing to hash");
      const readsOf = (rel: string) => reads.mock.calls.filter((c) => String(c.arguments[0]).endsWith(rel)).length;
      assert.equal(readsOf(path.join("zz", "b.ts")), 1, "read for a's rules, reused for its own analysis");
    } finally {
      readdir.mock.restore();
      hash.mock.restore();
      reads.mock.restore();
      stats.mock.restore();
    }
    assert.deepEqual(essence(r), essence(serial));
  });
});

describe("imported modules in a scan", () => {
  test("a module parsed before its turn for an importer's rules is analysed right after it, from that tree", async () => {
    const root = copiesOfTestWorkspace(1);
    // A text no other test uses: what a module exports is remembered per process, by its text.
    const unique = `ahead-${process.pid}-${Date.now()}`;
    writeFiles(root, {
      "zz/a.tsx": 'import { api, ping } from "./b";\nexport function A() {\n  return <button onClick={async () => { await api.post("/orders", {}); await ping(); }}>Order</button>;\n}\n',
      "zz/b.ts": `import axios from "axios";\nimport { helper } from "./c";\nexport { helper };\nexport const api = axios.create({ baseURL: "https://api.example.com" });\nexport async function ping() { return fetch("https://x.example.com/${unique}"); }\n`,
      "zz/c.ts": `export { other } from "./d";\nexport function helper() { return fetch("/${unique}"); }\n`,
      "zz/d.ts": `export const other = "${unique}";\n`,
    });
    const bare = mock.method(parseModule, "parseBareSource");
    const full = mock.method(parseModule, "parseSource");
    let r: ScanResult;
    try {
      r = await scanWorkspaceParallel(root, { rules: allRules, jobs: 1 });
      const parsesOf = (m: typeof bare | typeof full, rel: string) => m.mock.calls.filter((c) => String(c.arguments[0]).replace(/\\/g, "/").endsWith(rel)).length;
      assert.equal(parsesOf(full, "zz/b.ts"), 1, "parsed once for a's rules");
      assert.equal(parsesOf(bare, "zz/b.ts"), 0, "and analysed from that tree");
      assert.equal(parsesOf(bare, "zz/a.tsx"), 1, "the importer is parsed as always");
    } finally {
      bare.mock.restore();
      full.mock.restore();
    }
    // The same as a scan whose reader hands nothing over (no listings: every file parsed at its turn).
    assert.deepEqual(essence(r), essence(await scanWorkspace(root, { rules: allRules })));
    assert.ok(r.files.find((f) => f.relPath === "zz/a.tsx")?.findings.length, "the imported client matters to a's findings");
  });

  test("trees are kept only for source files still to come, with the text their turn reads, until drained", () => {
    const texts: Record<string, string> = { "a.ts": "export const a = 1;\n", "b.ts": "export const b = 2;\n", "c.ts": "export const c = 3;\n" };
    const ahead = new AheadAnalyses<string>("/ws", ["a.ts", "b.ts", "c.ts"], (rel) => texts[rel]);
    assert.equal(ahead.turn("a.ts"), undefined, "a's turn: analysed as always");
    const a = ahead.parse("a.ts", texts["a.ts"]);
    assert.equal(a.fileName, "a.ts", "a's turn has come: parsed for the asker only");
    const b = ahead.parse("b.ts", texts["b.ts"]);
    assert.equal(b.fileName, path.join("/ws", "b.ts"), "b is still to come: parsed as its turn would be");
    assert.equal(ahead.parse("b.ts", texts["b.ts"]), b, "one parse while it waits");
    assert.notEqual(ahead.parse("c.ts", "export const c = 4;\n").fileName, path.join("/ws", "c.ts"), "not the text c's turn reads: not kept");
    assert.notEqual(ahead.parse("x.ts", "export {}\n").fileName, path.join("/ws", "x.ts"), "not a file of the scan: not kept");
    const analysed: string[] = [];
    ahead.drain((rel, text, tree) => {
      analysed.push(rel);
      if (rel === "b.ts") {
        assert.equal(tree, b);
        assert.equal(text, texts["b.ts"]);
        // A module parsed while draining (by b's rules) is analysed in the same drain.
        ahead.parse("c.ts", texts["c.ts"]);
      }
      return `result of ${rel}`;
    });
    assert.deepEqual(analysed, ["b.ts", "c.ts"]);
    assert.equal(ahead.turn("b.ts"), "result of b.ts");
    assert.equal(ahead.turn("b.ts"), undefined, "handed out once");
    assert.equal(ahead.turn("c.ts"), "result of c.ts");
    assert.notEqual(ahead.parse("b.ts", texts["b.ts"]), b, "the tree is not kept past the drain");
  });

  test("only a one-scan reader that records nothing hands trees over", () => {
    const root = makeWorkspace({ "a.ts": "export {}\n" });
    made.push(root);
    assert.equal(new WorkspaceFiles(root, { listings: true }).handsOverTrees(), true);
    assert.equal(new WorkspaceFiles(root).handsOverTrees(), false, "a long-lived reader");
    assert.equal(new RecordingFiles(root, { listings: true }).handsOverTrees(), false, "a cache notes each file's reads in turn");
  });

  test("what a file's rules see of imported modules does not depend on the order files are analysed in", async () => {
    const root = copiesOfTestWorkspace(1);
    writeFiles(root, {
      "zz/a.tsx": 'import { api } from "./b";\nimport { ping } from "@/zz/c";\nexport function A() {\n  return <button onClick={async () => { await api.post("/orders", {}); await ping(); }}>Order</button>;\n}\n',
      "zz/b.ts": 'export { api } from "./c";\n',
      "zz/c.ts": 'import axios from "axios";\nexport const api = axios.create({ baseURL: "https://api.example.com" });\nexport async function ping() { return fetch("https://x.example.com"); }\n',
    });
    const scan = async (order: (t: Array<{ relPath: string; kind: FileKind }>) => Array<{ relPath: string; kind: FileKind }>) => {
      const files = new WorkspaceFiles(root, { listings: true });
      const targets = await listScanTargets(root, DEFAULT_CONFIG, undefined, undefined, [], undefined, (d, n, p) => files.seedListing(d, n, p), true);
      const r = await scanWorkspace(root, { rules: allRules, targets: order(targets), files });
      return essence({ ...r, files: [...r.files].sort((x, y) => (x.relPath < y.relPath ? -1 : 1)) });
    };
    const forward = await scan((t) => t);
    assert.ok(forward.files.some((f) => f.relPath.startsWith("zz/") && f.findings.length > 0), "the imports matter to the findings");
    assert.deepEqual(await scan((t) => [...t].reverse()), forward);
    assert.deepEqual(await scan((t) => [...t.filter((f) => f.relPath.startsWith("zz/")).reverse(), ...t.filter((f) => !f.relPath.startsWith("zz/"))]), forward);
  });

  test("resolutions are remembered by a one-scan reader, never by a recording or long-lived one, and forgotten on invalidate", () => {
    const root = makeWorkspace({ "package.json": "{}", "lib/a.ts": "export {}", "app/page.tsx": 'import "../lib/a";\n' });
    made.push(root);
    const files = new WorkspaceFiles(root, { listings: true });
    const memo = files.viewFor("app/page.tsx").resolutions;
    assert.ok(memo);
    assert.equal(files.viewFor("app/other.tsx").resolutions, memo, "shared by the files of the scan");
    memo.set("app/\0../lib/b", undefined);
    writeFiles(root, { "lib/b.ts": "export {}" });
    files.invalidate("lib/b.ts");
    assert.equal(memo.size, 0, "a file written by a fix may change any answer");
    assert.equal(new RecordingFiles(root, { listings: true }).viewFor("app/page.tsx").resolutions, undefined, "a cache must see every probe");
    assert.equal(new WorkspaceFiles(root).viewFor("app/page.tsx").resolutions, undefined);
  });
});

describe("findings cache", () => {
  test("a warm scan reuses unchanged files and re-analyses the changed one", async () => {
    const root = makeWorkspace({
      "package.json": '{"name":"app","dependencies":{"next":"14.0.0"}}',
      "src/a.ts": "export function a(raw: string) {\n  try {\n    return JSON.parse(raw);\n  } catch (e) {}\n}\n",
      "src/b.ts": "export const b = 1;\n",
    });
    made.push(root);
    const cache = new CountingCache();
    const cold = await scanWorkspaceParallel(root, { rules: allRules, cache, jobs: 0 });
    assert.equal(cold.cached, 0);
    assert.deepEqual(cache.sets.sort(), ["package.json", "src/a.ts", "src/b.ts"]);

    cache.reset();
    const warm = await scanWorkspaceParallel(root, { rules: allRules, cache, jobs: 0 });
    assert.equal(warm.cached, 3);
    assert.deepEqual(cache.sets, [], "nothing re-analysed");
    assert.deepEqual(essence(warm), essence(cold));

    writeFiles(root, { "src/b.ts": "export function b(raw: string) {\n  try {\n    return JSON.parse(raw);\n  } catch {}\n}\n" });
    const after = await scanWorkspaceParallel(root, { rules: allRules, cache, jobs: 0 });
    assert.deepEqual(cache.sets, ["src/b.ts"], "only the changed file is analysed again");
    assert.equal(after.cached, 2);
    assert.deepEqual(essence(after), essence(await scanWorkspace(root, { rules: allRules })));
    assert.equal(after.files.find((f) => f.relPath === "src/b.ts")!.findings.length, 1);
  });

  test("a file whose rules read another file is re-analysed when that file changes", async () => {
    const root = makeWorkspace({ "package.json": '{"name":"app"}', "src/a.ts": "export const a = 1;\n" });
    made.push(root);
    const cache = new CountingCache();
    await scanWorkspaceParallel(root, { rules: allRules, cache, jobs: 0 });
    // Pretend a.ts's rules read .env when it was analysed.
    const entry = cache.entries.get("src/a.ts")!;
    entry.reads = [".env", null];
    cache.reset();
    await scanWorkspaceParallel(root, { rules: allRules, cache, jobs: 0 });
    assert.equal(cache.sets.length, 0, ".env is still missing: the entry holds");
    writeFiles(root, { ".env": "X=1\n" });
    await scanWorkspaceParallel(root, { rules: allRules, cache, jobs: 0 });
    assert.ok(cache.sets.includes("src/a.ts"), "a.ts is analysed again once .env exists");
  });

  test("on disk: a configuration change or an engine change invalidates everything", async () => {
    const root = makeWorkspace({ "package.json": '{"name":"app"}', "src/a.ts": "export const a = 1;\n", "src/b.ts": "export const b = 2;\n" });
    made.push(root);
    const dir = path.join(root, "node_modules/.cache/shipshape");
    const base: ResolvedConfig = { rules: new Map(), ignore: [], secretsAllow: [], limits: { maxFileLines: 400, maxUnitsPerFile: 8 } };
    const scan = (config: ResolvedConfig, engineVersion = "1") => scanWorkspaceParallel(root, { rules: allRules, config, cacheDir: dir, engineVersion, jobs: 0 });
    assert.equal((await scan(base)).cached, 0);
    assert.ok(fs.readdirSync(dir).some((f) => f.endsWith(".json")), "the cache was written");
    assert.equal((await scan(base)).cached, 3);
    const changed: ResolvedConfig = { ...base, limits: { maxFileLines: 0, maxUnitsPerFile: 8 } };
    const r = await scan(changed);
    assert.equal(r.cached, 0, "new limits: nothing reused");
    assert.ok(r.files.some((f) => f.findings.some((x) => x.ruleId === "oversized-file")), "and the new limit applies");
    assert.equal((await scan(changed)).cached, 3);
    assert.equal((await scan(changed, "2")).cached, 0, "another engine build: nothing reused");
    writeFiles(root, { "package.json": '{"name":"app","dependencies":{"express":"4"}}' });
    assert.equal((await scan(changed, "2")).cached, 0, "dependencies changed: nothing reused");
  });

  test("an unreadable cache file is a cold scan, not an error", async () => {
    const root = makeWorkspace({ "src/a.ts": "export const a = 1;\n" });
    made.push(root);
    const dir = path.join(root, "cache");
    const probe = new DiskCache(dir, root, "salt");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(probe.file, "{ not json");
    const r = await scanWorkspaceParallel(root, { rules: allRules, cacheDir: dir, jobs: 0 });
    assert.equal(r.cached, 0);
    assert.equal(r.files.length, 1);
  });

  test("a cache file cut short or damaged is a cold scan with the same results, then whole again", async () => {
    const root = copiesOfTestWorkspace(1);
    const dir = path.join(root, "cache");
    const scan = () => scanWorkspaceParallel(root, { rules: allRules, cacheDir: dir, jobs: 0, now: () => Date.now() + 60_000 });
    const cold = await scan();
    const file = fs.readdirSync(dir).map((f) => path.join(dir, f))[0];
    const whole = fs.readFileSync(file, "utf8");
    assert.equal((await scan()).cached, cold.files.length);
    const damaged = [whole.slice(0, whole.length >> 1), whole.slice(0, -1), whole.replace('"rows":[', '"rows":["x",'), whole.replace(/"hashes":\[[^\]]*\]/, '"hashes":[]')];
    for (const text of damaged) {
      fs.writeFileSync(file, text);
      const r = await scan();
      assert.deepEqual(essence(r), essence(cold));
      assert.equal(r.cached, 0, text.slice(-80));
      assert.equal((await scan()).cached, cold.files.length, "the next scan is warm again");
    }
  });
});

describe("findings cache: stat stamps", () => {
  const later = () => Date.now() + 60_000;
  const files = {
    "package.json": '{"name":"app"}',
    "src/a.ts": "export function a(raw: string) {\n  try {\n    return JSON.parse(raw);\n  } catch (e) {}\n}\n",
    "src/b.ts": "export const b = 1;\n",
  };

  /** Count reads of the workspace's own files during `run`. */
  async function readsDuring<T>(root: string, run: () => Promise<T>): Promise<{ result: T; read: string[] }> {
    const read: string[] = [];
    const original = fsModule.readFileSync as (...a: unknown[]) => unknown;
    const spy = mock.method(fsModule, "readFileSync", function (this: unknown, ...args: unknown[]) {
      if (typeof args[0] === "string" && args[0].startsWith(root + path.sep)) read.push(path.relative(root, args[0]).split(path.sep).join("/"));
      return original.apply(this, args);
    });
    try {
      return { result: await run(), read };
    } finally {
      spy.mock.restore();
    }
  }

  function setup() {
    const root = makeWorkspace(files);
    made.push(root);
    const dir = path.join(root, ".cache");
    const scan = (extra: Partial<Parameters<typeof scanWorkspaceParallel>[1]> = {}) => scanWorkspaceParallel(root, { rules: allRules, cacheDir: dir, engineVersion: "1", jobs: 0, now: later, ...extra });
    return { root, scan };
  }

  test("a file whose stat matches its stamp is not read again; the report is the same", async () => {
    const { root, scan } = setup();
    const cold = await scan();
    const { result: warm, read } = await readsDuring(root, () => scan());
    assert.equal(warm.cached, 3);
    assert.deepEqual(read.filter((r) => r.startsWith("src/")), [], "no source file read");
    assert.deepEqual(essence(warm), essence(cold));

    const { read: contentRead } = await readsDuring(root, () => scan({ cacheStrategy: "content" }));
    assert.deepEqual(contentRead.filter((r) => r.startsWith("src/")).sort(), ["src/a.ts", "src/b.ts"], "--cache-strategy content reads every file");
  });

  test("same size, mtime put back: the ctime still tells, and the new content is analysed", async () => {
    const { root, scan } = setup();
    const abs = path.join(root, "src/b.ts");
    // A whole second, so that utimes can put it back exactly.
    const mtime = Math.floor(Date.now() / 1000) - 3600;
    fs.utimesSync(abs, mtime, mtime);
    await scan();
    const before = fs.statSync(abs);
    const edited = files["src/a.ts"].replace("(e) ", "(x) ");
    assert.equal(edited.length, files["src/a.ts"].length);
    fs.writeFileSync(path.join(root, "src/a.ts"), edited);
    fs.writeFileSync(abs, "export const b = 2;\n");
    fs.utimesSync(abs, mtime, mtime);
    assert.equal(fs.statSync(abs).mtimeMs, before.mtimeMs);
    const warm = await scan();
    assert.equal(warm.cached, 1, "only package.json reused");
    assert.deepEqual(essence(warm), essence(await scanWorkspace(root, { rules: allRules })));
  });

  test("files written just before the scan get no stamp: they are hashed every time until they settle", async () => {
    const { root, scan } = setup();
    await scan({ now: Date.now });
    const { result, read } = await readsDuring(root, () => scan({ now: Date.now }));
    assert.equal(result.cached, 3);
    assert.deepEqual(read.filter((r) => r.startsWith("src/")).sort(), ["src/a.ts", "src/b.ts"]);
    // Once they are old enough, the next scan records stamps and the one after reads nothing.
    await scan();
    const { read: settled } = await readsDuring(root, () => scan());
    assert.deepEqual(settled.filter((r) => r.startsWith("src/")), []);
  });

  test("touched, not changed: a hit, and the new stamp is kept", async () => {
    const { root, scan } = setup();
    await scan();
    const abs = path.join(root, "src/b.ts");
    const t = new Date(Date.now() - 3600_000);
    fs.utimesSync(abs, t, t);
    const { result, read } = await readsDuring(root, () => scan());
    assert.equal(result.cached, 3, "the content is the same: nothing re-analysed");
    assert.deepEqual(read.filter((r) => r.startsWith("src/")), ["src/b.ts"]);
    const { read: next } = await readsDuring(root, () => scan());
    assert.deepEqual(next.filter((r) => r.startsWith("src/")), [], "the touched file's new stamp was saved");
  });

  test("stampOf keeps a stamp only for files settled well before the stat", () => {
    const abs = path.join(setup().root, "src/a.ts");
    const st = fs.statSync(abs);
    const settled = Math.max(st.mtimeMs, st.ctimeMs);
    assert.equal(stampOf(st, settled + RACY_MS - 1), undefined);
    assert.equal(stampOf(st, settled), undefined);
    const stamp = stampOf(st, settled + RACY_MS + 1);
    assert.deepEqual(stamp, [st.size, st.mtimeMs, st.ctimeMs, st.ino]);
    assert.equal(sameStamp(stamp, st), true);
    assert.equal(sameStamp(stamp, { ...st, size: st.size + 1 } as fs.Stats), false);
    assert.equal(sameStamp(stamp, { ...st, ctimeMs: st.ctimeMs + 1 } as fs.Stats), false);
    assert.equal(sameStamp(stamp, { ...st, ino: st.ino + 1 } as fs.Stats), false);
    assert.equal(sameStamp(undefined, st), false);
  });
});

test("default threads: one per core from three cores, one on two (a worker does not pay for itself there)", () => {
  assert.equal(defaultJobs(1), 1);
  assert.equal(defaultJobs(2), 1);
  assert.equal(defaultJobs(3), 3);
  assert.equal(defaultJobs(8), 8);
});
