// Regenerate test-workspace/expected-findings.json from a scan of test-workspace.
// Usage: npm run build && node scripts/update-expected.mjs   — then review the diff line by line:
// every entry is a claim that the finding is right.
// Entries of rules this build does not register are kept, so branches adding rules can merge.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const root = path.resolve(import.meta.dirname, "..");
const workspace = path.join(root, "test-workspace");
const cli = path.join(root, "dist", "cli.js");
const target = path.join(workspace, "expected-findings.json");
if (!fs.existsSync(cli)) {
  console.error("dist/cli.js is missing: run `npm run build` first");
  process.exit(2);
}
const run = spawnSync(process.execPath, [cli, "scan", workspace, "--format", "sarif"], { encoding: "utf8", maxBuffer: 64 << 20 });
if (run.status !== 0 && run.status !== 1) {
  console.error(run.stderr || `scan exited with ${run.status}`);
  process.exit(2);
}
const sarif = JSON.parse(run.stdout);
const registered = new Set(sarif.runs[0].tool.driver.rules.map((r) => r.id));
const fresh = sarif.runs[0].results.map((r) => {
  const loc = r.locations[0].physicalLocation;
  return { file: decodeURIComponent(loc.artifactLocation.uri), line: loc.region.startLine, rule: r.ruleId };
});
const previous = fs.existsSync(target) ? JSON.parse(fs.readFileSync(target, "utf8")) : [];
const kept = previous.filter((e) => !registered.has(e.rule));
const all = [...kept, ...fresh].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)));
// One finding per line: reviews and merges read it as a list.
fs.writeFileSync(target, `[\n${all.map((e) => `  ${JSON.stringify(e)}`).join(",\n")}\n]\n`);
const was = previous.filter((e) => registered.has(e.rule)).length;
console.log(`expected-findings.json: ${fresh.length} findings of ${registered.size} registered rules (was ${was}), ${kept.length} kept from other rules`);
