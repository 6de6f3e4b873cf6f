import assert from "node:assert/strict";
import { test } from "node:test";
import type { ReportFinding } from "../../src/report/types.ts";
import { linkProbesToFindings } from "../../src/probe/index.ts";
import { probeFixture } from "./probe-fixture.ts";

test("class extends in an ESM cycle crashes at the TypeScript line, not the emitted one", async () => {
  const { probe } = await probeFixture("crash-tdz-esm", "src/index.ts");
  assert.equal(probe.status, "crash");
  assert.equal(probe.phase, "evaluation");
  assert.equal(probe.exitCode, 1);
  assert.equal(probe.error?.name, "ReferenceError");
  assert.equal(probe.error?.message, "Cannot access 'Base' before initialization");
  assert.equal(probe.error?.file, "src/models/admin.ts");
  assert.equal(probe.error?.line, 11);
  assert.equal(probe.error?.column, 28);
  assert.deepEqual(
    probe.pending.map((module) => module.file),
    ["src/index.ts", "src/models/base.ts", "src/models/admin.ts"],
  );

  const findings: ReportFinding[] = [
    { rule: "import-cycle", severity: "warning", file: "src/models/base.ts", line: 1, message: "cycle", chain: [{ file: "src/models/admin.ts", line: 1 }] },
    { rule: "tdz-risk", severity: "error", file: "src/models/admin.ts", line: 11, message: "Base is read before base.ts finished" },
  ];
  const [linked] = linkProbesToFindings([probe], findings);
  assert.deepEqual(linked?.explainedBy?.[0], { rule: "tdz-risk", file: "src/models/admin.ts", line: 11 });
  assert.equal(linked?.explainedBy?.[1]?.rule, "import-cycle");
});
