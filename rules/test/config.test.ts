import { test } from "node:test";
import assert from "node:assert/strict";
import { parseConfigText, isIgnored, mergeConfig, DEFAULT_CONFIG, resolveRawConfig, backtrackingRisk, MAX_ALLOW_INPUT } from "../src/engine/config.js";

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

test("secrets.allow: patterns that can backtrack exponentially are refused with their position", () => {
  const text = '{\n  "secrets": {\n    "allow": [\n      "(a+)+$",\n      "^(x|xx)*y",\n      "((ab)*c)+",\n      "(\\\\d{2,})*z",\n      "^sk_test_",\n      "(foo|bar)_key",\n      "[(a+)+]+",\n      "\\\\(a+\\\\)+"\n    ]\n  }\n}';
  const { config, problems } = parseConfigText(text, "shipshape.json", known);
  assert.deepEqual(problems.map((p) => p.line), [4, 5, 6, 7], problems.map((p) => p.message).join("\n"));
  assert.match(problems[0].message, /^"secrets\.allow": pattern "\(a\+\)\+\$" repeats a group that holds a repetition, which can take very long/);
  assert.match(problems[1].message, /repeats a group of alternatives/);
  // The harmless ones still apply: a plain prefix, alternatives not repeated, a class, escaped parentheses.
  assert.deepEqual(config.secretsAllow.map((r) => r.source), ["^sk_test_", "(foo|bar)_key", "[(a+)+]+", "\\(a+\\)+"]);
});

test("secrets.allow: matching is bounded to short values, so no pattern can stall analysis", () => {
  const { config, problems } = parseConfigText('{ "secrets": { "allow": ["^sk_test_", "a*a*b", "a*a*a*b"] } }', "shipshape.json", known);
  assert.deepEqual(problems.map((p) => p.message), ['"secrets.allow": pattern "a*a*a*b" has more than 2 repetitions (*, +, {n,m}), which can take very long on some strings: simplify it']);
  const [prefix, poly] = config.secretsAllow;
  assert.equal(prefix.test("sk_test_123"), true);
  assert.equal("sk_test_123".match(prefix)?.[0], "sk_test_", "match() goes through the same bound");
  assert.equal(prefix.test("sk_test_" + "x".repeat(MAX_ALLOW_INPUT)), false, "a value longer than the bound is never allow-listed");
  // Polynomial backtracking over at most MAX_ALLOW_INPUT characters stays fast.
  const started = performance.now();
  assert.equal(poly.test("a".repeat(MAX_ALLOW_INPUT)), false);
  assert.equal(poly.test("a".repeat(100_000)), false);
  assert.ok(performance.now() - started < 1000, `took ${performance.now() - started} ms`);
});

test("backtrackingRisk: nested and alternated repetition only", () => {
  for (const bad of ["(a+)+", "(a*)*", "(a{2,})+", "(?:a|b)+", "((a|b)c)*", "(a+){2,5}", "(a+){3}", "(.*a){3,}", ".*a.*a.*b", "\\w+\\w+\\w+x"]) assert.ok(backtrackingRisk(bad), bad);
  for (const ok of ["a+b+", "(ab)+", "(a+)?", "(a|b)", "^AKIA[0-9A-Z]{16}$", "(abc){2}", "[A-Z]{16}[a-z]{16}[0-9]{4}", "[a+]+", "\\(a+\\)*", "(a+){1}", "^test_.*", ".*EXAMPLE.*"]) assert.equal(backtrackingRisk(ok), undefined, ok);
});
