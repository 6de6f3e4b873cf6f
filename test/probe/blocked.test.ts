import assert from "node:assert/strict";
import { test } from "node:test";
import { causeSentence } from "../../src/report/probe-headline.ts";
import { probeFixture, survivors } from "./probe-fixture.ts";

test("a synchronous loop at import time is blocked, with the TS stack, and SIGTERM-ignoring code is killed", async () => {
  const { probe, tag } = await probeFixture("blocked", "src/index.ts");
  assert.equal(probe.status, "blocked");
  assert.equal(probe.phase, "evaluation");
  assert.ok(probe.stack, "a stack");
  assert.equal(probe.stack[0], "buildIndex (src/spin.ts:7:3)");
  assert.equal(probe.stack[1], "<anonymous> (src/spin.ts:13:22)");
  assert.deepEqual(probe.pending, [
    { file: "src/index.ts", waitingFor: "src/spin.ts" },
    { file: "src/spin.ts", line: 7 },
  ]);
  assert.deepEqual(survivors(tag), []);
});

test("a synchronous wait at import time (Atomics.wait) is blocked, but said to be stalled and hardly running, not busy", async () => {
  const { probe, tag } = await probeFixture("blocked-wait", "src/index.ts");
  assert.equal(probe.status, "blocked");
  assert.equal(probe.stack?.[0], "waitForLock (src/index.ts:4:11)");
  const cpu = probe.mainThread;
  assert.ok(cpu && cpu.wallMs >= 500, JSON.stringify(cpu));
  assert.ok(cpu.cpuMs < 0.5 * cpu.wallMs, JSON.stringify(cpu));
  assert.match(probe.summary ?? "", /the main thread was stalled but hardly running \(\d+% CPU over \d+\.\d s.*: a synchronous wait, disk reads or a starved machine, not a loop\) at waitForLock \(src\/index\.ts:4:11\)/);
  assert.deepEqual(survivors(tag), []);
});

test("the busy loop's stall is measured too: it spent CPU", async () => {
  const { probe } = await probeFixture("blocked", "src/index.ts");
  assert.equal(probe.status, "blocked");
  assert.ok(probe.mainThread && probe.mainThread.cpuMs > 0, JSON.stringify(probe.mainThread));
});

test("a synchronous child process at import time (execSync) is blocked, not an idle hang: no stack, the stall measured, its module named", async () => {
  const { probe, tag } = await probeFixture("blocked-native", "src/index.ts");
  assert.equal(probe.status, "blocked");
  assert.equal(probe.phase, "evaluation");
  assert.equal(probe.stack, null);
  const cpu = probe.mainThread;
  assert.ok(cpu && cpu.wallMs >= 500 && cpu.cpuMs < 0.5 * cpu.wallMs, JSON.stringify(cpu));
  assert.match(probe.summary ?? "", /stalled but hardly running .*, inside a native call \(execSync, spawnSync, a synchronous addon\): no stack could be taken\. Evaluation is stuck in src\/index\.ts\./);
  assert.deepEqual(probe.pending, [{ file: "src/index.ts" }]);
  // The first screen's line names the native call and the module.
  assert.match(causeSentence(probe), /stalled but hardly running .*, inside a native call \(execSync, spawnSync, an addon\), stuck at src\/index\.ts/);
  assert.deepEqual(survivors(tag), []);
});
