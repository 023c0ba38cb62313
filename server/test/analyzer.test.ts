import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Diagnostic } from "vscode-languageserver";
import { allRules, DEFAULT_CONFIG, mergeConfig, resolveRawConfig, ruleIds, type Finding, type Rule } from "../../rules/src/index.js";
import { AnalysisCache, cacheKey } from "../src/workspace/cache.js";
import { scanWorkspace } from "../src/workspace/scan.js";
import { WorkspaceAnalyzer, type AnalyzerFolder, type AnalyzerHost } from "../src/workspaceAnalyzer.js";
import { EMPTY_CATCH, makeWorkspace, removeWorkspace, writeFiles } from "./cli-harness.js";

const made: string[] = [];
after(() => made.forEach(removeWorkspace));
function workspace(files: Record<string, string>): string {
  const dir = makeWorkspace(files);
  made.push(dir);
  return dir;
}

/** A rule that reads another workspace file: its findings depend on flags.txt, not only on the file. */
const flagRule: Rule = {
  meta: { id: "flag-reader", steps: ["structure"], severity: "warning", description: "reports when flags.txt says so", fixable: false },
  create: (ctx) => ({
    onEnd() {
      if (ctx.workspace?.readFile("flags.txt")?.includes("on")) ctx.report({ start: 0, end: 1, message: "flag is on" });
    },
  }),
};

test("cache: an unchanged file is not analysed again, a changed one is", async () => {
  const root = workspace({ "src/a.ts": EMPTY_CATCH, "src/b.ts": "export const b = 1;\n", "package.json": "{}" });
  const cache = new AnalysisCache(cacheKey("1.0.0", DEFAULT_CONFIG, allRules));
  const first = await scanWorkspace(root, { cache });
  assert.equal(cache.misses, 3);
  assert.equal(cache.hits, 0);

  const second = await scanWorkspace(root, { cache });
  assert.equal(cache.misses, 3, "nothing reparsed");
  assert.equal(cache.hits, 3);
  assert.deepEqual(second.files.map((f) => [f.relPath, f.findings.map((x) => `${x.ruleId}:${x.line}`)]), first.files.map((f) => [f.relPath, f.findings.map((x) => `${x.ruleId}:${x.line}`)]));
  assert.deepEqual(second.files[1].findings[0].fixes, [], "cached findings keep no fixes");

  writeFiles(root, { "src/b.ts": EMPTY_CATCH });
  const third = await scanWorkspace(root, { cache });
  assert.equal(cache.misses, 4, "only the changed file is analysed");
  assert.equal(third.files.find((f) => f.relPath === "src/b.ts")!.findings.length, 1);

  // Fixing needs the fixes: a fix run never answers from the cache.
  await scanWorkspace(root, { cache, fix: false, paths: ["src/a.ts"] });
  const hits = cache.hits;
  await scanWorkspace(root, { cache, fix: true, paths: ["src/b.ts"] });
  assert.equal(cache.hits, hits);
});

test("cache: a file is analysed again when a file its rules read changes, or its project's dependencies do", async () => {
  const root = workspace({ "a.ts": "export {};\n", "flags.txt": "off", "package.json": JSON.stringify({ dependencies: { react: "18" } }) });
  const cache = new AnalysisCache("k");
  const rules = [flagRule];
  assert.equal((await scanWorkspace(root, { cache, rules })).files.find((f) => f.relPath === "a.ts")!.findings.length, 0);
  const misses = cache.misses;
  await scanWorkspace(root, { cache, rules });
  assert.equal(cache.misses, misses);

  writeFiles(root, { "flags.txt": "on" });
  const r = await scanWorkspace(root, { cache, rules });
  assert.equal(r.files.find((f) => f.relPath === "a.ts")!.findings.length, 1, "flags.txt changed: a.ts re-analysed");

  const before = cache.misses;
  writeFiles(root, { "package.json": JSON.stringify({ dependencies: { react: "18", next: "14" } }) });
  await scanWorkspace(root, { cache, rules });
  assert.equal(cache.misses, before + 2, "a.ts and package.json itself");
});

test("cache: persisted per key; a new version, rule set or configuration starts empty", async () => {
  const root = workspace({ "a.ts": EMPTY_CATCH });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-cache-"));
  made.push(dir);
  const file = path.join(dir, "nested", "cache.json");
  const key = cacheKey("1.0.0", DEFAULT_CONFIG, allRules);
  const cache = new AnalysisCache(key);
  await scanWorkspace(root, { cache });
  cache.save(file);

  const reloaded = AnalysisCache.load(file, key);
  assert.equal(reloaded.size, 1);
  await scanWorkspace(root, { cache: reloaded });
  assert.equal(reloaded.misses, 0);

  const severity = mergeConfig(DEFAULT_CONFIG, resolveRawConfig({ rules: { "empty-catch": "error" } }, "x", ruleIds).config);
  for (const other of [cacheKey("1.0.1", DEFAULT_CONFIG, allRules), cacheKey("1.0.0", severity, allRules), cacheKey("1.0.0", DEFAULT_CONFIG, allRules.slice(1))]) {
    assert.notEqual(other, key);
    assert.equal(AnalysisCache.load(file, other).size, 0);
  }
  fs.writeFileSync(file, "{ corrupt");
  assert.equal(AnalysisCache.load(file, key).size, 0, "a corrupt cache is ignored");
});

function fakeHost(root: string, opts: { scope?: "openFiles" | "workspace"; open?: Map<string, never[]> } = {}) {
  const folder: AnalyzerFolder = { uri: pathToFileURL(root).href, root, config: DEFAULT_CONFIG, enabled: true, scope: opts.scope ?? "workspace" };
  const published = new Map<string, Diagnostic[]>();
  const open = opts.open ?? new Map<string, never[]>();
  let changed = 0;
  const progress: string[] = [];
  const host: AnalyzerHost = {
    folders: () => [folder],
    rules: allRules,
    version: "test",
    git: false,
    debounceMs: 5,
    isOpen: (abs) => open.has(abs),
    openFindings: (abs) => open.get(abs),
    publishDiagnostics: (uri, d) => void published.set(uri, d),
    checklistChanged: () => void changed++,
    startProgress: async () => ({ report: (m) => void progress.push(m), done: () => void progress.push("done") }),
    log: () => undefined,
  };
  return { host, folder, published, open, progress, changed: () => changed };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

test("analyzer: scans with progress, publishes problems of unopened files, re-analyses only what changed", async () => {
  const root = workspace({ "src/a.ts": EMPTY_CATCH, "src/b.ts": "export const b = 1;\n", "src/c.ts": EMPTY_CATCH, "package.json": JSON.stringify({ dependencies: { zod: "3" } }) });
  const h = fakeHost(root);
  const analyzer = new WorkspaceAnalyzer(h.host);
  await analyzer.rescanAll();
  assert.equal(analyzer.analysed, 4);
  assert.deepEqual(h.progress.slice(0, 1), ["scanning 0/4 files"]);
  assert.equal(h.progress.at(-2), "scanning 4/4 files");
  assert.equal(h.progress.at(-1), "done");
  const a = pathToFileURL(path.join(root, "src/a.ts")).href;
  assert.deepEqual(h.published.get(a)?.map((d) => [d.code, d.range.start.line]), [["empty-catch", 3]]);
  assert.ok(!h.published.has(pathToFileURL(path.join(root, "src/b.ts")).href), "nothing sent for clean files");
  await until(() => h.changed() === 1);

  // One file fixed on disk: only it is analysed again, and its problems are cleared.
  writeFiles(root, { "src/a.ts": "export const a = 1;\n" });
  analyzer.filesChanged([{ absPath: path.join(root, "src/a.ts"), created: false, deleted: false }]);
  await analyzer.idle();
  await until(() => h.changed() === 2);
  assert.equal(analyzer.analysed, 5);
  assert.deepEqual(h.published.get(a), []);

  // A rescan (e.g. the Refresh button) reads every file but reparses none.
  await analyzer.rescanAll();
  assert.equal(analyzer.analysed, 5);

  const { checklist, sourceFiles } = await analyzer.checklist([]);
  assert.equal(sourceFiles, 3);
  assert.deepEqual(checklist.steps.find((s) => s.id === "errors")!.findings.map((f) => `${f.file}:${f.line}`), ["src/c.ts:4"]);
  assert.equal(checklist.steps.flatMap((s) => s.items).find((i) => i.id === "validation.library")?.status, "pass");

  // An open file: the editor's findings count, and its disk problems are not republished.
  const c = path.join(root, "src/c.ts");
  h.open.set(c, []);
  analyzer.documentOpened(c);
  const open = await analyzer.checklist([]);
  assert.deepEqual(open.checklist.steps.find((s) => s.id === "errors")!.findings, []);

  // Closed again: back to the file on disk, its problems published again.
  h.open.delete(c);
  h.published.delete(pathToFileURL(c).href);
  analyzer.documentClosed(c);
  await until(() => (h.published.get(pathToFileURL(c).href)?.length ?? 0) === 1);

  // Scope "openFiles": problems of unopened files are cleared.
  h.folder.scope = "openFiles";
  analyzer.scopeChanged();
  assert.deepEqual(h.published.get(pathToFileURL(c).href), []);
  analyzer.dispose();
});

test("analyzer: a new file or a .gitignore change rescans the folder; ignored files are never analysed", async () => {
  const root = workspace({ "src/a.ts": "export const a = 1;\n", "gen/out.ts": EMPTY_CATCH, ".gitignore": "gen/\n" });
  const h = fakeHost(root);
  const analyzer = new WorkspaceAnalyzer(h.host);
  await analyzer.rescanAll();
  assert.equal(analyzer.analysed, 1);
  writeFiles(root, { "src/new.ts": EMPTY_CATCH });
  analyzer.filesChanged([{ absPath: path.join(root, "src/new.ts"), created: true, deleted: false }]);
  await until(() => h.published.has(pathToFileURL(path.join(root, "src/new.ts")).href));
  await analyzer.idle();
  assert.equal(analyzer.analysed, 2);

  // A change to an ignored file that the scan never saw stays ignored.
  analyzer.filesChanged([{ absPath: path.join(root, "gen/out.ts"), created: false, deleted: false }]);
  await new Promise((r) => setTimeout(r, 30));
  await analyzer.idle();
  assert.equal(analyzer.analysed, 2);
  assert.ok(!h.published.has(pathToFileURL(path.join(root, "gen/out.ts")).href));

  // A Dockerfile appears: nothing to analyse, but the checklist changes.
  const notified = h.changed();
  writeFiles(root, { Dockerfile: "FROM node:20\n" });
  analyzer.filesChanged([{ absPath: path.join(root, "Dockerfile"), created: true, deleted: false }]);
  await until(() => h.changed() > notified);
  await analyzer.idle();
  assert.equal(analyzer.analysed, 2);
  const item = (await analyzer.checklist([])).checklist.steps.flatMap((s) => s.items).find((i) => i.id === "deployment.platform");
  assert.deepEqual([item?.status, item?.evidence], ["pass", "Dockerfile"]);

  fs.writeFileSync(path.join(root, ".gitignore"), "");
  analyzer.filesChanged([{ absPath: path.join(root, ".gitignore"), created: false, deleted: false }]);
  await until(() => h.published.has(pathToFileURL(path.join(root, "gen/out.ts")).href));
  analyzer.dispose();
});

test("analyzer: a scan cancelled from the progress UI keeps what it scanned and says the checklist is partial", async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) files[`src/f${String(i).padStart(2, "0")}.ts`] = `export const v${i} = ${i};\n`;
  const root = workspace(files);
  const h = fakeHost(root);
  const abort = new AbortController();
  h.host.startProgress = async () => ({
    signal: abort.signal,
    // The user presses Cancel as soon as the total is shown; the scan stops at its next yield.
    report: (m) => void (m.startsWith("scanning 0/") && setTimeout(() => abort.abort(), 0)),
    done: () => undefined,
  });
  const analyzer = new WorkspaceAnalyzer(h.host);
  await analyzer.rescanAll();
  const r = await analyzer.checklist([]);
  assert.equal(r.partial, true);
  assert.ok(r.sourceFiles > 0 && r.sourceFiles < 60, `scanned ${r.sourceFiles}`);
  analyzer.dispose();
});

test("dependentsOf: files whose analysis read a changed file are listed, the file itself is not", () => {
  const cache = new AnalysisCache("k");
  const result = { findings: [], ruleFailures: [], syntaxErrors: 0, fileName: "x" };
  cache.store("src/routes/orders.ts", "a", undefined, new Map([["src/lib/api.ts", "x"], [".env", undefined]]), result);
  cache.store("src/lib/api.ts", "x", undefined, new Map(), result);
  cache.store("src/other.ts", "b", undefined, new Map([["src/lib/db.ts", "y"]]), result);
  assert.deepEqual(cache.dependentsOf(["src/lib/api.ts"]), ["src/routes/orders.ts"]);
  assert.deepEqual(cache.dependentsOf([".env"]), ["src/routes/orders.ts"]);
  assert.deepEqual(cache.dependentsOf(["src/nothing.ts"]), []);
});

test("analyzer: an open document's analysis refreshes the checklist only when what it shows of the findings changed", async () => {
  const root = workspace({ "src/a.ts": "export const a = 1;\n" });
  const h = fakeHost(root);
  const analyzer = new WorkspaceAnalyzer(h.host);
  const file = path.join(root, "src/a.ts");
  const finding = (line: number, message = "empty catch"): Finding => ({ ruleId: "empty-catch", severity: "warning", message, start: 0, end: 1, line, column: 1, endLine: line, endColumn: 2, fixes: [] });

  analyzer.openResultsChanged(file, [finding(3)]);
  assert.ok(analyzer.notifyPending, "first results of an open document");
  await until(() => h.changed() === 1);

  // A keystroke elsewhere: new objects, same rule, severity, line and message.
  analyzer.openResultsChanged(file, [finding(3)]);
  assert.ok(!analyzer.notifyPending);

  for (const next of [[finding(4)], [finding(4, "another message")], [finding(4, "another message"), finding(9)], []]) {
    const before = h.changed();
    analyzer.openResultsChanged(file, next);
    assert.ok(analyzer.notifyPending, JSON.stringify(next.map((f) => [f.line, f.message])));
    await until(() => h.changed() === before + 1);
  }

  // Closed and opened again: its first results count again.
  analyzer.documentClosed(file);
  await analyzer.idle();
  await until(() => !analyzer.notifyPending);
  const before = h.changed();
  analyzer.openResultsChanged(file, []);
  assert.ok(analyzer.notifyPending);
  await until(() => h.changed() === before + 1);
  analyzer.dispose();
});
