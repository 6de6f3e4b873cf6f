import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { cyclesOf, edge, findingsOf } from "./cycle-view.js";

const { code, report } = scanJson(fixture("graph", "js-specifier-to-ts"));

test("`./x.js` specifiers resolve to .ts/.tsx sources, and a .js file with a .d.ts beside it stays a module", () => {
  assert.deepEqual(cyclesOf(report), [
    {
      // table.js has table.d.ts next to it: TypeScript resolves the declaration, the edge goes to the JavaScript.
      modules: ["src/gen/columns.ts", "src/gen/table.js"],
      edges: [edge("src/gen/columns.ts", 1, "static", "src/gen/table.js"), edge("src/gen/table.js", 2, "static", "src/gen/columns.ts")],
      runtime: true,
      size: 2,
    },
    {
      modules: ["src/widgets/button.tsx", "src/widgets/index.ts"],
      edges: [edge("src/widgets/button.tsx", 1, "static", "src/widgets/index.ts"), edge("src/widgets/index.ts", 2, "reexport", "src/widgets/button.tsx")],
      runtime: true,
      size: 2,
    },
  ]);
  assert.deepEqual(findingsOf(report), ["src/gen/table.js:2 import-cycle", "src/widgets/index.ts:2 import-cycle"]);
});

test("exports[\".\"] -> dist/index.js maps back to src/index.ts", () => {
  assert.deepEqual(report.entrypointSources, [{ file: "src/index.ts", source: 'package.json#exports["."]' }]);
  assert.equal(report.modules, 5);
  assert.deepEqual(report.warnings, []);
  assert.equal(code, 0);
});
