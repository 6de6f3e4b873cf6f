import assert from "node:assert/strict";
import { test } from "node:test";
import { probeFixture } from "./probe-fixture.ts";

test("an import() re-entering the entry's cycle with nothing alive is unsettled (exit 13)", async () => {
  const { probe } = await probeFixture("unsettled", "index.mjs");
  assert.equal(probe.status, "unsettled");
  assert.equal(probe.phase, "evaluation");
  assert.equal(probe.exitCode, 13);
  assert.deepEqual(probe.pending, [
    {
      file: "index.mjs",
      line: 2,
      waitingFor: "m.mjs",
      importedFrom: { file: "r.mjs", line: 2 },
      cycle: ["m.mjs", "s.mjs", "index.mjs"],
    },
  ]);
});
