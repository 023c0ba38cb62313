import { test } from "node:test";
import assert from "node:assert/strict";
import { RestartBudget } from "../src/crashPolicy.js";
import { describeStatus } from "../src/statusModel.js";
import { formatArgs, formatLine, parseLogSetting, shouldLog } from "../src/logFormat.js";
import { ruleDocsUrl } from "../src/ruleDocs.js";

const MIN = 60 * 1000;

test("crash budget: four restarts within three minutes, then stop", () => {
  const b = new RestartBudget(4, 3 * MIN);
  const t0 = 1_000_000;
  assert.equal(b.crashed(t0), true);
  assert.equal(b.crashed(t0 + 10), true);
  assert.equal(b.crashed(t0 + 20), true);
  assert.equal(b.crashed(t0 + 30), true);
  assert.equal(b.crashed(t0 + 40), false, "the fifth crash in the window gives up");
  assert.equal(b.recent, 5);
});

test("crash budget: crashes older than the window no longer count", () => {
  const b = new RestartBudget(4, 3 * MIN);
  for (let i = 0; i < 4; i++) assert.equal(b.crashed(i * MIN), true); // 0, 1, 2, 3 min
  // At 3.5 min the crash at 0 has left the window: 1, 2, 3, 3.5 → four, still allowed.
  assert.equal(b.crashed(3.5 * MIN), true);
  assert.equal(b.crashed(3.6 * MIN), false);
});

test("crash budget: a manual restart resets it", () => {
  const b = new RestartBudget(1, 3 * MIN);
  assert.equal(b.crashed(0), true);
  assert.equal(b.crashed(1), false);
  b.reset();
  assert.equal(b.crashed(2), true);
});

test("status: server phases", () => {
  assert.deepEqual(describeStatus("starting", undefined), { text: "Shipshape", detail: "starting…", level: "info", busy: true, action: "showOutput" });
  assert.equal(describeStatus("failed", undefined).level, "error");
  assert.equal(describeStatus("failed", undefined).action, "restartServer");
  assert.equal(describeStatus("stopped", undefined).action, "restartServer");
  assert.equal(describeStatus("disabled", undefined).action, "openSettings");
  assert.equal(describeStatus("running", undefined).detail, "ready");
});

test("status: last analysis time and file", () => {
  const v = describeStatus("running", { state: "ok", lastAnalysisMs: 12.4, uri: "file:///work/app/src/My%20Page.tsx" });
  assert.equal(v.text, "Shipshape");
  assert.equal(v.level, "info");
  assert.equal(v.detail, "last analysis 12 ms (My Page.tsx)");
  assert.equal(describeStatus("running", { state: "ok", lastAnalysisMs: 3.25 }).detail, "last analysis 3.3 ms");
});

test("status: a configuration problem is a warning that says what is wrong", () => {
  const v = describeStatus("running", { state: "warning", message: "shipshape.json:3:5 unknown rule \"foo\"", lastAnalysisMs: 40 });
  assert.equal(v.level, "warning");
  assert.match(v.text, /configuration/);
  assert.match(v.detail, /unknown rule "foo"/);
  assert.match(v.detail, /40 ms/);
  assert.equal(v.action, "showOutput");
  assert.equal(describeStatus("running", { state: "error", message: "boom" }).level, "error");
  // A stale report from before a stop is not shown over the stop.
  assert.equal(describeStatus("stopped", { state: "ok", lastAnalysisMs: 1 }).text, "Shipshape stopped");
});

test("log level: filtering and parsing", () => {
  assert.equal(shouldLog("error", "warning"), true);
  assert.equal(shouldLog("warning", "warning"), true);
  assert.equal(shouldLog("info", "warning"), false);
  assert.equal(shouldLog("debug", "info"), false);
  assert.equal(shouldLog("debug", "debug"), true);
  assert.equal(shouldLog("error", "off"), false);
  assert.equal(parseLogSetting("debug"), "debug");
  assert.equal(parseLogSetting("verbose"), "info");
  assert.equal(parseLogSetting(undefined), "info");
});

test("log lines: timestamped, levelled, errors with their stack", () => {
  const at = new Date(2026, 0, 2, 3, 4, 5, 6);
  assert.equal(formatLine("info", "hello", at), "2026-01-02 03:04:05.006 [info] hello");
  const err = new Error("bad");
  assert.match(formatArgs("failed", [err]), /^failed Error: bad\n\s+at /);
  assert.equal(formatArgs("x", [{ a: 1 }, "y"]), 'x {"a":1} y');
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(formatArgs("c", [cyclic]), "c [object Object]");
});

test("rule docs: URL for rule ids only", () => {
  assert.equal(ruleDocsUrl("hardcoded-secret"), "https://github.com/shipshape-dev/shipshape/blob/main/rules/docs/hardcoded-secret.md");
  for (const bad of [undefined, 42, "", "../secrets", "a b", "javascript:alert(1)", "Hardcoded-Secret", "x-", "-x"]) assert.equal(ruleDocsUrl(bad), undefined, String(bad));
});
