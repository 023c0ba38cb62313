import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
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

const probes: CacheEntry["reads"] = [["src/lib/auth.ts", null], ["src/lib/auth.tsx", null], [".env", "abc"]];

describe("the disk cache's file", () => {
  test("round trip: entries come back equal, and identical read records are stored once", () => {
    const { root, dir } = setup();
    const a = new DiskCache(dir, root, "salt");
    const entries = ["src/a.ts", "src/b.ts", "src/c.ts"].map((r, i) => entry(root, r, `h${i}`, structuredClone(probes)));
    entries.push(entry(root, "src/d.ts", "h3", []));
    for (const e of entries) a.set(e.file.relPath, e);
    a.save();
    const raw = JSON.parse(fs.readFileSync(a.file, "utf8"));
    assert.equal(raw.reads.length, 2, "three files with the same reads share one record");
    assert.ok(!JSON.stringify(raw).includes(root), "absolute paths are not stored");

    const b = new DiskCache(dir, root, "salt");
    for (const e of entries) assert.deepEqual(b.get(e.file.relPath, e.hash), e);
    assert.equal(b.get("src/a.ts", "other"), undefined, "a different content hash is a miss");
    assert.equal(b.get("src/a.ts", "h0")!.reads, b.get("src/b.ts", "h1")!.reads, "shared record, shared array");
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
    assert.deepEqual(asked, probes.map(([r]) => r));
    const changed = readsCheck((rel) => (rel === ".env" ? "changed" : null));
    assert.equal(changed(b.get("f0.ts", "h")!), false);
  });

  test("malformed entries are misses, the well-formed ones survive a save", () => {
    const { root, dir } = setup();
    const a = new DiskCache(dir, root, "salt");
    a.set("good.ts", entry(root, "good.ts", "h", probes));
    a.set("other.ts", entry(root, "other.ts", "h", probes));
    a.save();
    const raw = JSON.parse(fs.readFileSync(a.file, "utf8"));
    raw.entries["bad-index.ts"] = ["h", { ...raw.entries["good.ts"][1], relPath: "bad-index.ts" }, 99];
    raw.entries["bad-shape.ts"] = ["h", null, 0];
    raw.entries["renamed.ts"] = raw.entries["good.ts"];
    raw.entries["no-findings.ts"] = ["h", { relPath: "no-findings.ts", ruleFailures: [], syntaxErrors: 0 }, 0];
    raw.entries["__proto__"] = ["h", {}, 0];
    raw.reads.push([["x", 5]]);
    raw.entries["bad-read.ts"] = ["h", { ...raw.entries["good.ts"][1], relPath: "bad-read.ts" }, raw.reads.length - 1];
    fs.writeFileSync(a.file, JSON.stringify(raw));

    const b = new DiskCache(dir, root, "salt");
    for (const rel of ["bad-index.ts", "bad-shape.ts", "renamed.ts", "no-findings.ts", "bad-read.ts", "__proto__", "constructor", "toString"]) assert.equal(b.get(rel, "h"), undefined, rel);
    assert.ok(b.get("good.ts", "h"));
    b.set("new.ts", entry(root, "new.ts", "h", []));
    b.save();
    const c = new DiskCache(dir, root, "salt");
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(c.file, "utf8")).entries).sort(), ["good.ts", "new.ts", "other.ts"]);
    assert.deepEqual(c.get("other.ts", "h"), entry(root, "other.ts", "h", probes), "an entry never decoded in that run is kept as it was");
  });

  test("another salt, an older format or a broken file: start empty and rewrite", () => {
    const { root, dir } = setup();
    const a = new DiskCache(dir, root, "salt");
    a.set("a.ts", entry(root, "a.ts", "h", []));
    a.save();
    assert.equal(new DiskCache(dir, root, "other salt").get("a.ts", "h"), undefined);

    fs.writeFileSync(a.file, JSON.stringify({ salt: "salt", entries: { "a.ts": entry(root, "a.ts", "h", []) } }));
    const old = new DiskCache(dir, root, "salt");
    assert.equal(old.get("a.ts", "h"), undefined, "format 1 is not read");
    old.save();
    assert.equal(JSON.parse(fs.readFileSync(a.file, "utf8")).format, 3, "and is replaced even with nothing to add");

    for (const text of ["null", "[]", '{"format":3,"salt":"salt","reads":{},"entries":{}}', "{"]) {
      fs.writeFileSync(a.file, text);
      const broken = new DiskCache(dir, root, "salt");
      assert.equal(broken.get("a.ts", "h"), undefined, text);
      broken.set("a.ts", entry(root, "a.ts", "h", []));
      broken.save();
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
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(b.file, "utf8")).entries), ["c.ts"]);
  });
});
