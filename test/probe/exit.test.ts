import assert from "node:assert/strict";
import { test } from "node:test";
import { probeFixture } from "./probe-fixture.ts";

test("process.exit(3) during import is an exit with its code", async () => {
  const { probe } = await probeFixture("exit", "src/index.ts");
  assert.equal(probe.status, "exit");
  assert.equal(probe.phase, "evaluation");
  assert.equal(probe.exitCode, 3);
  assert.deepEqual(probe.pending, [{ file: "src/index.ts", waitingFor: "src/config.ts" }, { file: "src/config.ts" }]);
  assert.match(probe.outputTail ?? "", /STARTUP_DOCTOR_FIXTURE_PORT is not set/);
});

test("--env values reach the child", async () => {
  const { probe } = await probeFixture("exit", "src/index.ts", { timeoutMs: 8000, slowMs: 6000, env: { STARTUP_DOCTOR_FIXTURE_PORT: "8080" } });
  assert.equal(probe.status, "ok");
});
