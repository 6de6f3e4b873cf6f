import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

test("an unresolved relative import on the startup path is an unresolved-import error; a lazy one a warning; a missing package is a silent leaf", () => {
  const { code, report } = scanJson(fixture("input", "unresolved-import"));
  // ./gone.js is imported when src/index.ts (the entry) loads: ERR_MODULE_NOT_FOUND at startup.
  assert.equal(code, 1);
  assert.deepEqual(report.findings.map((f) => [f.rule, f.severity, f.file, f.line]), [["unresolved-import", "error", "src/index.ts", 2]]);
  assert.deepEqual(report.warnings, [{ file: "src/index.ts", line: 5, message: "cannot resolve '../missing/plugin.js'" }]);
  assert.equal(report.modules, 2);
});
