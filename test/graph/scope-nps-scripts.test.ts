import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { finding, findingsOf } from "../rules/findings-view.js";

// Every file starts a timer at module scope; package-scripts.js (nps) runs commands/seed.ts.
const dir = fixture("graph", "scope-nps-scripts");

test("a file that nps's package-scripts.js names is a script: left out and counted; a file no script names stays", () => {
  const { report } = scanJson(dir);
  assert.deepEqual(report.entrypointSources, [{ file: "src/app.ts", source: "package.json#main" }]);
  assert.deepEqual(findingsOf(report), [finding("import-time-async", "warning", "commands/report.ts", 2)]);
  assert.deepEqual(report.excluded, { tests: 0, stories: 0, scripts: 1, browser: 0 });
});

test("--scope all scans the nps script too", () => {
  const { report } = scanJson(dir, ["--scope", "all"]);
  assert.deepEqual(report.findings.map((f) => f.file), ["commands/report.ts", "commands/seed.ts"]);
});
