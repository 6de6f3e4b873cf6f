import assert from "node:assert/strict";
import { test } from "node:test";
import { scanJson } from "../helpers/cli.js";
import { fixture } from "../helpers/fixture.js";

test("a file with syntax errors is a warning per error line, and its import edges are kept", () => {
  const { code, report, stderr } = scanJson(fixture("input", "syntax-error"));
  assert.equal(code, 0);
  assert.equal(stderr, "");
  assert.deepEqual(report.warnings, [
    { file: "src/broken.ts", line: 4, message: "syntax error: ')' expected. (edges kept)" },
    { file: "src/broken.ts", line: 7, message: "syntax error: '}' expected. (edges kept)" },
  ]);
  assert.deepEqual(
    report.cycles.map((c) => ({ modules: c.modules, edges: c.edges.map((e) => `${e.from}:${e.line} ${e.kind} ${e.to}`), runtime: c.runtime })),
    [{ modules: ["src/broken.ts", "src/index.ts"], edges: ["src/broken.ts:2 side-effect src/index.ts", "src/index.ts:1 static src/broken.ts"], runtime: true }],
  );
  assert.equal(report.modules, 3);
});
