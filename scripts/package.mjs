// Build the production bundles and package the extension: shipshape-<version>.vsix.
// Fails when the package holds anything outside the .vscodeignore allowlist (sources, tests,
// source maps, node_modules) or lacks a bundle.
// Usage: node scripts/package.mjs [--allow-missing]   (--allow-missing: package without server/CLI bundles)
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { forbiddenEntries, listZip, REQUIRED } from "./vsixContents.mjs";

const root = path.resolve(import.meta.dirname, "..");
const allowMissing = process.argv.includes("--allow-missing");
const started = Date.now();

function run(command, args) {
  // stdin closed: if vsce ever asks a question, it fails instead of waiting forever.
  const r = spawnSync(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) {
    console.error(`package: ${path.basename(command)} ${args.join(" ")} failed`);
    process.exit(1);
  }
}

// Maps left by a development build are not packaged, but they must not linger next to the
// production bundles they no longer describe.
const dist = path.join(root, "dist");
for (const f of fs.existsSync(dist) ? fs.readdirSync(dist) : []) if (f.endsWith(".map")) fs.rmSync(path.join(dist, f));
run(process.execPath, [path.join(root, "esbuild.mjs"), "--production"]);

const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const out = `shipshape-${version}.vsix`;
const vsce = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "vsce.cmd" : "vsce");
run(vsce, ["package", "--no-dependencies", "--out", out]);

const entries = listZip(path.join(root, out));
const names = entries.map((e) => e.name);
const problems = forbiddenEntries(names);
const missing = REQUIRED.filter((r) => !names.includes(r));

const groups = new Map();
for (const e of entries) {
  const rel = e.name.startsWith("extension/") ? e.name.slice("extension/".length) : e.name;
  const key = rel.includes("/") ? rel.slice(0, rel.indexOf("/") + 1) : rel;
  const g = groups.get(key) ?? { files: 0, bytes: 0 };
  g.files++;
  g.bytes += e.size;
  groups.set(key, g);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`\n${out}: ${kb(fs.statSync(path.join(root, out)).size)}, ${entries.length} files (${kb(entries.reduce((s, e) => s + e.size, 0))} unpacked), built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
for (const [key, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes)) console.log(`  ${key.padEnd(28)} ${String(g.files).padStart(3)} file${g.files === 1 ? " " : "s"}  ${kb(g.bytes).padStart(10)}`);

// A package that failed the checks is removed, so it cannot be published by mistake.
const reject = () => fs.rmSync(path.join(root, out), { force: true });
if (problems.length > 0) {
  reject();
  console.error(`\npackage: ${out} contains files that must not ship:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
if (missing.length > 0) {
  const message = `package: ${out} lacks ${missing.join(", ")}`;
  if (!allowMissing) {
    reject();
    console.error(`\n${message} (build them first, or pass --allow-missing for a client-only package)`);
    process.exit(1);
  }
  console.warn(`\n${message} (allowed by --allow-missing: this package cannot start its server)`);
}
