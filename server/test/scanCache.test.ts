import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { isAscii } from "node:buffer";
import * as fs from "node:fs";
import * as path from "node:path";
import { DiskCache, readsCheck, type CacheEntry } from "../src/workspace/scanCache.js";
import type { ScannedFile } from "../src/workspace/scan.js";
import { makeWorkspace, removeWorkspace } from "./cli-harness.js";

const made: string[] = [];
after(() => made.forEach(removeWorkspace));

function setup() {
  const root = makeWorkspace({ "src/a.ts": "a" });
  made.push(root);
  return { root, dir: path.join(root, ".cache") };
}

function entry(root: string, relPath: string, hash: string, reads: CacheEntry["reads"]): CacheEntry {
  const file: ScannedFile = {
    fileName: path.join(root, relPath),
    findings: [{ ruleId: "empty-catch", severity: "warning", message: `m ${relPath}`, start: 1, end: 2, line: 1, column: 2, endLine: 1, endColumn: 3, fixes: [] }],
    ruleFailures: [],
    syntaxErrors: 0,
    relPath,
    kind: "source",
    fixesApplied: 0,
  };
  return { hash, file, reads };
}

const probes: CacheEntry["reads"] = ["src/lib/auth.ts", null, "src/lib/auth.tsx", null, ".env", "abc"];

/** The cache file as stored, and the paths of its entries. */
const rawOf = (cache: DiskCache) => JSON.parse(fs.readFileSync(cache.file, "utf8"));
const entryPaths = (raw: { paths: string[]; rows: number[] }) => raw.rows.filter((_, i) => i % 8 === 0).map((p) => raw.paths[p]);

describe("the disk cache's file", () => {
  test("round trip: entries come back equal; each path, hash, read record and result is stored once", () => {
    const { root, dir } = setup();
    const a = new DiskCache(dir, root, "salt");
    const entries = ["src/a.ts", "src/b.ts", "src/c.ts"].map((r, i) => entry(root, r, `h${i}`, structuredClone(probes)));
    entries.push(entry(root, "src/d.ts", "h3", []));
    entries[1].stamp = [10, 1795674463900.4553, 1795674463901.25, 2 ** 40 + 3];
    entries[2].file.findings[0].message = "Split it \u2026 \u00e9t\u00e9 \ud83d\ude00 \ud800 done";
    const plain = (relPath: string): CacheEntry => ({ ...entry(root, relPath, "h1", structuredClone(probes)), file: { ...entry(root, relPath, "h", []).file, findings: [] } });
    entries.push(plain("src/e.ts"), plain("src/f.ts"));
    for (const e of entries) a.set(e.file.relPath, e);
    a.save();
    const raw = rawOf(a);
    assert.equal(raw.format, 4);
    assert.equal(raw.reads.length, 2, "five files with the same reads share one record");
    assert.equal(raw.results.length, 5, "two files with equal results share one");
    assert.equal(new Set(raw.paths).size, raw.paths.length);
    assert.equal(raw.hashes.filter((h: string) => h === "h1").length, 1);
    assert.ok(!JSON.stringify(raw).includes(root), "absolute paths are not stored");
    assert.ok(isAscii(fs.readFileSync(a.file)), "other characters escaped");

    const b = new DiskCache(dir, root, "salt");
    for (const e of entries) assert.deepEqual(b.get(e.file.relPath, e.hash), e);
    assert.equal(b.get("src/a.ts", "other"), undefined, "a different content hash is a miss");
    assert.equal(b.get("src/a.ts", "h0")!.reads, b.get("src/b.ts", "h1")!.reads, "shared record, shared array");
    assert.notEqual(b.get("src/e.ts", "h1")!.file, b.get("src/f.ts", "h1")!.file, "a file object per entry");
  });

  test("a warm scan checks each shared read record once", () => {
    const { root, dir } = setup();
    const a = new DiskCache(dir, root, "salt");
    for (let i = 0; i < 10; i++) a.set(`f${i}.ts`, entry(root, `f${i}.ts`, "h", structuredClone(probes)));
    a.save();
    const b = new DiskCache(dir, root, "salt");
    const asked: string[] = [];
    const check = readsCheck((rel) => {
      asked.push(rel);
      return rel === ".env" ? "abc" : null;
    });
    for (let i = 0; i < 10; i++) assert.equal(check(b.get(`f${i}.ts`, "h")!), true);
    assert.deepEqual(asked, probes.filter((_, i) => i % 2 === 0));
    const changed = readsCheck((rel) => (rel === ".env" ? "changed" : null));
    assert.equal(changed(b.get("f0.ts", "h")!), false);
  });

  test("malformed entries are misses, the well-formed ones survive a save", () => {
    const { root, dir } = setup();
    const a = new DiskCache(dir, root, "salt");
    a.set("good.ts", entry(root, "good.ts", "h", probes));
    a.set("other.ts", entry(root, "other.ts", "h", probes));
    a.save();
    const raw = rawOf(a);
    const row = raw.rows.slice(0, 8);
    const add = (relPath: string, change: (r: number[]) => void) => {
      const r = [...row];
      r[0] = raw.paths.push(relPath) - 1;
      change(r);
      raw.rows.push(...r);
    };
    add("bad-hash.ts", (r) => (r[1] = 99));
    add("bad-record.ts", (r) => (r[2] = 99));
    add("bad-result.ts", (r) => (r[3] = 99));
    add("half-index.ts", (r) => (r[3] = 0.5));
    const valid = { findings: [], ruleFailures: [], syntaxErrors: 0, kind: "source" };
    raw.results.push(null, { findings: [], ruleFailures: [], syntaxErrors: 0 }, { ...valid, findings: {} }, { ...valid, relPath: "good.ts" });
    add("null-result.ts", (r) => (r[3] = raw.results.length - 4));
    add("no-kind.ts", (r) => (r[3] = raw.results.length - 3));
    add("findings-object.ts", (r) => (r[3] = raw.results.length - 2));
    add("result-with-path.ts", (r) => (r[3] = raw.results.length - 1));
    raw.reads.push([0, 5], [0], [99, -1], [0, "0"]);
    for (const [k, name] of ["bad-read.ts", "odd-read.ts", "read-path.ts", "read-string.ts"].entries()) add(name, (r) => (r[2] = raw.reads.length - 4 + k));
    add("__proto__", () => {});
    add("twice.ts", () => {});
    add("twice.ts", () => {});
    add("no-stamp.ts", (r) => (r[4] = -1));
    add("bad-stamp.ts", (r) => (r[5] = "x" as unknown as number));
    fs.writeFileSync(a.file, JSON.stringify(raw));

    const b = new DiskCache(dir, root, "salt");
    const bad = ["bad-hash.ts", "bad-record.ts", "bad-result.ts", "half-index.ts", "null-result.ts", "no-kind.ts", "findings-object.ts", "result-with-path.ts", "bad-read.ts", "odd-read.ts", "read-path.ts", "read-string.ts", "twice.ts"];
    for (const rel of [...bad, "constructor", "toString", "hasOwnProperty"]) assert.equal(b.get(rel, "h"), undefined, rel);
    assert.ok(b.get("good.ts", "h"));
    assert.equal(b.get("__proto__", "h")?.file.relPath, "__proto__", "any name is a name");
    assert.equal(b.get("no-stamp.ts", "h")?.stamp, undefined, "no stamp: the file is read");
    assert.equal(b.get("bad-stamp.ts", "h")?.stamp, undefined, "a malformed stamp is no stamp");
    b.set("new.ts", entry(root, "new.ts", "h", []));
    b.save();
    const c = new DiskCache(dir, root, "salt");
    assert.deepEqual(entryPaths(rawOf(c)).sort(), ["__proto__", "bad-stamp.ts", "good.ts", "new.ts", "no-stamp.ts", "other.ts"]);
    assert.deepEqual(c.get("other.ts", "h"), entry(root, "other.ts", "h", probes), "an entry never decoded in that run is kept as it was");
  });

  test("another salt, an older format or a broken file: start empty and rewrite", () => {
    const { root, dir } = setup();
    const a = new DiskCache(dir, root, "salt");
    a.set("a.ts", entry(root, "a.ts", "h", []));
    a.save();
    assert.equal(new DiskCache(dir, root, "other salt").get("a.ts", "h"), undefined);

    const { fileName: _abs, ...stored } = entry(root, "a.ts", "h", []).file;
    fs.writeFileSync(a.file, JSON.stringify({ format: 3, salt: "salt", reads: [[]], entries: { "a.ts": ["h", stored, 0, 0] } }));
    const old = new DiskCache(dir, root, "salt");
    assert.equal(old.get("a.ts", "h"), undefined, "format 3 is not read");
    old.save();
    assert.equal(rawOf(old).format, 4, "and is replaced even with nothing to add");

    const whole = (() => {
      const w = new DiskCache(dir, root, "salt");
      w.set("a.ts", entry(root, "a.ts", "h", probes));
      w.save();
      return fs.readFileSync(w.file, "utf8");
    })();
    const broken = ["null", "[]", "{", "", '{"format":4,"salt":"salt","paths":[],"hashes":[],"reads":[],"results":[],"rows":[1,2,3]}', whole.replace("m a.ts", "m \u00e9 a.ts")];
    const parts = ["paths", "hashes", "reads", "results", "rows"];
    for (const part of parts) broken.push(JSON.stringify({ ...JSON.parse(whole), [part]: {} }));
    for (let cut = 1; cut < whole.length; cut += Math.ceil(whole.length / 40)) broken.push(whole.slice(0, cut));
    for (const text of broken) {
      fs.writeFileSync(a.file, text);
      const c = new DiskCache(dir, root, "salt");
      assert.equal(c.get("a.ts", "h"), undefined, text);
      c.set("a.ts", entry(root, "a.ts", "h", []));
      c.save();
      assert.ok(new DiskCache(dir, root, "salt").get("a.ts", "h"), `${text}: rewritten whole`);
    }
  });

  test("retain forgets files that are gone, decoded or not", () => {
    const { root, dir } = setup();
    const a = new DiskCache(dir, root, "salt");
    for (const r of ["a.ts", "b.ts", "c.ts"]) a.set(r, entry(root, r, "h", []));
    a.save();
    const b = new DiskCache(dir, root, "salt");
    assert.ok(b.get("a.ts", "h"));
    b.retain(new Set(["c.ts"]));
    assert.equal(b.get("a.ts", "h"), undefined);
    assert.equal(b.get("b.ts", "h"), undefined);
    b.save();
    assert.deepEqual(entryPaths(rawOf(b)), ["c.ts"]);
  });
});
