// The pretty report's answer lines: each probe's verdict with its cause in one sentence, the worst
// verdict again on the last line, and never "No startup problems found" after a failed probe.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pretty } from "../../src/report/pretty.ts";
import type { ReportProbe, ReportV1 } from "../../src/report/types.ts";

const probe = (over: Partial<ReportProbe>): ReportProbe => ({ entry: "src/main.ts", runtime: "node", status: "ok", durationMs: 900, exitCode: null, pending: [], error: null, handles: [], stack: null, ...over });
const report = (probes: ReportProbe[]): ReportV1 => ({ version: 1, root: "/app", command: "probe", entrypoints: ["src/main.ts"], modules: 4, cycles: [], findings: [], probes });
const lines = (r: ReportV1): string[] => pretty(r, { color: false }).trimEnd().split("\n");

test("a crash during boot: the error's first line and what startup was waiting on", () => {
  const crash = probe({
    status: "crash",
    exitCode: 1,
    durationMs: 4387.4,
    phase: "boot",
    error: { name: "MongoNetworkError", message: "failed to connect to server [127.0.0.1:1] on first connect [Error: connect ECONNREFUSED 127.0.0.1:1\n    at TCPConnectWrap.afterConnect]" },
    waitingOn: [{ kind: "connect", description: "connect to 127.0.0.1:1 (2 attempts)", file: "src/app.ts", line: 48, library: "connect-mongo" }],
  });
  const out = lines(report([crash]));
  const verdict = "CRASH src/main.ts (node, 4387 ms, exit 1, during boot): MongoNetworkError: failed to connect to server [127.0.0.1:1] on first connect; while waiting on connect to 127.0.0.1:1 (2 attempts) from src/app.ts:48 (connect-mongo).";
  assert.equal(out[3], verdict);
  assert.equal(out.at(-2), "0 error(s) · 0 warning(s) · 0 runtime cycle(s) · 1 of 1 probe(s) failed");
  assert.equal(out.at(-1), verdict);
});

test("a server that listens is ok, with what keeps failing behind it; the last line says no problem", () => {
  const ok = probe({
    ready: { by: "listening", atMs: 812.6, address: "[::]:3000" },
    background: [{ kind: "connect", description: "connect to localhost:6379 (3 attempts)", library: "ioredis" }],
  });
  const out = lines(report([ok]));
  assert.equal(out[3], "OK src/main.ts (node, 900 ms): listening on [::]:3000 after 813 ms; still failing in the background: connect to localhost:6379 (3 attempts) (ioredis).");
  assert.equal(out.at(-1), "No startup problems found.");
});

test("the worst probe comes first and ends the report; a hang without a pending module names what it waits on", () => {
  const hang = probe({ entry: "src/worker.ts", status: "hang", durationMs: 10000, phase: "boot", waitingOn: [{ kind: "connect", description: "connect to 127.0.0.1:1 (9 attempts)", file: "src/db.ts", line: 3, library: "pg" }] });
  const out = lines(report([probe({}), hang]));
  const verdict = "HANG src/worker.ts (node, 10000 ms, during boot): startup waits on connect to 127.0.0.1:1 (9 attempts) from src/db.ts:3 (pg).";
  assert.deepEqual(out.slice(3, 5), [verdict, "OK src/main.ts (node, 900 ms)"]);
  assert.equal(out.at(-1), verdict);
  assert.ok(!out.includes("No startup problems found."));
});

test("an exit names where process.exit() was called, and what was last in flight, never what it 'waits on'", () => {
  const exit = probe({
    entry: "src/server.ts",
    status: "exit",
    exitCode: 0,
    durationMs: 5501,
    phase: "boot",
    waitingOn: [{ kind: "connect", description: "connect to 127.0.0.1:1", file: "src/server.ts", line: 34, library: "typeorm" }],
    exitCall: { file: "src/server.ts", line: 40, stack: ["Connection.<anonymous> (src/server.ts:40:13)"] },
  });
  const out = lines(report([exit]));
  const verdict = "EXIT src/server.ts (node, 5501 ms, exit 0, during boot): exited with code 0 during startup, after its entry evaluated; process.exit() at src/server.ts:40; last in flight: connect to 127.0.0.1:1 from src/server.ts:34 (typeorm).";
  assert.equal(out[3], verdict);
  assert.equal(out.at(-1), verdict);
  const at = out.indexOf("  last seen in flight before it exited:");
  assert.deepEqual(out.slice(at, at + 2), ["  last seen in flight before it exited:", "    connect to 127.0.0.1:1 from src/server.ts:34 (typeorm)"]);
  assert.ok(!out.some((line) => /waiting on/.test(line)), out.join("\n"));
  const calledFrom = out.indexOf("  process.exit() called from:");
  assert.deepEqual(out.slice(calledFrom, calledFrom + 2), ["  process.exit() called from:", "    Connection.<anonymous> (src/server.ts:40:13)"]);
});
