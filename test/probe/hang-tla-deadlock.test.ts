import assert from "node:assert/strict";
import { test } from "node:test";
import type { ReportFinding } from "../../src/report/types.ts";
import { linkProbesToFindings } from "../../src/probe/index.ts";
import { probeFixture, survivors } from "./probe-fixture.ts";

test("an import deadlock kept alive by a reconnect interval hangs, with the chain and the interval's line", async () => {
  const { probe, tag } = await probeFixture("hang-tla-deadlock", "src/index.ts");
  assert.equal(probe.status, "hang");
  assert.deepEqual(probe.pending, [
    { file: "src/index.ts", waitingFor: "src/routes/index.ts" },
    {
      file: "src/routes/index.ts",
      line: 9,
      waitingFor: "src/routes/streaming-metrics.routes.ts",
      cycle: ["src/routes/streaming-metrics.routes.ts", "src/metrics/registry.ts", "src/index.ts"],
    },
  ]);
  const interval = probe.handles.find((handle) => handle.type === "interval");
  assert.ok(interval, JSON.stringify(probe.handles));
  assert.equal(interval.file, "src/services/auth/ServiceNowAuthCore.ts");
  assert.equal(interval.line, 12);
  assert.match(probe.summary ?? "", /stuck in src\/routes\/index\.ts:9 awaiting import of src\/routes\/streaming-metrics\.routes\.ts/);
  assert.deepEqual(survivors(tag), []);

  const findings: ReportFinding[] = [
    { rule: "import-cycle", severity: "warning", file: "src/index.ts", line: 1, message: "cycle" },
    {
      rule: "import-time-async",
      severity: "warning",
      file: "src/services/auth/ServiceNowAuthCore.ts",
      line: 22,
      message: "new ServiceNowAuthCore() starts a reconnect loop at import time",
    },
    {
      rule: "tla-deadlock",
      severity: "error",
      file: "src/routes/index.ts",
      line: 9,
      message: "await import() re-enters src/index.ts, still evaluating",
      chain: [
        { file: "src/routes/streaming-metrics.routes.ts", line: 1 },
        { file: "src/metrics/registry.ts", line: 1 },
        { file: "src/index.ts", line: 2 },
      ],
    },
    { rule: "tdz-risk", severity: "warning", file: "src/index.ts", line: 4, message: "tdz" },
  ];
  const [linked] = linkProbesToFindings([probe], findings);
  assert.deepEqual(linked?.explainedBy, [
    { rule: "tla-deadlock", file: "src/routes/index.ts", line: 9 },
    { rule: "import-time-async", file: "src/services/auth/ServiceNowAuthCore.ts", line: 22 },
  ]);
  assert.match(linked?.summary ?? "", /Most likely cause: tla-deadlock at src\/routes\/index\.ts:9/);
});
