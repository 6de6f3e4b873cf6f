import assert from "node:assert/strict";
import { test } from "node:test";
import { probeFixture } from "./probe-fixture.ts";

test("awaiting a connection to a closed loopback port with retries hangs on the top-level await", async () => {
  const { probe } = await probeFixture("hang-closed-port", "src/index.ts");
  assert.equal(probe.status, "hang");
  assert.equal(probe.phase, "evaluation");
  assert.deepEqual(probe.pending, [
    { file: "src/index.ts", waitingFor: "src/db.ts" },
    { file: "src/db.ts", line: 22 },
  ]);
  // Between attempts the retry timer holds the loop; during one, the connecting socket.
  const live = probe.handles.find((handle) => handle.file === "src/db.ts");
  assert.ok(live, JSON.stringify(probe.handles));
  assert.ok([9, 16].includes(live.line ?? 0), `line ${live.line}`);
});
