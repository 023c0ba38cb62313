import { test } from "node:test";
import assert from "node:assert/strict";
import { isLogLevel, Logger } from "../src/logger.js";

test("levels filter what reaches the output channel; debug goes out as a plain log line", () => {
  const lines: string[] = [];
  const sink = {
    error: (m: string) => lines.push(`E ${m}`),
    warn: (m: string) => lines.push(`W ${m}`),
    info: (m: string) => lines.push(`I ${m}`),
    log: (m: string) => lines.push(`L ${m}`),
  };
  const log = new Logger(sink, "warn");
  log.error("e1");
  log.warn("w1");
  log.info("i1");
  log.debug("d1");
  log.setLevel("debug");
  log.info("i2");
  log.debug("d2");
  assert.deepEqual(lines, ["E e1", "W w1", "I i2", "L d2"]);
  assert.equal(log.level, "debug");
  assert.equal(isLogLevel("info"), true);
  assert.equal(isLogLevel("verbose"), false);
});
