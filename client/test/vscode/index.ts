// The in-editor suite (the @vscode/test-electron `extensionTestsPath` contract: `run()`).
// It drives the installed extension through the `vscode` API against a scratch copy of
// test-workspace/: diagnostics, quick fixes, Fix All, edits, shipshape.json, checklist, restart.
// Runners: scripts/e2e/vscode.mjs (VS Code) and scripts/e2e/run.mjs (code-server).
import fs from "node:fs";
import path from "node:path";
import * as vscode from "vscode";
import type { ShipshapeApi } from "../../src/api.js";
import { note, runSuite, Skip, waitFor, type TestCase } from "./harness.js";

const EXTENSION_ID = "shipshape.shipshape";
const SOURCE = "shipshape";

interface Expected {
  file: string;
  line: number;
  rule: string;
}

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error("the suite needs a workspace folder (a copy of test-workspace/)");
  return folder.uri;
}

const uriOf = (rel: string) => vscode.Uri.joinPath(root(), ...rel.split("/"));
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === "object" && d.code !== null ? String(d.code.value) : String(d.code));
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const ofRule = (uri: vscode.Uri, rule: string) => ours(uri).filter((d) => codeOf(d) === rule);

let api: ShipshapeApi | undefined;

async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uriOf(rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Put a document back to the text it had, on disk too, so later tests start from the original. */
async function restore(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not restore ${doc.uri.fsPath}`);
  }
  if (doc.isDirty) await doc.save();
}

async function insertAtTop(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error("the edit was refused");
}

async function codeActions(doc: vscode.TextDocument, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>("vscode.executeCodeActionProvider", doc.uri, range, kind);
  // The provider also returns plain Commands (their `command` is a string); those are not quick fixes.
  return (actions ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== "string");
}

/** Files other than `doc` an action's edit touches, with their text before it (undefined: the edit creates it). */
async function otherFiles(action: vscode.CodeAction, doc: vscode.TextDocument): Promise<Map<string, string | undefined>> {
  const before = new Map<string, string | undefined>();
  for (const [uri] of action.edit?.entries() ?? []) {
    if (uri.toString() === doc.uri.toString()) continue;
    before.set(uri.toString(), await vscode.workspace.fs.readFile(uri).then((b) => Buffer.from(b).toString("utf8"), () => undefined));
  }
  return before;
}

/** Undo what a fix did to other files: delete the ones it created, write back the others. */
async function restoreOthers(before: Map<string, string | undefined>): Promise<void> {
  for (const [key, text] of before) {
    const uri = vscode.Uri.parse(key);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (open?.isDirty) await open.save();
    if (text === undefined) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    else await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
  }
}

async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) throw new Error(`"${action.title}" was refused`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Actions that change code for a rule, not the ignore comments or the docs link every finding gets. */
const isRuleFix = (a: vscode.CodeAction) => a.edit !== undefined && !a.title.startsWith("Ignore ") && !a.title.startsWith("Show rule documentation");

/**
 * Several findings can share a range (a fetch without timeout, status check or handler), and the
 * API command drops each action's diagnostics: the title tells which rule a fix belongs to.
 */
const FIX_TITLE: Record<string, RegExp> = {
  "empty-catch": /^Log the error$/,
  "insecure-cookie": /cookie|Set-Cookie/i,
  "jwt-no-expiry": /Expire|algorithm/i,
  "schema-sync": /^Use |production/,
  "hardcoded-secret": /^Move to \.env/,
  "public-env-secret": /server-only/,
  "unchecked-response": /response status/,
  "fetch-without-timeout": /timeout/i,
  "unhandled-fetch": /try\/catch|\.catch\(\)|error\.tsx/,
  "unvalidated-input": /^Validate with/,
  "sql-injection": /parameterised/,
  "error-details-leak": /generic message/,
  "missing-loading-state": /loading state/i,
};
const isFixOf = (rule: string) => (a: vscode.CodeAction) => isRuleFix(a) && (FIX_TITLE[rule]?.test(a.title) ?? true);

function expectedFindings(): Expected[] {
  return JSON.parse(fs.readFileSync(path.join(root().fsPath, "expected-findings.json"), "utf8")) as Expected[];
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** What the text must show after a rule's quick fix, per rule; rules not listed only need the finding gone. */
const FIXED_TEXT: Record<string, RegExp> = {
  "empty-catch": /Unexpected error/,
  "insecure-cookie": /httpOnly/,
  "jwt-no-expiry": /exp|expiresIn|algorithms/,
  "schema-sync": /production/,
  "hardcoded-secret": /process\.env/,
};

const tests: TestCase[] = [
  {
    name: "the extension activates, exports its API and the server runs",
    async fn() {
      const ext = vscode.extensions.getExtension<ShipshapeApi>(EXTENSION_ID);
      assert(ext, `${EXTENSION_ID} is not installed`);
      api = await ext.activate();
      assert(api && typeof api.serverReady === "function", "activate() returned no API with serverReady()");
      await api.serverReady(60_000);
      assert(api.phase === "running", `phase is ${api.phase}`);
    },
  },
  {
    name: "diagnostics appear with the expected codes, lines and ranges",
    async fn() {
      const expected = expectedFindings();
      assert(expected.length > 0, "expected-findings.json is empty");
      for (const file of new Set(expected.map((e) => e.file))) {
        const doc = await open(file);
        for (const e of expected.filter((x) => x.file === file)) {
          await waitFor(`${e.rule} at ${file}:${e.line}`, () => ofRule(doc.uri, e.rule).some((d) => d.range.start.line === e.line - 1));
        }
      }
      // Ranges: the narrowest useful span, checked on the text it covers.
      const auth = await open("api/src/lib/auth.ts");
      const verify = await waitFor("the jwt.verify error", () => ofRule(auth.uri, "jwt-no-expiry").find((d) => d.severity === vscode.DiagnosticSeverity.Error));
      assert(auth.getText(verify.range) === "jwt.verify(token, JWT_SECRET)", `jwt.verify range covers "${auth.getText(verify.range)}"`);
      const mailer = await open("api/src/lib/mailer.ts");
      const block = ofRule(mailer.uri, "empty-catch").find((d) => d.range.start.line === 20);
      assert(block && /^catch \(err\) \{\s*\}$/.test(mailer.getText(block.range)), `empty catch range covers "${block && mailer.getText(block.range)}"`);
      assert(block.severity === vscode.DiagnosticSeverity.Warning, "empty-catch is not a warning");
      const routes = await open("api/src/routes/auth.ts");
      const cookie = ofRule(routes.uri, "insecure-cookie")[0];
      assert(cookie && routes.getText(cookie.range).startsWith('res.cookie("session"'), `insecure-cookie range covers "${cookie && routes.getText(cookie.range)}"`);
      // Files shipshape.json ignores get nothing.
      const generated = await open("api/src/legacy.generated.ts");
      await waitFor("the server to answer for the ignored file", () => ours(auth.uri).length > 0);
      assert(ours(generated.uri).length === 0, "an ignored file got diagnostics");
    },
  },
  {
    name: "each rule's quick fix applies through vscode.executeCodeActionProvider",
    timeoutMs: 180_000,
    async fn() {
      const expected = expectedFindings();
      const rules = [...new Set(expected.map((e) => e.rule))];
      let fixed = 0;
      for (const rule of rules) {
        let applied = false;
        for (const e of expected.filter((x) => x.rule === rule)) {
          const doc = await open(e.file);
          const original = doc.getText();
          const diag = await waitFor(`${rule} at ${e.file}:${e.line}`, () => ofRule(doc.uri, rule).find((d) => d.range.start.line === e.line - 1));
          // The server only answers for the version it analysed: poll until it offers its actions.
          const actions = await waitFor(`code actions for ${rule} at ${e.file}:${e.line}`, async () => {
            // The API command drops each action's diagnostics, so the range (this finding's alone) is what ties them to it.
            const list = (await codeActions(doc, diag.range, vscode.CodeActionKind.QuickFix.value)).filter((a) => !a.diagnostics || a.diagnostics.some((d) => codeOf(d) === rule));
            return list.some((a) => a.title === `Show rule documentation (${rule})`) ? list : undefined;
          });
          assert(actions.some((a) => a.title === `Ignore this line (${rule})`), `${rule} offers no "Ignore this line" action`);
          const fix = actions.find((a) => isFixOf(rule)(a) && a.isPreferred) ?? actions.find(isFixOf(rule));
          if (!fix) continue;
          const others = await otherFiles(fix, doc);
          await applyAction(fix);
          await waitFor(`"${fix.title}" to change ${e.file}`, () => doc.getText() !== original);
          const pattern = FIXED_TEXT[rule];
          assert(!pattern || pattern.test(doc.getText().slice(Math.max(0, doc.offsetAt(diag.range.start) - 200))), `after "${fix.title}" the text lacks ${pattern}`);
          await waitFor(`${rule} at ${e.file}:${e.line} to go after "${fix.title}"`, () => !ofRule(doc.uri, rule).some((d) => d.range.start.line === e.line - 1 && d.severity === diag.severity && d.message === diag.message));
          note(`${rule}: "${fix.title}" at ${e.file}:${e.line}${others.size ? ` (also edits ${[...others.keys()].map((k) => path.basename(vscode.Uri.parse(k).fsPath)).join(", ")})` : ""}`);
          await restore(doc, original);
          await restoreOthers(others);
          applied = true;
          fixed++;
          break;
        }
        if (!applied) note(`${rule}: no quick fix beyond ignore/docs for its findings in test-workspace`);
      }
      assert(fixed >= 2, `only ${fixed} rules had a quick fix that applied`);
    },
  },
  {
    name: "an ignore comment from the quick fix silences the finding",
    async fn() {
      const doc = await open("web/lib/api.ts");
      const original = doc.getText();
      const diag = await waitFor("empty-catch in web/lib/api.ts", () => ofRule(doc.uri, "empty-catch")[0]);
      const line = diag.range.start.line;
      const ignore = await waitFor("the ignore action", async () => (await codeActions(doc, diag.range)).find((a) => a.title === "Ignore this line (empty-catch)"));
      await applyAction(ignore);
      await waitFor("the ignore comment", () => /shipshape-ignore/.test(doc.getText()));
      await waitFor("empty-catch to go", () => ofRule(doc.uri, "empty-catch").length === 0);
      await restore(doc, original);
      await waitFor("empty-catch to come back after the undo", () => ofRule(doc.uri, "empty-catch").some((d) => d.range.start.line === line));
    },
  },
  {
    name: "Fix All applies every safe fix in the file",
    async fn() {
      const doc = await open("api/src/lib/mailer.ts");
      const original = doc.getText();
      await waitFor("two empty-catch findings", () => ofRule(doc.uri, "empty-catch").length >= 2);
      const fixAll = await waitFor("the fix-all action", async () => (await codeActions(doc, new vscode.Range(0, 0, 0, 0), "source.fixAll.shipshape"))[0]);
      assert(fixAll.kind?.value === "source.fixAll.shipshape", `fix-all kind is ${fixAll.kind?.value}`);
      // The user's path: the command, on the active editor.
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand("shipshape.fixAll");
      await waitFor("Fix All to edit the file", () => (doc.getText().match(/Unexpected error/g) ?? []).length >= 2, 20_000);
      await waitFor("empty-catch findings to go", () => ofRule(doc.uri, "empty-catch").length === 0);
      await restore(doc, original);
    },
  },
  {
    name: "editing a document replaces stale diagnostics",
    async fn() {
      const doc = await open("api/src/lib/mailer.ts");
      const original = doc.getText();
      const before = await waitFor("empty-catch findings", () => {
        const lines = ofRule(doc.uri, "empty-catch").map((d) => d.range.start.line).sort((a, b) => a - b);
        return lines.length >= 2 ? lines : undefined;
      });
      await insertAtTop(doc, "// one\n// two\n// three\n");
      await waitFor("diagnostics to move down three lines", () => {
        const lines = ofRule(doc.uri, "empty-catch").map((d) => d.range.start.line).sort((a, b) => a - b);
        return lines.length === before.length && lines.every((l, i) => l === before[i] + 3);
      });
      // Filling the first empty catch removes its finding and leaves the other.
      const block = doc.getText().indexOf("} catch (err) {");
      assert(block >= 0, "mailer.ts lost its catch block");
      const at = doc.positionAt(block + "} catch (err) {".length);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, at, "\n    console.error(err);");
      assert(await vscode.workspace.applyEdit(edit), "edit refused");
      await waitFor("the filled catch to lose its finding", () => ofRule(doc.uri, "empty-catch").length === before.length - 1);
      await restore(doc, original);
      await waitFor("the findings to be back where they were", () => {
        const lines = ofRule(doc.uri, "empty-catch").map((d) => d.range.start.line).sort((a, b) => a - b);
        return lines.length === before.length && lines.every((l, i) => l === before[i]);
      });
    },
  },
  {
    name: "turning a rule off in shipshape.json removes its findings",
    async fn() {
      const doc = await open("api/src/lib/mailer.ts");
      await waitFor("empty-catch findings", () => ofRule(doc.uri, "empty-catch").length > 0);
      const configUri = uriOf("shipshape.json");
      const original = Buffer.from(await vscode.workspace.fs.readFile(configUri)).toString("utf8");
      const config = JSON.parse(original) as { rules?: Record<string, string> };
      config.rules = { ...config.rules, "empty-catch": "off" };
      await vscode.workspace.fs.writeFile(configUri, Buffer.from(JSON.stringify(config, null, 2) + "\n"));
      try {
        await waitFor("empty-catch to turn off", () => ofRule(doc.uri, "empty-catch").length === 0 && ofRule(uriOf("web/lib/api.ts"), "empty-catch").length === 0);
        assert(ofRule(uriOf("api/src/lib/auth.ts"), "jwt-no-expiry").length > 0, "other rules went off too");
      } finally {
        await vscode.workspace.fs.writeFile(configUri, Buffer.from(original));
      }
      await waitFor("empty-catch to come back", () => ofRule(doc.uri, "empty-catch").length > 0);
    },
  },
  {
    name: "a hardcoded secret moves to .env (when the hardcoded-secret rule is registered)",
    async fn() {
      const files = [...new Set(expectedFindings().filter((e) => e.rule === "hardcoded-secret").map((e) => e.file)), "api/src/lib/auth.ts"];
      for (const file of files) {
        const doc = await open(file);
        await api?.serverReady();
        // Give the server the time it takes to analyse the file: another rule's finding there says it has.
        await waitFor(`analysis of ${file}`, () => ours(doc.uri).length > 0, 20_000).catch(() => undefined);
        const secret = ofRule(doc.uri, "hardcoded-secret")[0];
        if (!secret) continue;
        const move = await waitFor("the Move to .env action", async () => (await codeActions(doc, secret.range)).find((a) => /\.env/.test(a.title) && a.edit !== undefined));
        const original = doc.getText();
        const others = await otherFiles(move, doc);
        const env = [...others.keys()].map((k) => vscode.Uri.parse(k)).find((u) => path.basename(u.fsPath) === ".env");
        assert(env, `"${move.title}" does not write a .env file`);
        await applyAction(move);
        await waitFor(`${vscode.workspace.asRelativePath(env)} to exist`, async () => vscode.workspace.fs.stat(env).then(() => true, () => false));
        await waitFor("the code to read process.env", () => /process\.env/.test(doc.getText()) && doc.getText() !== original);
        note(`"${move.title}" wrote ${vscode.workspace.asRelativePath(env)}`);
        await restore(doc, original);
        await restoreOthers(others);
        return;
      }
      throw new Skip("no hardcoded-secret finding in test-workspace (the rule is not registered yet)");
    },
  },
  {
    name: "the checklist view opens and its tree reads through the API",
    async fn() {
      await vscode.commands.executeCommand("shipshape.checklist.focus");
      if (typeof api?.getChecklist !== "function") throw new Skip("the checklist view has no tree API yet (getChecklist)");
      const nodes = await waitFor("checklist steps", async () => {
        const list = await api!.getChecklist!();
        return list.length > 0 ? list : undefined;
      });
      assert(nodes.every((n) => typeof n.label === "string" && n.label.length > 0), "a checklist step has no label");
      assert(nodes.some((n) => /secret|env/i.test(n.label)), `no secrets step in ${nodes.map((n) => n.label).join(", ")}`);
    },
  },
  {
    name: "Restart Server brings a working server back",
    async fn() {
      const doc = await open("web/lib/api.ts");
      const original = doc.getText();
      const before = await waitFor("empty-catch in web/lib/api.ts", () => ofRule(doc.uri, "empty-catch")[0]);
      await vscode.commands.executeCommand("shipshape.restartServer");
      await api!.serverReady(60_000);
      assert(api!.phase === "running", `phase after restart is ${api!.phase}`);
      await insertAtTop(doc, "\n\n");
      await waitFor("the restarted server to analyse the edit", () => ofRule(doc.uri, "empty-catch").some((d) => d.range.start.line === before.range.start.line + 2));
      await restore(doc, original);
    },
  },
];

function resultFile(): string {
  return process.env.SHIPSHAPE_E2E_RESULT ?? path.join(path.dirname(root().fsPath), "shipshape-e2e-result.json");
}

export async function run(): Promise<void> {
  const result = await runSuite(tests, resultFile());
  if (result.failed > 0) throw new Error(`${result.failed} of ${result.tests.length} editor tests failed`);
}
