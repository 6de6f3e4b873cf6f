import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import AjvDraft04 from "ajv-draft-04";
import { sarif } from "../../src/report/sarif.ts";
import type { ReportV1 } from "../../src/report/types.ts";
import { runCli } from "../helpers/cli.ts";
import { fixture } from "../helpers/fixture.ts";
import { assertGolden } from "./golden.ts";
import { baselinedReport, checkReport, cleanReport, scanReport } from "./sample-reports.ts";

// The OASIS SARIF 2.1.0 schema (2.1.0-rtm.5, draft-04), as shipped in @microsoft/jest-sarif (MIT).
// unicodeRegExp: false because its "language" pattern is not a valid unicode-mode regular expression.
const schema = JSON.parse(readFileSync(new URL("./sarif-schema-2.1.0.json", import.meta.url), "utf8")) as object;
// A CommonJS module: its default import is module.exports, whose `default` is the class.
const validate = new AjvDraft04.default({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

interface Log {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri: string; defaultConfiguration: { level: string } }> } };
    results: Array<{
      ruleId: string;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn?: number } } }>;
      relatedLocations?: Array<{ id: number; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message: { text: string } }>;
      partialFingerprints?: Record<string, string>;
    }>;
    originalUriBaseIds: Record<string, { uri: string }>;
  }>;
}

function render(report: ReportV1, pathPrefix = ""): { text: string; log: Log } {
  const text = sarif(report, { color: false, pathPrefix });
  return { text, log: JSON.parse(text) as Log };
}

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
}

/** The tool version changes with every release; goldens hold a placeholder. */
function stable(text: string): string {
  const log = JSON.parse(text) as Log;
  log.runs[0].tool.driver.version = "0.0.0";
  (log.runs[0].tool.driver as unknown as Record<string, string>).semanticVersion = "0.0.0";
  return `${JSON.stringify(log, null, 2)}\n`;
}

test("every sample report gives SARIF that the official 2.1.0 schema accepts", () => {
  for (const report of [scanReport, checkReport, baselinedReport, cleanReport]) assertValid(render(report).log);
  assertValid(render(scanReport, "packages/api/").log);
});

test("a scan becomes one run: rules with help links, one result per finding, file/line regions", () => {
  const { text, log } = render(scanReport);
  assert.equal(log.version, "2.1.0");
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, "startup-doctor");
  assert.deepEqual(
    run.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level, r.helpUri]),
    [
      ["async-constructor", "warning", "https://example.test/docs/rules/async-constructor.md"],
      ["import-cycle", "warning", "https://example.test/docs/rules/import-cycle.md"],
    ],
  );
  assert.deepEqual(
    run.results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]),
    [
      ["async-constructor", "error", "src/auth/we%2Cird%3Aname.ts", 12],
      ["import-cycle", "warning", "src/services/user.ts", 2],
    ],
  );
  assert.equal(run.results[0].locations[0].physicalLocation.region.startColumn, 5);
  assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uriBaseId, "%SRCROOT%");
  assert.deepEqual(run.originalUriBaseIds, { "%SRCROOT%": { uri: "file:///project/" } });
  assertGolden("scan.sarif.json", stable(text));
});

test("a runtime cycle is a result whose related locations are its edges, one per import line", () => {
  const cycle = render(scanReport).log.runs[0].results.find((r) => r.ruleId === "import-cycle");
  assert.deepEqual(
    cycle?.relatedLocations?.map((l) => [l.id, l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine, l.message.text]),
    [
      [0, "src/db.ts", 3, "static import of src/index.ts"],
      [1, "src/index.ts", 5, "reexport import of src/services/user.ts"],
      [2, "src/services/user.ts", 2, "static import of src/db.ts"],
    ],
  );
  assert.deepEqual(cycle?.partialFingerprints, { "startupDoctorKey/v1": "import-cycle:src/db.ts,src/index.ts,src/services/user.ts" });
});

test("probes that did not finish are error results at the stuck line or the thrown error; ok probes are not", () => {
  const { text, log } = render(checkReport);
  const run = log.runs[0];
  assert.deepEqual(
    run.results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]),
    [
      ["probe-hang", "error", "src/routes/index.ts", 9],
      ["probe-crash", "error", "src/models/user.ts", 3],
    ],
  );
  assert.deepEqual(
    run.results[0].relatedLocations?.map((l) => l.message.text),
    ["still evaluating, waiting for src/routes/index.ts", "still evaluating, waiting for src/routes/streaming-metrics.routes.ts"],
  );
  assert.ok(run.tool.driver.rules.some((r) => r.id === "probe-hang"));
  assertGolden("check.sarif.json", stable(text));
});

test("paths are written against the checkout when the project is a subfolder", () => {
  const run = render({ ...scanReport, root: "/work/repo/packages/api" }, "packages/api/").log.runs[0];
  assert.equal(run.results[1].locations[0].physicalLocation.artifactLocation.uri, "packages/api/src/services/user.ts");
  assert.deepEqual(run.originalUriBaseIds, { "%SRCROOT%": { uri: "file:///work/repo/" } });
});

test("the CLI writes schema-valid SARIF for a real project, paths relative to the working directory", () => {
  const r = runCli(["scan", fixture("graph", "barrel-cycle"), "--format", "sarif"], { env: { GITHUB_WORKSPACE: "", GITHUB_ACTIONS: "" } });
  assert.equal(r.code, 0, r.stderr);
  const log = JSON.parse(r.stdout) as Log;
  assertValid(log);
  assert.deepEqual(
    log.runs[0].results.map((x) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation.uri, x.relatedLocations?.length]),
    [["import-cycle", "fixtures/graph/barrel-cycle/src/services/user.ts", 2]],
  );
});

test("the schema check itself rejects a log that breaks SARIF", () => {
  const log = render(scanReport).log as unknown as { runs: Array<{ results: Array<{ level: string }> }> };
  log.runs[0].results[0].level = "fatal";
  assert.equal(validate(log), false);
});
