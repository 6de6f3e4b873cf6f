import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

test("a root tsconfig whose include matches nothing falls back to the source tree, with a warning", () => {
  const { code, report } = scanJson(fixture("input", "tsconfig-no-files"));
  assert.equal(code, 0);
  assert.deepEqual(report.warnings, [{ file: "tsconfig.json", message: "tsconfig includes no source files; reading the source tree instead" }]);
  assert.equal(report.modules, 2);
  assert.deepEqual(
    report.cycles.map((c) => [c.modules, c.runtime]),
    [[["src/a.ts", "src/index.ts"], true]],
  );
});
