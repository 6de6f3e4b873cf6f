import assert from "node:assert/strict";
import { test } from "node:test";
import { probeFixture } from "./probe-fixture.ts";

test("an entry that finishes after the slow threshold is slow", async () => {
  // The fixture awaits 1200 ms at import time.
  const { probe } = await probeFixture("slow", "src/index.ts", { timeoutMs: 8000, slowMs: 1000 });
  assert.equal(probe.status, "slow");
  assert.ok(probe.durationMs >= 1200);
  assert.deepEqual(probe.pending, []);
});
