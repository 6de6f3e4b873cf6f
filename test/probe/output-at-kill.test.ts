// What an app prints once the probe's SIGTERM reached it (its shutdown hook) is kept apart from
// its startup output: "last output" never ends with the probe's own kill.
import assert from "node:assert/strict";
import { test } from "node:test";
import { OutputTail } from "../../src/probe/output-tail.ts";
import { probeFixture } from "./probe-fixture.ts";

test("a hung server's shutdown log is reported as printed after the probe's SIGTERM", async () => {
  const { probe } = await probeFixture("hang-logs-sigterm", "server.mjs", { timeoutMs: 1500 });
  assert.equal(probe.status, "hang");
  assert.equal(probe.output, "info: connecting to the database");
  assert.equal(probe.outputAfterKill, "info: SIGTERM received, shutting down");
  // The raw tail keeps everything the app printed, in order.
  assert.equal(probe.outputTail, "info: connecting to the database\ninfo: SIGTERM received, shutting down\n");
});

test("an app that exits on its own has no output after a kill", async () => {
  const { probe } = await probeFixture("exit-usage", "bin/create-app.js");
  assert.equal(probe.outputAfterKill, undefined);
  assert.equal(probe.output, "Please specify the target project directory.");
});

test("the tail splits at a mark, also once its oldest bytes were dropped", () => {
  const tail = new OutputTail(10);
  tail.push(Buffer.from("startup 1\n"));
  const mark = tail.mark();
  tail.push(Buffer.from("bye\n"));
  assert.deepEqual(tail.split(mark), { before: "tup 1\n", after: "bye\n" });
  assert.equal(tail.text(), "tup 1\nbye\n");
  // More after the mark than the tail keeps: all of it is after.
  tail.push(Buffer.from("shutting down\n"));
  assert.deepEqual(tail.split(mark), { before: "", after: "ting down\n" });
});
