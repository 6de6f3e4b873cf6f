import assert from "node:assert/strict";
import { test } from "node:test";
import { probeFixture } from "./probe-fixture.ts";

test("a TDZ read through tsx's CommonJS export getter is located at the reading line, not line 1 of the exporter", async () => {
  const { probe } = await probeFixture("crash-tdz-cjs-tsx", "src/index.ts");
  assert.equal(probe.status, "crash");
  assert.equal(probe.phase, "evaluation");
  assert.equal(probe.error?.message, "Cannot access 'Base' before initialization");
  // The stack's top frames are src/base.ts:1 and the getter (runtime-facts §6.4).
  assert.match(probe.error?.stack ?? "", /base\.ts:1:1\)/);
  assert.equal(probe.error?.file, "src/admin.ts");
  assert.equal(probe.error?.line, 4);
});
