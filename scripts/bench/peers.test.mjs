// The benchmark's peer rows: generated configurations, command-line splitting, and (when the
// devDependencies are installed) that each peer really lints every file it is given.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { minimatch } from "minimatch";
import { BIOME_CONFIG, SECRETLINT_CONFIG, argumentChunks, eslintConfigSource, peerTools, runPeer, summarizeBiome, summarizeEslint } from "./peers.mjs";

const root = path.resolve(import.meta.dirname, "../..");
// The engine's list (rules/src/engine/parse.ts); .d.ts files are not in any list the peers get.
const EXTENSIONS = [".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".jsx"];
const installed = (pkg) => fs.existsSync(path.join(root, "node_modules", pkg, "package.json"));
const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-peers-test-"));
const stub = (js) => `data:text/javascript,${encodeURIComponent(js)}`;

test("the ESLint config covers every source extension and nothing else, with sonarjs' recommended rules and no-secrets", async () => {
  const source = eslintConfigSource(
    {
      parser: stub("export default { parseForESLint() {} };"),
      sonarjs: stub('export default { rules: {}, configs: { recommended: { rules: { "sonarjs/cognitive-complexity": "error", "sonarjs/no-identical-functions": "error" } } } };'),
      noSecrets: stub("export default { rules: {} };"),
    },
    EXTENSIONS,
  );
  const dir = tmpDir();
  const file = path.join(dir, "eslint.config.mjs");
  fs.writeFileSync(file, source);
  const [config, ...rest] = (await import(file)).default;
  assert.equal(rest.length, 0);
  const [glob] = config.files;
  for (const ext of EXTENSIONS) assert.ok(minimatch(`src/app/page${ext}`, glob), `${ext} not matched by ${glob}`);
  for (const other of ["src/data.json", "README.md", "src/style.css", "src/App.vue"]) assert.ok(!minimatch(other, glob), `${other} matched by ${glob}`);
  assert.deepEqual(Object.keys(config.rules).sort(), ["no-secrets/no-secrets", "sonarjs/cognitive-complexity", "sonarjs/no-identical-functions"]);
  assert.equal(config.languageOptions.parserOptions.ecmaFeatures.jsx, true);
  // Syntax only: type information would make ESLint type-check the workspace, which Shipshape does not.
  assert.equal(config.languageOptions.parserOptions.project, undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("secretlint and Biome configs: the recommended preset, and the linter without the workspace's VCS ignores", () => {
  assert.deepEqual(SECRETLINT_CONFIG.rules.map((r) => r.id), ["@secretlint/secretlint-rule-preset-recommend"]);
  assert.equal(BIOME_CONFIG.linter.enabled, true);
  assert.equal(BIOME_CONFIG.vcs.enabled, false);
});

test("argumentChunks keeps every file once, in order, each command line under the budget", () => {
  const files = Array.from({ length: 1000 }, (_, i) => `packages/pkg${i % 17}/src/feature-${i}/component-${"x".repeat(i % 40)}.tsx`);
  const budget = 8000;
  const chunks = argumentChunks(files, budget);
  assert.ok(chunks.length > 1);
  assert.deepEqual(chunks.flat(), files);
  for (const c of chunks) assert.ok(c.reduce((s, f) => s + Buffer.byteLength(f) + 9, 0) <= budget);
  assert.deepEqual(argumentChunks(files.slice(0, 3)), [files.slice(0, 3)]);
  assert.deepEqual(argumentChunks([]), []);
  // A single name longer than the budget still gets its own command line rather than being dropped.
  assert.deepEqual(argumentChunks(["a".repeat(50), "b"], 20), [["a".repeat(50)], ["b"]]);
});

test("summaries count parse failures apart from findings", () => {
  const eslint = summarizeEslint([
    { filePath: "a.ts", messages: [{ ruleId: "sonarjs/x" }, { ruleId: "no-secrets/no-secrets" }] },
    { filePath: "b.ts", messages: [{ ruleId: null, fatal: true, message: "Parsing error" }] },
    { filePath: "c.ts", messages: [] },
  ]);
  assert.deepEqual(eslint, { files: 3, text: "3 messages, 1 files it could not parse" });
  assert.deepEqual(summarizeEslint([{ filePath: "c.ts", messages: [] }]), { files: 1, text: "0 messages" });
  const biome = summarizeBiome([{ summary: { changed: 0, unchanged: 4, errors: 1, warnings: 2, infos: 0 }, diagnostics: [{ category: "parse" }, { category: "lint/suspicious/noDoubleEquals" }] }]);
  assert.deepEqual(biome, { files: 4, text: "3 diagnostics, 1 parse errors" });
});

test("a peer that is not installed is skipped with the reason", () => {
  const dir = tmpDir();
  const [eslint] = peerTools(root);
  const r = runPeer(eslint, { root: dir, cwd: dir, files: [], extensions: EXTENSIONS, dir });
  assert.match(r.skipped, /not installed \(eslint, @typescript-eslint\/parser, eslint-plugin-sonarjs, eslint-plugin-no-secrets\)/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a peer that fails comes back as failed with its error, without throwing", { skip: !installed("eslint") && "eslint not installed" }, () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, "a.ts"), "export const a = 1;\n");
  const broken = { ...peerTools(root)[0], setup: () => () => ["--config", path.join(dir, "missing.config.mjs"), "--no-config-lookup"] };
  const r = runPeer(broken, { root, cwd: dir, files: ["a.ts"], extensions: EXTENSIONS, dir: path.join(dir, "out") });
  assert.match(r.failed, /^exit 2: .*missing\.config\.mjs/);
  fs.rmSync(dir, { recursive: true, force: true });
});

// One workspace for the installed peers: a secret each secret scanner knows, JSX in .tsx and
// .jsx, and TypeScript syntax that only parses when .ts is not read as JSX.
function workspace() {
  const dir = tmpDir();
  const ws = path.join(dir, "ws");
  const token = ["ghp", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A"].join("_");
  const files = {
    "src/config.ts": `export const token = "${token}";\n`,
    "src/cast.ts": "export const id = <T,>(x: T): T => x;\nexport const n = <number>(<unknown>1);\n",
    "src/Page.tsx": "export function Page({ title }: { title: string }) {\n  return <h1>{title}</h1>;\n}\n",
    "src/Old.jsx": "export function Old() {\n  return <p>old</p>;\n}\n",
    "scripts/seed.mjs": "export default async function seed() {\n  return 1;\n}\n",
    "legacy/index.cjs": "module.exports = { ok: true };\n",
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.join(ws, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  }
  // A workspace config that would break every run if a peer read it.
  fs.writeFileSync(path.join(ws, "eslint.config.mjs"), "throw new Error('the workspace config was read');\n");
  fs.writeFileSync(path.join(ws, ".secretlintrc.json"), "{ not json");
  fs.writeFileSync(path.join(ws, "biome.json"), "{ not json");
  return { dir, ws, token, files: Object.keys(files) };
}

const [eslintTool, secretlintTool, biomeTool] = peerTools(root);
const peerInstalled = (tool) => tool.packages.every(([p]) => installed(p));

test("ESLint lints every file with the generated config, not the workspace's, and no-secrets finds the token", { skip: !peerInstalled(eslintTool) && "ESLint peers not installed" }, () => {
  const { dir, ws, files } = workspace();
  const r = runPeer(eslintTool, { root, cwd: ws, files, extensions: EXTENSIONS, dir: path.join(dir, "out") });
  assert.equal(r.failed, undefined, r.failed);
  assert.equal(r.files, files.length);
  assert.match(r.label, /^ESLint \d+\.\d+\.\d+ \(typescript-eslint parser \d/);
  const results = JSON.parse(fs.readFileSync(path.join(dir, "out/eslint/out-0.json"), "utf8"));
  const fatal = results.flatMap((x) => x.messages.filter((m) => m.fatal).map((m) => `${x.filePath}: ${m.message}`));
  assert.deepEqual(fatal, []);
  const secrets = results.filter((x) => x.messages.some((m) => m.ruleId === "no-secrets/no-secrets")).map((x) => path.relative(ws, x.filePath));
  assert.deepEqual(secrets, ["src/config.ts"]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("secretlint checks every file with the recommended preset and keeps the value masked", { skip: !peerInstalled(secretlintTool) && "secretlint not installed" }, () => {
  const { dir, ws, token, files } = workspace();
  const r = runPeer(secretlintTool, { root, cwd: ws, files, extensions: EXTENSIONS, dir: path.join(dir, "out") });
  assert.equal(r.failed, undefined, r.failed);
  assert.equal(r.files, files.length);
  assert.equal(r.summary, "1 findings");
  const results = JSON.parse(fs.readFileSync(path.join(dir, "out/secretlint/out-0.json"), "utf8"));
  const messages = results.flatMap((x) => x.messages);
  assert.equal(messages[0].ruleId, "@secretlint/secretlint-rule-github");
  assert.ok(!JSON.stringify(messages).includes(token), "secretlint's messages show the token");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("Biome lints every file with the generated config", { skip: !peerInstalled(biomeTool) && "Biome not installed" }, () => {
  const { dir, ws, files } = workspace();
  const r = runPeer(biomeTool, { root, cwd: ws, files, extensions: EXTENSIONS, dir: path.join(dir, "out") });
  assert.equal(r.failed, undefined, r.failed);
  assert.equal(r.files, files.length);
  assert.doesNotMatch(r.summary, /parse errors/);
  fs.rmSync(dir, { recursive: true, force: true });
});
