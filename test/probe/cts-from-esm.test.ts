import assert from "node:assert/strict";
import { test } from "node:test";
import { probeFixture } from "./probe-fixture.ts";

test("a .cts imported from ESM keeps its \"use strict\" under the probe's wrapping", async () => {
  // The entry throws if legacy.cts ran in sloppy mode.
  const { probe } = await probeFixture("cts-from-esm", "src/index.ts", { timeoutMs: 8000, slowMs: 6000, importTimes: true });
  assert.equal(probe.error, null, probe.error?.message);
  assert.equal(probe.status, "ok");
  assert.deepEqual(
    probe.importTimes?.map((row) => [row.file, row.parent]),
    [
      ["src/legacy.cts", "src/index.ts"],
      ["src/index.ts", undefined],
    ],
  );
});
