// The parts of the editor-test machinery that run without an editor: the in-editor suite's
// harness (its result file is the only way a failure reaches the runner) and the UI test's choice
// of what to show.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runSuite, Skip, waitFor, note } from "./vscode/harness.js";

const root = path.resolve(__dirname, "..", "..", "..");

test("runSuite counts passed, failed and skipped tests and writes a finished result file", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-harness-"));
  try {
    const file = path.join(dir, "nested", "result.json");
    const lines: string[] = [];
    const result = await runSuite(
      [
        { name: "passes", fn: async () => note("checked one thing") },
        { name: "fails", fn: async () => { throw new Error("boom"); } },
        { name: "skips", fn: async () => { throw new Skip("not yet"); } },
        { name: "hangs", fn: () => new Promise<void>(() => undefined), timeoutMs: 50 },
      ],
      file,
      (l) => lines.push(l),
    );
    assert.deepEqual([result.passed, result.failed, result.skipped], [1, 2, 1]);
    const written = JSON.parse(fs.readFileSync(file, "utf8"));
    assert.equal(written.finished, true);
    assert.deepEqual(written.tests.map((t: { status: string }) => t.status), ["passed", "failed", "skipped", "failed"]);
    assert.deepEqual(written.tests[0].notes, ["checked one thing"]);
    assert.match(written.tests[1].error, /boom/);
    assert.match(written.tests[3].error, /took longer than 50 ms/);
    assert.equal(lines.at(-1), "1 passed, 2 failed, 1 skipped");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("waitFor polls until the probe answers, and times out naming what it waited for", async () => {
  let calls = 0;
  assert.equal(await waitFor("the third call", () => (++calls >= 3 ? "done" : undefined), 2_000, 5), "done");
  assert.equal(calls, 3);
  await assert.rejects(waitFor("nothing", () => false, 50, 5), /timed out after 50 ms waiting for nothing/);
  await assert.rejects(waitFor("a throwing probe", () => { throw new Error("not ready"); }, 50, 5), /waiting for a throwing probe: not ready/);
});

test("the UI test shows hardcoded-secret's Move to .env when the rule reports, else the jwt error and empty-catch", async () => {
  const { pickTargets } = await import(pathToFileURL(path.join(root, "scripts", "e2e", "ui.mjs")).href);
  const finding = (rule: string, severity: string, line: number) => ({ rule, severity, line, column: 1, message: `${rule} message` });
  const before = {
    files: [
      { path: "api/src/lib/auth.ts", findings: [finding("jwt-no-expiry", "warning", 13), finding("jwt-no-expiry", "error", 23)] },
      { path: "api/src/lib/mailer.ts", findings: [finding("empty-catch", "warning", 21)] },
    ],
  };
  const t1 = pickTargets(before);
  assert.equal(t1.hasSecretRule, false);
  assert.deepEqual([t1.squiggle.file, t1.squiggle.line], ["api/src/lib/auth.ts", 23]);
  assert.deepEqual([t1.fix.finding.rule, t1.fix.finding.line], ["empty-catch", 21]);
  assert.ok(t1.fix.title.test("Log the error"));

  const after = { files: [...before.files, { path: "api/src/config.ts", findings: [finding("hardcoded-secret", "error", 4)] }] };
  const t2 = pickTargets(after);
  assert.equal(t2.hasSecretRule, true);
  assert.deepEqual([t2.squiggle.rule, t2.fix.finding.file], ["hardcoded-secret", "api/src/config.ts"]);
  assert.ok(t2.fix.title.test("Move to .env"));

  assert.throws(() => pickTargets({ files: [] }), /lacks the findings/);
});
