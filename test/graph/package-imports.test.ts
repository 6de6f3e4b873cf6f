import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";
import { cyclesOf, edge, findingsOf } from "./cycle-view.js";

const { code, report } = scanJson(fixture("graph", "package-imports"));

test("`#alias` imports resolve through package.json `imports`, under nodenext and under node10", () => {
  assert.deepEqual(cyclesOf(report), [
    {
      // legacy/ resolves with node10, which ignores `imports`; its own package.json maps #util.
      modules: ["legacy/src/main.ts", "legacy/src/util.ts"],
      edges: [edge("legacy/src/main.ts", 1, "static", "legacy/src/util.ts"), edge("legacy/src/util.ts", 1, "static", "legacy/src/main.ts")],
      runtime: true,
      size: 2,
    },
    {
      // `#db/*` pattern one way, `#config` with conditions the other.
      modules: ["src/config.ts", "src/db/pool.ts"],
      edges: [edge("src/config.ts", 1, "static", "src/db/pool.ts"), edge("src/db/pool.ts", 1, "static", "src/config.ts")],
      runtime: true,
      size: 2,
    },
  ]);
  assert.deepEqual(findingsOf(report), ["legacy/src/util.ts:1 import-cycle", "src/db/pool.ts:1 import-cycle"]);
});

test("a `#name` that no imports map names is a warning with file:line", () => {
  assert.deepEqual(report.warnings, [{ file: "src/optional.ts", line: 2, message: "cannot resolve '#missing'" }]);
  assert.equal(report.modules, 7);
  // src/config.ts reads `pool` while the cycle is still evaluating: a real TDZ crash under node,
  // so tdz-risk (an error) makes scan exit 1.
  assert.deepEqual(report.findings.filter((f) => f.rule === "tdz-risk").map((f) => `${f.file}:${f.line} ${f.severity}`), ["src/config.ts:3 error"]);
  assert.equal(code, 1);
});
