import assert from "node:assert/strict";
import { test } from "node:test";
import { probeFixture, survivors } from "./probe-fixture.ts";

test("a server that keeps listening after its entry finished is ok, and is stopped", async () => {
  const { probe, tag } = await probeFixture("ok", "src/index.ts", { timeoutMs: 8000, slowMs: 6000, importTimes: true });
  assert.equal(probe.status, "ok");
  assert.equal(probe.runtime, "node");
  assert.deepEqual(probe.pending, []);
  assert.equal(probe.error, null);
  assert.ok(probe.durationMs < 8000);
  assert.deepEqual(survivors(tag), []);
  const files = (probe.importTimes ?? []).map((row) => row.file);
  assert.deepEqual(files, ["src/config.ts", "src/index.ts"]);
  const config = probe.importTimes?.find((row) => row.file === "src/config.ts");
  assert.equal(config?.parent, "src/index.ts");
  const index = probe.importTimes?.find((row) => row.file === "src/index.ts");
  assert.ok(index && config && index.totalMs >= index.selfMs + config.totalMs - 0.01);
});
