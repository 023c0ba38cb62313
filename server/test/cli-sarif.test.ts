// The SARIF log must validate with Microsoft's SARIF Multitool (the validator GitHub code scanning
// follows): JSON schema errors and SARIF rule errors both fail the test.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { EMPTY_CATCH, makeWorkspace, removeWorkspace, repoRoot, runCli } from "./cli-harness.js";

const multitool = process.platform === "linux"
  ? path.join(repoRoot, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool")
  : path.join(repoRoot, "node_modules", ".bin", process.platform === "win32" ? "sarif-multitool.cmd" : "sarif-multitool");
const unavailable = !fs.existsSync(multitool) && "the SARIF Multitool is not installed";

const made: string[] = [];
after(() => made.forEach(removeWorkspace));

interface Problem {
  ruleId: string;
  level: string;
  text: string;
}

/** Validate a SARIF file; returns the validator's error-level results (schema and SARIF rules). */
function validate(file: string): Problem[] {
  const log = `${file}.validation.sarif`;
  fs.rmSync(log, { force: true });
  // The .NET single-file binary wants no ICU on minimal images.
  const r = spawnSync(multitool, ["validate", "--output", log, file], {
    encoding: "utf8",
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
  });
  assert.equal(r.status, 0, `validator failed to run: ${r.stdout}${r.stderr}`);
  assert.ok(fs.existsSync(log), `validator wrote no log: ${r.stdout}`);
  const results = (JSON.parse(fs.readFileSync(log, "utf8")).runs?.[0]?.results ?? []) as Array<{ ruleId: string; level?: string; message: { text?: string; arguments?: string[] } }>;
  // It exits 0 even when the file is invalid: what counts is the error-level results, which the
  // console output lists as ": error ".
  const errors = results
    .filter((x) => (x.level ?? "warning") === "error")
    .map((x) => ({ ruleId: x.ruleId, level: x.level!, text: x.message.text ?? (x.message.arguments ?? []).join(" ") }));
  const consoleErrors = r.stdout.split("\n").filter((l) => /: error [A-Z]+\d+:/.test(l));
  assert.equal(consoleErrors.length, errors.length, `validator console and log disagree:\n${r.stdout}`);
  return errors;
}

test("the SARIF report of the test workspace validates with zero errors", { skip: unavailable }, () => {
  const dir = makeWorkspace({});
  made.push(dir);
  const out = path.join(dir, "report.sarif");
  const r = runCli(["scan", path.join(repoRoot, "test-workspace"), "--format", "sarif", "--output", out]);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const log = JSON.parse(fs.readFileSync(out, "utf8"));
  assert.ok(log.runs[0].results.length > 0, "the report has results to validate");
  assert.deepEqual(validate(out), []);
});

test("a report with skipped files, odd file names and configured severities validates too", { skip: unavailable }, () => {
  const dir = makeWorkspace({
    "src/a b#c.ts": EMPTY_CATCH,
    "bin.js": "a\u0000b",
    "shipshape.json": '{ "rules": { "empty-catch": "error", "oversized-file": "info" } }',
  });
  made.push(dir);
  const out = path.join(dir, "report.sarif");
  runCli(["scan", dir, "--format", "sarif", "--output", out]);
  assert.deepEqual(validate(out), []);
});

test("the validator check can fail: a broken log is reported", { skip: unavailable }, () => {
  const dir = makeWorkspace({ "a.ts": EMPTY_CATCH });
  made.push(dir);
  const out = path.join(dir, "report.sarif");
  runCli(["scan", dir, "--format", "sarif", "--output", out]);
  const log = JSON.parse(fs.readFileSync(out, "utf8"));
  log.runs[0].results[0].locations = "src/a.ts";
  fs.writeFileSync(out, JSON.stringify(log));
  const errors = validate(out);
  assert.ok(errors.length > 0, "the validator must report the broken locations");
});
