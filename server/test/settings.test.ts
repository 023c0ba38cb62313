import { test } from "node:test";
import assert from "node:assert/strict";
import { configDiagnostics, configMessage } from "../src/diagnostics.js";
import { DEFAULT_SETTINGS, effectiveConfig, fileConfig, problemText, readSettings, settingsConfig } from "../src/settings.js";

test("settings are read leniently: a wrong type falls back for that key only", () => {
  const s = readSettings({ enable: "yes", rules: { "empty-catch": "error" }, ignore: "dist", debounceMs: -5, logLevel: "debug" });
  assert.equal(s.enable, true);
  assert.deepEqual(s.rules, { "empty-catch": "error" });
  assert.deepEqual(s.ignore, []);
  assert.equal(s.debounceMs, 200);
  assert.equal(s.logLevel, "debug");
  assert.equal(readSettings({ debounceMs: 0 }).debounceMs, 0);
  assert.equal(readSettings({ debounceMs: 1e9 }).debounceMs, 10_000);
  assert.equal(readSettings(null).enable, true);
  assert.equal(readSettings({}, { ...DEFAULT_SETTINGS, debounceMs: 20 }).debounceMs, 20, "missing keys keep the base");
});

test("settings problems are reported without positions", () => {
  const r = settingsConfig({ ...DEFAULT_SETTINGS, rules: { "empty-cach": "off", "oversized-file": "loud" } });
  assert.equal(r.problems.length, 2);
  assert.match(r.problems[0], /unknown rule "empty-cach".*did you mean "empty-catch"/);
  assert.equal(r.config.rules.size, 0);
});

test("shipshape.json: problems name the line; the file wins over settings", () => {
  const broken = fileConfig('{\n  "rules": {\n    "empty-catch": "loud"\n  }\n}', "shipshape.json");
  assert.equal(broken.problems.length, 1);
  assert.equal(problemText(broken.problems[0], "shipshape.json"), 'shipshape.json:3:20: rule "empty-catch": expected one of "off", "info", "warning", "error"');
  assert.deepEqual(fileConfig(undefined, "shipshape.json").problems, []);
  assert.deepEqual(fileConfig("  \n", "shipshape.json").problems, []);

  const file = fileConfig(JSON.stringify({ rules: { "empty-catch": "info" }, ignore: ["legacy"] }), "shipshape.json");
  const merged = effectiveConfig({ ...DEFAULT_SETTINGS, rules: { "empty-catch": "off", "oversized-file": "error" }, ignore: ["dist"] }, file);
  assert.equal(merged.rules.get("empty-catch"), "info");
  assert.equal(merged.rules.get("oversized-file"), "error");
  assert.deepEqual([...merged.ignore].sort(), ["dist", "legacy"]);
});

test("config problems: a diagnostic from the problem to the end of its line, one message naming file and line", () => {
  const text = '{\r\n  "rules": {\r\n    "empty-catch": "loud", "oversized-file": 3\r\n  }\r\n}';
  const { problems } = fileConfig(text, "shipshape.json");
  assert.equal(problems.length, 2);
  const diagnostics = configDiagnostics(problems, text);
  assert.deepEqual(diagnostics[0].range, { start: { line: 2, character: 19 }, end: { line: 2, character: 46 } });
  assert.equal(diagnostics[0].source, "shipshape");
  assert.equal(
    configMessage(problems, "web/shipshape.json"),
    'Shipshape: web/shipshape.json line 3: rule "empty-catch": expected one of "off", "info", "warning", "error" (and 1 more problem(s), see the Problems panel). The defaults apply where the file is invalid.',
  );
  const eof = configDiagnostics([{ file: "shipshape.json", line: 1, column: 3, message: "m" }], "{ ");
  assert.deepEqual(eof[0].range, { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } });
});
