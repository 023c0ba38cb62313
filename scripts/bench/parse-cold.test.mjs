// The cold parse-only baseline: sharing the files between threads must parse every file once,
// or the benchmark's "N threads" row would time less work than the 1-thread row.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";

const root = path.resolve(import.meta.dirname, "../..");
const run = (...extra) =>
  JSON.parse(execFileSync(process.execPath, [path.join(import.meta.dirname, "parse-cold.mjs"), path.join(root, "out/rules"), path.join(root, "test-workspace"), ...extra], { encoding: "utf8" }));

test("parse-cold parses the same files, bytes and statements with 1 and 3 threads", () => {
  const one = run();
  const three = run("--threads", "3");
  assert.equal(one.threads, 1);
  assert.equal(three.threads, 3);
  assert.ok(one.files > 10, `test-workspace has source files (${one.files})`);
  assert.equal(one.parsed, one.files);
  assert.equal(three.parsed, three.files, "each file parsed by exactly one thread");
  for (const k of ["files", "bytes", "statements"]) assert.equal(three[k], one[k], k);
  assert.ok(one.statements > one.files, "every file was parsed into statements");
});
