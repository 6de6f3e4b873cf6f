import assert from "node:assert/strict";
import { test } from "node:test";
import { findBun } from "../../src/probe/index.ts";
import { causeSentence } from "../../src/report/probe-headline.ts";
import { probeFixture } from "./probe-fixture.ts";

test("process.exit(3) during import is an exit with its code", async () => {
  const { probe } = await probeFixture("exit", "src/index.ts");
  assert.equal(probe.status, "exit");
  assert.equal(probe.phase, "evaluation");
  assert.equal(probe.exitCode, 3);
  assert.deepEqual(probe.pending, [{ file: "src/index.ts", waitingFor: "src/config.ts" }, { file: "src/config.ts" }]);
  assert.match(probe.outputTail ?? "", /STARTUP_DOCTOR_FIXTURE_PORT is not set/);
  // Where it exited, and nothing called stuck: the process ended while config.ts was evaluating.
  assert.deepEqual(probe.exitCall, { file: "src/config.ts", line: 5, stack: ["<anonymous> (src/config.ts:5:11)"] });
  assert.equal(probe.summary, "src/index.ts (node) exited with code 3 before it finished importing: process.exit() was called at src/config.ts:5. src/config.ts was still evaluating, reached from src/index.ts.");
});

test("a script that prints its usage and exits inside a function names the exit line and its caller, not a stuck module", async () => {
  const { probe } = await probeFixture("exit-usage", "bin/create-app.js");
  assert.deepEqual([probe.status, probe.phase, probe.exitCode], ["exit", "evaluation", 1]);
  assert.deepEqual(probe.exitCall, { file: "bin/create-app.js", line: 6, stack: ["usage (bin/create-app.js:6:11)", "Object.<anonymous> (bin/create-app.js:9:30)"] });
  assert.equal(probe.summary, "bin/create-app.js (node) exited with code 1 before it finished importing: process.exit() was called at bin/create-app.js:6. bin/create-app.js was still evaluating.");
  assert.equal(causeSentence(probe), "exited with code 1 before it finished importing, while bin/create-app.js was still evaluating; process.exit() at bin/create-app.js:6.");
});

test("an exit inside a dependency (an argument parser) names the dependency's frame and the project line that reached it", async () => {
  const { probe } = await probeFixture("exit-usage", "bin/migrate.js");
  assert.deepEqual([probe.status, probe.exitCode], ["exit", 1]);
  assert.deepEqual(probe.exitCall, { file: "bin/migrate.js", line: 5, stack: ["exports.require (node_modules/fake-args/index.js:6:13)", "Object.<anonymous> (bin/migrate.js:5:22)"] });
  assert.match(probe.summary ?? "", /: process\.exit\(\) was called from exports\.require \(node_modules\/fake-args\/index\.js:6:13\), reached from bin\/migrate\.js:5\. bin\/migrate\.js was still evaluating\.$/);
});

test("an exit nobody called (the loop emptied) has no exit call", async () => {
  const { probe } = await probeFixture("boot-server-gives-up", "server.mjs");
  assert.equal(probe.status, "exit");
  assert.equal(probe.exitCall, undefined);
  assert.doesNotMatch(probe.summary ?? "", /process\.exit|waiting on/);
});

test("Bun: the same exit line and caller", { skip: findBun() ? false : "no bun executable" }, async () => {
  const { probe } = await probeFixture("exit-usage", "bin/create-app.js", { runtimes: ["bun"] });
  assert.deepEqual([probe.runtime, probe.status, probe.exitCode], ["bun", "exit", 1]);
  assert.deepEqual(probe.exitCall, { file: "bin/create-app.js", line: 6, stack: ["usage (bin/create-app.js:6:11)", "bin/create-app.js:9:30"] });
});

test("--env values reach the child", async () => {
  const { probe } = await probeFixture("exit", "src/index.ts", { timeoutMs: 8000, slowMs: 6000, env: { STARTUP_DOCTOR_FIXTURE_PORT: "8080" } });
  assert.equal(probe.status, "ok");
});
