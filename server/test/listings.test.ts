import { after, describe, mock, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import fsModule = require("node:fs");
import * as path from "node:path";
import { FolderListings } from "../src/workspace/listings.js";
import { WorkspaceFiles } from "../src/workspace/view.js";
import { listWorkspaceFiles } from "../src/workspace/files.js";
import { makeWorkspace, removeWorkspace, writeFiles } from "./cli-harness.js";

const made: string[] = [];
after(() => made.forEach(removeWorkspace));

function workspace(files: Record<string, string>): string {
  const dir = makeWorkspace(files);
  made.push(dir);
  return dir;
}

describe("folder listings", () => {
  test("rule out missing files and files under missing folders; never rule out one that exists", () => {
    const root = workspace({ "src/lib/auth.ts": "x", "src/page.tsx": "y", ".env": "A=1" });
    const l = new FolderListings(root);
    for (const rel of ["src/lib/auth.ts", "src/page.tsx", ".env", "src", "src/lib"]) assert.equal(l.mayExist(rel), true, rel);
    for (const rel of ["src/lib/auth.tsx", "src/lib/auth/index.ts", "src/api/lib/auth.ts", "nope/deeper/still/x.ts", ".env.local", "src/page.tsx/x.ts"]) assert.equal(l.mayExist(rel), false, rel);
  });

  test("one readdir per folder that exists, none for folders that do not", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`app/r${i}/route.ts`] = "x";
    const root = workspace(files);
    const l = new FolderListings(root);
    const readdir = mock.method(fsModule, "readdirSync");
    try {
      for (let i = 0; i < 20; i++) {
        for (const probe of ["lib/auth.ts", "lib/auth.js", "lib/auth/index.ts", "src/lib/auth.ts", "db.ts"]) assert.equal(l.mayExist(`app/r${i}/${probe}`), false);
      }
      assert.equal(readdir.mock.callCount(), 22, "root, app, and each of the 20 route folders once");
    } finally {
      readdir.mock.restore();
    }
  });

  test("what a case-insensitive or normalising file system might open is not ruled out", () => {
    const root = workspace({ "lib/Auth.ts": "x", "caf\u00e9.ts": "y" });
    const l = new FolderListings(root);
    assert.equal(l.mayExist("lib/auth.ts"), true);
    assert.equal(l.mayExist("lib/AUTH.TS"), true);
    assert.equal(l.mayExist("cafe\u0301.ts"), true, "NFD spelling of an NFC name");
    assert.equal(l.mayExist("lib/auth.tsx"), false);
  });

  test("paths it does not reason about go to the file system", () => {
    const root = workspace({ "a/b.ts": "x" });
    const l = new FolderListings(root);
    for (const rel of ["a/../a/b.ts", "./a/b.ts", "a/./c.ts", "a//c.ts", "a\\c.ts", "PROGRA~1/x.ts", "/etc/passwd", "a/", "..", "x/../../y"]) assert.equal(l.mayExist(rel), true, rel);
  });

  test("folders the walk listed are not read again and answer the same", async () => {
    const root = workspace({ "src/lib/auth.ts": "x", "src/page.tsx": "y", "node_modules/pkg/index.js": "z" });
    const seeded = new FolderListings(root);
    await listWorkspaceFiles(root, { rules: new Map(), ignore: [], secretsAllow: [], limits: { maxFileLines: 400, maxUnitsPerFile: 8 } }, { onFolder: (dir, names) => seeded.seed(dir, names) });
    const fresh = new FolderListings(root);
    const readdir = mock.method(fsModule, "readdirSync");
    try {
      for (const rel of ["src/lib/auth.ts", "src/lib/auth.tsx", "src/page.tsx", "src/x/y.ts", "README.md"]) assert.equal(seeded.mayExist(rel), fresh.mayExist(rel), rel);
      const freshCalls = readdir.mock.callCount();
      assert.ok(freshCalls >= 3, "the unseeded listings read root, src and src/lib");
      assert.equal(seeded.mayExist("node_modules/pkg/index.js"), true, "a folder the walk skipped is read on demand");
      assert.equal(readdir.mock.callCount(), freshCalls + 2, "node_modules and node_modules/pkg only");
    } finally {
      readdir.mock.restore();
    }
  });

  test("forget: a file created after the listing was read is seen once forgotten", () => {
    const root = workspace({ "src/a.ts": "x" });
    const l = new FolderListings(root);
    assert.equal(l.mayExist("src/new/b.ts"), false);
    writeFiles(root, { "src/new/b.ts": "y" });
    assert.equal(l.mayExist("src/new/b.ts"), false, "a snapshot until told");
    l.forget("src/new/b.ts");
    assert.equal(l.mayExist("src/new/b.ts"), true);
  });

  test("a reader with listings reads exactly what one without reads", () => {
    const root = workspace({ "package.json": '{"dependencies":{"zod":"3"}}', "lib/auth.ts": "export {}", "lib/Upper.ts": "u", ".env": "A=1\n" });
    const outside = workspace({ "secret.txt": "S" });
    fs.symlinkSync(path.join(outside, "secret.txt"), path.join(root, "lib/link.ts"));
    fs.symlinkSync(path.join(root, "lib"), path.join(root, "alias"));
    const plain = new WorkspaceFiles(root);
    const listed = new WorkspaceFiles(root, { listings: true });
    const probes = ["package.json", "lib/auth.ts", "lib/auth.tsx", "lib/upper.ts", "lib/Upper.ts", ".env", ".env.local", "lib/link.ts", "alias/auth.ts", "alias/none.ts", "lib", "../x", "lib/../.env", "missing/deep/x.ts", "lib/auth.ts/x"];
    for (const p of probes) assert.equal(listed.readFile(p), plain.readFile(p), p);
    assert.deepEqual(listed.dependenciesFor("lib/auth.ts"), plain.dependenciesFor("lib/auth.ts"));
  });

  test("a file the walk saw as a regular file is read without a stat or realpath; symlinks still are checked", async () => {
    const root = workspace({ "lib/auth.ts": "export {}", "lib/other.ts": "o" });
    const outside = workspace({ "secret.txt": "S" });
    fs.symlinkSync(path.join(outside, "secret.txt"), path.join(root, "lib/link.ts"));
    const files = new WorkspaceFiles(root, { listings: true });
    const config = { rules: new Map(), ignore: [], secretsAllow: [], limits: { maxFileLines: 400, maxUnitsPerFile: 8 } };
    await listWorkspaceFiles(root, config, { onFolder: (dir, names, plain) => files.seedListing(dir, names, plain) });
    const stat = mock.method(fsModule, "statSync");
    const realpath = mock.method(fsModule.realpathSync, "native");
    try {
      assert.equal(files.readFile("lib/auth.ts"), "export {}");
      assert.equal(stat.mock.callCount() + realpath.mock.callCount(), 0, "the walk vouched for it");
      assert.equal(files.readFile("lib/link.ts"), undefined, "a symlink out of the root is still refused");
      assert.ok(realpath.mock.callCount() > 0);
    } finally {
      stat.mock.restore();
      realpath.mock.restore();
    }
    fs.rmSync(path.join(root, "lib/other.ts"));
    assert.equal(files.readFile("lib/other.ts"), undefined, "a file gone since the walk reads as missing");
  });

  test("knownText: only a reader for one scan hands out texts it read", () => {
    const root = workspace({ "lib/a.ts": "A" });
    const scanReader = new WorkspaceFiles(root, { listings: true });
    const longLived = new WorkspaceFiles(root);
    assert.equal(scanReader.knownText("lib/a.ts"), undefined, "nothing read yet");
    scanReader.readFile("lib/a.ts");
    longLived.readFile("lib/a.ts");
    assert.equal(scanReader.knownText("lib/a.ts"), "A");
    assert.equal(longLived.knownText("lib/a.ts"), undefined);
  });

  test("invalidate tells the listings: a fix that creates .env is seen by the same reader", () => {
    const root = workspace({ "src/a.ts": "x" });
    const files = new WorkspaceFiles(root, { listings: true });
    assert.equal(files.readFile(".env"), undefined);
    assert.equal(files.readFile("config/.env"), undefined);
    writeFiles(root, { ".env": "A=1\n", "config/.env": "B=2\n" });
    files.invalidate(".env");
    files.invalidate("config/.env");
    assert.equal(files.readFile(".env"), "A=1\n");
    assert.equal(files.readFile("config/.env"), "B=2\n");
  });
});
