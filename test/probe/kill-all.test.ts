import assert from "node:assert/strict";
import { test } from "node:test";
import { killAllProbes } from "../../src/probe/index.ts";
import { probeFixture, survivors } from "./probe-fixture.ts";

test("killAllProbes stops a running probe at once (startup-doctor's own Ctrl-C)", async () => {
  const started = Date.now();
  const running = probeFixture("spawns-grandchild", "index.mjs", { timeoutMs: 20000 });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  killAllProbes();
  const { probe, tag } = await running;
  assert.ok(Date.now() - started < 10000);
  assert.equal(probe.status, "exit");
  assert.equal(probe.signal, "SIGKILL");
  assert.deepEqual(survivors(tag), []);
});
