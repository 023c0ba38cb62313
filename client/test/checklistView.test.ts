// The readiness checklist view against the stand-in `vscode` module and a stand-in server:
// icons and descriptions per status, stable ids and node objects across refreshes, redraws of
// changed steps only, checkbox ticks persisted in the workspace state, badge, title, status bar.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Module from "node:module";
import { fakeVscode, type FakeVscode } from "./fixtures/fakeVscode.js";
import type { ChecklistResult, ChecklistStepData } from "../../server/src/protocol.js";

const root = path.resolve(__dirname, "..", "..", "..");
const scratch: string[] = [];
after(() => {
  for (const d of scratch) fs.rmSync(d, { recursive: true, force: true });
});

type ViewModule = typeof import("../src/checklistView.js");

async function loadView(vscode: FakeVscode): Promise<ViewModule> {
  const esbuild = await import("esbuild");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-view-"));
  scratch.push(dir);
  const outfile = path.join(dir, "view.js");
  await esbuild.build({ entryPoints: [path.join(root, "client/src/checklistView.ts")], outfile, bundle: true, platform: "node", format: "cjs", target: "node20", external: ["vscode"], logLevel: "silent" });
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = M._load;
  M._load = function (request: string, ...rest: unknown[]) {
    return request === "vscode" ? vscode : load.call(this, request, ...rest);
  };
  try {
    return require(outfile) as ViewModule;
  } finally {
    M._load = load;
  }
}

function step(id: ChecklistStepData["id"], status: ChecklistStepData["status"], extra: Partial<ChecklistStepData> = {}): ChecklistStepData {
  return { id, title: id, status, items: [], findings: [], ...extra };
}

function checklist(overrides: Partial<Record<ChecklistStepData["id"], ChecklistStepData>> = {}, sourceFiles = 12): ChecklistResult {
  const steps: ChecklistStepData[] = [
    step("structure", "pass", { items: [{ id: "structure.folders", title: "Folders", status: "pass", evidence: "ok" }] }),
    step("secrets", "fail", {
      items: [{ id: "secrets.env-ignored", title: ".env ignored", status: "fail", evidence: "no .gitignore" }],
      findings: [
        { rule: "hardcoded-secret", file: "src/a.ts", line: 3, message: "key" },
        { rule: "hardcoded-secret", file: "src/a.ts", line: 3, message: "another key on the same line" },
      ],
    }),
    step("monitoring", "manual", { items: [{ id: "monitoring.uptime", title: "Uptime", status: "manual", evidence: "confirm" }] }),
    step("loading", "n/a"),
  ].map((s) => overrides[s.id] ?? s);
  const applicable = steps.filter((s) => s.status !== "n/a");
  return { steps, score: { passed: applicable.filter((s) => s.status === "pass").length, total: applicable.length }, folderUri: "file:///ws", sourceFiles, scanning: false, fixableRules: ["hardcoded-secret"] };
}

function fakeServer(vscode: FakeVscode, answer: () => ChecklistResult) {
  const changed = new vscode.EventEmitter<void>();
  const phase = new vscode.EventEmitter<string>();
  const requests: Array<{ method: string; params: any }> = [];
  return {
    onChecklistChanged: changed.event,
    onDidChangePhase: phase.event,
    currentPhase: "running",
    async sendRequest(method: string, params: unknown) {
      requests.push({ method, params });
      return answer();
    },
    requests,
    fireChanged: () => changed.fire(),
  };
}

test("steps, items and findings: icons, descriptions, checkboxes, commands", async () => {
  const vscode = fakeVscode();
  const { ChecklistController } = await loadView(vscode);
  const server = fakeServer(vscode, () => checklist());
  const controller = new ChecklistController(vscode.extensionContext("") as any, server as any);
  await controller.fetch();
  const view = vscode.treeViews.get("shipshape.checklist")!;
  const p = view.provider;
  const steps = p.getChildren();
  assert.deepEqual(steps.map((s: any) => s.id), ["step:structure", "step:secrets", "step:monitoring", "step:loading"]);
  const items = steps.map((s: any) => p.getTreeItem(s));
  assert.deepEqual(items.map((i: any) => [i.iconPath.id, i.iconPath.color?.id, i.description]), [
    ["pass", "testing.iconPassed", "done"],
    ["error", "problemsErrorIcon.foreground", "3 issues"],
    ["circle-large-outline", "descriptionForeground", "confirm by hand"],
    ["circle-slash", "disabledForeground", "not applicable"],
  ]);
  assert.equal(items[3].collapsibleState, vscode.TreeItemCollapsibleState.None, "nothing to expand under n/a");

  const secrets = p.getChildren(steps[1]);
  assert.deepEqual(secrets.map((c: any) => c.id), ["item:secrets.env-ignored", "finding:secrets:src/a.ts:3:hardcoded-secret", "finding:secrets:src/a.ts:3:hardcoded-secret#1"]);
  const finding = p.getTreeItem(secrets[1]);
  assert.equal(finding.contextValue, "finding.fixable", "hardcoded-secret has a quick fix");
  assert.equal(finding.command.command, "vscode.open");
  assert.equal(finding.command.arguments[0].toString(), "file:///ws/src/a.ts");
  assert.equal(finding.command.arguments[1].selection.startLine, 2, "0-based line of the finding");
  assert.equal(p.getParent(secrets[1]), steps[1]);

  const manual = p.getTreeItem(p.getChildren(steps[2])[0]);
  assert.equal(manual.contextValue, "manualItem");
  assert.equal(manual.checkboxState, vscode.TreeItemCheckboxState.Unchecked);

  assert.deepEqual(view.badge, { value: 3, tooltip: "3 open readiness issues" }, "the failed item and the two findings");
  assert.equal(view.title, "Readiness 1/3");
  const bar = vscode.statusBarItems.find((b) => b.id === "shipshape.readiness")!;
  assert.equal(bar.text, "$(checklist) Shipshape: 1/3 ready");
  assert.equal(bar.command, "shipshape.checklist.focus");
  assert.equal(bar.visible, true);
  controller.dispose();
});

test("a refresh keeps node objects and ids, and redraws only the steps that changed", async () => {
  const vscode = fakeVscode();
  const { ChecklistController } = await loadView(vscode);
  let current = checklist();
  const server = fakeServer(vscode, () => current);
  const controller = new ChecklistController(vscode.extensionContext("") as any, server as any);
  const p = vscode.treeViews.get("shipshape.checklist")!.provider;
  const fired: Array<string | undefined> = [];
  p.onDidChangeTreeData((node: any) => fired.push(node?.id));
  await controller.fetch();
  assert.deepEqual(fired, [undefined], "the first checklist draws the root");
  const [structure, secrets] = p.getChildren();
  const finding = p.getChildren(secrets)[1];

  fired.length = 0;
  await controller.fetch();
  assert.deepEqual(fired, [], "the same checklist redraws nothing");

  current = checklist({ secrets: step("secrets", "warn", { findings: [{ rule: "hardcoded-secret", file: "src/a.ts", line: 3, message: "key" }] }) });
  await controller.fetch();
  assert.deepEqual(fired, ["step:secrets"]);
  const after = p.getChildren();
  assert.equal(after[0], structure, "unchanged steps keep their object");
  assert.equal(after[1], secrets, "changed steps keep their object too (expansion state)");
  assert.equal(p.getChildren(secrets)[0], finding, "a finding that stays keeps its object");
  assert.equal(p.getTreeItem(secrets).description, "1 issue");

  // No source files: nothing to show, the welcome content appears.
  fired.length = 0;
  current = checklist({}, 0);
  await controller.fetch();
  assert.deepEqual(fired, [undefined]);
  assert.deepEqual(p.getChildren(), []);
  assert.equal(vscode.contextKeys.get("shipshape.noSourceFiles"), true);
  assert.equal(vscode.statusBarItems.find((b) => b.id === "shipshape.readiness")!.visible, false);
  controller.dispose();
});

test("ticking a 'confirm by hand' item persists in the workspace state and is sent to the server; reset clears it", async () => {
  const vscode = fakeVscode();
  const { ChecklistController } = await loadView(vscode);
  let ticks: string[] = [];
  const server = fakeServer(vscode, () => {
    const ticked = ticks.includes("monitoring.uptime");
    return checklist({ monitoring: step("monitoring", ticked ? "pass" : "manual", { items: [{ id: "monitoring.uptime", title: "Uptime", status: ticked ? "pass" : "manual", evidence: "confirm" }] }) });
  });
  const origSend = server.sendRequest;
  server.sendRequest = async (method: string, params: any) => {
    ticks = params?.manualTicks ?? [];
    return origSend(method, params);
  };
  const context = vscode.extensionContext("") as any;
  const controller = new ChecklistController(context, server as any);
  await controller.fetch();
  const view = vscode.treeViews.get("shipshape.checklist")!;
  const p = view.provider;
  const monitoring = p.getChildren()[2];
  const uptime = p.getChildren(monitoring)[0];

  view.toggle([[uptime, vscode.TreeItemCheckboxState.Checked]]);
  await until(() => server.requests.some((r) => r.params?.manualTicks?.includes("monitoring.uptime")));
  await controller.fetch();
  assert.deepEqual(context.workspaceState.get("shipshape.checklist.manualTicks", []), ["monitoring.uptime"]);
  assert.equal(p.getChildren()[2], monitoring);
  assert.equal(p.getTreeItem(p.getChildren(monitoring)[0]).checkboxState, vscode.TreeItemCheckboxState.Checked, "a ticked item keeps its checkbox");
  assert.equal(p.getTreeItem(monitoring).iconPath.id, "pass");

  // A second controller (a reload of the window) reads the same ticks.
  controller.dispose();
  const again = new ChecklistController(context, server as any);
  await again.fetch();
  assert.deepEqual(server.requests.at(-1)!.params.manualTicks, ["monitoring.uptime"]);

  await again.resetConfirmations();
  await until(() => server.requests.at(-1)!.params.manualTicks.length === 0);
  assert.deepEqual(context.workspaceState.get("shipshape.checklist.manualTicks", []), []);
  again.dispose();
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}
