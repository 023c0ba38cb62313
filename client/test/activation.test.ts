// Activates the bundled client against a stand-in `vscode` module and a stub language server
// (fixtures/stubServer.ts): commands, status item, settings handed to the server, and the crash
// policy (restart four times in three minutes, then stop and offer "Restart").
import { after, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Module from "node:module";
import { fakeVscode, type FakeVscode } from "./fixtures/fakeVscode.js";

const root = path.resolve(__dirname, "..", "..", "..");
const stubServer = path.join(__dirname, "fixtures", "stubServer.js");

const scratch: string[] = [];
after(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function loadExtension(vscode: FakeVscode) {
  const esbuild = await import("esbuild");
  const dir = tempDir("shipshape-client-");
  const outfile = path.join(dir, "client.js");
  await esbuild.build({ entryPoints: [path.join(root, "client/src/extension.ts")], outfile, bundle: true, platform: "node", format: "cjs", target: "node20", external: ["vscode"], logLevel: "silent" });
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = M._load;
  M._load = function (request: string, ...rest: unknown[]) {
    return request === "vscode" ? vscode : load.call(this, request, ...rest);
  };
  try {
    return require(outfile) as { activate(ctx: unknown): void; deactivate(): Promise<void> };
  } finally {
    M._load = load;
  }
}

test("activation starts the server, wires status and commands, and bounds crash restarts", { timeout: 60_000 }, async () => {
  const modeFile = path.join(tempDir("shipshape-stub-"), "mode");
  fs.writeFileSync(modeFile, "ok");
  process.env.SHIPSHAPE_STUB_MODE = modeFile;
  const vscode = fakeVscode({ "shipshape.logLevel": "debug", "shipshape.rules": { "empty-catch": "error" } });
  const ext = await loadExtension(vscode);
  const context = vscode.extensionContext(stubServer);
  ext.activate(context);

  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  assert.deepEqual([...vscode.registeredCommands.keys()].sort(), pkg.contributes.commands.map((c: { command: string }) => c.command).sort());
  assert.ok(vscode.treeProviders.has("shipshape.checklist"));
  const status = vscode.statusItems[0];
  assert.ok(status, "no language status item");

  // The stub echoes the initialization options in its status message.
  await until("the server's status", () => status.severity === vscode.LanguageStatusSeverity.Warning);
  assert.match(status.detail, /"rules":\{"empty-catch":"error"\}/);
  assert.match(status.detail, /"logLevel":"debug"/);
  assert.match(status.detail, /last analysis 7\.0 ms/);
  assert.equal(status.busy, false);

  // Now every start crashes: four automatic restarts, then an error with a Restart button.
  fs.writeFileSync(modeFile, "crash");
  await vscode.executeCommand("shipshape.restartServer");
  await until("the crash message", () => vscode.errorMessages.length > 0, 30_000);
  assert.match(vscode.errorMessages[0].message, /crashed repeatedly/);
  assert.deepEqual(vscode.errorMessages[0].items, ["Restart", "Show Output"]);
  assert.equal(status.severity, vscode.LanguageStatusSeverity.Error);
  assert.equal(status.command?.command, "shipshape.restartServer");
  const log = vscode.outputLines.join("\n");
  assert.equal((log.match(/restarting it \(\d of 4/g) ?? []).length, 4, log);

  // "Restart" brings it back with a fresh budget.
  fs.writeFileSync(modeFile, "ok");
  await vscode.executeCommand("shipshape.restartServer");
  await until("the server after a manual restart", () => status.severity === vscode.LanguageStatusSeverity.Warning);
  assert.equal(vscode.errorMessages.length, 1);

  // shipshape.enable = false stops it; the status item says so.
  vscode.setSetting("shipshape.enable", false);
  await until("the disabled status", () => status.text === "Shipshape off");
  await ext.deactivate();
  assert.doesNotMatch(vscode.outputLines.join("\n"), /Starting server failed|Client is not running|failed with error/, "a clean stop logs no errors");

  // Fix All without a TypeScript/JavaScript editor explains itself instead of doing nothing.
  await vscode.executeCommand("shipshape.fixAll");
  assert.match(vscode.infoMessages.at(-1) ?? "", /open a TypeScript or JavaScript file/);
  if (process.env.SHIPSHAPE_TEST_LOG) console.log(vscode.outputLines.join("\n"), vscode.infoMessages);
});

test("a server that dies during start-up is retried within the budget, then reported once", { timeout: 60_000 }, async () => {
  const modeFile = path.join(tempDir("shipshape-stub-"), "mode");
  fs.writeFileSync(modeFile, "crash-init");
  process.env.SHIPSHAPE_STUB_MODE = modeFile;
  const vscode = fakeVscode();
  const ext = await loadExtension(vscode);
  ext.activate(vscode.extensionContext(stubServer));
  const status = vscode.statusItems[0];
  await until("the crash message", () => vscode.errorMessages.length > 0, 30_000);
  await new Promise((r) => setTimeout(r, 300)); // a second message would come right after
  assert.equal(vscode.errorMessages.length, 1, vscode.errorMessages.map((m) => m.message).join("\n"));
  assert.match(vscode.errorMessages[0].message, /exits during start-up; it was given up after 5 attempts/);
  assert.equal(status.severity, vscode.LanguageStatusSeverity.Error);
  assert.equal(status.busy, false);
  await ext.deactivate();
});

test("a missing server bundle is reported with a Restart button", { timeout: 30_000 }, async () => {
  const vscode = fakeVscode();
  const ext = await loadExtension(vscode);
  ext.activate(vscode.extensionContext(path.join(os.tmpdir(), "no-such-dir", "server.js")));
  await until("the error message", () => vscode.errorMessages.length > 0, 20_000);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(vscode.errorMessages.length, 1, vscode.errorMessages.map((m) => m.message).join("\n"));
  assert.deepEqual(vscode.errorMessages[0].items, ["Restart", "Show Output"]);
  assert.match(vscode.outputLines.join("\n"), /Cannot find module/, "the output says why");
  assert.equal(vscode.statusItems[0].command?.command, "shipshape.restartServer");
  await ext.deactivate();
});
