// End to end over test-workspace/: the CLI's findings must equal expected-findings.json for every
// rule this build registers (entries of rules added later on other branches are left alone).
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { makeWorkspace, removeWorkspace, repoRoot, runCli, writeFiles } from "./cli-harness.js";

interface Expected {
  file: string;
  line: number;
  rule: string;
}

const source = path.join(repoRoot, "test-workspace");
const order = (a: Expected, b: Expected) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));

let copy: string | undefined;
after(() => copy && removeWorkspace(copy));

test("scanning test-workspace finds exactly the expected findings", () => {
  // A copy, plus what git never holds but real checkouts have: dependencies and build output.
  copy = makeWorkspace({});
  fs.cpSync(source, copy, { recursive: true });
  const swallow = "try { run(); } catch (e) {}\n";
  writeFiles(copy, {
    "node_modules/left-pad/index.js": swallow,
    "web/node_modules/react/index.js": swallow,
    "api/dist/server.js": swallow,
    "web/.next/server/app/page.js": swallow,
    "web/lib/generated/client.ts": swallow,
    "web/.env.local": "NEXT_PUBLIC_API_URL=http://localhost:4000\n",
  });

  const r = runCli(["scan", copy, "--format", "sarif"]);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  assert.equal(r.stderr, "", "no rule failed");
  const run = JSON.parse(r.stdout).runs[0];
  const registered = new Set<string>(run.tool.driver.rules.map((x: { id: string }) => x.id));
  const actual: Expected[] = run.results.map((x: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => ({
    file: decodeURIComponent(x.locations[0].physicalLocation.artifactLocation.uri),
    line: x.locations[0].physicalLocation.region.startLine,
    rule: x.ruleId,
  }));
  const expected = (JSON.parse(fs.readFileSync(path.join(source, "expected-findings.json"), "utf8")) as Expected[]).filter((e) => registered.has(e.rule));
  assert.ok(expected.length > 0, "the expected list covers today's rules");
  assert.deepEqual(actual.sort(order), expected.sort(order));
});

test("expected-findings.json is sorted and well-formed", () => {
  const list = JSON.parse(fs.readFileSync(path.join(source, "expected-findings.json"), "utf8")) as Expected[];
  for (const e of list) {
    assert.deepEqual(Object.keys(e), ["file", "line", "rule"]);
    assert.ok(fs.existsSync(path.join(source, e.file)), `${e.file} exists`);
  }
  assert.deepEqual([...list].sort(order), list);
});
