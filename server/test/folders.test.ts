import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Folders } from "../src/folders.js";
import { fileNameOf, relativeInside } from "../src/paths.js";
import { DEFAULT_SETTINGS } from "../src/settings.js";

const root = path.resolve("/ws");
const uri = (p: string) => pathToFileURL(path.join(root, p)).href;

test("multi-root: the innermost folder owns a file; each folder has its own config file", () => {
  const files = new Map<string, string>([
    [path.join(root, "shipshape.json"), '{ "rules": { "empty-catch": "off" } }'],
    [path.join(root, "packages/api/shipshape.json"), '{ "rules": { "empty-catch": "loud" } }'],
  ]);
  const folders = new Folders((r, rel) => files.get(path.join(r, rel)));
  folders.set([{ uri: uri("") }, { uri: uri("packages/api"), name: "api" }]);
  const [top, api] = folders.all();
  assert.equal(folders.folderFor(path.join(root, "packages/api/src/a.ts")), api);
  assert.equal(folders.folderFor(path.join(root, "packages/web/a.ts")), top);
  assert.equal(folders.folderFor(path.resolve("/elsewhere/a.ts")), undefined);
  assert.equal(folders.configOwner(path.join(root, "packages/api/shipshape.json")), api);
  assert.equal(folders.configOwner(path.join(root, "packages/web/shipshape.json")), undefined, "only a folder root's file counts");

  folders.load(top, { rules: { "oversized-file": "error" } }, DEFAULT_SETTINGS);
  folders.load(api, undefined, DEFAULT_SETTINGS);
  assert.equal(top.config.rules.get("empty-catch"), "off");
  assert.equal(top.config.rules.get("oversized-file"), "error", "settings merge under the file");
  assert.equal(api.file.problems.length, 1);
  assert.equal(api.file.problems[0].file, "api/shipshape.json", "named with its folder when there are several");
  assert.equal(api.config.rules.get("empty-catch"), undefined, "an invalid entry falls back to the default");

  // Re-setting the list keeps the state of folders that stay.
  folders.set([{ uri: uri("packages/api") }]);
  assert.equal(folders.all()[0], api);
  assert.equal(folders.displayName(api), "shipshape.json");
});

test("paths: inside checks and URIs of other schemes", () => {
  assert.equal(relativeInside(root, path.join(root, "a/b.ts")), "a/b.ts");
  assert.equal(relativeInside(root, root), "");
  assert.equal(relativeInside(root, path.join(root, "..", "x")), undefined);
  assert.equal(relativeInside(root, path.join(root, "..ws-sibling")), "..ws-sibling", "a name starting with two dots is inside");
  assert.equal(fileNameOf("untitled:Untitled-1"), "Untitled-1");
  assert.equal(fileNameOf(uri("src/a b.ts")), path.join(root, "src/a b.ts"));
});
