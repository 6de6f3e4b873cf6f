import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "./findings-view.js";

// One class per file: src/cases/* start async work in the constructor, src/clean/* do not (a
// stored or handed-on promise, work defined for later, sync calls, an unref'ed timer, a factory).
const { report } = scanJson(fixture("rules", "async-constructor", "floating-init"));

test("each constructor that lets async work float is flagged at the call, and nothing else", () => {
  assert.deepEqual(findingsOf(report), [
    finding("async-constructor", "warning", "src/cases/connect.ts", 7), // this.client.connect()
    finding("async-constructor", "warning", "src/cases/fetch.ts", 3), // fetch(url)
    finding("async-constructor", "warning", "src/cases/field-timer.ts", 2), // field initialiser runs on new
    finding("async-constructor", "warning", "src/cases/imported-async.ts", 5), // async function through a barrel
    finding("async-constructor", "warning", "src/cases/local-async.ts", 7), // declared Promise return type
    finding("async-constructor", "warning", "src/cases/new-promise.ts", 3),
    finding("async-constructor", "warning", "src/cases/sync-helper.ts", 3), // sync method that starts a timer
    finding("async-constructor", "warning", "src/cases/then-chain.ts", 5),
    finding("async-constructor", "warning", "src/cases/timer.ts", 5),
    finding("async-constructor", "warning", "src/cases/void-start.ts", 3),
    finding("async-constructor", "error", "src/lib/base-client.ts", 5), // base class of a singleton made at import time
    finding("import-time-async", "warning", "src/lib/cache.ts", 5),
  ]);
});

test("a base constructor run by a module-level singleton is an error with the chain from the singleton", () => {
  const base = report.findings.find((f) => f.file === "src/lib/base-client.ts")!;
  assert.deepEqual(base.chain, [
    { file: "src/lib/cache.ts", line: 5, note: "new Cache() runs at import time" },
    { file: "src/lib/cache.ts", line: 3, note: "constructor of Cache runs the constructor of BaseClient (super())" },
    { file: "src/lib/base-client.ts", line: 4, note: "constructor of BaseClient" },
    { file: "src/lib/base-client.ts", line: 5, note: "this.connect() is async and nothing awaits it" },
    { file: "src/lib/base-client.ts", line: 8, note: "async BaseClient.connect()" },
  ]);
  assert.equal(base.code, "this.connect();");
  assert.deepEqual(base.entrypoints, ["src/index.ts"]);
  assert.equal(base.key, "async-constructor:src/lib/base-client.ts:BaseClient.constructor:this.connect()");
  assert.match(base.docs ?? "", /docs\/rules\/async-constructor\.md$/);
  assert.match(base.fix ?? "", /async start\(\)|static async create\(\)/);
});

test("classes not constructed at import time stay warnings, with no entrypoint", () => {
  const timer = report.findings.find((f) => f.file === "src/cases/timer.ts")!;
  assert.equal(timer.message, "the constructor of Ticker starts async work it neither awaits nor hands back: setInterval() starts a timer that repeats until cleared");
  assert.deepEqual(timer.entrypoints, []);
});
