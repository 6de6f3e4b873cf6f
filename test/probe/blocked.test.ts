import assert from "node:assert/strict";
import { test } from "node:test";
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
