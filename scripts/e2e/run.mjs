// `npm run test:e2e`: the editor suite and the Playwright UI test, inside code-server.
// 1. installs Node 24 and code-server into .cache/e2e (reused when present),
// 2. packages the extension and installs the .vsix into a fresh code-server profile,
// 3. runs client/test/vscode (the extensionTestsPath suite) through code-server's smoke-test
//    driver, reading its result from a file (the extension host exits 0 even when run() throws),
// 4. runs the UI test in headless Chromium, saving screenshots,
// 5. ends every process it started, whatever happened.
// Options: --update-screenshots (copy the screenshots into docs/images), --keep (keep the scratch folder).
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { ensureTools } from "./install.mjs";
import { codeServerEnv, freePort, installExtension, startCodeServer, writeUserSettings } from "./codeServer.mjs";
import { launch, remoteUri, workbenchUrl } from "./browser.mjs";
import { cleanupAll } from "./processes.mjs";
import { pickTargets, uiTest } from "./ui.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");
// The suite's own formatting, compiled by `tsc -b` (which packageExtension runs first).
const harness = () => import(pathToFileURL(path.join(root, "out", "client", "test", "vscode", "harness.js")).href);

const cache = path.join(root, ".cache", "e2e");
const args = new Set(process.argv.slice(2));
const SUITE_TIMEOUT_MS = 8 * 60_000;
const log = (line) => console.log(line);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function step(title) {
  log(`\n== ${title}`);
  return Date.now();
}

function runOrThrow(cmd, argv, timeout) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: ["ignore", "inherit", "inherit"], timeout });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(" ")} failed (${r.error?.message ?? `exit ${r.status}`})`);
}

function packageExtension() {
  runOrThrow(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-b"], 300_000);
  runOrThrow(process.execPath, [path.join(root, "scripts", "package.mjs")], 300_000);
  const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  return path.join(root, `shipshape-${version}.vsix`);
}

function copyWorkspace(dest) {
  fs.cpSync(path.join(root, "test-workspace"), dest, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
  return dest;
}

function cliReport(workspace) {
  const r = spawnSync(process.execPath, [path.join(root, "bin", "shipshape.js"), "scan", workspace, "--format", "json", "--exit-zero"], { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) throw new Error(`shipshape scan failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function runSuiteInCodeServer(context, server, extensionDir, workspace, resultFile) {
  const payload = [
    ["extensionDevelopmentPath", remoteUri(server.port, extensionDir)],
    ["extensionTestsPath", remoteUri(server.port, path.join(root, "out", "client", "test", "vscode", "index.js"))],
  ];
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(workbenchUrl(server.url, workspace, payload), { waitUntil: "domcontentloaded", timeout: 60_000 });
  const { formatResult } = (await harness()).default ?? (await harness());
  const deadline = Date.now() + SUITE_TIMEOUT_MS;
  let seen = 0;
  for (;;) {
    let result;
    try {
      result = JSON.parse(fs.readFileSync(resultFile, "utf8"));
    } catch {
      // Not written yet, or being written.
    }
    for (const t of result?.tests.slice(seen) ?? []) {
      log(formatResult(t));
      seen++;
    }
    if (result?.finished) return result;
    if (server.hasExited()) throw new Error("code-server exited during the suite");
    if (Date.now() > deadline) throw new Error(`the editor suite did not finish within ${seconds(SUITE_TIMEOUT_MS)} (${seen} tests reported; see ${server.logFile})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const timings = {};
  const scratch = path.join(cache, "runs", new Date().toISOString().replace(/[:.]/g, "-"));
  fs.mkdirSync(scratch, { recursive: true });
  const shots = path.join(scratch, "screenshots");
  fs.mkdirSync(shots, { recursive: true });
  let failedHard = false;
  const onSignal = (sig) => {
    log(`\n${sig}: cleaning up`);
    void cleanupAll(scratch).finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    let t = step("install Node and code-server (cache: .cache/e2e)");
    const tools = ensureTools(cache);
    timings.install = Date.now() - t;
    log(`${tools.cached ? "reused the cache" : "installed"}: node ${path.relative(root, tools.node.bin)}, code-server ${path.relative(root, tools.codeServer.entry)} (${seconds(timings.install)})`);

    t = step("package the extension");
    const vsix = packageExtension();
    timings.package = Date.now() - t;

    t = step("start code-server with the .vsix installed");
    const resultFile = path.join(scratch, "suite-result.json");
    const env = codeServerEnv(tools, scratch, { SHIPSHAPE_E2E_RESULT: resultFile });
    writeUserSettings(scratch);
    const extensionDir = installExtension(tools, scratch, env, vsix);
    log(`installed ${path.basename(vsix)} → ${path.relative(scratch, extensionDir)}`);
    const server = await startCodeServer(tools, scratch, env, { port: await freePort(), smokeTestDriver: true });
    log(`code-server on ${server.url}`);
    timings.start = Date.now() - t;

    t = step("editor suite (client/test/vscode) in code-server");
    const suiteContext = await launch(path.join(scratch, "chromium-suite"), env);
    const suiteWorkspace = copyWorkspace(path.join(scratch, "suite", "test-workspace"));
    const suite = await runSuiteInCodeServer(suiteContext, server, extensionDir, suiteWorkspace, resultFile);
    await suiteContext.close();
    timings.suite = Date.now() - t;
    totals.passed += suite.passed;
    totals.failed += suite.failed;
    totals.skipped += suite.skipped;
    log(`suite: ${suite.passed} passed, ${suite.failed} failed, ${suite.skipped} skipped (${seconds(timings.suite)})`);

    t = step("UI test (Playwright, headless Chromium)");
    const uiWorkspace = copyWorkspace(path.join(scratch, "ui", "test-workspace"));
    const targets = pickTargets(cliReport(uiWorkspace));
    log(`squiggle: ${targets.squiggle.rule} at ${targets.squiggle.file}:${targets.squiggle.line}; quick fix: ${targets.fix.finding.rule} at ${targets.fix.finding.file}:${targets.fix.finding.line}${targets.hasSecretRule ? "" : " (hardcoded-secret not registered yet: Move to .env not shown)"}`);
    const uiContext = await launch(path.join(scratch, "chromium-ui"), env);
    const ui = await uiTest({ context: uiContext, baseUrl: server.url, workspace: uiWorkspace, shots, log, targets });
    await uiContext.close();
    timings.ui = Date.now() - t;
    for (const r of ui) totals[r.status]++;

    if (args.has("--update-screenshots") && ui.every((r) => r.status === "passed")) {
      const dest = path.join(root, "docs", "images");
      fs.mkdirSync(dest, { recursive: true });
      for (const f of ["editor-squiggles.png", "quick-fix-menu.png", "checklist-panel.png"]) fs.copyFileSync(path.join(shots, f), path.join(dest, f));
      log(`\nscreenshots copied to ${path.relative(root, dest)}`);
    }
  } catch (error) {
    failedHard = true;
    totals.failed++;
    log(`\nFAIL e2e run: ${error.stack ?? error}`);
  } finally {
    const t = Date.now();
    const stragglers = await cleanupAll(scratch);
    timings.cleanup = Date.now() - t;
    if (stragglers > 0) log(`cleanup: killed ${stragglers} process(es) that had left their group`);
  }
  const ok = !failedHard && totals.failed === 0;
  if (ok && !args.has("--keep")) fs.rmSync(scratch, { recursive: true, force: true });
  else log(`\nscratch folder kept: ${scratch}`);
  log(`\ntimings: ${Object.entries(timings).map(([k, v]) => `${k} ${seconds(v)}`).join(", ")}`);
  log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(ok ? 0 : 1);
}

await main();
