// The verdict paragraph quotes an error's first line only, without the inspected cause Node appends
// to MongoDB's message (seen on TypeScript-Node-Starter with MongoDB at 127.0.0.1:1).
import assert from "node:assert/strict";
import { test } from "node:test";
import { describeProbe } from "../../src/probe/summary.ts";
import { mongoCrash } from "../report/sample-reports.ts";

const crash = mongoCrash;
const context = { timeoutMs: 8000, slowMs: 2000, notes: [] };

test("a message with an inspected cause is quoted up to the cause", () => {
  const message = "failed to connect to server [127.0.0.1:1] on first connect [Error: connect ECONNREFUSED 127.0.0.1:1\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16) {\n  name: 'MongoNetworkError'\n}]";
  assert.equal(describeProbe(crash(message), context), "src/server.ts (node) crashed during startup, after its entry evaluated: MongoNetworkError: failed to connect to server [127.0.0.1:1] on first connect at src/app.ts:48.");
});

test("a plain message keeps its brackets and loses only its final full stop", () => {
  assert.equal(describeProbe(crash("bad port [80]."), context), "src/server.ts (node) crashed during startup, after its entry evaluated: MongoNetworkError: bad port [80] at src/app.ts:48.");
});
