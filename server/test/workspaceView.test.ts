import { after, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseDependencies, WorkspaceFiles } from "../src/workspaceView.js";

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-view-")));
const root = path.join(tmp, "ws");
const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
  fs.writeFileSync(path.join(tmp, rel), text);
};
write("outside.txt", "SECRET");
write("ws/.env", "A=1\n");
write("ws/package.json", JSON.stringify({ dependencies: { express: "4" }, devDependencies: { vitest: "1" } }));
write("ws/apps/web/package.json", JSON.stringify({ dependencies: { next: "14", react: "18" } }));
write("ws/apps/web/src/page.tsx", "");
write("ws/lib/util.ts", "");
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("reads workspace files: open editors first, then disk", () => {
  const open = new Map<string, string>([[path.join(root, "lib/util.ts"), "unsaved text"]]);
  const files = new WorkspaceFiles((p) => open.get(p));
  const view = files.view(root, path.join(root, "lib/util.ts"));
  assert.equal(view.root, root);
  assert.equal(view.readFile(".env"), "A=1\n");
  assert.equal(view.readFile("lib/util.ts"), "unsaved text");
  assert.equal(view.readFile("missing.txt"), undefined);
  assert.equal(view.readFile("lib"), undefined, "a folder is not a file");
});

test("never reads outside the root: parent paths, absolute paths, symlinks out", () => {
  const files = new WorkspaceFiles(() => undefined);
  const view = files.view(root, path.join(root, "lib/util.ts"));
  assert.equal(view.readFile("../outside.txt"), undefined);
  assert.equal(view.readFile("lib/../../outside.txt"), undefined);
  assert.equal(view.readFile(path.join(tmp, "outside.txt")), undefined);
  fs.symlinkSync(path.join(tmp, "outside.txt"), path.join(root, "link.txt"));
  assert.equal(view.readFile("link.txt"), undefined);
  fs.symlinkSync(path.join(root, ".env"), path.join(root, "inner-link"));
  assert.equal(view.readFile("inner-link"), "A=1\n", "a link that stays inside is fine");
});

test("dependencies of the nearest package.json, cached until invalidated", () => {
  const files = new WorkspaceFiles(() => undefined);
  const web = files.view(root, path.join(root, "apps/web/src/page.tsx")).dependencies!;
  assert.deepEqual([...web].sort(), ["next", "react"]);
  const lib = files.view(root, path.join(root, "lib/util.ts")).dependencies!;
  assert.deepEqual([...lib].sort(), ["express", "vitest"]);

  write("ws/apps/web/package.json", JSON.stringify({ dependencies: { hono: "4" } }));
  assert.deepEqual([...files.view(root, path.join(root, "apps/web/src/page.tsx")).dependencies!].sort(), ["next", "react"], "cached");
  files.invalidate();
  assert.deepEqual([...files.view(root, path.join(root, "apps/web/src/page.tsx")).dependencies!], ["hono"]);
  assert.equal(files.view(root, path.join(tmp, "elsewhere.ts")).dependencies, undefined, "outside the root: unknown");
});

test("parseDependencies: dependencies and devDependencies; undefined for broken JSON", () => {
  assert.deepEqual([...parseDependencies('{"dependencies":{"a":"1"},"devDependencies":{"b":"1"},"peerDependencies":{"c":"1"}}')!].sort(), ["a", "b"]);
  assert.deepEqual([...parseDependencies("{}")!], []);
  assert.equal(parseDependencies("{ nope"), undefined);
});

test("a view's generation moves with changes to other files, not with the file's own edits", () => {
  const files = new WorkspaceFiles(() => undefined);
  const page = path.join(root, "apps/web/src/page.tsx");
  const util = path.join(root, "lib/util.ts");
  const gen = (f: string) => files.view(root, f).generation;
  const start = gen(page);
  files.changed(page);
  files.changed(page);
  assert.equal(gen(page), start, "typing in the page itself");
  const utilBefore = gen(util);
  files.changed(util);
  assert.notEqual(gen(page), start, "an edit to a file the page may import");
  assert.equal(gen(util), utilBefore);
  const pageNow = gen(page);
  files.invalidate();
  assert.notEqual(gen(page), pageNow, "package.json changed");
});
