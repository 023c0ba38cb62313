import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { realScheduler, ValidationQueue } from "../src/queue.js";
import { FakeClock, settle } from "./fakeClock.js";

/** A controllable async run per call. */
function harness(delay = 200, expectedRunMs?: number) {
  const clock = new FakeClock();
  const versions = new Map<string, number>();
  const runs: Array<{ key: string; version: number; resolve: (r: string) => void; reject: (e: unknown) => void }> = [];
  const published: Array<{ key: string; version: number; result: string }> = [];
  const errors: unknown[] = [];
  let active = 0;
  let maxActive = 0;
  let auto = true;
  const queue = new ValidationQueue<string>({
    delay: () => delay,
    ...(expectedRunMs === undefined ? {} : { expectedRunMs: () => expectedRunMs }),
    versionOf: (k) => versions.get(k),
    run: (key, version) => {
      active++;
      maxActive = Math.max(maxActive, active);
      return new Promise<string>((resolve, reject) => {
        const done = (f: () => void) => { active--; f(); };
        runs.push({ key, version, resolve: (r) => done(() => resolve(r)), reject: (e) => done(() => reject(e)) });
        if (auto) runs[runs.length - 1].resolve(`result v${version}`);
      });
    },
    publish: (key, version, result) => published.push({ key, version, result }),
    onError: (_key, e) => errors.push(e),
    scheduler: clock,
  });
  return {
    clock, versions, runs, published, errors, queue,
    get maxActive() { return maxActive; },
    manual() { auto = false; },
  };
}

test("debounce: a burst of edits coalesces into one run of the latest version", async () => {
  const h = harness(200);
  for (let v = 1; v <= 5; v++) {
    h.versions.set("a", v);
    h.queue.schedule("a");
    await h.clock.advance(50);
  }
  assert.equal(h.runs.length, 0, "nothing runs while edits keep coming");
  await h.clock.advance(200);
  assert.deepEqual(h.runs.map((r) => r.version), [5]);
  assert.deepEqual(h.published, [{ key: "a", version: 5, result: "result v5" }]);
});

test("documents debounce independently", async () => {
  const h = harness(100);
  h.versions.set("a", 1).set("b", 1);
  h.queue.schedule("a");
  await h.clock.advance(60);
  h.queue.schedule("b");
  await h.clock.advance(40);
  assert.deepEqual(h.runs.map((r) => r.key), ["a"]);
  await h.clock.advance(60);
  assert.deepEqual(h.runs.map((r) => r.key), ["a", "b"]);
});

test("a result for a version that moved on while running is never published", async () => {
  const h = harness(100);
  h.manual();
  h.versions.set("a", 1);
  h.queue.schedule("a");
  await h.clock.advance(100);
  assert.equal(h.runs.length, 1);
  h.versions.set("a", 2);
  h.queue.schedule("a");
  h.runs[0].resolve("stale");
  await settle();
  assert.equal(h.published.length, 0, "v1 finished after v2 arrived: dropped");
  await h.clock.advance(100);
  assert.equal(h.runs.length, 2);
  assert.equal(h.runs[1].version, 2);
  h.runs[1].resolve("fresh");
  await settle();
  assert.deepEqual(h.published, [{ key: "a", version: 2, result: "fresh" }]);
});

test("at most one run per document at a time; a trigger during a run reruns once after it", async () => {
  const h = harness(10);
  h.manual();
  h.versions.set("a", 1);
  h.queue.schedule("a");
  await h.clock.advance(10);
  for (let v = 2; v <= 4; v++) {
    h.versions.set("a", v);
    h.queue.schedule("a");
    await h.clock.advance(10);
  }
  assert.equal(h.runs.length, 1, "no second run while the first is in flight");
  assert.ok(h.queue.busy("a"));
  h.runs[0].resolve("old");
  await settle();
  assert.equal(h.runs.length, 2);
  assert.equal(h.runs[1].version, 4);
  h.runs[1].resolve("new");
  await settle();
  assert.equal(h.maxActive, 1);
  assert.deepEqual(h.published.map((p) => p.version), [4]);
  assert.equal(h.queue.busy("a"), false);
});

test("cancel (close) drops pending timers and in-flight results, even if reopened at the same version", async () => {
  const h = harness(50);
  h.manual();
  h.versions.set("a", 1);
  h.queue.schedule("a");
  await h.clock.advance(50);
  h.queue.cancel("a");
  // Reopened with version 1 again before the old run finished.
  h.queue.schedule("a");
  h.runs[0].resolve("from the closed document");
  await settle();
  assert.equal(h.published.length, 0);
  await h.clock.advance(50);
  h.runs[1].resolve("reopened");
  await settle();
  assert.deepEqual(h.published.map((p) => p.result), ["reopened"]);

  h.queue.schedule("a");
  h.queue.cancel("a");
  await h.clock.advance(100);
  assert.equal(h.runs.length, 2, "a cancelled timer never fires");
});

test("a closed document (no version) is not run; a failing run is reported and the queue goes on", async () => {
  const h = harness(0);
  h.queue.schedule("gone");
  await h.clock.advance(1);
  assert.equal(h.runs.length, 0);

  h.manual();
  h.versions.set("a", 1);
  h.queue.schedule("a");
  await h.clock.advance(1);
  h.runs[0].reject(new Error("boom"));
  await settle();
  assert.equal(h.errors.length, 1);
  h.versions.set("a", 2);
  h.queue.schedule("a");
  await h.clock.advance(1);
  h.runs[1].resolve("ok");
  await settle();
  assert.deepEqual(h.published.map((p) => p.version), [2]);
});

test("real scheduler: a zero delay does not wait for the timer phase; both kinds can be cancelled", async () => {
  const order = await new Promise<string[]>((resolve) => {
    // Inside an I/O callback, where Node orders immediates before timers of the same turn.
    fs.stat(".", () => {
      const seen: string[] = [];
      setTimeout(() => seen.push("1 ms timer"), 1);
      realScheduler.setTimeout(() => seen.push("zero delay"), 0);
      setTimeout(() => resolve(seen), 20);
    });
  });
  assert.deepEqual(order, ["zero delay", "1 ms timer"]);

  const fired: string[] = [];
  const zero = realScheduler.setTimeout(() => fired.push("zero"), 0);
  const later = realScheduler.setTimeout(() => fired.push("later"), 5);
  const kept = realScheduler.setTimeout(() => fired.push("kept"), 0);
  realScheduler.clearTimeout(zero);
  realScheduler.clearTimeout(later);
  await new Promise((r) => setTimeout(r, 30));
  assert.deepEqual(fired, ["kept"]);
});

test("a run starts the expected run time before the debounce ends; its result waits for the end", async () => {
  const h = harness(200, 50);
  h.manual();
  h.versions.set("a", 1);
  h.queue.schedule("a");
  await h.clock.advance(149);
  assert.equal(h.runs.length, 0);
  await h.clock.advance(1);
  assert.equal(h.runs.length, 1, "started 50 ms early");
  await h.clock.advance(10);
  h.runs[0].resolve("v1");
  await settle();
  assert.ok(h.queue.busy("a"), "a held result is pending work");
  await h.clock.advance(39);
  assert.equal(h.published.length, 0, "not before the debounce ends");
  await h.clock.advance(1);
  assert.deepEqual(h.published, [{ key: "a", version: 1, result: "v1" }]);
  assert.equal(h.queue.busy("a"), false);
});

test("an edit while a result is held drops it; a run slower than expected publishes when it ends", async () => {
  const h = harness(200, 50);
  h.manual();
  h.versions.set("a", 1);
  h.queue.schedule("a");
  await h.clock.advance(160);
  h.runs[0].resolve("v1");
  await settle();
  await h.clock.advance(20);
  h.versions.set("a", 2);
  h.queue.schedule("a");
  await h.clock.advance(100);
  assert.equal(h.published.length, 0, "the held v1 result was dropped");
  await h.clock.advance(50);
  assert.equal(h.runs.length, 2);
  assert.equal(h.runs[1].version, 2);
  // The debounce for v2 ends at 380; this run takes until 400.
  await h.clock.advance(70);
  assert.equal(h.published.length, 0);
  h.runs[1].resolve("v2");
  await settle();
  assert.deepEqual(h.published, [{ key: "a", version: 2, result: "v2" }]);
});

test("the lead is at most half the debounce; none with a zero delay; closing drops a held result", async () => {
  const h = harness(200, 500);
  h.manual();
  h.versions.set("a", 1);
  h.queue.schedule("a");
  await h.clock.advance(99);
  assert.equal(h.runs.length, 0, "edits less than half a debounce apart never start a run");
  await h.clock.advance(1);
  assert.equal(h.runs.length, 1, "expected longer than the debounce: starts half-way");
  h.runs[0].resolve("v1");
  await settle();
  await h.clock.advance(99);
  assert.equal(h.published.length, 0);
  h.queue.cancel("a");
  await h.clock.advance(10);
  assert.equal(h.published.length, 0, "closed: never published");
  assert.equal(h.clock.pending, 0, "no timer left behind");

  h.versions.set("b", 1);
  h.queue.schedule("b", 0);
  await h.clock.advance(0);
  h.runs[1].resolve("b1");
  await settle();
  assert.deepEqual(h.published.map((p) => p.key), ["b"], "a zero delay publishes as soon as the run ends");
});
