import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

test("without package.json the scan goes on with a warning and finds src/index.ts by convention", () => {
  const { code, report, stderr } = scanJson(fixture("input", "no-package-json"));
  assert.equal(code, 0);
  assert.equal(stderr, "");
  assert.deepEqual(report.warnings, [{ message: "no package.json: entrypoints are guessed from file names" }]);
  assert.deepEqual(report.entrypointSources, [{ file: "src/index.ts", source: "convention (src/index.ts)" }]);
  assert.equal(report.modules, 3);
  assert.deepEqual(report.cycles, []);
  assert.deepEqual(report.findings, []);
});
