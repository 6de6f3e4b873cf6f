import assert from "node:assert/strict";
import { test } from "node:test";
import { probeFixture } from "./probe-fixture.ts";

test("an entry starting with #! keeps its TypeScript lines", async () => {
  const { probe } = await probeFixture("shebang", "src/cli.ts");
  assert.equal(probe.status, "crash");
  assert.equal(probe.error?.name, "RangeError");
  assert.equal(probe.error?.file, "src/cli.ts");
  assert.equal(probe.error?.line, 9);
  assert.equal(probe.error?.column, 27);
});
