// Run every compiled test file (and scripts/**/*.test.mjs) with Node's built-in runner (`node --test`), so CI reads the totals.
// Usage: node scripts/run-tests.mjs [filter]   — filter keeps test files whose path contains it.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const root = path.resolve(import.meta.dirname, "..");
const filter = process.argv[2];
const files = [];
for (const pkg of ["rules", "server", "client"]) {
  const dir = path.join(root, "out", pkg, "test");
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir, { recursive: true })) {
    const p = path.join(dir, String(f));
    // out/client/test/vscode holds the in-editor suite: it needs VS Code, not node --test.
    if (p.endsWith(".test.js") && !p.includes(`${path.sep}vscode${path.sep}`) && (!filter || p.includes(filter))) files.push(p);
  }
}
// Tests of the repository's own scripts (the benchmark's peer rows) are plain ESM, not compiled.
for (const f of fs.readdirSync(path.join(root, "scripts"), { recursive: true })) {
  const p = path.join(root, "scripts", String(f));
  if (p.endsWith(".test.mjs") && (!filter || p.includes(filter))) files.push(p);
}
files.sort();
if (files.length === 0) {
  console.error("no test files found: run `npm run build` first");
  process.exit(1);
}
const r = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...files], { stdio: "inherit", cwd: root });
process.exit(r.status ?? 1);
