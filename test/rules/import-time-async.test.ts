import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

// src/flagged/* start async work when imported; src/clean/* await it, export the promise, define
// work for later or build plain objects; the entrypoint itself may start anything.
const { report } = scanJson(fixture("rules", "import-time-async", "module-scope"));

test("module-scope code that starts async work is flagged at the statement; clean modules and the entrypoint are not", () => {
  assert.deepEqual(findingsOf(report), [
    finding("import-time-async", "warning", "src/flagged/connect.ts", 3),
    finding("import-time-async", "warning", "src/flagged/floating-call.ts", 3),
    finding("import-time-async", "warning", "src/flagged/iife.ts", 3),
    // new ns.Queue() inside an object literal, and singleton.ts's new Queue(): one cause (Queue's constructor), one finding
    finding("import-time-async", "warning", "src/flagged/in-object.ts", 4),
    finding("import-time-async", "warning", "src/flagged/not-eager.ts", 1),
    finding("import-time-async", "warning", "src/flagged/sync-wrapper.ts", 3), // a sync function that starts a timer
    finding("import-time-async", "warning", "src/flagged/timer.ts", 3),
    finding("async-constructor", "error", "src/lib/queue.ts", 3),
  ]);
});

test("two modules constructing the same class at import are one finding with both chains, statement -> constructor -> async call", () => {
  const grouped = report.findings.find((f) => f.file === "src/flagged/in-object.ts")!;
  const tail = [
    { file: "src/lib/queue.ts", line: 2, note: "constructor of Queue" },
    { file: "src/lib/queue.ts", line: 3, note: "this.drain() is async and nothing awaits it" },
    { file: "src/lib/queue.ts", line: 6, note: "async Queue.drain()" },
  ];
  assert.deepEqual(grouped.chains, [
    [{ file: "src/flagged/in-object.ts", line: 4, note: "new queues.Queue() at module scope" }, ...tail],
    [{ file: "src/flagged/singleton.ts", line: 3, note: "new Queue() at module scope" }, ...tail],
  ]);
  assert.deepEqual(grouped.chain, grouped.chains?.[0]);
  assert.match(grouped.message, /as does importing src\/flagged\/singleton\.ts:3: one cause, 2 places/);
  assert.equal(grouped.code, "mail: new queues.Queue(),");
  assert.deepEqual(grouped.entrypoints, ["src/index.ts"]);
  assert.match(grouped.fix ?? "", /lazily created/);
  assert.equal(grouped.key, "import-time-async:src/flagged/in-object.ts:<module>:new queues.Queue()");
});

test("whether the module is loaded eagerly is part of the message", () => {
  const lazy = report.findings.find((f) => f.file === "src/flagged/not-eager.ts")!;
  assert.match(lazy.message, /not loaded eagerly by any entrypoint/);
  assert.deepEqual(lazy.entrypoints, []);
});
