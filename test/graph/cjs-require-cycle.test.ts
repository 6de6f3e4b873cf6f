import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { cyclesOf, edge, findingsOf } from "./cycle-view.js";

const { code, report } = scanJson(fixture("graph", "cjs-require-cycle"));

test("require() cycles in .cjs and `import x = require()` cycles in .cts are runtime cycles", () => {
  assert.deepEqual(cyclesOf(report), [
    {
      // plugins.cjs requires loader.cjs only inside load().
      modules: ["lib/loader.cjs", "lib/plugins.cjs"],
      edges: [edge("lib/loader.cjs", 1, "require", "lib/plugins.cjs", false), edge("lib/plugins.cjs", 5, "require", "lib/loader.cjs", true)],
      runtime: false,
      size: 2,
    },
    {
      modules: ["lib/routes.cjs", "lib/server.cjs"],
      edges: [edge("lib/routes.cjs", 1, "require", "lib/server.cjs", false), edge("lib/server.cjs", 1, "require", "lib/routes.cjs", false)],
      runtime: true,
      size: 2,
    },
    {
      modules: ["src/handlers.cts", "src/registry.cts"],
      edges: [edge("src/handlers.cts", 1, "require", "src/registry.cts", false), edge("src/registry.cts", 1, "require", "src/handlers.cts", false)],
      runtime: true,
      size: 2,
    },
    {
      // `import shapes = require()` used only in a type alias, and the reverse used only in `typeof`.
      modules: ["src/registry.cts", "src/shapes.cts"],
      edges: [edge("src/registry.cts", 2, "type", "src/shapes.cts"), edge("src/shapes.cts", 1, "type", "src/registry.cts")],
      runtime: false,
      size: 3,
    },
  ]);
  assert.deepEqual(findingsOf(report), ["lib/server.cjs:1 import-cycle", "src/registry.cts:1 import-cycle"]);
});

test("the CommonJS entry from package.json main reaches both runtime cycles", () => {
  assert.deepEqual(report.entrypointSources, [{ file: "lib/index.cjs", source: "package.json#main" }]);
  assert.deepEqual(report.findings.map((f) => f.entrypoints), [["lib/index.cjs"], ["lib/index.cjs"]]);
  assert.equal(report.modules, 8);
  assert.deepEqual(report.warnings, []);
  assert.equal(code, 0);
});
