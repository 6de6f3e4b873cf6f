// A dependency that require()s its browser bundle in try/catch (swagger-ui-dist, under
// swagger-ui-express) is done when the throw is caught: the verdict names the real wait, and no
// "Evaluation is stuck in" the bundle (seen on hagopj13/node-express-boilerplate).
import assert from "node:assert/strict";
import { test } from "node:test";
import { probeFixture } from "./probe-fixture.ts";

test("a module whose body threw and whose require() was caught is not pending", async () => {
  const { probe } = await probeFixture("cjs-caught-throw", "index.js", { timeoutMs: 1500 });
  assert.equal(probe.status, "hang");
  assert.equal(probe.phase, "boot");
  assert.deepEqual(probe.pending, []);
  assert.match(probe.summary ?? "", /waiting on connect to 127\.0\.0\.1:1 \(\d+ attempts, retrying\) from index\.js:6/);
  assert.doesNotMatch(probe.summary ?? "", /stuck in/);
});
