import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { cyclesOf, edge, findingsOf } from "./cycle-view.js";

const { code, report } = scanJson(fixture("graph", "barrel-cycle"));

test("a service importing the barrel that re-exports it is a runtime cycle through `export *`", () => {
  assert.deepEqual(cyclesOf(report), [
    {
      // The type-only re-exports (`export type {..} from`, `export { type ..} from`) tie the config
      // files into a larger component that closes only through erased edges.
      modules: ["src/config/defaults.ts", "src/index.ts"],
      edges: [edge("src/config/defaults.ts", 1, "type", "src/index.ts"), edge("src/index.ts", 4, "type", "src/config/defaults.ts")],
      runtime: false,
      size: 4,
    },
    {
      modules: ["src/index.ts", "src/services/user.ts"],
      edges: [edge("src/index.ts", 1, "reexport", "src/services/user.ts"), edge("src/services/user.ts", 2, "static", "src/index.ts")],
      runtime: true,
      size: 2,
    },
  ]);
  assert.deepEqual(report.cycles[0].component, ["src/config/defaults.ts", "src/config/settings.ts", "src/index.ts", "src/services/user.ts"]);
});

test("one finding, reached from the entry that package.json main names through outDir/rootDir", () => {
  assert.deepEqual(findingsOf(report), ["src/services/user.ts:2 import-cycle"]);
  assert.deepEqual(report.findings[0].entrypoints, ["src/server.ts"]);
  assert.deepEqual(report.entrypointSources, [{ file: "src/server.ts", source: "package.json#main" }]);
  assert.equal(report.modules, 6);
  assert.deepEqual(report.warnings, []);
  assert.equal(code, 0);
});
