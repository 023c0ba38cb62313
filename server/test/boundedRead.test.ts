import { mock, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import fsModule = require("node:fs");
import * as os from "node:os";
import * as path from "node:path";
import { BoundedReader, exceedsBytes } from "../src/workspace/boundedRead.js";

test("bounded read: up to the limit the file's text as readFileSync decodes it, past it nothing, and no stat", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shipshape-bounded-"));
  try {
    const write = (name: string, data: string | Buffer) => {
      fs.writeFileSync(path.join(dir, name), data);
      return path.join(dir, name);
    };
    const reader = new BoundedReader(10);
    assert.equal(reader.read(write("empty.ts", "")), "");
    assert.equal(reader.read(write("ten.ts", "0123456789")), "0123456789", "exactly the limit");
    assert.equal(reader.read(write("eleven.ts", "0123456789a")), undefined, "one byte more");
    assert.equal(reader.read(write("short.ts", "abc")), "abc", "the buffer of a longer file is not read past this one");
    // Bytes, not characters: "é" is two bytes; an invalid sequence decodes as readFileSync decodes it.
    assert.equal(reader.read(write("accents.ts", "ééééé")), "ééééé");
    assert.equal(reader.read(write("accents2.ts", "éééééa")), undefined);
    const bad = write("bad.ts", Buffer.from([0x61, 0xc3, 0x28, 0xff, 0x62]));
    assert.equal(reader.read(bad), fs.readFileSync(bad, "utf8"));
    assert.throws(() => reader.read(path.join(dir, "missing.ts")), (e: NodeJS.ErrnoException) => e.code === "ENOENT");
    const fstat = mock.method(fsModule, "fstatSync");
    const stat = mock.method(fsModule, "statSync");
    try {
      reader.read(path.join(dir, "ten.ts"));
      assert.equal(fstat.mock.callCount() + stat.mock.callCount(), 0);
    } finally {
      fstat.mock.restore();
      stat.mock.restore();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("exceedsBytes counts UTF-8 bytes, not UTF-16 units", () => {
  assert.equal(exceedsBytes("a".repeat(10), 10), false);
  assert.equal(exceedsBytes("a".repeat(11), 10), true);
  // Four units, twelve bytes: over a limit of 10 only when counted.
  assert.equal(exceedsBytes("\u20ac\u20ac\u20ac\u20ac", 10), true);
  assert.equal(exceedsBytes("\u20ac\u20ac\u20ac", 10), false);
});
