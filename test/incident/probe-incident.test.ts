import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import type { ReportV1 } from "../../src/report/types.ts";
import { runCli } from "../helpers/cli.ts";
import { fixture } from "../helpers/fixture.ts";
import { survivors } from "../probe/probe-fixture.ts";

const TIMEOUT_MS = 3000;

test("check on the incident replica: a hang under Node with the pending chain, the live timer and the tla-deadlock behind it, stopped at the timeout", () => {
  const tag = randomUUID();
  // How long this machine takes to start the CLI at all: a loaded machine (tests run two at a
  // time) slows every process, the probe's overhead with it.
  const versionStarted = Date.now();
  runCli(["--version"]);
  const startupMs = Date.now() - versionStarted;
  const started = Date.now();
  const { stdout } = runCli(["check", fixture("incident", "streaming-metrics"), "--format", "json", "--timeout", String(TIMEOUT_MS)], {
    env: { STARTUP_DOCTOR_TEST_TAG: tag },
  });
  const elapsed = Date.now() - started;
  const report = JSON.parse(stdout) as ReportV1;
  // Its start script runs Bun and start:node runs tsx: auto probes both.
  const node = report.probes.find((probe) => probe.runtime === "node");
  assert.ok(node, JSON.stringify(report.probes.map((probe) => probe.runtime)));
  assert.equal(node.status, "hang");
  assert.deepEqual(node.pending, [
    { file: "src/index.ts", waitingFor: "src/app.ts" },
    { file: "src/app.ts", waitingFor: "src/routes/index.ts" },
    {
      file: "src/routes/index.ts",
      line: 5,
      waitingFor: "src/web/ui/routes/streaming-metrics.routes.ts",
      cycle: ["src/web/ui/routes/streaming-metrics.routes.ts", "src/metrics/registry.ts", "src/app.ts"],
    },
  ]);
  // The reconnect timer that keeps the process alive, at the line that schedules it.
  assert.deepEqual(
    node.handles.map((handle) => [handle.type, handle.file, handle.line]),
    [["timer", "src/lib/redis.ts", 21]],
  );
  // The retry timer was scheduled in a socket's error callback; the socket was opened by the
  // auth client singleton's constructor chain: that origin is reported and linked.
  assert.deepEqual(
    (node.handles[0].startedBy ?? []).filter((frame) => frame.startsWith("new ") || frame.includes("auth-client.ts:13")),
    ["new AuthCore (src/services/auth/auth-core.ts:11:10)", "new AuthClient (src/services/auth/auth-client.ts:5:5)", "<anonymous> (src/services/auth/auth-client.ts:13:27)"],
  );
  assert.match(node.summary ?? "", /first started by new AuthCore \(src\/services\/auth\/auth-core\.ts:11\)/);
  assert.deepEqual(node.explainedBy, [
    { rule: "tla-deadlock", file: "src/routes/index.ts", line: 5 },
    { rule: "import-time-async", file: "src/services/auth/auth-client.ts", line: 13 },
    { rule: "async-constructor", file: "src/services/auth/auth-core.ts", line: 11 },
  ]);
  assert.match(node.summary ?? "", /Evaluation is stuck in src\/routes\/index\.ts:5 awaiting import of src\/web\/ui\/routes\/streaming-metrics\.routes\.ts/);
  assert.match(node.summary ?? "", /Most likely cause: tla-deadlock at src\/routes\/index\.ts:5/);
  const bun = report.probes.find((probe) => probe.runtime === "bun");
  if (bun) {
    assert.equal(bun.status, "ok");
    assert.deepEqual(node.differsFrom, [{ runtime: "bun", status: "ok", phase: "boot" }]);
  }
  // Not a speed test (bench/check-incident.mjs measures "within timeout + 1 s"): this only proves
  // that check stops the hung app at the timeout instead of waiting for it.
  assert.ok(elapsed < TIMEOUT_MS + 15_000, `check took ${elapsed} ms (CLI start-up here: ${startupMs} ms)`);
  assert.deepEqual(survivors(tag), []);
});
