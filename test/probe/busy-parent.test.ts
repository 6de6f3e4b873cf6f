// The parent's main thread busy for longer than --timeout (a long synchronous scan) must not
// change the verdict: it is judged on the child's clock, after reading what the child sent meanwhile.
import assert from "node:assert/strict";
import { test } from "node:test";
import { probeFixture, survivors } from "./probe-fixture.ts";

const blockMainThread = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

test("a server that listened while the parent was blocked past the timeout is ok, as with a long timeout", async () => {
  const running = probeFixture("boot-unawaited-reject", "src/main.ts", { timeoutMs: 2000, env: { BOOT_FIXTURE_PORT: "0" } });
  blockMainThread(5000);
  const { probe, tag } = await running;
  const patient = await probeFixture("boot-unawaited-reject", "src/main.ts", { timeoutMs: 20000, env: { BOOT_FIXTURE_PORT: "0" } });
  assert.equal(patient.probe.status, "ok");
  assert.equal(probe.status, patient.probe.status);
  assert.equal(probe.phase, "boot");
  assert.equal(probe.ready?.by, "listening");
  assert.ok(probe.durationMs < 2000, `ready at ${probe.durationMs} ms on the child's clock`);
  assert.deepEqual(survivors(tag), []);
});

test("a hang stays a hang, with its pending connect, when the parent was blocked past the timeout", async () => {
  const running = probeFixture("boot-connect-retry", "src/main.ts", { timeoutMs: 1500 });
  blockMainThread(4000);
  const { probe } = await running;
  assert.equal(probe.status, "hang");
  assert.equal(probe.phase, "boot");
  assert.equal(probe.waitingOn?.[0]?.target, "127.0.0.1:1");
});
