// The extension manifest (package.json), the packaging allowlist and the client bundle, checked
// without VS Code: every contribution must point at something that exists and is registered.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { ClientCommands } from "../src/commandIds.js";
import { SOURCE_LANGUAGES, TEXT_FILE_PATTERNS, WATCHED_FILES, documentSelector } from "../src/selectors.js";
import { DOCS_BASE } from "../src/ruleDocs.js";

// Compiled to out/client/test: the repository root is three levels up. The rules and server
// packages are loaded from their own build output (paths in the sources would not resolve here).
const root = path.resolve(__dirname, "..", "..", "..");
const rules = require(path.join(root, "out/rules/src/index.js")) as typeof import("../../rules/src/index.js");
const protocol = require(path.join(root, "out/server/src/protocol.js")) as typeof import("../../server/src/protocol.js");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const contributes = pkg.contributes;
const read = (rel: string) => fs.readFileSync(path.join(root, rel), "utf8");
const exists = (rel: string) => fs.existsSync(path.join(root, rel));

test("every contributed command is in category Shipshape and registered by the client", () => {
  const declared = contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(declared, Object.values(ClientCommands).sort());
  for (const c of contributes.commands) assert.equal(c.category, "Shipshape", `${c.command} has no "Shipshape" category`);
  const source = read("client/src/commands.ts");
  for (const key of Object.keys(ClientCommands)) {
    assert.ok(source.includes(`registerCommand(ClientCommands.${key},`), `client/src/commands.ts does not register ClientCommands.${key}`);
  }
  for (const menu of contributes.menus.commandPalette) assert.ok(declared.includes(menu.command), `menu entry for unknown command ${menu.command}`);
});

test("the rule documentation command is the one the server's code action runs", () => {
  assert.equal(ClientCommands.showRuleDocs, protocol.Commands.showDocs);
});

test("the client opens rule docs at the same address the rules publish", () => {
  assert.equal(DOCS_BASE, rules.DOCS_BASE);
});

test("shipshape.rules settings are generated from rule metadata (run `npm run docs` to refresh)", () => {
  const setting = contributes.configuration.properties["shipshape.rules"];
  const expected = (rules.configSchema(rules.allRules) as { properties: { rules: { properties: Record<string, unknown> } } }).properties.rules.properties;
  assert.deepEqual(Object.keys(setting.properties), Object.keys(expected), "rule ids or their order differ");
  assert.deepEqual(Object.keys(setting.properties).sort(), rules.allRules.map((r) => r.meta.id).sort());
  assert.deepEqual(setting.properties, expected);
  for (const [id, p] of Object.entries<{ enum: string[] }>(setting.properties)) assert.deepEqual(p.enum, ["off", "info", "warning", "error"], id);
});

test("every setting has a description, and the documented ones exist", () => {
  const props = contributes.configuration.properties;
  for (const name of ["shipshape.enable", "shipshape.rules", "shipshape.ignore", "shipshape.debounceMs", "shipshape.logLevel", "shipshape.trace.server", "shipshape.scope"]) {
    assert.ok(props[name], `${name} is not contributed`);
  }
  for (const [name, p] of Object.entries<{ description?: string; markdownDescription?: string }>(props)) {
    assert.ok(name.startsWith("shipshape."), name);
    assert.ok(p.description || p.markdownDescription, `${name} has no description`);
  }
  assert.equal(props["shipshape.debounceMs"].default, 200);
  assert.equal(props["shipshape.scope"].default, "workspace");
  assert.deepEqual(props["shipshape.trace.server"].enum, ["off", "messages", "verbose"]);
  // The client's log filter (logFormat.ts) must understand every value the setting offers.
  const { LOG_LEVELS } = require("../src/logFormat.js") as typeof import("../src/logFormat.js");
  assert.deepEqual(props["shipshape.logLevel"].enum, [...LOG_LEVELS]);
});

test("shipshape.json gets the generated schema", () => {
  assert.deepEqual(contributes.jsonValidation.map((j: { fileMatch: string }) => j.fileMatch), ["shipshape.json"]);
  for (const j of contributes.jsonValidation) {
    const rel = j.url.replace(/^\.\//, "");
    assert.ok(exists(rel), `${j.url} does not exist`);
    assert.equal(JSON.parse(read(rel)).title, "Shipshape configuration");
  }
});

test("activation events and the document selector cover the analysed languages and files", () => {
  for (const lang of SOURCE_LANGUAGES) assert.ok(pkg.activationEvents.includes(`onLanguage:${lang}`), `no activation on ${lang}`);
  assert.ok(pkg.activationEvents.includes("workspaceContains:shipshape.json"));
  const selector = documentSelector();
  assert.ok(selector.every((f) => f.scheme === "file"), "only file: documents go to the server");
  assert.deepEqual(selector.filter((f) => f.language).map((f) => f.language), [...SOURCE_LANGUAGES]);
  assert.deepEqual(selector.filter((f) => f.pattern).map((f) => f.pattern), [...TEXT_FILE_PATTERNS]);
  for (const glob of ["**/shipshape.json", "**/package.json", "**/.env*", "**/.gitignore"]) assert.ok((WATCHED_FILES as readonly string[]).includes(glob), glob);
});

test("the walkthrough has one step per readiness step, each with its media and rule links", () => {
  const [walkthrough] = contributes.walkthroughs;
  assert.equal(walkthrough.title, "Make your app production-ready");
  assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), rules.STEPS.map((s) => s.id));
  for (const [i, step] of walkthrough.steps.entries()) {
    const meta = rules.STEPS[i];
    assert.ok(step.title.includes(meta.title), `${step.id}: title should name "${meta.title}"`);
    assert.ok(step.completionEvents.length > 0, `${step.id}: no completion event`);
    assert.equal(step.media.markdown, `media/walkthrough/${step.id}.md`);
    assert.ok(exists(step.media.markdown), `${step.media.markdown} is missing`);
    const md = read(step.media.markdown);
    const lines = md.trim().split("\n").length;
    assert.ok(lines >= 5 && lines <= 14, `${step.media.markdown}: ${lines} lines`);
    const ruleIds = Object.entries(rules.CATALOGUE).filter(([, steps]) => steps.includes(meta.id)).map(([id]) => id);
    for (const id of ruleIds) assert.ok(md.includes(`(${rules.docsUrl(id)})`), `${step.media.markdown} does not link ${id}'s docs`);
    for (const ev of step.completionEvents.filter((e: string) => e.startsWith("onLink:"))) {
      assert.ok(step.description.includes(`(${ev.slice("onLink:".length)})`), `${step.id}: completes on a link its description does not show`);
    }
  }
});

test("command links in the walkthrough and the welcome view name real commands", () => {
  const texts = [...contributes.walkthroughs[0].steps.map((s: { description: string }) => s.description), ...contributes.viewsWelcome.map((v: { contents: string }) => v.contents)];
  const ours = new Set<string>([...Object.values(ClientCommands), ...Object.values(contributes.views).flat().map((v) => `${(v as { id: string }).id}.focus`)]);
  for (const text of texts) {
    for (const [, command] of text.matchAll(/\(command:([\w.]+)/g)) {
      if (command.startsWith("shipshape.")) assert.ok(ours.has(command), `link to unknown command ${command}`);
    }
  }
  const walkthroughId = `${pkg.publisher}.${pkg.name}#${contributes.walkthroughs[0].id}`;
  assert.ok(contributes.viewsWelcome[0].contents.includes(encodeURIComponent(JSON.stringify(walkthroughId))), "the welcome view's walkthrough link names another walkthrough");
});

test("the checklist view sits in an activity bar container with a monochrome 24x24 icon", () => {
  const [container] = contributes.viewsContainers.activitybar;
  assert.deepEqual(contributes.views[container.id].map((v: { id: string }) => v.id), ["shipshape.checklist"]);
  assert.equal(contributes.views[container.id][0].name, "Readiness checklist");
  const svg = read(container.icon);
  assert.match(svg, /viewBox="0 0 24 24"/);
  assert.match(svg, /currentColor/);
  assert.doesNotMatch(svg.replace(/currentColor/g, ""), /#[0-9a-f]{3,6}\b|rgb\(/i, "activity bar icons must not hard-code colours");
  assert.ok(contributes.viewsWelcome.some((w: { view: string }) => w.view === "shipshape.checklist"));
  assert.ok(read("client/src/checklistView.ts").includes('"shipshape.checklist"'), "no tree registered: VS Code would show an error instead of the welcome text");
});

test("the marketplace icon is a 128x128 PNG and the gallery metadata is complete", () => {
  const png = fs.readFileSync(path.join(root, pkg.icon));
  assert.equal(png.subarray(1, 4).toString("ascii"), "PNG");
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);
  assert.equal(pkg.license, "MIT");
  assert.match(read("LICENSE"), /Copyright \(c\) 2026 Shipshape contributors/);
  assert.ok(exists("CHANGELOG.md"));
  assert.deepEqual(pkg.categories, ["Linters"]);
  assert.match(pkg.repository.url, /^https:\/\/github\.com\/shipshape-dev\/shipshape/);
  assert.ok(pkg.galleryBanner.color && pkg.galleryBanner.theme);
  assert.equal(pkg.main, "./dist/client.js");
});

test("Restricted Mode is supported, virtual workspaces are not, each with a reason", () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  assert.ok(pkg.capabilities.untrustedWorkspaces.description.length > 20);
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
  assert.ok(exists("docs/untrusted-workspaces.md"));
});

const EXPECTED_ALLOWLIST = ["dist/client.js", "dist/server.js", "dist/cli.js", "dist/cli-bundle.js", "package.json", "README.md", "CHANGELOG.md", "LICENSE", "media/**", "schemas/**", "rules/docs/**", "bin/**"];

test(".vscodeignore is an allowlist", () => {
  const lines = read(".vscodeignore").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  assert.equal(lines[0], "**", "the first pattern must exclude everything");
  const rest = lines.slice(1);
  assert.ok(rest.every((l) => l.startsWith("!")), "after `**`, only re-includes");
  assert.deepEqual(rest.map((l) => l.slice(1)).sort(), [...EXPECTED_ALLOWLIST].sort());
});

test("the vsix content check refuses sources, maps and node_modules", async () => {
  const { forbiddenEntries } = await import(pathToFileURL(path.join(root, "scripts/vsixContents.mjs")).href);
  const good = ["extension.vsixmanifest", "[Content_Types].xml", "extension/package.json", "extension/readme.md", "extension/changelog.md", "extension/LICENSE.txt", "extension/dist/client.js", "extension/dist/server.js", "extension/media/walkthrough/auth.md", "extension/rules/docs/empty-catch.md", "extension/bin/shipshape.js", "extension/schemas/shipshape.schema.json"];
  assert.deepEqual(forbiddenEntries(good), []);
  const bad = ["extension/dist/client.js.map", "extension/node_modules/vscode-languageclient/package.json", "extension/client/src/extension.ts", "extension/rules/src/registry.ts", "extension/dist/other.js", "extension/.env", "stray.txt"];
  assert.equal(forbiddenEntries(bad).length, bad.length, forbiddenEntries(bad).join("\n"));
});

test("vsce packages only the allowlist (even next to a development build with source maps)", { skip: !exists("dist/client.js") && "dist/client.js missing: run `node esbuild.mjs` first" }, async () => {
  const { forbiddenEntries, listZip } = await import(pathToFileURL(path.join(root, "scripts/vsixContents.mjs")).href);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-vsix-")), "test.vsix");
  const r = spawnSync(path.join(root, "node_modules/.bin/vsce"), ["package", "--no-dependencies", "--out", out], { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr || r.stdout);
  const names: string[] = listZip(out).map((e: { name: string }) => e.name);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  assert.deepEqual(forbiddenEntries(names), []);
  for (const required of ["extension/package.json", "extension/dist/client.js", "extension/media/icon.png", "extension/schemas/shipshape.schema.json", "extension/media/walkthrough/secrets.md"]) {
    assert.ok(names.includes(required), `${required} is not packaged`);
  }
});

test("the client bundle does not contain TypeScript, the rules or the server", async () => {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [path.join(root, "client/src/extension.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["vscode"],
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => p.replace(/\\/g, "/"));
  const offenders = inputs.filter((p) => /(^|\/)node_modules\/typescript\//.test(p) || /^rules\//.test(p) || (/^server\//.test(p) && p !== "server/src/protocol.ts"));
  assert.deepEqual(offenders, [], "activation must not load the analysis");
  assert.ok(inputs.includes("server/src/protocol.ts"), "the client should share the protocol module");
  const code = result.outputFiles[0].text;
  assert.ok(!code.includes("createSourceFile"), "the TypeScript compiler is in the client bundle");
  assert.ok(code.length < 1024 * 1024, `client bundle is ${code.length} bytes`);
});

test("checklist view menus name contributed commands and the context values the tree sets", () => {
  const declared = new Set(contributes.commands.map((c: { command: string }) => c.command));
  const tree = read("client/src/checklist/treeProvider.ts");
  for (const entry of [...contributes.menus["view/title"], ...contributes.menus["view/item/context"]]) {
    assert.ok(declared.has(entry.command), `menu entry for unknown command ${entry.command}`);
    assert.match(entry.when, /view == shipshape\.checklist/);
  }
  for (const entry of contributes.menus["view/item/context"]) {
    const exact = /viewItem == ([\w.]+)/.exec(entry.when)?.[1];
    if (exact) assert.ok(tree.includes(`"${exact}"`), `the tree never sets contextValue "${exact}"`);
  }
  for (const id of [ClientCommands.fixFinding, ClientCommands.ignoreFinding, ClientCommands.findingDocs]) {
    assert.ok(contributes.menus.commandPalette.some((m: { command: string; when: string }) => m.command === id && m.when === "false"), `${id} needs a tree node: hide it from the palette`);
  }
});
