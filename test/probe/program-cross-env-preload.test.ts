// `cross-env APP_NAME=... node -r ./preload.cjs src/server.js`: the server refuses to start
// without its preload and environment, so starting at all proves both were honoured.
import assert from "node:assert/strict";
import { test } from "node:test";
import { probeFixture } from "./probe-fixture.ts";

test("the start script's cross-env variables and -r preload reach the child", async () => {
  const { probe } = await probeFixture("program-cross-env-preload", "src/server.js", { timeoutMs: 30000, slowMs: 25000 });
  assert.equal(probe.status, "ok", probe.summary);
  assert.match(probe.outputTail ?? "", /preloaded-app starting/);
  assert.deepEqual(probe.ran, {
    command: "APP_NAME=preloaded-app LOG_LEVEL=warn node -r ./preload.cjs --enable-source-maps src/server.js",
    transform: "none",
    reason: "scripts.start runs it with node",
  });
});
