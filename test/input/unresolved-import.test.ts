import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

test("unresolved relative imports are warnings with file:line, once each; a missing package is a silent leaf", () => {
  const { code, report } = scanJson(fixture("input", "unresolved-import"));
  assert.equal(code, 0);
  assert.deepEqual(report.warnings, [
    { file: "src/index.ts", line: 2, message: "cannot resolve './gone.js'" },
    { file: "src/index.ts", line: 5, message: "cannot resolve '../missing/plugin.js'" },
  ]);
  assert.equal(report.modules, 2);
});
