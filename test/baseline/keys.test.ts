import assert from "node:assert/strict";
import { test } from "node:test";
import { applyBaseline, createBaseline } from "../../src/baseline/apply.ts";
import { findingKey } from "../../src/baseline/keys.ts";
import type { ReportFinding, ReportV1 } from "../../src/report/types.ts";
import { scanReport } from "../report/sample-reports.ts";

const moved = (f: ReportFinding, by: number): ReportFinding => ({ ...f, line: f.line + by, chain: f.chain?.map((h) => ({ ...h, line: h.line + by })) });

test("a cycle is known by its sorted module set; a finding by its rule's key (rule + file + symbol)", () => {
  const [async, cycle] = scanReport.findings;
  assert.deepEqual(findingKey(scanReport, cycle), { kind: "cycle", key: "import-cycle:src/db.ts,src/index.ts,src/services/user.ts" });
  assert.deepEqual(findingKey(scanReport, async), { kind: "finding", key: "async-constructor:src/auth/we,ird:name.ts:AuthClient.constructor" });
});

test("without a rule key, rule + file + the message without line numbers", () => {
  const f: ReportFinding = { rule: "tdz-risk", severity: "error", file: "src/x.ts", line: 9, message: "Base used at src/x.ts:9:3 before src/base.ts:4 (line 4) runs" };
  const g = { ...f, line: 12, message: "Base used at src/x.ts:12:3 before src/base.ts:7 (line 7) runs" };
  assert.equal(findingKey(scanReport, f).key, findingKey(scanReport, g).key);
  assert.equal(findingKey(scanReport, f).key, "tdz-risk:src/x.ts:Base used at src/x.ts before src/base.ts() runs" /* parentheses hold code: dropped (identity.ts) */);
});

test("create then apply: everything known; moved lines stay known; a second finding under one key is new", () => {
  const baseline = createBaseline(scanReport);
  assert.deepEqual(baseline, {
    version: 1,
    cycles: [["src/db.ts", "src/index.ts", "src/services/user.ts"]],
    findings: [{ rule: "async-constructor", file: "src/auth/we,ird:name.ts", key: "async-constructor:src/auth/we,ird:name.ts:AuthClient.constructor" }],
  });
  const same = applyBaseline(scanReport, baseline, "b.json");
  assert.deepEqual(same.findings, []);
  assert.deepEqual(same.baseline, { file: "b.json", known: 2, fixed: [], new: 0 });

  const shifted: ReportV1 = { ...scanReport, findings: [moved(scanReport.findings[0], 5), scanReport.findings[1]] };
  assert.deepEqual(applyBaseline(shifted, baseline, "b.json").baseline, { file: "b.json", known: 2, fixed: [], new: 0 });

  const twice: ReportV1 = { ...scanReport, findings: [...scanReport.findings, moved(scanReport.findings[0], 20)] };
  const r = applyBaseline(twice, baseline, "b.json");
  assert.deepEqual(r.baseline, { file: "b.json", known: 2, fixed: [], new: 1 });
  assert.equal(r.findings[0].line, 32);
});

test("entries that no longer occur are listed as fixed", () => {
  const baseline = createBaseline(scanReport);
  const none: ReportV1 = { ...scanReport, findings: [], cycles: scanReport.cycles.filter((c) => !c.runtime) };
  assert.deepEqual(applyBaseline(none, baseline, "b.json").baseline, {
    file: "b.json",
    known: 0,
    fixed: ["async-constructor:src/auth/we,ird:name.ts:AuthClient.constructor", "import-cycle:src/db.ts,src/index.ts,src/services/user.ts"],
    new: 0,
  });
});
