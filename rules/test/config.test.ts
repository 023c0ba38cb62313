import { test } from "node:test";
import assert from "node:assert/strict";
import { parseConfigText, isIgnored, mergeConfig, DEFAULT_CONFIG, resolveRawConfig } from "../src/engine/config.js";

const known = new Set(["empty-catch", "oversized-file", "hardcoded-secret"]);

test("a valid config applies", () => {
  const { config, problems } = parseConfigText(
    JSON.stringify({ rules: { "empty-catch": "off", "oversized-file": "warning" }, ignore: ["dist/**", "legacy"], secrets: { allow: ["^test_"] }, limits: { maxFileLines: 300 } }),
    "shipshape.json",
    known,
  );
  assert.deepEqual(problems, []);
  assert.equal(config.rules.get("empty-catch"), "off");
  assert.equal(config.limits.maxFileLines, 300);
  assert.equal(config.secretsAllow[0].test("test_abc"), true);
  assert.equal(isIgnored("dist/a.js", config), true);
  assert.equal(isIgnored("src/legacy/a.js", config), true, "a bare name matches at any depth");
  assert.equal(isIgnored("src/a.js", config), false);
});

test("bad JSON: one problem with line and column, defaults stay", () => {
  const { config, problems } = parseConfigText('{\n  "rules": {\n    "empty-catch": "off",\n  }\n  "ignore": []\n}', "shipshape.json", known);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].file, "shipshape.json");
  assert.equal(problems[0].line, 5);
  assert.match(problems[0].message, /invalid JSON/);
  assert.equal(config, DEFAULT_CONFIG);
});

test("wrong types, unknown rules and bad values are reported with positions; valid parts still apply", () => {
  const text = '{\n  "rules": { "empty-catch": "loud", "emty-catch": "off", "oversized-file": "off" },\n  "ignore": "dist",\n  "limits": { "maxFileLines": -3 },\n  "extra": 1\n}';
  const { config, problems } = parseConfigText(text, "shipshape.json", known);
  const msgs = problems.map((p) => `${p.line}:${p.message}`);
  assert.ok(msgs.some((m) => /^2:rule "empty-catch": expected one of/.test(m)), msgs.join("\n"));
  assert.ok(msgs.some((m) => /^2:unknown rule "emty-catch" \(did you mean "empty-catch"\?\)/.test(m)), msgs.join("\n"));
  assert.ok(msgs.some((m) => /^3:"ignore" must be an array/.test(m)));
  assert.ok(msgs.some((m) => /^4:"limits.maxFileLines" must be a positive whole number/.test(m)));
  assert.ok(msgs.some((m) => /^5:unknown setting "extra"/.test(m)));
  assert.equal(config.rules.get("oversized-file"), "off");
  assert.equal(config.rules.has("empty-catch"), false);
  assert.equal(config.limits.maxFileLines, 400);
});

test("invalid regex and globs that leave the workspace are reported", () => {
  const { config, problems } = parseConfigText('{ "secrets": { "allow": ["(unclosed", "ok"] }, "ignore": ["../outside/**", "/etc/**", "ok/**"] }', "shipshape.json", known);
  assert.equal(problems.length, 3, problems.map((p) => p.message).join("\n"));
  assert.match(problems[0].message, /invalid regular expression/);
  assert.match(problems[1].message, /stay inside it/);
  assert.equal(config.secretsAllow.length, 1);
  assert.deepEqual(config.ignore, ["ok/**"]);
});

test("not an object at the top level", () => {
  const { problems } = parseConfigText("[1, 2]", "shipshape.json", known);
  assert.match(problems[0].message, /expected an object/);
});

test("the file config wins over editor settings when merged", () => {
  const file = parseConfigText('{ "rules": { "empty-catch": "error" } }', "f", known).config;
  const settings = resolveRawConfig({ rules: { "empty-catch": "off", "oversized-file": "off" } }, "settings", known).config;
  const merged = mergeConfig(settings, file);
  assert.equal(merged.rules.get("empty-catch"), "error");
  assert.equal(merged.rules.get("oversized-file"), "off");
});
