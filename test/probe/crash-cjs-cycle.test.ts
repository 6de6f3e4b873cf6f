import assert from "node:assert/strict";
import { test } from "node:test";
import { probeFixture } from "./probe-fixture.ts";

test("a CommonJS cycle reading partial exports crashes at the reading line", async () => {
  const { probe } = await probeFixture("crash-cjs-cycle", "index.js");
  assert.equal(probe.status, "crash");
  assert.equal(probe.error?.name, "TypeError");
  assert.equal(probe.error?.message, "format is not a function");
  assert.equal(probe.error?.file, "lib/b.js");
  assert.equal(probe.error?.line, 4);
  // require() nests: outermost first.
  assert.deepEqual(
    probe.pending.map((module) => module.file),
    ["index.js", "lib/a.js", "lib/b.js"],
  );
});
