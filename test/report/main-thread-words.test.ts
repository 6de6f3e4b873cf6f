// A blocked probe's stall in words: busy when it computed, stalled and hardly running when its
// CPU time was far below the wall time; busy, as before, when nothing was measured.
import assert from "node:assert/strict";
import { test } from "node:test";
import { mainThreadWaited, mainThreadWords } from "../../src/report/main-thread-words.ts";

test("computing most of the stall is busy; no measurement is busy", () => {
  assert.equal(mainThreadWords({ mainThread: { cpuMs: 1900, wallMs: 2000, majorFaults: 0 } }, "was"), "the main thread was busy");
  assert.equal(mainThreadWords({ mainThread: { cpuMs: 1000, wallMs: 2000, majorFaults: 3 } }, "is"), "the main thread is busy");
  assert.equal(mainThreadWords({}, "was"), "the main thread was busy");
  assert.equal(mainThreadWaited({ mainThread: { cpuMs: 0, wallMs: 0, majorFaults: 0 } }), false);
});

test("hardly running is said with its share, its span and the pages read from disk", () => {
  assert.equal(
    mainThreadWords({ mainThread: { cpuMs: 40, wallMs: 1805, majorFaults: 0 } }, "was"),
    "the main thread was stalled but hardly running (2% CPU over 1.8 s: a synchronous wait, disk reads or a starved machine, not a loop)",
  );
  assert.equal(
    mainThreadWords({ mainThread: { cpuMs: 900, wallMs: 10000, majorFaults: 2210 } }, "is"),
    "the main thread is stalled but hardly running (9% CPU over 10.0 s, 2210 pages read from disk: a synchronous wait, disk reads or a starved machine, not a loop)",
  );
  assert.match(mainThreadWords({ mainThread: { cpuMs: 0, wallMs: 1000, majorFaults: 1 } }, "was"), /, 1 page read from disk:/);
});
