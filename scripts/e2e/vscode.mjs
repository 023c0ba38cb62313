// `npm run test:vscode`: the editor suite (client/test/vscode) in a desktop VS Code through
// @vscode/test-electron. Uses $VSCODE_EXECUTABLE when set (no download); otherwise
// @vscode/test-electron downloads VS Code, which needs its download host to be reachable.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { runTests } from "@vscode/test-electron";

const root = path.resolve(import.meta.dirname, "..", "..");

function build() {
  for (const argv of [[path.join(root, "node_modules", "typescript", "bin", "tsc"), "-b"], [path.join(root, "esbuild.mjs")]]) {
    const r = spawnSync(process.execPath, argv, { cwd: root, stdio: "inherit", timeout: 300_000 });
    if (r.status !== 0) throw new Error(`build step ${path.basename(argv[0])} failed`);
  }
}

build();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-vscode-"));
const workspace = path.join(scratch, "test-workspace");
fs.cpSync(path.join(root, "test-workspace"), workspace, { recursive: true });
const resultFile = path.join(scratch, "suite-result.json");
const executable = process.env.VSCODE_EXECUTABLE;
let code = 1;
try {
  await runTests({
    ...(executable ? { vscodeExecutablePath: executable } : {}),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, "out", "client", "test", "vscode", "index.js"),
    extensionTestsEnv: { SHIPSHAPE_E2E_RESULT: resultFile },
    launchArgs: [workspace, "--disable-extensions", "--disable-workspace-trust", "--skip-welcome", "--skip-release-notes", "--user-data-dir", path.join(scratch, "user-data")],
    timeout: 10 * 60_000,
  });
} catch (error) {
  const text = String(error?.message ?? error);
  if (!executable && /download|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|fetch failed/i.test(text)) {
    console.error(`test:vscode: VS Code could not be downloaded (${text.split("\n")[0]}).\nSet VSCODE_EXECUTABLE to a VS Code binary, or run \`npm run test:e2e\` (code-server) on machines without that download host.`);
  } else {
    console.error(`test:vscode: ${text}`);
  }
}
let result;
try {
  result = JSON.parse(fs.readFileSync(resultFile, "utf8"));
} catch {
  console.error("test:vscode: the suite wrote no result file");
}
if (result) {
  const { formatResult } = await import(pathToFileURL(path.join(root, "out", "client", "test", "vscode", "harness.js")).href);
  for (const t of result.tests) console.log(formatResult(t));
  code = result.finished && result.failed === 0 ? 0 : 1;
  console.log(`${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
}
fs.rmSync(scratch, { recursive: true, force: true });
process.exit(code);
