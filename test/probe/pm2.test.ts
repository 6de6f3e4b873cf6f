// A start script that runs pm2 with an ecosystem file: the scan credits its apps to that script,
// and the probe runs each app as pm2 would, with the app's env (env_production for --env
// production), node args and args.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.ts";
import { FIXTURES, probeFixture } from "./probe-fixture.ts";

test("the scan credits pm2's apps to the start script that runs pm2", () => {
  const { report } = scanJson(`${FIXTURES}pm2-ecosystem`);
  assert.deepEqual(report.entrypointSources, [
    { file: "src/server.js", source: "package.json#scripts.start (pm2 ecosystem.config.json)" },
    { file: "src/jobs.js", source: "package.json#scripts.start (pm2 ecosystem.config.json)" },
  ]);
});

test("the probe runs an app as pm2 starts it: its env, node args and args", async () => {
  const { probe } = await probeFixture("pm2-ecosystem", "src/server.js");
  assert.equal(probe.status, "ok");
  assert.deepEqual(probe.ran, { command: "APP_MODE=production APP_NAME=api node --no-warnings src/server.js --port 0", transform: "none", reason: "scripts.start runs it with node, through pm2" });
  assert.match(probe.outputTail ?? "", /^mode production name api args --port 0\nlistening\n/);
});

test("pm2's second app is a program of the start script too; its cluster of two runs as one process, said", async () => {
  const { probe } = await probeFixture("pm2-ecosystem", "src/jobs.js");
  assert.equal(probe.status, "ok");
  assert.equal(probe.ran?.reason, "scripts.start runs it with node, through pm2");
  assert.deepEqual(probe.ran?.warnings, ["scripts.start: pm2 starts 2 instances of it; the probe runs one process"]);
});

test("a JavaScript ecosystem file is not run to be read: the probe says it did not follow it", async () => {
  const { probe } = await probeFixture("pm2-js-config", "src/index.js");
  assert.equal(probe.status, "ok");
  assert.deepEqual(probe.ran?.warnings, ["scripts.start starts pm2 with ecosystem.config.js, not followed: it is JavaScript, which startup-doctor does not run to read it; pass the app's entry with --entry"]);
  assert.equal(existsSync(`${FIXTURES}pm2-js-config/ran.txt`), false, "the ecosystem file ran");
});
