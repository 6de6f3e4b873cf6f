import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { cyclesOf, edge, findingsOf } from "./cycle-view.js";

const { code, report } = scanJson(fixture("graph", "mts-cts-mix"));

test(".mjs/.cjs specifiers reach .mts/.cts sources, and an ESM <-> CJS loop is a runtime cycle", () => {
  assert.deepEqual(cyclesOf(report), [
    {
      modules: ["src/helper.cts", "src/main.mts"],
      edges: [edge("src/helper.cts", 2, "static", "src/main.mts"), edge("src/main.mts", 1, "static", "src/helper.cts")],
      runtime: true,
      size: 2,
    },
  ]);
  assert.deepEqual(findingsOf(report), ["src/main.mts:1 import-cycle"]);
});

test("plain .mjs and .cjs files are modules too; the type-only options.mts adds no cycle", () => {
  assert.equal(report.modules, 5);
  assert.deepEqual(report.entrypointSources, [{ file: "src/main.mts", source: "package.json#bin.mix" }]);
  assert.deepEqual(report.warnings, []);
  assert.equal(code, 0);
});
