// Regenerate test-workspace/expected-checklist.json: the readiness checklist of test-workspace,
// as `shipshape report --format json` prints it for a copy outside any git repository (the LSP
// test scans such a copy). Usage: npm run build && node scripts/update-expected-checklist.mjs —
// then review the diff: every status is a claim about the workspace.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";

const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "dist", "cli.js");
const target = path.join(root, "test-workspace", "expected-checklist.json");
if (!fs.existsSync(cli)) {
  console.error("dist/cli.js is missing: run `npm run build` first");
  process.exit(2);
}
const copy = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-checklist-"));
try {
  fs.cpSync(path.join(root, "test-workspace"), copy, { recursive: true });
  const run = spawnSync(process.execPath, [cli, "report", copy, "--format", "json"], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.status !== 0) {
    console.error(run.stderr || `report exited with ${run.status}`);
    process.exit(2);
  }
  const checklist = JSON.parse(run.stdout);
  // Which rules' findings the file speaks for: the test ignores findings of rules added later.
  const { allRules } = createRequire(import.meta.url)(path.join(root, "out/rules/src/index.js"));
  const rules = allRules.map((r) => r.meta.id).sort();
  fs.writeFileSync(target, JSON.stringify({ rules, ...checklist }, null, 2) + "\n");
  const c = checklist.steps.map((s) => `${s.id}=${s.status}`).join(" ");
  console.log(`expected-checklist.json: readiness ${checklist.score.passed}/${checklist.score.total} — ${c}`);
} finally {
  fs.rmSync(copy, { recursive: true, force: true });
}
