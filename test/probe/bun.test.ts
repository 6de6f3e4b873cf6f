import assert from "node:assert/strict";
import { test } from "node:test";
import { findBun } from "../../src/probe/index.ts";
import { probeFixture, survivors } from "./probe-fixture.ts";

const bun = findBun();

test("Bun finishes the import deadlock that hangs Node", { skip: bun ? false : "no bun executable" }, async () => {
  const { probes, tag } = await probeFixture("hang-tla-deadlock", "src/index.ts", { runtimes: ["node", "bun"] });
  const byRuntime = Object.fromEntries(probes.map((probe) => [probe.runtime, probe]));
  assert.equal(byRuntime.node?.status, "hang");
  assert.equal(byRuntime.bun?.status, "ok");
  assert.deepEqual(byRuntime.bun?.pending, []);
  assert.deepEqual(survivors(tag), []);
});

test("Bun reports the TDZ crash at the TypeScript line", { skip: bun ? false : "no bun executable" }, async () => {
  const { probe } = await probeFixture("crash-tdz-esm", "src/index.ts", { runtimes: ["bun"] });
  assert.equal(probe.status, "crash");
  assert.equal(probe.error?.file, "src/models/admin.ts");
  assert.equal(probe.error?.line, 11);
});
